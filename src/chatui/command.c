/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The slash commands' handlers, one per row of src/lib/slash.h's list: the
 * same X-macro builds the handler array, so a command without a handler is
 * a compile error (catgirl's command.c).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "cap.h"
#include "casemap.h"
#include "chatui.h"
#include "i18n.h"
#include "texts.h"

#define COMMAND_PROTO(id, name, min, max, usage, help) \
	static void command_##id(struct window *, struct slash_cmd *);
SLASH_LIST(COMMAND_PROTO)
#undef COMMAND_PROTO

static void (*const command_handlers[SLASH_COUNT])(struct window *,
    struct slash_cmd *) = {
#define COMMAND_ROW(id, name, min, max, usage, help) command_##id,
	SLASH_LIST(COMMAND_ROW)
#undef COMMAND_ROW
};

static int	command_need_channel(struct window *);
static int	command_say(const char *, const char *, const char *, int);

/*
 * Queue text for target as as many lines of verb as it needs: each fits in
 * what the server relays once it has put our nick!user@host in front, cut
 * where a person would (format_split()); an action is each piece in CTCP.
 * Text of several lines (a line feed between) or too long for one goes as
 * one multiline message where the server takes them (multiline.c).
 */
static int
command_say(const char *verb, const char *target, const char *text,
    int action)
{
	size_t	room = net_text_room(verb, target, action), n;

	/* Several lines, or a long one: one message where the server can. */
	if (!action && multiline_say(verb, target, text))
		return (1);
	while (*text != '\0') {
		/* Without it, each line is a message (a blank one none). */
		if (*text == '\n') {
			text++;
			continue;
		}
		n = format_split_n(text, strcspn(text, "\n"), room);
		if (action)
			net_queue("%s %s :\001ACTION %.*s\001", verb, target,
			    (int)n, text);
		else
			net_queue("%s %s :%.*s", verb, target, (int)n, text);
		text += n;
		while (*text == ' ')
			text++;
	}
	return (0);
}

/* Whether w is a joined channel; says so in w if not. */
static int
command_need_channel(struct window *w)
{
	if (w->kind == WINDOW_CHANNEL)
		return (1);
	window_addf(w, LINE_INFO, _("This is not a channel window."));
	return (0);
}

/* Send text to the window's channel or nick, showing it without echo. */
void
command_send_text(struct window *w, const char *text)
{
	const char	*p;
	char		*one;
	size_t		 n;
	int		 whole;

	if (w->kind == WINDOW_SERVER) {
		window_addf(w, LINE_INFO,
		    _("This is the server window: /join a channel or /query "
		    "a nick to talk."));
		return;
	}
	if (w->kind == WINDOW_SEARCH) {
		window_add(w, LINE_INFO, NULL, _("This window holds search "
		    "results: talk in the channel's."), 0);
		return;
	}
	/* Queued while disconnected too: it goes once we are back. */
	whole = command_say("PRIVMSG", w->name, text, 0);
	typing_sent();
	/* With echo-message the server's copy is shown instead. */
	if ((cu.caps & CAP_ECHO_MESSAGE) && cu.registered)
		return;
	if (whole) {
		window_add(w, LINE_MESSAGE, cu.me, text, 0);
		return;
	}
	/* As it went: each line a message. */
	for (p = text; *p != '\0'; p += n + (p[n] == '\n')) {
		if ((n = strcspn(p, "\n")) == 0)
			continue;
		one = xstrndup(p, n);
		window_add(w, LINE_MESSAGE, cu.me, one, 0);
		free(one);
	}
}

/* A line from the input: a command, or text for the current window. */
void
command_input(char *line)
{
	struct slash_cmd	 cmd;
	char			*text, *cause = NULL, *copy, *p, *one;

#ifdef HAVE_CHATUI_TLS
	/* The answer to "trust this certificate?". */
	if (tls_asking()) {
		tls_answer(line);
		return;
	}
#endif
	/* Lines typed with Alt-Enter, a command first: each is an input. */
	if (*line == '/' && strchr(line, '\n') != NULL) {
		copy = p = xstrdup(line);
		while ((one = strsep(&p, "\n")) != NULL) {
			if (*one != '\0')
				command_input(one);
		}
		free(copy);
		return;
	}
	switch (slash_parse(line, &cmd, &text, &cause)) {
	case SLASH_TEXT:
		if (*text != '\0')
			command_send_text(cu.current, text);
		break;
	case SLASH_ERROR:
		window_add(cu.current, LINE_INFO, NULL, cause, 0);
		free(cause);
		break;
	case SLASH_COMMAND:
		command_handlers[cmd.entry->id](cu.current, &cmd);
		break;
	}
}

static void
command_AWAY(struct window *w, struct slash_cmd *c)
{
	if (c->argc > 0)
		net_send("AWAY :%s", c->argv[0]);
	else
		net_send("AWAY");
}

static void
command_BACK(struct window *w, struct slash_cmd *c)
{
	net_send("AWAY");
}

static void
command_CLEAR(struct window *w, struct slash_cmd *c)
{
	window_clear(w);
}

static void
command_CLOSE(struct window *w, struct slash_cmd *c)
{
	if (w->kind == WINDOW_SERVER) {
		window_addf(w, LINE_INFO, _("The server window stays open."));
		return;
	}
	if (w->kind == WINDOW_CHANNEL && w->joined)
		net_send("PART %s :%s", w->name, c->argc > 0 ? c->argv[0] :
		    "Leaving");
	window_close(w);
}

static void
command_CONNECT(struct window *w, struct slash_cmd *c)
{
	char	*colon;

	if (c->argc > 0) {
		free(cu.host);
		cu.host = xstrdup(c->argv[0]);
		if ((colon = strrchr(cu.host, ':')) != NULL &&
		    strchr(colon, ']') == NULL) {
			*colon = '\0';
			free(cu.port);
			cu.port = xstrdup(colon + 1);
		}
	}
	if (cu.bev != NULL) {
		window_addf(w, LINE_INFO, _("Already connected: /reconnect "
		    "to start again."));
		return;
	}
	if (cu.reconnect_ev != NULL)
		evtimer_del(cu.reconnect_ev);
	cu.backoff = 0;
	net_connect();
}

static void
command_mode_member(struct window *w, const char *mode, const char *nick)
{
	if (command_need_channel(w))
		net_send("MODE %s %s %s", w->name, mode, nick);
}

static void
command_CTCP(struct window *w, struct slash_cmd *c)
{
	ctcp_send(c->argv[0], c->argv[1]);
}

/* A ban mask for what was typed: a nick is nick!*@*. */
static void
command_ban(struct window *w, const char *mode, const char *what)
{
	if (!command_need_channel(w))
		return;
	if (strpbrk(what, "!@*?") != NULL)
		net_send("MODE %s %s %s", w->name, mode, what);
	else
		net_send("MODE %s %s %s!*@*", w->name, mode, what);
}

static void
command_BAN(struct window *w, struct slash_cmd *c)
{
	command_ban(w, "+b", c->argv[0]);
}

static void
command_UNBAN(struct window *w, struct slash_cmd *c)
{
	command_ban(w, "-b", c->argv[0]);
}

static void
command_DEOP(struct window *w, struct slash_cmd *c)
{
	command_mode_member(w, "-o", c->argv[0]);
}

static void
command_OP(struct window *w, struct slash_cmd *c)
{
	command_mode_member(w, "+o", c->argv[0]);
}

static void
command_VOICE(struct window *w, struct slash_cmd *c)
{
	command_mode_member(w, "+v", c->argv[0]);
}

static void
command_HELP(struct window *w, struct slash_cmd *c)
{
	const struct slash_entry	*e;
	char				*cause = NULL;
	size_t				 i;

	if (c->argc > 0) {
		if ((e = slash_find(c->argv[0] + (c->argv[0][0] == '/'),
		    &cause)) == NULL) {
			window_add(w, LINE_INFO, NULL, cause, 0);
			free(cause);
			return;
		}
		window_addf(w, LINE_INFO, "/%s %s", e->name, slash_usage(e));
		window_addf(w, LINE_INFO, "  %s", slash_help(e));
		return;
	}
	window_addf(w, LINE_INFO, _("Commands (/help COMMAND for more):"));
	for (i = 0; i < slash_table_size; i++)
		window_addf(w, LINE_INFO, "  /%-10s %s", slash_table[i].name,
		    slash_help(&slash_table[i]));
	window_addf(w, LINE_INFO, _("Keys: Alt-1..9 windows, Ctrl-N/P next/"
	    "previous, PgUp/PgDn scroll, Tab complete, F7 nick list."));
}

static void
command_IGNORE(struct window *w, struct slash_cmd *c)
{
	const char	*mask;
	int		 i;

	if (c->argc == 0) {
		if (ignore_get(0) == NULL)
			window_add(w, LINE_INFO, NULL, T_(NOBODY_IGNORED), 0);
		for (i = 0; (mask = ignore_get(i)) != NULL; i++)
			window_addf(w, LINE_INFO, T_(IGNORED), mask);
		return;
	}
	if ((mask = ignore_add(c->argv[0])) == NULL)
		window_addf(w, LINE_INFO, T_(IGNORED_ALREADY),
		    c->argv[0]);
	else
		window_addf(w, LINE_INFO, T_(IGNORING), mask);
}

static void
command_UNIGNORE(struct window *w, struct slash_cmd *c)
{
	if (ignore_del(c->argv[0]) != 0)
		window_addf(w, LINE_INFO, T_(NOT_IGNORED), c->argv[0]);
	else
		window_addf(w, LINE_INFO, T_(UNIGNORED),
		    c->argv[0]);
}

static void
command_INVITE(struct window *w, struct slash_cmd *c)
{
	if (c->argc > 1)
		net_send("INVITE %s %s", c->argv[0], c->argv[1]);
	else if (command_need_channel(w))
		net_send("INVITE %s %s", c->argv[0], w->name);
}

static void
command_JOIN(struct window *w, struct slash_cmd *c)
{
	char		 list[512];
	const char	*p = c->argv[0];
	size_t		 n = 0, k;

	/*
	 * "/join lobby2" means #lobby2, as in irssi and WeeChat ("/join 0",
	 * leaving every channel, stays as it is).
	 */
	while (strcmp(c->argv[0], "0") != 0 && *p != '\0' &&
	    n < sizeof list - 2) {
		k = strcspn(p, ",");
		if (n != 0)
			list[n++] = ',';
		if (strchr("#&+!", *p) == NULL)
			list[n++] = '#';
		n += (size_t)snprintf(list + n, sizeof list - n, "%.*s",
		    (int)k, p);
		if (n >= sizeof list)
			n = sizeof list - 1;
		p += k;
		if (*p == ',')
			p++;
	}
	list[n] = '\0';
	if (n == 0)
		xstrlcpy(list, c->argv[0], sizeof list);
	if (c->argc > 1)
		net_send("JOIN %s %s", list, c->argv[1]);
	else
		net_send("JOIN %s", list);
}

static void
command_KICK(struct window *w, struct slash_cmd *c)
{
	if (command_need_channel(w))
		net_send("KICK %s %s :%s", w->name, c->argv[0],
		    c->argc > 1 ? c->argv[1] : "");
}

/* The lines of from with text in them, as info lines at the end of out. */
static void
command_lastlog(struct window *from, const char *text, struct window *out)
{
	const struct line	*l;
	struct tm		 tm;
	time_t			 when;
	char			**found;
	int			 i, n = 0;

	found = xcalloc((size_t)from->buf.n + 1, sizeof *found);
	for (i = 0; i < from->buf.n; i++) {
		l = buffer_line(&from->buf, i);
		if (strcasestr(line_text(l), text) == NULL)
			continue;
		when = l->when;
		localtime_r(&when, &tm);
		if (line_nick(l) != NULL && l->kind == LINE_ACTION)
			xasprintf(&found[n++], "[%02d:%02d] * %s %s",
			    tm.tm_hour, tm.tm_min, line_nick(l), line_text(l));
		else if (line_nick(l) != NULL)
			xasprintf(&found[n++], "[%02d:%02d] <%s> %s",
			    tm.tm_hour, tm.tm_min, line_nick(l), line_text(l));
		else
			xasprintf(&found[n++], "[%02d:%02d] %s", tm.tm_hour,
			    tm.tm_min, line_text(l));
	}
	window_addf(out, LINE_INFO, T_(LASTLOG), text, n);
	for (i = 0; i < n; i++) {
		window_add(out, LINE_INFO, NULL, found[i], 0);
		free(found[i]);
	}
	free(found);
}

static void
command_LASTLOG(struct window *w, struct slash_cmd *c)
{
	command_lastlog(w, c->argv[0], w);
}

/*
 * /search TEXT: in the current channel or conversation, the server's
 * history where it can search it (soju.im/search), else the scrollback;
 * the results in a window of their own.
 */
static void
command_SEARCH(struct window *w, struct slash_cmd *c)
{
	struct window	*out;
	char		*name, text[512];

	if (w->kind != WINDOW_CHANNEL && w->kind != WINDOW_QUERY) {
		window_add(w, LINE_INFO, NULL, _("Search from a channel or a "
		    "private window."), 0);
		return;
	}
	xasprintf(&name, "?%s", c->argv[0]);
	out = window_get(name, WINDOW_SEARCH);
	free(name);
	window_clear(out);
	window_show(out);
	if ((cu.caps & CAP_SEARCH) && (cu.caps & CAP_BATCH)) {
		msg_tag_escape(text, sizeof text, c->argv[0]);
		history_search(out);
		net_send("SEARCH in=%s;text=%s", w->name, text);
		return;
	}
	command_lastlog(w, c->argv[0], out);
}

static void
command_LIST(struct window *w, struct slash_cmd *c)
{
	net_ask(w, "LIST%s%s", c->argc > 0 ? " " : "", c->argc > 0 ?
	    c->argv[0] : "");
}

static void
command_ME(struct window *w, struct slash_cmd *c)
{
	if (w->kind == WINDOW_SERVER) {
		window_addf(w, LINE_INFO, _("Nobody to act for here."));
		return;
	}
	command_say("PRIVMSG", w->name, c->argv[0], 1);
	if (!(cu.caps & CAP_ECHO_MESSAGE) || !cu.registered)
		window_add(w, LINE_ACTION, cu.me, c->argv[0], 0);
}

static void
command_MODE(struct window *w, struct slash_cmd *c)
{
	if (c->argc == 0)
		net_ask(w, "MODE %s", w->kind == WINDOW_CHANNEL ? w->name :
		    cu.me);
	else if (c->argv[0][0] == '+' || c->argv[0][0] == '-')
		net_send("MODE %s %s", w->kind == WINDOW_CHANNEL ? w->name :
		    cu.me, c->argv[0]);
	else
		net_ask(w, "MODE %s", c->argv[0]);
}

static void
command_MSG(struct window *w, struct slash_cmd *c)
{
	struct window	*to;
	const char	*name = c->argv[0];

	command_say("PRIVMSG", name, c->argv[1], 0);
	/* @#chan, +#chan (STATUSMSG): told in the channel's window. */
	if ((*name == '@' || *name == '+') && name[1] == '#')
		name++;
	if ((to = window_find(name)) == NULL)
		to = w;
	window_addf(to, LINE_INFO, "-> *%s* %s", c->argv[0], c->argv[1]);
}

static void
command_NAMES(struct window *w, struct slash_cmd *c)
{
	struct window	*ch = c->argc > 0 ? window_find(c->argv[0]) : w;
	struct member	*m;
	char		 line[512];
	size_t		 n = 0;
	int		 i;

	if (ch == NULL || ch->kind != WINDOW_CHANNEL) {
		if (c->argc > 0)
			net_send("NAMES %s", c->argv[0]);
		else
			command_need_channel(w);
		return;
	}
	*line = '\0';
	for (i = 0; i < ch->nicks.n; i++) {
		m = &ch->nicks.members[i];
		n += snprintf(line + n, sizeof line - n, "%s%s%s",
		    n == 0 ? "" : " ", (m->modes & MEMBER_OP) ? "@" :
		    (m->modes & MEMBER_VOICE) ? "+" : "", m->nick);
		if (n > 400 || i == ch->nicks.n - 1) {
			window_addf(w, LINE_INFO, "[%s] %s", ch->name, line);
			n = 0;
			*line = '\0';
		}
	}
}

static void
command_LOGIN(struct window *w, struct slash_cmd *c)
{
	if (c->argc == 1) {
		window_addf(w, LINE_INFO, T_(USAGE), c->entry->name,
		    slash_usage(c->entry));
		return;
	}
	sasl_login(c->argc > 0 ? c->argv[0] : NULL,
	    c->argc > 1 ? c->argv[1] : NULL);
}

static void
command_LOGOUT(struct window *w, struct slash_cmd *c)
{
	sasl_logout();
}

static void
command_NICK(struct window *w, struct slash_cmd *c)
{
	free(cu.nick);
	cu.nick = xstrdup(c->argv[0]);
	net_send("NICK %s", c->argv[0]);
}

static void
command_NICKLIST(struct window *w, struct slash_cmd *c)
{
	cu.show_nicklist = !cu.show_nicklist;
	model_changed();
}

static void
command_NOTICE(struct window *w, struct slash_cmd *c)
{
	command_say("NOTICE", c->argv[0], c->argv[1], 0);
	window_addf(w, LINE_INFO, "-> -%s- %s", c->argv[0], c->argv[1]);
}

static void
command_OPER(struct window *w, struct slash_cmd *c)
{
	net_send("OPER %s %s", c->argv[0], c->argv[1]);
}

static void
command_PART(struct window *w, struct slash_cmd *c)
{
	const char	*chan = w->name, *reason = "Leaving";

	if (c->argc > 0 && c->argv[0][0] == '#') {
		chan = c->argv[0];
		if (c->argc > 1)
			reason = c->argv[1];
	} else {
		if (!command_need_channel(w))
			return;
		if (c->argc > 0)
			reason = c->argv[0];
		if (c->argc > 1) {
			/* "/part some words": all of it is the reason. */
			window_addf(w, LINE_INFO, _("Usage: /part %s"),
			    slash_usage(c->entry));
			return;
		}
	}
	net_send("PART %s :%s", chan, reason);
}

static void
command_PING(struct window *w, struct slash_cmd *c)
{
	ctcp_send(c->argv[0], "PING");
}

static void
command_QUERY(struct window *w, struct slash_cmd *c)
{
	int		 opened = window_find(c->argv[0]) == NULL;
	struct window	*q = window_get(c->argv[0], WINDOW_QUERY);

	window_show(q);
	if (opened)
		history_open(q);
	if (c->argc > 1)
		command_send_text(q, c->argv[1]);
}

static void
command_QUIT(struct window *w, struct slash_cmd *c)
{
	cu.quitting = 1;
	net_disconnect(c->argc > 0 ? c->argv[0] : "chatui");
}

static void
command_RAW(struct window *w, struct slash_cmd *c)
{
	net_send("%s", c->argv[0]);
}

static void
command_QUOTE(struct window *w, struct slash_cmd *c)
{
	command_RAW(w, c);
}

static void
command_RECONNECT(struct window *w, struct slash_cmd *c)
{
	cu.backoff = 0;
	if (cu.reconnect_ev != NULL)
		evtimer_del(cu.reconnect_ev);
	if (cu.bev != NULL) {
		/* net_lost() says it was asked, and connects at once. */
		cu.reconnecting = 1;
		net_disconnect("Reconnecting");
	} else {
		window_addf(w, LINE_INFO, _("Connecting again, as asked."));
		net_connect();
	}
}

static void
command_REDACT(struct window *w, struct slash_cmd *c)
{
	char	*end;
	long	 n = 1;

	if (c->argc > 0) {
		n = strtol(c->argv[0], &end, 10);
		if (*end != '\0' || n < 1 || n > OWN_MAX) {
			window_addf(w, LINE_INFO, T_(USAGE), c->entry->name,
			    slash_usage(c->entry));
			return;
		}
	}
	if (!(cu.caps & CAP_MESSAGE_REDACTION) || n > w->nown) {
		window_add(w, LINE_INFO, NULL, T_(NO_OWN_MESSAGE), 0);
		return;
	}
	net_send("REDACT %s %s", w->name, w->own[w->nown - n]);
}

static void
command_UPLOAD(struct window *w, struct slash_cmd *c)
{
	xfer_upload(w, c->argv[0], c->argc > 1 ? c->argv[1] : NULL);
}

static void
command_DOWNLOAD(struct window *w, struct slash_cmd *c)
{
	xfer_download(w, c->argc > 0 ? c->argv[0] : NULL,
	    c->argc > 1 ? c->argv[1] : NULL);
}

static void
command_NOTIFY(struct window *w, struct slash_cmd *c)
{
	notify_command(w, c->argc > 0 ? c->argv[0] : NULL);
}

static void
command_DCC(struct window *w, struct slash_cmd *c)
{
	dcc_command(w, c->argc, c->argv);
}

static void
command_CANCEL(struct window *w, struct slash_cmd *c)
{
	xfer_cancel(w);
}

#ifndef HAVE_CHATUI_XFER
/* Without libhttp-parser: no file transfers, and that said. */
void
xfer_missing(struct window *w)
{
	window_addf(w, LINE_INFO, _("This chatui was built without file "
	    "transfers (libhttp-parser)."));
}
#endif

static void
command_REGISTER(struct window *w, struct slash_cmd *c)
{
	sasl_register(c->argv[0], c->argv[1]);
}

/* "/rename lobby2" means #lobby2, as /join has it. */
static void
command_RENAME(struct window *w, struct slash_cmd *c)
{
	const char	*hash = strchr("#&+!", *c->argv[0]) == NULL ? "#" : "";

	if (!command_need_channel(w))
		return;
	if (c->argc > 1)
		net_send("RENAME %s %s%s :%s", w->name, hash, c->argv[0],
		    c->argv[1]);
	else
		net_send("RENAME %s %s%s", w->name, hash, c->argv[0]);
}

static void
command_SAVE(struct window *w, struct slash_cmd *c)
{
	settings_save(w);
}

static void
command_SET(struct window *w, struct slash_cmd *c)
{
	settings_command(w, c->argc, c->argv);
}

static void
command_TOPIC(struct window *w, struct slash_cmd *c)
{
	if (!command_need_channel(w))
		return;
	if (c->argc > 0)
		net_send("TOPIC %s :%s", w->name, c->argv[0]);
	else
		net_send("TOPIC %s", w->name);
}

static void
command_WHO(struct window *w, struct slash_cmd *c)
{
	if (c->argc > 0)
		net_ask(w, "WHO %s", c->argv[0]);
	else if (command_need_channel(w))
		net_ask(w, "WHO %s", w->name);
}

static void
command_WHOIS(struct window *w, struct slash_cmd *c)
{
	net_ask(w, "WHOIS %s", c->argv[0]);
}

static void
command_WHOWAS(struct window *w, struct slash_cmd *c)
{
	net_ask(w, "WHOWAS %s", c->argv[0]);
}

static void
command_WINDOW(struct window *w, struct slash_cmd *c)
{
	struct window	*to;
	char		*end;
	long		 n = strtol(c->argv[0], &end, 10);

	if (*end == '\0')
		to = window_by_number((int)n);
	else
		to = window_find(c->argv[0]);
	if (to == NULL)
		window_addf(w, LINE_INFO, _("No window %s."), c->argv[0]);
	else
		window_show(to);
}
