/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * A scripted IRC client for the integration tests: reads a script on
 * standard input and speaks to the chatd at 127.0.0.1:$CHATD_PORT with as
 * many named connections as the script opens. Every line sent and received
 * is echoed, so a failed test's log shows the conversation. Commands:
 *
 *   connect C [rcvbuf]       open connection C (small receive buffer: rcvbuf)
 *   connect C tls [PEM]      open C over TLS to $CHATD_TLS_PORT (with PEM's
 *                            certificate and key as the client's); the
 *                            server's certificate is not checked
 *   connect C tlsport        open C in plain TCP to $CHATD_TLS_PORT
 *   connect C tlsslow        open C over TLS with a small receive buffer,
 *                            read only when the script asks (as rcvbuf)
 *   login C NICK ACCOUNT:PASSWORD [CAPS]  register as register does,
 *                            logging in with SASL PLAIN (903) before CAP END
 *   register C NICK [CAPS]   connect if needed, CAP REQ CAPS, NICK, USER,
 *                            and wait for the end of the MOTD
 *   send C LINE              send LINE and CRLF
 *   sendraw C TEXT           send TEXT with \r \n \0 \xHH \\ escapes, no CRLF
 *   repeat C N LINE          send LINE and CRLF N times in one write; %d in
 *                            LINE becomes the copy's number, 0 to N-1
 *                            (escapes as in sendraw)
 *   bytes C N CHAR           send N copies of CHAR, no line end
 *   expect C REGEX           skip lines until one matches (POSIX ERE); the
 *                            text of its first group, if any, is ${MATCH}
 *   next C REGEX             the very next line must match
 *   series C N LINE          the next N lines are LINE, %d in it counting
 *                            0 to N-1 (shown as one line in the log)
 *   refute C MS REGEX        no line matching REGEX arrives within MS ms
 *   served C MS              C's PING is answered within MS ms (3 x MS
 *                            if CHATD_SANITIZED, 50 x under valgrind)
 *   closed C                 skip lines until the server closes C
 *   close C / reset C        close C cleanly, or with an RST
 *   sleep MS
 *   log REGEX                wait until the chatd log has a matching line
 *   nolog REGEX              the chatd log has no matching line
 *   logcount N REGEX         the chatd log has exactly N matching lines
 *   cpu MS MAX               chatd uses at most MAX ms of CPU in the next MS
 *                            (not checked under valgrind)
 *   rss mark / rss KB        note chatd's RSS / its peak since is at most KB
 *                            over that (not checked under ASan or valgrind)
 *   signal NAME              send a signal (HUP, TERM ...) to chatd
 *   write FILE TEXT          write TEXT and a newline to FILE (\n escapes)
 *
 * ${VAR} is replaced from the environment, ${C*N} by N copies of C. Exit 0
 * if the whole script ran, 1 with the script line and the last lines seen
 * if not.
 */

#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scram.h"

#ifdef HAVE_OPENSSL
#include <openssl/err.h>
#include <openssl/ssl.h>
#endif

#define CONN_MAX	64
#define BUF_SIZE	(256 * 1024)
#define HISTORY		12

struct conn {
	char	 name[32];
	int	 fd;
	void	*ssl;		/* an SSL *, over TLS */
	int	 eof;
	int	 noread;	/* never read unless the script asks */
	char	*buf;
	size_t	 len;
	size_t	 size;
	char	 history[HISTORY][600];
	int	 nhistory;
};

static struct conn	 conns[CONN_MAX];
static int		 nconns;
static int		 lineno;
static int		 timeout_ms = 5000;
static int		 quiet;		/* lines read are not echoed */

static void	die(const char *, ...) __attribute__((format(printf, 1, 2),
		    noreturn));
static struct conn *conn_get(const char *, int);
static long long now_ms(void);
static void	conn_send(struct conn *, const char *, size_t);
static int	conn_fill(struct conn *);
static int	conn_line(struct conn *, char *, size_t, int);
static void	expand(const char *, char *, size_t);
static size_t	unescape(const char *, char *, size_t);
static void	do_connect(struct conn *, int, const char *);
static void	do_expect(struct conn *, const char *, int);
static void	do_refute(struct conn *, int, const char *);
static void	do_closed(struct conn *);
static void	do_register(struct conn *, const char *, const char *);
static void	do_login(struct conn *, const char *, const char *,
		    const char *);
