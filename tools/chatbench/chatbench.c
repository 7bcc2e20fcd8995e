/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * chatbench: a load generator for any IRC server on 127.0.0.1. One thread,
 * one libevent loop, many clients. Each scenario prints one line
 *
 *	RESULT scenario=NAME key=value ...
 *
 * and, given the server's pid (--pid), its CPU time (the schedstat of each
 * of its threads in /proc/PID/task, in nanoseconds) and memory (VmRSS)
 * around the measured part, so figures stay meaningful on a busy machine.
 *
 *	chatbench [--port P] [--pid PID] [--window W] [--inflight K]
 *	    [--size BYTES] [--timeout S] [--sasl NAME:PASSWORD]
 *	    [--storm RATE] [--rate RATE] [--tls] SCENARIO ARGS...
 *
 * With --tls, every client speaks TLS (OpenSSL, the server's certificate
 * not checked, no session resumption: each registration is a full
 * handshake), and reads go one by one, not through io_uring.
 * With --sasl, every client logs in with SASL PLAIN as it registers.
 * With --rate (fanout, pm), the senders together send RATE messages a
 * second, paced each millisecond (the window still bounds each sender),
 * so that servers are compared at the same load, not each at its most.
 * With --storm (fanout), RATE clients a second connect beside the
 * measured ones, log in with --sasl's account (its password hashed each
 * time) and leave: what a storm of logins costs everyone else's messages.
 *
 *	conns N		register N clients, each joining one channel of 100;
 *			registrations/s, server CPU per registration, memory
 *			per idle client
 *	login N [R]	register N clients, no channel, R a second (all
 *			at once without R): server CPU per registration, all
 *			of it and the loop's own (its main thread), and the
 *			logins made (with --sasl)
 *	fanout N S M	N members; S of them send M messages each, at most W
 *			not yet delivered to everyone; rate, latency, lost
 *	pm P M		P pairs, each sending M private messages
 *			(fanout and pm: one window from every sender goes
 *			first, delivered and not counted, as a warm-up)
 *	churn N R [T]	N idle members watch R clients a second come, join,
 *			speak and quit, for T seconds (10); all seen?
 *	join N		N registered clients join one channel at once
 *	hold N SECS	keep N idle clients connected (to measure another
 *			scenario beside them)
 *	ui N		for tools/uibench: N members join the channel
 *			(--channel, #ui), the first of them the feeder; then
 *			commands on standard input, one a line, each answered
 *			with a line once done:
 *			  burst COUNT PID  COUNT messages, as fast as the
 *			                   client PID reads them (its socket
 *			                   backlog kept under 256 KiB)
 *			  steady RATE SECS RATE messages a second
 *			  churn RATE       clients join and part RATE times a
 *			                   second each, until the next run of
 *			                   messages ends
 *			  quit
 *			each run of messages ends with one saying END-n-END;
 *			member nicks are PREFIXn (--nick-prefix, m)
 *	soak N R C SECS	N members in channels of 50 send R messages a second
 *			between them while C clients a second come, join,
 *			speak and quit, for SECS seconds; a SAMPLE line every
 *			10 s (server RSS, open fds, CPU per message) and at
 *			the end lost messages and whether RSS and fds stayed
 *			flat (exit 1 if not)
 */

#include "config.h"

#include <sys/resource.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#ifdef HAVE_OPENSSL
#include <openssl/err.h>
#include <openssl/ssl.h>
#endif

#include "chatlimits.h"
#include "linebuf.h"
#include "msg.h"
#include "scram.h"
#include "ring.h"

#ifdef HAVE_LIBURING

/*
 * With io_uring, the reads of a loop turn go to the kernel together, as in
 * chatd (uring.c): in the window-1 run chatbench reads 500 sockets for every
 * message and was the slower side.
 */
#define RING_READS	256
#define RING_READ_SIZE	16384
static struct io_uring	 ring;
static int		 ring_ok;
static struct bclient	*ring_readers[RING_READS];
static char		 ring_buf[RING_READS][RING_READ_SIZE];
static int		 ring_nreads;
static struct event	*ring_ev;
#endif

#define CHANNEL		channel

enum bstate {
	B_CONNECTING,
	B_REGISTERING,
	B_REGISTERED,
	B_JOINING,
	B_JOINED,
	B_QUITTING,
	B_GONE
};

/*
 * A client: its socket and one event, reading always and writing only
 * while the socket is full (a bufferevent's FIONREAD and buffer
 * allocations per read made chatbench, not the server, the bottleneck).
 * Lines are handled where they are read; only a partial line is kept.
 * What a client sends in a loop turn goes out in one write at its end.
 */
struct bclient {
	int			 id;
	enum bstate		 state;
	int			 fd;		/* -1 when gone */
	struct event		*ev;
	struct evbuffer		*out;		/* output waiting, or NULL */
	int			 queued;	/* on the flush list */
	int			 full;		/* watching for room */
	int			 reading;	/* a read queued in the ring */
	char			*in;		/* a partial line, or NULL */
	size_t			 inlen;
	char			 nick[16];
	int			 churner;	/* a churn client, not a watcher */
	int			 stormer;	/* a --storm login */
	int			 skipping;
	uint64_t		 join_sent;	/* ns, churn join latency */
	void			*ssl;		/* --tls: an SSL * */
	int			 tls_up;	/* its handshake is done */
};

/* One sender's progress in fanout and pm. */
struct sender {
	int		 client;
	int		 to;		/* pm: the receiving client */
	int		 next;		/* next sequence number to send */
	int		 inflight;
	int		 queued;	/* on the fill list */
	double		 tokens;	/* --rate: messages it may send now */
	uint32_t	*delivered;	/* per sequence number */
};

static struct event_base	*base;
static struct bclient		*clients;
static int			 nclients;
static int			 port = 6667;
static pid_t			 server_pid;
static int			 window = 16;
static int			 inflight_max = 8;
static int			 msg_size = 100;
static int			 send_rate;	/* --rate; 0: at once */
static struct event		*rate_ev;
static uint64_t			 rate_last;
static int			 timeout_s = 120;
static int			 chansize;	/* conns: members a channel */
static const char		*nick_prefix = "b";
static const char		*nick_prefix_opt;	/* --nick-prefix */
static const char		*channel = "#bench";
static const char		*scenario;

/* Registration and joining. */
static int	 want_join;
static int	 started, registered, joined, failed;
static void	(*on_joined)(struct bclient *);
static void	(*on_line)(struct bclient *, struct msg *);

/* fanout and pm. */
static struct sender	*senders;
static int		 nsenders, nmessages, receivers_per_msg;
static uint64_t		 deliveries, expected, complete;
static uint32_t		*lat_us;
static uint64_t		 nlat, lat_cap;

/* churn. */
static int	 churn_rate, churn_secs, churn_started;
static int	 churn_part;	/* churners part instead of speaking */
static int	 nwatchers;
static uint64_t	 churn_seen_join, churn_seen_msg, churn_seen_quit;
static struct event *churn_ev;

/* soak. */
#define SOAK_CHANSIZE	50
#define SOAK_TICK_MS	10
#define SOAK_SAMPLE_S	10
static int	 soak_members, soak_nchan, soak_rate, soak_churn;
static int	 soak_stopping, soak_next;
static uint32_t	*soak_seq;	/* per member: messages sent */
static uint32_t	*soak_expect;	/* per member and channel slot: next seq */
static uint64_t	 soak_sent, soak_delivered, soak_lost, soak_t0;
static long	 soak_rss_warm = -1;	/* at the first sample */

/* SASL: the PLAIN message of --sasl, in base64; the --storm. */
static char	 sasl_b64[1024];
static int	 storm_rate;
static int	 nstorm, storm_first;
static uint64_t	 storm_logins, storm_failed;
static uint64_t	 logins, login_failed;
static struct event *storm_ev;
static int	 pace_rate;	/* login: registrations a second, or 0 */
static struct event *pace_ev;
#define STORM_SLOTS	256
#define STORM_TICK_MS	10

static struct event *timeout_ev;
static int	 finished;

/* --tls: the clients' context. */
static int	 use_tls;
#ifdef HAVE_OPENSSL
static SSL_CTX	*tls_ctx;
#endif

static void	die(const char *, ...) __attribute__((format(printf, 1, 2),
		    noreturn));
static uint64_t	now_ns(void);
static void	client_start(int);
static void	client_send(struct bclient *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	io_cb(evutil_socket_t, short, void *);
static void	client_received(struct bclient *, char *, ssize_t);
static void	client_lost(struct bclient *, const char *);
static void	client_lines(struct bclient *, const char *, size_t);
static void	start_more(void);
static void	sender_fill(struct sender *);

static void
die(const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "chatbench: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static uint64_t
now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec);
}

/*
 * The first number in /proc/PID/FILE that fmt (one %llu) matches on a line,
 * or 0 without --pid.
 */
static uint64_t
server_proc(const char *file, const char *fmt)
{
	char			path[64], line[256];
	FILE			*f;
	unsigned long long	n = 0;

	if (server_pid == 0)
		return (0);
	snprintf(path, sizeof path, "/proc/%d/%s", (int)server_pid, file);
	if ((f = fopen(path, "r")) == NULL)
		return (0);
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, fmt, &n) == 1)
			break;
	}
	fclose(f);
	return (n);
}

