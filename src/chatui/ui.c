/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The terminal: curses set-up, the four areas (message pane, nick list,
 * status line, input line) drawn at most once per loop turn with
 * wnoutrefresh and one doupdate, and the keys (catgirl's ui.c, input.c).
 */

#include "config.h"

#include <sys/ioctl.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <wchar.h>

#include <event2/event.h>

#include "casemap.h"
#include "chatui.h"
#include "i18n.h"
#include "texts.h"


static WINDOW	*ui_title, *ui_pane, *ui_sep, *ui_nicks, *ui_status, *ui_inwin;
static struct layout ui_layout;
static int	 ui_dirty;
static int	 ui_scheduled;
static long long ui_last_draw;	/* ms, ui_now_ms() */
static unsigned int ui_layout_gen;	/* windows made anew */
static int	 ui_colours;
static int	 ui_below;	/* lines under the view, scrolled up */
/* Pairs 1-16 are colours 0-15 on the default background (ui_init()). */
#define UI_PAIR_GREEN	3
#define UI_PAIR_YELLOW	4

WINDOW		*ui_input_window(void);
static void	ui_make_windows(void);
static void	ui_free_windows(void);
static void	ui_draw_pane(void);
static void	ui_draw_nicklist(void);
static void	ui_redraw_later(void);
static void	ui_pane_forget(void);
static void	ui_draw_status(void);
static void	ui_draw_title(void);
static void	ui_draw_bar(WINDOW *, const char *);
static void	ui_draw_input(void);
static void	ui_put(WINDOW *, const char *, size_t, attr_t, short);
static void	ui_put_text(WINDOW *, const char *, size_t, attr_t, int);
static short	ui_nick_pair(const char *);
static void	ui_put_event(struct line *, const char *, size_t, size_t,
		    size_t);
static void	ui_put_marker(int, int);
static void	ui_links_find(const char *, size_t *, int, int, size_t, int);
static void	ui_links_emit(void);
static int	ui_input_rows(void);
static void	ui_line_text(struct line *, char *, size_t, size_t *,
		    size_t *);

/*
 * OSC 8 hyperlinks: curses cannot put a link in a cell, so once a frame is
 * drawn, each link in view is written again over itself, the same text in
 * the same place, inside the terminal's hyperlink sequence, the cursor
 * and attributes saved and restored around it (DECSC, DECRC). Only where
 * the terminal is known to take them (hyperlinks = auto), or as the
 * setting says.
 */
#define UI_LINKS_MAX	32
static struct {
	int	 y, x;
	char	*url;
	char	*text;
} ui_links[UI_LINKS_MAX];
static int	ui_nlinks;
static int	ui_hyperlinks;

/* Whether to write hyperlinks: the setting, or what the terminal is. */
static int
ui_hyperlinks_wanted(void)
{
	const char	*set = cu.hyperlinks_setting, *term = getenv("TERM");
	const char	*prog = getenv("TERM_PROGRAM"), *vte = getenv("VTE_VERSION");

	if (set != NULL && strcmp(set, "yes") == 0)
		return (1);
	if (set != NULL && strcmp(set, "no") == 0)
		return (0);
	/* tmux and screen (before tmux 3.4) drop them: not inside. */
	if (getenv("TMUX") != NULL || getenv("STY") != NULL)
		return (0);
	if (getenv("KITTY_WINDOW_ID") != NULL || getenv("WT_SESSION") != NULL ||
	    getenv("WEZTERM_PANE") != NULL || (vte != NULL && atoi(vte) >= 5000))
		return (1);
	if (prog != NULL && (strcmp(prog, "iTerm.app") == 0 ||
	    strcmp(prog, "WezTerm") == 0 || strcmp(prog, "vscode") == 0))
		return (1);
	return (term != NULL && (strncmp(term, "foot", 4) == 0 ||
	    strcmp(term, "xterm-kitty") == 0 || strcmp(term, "alacritty") == 0));
}

/* The window keys are read from (input.c). */
WINDOW *
ui_input_window(void)
{
	return (ui_inwin);
}

/* Where everything is on the screen now. */
const struct layout *
ui_geometry(void)
{
	return (&ui_layout);
}

/* A setting changed at run time (/set): what the screen reads of them. */
void
ui_settings_changed(void)
{
	ui_hyperlinks = ui_hyperlinks_wanted();
	ui_pane_forget();
	ui_redraw_later();
}

static void
ui_links_clear(void)
{
	while (ui_nlinks > 0) {
		ui_nlinks--;
		free(ui_links[ui_nlinks].url);
		free(ui_links[ui_nlinks].text);
	}
}

/*
 * The links of a line's text that row r (of starts, rows in all) shows at
 * screen row y, column 0 or indent: kept to be written over themselves.
 */
static void
ui_links_find(const char *text, size_t *starts, int rows, int r,
    size_t indent, int y)
{
	const char	*p, *link, *row = text + starts[r], *end;
	char		*before;
	size_t		 len, a, b, k;

	end = r + 1 < rows ? text + starts[r + 1] : text + strlen(text);
	for (p = text; (link = format_link(text, p, &len)) != NULL &&
	    ui_nlinks < UI_LINKS_MAX; p = link + (len > 0 ? len : 4)) {
		if (link >= end || link + len <= row)
			continue;
		a = link > row ? (size_t)(link - row) : 0;
		b = (size_t)((link + len < end ? link + len : end) - row);
		while (b > a && (row[b - 1] == '\n' || row[b - 1] == ' '))
			b--;
		/* Text with formatting codes in it is left as curses drew it. */
		for (k = a; k < b && (unsigned char)row[k] >= 0x20; k++)
			continue;
		if (b <= a || k < b)
			continue;
		before = xstrndup(row, a);
		ui_links[ui_nlinks].y = ui_layout.pane.y + y;
		ui_links[ui_nlinks].x = ui_layout.pane.x + (r == 0 ? 0 :
		    (int)indent) + (int)format_width(before);
		free(before);
		ui_links[ui_nlinks].url = xstrndup(link, len);
		ui_links[ui_nlinks].text = xstrndup(row + a, b - a);
		ui_nlinks++;
	}
}

/* After the frame: each link in view written over itself as a link. */
static void
ui_links_emit(void)
{
	int	i;

	if (ui_nlinks == 0)
		return;
	fputs("\0337", stdout);
	for (i = 0; i < ui_nlinks; i++)
		printf("\033[%d;%dH\033[0m\033]8;;%s\033\\%s\033]8;;\033\\",
		    ui_links[i].y + 1, ui_links[i].x + 1, ui_links[i].url,
		    ui_links[i].text);
	fputs("\0338", stdout);
	fflush(stdout);
	ui_links_clear();
}

void
ui_init(void)
{
	int	i;

	initscr();
	cbreak();
	noecho();
	nonl();
	if (has_colors()) {
		start_color();
		use_default_colors();
		/* Pairs 1-16: mIRC colours 0-15 on the default background. */
		for (i = 0; i < 16 && i + 1 < COLOR_PAIRS; i++)
			init_pair(i + 1, (short)(i < COLORS ? i : 7), -1);
		ui_colours = 1;
	}
	mousemask(BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	/* Bracketed paste: the terminal marks where a paste starts and ends. */
	fputs("\033[?2004h", stdout);
	fflush(stdout);
	ui_hyperlinks = ui_hyperlinks_wanted();
	ui_make_windows();
}

/* Delete the four areas, if they are there. */
static void
ui_free_windows(void)
{
	if (ui_pane == NULL)
		return;
	delwin(ui_pane);
	delwin(ui_status);
	delwin(ui_inwin);
	if (ui_nicks != NULL)
		delwin(ui_nicks);
	if (ui_sep != NULL)
		delwin(ui_sep);
	if (ui_title != NULL)
		delwin(ui_title);
	ui_pane = ui_nicks = ui_status = ui_inwin = ui_sep = ui_title = NULL;
}

void
ui_end(void)
{
	ui_free_windows();
	endwin();
	fputs("\033[?2004l", stdout);
	fflush(stdout);
}

/* Lay the areas out for the terminal's size and the current window. */
static void
ui_make_windows(void)
{
	struct layout	*l = &ui_layout;

	ui_free_windows();
	ui_layout_gen++;
	layout_compute(LINES, COLS, cu.show_nicklist,
	    cu.current != NULL && cu.current->kind == WINDOW_CHANNEL,
	    ui_input_rows(), l);
	if (l->title.h > 0)
		ui_title = newwin(1, l->title.w, 0, 0);
	ui_pane = newwin(l->pane.h, l->pane.w, l->pane.y, l->pane.x);
	if (l->nicklist.w > 0) {
		ui_nicks = newwin(l->nicklist.h, l->nicklist.w, l->nicklist.y,
		    l->nicklist.x);
		/* The column between is always drawn: nothing stays in it. */
		ui_sep = newwin(l->separator.h, 1, l->separator.y,
		    l->separator.x);
		wvline(ui_sep, ACS_VLINE, l->separator.h);
		wnoutrefresh(ui_sep);
	}
	ui_status = newwin(1, l->status.w, l->status.y, 0);
	ui_inwin = newwin(l->input.h, l->input.w, l->input.y, 0);
	keypad(ui_inwin, TRUE);
	nodelay(ui_inwin, TRUE);
}

void
ui_resize(void)
{
	struct winsize	ws;

	if (ioctl(0, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	ui_make_windows();
	/* Everything is drawn anew: nothing of the old size is left. */
	clearok(curscr, TRUE);
	ui_redraw_later();
}

/*
 * Once a loop turn (chatui.c's loop, as tmux's server loop does): what
 * the model marked changed is drawn at its frame, and a mention rings.
 */
void
ui_update(void)
{
	static unsigned int	seen, seen_gen;
	unsigned int		gen = cu.current->nicks.gen;

	if (cu.bell) {
		cu.bell = 0;
		beep();
	}
	/* A nick list marks its own changes (nicklist.c is the model too). */
	if (cu.changed != seen || gen != seen_gen) {
		seen = cu.changed;
		seen_gen = gen;
		ui_redraw_later();
	}
}
/* Milliseconds on a clock that only goes forward. */
static long long
ui_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000LL + ts.tv_nsec / 1000000);
}

/*
 * Ask for one redraw: at the end of this loop turn, or, if the screen was
 * drawn less than UI_FRAME_MS ago, when that time is up. A busy channel
 * is then drawn 50 times a second, not once per message; what is typed is
 * drawn at once (ui_redraw_now()). Nothing is scheduled while nothing
 * changes, so an idle client never wakes up.
 */
static void
ui_redraw_later(void)
{
	struct timeval	tv;
	long long	wait;

	ui_dirty = 1;
	if (ui_scheduled || cu.redraw_ev == NULL)
		return;
	ui_scheduled = 1;
	wait = ui_last_draw + UI_FRAME_MS - ui_now_ms();
	if (wait <= 0) {
		event_active(cu.redraw_ev, EV_TIMEOUT, 0);
		return;
	}
	tv.tv_sec = 0;
	tv.tv_usec = wait * 1000;
	evtimer_add(cu.redraw_ev, &tv);
}

/*
 * What was typed shows at once, whatever the frame time: the input line
 * alone, a few bytes to the terminal; the rest waits for its frame.
 */
void
ui_redraw_now(void)
{
	if (ui_inwin == NULL)
		return;
	ui_draw_input();
	doupdate();
}

void
ui_draw(void)
{
	struct layout	l;

	if (cu.redraw_ev != NULL)
		evtimer_del(cu.redraw_ev);
	ui_scheduled = 0;
	if (!ui_dirty || ui_pane == NULL)
		return;
	ui_dirty = 0;
	ui_last_draw = ui_now_ms();
	layout_compute(LINES, COLS, cu.show_nicklist,
	    cu.current->kind == WINDOW_CHANNEL, ui_input_rows(), &l);
	if (memcmp(&l, &ui_layout, sizeof l) != 0)
		ui_make_windows();
	ui_draw_title();
	ui_draw_pane();
	ui_draw_nicklist();
	ui_draw_status();
	ui_draw_input();
	doupdate();
	ui_links_emit();
}

/*
 * The title bar: the window's name and its topic (a channel's), or who
 * a private window is with, or the server; drawn again only when it
 * changes.
 */
static void
ui_draw_title(void)
{
	static unsigned int	 drawn_layout;
	static char		 drawn[1024];
	struct window		*w = cu.current;
	char			 line[1024];
	const char		*topic = w->topic != NULL ? w->topic : "";

	if (ui_title == NULL)
		return;
	if (w->kind == WINDOW_CHANNEL)
		snprintf(line, sizeof line, " %s (%d): %s", w->name,
		    w->nicks.n, *topic != '\0' ? topic : _("(no topic)"));
	else if (w->kind == WINDOW_QUERY)
		snprintf(line, sizeof line, _(" %s: a private conversation"),
		    w->name);
	else if (w->kind == WINDOW_SEARCH)
		snprintf(line, sizeof line, _(" Search results for %s"),
		    w->name + 1);
	else
		snprintf(line, sizeof line, " %s", cu.server_name != NULL ?
		    cu.server_name : cu.host);
	if (drawn_layout == ui_layout_gen && strcmp(drawn, line) == 0)
		return;
	drawn_layout = ui_layout_gen;
	snprintf(drawn, sizeof drawn, "%s", line);
	ui_draw_bar(ui_title, line);
}

/* A one-row bar (the title, the status line): line in reverse video. */
static void
ui_draw_bar(WINDOW *win, const char *line)
{
	static int	pair = -1;
	attr_t		attr = A_REVERSE;

	/* White on blue where there are colours (as WeeChat's bars). */
	if (ui_colours && pair == -1)
		pair = alloc_pair(COLOR_WHITE, COLOR_BLUE);
	werase(win);
	if (ui_colours && pair > 0 && pair <= SHRT_MAX) {
		attr = A_NORMAL;
		wbkgd(win, COLOR_PAIR(pair));
	} else
		wbkgd(win, A_REVERSE);
	wmove(win, 0, 0);
	ui_put(win, line, strlen(line), attr, ui_colours && pair > 0 &&
	    pair <= SHRT_MAX ? (short)pair : 0);
	wnoutrefresh(win);
}

/*
 * The curses pair for mIRC colours fg and bg (-1: none), or dflt without
 * colours; *bright says whether bold stands in for a bright colour.
 */
static short
ui_mirc_pair(int fg, int bg, short dflt, int *bright)
{
	int	f, b, p;

	*bright = 0;
	if (!ui_colours)
		return (dflt);
	f = style_colour(fg, COLORS, bright);
	b = style_colour(bg, COLORS, NULL);
	if (f == -1 && b == -1)
		return (dflt);
	if ((p = alloc_pair(f, b)) == -1 || p > SHRT_MAX)
		return (dflt);
	return ((short)p);
}

/*
 * Put len bytes of UTF-8 with mIRC codes: bold, italic, underline,
 * reverse, colours (foreground and background) and reset become curses
 * attributes.
 */
static void
ui_put(WINDOW *win, const char *s, size_t len, attr_t base, short pair)
{
	const char	*end = s + len;
	attr_t		 attr = base;
	short		 colour = pair;
	mbstate_t	 ps;
	size_t		 n;
	wchar_t		 wc;
	int		 fg = -1, bg = -1, bright = 0;

	memset(&ps, 0, sizeof ps);
	while (s < end) {
		switch (*s) {
		case '\002':
			attr ^= A_BOLD;
			s++;
			continue;
		case '\035':
			attr ^= A_ITALIC;
			s++;
			continue;
		case '\037':
			attr ^= A_UNDERLINE;
			s++;
			continue;
		case '\026':
			attr ^= A_REVERSE;
			s++;
			continue;
		case '\017':
			attr = base;
			colour = pair;
			fg = bg = -1;
			bright = 0;
			s++;
			continue;
		case '\036': case '\021':
			s++;
			continue;
		case '\003':
			s++;
			if (s >= end || *s < '0' || *s > '9') {
				/* A bare ^C: the colours end. */
				fg = bg = -1;
				bright = 0;
				colour = pair;
				continue;
			}
			fg = *s++ - '0';
			if (s < end && *s >= '0' && *s <= '9')
				fg = fg * 10 + (*s++ - '0');
			if (s + 1 < end && *s == ',' && s[1] >= '0' &&
			    s[1] <= '9') {
				s++;
				bg = *s++ - '0';
				if (s < end && *s >= '0' && *s <= '9')
					bg = bg * 10 + (*s++ - '0');
			}
			colour = ui_mirc_pair(fg, bg, pair, &bright);
			continue;
		}
		n = mbrtowc(&wc, s, end - s, &ps);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ps, 0, sizeof ps);
			wattr_set(win, attr, colour, NULL);
			waddch(win, '?');
			s++;
			continue;
		}
		wattr_set(win, attr | (bright ? A_BOLD : 0), colour, NULL);
		if (wc < 0x20)
			waddch(win, ' ');
		else
			waddnstr(win, s, (int)n);
		s += n;
	}
	wattr_set(win, A_NORMAL, 0, NULL);
}

