# Shared by the tests that drive a program in a private tmux server
# (tmux -L NAME -f /dev/null), after lib.sh.
#
# tmux_ ARGS...            tmux on this test's own server
# screen_has [PANE] TEXT   wait up to 15 s for TEXT (a grep pattern) on
#                          the screen of PANE (default: the only one)
# screen_loses TEXT        wait up to 10 s for TEXT to leave the screen
# chatui_start ARGS...     chatui with ARGS on this test's chatd, in a new
#                          80x24 session (UI_TERM, default screen-256color;
#                          CHATUI_ENV: more VAR=VALUE for it; CHATUI_ADDR:
#                          the server, default 127.0.0.1:$CHATD_PORT)
# chatui_stop              end that tmux server (and chatui), for the next
# ui_type TEXT             type TEXT and Enter
# (file_has and log_has are in lib.sh.)

TMUX_SOCK="chat-test-$$"
tmux_() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }
tmux_cleanup() { tmux_ kill-server 2>/dev/null; chatd_cleanup; }
trap tmux_cleanup EXIT

chatui_start() {
	tmux_ new-session -d -x 80 -y 24 \
	    "HOME=$TEST_DIR TERM=${UI_TERM:-screen-256color} LC_ALL=C.UTF-8 ${CHATUI_ENV:-} ${CHATUI:-${top_builddir:-.}/src/chatui/chatui} $* ${CHATUI_ADDR:-127.0.0.1:$CHATD_PORT}; sleep 30"
}

chatui_stop() {
	tmux_ kill-server 2>/dev/null
	i=0
	while tmux_ has-session 2>/dev/null ||
	    [ -S "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$TMUX_SOCK" ]; do
		i=$((i + 1)); [ $i -gt 50 ] && break; sleep 0.1
	done
}

ui_type() {
	tmux_ send-keys -l "$1"
	tmux_ send-keys Enter
}

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

screen_loses() {
	i=0
	while tmux_ capture-pane -p | grep -q -- "$1"; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			echo "the screen still shows: $1"
			tmux_ capture-pane -p
			return 1
		fi
		sleep 0.1
	done
}
