# Issue 18: chatui over TLS to chatd with a self-signed certificate, as ssh
# trusts hosts: the fingerprint shown and asked about; "no" does not
# connect; "yes" connects and remembers it in known_servers, so the next
# start asks nothing; a changed certificate is refused loudly and nothing
# is sent. STS: a plain connection to a server with a policy goes again
# over TLS and the policy is kept, so the next plain start uses TLS.
# Skipped (77) without tmux, openssl or chatui's TLS.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
command -v openssl >/dev/null 2>&1 || exit 77
grep -q '^#define HAVE_CHATUI_TLS 1' "${top_builddir:-.}/config.h" || exit 77
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
fail() { echo "$*"; tmux_ capture-pane -p; tail -n 20 "$CHATD_LOG"; exit 1; }
"$CHATD" --make-cert "$TEST_DIR/certs" > /dev/null || fail "make-cert"
"$CHATD" --make-cert "$TEST_DIR/other" > /dev/null || fail "make-cert"
fp=$(openssl x509 -in "$TEST_DIR/certs/chatd.crt" -noout -fingerprint \
    -sha256 | sed 's/.*=//')
hex=$(echo "$fp" | sed 's/://g' | tr A-F a-f)
newfp=$(openssl x509 -in "$TEST_DIR/other/chatd.crt" -noout -fingerprint \
    -sha256 | sed 's/.*=//')
cp "$TEST_DIR/certs/chatd.crt" "$TEST_DIR/certs/chatd.key" "$TEST_DIR/"
chatd_start -o exempt=127.0.0.1 -o listen-tls=127.0.0.1:0 \
    -o tls-cert="$TEST_DIR/chatd.crt" -o tls-key="$TEST_DIR/chatd.key" \
    -o sts-duration=3600
[ -n "$CHATD_TLS_PORT" ] || fail "no TLS port"
KNOWN=$TEST_DIR/.local/share/chatui/known_servers

# The first time: the fingerprint, and a question; "no" connects nothing.
CHATUI_ADDR=ircs://127.0.0.1:$CHATD_TLS_PORT chatui_start -n alice
screen_has "Type yes or no" || exit 1
# The fingerprint is on the screen (it may be wrapped: look for its end).
tmux_ capture-pane -p -J | tr -d '\n ' | grep -q "$fp" ||
    fail "fingerprint $fp not shown"
ui_type "no"
screen_has "Not trusted: not connecting" || exit 1
[ -s "$KNOWN" ] && fail "remembered after no"
sleep 1
grep -q "event=register .*nick=alice" "$CHATD_LOG" && fail "registered after no"
# /reconnect asks again; "yes" connects and remembers.
ui_type "/reconnect"
screen_has "Type yes or no" || exit 1
ui_type "yes"
screen_has "\[2:#lobby\]" || exit 1
log_has "event=register .*nick=alice" || exit 1
grep -qx "127.0.0.1:$CHATD_TLS_PORT $hex" "$KNOWN" ||
    fail "known_servers: $(cat "$KNOWN")"
chatui_stop

# The next time: nothing asked.
CHATUI_ADDR=ircs://127.0.0.1:$CHATD_TLS_PORT chatui_start -n bob
screen_has "\[2:#lobby\]" || exit 1
tmux_ capture-pane -p -S -100 | grep -q "yes or no" && fail "asked again"
chatui_stop

# A new certificate (reloaded on SIGHUP): refused loudly, nothing sent.
cp "$TEST_DIR/other/chatd.crt" "$TEST_DIR/other/chatd.key" "$TEST_DIR/"
kill -HUP "$CHATD_PID"
sleep 1
CHATUI_ADDR=ircs://127.0.0.1:$CHATD_TLS_PORT chatui_start -n carol
screen_has "HAS CHANGED" || exit 1
tmux_ capture-pane -p -J | tr -d '\n ' | grep -q "$newfp" ||
    fail "new fingerprint not shown"
sleep 1
grep -q "event=register .*nick=carol" "$CHATD_LOG" && fail "carol registered"
tmux_ capture-pane -p | grep -q "Reconnecting in" && fail "retried"
chatui_stop

# STS: a plain start is sent to TLS (the new certificate, trusted now).
grep -v "127.0.0.1:$CHATD_TLS_PORT" "$KNOWN" > "$KNOWN.new"
mv "$KNOWN.new" "$KNOWN"
newhex=$(echo "$newfp" | sed 's/://g' | tr A-F a-f)
echo "127.0.0.1:$CHATD_TLS_PORT $newhex" >> "$KNOWN"
STS=$TEST_DIR/.local/share/chatui/sts
# The secure connections so far kept the policy already.
grep -q "^127.0.0.1 $CHATD_TLS_PORT [0-9]*$" "$STS" || fail "sts: $(cat "$STS")"
rm "$STS"
chatui_start -n dave
screen_has "\[2:#lobby\]" || exit 1
ui_type "/window 1"
ui_type "/lastlog TLS"
screen_has "The server asks for TLS (STS)" || exit 1
screen_has "Connected (TLS)" || exit 1
grep -q "^127.0.0.1 $CHATD_TLS_PORT [0-9]*$" "$STS" || fail "sts: $(cat "$STS")"
chatui_stop
# The policy kept: the next plain start goes to TLS at once.
chatui_start -n erin
screen_has "\[2:#lobby\]" || exit 1
ui_type "/window 1"
ui_type "/lastlog TLS"
screen_has "Connected (TLS)" || exit 1
tmux_ capture-pane -p | grep -q "asks for TLS" && fail "not from the policy"
chatui_stop

# A certificate an authority signed for 127.0.0.1 (the authority given to
# OpenSSL as the system's, SSL_CERT_FILE): taken with no question; one
# for another name is not, even signed.
CA=$TEST_DIR/ca
mkdir -p "$CA"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -days 2 -subj "/CN=Test CA" -keyout "$CA/ca.key" -out "$CA/ca.crt" \
    -addext basicConstraints=critical,CA:TRUE \
    -addext keyUsage=critical,keyCertSign 2> /dev/null || fail "CA"
sign() {
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	    -subj "/CN=$1" -keyout "$TEST_DIR/chatd.key" -out "$CA/req.csr" \
	    2> /dev/null || fail "request"
	printf 'subjectAltName=%s\n' "$2" > "$CA/ext"
	openssl x509 -req -in "$CA/req.csr" -CA "$CA/ca.crt" \
	    -CAkey "$CA/ca.key" -CAcreateserial -days 2 -extfile "$CA/ext" \
	    -out "$TEST_DIR/chatd.crt" 2> /dev/null || fail "sign"
	kill -HUP "$CHATD_PID"
	sleep 1
}
sign 127.0.0.1 IP:127.0.0.1
rm -f "$KNOWN"
CHATUI_ENV="SSL_CERT_FILE=$CA/ca.crt" \
    CHATUI_ADDR=ircs://127.0.0.1:$CHATD_TLS_PORT chatui_start -n frank
screen_has "\[2:#lobby\]" || exit 1
[ -s "$KNOWN" ] && fail "a signed certificate was pinned"
chatui_stop
sign other.example DNS:other.example
CHATUI_ENV="SSL_CERT_FILE=$CA/ca.crt" \
    CHATUI_ADDR=ircs://127.0.0.1:$CHATD_TLS_PORT chatui_start -n gina
screen_has "Type yes or no" || exit 1
tmux_ capture-pane -p -J | grep -q "mismatch" || fail "no reason given"
chatui_stop
chatd_stop
