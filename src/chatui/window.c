/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Windows: the server window, one per channel and one per private
 * conversation, each with a ring of scrollback lines, unread and mention
 * marks, and for channels the member list sorted for the nick list (ops,
 * then voiced, then the rest, each alphabetical).
 */

#include "config.h"

#include <sys/stat.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "casemap.h"
#include "chatui.h"
#include "texts.h"

static int	window_member_index(struct window *, const char *);
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
	TAILQ_INSERT_TAIL(&cu.windows, w, entry);
	ui_redraw_later();
	return (w);
}

struct window *
window_server(void)
{
	return (TAILQ_FIRST(&cu.windows));
}

/* Line i of w's scrollback, 0 the oldest. */
struct line *
window_line(struct window *w, int i)
{
	return (w->lines[(w->first + i) % w->size]);
}

void
window_clear(struct window *w)
{
	int	i;

	for (i = 0; i < w->nlines; i++)
		free(window_line(w, i));
	free(w->lines);
	w->lines = NULL;
	w->size = w->first = w->nlines = w->scroll = 0;
	/* What is older than what was cleared is not asked for again. */
	*w->oldest_msgid = '\0';
	w->history_done = 1;
	ui_redraw_later();
}

/*
 * Room for one more line: the oldest goes once the window holds its
 * scrollback; before that the ring doubles, so a quiet window stays small.
 */
static void
window_make_room(struct window *w)
{
	struct line	**lines;
	int		  size, i;

	if (w->nlines == cu.scrollback) {
		free(w->lines[w->first]);
		w->first = (w->first + 1) % w->size;
		w->nlines--;
		return;
	}
	if (w->nlines < w->size)
		return;
	size = w->size == 0 ? 64 : w->size * 2;
	if (size > cu.scrollback)
		size = cu.scrollback;
	lines = xreallocarray(NULL, size, sizeof *lines);
	for (i = 0; i < w->nlines; i++)
		lines[i] = window_line(w, i);
	free(w->lines);
	w->lines = lines;
	w->size = size;
	w->first = 0;
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
	ui_redraw_later();
}

/* Everything a window holds, and the window. */
static void
window_free(struct window *w)
{
	if (w->log != NULL)
		fclose(w->log);
	window_clear(w);
	window_members_clear(w);
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

	if (w->nlines == 0)
		return;
	last = (time_t)window_line(w, w->nlines - 1)->when;
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
	    (m = window_member_find(w, nick)) != NULL)
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

	window_make_room(w);
	l = window_new_line(w, kind, nick, text, when);
	l->msgid = window_msgid_hash(msgid);
	w->lines[(w->first + w->nlines++) % w->size] = l;
	window_newest(w, kind, when);
	if (msgid != NULL && *msgid != '\0') {
		window_set_msgid(w->newest_msgid, msgid);
		if (*w->oldest_msgid == '\0')
			window_set_msgid(w->oldest_msgid, msgid);
	}
	if (cu.logging)
		window_log(w, l);
	if (w != cu.current && kind != LINE_EVENT) {
		w->unread++;
		if (l->flags & LINE_MENTION) {
			w->mention = 1;
			ui_bell();
		}
	} else if (w == cu.current && w->scroll > 0)
		w->scroll++;
	ui_redraw_later();
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

	for (i = w->nlines - 1; i >= 0; i--) {
		l = window_line(w, i);
		if (l->msgid != id || id == 0)
			continue;
		n = window_new_line(w, (enum line_kind)l->kind, line_nick(l),
		    T_(MESSAGE_DELETED), (time_t)l->when);
		n->msgid = l->msgid;
		n->flags = (l->flags & LINE_HISTORY) | LINE_DELETED;
		n->prefix = l->prefix;
		w->lines[(w->first + i) % w->size] = n;
		free(l);
		for (j = 0; j < w->nown; j++) {
			if (strcmp(w->own[j], msgid) == 0) {
				free(w->own[j]);
				memmove(w->own + j, w->own + j + 1,
				    (size_t)(w->nown - j - 1) * sizeof *w->own);
				w->nown--;
				break;
			}
		}
		ui_redraw_later();
		return (1);
	}
	return (0);
}

