/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for the command table: sorted for bsearch, every row sane,
 * lookup ignores case.
 */

#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chatd.h"
#include "unit.h"

struct server	srv;

START_TEST(table_sorted_and_sane)
{
	size_t	i;

	for (i = 0; i < command_table_size; i++) {
		ck_assert_ptr_nonnull(command_table[i].handler);
		ck_assert(command_table[i].flags & (CMD_UNREG | CMD_REG));
		ck_assert(command_table[i].min_params >= 0 &&
		    command_table[i].min_params <= MSG_MAX_PARAMS);
		if (i > 0)
			ck_assert_int_lt(strcasecmp(command_table[i - 1].name,
			    command_table[i].name), 0);
	}
}
END_TEST

START_TEST(lookup)
{
	size_t	i;

	for (i = 0; i < command_table_size; i++)
		ck_assert_ptr_eq(command_find(command_table[i].name),
		    &command_table[i]);
	ck_assert_ptr_nonnull(command_find("privmsg"));
	ck_assert_ptr_null(command_find("PRIVMSGX"));
	ck_assert_ptr_null(command_find(""));
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		table_sorted_and_sane,
		lookup,
		NULL
	};

	return (unit_run("command", tests, NULL, NULL));
}
