/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Files hosted on the HTTP listener (draft/FILEHOST): an account uploads
 * with POST to /upload, logging in by HTTP Basic with its account name and
 * password (what a client already has for SASL PLAIN, and what curl
 * sends; no second secret to hand out), and is answered 201 Created with
 * the file's address, /f/ID/NAME, which anyone who is given it can GET.
 *
 * Nothing in the loop waits: the password is checked and the quota and
 * the file's row are read and written by the pool (worker.c); the body
 * streams to a part file as it comes, a read at a time, and a job renames
 * it into place and keeps its row; the 201 goes then, and the pool takes
 * the file's SHA-256 after it (a step at a time, at the pool's low
 * priority), into the row. A download
 * goes out with sendfile(2), or through the transport in bounded chunks
 * (TLS), a socket's room at a time, so a large one never holds up a turn.
 * The stored name is 128 random bits chosen here: nothing a user sends
 * ever becomes a path. What the uploader called the file is only its row's
 * name, sent back in Content-Disposition.
 */

#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <openssl/evp.h>
#include <sodium.h>

#include "casemap.h"
#include "chatd.h"
#include "conn.h"
#include "http.h"
#include "i18n.h"
#include "store.h"
#include "strfmt.h"
#include "utf8.h"
#include "ws.h"

/* Body bytes read at a time, and file bytes sent a turn per download. */
#define FILES_READ		(256 * 1024)
#define FILES_SEND		(1024 * 1024)
#define FILES_TURN		(4 * 1024 * 1024)	/* per download a turn */
#define FILES_CHUNK		65536	/* through a row that encodes (TLS) */
/* Seconds a download may make no progress at all. */
#define FILES_IDLE		60
/*
 * An upload must bring FILES_MIN_RATE bytes a second over each
 * registration-timeout seconds (the window), and is dropped when silent
 * that long: a trickle holds a descriptor and a part file for nothing.
 */
#define FILES_MIN_RATE		1024
/* How often expired files are removed. */
#define FILES_EXPIRE_SECONDS	600
#define FILES_PART		".part-"
#define FILES_HASH_STEP		(4 * 1024 * 1024)	/* bytes a digest job */

enum files_state {
	XF_AUTH,	/* the password being checked */
	XF_USAGE,	/* the owner's files being counted */
	XF_BODY,	/* the body coming in */
	XF_SAVING,	/* renamed and kept by a job */
	XF_LOOKUP,	/* a download's row being read */
	XF_SEND		/* a download going out */
};

struct files_xfer {
	enum files_state		 state;
	int				 upload;
	int				 fd;	/* the part file, or the file sent */
	char				 account[NICK_MAX + 1];
	struct store_file		 f;
	int64_t				 used;	/* the owner's, before this */
	uint64_t			 received;
	int				 complete;
	const char			*refuse; /* a status to answer with */
	const char			*why;
	time_t				 window;
	uint64_t			 window_bytes;
	struct evbuffer			*head;	/* a download's head to send */
	off_t				 off, end; /* its bytes still to send */
};

/*
 * A kept file's SHA-256 (its row's sha256), taken by the pool once the
 * uploader has its 201: hashing in the upload's path took a third of the
 * CPU an upload costs, and held it back when the CPU was short. A job
 * reads FILES_HASH_STEP bytes, so the pool's other work (a login) waits
 * for no more than that; the last one writes the row. A file whose row
 * has no sha256 at start (chatd stopped first) is hashed then.
 */
struct files_digest {
	char		 id[STORE_FILE_ID_LEN + 1];
	int		 fd;
	EVP_MD_CTX	*ctx;
	off_t		 off;
	int		 done;		/* read whole and its row written */
	int		 failed;
};

/* A job's own state: the request may be gone when it ends. */
struct files_job {
	uint64_t		id;
	int			fd;
	char			part[sizeof FILES_PART + STORE_FILE_ID_LEN];
	struct store_file	f;
	int64_t			now;
	int64_t			used;
	int64_t			quota;
	int			result;
	int			error;
	char			*ids;	/* the files to hash, space between */
};

static char		*files_base;	/* http[s]://host[:port] */
static int		 files_base_tls;
static char		*files_token;	/* the ISUPPORT token */
static int		 files_dirfd = -1;
static int		 files_uploading;
static time_t		 files_expired;
static int		 files_expiring;
static char		 files_buf[FILES_READ];

static void	files_auth_done(uint64_t, struct account *, int);
static void	files_start_body(struct http_conn *);
static void	files_save(struct http_conn *);
static void	files_digest_start(const char *);
static void	files_digest_free(struct files_digest *);
static void	files_digest_work(void *);
static void	files_digest_done(struct client *, void *);
static void	files_unhashed_work(void *);
static void	files_unhashed_done(struct client *, void *);

/*
 * A listener for HTTP (tls: HTTPS) on addr, bound to port: the first one,
 * an HTTPS one first, makes the address of the links unless http-url is
 * set. A wildcard address becomes the server's name.
 */
void
files_listening(int tls, const char *addr, uint16_t port)
{
	const char	*colon = strrchr(addr, ':');
	char		 host[HOST_MAX + 2];
	size_t		 len = colon != NULL ? (size_t)(colon - addr) : 0;

	free(files_token);
	files_token = NULL;
	if (*srv.conf->http_url != '\0') {
		free(files_base);
		files_base = xstrdup(srv.conf->http_url);
		return;
	}
	if (files_base != NULL && (files_base_tls || !tls))
		return;
	if (len >= sizeof host)
		len = sizeof host - 1;
	memcpy(host, addr, len);
	host[len] = '\0';
	if (*host == '\0' || strcmp(host, "0.0.0.0") == 0 ||
	    strcmp(host, "[::]") == 0 || strcmp(host, "*") == 0)
		xstrlcpy(host, srv.conf->name, sizeof host);
	free(files_base);
	if ((tls && port == 443) || (!tls && port == 80))
		xasprintf(&files_base, "%s://%s", tls ? "https" : "http", host);
	else
		xasprintf(&files_base, "%s://%s:%u", tls ? "https" : "http",
		    host, port);
	files_base_tls = tls;
}

