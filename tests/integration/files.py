#!/usr/bin/env python3
# The checks of files.sh, as an uploader and a downloader would make them:
#   files.py HTTP_PORT IRC_PORT DB FILES_DIR
# Every request goes to 127.0.0.1.
import base64, hashlib, http.client, os, socket, sqlite3, sys, threading, time

port, irc_port, db, files_dir = int(sys.argv[1]), int(sys.argv[2]), \
    sys.argv[3], sys.argv[4]
failed = 0


def check(what, ok, detail=""):
    global failed
    if ok:
        print("ok: " + what)
    else:
        print("FAIL: %s %s" % (what, detail))
        failed = 1


def basic(user, password):
    return "Basic " + base64.b64encode(
        ("%s:%s" % (user, password)).encode()).decode()


def request(method, path, body=None, headers=None, chunked=False):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    c.putrequest(method, path, skip_accept_encoding=True)
    for k, v in (headers or {}).items():
        c.putheader(k, v)
    if body is not None and not chunked:
        c.putheader("Content-Length", str(len(body)))
    if chunked:
        c.putheader("Transfer-Encoding", "chunked")
    c.endheaders()
    try:
        if body is not None and chunked:
            for i in range(0, len(body), 65536):
                piece = body[i:i + 65536]
                c.send(b"%x\r\n" % len(piece) + piece + b"\r\n")
            c.send(b"0\r\n\r\n")
        elif body is not None:
            c.send(body)
    except (BrokenPipeError, ConnectionResetError):
        pass    # refused before the body was all sent: the answer is there
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data


ALICE = {"Authorization": basic("alice", "wonderland1")}


def upload(data, name="report.pdf", ctype="application/pdf", auth=ALICE,
           **kw):
    h = dict(auth)
    h["Content-Type"] = ctype
    h["Content-Disposition"] = "attachment; filename=\"%s\"" % name
    return request("POST", "/upload", data, h, **kw)


def path_of(location):
    return location[location.index("/f/"):]


# The server says where to upload, in ISUPPORT.
s = socket.create_connection(("127.0.0.1", irc_port), timeout=10)
s.sendall(b"NICK filer\r\nUSER f 0 * :f\r\n")
got = b""
while b" 376 " not in got and b" 422 " not in got:
    got += s.recv(65536)
s.close()
want = "draft/FILEHOST=http://127.0.0.1:%d/upload" % port
check("ISUPPORT has " + want, want.encode() in got, got.decode()[-400:])

# An upload, then the file back whole, in part, and its head.
data = os.urandom(300 * 1024)
st, hd, body = upload(data)
check("upload: 201 Created", st == 201, (st, body))
loc = hd.get("location", "")
check("upload: Location is a link under /f/ with the name",
      loc.startswith("http://127.0.0.1:%d/f/" % port) and
      loc.endswith("/report.pdf"), loc)
check("upload: the body is the link", body.decode().strip() == loc)
st, hd, body = request("GET", path_of(loc))
check("download: 200 and the same bytes", st == 200 and
      hashlib.sha256(body).digest() == hashlib.sha256(data).digest(),
      (st, len(body)))
check("download: a PDF is an attachment, nosniff",
      hd.get("content-disposition", "").startswith("attachment;") and
      'filename="report.pdf"' in hd.get("content-disposition", "") and
      hd.get("x-content-type-options") == "nosniff" and
      hd.get("content-type") == "application/pdf", hd)
st, hd, body = request("HEAD", path_of(loc))
check("HEAD: the length, no body", st == 200 and body == b"" and
      hd.get("content-length") == str(len(data)), (st, hd))
st, hd, body = request("GET", path_of(loc), headers={"Range": "bytes=1000-1999"})
check("Range: 206 with those bytes", st == 206 and body == data[1000:2000] and
      hd.get("content-range") == "bytes 1000-1999/%d" % len(data), (st, hd))
st, hd, body = request("GET", path_of(loc), headers={"Range": "bytes=-100"})
check("Range: the last 100 bytes", st == 206 and body == data[-100:])
st, hd, body = request("GET", path_of(loc),
                       headers={"Range": "bytes=%d-" % (len(data) - 10)})
check("Range: resume from an offset", st == 206 and body == data[-10:])
st, hd, body = request("GET", path_of(loc),
                       headers={"Range": "bytes=%d-" % len(data)})
