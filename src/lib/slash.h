/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The slash commands of the client: one X-macro list gives the ids, the
 * table of names, argument counts, usage and help, and (in chatui) the
 * handlers, so a command without a handler does not compile.
 */

#ifndef CHAT_SLASH_H
#define CHAT_SLASH_H

#include <stddef.h>

#include "i18n.h"

/*
 * X(ID, name, least arguments, most arguments, usage, help). The last
 * argument takes the rest of the line, spaces and all. Usage and help are
 * for people: marked for translation, shown through _().
 */
#define SLASH_LIST(X) \
	X(AWAY, "away", 0, 1, N_("[MESSAGE]"), \
	    N_("Mark yourself away, with MESSAGE shown to those who write to " \
	    "you.")) \
	X(BACK, "back", 0, 0, "", N_("Mark yourself as no longer away.")) \
	X(BAN, "ban", 1, 1, N_("NICK|MASK"), \
	    N_("Ban NICK (as NICK!*@*) or MASK from the current channel.")) \
	X(CANCEL, "cancel", 0, 0, "", \
	    N_("Stop the upload or download under way.")) \
	X(CLEAR, "clear", 0, 0, "", N_("Clear the current window.")) \
	X(CLOSE, "close", 0, 1, N_("[REASON]"), \
	    N_("Close the current window, leaving its channel.")) \
	X(CONNECT, "connect", 0, 1, N_("[HOST[:PORT]]"), \
	    N_("Connect to a server (by default the one given at start).")) \
	X(CTCP, "ctcp", 2, 2, N_("NICK WHAT [ARGS]"), \
	    N_("Send NICK a CTCP query (VERSION, PING, TIME, CLIENTINFO ...).")) \
	X(DCC, "dcc", 1, 3, N_("send NICK FILE | get NICK [FILE] | list | " \
	    "close [N|NICK]"), \
	    N_("Send a file straight to NICK, take one NICK offers, list or " \
	    "close transfers.")) \
	X(DEOP, "deop", 1, 1, N_("NICK"), \
	    N_("Take channel operator status from NICK.")) \
	X(DOWNLOAD, "download", 0, 2, N_("[URL|N] [DIR]"), \
	    N_("Download the newest link here (or the Nth newest, or URL) " \
	    "into ~/Downloads (or DIR).")) \
	X(HELP, "help", 0, 1, N_("[COMMAND]"), \
	    N_("List the commands, or explain one.")) \
	X(IGNORE, "ignore", 0, 1, N_("[NICK|MASK]"), \
	    N_("Hide what NICK or MASK (nick!user@host, * and ?) says; " \
	    "alone, list what is ignored.")) \
	X(INVITE, "invite", 1, 2, N_("NICK [CHANNEL]"), \
	    N_("Invite NICK to CHANNEL (by default the current one).")) \
	X(JOIN, "join", 1, 2, N_("CHANNEL[,CHANNEL...] [KEY[,KEY...]]"), \
	    N_("Join channels, opening a window for each.")) \
	X(KICK, "kick", 1, 2, N_("NICK [REASON]"), \
	    N_("Remove NICK from the current channel.")) \
	X(LASTLOG, "lastlog", 1, 1, N_("TEXT"), \
	    N_("Show the lines of this window that contain TEXT.")) \
	X(LIST, "list", 0, 1, N_("[CHANNEL[,CHANNEL...]]"), \
	    N_("List channels with their users and topics.")) \
	X(LOGIN, "login", 0, 2, N_("[ACCOUNT PASSWORD]"), \
	    N_("Log in to your account (by default the one in the config).")) \
	X(LOGOUT, "logout", 0, 0, "", \
	    N_("Log out: connect again without an account.")) \
	X(ME, "me", 1, 1, N_("ACTION"), \
	    N_("Describe what you do: * nick ACTION.")) \
	X(MODE, "mode", 0, 1, N_("[TARGET] [MODES [ARGS...]]"), \
	    N_("Show or change the modes of a channel or of yourself.")) \
	X(MSG, "msg", 2, 2, N_("TARGET TEXT"), \
	    N_("Send TEXT to a nick or channel without opening a window.")) \
	X(NAMES, "names", 0, 1, N_("[CHANNEL]"), \
	    N_("List who is in a channel.")) \
	X(NICK, "nick", 1, 1, N_("NICK"), N_("Change your nick.")) \
	X(NICKLIST, "nicklist", 0, 0, "", \
	    N_("Show or hide the nick list (also F7).")) \
	X(NOTICE, "notice", 2, 2, N_("TARGET TEXT"), N_("Send a notice.")) \
	X(NOTIFY, "notify", 0, 1, N_("[NICK|-NICK]"), \
	    N_("Be told when NICK comes and goes (-NICK: no more); alone, " \
	    "the list.")) \
	X(OP, "op", 1, 1, N_("NICK"), \
	    N_("Give channel operator status to NICK.")) \
	X(OPER, "oper", 2, 2, N_("NAME PASSWORD"), \
	    N_("Become an IRC operator.")) \
	X(PART, "part", 0, 2, N_("[CHANNEL] [REASON]"), \
	    N_("Leave a channel (by default the current one).")) \
	X(PING, "ping", 1, 1, N_("NICK"), \
	    N_("Ask NICK's client for a CTCP PING, to see the round trip.")) \
	X(QUERY, "query", 1, 2, N_("NICK [TEXT]"), \
	    N_("Open a private window with NICK, sending TEXT if given.")) \
	X(QUIT, "quit", 0, 1, N_("[REASON]"), \
	    N_("Leave, telling the others REASON (chatui exits too).")) \
	X(QUOTE, "quote", 1, 1, N_("LINE"), \
	    N_("Send LINE to the server as it is (the same as /raw).")) \
	X(RAW, "raw", 1, 1, N_("LINE"), \
	    N_("Send LINE to the server as it is.")) \
	X(RECONNECT, "reconnect", 0, 0, "", \
	    N_("Disconnect and connect again to the same server.")) \
	X(REDACT, "redact", 0, 1, N_("[N]"), \
	    N_("Delete your last message here (or the Nth last).")) \
	X(REGISTER, "register", 2, 2, N_("ACCOUNT PASSWORD"), \
	    N_("Register an account on the server, and log in to it.")) \
	X(RENAME, "rename", 1, 2, N_("CHANNEL [REASON]"), \
	    N_("Give the current channel a new name, keeping its people, " \
	    "modes and history (as its operator).")) \
	X(SAVE, "save", 0, 0, "", \
	    N_("Write the settings changed with /set to the config file.")) \
	X(SEARCH, "search", 1, 1, N_("TEXT"), \
	    N_("Search this window's history for TEXT (the server's, where " \
	    "it can).")) \
	X(SET, "set", 0, 2, N_("[NAME [VALUE]]"), \
	    N_("Show the settings, or one, or set one for this session.")) \
	X(TOPIC, "topic", 0, 1, N_("[TEXT]"), \
	    N_("Show the current channel's topic, or set it to TEXT.")) \
	X(UNBAN, "unban", 1, 1, N_("NICK|MASK"), \
	    N_("Lift a ban set with /ban from the current channel.")) \
	X(UNIGNORE, "unignore", 1, 1, N_("NICK|MASK"), \
	    N_("Show again what NICK or MASK says.")) \
	X(UPLOAD, "upload", 1, 2, N_("FILE [TARGET]"), \
	    N_("Send FILE to the server's file host and post its link here " \
	    "(or to TARGET).")) \
	X(VOICE, "voice", 1, 1, N_("NICK"), N_("Give voice to NICK.")) \
	X(WHO, "who", 0, 1, N_("[MASK]"), \
	    N_("List users matching MASK (by default the current channel).")) \
	X(WHOIS, "whois", 1, 1, N_("NICK"), N_("Show who NICK is.")) \
	X(WHOWAS, "whowas", 1, 1, N_("NICK"), \
	    N_("Show who last had NICK.")) \
	X(WINDOW, "window", 1, 1, N_("NUMBER|NAME"), \
	    N_("Switch to a window by number or name (also Alt-1..9)."))

