# Issue 15: accounts in the db. chatd --account adds, lists, changes the
# password of and deletes accounts, chatd running or not, with one clear
# message and exit 1 (the account exists, or does not) or 2 (a bad
# command line); a running chatd sees each change within seconds (a
# deleted account's user is logged out); accounts made with REGISTER and
# on the command line outlive a restart.
. "${top_srcdir:-.}/tests/integration/lib.sh"
DB=$TEST_DIR/chatd.db
need_sqlite
fail() { echo "$*"; [ -f "$CHATD_LOG" ] && tail -n 20 "$CHATD_LOG"; exit 1; }
# account VERB [NAME [PASSWORD]]: chatd --account on the db; its output.
account() {
	printf '%s\n' "${3:-}" | "$CHATD" -o db="$DB" --account "$1" ${2:+"$2"} \
	    > "$TEST_DIR/out" 2>&1
	rc=$?
}
account add alice sesame
[ $rc -eq 0 ] && grep -qx "chatd: account alice added" "$TEST_DIR/out" ||
    fail "add alice: $rc $(cat "$TEST_DIR/out")"
account add ALICE other
[ $rc -eq 1 ] && grep -qx "chatd: account ALICE exists already" "$TEST_DIR/out" ||
    fail "add ALICE again: $rc $(cat "$TEST_DIR/out")"
account add 9lives x
[ $rc -eq 2 ] && grep -q "^chatd: not a valid account name: 9lives$" "$TEST_DIR/out" ||
    fail "add 9lives: $rc $(cat "$TEST_DIR/out")"
account add
[ $rc -eq 2 ] && grep -q "^chatd: --account needs one account name$" "$TEST_DIR/out" ||
    fail "add without a name: $rc $(cat "$TEST_DIR/out")"
account frob alice
[ $rc -eq 2 ] && grep -q "^chatd: --account takes list, add, passwd, del or certfp: frob$" "$TEST_DIR/out" ||
    fail "frob: $rc $(cat "$TEST_DIR/out")"
account passwd nobody x
[ $rc -eq 1 ] && grep -qx "chatd: no account nobody" "$TEST_DIR/out" ||
    fail "passwd nobody: $rc $(cat "$TEST_DIR/out")"
printf 'x\n' | "$CHATD" --account add bob > "$TEST_DIR/out" 2>&1
[ $? -eq 2 ] && grep -q "no db is set" "$TEST_DIR/out" ||
    fail "add without a db: $(cat "$TEST_DIR/out")"

chatd_start -o exempt=127.0.0.1 -o db="$DB"
"$IRCSPEAK" > "$TEST_DIR/first.out" <<'SCRIPT' || fail "$(cat "$TEST_DIR/first.out")"
connect a
send a CAP REQ :sasl
send a NICK alice
send a USER alice 0 * :Alice
send a AUTHENTICATE PLAIN
send a AUTHENTICATE AGFsaWNlAHNlc2FtZQ==
expect a :chatd.local 900 alice alice!alice@127.0.0.1 alice :
send a CAP END
expect a 001 alice
register c carol
send c REGISTER * * pw3
expect c REGISTER SUCCESS carol
SCRIPT
# Changes made while chatd runs: seen within two seconds.
account add bob builder
[ $rc -eq 0 ] || fail "add bob: $(cat "$TEST_DIR/out")"
account passwd alice newpass
[ $rc -eq 0 ] && grep -qx "chatd: password of account alice changed" "$TEST_DIR/out" ||
    fail "passwd alice: $(cat "$TEST_DIR/out")"
log_has "event=accounts-reloaded accounts=3"
# bob is deleted while logged in, when the script says so (the go file).
( while [ ! -f "$TEST_DIR/go" ]; do sleep 0.05; done
  "$CHATD" -o db="$DB" --account del bob > "$TEST_DIR/del.out" 2>&1 ) &
watcher=$!
"$IRCSPEAK" > "$TEST_DIR/second.out" <<'SCRIPT' || fail "$(cat "$TEST_DIR/second.out")"
connect b
send b CAP REQ :sasl
send b NICK bob
send b USER bob 0 * :Bob
send b AUTHENTICATE PLAIN
send b AUTHENTICATE AGJvYgBidWlsZGVy
expect b :chatd.local 900 bob bob!bob@127.0.0.1 bob :
send b CAP END
expect b 001 bob
connect a
send a CAP REQ :sasl
send a AUTHENTICATE PLAIN
send a AUTHENTICATE AGFsaWNlAHNlc2FtZQ==
expect a :chatd.local 904 \* :SASL authentication failed$
send a AUTHENTICATE PLAIN
send a AUTHENTICATE AGFsaWNlAG5ld3Bhc3M=
expect a :chatd.local 900 \* \*!\*@127.0.0.1 alice :
write ${TEST_DIR}/go del
log event=account-gone account=bob
expect b :chatd.local 901 bob bob!bob@127.0.0.1 :You are now logged out$
SCRIPT
wait $watcher
grep -qx "chatd: account bob deleted" "$TEST_DIR/del.out" ||
    fail "del bob: $(cat "$TEST_DIR/del.out")"
account list
[ $rc -eq 0 ] && [ "$(cut -d' ' -f1 "$TEST_DIR/out" | tr '\n' ' ')" = "alice carol " ] ||
    fail "list: $(cat "$TEST_DIR/out")"
chatd_stop || fail "chatd did not stop cleanly"

# After a restart: carol (REGISTER) and alice (new password) log in.
chatd_start -o exempt=127.0.0.1 -o db="$DB"
"$IRCSPEAK" > "$TEST_DIR/third.out" <<'SCRIPT' || fail "$(cat "$TEST_DIR/third.out")"
connect c
send c CAP REQ :sasl
send c AUTHENTICATE PLAIN
send c AUTHENTICATE AGNhcm9sAHB3Mw==
expect c :chatd.local 900 \* \*!\*@127.0.0.1 carol :
connect a
send a CAP REQ :sasl
send a AUTHENTICATE PLAIN
send a AUTHENTICATE AGFsaWNlAG5ld3Bhc3M=
expect a :chatd.local 900 \* \*!\*@127.0.0.1 alice :
SCRIPT
chatd_stop || fail "chatd did not stop cleanly"
"$CHATD" --check-db -o db="$DB" | grep -q "ok, schema 11, .* 2 accounts, 0 files, search index [0-9]* lines behind$" ||
    fail "check-db: $("$CHATD" --check-db -o db="$DB")"
