/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Everything a client is sent passes through here: the send-queue ceiling,
 * numeric replies, server-time tags, labeled responses, and the fan-out of
 * one message to a channel or to everyone sharing one, formatted once per
 * variant and appended as the same bytes to every recipient (ngIRCd's
 * irc-write.c).
 */

#include "config.h"

#include <sys/time.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "chatd.h"

/* The longest line we ever produce: tags, body, CRLF. */
#define SEND_LINE_MAX	(LINE_MAX_TAGS + LINE_MAX_RELAY + 64)

static struct client	*label_client;
static struct evbuffer	*label_buf;
static char		 label[SEND_LABEL_MAX + 1];
/* The client whose lines go in a batch, and the batch (send_in_batch). */
static struct client	*batch_client;
static char		 batch_ref[32];

static int	send_label_one_batch(const char *, size_t, char **);
static int	send_has_tag(const char *, const char *, const char *);
static void	send_label_line(struct evbuffer *, const char *, size_t,
		    const char *);
static inline int send_fits(struct client *, size_t);
static int	send_fits_queued(struct client *, size_t);
static void	send_plain(struct client *, const char *, size_t);
static const char *outmsg_variant(struct outmsg *, uint32_t, size_t *);
static void	outmsg_start(struct outmsg *, const char *);
static void	outmsg_set_body(struct outmsg *, const char *, size_t);
static void	outmsg_cat(char *, size_t *, const char *);
static void	send_time(struct timeval *);

/*
 * Whether c may be sent len more bytes: not if it is gone, nor past its
 * sendq, which drops it. Output held for a labeled response goes aside.
 */
static int
send_room(struct client *c, const char *data, size_t len)
{
	if (c->flags & CLIENT_DEAD)
		return (0);
	if (c->flags & CLIENT_PLAIN) {
		/* A person with nc gets words, not IRC (plain.c). */
		send_plain(c, data, len);
		return (0);
	}
	if (c == label_client) {
		evbuffer_add(label_buf, data, len);
		return (0);
	}
	return (send_fits(c, len));
}

/* Each line of data (a multiline message has several) in words. */
static void
send_plain(struct client *c, const char *data, size_t len)
{
	const char	*nl;

	while (len > 0 && (nl = memchr(data, '\n', len)) != NULL &&
	    (size_t)(nl + 1 - data) < len) {
		plain_render(c, data, nl + 1 - data);
		len -= nl + 1 - data;
		data = nl + 1;
	}
	plain_render(c, data, len);
}

/*
 * Whether c's sendq has room for len more bytes; if not, c goes. Inline
 * for a client without a backlog (per delivery, the most).
 */
static inline int
send_fits(struct client *c, size_t len)
{
	size_t	queued = c->out_queued + len;

	if (c->hold != NULL)
		queued += c->hold->total + c->hold->ready;
	if (c->out == NULL && queued <= srv.conf->sendq)
		return (1);
	return (send_fits_queued(c, len));
}

/* send_fits() for a client with a backlog or output held. */
static int
send_fits_queued(struct client *c, size_t len)
{
	if (output_queued(c) + len <= srv.conf->sendq)
		return (1);
	c->flags |= CLIENT_NOFLUSH;
	client_close(c, "SendQ exceeded");
	return (0);
}

/* Queue words for a plain-text client as they are (plain.c). */
void
send_text(struct client *c, const char *text, size_t len)
{
	if (!(c->flags & CLIENT_DEAD) && send_fits(c, len))
		output_copy(c, text, len);
}

/* Queue bytes for a client, copied. */
void
send_write(struct client *c, const char *data, size_t len)
{
	if (send_room(c, data, len))
		output_copy(c, data, len);
}

/*
 * A line's time: the loop turn's, when what caused it was read. The turn's
 * lines share it, and it costs no clock read per message.
 */
static void
send_time(struct timeval *tv)
{
	event_base_gettimeofday_cached(srv.base, tv);
}

