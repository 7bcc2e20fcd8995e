/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * MODE for users and channels. Channel modes are a table of letters, each
 * with its parameter rule and one small function; the changes that took
 * effect are collected and announced in one MODE line.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casemap.h"
#include "chatd.h"

/* Most parameter modes in one command (ISUPPORT MODES). */
#define MODE_MAX_PARAMS	4
/* Most entries of each list (b, e, I) on one channel (ISUPPORT MAXLIST). */
#define MODE_MAX_BANS	100
/* Longest channel key. */
#define MODE_KEY_MAX	23

enum mode_param {
	PARAM_NEVER,		/* C i m n s t */
	PARAM_ALWAYS,		/* o v b e I k */
	PARAM_WHEN_SET		/* l */
};

/* What one MODE command is doing, shared by the letter functions. */
struct mode_ctx {
	struct client	*client;
	struct channel	*channel;
	char		 changes[64];
	char		 args[MODE_MAX_PARAMS * 100];
	int		 nchanges;
	int		 lastsign;
};

struct chanmode {
	char		 letter;
	enum mode_param	 param;
	/* Apply; returns 1 if it changed something, arg shown in *shown. */
	int		(*apply)(struct mode_ctx *, int, const char *,
			    const char **);
};

static int	mode_flag(struct mode_ctx *, uint8_t, int);
static int	chanmode_C(struct mode_ctx *, int, const char *, const char **);
static int	chanmode_i(struct mode_ctx *, int, const char *, const char **);
static int	chanmode_m(struct mode_ctx *, int, const char *, const char **);
static int	chanmode_n(struct mode_ctx *, int, const char *, const char **);
static int	chanmode_r(struct mode_ctx *, int, const char *, const char **);
static int	chanmode_s(struct mode_ctx *, int, const char *, const char **);
static int	chanmode_t(struct mode_ctx *, int, const char *, const char **);
static int	mode_member(struct mode_ctx *, uint8_t, int, const char *,
		    const char **);
static int	chanmode_o(struct mode_ctx *, int, const char *, const char **);
static int	chanmode_v(struct mode_ctx *, int, const char *, const char **);
static int	mode_list(struct mode_ctx *, char, int, const char *,
		    const char **);
static int	chanmode_b(struct mode_ctx *, int, const char *, const char **);
static int	chanmode_e(struct mode_ctx *, int, const char *, const char **);
static int	chanmode_I(struct mode_ctx *, int, const char *, const char **);
static int	chanmode_k(struct mode_ctx *, int, const char *, const char **);
static int	chanmode_l(struct mode_ctx *, int, const char *, const char **);
static void	mode_banlist(struct client *, struct channel *, char);
static const struct chanmode *mode_find(char);
static void	mode_channel(struct client *, struct msg *, struct channel *);
static void	mode_user(struct client *, struct msg *);

/* Sorted by letter (capitals first). */
static const struct chanmode chanmodes[] = {
	{ 'C', PARAM_NEVER, chanmode_C },
	{ 'I', PARAM_ALWAYS, chanmode_I },
	{ 'b', PARAM_ALWAYS, chanmode_b },
	{ 'e', PARAM_ALWAYS, chanmode_e },
	{ 'i', PARAM_NEVER, chanmode_i },
	{ 'k', PARAM_ALWAYS, chanmode_k },
	{ 'l', PARAM_WHEN_SET, chanmode_l },
	{ 'm', PARAM_NEVER, chanmode_m },
	{ 'n', PARAM_NEVER, chanmode_n },
	{ 'o', PARAM_ALWAYS, chanmode_o },
	{ 'r', PARAM_NEVER, chanmode_r },
	{ 's', PARAM_NEVER, chanmode_s },
	{ 't', PARAM_NEVER, chanmode_t },
	{ 'v', PARAM_ALWAYS, chanmode_v },
};

static int
mode_flag(struct mode_ctx *ctx, uint8_t flag, int add)
{
	uint8_t	old = ctx->channel->modes;

	if (add)
		ctx->channel->modes |= flag;
	else
		ctx->channel->modes &= ~flag;
	return (old != ctx->channel->modes);
}

/* +C: no CTCP to the channel but ACTION (/me). */
static int
chanmode_C(struct mode_ctx *ctx, int add, const char *arg, const char **shown)
{
	return (mode_flag(ctx, CMODE_NOCTCP, add));
}

