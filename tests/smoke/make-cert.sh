# Issue 16: chatd --make-cert DIR makes a self-signed certificate and key
# for a first run of TLS (DIR made if missing; the key only its owner's),
# keeps a pair already there, and refuses a bad directory with one line.
. "${top_srcdir:-.}/tests/integration/lib.sh"
dir=$TEST_DIR/certs
out=$("$CHATD" --make-cert "$dir" -o name=chat.example) ||
    { echo "--make-cert failed: $out"; exit 1; }
echo "$out"
[ -s "$dir/chatd.crt" ] && [ -s "$dir/chatd.key" ] ||
    { echo "no certificate or key made"; exit 1; }
[ "$(stat -c %a "$dir/chatd.key")" = 600 ] ||
    { echo "the key is readable by others"; exit 1; }
if command -v openssl > /dev/null; then
	openssl x509 -in "$dir/chatd.crt" -noout -text > "$TEST_DIR/x509" ||
	    exit 1
	grep -q 'Subject: CN *= *chat.example' "$TEST_DIR/x509" &&
	    grep -q 'DNS:chat.example, DNS:localhost, IP Address:127.0.0.1' \
	    "$TEST_DIR/x509" ||
	    { echo "wrong names:"; cat "$TEST_DIR/x509"; exit 1; }
fi
sum=$(cksum < "$dir/chatd.key")
"$CHATD" --make-cert "$dir" | grep -q 'there already: kept' ||
    { echo "a second run did not say it kept the pair"; exit 1; }
[ "$(cksum < "$dir/chatd.key")" = "$sum" ] ||
    { echo "a second run replaced the key"; exit 1; }
# chatd starts with it and says so.
chatd_start -o listen-tls=127.0.0.1:0 -o tls-cert="$dir/chatd.crt" \
    -o tls-key="$dir/chatd.key"
[ -n "$CHATD_TLS_PORT" ] || { echo "no TLS port logged"; exit 1; }
chatd_stop || exit 1
# A file where the directory should be: one line, exit 2.
: > "$TEST_DIR/file"
"$CHATD" --make-cert "$TEST_DIR/file" 2> "$TEST_DIR/err"
[ $? -eq 2 ] || { echo "a file as DIR: not exit 2"; exit 1; }
grep -q 'not a directory' "$TEST_DIR/err" || { cat "$TEST_DIR/err"; exit 1; }
# listen-tls without a certificate: refused at the start, exit 2.
"$CHATD" --listen 127.0.0.1:0 -o listen-tls=127.0.0.1:0 --check-config \
    2> "$TEST_DIR/err"
[ $? -eq 2 ] || { echo "listen-tls without tls-cert: not exit 2"; exit 1; }
grep -q 'listen-tls needs tls-cert and tls-key' "$TEST_DIR/err" ||
    { cat "$TEST_DIR/err"; exit 1; }
# A key that is not the certificate's: chatd does not start, and says why.
"$CHATD" --make-cert "$TEST_DIR/other" > /dev/null || exit 1
"$CHATD" --listen 127.0.0.1:0 -o listen-tls=127.0.0.1:0 \
    -o tls-cert="$dir/chatd.crt" -o tls-key="$TEST_DIR/other/chatd.key" \
    2> "$TEST_DIR/err" && { echo "started with a key not its own"; exit 1; }
grep -q 'cannot load tls-key' "$TEST_DIR/err" || { cat "$TEST_DIR/err"; exit 1; }
exit 0
