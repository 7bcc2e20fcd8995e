# Issue 15: registered channels. An operator of a channel who is logged in
# registers it with MODE +r; it outlives its last member and a restart,
# with its topic, modes, bans, exceptions (+e, +I) and history; its founder gets operator
# status on joining, the first to come in does not. Without an account,
# +r is FAIL MODE ACCOUNT_REQUIRED; the server's rooms cannot be
# registered; -r by its founder drops it, and it ends with its members.
. "${top_srcdir:-.}/tests/integration/lib.sh"
need_sqlite
DB=$TEST_DIR/chatd.db
chatd_start -o exempt=127.0.0.1 -o db="$DB"
"$IRCSPEAK" > "$TEST_DIR/first.out" <<'SCRIPT' || { cat "$TEST_DIR/first.out"; tail -n 20 "$CHATD_LOG"; exit 1; }
register a alice
send a REGISTER * * pw-alice
expect a REGISTER SUCCESS
send a JOIN #proj
expect a 353 alice = #proj :@alice$
send a TOPIC #proj :the plan
expect a TOPIC #proj :the plan$
send a MODE #proj +tb spammer!*@*
expect a MODE #proj \+b spammer!\*@\*$
send a MODE #proj +eI friend!*@* guest!*@*
expect a MODE #proj \+eI friend!\*@\* guest!\*@\*$
send a MODE #proj +r
expect a :alice!alice@127.0.0.1 MODE #proj \+r$
log event=channel-register channel=#proj account=alice
send a PRIVMSG #proj :kept for who comes later
send a MODE #lobby +r
expect a 482 alice #lobby
register d dave
send d JOIN #mine
expect d 366 dave #mine
send d MODE #mine +r
expect d ^:chatd.local FAIL MODE ACCOUNT_REQUIRED #mine :Log in to an account to register a channel$
send a PART #proj
expect a PART #proj
send a LIST #proj
expect a 322 alice #proj 0 :the plan$
SCRIPT
chatd_stop || exit 1
chatd_start -o exempt=127.0.0.1 -o db="$DB"
log_has "event=channels-load channels=1" || exit 1
"$IRCSPEAK" > "$TEST_DIR/second.out" <<'SCRIPT' || { cat "$TEST_DIR/second.out"; tail -n 20 "$CHATD_LOG"; exit 1; }
register b bob
send b JOIN #proj
expect b 332 bob #proj :the plan$
expect b 353 bob = #proj :bob$
expect b 366 bob #proj
next b :alice!alice@127.0.0.1 PRIVMSG #proj :kept for who comes later$
send b MODE #proj
expect b 324 bob #proj \+nrt$
send b MODE #proj b
expect b 367 bob #proj spammer!\*@\* alice
next b 368 bob #proj
send b MODE #proj e
next b 348 bob #proj friend!\*@\* alice [0-9]+$
next b 349 bob #proj :End of Channel Exception List$
send b MODE #proj I
next b 346 bob #proj guest!\*@\* alice [0-9]+$
next b 347 bob #proj :End of Channel Invite Exception List$
send b MODE #proj -r
expect b 482 bob #proj
login a alice alice:pw-alice
send a JOIN #proj
expect a 353 alice = #proj :@alice bob$
send a MODE #proj -r
expect a :alice!alice@127.0.0.1 MODE #proj -r$
send a PART #proj
send b PART #proj
expect b PART #proj
send b LIST #proj
expect b 323 bob :End of /LIST$
SCRIPT
chatd_stop || exit 1
"$CHATD" --check-db -o db="$DB" > /dev/null || exit 1
python3 - "$DB" <<'PY' || exit 1
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("SELECT count(*) FROM channel").fetchone()[0] + \
    db.execute("SELECT count(*) FROM ban").fetchone()[0]
if n != 0:
    sys.exit(f"{n} rows of a dropped channel left in the db")
PY
