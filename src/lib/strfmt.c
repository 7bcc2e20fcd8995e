/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * vsnprintf for the lines the server sends and logs, whose formats use only
 * %s, %c, %d, %u, %lld, %llu and %zu: copies and digits, without printf's
 * set-up, which was most of a registration's time in user space (callgrind)
 * and most of a log line's. Any other conversion hands the whole line to
 * vsnprintf, so the result is always snprintf's.
 */

#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "strfmt.h"

/* Append len bytes of s at buf[*n], as far as size - 1 allows. */
static void
strfmt_put(char *buf, size_t size, size_t *n, const char *s, size_t len)
{
	if (len > size - 1 - *n)
		len = size - 1 - *n;
	memcpy(buf + *n, s, len);
	*n += len;
}

/* Append v in decimal, with a minus sign if neg. */
static void
strfmt_number(char *buf, size_t size, size_t *n, unsigned long long v,
    int neg)
{
	char	digits[24], *p = digits + sizeof digits;

	do
		*--p = '0' + v % 10;
	while ((v /= 10) != 0);
	if (neg)
		*--p = '-';
	strfmt_put(buf, size, n, p, digits + sizeof digits - p);
}

size_t
strfmt_v(char *buf, size_t size, const char *fmt, va_list ap)
{
	const char	*p, *s;
	size_t		 n = 0;
	long long	 ll;
	int		 d;
	va_list		 ap2;
	char		 ch;
	int		 len;

	if (size == 0)
		return (0);
	va_copy(ap2, ap);
	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%') {
			s = p;
			if ((p = strchr(s, '%')) == NULL)
				p = s + strlen(s);
			strfmt_put(buf, size, &n, s, p - s);
			p--;
			continue;
		}
		switch (*++p) {
		case 's':
			s = va_arg(ap, const char *);
			strfmt_put(buf, size, &n, s, strlen(s));
			break;
		case 'u':
			strfmt_number(buf, size, &n, va_arg(ap, unsigned int),
			    0);
			break;
		case 'd':
			d = va_arg(ap, int);
			strfmt_number(buf, size, &n, d < 0 ?
			    -(unsigned long long)d : (unsigned long long)d,
			    d < 0);
			break;
		case 'z':
			if (p[1] != 'u')
				goto other;
			p++;
			strfmt_number(buf, size, &n, va_arg(ap, size_t), 0);
			break;
		case 'c':
			ch = (char)va_arg(ap, int);
			strfmt_put(buf, size, &n, &ch, 1);
			break;
		case 'l':
			if (strncmp(p, "llu", 3) == 0) {
				p += 2;
				strfmt_number(buf, size, &n,
				    va_arg(ap, unsigned long long), 0);
				break;
			}
			if (strncmp(p, "lld", 3) != 0)
				goto other;
			p += 2;
			ll = va_arg(ap, long long);
			strfmt_number(buf, size, &n, ll < 0 ?
			    -(unsigned long long)ll : (unsigned long long)ll, ll < 0);
			break;
		case '%':
			strfmt_put(buf, size, &n, "%", 1);
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

size_t
strfmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list	ap;
	size_t	n;

	va_start(ap, fmt);
	n = strfmt_v(buf, size, fmt, ap);
	va_end(ap);
	return (n);
}

size_t
strfmt_pct(char *out, size_t size, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 n = 0;
	unsigned char		 c;

	if (size == 0)
		return (0);
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
		    c == '~') {
			if (n + 1 >= size)
				break;
			out[n++] = (char)c;
		} else {
			if (n + 3 >= size)
				break;
			out[n++] = '%';
			out[n++] = hex[c >> 4];
			out[n++] = hex[c & 15];
		}
	}
	out[n] = '\0';
	return (n);
}