/* Whether uploads are taken: a db, a directory, a size, an address. */
static int
files_enabled(void)
{
	return (store_enabled() && files_dirfd != -1 &&
	    srv.conf->file_max_size != 0 && files_base != NULL);
}

/*
 * At start, once the HTTP listener is there: the files' directory made if
 * need be (mode 0700), and part files an earlier chatd left removed.
 */
void
files_init(void)
{
	const char		*path = srv.conf->files_path;
	struct files_job	*j;
	struct dirent		*de;
	DIR			*d;
	int			 fd, parts = 0;

	if (files_dirfd != -1 || path == NULL || !store_enabled())
		return;
	if (mkdir(path, 0700) == -1 && errno != EEXIST) {
		log_error("event=files result=failed dir=%s error=%s",
		    log_q(path), log_q(strerror(errno)));
		return;
	}
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    (d = fdopendir(dup(fd))) == NULL) {
		log_error("event=files result=failed dir=%s error=%s",
		    log_q(path), log_q(strerror(errno)));
		if (fd != -1)
			close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, FILES_PART, sizeof FILES_PART - 1) ==
		    0 && unlinkat(fd, de->d_name, 0) == 0)
			parts++;
	}
	closedir(d);
	files_dirfd = fd;
	log_info("event=files dir=%s url=%s max-size=%zu parts-removed=%d",
	    log_q(path), files_base != NULL ? files_base : "-",
	    srv.conf->file_max_size, parts);
	/* Files kept but not yet hashed when chatd stopped. */
	j = xcalloc(1, sizeof *j);
	j->fd = -1;
	worker_submit(NULL, 0, files_unhashed_work, files_unhashed_done, j);
}

void
files_free(void)
{
	if (files_dirfd != -1)
		close(files_dirfd);
	files_dirfd = -1;
	free(files_base);
	files_base = NULL;
	free(files_token);
	files_token = NULL;
}

/* The draft/FILEHOST ISUPPORT token, or NULL when uploads are off. */
const char *
files_isupport(void)
{
	if (!files_enabled())
		return (NULL);
	if (files_token == NULL)
		xasprintf(&files_token, "draft/FILEHOST=%s" FILES_UPLOAD_PATH,
		    files_base);
	return (files_token);
}

void
files_xfer_free(struct http_conn *h)
{
	struct files_xfer	*x = h->xfer;
	char			 part[sizeof FILES_PART + STORE_FILE_ID_LEN];

	if (x == NULL)
		return;
	if (x->upload)
		files_uploading--;
	if (x->fd != -1) {
		close(x->fd);
		/* An upload cut short leaves nothing behind. */
		if (x->upload && x->state == XF_BODY) {
			snprintf(part, sizeof part, FILES_PART "%s", x->f.id);
			unlinkat(files_dirfd, part, 0);
		}
	}
	if (x->head != NULL)
		evbuffer_free(x->head);
	sodium_memzero(x, sizeof *x);
	free(x);
	h->xfer = NULL;
}

/* A size in words for a person: 2.1 MB. */
static void
files_size_text(uint64_t n, char *buf, size_t size)
{
	if (n >= 1024 * 1024 * 1024)
		snprintf(buf, size, "%.1f GB", n / 1073741824.0);
	else if (n >= 1024 * 1024)
		snprintf(buf, size, "%.1f MB", n / 1048576.0);
	else if (n >= 1024)
		snprintf(buf, size, "%.1f KB", n / 1024.0);
	else
		snprintf(buf, size, "%" PRIu64 " bytes", n);
}

/* The request ends with status and why, logged as an upload's. */
static void
files_refuse(struct http_conn *h, const char *status, const char *why)
{
	if (h->xfer != NULL && h->xfer->upload)
		log_warn("event=upload result=refused addr=%s account=%s "
		    "status=%s why=%s", h->host, *h->xfer->account != '\0' ?
		    h->xfer->account : "-", log_q(status), log_q(why));
	http_refuse(h, status, why);
}

/*
 * What the uploader calls the file, from Content-Disposition (filename*
 * in UTF-8 before filename): its last path component, without control
 * characters, valid UTF-8, at most a row's name; "file" if none.
 */
void
files_name(const char *disp, char *out, size_t size)
{
	const char	*p, *q;
	char		 name[256];
	size_t		 n = 0;
	int		 hex, star = 0;

	*out = '\0';
	if (disp == NULL)
		goto none;
	if ((p = strcasestr(disp, "filename*=")) != NULL) {
		p += 10;
		if (strncasecmp(p, "UTF-8''", 7) != 0)
			p = NULL;
		else {
			p += 7;
			star = 1;
		}
	}
	if (p == NULL && (p = strcasestr(disp, "filename=")) != NULL)
		p += 9;
	if (p == NULL)
		goto none;
	if (!star && *p == '"') {
		for (p++; *p != '\0' && *p != '"' && n < sizeof name - 1;
		    p++) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			name[n++] = *p;
		}
	} else {
		for (; *p != '\0' && *p != ';' && !isspace((unsigned char)*p) &&
		    n < sizeof name - 1; p++) {
			if (star && *p == '%' && isxdigit((unsigned char)p[1])
			    && isxdigit((unsigned char)p[2]) &&
			    sscanf(p + 1, "%2x", &hex) == 1) {
				name[n++] = (char)hex;
				p += 2;
			} else
				name[n++] = *p;
		}
	}
	name[n] = '\0';
	/* The last component only: no directories, either way of writing. */
	p = name;
	if ((q = strrchr(p, '/')) != NULL)
		p = q + 1;
	if ((q = strrchr(p, '\\')) != NULL)
		p = q + 1;
	for (n = 0; *p != '\0' && n < size - 1; p++) {
		if ((unsigned char)*p >= 0x20 && *p != 0x7f)
			out[n++] = *p;
	}
	out[n] = '\0';
	/* Cut to whole characters; a name that is not UTF-8 is not kept. */
	while (n > 0 && !utf8_valid(out, n))
		out[--n] = '\0';
	if (strcmp(out, ".") == 0 || strcmp(out, "..") == 0)
		*out = '\0';
