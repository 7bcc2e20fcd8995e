/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The connection to the server: connect, register (CAP, PASS, NICK,
 * USER), read lines into the handlers, send, and reconnect with a growing
 * back-off (2 s up to 60 s, reset only by a successful registration) when
 * the connection is lost (catgirl's irc.c). What the user says waits in a
 * queue and goes out at a pace the server takes (pace.c), so that nothing
 * typed or pasted is dropped by its flood control.
 */

#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/util.h>

#include "cap.h"
#include "chatui.h"
#include "i18n.h"
#include "texts.h"
#include "linebuf.h"

/* How often the lag is measured, seconds: rarely, so idle means idle. */
#define NET_LAG_INTERVAL	60

/* Reconnect delays, seconds. */
#define NET_BACKOFF_MIN	2
#define NET_BACKOFF_MAX	60

/* What a relayed line adds besides the text: ":" "!" "@" " " " :" CRLF. */
#define NET_LINE_OVERHEAD	(1 + 1 + 1 + 1 + 1 + 2 + 2)
/* Guesses while our user@host is not known: USERLEN and HOSTLEN. */
#define NET_USER_GUESS		16
#define NET_HOST_GUESS		63

static void	net_read_cb(struct bufferevent *, void *);
static void	net_pace_cb(evutil_socket_t, short, void *);
static void	net_event_cb(struct bufferevent *, short, void *);
static void	net_reconnect_cb(evutil_socket_t, short, void *);
static void	net_lost(const char *);

/* Milliseconds of the monotonic clock: lag, pace, CTCP PING. */
long
net_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000L + ts.tv_nsec / 1000000);
}

/* Send a PING stamped with the time; its PONG gives the lag. */
void
net_lag_cb(evutil_socket_t fd, short what, void *arg)
{
	struct timeval	tv = { NET_LAG_INTERVAL, 0 };

	if (cu.registered)
		net_send("PING :lag%ld", net_now_ms());
	evtimer_add(cu.lag_ev, &tv);
}

/* A PONG: if it answers our lag PING, show how long it took. */
void
net_lag_pong(const char *token)
{
	char	*end;
	long	 sent;

	if (strncmp(token, "lag", 3) != 0)
		return;
	sent = strtol(token + 3, &end, 10);
	if (*end != '\0')
		return;
	cu.lag_ms = net_now_ms() - sent;
	model_changed();
}

void
net_send(const char *fmt, ...)
{
	va_list	ap;

	if (cu.bev == NULL || !cu.connected)
		return;
	va_start(ap, fmt);
	evbuffer_add_vprintf(bufferevent_get_output(cu.bev), fmt, ap);
	va_end(ap);
	evbuffer_add(bufferevent_get_output(cu.bev), "\r\n", 2);
}

/*
 * Labeled responses: a command the user typed carries a label, and the
 * server's answer (a line with it, or a labeled-response batch) goes to
 * the window it was typed in, wherever the user is by then.
 */
#define NET_LABELS	16
static struct {
	char	 label[16];
	char	*window;
} net_labels[NET_LABELS];
static unsigned int	net_label_seq;

/* Send a command whose answer belongs to window w. */
void
net_ask(struct window *w, const char *fmt, ...)
{
	va_list		 ap;
	unsigned int	 i;

	if (cu.bev == NULL || !cu.connected)
		return;
	if ((cu.caps & CAP_LABELED_RESPONSE) && (cu.caps & CAP_BATCH) &&
	    w != NULL) {
		i = net_label_seq++ % NET_LABELS;
		snprintf(net_labels[i].label, sizeof net_labels[i].label,
		    "cu%u", net_label_seq);
		free(net_labels[i].window);
		net_labels[i].window = xstrdup(w->name);
		evbuffer_add_printf(bufferevent_get_output(cu.bev),
		    "@label=%s ", net_labels[i].label);
	}
	va_start(ap, fmt);
	evbuffer_add_vprintf(bufferevent_get_output(cu.bev), fmt, ap);
	va_end(ap);
	evbuffer_add(bufferevent_get_output(cu.bev), "\r\n", 2);
}

/* The window a labeled answer goes to, or NULL. */
struct window *
net_label_window(const char *label)
{
	unsigned int	i;

	for (i = 0; i < NET_LABELS; i++) {
		if (net_labels[i].window != NULL &&
		    strcmp(net_labels[i].label, label) == 0)
			return (window_find(net_labels[i].window));
	}
	return (NULL);
}

void
net_labels_free(void)
{
	unsigned int	i;

	for (i = 0; i < NET_LABELS; i++) {
		free(net_labels[i].window);
		net_labels[i].window = NULL;
	}
}

/*
 * Queue a line of the user's (a message, a notice, an action) to be sent
 * at the pace; it waits through a reconnection.
 */
void
net_queue(const char *fmt, ...)
{
	va_list		 ap;
	char		*line;

	va_start(ap, fmt);
	if (xvasprintf(&line, fmt, ap) < 0)
		line = xstrdup("");
	va_end(ap);
	net_queue_block(line, strlen(line), 1);
	free(line);
}

