# Hostile clients: for every command chatd knows, a client that goes away
# in the middle of it: half a line then a clean close, a whole line then
# a reset (RST, so the reply meets ECONNRESET or EPIPE), half a line
# before registering then a reset. Everyone in the channel is told, every
# departure is logged (a PART or QUIT among them may leave the channel
# first, so the log is the witness for the whole lines), chatd neither dies of SIGPIPE nor leaks a client,
# and a watcher is served within 100 ms after each one.
. "${top_srcdir:-.}/tests/integration/lib.sh"
cmds=$(sed -n 's/^send b \([A-Z][A-Z]*\)$/\1/p' \
    "${top_srcdir:-.}/tests/integration/hostile-params.irc")
[ "$(echo "$cmds" | wc -w)" -ge 25 ] || { echo "no command list"; exit 1; }
chatd_start -o exempt=127.0.0.1 -o whowas=0

{
	echo "register a alice"
	i=0
	for cmd in $cmds; do
		i=$((i + 1))
		cat <<-SCRIPT
		register d d${i}a
		sendraw d $cmd #lobby :half of a li
		close d
		expect a ^:d${i}a!d${i}a@127.0.0.1 QUIT :Connection closed$
		register d d${i}b
		send d $cmd #lobby d${i}b :a whole line
		reset d
		log event=quit id=[0-9]+ nick=d${i}b addr=127.0.0.1
		connect d
		sendraw d $cmd #lob
		reset d
		served a 100
		SCRIPT
	done
	echo "log event=quit id=$((i * 3 + 1)) nick=\\*"
	echo "send a PRIVMSG #lobby :still here"
	echo "send a LUSERS"
	echo "expect a ^:chatd.local 251 alice :There are 1 users and 0 invisible"
} > "$TEST_DIR/script"
"$IRCSPEAK" < "$TEST_DIR/script" > "$TEST_DIR/out" 2>&1 ||
    { tail -n 40 "$TEST_DIR/out"; tail -n 20 "$CHATD_LOG"; exit 1; }
echo "$(grep -c 'served in' "$TEST_DIR/out") times served within 100 ms"
# Every departure is logged, alice's too now that her script has ended
# (once chatd has seen her go: the log is written at the end of a turn;
# log_has has an i of its own).
want=$((i * 3 + 1))
log_has "event=quit id=[0-9]* nick=alice " || { echo "alice's quit not logged"; exit 1; }
n=$(grep -c 'event=quit' "$CHATD_LOG")
echo "$n departures logged"
[ "$n" -eq "$want" ] || { echo "expected $want"; exit 1; }
chatd_stop