static void	do_served(struct conn *, int);
static long	chatd_status_kb(const char *);
static int	log_has(const char *);

static void
die(const char *fmt, ...)
{
	va_list	ap;
	int	i, j;

	fprintf(stdout, "FAIL script line %d: ", lineno);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	for (i = 0; i < nconns; i++) {
		if (conns[i].nhistory == 0)
			continue;
		printf("last lines seen by %s:\n", conns[i].name);
		j = conns[i].nhistory > HISTORY ? conns[i].nhistory - HISTORY : 0;
		for (; j < conns[i].nhistory; j++)
			printf("  %s\n", conns[i].history[j % HISTORY]);
	}
	fflush(stdout);
	exit(1);
}

static long long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000LL + ts.tv_nsec / 1000000);
}

static struct conn *
conn_get(const char *name, int create)
{
	int	i;

	for (i = 0; i < nconns; i++) {
		if (strcmp(conns[i].name, name) == 0)
			return (&conns[i]);
	}
	if (!create)
		die("no connection named %s", name);
	if (nconns == CONN_MAX)
		die("too many connections");
	memset(&conns[nconns], 0, sizeof conns[nconns]);
	snprintf(conns[nconns].name, sizeof conns[nconns].name, "%s", name);
	conns[nconns].fd = -1;
	conns[nconns].size = BUF_SIZE;
	conns[nconns].buf = malloc(BUF_SIZE);
	if (conns[nconns].buf == NULL)
		die("out of memory");
	return (&conns[nconns++]);
}

/* How connect opens a connection. */
#define OPEN_PLAIN	0
#define OPEN_RCVBUF	1
#define OPEN_TLS	2
#define OPEN_TLSPORT	3
#define OPEN_TLSSLOW	4

#ifdef HAVE_OPENSSL
/*
 * The TLS handshake on c's (blocking) socket; the socket is then made
 * non-blocking, as plain reads and writes are with MSG_DONTWAIT.
 */
static void
tls_start(struct conn *c, const char *pem)
{
	static SSL_CTX	*ctx;
	SSL		*ssl;

	if (ctx == NULL) {
		if ((ctx = SSL_CTX_new(TLS_client_method())) == NULL)
			die("SSL_CTX_new failed");
		SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE |
		    SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	}
	if ((ssl = SSL_new(ctx)) == NULL)
		die("SSL_new failed");
	if (pem != NULL && *pem != '\0' &&
	    (SSL_use_certificate_chain_file(ssl, pem) != 1 ||
	    SSL_use_PrivateKey_file(ssl, pem, SSL_FILETYPE_PEM) != 1))
		die("cannot load %s", pem);
	SSL_set_fd(ssl, c->fd);
	if (SSL_connect(ssl) != 1)
		die("TLS handshake on %s failed: %s", c->name,
		    ERR_error_string(ERR_get_error(), NULL));
	fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
	c->ssl = ssl;
	printf("%s: TLS %s\n", c->name, SSL_get_version(ssl));
}

/* A read or write on c's TLS: its result, -1 with errno as a socket's. */
static ssize_t
tls_io(struct conn *c, int writing, void *buf, size_t len)
{
	size_t	n;
	int	ok, e;

	ERR_clear_error();
	ok = writing ? SSL_write_ex(c->ssl, buf, len, &n) :
	    SSL_read_ex(c->ssl, buf, len, &n);
	if (ok)
		return ((ssize_t)n);
	e = SSL_get_error(c->ssl, 0);
	if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
		errno = EAGAIN;
		return (-1);
	}
	if (e == SSL_ERROR_ZERO_RETURN || (e == SSL_ERROR_SYSCALL &&
	    errno == 0))
		return (0);
	if (errno == 0)
		errno = EPROTO;
	return (-1);
}

/* Input already read off the socket, waiting in the TLS layer. */
static int
tls_pending(struct conn *c)
{
	return (c->ssl != NULL && SSL_pending(c->ssl) > 0);
}

static void
tls_end(struct conn *c)
{
	if (c->ssl != NULL) {
		SSL_free(c->ssl);
		c->ssl = NULL;
	}
}
#else
static void
tls_start(struct conn *c, const char *pem)
{
	die("ircspeak was built without OpenSSL");
}

