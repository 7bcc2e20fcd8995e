/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for chatui's handle.c: its table is in the order bsearch
 * needs, and what the server says becomes what a person reads: a CTCP
 * query answered (paced) and told without a window, a topic's setter
 * with a date, WHOIS idle as minutes, never a raw Unix time.
 */

#include "config.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cap.h"
#include "chatui.h"
#include "scram.h"
#include "unit.h"

struct chatui	cu;
static char	sent[8][512];
static int	nsent;
static long	clock_ms;

#include "chatui-stubs.h"

/* No network and no screen: what would be sent is kept. */
void
net_send(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	if (nsent < 8)
		vsnprintf(sent[nsent++], sizeof sent[0], fmt, ap);
	va_end(ap);
}

long
net_now_ms(void)
{
	return (clock_ms);
}

static void
setup(void)
{
	memset(&cu, 0, sizeof cu);
	TAILQ_INIT(&cu.windows);
	xstrlcpy(cu.me, "me", sizeof cu.me);
	cu.scrollback = SCROLLBACK_MIN;
	cu.current = window_get("server", WINDOW_SERVER);
	cu.motd_done = 1;
	nsent = 0;
	handle_cap_reset();
	setenv("TZ", "UTC", 1);
	tzset();
}

/* Feed a line (handle_line() cuts it up in place). */
static void
feed(const char *line)
{
	char	buf[1024];

	snprintf(buf, sizeof buf, "%s", line);
	handle_line(buf);
}

/* The last line of window w. */
static const char *
last(struct window *w)
{
	return (line_text(buffer_line(&w->buf, w->buf.n - 1)));
}

START_TEST(table_sorted)
{
	ck_assert_ptr_null(handle_table_unsorted());
}
END_TEST

/* A source is split once for every handler: nick, user@host, time. */
START_TEST(source_split)
{
	struct msg	m;
	struct from	f;
	char		line[] = "@time=2026-12-02T10:00:00.000Z :bob!b@host "
			    "PRIVMSG #x :hi";
	char		server[] = ":chatd.local NOTICE * :hi";
	char		bare[] = "PING :x";

	setup();
	ck_assert_int_eq(msg_parse(&m, line), 0);
	handle_from(&m, &f);
	ck_assert_str_eq(f.nick, "bob");
	ck_assert_str_eq(f.userhost, "b@host");
	ck_assert_str_eq(f.source, "bob!b@host");
	ck_assert_int_eq(f.when, 1796205600);
	ck_assert_int_eq(msg_parse(&m, server), 0);
	handle_from(&m, &f);
	ck_assert_str_eq(f.nick, "chatd.local");
	ck_assert_ptr_null(f.userhost);
	ck_assert_int_eq(msg_parse(&m, bare), 0);
	handle_from(&m, &f);
	ck_assert_str_eq(f.nick, "*");
	ck_assert_ptr_null(f.source);
	/* Our own join gives us our user@host, from the same split. */
	feed(":me!u@example.org JOIN #x");
	ck_assert_str_eq(cu.userhost, "u@example.org");
}
END_TEST

START_TEST(ctcp_answered)
{
	int	i, windows = 0;
	struct window	*w;

	setup();
	feed(":bob!b@h PRIVMSG me :\001VERSION\001");
	ck_assert_int_eq(nsent, 1);
	ck_assert_ptr_nonnull(strstr(sent[0], "NOTICE bob :\001VERSION chatui "));
	ck_assert_str_eq(last(cu.current), "CTCP VERSION from bob (answered)");
	/* Only the server window: no window opened for bob. */
	TAILQ_FOREACH(w, &cu.windows, entry)
		windows++;
	ck_assert_int_eq(windows, 1);
	/* A flood at one instant: two more answers (three at once), then none. */
	for (i = 0; i < 5; i++)
		feed(":bob!b@h PRIVMSG me :\001PING 7\001");
	ck_assert_int_eq(nsent, 3);
	ck_assert_str_eq(sent[1], "NOTICE bob :\001PING 7\001");
	/* Two seconds on, one more. */
	clock_ms += 2000;
	feed(":bob!b@h PRIVMSG me :\001PING 8\001");
	ck_assert_int_eq(nsent, 4);
	/* Our own, echoed back, is not answered. */
	feed(":me!m@h PRIVMSG bob :\001VERSION\001");
	ck_assert_int_eq(nsent, 4);
}
END_TEST

