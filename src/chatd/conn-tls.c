/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The TLS transport: OpenSSL over the client's non-blocking socket, TLS 1.2
 * and 1.3 only. The handshake moves on with the connection's reads, so it
 * never blocks the loop; output made before it is done waits in the
 * backlog (the row is "blocked") and goes once it is. Records are read
 * from the socket and written to a buffer of the connection's (a memory
 * BIO): a turn's output is encrypted in one pass at write time, from the
 * shared bytes, in records of up to 16 KiB, and the records go with the
 * turn's other writes (io_uring, as plain ones do). Only once they are
 * all written is more encrypted, so what waits is plain text in the
 * backlog, counted against sendq, and at most one pass of records.
 * Idle connections give their buffers back (SSL_MODE_RELEASE_BUFFERS, and
 * a wire buffer grown by a burst). The certificate is loaded at start and at each
 * reload, where a bad one is reported and the old one kept; connections
 * keep the context they started with.
 */

#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <sodium.h>

#include "chatd.h"
#include "i18n.h"
#include "conn.h"
#include "tls.h"

/* Plain text encrypted in one go: four records. */
#define TLS_WRITE_SIZE	(4 * 16384)
/* A record with its header and tag, about. */
#define TLS_RECORD_BUF	(16384 + 256)
/*
 * TLS 1.3's suites, fastest first where AES is in hardware: AES-128-GCM
 * costs two thirds of AES-256-GCM a byte, and is as safe for a chat.
 */
#define TLS_SUITES	"TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:" \
			"TLS_CHACHA20_POLY1305_SHA256"
/* Days a certificate of --make-cert is good for. */
#define TLS_CERT_DAYS	825

struct conn_tls {
	struct conn	 conn;
	SSL		*ssl;
	BIO		*wbio;		/* the wire buffer: records to write */
	int		 open;		/* the handshake is done */
};

static SSL_CTX	*tls_ctx;

static struct conn *tls_open(int);
static ssize_t	tls_read(struct conn *, int, char *, size_t);
static ssize_t	tls_encode(struct conn *, const struct iovec *, int);
static int	tls_wire(struct conn *, struct iovec *);
static void	tls_wire_sent(struct conn *, size_t);
static int	tls_pending(struct conn *);
static int	tls_blocked(struct conn *);
static int	tls_certfp(struct conn *, char *);
static void	tls_shutdown(struct conn *);
static void	tls_conn_free(struct conn *);

static const struct transport transport_tls = {
	.name = "tls",
	.flags = 0,
	.open = tls_open,
	.read = tls_read,
	.writev = conn_encoded_writev,
	.encode = tls_encode,
	.wire = tls_wire,
	.wire_sent = tls_wire_sent,
	.flush = conn_encoded_flush,
	.pending = tls_pending,
	.blocked = tls_blocked,
	.certfp = tls_certfp,
	.shutdown = tls_shutdown,
	.free = tls_conn_free
};

/* The row, once a certificate is loaded; NULL without one. */
const struct transport *
tls_transport(void)
{
	return (tls_ctx != NULL ? &transport_tls : NULL);
}

/* Any client certificate is taken: it is only a fingerprint (certfp). */
static int
tls_verify_cb(int ok, X509_STORE_CTX *ctx)
{
	return (1);
}

/* OpenSSL's first error as text, for the log; the queue is emptied. */
static const char *
tls_ssl_error(void)
{
	static char	buf[256];
	unsigned long	e;

	if ((e = ERR_peek_last_error()) == 0)
		return ("unknown error");
	ERR_error_string_n(e, buf, sizeof buf);
	ERR_clear_error();
	return (buf);
}

/*
 * A context for cert and key, or NULL with *cause. TLS 1.2 at least, no
 * renegotiation, a peer's end without close_notify taken as an end.
 */
static SSL_CTX *
tls_context(const char *cert, const char *key, char **cause)
{
	static const unsigned char	 sid[] = "chatd";
	SSL_CTX				*ctx;

	if ((ctx = SSL_CTX_new(TLS_server_method())) == NULL) {
		xasprintf(cause, "TLS: %s", tls_ssl_error());
		return (NULL);
	}
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION |
	    SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_IGNORE_UNEXPECTED_EOF |
	    SSL_OP_NO_COMPRESSION);
	SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
	SSL_CTX_set_session_id_context(ctx, sid, sizeof sid - 1);
	SSL_CTX_set_num_tickets(ctx, 0);
	SSL_CTX_set_read_ahead(ctx, 1);
	SSL_CTX_set_ciphersuites(ctx, TLS_SUITES);
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE,
	    tls_verify_cb);
	if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1) {
		xasprintf(cause, "cannot load tls-cert %s: %s", cert,
		    tls_ssl_error());
		goto fail;
	}
	if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1) {
		xasprintf(cause, "cannot load tls-key %s: %s", key,
		    tls_ssl_error());
		goto fail;
	}
	if (SSL_CTX_check_private_key(ctx) != 1) {
		xasprintf(cause, "tls-key %s does not match tls-cert %s", key,
		    cert);
		goto fail;
	}
	return (ctx);

