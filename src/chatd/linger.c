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

/* How long a closing connection may keep its descriptor. */
#define LINGER_SECONDS	3
/* What is read of a closing connection at a time, and dropped. */
#define LINGER_READ	4096

struct linger_conn {
	struct event		*ev;
	struct evbuffer		*out;		/* still to write, or NULL */
	TAILQ_ENTRY(linger_conn)	 entry;
};
TAILQ_HEAD(linger_list, linger_conn);

static struct linger_list	lingers = TAILQ_HEAD_INITIALIZER(lingers);
static unsigned int		nlingers;
static int			linger_hurried;

static void	linger_cb(evutil_socket_t, short, void *);
static int	linger_write(struct linger_conn *, int);
static int	linger_drain(int);
static void	linger_end(struct linger_conn *);

/* Read and drop what has come; 1 if the peer has closed (or failed). */
static int
linger_drain(int fd)
{
	char	buf[LINGER_READ];
	ssize_t	n;

	while ((n = read(fd, buf, sizeof buf)) > 0)
		/* dropped */;
	return (n == 0 || (errno != EAGAIN && errno != EINTR));
}

/*
 * Write what is left; once all is written, shut the write side. 1 while
 * output waits for room, 0 when it is all gone (or cannot go).
 */
static int
linger_write(struct linger_conn *l, int fd)
{
	if (l->out != NULL) {
		if (evbuffer_get_length(l->out) != 0 &&
		    evbuffer_write(l->out, fd) == -1 && errno != EAGAIN &&
		    errno != EINTR)
			evbuffer_drain(l->out, evbuffer_get_length(l->out));
		if (evbuffer_get_length(l->out) != 0)
			return (1);
		evbuffer_free(l->out);
		l->out = NULL;
	}
	shutdown(fd, SHUT_WR);
	return (0);
}

/*
 * Close fd gracefully, writing out first (taken over, may be NULL): at
 * once if the peer has already gone, else when it closes or at the
 * deadline.
 */
void
linger_start(int fd, struct evbuffer *out)
{
	struct linger_conn	*l;
	struct timeval	 tv = { LINGER_SECONDS, 0 };
	short		 what = EV_READ | EV_PERSIST;

	l = xcalloc(1, sizeof *l);
	l->out = out;
	if (linger_write(l, fd))
		what |= EV_WRITE;
	else if (linger_hurried) {
		linger_drain(fd);
		evutil_closesocket(fd);
		free(l);
		return;
	}
	if ((l->ev = event_new(srv.base, fd, what, linger_cb, l)) == NULL)
		fatalx("event_new failed");
	event_add(l->ev, &tv);
	TAILQ_INSERT_TAIL(&lingers, l, entry);
	nlingers++;
}

/* Room to write, input to drop, or the deadline. */
static void
linger_cb(evutil_socket_t fd, short what, void *arg)
{
	struct linger_conn	*l = arg;
	struct timeval		 tv = { LINGER_SECONDS, 0 };

	if (what & EV_TIMEOUT) {
		linger_end(l);
		return;
	}
	if ((what & EV_WRITE) && !linger_write(l, fd)) {
		if (linger_hurried) {
			linger_drain(fd);
			linger_end(l);
			return;
		}
		/* All written: from now on only the peer's end is awaited. */
		event_del(l->ev);
		event_assign(l->ev, srv.base, fd, EV_READ | EV_PERSIST,
		    linger_cb, l);
		event_add(l->ev, &tv);
	}
	if ((what & EV_READ) && linger_drain(fd))
		linger_end(l);
}

static void
linger_end(struct linger_conn *l)
{
	TAILQ_REMOVE(&lingers, l, entry);
	nlingers--;
	evutil_closesocket(event_get_fd(l->ev));
	event_free(l->ev);
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
			linger_drain(event_get_fd(l->ev));
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
