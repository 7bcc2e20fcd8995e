/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Logging in to an account: SASL (IRCv3 sasl 3.1 and 3.2) with
 * SCRAM-SHA-256 where the server offers it, else PLAIN, or EXTERNAL with
 * a TLS client certificate and no password; at registration (CAP END
 * waits for the answer) or later with /login. The server's SCRAM
 * signature is checked, so a server that does not know the password
 * cannot pretend to. /register makes an account (draft/account-
 * registration). The password is never shown and never on the command
 * line: the config file, CHATUI_PASSWORD or password-command give it.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "cap.h"
#include "chatui.h"
#include "i18n.h"
#include "scram.h"
#include "texts.h"

/* AUTHENTICATE carries base64 in lines of at most 400 bytes. */
#define SASL_CHUNK	400
#define SASL_MAX_IN	4096
/* A hostile server could ask for days of PBKDF2: refuse past this. */
#define SASL_MAX_ITERATIONS	1000000

enum {
	SASL_NONE,
	SASL_PLAIN,
	SASL_SCRAM,
	SASL_EXTERNAL
};

static struct {
	int	 mech;		/* under way, or SASL_NONE */
	int	 step;
	char	 nonce[48];	/* SCRAM: ours */
	char	*first_bare;	/* SCRAM: client-first-message-bare */
	uint8_t	 signature[SCRAM_KEY_LEN];	/* SCRAM: the server's, expected */
	char	 in[SASL_MAX_IN + 1];
	size_t	 inlen;
} sasl;

static void	sasl_send(const void *, size_t);
static void	sasl_reply(const char *, size_t);
static void	sasl_done(void);
static void	sasl_scram_first(const char *, size_t);
static void	sasl_scram_final(const char *, size_t);
static void	sasl_say(const char *);

/* Whether the server offers mech in its "sasl=" value (or gave none). */
static int
sasl_offered(const char *mech)
{
	const char	*p = cu.sasl_mechs;
	size_t		 len = strlen(mech);

	if (p == NULL || *p == '\0')
		return (1);
	while (*p != '\0') {
		if (strncasecmp(p, mech, len) == 0 &&
		    (p[len] == ',' || p[len] == '\0'))
			return (1);
		p += strcspn(p, ",");
		if (*p == ',')
			p++;
	}
	return (0);
}

/* Tell the user, where they will look: the current window. */
static void
sasl_say(const char *text)
{
	window_add(cu.current != NULL ? cu.current : window_server(),
	    LINE_INFO, NULL, text, 0);
}

/* Whether a login would be tried: an account and a way to prove it. */
int
sasl_wanted(void)
{
	return (cu.account != NULL && (cu.account_password != NULL ||
	    cu.tls_cert != NULL));
}

/* Begin logging in (the sasl cap is acknowledged); 0 if nothing to do. */
int
sasl_start(void)
{
	const char	*name;

	if (!sasl_wanted() || !(cu.caps & CAP_SASL))
		return (0);
	sasl_done();
	if (cu.account_password == NULL)
		sasl.mech = SASL_EXTERNAL;
	else if (sasl_offered("SCRAM-SHA-256"))
		sasl.mech = SASL_SCRAM;
	else if (sasl_offered("PLAIN"))
		sasl.mech = SASL_PLAIN;
	else {
		sasl_say(_("Cannot log in: the server offers no way of login "
		    "chatui knows (SCRAM-SHA-256, PLAIN)."));
		return (0);
	}
	name = sasl.mech == SASL_SCRAM ? "SCRAM-SHA-256" :
	    sasl.mech == SASL_PLAIN ? "PLAIN" : "EXTERNAL";
	net_send("AUTHENTICATE %s", name);
	return (1);
}

/* Whether a login is waiting for the server. */
int
sasl_busy(void)
{
	return (sasl.mech != SASL_NONE);
}

static void
sasl_done(void)
{
	sasl.mech = SASL_NONE;
	sasl.step = 0;
	sasl.inlen = 0;
	free(sasl.first_bare);
	sasl.first_bare = NULL;
	sodium_memzero(sasl.signature, sizeof sasl.signature);
}

/* Send a payload as base64, in chunks, "+" for an empty one or the end. */
static void
sasl_send(const void *data, size_t len)
{
	char	*b64;
	size_t	 size = sodium_base64_ENCODED_LEN(len,
		    sodium_base64_VARIANT_ORIGINAL), n, off;

	if (len == 0) {
		net_send("AUTHENTICATE +");
		return;
	}
	b64 = xmalloc(size);
	n = scram_b64_encode(b64, size, data, len);
	for (off = 0; off < n; off += SASL_CHUNK)
		net_send("AUTHENTICATE %.*s", (int)(n - off < SASL_CHUNK ?
		    n - off : SASL_CHUNK), b64 + off);
	if (n % SASL_CHUNK == 0)
		net_send("AUTHENTICATE +");
	sodium_memzero(b64, size);
	free(b64);
}