static int
chanmode_i(struct mode_ctx *ctx, int add, const char *arg, const char **shown)
{
	return (mode_flag(ctx, CMODE_INVITE, add));
}

static int
chanmode_m(struct mode_ctx *ctx, int add, const char *arg, const char **shown)
{
	return (mode_flag(ctx, CMODE_MODERATED, add));
}

static int
chanmode_n(struct mode_ctx *ctx, int add, const char *arg, const char **shown)
{
	return (mode_flag(ctx, CMODE_NOEXTERNAL, add));
}

/* +r registers the channel to c's account, -r drops it (chanreg.c). */
static int
chanmode_r(struct mode_ctx *ctx, int add, const char *arg, const char **shown)
{
	if (add == ((ctx->channel->modes & CMODE_REGISTERED) != 0))
		return (0);
	if (!chanreg_mode(ctx->channel, ctx->client, add))
		return (0);
	return (mode_flag(ctx, CMODE_REGISTERED, add));
}

static int
chanmode_s(struct mode_ctx *ctx, int add, const char *arg, const char **shown)
{
	return (mode_flag(ctx, CMODE_SECRET, add));
}

static int
chanmode_t(struct mode_ctx *ctx, int add, const char *arg, const char **shown)
{
	return (mode_flag(ctx, CMODE_TOPIC, add));
}

/* Give or take a member's op or voice. */
static int
mode_member(struct mode_ctx *ctx, uint8_t flag, int add, const char *arg,
    const char **shown)
{
	struct client		*o;
	struct membership	*m;
	uint8_t			 old;

	if ((o = user_find(arg)) == NULL) {
		send_numeric(ctx->client, ERR_NOSUCHNICK, arg);
		return (0);
	}
	if ((m = channel_member(ctx->channel, o)) == NULL) {
		send_numeric(ctx->client, ERR_USERNOTINCHANNEL, o->nick,
		    ctx->channel->name);
		return (0);
	}
	old = m->modes;
	if (add)
		m->modes |= flag;
	else
		m->modes &= ~flag;
	*shown = o->nick;
	return (old != m->modes);
}

static int
chanmode_o(struct mode_ctx *ctx, int add, const char *arg, const char **shown)
{
	return (mode_member(ctx, MEMBER_OP, add, arg, shown));
}

static int
chanmode_v(struct mode_ctx *ctx, int add, const char *arg, const char **shown)
{
	return (mode_member(ctx, MEMBER_VOICE, add, arg, shown));
}

/*
 * A list entry as kept: nick!user@host with what is left out made "*"; an
 * account extban (a:ACCOUNT) as it is; a mute (m:) with its mask made so.
 */
static void
mode_mask(const char *arg, char *mask, size_t size)
{
	const char	*pre = "";

	if (arg[0] == 'a' && arg[1] == ':' && arg[2] != '\0') {
		xstrlcpy(mask, arg, size);
		return;
	}
	if (arg[0] == 'm' && arg[1] == ':' && arg[2] != '\0') {
		pre = "m:";
		arg += 2;
		if (arg[0] == 'a' && arg[1] == ':' && arg[2] != '\0') {
			snprintf(mask, size, "m:%s", arg);
			return;
		}
	}
	if (strchr(arg, '!') == NULL && strchr(arg, '@') == NULL)
		snprintf(mask, size, "%s%s!*@*", pre, arg);
	else if (strchr(arg, '@') == NULL)
		snprintf(mask, size, "%s%s@*", pre, arg);
	else
		snprintf(mask, size, "%s%s", pre, arg);
}

/* Add a mask to (or take it from) the channel's list kind: b, e or I. */
static int
mode_list(struct mode_ctx *ctx, char kind, int add, const char *arg,
    const char **shown)
{
	static char	 mask[NICK_MAX + USER_MAX + HOST_MAX + 8];
	struct ban	*b;
	int		 n = 0;

	mode_mask(arg, mask, sizeof mask);
	LIST_FOREACH(b, &ctx->channel->bans, entry) {
		if (b->kind != kind)
			continue;
		if (casemap_cmp(b->mask, mask) == 0)
			break;
		n++;
	}
	*shown = mask;
	if (add) {
		if (b != NULL || n >= MODE_MAX_BANS)
			return (0);
		b = xcalloc(1, sizeof *b);
		b->mask = xstrdup(mask);
		b->who = xstrdup(ctx->client->nick);
		b->when = time(NULL);
		b->kind = kind;
		LIST_INSERT_HEAD(&ctx->channel->bans, b, entry);
		return (1);
	}
	if (b == NULL)
		return (0);
	LIST_REMOVE(b, entry);
	free(b->mask);
	free(b->who);
	free(b);
	return (1);
}

