/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * CHATHISTORY (IRCv3 draft/chathistory): LATEST, BEFORE, AFTER, AROUND,
 * BETWEEN and TARGETS over what history.c keeps, by msgid or timestamp,
 * each answer in a chathistory batch. A channel's history is for its
 * members; a private conversation's for the connection that had it.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "casemap.h"
#include "chatd.h"

/* The most lines one CHATHISTORY answers with (ISUPPORT CHATHISTORY). */
#define HISTORY_LIMIT	1000

/* Where a reference points: just before or just after a line. */
struct hist_ref {
	int		 star;		/* "*": the end */
	int		 is_msgid;
	uint64_t	 msgid;
	int64_t		 ms;
};

enum hist_sub {
	SUB_LATEST,
	SUB_BEFORE,
	SUB_AFTER,
	SUB_AROUND,
	SUB_BETWEEN,
	SUB_TARGETS
};

/* The subcommands, sorted, with the references each takes. */
static const struct {
	const char	*name;
	enum hist_sub	 sub;
	int		 nrefs;
} hist_subs[] = {
	{ "AFTER", SUB_AFTER, 1 },
	{ "AROUND", SUB_AROUND, 1 },
	{ "BEFORE", SUB_BEFORE, 1 },
	{ "BETWEEN", SUB_BETWEEN, 2 },
	{ "LATEST", SUB_LATEST, 1 },
	{ "TARGETS", SUB_TARGETS, 2 },
};

static int	irc_history_ref(const char *, int, struct hist_ref *);
static size_t	irc_history_find(struct hist_entry **, size_t,
		    const struct hist_ref *, int);
static void	irc_history_targets(struct client *, struct hist_ref *,
		    struct hist_ref *, int);
static void	irc_history_peer_cb(void *, const char *, int64_t);
static int	irc_history_row_cmp(const void *, const void *);

/*
 * Parse a reference: "*" (where allowed), "msgid=ID" or "timestamp=TIME";
 * -1 if it is neither.
 */
