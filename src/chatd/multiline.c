/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * draft/multiline: a message of several lines, sent by a client as a batch
 * (BATCH +ref draft/multiline TARGET, its PRIVMSG lines tagged batch=ref,
 * BATCH -ref) and told as one message, with one msgid and one time: as a
 * batch to those who have the cap, as its non-blank lines to the others.
 *
 * A message is kept as one line, ":mask VERB target :text", whose text
 * holds the lines with a line feed before each new line and a carriage
 * return before a draft/multiline-concat one (neither can be in a line's
 * text), so history, the db and the sinks keep it as they keep any other
 * message; multiline_format() tells it again in the form a client takes,
 * live (event.c) and from history (history.c).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "casemap.h"
#include "chatd.h"

#define MULTILINE_TYPE		"draft/multiline"
#define MULTILINE_CONCAT	"draft/multiline-concat"
#define MULTILINE_REF_MAX	64

/* A batch a client is sending: what it said so far, checked. */
struct multiline {
	char		 ref[MULTILINE_REF_MAX + 1];
	char		 target[CHANNEL_MAX + NICK_MAX + 1];
	char		 label[SEND_LABEL_MAX + 1];	/* of BATCH + */
	char		*tags;		/* client-only tags of BATCH + */
	const char	*verb;		/* PRIVMSG or NOTICE, or NULL */
	unsigned int	 lines;
	size_t		 bytes;		/* as max-bytes counts them */
	int		 failed;	/* told FAIL: the rest is ignored */
	size_t		 len;
	char		 text[MULTILINE_MAX_BYTES + MULTILINE_MAX_LINES + 1];
};

static void	multiline_fail(struct client *, const char *, const char *);
static void	multiline_tags(struct evbuffer *, const struct multiline_src *,
		    uint32_t, int, const char *);

/* The cap's value, as CAP LS tells it. */
const char *
multiline_cap_value(void)
{
	static char	buf[48];

	if (*buf == '\0')
		snprintf(buf, sizeof buf, "max-bytes=%d,max-lines=%d",
		    MULTILINE_MAX_BYTES, MULTILINE_MAX_LINES);
	return (buf);
}

/* Whether a kept line is a multiline message: its text has a break. */
int
multiline_is(const char *line, size_t len)
{
	return (memchr(line, '\n', len) != NULL ||
	    memchr(line, '\r', len) != NULL);
}

void
multiline_client_free(struct client *c)
{
	if (c->batch == NULL)
		return;
	free(c->batch->tags);
	free(c->batch);
	c->batch = NULL;
}

/* The batch is refused with code and text: its other lines are ignored. */
static void
multiline_fail(struct client *c, const char *code, const char *text)
{
	c->batch->failed = 1;
	send_fail(c, "BATCH", code, text);
}

