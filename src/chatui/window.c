/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Windows: the server window, one per channel and one per private
 * conversation, each with its scrollback (buffer.c), unread and mention
 * marks, and for channels the members (nicklist.c). Part of the model: it
 * calls nothing of the screen, only marks that the screen is stale
 * (model_changed), and a mention to ring for (cu.bell).
 */

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "casemap.h"
#include "chatui.h"
#include "texts.h"

static void	window_free(struct window *);
static struct line *window_new_line(struct window *, enum line_kind,
		    const char *, const char *, time_t);

/* The window named name, in any case, or NULL. */
struct window *
window_find(const char *name)
{
	struct window	*w;

	TAILQ_FOREACH(w, &cu.windows, entry) {
		if (casemap_cmp(w->name, name) == 0)
			return (w);
	}
	return (NULL);
}

/* The window named name, created (at the end) if it is not there. */
struct window *
window_get(const char *name, enum window_kind kind)
{
	struct window	*w;

	if ((w = window_find(name)) != NULL)
		return (w);
	w = xcalloc(1, sizeof *w);
	w->name = xstrdup(name);
	w->kind = kind;
	w->serial = ++cu.windows_made;
	TAILQ_INSERT_TAIL(&cu.windows, w, entry);
	model_changed();
	return (w);
}

struct window *
window_server(void)
{
	return (TAILQ_FIRST(&cu.windows));
}

void
window_clear(struct window *w)
{
	buffer_clear(&w->buf);
	w->scroll = 0;
	/* What is older than what was cleared is not asked for again. */
	*w->oldest_msgid = '\0';
	w->history_done = 1;
	model_changed();
}

/* Close a window (never the server window). */
void
window_close(struct window *w)
{
	if (w == window_server())
		return;
	if (cu.current == w) {
		cu.current = TAILQ_PREV(w, window_list, entry);
		if (cu.current == NULL)
			cu.current = window_server();
	}
	TAILQ_REMOVE(&cu.windows, w, entry);
	window_free(w);
	model_changed();
}

/* Everything a window holds, and the window. */
static void
window_free(struct window *w)
{
	chatlog_close(w);
	window_clear(w);
	nicklist_clear(&w->nicks);
	while (w->nown > 0)
		free(w->own[--w->nown]);
	free(w->topic);
	free(w->name);
	free(w);
}

void
window_free_all(void)
{
	struct window	*w;

	while ((w = TAILQ_FIRST(&cu.windows)) != NULL) {
		TAILQ_REMOVE(&cu.windows, w, entry);
		window_free(w);
	}
}

/*
 * Before a line of another day than the last one (in local time), a line
 * that says so, as irssi does: "Day changed to Wednesday, 2 December 2026".
 */
static void	window_add_line(struct window *, enum line_kind, const char *,
		    const char *, time_t);

static void
window_day_change(struct window *w, time_t when)
{
	struct tm	 a, b;
	time_t		 last;
	char		 day[128], text[192];

	if (w->buf.n == 0)
		return;
	last = (time_t)buffer_line(&w->buf, w->buf.n - 1)->when;
	if (localtime_r(&last, &a) == NULL || localtime_r(&when, &b) == NULL ||
	    (a.tm_year == b.tm_year && a.tm_yday == b.tm_yday))
		return;
	strftime(day, sizeof day, "%A, %-d %B %Y", &b);
	snprintf(text, sizeof text, T_(DAY_CHANGED), day);
	window_add_line(w, LINE_EVENT, NULL, text, when);
}

/*
 * Add a line. A message that names our own nick in a window we are not
 * looking at is a mention: the window is marked and the bell rings.
 */
void
window_add(struct window *w, enum line_kind kind, const char *nick,
    const char *text, time_t when)
{
	if (when == 0)
		when = time(NULL);
	window_day_change(w, when);
	window_add_line(w, kind, nick, text, when);
}

