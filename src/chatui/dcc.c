/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * DCC SEND, as irssi, WeeChat and HexChat speak it: files straight from
 * client to client. An offer comes as a CTCP
 *
 *	DCC SEND NAME ADDRESS PORT SIZE [TOKEN]
 *
 * (ADDRESS an IPv4 address as one number, or IPv6 text; PORT 0 with a
 * TOKEN: passive, the sender cannot be reached and the receiver listens
 * instead, answering with its own DCC SEND and the token). It is shown as
 * one line and never taken by itself: /dcc get NICK fetches it into the
 * download directory, resuming a part file left by a cut transfer (DCC
 * RESUME, answered by DCC ACCEPT). /dcc send NICK FILE offers one: chatui
 * listens on a port of dcc-ports at dcc-address (by default the address
 * the chat server sees chatui on) and sends to whoever connects, a
 * socket's room at a time. The receiver acknowledges what it has (four
 * bytes, network order, modulo 2^32) and the sender is done when the last
 * is acknowledged or the receiver closes with everything sent. Transfers
 * run on the loop with the chat; the status line shows the newest.
 */

#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>
#include <event2/util.h>

#include "casemap.h"
#include "chatui.h"
#include "texts.h"

#define DCC_AHEAD	(256 * 1024)
/* An offer, or a wait for the other side, ends after this long. */
#define DCC_WAIT_SECONDS 300

enum dcc_kind {
	DCC_GET,	/* offered to us */
	DCC_SEND	/* offered by us */
};

enum dcc_state {
	DCC_OFFERED,	/* a GET not taken yet; a SEND not connected to */
	DCC_RESUMING,	/* a GET waiting for DCC ACCEPT */
	DCC_WAITING,	/* listening for the other side */
	DCC_ACTIVE,
};

struct dcc {
	int			 id;
	enum dcc_kind		 kind;
	enum dcc_state		 state;
	char			 nick[NICK_MAX + 1];
	char			 name[256];	/* as offered */
	char			*path;		/* a SEND's file */
	char			*dir, *part;	/* a GET's */
	char			 addr[INET6_ADDRSTRLEN];
	int			 port;
	char			 token[32];	/* passive, or "" */
	int			 fd;
	int64_t			 size, offset, done, queued;
	struct evconnlistener	*listener;
	struct bufferevent	*bev;
	struct event		*timer;
	time_t			 started;
	uint8_t			 ack[4];
	int			 nack;
	TAILQ_ENTRY(dcc)	 entry;
};
TAILQ_HEAD(dcc_list, dcc);

static struct dcc_list	dccs = TAILQ_HEAD_INITIALIZER(dccs);
static int		dcc_next_id = 1;

