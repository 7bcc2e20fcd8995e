/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The output of one loop turn. Bytes live in arenas that are emptied when
 * the turn's output has been written (conn_flush_all()); a client holds
 * only a list of pieces pointing into them. A line for many recipients
 * (struct outmsg) is put in the shared arena once and every recipient gets
 * a piece of it; consecutive lines lie next to each other there, so one
 * member of a busy channel gets one piece for a whole turn of messages and
 * the kernel copies the same hot bytes for every member. Nothing is
 * allocated per delivery and nothing is copied per recipient. Only what a
 * full socket does not take is copied, into the client's own evbuffer,
 * which exists only while it has a backlog.
 *
 * With a db, a turn that made lines to keep is held: each member's pieces
 * wait in its hold, marked with the store's transaction that keeps those
 * lines, and go out only once that transaction is in the WAL
 * (output_release()), so no one is ever shown a line a crash could lose.
 * A client's later output waits behind what it holds. Held pieces are not
 * copied: they and the bytes they point to stay in the turn's arena
 * blocks, which are set aside at the end of the turn (a struct output_gen,
 * counting the held pieces that point into it) and serve later turns once
 * the last of those pieces is written. A released piece is written at the
 * end of the turn that released it, with that turn's own output, by the
 * same path (conn_flush_all()): nothing is allocated for a member of a
 * room whose messages wait for the db, and one write each takes them out.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "chatd.h"
#include "conn.h"

/* Bytes in one arena block; a longer line gets a block of its own. */
#define OUTPUT_BLOCK	65536
/* Blocks of each arena kept for the next turns (the rest are freed). */
#define OUTPUT_KEEP	32

struct output_block {
	struct output_block	*next;
	size_t			 size;
	size_t			 used;
	char			 data[];
};

struct output_arena {
	struct output_block	*used;		/* newest first */
	struct output_block	*spare;
	unsigned int		 nspare;
};

/*
 * Three arenas: lines shared by many, bytes copied for one client, and the
 * pieces. Kept apart so that shared lines follow each other unbroken.
 */
static struct output_arena	output_shared_arena;
static struct output_arena	output_copy_arena;
static struct output_arena	output_piece_arena;

/* The clients that hold output (struct output_hold, chatd.h). */
TAILQ_HEAD(output_holds, output_hold);

static struct output_holds	output_held = TAILQ_HEAD_INITIALIZER(output_held);
/* Holds no client has: a member of a busy room takes one a commit. */
static struct output_hold	*output_spare_holds;

/*
 * The arena blocks of a turn whose output was held: what held pieces
 * still point into (refs counts them). Set aside by output_reset()
 * (closed); given back to the arenas with the last piece.
 */
struct output_gen {
	struct output_block	*blocks;
	unsigned int		 refs;
	int			 closed;
};
static struct output_gen	*output_gen_now;	/* this turn's */

static void	 output_gen_unref(struct output_gen *);
static void	 output_gen_free(struct output_gen *);
static void	 output_hold_put(struct client *);
static void	 output_prepend(struct client *, struct output_piece *,
		    struct output_piece *, size_t);
static void	 output_pieces_drop(struct output_piece *,
		    struct output_piece *);
static void	 output_gen_close(struct output_arena *, struct output_gen *);

static void	*output_alloc(struct output_arena *, size_t);
static void	 output_arena_reset(struct output_arena *, int);

/* len bytes from an arena, valid until output_reset(). */
static void *
output_alloc(struct output_arena *a, size_t len)
{
	struct output_block	*b = a->used;
	void			*p;

	/*
	 * No rounding: shared lines must follow each other byte for byte.
	 * Pieces stay aligned, as their arena holds nothing else and the
	 * block header is a multiple of 8.
	 */
	if (b == NULL || b->size - b->used < len) {
		if (len <= OUTPUT_BLOCK && a->spare != NULL) {
			b = a->spare;
			a->spare = b->next;
			a->nspare--;
		} else {
			b = xmalloc(sizeof *b + (len > OUTPUT_BLOCK ? len :
			    OUTPUT_BLOCK));
			b->size = len > OUTPUT_BLOCK ? len : OUTPUT_BLOCK;
		}
		b->used = 0;
		b->next = a->used;
		a->used = b;
	}
	p = b->data + b->used;
	b->used += len;
	return (p);
}

