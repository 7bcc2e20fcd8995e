/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * mIRC colours on the terminal: codes 0-15 to the ANSI colours they mean
 * (4 is red, not curses' colour 4, blue), 16-98 to the 256-colour palette
 * (the table of modern.ircdocs.horse), each foreground and background pair
 * a curses pair of its own (ncurses' alloc_pair). A terminal of 16 colours
 * shows 0-15 as they are and the extended ones in its default colour; one
 * of 8 shows the bright half as the dark half made bold.
 */

#include "config.h"

#include "chatui.h"

/* The ANSI colour of each mIRC colour; 99 (and past it) is the default. */
static const short style_ansi[99] = {
	/* 0-15: white, black, blue, green, red, brown, magenta, orange, */
	/* yellow, light green, cyan, light cyan, light blue, pink, grey... */
	15, 0, 4, 2, 9, 1, 5, 3, 11, 10, 6, 14, 12, 13, 8, 7,
	/* 16-98: the extended palette, in the 256 colours. */
	52, 94, 100, 58, 22, 29, 23, 24, 17, 54, 53, 89,
	88, 130, 142, 64, 28, 35, 30, 25, 18, 91, 90, 125,
	124, 166, 184, 106, 34, 49, 37, 33, 19, 129, 127, 161,
	196, 208, 226, 154, 46, 86, 51, 75, 21, 171, 201, 198,
	203, 215, 227, 191, 83, 122, 87, 111, 63, 177, 207, 205,
	217, 223, 229, 193, 157, 158, 159, 153, 147, 183, 219, 212,
	16, 233, 235, 237, 239, 241, 244, 247, 250, 254, 231
};

/*
 * The terminal colour for mIRC colour m on a terminal of ncolours, or -1
 * (the default); *bold is set when only bold can make it bright.
 */
int
style_colour(int m, int ncolours, int *bold)
{
	int	c;

	if (m < 0 || m >= (int)(sizeof style_ansi / sizeof style_ansi[0]))
		return (-1);
	c = style_ansi[m];
	if (c < ncolours)
		return (c);
	if (c < 16 && ncolours >= 8) {
		if (bold != NULL)
			*bold = 1;
		return (c - 8);
	}
	return (-1);
}
