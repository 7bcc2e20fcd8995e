/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * What chatui's model files call of the network and the screen, as
 * nothing: for the unit tests and the fuzz target of handle.c, which
 * include this once and define net_send and net_now_ms themselves.
 */

void
net_lag_pong(const char *token)
{
}

void
net_disconnect(const char *reason)
{
}

void
net_upgrade(void)
{
}

void
net_drain(void)
{
}

/* What multiline.c sends is tried in tests/ui/chatui-multiline.sh. */
size_t
net_text_room(const char *verb, const char *target, int action)
{
	return (400);
}

void
net_queue_block(const char *lines, size_t len, int cost)
{
}

/* STS is tried in tests/ui/chatui-tls.sh: here no policy is taken. */
int
tls_sts(const char *value)
{
	return (0);
}

/* DCC offers are tried in tests/ui/chatui-dcc.sh. */
void
dcc_ctcp(const char *nick, const char *args)
{
}

/* No labels sent: answers go where chatui puts any reply. */
struct window *
net_label_window(const char *label)
{
	return (NULL);
}
