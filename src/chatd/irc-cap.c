/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * IRCv3 capability negotiation: CAP LS, LIST, REQ and END. Registration
 * waits for CAP END once a client has started negotiating.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chatd.h"
#include "conn.h"
#include "store.h"

/*
 * The caps of one CAP LS line: with the line's start (":" the server's
 * name, " CAP ", a nick, " LS * :", at most 110 bytes) and its end, within
 * IRC's 512.
 */
#define CAP_LS_BYTES	400

static void	irc_cap_list(struct client *, uint32_t, char *, size_t, int);
static void	irc_cap_list_from(struct client *, uint32_t, char *, size_t,
		    int, int *);
static void	irc_cap_ls(struct client *, const char *);
static uint32_t	irc_cap_offered(void);
static void	irc_cap_req(struct client *, const char *);

/*
 * The caps offered: all, but those of history when none is kept, and
 * those of accounts without a db (or of registration when it is off).
 */
static uint32_t
irc_cap_offered(void)
{
	uint32_t	set = cap_all();

	if (!history_enabled())
		set &= ~(CAP_CHATHISTORY | CAP_EVENT_PLAYBACK |
		    CAP_MESSAGE_REDACTION);
	if (!account_enabled())
		set &= ~(CAP_SASL | CAP_ACCOUNT_NOTIFY | CAP_ACCOUNT_TAG |
		    CAP_ACCOUNT_REGISTRATION);
	if (!store_enabled())
		set &= ~CAP_SEARCH;
	if (srv.conf->registration == REGISTER_OFF)
		set &= ~CAP_ACCOUNT_REGISTRATION;
	if (srv.conf->sts_duration == 0 || srv.tls_port == 0)
		set &= ~CAP_STS;
	return (set);
}

/*
 * A cap's value for c, or NULL. sts tells a plain connection the TLS port
 * to come back on, and a TLS one how long to keep doing so.
 */
static const char *
irc_cap_value(struct client *c, uint32_t cap)
{
	static char	buf[64];

	if (cap == CAP_MULTILINE)
		return (multiline_cap_value());
	if (cap == CAP_METADATA)
		return (metadata_cap_value());
	if (cap != CAP_STS)
		return (irc_account_cap_value(cap));
	if (c->conn->secure)
		strfmt(buf, sizeof buf, "duration=%d", srv.conf->sts_duration);
	else
		strfmt(buf, sizeof buf, "port=%u", srv.tls_port);
	return (buf);
}

/*
 * The caps in set are now offered (added) or no longer (at a reload): the
 * clients with cap-notify are told, CAP NEW or CAP DEL, and those that go
 * are taken off every client that had them.
 */
void
irc_cap_changed(uint32_t set, int added)
{
	struct client	*c;
	char		 buf[512];

	TAILQ_FOREACH(c, &srv.clients, entry) {
		irc_cap_list(c, set, buf, sizeof buf, added &&
		    (c->flags & CLIENT_CAP302));
		if ((c->caps & CAP_CAP_NOTIFY) && (c->flags & CLIENT_DEAD) == 0)
			send_raw(c, ":%s CAP %s %s :%s", srv.conf->name,
			    *c->nick != '\0' ? c->nick : "*",
			    added ? "NEW" : "DEL", buf);
		if (!added)
			c->caps &= ~set;
	}
}

/*
 * Write the names of the caps in set (with c's values), space-separated,
 * starting at the first cap index *from; as many whole names as fit in
 * size. *from is left at the first that did not fit (CAP_COUNT if all
 * did), for the next line.
 */
