# Issue 17: chatd hosts files. On the HTTP listener, an account uploads
# with POST /upload (HTTP Basic, its account's password) and gets 201 with
# a link under /f/ that anyone can GET, HEAD or fetch in parts (Range);
# the size limit, the quota, the number of uploads at once, a trickle, a
# cut upload, names that climb, active types, expiry (410, then chatd
# --files purge) are each checked by files.py, and the SHA-256 each row
# gets after the 201; the files outlive a restart (one not yet hashed is
# hashed then); a disk that fills during an upload (RLIMIT_FSIZE on the running
# chatd, as store-full.sh) gets 507, leaves no part file, and chat goes on.
. "${top_srcdir:-.}/tests/integration/lib.sh"
need_sqlite
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
DB=$TEST_DIR/chatd.db
FILES=$TEST_DIR/files
echo wonderland1 | "$CHATD" -o db="$DB" --account add alice > /dev/null || exit 1
echo looking-glass | "$CHATD" -o db="$DB" --account add bob > /dev/null || exit 1
http_port() {
	sed -n 's/.*listening for HTTP on 127\.0\.0\.1:\([0-9]*\).*/\1/p' \
	    "$CHATD_LOG" | head -n 1
}
chatd_start -o db="$DB" -o http-listen=127.0.0.1:0 -o exempt=127.0.0.1 \
    -o file-max-size=1m -o file-quota=2m -o file-uploads=2 \
    -o registration-timeout=3
log_has "event=files dir=$FILES url=http://127.0.0.1:" || exit 1
[ "$(stat -c %a "$FILES")" = 700 ] || { echo "$FILES is not 0700"; exit 1; }
$PY "${top_srcdir:-.}/tests/integration/files.py" "$(http_port)" \
    "$CHATD_PORT" "$DB" "$FILES" || { tail -n 30 "$CHATD_LOG"; exit 1; }
log_has "event=upload result=ok file=[a-z2-7]* account=alice size=307200 name=report.pdf type=application/pdf addr=127.0.0.1" || exit 1
log_has "event=upload result=refused addr=127.0.0.1 account=alice status=\"413 " || exit 1

# chatd --files: the list, and the expired file removed from the disk.
"$CHATD" -o db="$DB" --files list > "$TEST_DIR/list" || exit 1
[ "$(wc -l < "$TEST_DIR/list")" -eq 4 ] ||
    { echo "--files list:"; cat "$TEST_DIR/list"; exit 1; }
grep -q " alice application/pdf report.pdf$" "$TEST_DIR/list" ||
    { echo "--files list has no report.pdf:"; cat "$TEST_DIR/list"; exit 1; }
expired=$($PY -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT id FROM file WHERE expires = 1").fetchone()[0])' "$DB")
[ -f "$FILES/$expired" ] || { echo "the expired file is not there yet"; exit 1; }
"$CHATD" -o db="$DB" --files purge | grep -q "^1 expired files removed$" ||
    { echo "--files purge did not remove one"; exit 1; }
[ -f "$FILES/$expired" ] && { echo "purged, but still on the disk"; exit 1; }
"$CHATD" -o db="$DB" --files sideways 2> "$TEST_DIR/err"
[ $? -eq 2 ] && grep -q "files takes list or purge" "$TEST_DIR/err" ||
    { echo "--files sideways: not a usage error"; cat "$TEST_DIR/err"; exit 1; }
"$CHATD" --files list 2> "$TEST_DIR/err"
[ $? -eq 2 ] && grep -q "needs a db" "$TEST_DIR/err" ||
    { echo "--files without a db: not a usage error"; exit 1; }

# The files outlive a restart; the purged one is 404 now.
# A file whose SHA-256 was not taken yet when chatd stopped (its row made
# so here) is hashed at the next start.
kept=$($PY -c 'import sqlite3, sys
print("%s %d" % sqlite3.connect(sys.argv[1]).execute(
    "SELECT id, size FROM file WHERE expires != 1").fetchone())' "$DB")
chatd_stop || exit 1
want=$(sha256sum "$FILES/${kept% *}" | cut -d" " -f1)
$PY -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE file SET sha256 = \x27\x27 WHERE id = ?", (sys.argv[2],))
db.commit()' "$DB" "${kept% *}" || exit 1
chatd_start -o db="$DB" -o http-listen=127.0.0.1:0 -o exempt=127.0.0.1 \
    -o file-max-size=64m -o file-quota=0
log_has "event=start" || exit 1
log_has "event=files-digest unhashed=1" || exit 1
i=0
until [ "$($PY -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT sha256 FROM file WHERE id = ?",
    (sys.argv[2],)).fetchone()[0])' "$DB" "${kept% *}")" = "$want" ]; do
	i=$((i + 1)); [ $i -gt 100 ] && { echo "not hashed after the restart"; exit 1; }
	sleep 0.1
done
HP=$(http_port)
$PY - "$HP" $kept "$expired" <<'PYEOF' || exit 1
import http.client, sys
def get(path):
    c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
    c.request("GET", path)
    r = c.getresponse()
    return r.status, len(r.read())
st, n = get("/f/%s/any-name" % sys.argv[2])
assert st == 200 and n == int(sys.argv[3]), ("after a restart", st, n)
st, n = get("/f/" + sys.argv[4])
assert st == 404, ("purged", st)
print("ok: the files outlive a restart; a purged one is 404")
PYEOF

# The disk fills during an upload: 507, no part file, chat unaffected.
if command -v prlimit > /dev/null; then
max=$(stat -c %s "$DB" "$DB-wal" "$CHATD_LOG" | sort -n | tail -n 1)
limit=$((max + 262144))
prlimit --pid "$CHATD_PID" --fsize="$limit:" || exit 1
$PY - "$HP" "$CHATD_PORT" "$((limit + 1048576))" "$FILES" <<'PYEOF' || { tail -n 20 "$CHATD_LOG"; exit 1; }
import base64, http.client, os, socket, sys, time
hp, ip, size, files = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), \
    sys.argv[4]