/* The server-time tag and its space at buf, if c wants it; the length. */
static size_t
send_time_tag(struct client *c, char *buf, size_t size)
{
	struct timeval	tv;
	size_t		n = 0;
	int		batch = c == batch_client;

	if (!(c->caps & CAP_SERVER_TIME) && !batch)
		return (0);
	buf[n++] = '@';
	if (batch) {
		memcpy(buf + n, "batch=", 6);
		n += 6;
		outmsg_cat(buf, &n, batch_ref);
	}
	if (c->caps & CAP_SERVER_TIME) {
		if (batch)
			buf[n++] = ';';
		memcpy(buf + n, "time=", 5);
		n += 5;
		send_time(&tv);
		msg_format_time(buf + n, size - n, &tv);
		n += strlen(buf + n);
	}
	buf[n++] = ' ';
	return (n);
}

/*
 * The lines c is sent from now on are in batch ref (a server-made one,
 * history_batch()), until this is called with c NULL; nothing if ref is
 * "" (c has no batch).
 */
void
send_in_batch(struct client *c, const char *ref)
{
	if (c == NULL || ref == NULL || *ref == '\0') {
		batch_client = NULL;
		return;
	}
	batch_client = c;
	xstrlcpy(batch_ref, ref, sizeof batch_ref);
}

/*
 * Format one line, after a server-time tag if the client wants it (joined
 * to the line's own tags, if it has some).
 */
void
send_raw(struct client *c, const char *fmt, ...)
{
	char	buf[SEND_LINE_MAX];
	size_t	n, t;
	va_list	ap;

	n = t = send_time_tag(c, buf, sizeof buf);
	va_start(ap, fmt);
	n += strfmt_v(buf + n, sizeof buf - n - 2, fmt, ap);
	va_end(ap);
	if (t != 0 && buf[t] == '@') {
		buf[t - 1] = ';';
		memmove(buf + t, buf + t + 1, n - t - 1);
		n--;
	}
	buf[n++] = '\r';
	buf[n++] = '\n';
	send_write(c, buf, n);
}

/* ":server NNN nick " at prefix; its length. */
static size_t
send_numeric_prefix(struct client *c, enum numeric num, char *prefix)
{
	size_t	n = 0;

	/* The prefix is copied, never formatted. */
	prefix[n++] = ':';
	outmsg_cat(prefix, &n, srv.conf->name);
	prefix[n++] = ' ';
	prefix[n++] = '0' + (int)num / 100;
	prefix[n++] = '0' + (int)num / 10 % 10;
	prefix[n++] = '0' + (int)num % 10;
	prefix[n++] = ' ';
	outmsg_cat(prefix, &n, *c->nick != '\0' ? c->nick : "*");
	prefix[n++] = ' ';
	return (n);
}

/*
 * Send a numeric reply whose text was formatted before (the same for every
 * client, as the welcome's 002 to 005 and the MOTD): only copies.
 */
void
send_numeric_text(struct client *c, enum numeric num, const char *text,
    size_t len)
{
	char	buf[SEND_LINE_MAX];
	size_t	n;

	n = send_time_tag(c, buf, sizeof buf);
	n += send_numeric_prefix(c, num, buf + n);
	if (len > sizeof buf - n - 2)
		len = sizeof buf - n - 2;
	memcpy(buf + n, text, len);
	n += len;
	buf[n++] = '\r';
	buf[n++] = '\n';
	send_write(c, buf, n);
}

/* Send a numeric reply: ":server NNN nick " and the numeric's text. */
void
send_numeric(struct client *c, enum numeric num, ...)
{
	char	buf[SEND_LINE_MAX];
	size_t	n;
	va_list	ap;

	n = send_time_tag(c, buf, sizeof buf);
	n += send_numeric_prefix(c, num, buf + n);
	va_start(ap, num);
	n += strfmt_v(buf + n, sizeof buf - n - 2, numeric_format(num), ap);
	va_end(ap);
	buf[n++] = '\r';
	buf[n++] = '\n';
	send_write(c, buf, n);
}

/* A standard reply: FAIL command code :description. */
void
send_fail(struct client *c, const char *command, const char *code,
    const char *text)
{
	send_raw(c, ":%s FAIL %s %s :%s", srv.conf->name, command, code, text);
}

/*
 * A new message id, for a message at tv: the milliseconds since 2020 (42
 * bits, until 2159), this node (node-id, 10 bits) and a count within the
 * millisecond (12 bits). Ids only grow, even if the clock goes back, so
 * they sort as the messages came; they stay unique across restarts (with
 * a db, the first is above the last one stored) and across nodes.
 */
