/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The input line editor: pure code on wide characters, no curses, so it is
 * unit-tested (catgirl's edit.c).
 */

#ifndef CHATUI_EDIT_H
#define CHATUI_EDIT_H

#include <stddef.h>
#include <wchar.h>

#define EDIT_MAX	1024	/* characters on the input line */
#define EDIT_HISTORY	100	/* lines remembered */

struct edit {
	wchar_t	 buf[EDIT_MAX];
	size_t	 len;
	size_t	 pos;
	wchar_t	 cut[EDIT_MAX];		/* what Ctrl-W/U/K took, for Ctrl-Y */
	size_t	 cutlen;
	char	*history[EDIT_HISTORY];	/* oldest first */
	int	 nhistory;
	int	 browse;		/* history index shown; nhistory: none */
};

void	 edit_init(struct edit *);
void	 edit_free(struct edit *);
/* Insert one character at the cursor; 0, or -1 if the line is full. */
int	 edit_insert(struct edit *, wchar_t);
void	 edit_left(struct edit *);
void	 edit_right(struct edit *);
void	 edit_home(struct edit *);
void	 edit_end(struct edit *);
void	 edit_word_left(struct edit *);
void	 edit_word_right(struct edit *);
void	 edit_backspace(struct edit *);
void	 edit_delete(struct edit *);
/* Ctrl-W, Ctrl-U, Ctrl-K: cut, keeping what was cut for edit_yank. */
void	 edit_cut_word(struct edit *);
void	 edit_cut_before(struct edit *);
void	 edit_cut_after(struct edit *);
void	 edit_yank(struct edit *);
/* Up and Down through the history. */
void	 edit_history_prev(struct edit *);
void	 edit_history_next(struct edit *);
/* Replace the line with a UTF-8 string, cursor at the end. */
void	 edit_set(struct edit *, const char *);
/* The line as UTF-8; the caller frees it. */
char	*edit_string(const struct edit *);
/* Characters [from, to) as UTF-8; the caller frees it. */
char	*edit_substring(const struct edit *, size_t, size_t);
/* The line as UTF-8, which is then cleared and added to the history. */
char	*edit_take(struct edit *);
/* The word before the cursor, its start in *start (for completion). */
size_t	 edit_word(const struct edit *, size_t *);
/* Replace characters [start, pos) with a UTF-8 string. */
void	 edit_replace(struct edit *, size_t, const char *);

#endif
