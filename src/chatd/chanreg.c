/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Registered channels: an operator of a channel who is logged in to an
 * account registers it with MODE #chan +r, and the account becomes its
 * founder. A registered channel outlives its last member and a restart
 * (the db, store.c): its topic, modes, key, limit and bans, and its
 * history, which is written to the db as the server's rooms' is. Its
 * founder is given operator status on joining; the first to come in is
 * not, unless it is the founder. MODE #chan -r, by the founder or an IRC
 * operator, drops the registration. The server's own rooms (autojoin)
 * are its operators' and cannot be registered.
 *
 * A sink of event.c: every change of a registered channel's topic or
 * modes saves it.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "casemap.h"
#include "chatd.h"
#include "store.h"

static void	chanreg_record(const struct change *);

static const struct sink chanreg_sink = { "chanreg", chanreg_record };

/* Start, after store_start() loaded the registered channels: the sink. */
void
chanreg_init(void)
{
	if (store_enabled())
		event_sink_add(&chanreg_sink);
}

/* Whether chan's history and state are kept (in the db, over restarts). */
int
chanreg_kept(const char *name)
{
	struct channel	*ch;

	if (config_is_autojoin(srv.conf, name))
		return (1);
	return ((ch = channel_find(name)) != NULL &&
	    (ch->modes & CMODE_REGISTERED));
}

/* Whether c is logged in to the founder's account of chan. */
int
chanreg_is_founder(struct channel *ch, struct client *c)
{
	return (ch->founder != NULL && c->account != NULL &&
	    casemap_cmp(ch->founder, c->account->name) == 0);
}

/*
 * The modes c joins chan with: whoever makes a channel runs it, but the
 * server's rooms are everyone's, and a registered channel its founder's.
 */
uint8_t
chanreg_join_modes(struct channel *ch, struct client *c, int created)
{
	if (ch->modes & CMODE_REGISTERED)
		return (chanreg_is_founder(ch, c) ? MEMBER_OP : 0);
	if (created && !config_is_autojoin(srv.conf, ch->name))
		return (MEMBER_OP);
	return (0);
}

/*
 * MODE +r or -r by c, who may change chan's modes: 1 if it may be done
 * (and the founder is set or cleared), 0 if c was told why not.
 */
int
chanreg_mode(struct channel *ch, struct client *c, int add)
{
	if (add) {
		if (!store_enabled()) {
			send_raw(c, ":%s FAIL MODE CANNOT_REGISTER %s :This "
			    "server keeps no channels (it has no db)",
			    srv.conf->name, ch->name);
			return (0);
		}
		if (config_is_autojoin(srv.conf, ch->name)) {
			send_raw(c, ":%s FAIL MODE CANNOT_REGISTER %s :This "
			    "room is the server's own", srv.conf->name,
			    ch->name);
			return (0);
		}
		if (c->account == NULL) {
			send_raw(c, ":%s FAIL MODE ACCOUNT_REQUIRED %s :Log in "
			    "to an account to register a channel",
			    srv.conf->name, ch->name);
			return (0);
		}
		free(ch->founder);
		ch->founder = xstrdup(c->account->name);
		log_info("event=channel-register channel=%s account=%s",
		    ch->name, ch->founder);
		return (1);
	}
	if (!chanreg_is_founder(ch, c) && !(c->umodes & UMODE_OPER)) {
		send_raw(c, ":%s FAIL MODE NOT_FOUNDER %s :Only its founder "
		    "may drop a channel's registration", srv.conf->name,
		    ch->name);
		return (0);
	}
	log_info("event=channel-drop channel=%s account=%s", ch->name,
	    ch->founder != NULL ? ch->founder : "-");
	free(ch->founder);
	ch->founder = NULL;
	store_channel_drop(ch->name);
	return (1);
}

/* The sink: a registered channel's topic or modes changed; it is saved. */
static void
chanreg_record(const struct change *chg)
{
	struct channel	*ch;

	if ((chg->kind != CHANGE_TOPIC && chg->kind != CHANGE_MODE) ||
	    chg->target == NULL || (ch = channel_find(chg->target)) == NULL ||
	    !(ch->modes & CMODE_REGISTERED))
		return;
	store_channel_save(ch);
}
