/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The end of a connection, after its client is gone: what it was last sent
 * (the ERROR line) is written, the write side is shut, and its input is
 * read and dropped until the peer closes too, or a deadline passes. A
 * socket closed with unread input makes the kernel send a reset, which
 * throws away what was still on its way to the peer: the ERROR that says
 * why it was closed. A lingering connection is a descriptor, one event and
 * the bytes it still has to write; it holds nothing of the client. At
 * shutdown nobody waits for the peers: each connection closes as soon as
 * its output is written and its unread input dropped (linger_hurry()).
 */

#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "chatd.h"
#include "conn.h"

/* How long a closing connection may keep its descriptor. */
#define LINGER_SECONDS	3
/* What is read of a closing connection at a time, and dropped. */
#define LINGER_READ	4096

struct linger_conn {
	struct event		*ev;
	struct conn		*conn;		/* its transport */
	struct evbuffer		*out;		/* still to write, or NULL */
	int			 shut;		/* 1 its end queued, 2 written */
	TAILQ_ENTRY(linger_conn)	 entry;
};
TAILQ_HEAD(linger_list, linger_conn);

static struct linger_list	lingers = TAILQ_HEAD_INITIALIZER(lingers);
static unsigned int		nlingers;
static int			linger_hurried;

static void	linger_cb(evutil_socket_t, short, void *);
static void	linger_arm(struct linger_conn *, int, int);
static int	linger_write(struct linger_conn *, int);
static int	linger_drain(struct conn *, int);
static void	linger_end(struct linger_conn *);

/*
 * Read and drop what has come (through the transport: a TLS handshake
 * goes on); 1 if the peer has closed (or failed).
 */
static int
linger_drain(struct conn *cn, int fd)
{
	char	buf[LINGER_READ];
	ssize_t	n;

	while ((n = cn->t->read(cn, fd, buf, sizeof buf)) > 0)
		/* dropped */;
	return (n != -EAGAIN && n != -EINTR);
}

/*
 * Write what is left; once all is written, end the stream (the write side
 * of the socket, after a TLS close_notify). 1 while output waits for room
 * (or for a handshake), 0 when it is all gone (or cannot go).
 */
static int
linger_write(struct linger_conn *l, int fd)
{
	if (l->out != NULL) {
		if (l->conn->t->blocked(l->conn))
			return (1);
		if (evbuffer_get_length(l->out) != 0 &&
		    conn_write_buffer(l->conn, fd, l->out,
		    evbuffer_get_length(l->out)) == -1)
			evbuffer_drain(l->out, evbuffer_get_length(l->out));
		if (evbuffer_get_length(l->out) != 0)
			return (1);
		evbuffer_free(l->out);
		l->out = NULL;
	}
	/*
	 * The stream's end (a close_notify, a close frame) is queued, and
	 * with what the transport holds of its own it goes before the
	 * socket's write side is shut.
	 */
	if (l->shut == 0) {
		l->conn->t->shutdown(l->conn);
		l->shut = 1;
	}
	if (l->shut == 1) {
		if (l->conn->t->flush(l->conn, fd) == 1)
			return (1);
		shutdown(fd, SHUT_WR);
		l->shut = 2;
	}
	return (0);
}

/*
 * Watch for input always, and for room while output waits that the
 * transport can write.
 */
static void
linger_arm(struct linger_conn *l, int fd, int writing)
{
	struct timeval	tv = { LINGER_SECONDS, 0 };
	short		what = EV_READ | EV_PERSIST;

	if (writing && !l->conn->t->blocked(l->conn))
		what |= EV_WRITE;
	if (l->ev == NULL) {
		if ((l->ev = event_new(srv.base, fd, what, linger_cb,
		    l)) == NULL)
			fatalx("event_new failed");
	} else if (event_get_events(l->ev) != what) {
		event_del(l->ev);
		event_assign(l->ev, srv.base, fd, what, linger_cb, l);
	} else
		return;
	event_add(l->ev, &tv);
}

/*
 * Close fd gracefully, writing out first (taken over, may be NULL): at
 * once if the peer has already gone, else when it closes or at the
 * deadline.
 */
void
linger_start(struct conn *cn, int fd, struct evbuffer *out)
{
	struct linger_conn	*l;
	int			 writing;

	l = xcalloc(1, sizeof *l);
	l->conn = cn;
	l->out = out;
	if (!(writing = linger_write(l, fd)) && linger_hurried) {
		linger_drain(cn, fd);
		evutil_closesocket(fd);
		cn->t->free(cn);
		free(l);
		return;
	}
	linger_arm(l, fd, writing);
	TAILQ_INSERT_TAIL(&lingers, l, entry);
	nlingers++;
}

/* Room to write, input to drop, or the deadline. */
static void
linger_cb(evutil_socket_t fd, short what, void *arg)
{
	struct linger_conn	*l = arg;
	int			 writing;

	if (what & EV_TIMEOUT) {
		linger_end(l);
		return;
	}
	if ((what & EV_READ) && linger_drain(l->conn, fd)) {
		linger_end(l);
		return;
	}
	/* Room, or input that moved a handshake on. */
	writing = linger_write(l, fd);
	if (!writing && linger_hurried) {
		linger_drain(l->conn, fd);
		linger_end(l);
		return;
	}
	/* All written: from now on only the peer's end is awaited. */
	linger_arm(l, fd, writing);
}

static void
linger_end(struct linger_conn *l)
{
	TAILQ_REMOVE(&lingers, l, entry);
	nlingers--;
	evutil_closesocket(event_get_fd(l->ev));
	event_free(l->ev);
	l->conn->t->free(l->conn);
	if (l->out != NULL)
		evbuffer_free(l->out);
	free(l);
	if (nlingers == 0 && srv.shutting_down)
		event_base_loopbreak(srv.base);
}

/*
 * Shutdown: close now every connection whose output is all written (what
 * it sent is dropped first, so it gets no reset), and the rest as soon as
 * theirs is. Connections closed from now on are treated the same.
 */
void
linger_hurry(void)
{
	struct linger_conn	*l, *next;

	linger_hurried = 1;
	for (l = TAILQ_FIRST(&lingers); l != NULL; l = next) {
		next = TAILQ_NEXT(l, entry);
		if (l->out == NULL) {
			linger_drain(l->conn, event_get_fd(l->ev));
			linger_end(l);
		}
	}
}

/* How many connections are closing. */
unsigned int
linger_count(void)
{
	return (nlingers);
}

/* At exit: what is still closing is closed now. */
void
linger_free(void)
{
	struct linger_conn	*l;

	while ((l = TAILQ_FIRST(&lingers)) != NULL)
		linger_end(l);
}