/* BATCH +ref draft/multiline TARGET, and BATCH -ref. */
void
irc_batch(struct client *c, struct msg *m)
{
	struct multiline	*b = c->batch;
	const char		*ref = m->params[0] + 1;
	char			 tags[LINE_MAX_TAGS];

	if (*m->params[0] == '-') {
		if (b == NULL || strcmp(b->ref, ref) != 0) {
			send_fail(c, "BATCH", "MULTILINE_INVALID",
			    "No such batch open");
			return;
		}
		/* Its echo and its errors answer the label of BATCH +. */
		if (*b->label != '\0')
			send_label_resume(c, b->label);
		/* One message, whose lines were free: it costs its size. */
		client_queue_charge(c, (int)(b->bytes / 1024));
		if (!b->failed && strspn(b->text, "\n") == b->len)
			send_fail(c, "BATCH", "MULTILINE_INVALID",
			    "A multiline message must not be blank");
		else if (!b->failed)
			irc_message_multiline(c, b->verb, b->target, b->text,
			    b->tags);
		multiline_client_free(c);
		return;
	}
	if (*m->params[0] != '+' || *ref == '\0' ||
	    strlen(ref) > MULTILINE_REF_MAX) {
		send_fail(c, "BATCH", "MULTILINE_INVALID",
		    "A batch reference is +ref or -ref");
		return;
	}
	if (m->nparams < 2 || strcmp(m->params[1], MULTILINE_TYPE) != 0 ||
	    !(c->caps & CAP_MULTILINE)) {
		send_raw(c, ":%s FAIL BATCH UNKNOWN_TYPE %s :Only %s batches "
		    "are taken, with the cap", srv.conf->name,
		    m->nparams > 1 ? m->params[1] : "*", MULTILINE_TYPE);
		return;
	}
	if (m->nparams < 3 || *m->params[2] == '\0') {
		send_numeric(c, ERR_NEEDMOREPARAMS, "BATCH");
		return;
	}
	if (b != NULL) {
		multiline_client_free(c);
		send_fail(c, "BATCH", "MULTILINE_INVALID",
		    "A batch was already open: both are dropped");
		return;
	}
	b = c->batch = xcalloc(1, sizeof *b);
	strfmt(b->ref, sizeof b->ref, "%s", ref);
	strfmt(b->target, sizeof b->target, "%s", m->params[2]);
	if (irc_message_client_tags(m->tags, tags, sizeof tags) != 0)
		b->tags = xstrdup(tags);
	/* The label is answered when the batch ends. */
	send_label_defer(c, b->label, sizeof b->label);
}

/*
 * A line tagged batch= while c has a batch open: taken into it (1), or
 * ignored, the batch having failed (0: the line costs what lines cost).
 */
int
multiline_line(struct client *c, struct msg *m, const struct msg_tag *t)
{
	struct multiline	*b = c->batch;
	struct msg_tag		 concat;
	const char		*text;
	size_t			 len;
	int			 join;

	if (b->failed)
		return (0);
	if (t->value == NULL || t->valuelen != strlen(b->ref) ||
	    memcmp(t->value, b->ref, t->valuelen) != 0) {
		multiline_fail(c, "MULTILINE_INVALID", "Unexpected batch tag");
		return (0);
	}
	if ((strcmp(m->verb, "PRIVMSG") != 0 && strcmp(m->verb,
	    "NOTICE") != 0) || (b->verb != NULL && strcmp(b->verb,
	    m->verb) != 0) || m->nparams < 2) {
		multiline_fail(c, "MULTILINE_INVALID",
		    "A multiline batch holds PRIVMSG (or NOTICE) lines only");
		return (0);
	}
	if (casemap_cmp(m->params[0], b->target) != 0) {
		b->failed = 1;
		send_raw(c, ":%s FAIL BATCH MULTILINE_INVALID_TARGET %s %s "
		    ":Invalid multiline target", srv.conf->name, b->target,
		    m->params[0]);
		return (0);
	}
	text = m->params[1];
	len = strlen(text);
	join = msg_tag_find(m->tags, MULTILINE_CONCAT, &concat);
	if (join && len == 0) {
		multiline_fail(c, "MULTILINE_INVALID",
		    "A blank line cannot be concatenated");
		return (0);
	}
	if (b->lines + 1 > MULTILINE_MAX_LINES) {
		b->failed = 1;
		send_raw(c, ":%s FAIL BATCH MULTILINE_MAX_LINES %d :Multiline "
		    "batch max-lines exceeded", srv.conf->name,
		    MULTILINE_MAX_LINES);
		return (0);
	}
	if (b->bytes + len + (b->lines > 0 && !join) > MULTILINE_MAX_BYTES) {
		b->failed = 1;
		send_raw(c, ":%s FAIL BATCH MULTILINE_MAX_BYTES %d :Multiline "
		    "batch max-bytes exceeded", srv.conf->name,
		    MULTILINE_MAX_BYTES);
		return (0);
	}
	b->verb = strcmp(m->verb, "PRIVMSG") == 0 ? "PRIVMSG" : "NOTICE";
	if (b->lines > 0) {
		b->text[b->len++] = join ? '\r' : '\n';
		b->bytes += !join;
	}
	memcpy(b->text + b->len, text, len);
	b->len += len;
	b->text[b->len] = '\0';
	b->bytes += len;
	b->lines++;
	return (1);
}

