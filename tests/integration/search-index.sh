# Issue 15, the search index: a file of its own beside the db
# (DB-search), derived from the history. A message is found by SEARCH as
# soon as its sender has seen it; the index survives a restart; one that
# is lost, damaged, or not of this history is made again from the history
# at start; a db of schema 10 (the index inside it) is upgraded; a
# redacted line leaves the index file itself, not only the results, and
# one deleted otherwise leaves it at the sweep at start; one that cannot
# be made leaves chat as it was, and SEARCH says it failed.
. "${top_srcdir:-.}/tests/integration/lib.sh"
need_sqlite
DB=$TEST_DIR/chatd.db
rm -f "$DB" "$DB"-*

# SEARCH, right after each line is seen: it waits for the index.
chatd_start -o exempt=127.0.0.1 -o db="$DB"
"$IRCSPEAK" > "$TEST_DIR/first.out" <<'SCRIPT' || { cat "$TEST_DIR/first.out"; tail -n 30 "$CHATD_LOG"; exit 1; }
register a alice batch message-tags echo-message soju.im/search draft/message-redaction
send a PRIVMSG #lobby :apples are red
expect a PRIVMSG #lobby :apples are red$
send a SEARCH text=apples
expect a BATCH \+([^ ]+) soju.im/search$
next a ;batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG #lobby :apples are red$
next a BATCH -
send a PRIVMSG #lobby :green apples too
expect a PRIVMSG #lobby :green apples too$
send a SEARCH text=green
expect a BATCH \+
next a PRIVMSG #lobby :green apples too$
next a BATCH -
send a PRIVMSG #lobby :a secret plum
expect a ^@msgid=([^ ]+) :alice!alice@127.0.0.1 PRIVMSG #lobby :a secret plum$
send a REDACT #lobby ${MATCH}
expect a REDACT #lobby
send a SEARCH text=plum
expect a BATCH \+
next a BATCH -
SCRIPT
log_has "event=quit id=[0-9]* nick=alice" || exit 1
chatd_stop || exit 1
[ -f "$DB-search" ] || { echo "no $DB-search"; exit 1; }
out=$("$CHATD" --check-db -o db="$DB") || { echo "check-db failed: $out"; exit 1; }
echo "$out" | grep -q ", search index 0 lines behind$" ||
    { echo "check-db said: $out"; exit 1; }
python3 - "$DB-search" <<'PY' || exit 1
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("SELECT count(*) FROM history_fts WHERE history_fts MATCH 'apples'").fetchone()[0]
if n != 2:
    sys.exit("apples indexed %d times, not 2" % n)
n = db.execute("SELECT count(*) FROM history_fts WHERE history_fts MATCH 'plum'").fetchone()[0]
if n != 0:
    sys.exit("the redacted line is still in the index file")
PY

# What SEARCH finds after each kind of start.
search_apples() {
	"$IRCSPEAK" > "$TEST_DIR/search.out" <<'SCRIPT' || { cat "$TEST_DIR/search.out"; tail -n 30 "$CHATD_LOG"; return 1; }
register b bob batch soju.im/search
send b SEARCH text=apples
expect b BATCH \+([^ ]+) soju.im/search$
next b batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG #lobby :apples are red$
next b batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG #lobby :green apples too$
next b BATCH -
SCRIPT
}

# A start on the db, what its log says (if a pattern is given), then the
# search as it was before.
restart_search() {
	chatd_start -o exempt=127.0.0.1 -o db="$DB"
	[ -z "$1" ] || log_has "$1" || return 1
	search_apples || return 1
	chatd_stop
}

# A restart: the same index, nothing made again.
restart_search "" || exit 1
! grep -q "event=search-remade" "$CHATD_LOG" || { echo "remade for nothing"; exit 1; }

# Lost: --check-db says it will be made and makes nothing; chatd makes it
# again from the history.
rm -f "$DB-search" "$DB-search-wal" "$DB-search-shm"
out=$("$CHATD" --check-db -o db="$DB") || { echo "check-db failed: $out"; exit 1; }
echo "$out" | grep -q ", search index to be made again at start (.*: missing)$" ||
    { echo "check-db said: $out"; exit 1; }
[ ! -e "$DB-search" ] || { echo "check-db made $DB-search"; exit 1; }
restart_search "event=search-ready" || exit 1

# Damaged: thrown away, made again, said so.
printf 'this is not a database, not at all, not even close........' > "$DB-search"
rm -f "$DB-search-wal" "$DB-search-shm"
restart_search "event=search-remade file=$DB-search" || exit 1

# Not this history's: the row it last looked at is gone (a db put back
# from an older copy looks the same).
python3 - "$DB" <<'PY' || exit 1
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DELETE FROM history WHERE rowid = (SELECT max(rowid) FROM history)")
db.commit()
PY
restart_search "event=search-remade .*reason=\"not this history's index\"" ||
    exit 1

# Schema 10 kept the index in the db: upgraded, the old index dropped.
python3 - "$DB" <<'PY' || exit 1
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("""
CREATE VIRTUAL TABLE history_fts USING fts5(text);
CREATE INDEX history_msgid ON history (msgid);
PRAGMA user_version = 10;
""")
db.commit()
PY
rm -f "$DB-search" "$DB-search-wal" "$DB-search-shm"
restart_search "event=store-upgrade from=10 to=11" || exit 1
python3 - "$DB" <<'PY' || exit 1
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
left = db.execute("SELECT name FROM sqlite_master WHERE name IN "
                  "('history_fts', 'history_msgid')").fetchall()
if left:
    sys.exit("left in the db after the upgrade: %r" % left)
PY

# A row deleted by another program (not the last): its words leave the
# index at the sweep at start, and SEARCH never shows it meanwhile.
python3 - "$DB" <<'PY' || exit 1
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DELETE FROM history WHERE line LIKE '%:green apples too'")
db.commit()
PY
chatd_start -o exempt=127.0.0.1 -o db="$DB"
log_has "event=search-swept lines=1" || exit 1
"$IRCSPEAK" > "$TEST_DIR/swept.out" <<'SCRIPT' || { cat "$TEST_DIR/swept.out"; exit 1; }
register b bob batch soju.im/search
send b SEARCH text=green
expect b BATCH \+([^ ]+) soju.im/search$
next b BATCH -
SCRIPT
chatd_stop || exit 1
python3 - "$DB-search" <<'PY' || exit 1
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("SELECT count(*) FROM history_fts WHERE history_fts MATCH 'green'").fetchone()[0]
if n != 0:
    sys.exit("a deleted line is still in the index after the sweep")
PY

# An index that cannot be made at all (a directory where its file goes):
# chatd says so and chats on; SEARCH answers that it failed.
rm -f "$DB-search" "$DB-search-wal" "$DB-search-shm"
mkdir "$DB-search"
chatd_start -o exempt=127.0.0.1 -o db="$DB"
log_has "event=search-unavailable" || exit 1
"$IRCSPEAK" > "$TEST_DIR/none.out" <<'SCRIPT' || { cat "$TEST_DIR/none.out"; exit 1; }
register b bob soju.im/search echo-message
send b SEARCH text=apples
expect b ^:chatd.local FAIL SEARCH INTERNAL_ERROR :
send b PRIVMSG #lobby :still chatting
expect b PRIVMSG #lobby :still chatting$
SCRIPT
chatd_stop || exit 1
rmdir "$DB-search"
