/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Accounts on the wire: REGISTER and VERIFY (draft/account-registration)
 * and AUTHENTICATE (SASL 3.1 and 3.2: PLAIN, SCRAM-SHA-256). A password
 * is checked on a worker thread (PLAIN, account.c) or by SCRAM's proof,
 * which the loop checks itself; either way the client waits, reading no
 * further line, until it is told.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "casemap.h"
#include "chatd.h"
#include "tls.h"
#include "conn.h"
#include "scram.h"
#include "store.h"

/* The base64 a client may send for one login: a long PLAIN fits. */
#define SASL_MAX	2048
#define SASL_CHUNK	400

#define SASL_PLAIN	1
#define SASL_SCRAM	2
#define SASL_EXTERNAL	3	/* the TLS client certificate's */

/*
 * A login under way, and before registration the nick last asked for,
 * even if refused (REGISTER * registers it, as ergo does: so no one can
 * register a nick from under whoever holds it).
 */
struct sasl {
	char		 wanted[NICK_MAX + 1];
	int		 mech;		/* 0: no login under way */
	int		 step;		/* SCRAM: 0, 1 (final), 2 (done) */
	char		 account[NICK_MAX + 1];
	char		 in[SASL_MAX + 1];	/* base64 gathered */
	size_t		 inlen;
	char		 gs2[NICK_MAX + 8];	/* SCRAM: its GS2 header */
	char		 nonce[128];
	char		*am;		/* SCRAM: the auth message so far */
	uint8_t		 signature[SCRAM_KEY_LEN];
};

static void	irc_register_done(struct client *, struct account *, int);
static void	irc_sasl_plain_done(struct client *, struct account *, int);
static void	irc_sasl_end(struct client *);
static void	irc_sasl_fail(struct client *, const char *);
static void	irc_sasl_success(struct client *, struct account *);
static int	irc_sasl_throttled(struct client *, const char *);
static void	irc_sasl_input(struct client *, const uint8_t *, size_t);
static void	irc_sasl_plain(struct client *, const uint8_t *, size_t);
static void	irc_sasl_scram_first(struct client *, const char *);
static void	irc_sasl_scram_final(struct client *, const char *);
static void	irc_sasl_send(struct client *, const char *, size_t);
static int	irc_sasl_name(char *, size_t, const char *, size_t);

/* A cap's value in CAP LS 302, or NULL. */
const char *
irc_account_cap_value(uint32_t cap)
{
	if (cap == CAP_SASL)
		return (tls_transport() != NULL ?
		    "PLAIN,SCRAM-SHA-256,EXTERNAL" : "PLAIN,SCRAM-SHA-256");
	if (cap == CAP_ACCOUNT_REGISTRATION && verify_enabled())
		return (srv.conf->registration == REGISTER_BEFORE_CONNECT ?
		    "before-connect,email-required,custom-account-name" :
		    "email-required,custom-account-name");
	if (cap == CAP_ACCOUNT_REGISTRATION)
		return (srv.conf->registration == REGISTER_BEFORE_CONNECT ?
		    "before-connect,custom-account-name" :
		    "custom-account-name");
	return (NULL);
}

/* The end of REGISTER: c is logged in to the new account, or told why not. */
static void
irc_register_done(struct client *c, struct account *a, int result)
{
	if (a != NULL) {
		send_raw(c, ":%s REGISTER SUCCESS %s :Account created",
		    srv.conf->name, a->name);
		account_login(c, a);
		return;
	}
	if (result == STORE_ACCOUNT_EXISTS)
		send_raw(c, ":%s FAIL REGISTER ACCOUNT_EXISTS * :That account "
		    "already exists", srv.conf->name);
	else if (result == STORE_ACCOUNT_BUSY)
		send_raw(c, ":%s FAIL REGISTER TEMPORARILY_UNAVAILABLE * :The "
		    "server is busy; try again in a few seconds",
		    srv.conf->name);
	else
		send_raw(c, ":%s FAIL REGISTER TEMPORARILY_UNAVAILABLE * :The "
		    "account could not be stored; try again later",
		    srv.conf->name);
}

/*
 * REGISTER account email password: account * is the nick. Made at once,
 * and c logged in to it; or, with email-command set, made by VERIFY with
 * the code mailed to email (verify.c). Without it, an email is not kept.
 */
