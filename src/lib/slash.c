/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Parsing of "/command args": the table built from SLASH_LIST, unique
 * prefix lookup with an ambiguity error (tmux cmd.c, catgirl command.c).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "texts.h"
#include "slash.h"
#include "xmalloc.h"

const struct slash_entry slash_table[] = {
#define SLASH_ROW(id, name, min, max, usage, help) \
	{ SLASH_##id, name, min, max, usage, help },
	SLASH_LIST(SLASH_ROW)
#undef SLASH_ROW
};
const size_t slash_table_size = sizeof slash_table / sizeof slash_table[0];

/* gettext("") is the catalogue's header: an empty usage is not asked. */
const char *
slash_usage(const struct slash_entry *e)
{
	return (*e->usage != '\0' ? _(e->usage) : "");
}

const char *
slash_help(const struct slash_entry *e)
{
	return (_(e->help));
}

const struct slash_entry *
slash_find(const char *name, char **cause)
{
	const struct slash_entry	*found = NULL;
	size_t				 i, len = strlen(name), n = 0;
	char				 list[512];
	size_t				 off = 0;

	for (i = 0; i < slash_table_size; i++) {
		if (strcasecmp(slash_table[i].name, name) == 0)
			return (&slash_table[i]);
		if (strncasecmp(slash_table[i].name, name, len) == 0) {
			found = &slash_table[i];
			n++;
			off += snprintf(list + off, off < sizeof list ?
			    sizeof list - off : 0, " /%s", found->name);
		}
	}
	if (n == 1 && len > 0)
		return (found);
	if (n == 0 || len == 0)
		xasprintf(cause, T_(UNKNOWN_COMMAND), name);
	else
		xasprintf(cause, T_(AMBIGUOUS_COMMAND), name,
		    list);
	return (NULL);
}

enum slash_result
slash_parse(char *line, struct slash_cmd *cmd, char **text, char **cause)
{
	const struct slash_entry	*e;
	char				*p, *name;

	memset(cmd, 0, sizeof *cmd);
	if (line[0] != '/' || line[1] == '/') {
		*text = line[0] == '/' ? line + 1 : line;
		return (SLASH_TEXT);
	}
	name = line + 1;
	p = name + strcspn(name, " ");
	if (*p != '\0')
		*p++ = '\0';
	if ((e = slash_find(name, cause)) == NULL)
		return (SLASH_ERROR);
	cmd->entry = e;
	while (*p != '\0' && cmd->argc < e->max_args) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		cmd->argv[cmd->argc++] = p;
		if (cmd->argc == e->max_args)
			break;
		p += strcspn(p, " ");
		if (*p != '\0')
			*p++ = '\0';
	}
	if (cmd->argc < e->min_args ||
	    (e->max_args == 0 && *p != '\0')) {
		xasprintf(cause, T_(USAGE), e->name, slash_usage(e));
		return (SLASH_ERROR);
	}
	return (SLASH_COMMAND);
}