static ssize_t
tls_io(struct conn *c, int writing, void *buf, size_t len)
{
	errno = EBADF;
	return (-1);
}

static int
tls_pending(struct conn *c)
{
	return (0);
}

static void
tls_end(struct conn *c)
{
}
#endif

static void
do_connect(struct conn *c, int how, const char *pem)
{
	struct sockaddr_in	sin;
	const char		*port = getenv("CHATD_PORT");
	int			size = 4096, one = 1;

	if (how >= OPEN_TLS)
		port = getenv("CHATD_TLS_PORT");
	if (port == NULL)
		die("%s is not set", how >= OPEN_TLS ? "CHATD_TLS_PORT" :
		    "CHATD_PORT");
	if ((c->fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		die("socket: %s", strerror(errno));
	if (how == OPEN_RCVBUF || how == OPEN_TLSSLOW)
		setsockopt(c->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
	c->noread = (how == OPEN_RCVBUF || how == OPEN_TLSSLOW);
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)atoi(port));
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(c->fd, (struct sockaddr *)&sin, sizeof sin) != 0)
		die("connect %s: %s", c->name, strerror(errno));
	c->eof = 0;
	c->len = 0;
	if (how == OPEN_TLS || how == OPEN_TLSSLOW)
		tls_start(c, pem);
}

/* Read what has arrived on c into its buffer, growing it; -1 at EOF. */
static int
conn_fill(struct conn *c)
{
	ssize_t	r;

	if (c->len == c->size) {
		c->size *= 2;
		if ((c->buf = realloc(c->buf, c->size)) == NULL)
			die("out of memory");
	}
	if (c->ssl != NULL)
		r = tls_io(c, 0, c->buf + c->len, c->size - c->len);
	else
		r = recv(c->fd, c->buf + c->len, c->size - c->len,
		    MSG_DONTWAIT);
	if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
		c->eof = 1;
		return (-1);
	}
	if (r > 0)
		c->len += r;
	return (0);
}

/*
 * Send all of data on c. While the server is not taking it, keep reading
 * every other connection (but those opened to never read), as a live
 * client would, so that a big send cannot make them look stuck.
 */
static void
conn_send(struct conn *c, const char *data, size_t len)
{
	struct pollfd	pfd[CONN_MAX + 1];
	struct conn	*who[CONN_MAX + 1];
	ssize_t		n;
	int		i, np;

	if (c->fd == -1)
		die("%s is not connected", c->name);
	while (len > 0) {
		if (c->ssl != NULL)
			n = tls_io(c, 1, (void *)data, len);
		else
			n = send(c->fd, data, len, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n > 0) {
			data += n;
			len -= n;
			continue;
		}
		if (n == -1 && errno != EAGAIN && errno != EINTR)
			die("send on %s: %s", c->name, strerror(errno));
		np = 0;
		pfd[np].fd = c->fd;
		pfd[np].events = POLLOUT;
		who[np++] = c;
		for (i = 0; i < nconns; i++) {
			if (&conns[i] == c || conns[i].fd == -1 ||
			    conns[i].noread || conns[i].eof)
				continue;
			pfd[np].fd = conns[i].fd;
			pfd[np].events = POLLIN;
			who[np++] = &conns[i];
		}
		if (poll(pfd, np, 10000) <= 0)
			die("send on %s: stuck for 10 s", c->name);
		for (i = 1; i < np; i++) {
			if (pfd[i].revents != 0)
				conn_fill(who[i]);
		}
	}
}

/*
 * Read one line (without its end) within ms milliseconds: 1 if a line, 0 on
 * timeout, -1 when the connection is closed.
 */
