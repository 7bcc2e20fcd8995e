# Issue 15, the db that cannot be used: in a directory that is not there,
# a file that is not a database, one from a newer chatd, one that is not
# chatd's. chatd refuses to start with one line naming the file and the
# problem and exit status 1, and --check-db says the same; --check-db
# with no db set is a usage error (2). An older schema is upgraded.
. "${top_srcdir:-.}/tests/integration/lib.sh"
need_sqlite
fail=0
# refused FILE TEXT: chatd will not start on FILE, saying TEXT.
refused() {
	"$CHATD" --listen 127.0.0.1:0 --log-file "$TEST_DIR/log" \
	    -o db="$1" > "$TEST_DIR/out" 2> "$TEST_DIR/err" &
	pid=$!
	i=0
	while kill -0 $pid 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.05; i=$((i + 1))
	done
	if kill -0 $pid 2>/dev/null; then
		kill $pid; wait $pid
		echo "chatd started on $1"; fail=1; return
	fi
	wait $pid; rc=$?
	lines=$(wc -l < "$TEST_DIR/err")
	if [ $rc -ne 1 ] || [ "$lines" -ne 1 ] ||
	    ! grep -q "^chatd: $1: $2" "$TEST_DIR/err"; then
		echo "on $1: exit $rc, said:"; cat "$TEST_DIR/err"; fail=1
	fi
	"$CHATD" --check-db -o db="$1" > "$TEST_DIR/out" 2> "$TEST_DIR/err"
	rc=$?
	if [ $rc -ne 1 ] || ! grep -q "^chatd: $1: $2" "$TEST_DIR/err"; then
		echo "--check-db on $1: exit $rc, said:"; cat "$TEST_DIR/err"
		fail=1
	fi
}
refused "$TEST_DIR/no/such/dir/chatd.db" "unable to open database file"
printf 'this is not a database, only words.%.0s\n' $(seq 100) > "$TEST_DIR/words.db"
refused "$TEST_DIR/words.db" "file is not a database"
python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.execute("PRAGMA user_version = 99"); db.commit()
db = sqlite3.connect(sys.argv[2]); db.execute("CREATE TABLE t (x)"); db.commit()' \
    "$TEST_DIR/newer.db" "$TEST_DIR/other.db"
refused "$TEST_DIR/newer.db" "made by a newer chatd (schema 99; this one knows up to 11)"
refused "$TEST_DIR/other.db" "not a chatd db"
# A db of schema 1 (history only) is upgraded in place: its lines kept.
python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("""CREATE TABLE history (msgid INTEGER NOT NULL,
 target TEXT NOT NULL COLLATE NOCASE, time INTEGER NOT NULL,
 kind INTEGER NOT NULL, flags INTEGER NOT NULL, line TEXT NOT NULL, tags TEXT);
CREATE UNIQUE INDEX history_target ON history (target, msgid);
CREATE INDEX history_msgid ON history (msgid);
INSERT INTO history VALUES (1, "#lobby", 1700000000000, 6, 0,
 ":old!old@127.0.0.1 PRIVMSG #lobby :kept", NULL);
PRAGMA user_version = 1;""")' "$TEST_DIR/v1.db"
"$CHATD" --listen 127.0.0.1:0 --log-file "$TEST_DIR/v1.log" \
    -o db="$TEST_DIR/v1.db" &
pid=$!
i=0
until grep -q "event=start" "$TEST_DIR/v1.log" 2>/dev/null || [ $i -gt 100 ]; do
	sleep 0.05; i=$((i + 1))
done
kill $pid; wait $pid
if ! grep -q "event=store-upgrade from=1 to=11" "$TEST_DIR/v1.log" ||
    ! "$CHATD" --check-db -o db="$TEST_DIR/v1.db" |
    grep -q "ok, schema 11, 1 lines of history, 0 accounts, 0 files, search index [0-9]* lines behind$"; then
	echo "schema 1 not upgraded:"; cat "$TEST_DIR/v1.log"; fail=1
fi
"$CHATD" --check-db > "$TEST_DIR/out" 2> "$TEST_DIR/err"
rc=$?
if [ $rc -ne 2 ] || ! grep -q "no db is set" "$TEST_DIR/err"; then
	echo "--check-db without a db: exit $rc"; cat "$TEST_DIR/err"; fail=1
fi
exit $fail