/* AUTHENTICATE from the server: gather its chunks, then answer. */
void
sasl_authenticate(const char *data)
{
	uint8_t	 buf[SASL_MAX_IN];
	size_t	 len = strlen(data);
	long	 n;

	if (sasl.mech == SASL_NONE)
		return;
	if (strcmp(data, "+") != 0) {
		if (sasl.inlen + len > SASL_MAX_IN) {
			net_send("AUTHENTICATE *");
			return;
		}
		memcpy(sasl.in + sasl.inlen, data, len);
		sasl.inlen += len;
		if (len == SASL_CHUNK)
			return;
	}
	sasl.in[sasl.inlen] = '\0';
	if (sasl.inlen == 0)
		n = 0;
	else if ((n = scram_b64_decode(buf, sizeof buf - 1, sasl.in,
	    sasl.inlen)) < 0) {
		net_send("AUTHENTICATE *");
		return;
	}
	sasl.inlen = 0;
	buf[n] = '\0';
	sasl_reply((const char *)buf, (size_t)n);
}

/* Answer one challenge of the mechanism under way. */
static void
sasl_reply(const char *in, size_t len)
{
	char	*plain;
	size_t	 alen, plen;

	switch (sasl.mech) {
	case SASL_PLAIN:
		/* authzid NUL authcid NUL password. */
		alen = strlen(cu.account);
		plen = strlen(cu.account_password);
		plain = xmalloc(alen * 2 + plen + 2);
		memcpy(plain, cu.account, alen);
		plain[alen] = '\0';
		memcpy(plain + alen + 1, cu.account, alen);
		plain[alen * 2 + 1] = '\0';
		memcpy(plain + alen * 2 + 2, cu.account_password, plen);
		sasl_send(plain, alen * 2 + 2 + plen);
		sodium_memzero(plain, alen * 2 + plen + 2);
		free(plain);
		break;
	case SASL_EXTERNAL:
		sasl_send("", 0);
		break;
	case SASL_SCRAM:
		if (sasl.step == 0)
			sasl_scram_first(in, len);
		else if (sasl.step == 1)
			sasl_scram_final(in, len);
		else if (sasl.step == 2) {
			/* The server's signature: v=base64. */
			uint8_t	sig[SCRAM_KEY_LEN];

			if (strncmp(in, "v=", 2) != 0 ||
			    scram_b64_decode(sig, sizeof sig, in + 2, len - 2) !=
			    SCRAM_KEY_LEN || sodium_memcmp(sig, sasl.signature,
			    SCRAM_KEY_LEN) != 0) {
				sasl_say(_("Login stopped: the server could not "
				    "prove it knows your password."));
				net_send("AUTHENTICATE *");
				sasl.step = 4;
				return;
			}
			sasl.step = 3;
			sasl_send("", 0);
		}
		break;
	}
}

/* The account name as SCRAM writes it: "=" and "," escaped. */
static void
sasl_scram_name(char *out, size_t size, const char *name)
{
	size_t	n = 0;

	for (; *name != '\0' && n + 4 < size; name++) {
		if (*name == '=')
			n += snprintf(out + n, size - n, "=3D");
		else if (*name == ',')
			n += snprintf(out + n, size - n, "=2C");
		else
			out[n++] = *name;
	}
	out[n] = '\0';
}

/* The first challenge is empty: send client-first-message. */
static void
sasl_scram_first(const char *in, size_t len)
{
	uint8_t	 raw[18];
	char	 name[NICK_MAX * 3 + 1], *msg;

	randombytes_buf(raw, sizeof raw);
	scram_b64_encode(sasl.nonce, sizeof sasl.nonce, raw, sizeof raw);
	sasl_scram_name(name, sizeof name, cu.account);
	free(sasl.first_bare);
	xasprintf(&sasl.first_bare, "n=%s,r=%s", name, sasl.nonce);
	xasprintf(&msg, "n,,%s", sasl.first_bare);
	sasl_send(msg, strlen(msg));
	free(msg);
	sasl.step = 1;
}

/* server-first-message: r=nonce,s=salt,i=iterations; send the proof. */
static void
sasl_scram_final(const char *in, size_t len)
{
	const char	*r = NULL, *s = NULL, *i = NULL, *p;
	uint8_t		 salt[256], proof[SCRAM_KEY_LEN];
	char		*copy, *field, *walk, *without, *am, b64[64], *msg;
	long		 saltlen, iterations = 0;
	size_t		 rlen = 0;

	copy = walk = xstrdup(in);
	while ((field = strsep(&walk, ",")) != NULL) {
		if (strncmp(field, "r=", 2) == 0)
			r = field + 2;
		else if (strncmp(field, "s=", 2) == 0)
			s = field + 2;
		else if (strncmp(field, "i=", 2) == 0)
			i = field + 2;
	}
	if (r != NULL)
		rlen = strlen(r);
	if (i != NULL)
		iterations = strtol(i, NULL, 10);
	saltlen = s != NULL ? scram_b64_decode(salt, sizeof salt, s,
	    strlen(s)) : -1;
	/* The server's nonce must extend ours. */
	p = r;
	if (r == NULL || strncmp(p, sasl.nonce, strlen(sasl.nonce)) != 0 ||
	    rlen <= strlen(sasl.nonce) || saltlen <= 0 || iterations < 1 ||
	    iterations > SASL_MAX_ITERATIONS) {
		free(copy);
		net_send("AUTHENTICATE *");
		sasl.step = 4;
		return;
	}
	xasprintf(&without, "c=biws,r=%s", r);
	xasprintf(&am, "%s,%s,%s", sasl.first_bare, in, without);
	scram_proof(cu.account_password, salt, (size_t)saltlen,
	    (unsigned int)iterations, am, strlen(am), proof, sasl.signature);
	scram_b64_encode(b64, sizeof b64, proof, sizeof proof);
	xasprintf(&msg, "%s,p=%s", without, b64);
	sasl_send(msg, strlen(msg));
	sodium_memzero(proof, sizeof proof);
	free(msg);
	free(am);
	free(without);
	free(copy);
	sasl.step = 2;
}