static int
chanmode_b(struct mode_ctx *ctx, int add, const char *arg, const char **shown)
{
	return (mode_list(ctx, 'b', add, arg, shown));
}

/* +e: a ban exception; whoever matches one is not banned. */
static int
chanmode_e(struct mode_ctx *ctx, int add, const char *arg, const char **shown)
{
	return (mode_list(ctx, 'e', add, arg, shown));
}

/* +I: an invite exception; whoever matches one joins +i without INVITE. */
static int
chanmode_I(struct mode_ctx *ctx, int add, const char *arg, const char **shown)
{
	return (mode_list(ctx, 'I', add, arg, shown));
}

static int
chanmode_k(struct mode_ctx *ctx, int add, const char *arg, const char **shown)
{
	struct channel	*ch = ctx->channel;

	if (!add) {
		if (ch->key == NULL)
			return (0);
		free(ch->key);
		ch->key = NULL;
		*shown = "*";
		return (1);
	}
	if (*arg == '\0' || strlen(arg) > MODE_KEY_MAX ||
	    strpbrk(arg, " ,:") != NULL) {
		send_numeric(ctx->client, ERR_INVALIDKEY, ch->name);
		return (0);
	}
	free(ch->key);
	ch->key = xstrdup(arg);
	*shown = ch->key;
	return (1);
}

static int
chanmode_l(struct mode_ctx *ctx, int add, const char *arg, const char **shown)
{
	struct channel	*ch = ctx->channel;
	char		*end;
	long		 n;

	if (!add) {
		if (ch->limit == 0)
			return (0);
		ch->limit = 0;
		return (1);
	}
	n = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || n <= 0 || n > 1000000) {
		send_numeric(ctx->client, ERR_INVALIDMODEPARAM, ch->name, 'l',
		    *arg != '\0' ? arg : "*", "Invalid limit");
		return (0);
	}
	ch->limit = (unsigned int)n;
	*shown = arg;
	return (1);
}

/* The entries of ch's list kind (b, e or I), then its end. */
static void
mode_banlist(struct client *c, struct channel *ch, char kind)
{
	struct ban	*b;
	enum numeric	 entry = RPL_BANLIST, end = RPL_ENDOFBANLIST;

	if (kind == 'e') {
		entry = RPL_EXCEPTLIST;
		end = RPL_ENDOFEXCEPTLIST;
	} else if (kind == 'I') {
		entry = RPL_INVEXLIST;
		end = RPL_ENDOFINVEXLIST;
	}
	LIST_FOREACH(b, &ch->bans, entry) {
		if (b->kind == kind)
			send_numeric(c, entry, ch->name, b->mask, b->who,
			    (long long)b->when);
	}
	send_numeric(c, end, ch->name);
}

static const struct chanmode *
mode_find(char letter)
{
	size_t	lo = 0, hi = sizeof chanmodes / sizeof chanmodes[0], mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (chanmodes[mid].letter == letter)
			return (&chanmodes[mid]);
		if (chanmodes[mid].letter < letter)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (NULL);
}

