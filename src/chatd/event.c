/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Every change of the model, one function each (tmux's events): it applies
 * the change, tells the clients that see it (formatted once per variant,
 * as send.c does), writes its event= log line, and then tells the sinks
 * (the history; later the other nodes, a presence feed) in the order the
 * changes happened. The command handlers keep their checks and their
 * replies to whoever asked, and call these; a change that comes from
 * another node will enter here too, marked remote, and is not published
 * again.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "casemap.h"
#include "chatd.h"
#include "conn.h"

/* Sinks a change is told to (history.c, ...). */
#define EVENT_SINKS	4

static const struct sink	*event_sinks[EVENT_SINKS];
static int			 event_nsinks;

static void	event_tell(struct change *, enum change_kind, struct client *,
		    const struct outmsg *);
static void	event_log_message(struct client *, const char *, const char *,
		    const char *);
static void	event_message_change(struct change *, struct client *,
		    const char *, struct channel *, struct client *,
		    const char *, const char *);
static int	event_log_who(struct log_event *, struct client *,
		    struct channel *);

/*
 * Begin the log line of a change c made in chan: its name (a literal),
 * then who and where; 0 if the log does not want it.
 */
#define EVENT_LOG(ev, name, c, chan)					\
	(log_event_begin((ev), LOG_INFO, name) && event_log_who((ev), (c), \
	    (chan)))

/* The fields every channel event's line starts with. */
static int
event_log_who(struct log_event *ev, struct client *c, struct channel *chan)
{
	log_event_uint(ev, "id", c->id);
	log_event_str(ev, "nick", c->nick);
	log_event_str(ev, "channel", chan->name);
	return (1);
}

/*
 * Call fn for each channel change ch is in, for the sinks: its target, or
 * for a QUIT or a NICK every channel its client is in.
 */
void
event_channels(const struct change *ch,
    void (*fn)(const struct change *, const char *, void *), void *arg)
{
	struct membership	*m;

	switch (ch->kind) {
	case CHANGE_MESSAGE:
	case CHANGE_REDACT:
	case CHANGE_JOIN:
	case CHANGE_PART:
	case CHANGE_KICK:
	case CHANGE_TOPIC:
	case CHANGE_MODE:
		if (ch->target != NULL && *ch->target == '#')
			fn(ch, ch->target, arg);
		break;
	case CHANGE_QUIT:
	case CHANGE_NICK:
		LIST_FOREACH(m, &ch->client->channels, client_entry)
			fn(ch, m->channel->name, arg);
		break;
	default:
		break;
	}
}

/* Have sink told of every change from now on. */
void
event_sink_add(const struct sink *sink)
{
	if (event_nsinks == EVENT_SINKS)
		fatalx("too many sinks");
	event_sinks[event_nsinks++] = sink;
}

/* Take sink off the list (at reload or exit). */
void
event_sink_remove(const struct sink *sink)
{
	int	i;

	for (i = 0; i < event_nsinks; i++) {
		if (event_sinks[i] != sink)
			continue;
		memmove(&event_sinks[i], &event_sinks[i + 1],
		    (event_nsinks - i - 1) * sizeof event_sinks[0]);
		event_nsinks--;
		return;
	}
}

/*
 * Fill in the source of a change (the client who made it) and its time and
 * id (those of the line it was told with, if any), then tell the sinks.
 * The caller has set what is particular to the kind.
 */
static void
event_tell(struct change *ch, enum change_kind kind, struct client *c,
    const struct outmsg *om)
{
	int	i;

	ch->kind = kind;
	ch->client = c;
	ch->nick = c->nick;
	ch->user = c->user != NULL ? c->user : "*";
	ch->host = c->host;
	if (om != NULL) {
		ch->time = om->time;
		ch->msgid = om->msgid;
		ch->line = om->body;
		ch->linelen = om->bodylen - 2;
	} else if (ch->line == NULL) {
		server_timeval(&ch->time);
		ch->msgid = 0;
	}
	for (i = 0; i < event_nsinks; i++)
		event_sinks[i]->record(ch);
}

void
event_connect(struct client *c)
{
	struct change		ch;
	struct log_event	ev;

	if (log_event_begin(&ev, LOG_INFO, "connect")) {
		log_event_uint(&ev, "id", c->id);
		log_event_str(&ev, "addr", c->host);
		log_event_uint(&ev, "port", c->port);
		log_event_str(&ev, "transport", c->conn->t->name);
		log_event_end(&ev);
	}
	memset(&ch, 0, sizeof ch);
	event_tell(&ch, CHANGE_CONNECT, c, NULL);
}

void
event_register(struct client *c)
{
	struct change		ch;
	struct log_event	ev;

	c->flags |= CLIENT_REGISTERED;
	srv.nregistered++;
	if (srv.nregistered > srv.max_seen)
		srv.max_seen = srv.nregistered;
	if (log_event_begin(&ev, LOG_INFO, "register")) {
		log_event_uint(&ev, "id", c->id);
		log_event_str(&ev, "nick", c->nick);
		log_event_str(&ev, "user", c->user);
		log_event_str(&ev, "addr", c->host);
		log_event_end(&ev);
	}
	memset(&ch, 0, sizeof ch);
	event_tell(&ch, CHANGE_REGISTER, c, NULL);
	monitor_tell(c->nick, client_mask(c));
}

/*
 * c joins chan with modes: every member is told, in the extended form by
 * those who asked for it (made only then), and, with away-notify, that the
 * newcomer is away.
 */
void
event_join(struct client *c, struct channel *chan, uint8_t modes)
{
	struct membership	*m;
	struct outmsg		 om, ext, away;
	struct change		 ch;
	struct log_event	 ev;
	const char		*mask;
	int			 extended = 0;

	channel_add(chan, c, modes);
	mask = client_mask(c);
	outmsg_init(&om, NULL, ":%s JOIN %s", mask, chan->name);
	outmsg_from(&om, c);
	LIST_FOREACH(m, &chan->members, channel_entry) {
		if (!(m->client->caps & CAP_EXTENDED_JOIN)) {
			outmsg_send(&om, m->client);
			continue;
		}
		if (!extended++)
			outmsg_init_like(&ext, &om, ":%s JOIN %s %s :%s", mask,
			    chan->name, c->account != NULL ? c->account->name :
			    "*", c->realname);
		outmsg_send(&ext, m->client);
	}
	if (c->away != NULL) {
		outmsg_init_like(&away, &om, ":%s AWAY :%s", mask, c->away);
		send_channel(chan, &away, c, CAP_AWAY_NOTIFY, 0);
	}
	if (EVENT_LOG(&ev, "join", c, chan)) {
		log_event_end(&ev);
	}
	memset(&ch, 0, sizeof ch);
	ch.target = chan->name;
	event_tell(&ch, CHANGE_JOIN, c, &om);
}

/* c leaves chan (m, its membership), telling its members why. */
void
event_part(struct client *c, struct membership *m, const char *reason)
{
	struct channel		*chan = m->channel;
	struct outmsg		 om;
	struct change		 ch;
	struct log_event	 ev;

	if (reason != NULL && *reason != '\0')
		outmsg_init(&om, NULL, ":%s PART %s :%s", client_mask(c),
		    chan->name, reason);
	else
		outmsg_init(&om, NULL, ":%s PART %s", client_mask(c),
		    chan->name);
	outmsg_from(&om, c);
	send_channel(chan, &om, NULL, 0, 0);
	if (EVENT_LOG(&ev, "part", c, chan)) {
		log_event_str(&ev, "reason", reason != NULL ? reason : "");
		log_event_end(&ev);
	}
	memset(&ch, 0, sizeof ch);
	ch.target = chan->name;
	ch.text = reason;
	event_tell(&ch, CHANGE_PART, c, &om);
	channel_remove(m);
}

/*
 * c is gone, for c->quit_reason: everyone who shared a channel is told
 * once, c leaves them all and its nick is free (WHOWAS remembers it).
 */
void
event_quit(struct client *c)
{
	struct outmsg		 om;
	struct membership	*m;
	struct change		 ch;
	struct log_event	 ev;
	int			 registered = (c->flags & CLIENT_REGISTERED) != 0;

	if (registered) {
		outmsg_init(&om, NULL, ":%s QUIT :%s", client_mask(c),
		    c->quit_reason);
		outmsg_from(&om, c);
		send_common(c, &om, 0, 0, 0);
	}
	if (log_event_begin(&ev, LOG_INFO, "quit")) {
		log_event_uint(&ev, "id", c->id);
		log_event_str(&ev, "nick", *c->nick != '\0' ? c->nick : "*");
		log_event_str(&ev, "addr", c->host);
		log_event_str(&ev, "reason", c->quit_reason);
		log_event_end(&ev);
	}
	memset(&ch, 0, sizeof ch);
	ch.text = c->quit_reason;
	event_tell(&ch, CHANGE_QUIT, c, registered ? &om : NULL);
	if (registered) {
		while ((m = LIST_FIRST(&c->channels)) != NULL)
			channel_remove(m);
		user_whowas_add(c);
		srv.nregistered--;
		if (c->umodes & UMODE_OPER)
			srv.nopers--;
		if (c->umodes & UMODE_INVISIBLE)
			srv.ninvisible--;
	}
	if (registered)
		monitor_tell(c->nick, NULL);
	if (*c->nick != '\0')
		user_remove(c);
}

/* A registered c is now nick: everyone who shares a channel is told. */
void
event_nick(struct client *c, const char *nick)
{
	struct outmsg		 om;
	struct change		 ch;
	struct log_event	 ev;
	int			 cased;

	outmsg_init(&om, NULL, ":%s NICK :%s", client_mask(c), nick);
	outmsg_from(&om, c);
	send_common(c, &om, 1, 0, 0);
	if (log_event_begin(&ev, LOG_INFO, "nick")) {
		log_event_uint(&ev, "id", c->id);
		log_event_str(&ev, "old", c->nick);
		log_event_str(&ev, "new", nick);
		log_event_end(&ev);
	}
	memset(&ch, 0, sizeof ch);
	ch.text = nick;
	event_tell(&ch, CHANGE_NICK, c, &om);
	user_whowas_add(c);
	/* Watchers: the old nick gone, the new one here (not for case). */
	cased = casemap_cmp(c->nick, nick) == 0;
	if (!cased)
		monitor_tell(c->nick, NULL);
	user_rename(c, nick);
	if (!cased)
		monitor_tell(c->nick, client_mask(c));
}

static void
event_log_message(struct client *c, const char *verb, const char *target,
    const char *text)
{
	struct log_event	ev;
	int			mode = srv.conf->log_messages;

	if (mode == LOGMSG_OFF || !log_event_begin(&ev, LOG_INFO, "message"))
		return;
	log_event_uint(&ev, "id", c->id);
	log_event_str(&ev, "from", c->nick);
	log_event_str(&ev, "to", target);
	log_event_str(&ev, "type", verb);
	log_event_uint(&ev, "bytes", strlen(text));
	if (mode == LOGMSG_CONTENT)
		log_event_str(&ev, "text", text);
	log_event_end(&ev);
}

/*
 * c says text (NULL for a TAGMSG) with verb to a channel or to one client:
 * those who have the caps need (message-tags for a TAGMSG) get it, and c
 * its echo if it asked for echo-message. tags are the client-only tags,
 * escaped, or NULL.
 */
void
event_message(struct client *c, const char *verb, struct channel *chan,
    struct client *to, const char *text, const char *tags, uint32_t need)
{
	struct outmsg	 om;
	struct change	 ch;
	const char	*target = chan != NULL ? chan->name : to->nick;

	outmsg_init_text(&om, tags, c, verb, target, text);
	if (chan != NULL)
		send_channel(chan, &om, c, need, 0);
	else if ((to->caps & need) == need && to == c &&
	    (c->caps & CAP_ECHO_MESSAGE))
		outmsg_send_unlabeled(&om, to);	/* the echo has it */
	else if ((to->caps & need) == need)
		outmsg_send(&om, to);
	if ((c->caps & CAP_ECHO_MESSAGE) && (c->caps & need) == need)
		outmsg_send(&om, c);
	event_message_change(&ch, c, verb, chan, to, text, tags);
	event_tell(&ch, CHANGE_MESSAGE, c, &om);
}

/*
 * c says text with verb to those members of chan who hold a status
 * (STATUSMSG: prefix '@', the operators; '+', voice or more), the target
 * keeping its prefix. Logged, but told to no sink, so kept in no history:
 * CHATHISTORY would show it to the members it was not for.
 */
void
event_statusmsg(struct client *c, const char *verb, struct channel *chan,
    char prefix, const char *text, const char *tags, uint32_t need)
{
	struct outmsg		 om;
	struct membership	*m;
	char			 target[CHANNEL_MAX + 2];
	uint8_t			 modes = MEMBER_OP;

	if (prefix == '+')
		modes |= MEMBER_VOICE;
	snprintf(target, sizeof target, "%c%s", prefix, chan->name);
	outmsg_init_text(&om, tags, c, verb, target, text);
	LIST_FOREACH(m, &chan->members, channel_entry) {
		if (m->client != c && (m->modes & modes) &&
		    (m->client->caps & need) == need)
			outmsg_send(&om, m->client);
	}
	if ((c->caps & CAP_ECHO_MESSAGE) && (c->caps & need) == need)
		outmsg_send(&om, c);
	event_log_message(c, verb, target, text != NULL ? text : "");
}

/* Log a message c said and fill in what the sinks are told of it. */
static void
event_message_change(struct change *ch, struct client *c, const char *verb,
    struct channel *chan, struct client *to, const char *text,
    const char *tags)
{
	const char	*target = chan != NULL ? chan->name : to->nick;

	event_log_message(c, verb, target, text != NULL ? text : "");
	memset(ch, 0, sizeof *ch);
	ch->target = target;
	ch->to = chan == NULL ? to : NULL;
	ch->verb = verb;
	ch->text = text;
	ch->tags = tags;
}

/*
 * A multiline message being told: each form (by the caps that change it)
 * formatted once, when the first client that takes it needs it; every
 * recipient of that form gets a reference to the same bytes.
 */
struct event_ml {
	struct multiline_src	 src;
	char			 ref[24];
	struct evbuffer		*buf;
	char			*form[16];
	size_t			 formlen[16];
};

/* Send the form of ml that rcpt takes (outside the label, if unlabeled). */
static void
event_multiline_send(struct event_ml *ml, struct client *rcpt, int unlabeled)
{
	uint32_t	caps = rcpt->caps;
	int		v = 0;

	if (caps & CAP_SERVER_TIME)
		v |= 1;
	if (caps & CAP_MESSAGE_TAGS)
		v |= 2;
	if ((caps & CAP_ACCOUNT_TAG) && ml->src.account != NULL)
		v |= 4;
	if ((caps & (CAP_MULTILINE | CAP_BATCH)) ==
	    (CAP_MULTILINE | CAP_BATCH))
		v |= 8;
	if (ml->form[v] == NULL) {
		multiline_format(ml->buf, &ml->src, caps, ml->ref, NULL);
		ml->formlen[v] = evbuffer_get_length(ml->buf);
		ml->form[v] = output_shared(ml->formlen[v]);
		evbuffer_remove(ml->buf, ml->form[v], ml->formlen[v]);
	}
	if (unlabeled)
		send_shared_unlabeled(rcpt, ml->form[v], ml->formlen[v]);
	else
		send_shared(rcpt, ml->form[v], ml->formlen[v]);
}

/*
 * c says text, a multiline message (multiline.c), with verb to chan or to;
 * then it is logged and told to the sinks as one message.
 */
void
event_multiline(struct client *c, const char *verb, struct channel *chan,
    struct client *to, const char *text, const char *tags)
{
	struct event_ml		 ml;
	struct membership	*m;
	struct change		 ch;
	const char		*target = chan != NULL ? chan->name : to->nick;
	char			*line;
	int			 echo = (c->caps & CAP_ECHO_MESSAGE) != 0;

	memset(&ml, 0, sizeof ml);
	ml.src.linelen = (size_t)xasprintf(&line, ":%s %s %s :%s",
	    client_mask(c), verb, target, text);
	ml.src.line = line;
	send_stamp(&ml.src.time, &ml.src.msgid);
	ml.src.client_tags = tags;
	ml.src.account = c->account != NULL ? c->account->name : NULL;
	snprintf(ml.ref, sizeof ml.ref, "m%llx",
	    (unsigned long long)++srv.next_batch);
	ml.buf = evbuffer_new();
	if (chan != NULL) {
		LIST_FOREACH(m, &chan->members, channel_entry) {
			if (m->client != c)
				event_multiline_send(&ml, m->client, 0);
		}
	} else
		event_multiline_send(&ml, to, to == c && echo);
	if (echo)
		event_multiline_send(&ml, c, 0);
	evbuffer_free(ml.buf);

	event_message_change(&ch, c, verb, chan, to, text, tags);
	ch.time = ml.src.time;
	ch.msgid = ml.src.msgid;
	ch.line = line;
	ch.linelen = ml.src.linelen;
	event_tell(&ch, CHANGE_MESSAGE, c, NULL);
	free(line);
}

/* c sets the topic of chan (an empty one removes it). */
void
event_topic(struct client *c, struct channel *chan, const char *topic)
{
	struct outmsg		 om;
	struct change		 ch;
	struct log_event	 ev;

	free(chan->topic);
	free(chan->topic_who);
	chan->topic = *topic != '\0' ? xstrdup(topic) : NULL;
	chan->topic_who = xstrdup(client_mask(c));
	chan->topic_time = server_time();
	outmsg_init(&om, NULL, ":%s TOPIC %s :%s", client_mask(c), chan->name,
	    topic);
	outmsg_from(&om, c);
	send_channel(chan, &om, NULL, 0, 0);
	if (EVENT_LOG(&ev, "topic", c, chan)) {
		log_event_end(&ev);
	}
	memset(&ch, 0, sizeof ch);
	ch.target = chan->name;
	ch.text = topic;
	event_tell(&ch, CHANGE_TOPIC, c, &om);
}

/*
 * c gives chan another name (irc_rename() checked it). Members with
 * draft/channel-rename are told so; the others see themselves leave the
 * old name and join the new, with its topic and names, as the spec has
 * it. Its history goes with it, its lines naming the new name.
 */
void
event_rename(struct client *c, struct channel *chan, const char *name,
    const char *reason)
{
	struct membership	*m;
	struct outmsg		 om;
	struct change		 ch;
	struct log_event	 ev;
	struct client		*o;
	char			*old;

	old = xstrdup(chan->name);
	history_rename(old, name);
	channel_rename(chan, name);
	outmsg_init(&om, NULL, ":%s RENAME %s %s :%s", client_mask(c), old,
	    chan->name, reason);
	outmsg_from(&om, c);
	LIST_FOREACH(m, &chan->members, channel_entry) {
		o = m->client;
		if (o->caps & CAP_CHANNEL_RENAME) {
			outmsg_send(&om, o);
			continue;
		}
		send_raw(o, ":%s PART %s :%s", client_mask(o), old, reason);
		if (o->caps & CAP_EXTENDED_JOIN)
			send_raw(o, ":%s JOIN %s %s :%s", client_mask(o),
			    chan->name, o->account != NULL ? o->account->name :
			    "*", o->realname);
		else
			send_raw(o, ":%s JOIN %s", client_mask(o), chan->name);
		if (chan->topic != NULL) {
			send_numeric(o, RPL_TOPIC, chan->name, chan->topic);
			send_numeric(o, RPL_TOPICWHOTIME, chan->name,
			    chan->topic_who, (long long)chan->topic_time);
		}
		irc_channel_names(o, chan);
	}
	if (EVENT_LOG(&ev, "rename", c, chan)) {
		log_event_str(&ev, "from", old);
		log_event_end(&ev);
	}
	memset(&ch, 0, sizeof ch);
	ch.target = old;
	ch.text = chan->name;
	event_tell(&ch, CHANGE_RENAME, c, NULL);
	free(old);
}

/*
 * The modes of chan were changed by c (irc-mode.c applied them): changes
 * as "+o-v" and args as " alice bob", for every member.
 */
void
event_mode(struct client *c, struct channel *chan, const char *changes,
    const char *args)
{
	struct outmsg		 om;
	struct change		 ch;
	struct log_event	 ev;

	outmsg_init(&om, NULL, ":%s MODE %s %s%s", client_mask(c), chan->name,
	    changes, args);
	outmsg_from(&om, c);
	send_channel(chan, &om, NULL, 0, 0);
	if (EVENT_LOG(&ev, "mode", c, chan)) {
		log_event_str(&ev, "modes", changes);
		log_event_end(&ev);
	}
	memset(&ch, 0, sizeof ch);
	ch.target = chan->name;
	ch.text = changes;
	ch.extra = args;
	event_tell(&ch, CHANGE_MODE, c, &om);
}

/* c puts the member target out of chan, for reason. */
void
event_kick(struct client *c, struct channel *chan, struct membership *target,
    const char *reason)
{
	struct outmsg		 om;
	struct change		 ch;
	struct log_event	 ev;
	const char		*nick = target->client->nick;

	outmsg_init(&om, NULL, ":%s KICK %s %s :%s", client_mask(c),
	    chan->name, nick, reason);
	outmsg_from(&om, c);
	send_channel(chan, &om, NULL, 0, 0);
	if (EVENT_LOG(&ev, "kick", c, chan)) {
		log_event_str(&ev, "target", nick);
		log_event_str(&ev, "reason", reason);
		log_event_end(&ev);
	}
	memset(&ch, 0, sizeof ch);
	ch.target = chan->name;
	ch.extra = nick;
	ch.text = reason;
	event_tell(&ch, CHANGE_KICK, c, &om);
	channel_remove(target);
}

/* c is away with text, or back (NULL): away-notify members are told. */
void
event_away(struct client *c, const char *text)
{
	struct outmsg	om;
	struct change	ch;

	free(c->away);
	c->away = text != NULL ? xstrdup(text) : NULL;
	if (text != NULL)
		outmsg_init(&om, NULL, ":%s AWAY :%s", client_mask(c), text);
	else
		outmsg_init(&om, NULL, ":%s AWAY", client_mask(c));
	outmsg_from(&om, c);
	send_common(c, &om, 0, CAP_AWAY_NOTIFY, 0);
	memset(&ch, 0, sizeof ch);
	ch.text = text;
	event_tell(&ch, CHANGE_AWAY, c, &om);
}

/* c's real name is now realname: setname members (and c) are told. */
void
event_setname(struct client *c, const char *realname)
{
	struct outmsg	om;
	struct change	ch;

	client_set_names(c, c->user, realname);
	outmsg_init(&om, NULL, ":%s SETNAME :%s", client_mask(c), c->realname);
	outmsg_from(&om, c);
	send_common(c, &om, 1, CAP_SETNAME, 0);
	memset(&ch, 0, sizeof ch);
	ch.text = c->realname;
	event_tell(&ch, CHANGE_SETNAME, c, &om);
}

/*
 * c invites o to chan (or to a channel of that name that does not exist
 * yet, chan NULL): o is told, and, with invite-notify, the channel's
 * operators.
 */
void
event_invite(struct client *c, struct client *o, struct channel *chan,
    const char *name)
{
	struct membership	*op;
	struct outmsg		 om;
	struct change		 ch;

	if (chan != NULL)
		channel_invite_add(chan, o);
	outmsg_init(&om, NULL, ":%s INVITE %s %s", client_mask(c), o->nick,
	    name);
	outmsg_from(&om, c);
	outmsg_send(&om, o);
	if (chan != NULL) {
		LIST_FOREACH(op, &chan->members, channel_entry) {
			if (op->client != c && (op->modes & MEMBER_OP) &&
			    (op->client->caps & CAP_INVITE_NOTIFY))
				outmsg_send(&om, op->client);
		}
	}
	memset(&ch, 0, sizeof ch);
	ch.target = name;
	ch.extra = o->nick;
	event_tell(&ch, CHANGE_INVITE, c, &om);
}

/*
 * c redacts the line msgid of target (chan, or the private peer to if
 * there): told to those with draft/message-redaction who had it; the
 * sinks take it out (history.c from memory, store.c from the db).
 */
void
event_redact(struct client *c, const char *target, struct channel *chan,
    struct client *to, uint64_t msgid, const char *reason)
{
	struct outmsg		 om;
	struct change		 ch;
	struct log_event	 ev;
	char			 id[32];

	send_msgid(id, sizeof id, msgid);
	if (reason != NULL && *reason != '\0')
		outmsg_init(&om, NULL, ":%s REDACT %s %s :%s", client_mask(c),
		    target, id, reason);
	else
		outmsg_init(&om, NULL, ":%s REDACT %s %s", client_mask(c),
		    target, id);
	outmsg_from(&om, c);
	if (chan != NULL)
		send_channel(chan, &om, NULL, CAP_MESSAGE_REDACTION, 0);
	else {
		if (c->caps & CAP_MESSAGE_REDACTION)
			outmsg_send(&om, c);
		if (to != NULL && to != c &&
		    (to->caps & CAP_MESSAGE_REDACTION))
			outmsg_send(&om, to);
	}
	if (log_event_begin(&ev, LOG_INFO, "redact")) {
		log_event_uint(&ev, "id", c->id);
		log_event_str(&ev, "nick", c->nick);
		log_event_str(&ev, "target", target);
		log_event_str(&ev, "msgid", id);
		log_event_end(&ev);
	}
	memset(&ch, 0, sizeof ch);
	ch.target = target;
	ch.to = to;
	ch.text = reason;
	ch.redacted = msgid;
	event_tell(&ch, CHANGE_REDACT, c, &om);
}

/*
 * c logs in to account a, or out (NULL): applied, told to c and those who
 * share a channel with it (account-notify), logged, and given to the
 * sinks.
 */
void
event_account(struct client *c, struct account *a)
{
	struct outmsg		 om;
	struct change		 ch;
	struct log_event	 ev;
	struct account		*old = c->account;
	int			 told = (c->flags & CLIENT_REGISTERED) != 0;

	if (old != NULL)
		old->nclients--;
	if ((c->account = a) != NULL)
		a->nclients++;
	if (told) {
		outmsg_init(&om, NULL, ":%s ACCOUNT %s", client_mask(c),
		    a != NULL ? a->name : "*");
		outmsg_from(&om, c);
		send_common(c, &om, 1, CAP_ACCOUNT_NOTIFY, 0);
	}
	if (a != NULL ? log_event_begin(&ev, LOG_INFO, "login") :
	    log_event_begin(&ev, LOG_INFO, "logout")) {
		log_event_uint(&ev, "id", c->id);
		log_event_str(&ev, "nick", *c->nick != '\0' ? c->nick : "*");
		log_event_str(&ev, "account", a != NULL ? a->name :
		    old != NULL ? old->name : "*");
		if (a != NULL)
			log_event_str(&ev, "addr", c->host);
		log_event_end(&ev);
	}
	memset(&ch, 0, sizeof ch);
	ch.text = a != NULL ? a->name : NULL;
	event_tell(&ch, CHANGE_ACCOUNT, c, told ? &om : NULL);
}
