# Issue 18: history in chatui against chatd with a db. Joining #lobby
# shows its latest 100 messages (their time dimmed); scrolling up to the
# oldest line fetches the older ones, until all 150 are there once each,
# in order; a private conversation the account had opens as a window at
# start (TARGETS); after the connection is lost (an operator's KILL),
# what was said meanwhile is there after the reconnection, once.
# Skipped (77) without tmux or SQLite.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
need_sqlite
hash=$(echo "opensesame" | "$CHATD" --hash-password) || exit 1
chatd_start_conf "oper = root $hash\nexempt = 127.0.0.1\n" \
    -o db="$TEST_DIR/chat.db"
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
fail() { echo "$*"; tmux_ capture-pane -p; exit 1; }
"$IRCSPEAK" > "$TEST_DIR/first.log" 2>&1 <<'SCRIPT' ||
register a alice
send a REGISTER * * pw-alice
expect a REGISTER SUCCESS
register c carol
send c PRIVMSG alice :psst alice, from carol
expect a PRIVMSG alice :psst alice
send a PRIVMSG carol :hello carol
expect c PRIVMSG carol :hello carol
register b bob
repeat b 150 PRIVMSG #lobby :old %d
send b PING :sent
expect b PONG .*sent
send a QUIT
closed a
SCRIPT
    { cat "$TEST_DIR/first.log"; exit 1; }

CHATUI_ENV="CHATUI_PASSWORD=pw-alice" chatui_start -n alice -a alice
screen_has "<bob> old 149" || exit 1
# Its time is dimmed: said before we came.
ESC=$(printf '\033')
tmux_ capture-pane -e -p | grep -a "old 149" |
    grep -aq "^$ESC\[2m\[[0-9][0-9]:[0-9][0-9]\]" ||
    fail "history's time not dimmed: $(tmux_ capture-pane -e -p | grep -a 'old 149' | cat -v)"
# The latest 100: old 50 to old 149 (old 5 is not there yet).
ui_type "/lastlog old 5"
screen_has 'Lines with "old 5": 10 ' || exit 1
# Up to the oldest line, and on: the older ones come.
i=0
while ! tmux_ capture-pane -p | grep -q "<bob> old 0 "; do
	tmux_ send-keys PPage
	i=$((i + 1)); [ $i -gt 200 ] && fail "old 0 never came"
	sleep 0.1
done
tmux_ send-keys C-End
ui_type "/lastlog old 4"
screen_has 'Lines with "old 4": 11 ' || exit 1
# The private conversation is a window of its own, with both sides.
ui_type "/window carol"
screen_has "<carol> psst alice, from carol" || exit 1
screen_has "<alice> hello carol" || exit 1
ui_type "/window #lobby"

# Killed: what is said while chatui is away is there when it is back.
"$IRCSPEAK" > "$TEST_DIR/second.log" 2>&1 <<'SCRIPT' &
register o oscar
send o OPER root opensesame
expect o 381
send o KILL alice :a test
expect o QUIT :Killed
register d dave
send d PRIVMSG #lobby :said while alice was away
expect d ^:alice![^ ]+ JOIN #lobby
send d PRIVMSG #lobby :said once she was back
sleep 500
SCRIPT
peers=$!
screen_has "said while alice was away" || { cat "$TEST_DIR/second.log"; exit 1; }
screen_has "said once she was back" || exit 1
wait "$peers" || { cat "$TEST_DIR/second.log"; exit 1; }
ui_type "/lastlog said while"
screen_has 'Lines with "said while": 1 ' || exit 1
chatd_stop
