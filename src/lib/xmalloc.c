/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Allocation wrappers that end the program when memory runs out, so that no
 * caller has to handle NULL (tmux's xmalloc.c).
 */

#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "xmalloc.h"

void *
xmalloc(size_t size)
{
	void	*ptr;

	if (size == 0)
		size = 1;
	if ((ptr = malloc(size)) == NULL)
		fatal("xmalloc: allocating %zu bytes", size);
	return (ptr);
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void	*ptr;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if ((ptr = calloc(nmemb, size)) == NULL)
		fatal("xcalloc: allocating %zu * %zu bytes", nmemb, size);
	return (ptr);
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void	*new;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if (size != 0 && nmemb > SIZE_MAX / size)
		fatalx("xreallocarray: %zu * %zu overflows", nmemb, size);
	if ((new = realloc(ptr, nmemb * size)) == NULL)
		fatal("xreallocarray: allocating %zu * %zu bytes", nmemb, size);
	return (new);
}

char *
xstrdup(const char *s)
{
	char	*cp;

	if ((cp = strdup(s)) == NULL)
		fatal("xstrdup");
	return (cp);
}

char *
xstrndup(const char *s, size_t n)
{
	char	*cp;

	if ((cp = strndup(s, n)) == NULL)
		fatal("xstrndup");
	return (cp);
}

int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	ap;
	int	i;

	va_start(ap, fmt);
	i = xvasprintf(ret, fmt, ap);
	va_end(ap);
	return (i);
}

int
xvasprintf(char **ret, const char *fmt, va_list ap)
{
	int	i;

	i = vasprintf(ret, fmt, ap);
	if (i < 0 || *ret == NULL)
		fatal("xasprintf");
	return (i);
}

size_t
xstrlcpy(char *dst, const char *src, size_t dsize)
{
	size_t	len;

	len = strlen(src);
	if (dsize != 0) {
		if (len >= dsize) {
			memcpy(dst, src, dsize - 1);
			dst[dsize - 1] = '\0';
		} else
			memcpy(dst, src, len + 1);
	}
	return (len);
}
