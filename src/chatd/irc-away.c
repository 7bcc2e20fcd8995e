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
	char	text[AWAY_MAX + 1];

	if (m->nparams > 0 && *m->params[0] != '\0') {
		xstrlcpy(text, m->params[0], (size_t)srv.conf->awaylen + 1);
		event_away(c, text);
		send_numeric(c, RPL_NOWAWAY);
	} else {
		event_away(c, NULL);
		send_numeric(c, RPL_UNAWAY);
	}
}

void
irc_setname(struct client *c, struct msg *m)
{
	if (*m->params[0] == '\0') {
		send_fail(c, "SETNAME", "INVALID_REALNAME",
		    "Realname is not valid");
		return;
	}
	event_setname(c, m->params[0]);
}
