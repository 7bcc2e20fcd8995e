/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Channels and membership: the channel table keyed by casefolded name, the
 * member lists (each membership linked into both its channel and its
 * client), bans, invites and prefixes (ngIRCd's channel.c).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casemap.h"
#include "chatd.h"

static const char	*channel_key(const void *);

static const char *
channel_key(const void *obj)
{
	return (((const struct channel *)obj)->name);
}

void
channel_init(void)
{
	hashtab_init(&srv.channels, channel_key);
}

struct channel *
channel_find(const char *name)
{
	return (hashtab_find(&srv.channels, name));
}

/* Whether name is a channel name: '#', then no space, comma, BEL or control. */
int
channel_valid_name(const char *name, int maxlen)
{
	const unsigned char	*p;

	if (name[0] != '#' || name[1] == '\0' || (int)strlen(name) > maxlen)
		return (0);
	for (p = (const unsigned char *)name + 1; *p != '\0'; p++) {
		if (*p <= ' ' || *p == ',' || *p == 0x7f)
			return (0);
	}
	return (1);
}

struct channel *
channel_create(const char *name)
{
	struct channel	*ch;

	ch = xcalloc(1, sizeof *ch);
	ch->name = xstrdup(name);
	ch->created = time(NULL);
	ch->modes = CMODE_NOEXTERNAL | CMODE_TOPIC;
	LIST_INIT(&ch->members);
	LIST_INIT(&ch->bans);
	hashtab_add(&srv.channels, ch);
	return (ch);
}

/* ch is called name from now on (RENAME). */
void
channel_rename(struct channel *ch, const char *name)
{
	hashtab_remove(&srv.channels, ch);
	free(ch->name);
	ch->name = xstrdup(name);
	hashtab_add(&srv.channels, ch);
}

void
channel_free(struct channel *ch)
{
	struct ban	*b;

	hashtab_remove(&srv.channels, ch);
	while ((b = LIST_FIRST(&ch->bans)) != NULL) {
		LIST_REMOVE(b, entry);
		free(b->mask);
		free(b->who);
		free(b);
	}
	metadata_channel_free(ch);
	free(ch->invites);
	free(ch->name);
	free(ch->topic);
	free(ch->topic_who);
	free(ch->key);
	free(ch->founder);
	free(ch);
}

/* The membership of c in ch, or NULL; walks c's channels, the short list. */
struct membership *
channel_member(struct channel *ch, struct client *c)
{
	struct membership	*m;

	LIST_FOREACH(m, &c->channels, client_entry) {
		if (m->channel == ch)
			return (m);
	}
	return (NULL);
}

struct membership *
channel_add(struct channel *ch, struct client *c, uint8_t modes)
{
	struct membership	*m;

	m = xcalloc(1, sizeof *m);
	m->client = c;
	m->channel = ch;
	m->modes = modes;
	LIST_INSERT_HEAD(&ch->members, m, channel_entry);
	LIST_INSERT_HEAD(&c->channels, m, client_entry);
	ch->nmembers++;
	return (m);
}

/*
 * End a membership; the channel goes when its last member does, and with
 * it what was said there, so that whoever makes a channel of that name
 * next does not read it. An autojoin room is everyone's: its history
 * stays for the next to come in.
 */
void
channel_remove(struct membership *m)
{
	struct channel	*ch = m->channel;

	LIST_REMOVE(m, channel_entry);
	LIST_REMOVE(m, client_entry);
	free(m);
	if (--ch->nmembers != 0)
		return;
	/* A registered channel stays, empty, with its history. */
	if (ch->modes & CMODE_REGISTERED)
		return;
	if (!config_is_autojoin(srv.conf, ch->name))
		history_forget(ch->name);
	channel_free(ch);
}

/*
 * Whether c matches an entry of ch's list kind ('b', 'e' or 'I'): a
 * nick!user@host mask, or an extban (EXTBAN=,am): a:ACCOUNT matches who is
 * logged in to an account of that mask (ACCOUNTEXTBAN), m:MASK is a mute,
 * looked at only with mutes set (and then nothing else is).
 */
static int
channel_match(struct channel *ch, struct client *c, char kind, int mutes)
{
	struct ban	*b;
	const char	*mask = NULL, *m;

	LIST_FOREACH(b, &ch->bans, entry) {
		if (b->kind != kind)
			continue;
		m = b->mask;
		if ((m[0] == 'm' && m[1] == ':') != mutes)
			continue;
		if (mutes)
			m += 2;
		if (m[0] == 'a' && m[1] == ':') {
			if (c->account != NULL &&
			    casemap_match(m + 2, c->account->name))
				return (1);
			continue;
		}
		if (mask == NULL)
			mask = client_mask(c);
		if (casemap_match(m, mask))
			return (1);
	}
	return (0);
}

int
channel_listed(struct channel *ch, struct client *c, char kind)
{
	return (channel_match(ch, c, kind, 0));
}

/* Whether c is banned from ch: a ban matches, and no exception (+e). */
int
channel_banned(struct channel *ch, struct client *c)
{
	if (LIST_EMPTY(&ch->bans))
		return (0);
	return (channel_listed(ch, c, 'b') && !channel_listed(ch, c, 'e'));
}

/*
 * Whether c may not speak in ch: a mute (+b m:MASK) matches, and no
 * exception, of mutes (+e m:MASK) or of bans.
 */
int
channel_muted(struct channel *ch, struct client *c)
{
	if (LIST_EMPTY(&ch->bans))
		return (0);
	return (channel_match(ch, c, 'b', 1) && !channel_match(ch, c, 'e', 1) &&
	    !channel_listed(ch, c, 'e'));
}

int
channel_invited(struct channel *ch, struct client *c)
{
	unsigned int	i;

	for (i = 0; i < ch->ninvites; i++) {
		if (ch->invites[i] == c->id)
			return (1);
	}
	return (0);
}

void
channel_invite_add(struct channel *ch, struct client *c)
{
	if (channel_invited(ch, c))
		return;
	ch->invites = xreallocarray(ch->invites, ch->ninvites + 1,
	    sizeof *ch->invites);
	ch->invites[ch->ninvites++] = c->id;
}

void
channel_invite_remove(struct channel *ch, struct client *c)
{
	unsigned int	i;

	for (i = 0; i < ch->ninvites; i++) {
		if (ch->invites[i] == c->id) {
			ch->invites[i] = ch->invites[--ch->ninvites];
			return;
		}
	}
}

/* The prefix of a member: the highest, or all of them with multi-prefix. */
const char *
channel_prefix(uint8_t modes, int multi)
{
	if ((modes & MEMBER_OP) && (modes & MEMBER_VOICE))
		return (multi ? "@+" : "@");
	if (modes & MEMBER_OP)
		return ("@");
	if (modes & MEMBER_VOICE)
		return ("+");
	return ("");
}

/* The channel's modes as "+nt" (with key and limit if show_args). */
void
channel_modes_string(struct channel *ch, int show_args, char *buf,
    size_t size)
{
	static const struct {
		uint8_t	flag;
		char	letter;
	} flags[] = {
		{ CMODE_NOCTCP, 'C' },
		{ CMODE_INVITE, 'i' }, { CMODE_MODERATED, 'm' },
		{ CMODE_NOEXTERNAL, 'n' }, { CMODE_REGISTERED, 'r' },
		{ CMODE_SECRET, 's' }, { CMODE_TOPIC, 't' },
	};
	size_t	n = 0, i;

	buf[n++] = '+';
	for (i = 0; i < sizeof flags / sizeof flags[0]; i++) {
		if (ch->modes & flags[i].flag)
			buf[n++] = flags[i].letter;
	}
	if (ch->key != NULL)
		buf[n++] = 'k';
	if (ch->limit != 0)
		buf[n++] = 'l';
	buf[n] = '\0';
	if (show_args && ch->key != NULL)
		n += snprintf(buf + n, size - n, " %s", ch->key);
	if (show_args && ch->limit != 0 && n < size)
		snprintf(buf + n, size - n, " %u", ch->limit);
}