static void	dcc_end(struct dcc *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	dcc_start(struct dcc *, int);
static void	dcc_passive_listen(struct dcc *);

static const char *
dcc_verb(const struct dcc *d)
{
	return (d->kind == DCC_SEND ? _("to") : _("from"));
}

/* The window to tell: the nick's, if open, else the current one. */
static struct window *
dcc_window(const struct dcc *d)
{
	struct window	*w;

	if ((w = window_find(d->nick)) != NULL)
		return (w);
	return (cu.current != NULL ? cu.current : window_server());
}

static void
dcc_free_one(struct dcc *d)
{
	TAILQ_REMOVE(&dccs, d, entry);
	if (d->listener != NULL)
		evconnlistener_free(d->listener);
	if (d->bev != NULL)
		bufferevent_free(d->bev);
	if (d->timer != NULL)
		event_free(d->timer);
	if (d->fd != -1)
		close(d->fd);
	free(d->path);
	free(d->dir);
	free(d->part);
	free(d);
	model_changed();
}

/* The transfer is over (why, told), and forgotten. */
static void
dcc_end(struct dcc *d, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	window_vadd(dcc_window(d), LINE_INFO, NULL, fmt, ap);
	va_end(ap);
	dcc_free_one(d);
}

void
dcc_free(void)
{
	struct dcc	*d;

	while ((d = TAILQ_FIRST(&dccs)) != NULL)
		dcc_free_one(d);
}

/* " [dcc NAME 45%]" for the newest active transfer, or "". */
const char *
dcc_status(char *buf, size_t size)
{
	struct dcc	*d;

	*buf = '\0';
	TAILQ_FOREACH_REVERSE(d, &dccs, dcc_list, entry) {
		if (d->state != DCC_ACTIVE || d->size <= 0)
			continue;
		snprintf(buf, size, _(" [dcc %s %s %d%%]"), d->kind ==
		    DCC_SEND ? _("up") : _("down"), d->name,
		    (int)((d->offset + d->done) * 100 / d->size));
		break;
	}
	return (buf);
}

static void
dcc_timeout_cb(evutil_socket_t fd, short what, void *arg)
{
	struct dcc	*d = arg;

	dcc_end(d, _("DCC %s %s %s timed out."), d->name, dcc_verb(d),
	    d->nick);
}

static void
dcc_arm(struct dcc *d)
{
	struct timeval	tv = { DCC_WAIT_SECONDS, 0 };

	if (d->timer == NULL)
		d->timer = evtimer_new(cu.base, dcc_timeout_cb, d);
	evtimer_add(d->timer, &tv);
}

/* The name in a CTCP: quoted if it has a space. */
static void
dcc_quote(const char *name, char *out, size_t size)
{
	if (strchr(name, ' ') != NULL)
		snprintf(out, size, "\"%s\"", name);
	else
		xstrlcpy(out, name, size);
}

/* Our address for the other side: dcc-address, or the chat's local one. */
static int
dcc_local(char *text, size_t size, char *number, size_t nsize)
{
	struct sockaddr_storage	 ss;
	socklen_t		 len = sizeof ss;
	struct in_addr		 in;
	evutil_socket_t		 fd;

	if (cu.dcc_address != NULL && *cu.dcc_address != '\0')
		xstrlcpy(text, cu.dcc_address, size);
	else {
		if (cu.bev == NULL || (fd = bufferevent_getfd(cu.bev)) == -1 ||
		    getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
			return (-1);
		if (ss.ss_family == AF_INET)
			inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr,
			    text, (socklen_t)size);
		else
			inet_ntop(AF_INET6,
			    &((struct sockaddr_in6 *)&ss)->sin6_addr, text,
			    (socklen_t)size);
	}
	if (inet_pton(AF_INET, text, &in) == 1)
		snprintf(number, nsize, "%lu",
		    (unsigned long)ntohl(in.s_addr));
	else
		xstrlcpy(number, text, nsize);
	return (0);
}

/* Fill an upload's socket buffer from its file. */
static void
dcc_fill(struct dcc *d)
{
	if (download_fill(bufferevent_get_output(d->bev), d->fd, &d->queued,
	    d->size - d->offset, DCC_AHEAD) != 0)
		dcc_end(d, _("DCC %s to %s failed: %s"), d->name, d->nick,
		    errno == 0 ? _("the file got shorter") : strerror(errno));
}

static void
dcc_write_cb(struct bufferevent *bev, void *arg)
{
	struct dcc	*d = arg;

	if (d->kind != DCC_SEND)
		return;
	d->done = d->queued - (int64_t)evbuffer_get_length(
	    bufferevent_get_output(bev));
	dcc_fill(d);
	model_changed();
}

/* A GET is whole: saved under a free name. */
static void
dcc_received(struct dcc *d)
{
	char	*path, size[32];

	close(d->fd);
	d->fd = -1;
	if ((path = download_save(d->part, d->dir, d->name)) == NULL) {
		dcc_end(d, _("Cannot save %s: %s"), d->name, strerror(errno));
		return;
	}
	free(d->part);
	d->part = NULL;
	download_size(d->size, size, sizeof size);
	dcc_end(d, _("DCC: received %s (%s) from %s, saved as %s"), d->name,
	    size, d->nick, path);
	free(path);
}

/* What came: acks, or the file's bytes. 1 if d is over (and freed). */
static int
dcc_read(struct dcc *d)
{
	struct bufferevent	*bev = d->bev;
	struct evbuffer		*in = bufferevent_get_input(bev);
	struct evbuffer_iovec	 v;
	uint32_t		 ack;
	ssize_t			 n;
	size_t			 k;

	if (d->kind == DCC_SEND) {
		/* Acknowledgements: done when the last one says all. */
		while (evbuffer_get_length(in) > 0) {
			k = evbuffer_remove(in, d->ack + d->nack,
			    sizeof d->ack - (size_t)d->nack);
			d->nack += (int)k;
			if (d->nack < 4)
				break;
			d->nack = 0;
			memcpy(&ack, d->ack, 4);
			if (ntohl(ack) == (uint32_t)d->size &&
			    d->offset + d->queued == d->size &&
			    evbuffer_get_length(bufferevent_get_output(bev)) ==
			    0) {
				dcc_end(d, _("DCC: sent %s to %s."), d->name,
				    d->nick);
				return (1);
			}
		}
		return (0);
	}
	while (evbuffer_peek(in, -1, NULL, &v, 1) > 0) {
		if (d->offset + d->done + (int64_t)v.iov_len > d->size) {
			dcc_end(d, _("DCC %s from %s failed: more than its "
			    "size came"), d->name, d->nick);
			return (1);
		}
		for (k = 0; k < v.iov_len; k += (size_t)n) {
			n = write(d->fd, (char *)v.iov_base + k, v.iov_len - k);
			if (n == -1 && errno == EINTR) {
				n = 0;
				continue;
			}
			if (n == -1) {
				dcc_end(d, _("DCC %s from %s failed: %s"),
				    d->name, d->nick, strerror(errno));
				return (1);
			}
		}
		d->done += (int64_t)v.iov_len;
		evbuffer_drain(in, v.iov_len);
	}
	ack = htonl((uint32_t)(d->offset + d->done));
	bufferevent_write(bev, &ack, 4);
	model_changed();
	if (d->offset + d->done == d->size) {
		dcc_received(d);
		return (1);
	}
	return (0);
}

static void
dcc_read_cb(struct bufferevent *bev, void *arg)
{
	dcc_read(arg);
}

static void
dcc_event_cb(struct bufferevent *bev, short what, void *arg)
{
	struct dcc	*d = arg;

	if (what & BEV_EVENT_CONNECTED) {
		dcc_start(d, -1);
		return;
	}
	if (d->kind == DCC_SEND && d->offset + d->queued == d->size &&
	    evbuffer_get_length(bufferevent_get_output(bev)) == 0) {
		dcc_end(d, _("DCC: sent %s to %s."), d->name, d->nick);
		return;
	}
	/* What came with the end first: it may be the last of the file. */
	if (d->kind == DCC_GET && (what & BEV_EVENT_EOF) && dcc_read(d))
		return;
	dcc_end(d, _("DCC %s %s %s cut short: %s"), d->name, dcc_verb(d),
	    d->nick, what & BEV_EVENT_EOF ? _("the other side closed") :
	    evutil_socket_error_to_string(EVUTIL_SOCKET_ERROR()));
}

/* Connected (fd -1: bev is) or accepted (fd): the bytes start to go. */
static void
dcc_start(struct dcc *d, int fd)
{
	if (fd != -1) {
		d->bev = bufferevent_socket_new(cu.base, fd,
		    BEV_OPT_CLOSE_ON_FREE);
		bufferevent_setcb(d->bev, dcc_read_cb, dcc_write_cb,
		    dcc_event_cb, d);
		bufferevent_setwatermark(d->bev, EV_WRITE, DCC_AHEAD / 2, 0);
		bufferevent_enable(d->bev, EV_READ | EV_WRITE);
	}
	if (d->timer != NULL)
		evtimer_del(d->timer);
	d->state = DCC_ACTIVE;
	d->started = time(NULL);
	d->done = d->queued = 0;
	if (d->kind == DCC_SEND) {
		if (lseek(d->fd, (off_t)d->offset, SEEK_SET) == -1) {
			dcc_end(d, _("DCC %s to %s failed: %s"), d->name,
			    d->nick, strerror(errno));
			return;
		}
		dcc_fill(d);
	}
	model_changed();
}

static void
dcc_accept_cb(struct evconnlistener *l, evutil_socket_t fd,
    struct sockaddr *sa, int len, void *arg)
{
	struct dcc	*d = arg;

	/* One connection: the listener goes. */
	evconnlistener_free(d->listener);
	d->listener = NULL;
	evutil_make_socket_nonblocking(fd);
	dcc_start(d, fd);
}

/* Listen on a port of dcc-ports (or any): the port, or -1. */
static int
dcc_listen(struct dcc *d)
{
	struct sockaddr_in6	 sin6;
	struct sockaddr_in	 sin;
	struct sockaddr_storage	 ss;
	socklen_t		 len = sizeof ss;
	int			 first = 0, last = 0, port, v6;
	char			 text[INET6_ADDRSTRLEN], number[64];

	if (dcc_local(text, sizeof text, number, sizeof number) != 0)
		return (-1);
	v6 = strchr(text, ':') != NULL;
	if (cu.dcc_ports != NULL &&
	    sscanf(cu.dcc_ports, "%d-%d", &first, &last) < 1)
		first = last = 0;
	if (last < first)
		last = first;
	for (port = first; port <= last; port++) {
		if (v6) {
			memset(&sin6, 0, sizeof sin6);
			sin6.sin6_family = AF_INET6;
			inet_pton(AF_INET6, text, &sin6.sin6_addr);
			sin6.sin6_port = htons((uint16_t)port);
		} else {
			memset(&sin, 0, sizeof sin);
			sin.sin_family = AF_INET;
			inet_pton(AF_INET, text, &sin.sin_addr);
			/* dcc-address may be a NAT's: listen on every one. */
			if (cu.dcc_address != NULL && *cu.dcc_address != '\0')
				sin.sin_addr.s_addr = htonl(INADDR_ANY);
			sin.sin_port = htons((uint16_t)port);
		}
		d->listener = evconnlistener_new_bind(cu.base, dcc_accept_cb, d,
		    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE, 1,
		    v6 ? (struct sockaddr *)&sin6 : (struct sockaddr *)&sin,
		    v6 ? (int)sizeof sin6 : (int)sizeof sin);
		if (d->listener != NULL)
			break;
	}
	if (d->listener == NULL)
		return (-1);
	getsockname(evconnlistener_get_fd(d->listener),
	    (struct sockaddr *)&ss, &len);
	d->port = ntohs(ss.ss_family == AF_INET6 ?
	    ((struct sockaddr_in6 *)&ss)->sin6_port :
	    ((struct sockaddr_in *)&ss)->sin_port);
	xstrlcpy(d->addr, number, sizeof d->addr);
	d->state = DCC_WAITING;
	dcc_arm(d);
	return (d->port);
}

/* A passive offer taken: we listen, and tell the sender where. */
static void
dcc_passive_listen(struct dcc *d)
{
	char	q[300];

	if (dcc_listen(d) == -1) {
		dcc_end(d, _("DCC %s from %s: cannot listen for it: %s"),
		    d->name, d->nick, strerror(errno));
		return;
	}
	dcc_quote(d->name, q, sizeof q);
	net_send("PRIVMSG %s :\001DCC SEND %s %s %d %lld %s\001", d->nick, q,
	    d->addr, d->port, (long long)d->size, d->token);
}

/* Connect to the offer's address and port. */
static void
dcc_connect(struct dcc *d)
{
	struct sockaddr_storage	 ss;
	struct sockaddr_in	*sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)&ss;
	unsigned long		 ip;
	char			*end;
	int			 len;

	memset(&ss, 0, sizeof ss);
	ip = strtoul(d->addr, &end, 10);
	if (*end == '\0' && end != d->addr) {
		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = htonl((uint32_t)ip);
		sin->sin_port = htons((uint16_t)d->port);
		len = sizeof *sin;
	} else if (inet_pton(AF_INET6, d->addr, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)d->port);
		len = sizeof *sin6;
	} else {
		dcc_end(d, _("DCC %s from %s: not an address: %s"), d->name,
		    d->nick, d->addr);
		return;
	}
	d->bev = bufferevent_socket_new(cu.base, -1, BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(d->bev, dcc_read_cb, dcc_write_cb, dcc_event_cb, d);
	bufferevent_enable(d->bev, EV_READ | EV_WRITE);
	if (bufferevent_socket_connect(d->bev, (struct sockaddr *)&ss,
	    len) != 0)
		dcc_end(d, _("DCC %s from %s failed: %s"), d->name, d->nick,
		    strerror(errno));
}

