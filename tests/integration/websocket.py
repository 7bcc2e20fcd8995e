# The WebSocket client side of websocket.sh (Debian's python3-websockets,
# asyncio). Each check prints what it saw; any failure raises, exit 1.
import asyncio
import socket
import ssl
import sys

import websockets

PORT = int(sys.argv[1])
URL = f"ws://127.0.0.1:{PORT}/"
# wss:// on the HTTPS listener, the certificate not checked (self-signed).
TLS_PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 0


async def recv_until(ws, text, limit=60):
    """Messages until one containing text; all of them."""
    seen = []
    for _ in range(limit):
        m = await asyncio.wait_for(ws.recv(), 5)
        seen.append(m)
        if text in (m if isinstance(m, str) else m.decode()):
            return seen
    raise AssertionError(f"never saw {text!r}: {seen[-5:]}")


async def register(ws, nick):
    await ws.send(f"NICK {nick}")
    await ws.send(f"USER {nick} 0 * :Web {nick}")
    await recv_until(ws, " 366 ")


def http(request):
    """A raw HTTP request; the status line of the answer."""
    s = socket.create_connection(("127.0.0.1", PORT))
    s.sendall(request.encode())
    answer = b""
    while b"\r\n" not in answer:
        chunk = s.recv(4096)
        if not chunk:
            break
        answer += chunk
    s.close()
    return answer.split(b"\r\n")[0].decode()


async def main():
    # text.ircv3.net: text frames, a line each, no CRLF.
    async with websockets.connect(URL, subprotocols=["text.ircv3.net"]) as t:
        assert t.subprotocol == "text.ircv3.net", t.subprotocol
        await register(t, "webtext")
        print("text: registered")
        # binary.ircv3.net, asked for first: binary frames.
        async with websockets.connect(
                URL, subprotocols=["binary.ircv3.net", "text.ircv3.net"]) as b:
            assert b.subprotocol == "binary.ircv3.net", b.subprotocol
            await b.send(b"NICK webbin")
            await b.send(b"USER webbin 0 * :Web")
            seen = await recv_until(b, " 366 ")
            assert all(isinstance(m, bytes) for m in seen), "not binary"
            assert not any(m.endswith(b"\r\n") for m in seen), "CRLF sent"
            await recv_until(t, "webbin!webbin@127.0.0.1 JOIN #lobby")
            await b.send(b"PRIVMSG #lobby :from a binary frame")
            await recv_until(t, ":webbin!webbin@127.0.0.1 PRIVMSG #lobby "
                             ":from a binary frame")
            print("binary: chats with text")
        # The plain TCP client (ircspeak, in the shell) says hello.
        await t.send("PRIVMSG #lobby :ready for plain")
        await recv_until(t, ":plain!plain@127.0.0.1 PRIVMSG #lobby :hello web")
        print("text: sees the plain client")
        # Two lines in one message: both handled.
        await t.send("PING :one\r\nPING :two")
        await recv_until(t, "PONG chatd.local :two")
        # A message past the longest line: closed with 1009, alone.
        async with websockets.connect(URL) as big:
            await register(big, "webbig")
            await big.send("PRIVMSG #lobby :" + "x" * 10000)
            try:
                while True:
                    await asyncio.wait_for(big.recv(), 5)
            except websockets.ConnectionClosed as e:
                assert e.code == 1009, e.code
            print("too long: closed 1009")
        await t.send("PING :still")
        await recv_until(t, "PONG chatd.local :still")
        # QUIT: the ERROR line, then a normal close.
        await t.send("QUIT :leaving the web")
        seen = await recv_until(t, "ERROR :Closing Link")
        try:
            await asyncio.wait_for(t.recv(), 5)
        except websockets.ConnectionClosed as e:
            assert e.code == 1000, e.code
        print("quit: ERROR, then close 1000")
    # Bad upgrades get their HTTP status.
    key = "dGhlIHNhbXBsZSBub25jZQ=="
    up = ("GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\n"
          "Connection: Upgrade\r\n" % PORT)
    checks = [
        ("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "404"),
        (up + "Sec-WebSocket-Version: 13\r\n\r\n", "400"),
        (up + "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 8\r\n\r\n"
         % key, "426"),
        (up + "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n"
         "Origin: http://evil.example\r\n\r\n" % key, "403"),
        ("NICK notweb\r\nUSER a 0 * :b\r\n", "400"),
    ]
    for req, status in checks:
        got = http(req)
        assert got.startswith("HTTP/1.1 " + status), (req, got)
    print("bad upgrades: 404 400 426 403 400")
    # A frame a client did not mask: closed with 1002 (protocol error).
    sock = socket.create_connection(("127.0.0.1", PORT))
    sock.sendall((up + "Sec-WebSocket-Key: %s\r\n"
                  "Sec-WebSocket-Version: 13\r\n\r\n" % key).encode())
    got = b""
    while b"\r\n\r\n" not in got:
        got += sock.recv(4096)
    assert got.startswith(b"HTTP/1.1 101"), got
    # The accept value RFC 6455 gives for its sample key.
    assert b"s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" in got, got
    rest = got.split(b"\r\n\r\n", 1)[1]
    sock.sendall(b"\x81\x05hello")
    sock.settimeout(5)
    while len(rest) < 4:
        chunk = sock.recv(4096)
        if not chunk:
            break
        rest += chunk
    assert rest[:2] == b"\x88\x02" and rest[2:4] == b"\x03\xea", rest
    sock.close()
    print("unmasked frame: closed 1002")
    # The same origin, and one http-origin allows.
    for origin in ("http://127.0.0.1:%d" % PORT, "https://chat.example"):
        async with websockets.connect(URL, origin=origin) as o:
            await register(o, "weborigin")
    print("origins: same host, and http-origin's")


async def main_tls():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    url = f"wss://127.0.0.1:{TLS_PORT}/"
    async with websockets.connect(url, ssl=ctx,
                                  subprotocols=["text.ircv3.net"]) as s:
        assert s.subprotocol == "text.ircv3.net", s.subprotocol
        await register(s, "websecure")
        await s.send("WHOIS websecure")
        await recv_until(s, "671 websecure websecure :is using a secure")
        # Many lines at once come through the TLS records below.
        for i in range(200):
            await s.send(f"PING :burst{i}")
        await recv_until(s, "PONG chatd.local :burst199", limit=400)
        await s.send("QUIT :secure bye")
        await recv_until(s, "ERROR :Closing Link")
        try:
            await asyncio.wait_for(s.recv(), 5)
        except websockets.ConnectionClosed as e:
            assert e.code == 1000, e.code
    print("wss: registered, secure in WHOIS, 200 PINGs answered, close 1000")


asyncio.run(main_tls() if TLS_PORT else main())