START_TEST(dates_not_numbers)
{
	struct window	*w;

	setup();
	feed(":me!m@h JOIN #c");
	w = window_find("#c");
	ck_assert_ptr_nonnull(w);
	/* 1796169540 is 2026-12-01 23:59 UTC. */
	feed(":srv 333 me #c bob!b@h 1796169540");
	ck_assert_str_eq(last(w), "Topic set by bob on 2026-12-01 23:59");
	cu.current = w;
	feed(":srv 317 me bob 125 1796169540 :seconds idle, signon time");
	ck_assert_str_eq(last(w),
	    "bob has been idle 2 min 5 s, online since 2026-12-01 23:59");
	feed(":srv 329 me #c 1796169540");
	ck_assert_str_eq(last(w), "#c was created on 2026-12-01 23:59");
}
END_TEST

/* What a test leaves in cu, freed (setup() forgets it otherwise). */
static void
teardown(void)
{
	sasl_free();
	window_free_all();
	free(cu.account);
	free(cu.account_password);
	free(cu.account_now);
	free(cu.sasl_mechs);
	free(cu.login_failure);
	cu.account = cu.account_password = cu.account_now = NULL;
	cu.sasl_mechs = cu.login_failure = NULL;
}

/* The payload of AUTHENTICATE line n of what was sent, decoded. */
static size_t
sent_sasl(int n, char *out, size_t size)
{
	long	len;

	ck_assert_int_eq(strncmp(sent[n], "AUTHENTICATE ", 13), 0);
	len = scram_b64_decode((uint8_t *)out, size - 1, sent[n] + 13,
	    strlen(sent[n] + 13));
	ck_assert_int_ge(len, 0);
	out[len] = '\0';
	return ((size_t)len);
}

/* Send payload to chatui as AUTHENTICATE, base64. */
static void
feed_sasl(const char *payload)
{
	char	b64[512], line[600];

	scram_b64_encode(b64, sizeof b64, payload, strlen(payload));
	snprintf(line, sizeof line, "AUTHENTICATE %s", b64);
	feed(line);
}

/*
 * A CAP LS too long for a line comes in several, "*" on all but the last:
 * what is asked for is gathered over all of them, and asked for once.
 */
START_TEST(cap_ls_lines)
{
	setup();
	feed(":srv CAP * LS * :server-time message-tags echo-message");
	ck_assert_int_eq(nsent, 0);
	feed(":srv CAP * LS :batch draft/channel-rename");
	ck_assert_int_eq(nsent, 1);
	ck_assert_str_eq(sent[0], "CAP REQ :server-time message-tags "
	    "echo-message batch draft/channel-rename");
	/* The next connection starts from nothing. */
	handle_cap_reset();
	feed(":srv CAP * LS :batch");
	ck_assert_str_eq(sent[1], "CAP REQ :batch");
}
END_TEST

START_TEST(sasl_plain)
{
	char	buf[256];
	size_t	n;

	setup();
	cu.account = xstrdup("alice");
	cu.account_password = xstrdup("pencil");
	feed(":srv CAP * LS :sasl=PLAIN,EXTERNAL server-time");
	ck_assert_str_eq(sent[0], "CAP REQ :sasl server-time");
	feed(":srv CAP * ACK :server-time sasl");
	/* No CAP END until the login is over. */
	ck_assert_int_eq(nsent, 2);
	ck_assert_str_eq(sent[1], "AUTHENTICATE PLAIN");
	feed("AUTHENTICATE +");
	n = sent_sasl(2, buf, sizeof buf);
	ck_assert_uint_eq(n, 18);
	ck_assert_int_eq(memcmp(buf, "alice\0alice\0pencil", 18), 0);
	feed(":srv 904 * :SASL authentication failed");
	ck_assert_str_eq(sent[3], "CAP END");
	ck_assert_str_eq(last(cu.current),
	    "Login as alice failed: SASL authentication failed");
	ck_assert_ptr_null(cu.account_now);
	teardown();
}
END_TEST

