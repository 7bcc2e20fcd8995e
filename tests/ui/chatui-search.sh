# Issue 18: /search. Against chatd with a db (soju.im/search) the server's
# history of the window is searched, older than the scrollback holds: the
# results, with who said them, in a window of their own; without a db the
# scrollback is searched instead. Typing in the results window sends
# nothing. Skipped (77) without tmux or SQLite.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
need_sqlite
chatd_start -o exempt=127.0.0.1 -o db="$TEST_DIR/chat.db"
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
fail() { echo "$*"; tmux_ capture-pane -p; exit 1; }
"$IRCSPEAK" > "$TEST_DIR/peers.log" 2>&1 <<'SCRIPT' || { cat "$TEST_DIR/peers.log"; exit 1; }
register b bob
send b PRIVMSG #lobby :I like apple pie
repeat b 120 PRIVMSG #lobby :filler %d
send b PRIVMSG #lobby :an apple a day
send b PING :sent
expect b PONG .*sent
SCRIPT
chatui_start -n alice
screen_has "<bob> an apple a day" || exit 1
ui_type "/search apple"
# "I like apple pie" is older than the 100 lines chatui got on joining.
screen_has "<bob> I like apple pie" || exit 1
screen_has "<bob> an apple a day" || exit 1
screen_has 'Lines with "apple": 2\( \|$\)' || exit 1
screen_has "\[3:?apple\]" || exit 1
ui_type "hello"
screen_has "This window holds search results" || exit 1
tmux_ capture-pane -p | grep -q "Not a channel" && fail "something was sent"
chatd_stop

# Without a db: the scrollback.
chatui_stop
chatd_start -o exempt=127.0.0.1
"$IRCSPEAK" > "$TEST_DIR/peers.log" 2>&1 <<'SCRIPT' &
register b bob
expect b :alice![^ ]+ JOIN #lobby
send b PRIVMSG #lobby :pears are fine
send b PRIVMSG #lobby :so are pears
sleep 3000
SCRIPT
chatui_start -n alice
screen_has "<bob> so are pears" || exit 1
ui_type "/search pears"
screen_has 'Lines with "pears": 2\( \|$\)' || exit 1
screen_has "\[3:?pears\]" || exit 1
chatd_stop
