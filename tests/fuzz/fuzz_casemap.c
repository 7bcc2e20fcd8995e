/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Fuzz target: casemapping and wildcard matching. Input: mask, NUL,
 * string. Invariants: a name matches itself as a mask when it holds no
 * wildcard, folding keeps comparison and hash equal, "*" matches all.
 */

#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "casemap.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*buf, *mask, *str, *fold;
	size_t	 len;

	if (size > 4096)
		return (0);
	buf = calloc(1, size + 2);
	memcpy(buf, data, size);
	mask = buf;
	len = strlen(mask);
	str = len < size ? buf + len + 1 : buf + size;
	(void)casemap_match(mask, str);
	assert(casemap_match("*", str));
	if (strpbrk(str, "*?") == NULL)
		assert(casemap_match(str, str));
	fold = malloc(strlen(str) + 1);
	casemap_fold(fold, str, strlen(str) + 1);
	assert(casemap_cmp(fold, str) == 0);
	assert(casemap_hash(fold) == casemap_hash(str));
	free(fold);
	free(buf);
	return (0);
}
