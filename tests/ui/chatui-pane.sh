# The message pane as messages stream in: each frame scrolls what is on
# screen and draws only the new rows, and the result is exactly what a
# whole redraw shows (Ctrl-L), colours and all: for short lines, lines
# wrapped over several rows, Cyrillic, mIRC colours and bold, and with
# the "-- new messages --" marker on screen. Also the mouse wheel over
# the pane. Skipped (77) without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
chatd_start -o exempt=127.0.0.1 -o flood-burst=1000 -o flood-rate=1000
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"

long="a line long enough to be wrapped over more than one row of the pane, \
word after word after word, number"
# stream N: N rounds of three messages, a few frames apart.
stream() {
	k=0
	while [ "$k" -lt "$1" ]; do
		echo "repeat p 1 PRIVMSG #lobby :short $2.$k"
		echo "repeat p 1 PRIVMSG #lobby :$long $2.$k"
		echo "repeat p 1 PRIVMSG #lobby :строка $2.$k, \\x034red\\x03 and \\x02bold\\x02"
		echo "sleep 25"
		k=$((k + 1))
	done
}
{
	echo "register p peer"
	echo "write $TEST_DIR/ready yes"
	echo "expect p PRIVMSG #lobby :go1\$"
	stream 30 one
	echo "send p PRIVMSG #lobby :end1"
	echo "expect p PRIVMSG #lobby :go2\$"
	stream 1 two
	echo "send p PRIVMSG #lobby :end2"
	echo "expect p PRIVMSG #lobby :go3\$"
	stream 1 three
	echo "send p PRIVMSG #lobby :end3"
	echo "expect p PRIVMSG #lobby :done\$"
} > "$TEST_DIR/peer.script"
IRCSPEAK_TIMEOUT=60000 "$IRCSPEAK" < "$TEST_DIR/peer.script" \
    > "$TEST_DIR/peer.log" 2>&1 &
peer=$!
file_has "$TEST_DIR/ready" yes || { cat "$TEST_DIR/peer.log"; exit 1; }
chatui_start -n alice
screen_has "2 people here" || exit 1

# same NAME: the pane (all but the status and input rows) after Ctrl-L is
# what it was before.
same() {
	tmux_ capture-pane -e -p | head -n 22 > "$TEST_DIR/$1.before"
	tmux_ send-keys C-l
	sleep 0.5
	tmux_ capture-pane -e -p | head -n 22 > "$TEST_DIR/$1.after"
	if ! cmp -s "$TEST_DIR/$1.before" "$TEST_DIR/$1.after"; then
		echo "$1: the pane differs from a whole redraw:"
		diff "$TEST_DIR/$1.before" "$TEST_DIR/$1.after"
		exit 1
	fi
}

ui_type "go1"
screen_has "end1" || exit 1
screen_has "строка one.29, red and bold" || exit 1
same stream
# Away in the server window while a round comes, then back: the marker
# is above it; one more while reading keeps it on screen.
tmux_ send-keys M-1
screen_has "\[1:server\]" || exit 1
sleep 1.2
ui_type "/msg #lobby go2"
sleep 1
tmux_ send-keys M-2
screen_has "end2" || exit 1
screen_has "new messages" || exit 1
ui_type "go3"
screen_has "end3" || exit 1
screen_has "new messages" || exit 1
same marker
# The mouse wheel over the pane (an X10 report) scrolls back, and a
# whole redraw of the scrolled pane is the same too.
tmux_ send-keys -l "$(printf '\033[M`%%%%')"
screen_loses "end3" || { echo "the wheel did not scroll"; exit 1; }
same scrolled
tmux_ send-keys -l "$(printf '\033[Ma%%%%')"
screen_has "end3" || exit 1
ui_type "done"
wait "$peer" || { tail -n 20 "$TEST_DIR/peer.log"; exit 1; }
exit 0
