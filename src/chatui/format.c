/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Text measuring, pure: display width of UTF-8 with mIRC formatting codes
 * (which take no room), soft wrapping at a width, the stable colour of a
 * nick, stripping codes.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "chatui.h"

/* How many bytes of formatting code start at s (0 if none). */
static size_t
format_code(const char *s)
{
	size_t	n;

	switch (*s) {
	case '\002': case '\035': case '\037': case '\026': case '\017':
	case '\036': case '\021':
		return (1);
	case '\003':
		n = 1;
		if (s[n] >= '0' && s[n] <= '9') {
			n++;
			if (s[n] >= '0' && s[n] <= '9')
				n++;
			if (s[n] == ',' && s[n + 1] >= '0' && s[n + 1] <= '9') {
				n += 2;
				if (s[n] >= '0' && s[n] <= '9')
					n++;
			}
		}
		return (n);
	}
	return (0);
}

/* Decode one character; its width in *w (0 for codes); bytes used. */
static size_t
format_char(const char *s, int *w)
{
	mbstate_t	ps;
	wchar_t		wc;
	size_t		n;
	int		cw;

	if ((n = format_code(s)) != 0) {
		*w = 0;
		return (n);
	}
	memset(&ps, 0, sizeof ps);
	n = mbrtowc(&wc, s, MB_CUR_MAX, &ps);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*w = 1;
		return (1);
	}
	cw = wcwidth(wc);
	*w = cw < 0 ? 1 : cw;
	return (n);
}

size_t
format_width(const char *s)
{
	size_t	total = 0;
	int	w;

	while (*s != '\0') {
		s += format_char(s, &w);
		total += w;
	}
	return (total);
}

/*
 * Split s into screen rows of width columns; rows after the first are
 * indented by indent columns. Fills up to max byte offsets (where each row
 * starts) in starts and returns the number of rows.
 */
int
format_wrap(const char *s, int width, int indent, size_t *starts, int max)
{
	const char	*p = s, *space = NULL;
	int		 rows = 0, col = 0, w, avail = width;
	size_t		 n;

	if (width < 1)
		width = 1;
	if (indent >= width)
		indent = 0;
	if (max < 1)
		return (0);
	starts[rows++] = 0;
	while (*p != '\0') {
		n = format_char(p, &w);
		if (col + w > avail && col > 0) {
			/* Break at the last space of the row if there is one. */
			if (space != NULL && space > s + starts[rows - 1])
				p = space + 1;
			if (rows == max)
				break;
			starts[rows++] = p - s;
			col = 0;
			avail = width - indent;
			space = NULL;
			continue;
		}
		if (*p == ' ')
			space = p;
		col += w;
		p += n;
	}
	return (rows);
}

/* A colour 1 to 12 for a nick, the same every time (catgirl's hash). */
int
format_nick_colour(const char *nick)
{
	uint32_t	h = 0;

	for (; *nick != '\0'; nick++)
		h = h * 33 + (unsigned char)*nick;
	return (1 + (int)(h % 12));
}

/* Copy s without formatting codes into out (size bytes); returns length. */
size_t
format_strip(const char *s, char *out, size_t size)
{
	size_t	n = 0, c;

	while (*s != '\0' && n + 1 < size) {
		if ((c = format_code(s)) != 0) {
			s += c;
			continue;
		}
		out[n++] = *s++;
	}
	out[n] = '\0';
	return (n);
}