uint64_t
send_msgid_new(const struct timeval *tv)
{
	uint64_t	ms;

	ms = (uint64_t)tv->tv_sec * 1000 + (uint64_t)tv->tv_usec / 1000;
	ms = ms > MSGID_EPOCH_MS ? ms - MSGID_EPOCH_MS : 0;
	if (ms <= srv.msgid_ms) {
		ms = srv.msgid_ms;
		if (++srv.msgid_seq == 1u << MSGID_SEQ_BITS) {
			ms++;
			srv.msgid_seq = 0;
		}
	} else
		srv.msgid_seq = 0;
	srv.msgid_ms = ms;
	return (ms << (MSGID_NODE_BITS + MSGID_SEQ_BITS) |
	    (uint64_t)srv.conf->node_id << MSGID_SEQ_BITS | srv.msgid_seq);
}

/* A message id as clients see it: 16 hex digits. */
size_t
send_msgid(char *buf, size_t size, uint64_t msgid)
{
	int	n;

	n = snprintf(buf, size, "%016llx", (unsigned long long)msgid);
	return (n > 0 && (size_t)n < size ? (size_t)n : 0);
}

/* A message id back from its 16 hex digits; -1 if it is not one. */
int
send_msgid_parse(const char *s, uint64_t *msgid)
{
	unsigned long long	 n;
	char			*end;

	if (strlen(s) != 16 || strspn(s, "0123456789abcdefABCDEF") != 16)
		return (-1);
	n = strtoull(s, &end, 16);
	*msgid = n;
	return (0);
}

/* A standard reply: WARN command code context :description. */
void
send_warn(struct client *c, const char *command, const char *code,
    const char *context, const char *text)
{
	send_raw(c, ":%s WARN %s %s %s :%s", srv.conf->name, command, code,
	    context, text);
}

/* Start a message for fan-out: its time and id; the body comes next. */
/* The time and a new msgid for a message told now. */
void
send_stamp(struct timeval *tv, uint64_t *msgid)
{
	send_time(tv);
	*msgid = send_msgid_new(tv);
}

static void
outmsg_start(struct outmsg *om, const char *client_tags)
{
	memset(om->variant, 0, sizeof om->variant);
	send_stamp(&om->time, &om->msgid);
	om->client_tags = client_tags;
	om->account = NULL;
	om->bot = 0;
}

/*
 * om is from c: its account goes with it, to those with account-tag, and
 * if c is a bot (+B), the bot tag to those with message-tags.
 */
void
outmsg_from(struct outmsg *om, const struct client *c)
{
	om->account = c->account != NULL ? c->account->name : NULL;
	om->bot = (c->umodes & UMODE_BOT) != 0;
}

/* Keep len bytes of buf, cut to the relay limit, as the body with CRLF. */
static void
outmsg_set_body(struct outmsg *om, const char *buf, size_t len)
{
	if (len > LINE_MAX_RELAY - 2)
		len = LINE_MAX_RELAY - 2;
	if (buf != om->body)
		memcpy(om->body, buf, len);
	om->body[len++] = '\r';
	om->body[len++] = '\n';
	om->bodylen = len;
}

/* Format om's body (cut where outmsg_set_body() would, before the CRLF). */
static void
outmsg_vformat(struct outmsg *om, const char *fmt, va_list ap)
{
	outmsg_set_body(om, om->body, strfmt_v(om->body, sizeof om->body - 1,
	    fmt, ap));
}

/* Prepare a message for fan-out; the body is formatted now, once. */
void
outmsg_init(struct outmsg *om, const char *client_tags, const char *fmt, ...)
{
	va_list	ap;

	outmsg_start(om, client_tags);
	va_start(ap, fmt);
	outmsg_vformat(om, fmt, ap);
	va_end(ap);
}

/*
 * Prepare another form of the message like (extended-join's JOIN for those
 * who asked for it): its own body, the same time, id and tags.
 */
void
outmsg_init_like(struct outmsg *om, const struct outmsg *like,
    const char *fmt, ...)
{
	va_list	ap;

	memset(om->variant, 0, sizeof om->variant);
	om->time = like->time;
	om->msgid = like->msgid;
	om->client_tags = like->client_tags;
	om->account = like->account;
	om->bot = like->bot;
	va_start(ap, fmt);
	outmsg_vformat(om, fmt, ap);
	va_end(ap);
}