/*
 * The server's CPU time so far, in ns: every thread's (a helper thread, or
 * io_uring's workers, would not show in the process's own schedstat).
 */
static uint64_t
server_cpu_ns(void)
{
	char		 file[64];
	DIR		*d;
	struct dirent	*de;
	uint64_t	 ns = 0;

	if (server_pid == 0)
		return (0);
	snprintf(file, sizeof file, "/proc/%d/task", (int)server_pid);
	if ((d = opendir(file)) == NULL)
		return (server_proc("schedstat", "%llu"));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(file, sizeof file, "task/%.16s/schedstat", de->d_name);
		ns += server_proc(file, "%llu");
	}
	closedir(d);
	return (ns);
}

/* The CPU time of the server's main thread (its loop) so far, in ns. */
static uint64_t
server_loop_cpu_ns(void)
{
	char	file[64];

	if (server_pid == 0)
		return (0);
	snprintf(file, sizeof file, "task/%d/schedstat", (int)server_pid);
	return (server_proc(file, "%llu"));
}

/* The server's write system calls so far. */
static uint64_t
server_writes(void)
{
	return (server_proc("io", "syscw: %llu"));
}

/* The server's resident memory in KiB. */
static long
server_rss_kb(void)
{
	return ((long)server_proc("status", "VmRSS: %llu kB"));
}

/* The server's open file descriptors, or -1 without --pid. */
static long
server_fds(void)
{
	char		 path[64];
	DIR		*d;
	struct dirent	*de;
	long		 n = 0;

	if (server_pid == 0)
		return (-1);
	snprintf(path, sizeof path, "/proc/%d/fd", (int)server_pid);
	if ((d = opendir(path)) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	return (n);
}

/*
 * Clients with output this loop turn, and senders with room in their
 * window, handled by flush_cb at its end.
 */
static struct bclient	**flushq;
static int		  nflushq;
static struct sender	**fillq;
static int		  nfillq;
static struct event	 *flush_ev;

#ifdef HAVE_OPENSSL
static void
tls_init(void)
{
	if ((tls_ctx = SSL_CTX_new(TLS_client_method())) == NULL)
		die("SSL_CTX_new failed");
	SSL_CTX_set_mode(tls_ctx, SSL_MODE_ENABLE_PARTIAL_WRITE |
	    SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	SSL_CTX_set_session_cache_mode(tls_ctx, SSL_SESS_CACHE_OFF);
	SSL_CTX_set_options(tls_ctx, SSL_OP_NO_TICKET);
}

static void
tls_new(struct bclient *c)
{
	SSL	*ssl;

	if ((ssl = SSL_new(tls_ctx)) == NULL || SSL_set_fd(ssl, c->fd) != 1)
		die("SSL_new failed");
	SSL_set_connect_state(ssl);
	c->ssl = ssl;
	c->tls_up = 0;
}

static void
tls_free(struct bclient *c)
{
	SSL_free(c->ssl);
	c->ssl = NULL;
}

/* What a failed SSL call means: -EAGAIN, 0 at the end, or -errno. */
static ssize_t
tls_result(struct bclient *c, int r)
{
	switch (SSL_get_error(c->ssl, r)) {
	case SSL_ERROR_WANT_READ:
	case SSL_ERROR_WANT_WRITE:
		return (-EAGAIN);
	case SSL_ERROR_ZERO_RETURN:
		return (0);
	case SSL_ERROR_SYSCALL:
		return (errno != 0 ? -errno : 0);
	default:
		ERR_clear_error();
		return (-EPROTO);
	}
}

/* The handshake as far as it goes: 1 when done, else as tls_result(). */
static ssize_t
tls_handshake(struct bclient *c)
{
	int	r;

	if (c->tls_up)
		return (1);
	errno = 0;
	if ((r = SSL_do_handshake(c->ssl)) != 1)
		return (tls_result(c, r));
	c->tls_up = 1;
	return (1);
}

/* Read into buf: bytes, 0 at the end, or -errno. */
static ssize_t
tls_read(struct bclient *c, char *buf, size_t len)
{
	size_t	n;
	ssize_t	r;

	if ((r = tls_handshake(c)) != 1)
		return (r);
	errno = 0;
	if (SSL_read_ex(c->ssl, buf, len, &n) == 1)
		return ((ssize_t)n);
	return (tls_result(c, 0));
}

static int
tls_pending(struct bclient *c)
{
	return (SSL_pending(c->ssl) > 0);
}

/* A handshake waiting for the server's bytes: no use watching for room. */
static int
tls_waiting(struct bclient *c)
{
	return (c->ssl != NULL && !c->tls_up && SSL_want_read(c->ssl));
}

/* Write what c->out holds as far as it goes; -1 with errno on failure. */
static int
tls_write(struct bclient *c)
{
	struct evbuffer_iovec	 v;
	size_t			 n;
	ssize_t			 r;

	if ((r = tls_handshake(c)) != 1) {
		errno = r == -EAGAIN ? EAGAIN : r == 0 ? EPIPE : (int)-r;
		return (-1);
	}
	while (evbuffer_get_length(c->out) != 0) {
		evbuffer_peek(c->out, -1, NULL, &v, 1);
		errno = 0;
		if (SSL_write_ex(c->ssl, v.iov_base, v.iov_len, &n) != 1) {
			r = tls_result(c, 0);
			errno = r == -EAGAIN ? EAGAIN : r == 0 ? EPIPE :
			    (int)-r;
			return (-1);
		}
		evbuffer_drain(c->out, n);
	}
	return (0);
}
#else
static void
tls_init(void)
{
	die("chatbench was built without OpenSSL (--tls)");
}

static void	tls_new(struct bclient *c) {}
static void	tls_free(struct bclient *c) {}
static ssize_t	tls_read(struct bclient *c, char *b, size_t l) { return (0); }
static int	tls_pending(struct bclient *c) { return (0); }
static int	tls_waiting(struct bclient *c) { return (0); }
static int	tls_write(struct bclient *c) { return (-1); }
#endif

/* Watch c's socket for input, and for room too while it is full. */
static void
client_watch(struct bclient *c)
{
	short	what = EV_READ | EV_PERSIST;

	if (c->full)
		what |= EV_WRITE;
	if (c->ev != NULL) {
		if (event_get_events(c->ev) == what)
			return;
		event_del(c->ev);
		event_assign(c->ev, base, c->fd, what, io_cb, c);
	} else if ((c->ev = event_new(base, c->fd, what, io_cb, c)) == NULL)
		die("event_new failed");
	event_add(c->ev, NULL);
}

/*
 * Write what waits; watch for room while some is left (or while the
 * connection is still being made).
 */
static void
client_flush(struct bclient *c)
{
	/* (evbuffer_write() of nothing returns -1.) */
	if (evbuffer_get_length(c->out) != 0 &&
	    (c->ssl != NULL ? tls_write(c) : evbuffer_write(c->out,
	    c->fd)) == -1 && errno != EAGAIN &&
	    errno != EINTR && errno != ENOTCONN) {
		client_lost(c, strerror(errno));
		return;
	}
	c->full = evbuffer_get_length(c->out) != 0 && !tls_waiting(c);
	client_watch(c);
}

/*
 * At the end of a loop turn: the senders whose window opened send now, so
 * that a message's time is when it is written; then every client's output
 * goes, one write each.
 */
static void
flush_cb(evutil_socket_t fd, short what, void *arg)
{
	struct bclient	*c;
	int		 i;

	for (i = 0; i < nfillq; i++) {
		fillq[i]->queued = 0;
		sender_fill(fillq[i]);
	}
	nfillq = 0;
	for (i = 0; i < nflushq; i++) {
		c = flushq[i];
		c->queued = 0;
		if (c->fd != -1 && !c->full)
			client_flush(c);
	}
	nflushq = 0;
}

/* Have flush_cb run at the end of this loop turn. */
static void
flush_later(void)
{
	if (nflushq == 0 && nfillq == 0)
		event_active(flush_ev, EV_TIMEOUT, 0);
}

/* Queue a line, for the write at the end of this loop turn. */
static void
client_send(struct bclient *c, const char *fmt, ...)
{
	va_list	ap;

	if (c->fd == -1)
		return;
	if (c->out == NULL && (c->out = evbuffer_new()) == NULL)
		die("evbuffer_new failed");
	va_start(ap, fmt);
	evbuffer_add_vprintf(c->out, fmt, ap);
	va_end(ap);
	if (c->queued || c->full)
		return;
	flush_later();
	c->queued = 1;
	flushq[nflushq++] = c;
}

#ifdef HAVE_LIBURING
static void
ring_done(uint64_t tag, int res, void *arg)
{
	int	*results = arg;

	results[tag] = res;
}

/* Hand the queued reads over, then handle each client's, in order. */
static void
ring_complete(void)
{
	static int	 results[RING_READS];
	struct bclient	*c;
	int		 i, error;

	if (ring_nreads == 0)
		return;
	if ((error = ring_submit_all(&ring, ring_nreads, ring_done,
	    results)) != 0)
		die("io_uring: %s", strerror(-error));
	for (i = 0; i < ring_nreads; i++) {
		if ((c = ring_readers[i]) == NULL)
			continue;
		ring_readers[i] = NULL;
		c->reading = 0;
		client_received(c, ring_buf[i], results[i]);
	}
	ring_nreads = 0;
}

static void
ring_cb(evutil_socket_t fd, short what, void *arg)
{
	ring_complete();
}

/* Queue a read of c for the turn's reader; 0 to read at once instead. */
static int
ring_recv(struct bclient *c)
{
	struct io_uring_sqe	*sqe;

	if (!ring_ok)
		return (0);
	if (ring_nreads == RING_READS)
		ring_complete();
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_recv(sqe, c->fd, ring_buf[ring_nreads], RING_READ_SIZE,
	    MSG_DONTWAIT);
	io_uring_sqe_set_data64(sqe, ring_nreads);
	ring_readers[ring_nreads++] = c;
	c->reading = 1;
	if (ring_nreads == 1)
		event_active(ring_ev, EV_TIMEOUT, 0);
	return (1);
}

/*
 * c closes with a read queued: the read is done now (so it cannot meet a
 * new socket given the same number) and its result dropped.
 */
static void
ring_forget(struct bclient *c)
{
	int	i;

	io_uring_submit(&ring);
	for (i = 0; i < ring_nreads; i++) {
		if (ring_readers[i] == c)
			ring_readers[i] = NULL;
	}
	c->reading = 0;
}

static void
ring_init(void)
{
	if (io_uring_queue_init(RING_READS, &ring, 0) != 0)
		return;
	/* Touched now, not as page faults in the first measured turns. */
	memset(ring_buf, 0, sizeof ring_buf);
	if ((ring_ev = event_new(base, -1, 0, ring_cb, NULL)) == NULL)
		die("event_new failed");
	ring_ok = 1;
}
#else
static int
ring_recv(struct bclient *c)
{
	return (0);
}

static void
ring_forget(struct bclient *c)
{
}

static void
ring_init(void)
{
}
#endif

/* Close c's socket and free its buffers. */
static void
client_close(struct bclient *c)
{
	if (c->reading)
		ring_forget(c);
	event_free(c->ev);
	c->ev = NULL;
	if (c->ssl != NULL)
		tls_free(c);
	close(c->fd);
	c->fd = -1;
	if (c->out != NULL)
		evbuffer_free(c->out);
	c->out = NULL;
	free(c->in);
	c->in = NULL;
	c->inlen = 0;
	c->full = 0;
}

/* Open connection i and start registering it. */
static void
client_start(int i)
{
	struct bclient		*c = &clients[i];
	struct sockaddr_in	 sin;
	int			 one = 1;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	c->id = i;
	c->state = B_CONNECTING;
	snprintf(c->nick, sizeof c->nick, "%s%d", c->stormer ? "s" :
	    c->churner ? "c" : nick_prefix, i);
	if ((c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)) == -1)
		die("socket: %s", strerror(errno));
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(c->fd, (struct sockaddr *)&sin, sizeof sin) == -1 &&
	    errno != EINPROGRESS)
		die("connect: %s", strerror(errno));
	/* Written once the connection is up (the first EV_WRITE). */
	c->full = 1;
	if (use_tls)
		tls_new(c);
	client_watch(c);
	if (*sasl_b64 != '\0')
		client_send(c, "CAP REQ :sasl\r\n");
	client_send(c, "NICK %s\r\nUSER %s 0 * :chatbench\r\n", c->nick,
	    c->nick);
	if (*sasl_b64 != '\0')
		client_send(c, "AUTHENTICATE PLAIN\r\n");
	c->state = B_REGISTERING;
	started++;
}

