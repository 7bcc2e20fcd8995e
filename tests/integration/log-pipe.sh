# Issue 13: a log destination that blocks never stalls the loop. chatd
# logs to a pipe that nobody reads: while the pipe is full, clients are
# served within 100 ms; lines past the bound (1 MiB held) are dropped and
# counted; once the pipe is read again, what was held arrives, followed by
# one "event=log-dropped lines=N" line.
. "${top_srcdir:-.}/tests/integration/lib.sh"
fifo=$TEST_DIR/log.fifo
mkfifo "$fifo" || exit 1
# Hold the read end open, reading nothing for now.
exec 3<>"$fifo"
echo Hello > "$TEST_DIR/motd"
$CHATD --listen 127.0.0.1:0 --log-file "$fifo" --log-level debug \
    -o exempt=127.0.0.1 -o motd-file="$TEST_DIR/motd" \
    2> "$TEST_DIR/chatd.stderr" &
CHATD_PID=$!
export CHATD_PID
CHATD_PORT=
while read -r line <&3; do
	case $line in
	*"listening on 127.0.0.1:"*)
		CHATD_PORT=${line##*:}
		break ;;
	esac
done
[ -n "$CHATD_PORT" ] || { echo "no port in the log"; exit 1; }
export CHATD_PORT
# About 3 MB of debug lines while the pipe is full: far past the bound.
"$IRCSPEAK" > "$TEST_DIR/full.log" 2>&1 <<'SCRIPT' || { tail -n 20 "$TEST_DIR/full.log"; exit 1; }
register a alice
register b bob
repeat a 10000 PING :${p*150}
repeat a 10000 PING :${p*150}
repeat a 10000 PING :${p*150}
served b 100
sleep 300
served b 100
SCRIPT
cat <&3 > "$TEST_DIR/drained" &
reader=$!
i=0
until grep -q "event=log-dropped lines=[1-9]" "$TEST_DIR/drained"; do
	i=$((i + 1))
	if [ $i -gt 100 ]; then
		echo "no event=log-dropped line after the pipe was read"
		kill $reader
		exit 1
	fi
	sleep 0.1
done
grep "event=log-dropped" "$TEST_DIR/drained"
# What was held came first, in order: the log resumed where it stopped.
grep -q "verb=PING" "$TEST_DIR/drained" || exit 1
chatd_stop
status=$?
kill $reader 2>/dev/null
exit $status