/* Append s to buf at *n, leaving room for the CRLF. */
static void
outmsg_cat(char *buf, size_t *n, const char *s)
{
	size_t	len = strlen(s);

	if (*n + len > LINE_MAX_RELAY - 2)
		len = LINE_MAX_RELAY - 2 - *n;
	memcpy(buf + *n, s, len);
	*n += len;
}

/*
 * Prepare ":nick!user@host VERB target[ :text]" without printf: the body of
 * every PRIVMSG, NOTICE and TAGMSG, the hottest path of the server.
 */
void
outmsg_init_text(struct outmsg *om, const char *client_tags,
    struct client *from, const char *verb, const char *target,
    const char *text)
{
	char	*buf = om->body;
	size_t	 n = 0;

	outmsg_start(om, client_tags);
	buf[n++] = ':';
	outmsg_cat(buf, &n, from->nick);
	outmsg_cat(buf, &n, "!");
	outmsg_cat(buf, &n, from->user);
	outmsg_cat(buf, &n, "@");
	outmsg_cat(buf, &n, from->host);
	outmsg_cat(buf, &n, " ");
	outmsg_cat(buf, &n, verb);
	outmsg_cat(buf, &n, " ");
	outmsg_cat(buf, &n, target);
	if (text != NULL) {
		outmsg_cat(buf, &n, " :");
		outmsg_cat(buf, &n, text);
	}
	outmsg_set_body(om, buf, n);
	outmsg_from(om, from);
}

/*
 * The bytes for a client with these caps, put in the turn's shared arena
 * the first time someone needs them; every recipient gets a reference.
 */
static const char *
outmsg_variant(struct outmsg *om, uint32_t caps, size_t *len)
{
	char	 stamp[32], tags[LINE_MAX_TAGS + 160];
	int	 v = 0, n = 0;

	if (caps & CAP_SERVER_TIME)
		v |= 1;
	if (caps & CAP_MESSAGE_TAGS)
		v |= 2;
	if ((caps & CAP_ACCOUNT_TAG) && om->account != NULL)
		v |= 4;
	if (om->variant[v] == NULL && v == 0) {
		om->variant[0] = output_shared(om->bodylen);
		memcpy(om->variant[0], om->body, om->bodylen);
		om->variant_len[0] = om->bodylen;
	} else if (om->variant[v] == NULL) {
		msg_format_time(stamp, sizeof stamp, &om->time);
		if (v & 1)
			n = snprintf(tags, sizeof tags, "@time=%s", stamp);
		if (v & 2) {
			tags[n] = n == 0 ? '@' : ';';
			n++;
			memcpy(tags + n, "msgid=", 6);
			n += 6;
			n += send_msgid(tags + n, sizeof tags - n, om->msgid);
			if (om->bot) {
				memcpy(tags + n, ";bot", 4);
				n += 4;
			}
			if (om->client_tags != NULL)
				n += snprintf(tags + n, sizeof tags - n, ";%s",
				    om->client_tags);
		}
		if ((v & 4) && n < (int)sizeof tags)
			n += snprintf(tags + n, sizeof tags - n, "%caccount=%s",
			    n == 0 ? '@' : ';', om->account);
		if (n > (int)sizeof tags - 2)
			n = sizeof tags - 2;
		tags[n++] = ' ';
		om->variant[v] = output_shared(n + om->bodylen);
		memcpy(om->variant[v], tags, n);
		memcpy(om->variant[v] + n, om->body, om->bodylen);
		om->variant_len[v] = n + om->bodylen;
	}
	*len = om->variant_len[v];
	return (om->variant[v]);
}

void
outmsg_send(struct outmsg *om, struct client *c)
{
	const char	*data;
	size_t		 len;

	data = outmsg_variant(om, c->caps, &len);
	send_shared(c, data, len);
}

void
outmsg_send_unlabeled(struct outmsg *om, struct client *c)
{
	const char	*data;
	size_t		 len;

	data = outmsg_variant(om, c->caps, &len);
	send_shared_unlabeled(c, data, len);
}

/* Queue len bytes at data, in the turn's shared arena, for c. */
void
send_shared(struct client *c, const char *data, size_t len)
{
	if (send_room(c, data, len))
		output_add(c, data, len);
}

/*
 * Send to c outside a labeled response in progress: a message to oneself
 * arrives twice with echo-message, and only the echo is the reply.
 */
