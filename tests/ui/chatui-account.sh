# Issue 18: accounts in chatui against chatd with a db: /register makes
# one and logs in (the status line says so); a new chatui with -a and
# CHATUI_PASSWORD logs in at registration with SCRAM-SHA-256 (the
# server's signature checked); a wrong password from the config file is
# said plainly and the connection goes on without an account;
# password-command gives the password; /logout connects again without it.
# Skipped (77) without tmux or SQLite.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
need_sqlite
chatd_start -o db="$TEST_DIR/chat.db" -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
fail() { echo "$*"; tmux_ capture-pane -p; exit 1; }

chatui_start -n alice
screen_has "\[2:#lobby\]" || exit 1
ui_type "/register alice pencil and paper"
screen_has "Logged in as alice" || exit 1
screen_has "\[account alice\]" || exit 1
log_has "event=login .*account=alice" || exit 1
# The password was never shown.
tmux_ capture-pane -p -S -1000 | grep -q "pencil" && fail "password shown"
ui_type "/quit"
screen_loses "account alice" || fail "chatui did not quit"
chatui_stop

# -a and CHATUI_PASSWORD: logged in before the welcome, with SCRAM.

CHATUI_ENV="CHATUI_PASSWORD='pencil and paper'" chatui_start -n alice2 -a alice
screen_has "\[account alice\]" || exit 1
screen_has "\[2:#lobby\]" || exit 1
log_has "event=login .*nick=alice2 account=alice" || exit 1
ps -ww -o args= -C chatui | grep -q pencil && fail "password on the command line"
chatui_stop

# A wrong password from the config file: said, and the chat goes on.
mkdir -p "$TEST_DIR/.config/chatui"
printf 'account = alice\naccount-password = pencil\n' \
    > "$TEST_DIR/.config/chatui/config"
chatui_start -n alice3
screen_has "Login as alice failed" || exit 1
screen_has "\[2:#lobby\]" || exit 1
tmux_ capture-pane -p | grep -q "\[account" && fail "logged in with a wrong password"
log_has "event=login-failed .*account=alice" || exit 1
# /login with the right one, after registration.
ui_type "/login alice pencil and paper"
screen_has "\[account alice\]" || exit 1
chatui_stop

# password-command, then /logout.
printf 'account = alice\npassword-command = echo "pencil and paper"\n' \
    > "$TEST_DIR/.config/chatui/config"
chatui_start -n alice4
screen_has "\[account alice\]" || exit 1
ui_type "/logout"
screen_has "connecting again without an account" || exit 1
log_has "event=quit .*nick=alice4 .*reason=\"logging out\"" || exit 1
screen_has "\[2:#lobby\]" || exit 1
sleep 1
tmux_ capture-pane -p | grep -q "\[account" && fail "still logged in after /logout"
chatui_stop

# A password-command that fails: one line, exit 2, before the screen.
printf 'account = alice\npassword-command = false\n' \
    > "$TEST_DIR/.config/chatui/config"
HOME=$TEST_DIR "${top_builddir:-.}/src/chatui/chatui" 127.0.0.1:1 \
    > "$TEST_DIR/out" 2>&1 < /dev/null
status=$?
[ "$status" -eq 2 ] || fail "password-command false: exit $status"
grep -q "password-command (false) gave no password" "$TEST_DIR/out" ||
    { cat "$TEST_DIR/out"; exit 1; }
chatd_stop
