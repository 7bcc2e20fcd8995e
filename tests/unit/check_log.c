/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for log.c: event lines built field by field (numbers, plain
 * and quoted values) are what a format would give; log_q() quotes what
 * needs it; a line's time and level lead it; the lines of a turn wait for
 * log_flush() when a hook is set.
 */

#include "config.h"

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "unit.h"

static char	path[] = "/tmp/check_log.XXXXXX";
static int	hook_calls;

static void
setup(void)
{
	int	fd = mkstemp(path);

	ck_assert_int_ne(fd, -1);
	close(fd);
	ck_assert_int_eq(log_open(path), 0);
	log_set_level(LOG_INFO);
}

static void
teardown(void)
{
	log_close();
	unlink(path);
	memcpy(path + sizeof path - 7, "XXXXXX", 6);
}

/* The file's last line, without its time and level (after "info "). */
static char *
last_line(void)
{
	char	*text = unit_slurp(path), *nl, *start, *level;

	ck_assert_int_gt(strlen(text), 0);
	nl = text + strlen(text) - 1;
	ck_assert_int_eq(*nl, '\n');
	*nl = '\0';
	start = (start = strrchr(text, '\n')) != NULL ? start + 1 : text;
	/* "YYYY-MM-DDThh:mm:ss.mmmZ level " */
	ck_assert_int_eq(start[10], 'T');
	ck_assert_int_eq(start[23], 'Z');
	level = start + 25;
	ck_assert_msg(strncmp(level, "info ", 5) == 0 ||
	    strncmp(level, "warn ", 5) == 0, "no level in %s", start);
	memmove(text, level + 5, strlen(level + 5) + 1);
	return (text);
}

START_TEST(event_fields)
{
	struct log_event	 ev;
	char			*line;

	ck_assert(log_event_begin(&ev, LOG_INFO, "test"));
	log_event_uint(&ev, "zero", 0);
	log_event_uint(&ev, "nine", 9);
	log_event_uint(&ev, "ten", 10);
	log_event_uint(&ev, "n99", 99);
	log_event_uint(&ev, "n100", 100);
	log_event_uint(&ev, "n12345", 12345);
	log_event_uint(&ev, "max", ULLONG_MAX);
	log_event_str(&ev, "nick", "alice");
	log_event_str(&ev, "utf8", "Привет");
	log_event_str(&ev, "empty", "");
	log_event_str(&ev, "spaced", "see you later");
	log_event_str(&ev, "odd", "a\"b\\c=d\x01");
	log_event_end(&ev);
	line = last_line();
	ck_assert_str_eq(line, "event=test zero=0 nine=9 ten=10 n99=99 "
	    "n100=100 n12345=12345 max=18446744073709551615 nick=alice "
	    "utf8=Привет empty=\"\" spaced=\"see you later\" "
	    "odd=\"a\\\"b\\\\c=d\\x01\"");
	free(line);
}
END_TEST

START_TEST(event_below_level)
{
	struct log_event	ev;

	log_set_level(LOG_WARN);
	ck_assert(!log_event_begin(&ev, LOG_INFO, "quiet"));
	log_set_level(LOG_INFO);
}
END_TEST

START_TEST(format_lines_match)
{
	char	*line;

	log_write(LOG_INFO, "event=x id=%llu n=%d bytes=%zu who=%s", 42ULL,
	    -3, (size_t)7, log_q("a b"));
	line = last_line();
	ck_assert_str_eq(line, "event=x id=42 n=-3 bytes=7 who=\"a b\"");
	free(line);
	ck_assert_str_eq(log_q("plain"), "plain");
	ck_assert_str_eq(log_q(""), "\"\"");
}
END_TEST

static int
hook(void)
{
	hook_calls++;
	return (1);
}

/* With a hook, lines wait for log_flush(); the hook is asked once. */
START_TEST(deferred_until_flush)
{
	char	*text;

	log_defer(hook);
	log_write(LOG_INFO, "event=one");
	log_write(LOG_INFO, "event=two");
	ck_assert_int_eq(hook_calls, 1);
	text = unit_slurp(path);
	ck_assert_ptr_null(strstr(text, "event=one"));
	free(text);
	ck_assert_uint_eq(log_flush(), 0);
	text = unit_slurp(path);
	ck_assert_ptr_nonnull(strstr(text, "event=one"));
	ck_assert_ptr_nonnull(strstr(text, "event=two"));
	free(text);
	log_defer(NULL);
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		event_fields,
		event_below_level,
		format_lines_match,
		deferred_until_flush,
		NULL
	};

	return (unit_run("log", tests, setup, teardown));
}
