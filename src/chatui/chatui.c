/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * chatui's main: options and ~/.config/chatui/config, the locale, one
 * libevent loop for the terminal, the server socket, signals and timers,
 * and the redraw once per loop turn (catgirl's chat.c, tmux's loop).
 */

#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <event2/bufferevent.h>
#include <event2/event.h>

#include <sodium.h>

#include "chatui.h"
#include "i18n.h"

struct chatui	cu;

static void	usage(FILE *);
static void	chatui_read_config(void);
static void	chatui_set(const char *, const char *);
static void	chatui_mkdirs(const char *);
static int	chatui_account_password(void);
static void	chatui_address(const char *);
static int	chatui_port_ok(const char *);
static void	chatui_stdin_cb(evutil_socket_t, short, void *);
static void	chatui_redraw_cb(evutil_socket_t, short, void *);
static void	chatui_signal_cb(evutil_socket_t, short, void *);

static void
usage(FILE *f)
{
	fprintf(f, _("Usage: chatui [-lt] [-a ACCOUNT] [-n NICK] [-u USER] "
	    "[-r REALNAME] [-j CHANNELS] [-w PASSWORD] [-s LINES] "
	    "[[ircs://]HOST[:PORT]]\n\n"
	    "A terminal chat client for IRC servers such as chatd.\n\n"
	    "  -a ACCOUNT    log in to ACCOUNT (SASL); the password comes\n"
	    "                from CHATUI_PASSWORD, password-command or\n"
	    "                account-password in the config file\n"
	    "  -n NICK       your nick (default: $USER)\n"
	    "  -u USER       your user name (default: the nick)\n"
	    "  -r REALNAME   your real name (default: the nick)\n"
	    "  -j CHANNELS   channels to join, comma-separated\n"
	    "  -w PASSWORD   the server password\n"
	    "  -s LINES      scrollback kept per window (default: 10000)\n"
	    "  -l            log every window under ~/.local/share/chatui/logs\n"
	    "  -t            connect with TLS (as ircs:// does)\n"
	    "  HOST[:PORT]   the server (default: localhost:6667, 6697 with TLS)\n\n"
	    "The same settings (nick, user, realname, join, password, host,\n"
	    "port, scrollback, paste, ignore, log = yes, account,\n"
	    "account-password, password-command, tls = yes, tls-cert) may\n"
	    "be given one per line as NAME = VALUE in ~/.config/chatui/config.\n"
	    "Type /help inside for the commands.\n"));
}

/* Set one setting by name, as the config file and options do. */
static void
chatui_set(const char *key, const char *value)
{
	if (settings_store(key, value) != 0)
		fprintf(stderr, _("chatui: unknown setting %s in the config "
		    "file\n"), key);
}

/* Logging on or off (-l, log = yes, /set log). */
void
chatui_logging(int on)
{
	char	*dir;

	cu.logging = on;
	if (on && cu.log_dir == NULL) {
		dir = chatui_data_dir();
		xasprintf(&cu.log_dir, "%s/logs", dir);
		free(dir);
		chatui_mkdirs(cu.log_dir);
	}
}

/* Whether s is a TCP port: a number from 1 to 65535 (or a service name). */
static int
chatui_port_ok(const char *s)
{
	if (*s != '\0' && strspn(s, "0123456789") != strlen(s))
		return (getservbyname(s, "tcp") != NULL);
	return (settings_number(s, 1, 65535) != -1);
}

/*
 * The account's password: CHATUI_PASSWORD, else the first line that
 * password-command prints (run once, before the screen is taken), else
 * account-password from the config file. Never an option: ps shows those.
 */
static int
chatui_account_password(void)
{
	const char	*env = getenv("CHATUI_PASSWORD");
	char		*line = NULL;
	size_t		 size = 0;
	ssize_t		 n;
	FILE		*f;
	int		 status;

	if (env != NULL && *env != '\0') {
		free(cu.account_password);
		cu.account_password = xstrdup(env);
		return (0);
	}
	if (cu.password_command == NULL)
		return (0);
	fflush(NULL);
	if ((f = popen(cu.password_command, "r")) == NULL) {
		fprintf(stderr, _("chatui: cannot run password-command: %s\n"),
		    strerror(errno));
		return (-1);
	}
	n = getline(&line, &size, f);
	status = pclose(f);
	if (n <= 0 || status != 0) {
		fprintf(stderr, _("chatui: password-command (%s) gave no "
		    "password\n"), cu.password_command);
		free(line);
		return (-1);
	}
	line[strcspn(line, "\r\n")] = '\0';
	free(cu.account_password);
	cu.account_password = line;
	return (0);
}