fail:
	SSL_CTX_free(ctx);
	return (NULL);
}

/*
 * Load the certificate conf names (at start and at each reload): 0, or -1
 * with *cause, the old one kept. listen-tls needs both files, and so does
 * a reload while TLS listeners are open.
 */
int
tls_configure(const struct config *conf, char **cause)
{
	const char	*cert = conf->tls_cert, *key = conf->tls_key;
	SSL_CTX		*ctx;

	if (*cert == '\0' && *key == '\0') {
		if (conf->listen_tls.n != 0 || conf->http_listen_tls.n != 0 ||
		    tls_ctx != NULL) {
			*cause = xstrdup("listen-tls needs tls-cert and "
			    "tls-key (chatd --make-cert DIR makes a pair)");
			return (-1);
		}
		tls_free();
		return (0);
	}
	if (*cert == '\0' || *key == '\0') {
		*cause = xstrdup("tls-cert and tls-key go together");
		return (-1);
	}
	if ((ctx = tls_context(cert, key, cause)) == NULL)
		return (-1);
	/* Connections hold a reference to the context they began with. */
	SSL_CTX_free(tls_ctx);
	tls_ctx = ctx;
	return (0);
}

void
tls_free(void)
{
	SSL_CTX_free(tls_ctx);
	tls_ctx = NULL;
}

static struct conn *
tls_open(int fd)
{
	struct conn_tls	*t;
	SSL		*ssl;

	BIO		*rbio, *wbio;

	if (tls_ctx == NULL || (ssl = SSL_new(tls_ctx)) == NULL)
		return (NULL);
	/* Records are read from the socket, and written to a buffer. */
	rbio = BIO_new_socket(fd, BIO_NOCLOSE);
	wbio = BIO_new(BIO_s_mem());
	if (rbio == NULL || wbio == NULL) {
		BIO_free(rbio);
		BIO_free(wbio);
		SSL_free(ssl);
		return (NULL);
	}
	BIO_set_mem_eof_return(wbio, -1);
	SSL_set_bio(ssl, rbio, wbio);
	SSL_set_accept_state(ssl);
	t = xcalloc(1, sizeof *t);
	t->conn.t = &transport_tls;
	t->conn.secure = 1;
	t->ssl = ssl;
	t->wbio = wbio;
	return (&t->conn);
}

/*
 * What a failed SSL call means for the caller: -EAGAIN to wait, 0 at the
 * peer's end, or -errno (EPROTO with the reason kept).
 */
static ssize_t
tls_result(struct conn_tls *t, int r)
{
	int	e = SSL_get_error(t->ssl, r);

	switch (e) {
	case SSL_ERROR_WANT_READ:
	case SSL_ERROR_WANT_WRITE:
		return (-EAGAIN);
	case SSL_ERROR_ZERO_RETURN:
		return (0);
	case SSL_ERROR_SYSCALL:
		ERR_clear_error();
		if (errno == EAGAIN || errno == EINTR)
			return (-EAGAIN);
		return (errno != 0 ? -errno : -ECONNRESET);
	default:
		/* Plain IRC, HTTP or garbage to a TLS port ends here. */
		t->conn.error = t->open ? "TLS error" : "TLS handshake failed";
		log_debug("%s: %s", __func__, tls_ssl_error());
		return (-EPROTO);
	}
}

/* The handshake, as far as the peer has come; 1 once it is done. */
static ssize_t
tls_handshake(struct conn_tls *t)
{
	int	r;

	ERR_clear_error();
	errno = 0;
	if ((r = SSL_do_handshake(t->ssl)) != 1)
		return (tls_result(t, r));
	t->open = 1;
	return (1);
}

/*
 * A read moves the handshake on first. A handshake's flight always fits
 * an empty socket, so one that waits for room would only wait for the
 * peer's next bytes, as one that waits for input does.
 */
