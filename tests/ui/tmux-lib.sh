# Shared by the tests that drive a program in a private tmux server
# (tmux -L NAME -f /dev/null), after lib.sh.
#
# tmux_ ARGS...            tmux on this test's own server
# screen_has [PANE] TEXT   wait up to 15 s for TEXT (a grep pattern) on
#                          the screen of PANE (default: the only one)
# (file_has and log_has are in lib.sh.)

TMUX_SOCK="chat-test-$$"
tmux_() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }
tmux_cleanup() { tmux_ kill-server 2>/dev/null; chatd_cleanup; }
trap tmux_cleanup EXIT

screen_has() {
	if [ $# -eq 2 ]; then pane="-t $1"; shift; else pane=; fi
	i=0
	# shellcheck disable=SC2086
	until tmux_ capture-pane -p $pane | grep -q -- "$1"; do
		i=$((i + 1))
		if [ $i -gt 150 ]; then
			echo "the screen never showed: $1"
			# shellcheck disable=SC2086
			tmux_ capture-pane -p $pane
			return 1
		fi
		sleep 0.1
	done
}

