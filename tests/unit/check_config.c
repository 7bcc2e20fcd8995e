/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for config.c and config-table.c: defaults, the file format,
 * errors that name file and line, list semantics, -o overrides, addresses
 * and CIDR blocks; and that chatd.conf.5 and the sample config list every
 * option of the table, in its order.
 */

#include "config.h"

#include <arpa/inet.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chatd.h"
#include "unit.h"

struct server	srv;

static char	path[] = "/tmp/check_config.XXXXXX";

static const char *
write_conf(const char *text)
{
	FILE	*f;
	int	 fd;

	strcpy(path, "/tmp/check_config.XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ne(fd, -1);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return (path);
}

START_TEST(defaults)
{
	struct config	*conf = config_create();
	char		*cause = NULL;

	ck_assert_int_eq(config_load(conf, NULL, NULL, &cause), 0);
	ck_assert_str_eq(conf->name, "chatd.local");
	ck_assert_int_eq(conf->listen.n, 2);
	ck_assert_str_eq(conf->listen.v[0], "0.0.0.0:6667");
	ck_assert_str_eq(conf->listen.v[1], "[::]:6667");
	ck_assert_int_eq(conf->autojoin.n, 1);
	ck_assert_str_eq(conf->autojoin.v[0], "#lobby");
	ck_assert_uint_eq(conf->sendq, 512 * 1024);
	ck_assert_int_eq(conf->ping_timeout, 120);
	ck_assert_int_eq(conf->log_level, LOG_INFO);
	ck_assert_int_eq(conf->log_messages, LOGMSG_METADATA);
	config_free(conf);
}
END_TEST

START_TEST(file_and_overrides)
{
	struct config	*conf = config_create();
	struct strlist	 o = { NULL, 0 };
	char		*cause = NULL;

	write_conf("# comment\n\n  name = irc.example.org  \n"
	    "autojoin = #a\nautojoin=#b\nsendq = 64k\nlog-level = debug\n"
	    "listen = 127.0.0.1:0\n");
	strlist_add(&o, "autojoin=#c");
	strlist_add(&o, "recvq=2k");
	ck_assert_int_eq(config_load(conf, path, &o, &cause), 0);
	ck_assert_str_eq(conf->name, "irc.example.org");
	ck_assert_int_eq(conf->autojoin.n, 3);
	ck_assert_str_eq(conf->autojoin.v[2], "#c");
	ck_assert_uint_eq(conf->sendq, 65536);
	ck_assert_uint_eq(conf->recvq, 2048);
	ck_assert_int_eq(conf->log_level, LOG_DEBUG);
	ck_assert_int_eq(conf->listen.n, 1);
	unlink(path);
	strlist_clear(&o);
	config_free(conf);
}
END_TEST

START_TEST(empty_list_value)
{
	struct config	*conf = config_create();
	struct strlist	 o = { NULL, 0 };
	char		*cause = NULL;

	strlist_add(&o, "autojoin=");
	ck_assert_int_eq(config_load(conf, NULL, &o, &cause), 0);
	ck_assert_int_eq(conf->autojoin.n, 0);
	strlist_clear(&o);
	config_free(conf);
}
END_TEST

static void
bad(const char *text, const char *want)
{
	struct config	*conf = config_create();
	char		*cause = NULL;

	write_conf(text);
	ck_assert_int_eq(config_load(conf, path, NULL, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	ck_assert_msg(strstr(cause, want) != NULL, "cause '%s' lacks '%s'",
	    cause, want);
	ck_assert_msg(strncmp(cause, path, strlen(path)) == 0,
	    "cause '%s' does not name the file", cause);
	free(cause);
	unlink(path);
	config_free(conf);
}

START_TEST(errors_name_line)
{
	bad("name = x\nbogus = 1\n", ":2: unknown option: bogus");
	bad("\n\nsendq = lots\n", ":3: sendq: not a number");
	bad("ping-timeout = 0\n", ":1: ping-timeout: 0 is out of range");
	/* Past what a long long holds, either way (found by fuzz_config). */
	bad("sendq =-9638230412172402K\n", ":1: sendq: -9638230412172402K is "
	    "out of range");
	bad("sendq = 99999999999999999999\n", ":1: sendq: 99999999999999999999 "
	    "is out of range");
	bad("log-level = loud\n", ":1: log-level: unknown value loud");
	bad("listen = nowhere\n", ":1: bad address nowhere");
	bad("autojoin = lobby\n", ":1: bad channel name lobby");
	bad("exempt = 10.0.0.0/33\n", ":1: bad address or CIDR block");
	bad("oper = alice\n", ":1: oper wants NAME HASH");
	bad("just words\n", ":1: expected key = value");
	bad("name = my server\n", ":1: bad name my server");
	bad("name = a%sb\n", ":1: bad name a%sb");
}
END_TEST

START_TEST(missing_file)
{
	struct config	*conf = config_create();
	char		*cause = NULL;

	ck_assert_int_eq(config_load(conf, "/nonexistent/chatd.conf", NULL,
	    &cause), -1);
	ck_assert(strstr(cause, "/nonexistent/chatd.conf") != NULL);
	free(cause);
	config_free(conf);
}
END_TEST

START_TEST(addresses_and_cidr)
{
	struct sockaddr_storage	 ss;
	struct sockaddr_in	 sin;
	struct sockaddr_in6	 sin6;
	struct cidr		 c;
	socklen_t		 len;
	char			*cause = NULL;

	ck_assert_int_eq(config_parse_addr("127.0.0.1:0", &ss, &len, &cause), 0);
	ck_assert_int_eq(ss.ss_family, AF_INET);
	ck_assert_int_eq(config_parse_addr("[::1]:6667", &ss, &len, &cause), 0);
	ck_assert_int_eq(ss.ss_family, AF_INET6);
	ck_assert_int_eq(config_parse_addr("1.2.3.4:70000", &ss, &len,
	    &cause), -1);
	free(cause);

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	inet_pton(AF_INET, "10.1.2.3", &sin.sin_addr);
	ck_assert_int_eq(config_cidr_parse("10.0.0.0/8", &c), 0);
	ck_assert(config_cidr_match(&c, (struct sockaddr *)&sin));
	ck_assert_int_eq(config_cidr_parse("10.1.2.0/25", &c), 0);
	ck_assert(config_cidr_match(&c, (struct sockaddr *)&sin));
	ck_assert_int_eq(config_cidr_parse("10.1.2.128/25", &c), 0);
	ck_assert(!config_cidr_match(&c, (struct sockaddr *)&sin));
	ck_assert_int_eq(config_cidr_parse("10.1.2.3", &c), 0);
	ck_assert(config_cidr_match(&c, (struct sockaddr *)&sin));

	memset(&sin6, 0, sizeof sin6);
	sin6.sin6_family = AF_INET6;
	inet_pton(AF_INET6, "::ffff:10.1.2.3", &sin6.sin6_addr);
	ck_assert_int_eq(config_cidr_parse("10.0.0.0/8", &c), 0);
	ck_assert(config_cidr_match(&c, (struct sockaddr *)&sin6));
	inet_pton(AF_INET6, "2001:db8::1", &sin6.sin6_addr);
	ck_assert_int_eq(config_cidr_parse("2001:db8::/32", &c), 0);
	ck_assert(config_cidr_match(&c, (struct sockaddr *)&sin6));
	ck_assert_int_eq(config_cidr_parse("2001:db9::/32", &c), 0);
	ck_assert(!config_cidr_match(&c, (struct sockaddr *)&sin6));
	ck_assert_int_eq(config_cidr_parse("banana", &c), -1);
}
END_TEST

/* Every option appears, in table order, where find() says it does. */
static void
in_order(const char *file, const char *fmt)
{
	char	*text = unit_slurp(file), want[128], *at, *last;
	size_t	 i;

	last = text;
	for (i = 0; i < config_table_size; i++) {
		snprintf(want, sizeof want, fmt, config_table[i].name);
		at = strstr(text, want);
		ck_assert_msg(at != NULL, "%s lacks option %s", file,
		    config_table[i].name);
		ck_assert_msg(at >= last, "%s: %s is out of table order", file,
		    config_table[i].name);
		last = at;
		ck_assert_msg(strstr(text, config_table[i].help) != NULL,
		    "%s lacks the help of %s", file, config_table[i].name);
	}
	free(text);
}

START_TEST(docs_match_table)
{
	in_order(SRCDIR "/man/chatd.conf.5.in", "\n.It Ic %s = ");
	in_order(SRCDIR "/data/chatd.conf.sample.in", "\n# %s =");
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		defaults,
		file_and_overrides,
		empty_list_value,
		errors_name_line,
		missing_file,
		addresses_and_cidr,
		docs_match_table,
		NULL
	};

	return (unit_run("config", tests, NULL, NULL));
}