static ssize_t
tls_read(struct conn *cn, int fd, char *buf, size_t len)
{
	struct conn_tls	*t = (struct conn_tls *)cn;
	size_t		 n;
	ssize_t		 r;

	if (!t->open && (r = tls_handshake(t)) != 1) {
		/* The handshake's flight, or its alert. */
		conn_encoded_flush(cn, fd);
		return (r);
	}
	ERR_clear_error();
	errno = 0;
	if (SSL_read_ex(t->ssl, buf, len, &n) == 1)
		r = (ssize_t)n;
	else
		r = tls_result(t, 0);
	/* What reading made (the end of a handshake, an alert) goes now. */
	if (BIO_ctrl_pending(t->wbio) != 0)
		conn_encoded_flush(cn, fd);
	return (r);
}

/*
 * Encrypt what iov holds (up to TLS_WRITE_SIZE, gathered into one buffer
 * unless it is one piece) into the wire buffer, once the last is written:
 * the plain bytes taken, 0 while the wire buffer holds some, or -errno.
 */
static ssize_t
tls_encode(struct conn *cn, const struct iovec *iov, int niov)
{
	static char	 buf[TLS_WRITE_SIZE];
	struct conn_tls	*t = (struct conn_tls *)cn;
	const char	*data;
	size_t		 len = 0, n, w;
	int		 i;

	if (!t->open)
		return (-EAGAIN);
	if (BIO_ctrl_pending(t->wbio) != 0)
		return (0);
	if (niov == 1) {
		data = iov[0].iov_base;
		len = iov[0].iov_len;
		if (len > TLS_WRITE_SIZE)
			len = TLS_WRITE_SIZE;
	} else {
		for (i = 0; i < niov && len < sizeof buf; i++) {
			n = iov[i].iov_len;
			if (n > sizeof buf - len)
				n = sizeof buf - len;
			memcpy(buf + len, iov[i].iov_base, n);
			len += n;
		}
		data = buf;
	}
	/* Into memory: all of it goes, in records of up to 16 KiB. */
	ERR_clear_error();
	errno = 0;
	if (SSL_write_ex(t->ssl, data, len, &w) != 1) {
		n = (size_t)-tls_result(t, 0);
		return (n == 0 ? -EPIPE : -(ssize_t)n);
	}
	return ((ssize_t)w);
}

/* The wire buffer's bytes, if any. */
static int
tls_wire(struct conn *cn, struct iovec *v)
{
	struct conn_tls	*t = (struct conn_tls *)cn;
	char		*p;
	long		 n;

	if ((n = BIO_get_mem_data(t->wbio, &p)) <= 0)
		return (0);
	v->iov_base = p;
	v->iov_len = (size_t)n;
	return (1);
}

/*
 * n bytes of the wire buffer went. An empty buffer that grew past a few
 * records for a burst is given back: idle connections keep none.
 */
static void
tls_wire_sent(struct conn *cn, size_t n)
{
	static char	 trash[16384];
	struct conn_tls	*t = (struct conn_tls *)cn;
	BUF_MEM		*bm;
	BIO		*fresh;
	size_t		 k;

	while (n > 0) {
		k = n < sizeof trash ? n : sizeof trash;
		if (BIO_read(t->wbio, trash, (int)k) <= 0)
			break;
		n -= k;
	}
	if (BIO_ctrl_pending(t->wbio) != 0)
		return;
	BIO_get_mem_ptr(t->wbio, &bm);
	if (bm != NULL && bm->max > 2 * TLS_RECORD_BUF &&
	    (fresh = BIO_new(BIO_s_mem())) != NULL) {
		BIO_set_mem_eof_return(fresh, -1);
		SSL_set0_wbio(t->ssl, fresh);
		t->wbio = fresh;
	}
}

static int
tls_pending(struct conn *cn)
{
	struct conn_tls	*t = (struct conn_tls *)cn;

	return (t->open && SSL_has_pending(t->ssl));
}

static int
tls_blocked(struct conn *cn)
{
	return (!((struct conn_tls *)cn)->open);
}

static int
tls_certfp(struct conn *cn, char *fp)
{
	struct conn_tls	*t = (struct conn_tls *)cn;
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 len, i;
	X509		*x;

	if (!t->open || (x = SSL_get0_peer_certificate(t->ssl)) == NULL)
		return (0);
	if (X509_digest(x, EVP_sha256(), md, &len) != 1 ||
	    len * 2 + 1 > TLS_FP_LEN)
		return (0);
	for (i = 0; i < len; i++)
		snprintf(fp + i * 2, 3, "%02x", md[i]);
	return (1);
}

