# The browser client's files on the HTTP listener: / is index.html with a
# Content-Security-Policy that allows no inline script, each file with its
# type, HEAD and If-None-Match (304) answered, anything not a file of
# web-root 404 (a path climbing out, a symlink), other methods 405; SIGHUP
# reads web-root again, and a web-root that has gone keeps what was served.
. "${top_srcdir:-.}/tests/integration/lib.sh"
builddir=$(cd "${top_builddir:-.}" && pwd)
[ -f "$builddir/web/catalogue.js" ] || { echo "web/ is not built"; exit 1; }
PY=/usr/bin/python3
[ -x $PY ] || PY=python3
mkdir "$TEST_DIR/web"
cp "$builddir"/web/*.js "$builddir"/web/*.html "$builddir"/web/*.css \
    "$TEST_DIR/web/"
ln -s /etc/hostname "$TEST_DIR/web/secret.txt"
chatd_start -o http-listen=127.0.0.1:0 -o web-root="$TEST_DIR/web"
hport=$(sed -n 's/.*listening for HTTP on 127\.0\.0\.1:\([0-9]*\).*/\1/p' \
    "$CHATD_LOG" | head -n 1)
log_has "event=web-root .*files=7 " || exit 1

get() {
	$PY - "$hport" "$@" <<'PYEOF'
import http.client, sys
port, method, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
headers = dict(h.split(': ', 1) for h in sys.argv[4:])
c = http.client.HTTPConnection('127.0.0.1', port, timeout=10)
c.putrequest(method, path, skip_accept_encoding=True)
for k, v in headers.items():
    c.putheader(k, v)
c.endheaders()
r = c.getresponse()
body = r.read()
print(r.status)
for k, v in r.getheaders():
    print('%s: %s' % (k, v))
print()
sys.stdout.flush()
sys.stdout.buffer.write(body)
PYEOF
}
check() {	# what; then the answer on stdin must match each pattern
	what=$1; shift
	cat > "$TEST_DIR/answer"
	for p in "$@"; do
		grep -q -- "$p" "$TEST_DIR/answer" && continue
		echo "$what: no \"$p\" in:"; cat "$TEST_DIR/answer"; exit 1
	done
	echo "ok: $what"
}

get GET / | check "GET /" '^200$' '^Content-Type: text/html; charset=utf-8' \
    "^Content-Security-Policy: default-src 'none'; script-src 'self';" \
    '^X-Content-Type-Options: nosniff' '<script type="module" src="app.js">'
get GET / > "$TEST_DIR/index"
grep -q "unsafe-inline" "$TEST_DIR/index" && { echo "the CSP allows inline code"; exit 1; }
grep -Eq '<script>|<script [^>]*>[^<]' "$TEST_DIR/web/index.html" &&
    { echo "index.html has an inline script"; exit 1; }
etag=$(sed -n 's/^ETag: //p' "$TEST_DIR/index" | tr -d '\r')
get GET /app.js | check "GET /app.js" '^200$' '^Content-Type: text/javascript'
len=$(get GET /app.js | sed '1,/^$/d' | wc -c)
get HEAD /app.js | check "HEAD /app.js" '^200$' "^Content-Length: $len\$"
[ "$(get HEAD /app.js | sed '1,/^$/d' | wc -c)" -eq 0 ] ||
    { echo "HEAD had a body"; exit 1; }
get GET /catalogue.js | check "the shared table" '"name":"join"' '"JOINED":'
get GET / "If-None-Match: $etag" | check "If-None-Match" '^304$'
get GET /nothing.js | check "an unknown file" '^404$'
get GET /../../../etc/passwd | check "a climbing path" '^404$'
get GET /%2e%2e/%2e%2e/etc/passwd | check "an encoded climb" '^404$'
get GET /secret.txt | check "a symlink" '^404$'
get POST / | check "POST" '^405$' '^Allow: GET, HEAD'
get GET "/?$(printf 'x%.0s' $(seq 300))" | check "a long URL" '^404$'

# SIGHUP: a changed file is served; a web-root that is gone keeps them.
echo '<!doctype html><title>changed</title>' > "$TEST_DIR/web/index.html"
kill -HUP "$CHATD_PID"
log_has "event=reload result=ok" || exit 1
get GET / | check "the changed index.html" '<title>changed</title>'
[ "$(get GET / | sed -n 's/^ETag: //p' | tr -d '\r')" != "$etag" ] ||
    { echo "the ETag did not change"; exit 1; }
mv "$TEST_DIR/web" "$TEST_DIR/web-gone"
kill -HUP "$CHATD_PID"
log_has "event=web-root result=failed" || exit 1
get GET / | check "a gone web-root keeps the files" '^200$' '<title>changed</title>'
chatd_stop || exit 1

# web-root empty: nothing is served, WebSocket still is.
chatd_start -o http-listen=127.0.0.1:0 -o web-root=
hport=$(sed -n 's/.*listening for HTTP on 127\.0\.0\.1:\([0-9]*\).*/\1/p' \
    "$CHATD_LOG" | head -n 1)
get GET / | check "no web-root" '^404$'
chatd_stop
