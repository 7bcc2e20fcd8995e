/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * draft/multiline. What is received: the lines of a multiline batch are
 * gathered and, at its end, handled as one message whose text has a line
 * feed between its lines (a draft/multiline-concat line is joined with
 * none), with the tags of the BATCH line (msgid, time, and the batch it is
 * in, so history's are kept with history's). The pane draws each line of
 * it as a row of its own under the text column.
 *
 * What is sent: text of several lines, or one line too long for one
 * message, goes as one batch where the server takes them and the text
 * fits its max-bytes and max-lines, long lines cut where a person would,
 * the space kept at the end of a piece so that joined they are the text
 * again. The batch is one entry of the send queue: its lines never part,
 * and it costs the pace what the server charges for it.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "cap.h"
#include "chatui.h"

#define MULTILINE_TYPE		"draft/multiline"
#define MULTILINE_CONCAT	"draft/multiline-concat"

/* The batch being received (one at a time: servers never interleave). */
static struct {
	char	 ref[64];
	char	*tags;		/* of its BATCH line, escaped */
	char	*source;
	char	*target;
	char	 verb[8];	/* PRIVMSG or NOTICE, from its lines */
	char	*text;
	size_t	 len;
	int	 lines;
} ml;

static unsigned int	multiline_seq;

static void	multiline_reset(void);
static void	multiline_append(const char *, size_t);

static void
multiline_reset(void)
{
	free(ml.tags);
	free(ml.source);
	free(ml.target);
	free(ml.text);
	memset(&ml, 0, sizeof ml);
}

/* CAP LS's draft/multiline=max-bytes=N,max-lines=N. */
void
multiline_cap(const char *value)
{
	const char	*p;

	cu.multiline_bytes = 0;
	cu.multiline_lines = 0;
	for (p = value; p != NULL && *p != '\0'; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (strncmp(p, "max-bytes=", 10) == 0)
			cu.multiline_bytes = atoi(p + 10);
		else if (strncmp(p, "max-lines=", 10) == 0)
			cu.multiline_lines = atoi(p + 10);
		if (strchr(p, ',') == NULL)
			break;
	}
}

static void
multiline_append(const char *s, size_t n)
{
	ml.text = xreallocarray(ml.text, 1, ml.len + n + 1);
	memcpy(ml.text + ml.len, s, n);
	ml.len += n;
	ml.text[ml.len] = '\0';
}

/*
 * Whether m belongs to a multiline batch (its BATCH lines, or a line
 * tagged with its reference): then it is taken here, and at the end the
 * whole message goes to fn as one line would.
 */
int
multiline_take(struct msg *m, void (*fn)(struct msg *))
{
	struct msg	 whole;
	struct msg_tag	 t;
	char		 id[64];

	if (strcmp(m->verb, "BATCH") == 0 && m->nparams >= 3 &&
	    *m->params[0] == '+' && strcmp(m->params[1], MULTILINE_TYPE) == 0) {
		multiline_reset();
		xstrlcpy(ml.ref, m->params[0] + 1, sizeof ml.ref);
		ml.tags = m->tags != NULL ? xstrdup(m->tags) : NULL;
		ml.source = m->source != NULL ? xstrdup(m->source) : NULL;
		ml.target = xstrdup(m->params[2]);
		ml.text = xstrdup("");
		xstrlcpy(ml.verb, "PRIVMSG", sizeof ml.verb);
		return (1);
	}
	if (*ml.ref == '\0')
		return (0);
	if (strcmp(m->verb, "BATCH") == 0 && m->nparams >= 1 &&
	    *m->params[0] == '-' && strcmp(m->params[0] + 1, ml.ref) == 0) {
		memset(&whole, 0, sizeof whole);
		whole.tags = ml.tags;
		whole.source = ml.source;
		whole.verb = ml.verb;
		whole.params[0] = ml.target;
		whole.params[1] = ml.text;
		whole.nparams = 2;
		if (ml.lines > 0)
			fn(&whole);
		multiline_reset();
		return (1);
	}
	if (m->tags == NULL || !msg_tag_find(m->tags, "batch", &t) ||
	    t.value == NULL)
		return (0);
	msg_tag_unescape(id, sizeof id, t.value, t.valuelen);
	if (strcmp(id, ml.ref) != 0)
		return (0);
	if ((strcmp(m->verb, "PRIVMSG") == 0 || strcmp(m->verb, "NOTICE") ==
	    0) && m->nparams >= 2) {
		xstrlcpy(ml.verb, m->verb, sizeof ml.verb);
		if (ml.lines > 0 && !msg_tag_find(m->tags, MULTILINE_CONCAT, &t))
			multiline_append("\n", 1);
		multiline_append(m->params[1], strlen(m->params[1]));
		ml.lines++;
	}
	return (1);
}

/* Whether the server takes multiline batches from us. */
static int
multiline_usable(void)
{
	return ((cu.caps & (CAP_MULTILINE | CAP_BATCH)) ==
	    (CAP_MULTILINE | CAP_BATCH) && cu.registered &&
	    cu.multiline_bytes > 0);
}

/*
 * Send text (lines with a line feed between) to target as one multiline
 * message of verb; 0 if it cannot be, and nothing was sent: the server
 * has no multiline, or the text is past its limits.
 */
int
multiline_say(const char *verb, const char *target, const char *text)
{
	struct evbuffer	*b;
	const char	*p, *end, *nl;
	size_t		 room = net_text_room(verb, target, 0), n, len, total;
	char		 ref[16];
	int		 lines = 0, concat;

	total = strlen(text);
	if (!multiline_usable() || (strchr(text, '\n') == NULL &&
	    total <= room) || total > (size_t)cu.multiline_bytes)
		return (0);
	snprintf(ref, sizeof ref, "c%u", ++multiline_seq);
	b = evbuffer_new();
	evbuffer_add_printf(b, "BATCH +%s %s %s", ref, MULTILINE_TYPE, target);
	for (p = text; p != NULL; p = nl != NULL ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		end = nl != NULL ? nl : p + strlen(p);
		concat = 0;
		do {
			/*
			 * A piece, and the spaces after it (a byte is left
			 * for one): joined, the pieces are the text.
			 */
			len = end - p;
			if ((n = format_split_n(p, len, len > room ? room - 1 :
			    room)) == 0 && p < end)
				n = 1;
			while (p + n < end && p[n] == ' ' && n < room)
				n++;
			evbuffer_add_printf(b, "\r\n@batch=%s%s %s %s :%.*s",
			    ref, concat ? ";" MULTILINE_CONCAT : "", verb,
			    target, (int)n, p);
			lines++;
			concat = 1;
			p += n;
		} while (p < end);
	}
	evbuffer_add_printf(b, "\r\nBATCH -%s", ref);
	if (cu.multiline_lines > 0 && lines > cu.multiline_lines) {
		evbuffer_free(b);
		return (0);
	}
	/* chatd charges a batch one line, and one a KB of its text. */
	net_queue_block((const char *)evbuffer_pullup(b, -1),
	    evbuffer_get_length(b), 1 + (int)(total / 1024));
	evbuffer_free(b);
	return (1);
}

void
multiline_free(void)
{
	multiline_reset();
}
