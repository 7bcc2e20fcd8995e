/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Accounts verified by email (draft/account-registration's VERIFY). With
 * email-command set, REGISTER needs an email address: the account is not
 * made at once but waits here, its name held, while a code is mailed (the
 * command, sendmail -t style, reads the message on its standard input, on
 * a worker thread); VERIFY with the code makes it, as REGISTER does
 * without email, and logs in whoever sent it. A registration waits an hour
 * at most and allows five wrong codes; it is kept in memory only, its
 * password wiped when it ends.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "casemap.h"
#include "chatd.h"

#define VERIFY_SECONDS	3600	/* how long a code is good for */
#define VERIFY_TRIES	5	/* wrong codes before it is dropped */
#define VERIFY_CODE_LEN	8
#define VERIFY_MAX	1000	/* registrations waiting, everyone's */
#define VERIFY_MAIL_MS	30000	/* the mail command's time to finish */

extern char **environ;

/* A registration waiting for its code. */
struct verify {
	char			 name[NICK_MAX + 1];
	char			 email[VERIFY_EMAIL_MAX + 1];
	char			*password;
	char			 code[VERIFY_CODE_LEN + 1];
	time_t			 expires;
	int			 tries;
	int			 sent;		/* the mail went out */
	TAILQ_ENTRY(verify)	 entry;
};
static TAILQ_HEAD(, verify) verify_list = TAILQ_HEAD_INITIALIZER(verify_list);
static int	verify_count;

/* A mail being sent, on a worker thread. */
struct verify_mail {
	char	 name[NICK_MAX + 1];
	char	*command;
	char	*message;
	char	 error[128];
	int	 ok;
};

static void
verify_free(struct verify *v)
{
	TAILQ_REMOVE(&verify_list, v, entry);
	verify_count--;
	if (v->password != NULL) {
		sodium_memzero(v->password, strlen(v->password));
		free(v->password);
	}
	sodium_memzero(v, sizeof *v);
	free(v);
}

/* Drop the registrations past their hour. */
static void
verify_expire(void)
{
	struct verify	*v, *next;
	time_t		 now = server_time();

	for (v = TAILQ_FIRST(&verify_list); v != NULL; v = next) {
		next = TAILQ_NEXT(v, entry);
		if (v->expires <= now)
			verify_free(v);
	}
}

static struct verify *
verify_find(const char *name)
{
	struct verify	*v;

	verify_expire();
	TAILQ_FOREACH(v, &verify_list, entry) {
		if (casemap_cmp(v->name, name) == 0)
			return (v);
	}
	return (NULL);
}

/* Whether REGISTER needs an email address (and so VERIFY a code). */
int
verify_enabled(void)
{
	return (*srv.conf->email_command != '\0');
}

/* Whether name waits for its code: nobody else may register it. */
int
verify_pending(const char *name)
{
	return (verify_find(name) != NULL);
}

/*
 * Whether s looks like an address mail can go to: local@domain, printable
 * ASCII, no spaces, nothing a mail header could be split by.
 */
int
verify_email_valid(const char *s)
{
	const char	*at = strchr(s, '@'), *p;

	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@') ||
	    strlen(s) > VERIFY_EMAIL_MAX || strchr(at + 1, '.') == NULL)
		return (0);
	for (p = s; *p != '\0'; p++) {
		if (*p <= ' ' || *p >= 127 || strchr("<>()[]\\,;:\"", *p))
			return (0);
	}
	return (1);
}

/* On a worker thread: the mail command run, the message on its input. */
static void
verify_mail_work(void *arg)
{
	struct verify_mail		*vm = arg;
	posix_spawn_file_actions_t	 fa;
	char				 sh[] = "/bin/sh", dash_c[] = "-c";
	char				*argv[] = { sh, dash_c, vm->command,
					    NULL };
	pid_t				 pid;
	int				 fd[2], status, waited = 0;
	size_t				 len = strlen(vm->message), off = 0;
	ssize_t				 n;

	if (pipe(fd) != 0) {
		snprintf(vm->error, sizeof vm->error, "pipe: %s",
		    strerror(errno));
		return;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[0], 0);
	posix_spawn_file_actions_addclose(&fa, fd[1]);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	errno = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[0]);
	if (errno != 0) {
		snprintf(vm->error, sizeof vm->error, "spawn: %s",
		    strerror(errno));
		close(fd[1]);
		return;
	}
	while (off < len && (n = write(fd[1], vm->message + off,
	    len - off)) > 0)
		off += (size_t)n;
	close(fd[1]);
	/* A command that hangs is killed: the worker is not kept. */
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (waited >= VERIFY_MAIL_MS) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			snprintf(vm->error, sizeof vm->error,
			    "the command took over %d s", VERIFY_MAIL_MS / 1000);
			return;
		}
		usleep(10000);
		waited += 10;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && off == len)
		vm->ok = 1;
	else
		snprintf(vm->error, sizeof vm->error, "the command %s %d",
		    WIFEXITED(status) ? "exited" : "was killed by signal",
		    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
}

