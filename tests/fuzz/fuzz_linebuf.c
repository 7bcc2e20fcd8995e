/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Fuzz target: line splitting, with the input cut into pieces as the
 * network might. Invariants: a line is never longer than the limit and
 * holds no CR, LF or NUL; the evbuffer splitter fed in pieces and the
 * in-place splitter (linebuf_next, chatd's) given the whole input at once
 * find the same lines.
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

/* The next result of splitting the whole input in place. */
static enum linebuf_result
flat_next(const uint8_t *data, size_t size, size_t *off, int *skipping,
    const char **line, size_t *len)
{
	enum linebuf_result	r;
	size_t			used;

	for (;;) {
		r = linebuf_next((const char *)data + *off, size - *off, MAX,
		    line, len, &used, skipping);
		*off += used;
		if (r != LINEBUF_NONE || used == 0)
			return (r);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct evbuffer		*in;
	enum linebuf_result	 r, fr;
	char			 out[MAX + 1];
	const char		*fline;
	size_t			 off = 0, foff = 0, piece, len, flen;
	int			 skipping = 0, fskipping = 0;

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
			r = linebuf_get(in, out, sizeof out, MAX, &len,
			    &skipping);
			if (r == LINEBUF_NONE)
				break;
			fr = flat_next(data, size, &foff, &fskipping, &fline,
			    &flen);
			assert(fr == r);
			if (r == LINEBUF_LINE) {
				assert(len > 0 && len <= MAX);
				assert(strlen(out) == len);
				assert(strpbrk(out, "\r\n") == NULL);
				assert(flen == len && memcmp(fline, out, len) == 0);
			}
		}
		assert(evbuffer_get_length(in) <= MAX);
	}
	/* Whatever is left unfinished, the in-place splitter has no more. */
	assert(flat_next(data, size, &foff, &fskipping, &fline, &flen) ==
	    LINEBUF_NONE);
	evbuffer_free(in);
	return (0);
}
