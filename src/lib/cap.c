/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Capability names and bits.
 */

#include "config.h"

#include <string.h>

#include "cap.h"

static const char *cap_names[] = {
#define CAP_NAME(id, name) name,
	CAP_LIST(CAP_NAME)
#undef CAP_NAME
};

uint32_t
cap_from_name(const char *s, size_t len)
{
	int	i;

	for (i = 0; i < CAP_COUNT; i++) {
		if (strlen(cap_names[i]) == len &&
		    memcmp(cap_names[i], s, len) == 0)
			return (1u << i);
	}
	return (0);
}

const char *
cap_name(uint32_t bit)
{
	int	i;

	for (i = 0; i < CAP_COUNT; i++) {
		if (bit == (1u << i))
			return (cap_names[i]);
	}
	return (NULL);
}

uint32_t
cap_all(void)
{
	return ((1u << CAP_COUNT) - 1);
}
