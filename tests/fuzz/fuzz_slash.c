/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Fuzz target: the client's slash-command parser. Invariants: a command
 * has between its least and most arguments, all inside the line; an error
 * always says why.
 */

#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "slash.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct slash_cmd	 cmd;
	char			*line, *text = NULL, *cause = NULL;
	int			 i;

	if (size > 4096)
		return (0);
	line = calloc(1, size + 1);
	memcpy(line, data, size);
	switch (slash_parse(line, &cmd, &text, &cause)) {
	case SLASH_TEXT:
		assert(text >= line && text <= line + size);
		break;
	case SLASH_COMMAND:
		assert(cmd.argc >= cmd.entry->min_args &&
		    cmd.argc <= cmd.entry->max_args);
		for (i = 0; i < cmd.argc; i++)
			assert(cmd.argv[i] > line && cmd.argv[i] <= line + size);
		break;
	case SLASH_ERROR:
		assert(cause != NULL && *cause != '\0');
		free(cause);
		break;
	}
	free(line);
	return (0);
}
