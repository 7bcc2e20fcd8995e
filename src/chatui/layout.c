/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Screen geometry, pure: from the terminal's size to the rectangles of the
 * title bar, the message pane, the column between it and the nick list,
 * the nick list, the status line and the input line (tmux's layout.c). The
 * nick list hides itself on narrow terminals, the title on the lowest;
 * the input line grows a row for each line of several typed in it.
 */

#include "config.h"

#include <string.h>

#include "chatui.h"

/* The nick list's width, and the narrowest terminal that still shows it. */
#define LAYOUT_NICKLIST_W	16
#define LAYOUT_NICKLIST_MIN	60
/* The most rows the input line grows to, with lines typed with Alt-Enter. */
#define LAYOUT_INPUT_MAX	5

void
layout_compute(int lines, int cols, int want_nicklist, int channel,
    int input_rows, struct layout *l)
{
	int	nw = 0, th, ih;

	memset(l, 0, sizeof *l);
	if (lines < 3)
		lines = 3;
	/* The input grows with its lines, leaving the pane half the rows. */
	ih = input_rows < 1 ? 1 : input_rows;
	if (ih > LAYOUT_INPUT_MAX)
		ih = LAYOUT_INPUT_MAX;
	while (ih > 1 && ih > (lines - 2) / 2)
		ih--;
	lines -= ih - 1;
	if (cols < 1)
		cols = 1;
	if (want_nicklist && channel && cols >= LAYOUT_NICKLIST_MIN)
		nw = LAYOUT_NICKLIST_W;
	/* The title, above the rest, once there are rows for it. */
	th = lines >= 4 ? 1 : 0;
	l->title.h = th;
	l->title.w = th > 0 ? cols : 0;
	l->pane.y = th;
	l->pane.x = 0;
	l->pane.h = lines - 2 - th;
	l->pane.w = nw > 0 ? cols - nw - 1 : cols;
	if (nw > 0) {
		l->separator.y = th;
		l->separator.x = cols - nw - 1;
		l->separator.h = lines - 2 - th;
		l->separator.w = 1;
		l->nicklist.y = th;
		l->nicklist.x = cols - nw;
		l->nicklist.h = lines - 2 - th;
		l->nicklist.w = nw;
	}
	l->status.y = lines - 2;
	l->status.w = cols;
	l->status.h = 1;
	l->input.y = lines - 1;
	l->input.w = cols;
	l->input.h = ih;
}
