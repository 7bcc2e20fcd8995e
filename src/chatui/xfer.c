/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Files over HTTP: /upload sends a file to the server's FILEHOST (its
 * ISUPPORT draft/FILEHOST, as chatd, soju and others give it) with the
 * account's name and password (HTTP Basic, the SASL ones), and posts the
 * link it is answered with; /download fetches a link of the window into
 * ~/Downloads. One transfer at a time, in the event loop like everything
 * else: the file goes out a socket's room at a time and comes in as it is
 * read, never whole in memory; the status line shows how far it is, how
 * fast and how long is left; /cancel stops it. Answers are read by
 * libhttp-parser (chunked ones too). A download is written to NAME.part
 * and renamed to a name that is not taken (never over a file).
 */

#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/util.h>
#include <http_parser.h>

#include "chatui.h"
#include "scram.h"
#include "strfmt.h"
#include "texts.h"
#include "utf8.h"

/* File bytes kept in the socket's buffer ahead of the network. */
#define XFER_AHEAD	(256 * 1024)
/* The most of an answer's body kept to show (uploads' links, errors). */
#define XFER_BODY_MAX	2048

enum xfer_kind {
	XFER_UP,
	XFER_DOWN
};

struct xfer {
	enum xfer_kind		 kind;
	struct bufferevent	*bev;
	http_parser		 parser;
	int			 tls;
	char			 host[256];
	char			 port[8];
	char			*path;
	char			*name;		/* the file's, for people */
	char			*target;	/* an upload's link goes there */
	char			*window;	/* asked from (by name) */
	int			 fd;
	int64_t			 size;		/* -1: not known */
	int64_t			 done;
	int64_t			 queued;	/* an upload's, given to bev */
	struct timespec		 start;
	char			 field[32];	/* the header being read */
	char			 location[1024];
	char			 disposition[512];
	char			 body[XFER_BODY_MAX + 1];
	size_t			 bodylen;
	int			 headers_done;
	int			 complete;
	char			*error;		/* from a parser callback */
	char			*dir;		/* a download's directory */
	char			*part;		/* and its part file */
};

static struct xfer		*xfer;
static http_parser_settings	 xfer_settings;

static void	xfer_end(const char *, ...) __attribute__((format(printf, 1, 2)));

static struct window *
xfer_window(void)
{
	struct window	*w;

	if (xfer != NULL && (w = window_find(xfer->window)) != NULL)
		return (w);
	return (window_server());
}

static double
xfer_elapsed(void)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return ((double)(now.tv_sec - xfer->start.tv_sec) +
	    (now.tv_nsec - xfer->start.tv_nsec) / 1e9);
}

/*
 * The status line's part: " [up NAME 45% 1.2 MB/s 0:03 left]", or ""
 * with no transfer.
 */
const char *
xfer_status(char *buf, size_t size)
{
	char	done[32], rate[32];
	double	secs, bps;
	int64_t	left;

	*buf = '\0';
	if (xfer == NULL)
		return (buf);
	secs = xfer_elapsed();
	bps = secs > 0.2 ? xfer->done / secs : 0;
	download_size(xfer->done, done, sizeof done);
	download_size((int64_t)bps, rate, sizeof rate);
	if (xfer->size > 0 && bps > 0) {
		left = (int64_t)((xfer->size - xfer->done) / bps);
		snprintf(buf, size, _(" [%s %s %d%% %s/s %d:%02d left]"),
		    xfer->kind == XFER_UP ? _("up") : _("down"), xfer->name,
		    (int)(xfer->done * 100 / xfer->size), rate,
		    (int)(left / 60), (int)(left % 60));
	} else
		snprintf(buf, size, _(" [%s %s %s]"), xfer->kind == XFER_UP ?
		    _("up") : _("down"), xfer->name, done);
	return (buf);
}

static void
xfer_free(void)
{
	if (xfer == NULL)
		return;
	if (xfer->bev != NULL)
		bufferevent_free(xfer->bev);
	if (xfer->fd != -1)
		close(xfer->fd);
	if (xfer->part != NULL)
		unlink(xfer->part);
	free(xfer->part);
	free(xfer->dir);
	free(xfer->path);
	free(xfer->name);
	free(xfer->target);
	free(xfer->window);
	free(xfer->error);
	free(xfer);
	xfer = NULL;
	model_changed();
}

/* The transfer is over: why, told where it was asked, and all freed. */
static void
xfer_end(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	window_vadd(xfer_window(), LINE_INFO, NULL, fmt, ap);
	va_end(ap);
	xfer_free();
}

