/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The keys: what the terminal sends, read once a wake-up, and the table of
 * what each key does (catgirl's input.c). A printable character goes into
 * the input line; the rest is found in input_keys, or input_alt_keys after
 * an escape; escape sequences curses does not know (Alt-arrows, Shift-Enter,
 * the paste brackets) are read here. One line typed is sent when the read
 * is over; several in one read are a paste (paste.c).
 */

#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "chatui.h"
#include "edit.h"

#define CTRL(c)		((c) & 0x1f)

/* ui.c's, where curses is: the window the keys come from. */
WINDOW		*ui_input_window(void);

static int	 input_batch_lines;	/* Enter keys in this read */
static char	*input_typed;		/* its one line, if it has one */

static void	input_key(wint_t, int, int);
static void	input_csi(void);
static void	input_named_key(const char *);
static void	input_scroll(int);
static void	input_enter(void);
static void	input_newline(void);
static void	input_page_up(void);
static void	input_page_down(void);
static void	input_next_window(void);
static void	input_prev_window(void);
static void	input_nicklist(void);
static void	input_nicks_up(void);
static void	input_nicks_down(void);
static void	input_mouse(void);
static void	input_resize(void);

/* A key: what it does to the input line, or else what it does. */
struct input_key {
	int	  key;		/* a character or a KEY_ code */
	void	(*edit)(struct edit *);
	void	(*fn)(void);
};

/* What a key does. */
static const struct input_key input_keys[] = {
	{ KEY_ENTER, NULL, input_enter },
	{ '\r', NULL, input_enter },
	{ '\n', NULL, input_enter },
	{ KEY_BACKSPACE, edit_backspace, NULL },
	{ 127, edit_backspace, NULL },	/* DEL, as most send it */
	{ CTRL('H'), edit_backspace, NULL },
	{ KEY_DC, edit_delete, NULL },
	{ KEY_LEFT, edit_left, NULL },
	{ KEY_RIGHT, edit_right, NULL },
	{ KEY_HOME, edit_home, NULL },
	{ CTRL('A'), edit_home, NULL },
	{ KEY_END, edit_end, NULL },
	{ CTRL('E'), edit_end, NULL },
	{ CTRL('W'), edit_cut_word, NULL },
	{ CTRL('U'), edit_cut_before, NULL },
	{ CTRL('K'), edit_cut_after, NULL },
	{ CTRL('Y'), edit_yank, NULL },
	{ KEY_UP, edit_history_prev, NULL },
	{ KEY_DOWN, edit_history_next, NULL },
	{ KEY_PPAGE, NULL, input_page_up },
	{ KEY_NPAGE, NULL, input_page_down },
	{ CTRL('N'), NULL, input_next_window },
	{ CTRL('P'), NULL, input_prev_window },
	{ '\t', NULL, complete_word },
	{ CTRL('L'), NULL, ui_resize },		/* the whole screen again */
	{ KEY_F(7), NULL, input_nicklist },
	{ KEY_F(11), NULL, input_nicks_up },
	{ KEY_F(12), NULL, input_nicks_down },
	{ KEY_MOUSE, NULL, input_mouse },
	{ KEY_RESIZE, NULL, input_resize },
};

/* What a key does after an escape (Alt). Alt-0 to Alt-9 go to windows. */
static const struct input_key input_alt_keys[] = {
	{ 'b', edit_word_left, NULL },
	{ 'f', edit_word_right, NULL },
	{ '\r', NULL, input_newline },
	{ '\n', NULL, input_newline },
	{ KEY_ENTER, NULL, input_newline },
};

static void
input_enter(void)
{
	struct edit	*e = &cu.edit;
	char		*line;

	/* A held paste is sent by Enter on an empty input line. */
	if (paste_asking() && e->len == 0) {
		paste_answer(1);
		return;
	}
	line = edit_take(e);
	/*
	 * Inside a paste, or one of a read's several lines: held, in order,
	 * the read's first line with them.
	 */
	if (cu.pasting || (paste_pending() && !paste_asking()) ||
	    input_batch_lines > 0) {
		if (input_typed != NULL)
			paste_add(input_typed);
		input_typed = NULL;
		paste_add(line);
	} else
		input_typed = line;
	input_batch_lines++;
}

/*
 * Alt-Enter (or Shift-Enter): a line break in what is typed, which is then
 * sent as one message of several lines.
 */
static void
input_newline(void)
{
	edit_insert(&cu.edit, L'\n');
}

static void
input_page_up(void)
{
	input_scroll(ui_geometry()->pane.h / 2);
}

static void
input_page_down(void)
{
	input_scroll(-ui_geometry()->pane.h / 2);
}

static void
input_nicklist(void)
{
	cu.show_nicklist = !cu.show_nicklist;
}

static void
input_nicks_up(void)
{
	cu.current->nick_top -= ui_geometry()->nicklist.h - 2;
}

static void
input_nicks_down(void)
{
	cu.current->nick_top += ui_geometry()->nicklist.h - 2;
}

static void
input_next_window(void)
{
	struct window	*w = TAILQ_NEXT(cu.current, entry);

	window_show(w != NULL ? w : window_server());
}

static void
input_prev_window(void)
{
	struct window	*w = TAILQ_PREV(cu.current, window_list, entry);

	window_show(w != NULL ? w : TAILQ_LAST(&cu.windows, window_list));
}

/* The wheel: over the nick list it scrolls that, else the messages. */
static void
input_mouse(void)
{
	const struct layout	*l = ui_geometry();
	MEVENT			 mev;
	int			 step;

	if (getmouse(&mev) != OK)
		return;
	step = (mev.bstate & BUTTON4_PRESSED) ? 3 :
	    (mev.bstate & BUTTON5_PRESSED) ? -3 : 0;
	if (l->nicklist.w > 0 && mev.x >= l->nicklist.x)
		cu.current->nick_top -= step;
	else
		input_scroll(step);
}

/* resizeterm() queues KEY_RESIZE; SIGWINCH has done the work. */
static void
input_resize(void)
{
}

static void
input_scroll(int rows)
{
	struct window	*w = cu.current;

	w->scroll += rows;
	if (w->scroll < 0)
		w->scroll = 0;
	model_changed();
}

/*
 * One key: a character, or a function key (fkey) such as KEY_LEFT; alt is
 * set when it came after an escape.
 */
static void
input_key(wint_t key, int fkey, int alt)
{
	const struct input_key	*keys = alt ? input_alt_keys : input_keys;
	size_t			 n = alt ? sizeof input_alt_keys /
				    sizeof input_alt_keys[0] : sizeof input_keys /
				    sizeof input_keys[0], i;
	const char		*name;

	/* Only Tab after Tab goes on to the next match. */
	if (fkey || key != '\t')
		complete_end();
	if (alt && !fkey && key >= '0' && key <= '9') {
		window_show(window_by_number(key == '0' ? 10 : key - '0'));
		return;
	}
	if (!alt && !fkey && key >= ' ' && key != 127) {
		edit_insert(&cu.edit, (wchar_t)key);
		model_changed();
		return;
	}
	for (i = 0; i < n; i++) {
		if (keys[i].key == (int)key) {
			if (keys[i].edit != NULL)
				keys[i].edit(&cu.edit);
			else
				keys[i].fn();
			model_changed();
			return;
		}
	}
	if (!alt && fkey && (name = keyname((int)key)) != NULL)
		input_named_key(name);
}

/* Keys known by their terminfo names: Alt-Left/Right, Ctrl-Home/End. */
static void
input_named_key(const char *name)
{
	struct window	*w;

	if (strcmp(name, "kHOM5") == 0)
		input_scroll(cu.scrollback * UI_ROWS_MAX);
	else if (strcmp(name, "kEND5") == 0)
		input_scroll(-cu.current->scroll);
	else if (strcmp(name, "kLFT3") == 0) {
		w = TAILQ_PREV(cu.current, window_list, entry);
		window_show(w != NULL ? w : TAILQ_LAST(&cu.windows,
		    window_list));
	} else if (strcmp(name, "kRIT3") == 0) {
		w = TAILQ_NEXT(cu.current, entry);
		window_show(w != NULL ? w : window_server());
	}
	model_changed();
}

/*
 * An escape sequence the terminal description did not turn into a key
 * (ESC [ ... final): Alt-Left/Right and Ctrl-Home/End as xterm sends them.
 */
static void
input_csi(void)
{
	static const struct {
		const char	*seq;
		const char	*name;
	} csi[] = {
		{ "1;3D", "kLFT3" }, { "1;3C", "kRIT3" },
		{ "1;5H", "kHOM5" }, { "1;5F", "kEND5" },
	};
	char	seq[16];
	wint_t	key;
	size_t	n = 0, i;
	int	r;

	while ((r = wget_wch(ui_input_window(), &key)) == OK && n < sizeof seq - 1) {
		seq[n++] = (char)key;
		if (key >= 0x40 && key <= 0x7e)
			break;
	}
	seq[n] = '\0';
	/* Bracketed paste (ui_init() asked the terminal for it). */
	if (strcmp(seq, "200~") == 0) {
		cu.pasting = 1;
		return;
	}
	if (strcmp(seq, "201~") == 0) {
		cu.pasting = 0;
		paste_settle();
		return;
	}
	/* Shift-Enter, as xterm (modifyOtherKeys) and kitty report it. */
	if (strcmp(seq, "27;2;13~") == 0 || strcmp(seq, "13;2u") == 0) {
		input_newline();
		model_changed();
		return;
	}
	for (i = 0; i < sizeof csi / sizeof csi[0]; i++) {
		if (strcmp(seq, csi[i].seq) == 0)
			input_named_key(csi[i].name);
	}
}

/*
 * Read every key waiting on the terminal. One line typed is sent when the
 * read is over; several in one read are a paste (paste.c), as is whatever
 * comes between the terminal's paste brackets. An Esc alone answers no to
 * a held paste.
 */
void
input_read(void)
{
	wint_t	key;
	int	r, alt = 0;
	char	*typed;

	input_batch_lines = 0;
	input_typed = NULL;
	while ((r = wget_wch(ui_input_window(), &key)) != ERR) {
		if (r == OK && key == 27) {
			if (alt && paste_asking())
				paste_answer(0);
			alt = 1;
			continue;
		}
		if (alt && r == OK && key == '[') {
			input_csi();
			alt = 0;
			continue;
		}
		input_key(key, r == KEY_CODE_YES, alt);
		alt = 0;
	}
	if (alt && paste_asking()) {
		paste_answer(0);
		model_changed();
	}
	if (input_typed != NULL) {
		command_input(input_typed);
		free(input_typed);
		input_typed = NULL;
	}
	/* Being typed, told to the others (+typing). */
	typed = edit_string(&cu.edit);
	typing_input(typed);
	free(typed);
}