/* Keep up to inflight_max registrations going until all have started. */
static void
start_more(void)
{
	if (pace_rate > 0)
		return;		/* pace_cb starts them */
	while (started < nclients &&
	    started - registered - failed < inflight_max) {
		if (clients[started].churner) {
			started++;
			continue;
		}
		client_start(started);
	}
}

/* The server closed c, or the socket failed: why, or NULL at the end. */
static void
client_lost(struct bclient *c, const char *error)
{
	enum bstate	state = c->state;

	client_close(c);
	c->state = B_GONE;
	if (state == B_QUITTING)
		return;
	fprintf(stderr, "chatbench: client %d lost (%s) in state %d\n",
	    c->id, error != NULL ? error : "eof", state);
	failed++;
	if (!c->churner)
		start_more();
}

static void
io_cb(evutil_socket_t fd, short what, void *arg)
{
	static char	 buf[65536];
	struct bclient	*c = arg;
	ssize_t		 n;
	int		 error = 0;
	socklen_t	 len = sizeof error;

	if (what & EV_WRITE) {
		if (c->state == B_REGISTERING && getsockopt(fd, SOL_SOCKET,
		    SO_ERROR, &error, &len) == 0 && error != 0) {
			client_lost(c, strerror(error));
			return;
		}
		client_flush(c);
	}
	if (!(what & EV_READ) || c->fd == -1 || c->reading)
		return;
	if (c->ssl != NULL) {
		/* All of it: what OpenSSL holds would get no event. */
		do {
			n = tls_read(c, buf, sizeof buf);
			client_received(c, buf, n);
		} while (n > 0 && c->fd != -1 && tls_pending(c));
		/* A handshake just done: what waits may go. */
		if (c->fd != -1 && c->tls_up && c->out != NULL &&
		    evbuffer_get_length(c->out) != 0)
			client_flush(c);
		return;
	}
	if (ring_recv(c))
		return;
	n = read(fd, buf, sizeof buf);
	client_received(c, buf, n == -1 ? -errno : n);
}

/* What a read of c brought: n bytes at buf, 0 at the end, or -errno. */
static void
client_received(struct bclient *c, char *buf, ssize_t n)
{
	if (c->fd == -1 || n == -EAGAIN || n == -EINTR)
		return;
	if (n <= 0) {
		client_lost(c, n == 0 ? NULL : strerror((int)-n));
		return;
	}
	if (c->inlen == 0) {
		client_lines(c, buf, n);
		return;
	}
	if ((c->in = realloc(c->in, c->inlen + n)) == NULL)
		die("out of memory");
	memcpy(c->in + c->inlen, buf, n);
	c->inlen += n;
	client_lines(c, c->in, c->inlen);
}

