# Issue 14: the nick list scrolls when it is longer than the screen: the
# last row says how many more are below ("↓ N"), F12 pages down (the first
# row then says how many are above, "↑ N", and the last nick shows), F11
# pages back up. The mouse wheel over the list (an X10 mouse report, as
# tmux passes it on) scrolls it three rows a notch.
# Skipped (77) without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
IRCSPEAK_TIMEOUT=30000 "$IRCSPEAK" > "$TEST_DIR/peers.log" 2>&1 <<SCRIPT &
register p10 peer10
register p11 peer11
register p12 peer12
register p13 peer13
register p14 peer14
register p15 peer15
register p16 peer16
register p17 peer17
register p18 peer18
register p19 peer19
register p20 peer20
register p21 peer21
register p22 peer22
register p23 peer23
register p24 peer24
register p25 peer25
register p26 peer26
register p27 peer27
register p28 peer28
register p29 peer29
register p30 peer30
register p31 peer31
register p32 peer32
register p33 peer33
register p34 peer34
register p35 peer35
register p36 peer36
register p37 peer37
register p38 peer38
register p39 peer39
write ${TEST_DIR}/ready yes
expect p10 ^:alice![^ ]+ PRIVMSG #lobby :done$
SCRIPT
peers=$!
file_has "$TEST_DIR/ready" yes || { cat "$TEST_DIR/peers.log"; exit 1; }
chatui_start -n alice
screen_has "31 people here" || exit 1
# 80x24: the list has 21 rows, the last one saying what is below.
screen_has "│ ↓ 11$" || exit 1
screen_has "│ peer28$" || exit 1
tmux_ capture-pane -p | grep -q "│ peer39" && { echo "peer39 shown at the top"; exit 1; }
tmux_ send-keys F12
screen_has "│ ↑ 10$" || exit 1
screen_has "│ peer39$" || exit 1
tmux_ send-keys F11
screen_has "│ alice$" || exit 1
tmux_ capture-pane -p | grep -q "│ ↑" && { echo "still scrolled"; exit 1; }
# The wheel down over the list (column 70, row 5), then up.
tmux_ send-keys -l "$(printf '\033[Mag&')"
screen_has "│ ↑ 3$" || exit 1
tmux_ send-keys -l "$(printf '\033[M`g&')"
screen_has "│ alice$" || exit 1
tmux_ capture-pane -p | grep -q "│ ↑" && { echo "the wheel did not scroll back"; exit 1; }
ui_type "done"
wait "$peers" || { cat "$TEST_DIR/peers.log"; exit 1; }
exit 0
