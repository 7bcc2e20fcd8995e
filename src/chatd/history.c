/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * What was said, kept to be told again: the last lines of a channel to
 * whoever joins it without CHATHISTORY (so a newcomer to #lobby with nc
 * sees the recent conversation), and CHATHISTORY itself (irc-history.c).
 * This is the history kept in memory, the first sink of event.c: bounded
 * (history-memory lines in all), and lost at a restart, as the log says
 * at start. A channel's lines go with the channel (channel_remove), but
 * an autojoin room's stay; a private conversation is kept for as long as
 * each side's connection lasts, and only that side sees it.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <event2/buffer.h>

#include "casemap.h"
#include "chatd.h"
#include "store.h"

/* Most lines kept of one channel or one connection's conversations. */
#define HISTORY_PER_TARGET	4096

/* Entries are allocated in steps of this, so that one may be reused. */
#define HISTORY_ALIGN		64

struct hist_target;
struct hist_entry;

/* An entry on one target's list: a channel's, or one side's in private. */
struct hist_link {
	TAILQ_ENTRY(hist_link)	 entry;
	struct hist_target	*target;	/* NULL once that side is gone */
	struct hist_entry	*e;
};
TAILQ_HEAD(hist_links, hist_link);

/*
 * One line, kept once: the line as it was told (without tags), its
 * client-only tags, and for a private message the peer of each side.
 * It is on one target (a channel's) or two (both sides of a private
 * message), and goes when the last side forgets it or the oldest go.
 */
struct hist_entry {
	TAILQ_ENTRY(hist_entry)	 by_age;
	uint64_t		 msgid;
	int64_t			 ms;		/* time, ms since the epoch */
	uint32_t		 size;		/* allocated */
	uint16_t		 linelen;
	uint16_t		 tagslen;	/* client-only tags, escaped */
	uint16_t		 peerlen;	/* the first side's peer */
	uint8_t			 kind;		/* enum change_kind */
	uint8_t			 flags;
#define HIST_TAGMSG	0x01
#define HIST_REDACTED	0x02	/* its text is gone; shown to no one */
	uint8_t			 nlinks;
	uint8_t			 live;		/* links on a target */
	struct hist_link	 links[];	/* then line, tags, peers */
};
TAILQ_HEAD(hist_list, hist_entry);

/* line NUL tags NUL peer NUL peer NUL, after the links. */
#define HIST_DATA(e)	((char *)&(e)->links[(e)->nlinks])

/*
 * The lines of one channel (by name, in hist_targets), or those one
 * connection sent or was sent in private (its c->history).
 */
struct hist_target {
	char			*name;
	struct hist_links	 links;		/* oldest first */
	unsigned int		 n;
};

static struct hashtab	 hist_targets;
static struct hist_list	 hist_all = TAILQ_HEAD_INITIALIZER(hist_all);
static unsigned int	 hist_n;
static int		 hist_on;

static const char	*hist_key(const void *);
static void		 hist_record(const struct change *);
static void		 hist_channel_add(const struct change *, const char *,
			    void *);
static struct hist_entry *hist_new(const struct change *, int, const char *,
			    const char *);
static void		 hist_link(struct hist_entry *, int,
			    struct hist_target *);
static void		 hist_unlink(struct hist_link *);
static void		 hist_detach(struct hist_entry *);
static struct hist_target *hist_target_get(const char *, int);
static struct hist_target *hist_client(struct client *);
static struct hist_target **hist_own(struct client *);
static void		 hist_target_free(struct hist_target *);
static int		 hist_visible(const struct hist_entry *, uint32_t);
static const char	*hist_peer(const struct hist_link *);
static void		 history_send_multiline(struct client *,
			    const struct hist_entry *, const struct timeval *,
			    const char *);

static const struct sink hist_sink = { "history", hist_record };

static const char *
hist_key(const void *p)
{
	return (((const struct hist_target *)p)->name);
}