static void
handle_registration(struct bclient *c, struct msg *m)
{
	if (strcmp(m->verb, "AUTHENTICATE") == 0 && m->nparams > 0 &&
	    strcmp(m->params[0], "+") == 0) {
		client_send(c, "AUTHENTICATE %s\r\n", sasl_b64);
		return;
	}
	if (strcmp(m->verb, "903") == 0 || strcmp(m->verb, "904") == 0) {
		if (c->stormer) {
			if (m->verb[2] == '3')
				storm_logins++;
			else
				storm_failed++;
			client_send(c, "QUIT\r\n");
			c->state = B_QUITTING;
			return;
		}
		if (m->verb[2] == '3')
			logins++;
		else
			login_failed++;
		client_send(c, "CAP END\r\n");
		return;
	}
	if (strcmp(m->verb, "001") == 0 && c->state == B_REGISTERING) {
		c->state = B_REGISTERED;
		if (!c->churner) {
			registered++;
			start_more();
		}
		if (want_join || c->churner) {
			c->state = B_JOINING;
			c->join_sent = now_ns();
			if (chansize > 0)
				client_send(c, "JOIN %s%d\r\n", CHANNEL,
				    c->churner && soak_nchan > 0 ?
				    c->id % soak_nchan : c->id / chansize);
			else
				client_send(c, "JOIN %s\r\n", CHANNEL);
		} else if (on_joined != NULL)
			on_joined(c);
		return;
	}
	if (strcmp(m->verb, "366") == 0 && c->state == B_JOINING) {
		c->state = B_JOINED;
		if (!c->churner)
			joined++;
		if (on_joined != NULL)
			on_joined(c);
		return;
	}
	if (strcmp(m->verb, "433") == 0 || strcmp(m->verb, "432") == 0 ||
	    strcmp(m->verb, "ERROR") == 0) {
		fprintf(stderr, "chatbench: client %d refused: %s %s\n", c->id,
		    m->verb, m->nparams > 0 ? m->params[m->nparams - 1] : "");
	}
}

/* Handle every whole line of data[0..len); keep a partial one. */
static void
client_lines(struct bclient *c, const char *data, size_t len)
{
	static char	 line[LINE_MAX_INPUT + 1];
	const char	*l;
	struct msg	 m;
	size_t		 off = 0, n, used;
	char		*rest;

	while (c->fd != -1) {
		switch (linebuf_next(data + off, len - off, LINE_MAX_INPUT, &l,
		    &n, &used, &c->skipping)) {
		case LINEBUF_NONE:
			/* A partial line: keep it (data may be c->in). */
			off += used;
			rest = NULL;
			if (len - off != 0) {
				if ((rest = malloc(len - off)) == NULL)
					die("out of memory");
				memcpy(rest, data + off, len - off);
			}
			free(c->in);
			c->in = rest;
			c->inlen = len - off;
			return;
		case LINEBUF_LINE:
			off += used;
			break;
		default:
			off += used;
			continue;
		}
		memcpy(line, l, n);
		line[n] = '\0';
		if (msg_parse(&m, line) != 0)
			continue;
		if (strcmp(m.verb, "PING") == 0) {
			client_send(c, "PONG :%s\r\n",
			    m.nparams > 0 ? m.params[0] : "");
			continue;
		}
		if (c->state < B_JOINED || m.verb[0] == '3' ||
		    m.verb[0] == '4' || m.verb[0] == '0')
			handle_registration(c, &m);
		if (on_line != NULL)
			on_line(c, &m);
	}
}

/*
 * Room for n latencies, touched now: growing the array in the measured
 * turns would count the instrument's page faults in the first messages'
 * latency.
 */
static void
lat_reserve(uint64_t n)
{
	if (n <= lat_cap)
		return;
	if ((lat_us = realloc(lat_us, n * sizeof *lat_us)) == NULL)
		die("out of memory");
	memset(lat_us + lat_cap, 0, (n - lat_cap) * sizeof *lat_us);
	lat_cap = n;
}

static void
lat_add(uint64_t sent)
{
	uint64_t	d = (now_ns() - sent) / 1000;

	if (nlat == lat_cap) {
		lat_cap = lat_cap == 0 ? 1 << 20 : lat_cap * 2;
		if ((lat_us = realloc(lat_us, lat_cap * sizeof *lat_us)) == NULL)
			die("out of memory");
	}
	lat_us[nlat++] = d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
}

static int
u32cmp(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x < y ? -1 : x > y);
}

static uint32_t
lat_pct(double p)
{
	uint64_t	i;

	if (nlat == 0)
		return (0);
	i = (uint64_t)(p * (nlat - 1));
	return (lat_us[i]);
}

/* Send the next messages a sender's window allows. */
static void
sender_fill(struct sender *s)
{
	struct bclient	*c = &clients[s->client];
	static char	 pad[LINE_MAX_BODY];
	int		 n, padlen;

	if (pad[0] == '\0')
		memset(pad, 'x', sizeof pad - 1);
	while (s->inflight < window && s->next < nmessages &&
	    (rate_ev == NULL || s->tokens >= 1)) {
		if (rate_ev != NULL)
			s->tokens--;
		n = snprintf(NULL, 0, "B %d %d %" PRIu64 " ",
		    (int)(s - senders), s->next, now_ns());
		padlen = msg_size - n;
		if (padlen < 1)
			padlen = 1;
		if (padlen > (int)sizeof pad - 1)
			padlen = sizeof pad - 1;
		client_send(c, "PRIVMSG %s :B %d %d %" PRIu64 " %.*s\r\n",
		    s->to >= 0 ? clients[s->to].nick : CHANNEL,
		    (int)(s - senders), s->next, now_ns(), padlen, pad);
		s->next++;
		s->inflight++;
	}
}

static void
finish(void)
{
	finished = 1;
	event_base_loopbreak(base);
}

/* A message body "B sender seq time pad" arrived at c. */
static void
fanout_line(struct bclient *c, struct msg *m)
{
	struct sender	*s;
	char		*p, *end;
	long		 si, seq;
	uint64_t	 sent;

	if (strcmp(m->verb, "PRIVMSG") != 0 || m->nparams < 2 ||
	    m->params[1][0] != 'B' || m->params[1][1] != ' ')
		return;
	p = m->params[1] + 2;
	si = strtol(p, &end, 10);
	seq = strtol(end, &end, 10);
	sent = strtoull(end, &end, 10);
	if (si < 0 || si >= nsenders || seq < 0 || seq >= nmessages)
		return;
	s = &senders[si];
	deliveries++;
	lat_add(sent);
	if (++s->delivered[seq] == (uint32_t)receivers_per_msg) {
		complete++;
		s->inflight--;
		if (!s->queued) {
			flush_later();
			s->queued = 1;
			fillq[nfillq++] = s;
		}
		if (complete == (uint64_t)nsenders * nmessages)
			finish();
	}
}

static void
timeout_cb(evutil_socket_t fd, short what, void *arg)
{
	fprintf(stderr, "chatbench: timed out after %d s\n", timeout_s);
	finish();
}

/* --rate: each millisecond, each sender's share of the rate goes. */
static void
rate_cb(evutil_socket_t fd, short what, void *arg)
{
	uint64_t	t = now_ns();
	double		add;
	int		i;

	add = (double)send_rate / nsenders * (t - rate_last) / 1e9;
	rate_last = t;
	for (i = 0; i < nsenders; i++) {
		senders[i].tokens += add;
		if (senders[i].tokens > window)
			senders[i].tokens = window;
		sender_fill(&senders[i]);
	}
}

/* Run the loop until finish() or the timeout. */
static void
run(void)
{
	struct timeval	tv = { timeout_s, 0 };

	finished = 0;
	timeout_ev = evtimer_new(base, timeout_cb, NULL);
	evtimer_add(timeout_ev, &tv);
	event_base_dispatch(base);
	event_free(timeout_ev);
}

static void
joined_cb(struct bclient *c)
{
	if (joined + (want_join ? 0 : registered) >= nclients - failed &&
	    started == nclients)
		finish();
}

static void
registered_only_cb(struct bclient *c)
{
	if (registered >= nclients - failed && started == nclients)
		finish();
}

/*
 * Connect, register and (if join) join n clients, with room for extra more
 * later (callbacks keep pointers into the array: it never moves); returns
 * seconds.
 */
