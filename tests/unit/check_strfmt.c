/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for strfmt.c: whatever the format, the same text and length
 * as snprintf, cut lines included.
 */

#include "config.h"

#include <sys/types.h>

#include <check.h>
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "strfmt.h"
#include "unit.h"

/* strfmt_v into a buffer of size; its result must be snprintf's. */
static void
same(size_t size, const char *fmt, ...)
{
	char	got[256], want[256];
	size_t	n;
	int	m;
	va_list	ap;

	ck_assert_uint_le(size, sizeof got);
	memset(got, 'X', sizeof got);
	va_start(ap, fmt);
	n = strfmt_v(got, size, fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	m = vsnprintf(want, size, fmt, ap);
	va_end(ap);
	ck_assert_str_eq(got, want);
	ck_assert_uint_eq(n, (size_t)m < size ? (size_t)m : size - 1);
}

START_TEST(strfmt_like_snprintf)
{
	same(256, "%s %c %s :%s", "#chan", 'k', "", "not valid");
	same(256, "%u %u :Current local users %u, max %u", 0u, 1u, 19000u,
	    UINT_MAX);
	same(256, "%s %s %lld", "#c", "alice!a@h", 0LL);
	same(256, "%lld %lld %lld", -5LL, LLONG_MAX, LLONG_MIN);
	same(256, "%d %d %d %d", 0, -1, INT_MAX, INT_MIN);
	same(256, "id=%llu bytes=%zu", ULLONG_MAX, (size_t)12);
	same(256, "%llu %zu", 0ULL, SIZE_MAX);
	same(8, "id=%llu", 123456789ULL);
	same(256, ":no conversion at all");
	same(256, "");
	same(256, "100%% %s", "sure");
	same(256, "%s", "a line with \x01CTCP\x01 and UTF-8 \xc3\xa9");
	/* Cut at size - 1, inside a literal, a string and a number. */
	same(8, "abcdefghij %s", "x");
	same(8, "%s", "abcdefghij");
	same(8, "ab %u", 1234567890u);
	same(1, "%s", "nothing fits");
	/* Other conversions: vsnprintf does the line. */
	same(256, "%s %5d|%x", "pad", 42, 255);
	same(256, "%s %ld", "long", -7L);
	same(256, "%s %zd %zx", "size", (ssize_t)-3, (size_t)255);
	same(256, "%llx %d", 255ULL, 5);
}
END_TEST

START_TEST(strfmt_wrapper)
{
	char	buf[16];

	ck_assert_uint_eq(strfmt(buf, sizeof buf, "%s!%s@%s", "nick", "u",
	    "127.0.0.1"), 15);
	ck_assert_str_eq(buf, "nick!u@127.0.0.");
	memset(buf, 'X', sizeof buf);
	ck_assert_uint_eq(strfmt(buf, 0, "%s", "nothing"), 0);
	ck_assert_int_eq(buf[0], 'X');
}
END_TEST

/* Percent-encoding for links: what a file name becomes in a URL. */
START_TEST(strfmt_percent)
{
	char	buf[32];

	ck_assert_uint_eq(strfmt_pct(buf, sizeof buf, "a b/\xc3\xa9~.-_"), 18);
	ck_assert_str_eq(buf, "a%20b%2F%C3%A9~.-_");
	/* Cut before an escape that would not fit, never inside one. */
	ck_assert_uint_eq(strfmt_pct(buf, 5, "ab cd"), 2);
	ck_assert_str_eq(buf, "ab");
	ck_assert_uint_eq(strfmt_pct(buf, 0, "x"), 0);
	ck_assert_uint_eq(strfmt_pct(buf, sizeof buf, "report.pdf"), 10);
	ck_assert_str_eq(buf, "report.pdf");
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		strfmt_like_snprintf,
		strfmt_wrapper,
		strfmt_percent,
		NULL
	};

	return (unit_run("strfmt", tests, NULL, NULL));
}
