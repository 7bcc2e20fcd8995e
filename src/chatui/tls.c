/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * TLS to the server (OpenSSL under libevent's bufferevent_openssl), as
 * ssh trusts hosts: a certificate the system's authorities vouch for, for
 * the name connected to, is taken; any other is shown by its SHA-256
 * fingerprint and taken only if the user says yes, and then remembered in
 * known_servers; a remembered server whose certificate changes is refused
 * loudly until the user removes its line. STS (IRCv3): a plain connection
 * to a server with a policy goes again over TLS, and the policy is kept
 * (in sts) for the next start.
 */

#include "config.h"

#include <arpa/inet.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "chatui.h"
#include "i18n.h"

static SSL_CTX	*tls_ctx;

/* What waits for the user's yes: the fingerprint of host:port. */
static struct {
	int	 asking;
	char	*where;		/* host:port */
	char	 fp[SHA256_DIGEST_LENGTH * 2 + 1];
} tls_question;

static char	*tls_path(const char *);
static int	 tls_known(const char *, const char *, char *, size_t);
static int	 tls_remember(const char *, const char *);

/* A file of ours in the data directory (~/.local/share/chatui). */
static char *
tls_path(const char *name)
{
	char	*dir = chatui_data_dir(), *path;

	xasprintf(&path, "%s/%s", dir, name);
	free(dir);
	return (path);
}

/* The context, once: TLS 1.2 and 1.3, the system's authorities. */
static SSL_CTX *
tls_context(void)
{
	if (tls_ctx != NULL)
		return (tls_ctx);
	if ((tls_ctx = SSL_CTX_new(TLS_client_method())) == NULL)
		return (NULL);
	SSL_CTX_set_min_proto_version(tls_ctx, TLS1_2_VERSION);
	SSL_CTX_set_default_verify_paths(tls_ctx);
	/* Checked after the handshake (tls_check), so a stranger can be asked
	 * about rather than refused outright. */
	SSL_CTX_set_verify(tls_ctx, SSL_VERIFY_NONE, NULL);
	return (tls_ctx);
}

/* Load the client certificate (and its key, in the same file). */
int
tls_client_cert(const char *file)
{
	SSL_CTX	*ctx = tls_context();

	if (ctx == NULL || SSL_CTX_use_certificate_chain_file(ctx, file) != 1 ||
	    SSL_CTX_use_PrivateKey_file(ctx, file, SSL_FILETYPE_PEM) != 1 ||
	    SSL_CTX_check_private_key(ctx) != 1) {
		fprintf(stderr, _("chatui: cannot use %s as a client certificate "
		    "(a PEM file with the certificate and its key): %s\n"),
		    file, ERR_reason_error_string(ERR_get_error()));
		return (-1);
	}
	return (0);
}

/* A bufferevent that will speak TLS to host once connected. */
struct bufferevent *
tls_bufferevent(struct event_base *base, const char *host)
{
	SSL_CTX			*ctx = tls_context();
	SSL			*ssl;
	struct bufferevent	*bev;
	unsigned char		 addr[16];
	int			 ip;

	if (ctx == NULL || (ssl = SSL_new(ctx)) == NULL)
		return (NULL);
	ip = inet_pton(AF_INET, host, addr) == 1 ||
	    inet_pton(AF_INET6, host, addr) == 1;
	if (ip)
		X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host);
	else {
		SSL_set_tlsext_host_name(ssl, host);
		SSL_set1_host(ssl, host);
	}
	bev = bufferevent_openssl_socket_new(base, -1, ssl,
	    BUFFEREVENT_SSL_CONNECTING, BEV_OPT_CLOSE_ON_FREE);
	if (bev == NULL) {
		SSL_free(ssl);
		return (NULL);
	}
	bufferevent_openssl_set_allow_dirty_shutdown(bev, 1);
	return (bev);
}

/* Why the TLS connection failed, for "Disconnected: ...". */
const char *
tls_error(struct bufferevent *bev)
{
	static char	 buf[256];
	unsigned long	 e = bufferevent_get_openssl_error(bev);

	if (e == 0)
		return (NULL);
	ERR_error_string_n(e, buf, sizeof buf);
	return (buf);
}

/* The SHA-256 of the server's certificate, as hex; 0 if there is none. */
static int
tls_fingerprint(SSL *ssl, char *out, size_t size)
{
	X509		*cert = SSL_get1_peer_certificate(ssl);
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 len, i;

	if (cert == NULL)
		return (0);
	if (X509_digest(cert, EVP_sha256(), md, &len) != 1 ||
	    size < len * 2 + 1) {
		X509_free(cert);
		return (0);
	}
	X509_free(cert);
	for (i = 0; i < len; i++)
		snprintf(out + i * 2, 3, "%02x", md[i]);
	return (1);
}

