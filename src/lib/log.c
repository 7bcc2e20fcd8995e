/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * One log for diagnostics and events. Every line starts with an ISO 8601 UTC
 * timestamp and the level, so programs can parse it; events are written as
 * key=value pairs with log_q() quoting values that need it (tmux's log.c).
 */

#include "config.h"

#include <sys/time.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "log.h"

#define LOG_BUFFER	(64 * 1024)

static FILE		*log_file;
static enum log_level	 log_level = LOG_INFO;
static int		(*log_flush_hook)(void);
static int		 log_pending;	/* lines held for log_flush() */

static const char *log_names[] = { "error", "warn", "info", "debug" };

static void	log_event_cb(int, const char *);

int
log_open(const char *path)
{
	FILE	*f;

	if (path == NULL || *path == '\0') {
		log_close();
		return (0);
	}
	if ((f = fopen(path, "a")) == NULL)
		return (-1);
	if (log_flush_hook != NULL)
		setvbuf(f, NULL, _IOFBF, LOG_BUFFER);
	else
		setvbuf(f, NULL, _IOLBF, 0);
	log_close();
	log_file = f;
	return (0);
}

/*
 * Hold the lines written to a log file until log_flush(), so a busy loop
 * turn costs one write, not one per line. hook is called at the first
 * line held and returns 1 if it arranged a log_flush() (chatd runs one at
 * the end of the loop turn), 0 if not, when it is asked again at the next
 * line. Call before log_open().
 */
void
log_defer(int (*hook)(void))
{
	log_flush_hook = hook;
}

void
log_flush(void)
{
	if (log_file != NULL)
		fflush(log_file);
	log_pending = 0;
}

void
log_close(void)
{
	if (log_file != NULL)
		fclose(log_file);
	log_file = NULL;
	fflush(stderr);
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

static void	log_line(enum log_level, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));

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

/* Write one timestamped line. */
static void
log_line(enum log_level level, const char *fmt, va_list ap)
{
	FILE		*f;
	struct timeval	 tv;
	struct tm	 tm;
	char		 stamp[32];

	f = log_file != NULL ? log_file : stderr;
	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(f, "%s.%03dZ %s ", stamp, (int)(tv.tv_usec / 1000),
	    log_names[level]);
	vfprintf(f, fmt, ap);
	fputc('\n', f);
	if (f == log_file && log_flush_hook != NULL && !log_pending)
		log_pending = log_flush_hook();
}

void
log_write(enum log_level level, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(level, fmt, ap);
	va_end(ap);
}

const char *
log_q(const char *s)
{
	static char	 bufs[4][1024];
	static int	 next;
	char		*buf, *out;
	const char	*p;
	int		 quote = (*s == '\0');

	for (p = s; *p != '\0' && !quote; p++) {
		if (*p == ' ' || *p == '"' || *p == '=' || *p == '\\' ||
		    (unsigned char)*p < 0x20 || *p == 0x7f)
			quote = 1;
	}
	if (!quote)
		return (s);

	buf = bufs[next];
	next = (next + 1) % 4;
	out = buf;
	*out++ = '"';
	for (p = s; *p != '\0' && out < buf + sizeof bufs[0] - 6; p++) {
		if (*p == '"' || *p == '\\') {
			*out++ = '\\';
			*out++ = *p;
		} else if ((unsigned char)*p < 0x20 || *p == 0x7f)
			out += sprintf(out, "\\x%02x", (unsigned char)*p);
		else
			*out++ = *p;
	}
	*out++ = '"';
	*out = '\0';
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