/* The first line at or after time when (lines are in time order). */
int
window_time_index(struct window *w, uint32_t when)
{
	int	lo = 0, hi = w->nlines, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (window_line(w, mid)->when < when)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
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
	int		 pos, i;

	pos = window_time_index(w, (uint32_t)when);
	if (pos <= after)
		pos = after + 1;
	if (w->nlines == cu.scrollback) {
		if (pos == 0)
			return (-1);
		/* Full: the oldest goes to make room. */
		window_make_room(w);
		pos--;
	} else
		window_make_room(w);
	l = window_new_line(w, kind, nick, text, when);
	l->msgid = window_msgid_hash(msgid);
	l->flags |= LINE_HISTORY;
	window_newest(w, kind, when);
	/* Move the shorter side by one slot. */
	if (pos < w->nlines / 2) {
		w->first = (w->first + w->size - 1) % w->size;
		for (i = 0; i < pos; i++)
			w->lines[(w->first + i) % w->size] =
			    w->lines[(w->first + i + 1) % w->size];
	} else {
		for (i = w->nlines; i > pos; i--)
			w->lines[(w->first + i) % w->size] =
			    w->lines[(w->first + i - 1) % w->size];
	}
	w->lines[(w->first + pos) % w->size] = l;
	w->nlines++;
	if (msgid != NULL && *msgid != '\0') {
		if (pos == 0 || *w->oldest_msgid == '\0')
			window_set_msgid(w->oldest_msgid, msgid);
		if (pos == w->nlines - 1 || *w->newest_msgid == '\0')
			window_set_msgid(w->newest_msgid, msgid);
	}
	ui_redraw_later();
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

/*
 * The log file of a window: DIR/SERVER/NAME.log, with characters that
 * cannot be in a file name replaced; pure, so it is unit-tested.
 */
char *
window_log_path(const char *dir, const char *server, const char *name)
{
	char	*path, *p, *start;

	xasprintf(&path, "%s/%s/%s.log", dir, server, name);
	start = path + strlen(dir) + 1;
	for (p = start; *p != '\0'; p++) {
		if (*p == '/' && p != start + strlen(server))
			*p = '_';
		else if ((unsigned char)*p < 0x20)
			*p = '_';
	}
	if (start[0] == '.')
		start[0] = '_';
	return (path);
}

/* Append a line, without formatting codes, to the window's log. */
void
window_log(struct window *w, struct line *l)
{
	char		*path, *dir, *p, *nl, stamp[32];
	char		 text[MULTILINE_MAX_BYTES + 1], head[NICK_MAX + 8];
	struct tm	 tm;
	time_t		 when = l->when;

	if (w->log == NULL) {
		path = window_log_path(cu.log_dir, cu.host, w->name);
		dir = xstrdup(path);
		*strrchr(dir, '/') = '\0';
		mkdir(cu.log_dir, 0700);
		mkdir(dir, 0700);
		free(dir);
		w->log = fopen(path, "a");
		free(path);
		if (w->log == NULL) {
			cu.logging = 0;
			return;
		}
		setvbuf(w->log, NULL, _IOLBF, 0);
	}
	localtime_r(&when, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
	format_strip(line_text(l), text, sizeof text);
	switch (l->kind) {
	case LINE_MESSAGE:
		snprintf(head, sizeof head, "<%s>", line_nick(l));
		break;
	case LINE_ACTION:
		snprintf(head, sizeof head, "* %s", line_nick(l));
		break;
	case LINE_NOTICE:
		snprintf(head, sizeof head, "-%s-", line_nick(l));
		break;
	default:
		snprintf(head, sizeof head, "-!-");
		break;
	}
	/* Each line of a multiline message as a line of the log. */
	for (p = text; p != NULL; p = nl != NULL ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		fprintf(w->log, "[%s] %s %.*s\n", stamp, head,
		    nl != NULL ? (int)(nl - p) : (int)strlen(p), p);
	}
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
	ui_redraw_later();
}

/* Ops first, then voiced, then the rest; alphabetical within each. */
int
window_member_cmp(const struct member *a, const struct member *b)
{
	int	ra = (a->modes & MEMBER_OP) ? 0 : (a->modes & MEMBER_VOICE) ? 1 : 2;
	int	rb = (b->modes & MEMBER_OP) ? 0 : (b->modes & MEMBER_VOICE) ? 1 : 2;

	if (ra != rb)
		return (ra - rb);
	return (casemap_cmp(a->nick, b->nick));
}

/* The first member not before one with nick and modes (binary search). */
static int
window_member_lower(struct window *w, const char *nick, uint8_t modes)
{
	struct member	key;
	int		lo = 0, hi = w->nmembers, mid;

	xstrlcpy(key.nick, nick, sizeof key.nick);
	key.modes = modes;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (window_member_cmp(&w->members[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

/* Where nick is, whatever its modes (one search a rank), or -1. */
static int
window_member_index(struct window *w, const char *nick)
{
	static const uint8_t	ranks[] = { MEMBER_OP, MEMBER_VOICE, 0 };
	size_t			r;
	int			i;

	for (r = 0; r < sizeof ranks; r++) {
		i = window_member_lower(w, nick, ranks[r]);
		if (i < w->nmembers &&
		    casemap_cmp(w->members[i].nick, nick) == 0)
			return (i);
	}
	return (-1);
}

struct member *
window_member_find(struct window *w, const char *nick)
{
	int	i = window_member_index(w, nick);

	return (i == -1 ? NULL : &w->members[i]);
}

static void
window_member_delete(struct window *w, int i)
{
	memmove(&w->members[i], &w->members[i + 1],
	    (w->nmembers - i - 1) * sizeof *w->members);
	w->nmembers--;
	w->mgen++;
	ui_redraw_later();
}

/*
 * Add a member, or give one its new modes: it goes straight to its place
 * in the order (no sorting of the whole list per join).
 */
void
window_member_add(struct window *w, const char *nick, uint8_t modes)
{
	struct member	*m;
	int		 i;

	if ((i = window_member_index(w, nick)) != -1) {
		m = &w->members[i];
		/* Its place for the new modes is where it is (same rank). */
		if (window_member_lower(w, nick, modes) == i) {
			m->modes = modes;
			w->mgen++;
			ui_redraw_later();
			return;
		}
		window_member_delete(w, i);
	}
	if (w->nmembers == w->msize) {
		w->msize = w->msize == 0 ? 16 : w->msize * 2;
		w->members = xreallocarray(w->members, w->msize,
		    sizeof *w->members);
	}
	i = window_member_lower(w, nick, modes);
	memmove(&w->members[i + 1], &w->members[i],
	    (w->nmembers - i) * sizeof *w->members);
	xstrlcpy(w->members[i].nick, nick, sizeof w->members[i].nick);
	w->members[i].modes = modes;
	w->nmembers++;
	w->mgen++;
	ui_redraw_later();
}

void
window_member_remove(struct window *w, const char *nick)
{
	int	i;

	if ((i = window_member_index(w, nick)) != -1)
		window_member_delete(w, i);
}

void
window_member_rename(struct window *w, const char *old, const char *new)
{
	int	i;
	uint8_t	modes;

	if ((i = window_member_index(w, old)) == -1)
		return;
	modes = w->members[i].modes;
	window_member_delete(w, i);
	window_member_add(w, new, modes);
}

void
window_members_clear(struct window *w)
{
	free(w->members);
	w->members = NULL;
	w->nmembers = w->msize = 0;
	w->mgen++;
}