void
irc_register(struct client *c, struct msg *m)
{
	const char	*name = m->params[0], *password = m->params[2];
	struct client	*other;

	if (!account_enabled() || srv.conf->registration == REGISTER_OFF) {
		send_raw(c, ":%s FAIL REGISTER TEMPORARILY_UNAVAILABLE %s :%s",
		    srv.conf->name, name, !account_enabled() ?
		    "This server keeps no accounts (it has no db)" :
		    "Registration is closed on this server");
		return;
	}
	if (!(c->flags & CLIENT_REGISTERED) &&
	    srv.conf->registration != REGISTER_BEFORE_CONNECT) {
		send_raw(c, ":%s FAIL REGISTER COMPLETE_CONNECTION_REQUIRED %s "
		    ":Finish connecting before you register", srv.conf->name,
		    name);
		return;
	}
	if (c->account != NULL) {
		send_raw(c, ":%s FAIL REGISTER ALREADY_AUTHENTICATED %s :You "
		    "are already logged in", srv.conf->name, c->account->name);
		return;
	}
	if (strcmp(name, "*") == 0 && *c->nick == '\0' && c->sasl != NULL &&
	    *c->sasl->wanted != '\0')
		name = c->sasl->wanted;
	else if (strcmp(name, "*") == 0) {
		if (*c->nick == '\0') {
			send_raw(c, ":%s FAIL REGISTER NEED_NICK * :Choose a "
			    "nick first", srv.conf->name);
			return;
		}
		name = c->nick;
	}
	if (!irc_nick_valid(name) || (int)strlen(name) > srv.conf->nicklen) {
		send_raw(c, ":%s FAIL REGISTER BAD_ACCOUNT_NAME %s :An account "
		    "name is a valid nick", srv.conf->name, name);
		return;
	}
	/* Nobody registers a nick someone else is using. */
	if (account_exists(name) || verify_pending(name) ||
	    ((other = user_find(name)) != NULL && other != c)) {
		send_raw(c, ":%s FAIL REGISTER ACCOUNT_EXISTS %s :That account "
		    "already exists", srv.conf->name, name);
		return;
	}
	if (*password == '\0' || strlen(password) > ACCOUNT_PASSWORD_MAX) {
		send_raw(c, ":%s FAIL REGISTER UNACCEPTABLE_PASSWORD %s :A "
		    "password is 1 to %d bytes", srv.conf->name, name,
		    ACCOUNT_PASSWORD_MAX);
		return;
	}
	if (verify_enabled()) {
		if (!verify_email_valid(m->params[1])) {
			send_raw(c, ":%s FAIL REGISTER INVALID_EMAIL %s :An "
			    "email address is needed to register here, for "
			    "the code that makes the account", srv.conf->name,
			    name);
			return;
		}
		verify_register(c, name, m->params[1], password);
		return;
	}
	account_register(c, name, password, irc_register_done);
}

void
irc_sasl_free(struct client *c)
{
	if (c->sasl == NULL)
		return;
	free(c->sasl->am);
	sodium_memzero(c->sasl, sizeof *c->sasl);
	free(c->sasl);
	c->sasl = NULL;
}

/* The login is over; the nick asked for is kept until registration. */
static void
irc_sasl_end(struct client *c)
{
	char	wanted[NICK_MAX + 1];

	if (c->sasl == NULL)
		return;
	memcpy(wanted, c->sasl->wanted, sizeof wanted);
	irc_sasl_free(c);
	if (*wanted != '\0' && !(c->flags & CLIENT_REGISTERED))
		irc_sasl_wanted(c, wanted);
}

/* Before registration: nick is the one c asked for last. */
void
irc_sasl_wanted(struct client *c, const char *nick)
{
	if (c->sasl == NULL)
		c->sasl = xcalloc(1, sizeof *c->sasl);
	xstrlcpy(c->sasl->wanted, nick, sizeof c->sasl->wanted);
}

/*
 * Registration is over: a login unfinished is aborted (906), and the
 * nick asked for forgotten.
 */
void
irc_sasl_abort(struct client *c)
{
	if (c->sasl == NULL)
		return;
	if (c->sasl->mech != 0)
		send_numeric(c, ERR_SASLABORTED);
	irc_sasl_free(c);
}

static void
irc_sasl_fail(struct client *c, const char *why)
{
	irc_sasl_end(c);
	send_numeric(c, ERR_SASLFAIL, why);
}

static void
irc_sasl_success(struct client *c, struct account *a)
{
	irc_sasl_end(c);
	account_login(c, a);
	send_numeric(c, RPL_SASLSUCCESS);
	/* Logged in to another account, its nick may now be someone's. */
	account_check_nick(c);
}

