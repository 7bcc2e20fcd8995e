/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Translation wrappers for text a person reads; protocol text never uses them.
 */

#ifndef CHAT_I18N_H
#define CHAT_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s)	gettext(s)
#else
#define _(s)	(s)
#define ngettext(s, p, n)	((n) == 1 ? (s) : (p))
#endif
#define N_(s)	(s)

/*
 * setlocale(LC_ALL, "") and the catalogue (LOCALEDIR, or CHAT_LOCALEDIR
 * when set), at the start of main.
 */
void	i18n_init(void);

#endif
