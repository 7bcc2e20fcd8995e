/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The plain-text mode: a person with nc or telnet, who never speaks IRC,
 * is greeted in words, asked for a name and then chats in the default
 * room. Every line they type is a message, or one of a few of the shared
 * slash commands (src/lib/slash.h); what the server would send them as IRC
 * is put into words here, one table row per verb and per numeric. To
 * everyone else they are an ordinary user. IRC clients speak first, and
 * with a command they may send before registering (CAP, NICK, USER,
 * PASS ...), so the first line tells the two apart.
 */

#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "chatd.h"
#include "i18n.h"
#include "slash.h"

/* The longest line put into words: a relayed line with its words around. */
#define PLAIN_LINE	(LINE_MAX_RELAY + 256)


static void	plain_printf(struct client *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	plain_stamped(struct client *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static const char *plain_nick(const char *, char *, size_t);
static int	plain_cmp(const void *, const void *);
static int	plain_numeric_cmp(const void *, const void *);
static void	plain_numeric(struct client *, struct msg *, int);
static void	plain_command(struct client *, char *);
static void	plain_say(struct client *, const char *, const char *);
static struct channel *plain_room(struct client *);
static void	plain_name(struct client *, char *);
static void	plain_keepalive(struct client *);
static void	plain_run(struct client *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static const char *plain_names(const char *, char *, size_t);

static void	plain_error(struct client *, struct msg *, const char *);
static void	plain_fail(struct client *, struct msg *, const char *);
static void	plain_invite(struct client *, struct msg *, const char *);
static void	plain_join(struct client *, struct msg *, const char *);
static void	plain_kick(struct client *, struct msg *, const char *);
static void	plain_nickchange(struct client *, struct msg *, const char *);
static void	plain_notice(struct client *, struct msg *, const char *);
static void	plain_part(struct client *, struct msg *, const char *);
static void	plain_privmsg(struct client *, struct msg *, const char *);
static void	plain_quit(struct client *, struct msg *, const char *);
static void	plain_topic(struct client *, struct msg *, const char *);
static void	plain_warn(struct client *, struct msg *, const char *);

/* Sorted by verb: tests/unit/check_command.c asserts it. */
const struct plain_verb plain_verbs[] = {
	{ "ERROR", plain_error },
	{ "FAIL", plain_fail },
	{ "INVITE", plain_invite },
	{ "JOIN", plain_join },
	{ "KICK", plain_kick },
	{ "NICK", plain_nickchange },
	{ "NOTICE", plain_notice },
	{ "PART", plain_part },
	{ "PRIVMSG", plain_privmsg },
	{ "QUIT", plain_quit },
	{ "TOPIC", plain_topic },
	{ "WARN", plain_warn },
};
const size_t plain_verbs_size = sizeof plain_verbs / sizeof plain_verbs[0];

/*
 * Sorted by code; a numeric not listed is shown by its last parameter
 * (its text) if it is an error (400 and up), else not at all.
 */
const struct plain_numeric plain_numerics[] = {
	{ RPL_WELCOME, N_("Welcome, %s! Type a line and press Enter to talk "
	    "to everyone here; /help lists the commands."), 0 },
	{ RPL_AWAY, N_("%s is away."), 1 },
	{ RPL_NOTOPIC, N_("There is no topic."), 0 },
	{ RPL_TOPIC, N_("The topic is: %s"), -1 },
	{ RPL_NAMREPLY, N_("Here: %s"), -1 },
	{ RPL_MOTD, "%s", -1 },
	{ ERR_NOSUCHNICK, N_("Nobody is called %s here."), 1 },
	{ ERR_CANNOTSENDTOCHAN, N_("Your line was not sent: you cannot "
	    "speak in %s now."), 1 },
	{ ERR_INPUTTOOLONG, N_("That line was too long and was not sent: "
	    "say it in two."), 0 },
	{ ERR_ERRONEUSNICKNAME, N_("%s cannot be a name: use letters, "
	    "digits and - _ [ ] { } | ^ `, starting with a letter."), 1 },
	{ ERR_NICKNAMEINUSE, N_("The name %s is taken."), 1 },
	{ ERR_PASSWDMISMATCH, N_("That password is not right."), 0 },
};
const size_t plain_numerics_size = sizeof plain_numerics /
    sizeof plain_numerics[0];

/* The time of the line being put into words (its tag, for history). */
static time_t	plain_when;

/* The slash commands a plain-text user has: a few of the shared table. */
static const enum slash_id plain_slash[] = {
	SLASH_HELP, SLASH_ME, SLASH_NICK, SLASH_QUIT, SLASH_WHO
};

static int
plain_cmp(const void *key, const void *row)
{
	return (strcmp(key, ((const struct plain_verb *)row)->verb));
}

static int
plain_numeric_cmp(const void *key, const void *row)
{
	return (*(const int *)key - ((const struct plain_numeric *)row)->code);
}

/*
 * Whether a connection's first line is a person's, not an IRC client's.
 * A client speaks first with tags, a source, a command it may send before
 * registering (CAP, NICK, USER, PASS ...) in any case, or any command in
 * capitals, as programs write them; anything else is taken for words.
 */
int
plain_detect(const char *line, size_t len)
{
	const struct command	*cmd;
	char			 verb[16];
	size_t			 n = 0;
	int			 capitals = 1;

	if (!srv.conf->plain_text || len == 0 || *line == '@' || *line == ':')
		return (0);
	while (n < len && n < sizeof verb - 1 && line[n] != ' ') {
		if (islower((unsigned char)line[n]))
			capitals = 0;
		verb[n] = (char)toupper((unsigned char)line[n]);
		n++;
	}
	verb[n] = '\0';
	if ((cmd = command_find(verb)) == NULL)
		return (1);
	return (!capitals && !(cmd->flags & CMD_UNREG));
}

/* Send one line of words, formatted, with CRLF (telnet wants it). */
static void
plain_printf(struct client *c, const char *fmt, ...)
{
	char	line[PLAIN_LINE];
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line - 2, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof line - 3)
		n = sizeof line - 3;
	line[n++] = '\r';
	line[n++] = '\n';
	send_text(c, line, n);
}

/*
 * The same, after "[HH:MM] ": the time the line came (the turn's), or the
 * time it was said, for a line of history.
 */
static void
plain_stamped(struct client *c, const char *fmt, ...)
{
	char		 line[PLAIN_LINE], stamp[16];
	struct tm	 tm;
	va_list		 ap;

	localtime_r(&plain_when, &tm);
	strftime(stamp, sizeof stamp, "[%H:%M]", &tm);
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	plain_printf(c, "%s %s", stamp, line);
}

/* The nick of a source nick!user@host, in buf. */
static const char *
plain_nick(const char *source, char *buf, size_t size)
{
	size_t	n = strcspn(source != NULL ? source : "", "!@");

	if (source == NULL || n == 0)
		return (srv.conf->name);
	if (n >= size)
		n = size - 1;
	memcpy(buf, source, n);
	buf[n] = '\0';
	return (buf);
}

/* Words for a connection that has not said anything yet. */
void
plain_greet(struct client *c)
{
	if ((c->flags & (CLIENT_HEARD | CLIENT_GREETED)) ||
	    !srv.conf->plain_text)
		return;
	c->flags |= CLIENT_GREETED;
	plain_printf(c, _("Hello! This is %s, a chat server."),
	    srv.conf->name);
	if (*srv.conf->password != '\0')
		plain_printf(c, "%s", _("This server has a password. What "
		    "is it?"));
	else
		plain_printf(c, "%s", _("What name would you like to use?"));
}

/*
 * A connection's first line was a person's: from now on it is a plain-text
 * client. Nobody can answer PING here, so the kernel checks that the peer
 * is there instead (TCP keepalive, on the same schedule).
 */
void
plain_start(struct client *c)
{
	c->flags |= CLIENT_PLAIN;
	plain_keepalive(c);
	log_debug("%s: id=%llu", __func__, (unsigned long long)c->id);
}

static void
plain_keepalive(struct client *c)
{
	int	fd = event_get_fd(c->ev), on = 1;
	int	idle = srv.conf->ping_interval, count = 3;
	int	intvl = srv.conf->ping_timeout / count + 1;

	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof intvl);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
}

/* Run an IRC line for the plain client, as if it had sent it. */
static void
plain_run(struct client *c, const char *fmt, ...)
{
	char	line[LINE_MAX_INPUT + 64];
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof line)
		n = sizeof line - 1;
	command_dispatch(c, line, n);
}

