# Issue 15, durability: chatd killed with SIGKILL in the middle of a busy
# #lobby (four senders, as fast as chatd takes them) loses nothing anyone
# has seen. A reader keeps every line it is shown; after a restart on the
# same db, every one of them is in CHATHISTORY, with the same msgid and
# time, in the same order: a line is shown only once its transaction is
# in the WAL.
. "${top_srcdir:-.}/tests/integration/lib.sh"
DB=$TEST_DIR/chatd.db
need_sqlite
command -v python3 >/dev/null 2>&1 || exit 77
rm -f "$DB"
PY="python3 ${top_srcdir:-.}/tests/integration/store-kill.py"
chatd_start -o exempt=127.0.0.1 -o db="$DB"
$PY send "$CHATD_PORT" "$CHATD_PID" "$TEST_DIR/seen" ||
    { tail -n 20 "$CHATD_LOG"; exit 1; }
# It is dead already; this only reaps it.
kill -KILL "$CHATD_PID" 2>/dev/null
wait "$CHATD_PID" 2>/dev/null
chatd_start -o exempt=127.0.0.1 -o db="$DB"
$PY check "$CHATD_PORT" "$TEST_DIR/seen" || { tail -n 20 "$CHATD_LOG"; exit 1; }
chatd_stop
