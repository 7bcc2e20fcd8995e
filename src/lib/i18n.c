/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The locale and the message catalogue, set up the same way in both
 * programs. CHAT_LOCALEDIR names another catalogue directory, for a run
 * from the build tree (the tests use it with po/'s catalogues).
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "i18n.h"

void
i18n_init(void)
{
#ifdef ENABLE_NLS
	const char	*dir = getenv("CHAT_LOCALEDIR");
#endif

	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	bindtextdomain(PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
	textdomain(PACKAGE);
#endif
}
