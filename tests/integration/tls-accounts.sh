# Issue 16 with issue 15: SASL EXTERNAL. An account made with REGISTER
# over TLS with a client certificate logs in with that certificate from
# then on (AUTHENTICATE EXTERNAL); chatd --account certfp gives another
# account a certificate (a running chatd sees it) or takes it away; no
# certificate, an unknown one, or one asked for another account's name is
# 904 with the reason, and the connection stays.
. "${top_srcdir:-.}/tests/integration/lib.sh"
need_sqlite
command -v openssl > /dev/null || exit 77
DB=$TEST_DIR/chatd.db
fail() { echo "$*"; [ -f "$CHATD_LOG" ] && tail -n 20 "$CHATD_LOG"; exit 1; }
"$CHATD" --make-cert "$TEST_DIR/certs" > /dev/null || fail "make-cert"
for who in alice bob carol; do
	"$CHATD" --make-cert "$TEST_DIR/$who" -o name=$who > /dev/null ||
	    fail "make-cert $who"
	cat "$TEST_DIR/$who/chatd.crt" "$TEST_DIR/$who/chatd.key" \
	    > "$TEST_DIR/$who.pem"
done
bobfp=$(openssl x509 -in "$TEST_DIR/bob/chatd.crt" -noout -fingerprint \
    -sha256 | sed 's/.*=//; s/://g' | tr A-F a-f)
printf 'hunter2\n' | "$CHATD" -o db="$DB" --account add bob > /dev/null ||
    fail "add bob"
"$CHATD" -o db="$DB" --account certfp bob "$bobfp" > "$TEST_DIR/out" 2>&1 &&
    grep -qx "chatd: certificate of account bob set" "$TEST_DIR/out" ||
    fail "certfp bob: $(cat "$TEST_DIR/out")"
"$CHATD" -o db="$DB" --account certfp bob 0123 > "$TEST_DIR/out" 2>&1
[ $? -eq 2 ] && grep -q "not a SHA-256 fingerprint" "$TEST_DIR/out" ||
    fail "a bad fingerprint: $(cat "$TEST_DIR/out")"
"$CHATD" -o db="$DB" --account certfp carol "$bobfp" > "$TEST_DIR/out" 2>&1
[ $? -eq 1 ] && grep -q "no account carol" "$TEST_DIR/out" ||
    fail "certfp of no account: $(cat "$TEST_DIR/out")"

chatd_start -o exempt=127.0.0.1 -o db="$DB" -o listen-tls=127.0.0.1:0 \
    -o tls-cert="$TEST_DIR/certs/chatd.crt" \
    -o tls-key="$TEST_DIR/certs/chatd.key"
"$IRCSPEAK" > "$TEST_DIR/speak.out" <<SCRIPT || fail "$(cat "$TEST_DIR/speak.out")"
# The mechanisms offered, over plain TCP too.
register p plainpat
send p CAP LS 302
expect p CAP plainpat LS (\* )?:.*sasl=PLAIN,SCRAM-SHA-256,EXTERNAL
send p AUTHENTICATE EXTERNAL
expect p AUTHENTICATE \\+
send p AUTHENTICATE +
expect p 904 plainpat :SASL authentication failed \\(no client certificate: connect over TLS with one\\)
served p 1000
# REGISTER over TLS with a certificate binds it.
connect a tls $TEST_DIR/alice.pem
register a alice
send a REGISTER * * sesame
expect a REGISTER SUCCESS alice
send a QUIT
closed a
# EXTERNAL, before registration, as clients do it.
connect e tls $TEST_DIR/alice.pem
send e CAP LS 302
send e CAP REQ sasl
expect e CAP \\* ACK :sasl
send e NICK alice
send e USER alice 0 * :Alice
send e AUTHENTICATE EXTERNAL
expect e AUTHENTICATE \\+
send e AUTHENTICATE +
expect e 900 alice alice!alice@127.0.0.1 alice :You are now logged in as alice
expect e 903 alice :SASL authentication successful
send e CAP END
expect e 001 alice
# bob's certificate, given by the command line before the start.
connect b tls $TEST_DIR/bob.pem
register b bobby
send b AUTHENTICATE EXTERNAL
expect b AUTHENTICATE \\+
send b AUTHENTICATE Ym9i
expect b 903 bobby
send b WHOIS bobby
expect b 330 bobby bobby bob :is logged in as
# alice's certificate asked for bob: refused.
connect x tls $TEST_DIR/alice.pem
register x xavier
send x AUTHENTICATE EXTERNAL
expect x AUTHENTICATE \\+
send x AUTHENTICATE Ym9i
expect x 904 xavier :SASL authentication failed \\(this certificate is another account's\\)
# TLS with no certificate, and one nobody has.
connect n tls
register n nocert
send n AUTHENTICATE EXTERNAL
expect n AUTHENTICATE \\+
send n AUTHENTICATE +
expect n 904 nocert :SASL authentication failed \\(no client certificate
connect u tls $TEST_DIR/carol.pem
register u carol
send u AUTHENTICATE EXTERNAL
expect u AUTHENTICATE \\+
send u AUTHENTICATE +
expect u 904 carol :SASL authentication failed \\(no account has this certificate\\)
served u 1000
SCRIPT
# Taken away on the command line: the running chatd knows within seconds.
"$CHATD" -o db="$DB" --account certfp bob - > "$TEST_DIR/out" 2>&1 ||
    fail "certfp bob -: $(cat "$TEST_DIR/out")"
log_has "event=accounts-reloaded" || fail "no reload seen"
"$IRCSPEAK" > "$TEST_DIR/speak2.out" <<SCRIPT || fail "$(cat "$TEST_DIR/speak2.out")"
connect b tls $TEST_DIR/bob.pem
register b bobby
send b AUTHENTICATE EXTERNAL
expect b AUTHENTICATE \\+
send b AUTHENTICATE +
expect b 904 bobby :SASL authentication failed \\(no account has this certificate\\)
SCRIPT
chatd_stop || fail "chatd did not stop cleanly"
exit 0