/* Empty an arena, keeping up to OUTPUT_KEEP blocks unless all is set. */
static void
output_arena_reset(struct output_arena *a, int all)
{
	struct output_block	*b;

	while ((b = a->used) != NULL) {
		a->used = b->next;
		if (!all && b->size == OUTPUT_BLOCK &&
		    a->nspare < OUTPUT_KEEP) {
			b->next = a->spare;
			a->spare = b;
			a->nspare++;
		} else
			free(b);
	}
	if (all) {
		while ((b = a->spare) != NULL) {
			a->spare = b->next;
			free(b);
		}
		a->nspare = 0;
	}
}

/* Room for a line many clients will get (outmsg_variant()). */
char *
output_shared(size_t len)
{
	return (output_alloc(&output_shared_arena, len));
}

/* Room for something aligned that must last the turn (iovecs, uring.c). */
void *
output_scratch(size_t len)
{
	return (output_alloc(&output_piece_arena, (len + 7) & ~(size_t)7));
}

/*
 * Queue len bytes at data, which lie in an arena, for c: joined to the
 * last piece when they follow it.
 */
void
output_add(struct client *c, const char *data, size_t len)
{
	struct output_piece	*p = c->out_tail;

	if (p != NULL && p->data + p->len == data)
		p->len += len;
	else {
		p = output_alloc(&output_piece_arena, sizeof *p);
		p->next = NULL;
		p->owner = NULL;
		p->data = data;
		p->len = len;
		if (c->out_tail != NULL)
			c->out_tail->next = p;
		else
			c->out_head = p;
		c->out_tail = p;
	}
	c->out_queued += len;
	conn_flush_later(c);
}

/* Queue a copy of len bytes for c. */
void
output_copy(struct client *c, const char *data, size_t len)
{
	char	*p = output_alloc(&output_copy_arena, len);

	memcpy(p, data, len);
	output_add(c, p, len);
}

/* Bytes waiting for c: this turn's and any backlog. */
size_t
output_queued(struct client *c)
{
	return (c->out_queued +
	    (c->out != NULL ? evbuffer_get_length(c->out) : 0) +
	    (c->hold != NULL ? c->hold->total + c->hold->ready : 0));
}

/* c's backlog buffer, made when first needed. */
struct evbuffer *
output_backlog(struct client *c)
{
	if (c->out == NULL && (c->out = evbuffer_new()) == NULL)
		fatalx("evbuffer_new failed");
	return (c->out);
}

/*
 * Drop the first n bytes of c's pieces (they were written); copy what is
 * left into the backlog, which outlives the turn.
 */
void
output_keep(struct client *c, size_t n)
{
	struct output_piece	*p;
	struct evbuffer		*out;

	if (c->out_head == NULL)
		return;
	out = output_backlog(c);
	for (p = c->out_head; p != NULL; p = p->next) {
		if (n >= p->len) {
			n -= p->len;
			continue;
		}
		evbuffer_add(out, p->data + n, p->len - n);
		n = 0;
	}
	output_forget(c);
}

/* c's pieces are gone (written, kept or dropped). */
void
output_forget(struct client *c)
{
	if (c->flags & CLIENT_OWNED) {
		output_pieces_drop(c->out_head, NULL);
		c->flags &= ~CLIENT_OWNED;
	}
	c->out_head = c->out_tail = NULL;
	c->out_queued = 0;
}

/* c's pieces before p were written. */
void
output_advance(struct client *c, struct output_piece *p)
{
	struct output_piece	*q;

	for (q = c->out_head; q != p; q = q->next)
		c->out_queued -= q->len;
	output_pieces_drop(c->out_head, p);
	c->out_head = p;
}

/*
 * All c has, in order, into its backlog: what was released, what is held
 * and this turn's. For a client that goes (its last bytes, in linger.c).
 */
