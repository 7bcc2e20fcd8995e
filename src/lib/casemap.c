/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * ASCII casemapping, the one chatd advertises (CASEMAPPING=ascii).
 */

#include "config.h"

#include "casemap.h"

void
casemap_fold(char *dst, const char *src, size_t size)
{
	size_t	i;

	if (size == 0)
		return;
	for (i = 0; i < size - 1 && src[i] != '\0'; i++)
		dst[i] = casemap_char(src[i]);
	dst[i] = '\0';
}

int
casemap_cmp(const char *a, const char *b)
{
	unsigned char	ca, cb;

	do {
		ca = casemap_char(*a++);
		cb = casemap_char(*b++);
	} while (ca == cb && ca != '\0');
	return (ca - cb);
}

/* FNV-1a over the folded bytes. */
uint32_t
casemap_hash(const char *s)
{
	uint32_t	h = 2166136261u;

	for (; *s != '\0'; s++) {
		h ^= casemap_char(*s);
		h *= 16777619u;
	}
	return (h);
}

/*
 * Iterative wildcard match with one backtrack point: linear in practice and
 * never recursive, so a hostile mask cannot blow the stack.
 */
int
casemap_match(const char *mask, const char *s)
{
	const char	*star = NULL, *resume = NULL;

	while (*s != '\0') {
		if (*mask == '*') {
			star = mask++;
			resume = s;
		} else if (*mask == '?' ||
		    (*mask != '\0' && casemap_char(*mask) == casemap_char(*s))) {
			mask++;
			s++;
		} else if (star != NULL) {
			mask = star + 1;
			s = ++resume;
		} else
			return (0);
	}
	while (*mask == '*')
		mask++;
	return (*mask == '\0');
}