/* Whether logins to name from c must wait; if so, c is told how long. */
static int
irc_sasl_throttled(struct client *c, const char *name)
{
	char	why[96];
	int	wait;

	if (!account_throttled(c->host, name, &wait))
		return (0);
	snprintf(why, sizeof why, " (too many failed logins: try again in %d "
	    "seconds)", wait);
	irc_sasl_fail(c, why);
	return (1);
}

/* The end of a PLAIN check. */
static void
irc_sasl_plain_done(struct client *c, struct account *a, int ok)
{
	if (c->sasl == NULL || c->sasl->mech == 0)
		return;
	if (a != NULL && ok > 0) {
		irc_sasl_success(c, a);
		return;
	}
	if (ok < 0) {
		irc_sasl_fail(c, " (the server is busy: try again in a few "
		    "seconds)");
		return;
	}
	account_failed(c, c->host, c->sasl->account);
	irc_sasl_fail(c, "");
}

/* PLAIN: authzid NUL authcid NUL password; authzid empty or authcid. */
static void
irc_sasl_plain(struct client *c, const uint8_t *in, size_t len)
{
	const char	*authzid = (const char *)in, *authcid, *password;
	size_t		 n1, n2;
	char		 pw[ACCOUNT_PASSWORD_MAX + 1];

	n1 = strnlen(authzid, len);
	if (n1 >= len)
		goto bad;
	authcid = authzid + n1 + 1;
	n2 = strnlen(authcid, len - n1 - 1);
	if (n1 + 1 + n2 >= len)
		goto bad;
	password = authcid + n2 + 1;
	if (len - n1 - n2 - 2 > ACCOUNT_PASSWORD_MAX || n2 == 0 ||
	    n2 > NICK_MAX || memchr(password, '\0', len - n1 - n2 - 2) != NULL)
		goto bad;
	if (n1 != 0 && (n1 != n2 || strncasecmp(authzid, authcid, n1) != 0))
		goto bad;
	memcpy(c->sasl->account, authcid, n2);
	c->sasl->account[n2] = '\0';
	memcpy(pw, password, len - n1 - n2 - 2);
	pw[len - n1 - n2 - 2] = '\0';
	if (!irc_sasl_throttled(c, c->sasl->account))
		account_verify(c, c->sasl->account, pw, irc_sasl_plain_done);
	sodium_memzero(pw, sizeof pw);
	return;
bad:
	irc_sasl_fail(c, "");
}

/* A SCRAM saslname, its =2C and =3D decoded; -1 if it is not one. */
static int
irc_sasl_name(char *out, size_t size, const char *s, size_t len)
{
	size_t	i, n = 0;

	for (i = 0; i < len; i++) {
		if (n + 1 >= size)
			return (-1);
		if (s[i] != '=')
			out[n++] = s[i];
		else if (i + 2 < len && strncmp(s + i, "=2C", 3) == 0)
			out[n++] = ',', i += 2;
		else if (i + 2 < len && strncmp(s + i, "=3D", 3) == 0)
			out[n++] = '=', i += 2;
		else
			return (-1);
	}
	out[n] = '\0';
	return (n == 0 ? -1 : 0);
}

/* Send data to c as AUTHENTICATE lines of base64, 400 bytes each. */
static void
irc_sasl_send(struct client *c, const char *data, size_t len)
{
	char	b64[SASL_MAX + 4];
	size_t	n, off = 0;

	n = scram_b64_encode(b64, sizeof b64, data, len);
	do {
		send_raw(c, ":%s AUTHENTICATE %.*s", srv.conf->name,
		    (int)(n - off < SASL_CHUNK ? n - off : SASL_CHUNK),
		    b64 + off);
		off += SASL_CHUNK;
	} while (off < n);
	if (n % SASL_CHUNK == 0 && n != 0)
		send_raw(c, ":%s AUTHENTICATE +", srv.conf->name);
}

/*
 * SCRAM's client-first message: gs2 header ("n,," or "y,,", with an
 * optional a=authzid) and n=name,r=nonce. The reply gives the salt, the
 * iterations and the nonce; an unknown name gets a made-up salt.
 */
