/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Tab completion on the input line: a command after a slash at the start,
 * a channel after '#', else a nick of the window's (addressed, "nick: ",
 * at the start of a line); Tab again cycles through the matches, as in
 * irssi and WeeChat, and any other key ends it (complete_end()).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "casemap.h"
#include "chatui.h"
#include "slash.h"

static const char	*complete_match(const char *, size_t, int,
			    const char **);

/*
 * Tab completion's state: Tab again goes on to the next match of the
 * same word, as in irssi and WeeChat; any other key ends it.
 */
static struct {
	int	 active;
	size_t	 start;		/* where the word began */
	int	 n;		/* the match shown */
	char	 word[64];	/* what was typed */
} complete_state;

/*
 * The n-th (from 0, wrapping) completion of word for a word starting at
 * column start, with the format it goes in; NULL if there is none.
 */
static const char *
complete_match(const char *word, size_t start, int n, const char **fmt)
{
	const char	*found[256], *nick;
	struct window	*w;
	size_t		 len = strlen(word), i;
	int		 k, count = 0;

	*fmt = "%s ";
	if (word[0] == '/' && start == 0) {
		*fmt = "/%s ";
		for (i = 0; i < slash_table_size && count < 256; i++) {
			if (strncasecmp(slash_table[i].name, word + 1,
			    len - 1) == 0)
				found[count++] = slash_table[i].name;
		}
	} else if (word[0] == '#') {
		TAILQ_FOREACH(w, &cu.windows, entry) {
			if (count < 256 && w->kind == WINDOW_CHANNEL &&
			    strncasecmp(w->name, word, len) == 0)
				found[count++] = w->name;
		}
	} else {
		/* A nick at the start of a line is addressed: "nick: ". */
		if (start == 0)
			*fmt = "%s: ";
		for (k = 0; k < cu.current->nicks.n && count < 256; k++) {
			nick = cu.current->nicks.members[k].nick;
			if (strncasecmp(nick, word, len) == 0 &&
			    casemap_cmp(nick, cu.me) != 0)
				found[count++] = nick;
		}
	}
	return (count == 0 ? NULL : found[n % count]);
}

/* Tab: complete a command, a channel or a nick before the cursor. */
void
complete_word(void)
{
	struct edit	*e = &cu.edit;
	char		*word, out[160];
	const char	*match, *fmt;
	size_t		 start;

	if (!complete_state.active) {
		if (edit_word(e, &start) == 0)
			return;
		word = edit_substring(e, start, e->pos);
		snprintf(complete_state.word, sizeof complete_state.word, "%s", word);
		free(word);
		complete_state.start = start;
		complete_state.n = 0;
	} else
		complete_state.n++;
	if ((match = complete_match(complete_state.word, complete_state.start, complete_state.n,
	    &fmt)) == NULL)
		return;
	snprintf(out, sizeof out, fmt, match);
	edit_replace(e, complete_state.start, out);
	complete_state.active = 1;
}

/* A key other than Tab: the next Tab starts again. */
void
complete_end(void)
{
	complete_state.active = 0;
}
