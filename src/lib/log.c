/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * One log for diagnostics and events. Every line starts with an ISO 8601 UTC
 * timestamp and the level, so programs can parse it; events are written as
 * key=value pairs with log_q() quoting values that need it (tmux's log.c).
 * Lines are made in one buffer and, in chatd, written once a loop turn to a
 * destination that cannot make the loop wait: what a full pipe does not
 * take waits in the buffer, up to a bound, and past it lines are dropped
 * and counted (event=log-dropped) rather than the loop blocked.
 */

#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "log.h"
#include "strfmt.h"

/* The longest line kept; a longer one is cut. */
#define LOG_LINE_MAX	8192
/* Room a line needs in the buffer: the text, the time, the level. */
#define LOG_LINE_ROOM	(LOG_LINE_MAX + 64)
#if LOG_EVENT_MAX + 64 > LOG_LINE_MAX
#error "an event line must fit a line"
#endif
/*
 * Most bytes held for a destination that does not take them (a full pipe):
 * past it, lines are dropped and counted rather than the loop waiting.
 */
#define LOG_HELD_MAX	(1024 * 1024)
/* The longest value log_q() returns: a message's text, every byte escaped. */
#define LOG_Q_MAX	(4 * 512 + 8)
/* Whether a value with this byte is written in quotes. */
/* How long log_close() waits for a slow destination to take the rest. */
#define LOG_CLOSE_MS	1000

enum log_kind {
	LOG_TO_FILE,		/* write(2) never waits long */
	LOG_TO_PIPE,		/* our own non-blocking description */
	LOG_TO_SOCKET		/* send(2) with MSG_DONTWAIT */
};

static int		 log_fd = STDERR_FILENO;
static int		 log_owned;	/* log_fd is ours to close */
static enum log_kind	 log_kind = LOG_TO_FILE;
static enum log_level	 log_level = LOG_INFO;
static int		(*log_flush_hook)(void);
static void		(*log_clock_hook)(struct timeval *);
static int		 log_pending;	/* a log_flush() is arranged */
static char		*log_buf;	/* lines not yet written */
static size_t		 log_len;
static size_t		 log_size;
static unsigned long long log_dropped;
static time_t		 log_stamp_sec = -1;
static char		 log_stamp[32];	/* "YYYY-MM-DDThh:mm:ss.mmmZ " */
static int		 log_stamp_ok;	/* log_stamp is this turn's */
#define LOG_STAMP_LEN	25

static const char *log_names[] = { "error", "warn", "info", "debug" };
/* Each name and its space, padded to 8 bytes, and their lengths. */
static const char log_tags[][8] = { "error  ", "warn   ", "info   ",
	"debug  " };
static const size_t log_tag_lens[] = { 6, 5, 5, 6 };
/*
 * The bytes a value may have unquoted: printable ASCII but space, '"', '='
 * and '\\', and every byte of UTF-8 beyond ASCII (GNU C's ranges).
 */
static const unsigned char log_plain[256] = {
	[0x21] = 1, [0x23 ... 0x3c] = 1, [0x3e ... 0x5b] = 1,
	[0x5d ... 0x7e] = 1, [0x80 ... 0xff] = 1
};

static void	log_event_cb(int, const char *);
static int	log_destination(int, int);
static ssize_t	log_send(const char *, size_t);
static int	log_room(size_t);
static void	 log_stamp_make(void);
static char	*log_start(enum log_level);
static void	 log_end(char *);
static char	*log_quote(char *, char *, const char *);
static void	log_line(enum log_level, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));
static void	log_text(enum log_level, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/*
 * Make fd the destination, as a descriptor that never blocks the loop: a
 * pipe, FIFO or terminal is opened again through /proc as a description of
 * our own with O_NONBLOCK (setting it on fd would change it for the shell
 * that shares it), a socket (the journal) is sent to with MSG_DONTWAIT, and
 * a file is written as it is.
 */
static int
log_destination(int fd, int owned)
{
	struct stat	st;
	char		path[64];
	int		nfd;

	log_kind = LOG_TO_FILE;
	if (fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode))
		log_kind = LOG_TO_SOCKET;
	else if (fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) ||
	    S_ISCHR(st.st_mode))) {
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		nfd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
		if (nfd != -1) {
			if (owned)
				close(fd);
			fd = nfd;
			owned = 1;
			log_kind = LOG_TO_PIPE;
		}
	}
	if (log_owned)
		close(log_fd);
	log_fd = fd;
	log_owned = owned;
	return (0);
}

