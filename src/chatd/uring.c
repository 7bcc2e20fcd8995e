/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The turn's writes in one system call. A loop turn ends with a write to
 * every client that was sent something; on a busy server that is hundreds
 * of writes, and on a virtual machine the entry into the kernel costs as
 * much as the loopback send itself. With io_uring (Linux 5.1 and later)
 * the writes are queued as sendmsg requests and handed over together; each
 * is tried at once and, being MSG_DONTWAIT, completes at once, with what
 * the socket took or EAGAIN, so a full socket never leaves a request
 * behind and the rest goes to the client's backlog as with writev. Where
 * io_uring is missing or refused (old kernel, seccomp, io_uring_disabled),
 * or the io-uring option is off, conn.c writes with writev.
 *
 * A lone request (an idle client's line, then its answer, each handed
 * over by itself) is done with a plain recv or sendmsg instead: one
 * io_uring_enter for one request is one system call either way, and more
 * work in the kernel (an idle-woken PING turn cost 69 us of the loop's CPU
 * through the ring, 52 us with io-uring off, which makes these same two
 * calls). Two or more go on the ring: a direct path for up to four made
 * pm 200 500 cost more a delivery. So requests are only noted as they
 * come, and put on the ring, or done at once, when the turn's are handed
 * over.
 */

#include "config.h"

#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <errno.h>
#include <string.h>

#include <event2/event.h>

#include "chatd.h"
#include "conn.h"

#ifdef HAVE_LIBURING
#include "ring.h"

/* Requests handed over in one go; more are sent in several. */
#define URING_ENTRIES	1024
/*
 * Reads in one go, and the bytes each may bring (a page: a client with more
 * is read again next turn). 64 reads is one system call where there were
 * 64; more in one go would save little and keep more memory.
 */
#define URING_READS	64
#define URING_READ_SIZE	4096
/* A completion's tag: which kind, and the index. */
#define URING_READ_TAG	(1ULL << 63)
/* Requests at most that are made with plain system calls. */
#define URING_DIRECT	1

struct uring_send {
	struct client	*client;
	int		 fd;
	size_t		 want;
	int		 kind;		/* URING_PIECES, _BACKLOG, _WIRE */
	struct msghdr	 mh;
};

static struct io_uring		uring;
static int			uring_ok;
static struct uring_send	uring_sends[URING_ENTRIES];
static unsigned int		uring_nsends;
static struct client		*uring_readers[URING_READS];
static int			uring_rfd[URING_READS];
static size_t			uring_rlen[URING_READS];
static char			uring_rbuf[URING_READS][URING_READ_SIZE]
				    __attribute__((aligned(URING_READ_SIZE)));
static unsigned int		uring_nreads;

/*
 * Set the ring up, if the io-uring option wants it (at start and at each
 * reload); without it, writes go one by one.
 */
void
uring_init(void)
{
	int	error;

	if (uring_ok || !srv.conf->io_uring)
		return;
	error = io_uring_queue_init(URING_ENTRIES, &uring, 0);
	if (error != 0) {
		log_info("event=io-uring result=unavailable error=%s",
		    log_q(strerror(-error)));
		return;
	}
	uring_ok = 1;
	log_info("event=io-uring result=ok entries=%d", URING_ENTRIES);
}

void
uring_free(void)
{
	if (uring_ok)
		io_uring_queue_exit(&uring);
	uring_ok = 0;
}

/*
 * Queue a sendmsg of c's pieces (at most CONN_WRITE_IOV, all in this
 * turn's arenas), of the start of c's backlog, or of its transport's wire
 * buffer (kind; nothing touches them until uring_complete()); 0 if c must
 * be written the other way.
 */
int
uring_send(struct client *c, const struct iovec *iov, int niov, size_t want,
    int kind)
{
	struct uring_send	*s;
	struct iovec		*v;

	if (!uring_ok || !srv.conf->io_uring)
		return (0);
	if (uring_nsends + uring_nreads == URING_ENTRIES)
		uring_complete();
	/* The iovecs must last until the request completes. */
	v = output_scratch(niov * sizeof *v);
	memcpy(v, iov, niov * sizeof *v);
	s = &uring_sends[uring_nsends++];
	s->client = c;
	s->fd = event_get_fd(c->ev);
	s->want = want;
	s->kind = kind;
	memset(&s->mh, 0, sizeof s->mh);
	s->mh.msg_iov = v;
	s->mh.msg_iovlen = niov;
	return (1);
}

/*
 * Queue a read of at most room bytes for c, a client whose socket has
 * input, to be done with the turn's others (srv.reader); 0 if c must be
 * read the other way.
 */
