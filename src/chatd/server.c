/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The server around the clients: listening sockets and accept with the
 * connection limits, signals, the once-a-second tick, the reaper of closed
 * clients, configuration reload and shutdown (tmux's server.c).
 */

#include "config.h"

#include <sys/socket.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/listener.h>

#include "chatd.h"
#include "conn.h"
#include "tls.h"
#include "ws.h"
#include "store.h"
#include "i18n.h"

/* Pending connections the kernel may hold for us (issue: at least 1024). */
#define SERVER_BACKLOG	1024
/* Longest wait at shutdown for the clients to take their ERROR and close. */
#define SERVER_SHUTDOWN_MS	800

static void	server_accept_cb(struct evconnlistener *, evutil_socket_t,
		    struct sockaddr *, int, void *);
static void	server_accept_error_cb(struct evconnlistener *, void *);
static void	server_accept_resume_cb(evutil_socket_t, short, void *);
static void	server_refuse(struct conn *, evutil_socket_t, const char *,
		    const char *);
static void	server_tick_cb(evutil_socket_t, short, void *);
static void	server_reaper_cb(evutil_socket_t, short, void *);
static void	server_flusher_cb(evutil_socket_t, short, void *);
static void	server_reader_cb(evutil_socket_t, short, void *);
static void	server_signal_cb(evutil_socket_t, short, void *);
static void	server_start_timers(void);
static int	server_listen_one(const char *, const struct transport *,
		    char **);

/* Open one listening socket of clients of transport t. */
static int
server_listen_one(const char *spec, const struct transport *t, char **cause)
{
	uint16_t	port;

	if (server_listen_on(spec, server_accept_cb, (void *)t,
	    t == &transport_tcp ? "" : "for TLS ", &port, cause) != 0)
		return (-1);
	if (t != &transport_tcp && srv.tls_port == 0)
		srv.tls_port = port;
	return (0);
}

/*
 * Open one listening socket whose connections go to cb with arg, logged
 * as "listening WHATon ADDR:PORT" ("listening on" is the plain port the
 * tests and tools look for); 0 with *portp, or -1 with *cause set.
 */
int
server_listen_on(const char *spec, evconnlistener_cb cb, void *arg,
    const char *what, uint16_t *portp, char **cause)
{
	struct sockaddr_storage	 ss;
	socklen_t		 len;
	struct evconnlistener	*l;
	evutil_socket_t		 fd;
	char			 host[HOST_MAX];
	uint16_t		 port;
	int			 one = 1, saved;

	if (config_parse_addr(spec, &ss, &len, cause) != 0)
		return (-1);
	if ((fd = socket(ss.ss_family, SOCK_STREAM, 0)) == -1)
		goto fail;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	/*
	 * Output is already gathered into one write per client per loop turn,
	 * so Nagle could only hold a line back until the client's (delayed)
	 * ACK arrives. Accepted sockets inherit the option from this one.
	 */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#ifdef TCP_DEFER_ACCEPT
	/*
	 * An IRC client speaks first, so the kernel can keep a connection
	 * until its NICK and USER arrive: accept and the first read are then
	 * one loop turn, not two, which is a tenth of a registration's cost.
	 */
	if (srv.conf->defer_accept > 0 && setsockopt(fd, IPPROTO_TCP,
	    TCP_DEFER_ACCEPT, &srv.conf->defer_accept,
	    sizeof srv.conf->defer_accept) == 0)
		srv.deferred = 1;
#endif
	if (ss.ss_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
	if (evutil_make_socket_nonblocking(fd) != 0 ||
	    evutil_make_socket_closeonexec(fd) != 0 ||
	    bind(fd, (struct sockaddr *)&ss, len) != 0 ||
	    listen(fd, SERVER_BACKLOG) != 0)
		goto fail;
	l = evconnlistener_new(srv.base, cb, arg, LEV_OPT_CLOSE_ON_FREE, 0,
	    fd);
	if (l == NULL)
		goto fail;
	evconnlistener_set_error_cb(l, server_accept_error_cb);
	srv.listeners = xreallocarray(srv.listeners, srv.nlisteners + 1,
	    sizeof *srv.listeners);
	srv.listeners[srv.nlisteners++] = l;

	len = sizeof ss;
	getsockname(fd, (struct sockaddr *)&ss, &len);
	conn_addr_string((struct sockaddr *)&ss, len, host, &port);
	log_always("listening %son %s%s%s:%u", what,
	    ss.ss_family == AF_INET6 ? "[" : "", host,
	    ss.ss_family == AF_INET6 ? "]" : "", port);
	*portp = port;
	return (0);

fail:
	saved = errno;
	xasprintf(cause, _("cannot listen on %s: %s"), spec,
	    strerror(saved));
	if (fd != -1)
		close(fd);
	errno = saved;
	return (-1);
}

/*
 * Open every listen address. One that fails for want of an address family
 * (no IPv6 here) is skipped while another works; anything else is fatal.
 */
int
server_listen(void)
{
	struct strlist		*lists[2] = { &srv.conf->listen,
				    &srv.conf->listen_tls };
	const struct transport	*rows[2] = { &transport_tcp, NULL };
	char			*cause = NULL;
	int			 i, k, family_errors = 0, saved;

	if (tls_configure(srv.conf, &cause) != 0) {
		/* One line: the log's, and standard error's if it is not. */
		log_error("event=tls result=failed error=%s", log_q(cause));
		if (log_fileno() != STDERR_FILENO)
			fprintf(stderr, "chatd: %s\n", cause);
		free(cause);
		return (-1);
	}
	rows[1] = tls_transport();
	for (k = 0; k < 2; k++) {
		for (i = 0; i < lists[k]->n; i++) {
			if (server_listen_one(lists[k]->v[i], rows[k],
			    &cause) == 0)
				continue;
			saved = errno;
			if (saved == EAFNOSUPPORT || saved == EADDRNOTAVAIL) {
				log_warn("%s", cause);
				free(cause);
				family_errors++;
				continue;
			}
			fprintf(stderr, "chatd: %s\n", cause);
			log_error("%s", cause);
			free(cause);
			return (-1);
		}
	}
	if (http_listen(rows[1], &cause) != 0) {
		fprintf(stderr, "chatd: %s\n", cause);
		log_error("%s", cause);
		free(cause);
		return (-1);
	}
	if (srv.nlisteners == 0) {
		fprintf(stderr, _("chatd: no address to listen on\n"));
		return (-1);
	}
	return (0);
}

/*
 * Turn a connection away with an ERROR line, closed as any other is
 * (linger.c), so that the line is not lost to a reset when the client has
 * spoken already.
 */
static void
server_refuse(struct conn *cn, evutil_socket_t fd, const char *host,
    const char *reason)
{
	struct evbuffer	*out;

	if ((out = evbuffer_new()) == NULL)
		fatalx("evbuffer_new failed");
	evbuffer_add_printf(out, "ERROR :Closing Link: %s (%s)\r\n", host,
	    reason);
	linger_start(cn, fd, out);
	log_info("event=refuse addr=%s reason=%s", host, log_q(reason));
}

/*
 * Why a new client from sa (host) may not come in (max-clients, the
 * clients of its address), or NULL if it may.
 */
const char *
server_full(const struct sockaddr *sa, const char *host)
{
	int	exempt = config_is_exempt(srv.conf, sa);

	if (!exempt && srv.nclients >= (unsigned int)srv.conf->max_clients)
		return ("Server is full");
	if (!exempt && (srv.conf->limit_loopback || !config_is_loopback(sa)) &&
	    user_addr_count(host) >= srv.conf->max_clients_per_ip)
		return ("Too many connections from your address");
	return (NULL);
}

static void
server_accept_cb(struct evconnlistener *l, evutil_socket_t fd,
    struct sockaddr *sa, int salen, void *arg)
{
	const struct transport	*t = arg;
	struct client		*c;
	struct conn		*cn;
	const char		*why;
	char			 host[HOST_MAX];
	uint16_t		 port;

	conn_addr_string(sa, salen, host, &port);
	if (srv.accept_paused) {
		log_info("event=accept-resumed");
		srv.accept_paused = 0;
	}
	if (srv.shutting_down || (cn = t->open(fd)) == NULL) {
		evutil_closesocket(fd);
		return;
	}
	if ((why = server_full(sa, host)) != NULL) {
		server_refuse(cn, fd, host, why);
		return;
	}
	c = client_create(cn, fd, sa, host, port);
	/* Handed over with its first bytes: read them in this turn. */
	if (srv.deferred)
		conn_read_soon(c);
}

/* Out of descriptors: stop accepting for a second rather than spin. */
static void
server_accept_error_cb(struct evconnlistener *l, void *arg)
{
	struct timeval	tv = { 1, 0 };
	int		i, error = EVUTIL_SOCKET_ERROR();

	if (error != EMFILE && error != ENFILE && error != ENOBUFS &&
	    error != ENOMEM) {
		log_warn("accept: %s", evutil_socket_error_to_string(error));
		return;
	}
	if (evtimer_pending(srv.accept_resume, NULL))
		return;
	/* Logged once, however long the shortage lasts. */
	if (!srv.accept_paused) {
		log_warn("event=accept-paused error=%s",
		    log_q(evutil_socket_error_to_string(error)));
		srv.accept_paused = 1;
	}
	for (i = 0; i < srv.nlisteners; i++)
		evconnlistener_disable(srv.listeners[i]);
	evtimer_add(srv.accept_resume, &tv);
}

static void
server_accept_resume_cb(evutil_socket_t fd, short events, void *arg)
{
	int	i;

	for (i = 0; i < srv.nlisteners; i++)
		evconnlistener_enable(srv.listeners[i]);
}

/* The time of this loop turn (the log's clock): read once a turn. */
void
server_timeval(struct timeval *tv)
{
	if (srv.base == NULL || event_base_gettimeofday_cached(srv.base,
	    tv) != 0)
		gettimeofday(tv, NULL);
}

/* The time of this loop turn, without a system call. */
time_t
server_time(void)
{
	struct timeval	tv;

	event_base_gettimeofday_cached(srv.base, &tv);
	return (tv.tv_sec);
}

static void
server_tick_cb(evutil_socket_t fd, short events, void *arg)
{
	client_queue_tick(time(NULL));
	account_tick(server_time());
	store_tick(server_time());
	files_tick(server_time());
	/* Give back what bursts left free, once a second, not every turn. */
	malloc_trim(0);
	uring_trim();
}

static void
server_reaper_cb(evutil_socket_t fd, short events, void *arg)
{
	client_reap();
}

static void
server_flusher_cb(evutil_socket_t fd, short events, void *arg)
{
	/* Reads still queued go first (the reader may come later). */
	uring_complete();
	/* QUITs of this turn go out in the same write as its messages. */
	client_reap();
	conn_flush_all();
}

/* The turn's reads, queued by the clients' read events (uring.c). */
static void
server_reader_cb(evutil_socket_t fd, short events, void *arg)
{
	uring_complete();
}

/*
 * Write the turn's log lines. What a slow destination (a full pipe) does
 * not take waits for room in it, never for the loop.
 */
static void
server_logflush_cb(evutil_socket_t fd, short events, void *arg)
{
	if (log_flush() == 0 || event_pending(srv.logwrite, EV_WRITE, NULL))
		return;
	event_assign(srv.logwrite, srv.base, log_fileno(), EV_WRITE,
	    server_logflush_cb, NULL);
	event_add(srv.logwrite, NULL);
}

/*
 * The log's hook (log_defer()): write the turn's log lines in one go at
 * its end. Before the loop exists they wait for the first turn.
 */
int
server_log_later(void)
{
	if (srv.logflush == NULL)
		return (0);
	event_active(srv.logflush, EV_TIMEOUT, 0);
	return (1);
}

static void
server_signal_cb(evutil_socket_t sig, short events, void *arg)
{
	if (sig == SIGHUP)
		server_reload(NULL);
	else
		server_shutdown();
}

void
server_init_signals(void)
{
	signal(SIGPIPE, SIG_IGN);
	/* A file past its size limit is an error to handle (the db), not death. */
	signal(SIGXFSZ, SIG_IGN);
	srv.sig_term = evsignal_new(srv.base, SIGTERM, server_signal_cb, NULL);
	srv.sig_int = evsignal_new(srv.base, SIGINT, server_signal_cb, NULL);
	srv.sig_hup = evsignal_new(srv.base, SIGHUP, server_signal_cb, NULL);
	evsignal_add(srv.sig_term, NULL);
	evsignal_add(srv.sig_int, NULL);
	evsignal_add(srv.sig_hup, NULL);
}

/* The server's state and its loop, once the configuration is loaded. */
void
server_init(void)
{
	struct event_config	*cfg;
	time_t			 now;

	now = srv.started = time(NULL);
	strftime(srv.created, sizeof srv.created, "%Y-%m-%d %H:%M:%S UTC",
	    gmtime(&now));
	TAILQ_INIT(&srv.clients);
	TAILQ_INIT(&srv.dead);
	TAILQ_INIT(&srv.flushq);
	user_init();
	channel_init();
	user_whowas_resize(srv.conf->whowas);
	/*
	 * A precise clock: by default libevent reads the coarse one, which
	 * moves in 4 ms steps, and messages a few ms apart would share a
	 * server-time (CHATHISTORY tells them apart by it).
	 */
	if ((cfg = event_config_new()) == NULL)
		fatalx("event_config_new failed");
	event_config_set_flag(cfg, EVENT_BASE_FLAG_PRECISE_TIMER);
	srv.base = event_base_new_with_config(cfg);
	event_config_free(cfg);
	if (srv.base == NULL)
		fatalx("event_base_new failed");
	server_start_timers();
	client_init();
}

static void
server_start_timers(void)
{
	struct timeval	tv = { 1, 0 };

	srv.tick = event_new(srv.base, -1, EV_PERSIST, server_tick_cb, NULL);
	evtimer_add(srv.tick, &tv);
	srv.reaper = event_new(srv.base, -1, 0, server_reaper_cb, NULL);
	srv.flusher = event_new(srv.base, -1, 0, server_flusher_cb, NULL);
	srv.reader = event_new(srv.base, -1, 0, server_reader_cb, NULL);
	srv.logflush = event_new(srv.base, -1, 0, server_logflush_cb, NULL);
	srv.logwrite = event_new(srv.base, -1, 0, server_logflush_cb, NULL);
	srv.accept_resume = evtimer_new(srv.base, server_accept_resume_cb,
	    NULL);
}

/*
 * Read the configuration again. A bad one is reported and the old one
 * kept; listen addresses only change with a restart.
 */
void
server_reload(struct client *c)
{
	struct config	*conf, *old = srv.conf;
	char		*cause = NULL;
	int		 same;

	conf = config_create();
	if (config_load(conf, srv.conf_file, &srv.conf_overrides,
	    &cause) != 0) {
		log_error("event=reload result=failed error=%s", log_q(cause));
		if (c != NULL)
			send_raw(c, ":%s NOTICE %s :Reload failed: %s",
			    old->name, c->nick, cause);
		free(cause);
		config_free(conf);
		return;
	}
	same = strlist_equal(&conf->listen, &old->listen) &&
	    strlist_equal(&conf->listen_tls, &old->listen_tls);
	if (!same)
		log_warn("listen changes take effect at the next restart");
	/* A certificate that does not load leaves the old one in use. */
	if (tls_configure(conf, &cause) != 0) {
		log_error("event=reload-tls result=failed error=%s",
		    log_q(cause));
		if (c != NULL)
			send_raw(c, ":%s NOTICE %s :TLS certificate kept: %s",
			    old->name, c->nick, cause);
		free(cause);
		cause = NULL;
	}
	/* Opened again even if unchanged: logrotate has moved it away. */
	if (srv.logwrite != NULL)
		event_del(srv.logwrite);
	if (log_open(conf->log_file) != 0)
		log_error("event=reload-log result=failed file=%s error=%s",
		    log_q(conf->log_file), log_q(strerror(errno)));
	log_set_level(conf->log_level);
	user_whowas_resize(conf->whowas);
	srv.conf = conf;
	config_free(old);
	irc_info_reset();
	uring_init();
	history_configure();
	if (conf->http_listen.n != 0 || conf->http_listen_tls.n != 0)
		web_load();
	log_info("event=reload result=ok file=%s",
	    log_q(srv.conf_file != NULL ? srv.conf_file : ""));
}

/*
 * Tell every client and free them all; the loop goes on, accepting no one,
 * until every connection has taken its ERROR line and closed, or for
 * SERVER_SHUTDOWN_MS at most.
 */
void
server_shutdown(void)
{
	struct timeval		 tv = { 0, SERVER_SHUTDOWN_MS * 1000 };
	struct client		*c;
	struct membership	*m;
	int			 i;

	if (srv.shutting_down)
		return;
	srv.shutting_down = 1;
	log_info("event=shutdown clients=%u", srv.nclients);
	for (i = 0; i < srv.nlisteners; i++)
		evconnlistener_disable(srv.listeners[i]);
	TAILQ_INIT(&srv.dead);
	while ((c = TAILQ_FIRST(&srv.clients)) != NULL) {
		while ((m = LIST_FIRST(&c->channels)) != NULL)
			channel_remove(m);
		user_remove(c);
		client_flush_and_free(c, "Server shutting down");
	}
	linger_hurry();
	if (linger_count() == 0)
		event_base_loopbreak(srv.base);
	else
		event_base_loopexit(srv.base, &tv);
}

void
server_free(void)
{
	struct client	*c;
	struct channel	*ch;
	void		*a;
	size_t		 i = 0;
	int		 n;

	while ((c = TAILQ_FIRST(&srv.clients)) != NULL)
		client_flush_and_free(c, NULL);
	worker_stop();
	store_close();
	linger_free();
	http_free();
	tls_free();
	for (n = 0; n < srv.nlisteners; n++)
		evconnlistener_free(srv.listeners[n]);
	free(srv.listeners);
	while ((a = hashtab_next(&srv.addrs, &i)) != NULL)
		free(a);
	hashtab_free(&srv.addrs);
	hashtab_free(&srv.nicks);
	monitor_free();
	verify_free_all();
	/* Registered channels stay when empty: they go now. */
	while ((i = 0, ch = hashtab_next(&srv.channels, &i)) != NULL)
		channel_free(ch);
	hashtab_free(&srv.channels);
	user_whowas_free();
	account_free();		/* their private history first */
	history_free();
	send_free();
	irc_info_reset();
	output_free();
	uring_free();
	if (srv.tick != NULL)
		event_free(srv.tick);
	if (srv.reaper != NULL)
		event_free(srv.reaper);
	if (srv.flusher != NULL)
		event_free(srv.flusher);
	if (srv.reader != NULL)
		event_free(srv.reader);
	if (srv.logflush != NULL) {
		event_free(srv.logflush);
		srv.logflush = NULL;	/* later lines wait for log_close() */
	}
	if (srv.logwrite != NULL) {
		event_free(srv.logwrite);
		srv.logwrite = NULL;
	}
	if (srv.accept_resume != NULL)
		event_free(srv.accept_resume);
	if (srv.sig_term != NULL) {
		event_free(srv.sig_term);
		event_free(srv.sig_int);
		event_free(srv.sig_hup);
		/* A second SIGTERM must not turn a clean exit into a kill. */
		signal(SIGTERM, SIG_IGN);
		signal(SIGINT, SIG_IGN);
		signal(SIGHUP, SIG_IGN);
	}
	config_free(srv.conf);
	strlist_clear(&srv.conf_overrides);
	event_base_free(srv.base);
	libevent_global_shutdown();
}
