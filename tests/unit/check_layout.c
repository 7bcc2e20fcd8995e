/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for chatui's pure layout and text code: geometry at every
 * size down to 40x10, the nick list hiding on narrow terminals, widths of
 * wide characters and codes, soft wrapping with a hanging indent, the
 * nick list order, the scrollback ring and its bound.
 */

#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "chatui.h"
#include "unit.h"

struct chatui	cu;

/* The model files call these; a test has no screen and no network. */
void
net_send(const char *fmt, ...)
{
}

long
net_now_ms(void)
{
	return (0);
}

#include "chatui-stubs.h"

START_TEST(geometry)
{
	struct layout	l;
	int		lines, cols;

	for (lines = 3; lines <= 60; lines++) {
		for (cols = 20; cols <= 200; cols += 7) {
			layout_compute(lines, cols, 1, 1, 1, &l);
			ck_assert_int_eq(l.title.h + l.pane.h + l.status.h +
			    l.input.h, lines);
			ck_assert_int_eq(l.pane.y, l.title.h);
			ck_assert_int_eq(l.title.h, lines >= 4 ? 1 : 0);
			ck_assert_int_eq(l.status.y, lines - 2);
			ck_assert_int_eq(l.input.y, lines - 1);
			if (l.nicklist.w > 0) {
				ck_assert_int_eq(l.pane.w + 1 + l.nicklist.w,
				    cols);
				/* The column between them is the separator's. */
				ck_assert_int_eq(l.separator.x, l.pane.w);
				ck_assert_int_eq(l.separator.w, 1);
				ck_assert_int_eq(l.separator.h, l.pane.h);
			} else
				ck_assert_int_eq(l.pane.w, cols);
		}
	}
	layout_compute(10, 40, 1, 1, 1, &l);
	ck_assert_int_eq(l.nicklist.w, 0);
	ck_assert_int_eq(l.separator.w, 0);
	ck_assert_int_eq(l.pane.h, 7);
	layout_compute(24, 80, 1, 1, 1, &l);
	ck_assert_int_gt(l.nicklist.w, 0);
	layout_compute(24, 80, 0, 1, 1, &l);
	ck_assert_int_eq(l.nicklist.w, 0);
	layout_compute(24, 80, 1, 0, 1, &l);
	ck_assert_int_eq(l.nicklist.w, 0);
}
END_TEST

/* Lines typed with Alt-Enter: the input grows, to 5 rows, the pane keeps half. */
START_TEST(input_rows)
{
	struct layout	l;
	int		rows, lines;

	for (lines = 3; lines <= 40; lines++) {
		for (rows = 1; rows <= 9; rows++) {
			layout_compute(lines, 80, 1, 1, rows, &l);
			ck_assert_int_eq(l.title.h + l.pane.h + l.status.h +
			    l.input.h, lines);
			ck_assert_int_eq(l.input.y + l.input.h, lines);
			ck_assert_int_eq(l.status.y, l.input.y - 1);
			ck_assert_int_le(l.input.h, rows < 5 ? rows : 5);
			ck_assert_int_ge(l.pane.h, l.input.h - 1);
		}
	}
	layout_compute(24, 80, 1, 1, 3, &l);
	ck_assert_int_eq(l.input.h, 3);
	ck_assert_int_eq(l.input.y, 21);
	ck_assert_int_eq(l.pane.h, 19);
	layout_compute(24, 80, 1, 1, 8, &l);
	ck_assert_int_eq(l.input.h, 5);
	layout_compute(6, 80, 1, 1, 4, &l);
	ck_assert_int_eq(l.input.h, 2);
}
END_TEST

START_TEST(widths)
{
	char	out[64];

	ck_assert_uint_eq(format_width("abc"), 3);
	ck_assert_uint_eq(format_width("\002bold\002 \00304,05red\017"), 8);
	ck_assert_uint_eq(format_width("日本"), 4);
	ck_assert_uint_eq(format_width("😀"), 2);
	format_strip("\002b\037u\00312c\017", out, sizeof out);
	ck_assert_str_eq(out, "buc");
}
END_TEST

