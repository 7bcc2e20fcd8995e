# chatui against another IRC server from Debian's packages (ngircd or
# inspircd), on loopback: it registers (whatever capabilities the server
# lacks), joins, shows a peer's message and sends its own; two lines typed
# with Alt-Enter go as two messages (no draft/multiline there). Sourced by
# chatui-ngircd.sh and chatui-inspircd.sh with PEER set; skips (77) when
# the server or tmux is missing.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
command -v "$PEER" >/dev/null 2>&1 || exit 77
CHATUI=${CHATUI:-${top_builddir:-.}/src/chatui/chatui}
port=$(( 12000 + $$ % 8000 ))
while ss -ltn 2>/dev/null | grep -q ":$port "; do port=$((port + 1)); done
echo "chatui-peer" > "$TEST_DIR/motd"
case $PEER in
ngircd)
	sed -e "s|@PORT@|$port|" -e "s|@DIR@|$TEST_DIR|" \
	    "$top_srcdir/tools/bench/ngircd.conf.in" > "$TEST_DIR/peer.conf"
	ngircd --nodaemon --config "$TEST_DIR/peer.conf" > "$TEST_DIR/peer.log" 2>&1 &
	;;
inspircd)
	sed -e "s|@PORT@|$port|" -e "s|@DIR@|$TEST_DIR|" \
	    "$top_srcdir/tools/bench/inspircd.conf.in" > "$TEST_DIR/peer.conf"
	inspircd --runasroot --nofork --config="$TEST_DIR/peer.conf" \
	    > "$TEST_DIR/peer.log" 2>&1 &
	;;
esac
CHATD_PID=$!	# lib.sh's cleanup ends it by this PID
i=0
until ss -ltn 2>/dev/null | grep -q "127.0.0.1:$port "; do
	i=$((i + 1))
	[ $i -gt 100 ] && { echo "$PEER did not start"; cat "$TEST_DIR/peer.log"; exit 1; }
	sleep 0.1
done
CHATD_PORT=$port
export CHATD_PORT
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"

IRCSPEAK_TIMEOUT=20000 "$IRCSPEAK" > "$TEST_DIR/bob.log" 2>&1 <<'SCRIPT' &
register b bob
send b JOIN #peer
expect b (^:alice!.* JOIN :?#peer$| 353 bob . #peer :.*alice)
send b PRIVMSG #peer :hello from bob
expect b ^:alice!.* PRIVMSG #peer :hello from alice$
next b ^:alice!.* PRIVMSG #peer :line one$
next b ^:alice!.* PRIVMSG #peer :line two$
SCRIPT
bob=$!
tmux_ new-session -d -x 100 -y 24 \
    "HOME=$TEST_DIR TERM=screen-256color LC_ALL=C.UTF-8 $CHATUI -n alice -j '#peer' 127.0.0.1:$port; sleep 30"
# bob made #peer, so he may be its operator: <@bob>.
screen_has "<@\?bob> hello from bob" || { cat "$TEST_DIR/bob.log"; exit 1; }
tmux_ send-keys "hello from alice" Enter
tmux_ send-keys -l "line one"
tmux_ send-keys M-Enter
tmux_ send-keys -l "line two"
tmux_ send-keys Enter
if ! wait "$bob"; then
	cat "$TEST_DIR/bob.log"
	tmux_ capture-pane -p
	exit 1
fi
tmux_ send-keys "/quit" Enter
exit 0