static int
conn_line(struct conn *c, char *out, size_t size, int ms)
{
	long long	 deadline = now_ms() + ms;
	struct pollfd	 pfd;
	char		*nl;
	size_t		 n;
	int		 left;

	for (;;) {
		if ((nl = memchr(c->buf, '\n', c->len)) != NULL) {
			n = nl - c->buf;
			if (n > 0 && c->buf[n - 1] == '\r')
				n--;
			if (n >= size)
				n = size - 1;
			memcpy(out, c->buf, n);
			out[n] = '\0';
			c->len -= nl + 1 - c->buf;
			memmove(c->buf, nl + 1, c->len);
			if (!quiet)
				printf("%s< %s\n", c->name, out);
			snprintf(c->history[c->nhistory++ % HISTORY],
			    sizeof c->history[0], "%s", out);
			return (1);
		}
		if (c->eof || c->fd == -1)
			return (-1);
		left = (int)(deadline - now_ms());
		if (left <= 0)
			return (0);
		pfd.fd = c->fd;
		pfd.events = POLLIN;
		if (!tls_pending(c) && poll(&pfd, 1, left) <= 0)
			continue;
		conn_fill(c);
	}
}

static void
do_expect(struct conn *c, const char *re, int first_only)
{
	regex_t		rx;
	regmatch_t	rm[2];
	char		line[BUF_SIZE];
	long long	deadline = now_ms() + timeout_ms;
	int		r, left;

	if (regcomp(&rx, re, REG_EXTENDED) != 0)
		die("bad regex /%s/", re);
	for (;;) {
		left = (int)(deadline - now_ms());
		r = conn_line(c, line, sizeof line, left > 0 ? left : 0);
		if (r == 0)
			die("%s: expected /%s/, timed out after %d ms", c->name,
			    re, timeout_ms);
		if (r < 0)
			die("%s: expected /%s/, connection closed", c->name, re);
		if (regexec(&rx, line, 2, rm, 0) == 0) {
			/* The first group is kept as ${MATCH} for later lines. */
			if (rm[1].rm_so >= 0) {
				line[rm[1].rm_eo] = '\0';
				setenv("MATCH", line + rm[1].rm_so, 1);
			}
			break;
		}
		if (first_only)
			die("%s: expected /%s/ next, got: %s", c->name, re,
			    line);
	}
	regfree(&rx);
}

static void
do_refute(struct conn *c, int ms, const char *re)
{
	regex_t		rx;
	char		line[BUF_SIZE];
	long long	deadline = now_ms() + ms;
	int		r, left;

	if (regcomp(&rx, re, REG_EXTENDED | REG_NOSUB) != 0)
		die("bad regex /%s/", re);
	for (;;) {
		left = (int)(deadline - now_ms());
		if (left <= 0)
			break;
		r = conn_line(c, line, sizeof line, left);
		if (r <= 0)
			break;
		if (regexec(&rx, line, 0, NULL, 0) == 0)
			die("%s: got /%s/, which should not come: %s", c->name,
			    re, line);
	}
	regfree(&rx);
}

/* A PING answered within ms: the server still serves c promptly. */
static void
do_served(struct conn *c, int ms)
{
	static int	seq;
	char		line[64], re[64];
	long long	start;
	int		n;

	n = snprintf(line, sizeof line, "PING :served-%d\r\n", ++seq);
	snprintf(re, sizeof re, "PONG [^ ]+ :served-%d$", seq);
	/* ASan and UBSan make chatd two to three times slower, valgrind 50. */
	if (getenv("CHATD_SANITIZED") != NULL)
		ms *= 3;
	if (getenv("CHATD_VALGRIND") != NULL)
		ms *= 50;
	start = now_ms();
	conn_send(c, line, n);
	do_expect(c, re, 0);
	printf("%s: served in %lld ms\n", c->name, now_ms() - start);
	if (now_ms() - start > ms)
		die("%s: PING answered in %lld ms, over %d", c->name,
		    now_ms() - start, ms);
}

static void
do_closed(struct conn *c)
{
	char		line[BUF_SIZE];
	long long	deadline = now_ms() + timeout_ms;
	int		r, left;

	for (;;) {
		left = (int)(deadline - now_ms());
		r = conn_line(c, line, sizeof line, left > 0 ? left : 0);
		if (r < 0)
			break;
		if (r == 0)
			die("%s: expected the server to close, timed out",
			    c->name);
	}
	tls_end(c);
	close(c->fd);
	c->fd = -1;
}

