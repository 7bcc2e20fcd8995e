/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * UTF-8 validation after the Unicode standard's table 3-7 of well-formed
 * byte sequences.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

/* Bytes of plain ASCII checked at once, the common case of chat text. */
#define UTF8_WORD	sizeof (uint64_t)

int
utf8_valid(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	const unsigned char	*end = s + len;
	unsigned char		 lo, hi;
	int			 n, i;
	uint64_t		 w;

	while (s < end) {
		if (*s < 0x80) {
			while ((size_t)(end - s) >= UTF8_WORD) {
				memcpy(&w, s, UTF8_WORD);
				if (w & 0x8080808080808080ULL)
					break;
				s += UTF8_WORD;
			}
			if (s < end && *s < 0x80)
				s++;
			continue;
		}
		lo = 0x80;
		hi = 0xbf;
		if (*s >= 0xc2 && *s <= 0xdf)
			n = 1;
		else if (*s >= 0xe0 && *s <= 0xef) {
			n = 2;
			if (*s == 0xe0)
				lo = 0xa0;
			else if (*s == 0xed)
				hi = 0x9f;
		} else if (*s >= 0xf0 && *s <= 0xf4) {
			n = 3;
			if (*s == 0xf0)
				lo = 0x90;
			else if (*s == 0xf4)
				hi = 0x8f;
		} else
			return (0);
		if (end - s <= n)
			return (0);
		if (s[1] < lo || s[1] > hi)
			return (0);
		for (i = 2; i <= n; i++) {
			if (s[i] < 0x80 || s[i] > 0xbf)
				return (0);
		}
		s += n + 1;
	}
	return (1);
}
