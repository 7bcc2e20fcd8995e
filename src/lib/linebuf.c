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

/* The first CR or LF in p[0..n), or NULL; O(line), not O(buffer). */
static const char *
linebuf_eol(const char *p, size_t n)
{
	const char	*lf, *cr;

	if ((lf = memchr(p, '\n', n)) != NULL)
		n = lf - p;
	if ((cr = memchr(p, '\r', n)) != NULL)
		return (cr);
	return (lf);
}

enum linebuf_result
linebuf_next(const char *buf, size_t len, size_t max, const char **line,
    size_t *linelen, size_t *used, int *skipping)
{
	const char	*p = buf, *end = buf + len, *eol, *next;
	size_t		 n;

	for (;;) {
		if ((eol = linebuf_eol(p, end - p)) == NULL) {
			if (*skipping) {
				*used = len;
				return (LINEBUF_NONE);
			}
			if ((size_t)(end - p) > max) {
				*used = len;
				*skipping = 1;
				return (LINEBUF_TOOLONG);
			}
			*used = p - buf;
			return (LINEBUF_NONE);
		}
		/* Every CR and LF in a row ends the line. */
		for (next = eol; next < end && (*next == '\r' || *next == '\n');)
			next++;
		n = eol - p;
		if (*skipping || n == 0) {
			*skipping = 0;
			p = next;
			continue;
		}
		*used = next - buf;
		if (n > max)
			return (LINEBUF_TOOLONG);
		*line = p;
		*linelen = n;
		if (memchr(p, '\0', n) != NULL)
			return (LINEBUF_NUL);
		return (LINEBUF_LINE);
	}
}

/*
 * The same over an evbuffer, a window of max + 1 bytes at a time: a line
 * that fits ends within it, so nothing longer is ever made contiguous.
 */
enum linebuf_result
linebuf_get(struct evbuffer *in, char *out, size_t size, size_t max,
    size_t *len, int *skipping)
{
	enum linebuf_result	 r;
	const char		*data, *line;
	size_t			 n, win, used;

	for (;;) {
		if ((n = evbuffer_get_length(in)) == 0)
			return (LINEBUF_NONE);
		win = n > max + 1 ? max + 1 : n;
		data = (const char *)evbuffer_pullup(in, win);
		r = linebuf_next(data, win, max, &line, len, &used, skipping);
		if (r == LINEBUF_NONE) {
			/* Only empty lines or a skipped tail were taken. */
			if (used == 0)
				return (LINEBUF_NONE);
			evbuffer_drain(in, used);
			continue;
		}
		if ((r == LINEBUF_LINE || r == LINEBUF_NUL) && *len >= size)
			r = LINEBUF_TOOLONG;
		else if (r != LINEBUF_TOOLONG) {
			memcpy(out, line, *len);
			out[*len] = '\0';
		}
		evbuffer_drain(in, used);
		return (r);
	}
}
