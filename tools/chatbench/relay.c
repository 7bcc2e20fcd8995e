/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * relay: the send floor, as a server. Just enough IRC for chatbench's
 * fanout scenario (NICK, USER, JOIN, PRIVMSG to a channel, PING, QUIT), and
 * for each message one line formatted once and one send() to every other
 * member as soon as it is read: nothing a real server does (no parsing
 * beyond the verb, no modes, no checks, no output batching). chatbench's window-1
 * latency through it is the floor the "send floor times
 * members/2" means, measured in the same run on the same machine, with the
 * same client and the same two hops.
 *
 *	relay PORT
 *
 * Listens on 127.0.0.1:PORT (0: a free one), says "listening on
 * 127.0.0.1:PORT" on standard output, and runs until killed. Built by
 * make, never installed.
 */

#define _GNU_SOURCE

#include <sys/epoll.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RELAY_LINE	4096
#define RELAY_CLIENTS	20000
#define RELAY_CHANNELS	256

struct rclient {
	int	 fd;			/* -1 when free */
	char	 nick[32];
	int	 user;			/* USER seen */
	int	 welcomed;
	char	 in[RELAY_LINE];	/* a partial line */
	size_t	 inlen;
	char	*out;			/* what a full socket did not take */
	size_t	 outlen;
};

struct rchannel {
	char	 name[64];
	int	*members;		/* fds */
	int	 n, cap;
};

static struct rclient	 clients[RELAY_CLIENTS];
static struct rchannel	 channels[RELAY_CHANNELS];
static int		 nchannels;
static int		 ep;