/* Start or stop keeping history as the configuration says. */
void
history_configure(void)
{
	struct log_event	ev;
	struct hist_entry	*e;

	if (srv.conf->history_memory > 0 && !hist_on) {
		hashtab_init(&hist_targets, hist_key);
		event_sink_add(&hist_sink);
		hist_on = 1;
		irc_cap_changed(CAP_CHATHISTORY | CAP_EVENT_PLAYBACK |
		    CAP_MESSAGE_REDACTION, 1);
		if (store_enabled() && log_event_begin(&ev, LOG_INFO,
		    "history")) {
			log_event_str(&ev, "store", "db");
			log_event_str(&ev, "file", srv.conf->db);
			log_event_uint(&ev, "memory", srv.conf->history_memory);
			log_event_end(&ev);
		} else if (!store_enabled() && log_event_begin(&ev, LOG_WARN,
		    "history")) {
			log_event_str(&ev, "store", "memory");
			log_event_uint(&ev, "lines", srv.conf->history_memory);
			log_event_str(&ev, "note", "a restart loses it");
			log_event_end(&ev);
		}
	} else if (srv.conf->history_memory == 0 && hist_on) {
		history_free();
		irc_cap_changed(CAP_CHATHISTORY | CAP_EVENT_PLAYBACK |
		    CAP_MESSAGE_REDACTION, 0);
	}
	while (hist_on && hist_n > (unsigned int)srv.conf->history_memory) {
		e = TAILQ_FIRST(&hist_all);
		hist_detach(e);
		free(e);
	}
}

/* Whether history is kept (CHATHISTORY is offered). */
int
history_enabled(void)
{
	return (hist_on);
}

void
history_free(void)
{
	struct hist_target	*t;
	struct client		*c;
	size_t			 i = 0;

	if (!hist_on)
		return;
	event_sink_remove(&hist_sink);
	TAILQ_FOREACH(c, &srv.clients, entry)
		history_client_free(c);
	while ((t = hashtab_next(&hist_targets, &i)) != NULL) {
		hashtab_remove(&hist_targets, t);
		hist_target_free(t);
		i = 0;
	}
	hashtab_free(&hist_targets);
	TAILQ_INIT(&hist_all);
	hist_n = 0;
	hist_on = 0;
}

/* A channel's target (name) or, with name NULL, a connection's. */
static struct hist_target *
hist_target_get(const char *name, int create)
{
	struct hist_target	*t;

	if (name != NULL &&
	    ((t = hashtab_find(&hist_targets, name)) != NULL || !create))
		return (t);
	t = xcalloc(1, sizeof *t);
	TAILQ_INIT(&t->links);
	if (name != NULL) {
		t->name = xstrdup(name);
		hashtab_add(&hist_targets, t);
	}
	return (t);
}

/* The private messages of c's connection, made if need be. */
static struct hist_target *
hist_client(struct client *c)
{
	struct hist_target	**tp = hist_own(c);

	if (*tp == NULL)
		*tp = hist_target_get(NULL, 1);
	return (*tp);
}

/*
 * Where c's private messages are: its account's, which every connection
 * logged in to it shares and which outlives them, or its connection's.
 */
static struct hist_target **
hist_own(struct client *c)
{
	return (c->account != NULL ? &c->account->history : &c->history);
}

/* Forget a target's lines, and the target; the other sides keep theirs. */
static void
hist_target_free(struct hist_target *t)
{
	struct hist_link	*l;

	if (t == NULL)
		return;
	while ((l = TAILQ_FIRST(&t->links)) != NULL)
		hist_unlink(l);
	free(t->name);
	free(t);
}

/* Take one side's link off its target; the entry goes with its last. */
static void
hist_unlink(struct hist_link *l)
{
	struct hist_entry	*e = l->e;

	TAILQ_REMOVE(&l->target->links, l, entry);
	l->target->n--;
	l->target = NULL;
	if (--e->live == 0) {
		TAILQ_REMOVE(&hist_all, e, by_age);
		hist_n--;
		free(e);
	}
}

/* Take an entry off every list, to be freed or reused by the caller. */
static void
hist_detach(struct hist_entry *e)
{
	int	i;

	for (i = 0; i < e->nlinks; i++) {
		if (e->links[i].target == NULL)
			continue;
		TAILQ_REMOVE(&e->links[i].target->links, &e->links[i], entry);
		e->links[i].target->n--;
		e->links[i].target = NULL;
	}
	TAILQ_REMOVE(&hist_all, e, by_age);
	hist_n--;
}

