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

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>
#include <sodium.h>
#include <sqlite3.h>

#include "casemap.h"
#include "chatd.h"
#include "store.h"

/* A row's flags (STORE_TAGMSG in store.h). */
#define STORE_DELETE	0x80	/* not a row: the row msgid is deleted */
#define STORE_MARKER	0x40	/* not a row: a read marker (line: account) */
#define STORE_CHANNEL	0x20	/* not a row: a registered channel (chan) */

/* A registered channel as it is to be saved; no founder: dropped. */
struct store_chan {
	char		*name;
	char		*founder;
	int64_t		 created;
	int		 modes;
	char		*key;
	unsigned int	 limit;
	char		*topic;
	char		*topic_who;
	int64_t		 topic_time;
	char		**bans;		/* mask, who, when: three a ban */
	int64_t		*ban_times;
	char		*ban_kinds;
	size_t		 nbans;
};

/* A row of the history table, its texts in its batch's text. */
struct store_row {
	uint64_t		 msgid;
	int64_t			 ms;
	size_t			 target;	/* offsets in text */
	size_t			 line;
	size_t			 tags;		/* 0: none */
	size_t			 peer;		/* 0: none (a channel's) */
	uint64_t		 client;	/* a message's sender, or 0 */
	struct store_chan	*chan;		/* STORE_CHANNEL's */
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
/* CHATHISTORY's connection, for the pool's threads, one at a time. */
static sqlite3			*store_rdb;
static pthread_mutex_t		 store_rdb_lock = PTHREAD_MUTEX_INITIALIZER;
static sqlite3_stmt		*store_hist[2];	/* ascending, descending */
/* The accounts' own connection, for the pool's threads, one at a time. */
static sqlite3			*store_adb;
static pthread_mutex_t		 store_adb_lock = PTHREAD_MUTEX_INITIALIZER;
static sqlite3_stmt		*store_insert;
static sqlite3_stmt		*store_delete;
static sqlite3_stmt		*store_set_marker;
static sqlite3_stmt		*store_last_row;
static sqlite3_stmt		*store_begin;	/* not parsed each batch */
static sqlite3_stmt		*store_commit;
static const char		*store_path;

static struct worker_lane	*store_lane;	/* its thread (worker.c) */
static struct store_batch	*store_filling;	/* this turn's, the loop's */
static struct store_batch	*store_writing;	/* with the thread */
static struct event		*store_turn_ev;
static time_t			 store_error_logged;
static uint64_t			 store_gen;	/* the last batch handed off */
static uint64_t			 store_turn;	/* this turn's rows' batch */
static uint64_t			 store_committed; /* the last batch done */
static int			 store_broken;	/* the thread's: reconnect */
/* The next history row's rowid, the thread's: never one used before. */
static int64_t			 store_rowid;

static int	 store_exec(const char *, char **);
static void	 store_disconnect(void);
static int	 store_prepare(char **);
static int	 store_prepare_reads(char **);
static void	 store_unprepare(void);
static int	 store_reconnect(void);
static int	 store_schema(char **);
static void	 store_load(void);
static void	 store_rowid_init(void);
static void	 store_record(const struct change *);
static void	 store_row_add(const struct change *, const char *, void *);
static void	 store_row_fill(struct store_batch *, struct store_row *,
		    const struct change *, const char *);
static void	 store_private_add(const struct change *, struct account *,
		    const char *);
static size_t	 store_text(struct store_batch *, const char *, size_t);
static void	 store_batch_free(struct store_batch *);
static void	 store_chan_free(struct store_chan *);
static int	 store_chan_write(struct store_chan *);
static void	 store_write(void *);
static void	 store_written(struct client *, void *);
static void	 store_handoff(void);
static int	 store_id_cmp(const void *, const void *);
static void	 store_warn_senders(struct store_batch *);
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
 * The schema, a step per version: step i makes version i + 1 of the one
 * before. A new file takes them all; an older one the steps it lacks.
 */
static const char *const store_steps[] = {
	/* 1: the history. */
	"CREATE TABLE history ("
	" msgid INTEGER NOT NULL,"
	" target TEXT NOT NULL COLLATE NOCASE,"
	" time INTEGER NOT NULL,"
	" kind INTEGER NOT NULL,"
	" flags INTEGER NOT NULL,"
	" line TEXT NOT NULL,"
	" tags TEXT);"
	"CREATE UNIQUE INDEX history_target ON history (target, msgid);"
	"CREATE INDEX history_msgid ON history (msgid);",
	/*
	 * 2: accounts, filed under the name as the casemapping folds it;
	 * a count the triggers keep tells a running chatd of changes made
	 * by another program (chatd --account).
	 */
	"CREATE TABLE account ("
	" name TEXT NOT NULL,"
	" key TEXT NOT NULL UNIQUE,"
	" hash TEXT NOT NULL,"
	" scram_salt BLOB NOT NULL,"
	" scram_iterations INTEGER NOT NULL,"
	" scram_stored BLOB NOT NULL,"
	" scram_server BLOB NOT NULL,"
	" created INTEGER NOT NULL);"
	"CREATE TABLE account_version (n INTEGER NOT NULL);"
	"INSERT INTO account_version VALUES (0);"
	"CREATE TRIGGER account_added AFTER INSERT ON account BEGIN"
	" UPDATE account_version SET n = n + 1; END;"
	"CREATE TRIGGER account_changed AFTER UPDATE ON account BEGIN"
	" UPDATE account_version SET n = n + 1; END;"
	"CREATE TRIGGER account_deleted AFTER DELETE ON account BEGIN"
	" UPDATE account_version SET n = n + 1; END;",
	/* 3: read markers, an account's (its key) for each target. */
	"CREATE TABLE readmarker ("
	" account TEXT NOT NULL,"
	" target TEXT NOT NULL COLLATE NOCASE,"
	" time INTEGER NOT NULL,"
	" PRIMARY KEY (account, target));"
	"CREATE TRIGGER account_markers AFTER DELETE ON account BEGIN"
	" DELETE FROM readmarker WHERE account = old.key; END;",
	/*
	 * 4: private messages, kept for each side with an account: target
	 * is '~' and the account's key, peer the other side's nick.
	 */
	"ALTER TABLE history ADD COLUMN peer TEXT;"
	"CREATE TRIGGER account_history AFTER DELETE ON account BEGIN"
	" DELETE FROM history WHERE target = '~' || old.key; END;",
	/* 5: registered channels (chanreg.c) and their bans. */
	"CREATE TABLE channel ("
	" name TEXT PRIMARY KEY COLLATE NOCASE,"
	" founder TEXT NOT NULL,"
	" created INTEGER NOT NULL,"
	" modes INTEGER NOT NULL,"
	" key TEXT,"
	" lim INTEGER NOT NULL,"
	" topic TEXT,"
	" topic_who TEXT,"
	" topic_time INTEGER);"
	"CREATE TABLE ban ("
	" channel TEXT NOT NULL COLLATE NOCASE,"
	" mask TEXT NOT NULL,"
	" who TEXT NOT NULL,"
	" time INTEGER NOT NULL);"
	"CREATE INDEX ban_channel ON ban (channel);",
	/*
	 * 6: full-text search of messages' text (SEARCH): an FTS5 table of
	 * the text after " :", kept by triggers.
	 */
	"CREATE VIRTUAL TABLE history_fts USING fts5(text);"
	"CREATE TRIGGER history_fts_add AFTER INSERT ON history"
	" WHEN new.kind = 6 AND new.flags & 1 = 0 BEGIN"
	" INSERT INTO history_fts (rowid, text) VALUES (new.rowid,"
	" substr(new.line, instr(substr(new.line, 2), ' :') + 3)); END;"
	"CREATE TRIGGER history_fts_del AFTER DELETE ON history"
	" WHEN old.kind = 6 AND old.flags & 1 = 0 BEGIN"
	" DELETE FROM history_fts WHERE rowid = old.rowid; END;"
	"INSERT INTO history_fts (rowid, text) SELECT rowid,"
	" substr(line, instr(substr(line, 2), ' :') + 3) FROM history"
	" WHERE kind = 6 AND flags & 1 = 0;",
	/*
	 * 7: the index is written a transaction's lines at a time by the
	 * store (store_write()), not a line at a time by a trigger: FTS5
	 * took 35 us a line that way, and held writing to 28,000 lines a
	 * second; in one statement a transaction it takes 3.
	 */
	"DROP TRIGGER history_fts_add;",
	/*
	 * 8: a client certificate's fingerprint (SHA-256, hex) an account
	 * can be logged in to with, by SASL EXTERNAL over TLS; one account's.
	 */
	("ALTER TABLE account ADD COLUMN certfp TEXT;"
	"CREATE UNIQUE INDEX account_certfp ON account (certfp);"),
	/*
	 * 9: uploaded files (files.c): the stored name chatd chose, the
	 * owner's account key, what the uploader called it, its type, size
	 * and SHA-256; times in seconds, expires 0 for never.
	 */
	"CREATE TABLE file ("
	" id TEXT PRIMARY KEY,"
	" owner TEXT NOT NULL,"
	" name TEXT NOT NULL,"
	" type TEXT NOT NULL,"
	" size INTEGER NOT NULL,"
	" sha256 TEXT NOT NULL,"
	" time INTEGER NOT NULL,"
	" expires INTEGER NOT NULL);"
	"CREATE INDEX file_owner ON file (owner);"
	"CREATE INDEX file_expires ON file (expires) WHERE expires != 0;",
	/* 10: a channel's exceptions (e) and invite exceptions (I) by its bans. */
	"ALTER TABLE ban ADD COLUMN kind TEXT NOT NULL DEFAULT 'b';",
	/*
	 * 11: the search index has a file of its own (search.c), written
	 * off the commit that output waits for; and rows are found by msgid
	 * only with their target (rowids follow msgids), so the index of
	 * msgids alone, a quarter of a commit's work, goes.
	 */
	"DROP TRIGGER IF EXISTS history_fts_del;"
	"DROP TABLE IF EXISTS history_fts;"
	"DROP INDEX IF EXISTS history_msgid;"
};
_Static_assert(sizeof store_steps / sizeof store_steps[0] == STORE_SCHEMA,
    "a step for each version of the schema");

/* The schema's version and the number of tables; -1 if unreadable. */
static int
store_version(int *version, int *tables, char **cause)
{
	sqlite3_stmt	*st;

	*version = *tables = -1;
	if (sqlite3_prepare_v2(store_db, "PRAGMA user_version", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(store_db, "SELECT count(*) FROM sqlite_master",
	    -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		*tables = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (*version >= 0 && *tables >= 0)
		return (0);
	xasprintf(cause, "%s: %s", store_path, sqlite3_errmsg(store_db));
	return (-1);
}

/*
 * Check the schema: make it in a new file, upgrade an older one in place,
 * refuse one from a newer chatd or a file that is not chatd's. The steps
 * run under the write lock, the version read again once it is held: two
 * chatds (a server and chatd --account) starting together make it once.
 */
static int
store_schema(char **cause)
{
	char	 sql[64];
	int	 version, tables, v, locked = 0;

again:
	if (store_version(&version, &tables, cause) != 0)
		goto fail;
	if (version > STORE_SCHEMA) {
		xasprintf(cause, "%s: made by a newer chatd (schema %d; this "
		    "one knows up to %d)", store_path, version, STORE_SCHEMA);
		goto fail;
	}
	if (version == STORE_SCHEMA)
		return (locked ? store_exec("COMMIT", cause) : 0);
	if (version == 0 && tables != 0) {
		xasprintf(cause, "%s: not a chatd db (it has tables, and no "
		    "schema version)", store_path);
		goto fail;
	}
	if (!locked) {
		if (store_exec("BEGIN IMMEDIATE", cause) != 0)
			return (-1);
		locked = 1;
		goto again;
	}
	for (v = version; v < STORE_SCHEMA; v++) {
		if (store_exec(store_steps[v], cause) != 0)
			goto fail;
	}
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", STORE_SCHEMA);
	if (store_exec(sql, cause) != 0 || store_exec("COMMIT", cause) != 0)
		goto fail;
	if (version != 0)
		log_info("event=store-upgrade from=%d to=%d", version,
		    STORE_SCHEMA);
	return (0);

fail:
	if (locked)
		store_exec("ROLLBACK", NULL);
	return (-1);
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
	/*
	 * No count of SQLite's memory: it takes one mutex for every malloc
	 * of every connection, the store's, the index's and the pool's.
	 */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
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
	    store_schema(cause) != 0 || store_prepare(cause) != 0)
		goto fail;
	/*
	 * The WAL is copied into the db by the pool (store_tick()), not in
	 * the middle of a commit that a turn's output waits for.
	 */
	sqlite3_wal_autocheckpoint(store_db, 0);
	if (sqlite3_open_v2(path, &store_adb, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		xasprintf(cause, "%s: %s", path, store_adb != NULL ?
		    sqlite3_errmsg(store_adb) : "cannot open");
		goto fail;
	}
	sqlite3_extended_result_codes(store_adb, 1);
	sqlite3_busy_timeout(store_adb, 5000);
	if (sqlite3_open_v2(path, &store_rdb, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    store_prepare_reads(cause) != 0) {
		if (*cause == NULL)
			xasprintf(cause, "%s: %s", path, store_rdb != NULL ?
			    sqlite3_errmsg(store_rdb) : "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(store_rdb, 5000);
	return (0);

fail:
	store_disconnect();
	return (-1);
}

/* The statements the store's thread writes with. */
static int
store_prepare(char **cause)
{
	if (sqlite3_prepare_v2(store_db, "INSERT OR IGNORE INTO history "
	    "(msgid, target, time, kind, flags, line, tags, peer, rowid) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &store_insert, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(store_db, "DELETE FROM history "
	    "WHERE msgid = ? AND target = ? RETURNING rowid", -1,
	    &store_delete, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(store_db, "INSERT INTO readmarker "
	    "(account, target, time) VALUES (?, ?, ?) ON CONFLICT "
	    "(account, target) DO UPDATE SET time = max(time, excluded.time)",
	    -1, &store_set_marker, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(store_db, "SELECT max(rowid) FROM history", -1,
	    &store_last_row, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(store_db, "BEGIN", -1, &store_begin, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(store_db, "COMMIT", -1,
	    &store_commit, NULL) == SQLITE_OK)
		return (0);
	if (cause != NULL)
		xasprintf(cause, "%s: %s", store_path,
		    sqlite3_errmsg(store_db));
	return (-1);
}

static void
store_unprepare(void)
{
	sqlite3_stmt	**const sts[] = { &store_insert, &store_delete,
			    &store_set_marker, &store_last_row, &store_begin,
			    &store_commit };
	size_t		  i;

	for (i = 0; i < sizeof sts / sizeof sts[0]; i++) {
		sqlite3_finalize(*sts[i]);
		*sts[i] = NULL;
	}
}

/*
 * On the store's thread, after a failed write (a full disk, a file gone
 * read-only): the history's connection opened again, as a connection
 * that met an I/O error may keep failing after the cause is gone. 0 if
 * it can be written with.
 */
static int
store_reconnect(void)
{
	sqlite3	*db;

	if (sqlite3_open_v2(store_path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return (-1);
	}
	store_unprepare();
	sqlite3_close(store_db);
	store_db = db;
	sqlite3_extended_result_codes(store_db, 1);
	sqlite3_busy_timeout(store_db, 5000);
	if (store_exec("PRAGMA synchronous = NORMAL", NULL) != 0 ||
	    store_prepare(NULL) != 0)
		return (-1);
	sqlite3_wal_autocheckpoint(store_db, 0);
	return (0);
}

/* CHATHISTORY's statements: a target's lines between two ids, each way. */
static int
store_prepare_reads(char **cause)
{
	static const char *const sql[2] = {
	    "SELECT msgid, time, kind, flags, line, tags FROM history "
	    "WHERE target = ?1 AND msgid BETWEEN ?2 AND ?3 AND (?4 OR kind = "
	    "?5) AND (?6 OR (flags & 1) = 0) AND (?7 = '' OR peer = ?7 "
	    "COLLATE NOCASE) ORDER BY msgid LIMIT ?8",
	    "SELECT msgid, time, kind, flags, line, tags FROM history "
	    "WHERE target = ?1 AND msgid BETWEEN ?2 AND ?3 AND (?4 OR kind = "
	    "?5) AND (?6 OR (flags & 1) = 0) AND (?7 = '' OR peer = ?7 "
	    "COLLATE NOCASE) ORDER BY msgid DESC LIMIT ?8"
	};
	int	i;

	for (i = 0; i < 2; i++) {
		if (sqlite3_prepare_v2(store_rdb, sql[i], -1, &store_hist[i],
		    NULL) != SQLITE_OK) {
			xasprintf(cause, "%s: %s", store_path,
			    sqlite3_errmsg(store_rdb));
			return (-1);
		}
	}
	return (0);
}

/*
 * Append the rows of st (msgid, time, kind, flags, line, tags) to q's,
 * *size the room; -1 if the query failed.
 */
int
store_query_rows(struct store_query *q, sqlite3_stmt *st, size_t *size)
{
	struct store_hist_row	*r;
	const char		*s;
	int			 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((s = (const char *)sqlite3_column_text(st, 4)) == NULL)
			continue;
		if (q->n == *size) {
			*size = *size == 0 ? 64 : *size * 2;
			q->rows = xreallocarray(q->rows, *size,
			    sizeof *q->rows);
		}
		r = &q->rows[q->n++];
		r->msgid = (uint64_t)sqlite3_column_int64(st, 0);
		r->ms = sqlite3_column_int64(st, 1);
		r->kind = sqlite3_column_int(st, 2);
		r->flags = sqlite3_column_int(st, 3);
		r->line = xstrdup(s);
		s = (const char *)sqlite3_column_text(st, 5);
		r->tags = s != NULL ? xstrdup(s) : NULL;
	}
	return (rc == SQLITE_DONE ? 0 : -1);
}

/* On a pool thread: the lines of q's ranges, as the db has them. */
void
store_history_query(struct store_query *q)
{
	sqlite3_stmt		*st;
	size_t			 size = 0;
	int			 i;

	pthread_mutex_lock(&store_rdb_lock);
	for (i = 0; i < q->nranges; i++) {
		st = store_hist[q->range[i].desc != 0];
		sqlite3_bind_text(st, 1, q->target, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)q->range[i].from);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)q->range[i].to);
		sqlite3_bind_int(st, 4, q->events);
		sqlite3_bind_int(st, 5, CHANGE_MESSAGE);
		sqlite3_bind_int(st, 6, q->tagmsg);
		sqlite3_bind_text(st, 7, q->peer, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 8, q->range[i].limit);
		if (store_query_rows(q, st, &size) != 0)
			q->failed = 1;
		sqlite3_reset(st);
	}
	pthread_mutex_unlock(&store_rdb_lock);
}

void
store_query_free(struct store_query *q)
{
	size_t	i;

	for (i = 0; i < q->ntargets; i++)
		free(q->targets[i]);
	free(q->targets);
	free(q->text);
	for (i = 0; i < q->n; i++) {
		free(q->rows[i].line);
		free(q->rows[i].tags);
	}
	free(q->rows);
	free(q);
}

/* Close the connections. */
static void
store_disconnect(void)
{
	sqlite3	**const dbs[] = { &store_rdb, &store_adb, &store_db };
	size_t	  i;

	search_close();
	store_unprepare();
	sqlite3_finalize(store_hist[0]);
	sqlite3_finalize(store_hist[1]);
	store_hist[0] = store_hist[1] = NULL;
	for (i = 0; i < sizeof dbs / sizeof dbs[0]; i++) {
		sqlite3_close(*dbs[i]);
		*dbs[i] = NULL;
	}
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
	long long	 rows = -1, accounts = -1, files = -1;
	int64_t		 mark;
	char		 index[512], *why = NULL;
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
	if (ok && sqlite3_prepare_v2(store_db, "SELECT count(*) FROM account",
	    -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		accounts = sqlite3_column_int64(st, 0);
	if (ok)
		sqlite3_finalize(st);
	if (ok && sqlite3_prepare_v2(store_db, "SELECT count(*) FROM file",
	    -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		files = sqlite3_column_int64(st, 0);
	if (ok)
		sqlite3_finalize(st);
	if (ok && search_open(path, 0, &mark, &why) != 0) {
		snprintf(index, sizeof index, "search index to be made again "
		    "at start (%s)", why);
		free(why);
	} else if (ok)
		search_check(index, sizeof index);
	if (ok)
		printf("%s: ok, schema %d, %lld lines of history, %lld "
		    "accounts, %lld files, %s\n", path, STORE_SCHEMA, rows,
		    accounts, files, index);
	store_disconnect();
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
	const char	*peer;
	uint64_t	 msgid, last = 0;
	int64_t		 ms;
	long long	 n = 0;

	/* The newest rows are the last (store_write() numbers them). */
	if (sqlite3_prepare_v2(store_db, "SELECT max(msgid) FROM (SELECT "
	    "msgid FROM history ORDER BY rowid DESC LIMIT 1000)", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		last = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (last >> (MSGID_NODE_BITS + MSGID_SEQ_BITS) > srv.msgid_ms) {
		srv.msgid_ms = last >> (MSGID_NODE_BITS + MSGID_SEQ_BITS);
		srv.msgid_seq = (1u << MSGID_SEQ_BITS) - 1;
	}
	if (!history_enabled())
		return;
	if (sqlite3_prepare_v2(store_db, "SELECT msgid, target, time, kind, "
	    "flags, line, tags, peer FROM (SELECT rowid, * FROM history ORDER "
	    "BY rowid DESC LIMIT ?) ORDER BY msgid, rowid", -1, &st, NULL) !=
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
		if (ch.target == NULL || ch.line == NULL)
			continue;
		peer = (const char *)sqlite3_column_text(st, 7);
		if (*ch.target == '~' && peer != NULL) {
			ch.kind = CHANGE_MESSAGE;
			history_restore_private(&ch, ch.target + 1, peer);
			n++;
			continue;
		}
		/* A room no longer kept is not told again. */
		if (!chanreg_kept(ch.target))
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

/* A new row in this turn's batch; the turn's output will wait for it. */
static struct store_row *
store_row_new(struct store_batch **bp)
{
	struct store_batch	*b;

	if ((b = store_filling) == NULL) {
		b = store_filling = xcalloc(1, sizeof *b);
		store_text(b, "", 0);	/* offset 0: no tags */
	}
	if (b->n == b->size) {
		b->size = b->size == 0 ? 64 : b->size * 2;
		b->rows = xreallocarray(b->rows, b->size, sizeof *b->rows);
	}
	store_turn = store_gen + 1;
	if (!event_pending(store_turn_ev, EV_TIMEOUT, NULL))
		event_active(store_turn_ev, EV_TIMEOUT, 0);
	*bp = b;
	return (memset(&b->rows[b->n++], 0, sizeof *b->rows));
}

/* A row for change ch in the room named target, in this turn's batch. */
static void
store_row_add(const struct change *ch, const char *target, void *arg)
{
	struct store_batch	*b;
	struct store_row	*r;

	if (!chanreg_kept(target))
		return;
	r = store_row_new(&b);
	store_row_fill(b, r, ch, target);
}

/* Fill row r of b for change ch under target. */
static void
store_row_fill(struct store_batch *b, struct store_row *r,
    const struct change *ch, const char *target)
{
	r->msgid = ch->msgid;
	r->client = ch->kind == CHANGE_MESSAGE ? ch->client->id : 0;
	r->ms = (int64_t)ch->time.tv_sec * 1000 + ch->time.tv_usec / 1000;
	r->kind = (uint8_t)ch->kind;
	r->flags = ch->verb != NULL && strcmp(ch->verb, "TAGMSG") == 0 ?
	    STORE_TAGMSG : 0;
	if (ch->kind == CHANGE_REDACT) {
		r->msgid = ch->redacted;
		r->flags = STORE_DELETE;
	}
	r->target = store_text(b, target, strlen(target));
	r->line = store_text(b, ch->line, ch->linelen);
	r->tags = ch->tags != NULL && *ch->tags != '\0' ?
	    store_text(b, ch->tags, strlen(ch->tags)) : 0;
}

/* A private message's row (or its deletion) on the side of account a. */
static void
store_private_add(const struct change *ch, struct account *a,
    const char *peer)
{
	struct store_batch	*b;
	struct store_row	*r;
	char			 key[NICK_MAX + 2];

	key[0] = '~';
	casemap_fold(key + 1, a->name, sizeof key - 1);
	r = store_row_new(&b);
	store_row_fill(b, r, ch, key);
	r->peer = store_text(b, peer, strlen(peer));
}

/* account's read marker of target is ms now: kept with the turn's rows. */
void
store_marker(const char *account, const char *target, int64_t ms)
{
	struct store_batch	*b;
	struct store_row	*r;
	char			 key[NICK_MAX + 1];

	if (store_lane == NULL)
		return;
	casemap_fold(key, account, sizeof key);
	r = store_row_new(&b);
	r->flags = STORE_MARKER;
	r->ms = ms;
	r->target = store_text(b, target, strlen(target));
	r->line = store_text(b, key, strlen(key));
}

/* At start: every account's read markers, by the account's key. */
void
store_markers_load(void (*cb)(const char *, const char *, int64_t, void *),
    void *arg)
{
	sqlite3_stmt	*st;
	const char	*account, *target;

	if (sqlite3_prepare_v2(store_db, "SELECT account, target, time FROM "
	    "readmarker", -1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		account = (const char *)sqlite3_column_text(st, 0);
		target = (const char *)sqlite3_column_text(st, 1);
		if (account != NULL && target != NULL)
			cb(account, target, sqlite3_column_int64(st, 2), arg);
	}
	sqlite3_finalize(st);
}

/* The sink: what happens in a room of the server's is kept. */
static void
store_record(const struct change *ch)
{
	if (ch->line == NULL || ch->msgid == 0 || ch->remote)
		return;
	if ((ch->kind == CHANGE_MESSAGE || ch->kind == CHANGE_REDACT) &&
	    *ch->target != '#') {
		/* In private: a row for each side that has an account. */
		if (ch->client->account != NULL)
			store_private_add(ch, ch->client->account, ch->target);
		if (ch->to != NULL && ch->to->account != NULL &&
		    ch->to->account != ch->client->account)
			store_private_add(ch, ch->to->account, ch->nick);
		return;
	}
	event_channels(ch, store_row_add, NULL);
}

static void
store_batch_free(struct store_batch *b)
{
	size_t	i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++)
		store_chan_free(b->rows[i].chan);
	free(b->rows);
	free(b->text);
	free(b);
}

/*
 * On the store's thread: one transaction for the batch; once committed,
 * the search index is told of its rows and of the rows it deleted.
 */
static void
store_write(void *arg)
{
	struct store_batch	*b = arg;
	struct store_row	*r;
	int64_t			 first = store_rowid, *gone = NULL;
	size_t			 i, ngone = 0;
	int			 rc = SQLITE_OK;

	if (store_broken && store_reconnect() != 0)
		goto fail;
	store_broken = 0;
	rc = sqlite3_step(store_begin);
	sqlite3_reset(store_begin);
	if (rc != SQLITE_DONE)
		goto fail;
	for (i = 0; i < b->n; i++) {
		r = &b->rows[i];
		if (r->flags & STORE_CHANNEL) {
			if (store_chan_write(r->chan) != 0)
				goto fail;
			continue;
		}
		if (r->flags & STORE_MARKER) {
			sqlite3_bind_text(store_set_marker, 1, b->text + r->line,
			    -1, SQLITE_STATIC);
			sqlite3_bind_text(store_set_marker, 2,
			    b->text + r->target, -1, SQLITE_STATIC);
			sqlite3_bind_int64(store_set_marker, 3, r->ms);
			rc = sqlite3_step(store_set_marker);
			sqlite3_reset(store_set_marker);
			if (rc != SQLITE_DONE)
				goto fail;
			continue;
		}
		if (r->flags & STORE_DELETE) {
			sqlite3_bind_int64(store_delete, 1,
			    (sqlite3_int64)r->msgid);
			sqlite3_bind_text(store_delete, 2, b->text + r->target,
			    -1, SQLITE_STATIC);
			while ((rc = sqlite3_step(store_delete)) ==
			    SQLITE_ROW) {
				gone = xreallocarray(gone, ngone + 1,
				    sizeof *gone);
				gone[ngone++] = sqlite3_column_int64(
				    store_delete, 0);
			}
			sqlite3_reset(store_delete);
			if (rc != SQLITE_DONE)
				goto fail;
			continue;
		}
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
		if (r->peer != 0)
			sqlite3_bind_text(store_insert, 8, b->text + r->peer,
			    -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(store_insert, 8);
		sqlite3_bind_int64(store_insert, 9, store_rowid++);
		rc = sqlite3_step(store_insert);
		sqlite3_reset(store_insert);
		if (rc != SQLITE_DONE)
			goto fail;
	}
	rc = sqlite3_step(store_commit);
	sqlite3_reset(store_commit);
	if (rc != SQLITE_DONE)
		goto fail;
	for (i = 0; i < ngone; i++)
		search_forget(gone[i]);
	free(gone);
	search_kick(store_rowid - 1);
	return;
fail:
	b->failed = 1;
	snprintf(b->error, sizeof b->error, "%s", sqlite3_errmsg(store_db));
	sqlite3_exec(store_db, "ROLLBACK", NULL, NULL, NULL);
	store_broken = 1;
	store_rowid = first;
	free(gone);
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
 * wait for (conn_flush_all()); 0 if the turn made none.
 */
uint64_t
store_turn_gen(void)
{
	uint64_t	gen = store_turn;

	store_turn = 0;
	/*
	 * Rows of a turn that had no output are not this turn's: if their
	 * batch is done, nothing waits for it (it would wait forever).
	 */
	return (gen > store_committed ? gen : 0);
}

/* store_turn_gen(), left as it is: for a client that goes mid-turn. */
uint64_t
store_turn_now(void)
{
	return (store_turn > store_committed ? store_turn : 0);
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

static int
store_id_cmp(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y ? -1 : x > y);
}

/*
 * A batch was not written: who sent its messages is told, once, that
 * they reached everyone but were not kept (a standard-replies WARN).
 */
static void
store_warn_senders(struct store_batch *b)
{
	struct client	*c;
	uint64_t	*ids;
	size_t		 i, n = 0;
	char		 text[400];

	ids = xreallocarray(NULL, b->n + 1, sizeof *ids);
	for (i = 0; i < b->n; i++) {
		if (b->rows[i].client != 0)
			ids[n++] = b->rows[i].client;
	}
	if (n != 0) {
		qsort(ids, n, sizeof *ids, store_id_cmp);
		snprintf(text, sizeof text, "Your last messages reached "
		    "everyone but were not stored (%s); chatd stores again as "
		    "soon as it can", b->error);
		TAILQ_FOREACH(c, &srv.clients, entry) {
			if (bsearch(&c->id, ids, n, sizeof *ids,
			    store_id_cmp) != NULL)
				send_raw(c, ":%s WARN * NOT_STORED :%s",
				    srv.conf->name, text);
		}
	}
	free(ids);
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
	if (b->failed)
		store_warn_senders(b);
	/*
	 * What waited for it is shown now, even if it failed: the error is
	 * logged, and chat goes on without the db.
	 */
	store_committed = b->gen;
	output_release(b->gen);
	store_batch_free(b);
	store_writing = NULL;
	store_handoff();
}

/*
 * The search index opened (made again if it cannot be used), and the next
 * history row numbered past every row there has been: past the last row
 * and past the last the index looked at, which may have been deleted.
 */
static void
store_rowid_init(void)
{
	int64_t	 last = 0, mark = 0;
	char	*cause = NULL;

	if (search_open(store_path, 1, &mark, &cause) != 0) {
		log_error("event=search-unavailable error=%s", log_q(cause));
		free(cause);
	}
	if (sqlite3_step(store_last_row) == SQLITE_ROW)
		last = sqlite3_column_int64(store_last_row, 0);
	sqlite3_reset(store_last_row);
	store_rowid = (last > mark ? last : mark) + 1;
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
	store_channels_load();	/* their history comes next */
	store_load();
	store_rowid_init();
	store_turn_ev = event_new(srv.base, -1, 0, store_turn_cb, NULL);
	store_lane = worker_lane_new("store", 1, 0);
	search_start(store_rowid - 1);
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
		search_close();
		event_free(store_turn_ev);
		store_turn_ev = NULL;
	}
	store_disconnect();
}

/* The accounts' count of changes; -1 if it cannot be read. */
static int64_t
store_accounts_version(sqlite3 *db)
{
	sqlite3_stmt	*st;
	int64_t		 n = -1;

	if (sqlite3_prepare_v2(db, "SELECT n FROM account_version", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (n);
}

/* Copy a blob column into out, which it must fill exactly. */
static int
store_blob(sqlite3_stmt *st, int col, uint8_t *out, size_t len)
{
	if ((size_t)sqlite3_column_bytes(st, col) != len ||
	    sqlite3_column_blob(st, col) == NULL)
		return (-1);
	memcpy(out, sqlite3_column_blob(st, col), len);
	return (0);
}

/* Call cb for every account in db; -1 if they cannot be read. */
static int
store_accounts_each(sqlite3 *db,
    void (*cb)(const struct store_account *, void *), void *arg)
{
	sqlite3_stmt		*st;
	struct store_account	 row;
	const char		*name, *hash, *fp;
	int			 rc;

	if (sqlite3_prepare_v2(db, "SELECT name, hash, scram_salt, "
	    "scram_iterations, scram_stored, scram_server, created, certfp "
	    "FROM account ORDER BY key", -1, &st, NULL) != SQLITE_OK)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&row, 0, sizeof row);
		name = (const char *)sqlite3_column_text(st, 0);
		hash = (const char *)sqlite3_column_text(st, 1);
		fp = (const char *)sqlite3_column_text(st, 7);
		if (name == NULL || hash == NULL ||
		    store_blob(st, 2, row.salt, sizeof row.salt) != 0 ||
		    store_blob(st, 4, row.stored, sizeof row.stored) != 0 ||
		    store_blob(st, 5, row.server, sizeof row.server) != 0)
			continue;	/* not one this chatd made */
		xstrlcpy(row.name, name, sizeof row.name);
		xstrlcpy(row.hash, hash, sizeof row.hash);
		row.iterations = (uint32_t)sqlite3_column_int64(st, 3);
		row.created = sqlite3_column_int64(st, 6);
		if (fp != NULL)
			xstrlcpy(row.certfp, fp, sizeof row.certfp);
		cb(&row, arg);
	}
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/* At start (or for chatd --account): every account; their version. */
int64_t
store_accounts_load(void (*cb)(const struct store_account *, void *),
    void *arg)
{
	int64_t	version;

	pthread_mutex_lock(&store_adb_lock);
	version = store_accounts_version(store_adb);
	if (store_accounts_each(store_adb, cb, arg) != 0)
		log_error("event=store-accounts error=%s",
		    log_q(sqlite3_errmsg(store_adb)));
	pthread_mutex_unlock(&store_adb_lock);
	return (version);
}

static void
store_account_append(const struct store_account *row, void *arg)
{
	struct store_account_list	*l = arg;

	if ((l->n & (l->n - 1)) == 0)	/* 0, 1, 2, 4 ...: full */
		l->rows = xreallocarray(l->rows, l->n == 0 ? 1 : l->n * 2,
		    sizeof *l->rows);
	l->rows[l->n++] = *row;
}

/*
 * On a pool thread: every account, if their version is newer than
 * l->version (which becomes theirs).
 */
void
store_accounts_read(struct store_account_list *l)
{
	int64_t	version;

	pthread_mutex_lock(&store_adb_lock);
	version = store_accounts_version(store_adb);
	if (version < 0)
		l->failed = 1;
	else if (version > l->version) {
		l->version = version;
		if (store_accounts_each(store_adb, store_account_append,
		    l) != 0)
			l->failed = 1;
	}
	pthread_mutex_unlock(&store_adb_lock);
}

void
store_account_list_free(struct store_account_list *l)
{
	if (l->rows != NULL)
		sodium_memzero(l->rows, l->n * sizeof *l->rows);
	free(l->rows);
	free(l);
}

/*
 * Add, change the password or the certfp of, or delete an account (op),
 * on a pool thread or the command line: STORE_ACCOUNT_OK, _EXISTS (add; a
 * certfp another account has), _NONE (no such account), or _FAILED with
 * the error in *cause. *version is the accounts' after it.
 */
int
store_account_write(const struct store_account *row, int op,
    int64_t *version, char **cause)
{
	sqlite3_stmt	*st = NULL;
	const char	*sql;
	char		 key[NICK_MAX + 1];
	int		 rc, result = STORE_ACCOUNT_FAILED;

	casemap_fold(key, row->name, sizeof key);
	switch (op) {
	case STORE_ACCOUNT_ADD:
		sql = "INSERT INTO account (hash, scram_salt, "
		    "scram_iterations, scram_stored, scram_server, key, name, "
		    "created, certfp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
		break;
	case STORE_ACCOUNT_CERTFP:
		sql = "UPDATE account SET certfp = ? WHERE key = ?";
		break;
	case STORE_ACCOUNT_PASSWD:
		sql = "UPDATE account SET hash = ?, scram_salt = ?, "
		    "scram_iterations = ?, scram_stored = ?, scram_server = ? "
		    "WHERE key = ?";
		break;
	default:
		sql = "DELETE FROM account WHERE key = ?";
		break;
	}
	pthread_mutex_lock(&store_adb_lock);
	if (sqlite3_prepare_v2(store_adb, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	if (op == STORE_ACCOUNT_DEL)
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	else if (op == STORE_ACCOUNT_CERTFP) {
		if (*row->certfp != '\0')
			sqlite3_bind_text(st, 1, row->certfp, -1,
			    SQLITE_STATIC);
		sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_text(st, 1, row->hash, -1, SQLITE_STATIC);
		sqlite3_bind_blob(st, 2, row->salt, sizeof row->salt,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, row->iterations);
		sqlite3_bind_blob(st, 4, row->stored, sizeof row->stored,
		    SQLITE_STATIC);
		sqlite3_bind_blob(st, 5, row->server, sizeof row->server,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 6, key, -1, SQLITE_STATIC);
	}
	if (op == STORE_ACCOUNT_ADD) {
		sqlite3_bind_text(st, 7, row->name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 8, row->created);
		if (*row->certfp != '\0')
			sqlite3_bind_text(st, 9, row->certfp, -1,
			    SQLITE_STATIC);
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE && (op == STORE_ACCOUNT_ADD ||
	    op == STORE_ACCOUNT_CERTFP))
		result = STORE_ACCOUNT_EXISTS;
	else if (rc == SQLITE_DONE)
		result = op != STORE_ACCOUNT_ADD &&
		    sqlite3_changes(store_adb) == 0 ? STORE_ACCOUNT_NONE :
		    STORE_ACCOUNT_OK;
out:
	if (result == STORE_ACCOUNT_FAILED)
		xasprintf(cause, "%s: %s", store_path,
		    sqlite3_errmsg(store_adb));
	sqlite3_finalize(st);
	*version = store_accounts_version(store_adb);
	pthread_mutex_unlock(&store_adb_lock);
	return (result);
}

static void
store_chan_free(struct store_chan *sc)
{
	size_t	i;

	if (sc == NULL)
		return;
	for (i = 0; i < sc->nbans * 2; i++)
		free(sc->bans[i]);
	free(sc->bans);
	free(sc->ban_times);
	free(sc->ban_kinds);
	free(sc->name);
	free(sc->founder);
	free(sc->key);
	free(sc->topic);
	free(sc->topic_who);
	free(sc);
}

static char *
store_dup(const char *s)
{
	return (s != NULL ? xstrdup(s) : NULL);
}

static void
store_bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s != NULL)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* On the store's thread: a channel saved (or dropped), bans and all. */
static int
store_chan_write(struct store_chan *sc)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	if (sqlite3_prepare_v2(store_db, "DELETE FROM ban WHERE channel = ?",
	    -1, &st, NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, sc->name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return (-1);
	if (sc->founder == NULL) {
		if (sqlite3_prepare_v2(store_db, "DELETE FROM channel WHERE "
		    "name = ?", -1, &st, NULL) != SQLITE_OK)
			return (-1);
		sqlite3_bind_text(st, 1, sc->name, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		return (rc == SQLITE_DONE ? 0 : -1);
	}
	if (sqlite3_prepare_v2(store_db, "INSERT OR REPLACE INTO channel "
	    "(name, founder, created, modes, key, lim, topic, topic_who, "
	    "topic_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, sc->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sc->founder, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, sc->created);
	sqlite3_bind_int(st, 4, sc->modes);
	store_bind_opt(st, 5, sc->key);
	sqlite3_bind_int64(st, 6, sc->limit);
	store_bind_opt(st, 7, sc->topic);
	store_bind_opt(st, 8, sc->topic_who);
	sqlite3_bind_int64(st, 9, sc->topic_time);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || sqlite3_prepare_v2(store_db, "INSERT INTO "
	    "ban (channel, mask, who, time, kind) VALUES (?, ?, ?, ?, ?)", -1,
	    &st, NULL) != SQLITE_OK)
		return (-1);
	for (i = 0; i < sc->nbans && rc == SQLITE_DONE; i++) {
		sqlite3_bind_text(st, 1, sc->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, sc->bans[i * 2], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, sc->bans[i * 2 + 1], -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, sc->ban_times[i]);
		sqlite3_bind_text(st, 5, &sc->ban_kinds[i], 1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/* A registered channel's state, to be saved with this turn's rows. */
void
store_channel_save(struct channel *ch)
{
	struct store_batch	*b;
	struct store_row	*r;
	struct store_chan	*sc;
	struct ban		*ban;
	size_t			 n = 0;

	if (store_lane == NULL)
		return;
	sc = xcalloc(1, sizeof *sc);
	sc->name = xstrdup(ch->name);
	sc->founder = store_dup(ch->founder);
	sc->created = (int64_t)ch->created;
	sc->modes = ch->modes;
	sc->key = store_dup(ch->key);
	sc->limit = ch->limit;
	sc->topic = store_dup(ch->topic);
	sc->topic_who = store_dup(ch->topic_who);
	sc->topic_time = (int64_t)ch->topic_time;
	LIST_FOREACH(ban, &ch->bans, entry)
		n++;
	sc->bans = xreallocarray(NULL, n * 2 + 1, sizeof *sc->bans);
	sc->ban_times = xreallocarray(NULL, n + 1, sizeof *sc->ban_times);
	sc->ban_kinds = xreallocarray(NULL, n + 1, sizeof *sc->ban_kinds);
	LIST_FOREACH(ban, &ch->bans, entry) {
		sc->bans[sc->nbans * 2] = xstrdup(ban->mask);
		sc->bans[sc->nbans * 2 + 1] = xstrdup(ban->who);
		sc->ban_kinds[sc->nbans] = ban->kind;
		sc->ban_times[sc->nbans++] = (int64_t)ban->when;
	}
	r = store_row_new(&b);
	r->flags = STORE_CHANNEL;
	r->chan = sc;
}

/* A channel's registration dropped: gone from the db with its bans. */
void
store_channel_drop(const char *name)
{
	struct store_batch	*b;
	struct store_row	*r;

	if (store_lane == NULL)
		return;
	r = store_row_new(&b);
	r->flags = STORE_CHANNEL;
	r->chan = xcalloc(1, sizeof *r->chan);
	r->chan->name = xstrdup(name);
}

/* At start, before the history: the registered channels, empty. */
void
store_channels_load(void)
{
	sqlite3_stmt	*st, *bst;
	struct channel	*ch;
	struct ban	*ban;
	const char	*name, *s;
	long long	 n = 0;

	if (sqlite3_prepare_v2(store_db, "SELECT name, founder, created, "
	    "modes, key, lim, topic, topic_who, topic_time FROM channel", -1,
	    &st, NULL) != SQLITE_OK)
		return;
	if (sqlite3_prepare_v2(store_db, "SELECT mask, who, time, kind FROM ban "
	    "WHERE channel = ? ORDER BY rowid DESC", -1, &bst, NULL) !=
	    SQLITE_OK) {
		sqlite3_finalize(st);
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		if (name == NULL || !channel_valid_name(name, CHANNEL_MAX) ||
		    channel_find(name) != NULL ||
		    sqlite3_column_text(st, 1) == NULL)
			continue;
		ch = channel_create(name);
		ch->founder = xstrdup((const char *)sqlite3_column_text(st,
		    1));
		ch->created = (time_t)sqlite3_column_int64(st, 2);
		ch->modes = (uint8_t)sqlite3_column_int(st, 3) |
		    CMODE_REGISTERED;
		if ((s = (const char *)sqlite3_column_text(st, 4)) != NULL)
			ch->key = xstrdup(s);
		ch->limit = (unsigned int)sqlite3_column_int64(st, 5);
		if ((s = (const char *)sqlite3_column_text(st, 6)) != NULL)
			ch->topic = xstrdup(s);
		if ((s = (const char *)sqlite3_column_text(st, 7)) != NULL)
			ch->topic_who = xstrdup(s);
		ch->topic_time = (time_t)sqlite3_column_int64(st, 8);
		sqlite3_bind_text(bst, 1, name, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(bst) == SQLITE_ROW) {
			if (sqlite3_column_text(bst, 0) == NULL ||
			    sqlite3_column_text(bst, 1) == NULL)
				continue;
			ban = xcalloc(1, sizeof *ban);
			ban->mask = xstrdup((const char *)
			    sqlite3_column_text(bst, 0));
			ban->who = xstrdup((const char *)
			    sqlite3_column_text(bst, 1));
			ban->when = (time_t)sqlite3_column_int64(bst, 2);
			s = (const char *)sqlite3_column_text(bst, 3);
			ban->kind = s != NULL && (*s == 'e' || *s == 'I') ?
			    *s : 'b';
			LIST_INSERT_HEAD(&ch->bans, ban, entry);
		}
		sqlite3_reset(bst);
		n++;
	}
	sqlite3_finalize(bst);
	sqlite3_finalize(st);
	log_info("event=channels-load channels=%lld", n);
}

/* Retention: how often, and how many rows a transaction deletes. */
#define STORE_PRUNE_SECONDS	600
#define STORE_PRUNE_CHUNK	1000

/* A pruning, on the pool: the limits, and the rows it deleted. */
struct store_prune {
	int64_t		 before;	/* ms: older goes; 0: none */
	int		 max_lines;	/* a target's; 0: all */
	long long	 deleted;
	int		 failed;
};

static int		 store_pruning;
static time_t		 store_pruned;
static int		 store_checkpointing;

/* On a pool thread: what the WAL holds, copied into the db, not waiting. */
static void
store_checkpoint_work(void *arg)
{
	pthread_mutex_lock(&store_adb_lock);
	sqlite3_wal_checkpoint_v2(store_adb, NULL, SQLITE_CHECKPOINT_PASSIVE,
	    NULL, NULL);
	pthread_mutex_unlock(&store_adb_lock);
}

static void
store_checkpoint_done(struct client *c, void *arg)
{
	store_checkpointing = 0;
}

/*
 * Delete, STORE_PRUNE_CHUNK rows a transaction, the rows sql selects
 * (by rowid, with binds a and b): short transactions, so the store's
 * thread never waits long for the write lock.
 */
static int
store_prune_chunks(struct store_prune *p, const char *where,
    const char *a, int64_t b)
{
	sqlite3_stmt	*st;
	char		*sql;
	int		 n, rc = SQLITE_DONE;

	xasprintf(&sql, "DELETE FROM history WHERE rowid IN (SELECT rowid "
	    "FROM history WHERE %s LIMIT %d)", where, STORE_PRUNE_CHUNK);
	if (sqlite3_prepare_v2(store_adb, sql, -1, &st, NULL) != SQLITE_OK) {
		free(sql);
		return (-1);
	}
	free(sql);
	do {
		if (a != NULL)
			sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, a != NULL ? 2 : 1, b);
		rc = sqlite3_step(st);
		n = sqlite3_changes(store_adb);
		sqlite3_reset(st);
		p->deleted += n;
	} while (rc == SQLITE_DONE && n == STORE_PRUNE_CHUNK);
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/* On a pool thread: lines past history-max-age and history-max-lines go. */
static void
store_prune_work(void *arg)
{
	struct store_prune	*p = arg;
	sqlite3_stmt		*st, *cut;
	char			**targets = NULL;
	int64_t			*cuts = NULL;
	size_t			 n = 0, i;

	pthread_mutex_lock(&store_adb_lock);
	if (p->before != 0 && store_prune_chunks(p, "time < ?1", NULL,
	    p->before) != 0)
		p->failed = 1;
	if (p->max_lines > 0 && sqlite3_prepare_v2(store_adb, "SELECT target "
	    "FROM history GROUP BY target HAVING count(*) > ?", -1, &st,
	    NULL) == SQLITE_OK) {
		sqlite3_bind_int(st, 1, p->max_lines);
		while (sqlite3_step(st) == SQLITE_ROW) {
			targets = xreallocarray(targets, n + 1,
			    sizeof *targets);
			targets[n++] = xstrdup((const char *)
			    sqlite3_column_text(st, 0));
		}
		sqlite3_finalize(st);
		cuts = xreallocarray(NULL, n + 1, sizeof *cuts);
		if (sqlite3_prepare_v2(store_adb, "SELECT msgid FROM history "
		    "WHERE target = ? ORDER BY msgid DESC LIMIT 1 OFFSET ?",
		    -1, &cut, NULL) == SQLITE_OK) {
			for (i = 0; i < n; i++) {
				sqlite3_bind_text(cut, 1, targets[i], -1,
				    SQLITE_STATIC);
				sqlite3_bind_int(cut, 2, p->max_lines - 1);
				cuts[i] = sqlite3_step(cut) == SQLITE_ROW ?
				    sqlite3_column_int64(cut, 0) : 0;
				sqlite3_reset(cut);
			}
			sqlite3_finalize(cut);
		}
		for (i = 0; i < n; i++) {
			if (cuts[i] != 0 && store_prune_chunks(p,
			    "target = ?1 AND msgid < ?2", targets[i],
			    cuts[i]) != 0)
				p->failed = 1;
			free(targets[i]);
		}
		free(targets);
		free(cuts);
	}
	pthread_mutex_unlock(&store_adb_lock);
}

static void
store_prune_done(struct client *c, void *arg)
{
	struct store_prune	*p = arg;

	store_pruning = 0;
	if (p->failed)
		log_error("event=store-prune-failed deleted=%lld", p->deleted);
	else if (p->deleted != 0)
		log_info("event=store-prune lines=%lld", p->deleted);
	free(p);
}

/*
 * Once a second: the WAL checkpointed on the pool; every ten minutes (and
 * at start), if history-max-age or history-max-lines is set, the db is
 * pruned there too.
 */
void
store_tick(time_t now)
{
	struct store_prune	*p;

	search_tick(now);
	if (store_lane != NULL && !store_checkpointing) {
		store_checkpointing = 1;
		worker_submit(NULL, 0, store_checkpoint_work,
		    store_checkpoint_done, NULL);
	}
	if (store_lane == NULL || store_pruning ||
	    (srv.conf->history_max_age == 0 &&
	    srv.conf->history_max_lines == 0) ||
	    (store_pruned != 0 && now - store_pruned < STORE_PRUNE_SECONDS))
		return;
	store_pruned = now;
	store_pruning = 1;
	p = xcalloc(1, sizeof *p);
	if (srv.conf->history_max_age != 0)
		p->before = ((int64_t)now - (int64_t)srv.conf->history_max_age *
		    86400) * 1000;
	p->max_lines = srv.conf->history_max_lines;
	worker_submit(NULL, 0, store_prune_work, store_prune_done, p);
}

/* A file's row from st's columns (id, owner, name, type, size, ...). */
static void
store_file_row(sqlite3_stmt *st, struct store_file *f)
{
	const char	*s;

	memset(f, 0, sizeof *f);
	if ((s = (const char *)sqlite3_column_text(st, 0)) != NULL)
		xstrlcpy(f->id, s, sizeof f->id);
	if ((s = (const char *)sqlite3_column_text(st, 1)) != NULL)
		xstrlcpy(f->owner, s, sizeof f->owner);
	if ((s = (const char *)sqlite3_column_text(st, 2)) != NULL)
		xstrlcpy(f->name, s, sizeof f->name);
	if ((s = (const char *)sqlite3_column_text(st, 3)) != NULL)
		xstrlcpy(f->type, s, sizeof f->type);
	f->size = sqlite3_column_int64(st, 4);
	if ((s = (const char *)sqlite3_column_text(st, 5)) != NULL)
		xstrlcpy(f->sha256, s, sizeof f->sha256);
	f->time = sqlite3_column_int64(st, 6);
	f->expires = sqlite3_column_int64(st, 7);
}

#define STORE_FILE_COLUMNS "id, owner, name, type, size, sha256, time, expires"

/* Bytes of files owner keeps that have not expired by now; -1: failed. */
static int64_t
store_file_used(const char *owner, int64_t now)
{
	sqlite3_stmt	*st;
	int64_t		 used = -1;

	if (sqlite3_prepare_v2(store_adb, "SELECT coalesce(sum(size), 0) FROM "
	    "file WHERE owner = ? AND (expires = 0 OR expires > ?)", -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, owner, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	if (sqlite3_step(st) == SQLITE_ROW)
		used = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (used);
}

/* On a pool thread: store_file_used(), under the lock. */
int64_t
store_file_usage(const char *owner, int64_t now)
{
	int64_t	used;

	pthread_mutex_lock(&store_adb_lock);
	used = store_file_used(owner, now);
	pthread_mutex_unlock(&store_adb_lock);
	return (used);
}

/*
 * On a pool thread: file f kept, unless its owner would then keep more
 * than quota bytes (0: no limit): STORE_FILE_OK, _QUOTA or _FAILED.
 */
int
store_file_add(const struct store_file *f, int64_t quota)
{
	sqlite3_stmt	*st = NULL;
	int64_t		 used;
	int		 result = STORE_FILE_FAILED;

	pthread_mutex_lock(&store_adb_lock);
	if (sqlite3_exec(store_adb, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		goto out;
	if (quota != 0 && ((used = store_file_used(f->owner, f->time)) < 0 ||
	    used + f->size > quota)) {
		result = used < 0 ? STORE_FILE_FAILED : STORE_FILE_QUOTA;
		goto rollback;
	}
	if (sqlite3_prepare_v2(store_adb, "INSERT INTO file ("
	    STORE_FILE_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", -1, &st,
	    NULL) != SQLITE_OK)
		goto rollback;
	sqlite3_bind_text(st, 1, f->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->owner, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, f->type, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, f->size);
	sqlite3_bind_text(st, 6, f->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, f->time);
	sqlite3_bind_int64(st, 8, f->expires);
	if (sqlite3_step(st) != SQLITE_DONE ||
	    sqlite3_exec(store_adb, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto rollback;
	result = STORE_FILE_OK;
	goto out;
rollback:
	sqlite3_exec(store_adb, "ROLLBACK", NULL, NULL, NULL);
out:
	sqlite3_finalize(st);
	pthread_mutex_unlock(&store_adb_lock);
	return (result);
}

/* On a pool thread: file id's row into *f: 1, 0 if none, -1 if failed. */
int
store_file_find(const char *id, struct store_file *f)
{
	sqlite3_stmt	*st;
	int		 rc, found = -1;

	pthread_mutex_lock(&store_adb_lock);
	if (sqlite3_prepare_v2(store_adb, "SELECT " STORE_FILE_COLUMNS
	    " FROM file WHERE id = ?", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			store_file_row(st, f);
			found = 1;
		} else if (rc == SQLITE_DONE)
			found = 0;
		sqlite3_finalize(st);
	}
	pthread_mutex_unlock(&store_adb_lock);
	return (found);
}

/*
 * Every file (cb with each row), or with before != 0 only those expired
 * by then, whose rows are deleted after cb has seen them (cb removes the
 * file itself): the number seen, or -1 if it failed.
 */
long long
store_files_each(int64_t before, void (*cb)(const struct store_file *,
    void *), void *arg)
{
	struct store_file	 f;
	sqlite3_stmt		*st, *del = NULL;
	long long		 n = 0;
	int			 rc;

	pthread_mutex_lock(&store_adb_lock);
	if (sqlite3_prepare_v2(store_adb, before == 0 ? "SELECT "
	    STORE_FILE_COLUMNS " FROM file ORDER BY time" : "SELECT "
	    STORE_FILE_COLUMNS " FROM file WHERE expires != 0 AND "
	    "expires <= ?", -1, &st, NULL) != SQLITE_OK ||
	    (before != 0 && sqlite3_prepare_v2(store_adb, "DELETE FROM file "
	    "WHERE id = ?", -1, &del, NULL) != SQLITE_OK)) {
		n = -1;
		goto out;
	}
	if (before != 0)
		sqlite3_bind_int64(st, 1, before);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_file_row(st, &f);
		cb(&f, arg);
		n++;
		if (del == NULL)
			continue;
		sqlite3_bind_text(del, 1, f.id, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(del) != SQLITE_DONE)
			rc = SQLITE_ERROR;
		sqlite3_reset(del);
		if (rc == SQLITE_ERROR)
			break;
	}
	if (rc != SQLITE_DONE)
		n = -1;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(del);
	pthread_mutex_unlock(&store_adb_lock);
	return (n);
}

/* On a pool thread: file id's SHA-256 (hex) into its row; 0, or -1. */
int
store_file_digest(const char *id, const char *sha256)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	pthread_mutex_lock(&store_adb_lock);
	if (sqlite3_prepare_v2(store_adb, "UPDATE file SET sha256 = ? WHERE "
	    "id = ?", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_finalize(st);
	pthread_mutex_unlock(&store_adb_lock);
	return (rc);
}

/*
 * On a pool thread: the ids of the files kept without a SHA-256 (chatd
 * stopped before it was taken), space-separated in *ids (freed by the
 * caller), and how many in *n; 0, or -1.
 */
int
store_files_unhashed(char **ids, int64_t *n)
{
	sqlite3_stmt	*st;
	const char	*id;
	size_t		 len = 0;
	int		 rc;

	*ids = NULL;
	*n = 0;
	pthread_mutex_lock(&store_adb_lock);
	if (sqlite3_prepare_v2(store_adb, "SELECT id FROM file WHERE sha256 "
	    "= ''", -1, &st, NULL) != SQLITE_OK) {
		pthread_mutex_unlock(&store_adb_lock);
		return (-1);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((id = (const char *)sqlite3_column_text(st, 0)) == NULL)
			continue;
		*ids = xreallocarray(*ids, 1, len + strlen(id) + 2);
		len += (size_t)snprintf(*ids + len, strlen(id) + 2, "%s ", id);
		(*n)++;
	}
	sqlite3_finalize(st);
	pthread_mutex_unlock(&store_adb_lock);
	return (rc == SQLITE_DONE ? 0 : -1);
}