/*
 * The text of a line as shown: "[HH:MM] <nick> text"; *indent gets the
 * width of what comes before the text, for the wrapped rows, and *head the
 * bytes of the stamp and the nick part.
 */
static void
ui_line_text(struct line *l, char *buf, size_t size, size_t *indent,
    size_t *head_bytes)
{
	struct tm	tm;
	char		stamp[16], head[NICK_MAX + 32];
	time_t		when = l->when;

	localtime_r(&when, &tm);
	strftime(stamp, sizeof stamp, "[%H:%M] ", &tm);
	format_line_head(l, 1, " ", head, sizeof head);
	snprintf(buf, size, "%s%s%s", stamp, head, line_text(l));
	*indent = format_width(stamp) + format_width(head);
	*head_bytes = strlen(stamp) + strlen(head);
}

/*
 * What the pane shows since its last frame: when only lines were added at
 * the end of the same window, seen from its end, the pane is scrolled by
 * their rows and only those are drawn (at 1,000 messages a second a frame
 * adds 20 lines to the 48 rows on screen, and drawing a row is most of
 * its cost: curses reads every character of it again).
 */
static struct {
	struct window	*w;		/* NULL: draw it all */
	unsigned long	 serial;	/* w's (its memory may be another's) */
	unsigned int	 layout;
	unsigned int	 edits;
	unsigned long	 appended;
	long		 mark;		/* the marked line, as appends count */
} ui_shown;