/* chatui against a SCRAM-SHA-256 server made of scram.c: */
START_TEST(sasl_scram)
{
	uint8_t	salt[SCRAM_SALT_LEN] = "0123456789abcdef";
	uint8_t	stored[SCRAM_KEY_LEN], server[SCRAM_KEY_LEN];
	uint8_t	proof[SCRAM_KEY_LEN], sig[SCRAM_KEY_LEN];
	char	first[256], final[256], sfirst[512], am[1024], b64[128];
	char	*p;
	int	bad;

	for (bad = 0; bad < 2; bad++) {
		setup();
		cu.account = xstrdup("al=ice");
		cu.account_password = xstrdup("pencil");
		scram_keys("pencil", salt, sizeof salt, 4096, stored, server);
		feed(":srv CAP * LS :sasl=PLAIN,SCRAM-SHA-256");
		feed(":srv CAP * ACK :sasl");
		ck_assert_str_eq(sent[1], "AUTHENTICATE SCRAM-SHA-256");
		feed("AUTHENTICATE +");
		sent_sasl(2, first, sizeof first);
		/* The name escaped, a nonce of ours. */
		ck_assert_int_eq(strncmp(first, "n,,n=al=3Dice,r=", 16), 0);
		scram_b64_encode(b64, sizeof b64, salt, sizeof salt);
		snprintf(sfirst, sizeof sfirst, "r=%sSERVER,s=%s,i=4096",
		    first + 16, b64);
		feed_sasl(sfirst);
		sent_sasl(3, final, sizeof final);
		p = strstr(final, ",p=");
		ck_assert_ptr_nonnull(p);
		snprintf(am, sizeof am, "%s,%s,%.*s", first + 3, sfirst,
		    (int)(p - final), final);
		ck_assert_int_eq(scram_b64_decode(proof, sizeof proof, p + 3,
		    strlen(p + 3)), SCRAM_KEY_LEN);
		/* The proof is right: the password is known. */
		ck_assert_int_eq(scram_check(stored, am, strlen(am), proof), 0);
		scram_hmac(sig, server, sizeof server, am, strlen(am));
		sig[0] ^= (uint8_t)bad;
		scram_b64_encode(b64, sizeof b64, sig, sizeof sig);
		snprintf(final, sizeof final, "v=%s", b64);
		feed_sasl(final);
		if (bad) {
			/* A server that does not know the keys: stopped. */
			ck_assert_str_eq(sent[4], "AUTHENTICATE *");
			feed(":srv 906 * :SASL authentication aborted");
		} else {
			ck_assert_str_eq(sent[4], "AUTHENTICATE +");
			feed(":srv 900 * me!m@h al=ice :You are now logged in");
			feed(":srv 903 * :SASL authentication successful");
			ck_assert_str_eq(cu.account_now, "al=ice");
		}
		ck_assert_str_eq(sent[5], "CAP END");
		teardown();
	}
}
END_TEST

/* A history batch goes in time order, and what is there already is not
 * shown twice (the live copy of a message the batch also has). */
