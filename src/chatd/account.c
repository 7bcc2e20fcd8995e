/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Accounts: kept in the db (store.c), and in memory for the loop, which
 * never waits for either the disk or a hash. A password is kept as
 * argon2id (libsodium's crypto_pwhash_str), made and checked on a worker
 * thread, and as SCRAM-SHA-256's keys, which the loop checks itself (two
 * HMACs). A new account is written to the db by the job that hashed its
 * password; changes made by chatd --account while chatd runs are seen
 * within a few seconds (a count the db's triggers keep, polled on the
 * pool).
 *
 * Failed logins are throttled per address and per account: after three,
 * each further attempt waits 1, 2, 4 ... up to 64 seconds, told to the
 * client. A registered nick belongs to its account: whoever else holds it
 * is told, and renamed to a guest nick after nick-grace seconds.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "casemap.h"
#include "chatd.h"
#include "conn.h"
#include "i18n.h"
#include "scram.h"
#include "store.h"

/* Failures before the throttle starts, and its longest wait. */
#define ACCOUNT_FREE_FAILS	3
#define ACCOUNT_MAX_WAIT	64
/*
 * Password hashes waiting for the pool, past which a login or a REGISTER
 * is told to come back: a storm must not queue without end.
 */
#define ACCOUNT_MAX_PENDING	64
/*
 * argon2id's cost: OWASP's (19 MiB, two passes; crypto_pwhash's own
 * INTERACTIVE takes 64 MiB). Measured, 64 MiB a hash made a storm of
 * logins delay others' messages by up to 28 ms (the kernel zeroing and
 * mapping the pages), 19 MiB by 10 ms (tools/bench-accounts).
 */
#define ACCOUNT_MEMLIMIT	(19u << 20)
#define ACCOUNT_OPSLIMIT	2
/* How often the db is asked whether someone else changed accounts. */
#define ACCOUNT_POLL_SECONDS	2

/* Failed logins from one address. */
struct login_fails {
	char		addr[HOST_MAX];
	uint32_t	fails;
	time_t		last;
};

/* A nick held by someone who is not its account's: renamed at when. */
struct claim {
	struct client		*client;
	char			 nick[NICK_MAX + 1];
	time_t			 when;
	TAILQ_ENTRY(claim)	 entry;
};
TAILQ_HEAD(claim_list, claim);

/* A job: a password hashed and checked, or an account written. */
struct account_job {
	char			 name[NICK_MAX + 1];
	char			*password;
	char			*hash;		/* made, or to check against */
	uint8_t			 salt[SCRAM_SALT_LEN];
	uint8_t			 stored[SCRAM_KEY_LEN];
	uint8_t			 server[SCRAM_KEY_LEN];
	int64_t			 created;
	char			 certfp[STORE_FP_LEN];	/* the maker's, or "" */
	int			 result;	/* STORE_ACCOUNT_* or 1/0 */
	int64_t			 version;	/* the accounts' after it */
	char			*cause;
	void			(*done)(struct client *, struct account *,
				    int);
	/* Or for a caller without a client (files.c): its ref. */
	uint64_t		 ref;
	void			(*ref_done)(uint64_t, struct account *, int);
};

static struct hashtab		 account_table;
static struct hashtab		 account_certs;	/* by certfp */
static struct hashtab		 account_fails;
static struct claim_list	 account_claims =
				    TAILQ_HEAD_INITIALIZER(account_claims);
static char			*account_decoy;	/* for unknown names */
static int			 account_polling;
static int64_t			 account_version;	/* the newest known */
static time_t			 account_polled;

static const char *account_key(const void *);
static const char *account_fails_key(const void *);
static struct account *account_new(const char *);
static void	 account_destroy(struct account *);
static void	 account_set_keys(struct account *, const char *,
		    const uint8_t *, const uint8_t *, const uint8_t *,
		    uint32_t);
static int	 account_make_row(struct store_account *, const char *,
		    const char *, int64_t);
static void	 account_hash_work(void *);
static void	 account_print_row(const struct store_account *, void *);
static void	 account_register_done(struct client *, void *);
static void	 account_verify_work(void *);
static void	 account_verify_done(struct client *, void *);
static void	 account_job_free(struct account_job *);
static void	 account_poll_work(void *);
static void	 account_poll_done(struct client *, void *);
static void	 account_load_row(const struct store_account *, void *);
static void	 account_load_marker(const char *, const char *, int64_t,
		    void *);
