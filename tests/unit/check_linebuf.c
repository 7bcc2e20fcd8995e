/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for linebuf.c: line ends, empty lines, split input, the length
 * limit and NUL bytes.
 */

#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "linebuf.h"
#include "unit.h"

#define MAX	16

static struct evbuffer	*in;
static char		 out[MAX + 1];
static size_t		 len;
static int		 skipping;

static void
setup(void)
{
	in = evbuffer_new();
	skipping = 0;
}

static void
teardown(void)
{
	evbuffer_free(in);
}

static enum linebuf_result
get(void)
{
	return (linebuf_get(in, out, sizeof out, MAX, &len, &skipping));
}

START_TEST(line_ends)
{
	evbuffer_add_printf(in, "a\r\nb\nc\rd\r\n\r\n\ne");
	ck_assert_int_eq(get(), LINEBUF_LINE);
	ck_assert_str_eq(out, "a");
	ck_assert_int_eq(get(), LINEBUF_LINE);
	ck_assert_str_eq(out, "b");
	ck_assert_int_eq(get(), LINEBUF_LINE);
	ck_assert_str_eq(out, "c");
	ck_assert_int_eq(get(), LINEBUF_LINE);
	ck_assert_str_eq(out, "d");
	ck_assert_int_eq(len, 1);
	ck_assert_int_eq(get(), LINEBUF_NONE);
	ck_assert_int_eq(evbuffer_get_length(in), 1);
	evbuffer_add_printf(in, "f\n");
	ck_assert_int_eq(get(), LINEBUF_LINE);
	ck_assert_str_eq(out, "ef");
}
END_TEST

START_TEST(too_long_complete)
{
	evbuffer_add_printf(in, "%s\r\nok\r\n", "0123456789abcdefXYZ");
	ck_assert_int_eq(get(), LINEBUF_TOOLONG);
	ck_assert_int_eq(get(), LINEBUF_LINE);
	ck_assert_str_eq(out, "ok");
}
END_TEST

START_TEST(too_long_in_pieces)
{
	evbuffer_add_printf(in, "0123456789abcdefXYZ");
	ck_assert_int_eq(get(), LINEBUF_TOOLONG);
	ck_assert_int_eq(skipping, 1);
	evbuffer_add_printf(in, "more and more");
	ck_assert_int_eq(get(), LINEBUF_NONE);
	evbuffer_add_printf(in, "end\r\nnext\r\n");
	ck_assert_int_eq(get(), LINEBUF_LINE);
	ck_assert_str_eq(out, "next");
	ck_assert_int_eq(skipping, 0);
}
END_TEST

START_TEST(exactly_max)
{
	evbuffer_add_printf(in, "0123456789abcdef\n");
	ck_assert_int_eq(get(), LINEBUF_LINE);
	ck_assert_int_eq(len, MAX);
}
END_TEST

START_TEST(nul_byte)
{
	evbuffer_add(in, "a\0b\r\nc\r\n", 8);
	ck_assert_int_eq(get(), LINEBUF_NUL);
	ck_assert_int_eq(get(), LINEBUF_LINE);
	ck_assert_str_eq(out, "c");
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		line_ends,
		too_long_complete,
		too_long_in_pieces,
		exactly_max,
		nul_byte,
		NULL
	};

	return (unit_run("linebuf", tests, setup, teardown));
}
