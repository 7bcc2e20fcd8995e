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

static void	window_line_free(struct line *);

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

static void
window_line_free(struct line *l)
{
	free(l->nick);
	free(l->text);
	memset(l, 0, sizeof *l);
}

void
window_clear(struct window *w)
{
	int	i;

	for (i = 0; i < w->nlines; i++)
		window_line_free(&w->lines[(w->first + i) % WINDOW_LINES]);
	w->first = w->nlines = w->scroll = 0;
	ui_redraw_later();
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
	window_clear(w);
	window_members_clear(w);
	if (w->log != NULL)
		fclose(w->log);
	free(w->topic);
	free(w->name);
	free(w);
	ui_redraw_later();
}

void
window_free_all(void)
{
	struct window	*w;

	while ((w = TAILQ_FIRST(&cu.windows)) != NULL) {
		TAILQ_REMOVE(&cu.windows, w, entry);
		if (w->log != NULL)
			fclose(w->log);
		window_clear(w);
		window_members_clear(w);
		free(w->topic);
		free(w->name);
		free(w);
	}
}

/*
 * Add a line. A message that names our own nick in a window we are not
 * looking at is a mention: the window is marked and the bell rings.
 */
void
window_add(struct window *w, enum line_kind kind, const char *nick,
    const char *text, time_t when)
{
	struct line	*l;
	int		 mention = 0;

	if (w->nlines == WINDOW_LINES) {
		window_line_free(&w->lines[w->first]);
		w->first = (w->first + 1) % WINDOW_LINES;
		w->nlines--;
	}
	l = &w->lines[(w->first + w->nlines++) % WINDOW_LINES];
	l->when = when != 0 ? when : time(NULL);
	l->kind = kind;
	l->nick = nick != NULL ? xstrdup(nick) : NULL;
	l->text = xstrdup(text);
	if (nick != NULL && *cu.me != '\0' && casemap_cmp(nick, cu.me) != 0 &&
	    (kind == LINE_MESSAGE || kind == LINE_ACTION) &&
	    strcasestr(text, cu.me) != NULL)
		mention = 1;
	if (nick != NULL && w->kind == WINDOW_QUERY &&
	    casemap_cmp(nick, cu.me) != 0)
		mention = 1;
	l->mention = mention;
	if (cu.logging)
		window_log(w, l);
	if (w != cu.current && kind != LINE_EVENT) {
		w->unread++;
		if (mention) {
			w->mention = 1;
			ui_bell();
		}
	} else if (w == cu.current && w->scroll > 0)
		w->scroll++;
	ui_redraw_later();
}

void
window_addf(struct window *w, enum line_kind kind, const char *fmt, ...)
{
	va_list	 ap;
	char	*text;

	va_start(ap, fmt);
	xvasprintf(&text, fmt, ap);
	va_end(ap);
	window_add(w, kind, NULL, text, 0);
	free(text);
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
	char		*path, *dir, stamp[32], text[4096];
	struct tm	 tm;

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
	localtime_r(&l->when, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
	format_strip(l->text, text, sizeof text);
	switch (l->kind) {
	case LINE_MESSAGE:
		fprintf(w->log, "[%s] <%s> %s\n", stamp, l->nick, text);
		break;
	case LINE_ACTION:
		fprintf(w->log, "[%s] * %s %s\n", stamp, l->nick, text);
		break;
	case LINE_NOTICE:
		fprintf(w->log, "[%s] -%s- %s\n", stamp, l->nick, text);
		break;
	default:
		fprintf(w->log, "[%s] -!- %s\n", stamp, text);
		break;
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

static int
window_member_qcmp(const void *a, const void *b)
{
	return (window_member_cmp(a, b));
}

void
window_member_sort(struct window *w)
{
	qsort(w->members, w->nmembers, sizeof *w->members, window_member_qcmp);
	ui_redraw_later();
}

struct member *
window_member_find(struct window *w, const char *nick)
{
	int	i;

	for (i = 0; i < w->nmembers; i++) {
		if (casemap_cmp(w->members[i].nick, nick) == 0)
			return (&w->members[i]);
	}
	return (NULL);
}

void
window_member_add(struct window *w, const char *nick, uint8_t modes)
{
	struct member	*m;

	if ((m = window_member_find(w, nick)) != NULL) {
		m->modes = modes;
	} else {
		w->members = xreallocarray(w->members, w->nmembers + 1,
		    sizeof *w->members);
		m = &w->members[w->nmembers++];
		xstrlcpy(m->nick, nick, sizeof m->nick);
		m->modes = modes;
	}
	window_member_sort(w);
}

void
window_member_remove(struct window *w, const char *nick)
{
	struct member	*m;

	if ((m = window_member_find(w, nick)) == NULL)
		return;
	*m = w->members[--w->nmembers];
	window_member_sort(w);
}

void
window_member_rename(struct window *w, const char *old, const char *new)
{
	struct member	*m;

	if ((m = window_member_find(w, old)) == NULL)
		return;
	xstrlcpy(m->nick, new, sizeof m->nick);
	window_member_sort(w);
}

void
window_members_clear(struct window *w)
{
	free(w->members);
	w->members = NULL;
	w->nmembers = 0;
}
