/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The db: SQLite in WAL mode, one file (the db option), a sink of
 * event.c. What the rooms of the server (autojoin) say and do is kept
 * there, so that it outlives a restart: at start the last lines go back
 * into the history in memory (history.c), and new message ids start past
 * the last one kept. Nothing in the loop waits for the disk: the sink
 * gathers a turn's rows, and the store's own thread writes them in one
 * transaction while the loop goes on; rows that come meanwhile wait for
 * the next one, so under load a transaction holds many turns (group
 * commit). A turn's output waits for the transaction that holds its rows
 * (store_turn_gen(), output_hold()): no one is shown a line that is not
 * in the WAL, so even kill -9 loses nothing anyone has seen. Other rooms are kept in memory only, and go with the room:
 * until rooms can be registered, whoever makes a room of that name next
 * must not read them. Private messages are not kept either: without
 * accounts no one could read them after the connection.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>
#include <sqlite3.h>

#include "chatd.h"
#include "store.h"

/* A row's flags. */
#define STORE_TAGMSG	0x01

/* A row of the history table, its texts in its batch's text. */
struct store_row {
	uint64_t		 msgid;
	int64_t			 ms;
	size_t			 target;	/* offsets in text */
	size_t			 line;
	size_t			 tags;		/* 0: none */
	uint8_t			 kind;
	uint8_t			 flags;
};

/* The rows of one transaction. */
struct store_batch {
	struct store_row	*rows;
	size_t			 n, size;
	char			*text;
	size_t			 len, cap;
	uint64_t		 gen;		/* its number, from 1 */
	int			 failed;
	char			 error[256];
};

static sqlite3			*store_db;
static sqlite3_stmt		*store_insert;
static const char		*store_path;

static struct worker_lane	*store_lane;	/* its thread (worker.c) */
static struct store_batch	*store_filling;	/* this turn's, the loop's */
static struct store_batch	*store_writing;	/* with the thread */
static struct event		*store_turn_ev;
static time_t			 store_error_logged;
static uint64_t			 store_gen;	/* the last batch handed off */
static uint64_t			 store_turn;	/* this turn's rows' batch */

static int	 store_exec(const char *, char **);
static int	 store_schema(char **);
static void	 store_load(void);
static void	 store_record(const struct change *);
static void	 store_row_add(const struct change *, const char *, void *);
static size_t	 store_text(struct store_batch *, const char *, size_t);
static void	 store_batch_free(struct store_batch *);
static void	 store_write(void *);
static void	 store_written(struct client *, void *);
static void	 store_handoff(void);
static void	 store_turn_cb(evutil_socket_t, short, void *);

static const struct sink store_sink = { "store", store_record };

/* Run sql; its error in *cause (if not NULL) when it fails. */
static int
store_exec(const char *sql, char **cause)
{
	char	*error = NULL;

	if (sqlite3_exec(store_db, sql, NULL, NULL, &error) == SQLITE_OK)
		return (0);
	if (cause != NULL)
		xasprintf(cause, "%s: %s", store_path,
		    error != NULL ? error : sqlite3_errmsg(store_db));
	sqlite3_free(error);
	return (-1);
}

/*
 * Check the schema: make it in a new file, refuse one from a newer chatd
 * or a file that is not chatd's.
 */