static void	 account_claims_tick(time_t);
static void	 account_fails_tick(time_t);
static void	 account_logout_all(struct account *);

static const char *
account_key(const void *obj)
{
	return (((const struct account *)obj)->name);
}

static const char *
account_cert_key(const void *obj)
{
	return (((const struct account *)obj)->certfp);
}

static const char *
account_fails_key(const void *obj)
{
	return (((const struct login_fails *)obj)->addr);
}

/* Start: the accounts in the db, in memory. */
void
account_init(void)
{
	hashtab_init(&account_table, account_key);
	hashtab_init(&account_certs, account_cert_key);
	hashtab_init(&account_fails, account_fails_key);
	if (sodium_init() < 0)
		fatalx("libsodium cannot start");
	if (store_enabled()) {
		account_version = store_accounts_load(account_load_row, NULL);
		store_markers_load(account_load_marker, NULL);
	}
}

/* Whether accounts can be made and used: only with a db. */
int
account_enabled(void)
{
	return (store_enabled());
}

static struct account *
account_new(const char *name)
{
	struct account	*a;

	a = xcalloc(1, sizeof *a);
	a->name = xstrdup(name);
	hashtab_add(&account_table, a);
	return (a);
}

/* Set (fp "" or NULL: clear) the certificate a can be logged in with. */
static void
account_set_certfp(struct account *a, const char *fp)
{
	if (a->certfp != NULL && fp != NULL && strcmp(a->certfp, fp) == 0)
		return;
	if (a->certfp != NULL) {
		hashtab_remove(&account_certs, a);
		free(a->certfp);
		a->certfp = NULL;
	}
	/* Another's in memory still (a poll's order): the db says whose. */
	if (fp != NULL && *fp != '\0' &&
	    hashtab_find(&account_certs, fp) == NULL) {
		a->certfp = xstrdup(fp);
		hashtab_add(&account_certs, a);
	}
}

/* The account of table under key, unless it is still being made. */
static struct account *
account_lookup(struct hashtab *table, const char *key)
{
	struct account	*a = hashtab_find(table, key);

	return (a != NULL && !(a->flags & ACCOUNT_PENDING) ? a : NULL);
}

/* The account whose certificate has SHA-256 fingerprint fp, or NULL. */
struct account *
account_find_certfp(const char *fp)
{
	return (account_lookup(&account_certs, fp));
}

/* Whether fp is a fingerprint as chatd writes one: 64 hex digits. */
int
account_certfp_valid(const char *fp)
{
	size_t	i;

	for (i = 0; i < STORE_FP_LEN - 1; i++) {
		if (!((fp[i] >= '0' && fp[i] <= '9') ||
		    (fp[i] >= 'a' && fp[i] <= 'f')))
			return (0);
	}
	return (fp[i] == '\0');
}

static void
account_destroy(struct account *a)
{
	account_set_certfp(a, NULL);
	hashtab_remove(&account_table, a);
	marker_free(a->markers);
	history_account_free(a);
	free(a->name);
	if (a->hash != NULL)
		sodium_memzero(a->hash, strlen(a->hash));
	free(a->hash);
	sodium_memzero(a, sizeof *a);
	free(a);
}

/* The account named name (under the casemapping), or NULL. */
struct account *
account_find(const char *name)
{
	return (account_lookup(&account_table, name));
}

/* Whether name is taken by an account, or one being made. */
int
account_exists(const char *name)
{
	return (hashtab_find(&account_table, name) != NULL);
}

static void
account_set_keys(struct account *a, const char *hash, const uint8_t *salt,
    const uint8_t *stored, const uint8_t *server, uint32_t iterations)
{
	free(a->hash);
	a->hash = xstrdup(hash);
	memcpy(a->salt, salt, sizeof a->salt);
	memcpy(a->stored, stored, sizeof a->stored);
	memcpy(a->server, server, sizeof a->server);
	a->iterations = iterations;
}

