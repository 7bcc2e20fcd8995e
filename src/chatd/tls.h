/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The TLS seam (conn-tls.c): OpenSSL, when chatd is built with it; its
 * transport row, the server's certificate, and --make-cert. Without it
 * these are stubs, and listen-tls and --make-cert are refused.
 */

#ifndef TLS_H
#define TLS_H

/* A SHA-256 fingerprint in hex, with its NUL. */
#define TLS_FP_LEN	65

#ifdef HAVE_OPENSSL
int		 tls_configure(const struct config *, char **);
const struct transport *tls_transport(void);
void		 tls_free(void);
int		 tls_make_cert(const char *, const char *);
#else
static inline int
tls_configure(const struct config *conf, char **cause)
{
	if (conf->listen_tls.n == 0 && *conf->tls_cert == '\0' &&
	    *conf->tls_key == '\0')
		return (0);
	*cause = xstrdup("this chatd was built without OpenSSL (TLS)");
	return (-1);
}

static inline const struct transport *
tls_transport(void)
{
	return (NULL);
}

static inline void	tls_free(void) {}

static inline int
tls_make_cert(const char *dir, const char *name)
{
	fprintf(stderr, "chatd: this chatd was built without OpenSSL (TLS)\n");
	return (1);
}
#endif

#endif