/* The rows the last n lines of w take in the pane (at most max). */
static int
ui_pane_rows(struct window *w, unsigned long n, int max)
{
	char	text[MULTILINE_MAX_BYTES + 1024];
	size_t	starts[UI_ROWS_MAX], indent, head;
	int	i, rows = 0;

	for (i = w->buf.n - 1; i >= w->buf.n - (int)n && rows < max; i--) {
		ui_line_text(buffer_line(&w->buf, i), text, sizeof text,
		    &indent, &head);
		rows += format_wrap(text, ui_layout.pane.w, (int)indent,
		    starts, UI_ROWS_MAX);
	}
	return (rows);
}

/*
 * Whether the pane can be scrolled up by what was added since its last
 * frame: then the first line index to draw, and the rows scrolled; -1 if
 * it is to be drawn whole.
 */
static int
ui_pane_added(struct window *w, long mark, int *scrolled)
{
	unsigned long	added = w->buf.appended - ui_shown.appended;

	if (ui_shown.w != w || ui_shown.serial != w->serial ||
	    ui_shown.layout != ui_layout_gen ||
	    ui_shown.edits != w->buf.edits || ui_shown.mark != mark ||
	    w->scroll != 0 || ui_hyperlinks || added > (unsigned long)w->buf.n)
		return (-1);
	if ((*scrolled = ui_pane_rows(w, added, ui_layout.pane.h)) >=
	    ui_layout.pane.h)
		return (-1);
	return (w->buf.n - (int)added);
}