/* A row of the db's accounts, into memory (at start, or a poll's). */
static void
account_load_row(const struct store_account *row, void *arg)
{
	struct account	*a;

	if ((a = hashtab_find(&account_table, row->name)) == NULL)
		a = account_new(row->name);
	else if (strcmp(a->name, row->name) != 0) {
		free(a->name);	/* the same key: the table is unchanged */
		a->name = xstrdup(row->name);
	}
	account_set_keys(a, row->hash, row->salt, row->stored, row->server,
	    row->iterations);
	account_set_certfp(a, row->certfp);
	a->created = row->created;
	a->flags &= ~ACCOUNT_PENDING;
	a->flags |= ACCOUNT_SEEN;
}

/* A read marker from the db, at start. */
static void
account_load_marker(const char *name, const char *target, int64_t ms,
    void *arg)
{
	struct account	*a;

	if ((a = account_find(name)) != NULL)
		marker_set_ms(&a->markers, target, ms);
}

void
account_free(void)
{
	struct account		*a;
	struct login_fails	*f;
	struct claim		*cl;
	size_t			 i = 0;

	while ((cl = TAILQ_FIRST(&account_claims)) != NULL) {
		TAILQ_REMOVE(&account_claims, cl, entry);
		free(cl);
	}
	while ((i = 0, a = hashtab_next(&account_table, &i)) != NULL)
		account_destroy(a);
	hashtab_free(&account_table);
	hashtab_free(&account_certs);
	while ((i = 0, f = hashtab_next(&account_fails, &i)) != NULL) {
		hashtab_remove(&account_fails, f);
		free(f);
	}
	hashtab_free(&account_fails);
	free(account_decoy);
	account_decoy = NULL;
}

/* The name c is logged in as, or NULL. */
const char *
account_name(const struct client *c)
{
	return (c->account != NULL ? c->account->name : NULL);
}

/*
 * c is logged in as a: told so (900), and the change goes through the
 * event layer (account-notify, the log, the sinks).
 */
void
account_login(struct client *c, struct account *a)
{
	a->fails = 0;
	send_numeric(c, RPL_LOGGEDIN, client_mask(c), a->name, a->name);
	event_account(c, a);
}

/* c is logged out (told with 901 if it asked). */
void
account_logout(struct client *c, int tell)
{
	if (c->account == NULL)
		return;
	if (tell)
		send_numeric(c, RPL_LOGGEDOUT, client_mask(c));
	event_account(c, NULL);
	account_check_nick(c);
}

/* An account is gone (chatd --account del): who used it is logged out. */
static void
account_logout_all(struct account *a)
{
	struct client	*c;

	if (a->nclients == 0)
		return;
	TAILQ_FOREACH(c, &srv.clients, entry) {
		if (c->account == a)
			account_logout(c, 1);
	}
}

/*
 * Whether a login by c to name must wait; if so, the seconds in *wait.
 * Three failures are free, then the wait doubles with each one.
 */
int
account_throttled(const char *host, const char *name, int *wait)
{
	struct login_fails	*f = hashtab_find(&account_fails, host);
	struct account		*a = account_find(name);
	time_t			 now = server_time(), until = 0, t;
	uint32_t		 fails;

	if (f != NULL && f->fails >= ACCOUNT_FREE_FAILS) {
		fails = f->fails - ACCOUNT_FREE_FAILS;
		until = f->last + (fails > 6 ? ACCOUNT_MAX_WAIT : 1 << fails);
	}
	if (a != NULL && a->fails >= ACCOUNT_FREE_FAILS) {
		fails = a->fails - ACCOUNT_FREE_FAILS;
		t = a->fail_time + (fails > 6 ? ACCOUNT_MAX_WAIT : 1 << fails);
		if (t > until)
			until = t;
	}
	if (until <= now)
		return (0);
	*wait = (int)(until - now);
	return (1);
}

/*
 * A failed login to name from host (by c, or NULL: over HTTP), counted
 * for the address and the account.
 */
