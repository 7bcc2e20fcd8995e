/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Line splitting shared by server and client, so that CR/LF handling and the
 * length limit are the same on both sides and tested once.
 */

#include "config.h"

#include <string.h>

#include <event2/buffer.h>

#include "linebuf.h"

enum linebuf_result
linebuf_get(struct evbuffer *in, char *out, size_t size, size_t max,
    size_t *len, int *skipping)
{
	struct evbuffer_ptr	eol;
	size_t			eol_len, n;

	for (;;) {
		eol = evbuffer_search_eol(in, NULL, &eol_len, EVBUFFER_EOL_ANY);
		if (eol.pos < 0) {
			n = evbuffer_get_length(in);
			if (*skipping) {
				evbuffer_drain(in, n);
				return (LINEBUF_NONE);
			}
			if (n > max) {
				evbuffer_drain(in, n);
				*skipping = 1;
				return (LINEBUF_TOOLONG);
			}
			return (LINEBUF_NONE);
		}
		n = (size_t)eol.pos;
		if (*skipping) {
			evbuffer_drain(in, n + eol_len);
			*skipping = 0;
			continue;
		}
		if (n == 0) {
			evbuffer_drain(in, eol_len);
			continue;
		}
		if (n > max || n >= size) {
			evbuffer_drain(in, n + eol_len);
			return (LINEBUF_TOOLONG);
		}
		evbuffer_remove(in, out, n);
		evbuffer_drain(in, eol_len);
		out[n] = '\0';
		*len = n;
		if (memchr(out, '\0', n) != NULL)
			return (LINEBUF_NUL);
		return (LINEBUF_LINE);
	}
}