START_TEST(history_merged)
{
	struct window	*w;
	struct timeval	 tv;
	char		 t[3][32], line[256];
	int		 i, threes = 0;

	setup();
	cu.registered = 1;
	cu.caps = CAP_CHATHISTORY | CAP_BATCH;
	for (i = 0; i < 3; i++) {
		tv.tv_sec = time(NULL) - (i == 2 ? 0 : 10 - i);
		tv.tv_usec = 0;
		msg_format_time(t[i], sizeof t[i], &tv);
	}
	feed(":me!m@h JOIN #c");
	w = window_find("#c");
	ck_assert_str_eq(sent[nsent - 1], "CHATHISTORY LATEST #c * 100");
	snprintf(line, sizeof line, "@time=%s;msgid=m3 :bob!b@h PRIVMSG #c "
	    ":three", t[2]);
	feed(line);
	feed(":srv BATCH +h1 chathistory #c");
	snprintf(line, sizeof line, "@batch=h1;time=%s;msgid=m1 :bob!b@h "
	    "PRIVMSG #c :one", t[0]);
	feed(line);
	snprintf(line, sizeof line, "@batch=h1;time=%s;msgid=m2 :bob!b@h "
	    "PRIVMSG #c :\001ACTION waves\001", t[1]);
	feed(line);
	snprintf(line, sizeof line, "@batch=h1;time=%s;msgid=m3 :bob!b@h "
	    "PRIVMSG #c :three", t[2]);
	feed(line);
	/* Nothing shown until the batch ends. */
	ck_assert_int_eq(w->buf.n, 2);
	feed(":srv BATCH -h1");
	/* The join, and one, waves and three once each, in time order. */
	ck_assert_int_eq(w->buf.n, 4);
	ck_assert_str_eq(line_text(buffer_line(&w->buf, 0)), "one");
	ck_assert(buffer_line(&w->buf, 0)->flags & LINE_HISTORY);
	ck_assert_str_eq(line_text(buffer_line(&w->buf, 1)), "waves");
	ck_assert_int_eq(buffer_line(&w->buf, 1)->kind, LINE_ACTION);
	for (i = 0; i < w->buf.n; i++)
		threes += strcmp(line_text(buffer_line(&w->buf, i)), "three") == 0;
	ck_assert_int_eq(threes, 1);
	ck_assert_str_eq(w->oldest_msgid, "m1");
	ck_assert_str_eq(w->newest_msgid, "m3");
	/* Fewer than asked: nothing older is asked for. */
	ck_assert_int_eq(w->history_done, 1);
	window_free_all();
}
END_TEST

/*
 * draft/multiline: a batch's lines are one message, its lines a line
 * feed apart (a concatenated one joined with none), with the msgid and
 * time of its BATCH line; within a history batch, kept with history's.
 */
START_TEST(multiline_joined)
{
	struct window	*w;
	struct timeval	 tv;
	char		 t[32], line[256];

	setup();
	cu.registered = 1;
	cu.caps = CAP_CHATHISTORY | CAP_BATCH | CAP_MULTILINE;
	tv.tv_sec = time(NULL) - 60;
	tv.tv_usec = 0;
	msg_format_time(t, sizeof t, &tv);
	feed(":me!m@h JOIN #c");
	w = window_find("#c");
	feed("@msgid=x1 :bob!b@h BATCH +m1 "
	    "draft/multiline #c");
	feed("@batch=m1 :bob!b@h PRIVMSG #c :one");
	feed("@batch=m1 :bob!b@h PRIVMSG #c :");
	feed("@batch=m1 :bob!b@h PRIVMSG #c :two, ");
	feed("@batch=m1;draft/multiline-concat :bob!b@h PRIVMSG #c :joined");
	/* Nothing shown until the batch ends: then one message. */
	ck_assert_int_eq(w->buf.n, 1);
	feed(":srv BATCH -m1");
	ck_assert_int_eq(w->buf.n, 2);
	ck_assert_str_eq(last(w), "one\n\ntwo, joined");
	ck_assert_int_eq(buffer_line(&w->buf, 1)->kind, LINE_MESSAGE);
	ck_assert_str_eq(line_nick(buffer_line(&w->buf, 1)), "bob");
	ck_assert_str_eq(w->newest_msgid, "x1");
	/* From history: a multiline batch inside the chathistory one. */
	feed(":srv BATCH +h1 chathistory #c");
	snprintf(line, sizeof line, "@batch=h1;time=%s;msgid=x0 :bob!b@h "
	    "BATCH +m2 draft/multiline #c", t);
	feed(line);
	feed("@batch=m2 :bob!b@h NOTICE #c :before");
	feed("@batch=m2 :bob!b@h NOTICE #c :all that");
	feed("@batch=h1 :srv BATCH -m2");
	ck_assert_int_eq(w->buf.n, 2);
	feed(":srv BATCH -h1");
	ck_assert_int_eq(w->buf.n, 3);
	ck_assert_str_eq(line_text(buffer_line(&w->buf, 0)), "before\nall that");
	ck_assert_int_eq(buffer_line(&w->buf, 0)->kind, LINE_NOTICE);
	ck_assert(buffer_line(&w->buf, 0)->flags & LINE_HISTORY);
	/* A line of no batch open is a line. */
	feed("@batch=zz :bob!b@h PRIVMSG #c :alone");
	ck_assert_str_eq(last(w), "alone");
	window_free_all();
	multiline_free();
}
END_TEST