static void
do_register(struct conn *c, const char *nick, const char *caps)
{
	char	buf[1024];

	if (c->fd == -1)
		do_connect(c, OPEN_PLAIN, NULL);
	if (caps != NULL && *caps != '\0') {
		snprintf(buf, sizeof buf, "CAP LS 302\r\nCAP REQ :%s\r\n", caps);
		conn_send(c, buf, strlen(buf));
		do_expect(c, "CAP .* ACK", 0);
		conn_send(c, "CAP END\r\n", 9);
	}
	snprintf(buf, sizeof buf, "NICK %s\r\nUSER %s 0 * :Real %s\r\n", nick,
	    nick, nick);
	printf("%s> NICK %s / USER\n", c->name, nick);
	conn_send(c, buf, strlen(buf));
	do_expect(c, " 001 ", 0);
	do_expect(c, " (376|422) ", 0);
}

/* Register as nick, logged in with SASL PLAIN as account:password. */
static void
do_login(struct conn *c, const char *nick, const char *cred,
    const char *caps)
{
	char		 buf[1024], b64[700];
	uint8_t		 raw[512];
	const char	*colon = strchr(cred, ':');
	size_t		 n;

	if (colon == NULL || strlen(cred) + 2 > sizeof raw)
		die("login needs ACCOUNT:PASSWORD");
	raw[0] = '\0';
	n = 1 + (size_t)(colon - cred);
	memcpy(raw + 1, cred, n - 1);
	raw[n++] = '\0';
	memcpy(raw + n, colon + 1, strlen(colon + 1));
	n += strlen(colon + 1);
	scram_b64_encode(b64, sizeof b64, raw, n);
	if (c->fd == -1)
		do_connect(c, OPEN_PLAIN, NULL);
	snprintf(buf, sizeof buf, "CAP LS 302\r\nCAP REQ :sasl%s%s\r\n"
	    "NICK %s\r\nUSER %s 0 * :Real %s\r\nAUTHENTICATE PLAIN\r\n",
	    caps != NULL && *caps != '\0' ? " " : "", caps != NULL ? caps : "",
	    nick, nick, nick);
	printf("%s> CAP REQ :sasl %s / NICK %s / USER / AUTHENTICATE PLAIN\n",
	    c->name, caps != NULL ? caps : "", nick);
	conn_send(c, buf, strlen(buf));
	do_expect(c, "CAP .* ACK", 0);
	do_expect(c, "AUTHENTICATE \\+$", 0);
	snprintf(buf, sizeof buf, "AUTHENTICATE %s\r\n", b64);
	printf("%s> AUTHENTICATE (%s)\n", c->name, cred);
	conn_send(c, buf, strlen(buf));
	do_expect(c, " 903 ", 0);
	conn_send(c, "CAP END\r\n", 9);
	do_expect(c, " 001 ", 0);
	do_expect(c, " (376|422) ", 0);
}

/* Replace ${VAR} from the environment. */
static void
expand(const char *in, char *out, size_t size)
{
	const char	*end, *val;
	char		 var[128];
	size_t		 n = 0, vl;

	while (*in != '\0' && n < size - 1) {
		if (in[0] == '$' && in[1] == '{' &&
		    (end = strchr(in, '}')) != NULL &&
		    (size_t)(end - in - 2) < sizeof var) {
			memcpy(var, in + 2, end - in - 2);
			var[end - in - 2] = '\0';
			in = end + 1;
			/* ${x*494}: 494 copies of x. */
			if (var[0] != '\0' && var[1] == '*') {
				vl = strtoul(var + 2, NULL, 10);
				if (n + vl >= size)
					die("line too long after expansion");
				memset(out + n, var[0], vl);
				n += vl;
				continue;
			}
			if ((val = getenv(var)) == NULL)
				die("${%s} is not set", var);
			vl = strlen(val);
			if (n + vl >= size)
				die("line too long after expansion");
			memcpy(out + n, val, vl);
			n += vl;
		} else
			out[n++] = *in++;
	}
	out[n] = '\0';
}

static size_t
unescape(const char *in, char *out, size_t size)
{
	size_t		n = 0;
	unsigned int	v;

	while (*in != '\0' && n < size) {
		if (*in != '\\' || in[1] == '\0') {
			out[n++] = *in++;
			continue;
		}
		in++;
		switch (*in) {
		case 'r':
			out[n++] = '\r';
			break;
		case 'n':
			out[n++] = '\n';
			break;
		case '0':
			out[n++] = '\0';
			break;
		case 'x':
			if (sscanf(in + 1, "%2x", &v) != 1)
				die("bad \\x escape");
			out[n++] = (char)v;
			in += 2;
			break;
		default:
			out[n++] = *in;
			break;
		}
		in++;
	}
	return (n);
}