/* The room the user talks in: the first autojoin channel they are in. */
static struct channel *
plain_room(struct client *c)
{
	struct membership	*m;
	struct channel		*ch;
	int			 i;

	for (i = 0; i < srv.conf->autojoin.n; i++) {
		if ((ch = channel_find(srv.conf->autojoin.v[i])) != NULL &&
		    channel_member(ch, c) != NULL)
			return (ch);
	}
	m = LIST_FIRST(&c->channels);
	return (m != NULL ? m->channel : NULL);
}

/* Send text to the room, as a message or (action) as /me. */
static void
plain_say(struct client *c, const char *text, const char *action)
{
	struct channel	*ch;

	if ((ch = plain_room(c)) == NULL) {
		plain_printf(c, "%s", _("You are in no room now, so nobody "
		    "reads this."));
		return;
	}
	if (action != NULL)
		plain_run(c, "PRIVMSG %s :\001ACTION %s\001", ch->name, action);
	else
		plain_run(c, "PRIVMSG %s :%s", ch->name, text);
}

/* Before registering: the password, then the name. */
static void
plain_name(struct client *c, char *line)
{
	struct client	*other;

	line += strspn(line, " ");
	if (*srv.conf->password != '\0' && !(c->flags & CLIENT_PASSOK)) {
		plain_run(c, "PASS :%s", line);
		if (c->flags & CLIENT_PASSOK)
			plain_printf(c, "%s", _("Thank you. What name would "
			    "you like to use?"));
		else
			plain_printf(c, "%s", _("That password is not right. "
			    "Try again:"));
		return;
	}
	/* A name is one word: "Bob Smith" is Bob. */
	line[strcspn(line, " ")] = '\0';
	if (*line == '\0') {
		plain_printf(c, "%s", _("What name would you like to use?"));
		return;
	}
	if (!irc_nick_valid(line) || (int)strlen(line) > srv.conf->nicklen) {
		plain_printf(c, _("%s cannot be a name: use letters, digits "
		    "and - _ [ ] { } | ^ `, starting with a letter, at most %d "
		    "of them. Try another:"), line, srv.conf->nicklen);
		return;
	}
	if ((other = user_find(line)) != NULL && other != c) {
		plain_printf(c, _("The name %s is taken. Try another:"),
		    line);
		return;
	}
	plain_run(c, "NICK %s", line);
	plain_run(c, "USER %s 0 * :%s", line, line);
}

