/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The ignore list: masks (nick!user@host with * and ?, compared under the
 * casemapping) whose messages, notices and CTCP are not shown. A bare nick
 * is nick!*@*, user@host is *!user@host. The list starts from the config
 * file's `ignore = MASK ...` and /ignore and /unignore change it.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "casemap.h"
#include "chatui.h"

static char	**ignores;
static int	  nignores;

/* The full mask for what the user typed, in a new string. */
static char *
ignore_mask(const char *what)
{
	char	*mask;

	if (strchr(what, '!') != NULL && strchr(what, '@') != NULL)
		return (xstrdup(what));
	if (strchr(what, '!') != NULL)
		xasprintf(&mask, "%s@*", what);
	else if (strchr(what, '@') != NULL)
		xasprintf(&mask, "*!%s", what);
	else
		xasprintf(&mask, "%s!*@*", what);
	return (mask);
}

static int
ignore_find(const char *mask)
{
	int	i;

	for (i = 0; i < nignores; i++) {
		if (casemap_cmp(ignores[i], mask) == 0)
			return (i);
	}
	return (-1);
}

/* Add what; the mask it became, or NULL if it was there already. */
const char *
ignore_add(const char *what)
{
	char	*mask = ignore_mask(what);

	if (ignore_find(mask) != -1) {
		free(mask);
		return (NULL);
	}
	ignores = xreallocarray(ignores, (size_t)nignores + 1,
	    sizeof *ignores);
	ignores[nignores++] = mask;
	return (mask);
}

/* Take what off the list: 0, or -1 if it was not on it. */
int
ignore_del(const char *what)
{
	char	*mask = ignore_mask(what);
	int	 i = ignore_find(mask);

	free(mask);
	if (i == -1)
		return (-1);
	free(ignores[i]);
	memmove(&ignores[i], &ignores[i + 1],
	    sizeof *ignores * (size_t)(nignores - i - 1));
	nignores--;
	return (0);
}

/* The config file's setting: masks separated by spaces or commas. */
void
ignore_set(const char *list)
{
	char	*copy = xstrdup(list), *p = copy, *word;

	while ((word = strsep(&p, " ,")) != NULL) {
		if (*word != '\0')
			ignore_add(word);
	}
	free(copy);
}

/* Whether a message from source (nick!user@host) is not to be shown. */
int
ignore_match(const char *source)
{
	int	i;

	if (source == NULL)
		return (0);
	for (i = 0; i < nignores; i++) {
		if (casemap_match(ignores[i], source))
			return (1);
	}
	return (0);
}

/* The i-th mask, or NULL past the end. */
const char *
ignore_get(int i)
{
	return (i >= 0 && i < nignores ? ignores[i] : NULL);
}

void
ignore_free(void)
{
	while (nignores > 0)
		free(ignores[--nignores]);
	free(ignores);
	ignores = NULL;
}
