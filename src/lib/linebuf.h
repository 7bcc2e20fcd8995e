/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Take IRC lines out of an evbuffer: CRLF, LF or CR ends a line; a line over
 * the limit is discarded and reported once.
 */

#ifndef CHAT_LINEBUF_H
#define CHAT_LINEBUF_H

#include <stddef.h>

struct evbuffer;

enum linebuf_result {
	LINEBUF_NONE,		/* no complete line yet */
	LINEBUF_LINE,		/* a line was copied out */
	LINEBUF_TOOLONG,	/* a line over the limit was dropped */
	LINEBUF_NUL		/* a line holding a NUL byte was dropped */
};

/*
 * Copy the next line of in, without its end, into out (size bytes, at least
 * max + 1) and NUL-terminate it; *len gets its length. Empty lines are
 * skipped. *skipping is the caller's state for a too-long line whose end has
 * not arrived yet: start it at 0.
 */
enum linebuf_result linebuf_get(struct evbuffer *, char *, size_t, size_t,
	    size_t *, int *);

/*
 * The same over len bytes of buf, in place: *line and *linelen get the
 * line (not terminated), *used the bytes taken, line end included; with
 * LINEBUF_NONE, *used bytes (empty lines, a too-long line's tail) may be
 * dropped and the rest kept for more input.
 */
enum linebuf_result linebuf_next(const char *, size_t, size_t,
	    const char **, size_t *, size_t *, int *);

#endif
