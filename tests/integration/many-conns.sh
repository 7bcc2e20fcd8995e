# 5,000 connections register, then all close at once; chatd logs every
# one, stays up, and a client connected throughout is served after.
. "${top_srcdir:-.}/tests/integration/lib.sh"
BENCH=${top_builddir:-.}/tools/chatbench/chatbench
chatd_start -o exempt=127.0.0.1 -o autojoin= --log-level info
"$IRCSPEAK" > "$TEST_DIR/a.log" 2>&1 <<'SCRIPT' &
register a alice
sleep 1
SCRIPT
alice=$!
"$BENCH" --port "$CHATD_PORT" --pid "$CHATD_PID" --inflight 64 --timeout 120 \
    conns 5000 > "$TEST_DIR/bench.out" 2>&1
status=$?
cat "$TEST_DIR/bench.out"
[ $status -eq 0 ] || exit 1
grep -q "failed=0" "$TEST_DIR/bench.out" || exit 1
wait $alice || { cat "$TEST_DIR/a.log"; exit 1; }
i=0
until [ "$(grep -c 'event=quit' "$CHATD_LOG")" -ge 5001 ]; do
	i=$((i + 1)); [ $i -gt 300 ] && { echo "not every close was logged"; exit 1; }
	sleep 0.1
done
[ "$(grep -c 'event=connect' "$CHATD_LOG")" -ge 5001 ] || exit 1
"$IRCSPEAK" <<'SCRIPT' || exit 1
register z zed
send z PING :after the storm
expect z PONG chatd.local :after the storm$
SCRIPT
chatd_stop
