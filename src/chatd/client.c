/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * A client connection: its socket and one event, input split into lines in
 * place and handed to the dispatcher, output gathered for one write a loop
 * turn, and the one way out, client_close(), which marks the client dead and
 * leaves the QUIT, the log line and the freeing to the next loop turn, so
 * that no callback chain ever sees a freed client (tmux's server-client.c,
 * ngIRCd's Conn_Close).
 */

#include "config.h"

#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <netdb.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "chatd.h"
#include "store.h"
#include "linebuf.h"

/* Most output pieces in one writev. */
#define CLIENT_WRITE_IOV	64
/* Bytes read from one client at a time: a loop turn serves everyone. */
#define CLIENT_READ_SIZE	16384
/*
 * The least input a client may have held: a whole line of the longest
 * kind, with its CRLF, whatever recvq says.
 */
#define CLIENT_HOLD_MIN		(LINE_MAX_INPUT + 2)
/* Clients torn down a loop turn (client_reap()). */
#define CLIENT_REAP_BATCH	256

static void	client_io_cb(evutil_socket_t, short, void *);
static void	client_read(struct client *, size_t);
static void	client_write(struct client *);
static void	client_io_error(struct client *, int);
static size_t	client_lines(struct client *, const char *, size_t);
static void	client_keep(struct client *, const char *, size_t);
static void	client_teardown(struct client *);

/*
 * The numeric address and port of a peer, IPv4-mapped shown as IPv4. IPv4
 * is written by hand (getnameinfo() cost more than the rest of an accept);
 * IPv6 goes through getnameinfo() for its scope.
 */
void
client_addr_string(const struct sockaddr *sa, socklen_t salen, char *host,
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

	/*
	 * One event per client, reading; it watches for writing too only
	 * while the socket is full, and stops reading while the client is
	 * slowed (client_events()). No bufferevent: its two events, input
	 * buffer and FIONREAD before every read cost memory and a system
	 * call per message.
	 */
	c->ev = event_new(srv.base, fd, EV_READ | EV_PERSIST, client_io_cb, c);
	if (c->ev == NULL)
		fatalx("event_new failed");
	event_add(c->ev, NULL);

	TAILQ_INSERT_TAIL(&srv.clients, c, entry);
	srv.nclients++;
	user_addr_add(c->host);
	event_connect(c);
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

	strfmt(buf, sizeof buf, "%s!%s@%s", *c->nick != '\0' ? c->nick : "*",
	    c->user != NULL ? c->user : "*", c->host);
	return (buf);
}

/*
 * Handle every complete line of data[0..len) the flood bucket allows; the
 * bytes used (lines handled, empty lines, a too-long line's tail).
 */
static size_t
client_lines(struct client *c, const char *data, size_t len)
{
	static char	 line[LINE_MAX_INPUT + 1];
	const char	*l;
	size_t		 off = 0, n, used;
	int		 skipping = (c->flags & CLIENT_SKIPPING) != 0;

	while (!(c->flags & (CLIENT_DEAD | CLIENT_WAITING))) {
		if (client_queue_throttled(c))
			break;
		if (!client_queue_ready(c)) {
			if (off != len)
				client_queue_throttle(c);
			break;
		}
		switch (linebuf_next(data + off, len - off, LINE_MAX_INPUT, &l,
		    &n, &used, &skipping)) {
		case LINEBUF_NONE:
			off += used;
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
			/* The parser cuts the line up in place: copy it. */
			memcpy(line, l, n);
			line[n] = '\0';
			c->last_active = (uint32_t)server_time();
			c->flags &= ~CLIENT_PINGSENT;
			/* The first line tells a person from a program. */
			if (!(c->flags & CLIENT_HEARD) && n != 0) {
				c->flags |= CLIENT_HEARD;
				if (plain_detect(line, n))
					plain_start(c);
			}
			if (c->flags & CLIENT_PLAIN)
				plain_input(c, line, n);
			else
				command_dispatch(c, line, n);
			break;
		}
		off += used;
	}
done:
	if (skipping)
		c->flags |= CLIENT_SKIPPING;
	else
		c->flags &= ~CLIENT_SKIPPING;
	return (off);
}

/* Keep data[0..len) as the client's pending input, or nothing. */
static void
client_keep(struct client *c, const char *data, size_t len)
{
	char	*in = NULL;

	if (len != 0) {
		in = xmalloc(len);
		memcpy(in, data, len);
	}
	free(c->in);
	c->in = in;
	c->inlen = len;
}

/*
 * How many more bytes of input c may have held: recvq (or a whole line, if
 * more) less what is held. Nothing more is read past it, so a client can
 * never grow chatd's memory with input: TCP holds the rest back.
 */
static size_t
client_room(struct client *c)
{
	size_t	hold = srv.conf->recvq;

	if (hold < CLIENT_HOLD_MIN)
		hold = CLIENT_HOLD_MIN;
	return (c->inlen < hold ? hold - c->inlen : 0);
}

/*
 * Go on with the input kept, when the flood bucket has tokens again; read
 * the socket again once the client is no longer slowed.
 */
void
client_process(struct client *c)
{
	size_t	used;

	if (c->inlen != 0) {
		used = client_lines(c, c->in, c->inlen);
		if (used != 0)
			client_keep(c, c->in + used, c->inlen - used);
	}
	client_events(c);
}

/*
 * Read what has arrived. Usually no input is kept and whole lines came:
 * they are handled where they were read, and only a partial line or lines
 * the flood bucket holds back are kept, in an allocation of their size.
 */
static void
client_read(struct client *c, size_t room)
{
	static char	buf[CLIENT_READ_SIZE];
	ssize_t		n;

	n = read(event_get_fd(c->ev), buf, room < sizeof buf ? room :
	    sizeof buf);
	client_received(c, buf, n == -1 ? -errno : n);
}

/*
 * Read c in this turn: queued with the turn's other reads (uring.c), or
 * now. From its read event, or at accept when the connection came with
 * its first bytes (defer-accept). Not while it is slowed, nor past recvq.
 */
void
client_read_soon(struct client *c)
{
	size_t	room;

	if ((c->flags & (CLIENT_DEAD | CLIENT_READQ | CLIENT_WAITING)) ||
	    client_queue_throttled(c) || (room = client_room(c)) == 0)
		return;
	if (!uring_recv(c, room))
		client_read(c, room);
}

/*
 * What a read of c brought: n bytes at buf, 0 at the end, or -errno (from
 * client_read() or, for a turn's reads together, uring.c).
 */
void
client_received(struct client *c, char *buf, ssize_t n)
{
	size_t	used;

	if (c->flags & CLIENT_DEAD)
		return;
	if (n <= 0) {
		/*
		 * Nothing at accept from a listener with defer-accept: the
		 * kernel has waited a second already, so this is a person,
		 * waiting to be spoken to (plain.c).
		 */
		if (n == -EAGAIN && srv.deferred && !(c->flags & CLIENT_HEARD))
			plain_greet(c);
		if (n == -EAGAIN || n == -EINTR)
			return;
		client_io_error(c, (int)-n);
		return;
	}
	if (c->inlen != 0) {
		c->in = xreallocarray(c->in, 1, c->inlen + n);
		memcpy(c->in + c->inlen, buf, n);
		c->inlen += n;
		client_process(c);
		return;
	}
	used = client_lines(c, buf, n);
	if (used != (size_t)n)
		client_keep(c, buf + used, n - used);
	client_events(c);
}

/* A socket's end or error: the client goes, with the reason. */
static void
client_io_error(struct client *c, int error)
{
	c->flags |= CLIENT_NOFLUSH;
	if (error == 0)
		client_close(c, "Connection closed");
	else if (error == ECONNRESET)
		client_close(c, "Connection reset by peer");
	else if (error == EPIPE)
		client_close(c, "Broken pipe");
	else
		client_close(c, strerror(error));
}

/*
 * Write the backlog of a socket that was full; once it is all gone, stop
 * watching for room and free the buffer.
 */
static void
client_write(struct client *c)
{
	size_t	len = evbuffer_get_length(c->out), held = output_held_bytes(c);

	/* What waits for the db stays (output_hold()). */
	if (len > held && evbuffer_write_atmost(c->out, event_get_fd(c->ev),
	    (ev_ssize_t)(len - held)) == -1 && errno != EAGAIN &&
	    errno != EINTR) {
		client_io_error(c, errno);
		return;
	}
	if (evbuffer_get_length(c->out) == 0) {
		evbuffer_free(c->out);
		c->out = NULL;
	}
	client_events(c);
}

/*
 * Write c's backlog now, what it held being released (output_release()):
 * queued with the other released clients' for io_uring, as a turn's
 * pieces are, or written at once.
 */
void
client_write_backlog(struct client *c)
{
	struct iovec	iov[CLIENT_WRITE_IOV];
	size_t		len = evbuffer_get_length(c->out), want = 0;
	int		i, n;

	if (len <= output_held_bytes(c)) {
		client_events(c);
		return;
	}
	len -= output_held_bytes(c);
	n = evbuffer_peek(c->out, (ev_ssize_t)len, NULL, iov,
	    CLIENT_WRITE_IOV);
	if (n > CLIENT_WRITE_IOV)
		n = CLIENT_WRITE_IOV;
	for (i = 0; i < n; i++) {
		if (want + iov[i].iov_len > len)
			iov[i].iov_len = len - want;
		want += iov[i].iov_len;
	}
	if (!uring_send(c, iov, n, want, 1))
		client_write(c);
}

/* The end of a queued write of c's backlog: n bytes went, or -errno. */
void
client_backlog_sent(struct client *c, ssize_t n)
{
	if (n < 0 && n != -EAGAIN && n != -EINTR && !(c->flags & CLIENT_DEAD)) {
		client_io_error(c, (int)-n);
		return;
	}
	if (n > 0)
		evbuffer_drain(c->out, (size_t)n);
	if (evbuffer_get_length(c->out) == 0 && !(c->flags & CLIENT_DEAD)) {
		evbuffer_free(c->out);
		c->out = NULL;
	}
	client_events(c);
}

/*
 * Write this turn's pieces straight from the arenas: queued for io_uring
 * with the other clients' (uring.c), or a writev of up to CLIENT_WRITE_IOV
 * pieces at a time; what the socket does not take goes to the backlog
 * (client_sent()). With a backlog already, the pieces join it, in order.
 */
static void
client_write_pieces(struct client *c)
{
	struct iovec		 iov[CLIENT_WRITE_IOV];
	struct output_piece	*p;
	ssize_t			 n;
	size_t			 want;
	int			 i;

	if (c->out != NULL) {
		output_keep(c, 0);
		client_write(c);
		return;
	}
	while ((p = c->out_head) != NULL) {
		want = 0;
		for (i = 0; i < CLIENT_WRITE_IOV && p != NULL; i++) {
			iov[i].iov_base = (void *)p->data;
			iov[i].iov_len = p->len;
			want += p->len;
			p = p->next;
		}
		if (p == NULL && uring_send(c, iov, i, want, 0))
			return;
		n = writev(event_get_fd(c->ev), iov, i);
		if (n == -1)
			n = -errno;
		if (p == NULL || n != (ssize_t)want) {
			client_sent(c, n, want);
			return;
		}
		/* More than one writev's worth: go on after what went. */
		c->out_head = p;
	}
}

/*
 * The end of a write of want bytes of c's pieces: n bytes went, or -errno.
 * What is left becomes the backlog, written when the socket has room.
 */
void
client_sent(struct client *c, ssize_t n, size_t want)
{
	if (n < 0 && n != -EAGAIN && n != -EINTR) {
		output_forget(c);
		client_io_error(c, (int)-n);
		return;
	}
	if (n < 0)
		n = 0;
	if ((size_t)n < want) {
		output_keep(c, n);
		client_events(c);
	} else
		output_forget(c);
}

static void
client_io_cb(evutil_socket_t fd, short what, void *arg)
{
	struct client	*c = arg;

	if ((what & EV_WRITE) && c->out != NULL)
		client_write(c);
	if (what & EV_READ)
		client_read_soon(c);
}

/*
 * Watch the socket for what c needs: input unless it is slowed or holds
 * recvq already, room while it has a backlog. Only slowed and slow
 * clients ever change it, so a fast one costs no epoll_ctl per message.
 */
void
client_events(struct client *c)
{
	uint32_t	flags;
	int		reading, writing;
	short		what;

	if (c->flags & CLIENT_DEAD)
		return;
	reading = !client_queue_throttled(c) && client_room(c) != 0 &&
	    !(c->flags & CLIENT_WAITING);
	writing = c->out != NULL &&
	    evbuffer_get_length(c->out) > output_held_bytes(c);
	flags = (reading ? 0 : CLIENT_READOFF) | (writing ? CLIENT_WRITING : 0);
	if ((c->flags & (CLIENT_READOFF | CLIENT_WRITING)) == flags)
		return;
	c->flags = (c->flags & ~(CLIENT_READOFF | CLIENT_WRITING)) | flags;
	what = (reading ? EV_READ : 0) | (writing ? EV_WRITE : 0);
	event_del(c->ev);
	event_assign(c->ev, srv.base, event_get_fd(c->ev), what | EV_PERSIST,
	    client_io_cb, c);
	if (what != 0)
		event_add(c->ev, NULL);
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
 * events, so it runs last). Then the turn's arenas are emptied: a client
 * closed meanwhile keeps its pieces as a backlog for its last write.
 */
void
client_flush_all(void)
{
	struct client	*c;
	uint64_t	 gen;

	/* Reads still queued go first (the reader may come later). */
	uring_complete();
	/* QUITs of this turn go out in the same write as its messages. */
	client_reap();
	/* A turn that made lines for the db holds its output until then. */
	gen = store_turn_gen();
	while ((c = TAILQ_FIRST(&srv.flushq)) != NULL) {
		TAILQ_REMOVE(&srv.flushq, c, flush_entry);
		c->flags &= ~CLIENT_FLUSHQ;
		if (c->flags & CLIENT_DEAD)
			output_keep(c, 0);
		else if (gen != 0 || c->hold != NULL) {
			output_hold(c, gen);
			if (c->out != NULL)
				client_write(c);
		} else
			client_write_pieces(c);
	}
	uring_complete();
	output_reset();
	store_flush();
}

/*
 * The only way a client leaves: mark it dead now, do the rest on the next
 * loop turn in client_reap().
 */
void
client_close(struct client *c, const char *reason)
{
	if (c->flags & CLIENT_DEAD)
		return;
	c->flags |= CLIENT_DEAD;
	c->quit_reason = xstrdup(reason);
	event_del(c->ev);
	if (!(c->flags & CLIENT_NOFLUSH)) {
		output_keep(c, 0);
		if (c->flags & CLIENT_PLAIN)
			plain_goodbye(c, output_backlog(c), reason);
		else
			evbuffer_add_printf(output_backlog(c),
			    "ERROR :Closing Link: %s (%s)\r\n", c->host,
			    reason);
	}
	TAILQ_INSERT_TAIL(&srv.dead, c, dead_entry);
	event_active(srv.reaper, EV_TIMEOUT, 0);
}

/*
 * Tear down the clients closed since the last turn, CLIENT_REAP_BATCH at
 * a time: when thousands go at once, the rest wait for the next loop turn
 * (a zero timeout, so the turn's I/O comes first) and nobody else waits
 * for them all.
 */
void
client_reap(void)
{
	static const struct timeval	 now = { 0, 0 };
	struct client			*c;
	int				 n = 0;

	while (n++ < CLIENT_REAP_BATCH && (c = TAILQ_FIRST(&srv.dead)) != NULL) {
		TAILQ_REMOVE(&srv.dead, c, dead_entry);
		client_teardown(c);
	}
	if (!TAILQ_EMPTY(&srv.dead))
		evtimer_add(srv.reaper, &now);
}

/* Tell everyone who shared a channel and leave them all (event.c), free. */
static void
client_teardown(struct client *c)
{
	event_quit(c);
	client_flush_and_free(c, NULL);
}

/*
 * Free c; its connection ends in linger.c, which writes what is queued
 * (with an ERROR line of text last, if given: in words for a person) and
 * closes without a reset. A client whose peer is gone, or that could not
 * be written to, is closed at once. Used at teardown and shutdown.
 */
void
client_flush_and_free(struct client *c, const char *last)
{
	struct evbuffer	*out;

	output_keep(c, 0);
	out = output_backlog(c);
	if (last != NULL && (c->flags & CLIENT_PLAIN))
		plain_goodbye(c, out, last);
	else if (last != NULL)
		evbuffer_add_printf(out, "ERROR :%s\r\n", last);
	user_addr_remove(c->host);
	TAILQ_REMOVE(&srv.clients, c, entry);
	srv.nclients--;
	event_del(c->ev);
	if (!(c->flags & CLIENT_NOFLUSH) || last != NULL) {
		/* The socket and the output go on without the client. */
		linger_start(event_get_fd(c->ev), out);
		c->out = NULL;
		c->flags |= CLIENT_LINGER;
	}
	client_free(c);
}

void
client_free(struct client *c)
{
	if (c->flags & CLIENT_FLUSHQ)
		TAILQ_REMOVE(&srv.flushq, c, flush_entry);
	if (c->flags & CLIENT_READQ)
		uring_forget(c);
	if (c->throttle != NULL)
		event_free(c->throttle);
	if (!(c->flags & CLIENT_LINGER))
		evutil_closesocket(event_get_fd(c->ev));
	event_free(c->ev);
	if (c->out != NULL)
		evbuffer_free(c->out);
	free(c->in);
	free(c->user);		/* realname shares its allocation */
	free(c->away);
	free(c->quit_reason);
	history_client_free(c);
	account_client_free(c);
	irc_sasl_free(c);
	marker_free(c->markers);
	if (c->flags & CLIENT_WAITING)
		worker_forget(c);
	output_unhold(c);
	free(c);
}
