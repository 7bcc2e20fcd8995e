/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for numeric.h and cap.c: every numeric has text, codes are
 * unique, the formats use only what strfmt.c formats itself; capability
 * names and bits map both ways.
 */

#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cap.h"
#include "numeric.h"
#include "unit.h"

static const int codes[] = {
#define NUMERIC_CODE(name, code, fmt) code,
	NUMERIC_LIST(NUMERIC_CODE)
#undef NUMERIC_CODE
};

START_TEST(numerics_sane)
{
	size_t	i, j, n = sizeof codes / sizeof codes[0];

	for (i = 0; i < n; i++) {
		ck_assert(codes[i] > 0 && codes[i] < 1000);
		ck_assert_ptr_nonnull(numeric_format(codes[i]));
		for (j = i + 1; j < n; j++)
			ck_assert_int_ne(codes[i], codes[j]);
	}
	ck_assert_str_eq(numeric_format(ERR_INPUTTOOLONG),
	    ":Input line was too long");
	ck_assert_ptr_null(numeric_format(999));
}
END_TEST

static const char *const formats[] = {
#define NUMERIC_FORMAT(name, code, fmt) fmt,
	NUMERIC_LIST(NUMERIC_FORMAT)
#undef NUMERIC_FORMAT
};

START_TEST(numeric_formats_simple)
{
	const char	*p;
	size_t		 i;

	for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		for (p = formats[i]; (p = strchr(p, '%')) != NULL; p++) {
			p++;
			if (strncmp(p, "lld", 3) == 0)
				p += 2;
			else if (*p != 's' && *p != 'u' && *p != 'c' && *p != '%')
				ck_abort_msg("format \"%s\" has %%%c", formats[i],
				    *p);
		}
	}
}
END_TEST

START_TEST(caps_roundtrip)
{
	int	i;

	for (i = 0; i < CAP_COUNT; i++) {
		const char *name = cap_name(1u << i);

		ck_assert_ptr_nonnull(name);
		ck_assert_uint_eq(cap_from_name(name, strlen(name)), 1u << i);
	}
	ck_assert_uint_eq(cap_from_name("server-time", 11), CAP_SERVER_TIME);
	ck_assert_uint_eq(cap_from_name("server-tim", 10), 0);
	ck_assert_uint_eq(cap_from_name("chghost", 7), 0);
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		numerics_sane,
		numeric_formats_simple,
		caps_roundtrip,
		NULL
	};

	return (unit_run("numeric", tests, NULL, NULL));
}