void
account_failed(struct client *c, const char *host, const char *name)
{
	struct login_fails	*f;
	struct account		*a;

	if ((f = hashtab_find(&account_fails, host)) == NULL) {
		f = xcalloc(1, sizeof *f);
		xstrlcpy(f->addr, host, sizeof f->addr);
		hashtab_add(&account_fails, f);
	}
	f->fails++;
	f->last = server_time();
	if ((a = account_find(name)) != NULL) {
		a->fails++;
		a->fail_time = server_time();
	}
	log_warn("event=login-failed id=%llu nick=%s account=%s addr=%s",
	    c != NULL ? (unsigned long long)c->id : 0ULL,
	    c != NULL && *c->nick != '\0' ? c->nick : "*", log_q(name), host);
}

/* Addresses quiet for ten minutes start again from nothing. */
static void
account_fails_tick(time_t now)
{
	struct login_fails	*f, **old = NULL;
	size_t			 i = 0, n = 0, k;

	while ((f = hashtab_next(&account_fails, &i)) != NULL) {
		if (now - f->last < 600)
			continue;
		old = xreallocarray(old, n + 1, sizeof *old);
		old[n++] = f;
	}
	for (k = 0; k < n; k++) {
		hashtab_remove(&account_fails, old[k]);
		free(old[k]);
	}
	free(old);
}

static void
account_job_free(struct account_job *j)
{
	if (j->password != NULL) {
		sodium_memzero(j->password, strlen(j->password));
		free(j->password);
	}
	free(j->hash);
	free(j->cause);
	sodium_memzero(j, sizeof *j);
	free(j);
}

/*
 * On a worker thread: the password hashed (argon2id, and SCRAM's keys)
 * and the account written to the db.
 */
/* The db's row for name with password: its hash and SCRAM's keys. */
static int
account_make_row(struct store_account *row, const char *name,
    const char *password, int64_t created)
{
	memset(row, 0, sizeof *row);
	if (crypto_pwhash_str(row->hash, password, strlen(password),
	    ACCOUNT_OPSLIMIT,
	    ACCOUNT_MEMLIMIT) != 0)
		return (-1);
	xstrlcpy(row->name, name, sizeof row->name);
	randombytes_buf(row->salt, sizeof row->salt);
	row->iterations = SCRAM_ITERATIONS;
	scram_keys(password, row->salt, sizeof row->salt, row->iterations,
	    row->stored, row->server);
	row->created = created;
	return (0);
}

static void
account_hash_work(void *arg)
{
	struct account_job	*j = arg;
	struct store_account	 row;

	if (account_make_row(&row, j->name, j->password, j->created) != 0) {
		j->result = STORE_ACCOUNT_FAILED;
		j->cause = xstrdup("out of memory hashing the password");
		return;
	}
	xstrlcpy(row.certfp, j->certfp, sizeof row.certfp);
	j->hash = xstrdup(row.hash);
	memcpy(j->salt, row.salt, sizeof j->salt);
	memcpy(j->stored, row.stored, sizeof j->stored);
	memcpy(j->server, row.server, sizeof j->server);
	j->result = store_account_write(&row, STORE_ACCOUNT_ADD, &j->version,
	    &j->cause);
	sodium_memzero(&row, sizeof row);
}

/* Back on the loop: the account is made (and c, if there, logged in). */
static void
account_register_done(struct client *c, void *arg)
{
	struct account_job	*j = arg;
	struct account		*a = hashtab_find(&account_table, j->name);
	int			 ok = j->result == STORE_ACCOUNT_OK;

	if (ok && j->version > account_version)
		account_version = j->version;
	if (a != NULL && (a->flags & ACCOUNT_PENDING)) {
		if (ok) {
			account_set_keys(a, j->hash, j->salt, j->stored,
			    j->server, SCRAM_ITERATIONS);
			account_set_certfp(a, j->certfp);
			a->created = j->created;
			a->flags &= ~ACCOUNT_PENDING;
			log_info("event=account-add account=%s addr=%s",
			    a->name, c != NULL ? c->host : "-");
		} else {
			account_destroy(a);
			a = NULL;
		}
	}
	if (!ok && j->cause != NULL)
		log_error("event=account-add-failed account=%s error=%s",
		    j->name, log_q(j->cause));
	if (c != NULL)
		j->done(c, ok ? a : NULL, j->result);
	account_job_free(j);
}

/*
 * Make account name with password for c: the name is held meanwhile, c
 * waits, and done(c, account or NULL, STORE_ACCOUNT_*) says how it went.
 */
