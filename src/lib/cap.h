/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * IRCv3 capabilities: names and bits from one X-macro list.
 */

#ifndef CHAT_CAP_H
#define CHAT_CAP_H

#include <stdint.h>

#define CAP_LIST(X) \
	X(SERVER_TIME, "server-time") \
	X(MESSAGE_TAGS, "message-tags") \
	X(ECHO_MESSAGE, "echo-message") \
	X(MULTI_PREFIX, "multi-prefix") \
	X(AWAY_NOTIFY, "away-notify") \
	X(CAP_NOTIFY, "cap-notify") \
	X(EXTENDED_JOIN, "extended-join") \
	X(USERHOST_IN_NAMES, "userhost-in-names") \
	X(BATCH, "batch") \
	X(LABELED_RESPONSE, "labeled-response") \
	X(SETNAME, "setname") \
	X(INVITE_NOTIFY, "invite-notify") \
	X(CHATHISTORY, "draft/chathistory") \
	X(EVENT_PLAYBACK, "draft/event-playback") \
	X(SASL, "sasl") \
	X(ACCOUNT_NOTIFY, "account-notify") \
	X(ACCOUNT_TAG, "account-tag") \
	X(ACCOUNT_REGISTRATION, "draft/account-registration") \
	X(MESSAGE_REDACTION, "draft/message-redaction") \
	X(READ_MARKER, "draft/read-marker") \
	X(SEARCH, "soju.im/search") \
	X(MULTILINE, "draft/multiline") \
	X(STS, "sts") \
	X(EXTENDED_MONITOR, "extended-monitor") \
	X(METADATA, "draft/metadata-3") \
	X(CHANNEL_RENAME, "draft/channel-rename")

enum cap_index {
#define CAP_INDEX(id, name) CAPI_##id,
	CAP_LIST(CAP_INDEX)
#undef CAP_INDEX
	CAP_COUNT
};

enum cap_bit {
#define CAP_BIT(id, name) CAP_##id = 1u << CAPI_##id,
	CAP_LIST(CAP_BIT)
#undef CAP_BIT
};

/* The capability named by the first len bytes of s; 0 if unknown. */
uint32_t	 cap_from_name(const char *, size_t);
/* The name of a single capability bit. */
const char	*cap_name(uint32_t);
/* Every capability this build knows, as a bit set. */
uint32_t	 cap_all(void);

#endif
