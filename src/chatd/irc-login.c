/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Connection registration and keeping alive: PASS, NICK, USER, PING, PONG,
 * QUIT, and the welcome that follows registration (ngIRCd's irc-login.c).
 */

#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "casemap.h"
#include "chatd.h"

static int	irc_login_secret_eq(const char *, const char *);
static void	irc_login_user_clean(char *);

/* Compare secrets in time independent of where they differ. */
static int
irc_login_secret_eq(const char *a, const char *b)
{
	size_t		la = strlen(a), lb = strlen(b), i;
	unsigned char	diff = la != lb;

	for (i = 0; i < la; i++)
		diff |= (unsigned char)a[i] ^ (unsigned char)b[i % (lb + 1)];
	return (diff == 0);
}

void
irc_pass(struct client *c, struct msg *m)
{
	if (*srv.conf->password == '\0' ||
	    irc_login_secret_eq(m->params[0], srv.conf->password))
		c->flags |= CLIENT_PASSOK;
	else
		c->flags &= ~CLIENT_PASSOK;
}

/* Whether s is a valid nick: a letter or special first, then also digits. */
int
irc_nick_valid(const char *s)
{
	const char	*special = "[]\\`_^{|}";

	if (*s == '\0' || (!isalpha((unsigned char)*s) &&
	    strchr(special, *s) == NULL))
		return (0);
	for (s++; *s != '\0'; s++) {
		if (!isalnum((unsigned char)*s) && *s != '-' &&
		    strchr(special, *s) == NULL)
			return (0);
	}
	return (1);
}

void
irc_nick(struct client *c, struct msg *m)
{
	struct client	*other;
	const char	*nick;

	if (m->nparams < 1 || *m->params[0] == '\0') {
		send_numeric(c, ERR_NONICKNAMEGIVEN);
		return;
	}
	nick = m->params[0];
	if (!irc_nick_valid(nick) || (int)strlen(nick) > srv.conf->nicklen) {
		send_numeric(c, ERR_ERRONEUSNICKNAME, nick);
		return;
	}
	if ((other = user_find(nick)) != NULL && other != c) {
		if (!(c->flags & CLIENT_REGISTERED))
			irc_sasl_wanted(c, nick);
		send_numeric(c, ERR_NICKNAMEINUSE, nick);
		return;
	}
	if (strcmp(c->nick, nick) == 0)
		return;

	if (!(c->flags & CLIENT_REGISTERED)) {
		user_rename(c, nick);
		c->flags |= CLIENT_GOTNICK;
		irc_login_try(c);
		return;
	}
	event_nick(c, nick);
	account_check_nick(c);
}

/* Keep only characters that are safe in a user name. */
static void
irc_login_user_clean(char *s)
{
	for (; *s != '\0'; s++) {
		if (!isalnum((unsigned char)*s) && strchr("-_.", *s) == NULL)
			*s = '_';
	}
}

void
irc_user(struct client *c, struct msg *m)
{
	if (c->flags & CLIENT_GOTUSER) {
		send_numeric(c, ERR_ALREADYREGISTERED);
		return;
	}
	/* An empty user name or real name is no USER (modern.ircdocs). */
	if (*m->params[0] == '\0' || *m->params[3] == '\0') {
		send_numeric(c, ERR_NEEDMOREPARAMS, "USER");
		return;
	}
	client_set_names(c, m->params[0], m->params[3]);
	irc_login_user_clean(c->user);
	c->flags |= CLIENT_GOTUSER;
	irc_login_try(c);
}

/* Finish registration once NICK, USER and CAP END (if begun) are in. */
void
irc_login_try(struct client *c)
{
	int	i;

	if ((c->flags & CLIENT_REGISTERED) ||
	    !(c->flags & CLIENT_GOTNICK) || !(c->flags & CLIENT_GOTUSER) ||
	    (c->flags & CLIENT_CAPNEG))
		return;
	if (*srv.conf->password != '\0' && !(c->flags & CLIENT_PASSOK)) {
		send_numeric(c, ERR_PASSWDMISMATCH);
		client_close(c, "Bad password");
		return;
	}
	irc_sasl_abort(c);
	event_register(c);
	irc_info_welcome(c);
	metadata_registered(c);
	account_check_nick(c);
	for (i = 0; i < srv.conf->autojoin.n && !(c->flags & CLIENT_DEAD); i++)
		irc_channel_join(c, srv.conf->autojoin.v[i], NULL);
}

void
irc_ping(struct client *c, struct msg *m)
{
	if (m->nparams < 1) {
		send_numeric(c, ERR_NOORIGIN);
		return;
	}
	send_raw(c, ":%s PONG %s :%s", srv.conf->name, srv.conf->name,
	    m->params[0]);
}

/* Any line resets the idle clock; a PONG needs nothing more. */
void
irc_pong(struct client *c, struct msg *m)
{
}

void
irc_quit(struct client *c, struct msg *m)
{
	const char	*reason = "Client Quit";

	if (m->nparams > 0 && *m->params[0] != '\0')
		reason = m->params[0];
	client_close(c, reason);
}
