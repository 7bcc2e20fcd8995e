/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * A fast vsnprintf for wire and log lines: %s, %c, %d, %u, %lld, %llu, %zu
 * and %% are copied and written by hand, anything else goes to vsnprintf.
 * The text is cut at size - 1 and always terminated (size 0 writes
 * nothing); the length written.
 */

#ifndef CHAT_STRFMT_H
#define CHAT_STRFMT_H

#include <stdarg.h>
#include <stddef.h>

size_t	strfmt_v(char *, size_t, const char *, va_list);
size_t	strfmt(char *, size_t, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* s percent-encoded (RFC 3986: the unreserved kept), as strfmt cuts. */
size_t	strfmt_pct(char *, size_t, const char *);

#endif
