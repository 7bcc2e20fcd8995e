/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The diagnostic and event log: levels, stderr or a file, fatal exits.
 */

#ifndef CHAT_LOG_H
#define CHAT_LOG_H

#include <stdarg.h>

enum log_level {
	LOG_ERROR,
	LOG_WARN,
	LOG_INFO,
	LOG_DEBUG
};

/* Log to path (appending) or, when path is NULL, to stderr; 0 or -1. */
int	 log_open(const char *);
/* Close the log file, flushing it. */
void	 log_close(void);
/* Hold file lines until log_flush(); the hook arranges a flush (log.c). */
void	 log_defer(int (*)(void));
void	 log_flush(void);
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
 * Quote s for a key=value log line if it needs it; the result lives in one
 * of a few rotating static buffers, so use it before the next few calls.
 */
const char *log_q(const char *);

/* Log with strerror(errno) appended, then exit 1. */
__attribute__((noreturn, format(printf, 1, 2))) void fatal(const char *, ...);
/* Log, then exit 1. */
__attribute__((noreturn, format(printf, 1, 2))) void fatalx(const char *, ...);

#endif
