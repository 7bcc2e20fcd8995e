/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The transport seam (conn.c): how a connection's bytes are read and
 * written. A transport is a row of operations, as tmux's window modes are;
 * plain TCP is one row (conn.c), TLS another (conn-tls.c). Everything
 * above conn.c calls these through the row and never asks which it is.
 */

#ifndef CONN_H
#define CONN_H

#include <sys/types.h>
#include <sys/uio.h>

struct client;
struct evbuffer;
struct conn;

/* Reads of the row may be queued for io_uring (uring.c). */
#define TRANSPORT_URING	0x1
/* A person may type to it: greeted in words if silent (plain.c). */
#define TRANSPORT_WORDS	0x2

struct transport {
	const char	*name;
	int		 flags;
	/* A connection of this kind on fd, or NULL (told in the log). */
	struct conn	*(*open)(int);
	/* Up to len bytes of input: how many, 0 at the end, or -errno. */
	ssize_t		 (*read)(struct conn *, int, char *, size_t);
	/* Some of the bytes at iov: how many went, or -errno. */
	ssize_t		 (*writev)(struct conn *, int, const struct iovec *,
			     int);
	/*
	 * A row that turns plain bytes into others at write time (TLS)
	 * keeps them in a wire buffer of its own. encode takes some of the
	 * bytes at iov into it (how many: 0 while it still holds some; or
	 * -errno); wire says where its bytes are (0 if none), for a write of
	 * the loop's choosing (io_uring with the turn's others), and
	 * wire_sent how many went. NULL for a row that writes what it is
	 * given (TCP).
	 */
	ssize_t		 (*encode)(struct conn *, const struct iovec *, int);
	int		 (*wire)(struct conn *, struct iovec *);
	void		 (*wire_sent)(struct conn *, size_t);
	/*
	 * Up to len bytes of file fd from *off, straight to the socket
	 * (sendfile(2)), *off moved on: how many, or -errno. NULL for a row
	 * that must see the bytes (TLS): they go through writev.
	 */
	ssize_t		 (*sendfile)(struct conn *, int, int, off_t *, size_t);
	/* Write what the row holds: 1 while some waits, 0, or -errno. */
	int		 (*flush)(struct conn *, int);
	/* Input taken off the socket already: read again without an event. */
	int		 (*pending)(struct conn *);
	/* Output must wait for input first (a handshake under way). */
	int		 (*blocked)(struct conn *);
	/* The peer's certificate's SHA-256 in hex (TLS_FP_LEN); 0 if none. */
	int		 (*certfp)(struct conn *, char *);
	/* No more output: queue what ends the stream (a close_notify). */
	void		 (*shutdown)(struct conn *);
	/* Free what open made (not the socket). */
	void		 (*free)(struct conn *);
};

/*
 * Every connection starts with its row, why it failed (EPROTO: static
 * text, or NULL) and whether it is encrypted (WHOIS 671, the sts cap's
 * duration); a transport may keep more after.
 */
struct conn {
	const struct transport	*t;
	const char		*error;
	int			 secure;
};

/* What conn.c hands to the session above it (client.c). */
struct conn_session {
	/* Bytes read: lines for the dispatcher, or kept. */
	void	 (*input)(struct client *, char *, size_t);
	/* Silent since accept, on a listener that waited (defer-accept). */
	void	 (*quiet)(struct client *);
	/* The peer has gone, or the connection failed: why, for QUIT. */
	void	 (*lost)(struct client *, const char *);
	/* How much more input may be read now (0: slowed, full, waiting). */
	size_t	 (*room)(struct client *);
};

extern const struct transport	 transport_tcp;

/* conn.c */
int		 conn_none(struct conn *);
int		 conn_no_certfp(struct conn *, char *);
void		 conn_no_end(struct conn *);
int		 conn_encoded_flush(struct conn *, int);
ssize_t		 conn_encoded_writev(struct conn *, int, const struct iovec *,
		     int);
void		 conn_init(const struct conn_session *);
void		 conn_start(struct client *, struct conn *, int);
void		 conn_stop(struct client *);
void		 conn_hand_over(struct client *, struct evbuffer *);
void		 conn_free(struct client *);
int		 conn_write_buffer(struct conn *, int, struct evbuffer *,
		     size_t);
void		 conn_read_soon(struct client *);
void		 conn_received(struct client *, char *, ssize_t);
void		 conn_events(struct client *);
void		 conn_flush_later(struct client *);
void		 conn_flush_all(void);
void		 conn_sent(struct client *, ssize_t, size_t);
void		 conn_wire_sent(struct client *, ssize_t);

/* linger.c */
void		 linger_start(struct conn *, int, struct evbuffer *);

#endif
