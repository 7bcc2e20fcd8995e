/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Lookup of numeric reply formats by code, and their formatting.
 */

#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "numeric.h"

const char *
numeric_format(enum numeric n)
{
	switch (n) {
#define NUMERIC_CASE(name, code, fmt) case name: return (fmt);
	NUMERIC_LIST(NUMERIC_CASE)
#undef NUMERIC_CASE
	}
	return (NULL);
}

/* Append len bytes of s at buf[*n], as far as size - 1 allows. */
static void
numeric_put(char *buf, size_t size, size_t *n, const char *s, size_t len)
{
	if (len > size - 1 - *n)
		len = size - 1 - *n;
	memcpy(buf + *n, s, len);
	*n += len;
}

/* Append v in decimal, with a minus sign if neg. */
static void
numeric_put_number(char *buf, size_t size, size_t *n, unsigned long long v,
    int neg)
{
	char	digits[24], *p = digits + sizeof digits;

	do
		*--p = '0' + v % 10;
	while ((v /= 10) != 0);
	if (neg)
		*--p = '-';
	numeric_put(buf, size, n, p, digits + sizeof digits - p);
}

size_t
numeric_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	const char	*p, *s;
	size_t		 n = 0;
	long long	 ll;
	va_list		 ap2;
	char		 ch;
	int		 len;

	if (size == 0)
		return (0);
	va_copy(ap2, ap);
	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%') {
			s = p;
			while (p[1] != '\0' && p[1] != '%')
				p++;
			numeric_put(buf, size, &n, s, p + 1 - s);
			continue;
		}
		switch (*++p) {
		case 's':
			s = va_arg(ap, const char *);
			numeric_put(buf, size, &n, s, strlen(s));
			break;
		case 'u':
			numeric_put_number(buf, size, &n, va_arg(ap, unsigned int),
			    0);
			break;
		case 'c':
			ch = (char)va_arg(ap, int);
			numeric_put(buf, size, &n, &ch, 1);
			break;
		case 'l':
			if (strncmp(p, "lld", 3) != 0)
				goto other;
			p += 2;
			ll = va_arg(ap, long long);
			numeric_put_number(buf, size, &n, ll < 0 ?
			    -(unsigned long long)ll : (unsigned long long)ll, ll < 0);
			break;
		case '%':
			numeric_put(buf, size, &n, "%", 1);
			break;
		default:
			goto other;
		}
	}
	va_end(ap2);
	buf[n] = '\0';
	return (n);

other:
	/* A conversion of another kind: printf does the whole line. */
	len = vsnprintf(buf, size, fmt, ap2);
	va_end(ap2);
	if (len < 0) {
		buf[0] = '\0';
		return (0);
	}
	return ((size_t)len < size ? (size_t)len : size - 1);
}
