# Issue 13: forty people on one machine (a demo, a class behind one
# address, a test script) with every option at its default: all forty get
# in, each sees the others join #lobby, and a message from the first
# reaches the fortieth with its sender. limit-loopback=yes brings back
# the per-address limit for loopback: the eleventh is turned away.
. "${top_srcdir:-.}/tests/integration/lib.sh"

# register_lines N: the script lines that register u1..uN as user1..userN.
register_lines() {
	i=1
	while [ $i -le "$1" ]; do
		echo "register u$i user$i"
		i=$((i + 1))
	done
}

chatd_start
{
	register_lines 40
	echo "expect u1 ^:user40!user40@127.0.0.1 JOIN #lobby$"
	echo "send u1 PRIVMSG #lobby :hello, all forty"
	echo "expect u40 ^:user1!user1@127.0.0.1 PRIVMSG #lobby :hello, all forty$"
	echo "expect u20 ^:user1!user1@127.0.0.1 PRIVMSG #lobby :hello, all forty$"
	echo "nolog event=refuse"
} > "$TEST_DIR/forty.script"
"$IRCSPEAK" < "$TEST_DIR/forty.script" > "$TEST_DIR/forty.log" 2>&1 ||
    { tail -n 30 "$TEST_DIR/forty.log"; exit 1; }
[ "$(grep -c 'event=register' "$CHATD_LOG")" -eq 40 ] ||
    { echo "not all forty registered"; exit 1; }
chatd_stop || exit 1

chatd_start -o limit-loopback=yes
{
	register_lines 10
	# It speaks first, as clients do: the ERROR still reaches it.
	echo "connect u11"
	echo "send u11 NICK user11"
	echo "send u11 USER user11 0 * :User"
	echo "sleep 300"
	echo "expect u11 ^ERROR :Closing Link: 127.0.0.1 \\(Too many connections from your address\\)$"
	echo "closed u11"
} > "$TEST_DIR/eleven.script"
"$IRCSPEAK" < "$TEST_DIR/eleven.script" > "$TEST_DIR/eleven.log" 2>&1 ||
    { tail -n 30 "$TEST_DIR/eleven.log"; exit 1; }
chatd_stop
