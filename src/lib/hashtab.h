/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * A hash table of objects keyed by a name under the casemapping: open
 * addressing with linear probing, eight bytes a slot, no allocation per
 * entry. The table does not own its objects.
 */

#ifndef CHAT_HASHTAB_H
#define CHAT_HASHTAB_H

#include <stddef.h>

/* Returns the name an object is filed under. */
typedef const char *(*hashtab_key_fn)(const void *);

struct hashtab {
	void		**slots;
	size_t		  size;		/* a power of two, or 0 */
	size_t		  count;
	hashtab_key_fn	  key;
};

void	 hashtab_init(struct hashtab *, hashtab_key_fn);
/* Free the slots, not the objects. */
void	 hashtab_free(struct hashtab *);
/* The object filed under name, or NULL. */
void	*hashtab_find(const struct hashtab *, const char *);
/* File obj under its name, which must not be present yet. */
void	 hashtab_add(struct hashtab *, void *);
/* Remove obj, found by its current name; no-op if absent. */
void	 hashtab_remove(struct hashtab *, void *);
/* Walk: start *i at 0; returns the next object or NULL at the end. */
void	*hashtab_next(const struct hashtab *, size_t *);

#endif
