/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The nick registry (a hash table by casefolded nick), WHOWAS history (a
 * ring of departed nicks) and the count of connections per address.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "chatd.h"

/* Connections from one address. */
struct addr_count {
	char	addr[HOST_MAX];
	int	n;
};

static const char	*user_nick_key(const void *);
static const char	*user_addr_key(const void *);
static void		 user_whowas_clear(struct whowas *);

static const char *
user_nick_key(const void *obj)
{
	return (((const struct client *)obj)->nick);
}

static const char *
user_addr_key(const void *obj)
{
	return (((const struct addr_count *)obj)->addr);
}

void
user_init(void)
{
	hashtab_init(&srv.nicks, user_nick_key);
	hashtab_init(&srv.addrs, user_addr_key);
}

struct client *
user_find(const char *nick)
{
	return (hashtab_find(&srv.nicks, nick));
}

void
user_remove(struct client *c)
{
	if (*c->nick != '\0' && hashtab_find(&srv.nicks, c->nick) == c)
		hashtab_remove(&srv.nicks, c);
}

/* Change c's nick, keeping the table in step. */
void
user_rename(struct client *c, const char *nick)
{
	user_remove(c);
	xstrlcpy(c->nick, nick, sizeof c->nick);
	hashtab_add(&srv.nicks, c);
}

static void
user_whowas_clear(struct whowas *w)
{
	free(w->user);
	free(w->host);
	free(w->realname);
	memset(w, 0, sizeof *w);
}

/* Remember c's current nick for WHOWAS, overwriting the oldest. */
void
user_whowas_add(struct client *c)
{
	struct whowas	*w;

	if (srv.whowas_size == 0 || c->user == NULL)
		return;
	w = &srv.whowas[srv.whowas_next];
	user_whowas_clear(w);
	xstrlcpy(w->nick, c->nick, sizeof w->nick);
	w->user = xstrdup(c->user);
	w->host = xstrdup(c->host);
	w->realname = xstrdup(c->realname != NULL ? c->realname : "");
	w->when = time(NULL);
	srv.whowas_next = (srv.whowas_next + 1) % srv.whowas_size;
}

/* Set the history length; a change forgets what was remembered. */
void
user_whowas_resize(int size)
{
	if (size == srv.whowas_size)
		return;
	user_whowas_free();
	srv.whowas_size = size;
	srv.whowas = size > 0 ? xcalloc(size, sizeof *srv.whowas) : NULL;
	srv.whowas_next = 0;
}

void
user_whowas_free(void)
{
	int	i;

	for (i = 0; i < srv.whowas_size; i++)
		user_whowas_clear(&srv.whowas[i]);
	free(srv.whowas);
	srv.whowas = NULL;
	srv.whowas_size = 0;
}

int
user_addr_count(const char *addr)
{
	struct addr_count	*a = hashtab_find(&srv.addrs, addr);

	return (a != NULL ? a->n : 0);
}

void
user_addr_add(const char *addr)
{
	struct addr_count	*a;

	if ((a = hashtab_find(&srv.addrs, addr)) == NULL) {
		a = xcalloc(1, sizeof *a);
		xstrlcpy(a->addr, addr, sizeof a->addr);
		hashtab_add(&srv.addrs, a);
	}
	a->n++;
}

void
user_addr_remove(const char *addr)
{
	struct addr_count	*a;

	if ((a = hashtab_find(&srv.addrs, addr)) == NULL)
		return;
	if (--a->n == 0) {
		hashtab_remove(&srv.addrs, a);
		free(a);
	}
}
