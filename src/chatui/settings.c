/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The settings of ~/.config/chatui/config, one table for the file, the
 * command line and /set: each name, where its value is kept, and when it
 * takes effect. /set shows them (passwords hidden) and changes one for
 * the session, at once where that can be (the pace of pastes, logging,
 * hyperlinks, highlight words ...), else at the next connection or start,
 * as it says; /save writes those changed into the file, keeping every
 * other line of it as it was.
 */

#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chatui.h"
#include "i18n.h"

#define SET_SECRET	0x01	/* its value is never shown */
#define SET_NOW		0x02	/* takes effect at once */
#define SET_START	0x04	/* read at start only */

struct setting {
	const char	 *name;
	char		**field;
	int		  flags;
	int		  changed;	/* by /set, for /save */
};

static struct setting settings[] = {
	{ "account", &cu.account, 0, 0 },
	{ "account-password", &cu.account_password, SET_SECRET, 0 },
	{ "dcc-address", &cu.dcc_address, SET_NOW, 0 },
	{ "dcc-ports", &cu.dcc_ports, SET_NOW, 0 },
	{ "download-dir", &cu.download_dir, SET_NOW, 0 },
	{ "highlight", &cu.highlight_setting, SET_NOW, 0 },
	{ "host", &cu.host, 0, 0 },
	{ "hyperlinks", &cu.hyperlinks_setting, SET_NOW, 0 },
	{ "ignore", &cu.ignore_setting, SET_START, 0 },
	{ "join", &cu.autojoin, 0, 0 },
	{ "log", &cu.log_setting, SET_NOW, 0 },
	{ "nick", &cu.nick, 0, 0 },
	{ "notify", &cu.notify_setting, SET_START, 0 },
	{ "password", &cu.password, SET_SECRET, 0 },
	{ "password-command", &cu.password_command, 0, 0 },
	{ "paste", &cu.paste_setting, SET_NOW, 0 },
	{ "port", &cu.port, 0, 0 },
	{ "realname", &cu.realname, 0, 0 },
	{ "scrollback", &cu.scrollback_setting, SET_NOW, 0 },
	{ "tls", &cu.tls_setting, 0, 0 },
	{ "tls-cert", &cu.tls_cert, 0, 0 },
	{ "typing", &cu.typing_setting, SET_NOW, 0 },
	{ "user", &cu.user, 0, 0 },
};
#define NSETTINGS	(sizeof settings / sizeof settings[0])

static struct setting	*settings_find(const char *);

static struct setting *
settings_find(const char *name)
{
	size_t	i;

	for (i = 0; i < NSETTINGS; i++) {
		if (strcmp(settings[i].name, name) == 0)
			return (&settings[i]);
	}
	return (NULL);
}

/* Set name to value as the config file and the options do; 0, or -1. */
int
settings_store(const char *name, const char *value)
{
	struct setting	*s;

	if ((s = settings_find(name)) == NULL)
		return (-1);
	free(*s->field);
	*s->field = xstrdup(value);
	return (0);
}

/* A number from min to max, or -1 if s is not one. */
long
settings_number(const char *s, long min, long max)
{
	char	*end;
	long	 n;

	n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || n < min || n > max)
		return (-1);
	return (n);
}

/*
 * Check the settings that have a form and put them to use: NULL, or why
 * one is wrong (for chatui to say and exit at start, for /set to say).
 */
const char *
settings_apply(void)
{
	static char	why[256];
	const char	*h = cu.hyperlinks_setting;

	cu.scrollback = SCROLLBACK_DEFAULT;
	if (cu.scrollback_setting != NULL && (cu.scrollback =
	    (int)settings_number(cu.scrollback_setting, SCROLLBACK_MIN,
	    SCROLLBACK_MAX)) == -1) {
		snprintf(why, sizeof why, _("scrollback must be a number of "
		    "lines from %d to %d, not %s"), SCROLLBACK_MIN,
		    SCROLLBACK_MAX, cu.scrollback_setting);
		cu.scrollback = SCROLLBACK_DEFAULT;
		return (why);
	}
	cu.paste_ask = PASTE_ASK_DEFAULT;
	if (cu.paste_setting != NULL && (cu.paste_ask =
	    (int)settings_number(cu.paste_setting, 0, 100000)) == -1) {
		snprintf(why, sizeof why, _("paste must be a number of lines "
		    "from 0 to 100000, not %s"), cu.paste_setting);
		cu.paste_ask = PASTE_ASK_DEFAULT;
		return (why);
	}
	if (h != NULL && strcmp(h, "yes") != 0 && strcmp(h, "no") != 0 &&
	    strcmp(h, "auto") != 0) {
		snprintf(why, sizeof why, _("hyperlinks is yes, no or auto, "
		    "not %s"), h);
		return (why);
	}
	return (NULL);
}

