/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Every protocol and buffer limit in one place, each with its reason.
 */

#ifndef CHAT_CHATLIMITS_H
#define CHAT_CHATLIMITS_H

/* RFC 1459 2.3: a line is at most 512 bytes including the CRLF. */
#define LINE_MAX_BODY		512
/* IRCv3 message-tags: the tag section is at most 8191 bytes with '@' and ' '. */
#define LINE_MAX_TAGS		8191
/* IRCv3 message-tags: a client sends at most 4096 bytes with '@' and ' '. */
#define LINE_MAX_CLIENT_TAGS	4096
/* The longest input line we accept before declaring it too long. */
#define LINE_MAX_INPUT		(LINE_MAX_BODY + LINE_MAX_TAGS)
/* RFC 2812 2.3: at most 15 parameters. */
#define MSG_MAX_PARAMS		15
/* Client-only tags relayed per message (keeps fan-out lines bounded). */
#define MSG_MAX_CLIENT_TAGS	4096

/* DESIGN.md: NICKLEN=30; the option can only lower it. */
#define NICK_MAX		30
/* USER name length kept (ngIRCd and ergo use 9-10; we allow a little more). */
#define USER_MAX		16
/* RFC 2812 1.3: channel names are at most 50 characters. */
#define CHANNEL_MAX		50
/* Realname length kept. */
#define REALNAME_MAX		100
/* Topic, away and kick reason lengths advertised in ISUPPORT. */
#define TOPIC_MAX		390
#define AWAY_MAX		200
#define KICK_MAX		255
/* Host text: the longest printable IPv6 address. */
#define HOST_MAX		46
/*
 * A relayed line: a client's 510 bytes with the sender's full
 * "nick!user@host" added, so that no text is cut off in transit.
 */
#define LINE_MAX_RELAY		(LINE_MAX_BODY + NICK_MAX + USER_MAX + HOST_MAX + 4)
/*
 * A draft/multiline message: the bytes of its text (each line break one)
 * and its lines, as chatd offers them (ergo's defaults).
 */
#define MULTILINE_MAX_BYTES	4096
#define MULTILINE_MAX_LINES	100

#endif
