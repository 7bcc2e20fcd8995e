/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Channel operator commands: KICK and INVITE (ngIRCd's irc-op.c).
 */

#include "config.h"

#include <string.h>

#include "chatd.h"

void
irc_kick(struct client *c, struct msg *m)
{
	struct channel		*ch;
	struct membership	*mb, *tm;
	struct client		*o;
	char			*nicks = m->params[1], *nick;
	char			 reason[KICK_MAX + 1];
	int			 self;

	if ((ch = channel_find(m->params[0])) == NULL) {
		send_numeric(c, ERR_NOSUCHCHANNEL, m->params[0]);
		return;
	}
	if ((mb = channel_member(ch, c)) == NULL) {
		send_numeric(c, ERR_NOTONCHANNEL, ch->name);
		return;
	}
	if (!(mb->modes & MEMBER_OP)) {
		send_numeric(c, ERR_CHANOPRIVSNEEDED, ch->name);
		return;
	}
	xstrlcpy(reason, m->nparams > 2 && *m->params[2] != '\0' ?
	    m->params[2] : c->nick, (size_t)srv.conf->kicklen + 1);
	while ((nick = strsep(&nicks, ",")) != NULL) {
		if (*nick == '\0')
			continue;
		if ((o = user_find(nick)) == NULL) {
			send_numeric(c, ERR_NOSUCHNICK, nick);
			continue;
		}
		if ((tm = channel_member(ch, o)) == NULL) {
			send_numeric(c, ERR_USERNOTINCHANNEL, o->nick, ch->name);
			continue;
		}
		/*
		 * Kicking oneself ends one's right to kick, and maybe the
		 * channel with its last member: stop there.
		 */
		self = (tm == mb);
		event_kick(c, ch, tm, reason);
		if (self)
			break;
	}
}

void
irc_invite(struct client *c, struct msg *m)
{
	struct client		*o;
	struct channel		*ch;
	struct membership	*mb;
	const char		*chname = m->params[1];

	if ((o = user_find(m->params[0])) == NULL ||
	    !(o->flags & CLIENT_REGISTERED)) {
		send_numeric(c, ERR_NOSUCHNICK, m->params[0]);
		return;
	}
	if ((ch = channel_find(chname)) != NULL) {
		if ((mb = channel_member(ch, c)) == NULL) {
			send_numeric(c, ERR_NOTONCHANNEL, ch->name);
			return;
		}
		if ((ch->modes & CMODE_INVITE) && !(mb->modes & MEMBER_OP)) {
			send_numeric(c, ERR_CHANOPRIVSNEEDED, ch->name);
			return;
		}
		if (channel_member(ch, o) != NULL) {
			send_numeric(c, ERR_USERONCHANNEL, o->nick, ch->name);
			return;
		}
		chname = ch->name;
	}
	send_numeric(c, RPL_INVITING, o->nick, chname);
	event_invite(c, o, ch, chname);
	if (o->away != NULL)
		send_numeric(c, RPL_AWAY, o->nick, o->away);
}
