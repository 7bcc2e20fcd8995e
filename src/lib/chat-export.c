/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * chat-export: at build time, the slash table and the shared texts in the
 * language of the environment (LANGUAGE, with CHAT_LOCALEDIR naming the
 * catalogues), as one JSON object, for the browser client's catalogue.js
 * (Makefile.am). The browser client thus has the same commands, usage and
 * help as chatui, in the same words, without a copy of either.
 *
 *	chat-export		{"commands":[...],"texts":{...}}
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "slash.h"
#include "texts.h"

/* A JSON string: quotes, backslashes and control characters escaped. */
static void
json_string(const char *s)
{
	const unsigned char	*p;

	putchar('"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

int
main(int argc, char **argv)
{
	const struct slash_entry	*e;
	size_t				 i;

	if (argc != 1) {
		fprintf(stderr, "usage: chat-export\n");
		return (2);
	}
	i18n_init();
	printf("{\"commands\":[");
	for (i = 0; i < slash_table_size; i++) {
		e = &slash_table[i];
		printf("%s\n{\"name\":", i == 0 ? "" : ",");
		json_string(e->name);
		printf(",\"min\":%d,\"max\":%d,\"usage\":", e->min_args,
		    e->max_args);
		json_string(slash_usage(e));
		printf(",\"help\":");
		json_string(slash_help(e));
		putchar('}');
	}
	printf("],\n\"texts\":{");
	for (i = 0; i < TEXT_COUNT; i++) {
		printf("%s\n", i == 0 ? "" : ",");
		json_string(text_table[i].id);
		putchar(':');
		json_string(_(text_table[i].text));
	}
	printf("}}\n");
	return (ferror(stdout) || fflush(stdout) != 0 ? 1 : 0);
}