enum slash_id {
#define SLASH_ENUM(id, name, min, max, usage, help) SLASH_##id,
	SLASH_LIST(SLASH_ENUM)
#undef SLASH_ENUM
	SLASH_COUNT
};

struct slash_entry {
	enum slash_id	 id;
	const char	*name;
	int		 min_args;
	int		 max_args;
	const char	*usage;
	const char	*help;
};

#define SLASH_MAX_ARGS	3

/* A parsed input line. */
struct slash_cmd {
	const struct slash_entry *entry;
	int			  argc;
	char			 *argv[SLASH_MAX_ARGS];
};

enum slash_result {
	SLASH_TEXT,	/* not a command: send it as text */
	SLASH_COMMAND,	/* a command, in cmd */
	SLASH_ERROR	/* unknown, ambiguous or wrong usage: *cause says */
};

extern const struct slash_entry	slash_table[];
extern const size_t		slash_table_size;

/*
 * Parse an input line in place. Text starting with "//" is text, one '/'
 * off. On SLASH_TEXT, *text points at what to send; on SLASH_ERROR the
 * caller frees *cause.
 */
enum slash_result slash_parse(char *, struct slash_cmd *, char **, char **);
/* An entry's usage and help in the reader's language ("" stays ""). */
const char	*slash_usage(const struct slash_entry *);
const char	*slash_help(const struct slash_entry *);
/*
 * The entry for a name or a unique prefix of one; NULL with *cause set if
 * unknown or ambiguous (the caller frees *cause).
 */
const struct slash_entry *slash_find(const char *, char **);

#endif