/* A line, not yet in the window; its mention flag set for w. */
static struct line *
window_new_line(struct window *w, enum line_kind kind, const char *nick,
    const char *text, time_t when)
{
	struct line	*l;
	struct member	*m;
	size_t		 nicklen = nick != NULL ? strnlen(nick, NICK_MAX) : 0;
	size_t		 textlen = strlen(text), mlen;

	l = xmalloc(sizeof *l + (nicklen != 0 ? nicklen + 1 : 0) + textlen + 1);
	l->msgid = 0;
	l->when = (uint32_t)when;
	l->kind = kind;
	l->flags = 0;
	l->nicklen = (uint8_t)nicklen;
	/* A channel member's status when it spoke: <@alice>, <+bob>. */
	l->prefix = 0;
	if (nicklen != 0 && w->kind == WINDOW_CHANNEL &&
	    (m = nicklist_find(&w->nicks, nick)) != NULL)
		l->prefix = (m->modes & MEMBER_OP) ? '@' :
		    (m->modes & MEMBER_VOICE) ? '+' : 0;
	if (nicklen != 0) {
		memcpy(l->data, nick, nicklen);
		l->data[nicklen] = '\0';
	}
	memcpy((char *)line_text(l), text, textlen + 1);
	if (nick != NULL && *cu.me != '\0' && casemap_cmp(nick, cu.me) != 0 &&
	    (kind == LINE_MESSAGE || kind == LINE_ACTION) &&
	    format_mention(text, text, cu.me, cu.highlight_setting,
	    &mlen) != NULL)
		l->flags |= LINE_MENTION;
	if (nick != NULL && w->kind == WINDOW_QUERY && kind != LINE_EVENT &&
	    casemap_cmp(nick, cu.me) != 0)
		l->flags |= LINE_MENTION;
	return (l);
}

static void
window_add_line(struct window *w, enum line_kind kind, const char *nick,
    const char *text, time_t when)
{
	window_add_msgid(w, kind, nick, text, when, NULL);
}

/* The 64-bit hash of a msgid (FNV-1a) lines keep; 0 for none. */
uint64_t
window_msgid_hash(const char *msgid)
{
	uint64_t	h = 14695981039346656037ULL;

	if (msgid == NULL || *msgid == '\0')
		return (0);
	for (; *msgid != '\0'; msgid++) {
		h ^= (unsigned char)*msgid;
		h *= 1099511628211ULL;
	}
	return (h == 0 ? 1 : h);
}

/* A message's time, to the millisecond if the line said so. */
static void
window_newest(struct window *w, enum line_kind kind, time_t when)
{
	int64_t	ms;

	if (kind != LINE_MESSAGE && kind != LINE_ACTION && kind != LINE_NOTICE)
		return;
	ms = cu.line_ms / 1000 == (int64_t)when ? cu.line_ms :
	    (int64_t)when * 1000;
	if (ms > w->newest_ms)
		w->newest_ms = ms;
}

/* Keep s as a window's oldest or newest msgid; one too long is not kept. */
static void
window_set_msgid(char *slot, const char *s)
{
	if (xstrlcpy(slot, s, MSGID_KEEP) >= MSGID_KEEP)
		*slot = '\0';
}

/*
 * A message as it comes, with its msgid (or NULL): kept for history not to
 * show it twice, and as the newest seen, for what to ask after.
 */
void
window_add_msgid(struct window *w, enum line_kind kind, const char *nick,
    const char *text, time_t when, const char *msgid)
{
	struct line	*l;

	l = window_new_line(w, kind, nick, text, when);
	l->msgid = window_msgid_hash(msgid);
	buffer_append(&w->buf, l, cu.scrollback);
	window_newest(w, kind, when);
	if (msgid != NULL && *msgid != '\0') {
		window_set_msgid(w->newest_msgid, msgid);
		if (*w->oldest_msgid == '\0')
			window_set_msgid(w->oldest_msgid, msgid);
	}
	if (cu.logging)
		chatlog_write(w, l);
	if (w != cu.current && kind != LINE_EVENT) {
		w->unread++;
		if (l->flags & LINE_MENTION) {
			w->mention = 1;
			cu.bell = 1;
		}
	} else if (w == cu.current && w->scroll > 0)
		w->scroll++;
	model_changed();
}

/* One of our messages, by its msgid: /redact picks from the last ones. */
void
window_own(struct window *w, const char *msgid)
{
	if (w->nown == OWN_MAX) {
		free(w->own[0]);
		memmove(w->own, w->own + 1, (OWN_MAX - 1) * sizeof *w->own);
		w->nown--;
	}
	w->own[w->nown++] = xstrdup(msgid);
}

