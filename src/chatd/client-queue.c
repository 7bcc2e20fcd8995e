/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Input flow control and idle checks: a token bucket per client with fake
 * lag (lines wait in the input buffer until tokens return; past recvq the
 * client is dropped), and the once-a-second check for registration and
 * ping timeouts.
 */

#include "config.h"

#include <stdio.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "chatd.h"
#include "conn.h"

#define TOKEN_UNIT	1000	/* tokens are kept in thousandths */
/* How many registration timeouts a person gets to choose a name. */
#define PLAIN_NAME_FACTOR	4

static uint32_t	client_queue_ms(void);
static void	client_queue_refill(struct client *);
static void	client_queue_throttle_cb(evutil_socket_t, short, void *);

/* This loop turn's time in milliseconds, wrapping every 49 days. */
static uint32_t
client_queue_ms(void)
{
	struct timeval	tv;

	event_base_gettimeofday_cached(srv.base, &tv);
	return ((uint32_t)(tv.tv_sec * 1000ULL + tv.tv_usec / 1000));
}

void
client_queue_init(struct client *c)
{
	c->tokens = srv.conf->flood_burst * TOKEN_UNIT;
	c->token_ms = client_queue_ms();
}

/* Add the tokens earned since the last refill, up to the burst. */
static void
client_queue_refill(struct client *c)
{
	uint32_t	now = client_queue_ms(), ms = now - c->token_ms;
	long long	tokens, max;

	if (ms == 0 || ms > 0x80000000u)
		return;
	max = (long long)srv.conf->flood_burst * TOKEN_UNIT;
	tokens = c->tokens + (long long)ms * srv.conf->flood_rate;
	c->tokens = (int32_t)(tokens > max ? max : tokens);
	c->token_ms = now;
}

/* Whether the client may have its next line handled now. */
int
client_queue_ready(struct client *c)
{
	if (c->flags & CLIENT_EXEMPT)
		return (1);
	client_queue_refill(c);
	return (c->tokens >= TOKEN_UNIT);
}

/* Charge a handled line's penalty. */
void
client_queue_charge(struct client *c, int penalty)
{
	if (!(c->flags & CLIENT_EXEMPT))
		c->tokens -= penalty * TOKEN_UNIT;
}

/* Whether the client is waiting for a token: nothing is read meanwhile. */
int
client_queue_throttled(struct client *c)
{
	return (c->throttle != NULL && evtimer_pending(c->throttle, NULL));
}

/*
 * Come back to this client's input when it has a token again; until then
 * its socket is not read, so TCP holds the rest back and nothing is lost.
 * The first time, the client is told, in a line a program can read: the
 * code, then the milliseconds each line now waits.
 */
void
client_queue_throttle(struct client *c)
{
	struct timeval	tv;
	long		ms;
	char		delay[16];

	if (c->throttle == NULL)
		c->throttle = evtimer_new(srv.base, client_queue_throttle_cb, c);
	ms = (TOKEN_UNIT - c->tokens) / srv.conf->flood_rate + 1;
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	evtimer_add(c->throttle, &tv);
	conn_events(c);
	if (c->flags & CLIENT_SLOWED)
		return;
	c->flags |= CLIENT_SLOWED;
	snprintf(delay, sizeof delay, "%d", 1000 / srv.conf->flood_rate);
	send_warn(c, "*", "RATE_LIMITED", delay,
	    "You are sending fast: each line now waits its turn, none is lost");
	log_debug("%s: id=%llu slowed", __func__, (unsigned long long)c->id);
}

static void
client_queue_throttle_cb(evutil_socket_t fd, short events, void *arg)
{
	struct client	*c = arg;

	event_free(c->throttle);
	c->throttle = NULL;
	client_process(c);
}

/* Once a second: registration deadline, PING when quiet, ping timeout. */
void
client_queue_tick(time_t now)
{
	struct client	*c;
	struct config	*conf = srv.conf;
	char		 reason[64];

	TAILQ_FOREACH(c, &srv.clients, entry) {
		if (c->flags & CLIENT_DEAD)
			continue;
		if (!(c->flags & CLIENT_REGISTERED)) {
			/* A person typing a name gets longer than a program. */
			if (now - (time_t)c->created >=
			    conf->registration_timeout *
			    (c->flags & CLIENT_PLAIN ? PLAIN_NAME_FACTOR : 1))
				client_close(c, "Registration timed out");
			else if (now - (time_t)c->created >= 1 &&
			    !srv.deferred &&
			    (c->conn->t->flags & TRANSPORT_WORDS))
				plain_greet(c);
			continue;
		}
		/* A person cannot answer PING: the kernel checks (plain.c). */
		if (c->flags & CLIENT_PLAIN)
			continue;
		if (c->flags & CLIENT_PINGSENT) {
			if (now - (time_t)c->ping_sent >= conf->ping_timeout) {
				snprintf(reason, sizeof reason,
				    "Ping timeout: %d seconds",
				    conf->ping_timeout);
				c->flags |= CLIENT_NOFLUSH;
				client_close(c, reason);
			}
		} else if (now - (time_t)c->last_active >= conf->ping_interval) {
			c->flags |= CLIENT_PINGSENT;
			c->ping_sent = (uint32_t)now;
			send_raw(c, "PING :%s", conf->name);
		}
	}
}
