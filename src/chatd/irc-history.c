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
#include "store.h"

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

/* A CHATHISTORY waiting for the db (on the pool). */
struct hist_job {
	int		 sub;		/* index in hist_subs */
	struct hist_ref	 r1, r2;
	int		 limit;
	char		 target[CHANNEL_MAX + 1];
	struct store_query *q;
};

static int	irc_history_ref(const char *, int, struct hist_ref *);
static void	irc_history_answer(struct client *, int, const char *,
		    struct hist_entry **, size_t, struct hist_ref *,
		    struct hist_ref *, int);
static int	irc_history_db(struct client *, int, const char *,
		    struct hist_ref *, struct hist_ref *, int);
static void	irc_history_db_work(void *);
static void	irc_history_db_done(struct client *, void *);
static uint64_t	irc_history_bound(const struct hist_ref *, int);
static int	irc_history_entry_cmp(const void *, const void *);
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
	size_t			  n;
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
		target = chan->name;
	} else if (!irc_nick_valid(target)) {
		send_raw(c, ":%s FAIL CHATHISTORY INVALID_TARGET %s %s "
		    ":Messages could not be retrieved", srv.conf->name,
		    hist_subs[s].name, target);
		return;
	}
	/* What the db keeps, the db answers; the rest, memory. */
	if (irc_history_db(c, s, target, &r1, &r2, limit))
		return;
	v = history_lines(c, target, &n);
	irc_history_answer(c, s, target, v, n, &r1, &r2, limit);
	free(v);
}

/*
 * Answer subcommand s of CHATHISTORY from v, the n lines of target c may
 * see, oldest first.
 */
static void
irc_history_answer(struct client *c, int s, const char *target,
    struct hist_entry **v, size_t n, struct hist_ref *pr1,
    struct hist_ref *pr2, int limit)
{
	struct hist_ref		  r1 = *pr1, r2 = *pr2;
	char			  batch[24];
	size_t			  lo, hi, a, b, i, budget, size;

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
}

/*
 * The lowest (or, with high, the highest) msgid a reference can stand
 * for: a msgid itself, or those of a timestamp's millisecond.
 */
static uint64_t
irc_history_bound(const struct hist_ref *r, int high)
{
	uint64_t	ms;

	if (r->star)
		return (high ? (uint64_t)INT64_MAX : 0);
	if (r->is_msgid)
		return (r->msgid);
	if (r->ms < (int64_t)MSGID_EPOCH_MS)
		return (high ? 0 : 0);
	ms = (uint64_t)r->ms - MSGID_EPOCH_MS + (high ? 1 : 0);
	ms <<= MSGID_NODE_BITS + MSGID_SEQ_BITS;
	return (high ? ms - 1 : ms);
}

/*
 * A target the db keeps (a channel it keeps, c's account's private
 * conversations): the lines that can answer are fetched from it on the
 * pool, c waiting, and answered as from memory. 0 if it is not one.
 */
static int
irc_history_db(struct client *c, int s, const char *target,
    struct hist_ref *r1, struct hist_ref *r2, int limit)
{
	struct hist_job		*j;
	struct store_query	*q;
	uint64_t		 lo1, hi1, lo2, hi2;

	if (!store_enabled())
		return (0);
	q = xcalloc(1, sizeof *q);
	if (*target == '#') {
		if (!chanreg_kept(target)) {
			free(q);
			return (0);
		}
		xstrlcpy(q->target, target, sizeof q->target);
	} else {
		if (c->account == NULL) {
			free(q);
			return (0);
		}
		q->target[0] = '~';
		casemap_fold(q->target + 1, c->account->name,
		    sizeof q->target - 1);
		xstrlcpy(q->peer, target, sizeof q->peer);
	}
	q->events = (c->caps & CAP_EVENT_PLAYBACK) != 0;
	q->tagmsg = (c->caps & (CAP_EVENT_PLAYBACK | CAP_MESSAGE_TAGS)) ==
	    (CAP_EVENT_PLAYBACK | CAP_MESSAGE_TAGS);
	lo1 = irc_history_bound(r1, 0);
	hi1 = irc_history_bound(r1, 1);
	/* Each range holds the reference's own line, for the selection. */
	q->nranges = 1;
	q->range[0].limit = limit + 1;
	switch (hist_subs[s].sub) {
	case SUB_LATEST:
		q->range[0].from = r1->star ? 0 : lo1;
		q->range[0].to = (uint64_t)INT64_MAX;
		q->range[0].desc = 1;
		break;
	case SUB_BEFORE:
		q->range[0].to = hi1;
		q->range[0].desc = 1;
		break;
	case SUB_AFTER:
		q->range[0].from = lo1;
		q->range[0].to = (uint64_t)INT64_MAX;
		break;
	case SUB_AROUND:
		q->range[0].to = hi1;
		q->range[0].desc = 1;
		q->range[1].from = lo1;
		q->range[1].to = (uint64_t)INT64_MAX;
		q->range[1].limit = limit + 1;
		q->nranges = 2;
		break;
	default:	/* BETWEEN: from the first given, either way */
		lo2 = irc_history_bound(r2, 0);
		hi2 = irc_history_bound(r2, 1);
		q->range[0].limit = limit + 2;
		q->range[0].from = lo1 < lo2 ? lo1 : lo2;
		q->range[0].to = hi1 > hi2 ? hi1 : hi2;
		q->range[0].desc = lo1 > lo2;
		/* And the far reference's own line, which tells the way. */
		q->range[1].from = lo2;
		q->range[1].to = hi2;
		q->range[1].limit = 1;
		q->nranges = 2;
		break;
	}
	j = xcalloc(1, sizeof *j);
	j->sub = s;
	j->r1 = *r1;
	j->r2 = *r2;
	j->limit = limit;
	xstrlcpy(j->target, target, sizeof j->target);
	j->q = q;
	worker_submit(c, 1, irc_history_db_work, irc_history_db_done, j);
	return (1);
}