/* The pane is to be drawn whole at its next frame. */
static void
ui_pane_forget(void)
{
	ui_shown.w = NULL;
}

static void
ui_draw_pane(void)
{
	struct window	*w = cu.current;
	struct line	*l;
	char		 text[MULTILINE_MAX_BYTES + 1024];
	size_t		 starts[UI_ROWS_MAX], indent, end, head, stamp;
	int		 height = ui_layout.pane.h, width = ui_layout.pane.w;
	int		 row = height, skip = w->scroll, i, rows, r, mark;
	int		 stop, scrolled;
	long		 marked;
	attr_t		 attr;
	short		 pair;

	ui_below = 0;
	ui_links_clear();
	mark = readmark_index(w);
	marked = mark == -1 ? -1 : (long)(w->buf.appended -
	    (unsigned long)w->buf.n) + mark;
	if ((stop = ui_pane_added(w, marked, &scrolled)) != -1) {
		if (scrolled > 0) {
			scrollok(ui_pane, TRUE);
			wscrl(ui_pane, scrolled);
			scrollok(ui_pane, FALSE);
		}
	} else {
		werase(ui_pane);
		stop = 0;
	}
	ui_shown.w = w->scroll == 0 ? w : NULL;
	ui_shown.serial = w->serial;
	ui_shown.layout = ui_layout_gen;
	ui_shown.edits = w->buf.edits;
	ui_shown.appended = w->buf.appended;
	ui_shown.mark = marked;
	for (i = w->buf.n - 1; i >= stop && row > 0; i--) {
		/* Above the first unread line: where the user stopped. */
		if (i == mark - 1) {
			if (skip > 0)
				skip--;
			else {
				row--;
				ui_put_marker(row, width);
				if (row == 0)
					break;
			}
		}
		l = buffer_line(&w->buf, i);
		/* A line scrolled out of view, at least in part: below. */
		if (skip > 0)
			ui_below++;
		ui_line_text(l, text, sizeof text, &indent, &head);
		rows = format_wrap(text, width, (int)indent, starts, UI_ROWS_MAX);
		attr = l->kind == LINE_EVENT || (l->flags & LINE_DELETED) ?
		    A_DIM : A_NORMAL;
		for (r = rows - 1; r >= 0 && row > 0; r--) {
			if (skip > 0) {
				skip--;
				continue;
			}
			row--;
			end = r + 1 < rows ? starts[r + 1] : strlen(text);
			/* A multiline message's break is not drawn. */
			if (end > starts[r] && text[end - 1] == '\n')
				end--;
			wmove(ui_pane, row, r == 0 ? 0 : (int)indent);
			stamp = strlen("[00:00] ");
			if (r == 0 && l->kind == LINE_EVENT && head <= end) {
				ui_put_event(l, text, stamp, head, end);
				continue;
			}
			if (r == 0 && l->nicklen != 0 && head <= end) {
				/* The stamp plain, the nick in its colour. */
				pair = ui_nick_pair(line_nick(l));
				/* History's time dimmed: said before we came. */
				ui_put(ui_pane, text, stamp, attr |
				    ((l->flags & LINE_HISTORY) ? A_DIM : 0), 0);
				ui_put(ui_pane, text + stamp, head - stamp,
				    attr | A_BOLD, pair);
				ui_put_text(ui_pane, text + head, end - head, attr,
				    l->flags & LINE_MENTION);
			} else
				ui_put_text(ui_pane, text + starts[r],
				    end - starts[r], attr, l->flags & LINE_MENTION);
			if (ui_hyperlinks && attr == A_NORMAL &&
			    !(l->flags & LINE_HISTORY))
				ui_links_find(text, starts, rows, r, indent,
				    row);
		}
	}
	/* The end in view: read. */
	if (w->scroll == 0)
		readmark_seen(w);
	/* Scrolled up to the oldest line: older ones from the server. */
	if (i < 0 && w->scroll > 0)
		history_before(w);
	/* Scrolled past the oldest line: stop at it, and draw again. */
	if (skip > 0 && w->scroll > 0) {
		w->scroll -= skip + row;
		if (w->scroll < 0)
			w->scroll = 0;
		ui_pane_forget();
		ui_draw_pane();
		return;
	}
	wnoutrefresh(ui_pane);
}