/* hex as people compare them: AB:CD:... */
static void
tls_pretty(const char *hex, char *out, size_t size)
{
	size_t	i, n = 0;

	for (i = 0; hex[i] != '\0' && hex[i + 1] != '\0' && n + 4 < size;
	    i += 2) {
		n += snprintf(out + n, size - n, "%s%c%c", i == 0 ? "" : ":",
		    hex[i] >= 'a' ? hex[i] - 32 : hex[i],
		    hex[i + 1] >= 'a' ? hex[i + 1] - 32 : hex[i + 1]);
	}
}

/* The fingerprint remembered for where, into fp: 1, or 0 if none. */
static int
tls_known(const char *file, const char *where, char *fp, size_t size)
{
	char	*path = tls_path(file), *line = NULL, *sp;
	size_t	 lsize = 0;
	FILE	*f;
	int	 found = 0;

	if ((f = fopen(path, "r")) != NULL) {
		while (!found && getline(&line, &lsize, f) != -1) {
			line[strcspn(line, "\r\n")] = '\0';
			if ((sp = strchr(line, ' ')) == NULL || *line == '#')
				continue;
			*sp++ = '\0';
			if (strcmp(line, where) == 0) {
				xstrlcpy(fp, sp, size);
				found = 1;
			}
		}
		free(line);
		fclose(f);
	}
	free(path);
	return (found);
}

/* Add "where fingerprint" to known_servers. */
static int
tls_remember(const char *where, const char *fp)
{
	char	*path = tls_path("known_servers");
	FILE	*f;
	int	 error = 0;

	if ((f = fopen(path, "a")) == NULL ||
	    fprintf(f, "%s %s\n", where, fp) < 0)
		error = -1;
	if (f != NULL && fclose(f) != 0)
		error = -1;
	free(path);
	return (error);
}

/*
 * The handshake is over: whether to go on (TLS_GO), or the user is asked
 * (TLS_ASKED) or told why not (TLS_REFUSED); the caller drops the
 * connection in the last two.
 */
int
tls_check(struct bufferevent *bev)
{
	SSL		*ssl = bufferevent_openssl_get_ssl(bev);
	struct window	*w = window_server();
	char		 fp[SHA256_DIGEST_LENGTH * 2 + 1], known[128];
	char		 pretty[SHA256_DIGEST_LENGTH * 3 + 1], *where, *path;
	long		 result;

	if (ssl == NULL || !tls_fingerprint(ssl, fp, sizeof fp)) {
		window_addf(w, LINE_INFO, _("The server sent no certificate."));
		return (TLS_REFUSED);
	}
	result = SSL_get_verify_result(ssl);
	if (result == X509_V_OK)
		return (TLS_GO);
	xasprintf(&where, "%s:%s", cu.host, cu.port);
	tls_pretty(fp, pretty, sizeof pretty);
	if (tls_known("known_servers", where, known, sizeof known)) {
		if (strcmp(known, fp) == 0) {
			free(where);
			return (TLS_GO);
		}
		path = tls_path("known_servers");
		window_addf(w, LINE_INFO, _("WARNING: THE CERTIFICATE OF %s HAS "
		    "CHANGED. Someone may be listening in, or the server has a "
		    "new certificate. Its SHA-256 fingerprint is now %s. "
		    "chatui will not connect to it; if you trust the change, "
		    "remove the line of %s from %s and /reconnect."),
		    where, pretty, where, path);
		free(path);
		free(where);
		return (TLS_REFUSED);
	}
	window_addf(w, LINE_INFO, _("The certificate of %s is not vouched for "
	    "by an authority this system trusts (%s). Its SHA-256 fingerprint "
	    "is %s."), where, X509_verify_cert_error_string(result), pretty);
	window_addf(w, LINE_INFO, _("Trust it, and remember it for the next "
	    "time? Type yes or no."));
	free(tls_question.where);
	tls_question.where = where;
	xstrlcpy(tls_question.fp, fp, sizeof tls_question.fp);
	tls_question.asking = 1;
	window_show(w);
	return (TLS_ASKED);
}

/*
 * Whether an HTTPS peer (a file transfer's, host) may be trusted: vouched
 * for by the system's authorities, or the chat server's own certificate,
 * as known_servers pinned it (chatd serves files with the one it chats
 * with).
 */
