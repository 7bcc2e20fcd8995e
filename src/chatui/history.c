/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The server's history (IRCv3 draft/chathistory), where it is offered:
 * the latest messages of a channel at joining and of a private window
 * when it opens, older ones when the user scrolls up to the oldest line,
 * and after a reconnection what was said while the client was away (AFTER
 * the newest msgid seen, page after page). The private conversations the
 * server remembers open as windows at start (TARGETS). A batch's lines are
 * gathered and then put in time order among what the window holds, never
 * twice (by msgid), their time dimmed. Against a server without it
 * nothing is asked and nothing changes.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cap.h"
#include "casemap.h"
#include "chatui.h"
#include "texts.h"

/* Lines asked for at a time, unless the server's CHATHISTORY is less. */
#define HISTORY_PAGE		100
/* What a reconnection asks for at a time to fill the gap. */
#define HISTORY_GAP_PAGE	1000
/* The private conversations of the last days opened at start. */
#define HISTORY_TARGETS_DAYS	30
#define HISTORY_TARGETS_MAX	50
/* A hostile server cannot make a batch hold more than this. */
#define HISTORY_BATCH_MAX	10000

struct hline {
	uint8_t	 kind;
	char	*nick;
	char	*text;
	char	*msgid;
	time_t	 when;
};

/* The batch being gathered (one at a time: requests are one a window). */
static struct {
	char		 id[64];
	int		 targets;	/* draft/chathistory-targets */
	int		 search;	/* soju.im/search */
	char		*target;
	struct hline	*lines;
	int		 n, size;
} hb;

static char	*history_search_window;	/* where SEARCH's answer goes */

static int	history_limit(int);
static void	history_ask(struct window *, int, const char *);
static void	history_batch_free(void);

/* Whether the server keeps history for us. */
int
history_enabled(void)
{
	return ((cu.caps & CAP_CHATHISTORY) && (cu.caps & CAP_BATCH) &&
	    cu.registered);
}

/* A page of want lines, within the server's CHATHISTORY limit. */
static int
history_limit(int want)
{
	return (cu.history_max > 0 && cu.history_max < want ? cu.history_max :
	    want);
}

/* Send one request for w; the window waits for its batch. */
static void
history_ask(struct window *w, int what, const char *msgid)
{
	w->history_asked = what;
	switch (what) {
	case HISTORY_LATEST:
		net_send("CHATHISTORY LATEST %s * %d", w->name,
		    history_limit(HISTORY_PAGE));
		break;
	case HISTORY_BEFORE:
		net_send("CHATHISTORY BEFORE %s msgid=%s %d", w->name, msgid,
		    history_limit(HISTORY_PAGE));
		break;
	case HISTORY_AFTER:
		net_send("CHATHISTORY AFTER %s msgid=%s %d", w->name, msgid,
		    history_limit(HISTORY_GAP_PAGE));
		break;
	}
}

/*
 * A window has just been joined or opened: its latest messages, or after
 * a reconnection what came after the newest it holds.
 */
void
history_open(struct window *w)
{
	if (!history_enabled() || (w->kind != WINDOW_CHANNEL &&
	    w->kind != WINDOW_QUERY) || w->history_asked != 0)
		return;
	readmark_ask(w);
	if (*w->newest_msgid != '\0')
		history_ask(w, HISTORY_AFTER, w->newest_msgid);
	else
		history_ask(w, HISTORY_LATEST, NULL);
}

/* The user scrolled up to the oldest line of w: the page before it. */
void
history_before(struct window *w)
{
	if (!history_enabled() || (w->kind != WINDOW_CHANNEL &&
	    w->kind != WINDOW_QUERY) || w->history_asked != 0 ||
	    w->history_done ||
	    *w->oldest_msgid == '\0' || w->buf.n >= cu.scrollback)
		return;
	history_ask(w, HISTORY_BEFORE, w->oldest_msgid);
}