static double
connect_all(int n, int join, int extra)
{
	uint64_t	t0;
	int		i;

	nclients = n;
	clients = calloc(n + extra, sizeof *clients);
	if (clients == NULL)
		die("out of memory");
	for (i = 0; i < n + extra; i++)
		clients[i].fd = -1;
	/* Each client is on the flush list at most once. */
	if ((flushq = calloc(n + extra, sizeof *flushq)) == NULL)
		die("out of memory");
	if ((flush_ev = event_new(base, -1, 0, flush_cb, NULL)) == NULL)
		die("event_new failed");
	want_join = join;
	on_joined = join ? joined_cb : registered_only_cb;
	t0 = now_ns();
	start_more();
	run();
	on_joined = NULL;
	if (failed > 0 || (join ? joined : registered) < n)
		die("only %d of %d clients ready (%d failed)",
		    join ? joined : registered, n, failed);
	return ((now_ns() - t0) / 1e9);
}

static void
scenario_conns(int n)
{
	long		rss0, rss1;
	uint64_t	cpu0, cpu1;
	double		secs;

	/* Channels of 100, as people spread out: one membership each. */
	chansize = 100;
	rss0 = server_rss_kb();
	cpu0 = server_cpu_ns();
	secs = connect_all(n, 1, 0);
	cpu1 = server_cpu_ns();
	/*
	 * Let the server settle (chatd gives free heap back once a second)
	 * before reading its memory.
	 */
	usleep(1500000);
	rss1 = server_rss_kb();
	printf("RESULT scenario=conns n=%d secs=%.3f reg_per_s=%.0f "
	    "cpu_us_per_reg=%.1f rss_before_kb=%ld rss_after_kb=%ld "
	    "bytes_per_conn=%.0f failed=%d\n", n, secs, n / secs,
	    (cpu1 - cpu0) / 1e3 / n, rss0, rss1,
	    (rss1 - rss0) * 1024.0 / n, failed);
}

static void
report_delivery(const char *name, const char *args, uint64_t cpu,
    uint64_t writes, double secs)
{
	char	per_write[32];

	/* Writes through io_uring are not counted in /proc/PID/io: "-". */
	if (writes > 0)
		snprintf(per_write, sizeof per_write, "%.1f",
		    (double)deliveries / writes);
	else
		snprintf(per_write, sizeof per_write, "-");
	qsort(lat_us, nlat, sizeof *lat_us, u32cmp);
	printf("RESULT scenario=%s %s w=%d size=%d deliveries=%" PRIu64
	    " lost=%" PRIu64 " secs=%.3f per_s=%.0f cpu_ns_per_delivery=%.0f "
	    "msgs_per_write=%s p50_us=%u p99_us=%u max_us=%u\n", name, args,
	    window, msg_size, deliveries, expected - deliveries, secs,
	    deliveries / secs, deliveries > 0 ? (double)cpu / deliveries : 0.0,
	    per_write, lat_pct(0.50), lat_pct(0.99),
	    nlat > 0 ? lat_us[nlat - 1] : 0);
}

/*
 * Run the senders and report: first one window from each, delivered and
 * not counted, then m messages each, measured. Without the warm-up the
 * first burst of a run (every sender's whole window at once) measured
 * first-use costs on both sides, page faults and socket buffers growing,
 * and set the p99 of a short run by itself.
 */
static void
deliver(const char *name, const char *args, int m)
{
	uint64_t	cpu0, w0, t0;
	int		i;

	nmessages = m < window ? m : window;
	for (i = 0; i < nsenders; i++)
		sender_fill(&senders[i]);
	run();
	for (i = 0; i < nsenders; i++) {
		senders[i].next = 0;
		senders[i].inflight = 0;
		memset(senders[i].delivered, 0, m * sizeof (uint32_t));
	}
	deliveries = complete = nlat = 0;
	nmessages = m;
	cpu0 = server_cpu_ns();
	w0 = server_writes();
	t0 = now_ns();
	if (send_rate != 0) {
		struct timeval	ms = { 0, 1000 };

		rate_last = t0;
		rate_ev = event_new(base, -1, EV_PERSIST, rate_cb, NULL);
		event_add(rate_ev, &ms);
	}
	for (i = 0; i < nsenders; i++)
		sender_fill(&senders[i]);
	run();
	if (rate_ev != NULL) {
		event_free(rate_ev);
		rate_ev = NULL;
	}
	report_delivery(name, args, server_cpu_ns() - cpu0,
	    server_writes() - w0, (now_ns() - t0) / 1e9);
	if (storm_rate > 0)
		printf("RESULT scenario=storm rate=%d started=%d logins=%"
		    PRIu64 " failed=%" PRIu64 "\n", storm_rate, nstorm,
		    storm_logins, storm_failed);
}

/* The storm: --storm RATE logins a second, in slots past the members. */
static void
storm_tick_cb(evutil_socket_t fd, short what, void *arg)
{
	struct timeval	 tv = { 0, STORM_TICK_MS * 1000 };
	static double	 due;
	struct bclient	*c;
	int		 i;

	due += storm_rate * STORM_TICK_MS / 1000.0;
	for (i = 0; i < STORM_SLOTS && due >= 1; i++) {
		c = &clients[storm_first + (nstorm + i) % STORM_SLOTS];
		if (c->fd != -1)
			continue;
		c->stormer = c->churner = 1;
		free(c->in);
		c->in = NULL;
		c->inlen = 0;
		client_start((int)(c - clients));
		due--;
		nstorm++;
	}
	evtimer_add(storm_ev, &tv);
}

static void
storm_start(int first)
{
	struct timeval	tv = { 0, 0 };

	if (storm_rate == 0)
		return;
	if (*sasl_b64 == '\0')
		die("--storm needs --sasl");
	storm_first = first;
	storm_ev = evtimer_new(base, storm_tick_cb, NULL);
	evtimer_add(storm_ev, &tv);
}

/* login N R: the next client, 1/R s after the last. */
static void
pace_cb(evutil_socket_t fd, short what, void *arg)
{
	struct timeval	tv = { 0, 1000000 / pace_rate };

	if (started < nclients) {
		client_start(started);
		evtimer_add(pace_ev, &tv);
	}
}

static void
scenario_login(int n, int rate)
{
	struct timeval	tv = { 0, 0 };
	uint64_t	cpu0, loop0;
	double		secs;

	pace_rate = rate;
	if (rate > 0) {
		pace_ev = evtimer_new(base, pace_cb, NULL);
		evtimer_add(pace_ev, &tv);
	}
	cpu0 = server_cpu_ns();
	loop0 = server_loop_cpu_ns();
	secs = connect_all(n, 0, 0);
	printf("RESULT scenario=login n=%d rate=%d sasl=%s secs=%.3f "
	    "reg_per_s=%.0f "
	    "cpu_us_per_reg=%.1f loop_us_per_reg=%.1f logins=%" PRIu64
	    " login_failed=%" PRIu64 " failed=%d\n", n, rate,
	    *sasl_b64 != '\0' ? "plain" : "none", secs, n / secs,
	    (server_cpu_ns() - cpu0) / 1e3 / n,
	    (server_loop_cpu_ns() - loop0) / 1e3 / n, logins, login_failed,
	    failed);
}

static void
scenario_fanout(int n, int s, int m)
{
	char		args[64];
	int		i;

	connect_all(n, 1, storm_rate > 0 ? STORM_SLOTS : 0);
	storm_start(n);
	nsenders = s;
	nmessages = m;
	receivers_per_msg = n - 1;
	expected = (uint64_t)s * m * (n - 1);
	lat_reserve(expected);
	senders = calloc(s, sizeof *senders);
	fillq = calloc(s, sizeof *fillq);
	if (senders == NULL || fillq == NULL)
		die("out of memory");
	for (i = 0; i < s; i++) {
		senders[i].client = i;
		senders[i].to = -1;
		senders[i].delivered = calloc(m, sizeof (uint32_t));
	}
	on_line = fanout_line;
	snprintf(args, sizeof args, "n=%d s=%d m=%d", n, s, m);
	deliver("fanout", args, m);
}