/* Back on the loop: c is told the code is on its way, or why it is not. */
static void
verify_mail_done(struct client *c, void *arg)
{
	struct verify_mail	*vm = arg;
	struct verify		*v = verify_find(vm->name);

	if (vm->ok && v != NULL) {
		v->sent = 1;
		log_info("event=verify-mail account=%s email=%s", v->name,
		    log_q(v->email));
		if (c != NULL)
			send_raw(c, ":%s REGISTER VERIFICATION_REQUIRED %s :A "
			    "code was mailed to %s; send VERIFY %s CODE",
			    srv.conf->name, v->name, v->email, v->name);
	} else {
		log_error("event=verify-mail-failed account=%s error=%s",
		    vm->name, log_q(vm->ok ? "expired" : vm->error));
		if (v != NULL)
			verify_free(v);
		if (c != NULL)
			send_raw(c, ":%s FAIL REGISTER TEMPORARILY_UNAVAILABLE "
			    "%s :The code could not be mailed; try again "
			    "later", srv.conf->name, vm->name);
	}
	free(vm->command);
	free(vm->message);
	free(vm);
}

/*
 * REGISTER name email password with email-command set: name is held, a
 * code made and mailed to email; c waits for the mail to go out.
 */
void
verify_register(struct client *c, const char *name, const char *email,
    const char *password)
{
	static const char	 alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	struct verify		*v;
	struct verify_mail	*vm;
	uint8_t			 rnd[VERIFY_CODE_LEN];
	char			 from[128];
	int			 i;

	verify_expire();
	if (verify_count >= VERIFY_MAX) {
		send_raw(c, ":%s FAIL REGISTER TEMPORARILY_UNAVAILABLE %s :Too "
		    "many registrations wait for their codes; try again later",
		    srv.conf->name, name);
		return;
	}
	v = xcalloc(1, sizeof *v);
	xstrlcpy(v->name, name, sizeof v->name);
	xstrlcpy(v->email, email, sizeof v->email);
	v->password = xstrdup(password);
	v->expires = server_time() + VERIFY_SECONDS;
	randombytes_buf(rnd, sizeof rnd);
	for (i = 0; i < VERIFY_CODE_LEN; i++)
		v->code[i] = alphabet[rnd[i] % (sizeof alphabet - 1)];
	TAILQ_INSERT_TAIL(&verify_list, v, entry);
	verify_count++;

	if (*srv.conf->email_from != '\0')
		xstrlcpy(from, srv.conf->email_from, sizeof from);
	else
		snprintf(from, sizeof from, "chatd@%s", srv.conf->name);
	vm = xcalloc(1, sizeof *vm);
	xstrlcpy(vm->name, name, sizeof vm->name);
	vm->command = xstrdup(srv.conf->email_command);
	xasprintf(&vm->message, "From: %s\nTo: %s\nSubject: Your code for "
	    "%s on %s\n\nThe code to make the account %s on %s is:\n\n"
	    "    %s\n\nIn your IRC client: /quote VERIFY %s %s\n"
	    "It is good for an hour. If you did not ask for it, there is "
	    "nothing to do.\n", from, email, name,
	    srv.conf->network, name, srv.conf->name, v->code, name, v->code);
	worker_submit(c, 1, verify_mail_work, verify_mail_done, vm);
}

/* The end of VERIFY: c is logged in to the new account, or told why not. */
static void
verify_done(struct client *c, struct account *a, int result)
{
	if (a != NULL) {
		send_raw(c, ":%s VERIFY SUCCESS %s :Account created",
		    srv.conf->name, a->name);
		account_login(c, a);
		return;
	}
	send_raw(c, ":%s FAIL VERIFY TEMPORARILY_UNAVAILABLE * :The account "
	    "could not be made; try again later", srv.conf->name);
}

void
irc_verify(struct client *c, struct msg *m)
{
	struct verify	*v;
	const char	*name = m->params[0], *code = m->params[1];
	char		 password[ACCOUNT_PASSWORD_MAX + 1];

	if (!verify_enabled() || !account_enabled()) {
		send_raw(c, ":%s FAIL VERIFY INVALID_CODE %s :This server "
		    "mails no codes", srv.conf->name, name);
		return;
	}
	if (c->account != NULL) {
		send_raw(c, ":%s FAIL VERIFY ALREADY_AUTHENTICATED %s :You "
		    "are already logged in", srv.conf->name, c->account->name);
		return;
	}
	if ((v = verify_find(name)) == NULL || !v->sent) {
		send_raw(c, ":%s FAIL VERIFY INVALID_CODE %s :No registration "
		    "of that name waits for a code", srv.conf->name, name);
		return;
	}
	if (strlen(code) != VERIFY_CODE_LEN ||
	    sodium_memcmp(code, v->code, VERIFY_CODE_LEN) != 0) {
		send_raw(c, ":%s FAIL VERIFY INVALID_CODE %s :That is not "
		    "the code%s", srv.conf->name, v->name,
		    ++v->tries >= VERIFY_TRIES ? "; register again" : "");
		if (v->tries >= VERIFY_TRIES)
			verify_free(v);
		return;
	}
	xstrlcpy(password, v->password, sizeof password);
	account_register(c, v->name, password, verify_done);
	sodium_memzero(password, sizeof password);
	verify_free(v);
}

void
verify_free_all(void)
{
	while (!TAILQ_EMPTY(&verify_list))
		verify_free(TAILQ_FIRST(&verify_list));
}
