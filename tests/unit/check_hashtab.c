/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for hashtab.c: lookups ignore case, removal keeps every other
 * entry reachable through growth and back-shifting.
 */

#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "hashtab.h"
#include "unit.h"

#define N	2000

struct item {
	char	name[16];
};

static const char *
item_key(const void *p)
{
	return (((const struct item *)p)->name);
}

START_TEST(add_find_remove)
{
	static struct item	items[N];
	struct hashtab		h;
	size_t			i, it = 0, seen = 0;
	char			upper[16];

	hashtab_init(&h, item_key);
	ck_assert_ptr_null(hashtab_find(&h, "x"));
	for (i = 0; i < N; i++) {
		snprintf(items[i].name, sizeof items[i].name, "nick%zu", i);
		hashtab_add(&h, &items[i]);
	}
	ck_assert_uint_eq(h.count, N);
	snprintf(upper, sizeof upper, "NICK%d", 1234);
	ck_assert_ptr_eq(hashtab_find(&h, upper), &items[1234]);
	for (i = 0; i < N; i += 2)
		hashtab_remove(&h, &items[i]);
	ck_assert_uint_eq(h.count, N / 2);
	for (i = 0; i < N; i++) {
		if (i % 2 == 0)
			ck_assert_ptr_null(hashtab_find(&h, items[i].name));
		else
			ck_assert_ptr_eq(hashtab_find(&h, items[i].name),
			    &items[i]);
	}
	while (hashtab_next(&h, &it) != NULL)
		seen++;
	ck_assert_uint_eq(seen, N / 2);
	hashtab_remove(&h, &items[0]);
	ck_assert_uint_eq(h.count, N / 2);
	hashtab_free(&h);
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		add_find_remove,
		NULL
	};

	return (unit_run("hashtab", tests, NULL, NULL));
}
