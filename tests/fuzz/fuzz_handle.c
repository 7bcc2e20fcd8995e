/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Fuzz target: chatui's handling of what a server sends, one line per
 * input line, into its windows and nick lists. Invariant: no server input,
 * however malformed, crashes the client or corrupts its windows.
 */

#include "config.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chatui.h"

struct chatui	cu;

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#include "../unit/chatui-stubs.h"

/* No network and no screen here. */
void
net_send(const char *fmt, ...)
{
}

/* A clock that stands still: CTCP answers are paced by it. */
long
net_now_ms(void)
{
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct window	*w;
	char		*buf, *line, *p;
	int		 i;

	if (size > 65536)
		return (0);
	memset(&cu, 0, sizeof cu);
	TAILQ_INIT(&cu.windows);
	xstrlcpy(cu.me, "me", sizeof cu.me);
	cu.scrollback = SCROLLBACK_MIN;	/* small, so lines are dropped too */
	cu.current = window_get("server", WINDOW_SERVER);
	buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (p = buf; (line = strsep(&p, "\n")) != NULL;) {
		line[strcspn(line, "\r")] = '\0';
		handle_line(line);
	}
	TAILQ_FOREACH(w, &cu.windows, entry) {
		assert(w->buf.n >= 0 && w->buf.n <= cu.scrollback &&
		    w->buf.n <= w->buf.size);
		for (i = 1; i < w->nicks.n; i++)
			assert(nicklist_cmp(&w->nicks.members[i - 1],
			    &w->nicks.members[i]) <= 0);
	}
	history_reset();
	sasl_free();
	window_free_all();
	free(cu.server_name);
	free(cu.userhost);
	free(cu.sasl_mechs);
	free(cu.account_now);
	free(cu.filehost);
	free(buf);
	return (0);
}
