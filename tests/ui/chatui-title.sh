# Issue 14: event lines with the time plain and the nick coloured; a
# mention marks the nick, not the line; Tab cycles through the
# matches; "/join lobby2" adds the #; the nick's mode in front of it
# (<@bob>), @ and + coloured in
# the nick list and one's own nick marked; "-- more (N) --" while
# scrolled up; who set a topic and when, and WHOIS's idle and signon, as
# people read them (no raw Unix time); a title bar with the channel, its
# member count and topic (who a private window is with, the server in
# the server window); the column between the message pane and the nick
# list drawn on every row, also after the server window (which has no
# nick list) was in front; a refused JOIN as "Cannot join X: reason".
# Skipped (77) without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
IRCSPEAK_TIMEOUT=20000 "$IRCSPEAK" > "$TEST_DIR/bob.log" 2>&1 <<'SCRIPT' &
register b bob
send b JOIN #chat
send b TOPIC #chat :Welcome to the chat
expect b TOPIC #chat :Welcome
expect b ^:alice![^ ]+ JOIN #chat$
send b PRIVMSG alice :psst
register c bobby
send c JOIN #chat
expect b PRIVMSG #chat :now fill it
repeat b 60 PRIVMSG #chat :filler line %d
expect b PRIVMSG #chat :ping me
send b PRIVMSG #chat :hey alice look here
sleep 8000
SCRIPT
bob=$!
log_has "event=register id=1 nick=bob" || exit 1
chatui_start -n alice -j "'#chat'"
screen_has "#chat\]" || exit 1
ui_type "/window #chat"
screen_has "^ #chat ([23]): Welcome to the chat" || exit 1
# Who set the topic, and when: a date, not a Unix time.
screen_has "Topic set by bob on 20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9:]*" || exit 1
if tmux_ capture-pane -p | grep -q '1[0-9]\{9\}'; then
	echo "a raw Unix time on the screen"; tmux_ capture-pane -p; exit 1
fi
ui_type "/whois bob"
screen_has "bob has been idle [0-9]* s, online since 20" || exit 1
# The title is the first row.
tmux_ capture-pane -p | head -n 1 | grep -q "^ #chat ([23]): Welcome to the chat" ||
    { echo "the title is not on top"; tmux_ capture-pane -p; exit 1; }
ui_type "/window 1"
screen_has "^ chatd.local *$" || exit 1
ui_type "/window bob"
screen_has "^ bob: a private conversation" || exit 1
ui_type "/window #chat"
screen_has "^ #chat ([23]): Welcome" || exit 1
# Rows 2 to 22 (the pane's, under the title) each have the separator in
# column 64 (the nick list is 16 wide, on the right of 80).
tmux_ capture-pane -p | sed -n '2,22p' > "$TEST_DIR/rows"
n=$(LC_ALL=C.UTF-8 grep -c '^.\{63\}│' "$TEST_DIR/rows")
[ "$n" -eq 21 ] || { echo "the separator is on $n of 21 rows"; cat "$TEST_DIR/rows"; exit 1; }
# Tab, Tab again: the matches of "bo" in turn, then the first again.
screen_has "│ bobby" || exit 1
# An event: the time not dimmed, the nick in its colour, the rest dim.
tmux_ capture-pane -e -p | grep -a 'bobby.*has joined #chat' > "$TEST_DIR/event"
grep -q '2m\[[0-9][0-9]:' "$TEST_DIR/event" &&
    { echo "the time is dimmed"; cat -v "$TEST_DIR/event"; exit 1; }
grep -q '38;5;[0-9]*m\(.\[[0-9;]*m\)*bobby' "$TEST_DIR/event" ||
    { echo "the nick is not coloured"; cat -v "$TEST_DIR/event"; exit 1; }
grep -q 'bobby.\[[0-9;]*2m.* has joined' "$TEST_DIR/event" ||
    { echo "the rest is not dim"; cat -v "$TEST_DIR/event"; exit 1; }
tmux_ send-keys -l "bo"
tmux_ send-keys Tab
screen_has "^\[#chat\] bob: *$" || exit 1
tmux_ send-keys Tab
screen_has "^\[#chat\] bobby: *$" || exit 1
tmux_ send-keys Tab
screen_has "^\[#chat\] bob: *$" || exit 1
tmux_ send-keys C-u
# "/join lobby2" joins #lobby2.
ui_type "/join lobby2"
screen_has "\[[0-9]:#lobby2\]" || exit 1
ui_type "/window #chat"
# Scrolled up, the status line says how many lines wait below; at the
# bottom again, it says nothing.
ui_type "now fill it"
screen_has "filler line 59" || exit 1
# bob made #chat, so he is its operator: <@bob>, and @bob in the list, in
# green; alice finds herself in it, in bold and underlined.
screen_has "<@bob> filler line 59" || exit 1
screen_has "│@bob" || exit 1
tmux_ capture-pane -e -p > "$TEST_DIR/esc"
grep -a '@.*bob *$' "$TEST_DIR/esc" | tail -n 1 | grep -q '32m@' ||
    { echo "@ is not green"; cat -v "$TEST_DIR/esc" | tail -n 25; exit 1; }
grep -a 'alice *$' "$TEST_DIR/esc" | tail -n 1 | grep -q '4m[^a-z]*alice' ||
    { echo "alice's own nick is not underlined"; cat -v "$TEST_DIR/esc" | tail -n 25; exit 1; }
tmux_ send-keys PPage
screen_has "\[-- more ([0-9]*) --\]" || exit 1
tmux_ send-keys NPage NPage NPage
screen_loses "-- more" || { echo "still more at the bottom"; exit 1; }
# A mention: the nick stands out in the line, the rest of it does not.
ui_type "ping me"
screen_has "hey alice look here" || exit 1
tmux_ capture-pane -e -p | grep -a 'hey.*alice.*look here' > "$TEST_DIR/mention"
grep -q '7m[^a-z]*alice' "$TEST_DIR/mention" ||
    { echo "the mention is not marked"; cat -v "$TEST_DIR/mention"; exit 1; }
grep -q '7m[^a-z]*hey' "$TEST_DIR/mention" &&
    { echo "the whole line is marked"; cat -v "$TEST_DIR/mention"; exit 1; }
# A refused JOIN says which channel and why, in words.
ui_type "/raw JOIN bad"
screen_has "Cannot join bad: No such channel" || exit 1
wait "$bob"
exit 0
