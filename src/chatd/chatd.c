/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * chatd's main: the command line, the first configuration load, the event
 * loop, and the exit statuses (2 for usage and configuration, 1 at run
 * time).
 */

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "chatd.h"
#include "i18n.h"
#include "store.h"
#include "conn.h"
#include "tls.h"
#include "ws.h"

struct server	srv;

static void	usage(FILE *);
static int	hash_password(void);
static int	usage_error(const char *, const char *);
static int	main_check_db(void);
static char	*read_password(const char *);
static int	main_account(const char *, int, char **);
static int	main_make_cert(const char *);

static void
usage(FILE *f)
{
	fprintf(f, _("Usage: chatd [-c FILE] [-o KEY=VALUE]... "
	    "[--listen ADDR:PORT]... [--name SERVERNAME]\n"
	    "             [--log-file FILE] [--log-level error|warn|info|debug]\n"
	    "             [--check-config] [--check-db] [--hash-password] "
	    "[--version] [--help]\n"
	    "       chatd [-c FILE] [-o KEY=VALUE]... --account list | "
	    "add|passwd|del NAME | certfp NAME FP\n"
	    "       chatd [-c FILE] [-o KEY=VALUE]... --files list|purge\n"
	    "       chatd [-c FILE] [-o KEY=VALUE]... --make-cert DIR\n\n"
	    "An IRC chat server. Runs in the foreground and logs to standard "
	    "error.\n\n"
	    "  -c FILE              read the configuration from FILE\n"
	    "  -o KEY=VALUE         set an option as a line of the file would\n"
	    "  --listen ADDR:PORT   the same as -o listen=ADDR:PORT\n"
	    "  --name NAME          the same as -o name=NAME\n"
	    "  --log-file FILE      the same as -o log-file=FILE\n"
	    "  --log-level LEVEL    the same as -o log-level=LEVEL\n"
	    "  --check-config       check the configuration and exit\n"
	    "  --check-db           check the db file (option db) and exit\n"
	    "  --hash-password      read a password, print a hash for an oper "
	    "line\n"
	    "  --account VERB       list the accounts in the db, or add one, "
	    "change its\n"
	    "                       password or delete it (the password from "
	    "standard input),\n"
	    "                       or set the client certificate it logs in "
	    "with (- for none)\n"
	    "  --files list|purge   list the uploaded files, or remove the "
	    "expired ones now\n"
	    "  --make-cert DIR      make a self-signed TLS certificate and key "
	    "in DIR\n"
	    "                       (chatd.crt, chatd.key) for tls-cert and "
	    "tls-key\n"
	    "  --version            print the version and exit\n"
	    "  --help               print this help and exit\n\n"
	    "See chatd(8) and chatd.conf(5).\n"));
}

/* One line naming the problem, then exit status 2. */
static int
usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "chatd: %s%s%s\n", what, arg != NULL ? ": " : "",
	    arg != NULL ? arg : "");
	fprintf(stderr, _("Try 'chatd --help' for more information.\n"));
	return (2);
}

/*
 * Read a password from standard input, without echo on a terminal; NULL
 * (said) if none comes. The caller clears and frees it.
 */