/*
 * A new entry for the line of change ch, on nlinks targets (linked by the
 * caller), with the peer of each side of a private message. At the bound
 * the oldest goes, and its memory is used again when it is the size.
 */
static struct hist_entry *
hist_new(const struct change *ch, int nlinks, const char *peer0,
    const char *peer1)
{
	struct hist_entry	*e = NULL, *old;
	size_t			 tl, p0, p1, need;
	char			*d;

	tl = ch->tags != NULL ? strlen(ch->tags) : 0;
	p0 = peer0 != NULL ? strlen(peer0) : 0;
	p1 = peer1 != NULL ? strlen(peer1) : 0;
	need = sizeof *e + nlinks * sizeof e->links[0] + ch->linelen + tl +
	    p0 + p1 + 4;
	need = (need + HISTORY_ALIGN - 1) & ~(size_t)(HISTORY_ALIGN - 1);
	while (hist_n >= (unsigned int)srv.conf->history_memory &&
	    (old = TAILQ_FIRST(&hist_all)) != NULL) {
		hist_detach(old);
		if (e == NULL && old->size == need)
			e = old;
		else
			free(old);
	}
	if (e == NULL)
		e = xmalloc(need);
	e->size = (uint32_t)need;
	e->msgid = ch->msgid;
	e->ms = (int64_t)ch->time.tv_sec * 1000 + ch->time.tv_usec / 1000;
	e->kind = ch->kind;
	e->flags = ch->verb != NULL && strcmp(ch->verb, "TAGMSG") == 0 ?
	    HIST_TAGMSG : 0;
	e->nlinks = (uint8_t)nlinks;
	e->live = 0;
	e->linelen = (uint16_t)ch->linelen;
	e->tagslen = (uint16_t)tl;
	e->peerlen = (uint16_t)p0;
	d = HIST_DATA(e);
	memcpy(d, ch->line, ch->linelen);
	d += ch->linelen;
	*d++ = '\0';
	memcpy(d, tl != 0 ? ch->tags : "", tl + 1);
	d += tl + 1;
	memcpy(d, p0 != 0 ? peer0 : "", p0 + 1);
	d += p0 + 1;
	memcpy(d, p1 != 0 ? peer1 : "", p1 + 1);
	TAILQ_INSERT_TAIL(&hist_all, e, by_age);
	hist_n++;
	return (e);
}

/* Put side i of e on t; t keeps at most HISTORY_PER_TARGET. */
static void
hist_link(struct hist_entry *e, int i, struct hist_target *t)
{
	struct hist_entry	*first;

	e->links[i].e = e;
	e->links[i].target = t;
	TAILQ_INSERT_TAIL(&t->links, &e->links[i], entry);
	t->n++;
	e->live++;
	if (t->n > HISTORY_PER_TARGET) {
		first = TAILQ_FIRST(&t->links)->e;
		hist_detach(first);
		free(first);
	}
}

/* The other side of a link's private message; "" for a channel's. */
static const char *
hist_peer(const struct hist_link *l)
{
	const struct hist_entry	*e = l->e;
	const char		*p;

	p = HIST_DATA(e) + e->linelen + e->tagslen + 2;
	return (l == &e->links[1] ? p + e->peerlen + 1 : p);
}

/* Keep ch's line under the channel named target. */
static void
hist_channel_add(const struct change *ch, const char *target, void *arg)
{
	struct hist_entry	*e;

	e = hist_new(ch, 1, NULL, NULL);
	hist_link(e, 0, hist_target_get(target, 1));
}

/*
 * The sink: a channel's messages and events go under its name (a QUIT or
 * NICK under each channel the user is in); a private message once, under
 * both sides' connections.
 */