void
account_register(struct client *c, const char *name, const char *password,
    void (*done)(struct client *, struct account *, int))
{
	struct account_job	*j;
	struct account		*a;

	if (worker_pending() >= ACCOUNT_MAX_PENDING) {
		done(c, NULL, STORE_ACCOUNT_BUSY);
		return;
	}
	a = account_new(name);
	a->flags |= ACCOUNT_PENDING;
	j = xcalloc(1, sizeof *j);
	xstrlcpy(j->name, name, sizeof j->name);
	j->password = xstrdup(password);
	j->created = (int64_t)server_time();
	/*
	 * Made over TLS with a client certificate: it logs in to the new
	 * account with SASL EXTERNAL from then on (unless it is another's).
	 */
	if (c->conn->t->certfp(c->conn, j->certfp) &&
	    hashtab_find(&account_certs, j->certfp) != NULL)
		*j->certfp = '\0';
	j->done = done;
	worker_submit(c, 1, account_hash_work, account_register_done, j);
}

/* On a worker thread: whether the password is the account's. */
static void
account_verify_work(void *arg)
{
	struct account_job	*j = arg;

	j->result = crypto_pwhash_str_verify(j->hash, j->password,
	    strlen(j->password)) == 0;
}

/* Back on the loop: c (if there) is told; the account may be gone. */
static void
account_verify_done(struct client *c, void *arg)
{
	struct account_job	*j = arg;
	struct account		*a = account_find(j->name);

	if (a == NULL || a->hash == NULL || strcmp(a->hash, j->hash) != 0)
		j->result = 0;	/* gone or changed meanwhile */
	if (j->ref_done != NULL)
		j->ref_done(j->ref, j->result ? a : NULL, j->result);
	else if (c != NULL)
		j->done(c, j->result ? a : NULL, j->result);
	account_job_free(j);
}

/* A job checking password for name (NULL if the pool is too busy). */
static struct account_job *
account_verify_job(const char *name, const char *password)
{
	struct account_job	*j;
	struct account		*a = account_find(name);
	char			 hash[crypto_pwhash_STRBYTES];
	char			 junk[32];

	if (worker_pending() >= ACCOUNT_MAX_PENDING)
		return (NULL);
	if (a == NULL && account_decoy == NULL) {
		randombytes_buf(junk, sizeof junk);
		if (crypto_pwhash_str(hash, junk, sizeof junk,
		    ACCOUNT_OPSLIMIT,
		    ACCOUNT_MEMLIMIT) == 0)
			account_decoy = xstrdup(hash);
	}
	j = xcalloc(1, sizeof *j);
	xstrlcpy(j->name, name, sizeof j->name);
	j->password = xstrdup(password);
	j->hash = xstrdup(a != NULL && a->hash != NULL ? a->hash :
	    account_decoy != NULL ? account_decoy : "");
	return (j);
}

/*
 * Check password against account name for c, on a worker thread; an
 * unknown name is checked against a decoy, to take as long.
 * done(c, account or NULL, ok) says how it went (ok -1: too busy now).
 */
void
account_verify(struct client *c, const char *name, const char *password,
    void (*done)(struct client *, struct account *, int))
{
	struct account_job	*j;

	if ((j = account_verify_job(name, password)) == NULL) {
		done(c, NULL, -1);
		return;
	}
	j->done = done;
	worker_submit(c, 1, account_verify_work, account_verify_done, j);
}

/* The same for a caller that is not a client, known to done by ref. */
void
account_verify_ref(uint64_t ref, const char *name, const char *password,
    void (*done)(uint64_t, struct account *, int))
{
	struct account_job	*j;

	if ((j = account_verify_job(name, password)) == NULL) {
		done(ref, NULL, -1);
		return;
	}
	j->ref = ref;
	j->ref_done = done;
	worker_submit(NULL, 0, account_verify_work, account_verify_done, j);
}

/*
 * c's nick may be an account's that c is not logged in to: c is told,
 * and renamed after nick-grace seconds unless it logs in or moves.
 */