static int
irc_history_ref(const char *s, int star_ok, struct hist_ref *r)
{
	struct timeval	tv;

	memset(r, 0, sizeof *r);
	if (strcmp(s, "*") == 0 && star_ok) {
		r->star = 1;
		return (0);
	}
	if (strncmp(s, "msgid=", 6) == 0) {
		r->is_msgid = 1;
		return (send_msgid_parse(s + 6, &r->msgid));
	}
	if (strncmp(s, "timestamp=", 10) == 0 &&
	    msg_parse_time(s + 10, &tv) == 0) {
		r->ms = (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
		return (0);
	}
	return (-1);
}

/*
 * The index of the first line at or after r (after, when after is set,
 * for a msgid: just past the line it names); n if none. A msgid not kept
 * is taken as the end.
 */
static size_t
irc_history_find(struct hist_entry **v, size_t n, const struct hist_ref *r,
    int after)
{
	size_t	i;

	if (r->star)
		return (n);
	for (i = 0; i < n; i++) {
		if (r->is_msgid && history_msgid(v[i]) == r->msgid)
			return (after ? i + 1 : i);
		if (!r->is_msgid && (after ? history_ms(v[i]) > r->ms :
		    history_ms(v[i]) >= r->ms))
			return (i);
	}
	return (n);
}

void
irc_chathistory(struct client *c, struct msg *m)
{
	struct hist_entry	**v;
	struct hist_ref		  r1, r2;
	struct channel		 *chan = NULL;
	const char		 *sub = m->params[0], *target = m->params[1];
	char			  batch[24];
	size_t			  n, lo, hi, a, b, i, budget, size;
	int			  s, limit, nrefs;

	if (!history_enabled()) {
		/* Not offered (history-memory = 0): as if it did not exist. */
		send_numeric(c, ERR_UNKNOWNCOMMAND, m->verb);
		return;
	}
	for (s = 0; s < (int)(sizeof hist_subs / sizeof hist_subs[0]); s++) {
		if (strcasecmp(hist_subs[s].name, sub) == 0)
			break;
	}
	if (s == (int)(sizeof hist_subs / sizeof hist_subs[0])) {
		send_raw(c, ":%s FAIL CHATHISTORY INVALID_PARAMS %s :Unknown "
		    "subcommand", srv.conf->name, sub);
		return;
	}
	nrefs = hist_subs[s].nrefs;
	if (m->nparams < 2 + nrefs + (hist_subs[s].sub != SUB_TARGETS)) {
		send_raw(c, ":%s FAIL CHATHISTORY NEED_MORE_PARAMS %s :Missing "
		    "parameters", srv.conf->name, hist_subs[s].name);
		return;
	}
	if (hist_subs[s].sub == SUB_TARGETS) {
		limit = atoi(m->params[3]);
		if (irc_history_ref(m->params[1], 0, &r1) != 0 ||
		    irc_history_ref(m->params[2], 0, &r2) != 0 ||
		    r1.is_msgid || r2.is_msgid || limit <= 0) {
			send_raw(c, ":%s FAIL CHATHISTORY INVALID_PARAMS TARGETS "
			    ":Invalid parameters", srv.conf->name);
			return;
		}
		irc_history_targets(c, &r1, &r2, limit);
		return;
	}
	limit = atoi(m->params[2 + nrefs]);
	if (irc_history_ref(m->params[2], hist_subs[s].sub == SUB_LATEST,
	    &r1) != 0 || (nrefs == 2 && irc_history_ref(m->params[3], 0,
	    &r2) != 0) || limit <= 0) {
		send_raw(c, ":%s FAIL CHATHISTORY INVALID_PARAMS %s :Invalid "
		    "parameters", srv.conf->name, hist_subs[s].name);
		return;
	}
	if (limit > HISTORY_LIMIT)
		limit = HISTORY_LIMIT;

	/* A channel one is in, or someone one speaks with in private. */
	if (*target == '#') {
		if ((chan = channel_find(target)) == NULL ||
		    channel_member(chan, c) == NULL) {
			send_raw(c, ":%s FAIL CHATHISTORY INVALID_TARGET %s %s "
			    ":Messages could not be retrieved", srv.conf->name,
			    hist_subs[s].name, target);
			return;
		}
		v = history_lines(c, chan->name, &n);
	} else {
		if (!irc_nick_valid(target)) {
			send_raw(c, ":%s FAIL CHATHISTORY INVALID_TARGET %s %s "
			    ":Messages could not be retrieved", srv.conf->name,
			    hist_subs[s].name, target);
			return;
		}
		v = history_lines(c, target, &n);
	}

	/* [lo, hi): the lines that answer, before the limit. */
	switch (hist_subs[s].sub) {
	case SUB_LATEST:
		lo = r1.star ? 0 : irc_history_find(v, n, &r1, 1);
		hi = n;
		if (hi - lo > (size_t)limit)
			lo = hi - limit;
		break;
	case SUB_BEFORE:
		hi = irc_history_find(v, n, &r1, 0);
		lo = hi > (size_t)limit ? hi - limit : 0;
		break;
	case SUB_AFTER:
		lo = irc_history_find(v, n, &r1, 1);
		hi = n - lo > (size_t)limit ? lo + limit : n;
		break;
	case SUB_AROUND:
		i = irc_history_find(v, n, &r1, 0);
		lo = i > (size_t)(limit - 1) / 2 ? i - (limit - 1) / 2 : 0;
		hi = n - lo > (size_t)limit ? lo + limit : n;
		break;
	case SUB_BETWEEN:
	default:
		/*
		 * Strictly between the two, the limit counted from the first
		 * given, whichever way they point.
		 */
		a = irc_history_find(v, n, &r1, 1);
		b = irc_history_find(v, n, &r2, 1);
		if (a <= b) {
			lo = a;
			hi = irc_history_find(v, n, &r2, 0);
			if (hi > lo && hi - lo > (size_t)limit)
				hi = lo + limit;
		} else {
			lo = b;
			hi = irc_history_find(v, n, &r1, 0);
			if (hi > lo && hi - lo > (size_t)limit)
				lo = hi - limit;
		}
		if (hi < lo)
			hi = lo;
		break;
	}
	/*
	 * No more than the client's sendq can take (a client may be sent
	 * fewer lines than it asked for): the lines nearest the reference.
	 */
	budget = history_budget(c);
	size = 0;
	if (hist_subs[s].sub == SUB_LATEST || hist_subs[s].sub == SUB_BEFORE) {
		for (i = hi; i > lo && (size += history_size(v[i - 1])) <=
		    budget; i--)
			;
		lo = i;
	} else {
		for (i = lo; i < hi && (size += history_size(v[i])) <= budget;
		    i++)
			;
		hi = i;
	}
	history_batch(c, batch, sizeof batch, "chathistory", target);
	for (i = lo; i < hi; i++)
		history_send(c, v[i], *batch != '\0' ? batch : NULL);
	history_batch(c, batch, sizeof batch, NULL, NULL);
	free(v);
}

/* One line of a TARGETS answer: a channel or nick and its last message. */
struct hist_target_row {
	const char	*name;
	int64_t		 ms;
};

struct hist_targets_ctx {
	struct hist_target_row	*rows;
	size_t			 n, size;
};

static void
irc_history_peer_cb(void *arg, const char *name, int64_t ms)
{
	struct hist_targets_ctx	*ctx = arg;

	if (ms < 0)
		return;
	if (ctx->n == ctx->size) {
		ctx->size = ctx->size == 0 ? 16 : ctx->size * 2;
		ctx->rows = xreallocarray(ctx->rows, ctx->size,
		    sizeof *ctx->rows);
	}
	ctx->rows[ctx->n].name = name;
	ctx->rows[ctx->n++].ms = ms;
}

static int
irc_history_row_cmp(const void *a, const void *b)
{
	const struct hist_target_row	*ra = a, *rb = b;

	return (ra->ms < rb->ms ? -1 : ra->ms > rb->ms);
}

/*
 * TARGETS: the channels c is in and the people it spoke with in private
 * whose last message falls between two timestamps, the earliest first, up
 * to limit of them.
 */
static void
irc_history_targets(struct client *c, struct hist_ref *r1,
    struct hist_ref *r2, int limit)
{
	struct hist_targets_ctx	 ctx;
	struct membership	*m;
	struct timeval		 tv;
	char			 batch[24], stamp[40];
	int64_t			 from, to;
	size_t			 i;

	memset(&ctx, 0, sizeof ctx);
	LIST_FOREACH(m, &c->channels, client_entry)
		irc_history_peer_cb(&ctx, m->channel->name,
		    history_last_ms(m->channel->name));
	history_peers(c, irc_history_peer_cb, &ctx);
	if (ctx.n != 0)
		qsort(ctx.rows, ctx.n, sizeof *ctx.rows, irc_history_row_cmp);

	from = r1->ms < r2->ms ? r1->ms : r2->ms;
	to = r1->ms < r2->ms ? r2->ms : r1->ms;
	history_batch(c, batch, sizeof batch, "draft/chathistory-targets",
	    NULL);
	for (i = 0; i < ctx.n && limit > 0; i++) {
		if (ctx.rows[i].ms <= from || ctx.rows[i].ms >= to)
			continue;
		limit--;
		tv.tv_sec = (time_t)(ctx.rows[i].ms / 1000);
		tv.tv_usec = (suseconds_t)(ctx.rows[i].ms % 1000) * 1000;
		msg_format_time(stamp, sizeof stamp, &tv);
		if (*batch != '\0')
			send_raw(c, "@batch=%s :%s CHATHISTORY TARGETS %s %s",
			    batch, srv.conf->name, ctx.rows[i].name, stamp);
		else
			send_raw(c, ":%s CHATHISTORY TARGETS %s %s",
			    srv.conf->name, ctx.rows[i].name, stamp);
	}
	history_batch(c, batch, sizeof batch, NULL, NULL);
	free(ctx.rows);
}

/*
 * REDACT target msgid [:reason]: by whoever sent it, a channel operator
 * or an IRC operator; the line goes from the history and the db, and
 * those who can (draft/message-redaction) are told.
 */
void
irc_redact(struct client *c, struct msg *m)
{
	const char		*target = m->params[0], *id = m->params[1];
	struct channel		*chan = NULL;
	struct membership	*mb = NULL;
	struct hist_entry	*e;
	uint64_t		 msgid;

	if (*target == '#' && ((chan = channel_find(target)) == NULL ||
	    (mb = channel_member(chan, c)) == NULL)) {
		send_raw(c, ":%s FAIL REDACT INVALID_TARGET %s :You are not in "
		    "that channel", srv.conf->name, target);
		return;
	}
	if (send_msgid_parse(id, &msgid) != 0 ||
	    (e = history_find(c, target, msgid)) == NULL) {
		send_raw(c, ":%s FAIL REDACT UNKNOWN_MSGID %s %s :No such "
		    "message to redact", srv.conf->name, target, id);
		return;
	}
	if (!history_sent_by(e, c) && (mb == NULL ||
	    !(mb->modes & MEMBER_OP)) && !(c->umodes & UMODE_OPER)) {
		send_raw(c, ":%s FAIL REDACT REDACT_FORBIDDEN %s %s :Only its "
		    "sender or a channel operator may redact a message",
		    srv.conf->name, target, id);
		return;
	}
	event_redact(c, chan != NULL ? chan->name : target, chan,
	    chan == NULL ? user_find(target) : NULL, msgid,
	    m->nparams > 2 ? m->params[2] : NULL);
}
