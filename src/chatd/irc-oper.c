/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Server operators: OPER against the crypt(3) hashes of the oper option,
 * KILL, REHASH and WALLOPS, and the hash maker behind --hash-password.
 */

#include "config.h"

#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chatd.h"

static int	irc_oper_check(const char *, const char *);

/* Whether password matches one of the oper lines for name. */
static int
irc_oper_check(const char *name, const char *password)
{
	struct strlist	*opers = &srv.conf->oper;
	const char	*sp, *hash, *out;
	size_t		 len = strlen(name);
	int		 i;

	for (i = 0; i < opers->n; i++) {
		sp = strchr(opers->v[i], ' ');
		if (sp == NULL || (size_t)(sp - opers->v[i]) != len ||
		    strncmp(opers->v[i], name, len) != 0)
			continue;
		hash = sp + 1;
		out = crypt(password, hash);
		if (out != NULL && *out != '*' && strcmp(out, hash) == 0)
			return (1);
	}
	return (0);
}

void
irc_oper(struct client *c, struct msg *m)
{
	if (!irc_oper_check(m->params[0], m->params[1])) {
		log_warn("event=oper-failed id=%llu nick=%s name=%s addr=%s",
		    (unsigned long long)c->id, c->nick, log_q(m->params[0]),
		    c->host);
		send_numeric(c, ERR_PASSWDMISMATCH);
		return;
	}
	if (!(c->umodes & UMODE_OPER)) {
		c->umodes |= UMODE_OPER;
		srv.nopers++;
	}
	log_info("event=oper id=%llu nick=%s name=%s",
	    (unsigned long long)c->id, c->nick, log_q(m->params[0]));
	send_numeric(c, RPL_YOUREOPER);
	send_raw(c, ":%s MODE %s :+o", srv.conf->name, c->nick);
}

void
irc_kill(struct client *c, struct msg *m)
{
	struct client	*o;
	char		 reason[300];

	if ((o = user_find(m->params[0])) == NULL) {
		send_numeric(c, ERR_NOSUCHNICK, m->params[0]);
		return;
	}
	snprintf(reason, sizeof reason, "Killed (%s (%s))", c->nick,
	    m->nparams > 1 ? m->params[1] : "no reason");
	log_info("event=kill id=%llu nick=%s target=%s reason=%s",
	    (unsigned long long)c->id, c->nick, o->nick, log_q(reason));
	client_close(o, reason);
}

void
irc_rehash(struct client *c, struct msg *m)
{
	send_numeric(c, RPL_REHASHING, srv.conf_file != NULL ? srv.conf_file :
	    "(no file)");
	server_reload(c);
}

void
irc_wallops(struct client *c, struct msg *m)
{
	struct client	*o;
	struct outmsg	 om;

	outmsg_init(&om, NULL, ":%s WALLOPS :%s", client_mask(c),
	    m->params[0]);
	TAILQ_FOREACH(o, &srv.clients, entry) {
		if ((o->flags & CLIENT_REGISTERED) &&
		    (o->umodes & (UMODE_WALLOPS | UMODE_OPER)))
			outmsg_send(&om, o);
	}
}

/* Hash a password for an oper line: yescrypt, or SHA-512 crypt. */
char *
irc_oper_hash(const char *password)
{
	const char	*salt, *out;

	if ((salt = crypt_gensalt("$y$", 0, NULL, 0)) == NULL &&
	    (salt = crypt_gensalt("$6$", 0, NULL, 0)) == NULL)
		return (NULL);
	if ((out = crypt(password, salt)) == NULL || *out == '*')
		return (NULL);
	return (xstrdup(out));
}
