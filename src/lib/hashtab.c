/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Open-addressed hash table for nicks, channels and per-address counts.
 * Deletion shifts later entries back (no tombstones), so lookups stay short
 * however many clients come and go.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "casemap.h"
#include "hashtab.h"
#include "xmalloc.h"

static void	hashtab_grow(struct hashtab *);

void
hashtab_init(struct hashtab *h, hashtab_key_fn key)
{
	memset(h, 0, sizeof *h);
	h->key = key;
}

void
hashtab_free(struct hashtab *h)
{
	free(h->slots);
	h->slots = NULL;
	h->size = h->count = 0;
}

void *
hashtab_find(const struct hashtab *h, const char *name)
{
	size_t	i, mask;

	if (h->size == 0)
		return (NULL);
	mask = h->size - 1;
	for (i = casemap_hash(name) & mask; h->slots[i] != NULL;
	    i = (i + 1) & mask) {
		if (casemap_cmp(h->key(h->slots[i]), name) == 0)
			return (h->slots[i]);
	}
	return (NULL);
}

/* Double the table and refile everything. */
static void
hashtab_grow(struct hashtab *h)
{
	void	**old = h->slots;
	size_t	  oldsize = h->size, i, j, mask;

	h->size = oldsize == 0 ? 16 : oldsize * 2;
	h->slots = xcalloc(h->size, sizeof *h->slots);
	mask = h->size - 1;
	for (i = 0; i < oldsize; i++) {
		if (old[i] == NULL)
			continue;
		j = casemap_hash(h->key(old[i])) & mask;
		while (h->slots[j] != NULL)
			j = (j + 1) & mask;
		h->slots[j] = old[i];
	}
	free(old);
}

void
hashtab_add(struct hashtab *h, void *obj)
{
	size_t	i, mask;

	/* Linear probing stays short up to three quarters full. */
	if ((h->count + 1) * 4 > h->size * 3)
		hashtab_grow(h);
	mask = h->size - 1;
	i = casemap_hash(h->key(obj)) & mask;
	while (h->slots[i] != NULL)
		i = (i + 1) & mask;
	h->slots[i] = obj;
	h->count++;
}

void
hashtab_remove(struct hashtab *h, void *obj)
{
	size_t	i, j, k, mask;

	if (h->size == 0)
		return;
	mask = h->size - 1;
	for (i = casemap_hash(h->key(obj)) & mask; h->slots[i] != obj;
	    i = (i + 1) & mask) {
		if (h->slots[i] == NULL)
			return;
	}
	h->slots[i] = NULL;
	h->count--;

	/* Move back any entry whose probe chain crossed the hole. */
	for (j = (i + 1) & mask; h->slots[j] != NULL; j = (j + 1) & mask) {
		k = casemap_hash(h->key(h->slots[j])) & mask;
		if ((j > i && (k <= i || k > j)) ||
		    (j < i && (k <= i && k > j))) {
			h->slots[i] = h->slots[j];
			h->slots[j] = NULL;
			i = j;
		}
	}
}

void *
hashtab_next(const struct hashtab *h, size_t *i)
{
	while (*i < h->size) {
		if (h->slots[(*i)++] != NULL)
			return (h->slots[*i - 1]);
	}
	return (NULL);
}