check("Range: past the end is 416", st == 416 and
      hd.get("content-range") == "bytes */%d" % len(data), (st, hd))
st, hd, body = request("HEAD", path_of(loc))
etag = hd.get("etag", "")
check("the ETag is the file's id", etag == '"%s"' % path_of(loc).split("/")[2], etag)
st, hd, body = request("GET", path_of(loc), headers={
    "Range": "bytes=0-9", "If-Range": etag})
check("If-Range with its ETag: the part asked for", st == 206 and body == data[:10])
# The SHA-256 is the row's once the pool has taken it, after the 201.
fid = path_of(loc).split("/")[2]
for _ in range(100):
    row = sqlite3.connect(db).execute(
        "SELECT sha256 FROM file WHERE id = ?", (fid,)).fetchone()
    if row and row[0]:
        break
    time.sleep(0.1)
check("the row has the file's SHA-256", row and row[0] == hashlib.sha256(data).hexdigest(), row)
st, hd, body = request("GET", path_of(loc), headers={
    "Range": "bytes=0-9", "If-Range": '"aaaaaaaaaaaaaaaaaaaaaaaaaa"'})
check("If-Range with another ETag: the whole file", st == 200 and
      len(body) == len(data))
st, hd, body = request("GET", path_of(loc), headers={"Range": "bytes=zz"})
check("a Range not understood: the whole file", st == 200 and
      len(body) == len(data))
# The link works with any name after the id; only the id matters.
st, hd, body = request("GET", path_of(loc).rsplit("/", 1)[0])
check("the id alone finds it", st == 200 and len(body) == len(data))

# Chunked bodies stream too.
data2 = os.urandom(200 * 1024 + 7)
st, hd, body = upload(data2, name="notes.txt", ctype="text/plain; charset=utf-8",
                      chunked=True)
check("chunked upload: 201", st == 201, (st, body))
st, hd, body2 = request("GET", path_of(hd.get("location", "/f/x")))
check("chunked upload: the same bytes, plain text inline", st == 200 and
      body2 == data2 and hd.get("content-disposition", "").startswith("inline") and
      hd.get("content-type") == "text/plain; charset=utf-8", hd)

# A chunked body that is not one: 400, and nothing kept.
t = socket.create_connection(("127.0.0.1", port), timeout=10)
t.sendall(("POST /upload HTTP/1.1\r\nHost: x\r\nAuthorization: %s\r\n"
           "Transfer-Encoding: chunked\r\n\r\n" % ALICE["Authorization"]).encode()
          + b"5\r\nhello\r\nzz\r\nworld\r\n")
answer = b""
try:
    while True:
        more = t.recv(4096)
        if not more:
            break
        answer += more
except (ConnectionResetError, socket.timeout):
    pass
t.close()
check("a bad chunk size: 400", answer.startswith(b"HTTP/1.1 400 "), answer[:40])

# Who may upload: an account, with its password.
st, hd, body = upload(b"x" * 10, auth={})
check("no credentials: 401 with a Basic challenge", st == 401 and
      hd.get("www-authenticate", "").startswith("Basic"), (st, hd))
st, hd, body = upload(b"x" * 10, auth={"Authorization": basic("alice", "nope")})
check("a wrong password: 401", st == 401 and b"Wrong account or password" in body,
      (st, body))
st, hd, body = upload(b"x" * 10,
                      auth={"Authorization": basic("nobody", "wonderland1")})
check("an unknown account: 401", st == 401)
st, hd, body = upload(b"x" * 10, auth={"Authorization": "Basic !!!"})
check("a garbled Authorization: 401", st == 401)

# Limits: the size (told before any byte is stored), and the quota.
st, hd, body = upload(os.urandom(1024 * 1024 + 1))
check("too big by Content-Length: 413 naming the limit", st == 413 and
      b"larger than the 1.0 MB" in body, (st, body))
st, hd, body = upload(os.urandom(1024 * 1024 + 1), chunked=True)
check("too big while streaming (chunked): 413", st == 413, (st, body))
st, hd, body = upload(os.urandom(900 * 1024), name="a.bin")
check("under the quota: 201", st == 201, (st, body))
st, hd, body = upload(os.urandom(900 * 1024), name="b.bin")
check("past the quota: 413 saying so", st == 413 and b"quota" in body,
      (st, body))

# Names: what the user sends never becomes a path.
st, hd, body = upload(b"<script>alert(1)</script>", name="../../etc/evil.html",
                      ctype="text/html")