void
output_keep_all(struct client *c)
{
	struct output_hold	*h = c->hold;

	if (h != NULL) {
		if (h->n != 0) {
			output_prepend(c, h->head, h->tail, h->total);
			h->head = h->tail = NULL;
			h->total = 0;
		}
		output_ready(c);
		output_unhold(c);
	}
	output_keep(c, 0);
}

/*
 * Pieces from p up to end (or the last) that held bytes of set-aside turns
 * are gone. A piece lies in its owner's blocks, which may go with it: the
 * next is read first.
 */
static void
output_pieces_drop(struct output_piece *p, struct output_piece *end)
{
	struct output_piece	*next;

	for (; p != end; p = next) {
		next = p->next;
		if (p->owner != NULL)
			output_gen_unref(p->owner);
	}
}

/* A held turn's blocks are all written: they serve the next turns. */
static void
output_gen_free(struct output_gen *g)
{
	struct output_arena	*a;
	struct output_block	*b;

	while ((b = g->blocks) != NULL) {
		g->blocks = b->next;
		a = output_shared_arena.nspare < OUTPUT_KEEP ?
		    &output_shared_arena : &output_copy_arena;
		if (b->size == OUTPUT_BLOCK && a->nspare < OUTPUT_KEEP) {
			b->next = a->spare;
			a->spare = b;
			a->nspare++;
		} else
			free(b);
	}
	free(g);
}

/* A held piece was written (or dropped). */
static void
output_gen_unref(struct output_gen *g)
{
	if (--g->refs == 0 && g->closed)
		output_gen_free(g);
}

/* The turn is over: a's blocks go to g, for as long as they are read. */
static void
output_gen_close(struct output_arena *a, struct output_gen *g)
{
	struct output_block	*b;

	while ((b = a->used) != NULL) {
		a->used = b->next;
		b->next = g->blocks;
		g->blocks = b;
	}
}

/*
 * Hold c's pieces of this turn until transaction gen is in the db (or,
 * with gen 0, until what c holds already goes; if it holds nothing, they
 * stay, to be written now). They stay where they are, in the turn's
 * arenas, which are set aside for them.
 */
void
output_hold(struct client *c, uint64_t gen)
{
	struct output_hold	*h = c->hold;
	struct output_piece	*p;
	size_t			 added = c->out_queued;

	if (c->out_head == NULL || (gen == 0 && (h == NULL || h->n == 0)))
		return;
	if (output_gen_now == NULL)
		output_gen_now = xcalloc(1, sizeof *output_gen_now);
	for (p = c->out_head; p != NULL; p = p->next) {
		if (p->owner == NULL) {
			p->owner = output_gen_now;
			output_gen_now->refs++;
		}
	}
	if (h == NULL) {
		if ((h = output_spare_holds) != NULL)
			output_spare_holds = h->spare;
		else
			h = xmalloc(sizeof *h);
		memset(h, 0, sizeof *h);
		h->c = c;
		c->hold = h;
	}
	if (h->n == 0)
		TAILQ_INSERT_TAIL(&output_held, h, entry);
	if (h->tail != NULL)
		h->tail->next = c->out_head;
	else
		h->head = c->out_head;
	h->tail = c->out_tail;
	c->out_head = c->out_tail = NULL;
	c->out_queued = 0;
	c->flags &= ~CLIENT_OWNED;
	if (h->n != 0 && (gen == 0 || gen <= h->gen[h->n - 1]))
		h->bytes[h->n - 1] += added;
	else if (h->n == OUTPUT_HOLDS) {
		/* Full: hold the newest longer, which is always safe. */
		h->gen[h->n - 1] = gen;
		h->bytes[h->n - 1] += added;
	} else {
		h->gen[h->n] = gen;
		h->bytes[h->n++] = added;
	}
	h->total += added;
}

/*
 * What a commit released for c goes before this turn's pieces, to be
 * written with them.
 */
