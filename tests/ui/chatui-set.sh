# Issue 14: /set and /save. /set lists the settings (a password as stars),
# /set NAME shows one, /set NAME VALUE sets one for the session, at once
# where it can (paste: a 3-line paste is then held for a yes) or from the
# next connection as it says; a value of the wrong form, or no such
# setting, is refused in words and the old value kept. /save writes what
# /set changed into the config file, its other lines (a comment) kept,
# mode 0600. Skipped (77) without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
fail() { echo "$*"; tmux_ capture-pane -p; exit 1; }
CONF=$TEST_DIR/.config/chatui/config
mkdir -p "$TEST_DIR/.config/chatui"
printf '# my settings\nnick = alice\npassword = sesame\npaste = 5\n' > "$CONF"
chatui_start
screen_has "\[2:#lobby\]" || exit 1
ui_type "/set"
screen_has "paste  *= 5" || fail "/set does not list paste"
screen_has "password  *= \*\*\*\*\*\*\*\*" || fail "the password not hidden"
tmux_ capture-pane -p | grep -q sesame && fail "the password shown"
ui_type "/set paste 2"
screen_has "paste = 2, now (/save keeps it)." || fail "not set"
printf 'one\ntwo\nthree\n' > "$TEST_DIR/three"
tmux_ load-buffer "$TEST_DIR/three"
tmux_ paste-buffer -p
screen_has "You pasted 3 lines" || fail "paste = 2 not in use"
tmux_ send-keys Escape
screen_has "Dropped the 3 pasted lines." || exit 1
ui_type "/set paste many"
screen_has "paste must be a number of lines from 0 to 100000, not" || fail "a bad value taken"
ui_type "/set paste"
screen_has "^\[[0-9:]*\] paste = 2 *│" || fail "the old value not kept"
ui_type "/set nosuch 1"
screen_has "There is no setting nosuch (/set lists them)." || exit 1
ui_type "/set nick bob"
screen_has "nick = bob from the next connection" || exit 1
ui_type "/save"
screen_has "Saved 2 settings to" || fail "not saved"
grep -qx "# my settings" "$CONF" || fail "the comment lost: $(cat "$CONF")"
grep -qx "nick = bob" "$CONF" && grep -qx "paste = 2" "$CONF" &&
    ! grep -q "nick = alice\|paste = 5" "$CONF" ||
    fail "not the new values: $(cat "$CONF")"
grep -qx "password = sesame" "$CONF" || fail "another line lost"
[ "$(stat -c %a "$CONF")" = 600 ] || fail "mode $(stat -c %a "$CONF")"
chatui_stop
chatd_stop
