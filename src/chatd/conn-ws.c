/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The WebSocket transport (RFC 6455, the IRCv3 subprotocols text.ircv3.net
 * and binary.ircv3.net): what a client sends is taken apart by libwslay
 * (masks, fragments, pings, close), and each message becomes a line, with
 * its CRLF, for the session's splitter. What chatd sends is framed at
 * write time, from the shared bytes: each line of a turn's output a frame
 * of its own, unmasked (a server's), written to a buffer of the
 * connection's and sent with the turn's other writes, as TLS records are.
 * The HTTP upgrade that comes before is http.c's; its answer is the first
 * thing in the buffer. Below the frames is the connection the request came
 * on, plain TCP or TLS (wss://): bytes are read through it, and frames are
 * handed to it to be encrypted before they are written.
 */

#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <wslay/wslay.h>

#include "chatd.h"
#include "conn.h"
#include "ws.h"

/* Raw bytes read at a time. */
#define WS_READ_SIZE	16384
/* Plain bytes framed in one go. */
#define WS_WRITE_SIZE	(4 * 16384)

struct conn_ws {
	struct conn		 conn;
	struct conn		*lower;		/* TCP or TLS, below the frames */
	wslay_event_context_ptr	 ctx;
	struct evbuffer		*raw;		/* read, not yet taken apart */
	struct evbuffer		*lines;		/* messages, as lines */
	struct evbuffer		*wire;		/* frames not yet handed down */
	int			 binary;	/* binary.ircv3.net */
	int			 ended;		/* the peer closed */
};

static struct conn *ws_open(int);
static ssize_t	ws_read(struct conn *, int, char *, size_t);
static ssize_t	ws_encode(struct conn *, const struct iovec *, int);
static int	ws_wire(struct conn *, struct iovec *);
static void	ws_wire_sent(struct conn *, size_t);
static int	ws_pending(struct conn *);
static int	ws_blocked(struct conn *);
static int	ws_certfp(struct conn *, char *);
static void	ws_push(struct conn_ws *);
static void	ws_shutdown(struct conn *);
static void	ws_free(struct conn *);

const struct transport transport_ws = {
	.name = "websocket",
	.flags = 0,
	.open = ws_open,
	.read = ws_read,
	.writev = conn_encoded_writev,
	.encode = ws_encode,
	.wire = ws_wire,
	.wire_sent = ws_wire_sent,
	.flush = conn_encoded_flush,
	.pending = ws_pending,
	.blocked = ws_blocked,
	.certfp = ws_certfp,
	.shutdown = ws_shutdown,
	.free = ws_free
};

/* wslay asks for input: what was read, or "would block". */
static ssize_t
ws_recv_cb(wslay_event_context_ptr ctx, uint8_t *buf, size_t len,
    int flags, void *arg)
{
	struct conn_ws	*w = arg;
	int		 n;

	if ((n = evbuffer_remove(w->raw, buf, len)) <= 0) {
		wslay_event_set_error(ctx, WSLAY_ERR_WOULDBLOCK);
		return (-1);
	}
	return (n);
}

/* wslay's own frames (pong, close) go to the wire buffer. */
static ssize_t
ws_send_cb(wslay_event_context_ptr ctx, const uint8_t *data, size_t len,
    int flags, void *arg)
{
	struct conn_ws	*w = arg;

	if (evbuffer_add(w->wire, data, len) != 0) {
		wslay_event_set_error(ctx, WSLAY_ERR_CALLBACK_FAILURE);
		return (-1);
	}
	return ((ssize_t)len);
}

/*
 * A whole message: a line, CRLF added unless it has one. A message of
 * the wrong kind for the subprotocol is taken all the same.
 */
static void
ws_msg_cb(wslay_event_context_ptr ctx,
    const struct wslay_event_on_msg_recv_arg *arg, void *data)
{
	struct conn_ws	*w = data;
	size_t		 n = arg->msg_length;

	if (arg->opcode == WSLAY_CONNECTION_CLOSE) {
		w->ended = 1;
		return;
	}
	if (arg->opcode != WSLAY_TEXT_FRAME &&
	    arg->opcode != WSLAY_BINARY_FRAME)
		return;
	while (n > 0 && (arg->msg[n - 1] == '\n' || arg->msg[n - 1] == '\r'))
		n--;
	evbuffer_add(w->lines, arg->msg, n);
	evbuffer_add(w->lines, "\r\n", 2);
}

static const struct wslay_event_callbacks ws_callbacks = {
	.recv_callback = ws_recv_cb,
	.send_callback = ws_send_cb,
	.on_msg_recv_callback = ws_msg_cb
};

static struct conn *
ws_open(int fd)
{
	return (NULL);	/* only after an upgrade: ws_start() */
}

/*
 * A WebSocket connection over lower (taken over) after http.c's upgrade:
 * its answer (the 101) to be written first, and what the client sent
 * after the request.
 */
struct conn *
ws_start(struct conn *lower, const char *answer, size_t alen,
    const char *early, size_t elen, int binary)
{
	struct conn_ws	*w;

	w = xcalloc(1, sizeof *w);
	w->conn.t = &transport_ws;
	w->lower = lower;
	w->conn.secure = lower->secure;
	w->binary = binary;
	if ((w->raw = evbuffer_new()) == NULL ||
	    (w->lines = evbuffer_new()) == NULL ||
	    (w->wire = evbuffer_new()) == NULL ||
	    wslay_event_context_server_init(&w->ctx, &ws_callbacks, w) != 0)
		fatalx("out of memory");
	/* A message is one line: its longest, with tags. */
	wslay_event_config_set_max_recv_msg_length(w->ctx, LINE_MAX_INPUT + 2);
	evbuffer_add(w->wire, answer, alen);
	ws_push(w);
	if (elen != 0)
		evbuffer_add(w->raw, early, elen);
	return (&w->conn);
}

/* Take apart what was read: lines, wslay's answers queued, the end. */
static ssize_t
ws_decode(struct conn_ws *w, int fd)
{
	if (evbuffer_get_length(w->raw) != 0 &&
	    wslay_event_recv(w->ctx) != 0) {
		w->conn.error = "WebSocket error";
		return (-EPROTO);
	}
	/* Pongs, and a close (for one received, or a bad frame). */
	if (wslay_event_want_write(w->ctx)) {
		wslay_event_send(w->ctx);
		conn_encoded_flush(&w->conn, fd);
	}
	if (!wslay_event_want_read(w->ctx) && !w->ended &&
	    evbuffer_get_length(w->lines) == 0) {
		/* wslay stopped reading: a protocol error or a too long one. */
		w->conn.error = "WebSocket error";
		return (-EPROTO);
	}
	return (0);
}

static ssize_t
ws_read(struct conn *cn, int fd, char *buf, size_t len)
{
	static char	 tmp[WS_READ_SIZE];
	struct conn_ws	*w = (struct conn_ws *)cn;
	ssize_t		 n, r;

	if (evbuffer_get_length(w->lines) == 0) {
		if (w->ended)
			return (0);
		if (evbuffer_get_length(w->raw) == 0) {
			n = w->lower->t->read(w->lower, fd, tmp, sizeof tmp);
			if (n <= 0) {
				w->conn.error = w->lower->error;
				return (n);
			}
			evbuffer_add(w->raw, tmp, (size_t)n);
		}
		if ((r = ws_decode(w, fd)) != 0)
			return (r);
		if (evbuffer_get_length(w->lines) == 0)
			return (w->ended ? 0 : -EAGAIN);
	}
	return (evbuffer_remove(w->lines, buf, len));
}

/* One frame of len bytes of data, unmasked, into the wire buffer. */
static void
ws_frame(struct conn_ws *w, const char *data, size_t len)
{
	uint8_t	h[10];
	size_t	hl = 2;

	h[0] = 0x80 | (w->binary ? WSLAY_BINARY_FRAME : WSLAY_TEXT_FRAME);
	if (len < 126)
		h[1] = (uint8_t)len;
	else if (len < 65536) {
		h[1] = 126;
		h[2] = (uint8_t)(len >> 8);
		h[3] = (uint8_t)len;
		hl = 4;
	} else {
		h[1] = 127;
		memset(h + 2, 0, 4);
		h[6] = (uint8_t)(len >> 24);
		h[7] = (uint8_t)(len >> 16);
		h[8] = (uint8_t)(len >> 8);
		h[9] = (uint8_t)len;
		hl = 10;
	}
	evbuffer_add(w->wire, h, hl);
	evbuffer_add(w->wire, data, len);
}

/*
 * Frame the whole lines iov holds (up to WS_WRITE_SIZE), each its own
 * message without its CRLF: the plain bytes taken (a part line waits for
 * its end), 0 while the wire buffer holds some.
 */
static ssize_t
ws_encode(struct conn *cn, const struct iovec *iov, int niov)
{
	static char	 buf[WS_WRITE_SIZE];
	struct conn_ws	*w = (struct conn_ws *)cn;
	struct iovec	 v;
	size_t		 len = 0, n, off = 0, end;
	const char	*nl;
	int		 i;

	if (evbuffer_get_length(w->wire) != 0 ||
	    (w->lower->t->encode != NULL &&
	    w->lower->t->wire(w->lower, &v)))
		return (0);
	for (i = 0; i < niov && len < sizeof buf; i++) {
		n = iov[i].iov_len;
		if (n > sizeof buf - len)
			n = sizeof buf - len;
		memcpy(buf + len, iov[i].iov_base, n);
		len += n;
	}
	while (off < len && (nl = memchr(buf + off, '\n', len - off)) !=
	    NULL) {
		end = (size_t)(nl - buf);
		n = end - off;
		if (n > 0 && buf[end - 1] == '\r')
			n--;
		ws_frame(w, buf + off, n);
		off = end + 1;
	}
	ws_push(w);
	return ((ssize_t)off);
}

/*
 * Hand frames to the connection below, if it encodes (TLS), as far as it
 * takes them; below TCP the frames are the wire.
 */
static void
ws_push(struct conn_ws *w)
{
	struct evbuffer_iovec	 e[16];
	struct iovec		 v[16];
	ssize_t			 n;
	int			 i, k;

	if (w->lower->t->encode == NULL)
		return;
	while (evbuffer_get_length(w->wire) != 0) {
		k = evbuffer_peek(w->wire, -1, NULL, e, 16);
		if (k > 16)
			k = 16;
		for (i = 0; i < k; i++) {
			v[i].iov_base = e[i].iov_base;
			v[i].iov_len = e[i].iov_len;
		}
		if ((n = w->lower->t->encode(w->lower, v, k)) <= 0)
			break;
		evbuffer_drain(w->wire, (size_t)n);
	}
}

/* The bytes for the socket: the frames, or the records below them. */
static int
ws_wire(struct conn *cn, struct iovec *v)
{
	struct conn_ws		*w = (struct conn_ws *)cn;
	struct evbuffer_iovec	 e;

	if (w->lower->t->encode != NULL) {
		if (!w->lower->t->wire(w->lower, v))
			ws_push(w);
		return (w->lower->t->wire(w->lower, v));
	}
	if (evbuffer_get_length(w->wire) == 0 ||
	    evbuffer_peek(w->wire, -1, NULL, &e, 1) < 1)
		return (0);
	v->iov_base = e.iov_base;
	v->iov_len = e.iov_len;
	return (1);
}

static void
ws_wire_sent(struct conn *cn, size_t n)
{
	struct conn_ws	*w = (struct conn_ws *)cn;

	if (w->lower->t->encode != NULL)
		w->lower->t->wire_sent(w->lower, n);
	else
		evbuffer_drain(w->wire, n);
}

static int
ws_pending(struct conn *cn)
{
	struct conn_ws	*w = (struct conn_ws *)cn;

	return (evbuffer_get_length(w->lines) != 0 ||
	    w->lower->t->pending(w->lower));
}

static int
ws_blocked(struct conn *cn)
{
	struct conn_ws	*w = (struct conn_ws *)cn;

	return (w->lower->t->blocked(w->lower));
}

static int
ws_certfp(struct conn *cn, char *fp)
{
	struct conn_ws	*w = (struct conn_ws *)cn;

	return (w->lower->t->certfp(w->lower, fp));
}

/* A close frame (1000, normal), unless it failed. */
static void
ws_shutdown(struct conn *cn)
{
	struct conn_ws	*w = (struct conn_ws *)cn;

	if (w->conn.error == NULL) {
		wslay_event_queue_close(w->ctx, WSLAY_CODE_NORMAL_CLOSURE,
		    NULL, 0);
		wslay_event_send(w->ctx);
		ws_push(w);
	}
	/* Then the end of what is below (a close_notify). */
	w->lower->t->shutdown(w->lower);
}

static void
ws_free(struct conn *cn)
{
	struct conn_ws	*w = (struct conn_ws *)cn;

	w->lower->t->free(w->lower);
	wslay_event_context_free(w->ctx);
	evbuffer_free(w->raw);
	evbuffer_free(w->lines);
	evbuffer_free(w->wire);
	free(w);
}