static void
irc_history_db_work(void *arg)
{
	struct hist_job	*j = arg;

	store_history_query(j->q);
}

static int
irc_history_entry_cmp(const void *a, const void *b)
{
	uint64_t	x = history_msgid(*(struct hist_entry *const *)a);
	uint64_t	y = history_msgid(*(struct hist_entry *const *)b);

	return (x < y ? -1 : x > y);
}

/* Back on the loop: the db's lines, oldest first, answered from. */
static void
irc_history_db_done(struct client *c, void *arg)
{
	struct hist_job		 *j = arg;
	struct store_query	 *q = j->q;
	struct hist_entry	**v;
	struct change		  ch;
	size_t			  i, n = 0;

	v = xreallocarray(NULL, q->n + 1, sizeof *v);
	for (i = 0; i < q->n; i++) {
		memset(&ch, 0, sizeof ch);
		ch.msgid = q->rows[i].msgid;
		ch.time.tv_sec = (time_t)(q->rows[i].ms / 1000);
		ch.time.tv_usec = (suseconds_t)(q->rows[i].ms % 1000) * 1000;
		ch.kind = q->rows[i].kind;
		ch.verb = (q->rows[i].flags & STORE_TAGMSG) ? "TAGMSG" : NULL;
		ch.line = q->rows[i].line;
		ch.linelen = strlen(ch.line);
		ch.tags = q->rows[i].tags;
		if (ch.linelen <= UINT16_MAX)
			v[n++] = history_entry(&ch);
	}
	qsort(v, n, sizeof *v, irc_history_entry_cmp);
	/* AROUND's two ranges meet at the reference: once each line. */
	for (i = 1; i < n; i++) {
		if (history_msgid(v[i]) == history_msgid(v[i - 1])) {
			history_entry_free(v[i]);
			memmove(&v[i], &v[i + 1], (n - i - 1) * sizeof *v);
			n--;
			i--;
		}
	}
	if (c != NULL && q->failed)
		send_raw(c, ":%s FAIL CHATHISTORY MESSAGE_ERROR %s %s "
		    ":Messages could not be retrieved", srv.conf->name,
		    hist_subs[j->sub].name, j->target);
	else if (c != NULL)
		irc_history_answer(c, j->sub, j->target, v, n, &j->r1, &j->r2,
		    j->limit);
	for (i = 0; i < n; i++)
		history_entry_free(v[i]);
	free(v);
	store_query_free(q);
	free(j);
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

/* Back on the loop: the lines found, oldest first, in a search batch. */
static void
irc_search_done(struct client *c, void *arg)
{
	struct store_query	*q = arg;
	struct hist_entry	*e;
	struct change		 ch;
	char			 batch[24];
	size_t			 i, budget, size = 0;

	if (c != NULL && q->failed)
		send_raw(c, ":%s FAIL SEARCH INTERNAL_ERROR :The search failed",
		    srv.conf->name);
	else if (c != NULL) {
		budget = history_budget(c);
		history_batch(c, batch, sizeof batch, "soju.im/search", NULL);
		for (i = q->n; i > 0; i--) {
			memset(&ch, 0, sizeof ch);
			ch.msgid = q->rows[i - 1].msgid;
			ch.time.tv_sec = (time_t)(q->rows[i - 1].ms / 1000);
			ch.time.tv_usec = (suseconds_t)(q->rows[i - 1].ms % 1000) *
			    1000;
			ch.kind = q->rows[i - 1].kind;
			ch.line = q->rows[i - 1].line;
			ch.linelen = strlen(ch.line);
			ch.tags = q->rows[i - 1].tags;
			if (ch.linelen > UINT16_MAX)
				continue;
			e = history_entry(&ch);
			if ((size += history_size(e)) <= budget)
				history_send(c, e, *batch != '\0' ? batch :
				    NULL);
			history_entry_free(e);
		}
		history_batch(c, batch, sizeof batch, NULL, NULL);
	}
	store_query_free(q);
}

/* Add target name to q's list. */
static void
irc_search_target(struct store_query *q, const char *name)
{
	q->targets = xreallocarray(q->targets, q->ntargets + 1,
	    sizeof *q->targets);
	q->targets[q->ntargets++] = xstrdup(name);
}

/*
 * SEARCH text=words[;in=target][;from=nick][;after=T][;before=T]
 * [;limit=N] (soju.im/search): the newest lines with all the words, of
 * what c may read that the db keeps, found by the search index's thread
 * (FTS5).
 */
void
irc_search(struct client *c, struct msg *m)
{
	struct store_query	*q;
	struct membership	*mb;
	struct channel		*chan;
	struct msg_tag		 t;
	struct timeval		 tv;
	const char		*p = m->params[0];
	char			 key[32], value[512], in[CHANNEL_MAX + 1];
	char			 acct[NICK_MAX + 2];
	int			 bad = 0;

	if (!store_enabled()) {
		send_raw(c, ":%s FAIL SEARCH TEMPORARILY_UNAVAILABLE :This "
		    "server keeps no history to search (it has no db)",
		    srv.conf->name);
		return;
	}
	q = xcalloc(1, sizeof *q);
	q->limit = 100;
	*in = '\0';
	while (!bad && msg_tag_next(&p, &t)) {
		if (t.keylen >= sizeof key) {
			bad = 1;
			break;
		}
		memcpy(key, t.key, t.keylen);
		key[t.keylen] = '\0';
		msg_tag_unescape(value, sizeof value, t.value != NULL ?
		    t.value : "", t.value != NULL ? t.valuelen : 0);
		if (strcmp(key, "text") == 0) {
			free(q->text);
			q->text = xstrdup(value);
		} else if (strcmp(key, "in") == 0)
			xstrlcpy(in, value, sizeof in);
		else if (strcmp(key, "from") == 0)
			xstrlcpy(q->from, value, sizeof q->from);
		else if (strcmp(key, "limit") == 0)
			q->limit = atoi(value);
		else if (strcmp(key, "after") == 0 ||
		    strcmp(key, "before") == 0) {
			if (msg_parse_time(value, &tv) != 0)
				bad = 1;
			else if (*key == 'a')
				q->after = (int64_t)tv.tv_sec * 1000 +
				    tv.tv_usec / 1000;
			else
				q->before = (int64_t)tv.tv_sec * 1000 +
				    tv.tv_usec / 1000;
		}
	}
	if (bad || q->text == NULL || *q->text == '\0' || q->limit <= 0) {
		send_raw(c, ":%s FAIL SEARCH INVALID_PARAMS :SEARCH text=WORDS"
		    "[;in=TARGET][;from=NICK][;after=TIME][;before=TIME]"
		    "[;limit=N]", srv.conf->name);
		store_query_free(q);
		return;
	}
	if (q->limit > HISTORY_LIMIT)
		q->limit = HISTORY_LIMIT;
	acct[0] = '~';
	if (c->account != NULL)
		casemap_fold(acct + 1, c->account->name, sizeof acct - 1);
	/* Only what c may read: its channels the db keeps, its account's. */
	if (*in == '#') {
		if ((chan = channel_find(in)) == NULL ||
		    channel_member(chan, c) == NULL) {
			send_raw(c, ":%s FAIL SEARCH INVALID_TARGET %s :You are "
			    "not in that channel", srv.conf->name, in);
			store_query_free(q);
			return;
		}
		if (chanreg_kept(chan->name))
			irc_search_target(q, chan->name);
	} else if (*in != '\0') {
		if (c->account != NULL) {
			irc_search_target(q, acct);
			xstrlcpy(q->peer, in, sizeof q->peer);
		}
	} else {
		LIST_FOREACH(mb, &c->channels, client_entry) {
			if (chanreg_kept(mb->channel->name))
				irc_search_target(q, mb->channel->name);
		}
		if (c->account != NULL)
			irc_search_target(q, acct);
	}
	store_search(c, q, irc_search_done);
}