START_TEST(wrapping)
{
	size_t	starts[16];
	int	rows;

	/* "aaa bbb " fills 8 columns; then 6 a row under the indent. */
	rows = format_wrap("aaa bbb ccc ddd", 8, 2, starts, 16);
	ck_assert_int_eq(rows, 3);
	ck_assert_uint_eq(starts[1], 8);
	ck_assert_uint_eq(starts[2], 12);
	rows = format_wrap("abcdefghijkl", 5, 0, starts, 16);
	ck_assert_int_eq(rows, 3);
	ck_assert_uint_eq(starts[1], 5);
	rows = format_wrap("日本語日本語", 4, 0, starts, 16);
	ck_assert_int_eq(rows, 3);
	ck_assert_int_eq(format_wrap("", 10, 0, starts, 16), 1);
	/* A multiline message: each line a row, long ones wrapped. */
	rows = format_wrap("ab\ncd\n\nefghij", 6, 2, starts, 16);
	ck_assert_int_eq(rows, 5);
	ck_assert_uint_eq(starts[1], 3);
	ck_assert_uint_eq(starts[2], 6);
	ck_assert_uint_eq(starts[3], 7);
	ck_assert_uint_eq(starts[4], 11);
}
END_TEST

/* Links: where a word or a bracket starts them, without the full stop. */
START_TEST(links)
{
	const char	*t = "see https://a.example/x?y=1, (http://b/c). nothttp://d";
	const char	*p;
	size_t		 len;

	p = format_link(t, t, &len);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(strncmp(p, "https://a.example/x?y=1", len), 0);
	ck_assert_uint_eq(len, strlen("https://a.example/x?y=1"));
	p = format_link(t, p + len, &len);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(len, strlen("http://b/c"));
	ck_assert_int_eq(strncmp(p, "http://b/c", len), 0);
	ck_assert_ptr_null(format_link(t, p + len, &len));
	ck_assert_ptr_null(format_link("http:/x https:x", "http:/x https:x",
	    &len));
	/* A line break ends one (a multiline message). */
	p = format_link("https://e/f\nnext", "https://e/f\nnext", &len);
	ck_assert_uint_eq(len, strlen("https://e/f"));
}
END_TEST

/* Mentions: the nick anywhere, highlight words whole, case not counted. */
START_TEST(mentions)
{
	const char	*t = "Redeploy now; the DEPLOY is done, alice2", *p;
	size_t		 len;

	p = format_mention(t, t, "alice", "deploy ship", &len);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(strncmp(p, "DEPLOY", len), 0);
	ck_assert_uint_eq(len, 6);
	p = format_mention(t, p + len, "alice", "deploy ship", &len);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(strncmp(p, "alice", len), 0);
	ck_assert_ptr_null(format_mention(t, p + len, "alice", "deploy", &len));
	ck_assert_ptr_null(format_mention("redeploying", "redeploying", "bob",
	    "deploy", &len));
	ck_assert_ptr_null(format_mention("nothing", "nothing", "bob", NULL,
	    &len));
}
END_TEST

/* Issue 14: a long message is split where a person would, and safely. */
START_TEST(splitting)
{
	char	 text[1200], *p;
	size_t	 n, total = 0;
	int	 pieces = 0;

	ck_assert_uint_eq(format_split("short", 100), 5);
	/* A line of several: what follows its end is not looked at. */
	ck_assert_uint_eq(format_split_n("hello world\nmore", 11, 100), 11);
	ck_assert_uint_eq(format_split_n("hello wonderful world\nx", 21, 16),
	    15);
	/* At the last space in the piece; the space is not part of it. */
	ck_assert_uint_eq(format_split("hello wonderful world", 16), 15);
	ck_assert_uint_eq(format_split("hello   world", 10), 5);
	/* No space in the second half: at the last character that fits. */
	ck_assert_uint_eq(format_split("ab cdefghijklmnop", 10), 10);
	/* Never inside a UTF-8 sequence: "жжж" is 6 bytes. */
	ck_assert_uint_eq(format_split("жжж", 5), 4);
	ck_assert_uint_eq(format_split("жжж", 1), 2);
	/* Never between a letter and its combining accent (e + U+0301). */
	ck_assert_uint_eq(format_split("abce\xcc\x81" "f", 5), 3);
	/* Nor inside a ZWJ emoji sequence: man, ZWJ, girl. */
	ck_assert_uint_eq(format_split("a\xf0\x9f\x91\xa8\xe2\x80\x8d"
	    "\xf0\x9f\x91\xa7", 9), 1);
	/* 91 Cyrillic words split into pieces that all fit and lose nothing. */
	p = text;
	while (p < text + 1000) {
		memcpy(p, "слово ", 11);
		p += 11;
	}
	p[-1] = '\0';
	for (p = text; *p != '\0'; pieces++) {
		n = format_split(p, 400);
		ck_assert_uint_le(n, 400);
		ck_assert_uint_gt(n, 0);
		ck_assert_int_eq(p[n - 1], "слово"[9]);
		total += n;
		p += n;
		while (*p == ' ')
			p++;
	}
	ck_assert_int_eq(pieces, 3);
	/* Only the spaces where it was cut are gone. */
	ck_assert_uint_eq(total + pieces - 1, strlen(text));
}
END_TEST