static void
scenario_pm(int p, int m)
{
	char		args[64];
	int		i;

	connect_all(2 * p, 0, 0);
	nsenders = p;
	nmessages = m;
	receivers_per_msg = 1;
	expected = (uint64_t)p * m;
	lat_reserve(expected);
	senders = calloc(p, sizeof *senders);
	fillq = calloc(p, sizeof *fillq);
	if (senders == NULL || fillq == NULL)
		die("out of memory");
	for (i = 0; i < p; i++) {
		senders[i].client = 2 * i;
		senders[i].to = 2 * i + 1;
		senders[i].delivered = calloc(m, sizeof (uint32_t));
	}
	on_line = fanout_line;
	snprintf(args, sizeof args, "p=%d m=%d", p, m);
	deliver("pm", args, m);
}

/* A churn client joined: it says one line in the channel and quits. */
static void
churner_line(struct bclient *c, struct msg *m)
{
	if (strcmp(m->verb, "366") == 0 && m->nparams > 1) {
		if (churn_part)
			client_send(c, "PART %s\r\nQUIT :done\r\n",
			    m->params[1]);
		else
			client_send(c, "PRIVMSG %s :C %s\r\nQUIT :done\r\n",
			    m->params[1], c->nick);
		c->state = B_QUITTING;
	}
}

/* A watcher saw a churn client's JOIN, message or QUIT. */
static void
churn_line(struct bclient *c, struct msg *m)
{
	const char	*src = m->source;
	long		 id;

	if (c->churner) {
		churner_line(c, m);
		return;
	}
	if (src == NULL || src[0] != 'c')
		return;
	id = strtol(src + 1, NULL, 10);
	if (id < nwatchers || id >= nclients)
		return;
	if (strcmp(m->verb, "JOIN") == 0) {
		churn_seen_join++;
		lat_add(clients[id].join_sent);
	} else if (strcmp(m->verb, "PRIVMSG") == 0)
		churn_seen_msg++;
	else if (strcmp(m->verb, "QUIT") == 0) {
		churn_seen_quit++;
		if (churn_started == churn_rate * churn_secs &&
		    churn_seen_quit == (uint64_t)nwatchers * churn_started)
			finish();
	}
}

static void
churn_tick_cb(evutil_socket_t fd, short what, void *arg)
{
	struct timeval	tv = { 0, 1000000 / churn_rate };

	if (churn_started < churn_rate * churn_secs) {
		clients[nwatchers + churn_started].churner = 1;
		client_start(nwatchers + churn_started);
		churn_started++;
		evtimer_add(churn_ev, &tv);
	}
}

static void
scenario_churn(int n, int rate, int secs)
{
	struct timeval	tv = { 0, 0 };
	uint64_t	cpu0, t0, want;
	double		elapsed;

	churn_rate = rate;
	churn_secs = secs;
	nwatchers = n;
	connect_all(n, 1, rate * secs);
	nclients = n + rate * secs;
	on_line = churn_line;
	churn_ev = evtimer_new(base, churn_tick_cb, NULL);
	cpu0 = server_cpu_ns();
	t0 = now_ns();
	evtimer_add(churn_ev, &tv);
	run();
	elapsed = (now_ns() - t0) / 1e9;
	want = (uint64_t)n * churn_started;
	qsort(lat_us, nlat, sizeof *lat_us, u32cmp);
	printf("RESULT scenario=churn n=%d rate=%d secs=%d churners=%d "
	    "joins_seen=%" PRIu64 " msgs_seen=%" PRIu64 " quits_seen=%" PRIu64
	    " expected_each=%" PRIu64 " verified=%.1f%% elapsed=%.3f "
	    "cpu_us_per_churner=%.1f join_p50_us=%u join_p99_us=%u\n", n, rate,
	    secs, churn_started, churn_seen_join, churn_seen_msg,
	    churn_seen_quit, want, want == 0 ? 0.0 : 100.0 *
	    (double)(churn_seen_join + churn_seen_msg + churn_seen_quit) /
	    (3.0 * want), elapsed, (server_cpu_ns() - cpu0) / 1e3 /
	    (churn_started > 0 ? churn_started : 1), lat_pct(0.5), lat_pct(0.99));
	event_free(churn_ev);
}

static void
join_all_cb(struct bclient *c)
{
	if (joined == nclients)
		finish();
}

static void
scenario_join(int n)
{
	uint64_t	cpu0, t0;
	double		secs;
	int		i;

	connect_all(n, 0, 0);
	on_joined = join_all_cb;
	cpu0 = server_cpu_ns();
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		clients[i].state = B_JOINING;
		client_send(&clients[i], "JOIN %s\r\n", CHANNEL);
	}
	run();
	secs = (now_ns() - t0) / 1e9;
	printf("RESULT scenario=join n=%d joined=%d secs=%.3f "
	    "cpu_ms=%.1f cpu_us_per_join=%.1f\n", n, joined, secs,
	    (server_cpu_ns() - cpu0) / 1e6, (server_cpu_ns() - cpu0) / 1e3 / n);
	if (joined < n)
		exit(1);
}

static void
hold_done_cb(evutil_socket_t fd, short what, void *arg)
{
	finish();
}

/* Keep N idle clients (channels of 100) connected for secs seconds. */
static void
scenario_hold(int n, int secs)
{
	struct timeval	 tv = { secs, 0 };
	struct event	*ev;

	chansize = 100;
	nick_prefix = "h";
	connect_all(n, 1, 0);
	printf("RESULT scenario=hold n=%d ready=1\n", n);
	fflush(stdout);
	ev = evtimer_new(base, hold_done_cb, NULL);
	evtimer_add(ev, &tv);
	timeout_s = secs + 60;
	run();
	event_free(ev);
}

/*
 * ui: the sender of tools/uibench. The client under test is one more
 * member of the channel; its backlog is what its socket and chatd's socket
 * to it hold, from /proc/net/tcp.
 */
#define UI_BACKLOG	(256 * 1024)
#define UI_CHURN_MAX	20000

static struct event	*ui_ev, *ui_stdin_ev;
static int		 ui_left, ui_rate, ui_end, ui_churn;
static pid_t		 ui_pid;
static uint64_t		 ui_t0, ui_sent, ui_churn_t0;
static int		 ui_churn_done;
static unsigned long	 ui_inode[64];
static int		 ui_ninode;

/* The socket inodes of process pid. */
static void
ui_find_sockets(pid_t pid)
{
	char		 path[320], link[64];
	DIR		*d;
	struct dirent	*de;
	ssize_t		 n;

	ui_ninode = 0;
	snprintf(path, sizeof path, "/proc/%d/fd", (int)pid);
	if ((d = opendir(path)) == NULL)
		die("cannot read %s", path);
	while ((de = readdir(d)) != NULL && ui_ninode < 64) {
		snprintf(path, sizeof path, "/proc/%d/fd/%s", (int)pid,
		    de->d_name);
		if ((n = readlink(path, link, sizeof link - 1)) <= 0)
			continue;
		link[n] = '\0';
		if (sscanf(link, "socket:[%lu]", &ui_inode[ui_ninode]) == 1)
			ui_ninode++;
	}
	closedir(d);
}

/*
 * Bytes on their way to the client: what its socket holds unread, and
 * what chatd's end of the same connection has not sent yet.
 */
static long
ui_backlog(void)
{
	FILE		*f;
	char		 line[512];
	unsigned int	 lport, rport, st;
	unsigned long	 tx, rx, inode;
	unsigned int	 cport[64];
	long		 total = 0;
	int		 i, nc = 0, pass;

	for (pass = 0; pass < 2; pass++) {
		if ((f = fopen("/proc/net/tcp", "r")) == NULL)
			return (0);
		while (fgets(line, sizeof line, f) != NULL) {
			if (sscanf(line, " %*d: %*x:%x %*x:%x %x %lx:%lx %*x:%*x "
			    "%*x %*u %*u %lu", &lport, &rport, &st, &tx, &rx,
			    &inode) != 6)
				continue;
			for (i = 0; pass == 0 && i < ui_ninode; i++) {
				if (inode == ui_inode[i] && nc < 64) {
					cport[nc++] = lport;
					total += rx;
				}
			}
			for (i = 0; pass == 1 && i < nc; i++) {
				if (lport == (unsigned int)port &&
				    rport == cport[i])
					total += tx;
			}
		}
		fclose(f);
	}
	return (total);
}