void
output_ready(struct client *c)
{
	struct output_hold	*h = c->hold;

	if (h == NULL || h->rhead == NULL)
		return;
	output_prepend(c, h->rhead, h->rtail, h->ready);
	h->rhead = h->rtail = NULL;
	h->ready = 0;
	if (h->n == 0)
		output_hold_put(c);
}

/* Held pieces, head to tail, len bytes, go before c's pieces. */
static void
output_prepend(struct client *c, struct output_piece *head,
    struct output_piece *tail, size_t len)
{
	tail->next = c->out_head;
	if (c->out_head == NULL)
		c->out_tail = tail;
	c->out_head = head;
	c->out_queued += len;
	c->flags |= CLIENT_OWNED;
}

/* Whether some of c's output still waits for the db. */
int
output_holding(struct client *c)
{
	return (c->hold != NULL && c->hold->n != 0);
}

/* c's hold, empty, is kept for another. */
static void
output_hold_put(struct client *c)
{
	struct output_hold	*h = c->hold;

	c->hold = NULL;
	h->spare = output_spare_holds;
	output_spare_holds = h;
}

/* c goes: what it holds is dropped. */
void
output_unhold(struct client *c)
{
	struct output_hold	*h = c->hold;

	if (h == NULL)
		return;
	if (h->n != 0)
		TAILQ_REMOVE(&output_held, h, entry);
	output_pieces_drop(h->head, NULL);
	output_pieces_drop(h->rhead, NULL);
	h->n = 0;
	output_hold_put(c);
}

/*
 * Transactions up to gen are in the db: what waited on them goes at the
 * end of this turn (what waits on later ones stays).
 */
void
output_release(uint64_t gen)
{
	struct output_hold	*h, *next;
	struct output_piece	*p, *last;
	size_t			 bytes = 0, n;
	int			 i;

	for (h = TAILQ_FIRST(&output_held); h != NULL; h = next) {
		next = TAILQ_NEXT(h, entry);
		for (i = 0, bytes = 0; i < h->n && h->gen[i] <= gen; i++)
			bytes += h->bytes[i];
		if (i == 0)
			continue;
		memmove(h->gen, h->gen + i, (h->n - i) * sizeof h->gen[0]);
		memmove(h->bytes, h->bytes + i, (h->n - i) * sizeof h->bytes[0]);
		h->n -= i;
		h->total -= bytes;
		h->ready += bytes;
		/* Whole pieces: each hold took a turn's pieces whole. */
		for (p = last = h->head, n = 0; n < bytes; p = p->next) {
			n += p->len;
			last = p;
		}
		if (h->rtail != NULL)
			h->rtail->next = h->head;
		else
			h->rhead = h->head;
		h->rtail = last;
		h->head = last->next;
		last->next = NULL;
		if (h->head == NULL)
			h->tail = NULL;
		if (h->n == 0)
			TAILQ_REMOVE(&output_held, h, entry);
		if (!(h->c->flags & CLIENT_DEAD))
			conn_flush_later(h->c);
		else if (h->n == 0)	/* its last lines may go: reap it */
			event_active(srv.reaper, EV_TIMEOUT, 0);
	}
}

/*
 * The turn's output is written: empty the arenas; what held output refers
 * to in them is set aside until it is written.
 */
void
output_reset(void)
{
	struct output_gen	*g = output_gen_now;

	if (g != NULL) {
		output_gen_now = NULL;
		if (g->refs == 0)
			free(g);
		else {
			output_gen_close(&output_shared_arena, g);
			output_gen_close(&output_copy_arena, g);
			output_gen_close(&output_piece_arena, g);
			g->closed = 1;
		}
	}
	output_arena_reset(&output_shared_arena, 0);
	output_arena_reset(&output_copy_arena, 0);
	output_arena_reset(&output_piece_arena, 0);
}

/* At exit (the clients and their backlogs are gone). */
void
output_free(void)
{
	struct output_hold	*h;

	while ((h = output_spare_holds) != NULL) {
		output_spare_holds = h->spare;
		free(h);
	}
	output_reset();
	output_arena_reset(&output_shared_arena, 1);
	output_arena_reset(&output_copy_arena, 1);
	output_arena_reset(&output_piece_arena, 1);
}