/* A slash command, from the few a plain-text user has. */
static void
plain_command(struct client *c, char *line)
{
	struct slash_cmd	 cmd;
	char			*text, *cause = NULL;
	const char		*arg;
	struct channel		*ch;
	size_t			 i;

	if (slash_parse(line, &cmd, &text, &cause) == SLASH_ERROR) {
		plain_printf(c, "%s", cause);
		free(cause);
		return;
	}
	for (i = 0; i < sizeof plain_slash / sizeof plain_slash[0]; i++) {
		if (plain_slash[i] == cmd.entry->id)
			break;
	}
	arg = cmd.argc > 0 ? cmd.argv[0] : "";
	if (i == sizeof plain_slash / sizeof plain_slash[0]) {
		plain_printf(c, _("/%s needs an IRC client; here you have "
		    "/nick, /who, /me, /quit and /help."), cmd.entry->name);
		return;
	}
	switch (cmd.entry->id) {
	case SLASH_HELP:
		for (i = 0; i < sizeof plain_slash / sizeof plain_slash[0];
		    i++) {
			cmd.entry = &slash_table[plain_slash[i]];
			if (*arg == '\0' || strcasecmp(arg,
			    cmd.entry->name) == 0)
				plain_printf(c, "/%s %s: %s", cmd.entry->name,
				    slash_usage(cmd.entry), slash_help(cmd.entry));
		}
		break;
	case SLASH_ME:
		plain_say(c, NULL, arg);
		break;
	case SLASH_NICK:
		plain_run(c, "NICK %s", arg);
		break;
	case SLASH_QUIT:
		plain_run(c, "QUIT :%s", *arg != '\0' ? arg : "Leaving");
		break;
	case SLASH_WHO:
		if ((ch = plain_room(c)) != NULL)
			plain_run(c, "NAMES %s", ch->name);
		break;
	default:
		break;
	}
}