/* A close_notify, if the session is up and sound. */
static void
tls_shutdown(struct conn *cn)
{
	struct conn_tls	*t = (struct conn_tls *)cn;

	if (t->open && t->conn.error == NULL) {
		ERR_clear_error();
		SSL_shutdown(t->ssl);
		ERR_clear_error();
	}
}

static void
tls_conn_free(struct conn *cn)
{
	struct conn_tls	*t = (struct conn_tls *)cn;

	SSL_free(t->ssl);
	free(t);
}

/* Add an extension to a certificate of --make-cert; 0 on a failure. */
static int
tls_cert_ext(X509 *x, int nid, const char *value)
{
	X509V3_CTX	 v3;
	X509_EXTENSION	*ext;
	int		 ok;

	X509V3_set_ctx_nodb(&v3);
	X509V3_set_ctx(&v3, x, x, NULL, NULL, 0);
	if ((ext = X509V3_EXT_conf_nid(NULL, &v3, nid, value)) == NULL)
		return (0);
	ok = X509_add_ext(x, ext, -1);
	X509_EXTENSION_free(ext);
	return (ok);
}

/* Write what to path, created with mode; 0, or -1 (said). */
static int
tls_write_pem(const char *path, mode_t mode, EVP_PKEY *key, X509 *x)
{
	FILE	*f;
	int	 fd, ok;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)) == -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, "chatd: %s: %s\n", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return (-1);
	}
	ok = key != NULL ? PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL,
	    NULL) : PEM_write_X509(f, x);
	if (fclose(f) != 0 || !ok) {
		fprintf(stderr, "chatd: cannot write %s\n", path);
		unlink(path);
		return (-1);
	}
	return (0);
}

/*
 * --make-cert DIR: a self-signed certificate for a first run, DIR/chatd.crt
 * and DIR/chatd.key (mode 0600), an ECDSA P-256 key, for name, localhost,
 * 127.0.0.1 and ::1. A pair there already is kept. 0, 1 on a failure.
 */
int
tls_make_cert(const char *dir, const char *name)
{
	char		*crt, *key, *san;
	EVP_PKEY	*pk = NULL;
	X509		*x = NULL;
	X509_NAME	*subject;
	unsigned char	 serial[16];
	BIGNUM		*bn;
	int		 error = 1;

	xasprintf(&crt, "%s/chatd.crt", dir);
	xasprintf(&key, "%s/chatd.key", dir);
	xasprintf(&san, "DNS:%s,DNS:localhost,IP:127.0.0.1,IP:::1", name);
	if (access(crt, F_OK) == 0 && access(key, F_OK) == 0) {
		printf(_("%s and %s are there already: kept\n"), crt, key);
		error = 0;
		goto out;
	}
	if ((pk = EVP_EC_gen("P-256")) == NULL || (x = X509_new()) == NULL)
		goto ssl_fail;
	randombytes_buf(serial, sizeof serial);
	serial[0] &= 0x7f;
	bn = BN_bin2bn(serial, sizeof serial, NULL);
	if (bn == NULL || BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) ==
	    NULL) {
		BN_free(bn);
		goto ssl_fail;
	}
	BN_free(bn);
	subject = X509_get_subject_name(x);
	if (X509_set_version(x, X509_VERSION_3) != 1 ||
	    X509_gmtime_adj(X509_getm_notBefore(x), -3600) == NULL ||
	    X509_gmtime_adj(X509_getm_notAfter(x),
	    (long)TLS_CERT_DAYS * 86400) == NULL ||
	    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
	    (const unsigned char *)name, -1, -1, 0) != 1 ||
	    X509_set_issuer_name(x, subject) != 1 ||
	    X509_set_pubkey(x, pk) != 1 ||
	    !tls_cert_ext(x, NID_subject_alt_name, san) ||
	    !tls_cert_ext(x, NID_basic_constraints, "critical,CA:FALSE") ||
	    !tls_cert_ext(x, NID_ext_key_usage, "serverAuth") ||
	    X509_sign(x, pk, EVP_sha256()) == 0)
		goto ssl_fail;
	if (tls_write_pem(key, 0600, pk, NULL) != 0)
		goto out;
	if (tls_write_pem(crt, 0644, NULL, x) != 0) {
		unlink(key);
		goto out;
	}
	printf(_("made %s and %s (self-signed, for %s, localhost, 127.0.0.1 "
	    "and ::1)\n"), crt, key, name);
	error = 0;
	goto out;

ssl_fail:
	fprintf(stderr, "chatd: cannot make a certificate: %s\n",
	    tls_ssl_error());
out:
	X509_free(x);
	EVP_PKEY_free(pk);
	free(san);
	free(key);
	free(crt);
	return (error);
}
