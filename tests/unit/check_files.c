/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for files.c's own parsing: the Range header (one range of
 * the three forms, anything else the whole file, past the end 416) and
 * the uploader's file name (never a path, never a control character,
 * always UTF-8).
 */

#include "config.h"

#include <sys/types.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chatd.h"
#include "http.h"
#include "unit.h"

struct server	srv;

START_TEST(range_forms)
{
	off_t	from = -1, to = -1;

	ck_assert_int_eq(files_range("bytes=0-99", 1000, &from, &to), 1);
	ck_assert(from == 0 && to == 99);
	ck_assert_int_eq(files_range("bytes=900-", 1000, &from, &to), 1);
	ck_assert(from == 900 && to == 999);
	ck_assert_int_eq(files_range("bytes=-10", 1000, &from, &to), 1);
	ck_assert(from == 990 && to == 999);
	/* A suffix longer than the file is all of it; an end past it, cut. */
	ck_assert_int_eq(files_range("bytes=-5000", 1000, &from, &to), 1);
	ck_assert(from == 0 && to == 999);
	ck_assert_int_eq(files_range("bytes=10-5000", 1000, &from, &to), 1);
	ck_assert(from == 10 && to == 999);
	/* Nothing of it there: 416. */
	ck_assert_int_eq(files_range("bytes=1000-", 1000, &from, &to), -1);
	ck_assert_int_eq(files_range("bytes=-0", 1000, &from, &to), -1);
	ck_assert_int_eq(files_range("bytes=0-", 0, &from, &to), -1);
}
END_TEST

START_TEST(range_ignored)
{
	static const char *const bad[] = {
		NULL, "", "bytes=", "bytes=-", "bytes=a-b", "bytes=5-1",
		"bytes=0-1,5-6", "items=0-1", "bytes=1-2x", "bytes=--1",
		"bytes=99999999999999999999999-", "bytes= -", "bytes=0-+1",
	};
	off_t	from, to;
	size_t	i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(files_range(bad[i], 1000, &from, &to) == 0,
		    "Range %s was not ignored", bad[i] != NULL ? bad[i] : "-");
}
END_TEST

START_TEST(names)
{
	char	name[256];

	files_name("attachment; filename=\"report.pdf\"", name, sizeof name);
	ck_assert_str_eq(name, "report.pdf");
	files_name("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.txt; "
	    "filename=\"resume.txt\"", name, sizeof name);
	ck_assert_str_eq(name, "r\xc3\xa9sum\xc3\xa9.txt");
	files_name("attachment; filename=\"../../etc/passwd\"", name,
	    sizeof name);
	ck_assert_str_eq(name, "passwd");
	files_name("attachment; filename=\"C:\\\\Users\\\\a\\\\b.doc\"", name,
	    sizeof name);
	ck_assert_str_eq(name, "b.doc");
	files_name("attachment; filename*=UTF-8''a%0Ab%00c", name,
	    sizeof name);
	ck_assert_str_eq(name, "ab");
	files_name("attachment; filename=\"..\"", name, sizeof name);
	ck_assert_str_eq(name, "file");
	files_name(NULL, name, sizeof name);
	ck_assert_str_eq(name, "file");
	files_name("inline", name, sizeof name);
	ck_assert_str_eq(name, "file");
	/* Not UTF-8: cut back to what is. */
	files_name("attachment; filename*=UTF-8''ab%C3", name, sizeof name);
	ck_assert_str_eq(name, "ab");
	/* Too long: cut to fit, on a character. */
	files_name("attachment; filename=\"\xc3\xa9\xc3\xa9\xc3\xa9\"", name,
	    6);
	ck_assert_str_eq(name, "\xc3\xa9\xc3\xa9");
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		range_forms,
		range_ignored,
		names,
		NULL
	};

	return (unit_run("files", tests, NULL, NULL));
}