static void
ui_draw_nicklist(void)
{
	struct window	*w = cu.current;
	struct member	*m;
	int		 i, row, h = ui_layout.nicklist.h, top;
	char		 mark;

	static struct window	*drawn_w;
	static unsigned int	 drawn_layout, drawn_gen;
	static int		 drawn_top = -1;
	static char		 drawn_me[NICK_MAX + 1];

	if (ui_nicks == NULL)
		return;
	/* Drawn again only when the members, the window or the size change. */
	/* Scrolled no further than the last page (F11, F12, the wheel). */
	if (w->nick_top > w->nicks.n - h)
		w->nick_top = w->nicks.n - h;
	if (w->nick_top < 0)
		w->nick_top = 0;
	top = w->nick_top;
	if (drawn_layout == ui_layout_gen && drawn_w == w &&
	    drawn_gen == w->nicks.gen && drawn_top == top &&
	    strcmp(drawn_me, cu.me) == 0)
		return;
	drawn_layout = ui_layout_gen;
	drawn_w = w;
	drawn_gen = w->nicks.gen;
	drawn_top = top;
	snprintf(drawn_me, sizeof drawn_me, "%s", cu.me);
	werase(ui_nicks);
	for (row = 0; row < h && top + row < w->nicks.n; row++) {
		i = top + row;
		m = &w->nicks.members[i];
		/* The first and last rows say how many more there are. */
		if ((row == 0 && top > 0) || (row == h - 1 && h > 1 &&
		    i < w->nicks.n - 1)) {
			wmove(ui_nicks, row, 0);
			wattr_set(ui_nicks, A_DIM, 0, NULL);
			wprintw(ui_nicks,  row == 0 ? " \u2191 %d" : " \u2193 %d",
			    row == 0 ? top : w->nicks.n - i);
			continue;
		}
		/* @ green, + yellow; one's own nick in bold, to find it. */
		mark = (m->modes & MEMBER_OP) ? '@' :
		    (m->modes & MEMBER_VOICE) ? '+' : ' ';
		wmove(ui_nicks, row, 0);
		wattr_set(ui_nicks, A_BOLD, ui_colours && mark != ' ' ?
		    (mark == '@' ? UI_PAIR_GREEN : UI_PAIR_YELLOW) : 0, NULL);
		waddch(ui_nicks, (chtype)mark);
		/* Away: dim, as WeeChat and irssi show it. */
		wattr_set(ui_nicks, (casemap_cmp(m->nick, cu.me) == 0 ?
		    A_BOLD | A_UNDERLINE : A_NORMAL) |
		    ((m->modes & MEMBER_AWAY) ? A_DIM : 0), 0, NULL);
		wprintw(ui_nicks, "%.*s", ui_layout.nicklist.w - 1, m->nick);
		/* Cut visibly: the last column says there is more. */
		if ((int)strlen(m->nick) > ui_layout.nicklist.w - 1)
			mvwaddch(ui_nicks, row, ui_layout.nicklist.w - 1, '~');
	}
	wattr_set(ui_nicks, A_NORMAL, 0, NULL);
	wnoutrefresh(ui_nicks);
}

