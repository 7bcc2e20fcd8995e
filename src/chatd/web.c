/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The browser client's files, served by the HTTP listener (http.c) at /:
 * every file of web-root is read into memory at start and at SIGHUP (a few
 * tens of kilobytes; a request never touches the disk, so nothing in the
 * loop waits for it) and answered with a Content-Security-Policy that lets
 * the page run only its own scripts and talk only to chatd. A name that is
 * not one of the files is 404: no path from a request ever reaches the
 * file system.
 */

#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "chatd.h"
#include "conn.h"
#include "ws.h"

/* The most one file, and all of them, may be. */
#define WEB_FILE_MAX	(1024 * 1024)
#define WEB_TOTAL_MAX	(8 * 1024 * 1024)
#define WEB_FILES_MAX	64

/*
 * The page's own scripts, styles and images only, no inline script or
 * style, no frames, no forms posted anywhere; connect-src 'self' takes in
 * ws: and wss: to the same host.
 */
#define WEB_CSP	"default-src 'none'; script-src 'self'; style-src 'self'; " \
	"img-src 'self' data:; connect-src 'self'; base-uri 'none'; " \
	"form-action 'none'; frame-ancestors 'none'"

struct web_file {
	char		*name;		/* as in the URL, without the / */
	const char	*type;
	char		*data;
	size_t		 size;
	char		 etag[24];
};

static struct web_file	web_files[WEB_FILES_MAX];
static int		web_nfiles;

/* The Content-Type for a name, by its extension; NULL: not served. */
static const char *
web_type(const char *name)
{
	static const char *const types[][2] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".json", "application/json" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char	*dot = strrchr(name, '.');
	size_t		 i;

	if (dot == NULL)
		return (NULL);
	for (i = 0; i < sizeof types / sizeof types[0]; i++) {
		if (strcmp(dot, types[i][0]) == 0)
			return (types[i][1]);
	}
	return (NULL);
}

/* Whether a directory entry may be served: a plain name of ours. */
static int
web_name_ok(const char *name)
{
	return (name[0] != '.' && strlen(name) < 64 &&
	    name[strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")] == '\0' &&
	    web_type(name) != NULL);
}

/* A file's bytes, whole; NULL with errno (EFBIG past the bound). */
static char *
web_read(int dirfd, const char *name, size_t *size)
{
	struct stat	 sb;
	char		*data;
	ssize_t		 n;
	size_t		 got = 0;
	int		 fd, saved;

	if ((fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) ==
	    -1)
		return (NULL);
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > WEB_FILE_MAX) {
		saved = S_ISREG(sb.st_mode) ? EFBIG : EISDIR;
		close(fd);
		errno = saved;
		return (NULL);
	}
	data = xmalloc((size_t)sb.st_size + 1);
	while (got < (size_t)sb.st_size) {
		n = read(fd, data + got, (size_t)sb.st_size - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	*size = got;
	return (data);
}

static void
web_clear(struct web_file *files, int n)
{
	int	i;

	for (i = 0; i < n; i++) {
		free(files[i].name);
		free(files[i].data);
	}
}

/*
 * Read web-root again. A directory that cannot be read leaves nothing
 * served (said in the log, once); the files of the last good read are
 * replaced only by a whole new read.
 */
void
web_load(void)
{
	struct web_file	 files[WEB_FILES_MAX];
	const char	*root = srv.conf->web_root;
	struct dirent	*de;
	DIR		*d;
	size_t		 total = 0;
	uint64_t	 h;
	size_t		 k;
	int		 n = 0, dfd;

	if (*root == '\0') {
		web_clear(web_files, web_nfiles);
		web_nfiles = 0;
		return;
	}
	if ((d = opendir(root)) == NULL) {
		log_warn("event=web-root result=failed dir=%s error=%s",
		    log_q(root), log_q(strerror(errno)));
		return;
	}
	dfd = dirfd(d);
	while ((de = readdir(d)) != NULL && n < WEB_FILES_MAX) {
		if (!web_name_ok(de->d_name))
			continue;
		files[n].data = web_read(dfd, de->d_name, &files[n].size);
		if (files[n].data == NULL) {
			log_warn("event=web-file result=skipped file=%s "
			    "error=%s", log_q(de->d_name),
			    log_q(strerror(errno)));
			continue;
		}
		if ((total += files[n].size) > WEB_TOTAL_MAX) {
			free(files[n].data);
			log_warn("event=web-root result=partial dir=%s "
			    "error=%s", log_q(root), log_q("over 8 MB"));
			break;
		}
		files[n].name = xstrdup(de->d_name);
		files[n].type = web_type(de->d_name);
		/* The ETag: FNV-1a of the bytes, so a changed file shows. */
		h = 14695981039346656037ULL;
		for (k = 0; k < files[n].size; k++)
			h = (h ^ (unsigned char)files[n].data[k]) *
			    1099511628211ULL;
		snprintf(files[n].etag, sizeof files[n].etag, "\"%016llx\"",
		    (unsigned long long)h);
		n++;
	}
	closedir(d);
	web_clear(web_files, web_nfiles);
	memcpy(web_files, files, sizeof files[0] * (size_t)n);
	web_nfiles = n;
	log_info("event=web-root dir=%s files=%d bytes=%zu", log_q(root), n,
	    total);
}

void
web_free(void)
{
	web_clear(web_files, web_nfiles);
	web_nfiles = 0;
}

/* The file for a request's path ("/" is index.html), or NULL. */
static const struct web_file *
web_find(const char *path)
{
	size_t	len;
	int	i;

	if (*path != '/')
		return (NULL);
	path++;
	len = strcspn(path, "?#");
	if (len == 0) {
		path = "index.html";
		len = strlen(path);
	}
	for (i = 0; i < web_nfiles; i++) {
		if (strlen(web_files[i].name) == len &&
		    strncmp(web_files[i].name, path, len) == 0)
			return (&web_files[i]);
	}
	return (NULL);
}

/*
 * The answer to a GET or HEAD of path into out: 1 if a file of ours (200,
 * or 304 when the client has it already), 0 if there is none (the caller
 * says 404).
 */
int
web_answer(struct evbuffer *out, const char *path, int head,
    const char *if_none_match)
{
	const struct web_file	*f;

	if ((f = web_find(path)) == NULL)
		return (0);
	if (if_none_match != NULL && strstr(if_none_match, f->etag) != NULL) {
		evbuffer_add_printf(out, "HTTP/1.1 304 Not Modified\r\n"
		    "ETag: %s\r\nCache-Control: no-cache\r\n"
		    "Connection: close\r\n\r\n", f->etag);
		return (1);
	}
	evbuffer_add_printf(out, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\nETag: %s\r\nCache-Control: no-cache\r\n"
	    "Content-Security-Policy: " WEB_CSP "\r\n"
	    "X-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\n"
	    "Referrer-Policy: no-referrer\r\nConnection: close\r\n\r\n",
	    f->type, f->size, f->etag);
	if (!head)
		evbuffer_add(out, f->data, f->size);
	return (1);
}
