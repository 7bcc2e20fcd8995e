/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Typing notifications (the IRCv3 +typing client tag, on TAGMSG): who is
 * typing in the current window is in the status line; what the user types
 * is told, active at most once every 3 seconds, paused when they stop for
 * a while, done when they empty the line (a message sent says it by
 * itself). The typing setting (yes by default) turns the telling off. A
 * timer runs only while someone is shown typing, so idle stays idle.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "cap.h"
#include "casemap.h"
#include "chatui.h"
#include "i18n.h"

#define TYPING_EVERY_MS		3000	/* active, at most this often */
#define TYPING_ACTIVE_MS	6000	/* shown this long after active */
#define TYPING_PAUSED_MS	30000	/* ... and after paused */

static struct event	*typing_ev;
/* What we told, and where. */
static struct {
	char	*target;
	int	 state;		/* 0 nothing, 1 active, 2 paused */
	long	 sent_ms;	/* the last active */
	long	 typed_ms;	/* the last keystroke */
} me;

static void	typing_cb(evutil_socket_t, short, void *);
static void	typing_arm(long);

/* Whether tags may be sent and the user lets us. */
static int
typing_can_send(void)
{
	return ((cu.caps & CAP_MESSAGE_TAGS) && cu.registered &&
	    !(cu.typing_setting != NULL &&
	    strcmp(cu.typing_setting, "no") == 0));
}

static void
typing_tell(const char *target, const char *state)
{
	net_send("@+typing=%s TAGMSG %s", state, target);
}

/* The timer: typists who expired go, our own pause is told. */
static void
typing_cb(evutil_socket_t fd, short what, void *arg)
{
	struct window	*w;
	long		 now = net_now_ms(), next = 0;
	int		 i, j;

	TAILQ_FOREACH(w, &cu.windows, entry) {
		for (i = j = 0; i < w->ntypers; i++) {
			if (w->typers[i].until_ms > now) {
				if (next == 0 || w->typers[i].until_ms < next)
					next = w->typers[i].until_ms;
				w->typers[j++] = w->typers[i];
			}
		}
		if (j != w->ntypers)
			model_changed();
		w->ntypers = j;
	}
	if (me.state == 1) {
		if (now - me.typed_ms >= TYPING_EVERY_MS * 2) {
			typing_tell(me.target, "paused");
			me.state = 2;
		} else if (next == 0 ||
		    me.typed_ms + TYPING_EVERY_MS * 2 < next)
			next = me.typed_ms + TYPING_EVERY_MS * 2;
	}
	if (next != 0)
		typing_arm(next - now);
}

static void
typing_arm(long ms)
{
	struct timeval	tv;

	if (ms < 10)
		ms = 10;
	if (typing_ev == NULL)
		typing_ev = evtimer_new(cu.base, typing_cb, NULL);
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	evtimer_add(typing_ev, &tv);
}

/* TAGMSG with +typing from nick in w. */
void
typing_received(struct window *w, const char *nick, const char *state)
{
	long	now = net_now_ms(), until;
	int	i;

	for (i = 0; i < w->ntypers; i++) {
		if (casemap_cmp(w->typers[i].nick, nick) == 0)
			break;
	}
	if (strcmp(state, "active") == 0)
		until = now + TYPING_ACTIVE_MS;
	else if (strcmp(state, "paused") == 0)
		until = now + TYPING_PAUSED_MS;
	else
		until = 0;
	if (until == 0) {
		if (i < w->ntypers)
			w->typers[i] = w->typers[--w->ntypers];
	} else if (i < w->ntypers)
		w->typers[i].until_ms = until;
	else if (w->ntypers < TYPERS_MAX) {
		xstrlcpy(w->typers[i].nick, nick, sizeof w->typers[i].nick);
		w->typers[i].until_ms = until;
		w->ntypers++;
	} else
		return;
	model_changed();
	if (until != 0 && (typing_ev == NULL ||
	    !evtimer_pending(typing_ev, NULL)))
		typing_arm(until - now);
}

/* nick spoke in w: no longer typing there. */
void
typing_spoke(struct window *w, const char *nick)
{
	if (w->ntypers > 0)
		typing_received(w, nick, "done");
}

/* The input line changed: text for the current window is being typed. */
void
typing_input(const char *line)
{
	struct window	*w = cu.current;
	long		 now = net_now_ms();
	int		 typing;

	/* A paste coming in, cut between reads, is not someone typing. */
	typing = *line != '\0' && *line != '/' && w->kind != WINDOW_SERVER &&
	    !cu.pasting && cu.npaste == 0;
	if (me.state != 0 && (!typing || me.target == NULL ||
	    casemap_cmp(me.target, w->name) != 0)) {
		/* Emptied, or another window: done where we were. */
		if (me.target != NULL && typing_can_send())
			typing_tell(me.target, "done");
		me.state = 0;
	}
	if (!typing || !typing_can_send())
		return;
	me.typed_ms = now;
	if (me.state == 1 && now - me.sent_ms < TYPING_EVERY_MS)
		return;
	free(me.target);
	me.target = xstrdup(w->name);
	typing_tell(me.target, "active");
	me.state = 1;
	me.sent_ms = now;
	if (typing_ev == NULL || !evtimer_pending(typing_ev, NULL))
		typing_arm(TYPING_EVERY_MS * 2);
}

/* A line was sent: the message itself says we stopped. */
void
typing_sent(void)
{
	me.state = 0;
}

/* "alice is typing" for w's status line, or "". */
const char *
typing_status(struct window *w, char *buf, size_t size)
{
	*buf = '\0';
	if (w->ntypers == 1)
		snprintf(buf, size, _(" [%s is typing]"), w->typers[0].nick);
	else if (w->ntypers == 2)
		snprintf(buf, size, _(" [%s and %s are typing]"),
		    w->typers[0].nick, w->typers[1].nick);
	else if (w->ntypers > 2)
		snprintf(buf, size, _(" [%s and others are typing]"),
		    w->typers[0].nick);
	return (buf);
}

void
typing_free(void)
{
	if (typing_ev != NULL)
		event_free(typing_ev);
	typing_ev = NULL;
	free(me.target);
	me.target = NULL;
}
