/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * A client's session: the input its connection (conn.c) reads split into
 * lines in place, each handed to the dispatcher as the flood bucket allows
 * (client-queue.c), and the one way out, client_close(), which marks the
 * client dead and leaves the QUIT, the log line and the freeing to the next
 * loop turn, so that no callback chain ever sees a freed client (tmux's
 * server-client.c, ngIRCd's Conn_Close).
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
#include "conn.h"
#include "linebuf.h"
#include "store.h"

/*
 * The least input a client may have held: a whole line of the longest
 * kind, with its CRLF, whatever recvq says.
 */
#define CLIENT_HOLD_MIN		(LINE_MAX_INPUT + 2)
/* Clients torn down a loop turn (client_reap()). */
#define CLIENT_REAP_BATCH	256

static size_t	client_lines(struct client *, const char *, size_t);
static void	client_keep(struct client *, const char *, size_t);
static void	client_teardown(struct client *);

struct client *
client_create(struct conn *cn, int fd, const struct sockaddr *sa,
    const char *host, uint16_t port)
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
	conn_start(c, cn, fd);
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
 * How many more bytes of input c may take now: none while it is closing,
 * slowed or waiting on a job, else recvq (or a whole line, if more) less
 * what is held. Nothing more is read past it, so a client can never grow
 * chatd's memory with input: TCP holds the rest back.
 */
static size_t
client_room(struct client *c)
{
	size_t	hold = srv.conf->recvq;

	if ((c->flags & (CLIENT_DEAD | CLIENT_WAITING)) ||
	    client_queue_throttled(c))
		return (0);
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
	conn_events(c);
}

/*
 * Input read (conn.c). Usually no input is kept and whole lines came:
 * they are handled where they were read, and only a partial line or lines
 * the flood bucket holds back are kept, in an allocation of their size.
 */
static void
client_input(struct client *c, char *buf, size_t n)
{
	size_t	used;

	if (c->inlen != 0) {
		c->in = xreallocarray(c->in, 1, c->inlen + n);
		memcpy(c->in + c->inlen, buf, n);
		c->inlen += n;
		client_process(c);
		return;
	}
	used = client_lines(c, buf, n);
	if (used != n)
		client_keep(c, buf + used, n - used);
	conn_events(c);
}

/* The connection has ended or failed (conn.c): the client goes. */
static void
client_lost(struct client *c, const char *reason)
{
	client_close(c, reason);
}

static const struct conn_session client_session = {
	.input = client_input,
	.quiet = plain_greet,
	.lost = client_lost,
	.room = client_room
};

/* Make the connection layer hand its bytes to the session here. */
void
client_init(void)
{
	conn_init(&client_session);
}

/*
 * The only way a client leaves: mark it dead now, do the rest on the next
 * loop turn in client_reap(). Its goodbye goes after all it was sent;
 * while some of that waits for the db (with this turn's lines), so does
 * the goodbye, and so does the rest of its going.
 */
void
client_close(struct client *c, const char *reason)
{
	struct evbuffer	*bye;

	if (c->flags & CLIENT_DEAD)
		return;
	c->flags |= CLIENT_DEAD;
	c->quit_reason = xstrdup(reason);
	conn_stop(c);
	if (!(c->flags & CLIENT_NOFLUSH)) {
		if ((bye = evbuffer_new()) == NULL)
			fatalx("evbuffer_new failed");
		if (c->flags & CLIENT_PLAIN)
			plain_goodbye(c, bye, reason);
		else
			evbuffer_add_printf(bye, "ERROR :Closing Link: %s "
			    "(%s)\r\n", c->host, reason);
		output_hold(c, store_turn_now());
		if (output_holding(c)) {
			output_copy(c, (const char *)evbuffer_pullup(bye, -1),
			    evbuffer_get_length(bye));
			output_hold(c, 0);
		} else {
			output_keep_all(c);
			evbuffer_add_buffer(output_backlog(c), bye);
		}
		evbuffer_free(bye);
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
	struct client			*c, *next;
	int				 n = 0;

	for (c = TAILQ_FIRST(&srv.dead); c != NULL; c = next) {
		next = TAILQ_NEXT(c, dead_entry);
		/* Its last lines wait for the db: output_release() wakes us. */
		if (!(c->flags & CLIENT_NOFLUSH) && output_holding(c))
			continue;
		if (n++ == CLIENT_REAP_BATCH) {
			evtimer_add(srv.reaper, &now);
			break;
		}
		TAILQ_REMOVE(&srv.dead, c, dead_entry);
		client_teardown(c);
	}
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

	output_keep_all(c);
	out = output_backlog(c);
	if (last != NULL && (c->flags & CLIENT_PLAIN))
		plain_goodbye(c, out, last);
	else if (last != NULL)
		evbuffer_add_printf(out, "ERROR :%s\r\n", last);
	user_addr_remove(c->host);
	TAILQ_REMOVE(&srv.clients, c, entry);
	srv.nclients--;
	if (!(c->flags & CLIENT_NOFLUSH) || last != NULL) {
		/* The socket and the output go on without the client. */
		conn_hand_over(c, out);
		c->out = NULL;
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
	conn_free(c);
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
	monitor_client_free(c);
	metadata_client_free(c);
	multiline_client_free(c);
	if (c->flags & CLIENT_WAITING)
		worker_forget(c);
	output_forget(c);
	output_unhold(c);
	free(c);
}
