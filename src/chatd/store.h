/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The store's seam (store.c): the db, SQLite in WAL mode, when chatd is
 * built with it. Without it these are stubs and the db option is refused.
 */

#ifndef STORE_H
#define STORE_H

#include "scram.h"

/* The schema this chatd writes; an older one is upgraded at start. */
#define STORE_SCHEMA	11
/* A certificate's SHA-256 in hex, with its NUL (as TLS_FP_LEN). */
#define STORE_FP_LEN	65

/* An account as the db keeps it. */
struct store_account {
	char		name[NICK_MAX + 1];
	char		hash[128];	/* argon2id, crypto_pwhash_str() */
	uint8_t		salt[SCRAM_SALT_LEN];
	uint8_t		stored[SCRAM_KEY_LEN];
	uint8_t		server[SCRAM_KEY_LEN];
	uint32_t	iterations;
	int64_t		created;
	char		certfp[STORE_FP_LEN];	/* SASL EXTERNAL's, or "" */
};

/* Every account, if newer than version (a poll, worker.c's pool). */
struct store_account_list {
	struct store_account	*rows;
	size_t			 n;
	int64_t			 version;	/* in: known; out: read */
	int			 failed;
};

/* A CHATHISTORY answer from the db: up to two ranges of msgids. */
struct store_hist_row {
	uint64_t	 msgid;
	int64_t		 ms;
	int		 kind;
	int		 flags;		/* STORE_TAGMSG */
	char		*line;
	char		*tags;
};
struct store_query {
	char		 target[CHANNEL_MAX + NICK_MAX + 4];	/* or ~key */
	char		 peer[NICK_MAX + 1];	/* private: the other side */
	struct {
		uint64_t from, to;	/* inclusive */
		int	 desc;
		int	 limit;
	}		 range[2];
	int		 nranges;
	int		 events;	/* draft/event-playback: every kind */
	int		 tagmsg;	/* TAGMSG too */
	/* SEARCH: words, in these targets, from a nick, between times. */
	char		*text;
	char		**targets;
	size_t		 ntargets;
	char		 from[NICK_MAX + 1];
	int64_t		 after, before;	/* ms; 0: none */
	int		 limit;
	struct store_hist_row *rows;	/* out */
	size_t		 n;
	int		 failed;
};
#define STORE_TAGMSG	0x01

/* What store_account_write() does, and how it went. */
#define STORE_ACCOUNT_ADD	1
#define STORE_ACCOUNT_PASSWD	2
#define STORE_ACCOUNT_DEL	3
#define STORE_ACCOUNT_CERTFP	4	/* set (or clear) its certfp */
#define STORE_ACCOUNT_OK	0
#define STORE_ACCOUNT_EXISTS	1
#define STORE_ACCOUNT_NONE	2
#define STORE_ACCOUNT_FAILED	3
#define STORE_ACCOUNT_BUSY	4	/* not tried: too many waiting */

/* An uploaded file as the db keeps it (files.c). */
#define STORE_FILE_ID_LEN	26	/* 128 random bits in base32 */
struct store_file {
	char		id[STORE_FILE_ID_LEN + 1];
	char		owner[NICK_MAX + 1];	/* the account's key */
	char		name[256];		/* as the uploader named it */
	char		type[128];
	int64_t		size;
	char		sha256[65];
	int64_t		time;
	int64_t		expires;		/* 0: never */
};
#define STORE_FILE_OK		0
#define STORE_FILE_QUOTA	1
#define STORE_FILE_FAILED	2

#ifdef HAVE_SQLITE
struct sqlite3_stmt;
int	 store_open(const char *, char **);
void	 store_start(void);
void	 store_close(void);
int	 store_check(const char *, char **);
int	 store_enabled(void);
uint64_t store_turn_gen(void);
uint64_t store_turn_now(void);
void	 store_flush(void);
int64_t	 store_accounts_load(void (*)(const struct store_account *, void *),
	     void *);