int
tls_trusted(struct bufferevent *bev, const char *host)
{
	SSL	*ssl = bufferevent_openssl_get_ssl(bev);
	char	 fp[SHA256_DIGEST_LENGTH * 2 + 1], known[128], *where;
	int	 ok;

	if (ssl == NULL || !tls_fingerprint(ssl, fp, sizeof fp))
		return (0);
	if (SSL_get_verify_result(ssl) == X509_V_OK)
		return (1);
	xasprintf(&where, "%s:%s", cu.host, cu.port);
	ok = tls_known("known_servers", where, known, sizeof known) &&
	    strcmp(known, fp) == 0;
	free(where);
	return (ok);
}

/* Whether a certificate waits for the user's yes or no. */
int
tls_asking(void)
{
	return (tls_question.asking);
}

/* The user's answer: yes remembers the certificate and connects. */
void
tls_answer(const char *answer)
{
	struct window	*w = window_server();
	char		*path;

	tls_question.asking = 0;
	if (strcasecmp(answer, "yes") != 0 && strcasecmp(answer, "y") != 0) {
		window_addf(w, LINE_INFO, _("Not trusted: not connecting "
		    "(/reconnect to be asked again)."));
		return;
	}
	if (tls_remember(tls_question.where, tls_question.fp) != 0) {
		path = tls_path("known_servers");
		window_addf(w, LINE_INFO, _("Cannot write %s: %s"), path,
		    strerror(errno));
		free(path);
	} else
		window_addf(w, LINE_INFO, _("Remembered %s."),
		    tls_question.where);
	net_connect();
}

/*
 * The sts value of CAP LS (port=P,duration=D). On a plain connection:
 * go again over TLS to port P (1 returned: the caller stops here); on a
 * secure one: keep the policy for D seconds (0 forgets it).
 */
int
tls_sts(const char *value)
{
	char		 port[16] = "", *copy, *p, *key;
	long		 duration = -1;
	char		*path, *tmp, *line = NULL;
	size_t		 size = 0;
	FILE		*in, *out;

	copy = p = xstrdup(value);
	while ((key = strsep(&p, ",")) != NULL) {
		if (strncmp(key, "port=", 5) == 0 &&
		    strspn(key + 5, "0123456789") == strlen(key + 5) &&
		    strlen(key + 5) > 0 && strlen(key + 5) < sizeof port)
			xstrlcpy(port, key + 5, sizeof port);
		else if (strncmp(key, "duration=", 9) == 0)
			duration = strtol(key + 9, NULL, 10);
	}
	free(copy);
	if (!cu.tls) {
		if (*port == '\0' || atoi(port) < 1 || atoi(port) > 65535)
			return (0);
		window_addf(window_server(), LINE_INFO, _("The server asks for "
		    "TLS (STS): connecting again with TLS on port %s."), port);
		free(cu.port);
		cu.port = xstrdup(port);
		cu.tls = 1;
		return (1);
	}
	if (duration < 0)
		return (0);
	/* Rewrite the policies: this host's replaced (or dropped at 0). */
	path = tls_path("sts");
	xasprintf(&tmp, "%s.new", path);
	if ((out = fopen(tmp, "w")) == NULL) {
		free(tmp);
		free(path);
		return (0);
	}
	if ((in = fopen(path, "r")) != NULL) {
		while (getline(&line, &size, in) != -1) {
			if (strncmp(line, cu.host, strlen(cu.host)) == 0 &&
			    line[strlen(cu.host)] == ' ')
				continue;
			fputs(line, out);
		}
		free(line);
		fclose(in);
	}
	if (duration > 0)
		fprintf(out, "%s %s %lld\n", cu.host, cu.port,
		    (long long)time(NULL) + duration);
	if (fclose(out) == 0)
		rename(tmp, path);
	free(tmp);
	free(path);
	return (0);
}

/* At start: a policy kept for this host turns TLS on, on its port. */
void
tls_sts_load(void)
{
	char		 value[64], port[16];
	long long	 expiry;

	if (cu.tls || !tls_known("sts", cu.host, value, sizeof value))
		return;
	if (sscanf(value, "%15s %lld", port, &expiry) != 2 ||
	    expiry < (long long)time(NULL))
		return;
	free(cu.port);
	cu.port = xstrdup(port);
	cu.tls = 1;
}

void
tls_free(void)
{
	free(tls_question.where);
	tls_question.where = NULL;
	if (tls_ctx != NULL)
		SSL_CTX_free(tls_ctx);
	tls_ctx = NULL;
}
