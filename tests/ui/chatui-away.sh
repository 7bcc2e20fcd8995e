# Issue 14: away members dimmed in the nick list: one away before chatui
# joins (learned from the WHO chatui sends at its join, which is not
# shown), one who goes away after (away-notify) and comes back; chatui's
# own /away is in the status line until /back. Skipped (77) without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
IRCSPEAK_TIMEOUT=20000 "$IRCSPEAK" > "$TEST_DIR/peers.log" 2>&1 <<'SCRIPT' &
register c carol
sendraw c AWAY :gone fishing\r\n
expect c ^:[^ ]+ 306
write ${TEST_DIR}/carol-away yes
register b bob
expect b ^:alice![^ ]+ JOIN
sleep 1000
sendraw b AWAY :lunch\r\n
expect b ^:[^ ]+ 306
write ${TEST_DIR}/bob-away yes
expect b ^:alice![^ ]+ PRIVMSG #lobby :seen you go$
sendraw b AWAY\r\n
expect b ^:[^ ]+ 305
write ${TEST_DIR}/bob-back yes
expect b ^:alice![^ ]+ PRIVMSG #lobby :bye$
SCRIPT
peers=$!
file_has "$TEST_DIR/carol-away" yes || { cat "$TEST_DIR/peers.log"; exit 1; }
chatui_start -n alice
screen_has "\[2:#lobby\]" || exit 1
screen_has "carol" || exit 1
file_has "$TEST_DIR/bob-away" yes || { cat "$TEST_DIR/peers.log"; exit 1; }

# The attributes of a nick in the nick list (the column past the line).
ESC=$(printf '\033')
dim() {
	i=0
	re="\\[[0-9;]*2m($ESC\\[[0-9;]*m)*$1"
	while :; do
		tmux_ capture-pane -e -p | grep -a "│.*$1" | tail -n 1 |
		    sed 's/.*│//' > "$TEST_DIR/row"
		if [ "$2" = yes ]; then
			grep -aEq "$re" "$TEST_DIR/row" && return 0
		else
			grep -aq "$1" "$TEST_DIR/row" &&
			    ! grep -aEq "$re" "$TEST_DIR/row" && return 0
		fi
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			echo "$1 dim: not $2"; cat -v "$TEST_DIR/row"
			tmux_ capture-pane -p
			return 1
		fi
		sleep 0.1
	done
}
dim carol yes || exit 1
dim bob yes || exit 1
tmux_ capture-pane -p | grep -q "End of /WHO\|carol.*H\*\|#lobby.*carol.*G" &&
    { echo "the WHO at join was shown"; tmux_ capture-pane -p; exit 1; }
ui_type "seen you go"
file_has "$TEST_DIR/bob-back" yes || { cat "$TEST_DIR/peers.log"; exit 1; }
dim bob no || exit 1
dim carol yes || exit 1

ui_type "/away reading"
screen_has "\[alice[^]]* away\]" || exit 1
ui_type "/back"
screen_loses "\[alice[^]]* away\]" || { echo "still away after /back"; exit 1; }
ui_type "bye"
wait "$peers" || { cat "$TEST_DIR/peers.log"; exit 1; }
exit 0
