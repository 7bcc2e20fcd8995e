# Issue 18: the notify list over MONITOR. chatui starts with notify = bob
# in its config: told when bob comes and goes (chatd's 730 and 731);
# /notify carol adds one, /notify -carol takes her off, /notify lists;
# bob going away (away-notify) is said in the private window with him.
# Skipped (77) without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
mkdir -p "$TEST_DIR/.config/chatui"
printf 'notify = bob\n' > "$TEST_DIR/.config/chatui/config"
chatui_start -n alice
screen_has "\[2:#lobby\]" || exit 1
log_has "verb=MONITOR" || exit 1
IRCSPEAK_TIMEOUT=20000 "$IRCSPEAK" > "$TEST_DIR/bob.log" 2>&1 <<'SCRIPT' &
register b bob
send b PRIVMSG alice :psst
expect b PRIVMSG bob :hi bob$
send b AWAY :out for lunch
expect b PRIVMSG bob :see you$
send b QUIT :bye
SCRIPT
bob=$!
screen_has "bob is online (bob@127.0.0.1)." || exit 1
screen_has "\[Act: 3" || exit 1
tmux_ send-keys M-3
screen_has "<bob> psst" || exit 1
ui_type "hi bob"
screen_has "bob is away: out for lunch" || exit 1
ui_type "see you"
screen_has "bob went offline." || exit 1
wait "$bob" || { cat "$TEST_DIR/bob.log"; exit 1; }
ui_type "/notify carol"
screen_has "You will be told when carol comes and goes." || exit 1
ui_type "/notify"
screen_has "bob: offline" || exit 1
screen_has "carol: offline" || exit 1
ui_type "/notify -carol"
screen_has "carol is off your notify list." || exit 1
chatui_stop
chatd_stop
