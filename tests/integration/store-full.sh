# Issue 15: the disk full at run time. chatd's files are capped at their
# size (the soft RLIMIT_FSIZE, set on the running chatd with prlimit, as a full
# disk would refuse them room): chatd keeps chatting, logs the error,
# tells the senders with WARN * NOT_STORED that their messages reached
# everyone but were not stored, and stores again once there is room.
. "${top_srcdir:-.}/tests/integration/lib.sh"
need_sqlite
command -v prlimit >/dev/null || exit 77
DB=$TEST_DIR/chatd.db
# The log goes through a pipe, which no file size limit touches.
mkfifo "$TEST_DIR/logpipe"
CHATD_LOG=$TEST_DIR/chatd.log
cat "$TEST_DIR/logpipe" > "$CHATD_LOG" &
catpid=$!
${VALGRIND:-} "$CHATD" --listen 127.0.0.1:0 --log-level debug -o db="$DB" \
    -o exempt=127.0.0.1 -o motd-file="$TEST_DIR/motd" 2> "$TEST_DIR/logpipe" &
CHATD_PID=$!
export CHATD_LOG CHATD_PID
log_has "listening on 127.0.0.1:" || exit 1
CHATD_PORT=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$CHATD_LOG" | head -n 1)
export CHATD_PORT
# The script's cues: the full file caps every file of chatd at its size
# now (so the WAL cannot grow), the room file lifts the cap.
(
	until [ -f "$TEST_DIR/full" ]; do sleep 0.02; done
	max=$(stat -c %s "$DB" "$DB-wal" | sort -n | tail -n 1)
	prlimit --pid "$CHATD_PID" --fsize="$max:"
	until [ -f "$TEST_DIR/room" ]; do sleep 0.02; done
	prlimit --pid "$CHATD_PID" --fsize=unlimited:
) &
"$IRCSPEAK" > "$TEST_DIR/out" <<'SCRIPT' || { cat "$TEST_DIR/out"; tail -n 20 "$CHATD_LOG"; exit 1; }
register a alice echo-message
register b bob
send a PRIVMSG #lobby :stored before
expect a PRIVMSG #lobby :stored before
expect b PRIVMSG #lobby :stored before
write ${TEST_DIR}/full now
sleep 300
send a PRIVMSG #lobby :said while the disk is full
expect a PRIVMSG #lobby :said while the disk is full
next a ^:chatd.local WARN \* NOT_STORED :Your last messages reached everyone but were not stored \(
expect b PRIVMSG #lobby :said while the disk is full
log event=store-failed lines=[0-9]+ error=
write ${TEST_DIR}/room now
sleep 300
send a PRIVMSG #lobby :stored again
expect a PRIVMSG #lobby :stored again
refute a 500 NOT_STORED
SCRIPT
chatd_stop || exit 1
wait $catpid
python3 - "$DB" <<'PY' || exit 1
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def n(text):
    return db.execute("SELECT count(*) FROM history WHERE line LIKE ?",
                      ("%" + text,)).fetchone()[0]
got = (n("stored before"), n("said while the disk is full"), n("stored again"))
if got != (1, 0, 1):
    sys.exit(f"in the db: {got} (want 1 0 1)")
PY