/* Registered: the private conversations of the last days, as windows. */
void
history_targets(void)
{
	struct timespec	ts;
	struct timeval	from, to;
	char		a[32], b[32];

	if (!history_enabled())
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	to.tv_sec = ts.tv_sec + 60;
	to.tv_usec = 0;
	from.tv_sec = ts.tv_sec - HISTORY_TARGETS_DAYS * 86400;
	from.tv_usec = 0;
	msg_format_time(a, sizeof a, &from);
	msg_format_time(b, sizeof b, &to);
	net_send("CHATHISTORY TARGETS timestamp=%s timestamp=%s %d", a, b,
	    HISTORY_TARGETS_MAX);
}

static void
history_batch_free(void)
{
	int	i;

	for (i = 0; i < hb.n; i++) {
		free(hb.lines[i].nick);
		free(hb.lines[i].text);
		free(hb.lines[i].msgid);
	}
	free(hb.lines);
	free(hb.target);
	memset(&hb, 0, sizeof hb);
}

/* BATCH +id type [target]: a history batch is gathered. */
void
history_batch_start(const char *id, const char *type, const char *target)
{
	if (strcmp(type, "chathistory") != 0 &&
	    strcmp(type, "draft/chathistory-targets") != 0 &&
	    strcmp(type, "soju.im/search") != 0)
		return;
	history_batch_free();
	xstrlcpy(hb.id, id, sizeof hb.id);
	hb.targets = strcmp(type, "draft/chathistory-targets") == 0;
	hb.search = strcmp(type, "soju.im/search") == 0;
	if (hb.search)
		target = history_search_window;
	hb.target = target != NULL ? xstrdup(target) : NULL;
}

/* Whether a line tagged batch=id belongs to the history being gathered. */
int
history_in_batch(const char *id)
{
	return (*hb.id != '\0' && strcmp(hb.id, id) == 0);
}

/*
 * A line of the batch: a message kept for the end (CTCP other than
 * ACTION, and the ignored, are not), or for TARGETS a window opened.
 */
void
history_batch_line(struct msg *m, const struct from *f, const char *msgid)
{
	struct hline	*h;
	struct window	*w;
	const char	*text;
	size_t		 len;
	int		 action = 0;

	if (hb.targets) {
		/* CHATHISTORY TARGETS target timestamp. */
		if (strcmp(m->verb, "CHATHISTORY") == 0 && m->nparams >= 2 &&
		    strcmp(m->params[0], "TARGETS") == 0 &&
		    *m->params[1] != '#' && *m->params[1] != '&' &&
		    strpbrk(m->params[1], " ,*?!@.") == NULL &&
		    casemap_cmp(m->params[1], cu.me) != 0 &&
		    window_find(m->params[1]) == NULL) {
			w = window_get(m->params[1], WINDOW_QUERY);
			history_open(w);
		}
		return;
	}
	if ((strcmp(m->verb, "PRIVMSG") != 0 && strcmp(m->verb, "NOTICE") !=
	    0) || m->nparams < 2 || hb.n >= HISTORY_BATCH_MAX ||
	    ignore_match(f->source))
		return;
	text = m->params[1];
	if (strncmp(text, "\001ACTION ", 8) == 0) {
		action = 1;
		text += 8;
	} else if (*text == '\001')
		return;
	if (hb.n == hb.size) {
		hb.size = hb.size == 0 ? 64 : hb.size * 2;
		hb.lines = xreallocarray(hb.lines, hb.size, sizeof *hb.lines);
	}
	h = &hb.lines[hb.n++];
	h->nick = xstrdup(f->nick);
	h->text = xstrdup(text);
	len = strlen(h->text);
	if (action && len > 0 && h->text[len - 1] == '\001')
		h->text[len - 1] = '\0';
	h->kind = action ? LINE_ACTION : strcmp(m->verb, "NOTICE") == 0 ?
	    LINE_NOTICE : LINE_MESSAGE;
	h->msgid = msgid != NULL ? xstrdup(msgid) : NULL;
	h->when = f->when;
}

