/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The notify list: nicks whose coming and going is told (/notify NICK,
 * notify = in the config), watched with the server's MONITOR (ISUPPORT
 * MONITOR): the list is given to it at each connection, and its 730 and
 * 731 say who is online and who has gone. A server without MONITOR keeps
 * the list, and /notify says that nothing will be told there.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "casemap.h"
#include "chatui.h"

struct notify {
	char	nick[NICK_MAX + 1];
	int	online;		/* -1: not known yet */
};

static struct notify	*notify_list;
static size_t		 notify_n;
static int		 notify_server;	/* the server has MONITOR */

static struct notify *
notify_find(const char *nick)
{
	size_t	i;

	for (i = 0; i < notify_n; i++) {
		if (casemap_cmp(notify_list[i].nick, nick) == 0)
			return (&notify_list[i]);
	}
	return (NULL);
}

static int
notify_add(const char *nick)
{
	if (*nick == '\0' || strlen(nick) > NICK_MAX || notify_find(nick) != NULL)
		return (0);
	notify_list = xreallocarray(notify_list, notify_n + 1,
	    sizeof *notify_list);
	xstrlcpy(notify_list[notify_n].nick, nick, sizeof notify_list[0].nick);
	notify_list[notify_n++].online = -1;
	return (1);
}

/* notify = NICK NICK ...: the list at start. */
void
notify_set(const char *value)
{
	char	*copy = xstrdup(value), *p = copy, *nick;

	while ((nick = strsep(&p, " ,")) != NULL)
		notify_add(nick);
	free(copy);
}

/* The server says it has MONITOR (005): the list goes to it. */
void
notify_monitor(void)
{
	char	buf[400];
	size_t	i, n = 0;

	/* Once a connection: a 005 sent again (VERSION) changes nothing. */
	if (notify_server)
		return;
	notify_server = 1;
	for (i = 0; i < notify_n; i++) {
		notify_list[i].online = -1;
		if (n + strlen(notify_list[i].nick) + 2 > sizeof buf) {
			net_send("MONITOR + %s", buf);
			n = 0;
		}
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s",
		    n == 0 ? "" : ",", notify_list[i].nick);
	}
	if (n != 0)
		net_send("MONITOR + %s", buf);
}

/* A new connection: whether its server has MONITOR is learned again. */
void
notify_reset(void)
{
	notify_server = 0;
}

/* 730 (online) or 731 (offline): each nick of the list, told once. */
void
notify_numeric(struct msg *m)
{
	char		*copy, *p, *item, *bang;
	struct notify	*n;
	int		 online = strcmp(m->verb, "730") == 0;

	p = copy = xstrdup(m->params[m->nparams - 1]);
	while ((item = strsep(&p, ",")) != NULL) {
		if ((bang = strchr(item, '!')) != NULL)
			*bang = '\0';
		if ((n = notify_find(item)) == NULL || n->online == online)
			continue;
		/* At connecting, those offline are not news. */
		if (n->online != -1 || online) {
			if (online)
				window_addf(cu.current, LINE_EVENT,
				    _("%s is online (%s)."), item,
				    bang != NULL ? bang + 1 : item);
			else
				window_addf(cu.current, LINE_EVENT,
				    _("%s went offline."), item);
		}
		n->online = online;
	}
	free(copy);
}

/* /notify [NICK | -NICK]: the list shown, a nick added or taken off. */
void
notify_command(struct window *w, const char *arg)
{
	struct notify	*n;
	size_t		 i;

	if (arg == NULL) {
		if (notify_n == 0) {
			window_addf(w, LINE_INFO, _("Nobody is on your notify "
			    "list."));
			return;
		}
		for (i = 0; i < notify_n; i++)
			window_addf(w, LINE_INFO, "%s: %s", notify_list[i].nick,
			    notify_list[i].online == 1 ? _("online") :
			    notify_list[i].online == 0 ? _("offline") :
			    _("not known"));
		if (!notify_server)
			window_addf(w, LINE_INFO, _("This server has no MONITOR: "
			    "nobody's coming or going will be told."));
		return;
	}
	if (*arg == '-') {
		if ((n = notify_find(arg + 1)) == NULL) {
			window_addf(w, LINE_INFO, _("%s is not on your notify "
			    "list."), arg + 1);
			return;
		}
		if (notify_server)
			net_send("MONITOR - %s", n->nick);
		window_addf(w, LINE_INFO, _("%s is off your notify list."),
		    n->nick);
		*n = notify_list[--notify_n];
		return;
	}
	if (!notify_add(arg)) {
		window_addf(w, LINE_INFO, _("%s is on your notify list "
		    "already."), arg);
		return;
	}
	window_addf(w, LINE_INFO, notify_server ? _("You will be told when %s "
	    "comes and goes.") : _("%s is on your notify list, but this "
	    "server has no MONITOR: nothing will be told here."), arg);
	if (notify_server)
		net_send("MONITOR + %s", arg);
}

void
notify_free(void)
{
	free(notify_list);
	notify_list = NULL;
	notify_n = 0;
}
