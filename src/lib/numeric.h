/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Every numeric reply: code, name and the printf format of what follows the
 * target nick. This is the only place wire text lives; it is never
 * translated (ngIRCd's messages.h, as one X-macro list).
 */

#ifndef CHAT_NUMERIC_H
#define CHAT_NUMERIC_H

#include <stddef.h>

#define NUMERIC_LIST(X) \
	X(RPL_WELCOME, 1, ":Welcome to the %s IRC Network %s") \
	X(RPL_YOURHOST, 2, ":Your host is %s, running version %s") \
	X(RPL_CREATED, 3, ":This server was created %s") \
	X(RPL_MYINFO, 4, "%s %s %s %s %s") \
	X(RPL_ISUPPORT, 5, "%s :are supported by this server") \
	X(RPL_UMODEIS, 221, "%s") \
	X(RPL_LUSERCLIENT, 251, \
	    ":There are %u users and %u invisible on 1 servers") \
	X(RPL_LUSEROP, 252, "%u :operator(s) online") \
	X(RPL_LUSERUNKNOWN, 253, "%u :unknown connection(s)") \
	X(RPL_LUSERCHANNELS, 254, "%u :channels formed") \
	X(RPL_LUSERME, 255, ":I have %u clients and 0 servers") \
	X(RPL_LOCALUSERS, 265, "%u %u :Current local users %u, max %u") \
	X(RPL_GLOBALUSERS, 266, "%u %u :Current global users %u, max %u") \
	X(RPL_WHOISCERTFP, 276, "%s :has client certificate fingerprint %s") \
	X(RPL_AWAY, 301, "%s :%s") \
	X(RPL_USERHOST, 302, ":%s") \
	X(RPL_ISON, 303, ":%s") \
	X(RPL_UNAWAY, 305, ":You are no longer marked as being away") \
	X(RPL_NOWAWAY, 306, ":You have been marked as being away") \
	X(RPL_WHOISUSER, 311, "%s %s %s * :%s") \
	X(RPL_WHOISSERVER, 312, "%s %s :%s") \
	X(RPL_WHOISOPERATOR, 313, "%s :is an IRC operator") \
	X(RPL_WHOWASUSER, 314, "%s %s %s * :%s") \
	X(RPL_ENDOFWHO, 315, "%s :End of /WHO list.") \
	X(RPL_WHOISIDLE, 317, "%s %lld %lld :seconds idle, signon time") \
	X(RPL_ENDOFWHOIS, 318, "%s :End of /WHOIS list.") \
	X(RPL_WHOISCHANNELS, 319, "%s :%s") \
	X(RPL_LISTSTART, 321, "Channel :Users  Name") \
	X(RPL_LIST, 322, "%s %u :%s") \
	X(RPL_LISTEND, 323, ":End of /LIST") \
	X(RPL_CHANNELMODEIS, 324, "%s %s") \
	X(RPL_CREATIONTIME, 329, "%s %lld") \
	X(RPL_WHOISACCOUNT, 330, "%s %s :is logged in as") \
	X(RPL_WHOISBOT, 335, "%s :is a bot on %s") \
	X(RPL_WHOISACTUALLY, 338, "%s %s :actually using host") \
	X(RPL_NOTOPIC, 331, "%s :No topic is set") \
	X(RPL_TOPIC, 332, "%s :%s") \
	X(RPL_TOPICWHOTIME, 333, "%s %s %lld") \
	X(RPL_INVITELIST, 336, "%s") \
	X(RPL_ENDOFINVITELIST, 337, ":End of /INVITE list") \
	X(RPL_INVITING, 341, "%s %s") \
	X(RPL_INVEXLIST, 346, "%s %s %s %lld") \
	X(RPL_ENDOFINVEXLIST, 347, "%s :End of Channel Invite Exception List") \
	X(RPL_EXCEPTLIST, 348, "%s %s %s %lld") \
	X(RPL_ENDOFEXCEPTLIST, 349, "%s :End of Channel Exception List") \
	X(RPL_VERSION, 351, "%s %s :%s") \
	X(RPL_WHOREPLY, 352, "%s %s %s %s %s %s :0 %s") \
	X(RPL_NAMREPLY, 353, "%c %s :%s") \
	X(RPL_WHOSPCRPL, 354, "%s") \
	X(RPL_LINKS, 364, "%s %s :0 %s") \
	X(RPL_ENDOFLINKS, 365, "* :End of /LINKS list") \
	X(RPL_ENDOFNAMES, 366, "%s :End of /NAMES list.") \
	X(RPL_BANLIST, 367, "%s %s %s %lld") \
	X(RPL_ENDOFBANLIST, 368, "%s :End of channel ban list") \
	X(RPL_ENDOFWHOWAS, 369, "%s :End of WHOWAS") \
	X(RPL_INFO, 371, ":%s") \
	X(RPL_MOTD, 372, ":- %s") \
	X(RPL_ENDOFINFO, 374, ":End of INFO list") \
	X(RPL_MOTDSTART, 375, ":- %s Message of the day - ") \
	X(RPL_ENDOFMOTD, 376, ":End of /MOTD command.") \
	X(RPL_YOUREOPER, 381, ":You are now an IRC operator") \
	X(RPL_REHASHING, 382, "%s :Rehashing") \
	X(RPL_TIME, 391, "%s :%s") \
	X(ERR_UNKNOWNERROR, 400, "%s :%s") \
	X(ERR_NOSUCHNICK, 401, "%s :No such nick/channel") \
	X(ERR_NOSUCHCHANNEL, 403, "%s :No such channel") \
	X(ERR_CANNOTSENDTOCHAN, 404, "%s :Cannot send to channel") \
	X(ERR_TOOMANYCHANNELS, 405, "%s :You have joined too many channels") \
	X(ERR_WASNOSUCHNICK, 406, "%s :There was no such nickname") \
	X(ERR_TOOMANYTARGETS, 407, "%s :Too many targets") \
	X(ERR_NOORIGIN, 409, ":No origin specified") \
	X(ERR_INVALIDCAPCMD, 410, "%s :Invalid CAP subcommand") \
	X(ERR_NORECIPIENT, 411, ":No recipient given (%s)") \
	X(ERR_NOTEXTTOSEND, 412, ":No text to send") \
	X(ERR_INPUTTOOLONG, 417, ":Input line was too long") \
	X(ERR_UNKNOWNCOMMAND, 421, "%s :Unknown command") \
	X(ERR_NOMOTD, 422, ":MOTD File is missing") \
	X(ERR_NONICKNAMEGIVEN, 431, ":No nickname given") \
	X(ERR_ERRONEUSNICKNAME, 432, "%s :Erroneous nickname") \
	X(ERR_NICKNAMEINUSE, 433, "%s :Nickname is already in use") \
	X(ERR_USERNOTINCHANNEL, 441, "%s %s :They aren't on that channel") \
	X(ERR_NOTONCHANNEL, 442, "%s :You're not on that channel") \
	X(ERR_USERONCHANNEL, 443, "%s %s :is already on channel") \
	X(ERR_NOTREGISTERED, 451, ":You have not registered") \
	X(ERR_NEEDMOREPARAMS, 461, "%s :Not enough parameters") \
	X(ERR_ALREADYREGISTERED, 462, ":You may not reregister") \
	X(ERR_PASSWDMISMATCH, 464, ":Password incorrect") \
	X(ERR_KEYSET, 467, "%s :Channel key already set") \
	X(ERR_CHANNELISFULL, 471, "%s :Cannot join channel (+l)") \
	X(ERR_UNKNOWNMODE, 472, "%c :is unknown mode char to me") \
	X(ERR_INVITEONLYCHAN, 473, "%s :Cannot join channel (+i)") \
	X(ERR_BANNEDFROMCHAN, 474, "%s :Cannot join channel (+b)") \
	X(ERR_BADCHANNELKEY, 475, "%s :Cannot join channel (+k)") \
	X(ERR_BADCHANMASK, 476, "%s :Bad Channel Mask") \
	X(ERR_NOPRIVILEGES, 481, ":Permission Denied- You're not an IRC operator") \
	X(ERR_CHANOPRIVSNEEDED, 482, "%s :You're not channel operator") \
	X(ERR_NOOPERHOST, 491, ":No O-lines for your host") \
	X(ERR_UMODEUNKNOWNFLAG, 501, ":Unknown MODE flag") \
	X(ERR_USERSDONTMATCH, 502, ":Can't change mode for other users") \
	X(ERR_HELPNOTFOUND, 524, "%s :No help available on this topic") \
	X(ERR_INVALIDKEY, 525, "%s :Key is not well-formed") \
	X(RPL_WHOISSECURE, 671, "%s :is using a secure connection") \
	X(ERR_INVALIDMODEPARAM, 696, "%s %c %s :%s") \
	X(RPL_HELPSTART, 704, "%s :%s") \
	X(RPL_HELPTXT, 705, "%s :%s") \
	X(RPL_ENDOFHELP, 706, "%s :End of /HELP") \
	X(RPL_MONONLINE, 730, ":%s") \
	X(RPL_MONOFFLINE, 731, ":%s") \
	X(RPL_MONLIST, 732, ":%s") \
	X(RPL_ENDOFMONLIST, 733, ":End of MONITOR list") \
	X(ERR_MONLISTFULL, 734, "%u %s :Monitor list is full") \
	X(RPL_WHOISKEYVALUE, 760, "%s %s %s :%s") \
	X(RPL_KEYVALUE, 761, "%s %s %s :%s") \
	X(RPL_KEYNOTSET, 766, "%s %s :key not set") \
	X(ERR_KEYNOTSET, 768, "%s %s :key not set") \
	X(RPL_METADATASUBOK, 770, "%s") \
	X(RPL_METADATAUNSUBOK, 771, "%s") \
	X(RPL_METADATASUBS, 772, "%s") \
	X(RPL_METADATASYNCLATER, 774, "%s %u") \
	X(RPL_LOGGEDIN, 900, "%s %s :You are now logged in as %s") \
	X(RPL_LOGGEDOUT, 901, "%s :You are now logged out") \
	X(RPL_SASLSUCCESS, 903, ":SASL authentication successful") \
	X(ERR_SASLFAIL, 904, ":SASL authentication failed%s") \
	X(ERR_SASLTOOLONG, 905, ":SASL message too long") \
	X(ERR_SASLABORTED, 906, ":SASL authentication aborted") \
	X(RPL_SASLMECHS, 908, "%s :are available SASL mechanisms")

enum numeric {
#define NUMERIC_ENUM(name, code, fmt) name = code,
	NUMERIC_LIST(NUMERIC_ENUM)
#undef NUMERIC_ENUM
};

/* The format of a numeric's text; NULL for an unknown code. */
const char	*numeric_format(enum numeric);

#endif