/*
 * The message msgid was deleted: its text becomes "(message deleted)"
 * (nick, time and kind stay). 0 if w does not hold it.
 */
int
window_redact(struct window *w, const char *msgid)
{
	struct line	*l, *n;
	uint64_t	 id = window_msgid_hash(msgid);
	int		 i, j;

	for (i = w->buf.n - 1; i >= 0; i--) {
		l = buffer_line(&w->buf, i);
		if (l->msgid != id || id == 0)
			continue;
		n = window_new_line(w, (enum line_kind)l->kind, line_nick(l),
		    T_(MESSAGE_DELETED), (time_t)l->when);
		n->msgid = l->msgid;
		n->flags = (l->flags & LINE_HISTORY) | LINE_DELETED;
		n->prefix = l->prefix;
		buffer_replace(&w->buf, i, n);
		for (j = 0; j < w->nown; j++) {
			if (strcmp(w->own[j], msgid) == 0) {
				free(w->own[j]);
				memmove(w->own + j, w->own + j + 1,
				    (size_t)(w->nown - j - 1) * sizeof *w->own);
				w->nown--;
				break;
			}
		}
		model_changed();
		return (1);
	}
	return (0);
}

/*
 * A message from the server's history, put in time order, no earlier
 * than index after (the previous one of its batch) + 1. Returns its index,
 * or -1 if it is older than all a full window keeps. Not unread, not
 * logged (it was when it was said), no bell.
 */
int
window_insert(struct window *w, int after, enum line_kind kind,
    const char *nick, const char *text, time_t when, const char *msgid)
{
	struct line	*l;
	int		 pos;

	pos = buffer_time_index(&w->buf, (uint32_t)when);
	if (pos <= after)
		pos = after + 1;
	/* Older than all a full window keeps: not made at all. */
	if (w->buf.n == cu.scrollback && pos == 0)
		return (-1);
	l = window_new_line(w, kind, nick, text, when);
	l->msgid = window_msgid_hash(msgid);
	l->flags |= LINE_HISTORY;
	window_newest(w, kind, when);
	pos = buffer_insert(&w->buf, pos, l, cu.scrollback);
	if (msgid != NULL && *msgid != '\0') {
		if (pos == 0 || *w->oldest_msgid == '\0')
			window_set_msgid(w->oldest_msgid, msgid);
		if (pos == w->buf.n - 1 || *w->newest_msgid == '\0')
			window_set_msgid(w->newest_msgid, msgid);
	}
	model_changed();
	return (pos);
}

/* A line of kind (of nick, or NULL) made from fmt and ap. */
void
window_vadd(struct window *w, enum line_kind kind, const char *nick,
    const char *fmt, va_list ap)
{
	char	*text;

	xvasprintf(&text, fmt, ap);
	window_add(w, kind, nick, text, 0);
	free(text);
}

void
window_addf(struct window *w, enum line_kind kind, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	window_vadd(w, kind, NULL, fmt, ap);
	va_end(ap);
}

/*
 * An event about nick (a join, a part ...), whose text begins with it:
 * the nick is kept, so that it is drawn in its colour.
 */
void
window_eventf(struct window *w, const char *nick, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	window_vadd(w, LINE_EVENT, nick, fmt, ap);
	va_end(ap);
}

/* 1-based position of a window, as Alt-N and the status line count. */
int
window_number(struct window *w)
{
	struct window	*x;
	int		 n = 1;

	TAILQ_FOREACH(x, &cu.windows, entry) {
		if (x == w)
			return (n);
		n++;
	}
	return (0);
}

struct window *
window_by_number(int n)
{
	struct window	*w;

	TAILQ_FOREACH(w, &cu.windows, entry) {
		if (--n == 0)
			return (w);
	}
	return (NULL);
}

void
window_show(struct window *w)
{
	if (w == NULL)
		return;
	if (cu.current != NULL && cu.current != w)
		readmark_leave(cu.current);
	cu.current = w;
	w->unread = 0;
	w->mention = 0;
	model_changed();
}