/*
 * HOST[:PORT], [V6]:PORT, ircs://HOST[:PORT] (TLS) or irc://HOST[:PORT].
 */
static void
chatui_address(const char *arg)
{
	char	*colon;
	size_t	 len;

	if (strncasecmp(arg, "ircs://", 7) == 0) {
		cu.tls = 1;
		arg += 7;
	} else if (strncasecmp(arg, "irc://", 6) == 0)
		arg += 6;
	chatui_set("host", arg);
	len = strlen(cu.host);
	if (len > 0 && cu.host[len - 1] == '/')
		cu.host[len - 1] = '\0';
	if ((colon = strrchr(cu.host, ':')) != NULL &&
	    strchr(colon, ']') == NULL) {
		*colon = '\0';
		chatui_set("port", colon + 1);
	}
	if (cu.host[0] == '[') {
		memmove(cu.host, cu.host + 1, strlen(cu.host));
		cu.host[strcspn(cu.host, "]")] = '\0';
	}
}

/* The data directory, made if need be: ~/.local/share/chatui. */
char *
chatui_data_dir(void)
{
	const char	*env;
	char		*dir;

	if ((env = getenv("XDG_DATA_HOME")) != NULL && *env != '\0')
		xasprintf(&dir, "%s/chatui", env);
	else
		xasprintf(&dir, "%s/.local/share/chatui",
		    (env = getenv("HOME")) != NULL ? env : ".");
	chatui_mkdirs(dir);
	return (dir);
}

/* Make a directory and its parents, as mkdir -p. */
static void
chatui_mkdirs(const char *path)
{
	char	*copy = xstrdup(path), *p;

	for (p = copy + 1; *p != '\0'; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(copy, 0700);
			*p = '/';
		}
	}
	mkdir(copy, 0700);
	free(copy);
}

static void
chatui_read_config(void)
{
	char		*path, *line = NULL, *p, *eq, *end;
	size_t		 size = 0;
	FILE		*f;

	if ((path = settings_file()) == NULL)
		return;
	f = fopen(path, "r");
	free(path);
	if (f == NULL)
		return;
	while (getline(&line, &size, f) != -1) {
		line[strcspn(line, "\r\n")] = '\0';
		for (p = line; isspace((unsigned char)*p); p++)
			;
		if (*p == '#' || *p == '\0' || (eq = strchr(p, '=')) == NULL)
			continue;
		for (end = eq; end > p && isspace((unsigned char)end[-1]); end--)
			;
		*end = '\0';
		for (eq++; isspace((unsigned char)*eq); eq++)
			;
		chatui_set(p, eq);
	}
	free(line);
	fclose(f);
}

static void
chatui_stdin_cb(evutil_socket_t fd, short what, void *arg)
{
	input_read();
	/* What was typed shows now, not at the next frame. */
	ui_redraw_now();
}

static void
chatui_redraw_cb(evutil_socket_t fd, short what, void *arg)
{
	ui_draw();
}

static void
chatui_signal_cb(evutil_socket_t sig, short what, void *arg)
{
	if (sig == SIGWINCH) {
		ui_resize();
		return;
	}
	/* Ctrl-C asks nothing: say goodbye and go. */
	cu.quitting = 1;
	if (cu.connected) {
		net_disconnect("chatui");
		event_base_loopexit(cu.base, &(struct timeval){ 1, 0 });
	} else
		event_base_loopbreak(cu.base);
}

