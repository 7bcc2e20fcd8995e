# Issue 14, the commands people reach for: /ignore hides what a nick says
# (and /ignore alone lists it) until /unignore; /lastlog shows the lines
# with a text; /ban and /unban set and lift nick!*@*; /oper with a wrong
# password is told; /whowas asks the server; /quote is /raw. Skipped (77)
# without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
chatui_start -n alice
screen_has "\[2:#lobby\]" || exit 1
IRCSPEAK_TIMEOUT=20000 "$IRCSPEAK" > "$TEST_DIR/bob.log" 2>&1 <<'SCRIPT' &
register b bob
sendraw b JOIN #lobby\r\n
sendraw b PRIVMSG #lobby :hello from bob\r\n
expect b ^:alice![^ ]+ PRIVMSG #lobby :ignoring now$
sendraw b PRIVMSG #lobby :you cannot see this\r\n
sendraw b PRIVMSG alice :nor this\r\n
sendraw b PRIVMSG #lobby :marker one\r\n
expect b ^:alice![^ ]+ PRIVMSG #lobby :not any more$
sendraw b PRIVMSG #lobby :visible again\r\n
sleep 3000
SCRIPT
bob=$!
screen_has "<bob> hello from bob" || { cat "$TEST_DIR/bob.log"; exit 1; }
ui_type "/ignore bob"
screen_has "Ignoring bob!\*@\*\." || exit 1
ui_type "/ignore"
screen_has "Ignored: bob!\*@\*" || exit 1
ui_type "ignoring now"
# bob's "marker one" (10 bytes) comes after the two hidden lines: once
# it is in the log, chatui has had all three.
log_has "event=message .*from=bob to=#lobby type=PRIVMSG bytes=10" || exit 1
sleep 0.5
tmux_ capture-pane -p > "$TEST_DIR/screen"
if grep -q "cannot see\|nor this\|marker one" "$TEST_DIR/screen"; then
	echo "an ignored nick was shown:"; cat "$TEST_DIR/screen"; exit 1
fi
grep -q "\[3:bob\]" "$TEST_DIR/screen" &&
    { echo "an ignored private message opened a window"; exit 1; }
ui_type "/unignore bob"
screen_has "No longer ignoring bob\." || exit 1
ui_type "not any more"
screen_has "<bob> visible again" || exit 1
wait "$bob"

ui_type "/lastlog HELLO"
screen_has 'Lines with "HELLO": 1' || exit 1
# The line found, with its time, under the count (the first one may have
# scrolled away).
screen_has "\[[0-2][0-9]:[0-5][0-9]\] \[[0-2][0-9]:[0-5][0-9]\] <bob> hello from bob" ||
    exit 1

# A channel of alice's own: /ban and /unban make nick!*@*.
ui_type "/join #mine"
screen_has "\[3:#mine\]" || exit 1
ui_type "/ban carol"
screen_has "Mode #mine \[+b carol!\*@\*\] by alice" || exit 1
ui_type "/unban carol"
screen_has "Mode #mine \[-b carol!\*@\*\] by alice" || exit 1
ui_type "/oper admin wrong"
screen_has "Password incorrect" || exit 1
ui_type "/whowas nobody-here"
screen_has "nobody-here.*There was no such nickname" || exit 1
ui_type "/quote TOPIC #mine :set by quote"
screen_has "set by quote" || exit 1
exit 0
