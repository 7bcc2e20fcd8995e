/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * A client connection: its bufferevent, reading lines into the dispatcher,
 * and the one way out, client_close(), which marks the client dead and
 * leaves the QUIT, the log line and the freeing to the next loop turn, so
 * that no callback chain ever sees a freed client (tmux's server-client.c,
 * ngIRCd's Conn_Close).
 */

#include "config.h"

#include <sys/socket.h>
#include <netdb.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>

#include "chatd.h"
#include "linebuf.h"

/* Most buffer pieces written in the last flush before a close. */
#define CLIENT_FLUSH_IOV	64

static void	client_read_cb(struct bufferevent *, void *);
static void	client_write_cb(struct bufferevent *, void *);
static void	client_event_cb(struct bufferevent *, short, void *);
static void	client_teardown(struct client *);

/* The numeric address and port of a peer, IPv4-mapped shown as IPv4. */
void
client_addr_string(const struct sockaddr *sa, socklen_t salen, char *host,
    uint16_t *port)
{
	char	serv[8];

	if (getnameinfo(sa, salen, host, HOST_MAX, serv, sizeof serv,
	    NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		xstrlcpy(host, "unknown", HOST_MAX);
		*serv = '\0';
	}
	if (strncmp(host, "::ffff:", 7) == 0 && strchr(host, '.') != NULL)
		memmove(host, host + 7, strlen(host + 7) + 1);
	*port = (uint16_t)atoi(serv);
}

struct client *
client_create(int fd, const struct sockaddr *sa, const char *host,
    uint16_t port)
{
	struct client	*c;

	c = xcalloc(1, sizeof *c);
	c->id = ++srv.next_id;
	xstrlcpy(c->host, host, sizeof c->host);
	c->port = port;
	c->created = c->last_active = c->last_spoke = (uint32_t)time(NULL);
	if (config_is_exempt(srv.conf, sa))
		c->flags |= CLIENT_EXEMPT;
	LIST_INIT(&c->channels);
	client_queue_init(c);

	c->bev = bufferevent_socket_new(srv.base, fd, BEV_OPT_CLOSE_ON_FREE);
	if (c->bev == NULL)
		fatalx("bufferevent_socket_new failed");
	bufferevent_setcb(c->bev, client_read_cb, client_write_cb,
	    client_event_cb, c);
	bufferevent_enable(c->bev, EV_READ);

	TAILQ_INSERT_TAIL(&srv.clients, c, entry);
	srv.nclients++;
	user_addr_add(c->host);
	log_info("event=connect id=%llu addr=%s port=%u",
	    (unsigned long long)c->id, c->host, c->port);
	return (c);
}

/*
 * Set the user name and real name, kept in one allocation (a connection's
 * memory counts: see docs/PERFORMANCE.md). Either may be the current one.
 */
void
client_set_names(struct client *c, const char *user, const char *realname)
{
	size_t	 ul = strnlen(user, USER_MAX), rl = strnlen(realname,
		    REALNAME_MAX);
	char	*both = xmalloc(ul + rl + 2);

	memcpy(both, user, ul);
	both[ul] = '\0';
	memcpy(both + ul + 1, realname, rl);
	both[ul + 1 + rl] = '\0';
	free(c->user);
	c->user = both;
	c->realname = both + ul + 1;
}

/* The nick!user@host a client's messages come from. */
const char *
client_mask(struct client *c)
{
	static char	buf[NICK_MAX + USER_MAX + HOST_MAX + 8];

	snprintf(buf, sizeof buf, "%s!%s@%s", *c->nick != '\0' ? c->nick : "*",
	    c->user != NULL ? c->user : "*", c->host);
	return (buf);
}

/* Handle every complete line the flood bucket allows. */
void
client_process(struct client *c)
{
	static char	 line[LINE_MAX_INPUT + 1];
	struct evbuffer	*in = bufferevent_get_input(c->bev);
	size_t		 len;
	int		 skipping = (c->flags & CLIENT_SKIPPING) != 0;

	while (!(c->flags & CLIENT_DEAD)) {
		if (c->throttle != NULL && evtimer_pending(c->throttle, NULL))
			break;
		if (!client_queue_ready(c)) {
			if (evbuffer_get_length(in) != 0)
				client_queue_throttle(c);
			break;
		}
		switch (linebuf_get(in, line, sizeof line, LINE_MAX_INPUT, &len,
		    &skipping)) {
		case LINEBUF_NONE:
			goto done;
		case LINEBUF_TOOLONG:
			send_numeric(c, ERR_INPUTTOOLONG);
			client_queue_charge(c, 1);
			break;
		case LINEBUF_NUL:
			send_numeric(c, ERR_UNKNOWNERROR, "*",
			    "Line contained a NUL byte");
			client_queue_charge(c, 1);
			break;
		case LINEBUF_LINE:
			c->last_active = (uint32_t)server_time();
			c->flags &= ~CLIENT_PINGSENT;
			command_dispatch(c, line, len);
			break;
		}
	}
done:
	if (skipping)
		c->flags |= CLIENT_SKIPPING;
	else
		c->flags &= ~CLIENT_SKIPPING;
	if (!(c->flags & CLIENT_DEAD) &&
	    evbuffer_get_length(in) > srv.conf->recvq) {
		c->flags |= CLIENT_NOFLUSH;
		client_close(c, "Excess Flood");
	}
}

static void
client_read_cb(struct bufferevent *bev, void *arg)
{
	struct client	*c = arg;

	client_process(c);
}

/*
 * Output is written by client_flush_all() once per loop turn; libevent's
 * write event is only asked for when a socket would not take it all, and
 * dropped again here once it is drained, so an idle, fast client costs no
 * epoll_ctl per message.
 */
static void
client_write_cb(struct bufferevent *bev, void *arg)
{
	bufferevent_disable(bev, EV_WRITE);
}

/* Have c's output written at the end of this loop turn. */
void
client_flush_later(struct client *c)
{
	if (c->flags & CLIENT_FLUSHQ)
		return;
	c->flags |= CLIENT_FLUSHQ;
	if (TAILQ_EMPTY(&srv.flushq))
		event_active(srv.flusher, EV_TIMEOUT, 0);
	TAILQ_INSERT_TAIL(&srv.flushq, c, flush_entry);
}

/*
 * Write what every client was sent this turn: one write each, after all
 * the reading of the turn (the flusher was made active after the turn's
 * events, so it runs last).
 */
void
client_flush_all(void)
{
	struct client	*c;
	struct evbuffer	*out;
	int		 n;

	/* QUITs of this turn go out in the same write as its messages. */
	client_reap();
	while ((c = TAILQ_FIRST(&srv.flushq)) != NULL) {
		TAILQ_REMOVE(&srv.flushq, c, flush_entry);
		c->flags &= ~CLIENT_FLUSHQ;
		if (c->flags & CLIENT_DEAD)
			continue;
		out = bufferevent_get_output(c->bev);
		/* The bufferevent keeps its output's start frozen. */
		evbuffer_unfreeze(out, 1);
		n = evbuffer_write(out, bufferevent_getfd(c->bev));
		evbuffer_freeze(out, 1);
		if (n == -1 && errno != EAGAIN && errno != EINTR) {
			c->flags |= CLIENT_NOFLUSH;
			client_close(c, errno == ECONNRESET ?
			    "Connection reset by peer" : strerror(errno));
		} else if (evbuffer_get_length(out) != 0)
			bufferevent_enable(c->bev, EV_WRITE);
	}
}

static void
client_event_cb(struct bufferevent *bev, short what, void *arg)
{
	struct client	*c = arg;
	int		 error = EVUTIL_SOCKET_ERROR();

	c->flags |= CLIENT_NOFLUSH;
	if (what & BEV_EVENT_EOF)
		client_close(c, "Connection closed");
	else if (error == ECONNRESET)
		client_close(c, "Connection reset by peer");
	else if (error == EPIPE)
		client_close(c, "Broken pipe");
	else
		client_close(c, evutil_socket_error_to_string(error));
}

/*
 * The only way a client leaves: mark it dead now, do the rest on the next
 * loop turn in client_reap().
 */
void
client_close(struct client *c, const char *reason)
{
	struct evbuffer	*out;

	if (c->flags & CLIENT_DEAD)
		return;
	c->flags |= CLIENT_DEAD;
	c->quit_reason = xstrdup(reason);
	bufferevent_disable(c->bev, EV_READ);
	if (!(c->flags & CLIENT_NOFLUSH)) {
		out = bufferevent_get_output(c->bev);
		evbuffer_add_printf(out, "ERROR :Closing Link: %s (%s)\r\n",
		    c->host, reason);
	}
	TAILQ_INSERT_TAIL(&srv.dead, c, dead_entry);
	event_active(srv.reaper, EV_TIMEOUT, 0);
}

/* Tear down every client closed since the last turn. */
void
client_reap(void)
{
	struct client	*c;

	while ((c = TAILQ_FIRST(&srv.dead)) != NULL) {
		TAILQ_REMOVE(&srv.dead, c, dead_entry);
		client_teardown(c);
	}
}

/* Tell everyone who shared a channel, leave them all, log, free. */
static void
client_teardown(struct client *c)
{
	struct outmsg		 om;
	struct membership	*m;

	if (c->flags & CLIENT_REGISTERED) {
		outmsg_init(&om, NULL, ":%s QUIT :%s", client_mask(c),
		    c->quit_reason);
		send_common(c, &om, 0, 0, 0);
		outmsg_done(&om);
		while ((m = LIST_FIRST(&c->channels)) != NULL)
			channel_remove(m);
		user_whowas_add(c);
		srv.nregistered--;
		if (c->umodes & UMODE_OPER)
			srv.nopers--;
		if (c->umodes & UMODE_INVISIBLE)
			srv.ninvisible--;
	}
	if (*c->nick != '\0')
		user_remove(c);
	log_info("event=quit id=%llu nick=%s addr=%s reason=%s",
	    (unsigned long long)c->id, *c->nick != '\0' ? c->nick : "*",
	    c->host, log_q(c->quit_reason));
	client_flush_and_free(c, NULL);
}

/*
 * Try once, without blocking, to write what is queued, then free. Used at
 * teardown and shutdown; a last line may be added first.
 */
void
client_flush_and_free(struct client *c, const char *last)
{
	struct evbuffer		*out = bufferevent_get_output(c->bev);
	evutil_socket_t		 fd = bufferevent_getfd(c->bev);

	struct evbuffer_iovec	 vec[CLIENT_FLUSH_IOV];
	struct msghdr		 mh;
	int			 n;

	if (last != NULL)
		evbuffer_add(out, last, strlen(last));
	/*
	 * The bufferevent owns the draining of its output, so look at the
	 * queued bytes in place and hand them to one non-blocking sendmsg.
	 */
	if (!(c->flags & CLIENT_NOFLUSH) || last != NULL) {
		n = evbuffer_peek(out, -1, NULL, vec, CLIENT_FLUSH_IOV);
		if (n > CLIENT_FLUSH_IOV)
			n = CLIENT_FLUSH_IOV;
		if (n > 0) {
			memset(&mh, 0, sizeof mh);
			mh.msg_iov = (struct iovec *)vec;
			mh.msg_iovlen = n;
			(void)sendmsg(fd, &mh, MSG_DONTWAIT | MSG_NOSIGNAL);
		}
	}
	user_addr_remove(c->host);
	TAILQ_REMOVE(&srv.clients, c, entry);
	srv.nclients--;
	client_free(c);
}

void
client_free(struct client *c)
{
	if (c->flags & CLIENT_FLUSHQ)
		TAILQ_REMOVE(&srv.flushq, c, flush_entry);
	if (c->throttle != NULL)
		event_free(c->throttle);
	bufferevent_free(c->bev);
	free(c->user);		/* realname shares its allocation */
	free(c->away);
	free(c->quit_reason);
	free(c);
}