static int
store_schema(char **cause)
{
	sqlite3_stmt	*st;
	int		 version = -1, tables = -1;

	if (sqlite3_prepare_v2(store_db, "PRAGMA user_version", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(store_db, "SELECT count(*) FROM sqlite_master",
	    -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		tables = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version < 0 || tables < 0) {
		xasprintf(cause, "%s: %s", store_path, sqlite3_errmsg(store_db));
		return (-1);
	}
	if (version > STORE_SCHEMA) {
		xasprintf(cause, "%s: made by a newer chatd (schema %d; this "
		    "one knows up to %d)", store_path, version, STORE_SCHEMA);
		return (-1);
	}
	if (version == STORE_SCHEMA)
		return (0);
	if (tables != 0) {
		xasprintf(cause, "%s: not a chatd db (it has tables, and no "
		    "schema version)", store_path);
		return (-1);
	}
	return (store_exec(
	    "BEGIN;"
	    "CREATE TABLE history ("
	    " msgid INTEGER NOT NULL,"
	    " target TEXT NOT NULL COLLATE NOCASE,"
	    " time INTEGER NOT NULL,"
	    " kind INTEGER NOT NULL,"
	    " flags INTEGER NOT NULL,"
	    " line TEXT NOT NULL,"
	    " tags TEXT);"
	    "CREATE UNIQUE INDEX history_target ON history (target, msgid);"
	    "CREATE INDEX history_msgid ON history (msgid);"
	    "PRAGMA user_version = 1;"
	    "COMMIT", cause));
}

/*
 * Open the db at start (on the loop, before it runs): WAL, the schema
 * checked or made. One clear cause if it cannot be used.
 */
int
store_open(const char *path, char **cause)
{
	sqlite3_stmt	*st;
	const char	*mode = NULL;
	int		 ok;

	store_path = path;
	if (sqlite3_open_v2(path, &store_db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		xasprintf(cause, "%s: %s", path, store_db != NULL ?
		    sqlite3_errmsg(store_db) : "cannot open");
		goto fail;
	}
	sqlite3_extended_result_codes(store_db, 1);
	/* Another process (sqlite3 .backup) may hold it a moment. */
	sqlite3_busy_timeout(store_db, 5000);
	ok = sqlite3_prepare_v2(store_db, "PRAGMA journal_mode = WAL", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    (mode = (const char *)sqlite3_column_text(st, 0)) != NULL &&
	    strcmp(mode, "wal") == 0;
	sqlite3_finalize(st);
	if (!ok) {
		xasprintf(cause, "%s: %s", path, sqlite3_errmsg(store_db));
		goto fail;
	}
	/*
	 * NORMAL: a commit is in the WAL, in the kernel's hands, when it
	 * returns, so killing chatd loses nothing committed; only a power
	 * cut may lose the last transactions.
	 */
	if (store_exec("PRAGMA synchronous = NORMAL", cause) != 0 ||
	    store_schema(cause) != 0)
		goto fail;
	if (sqlite3_prepare_v2(store_db, "INSERT OR IGNORE INTO history "
	    "(msgid, target, time, kind, flags, line, tags) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &store_insert, NULL) !=
	    SQLITE_OK) {
		xasprintf(cause, "%s: %s", path, sqlite3_errmsg(store_db));
		goto fail;
	}
	return (0);

fail:
	sqlite3_close(store_db);
	store_db = NULL;
	return (-1);
}

/* Whether there is a db. */
int
store_enabled(void)
{
	return (store_db != NULL);
}

/*
 * chatd --check-db: open the db as chatd would, check every page of it,
 * and say what it holds.
 */
int
store_check(const char *path, char **cause)
{
	sqlite3_stmt	*st;
	const char	*result;
	long long	 rows = -1;
	int		 ok;

	if (store_open(path, cause) != 0)
		return (-1);
	ok = sqlite3_prepare_v2(store_db, "PRAGMA integrity_check", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    (result = (const char *)sqlite3_column_text(st, 0)) != NULL &&
	    strcmp(result, "ok") == 0;
	if (!ok)
		xasprintf(cause, "%s: damaged: %s", path, sqlite3_column_text(st,
		    0) != NULL ? (const char *)sqlite3_column_text(st, 0) :
		    sqlite3_errmsg(store_db));
	sqlite3_finalize(st);
	if (ok && sqlite3_prepare_v2(store_db, "SELECT count(*) FROM history",
	    -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		rows = sqlite3_column_int64(st, 0);
	if (ok)
		sqlite3_finalize(st);
	if (ok)
		printf("%s: ok, schema %d, %lld lines of history\n", path,
		    STORE_SCHEMA, rows);
	sqlite3_finalize(store_insert);
	store_insert = NULL;
	sqlite3_close(store_db);
	store_db = NULL;
	return (ok ? 0 : -1);
}

/*
 * At start: the last lines kept go back into the history in memory, and
 * message ids go on past the last.
 */
static void
store_load(void)
{
	sqlite3_stmt	*st;
	struct change	 ch;
	uint64_t	 msgid, last = 0;
	int64_t		 ms;
	long long	 n = 0;

	if (sqlite3_prepare_v2(store_db, "SELECT max(msgid) FROM history", -1,
	    &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		last = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (last >> (MSGID_NODE_BITS + MSGID_SEQ_BITS) > srv.msgid_ms) {
		srv.msgid_ms = last >> (MSGID_NODE_BITS + MSGID_SEQ_BITS);
		srv.msgid_seq = (1u << MSGID_SEQ_BITS) - 1;
	}
	if (!history_enabled())
		return;
	if (sqlite3_prepare_v2(store_db, "SELECT msgid, target, time, kind, "
	    "flags, line, tags FROM (SELECT rowid, * FROM history ORDER BY "
	    "msgid DESC LIMIT ?) ORDER BY msgid, rowid", -1, &st, NULL) !=
	    SQLITE_OK) {
		log_error("event=store-load error=%s",
		    log_q(sqlite3_errmsg(store_db)));
		return;
	}
	sqlite3_bind_int(st, 1, srv.conf->history_memory);
	while (sqlite3_step(st) == SQLITE_ROW) {
		memset(&ch, 0, sizeof ch);
		msgid = (uint64_t)sqlite3_column_int64(st, 0);
		ms = sqlite3_column_int64(st, 2);
		ch.msgid = msgid;
		ch.time.tv_sec = (time_t)(ms / 1000);
		ch.time.tv_usec = (suseconds_t)(ms % 1000) * 1000;
		ch.target = (const char *)sqlite3_column_text(st, 1);
		ch.kind = sqlite3_column_int(st, 3);
		if (sqlite3_column_int(st, 4) & STORE_TAGMSG)
			ch.verb = "TAGMSG";
		ch.line = (const char *)sqlite3_column_text(st, 5);
		ch.linelen = (size_t)sqlite3_column_bytes(st, 5);
		ch.tags = (const char *)sqlite3_column_text(st, 6);
		/* A room no longer the server's is not told again. */
		if (ch.target == NULL || ch.line == NULL ||
		    !config_is_autojoin(srv.conf, ch.target))
			continue;
		history_restore(&ch);
		n++;
	}
	sqlite3_finalize(st);
	log_info("event=store-load lines=%lld", n);
}

/* Append len bytes of s and a NUL to b's text; their offset. */
static size_t
store_text(struct store_batch *b, const char *s, size_t len)
{
	size_t	off = b->len;

	if (b->len + len + 1 > b->cap) {
		while (b->len + len + 1 > b->cap)
			b->cap = b->cap == 0 ? 4096 : b->cap * 2;
		b->text = xreallocarray(b->text, 1, b->cap);
	}
	memcpy(b->text + b->len, s, len);
	b->text[b->len + len] = '\0';
	b->len += len + 1;
	return (off);
}

/* A row for change ch in the room named target, in this turn's batch. */
static void
store_row_add(const struct change *ch, const char *target, void *arg)
{
	struct store_batch	*b;
	struct store_row	*r;

	if (!config_is_autojoin(srv.conf, target))
		return;
	if ((b = store_filling) == NULL) {
		b = store_filling = xcalloc(1, sizeof *b);
		store_text(b, "", 0);	/* offset 0: no tags */
	}
	if (b->n == b->size) {
		b->size = b->size == 0 ? 64 : b->size * 2;
		b->rows = xreallocarray(b->rows, b->size, sizeof *b->rows);
	}
	r = &b->rows[b->n++];
	r->msgid = ch->msgid;
	r->ms = (int64_t)ch->time.tv_sec * 1000 + ch->time.tv_usec / 1000;
	r->kind = (uint8_t)ch->kind;
	r->flags = ch->verb != NULL && strcmp(ch->verb, "TAGMSG") == 0 ?
	    STORE_TAGMSG : 0;
	r->target = store_text(b, target, strlen(target));
	r->line = store_text(b, ch->line, ch->linelen);
	r->tags = ch->tags != NULL && *ch->tags != '\0' ?
	    store_text(b, ch->tags, strlen(ch->tags)) : 0;
	/* The turn's output waits for the batch these rows will be in. */
	store_turn = store_gen + 1;
	if (!event_pending(store_turn_ev, EV_TIMEOUT, NULL))
		event_active(store_turn_ev, EV_TIMEOUT, 0);
}

/* The sink: what happens in a room of the server's is kept. */
static void
store_record(const struct change *ch)
{
	if (ch->line == NULL || ch->msgid == 0 || ch->remote)
		return;
	if (ch->kind == CHANGE_MESSAGE && *ch->target != '#')
		return;
	event_channels(ch, store_row_add, NULL);
}

static void
store_batch_free(struct store_batch *b)
{
	if (b == NULL)
		return;
	free(b->rows);
	free(b->text);
	free(b);
}

/* On the store's thread: one transaction for the batch. */
static void
store_write(void *arg)
{
	struct store_batch	*b = arg;
	struct store_row	*r;
	size_t			 i;
	int			 rc = SQLITE_OK;

	if (sqlite3_exec(store_db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	for (i = 0; i < b->n; i++) {
		r = &b->rows[i];
		sqlite3_bind_int64(store_insert, 1, (sqlite3_int64)r->msgid);
		sqlite3_bind_text(store_insert, 2, b->text + r->target, -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(store_insert, 3, r->ms);
		sqlite3_bind_int(store_insert, 4, r->kind);
		sqlite3_bind_int(store_insert, 5, r->flags);
		sqlite3_bind_text(store_insert, 6, b->text + r->line, -1,
		    SQLITE_STATIC);
		if (r->tags != 0)
			sqlite3_bind_text(store_insert, 7, b->text + r->tags,
			    -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(store_insert, 7);
		rc = sqlite3_step(store_insert);
		sqlite3_reset(store_insert);
		if (rc != SQLITE_DONE)
			goto fail;
	}
	if (sqlite3_exec(store_db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		return;
fail:
	b->failed = 1;
	snprintf(b->error, sizeof b->error, "%s", sqlite3_errmsg(store_db));
	sqlite3_exec(store_db, "ROLLBACK", NULL, NULL, NULL);
}

/* Give the thread the rows gathered, if it has none to write. */
static void
store_handoff(void)
{
	if (store_writing != NULL || store_filling == NULL)
		return;
	store_writing = store_filling;
	store_filling = NULL;
	store_writing->gen = ++store_gen;
	worker_lane_submit(store_lane, NULL, 0, store_write, store_written,
	    store_writing);
}

/*
 * The batch the lines of this turn will be in, for the turn's output to
 * wait for (client_flush_all()); 0 if the turn made none.
 */
uint64_t
store_turn_gen(void)
{
	uint64_t	gen = store_turn;

	store_turn = 0;
	return (gen);
}

/* The end of the turn's flush: the rows gathered go, if none are. */
void
store_flush(void)
{
	if (store_lane != NULL)
		store_handoff();
}

/* The end of a turn that made rows and had no output. */
static void
store_turn_cb(evutil_socket_t fd, short what, void *arg)
{
	store_handoff();
}

/* A transaction is over: say so if it failed, and start the next. */
static void
store_written(struct client *c, void *arg)
{
	struct store_batch	*b = arg;

	if (b->failed && server_time() - store_error_logged >= 60) {
		store_error_logged = server_time();
		log_error("event=store-failed lines=%zu error=%s", b->n,
		    log_q(b->error));
	}
	/*
	 * What waited for it is shown now, even if it failed: the error is
	 * logged, and chat goes on without the db.
	 */
	output_release(b->gen);
	store_batch_free(b);
	store_writing = NULL;
	store_handoff();
}

/*
 * Start: the lines kept go back into memory, the thread starts, and the
 * sink is on. After history_configure().
 */
void
store_start(void)
{
	if (store_db == NULL || store_lane != NULL)
		return;
	store_load();
	store_turn_ev = event_new(srv.base, -1, 0, store_turn_cb, NULL);
	store_lane = worker_lane_new("store", 1);
	event_sink_add(&store_sink);
}

/*
 * At exit: what is gathered is written (the lane's last jobs run before
 * it goes), then the db is closed.
 */
void
store_close(void)
{
	if (store_db == NULL)
		return;
	if (store_lane != NULL) {
		event_sink_remove(&store_sink);
		store_handoff();
		worker_lane_free(store_lane);
		store_lane = NULL;
		event_free(store_turn_ev);
		store_turn_ev = NULL;
	}
	sqlite3_finalize(store_insert);
	store_insert = NULL;
	sqlite3_close(store_db);
	store_db = NULL;
}
