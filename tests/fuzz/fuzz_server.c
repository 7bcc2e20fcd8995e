/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Fuzz target: the whole server. An in-process chatd (the real libchatd,
 * its real event loop) gets two clients over socket pairs: a watcher that
 * registers and sits in #lobby, and a client whose input is the fuzz
 * data. Invariants, checked after every input:
 *   - no crash, no sanitizer report, nothing leaked (libFuzzer's leak
 *     check; every client, channel and buffer is freed when both go);
 *   - the watcher is still served: its PING is answered;
 *   - once both are gone, no nick, channel or address is left behind.
 */

#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "chatd.h"
#include "conn.h"
#include "log.h"

struct server	srv;

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define PUMP_MAX	2000	/* loop turns before the server counts as stuck */
#define TEARDOWN_MS	10000	/* then ms for clients waiting on the worker */
#define INPUT_MAX	(64 * 1024)

struct peer {
	int		 fd;		/* our end; the server has the other */
	struct client	*c;
	char		 seen[4096];	/* the last output the server sent */
	size_t		 nseen;
};

static void
fuzz_die(const char *what)
{
	fprintf(stderr, "fuzz_server: %s\n", what);
	abort();
}

static void
fuzz_init(void)
{
	struct strlist	 overrides = { 0 };
	char		*cause = NULL;

	/* No flood limits for loopback, so every line is handled now. */
	strlist_add(&overrides, "exempt=127.0.0.1");
	strlist_add(&overrides, "whowas=4");
	strlist_add(&overrides, "log-level=error");
	/* A small history, so that its bound and its reuse are reached. */
	strlist_add(&overrides, "history-memory=64");
	srv.conf = config_create();
	if (config_load(srv.conf, NULL, &overrides, &cause) != 0)
		fuzz_die(cause);
	strlist_clear(&overrides);
	signal(SIGPIPE, SIG_IGN);
	if (log_open("/dev/null") != 0)
		fuzz_die("cannot open /dev/null");
	log_set_level(LOG_ERROR);
	server_init();
	history_configure();
	worker_start();
}

static void
peer_open(struct peer *p)
{
	struct sockaddr_in	sin;
	int			sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		fuzz_die("socketpair");
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	fcntl(sv[1], F_SETFL, O_NONBLOCK);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	p->fd = sv[0];
	p->nseen = 0;
	p->c = client_create(transport_tcp.open(sv[1]), sv[1],
	    (struct sockaddr *)&sin, "127.0.0.1", 40000);
}

/* Read what the server sent p; keep the tail. 1 if anything came. */
static int
peer_drain(struct peer *p)
{
	char	buf[8192];
	ssize_t	n;
	int	any = 0;
	size_t	keep;

	if (p->fd == -1)
		return (0);
	while ((n = read(p->fd, buf, sizeof buf)) > 0) {
		any = 1;
		if ((size_t)n >= sizeof p->seen - 1) {
			memcpy(p->seen, buf + n - (sizeof p->seen - 1),
			    sizeof p->seen - 1);
			p->nseen = sizeof p->seen - 1;
		} else {
			keep = sizeof p->seen - 1 - n;
			if (p->nseen > keep) {
				memmove(p->seen, p->seen + p->nseen - keep,
				    keep);
				p->nseen = keep;
			}
			memcpy(p->seen + p->nseen, buf, n);
			p->nseen += n;
		}
	}
	p->seen[p->nseen] = '\0';
	return (any);
}

/* Write what fits of data to the server; how much was taken. */
static size_t
peer_write(struct peer *p, const uint8_t *data, size_t size)
{
	ssize_t	n;

	if (size == 0)
		return (0);
	n = write(p->fd, data, size);
	return (n > 0 ? (size_t)n : 0);
}

/*
 * Run the loop until the server is quiet: nothing left to write in, and
 * a few turns in a row with nothing coming out.
 */
static void
pump(struct peer *f, const uint8_t *data, size_t size, struct peer *w)
{
	size_t	off = 0;
	int	i, quiet = 0;

	for (i = 0; i < PUMP_MAX && quiet < 3; i++) {
		if (f != NULL && off < size)
			off += peer_write(f, data + off, size - off);
		event_base_loop(srv.base, EVLOOP_NONBLOCK);
		if (peer_drain(w) | (f != NULL ? peer_drain(f) : 0) ||
		    (f != NULL && off < size))
			quiet = 0;
		else
			quiet++;
	}
	if (i == PUMP_MAX)
		fuzz_die("the server never went quiet");
}

static void
peer_close(struct peer *p)
{
	if (p->fd != -1)
		close(p->fd);
	p->fd = -1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 ready;
	static const char hello[] = "CAP REQ :message-tags server-time "
	    "echo-message\r\nNICK watcher\r\nUSER w 0 * :w\r\nCAP END\r\n";
	static const char ping[] = "PING :still-served\r\n";
	struct peer	 w, f;
	int		 i;

	if (size > INPUT_MAX)
		return (0);
	if (!ready) {
		fuzz_init();
		ready = 1;
	}

	peer_open(&w);
	pump(&w, (const uint8_t *)hello, sizeof hello - 1, &w);
	if (strstr(w.seen, " 366 watcher #lobby ") == NULL)
		fuzz_die("the watcher did not register");

	peer_open(&f);
	pump(&f, data, size, &w);
	if (getenv("FUZZ_SERVER_DUMP") != NULL)
		fprintf(stderr, "--- the client saw:\n%s--- the watcher saw:\n%s",
		    f.seen, w.seen);

	/* Whatever f did, the watcher is answered. */
	pump(&w, (const uint8_t *)ping, sizeof ping - 1, &w);
	if (strstr(w.seen, "PONG ") == NULL ||
	    strstr(w.seen, ":still-served\r\n") == NULL)
		fuzz_die("the watcher was not served");

	/*
	 * Both leave; everything they held must go with them. A client
	 * waiting on the worker (OPER's hash, on a busy machine) reads its
	 * end only once the job is back: wait for it, in time, not turns.
	 */
	peer_close(&f);
	peer_close(&w);
	for (i = 0; srv.nclients != 0 && i < PUMP_MAX + TEARDOWN_MS; i++) {
		event_base_loop(srv.base, EVLOOP_NONBLOCK);
		if (i >= PUMP_MAX)
			usleep(1000);
	}
	if (srv.nclients != 0 || srv.nregistered != 0)
		fuzz_die("a client outlived its connection");
	if (srv.nicks.count != 0 || srv.channels.count != 0 ||
	    srv.addrs.count != 0)
		fuzz_die("a nick, channel or address outlived its users");
	if (srv.nopers != 0 || srv.ninvisible != 0)
		fuzz_die("user counts are off");
	return (0);
}
