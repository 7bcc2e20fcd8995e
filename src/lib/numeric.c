/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Lookup of numeric reply formats by code (formatted by strfmt.c).
 */

#include "config.h"

#include <stddef.h>

#include "numeric.h"

const char *
numeric_format(enum numeric n)
{
	switch (n) {
#define NUMERIC_CASE(name, code, fmt) case name: return (fmt);
	NUMERIC_LIST(NUMERIC_CASE)
#undef NUMERIC_CASE
	}
	return (NULL);
}