none:
	if (*out == '\0')
		xstrlcpy(out, "file", size);
}

/* The media type (lowercase, no parameters), or application/octet-stream. */
static void
files_type(const char *type, char *out, size_t size)
{
	size_t	n, i;

	n = type != NULL ? strcspn(type, "; \t") : 0;
	if (n == 0 || n >= size || strchr(type, '/') == NULL ||
	    strchr(type, '/') - type >= (ptrdiff_t)n) {
		xstrlcpy(out, "application/octet-stream", size);
		return;
	}
	for (i = 0; i < n; i++) {
		if (!isalnum((unsigned char)type[i]) &&
		    strchr("/.+-_", type[i]) == NULL) {
			xstrlcpy(out, "application/octet-stream", size);
			return;
		}
		out[i] = (char)tolower((unsigned char)type[i]);
	}
	out[n] = '\0';
}

/* The account and password of an Authorization: Basic header; 0 or -1. */
static int
files_basic(const char *auth, char *account, size_t size, char **password)
{
	unsigned char	 bin[512];
	size_t		 len;
	const char	*colon;

	if (auth == NULL || strncasecmp(auth, "Basic ", 6) != 0)
		return (-1);
	auth += 6;
	auth += strspn(auth, " ");
	if (sodium_base642bin(bin, sizeof bin - 1, auth, strlen(auth), NULL,
	    &len, NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
		return (-1);
	bin[len] = '\0';
	if ((colon = memchr(bin, ':', len)) == NULL ||
	    (size_t)(colon - (char *)bin) >= size || colon == (char *)bin ||
	    strlen((char *)bin) != len) {
		sodium_memzero(bin, sizeof bin);
		return (-1);
	}
	memcpy(account, bin, (size_t)(colon - (char *)bin));
	account[colon - (char *)bin] = '\0';
	*password = xstrdup(colon + 1);
	sodium_memzero(bin, sizeof bin);
	return (0);
}

/*
 * A POST to /upload, its head read (and used bytes of h->buf taken by
 * it): refused at once if it cannot be taken, else its password checked.
 */
void
files_upload(struct http_conn *h, size_t used)
{
	struct files_xfer	*x;
	char			*password, limit[32], why[128], retry[32];
	uint64_t		 length = h->parser.content_length;
	int			 wait;

	if (!files_enabled()) {
		http_refuse(h, "503 Service Unavailable", store_enabled() ?
		    "Uploads are turned off on this server." :
		    "This server keeps no files (it has no db).");
		return;
	}
	if (files_uploading >= srv.conf->file_uploads) {
		http_answer(h, "503 Service Unavailable", "Retry-After: 10",
		    "Too many uploads at once; try again in a moment.");
		return;
	}
	if (!(h->parser.flags & F_CHUNKED) && length == ULLONG_MAX) {
		http_refuse(h, "411 Length Required",
		    "Say how long the file is (Content-Length).");
		return;
	}
	if (!(h->parser.flags & F_CHUNKED) &&
	    length > srv.conf->file_max_size) {
		files_size_text(srv.conf->file_max_size, limit, sizeof limit);
		snprintf(why, sizeof why, "The file is larger than the %s "
		    "this server takes.", limit);
		http_refuse(h, "413 Content Too Large", why);
		return;
	}
	x = xcalloc(1, sizeof *x);
	x->fd = -1;
	x->upload = 1;
	files_uploading++;
	h->xfer = x;
	if (files_basic(h->h[H_AUTHORIZATION], x->account, sizeof x->account,
	    &password) != 0) {
		http_answer(h, "401 Unauthorized",
		    "WWW-Authenticate: Basic realm=\"chatd\", charset=\"UTF-8\"",
		    "Log in with your account's name and password (HTTP "
		    "Basic) to upload.");
		return;
	}
	if (account_throttled(h->host, x->account, &wait)) {
		sodium_memzero(password, strlen(password));
		free(password);
		snprintf(retry, sizeof retry, "Retry-After: %d", wait);
		http_answer(h, "429 Too Many Requests", retry,
		    "Too many failed logins; wait a moment.");
		return;
	}
	files_name(h->h[H_DISPOSITION], x->f.name, sizeof x->f.name);
	files_type(h->h[H_CONTENT_TYPE], x->f.type, sizeof x->f.type);
	/* What came after the head waits in h->buf; nothing more is read. */
	memmove(h->buf, h->buf + used, h->len - used);
	h->len -= used;
	x->state = XF_AUTH;
	http_watch(h, 0, 0);
	account_verify_ref(h->id, x->account, password, files_auth_done);
	sodium_memzero(password, strlen(password));
	free(password);
}

/* On a pool thread: how much the owner keeps. */
static void
files_usage_work(void *arg)
{
	struct files_job	*j = arg;

	j->used = store_file_usage(j->f.owner, j->now);
}

static void
files_usage_done(struct client *c, void *arg)
{
	struct files_job	*j = arg;
	struct http_conn	*h = http_find(j->id);
	struct files_xfer	*x;
	uint64_t		 length;
	char			 quota[32], used[32], why[160];

	if (h == NULL || (x = h->xfer) == NULL || x->state != XF_USAGE)
		goto out;
	length = h->parser.flags & F_CHUNKED ? 0 : h->parser.content_length;
	if (j->used < 0) {
		files_refuse(h, "500 Internal Server Error",
		    "The db could not be read.");
		goto out;
	}
	x->used = j->used;
	if (srv.conf->file_quota != 0 &&
	    (uint64_t)x->used + length > srv.conf->file_quota) {
		files_size_text(srv.conf->file_quota, quota, sizeof quota);
		files_size_text((uint64_t)x->used, used, sizeof used);
		snprintf(why, sizeof why, "The file would take you past your "
		    "quota of %s (%s used).", quota, used);
		files_refuse(h, "413 Content Too Large", why);
		goto out;
	}
	files_start_body(h);
out:
	free(j);
}

/* The password is checked: on to the quota, or refused. */
static void
files_auth_done(uint64_t id, struct account *a, int ok)
{
	struct http_conn	*h = http_find(id);
	struct files_xfer	*x;
	struct files_job	*j;

	if (h == NULL || (x = h->xfer) == NULL || x->state != XF_AUTH)
		return;
	if (ok == -1) {
		http_answer(h, "503 Service Unavailable", "Retry-After: 5",
		    "The server is busy; try again in a moment.");
		return;
	}
	if (a == NULL) {
		account_failed(NULL, h->host, x->account);
		http_answer(h, "401 Unauthorized",
		    "WWW-Authenticate: Basic realm=\"chatd\", charset=\"UTF-8\"",
		    "Wrong account or password.");
		return;
	}
	xstrlcpy(x->account, a->name, sizeof x->account);
	casemap_fold(x->f.owner, a->name, sizeof x->f.owner);
	x->state = XF_USAGE;
	j = xcalloc(1, sizeof *j);
	j->id = h->id;
	j->fd = -1;
	xstrlcpy(j->f.owner, x->f.owner, sizeof j->f.owner);
	j->now = (int64_t)time(NULL);
	worker_submit(NULL, 0, files_usage_work, files_usage_done, j);
}

/* Base32 (RFC 4648's letters, lowercase) of 128 random bits. */
static void
files_new_id(char *id)
{
	static const char	 b32[] = "abcdefghijklmnopqrstuvwxyz234567";
	uint8_t			 r[16];
	unsigned int		 acc = 0, bits = 0;
	size_t			 i, n = 0;

	randombytes_buf(r, sizeof r);
	for (i = 0; i < sizeof r; i++) {
		acc = (acc << 8) | r[i];
		bits += 8;
		while (bits >= 5) {
			id[n++] = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		id[n++] = b32[(acc << (5 - bits)) & 31];
	id[n] = '\0';
}

/*
 * Body bytes through the parser (into the part file): 1 if that ended the
 * request (refused, or whole and handed on), 0 to read on.
 */
static int
files_take(struct http_conn *h, const char *data, size_t len)
{
	struct files_xfer	*x = h->xfer;

	if (http_feed(h, data, len) != 0 && x->refuse == NULL) {
		files_refuse(h, "400 Bad Request", "Not HTTP.");
		return (1);
	}
	if (x->refuse != NULL) {
		files_refuse(h, x->refuse, x->why);
		return (1);
	}
	if (x->complete) {
		files_save(h);
		return (1);
	}
	return (0);
}

/* Allowed in: a part file, "100 Continue" if asked, and the body read. */
static void
files_start_body(struct http_conn *h)
{
	struct files_xfer	*x = h->xfer;
	struct evbuffer		*cont;
	char			 part[sizeof FILES_PART + STORE_FILE_ID_LEN];

	files_new_id(x->f.id);
	snprintf(part, sizeof part, FILES_PART "%s", x->f.id);
	if ((x->fd = openat(files_dirfd, part, O_WRONLY | O_CREAT | O_EXCL |
	    O_CLOEXEC | O_NOFOLLOW, 0600)) == -1) {
		log_error("event=upload result=failed file=%s error=%s", part,
		    log_q(strerror(errno)));
		files_refuse(h, "500 Internal Server Error",
		    "The file could not be stored.");
		return;
	}
	x->state = XF_BODY;
	x->window = server_time();
	if (h->h[H_EXPECT] != NULL &&
	    strcasecmp(h->h[H_EXPECT], "100-continue") == 0) {
		if ((cont = evbuffer_new()) == NULL)
			fatalx("evbuffer_new failed");
		evbuffer_add(cont, "HTTP/1.1 100 Continue\r\n\r\n", 25);
		conn_write_buffer(h->lower, h->fd, cont, 25);
		evbuffer_free(cont);
	}
	http_watch(h, EV_READ, srv.conf->registration_timeout);
	/* What came with the head. */
	if (h->len != 0) {
		if (files_take(h, h->buf, h->len))
			return;
		h->len = 0;
	}
}

/* Body bytes, from the parser: written and hashed; 0, or 1 to stop. */
int
files_body(struct http_conn *h, const char *at, size_t len)
{
	struct files_xfer	*x = h->xfer;
	static char		 why[160];
	char			 limit[32];
	ssize_t			 n;
	size_t			 off = 0;

	if (x == NULL || x->state != XF_BODY)
		return (1);
	if (x->received + len > srv.conf->file_max_size) {
		files_size_text(srv.conf->file_max_size, limit, sizeof limit);
		snprintf(why, sizeof why, "The file is larger than the %s "
		    "this server takes.", limit);
		x->refuse = "413 Content Too Large";
		x->why = why;
		return (1);
	}
	if (srv.conf->file_quota != 0 && (uint64_t)x->used + x->received +
	    len > srv.conf->file_quota) {
		x->refuse = "413 Content Too Large";
		x->why = "The file would take you past your quota.";
		return (1);
	}
	while (off < len) {
		n = write(x->fd, at + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			log_error("event=upload result=failed account=%s "
			    "error=%s", x->account, log_q(strerror(errno)));
			if (errno == ENOSPC || errno == EDQUOT ||
			    errno == EFBIG) {
				x->refuse = "507 Insufficient Storage";
				x->why = "The server's disk is full.";
			} else {
				x->refuse = "500 Internal Server Error";
				x->why = "The file could not be stored.";
			}
			return (1);
		}
		off += (size_t)n;
	}
	x->received += len;
	x->window_bytes += len;
	return (0);
}

void
files_body_end(struct http_conn *h)
{
	if (h->xfer != NULL && h->xfer->state == XF_BODY)
		h->xfer->complete = 1;
}

/*
 * On a pool thread: the file named and kept. It is whole in the kernel's
 * hands, as the db's commits are (synchronous = NORMAL): killing chatd
 * loses nothing, only a power cut may lose the last files, as it may the
 * last messages. An fsync here halved upload throughput on this machine
 * (tools/bench-files), for more than the messages get.
 */
static void
files_save_work(void *arg)
{
	struct files_job	*j = arg;

	if (renameat(files_dirfd, j->part, files_dirfd, j->f.id) != 0) {
		j->error = errno;
		j->result = STORE_FILE_FAILED;
		close(j->fd);
		unlinkat(files_dirfd, j->part, 0);
		return;
	}
	close(j->fd);
	j->result = store_file_add(&j->f, j->quota);
	if (j->result != STORE_FILE_OK)
		unlinkat(files_dirfd, j->f.id, 0);
}

/* A path segment or filename* value, percent-encoded. */
static void
files_pct(struct evbuffer *out, const char *s)
{
	char	buf[1024];

	evbuffer_add(out, buf, strfmt_pct(buf, sizeof buf, s));
}

/* The link to a file: base/f/ID/NAME. */
static char *
files_link(const struct store_file *f)
{
	struct evbuffer	*b;
	char		*s;
	size_t		 len;

	if ((b = evbuffer_new()) == NULL)
		fatalx("evbuffer_new failed");
	evbuffer_add_printf(b, "%s" FILES_PATH "%s/", files_base, f->id);
	files_pct(b, f->name);
	len = evbuffer_get_length(b);
	s = xmalloc(len + 1);
	evbuffer_remove(b, s, len);
	s[len] = '\0';
	evbuffer_free(b);
	return (s);
}

static void
files_save_done(struct client *c, void *arg)
{
	struct files_job	*j = arg;
	struct http_conn	*h = http_find(j->id);
	struct evbuffer		*out;
	char			*link, size[32];

	if (j->result != STORE_FILE_OK) {
		log_error("event=upload result=failed file=%s error=%s",
		    j->f.id, log_q(j->result == STORE_FILE_QUOTA ? "quota" :
		    j->error != 0 ? strerror(j->error) : "db"));
		if (h != NULL && h->xfer != NULL)
			files_refuse(h, j->result == STORE_FILE_QUOTA ?
			    "413 Content Too Large" :
			    j->error == ENOSPC || j->error == EDQUOT ?
			    "507 Insufficient Storage" :
			    "500 Internal Server Error",
			    j->result == STORE_FILE_QUOTA ? "The file would "
			    "take you past your quota." : j->error == ENOSPC ||
			    j->error == EDQUOT ?
			    "The server's disk is full." :
			    "The file could not be stored.");
		free(j);
		return;
	}
	files_digest_start(j->f.id);
	link = files_link(&j->f);
	files_size_text((uint64_t)j->f.size, size, sizeof size);
	log_info("event=upload result=ok file=%s account=%s size=%" PRId64
	    " name=%s type=%s addr=%s", j->f.id, h != NULL && h->xfer != NULL ?
	    h->xfer->account : j->f.owner, j->f.size, log_q(j->f.name),
	    log_q(j->f.type), h != NULL ? h->host : "-");
	if (h != NULL && h->xfer != NULL) {
		if ((out = evbuffer_new()) == NULL)
			fatalx("evbuffer_new failed");
		evbuffer_add_printf(out, "HTTP/1.1 201 Created\r\nLocation: %s\r\n"
		    "Content-Type: text/plain; charset=utf-8\r\n"
		    "Content-Length: %zu\r\nConnection: close\r\n\r\n%s\n",
		    link, strlen(link) + 1, link);
		http_close_after(h, out);
	}
	free(link);
	free(j);
}

static void
files_digest_free(struct files_digest *d)
{
	EVP_MD_CTX_free(d->ctx);
	if (d->fd != -1)
		close(d->fd);
	free(d);
}

/* Hash the kept file id, on the pool, after its 201. */
static void
files_digest_start(const char *id)
{
	struct files_digest	*d;

	d = xcalloc(1, sizeof *d);
	xstrlcpy(d->id, id, sizeof d->id);
	if ((d->fd = openat(files_dirfd, id, O_RDONLY | O_CLOEXEC |
	    O_NOFOLLOW)) == -1) {
		free(d);
		return;
	}
	if ((d->ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(d->ctx, EVP_sha256(), NULL) != 1)
		fatalx("EVP_DigestInit_ex failed");
	worker_submit(NULL, 0, files_digest_work, files_digest_done, d);
}

/* On a pool thread: FILES_HASH_STEP bytes more, or the end and the row. */
static void
files_digest_work(void *arg)
{
	struct files_digest	*d = arg;
	unsigned char		 md[EVP_MAX_MD_SIZE];
	char			*buf = xmalloc(FILES_READ), hex[65];
	unsigned int		 i, mdlen = 0;
	off_t			 end = d->off + FILES_HASH_STEP;
	ssize_t			 n = 1;

	while (d->off < end && (n = pread(d->fd, buf, FILES_READ,
	    d->off)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			d->failed = 1;
			break;
		}
		EVP_DigestUpdate(d->ctx, buf, (size_t)n);
		d->off += n;
	}
	free(buf);
	if (n != 0 || d->failed)
		return;
	EVP_DigestFinal_ex(d->ctx, md, &mdlen);
	for (i = 0; i < mdlen && i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	hex[64] = '\0';
	if (store_file_digest(d->id, hex) != 0)
		d->failed = 1;
	d->done = 1;
}

/* Back on the loop: the next step, unless it is over (or chatd is). */
static void
files_digest_done(struct client *c, void *arg)
{
	struct files_digest	*d = arg;

	if (d->failed)
		log_warn("event=files-digest result=failed file=%s", d->id);
	if (d->done || d->failed || srv.shutting_down || files_dirfd == -1) {
		files_digest_free(d);
		return;
	}
	worker_submit(NULL, 0, files_digest_work, files_digest_done, d);
}

/* At start, on the pool: the files kept without a SHA-256. */
static void
files_unhashed_work(void *arg)
{
	struct files_job	*j = arg;

	j->result = store_files_unhashed(&j->ids, &j->used);
}

static void
files_unhashed_done(struct client *c, void *arg)
{
	struct files_job	*j = arg;
	char			*p, *id;

	for (p = j->ids; p != NULL && (id = strsep(&p, " ")) != NULL;) {
		if (*id != '\0')
			files_digest_start(id);
	}
	if (j->used != 0)
		log_info("event=files-digest unhashed=%lld",
		    (long long)j->used);
	free(j->ids);
	free(j);
}

/* The body is whole: handed to a job to be renamed and kept. */
static void
files_save(struct http_conn *h)
{
	struct files_xfer	*x = h->xfer;
	struct files_job	*j;

	http_watch(h, 0, 0);
	x->state = XF_SAVING;
	*x->f.sha256 = '\0';	/* taken after the 201 */
	x->f.size = (int64_t)x->received;
	x->f.time = (int64_t)time(NULL);
	x->f.expires = srv.conf->file_expiry == 0 ? 0 :
	    x->f.time + (int64_t)srv.conf->file_expiry * 86400;
	j = xcalloc(1, sizeof *j);
	j->id = h->id;
	j->fd = x->fd;
	x->fd = -1;
	snprintf(j->part, sizeof j->part, FILES_PART "%s", x->f.id);
	j->f = x->f;
	j->quota = (int64_t)srv.conf->file_quota;
	worker_submit(NULL, 0, files_save_work, files_save_done, j);
}

/* An upload's body coming in. */
static void
files_read(struct http_conn *h, short what)
{
	struct files_xfer	*x = h->xfer;
	ssize_t			 n;
	int			 reads = 0;
	time_t			 now = server_time();

	if (what & EV_TIMEOUT) {
		files_refuse(h, "408 Request Timeout", "Too slow.");
		return;
	}
	do {
		n = h->lower->t->read(h->lower, h->fd, files_buf,
		    sizeof files_buf);
		if (n == -EAGAIN || n == -EINTR)
			return;
		if (n <= 0) {
			log_warn("event=upload result=cut account=%s "
			    "received=%" PRIu64 " addr=%s", x->account,
			    x->received, h->host);
			http_end(h);
			return;
		}
		if (files_take(h, files_buf, (size_t)n))
			return;
	} while (h->lower->t->pending(h->lower) && ++reads < 16);
	/* TLS may hold more than one read took: again next turn. */
	if (h->lower->t->pending(h->lower))
		event_active(h->ev, EV_READ, 0);
	/* A trickle holds a descriptor for nothing: it is dropped. */
	if (now - x->window >= srv.conf->registration_timeout) {
		if (x->window_bytes < (uint64_t)FILES_MIN_RATE *
		    (uint64_t)(now - x->window)) {
			files_refuse(h, "408 Request Timeout",
			    "Too slow: under 1 KB a second.");
			return;
		}
		x->window = now;
		x->window_bytes = 0;
	}
}

/*
 * A Range header against size: 1 with [*from, *to] for one satisfiable
 * range, 0 to send it all (none, several, or not understood: RFC 9110
 * lets a server ignore them), -1 if none of it is there (416).
 */
int
files_range(const char *range, off_t size, off_t *from, off_t *to)
{
	const char		*p;
	char			*end;
	unsigned long long	 a, b;

	if (range == NULL || strncasecmp(range, "bytes=", 6) != 0 ||
	    strchr(range, ',') != NULL)
		return (0);
	p = range + 6;
	p += strspn(p, " ");
	if (*p == '-') {		/* the last b bytes */
		if (!isdigit((unsigned char)p[1]))
			return (0);
		errno = 0;
		b = strtoull(p + 1, &end, 10);
		if (errno != 0 || *end != '\0')
			return (0);
		if (b == 0 || size == 0)
			return (-1);
		*from = (unsigned long long)size > b ? size - (off_t)b : 0;
		*to = size - 1;
		return (1);
	}
	if (!isdigit((unsigned char)*p))
		return (0);
	errno = 0;
	a = strtoull(p, &end, 10);
	if (errno != 0 || *end != '-')
		return (0);
	p = end + 1;
	if (*p == '\0')
		b = (unsigned long long)size - 1;
	else {
		if (!isdigit((unsigned char)*p))
			return (0);
		b = strtoull(p, &end, 10);
		if (errno != 0 || *end != '\0' || b < a)
			return (0);
	}
	if (a >= (unsigned long long)size)
		return (-1);
	if (b >= (unsigned long long)size)
		b = (unsigned long long)size - 1;
	*from = (off_t)a;
	*to = (off_t)b;
	return (1);
}

/*
 * Whether a type is shown in the browser (images, sound, video, plain
 * text): anything else, HTML and SVG above all, is only downloaded.
 */
static int
files_inline(const char *type)
{
	return ((strncmp(type, "image/", 6) == 0 &&
	    strncmp(type, "image/svg", 9) != 0) ||
	    strncmp(type, "audio/", 6) == 0 ||
	    strncmp(type, "video/", 6) == 0 || strcmp(type, "text/plain") == 0);
}

/* On a pool thread: a file's row. */
static void
files_find_work(void *arg)
{
	struct files_job	*j = arg;

	j->result = store_file_find(j->f.id, &j->f);
}

static void
files_find_done(struct client *c, void *arg)
{
	struct files_job	*j = arg;
	struct http_conn	*h = http_find(j->id);
	struct files_xfer	*x;
	struct store_file	*f = &j->f;
	struct stat		 sb;
	const char		*status = "200 OK", *p;
	char			 ascii[256], date[64];
	off_t			 from = 0, to;
	size_t			 i;
	int			 range = 0;
	struct tm		 tm;
	time_t			 t;

	if (h == NULL || (x = h->xfer) == NULL || x->state != XF_LOOKUP)
		goto out;
	if (j->result < 0) {
		http_refuse(h, "500 Internal Server Error",
		    "The db could not be read.");
		goto out;
	}
	if (j->result == 0) {
		http_refuse(h, "404 Not Found", "No such file.");
		goto out;
	}
	if (f->expires != 0 && f->expires <= (int64_t)time(NULL)) {
		http_refuse(h, "410 Gone", "This file has expired.");
		goto out;
	}
	if ((x->fd = openat(files_dirfd, f->id, O_RDONLY | O_CLOEXEC |
	    O_NOFOLLOW)) == -1 || fstat(x->fd, &sb) != 0 ||
	    !S_ISREG(sb.st_mode)) {
		http_refuse(h, "410 Gone", "This file is gone.");
		goto out;
	}
	to = sb.st_size - 1;
	/* If-Range with another ETag: the whole file, as it is now. */
	if (h->h[H_IF_RANGE] == NULL || (strlen(h->h[H_IF_RANGE]) ==
	    strlen(f->id) + 2 && strncmp(h->h[H_IF_RANGE] + 1, f->id,
	    strlen(f->id)) == 0))
		range = files_range(h->h[H_RANGE], sb.st_size, &from, &to);
	if (range == -1) {
		snprintf(date, sizeof date, "Content-Range: bytes */%lld",
		    (long long)sb.st_size);
		http_answer(h, "416 Range Not Satisfiable", date,
		    "That part of the file is not there.");
		goto out;
	}
	if (range == 1)
		status = "206 Partial Content";
	/* Content-Disposition's plain fallback: printable ASCII only. */
	for (i = 0, p = f->name; *p != '\0' && i < sizeof ascii - 1; p++)
		ascii[i++] = (*p < 0x20 || *p >= 0x7f || *p == '"' ||
		    *p == '\\') ? '_' : *p;
	ascii[i] = '\0';
	t = (time_t)f->time;
	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if ((x->head = evbuffer_new()) == NULL)
		fatalx("evbuffer_new failed");
	evbuffer_add_printf(x->head, "HTTP/1.1 %s\r\nContent-Type: %s%s\r\n"
	    "Content-Length: %lld\r\n", status, f->type,
	    strcmp(f->type, "text/plain") == 0 ? "; charset=utf-8" : "",
	    (long long)(to - from + 1));
	if (range == 1)
		evbuffer_add_printf(x->head, "Content-Range: bytes "
		    "%lld-%lld/%lld\r\n", (long long)from, (long long)to,
		    (long long)sb.st_size);
	evbuffer_add_printf(x->head, "Content-Disposition: %s; filename=\"%s\"; "
	    "filename*=UTF-8''", files_inline(f->type) ? "inline" :
	    "attachment", ascii);
	files_pct(x->head, f->name);
	evbuffer_add_printf(x->head, "\r\nAccept-Ranges: bytes\r\n"
	    "ETag: \"%s\"\r\nLast-Modified: %s\r\n"
	    "Cache-Control: private, max-age=86400\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "Content-Security-Policy: default-src 'none'; sandbox\r\n"
	    "Referrer-Policy: no-referrer\r\nConnection: close\r\n\r\n",
	    f->id, date);
	x->off = from;
	x->end = h->parser.method == HTTP_HEAD ? from : to + 1;
	x->state = XF_SEND;
	xstrlcpy(x->f.id, f->id, sizeof x->f.id);
	http_watch(h, EV_WRITE, FILES_IDLE);
out:
	free(j);
}

/* A GET or HEAD of /f/ID[/NAME]: its row read by the pool. */
void
files_download(struct http_conn *h)
{
	struct files_xfer	*x;
	struct files_job	*j;
	const char		*id = h->url + sizeof FILES_PATH - 1;
	size_t			 n = strspn(id, "abcdefghijklmnopqrstuvwxyz234567");

	if (!store_enabled() || files_dirfd == -1 || n != STORE_FILE_ID_LEN ||
	    (id[n] != '\0' && id[n] != '/' && id[n] != '?')) {
		http_refuse(h, "404 Not Found", "No such file.");
		return;
	}
	x = xcalloc(1, sizeof *x);
	x->fd = -1;
	x->state = XF_LOOKUP;
	h->xfer = x;
	http_watch(h, 0, 0);
	j = xcalloc(1, sizeof *j);
	j->id = h->id;
	j->fd = -1;
	memcpy(j->f.id, id, STORE_FILE_ID_LEN);
	j->f.id[STORE_FILE_ID_LEN] = '\0';
	worker_submit(NULL, 0, files_find_work, files_find_done, j);
}

/* A download going out: its head, then a socket's room of the file. */
static void
files_send(struct http_conn *h, short what)
{
	struct files_xfer	*x = h->xfer;
	const struct transport	*t = h->lower->t;
	struct iovec		 iov;
	ssize_t			 n;
	size_t			 want, turn = 0;

	if (what & EV_TIMEOUT) {
		log_warn("event=download result=cut file=%s sent=%lld "
		    "addr=%s", x->f.id, (long long)x->off, h->host);
		http_end(h);
		return;
	}
	if (t->blocked(h->lower))
		return;
	if (evbuffer_get_length(x->head) != 0) {
		if (conn_write_buffer(h->lower, h->fd, x->head,
		    evbuffer_get_length(x->head)) == -1) {
			http_end(h);
			return;
		}
		if (evbuffer_get_length(x->head) != 0)
			return;
	}
	/* Until the socket is full, or a turn's share has gone. */
	while (x->off < x->end && turn < FILES_TURN) {
		want = (size_t)(x->end - x->off);
		if (t->sendfile != NULL)
			n = t->sendfile(h->lower, h->fd, x->fd, &x->off,
			    want < FILES_SEND ? want : FILES_SEND);
		else {
			if (want > FILES_CHUNK)
				want = FILES_CHUNK;
			n = pread(x->fd, files_buf, want, x->off);
			if (n > 0) {
				iov.iov_base = files_buf;
				iov.iov_len = (size_t)n;
				n = t->writev(h->lower, h->fd, &iov, 1);
				if (n > 0)
					x->off += n;
			} else if (n == 0)
				n = -EIO;	/* the file shrank */
			else
				n = -errno;
		}
		if (n == -EAGAIN || n == -EINTR)
			return;
		if (n <= 0) {
			log_info("event=download result=cut file=%s "
			    "sent=%lld addr=%s", x->f.id, (long long)x->off,
			    h->host);
			http_end(h);
			return;
		}
		turn += (size_t)n;
	}
	if (x->off < x->end)
		return;
	log_info("event=download file=%s bytes=%lld addr=%s", x->f.id,
	    (long long)x->off, h->host);
	http_close_after(h, NULL);
}

/* The event of a request with a transfer. */
void
files_io(struct http_conn *h, short what)
{
	switch (h->xfer->state) {
	case XF_BODY:
		files_read(h, what);
		break;
	case XF_SEND:
		files_send(h, what);
		break;
	default:
		break;
	}
}

/* Once expired files are gone, by the pool: removed from the disk. */
static void
files_unlink(const struct store_file *f, void *arg)
{
	int	*dirfd = arg;

	if (unlinkat(*dirfd, f->id, 0) != 0 && errno != ENOENT)
		log_warn("event=files-expire file=%s error=%s", f->id,
		    log_q(strerror(errno)));
}

static void
files_expire_work(void *arg)
{
	struct files_job	*j = arg;
	long long		 n;

	n = store_files_each(j->now, files_unlink, &files_dirfd);
	j->result = n < 0 ? -1 : 0;
	j->used = n;
}

static void
files_expire_done(struct client *c, void *arg)
{
	struct files_job	*j = arg;

	files_expiring = 0;
	if (j->result != 0)
		log_error("event=files-expire result=failed");
	else if (j->used != 0)
		log_info("event=files-expire files=%lld", (long long)j->used);
	free(j);
}

/* Once a second: every ten minutes, expired files removed by the pool. */
void
files_tick(time_t now)
{
	struct files_job	*j;

	if (files_dirfd == -1 || files_expiring || (files_expired != 0 &&
	    now - files_expired < FILES_EXPIRE_SECONDS))
		return;
	files_expired = now;
	files_expiring = 1;
	j = xcalloc(1, sizeof *j);
	j->fd = -1;
	j->now = (int64_t)time(NULL);
	worker_submit(NULL, 0, files_expire_work, files_expire_done, j);
}

/* chatd --files list: a line a file. */
static void
files_print(const struct store_file *f, void *arg)
{
	char	when[32], expires[32];
	time_t	t = (time_t)f->time;

	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	if (f->expires == 0)
		xstrlcpy(expires, "never", sizeof expires);
	else {
		t = (time_t)f->expires;
		strftime(expires, sizeof expires, "%Y-%m-%dT%H:%M:%SZ",
		    gmtime(&t));
	}
	printf("%s %12" PRId64 " %s %s %s %s %s\n", f->id, f->size, when,
	    expires, f->owner, f->type, f->name);
}

/*
 * chatd --files list | purge: every file kept, or the expired ones
 * removed now (a running chatd does that every ten minutes itself).
 */
int
files_command(const char *verb)
{
	char		*cause = NULL;
	long long	 n;

	if (*srv.conf->db == '\0') {
		fprintf(stderr, _("chatd: --files needs a db (option db)\n"));
		return (2);
	}
	if (store_open(srv.conf->db, &cause) != 0) {
		fprintf(stderr, "chatd: %s\n", cause);
		free(cause);
		return (1);
	}
	if (strcmp(verb, "list") == 0)
		n = store_files_each(0, files_print, NULL);
	else {
		if ((files_dirfd = open(srv.conf->files_path, O_RDONLY |
		    O_DIRECTORY | O_CLOEXEC)) == -1) {
			fprintf(stderr, "chatd: %s: %s\n",
			    srv.conf->files_path, strerror(errno));
			store_close();
			return (1);
		}
		n = store_files_each((int64_t)time(NULL), files_unlink,
		    &files_dirfd);
		if (n >= 0)
			printf(_("%lld expired files removed\n"), n);
		close(files_dirfd);
		files_dirfd = -1;
	}
	store_close();
	if (n < 0) {
		fprintf(stderr, _("chatd: %s: the db could not be read\n"),
		    srv.conf->db);
		return (1);
	}
	return (0);
}
