# draft/channel-rename in chatui: when bob renames #old to #new, alice's
# window takes the new name in its status line and title, keeps what was
# said before, says who renamed it and why, and goes on with what is said
# under the new name; then alice, made an operator, renames it again
# with /rename (the # added, as /join adds it) and the window follows;
# /part there leaves #newer. Skipped (77) without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
fail() { echo "$*"; tmux_ capture-pane -p; cat "$TEST_DIR/peers.log"; exit 1; }
IRCSPEAK_TIMEOUT=20000 "$IRCSPEAK" > "$TEST_DIR/peers.log" 2>&1 <<'SCRIPT' &
register b bob draft/channel-rename
send b JOIN #old
expect b 366 bob #old
write ${TEST_DIR}/ready yes
expect b :alice![^ ]+ JOIN #old
send b MODE #old +o alice
expect b MODE #old \+o alice
send b PRIVMSG #old :said before the rename
sleep 300
send b RENAME #old #new :a better name
sleep 300
send b PRIVMSG #new :said after it
expect b :alice![^ ]+ RENAME #new #newer :tidier$
expect b :alice![^ ]+ PART #newer
SCRIPT
peers=$!
file_has "$TEST_DIR/ready" yes || fail "bob never joined"
chatui_start -n alice
screen_has "\[2:#lobby\]" || fail "no #lobby"
ui_type "/join #old"
screen_has "said before the rename" || fail "the first line"
screen_has "bob renamed #old to #new (a better name)" || fail "no rename line"
screen_has "said after it" || fail "the line after"
screen_has "\[3:#new\]" || fail "the window is not #new"
tmux_ capture-pane -p | grep -q "said before the rename" ||
    fail "the scrollback went"
! tmux_ capture-pane -p | grep -q "#old\]" || fail "a window still #old"
ui_type "/rename newer tidier"
screen_has "alice renamed #new to #newer (tidier)" || fail "no /rename line"
screen_has "\[3:#newer\]" || fail "the window is not #newer"
ui_type "/part"
wait "$peers" || fail "bob did not see alice rename and leave"
chatui_stop
chatd_stop
