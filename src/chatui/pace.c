/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The pace of what the user sends, pure: a burst, then one line an
 * interval, as servers' flood control counts (a token bucket, kept as the
 * time the bucket will be empty). A paste goes out at a rate the server
 * takes, so that it neither slows nor drops it; when the server says what
 * rate it wants (chatd's WARN RATE_LIMITED), that becomes the interval.
 */

#include "config.h"

#include "chatui.h"

void
pace_init(struct pace *p, int burst, long interval_ms)
{
	p->burst = burst;
	p->interval_ms = interval_ms;
	p->empty_ms = 0;
}

/* How many milliseconds from now until the next line may go: 0 for now. */
long
pace_wait(const struct pace *p, long now_ms)
{
	long	free_at = p->empty_ms - (long)(p->burst - 1) * p->interval_ms;

	return (free_at > now_ms ? free_at - now_ms : 0);
}

/* A line went at now_ms. */
void
pace_take(struct pace *p, long now_ms)
{
	p->empty_ms = (p->empty_ms > now_ms ? p->empty_ms : now_ms) +
	    p->interval_ms;
}

/* The server wants one line every interval_ms (never under 1). */
void
pace_set(struct pace *p, long interval_ms)
{
	p->interval_ms = interval_ms > 0 ? interval_ms : 1;
}
