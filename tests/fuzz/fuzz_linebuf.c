/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Fuzz target: line splitting, with the input cut into pieces as the
 * network might. Invariants: a line is never longer than the limit and
 * holds no CR, LF or NUL.
 */

#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include <event2/buffer.h>

#include "chatlimits.h"
#include "linebuf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAX	64

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct evbuffer	*in;
	char		 out[MAX + 1];
	size_t		 off = 0, piece, len;
	int		 skipping = 0;

	if (size == 0)
		return (0);
	in = evbuffer_new();
	/* The first byte sets the piece size. */
	piece = (data[0] % 17) + 1;
	data++;
	size--;
	while (off < size) {
		if (piece > size - off)
			piece = size - off;
		evbuffer_add(in, data + off, piece);
		off += piece;
		for (;;) {
			enum linebuf_result r = linebuf_get(in, out, sizeof out,
			    MAX, &len, &skipping);

			if (r == LINEBUF_NONE)
				break;
			if (r == LINEBUF_LINE) {
				assert(len > 0 && len <= MAX);
				assert(strlen(out) == len);
				assert(strpbrk(out, "\r\n") == NULL);
			}
		}
		assert(evbuffer_get_length(in) <= MAX);
	}
	evbuffer_free(in);
	return (0);
}
