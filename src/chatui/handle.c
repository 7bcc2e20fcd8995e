/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * What the server says: a table of verbs and numerics, sorted and found by
 * bsearch, one handle_<verb> per row (catgirl's handle.c). Anything not in
 * the table, or malformed, is shown as it came in the server window; the
 * client never trusts the server's input to be well formed.
 */

#include "config.h"

#include <sys/time.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "cap.h"
#include "casemap.h"
#include "chatui.h"
#include "i18n.h"
#include "texts.h"

/* The window a labeled answer goes to, while its line is handled. */
static struct window	*handle_reply_to;
static char		 handle_reply_batch[64];
static char		 handle_reply_name[CHANNEL_MAX + NICK_MAX + 2];

/* The capabilities chatui asks for, when the server has them. */
static const char *handle_wanted_caps[] = {
	"server-time", "message-tags", "echo-message", "multi-prefix",
	"away-notify", "extended-join", "batch", "setname", "cap-notify",
	"userhost-in-names", "sasl", "draft/account-registration",
	"draft/chathistory", "draft/read-marker", "draft/message-redaction",
	"soju.im/search", "labeled-response", "draft/multiline",
	"draft/channel-rename"
};

struct handler {
	const char	*verb;
	int		 min_params;
	void		(*fn)(struct msg *, const struct from *);
};

static void	handle_cap(struct msg *, const struct from *);
static void	handle_error(struct msg *, const struct from *);
static void	handle_join(struct msg *, const struct from *);
static void	handle_kick(struct msg *, const struct from *);
static void	handle_mode(struct msg *, const struct from *);
static void	handle_list_reply(struct msg *, const struct from *);
static void	handle_channel_modes(struct msg *, const struct from *);
static void	handle_modes_apply(struct window *, const char *);
static void	handle_nick(struct msg *, const struct from *);
static void	handle_notice(struct msg *, const struct from *);
static void	handle_part(struct msg *, const struct from *);
static void	handle_rename(struct msg *, const struct from *);
static void	handle_ping(struct msg *, const struct from *);
static void	handle_privmsg(struct msg *, const struct from *);
static void	handle_quit(struct msg *, const struct from *);
static void	handle_topic(struct msg *, const struct from *);
static void	handle_welcome(struct msg *, const struct from *);
static void	handle_nick_in_use(struct msg *, const struct from *);
static void	handle_topic_reply(struct msg *, const struct from *);
static void	handle_topic_who(struct msg *, const struct from *);
static void	handle_created(struct msg *, const struct from *);
static void	handle_whois_idle(struct msg *, const struct from *);
static void	handle_names_reply(struct msg *, const struct from *);
static void	handle_names_end(struct msg *, const struct from *);
static void	handle_numeric(struct msg *, const struct from *);
static void	handle_join_error(struct msg *, const struct from *);
static void	handle_own_away(struct msg *, const struct from *);
static void	handle_who_reply(struct msg *, const struct from *);
static void	handle_who_end(struct msg *, const struct from *);
static void	handle_away(struct msg *, const struct from *);
static void	handle_monitor(struct msg *, const struct from *);
static void	handle_pong(struct msg *, const struct from *);
static void	handle_umodes(const char *);
static void	handle_warn(struct msg *, const struct from *);
static void	handle_authenticate(struct msg *, const struct from *);
static void	handle_sasl(struct msg *, const struct from *);
static void	handle_fail(struct msg *, const struct from *);
static void	handle_register(struct msg *, const struct from *);
static struct window *handle_reply_window(void);
static void	handle_batch(struct msg *, const struct from *);
static time_t	handle_time(struct msg *);
static const char *handle_nick_of(const char *, char *, size_t);
static void	handle_msg(struct msg *, const char *);
static void	handle_whole(struct msg *);
static void	handle_isupport(struct msg *, const struct from *);
static void	handle_markread(struct msg *, const struct from *);
static void	handle_tagmsg(struct msg *, const struct from *);
static void	handle_redact(struct msg *, const struct from *);
static const char *handle_msgid(struct msg *, char *, size_t);

/* Sorted by verb (strcmp): tests/unit/check_handle.c asserts it. */
static const struct handler handlers[] = {
	{ "001", 1, handle_welcome },
	{ "005", 2, handle_isupport },
	{ "305", 0, handle_own_away },
	{ "306", 0, handle_own_away },
	{ "315", 2, handle_who_end },
	{ "317", 4, handle_whois_idle },
	{ "322", 3, handle_list_reply },
	{ "324", 3, handle_channel_modes },
	{ "329", 3, handle_created },
	{ "332", 3, handle_topic_reply },
	{ "333", 4, handle_topic_who },
	{ "352", 7, handle_who_reply },
	{ "353", 4, handle_names_reply },
	{ "366", 2, handle_names_end },
	{ "403", 3, handle_join_error },
	{ "405", 3, handle_join_error },
	{ "433", 2, handle_nick_in_use },
	{ "471", 3, handle_join_error },
	{ "473", 3, handle_join_error },
	{ "474", 3, handle_join_error },
	{ "475", 3, handle_join_error },
	{ "476", 3, handle_join_error },
	{ "477", 3, handle_join_error },
	{ "730", 2, handle_monitor },
	{ "731", 2, handle_monitor },
	{ "900", 2, handle_sasl },
	{ "901", 2, handle_sasl },
	{ "902", 2, handle_sasl },
	{ "903", 2, handle_sasl },
	{ "904", 2, handle_sasl },
	{ "905", 2, handle_sasl },
	{ "906", 2, handle_sasl },
	{ "907", 2, handle_sasl },
	{ "908", 2, handle_sasl },
	{ "AUTHENTICATE", 1, handle_authenticate },
	{ "AWAY", 0, handle_away },
	{ "BATCH", 1, handle_batch },
	{ "CAP", 3, handle_cap },
	{ "ERROR", 0, handle_error },
	{ "FAIL", 3, handle_fail },
	{ "JOIN", 1, handle_join },
	{ "KICK", 2, handle_kick },
	{ "MARKREAD", 2, handle_markread },
	{ "MODE", 2, handle_mode },
	{ "NICK", 1, handle_nick },
	{ "NOTICE", 2, handle_notice },
	{ "PART", 1, handle_part },
	{ "PING", 0, handle_ping },
	{ "PONG", 1, handle_pong },
	{ "PRIVMSG", 2, handle_privmsg },
	{ "QUIT", 0, handle_quit },
	{ "REDACT", 2, handle_redact },
	{ "REGISTER", 2, handle_register },
	{ "RENAME", 2, handle_rename },
	{ "TAGMSG", 1, handle_tagmsg },
	{ "TOPIC", 2, handle_topic },
	{ "WARN", 3, handle_warn },
};

static int
handle_cmp(const void *key, const void *row)
{
	return (strcmp(key, ((const struct handler *)row)->verb));
}

/*
 * The first verb of the table out of strcmp order (bsearch would miss
 * it), or NULL: tests/unit/check_handle.c.
 */
const char *
handle_table_unsorted(void)
{
	size_t	i;

	for (i = 1; i < sizeof handlers / sizeof handlers[0]; i++) {
		if (strcmp(handlers[i - 1].verb, handlers[i].verb) >= 0)
			return (handlers[i].verb);
	}
	return (NULL);
}

/* The nick part of a source "nick!user@host", into buf. */
static const char *
handle_nick_of(const char *source, char *buf, size_t size)
{
	size_t	n;

	if (source == NULL) {
		xstrlcpy(buf, "*", size);
		return (buf);
	}
	n = strcspn(source, "!@");
	if (n >= size)
		n = size - 1;
	memcpy(buf, source, n);
	buf[n] = '\0';
	return (buf);
}

/* A message's source split and its time read, once for every handler. */
void
handle_from(struct msg *m, struct from *f)
{
	const char	*bang;

	handle_nick_of(m->source, f->nick, sizeof f->nick);
	f->source = m->source;
	f->userhost = m->source != NULL &&
	    (bang = strchr(m->source, '!')) != NULL ? bang + 1 : NULL;
	f->when = handle_time(m);
}

static int
handle_is_me(const char *nick)
{
	return (casemap_cmp(nick, cu.me) == 0);
}

/* The time a message was sent: its server-time tag, or now. */
static time_t
handle_time(struct msg *m)
{
	struct msg_tag	t;
	struct timeval	tv;
	char		buf[64];

	if (m->tags != NULL && msg_tag_find(m->tags, "time", &t) &&
	    t.value != NULL) {
		msg_tag_unescape(buf, sizeof buf, t.value, t.valuelen);
		if (msg_parse_time(buf, &tv) == 0) {
			cu.line_ms = (int64_t)tv.tv_sec * 1000 +
			    tv.tv_usec / 1000;
			return (tv.tv_sec);
		}
	}
	gettimeofday(&tv, NULL);
	cu.line_ms = (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
	return (tv.tv_sec);
}

/* The msgid tag of a message, into buf, or NULL. */
static const char *
handle_msgid(struct msg *m, char *buf, size_t size)
{
	struct msg_tag	t;

	if (m->tags == NULL || !msg_tag_find(m->tags, "msgid", &t) ||
	    t.value == NULL || t.valuelen == 0)
		return (NULL);
	msg_tag_unescape(buf, size, t.value, t.valuelen);
	return (buf);
}

/* BATCH +id type [params] and BATCH -id: history's are gathered. */
static void
handle_batch(struct msg *m, const struct from *f)
{
	const char	*id = m->params[0];

	if (*id == '+' && m->nparams >= 2)
		history_batch_start(id + 1, m->params[1],
		    m->nparams >= 3 ? m->params[2] : NULL);
	else if (*id == '-')
		history_batch_end(id + 1);
}

/* REDACT target msgid [reason]: the message shown as deleted. */
static void
handle_redact(struct msg *m, const struct from *f)
{
	struct window	*w;

	if (*m->params[0] == '#')
		w = window_find(m->params[0]);
	else
		w = window_find(handle_is_me(f->nick) ? m->params[0] : f->nick);
	if (w != NULL)
		window_redact(w, m->params[1]);
}

/* TAGMSG: +typing, in the window it is about (never one opened for it). */
static void
handle_tagmsg(struct msg *m, const struct from *f)
{
	struct msg_tag	 t;
	struct window	*w;
	char		 state[16];

	if (m->tags == NULL || !msg_tag_find(m->tags, "+typing", &t) ||
	    t.value == NULL || ignore_match(f->source))
		return;
	if (handle_is_me(f->nick))
		return;
	w = window_find(*m->params[0] == '#' ? m->params[0] : f->nick);
	if (w == NULL)
		return;
	msg_tag_unescape(state, sizeof state, t.value, t.valuelen);
	typing_received(w, f->nick, state);
}

/* MARKREAD target timestamp=T: read up to T, maybe in another client. */
static void
handle_markread(struct msg *m, const struct from *f)
{
	readmark_received(m->params[0], m->params[1]);
}

/* 005: what the server supports; CHATHISTORY is the most a page holds. */
static void
handle_isupport(struct msg *m, const struct from *f)
{
	int	i;

	for (i = 1; i < m->nparams - 1; i++) {
		if (strncmp(m->params[i], "CHATHISTORY=", 12) == 0)
			cu.history_max = atoi(m->params[i] + 12);
		if (strncmp(m->params[i], "MONITOR", 7) == 0 &&
		    (m->params[i][7] == '=' || m->params[i][7] == '\0'))
			notify_monitor();
		/* The first of its URLs (a list, \x20 between). */
		if (strncmp(m->params[i], "draft/FILEHOST=", 15) == 0) {
			free(cu.filehost);
			cu.filehost = xstrndup(m->params[i] + 15,
			    strcspn(m->params[i] + 15, " \\"));
		}
	}
	handle_numeric(m, f);
}

void
handle_line(char *line)
{
	struct msg	 m;
	char		*raw;

	raw = xstrdup(line);
	if (msg_parse(&m, line) != 0) {
		free(raw);
		return;
	}
	/* A multiline batch's lines make one message, at its end. */
	if (!multiline_take(&m, handle_whole))
		handle_msg(&m, raw);
	free(raw);
}

/* A multiline message, gathered (multiline.c). */
static void
handle_whole(struct msg *m)
{
	handle_msg(m, NULL);
}

/* One message from the server; raw is its line as it came, or NULL. */
static void
handle_msg(struct msg *mp, const char *raw)
{
	const struct handler	*h;
	struct msg		 m = *mp;
	struct msg_tag		 t;
	struct from		 from;
	char			 id[64], msgid[128];

	handle_from(&m, &from);
	/* A line of a history batch is gathered, not shown now. */
	if (m.tags != NULL && msg_tag_find(m.tags, "batch", &t) &&
	    t.value != NULL) {
		msg_tag_unescape(id, sizeof id, t.value, t.valuelen);
		if (history_in_batch(id)) {
			history_batch_line(&m, &from,
			    handle_msgid(&m, msgid, sizeof msgid));
			return;
		}
	}
	/* An answer to a labeled command goes where it was typed. */
	handle_reply_to = NULL;
	if (m.tags != NULL && msg_tag_find(m.tags, "label", &t) &&
	    t.value != NULL) {
		msg_tag_unescape(id, sizeof id, t.value, t.valuelen);
		handle_reply_to = net_label_window(id);
		if (strcmp(m.verb, "BATCH") == 0 && m.nparams >= 2 &&
		    *m.params[0] == '+' && handle_reply_to != NULL) {
			xstrlcpy(handle_reply_batch, m.params[0] + 1,
			    sizeof handle_reply_batch);
			xstrlcpy(handle_reply_name, handle_reply_to->name,
			    sizeof handle_reply_name);
		}
	} else if (m.tags != NULL && *handle_reply_batch != '\0' &&
	    msg_tag_find(m.tags, "batch", &t) && t.value != NULL) {
		msg_tag_unescape(id, sizeof id, t.value, t.valuelen);
		if (strcmp(id, handle_reply_batch) == 0)
			handle_reply_to = window_find(handle_reply_name);
	}
	if (strcmp(m.verb, "BATCH") == 0 && m.nparams >= 1 &&
	    *m.params[0] == '-' &&
	    strcmp(m.params[0] + 1, handle_reply_batch) == 0)
		*handle_reply_batch = '\0';
	h = bsearch(m.verb, handlers, sizeof handlers / sizeof handlers[0],
	    sizeof handlers[0], handle_cmp);
	if (h != NULL && m.nparams >= h->min_params)
		h->fn(&m, &from);
	else if (m.verb[0] >= '0' && m.verb[0] <= '9' && m.nparams > 0)
		handle_numeric(&m, &from);
	else if (strcmp(m.verb, "ACK") != 0 && raw != NULL)
		window_add(window_server(), LINE_INFO, NULL, raw, 0);
	handle_reply_to = NULL;
}

static void
handle_welcome(struct msg *m, const struct from *f)
{
	struct window	*w;
	char		*chans, *p, *name;

	cu.registered = 1;
	xstrlcpy(cu.me, m->params[0], sizeof cu.me);
	if (cu.lag_ev != NULL)
		event_active(cu.lag_ev, EV_TIMEOUT, 0);
	if (m->source != NULL) {
		free(cu.server_name);
		cu.server_name = xstrdup(m->source);
	}
	handle_numeric(m, f);
	/* The greeting, to show again where the newcomer lands. */
	xstrlcpy(cu.welcome, m->params[m->nparams - 1], sizeof cu.welcome);
	/* Registered: from now on a lost connection starts the back-off anew. */
	cu.backoff = 0;
	/*
	 * Rejoin what we were in when the connection went (not what was
	 * parted or kicked from), then what -j asked for; then what waits in
	 * the queue goes, after the JOINs.
	 */
	TAILQ_FOREACH(w, &cu.windows, entry) {
		if (w->kind == WINDOW_CHANNEL && w->rejoin)
			net_send("JOIN %s", w->name);
	}
	/* Private windows fill what was missed; the server's open too. */
	TAILQ_FOREACH(w, &cu.windows, entry) {
		if (w->kind == WINDOW_QUERY)
			history_open(w);
	}
	history_targets();
	if (cu.autojoin != NULL) {
		chans = p = xstrdup(cu.autojoin);
		while ((name = strsep(&p, ",")) != NULL) {
			if (*name != '\0' && window_find(name) == NULL)
				net_send("JOIN %s", name);
		}
		free(chans);
	}
	net_drain();
}

/*
 * A standard reply WARN. RATE_LIMITED (chatd) gives the milliseconds each
 * line waits: the queue keeps to that pace from now on.
 */
static void
handle_warn(struct msg *m, const struct from *f)
{
	long	ms;

	if (strcmp(m->params[1], "RATE_LIMITED") == 0 && m->nparams > 3 &&
	    (ms = atol(m->params[2])) > 0) {
		pace_set(&cu.pace, ms);
		net_drain();
		return;
	}
	window_addf(window_server(), LINE_INFO, "%s",
	    m->params[m->nparams - 1]);
}

static void
handle_nick_in_use(struct msg *m, const struct from *f)
{
	if (cu.registered) {
		window_addf(cu.current, LINE_INFO, _("Nick %s is in use."),
		    m->params[1]);
		return;
	}
	/* At registration: nick_, nick__, then ask the user. */
	if (++cu.nick_tries <= 2) {
		if (strlen(cu.me) < NICK_MAX)
			strcat(cu.me, "_");
		net_send("NICK %s", cu.me);
		return;
	}
	window_addf(window_server(), LINE_INFO,
	    T_(NICK_IN_USE),
	    m->params[1]);
}

/* What to ask for, gathered over the lines of a multi-line CAP LS. */
static char	handle_cap_req[512];
static size_t	handle_cap_len;

/* A new connection: nothing gathered yet. */
void
handle_cap_reset(void)
{
	*handle_cap_req = '\0';
	handle_cap_len = 0;
}

static void
handle_cap(struct msg *m, const struct from *f)
{
	char		*req = handle_cap_req;
	size_t		 n = handle_cap_len, size = sizeof handle_cap_req;
	const char	*sub = m->params[1], *list = m->params[m->nparams - 1];
	char		*copy, *p, *cap, *eq, *sts = NULL;
	size_t		 i;

	if (strcmp(sub, "LS") == 0) {
		/* A multi-line LS has "*" before the last parameter. */
		copy = p = xstrdup(list);
		while ((cap = strsep(&p, " ")) != NULL) {
			if ((eq = strchr(cap, '=')) != NULL)
				*eq++ = '\0';
			if (strcmp(cap, "sts") == 0 && eq != NULL) {
				free(sts);
				sts = xstrdup(eq);
			}
			if (strcmp(cap, "draft/multiline") == 0)
				multiline_cap(eq);
			if (strcmp(cap, "sasl") == 0) {
				free(cu.sasl_mechs);
				cu.sasl_mechs = xstrdup(eq != NULL ? eq : "");
			}
			for (i = 0; i < sizeof handle_wanted_caps /
			    sizeof handle_wanted_caps[0]; i++) {
				if (strcmp(cap, handle_wanted_caps[i]) == 0 &&
				    n + strlen(cap) + 2 < size)
					n += snprintf(req + n, size - n,
					    "%s%s", n == 0 ? "" : " ", cap);
			}
		}
		free(copy);
		handle_cap_len = n;
#ifdef HAVE_CHATUI_TLS
		/* STS: over plain TCP, go again with TLS before anything else. */
		if (sts != NULL && tls_sts(sts)) {
			free(sts);
			net_upgrade();
			return;
		}
#endif
		free(sts);
		if (m->nparams > 3 && strcmp(m->params[2], "*") == 0)
			return;
		if (n > 0)
			net_send("CAP REQ :%s", req);
		else
			net_send("CAP END");
		handle_cap_reset();
	} else if (strcmp(sub, "ACK") == 0 || strcmp(sub, "NAK") == 0) {
		if (strcmp(sub, "ACK") == 0) {
			copy = p = xstrdup(list);
			while ((cap = strsep(&p, " ")) != NULL) {
				if (*cap == '-')
					cu.caps &= ~cap_from_name(cap + 1,
					    strlen(cap + 1));
				else
					cu.caps |= cap_from_name(cap,
					    strlen(cap));
			}
			free(copy);
		}
		/* A login first, if one is wanted: CAP END waits for it. */
		if (!cu.registered && !sasl_busy() &&
		    !(strcmp(sub, "ACK") == 0 && sasl_start()))
			net_send("CAP END");
	}
}

static void
handle_authenticate(struct msg *m, const struct from *f)
{
	sasl_authenticate(m->params[0]);
}

static void
handle_sasl(struct msg *m, const struct from *f)
{
	sasl_numeric(m->verb, m);
}

static void
handle_register(struct msg *m, const struct from *f)
{
	sasl_register_reply(m);
}

/* A standard reply FAIL command code [context...] :description. */
static void
handle_fail(struct msg *m, const struct from *f)
{
	if (strcmp(m->params[0], "REGISTER") == 0) {
		sasl_register_reply(m);
		return;
	}
	window_add(handle_reply_window(), LINE_INFO, NULL,
	    m->params[m->nparams - 1], f->when);
}

static void
handle_ping(struct msg *m, const struct from *f)
{
	net_send("PONG :%s", m->nparams > 0 ? m->params[0] : "");
}

static void
handle_pong(struct msg *m, const struct from *f)
{
	net_lag_pong(m->params[m->nparams - 1]);
}

static void
handle_error(struct msg *m, const struct from *f)
{
	window_addf(window_server(), LINE_INFO, "%s",
	    m->nparams > 0 ? m->params[0] : "ERROR");
}

static void
handle_join(struct msg *m, const struct from *f)
{
	struct window	*w;
	int		 greet = 0;

	w = window_get(m->params[0], WINDOW_CHANNEL);
	if (handle_is_me(f->nick)) {
		w->joined = 1;
		nicklist_clear(&w->nicks);
		/* Rejoined after a reconnection: the window in front stays. */
		if (!w->rejoin)
			window_show(w);
		/* The greeting once: not again on each reconnection. */
		if (w->rejoin)
			cu.greeted = 1;
		w->rejoin = 0;
		/*
		 * The first channel of a connection gets the server's
		 * greeting, where the newcomer reads: the welcome burst and
		 * the MOTD stay in the server window.
		 */
		if (!cu.greeted && *cu.welcome != '\0')
			greet = cu.greeted = 1;
		if (f->userhost != NULL) {
			free(cu.userhost);
			cu.userhost = xstrdup(f->userhost);
		}
		/* Its modes, for the status line: asked, not shown. */
		w->modes_pending = 1;
		*w->modes = '\0';
		net_send("MODE %s", w->name);
		/* Who is away already (away-notify tells the changes). */
		if (cu.caps & CAP_AWAY_NOTIFY) {
			w->who_pending = 1;
			net_send("WHO %s", w->name);
		}
		history_open(w);
	}
	nicklist_add(&w->nicks, f->nick, 0);
	window_eventf(w, f->nick, T_(JOINED), f->nick,
	    f->source != NULL ? f->source : "", w->name);
	if (greet) {
		window_add(w, LINE_INFO, NULL, cu.welcome, f->when);
		window_addf(w, LINE_INFO, _("(The server's message of the day "
		    "is in window 1: Alt-1.)"));
		if (cu.login_failure != NULL) {
			window_add(w, LINE_INFO, NULL, cu.login_failure, 0);
			free(cu.login_failure);
			cu.login_failure = NULL;
		}
	}
}

static void
handle_part(struct msg *m, const struct from *f)
{
	struct window	*w;

	if ((w = window_find(m->params[0])) == NULL)
		return;
	nicklist_remove(&w->nicks, f->nick);
	window_eventf(w, f->nick, T_(PARTED), f->nick, w->name,
	    m->nparams > 1 ? m->params[1] : "");
	if (handle_is_me(f->nick)) {
		w->joined = 0;
		nicklist_clear(&w->nicks);
	}
}

/*
 * RENAME #old #new [reason] (draft/channel-rename): the window takes the
 * new name and keeps its scrollback, nick list and topic; the log goes on
 * in the new name's file. A window of the new name left from before (one
 * not joined) gives way.
 */
static void
handle_rename(struct msg *m, const struct from *f)
{
	struct window	*w, *o;

	if ((w = window_find(m->params[0])) == NULL)
		return;
	if ((o = window_find(m->params[1])) != NULL && o != w) {
		if (o->joined)
			return;
		window_close(o);
	}
	window_eventf(w, f->nick, T_(RENAMED), f->nick, w->name,
	    m->params[1], m->nparams > 2 ? m->params[2] : "");
	chatlog_close(w);
	free(w->name);
	w->name = xstrdup(m->params[1]);
	model_changed();
}

static void
handle_quit(struct msg *m, const struct from *f)
{
	struct window	*w;

	TAILQ_FOREACH(w, &cu.windows, entry) {
		if (nicklist_find(&w->nicks, f->nick) == NULL &&
		    !(w->kind == WINDOW_QUERY &&
		    casemap_cmp(w->name, f->nick) == 0))
			continue;
		nicklist_remove(&w->nicks, f->nick);
		window_eventf(w, f->nick, T_(QUIT), f->nick,
		    m->nparams > 0 ? m->params[0] : "");
	}
}

static void
handle_nick(struct msg *m, const struct from *f)
{
	struct window	*w;

	if (handle_is_me(f->nick))
		xstrlcpy(cu.me, m->params[0], sizeof cu.me);
	TAILQ_FOREACH(w, &cu.windows, entry) {
		if (nicklist_find(&w->nicks, f->nick) == NULL &&
		    !(w->kind == WINDOW_QUERY &&
		    casemap_cmp(w->name, f->nick) == 0))
			continue;
		nicklist_rename(&w->nicks, f->nick, m->params[0]);
		if (w->kind == WINDOW_QUERY &&
		    casemap_cmp(w->name, f->nick) == 0) {
			free(w->name);
			w->name = xstrdup(m->params[0]);
		}
		window_eventf(w, f->nick, T_(NICK), f->nick,
		    m->params[0]);
	}
}

static void
handle_kick(struct msg *m, const struct from *f)
{
	struct window	*w;

	if ((w = window_find(m->params[0])) == NULL)
		return;
	nicklist_remove(&w->nicks, m->params[1]);
	window_eventf(w, m->params[1], T_(KICKED),
	    m->params[1], w->name, f->nick, m->nparams > 2 ? m->params[2] : "");
	if (handle_is_me(m->params[1])) {
		w->joined = 0;
		nicklist_clear(&w->nicks);
	}
}

static void
handle_topic(struct msg *m, const struct from *f)
{
	struct window	*w;

	if ((w = window_find(m->params[0])) == NULL)
		return;
	free(w->topic);
	w->topic = xstrdup(m->params[1]);
	window_addf(w, LINE_EVENT, T_(TOPIC_CHANGED), f->nick,
	    m->params[1]);
}

static void
handle_topic_reply(struct msg *m, const struct from *f)
{
	struct window	*w = window_get(m->params[1], WINDOW_CHANNEL);

	free(w->topic);
	w->topic = xstrdup(m->params[2]);
	window_addf(w, LINE_EVENT, T_(TOPIC), m->params[2]);
}

/* Where a reply to the user goes: the current window, once there is one. */
static struct window *
handle_reply_window(void)
{
	if (handle_reply_to != NULL)
		return (handle_reply_to);
	return (cu.motd_done && cu.current != NULL ? cu.current :
	    window_server());
}

/* A Unix time as people read it, in local time; "" if it is not one. */
static const char *
handle_date(const char *secs, char *buf, size_t size)
{
	char		*end;
	long long	 v = strtoll(secs, &end, 10);
	time_t		 t = (time_t)v;
	struct tm	 tm;

	*buf = '\0';
	if (*end == '\0' && end != secs && v > 0 &&
	    localtime_r(&t, &tm) != NULL)
		strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
	return (buf);
}

/* 333: who set the topic, and when (never a raw Unix time). */
static void
handle_topic_who(struct msg *m, const struct from *f)
{
	struct window	*w = window_find(m->params[1]);
	char		 nick[NICK_MAX + 1], date[64];

	if (w == NULL)
		return;
	handle_nick_of(m->params[2], nick, sizeof nick);
	window_addf(w, LINE_EVENT, _("Topic set by %s on %s"), nick,
	    handle_date(m->params[3], date, sizeof date));
}

/* 324: a channel's modes; those chatui asked for at join are not shown. */
static void
handle_channel_modes(struct msg *m, const struct from *f)
{
	struct window	*w = window_find(m->params[1]);
	char		 text[512];
	size_t		 n = 0;
	int		 i;

	if (w != NULL) {
		*w->modes = '\0';
		handle_modes_apply(w, m->params[2]);
		model_changed();
		/* Asked at join: its 329 is not shown either. */
		if (w->modes_pending == 1) {
			w->modes_pending = 2;
			return;
		}
		w->modes_pending = 0;
	}
	for (i = 2; i < m->nparams && n < sizeof text; i++)
		n += snprintf(text + n, sizeof text - n, "%s%s",
		    i == 2 ? "" : " ", m->params[i]);
	window_addf(w != NULL ? w : handle_reply_window(), LINE_INFO,
	    _("%s has modes %s"), m->params[1], text);
}

/*
 * A change of a channel's modes, "+nt-k": its flags kept in w->modes, in
 * order (k and l as letters; the modes of members and lists are not).
 */
static void
handle_modes_apply(struct window *w, const char *change)
{
	char		 set[128] = { 0 };
	const char	*p, *order = "imnpstrklCcgzMRSTOPQ";
	size_t		 n = 0;
	int		 add = 1, c;

	for (p = w->modes; *p != '\0'; p++)
		set[(unsigned char)*p & 0x7f] = 1;
	for (p = change; *p != '\0'; p++) {
		if (*p == '+' || *p == '-')
			add = *p == '+';
		else if (strchr("ovhaqbeI", *p) == NULL)
			set[(unsigned char)*p & 0x7f] = add;
	}
	w->modes[n++] = '+';
	for (p = order; *p != '\0' && n < sizeof w->modes - 1; p++) {
		if (set[(unsigned char)*p])
			w->modes[n++] = *p;
		set[(unsigned char)*p] = 0;
	}
	for (c = 'A'; c <= 'z' && n < sizeof w->modes - 1; c++) {
		if (set[c])
			w->modes[n++] = (char)c;
	}
	w->modes[n > 1 ? n : 0] = '\0';
}

/* 329: when the channel was made. */
static void
handle_created(struct msg *m, const struct from *f)
{
	struct window	*w = window_find(m->params[1]);
	char		 date[64];

	/* Asked for at join with the modes: not shown. */
	if (w != NULL && w->modes_pending == 2) {
		w->modes_pending = 0;
		return;
	}
	window_addf(w != NULL ? w : handle_reply_window(), LINE_INFO,
	    _("%s was created on %s"), m->params[1],
	    handle_date(m->params[2], date, sizeof date));
}

/* 317: idle as minutes and seconds, signon as a date. */
static void
handle_whois_idle(struct msg *m, const struct from *f)
{
	char		 date[64], idle[64];
	long long	 secs = strtoll(m->params[2], NULL, 10);

	if (secs >= 3600)
		snprintf(idle, sizeof idle, _("%lld h %lld min"), secs / 3600,
		    secs % 3600 / 60);
	else if (secs >= 60)
		snprintf(idle, sizeof idle, _("%lld min %lld s"), secs / 60,
		    secs % 60);
	else
		snprintf(idle, sizeof idle, _("%lld s"), secs);
	if (m->nparams > 4)
		window_addf(handle_reply_window(), LINE_INFO,
		    _("%s has been idle %s, online since %s"), m->params[1],
		    idle, handle_date(m->params[3], date, sizeof date));
	else
		window_addf(handle_reply_window(), LINE_INFO,
		    _("%s has been idle %s"), m->params[1], idle);
}

/* Mode changes of members keep the nick list right. */
static void
handle_mode(struct msg *m, const struct from *f)
{
	struct window	*w;
	struct member	*mb;
	const char	*p;
	char		 text[512];
	int		 add = 1, arg = 2, i;
	size_t		 n;

	n = snprintf(text, sizeof text, "%s", m->params[1]);
	for (i = 2; i < m->nparams && n < sizeof text; i++)
		n += snprintf(text + n, sizeof text - n, " %s", m->params[i]);
	if ((w = window_find(m->params[0])) == NULL) {
		if (handle_is_me(m->params[0]))
			handle_umodes(m->params[1]);
		window_addf(window_server(), LINE_EVENT, T_(MODE),
		    m->params[0], text, f->nick);
		return;
	}
	for (p = m->params[1]; *p != '\0'; p++) {
		if (*p == '+' || *p == '-') {
			add = (*p == '+');
			continue;
		}
		if (strchr("ovbklI", *p) != NULL && !(*p == 'l' && !add) &&
		    arg >= m->nparams)
			break;
		if ((*p == 'o' || *p == 'v') &&
		    (mb = nicklist_find(&w->nicks, m->params[arg])) != NULL) {
			uint8_t flag = *p == 'o' ? MEMBER_OP : MEMBER_VOICE;
			char	who[NICK_MAX + 1];

			/* The member may move in the list: copy its nick. */
			xstrlcpy(who, mb->nick, sizeof who);
			nicklist_add(&w->nicks, who, add ? mb->modes | flag :
			    mb->modes & ~flag);
		}
		if (strchr("ovbkI", *p) != NULL || (*p == 'l' && add))
			arg++;
	}
	handle_modes_apply(w, m->params[1]);
	window_addf(w, LINE_EVENT, T_(MODE), w->name, text,
	    f->nick);
}

/* Apply "+iw-o" to our own user modes, kept sorted as "+iow". */
static void
handle_umodes(const char *change)
{
	char	set[128] = { 0 }, out[sizeof cu.umodes];
	int	add = 1, c;
	size_t	n = 0;
	const char *p;

	for (p = cu.umodes; *p != '\0'; p++)
		if (*p != '+')
			set[(unsigned char)*p & 0x7f] = 1;
	for (p = change; *p != '\0'; p++) {
		if (*p == '+' || *p == '-')
			add = (*p == '+');
		else
			set[(unsigned char)*p & 0x7f] = add;
	}
	out[n++] = '+';
	for (c = 'A'; c <= 'z' && n < sizeof out - 1; c++)
		if (set[c])
			out[n++] = (char)c;
	out[n] = '\0';
	xstrlcpy(cu.umodes, n > 1 ? out : "", sizeof cu.umodes);
	model_changed();
}

static void
handle_names_reply(struct msg *m, const struct from *f)
{
	struct window	*w = window_find(m->params[2]);
	char		*copy, *p, *name;
	uint8_t		 modes;

	if (w == NULL)
		return;
	copy = p = xstrdup(m->params[3]);
	while ((name = strsep(&p, " ")) != NULL) {
		modes = 0;
		for (; *name == '@' || *name == '+'; name++)
			modes |= *name == '@' ? MEMBER_OP : MEMBER_VOICE;
		name[strcspn(name, "!")] = '\0';
		if (*name != '\0')
			nicklist_add(&w->nicks, name, modes);
	}
	free(copy);
}

static void
handle_names_end(struct msg *m, const struct from *f)
{
	struct window	*w = window_find(m->params[1]);

	if (w != NULL)
		window_addf(w, LINE_EVENT, ngettext("%d person here",
		    "%d people here", w->nicks.n), w->nicks.n);
}

static void
handle_privmsg(struct msg *m, const struct from *f)
{
	struct window	*w;
	const char	*target = m->params[0], *text = m->params[1];
	const char	*msgid, *peer;
	char		 *body, id[128], st = '\0';
	size_t		 len;
	int		 opened = 0, action;

	if (ignore_match(f->source))
		return;
	/* CTCP (but ACTION) is told where the user is: no window opens. */
	if (text[0] == '\001' && strncmp(text, "\001ACTION ", 8) != 0) {
		/* Our own, echoed back (echo-message), was told as sent. */
		if (handle_is_me(f->nick) || ctcp_query(f->nick, text))
			return;
	}
	msgid = handle_msgid(m, id, sizeof id);
	/* STATUSMSG (@#chan, +#chan): in the channel, marked as such. */
	if ((*target == '@' || *target == '+') && target[1] == '#')
		st = *target++;
	if (*target == '#')
		w = window_get(target, WINDOW_CHANNEL);
	else {
		peer = handle_is_me(f->nick) ? target : f->nick;
		opened = window_find(peer) == NULL;
		w = window_get(peer, WINDOW_QUERY);
	}
	action = strncmp(text, "\001ACTION ", 8) == 0;
	if (action)
		text += 8;
	body = NULL;
	if (st != '\0')
		xasprintf(&body, "[%c] %s", st, text);
	else if (action)
		body = xstrdup(text);
	if (action && (len = strlen(body)) > 0 && body[len - 1] == '\001')
		body[len - 1] = '\0';
	window_add_msgid(w, action ? LINE_ACTION : LINE_MESSAGE, f->nick,
	    body != NULL ? body : text, f->when, msgid);
	free(body);
	typing_spoke(w, f->nick);
	if (msgid != NULL && handle_is_me(f->nick))
		window_own(w, msgid);
	/* A conversation that opens here: what was said before in it. */
	if (opened)
		history_open(w);
}

static void
handle_notice(struct msg *m, const struct from *f)
{
	struct window	*w;
	const char	*target = m->params[0];
	char		 id[128], *body = NULL;

	if (ignore_match(f->source))
		return;
	if (m->params[1][0] == '\001' && (handle_is_me(f->nick) ||
	    ctcp_reply(f->nick, m->params[1])))
		return;
	/* STATUSMSG: in the channel's window, marked. */
	if ((*target == '@' || *target == '+') && target[1] == '#') {
		xasprintf(&body, "[%c] %s", *target, m->params[1]);
		target++;
	}
	if (*target == '#' && (w = window_find(target)) != NULL)
		;
	else if (!cu.registered || strchr(f->nick, '.') != NULL)
		w = window_server();
	else
		w = cu.current;
	window_add_msgid(w, LINE_NOTICE, f->nick, body != NULL ? body :
	    m->params[1], f->when, handle_msgid(m, id, sizeof id));
	free(body);
}

/* A member's away state in a channel window. */
static void
handle_set_away(struct window *w, const char *nick, int away)
{
	struct member	*mb;
	char		 who[NICK_MAX + 1];

	if ((mb = nicklist_find(&w->nicks, nick)) == NULL ||
	    !(mb->modes & MEMBER_AWAY) == !away)
		return;
	xstrlcpy(who, mb->nick, sizeof who);
	nicklist_add(&w->nicks, who, away ? mb->modes | MEMBER_AWAY :
	    mb->modes & ~MEMBER_AWAY);
}

/* away-notify: AWAY :text is away, AWAY alone back; in every channel. */
static void
handle_away(struct msg *m, const struct from *f)
{
	struct window	*w;

	TAILQ_FOREACH(w, &cu.windows, entry) {
		if (w->kind == WINDOW_CHANNEL)
			handle_set_away(w, f->nick, m->nparams > 0);
	}
	/* In a private window with them, said as it happens. */
	if ((w = window_find(f->nick)) != NULL && w->kind == WINDOW_QUERY) {
		if (m->nparams > 0)
			window_eventf(w, f->nick, _("%s is away: %s"), f->nick,
			    m->params[0]);
		else
			window_eventf(w, f->nick, _("%s is back."), f->nick);
	}
}

/* 730 and 731: someone of the notify list came or went (MONITOR). */
static void
handle_monitor(struct msg *m, const struct from *f)
{
	notify_numeric(m);
}

/* 305 and 306: our own away state, for the status line. */
static void
handle_own_away(struct msg *m, const struct from *f)
{
	cu.away = strcmp(m->verb, "306") == 0;
	model_changed();
	handle_numeric(m, f);
}

/* 352, a WHO line: H here, G gone; shown unless it is our join's WHO. */
static void
handle_who_reply(struct msg *m, const struct from *f)
{
	struct window	*w = window_find(m->params[1]);

	struct window	*to = handle_reply_window();
	const char	*real = m->nparams > 7 ? m->params[7] : "";
	char		 mask[USER_MAX + HOST_MAX + 2], state[16];

	if (w != NULL && w->kind == WINDOW_CHANNEL) {
		handle_set_away(w, m->params[5], strchr(m->params[6], 'G') !=
		    NULL);
		if (w->who_pending)
			return;
	}
	/*
	 * A row of a table: nick, user@host, here or away and op, real
	 * name (after the hop count); the channel first unless it is this
	 * window's.
	 */
	snprintf(mask, sizeof mask, "%s@%s", m->params[2], m->params[3]);
	snprintf(state, sizeof state, "%s%s", strchr(m->params[6], 'G') !=
	    NULL ? _("away") : _("here"), strchr(m->params[6], '@') != NULL ?
	    " @" : strchr(m->params[6], '+') != NULL ? " +" : "");
	real += strspn(real, "0123456789");
	real += strspn(real, " ");
	if (strcmp(m->params[1], "*") == 0 || strcmp(m->params[1],
	    to->name) == 0)
		window_addf(to, LINE_INFO, "%-12s %-22s %-6s %s",
		    m->params[5], mask, state, real);
	else
		window_addf(to, LINE_INFO, "%-10s %-12s %-22s %-6s %s",
		    m->params[1], m->params[5], mask, state, real);
}

/* 322, a row of LIST: the channel, how many are in it, its topic. */
static void
handle_list_reply(struct msg *m, const struct from *f)
{
	window_addf(handle_reply_window(), LINE_INFO, "%-20s %6s  %s",
	    m->params[1], m->params[2], m->nparams > 3 ? m->params[3] : "");
}

/* 315, the end of a WHO. */
static void
handle_who_end(struct msg *m, const struct from *f)
{
	struct window	*w = window_find(m->params[1]);

	if (w != NULL && w->who_pending) {
		w->who_pending = 0;
		return;
	}
	handle_numeric(m, f);
}

/* Refused at JOIN (no such channel, full, invite only, banned, key ...). */
static void
handle_join_error(struct msg *m, const struct from *f)
{
	window_addf(handle_reply_window(), LINE_INFO, T_(CANNOT_JOIN),
	    m->params[1], m->params[m->nparams - 1]);
}

/* Any other numeric: its text, in the current or server window. */
static void
handle_numeric(struct msg *m, const struct from *f)
{
	char	text[1024];
	size_t	n = 0;
	int	i;

	*text = '\0';
	/* HELP's lines are its text alone; its end says nothing. */
	if (strcmp(m->verb, "706") == 0)
		return;
	/*
	 * LUSERS' 265 and 266 have their numbers in the words too, and
	 * HELP's 704 and 705 name the subject before each line.
	 */
	i = strcmp(m->verb, "265") == 0 || strcmp(m->verb, "266") == 0 ||
	    strcmp(m->verb, "704") == 0 || strcmp(m->verb, "705") == 0 ?
	    m->nparams - 1 : 1;
	for (; i < m->nparams && n < sizeof text; i++)
		n += snprintf(text + n, sizeof text - n, "%s%s",
		    n == 0 ? "" : " ", m->params[i]);
	/* The welcome burst goes to the server window, replies to the user. */
	window_add(handle_reply_window(), LINE_INFO, NULL, text, f->when);
	if (strcmp(m->verb, "376") == 0 || strcmp(m->verb, "422") == 0)
		cu.motd_done = 1;
}