/*
 * The status line: the time, who we are (modes, away, account), the
 * server and lag, what waits to be sent, the window (a channel's modes
 * and how many are in it), the activity list and who is typing. Where it
 * does not fit, whole fields go, the least needed first (lag, server,
 * time, the channel's field, the account), rather than the end being cut.
 */
static void
ui_draw_status(void)
{
	struct window	*w, *cur = cu.current;
	char		 line[1024], act[512], stamp[16], lag[32], queue[384];
	char		 account[NICK_MAX + 32], typing[NICK_MAX * 2 + 64];
	char		 chan[64], plain[1024];
	size_t		 n = 0;
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 num = 1, drop;

	*act = '\0';
	TAILQ_FOREACH(w, &cu.windows, entry) {
		/* A mention in bold, the others plain. */
		if (w->unread > 0 && w != cur)
			n += snprintf(act + n, sizeof act - n, "%s%s%d%s%s",
			    n == 0 ? "" : ",", w->mention ? "\002" : "", num,
			    w->mention ? "!" : "", w->mention ? "\002" : "");
		num++;
		if (n >= sizeof act)
			break;
	}
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%H:%M", &tm);
	*lag = '\0';
	if (cu.registered && cu.lag_ms >= 0)
		snprintf(lag, sizeof lag, _(" [lag %.2fs]"), cu.lag_ms / 1000.0);
	/* What waits to be sent, and a paste that waits for a yes. */
	*queue = '\0';
	if (paste_asking())
		snprintf(queue, sizeof queue, ngettext(" [paste of %d line: "
		    "Enter/Esc]", " [paste of %d lines: Enter/Esc]", cu.npaste),
		    cu.npaste);
	else if (cu.nqueued > 0)
		snprintf(queue, sizeof queue, ngettext(" [%d line queued]",
		    " [%d lines queued]", cu.nqueued), cu.nqueued);
	/* Scrolled up: how many lines wait under the view. */
	if (cur->scroll > 0 && ui_below > 0) {
		n = strlen(queue);
		snprintf(queue + n, sizeof queue - n, _(" [-- more (%d) --]"),
		    ui_below);
	}
	typing_status(cur, typing, sizeof typing);
	/* A file going up or coming down. */
	n = strlen(queue);
	xfer_status(queue + n, sizeof queue - n);
	n = strlen(queue);
	dcc_status(queue + n, sizeof queue - n);
	/* The account we are logged in to, if any. */
	*account = '\0';
	if (cu.account_now != NULL && cu.registered)
		snprintf(account, sizeof account, _(" [account %s]"),
		    cu.account_now);
	/* A channel: its modes and how many are in it. */
	*chan = '\0';
	if (cur->kind == WINDOW_CHANNEL && cur->joined)
		snprintf(chan, sizeof chan, ngettext(" [%s%s%d person]",
		    " [%s%s%d people]", cur->nicks.n), cur->modes,
		    *cur->modes != '\0' ? ", " : "", cur->nicks.n);
	for (drop = 0; drop <= 5; drop++) {
		snprintf(line, sizeof line,
		    "%s%s%s [%s%s%s%s%s]%s%s%s%s%s%s%s [%d:%s]%s%s%s%s%s",
		    drop >= 3 ? "" : " [", drop >= 3 ? "" : stamp,
		    drop >= 3 ? "" : "]", cu.me, *cu.umodes != '\0' ? "(" : "",
		    cu.umodes, *cu.umodes != '\0' ? ")" : "",
		    cu.away ? _(" away") : "", drop >= 5 ? "" : account,
		    drop >= 2 ? "" : " [", drop >= 2 ? "" : cu.server_name !=
		    NULL ? cu.server_name : cu.host, cu.registered ? "" :
		    _(" (not connected)"), drop >= 2 ? "" : "]",
		    drop >= 1 ? "" : lag, queue, window_number(cur), cur->name,
		    drop >= 4 ? "" : chan, *act != '\0' ? _(" [Act: ") : "", act,
		    *act != '\0' ? "]" : "", typing);
		format_strip(line, plain, sizeof plain);
		if ((int)format_width(plain) <= ui_layout.status.w)
			break;
	}
	ui_draw_bar(ui_status, line);
}

