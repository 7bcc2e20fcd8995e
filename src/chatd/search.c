/*
 * Copyright (c) 2026 The chat authors. ISC licence; see COPYING.
 *
 * The search index (SEARCH, soju.im/search): an FTS5 table of messages'
 * text, in a file of its own beside the db (PATH-search), written by a
 * thread of its own at a low priority from the history's rows once they
 * are committed. It is derived data: a message waits for its history row
 * only, never for its words (FTS5 costs twice what the row does, and in
 * the commit it held the store to 100,000 lines a second), and an index
 * lost, damaged or not of this history is made again from the history.
 *
 * The thread takes rows in chunks, each a transaction, and keeps in the
 * index the last history row it looked at (its rowid and msgid: a history
 * put back from a backup is not the one indexed). History rowids are never
 * used twice (store.c numbers its rows), so a row past that mark is a row
 * not yet indexed. A SEARCH runs on the same thread, after the index has
 * caught up with what was committed before it (up to a bound, so that a
 * search during a rebuild answers from what is indexed). A redacted line
 * leaves the index at once; lines deleted otherwise (pruning, an account
 * deleted, another program) by a sweep at start and every hour; a search
 * only ever shows lines the history still has.
 */

#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "chatd.h"
#include "store.h"

#define SEARCH_SCHEMA	1
#define SEARCH_CHUNK	2000	/* rows a transaction (about 10 ms) */
#define SEARCH_CATCHUP	10	/* chunks a SEARCH waits for, at most */
#define SEARCH_LAZY	1000	/* rows not indexed that wake the thread */
#define SEARCH_SWEEP	3600	/* seconds between sweeps */
#define SEARCH_NICE	WORKER_IDLE

static const char *const search_steps =
	"CREATE VIRTUAL TABLE history_fts USING fts5(text);"
	"CREATE TABLE mark (rowid_last INTEGER NOT NULL, msgid INTEGER"
	" NOT NULL);"
	"INSERT INTO mark VALUES (0, 0);";

/* The lane's own, but at start and at exit (on the loop, lane stopped). */
static sqlite3		*search_db;
static sqlite3_stmt	*search_next;	/* the chunk past the mark */
static sqlite3_stmt	*search_msgid;	/* a history row's */
static sqlite3_stmt	*search_add;
static sqlite3_stmt	*search_drop;
static sqlite3_stmt	*search_set_mark;
static sqlite3_stmt	*search_sweep_st;
/* Every history row up to this one has been looked at: the lane's. */
static atomic_llong	 search_seen;
static int64_t		 search_mark_start;
static int		 search_ready;
static int64_t		 search_swept;	/* the sweep's place; -1: none */
static char		 search_file[4096];	/* the db's path, "-search" */
static char		 search_error[256];

static struct worker_lane *search_lane;
static atomic_int	 search_queued;	/* an index job is posted */
static atomic_int	 search_waiting; /* SEARCHes queued */
static atomic_int	 search_stopping;
static atomic_int	 search_sweep_wanted;
static atomic_llong	 search_top;	/* the last history row committed */
static atomic_llong	 search_stale;	/* the sweep's deletions so far */
static atomic_int	 search_swept_now; /* a sweep is over, to be logged */
static time_t		 search_swept_at;
static time_t		 search_failed_at;	/* logged */

/* Rows redacted, to leave the index: any thread's, under the lock. */
static pthread_mutex_t	 search_lock = PTHREAD_MUTEX_INITIALIZER;
static int64_t		*search_gone;
static size_t		 search_ngone, search_gone_size;
static char		 search_failed[256];	/* for the loop to log */

static int	 search_exec(const char *);
static int	 search_step(sqlite3_stmt *);
static int	 search_make(const char *, int);
static int	 search_chunk(void);
static int	 search_sweep(void);
static void	 search_work(void *);
static void	 search_fail(const char *);

static int
search_exec(const char *sql)
{
	return (sqlite3_exec(search_db, sql, NULL, NULL, NULL) == SQLITE_OK ?
	    0 : -1);
}

