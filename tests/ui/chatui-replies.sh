# Issue 14: replies for people. /who is a table (nick, user@host, here or
# away with @ or +, the real name without the hop count; the channel first
# when the window is not its), /list one row a channel (name, how many,
# topic), LUSERS (/quote LUSERS) without the raw numbers in front of its words. Skipped
# (77) without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
fail() { echo "$*"; tmux_ capture-pane -p; exit 1; }
chatui_start -n alice
screen_has "\[2:#lobby\]" || exit 1
ui_type "/join #room"
screen_has "\[3:#room\]" || exit 1
ui_type "/topic a room of one's own"
screen_has "a room of one's own" || exit 1
ui_type "/who #room"
screen_has "^\[[0-9:]*\] alice  *alice@127.0.0.1  *here @  *[^ ]" || fail "no WHO row"
tmux_ capture-pane -p | grep -q " H@ \| :0 " && fail "WHO shown raw"
ui_type "/window 2"
ui_type "/who #room"
screen_has "^\[[0-9:]*\] #room  *alice  *alice@127.0.0.1  *here @" || fail "no channel column"
ui_type "/list"
screen_has "^\[[0-9:]*\] #room  *1  a room of one's own" || fail "no LIST row"
screen_has "^\[[0-9:]*\] #lobby  *1 " || fail "no LIST row for #lobby"
ui_type "/quote LUSERS"
screen_has "^\[[0-9:]*\] Current local users 1, max 1" || fail "LUSERS raw"
chatui_stop
chatd_stop
