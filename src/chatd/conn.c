/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * A connection's bytes: its socket and one event, reads handed to the
 * session (client.c) through a callback, the turn's output written in one
 * go from the shared pieces, what the socket does not take kept as a
 * backlog, and the hand-over to linger.c at the end. How the bytes travel
 * is the transport's (conn.h): plain TCP here, TLS in conn-tls.c; only the
 * TCP row's reads and writes may be queued for io_uring (uring.c).
 */

#include "config.h"

#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <netdb.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "chatd.h"
#include "conn.h"
#include "store.h"

/* Most output pieces in one writev. */
#define CONN_WRITE_IOV		64
/* Bytes read from one client at a time: a loop turn serves everyone. */
#define CONN_READ_SIZE		16384

static const struct conn_session	*session;

static void	conn_io_cb(evutil_socket_t, short, void *);
static void	conn_read(struct client *, size_t);
static void	conn_write(struct client *);
static void	conn_error(struct client *, int);
static void	conn_wire_send(struct client *);
static int	conn_wire_flush(struct client *);
static int	conn_wire_waits(struct client *);

static ssize_t	tcp_read(struct conn *, int, char *, size_t);
static ssize_t	tcp_writev(struct conn *, int, const struct iovec *, int);
static struct conn *tcp_open(int);
static int	tcp_flush(struct conn *, int);
static ssize_t	tcp_sendfile(struct conn *, int, int, off_t *, size_t);

static void	tcp_free(struct conn *);

const struct transport transport_tcp = {
	.name = "tcp",
	.flags = TRANSPORT_URING | TRANSPORT_WORDS,
	.open = tcp_open,
	.read = tcp_read,
	.writev = tcp_writev,
	.sendfile = tcp_sendfile,
	.flush = tcp_flush,
	.pending = conn_none,
	.blocked = conn_none,
	.certfp = conn_no_certfp,
	.shutdown = conn_no_end,
	.free = tcp_free
};

/* A TCP connection keeps nothing of its own: they all share this one. */
static struct conn	conn_tcp = { &transport_tcp, NULL, 0 };

static struct conn *
tcp_open(int fd)
{
	return (&conn_tcp);
}

static ssize_t
tcp_read(struct conn *cn, int fd, char *buf, size_t len)
{
	ssize_t	n;

	n = read(fd, buf, len);
	return (n == -1 ? -errno : n);
}

static ssize_t
tcp_writev(struct conn *cn, int fd, const struct iovec *iov, int n)
{
	ssize_t	w;

	w = writev(fd, iov, n);
	return (w == -1 ? -errno : w);
}

/* For rows with nothing of the kind: no input held, no handshake. */
int
conn_none(struct conn *cn)
{
	return (0);
}

/*
 * For rows with a wire buffer (conn.h: encode): write it now, through
 * wire() and wire_sent(); 1 while some waits for room, 0, or -errno.
 */
int
conn_encoded_flush(struct conn *cn, int fd)
{
	struct iovec	v;
	ssize_t		n;

	while (cn->t->wire(cn, &v)) {
		n = write(fd, v.iov_base, v.iov_len);
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			return (1);
		if (n == -1)
			return (-errno);
		cn->t->wire_sent(cn, (size_t)n);
	}
	return (0);
}

/*
 * For rows with a wire buffer, writing the backlog and at the end
 * (linger.c): the wire buffer first, then as much of iov as the row
 * encodes, written; the plain bytes taken, or -errno (-EAGAIN while the
 * socket is full).
 */
ssize_t
conn_encoded_writev(struct conn *cn, int fd, const struct iovec *iov,
    int niov)
{
	ssize_t	n;
	int	r;

	if ((r = cn->t->flush(cn, fd)) != 0)
		return (r == 1 ? -EAGAIN : r);
	if ((n = cn->t->encode(cn, iov, niov)) <= 0)
		return (n == 0 ? -EAGAIN : n);
	if ((r = cn->t->flush(cn, fd)) < 0)
		return (r);
	return (n);
}

static int
tcp_flush(struct conn *cn, int fd)
{
	return (0);
}

static ssize_t
tcp_sendfile(struct conn *cn, int sock, int fd, off_t *off, size_t len)
{
	ssize_t	n;

	if ((n = sendfile(sock, fd, off, len)) == -1)
		return (-errno);
	return (n);
}

/* For rows without certificates. */
int
conn_no_certfp(struct conn *cn, char *fp)
{
	return (0);
}

/* For rows whose stream ends with the socket's. */
void
conn_no_end(struct conn *cn)
{
}

