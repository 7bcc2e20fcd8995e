/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Every configuration option as one row: name, type, default, bounds, help
 * (tmux's options-table.c). chatd.conf.5 and data/chatd.conf.sample.in list
 * the same options in this order; tests/unit/check_config.c checks that.
 */

#include "config.h"

#include <stddef.h>
#include <string.h>

#include "chatd.h"

static const char *const config_log_levels[] = {
	"error", "warn", "info", "debug", NULL
};
static const char *const config_log_messages[] = {
	"off", "metadata", "content", NULL
};
static const char *const config_no_yes[] = {
	"no", "yes", NULL
};
static const char *const config_registration[] = {	/* conf_register */
	"off", "after-connect", "before-connect", NULL
};

#define OFF(field) offsetof(struct config, field)

const struct conf_option config_table[] = {
	{ "name", CONF_STRING, OFF(name), "chatd.local", 1, 63, NULL,
	  config_check_token,
	  "Server name shown to clients as the source of server messages." },
	{ "network", CONF_STRING, OFF(network), "ChatNet", 1, 32, NULL,
	  config_check_token,
	  "Network name advertised in the welcome and in ISUPPORT." },
	{ "description", CONF_STRING, OFF(description), "a chatd server", 1,
	  80, NULL, NULL,
	  "What the server is, shown by WHOIS and LINKS." },
	{ "listen", CONF_LIST, OFF(listen), "0.0.0.0:6667 [::]:6667", 0, 0,
	  NULL, config_check_listen,
	  "Address and port to accept clients on; port 0 picks a free one." },
	{ "listen-tls", CONF_LIST, OFF(listen_tls), "", 0, 0, NULL,
	  config_check_listen,
	  "Address and port to accept TLS clients on; port 0 picks a free "
	  "one." },
	{ "tls-cert", CONF_STRING, OFF(tls_cert), "", 0, 4096, NULL, NULL,
	  "PEM file of the server's TLS certificate and its chain." },
	{ "tls-key", CONF_STRING, OFF(tls_key), "", 0, 4096, NULL, NULL,
	  "PEM file of the certificate's private key." },
	{ "sts-duration", CONF_INT, OFF(sts_duration), "0", 0, 315360000,
	  NULL, NULL,
	  "Seconds clients are told to use TLS only (sts); 0: not told." },
	{ "http-listen", CONF_LIST, OFF(http_listen), "", 0, 0, NULL,
	  config_check_listen,
	  "Address and port of the HTTP listener (WebSocket); none by "
	  "default." },
	{ "http-listen-tls", CONF_LIST, OFF(http_listen_tls), "", 0, 0, NULL,
	  config_check_listen,
	  "Address and port of the HTTPS listener (wss://, with tls-cert)." },
	{ "http-origin", CONF_LIST, OFF(http_origin), "", 0, 0, NULL, NULL,
	  "Web page origin, besides chatd's own, allowed to connect by "
	  "WebSocket." },
	{ "web-root", CONF_STRING, OFF(web_root), PKGDATADIR "/web", 0, 4096,
	  NULL, NULL,
	  "Directory of the browser client's files, served at / on the HTTP "
	  "listener; empty: none." },
	{ "http-url", CONF_STRING, OFF(http_url), "", 0, 256, NULL,
	  config_check_url,
	  "Address of the HTTP listener as clients reach it, for links to "
	  "uploaded files; empty: made from the first listener." },
	{ "motd-file", CONF_STRING, OFF(motd_file), SYSCONFDIR "/chatd.motd",
	  0, 4096, NULL, NULL,
	  "File whose lines are sent as the message of the day." },
	{ "autojoin", CONF_LIST, OFF(autojoin), "#lobby", 0, 0, NULL,
	  config_check_channel,
	  "Channel every user joins right after registration; empty for none." },
	{ "password", CONF_STRING, OFF(password), "", 0, 256, NULL, NULL,
	  "Server password clients must give with PASS; empty for none." },
	{ "max-clients", CONF_INT, OFF(max_clients), "10000", 1, 1000000,
	  NULL, NULL, "Most connections at once." },
	{ "max-clients-per-ip", CONF_INT, OFF(max_clients_per_ip), "10", 1,
	  1000000, NULL, NULL, "Most connections at once from one address." },
	{ "limit-loopback", CONF_ENUM, OFF(limit_loopback), "no", 0, 0,
	  config_no_yes, NULL,
	  "Whether max-clients-per-ip counts loopback connections: yes or no." },
	{ "sendq", CONF_SIZE, OFF(sendq), "512k", 4096, 1073741824LL, NULL,
	  NULL, "Output a client may have waiting before it is dropped." },
	{ "recvq", CONF_SIZE, OFF(recvq), "8k", 1024, 1048576, NULL, NULL,
	  "Most unhandled input kept for a client; past it, its socket is not "
	  "read." },
	{ "flood-burst", CONF_INT, OFF(flood_burst), "10", 1, 100000, NULL,
	  NULL, "Commands a client may send at once before it is slowed." },
	{ "flood-rate", CONF_INT, OFF(flood_rate), "2", 1, 100000, NULL,
	  NULL, "Commands per second a client may send after its burst." },
	{ "ping-interval", CONF_INT, OFF(ping_interval), "90", 1, 86400, NULL,
	  NULL, "Seconds of silence after which a client is sent PING." },
	{ "ping-timeout", CONF_INT, OFF(ping_timeout), "120", 1, 86400, NULL,
	  NULL, "Seconds to wait for any reply to PING before dropping." },
	{ "registration-timeout", CONF_INT, OFF(registration_timeout), "30",
	  1, 3600, NULL, NULL,
	  "Seconds a connection has to finish registering." },
	{ "nicklen", CONF_INT, OFF(nicklen), "30", 1, NICK_MAX, NULL, NULL,
	  "Longest nick." },
	{ "channellen", CONF_INT, OFF(channellen), "50", 2, CHANNEL_MAX, NULL,
	  NULL, "Longest channel name, with its '#'." },
	{ "topiclen", CONF_INT, OFF(topiclen), "390", 1, TOPIC_MAX, NULL,
	  NULL, "Longest topic." },
	{ "awaylen", CONF_INT, OFF(awaylen), "200", 1, AWAY_MAX, NULL, NULL,
	  "Longest away message." },
	{ "kicklen", CONF_INT, OFF(kicklen), "255", 1, KICK_MAX, NULL, NULL,
	  "Longest kick reason." },
	{ "max-channels", CONF_INT, OFF(max_channels), "50", 1, 10000, NULL,
	  NULL, "Most channels one user may be in." },
	{ "max-targets", CONF_INT, OFF(max_targets), "4", 1, 100, NULL, NULL,
	  "Most targets of one PRIVMSG or NOTICE." },
	{ "whowas", CONF_INT, OFF(whowas), "100", 0, 100000, NULL, NULL,
	  "Departed nicks remembered for WHOWAS." },
	{ "log-level", CONF_ENUM, OFF(log_level), "info", 0, 0,
	  config_log_levels, NULL,
	  "Least important log lines written: error, warn, info or debug." },
	{ "log-file", CONF_STRING, OFF(log_file), "", 0, 4096, NULL, NULL,
	  "File the log is appended to; empty for standard error." },
	{ "log-messages", CONF_ENUM, OFF(log_messages), "metadata", 0, 0,
	  config_log_messages, NULL,
	  "What the log keeps of messages: off, metadata or content." },
	{ "oper", CONF_LIST, OFF(oper), "", 0, 0, NULL, config_check_oper,
	  "Operator NAME and crypt(3) HASH, from chatd --hash-password." },
	{ "exempt", CONF_LIST, OFF(exempt), "", 0, 0, NULL, config_check_cidr,
	  "Address or CIDR block free of flood and connection limits." },
	{ "io-uring", CONF_ENUM, OFF(io_uring), "yes", 0, 0, config_no_yes,
	  NULL,
	  "Write a turn's output in one system call (io_uring): yes or no." },
	{ "defer-accept", CONF_INT, OFF(defer_accept), "1", 0, 60, NULL, NULL,
	  "Seconds the kernel may hold a new connection for its first bytes; "
	  "0: none." },
	{ "db", CONF_STRING, OFF(db), "", 0, 4096, NULL, NULL,
	  "SQLite file that keeps the history and the accounts; empty: none." },
	{ "registration", CONF_ENUM, OFF(registration), "before-connect", 0, 0,
	  config_registration, NULL,
	  "Who may make an account with REGISTER: off, after-connect or "
	  "before-connect." },
	{ "email-command", CONF_STRING, OFF(email_command), "", 0, 4096,
	  NULL, NULL,
	  "Command that mails a message read on its input (sendmail -t); "
	  "set, REGISTER needs an email and VERIFY the code sent." },
	{ "email-from", CONF_STRING, OFF(email_from), "", 0, 127, NULL, NULL,
	  "From address of the codes mailed; empty: chatd@ and the name." },
	{ "nick-grace", CONF_INT, OFF(nick_grace), "30", 0, 3600, NULL, NULL,
	  "Seconds before who holds a registered nick without logging in is "
	  "renamed; 0: never." },
	{ "file-dir", CONF_STRING, OFF(file_dir), "", 0, 4096, NULL, NULL,
	  "Directory uploaded files are kept in; empty: files beside the db." },
	{ "file-max-size", CONF_SIZE, OFF(file_max_size), "100m", 0,
	  1099511627776LL, NULL, NULL,
	  "Largest file an account may upload; 0: no uploads." },
	{ "file-quota", CONF_SIZE, OFF(file_quota), "1g", 0, 1125899906842624LL,
	  NULL, NULL, "Most bytes of files one account may keep; 0: no limit." },
	{ "file-expiry", CONF_INT, OFF(file_expiry), "30", 0, 36500, NULL,
	  NULL, "Days an uploaded file is kept; 0: for ever." },
	{ "file-uploads", CONF_INT, OFF(file_uploads), "20", 1, 10000, NULL,
	  NULL, "Most uploads at once, everyone's together." },
	{ "history-memory", CONF_INT, OFF(history_memory), "20000", 0,
	  10000000, NULL, NULL,
	  "Lines of history kept in memory, all channels together; 0: none." },
	{ "history-replay", CONF_INT, OFF(history_replay), "10", 0, 100, NULL,
	  NULL,
	  "Last messages of a channel shown to who joins it without "
	  "CHATHISTORY." },
	{ "history-max-age", CONF_INT, OFF(history_max_age), "0", 0, 36500,
	  NULL, NULL,
	  "Days a line is kept in the db; 0: for ever." },
	{ "history-max-lines", CONF_INT, OFF(history_max_lines), "0", 0,
	  1000000000, NULL, NULL,
	  "Lines the db keeps of each channel or conversation; 0: all." },
	{ "node-id", CONF_INT, OFF(node_id), "0", 0, 1023, NULL, NULL,
	  "This server's number in its message ids: a different one for each "
	  "chatd sharing a db." },
	{ "plain-text", CONF_ENUM, OFF(plain_text), "yes", 0, 0, config_no_yes,
	  NULL,
	  "Greet and chat in words with who connects without IRC (nc, telnet): "
	  "yes or no." },
};
const size_t config_table_size = sizeof config_table / sizeof config_table[0];

/* The row for an option name, or NULL. */
const struct conf_option *
config_find(const char *name)
{
	size_t	i;

	for (i = 0; i < config_table_size; i++) {
		if (strcmp(config_table[i].name, name) == 0)
			return (&config_table[i]);
	}
	return (NULL);
}
