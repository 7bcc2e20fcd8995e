/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Where the user stopped reading. Each window keeps the time up to which
 * it was read: set when the user leaves it (what was on screen), and, on
 * servers with draft/read-marker, from the server, which tells every
 * client of the account. The pane draws "-- new messages --" above the
 * first line newer than that. What the user sees is told to the server
 * at most once every few seconds (a timer armed only when there is
 * something to tell, so an idle chatui stays idle); a window read in
 * another client loses its unread count here.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "cap.h"
#include "chatui.h"

/* Seconds between two MARKREADs: the spec asks clients not to flood. */
#define READMARK_INTERVAL	3

static struct event	*readmark_ev;

static void	readmark_cb(evutil_socket_t, short, void *);

/* Whether the server keeps read markers. */
static int
readmark_enabled(void)
{
	return ((cu.caps & CAP_READ_MARKER) && cu.registered);
}

/* Tell the server what was read, for every window with news. */
static void
readmark_cb(evutil_socket_t fd, short what, void *arg)
{
	struct window	*w;
	struct timeval	 tv;
	char		 stamp[32];

	if (!readmark_enabled())
		return;
	TAILQ_FOREACH(w, &cu.windows, entry) {
		if (!w->read_dirty)
			continue;
		w->read_dirty = 0;
		if (w->seen_ms <= w->read_ms || (w->kind != WINDOW_CHANNEL &&
		    w->kind != WINDOW_QUERY))
			continue;
		tv.tv_sec = w->seen_ms / 1000;
		tv.tv_usec = (w->seen_ms % 1000) * 1000;
		msg_format_time(stamp, sizeof stamp, &tv);
		net_send("MARKREAD %s timestamp=%s", w->name, stamp);
	}
}

/* The user sees the end of w: it is read up to its newest message. */
void
readmark_seen(struct window *w)
{
	struct timeval	tv = { READMARK_INTERVAL, 0 };

	if (w->newest_ms <= w->seen_ms)
		return;
	w->seen_ms = w->newest_ms;
	if (!readmark_enabled() || (w->kind != WINDOW_CHANNEL &&
	    w->kind != WINDOW_QUERY) || w->seen_ms <= w->read_ms)
		return;
	w->read_dirty = 1;
	if (readmark_ev == NULL)
		readmark_ev = evtimer_new(cu.base, readmark_cb, NULL);
	if (!evtimer_pending(readmark_ev, NULL))
		evtimer_add(readmark_ev, &tv);
}

/* The user leaves w: the marker goes where they stopped. */
void
readmark_leave(struct window *w)
{
	if (w->seen_ms > w->mark_ms)
		w->mark_ms = w->seen_ms;
}

/* MARKREAD target timestamp=T (or *): read elsewhere, up to T. */
void
readmark_received(const char *target, const char *value)
{
	struct window	*w;
	struct timeval	 tv;
	int64_t		 ms;

	if ((w = window_find(target)) == NULL ||
	    strncmp(value, "timestamp=", 10) != 0 ||
	    msg_parse_time(value + 10, &tv) != 0)
		return;
	ms = (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
	if (ms <= w->read_ms)
		return;
	w->read_ms = ms;
	if (ms > w->seen_ms)
		w->seen_ms = ms;
	/* While the user reads the window, its marker stays put. */
	if (w != cu.current && ms > w->mark_ms)
		w->mark_ms = ms;
	if (w->newest_ms <= ms) {
		w->unread = 0;
		w->mention = 0;
	}
	model_changed();
}

/* A private window opened: ask where it was read up to. */
void
readmark_ask(struct window *w)
{
	if (readmark_enabled() && w->kind == WINDOW_QUERY)
		net_send("MARKREAD %s", w->name);
}

/*
 * The index of the first line of w newer than its marker, where the pane
 * draws "-- new messages --"; -1 when there is none to draw (nothing
 * older, or nothing newer, or no marker yet).
 */
int
readmark_index(struct window *w)
{
	int		 lo = 0, hi = w->buf.n, mid;
	uint32_t	 mark;

	if (w->mark_ms <= 0 || w->buf.n == 0)
		return (-1);
	mark = (uint32_t)(w->mark_ms / 1000);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (buffer_line(&w->buf, mid)->when <= mark)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo > 0 && lo < w->buf.n ? lo : -1);
}

void
readmark_free(void)
{
	if (readmark_ev != NULL)
		event_free(readmark_ev);
	readmark_ev = NULL;
}
