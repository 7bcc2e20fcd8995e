/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The input line: a wide-character buffer with a cursor, readline-style
 * moves and cuts, and a history.
 */

#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "edit.h"
#include "xmalloc.h"

static void	edit_cut(struct edit *, size_t, size_t);

void
edit_init(struct edit *e)
{
	memset(e, 0, sizeof *e);
}

void
edit_free(struct edit *e)
{
	int	i;

	for (i = 0; i < e->nhistory; i++)
		free(e->history[i]);
	e->nhistory = 0;
}

int
edit_insert(struct edit *e, wchar_t wc)
{
	if (e->len == EDIT_MAX)
		return (-1);
	wmemmove(e->buf + e->pos + 1, e->buf + e->pos, e->len - e->pos);
	e->buf[e->pos++] = wc;
	e->len++;
	return (0);
}

void
edit_left(struct edit *e)
{
	if (e->pos > 0)
		e->pos--;
}

void
edit_right(struct edit *e)
{
	if (e->pos < e->len)
		e->pos++;
}

void
edit_home(struct edit *e)
{
	e->pos = 0;
}

void
edit_end(struct edit *e)
{
	e->pos = e->len;
}

void
edit_word_left(struct edit *e)
{
	while (e->pos > 0 && iswspace(e->buf[e->pos - 1]))
		e->pos--;
	while (e->pos > 0 && !iswspace(e->buf[e->pos - 1]))
		e->pos--;
}

void
edit_word_right(struct edit *e)
{
	while (e->pos < e->len && iswspace(e->buf[e->pos]))
		e->pos++;
	while (e->pos < e->len && !iswspace(e->buf[e->pos]))
		e->pos++;
}

void
edit_backspace(struct edit *e)
{
	if (e->pos == 0)
		return;
	wmemmove(e->buf + e->pos - 1, e->buf + e->pos, e->len - e->pos);
	e->pos--;
	e->len--;
}

void
edit_delete(struct edit *e)
{
	if (e->pos == e->len)
		return;
	wmemmove(e->buf + e->pos, e->buf + e->pos + 1, e->len - e->pos - 1);
	e->len--;
}

/* Cut characters [from, to), keeping them for edit_yank. */
static void
edit_cut(struct edit *e, size_t from, size_t to)
{
	if (from >= to)
		return;
	wmemcpy(e->cut, e->buf + from, to - from);
	e->cutlen = to - from;
	wmemmove(e->buf + from, e->buf + to, e->len - to);
	e->len -= to - from;
	e->pos = from;
}

void
edit_cut_word(struct edit *e)
{
	size_t	to = e->pos;

	edit_word_left(e);
	edit_cut(e, e->pos, to);
}

void
edit_cut_before(struct edit *e)
{
	edit_cut(e, 0, e->pos);
}

void
edit_cut_after(struct edit *e)
{
	edit_cut(e, e->pos, e->len);
}

void
edit_yank(struct edit *e)
{
	size_t	i;

	for (i = 0; i < e->cutlen; i++) {
		if (edit_insert(e, e->cut[i]) != 0)
			break;
	}
}

void
edit_set(struct edit *e, const char *s)
{
	mbstate_t	ps;
	wchar_t		wc;
	size_t		n, left = strlen(s);

	memset(&ps, 0, sizeof ps);
	e->len = e->pos = 0;
	while (left > 0 && e->len < EDIT_MAX) {
		n = mbrtowc(&wc, s, left, &ps);
		if (n == (size_t)-1 || n == (size_t)-2) {
			/* Not valid here: keep the byte as a replacement. */
			wc = 0xfffd;
			n = 1;
			memset(&ps, 0, sizeof ps);
		} else if (n == 0)
			break;
		e->buf[e->len++] = wc;
		s += n;
		left -= n;
	}
	e->pos = e->len;
}

char *
edit_string(const struct edit *e)
{
	return (edit_substring(e, 0, e->len));
}

char *
edit_substring(const struct edit *e, size_t from, size_t to)
{
	mbstate_t	 ps;
	char		*out, *p;
	size_t		 i, n;

	memset(&ps, 0, sizeof ps);
	out = p = xmalloc((to - from) * MB_LEN_MAX + 1);
	for (i = from; i < to; i++) {
		n = wcrtomb(p, e->buf[i], &ps);
		if (n != (size_t)-1)
			p += n;
	}
	*p = '\0';
	return (out);
}

/* Whether a line holds a password: not kept in the history. */
static int
edit_secret(const char *s)
{
	static const char *const secret[] = { "/login ", "/register ",
	    "/oper " };
	size_t	i;

	for (i = 0; i < sizeof secret / sizeof secret[0]; i++) {
		if (strncasecmp(s, secret[i], strlen(secret[i])) == 0)
			return (1);
	}
	return (0);
}

char *
edit_take(struct edit *e)
{
	char	*s = edit_string(e);

	if (*s != '\0' && !edit_secret(s)) {
		if (e->nhistory == EDIT_HISTORY) {
			free(e->history[0]);
			memmove(e->history, e->history + 1,
			    (EDIT_HISTORY - 1) * sizeof *e->history);
			e->nhistory--;
		}
		e->history[e->nhistory++] = xstrdup(s);
	}
	e->browse = e->nhistory;
	e->len = e->pos = 0;
	return (s);
}

void
edit_history_prev(struct edit *e)
{
	if (e->browse > e->nhistory)
		e->browse = e->nhistory;
	if (e->browse == 0)
		return;
	edit_set(e, e->history[--e->browse]);
}

void
edit_history_next(struct edit *e)
{
	if (e->browse >= e->nhistory)
		return;
	if (++e->browse == e->nhistory) {
		e->len = e->pos = 0;
		return;
	}
	edit_set(e, e->history[e->browse]);
}

size_t
edit_word(const struct edit *e, size_t *start)
{
	size_t	s = e->pos;

	while (s > 0 && !iswspace(e->buf[s - 1]))
		s--;
	*start = s;
	return (e->pos - s);
}

void
edit_replace(struct edit *e, size_t start, const char *s)
{
	struct edit	tmp;
	size_t		i;

	edit_cut(e, start, e->pos);
	edit_init(&tmp);
	edit_set(&tmp, s);
	for (i = 0; i < tmp.len; i++) {
		if (edit_insert(e, tmp.buf[i]) != 0)
			break;
	}
}
