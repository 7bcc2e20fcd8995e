/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * A window's scrollback: a ring of lines in time order, which grows by
 * doubling up to the scrollback the user asked for and then lets the
 * oldest line go for each new one. Pure: it knows nothing of the screen
 * (tests/unit/check_layout.c tries it). It counts what happens to it, so
 * the screen can tell lines only added at the end (the pane scrolled and
 * the new rows drawn) from any other change (all drawn again).
 */

#include "config.h"

#include <stdlib.h>

#include "chatui.h"

/* Room for one more line at the end, for a buffer of at most max lines. */
static void
buffer_make_room(struct buffer *b, int max)
{
	struct line	**ring;
	int		  size, i;

	if (b->n == max) {
		free(b->ring[b->first]);
		b->first = (b->first + 1) % b->size;
		b->n--;
		return;
	}
	if (b->n < b->size)
		return;
	size = b->size == 0 ? 64 : b->size * 2;
	if (size > max)
		size = max;
	ring = xreallocarray(NULL, size, sizeof *ring);
	for (i = 0; i < b->n; i++)
		ring[i] = buffer_line(b, i);
	free(b->ring);
	b->ring = ring;
	b->size = size;
	b->first = 0;
}

/* Add l as the newest line; the oldest goes when b holds max already. */
void
buffer_append(struct buffer *b, struct line *l, int max)
{
	buffer_make_room(b, max);
	b->ring[(b->first + b->n++) % b->size] = l;
	b->appended++;
}

/*
 * Put l at index pos (0 to n), moving the shorter side by one slot. A full
 * buffer lets its oldest line go first: then l lands at pos - 1, and pos 0
 * cannot be taken (-1, l not taken). Returns l's index.
 */
int
buffer_insert(struct buffer *b, int pos, struct line *l, int max)
{
	int	i;

	if (b->n == max) {
		if (pos == 0)
			return (-1);
		pos--;
	}
	buffer_make_room(b, max);
	if (pos < b->n / 2) {
		b->first = (b->first + b->size - 1) % b->size;
		for (i = 0; i < pos; i++)
			b->ring[(b->first + i) % b->size] =
			    b->ring[(b->first + i + 1) % b->size];
	} else {
		for (i = b->n; i > pos; i--)
			b->ring[(b->first + i) % b->size] =
			    b->ring[(b->first + i - 1) % b->size];
	}
	b->ring[(b->first + pos) % b->size] = l;
	b->n++;
	b->edits++;
	return (pos);
}

/* Line i becomes l; the old one is freed. */
void
buffer_replace(struct buffer *b, int i, struct line *l)
{
	struct line	**slot = &b->ring[(b->first + i) % b->size];

	free(*slot);
	*slot = l;
	b->edits++;
}

/* The first line at or after time when (lines are in time order). */
int
buffer_time_index(const struct buffer *b, uint32_t when)
{
	int	lo = 0, hi = b->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (buffer_line(b, mid)->when < when)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

/* Every line freed; the ring too, so an emptied window is small again. */
void
buffer_clear(struct buffer *b)
{
	int	i;

	for (i = 0; i < b->n; i++)
		free(buffer_line(b, i));
	free(b->ring);
	b->ring = NULL;
	b->size = b->first = b->n = 0;
	b->edits++;
}