/* 900 to 908: logged in, out, refused; registration waits for these. */
void
sasl_numeric(const char *code, struct msg *m)
{
	const char	*text = m->params[m->nparams - 1];
	char		*msg;
	int		 end = 0;

	if (strcmp(code, "900") == 0 && m->nparams > 3) {
		free(cu.login_failure);
		cu.login_failure = NULL;
		free(cu.account_now);
		cu.account_now = xstrdup(m->params[2]);
		xasprintf(&msg, T_(LOGGED_IN), cu.account_now);
		sasl_say(msg);
		free(msg);
		model_changed();
		return;
	}
	if (strcmp(code, "901") == 0) {
		free(cu.account_now);
		cu.account_now = NULL;
		sasl_say(_("Logged out."));
		model_changed();
		return;
	}
	if (strcmp(code, "903") == 0)
		end = 1;
	else if (strcmp(code, "908") == 0) {
		free(cu.sasl_mechs);
		cu.sasl_mechs = xstrdup(m->params[1]);
		return;
	} else if (strcmp(code, "907") == 0) {
		sasl_say(T_(ALREADY_LOGGED_IN));
		end = 1;
	} else if (strcmp(code, "906") != 0 || sasl.step != 4) {
		/* 902, 904, 905, 906: said plainly, and the connection goes
		 * on without an account. */
		xasprintf(&msg, T_(LOGIN_FAILED_AS),
		    cu.account != NULL ? cu.account : "?", text);
		sasl_say(msg);
		/* At registration, told again where the newcomer lands. */
		if (!cu.registered) {
			free(cu.login_failure);
			cu.login_failure = msg;
		} else
			free(msg);
		end = 1;
	} else
		end = 1;
	if (end) {
		sasl_done();
		if (!cu.registered)
			net_send("CAP END");
	}
}

/* /login [ACCOUNT PASSWORD]: log in now, with these or the configured. */
void
sasl_login(const char *account, const char *password)
{
	if (account != NULL) {
		free(cu.account);
		cu.account = xstrdup(account);
	}
	if (password != NULL) {
		if (cu.account_password != NULL)
			sodium_memzero(cu.account_password,
			    strlen(cu.account_password));
		free(cu.account_password);
		cu.account_password = xstrdup(password);
	}
	if (!sasl_wanted()) {
		sasl_say(_("Usage: /login ACCOUNT PASSWORD (or set account and "
		    "account-password in the config file)"));
		return;
	}
	if (!(cu.caps & CAP_SASL)) {
		sasl_say(T_(NO_ACCOUNTS));
		return;
	}
	if (cu.account_now != NULL) {
		sasl_say(T_(ALREADY_LOGGED_IN));
		return;
	}
	sasl_start();
}

/*
 * /logout: IRC has no way back out of a login but a new connection, so
 * chatui forgets the account and connects again without it.
 */
void
sasl_logout(void)
{
	if (cu.account_now == NULL && cu.account == NULL) {
		sasl_say(T_(NOT_LOGGED_IN));
		return;
	}
	free(cu.account);
	cu.account = NULL;
	free(cu.account_now);
	cu.account_now = NULL;
	sasl_say(T_(LOGGING_OUT));
	cu.reconnecting = 1;
	net_disconnect("logging out");
}

/* /register ACCOUNT PASSWORD (draft/account-registration). */
void
sasl_register(const char *account, const char *password)
{
	if (!(cu.caps & CAP_ACCOUNT_REGISTRATION)) {
		sasl_say(_("This server does not let accounts be registered "
		    "from here."));
		return;
	}
	/* Kept, so that the next connection logs in. */
	free(cu.account);
	cu.account = xstrdup(account);
	free(cu.account_password);
	cu.account_password = xstrdup(password);
	net_send("REGISTER %s * :%s", account, password);
}

/* REGISTER SUCCESS|VERIFICATION_REQUIRED account :text; FAIL REGISTER. */
void
sasl_register_reply(struct msg *m)
{
	sasl_say(m->params[m->nparams - 1]);
}

void
sasl_free(void)
{
	sasl_done();
	free(cu.login_failure);
	cu.login_failure = NULL;
	if (cu.account_password != NULL)
		sodium_memzero(cu.account_password, strlen(cu.account_password));
}