/* chatd's CPU time so far in milliseconds, from /proc/PID/stat. */
static long
chatd_cpu_ms(void)
{
	const char	*pid = getenv("CHATD_PID");
	char		 path[64], buf[1024], *p;
	unsigned long	 ut, st;
	FILE		*f;
	int		 i;

	if (pid == NULL)
		die("CHATD_PID is not set");
	snprintf(path, sizeof path, "/proc/%s/stat", pid);
	if ((f = fopen(path, "r")) == NULL || fgets(buf, sizeof buf, f) == NULL)
		die("cannot read %s", path);
	fclose(f);
	/* Fields 14 and 15, counted after the command's closing paren. */
	if ((p = strrchr(buf, ')')) == NULL)
		die("bad %s", path);
	for (i = 0; i < 11 && p != NULL; i++)
		p = strchr(p + 1, ' ');
	if (p == NULL || sscanf(p, " %lu %lu", &ut, &st) != 2)
		die("bad %s", path);
	return ((long)((ut + st) * 1000 / sysconf(_SC_CLK_TCK)));
}

/* A "Vm...:  N kB" figure from chatd's /proc/PID/status. */
static long
chatd_status_kb(const char *key)
{
	const char	*pid = getenv("CHATD_PID");
	char		 path[64], buf[256];
	long		 kb = -1;
	size_t		 len = strlen(key);
	FILE		*f;

	if (pid == NULL)
		die("CHATD_PID is not set");
	snprintf(path, sizeof path, "/proc/%s/status", pid);
	if ((f = fopen(path, "r")) == NULL)
		die("cannot read %s", path);
	while (fgets(buf, sizeof buf, f) != NULL) {
		if (strncmp(buf, key, len) == 0 && buf[len] == ':')
			kb = strtol(buf + len + 1, NULL, 10);
	}
	fclose(f);
	if (kb < 0)
		die("no %s in %s", key, path);
	return (kb);
}

static int
log_count(const char *re)
{
	const char	*path = getenv("CHATD_LOG");
	regex_t		 rx;
	FILE		*f;
	char		*line = NULL;
	size_t		 size = 0;
	int		 n = 0;

	if (path == NULL)
		die("CHATD_LOG is not set");
	if (regcomp(&rx, re, REG_EXTENDED | REG_NOSUB) != 0)
		die("bad regex /%s/", re);
	if ((f = fopen(path, "r")) != NULL) {
		while (getline(&line, &size, f) != -1) {
			line[strcspn(line, "\n")] = '\0';
			n += regexec(&rx, line, 0, NULL, 0) == 0;
		}
		fclose(f);
	}
	free(line);
	regfree(&rx);
	return (n);
}

static int
log_has(const char *re)
{
	return (log_count(re) > 0);
}

/* One copy of a repeated line, "%d" replaced by i, with CRLF; its length. */
static size_t
repeat_line(char *out, const char *line, long i)
{
	const char	*d = strstr(line, "%d");
	size_t		 n;

	if (d == NULL)
		n = (size_t)sprintf(out, "%s", line);
	else
		n = (size_t)sprintf(out, "%.*s%ld%s", (int)(d - line), line, i,
		    d + 2);
	memcpy(out + n, "\r\n", 2);
	return (n + 2);
}

/* The next count lines are line with %d counting from 0, in order. */
static void
do_series(struct conn *c, long count, const char *line)
{
	char	want[BUF_SIZE], got[BUF_SIZE];
	long	i;
	size_t	n;
	int	r;

	if (strlen(line) + 24 > sizeof want)
		die("series line too long");
	quiet = 1;
	for (i = 0; i < count; i++) {
		n = repeat_line(want, line, i);
		want[n - 2] = '\0';
		r = conn_line(c, got, sizeof got, timeout_ms);
		if (r <= 0 || strcmp(got, want) != 0) {
			quiet = 0;
			die("%s: line %ld of %ld: expected: %s, got: %s",
			    c->name, i, count, want, r > 0 ? got :
			    r == 0 ? "(timed out)" : "(closed)");
		}
	}
	quiet = 0;
	printf("%s< (%ld lines as expected) %s\n", c->name, count, line);
}

