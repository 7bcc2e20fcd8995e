/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Fuzz target: the IRC line parser and the tag walker, unescaper and
 * escaper. Invariants: parsing never reads past the line, parameters are
 * within the line, and unescape(escape(v)) gives v back.
 */

#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*line, *copy, value[LINE_MAX_INPUT + 1];
	char		 esc[2 * LINE_MAX_INPUT + 1], back[LINE_MAX_INPUT + 1];
	const char	*p;
	struct msg	 m;
	struct msg_tag	 t;
	int		 i;

	if (size > LINE_MAX_INPUT)
		return (0);
	line = malloc(size + 1);
	memcpy(line, data, size);
	line[size] = '\0';
	copy = strdup(line);
	(void)msg_check_length(line, strlen(line), LINE_MAX_TAGS);
	if (msg_parse(&m, line) == 0) {
		assert(m.nparams >= 0 && m.nparams <= MSG_MAX_PARAMS);
		assert(m.verb >= line && m.verb < line + size + 1);
		for (i = 0; i < m.nparams; i++)
			assert(m.params[i] >= line && m.params[i] <= line + size);
		if (m.tags != NULL) {
			p = m.tags;
			while (msg_tag_next(&p, &t)) {
				if (t.value == NULL)
					continue;
				msg_tag_unescape(value, sizeof value, t.value,
				    t.valuelen);
				msg_tag_escape(esc, sizeof esc, value);
				msg_tag_unescape(back, sizeof back, esc,
				    strlen(esc));
				assert(strcmp(back, value) == 0);
			}
		}
	}
	free(copy);
	free(line);
	return (0);
}