static void
hist_record(const struct change *ch)
{
	struct hist_entry	*e;
	int			 both;

	if (ch->kind == CHANGE_QUIT)
		history_client_free(ch->client);	/* its own go with it */
	if (ch->kind == CHANGE_REDACT) {
		/* The text goes; the entry stays, hidden, until it ages. */
		if ((e = history_find(ch->client, ch->target,
		    ch->redacted)) != NULL) {
			e->flags |= HIST_REDACTED;
			memset(HIST_DATA(e), 0, e->linelen + 1 + e->tagslen);
		}
		return;
	}
	if (ch->line == NULL || ch->msgid == 0)
		return;
	if (ch->kind == CHANGE_MESSAGE && *ch->target != '#') {
		/* Once for each side; once if both are one account. */
		both = ch->to != NULL && ch->to != ch->client &&
		    (ch->to->account == NULL ||
		    ch->to->account != ch->client->account);
		e = hist_new(ch, both ? 2 : 1, ch->target, ch->nick);
		hist_link(e, 0, hist_client(ch->client));
		if (both)
			hist_link(e, 1, hist_client(ch->to));
		return;
	}
	event_channels(ch, hist_channel_add, NULL);
}

/* A line of a channel back from the db at start (store.c). */
void
history_restore(const struct change *ch)
{
	if (hist_on && ch->linelen <= UINT16_MAX)
		hist_channel_add(ch, ch->target, NULL);
}

/*
 * A private message from the db at start (store.c): on the side of the
 * account key, with peer.
 */
void
history_restore_private(const struct change *ch, const char *key,
    const char *peer)
{
	struct account		*a;
	struct hist_entry	*e;

	if (!hist_on || ch->linelen > UINT16_MAX ||
	    (a = account_find(key)) == NULL)
		return;
	if (a->history == NULL)
		a->history = hist_target_get(NULL, 1);
	e = hist_new(ch, 1, peer, NULL);
	hist_link(e, 0, a->history);
}

/* Forget an account's private messages (it is gone). */
void
history_account_free(struct account *a)
{
	hist_target_free(a->history);
	a->history = NULL;
}

/* Forget what c's connection had in private (it is gone). */
void
history_client_free(struct client *c)
{
	hist_target_free(c->history);
	c->history = NULL;
}

/* Forget a channel's lines (when it goes). */
void
history_forget(const char *name)
{
	struct hist_target	*t;

	if (hist_on && (t = hist_target_get(name, 0)) != NULL) {
		hashtab_remove(&hist_targets, t);
		hist_target_free(t);
	}
}

/*
 * The room old is called name now (RENAME): its lines go with it, each
 * told again as naming the new room where it named the old (the target
 * after the verb), so that a replay or CHATHISTORY of the new name shows
 * one room. A line is made anew in its place, in both orders it is on.
 */
void
history_rename(const char *old, const char *name)
{
	struct hist_target	*t, *gone;
	struct hist_link	*l, *next;
	struct hist_entry	*e, *n;
	const char		*line, *at, *end;
	char			 word[CHANNEL_MAX + 1];
	size_t			 len = strlen(name), oldlen, rest, need, delta;

	if (!hist_on || (t = hist_target_get(old, 0)) == NULL)
		return;
	if ((gone = hist_target_get(name, 0)) != NULL && gone != t) {
		hashtab_remove(&hist_targets, gone);
		hist_target_free(gone);
	}
	hashtab_remove(&hist_targets, t);
	free(t->name);
	t->name = xstrdup(name);
	hashtab_add(&hist_targets, t);
	for (l = TAILQ_FIRST(&t->links); l != NULL; l = next) {
		next = TAILQ_NEXT(l, entry);
		e = l->e;
		line = HIST_DATA(e);
		/* ":source VERB target ...": the third word. */
		if (e->nlinks != 1 || *line != ':' ||
		    (at = strchr(line, ' ')) == NULL ||
		    (at = strchr(at + 1, ' ')) == NULL)
			continue;
		at++;
		if ((end = strchr(at, ' ')) == NULL)
			end = line + e->linelen;
		oldlen = (size_t)(end - at);
		if (oldlen != strlen(old) || oldlen >= sizeof word ||
		    e->linelen - oldlen + len > UINT16_MAX)
			continue;
		memcpy(word, at, oldlen);
		word[oldlen] = '\0';
		if (casemap_cmp(word, old) != 0)
			continue;
		rest = e->size - sizeof *e - sizeof e->links[0] - e->linelen;
		need = sizeof *e + sizeof e->links[0] + e->linelen - oldlen +
		    len + rest;
		n = xmalloc(need);
		memcpy(n, e, sizeof *e);
		n->size = (uint32_t)need;
		n->linelen = (uint16_t)(e->linelen - oldlen + len);
		delta = (size_t)(at - line);
		memcpy(HIST_DATA(n), line, delta);
		memcpy(HIST_DATA(n) + delta, name, len);
		memcpy(HIST_DATA(n) + delta + len, end, rest + (size_t)(line +
		    e->linelen - end));
		n->links[0].e = n;
		n->links[0].target = t;
		TAILQ_INSERT_BEFORE(l, &n->links[0], entry);
		TAILQ_REMOVE(&t->links, l, entry);
		TAILQ_INSERT_BEFORE(e, n, by_age);
		TAILQ_REMOVE(&hist_all, e, by_age);
		free(e);
	}
}

