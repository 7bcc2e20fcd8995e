# Issue 18: typing notifications. A peer's +typing=active shows "bob is
# typing" in chatui's status line for that window, until done (or bob's
# message); what alice types is told as +typing=active once, and done
# when she empties the line; typing = no tells nothing.
# Skipped (77) without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
fail() { echo "$*"; tmux_ capture-pane -p; cat "$TEST_DIR/peers.log"; exit 1; }
CAPS="message-tags"
export CAPS
IRCSPEAK_TIMEOUT=20000 "$IRCSPEAK" > "$TEST_DIR/peers.log" 2>&1 <<'SCRIPT' &
register b bob ${CAPS}
expect b :alice![^ ]+ JOIN #lobby
write ${TEST_DIR}/joined yes
sleep 500
sendraw b @+typing=active TAGMSG #lobby\r\n
write ${TEST_DIR}/typing yes
expect b typing=active.* :alice![^ ]+ TAGMSG #lobby$
write ${TEST_DIR}/alice-active yes
expect b typing=done.* :alice![^ ]+ TAGMSG #lobby$
write ${TEST_DIR}/alice-done yes
sleep 1000
sendraw b @+typing=done TAGMSG #lobby\r\n
write ${TEST_DIR}/done yes
sleep 1000
SCRIPT
peers=$!
chatui_start -n alice
file_has "$TEST_DIR/joined" yes || fail "bob never saw alice"
file_has "$TEST_DIR/typing" yes || fail "bob did not type"
screen_has "\[bob is typing\]" || fail "not shown"
tmux_ send-keys -l "hello th"
file_has "$TEST_DIR/alice-active" yes || fail "alice's typing not told"
tmux_ send-keys C-u
file_has "$TEST_DIR/alice-done" yes || fail "alice's done not told"
# bob says done: gone from the status line.
file_has "$TEST_DIR/done" yes || fail "bob did not stop"
screen_loses "is typing" || fail "still typing after done"
wait "$peers" || fail "peers"
chatui_stop

# typing = no: nothing told.
mkdir -p "$TEST_DIR/.config/chatui"
echo "typing = no" > "$TEST_DIR/.config/chatui/config"
IRCSPEAK_TIMEOUT=20000 "$IRCSPEAK" > "$TEST_DIR/peers.log" 2>&1 <<'SCRIPT' &
register d dave ${CAPS}
expect d :carol![^ ]+ JOIN #lobby
write ${TEST_DIR}/carol yes
refute d 3000 TAGMSG
SCRIPT
peers=$!
chatui_start -n carol
file_has "$TEST_DIR/carol" yes || fail "dave never saw carol"
screen_has "\[2:#lobby\]" || exit 1
tmux_ send-keys -l "not told"
wait "$peers" || fail "typing told with typing = no"
chatd_stop
