# Issue 18: labeled responses. /whois typed in #lobby is answered in
# #lobby even when the user has gone to another window before the answer
# comes. The server is a small script here (chatd answers before a user
# can switch windows): it offers labeled-response and answers the WHOIS
# a second late, in a labeled batch. Skipped (77) without tmux or python3.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3) || exit 77
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
fail() { echo "$*"; tmux_ capture-pane -p; cat "$TEST_DIR/server.log"; exit 1; }
cat > "$TEST_DIR/server.py" <<'PY'
import re, socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
c, _ = s.accept()
f = c.makefile("rb")
def say(line):
    c.sendall(line.encode() + b"\r\n")
    print(">", line, flush=True)
for raw in f:
    line = raw.decode().rstrip("\r\n")
    print("<", line, flush=True)
    tags = dict(t.split("=", 1) for t in line[1:].split(" ", 1)[0].split(";")) if line.startswith("@") else {}
    cmd = line.split(" ", 1)[1] if line.startswith("@") else line
    if cmd.startswith("CAP LS"):
        say(":fake CAP * LS :batch labeled-response")
    elif cmd.startswith("CAP REQ"):
        say(":fake CAP * ACK :" + cmd.split(":", 1)[1])
    elif cmd.startswith("USER"):
        say(":fake 001 alice :Welcome")
        say(":fake 422 alice :No MOTD")
        say(":alice!a@h JOIN #lobby")
        say(":fake 353 alice = #lobby :alice bob")
        say(":fake 366 alice #lobby :End")
    elif cmd.startswith("WHOIS"):
        time.sleep(1.5)
        say("@label=%s :fake BATCH +w labeled-response" % tags.get("label", "none"))
        say("@batch=w :fake 311 alice bob b host * :Bob the Builder")
        say("@batch=w :fake 318 alice bob :End of /WHOIS list.")
        say(":fake BATCH -w")
    elif cmd.startswith("QUIT"):
        break
PY
"$PY" "$TEST_DIR/server.py" "$TEST_DIR/port" > "$TEST_DIR/server.log" 2>&1 &
server=$!
file_has "$TEST_DIR/port" . || exit 1
CHATUI_ADDR=127.0.0.1:$(cat "$TEST_DIR/port") chatui_start -n alice
screen_has "\[2:#lobby\]" || fail "not in #lobby"
ui_type "/whois bob"
tmux_ send-keys M-1
screen_has "\[1:server\]" || exit 1
file_has "$TEST_DIR/server.log" "BATCH -w" || fail "no answer"
sleep 0.5
tmux_ capture-pane -p | grep -q "Bob the Builder" &&
    fail "the answer came to the server window"
grep -q "^< @label=[^ ]* WHOIS bob" "$TEST_DIR/server.log" || fail "no label"
tmux_ send-keys M-2
screen_has "Bob the Builder" || exit 1
kill "$server" 2>/dev/null
exit 0
