/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for slash.c: the table is sorted and complete, lines parse
 * into commands, text, or one clear error.
 */

#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "slash.h"
#include "unit.h"

START_TEST(table_sane)
{
	size_t	i;

	ck_assert_int_eq(slash_table_size, SLASH_COUNT);
	for (i = 0; i < slash_table_size; i++) {
		ck_assert_int_eq(slash_table[i].id, (int)i);
		ck_assert(strlen(slash_table[i].help) > 10);
		ck_assert_ptr_nonnull(slash_table[i].usage);
		ck_assert(slash_table[i].min_args <= slash_table[i].max_args);
		ck_assert(slash_table[i].max_args <= SLASH_MAX_ARGS);
		if (i > 0)
			ck_assert_int_lt(strcmp(slash_table[i - 1].name,
			    slash_table[i].name), 0);
	}
}
END_TEST

START_TEST(issue_commands_present)
{
	const char	*want[] = { "nick", "who", "me", "quit", "join", "part",
	    "msg", "query", "notice", "topic", "names", "whois", "away",
	    "back", "invite", "kick", "mode", "op", "deop", "voice", "list",
	    "close", "clear", "window", "help", "raw", "connect", "reconnect",
	    "nicklist" };
	char		*cause = NULL;
	size_t		 i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg(slash_find(want[i], &cause) != NULL, "no /%s",
		    want[i]);
}
END_TEST

START_TEST(parse_commands)
{
	struct slash_cmd	 cmd;
	char			*text, *cause = NULL;
	char			 a[] = "/msg bob hello there, bob";
	char			 b[] = "/ME waves  slowly";
	char			 c[] = "/j #a,#b";
	char			 d[] = "/back";

	ck_assert_int_eq(slash_parse(a, &cmd, &text, &cause), SLASH_COMMAND);
	ck_assert_int_eq(cmd.entry->id, SLASH_MSG);
	ck_assert_int_eq(cmd.argc, 2);
	ck_assert_str_eq(cmd.argv[0], "bob");
	ck_assert_str_eq(cmd.argv[1], "hello there, bob");
	ck_assert_int_eq(slash_parse(b, &cmd, &text, &cause), SLASH_COMMAND);
	ck_assert_int_eq(cmd.entry->id, SLASH_ME);
	ck_assert_str_eq(cmd.argv[0], "waves  slowly");
	ck_assert_int_eq(slash_parse(c, &cmd, &text, &cause), SLASH_COMMAND);
	ck_assert_int_eq(cmd.entry->id, SLASH_JOIN);
	ck_assert_int_eq(slash_parse(d, &cmd, &text, &cause), SLASH_COMMAND);
	ck_assert_int_eq(cmd.argc, 0);
}
END_TEST

START_TEST(parse_text)
{
	struct slash_cmd	 cmd;
	char			*text, *cause = NULL;
	char			 a[] = "hello /world";
	char			 b[] = "//not a command";

	ck_assert_int_eq(slash_parse(a, &cmd, &text, &cause), SLASH_TEXT);
	ck_assert_str_eq(text, "hello /world");
	ck_assert_int_eq(slash_parse(b, &cmd, &text, &cause), SLASH_TEXT);
	ck_assert_str_eq(text, "/not a command");
}
END_TEST

static void
error_is(char *line, const char *want)
{
	struct slash_cmd	 cmd;
	char			*text, *cause = NULL;

	ck_assert_int_eq(slash_parse(line, &cmd, &text, &cause), SLASH_ERROR);
	ck_assert_msg(strstr(cause, want) != NULL, "'%s' lacks '%s'", cause,
	    want);
	free(cause);
}

START_TEST(parse_errors)
{
	char	a[] = "/frobnicate now", b[] = "/n", c[] = "/msg bob";
	char	d[] = "/kick", e[] = "/clear everything", f[] = "/";

	error_is(a, "Unknown command /frobnicate");
	error_is(b, "Ambiguous command /n: could be /names /nick /nicklist "
	    "/notice");
	error_is(c, "Usage: /msg TARGET TEXT");
	error_is(d, "Usage: /kick NICK [REASON]");
	error_is(e, "Usage: /clear");
	error_is(f, "Unknown command");
}
END_TEST

/* chatui.1 lists every command with its help text: /help and man agree. */
START_TEST(manual_lists_every_command)
{
	char	*text = unit_slurp(SRCDIR "/man/chatui.1.in"), want[64];
	size_t	 i;

	for (i = 0; i < slash_table_size; i++) {
		snprintf(want, sizeof want, ".It Ic /%s", slash_table[i].name);
		ck_assert_msg(strstr(text, want) != NULL, "chatui.1 lacks /%s",
		    slash_table[i].name);
		ck_assert_msg(strstr(text, slash_table[i].help) != NULL,
		    "chatui.1 lacks the help of /%s", slash_table[i].name);
	}
	free(text);
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		table_sane,
		issue_commands_present,
		parse_commands,
		parse_text,
		parse_errors,
		manual_lists_every_command,
		NULL
	};

	return (unit_run("slash", tests, NULL, NULL));
}
