/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * PRIVMSG, NOTICE and TAGMSG to channels and nicks: channel checks, the
 * client-only tags relayed, echo-message, away replies and the message log.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <event2/event.h>

#include "chatd.h"

enum irc_message_kind {
	MESSAGE_PRIVMSG,
	MESSAGE_NOTICE,
	MESSAGE_TAGMSG
};

static const char *irc_message_verbs[] = { "PRIVMSG", "NOTICE", "TAGMSG" };

static void	irc_message(struct client *, struct msg *,
		    enum irc_message_kind);
static int	irc_message_target(struct client *, enum irc_message_kind,
		    char **, struct channel **, struct client **);
static int	irc_message_channel_ok(struct client *, struct channel *);
static int	irc_message_fits(struct client *, const char *, const char *,
		    const char *, size_t);
static void	irc_message_error(struct client *, enum irc_message_kind,
		    enum numeric, const char *);

/*
 * An error reply, except to a NOTICE: "automatic replies must never be
 * sent in response to a NOTICE message" (RFC 2812 3.3.2).
 */
static void
irc_message_error(struct client *c, enum irc_message_kind kind,
    enum numeric num, const char *arg)
{
	if (kind != MESSAGE_NOTICE)
		send_numeric(c, num, arg);
}

/* Copy the client-only (+) tags of a tag section, still escaped. */
size_t
irc_message_client_tags(const char *tags, char *out, size_t size)
{
	struct msg_tag	t;
	size_t		n = 0, need;

	*out = '\0';
	if (tags == NULL)
		return (0);
	while (msg_tag_next(&tags, &t)) {
		if (t.key[0] != '+' || t.keylen < 2)
			continue;
		need = t.keylen + (t.value != NULL ? 1 + t.valuelen : 0) +
		    (n != 0);
		if (n + need + 1 > size)
			break;
		if (n != 0)
			out[n++] = ';';
		memcpy(out + n, t.key, t.keylen);
		n += t.keylen;
		if (t.value != NULL && t.valuelen != 0) {
			out[n++] = '=';
			memcpy(out + n, t.value, t.valuelen);
			n += t.valuelen;
		}
		out[n] = '\0';
	}
	return (n);
}

/*
 * Whether text from c to target (with extra bytes of prefix) fits in one
 * line as the others get it, its source in front (RFC 1459 2.3: 512 bytes
 * with the CRLF). A line that does not is refused with 417 rather than cut
 * or sent too long.
 */
static int
irc_message_fits(struct client *c, const char *verb, const char *target,
    const char *text, size_t extra)
{
	size_t	n;

	n = extra + 1 + strlen(c->nick) + 1 + strlen(c->user) + 1 + strlen(c->host) +
	    1 + strlen(verb) + 1 + strlen(target) + 2 + strlen(text) + 2;
	return (n <= LINE_MAX_BODY);
}

/*
 * Whether c may speak in ch: +n, +m, bans and mutes, with voice or op to
 * pass.
 */
static int
irc_message_channel_ok(struct client *c, struct channel *ch)
{
	struct membership	*m = channel_member(ch, c);

	if (m != NULL && (m->modes & (MEMBER_OP | MEMBER_VOICE)))
		return (1);
	if (m == NULL && (ch->modes & CMODE_NOEXTERNAL))
		return (0);
	if (ch->modes & CMODE_MODERATED)
		return (0);
	return (!channel_banned(ch, c) && !channel_muted(ch, c));
}

