/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for casemap.c: ascii folding, comparison, hashing, masks.
 */

#include "config.h"

#include <check.h>
#include <stdlib.h>

#include "casemap.h"
#include "unit.h"

START_TEST(fold_and_cmp)
{
	char	buf[16];

	casemap_fold(buf, "NiCk[]^", sizeof buf);
	/* ascii casemapping leaves []^ alone (rfc1459 would not). */
	ck_assert_str_eq(buf, "nick[]^");
	ck_assert_int_eq(casemap_cmp("ALICE", "alice"), 0);
	ck_assert_int_ne(casemap_cmp("alice", "alice2"), 0);
	ck_assert_int_ne(casemap_cmp("[", "{"), 0);
	casemap_fold(buf, "abcdefghijklmnopqrstuvwxyz", 4);
	ck_assert_str_eq(buf, "abc");
}
END_TEST

START_TEST(hash_ignores_case)
{
	ck_assert_uint_eq(casemap_hash("#Lobby"), casemap_hash("#LOBBY"));
	ck_assert_uint_ne(casemap_hash("#lobby"), casemap_hash("#lobby2"));
}
END_TEST

START_TEST(match)
{
	ck_assert(casemap_match("*", ""));
	ck_assert(casemap_match("*!*@*", "nick!user@host"));
	ck_assert(casemap_match("NICK!*@*", "nick!user@host"));
	ck_assert(casemap_match("n?ck*", "nick!u@h"));
	ck_assert(!casemap_match("bob!*@*", "nick!user@host"));
	ck_assert(casemap_match("*a*b*c", "xxaxxbxxc"));
	ck_assert(!casemap_match("*a*b*c", "xxaxxbxxcx"));
	ck_assert(!casemap_match("abc", "ab"));
	/* A hostile mask stays linear. */
	ck_assert(!casemap_match("*a*a*a*a*a*a*a*a*a*a*a*b",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		fold_and_cmp,
		hash_ignores_case,
		match,
		NULL
	};

	return (unit_run("casemap", tests, NULL, NULL));
}