static void
tcp_free(struct conn *cn)
{
}

/*
 * The numeric address and port of a peer, IPv4-mapped shown as IPv4. IPv4
 * is written by hand (getnameinfo() cost more than the rest of an accept);
 * IPv6 goes through getnameinfo() for its scope.
 */
void
conn_addr_string(const struct sockaddr *sa, socklen_t salen, char *host,
    uint16_t *port)
{
	const struct sockaddr_in	*sin = (const void *)sa;
	const struct sockaddr_in6	*sin6 = (const void *)sa;
	const uint8_t			*a;
	char				 serv[8];

	if (sa->sa_family == AF_INET && salen >= sizeof *sin) {
		a = (const uint8_t *)&sin->sin_addr;
		*port = ntohs(sin->sin_port);
	} else if (sa->sa_family == AF_INET6 && salen >= sizeof *sin6 &&
	    IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr)) {
		a = sin6->sin6_addr.s6_addr + 12;
		*port = ntohs(sin6->sin6_port);
	} else {
		if (getnameinfo(sa, salen, host, HOST_MAX, serv, sizeof serv,
		    NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
			xstrlcpy(host, "unknown", HOST_MAX);
			*serv = '\0';
		}
		*port = (uint16_t)atoi(serv);
		return;
	}
	strfmt(host, HOST_MAX, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

void
conn_init(const struct conn_session *s)
{
	session = s;
}

/*
 * One event per client, reading; it watches for writing too only while the
 * socket is full, and stops reading while the client is slowed
 * (conn_events()). No bufferevent: its two events, input buffer and
 * FIONREAD before every read cost memory and a system call per message.
 */
void
conn_start(struct client *c, struct conn *cn, int fd)
{
	c->conn = cn;
	c->ev = event_new(srv.base, fd, EV_READ | EV_PERSIST, conn_io_cb, c);
	if (c->ev == NULL)
		fatalx("event_new failed");
	event_add(c->ev, NULL);
}

/* No more events for c (it is closing). */
void
conn_stop(struct client *c)
{
	event_del(c->ev);
}

/*
 * The socket and out (written first, then the end) go on without the
 * client, in linger.c.
 */
void
conn_hand_over(struct client *c, struct evbuffer *out)
{
	event_del(c->ev);
	linger_start(c->conn, event_get_fd(c->ev), out);
	c->conn = NULL;
}

/* The end of c's connection, unless linger.c has it. */
void
conn_free(struct client *c)
{
	if (c->conn != NULL) {
		evutil_closesocket(event_get_fd(c->ev));
		c->conn->t->free(c->conn);
	}
	event_free(c->ev);
}

/*
 * The first pieces of buf, up to max bytes and CONN_WRITE_IOV pieces, at
 * iov; how many, with their bytes at *want.
 */
static int
conn_peek(struct evbuffer *buf, size_t max, struct iovec *iov, size_t *want)
{
	int	i, n;

	n = evbuffer_peek(buf, (ev_ssize_t)max, NULL, iov, CONN_WRITE_IOV);
	if (n > CONN_WRITE_IOV)
		n = CONN_WRITE_IOV;
	*want = 0;
	for (i = 0; i < n; i++) {
		if (*want + iov[i].iov_len > max)
			iov[i].iov_len = max - *want;
		*want += iov[i].iov_len;
	}
	return (n);
}

/*
 * Write up to max bytes from the start of buf through cn's transport and
 * drain what went; -1 with errno on a failure, else 0 (EAGAIN too).
 */
int
conn_write_buffer(struct conn *cn, int fd, struct evbuffer *buf, size_t max)
{
	struct iovec	iov[CONN_WRITE_IOV];
	size_t		want;
	ssize_t		n;
	int		niov;

	if (max == 0)
		return (0);
	niov = conn_peek(buf, max, iov, &want);
	n = cn->t->writev(cn, fd, iov, niov);
	if (n == -EAGAIN || n == -EINTR)
		return (0);
	if (n < 0) {
		errno = (int)-n;
		return (-1);
	}
	evbuffer_drain(buf, (size_t)n);
	return (0);
}

/*
 * Read c in this turn: queued with the turn's other reads (uring.c), or
 * now. From its read event, or at accept when the connection came with
 * its first bytes (defer-accept). Not while the session takes no input.
 */
void
conn_read_soon(struct client *c)
{
	size_t	room;

	if ((c->flags & (CLIENT_DEAD | CLIENT_READQ)) ||
	    (room = session->room(c)) == 0)
		return;
	if (!(c->conn->t->flags & TRANSPORT_URING) || !uring_recv(c, room))
		conn_read(c, room);
}

static void
conn_read(struct client *c, size_t room)
{
	static char	buf[CONN_READ_SIZE];

	conn_received(c, buf, c->conn->t->read(c->conn, event_get_fd(c->ev),
	    buf, room < sizeof buf ? room : sizeof buf));
}

/*
 * What a read of c brought: n bytes at buf, 0 at the end, or -errno (from
 * conn_read() or, for a turn's reads together, uring.c).
 */
void
conn_received(struct client *c, char *buf, ssize_t n)
{
	if (c->flags & CLIENT_DEAD)
		return;
	if (n > 0) {
		session->input(c, buf, (size_t)n);
		return;
	}
	/*
	 * Nothing at accept from a listener with defer-accept: the kernel
	 * has waited a second already, so this may be a person, waiting to
	 * be spoken to.
	 */
	if (n == -EAGAIN && srv.deferred && !(c->flags & CLIENT_HEARD) &&
	    (c->conn->t->flags & TRANSPORT_WORDS))
		session->quiet(c);
	if (n == -EAGAIN || n == -EINTR) {
		/* A handshake may have moved on: output may go now. */
		conn_events(c);
		return;
	}
	conn_error(c, (int)-n);
}

/* A socket's end or error: the client goes, with the reason. */
static void
conn_error(struct client *c, int error)
{
	c->flags |= CLIENT_NOFLUSH;
	if (error == 0)
		session->lost(c, "Connection closed");
	else if (error == ECONNRESET)
		session->lost(c, "Connection reset by peer");
	else if (error == EPIPE)
		session->lost(c, "Broken pipe");
	else if (error == EPROTO && c->conn->error != NULL)
		session->lost(c, c->conn->error);
	else
		session->lost(c, strerror(error));
}

/*
 * Write the backlog of a socket that was full; once it is all gone, stop
 * watching for room and free the buffer.
 */
static void
conn_write(struct client *c)
{
	if (!c->conn->t->blocked(c->conn) && conn_write_buffer(c->conn,
	    event_get_fd(c->ev), c->out, evbuffer_get_length(c->out)) == -1) {
		conn_error(c, errno);
		return;
	}
	if (evbuffer_get_length(c->out) == 0) {
		evbuffer_free(c->out);
		c->out = NULL;
	}
	conn_events(c);
}

/*
 * Write this turn's pieces straight from the arenas: queued for io_uring
 * with the other clients' (uring.c), or a writev of up to CONN_WRITE_IOV
 * pieces at a time through the transport; what the socket does not take
 * goes to the backlog (conn_sent()). With a backlog already, or while the
 * transport cannot write yet, the pieces join the backlog, in order.
 */
static void
conn_write_pieces(struct client *c)
{
	struct iovec		 iov[CONN_WRITE_IOV];
	struct output_piece	*p;
	ssize_t			 n;
	size_t			 want;
	int			 i;

	if (c->out != NULL || c->conn->t->blocked(c->conn)) {
		output_keep(c, 0);
		conn_write(c);
		return;
	}
	while ((p = c->out_head) != NULL) {
		want = 0;
		for (i = 0; i < CONN_WRITE_IOV && p != NULL; i++) {
			iov[i].iov_base = (void *)p->data;
			iov[i].iov_len = p->len;
			want += p->len;
			p = p->next;
		}
		if (c->conn->t->encode != NULL) {
			/* Encoded now, the wire written with the turn's. */
			n = c->conn->t->encode(c->conn, iov, i);
			if (n > 0)
				conn_wire_send(c);
		} else if (p == NULL && uring_send(c, iov, i, want,
		    URING_PIECES))
			return;
		else
			n = c->conn->t->writev(c->conn, event_get_fd(c->ev),
			    iov, i);
		if (p == NULL || n != (ssize_t)want) {
			conn_sent(c, n, want);
			return;
		}
		/* More than one writev's worth: go on after what went. */
		output_advance(c, p);
	}
}

/* Write the wire buffer of c's transport: with the turn's others, or now. */
static void
conn_wire_send(struct client *c)
{
	struct iovec	v;

	if (!c->conn->t->wire(c->conn, &v))
		return;
	if (!uring_send(c, &v, 1, v.iov_len, URING_WIRE))
		conn_wire_flush(c);
}

/* Write the transport's own bytes now; 1 while some wait for room. */
static int
conn_wire_flush(struct client *c)
{
	int	r;

	if ((r = c->conn->t->flush(c->conn, event_get_fd(c->ev))) < 0) {
		conn_error(c, -r);
		return (-1);
	}
	return (r);
}

/* The end of a queued write of the wire buffer: n bytes went, or -errno. */
void
conn_wire_sent(struct client *c, ssize_t n)
{
	if (c->flags & CLIENT_DEAD)
		return;
	if (n < 0 && n != -EAGAIN && n != -EINTR) {
		conn_error(c, (int)-n);
		return;
	}
	if (n > 0)
		c->conn->t->wire_sent(c->conn, (size_t)n);
	conn_events(c);
}

/* Whether c's transport holds bytes of its own for the socket. */
static int
conn_wire_waits(struct client *c)
{
	struct iovec	v;

	return (c->conn->t->encode != NULL && c->conn->t->wire(c->conn, &v));
}

/*
 * The end of a write of want bytes of c's pieces: n bytes went, or -errno.
 * What is left becomes the backlog, written when the socket has room.
 */
void
conn_sent(struct client *c, ssize_t n, size_t want)
{
	if (n < 0 && n != -EAGAIN && n != -EINTR) {
		output_forget(c);
		conn_error(c, (int)-n);
		return;
	}
	if (n < 0)
		n = 0;
	if ((size_t)n < want) {
		output_keep(c, n);
		conn_events(c);
	} else
		output_forget(c);
}

static void
conn_io_cb(evutil_socket_t fd, short what, void *arg)
{
	struct client	*c = arg;

	/* The transport's own bytes go first: they come before the rest. */
	if ((what & EV_WRITE) && conn_wire_waits(c)) {
		if (conn_wire_flush(c) != 0) {
			conn_events(c);
			what &= ~EV_WRITE;
		}
	}
	if ((what & EV_WRITE) && c->out != NULL)
		conn_write(c);
	else if (what & EV_WRITE)
		conn_events(c);
	if (what & EV_READ)
		conn_read_soon(c);
}

/*
 * Watch the socket for what c needs: input while the session takes it,
 * room while it has a backlog the transport can write. Only slowed and
 * slow clients ever change it, so a fast one costs no epoll_ctl per
 * message. Input a transport took off the socket already is read without
 * waiting for the socket.
 */
void
conn_events(struct client *c)
{
	uint32_t	flags;
	int		reading, writing;
	short		what;

	if (c->flags & CLIENT_DEAD)
		return;
	reading = session->room(c) != 0;
	writing = (c->out != NULL && !c->conn->t->blocked(c->conn)) ||
	    conn_wire_waits(c);
	flags = (reading ? 0 : CLIENT_READOFF) | (writing ? CLIENT_WRITING : 0);
	if ((c->flags & (CLIENT_READOFF | CLIENT_WRITING)) != flags) {
		c->flags = (c->flags & ~(CLIENT_READOFF | CLIENT_WRITING)) |
		    flags;
		what = (reading ? EV_READ : 0) | (writing ? EV_WRITE : 0);
		event_del(c->ev);
		event_assign(c->ev, srv.base, event_get_fd(c->ev),
		    what | EV_PERSIST, conn_io_cb, c);
		if (what != 0)
			event_add(c->ev, NULL);
	}
	if (reading && c->conn->t->pending(c->conn))
		event_active(c->ev, EV_READ, 0);
}

/* Have c's output written at the end of this loop turn. */
void
conn_flush_later(struct client *c)
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
 * events, so it runs last). Then the turn's arenas are emptied: a client
 * closed meanwhile keeps its pieces as a backlog for its last write.
 */
void
conn_flush_all(void)
{
	struct client	*c;
	uint64_t	 gen;

	/* A turn that made lines for the db holds its output until then. */
	gen = store_turn_gen();
	while ((c = TAILQ_FIRST(&srv.flushq)) != NULL) {
		TAILQ_REMOVE(&srv.flushq, c, flush_entry);
		c->flags &= ~CLIENT_FLUSHQ;
		if ((c->flags & (CLIENT_DEAD | CLIENT_NOFLUSH)) ==
		    CLIENT_DEAD && output_holding(c))
			output_hold(c, gen);	/* its last lines too */
		else if (c->flags & CLIENT_DEAD)
			output_keep_all(c);
		else if (gen != 0 || c->hold != NULL) {
			/* Held for the db, or after what is; and released. */
			output_hold(c, gen);
			output_ready(c);
			if (c->out_head != NULL)
				conn_write_pieces(c);
		} else
			conn_write_pieces(c);
	}
	uring_complete();
	output_reset();
	store_flush();
}