void
account_check_nick(struct client *c)
{
	struct account	*a;
	struct claim	*cl;

	if (!(c->flags & CLIENT_REGISTERED) || (c->flags & CLIENT_DEAD) ||
	    (a = account_find(c->nick)) == NULL || c->account == a)
		return;
	TAILQ_FOREACH(cl, &account_claims, entry) {
		if (cl->client == c) {
			xstrlcpy(cl->nick, c->nick, sizeof cl->nick);
			cl->when = server_time() + srv.conf->nick_grace;
			break;
		}
	}
	if (cl == NULL && srv.conf->nick_grace > 0) {
		cl = xcalloc(1, sizeof *cl);
		cl->client = c;
		xstrlcpy(cl->nick, c->nick, sizeof cl->nick);
		cl->when = server_time() + srv.conf->nick_grace;
		TAILQ_INSERT_TAIL(&account_claims, cl, entry);
	}
	if (srv.conf->nick_grace > 0)
		send_raw(c, ":%s NOTICE %s :The nick %s belongs to a "
		    "registered account: log in to it, or change nick within "
		    "%d seconds, or you will be renamed", srv.conf->name,
		    c->nick, c->nick, srv.conf->nick_grace);
	else
		send_raw(c, ":%s NOTICE %s :The nick %s belongs to a "
		    "registered account", srv.conf->name, c->nick, c->nick);
}

/* c is going: its claim with it. */
void
account_client_free(struct client *c)
{
	struct claim	*cl, *next;

	for (cl = TAILQ_FIRST(&account_claims); cl != NULL; cl = next) {
		next = TAILQ_NEXT(cl, entry);
		if (cl->client == c) {
			TAILQ_REMOVE(&account_claims, cl, entry);
			free(cl);
		}
	}
	if (c->account != NULL) {
		c->account->nclients--;
		c->account = NULL;
	}
}

/* Claims whose time is up: a holder still not logged in is renamed. */
static void
account_claims_tick(time_t now)
{
	struct claim	*cl, *next;
	struct client	*c, *other;
	struct account	*a;
	char		 guest[NICK_MAX + 1];
	unsigned int	 tries;

	for (cl = TAILQ_FIRST(&account_claims); cl != NULL; cl = next) {
		next = TAILQ_NEXT(cl, entry);
		if (cl->when > now)
			continue;
		TAILQ_REMOVE(&account_claims, cl, entry);
		c = cl->client;
		a = account_find(cl->nick);
		if (!(c->flags & CLIENT_DEAD) && a != NULL &&
		    c->account != a && casemap_cmp(c->nick, cl->nick) == 0) {
			tries = 0;
			do {
				snprintf(guest, sizeof guest, "Guest%u",
				    randombytes_uniform(100000));
				other = user_find(guest);
			} while (other != NULL && ++tries < 100);
			if (other == NULL) {
				send_raw(c, ":%s NOTICE %s :You did not log in "
				    "to the account %s: you are %s now",
				    srv.conf->name, c->nick, a->name, guest);
				event_nick(c, guest);
			}
		}
		free(cl);
	}
}

/*
 * On a worker thread: the accounts, if they changed since the loop's
 * version (a count kept by the db's triggers).
 */
static void
account_poll_work(void *arg)
{
	struct store_account_list	*l = arg;

	store_accounts_read(l);
}

/* Back on the loop: the accounts as the db has them now. */
static void
account_poll_done(struct client *c, void *arg)
{
	struct store_account_list	*l = arg;
	struct account			*a, **gone = NULL;
	size_t				 i = 0, n = 0, k;

	account_polling = 0;
	/*
	 * Only a newer state than the loop knows: an account made since the
	 * list was read is not in it, and must not be taken for gone.
	 */
	if (!l->failed && l->version > account_version) {
		account_version = l->version;
		/* Certificates too, so that one moved is found anew. */
		while ((a = hashtab_next(&account_table, &i)) != NULL) {
			a->flags &= ~ACCOUNT_SEEN;
			if (!(a->flags & ACCOUNT_PENDING))
				account_set_certfp(a, NULL);
		}
		for (k = 0; k < l->n; k++)
			account_load_row(&l->rows[k], NULL);
		i = 0;
		while ((a = hashtab_next(&account_table, &i)) != NULL) {
			if (!(a->flags & (ACCOUNT_SEEN | ACCOUNT_PENDING))) {
				gone = xreallocarray(gone, n + 1,
				    sizeof *gone);
				gone[n++] = a;
			}
		}
		for (k = 0; k < n; k++) {
			log_info("event=account-gone account=%s",
			    gone[k]->name);
			account_logout_all(gone[k]);
			account_destroy(gone[k]);
		}
		free(gone);
		log_info("event=accounts-reloaded accounts=%zu", l->n);
	}
	store_account_list_free(l);
}