static void __attribute__((noreturn))
die(const char *what)
{
	fprintf(stderr, "relay: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void
watch(int fd, unsigned int events, int op)
{
	struct epoll_event	e = { .events = events, .data.fd = fd };

	if (epoll_ctl(ep, op, fd, &e) == -1)
		die("epoll_ctl");
}

/* Send len bytes to c: one send(); keep what does not fit. */
static void
put(struct rclient *c, const char *buf, size_t len)
{
	ssize_t	n = 0;

	if (c->outlen == 0) {
		n = send(c->fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n == -1)
			n = 0;
		if ((size_t)n == len)
			return;
		watch(c->fd, EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
	}
	if ((c->out = realloc(c->out, c->outlen + len - n)) == NULL)
		die("realloc");
	memcpy(c->out + c->outlen, buf + n, len - n);
	c->outlen += len - n;
}

static void __attribute__((format(printf, 2, 3)))
putf(struct rclient *c, const char *fmt, ...)
{
	char	buf[RELAY_LINE];
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > 0 && (size_t)n < sizeof buf)
		put(c, buf, n);
}

static void
drain(struct rclient *c)
{
	ssize_t	n;

	n = send(c->fd, c->out, c->outlen, MSG_DONTWAIT | MSG_NOSIGNAL);
	if (n <= 0)
		return;
	memmove(c->out, c->out + n, c->outlen - n);
	c->outlen -= n;
	if (c->outlen == 0)
		watch(c->fd, EPOLLIN, EPOLL_CTL_MOD);
}

static struct rchannel *
channel(const char *name)
{
	struct rchannel	*ch;
	int		 i;

	for (i = 0; i < nchannels; i++)
		if (strcmp(channels[i].name, name) == 0)
			return (&channels[i]);
	if (nchannels == RELAY_CHANNELS || strlen(name) >= sizeof ch->name)
		return (NULL);
	ch = &channels[nchannels++];
	strcpy(ch->name, name);
	return (ch);
}

static void
part_all(int fd)
{
	int	i, j;

	for (i = 0; i < nchannels; i++)
		for (j = 0; j < channels[i].n; j++)
			if (channels[i].members[j] == fd)
				channels[i].members[j] =
				    channels[i].members[--channels[i].n];
}

static void
drop(struct rclient *c)
{
	part_all(c->fd);
	close(c->fd);
	free(c->out);
	memset(c, 0, sizeof *c);
	c->fd = -1;
}

/* One line from c, without its CR LF. Returns -1 if c is gone. */
static int
line(struct rclient *c, char *l)
{
	static char	 none[1];
	char		*verb = l, *arg, *text, out[RELAY_LINE];
	struct rchannel	*ch;
	int		 i, n;

	if ((arg = strchr(l, ' ')) != NULL)
		*arg++ = '\0';
	else
		arg = l + strlen(l);
	if ((text = strstr(arg, " :")) != NULL)
		*text = '\0', text += 2;
	else if ((text = strchr(arg, ' ')) != NULL)
		*text++ = '\0';
	else
		text = none;
	if (strcmp(verb, "NICK") == 0)
		snprintf(c->nick, sizeof c->nick, "%s", arg);
	else if (strcmp(verb, "USER") == 0)
		c->user = 1;
	else if (strcmp(verb, "PING") == 0)
		putf(c, ":relay PONG relay :%s\r\n", arg[0] == ':' ? arg + 1 : arg);
	else if (strcmp(verb, "QUIT") == 0) {
		drop(c);
		return (-1);
	} else if (strcmp(verb, "JOIN") == 0 && (ch = channel(arg)) != NULL) {
		if (ch->n == ch->cap) {
			ch->cap = ch->cap == 0 ? 64 : ch->cap * 2;
			ch->members = realloc(ch->members,
			    ch->cap * sizeof *ch->members);
			if (ch->members == NULL)
				die("realloc");
		}
		ch->members[ch->n++] = c->fd;
		putf(c, ":%s!u@127.0.0.1 JOIN %s\r\n:relay 366 %s %s :End\r\n",
		    c->nick, arg, c->nick, arg);
	} else if (strcmp(verb, "PRIVMSG") == 0 && (ch = channel(arg)) != NULL) {
		n = snprintf(out, sizeof out, ":%s!u@127.0.0.1 PRIVMSG %s :%s\r\n",
		    c->nick, arg, text);
		if (n <= 0 || (size_t)n >= sizeof out)
			return (0);
		for (i = 0; i < ch->n; i++)
			if (ch->members[i] != c->fd)
				put(&clients[ch->members[i]], out, n);
	}
	if (!c->welcomed && c->nick[0] != '\0' && c->user) {
		c->welcomed = 1;
		putf(c, ":relay 001 %s :Welcome\r\n", c->nick);
	}
	return (0);
}

static void
readable(struct rclient *c)
{
	char	*p, *nl;
	ssize_t	 n;
	size_t	 left;

	n = read(c->fd, c->in + c->inlen, sizeof c->in - c->inlen);
	if (n <= 0) {
		if (n == 0 || (errno != EAGAIN && errno != EINTR))
			drop(c);
		return;
	}
	c->inlen += n;
	p = c->in;
	left = c->inlen;
	while ((nl = memchr(p, '\n', left)) != NULL) {
		*nl = '\0';
		if (nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		left -= nl + 1 - p;
		if (line(c, p) == -1)
			return;
		p = nl + 1;
	}
	if (left == sizeof c->in)
		left = 0;		/* a line too long: dropped */
	memmove(c->in, p, left);
	c->inlen = left;
}

int
main(int argc, char **argv)
{
	struct sockaddr_in	 sin = { .sin_family = AF_INET };
	struct epoll_event	 events[256];
	socklen_t		 len = sizeof sin;
	int			 lfd, fd, one = 1, i, n;

	if (argc != 2) {
		fprintf(stderr, "usage: relay PORT\n");
		return (2);
	}
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin.sin_port = htons(atoi(argv[1]));
	for (i = 0; i < RELAY_CLIENTS; i++)
		clients[i].fd = -1;
	if ((lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)) == -1)
		die("socket");
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(lfd, (struct sockaddr *)&sin, sizeof sin) == -1)
		die("bind");
	if (listen(lfd, 1024) == -1)
		die("listen");
	if (getsockname(lfd, (struct sockaddr *)&sin, &len) == -1)
		die("getsockname");
	printf("listening on 127.0.0.1:%d\n", ntohs(sin.sin_port));
	fflush(stdout);
	if ((ep = epoll_create1(0)) == -1)
		die("epoll_create1");
	watch(lfd, EPOLLIN, EPOLL_CTL_ADD);
	for (;;) {
		if ((n = epoll_wait(ep, events, 256, -1)) == -1) {
			if (errno == EINTR)
				continue;
			die("epoll_wait");
		}
		for (i = 0; i < n; i++) {
			fd = events[i].data.fd;
			if (fd == lfd) {
				while ((fd = accept4(lfd, NULL, NULL,
				    SOCK_NONBLOCK)) != -1) {
					if (fd >= RELAY_CLIENTS) {
						close(fd);
						continue;
					}
					clients[fd].fd = fd;
					watch(fd, EPOLLIN, EPOLL_CTL_ADD);
				}
				continue;
			}
			if (clients[fd].fd != fd)
				continue;
			if (events[i].events & EPOLLOUT)
				drain(&clients[fd]);
			if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
				readable(&clients[fd]);
		}
	}
}
