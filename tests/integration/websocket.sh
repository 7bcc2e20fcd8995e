# Issue 16: WebSocket. Over chatd's HTTP listener, browsers' clients speak
# IRC with the IRCv3 subprotocols (text.ircv3.net, binary.ircv3.net) and
# chat with plain TCP clients; a message is a line; one past the longest
# line is closed with 1009 and an unmasked frame with 1002, and nobody
# else notices; QUIT gets its ERROR line and a normal close; bad upgrades
# get 404, 400, 426, 403; a foreign Origin is refused unless http-origin
# lists it; a request not finished within registration-timeout gets 408;
# wss:// works on http-listen-tls (secure in WHOIS, a burst through the
# TLS records). The client side is websocket.py (Debian's
# python3-websockets); skipped (77) without it.
. "${top_srcdir:-.}/tests/integration/lib.sh"
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
$PY -c 'import websockets' 2>/dev/null || exit 77
"$CHATD" --help > /dev/null
chatd_start -o exempt=127.0.0.1 -o http-listen=127.0.0.1:0 \
    -o http-origin=https://chat.example -o registration-timeout=2
HTTP_PORT=$(sed -n 's/.*listening for HTTP on 127\.0\.0\.1:\([0-9]*\).*/\1/p' \
    "$CHATD_LOG" | head -n 1)
[ -n "$HTTP_PORT" ] || { echo "no HTTP port"; exit 1; }
"$IRCSPEAK" > "$TEST_DIR/plain.log" 2>&1 <<'SCRIPT' &
register p plain
expect p :webtext![^ ]+ PRIVMSG #lobby :ready for plain
send p PRIVMSG #lobby :hello web
expect p :webtext![^ ]+ QUIT :leaving the web
SCRIPT
plain=$!
log_has "event=register id=1 nick=plain" || exit 1
$PY "${top_srcdir:-.}/tests/integration/websocket.py" "$HTTP_PORT" ||
    { cat "$TEST_DIR/plain.log"; tail -20 "$CHATD_LOG"; exit 1; }
wait $plain || { cat "$TEST_DIR/plain.log"; exit 1; }
grep -q 'event=connect id=[0-9]* addr=127.0.0.1 port=[0-9]* transport=websocket' \
    "$CHATD_LOG" || { echo "no websocket connect logged"; exit 1; }
grep -q 'event=quit .* nick=webbig .*reason="WebSocket error"' "$CHATD_LOG" ||
    { echo "the too long one not logged"; tail "$CHATD_LOG"; exit 1; }
# A request that never ends: 408 at the deadline.
$PY - "$HTTP_PORT" <<'PYEOF' || exit 1
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
s.settimeout(6)
answer = s.recv(4096)
assert answer.startswith(b"HTTP/1.1 408"), answer
print("slow request: 408")
PYEOF
chatd_stop || exit 1

# wss:// on http-listen-tls, with a certificate of chatd --make-cert.
"$CHATD" --make-cert "$TEST_DIR/certs" > /dev/null || exit 1
chatd_start -o exempt=127.0.0.1 -o http-listen-tls=127.0.0.1:0 \
    -o tls-cert="$TEST_DIR/certs/chatd.crt" \
    -o tls-key="$TEST_DIR/certs/chatd.key"
HTTPS_PORT=$(sed -n 's/.*listening for HTTPS on 127\.0\.0\.1:\([0-9]*\).*/\1/p' \
    "$CHATD_LOG" | head -n 1)
[ -n "$HTTPS_PORT" ] || { echo "no HTTPS port"; exit 1; }
$PY "${top_srcdir:-.}/tests/integration/websocket.py" 0 "$HTTPS_PORT" ||
    { tail -20 "$CHATD_LOG"; exit 1; }
chatd_stop || exit 1
exit 0