static void
irc_message(struct client *c, struct msg *m, enum irc_message_kind kind)
{
	const char	*verb = irc_message_verbs[kind], *text = "";
	char		 tags[LINE_MAX_TAGS], *targets, *target, *p;
	struct channel	*ch = NULL;
	struct client	*to = NULL;
	uint32_t	 need = kind == MESSAGE_TAGMSG ? CAP_MESSAGE_TAGS : 0;
	int		 count = 1;
	char		 prefix;

	if (m->nparams < 1 || *m->params[0] == '\0') {
		irc_message_error(c, kind, ERR_NORECIPIENT, verb);
		return;
	}
	if (kind != MESSAGE_TAGMSG) {
		if (m->nparams < 2 || *m->params[1] == '\0') {
			irc_message_error(c, kind, ERR_NOTEXTTOSEND, NULL);
			return;
		}
		text = m->params[1];
	}
	for (p = m->params[0]; *p != '\0'; p++)
		count += (*p == ',');
	if (count > srv.conf->max_targets) {
		irc_message_error(c, kind, ERR_TOOMANYTARGETS, m->params[0]);
		return;
	}
	irc_message_client_tags(m->tags, tags, sizeof tags);
	if (kind == MESSAGE_PRIVMSG)
		c->last_spoke = (uint32_t)server_time();

	targets = m->params[0];
	while ((target = strsep(&targets, ",")) != NULL) {
		/* STATUSMSG: @#chan to its operators, +#chan to voice too. */
		prefix = '\0';
		if ((*target == '@' || *target == '+') && target[1] == '#')
			prefix = *target++;
		if (*target == '\0' ||
		    !irc_message_target(c, kind, &target, &ch, &to))
			continue;
		/* +C: a CTCP but ACTION is refused, as a NOTICE's is. */
		if (ch != NULL && (ch->modes & CMODE_NOCTCP) &&
		    *text == '\001' && strncmp(text, "\001ACTION ", 8) != 0) {
			irc_message_error(c, kind, ERR_CANNOTSENDTOCHAN,
			    ch->name);
			continue;
		}
		if (!irc_message_fits(c, verb, target, text,
		    prefix != '\0')) {
			send_numeric(c, ERR_INPUTTOOLONG);
			continue;
		}
		if (prefix != '\0') {
			event_statusmsg(c, verb, ch, prefix,
			    kind == MESSAGE_TAGMSG ? NULL : text,
			    *tags != '\0' ? tags : NULL, need);
			continue;
		}
		event_message(c, verb, ch, to, kind == MESSAGE_TAGMSG ? NULL :
		    text, *tags != '\0' ? tags : NULL, need);
		if (ch == NULL && kind == MESSAGE_PRIVMSG && to->away != NULL)
			send_numeric(c, RPL_AWAY, to->nick, to->away);
	}
}

/*
 * The channel (*chp) or the user (*top) that *target names, if c may
 * send there; *target becomes its name as the server spells it. If not,
 * c is told why (but for a NOTICE) and 0 returned.
 */
static int
irc_message_target(struct client *c, enum irc_message_kind kind,
    char **target, struct channel **chp, struct client **top)
{
	struct channel	*ch;
	struct client	*to;

	*chp = NULL;
	*top = NULL;
	if (**target == '#') {
		if ((ch = channel_find(*target)) == NULL) {
			irc_message_error(c, kind, ERR_NOSUCHNICK, *target);
			return (0);
		}
		if (!irc_message_channel_ok(c, ch)) {
			irc_message_error(c, kind, ERR_CANNOTSENDTOCHAN,
			    ch->name);
			return (0);
		}
		*target = ch->name;
		*chp = ch;
		return (1);
	}
	if ((to = user_find(*target)) == NULL ||
	    !(to->flags & CLIENT_REGISTERED)) {
		irc_message_error(c, kind, ERR_NOSUCHNICK, *target);
		return (0);
	}
	*target = to->nick;
	*top = to;
	return (1);
}

/*
 * A multiline batch c finished (multiline.c): text, its lines as kept, to
 * one target, with verb and the client-only tags of its BATCH line.
 */
void
irc_message_multiline(struct client *c, const char *verb, const char *name,
    const char *text, const char *tags)
{
	enum irc_message_kind	 kind = strcmp(verb, "NOTICE") == 0 ?
				    MESSAGE_NOTICE : MESSAGE_PRIVMSG;
	struct channel		*ch;
	struct client		*to;
	char			 buf[CHANNEL_MAX + NICK_MAX + 1], *target = buf;

	strfmt(buf, sizeof buf, "%s", name);
	if (!irc_message_target(c, kind, &target, &ch, &to))
		return;
	if (kind == MESSAGE_PRIVMSG)
		c->last_spoke = (uint32_t)server_time();
	event_multiline(c, verb, ch, to, text, tags);
	if (ch == NULL && kind == MESSAGE_PRIVMSG && to->away != NULL)
		send_numeric(c, RPL_AWAY, to->nick, to->away);
}

void
irc_privmsg(struct client *c, struct msg *m)
{
	irc_message(c, m, MESSAGE_PRIVMSG);
}

void
irc_notice(struct client *c, struct msg *m)
{
	irc_message(c, m, MESSAGE_NOTICE);
}

void
irc_tagmsg(struct client *c, struct msg *m)
{
	irc_message(c, m, MESSAGE_TAGMSG);
}