int	 store_account_write(const struct store_account *, int, int64_t *,
	     char **);
void	 store_accounts_read(struct store_account_list *);
void	 store_account_list_free(struct store_account_list *);
void	 store_marker(const char *, const char *, int64_t);
void	 store_markers_load(void (*)(const char *, const char *, int64_t,
	     void *), void *);
void	 store_history_query(struct store_query *);
void	 store_search(struct client *, struct store_query *,
	     void (*)(struct client *, void *));
int	 store_query_rows(struct store_query *, struct sqlite3_stmt *,
	     size_t *);
void	 store_tick(time_t);
void	 store_query_free(struct store_query *);
void	 store_channel_save(struct channel *);
void	 store_channel_drop(const char *);
void	 store_channels_load(void);
int64_t	 store_file_usage(const char *, int64_t);
int	 store_file_add(const struct store_file *, int64_t);
int	 store_file_find(const char *, struct store_file *);
int	 store_file_digest(const char *, const char *);
int	 store_files_unhashed(char **, int64_t *);
long long store_files_each(int64_t, void (*)(const struct store_file *,
	     void *), void *);

/* search.c: the search index, a file of its own beside the db. */
int	 search_open(const char *, int, int64_t *, char **);
void	 search_start(int64_t);
void	 search_kick(int64_t);
void	 search_forget(int64_t);
void	 search_tick(time_t);
void	 search_close(void);
int	 search_check(char *, size_t);
#else
static inline int
store_open(const char *path, char **cause)
{
	*cause = xstrdup("this chatd was built without SQLite (db)");
	return (-1);
}

static inline int
store_check(const char *path, char **cause)
{
	return (store_open(path, cause));
}

static inline void	store_start(void) {}
static inline void	store_close(void) {}
static inline int	store_enabled(void) { return (0); }
static inline uint64_t	store_turn_gen(void) { return (0); }
static inline uint64_t	store_turn_now(void) { return (0); }
static inline void	store_flush(void) {}

static inline int64_t
store_accounts_load(void (*cb)(const struct store_account *, void *),
    void *arg)
{
	return (0);
}

static inline int
store_account_write(const struct store_account *row, int op,
    int64_t *version, char **cause)
{
	*cause = xstrdup("this chatd was built without SQLite (db)");
	return (STORE_ACCOUNT_FAILED);
}

static inline void
store_accounts_read(struct store_account_list *l)
{
	l->failed = 1;
}

static inline void
store_account_list_free(struct store_account_list *l)
{
	free(l->rows);
	free(l);
}

static inline void
store_marker(const char *account, const char *target, int64_t ms)
{
}

static inline void	store_history_query(struct store_query *q) {}
static inline void
store_search(struct client *c, struct store_query *q,
    void (*done)(struct client *, void *))
{
	q->failed = 1;
	done(c, q);
}
static inline void	store_tick(time_t now) {}
static inline void	store_query_free(struct store_query *q) {}
static inline void	store_channel_save(struct channel *ch) {}
static inline void	store_channel_drop(const char *name) {}
static inline void	store_channels_load(void) {}
static inline int64_t	store_file_usage(const char *o, int64_t t)
			    { return (-1); }
static inline int	store_file_add(const struct store_file *f, int64_t q)
			    { return (STORE_FILE_FAILED); }
static inline int	store_file_find(const char *id, struct store_file *f)
			    { return (-1); }
static inline int	store_file_digest(const char *id, const char *sha)
			    { return (-1); }
static inline int	store_files_unhashed(char **ids, int64_t *n)
			    { *ids = NULL; *n = 0; return (-1); }

static inline long long
store_files_each(int64_t before, void (*cb)(const struct store_file *,
    void *), void *arg)
{
	return (-1);
}

static inline void
store_markers_load(void (*cb)(const char *, const char *, int64_t, void *),
    void *arg)
{
}
#endif

#endif