static void
ui_send_end(void)
{
	client_send(&clients[0], "PRIVMSG %s :END-%d-END\r\n", CHANNEL,
	    ++ui_end);
}

/* Every millisecond: the messages due (steady) or room allows (burst). */
static void
ui_tick_cb(evutil_socket_t fd, short what, void *arg)
{
	static char	 pad[LINE_MAX_BODY];
	struct timeval	 tv = { 0, 1000 };
	int		 n, padlen;

	if (pad[0] == '\0')
		memset(pad, 'x', sizeof pad - 1);
	if (ui_left > 0) {
		if (ui_rate > 0)
			n = (int)(ui_rate * ((now_ns() - ui_t0) / 1e9)) -
			    (int)ui_sent;
		else {
			/* As many as fill the backlog to its bound. */
			n = (int)((UI_BACKLOG - ui_backlog()) / (msg_size + 40));
			if (n < 0)
				n = 0;
		}
		if (n > ui_left)
			n = ui_left;
		for (; n > 0; n--, ui_left--, ui_sent++) {
			padlen = msg_size - 8;
			if (padlen < 1)
				padlen = 1;
			client_send(&clients[0], "PRIVMSG %s :%07d %.*s\r\n",
			    CHANNEL, (int)ui_sent, padlen, pad);
		}
		if (ui_left == 0) {
			/* Churn ends with the run, so the END line stays. */
			ui_churn = 0;
			ui_send_end();
			printf("sent %d\n", ui_end);
		}
	}
	if (ui_churn > 0) {
		n = (int)(ui_churn * ((now_ns() - ui_churn_t0) / 1e9)) -
		    ui_churn_done;
		for (; n > 0 && nclients < UI_CHURN_MAX; n--, ui_churn_done++) {
			clients[nclients].churner = 1;
			client_start(nclients++);
		}
	}
	if (ui_left > 0 || ui_churn > 0)
		evtimer_add(ui_ev, &tv);
}

static void
ui_command(char *line)
{
	struct timeval	tv = { 0, 0 };
	char		cmd[16];
	long		a = 0, b = 0;

	if (sscanf(line, "%15s %ld %ld", cmd, &a, &b) < 1)
		return;
	if (strcmp(cmd, "burst") == 0) {
		ui_pid = (pid_t)b;
		ui_find_sockets(ui_pid);
		ui_left = (int)a;
		ui_rate = 0;
	} else if (strcmp(cmd, "steady") == 0) {
		ui_left = (int)(a * b);
		ui_rate = (int)a;
	} else if (strcmp(cmd, "churn") == 0) {
		ui_churn = (int)a;
		ui_churn_t0 = now_ns();
		ui_churn_done = 0;
		printf("churn %ld\n", a);
	} else if (strcmp(cmd, "quit") == 0) {
		finish();
		return;
	} else {
		printf("unknown command %s\n", cmd);
		return;
	}
	ui_t0 = now_ns();
	ui_sent = 0;
	if (!evtimer_pending(ui_ev, NULL))
		evtimer_add(ui_ev, &tv);
}

static void
ui_stdin_cb(evutil_socket_t fd, short what, void *arg)
{
	static char	 buf[1024];
	static size_t	 len;
	char		*nl;
	ssize_t		 n;

	if ((n = read(fd, buf + len, sizeof buf - 1 - len)) <= 0) {
		finish();
		return;
	}
	len += n;
	buf[len] = '\0';
	while ((nl = strchr(buf, '\n')) != NULL) {
		*nl = '\0';
		ui_command(buf);
		len -= nl + 1 - buf;
		memmove(buf, nl + 1, len + 1);
	}
}

static void
ui_line(struct bclient *c, struct msg *m)
{
	if (c->churner)
		churner_line(c, m);
}

static void
scenario_ui(int n)
{
	churn_part = 1;
	nwatchers = n;
	connect_all(n, 1, UI_CHURN_MAX - n);
	on_line = ui_line;
	ui_ev = evtimer_new(base, ui_tick_cb, NULL);
	ui_stdin_ev = event_new(base, 0, EV_READ | EV_PERSIST, ui_stdin_cb,
	    NULL);
	event_add(ui_stdin_ev, NULL);
	printf("ready %d\n", n);
	timeout_s = 24 * 3600;
	run();
	event_free(ui_ev);
	event_free(ui_stdin_ev);
}

/* Members of member i's channel (the last may be smaller). */
static int
soak_chan_members(int i)
{
	int	first = i / SOAK_CHANSIZE * SOAK_CHANSIZE;

	return (soak_members - first < SOAK_CHANSIZE ? soak_members - first :
	    SOAK_CHANSIZE);
}

/* A member got "S sender seq": count it, and any gap as lost. */
static void
soak_line(struct bclient *c, struct msg *m)
{
	char		*end;
	long		 from, seq;
	uint32_t	*want;

	if (c->churner) {
		churner_line(c, m);
		return;
	}
	if (strcmp(m->verb, "PRIVMSG") != 0 || m->nparams < 2 ||
	    strncmp(m->params[1], "S ", 2) != 0)
		return;
	from = strtol(m->params[1] + 2, &end, 10);
	seq = strtol(end, NULL, 10);
	if (from < 0 || from >= soak_members ||
	    from / SOAK_CHANSIZE != c->id / SOAK_CHANSIZE)
		return;
	want = &soak_expect[(size_t)c->id * SOAK_CHANSIZE +
	    from % SOAK_CHANSIZE];
	if ((uint32_t)seq > *want)
		soak_lost += seq - *want;
	*want = seq + 1;
	soak_delivered++;
}

/* Every delivery owed for what was sent so far. */
static uint64_t
soak_owed(void)
{
	uint64_t	n = 0;
	int		i;

	for (i = 0; i < soak_members; i++)
		n += (uint64_t)soak_seq[i] * (soak_chan_members(i) - 1);
	return (n);
}

/* Churn clients started and not gone yet. */
static int
soak_churners_left(void)
{
	int	i, left = 0;

	for (i = nwatchers; i < nwatchers + churn_started; i++)
		left += clients[i].state != B_GONE;
	return (left);
}

/* Every 10 ms: this tick's share of messages and of churners. */
static void
soak_tick_cb(evutil_socket_t fd, short what, void *arg)
{
	struct timeval	 tv = { 0, SOAK_TICK_MS * 1000 };
	struct bclient	*c;
	double		 secs = (now_ns() - soak_t0) / 1e9;
	int		 i;

	if (soak_stopping) {
		if (soak_delivered >= soak_owed() && soak_churners_left() == 0)
			finish();
		else
			evtimer_add(churn_ev, &tv);
		return;
	}
	/* Keep to the rates by the clock, however late the timer runs. */
	while (soak_sent < (uint64_t)(soak_rate * secs)) {
		i = soak_next++ % soak_members;
		client_send(&clients[i], "PRIVMSG %s%d :S %d %u chatting "
		    "along in the soak test, a line of ordinary length\r\n",
		    CHANNEL, i / SOAK_CHANSIZE, i, soak_seq[i]++);
		soak_sent++;
	}
	while (churn_started < (int)(soak_churn * secs) &&
	    nwatchers + churn_started < nclients) {
		c = &clients[nwatchers + churn_started++];
		c->churner = 1;
		client_start(c - clients);
	}
	evtimer_add(churn_ev, &tv);
}

static void
soak_sample_cb(evutil_socket_t fd, short what, void *arg)
{
	static uint64_t	 cpu0, sent0;
	struct event	*ev = arg;
	struct timeval	 tv = { SOAK_SAMPLE_S, 0 };
	uint64_t	 cpu = server_cpu_ns();

	if (soak_rss_warm == -1)
		soak_rss_warm = server_rss_kb();
	printf("SAMPLE t=%.0f rss_kb=%ld fds=%ld sent=%" PRIu64 " delivered=%"
	    PRIu64 " lost=%" PRIu64 " churners=%d cpu_us_per_msg=%.1f\n",
	    (now_ns() - soak_t0) / 1e9, server_rss_kb(), server_fds(),
	    soak_sent, soak_delivered, soak_lost, churn_started,
	    soak_sent > sent0 ? (cpu - cpu0) / 1e3 / (soak_sent - sent0) : 0.0);
	cpu0 = cpu;
	sent0 = soak_sent;
	if (!soak_stopping)
		evtimer_add(ev, &tv);
}