static char *
read_password(const char *prompt)
{
	struct termios	 old, quiet;
	char		*line = NULL;
	size_t		 size = 0;
	ssize_t		 len;
	int		 tty = isatty(STDIN_FILENO);

	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	len = getline(&line, &size, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	if (len <= 0) {
		free(line);
		fprintf(stderr, _("chatd: no password given\n"));
		return (NULL);
	}
	return (line);
}

/* Read a password from standard input and print its crypt(3) hash. */
static int
hash_password(void)
{
	char	*line, *hash;

	if ((line = read_password(_("Password: "))) == NULL)
		return (2);
	hash = irc_oper_hash(line);
	explicit_bzero(line, strlen(line));
	free(line);
	if (hash == NULL) {
		fprintf(stderr, _("chatd: cannot hash the password\n"));
		return (1);
	}
	printf("%s\n", hash);
	free(hash);
	return (0);
}

/*
 * --account list | add NAME | passwd NAME | del NAME | certfp NAME FP,
 * against the db option's file; the password of add and passwd from
 * standard input.
 */
static int
main_account(const char *verb, int argc, char **argv)
{
	char	*password = NULL;
	int	 error, named = 0, certfp;

	certfp = strcmp(verb, "certfp") == 0;
	if (strcmp(verb, "list") != 0 && strcmp(verb, "add") != 0 &&
	    strcmp(verb, "passwd") != 0 && strcmp(verb, "del") != 0 &&
	    !certfp)
		error = usage_error(_("--account takes list, add, passwd, del "
		    "or certfp"), verb);
	else if (certfp && argc != 2)
		error = usage_error(_("--account certfp needs an account name "
		    "and a fingerprint (or -)"), NULL);
	else if (certfp && strcmp(argv[1], "-") != 0 &&
	    !account_certfp_valid(argv[1]))
		error = usage_error(_("not a SHA-256 fingerprint (64 hex "
		    "digits, lower case)"), argv[1]);
	else if (!certfp && (named = strcmp(verb, "list") != 0) !=
	    (argc == 1))
		error = usage_error(named ? _("--account needs one account "
		    "name") : _("unexpected argument"), argc > 1 ? argv[1] :
		    argc == 1 ? argv[0] : NULL);
	else if ((certfp || named) && (!irc_nick_valid(argv[0]) ||
	    (int)strlen(argv[0]) > srv.conf->nicklen))
		error = usage_error(_("not a valid account name"), argv[0]);
	else if (*srv.conf->db == '\0') {
		fprintf(stderr, _("chatd: no db is set (db = FILE)\n"));
		error = 2;
	} else if ((strcmp(verb, "add") == 0 || strcmp(verb, "passwd") == 0) &&
	    (password = read_password(_("Password: "))) == NULL)
		error = 2;
	else if (certfp)
		error = account_command(verb, argv[0], argv[1]);
	else
		error = account_command(verb, named ? argv[0] : NULL,
		    password);
	if (password != NULL) {
		explicit_bzero(password, strlen(password));
		free(password);
	}
	config_free(srv.conf);
	strlist_clear(&srv.conf_overrides);
	return (error);
}

/*
 * --make-cert DIR: a self-signed certificate for the server's name in DIR
 * (made if missing), for tls-cert and tls-key.
 */
static int
main_make_cert(const char *dir)
{
	struct stat	sb;
	int		error;

	if (*dir == '\0')
		error = usage_error(_("--make-cert needs a directory"), NULL);
	else if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "chatd: %s: %s\n", dir, strerror(errno));
		error = 1;
	} else if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		error = usage_error(_("not a directory"), dir);
	else
		error = tls_make_cert(dir, srv.conf->name);
	config_free(srv.conf);
	strlist_clear(&srv.conf_overrides);
	return (error);
}

