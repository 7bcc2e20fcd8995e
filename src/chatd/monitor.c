/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * MONITOR (IRCv3): a client keeps a list of up to MONITOR_MAX nicks and
 * is told (730 RPL_MONONLINE, 731 RPL_MONOFFLINE) when one comes online
 * (registers, or someone takes the nick) or goes (quits, or changes away
 * from it). Each nick watched has one entry, filed under its casefolded
 * form, with the clients that watch it; each watching client has its own
 * list, so that MONITOR L and its departure cost only what it watches.
 * Nicks only, never masks: watching hosts would let users stalk others
 * across nick changes. With extended-monitor (IRCv3), a watcher is also
 * told what away-notify, account-notify and setname tell those who share
 * a channel with the nick (monitor_send).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casemap.h"
#include "chatd.h"

/* Everyone who watches one nick. */
struct mon_entry {
	char		  key[NICK_MAX + 1];	/* casefolded */
	struct client	**watchers;
	size_t		  n;
};

/* What one client watches, as it typed the nicks. */
struct monitor {
	char		(*nicks)[NICK_MAX + 1];
	size_t		  n;
};

static struct hashtab	mon_table;

static const char *
mon_key(const void *obj)
{
	return (((const struct mon_entry *)obj)->key);
}

void
monitor_init(void)
{
	hashtab_init(&mon_table, mon_key);
}

/* The watchers of nick (any case), or NULL. */
static struct mon_entry *
mon_entry(const char *nick)
{
	char	key[NICK_MAX + 1];

	casemap_fold(key, nick, sizeof key);
	return (hashtab_find(&mon_table, key));
}

/* c no longer watches nick (as the client's list has it). */
static void
mon_unwatch(struct client *c, const char *nick)
{
	struct mon_entry	*e;
	size_t			 i;

	if ((e = mon_entry(nick)) == NULL)
		return;
	for (i = 0; i < e->n; i++) {
		if (e->watchers[i] == c) {
			e->watchers[i] = e->watchers[--e->n];
			break;
		}
	}
	if (e->n == 0) {
		hashtab_remove(&mon_table, e);
		free(e->watchers);
		free(e);
	}
}

/* Whether c watches nick already: its index, or -1. */
static int
mon_index(const struct client *c, const char *nick)
{
	size_t	i;

	for (i = 0; c->monitor != NULL && i < c->monitor->n; i++) {
		if (casemap_cmp(c->monitor->nicks[i], nick) == 0)
			return ((int)i);
	}
	return (-1);
}

static void
mon_clear(struct client *c)
{
	size_t	i;

	if (c->monitor == NULL)
		return;
	for (i = 0; i < c->monitor->n; i++)
		mon_unwatch(c, c->monitor->nicks[i]);
	free(c->monitor->nicks);
	free(c->monitor);
	c->monitor = NULL;
}

/* c is going: it watches nothing any more. */
void
monitor_client_free(struct client *c)
{
	mon_clear(c);
}

/*
 * Append item to a numeric's comma list in buf, sending it first (as num)
 * when the line would be too long; flush with item NULL.
 */
static void
mon_list_add(struct client *c, int num, char *buf, size_t size,
    const char *item)
{
	size_t	len = strlen(buf);

	if (item == NULL || (len != 0 && len + strlen(item) + 2 > size)) {
		if (len != 0)
			send_numeric(c, num, buf);
		*buf = '\0';
		len = 0;
		if (item == NULL)
			return;
	}
	snprintf(buf + len, size - len, "%s%s", len != 0 ? "," : "", item);
}

/* Whether nick is online: as 730 says it (nick!user@host), or NULL. */
static const char *
mon_online(const char *nick)
{
	struct client	*o = user_find(nick);

	if (o == NULL || !(o->flags & CLIENT_REGISTERED))
		return (NULL);
	return (client_mask(o));
}

/* 730 for those of nicks online, 731 for the others. */
static void
mon_status(struct client *c, char (*nicks)[NICK_MAX + 1], size_t n)
{
	char		 on[400], off[400];
	const char	*mask;
	size_t		 i;

	*on = *off = '\0';
	for (i = 0; i < n; i++) {
		if ((mask = mon_online(nicks[i])) != NULL)
			mon_list_add(c, RPL_MONONLINE, on, sizeof on, mask);
		else
			mon_list_add(c, RPL_MONOFFLINE, off, sizeof off,
			    nicks[i]);
	}
	mon_list_add(c, RPL_MONONLINE, on, sizeof on, NULL);
	mon_list_add(c, RPL_MONOFFLINE, off, sizeof off, NULL);
}

