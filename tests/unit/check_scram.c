/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Unit tests for scram.c: RFC 7677's example exchange (user "user",
 * password "pencil") gives its proof and server signature, a wrong
 * password's proof is refused, and base64 round-trips and refuses junk.
 */

#include "config.h"

#include <check.h>
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "scram.h"
#include "unit.h"

#define AM "n=user,r=rOprNGfwEbeRWgbNEkqO," \
	"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0," \
	"s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096," \
	"c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"

START_TEST(scram_rfc7677)
{
	uint8_t	salt[SCRAM_SALT_LEN], stored[SCRAM_KEY_LEN];
	uint8_t	server[SCRAM_KEY_LEN], proof[SCRAM_KEY_LEN];
	uint8_t	sig[SCRAM_KEY_LEN];
	char	b64[64];
	long	n;

	ck_assert_int_eq(sodium_init() >= 0, 1);
	n = scram_b64_decode(salt, sizeof salt, "W22ZaJ0SNY7soEsUEjb6gQ==", 24);
	ck_assert_int_eq(n, 16);
	scram_keys("pencil", salt, 16, 4096, stored, server);
	scram_proof("pencil", salt, 16, 4096, AM, strlen(AM), proof, sig);
	scram_b64_encode(b64, sizeof b64, proof, sizeof proof);
	ck_assert_str_eq(b64, "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
	ck_assert_int_eq(scram_check(stored, AM, strlen(AM), proof), 0);
	/* The client's expected ServerSignature is RFC 7677's. */
	scram_b64_encode(b64, sizeof b64, sig, sizeof sig);
	ck_assert_str_eq(b64, "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
	scram_hmac(sig, server, sizeof server, AM, strlen(AM));
	scram_b64_encode(b64, sizeof b64, sig, sizeof sig);
	ck_assert_str_eq(b64, "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");

	/* The wrong password, or another auth message: refused. */
	scram_proof("pencils", salt, 16, 4096, AM, strlen(AM), proof, NULL);
	ck_assert_int_eq(scram_check(stored, AM, strlen(AM), proof), -1);
	scram_proof("pencil", salt, 16, 4096, AM, strlen(AM), proof, NULL);
	ck_assert_int_eq(scram_check(stored, AM, strlen(AM) - 1, proof), -1);
}
END_TEST

START_TEST(scram_base64)
{
	uint8_t	out[16];
	char	b64[16];

	ck_assert_uint_eq(scram_b64_encode(b64, sizeof b64, "n,,", 3), 4);
	ck_assert_str_eq(b64, "biws");
	ck_assert_int_eq(scram_b64_decode(out, sizeof out, "biws", 4), 3);
	ck_assert_int_eq(memcmp(out, "n,,", 3), 0);
	/* Not base64, or too long for the room: -1; no room to encode: 0. */
	ck_assert_int_eq(scram_b64_decode(out, sizeof out, "bi!s", 4), -1);
	ck_assert_int_eq(scram_b64_decode(out, 2, "biws", 4), -1);
	ck_assert_uint_eq(scram_b64_encode(b64, 4, "n,,", 3), 0);
}
END_TEST

int
main(void)
{
	const TTest *const tests[] = {
		scram_rfc7677,
		scram_base64,
		NULL
	};

	return (unit_run("scram", tests, NULL, NULL));
}