/*
 * The tags of a line of s for a client with caps: time, msgid (if msgid
 * is set), the client-only tags and account, then the batch it is in.
 */
static void
multiline_tags(struct evbuffer *out, const struct multiline_src *s,
    uint32_t caps, int msgid, const char *batch)
{
	char	buf[64];
	int	n = 0;

	if (caps & CAP_SERVER_TIME) {
		msg_format_time(buf, sizeof buf, &s->time);
		evbuffer_add_printf(out, "@time=%s", buf);
		n++;
	}
	if ((caps & CAP_MESSAGE_TAGS) && msgid) {
		send_msgid(buf, sizeof buf, s->msgid);
		evbuffer_add_printf(out, "%cmsgid=%s", n++ ? ';' : '@', buf);
	}
	if ((caps & CAP_MESSAGE_TAGS) && s->client_tags != NULL)
		evbuffer_add_printf(out, "%c%s", n++ ? ';' : '@',
		    s->client_tags);
	if ((caps & CAP_ACCOUNT_TAG) && s->account != NULL)
		evbuffer_add_printf(out, "%caccount=%s", n++ ? ';' : '@',
		    s->account);
	if (batch != NULL)
		evbuffer_add_printf(out, "%cbatch=%s", n++ ? ';' : '@', batch);
	if (n != 0)
		evbuffer_add(out, " ", 1);
}

/*
 * Tell the multiline message s to a client with caps, in out: a
 * draft/multiline batch (reference ref) if it has the cap and batch, else
 * its lines that are not blank, the first with the msgid. outer is the
 * batch it is told in (CHATHISTORY's), or NULL.
 */
void
multiline_format(struct evbuffer *out, const struct multiline_src *s,
    uint32_t caps, const char *ref, const char *outer)
{
	const char	*end = s->line + s->linelen, *head, *text, *p, *q;
	const char	*sp1, *sp2;
	size_t		 headlen;
	int		 batch, first = 1, concat = 0;

	/* ":mask VERB target :" then the text. */
	if ((sp1 = memchr(s->line, ' ', s->linelen)) == NULL ||
	    (sp2 = memchr(sp1 + 1, ' ', end - sp1 - 1)) == NULL ||
	    (head = memchr(sp2 + 1, ' ', end - sp2 - 1)) == NULL ||
	    head + 1 >= end || head[1] != ':')
		return;
	text = head + 2;
	headlen = text - s->line;
	batch = (caps & (CAP_MULTILINE | CAP_BATCH)) ==
	    (CAP_MULTILINE | CAP_BATCH);
	if (batch) {
		multiline_tags(out, s, caps, 1, outer);
		evbuffer_add(out, s->line, sp1 - s->line);
		evbuffer_add_printf(out, " BATCH +%s %s ", ref, MULTILINE_TYPE);
		evbuffer_add(out, sp2 + 1, head - sp2 - 1);
		evbuffer_add(out, "\r\n", 2);
	}
	for (p = text; p <= end; p = q + 1) {
		for (q = p; q < end && *q != '\n' && *q != '\r'; q++)
			continue;
		if (batch) {
			evbuffer_add_printf(out, "@batch=%s%s ", ref,
			    concat ? ";" MULTILINE_CONCAT : "");
		} else if (q == p) {
			concat = q < end && *q == '\r';
			continue;	/* no blank line without the cap */
		} else
			multiline_tags(out, s, caps, first, outer);
		first = 0;
		evbuffer_add(out, s->line, headlen);
		evbuffer_add(out, p, q - p);
		evbuffer_add(out, "\r\n", 2);
		concat = q < end && *q == '\r';
	}
	if (batch) {
		if (outer != NULL)
			evbuffer_add_printf(out, "@batch=%s ", outer);
		evbuffer_add_printf(out, ":%s BATCH -%s\r\n", srv.conf->name,
		    ref);
	}
}