static void
irc_sasl_scram_first(struct client *c, const char *in)
{
	struct sasl	*s = c->sasl;
	struct account	*a;
	const char	*bare, *p, *end;
	char		 reply[512], salt64[64], authzid[NICK_MAX + 1];
	uint8_t		 salt[SCRAM_KEY_LEN], snonce[18];
	char		 snonce64[32];
	uint32_t	 iterations = SCRAM_ITERATIONS;
	int		 n;

	if ((in[0] != 'n' && in[0] != 'y') || in[1] != ',')
		goto bad;	/* "p=": no channel binding here */
	p = in + 2;
	*authzid = '\0';
	if (strncmp(p, "a=", 2) == 0) {
		end = strchr(p, ',');
		if (end == NULL || irc_sasl_name(authzid, sizeof authzid, p + 2,
		    end - p - 2) != 0)
			goto bad;
		p = end;
	}
	if (*p != ',')
		goto bad;
	bare = p + 1;
	if ((size_t)(bare - in) >= sizeof s->gs2)
		goto bad;
	memcpy(s->gs2, in, bare - in);
	s->gs2[bare - in] = '\0';
	if (strncmp(bare, "n=", 2) != 0 || (end = strchr(bare, ',')) == NULL ||
	    irc_sasl_name(s->account, sizeof s->account, bare + 2,
	    end - bare - 2) != 0 || strncmp(end, ",r=", 3) != 0)
		goto bad;
	if (*authzid != '\0' && casemap_cmp(authzid, s->account) != 0)
		goto bad;
	p = end + 3;
	end = p + strcspn(p, ",");
	if (end == p || (size_t)(end - p) > 64)
		goto bad;
	if (irc_sasl_throttled(c, s->account))
		return;
	randombytes_buf(snonce, sizeof snonce);
	scram_b64_encode(snonce64, sizeof snonce64, snonce, sizeof snonce);
	snprintf(s->nonce, sizeof s->nonce, "%.*s%s", (int)(end - p), p,
	    snonce64);
	if ((a = account_find(s->account)) != NULL) {
		memcpy(salt, a->salt, SCRAM_SALT_LEN);
		iterations = a->iterations;
	} else
		randombytes_buf(salt, SCRAM_SALT_LEN);
	scram_b64_encode(salt64, sizeof salt64, salt, SCRAM_SALT_LEN);
	n = snprintf(reply, sizeof reply, "r=%s,s=%s,i=%u", s->nonce, salt64,
	    iterations);
	xasprintf(&s->am, "%s,%s", bare, reply);
	s->step = 1;
	irc_sasl_send(c, reply, n);
	return;
bad:
	irc_sasl_fail(c, "");
}

/*
 * SCRAM's client-final message: c=<the gs2 header>,r=<the nonce>,p=proof.
 * The proof right, the server's signature goes back, and a last empty
 * message from the client ends the login.
 */
static void
irc_sasl_scram_final(struct client *c, const char *in)
{
	struct sasl	*s = c->sasl;
	struct account	*a = account_find(s->account);
	char		 gs64[64], *am, reply[64];
	const char	*p, *proof;
	uint8_t		 proofbin[SCRAM_KEY_LEN + 4];
	size_t		 n;

	n = scram_b64_encode(gs64, sizeof gs64, s->gs2, strlen(s->gs2));
	if (strncmp(in, "c=", 2) != 0 || strncmp(in + 2, gs64, n) != 0 ||
	    strncmp(in + 2 + n, ",r=", 3) != 0)
		goto bad;
	p = in + 2 + n + 3;
	n = strlen(s->nonce);
	if (strncmp(p, s->nonce, n) != 0 || p[n] != ',')
		goto bad;
	if ((proof = strstr(p, ",p=")) == NULL ||
	    scram_b64_decode(proofbin, sizeof proofbin, proof + 3,
	    strlen(proof + 3)) != SCRAM_KEY_LEN)
		goto bad;
	xasprintf(&am, "%s,%.*s", s->am, (int)(proof - in), in);
	free(s->am);
	s->am = am;
	if (a == NULL || scram_check(a->stored, am, strlen(am),
	    proofbin) != 0) {
		account_failed(c, c->host, s->account);
		goto bad;
	}
	scram_hmac(s->signature, a->server, SCRAM_KEY_LEN, am, strlen(am));
	memcpy(reply, "v=", 2);
	n = 2 + scram_b64_encode(reply + 2, sizeof reply - 2, s->signature,
	    SCRAM_KEY_LEN);
	s->step = 2;
	irc_sasl_send(c, reply, n);
	return;
bad:
	irc_sasl_fail(c, "");
}

/*
 * EXTERNAL: the account whose certificate c presented over TLS; the
 * message, if not empty, names the account asked for, which must be it.
 */