/* --check-db: the db option's file checked; 0 if it is sound. */
static int
main_check_db(void)
{
	char	*cause = NULL;
	int	 error;

	if (*srv.conf->db == '\0') {
		fprintf(stderr, _("chatd: no db is set (db = FILE)\n"));
		error = 2;
	} else if ((error = store_check(srv.conf->db, &cause)) != 0) {
		fprintf(stderr, "chatd: %s\n", cause);
		free(cause);
		error = 1;
	}
	config_free(srv.conf);
	strlist_clear(&srv.conf_overrides);
	return (error);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "account", required_argument, NULL, 'A' },
		{ "check-config", no_argument, NULL, 'C' },
		{ "check-db", no_argument, NULL, 'D' },
		{ "files", required_argument, NULL, 'f' },
		{ "hash-password", no_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ "listen", required_argument, NULL, 'L' },
		{ "log-file", required_argument, NULL, 'F' },
		{ "log-level", required_argument, NULL, 'V' },
		{ "make-cert", required_argument, NULL, 'M' },
		{ "name", required_argument, NULL, 'N' },
		{ "version", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	char		*cause = NULL, *opt;
	const char	*key, *account = NULL, *cert_dir = NULL, *files = NULL;
	int		 ch, check = 0, check_db = 0;

	i18n_init();
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":c:o:", longopts, NULL)) != -1) {
		key = NULL;
		switch (ch) {
		case 'c':
			srv.conf_file = optarg;
			break;
		case 'o':
			strlist_add(&srv.conf_overrides, optarg);
			break;
		case 'L':
			key = "listen";
			break;
		case 'N':
			key = "name";
			break;
		case 'F':
			key = "log-file";
			break;
		case 'V':
			key = "log-level";
			break;
		case 'C':
			check = 1;
			break;
		case 'D':
			check_db = 1;
			break;
		case 'A':
			account = optarg;
			break;
		case 'M':
			cert_dir = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "list") != 0 &&
			    strcmp(optarg, "purge") != 0)
				return (usage_error(_("--files takes list or "
				    "purge"), optarg));
			files = optarg;
			break;
		case 'H':
			return (hash_password());
		case 'h':
			usage(stdout);
			return (0);
		case 'v':
			printf("chatd %s\n", VERSION);
			return (0);
		case ':':
			return (usage_error(_("option needs a value"),
			    argv[optind - 1]));
		default:
			return (usage_error(_("unknown option"),
			    argv[optind - 1]));
		}
		if (key != NULL) {
			xasprintf(&opt, "%s=%s", key, optarg);
			strlist_add(&srv.conf_overrides, opt);
			free(opt);
		}
	}
	if (optind < argc && account == NULL)
		return (usage_error(_("unexpected argument"), argv[optind]));

	srv.conf = config_create();
	if (config_load(srv.conf, srv.conf_file, &srv.conf_overrides,
	    &cause) != 0) {
		fprintf(stderr, "chatd: %s\n", cause);
		free(cause);
		config_free(srv.conf);
		strlist_clear(&srv.conf_overrides);
		return (2);
	}
	if (check) {
		printf(_("chatd: configuration is valid\n"));
		config_free(srv.conf);
		strlist_clear(&srv.conf_overrides);
		return (0);
	}
	if (check_db)
		return (main_check_db());
	if (cert_dir != NULL)
		return (main_make_cert(cert_dir));
	if (account != NULL)
		return (main_account(account, argc - optind, argv + optind));
	if (files != NULL) {
		ch = files_command(files);
		config_free(srv.conf);
		strlist_clear(&srv.conf_overrides);
		return (ch);
	}
	log_set_level(srv.conf->log_level);
	log_defer(server_log_later);
	log_clock(server_timeval);
	if (log_open(srv.conf->log_file) != 0) {
		fprintf(stderr, _("chatd: cannot open log file %s: %s\n"),
		    srv.conf->log_file, strerror(errno));
		return (1);
	}
	log_libevent();

	/*
	 * Every loop turn frees the output chains of many clients and
	 * allocates them again on the next. With glibc's default trim
	 * threshold the top of the heap goes back to the kernel each time
	 * and comes back a page fault at a time: measured, 2.5 times the CPU
	 * per delivered message. Keep up to 8 MiB instead; the once-a-second
	 * tick trims what is really left over (server.c).
	 */
	mallopt(M_TRIM_THRESHOLD, CHATD_TRIM_THRESHOLD);
	/* The db is opened before anything starts: a bad one is fatal. */
	if (*srv.conf->db != '\0' && store_open(srv.conf->db, &cause) != 0) {
		/* One line: the log's, and standard error's if it is not. */
		log_error("event=store-open error=%s", log_q(cause));
		if (log_fileno() != STDERR_FILENO)
			fprintf(stderr, "chatd: %s\n", cause);
		log_close();
		free(cause);
		return (1);
	}
	server_init();
	uring_init();
	history_configure();
	account_init();
	monitor_init();
	worker_start();
	store_start();
	chanreg_init();
	if (server_listen() != 0) {
		server_free();
		log_close();
		return (1);
	}
	server_init_signals();
	log_always("event=start version=%s name=%s", VERSION,
	    log_q(srv.conf->name));
	event_base_dispatch(srv.base);
	log_always("event=exit");
	server_free();
	log_close();
	return (0);
}