START_TEST(nick_colour_stable)
{
	char	nick[16];
	int	seen[256], i, distinct = 0, c;

	ck_assert_int_eq(format_nick_colour("alice", 256),
	    format_nick_colour("alice", 256));
	/* Whatever its case. */
	ck_assert_int_eq(format_nick_colour("Alice", 256),
	    format_nick_colour("alice", 256));
	/* Never black, white or grey on 16 colours; 1 to 6 on 8. */
	for (i = 0; i < 200; i++) {
		snprintf(nick, sizeof nick, "user%d", i);
		c = format_nick_colour(nick, 16);
		ck_assert(c >= 1 && c <= 14 && c != 7 && c != 8);
		c = format_nick_colour(nick, 8);
		ck_assert(c >= 1 && c <= 6);
	}
	/* 30 nicks a letter apart share few colours of the 256's 36. */
	memset(seen, 0, sizeof seen);
	for (i = 0; i < 30; i++) {
		snprintf(nick, sizeof nick, "nick%c", 'a' + i % 26);
		if (i >= 26)
			nick[4] = (char)('A' + i);
		c = format_nick_colour(nick, 256);
		if (!seen[c]++)
			distinct++;
	}
	ck_assert_int_ge(distinct, 18);
}
END_TEST

START_TEST(nicklist_order)
{
	struct window	w;

	memset(&w, 0, sizeof w);
	nicklist_add(&w.nicks, "zed", 0);
	nicklist_add(&w.nicks, "Amy", 0);
	nicklist_add(&w.nicks, "op2", MEMBER_OP);
	nicklist_add(&w.nicks, "bob", MEMBER_VOICE);
	nicklist_add(&w.nicks, "Op1", MEMBER_OP | MEMBER_VOICE);
	ck_assert_str_eq(w.nicks.members[0].nick, "Op1");
	ck_assert_str_eq(w.nicks.members[1].nick, "op2");
	ck_assert_str_eq(w.nicks.members[2].nick, "bob");
	ck_assert_str_eq(w.nicks.members[3].nick, "Amy");
	ck_assert_str_eq(w.nicks.members[4].nick, "zed");
	nicklist_rename(&w.nicks, "zed", "aaron");
	ck_assert_str_eq(w.nicks.members[3].nick, "aaron");
	nicklist_remove(&w.nicks, "op2");
	ck_assert_int_eq(w.nicks.n, 4);
	ck_assert_str_eq(w.nicks.members[1].nick, "bob");
	nicklist_clear(&w.nicks);
}
END_TEST

/* The list stays in order and every member is found, through churn. */
START_TEST(nicklist_many)
{
	struct window	w;
	char		nick[NICK_MAX + 1];
	int		i, j, lost = 0, unordered = 0;

	memset(&w, 0, sizeof w);
	srandom(7);
	for (i = 0; i < 4000; i++) {
		snprintf(nick, sizeof nick, "%c%ld", "aBcD"[random() % 4],
		    random() % 1500);
		switch (random() % 4) {
		case 0:
			nicklist_remove(&w.nicks, nick);
			break;
		case 1:
			nicklist_rename(&w.nicks, nick, "renamed");
			nicklist_remove(&w.nicks, "renamed");
			break;
		default:
			nicklist_add(&w.nicks, nick, (uint8_t)(random() % 4));
			lost += nicklist_find(&w.nicks, nick) == NULL;
			break;
		}
		/* (Plain checks: an assertion a comparison would be slow.) */
		for (j = 1; j < w.nicks.n; j++)
			unordered += nicklist_cmp(&w.nicks.members[j - 1],
			    &w.nicks.members[j]) >= 0;
	}
	for (j = 0; j < w.nicks.n; j++)
		lost += nicklist_find(&w.nicks, w.nicks.members[j].nick) !=
		    &w.nicks.members[j];
	ck_assert_int_eq(lost, 0);
	ck_assert_int_eq(unordered, 0);
	ck_assert_int_gt(w.nicks.n, 100);
	nicklist_clear(&w.nicks);
}
END_TEST

