/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The texts both clients show, chatui and the browser client: one X-macro
 * list, in the catalogue like any other text, and exported with the slash
 * table at build time (chat-export) so the browser says the same things in
 * the same languages. printf formats: %s and %d only, so the browser's
 * formatter can fill them in.
 */

#ifndef CHAT_TEXTS_H
#define CHAT_TEXTS_H

#include "i18n.h"

#define TEXT_LIST(X) \
	X(JOINED, N_("%s (%s) has joined %s")) \
	X(PARTED, N_("%s has left %s (%s)")) \
	X(QUIT, N_("%s has quit (%s)")) \
	X(NICK, N_("%s is now known as %s")) \
	X(KICKED, N_("%s was kicked from %s by %s (%s)")) \
	X(TOPIC_CHANGED, N_("%s changed the topic to: %s")) \
	X(RENAMED, N_("%s renamed %s to %s (%s)")) \
	X(TOPIC, N_("Topic: %s")) \
	X(MODE, N_("Mode %s [%s] by %s")) \
	X(DAY_CHANGED, N_("Day changed to %s")) \
	X(CONNECTING, N_("Connecting to %s port %s...")) \
	X(DISCONNECTED, N_("Disconnected: %s")) \
	X(RECONNECTING, N_("Connecting again in %d s.")) \
	X(UNKNOWN_COMMAND, N_("Unknown command /%s (try /help)")) \
	X(AMBIGUOUS_COMMAND, N_("Ambiguous command /%s: could be%s")) \
	X(USAGE, N_("Usage: /%s %s")) \
	X(COMMANDS, N_("Commands (/help COMMAND for one):")) \
	X(NOT_A_CHANNEL, N_("This window is not a channel.")) \
	X(NO_CONNECTION, N_("Not connected.")) \
	X(AWAY_SET, N_("You are marked away.")) \
	X(AWAY_UNSET, N_("You are no longer marked away.")) \
	X(NICK_IN_USE, N_("Nick %s is in use; choose another with /nick NICK.")) \
	X(CANNOT_JOIN, N_("Cannot join %s: %s")) \
	X(MORE, N_("-- more (%d) --")) \
	X(HISTORY, N_("-- history --")) \
	X(NEW_MESSAGES, N_("-- new messages --")) \
	X(MESSAGE_DELETED, N_("(message deleted)")) \
	X(NO_OWN_MESSAGE, N_("No message of yours to delete here.")) \
	X(NOBODY_IGNORED, N_("Nobody is ignored.")) \
	X(IGNORED, N_("Ignored: %s")) \
	X(IGNORED_ALREADY, N_("%s is ignored already.")) \
	X(IGNORING, N_("Ignoring %s.")) \
	X(NOT_IGNORED, N_("%s is not ignored.")) \
	X(UNIGNORED, N_("No longer ignoring %s.")) \
	X(LASTLOG, N_("Lines with \"%s\": %d")) \
	X(LOGGED_IN, N_("Logged in as %s.")) \
	X(LOGIN_FAILED_AS, N_("Login as %s failed: %s")) \
	X(LOGGING_OUT, N_("Logging out: connecting again without an account.")) \
	X(NO_ACCOUNTS, N_("This server has no accounts (it offers no SASL).")) \
	X(ALREADY_LOGGED_IN, N_("You are already logged in.")) \
	X(NOT_LOGGED_IN, N_("You are not logged in.")) \
	X(WEB_TITLE, N_("Chat")) \
	X(WEB_NICK, N_("Nick")) \
	X(WEB_PASSWORD, N_("Password (for a registered account only)")) \
	X(WEB_CONNECT, N_("Connect")) \
	X(WEB_BAD_NICK, N_("A nick is a letter followed by letters, digits " \
	    "or -[]\\`^{}|_, at most %d.")) \
	X(WEB_INPUT, N_("Type a message, or /help")) \
	X(WEB_MEMBERS, N_("%d here")) \
	X(WEB_LOGIN_FAILED, N_("Login failed: %s")) \
	X(WEB_NOT_YET, N_("The browser client cannot /%s: open the link, or " \
	    "use chatui.")) \
	X(WEB_ATTACH, N_("Send a file")) \
	X(NO_FILEHOST, N_("This server hosts no files (it gives no " \
	    "draft/FILEHOST).")) \
	X(WEB_UPLOAD_LOGIN, N_("Uploads need an account: connect with your " \
	    "account's password.")) \
	X(UPLOADING, N_("Uploading %s (%s)...")) \
	X(UPLOADED, N_("Uploaded %s (%s): %s")) \
	X(UPLOAD_REFUSED, N_("Upload of %s refused: %d %s"))

enum text_id {
#define TEXT_ENUM(id, text) TEXT_##id,
	TEXT_LIST(TEXT_ENUM)
#undef TEXT_ENUM
	TEXT_COUNT
};

struct text_entry {
	const char	*id;		/* the name the browser looks it up by */
	const char	*text;		/* untranslated */
};

extern const struct text_entry	text_table[TEXT_COUNT];

/* A text in the reader's language. */
#define T_(id)	_(text_table[TEXT_##id].text)

#endif