/*
 * The msgids w holds over the batch's time (and two seconds either side,
 * for clocks that differ), in an open-addressed set: each line of the
 * batch is then checked at once, however busy the channel was.
 */
static struct {
	uint64_t	*v;
	size_t		 mask;
} seen;

static void
history_seen_build(struct window *w)
{
	uint32_t	from, to;
	uint64_t	id;
	size_t		size, k;
	int		first, last, i;

	free(seen.v);
	seen.v = NULL;
	if (hb.n == 0 || w->buf.n == 0)
		return;
	from = (uint32_t)hb.lines[0].when;
	to = (uint32_t)hb.lines[hb.n - 1].when;
	first = buffer_time_index(&w->buf, from > 2 ? from - 2 : 0);
	last = buffer_time_index(&w->buf, to + 3);
	if (last <= first)
		return;
	for (size = 16; size < (size_t)(last - first) * 2; size *= 2)
		;
	seen.v = xcalloc(size, sizeof *seen.v);
	seen.mask = size - 1;
	for (i = first; i < last; i++) {
		if ((id = buffer_line(&w->buf, i)->msgid) == 0)
			continue;
		for (k = id & seen.mask; seen.v[k] != 0 && seen.v[k] != id;
		    k = (k + 1) & seen.mask)
			;
		seen.v[k] = id;
	}
}

/* Whether msgid (a hash) is in the set; 0 never is. */
static int
history_seen(uint64_t id)
{
	size_t	k;

	if (id == 0 || seen.v == NULL)
		return (0);
	for (k = id & seen.mask; seen.v[k] != 0; k = (k + 1) & seen.mask) {
		if (seen.v[k] == id)
			return (1);
	}
	return (0);
}

/*
 * BATCH -id: the lines go into their window in time order, those it holds
 * already left out. A page that came full after a reconnection asks for
 * the next; a page before that came short means nothing older is left.
 */
void
history_batch_end(const char *id)
{
	struct window	*w;
	struct hline	*h;
	int		 i, at = -1, asked, added = 0;

	if (!history_in_batch(id))
		return;
	if (hb.search && hb.target != NULL &&
	    (w = window_find(hb.target)) != NULL) {
		/* The results, as they were said, then how many. */
		for (i = 0; i < hb.n; i++) {
			h = &hb.lines[i];
			window_add(w, h->kind, h->nick, h->text, h->when);
		}
		window_addf(w, LINE_INFO, T_(LASTLOG), hb.target + 1, hb.n);
		history_batch_free();
		free(history_search_window);
		history_search_window = NULL;
		return;
	}
	if (hb.targets || hb.target == NULL ||
	    (w = window_find(hb.target)) == NULL) {
		history_batch_free();
		return;
	}
	asked = w->history_asked;
	w->history_asked = 0;
	history_seen_build(w);
	for (i = 0; i < hb.n; i++) {
		h = &hb.lines[i];
		if (history_seen(window_msgid_hash(h->msgid)))
			continue;
		at = window_insert(w, at, h->kind, h->nick, h->text, h->when,
		    h->msgid);
		added++;
	}
	if (asked == HISTORY_BEFORE && hb.n < history_limit(HISTORY_PAGE))
		w->history_done = 1;
	if (asked == HISTORY_LATEST && hb.n < history_limit(HISTORY_PAGE))
		w->history_done = 1;
	if (asked == HISTORY_AFTER && hb.n == history_limit(HISTORY_GAP_PAGE) &&
	    added > 0 && *w->newest_msgid != '\0')
		history_ask(w, HISTORY_AFTER, w->newest_msgid);
	free(seen.v);
	seen.v = NULL;
	history_batch_free();
}

/* SEARCH was sent: its answer goes to the results window w. */
void
history_search(struct window *w)
{
	free(history_search_window);
	history_search_window = xstrdup(w->name);
}

/* The connection went: a batch half gathered, and what was asked, go. */
void
history_reset(void)
{
	struct window	*w;

	history_batch_free();
	TAILQ_FOREACH(w, &cu.windows, entry)
		w->history_asked = 0;
}
