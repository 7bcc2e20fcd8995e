# Issue 15: private messages are kept for each side with an account: its
# every connection reads them (CHATHISTORY, TARGETS), after reconnecting
# and after a restart (the db keeps a row for each such side), and no one
# else does. A side without an account keeps them for its connection only.
. "${top_srcdir:-.}/tests/integration/lib.sh"
need_sqlite
DB=$TEST_DIR/chatd.db
CAPS="server-time message-tags batch draft/chathistory"
export CAPS
chatd_start -o exempt=127.0.0.1 -o db="$DB"
"$IRCSPEAK" > "$TEST_DIR/first.out" <<'SCRIPT' || { cat "$TEST_DIR/first.out"; tail -n 20 "$CHATD_LOG"; exit 1; }
register a alice
send a REGISTER * * pw-alice
expect a REGISTER SUCCESS
register b bob
send b REGISTER * * pw-bob
expect b REGISTER SUCCESS
register c carol
send a PRIVMSG bob :hello bob, from alice
expect b PRIVMSG bob :hello bob, from alice
sleep 10
send c PRIVMSG bob :hi from carol, who has no account
expect b PRIVMSG bob :hi from carol
send b PRIVMSG carol :hi carol
expect c PRIVMSG carol :hi carol
send b QUIT
closed b
send c QUIT
closed c
# bob again, on another connection: his private history is his account's.
login b2 bob bob:pw-bob ${CAPS}
send b2 CHATHISTORY LATEST alice * 10
expect b2 BATCH \+([^ ]+) chathistory alice$
next b2 ;batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG bob :hello bob, from alice$
next b2 BATCH -
send b2 CHATHISTORY TARGETS timestamp=2020-01-01T00:00:00.000Z timestamp=2262-01-01T00:00:00.000Z 10
expect b2 CHATHISTORY TARGETS alice
expect b2 CHATHISTORY TARGETS carol
# carol again: without an account, what she had went with her connection.
register c2 carol ${CAPS}
send c2 CHATHISTORY LATEST bob * 10
expect c2 BATCH \+([^ ]+) chathistory bob$
next c2 BATCH -
# dave is not alice: he cannot read alice's conversations.
register d dave ${CAPS}
send d CHATHISTORY LATEST bob * 10
expect d BATCH \+([^ ]+) chathistory bob$
next d BATCH -
SCRIPT
chatd_stop || exit 1
chatd_start -o exempt=127.0.0.1 -o db="$DB"
"$IRCSPEAK" > "$TEST_DIR/second.out" <<'SCRIPT' || { cat "$TEST_DIR/second.out"; tail -n 20 "$CHATD_LOG"; exit 1; }
login a alice alice:pw-alice ${CAPS}
send a CHATHISTORY LATEST bob * 10
expect a BATCH \+([^ ]+) chathistory bob$
next a ;batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG bob :hello bob, from alice$
next a BATCH -
login b bob bob:pw-bob ${CAPS}
send b CHATHISTORY LATEST carol * 10
expect b BATCH \+([^ ]+) chathistory carol$
next b ;batch=${MATCH} :carol!carol@127.0.0.1 PRIVMSG bob :hi from carol, who has no account$
next b ;batch=${MATCH} :bob!bob@127.0.0.1 PRIVMSG carol :hi carol$
next b BATCH -
SCRIPT
chatd_stop
