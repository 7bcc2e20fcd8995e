/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Channel operator commands: KICK and INVITE (ngIRCd's irc-op.c).
 */

#include "config.h"

#include <string.h>

#include "chatd.h"

/*
 * c kicks nick out of the channel named chname; 0 if c may kick there no
 * more (it is not in it or not its operator, or kicked itself).
 */
static int
irc_kick_one(struct client *c, const char *chname, const char *nick,
    const char *reason)
{
	struct channel		*ch;
	struct membership	*mb, *tm;
	struct client		*o;

	if ((ch = channel_find(chname)) == NULL) {
		send_numeric(c, ERR_NOSUCHCHANNEL, chname);
		return (0);
	}
	if ((mb = channel_member(ch, c)) == NULL) {
		send_numeric(c, ERR_NOTONCHANNEL, ch->name);
		return (0);
	}
	if (!(mb->modes & MEMBER_OP)) {
		send_numeric(c, ERR_CHANOPRIVSNEEDED, ch->name);
		return (0);
	}
	if ((o = user_find(nick)) == NULL) {
		send_numeric(c, ERR_NOSUCHNICK, nick);
		return (1);
	}
	if ((tm = channel_member(ch, o)) == NULL) {
		send_numeric(c, ERR_USERNOTINCHANNEL, o->nick, ch->name);
		return (1);
	}
	/*
	 * Kicking oneself ends one's right to kick, and maybe the channel
	 * with its last member: stop there.
	 */
	event_kick(c, ch, tm, reason);
	return (tm != mb);
}

/* How many items a comma-separated list has. */
static size_t
irc_kick_items(const char *list)
{
	size_t	n = 1;

	while ((list = strchr(list, ',')) != NULL) {
		list++;
		n++;
	}
	return (n);
}

/*
 * KICK #chan nick[,nick...] kicks each from one channel; KICK #a,#b x,y
 * kicks pairwise (RFC 2812 3.2.8), as many channels as nicks.
 */
void
irc_kick(struct client *c, struct msg *m)
{
	char	*chans = m->params[0], *nicks = m->params[1], *chan, *nick;
	char	 reason[KICK_MAX + 1];
	int	 pairs = strchr(chans, ',') != NULL;

	if (pairs && irc_kick_items(chans) != irc_kick_items(nicks)) {
		send_numeric(c, ERR_NEEDMOREPARAMS, "KICK");
		return;
	}
	xstrlcpy(reason, m->nparams > 2 && *m->params[2] != '\0' ?
	    m->params[2] : c->nick, (size_t)srv.conf->kicklen + 1);
	chan = pairs ? strsep(&chans, ",") : chans;
	while ((nick = strsep(&nicks, ",")) != NULL) {
		if (*nick != '\0' && *chan != '\0' &&
		    !irc_kick_one(c, chan, nick, reason) && !pairs)
			break;
		if (pairs && (chan = strsep(&chans, ",")) == NULL)
			break;
	}
}

void
irc_invite(struct client *c, struct msg *m)
{
	struct client		*o;
	struct channel		*ch;
	struct membership	*mb;
	const char		*chname;
	size_t			 i = 0;

	/* No parameters: the channels c is invited to (336, 337). */
	if (m->nparams == 0) {
		while ((ch = hashtab_next(&srv.channels, &i)) != NULL) {
			if (channel_invited(ch, c))
				send_numeric(c, RPL_INVITELIST, ch->name);
		}
		send_numeric(c, RPL_ENDOFINVITELIST);
		return;
	}
	if (m->nparams < 2) {
		send_numeric(c, ERR_NEEDMOREPARAMS, "INVITE");
		return;
	}
	chname = m->params[1];
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
