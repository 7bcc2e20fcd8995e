# chatui in a private tmux against a real chatd, with a scripted peer:
# the screen shows #lobby with the server's greeting (issue 14: where the
# newcomer lands), the peer's messages, the nick list and a
# status line with lag and modes; the mouse wheel and Alt-arrows; what
# is typed reaches the peer (text, /me, /nick); a bad command gets one
# line of usage; the screen survives a resize to 40x10; /quit exits.
# Skipped (77) without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
CHATUI=${CHATUI:-${top_builddir:-.}/src/chatui/chatui}
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"

IRCSPEAK_TIMEOUT=20000 "$IRCSPEAK" > "$TEST_DIR/bob.log" 2>&1 <<'SCRIPT' &
register b bob
expect b ^:alice!alice@127.0.0.1 JOIN #lobby$
send b PRIVMSG #lobby :hi alice, bob here
expect b ^:alice!alice@127.0.0.1 PRIVMSG #lobby :hello bob, Привет$
expect b ^:alice!alice@127.0.0.1 PRIVMSG #lobby :.ACTION waves.$
expect b ^:alice!alice@127.0.0.1 NICK :alicia$
expect b ^:alicia!alice@127.0.0.1 QUIT :bye now$
SCRIPT
bob=$!
log_has "event=register id=1 nick=bob" || exit 1

tmux_ new-session -d -x 80 -y 24 \
    "HOME=$TEST_DIR TERM=screen-256color LC_ALL=C.UTF-8 $CHATUI -l -n alice 127.0.0.1:$CHATD_PORT; sleep 30"
screen_has "<bob> hi alice, bob here" || exit 1
# The nick list: bob at the right (#lobby has no operator).
screen_has "^ \{40,\}│  *bob$" || exit 1
screen_has "\[2:#lobby\]" || exit 1
# The newcomer reads the server's greeting where they land, #lobby.
screen_has "Welcome to the ChatNet IRC Network" || exit 1
screen_has "message of the day is in window 1" || exit 1
tmux_ send-keys "hello bob, Привет" Enter
screen_has "<alice> hello bob, Привет" || exit 1
tmux_ send-keys "/me waves" Enter
screen_has "\* alice waves" || exit 1
tmux_ send-keys "/frobnicate" Enter
screen_has "Unknown command /frobnicate (try /help)" || exit 1
tmux_ send-keys "/msg bob" Enter
screen_has "Usage: /msg TARGET TEXT" || exit 1
tmux_ send-keys "/help me" Enter
screen_has "Describe what you do" || exit 1
# The mouse wheel (X10 mouse reports, as tmux passes them) scrolls the
# messages up and back down.
tmux_ send-keys "/help" Enter
screen_has "Keys: Alt-1..9" || exit 1
tmux_ send-keys -l "$(printf '\033[M`!!')"
screen_loses "Keys: Alt-1..9" || { echo "the wheel did not scroll"; exit 1; }
tmux_ send-keys -l "$(printf '\033[Ma!!')"
screen_has "Keys: Alt-1..9" || exit 1
# Ctrl-Home goes to the oldest line of the window, Ctrl-End back.
tmux_ send-keys C-Home
screen_has "alice (alice!alice@127.0.0.1) has joined #lobby" || exit 1
if tmux_ capture-pane -p | grep -q "Keys: Alt-1..9"; then
	echo "Ctrl-Home did not scroll"; exit 1
fi
tmux_ send-keys C-End
screen_has "Keys: Alt-1..9" || exit 1
# Alt-Left and Alt-Right move between windows.
tmux_ send-keys M-Left
screen_has "\[1:server\]" || exit 1
tmux_ send-keys M-Right
screen_has "\[2:#lobby\]" || exit 1
# So do Alt-1..9 and Ctrl-N/Ctrl-P.
tmux_ send-keys M-1
screen_has "\[1:server\]" || exit 1
tmux_ send-keys C-n
screen_has "\[2:#lobby\]" || exit 1
tmux_ send-keys C-p
screen_has "\[1:server\]" || exit 1
tmux_ send-keys M-2
screen_has "\[2:#lobby\]" || exit 1
# The status line: lag, and our own modes once set.
screen_has "\[lag [0-9.]*s\]" || exit 1
tmux_ send-keys "/mode alice +i" Enter
screen_has "\[alice(+i)\]" || exit 1

# A resize to 40x10 is applied at once, nothing left over.
tmux_ resize-window -x 40 -y 10
sleep 0.5
tmux_ capture-pane -p > "$TEST_DIR/small"
cat "$TEST_DIR/small"
[ "$(wc -l < "$TEST_DIR/small")" -eq 10 ] || { echo "not 10 rows"; exit 1; }
grep -q "^\[#lobby\]" "$TEST_DIR/small" || { echo "no input line"; exit 1; }
if awk 'length > 40' "$TEST_DIR/small" | grep -q .; then
	echo "a row wider than 40 columns"; exit 1
fi
tmux_ resize-window -x 80 -y 24

tmux_ send-keys "/nick alicia" Enter
screen_has "alice is now known as alicia" || exit 1
tmux_ send-keys "/quit bye now" Enter
if ! wait "$bob"; then
	cat "$TEST_DIR/bob.log"
	exit 1
fi
# chatui has exited: the pane runs only the trailing sleep now.
i=0
while tmux_ list-panes -F '#{pane_current_command}' | grep -q chatui; do
	i=$((i + 1)); [ $i -gt 50 ] && { echo "chatui did not exit"; exit 1; }
	sleep 0.1
done
# -l kept a log of #lobby.
log="$TEST_DIR/.local/share/chatui/logs/127.0.0.1/#lobby.log"
grep -q "<bob> hi alice, bob here" "$log" || { echo "no log"; cat "$log"; exit 1; }
grep -q "\* alice waves" "$log" || { echo "no action in log"; exit 1; }
chatd_stop
