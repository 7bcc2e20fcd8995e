/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * Inside the HTTP listener: a request as http.c reads it, for the parts
 * that answer it (files.c: uploads and downloads).
 */

#ifndef HTTP_H
#define HTTP_H

#include <http_parser.h>

/* The most a request's head may be. */
#define HTTP_HEAD_MAX	8192
/* The longest path served (longer ones are 404). */
#define HTTP_URL_MAX	256

/* Where files are uploaded, and where each is then found. */
#define FILES_UPLOAD_PATH	"/upload"
#define FILES_PATH		"/f/"

/* The headers chatd reads, as the request had them. */
enum http_header {
	H_NONE,
	H_UPGRADE,
	H_CONNECTION,
	H_KEY,
	H_VERSION,
	H_PROTOCOL,
	H_ORIGIN,
	H_HOST,
	H_IF_NONE_MATCH,
	H_AUTHORIZATION,
	H_CONTENT_TYPE,
	H_DISPOSITION,
	H_RANGE,
	H_IF_RANGE,
	H_EXPECT,
	H_COUNT
};

struct files_xfer;

struct http_conn {
	uint64_t		 id;		/* for jobs: never reused */
	int			 fd;
	struct conn		*lower;		/* TCP or TLS */
	struct event		*ev;
	struct sockaddr_storage	 sa;
	socklen_t		 salen;
	char			 host[HOST_MAX];
	http_parser		 parser;
	char			 buf[HTTP_HEAD_MAX];
	size_t			 len;
	enum http_header	 field;		/* the header being read */
	char			*h[H_COUNT];
	char			 url[HTTP_URL_MAX];
	size_t			 urllen;
	int			 done;		/* the head is whole */
	time_t			 started;
	struct files_xfer	*xfer;		/* an upload or a download */
	TAILQ_ENTRY(http_conn)	 entry;
};
TAILQ_HEAD(http_list, http_conn);

/* http.c */
struct http_conn *http_find(uint64_t);
void		 http_answer(struct http_conn *, const char *, const char *,
		     const char *);
void		 http_refuse(struct http_conn *, const char *, const char *);
void		 http_end(struct http_conn *);
void		 http_close_after(struct http_conn *, struct evbuffer *);
int		 http_feed(struct http_conn *, const char *, size_t);
void		 http_watch(struct http_conn *, short, int);

/* files.c */
void		 files_upload(struct http_conn *, size_t);
void		 files_download(struct http_conn *);
void		 files_io(struct http_conn *, short);
int		 files_body(struct http_conn *, const char *, size_t);
void		 files_body_end(struct http_conn *);
void		 files_xfer_free(struct http_conn *);
void		 files_name(const char *, char *, size_t);
int		 files_range(const char *, off_t, off_t *, off_t *);

#endif
