# Issue 15: accounts verified by email. With email-command set, REGISTER
# needs an address (INVALID_EMAIL without one, and email-required in the
# cap), mails a code through the command and answers VERIFICATION_REQUIRED;
# the name is held meanwhile; a wrong code is INVALID_CODE; VERIFY with the
# mailed code, from a later connection too, makes the account and logs in.
# A mail command that fails is FAIL REGISTER TEMPORARILY_UNAVAILABLE.
. "${top_srcdir:-.}/tests/integration/lib.sh"
need_sqlite
DB=$TEST_DIR/chatd.db
MAIL=$TEST_DIR/mail
chatd_start -o exempt=127.0.0.1 -o db="$DB" \
    -o "email-command=cat > $MAIL" -o email-from=noreply@chat.example
"$IRCSPEAK" > "$TEST_DIR/first.out" <<'SCRIPT' || { cat "$TEST_DIR/first.out"; tail -n 20 "$CHATD_LOG"; exit 1; }
register a alice draft/account-registration
send a CAP LS 302
expect a draft/account-registration=before-connect,email-required,custom-account-name
send a REGISTER * * pw-alice
expect a ^:chatd.local FAIL REGISTER INVALID_EMAIL alice :An email address is needed
send a REGISTER * not-an-address pw-alice
expect a ^:chatd.local FAIL REGISTER INVALID_EMAIL alice
send a REGISTER * alice@example.org pw-alice
expect a ^:chatd.local REGISTER VERIFICATION_REQUIRED alice :A code was mailed to alice@example.org; send VERIFY alice CODE$
log event=verify-mail account=alice email=alice@example.org
send a VERIFY alice AAAAAAAA
expect a ^:chatd.local FAIL VERIFY INVALID_CODE alice :That is not the code$
send a VERIFY nobody AAAAAAAA
expect a ^:chatd.local FAIL VERIFY INVALID_CODE nobody
send a QUIT
closed a
register b bob
send b REGISTER alice bob@example.org pw-bob
expect b ^:chatd.local FAIL REGISTER ACCOUNT_EXISTS alice
SCRIPT
grep -q "^To: alice@example.org$" "$MAIL" && grep -q "^From: noreply@chat.example$" "$MAIL" ||
    { echo "the mail:"; cat "$MAIL"; exit 1; }
CODE=$(sed -n 's/^    \([A-Z2-9]\{8\}\)$/\1/p' "$MAIL")
[ ${#CODE} -eq 8 ] || { echo "no code in the mail:"; cat "$MAIL"; exit 1; }
sed "s/@CODE@/$CODE/" > "$TEST_DIR/second.irc" <<'SCRIPT'
register c alice
send c VERIFY alice @CODE@
expect c ^:chatd.local VERIFY SUCCESS alice :Account created$
next c ^:chatd.local 900 alice alice!alice@127.0.0.1 alice :You are now logged in as alice$
send c VERIFY alice @CODE@
expect c ^:chatd.local FAIL VERIFY ALREADY_AUTHENTICATED alice
register d dave
send d CAP REQ :sasl
send d AUTHENTICATE PLAIN
expect d AUTHENTICATE \+
send d AUTHENTICATE AGFsaWNlAHB3LWFsaWNl
expect d ^:chatd.local 903 dave
SCRIPT
"$IRCSPEAK" < "$TEST_DIR/second.irc" > "$TEST_DIR/second.out" || { cat "$TEST_DIR/second.out"; tail -n 20 "$CHATD_LOG"; exit 1; }
chatd_stop || exit 1
# A mail command that fails: the registration is not kept.
chatd_start -o exempt=127.0.0.1 -o db="$DB" -o email-command=false
"$IRCSPEAK" > "$TEST_DIR/third.out" <<'SCRIPT' || { cat "$TEST_DIR/third.out"; tail -n 20 "$CHATD_LOG"; exit 1; }
register e erin
send e REGISTER * erin@example.org pw-erin
expect e ^:chatd.local FAIL REGISTER TEMPORARILY_UNAVAILABLE erin :The code could not be mailed; try again later$
log event=verify-mail-failed account=erin error="the command exited 1"
send e VERIFY erin AAAAAAAA
expect e ^:chatd.local FAIL VERIFY INVALID_CODE erin :No registration
SCRIPT
chatd_stop