/* The next word of a CTCP's arguments (a quoted name is one). */
static char *
dcc_word(char **p)
{
	char	*s = *p, *w;

	while (*s == ' ')
		s++;
	if (*s == '\0')
		return (NULL);
	if (*s == '"' && strchr(s + 1, '"') != NULL) {
		w = s + 1;
		s = strchr(w, '"');
		*s++ = '\0';
	} else {
		w = s;
		s += strcspn(s, " ");
		if (*s != '\0')
			*s++ = '\0';
	}
	*p = s;
	return (w);
}

static struct dcc *
dcc_find(enum dcc_kind kind, const char *nick, const char *name, int port,
    const char *token)
{
	struct dcc	*d;

	TAILQ_FOREACH(d, &dccs, entry) {
		if (d->kind != kind || casemap_cmp(d->nick, nick) != 0)
			continue;
		if (name != NULL && strcmp(d->name, name) != 0 &&
		    (port <= 0 || d->port != port))
			continue;
		if (port > 0 && d->port != port)
			continue;
		if (token != NULL && *token != '\0' &&
		    strcmp(d->token, token) != 0)
			continue;
		return (d);
	}
	return (NULL);
}

/* A CTCP DCC from nick: an offer, a resume asked for, or accepted. */
void
dcc_ctcp(const char *nick, const char *args)
{
	char		*copy = xstrdup(args), *p = copy, *verb, *name, *a;
	char		*port, *size, *token, shown[32], q[300];
	char		*rport, *rpos, *rtoken;
	struct dcc	*d;
	long long	 n;

	verb = dcc_word(&p);
	name = dcc_word(&p);
	a = dcc_word(&p);
	port = dcc_word(&p);
	size = dcc_word(&p);
	token = dcc_word(&p);
	if (verb == NULL || name == NULL || a == NULL || port == NULL) {
		window_addf(cu.current, LINE_EVENT, _("CTCP DCC from %s: %s"),
		    nick, args);
		goto out;
	}
	if (strcasecmp(verb, "SEND") == 0 && size != NULL) {
		/* Our passive offer, answered: connect to where it listens. */
		if (token != NULL && atoi(port) != 0 &&
		    (d = dcc_find(DCC_SEND, nick, name, -1, token)) != NULL &&
		    d->state == DCC_OFFERED) {
			xstrlcpy(d->addr, a, sizeof d->addr);
			d->port = atoi(port);
			dcc_connect(d);
			goto out;
		}
		d = xcalloc(1, sizeof *d);
		d->id = dcc_next_id++;
		d->kind = DCC_GET;
		d->fd = -1;
		xstrlcpy(d->nick, nick, sizeof d->nick);
		download_safe_name(name, strlen(name), 0, d->name,
		    sizeof d->name);
		xstrlcpy(d->addr, a, sizeof d->addr);
		d->port = atoi(port);
		n = strtoll(size, NULL, 10);
		d->size = n > 0 ? n : 0;
		if (token != NULL)
			xstrlcpy(d->token, token, sizeof d->token);
		TAILQ_INSERT_TAIL(&dccs, d, entry);
		dcc_arm(d);
		download_size(d->size, shown, sizeof shown);
		window_addf(dcc_window(d), LINE_INFO, _("%s offers %s (%s): "
		    "/dcc get %s"), nick, d->name, shown, nick);
		goto out;
	}
	/* RESUME and ACCEPT: NAME PORT POSITION [TOKEN], no address. */
	rport = a;
	rpos = port;
	rtoken = size;
	if (strcasecmp(verb, "RESUME") == 0) {
		/* They have part of ours: we go on from there. */
		d = dcc_find(DCC_SEND, nick, NULL, atoi(rport) > 0 ?
		    atoi(rport) : -1, rtoken);
		if (d == NULL || d->state == DCC_ACTIVE)
			goto out;
		n = strtoll(rpos, NULL, 10);
		if (n < 0 || n > d->size)
			goto out;
		d->offset = n;
		dcc_quote(name, q, sizeof q);
		net_send("PRIVMSG %s :\001DCC ACCEPT %s %s %lld%s%s\001", nick,
		    q, rport, n, rtoken != NULL ? " " : "",
		    rtoken != NULL ? rtoken : "");
		goto out;
	}
	if (strcasecmp(verb, "ACCEPT") == 0) {
		d = dcc_find(DCC_GET, nick, NULL, atoi(rport) > 0 ?
		    atoi(rport) : -1, rtoken);
		if (d == NULL || d->state != DCC_RESUMING)
			goto out;
		d->offset = strtoll(rpos, NULL, 10);
		if (d->offset < 0 || d->offset > d->size ||
		    lseek(d->fd, (off_t)d->offset, SEEK_SET) == -1) {
			dcc_end(d, _("DCC %s from %s failed: %s"), d->name,
			    d->nick, _("a bad resume position"));
			goto out;
		}
		if (*d->token != '\0' && d->port == 0)
			dcc_passive_listen(d);
		else
			dcc_connect(d);
		goto out;
	}
	window_addf(cu.current, LINE_EVENT, _("CTCP DCC from %s: %s"), nick,
	    args);
out:
	free(copy);
}

