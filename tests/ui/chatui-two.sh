# Two chatui in a private tmux against one chatd: each sees the other join
# with the time; messages read "[HH:MM] <nick> text" on the other screen;
# /me; /nick is seen and the nick list follows; /msg opens a private
# window on the other side, rings the bell and the activity list marks it;
# a resize to 60x20 and back keeps the layout; the server killed and
# restarted, both
# reconnect by themselves; /quit shows on the other screen with its reason;
# a nick in use becomes nick_; Ctrl-C quits.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
CHATUI=${CHATUI:-${top_builddir:-.}/src/chatui/chatui}
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
run="TERM=screen-256color LC_ALL=C.UTF-8 $CHATUI"

tmux_ new-session -d -s ann -x 80 -y 24 \
    "HOME=$TEST_DIR/ann $run -n ann 127.0.0.1:$CHATD_PORT; sleep 60"
screen_has ann "\[2:#lobby\]" || exit 1
tmux_ new-session -d -s ben -x 80 -y 24 \
    "HOME=$TEST_DIR/ben $run -n ben 127.0.0.1:$CHATD_PORT; sleep 60"
screen_has ann "^\[[0-2][0-9]:[0-5][0-9]\] -!- ben (ben!ben@127.0.0.1) has joined #lobby" || exit 1
screen_has ben "ann" || exit 1

tmux_ send-keys -t ann "good morning, ben" Enter
screen_has ben "^\[[0-2][0-9]:[0-5][0-9]\] <ann> good morning, ben" || exit 1
tmux_ send-keys -t ben "/me waves back" Enter
screen_has ann "\* ben waves back" || exit 1

tmux_ send-keys -t ben "/nick benny" Enter
screen_has ann "ben is now known as benny" || exit 1
screen_has ann " benny *$" || exit 1

# With another tmux window in front, ben's terminal bell on the mention
# shows as tmux's bell flag on ben's chatui window.
tmux_ new-window -t ben
tmux_ send-keys -t ann "/msg benny just between us" Enter
i=0
until [ "$(tmux_ display -p -t ben:0 '#{window_bell_flag}')" = 1 ]; do
	i=$((i + 1)); [ $i -gt 100 ] && { echo "no bell on the mention"; exit 1; }
	sleep 0.1
done
tmux_ select-window -t ben:0
screen_has ben "\[Act: 3!\]" || exit 1
tmux_ send-keys -t ben "/window 3" Enter
screen_has ben "\[3:ann\]" || exit 1
screen_has ben "<ann> just between us" || exit 1

tmux_ resize-window -t ann -x 60 -y 20
sleep 0.5
tmux_ capture-pane -p -t ann > "$TEST_DIR/small"
[ "$(wc -l < "$TEST_DIR/small")" -eq 20 ] || { echo "not 20 rows"; exit 1; }
if awk 'length > 60' "$TEST_DIR/small" | grep -q .; then
	echo "a row wider than 60 columns"; cat "$TEST_DIR/small"; exit 1
fi
tmux_ resize-window -t ann -x 80 -y 24
screen_has ann "\[2:#lobby\]" || exit 1

# The server goes away and comes back on the same port.
kill -TERM "$CHATD_PID"
chatd_wait_exit 50 || { echo "chatd did not stop"; exit 1; }
wait "$CHATD_PID"
screen_has ann "Disconnected" || exit 1
port=$CHATD_PORT
CHATD_LISTEN=127.0.0.1:$port chatd_start -o exempt=127.0.0.1
[ "$CHATD_PORT" = "$port" ] || { echo "restarted on $CHATD_PORT, not $port"; exit 1; }
log_has "event=register id=2 " || { echo "the clients did not reconnect"; exit 1; }
# Both are back in #lobby: what one says, the other sees.
sleep 1
tmux_ send-keys -t ben "/window 2" Enter
tmux_ send-keys -t ben "back again" Enter
screen_has ann "<benny> back again" || exit 1

tmux_ send-keys -t ben "/quit off for lunch" Enter
screen_has ann "benny has quit (off for lunch)" || exit 1

# A nick in use at registration: ann_ is tried. Ctrl-C quits at once.
tmux_ new-session -d -s third -x 80 -y 24 \
    "HOME=$TEST_DIR/ann2 $run -n ann 127.0.0.1:$CHATD_PORT; sleep 60"
screen_has third "\[ann_\]" || exit 1
screen_has ann "ann_ (ann_!ann@127.0.0.1) has joined #lobby" || exit 1
tmux_ send-keys -t third C-c
screen_has ann "ann_ has quit" || exit 1
tmux_ send-keys -t ann "/quit" Enter
chatd_stop