/* A window keeps its last cu.scrollback lines, oldest first. */
START_TEST(scrollback_bound)
{
	struct window	w;
	char		text[32];
	int		i;

	memset(&w, 0, sizeof w);
	cu.scrollback = SCROLLBACK_MIN;
	for (i = 0; i < 250; i++) {
		snprintf(text, sizeof text, "line %d", i);
		window_add(&w, LINE_MESSAGE, "nick", text, 1000 + i);
		ck_assert_int_le(w.buf.n, SCROLLBACK_MIN);
		ck_assert_int_le(w.buf.size, SCROLLBACK_MIN);
	}
	ck_assert_int_eq(w.buf.n, SCROLLBACK_MIN);
	ck_assert_str_eq(line_text(buffer_line(&w.buf, 0)), "line 150");
	ck_assert_str_eq(line_text(buffer_line(&w.buf, 99)), "line 249");
	ck_assert_str_eq(line_nick(buffer_line(&w.buf, 99)), "nick");
	ck_assert_int_eq(buffer_line(&w.buf, 99)->when, 1249);
	window_add(&w, LINE_EVENT, NULL, "an event", 5);
	ck_assert_ptr_null(line_nick(buffer_line(&w.buf, 99)));
	ck_assert_str_eq(line_text(buffer_line(&w.buf, 99)), "an event");
	ck_assert_str_eq(line_text(buffer_line(&w.buf, 0)), "line 151");
	window_clear(&w);
	ck_assert_int_eq(w.buf.n, 0);
	/* A quiet window holds a small ring, not the whole bound. */
	window_add(&w, LINE_INFO, NULL, "one", 1);
	ck_assert_int_lt(w.buf.size, SCROLLBACK_MIN);
	window_clear(&w);
}
END_TEST

static struct line *
test_line(uint32_t when)
{
	struct line	*l = xcalloc(1, sizeof *l + 1);

	l->when = when;
	return (l);
}

/*
 * The scrollback ring on its own: lines put in time order on either side
 * of a ring that has wrapped, a full one letting the oldest go, and a
 * line older than all a full one keeps refused.
 */
START_TEST(buffer_ring)
{
	struct buffer	b;
	uint32_t	when;
	int		i, pos;

	memset(&b, 0, sizeof b);
	for (i = 0; i < 10; i++)
		buffer_append(&b, test_line((uint32_t)(i * 10)), 8);
	/* 20 .. 90 kept, the ring wrapped. */
	ck_assert_int_eq(b.n, 8);
	ck_assert_int_eq(buffer_line(&b, 0)->when, 20);
	ck_assert_int_ne(b.first, 0);
	ck_assert_int_eq(buffer_time_index(&b, 45), 3);
	ck_assert_int_eq(buffer_time_index(&b, 5), 0);
	ck_assert_int_eq(buffer_time_index(&b, 100), 8);
	/* Full: 25 goes in after 20, and 20 is let go. */
	pos = buffer_insert(&b, buffer_time_index(&b, 25), test_line(25), 8);
	ck_assert_int_eq(pos, 0);
	ck_assert_int_eq(buffer_line(&b, 0)->when, 25);
	ck_assert_int_eq(b.n, 8);
	/* Older than all: refused, nothing changed. */
	ck_assert_int_eq(buffer_insert(&b, 0, NULL, 8), -1);
	ck_assert_int_eq(buffer_line(&b, 0)->when, 25);
	buffer_clear(&b);
	ck_assert_int_eq(b.n, 0);
	ck_assert_ptr_null(b.ring);
	/* Not full: near the start and near the end, order kept. */
	for (i = 0; i < 6; i++)
		buffer_append(&b, test_line((uint32_t)(i * 10)), 100);
	buffer_insert(&b, buffer_time_index(&b, 5), test_line(5), 100);
	buffer_insert(&b, buffer_time_index(&b, 45), test_line(45), 100);
	ck_assert_int_eq(b.n, 8);
	for (i = 1, when = 0; i < b.n; i++) {
		ck_assert_uint_gt(buffer_line(&b, i)->when,
		    buffer_line(&b, i - 1)->when);
		when = buffer_line(&b, i)->when;
	}
	ck_assert_uint_eq(when, 50);
	buffer_replace(&b, 1, test_line(7));
	ck_assert_int_eq(buffer_line(&b, 1)->when, 7);
	buffer_clear(&b);
}
END_TEST

