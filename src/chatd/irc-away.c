/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * AWAY and SETNAME, with their away-notify and setname announcements.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "chatd.h"

void
irc_away(struct client *c, struct msg *m)
{
	struct outmsg	om;
	char		text[AWAY_MAX + 1];

	free(c->away);
	c->away = NULL;
	if (m->nparams > 0 && *m->params[0] != '\0') {
		xstrlcpy(text, m->params[0], (size_t)srv.conf->awaylen + 1);
		c->away = xstrdup(text);
		outmsg_init(&om, NULL, ":%s AWAY :%s", client_mask(c), text);
		send_numeric(c, RPL_NOWAWAY);
	} else {
		outmsg_init(&om, NULL, ":%s AWAY", client_mask(c));
		send_numeric(c, RPL_UNAWAY);
	}
	send_common(c, &om, 0, CAP_AWAY_NOTIFY, 0);
}

void
irc_setname(struct client *c, struct msg *m)
{
	struct outmsg	om;

	if (*m->params[0] == '\0') {
		send_fail(c, "SETNAME", "INVALID_REALNAME",
		    "Realname is not valid");
		return;
	}
	client_set_names(c, c->user, m->params[0]);
	outmsg_init(&om, NULL, ":%s SETNAME :%s", client_mask(c), c->realname);
	send_common(c, &om, 1, CAP_SETNAME, 0);
}
