# Issues 17 and 18: links as OSC 8 hyperlinks. With hyperlinks = yes,
# chatui writes each link in view over itself inside the terminal's
# hyperlink sequence (ESC ] 8 ;; URL ESC \ text ESC ] 8 ;; ESC \), read
# here from the pane's raw output (tmux pipe-pane); the screen shows the
# same text in the same place; a link wrapped over two rows is written as
# two pieces of one link. With the default (auto) inside tmux, nothing of
# it is written; a bad value is refused at start (exit 2). Skipped (77)
# without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
CHATUI=${CHATUI:-${top_builddir:-.}/src/chatui/chatui}
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
fail() { echo "$*"; tmux_ capture-pane -p; exit 1; }
mkdir -p "$TEST_DIR/.config/chatui"
long="https://example.org/$(printf 'segment%02d/' $(seq 1 12))end"
export LONG="$long"

printf 'hyperlinks = yes\n' > "$TEST_DIR/.config/chatui/config"
chatui_start -n alice
screen_has "\[2:#lobby\]" || exit 1
tmux_ pipe-pane -o "cat >> $TEST_DIR/raw"
IRCSPEAK_TIMEOUT=20000 "$IRCSPEAK" > "$TEST_DIR/bob.log" 2>&1 <<'SCRIPT' || { cat "$TEST_DIR/bob.log"; exit 1; }
register b bob
send b PRIVMSG #lobby :https://example.org/a?b=1 (http://127.0.0.1/x).
send b PRIVMSG #lobby :${LONG}
send b PING :x
expect b PONG
SCRIPT
screen_has "<bob> https://example.org/a?b=1 (http://127.0.0.1/x)\. *│" || fail "the text moved"
screen_has "segment12/end" || fail "no long link"
sleep 0.5
link() { printf '\033]8;;%s\033\\%s\033]8;;\033\\' "$1" "$2"; }
for u in "https://example.org/a?b=1" "http://127.0.0.1/x"; do
	link "$u" "$u" > "$TEST_DIR/want"
	grep -qF -f "$TEST_DIR/want" "$TEST_DIR/raw" ||
	    fail "no hyperlink for $u in the output"
done
n=$(grep -aoF "$(printf '\033]8;;%s\033\\' "$long")" "$TEST_DIR/raw" | wc -l)
[ "$n" -ge 2 ] || fail "the wrapped link is not written in two pieces ($n)"
chatui_stop

# The default inside tmux: no hyperlink written.
rm -f "$TEST_DIR/.config/chatui/config" "$TEST_DIR/raw"
chatui_start -n carol
screen_has "\[2:#lobby\]" || exit 1
tmux_ pipe-pane -o "cat >> $TEST_DIR/raw"
"$IRCSPEAK" > /dev/null 2>&1 <<'SCRIPT'
register d dave
send d PRIVMSG #lobby :look https://example.org/plain
send d PING :x
expect d PONG
SCRIPT
screen_has "<dave> look https://example.org/plain" || exit 1
sleep 0.5
grep -qaF "$(printf '\033]8;;')" "$TEST_DIR/raw" && fail "a hyperlink written inside tmux by default"
chatui_stop

printf 'hyperlinks = maybe\n' > "$TEST_DIR/.config/chatui/config"
HOME=$TEST_DIR "$CHATUI" -n erin 127.0.0.1:$CHATD_PORT > "$TEST_DIR/out" 2>&1
[ $? -eq 2 ] || fail "hyperlinks = maybe: not exit 2"
grep -qx "chatui: hyperlinks is yes, no or auto, not maybe" "$TEST_DIR/out" ||
    fail "said: $(cat "$TEST_DIR/out")"
chatd_stop
