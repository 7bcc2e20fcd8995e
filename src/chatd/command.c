/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The server command table and its dispatcher: one row per command (name,
 * least parameters, who may send it, flood penalty, handler), kept sorted
 * and found by bsearch. The dispatcher does every generic check, so
 * handlers never re-check registration or arity (ngIRCd's parse.c).
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "casemap.h"
#include "chatd.h"
#include "utf8.h"

#define ANY	(CMD_UNREG | CMD_REG)

/* Sorted by name: tests/unit/check_command.c asserts it. */
const struct command command_table[] = {
	{ "AUTHENTICATE", 1, ANY,		1, irc_authenticate,
	  "mechanism|data",
	  "Log in to an account with SASL (PLAIN, SCRAM-SHA-256, EXTERNAL); "
	  "clients do this for you." },
	{ "AWAY",	0, CMD_REG,		1, irc_away,
	  "[:text]",
	  "Mark yourself away with text, told to whoever messages you; "
	  "without text, back again." },
	{ "BATCH",	1, CMD_REG,		1, irc_batch,
	  "+ref type [params] | -ref",
	  "Open or close a batch of lines, such as a multiline message." },
	{ "CAP",	1, ANY,			0, irc_cap,
	  "LS [302] | LIST | REQ :caps | END",
	  "Negotiate IRCv3 capabilities before registering." },
	{ "CHATHISTORY", 2, CMD_REG,		1, irc_chathistory,
	  "LATEST|BEFORE|AFTER|AROUND|BETWEEN|TARGETS target ref [ref] limit",
	  "Fetch stored messages of a channel or a conversation." },
	{ "HELP",	0, CMD_REG,		1, irc_help,
	  "[command]",
	  "List the commands, or show how to use one." },
	{ "HELPOP",	0, CMD_REG,		1, irc_help,
	  "[command]",
	  "The same as HELP." },
	{ "INFO",	0, CMD_REG,		1, irc_info,
	  "",
	  "Show what this server is and its settings." },
	{ "INVITE",	0, CMD_REG,		1, irc_invite,
	  "[nick #channel]",
	  "Invite nick into a channel you are in (an operator's right if it "
	  "is +i); with nothing, list the channels you are invited to." },
	{ "ISON",	1, CMD_REG,		1, irc_ison,
	  "nick [nick ...]",
	  "Which of the nicks are online." },
	{ "JOIN",	1, CMD_REG,		1, irc_join,
	  "#channel[,#channel] [key[,key]] | 0",
	  "Join channels (made if they do not exist); 0 leaves them all." },
	{ "KICK",	2, CMD_REG,		1, irc_kick,
	  "#channel nick[,nick] [:reason]",
	  "Put people out of a channel you operate." },
	{ "KILL",	1, CMD_REG | CMD_OPER,	0, irc_kill,
	  "nick :reason",
	  "Disconnect a user (operators only)." },
	{ "LINKS",	0, CMD_REG,		1, irc_links,
	  "[mask]",
	  "List the servers of the network: this one." },
	{ "LIST",	0, CMD_REG,		2, irc_list,
	  "[term[,term...]]",
	  "List channels, their member counts and topics; terms: names, "
	  "masks (#a*), !masks, <n or >n members, C<n or C>n minutes since "
	  "made, T<n or T>n since the topic was set." },
	{ "LUSERS",	0, CMD_REG,		1, irc_lusers,
	  "",
	  "Count the users, operators and channels." },
	{ "MARKREAD",	0, CMD_REG,		1, irc_markread,
	  "target [timestamp=time]",
	  "Get or set how far you have read a channel or a conversation." },
	{ "METADATA",	2, ANY,			1, irc_metadata,
	  "target GET|LIST|SET|CLEAR|SYNC|SUB|UNSUB|SUBS [key...] [:value]",
	  "Read or set keys such as display-name on yourself (target *) or "
	  "a channel you operate; SUB keys to be told of changes." },
	{ "MODE",	1, CMD_REG,		1, irc_mode,
	  "#channel [modes [args]] | nick [modes]",
	  "Show or change a channel's modes (b e I C i k l m n o r s t v; "
	  "b m:mask mutes, b a:account bans an account) or your own "
	  "(B i w)." },
	{ "MONITOR",	1, CMD_REG,		1, irc_monitor,
	  "+ nicks | - nicks | C | L | S",
	  "Be told when the nicks you watch come online or leave." },
	{ "MOTD",	0, CMD_REG,		1, irc_motd,
	  "",
	  "Show the message of the day." },
	{ "NAMES",	0, CMD_REG,		1, irc_names,
	  "[#channel[,#channel]]",
	  "List the members of channels." },
	{ "NICK",	0, ANY,			1, irc_nick,
	  "nick",
	  "Change your nick." },
	{ "NOTICE",	0, CMD_REG,		1, irc_notice,
	  "target[,target] :text",
	  "Send a notice, which is never answered automatically." },
	{ "OPER",	2, CMD_REG,		2, irc_oper,
	  "name password",
	  "Become a server operator." },
	{ "PART",	1, CMD_REG,		1, irc_part,
	  "#channel[,#channel] [:reason]",
	  "Leave channels." },
	{ "PASS",	1, CMD_UNREG,		0, irc_pass,
	  "password",
	  "Give the server password, before NICK and USER." },
	{ "PING",	0, ANY,			0, irc_ping,
	  "token",
	  "Ask the server to answer with PONG token." },
	{ "PONG",	0, ANY,			0, irc_pong,
	  "token",
	  "Answer the server's PING." },
	{ "PRIVMSG",	0, CMD_REG,		1, irc_privmsg,
	  "target[,target] :text",
	  "Send a message to a channel or a nick." },
	{ "QUIT",	0, ANY,			0, irc_quit,
	  "[:reason]",
	  "Leave the server; everyone who shares a channel with you sees the "
	  "reason." },
	{ "REDACT",	2, CMD_REG,		1, irc_redact,
	  "target msgid [:reason]",
	  "Take back a message you sent (or, as a channel operator, anyone's "
	  "there)." },
	{ "REGISTER",	3, ANY,			2, irc_register,
	  "account email|* password | #channel",
	  "Make an account (with the nick you use as its name), or register a "
	  "channel you operate." },
	{ "REHASH",	0, CMD_REG | CMD_OPER,	0, irc_rehash,
	  "",
	  "Read the configuration again (operators only)." },
	{ "RENAME",	2, CMD_REG,		1, irc_rename,
	  "#channel #newname [:reason]",
	  "Give a channel you operate another name; its members, modes and "
	  "topic stay." },
	{ "SEARCH",	1, CMD_REG,		2, irc_search,
	  "in=target;text=words[;after=time;before=time;limit=n]",
	  "Search the stored messages you may read." },
	{ "SETNAME",	1, CMD_REG,		1, irc_setname,
	  ":realname",
	  "Change your real name." },
	{ "TAGMSG",	1, CMD_REG,		1, irc_tagmsg,
	  "target",
	  "Send only tags (a typing notice, a reaction) to a channel or a "
	  "nick." },
	{ "TIME",	0, CMD_REG,		1, irc_time,
	  "",
	  "Show the server's time." },
	{ "TOPIC",	1, CMD_REG,		1, irc_topic,
	  "#channel [:topic]",
	  "Show or set a channel's topic; an empty topic clears it." },
	{ "USER",	4, CMD_UNREG,		0, irc_user,
	  "username 0 * :realname",
	  "Give your user name and real name when registering." },
	{ "USERHOST",	1, CMD_REG,		1, irc_userhost,
	  "nick [nick ...]",
	  "Show the user@host of the nicks." },
	{ "VERIFY",	2, ANY,			1, irc_verify,
	  "account code",
	  "Confirm an account registration with the code you were sent." },
	{ "VERSION",	0, CMD_REG,		1, irc_version,
	  "",
	  "Show the server's version and what it supports." },
	{ "WALLOPS",	1, CMD_REG | CMD_OPER,	0, irc_wallops,
	  ":text",
	  "Tell every user with mode +w (operators only)." },
	{ "WHO",	0, CMD_REG,		1, irc_who,
	  "mask [%fields]",
	  "List the users matching mask, or a channel's members." },
	{ "WHOIS",	1, CMD_REG,		1, irc_whois,
	  "nick",
	  "Show who a user is: name, host, channels, account, idle time." },
	{ "WHOWAS",	1, CMD_REG,		1, irc_whowas,
	  "nick",
	  "Show who last used a nick that is gone." },
};
const size_t command_table_size = sizeof command_table /
    sizeof command_table[0];

static int	command_cmp(const void *, const void *);

static int
command_cmp(const void *key, const void *row)
{
	return (strcasecmp(key, ((const struct command *)row)->name));
}

/*
 * The row for a verb, in any case; NULL if unknown. The last row found is
 * tried first: on a busy server most lines are PRIVMSG, and one compare
 * beats the search's six.
 */
const struct command *
command_find(const char *verb)
{
	static const struct command	*last;
	const struct command		*cmd;

	if (last != NULL && strcasecmp(verb, last->name) == 0)
		return (last);
	cmd = bsearch(verb, command_table, command_table_size,
	    sizeof command_table[0], command_cmp);
	if (cmd != NULL)
		last = cmd;
	return (cmd);
}

/*
 * Check one line from a client and run its command. Every reply, an error
 * included, is part of the line's labeled response.
 */
void
command_dispatch(struct client *c, char *line, size_t len)
{
	const struct command	*cmd;
	struct msg		 m;
	struct msg_tag		 t;
	char			*p;
	int			 valid, registered;

	if (msg_check_length(line, len, LINE_MAX_CLIENT_TAGS) != 0) {
		send_numeric(c, ERR_INPUTTOOLONG);
		client_queue_charge(c, 1);
		return;
	}
	valid = utf8_valid(line, len);
	if (msg_parse(&m, line) != 0)
		return;
	for (p = m.verb; *p != '\0'; p++)
		*p = (char)casemap_upper((unsigned char)*p);
	log_debug("%s: id=%llu verb=%s params=%d", __func__,
	    (unsigned long long)c->id, m.verb, m.nparams);

	/* A line of a multiline batch under way (multiline.c). */
	if (c->batch != NULL && valid && m.tags != NULL &&
	    msg_tag_find(m.tags, "batch", &t)) {
		client_queue_charge(c, multiline_line(c, &m, &t) ? 0 : 1);
		return;
	}
	send_label_begin(c, &m);
	registered = (c->flags & CLIENT_REGISTERED) != 0;
	cmd = valid ? command_find(m.verb) : NULL;
	client_queue_charge(c, cmd != NULL ? cmd->penalty : 1);
	if (!valid)
		send_fail(c, utf8_valid(m.verb, strlen(m.verb)) ? m.verb : "*",
		    "INVALID_UTF8", "Message rejected: not valid UTF-8");
	else if (cmd == NULL && registered)
		send_numeric(c, ERR_UNKNOWNCOMMAND, m.verb);
	else if (cmd == NULL || (!registered && !(cmd->flags & CMD_UNREG)))
		send_numeric(c, ERR_NOTREGISTERED);
	else if (registered && !(cmd->flags & CMD_REG))
		send_numeric(c, ERR_ALREADYREGISTERED);
	else if (m.nparams < cmd->min_params)
		send_numeric(c, ERR_NEEDMOREPARAMS, cmd->name);
	else if ((cmd->flags & CMD_OPER) && !(c->umodes & UMODE_OPER))
		send_numeric(c, ERR_NOPRIVILEGES);
	else
		cmd->handler(c, &m);
	send_label_end();
}