/*
 * A line from a plain-text client: a name, a command, or words. What it
 * ran as IRC was charged to the flood bucket by command_dispatch(); what
 * it answered itself costs one token, as a line would.
 */
void
plain_input(struct client *c, char *line, size_t len)
{
	int32_t	tokens = c->tokens;

	while (len > 0 && line[len - 1] == ' ')
		line[--len] = '\0';
	if (len == 0)
		return;
	if (!(c->flags & CLIENT_REGISTERED))
		plain_name(c, line);
	else if (line[0] == '/' && line[1] != '/')
		plain_command(c, line);
	else
		plain_say(c, line[0] == '/' ? line + 1 : line, NULL);
	if (c->tokens == tokens)
		client_queue_charge(c, 1);
}

/* What the server sends a plain-text client, in words. */
void
plain_render(struct client *c, const char *data, size_t len)
{
	char				 line[LINE_MAX_INPUT + LINE_MAX_RELAY];
	const struct plain_verb		*v;
	struct msg			 m;
	struct msg_tag			 t;
	struct timeval			 tv;
	char				 nick[NICK_MAX + 1], stamp[64];
	const char			*from;

	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;
	if (len >= sizeof line)
		len = sizeof line - 1;
	memcpy(line, data, len);
	line[len] = '\0';
	if (msg_parse(&m, line) != 0)
		return;
	plain_when = server_time();
	if (m.tags != NULL && msg_tag_find(m.tags, "time", &t) &&
	    t.value != NULL) {
		msg_tag_unescape(stamp, sizeof stamp, t.value, t.valuelen);
		if (msg_parse_time(stamp, &tv) == 0)
			plain_when = tv.tv_sec;
	}
	from = plain_nick(m.source, nick, sizeof nick);
	if (isdigit((unsigned char)m.verb[0]))
		plain_numeric(c, &m, atoi(m.verb));
	else if ((v = bsearch(m.verb, plain_verbs, plain_verbs_size,
	    sizeof plain_verbs[0], plain_cmp)) != NULL)
		v->render(c, &m, from);
}

/* A numeric: its row's words, an error's text, or nothing. */
static void
plain_numeric(struct client *c, struct msg *m, int code)
{
	const struct plain_numeric	*n;
	const char			*words, *mark, *arg;
	char				 names[LINE_MAX_RELAY];
	int				 i;

	n = bsearch(&code, plain_numerics, plain_numerics_size,
	    sizeof plain_numerics[0], plain_numeric_cmp);
	if (n == NULL) {
		if (code >= 400 && m->nparams > 1)
			plain_printf(c, "%s", m->params[m->nparams - 1]);
		return;
	}
	i = n->arg < 0 ? m->nparams - 1 : n->arg;
	arg = i < m->nparams ? m->params[i] : "";
	if (code == RPL_MOTD && strncmp(arg, "- ", 2) == 0)
		arg += 2;
	if (code == RPL_NAMREPLY)
		arg = plain_names(arg, names, sizeof names);
	/* The words are a translation, not a format: put arg in by hand. */
	words = _(n->words);
	if ((mark = strstr(words, "%s")) == NULL)
		plain_printf(c, "%s", words);
	else
		plain_printf(c, "%.*s%s%s", (int)(mark - words), words, arg,
		    mark + 2);
}

/* "@alice +bob carol" as "alice, bob, carol". */
static const char *
plain_names(const char *list, char *buf, size_t size)
{
	size_t	n = 0, len;

	while (*list != '\0') {
		list += strspn(list, " @+");
		len = strcspn(list, " ");
		if (len == 0)
			break;
		if (n != 0 && n + 2 < size) {
			memcpy(buf + n, ", ", 2);
			n += 2;
		}
		if (n + len >= size)
			break;
		memcpy(buf + n, list, len);
		n += len;
		list += len;
	}
	buf[n] = '\0';
	return (buf);
}

/* The last words, into out, for a client closed with reason. */
void
plain_goodbye(struct client *c, struct evbuffer *out, const char *reason)
{
	char	line[PLAIN_LINE];

	snprintf(line, sizeof line, _("Goodbye (%s)."), reason);
	evbuffer_add_printf(out, "%s\r\n", line);
}