/* MONITOR + a,b,c: watched, and their status said. */
static void
mon_add(struct client *c, char *targets)
{
	struct mon_entry	*e;
	struct monitor		*m;
	char			*nick, key[NICK_MAX + 1];
	size_t			 first;

	if (c->monitor == NULL)
		c->monitor = xcalloc(1, sizeof *c->monitor);
	m = c->monitor;
	first = m->n;
	while ((nick = strsep(&targets, ",")) != NULL) {
		if (*nick == '\0')
			continue;
		if (!irc_nick_valid(nick) || strlen(nick) > NICK_MAX) {
			send_numeric(c, ERR_ERRONEUSNICKNAME, nick);
			continue;
		}
		if (mon_index(c, nick) != -1)
			continue;
		if (m->n >= MONITOR_MAX) {
			send_numeric(c, ERR_MONLISTFULL, (unsigned int)MONITOR_MAX, nick);
			break;
		}
		m->nicks = xreallocarray(m->nicks, m->n + 1, sizeof *m->nicks);
		xstrlcpy(m->nicks[m->n++], nick, sizeof m->nicks[0]);
		casemap_fold(key, nick, sizeof key);
		if ((e = hashtab_find(&mon_table, key)) == NULL) {
			e = xcalloc(1, sizeof *e);
			xstrlcpy(e->key, key, sizeof e->key);
			hashtab_add(&mon_table, e);
		}
		e->watchers = xreallocarray(e->watchers, e->n + 1,
		    sizeof *e->watchers);
		e->watchers[e->n++] = c;
	}
	mon_status(c, m->nicks + first, m->n - first);
}

/* MONITOR - a,b,c. */
static void
mon_remove(struct client *c, char *targets)
{
	struct monitor	*m = c->monitor;
	char		*nick;
	int		 i;

	while (m != NULL && (nick = strsep(&targets, ",")) != NULL) {
		if ((i = mon_index(c, nick)) == -1)
			continue;
		mon_unwatch(c, m->nicks[i]);
		memmove(m->nicks[i], m->nicks[m->n - 1], sizeof m->nicks[0]);
		m->n--;
	}
}

/* MONITOR + targets | - targets | C | L | S. */
void
irc_monitor(struct client *c, struct msg *m)
{
	const char	*op = m->params[0];
	char		 buf[400];
	size_t		 i;

	if ((op[0] == '+' || op[0] == '-') && op[1] == '\0' &&
	    m->nparams < 2) {
		send_numeric(c, ERR_NEEDMOREPARAMS, "MONITOR");
		return;
	}
	switch (op[1] == '\0' ? op[0] : 0) {
	case '+':
		mon_add(c, m->params[1]);
		break;
	case '-':
		mon_remove(c, m->params[1]);
		break;
	case 'C': case 'c':
		mon_clear(c);
		break;
	case 'L': case 'l':
		*buf = '\0';
		for (i = 0; c->monitor != NULL && i < c->monitor->n; i++)
			mon_list_add(c, RPL_MONLIST, buf, sizeof buf,
			    c->monitor->nicks[i]);
		mon_list_add(c, RPL_MONLIST, buf, sizeof buf, NULL);
		send_numeric(c, RPL_ENDOFMONLIST);
		break;
	case 'S': case 's':
		if (c->monitor != NULL)
			mon_status(c, c->monitor->nicks, c->monitor->n);
		break;
	default:
		send_raw(c, ":%s FAIL MONITOR INVALID_PARAMS %s :Use MONITOR "
		    "+, -, C, L or S", srv.conf->name, op);
		break;
	}
}

/*
 * nick came online (who: nick!user@host) or went (who NULL): everyone
 * who watches it is told, but not of a change only of letter case.
 */
void
monitor_tell(const char *nick, const char *who)
{
	struct mon_entry	*e;
	size_t			 i;

	if ((e = mon_entry(nick)) == NULL)
		return;
	for (i = 0; i < e->n; i++) {
		if (who != NULL)
			send_numeric(e->watchers[i], RPL_MONONLINE, who);
		else
			send_numeric(e->watchers[i], RPL_MONOFFLINE, nick);
	}
}

/*
 * Send om, a change of c's that those with need are told, to c's watchers
 * with extended-monitor and need who are not marked with epoch yet (those
 * who share a channel with c have had it from send_common).
 */
void
monitor_send(struct client *c, struct outmsg *om, uint64_t epoch,
    uint32_t need)
{
	struct mon_entry	*e;
	struct client		*w;
	size_t			 i;

	need |= CAP_EXTENDED_MONITOR;
	if ((e = mon_entry(c->nick)) == NULL)
		return;
	for (i = 0; i < e->n; i++) {
		w = e->watchers[i];
		if (w->mark == epoch || (w->caps & need) != need)
			continue;
		w->mark = epoch;
		outmsg_send(om, w);
	}
}

void
monitor_free(void)
{
	struct mon_entry	*e;
	size_t			 i = 0;

	while ((e = hashtab_next(&mon_table, &i)) != NULL) {
		free(e->watchers);
		free(e);
	}
	hashtab_free(&mon_table);
}