void
send_shared_unlabeled(struct client *c, const char *data, size_t len)
{
	struct client	*held = label_client;

	label_client = NULL;
	send_shared(c, data, len);
	label_client = held;
}

/* Whether a client with caps gets a message meant for need, not reject. */
#define SEND_WANTS(caps, need, reject) \
	(((caps) & (need)) == (need) && ((caps) & (reject)) == 0)

/*
 * Send to every member of a channel but one, who have all the caps of need
 * and none of reject.
 */
void
send_channel(struct channel *ch, struct outmsg *om, struct client *except,
    uint32_t need, uint32_t reject)
{
	struct membership	*m;

	LIST_FOREACH(m, &ch->members, channel_entry) {
		if (m->client != except &&
		    SEND_WANTS(m->client->caps, need, reject))
			outmsg_send(om, m->client);
	}
}

/*
 * Send once to everyone who shares a channel with c (and to c itself if
 * self is set), who have all of need and none of reject; a change that
 * away-notify, account-notify or setname tells goes to c's watchers with
 * extended-monitor too.
 */
void
send_common(struct client *c, struct outmsg *om, int self, uint32_t need,
    uint32_t reject)
{
	struct membership	*cm, *m;
	uint64_t		 epoch = ++srv.epoch;

	c->mark = epoch;
	if (self && SEND_WANTS(c->caps, need, reject))
		outmsg_send(om, c);
	LIST_FOREACH(cm, &c->channels, client_entry) {
		LIST_FOREACH(m, &cm->channel->members, channel_entry) {
			if (m->client->mark == epoch)
				continue;
			m->client->mark = epoch;
			if (SEND_WANTS(m->client->caps, need, reject))
				outmsg_send(om, m->client);
		}
	}
	if (need & (CAP_AWAY_NOTIFY | CAP_ACCOUNT_NOTIFY | CAP_SETNAME))
		monitor_send(c, om, epoch, need);
}

/*
 * Start a labeled response: while the command runs, what c is sent is held
 * back, to be tagged with its label when the command ends.
 */
void
send_label_begin(struct client *c, struct msg *m)
{
	struct msg_tag	t;

	if (!(c->caps & CAP_LABELED_RESPONSE) || m->tags == NULL)
		return;
	if (!msg_tag_find(m->tags, "label", &t) || t.value == NULL ||
	    t.valuelen == 0 || t.valuelen > SEND_LABEL_MAX)
		return;
	memcpy(label, t.value, t.valuelen);
	label[t.valuelen] = '\0';
	if (label_buf == NULL)
		label_buf = evbuffer_new();
	label_client = c;
}

/*
 * c's command goes on in a job (worker.c): its label, if it gave one and
 * nothing was held back for it yet, goes to label for the job to resume
 * with, and this command ends without a reply; else label is "".
 */
void
send_label_defer(struct client *c, char *buf, size_t size)
{
	*buf = '\0';
	if (label_client != c || evbuffer_get_length(label_buf) != 0 ||
	    strlen(label) >= size)
		return;
	memcpy(buf, label, strlen(label) + 1);
	label_client = NULL;
}

/* A job of c's is over: what it sends is for the label it was given. */
void
send_label_resume(struct client *c, const char *buf)
{
	if (*buf == '\0' || label_client != NULL)
		return;
	memcpy(label, buf, strlen(buf) + 1);
	if (label_buf == NULL)
		label_buf = evbuffer_new();
	label_client = c;
}

/*
 * Add tag to one held-back line and put it in out. A line in a batch of
 * its own (CHATHISTORY's) is in the labeled batch through its BATCH line,
 * and keeps its one batch tag.
 */
static void
send_label_line(struct evbuffer *out, const char *line, size_t len,
    const char *tag)
{
	const char	*sp;

	if (len > 0 && line[0] == '@' && strncmp(tag, "batch=", 6) == 0 &&
	    (sp = memchr(line, ' ', len)) != NULL &&
	    (send_has_tag(line + 1, sp, "batch="))) {
		evbuffer_add(out, line, len);
		return;
	}
	if (len > 0 && line[0] == '@') {
		evbuffer_add_printf(out, "@%s;", tag);
		evbuffer_add(out, line + 1, len - 1);
	} else {
		evbuffer_add_printf(out, "@%s ", tag);
		evbuffer_add(out, line, len);
	}
}