static void
mode_channel(struct client *c, struct msg *m, struct channel *ch)
{
	struct membership	*mb = channel_member(ch, c);
	const struct chanmode	*cm;
	struct mode_ctx		 ctx;
	const char		*p, *arg, *shown;
	char			 buf[128];
	int			 add = 1, argi = 2, nparams = 0, denied = 0;
	int			 op;
	size_t			 n = 0, an = 0;

	/*
	 * Channel operators change modes, and so do IRC operators anywhere,
	 * so that a room with no operator (the default room has none) can be
	 * given one.
	 */
	op = (mb != NULL && (mb->modes & MEMBER_OP)) ||
	    (c->umodes & UMODE_OPER);

	if (m->nparams < 2) {
		channel_modes_string(ch, mb != NULL, buf, sizeof buf);
		send_numeric(c, RPL_CHANNELMODEIS, ch->name, buf);
		send_numeric(c, RPL_CREATIONTIME, ch->name,
		    (long long)ch->created);
		return;
	}
	memset(&ctx, 0, sizeof ctx);
	ctx.client = c;
	ctx.channel = ch;
	for (p = m->params[1]; *p != '\0'; p++) {
		if (*p == '+' || *p == '-') {
			add = (*p == '+');
			continue;
		}
		if ((cm = mode_find(*p)) == NULL) {
			send_numeric(c, ERR_UNKNOWNMODE, *p);
			continue;
		}
		arg = NULL;
		if (cm->param == PARAM_ALWAYS ||
		    (cm->param == PARAM_WHEN_SET && add)) {
			if (argi >= m->nparams) {
				if (strchr("beI", cm->letter) != NULL)
					mode_banlist(c, ch, cm->letter);
				else if (!(cm->letter == 'k' && !add))
					send_numeric(c, ERR_NEEDMOREPARAMS,
					    "MODE");
				if (!(cm->letter == 'k' && !add))
					continue;
				arg = "*";
			} else
				arg = m->params[argi++];
			if (++nparams > MODE_MAX_PARAMS)
				break;
		}
		if (!op) {
			if (!denied)
				send_numeric(c, mb == NULL ? ERR_NOTONCHANNEL :
				    ERR_CHANOPRIVSNEEDED, ch->name);
			denied = 1;
			continue;
		}
		shown = NULL;
		if (!cm->apply(&ctx, add, arg, &shown))
			continue;
		if (n == 0 || ctx.lastsign != (add ? '+' : '-'))
			ctx.changes[n++] = ctx.lastsign = add ? '+' : '-';
		ctx.changes[n++] = cm->letter;
		ctx.changes[n] = '\0';
		if (shown != NULL)
			an += snprintf(ctx.args + an, sizeof ctx.args - an,
			    " %s", shown);
		if (n >= sizeof ctx.changes - 3 || an >= sizeof ctx.args)
			break;
	}
	if (n != 0)
		event_mode(c, ch, ctx.changes, ctx.args);
}

static void
mode_user(struct client *c, struct msg *m)
{
	const char	*p;
	char		 changes[32], now[8];
	uint8_t		 old = c->umodes, flag;
	int		 add = 1, n = 0, sign = 0;

	if (casemap_cmp(m->params[0], c->nick) != 0) {
		send_numeric(c, user_find(m->params[0]) == NULL ?
		    ERR_NOSUCHNICK : ERR_USERSDONTMATCH, m->params[0]);
		return;
	}
	if (m->nparams < 2) {
		snprintf(now, sizeof now, "+%s%s%s%s",
		    (c->umodes & UMODE_BOT) ? "B" : "",
		    (c->umodes & UMODE_INVISIBLE) ? "i" : "",
		    (c->umodes & UMODE_OPER) ? "o" : "",
		    (c->umodes & UMODE_WALLOPS) ? "w" : "");
		send_numeric(c, RPL_UMODEIS, now);
		return;
	}
	for (p = m->params[1]; *p != '\0' && n < (int)sizeof changes - 3; p++) {
		if (*p == '+' || *p == '-') {
			add = (*p == '+');
			continue;
		}
		if (*p == 'i')
			flag = UMODE_INVISIBLE;
		else if (*p == 'B')
			flag = UMODE_BOT;
		else if (*p == 'w')
			flag = UMODE_WALLOPS;
		else if (*p == 'o' && !add)
			flag = UMODE_OPER;
		else if (*p == 'o')
			continue;
		else {
			send_numeric(c, ERR_UMODEUNKNOWNFLAG);
			continue;
		}
		if (add == !!(c->umodes & flag))
			continue;
		if (add)
			c->umodes |= flag;
		else
			c->umodes &= ~flag;
		if (sign != (add ? '+' : '-'))
			changes[n++] = sign = add ? '+' : '-';
		changes[n++] = *p;
	}
	changes[n] = '\0';
	if ((old ^ c->umodes) & UMODE_INVISIBLE)
		srv.ninvisible += (c->umodes & UMODE_INVISIBLE) ? 1 : -1;
	if ((old ^ c->umodes) & UMODE_OPER)
		srv.nopers--;
	if (n != 0)
		send_raw(c, ":%s MODE %s :%s", client_mask(c), c->nick, changes);
}

void
irc_mode(struct client *c, struct msg *m)
{
	struct channel	*ch;

	if (*m->params[0] != '#') {
		mode_user(c, m);
		return;
	}
	if ((ch = channel_find(m->params[0])) == NULL) {
		send_numeric(c, ERR_NOSUCHCHANNEL, m->params[0]);
		return;
	}
	mode_channel(c, m, ch);
}