/*
 * Whether a line is for a client with caps: messages always, the rest
 * only with draft/event-playback (a TAGMSG also with message-tags), as
 * the event-playback spec has it.
 */
static int
hist_visible(const struct hist_entry *e, uint32_t caps)
{
	if (e->flags & HIST_REDACTED)
		return (0);
	if (e->kind != CHANGE_MESSAGE)
		return ((caps & CAP_EVENT_PLAYBACK) != 0);
	if (e->flags & HIST_TAGMSG)
		return ((caps & (CAP_MESSAGE_TAGS | CAP_EVENT_PLAYBACK)) ==
		    (CAP_MESSAGE_TAGS | CAP_EVENT_PLAYBACK));
	return (1);
}

/*
 * The bytes of history c may be sent now: half its sendq, less what
 * waits, so that asking for history never costs a client its connection.
 */
size_t
history_budget(struct client *c)
{
	size_t	half = (size_t)srv.conf->sendq / 2, queued = output_queued(c);

	return (queued < half ? half - queued : 0);
}

/* About the bytes e takes when sent (its line, tags and ours). */
size_t
history_size(const struct hist_entry *e)
{
	return ((size_t)e->linelen + e->tagslen + 96);
}

/* Send e, a multiline message (multiline.c), to c in the form it takes. */
static void
history_send_multiline(struct client *c, const struct hist_entry *e,
    const struct timeval *tv, const char *batch)
{
	struct multiline_src	 src;
	struct evbuffer		*out = evbuffer_new();
	char			 ref[24];
	uint32_t		 caps = c->caps;

	memset(&src, 0, sizeof src);
	src.line = HIST_DATA(e);
	src.linelen = e->linelen;
	src.time = *tv;
	src.msgid = e->msgid;
	src.client_tags = e->tagslen != 0 ? src.line + e->linelen + 1 : NULL;
	if (c->flags & CLIENT_PLAIN)
		caps |= CAP_SERVER_TIME;	/* plain.c shows it */
	snprintf(ref, sizeof ref, "m%llx", (unsigned long long)++srv.next_batch);
	multiline_format(out, &src, caps, ref, batch);
	send_write(c, (const char *)evbuffer_pullup(out, -1),
	    evbuffer_get_length(out));
	evbuffer_free(out);
}

/*
 * Send one line of history to c, tagged for it: its time (if c has
 * server-time, or reads words: plain.c shows it), msgid and client tags
 * (with message-tags), and the batch it is in.
 */
