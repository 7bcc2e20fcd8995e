# 5,000 connections register, then all close at once; chatd logs every
# one, stays up, and a client connected throughout is served within
# 100 ms all along.
. "${top_srcdir:-.}/tests/integration/lib.sh"
BENCH=${top_builddir:-.}/tools/chatbench/chatbench
chatd_start -o exempt=127.0.0.1 -o autojoin= --log-level info
# alice, connected throughout, is served within 100 ms all along.
{
	echo "register a alice"
	i=0
	while [ $i -lt 40 ]; do
		echo "served a 100"; echo "sleep 100"; i=$((i + 1))
	done
} > "$TEST_DIR/a.script"
"$IRCSPEAK" < "$TEST_DIR/a.script" > "$TEST_DIR/a.log" 2>&1 &
alice=$!
"$BENCH" --port "$CHATD_PORT" --pid "$CHATD_PID" --inflight 64 --timeout 120 \
    conns 5000 > "$TEST_DIR/bench.out" 2>&1
status=$?
cat "$TEST_DIR/bench.out"
[ $status -eq 0 ] || exit 1
grep -q "failed=0" "$TEST_DIR/bench.out" || exit 1
wait $alice || { tail -n 20 "$TEST_DIR/a.log"; exit 1; }
sort -n -k4 "$TEST_DIR/a.log" | sed -n 's/^a: served in/alice served in/p' | tail -n 1
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
