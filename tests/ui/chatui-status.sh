# Issue 14: the status line. In a channel it says the channel's modes and
# how many are in it (chatui asks MODE at join, and shows nothing of the
# answer), following MODE changes; /mode asked by the user is answered in
# words. A mention's window is bold in the activity list, and a highlight
# word (highlight = deploy) is a mention, whole, whatever its case. At 40x10 whole
# fields go (lag, server, time) and the window's stays whole, never cut.
# Skipped (77) without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
fail() { echo "$*"; tmux_ capture-pane -p; exit 1; }
status() { tmux_ capture-pane -p | tail -n 2 | head -n 1; }
mkdir -p "$TEST_DIR/.config/chatui"
printf 'highlight = deploy\n' > "$TEST_DIR/.config/chatui/config"
chatui_start -n alice
screen_has "\[2:#lobby\]" || exit 1
ui_type "/join #room"
screen_has "\[3:#room\] \[+nt, 1 person\]" || fail "no modes and count"
tmux_ capture-pane -p | grep -q "has modes\|was created on" &&
    fail "the answer to chatui's own MODE was shown"
ui_type "/mode #room +m-t"
screen_has "\[3:#room\] \[+mn, 1 person\]" || fail "modes not followed"
ui_type "/mode #room"
screen_has "#room has modes +mn" || fail "a /mode answer not shown"
IRCSPEAK_TIMEOUT=20000 "$IRCSPEAK" > "$TEST_DIR/bob.log" 2>&1 <<'SCRIPT' &
register b bob
send b JOIN #room
expect b 366 bob #room
send b PRIVMSG #lobby :redeploying, no
send b PRIVMSG #lobby :the Deploy is done
sleep 4000
SCRIPT
bob=$!
screen_has "\[3:#room\] \[+mn, 2 people\]" || fail "the count not followed"
screen_has "\[Act: 2!\]" || fail "no mention by a highlight word"
# Narrow: whole fields go, the window's stays.
tmux_ resize-window -x 40 -y 10
sleep 1
line=$(status)
echo "$line" | grep -q "\[3:#room\]" || fail "window field cut at 40x10: $line"
echo "$line" | grep -q "lag\|chatd.local" && fail "lag or server kept at 40x10: $line"
[ "$(printf '%s' "$line" | wc -m)" -le 40 ] || fail "wider than 40: $line"
wait "$bob" || { cat "$TEST_DIR/bob.log"; exit 1; }
chatui_stop
chatd_stop
