# Issue 13: the log is buffered: the lines of one loop turn go out in one
# write(2), never a write per field or per line. 200 PRIVMSGs arrive in
# one read (an exempt client, so all are handled in that turn): their 200
# event=message lines take at most a few writes. Skipped (77) without
# strace.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v strace >/dev/null 2>&1 || exit 77
[ -n "${CHATD_VALGRIND:-}" ] && exit 77
chatd_start -o exempt=127.0.0.1 --log-level info
strace -f -qq -s 65536 -e trace=write -e signal=none -o "$TEST_DIR/strace" \
    -p "$CHATD_PID" &
tracer=$!
sleep 0.5
"$IRCSPEAK" <<'SCRIPT' || { kill $tracer; exit 1; }
register a alice
register b bob
expect a :bob!bob@127.0.0.1 JOIN #lobby$
repeat b 200 PRIVMSG #lobby :line %d
expect a PRIVMSG #lobby :line 199$
sleep 300
logcount 200 event=message id=2
SCRIPT
sleep 0.3
kill $tracer
wait $tracer 2>/dev/null
writes=$(grep -c 'write(.*event=message' "$TEST_DIR/strace")
echo "200 event=message lines in $writes write(2) calls"
[ "$writes" -ge 1 ] && [ "$writes" -le 4 ] || exit 1
chatd_stop
