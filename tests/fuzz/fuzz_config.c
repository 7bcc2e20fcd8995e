/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Fuzz target: the configuration parser, given the input as a chatd.conf.
 * Invariants: a load either succeeds or names its cause; nothing leaks.
 */

#define _GNU_SOURCE
#include "config.h"

#include <sys/mman.h>

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chatd.h"

struct server	srv;

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	*conf;
	char		 path[64], *cause = NULL;
	int		 fd, rc;

	if (size > 65536)
		return (0);
	if ((fd = memfd_create("chatd.conf", 0)) == -1)
		return (0);
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return (0);
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	conf = config_create();
	rc = config_load(conf, path, NULL, &cause);
	assert(rc == 0 || (cause != NULL && *cause != '\0'));
	free(cause);
	config_free(conf);
	close(fd);
	return (0);
}
