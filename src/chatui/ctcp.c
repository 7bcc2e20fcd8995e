/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * CTCP, as irssi and WeeChat answer it: VERSION, PING, TIME and CLIENTINFO
 * queries answered by NOTICE, at most CTCP_BURST at once and then one
 * every CTCP_INTERVAL_MS (a flood of queries cannot make us flood the
 * server), each told as one line in the current window, never opening a
 * window; replies to our own /ctcp and /ping shown the same way, a PING's
 * with its round trip.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "chatui.h"
#include "i18n.h"

#define CTCP_BURST		3
#define CTCP_INTERVAL_MS	2000L

/* The queries answered, as CLIENTINFO lists them. */
#define CTCP_KNOWN		"ACTION CLIENTINFO PING TIME VERSION"

static struct pace	ctcp_pace;
static int		ctcp_ready;

/*
 * Split a CTCP message (\001VERB args\001) into verb and args in buf;
 * 0 if text is not one.
 */
static int
ctcp_split(const char *text, char *buf, size_t size, char **verb,
    char **args)
{
	size_t	n;
	char	*sp;

	if (text[0] != '\001' || text[1] == '\0')
		return (0);
	snprintf(buf, size, "%s", text + 1);
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '\001')
		buf[--n] = '\0';
	*verb = buf;
	if ((sp = strchr(buf, ' ')) != NULL) {
		*sp = '\0';
		*args = sp + 1;
	} else
		*args = buf + n;
	return (**verb != '\0');
}

/* The current window, where CTCP is told: it never opens one. */
static struct window *
ctcp_window(void)
{
	return (cu.current != NULL ? cu.current : window_server());
}

/*
 * A CTCP query from nick (a PRIVMSG's text, not ACTION): answered if it
 * is one chatui knows and the pace allows, and told. 1 if text was CTCP.
 */
int
ctcp_query(const char *nick, const char *text)
{
	char		 buf[512], when[64], *verb, *args;
	long		 now = net_now_ms();
	time_t		 t;
	struct tm	 tm;
	int		 answered = 0;

	if (!ctcp_split(text, buf, sizeof buf, &verb, &args))
		return (0);
	/* A file offered (or a resume asked, or accepted): dcc.c. */
	if (strcasecmp(verb, "DCC") == 0) {
		dcc_ctcp(nick, args);
		return (1);
	}
	if (!ctcp_ready) {
		pace_init(&ctcp_pace, CTCP_BURST, CTCP_INTERVAL_MS);
		ctcp_ready = 1;
	}
	if (pace_wait(&ctcp_pace, now) == 0) {
		answered = 1;
		if (strcasecmp(verb, "VERSION") == 0)
			net_send("NOTICE %s :\001VERSION chatui %s\001", nick,
			    VERSION);
		else if (strcasecmp(verb, "PING") == 0)
			net_send("NOTICE %s :\001PING %s\001", nick, args);
		else if (strcasecmp(verb, "TIME") == 0) {
			t = time(NULL);
			strftime(when, sizeof when, "%a, %d %b %Y %H:%M:%S %z",
			    localtime_r(&t, &tm));
			net_send("NOTICE %s :\001TIME %s\001", nick, when);
		} else if (strcasecmp(verb, "CLIENTINFO") == 0)
			net_send("NOTICE %s :\001CLIENTINFO %s\001", nick,
			    CTCP_KNOWN);
		else
			answered = 0;
		if (answered)
			pace_take(&ctcp_pace, now);
	}
	window_addf(ctcp_window(), LINE_EVENT, answered ?
	    _("CTCP %s from %s (answered)") : _("CTCP %s from %s"), verb,
	    nick);
	return (1);
}

/* A CTCP reply from nick (a NOTICE's text); 1 if it was one. */
int
ctcp_reply(const char *nick, const char *text)
{
	char	 buf[512], *verb, *args, *end;
	long	 sent;

	if (!ctcp_split(text, buf, sizeof buf, &verb, &args))
		return (0);
	if (strcasecmp(verb, "PING") == 0 &&
	    (sent = strtol(args, &end, 10), *end == '\0' && end != args)) {
		window_addf(ctcp_window(), LINE_EVENT,
		    _("PING reply from %s: %ld ms"), nick,
		    net_now_ms() - sent);
		return (1);
	}
	window_addf(ctcp_window(), LINE_EVENT, _("CTCP %s reply from %s: %s"),
	    verb, nick, args);
	return (1);
}

/* /ctcp NICK WHAT [ARGS]: a query; a PING carries the time it went. */
void
ctcp_send(const char *nick, const char *what)
{
	char	verb[64];
	size_t	n = strcspn(what, " ");

	snprintf(verb, sizeof verb, "%.*s", (int)(n < sizeof verb ? n :
	    sizeof verb - 1), what);
	if (strcasecmp(verb, "PING") == 0 && what[n] == '\0')
		net_send("PRIVMSG %s :\001PING %ld\001", nick, net_now_ms());
	else
		net_send("PRIVMSG %s :\001%s\001", nick, what);
	window_addf(ctcp_window(), LINE_EVENT, _("CTCP %s sent to %s"), verb,
	    nick);
}