static void
soak_stop_cb(evutil_socket_t fd, short what, void *arg)
{
	soak_stopping = 1;
}

static int
scenario_soak(int n, int rate, int churn, int secs)
{
	struct timeval	 tv = { 0, 0 }, stv = { SOAK_SAMPLE_S, 0 };
	struct timeval	 etv = { secs, 0 };
	struct event	*sample_ev, *stop_ev;
	long		 rss0, rss1, rss_base, fds0, fds1;
	uint64_t	 cpu0, cpu1;
	int		 flat;

	chansize = SOAK_CHANSIZE;
	nick_prefix = "s";
	soak_members = nwatchers = n;
	soak_nchan = (n + SOAK_CHANSIZE - 1) / SOAK_CHANSIZE;
	soak_rate = rate;
	soak_churn = churn;
	soak_seq = calloc(n, sizeof *soak_seq);
	soak_expect = calloc((size_t)n * SOAK_CHANSIZE, sizeof *soak_expect);
	if (soak_seq == NULL || soak_expect == NULL)
		die("out of memory");
	connect_all(n, 1, churn * secs + 1);
	nclients = n + churn * secs + 1;
	on_line = soak_line;
	rss0 = server_rss_kb();
	fds0 = server_fds();
	cpu0 = server_cpu_ns();
	soak_t0 = now_ns();
	printf("SAMPLE t=0 rss_kb=%ld fds=%ld (all %d members joined)\n",
	    rss0, fds0, n);
	churn_ev = evtimer_new(base, soak_tick_cb, NULL);
	sample_ev = evtimer_new(base, soak_sample_cb, event_self_cbarg());
	stop_ev = evtimer_new(base, soak_stop_cb, NULL);
	evtimer_add(churn_ev, &tv);
	evtimer_add(sample_ev, &stv);
	evtimer_add(stop_ev, &etv);
	timeout_s = secs + 60;
	run();
	cpu1 = server_cpu_ns();
	usleep(1500000);	/* chatd gives free heap back once a second */
	rss1 = server_rss_kb();
	fds1 = server_fds();
	/*
	 * Flat: every descriptor given back, and memory no more than after
	 * the first 10 s of traffic (or the start), give or take 10% or 1 MiB.
	 */
	rss_base = soak_rss_warm > rss0 ? soak_rss_warm : rss0;
	flat = fds1 == fds0 && rss1 <= rss_base + (rss_base / 10 > 1024 ?
	    rss_base / 10 : 1024);
	printf("RESULT scenario=soak n=%d rate=%d churn=%d secs=%d "
	    "sent=%" PRIu64 " delivered=%" PRIu64 " lost=%" PRIu64
	    " gaps=%" PRIu64 " churners=%d rss_start_kb=%ld rss_10s_kb=%ld rss_end_kb=%ld "
	    "fds_start=%ld fds_end=%ld cpu_us_per_msg=%.1f "
	    "cpu_ns_per_delivery=%.0f flat=%s\n", n, rate, churn, secs,
	    soak_sent, soak_delivered, soak_owed() - soak_delivered, soak_lost,
	    churn_started, rss0, soak_rss_warm, rss1, fds0, fds1, soak_sent > 0 ? (cpu1 - cpu0) / 1e3 / soak_sent :
	    0.0, soak_delivered > 0 ? (double)(cpu1 - cpu0) / soak_delivered :
	    0.0, flat ? "yes" : "no");
	event_free(churn_ev);
	event_free(sample_ev);
	event_free(stop_ev);
	return (flat && soak_lost == 0 && soak_delivered == soak_owed() ? 0 :
	    1);
}

static void
usage(void)
{
	fprintf(stderr, "usage: chatbench [--port P] [--pid PID] [--window W] "
	    "[--inflight K] [--size BYTES] [--timeout S] [--channel C]\n"
	    "                 [--nick-prefix P] [--sasl NAME:PASSWORD] "
	    "[--storm RATE] [--rate RATE] [--tls]\n"
	    "                 conns N | fanout N S M | pm P M | churn N R [T] | "
	    "join N | hold N SECS\n"
	    "                 login N [R] | soak N R C SECS | ui N\n");
	exit(2);
}

static int
num(const char *s)
{
	char	*end;
	long	 n = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || n < 0 || n > 10000000)
		usage();
	return ((int)n);
}

/* --sasl NAME:PASSWORD: the PLAIN message, NUL NAME NUL PASSWORD. */
static void
sasl_set(const char *arg)
{
	const char	*colon = strchr(arg, ':');
	uint8_t		 raw[512];
	size_t		 n;

	if (colon == NULL || (size_t)(colon - arg) + strlen(colon) + 2 >
	    sizeof raw)
		usage();
	raw[0] = '\0';
	memcpy(raw + 1, arg, colon - arg);
	n = 1 + (colon - arg);
	raw[n++] = '\0';
	memcpy(raw + n, colon + 1, strlen(colon + 1));
	n += strlen(colon + 1);
	if (scram_b64_encode(sasl_b64, sizeof sasl_b64, raw, n) == 0)
		usage();
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "channel", required_argument, NULL, 'c' },
		{ "inflight", required_argument, NULL, 'k' },
		{ "nick-prefix", required_argument, NULL, 'n' },
		{ "pid", required_argument, NULL, 'P' },
		{ "rate", required_argument, NULL, 'r' },
		{ "port", required_argument, NULL, 'p' },
		{ "sasl", required_argument, NULL, 'S' },
		{ "storm", required_argument, NULL, 'R' },
		{ "size", required_argument, NULL, 's' },
		{ "timeout", required_argument, NULL, 't' },
		{ "tls", no_argument, NULL, 'T' },
		{ "window", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	struct rlimit	rl;
	int		ch;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			channel = optarg;
			break;
		case 'k':
			inflight_max = num(optarg);
			break;
		case 'n':
			nick_prefix_opt = optarg;
			break;
		case 'P':
			server_pid = num(optarg);
			break;
		case 'p':
			port = num(optarg);
			break;
		case 'S':
			sasl_set(optarg);
			break;
		case 'R':
			storm_rate = num(optarg);
			break;
		case 'r':
			send_rate = num(optarg);
			break;
		case 's':
			msg_size = num(optarg);
			break;
		case 't':
			timeout_s = num(optarg);
			break;
		case 'T':
			use_tls = 1;
			break;
		case 'w':
			window = num(optarg);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || window < 1 || inflight_max < 1)
		usage();
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	base = event_base_new();
	if (use_tls)
		tls_init();
	else
		ring_init();
	scenario = argv[0];
	if (strcmp(scenario, "ui") == 0)
		nick_prefix = "m";
	if (nick_prefix_opt != NULL)
		nick_prefix = nick_prefix_opt;
	if (strcmp(scenario, "conns") == 0 && argc == 2)
		scenario_conns(num(argv[1]));
	else if (strcmp(scenario, "login") == 0 && (argc == 2 || argc == 3))
		scenario_login(num(argv[1]), argc == 3 ? num(argv[2]) : 0);
	else if (strcmp(scenario, "fanout") == 0 && argc == 4)
		scenario_fanout(num(argv[1]), num(argv[2]), num(argv[3]));
	else if (strcmp(scenario, "pm") == 0 && argc == 3)
		scenario_pm(num(argv[1]), num(argv[2]));
	else if (strcmp(scenario, "churn") == 0 && (argc == 3 || argc == 4))
		scenario_churn(num(argv[1]), num(argv[2]),
		    argc == 4 ? num(argv[3]) : 10);
	else if (strcmp(scenario, "join") == 0 && argc == 2)
		scenario_join(num(argv[1]));
	else if (strcmp(scenario, "hold") == 0 && argc == 3)
		scenario_hold(num(argv[1]), num(argv[2]));
	else if (strcmp(scenario, "ui") == 0 && argc == 2)
		scenario_ui(num(argv[1]));
	else if (strcmp(scenario, "soak") == 0 && argc == 5)
		return (scenario_soak(num(argv[1]), num(argv[2]), num(argv[3]),
		    num(argv[4])));
	else
		usage();
	return (0);
}
