/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * METADATA (IRCv3 draft/metadata-3): keys and values on users and on
 * channels (a display name, an avatar, a channel's url). A client sets
 * its own, a channel operator the channel's; anyone reads them (a
 * channel's only if it is public or one is in it). Those who asked for
 * the capability and subscribed to a key (SUB) are told when it changes
 * on someone they share a channel with, or on a channel they are in, by
 * 761 RPL_KEYVALUE (766 RPL_KEYNOTSET when it is taken away), and told a
 * channel's and its members' values when they join it. A client may set
 * its own before registration (before-connect); it is told them in a
 * metadata batch once registered. Nothing is stored: a user's metadata
 * ends with its connection, a channel's with the channel.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casemap.h"
#include "chatd.h"
#include "utf8.h"

#define METADATA_KEY_MAX	64	/* bytes of a key */
#define METADATA_VALUE_MAX	300	/* bytes of a value: fits any 761 */
#define METADATA_KEYS_MAX	20	/* keys on one user or channel */
#define METADATA_SUBS_MAX	50	/* keys one client subscribes to */
#define METADATA_SYNC_MAX	200	/* members told at JOIN, or 774 */

/* The keys of one user or channel, in the order they were set. */
struct metadata {
	char		**keys;
	char		**values;
	size_t		  n;
};

/* A client's own: its keys and what it subscribed to. */
struct metadata_client {
	struct metadata	 *md;
	char		(*subs)[METADATA_KEY_MAX + 1];
	size_t		  nsubs;
};

/* What a METADATA target names: c itself, another user or a channel. */
struct metadata_target {
	const char	 *name;		/* as replies show it */
	struct client	 *user;
	struct channel	 *channel;
	struct metadata	**md;		/* where its keys live */
};

/* WHOIS shows these keys (RPL_WHOISKEYVALUE), the others only GET. */
static const char *const metadata_whois_keys[] = {
	"display-name", "pronouns", "status", "url"
};

static void	metadata_fail(struct client *, const char *, const char *,
		    const char *, const char *);
static int	metadata_key_valid(const char *);
static struct metadata *metadata_of(struct metadata **);
static const char *metadata_get(const struct metadata *, const char *);
static void	metadata_clear_all(struct metadata *);
static int	metadata_subscribed(const struct client *, const char *);
static void	metadata_tell(struct client *, const char *, const char *,
		    const char *);
static void	metadata_tell_all(struct client *, const char *,
		    const struct metadata *, const char *);
static void	metadata_tell_channel(struct client *, struct channel *,
		    const char *);
static int	metadata_target(struct client *, const char *,
		    struct metadata_target *);
static int	metadata_visible(struct client *,
		    const struct metadata_target *);
static int	metadata_editable(struct client *,
		    const struct metadata_target *);
static void	metadata_changed(struct client *,
		    const struct metadata_target *, const char *,
		    const char *);
static void	metadata_set(struct client *, struct metadata_target *,
		    struct msg *);
static void	metadata_clear(struct client *, struct metadata_target *);
static void	metadata_get_keys(struct client *, struct metadata_target *,
		    struct msg *);
static void	metadata_list(struct client *, struct metadata_target *);
static void	metadata_sync(struct client *, struct metadata_target *);
static void	metadata_sub(struct client *, struct msg *);
static void	metadata_unsub(struct client *, struct msg *);
static void	metadata_subs(struct client *);

/* FAIL METADATA code [a [b]] :text, the standard reply with its context. */
static void
metadata_fail(struct client *c, const char *code, const char *a,
    const char *b, const char *text)
{
	send_raw(c, ":%s FAIL METADATA %s%s%s%s%s :%s", srv.conf->name, code,
	    a != NULL ? " " : "", a != NULL ? a : "", b != NULL ? " " : "",
	    b != NULL ? b : "", text);
}

/* a-z 0-9 _ . : - (letters folded before), not starting with ':'. */
static int
metadata_key_valid(const char *key)
{
	size_t	len = strlen(key);

	if (len == 0 || len > METADATA_KEY_MAX || *key == ':')
		return (0);
	return (strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789_.:-") ==
	    len);
}

/* Fold a key to lower case in place, as keys are case-insensitive. */
static char *
metadata_key_fold(char *key)
{
	char	*p;

	for (p = key; *p != '\0'; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	}
	return (key);
}

/* A key a client gave, folded; NULL, with FAIL KEY_INVALID, if it is not. */
static char *
metadata_param_key(struct client *c, char *key)
{
	metadata_key_fold(key);
	if (metadata_key_valid(key))
		return (key);
	metadata_fail(c, "KEY_INVALID", key, NULL, "Invalid key");
	return (NULL);
}

/* Where key is in mc's subscriptions; mc->nsubs if it is not. */
static size_t
metadata_sub_index(const struct metadata_client *mc, const char *key)
{
	size_t	i;

	for (i = 0; i < mc->nsubs && strcmp(mc->subs[i], key) != 0; i++)
		;
	return (i);
}

static struct metadata *
metadata_of(struct metadata **mdp)
{
	if (*mdp == NULL)
		*mdp = xcalloc(1, sizeof **mdp);
	return (*mdp);
}

static const char *
metadata_get(const struct metadata *md, const char *key)
{
	size_t	i;

	for (i = 0; md != NULL && i < md->n; i++) {
		if (strcmp(md->keys[i], key) == 0)
			return (md->values[i]);
	}
	return (NULL);
}

static void
metadata_clear_all(struct metadata *md)
{
	size_t	i;

	for (i = 0; i < md->n; i++) {
		free(md->keys[i]);
		free(md->values[i]);
	}
	free(md->keys);
	free(md->values);
	md->keys = md->values = NULL;
	md->n = 0;
}

/* Set key to value (NULL: take it away); -1 past METADATA_KEYS_MAX. */
static int
metadata_put(struct metadata *md, const char *key, const char *value)
{
	size_t	i;

	for (i = 0; i < md->n && strcmp(md->keys[i], key) != 0; i++)
		;
	if (i < md->n) {
		free(md->values[i]);
		if (value != NULL) {
			md->values[i] = xstrdup(value);
			return (0);
		}
		free(md->keys[i]);
		memmove(md->keys + i, md->keys + i + 1,
		    (md->n - i - 1) * sizeof *md->keys);
		memmove(md->values + i, md->values + i + 1,
		    (md->n - i - 1) * sizeof *md->values);
		md->n--;
		return (0);
	}
	if (value == NULL)
		return (0);
	if (md->n == METADATA_KEYS_MAX)
		return (-1);
	md->keys = xreallocarray(md->keys, md->n + 1, sizeof *md->keys);
	md->values = xreallocarray(md->values, md->n + 1, sizeof *md->values);
	md->keys[md->n] = xstrdup(key);
	md->values[md->n++] = xstrdup(value);
	return (0);
}

static struct metadata_client *
metadata_client(struct client *c)
{
	if (c->metadata == NULL)
		c->metadata = xcalloc(1, sizeof *c->metadata);
	return (c->metadata);
}

/* Whether c is told of key: it has the capability and subscribed. */
static int
metadata_subscribed(const struct client *c, const char *key)
{
	size_t	i;

	if (!(c->caps & CAP_METADATA) || c->metadata == NULL)
		return (0);
	for (i = 0; i < c->metadata->nsubs; i++) {
		if (strcmp(c->metadata->subs[i], key) == 0)
			return (1);
	}
	return (0);
}

/* Tell c that target's key is value (761), or is not set (766). */
static void
metadata_tell(struct client *c, const char *target, const char *key,
    const char *value)
{
	if (value != NULL)
		send_numeric(c, RPL_KEYVALUE, target, key, "*", value);
	else
		send_numeric(c, RPL_KEYNOTSET, target, key);
}

/*
 * Tell c the keys of md (target's) it subscribed to; or only key only; or
 * all of them, only "*".
 */
static void
metadata_tell_all(struct client *c, const char *target,
    const struct metadata *md, const char *only)
{
	size_t	i;

	for (i = 0; md != NULL && i < md->n; i++) {
		if (only != NULL ? strcmp(only, "*") == 0 ||
		    strcmp(md->keys[i], only) == 0 :
		    metadata_subscribed(c, md->keys[i]))
			metadata_tell(c, target, md->keys[i], md->values[i]);
	}
}

/*
 * What name (a METADATA target) is: "*" for c itself, a nick, or a
 * channel; 0 with FAIL INVALID_TARGET if none. Before registration only
 * "*" is.
 */
static int
metadata_target(struct client *c, const char *name,
    struct metadata_target *t)
{
	memset(t, 0, sizeof *t);
	if (strcmp(name, "*") == 0 || (*c->nick != '\0' &&
	    casemap_cmp(name, c->nick) == 0)) {
		t->user = c;
		t->name = *c->nick != '\0' ? c->nick : "*";
		t->md = &metadata_client(c)->md;
		return (1);
	}
	if (c->flags & CLIENT_REGISTERED) {
		if (*name == '#' && (t->channel = channel_find(name)) != NULL) {
			t->name = t->channel->name;
			t->md = &t->channel->metadata;
			return (1);
		}
		if ((t->user = user_find(name)) != NULL &&
		    (t->user->flags & CLIENT_REGISTERED)) {
			t->name = t->user->nick;
			t->md = &metadata_client(t->user)->md;
			return (1);
		}
	}
	metadata_fail(c, "INVALID_TARGET", name, NULL, "Invalid target");
	return (0);
}

/* Whether c may read t's keys: a user's, or a channel's if it may see it. */
static int
metadata_visible(struct client *c, const struct metadata_target *t)
{
	struct channel	*ch = t->channel;

	if (ch == NULL || channel_member(ch, c) != NULL ||
	    (c->umodes & UMODE_OPER))
		return (1);
	return (!(ch->modes & (CMODE_SECRET | CMODE_INVITE)));
}

/* Whether c may change t's keys: its own, or a channel's it operates. */
static int
metadata_editable(struct client *c, const struct metadata_target *t)
{
	struct membership	*m;

	if (c->umodes & UMODE_OPER)
		return (1);
	if (t->channel == NULL)
		return (t->user == c);
	m = channel_member(t->channel, c);
	return (m != NULL && (m->modes & MEMBER_OP));
}

/*
 * c changed t's key to value (or took it away): those who subscribed to
 * it and share a channel with the user, or are in the channel, are told.
 */
static void
metadata_changed(struct client *c, const struct metadata_target *t,
    const char *key, const char *value)
{
	struct membership	*cm, *m;
	struct client		*o;
	uint64_t		 epoch = ++srv.epoch;

	c->mark = epoch;
	if (t->channel != NULL) {
		LIST_FOREACH(m, &t->channel->members, channel_entry) {
			o = m->client;
			if (o != c && metadata_subscribed(o, key))
				metadata_tell(o, t->name, key, value);
		}
		return;
	}
	if (t->user != c && metadata_subscribed(t->user, key))
		metadata_tell(t->user, t->name, key, value);
	t->user->mark = epoch;
	LIST_FOREACH(cm, &t->user->channels, client_entry) {
		LIST_FOREACH(m, &cm->channel->members, channel_entry) {
			o = m->client;
			if (o->mark == epoch)
				continue;
			o->mark = epoch;
			if (metadata_subscribed(o, key))
				metadata_tell(o, t->name, key, value);
		}
	}
}

/* Open a metadata batch for c (if it has batch), its lines tagged. */
static void
metadata_batch_open(struct client *c, char *batch, size_t size,
    const char *target)
{
	history_batch(c, batch, size, "metadata", target);
	send_in_batch(c, batch);
}

static void
metadata_batch_close(struct client *c, char *batch, size_t size)
{
	send_in_batch(NULL, NULL);
	history_batch(c, batch, size, NULL, NULL);
}

/* Whether c may read t; if not, it is told (FAIL KEY_NO_PERMISSION). */
static int
metadata_may_read(struct client *c, const struct metadata_target *t)
{
	if (metadata_visible(c, t))
		return (1);
	metadata_fail(c, "KEY_NO_PERMISSION", t->name, "*",
	    "You may not see that");
	return (0);
}

/* SET key [:value]: 761 with the value, or 766 when it is taken away. */
static void
metadata_set(struct client *c, struct metadata_target *t, struct msg *m)
{
	struct metadata	*md;
	char		*key;
	const char	*value = m->nparams > 3 ? m->params[3] : NULL;

	if (m->nparams < 3) {
		send_numeric(c, ERR_NEEDMOREPARAMS, "METADATA");
		return;
	}
	if ((key = metadata_param_key(c, m->params[2])) == NULL)
		return;
	if (!metadata_editable(c, t)) {
		metadata_fail(c, "KEY_NO_PERMISSION", t->name, key,
		    "You may not change that");
		return;
	}
	if (value != NULL && (strlen(value) > METADATA_VALUE_MAX ||
	    !utf8_valid(value, strlen(value)))) {
		metadata_fail(c, "INVALID_VALUE", key, NULL,
		    "Value is too long or not UTF-8");
		return;
	}
	md = metadata_of(t->md);
	if (value == NULL && metadata_get(md, key) == NULL) {
		send_numeric(c, ERR_KEYNOTSET, t->name, key);
		return;
	}
	if (metadata_put(md, key, value) != 0) {
		metadata_fail(c, "LIMIT_REACHED", t->name, NULL,
		    "Metadata limit reached");
		return;
	}
	metadata_tell(c, t->name, key, value);
	metadata_changed(c, t, key, value);
}

/* CLEAR: every key taken away, each told (766) in a metadata batch. */
static void
metadata_clear(struct client *c, struct metadata_target *t)
{
	struct metadata	*md = *t->md, old;
	char		 batch[24];
	size_t		 i;

	if (!metadata_editable(c, t)) {
		metadata_fail(c, "KEY_NO_PERMISSION", t->name, "*",
		    "You may not change that");
		return;
	}
	metadata_batch_open(c, batch, sizeof batch, t->name);
	if (md != NULL) {
		old = *md;
		memset(md, 0, sizeof *md);
		for (i = 0; i < old.n; i++)
			metadata_tell(c, t->name, old.keys[i], NULL);
		send_in_batch(NULL, NULL);
		for (i = 0; i < old.n; i++)
			metadata_changed(c, t, old.keys[i], NULL);
		metadata_clear_all(&old);
	}
	metadata_batch_close(c, batch, sizeof batch);
}

/* GET key...: for each, in order, 761, 766 or FAIL KEY_INVALID. */
static void
metadata_get_keys(struct client *c, struct metadata_target *t,
    struct msg *m)
{
	char	batch[24], *key;
	int	i;

	if (m->nparams < 3) {
		send_numeric(c, ERR_NEEDMOREPARAMS, "METADATA");
		return;
	}
	if (!metadata_may_read(c, t))
		return;
	metadata_batch_open(c, batch, sizeof batch, t->name);
	for (i = 2; i < m->nparams; i++) {
		if ((key = metadata_param_key(c, m->params[i])) != NULL)
			metadata_tell(c, t->name, key,
			    metadata_get(*t->md, key));
	}
	metadata_batch_close(c, batch, sizeof batch);
}

/* LIST: every key of the target, in a metadata batch. */
static void
metadata_list(struct client *c, struct metadata_target *t)
{
	const struct metadata	*md = *t->md;
	char			 batch[24];
	size_t			 i;

	if (!metadata_may_read(c, t))
		return;
	metadata_batch_open(c, batch, sizeof batch, t->name);
	for (i = 0; md != NULL && i < md->n; i++)
		metadata_tell(c, t->name, md->keys[i], md->values[i]);
	metadata_batch_close(c, batch, sizeof batch);
}

/*
 * Tell c the subscribed keys (or only key) of channel ch and of its
 * members but c; in the caller's batch, if any.
 */
static void
metadata_tell_channel(struct client *c, struct channel *ch, const char *key)
{
	struct membership	*m;

	metadata_tell_all(c, ch->name, ch->metadata, key);
	LIST_FOREACH(m, &ch->members, channel_entry) {
		if (m->client != c && m->client->metadata != NULL)
			metadata_tell_all(c, m->client->nick,
			    m->client->metadata->md, key);
	}
}

/* SYNC: the subscribed keys of the target (and a channel's members). */
static void
metadata_sync(struct client *c, struct metadata_target *t)
{
	char	batch[24];

	if (!metadata_may_read(c, t))
		return;
	metadata_batch_open(c, batch, sizeof batch, t->name);
	if (t->channel != NULL)
		metadata_tell_channel(c, t->channel, NULL);
	else
		metadata_tell_all(c, t->name, *t->md, NULL);
	metadata_batch_close(c, batch, sizeof batch);
}

/* Send keys, a list of up to 400 bytes, as numeric num lines. */
static void
metadata_send_keys(struct client *c, enum numeric num, char *keys,
    size_t *n, const char *key)
{
	if (key == NULL || *n + strlen(key) + 1 > 400) {
		if (*n != 0)
			send_numeric(c, num, keys);
		*n = 0;
	}
	if (key != NULL)
		*n += snprintf(keys + *n, 480 - *n, "%s%s", *n != 0 ? " " : "",
		    key);
}

/*
 * SUB key...: each in order; at the limit, FAIL TOO_MANY_SUBS names the
 * first key not taken and stops. Then the values of the new keys where
 * c is (its channels and their members).
 */
static void
metadata_sub(struct client *c, struct msg *m)
{
	struct metadata_client	*mc = metadata_client(c);
	struct membership	*cm;
	char			 keys[480], batch[24], *key;
	char			 added[METADATA_SUBS_MAX][METADATA_KEY_MAX + 1];
	size_t			 n = 0, nadded = 0, j;
	int			 i;

	for (i = 2; i < m->nparams; i++) {
		if ((key = metadata_param_key(c, m->params[i])) == NULL)
			continue;
		if (metadata_sub_index(mc, key) == mc->nsubs) {
			if (mc->nsubs == METADATA_SUBS_MAX) {
				metadata_fail(c, "TOO_MANY_SUBS", key, NULL,
				    "Too many subscriptions");
				break;
			}
			mc->subs = xreallocarray(mc->subs, mc->nsubs + 1,
			    sizeof *mc->subs);
			xstrlcpy(mc->subs[mc->nsubs++], key,
			    sizeof mc->subs[0]);
			xstrlcpy(added[nadded++], key, sizeof added[0]);
		}
		metadata_send_keys(c, RPL_METADATASUBOK, keys, &n, key);
	}
	metadata_send_keys(c, RPL_METADATASUBOK, keys, &n, NULL);
	if (nadded == 0 || LIST_EMPTY(&c->channels) ||
	    !(c->caps & CAP_METADATA))
		return;
	metadata_batch_open(c, batch, sizeof batch, NULL);
	LIST_FOREACH(cm, &c->channels, client_entry) {
		for (j = 0; j < nadded; j++)
			metadata_tell_channel(c, cm->channel, added[j]);
	}
	metadata_batch_close(c, batch, sizeof batch);
}

/* UNSUB key...: each is acknowledged, subscribed or not. */
static void
metadata_unsub(struct client *c, struct msg *m)
{
	struct metadata_client	*mc = metadata_client(c);
	char			 keys[480], *key;
	size_t			 n = 0, j;
	int			 i;

	for (i = 2; i < m->nparams; i++) {
		if ((key = metadata_param_key(c, m->params[i])) == NULL)
			continue;
		if ((j = metadata_sub_index(mc, key)) < mc->nsubs) {
			memmove(mc->subs + j, mc->subs + j + 1,
			    (mc->nsubs - j - 1) * sizeof *mc->subs);
			mc->nsubs--;
		}
		metadata_send_keys(c, RPL_METADATAUNSUBOK, keys, &n, key);
	}
	metadata_send_keys(c, RPL_METADATAUNSUBOK, keys, &n, NULL);
}

/* SUBS: what c subscribed to. */
static void
metadata_subs(struct client *c)
{
	char	keys[480];
	size_t	n = 0, i;

	for (i = 0; c->metadata != NULL && i < c->metadata->nsubs; i++)
		metadata_send_keys(c, RPL_METADATASUBS, keys, &n,
		    c->metadata->subs[i]);
	metadata_send_keys(c, RPL_METADATASUBS, keys, &n, NULL);
}

void
irc_metadata(struct client *c, struct msg *m)
{
	struct metadata_target	 t;
	char			*sub = m->params[1], *p;

	for (p = sub; *p != '\0'; p++)
		*p = (char)casemap_upper((unsigned char)*p);
	if (strcmp(sub, "SUB") == 0 || strcmp(sub, "UNSUB") == 0 ||
	    strcmp(sub, "SUBS") == 0) {
		if (strcmp(sub, "SUBS") == 0)
			metadata_subs(c);
		else if (m->nparams < 3)
			send_numeric(c, ERR_NEEDMOREPARAMS, "METADATA");
		else if (*sub == 'S')
			metadata_sub(c, m);
		else
			metadata_unsub(c, m);
		return;
	}
	if (strcmp(sub, "GET") != 0 && strcmp(sub, "LIST") != 0 &&
	    strcmp(sub, "SET") != 0 && strcmp(sub, "CLEAR") != 0 &&
	    strcmp(sub, "SYNC") != 0) {
		metadata_fail(c, "INVALID_SUBCOMMAND", sub, NULL,
		    "Invalid subcommand");
		return;
	}
	if (!metadata_target(c, m->params[0], &t))
		return;
	if (strcmp(sub, "GET") == 0)
		metadata_get_keys(c, &t, m);
	else if (strcmp(sub, "LIST") == 0)
		metadata_list(c, &t);
	else if (strcmp(sub, "SET") == 0)
		metadata_set(c, &t, m);
	else if (strcmp(sub, "CLEAR") == 0)
		metadata_clear(c, &t);
	else
		metadata_sync(c, &t);
}

/* The capability's value (CAP LS 302). */
const char *
metadata_cap_value(void)
{
	static char	buf[96];

	if (*buf == '\0')
		snprintf(buf, sizeof buf, "before-connect,max-subs=%d,"
		    "max-keys=%d,max-value-bytes=%d", METADATA_SUBS_MAX,
		    METADATA_KEYS_MAX, METADATA_VALUE_MAX);
	return (buf);
}

/*
 * c is registered: with the capability, it is told its own keys (set
 * before registration) in a metadata batch, empty if it has none.
 */
void
metadata_registered(struct client *c)
{
	char	batch[24];

	if (!(c->caps & CAP_METADATA))
		return;
	metadata_batch_open(c, batch, sizeof batch, c->nick);
	if (c->metadata != NULL)
		metadata_tell_all(c, c->nick, c->metadata->md, "*");
	metadata_batch_close(c, batch, sizeof batch);
}

/*
 * c has joined ch: it is told the channel's and the members' keys it
 * subscribed to (a big channel's by 774, to ask with SYNC), and the
 * members who subscribed to c's keys are told them.
 */
void
metadata_join(struct client *c, struct channel *ch)
{
	struct membership	*m;
	struct metadata		*md;
	size_t			 i;

	if (c->metadata == NULL)
		return;
	if ((c->caps & CAP_METADATA) && c->metadata->nsubs != 0) {
		if (ch->nmembers > METADATA_SYNC_MAX)
			send_numeric(c, RPL_METADATASYNCLATER, ch->name, 5u);
		else
			metadata_tell_channel(c, ch, NULL);
	}
	if ((md = c->metadata->md) == NULL || md->n == 0)
		return;
	LIST_FOREACH(m, &ch->members, channel_entry) {
		if (m->client == c)
			continue;
		for (i = 0; i < md->n; i++) {
			if (metadata_subscribed(m->client, md->keys[i]))
				metadata_tell(m->client, c->nick, md->keys[i],
				    md->values[i]);
		}
	}
}

/* WHOIS of o: its keys for people to read (760). */
void
metadata_whois(struct client *c, struct client *o)
{
	const char	*v;
	size_t		 i;

	if (o->metadata == NULL)
		return;
	for (i = 0; i < sizeof metadata_whois_keys /
	    sizeof metadata_whois_keys[0]; i++) {
		if ((v = metadata_get(o->metadata->md,
		    metadata_whois_keys[i])) != NULL)
			send_numeric(c, RPL_WHOISKEYVALUE, o->nick,
			    metadata_whois_keys[i], "*", v);
	}
}

void
metadata_client_free(struct client *c)
{
	if (c->metadata == NULL)
		return;
	if (c->metadata->md != NULL) {
		metadata_clear_all(c->metadata->md);
		free(c->metadata->md);
	}
	free(c->metadata->subs);
	free(c->metadata);
	c->metadata = NULL;
}

void
metadata_channel_free(struct channel *ch)
{
	if (ch->metadata == NULL)
		return;
	metadata_clear_all(ch->metadata);
	free(ch->metadata);
	ch->metadata = NULL;
}