static int
signal_number(const char *name)
{
	static const struct {
		const char	*name;
		int		 sig;
	} sigs[] = {
		{ "HUP", SIGHUP }, { "INT", SIGINT }, { "TERM", SIGTERM },
		{ "PIPE", SIGPIPE }, { "USR1", SIGUSR1 },
	};
	size_t	i;

	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		if (strcmp(sigs[i].name, name) == 0)
			return (sigs[i].sig);
	}
	die("unknown signal %s", name);
}

int
main(void)
{
	char		 raw[BUF_SIZE], line[BUF_SIZE], *p, *cmd, *arg, *rest, *cred;
	char		*out, empty[4];
	struct conn	*c;
	const char	*env;
	long long	 deadline;
	long		 i, count;
	size_t		 n, len;
	FILE		*f;

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	if ((env = getenv("IRCSPEAK_TIMEOUT")) != NULL)
		timeout_ms = atoi(env);
	while (fgets(raw, sizeof raw, stdin) != NULL) {
		lineno++;
		raw[strcspn(raw, "\n")] = '\0';
		p = raw;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '#' || *p == '\0')
			continue;
		expand(p, line, sizeof line);
		cmd = strtok_r(line, " ", &rest);
		if (strcmp(cmd, "sleep") == 0) {
			usleep(atoi(rest) * 1000);
			continue;
		}
		if (strcmp(cmd, "log") == 0 || strcmp(cmd, "nolog") == 0) {
			deadline = now_ms() + timeout_ms;
			if (strcmp(cmd, "nolog") == 0) {
				if (log_has(rest))
					die("the log has /%s/", rest);
				continue;
			}
			while (!log_has(rest)) {
				if (now_ms() > deadline)
					die("no /%s/ in the log", rest);
				usleep(20000);
			}
			continue;
		}
		if (strcmp(cmd, "logcount") == 0) {
			count = strtol(rest, &p, 10);
			while (*p == ' ')
				p++;
			if (log_count(p) != count)
				die("the log has %d lines /%s/, not %ld",
				    log_count(p), p, count);
			continue;
		}
		if (strcmp(cmd, "cpu") == 0) {
			long	period = strtol(rest, &p, 10), max, before;

			max = strtol(p, NULL, 10);
			if (getenv("CHATD_VALGRIND") != NULL) {
				printf("(cpu not checked under valgrind)\n");
				continue;
			}
			before = chatd_cpu_ms();
			usleep(period * 1000);
			if (chatd_cpu_ms() - before > max)
				die("chatd used %ld ms of CPU in %ld ms (at most "
				    "%ld)", chatd_cpu_ms() - before, period, max);
			continue;
		}
		if (strcmp(cmd, "rss") == 0) {
			static long	mark;
			long		now = chatd_status_kb("VmRSS");
			long		peak = chatd_status_kb("VmHWM");

			if (strcmp(rest, "mark") == 0) {
				mark = now;
				printf("chatd RSS %ld kB\n", now);
				continue;
			}
			printf("chatd RSS %ld kB, peak %ld kB: %+ld kB over the "
			    "mark\n", now, peak, peak - mark);
			if (getenv("CHATD_SANITIZED") != NULL ||
			    getenv("CHATD_VALGRIND") != NULL)
				printf("(not checked: ASan and valgrind change "
				    "memory use)\n");
			else if (peak - mark > atol(rest))
				die("chatd's RSS grew by %ld kB (at most %s)",
				    peak - mark, rest);
			continue;
		}
		if (strcmp(cmd, "signal") == 0) {
			if ((env = getenv("CHATD_PID")) == NULL)
				die("CHATD_PID is not set");
			kill((pid_t)atol(env), signal_number(rest));
			continue;
		}
		if (strcmp(cmd, "write") == 0) {
			arg = strtok_r(NULL, " ", &rest);
			if (arg == NULL || (f = fopen(arg, "w")) == NULL)
				die("cannot write %s", arg != NULL ? arg : "");
			n = unescape(rest != NULL ? rest : "", raw, sizeof raw);
			fwrite(raw, 1, n, f);
			fputc('\n', f);
			fclose(f);
			continue;
		}
		if ((arg = strtok_r(NULL, " ", &rest)) == NULL)
			die("%s needs a connection name", cmd);
		c = conn_get(arg, strcmp(cmd, "connect") == 0 ||
		    strcmp(cmd, "register") == 0 || strcmp(cmd, "login") == 0);
		if (rest == NULL) {
			empty[0] = '\0';
			rest = empty;
		}
		if (strcmp(cmd, "connect") == 0) {
			arg = strtok_r(NULL, " ", &rest);
			do_connect(c, arg == NULL ? OPEN_PLAIN :
			    strcmp(arg, "rcvbuf") == 0 ? OPEN_RCVBUF :
			    strcmp(arg, "tls") == 0 ? OPEN_TLS :
			    strcmp(arg, "tlsport") == 0 ? OPEN_TLSPORT :
			    strcmp(arg, "tlsslow") == 0 ? OPEN_TLSSLOW :
			    (die("connect: unknown kind %s", arg), 0), rest);
		}
		else if (strcmp(cmd, "register") == 0) {
			arg = strtok_r(NULL, " ", &rest);
			if (arg == NULL)
				die("register needs a nick");
			do_register(c, arg, rest);
		} else if (strcmp(cmd, "login") == 0) {
			arg = strtok_r(NULL, " ", &rest);
			cred = strtok_r(NULL, " ", &rest);
			if (arg == NULL || cred == NULL)
				die("login needs a nick and ACCOUNT:PASSWORD");
			do_login(c, arg, cred, rest);
		} else if (strcmp(cmd, "send") == 0) {
			printf("%s> %s\n", c->name, rest);
			n = strlen(rest);
			rest[n++] = '\r';
			rest[n++] = '\n';
			conn_send(c, rest, n);
		} else if (strcmp(cmd, "sendraw") == 0) {
			printf("%s> (raw) %s\n", c->name, rest);
			n = unescape(rest, raw, sizeof raw);
			conn_send(c, raw, n);
		} else if (strcmp(cmd, "repeat") == 0) {
			count = strtol(rest, &p, 10);
			while (*p == ' ')
				p++;
			n = unescape(p, raw, sizeof raw - 1);
			raw[n] = '\0';
			p = raw;
			n += 24;		/* room for a number */
			if ((out = malloc(count * (n + 2) + 1)) == NULL)
				die("out of memory");
			for (i = 0, len = 0; i < count; i++)
				len += repeat_line(out + len, p, i);
			printf("%s> (%ld times) %s\n", c->name, count, p);
			conn_send(c, out, len);
			free(out);
		} else if (strcmp(cmd, "bytes") == 0) {
			count = strtol(rest, &p, 10);
			while (*p == ' ')
				p++;
			if ((out = malloc(count)) == NULL)
				die("out of memory");
			memset(out, *p, count);
			printf("%s> (%ld bytes of %c)\n", c->name, count, *p);
			conn_send(c, out, count);
			free(out);
		} else if (strcmp(cmd, "expect") == 0)
			do_expect(c, rest, 0);
		else if (strcmp(cmd, "next") == 0)
			do_expect(c, rest, 1);
		else if (strcmp(cmd, "series") == 0) {
			count = strtol(rest, &p, 10);
			while (*p == ' ')
				p++;
			do_series(c, count, p);
		}
		else if (strcmp(cmd, "refute") == 0) {
			count = strtol(rest, &p, 10);
			while (*p == ' ')
				p++;
			do_refute(c, (int)count, p);
		} else if (strcmp(cmd, "served") == 0)
			do_served(c, atoi(rest));
		else if (strcmp(cmd, "closed") == 0)
			do_closed(c);
		else if (strcmp(cmd, "close") == 0) {
			/* A clean close: FIN, then read to the server's end. */
#ifdef HAVE_OPENSSL
			if (c->ssl != NULL)
				SSL_shutdown(c->ssl);
#endif
			shutdown(c->fd, SHUT_WR);
			do_closed(c);
		} else if (strcmp(cmd, "reset") == 0) {
			struct linger	l = { 1, 0 };

			setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
			tls_end(c);
			close(c->fd);
			c->fd = -1;
		} else
			die("unknown command %s", cmd);
	}
	return (0);
}