int
log_open(const char *path)
{
	int	fd;

	if (path == NULL || *path == '\0') {
		(void)log_flush();
		return (log_destination(STDERR_FILENO, 0));
	}
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_CLOEXEC,
	    0640);
	if (fd == -1)
		return (-1);
	/* What the old destination has not taken goes to the new one. */
	(void)log_flush();
	return (log_destination(fd, 1));
}

/*
 * Hold the lines until log_flush(), so a busy loop turn costs one write,
 * not one per line. hook is called at the first line held and returns 1 if
 * it arranged a log_flush() (chatd runs one at the end of the loop turn),
 * 0 if not, when it is asked again at the next line.
 */
void
log_defer(int (*hook)(void))
{
	log_flush_hook = hook;
}

/*
 * Take the time of a line from clock rather than gettimeofday(): chatd's
 * loop turn has one, read once, which its messages carry too.
 */
void
log_clock(void (*clock)(struct timeval *))
{
	log_clock_hook = clock;
}

int
log_fileno(void)
{
	return (log_fd);
}

/* Write what the destination takes now of the held lines. */
static ssize_t
log_send(const char *data, size_t len)
{
	if (log_kind == LOG_TO_SOCKET)
		return (send(log_fd, data, len, MSG_DONTWAIT | MSG_NOSIGNAL));
	return (write(log_fd, data, len));
}

