# The kill -9 test's client (store-kill.sh): run 1 makes #lobby busy and
# kills chatd in the middle; run 2 reads the history back and compares.
#
#	store-kill.py send PORT PID OUT	senders and a reader; SIGKILL after
#					KILL_AT lines read; OUT: what it read
#	store-kill.py check PORT OUT	every line in OUT is in CHATHISTORY,
#					same id, same time, same order
import os
import signal
import socket
import sys
import time

# Lines read before the kill (fewer under valgrind, 50 times slower).
KILL_AT = 500 if os.environ.get("CHATD_VALGRIND") else 3000
# Lines sent and not yet read, at most: nobody's sendq fills.
AHEAD = 400


def connect(port, nick, caps):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(("CAP REQ :%s\r\nNICK %s\r\nUSER %s 0 * :x\r\nCAP END\r\n"
               % (caps, nick, nick)).encode())
    return s


def lines(s, buf):
    """Lines read from s, buf holding a partial one; [] at the end."""
    data = s.recv(65536)
    if not data:
        return None
    buf[0] += data
    *done, buf[0] = buf[0].split(b"\r\n")
    return [l.decode() for l in done]


def wait_for(s, buf, what):
    while True:
        got = lines(s, buf)
        if got is None:
            sys.exit("closed while waiting for " + what)
        for l in got:
            if what in l:
                return


def send(port, pid, out):
    reader = connect(port, "reader", "server-time message-tags")
    rbuf = [b""]
    wait_for(reader, rbuf, " 366 reader ")
    senders = []
    for i in range(4):
        s = connect(port, "s%d" % i, "server-time")
        wait_for(s, [b""], " 366 s%d " % i)
        s.setblocking(False)
        senders.append(s)
    seen = []
    n = 0
    killed = False
    reader.settimeout(0.001)
    while True:
        if not killed and n * len(senders) - len(seen) < AHEAD:
            for i, s in enumerate(senders):
                try:
                    s.send(("".join("PRIVMSG #lobby :from s%d line %d\r\n"
                                    % (i, n + k) for k in range(5))).encode())
                except (BlockingIOError, ConnectionError):
                    pass
            n += 5
        # The senders are members too: what they are sent is dropped.
        for s in senders:
            try:
                while s.recv(65536):
                    pass
            except (BlockingIOError, ConnectionError):
                pass
        try:
            got = lines(reader, rbuf)
        except socket.timeout:
            continue
        except ConnectionError:
            break
        if got is None:
            break
        for l in got:
            if " PRIVMSG #lobby :" in l and l.startswith("@"):
                seen.append(l)
        if not killed and len(seen) >= KILL_AT:
            os.kill(pid, signal.SIGKILL)
            killed = True
    with open(out, "w") as f:
        for l in seen:
            f.write(l + "\n")
    if not killed:
        sys.exit("chatd closed the reader after %d lines, before the kill"
                 % len(seen))
    print("read %d lines, killed at %d" % (len(seen), KILL_AT))


def check(port, out):
    want = [l.rstrip("\n") for l in open(out)]
    s = connect(port, "checker", "server-time message-tags batch "
                "draft/chathistory")
    buf = [b""]
    wait_for(s, buf, " 366 checker ")
    got = []
    ref = "timestamp=2000-01-01T00:00:00.000Z"
    while True:
        s.sendall(("CHATHISTORY AFTER #lobby %s 1000\r\n" % ref).encode())
        page = []
        while True:
            ls = lines(s, buf)
            if ls is None:
                sys.exit("closed")
            done = False
            for l in ls:
                if " BATCH -" in l:
                    done = True
                elif " PRIVMSG #lobby :" in l:
                    page.append(l)
            if done:
                break
        if not page:
            break
        got += page
        last = page[-1].split("msgid=")[1].split(";")[0].split(" ")[0]
        ref = "msgid=" + last
    # The same line as the reader saw it: time, msgid, source, text.
    def bare(l):
        tags, rest = l.split(" ", 1)
        kept = [t for t in tags[1:].split(";")
                if t.startswith("time=") or t.startswith("msgid=")]
        return ";".join(sorted(kept)) + " " + rest
    stored = {bare(l) for l in got}
    order = [bare(l) for l in got]
    missing = [l for l in want if bare(l) not in stored]
    if missing:
        sys.exit("%d of the %d lines read are not in the history, the "
                 "first: %s" % (len(missing), len(want), missing[0]))
    pos = [order.index(bare(l)) for l in want]
    if pos != sorted(pos):
        sys.exit("the history has the lines read in another order")
    print("all %d lines read are in the history (%d kept), in order"
          % (len(want), len(got)))


if sys.argv[1] == "send":
    send(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
else:
    check(int(sys.argv[2]), sys.argv[3])
