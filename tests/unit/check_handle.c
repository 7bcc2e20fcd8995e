/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for chatui's handle.c: its table is in the order bsearch
 * needs, and what the server says becomes what a person reads: a CTCP
 * query answered (paced) and told without a window, a topic's setter
 * with a date, WHOIS idle as minutes, never a raw Unix time.
 */

#include "config.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chatui.h"
#include "unit.h"

struct chatui	cu;
static char	sent[8][512];
static int	nsent;
static long	clock_ms;

/* No network and no screen: what would be sent is kept. */
void
net_send(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	if (nsent < 8)
		vsnprintf(sent[nsent++], sizeof sent[0], fmt, ap);
	va_end(ap);
}

void
net_lag_pong(const char *token)
{
}

void
net_drain(void)
{
}

long
net_now_ms(void)
{
	return (clock_ms);
}

void
ui_redraw_later(void)
{
}

void
ui_bell(void)
{
}

static void
setup(void)
{
	memset(&cu, 0, sizeof cu);
	TAILQ_INIT(&cu.windows);
	xstrlcpy(cu.me, "me", sizeof cu.me);
	cu.scrollback = SCROLLBACK_MIN;
	cu.current = window_get("server", WINDOW_SERVER);
	cu.motd_done = 1;
	nsent = 0;
	setenv("TZ", "UTC", 1);
	tzset();
}

/* Feed a line (handle_line() cuts it up in place). */
static void
feed(const char *line)
{
	char	buf[1024];

	snprintf(buf, sizeof buf, "%s", line);
	handle_line(buf);
}

/* The last line of window w. */
static const char *
last(struct window *w)
{
	return (line_text(window_line(w, w->nlines - 1)));
}

START_TEST(table_sorted)
{
	ck_assert_ptr_null(handle_table_unsorted());
}
END_TEST

START_TEST(ctcp_answered)
{
	int	i, windows = 0;
	struct window	*w;

	setup();
	feed(":bob!b@h PRIVMSG me :\001VERSION\001");
	ck_assert_int_eq(nsent, 1);
	ck_assert_ptr_nonnull(strstr(sent[0], "NOTICE bob :\001VERSION chatui "));
	ck_assert_str_eq(last(cu.current), "CTCP VERSION from bob (answered)");
	/* Only the server window: no window opened for bob. */
	TAILQ_FOREACH(w, &cu.windows, entry)
		windows++;
	ck_assert_int_eq(windows, 1);
	/* A flood at one instant: two more answers (three at once), then none. */
	for (i = 0; i < 5; i++)
		feed(":bob!b@h PRIVMSG me :\001PING 7\001");
	ck_assert_int_eq(nsent, 3);
	ck_assert_str_eq(sent[1], "NOTICE bob :\001PING 7\001");
	/* Two seconds on, one more. */
	clock_ms += 2000;
	feed(":bob!b@h PRIVMSG me :\001PING 8\001");
	ck_assert_int_eq(nsent, 4);
	/* Our own, echoed back, is not answered. */
	feed(":me!m@h PRIVMSG bob :\001VERSION\001");
	ck_assert_int_eq(nsent, 4);
}
END_TEST

START_TEST(dates_not_numbers)
{
	struct window	*w;

	setup();
	feed(":me!m@h JOIN #c");
	w = window_find("#c");
	ck_assert_ptr_nonnull(w);
	/* 1796169540 is 2026-12-01 23:59 UTC. */
	feed(":srv 333 me #c bob!b@h 1796169540");
	ck_assert_str_eq(last(w), "Topic set by bob on 2026-12-01 23:59");
	cu.current = w;
	feed(":srv 317 me bob 125 1796169540 :seconds idle, signon time");
	ck_assert_str_eq(last(w),
	    "bob has been idle 2 min 5 s, online since 2026-12-01 23:59");
	feed(":srv 329 me #c 1796169540");
	ck_assert_str_eq(last(w), "#c was created on 2026-12-01 23:59");
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		table_sorted,
		ctcp_answered,
		dates_not_numbers,
		NULL
	};

	return (unit_run("handle", tests, NULL, NULL));
}