static void
irc_cap_list_from(struct client *c, uint32_t set, char *buf, size_t size,
    int values, int *from)
{
	const char	*value;
	size_t		 n = 0;
	int		 i, len;

	*buf = '\0';
	for (i = *from; i < CAP_COUNT; i++) {
		if (!(set & (1u << i)))
			continue;
		value = values ? irc_cap_value(c, 1u << i) : NULL;
		len = snprintf(buf + n, size - n, "%s%s%s%s", n == 0 ? "" : " ",
		    cap_name(1u << i), value != NULL ? "=" : "",
		    value != NULL ? value : "");
		if (n + (size_t)len >= size && n != 0) {
			buf[n] = '\0';		/* not this one: the next line */
			break;
		}
		n += (size_t)len;
		if (n >= size)
			n = size - 1;
	}
	*from = i;
}

/* Write the names of the caps in set (with c's values), space-separated. */
static void
irc_cap_list(struct client *c, uint32_t set, char *buf, size_t size,
    int values)
{
	int	from = 0;

	irc_cap_list_from(c, set, buf, size, values, &from);
}

/*
 * CAP LS: every cap offered, in lines that keep to IRC's 512 bytes; a
 * 302 client (values and all) is told "*" on every line but the last.
 */
static void
irc_cap_ls(struct client *c, const char *nick)
{
	char	buf[CAP_LS_BYTES];
	int	from = 0, values = (c->flags & CLIENT_CAP302) != 0;

	for (;;) {
		irc_cap_list_from(c, irc_cap_offered(), buf, sizeof buf,
		    values, &from);
		if (!values || from == CAP_COUNT)
			break;
		send_raw(c, ":%s CAP %s LS * :%s", srv.conf->name, nick, buf);
	}
	send_raw(c, ":%s CAP %s LS :%s", srv.conf->name, nick, buf);
}

/* Apply a CAP REQ: all of it, or none of it. */
static void
irc_cap_req(struct client *c, const char *list)
{
	const char	*p, *end;
	uint32_t	 add = 0, del = 0, bit;
	int		 neg;

	for (p = list; *p != '\0'; p = end) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		end = p + strcspn(p, " ");
		neg = (*p == '-');
		/* sts is a policy to read, not a cap to ask for. */
		bit = cap_from_name(p + neg, end - p - neg) &
		    irc_cap_offered() & ~CAP_STS;
		if (bit == 0) {
			send_raw(c, ":%s CAP %s NAK :%s", srv.conf->name,
			    *c->nick != '\0' ? c->nick : "*", list);
			return;
		}
		if (neg)
			del |= bit;
		else
			add |= bit;
	}
	c->caps = (c->caps | add) & ~del;
	send_raw(c, ":%s CAP %s ACK :%s", srv.conf->name,
	    *c->nick != '\0' ? c->nick : "*", list);
}

void
irc_cap(struct client *c, struct msg *m)
{
	const char	*sub = m->params[0], *nick;
	char		 buf[512];

	nick = *c->nick != '\0' ? c->nick : "*";
	if (strcasecmp(sub, "LS") == 0) {
		if (!(c->flags & CLIENT_REGISTERED))
			c->flags |= CLIENT_CAPNEG;
		if (m->nparams > 1 && atoi(m->params[1]) >= 302) {
			c->flags |= CLIENT_CAP302;
			c->caps |= CAP_CAP_NOTIFY;
		}
		irc_cap_ls(c, nick);
	} else if (strcasecmp(sub, "LIST") == 0) {
		irc_cap_list(c, c->caps, buf, sizeof buf, 0);
		send_raw(c, ":%s CAP %s LIST :%s", srv.conf->name, nick, buf);
	} else if (strcasecmp(sub, "REQ") == 0) {
		if (!(c->flags & CLIENT_REGISTERED))
			c->flags |= CLIENT_CAPNEG;
		irc_cap_req(c, m->nparams > 1 ? m->params[1] : "");
	} else if (strcasecmp(sub, "END") == 0) {
		c->flags &= ~CLIENT_CAPNEG;
		if (!(c->flags & CLIENT_REGISTERED))
			irc_sasl_abort(c);
		irc_login_try(c);
	} else
		send_numeric(c, ERR_INVALIDCAPCMD, sub);
}
