/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The table of the texts both clients share (texts.h).
 */

#include "config.h"

#include "texts.h"

const struct text_entry text_table[TEXT_COUNT] = {
#define TEXT_ROW(id, text) { #id, text },
	TEXT_LIST(TEXT_ROW)
#undef TEXT_ROW
};