static void
plain_error(struct client *c, struct msg *m, const char *from)
{
	plain_printf(c, _("Disconnected: %s"), m->nparams > 0 ?
	    m->params[0] : "");
}

static void
plain_fail(struct client *c, struct msg *m, const char *from)
{
	if (m->nparams > 1 && strcmp(m->params[1], "INVALID_UTF8") == 0)
		plain_printf(c, "%s", _("That line was not UTF-8 text and "
		    "was not sent."));
	else if (m->nparams > 0)
		plain_printf(c, "%s", m->params[m->nparams - 1]);
}

static void
plain_warn(struct client *c, struct msg *m, const char *from)
{
	if (m->nparams > 1 && strcmp(m->params[1], "RATE_LIMITED") == 0)
		plain_printf(c, "%s", _("(You are typing faster than this "
		    "room allows: your lines now wait their turn. None is "
		    "lost.)"));
	else if (m->nparams > 0)
		plain_printf(c, "%s", m->params[m->nparams - 1]);
}

static void
plain_invite(struct client *c, struct msg *m, const char *from)
{
	if (m->nparams > 1)
		plain_stamped(c, _("%s invites you to %s."), from,
		    m->params[1]);
}

static void
plain_join(struct client *c, struct msg *m, const char *from)
{
	if (m->nparams < 1)
		return;
	if (strcmp(from, c->nick) == 0)
		plain_stamped(c, _("You are in %s."), m->params[0]);
	else
		plain_stamped(c, _("%s has joined %s."), from, m->params[0]);
}

static void
plain_part(struct client *c, struct msg *m, const char *from)
{
	if (m->nparams < 1)
		return;
	if (m->nparams > 1 && *m->params[1] != '\0')
		plain_stamped(c, _("%s has left %s (%s)."), from,
		    m->params[0], m->params[1]);
	else
		plain_stamped(c, _("%s has left %s."), from, m->params[0]);
}

static void
plain_quit(struct client *c, struct msg *m, const char *from)
{
	plain_stamped(c, _("%s has left (%s)."), from, m->nparams > 0 ?
	    m->params[0] : "");
}

static void
plain_kick(struct client *c, struct msg *m, const char *from)
{
	const char	*why;

	if (m->nparams < 2)
		return;
	why = m->nparams > 2 ? m->params[2] : "";
	if (strcmp(m->params[1], c->nick) == 0)
		plain_stamped(c, _("%s has put you out of %s (%s)."), from,
		    m->params[0], why);
	else
		plain_stamped(c, _("%s has put %s out of %s (%s)."), from,
		    m->params[1], m->params[0], why);
}

static void
plain_nickchange(struct client *c, struct msg *m, const char *from)
{
	if (m->nparams < 1)
		return;
	if (strcmp(m->params[0], c->nick) == 0 || strcmp(from, c->nick) == 0)
		plain_stamped(c, _("You are now known as %s."), m->params[0]);
	else
		plain_stamped(c, _("%s is now known as %s."), from,
		    m->params[0]);
}

static void
plain_topic(struct client *c, struct msg *m, const char *from)
{
	if (m->nparams > 1)
		plain_stamped(c, _("%s has set the topic of %s: %s"), from,
		    m->params[0], m->params[1]);
}

static void
plain_privmsg(struct client *c, struct msg *m, const char *from)
{
	const char	*text;
	size_t		 len;

	if (m->nparams < 2)
		return;
	text = m->params[1];
	len = strlen(text);
	if (len > 8 && strncmp(text, "\001ACTION ", 8) == 0) {
		if (text[len - 1] == '\001')
			m->params[1][len - 1] = '\0';
		if (*m->params[0] == '#')
			plain_stamped(c, "* %s %s", from, text + 8);
		else
			plain_stamped(c, _("(to you) * %s %s"), from, text + 8);
		return;
	}
	if (*text == '\001')
		return;		/* other CTCP: nothing for a person */
	if (*m->params[0] == '#')
		plain_stamped(c, "<%s> %s", from, text);
	else
		plain_stamped(c, _("(to you) <%s> %s"), from, text);
}

static void
plain_notice(struct client *c, struct msg *m, const char *from)
{
	if (m->nparams < 2 || *m->params[1] == '\001')
		return;
	plain_stamped(c, "-%s- %s", from, m->params[1]);
}