void
history_send(struct client *c, const struct hist_entry *e, const char *batch)
{
	char		 line[LINE_MAX_TAGS + LINE_MAX_RELAY + 64], id[40];
	const char	*data = HIST_DATA(e);
	struct timeval	 tv;
	size_t		 n = 0;

	tv.tv_sec = (time_t)(e->ms / 1000);
	tv.tv_usec = (suseconds_t)(e->ms % 1000) * 1000;
	if (e->kind == CHANGE_MESSAGE && multiline_is(data, e->linelen)) {
		history_send_multiline(c, e, &tv, batch);
		return;
	}
	if ((c->caps & CAP_SERVER_TIME) || (c->flags & CLIENT_PLAIN)) {
		memcpy(line, "@time=", 6);
		msg_format_time(line + 6, sizeof line - 6, &tv);
		n = strlen(line);
	}
	if (c->caps & CAP_MESSAGE_TAGS) {
		send_msgid(id, sizeof id, e->msgid);
		n += snprintf(line + n, sizeof line - n, "%cmsgid=%s",
		    n == 0 ? '@' : ';', id);
		if (e->tagslen != 0)
			n += snprintf(line + n, sizeof line - n, ";%s",
			    data + e->linelen + 1);
	}
	if (batch != NULL)
		n += snprintf(line + n, sizeof line - n, "%cbatch=%s",
		    n == 0 ? '@' : ';', batch);
	if (n != 0)
		line[n++] = ' ';
	if (n + e->linelen + 2 > sizeof line)
		return;
	memcpy(line + n, data, e->linelen);
	n += e->linelen;
	line[n++] = '\r';
	line[n++] = '\n';
	send_write(c, line, n);
}

/*
 * Open a batch of type (with target, or NULL) for c, if c has batch: its
 * reference, "h" and a number never used before, in batch, or "" if c
 * has not. With type NULL, close the batch that was opened.
 */
void
history_batch(struct client *c, char *batch, size_t size, const char *type,
    const char *target)
{
	if (type == NULL) {
		if (*batch != '\0')
			send_raw(c, ":%s BATCH -%s", srv.conf->name, batch);
		return;
	}
	*batch = '\0';
	if (!(c->caps & CAP_BATCH))
		return;
	snprintf(batch, size, "h%llx", (unsigned long long)++srv.next_batch);
	send_raw(c, ":%s BATCH +%s %s%s%s", srv.conf->name, batch, type,
	    target != NULL ? " " : "", target != NULL ? target : "");
}

/*
 * c has just joined chan and does not ask for history itself: tell it the
 * last history-replay messages, in a chathistory batch if it has batch.
 */
void
history_replay(struct client *c, struct channel *chan)
{
	struct hist_target	*t;
	struct hist_link	*l, *from = NULL;
	char			 batch[24];
	size_t			 budget, size = 0;
	int			 n = 0, want = srv.conf->history_replay;

	if (!hist_on || want == 0 || (c->caps & CAP_CHATHISTORY) ||
	    (t = hist_target_get(chan->name, 0)) == NULL)
		return;
	/* The last few messages, not counting this join and its like. */
	budget = history_budget(c);
	TAILQ_FOREACH_REVERSE(l, &t->links, hist_links, entry) {
		if (l->e->kind != CHANGE_MESSAGE || (l->e->flags & HIST_TAGMSG))
			continue;
		if ((size += history_size(l->e)) > budget)
			break;
		from = l;
		if (++n == want)
			break;
	}
	if (from == NULL)
		return;
	history_batch(c, batch, sizeof batch, "chathistory", chan->name);
	for (l = from; l != NULL; l = TAILQ_NEXT(l, entry)) {
		if (l->e->kind == CHANGE_MESSAGE &&
		    !(l->e->flags & HIST_TAGMSG))
			history_send(c, l->e, *batch != '\0' ? batch : NULL);
	}
	history_batch(c, batch, sizeof batch, NULL, NULL);
}

/*
 * The lines of a target that c may have, in time order, as a vector the
 * caller frees, *n their number: a channel's (c is a member), or those c's
 * connection had in private with the nick target.
 */
struct hist_entry **
history_lines(struct client *c, const char *target, size_t *n)
{
	struct hist_target	 *t;
	struct hist_link	 *l;
	struct hist_entry	**v = NULL;
	const char		 *peer = NULL;
	size_t			  size = 0;

	*n = 0;
	if (*target != '#') {
		t = *hist_own(c);
		peer = target;
	} else
		t = hist_on ? hist_target_get(target, 0) : NULL;
	if (t == NULL)
		return (NULL);
	TAILQ_FOREACH(l, &t->links, entry) {
		if (!hist_visible(l->e, c->caps))
			continue;
		if (peer != NULL && casemap_cmp(hist_peer(l), peer) != 0)
			continue;
		if (*n == size) {
			size = size == 0 ? 64 : size * 2;
			v = xreallocarray(v, size, sizeof *v);
		}
		v[(*n)++] = l->e;
	}
	return (v);
}

