# A configuration reload (SIGHUP) while 1,000 clients chat: nothing is
# lost and nobody is dropped.
. "${top_srcdir:-.}/tests/integration/lib.sh"
BENCH=${top_builddir:-.}/tools/chatbench/chatbench
printf 'exempt = 127.0.0.1\nautojoin =\nmax-clients-per-ip = 10000\n' \
    > "$TEST_DIR/chatd.conf"
chatd_start -c "$TEST_DIR/chatd.conf" --log-level info
"$BENCH" --port "$CHATD_PORT" --inflight 64 --timeout 240 \
    fanout 1000 4 300 > "$TEST_DIR/bench.out" 2>&1 &
bench=$!
# Reload many times while the messages flow (they flow for well under a
# second on a fast build, so look often).
i=0
while kill -0 $bench 2>/dev/null && [ $i -lt 1000 ]; do
	if grep -q "event=message" "$CHATD_LOG"; then
		kill -HUP "$CHATD_PID"
	fi
	i=$((i + 1))
	sleep 0.02
done
wait $bench
status=$?
cat "$TEST_DIR/bench.out"
[ $status -eq 0 ] || exit 1
grep -q " lost=0 " "$TEST_DIR/bench.out" || { echo "messages were lost"; exit 1; }
grep -q "event=reload result=ok" "$CHATD_LOG" || { echo "no reload happened"; exit 1; }
# chatbench reports any of its clients the server dropped while it ran.
if grep -q "chatbench: client" "$TEST_DIR/bench.out"; then
	echo "somebody was dropped"
	exit 1
fi
chatd_stop
