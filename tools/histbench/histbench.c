/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * histbench: what a history replay costs chatui, with its own parser and
 * model code (handle.c, history.c, window.c) and nothing drawn (a replay
 * is drawn once, at the next frame, like any other burst). Three cases of
 * 1,000 lines of 100 bytes, each the median of 21 runs of CPU time:
 *
 *	latest	 a batch into an empty window (joining)
 *	after	 a batch after 9,000 lines held (the gap after a reconnect)
 *	before	 a batch before 9,000 lines held (scrolling up)
 *
 *	tools/histbench/histbench	(make histbench)
 */

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cap.h"
#include "chatui.h"

struct chatui	cu;

void
net_send(const char *fmt, ...)
{
}

long
net_now_ms(void)
{
	return (0);
}

#include "../../tests/unit/chatui-stubs.h"

#define RUNS	21
#define LINES	1000
#define HELD	9000

static double
cpu_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (ts.tv_sec * 1e6 + ts.tv_nsec / 1e3);
}

static void
feed(const char *line)
{
	char	buf[1024];

	snprintf(buf, sizeof buf, "%s", line);
	handle_line(buf);
}

/* Message n at base + n ms, as the server would stamp it. */
static void
message(char *out, size_t size, const char *batch, long n, time_t base)
{
	struct timeval	tv;
	char		stamp[32];

	tv.tv_sec = base + n / 1000;
	tv.tv_usec = (n % 1000) * 1000;
	msg_format_time(stamp, sizeof stamp, &tv);
	snprintf(out, size, "@%s%s%stime=%s;msgid=%016lx :feeder!f@h PRIVMSG "
	    "#c :%06ld %.*s", batch != NULL ? "batch=" : "",
	    batch != NULL ? batch : "", batch != NULL ? ";" : "", stamp,
	    (unsigned long)n, n, 93, "the quick brown fox jumps over the "
	    "lazy dog; the quick brown fox jumps over the lazy dog; the "
	    "quick brown fox jumps");
}

static int
cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

/* One run: held live lines from first, then a batch of LINES from from. */
static double
run(long held_from, long held, long from)
{
	struct window	*w;
	char		 line[512];
	double		 t0, t1;
	long		 i;
	time_t		 base = time(NULL) - 86400;

	memset(&cu, 0, sizeof cu);
	TAILQ_INIT(&cu.windows);
	xstrlcpy(cu.me, "me", sizeof cu.me);
	cu.scrollback = SCROLLBACK_DEFAULT;
	cu.current = window_get("server", WINDOW_SERVER);
	cu.registered = cu.motd_done = 1;
	cu.caps = CAP_CHATHISTORY | CAP_BATCH | CAP_SERVER_TIME |
	    CAP_MESSAGE_TAGS;
	w = window_get("#c", WINDOW_CHANNEL);
	w->joined = 1;
	for (i = held_from; i < held_from + held; i++) {
		message(line, sizeof line, NULL, i, base);
		feed(line);
	}
	w->history_asked = HISTORY_AFTER;
	t0 = cpu_us();
	feed(":srv BATCH +b chathistory #c");
	for (i = from; i < from + LINES; i++) {
		message(line, sizeof line, "b", i, base);
		feed(line);
	}
	feed(":srv BATCH -b");
	t1 = cpu_us();
	if (w->buf.n != held + LINES) {
		fprintf(stderr, "histbench: %d lines, not %ld\n", w->buf.n,
		    held + LINES);
		exit(1);
	}
	window_free_all();
	return (t1 - t0);
}

int
main(void)
{
	static const struct {
		const char	*name;
		long		 held_from, held, from;
	} cases[] = {
		{ "latest", 0, 0, 0 },
		{ "after", 0, HELD, HELD },
		{ "before", LINES, HELD, 0 },
	};
	double	t[RUNS];
	size_t	c;
	int	r;

	setenv("TZ", "UTC", 1);
	printf("case      lines   held   us/replay (median of %d)\n", RUNS);
	for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		for (r = 0; r < RUNS; r++)
			t[r] = run(cases[c].held_from, cases[c].held,
			    cases[c].from);
		qsort(t, RUNS, sizeof t[0], cmp);
		printf("%-8s %6d %6ld %11.0f\n", cases[c].name, LINES,
		    cases[c].held, t[RUNS / 2]);
	}
	return (0);
}
