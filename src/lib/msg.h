/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * IRC messages: parse one line in place, walk its tags, escape tag values,
 * format server-time stamps.
 */

#ifndef CHAT_MSG_H
#define CHAT_MSG_H

#include <stddef.h>
#include <sys/time.h>

#include "chatlimits.h"

struct msg {
	char	*tags;		/* tag section without '@', or NULL */
	char	*source;	/* source without ':', or NULL */
	char	*verb;
	char	*params[MSG_MAX_PARAMS];
	int	 nparams;
};

/* One tag as it appears on the wire: key and escaped value, not terminated. */
struct msg_tag {
	const char	*key;
	size_t		 keylen;
	const char	*value;		/* NULL when the tag has no '=' */
	size_t		 valuelen;
};

/*
 * Parse line in place into m; the pointers in m point into line, which the
 * caller keeps. Returns 0, or -1 if there is no verb.
 */
int	 msg_parse(struct msg *, char *);
/*
 * Check the DESIGN.md limits on a line without its CRLF: at most maxtags
 * bytes of tag section with its '@' and space (LINE_MAX_CLIENT_TAGS from a
 * client, LINE_MAX_TAGS from a server) and LINE_MAX_BODY - 2 bytes of the
 * rest. Returns 0 if it fits, -1 if not.
 */
int	 msg_check_length(const char *, size_t, size_t);
/* Walk the tag section: fills t and advances *p; 0 when none is left. */
int	 msg_tag_next(const char **, struct msg_tag *);
/* Find key in tags; its escaped value in t; 0 if absent. */
int	 msg_tag_find(const char *, const char *, struct msg_tag *);
/* Unescape a tag value into dst (size bytes, terminated); returns length. */
size_t	 msg_tag_unescape(char *, size_t, const char *, size_t);
/* Escape a tag value into dst (size bytes, terminated); returns length. */
size_t	 msg_tag_escape(char *, size_t, const char *);
/* Whether a parameter must be sent as a trailing ":param". */
int	 msg_needs_colon(const char *);
/* Format tv as YYYY-MM-DDThh:mm:ss.sssZ into buf (at least 25 bytes). */
void	 msg_format_time(char *, size_t, const struct timeval *);
/* Parse a server-time stamp; 0 on success, -1 if malformed. */
int	 msg_parse_time(const char *, struct timeval *);

#endif
