# Issue 14: a paste of many lines is never all sent at once, nor lost.
# A paste of more than 5 lines is held and chatui asks first (Enter sends,
# Esc drops); its lines then go through chatui's send queue at the pace
# the server asks for (chatd's WARN RATE_LIMITED), the status line says
# how many wait, and all 200 arrive whole, in order, with the sender still
# connected. A paste of 3 lines goes at once. chatd's burst is 2 and its
# rate 50 a second, so that the test takes seconds. Skipped (77) without
# tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
CHATUI=${CHATUI:-${top_builddir:-.}/src/chatui/chatui}
chatd_start -o flood-burst=2 -o flood-rate=50
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
IRCSPEAK_TIMEOUT=30000 "$IRCSPEAK" > "$TEST_DIR/bob.log" 2>&1 <<'SCRIPT' &
register b bob
expect b ^:alice!alice@127.0.0.1 JOIN #lobby$
series b 3 :alice!alice@127.0.0.1 PRIVMSG #lobby :short paste %d
series b 200 :alice!alice@127.0.0.1 PRIVMSG #lobby :pasted line %d of a long one
refute b 1000 dropped
SCRIPT
bob=$!
log_has "event=register id=1 nick=bob" || exit 1
tmux_ new-session -d -x 100 -y 30 \
    "HOME=$TEST_DIR TERM=screen-256color LC_ALL=C.UTF-8 $CHATUI -n alice 127.0.0.1:$CHATD_PORT; sleep 60"
screen_has "\[2:#lobby\]" || exit 1
# tmux paste-buffer -p brackets the paste, as terminals do.
printf 'short paste 0\nshort paste 1\nshort paste 2\n' > "$TEST_DIR/three"
tmux_ load-buffer "$TEST_DIR/three"
tmux_ paste-buffer -p
i=0
: > "$TEST_DIR/long"
while [ $i -lt 200 ]; do
	echo "pasted line $i of a long one" >> "$TEST_DIR/long"
	i=$((i + 1))
done
sleep 1
tmux_ load-buffer "$TEST_DIR/long"
tmux_ paste-buffer -p
screen_has "You pasted 200 lines: Enter sends them, Esc drops them." || exit 1
screen_has "\[paste of 200 lines: Enter/Esc\]" || exit 1
tmux_ send-keys Enter
screen_has "lines queued\]" || exit 1
# A paste dropped with Esc is never sent.
printf 'dropped 1\ndropped 2\ndropped 3\ndropped 4\ndropped 5\ndropped 6\n' \
    > "$TEST_DIR/six"
wait "$bob" || { tail -n 20 "$TEST_DIR/bob.log"; exit 1; }
tmux_ load-buffer "$TEST_DIR/six"
tmux_ paste-buffer -p
screen_has "You pasted 6 lines" || exit 1
tmux_ send-keys Escape
screen_has "Dropped the 6 pasted lines." || exit 1
if grep -q "event=quit id=2" "$CHATD_LOG"; then
	echo "alice was dropped"; exit 1
fi
# 201 messages, and nothing else: a paste cut between reads is not typing;
# the 3-line paste is one multiline message, the 200 (past max-lines) not.
n=$(grep -c "event=message id=2" "$CHATD_LOG")
[ "$n" -eq 201 ] || { echo "alice sent $n messages, not 201:";
    grep "event=message id=2" "$CHATD_LOG" | grep -v "type=PRIVMSG"; exit 1; }
chatd_stop