/* Whether the tags from p to end have one that starts with key. */
static int
send_has_tag(const char *p, const char *end, const char *key)
{
	size_t	len = strlen(key);

	while (p < end) {
		if ((size_t)(end - p) >= len && memcmp(p, key, len) == 0)
			return (1);
		if ((p = memchr(p, ';', end - p)) == NULL)
			break;
		p++;
	}
	return (0);
}

/*
 * Whether the len bytes at data are one batch, "BATCH +ref" to the last
 * line's "BATCH -ref"; *nl is the end of its first line.
 */
static int
send_label_one_batch(const char *data, size_t len, char **nl)
{
	const char	*p, *sp, *ref, *last, *end = data + len;
	size_t		 reflen;

	if ((*nl = memchr(data, '\n', len)) == NULL ||
	    (p = memmem(data, *nl - data, " BATCH +", 8)) == NULL)
		return (0);
	ref = p + 8;
	reflen = strcspn(ref, " \r\n");
	if (strncmp(ref + reflen, " draft/multiline ", 17) != 0)
		return (0);
	for (last = end - 1; last > data && last[-1] != '\n'; last--)
		continue;
	if ((p = memmem(last, end - last, " BATCH -", 8)) == NULL ||
	    (size_t)(end - p) < 8 + reflen + 2 ||
	    memcmp(p + 8, ref, reflen) != 0 || p[8 + reflen] != '\r')
		return (0);
	/* Every line between is in the batch. */
	for (p = *nl + 1; p < last; p = (const char *)memchr(p, '\n',
	    end - p) + 1) {
		if (*p != '@' || (sp = memchr(p, ' ', end - p)) == NULL ||
		    !send_has_tag(p + 1, sp, "batch="))
			return (0);
	}
	return (1);
}

/* Finish a labeled response: ACK, one labeled line, or a batch. */
void
send_label_end(void)
{
	struct client	*c = label_client;
	struct evbuffer	*out;
	char		 tag[SEND_LABEL_MAX + 16], id[24];
	char		*data, *p, *nl;
	size_t		 len;
	int		 lines = 0;

	if (c == NULL)
		return;
	label_client = NULL;
	len = evbuffer_get_length(label_buf);
	if (c->flags & CLIENT_DEAD) {
		evbuffer_drain(label_buf, len);
		return;
	}
	/* Nothing held back (an empty buffer has no bytes to point at). */
	data = len != 0 ? (char *)evbuffer_pullup(label_buf, -1) : NULL;
	for (p = data; len != 0 && p < data + len && (nl = memchr(p, '\n',
	    data + len - p)) != NULL; p = nl + 1)
		lines++;

	out = evbuffer_new();
	snprintf(tag, sizeof tag, "label=%s", label);
	if (lines == 0)
		evbuffer_add_printf(out, "@%s :%s ACK\r\n", tag,
		    srv.conf->name);
	else if (lines == 1)
		send_label_line(out, data, len, tag);
	else if (send_label_one_batch(data, len, &nl)) {
		/* One batch (a multiline echo): the label on its start. */
		send_label_line(out, data, nl + 1 - data, tag);
		evbuffer_add(out, nl + 1, data + len - nl - 1);
	}
	else if (!(c->caps & CAP_BATCH))
		evbuffer_add(out, data, len);
	else {
		snprintf(id, sizeof id, "L%llx",
		    (unsigned long long)++srv.next_batch);
		evbuffer_add_printf(out,
		    "@%s :%s BATCH +%s labeled-response\r\n", tag,
		    srv.conf->name, id);
		snprintf(tag, sizeof tag, "batch=%s", id);
		for (p = data; p < data + len && (nl = memchr(p, '\n',
		    data + len - p)) != NULL; p = nl + 1)
			send_label_line(out, p, nl + 1 - p, tag);
		evbuffer_add_printf(out, ":%s BATCH -%s\r\n", srv.conf->name,
		    id);
	}
	evbuffer_drain(label_buf, len);
	len = evbuffer_get_length(out);
	send_write(c, (const char *)evbuffer_pullup(out, -1), len);
	evbuffer_free(out);
}

/* Free the labeled-response buffer at shutdown. */
void
send_free(void)
{
	if (label_buf != NULL)
		evbuffer_free(label_buf);
	label_buf = NULL;
}