size_t
log_flush(void)
{
	size_t	off = 0, i;
	ssize_t	n;
	int	failed = 0;

	log_pending = 0;
	log_stamp_ok = 0;
	while (off < log_len) {
		n = log_send(log_buf + off, log_len - off);
		if (n > 0) {
			off += n;
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		/* A destination that is gone: what it cannot take is lost. */
		for (i = off; i < log_len; i++)
			log_dropped += (log_buf[i] == '\n');
		off = log_len;
		failed = 1;
	}
	if (off != 0) {
		memmove(log_buf, log_buf + off, log_len - off);
		log_len -= off;
	}
	/* Said once there is room again, and never into a broken one. */
	if (log_dropped != 0 && !failed && log_len + LOG_LINE_ROOM <=
	    LOG_HELD_MAX) {
		n = (ssize_t)log_dropped;
		log_dropped = 0;
		log_text(LOG_WARN, "event=log-dropped lines=%llu",
		    (unsigned long long)n);
	}
	return (log_len);
}

void
log_close(void)
{
	struct pollfd	pfd;
	int		waited = 0;

	/* A last wait, bounded, for a slow destination; then the rest goes. */
	while (log_flush() != 0 && waited < LOG_CLOSE_MS) {
		pfd.fd = log_fd;
		pfd.events = POLLOUT;
		if (poll(&pfd, 1, 50) == -1 && errno != EINTR)
			break;
		waited += 50;
	}
	if (log_owned)
		close(log_fd);
	log_fd = STDERR_FILENO;
	log_owned = 0;
	log_kind = LOG_TO_FILE;
	free(log_buf);
	log_buf = NULL;
	log_len = log_size = 0;
}

void
log_set_level(enum log_level level)
{
	log_level = level;
}

enum log_level
log_get_level(void)
{
	return (log_level);
}

int
log_level_from_string(const char *s)
{
	size_t	i;

	for (i = 0; i < sizeof log_names / sizeof log_names[0]; i++) {
		if (strcmp(s, log_names[i]) == 0)
			return ((int)i);
	}
	return (-1);
}

const char *
log_level_to_string(enum log_level level)
{
	return (log_names[level]);
}

/* libevent's messages: its errors are ours, the rest is debug. */
static void
log_event_cb(int severity, const char *msg)
{
	enum log_level	level;

	switch (severity) {
	case EVENT_LOG_ERR:
		level = LOG_ERROR;
		break;
	case EVENT_LOG_WARN:
		level = LOG_WARN;
		break;
	default:
		level = LOG_DEBUG;
		break;
	}
	log_write(level, "libevent: %s", msg);
}

void
log_libevent(void)
{
	event_set_log_callback(log_event_cb);
}

void
log_vwrite(enum log_level level, const char *fmt, va_list ap)
{
	if (level <= log_level)
		log_line(level, fmt, ap);
}

void
log_always(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_line(LOG_INFO, fmt, ap);
	va_end(ap);
}

/* A line whatever the level (the log's own). */
static void
log_text(enum log_level level, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_line(level, fmt, ap);
	va_end(ap);
}

/*
 * Room for one more line of at most len bytes, the buffer grown up to
 * LOG_HELD_MAX; 0 if the destination is so far behind that the line must
 * be dropped (its room event writes the rest when it can).
 */
static int
log_room(size_t len)
{
	size_t	 size;
	char	*buf;

	if (log_len + len > LOG_HELD_MAX && log_flush_hook != NULL)
		return (0);
	if (log_len + len <= log_size)
		return (1);
	size = log_size == 0 ? 65536 : log_size;
	while (log_len + len > size)
		size *= 2;
	if (size > LOG_HELD_MAX && log_len + len <= LOG_HELD_MAX)
		size = LOG_HELD_MAX;
	/* Not xmalloc: its failure would log, and come back here. */
	if ((buf = realloc(log_buf, size)) == NULL)
		return (0);
	log_buf = buf;
	log_size = size;
	return (1);
}

/*
 * Make the time of the lines to come: the date and time to the second once
 * a second, the milliseconds each time.
 */
static void
log_stamp_make(void)
{
	struct timeval	 tv;
	struct tm	 tm;
	int		 ms;

	if (log_clock_hook != NULL)
		log_clock_hook(&tv);
	else
		gettimeofday(&tv, NULL);
	if (tv.tv_sec != log_stamp_sec) {
		log_stamp_sec = tv.tv_sec;
		gmtime_r(&tv.tv_sec, &tm);
		strftime(log_stamp, sizeof log_stamp, "%Y-%m-%dT%H:%M:%S.",
		    &tm);
	}
	ms = (int)(tv.tv_usec / 1000);
	log_stamp[20] = '0' + ms / 100;
	log_stamp[21] = '0' + ms / 10 % 10;
	log_stamp[22] = '0' + ms % 10;
	log_stamp[23] = 'Z';
	log_stamp[24] = ' ';
	/* With a loop, the lines of one turn share its time (log_flush()). */
	log_stamp_ok = log_flush_hook != NULL;
}

/*
 * Start a line in the held lines, if there is room: the time and the level.
 * NULL if the line must be dropped; else where its text goes, with
 * LOG_LINE_MAX bytes free.
 */
static char *
log_start(enum log_level level)
{
	char	*p;

	if (log_len + LOG_LINE_ROOM > log_size && !log_room(LOG_LINE_ROOM)) {
		log_dropped++;
		return (NULL);
	}
	if (!log_stamp_ok)
		log_stamp_make();
	p = log_buf + log_len;
	memcpy(p, log_stamp, LOG_STAMP_LEN);
	p += LOG_STAMP_LEN;
	/* The names padded to 8 bytes: one copy, then only the length. */
	memcpy(p, log_tags[level], 8);
	return (p + log_tag_lens[level]);
}

/*
 * End the line whose text ends at p: it is held, and written at once when
 * there is no loop (no hook).
 */
static void
log_end(char *p)
{
	*p++ = '\n';
	log_len = p - log_buf;
	if (log_flush_hook == NULL)
		(void)log_flush();
	else if (!log_pending)
		log_pending = log_flush_hook();
}

/* Add one line made from a format (strfmt: copies and digits). */
static void
log_line(enum log_level level, const char *fmt, va_list ap)
{
	char	*p;

	if ((p = log_start(level)) != NULL)
		log_end(p + strfmt_v(p, LOG_LINE_MAX, fmt, ap));
}

/*
 * The event line's builder (log.h). Its fields are short (ids, nicks,
 * channels), so bytes are copied by hand, not by memcpy and strlen calls,
 * which cost more than the copying; a value is checked for quoting as it
 * is copied.
 */
char *
log_event_start(enum log_level level)
{
	return (level <= log_level ? log_start(level) : NULL);
}

/* Put a value after its key: copied as it is checked, or quoted if need be. */
void
log_event_value_(struct log_event *ev, const char *value)
{
	const unsigned char	*v = (const unsigned char *)value;
	char			*p = ev->p, *end = ev->end;

	while (log_plain[*v] && p < end)
		*p++ = *v++;
	if (*v == '\0' && p != ev->p)
		ev->p = p;
	else
		ev->p = log_quote(ev->p, ev->end, value);
}

/* Put a number after its key, two digits a division. */
void
log_event_number_(struct log_event *ev, unsigned long long v)
{
	static const char	 pairs[] =
	    "00010203040506070809101112131415161718192021222324252627282930"
	    "31323334353637383940414243444546474849505152535455565758596061"
	    "6263646566676869707172737475767778798081828384858687888990919293"
	    "949596979899";
	char			 digits[24], *d = digits + sizeof digits;
	char			*p = ev->p;
	unsigned int		 i;

	while (v >= 100) {
		i = (unsigned int)(v % 100) * 2;
		v /= 100;
		*--d = pairs[i + 1];
		*--d = pairs[i];
	}
	if (v >= 10) {
		*--d = pairs[v * 2 + 1];
		*--d = pairs[v * 2];
	} else
		*--d = '0' + (char)v;
	while (d < digits + sizeof digits)
		*p++ = *d++;
	ev->p = p;
}

void
log_event_end(struct log_event *ev)
{
	log_end(ev->p);
}

void
log_write(enum log_level level, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(level, fmt, ap);
	va_end(ap);
}

/*
 * Write s at p quoted, as far as end allows (the closing quote always fits,
 * if the opening one did); where the quoted text ends.
 */
static char *
log_quote(char *p, char *end, const char *s)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 ch;

	if (end - p < 2)
		return (p);
	*p++ = '"';
	for (; *s != '\0' && end - p > 5; s++) {
		ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\') {
			*p++ = '\\';
			*p++ = ch;
		} else if (ch < 0x20 || ch == 0x7f) {
			*p++ = '\\';
			*p++ = 'x';
			*p++ = hex[ch >> 4];
			*p++ = hex[ch & 15];
		} else
			*p++ = ch;
	}
	*p++ = '"';
	return (p);
}

const char *
log_q(const char *s)
{
	static char	 bufs[4][LOG_Q_MAX];
	static int	 next;
	char		*buf;
	const char	*p;

	for (p = s; log_plain[(unsigned char)*p]; p++)
		/* nothing */;
	if (*p == '\0' && p != s)
		return (s);
	buf = bufs[next];
	next = (next + 1) % 4;
	*log_quote(buf, buf + sizeof bufs[0] - 1, s) = '\0';
	return (buf);
}

static __attribute__((noreturn)) void
log_fatal(const char *fmt, va_list ap, int with_errno)
{
	char	*msg;
	int	 saved = errno;

	if (vasprintf(&msg, fmt, ap) == -1)
		msg = NULL;
	if (with_errno)
		log_write(LOG_ERROR, "fatal: %s: %s", msg != NULL ? msg : fmt,
		    strerror(saved));
	else
		log_write(LOG_ERROR, "fatal: %s", msg != NULL ? msg : fmt);
	free(msg);
	log_close();
	exit(1);
}

void
fatal(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_fatal(fmt, ap, 1);
}

void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_fatal(fmt, ap, 0);
}
