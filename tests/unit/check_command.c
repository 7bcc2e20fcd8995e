/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for the command table: sorted for bsearch, every row sane,
 * lookup ignores case; the plain-text mode's tables sorted, and how it
 * tells a person's first line from an IRC client's.
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

START_TEST(plain_tables_sorted)
{
	const char	*p;
	size_t		 i;

	for (i = 1; i < plain_verbs_size; i++)
		ck_assert_int_lt(strcmp(plain_verbs[i - 1].verb,
		    plain_verbs[i].verb), 0);
	for (i = 1; i < plain_numerics_size; i++)
		ck_assert_int_lt(plain_numerics[i - 1].code,
		    plain_numerics[i].code);
	/* Words, not formats: one %s at most, and no other conversion. */
	for (i = 0; i < plain_numerics_size; i++) {
		p = strchr(plain_numerics[i].words, '%');
		if (p != NULL) {
			ck_assert_int_eq(p[1], 's');
			ck_assert_ptr_null(strchr(p + 1, '%'));
		}
	}
}
END_TEST

/* Issue 13: no IRC client is taken for a person, and a person is. */
START_TEST(plain_detect_first_line)
{
	static const char *const irc[] = {
		"CAP LS 302", "NICK alice", "USER a 0 * :A", "PASS secret",
		"nick alice", "cap ls", "PING :x", "QUIT", "@label=1 CAP LS",
		":alice NICK alice", "PRIVMSG #lobby :early", "JOIN #lobby",
		"WHO", NULL
	};
	static const char *const person[] = {
		"alice", "hello there", "Bob", "who", "list", "join #lobby",
		"Привет", "/nick bob", "42", NULL
	};
	char	*cause = NULL;
	int	 i;

	srv.conf = config_create();
	ck_assert_int_eq(config_load(srv.conf, NULL, NULL, &cause), 0);
	for (i = 0; irc[i] != NULL; i++)
		ck_assert_msg(!plain_detect(irc[i], strlen(irc[i])),
		    "taken for a person: %s", irc[i]);
	for (i = 0; person[i] != NULL; i++)
		ck_assert_msg(plain_detect(person[i], strlen(person[i])),
		    "taken for IRC: %s", person[i]);
	srv.conf->plain_text = 0;
	ck_assert(!plain_detect("alice", 5));
	config_free(srv.conf);
	srv.conf = NULL;
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		table_sorted_and_sane,
		lookup,
		plain_tables_sorted,
		plain_detect_first_line,
		NULL
	};

	return (unit_run("command", tests, NULL, NULL));
}