/* A line's time and id, for CHATHISTORY's references. */
int64_t
history_ms(const struct hist_entry *e)
{
	return (e->ms);
}

uint64_t
history_msgid(const struct hist_entry *e)
{
	return (e->msgid);
}

/*
 * For CHATHISTORY TARGETS: call fn for each private conversation of c's
 * connection, with the peer and the time of its last line.
 */
void
history_peers(struct client *c, void (*fn)(void *, const char *, int64_t),
    void *arg)
{
	struct hist_target	*t = *hist_own(c);
	struct hist_link	*l, *f;

	if (t == NULL)
		return;
	/* Newest first; each peer once, at its last line. */
	TAILQ_FOREACH_REVERSE(l, &t->links, hist_links, entry) {
		for (f = TAILQ_NEXT(l, entry); f != NULL;
		    f = TAILQ_NEXT(f, entry)) {
			if (casemap_cmp(hist_peer(f), hist_peer(l)) == 0)
				break;
		}
		if (f == NULL)
			fn(arg, hist_peer(l), l->e->ms);
	}
}

/* The time of a channel's last message, for TARGETS; -1 if none. */
int64_t
history_last_ms(const char *name)
{
	struct hist_target	*t;
	struct hist_link	*l;

	if (!hist_on || (t = hist_target_get(name, 0)) == NULL)
		return (-1);
	TAILQ_FOREACH_REVERSE(l, &t->links, hist_links, entry) {
		if (l->e->kind == CHANGE_MESSAGE)
			return (l->e->ms);
	}
	return (-1);
}

/*
 * The message msgid of target as c may see it (a channel's, or its
 * private conversation with the nick target), or NULL; events and
 * redacted messages are not found.
 */
struct hist_entry *
history_find(struct client *c, const char *target, uint64_t msgid)
{
	struct hist_target	*t;
	struct hist_link	*l;
	int			 peer = *target != '#';

	t = peer ? *hist_own(c) : hist_on ? hist_target_get(target, 0) : NULL;
	if (t == NULL)
		return (NULL);
	TAILQ_FOREACH_REVERSE(l, &t->links, hist_links, entry) {
		if (l->e->msgid != msgid || l->e->kind != CHANGE_MESSAGE ||
		    (l->e->flags & HIST_REDACTED))
			continue;
		if (peer && casemap_cmp(hist_peer(l), target) != 0)
			continue;
		return (l->e);
	}
	return (NULL);
}

/*
 * Whether c said line e: the line's source is c's nick!user@host as it
 * is now (so not whoever had that nick before, from elsewhere).
 */
int
history_sent_by(const struct hist_entry *e, struct client *c)
{
	const char	*line = HIST_DATA(e), *mask = client_mask(c);
	size_t		 n = strcspn(line, " ");

	return (*line == ':' && n - 1 == strlen(mask) &&
	    strncasecmp(line + 1, mask, n - 1) == 0);
}

/*
 * An entry of no target, for an answer from the db (irc-history.c): the
 * line of ch as history_send() sends it; history_entry_free() frees it.
 */
struct hist_entry *
history_entry(const struct change *ch)
{
	struct hist_entry	*e;
	size_t			 tl = ch->tags != NULL ? strlen(ch->tags) : 0;
	char			*d;

	e = xcalloc(1, sizeof *e + ch->linelen + tl + 4);
	e->msgid = ch->msgid;
	e->ms = (int64_t)ch->time.tv_sec * 1000 + ch->time.tv_usec / 1000;
	e->kind = ch->kind;
	e->flags = ch->verb != NULL ? HIST_TAGMSG : 0;
	e->linelen = (uint16_t)ch->linelen;
	e->tagslen = (uint16_t)tl;
	d = HIST_DATA(e);
	memcpy(d, ch->line, ch->linelen);
	memcpy(d + ch->linelen + 1, tl != 0 ? ch->tags : "", tl + 1);
	return (e);
}

void
history_entry_free(struct hist_entry *e)
{
	free(e);
}
