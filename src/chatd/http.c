/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The HTTP listeners (http-listen, and http-listen-tls for https and
 * wss://, read through the TLS transport): one request a connection,
 * parsed by libhttp-parser on the loop. A WebSocket upgrade (RFC 6455: GET,
 * Upgrade: websocket, Sec-WebSocket-Version 13, a key; the IRCv3
 * subprotocols) from an allowed Origin becomes an IRC client on the
 * WebSocket transport (conn-ws.c), with the same limits as any other; any
 * other GET or HEAD is a file of the web client (web.c) or 404; anything
 * else is answered with its HTTP status and closed. A request must be whole
 * within HTTP_HEAD_MAX bytes and registration-timeout seconds.
 */

#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/listener.h>
#include <http_parser.h>
#include <openssl/evp.h>

#include "chatd.h"
#include "conn.h"
#include "http.h"
#include "ws.h"

/* RFC 6455's GUID, appended to the key for the accept hash. */
#define HTTP_WS_GUID	"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

static struct http_list		 http_conns =
				    TAILQ_HEAD_INITIALIZER(http_conns);
static struct http_parser_settings http_settings;
static uint64_t			 http_next_id = 1;

static void	http_accept_cb(struct evconnlistener *, evutil_socket_t,
		    struct sockaddr *, int, void *);
static void	http_io_cb(evutil_socket_t, short, void *);

/*
 * Open every http-listen address, and every http-listen-tls one over tls
 * (the TLS row; NULL without a certificate): 0, or -1 with *cause.
 */
int
http_listen(const struct transport *tls, char **cause)
{
	struct strlist	*l = &srv.conf->http_listen;
	uint16_t	 port;
	int		 i;

	for (i = 0; i < l->n; i++) {
		if (server_listen_on(l->v[i], http_accept_cb,
		    (void *)&transport_tcp, "for HTTP ", &port, cause) != 0)
			return (-1);
		files_listening(0, l->v[i], port);
	}
	web_load();
	l = &srv.conf->http_listen_tls;
	for (i = 0; i < l->n && tls != NULL; i++) {
		if (server_listen_on(l->v[i], http_accept_cb, (void *)tls,
		    "for HTTPS ", &port, cause) != 0)
			return (-1);
		files_listening(1, l->v[i], port);
	}
	if (srv.conf->http_listen.n != 0 || (tls != NULL && l->n != 0))
		files_init();
	return (0);
}

/* At exit: requests still being read are dropped. */
void
http_free(void)
{
	struct http_conn	*h;

	while ((h = TAILQ_FIRST(&http_conns)) != NULL)
		http_end(h);
	web_free();
	files_free();
}

/* The request with id, if it is still there. */
struct http_conn *
http_find(uint64_t id)
{
	struct http_conn	*h;

	TAILQ_FOREACH(h, &http_conns, entry) {
		if (h->id == id)
			return (h);
	}
	return (NULL);
}

void
http_end(struct http_conn *h)
{
	int	i;

	files_xfer_free(h);
	TAILQ_REMOVE(&http_conns, h, entry);
	event_free(h->ev);
	if (h->fd != -1) {
		evutil_closesocket(h->fd);
		h->lower->t->free(h->lower);
	}
	for (i = 0; i < H_COUNT; i++)
		free(h->h[i]);
	free(h);
}

/* Which header a field name is (case-insensitive), or H_NONE. */
static enum http_header
http_header_of(const char *name, size_t len)
{
	static const char *const names[H_COUNT] = {
		NULL, "Upgrade", "Connection", "Sec-WebSocket-Key",
		"Sec-WebSocket-Version", "Sec-WebSocket-Protocol", "Origin",
		"Host", "If-None-Match", "Authorization", "Content-Type",
		"Content-Disposition", "Range", "If-Range", "Expect"
	};
	int	i;

	for (i = 1; i < H_COUNT; i++) {
		if (strlen(names[i]) == len &&
		    strncasecmp(names[i], name, len) == 0)
			return ((enum http_header)i);
	}
	return (H_NONE);
}

/* The request's target, in pieces as they come; kept up to HTTP_URL_MAX. */
static int
http_on_url(http_parser *p, const char *at, size_t len)
{
	struct http_conn	*h = p->data;

	if (h->urllen + len >= sizeof h->url) {
		h->urllen = sizeof h->url;	/* too long: found nowhere */
		return (0);
	}
	memcpy(h->url + h->urllen, at, len);
	h->urllen += len;
	h->url[h->urllen] = '\0';
	return (0);
}

static int
http_on_field(http_parser *p, const char *at, size_t len)
{
	struct http_conn	*h = p->data;

	h->field = http_header_of(at, len);
	return (0);
}

/* A header's value (a repeated one is joined with ", ", as RFC 9110). */
static int
http_on_value(http_parser *p, const char *at, size_t len)
{
	struct http_conn	*h = p->data;
	char			*v;

	if (h->field == H_NONE)
		return (0);
	if (h->h[h->field] == NULL)
		xasprintf(&v, "%.*s", (int)len, at);
	else
		xasprintf(&v, "%s, %.*s", h->h[h->field], (int)len, at);
	free(h->h[h->field]);
	h->h[h->field] = v;
	return (0);
}

/*
 * The head is whole. A POST's body is read only once it may be (an
 * upload: files.c), so the parser stops here; other requests have none.
 */
static int
http_on_headers(http_parser *p)
{
	((struct http_conn *)p->data)->done = 1;
	if (p->method != HTTP_POST)
		return (1);
	http_parser_pause(p, 1);
	return (0);
}

static int
http_on_body(http_parser *p, const char *at, size_t len)
{
	return (files_body(p->data, at, len));
}

static int
http_on_message(http_parser *p)
{
	files_body_end(p->data);
	return (0);
}

/* Whether the comma-separated list has token (case-insensitive). */
static int
http_has_token(const char *list, const char *token)
{
	size_t		 n = strlen(token), k;
	const char	*p = list;

	while (p != NULL && *p != '\0') {
		p += strspn(p, " \t,");
		k = strcspn(p, " \t,");
		if (k == n && strncasecmp(p, token, n) == 0)
			return (1);
		p += k;
	}
	return (0);
}

/*
 * Whether the Origin may connect: none (not a browser), the same as the
 * Host asked for (a page chatd serves), or one in http-origin.
 */
static int
http_origin_ok(struct http_conn *h)
{
	const char	*o = h->h[H_ORIGIN], *host;
	int		 i;

	if (o == NULL)
		return (1);
	for (i = 0; i < srv.conf->http_origin.n; i++) {
		if (strcasecmp(srv.conf->http_origin.v[i], o) == 0)
			return (1);
	}
	if (h->h[H_HOST] == NULL)
		return (0);
	host = strstr(o, "://");
	return (host != NULL && strcasecmp(host + 3, h->h[H_HOST]) == 0);
}

/* More of a request's body through the parser: 0, or -1 if it is bad. */
int
http_feed(struct http_conn *h, const char *data, size_t len)
{
	http_parser_pause(&h->parser, 0);
	http_parser_execute(&h->parser, &http_settings, data, len);
	return (HTTP_PARSER_ERRNO(&h->parser) == HPE_OK ? 0 : -1);
}

/* Watch for what (EV_READ, EV_WRITE; 0: nothing) for seconds at most. */
void
http_watch(struct http_conn *h, short what, int seconds)
{
	struct timeval	tv = { seconds, 0 };

	event_del(h->ev);
	if (what == 0)
		return;
	event_assign(h->ev, srv.base, h->fd, what | EV_PERSIST, http_io_cb, h);
	event_add(h->ev, &tv);
}

/* Close after writing out (linger.c writes it, then ends). */
void
http_close_after(struct http_conn *h, struct evbuffer *out)
{
	linger_start(h->lower, h->fd, out);
	h->fd = -1;
	http_end(h);
}

/* Answer status (and a header) and close (linger.c writes it, then ends). */
void
http_answer(struct http_conn *h, const char *status, const char *header,
    const char *why)
{
	struct evbuffer	*out;

	if ((out = evbuffer_new()) == NULL)
		fatalx("evbuffer_new failed");
	evbuffer_add_printf(out, "HTTP/1.1 %s\r\n%s%sContent-Type: text/plain; "
	    "charset=utf-8\r\nContent-Length: %zu\r\nConnection: close\r\n"
	    "X-Content-Type-Options: nosniff\r\n\r\n%s\n", status,
	    header != NULL ? header : "", header != NULL ? "\r\n" : "",
	    strlen(why) + 1, why);
	log_info("event=http-refuse addr=%s status=%s", h->host,
	    log_q(status));
	http_close_after(h, out);
}

void
http_refuse(struct http_conn *h, const char *status, const char *why)
{
	http_answer(h, status, NULL, why);
}

/* A file of the web client (web.c), or 404. */
static void
http_page(struct http_conn *h)
{
	struct evbuffer	*out;

	if ((out = evbuffer_new()) == NULL)
		fatalx("evbuffer_new failed");
	if (h->urllen >= sizeof h->url || !web_answer(out, h->url,
	    h->parser.method == HTTP_HEAD, h->h[H_IF_NONE_MATCH])) {
		evbuffer_free(out);
		http_refuse(h, "404 Not Found", "No such page here.");
		return;
	}
	log_debug("event=http-get addr=%s path=%s", h->host, log_q(h->url));
	http_close_after(h, out);
}

/* The key's accept value: base64 of SHA-1 of the key and the GUID. */
static int
http_accept_key(const char *key, char *out, size_t size)
{
	unsigned char	md[EVP_MAX_MD_SIZE];
	unsigned int	mdlen;
	char		in[128];
	int		n;

	n = snprintf(in, sizeof in, "%s%s", key, HTTP_WS_GUID);
	if (n < 0 || (size_t)n >= sizeof in ||
	    EVP_Digest(in, (size_t)n, md, &mdlen, EVP_sha1(), NULL) != 1 ||
	    size < 4 * ((mdlen + 2) / 3) + 1)
		return (-1);
	EVP_EncodeBlock((unsigned char *)out, md, (int)mdlen);
	return (0);
}

/* The head is whole: upgrade to an IRC client, or refuse. */
static void
http_request(struct http_conn *h, size_t used)
{
	const char	*proto = h->h[H_PROTOCOL], *chosen = NULL, *why;
	char		 accept[64], answer[512], host[HOST_MAX];
	struct conn	*cn;
	struct client	*c;
	uint16_t	 port;
	int		 n, binary = 0, fd = h->fd;

	/* Files: uploaded to /upload, fetched from /f/ID[/NAME]. */
	if (h->urllen < sizeof h->url && (strcmp(h->url, FILES_UPLOAD_PATH) ==
	    0 || strncmp(h->url, FILES_UPLOAD_PATH "?",
	    sizeof FILES_UPLOAD_PATH) == 0)) {
		if (h->parser.method == HTTP_POST)
			files_upload(h, used);
		else
			http_answer(h, "405 Method Not Allowed", "Allow: POST",
			    "Upload files here with POST.");
		return;
	}
	if (h->parser.method != HTTP_GET && h->parser.method != HTTP_HEAD) {
		http_answer(h, "405 Method Not Allowed", "Allow: GET, HEAD",
		    "Only GET and HEAD here.");
		return;
	}
	if (strncmp(h->url, FILES_PATH, sizeof FILES_PATH - 1) == 0 &&
	    h->urllen < sizeof h->url) {
		files_download(h);
		return;
	}
	if (h->parser.method == HTTP_HEAD || h->h[H_UPGRADE] == NULL ||
	    !http_has_token(h->h[H_UPGRADE], "websocket")) {
		http_page(h);
		return;
	}
	if (h->h[H_CONNECTION] == NULL ||
	    !http_has_token(h->h[H_CONNECTION], "upgrade") ||
	    h->h[H_KEY] == NULL || strlen(h->h[H_KEY]) != 24 ||
	    http_accept_key(h->h[H_KEY], accept, sizeof accept) != 0) {
		http_refuse(h, "400 Bad Request", "Not a WebSocket upgrade.");
		return;
	}
	if (h->h[H_VERSION] == NULL || strcmp(h->h[H_VERSION], "13") != 0) {
		http_answer(h, "426 Upgrade Required",
		    "Sec-WebSocket-Version: 13", "WebSocket version 13 only.");
		return;
	}
	if (!http_origin_ok(h)) {
		http_refuse(h, "403 Forbidden", "This origin may not connect.");
		return;
	}
	conn_addr_string((struct sockaddr *)&h->sa, h->salen, host, &port);
	if ((why = server_full((struct sockaddr *)&h->sa, host)) != NULL) {
		http_refuse(h, "503 Service Unavailable", why);
		return;
	}
	/* binary.ircv3.net if asked for first, text.ircv3.net, or none. */
	if (proto != NULL && http_has_token(proto, "binary.ircv3.net") &&
	    (!http_has_token(proto, "text.ircv3.net") ||
	    strstr(proto, "binary.ircv3.net") < strstr(proto,
	    "text.ircv3.net"))) {
		chosen = "binary.ircv3.net";
		binary = 1;
	} else if (proto != NULL && http_has_token(proto, "text.ircv3.net"))
		chosen = "text.ircv3.net";
	n = snprintf(answer, sizeof answer, "HTTP/1.1 101 Switching "
	    "Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
	    "Sec-WebSocket-Accept: %s\r\n%s%s%s\r\n", accept,
	    chosen != NULL ? "Sec-WebSocket-Protocol: " : "",
	    chosen != NULL ? chosen : "", chosen != NULL ? "\r\n" : "");
	cn = ws_start(h->lower, answer, (size_t)n, h->buf + used,
	    h->len - used, binary);
	h->fd = -1;
	c = client_create(cn, fd, (struct sockaddr *)&h->sa, host, port);
	http_end(h);
	/* The answer goes now; what came with the request is read now. */
	conn_events(c);
	conn_read_soon(c);
}

/* Input, or the deadline. */
static void
http_io_cb(evutil_socket_t fd, short what, void *arg)
{
	struct http_conn	*h = arg;
	ssize_t			 n;
	size_t			 used;

	if (h->xfer != NULL) {		/* an upload or a download */
		files_io(h, what);
		return;
	}
	/* The deadline counts from the start, however slowly bytes come. */
	if ((what & EV_TIMEOUT) || server_time() - h->started >=
	    srv.conf->registration_timeout) {
		http_refuse(h, "408 Request Timeout", "Too slow.");
		return;
	}
	/* Through TLS for https: its handshake goes on meanwhile. */
	n = h->lower->t->read(h->lower, fd, h->buf + h->len,
	    sizeof h->buf - h->len);
	if (n == -EAGAIN || n == -EINTR)
		return;
	if (n <= 0) {
		http_end(h);
		return;
	}
	used = http_parser_execute(&h->parser, &http_settings,
	    h->buf + h->len, (size_t)n) + h->len;
	h->len += (size_t)n;
	if (h->done) {
		http_request(h, used);
		return;
	}
	if (HTTP_PARSER_ERRNO(&h->parser) != HPE_OK) {
		http_refuse(h, "400 Bad Request", "Not HTTP.");
		return;
	}
	if (h->len == sizeof h->buf)
		http_refuse(h, "431 Request Header Fields Too Large",
		    "The request is too long.");
}

static void
http_accept_cb(struct evconnlistener *l, evutil_socket_t fd,
    struct sockaddr *sa, int salen, void *arg)
{
	const struct transport	*t = arg;
	struct http_conn	*h;
	struct conn		*lower;
	struct timeval		 tv = { srv.conf->registration_timeout, 0 };
	uint16_t		 port;

	if (srv.shutting_down || (lower = t->open(fd)) == NULL) {
		evutil_closesocket(fd);
		return;
	}
	if (http_settings.on_header_field == NULL) {
		http_settings.on_url = http_on_url;
		http_settings.on_header_field = http_on_field;
		http_settings.on_header_value = http_on_value;
		http_settings.on_headers_complete = http_on_headers;
		http_settings.on_body = http_on_body;
		http_settings.on_message_complete = http_on_message;
	}
	h = xcalloc(1, sizeof *h);
	h->id = http_next_id++;
	h->fd = fd;
	h->lower = lower;
	if ((size_t)salen > sizeof h->sa)
		salen = sizeof h->sa;
	memcpy(&h->sa, sa, (size_t)salen);
	h->salen = (socklen_t)salen;
	conn_addr_string((struct sockaddr *)&h->sa, h->salen, h->host, &port);
	h->started = server_time();
	http_parser_init(&h->parser, HTTP_REQUEST);
	h->parser.data = h;
	if ((h->ev = event_new(srv.base, fd, EV_READ | EV_PERSIST, http_io_cb,
	    h)) == NULL)
		fatalx("event_new failed");
	event_add(h->ev, &tv);
	TAILQ_INSERT_TAIL(&http_conns, h, entry);
}