/*
 * The input line, scrolled sideways to keep the cursor in view. Lines
 * typed with Alt-Enter are rows of their own, under the first's text, as
 * many as the layout gave it; the cursor's row is always among them.
 */
static void
ui_draw_input(void)
{
	struct edit	*e = &cu.edit;
	char		 prompt[64];
	size_t		 i, start, end, at, cur_start;
	int		 pw, width, col = 0, w, cur = 0, rows = ui_layout.input.h;
	int		 line = 0, cur_line = 0, first, row;

	snprintf(prompt, sizeof prompt, "[%s] ", cu.current->name);
	pw = (int)format_width(prompt);
	width = ui_layout.input.w - pw - 1;
	if (width < 1)
		width = 1;
	/* The cursor's line, and its column in it. */
	for (i = 0, cur_start = 0; i < e->pos; i++) {
		if (e->buf[i] == L'\n') {
			cur_line++;
			cur_start = i + 1;
		}
	}
	for (i = cur_start; i < e->pos; i++) {
		w = wcwidth(e->buf[i]);
		col += w < 0 ? 1 : w;
	}
	/* Scrolled sideways on its line until the cursor fits. */
	for (at = cur_start; col >= width && at < e->pos; at++) {
		w = wcwidth(e->buf[at]);
		col -= w < 0 ? 1 : w;
	}
	first = cur_line >= rows ? cur_line - rows + 1 : 0;
	werase(ui_inwin);
	mvwaddnstr(ui_inwin, 0, 0, prompt, -1);
	for (start = 0, row = 0; start <= e->len && row < rows; line++) {
		for (end = start; end < e->len && e->buf[end] != L'\n'; end++)
			continue;
		if (line >= first) {
			wmove(ui_inwin, row++, pw);
			cur = 0;
			for (i = line == cur_line ? at : start; i < end; i++) {
				w = wcwidth(e->buf[i]);
				if (cur + (w < 0 ? 1 : w) > width)
					break;
				waddnwstr(ui_inwin, &e->buf[i], 1);
				cur += w < 0 ? 1 : w;
			}
		}
		start = end + 1;
	}
	wmove(ui_inwin, cur_line - first, pw + col);
	wnoutrefresh(ui_inwin);
}

