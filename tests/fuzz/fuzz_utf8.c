/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Fuzz target: UTF-8 validation, checked against a second, deliberately
 * simple decoder (differential fuzzing).
 */

#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <stddef.h>

#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Decode code points one by one; 0 if anything is not well formed. */
static int
reference(const uint8_t *s, size_t n)
{
	size_t		i = 0, len, k;
	uint32_t	cp, min;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0) {
			len = 2;
			cp = s[i] & 0x1f;
			min = 0x80;
		} else if ((s[i] & 0xf0) == 0xe0) {
			len = 3;
			cp = s[i] & 0x0f;
			min = 0x800;
		} else if ((s[i] & 0xf8) == 0xf0) {
			len = 4;
			cp = s[i] & 0x07;
			min = 0x10000;
		} else
			return (0);
		if (i + len > n)
			return (0);
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return (0);
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return (0);
		i += len;
	}
	return (1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	assert(utf8_valid((const char *)data, size) == reference(data, size));
	return (0);
}