c = http.client.HTTPConnection("127.0.0.1", hp, timeout=20)
c.putrequest("POST", "/upload")
c.putheader("Authorization", "Basic " + base64.b64encode(b"bob:looking-glass").decode())
c.putheader("Content-Length", str(size))
c.endheaders()
try:
    c.send(os.urandom(size))
except (BrokenPipeError, ConnectionResetError):
    pass
r = c.getresponse()
body = r.read()
assert r.status == 507 and b"disk is full" in body, (r.status, body)
print("ok: a disk that fills: 507 Insufficient Storage")
time.sleep(0.3)
parts = [n for n in os.listdir(files) if n.startswith(".part-")]
assert parts == [], parts
print("ok: no part file left")
def irc(nick):
    s = socket.create_connection(("127.0.0.1", ip), timeout=10)
    s.sendall(b"NICK %s\r\nUSER u 0 * :u\r\n" % nick)
    got = b""
    while b"JOIN" not in got:
        got += s.recv(65536)
    return s
a, b = irc(b"anna"), irc(b"ben")
time.sleep(0.3)
a.sendall(b"PRIVMSG #lobby :still chatting\r\n")
got = b""
end = time.time() + 10
while b"still chatting" not in got and time.time() < end:
    got += b.recv(65536)
assert b"still chatting" in got, got
print("ok: chat goes on")
PYEOF
log_has "event=upload result=failed account=bob error=\"File too large\"" || exit 1
prlimit --pid "$CHATD_PID" --fsize=unlimited: || exit 1
fi

# Over HTTPS (the TLS transport: no sendfile, the file through TLS in
# pieces): an upload and a download, whole and in part.
chatd_stop || exit 1
"$CHATD" --make-cert "$TEST_DIR/tls" > /dev/null || exit 1
chatd_start -o db="$DB" -o http-listen-tls=127.0.0.1:0 -o exempt=127.0.0.1 \
    -o tls-cert="$TEST_DIR/tls/chatd.crt" -o tls-key="$TEST_DIR/tls/chatd.key" \
    -o file-max-size=64m -o file-quota=0
log_has "event=files .*url=https://127.0.0.1:" || exit 1
SP=$(sed -n 's/.*listening for HTTPS on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$CHATD_LOG" | head -n 1)
$PY - "$SP" <<'PYEOF' || { tail -n 20 "$CHATD_LOG"; exit 1; }
import base64, hashlib, http.client, os, ssl, sys
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
def req(method, path, body=None, headers={}):
    c = http.client.HTTPSConnection("127.0.0.1", int(sys.argv[1]), timeout=20,
                                    context=ctx)
    c.request(method, path, body, headers)
    r = c.getresponse()
    return r.status, r.getheader("Location"), r.read()
data = os.urandom(5 * 1024 * 1024 + 3)
st, loc, _ = req("POST", "/upload", data, {"Authorization": "Basic " +
    base64.b64encode(b"bob:looking-glass").decode()})
assert st == 201 and loc.startswith("https://127.0.0.1:"), (st, loc)
path = loc[loc.index("/f/"):]
st, _, body = req("GET", path)
assert st == 200 and hashlib.sha256(body).digest() == hashlib.sha256(data).digest(), (st, len(body))
st, _, body = req("GET", path, headers={"Range": "bytes=4000000-4000099"})
assert st == 206 and body == data[4000000:4000100], st
print("ok: over HTTPS, 5 MB up and down, and a part")
PYEOF

chatd_stop
