/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for msg.c: parsing in place, tags, escaping, server-time.
 */

#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "unit.h"

START_TEST(parse_full)
{
	char		line[] = "@time=x;+a=b :nick!u@h PRIVMSG #c :hello there";
	struct msg	m;

	ck_assert_int_eq(msg_parse(&m, line), 0);
	ck_assert_str_eq(m.tags, "time=x;+a=b");
	ck_assert_str_eq(m.source, "nick!u@h");
	ck_assert_str_eq(m.verb, "PRIVMSG");
	ck_assert_int_eq(m.nparams, 2);
	ck_assert_str_eq(m.params[0], "#c");
	ck_assert_str_eq(m.params[1], "hello there");
}
END_TEST

START_TEST(parse_spaces_and_empty_trailing)
{
	char		line[] = "  NICK   alice   :";
	struct msg	m;

	ck_assert_int_eq(msg_parse(&m, line), 0);
	ck_assert_str_eq(m.verb, "NICK");
	ck_assert_int_eq(m.nparams, 2);
	ck_assert_str_eq(m.params[0], "alice");
	ck_assert_str_eq(m.params[1], "");
}
END_TEST

START_TEST(parse_no_verb)
{
	char		a[] = "", b[] = "@tags", c[] = ":src   ";
	struct msg	m;

	ck_assert_int_eq(msg_parse(&m, a), -1);
	ck_assert_int_eq(msg_parse(&m, b), -1);
	ck_assert_int_eq(msg_parse(&m, c), -1);
}
END_TEST

START_TEST(parse_max_params)
{
	char		line[] = "CMD 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17";
	struct msg	m;

	ck_assert_int_eq(msg_parse(&m, line), 0);
	ck_assert_int_eq(m.nparams, MSG_MAX_PARAMS);
	ck_assert_str_eq(m.params[13], "14");
	ck_assert_str_eq(m.params[14], "15 16 17");
}
END_TEST

START_TEST(check_length)
{
	char	buf[LINE_MAX_INPUT + 10];

	memset(buf, 'a', sizeof buf);
	ck_assert_int_eq(msg_check_length(buf, 510, LINE_MAX_TAGS), 0);
	ck_assert_int_eq(msg_check_length(buf, 511, LINE_MAX_TAGS), -1);
	buf[0] = '@';
	buf[8189] = ' ';
	/* 8190 bytes of tags with the space, then 510 of body. */
	ck_assert_int_eq(msg_check_length(buf, 8190 + 510, LINE_MAX_TAGS), 0);
	ck_assert_int_eq(msg_check_length(buf, 8190 + 511, LINE_MAX_TAGS), -1);
	/* From a client, the same tags are too many. */
	ck_assert_int_eq(msg_check_length(buf, 8190 + 510,
	    LINE_MAX_CLIENT_TAGS), -1);
	buf[8189] = 'a';
	buf[8191] = ' ';
	ck_assert_int_eq(msg_check_length(buf, 8200, LINE_MAX_TAGS), -1);
	/* 4096 bytes of tags with '@' and ' ' are a client's most. */
	buf[8191] = 'a';
	buf[4095] = ' ';
	ck_assert_int_eq(msg_check_length(buf, 4096 + 10,
	    LINE_MAX_CLIENT_TAGS), 0);
	buf[4095] = 'a';
	buf[4096] = ' ';
	ck_assert_int_eq(msg_check_length(buf, 4097 + 10,
	    LINE_MAX_CLIENT_TAGS), -1);
}
END_TEST

START_TEST(tags_walk_and_find)
{
	const char	*p = "a=1;b;+c=x\\sy;;d=";
	struct msg_tag	 t;
	char		 val[32];

	ck_assert(msg_tag_next(&p, &t));
	ck_assert_int_eq(t.keylen, 1);
	ck_assert(memcmp(t.value, "1", 1) == 0);
	ck_assert(msg_tag_next(&p, &t));
	ck_assert_ptr_null(t.value);
	ck_assert(msg_tag_next(&p, &t));
	ck_assert_int_eq(t.keylen, 2);
	msg_tag_unescape(val, sizeof val, t.value, t.valuelen);
	ck_assert_str_eq(val, "x y");
	ck_assert(msg_tag_next(&p, &t));
	ck_assert_int_eq(t.valuelen, 0);
	ck_assert(!msg_tag_next(&p, &t));
	ck_assert(msg_tag_find("x=1;label=abc", "label", &t));
	ck_assert_int_eq(t.valuelen, 3);
	ck_assert(!msg_tag_find("x=1;labels=abc", "label", &t));
}
END_TEST

START_TEST(tags_escape_roundtrip)
{
	const char	*in = "a;b c\\d\r\ne";
	char		 esc[64], back[64];
	size_t		 n;

	n = msg_tag_escape(esc, sizeof esc, in);
	ck_assert_str_eq(esc, "a\\:b\\sc\\\\d\\r\\ne");
	msg_tag_unescape(back, sizeof back, esc, n);
	ck_assert_str_eq(back, in);
	/* A lone trailing backslash is dropped; unknown escapes lose it. */
	msg_tag_unescape(back, sizeof back, "x\\", 2);
	ck_assert_str_eq(back, "x");
	msg_tag_unescape(back, sizeof back, "\\q", 2);
	ck_assert_str_eq(back, "q");
}
END_TEST

START_TEST(server_time)
{
	struct timeval	tv = { 1764412800, 123456 }, back;
	char		buf[32];

	msg_format_time(buf, sizeof buf, &tv);
	ck_assert_str_eq(buf, "2025-11-29T10:40:00.123Z");
	ck_assert_int_eq(msg_parse_time(buf, &back), 0);
	ck_assert_int_eq(back.tv_sec, tv.tv_sec);
	ck_assert_int_eq(back.tv_usec, 123000);
	ck_assert_int_eq(msg_parse_time("2025-11-29T10:40:00Z", &back), 0);
	ck_assert_int_eq(msg_parse_time("yesterday", &back), -1);
	ck_assert_int_eq(msg_parse_time("2025-11-29T10:40:00.1", &back), -1);
}
END_TEST

START_TEST(needs_colon)
{
	ck_assert(msg_needs_colon(""));
	ck_assert(msg_needs_colon(":x"));
	ck_assert(msg_needs_colon("a b"));
	ck_assert(!msg_needs_colon("ab"));
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		parse_full,
		parse_spaces_and_empty_trailing,
		parse_no_verb,
		parse_max_params,
		check_length,
		tags_walk_and_find,
		tags_escape_roundtrip,
		server_time,
		needs_colon,
		NULL
	};

	return (unit_run("msg", tests, NULL, NULL));
}