int
main(int argc, char **argv)
{
	const char	*env, *why;
	char		*colon;
	int		 ch;

	i18n_init();
	if (sodium_init() < 0) {
		fprintf(stderr, "chatui: libsodium cannot start\n");
		return (1);
	}
	chatui_read_config();
	while ((ch = getopt(argc, argv, "a:hln:u:r:j:s:tw:")) != -1) {
		switch (ch) {
		case 'a':
			chatui_set("account", optarg);
			break;
		case 'n':
			chatui_set("nick", optarg);
			break;
		case 'u':
			chatui_set("user", optarg);
			break;
		case 'r':
			chatui_set("realname", optarg);
			break;
		case 'j':
			chatui_set("join", optarg);
			break;
		case 's':
			chatui_set("scrollback", optarg);
			break;
		case 't':
			chatui_set("tls", "yes");
			break;
		case 'w':
			chatui_set("password", optarg);
			break;
		case 'l':
			chatui_set("log", "yes");
			break;
		case 'h':
			usage(stdout);
			return (0);
		default:
			usage(stderr);
			return (2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1) {
		usage(stderr);
		return (2);
	}
	if (argc == 1)
		chatui_address(argv[0]);
	else if (cu.host != NULL && strstr(cu.host, "://") != NULL) {
		/* host = ircs://name:port in the config file. */
		colon = xstrdup(cu.host);
		chatui_address(colon);
		free(colon);
	}
	if (cu.tls_setting != NULL && strcmp(cu.tls_setting, "yes") == 0)
		cu.tls = 1;
#ifndef HAVE_CHATUI_TLS
	if (cu.tls || cu.tls_cert != NULL) {
		fprintf(stderr, _("chatui: this chatui was built without TLS\n"));
		return (2);
	}
#endif
	if (cu.host == NULL)
		cu.host = xstrdup("localhost");
#ifdef HAVE_CHATUI_TLS
	tls_sts_load();
	if (cu.tls_cert != NULL && tls_client_cert(cu.tls_cert) != 0)
		return (2);
#endif
	if (cu.port == NULL)
		cu.port = xstrdup(cu.tls ? "6697" : "6667");
	if (cu.nick == NULL)
		cu.nick = xstrdup((env = getenv("USER")) != NULL ? env : "guest");
	if (cu.user == NULL)
		cu.user = xstrdup(cu.nick);
	if (cu.realname == NULL)
		cu.realname = xstrdup(cu.nick);
	xstrlcpy(cu.me, cu.nick, sizeof cu.me);
	if ((why = settings_apply()) != NULL) {
		fprintf(stderr, "chatui: %s\n", why);
		return (2);
	}
	if (cu.ignore_setting != NULL)
		ignore_set(cu.ignore_setting);
	if (cu.notify_setting != NULL)
		notify_set(cu.notify_setting);
	if (cu.account != NULL && chatui_account_password() != 0)
		return (2);
	if (!chatui_port_ok(cu.port)) {
		fprintf(stderr, _("chatui: the port must be a number from 1 to "
		    "65535, not %s\n"), cu.port);
		return (2);
	}
	cu.show_nicklist = 1;
	chatui_logging(cu.log_setting != NULL &&
	    strcmp(cu.log_setting, "yes") == 0);
	TAILQ_INIT(&cu.windows);
	TAILQ_INIT(&cu.queue);
	pace_init(&cu.pace, PACE_BURST, PACE_INTERVAL_MS);
	edit_init(&cu.edit);
	cu.current = window_get(_("server"), WINDOW_SERVER);

	signal(SIGPIPE, SIG_IGN);
	cu.base = event_base_new();
	cu.redraw_ev = event_new(cu.base, -1, 0, chatui_redraw_cb, NULL);
	cu.lag_ms = -1;
	cu.lag_ev = evtimer_new(cu.base, net_lag_cb, NULL);
	cu.stdin_ev = event_new(cu.base, STDIN_FILENO, EV_READ | EV_PERSIST,
	    chatui_stdin_cb, NULL);
	event_add(cu.stdin_ev, NULL);
	cu.sig_winch = evsignal_new(cu.base, SIGWINCH, chatui_signal_cb, NULL);
	cu.sig_int = evsignal_new(cu.base, SIGINT, chatui_signal_cb, NULL);
	cu.sig_term = evsignal_new(cu.base, SIGTERM, chatui_signal_cb, NULL);
	evsignal_add(cu.sig_winch, NULL);
	evsignal_add(cu.sig_int, NULL);
	evsignal_add(cu.sig_term, NULL);

	ui_init();
	window_addf(cu.current, LINE_INFO,
	    _("chatui %s. Type /help for the commands."), VERSION);
	net_connect();
	model_changed();
	/* A turn of the loop, then the screen: what the turn changed. */
	while (event_base_loop(cu.base, EVLOOP_ONCE) == 0 &&
	    !event_base_got_break(cu.base) && !event_base_got_exit(cu.base))
		ui_update();

	ui_end();
	if (cu.bev != NULL)
		bufferevent_free(cu.bev);
	if (cu.reconnect_ev != NULL)
		event_free(cu.reconnect_ev);
	event_free(cu.redraw_ev);
	event_free(cu.lag_ev);
	event_free(cu.stdin_ev);
	event_free(cu.sig_winch);
	event_free(cu.sig_int);
	event_free(cu.sig_term);
	xfer_shutdown();
	dcc_free();
	notify_free();
	event_base_free(cu.base);
	window_free_all();
	net_queue_free();
	paste_free();
	ignore_free();
	sasl_free();
	readmark_free();
	typing_free();
	free(cu.filehost);
	net_labels_free();
#ifdef HAVE_CHATUI_TLS
	tls_free();
#endif
	edit_free(&cu.edit);
	return (0);
}
