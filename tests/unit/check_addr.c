/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for conn_addr_string(): a peer's address as WHOIS, the log
 * and bans see it, for IPv4, IPv4-mapped IPv6 and IPv6; and for
 * config_is_loopback().
 */

#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <check.h>
#include <string.h>

#include "chatd.h"
#include "unit.h"

struct server	srv;

START_TEST(addr_ipv4)
{
	struct sockaddr_in	sin;
	char			host[HOST_MAX];
	uint16_t		port;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(65535);
	ck_assert_int_eq(inet_pton(AF_INET, "255.0.10.1", &sin.sin_addr), 1);
	conn_addr_string((struct sockaddr *)&sin, sizeof sin, host, &port);
	ck_assert_str_eq(host, "255.0.10.1");
	ck_assert_uint_eq(port, 65535);
	sin.sin_port = htons(6667);
	sin.sin_addr.s_addr = htonl(INADDR_ANY);
	conn_addr_string((struct sockaddr *)&sin, sizeof sin, host, &port);
	ck_assert_str_eq(host, "0.0.0.0");
	ck_assert_uint_eq(port, 6667);
}
END_TEST

START_TEST(addr_ipv6)
{
	struct sockaddr_in6	sin6;
	char			host[HOST_MAX];
	uint16_t		port;

	memset(&sin6, 0, sizeof sin6);
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = htons(40000);
	ck_assert_int_eq(inet_pton(AF_INET6, "::ffff:192.168.1.20",
	    &sin6.sin6_addr), 1);
	conn_addr_string((struct sockaddr *)&sin6, sizeof sin6, host, &port);
	ck_assert_str_eq(host, "192.168.1.20");
	ck_assert_uint_eq(port, 40000);
	ck_assert_int_eq(inet_pton(AF_INET6, "2001:db8::7", &sin6.sin6_addr),
	    1);
	conn_addr_string((struct sockaddr *)&sin6, sizeof sin6, host, &port);
	ck_assert_str_eq(host, "2001:db8::7");
	ck_assert_uint_eq(port, 40000);
}
END_TEST

/* Whether a peer string is loopback, as config_is_loopback() sees it. */
static int
loopback(const char *text)
{
	struct sockaddr_in	sin;
	struct sockaddr_in6	sin6;

	memset(&sin, 0, sizeof sin);
	memset(&sin6, 0, sizeof sin6);
	if (inet_pton(AF_INET, text, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		return (config_is_loopback((struct sockaddr *)&sin));
	}
	ck_assert_int_eq(inet_pton(AF_INET6, text, &sin6.sin6_addr), 1);
	sin6.sin6_family = AF_INET6;
	return (config_is_loopback((struct sockaddr *)&sin6));
}

/* Issue 13: connection-count limits spare this machine's own address. */
START_TEST(addr_loopback)
{
	ck_assert(loopback("127.0.0.1"));
	ck_assert(loopback("127.255.3.4"));
	ck_assert(loopback("::1"));
	ck_assert(loopback("::ffff:127.0.0.1"));
	ck_assert(!loopback("128.0.0.1"));
	ck_assert(!loopback("10.127.0.1"));
	ck_assert(!loopback("::2"));
	ck_assert(!loopback("::ffff:10.0.0.1"));
	ck_assert(!loopback("2001:db8::1"));
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		addr_ipv4,
		addr_ipv6,
		addr_loopback,
		NULL
	};

	return (unit_run("addr", tests, NULL, NULL));
}
