/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Information commands: the welcome burst, MOTD, LUSERS, VERSION, TIME, WHO
 * (with WHOX), WHOIS, WHOWAS, ISON and USERHOST (ngIRCd's irc-info.c).
 */

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "casemap.h"
#include "chatd.h"
#include "conn.h"
#include "tls.h"
#include "ws.h"

/* Fields of a WHOX reply, in the order they are sent. */
#define WHOX_FIELDS	"tcuihsnfdlaor"

static void	irc_info_isupport(struct client *);
static void	irc_info_who_one(struct client *, struct client *,
		    struct channel *, const char *, const char *);
static struct membership *irc_info_first_common(struct client *,
		    struct client *);
static int	irc_info_visible(struct client *, struct client *);

/*
 * What every client is sent alike (002 to 005 at registration, and the
 * MOTD) is formatted once per configuration and kept as the text after the
 * nick: a registration then copies it instead of formatting it again.
 */
struct info_line {
	enum numeric	 num;
	char		*text;
	size_t		 len;
};
static struct info_line	*info_lines;
static size_t		 info_nlines;
static size_t		 info_isupport;	/* the first 005 */
static size_t		 info_motd;	/* the first MOTD line */

static void
irc_info_add(enum numeric num, ...)
{
	struct info_line	*l;
	va_list			 ap;

	info_lines = xreallocarray(info_lines, info_nlines + 1,
	    sizeof *info_lines);
	l = &info_lines[info_nlines++];
	l->num = num;
	va_start(ap, num);
	l->len = xvasprintf(&l->text, numeric_format(num), ap);
	va_end(ap);
}

/* Format the lines for srv.conf, unless they are ready. */
static void
irc_info_prepare(void)
{
	struct config	*conf = srv.conf;
	char		 buf[400];
	int		 i;

	if (info_lines != NULL)
		return;
	irc_info_add(RPL_YOURHOST, conf->name, PACKAGE "-" VERSION);
	irc_info_add(RPL_CREATED, srv.created);
	irc_info_add(RPL_MYINFO, conf->name, PACKAGE "-" VERSION, "Biow",
	    "CIbeiklmnorstv", "Ibeklov");

	/* The 005 lines, thirteen tokens or fewer each. */
	info_isupport = info_nlines;
	snprintf(buf, sizeof buf, "AWAYLEN=%d CASEMAPPING=ascii CHANLIMIT=#:%d "
	    "CHANMODES=beI,k,l,Cimnrst CHANNELLEN=%d CHANTYPES=# ELIST=CMNTU "
	    "EXCEPTS=e INVEX=I KICKLEN=%d MAXLIST=b:100,e:100,I:100 "
	    "MAXTARGETS=%d NETWORK=%s",
	    conf->awaylen, conf->max_channels, conf->channellen, conf->kicklen,
	    conf->max_targets, conf->network);
	irc_info_add(RPL_ISUPPORT, buf);
	snprintf(buf, sizeof buf, "NICKLEN=%d PREFIX=(ov)@+ STATUSMSG=@+ "
	    "TARGMAX=PRIVMSG:%d,NOTICE:%d,TAGMSG:%d,JOIN:,PART:,NAMES:,"
	    "WHOIS:1,KICK: "
	    "TOPICLEN=%d UTF8ONLY USERLEN=%d WHOX MONITOR=%d BOT=B MODES=4 "
	    "EXTBAN=,am ACCOUNTEXTBAN=a",
	    conf->nicklen, conf->max_targets, conf->max_targets,
	    conf->max_targets, conf->topiclen, USER_MAX, MONITOR_MAX);
	irc_info_add(RPL_ISUPPORT, buf);
	if (history_enabled())
		irc_info_add(RPL_ISUPPORT,
		    "CHATHISTORY=1000 MSGREFTYPES=msgid,timestamp");
	if (files_isupport() != NULL)
		irc_info_add(RPL_ISUPPORT, files_isupport());

	info_motd = info_nlines;
	if (!conf->motd_loaded) {
		irc_info_add(ERR_NOMOTD);
		return;
	}
	irc_info_add(RPL_MOTDSTART, conf->name);
	for (i = 0; i < conf->motd.n; i++)
		irc_info_add(RPL_MOTD, conf->motd.v[i]);
	irc_info_add(RPL_ENDOFMOTD);
}

/* Forget the lines: the configuration changed, or chatd is leaving. */
void
irc_info_reset(void)
{
	size_t	i;

	for (i = 0; i < info_nlines; i++)
		free(info_lines[i].text);
	free(info_lines);
	info_lines = NULL;
	info_nlines = 0;
}

/* Send the prepared lines [from, to). */
static void
irc_info_send_lines(struct client *c, size_t from, size_t to)
{
	size_t	i;

	for (i = from; i < to; i++)
		send_numeric_text(c, info_lines[i].num, info_lines[i].text,
		    info_lines[i].len);
}

static void
irc_info_isupport(struct client *c)
{
	irc_info_prepare();
	irc_info_send_lines(c, info_isupport, info_motd);
}

/* Everything a client is sent when it registers. */
void
irc_info_welcome(struct client *c)
{
	send_numeric(c, RPL_WELCOME, srv.conf->network, client_mask(c));
	irc_info_prepare();
	irc_info_send_lines(c, 0, info_motd);
	irc_info_send_lusers(c);
	irc_info_send_motd(c);
}

void
irc_info_send_motd(struct client *c)
{
	irc_info_prepare();
	irc_info_send_lines(c, info_motd, info_nlines);
}

void
irc_info_send_lusers(struct client *c)
{
	unsigned int	users = srv.nregistered, invisible = srv.ninvisible;

	send_numeric(c, RPL_LUSERCLIENT, users - invisible, invisible);
	send_numeric(c, RPL_LUSEROP, srv.nopers);
	send_numeric(c, RPL_LUSERUNKNOWN, srv.nclients - srv.nregistered);
	send_numeric(c, RPL_LUSERCHANNELS, (unsigned int)srv.channels.count);
	send_numeric(c, RPL_LUSERME, users);
	send_numeric(c, RPL_LOCALUSERS, users, srv.max_seen, users,
	    srv.max_seen);
	send_numeric(c, RPL_GLOBALUSERS, users, srv.max_seen, users,
	    srv.max_seen);
}

void
irc_motd(struct client *c, struct msg *m)
{
	irc_info_send_motd(c);
}

void
irc_lusers(struct client *c, struct msg *m)
{
	irc_info_send_lusers(c);
}

void
irc_version(struct client *c, struct msg *m)
{
	send_numeric(c, RPL_VERSION, PACKAGE "-" VERSION, srv.conf->name,
	    "libevent " LIBEVENT_VERSION);
	irc_info_isupport(c);
}

/* INFO: what this server is, then the end (RFC 2812 3.4.10). */
void
irc_info(struct client *c, struct msg *m)
{
	static const char *const lines[] = {
		PACKAGE " " VERSION ", a chat server that speaks IRC.",
		"One process, one event loop; ISC licence.",
		"See chatd(8) and chatd.conf(5).",
	};
	char	since[96];
	size_t	i;

	for (i = 0; i < sizeof lines / sizeof lines[0]; i++)
		send_numeric(c, RPL_INFO, lines[i]);
	snprintf(since, sizeof since, "Running since %s.", srv.created);
	send_numeric(c, RPL_INFO, since);
	send_numeric(c, RPL_ENDOFINFO);
}

/*
 * HELP and HELPOP (Modern): with no subject, the commands; with one, its
 * parameters and what it does, from the command table; 524 if unknown.
 */
void
irc_help(struct client *c, struct msg *m)
{
	const struct command	*cmd;
	char			 line[320];
	size_t			 i, n = 0;

	if (m->nparams == 0 || *m->params[0] == '\0') {
		send_numeric(c, RPL_HELPSTART, "*",
		    "The commands; HELP COMMAND tells how to use one:");
		for (i = 0; i < command_table_size; i++) {
			cmd = &command_table[i];
			if (n + 1 + strlen(cmd->name) >= 72) {
				send_numeric(c, RPL_HELPTXT, "*", line);
				n = 0;
			}
			n += snprintf(line + n, sizeof line - n, "%s%s",
			    n == 0 ? "" : " ", cmd->name);
		}
		if (n != 0)
			send_numeric(c, RPL_HELPTXT, "*", line);
		send_numeric(c, RPL_ENDOFHELP, "*");
		return;
	}
	if ((cmd = command_find(m->params[0])) == NULL) {
		send_numeric(c, ERR_HELPNOTFOUND, m->params[0]);
		return;
	}
	snprintf(line, sizeof line, "%s%s%s", cmd->name,
	    *cmd->usage != '\0' ? " " : "", cmd->usage);
	send_numeric(c, RPL_HELPSTART, cmd->name, line);
	send_numeric(c, RPL_HELPTXT, cmd->name, cmd->help);
	send_numeric(c, RPL_ENDOFHELP, cmd->name);
}

/* LINKS: the servers of the network, this one alone (RFC 2812 3.4.5). */
void
irc_links(struct client *c, struct msg *m)
{
	send_numeric(c, RPL_LINKS, srv.conf->name, srv.conf->name,
	    srv.conf->description);
	send_numeric(c, RPL_ENDOFLINKS);
}

void
irc_time(struct client *c, struct msg *m)
{
	char		buf[64];
	time_t		now = time(NULL);
	struct tm	tm;

	gmtime_r(&now, &tm);
	strftime(buf, sizeof buf, "%A %B %d %Y -- %H:%M:%S +00:00", &tm);
	send_numeric(c, RPL_TIME, srv.conf->name, buf);
}

/* A channel c and o share, or NULL. */
static struct membership *
irc_info_first_common(struct client *c, struct client *o)
{
	struct membership	*m;

	LIST_FOREACH(m, &o->channels, client_entry) {
		if (channel_member(m->channel, c) != NULL)
			return (m);
	}
	return (NULL);
}

/* Whether o shows up for c in a WHO by mask: not +i, or sharing a channel. */
static int
irc_info_visible(struct client *c, struct client *o)
{
	return (o == c || !(o->umodes & UMODE_INVISIBLE) ||
	    irc_info_first_common(c, o) != NULL);
}

/* One WHO reply line, classic 352 or WHOX 354 when fields is set. */
static void
irc_info_who_one(struct client *c, struct client *o, struct channel *ch,
    const char *fields, const char *token)
{
	struct membership	*m = NULL;
	char			 flags[8], buf[512], idle[24];
	const char		*chname = "*", *f, *val;
	size_t			 n = 0;
	time_t			 now = server_time();

	if (ch != NULL)
		m = channel_member(ch, o);
	else if ((m = irc_info_first_common(c, o)) != NULL)
		ch = m->channel;
	if (ch != NULL)
		chname = ch->name;
	snprintf(flags, sizeof flags, "%c%s%s%s", o->away != NULL ? 'G' : 'H',
	    (o->umodes & UMODE_OPER) ? "*" : "",
	    (o->umodes & UMODE_BOT) ? "B" : "",
	    m != NULL ? channel_prefix(m->modes, c->caps & CAP_MULTI_PREFIX) :
	    "");
	if (fields == NULL) {
		send_numeric(c, RPL_WHOREPLY, chname, o->user, o->host,
		    srv.conf->name, o->nick, flags, o->realname);
		return;
	}
	snprintf(idle, sizeof idle, "%lld", (long long)(now - (time_t)o->last_spoke));
	*buf = '\0';
	for (f = WHOX_FIELDS; *f != '\0'; f++) {
		if (strchr(fields, *f) == NULL)
			continue;
		switch (*f) {
		case 't':
			val = token;
			break;
		case 'c':
			val = chname;
			break;
		case 'u':
			val = o->user;
			break;
		case 'i':
		case 'h':
			val = o->host;
			break;
		case 's':
			val = srv.conf->name;
			break;
		case 'n':
			val = o->nick;
			break;
		case 'f':
			val = flags;
			break;
		case 'l':
			val = idle;
			break;
		case 'o':
			val = "n/a";
			break;
		case 'r':
			val = o->realname;
			break;
		case 'a':
			val = o->account != NULL ? o->account->name : "0";
			break;
		default:	/* d (hops) */
			val = "0";
			break;
		}
		n += snprintf(buf + n, sizeof buf - n, "%s%s%s", n == 0 ? "" : " ",
		    *f == 'r' ? ":" : "", val);
		if (n >= sizeof buf)
			break;
	}
	send_numeric(c, RPL_WHOSPCRPL, buf);
}

void
irc_who(struct client *c, struct msg *m)
{
	const char		*mask = m->nparams > 0 ? m->params[0] : "*";
	const char		*token = NULL;
	char			*fields = NULL, *comma;
	struct channel		*ch;
	struct membership	*mb;
	struct client		*o;

	if (m->nparams > 1 && m->params[1][0] == '%') {
		fields = m->params[1] + 1;
		if ((comma = strchr(fields, ',')) != NULL) {
			*comma = '\0';
			token = comma + 1;
		}
		if (token == NULL || strlen(token) > 3)
			token = "0";
	}
	if (*mask == '#') {
		ch = channel_find(mask);
		if (ch != NULL && (!(ch->modes & CMODE_SECRET) ||
		    channel_member(ch, c) != NULL)) {
			LIST_FOREACH(mb, &ch->members, channel_entry)
				irc_info_who_one(c, mb->client, ch, fields,
				    token);
		}
	} else if ((o = user_find(mask)) != NULL) {
		if (o->flags & CLIENT_REGISTERED)
			irc_info_who_one(c, o, NULL, fields, token);
	} else if (strcmp(mask, "0") != 0 || m->nparams > 0) {
		if (strcmp(mask, "0") == 0)
			mask = "*";
		TAILQ_FOREACH(o, &srv.clients, entry) {
			if (!(o->flags & CLIENT_REGISTERED) ||
			    (o->flags & CLIENT_DEAD) || !irc_info_visible(c, o))
				continue;
			if (casemap_match(mask, o->nick) ||
			    casemap_match(mask, o->host) ||
			    casemap_match(mask, o->realname))
				irc_info_who_one(c, o, NULL, fields, token);
		}
	}
	send_numeric(c, RPL_ENDOFWHO, mask);
}

void
irc_whois(struct client *c, struct msg *m)
{
	const char		*nick = m->params[m->nparams > 1 ? 1 : 0];
	struct client		*o;
	struct membership	*mb;
	char			 buf[400], fp[TLS_FP_LEN];
	size_t			 n = 0;
	time_t			 now = server_time();

	if ((o = user_find(nick)) == NULL || !(o->flags & CLIENT_REGISTERED)) {
		send_numeric(c, ERR_NOSUCHNICK, nick);
		send_numeric(c, RPL_ENDOFWHOIS, nick);
		return;
	}
	send_numeric(c, RPL_WHOISUSER, o->nick, o->user, o->host, o->realname);
	LIST_FOREACH(mb, &o->channels, client_entry) {
		if ((mb->channel->modes & CMODE_SECRET) && o != c &&
		    channel_member(mb->channel, c) == NULL)
			continue;
		if (n + strlen(mb->channel->name) + 4 > sizeof buf - 1) {
			send_numeric(c, RPL_WHOISCHANNELS, o->nick, buf);
			n = 0;
		}
		n += snprintf(buf + n, sizeof buf - n, "%s%s%s",
		    n == 0 ? "" : " ",
		    channel_prefix(mb->modes, c->caps & CAP_MULTI_PREFIX),
		    mb->channel->name);
	}
	if (n != 0)
		send_numeric(c, RPL_WHOISCHANNELS, o->nick, buf);
	send_numeric(c, RPL_WHOISSERVER, o->nick, srv.conf->name,
	    srv.conf->description);
	if (o->away != NULL)
		send_numeric(c, RPL_AWAY, o->nick, o->away);
	if (o->umodes & UMODE_OPER)
		send_numeric(c, RPL_WHOISOPERATOR, o->nick);
	if (o->umodes & UMODE_BOT)
		send_numeric(c, RPL_WHOISBOT, o->nick, srv.conf->network);
	metadata_whois(c, o);
	if (o->account != NULL)
		send_numeric(c, RPL_WHOISACCOUNT, o->nick, o->account->name);
	if (o->conn->secure)
		send_numeric(c, RPL_WHOISSECURE, o->nick);
	/* A fingerprint is for its owner and the operators, as the host. */
	if ((o == c || (c->umodes & UMODE_OPER)) && o->conn->t->certfp(o->conn,
	    fp))
		send_numeric(c, RPL_WHOISCERTFP, o->nick, fp);
	if (o == c || (c->umodes & UMODE_OPER))
		send_numeric(c, RPL_WHOISACTUALLY, o->nick, o->host);
	send_numeric(c, RPL_WHOISIDLE, o->nick, (long long)(now - (time_t)o->last_spoke),
	    (long long)o->created);
	send_numeric(c, RPL_ENDOFWHOIS, o->nick);
}

void
irc_whowas(struct client *c, struct msg *m)
{
	const char	*nick = m->params[0];
	struct whowas	*w;
	int		 i, idx, found = 0, max = 0;

	if (m->nparams > 1)
		max = atoi(m->params[1]);
	for (i = 0; i < srv.whowas_size; i++) {
		idx = (srv.whowas_next - 1 - i + 2 * srv.whowas_size) %
		    srv.whowas_size;
		w = &srv.whowas[idx];
		if (w->user == NULL || casemap_cmp(w->nick, nick) != 0)
			continue;
		send_numeric(c, RPL_WHOWASUSER, w->nick, w->user, w->host,
		    w->realname);
		send_numeric(c, RPL_WHOISSERVER, w->nick, srv.conf->name,
		    srv.conf->description);
		if (++found == max && max > 0)
			break;
	}
	if (found == 0)
		send_numeric(c, ERR_WASNOSUCHNICK, nick);
	send_numeric(c, RPL_ENDOFWHOWAS, nick);
}

void
irc_ison(struct client *c, struct msg *m)
{
	char		 buf[400], *list, *nick;
	struct client	*o;
	size_t		 n = 0;
	int		 i;

	*buf = '\0';
	for (i = 0; i < m->nparams; i++) {
		list = m->params[i];
		while ((nick = strsep(&list, " ")) != NULL) {
			if (*nick == '\0' || (o = user_find(nick)) == NULL ||
			    !(o->flags & CLIENT_REGISTERED))
				continue;
			if (n + strlen(o->nick) + 2 >= sizeof buf)
				break;
			n += snprintf(buf + n, sizeof buf - n, "%s%s",
			    n == 0 ? "" : " ", o->nick);
		}
	}
	send_numeric(c, RPL_ISON, buf);
}

void
irc_userhost(struct client *c, struct msg *m)
{
	char		 buf[400];
	struct client	*o;
	size_t		 n = 0;
	int		 i;

	*buf = '\0';
	for (i = 0; i < m->nparams && i < 5; i++) {
		if ((o = user_find(m->params[i])) == NULL ||
		    !(o->flags & CLIENT_REGISTERED))
			continue;
		n += snprintf(buf + n, sizeof buf - n, "%s%s%s=%c%s@%s",
		    n == 0 ? "" : " ", o->nick,
		    (o->umodes & UMODE_OPER) ? "*" : "",
		    o->away != NULL ? '-' : '+', o->user, o->host);
		if (n >= sizeof buf)
			break;
	}
	send_numeric(c, RPL_USERHOST, buf);
}
