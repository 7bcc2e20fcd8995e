/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Channel commands: JOIN (and the default room after registration), PART,
 * TOPIC, NAMES and LIST (ngIRCd's irc-channel.c).
 */

#include "config.h"

#include <sys/param.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casemap.h"
#include "chatd.h"

/* Room for one 353 line's list of names. */
#define NAMES_LINE	400
/* Names, masks and !masks one LIST may have. */
#define LIST_TERMS_MAX	16
#define TIME_MAX	((time_t)INT64_MAX)

static int	irc_channel_count(struct client *);
static void	irc_channel_cat(char *, size_t *, const char *);
static void	irc_channel_part(struct client *, struct channel *,
		    const char *);
static void	irc_channel_namreply(struct client *, struct channel *);

/* Append s at *n; the caller has made sure it fits. */
static void
irc_channel_cat(char *buf, size_t *n, const char *s)
{
	size_t	len = strlen(s);

	memcpy(buf + *n, s, len);
	*n += len;
}

static int
irc_channel_count(struct client *c)
{
	struct membership	*m;
	int			 n = 0;

	LIST_FOREACH(m, &c->channels, client_entry)
		n++;
	return (n);
}

/* Join c to a channel, creating it, and tell its members. */
void
irc_channel_join(struct client *c, const char *name, const char *key)
{
	struct channel	*ch;
	uint8_t		 modes;
	int		 invited, created;

	if (!channel_valid_name(name, srv.conf->channellen)) {
		send_numeric(c, ERR_NOSUCHCHANNEL, name);
		return;
	}
	ch = channel_find(name);
	if (ch != NULL && channel_member(ch, c) != NULL)
		return;
	if (irc_channel_count(c) >= srv.conf->max_channels) {
		send_numeric(c, ERR_TOOMANYCHANNELS, name);
		return;
	}
	created = ch == NULL;
	if (ch != NULL) {
		invited = channel_invited(ch, c);
		if (ch->key != NULL && (key == NULL || strcmp(key, ch->key) != 0)) {
			send_numeric(c, ERR_BADCHANNELKEY, ch->name);
			return;
		}
		if ((ch->modes & CMODE_INVITE) && !invited &&
		    !channel_listed(ch, c, 'I')) {
			send_numeric(c, ERR_INVITEONLYCHAN, ch->name);
			return;
		}
		if (ch->limit != 0 && ch->nmembers >= ch->limit && !invited) {
			send_numeric(c, ERR_CHANNELISFULL, ch->name);
			return;
		}
		if (!invited && channel_banned(ch, c)) {
			send_numeric(c, ERR_BANNEDFROMCHAN, ch->name);
			return;
		}
		channel_invite_remove(ch, c);
	} else
		ch = channel_create(name);
	modes = chanreg_join_modes(ch, c, created);
	event_join(c, ch, modes);
	if (ch->topic != NULL) {
		send_numeric(c, RPL_TOPIC, ch->name, ch->topic);
		send_numeric(c, RPL_TOPICWHOTIME, ch->name, ch->topic_who,
		    (long long)ch->topic_time);
	}
	/* The names, and before their end the read marker (read-marker). */
	irc_channel_namreply(c, ch);
	marker_join(c, ch);
	send_numeric(c, RPL_ENDOFNAMES, ch->name);
	/* What was said lately, for who does not ask with CHATHISTORY. */
	history_replay(c, ch);
	metadata_join(c, ch);
}

void
irc_join(struct client *c, struct msg *m)
{
	char		*names, *keys, *name, *key;
	struct membership *cm;

	if (strcmp(m->params[0], "0") == 0) {
		while ((cm = LIST_FIRST(&c->channels)) != NULL)
			irc_channel_part(c, cm->channel, "Left all channels");
		return;
	}
	names = m->params[0];
	keys = m->nparams > 1 ? m->params[1] : NULL;
	while ((name = strsep(&names, ",")) != NULL &&
	    !(c->flags & CLIENT_DEAD)) {
		key = keys != NULL ? strsep(&keys, ",") : NULL;
		if (*name != '\0')
			irc_channel_join(c, name, key);
	}
}

/* Take c out of ch, telling its members why. */
static void
irc_channel_part(struct client *c, struct channel *ch, const char *reason)
{
	struct membership	*m;

	if ((m = channel_member(ch, c)) == NULL) {
		send_numeric(c, ERR_NOTONCHANNEL, ch->name);
		return;
	}
	event_part(c, m, reason);
}

void
irc_part(struct client *c, struct msg *m)
{
	struct channel	*ch;
	char		*names = m->params[0], *name;
	const char	*reason = m->nparams > 1 ? m->params[1] : NULL;

	while ((name = strsep(&names, ",")) != NULL) {
		if (*name == '\0')
			continue;
		if ((ch = channel_find(name)) == NULL)
			send_numeric(c, ERR_NOSUCHCHANNEL, name);
		else
			irc_channel_part(c, ch, reason);
	}
}

void
irc_topic(struct client *c, struct msg *m)
{
	struct channel		*ch;
	struct membership	*mb;
	char			 topic[TOPIC_MAX + 1];

	if ((ch = channel_find(m->params[0])) == NULL) {
		send_numeric(c, ERR_NOSUCHCHANNEL, m->params[0]);
		return;
	}
	mb = channel_member(ch, c);
	if (m->nparams < 2) {
		if (mb == NULL && (ch->modes & CMODE_SECRET))
			send_numeric(c, ERR_NOTONCHANNEL, ch->name);
		else if (ch->topic == NULL)
			send_numeric(c, RPL_NOTOPIC, ch->name);
		else {
			send_numeric(c, RPL_TOPIC, ch->name, ch->topic);
			send_numeric(c, RPL_TOPICWHOTIME, ch->name,
			    ch->topic_who, (long long)ch->topic_time);
		}
		return;
	}
	if (mb == NULL) {
		send_numeric(c, ERR_NOTONCHANNEL, ch->name);
		return;
	}
	if ((ch->modes & CMODE_TOPIC) && !(mb->modes & MEMBER_OP)) {
		send_numeric(c, ERR_CHANOPRIVSNEEDED, ch->name);
		return;
	}
	xstrlcpy(topic, m->params[1], (size_t)srv.conf->topiclen + 1);
	event_topic(c, ch, topic);
}

/*
 * RENAME #channel #newname [:reason] (draft/channel-rename): by an operator
 * of the channel or an IRC operator; members, modes, bans, topic and
 * invites stay with it, and the old name is free again. The server's
 * rooms (autojoin) and registered channels keep their names: the
 * configuration and the db know them by it.
 */
void
irc_rename(struct client *c, struct msg *m)
{
	const char		*old = m->params[0], *name = m->params[1];
	const char		*reason = m->nparams > 2 ? m->params[2] : "";
	struct channel		*ch, *other;
	struct membership	*mb;
	const char		*why = NULL;

	if ((ch = channel_find(old)) == NULL) {
		send_numeric(c, ERR_NOSUCHCHANNEL, old);
		return;
	}
	if ((mb = channel_member(ch, c)) == NULL &&
	    !(c->umodes & UMODE_OPER)) {
		send_numeric(c, ERR_NOTONCHANNEL, ch->name);
		return;
	}
	if ((mb == NULL || !(mb->modes & MEMBER_OP)) &&
	    !(c->umodes & UMODE_OPER)) {
		send_numeric(c, ERR_CHANOPRIVSNEEDED, ch->name);
		return;
	}
	other = channel_find(name);
	if (!channel_valid_name(name, srv.conf->channellen))
		why = "That is not a valid channel name";
	else if (config_is_autojoin(srv.conf, ch->name) ||
	    config_is_autojoin(srv.conf, name))
		why = "The server's rooms keep their names";
	else if (ch->modes & CMODE_REGISTERED)
		why = "A registered channel keeps its name";
	if (why != NULL) {
		send_raw(c, ":%s FAIL RENAME CANNOT_RENAME %s %s :%s",
		    srv.conf->name, ch->name, name, why);
		return;
	}
	if (other != NULL && other != ch) {
		send_raw(c, ":%s FAIL RENAME CHANNEL_NAME_IN_USE %s %s :That "
		    "name is in use", srv.conf->name, ch->name, name);
		return;
	}
	if (strcmp(ch->name, name) == 0)
		return;
	event_rename(c, ch, name, reason);
}

/* Send the 353 lines and the 366 for one channel. */
void
irc_channel_names(struct client *c, struct channel *ch)
{
	irc_channel_namreply(c, ch);
	send_numeric(c, RPL_ENDOFNAMES, ch->name);
}

/* Send the 353 lines of one channel, if c may see its members. */
static void
irc_channel_namreply(struct client *c, struct channel *ch)
{
	struct membership	*m;
	struct client		*o;
	char			 line[NAMES_LINE + 128];
	const char		*prefix;
	size_t			 n = 0, len, plen, nlen;
	int			 multi = (c->caps & CAP_MULTI_PREFIX) != 0;
	int			 uhnames = (c->caps & CAP_USERHOST_IN_NAMES) != 0;
	char			 type = (ch->modes & CMODE_SECRET) ? '@' : '=';

	/* Built with copies, not printf: a big channel's NAMES is long. */
	if (!(ch->modes & CMODE_SECRET) || channel_member(ch, c) != NULL) {
		LIST_FOREACH(m, &ch->members, channel_entry) {
			o = m->client;
			prefix = channel_prefix(m->modes, multi);
			plen = strlen(prefix);
			nlen = strlen(o->nick);
			len = plen + nlen;
			if (uhnames)
				len += 2 + strlen(o->user) + strlen(o->host);
			if (n != 0 && n + 1 + len > NAMES_LINE) {
				line[n] = '\0';
				send_numeric(c, RPL_NAMREPLY, type, ch->name,
				    line);
				n = 0;
			}
			if (n != 0)
				line[n++] = ' ';
			memcpy(line + n, prefix, plen);
			memcpy(line + n + plen, o->nick, nlen);
			n += plen + nlen;
			if (uhnames) {
				line[n++] = '!';
				irc_channel_cat(line, &n, o->user);
				line[n++] = '@';
				irc_channel_cat(line, &n, o->host);
			}
		}
		if (n != 0) {
			line[n] = '\0';
			send_numeric(c, RPL_NAMREPLY, type, ch->name, line);
		}
	}
}

void
irc_names(struct client *c, struct msg *m)
{
	struct channel	*ch;
	char		 all[LINE_MAX_BODY], *names, *name;

	if (m->nparams < 1) {
		send_numeric(c, RPL_ENDOFNAMES, "*");
		return;
	}
	/* One 366 ends the lot, naming what was asked (modern.ircdocs). */
	xstrlcpy(all, m->params[0], sizeof all);
	names = m->params[0];
	while ((name = strsep(&names, ",")) != NULL) {
		if ((ch = channel_find(name)) != NULL)
			irc_channel_namreply(c, ch);
	}
	send_numeric(c, RPL_ENDOFNAMES, all);
}

/* Whether c may see ch in LIST: not secret, or c is in it. */
static int
irc_list_visible(struct client *c, struct channel *ch)
{
	return (!(ch->modes & CMODE_SECRET) || channel_member(ch, c) != NULL);
}

static void
irc_list_send(struct client *c, struct channel *ch)
{
	send_numeric(c, RPL_LIST, ch->name, ch->nmembers,
	    ch->topic != NULL ? ch->topic : "");
}

/*
 * LIST's filters (ELIST=CMNTU): names and masks (any may match), !masks
 * (none may), >n and <n members, C>n and C<n minutes since the channel
 * was made, T>n and T<n since its topic was set (modern.ircdocs).
 */
struct list_filter {
	char		*terms[LIST_TERMS_MAX];
	int		 nterms;
	int		 named;		/* names or masks to match */
	int		 filtered;	/* anything but plain names */
	long		 users_min, users_max;
	time_t		 created_min, created_max;
	time_t		 topic_min, topic_max;
};

/* Read one term into f; 0 if it is not one. */
static int
irc_list_term(struct list_filter *f, char *term, time_t now)
{
	char		*end, kind = '\0';
	long		 v;
	time_t		*lo, *hi;

	if ((*term == 'C' || *term == 'T') &&
	    (term[1] == '<' || term[1] == '>'))
		kind = *term++;
	if (*term == '<' || *term == '>' || *term == '!' ||
	    strpbrk(term, "*?") != NULL)
		f->filtered = 1;
	if (*term == '<' || *term == '>') {
		v = strtol(term + 1, &end, 10);
		if (end == term + 1 || *end != '\0' || v < 0 || v > 1000000000)
			return (0);
		if (kind == '\0') {
			if (*term == '>')
				f->users_min = MAX(f->users_min, v + 1);
			else
				f->users_max = MIN(f->users_max, v - 1);
			return (1);
		}
		/* "C>2": made more than two minutes ago, so before then. */
		lo = kind == 'C' ? &f->created_min : &f->topic_min;
		hi = kind == 'C' ? &f->created_max : &f->topic_max;
		if (*term == '>')
			*hi = MIN(*hi, now - v * 60 - 1);
		else
			*lo = MAX(*lo, now - v * 60 + 1);
		return (1);
	}
	if (*term == '\0' || f->nterms == LIST_TERMS_MAX)
		return (0);
	if (*term != '!')
		f->named = 1;
	f->terms[f->nterms++] = term;
	return (1);
}

/* Whether ch passes f. */
static int
irc_list_match(const struct list_filter *f, const struct channel *ch)
{
	const char	*t;
	int		 i, named = 0;

	if ((long)ch->nmembers < f->users_min ||
	    (long)ch->nmembers > f->users_max ||
	    ch->created < f->created_min || ch->created > f->created_max)
		return (0);
	if (f->topic_min != 0 || f->topic_max != TIME_MAX) {
		if (ch->topic == NULL || ch->topic_time < f->topic_min ||
		    ch->topic_time > f->topic_max)
			return (0);
	}
	for (i = 0; i < f->nterms; i++) {
		t = f->terms[i];
		if (*t == '!') {
			if (casemap_match(t + 1, ch->name))
				return (0);
		} else if (!named && (strpbrk(t, "*?") != NULL ?
		    casemap_match(t, ch->name) : casemap_cmp(t, ch->name) == 0))
			named = 1;
	}
	return (named || !f->named);
}

void
irc_list(struct client *c, struct msg *m)
{
	struct list_filter	 f;
	struct channel		*ch;
	size_t			 i = 0;
	char			*terms, *term, why[160];
	time_t			 now = server_time();

	memset(&f, 0, sizeof f);
	f.users_max = LONG_MAX;
	f.created_max = f.topic_max = TIME_MAX;
	if (m->nparams > 0) {
		terms = m->params[0];
		while ((term = strsep(&terms, ",")) != NULL) {
			if (*term != '\0' && !irc_list_term(&f, term, now)) {
				snprintf(why, sizeof why, "Not a LIST filter: "
				    "%.100s", term);
				send_fail(c, "LIST", "INVALID_PARAMS", why);
				return;
			}
		}
	}
	send_numeric(c, RPL_LISTSTART);
	/* Names alone: each looked up, not the whole table walked. */
	if (f.named && !f.filtered) {
		for (i = 0; i < (size_t)f.nterms; i++) {
			if ((ch = channel_find(f.terms[i])) != NULL &&
			    irc_list_visible(c, ch))
				irc_list_send(c, ch);
		}
	} else {
		while ((ch = hashtab_next(&srv.channels, &i)) != NULL) {
			if (irc_list_visible(c, ch) && irc_list_match(&f, ch))
				irc_list_send(c, ch);
		}
	}
	send_numeric(c, RPL_LISTEND);
}
