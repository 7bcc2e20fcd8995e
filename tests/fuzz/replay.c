/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Runs a fuzz target over files, without libFuzzer: the normal test suite
 * replays every corpus and regression input this way, so a bug the fuzzer
 * once found stays fixed in every build.
 */

#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
replay_file(const char *path)
{
	FILE	*f;
	uint8_t	*buf;
	long	 size;

	if ((f = fopen(path, "rb")) == NULL)
		return (-1);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	buf = malloc(size > 0 ? size : 1);
	if (fread(buf, 1, size, f) != (size_t)size) {
		fclose(f);
		free(buf);
		return (-1);
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, size);
	free(buf);
	return (0);
}

int
main(int argc, char **argv)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		 path[4096];
	int		 i, n = 0;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) != 0)
			continue;
		if (!S_ISDIR(st.st_mode)) {
			n += replay_file(argv[i]) == 0;
			continue;
		}
		if ((d = opendir(argv[i])) == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof path, "%s/%s", argv[i], de->d_name);
			n += replay_file(path) == 0;
		}
		closedir(d);
	}
	printf("%d inputs replayed\n", n);
	return (n > 0 ? 0 : 1);
}
