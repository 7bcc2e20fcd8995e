/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Text measuring, pure: display width of UTF-8 with mIRC formatting codes
 * (which take no room), soft wrapping at a width, the stable colour of a
 * nick, stripping codes, and where to split a message too long for a line.
 */

#include "config.h"

#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>
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

	/* Printable ASCII, most of any text: a column each, no decoding. */
	if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f) {
		*w = 1;
		return (1);
	}
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
 * indented by indent columns, and a line feed starts one. Fills up to max byte offsets (where each row
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
		/* A line of a multiline message: a row of its own. */
		if (*p == '\n') {
			if (rows == max)
				break;
			starts[rows++] = ++p - s;
			col = 0;
			avail = width - indent;
			space = NULL;
			continue;
		}
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

/*
 * A terminal colour for a nick, the same every time whatever its case:
 * one of 36 readable ones of the 256 (fewer nicks share one), of the 12
 * bright and dark ones of 16 colours (not black, white or greys), or of
 * the 6 of 8. FNV-1a spreads nicks that differ by a letter.
 */
int
format_nick_colour(const char *nick, int ncolours)
{
	static const short	c256[] = {
		33, 39, 45, 51, 69, 75, 81, 87, 99, 105, 111, 117,
		129, 135, 141, 147, 160, 166, 172, 178, 184, 190, 196, 202,
		208, 214, 220, 34, 40, 46, 82, 118, 154, 171, 177, 213
	};
	static const short	c16[] = { 1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13,
				    14 };
	uint32_t		h = 2166136261u;

	for (; *nick != '\0'; nick++) {
		h ^= (unsigned char)(*nick >= 'A' && *nick <= 'Z' ?
		    *nick - 'A' + 'a' : *nick);
		h *= 16777619u;
	}
	if (ncolours >= 256)
		return (c256[h % (sizeof c256 / sizeof c256[0])]);
	if (ncolours >= 16)
		return (c16[h % (sizeof c16 / sizeof c16[0])]);
	return (1 + (int)(h % 6));
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

/*
 * The code point of the UTF-8 sequence at s, or -1 for a byte that does
 * not start one (a continuation byte, or worse).
 */
static long
format_codepoint(const unsigned char *s)
{
	if (s[0] < 0x80)
		return (s[0]);
	if ((s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80)
		return ((s[0] & 0x1fL) << 6 | (s[1] & 0x3f));
	if ((s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80)
		return ((s[0] & 0x0fL) << 12 | (s[1] & 0x3fL) << 6 |
		    (s[2] & 0x3f));
	if ((s[0] & 0xf8) == 0xf0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80)
		return ((s[0] & 0x07L) << 18 | (s[1] & 0x3fL) << 12 |
		    (s[2] & 0x3fL) << 6 | (s[3] & 0x3f));
	return (-1);
}

/*
 * Whether a code point belongs to the character before it: a combining
 * mark, a variation selector, an emoji modifier, or what follows a zero
 * width joiner (the joiner itself is checked by the caller).
 */
static int
format_extends(long cp)
{
	static const long	ranges[][2] = {
		{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
		{ 0x0610, 0x061a }, { 0x064b, 0x065f }, { 0x0900, 0x0903 },
		{ 0x093a, 0x094f }, { 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff },
		{ 0x200c, 0x200d }, { 0x20d0, 0x20ff }, { 0xfe00, 0xfe0f },
		{ 0xfe20, 0xfe2f }, { 0x1f3fb, 0x1f3ff }, { 0xe0020, 0xe007f },
		{ 0xe0100, 0xe01ef },
	};
	size_t			i;

	for (i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return (1);
	}
	return (0);
}

/*
 * Where to cut text so that its first piece is at most max bytes: at the
 * last space if there is one in its second half (the spaces are left for
 * the caller to skip),
 * else at the last character that fits, never inside a UTF-8 sequence nor
 * before a mark that belongs to the character before it. The length of
 * the first piece: all of it if it fits, at least one character.
 */
size_t
format_split(const char *text, size_t max)
{
	return (format_split_n(text, strlen(text), max));
}

/* The same for the first len bytes of text (a line of several). */
size_t
format_split_n(const char *text, size_t len, size_t max)
{
	const unsigned char	*s = (const unsigned char *)text;
	size_t			 cut, sp;
	long			 cp, prev;

	if (len <= max)
		return (len);
	cut = max;
	for (;;) {
		while (cut > 0 && (s[cut] & 0xc0) == 0x80)
			cut--;
		if (cut == 0)
			break;
		cp = format_codepoint(s + cut);
		sp = cut - 1;
		while (sp > 0 && (s[sp] & 0xc0) == 0x80)
			sp--;
		prev = format_codepoint(s + sp);
		if (!format_extends(cp) && prev != 0x200d)
			break;
		cut = sp;
	}
	/* A space in the second half of the piece: cut there. */
	for (sp = cut; sp > cut / 2; sp--) {
		if (s[sp] == ' ') {
			while (sp > 0 && s[sp - 1] == ' ')
				sp--;
			if (sp > 0)
				return (sp);
			break;
		}
	}
	if (cut == 0) {
		/* Not even one character fits: take one anyway. */
		cut = 1;
		while (cut < len && (s[cut] & 0xc0) == 0x80)
			cut++;
	}
	return (cut);
}

/*
 * The next link (http:// or https://) in text at or after from, where a
 * word or a bracket or quote starts it, up to a space or a closing mark,
 * less the punctuation that ends a sentence: its start, its length in
 * *len; NULL if there is none.
 */
const char *
format_link(const char *text, const char *from, size_t *len)
{
	const char	*start;
	size_t		 n;

	for (; (start = strstr(from, "http")) != NULL; from = start + 4) {
		if (strncmp(start, "http://", 7) != 0 &&
		    strncmp(start, "https://", 8) != 0)
			continue;
		if (start != text && !isspace((unsigned char)start[-1]) &&
		    strchr("(<\"'", start[-1]) == NULL)
			continue;
		n = strcspn(start, " \t\n>\")'");
		while (n > 0 && strchr(".,;:!?", start[n - 1]))
			n--;
		*len = n;
		return (start);
	}
	return (NULL);
}

/* Whether the byte before p (or s's start) and the one at end bound a word. */
static int
format_word_at(const char *s, const char *p, const char *end)
{
	return ((p == s || !isalnum((unsigned char)p[-1])) &&
	    !isalnum((unsigned char)*end));
}

/*
 * The next place in s at or after from that mentions the user: their nick
 * anywhere (irssi's way), or one of words (the highlight setting: words
 * separated by spaces, each found whole), case not counted; its start,
 * its length in *len; NULL if there is none.
 */
const char *
format_mention(const char *s, const char *from, const char *nick,
    const char *words, size_t *len)
{
	const char	*best = NULL, *p, *w;
	size_t		 n, blen = 0;

	if (nick != NULL && (n = strlen(nick)) != 0 &&
	    (p = strcasestr(from, nick)) != NULL) {
		best = p;
		blen = n;
	}
	for (w = words; w != NULL; w += n) {
		w += strspn(w, " ");
		if ((n = strcspn(w, " ")) == 0)
			break;
		for (p = from; *p != '\0' && (best == NULL || p < best); p++) {
			if (strncasecmp(p, w, n) == 0 &&
			    format_word_at(s, p, p + n)) {
				best = p;
				blen = n;
				break;
			}
		}
	}
	*len = blen;
	return (best);
}

/*
 * What comes before a line's text, as the pane and the logs show it:
 * "<nick>" (with its "@" or "+" when prefix is set), "* nick", "-nick-",
 * "-!-" for an event, each followed by end; "" for the client's own
 * information.
 */
void
format_line_head(const struct line *l, int prefix, const char *end,
    char *buf, size_t size)
{
	const char	*mode = "";

	if (prefix && l->prefix != 0)
		mode = l->prefix == '@' ? "@" : "+";
	switch (l->kind) {
	case LINE_MESSAGE:
		snprintf(buf, size, "<%s%s>%s", mode, line_nick(l), end);
		break;
	case LINE_ACTION:
		snprintf(buf, size, "* %s%s", line_nick(l), end);
		break;
	case LINE_NOTICE:
		snprintf(buf, size, "-%s-%s", line_nick(l), end);
		break;
	case LINE_EVENT:
		snprintf(buf, size, "-!-%s", end);
		break;
	default:
		*buf = '\0';
		break;
	}
}
