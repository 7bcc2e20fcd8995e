/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * SCRAM-SHA-256 (RFC 5802, RFC 7677), the parts both ends need: the keys
 * kept for a password, the proof a client sends and the server's check of
 * it, and base64. On libsodium's HMAC-SHA-256 and SHA-256.
 */

#ifndef CHAT_SCRAM_H
#define CHAT_SCRAM_H

#include <stddef.h>
#include <stdint.h>

#define SCRAM_KEY_LEN		32	/* SHA-256 */
#define SCRAM_SALT_LEN		16
#define SCRAM_ITERATIONS	4096	/* RFC 7677's minimum */

/* What a server keeps for a password: StoredKey and ServerKey. */
void	 scram_keys(const char *, const uint8_t *, size_t, unsigned int,
	     uint8_t *, uint8_t *);
/* HMAC-SHA-256 of msg under key, into out (SCRAM_KEY_LEN bytes). */
void	 scram_hmac(uint8_t *, const uint8_t *, size_t, const void *, size_t);
/*
 * The client's proof for auth message am (client side) and, if the last
 * pointer is not NULL, the ServerSignature the server must answer with.
 */
void	 scram_proof(const char *, const uint8_t *, size_t, unsigned int,
	     const char *, size_t, uint8_t *, uint8_t *);
/* 0 if proof is the proof of the password behind stored for am. */
int	 scram_check(const uint8_t *, const char *, size_t, const uint8_t *);
/* Base64 of len bytes into out (size bytes); its length, 0 if no room. */
size_t	 scram_b64_encode(char *, size_t, const void *, size_t);
/* Decode base64 s into out; the length, or -1 if s is not base64. */
long	 scram_b64_decode(uint8_t *, size_t, const char *, size_t);

#endif
