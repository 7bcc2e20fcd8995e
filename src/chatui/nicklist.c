/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * A channel's members as the nick list shows them: ops, then voiced, then
 * the rest, each alphabetical in the server's casemapping. A member goes
 * straight to its place (a binary search and one move), so a join costs
 * no sort of the whole list. Every change bumps gen, which is how the
 * screen knows the list must be drawn again. Pure: tested in
 * tests/unit/check_layout.c and under the fuzz target of handle.c.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "casemap.h"
#include "chatui.h"

/* 0 for ops, 1 for voiced, 2 for the rest. */
static int
nicklist_rank(const struct member *m)
{
	if (m->modes & MEMBER_OP)
		return (0);
	return ((m->modes & MEMBER_VOICE) ? 1 : 2);
}

/* Ops first, then voiced, then the rest; alphabetical within each. */
int
nicklist_cmp(const struct member *a, const struct member *b)
{
	int	ra = nicklist_rank(a), rb = nicklist_rank(b);

	if (ra != rb)
		return (ra - rb);
	return (casemap_cmp(a->nick, b->nick));
}

/* The first member not before one with nick and modes (binary search). */
static int
nicklist_lower(const struct nicklist *nl, const char *nick, uint8_t modes)
{
	struct member	key;
	int		lo = 0, hi = nl->n, mid;

	xstrlcpy(key.nick, nick, sizeof key.nick);
	key.modes = modes;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (nicklist_cmp(&nl->members[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

/* Where nick is, whatever its modes (one search a rank), or -1. */
static int
nicklist_index(const struct nicklist *nl, const char *nick)
{
	static const uint8_t	ranks[] = { MEMBER_OP, MEMBER_VOICE, 0 };
	size_t			r;
	int			i;

	for (r = 0; r < sizeof ranks; r++) {
		i = nicklist_lower(nl, nick, ranks[r]);
		if (i < nl->n && casemap_cmp(nl->members[i].nick, nick) == 0)
			return (i);
	}
	return (-1);
}

struct member *
nicklist_find(struct nicklist *nl, const char *nick)
{
	int	i = nicklist_index(nl, nick);

	return (i == -1 ? NULL : &nl->members[i]);
}

static void
nicklist_delete(struct nicklist *nl, int i)
{
	memmove(&nl->members[i], &nl->members[i + 1],
	    (nl->n - i - 1) * sizeof *nl->members);
	nl->n--;
	nl->gen++;
}

/* Add a member, or give one its new modes, at its place in the order. */
void
nicklist_add(struct nicklist *nl, const char *nick, uint8_t modes)
{
	int	i;

	if ((i = nicklist_index(nl, nick)) != -1) {
		/* Its place for the new modes is where it is (same rank). */
		if (nicklist_lower(nl, nick, modes) == i) {
			nl->members[i].modes = modes;
			nl->gen++;
			return;
		}
		nicklist_delete(nl, i);
	}
	if (nl->n == nl->size) {
		nl->size = nl->size == 0 ? 16 : nl->size * 2;
		nl->members = xreallocarray(nl->members, nl->size,
		    sizeof *nl->members);
	}
	i = nicklist_lower(nl, nick, modes);
	memmove(&nl->members[i + 1], &nl->members[i],
	    (nl->n - i) * sizeof *nl->members);
	xstrlcpy(nl->members[i].nick, nick, sizeof nl->members[i].nick);
	nl->members[i].modes = modes;
	nl->n++;
	nl->gen++;
}

void
nicklist_remove(struct nicklist *nl, const char *nick)
{
	int	i;

	if ((i = nicklist_index(nl, nick)) != -1)
		nicklist_delete(nl, i);
}

void
nicklist_rename(struct nicklist *nl, const char *old, const char *new)
{
	int	i;
	uint8_t	modes;

	if ((i = nicklist_index(nl, old)) == -1)
		return;
	modes = nl->members[i].modes;
	nicklist_delete(nl, i);
	nicklist_add(nl, new, modes);
}

void
nicklist_clear(struct nicklist *nl)
{
	free(nl->members);
	nl->members = NULL;
	nl->n = nl->size = 0;
	nl->gen++;
}
