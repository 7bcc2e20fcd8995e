/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The logs of the conversations (logging = yes): one plain-text file per
 * window, DIR/SERVER/NAME.log, a line per line shown, formatting codes
 * stripped, opened on the first line and line-buffered, so a crash loses
 * nothing that was on screen.
 */

#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chatui.h"

/*
 * The log file of a window: DIR/SERVER/NAME.log, with characters that
 * cannot be in a file name replaced; pure, so it is unit-tested.
 */
char *
chatlog_path(const char *dir, const char *server, const char *name)
{
	char	*path, *p, *start;

	xasprintf(&path, "%s/%s/%s.log", dir, server, name);
	start = path + strlen(dir) + 1;
	for (p = start; *p != '\0'; p++) {
		if (*p == '/' && p != start + strlen(server))
			*p = '_';
		else if ((unsigned char)*p < 0x20)
			*p = '_';
	}
	if (start[0] == '.')
		start[0] = '_';
	return (path);
}

/* Open w's log (and its directory). 0 if it cannot be: logging stops. */
static int
chatlog_open(struct window *w)
{
	char	*path, *dir;

	path = chatlog_path(cu.log_dir, cu.host, w->name);
	dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	mkdir(cu.log_dir, 0700);
	mkdir(dir, 0700);
	free(dir);
	w->log = fopen(path, "a");
	free(path);
	if (w->log == NULL) {
		cu.logging = 0;
		return (0);
	}
	setvbuf(w->log, NULL, _IOLBF, 0);
	return (1);
}

/* Append a line, without formatting codes, to the window's log. */
void
chatlog_write(struct window *w, const struct line *l)
{
	char		*p, *nl, stamp[32];
	char		 text[MULTILINE_MAX_BYTES + 1], head[NICK_MAX + 8];
	struct tm	 tm;
	time_t		 when = l->when;

	if (w->log == NULL && !chatlog_open(w))
		return;
	localtime_r(&when, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
	format_strip(line_text(l), text, sizeof text);
	format_line_head(l, 0, "", head, sizeof head);
	if (*head == '\0')
		xstrlcpy(head, "-!-", sizeof head);
	/* Each line of a multiline message as a line of the log. */
	for (p = text; p != NULL; p = nl != NULL ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		fprintf(w->log, "[%s] %s %.*s\n", stamp, head,
		    nl != NULL ? (int)(nl - p) : (int)strlen(p), p);
	}
}

void
chatlog_close(struct window *w)
{
	if (w->log != NULL)
		fclose(w->log);
	w->log = NULL;
}
