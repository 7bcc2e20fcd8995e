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
	{ "AUTHENTICATE", 1, ANY,		1, irc_authenticate },
	{ "AWAY",	0, CMD_REG,		1, irc_away },
	{ "BATCH",	1, CMD_REG,		1, irc_batch },
	{ "CAP",	1, ANY,			0, irc_cap },
	{ "CHATHISTORY", 2, CMD_REG,		1, irc_chathistory },
	{ "INFO",	0, CMD_REG,		1, irc_info },
	{ "INVITE",	2, CMD_REG,		1, irc_invite },
	{ "ISON",	1, CMD_REG,		1, irc_ison },
	{ "JOIN",	1, CMD_REG,		1, irc_join },
	{ "KICK",	2, CMD_REG,		1, irc_kick },
	{ "KILL",	1, CMD_REG | CMD_OPER,	0, irc_kill },
	{ "LIST",	0, CMD_REG,		2, irc_list },
	{ "LUSERS",	0, CMD_REG,		1, irc_lusers },
	{ "MARKREAD",	0, CMD_REG,		1, irc_markread },
	{ "MODE",	1, CMD_REG,		1, irc_mode },
	{ "MONITOR",	1, CMD_REG,		1, irc_monitor },
	{ "MOTD",	0, CMD_REG,		1, irc_motd },
	{ "NAMES",	0, CMD_REG,		1, irc_names },
	{ "NICK",	0, ANY,			1, irc_nick },
	{ "NOTICE",	0, CMD_REG,		1, irc_notice },
	{ "OPER",	2, CMD_REG,		2, irc_oper },
	{ "PART",	1, CMD_REG,		1, irc_part },
	{ "PASS",	1, CMD_UNREG,		0, irc_pass },
	{ "PING",	0, ANY,			0, irc_ping },
	{ "PONG",	0, ANY,			0, irc_pong },
	{ "PRIVMSG",	0, CMD_REG,		1, irc_privmsg },
	{ "QUIT",	0, ANY,			0, irc_quit },
	{ "REDACT",	2, CMD_REG,		1, irc_redact },
	{ "REGISTER",	3, ANY,			2, irc_register },
	{ "REHASH",	0, CMD_REG | CMD_OPER,	0, irc_rehash },
	{ "SEARCH",	1, CMD_REG,		2, irc_search },
	{ "SETNAME",	1, CMD_REG,		1, irc_setname },
	{ "TAGMSG",	1, CMD_REG,		1, irc_tagmsg },
	{ "TIME",	0, CMD_REG,		1, irc_time },
	{ "TOPIC",	1, CMD_REG,		1, irc_topic },
	{ "USER",	4, CMD_UNREG,		0, irc_user },
	{ "USERHOST",	1, CMD_REG,		1, irc_userhost },
	{ "VERIFY",	2, ANY,			1, irc_verify },
	{ "VERSION",	0, CMD_REG,		1, irc_version },
	{ "WALLOPS",	1, CMD_REG | CMD_OPER,	0, irc_wallops },
	{ "WHO",	0, CMD_REG,		1, irc_who },
	{ "WHOIS",	1, CMD_REG,		1, irc_whois },
	{ "WHOWAS",	1, CMD_REG,		1, irc_whowas },
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