/* /set: every setting, one, or one set for this session. */
void
settings_command(struct window *w, int argc, char **argv)
{
	struct setting	*s;
	const char	*why;
	char		*old;
	size_t		 i;

	for (i = 0; argc == 0 && i < NSETTINGS; i++) {
		s = &settings[i];
		window_addf(w, LINE_INFO, "%-18s = %s", s->name,
		    *s->field == NULL ? "" : (s->flags & SET_SECRET) ?
		    "********" : *s->field);
	}
	if (argc == 0)
		return;
	if ((s = settings_find(argv[0])) == NULL) {
		window_addf(w, LINE_INFO, _("There is no setting %s (/set lists "
		    "them)."), argv[0]);
		return;
	}
	if (argc == 1) {
		window_addf(w, LINE_INFO, "%s = %s", s->name, *s->field ==
		    NULL ? "" : (s->flags & SET_SECRET) ? "********" :
		    *s->field);
		return;
	}
	old = *s->field;
	*s->field = xstrdup(argv[1]);
	if ((why = settings_apply()) != NULL) {
		/* The value refused: the old one back, and in use again. */
		free(*s->field);
		*s->field = old;
		settings_apply();
		window_addf(w, LINE_INFO, "%s", why);
		return;
	}
	free(old);
	s->changed = 1;
	if (strcmp(s->name, "log") == 0)
		chatui_logging(strcmp(argv[1], "yes") == 0);
	if (strcmp(s->name, "hyperlinks") == 0)
		ui_settings_changed();
	if (s->flags & SET_SECRET)
		window_addf(w, LINE_INFO, _("%s is set (/save keeps it)."),
		    s->name);
	else if (s->flags & SET_NOW)
		window_addf(w, LINE_INFO, _("%s = %s, now (/save keeps it)."),
		    s->name, argv[1]);
	else if (s->flags & SET_START)
		window_addf(w, LINE_INFO, _("%s = %s from the next start (/save "
		    "keeps it)."), s->name, argv[1]);
	else
		window_addf(w, LINE_INFO, _("%s = %s from the next connection "
		    "(/reconnect; /save keeps it)."), s->name, argv[1]);
	model_changed();
}

/* The config file's path (chatui reads it at start); NULL if none. */
char *
settings_file(void)
{
	const char	*home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
	char		*path;

	if (xdg != NULL && *xdg != '\0')
		xasprintf(&path, "%s/chatui/config", xdg);
	else if (home != NULL)
		xasprintf(&path, "%s/.config/chatui/config", home);
	else
		path = NULL;
	return (path);
}

/*
 * /save: the settings /set changed, into the config file: a line of one
 * of them is replaced, those it has not are added at the end, every other
 * line stays. Written to a new file renamed over the old (mode 0600: it
 * may hold a password).
 */
void
settings_save(struct window *w)
{
	struct setting	*s;
	char		*path, *tmp = NULL, *dir, *line = NULL, *p, *eq;
	char		 done[NSETTINGS];
	size_t		 size = 0, i, n = 0, klen;
	FILE		*in, *out = NULL;
	int		 fd = -1;

	if ((path = settings_file()) == NULL) {
		window_addf(w, LINE_INFO, _("Nowhere to save: HOME is not set."));
		return;
	}
	memset(done, 0, sizeof done);
	dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		goto fail;
	xasprintf(&tmp, "%s.new", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1 ||
	    (out = fdopen(fd, "w")) == NULL)
		goto fail;
	fd = -1;
	if ((in = fopen(path, "r")) != NULL) {
		while (getline(&line, &size, in) != -1) {
			for (p = line; isspace((unsigned char)*p); p++)
				continue;
			s = NULL;
			if (*p != '#' && (eq = strchr(p, '=')) != NULL) {
				for (klen = eq - p; klen > 0 &&
				    isspace((unsigned char)p[klen - 1]); klen--)
					continue;
				for (i = 0; i < NSETTINGS; i++) {
					if (strlen(settings[i].name) == klen &&
					    strncmp(settings[i].name, p,
					    klen) == 0 && settings[i].changed)
						s = &settings[i];
				}
			}
			if (s == NULL)
				fputs(line, out);
			else if (!done[s - settings]) {
				fprintf(out, "%s = %s\n", s->name, *s->field);
				done[s - settings] = 1;
			}
		}
		fclose(in);
	}
	for (i = 0; i < NSETTINGS; i++) {
		if (settings[i].changed && !done[i] &&
		    *settings[i].field != NULL) {
			fprintf(out, "%s = %s\n", settings[i].name,
			    *settings[i].field);
			done[i] = 1;
		}
		n += done[i];
	}
	if (fclose(out) != 0 || rename(tmp, path) != 0) {
		out = NULL;
		goto fail;
	}
	window_addf(w, LINE_INFO, ngettext("Saved %zu setting to %s.",
	    "Saved %zu settings to %s.", n), n, path);
	goto out;
fail:
	window_addf(w, LINE_INFO, _("Cannot save to %s: %s"), path,
	    strerror(errno));
	if (out != NULL)
		fclose(out);
	if (fd != -1)
		close(fd);
	if (tmp != NULL)
		unlink(tmp);
out:
	free(line);
	free(tmp);
	free(dir);
	free(path);
}