/* At exit. */
void
xfer_shutdown(void)
{
	xfer_free();
}

/* http://HOST[:PORT]/PATH or https://...: 0, or -1 if it is not one. */
static int
xfer_url(struct xfer *x, const char *url)
{
	const char	*p, *slash, *colon;
	size_t		 n;

	if (strncasecmp(url, "https://", 8) == 0) {
		x->tls = 1;
		p = url + 8;
	} else if (strncasecmp(url, "http://", 7) == 0)
		p = url + 7;
	else
		return (-1);
	slash = strchr(p, '/');
	n = slash != NULL ? (size_t)(slash - p) : strlen(p);
	if (n == 0 || n >= sizeof x->host || memchr(p, '@', n) != NULL)
		return (-1);
	if (*p == '[') {
		if ((colon = memchr(p, ']', n)) == NULL)
			return (-1);
		memcpy(x->host, p + 1, (size_t)(colon - p - 1));
		x->host[colon - p - 1] = '\0';
		colon = colon + 1 < p + n && colon[1] == ':' ? colon + 1 : NULL;
	} else {
		colon = memchr(p, ':', n);
		memcpy(x->host, p, colon != NULL ? (size_t)(colon - p) : n);
		x->host[colon != NULL ? (size_t)(colon - p) : n] = '\0';
	}
	if (colon != NULL) {
		if ((size_t)(p + n - colon - 1) >= sizeof x->port ||
		    p + n - colon - 1 == 0)
			return (-1);
		memcpy(x->port, colon + 1, (size_t)(p + n - colon - 1));
		x->port[p + n - colon - 1] = '\0';
		if (x->port[strspn(x->port, "0123456789")] != '\0')
			return (-1);
	} else
		xstrlcpy(x->port, x->tls ? "443" : "80", sizeof x->port);
	x->path = xstrdup(slash != NULL ? slash : "/");
	if (x->path[strcspn(x->path, " \t\r\n")] != '\0')
		return (-1);
	return (0);
}

/* The Host header's value. */
static void
xfer_host_header(struct evbuffer *out)
{
	int	v6 = strchr(xfer->host, ':') != NULL;

	if (strcmp(xfer->port, xfer->tls ? "443" : "80") == 0)
		evbuffer_add_printf(out, "Host: %s%s%s\r\n", v6 ? "[" : "",
		    xfer->host, v6 ? "]" : "");
	else
		evbuffer_add_printf(out, "Host: %s%s%s:%s\r\n", v6 ? "[" : "",
		    xfer->host, v6 ? "]" : "", xfer->port);
}

/* A path segment or filename* value, percent-encoded. */
static void
xfer_pct(struct evbuffer *out, const char *s)
{
	char	buf[1024];

	evbuffer_add(out, buf, strfmt_pct(buf, sizeof buf, s));
}