/*
 * Queue len bytes of lines (CRLF between them) that go together, at the
 * pace, taking cost lines of it (a multiline batch).
 */
void
net_queue_block(const char *lines, size_t len, int cost)
{
	struct queued	*q;

	q = xmalloc(sizeof *q + len + 1);
	memcpy(q->line, lines, len);
	q->line[len] = '\0';
	q->cost = cost;
	TAILQ_INSERT_TAIL(&cu.queue, q, entry);
	cu.nqueued++;
	net_drain();
	model_changed();
}

/* Send what the pace allows now; come back when the next may go. */
void
net_drain(void)
{
	struct queued	*q;
	struct timeval	 tv;
	long		 now, wait = 0;
	int		 i;

	if (cu.pace_ev == NULL)
		cu.pace_ev = evtimer_new(cu.base, net_pace_cb, NULL);
	if (evtimer_pending(cu.pace_ev, NULL))
		return;
	while (cu.registered && (q = TAILQ_FIRST(&cu.queue)) != NULL) {
		now = net_now_ms();
		if ((wait = pace_wait(&cu.pace, now)) != 0)
			break;
		net_send("%s", q->line);
		for (i = 0; i < q->cost; i++)
			pace_take(&cu.pace, now);
		TAILQ_REMOVE(&cu.queue, q, entry);
		cu.nqueued--;
		free(q);
		model_changed();
	}
	if (wait != 0) {
		tv.tv_sec = wait / 1000;
		tv.tv_usec = (wait % 1000) * 1000;
		evtimer_add(cu.pace_ev, &tv);
	}
}

static void
net_pace_cb(evutil_socket_t fd, short what, void *arg)
{
	net_drain();
}

/* At exit: what was never sent. */
void
net_queue_free(void)
{
	struct queued	*q;

	while ((q = TAILQ_FIRST(&cu.queue)) != NULL) {
		TAILQ_REMOVE(&cu.queue, q, entry);
		free(q);
	}
	cu.nqueued = 0;
	if (cu.pace_ev != NULL)
		event_free(cu.pace_ev);
	cu.pace_ev = NULL;
}

/*
 * How many bytes of text fit in one "VERB target :text", once the server
 * has put our nick!user@host in front of it for the others: 512 less all
 * of that (and, for an action, the CTCP around it).
 */
size_t
net_text_room(const char *verb, const char *target, int action)
{
	size_t	used;

	used = NET_LINE_OVERHEAD + strlen(cu.me) + strlen(verb) +
	    strlen(target);
	if (cu.userhost != NULL)
		used += strlen(cu.userhost) - 1;	/* its '@' is counted */
	else
		used += NET_USER_GUESS + NET_HOST_GUESS;
	if (action)
		used += strlen("\001ACTION \001");
	return (used < LINE_MAX_BODY - 32 ? LINE_MAX_BODY - used : 32);
}

/* Tell every window something about the connection. */
static void
net_tell_all(const char *text)
{
	struct window	*w;

	TAILQ_FOREACH(w, &cu.windows, entry)
		window_add(w, LINE_INFO, NULL, text, 0);
}

void
net_connect(void)
{
	struct evutil_addrinfo	 hints, *ai = NULL;
	char			*msg;
	int			 error;

	if (cu.bev != NULL)
		return;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	window_addf(window_server(), LINE_INFO, T_(CONNECTING),
	    cu.host, cu.port);
	error = evutil_getaddrinfo(cu.host, cu.port, &hints, &ai);
	if (error != 0) {
		/* A name that is not found now is tried again rarely. */
		xasprintf(&msg, _("Cannot find %s: %s"), cu.host,
		    evutil_gai_strerror(error));
		net_tell_all(msg);
		free(msg);
		cu.backoff = NET_BACKOFF_MAX;
		net_schedule_reconnect();
		return;
	}
#ifdef HAVE_CHATUI_TLS
	if (cu.tls)
		cu.bev = tls_bufferevent(cu.base, cu.host);
	else
#endif
		cu.bev = bufferevent_socket_new(cu.base, -1,
		    BEV_OPT_CLOSE_ON_FREE);
	if (cu.bev == NULL) {
		evutil_freeaddrinfo(ai);
		net_lost(_("cannot make a connection"));
		return;
	}
	bufferevent_setcb(cu.bev, net_read_cb, NULL, net_event_cb, NULL);
	bufferevent_enable(cu.bev, EV_READ | EV_WRITE);
	if (bufferevent_socket_connect(cu.bev, ai->ai_addr,
	    (int)ai->ai_addrlen) != 0) {
		evutil_freeaddrinfo(ai);
		net_lost(strerror(errno));
		return;
	}
	evutil_freeaddrinfo(ai);
}

