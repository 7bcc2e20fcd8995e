# Issue 14: mIRC colours show as what they mean. 4 is red and 0 white (not
# curses' colours 4 and 0, blue and black), a background is honoured, an
# extended colour (16-98) is its 256-colour one, ^C alone and ^O end the
# colours; read back from tmux with capture-pane -e, in a 256-colour
# terminal and in an 8-colour one (where 4, a bright red, is red and bold,
# and the extended colours the default).
# Skipped (77) without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
CHATUI=${CHATUI:-${top_builddir:-.}/src/chatui/chatui}
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
fail() { echo "$*"; tmux_ capture-pane -e -p | cat -v; exit 1; }
n=0
for term in screen-256color screen; do
	n=$((n + 1))
	cmd="HOME=$TEST_DIR TERM=$term LC_ALL=C.UTF-8 $CHATUI -n alice$n 127.0.0.1:$CHATD_PORT; sleep 30"
	# The second terminal in the same pane, started afresh.
	if [ $n -eq 1 ]; then
		tmux_ new-session -d -x 100 -y 20 "$cmd"
	else
		tmux_ respawn-pane -k "$cmd"
	fi
	screen_has "\[2:#lobby\]" || exit 1
	"$IRCSPEAK" > "$TEST_DIR/bob.log" 2>&1 <<SCRIPT || { cat "$TEST_DIR/bob.log"; exit 1; }
register b bob$n
sendraw b PRIVMSG #lobby :\x034RED\x03 plain \x030,1WHITEONBLACK\x0f and \x0352EXT\x03 end\r\n
send b QUIT
closed b
SCRIPT
	screen_has "RED plain WHITEONBLACK and EXT end" || exit 1
	tmux_ capture-pane -e -p > "$TEST_DIR/screen"
	line=$(grep 'WHITEONBLACK' "$TEST_DIR/screen")
	# codes WORD: the SGR parameters just before WORD, as ";1;31;49;".
	codes() {
		echo "$line" | sed "s/$1.*//" | sed 's/.*[^m]\(\(\x1b\[[0-9;]*m\)*\)$/\1/' |
		    sed 's/\x1b\[/;/g; s/m//g; s/$/;/'
	}
	if [ "$term" = screen-256color ]; then
		# tmux writes bright red (9) as 91, white (15) as 97, black
		# behind as 40, 256-colour 196 as 38;5;196.
		codes RED | grep -q ";91;" || fail "$term: 4 is not bright red"
		codes WHITEONBLACK | grep -q ';97;' &&
		    codes WHITEONBLACK | grep -q ';40;' ||
		    fail "$term: 0,1 is not white on black"
		codes EXT | grep -q ';38;5;196;' || fail "$term: 52 is not 196"
	else
		# Eight colours: bright red is red (31), white is white (37),
		# each made bold (which tmux may have on from the nick before).
		codes RED | grep -q ';31;' || fail "$term: 4 is not red"
		codes WHITEONBLACK | grep -q ';37;' &&
		    codes WHITEONBLACK | grep -q ';40;' ||
		    fail "$term: 0,1 is not white on black"
	fi
	# The colour ends at ^C: " plain" in the default colour (39).
	codes ' plain' | grep -q ';39;\|;0;' ||
	    fail "$term: the colour did not end at ^C"
done
exit 0
