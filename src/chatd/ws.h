/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The HTTP listener (http.c), the web client's files (web.c) and the
 * WebSocket transport (conn-ws.c),
 * when chatd is built with libwslay, libhttp-parser and OpenSSL (the
 * handshake's SHA-1). Without them, http-listen is refused.
 */

#ifndef WS_H
#define WS_H

#ifdef HAVE_WEBSOCKET
int		 http_listen(const struct transport *, char **);
void		 http_free(void);
void		 web_load(void);
void		 web_free(void);
int		 web_answer(struct evbuffer *, const char *, int, const char *);
struct conn	*ws_start(struct conn *, const char *, size_t, const char *,
		     size_t, int);
void		 files_listening(int, const char *, uint16_t);
void		 files_init(void);
void		 files_free(void);
const char	*files_isupport(void);
void		 files_tick(time_t);
int		 files_command(const char *);
#else
static inline int
http_listen(const struct transport *tls, char **cause)
{
	if (srv.conf->http_listen.n == 0 && srv.conf->http_listen_tls.n == 0)
		return (0);
	*cause = xstrdup("this chatd was built without WebSocket "
	    "(libwslay, libhttp-parser, OpenSSL)");
	return (-1);
}

static inline void	http_free(void) {}
static inline void	web_load(void) {}
static inline void	web_free(void) {}
static inline const char *files_isupport(void) { return (NULL); }
static inline void	files_tick(time_t now) {}

static inline int
files_command(const char *verb)
{
	fprintf(stderr, "chatd: this chatd was built without the HTTP "
	    "listener, which keeps files\n");
	return (2);
}
#endif

#endif