/* Start registering: everything is sent at once, CAP END after the ACK. */
static void
net_register(void)
{
	cu.connected = 1;
	cu.registered = 0;
	cu.motd_done = 0;
	cu.greeted = 0;
	notify_reset();
	cu.umodes[0] = '\0';
	cu.lag_ms = -1;
	cu.nick_tries = 0;
	cu.caps = 0;
	handle_cap_reset();
	xstrlcpy(cu.me, cu.nick, sizeof cu.me);
	net_send("CAP LS 302");
	if (cu.password != NULL)
		net_send("PASS :%s", cu.password);
	net_send("NICK %s", cu.nick);
	net_send("USER %s 0 * :%s", cu.user, cu.realname);
}

static void
net_event_cb(struct bufferevent *bev, short what, void *arg)
{
	const char	*why = NULL;

	if (what & BEV_EVENT_CONNECTED) {
#ifdef HAVE_CHATUI_TLS
		/* A certificate not vouched for waits for the user's yes. */
		if (cu.tls) {
			switch (tls_check(bev)) {
			case TLS_GO:
				break;
			case TLS_ASKED:
				net_drop();
				return;
			default:
				net_drop();
				window_addf(window_server(), LINE_INFO,
				    _("Not connected."));
				return;
			}
		}
#endif
		/* The back-off is reset by 001, not here: a server may accept
		 * and close at once, and should not be asked every 2 s. */
		window_addf(window_server(), LINE_INFO, cu.tls ?
		    _("Connected (TLS).") : _("Connected."));
		net_register();
		return;
	}
#ifdef HAVE_CHATUI_TLS
	if (cu.tls && (what & BEV_EVENT_ERROR))
		why = tls_error(bev);
#endif
	if (why != NULL)
		net_lost(why);
	else if (what & BEV_EVENT_EOF)
		net_lost(_("the server closed the connection"));
	else
		net_lost(evutil_socket_error_to_string(EVUTIL_SOCKET_ERROR()));
}

static void
net_read_cb(struct bufferevent *bev, void *arg)
{
	static char	 line[LINE_MAX_INPUT + 1];
	struct evbuffer	*in = bufferevent_get_input(bev);
	size_t		 len;

	/* A line may end this connection (or, for STS, start another). */
	while (cu.bev == bev) {
		switch (linebuf_get(in, line, sizeof line, LINE_MAX_INPUT, &len,
		    &cu.skipping)) {
		case LINEBUF_NONE:
			return;
		case LINEBUF_LINE:
			handle_line(line);
			break;
		default:
			break;
		}
	}
}

/*
 * Close the connection without a word or a reconnection. Only what was
 * joined is joined again (a connection lost before registering keeps
 * what the one before it had).
 */
void
net_drop(void)
{
	struct window	*w;

	if (cu.bev != NULL) {
		bufferevent_free(cu.bev);
		cu.bev = NULL;
	}
	cu.connected = cu.registered = 0;
	history_reset();
	if (cu.lag_ev != NULL)
		evtimer_del(cu.lag_ev);
	TAILQ_FOREACH(w, &cu.windows, entry) {
		if (w->joined)
			w->rejoin = 1;
		w->joined = 0;
		nicklist_clear(&w->nicks);
	}
}

/*
 * STS asked for TLS: the plain connection goes and the secure one comes,
 * at once.
 */
void
net_upgrade(void)
{
	net_drop();
	cu.backoff = 0;
	net_connect();
}

/* The connection is gone: say so everywhere, then try again later. */
static void
net_lost(const char *why)
{
	char		*msg;

	net_drop();
	if (cu.quitting) {
		event_base_loopbreak(cu.base);
		return;
	}
	if (cu.reconnecting) {
		cu.reconnecting = 0;
		cu.backoff = 0;
		net_tell_all(_("Disconnected, as asked: connecting again."));
		net_connect();
		return;
	}
	xasprintf(&msg, T_(DISCONNECTED), why);
	net_tell_all(msg);
	free(msg);
	net_schedule_reconnect();
}

/* Say goodbye; the server closes the connection, and net_lost follows. */
void
net_disconnect(const char *reason)
{
	if (cu.bev == NULL || !cu.connected) {
		if (cu.quitting)
			event_base_loopbreak(cu.base);
		return;
	}
	net_send("QUIT :%s", reason);
}

void
net_schedule_reconnect(void)
{
	struct timeval	tv;
	char		*msg;

	cu.backoff = cu.backoff == 0 ? NET_BACKOFF_MIN : cu.backoff * 2;
	if (cu.backoff > NET_BACKOFF_MAX)
		cu.backoff = NET_BACKOFF_MAX;
	tv.tv_sec = cu.backoff;
	tv.tv_usec = 0;
	if (cu.reconnect_ev == NULL)
		cu.reconnect_ev = evtimer_new(cu.base, net_reconnect_cb, NULL);
	evtimer_add(cu.reconnect_ev, &tv);
	xasprintf(&msg, _("Reconnecting in %d seconds."), cu.backoff);
	window_add(window_server(), LINE_INFO, NULL, msg, 0);
	free(msg);
}

static void
net_reconnect_cb(evutil_socket_t fd, short what, void *arg)
{
	net_connect();
}
