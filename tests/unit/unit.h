/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The main of every Check program: one suite of the listed tests.
 */

#ifndef UNIT_H
#define UNIT_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

/* A whole file as a string; the caller frees it. Fails the test if absent. */
static inline char *
unit_slurp(const char *path)
{
	FILE	*f = fopen(path, "r");
	char	*text;
	long	 size;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	text = calloc(1, size + 1);
	ck_assert_int_eq(fread(text, 1, size, f), size);
	fclose(f);
	return (text);
}

/*
 * Run the NULL-terminated tests as suite name, with an optional fixture;
 * returns the exit status for automake.
 */
static inline int
unit_run(const char *name, const TTest *const *tests, void (*setup)(void),
    void (*teardown)(void))
{
	Suite	*s = suite_create(name);
	TCase	*tc = tcase_create(name);
	SRunner	*sr;
	int	 failed;

	if (setup != NULL || teardown != NULL)
		tcase_add_checked_fixture(tc, setup, teardown);
	for (; *tests != NULL; tests++)
		tcase_add_test(tc, *tests);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}

#endif
