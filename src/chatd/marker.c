/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Read markers (draft/read-marker): for each target, the time up to
 * which someone has read it, which only ever grows. An account's are kept
 * in the db (store.c) and told to every connection logged in to it; a
 * connection without an account has its own, for as long as it lasts.
 * MARKREAD target asks for one, MARKREAD target timestamp=T sets it, and
 * joining a channel tells it before the end of the names.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casemap.h"
#include "chatd.h"
#include "store.h"

/* One target's marker. */
struct marker {
	char		*target;
	int64_t		 ms;
};

/* A set of them: an account's or a connection's. */
struct markers {
	struct marker	*v;
	size_t		 n;
};

static struct markers	**marker_set(struct client *);
static struct marker	 *marker_find(struct markers *, const char *);
static void		  marker_send(struct client *, const char *, int64_t);

/* Where c's markers are: its account's, or its own. */
static struct markers **
marker_set(struct client *c)
{
	return (c->account != NULL ? &c->account->markers : &c->markers);
}

static struct marker *
marker_find(struct markers *s, const char *target)
{
	size_t	i;

	if (s == NULL)
		return (NULL);
	for (i = 0; i < s->n; i++) {
		if (casemap_cmp(s->v[i].target, target) == 0)
			return (&s->v[i]);
	}
	return (NULL);
}

/* Set target's marker in *sp to ms if that is later; the marker now. */
int64_t
marker_set_ms(struct markers **sp, const char *target, int64_t ms)
{
	struct markers	*s = *sp;
	struct marker	*m;

	if (s == NULL)
		s = *sp = xcalloc(1, sizeof *s);
	if ((m = marker_find(s, target)) == NULL) {
		s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
		m = &s->v[s->n++];
		m->target = xstrdup(target);
		m->ms = ms;
	} else if (ms > m->ms)
		m->ms = ms;
	return (m->ms);
}

void
marker_free(struct markers *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		free(s->v[i].target);
	free(s->v);
	free(s);
}

/* MARKREAD target timestamp=T (or *, none yet) to c. */
static void
marker_send(struct client *c, const char *target, int64_t ms)
{
	struct timeval	tv;
	char		stamp[64];

	if (ms < 0) {
		send_raw(c, ":%s MARKREAD %s *", srv.conf->name, target);
		return;
	}
	tv.tv_sec = (time_t)(ms / 1000);
	tv.tv_usec = (suseconds_t)(ms % 1000) * 1000;
	msg_format_time(stamp, sizeof stamp, &tv);
	send_raw(c, ":%s MARKREAD %s timestamp=%s", srv.conf->name, target,
	    stamp);
}

/* c joined chan: its marker there, if it asked for read markers. */
void
marker_join(struct client *c, struct channel *chan)
{
	struct marker	*m;

	if (!(c->caps & CAP_READ_MARKER))
		return;
	m = marker_find(*marker_set(c), chan->name);
	marker_send(c, chan->name, m != NULL ? m->ms : -1);
}

/*
 * MARKREAD target [timestamp=T]: get, or set and be told the marker as
 * it is now (with the other connections of the account).
 */
void
irc_markread(struct client *c, struct msg *m)
{
	const char	*target, *ts;
	struct marker	*mk;
	struct client	*o;
	struct timeval	 tv;
	int64_t		 ms;

	if (m->nparams < 1 || *m->params[0] == '\0') {
		send_raw(c, ":%s FAIL MARKREAD NEED_MORE_PARAMS :MARKREAD needs "
		    "a target", srv.conf->name);
		return;
	}
	target = m->params[0];
	if ((*target == '#' && !channel_valid_name(target,
	    srv.conf->channellen)) ||
	    (*target != '#' && !irc_nick_valid(target))) {
		send_raw(c, ":%s FAIL MARKREAD INVALID_PARAMS %s :Not a channel "
		    "or a nick", srv.conf->name, target);
		return;
	}
	if (m->nparams < 2) {
		mk = marker_find(*marker_set(c), target);
		marker_send(c, target, mk != NULL ? mk->ms : -1);
		return;
	}
	ts = m->params[1];
	if (strncmp(ts, "timestamp=", 10) != 0 ||
	    msg_parse_time(ts + 10, &tv) != 0) {
		send_raw(c, ":%s FAIL MARKREAD INVALID_PARAMS %s :Not a "
		    "timestamp=YYYY-MM-DDThh:mm:ss.sssZ", srv.conf->name, target);
		return;
	}
	ms = (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
	ms = marker_set_ms(marker_set(c), target, ms);
	if (c->account == NULL) {
		marker_send(c, target, ms);
		return;
	}
	store_marker(c->account->name, target, ms);
	TAILQ_FOREACH(o, &srv.clients, entry) {
		if (o->account == c->account && (o == c ||
		    (o->caps & CAP_READ_MARKER)) && !(o->flags & CLIENT_DEAD))
			marker_send(o, target, ms);
	}
}
