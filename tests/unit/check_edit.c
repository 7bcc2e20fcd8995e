/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for chatui's edit.c: UTF-8 in and out, moves, cuts and yank,
 * history.
 */

#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "unit.h"

static struct edit	e;

static void
setup(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	edit_init(&e);
}

static void
teardown(void)
{
	edit_free(&e);
}

static void
is(const char *want)
{
	char	*s = edit_string(&e);

	ck_assert_str_eq(s, want);
	free(s);
}

START_TEST(utf8_roundtrip)
{
	edit_set(&e, "Привет, мир 😀");
	ck_assert_uint_eq(e.len, 13);
	is("Привет, мир 😀");
	edit_left(&e);
	edit_backspace(&e);
	is("Привет, мир😀");
}
END_TEST

START_TEST(moves_and_cuts)
{
	edit_set(&e, "one two three");
	edit_word_left(&e);
	ck_assert_uint_eq(e.pos, 8);
	edit_cut_word(&e);
	is("one three");
	edit_end(&e);
	edit_yank(&e);
	is("one threetwo ");
	edit_home(&e);
	edit_word_right(&e);
	edit_cut_after(&e);
	is("one");
	edit_cut_before(&e);
	is("");
	edit_yank(&e);
	is("one");
	edit_home(&e);
	edit_delete(&e);
	is("ne");
	edit_insert(&e, L'o');
	is("one");
}
END_TEST

START_TEST(history)
{
	char	*s;

	edit_set(&e, "first");
	free(edit_take(&e));
	edit_set(&e, "second");
	s = edit_take(&e);
	ck_assert_str_eq(s, "second");
	free(s);
	/* A line with a password is sent but not kept. */
	edit_set(&e, "/login alice sesame");
	free(edit_take(&e));
	edit_set(&e, "/REGISTER alice sesame");
	free(edit_take(&e));
	is("");
	edit_history_prev(&e);
	is("second");
	edit_history_prev(&e);
	is("first");
	edit_history_prev(&e);
	is("first");
	edit_history_next(&e);
	is("second");
	edit_history_next(&e);
	is("");
}
END_TEST

START_TEST(word_and_replace)
{
	size_t	start;

	edit_set(&e, "hi al");
	ck_assert_uint_eq(edit_word(&e, &start), 2);
	ck_assert_uint_eq(start, 3);
	edit_replace(&e, start, "alice ");
	is("hi alice ");
}
END_TEST

START_TEST(full_line)
{
	int	i;

	for (i = 0; i < EDIT_MAX; i++)
		ck_assert_int_eq(edit_insert(&e, L'x'), 0);
	ck_assert_int_eq(edit_insert(&e, L'x'), -1);
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		utf8_roundtrip,
		moves_and_cuts,
		history,
		word_and_replace,
		full_line,
		NULL
	};

	return (unit_run("edit", tests, setup, teardown));
}