/* STATUSMSG: a message to @#c or +#c is shown in #c, marked. */
START_TEST(statusmsg_in_channel)
{
	struct window	*w;

	setup();
	cu.registered = 1;
	feed(":me!m@h JOIN #c");
	w = window_find("#c");
	feed(":bob!b@h PRIVMSG @#c :ops only");
	ck_assert_str_eq(last(w), "[@] ops only");
	ck_assert_int_eq(buffer_line(&w->buf, w->buf.n - 1)->kind, LINE_MESSAGE);
	feed(":bob!b@h PRIVMSG +#c :\001ACTION waves\001");
	ck_assert_str_eq(last(w), "[+] waves");
	ck_assert_int_eq(buffer_line(&w->buf, w->buf.n - 1)->kind, LINE_ACTION);
	feed(":bob!b@h NOTICE @#c :heads up");
	ck_assert_str_eq(last(w), "[@] heads up");
	ck_assert_ptr_null(window_find("@#c"));
	ck_assert_ptr_null(window_find("bob"));
	window_free_all();
}
END_TEST

/*
 * RENAME: the window takes the new name with its scrollback and nick list,
 * says who renamed it and why, and a stale window of that name gives way.
 */
START_TEST(rename_keeps_window)
{
	struct window	*w, *stale;
	size_t		 n;

	setup();
	cu.registered = 1;
	feed(":me!m@h JOIN #new");
	feed(":me!m@h PART #new :bye");
	stale = window_find("#new");
	ck_assert_ptr_nonnull(stale);
	feed(":me!m@h JOIN #old");
	w = window_find("#old");
	feed(":bob!b@h JOIN #old");
	feed(":bob!b@h PRIVMSG #old :before");
	n = w->buf.n;
	feed(":bob!b@h RENAME #old #new :tidier");
	ck_assert_ptr_eq(window_find("#new"), w);
	ck_assert_ptr_null(window_find("#old"));
	ck_assert_str_eq(w->name, "#new");
	ck_assert_uint_eq(w->buf.n, n + 1);
	ck_assert_str_eq(last(w), "bob renamed #old to #new (tidier)");
	ck_assert_ptr_nonnull(nicklist_find(&w->nicks, "bob"));
	feed(":bob!b@h PRIVMSG #new :after");
	ck_assert_str_eq(last(w), "after");
	window_free_all();
}
END_TEST

/* HELP's numerics: the text of each line, the subject and end not shown. */
START_TEST(help_lines)
{
	struct window	*w;

	setup();
	cu.registered = 1;
	w = cu.current;
	feed(":srv 704 me PRIVMSG :PRIVMSG target[,target] :text");
	ck_assert_str_eq(last(w), "PRIVMSG target[,target] :text");
	feed(":srv 705 me PRIVMSG :Send a message to a channel or a nick.");
	ck_assert_str_eq(last(w), "Send a message to a channel or a nick.");
	feed(":srv 706 me PRIVMSG :End of /HELP");
	ck_assert_str_eq(last(w), "Send a message to a channel or a nick.");
	feed(":srv 524 me nosuch :No help available on this topic");
	ck_assert_str_eq(last(w), "nosuch No help available on this topic");
	window_free_all();
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		table_sorted,
		source_split,
		ctcp_answered,
		dates_not_numbers,
		cap_ls_lines,
		sasl_plain,
		sasl_scram,
		history_merged,
		multiline_joined,
		statusmsg_in_channel,
		help_lines,
		rename_keeps_window,
		NULL
	};

	return (unit_run("handle", tests, NULL, NULL));
}
