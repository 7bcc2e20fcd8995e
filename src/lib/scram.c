/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * SCRAM-SHA-256: SaltedPassword is PBKDF2 with HMAC-SHA-256 (one block,
 * as the key is as long as the hash), ClientKey and ServerKey are HMACs of
 * it, StoredKey is the hash of ClientKey. A server keeps StoredKey and
 * ServerKey; a proof is ClientKey XOR HMAC(StoredKey, AuthMessage).
 */

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "scram.h"

static void	scram_salted(const char *, const uint8_t *, size_t,
		    unsigned int, uint8_t *);

void
scram_hmac(uint8_t *out, const uint8_t *key, size_t keylen, const void *msg,
    size_t len)
{
	crypto_auth_hmacsha256_state	st;

	crypto_auth_hmacsha256_init(&st, key, keylen);
	crypto_auth_hmacsha256_update(&st, msg, len);
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(&st, sizeof st);
}

/* Hi(password, salt, i) of RFC 5802: PBKDF2-HMAC-SHA-256, one block. */
static void
scram_salted(const char *password, const uint8_t *salt, size_t saltlen,
    unsigned int iterations, uint8_t *out)
{
	crypto_auth_hmacsha256_state	key, st;
	uint8_t				u[SCRAM_KEY_LEN];
	const uint8_t			one[4] = { 0, 0, 0, 1 };
	unsigned int			i, j;

	/* The keyed state once; each round starts from a copy of it. */
	crypto_auth_hmacsha256_init(&key, (const uint8_t *)password,
	    strlen(password));
	st = key;
	crypto_auth_hmacsha256_update(&st, salt, saltlen);
	crypto_auth_hmacsha256_update(&st, one, sizeof one);
	crypto_auth_hmacsha256_final(&st, u);
	memcpy(out, u, sizeof u);
	for (i = 1; i < iterations; i++) {
		st = key;
		crypto_auth_hmacsha256_update(&st, u, sizeof u);
		crypto_auth_hmacsha256_final(&st, u);
		for (j = 0; j < sizeof u; j++)
			out[j] ^= u[j];
	}
	sodium_memzero(&key, sizeof key);
	sodium_memzero(&st, sizeof st);
	sodium_memzero(u, sizeof u);
}

void
scram_keys(const char *password, const uint8_t *salt, size_t saltlen,
    unsigned int iterations, uint8_t *stored, uint8_t *server)
{
	uint8_t	salted[SCRAM_KEY_LEN], client[SCRAM_KEY_LEN];

	scram_salted(password, salt, saltlen, iterations, salted);
	scram_hmac(client, salted, sizeof salted, "Client Key", 10);
	crypto_hash_sha256(stored, client, sizeof client);
	scram_hmac(server, salted, sizeof salted, "Server Key", 10);
	sodium_memzero(salted, sizeof salted);
	sodium_memzero(client, sizeof client);
}

void
scram_proof(const char *password, const uint8_t *salt, size_t saltlen,
    unsigned int iterations, const char *am, size_t amlen, uint8_t *proof,
    uint8_t *server_sig)
{
	uint8_t	salted[SCRAM_KEY_LEN], client[SCRAM_KEY_LEN];
	uint8_t	stored[SCRAM_KEY_LEN], sig[SCRAM_KEY_LEN];
	uint8_t	server[SCRAM_KEY_LEN];
	size_t	i;

	scram_salted(password, salt, saltlen, iterations, salted);
	scram_hmac(client, salted, sizeof salted, "Client Key", 10);
	crypto_hash_sha256(stored, client, sizeof client);
	scram_hmac(sig, stored, sizeof stored, am, amlen);
	for (i = 0; i < SCRAM_KEY_LEN; i++)
		proof[i] = client[i] ^ sig[i];
	if (server_sig != NULL) {
		/* What the server proves it knows the keys with. */
		scram_hmac(server, salted, sizeof salted, "Server Key", 10);
		scram_hmac(server_sig, server, sizeof server, am, amlen);
		sodium_memzero(server, sizeof server);
	}
	sodium_memzero(salted, sizeof salted);
	sodium_memzero(client, sizeof client);
}

int
scram_check(const uint8_t *stored, const char *am, size_t amlen,
    const uint8_t *proof)
{
	uint8_t	sig[SCRAM_KEY_LEN], client[SCRAM_KEY_LEN];
	uint8_t	hash[SCRAM_KEY_LEN];
	size_t	i;
	int	bad;

	scram_hmac(sig, stored, SCRAM_KEY_LEN, am, amlen);
	for (i = 0; i < SCRAM_KEY_LEN; i++)
		client[i] = proof[i] ^ sig[i];
	crypto_hash_sha256(hash, client, sizeof client);
	bad = sodium_memcmp(hash, stored, SCRAM_KEY_LEN) != 0;
	sodium_memzero(client, sizeof client);
	return (bad ? -1 : 0);
}

size_t
scram_b64_encode(char *out, size_t size, const void *in, size_t len)
{
	if (size < sodium_base64_ENCODED_LEN(len,
	    sodium_base64_VARIANT_ORIGINAL))
		return (0);
	sodium_bin2base64(out, size, in, len, sodium_base64_VARIANT_ORIGINAL);
	return (strlen(out));
}

long
scram_b64_decode(uint8_t *out, size_t size, const char *s, size_t len)
{
	size_t	n;

	if (sodium_base642bin(out, size, s, len, NULL, &n, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0)
		return (-1);
	return ((long)n);
}