/*
 * The model says the screen is stale by marking, never by calling it:
 * a line, a member and a window shown each move the marks.
 */
START_TEST(model_marks)
{
	struct window	w;
	unsigned int	changed, gen;

	memset(&w, 0, sizeof w);
	w.kind = WINDOW_CHANNEL;
	cu.scrollback = SCROLLBACK_MIN;
	changed = cu.changed;
	window_add(&w, LINE_MESSAGE, "ann", "hello", 1000);
	ck_assert_uint_ne(cu.changed, changed);
	gen = w.nicks.gen;
	nicklist_add(&w.nicks, "ann", 0);
	ck_assert_uint_ne(w.nicks.gen, gen);
	gen = w.nicks.gen;
	nicklist_add(&w.nicks, "ann", MEMBER_OP);
	ck_assert_uint_ne(w.nicks.gen, gen);
	ck_assert_int_eq(w.nicks.n, 1);
	gen = w.nicks.gen;
	nicklist_remove(&w.nicks, "nobody");
	ck_assert_uint_eq(w.nicks.gen, gen);
	nicklist_clear(&w.nicks);
	window_clear(&w);
}
END_TEST

/* A line of another day than the one before comes after a line that says so. */
START_TEST(day_changed)
{
	struct window	w;

	setenv("TZ", "UTC", 1);
	tzset();
	memset(&w, 0, sizeof w);
	cu.scrollback = SCROLLBACK_MIN;
	/* 2026-12-01 23:59:00 and 2026-12-02 00:01:00 UTC. */
	window_add(&w, LINE_MESSAGE, "ann", "late", 1796169540);
	window_add(&w, LINE_MESSAGE, "ann", "later", 1796169560);
	ck_assert_int_eq(w.buf.n, 2);
	window_add(&w, LINE_MESSAGE, "bob", "early", 1796169660);
	ck_assert_int_eq(w.buf.n, 4);
	ck_assert_int_eq(buffer_line(&w.buf, 2)->kind, LINE_EVENT);
	ck_assert_str_eq(line_text(buffer_line(&w.buf, 2)),
	    "Day changed to Wednesday, 2 December 2026");
	ck_assert_str_eq(line_text(buffer_line(&w.buf, 3)), "early");
	/* The same day again: no more. */
	window_add(&w, LINE_MESSAGE, "bob", "on", 1796170000);
	ck_assert_int_eq(w.buf.n, 5);
	window_clear(&w);
}
END_TEST

START_TEST(log_paths)
{
	char	*p;

	p = chatlog_path("/h/logs", "irc.example.org", "#lobby");
	ck_assert_str_eq(p, "/h/logs/irc.example.org/#lobby.log");
	free(p);
	p = chatlog_path("/h/logs", "srv", "#a/../b");
	ck_assert_str_eq(p, "/h/logs/srv/#a_.._b.log");
	free(p);
	p = chatlog_path("/h/logs", "srv", "..");
	ck_assert_ptr_null(strstr(p, "/../"));
	free(p);
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		geometry,
		input_rows,
		widths,
		wrapping,
		links,
		mentions,
		splitting,
		nick_colour_stable,
		nicklist_order,
		nicklist_many,
		scrollback_bound,
		buffer_ring,
		model_marks,
		day_changed,
		log_paths,
		NULL
	};

	setlocale(LC_CTYPE, "C.UTF-8");
	return (unit_run("layout", tests, NULL, NULL));
}