check("a climbing name is only a name", st == 201 and
      hd.get("location", "").endswith("/evil.html"), (st, hd))
st, hd, body = request("GET", path_of(hd["location"]))
check("HTML is served as an attachment, sandboxed", st == 200 and
      hd.get("content-disposition", "").startswith("attachment;") and
      "sandbox" in hd.get("content-security-policy", ""), hd)
names = sorted(os.listdir(files_dir))
check("the directory holds only server-chosen names", all(
    len(n) == 26 and n.isalnum() and n.islower() for n in names), names)
for p in ["/f/../../etc/passwd", "/f/" + "a" * 26, "/f/%2e%2e%2fchatd.db",
          "/f/" + names[0] + "x", "/f/" + names[0].upper()]:
    st, hd, body = request("GET", p)
    check("GET %s: 404" % p, st == 404, st)
st, hd, body = request("PUT", "/upload", b"x")
check("PUT /upload: 405", st == 405)
st, hd, body = request("GET", "/upload")
check("GET /upload: 405", st == 405)


# A trickle is dropped; a cut upload leaves no part file behind.
def trickle(result):
    t = socket.create_connection(("127.0.0.1", port), timeout=30)
    t.sendall(("POST /upload HTTP/1.1\r\nHost: x\r\nAuthorization: %s\r\n"
               "Content-Length: 100000\r\n\r\n" % ALICE["Authorization"]).encode())
    start = time.time()
    answer = b""
    try:
        while time.time() - start < 25:
            t.sendall(b"x")
            t.settimeout(0.5)
            try:
                answer += t.recv(4096)
            except socket.timeout:
                pass
            if answer:
                break
    except (BrokenPipeError, ConnectionResetError):
        pass
    result.append((answer, time.time() - start))

res = []
trickle(res)
answer, took = res[0]
check("a trickling upload: 408 within a few windows", b" 408 " in answer and
      took < 12, (answer[:60], took))

def parts_become(want, seconds=15):
    """The part files once there are want of them (the password is
    checked on the pool first: slow under valgrind), or at the end."""
    end = time.time() + seconds
    while True:
        parts = [n for n in os.listdir(files_dir) if n.startswith(".part-")]
        if len(parts) == want or time.time() > end:
            return parts
        time.sleep(0.1)


# The trickle's part file gone first: the next one is this upload's.
parts_become(0)
t = socket.create_connection(("127.0.0.1", port), timeout=10)
t.sendall(("POST /upload HTTP/1.1\r\nHost: x\r\nAuthorization: %s\r\n"
           "Content-Length: 500000\r\n\r\n" % ALICE["Authorization"]).encode()
          + b"y" * 100000)
parts = parts_become(1)
check("a part file while the body comes", len(parts) == 1, parts)
t.close()
parts = parts_become(0)
check("the part file removed when the uploader goes", parts == [], parts)

# Uploads at once are bounded (file-uploads = 2 here): the third waits.
held = []
for i in range(2):
    t = socket.create_connection(("127.0.0.1", port), timeout=10)
    t.sendall(("POST /upload HTTP/1.1\r\nHost: x\r\nAuthorization: %s\r\n"
               "Content-Length: 500000\r\n\r\n" % ALICE["Authorization"]).encode()
              + b"z" * 1000)
    held.append(t)
# They keep coming, above the trickle's 1 KB a second, so that they are
# still there however long the third takes (valgrind).
stop = threading.Event()


def keep_coming():
    while not stop.wait(0.5):
        for t in held:
            try:
                t.sendall(b"z" * 2048)
            except OSError:
                pass


feeder = threading.Thread(target=keep_coming)
feeder.start()
parts_become(2)
st, hd, body = upload(b"small")
check("past file-uploads at once: 503 with Retry-After", st == 503 and
      "retry-after" in hd, (st, hd))
stop.set()
feeder.join()
for t in held:
    t.close()
time.sleep(0.3)

# Expired: 410 until the row is purged (by chatd every ten minutes, its
# first pass long done by now; files.sh purges it with chatd --files).
row = sqlite3.connect(db)
row.execute("UPDATE file SET expires = 1 WHERE id = ?", (names[0],))
row.commit()
st, hd, body = request("GET", "/f/" + names[0])
check("an expired file: 410", st == 410, st)

sys.exit(failed)
