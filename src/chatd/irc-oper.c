/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Server operators: OPER against the crypt(3) hashes of the oper option
 * (checked on a worker thread), KILL, REHASH and WALLOPS, and the hash
 * maker behind --hash-password.
 */

#include "config.h"

#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chatd.h"

/* An OPER on its way through a worker thread (worker.c). */
struct oper_job {
	char			 name[64];
	char			*password;
	struct strlist		 hashes;	/* the oper lines' for name */
	int			 decoy;		/* none: hash one, to take as long */
	int			 ok;
	struct crypt_data	 data;
};

static void	irc_oper_work(void *);
static void	irc_oper_done(struct client *, void *);

/*
 * On a worker thread: whether the password matches one of the hashes. A
 * hash takes about 10 ms of a core (yescrypt), which the loop never waits.
 */
static void
irc_oper_work(void *arg)
{
	struct oper_job	*j = arg;
	const char	*out;
	int		 i;

	for (i = 0; i < j->hashes.n && !j->ok; i++) {
		out = crypt_r(j->password, j->hashes.v[i], &j->data);
		if (out != NULL && *out != '*' &&
		    strcmp(out, j->hashes.v[i]) == 0 && !j->decoy)
			j->ok = 1;
	}
}

/* Back on the loop: c (if still there) is an operator now, or is told no. */
static void
irc_oper_done(struct client *c, void *arg)
{
	struct oper_job	*j = arg;

	if (c == NULL)
		;
	else if (!j->ok) {
		log_warn("event=oper-failed id=%llu nick=%s name=%s addr=%s",
		    (unsigned long long)c->id, c->nick, log_q(j->name),
		    c->host);
		send_numeric(c, ERR_PASSWDMISMATCH);
	} else {
		if (!(c->umodes & UMODE_OPER)) {
			c->umodes |= UMODE_OPER;
			srv.nopers++;
		}
		log_info("event=oper id=%llu nick=%s name=%s",
		    (unsigned long long)c->id, c->nick, log_q(j->name));
		send_numeric(c, RPL_YOUREOPER);
		send_raw(c, ":%s MODE %s :+o", srv.conf->name, c->nick);
	}
	explicit_bzero(j->password, strlen(j->password));
	free(j->password);
	strlist_clear(&j->hashes);
	explicit_bzero(&j->data, sizeof j->data);
	free(j);
}

/*
 * OPER name password: checked on a worker thread against the oper lines
 * for name (copied: a reload may come meanwhile); c waits for the answer.
 */
void
irc_oper(struct client *c, struct msg *m)
{
	struct strlist	*opers = &srv.conf->oper;
	struct oper_job	*j;
	const char	*sp;
	size_t		 len = strlen(m->params[0]);
	int		 i;

	j = xcalloc(1, sizeof *j);
	snprintf(j->name, sizeof j->name, "%s", m->params[0]);
	j->password = xstrdup(m->params[1]);
	for (i = 0; i < opers->n; i++) {
		sp = strchr(opers->v[i], ' ');
		if (sp != NULL && (size_t)(sp - opers->v[i]) == len &&
		    strncmp(opers->v[i], m->params[0], len) == 0)
			strlist_add(&j->hashes, sp + 1);
	}
	/* An unknown name takes as long to refuse as a wrong password. */
	if (j->hashes.n == 0 && opers->n != 0 &&
	    (sp = strchr(opers->v[0], ' ')) != NULL) {
		strlist_add(&j->hashes, sp + 1);
		j->decoy = 1;
	}
	worker_submit(c, 1, irc_oper_work, irc_oper_done, j);
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