/*
 * The first row of an event: the time plain, "-!-" dim, its nick (if the
 * text begins with it) in its colour, the rest dim.
 */
static void
ui_put_event(struct line *l, const char *text, size_t stamp, size_t head,
    size_t end)
{
	const char	*nick = line_nick(l);
	size_t		 n = nick != NULL ? strlen(nick) : 0;

	ui_put(ui_pane, text, stamp, A_NORMAL, 0);
	ui_put(ui_pane, text + stamp, head - stamp, A_DIM, 0);
	if (n != 0 && head + n <= end && strncmp(text + head, nick, n) == 0) {
		ui_put(ui_pane, text + head, n, A_BOLD, ui_nick_pair(nick));
		head += n;
	}
	ui_put(ui_pane, text + head, end - head, A_DIM, 0);
}

/* The pair of a nick's colour (format_nick_colour()), or 0. */
static short
ui_nick_pair(const char *nick)
{
	int	p;

	if (!ui_colours)
		return (0);
	p = alloc_pair(format_nick_colour(nick, COLORS), -1);
	return (p == -1 || p > SHRT_MAX ? 0 : (short)p);
}

/*
 * A message's text; in a mention, each occurrence of one's own nick
 * stands out (reverse, bold), not the whole line.
 */
static void
ui_put_text(WINDOW *win, const char *s, size_t len, attr_t attr, int mention)
{
	const char	*p, *at;
	char		*row;
	size_t		 n, off = 0;

	if (!mention) {
		ui_put(win, s, len, attr, 0);
		return;
	}
	/* The nick and the highlight words, where this row has them. */
	row = xstrndup(s, len);
	for (p = row; (at = format_mention(row, p, cu.me,
	    cu.highlight_setting, &n)) != NULL && n > 0; p = at + n) {
		ui_put(win, s + off, (size_t)(at - row) - off, attr, 0);
		ui_put(win, s + (at - row), n, attr | A_BOLD | A_REVERSE, 0);
		off = (size_t)(at - row) + n;
	}
	ui_put(win, s + off, len - off, attr, 0);
	free(row);
}

/* The row "-- new messages --", centred in a dim rule. */
static void
ui_put_marker(int row, int width)
{
	const char	*text = T_(NEW_MESSAGES);
	int		 tw = (int)format_width(text), x;

	wattron(ui_pane, A_DIM);
	mvwhline(ui_pane, row, 0, ACS_HLINE, width);
	x = tw < width ? (width - tw) / 2 : 0;
	mvwaddnstr(ui_pane, row, x, text, -1);
	wattroff(ui_pane, A_DIM);
}

/* The rows the input line needs: one a line of what is typed. */
static int
ui_input_rows(void)
{
	const struct edit	*e = &cu.edit;
	size_t			 i;
	int			 rows = 1;

	for (i = 0; i < e->len; i++)
		rows += e->buf[i] == L'\n';
	return (rows);
}