static void
irc_sasl_external(struct client *c, const uint8_t *in, size_t len)
{
	char		 fp[TLS_FP_LEN], want[NICK_MAX + 1];
	struct account	*a;

	if (!c->conn->t->certfp(c->conn, fp)) {
		irc_sasl_fail(c, " (no client certificate: connect over TLS "
		    "with one)");
		return;
	}
	if ((a = account_find_certfp(fp)) == NULL) {
		irc_sasl_fail(c, " (no account has this certificate)");
		return;
	}
	if (len != 0) {
		if (len > NICK_MAX || memchr(in, '\0', len) != NULL) {
			irc_sasl_fail(c, "");
			return;
		}
		memcpy(want, in, len);
		want[len] = '\0';
		if (casemap_cmp(want, a->name) != 0) {
			irc_sasl_fail(c, " (this certificate is another "
			    "account's)");
			return;
		}
	}
	irc_sasl_success(c, a);
}

/* A whole message of the login, decoded. */
static void
irc_sasl_input(struct client *c, const uint8_t *in, size_t len)
{
	struct sasl	*s = c->sasl;
	struct account	*a;
	char		 text[SASL_MAX];

	if (s->mech == SASL_PLAIN) {
		irc_sasl_plain(c, in, len);
		return;
	}
	if (s->mech == SASL_EXTERNAL) {
		irc_sasl_external(c, in, len);
		return;
	}
	if (memchr(in, '\0', len) != NULL) {
		irc_sasl_fail(c, "");
		return;
	}
	memcpy(text, in, len);
	text[len] = '\0';
	if (s->step == 0)
		irc_sasl_scram_first(c, text);
	else if (s->step == 1)
		irc_sasl_scram_final(c, text);
	else if ((a = account_find(s->account)) != NULL)
		irc_sasl_success(c, a);
	else
		irc_sasl_fail(c, "");
}

/*
 * AUTHENTICATE mechanism, then the base64 of each message in lines of
 * 400 bytes (a shorter one, or "+", ends it); "*" aborts.
 */
void
irc_authenticate(struct client *c, struct msg *m)
{
	const char	*p = m->params[0];
	uint8_t		 in[SASL_MAX];
	size_t		 len = strlen(p);
	long		 n;

	if (!account_enabled()) {
		send_numeric(c, ERR_SASLFAIL,
		    " (this server keeps no accounts: it has no db)");
		return;
	}
	/*
	 * Logged in already, c may log in again, to this account or another
	 * ("servers SHOULD allow a client, authenticated or otherwise, to
	 * reauthenticate", SASL 3.2); a failure keeps the login it has.
	 */
	if (strcmp(p, "*") == 0) {
		irc_sasl_end(c);
		send_numeric(c, ERR_SASLABORTED);
		return;
	}
	if (c->sasl == NULL || c->sasl->mech == 0) {
		if (strcasecmp(p, "PLAIN") != 0 &&
		    strcasecmp(p, "SCRAM-SHA-256") != 0 &&
		    (strcasecmp(p, "EXTERNAL") != 0 ||
		    tls_transport() == NULL)) {
			send_numeric(c, RPL_SASLMECHS,
			    irc_account_cap_value(CAP_SASL));
			send_numeric(c, ERR_SASLFAIL, "");
			return;
		}
		if (c->sasl == NULL)
			c->sasl = xcalloc(1, sizeof *c->sasl);
		c->sasl->mech = strcasecmp(p, "PLAIN") == 0 ? SASL_PLAIN :
		    strcasecmp(p, "EXTERNAL") == 0 ? SASL_EXTERNAL :
		    SASL_SCRAM;
		send_raw(c, ":%s AUTHENTICATE +", srv.conf->name);
		return;
	}
	if (len > SASL_CHUNK) {
		irc_sasl_end(c);
		send_numeric(c, ERR_SASLTOOLONG);
		return;
	}
	if (strcmp(p, "+") == 0)
		len = 0;
	if (c->sasl->inlen + len > SASL_MAX) {
		irc_sasl_fail(c, " (too long)");
		return;
	}
	memcpy(c->sasl->in + c->sasl->inlen, p, len);
	c->sasl->inlen += len;
	if (len == SASL_CHUNK)
		return;		/* more to come */
	n = scram_b64_decode(in, sizeof in, c->sasl->in, c->sasl->inlen);
	c->sasl->inlen = 0;
	if (n < 0) {
		irc_sasl_fail(c, "");
		return;
	}
	irc_sasl_input(c, in, (size_t)n);
}
