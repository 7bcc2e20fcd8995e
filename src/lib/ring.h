/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 */

#ifndef RING_H
#define RING_H

#ifdef HAVE_LIBURING
#include <stdint.h>

#include <liburing.h>

int	ring_submit_all(struct io_uring *, unsigned int,
	    void (*)(uint64_t, int, void *), void *);
#endif

#endif
