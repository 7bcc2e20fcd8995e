/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for utf8.c: well-formed text passes, every ill-formed kind
 * fails.
 */

#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "unit.h"

#define V(s)	utf8_valid(s, sizeof(s) - 1)

START_TEST(valid)
{
	ck_assert(V(""));
	ck_assert(V("plain ascii"));
	ck_assert(V("\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82"));
	ck_assert(V("\xe2\x82\xac"));
	ck_assert(V("\xf0\x9f\x98\x80"));
	ck_assert(V("\xf4\x8f\xbf\xbf"));
	ck_assert(V("\xed\x9f\xbf"));
}
END_TEST

START_TEST(invalid)
{
	ck_assert(!V("\x80"));
	ck_assert(!V("\xc0\xaf"));
	ck_assert(!V("\xc1\xbf"));
	ck_assert(!V("\xe0\x80\xaf"));
	ck_assert(!V("\xed\xa0\x80"));
	ck_assert(!V("\xf0\x80\x80\xaf"));
	ck_assert(!V("\xf4\x90\x80\x80"));
	ck_assert(!V("\xf5\x80\x80\x80"));
	ck_assert(!V("\xff"));
	ck_assert(!V("ok\xe2\x82"));
	ck_assert(!V("\xe2\x28\xa1"));
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		valid,
		invalid,
		NULL
	};

	return (unit_run("utf8", tests, NULL, NULL));
}
