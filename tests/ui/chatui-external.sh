# Issue 18: chatui logs in with a client certificate (SASL EXTERNAL). With
# -a bob and tls-cert in its config, and no password anywhere, chatui
# connects over TLS with the certificate, asks for EXTERNAL and is bob:
# "Logged in as bob." and the account in the status line, chatd's log says
# so, and no password was asked for. A certificate of no account's is
# refused plainly (904's words) and chatui stays connected, as a guest.
# Skipped (77) without tmux, openssl, sqlite or chatui's TLS.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
command -v openssl >/dev/null 2>&1 || exit 77
need_sqlite
grep -q '^#define HAVE_CHATUI_TLS 1' "${top_builddir:-.}/config.h" || exit 77
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
fail() { echo "$*"; tmux_ capture-pane -p; tail -n 20 "$CHATD_LOG"; exit 1; }
DB=$TEST_DIR/chatd.db
"$CHATD" --make-cert "$TEST_DIR/certs" > /dev/null || fail "make-cert"
for who in bob eve; do
	"$CHATD" --make-cert "$TEST_DIR/$who" -o name=$who > /dev/null ||
	    fail "make-cert $who"
	cat "$TEST_DIR/$who/chatd.crt" "$TEST_DIR/$who/chatd.key" \
	    > "$TEST_DIR/$who.pem"
done
bobfp=$(openssl x509 -in "$TEST_DIR/bob/chatd.crt" -noout -fingerprint \
    -sha256 | sed 's/.*=//; s/://g' | tr A-F a-f)
printf 'hunter2\n' | "$CHATD" -o db="$DB" --account add bob > /dev/null ||
    fail "add bob"
"$CHATD" -o db="$DB" --account certfp bob "$bobfp" > /dev/null ||
    fail "certfp bob"
chatd_start -o exempt=127.0.0.1 -o db="$DB" -o listen-tls=127.0.0.1:0 \
    -o tls-cert="$TEST_DIR/certs/chatd.crt" \
    -o tls-key="$TEST_DIR/certs/chatd.key"
[ -n "$CHATD_TLS_PORT" ] || fail "no TLS port"
# The server's certificate is known already: nothing is asked about it.
hex=$(openssl x509 -in "$TEST_DIR/certs/chatd.crt" -noout -fingerprint \
    -sha256 | sed 's/.*=//; s/://g' | tr A-F a-f)
mkdir -p "$TEST_DIR/.local/share/chatui" "$TEST_DIR/.config/chatui"
echo "127.0.0.1:$CHATD_TLS_PORT $hex" > "$TEST_DIR/.local/share/chatui/known_servers"

printf 'tls-cert = %s\n' "$TEST_DIR/bob.pem" > "$TEST_DIR/.config/chatui/config"
CHATUI_ADDR=ircs://127.0.0.1:$CHATD_TLS_PORT chatui_start -n bobby -a bob
screen_has "\[2:#lobby\]" || fail "not in #lobby"
log_has "event=login id=[0-9]* nick=[^ ]* account=bob" || fail "no login"
log_has "verb=AUTHENTICATE" || fail "no AUTHENTICATE"
screen_has "\[account bob\]" || fail "no account in the status line"
ui_type "/window 1"
ui_type "/lastlog Logged in"
screen_has "Logged in as bob." || fail "not said"
tmux_ capture-pane -p | grep -qi "password" && fail "a password was asked for"
chatui_stop

# Eve's certificate is no account's: refused in words, chatui goes on.
printf 'tls-cert = %s\n' "$TEST_DIR/eve.pem" > "$TEST_DIR/.config/chatui/config"
CHATUI_ADDR=ircs://127.0.0.1:$CHATD_TLS_PORT chatui_start -n eve -a eve
screen_has "\[2:#lobby\]" || fail "eve not in #lobby"
log_has "event=register .*nick=eve" || fail "eve not registered"
grep -q "event=login .*account=eve" "$CHATD_LOG" && fail "eve logged in"
ui_type "/window 1"
ui_type "/lastlog failed"
screen_has "Login as eve failed: " || fail "the refusal not said"
chatui_stop
chatd_stop
