# Issue 14: CTCP. chatui answers VERSION, PING, TIME and CLIENTINFO by
# NOTICE, at most three at once then one every two seconds (a flood of
# queries gets three answers, not ten), and says so in one line of the
# current window without opening a window for the asker; /ctcp sends a
# query and shows the reply, /ping shows the round trip in ms. Skipped
# (77) without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
chatui_start -n alice
screen_has "\[2:#lobby\]" || exit 1
IRCSPEAK_TIMEOUT=15000 "$IRCSPEAK" > "$TEST_DIR/bob.log" 2>&1 <<'SCRIPT' &
register b bob
sendraw b PRIVMSG alice :\x01VERSION\x01\r\n
expect b ^:alice![^ ]+ NOTICE bob :.VERSION chatui [0-9.]+.$
sendraw b PRIVMSG alice :\x01PING 12345\x01\r\n
expect b ^:alice![^ ]+ NOTICE bob :.PING 12345.$
sendraw b PRIVMSG alice :\x01CLIENTINFO\x01\r\n
expect b ^:alice![^ ]+ NOTICE bob :.CLIENTINFO ACTION CLIENTINFO PING TIME VERSION.$
sleep 4500
sendraw b PRIVMSG alice :\x01TIME\x01\r\n
expect b ^:alice![^ ]+ NOTICE bob :.TIME [A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} 20[0-9]{2} [0-9:]{8} [-+][0-9]{4}.$
sleep 4500
repeat b 10 PRIVMSG alice :\x01VERSION\x01
sleep 1000
write ${TEST_DIR}/flooded done
expect b ^:alice![^ ]+ PRIVMSG bob :.VERSION.$
sendraw b NOTICE alice :\x01VERSION ircspeak 1.0\x01\r\n
expect b ^:alice![^ ]+ PRIVMSG bob :.PING ([0-9]+).$
sendraw b NOTICE alice :\x01PING ${MATCH}\x01\r\n
sleep 1000
SCRIPT
bob=$!
screen_has "CTCP CLIENTINFO from bob (answered)" ||
    { cat "$TEST_DIR/bob.log"; exit 1; }
file_has "$TEST_DIR/flooded" done || exit 1
# Three answers to the ten: the rest only told.
sleep 0.5
n=$(grep -c 'NOTICE bob :.VERSION chatui' "$TEST_DIR/bob.log")
[ "$n" -eq 4 ] || { echo "$n VERSION answers, not 1 + 3"; cat "$TEST_DIR/bob.log"; exit 1; }
screen_has "CTCP VERSION from bob  *│" || exit 1
# No window for bob: the status line lists only 1 and 2.
if tmux_ capture-pane -p | grep -q '3:bob'; then
	echo "a window opened for bob"; tmux_ capture-pane -p; exit 1
fi
ui_type "/ctcp bob VERSION"
screen_has "CTCP VERSION reply from bob: ircspeak 1.0" || exit 1
ui_type "/ping bob"
screen_has "PING reply from bob: [0-9]* ms" || exit 1
wait "$bob" || { cat "$TEST_DIR/bob.log"; exit 1; }
exit 0