/* Run st, bound, once: 0 if it is done. */
static int
search_step(sqlite3_stmt *st)
{
	int	rc = sqlite3_step(st);

	sqlite3_reset(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/*
 * Open the index of the db at path (its history attached as h), made or
 * made again if it is missing, damaged, of another schema or of another
 * history (with remake; without, as chatd --check-db does, it is only
 * looked at). On the loop at start, after store_open() has the db ready.
 */
int
search_open(const char *path, int remake, int64_t *last, char **cause)
{
	static const char *const ext[] = { "", "-wal", "-shm" };
	char			 name[4096];
	size_t			 i;
	int			 tries;

	snprintf(search_file, sizeof search_file, "%s-search", path);
	for (tries = 0; tries < 2; tries++) {
		if (search_make(path, remake) == 0 || !remake)
			break;
		/* Derived: what cannot be used is thrown away and made. */
		log_warn("event=search-remade file=%s reason=%s",
		    log_q(search_file), log_q(search_error));
		search_close();
		for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
			snprintf(name, sizeof name, "%s%s", search_file,
			    ext[i]);
			unlink(name);
		}
	}
	if (tries == 2 || *search_error != '\0') {
		xasprintf(cause, "%s: %s", search_file, search_error);
		return (-1);
	}
	*last = search_seen;
	search_swept = 0;	/* a sweep at start */
	return (0);
}

/*
 * search_open()'s one try; -1 (search_error says why) to make it anew.
 * Without create, a missing or empty index is only reported.
 */
static int
search_make(const char *path, int create)
{
	static const struct {
		const char	 *sql;
		sqlite3_stmt	**st;
	} stmts[] = {
	    { "SELECT count(*), max(r) FROM (SELECT rowid AS r FROM "
	      "h.history WHERE rowid > ?1 ORDER BY rowid LIMIT ?2)",
	      &search_next },
	    { "SELECT msgid FROM h.history WHERE rowid = ?", &search_msgid },
	    { "INSERT INTO history_fts (rowid, text) SELECT rowid, "
	      "substr(line, instr(substr(line, 2), ' :') + 3) FROM h.history "
	      "WHERE rowid > ?1 AND rowid <= ?2 AND kind = ?3 AND "
	      "flags & 1 = 0", &search_add },
	    { "DELETE FROM history_fts WHERE rowid = ?", &search_drop },
	    { "UPDATE mark SET rowid_last = ?1, msgid = ?2",
	      &search_set_mark },
	    { "SELECT count(*), max(r), sum(NOT EXISTS (SELECT 1 FROM "
	      "h.history WHERE rowid = r)) FROM (SELECT rowid AS r FROM "
	      "history_fts WHERE rowid > ?1 ORDER BY rowid LIMIT ?2)",
	      &search_sweep_st }
	};
	sqlite3_stmt	*st;
	int64_t		 msgid = 0;
	size_t		 i;
	int		 version = -1, ok;

	*search_error = '\0';
	if (!create && access(search_file, F_OK) != 0) {
		snprintf(search_error, sizeof search_error, "missing");
		return (-1);
	}
	if (sqlite3_open_v2(search_file, &search_db, SQLITE_OPEN_READWRITE |
	    (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK)
		goto fail;
	sqlite3_busy_timeout(search_db, 5000);
	if (search_exec("PRAGMA journal_mode = WAL") != 0 ||
	    search_exec("PRAGMA synchronous = NORMAL") != 0)
		goto fail;
	if (sqlite3_prepare_v2(search_db, "PRAGMA user_version", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version == 0 && !create) {
		snprintf(search_error, sizeof search_error, "empty");
		return (-1);
	}
	if (version == 0 && (search_exec("BEGIN IMMEDIATE") != 0 ||
	    search_exec(search_steps) != 0 ||
	    search_exec("PRAGMA user_version = 1") != 0 ||
	    search_exec("COMMIT") != 0))
		goto fail;
	if (version != 0 && version != SEARCH_SCHEMA) {
		snprintf(search_error, sizeof search_error, "schema %d",
		    version);
		return (-1);
	}
	if (sqlite3_prepare_v2(search_db, "ATTACH DATABASE ? AS h", -1, &st,
	    NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	if (!ok)
		goto fail;
	/* Whose index: the row it last looked at has the same msgid. */
	if (sqlite3_prepare_v2(search_db, "SELECT m.rowid_last, m.msgid, "
	    "(SELECT msgid FROM h.history WHERE rowid = m.rowid_last) FROM "
	    "mark m", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	ok = sqlite3_step(st) == SQLITE_ROW;
	if (ok) {
		search_seen = sqlite3_column_int64(st, 0);
		msgid = sqlite3_column_int64(st, 1);
		ok = search_seen == 0 || (sqlite3_column_type(st, 2) !=
		    SQLITE_NULL && sqlite3_column_int64(st, 2) == msgid);
		if (!ok)
			snprintf(search_error, sizeof search_error, "not this "
			    "history's index");
	}
	sqlite3_finalize(st);
	if (!ok)
		return (-1);
	for (i = 0; i < sizeof stmts / sizeof stmts[0]; i++) {
		if (sqlite3_prepare_v2(search_db, stmts[i].sql, -1,
		    stmts[i].st, NULL) != SQLITE_OK)
			goto fail;
	}
	return (0);

fail:
	snprintf(search_error, sizeof search_error, "%s", search_db != NULL ?
	    sqlite3_errmsg(search_db) : "cannot open");
	return (-1);
}

/* The thread, for the lines committed up to row top: index them. */
static void
search_post(void)
{
	int	no = 0;

	if (search_lane != NULL &&
	    atomic_compare_exchange_strong(&search_queued, &no, 1))
		worker_lane_post(search_lane, search_work, NULL);
}

/*
 * The store's thread: history rows up to top are committed. They are
 * indexed once there are enough of them for a chunk to be cheap (FTS5
 * costs much more a row in small transactions), else within a second
 * (search_tick()), and at once before a SEARCH.
 */
void
search_kick(int64_t top)
{
	atomic_store(&search_top, top);
	if (top - atomic_load(&search_seen) >= SEARCH_LAZY)
		search_post();
}

/* Any thread: the history row rowid was redacted; its words go. */
void
search_forget(int64_t rowid)
{
	pthread_mutex_lock(&search_lock);
	if (search_ngone == search_gone_size) {
		search_gone_size = search_gone_size == 0 ? 16 :
		    search_gone_size * 2;
		search_gone = xreallocarray(search_gone, search_gone_size,
		    sizeof *search_gone);
	}
	search_gone[search_ngone++] = rowid;
	pthread_mutex_unlock(&search_lock);
	search_post();
}

/* The lane's: a failed write, kept for the loop to log. */
static void
search_fail(const char *what)
{
	pthread_mutex_lock(&search_lock);
	snprintf(search_failed, sizeof search_failed, "%s: %s", what,
	    sqlite3_errmsg(search_db));
	pthread_mutex_unlock(&search_lock);
	sqlite3_exec(search_db, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * The lane's: one transaction, the redacted rows out and the next chunk
 * past the mark in. 1 if there may be more to index, 0 if not, -1 if it
 * failed.
 */
static int
search_chunk(void)
{
	int64_t		*gone, n = 0, last = 0, msgid = 0, top, seen;
	size_t		 ngone, i;

	top = atomic_load(&search_top);
	seen = atomic_load(&search_seen);
	pthread_mutex_lock(&search_lock);
	gone = search_gone;
	ngone = search_ngone;
	search_gone = NULL;
	search_ngone = search_gone_size = 0;
	pthread_mutex_unlock(&search_lock);
	if (ngone == 0 && seen >= top)
		return (0);
	if (search_exec("BEGIN") != 0)
		goto fail;
	for (i = 0; i < ngone; i++) {
		sqlite3_bind_int64(search_drop, 1, gone[i]);
		if (search_step(search_drop) != 0)
			goto fail;
	}
	sqlite3_bind_int64(search_next, 1, seen);
	sqlite3_bind_int(search_next, 2, SEARCH_CHUNK);
	if (sqlite3_step(search_next) == SQLITE_ROW) {
		n = sqlite3_column_int64(search_next, 0);
		last = sqlite3_column_int64(search_next, 1);
	}
	sqlite3_reset(search_next);
	if (n != 0) {
		sqlite3_bind_int64(search_msgid, 1, last);
		if (sqlite3_step(search_msgid) == SQLITE_ROW)
			msgid = sqlite3_column_int64(search_msgid, 0);
		sqlite3_reset(search_msgid);
		sqlite3_bind_int64(search_add, 1, seen);
		sqlite3_bind_int64(search_add, 2, last);
		sqlite3_bind_int(search_add, 3, CHANGE_MESSAGE);
		if (search_step(search_add) != 0)
			goto fail;
		sqlite3_bind_int64(search_set_mark, 1, last);
		sqlite3_bind_int64(search_set_mark, 2, msgid);
		if (search_step(search_set_mark) != 0)
			goto fail;
	}
	if (search_exec("COMMIT") != 0)
		goto fail;
	free(gone);
	/*
	 * Short of a chunk, every row committed up to top was in view: those
	 * not found were deleted or never made (an INSERT OR IGNORE).
	 */
	if (n != SEARCH_CHUNK && top > last)
		last = top;
	if (last > seen)
		atomic_store(&search_seen, last);
	return (n == SEARCH_CHUNK);

fail:
	search_fail("index");
	/* The redacted rows are tried again next time. */
	for (i = 0; i < ngone; i++)
		search_forget(gone[i]);
	free(gone);
	return (-1);
}

/*
 * The lane's: a chunk of the sweep, the indexed rows the history has no
 * more deleted. 1 if it goes on, 0 when it is over.
 */
static int
search_sweep(void)
{
	int64_t	n = 0, last = 0, stale = 0;
	int	rc;

	if (search_swept < 0)
		return (0);
	if (search_exec("BEGIN") != 0) {
		search_fail("sweep");
		return (0);
	}
	sqlite3_bind_int64(search_sweep_st, 1, search_swept);
	sqlite3_bind_int(search_sweep_st, 2, SEARCH_CHUNK * 5);
	if (sqlite3_step(search_sweep_st) == SQLITE_ROW) {
		n = sqlite3_column_int64(search_sweep_st, 0);
		last = sqlite3_column_int64(search_sweep_st, 1);
		stale = sqlite3_column_int64(search_sweep_st, 2);
	}
	sqlite3_reset(search_sweep_st);
	if (stale != 0) {
		sqlite3_stmt	*st;

		atomic_fetch_add(&search_stale, stale);
		if (sqlite3_prepare_v2(search_db, "DELETE FROM history_fts "
		    "WHERE rowid > ?1 AND rowid <= ?2 AND NOT EXISTS (SELECT 1 "
		    "FROM h.history WHERE rowid = history_fts.rowid)", -1, &st,
		    NULL) != SQLITE_OK) {
			search_fail("sweep");
			return (0);
		}
		sqlite3_bind_int64(st, 1, search_swept);
		sqlite3_bind_int64(st, 2, last);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			search_fail("sweep");
			return (0);
		}
	}
	if (search_exec("COMMIT") != 0) {
		search_fail("sweep");
		return (0);
	}
	if (n == 0) {
		search_swept = -1;
		atomic_store(&search_swept_now, 1);
		return (0);
	}
	search_swept = last;
	return (1);
}

/*
 * The lane's index job: chunks until the index has caught up (and the
 * sweep, if one is due, is over), or a SEARCH waits, or chatd stops
 * (when what is left past one chunk waits for the next start).
 */
static void
search_work(void *arg)
{
	int	r, n = 0;

	for (;;) {
		if (atomic_exchange(&search_sweep_wanted, 0) &&
		    search_swept < 0)
			search_swept = 0;
		/*
		 * Stopping, one chunk still goes (the lines of the last
		 * second, at a quiet stop); no sweep, and what is left past
		 * it waits for the next start, so a stop under load is quick.
		 */
		r = 0;
		while ((!atomic_load(&search_stopping) || n++ < 1) &&
		    atomic_load(&search_waiting) == 0) {
			if ((r = search_chunk()) == 1)
				continue;
			if (atomic_load(&search_stopping))
				break;
			if (r == 0 && search_sweep() == 1)
				continue;
			break;
		}
		atomic_store(&search_queued, 0);
		/*
		 * What came meanwhile, unless another job is posted for it;
		 * after a failure, the next commit tries again.
		 */
		if (r == -1 || atomic_load(&search_stopping) ||
		    atomic_load(&search_waiting) != 0 ||
		    search_seen >= atomic_load(&search_top))
			return;
		r = 0;
		if (!atomic_compare_exchange_strong(&search_queued, &r, 1))
			return;
	}
}

/* FTS5's query for words: each a quoted string, all of them wanted. */
static char *
search_words(const char *text)
{
	char	*q, *p;
	size_t	 n = strlen(text);

	p = q = xmalloc(n * 3 + 3);
	while (*text != '\0') {
		while (*text == ' ')
			text++;
		if (*text == '\0')
			break;
		if (p != q)
			*p++ = ' ';
		*p++ = '"';
		for (; *text != '\0' && *text != ' '; text++) {
			if (*text == '"')
				*p++ = '"';
			*p++ = *text;
		}
		*p++ = '"';
	}
	*p = '\0';
	return (q);
}

/*
 * The lane's SEARCH: the index caught up (within a bound), then the newest
 * lines of q's targets whose text has q's words, up to q's limit.
 */
static void
search_query(void *arg)
{
	struct store_query	*q = arg;
	sqlite3_stmt		*st;
	char			*sql, *words, *list = NULL, *old;
	size_t			 i, size = 0;
	int			 n;

	atomic_fetch_sub(&search_waiting, 1);
	for (n = 0; n < SEARCH_CATCHUP && search_chunk() == 1; n++)
		;
	words = search_words(q->text);
	for (i = 0; i < q->ntargets; i++) {
		old = list;
		xasprintf(&list, "%s%s?%zu", old != NULL ? old : "",
		    old != NULL ? ", " : "", i + 10);
		free(old);
	}
	xasprintf(&sql, "SELECT x.msgid, x.time, x.kind, x.flags, x.line, "
	    "x.tags FROM history_fts JOIN h.history x ON x.rowid = "
	    "history_fts.rowid WHERE history_fts MATCH ?1 AND x.target IN "
	    "(%s) AND (?2 = '' OR x.line LIKE ':' || ?2 || '!%%') AND "
	    "(?3 = 0 OR x.time > ?3) AND (?4 = 0 OR x.time < ?4) AND "
	    "(?5 = '' OR x.peer = ?5 COLLATE NOCASE) ORDER BY x.msgid DESC "
	    "LIMIT ?6", list);
	free(list);
	if (q->ntargets == 0)
		goto out;
	if (sqlite3_prepare_v2(search_db, sql, -1, &st, NULL) != SQLITE_OK) {
		q->failed = 1;
		goto out;
	}
	sqlite3_bind_text(st, 1, words, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, q->from, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, q->after);
	sqlite3_bind_int64(st, 4, q->before);
	sqlite3_bind_text(st, 5, q->peer, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, q->limit);
	for (i = 0; i < q->ntargets; i++)
		sqlite3_bind_text(st, (int)i + 10, q->targets[i], -1,
		    SQLITE_STATIC);
	if (store_query_rows(q, st, &size) != 0)
		q->failed = 1;
	sqlite3_finalize(st);
out:
	free(words);
	free(sql);
	/* A rebuild or a sweep this search came in the middle of goes on. */
	if (search_swept >= 0 || search_seen < atomic_load(&search_top))
		search_post();
}

/* SEARCH q for c, on the index's thread; done(c, q) on the loop. */
void
store_search(struct client *c, struct store_query *q,
    void (*done)(struct client *, void *))
{
	if (search_lane == NULL) {	/* the index could not be made */
		q->failed = 1;
		done(c, q);
		return;
	}
	atomic_fetch_add(&search_waiting, 1);
	worker_lane_submit(search_lane, c, 1, search_query, done, q);
}

/* Start the thread; it catches up with the history and sweeps. */
void
search_start(int64_t top)
{
	if (search_db == NULL || search_lane != NULL)
		return;
	atomic_store(&search_stopping, 0);
	atomic_store(&search_top, top);
	search_mark_start = atomic_load(&search_seen);
	search_ready = 0;
	search_lane = worker_lane_new("search", 1, SEARCH_NICE);
	search_swept_at = server_time();
	search_post();
}

/* Once a second, on the loop: failures logged; a sweep every hour. */
void
search_tick(time_t now)
{
	char	failed[sizeof search_failed];

	pthread_mutex_lock(&search_lock);
	memcpy(failed, search_failed, sizeof failed);
	*search_failed = '\0';
	pthread_mutex_unlock(&search_lock);
	/* As the store's: once a minute at most (a full disk fails all). */
	if (*failed != '\0' && now - search_failed_at >= 60) {
		search_failed_at = now;
		log_error("event=search-failed error=%s", log_q(failed));
	}
	if (atomic_exchange(&search_swept_now, 0))
		log_info("event=search-swept lines=%lld", (long long)
		    atomic_exchange(&search_stale, 0));
	/* Once, when the index has caught up with the history at start. */
	if (search_lane != NULL && !search_ready &&
	    atomic_load(&search_seen) >= atomic_load(&search_top)) {
		search_ready = 1;
		log_info("event=search-ready lines=%lld", (long long)
		    (atomic_load(&search_seen) - search_mark_start));
	}
	if (search_lane != NULL && now - search_swept_at >= SEARCH_SWEEP) {
		search_swept_at = now;
		atomic_store(&search_sweep_wanted, 1);
		search_post();
	} else if (atomic_load(&search_seen) < atomic_load(&search_top))
		search_post();
}

/* Stop the thread (what is not indexed is at the next start) and close. */
void
search_close(void)
{
	sqlite3_stmt	**const sts[] = { &search_next, &search_msgid,
			    &search_add, &search_drop, &search_set_mark,
			    &search_sweep_st };
	size_t		  i;

	if (search_lane != NULL) {
		atomic_store(&search_stopping, 1);
		search_post();		/* the last lines, if they are few */
		worker_lane_free(search_lane);
		search_lane = NULL;
	}
	for (i = 0; i < sizeof sts / sizeof sts[0]; i++) {
		sqlite3_finalize(*sts[i]);
		*sts[i] = NULL;
	}
	sqlite3_close(search_db);
	search_db = NULL;
	search_seen = 0;
	pthread_mutex_lock(&search_lock);
	free(search_gone);
	search_gone = NULL;
	search_ngone = search_gone_size = 0;
	pthread_mutex_unlock(&search_lock);
}

/* chatd --check-db: the index's state, in a line's words. */
int
search_check(char *out, size_t len)
{
	sqlite3_stmt	*st;
	int64_t		 behind = -1;
	const char	*result = NULL;
	int		 ok;

	if (search_db == NULL)
		return (-1);
	ok = sqlite3_prepare_v2(search_db, "PRAGMA main.integrity_check", -1,
	    &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    (result = (const char *)sqlite3_column_text(st, 0)) != NULL &&
	    strcmp(result, "ok") == 0;
	sqlite3_finalize(st);
	if (!ok) {
		snprintf(out, len, "search index damaged (to be made again at "
		    "start)");
		return (-1);
	}
	if (sqlite3_prepare_v2(search_db, "SELECT count(*) FROM h.history "
	    "WHERE rowid > ?", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, search_seen);
		if (sqlite3_step(st) == SQLITE_ROW)
			behind = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	snprintf(out, len, "search index %lld lines behind",
	    (long long)behind);
	return (0);
}
