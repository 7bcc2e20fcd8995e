/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Allocation wrappers that never return NULL: they end the program instead.
 */

#ifndef CHAT_XMALLOC_H
#define CHAT_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* Allocate size bytes; never NULL. */
void	*xmalloc(size_t);
/* Allocate nmemb zeroed elements; never NULL. */
void	*xcalloc(size_t, size_t);
/* Resize ptr to nmemb elements of size bytes; never NULL. */
void	*xreallocarray(void *, size_t, size_t);
/* Copy a string; the caller owns the result. */
char	*xstrdup(const char *);
/* Copy at most n bytes of a string; the caller owns the result. */
char	*xstrndup(const char *, size_t);
/* Format into a new string; the caller owns the result. */
int	 xasprintf(char **, const char *, ...)
	     __attribute__((format(printf, 2, 3)));
int	 xvasprintf(char **, const char *, va_list)
	     __attribute__((format(printf, 2, 0)));
/* Copy src into dst of size dsize, always terminated; returns strlen(src). */
size_t	 xstrlcpy(char *, const char *, size_t);

#endif
