# irssi, from Debian's packages, in a private tmux: it connects, lands in
# #lobby, chats, sends /me and /msg, sees others' messages, and /quit
# reaches the others. Skipped (77) without irssi or tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v irssi >/dev/null 2>&1 || exit 77
command -v tmux >/dev/null 2>&1 || exit 77
chatd_start
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"

# bob watches from a scripted client.
IRCSPEAK_TIMEOUT=20000 "$IRCSPEAK" > "$TEST_DIR/bob.log" 2>&1 <<'SCRIPT' &
register b bob
expect b ^:irssiuser!.* JOIN #lobby$
send b PRIVMSG #lobby :hello irssi, bob here
expect b ^:irssiuser!.* PRIVMSG #lobby :hello from irssi$
expect b ^:irssiuser!.* PRIVMSG #lobby :.ACTION waves.$
expect b ^:irssiuser!.* PRIVMSG bob :a private word$
expect b ^:irssiuser!.* QUIT :irssi says bye$
SCRIPT
bob=$!
log_has "event=register id=1 nick=bob" || exit 1

mkdir -p "$TEST_DIR/irssi"
tmux_ new-session -d -x 120 -y 30 \
    "TERM=screen irssi --home=$TEST_DIR/irssi -n irssiuser -c 127.0.0.1 -p $CHATD_PORT"
log_has "event=join id=2 nick=irssiuser channel=#lobby" || exit 1
tmux_ send-keys "/window 2" Enter
screen_has "bob> hello irssi, bob here" || { tail -n 30 "$CHATD_LOG"; exit 1; }
# irssi paces what it sends; type the next line once bob has the last.
bob_has() {
	if ! file_has "$TEST_DIR/bob.log" "$1"; then
		cat "$TEST_DIR/bob.log"
		grep "id=2 verb" "$CHATD_LOG"
		exit 1
	fi
}
tmux_ send-keys "hello from irssi" Enter
bob_has "PRIVMSG #lobby :hello from irssi"
tmux_ send-keys "/me waves" Enter
bob_has "ACTION waves"
tmux_ send-keys "/msg bob a private word" Enter
bob_has "PRIVMSG bob :a private word"
tmux_ send-keys "/quit irssi says bye" Enter
if ! wait "$bob"; then
	cat "$TEST_DIR/bob.log"
	tmux_ capture-pane -p 2>/dev/null
	exit 1
fi
grep -q "event=quit id=2 nick=irssiuser .*reason=\"irssi says bye\"" \
    "$CHATD_LOG" || { tail -n 20 "$CHATD_LOG"; exit 1; }
chatd_stop
