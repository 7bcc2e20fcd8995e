/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for output.c's holds: output held for the db across many
 * turns comes out whole and in order once released, before the turn's
 * own; what is not released stays back; a client that goes takes all it
 * has, in order; and the set-aside turns are given back (valgrind, in
 * make check-valgrind, finds any that is not).
 */

#include "config.h"

#include <check.h>
#include <stdio.h>
#include <string.h>

#include <event2/buffer.h>

#include "chatd.h"
#include "unit.h"

#define TURNS	200

struct server	srv;

/* A client as output.c sees one; on the flush list already. */
static struct client *
client(void)
{
	struct client	*c = calloc(1, sizeof *c);

	c->flags = CLIENT_FLUSHQ;
	return (c);
}

/* One loop turn that gives c the line "turn N" and holds it for gen. */
static size_t
turn(struct client *c, int n, uint64_t gen)
{
	char	line[32];
	int	len = snprintf(line, sizeof line, "turn %d\r\n", n);

	output_copy(c, line, (size_t)len);
	output_hold(c, gen);
	output_reset();
	return ((size_t)len);
}

/* c's pieces, joined. */
static char *
pieces(struct client *c)
{
	struct output_piece	*p;
	char			*s = calloc(1, output_queued(c) + 1);
	size_t			 n = 0;

	for (p = c->out_head; p != NULL; p = p->next) {
		memcpy(s + n, p->data, p->len);
		n += p->len;
	}
	return (s);
}

/* "turn FROM\r\n" ... up to TO, not included. */
static char *
turns(int from, int to)
{
	char	*s = calloc(1, (size_t)(to - from) * 16 + 1);
	size_t	 n = 0;
	int	 i;

	for (i = from; i < to; i++)
		n += (size_t)sprintf(s + n, "turn %d\r\n", i);
	return (s);
}

/* Held turn after turn, each its own transaction, then released. */
START_TEST(held_turns_come_out_in_order)
{
	struct client	*c = client();
	char		*got, *want;
	size_t		 total = 0;
	int		 i;

	for (i = 0; i < TURNS; i++)
		total += turn(c, i, (uint64_t)i + 1);
	ck_assert_ptr_null(c->out_head);
	ck_assert_uint_eq(output_queued(c), total);

	/*
	 * A client waits on a few transactions at most: the first ones each
	 * on their own, the later ones on the newest (which is always safe).
	 */
	output_release(2);
	output_ready(c);
	got = pieces(c);
	want = turns(0, 2);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	ck_assert_uint_eq(output_queued(c), total);

	/* Written; the rest is released: all of it, in order. */
	output_forget(c);
	output_release(TURNS);
	output_ready(c);
	got = pieces(c);
	want = turns(2, TURNS);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);

	/* Written a piece at a time, as more than one writev's worth is. */
	while (c->out_head != NULL)
		output_advance(c, c->out_head->next);
	output_forget(c);
	ck_assert_uint_eq(output_queued(c), 0);
	ck_assert_ptr_null(c->hold);
	output_unhold(c);
	output_free();
	free(c);
}
END_TEST

/* Not released yet: nothing goes, and the turn's own output waits too. */
START_TEST(unreleased_output_stays_back)
{
	struct client	*c = client();
	char		*got;

	turn(c, 0, 5);
	turn(c, 1, 0);		/* a turn without lines for the db */
	output_release(4);
	output_ready(c);
	ck_assert_ptr_null(c->out_head);
	output_release(5);
	output_ready(c);
	got = pieces(c);
	ck_assert_str_eq(got, "turn 0\r\nturn 1\r\n");
	free(got);
	output_forget(c);
	output_unhold(c);
	output_free();
	free(c);
}
END_TEST

/*
 * A client that goes: its backlog, what was released, what is held and
 * the turn's own, in that order, for its last write.
 */
START_TEST(going_client_keeps_its_order)
{
	struct client	*c = client();
	struct evbuffer	*out;
	char		*got, *want;
	size_t		 len;

	evbuffer_add(output_backlog(c), "backlog\r\n", 9);
	turn(c, 0, 1);
	turn(c, 1, 2);
	turn(c, 2, 3);
	output_release(1);
	output_copy(c, "now\r\n", 5);
	output_keep_all(c);
	ck_assert_ptr_null(c->hold);
	out = c->out;
	len = evbuffer_get_length(out);
	got = calloc(1, len + 1);
	evbuffer_remove(out, got, len);
	want = turns(0, 3);
	ck_assert_uint_eq(len, 9 + strlen(want) + 5);
	ck_assert(strncmp(got, "backlog\r\n", 9) == 0);
	ck_assert(strncmp(got + 9, want, strlen(want)) == 0);
	ck_assert_str_eq(got + 9 + strlen(want), "now\r\n");
	free(got);
	free(want);
	evbuffer_free(out);
	output_reset();
	output_free();
	free(c);
}
END_TEST

/* A client freed while it holds: nothing it held is left behind. */
START_TEST(freed_client_drops_its_hold)
{
	struct client	*c = client();
	int		 i;

	for (i = 0; i < 10; i++)
		turn(c, i, (uint64_t)i + 1);
	output_release(3);
	output_unhold(c);
	ck_assert_ptr_null(c->hold);
	output_free();
	free(c);
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		held_turns_come_out_in_order,
		unreleased_output_stays_back,
		going_client_keeps_its_order,
		freed_client_drops_its_hold,
		NULL
	};

	return (unit_run("output", tests, NULL, NULL));
}
