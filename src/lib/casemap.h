/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * CASEMAPPING=ascii: folding, comparison, hashing and wildcard matching of
 * nicks, channels and masks.
 */

#ifndef CHAT_CASEMAP_H
#define CHAT_CASEMAP_H

#include <stddef.h>
#include <stdint.h>

/* Fold one byte: A-Z to a-z, everything else unchanged. */
static inline unsigned char
casemap_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

/* Upper-case one ASCII byte, as command verbs are compared. */
static inline unsigned char
casemap_upper(unsigned char c)
{
	return (c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
}

/* Fold src into dst (size bytes, always terminated). */
void	 casemap_fold(char *, const char *, size_t);
/* Compare two names as the casemapping does; like strcmp. */
int	 casemap_cmp(const char *, const char *);
/* Hash a name so that names equal under the casemapping hash equal. */
uint32_t casemap_hash(const char *);
/* Match string against a mask with '*' and '?', ignoring case; 1 if it does. */
int	 casemap_match(const char *, const char *);

#endif
