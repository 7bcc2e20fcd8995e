# Issue 18: draft/multiline in chatui. Alt-Enter breaks the line being
# typed (the input grows a row) and Enter sends the lines as one message:
# bob, who has the cap, gets one batch; alice sees one message, its second
# line under the first's text. What bob sends as a batch (a blank line, a
# joined one) is one message on alice's screen. A 3-line paste and a line
# too long for one message go as one batch each, the long one cut at a
# space, the space kept, the rest joined (draft/multiline-concat). Skipped
# (77) without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
long=$(printf 'word%03d ' $(seq 1 80))
long=${long% }
export LONG="$long" PIECE1="${long%% word0*}"
IRCSPEAK_TIMEOUT=20000 "$IRCSPEAK" > "$TEST_DIR/bob.log" 2>&1 <<'SCRIPT' &
register b bob message-tags batch draft/multiline
expect b :alice!alice@127.0.0.1 JOIN #lobby$
expect b ^@msgid=[^ ]+ :alice!alice@127.0.0.1 BATCH \+(m[0-9a-f]+) draft/multiline #lobby$
next b ^@batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG #lobby :first of two$
next b ^@batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG #lobby :and the second$
next b BATCH -
send b BATCH +x draft/multiline #lobby
send b @batch=x PRIVMSG #lobby :bob says one
send b @batch=x PRIVMSG #lobby :
send b @batch=x PRIVMSG #lobby :bob says two, 
send b @batch=x;draft/multiline-concat PRIVMSG #lobby :joined
send b BATCH -x
expect b BATCH \+(m[0-9a-f]+) draft/multiline #lobby$
next b ^@batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG #lobby :pasted 0$
next b ^@batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG #lobby :pasted 1$
next b ^@batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG #lobby :pasted 2$
next b BATCH -
expect b BATCH \+(m[0-9a-f]+) draft/multiline #lobby$
next b ^@batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG #lobby :word001 .* $
next b ^@batch=${MATCH};draft/multiline-concat :alice!alice@127.0.0.1 PRIVMSG #lobby :word[0-9]+ .*word080$
next b BATCH -
send b PRIVMSG #lobby :done
SCRIPT
bob=$!
chatui_start -n alice
screen_has "\[2:#lobby\]" || exit 1
screen_has "bob" || exit 1
tmux_ send-keys -l "first of two"
tmux_ send-keys M-Enter
tmux_ send-keys -l "and the second"
# Two rows of input: the prompt's, and the second line's under it.
screen_has "^\[#lobby\] first of two" || exit 1
screen_has "^         and the second" || exit 1
tmux_ send-keys Enter
screen_has "<alice> first of two" || exit 1
screen_has "^                and the second" || exit 1
screen_has "<bob> bob says one" || exit 1
screen_has "^              bob says two, joined" || exit 1
tmux_ capture-pane -p > "$TEST_DIR/screen"
# bob's message: one message, three rows (the blank one too).
grep -A2 "<bob> bob says one" "$TEST_DIR/screen" | sed -n 2p | grep -q "^ *│ *$" ||
    { echo "no blank row in bob's message:"; cat "$TEST_DIR/screen"; exit 1; }
printf 'pasted 0\npasted 1\npasted 2\n' > "$TEST_DIR/three"
tmux_ load-buffer "$TEST_DIR/three"
tmux_ paste-buffer -p
screen_has "<alice> pasted 0" || exit 1
screen_has "^                pasted 2" || exit 1
ui_type "$LONG"
screen_has "<bob> done" || exit 1
wait "$bob" || { cat "$TEST_DIR/bob.log"; exit 1; }
# Three multiline messages of alice's, each one message in the log.
n=$(grep -c "event=message id=2 from=alice .*type=PRIVMSG" "$CHATD_LOG")
[ "$n" -eq 3 ] || { echo "alice sent $n messages, not 3"; exit 1; }
chatui_stop
chatd_stop
