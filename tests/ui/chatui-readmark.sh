# Issue 18: read markers. Two chatui logged in to the same account, as on
# two machines: bob's message makes #lobby unread in the one reading the
# server window; the other, reading #lobby, tells chatd (draft/read-marker)
# and the first loses its unread count. Going back to a window shows
# "-- new messages --" above what came while the user was away from it.
# Skipped (77) without tmux or SQLite.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
need_sqlite
chatd_start -o exempt=127.0.0.1 -o db="$TEST_DIR/chat.db"
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
fail() { echo "$*"; tmux_ capture-pane -p -t "$1"; exit 1; }
"$IRCSPEAK" > "$TEST_DIR/reg.log" 2>&1 <<'SCRIPT' || { cat "$TEST_DIR/reg.log"; exit 1; }
register a alice
send a REGISTER * * pw-alice
expect a REGISTER SUCCESS
send a QUIT
closed a
SCRIPT
CHATUI_ENV="CHATUI_PASSWORD=pw-alice" chatui_start -n alice -a alice
tmux_ rename-window one
screen_has one "\[2:#lobby\]" || exit 1
screen_has one "account alice" || exit 1
tmux_ new-window -d -n two "HOME=$TEST_DIR TERM=screen-256color LC_ALL=C.UTF-8 CHATUI_PASSWORD=pw-alice ${top_builddir:-.}/src/chatui/chatui -n alice2 -a alice 127.0.0.1:$CHATD_PORT; sleep 30"
screen_has two "\[2:#lobby\]" || exit 1
# one reads the server window; two stays in #lobby.
tmux_ send-keys -t one M-1
screen_has one "\[1:server\]" || exit 1
"$IRCSPEAK" > "$TEST_DIR/bob.log" 2>&1 <<'SCRIPT' &
register b bob
send b PRIVMSG #lobby :something to read
sleep 8000
SCRIPT
peers=$!
screen_has two "<bob> something to read" || exit 1
# one sees it unread at first, then read elsewhere: no longer unread.
screen_has one "Act: 2" || exit 1
i=0
while tmux_ capture-pane -p -t one | grep -q "Act: 2"; do
	i=$((i + 1)); [ $i -gt 100 ] && fail one "still unread after two read it"
	sleep 0.1
done
# two goes away from #lobby, a message comes, two comes back: the marker.
tmux_ send-keys -t two M-1
screen_has two "\[1:server\]" || exit 1
sleep 1
"$IRCSPEAK" > "$TEST_DIR/carol.log" 2>&1 <<'SCRIPT'
register c carol
send c PRIVMSG #lobby :while two was away
sleep 300
SCRIPT
screen_has two "Act: 2" || exit 1
tmux_ send-keys -t two M-2
screen_has two "<carol> while two was away" || exit 1
tmux_ capture-pane -p -t two > "$TEST_DIR/two"
marker=$(grep -n -- "-- new messages --" "$TEST_DIR/two" | cut -d: -f1)
away=$(grep -n "while two was away" "$TEST_DIR/two" | cut -d: -f1)
read=$(grep -n "something to read" "$TEST_DIR/two" | cut -d: -f1)
[ -n "$marker" ] && [ "$read" -lt "$marker" ] && [ "$marker" -lt "$away" ] ||
    fail two "the marker is not between the read and the new"
kill "$peers" 2>/dev/null
chatd_stop
