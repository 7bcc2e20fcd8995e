/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The diagnostic and event log: levels, stderr or a file, fatal exits.
 */

#ifndef CHAT_LOG_H
#define CHAT_LOG_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

enum log_level {
	LOG_ERROR,
	LOG_WARN,
	LOG_INFO,
	LOG_DEBUG
};

/*
 * Log to path (appending; opened again if it is the same, as after a
 * rotation) or, when path is NULL or empty, to stderr; 0 or -1 with errno.
 */
int	 log_open(const char *);
/* Write what is held, waiting at most a second, and close the log file. */
void	 log_close(void);
/* Hold lines until log_flush(); the hook arranges a flush (log.c). */
void	 log_defer(int (*)(void));
/* Write what the destination takes now; the bytes still held. */
size_t	 log_flush(void);
struct timeval;
/* Where a line's time comes from; gettimeofday() unless set. */
void	 log_clock(void (*)(struct timeval *));
/* The descriptor written to, to wait for room when log_flush() left some. */
int	 log_fileno(void);
void	 log_set_level(enum log_level);
enum log_level log_get_level(void);
/* Parse "error", "warn", "info" or "debug"; -1 if none. */
int	 log_level_from_string(const char *);
const char *log_level_to_string(enum log_level);
/* Route libevent's own messages into this log. */
void	 log_libevent(void);

void	 log_write(enum log_level, const char *, ...)
	     __attribute__((format(printf, 2, 3)));
void	 log_vwrite(enum log_level, const char *, va_list)
	     __attribute__((format(printf, 2, 0)));
#define log_error(...)	log_write(LOG_ERROR, __VA_ARGS__)
#define log_warn(...)	log_write(LOG_WARN, __VA_ARGS__)
/* Below the level, not even the arguments (log_q() and the like) are made. */
#define log_info(...) do {						\
	if (log_get_level() >= LOG_INFO)				\
		log_write(LOG_INFO, __VA_ARGS__);			\
} while (0)
#define log_debug(...) do {						\
	if (log_get_level() >= LOG_DEBUG)				\
		log_write(LOG_DEBUG, __VA_ARGS__);			\
} while (0)
/* Write an info line whatever the level: start, listening, exit. */
void	 log_always(const char *, ...) __attribute__((format(printf, 1, 2)));

/*
 * An event line built field by field, for the events of every connection
 * and message: a fifth of what the same line costs from a format.
 *
 *	if (log_event_begin(&ev, LOG_INFO, "join")) {
 *		log_event_uint(&ev, "id", c->id);
 *		log_event_str(&ev, "channel", name);	(quoted if need be)
 *		log_event_end(&ev);
 *	}
 *
 * log_event_begin() is 0 when the level is off or the line is dropped;
 * fields past the longest line are left out.
 */
struct log_event {
	char	*p;
	char	*end;
};
/* Keys and names are literals: their lengths are known at compile time. */
#define log_event_begin(ev, level, name)				\
	log_event_begin_((ev), (level), "event=" name,			\
	    sizeof ("event=" name) - 1)
#define log_event_str(ev, key, value) do {				\
	if (log_event_key_((ev), " " key "=", sizeof (key) + 1))	\
		log_event_value_((ev), (value));			\
} while (0)
#define log_event_uint(ev, key, value) do {				\
	if (log_event_key_((ev), " " key "=", sizeof (key) + 1))	\
		log_event_number_((ev), (value));			\
} while (0)
/* A line's start, after its time and level, with room for LOG_EVENT_MAX. */
char	*log_event_start(enum log_level);
void	 log_event_value_(struct log_event *, const char *);
void	 log_event_number_(struct log_event *, unsigned long long);
void	 log_event_end(struct log_event *);

/* Room for the longest value quoted, a number, a short key. */
#define LOG_EVENT_ROOM	(4 * 512 + 64)
/* The most an event line holds: past it, fields are left out. */
#define LOG_EVENT_MAX	8000

static inline int
log_event_begin_(struct log_event *ev, enum log_level level,
    const char *start, size_t len)
{
	char	*p;

	if ((p = log_event_start(level)) == NULL)
		return (0);
	memcpy(p, start, len);
	ev->p = p + len;
	ev->end = p + LOG_EVENT_MAX;
	return (1);
}

/* Put " key=" (a literal, so a copy of known size); 0 if the line is full. */
static inline int
log_event_key_(struct log_event *ev, const char *key, size_t klen)
{
	if ((size_t)(ev->end - ev->p) < klen + LOG_EVENT_ROOM)
		return (0);
	memcpy(ev->p, key, klen);
	ev->p += klen;
	return (1);
}

/*
 * Quote s for a key=value log line if it needs it; the result lives in one
 * of a few rotating static buffers, so use it before the next few calls.
 */
const char *log_q(const char *);

/* Log with strerror(errno) appended, then exit 1. */
__attribute__((noreturn, format(printf, 1, 2))) void fatal(const char *, ...);
/* Log, then exit 1. */
__attribute__((noreturn, format(printf, 1, 2))) void fatalx(const char *, ...);

#endif
