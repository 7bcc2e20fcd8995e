/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * UTF-8 validation: reject, never repair.
 */

#ifndef CHAT_UTF8_H
#define CHAT_UTF8_H

#include <stddef.h>

/*
 * Whether s (len bytes) is well-formed UTF-8: no overlong forms, no
 * surrogates, nothing above U+10FFFF, no truncated sequence.
 */
int	utf8_valid(const char *, size_t);

#endif