/* Once a second: claims, throttles, and a look at the db now and then. */
void
account_tick(time_t now)
{
	struct store_account_list	*l;

	account_claims_tick(now);
	if (now % 60 == 0)
		account_fails_tick(now);
	if (store_enabled() && !account_polling &&
	    now - account_polled >= ACCOUNT_POLL_SECONDS) {
		account_polling = 1;
		account_polled = now;
		l = xcalloc(1, sizeof *l);
		l->version = account_version;	/* read only if newer */
		worker_submit(NULL, 0, account_poll_work, account_poll_done, l);
	}
}

static void
account_print_row(const struct store_account *row, void *arg)
{
	char		 when[32];
	time_t		 t = (time_t)row->created;
	struct tm	 tm;

	strftime(when, sizeof when, "%Y-%m-%d %H:%M", gmtime_r(&t, &tm));
	printf("%s %s\n", row->name, when);
	(*(int *)arg)++;
}

/*
 * chatd --account: list, or add, passwd, del name (password for the
 * first two), or certfp name (password the fingerprint, "-" for none),
 * against the db at srv.conf->db, with chatd running or not; a running
 * chatd sees the change within seconds. The exit status.
 */
int
account_command(const char *verb, const char *name, const char *password)
{
	struct store_account	 row;
	char			*cause = NULL;
	int64_t			 version;
	int			 op, result, n = 0;

	if (sodium_init() < 0) {
		fprintf(stderr, "chatd: libsodium cannot start\n");
		return (1);
	}
	if (store_open(srv.conf->db, &cause) != 0) {
		fprintf(stderr, "chatd: %s\n", cause);
		free(cause);
		return (1);
	}
	if (strcmp(verb, "list") == 0) {
		store_accounts_load(account_print_row, &n);
		store_close();
		return (0);
	}
	op = strcmp(verb, "add") == 0 ? STORE_ACCOUNT_ADD :
	    strcmp(verb, "passwd") == 0 ? STORE_ACCOUNT_PASSWD :
	    strcmp(verb, "certfp") == 0 ? STORE_ACCOUNT_CERTFP :
	    STORE_ACCOUNT_DEL;
	if (op == STORE_ACCOUNT_DEL || op == STORE_ACCOUNT_CERTFP) {
		memset(&row, 0, sizeof row);
		xstrlcpy(row.name, name, sizeof row.name);
		/* password is the fingerprint here, "-" for none. */
		if (op == STORE_ACCOUNT_CERTFP && strcmp(password, "-") != 0)
			xstrlcpy(row.certfp, password, sizeof row.certfp);
	} else if (account_make_row(&row, name, password,
	    (int64_t)time(NULL)) != 0) {
		fprintf(stderr, _("chatd: cannot hash the password\n"));
		store_close();
		return (1);
	}
	result = store_account_write(&row, op, &version, &cause);
	sodium_memzero(&row, sizeof row);
	store_close();
	switch (result) {
	case STORE_ACCOUNT_OK:
		printf(op == STORE_ACCOUNT_ADD ? _("chatd: account %s added\n") :
		    op == STORE_ACCOUNT_PASSWD ?
		    _("chatd: password of account %s changed\n") :
		    op == STORE_ACCOUNT_CERTFP ?
		    _("chatd: certificate of account %s set\n") :
		    _("chatd: account %s deleted\n"), name);
		return (0);
	case STORE_ACCOUNT_EXISTS:
		if (op == STORE_ACCOUNT_CERTFP)
			fprintf(stderr, _("chatd: that certificate is another "
			    "account's\n"));
		else
			fprintf(stderr, _("chatd: account %s exists already\n"),
			    name);
		return (1);
	case STORE_ACCOUNT_NONE:
		fprintf(stderr, _("chatd: no account %s\n"), name);
		return (1);
	}
	fprintf(stderr, "chatd: %s\n", cause);
	free(cause);
	return (1);
}
