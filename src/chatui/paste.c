/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Pasted lines. The terminal says where a paste starts and ends (bracketed
 * paste); where it does not, several lines arriving in one read are a
 * paste. A paste of more lines than the paste setting (5) is held, and the
 * user is asked before it is sent (irssi does the same); a smaller one
 * goes at once. Either way its lines go through the send queue, at the
 * pace the server takes, so none is lost to flood control.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "chatui.h"
#include "i18n.h"

/* How long after its last line a paste without brackets is over. */
#define PASTE_SETTLE_MS	100

static struct event	*paste_ev;
static int		 paste_asked;	/* the held lines await Enter or Esc */

static void	paste_settle_cb(evutil_socket_t, short, void *);
static void	paste_send(void);

/* A line of a paste: kept until the paste is over. line is taken. */
void
paste_add(char *line)
{
	struct timeval	tv = { 0, PASTE_SETTLE_MS * 1000 };

	cu.paste = xreallocarray(cu.paste, cu.npaste + 1, sizeof *cu.paste);
	cu.paste[cu.npaste++] = line;
	/* Without brackets, the paste is over when its lines stop coming. */
	if (!cu.pasting && !paste_asked) {
		if (paste_ev == NULL)
			paste_ev = evtimer_new(cu.base, paste_settle_cb, NULL);
		evtimer_add(paste_ev, &tv);
	}
}

/* Whether lines are held: a paste that is coming in or waiting for a yes. */
int
paste_pending(void)
{
	return (cu.npaste != 0);
}

static void
paste_settle_cb(evutil_socket_t fd, short what, void *arg)
{
	paste_settle();
}

/* The paste is over: send it, or ask first if it is long. */
void
paste_settle(void)
{
	if (cu.npaste == 0 || paste_asked)
		return;
	if (cu.npaste <= cu.paste_ask || cu.paste_ask == 0) {
		paste_send();
		return;
	}
	paste_asked = 1;
	window_addf(cu.current, LINE_INFO, ngettext("You pasted %d line: "
	    "Enter sends it, Esc drops it.", "You pasted %d lines: Enter sends "
	    "them, Esc drops them.", cu.npaste), cu.npaste);
	model_changed();
}

/* Whether a pasted paste waits for the user's answer. */
int
paste_asking(void)
{
	return (paste_asked);
}

/* The user's answer: send the held lines (yes), or drop them. */
void
paste_answer(int yes)
{
	int	i, n = cu.npaste;

	paste_asked = 0;
	if (yes) {
		paste_send();
		return;
	}
	for (i = 0; i < n; i++)
		free(cu.paste[i]);
	cu.npaste = 0;
	window_addf(cu.current, LINE_INFO, ngettext("Dropped the %d pasted "
	    "line.", "Dropped the %d pasted lines.", n), n);
}

/*
 * Every held line, as if typed (commands too), into the send queue. Text
 * alone is one message of several lines: one multiline message where the
 * server takes them, else a message a line (command_send_text()).
 */
static void
paste_send(void)
{
	struct evbuffer	 *b;
	char		**lines = cu.paste, *text;
	int		  i, n = cu.npaste, commands = 0;

	cu.paste = NULL;
	cu.npaste = 0;
	for (i = 0; i < n; i++)
		commands += *lines[i] == '/';
	if (commands == 0 && n > 1) {
		b = evbuffer_new();
		for (i = 0; i < n; i++)
			evbuffer_add_printf(b, "%s%s", i > 0 ? "\n" : "",
			    lines[i]);
		evbuffer_add(b, "", 1);
		text = (char *)evbuffer_pullup(b, -1);
		if (strspn(text, "\n") != strlen(text))
			command_input(text);
		evbuffer_free(b);
	}
	for (i = 0; i < n; i++) {
		if ((commands != 0 || n == 1) && *lines[i] != '\0')
			command_input(lines[i]);
		free(lines[i]);
	}
	free(lines);
	model_changed();
}

/* At exit. */
void
paste_free(void)
{
	int	i;

	for (i = 0; i < cu.npaste; i++)
		free(cu.paste[i]);
	free(cu.paste);
	cu.paste = NULL;
	cu.npaste = 0;
	if (paste_ev != NULL)
		event_free(paste_ev);
	paste_ev = NULL;
}