/* The Content-Type for a file name, by its extension. */
static const char *
xfer_type(const char *name)
{
	static const char *const types[][2] = {
		{ ".png", "image/png" }, { ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" }, { ".gif", "image/gif" },
		{ ".webp", "image/webp" }, { ".txt", "text/plain" },
		{ ".log", "text/plain" }, { ".pdf", "application/pdf" },
		{ ".zip", "application/zip" }, { ".gz", "application/gzip" },
		{ ".mp3", "audio/mpeg" }, { ".ogg", "audio/ogg" },
		{ ".mp4", "video/mp4" }, { ".webm", "video/webm" },
		{ ".html", "text/html" }, { ".svg", "image/svg+xml" },
	};
	const char	*dot = strrchr(name, '.');
	size_t		 i;

	for (i = 0; dot != NULL && i < sizeof types / sizeof types[0]; i++) {
		if (strcasecmp(dot, types[i][0]) == 0)
			return (types[i][1]);
	}
	return ("application/octet-stream");
}

/* An upload: more of the file into the socket's buffer, as it drains. */
static void
xfer_fill(void)
{
	struct evbuffer	*out = bufferevent_get_output(xfer->bev);

	if (download_fill(out, xfer->fd, &xfer->queued, xfer->size,
	    XFER_AHEAD) != 0)
		xfer_end(_("Upload of %s failed: %s"), xfer->name,
		    errno == 0 ? _("the file got shorter") : strerror(errno));
}

static void
xfer_write_cb(struct bufferevent *bev, void *arg)
{
	size_t	pending;

	if (xfer == NULL || xfer->kind != XFER_UP || xfer->headers_done)
		return;
	pending = evbuffer_get_length(bufferevent_get_output(bev));
	xfer->done = xfer->queued - (int64_t)pending;
	if (xfer->done < 0)
		xfer->done = 0;
	xfer_fill();
	model_changed();
}

/* The request's head, and for an upload the first of the file. */
static void
xfer_request(void)
{
	struct evbuffer	*out = bufferevent_get_output(xfer->bev);
	const char	*p;
	char		*cred, b64[1024];
	size_t		 n;

	if (xfer->kind == XFER_DOWN) {
		evbuffer_add_printf(out, "GET %s HTTP/1.1\r\n", xfer->path);
		xfer_host_header(out);
		evbuffer_add_printf(out, "User-Agent: chatui/%s\r\n"
		    "Connection: close\r\n\r\n", VERSION);
		return;
	}
	evbuffer_add_printf(out, "POST %s HTTP/1.1\r\n", xfer->path);
	xfer_host_header(out);
	xasprintf(&cred, "%s:%s", cu.account_now != NULL ? cu.account_now :
	    cu.account, cu.account_password);
	n = scram_b64_encode(b64, sizeof b64, cred, strlen(cred));
	explicit_bzero(cred, strlen(cred));
	free(cred);
	evbuffer_add_printf(out, "Authorization: Basic %.*s\r\n", (int)n, b64);
	explicit_bzero(b64, sizeof b64);
	evbuffer_add_printf(out, "User-Agent: chatui/%s\r\nContent-Type: %s\r\n"
	    "Content-Length: %lld\r\nContent-Disposition: attachment; "
	    "filename=\"", VERSION, xfer_type(xfer->name),
	    (long long)xfer->size);
	for (p = xfer->name; *p != '\0'; p++)
		evbuffer_add(out, (*p < 0x20 || *p >= 0x7f || *p == '"' ||
		    *p == '\\') ? "_" : p, 1);
	evbuffer_add_printf(out, "\"; filename*=UTF-8''");
	xfer_pct(out, xfer->name);
	evbuffer_add_printf(out, "\r\nConnection: close\r\n\r\n");
	xfer->queued = 0;
	xfer->done = 0;
	xfer_fill();
}

/* Answer headers: Location, Content-Disposition, Content-Length. */
static int
xfer_on_field(http_parser *p, const char *at, size_t len)
{
	snprintf(xfer->field, sizeof xfer->field, "%.*s", (int)len, at);
	return (0);
}

static int
xfer_on_value(http_parser *p, const char *at, size_t len)
{
	if (strcasecmp(xfer->field, "Location") == 0)
		snprintf(xfer->location, sizeof xfer->location, "%.*s",
		    (int)len, at);
	else if (strcasecmp(xfer->field, "Content-Disposition") == 0)
		snprintf(xfer->disposition, sizeof xfer->disposition, "%.*s",
		    (int)len, at);
	return (0);
}

/* The download's name: Content-Disposition's, else the URL's. */
static void
xfer_download_name(char *out, size_t size)
{
	const char	*d = xfer->disposition, *p, *end;

	if ((p = strcasestr(d, "filename*=UTF-8''")) != NULL) {
		p += 17;
		end = p + strcspn(p, "; \t");
		download_safe_name(p, (size_t)(end - p), 1, out, size);
		return;
	}
	if ((p = strcasestr(d, "filename=\"")) != NULL) {
		p += 10;
		end = p + strcspn(p, "\"");
		download_safe_name(p, (size_t)(end - p), 0, out, size);
		return;
	}
	p = xfer->path;
	end = p + strcspn(p, "?#");
	while (end > p && end[-1] == '/')
		end--;
	for (d = end; d > p && d[-1] != '/'; d--)
		;
	download_safe_name(d, (size_t)(end - d), 1, out, size);
}

/* The head of the answer: a download's part file opened, or not. */
static int
xfer_on_headers(http_parser *p)
{
	char	name[256];

	xfer->headers_done = 1;
	if (xfer->kind == XFER_UP) {
		xfer->done = xfer->size;
		return (0);
	}
	if (p->status_code != 200)
		return (0);
	xfer_download_name(name, sizeof name);
	free(xfer->name);
	xfer->name = xstrdup(name);
	xasprintf(&xfer->part, "%s/%s.part", xfer->dir, name);
	if ((xfer->fd = open(xfer->part, O_WRONLY | O_CREAT | O_EXCL |
	    O_CLOEXEC | O_NOFOLLOW, 0600)) == -1) {
		xasprintf(&xfer->error, _("Cannot write %s: %s"), xfer->part,
		    strerror(errno));
		free(xfer->part);
		xfer->part = NULL;
		return (-1);
	}
	if (!(p->flags & F_CHUNKED) && p->content_length != ULLONG_MAX)
		xfer->size = (int64_t)p->content_length;
	return (0);
}

static int
xfer_on_body(http_parser *p, const char *at, size_t len)
{
	ssize_t	n;
	size_t	off = 0;

	if (xfer->kind == XFER_DOWN && p->status_code == 200) {
		while (off < len) {
			n = write(xfer->fd, at + off, len - off);
			if (n == -1 && errno == EINTR)
				continue;
			if (n == -1) {
				xasprintf(&xfer->error, _("Download of %s "
				    "failed: %s"), xfer->name, strerror(errno));
				return (1);
			}
			off += (size_t)n;
		}
		xfer->done += (int64_t)len;
		return (0);
	}
	/* Anything else is a few words to show. */
	n = (ssize_t)(len < XFER_BODY_MAX - xfer->bodylen ? len :
	    XFER_BODY_MAX - xfer->bodylen);
	memcpy(xfer->body + xfer->bodylen, at, (size_t)n);
	xfer->bodylen += (size_t)n;
	xfer->body[xfer->bodylen] = '\0';
	return (0);
}

static int
xfer_on_complete(http_parser *p)
{
	xfer->complete = 1;
	return (0);
}

/* A download is whole: saved under a name that is free. */
static void
xfer_downloaded(void)
{
	char	*path, size[32];

	close(xfer->fd);
	xfer->fd = -1;
	if ((path = download_save(xfer->part, xfer->dir, xfer->name)) == NULL) {
		xfer_end(_("Cannot save %s: %s"), xfer->name, strerror(errno));
		return;
	}
	download_size(xfer->done, size, sizeof size);
	xfer_end(_("Downloaded %s (%s) to %s"), xfer->name, size, path);
	free(path);
}

/* The answer is whole: the link posted, the file saved, or why not. */
static void
xfer_answered(void)
{
	struct window	*w;
	char		 size[32], *text;
	int		 status = (int)xfer->parser.status_code;

	text = xfer->body;
	text[strcspn(text, "\r\n")] = '\0';
	if (xfer->kind == XFER_DOWN) {
		if (status == 200) {
			xfer_downloaded();
			return;
		}
		xfer_end(_("Download refused: %d %s"), status, text);
		return;
	}
	if (status != 201 || *xfer->location == '\0') {
		xfer_end(T_(UPLOAD_REFUSED), xfer->name, status,
		    text);
		return;
	}
	download_size(xfer->size, size, sizeof size);
	if ((w = window_find(xfer->target)) == NULL)
		w = window_get(xfer->target, strchr("#&", *xfer->target) !=
		    NULL ? WINDOW_CHANNEL : WINDOW_QUERY);
	xasprintf(&text, "%s (%s) %s", xfer->name, size, xfer->location);
	command_send_text(w, text);
	free(text);
	xfer_end(T_(UPLOADED), xfer->name, size, xfer->location);
}

static void
xfer_read_cb(struct bufferevent *bev, void *arg)
{
	struct evbuffer		*in = bufferevent_get_input(bev);
	struct evbuffer_iovec	 v;

	while (!xfer->complete && evbuffer_peek(in, -1, NULL, &v, 1) > 0) {
		http_parser_execute(&xfer->parser, &xfer_settings,
		    v.iov_base, v.iov_len);
		evbuffer_drain(in, v.iov_len);
		if (xfer->error != NULL) {
			xfer_end("%s", xfer->error);
			return;
		}
		if (HTTP_PARSER_ERRNO(&xfer->parser) != HPE_OK) {
			xfer_end(_("%s failed: the server's answer is not "
			    "HTTP"), xfer->kind == XFER_UP ? _("Upload") :
			    _("Download"));
			return;
		}
	}
	model_changed();
	if (xfer->complete)
		xfer_answered();
}

static void
xfer_event_cb(struct bufferevent *bev, short what, void *arg)
{
	const char	*why;

	if (what & BEV_EVENT_CONNECTED) {
#ifdef HAVE_CHATUI_TLS
		if (xfer->tls && !tls_trusted(bev, xfer->host)) {
			xfer_end(_("%s failed: the certificate of %s is not "
			    "trusted (nor the one of this chat server)"),
			    xfer->kind == XFER_UP ? _("Upload") :
			    _("Download"), xfer->host);
			return;
		}
#endif
		xfer_request();
		return;
	}
	if (what & BEV_EVENT_EOF) {
		/* Read what came with the end, then: whole, or cut. */
		xfer_read_cb(bev, NULL);
		if (xfer == NULL)
			return;
		http_parser_execute(&xfer->parser, &xfer_settings, NULL, 0);
		if (xfer->complete) {
			xfer_answered();
			return;
		}
		xfer_end(_("%s of %s cut short by the server"),
			    xfer->kind == XFER_UP ? _("Upload") :
			    _("Download"), xfer->name);
		return;
	}
	/* An answer that came before the end (a refusal) is read first. */
	if (evbuffer_get_length(bufferevent_get_input(bev)) != 0) {
		xfer_read_cb(bev, NULL);
		if (xfer == NULL)
			return;
	}
	why = evutil_socket_error_to_string(EVUTIL_SOCKET_ERROR());
#ifdef HAVE_CHATUI_TLS
	if (xfer->tls && tls_error(bev) != NULL)
		why = tls_error(bev);
#endif
	xfer_end(_("%s of %s failed: %s"), xfer->kind == XFER_UP ?
	    _("Upload") : _("Download"), xfer->name, why);
}

/* Connect to the URL's host: 0, or -1 with the reason shown. */
static int
xfer_connect(struct window *w)
{
	struct evutil_addrinfo	 hints, *ai = NULL;
	int			 error;

	if (xfer_settings.on_header_field == NULL) {
		xfer_settings.on_header_field = xfer_on_field;
		xfer_settings.on_header_value = xfer_on_value;
		xfer_settings.on_headers_complete = xfer_on_headers;
		xfer_settings.on_body = xfer_on_body;
		xfer_settings.on_message_complete = xfer_on_complete;
	}
	http_parser_init(&xfer->parser, HTTP_RESPONSE);
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if ((error = evutil_getaddrinfo(xfer->host, xfer->port, &hints,
	    &ai)) != 0) {
		window_addf(w, LINE_INFO, _("Cannot find %s: %s"), xfer->host,
		    evutil_gai_strerror(error));
		return (-1);
	}
#ifdef HAVE_CHATUI_TLS
	if (xfer->tls)
		xfer->bev = tls_bufferevent(cu.base, xfer->host);
	else
#endif
	if (!xfer->tls)
		xfer->bev = bufferevent_socket_new(cu.base, -1,
		    BEV_OPT_CLOSE_ON_FREE);
	if (xfer->bev == NULL) {
		evutil_freeaddrinfo(ai);
		window_addf(w, LINE_INFO, xfer->tls ? _("This chatui cannot "
		    "speak TLS (https).") : _("Cannot make a connection."));
		return (-1);
	}
	bufferevent_setcb(xfer->bev, xfer_read_cb, xfer_write_cb,
	    xfer_event_cb, NULL);
	bufferevent_setwatermark(xfer->bev, EV_WRITE, XFER_AHEAD / 2, 0);
	bufferevent_enable(xfer->bev, EV_READ | EV_WRITE);
	clock_gettime(CLOCK_MONOTONIC, &xfer->start);
	if (bufferevent_socket_connect(xfer->bev, ai->ai_addr,
	    (int)ai->ai_addrlen) != 0) {
		evutil_freeaddrinfo(ai);
		window_addf(w, LINE_INFO, _("Cannot connect to %s: %s"),
		    xfer->host, strerror(errno));
		return (-1);
	}
	evutil_freeaddrinfo(ai);
	return (0);
}

static struct xfer *
xfer_new(enum xfer_kind kind, struct window *w)
{
	struct xfer	*x;

	x = xcalloc(1, sizeof *x);
	x->kind = kind;
	x->fd = -1;
	x->size = -1;
	x->window = xstrdup(w->name);
	return (x);
}

/* Whether a transfer is under way (said in w if so). */
static int
xfer_busy(struct window *w)
{
	if (xfer == NULL)
		return (0);
	window_addf(w, LINE_INFO, _("A transfer is under way (%s); wait for "
	    "it, or /cancel it."), xfer->name);
	return (1);
}

/* /upload FILE [TARGET]. */
void
xfer_upload(struct window *w, const char *file, const char *target)
{
	struct stat	 sb;
	const char	*base;
	char		*path = NULL;
	int		 fd;

	if (xfer_busy(w))
		return;
	if (target == NULL && w->kind != WINDOW_CHANNEL &&
	    w->kind != WINDOW_QUERY) {
		window_addf(w, LINE_INFO, _("Upload from a channel or a private "
		    "window, or name where the link goes: /upload FILE "
		    "TARGET."));
		return;
	}
	if (cu.filehost == NULL) {
		window_add(w, LINE_INFO, NULL, T_(NO_FILEHOST), 0);
		return;
	}
	if ((cu.account_now == NULL && cu.account == NULL) ||
	    cu.account_password == NULL) {
		window_addf(w, LINE_INFO, _("Uploads need an account and its "
		    "password: start chatui with -a ACCOUNT (the password from "
		    "CHATUI_PASSWORD or the config), or /login ACCOUNT "
		    "PASSWORD."));
		return;
	}
	if ((fd = download_open(w, _("Cannot upload %s: %s"), file, &path,
	    &sb)) == -1)
		return;
	xfer = xfer_new(XFER_UP, w);
	xfer->fd = fd;
	xfer->size = (int64_t)sb.st_size;
	base = strrchr(path, '/');
	xfer->name = xstrdup(base != NULL ? base + 1 : path);
	free(path);
	xfer->target = xstrdup(target != NULL ? target : w->name);
	if (xfer_url(xfer, cu.filehost) != 0) {
		window_addf(w, LINE_INFO, _("The server's upload address is "
		    "not one chatui can use: %s"), cu.filehost);
		xfer_free();
		return;
	}
	if (xfer_connect(w) != 0) {
		xfer_free();
		return;
	}
	model_changed();
}

/* The Nth newest link (1: the newest) in w, or NULL. */
static char *
xfer_link(struct window *w, int n)
{
	const struct line	*l;
	const char		*text, *p, *start;
	char			*found[64];
	int			 i, k, nfound;
	size_t			 len;

	for (i = w->buf.n - 1; i >= 0; i--) {
		l = buffer_line(&w->buf, i);
		text = line_text(l);
		nfound = 0;
		for (p = text; nfound < 64 &&
		    (start = format_link(text, p, &len)) != NULL;
		    p = start + (len > 0 ? len : 4))
			found[nfound++] = xstrndup(start, len);
		/* A line's links, the last first. */
		for (k = nfound - 1; k >= 0; k--) {
			if (--n == 0) {
				text = found[k];
				found[k] = NULL;
				while (nfound > 0)
					free(found[--nfound]);
				return ((char *)text);
			}
		}
		while (nfound > 0)
			free(found[--nfound]);
	}
	return (NULL);
}

/* /download [URL|N] [DIR]. */
void
xfer_download(struct window *w, const char *what, const char *dir)
{
	struct stat	 sb;
	char		*url, *end;
	long		 n = 1;

	if (xfer_busy(w))
		return;
	if (what != NULL && strncasecmp(what, "http", 4) == 0)
		url = xstrdup(what);
	else {
		if (what != NULL) {
			n = strtol(what, &end, 10);
			if (*end != '\0' || n < 1 || n > 1000) {
				window_addf(w, LINE_INFO, T_(USAGE),
				    "download", _("[URL|N] [DIR]"));
				return;
			}
		}
		if ((url = xfer_link(w, (int)n)) == NULL) {
			window_addf(w, LINE_INFO, n == 1 ? _("No link in this "
			    "window to download.") : _("This window has fewer "
			    "links than that."));
			return;
		}
	}
	xfer = xfer_new(XFER_DOWN, w);
	xfer->name = xstrdup(url);
	xfer->dir = download_dir(dir);
	if (stat(xfer->dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		window_addf(w, LINE_INFO, _("Cannot download into %s: %s"),
		    xfer->dir, errno != 0 && !S_ISREG(sb.st_mode) ?
		    strerror(errno) : _("not a directory"));
		free(url);
		xfer_free();
		return;
	}
	if (xfer_url(xfer, url) != 0) {
		window_addf(w, LINE_INFO, _("Not a link chatui can download "
		    "(http or https): %s"), url);
		free(url);
		xfer_free();
		return;
	}
	free(url);
	if (xfer_connect(w) != 0) {
		xfer_free();
		return;
	}
	model_changed();
}

/* /cancel. */
void
xfer_cancel(struct window *w)
{
	if (xfer == NULL) {
		window_addf(w, LINE_INFO, _("No transfer to cancel."));
		return;
	}
	xfer_end(_("%s of %s cancelled."), xfer->kind == XFER_UP ?
	    _("Upload") : _("Download"), xfer->name);
}
