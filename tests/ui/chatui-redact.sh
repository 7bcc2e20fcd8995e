# Issue 18: message redaction (draft/message-redaction). A message bob
# redacts reads "(message deleted)" in chatui; alice's /redact deletes her
# own last one (and /redact 2 the one before), told to bob; with nothing
# of hers to delete, chatui says so. Skipped (77) without tmux.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
fail() { echo "$*"; tmux_ capture-pane -p; cat "$TEST_DIR/peers.log"; exit 1; }
IRCSPEAK_TIMEOUT=20000 "$IRCSPEAK" > "$TEST_DIR/peers.log" 2>&1 <<'SCRIPT' &
register b bob message-tags echo-message draft/message-redaction
expect b :alice![^ ]+ JOIN #lobby
sleep 500
send b PRIVMSG #lobby :a secret said by mistake
expect b ^@msgid=([^ ;]+) :bob![^ ]+ PRIVMSG #lobby :a secret
sleep 300
send b REDACT #lobby ${MATCH} :oops
expect b REDACT #lobby
expect b :alice![^ ]+ PRIVMSG #lobby :first of mine$
expect b :alice![^ ]+ PRIVMSG #lobby :second of mine$
expect b :alice![^ ]+ REDACT #lobby [0-9a-f]+$
expect b :alice![^ ]+ REDACT #lobby [0-9a-f]+$
sleep 500
SCRIPT
peers=$!
chatui_start -n alice
screen_has "<bob> a secret said by mistake" || fail "no secret"
screen_has "<bob> (message deleted)" || fail "not deleted"
tmux_ capture-pane -p | grep -q "a secret" && fail "the secret is still shown"
ui_type "/redact"
screen_has "No message of yours to delete here." || exit 1
ui_type "first of mine"
ui_type "second of mine"
screen_has "<alice> second of mine" || exit 1
ui_type "/redact 2"
screen_has "<alice> second of mine" || exit 1
screen_loses "first of mine" || fail "first still shown"
ui_type "/redact"
screen_loses "second of mine" || fail "second still shown"
[ "$(tmux_ capture-pane -p | grep -c "<alice> (message deleted)")" -eq 2 ] ||
    fail "not two deleted"
wait "$peers" || fail "peers"
chatd_stop