int
uring_recv(struct client *c, size_t room)
{
	if (!uring_ok || !srv.conf->io_uring)
		return (0);
	if (uring_nreads == URING_READS ||
	    uring_nsends + uring_nreads == URING_ENTRIES)
		uring_complete();
	uring_rfd[uring_nreads] = event_get_fd(c->ev);
	uring_rlen[uring_nreads] = room < URING_READ_SIZE ? room :
	    URING_READ_SIZE;
	uring_readers[uring_nreads++] = c;
	c->flags |= CLIENT_READQ;
	if (uring_nreads == 1)
		event_active(srv.reader, EV_TIMEOUT, 0);
	return (1);
}

/*
 * Give the read buffers' pages back (once a second, like the heap's free
 * memory): a burst of readers leaves them touched, an idle server needs
 * none. Only between turns, when no read is queued.
 */
void
uring_trim(void)
{
	if (uring_ok && uring_nreads == 0)
		madvise(uring_rbuf, sizeof uring_rbuf, MADV_DONTNEED);
}

/* A client going away while its read is queued: drop the read's result. */
void
uring_forget(struct client *c)
{
	unsigned int	i;

	for (i = 0; i < uring_nreads; i++) {
		if (uring_readers[i] == c)
			uring_readers[i] = NULL;
	}
}

/* One request done: a send is told at once, a read's result is kept. */
static void
uring_done(uint64_t tag, int res, void *arg)
{
	int			*results = arg;
	struct uring_send	*s;

	if (tag & URING_READ_TAG)
		results[tag & ~URING_READ_TAG] = res;
	else {
		s = &uring_sends[tag];
		if (s->kind == URING_WIRE)
			conn_wire_sent(s->client, res);
		else
			conn_sent(s->client, res, s->want);
	}
}

/* The requests noted, on the ring, tagged by kind and index. */
static void
uring_prepare(void)
{
	struct io_uring_sqe	*sqe;
	unsigned int		 i;

	for (i = 0; i < uring_nsends; i++) {
		sqe = io_uring_get_sqe(&uring);
		io_uring_prep_sendmsg(sqe, uring_sends[i].fd,
		    &uring_sends[i].mh, MSG_DONTWAIT | MSG_NOSIGNAL);
		io_uring_sqe_set_data64(sqe, i);
	}
	for (i = 0; i < uring_nreads; i++) {
		sqe = io_uring_get_sqe(&uring);
		io_uring_prep_recv(sqe, uring_rfd[i], uring_rbuf[i],
		    uring_rlen[i], MSG_DONTWAIT);
		io_uring_sqe_set_data64(sqe, URING_READ_TAG | i);
	}
}

/* A few requests, done now with plain calls, told as the ring tells. */
static void
uring_direct(int *results)
{
	unsigned int	i;
	ssize_t		n;

	for (i = 0; i < uring_nsends; i++) {
		do
			n = sendmsg(uring_sends[i].fd, &uring_sends[i].mh,
			    MSG_DONTWAIT | MSG_NOSIGNAL);
		while (n == -1 && errno == EINTR);
		uring_done(i, n == -1 ? -errno : (int)n, results);
	}
	for (i = 0; i < uring_nreads; i++) {
		do
			n = recv(uring_rfd[i], uring_rbuf[i], uring_rlen[i],
			    MSG_DONTWAIT);
		while (n == -1 && errno == EINTR);
		results[i] = n == -1 ? -errno : (int)n;
	}
}

/*
 * Hand the queued requests over; tell each client what it wrote, then
 * give each what it read, in the order the reads were queued. A client
 * freed meanwhile (at shutdown) was taken off the list by uring_forget().
 */
void
uring_complete(void)
{
	static int	 results[URING_READS];
	struct client	*c;
	unsigned int	 i;
	int		 error;

	if (uring_nsends + uring_nreads == 0)
		return;
	if (uring_nsends + uring_nreads <= URING_DIRECT)
		uring_direct(results);
	else {
		uring_prepare();
		error = ring_submit_all(&uring, uring_nsends + uring_nreads,
		    uring_done, results);
		if (error != 0)
			fatalx("io_uring: %s", strerror(-error));
	}
	uring_nsends = 0;
	for (i = 0; i < uring_nreads; i++) {
		if ((c = uring_readers[i]) == NULL)
			continue;
		uring_readers[i] = NULL;
		c->flags &= ~CLIENT_READQ;
		conn_received(c, uring_rbuf[i], results[i]);
	}
	uring_nreads = 0;
}
#else
void
uring_init(void)
{
	if (srv.conf->io_uring)
		log_info("event=io-uring result=unavailable error=\"built without "
	    "liburing\"");
}

void
uring_free(void)
{
}

int
uring_send(struct client *c, const struct iovec *iov, int niov, size_t want,
    int kind)
{
	return (0);
}

int
uring_recv(struct client *c, size_t room)
{
	return (0);
}

void
uring_forget(struct client *c)
{
}

void
uring_trim(void)
{
}

void
uring_complete(void)
{
}
#endif