/* /dcc get NICK [FILE]: the offer taken, resumed if part of it is here. */
static void
dcc_get(struct window *w, const char *nick, const char *name)
{
	struct dcc	*d;
	struct stat	 sb;
	char		 q[300];

	if ((d = dcc_find(DCC_GET, nick, name, -1, NULL)) == NULL ||
	    d->state != DCC_OFFERED) {
		if (name != NULL)
			window_addf(w, LINE_INFO, _("%s offers no file %s."),
			    nick, name);
		else
			window_addf(w, LINE_INFO, _("%s offers no file."),
			    nick);
		return;
	}
	d->dir = download_dir(cu.download_dir);
	xasprintf(&d->part, "%s/%s.part", d->dir, d->name);
	/* A part left by a cut transfer: ask to go on from its end. */
	if (stat(d->part, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
	    sb.st_size < d->size) {
		if ((d->fd = open(d->part, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)) ==
		    -1) {
			dcc_end(d, _("Cannot write %s: %s"), d->part,
			    strerror(errno));
			return;
		}
		d->state = DCC_RESUMING;
		dcc_quote(d->name, q, sizeof q);
		net_send("PRIVMSG %s :\001DCC RESUME %s %d %lld%s%s\001", nick, q,
		    d->port, (long long)sb.st_size, *d->token != '\0' ? " " : "",
		    d->token);
		window_addf(w, LINE_INFO, _("DCC: asking %s to resume %s from "
		    "%lld bytes."), nick, d->name, (long long)sb.st_size);
		dcc_arm(d);
		return;
	}
	if ((d->fd = open(d->part, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
	    O_NOFOLLOW, 0600)) == -1) {
		dcc_end(d, _("Cannot write %s: %s"), d->part, strerror(errno));
		return;
	}
	window_addf(w, LINE_INFO, _("DCC: getting %s from %s."), d->name, nick);
	if (*d->token != '\0' && d->port == 0)
		dcc_passive_listen(d);
	else
		dcc_connect(d);
}

/* /dcc send NICK FILE: offered, and listened for. */
static void
dcc_send(struct window *w, const char *nick, const char *file)
{
	struct stat	 sb;
	struct dcc	*d;
	const char	*base;
	char		*path, q[300], shown[32];
	int		 fd;

	if ((fd = download_open(w, _("Cannot send %s: %s"), file, &path,
	    &sb)) == -1)
		return;
	d = xcalloc(1, sizeof *d);
	d->id = dcc_next_id++;
	d->kind = DCC_SEND;
	d->fd = fd;
	d->path = path;
	d->size = (int64_t)sb.st_size;
	xstrlcpy(d->nick, nick, sizeof d->nick);
	base = strrchr(path, '/');
	xstrlcpy(d->name, base != NULL ? base + 1 : path, sizeof d->name);
	TAILQ_INSERT_TAIL(&dccs, d, entry);
	if (dcc_listen(d) == -1) {
		dcc_end(d, _("DCC: cannot listen for %s: %s"), nick,
		    strerror(errno));
		return;
	}
	dcc_quote(d->name, q, sizeof q);
	net_send("PRIVMSG %s :\001DCC SEND %s %s %d %lld\001", nick, q,
	    d->addr, d->port, (long long)d->size);
	download_size(d->size, shown, sizeof shown);
	window_addf(w, LINE_INFO, _("DCC: offered %s (%s) to %s."), d->name,
	    shown, nick);
}

/* /dcc list. */
static void
dcc_list(struct window *w)
{
	static const char *const states[] = {
		N_("offered"), N_("resuming"), N_("waiting"), N_("going")
	};
	struct dcc	*d;
	char		 size[32];

	if (TAILQ_EMPTY(&dccs)) {
		window_addf(w, LINE_INFO, _("No DCC transfers."));
		return;
	}
	TAILQ_FOREACH(d, &dccs, entry) {
		download_size(d->size, size, sizeof size);
		window_addf(w, LINE_INFO, _("%d: %s %s with %s (%s), %s, %d%%"),
		    d->id, d->kind == DCC_SEND ? _("send") : _("get"), d->name,
		    d->nick, size,
		    _(states[d->state]), d->size > 0 ? (int)((d->offset +
		    d->done) * 100 / d->size) : 0);
	}
}

/* /dcc send NICK FILE | get NICK [FILE] | list | close [N|NICK]. */
void
dcc_command(struct window *w, int argc, char **argv)
{
	struct dcc	*d, *next;
	char		*end, *name, *rest = argc > 2 ? argv[2] : NULL;
	long		 n = 0;
	int		 closed = 0;

	if (strcasecmp(argv[0], "list") == 0) {
		dcc_list(w);
		return;
	}
	if (strcasecmp(argv[0], "send") == 0 && argc == 3) {
		dcc_send(w, argv[1], rest);
		return;
	}
	if (strcasecmp(argv[0], "get") == 0 && argc >= 2) {
		dcc_get(w, argv[1], rest);
		return;
	}
	if (strcasecmp(argv[0], "close") == 0) {
		name = argc > 1 ? argv[1] : NULL;
		if (name != NULL)
			n = strtol(name, &end, 10);
		for (d = TAILQ_FIRST(&dccs); d != NULL; d = next) {
			next = TAILQ_NEXT(d, entry);
			if (name != NULL && (*end == '\0' ? d->id != n :
			    casemap_cmp(d->nick, name) != 0))
				continue;
			if (name == NULL && d != TAILQ_LAST(&dccs, dcc_list))
				continue;
			dcc_end(d, _("DCC %s %s %s closed."), d->name,
			    dcc_verb(d), d->nick);
			closed++;
		}
		if (closed == 0)
			window_addf(w, LINE_INFO, _("No such DCC transfer."));
		return;
	}
	window_addf(w, LINE_INFO, T_(USAGE), "dcc",
	    _("send NICK FILE | get NICK [FILE] | list | close [N|NICK]"));
}
