/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for the command table: sorted for bsearch, every row sane,
 * lookup ignores case; the plain-text mode's tables sorted, and how it
 * tells a person's first line from an IRC client's; message ids.
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
		/* HELP has its parameters and a sentence for each. */
		ck_assert_ptr_nonnull(command_table[i].usage);
		ck_assert_ptr_nonnull(command_table[i].help);
		ck_assert_uint_gt(strlen(command_table[i].help), 10);
		ck_assert_uint_lt(strlen(command_table[i].help), 300);
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

/*
 * Message ids grow, even when the clock goes back or 5,000 come in one
 * millisecond; they carry the node and the time; their text goes back.
 */
START_TEST(msgid_grow)
{
	struct timeval	 tv = { 1796166968, 475000 }, back = { 1796166900, 0 };
	uint64_t	 id, last = 0, got;
	char		 buf[32];
	int		 i;

	srv.conf = config_create();
	ck_assert_int_eq(config_load(srv.conf, NULL, NULL, NULL), 0);
	srv.conf->node_id = 1023;
	srv.msgid_ms = 0;
	for (i = 0; i < 5000; i++) {
		id = send_msgid_new(i == 2500 ? &back : &tv);
		ck_assert_msg(id > last, "id %d did not grow", i);
		ck_assert_uint_eq(id >> MSGID_SEQ_BITS & 1023, 1023);
		last = id;
	}
	/* The time: 1796166968475 ms, less 2020, and one for the overflow. */
	ck_assert_uint_eq(last >> 22, 1796166968475ULL - MSGID_EPOCH_MS + 1);
	ck_assert_uint_eq(send_msgid(buf, sizeof buf, last), 16);
	ck_assert_int_eq(send_msgid_parse(buf, &got), 0);
	ck_assert_uint_eq(got, last);
	ck_assert_int_eq(send_msgid_parse("6b0f5537-1c", &got), -1);
	ck_assert_int_eq(send_msgid_parse("0123456789abcdeg", &got), -1);
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
		msgid_grow,
		NULL
	};

	return (unit_run("command", tests, NULL, NULL));
}
