/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Where files received go, shared by /download (xfer.c) and DCC (dcc.c):
 * ~/Downloads (made if missing) or a directory given; a name from the
 * network made safe (no directory, no control character, no dot file,
 * UTF-8); and a file saved under the first free name, "NAME", "NAME (1)",
 * ..., never over one that is there.
 */

#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "chatui.h"
#include "utf8.h"

/* dir with ~/ expanded, or ~/Downloads, made if missing (mode 0700). */
char *
download_dir(const char *dir)
{
	const char	*home = getenv("HOME");
	char		*path;

	if (dir != NULL && dir[0] == '~' && dir[1] == '/' && home != NULL)
		xasprintf(&path, "%s%s", home, dir + 1);
	else if (dir != NULL)
		path = xstrdup(dir);
	else {
		xasprintf(&path, "%s/Downloads", home != NULL ? home : ".");
		mkdir(path, 0700);
	}
	return (path);
}

/* A size for people: 2.1 MB. */
void
download_size(int64_t n, char *buf, size_t size)
{
	if (n >= 1073741824)
		snprintf(buf, size, "%.1f GB", n / 1073741824.0);
	else if (n >= 1048576)
		snprintf(buf, size, "%.1f MB", n / 1048576.0);
	else if (n >= 1024)
		snprintf(buf, size, "%.1f KB", n / 1024.0);
	else
		snprintf(buf, size, ngettext("%d byte", "%d bytes", (int)n),
		    (int)n);
}

/*
 * A file name from the network (len bytes of in; pct: %XX decoded), made
 * safe: its last component, no control characters, no leading dots,
 * whole UTF-8 characters; "download" if nothing is left.
 */
void
download_safe_name(const char *in, size_t len, int pct, char *out,
    size_t size)
{
	size_t		 n = 0, i;
	unsigned int	 hex;
	char		*last;

	for (i = 0; i < len && n < size - 1; i++) {
		if (pct && in[i] == '%' && i + 2 < len &&
		    isxdigit((unsigned char)in[i + 1]) &&
		    isxdigit((unsigned char)in[i + 2]) &&
		    sscanf(in + i + 1, "%2x", &hex) == 1) {
			out[n++] = (char)hex;
			i += 2;
		} else
			out[n++] = in[i];
	}
	out[n] = '\0';
	if ((last = strrchr(out, '/')) != NULL)
		memmove(out, last + 1, strlen(last + 1) + 1);
	if ((last = strrchr(out, '\\')) != NULL)
		memmove(out, last + 1, strlen(last + 1) + 1);
	for (i = n = 0; out[i] != '\0'; i++) {
		if ((unsigned char)out[i] >= 0x20 && out[i] != 0x7f)
			out[n++] = out[i];
	}
	out[n] = '\0';
	while (n > 0 && !utf8_valid(out, n))
		out[--n] = '\0';
	while (out[0] == '.')
		memmove(out, out + 1, strlen(out));
	if (*out == '\0')
		xstrlcpy(out, "download", size);
}

/*
 * The whole file at part saved in dir as name, or "name (1)" and so on:
 * the path it took (part removed), or NULL with errno.
 */
char *
download_save(const char *part, const char *dir, const char *name)
{
	const char	*dot = strrchr(name, '.');
	char		*path = NULL;
	int		 i, saved;

	if (dot == name)
		dot = NULL;
	for (i = 0; i < 1000; i++) {
		free(path);
		if (i == 0)
			xasprintf(&path, "%s/%s", dir, name);
		else if (dot != NULL)
			xasprintf(&path, "%s/%.*s (%d)%s", dir,
			    (int)(dot - name), name, i, dot);
		else
			xasprintf(&path, "%s/%s (%d)", dir, name, i);
		/* link(2) never replaces a file, as rename(2) would. */
		if (link(part, path) == 0) {
			unlink(part);
			return (path);
		}
		if (errno != EEXIST)
			break;
	}
	saved = errno;
	free(path);
	errno = saved;
	return (NULL);
}

/*
 * A file of ours to send (~/ expanded): its descriptor, with its path and
 * stat; or -1, said in w with fmt ("Cannot send %s: %s").
 */
int
download_open(struct window *w, const char *fmt, const char *file,
    char **path, struct stat *sb)
{
	const char	*home = getenv("HOME");
	int		 fd;

	if (file[0] == '~' && file[1] == '/' && home != NULL)
		xasprintf(path, "%s%s", home, file + 1);
	else
		*path = xstrdup(file);
	if ((fd = open(*path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, sb) != 0 || !S_ISREG(sb->st_mode)) {
		window_addf(w, LINE_INFO, fmt, file, fd == -1 ?
		    strerror(errno) : _("not a file"));
		if (fd != -1)
			close(fd);
		free(*path);
		*path = NULL;
		return (-1);
	}
	return (fd);
}

/*
 * More of file fd into out, a chunk at a time, until out holds ahead
 * bytes or total are queued (*queued counts them): 0, or -1 with errno
 * (0: the file got shorter).
 */
int
download_fill(struct evbuffer *out, int fd, int64_t *queued, int64_t total,
    size_t ahead)
{
	char	buf[65536];
	ssize_t	n;

	while (*queued < total && evbuffer_get_length(out) < ahead) {
		n = read(fd, buf, sizeof buf);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = 0;
			return (-1);
		}
		evbuffer_add(out, buf, (size_t)n);
		*queued += n;
	}
	return (0);
}
