# Issue 17: DCC between chatui and irssi and WeeChat (Debian's), in tmux
# on one chatd: chatui sends a 10 MB file to each (/dcc send) and takes
# one from each (/dcc get), sha256 equal every way; an offer is one line
# and nothing is written before /dcc get; a part file left by a cut
# transfer is resumed (DCC RESUME/ACCEPT) both ways with irssi; a passive
# offer (port 0 and a token, from a sender that cannot be reached) is
# taken by listening; a name with directories in it is saved as its last
# part; /dcc list and /dcc close. Skipped (77) without tmux, irssi or
# weechat.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
command -v irssi >/dev/null 2>&1 || exit 77
command -v weechat >/dev/null 2>&1 || exit 77
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
CHATUI=${CHATUI:-${top_builddir:-.}/src/chatui/chatui}
A=$TEST_DIR/alice
mkdir -p "$A" "$TEST_DIR/irssi/home" "$TEST_DIR/wee/dl"
head -c 10000000 /dev/urandom > "$TEST_DIR/ten.bin"
head -c 10000001 /dev/urandom > "$TEST_DIR/irssi/eleven.bin"
head -c 10000002 /dev/urandom > "$TEST_DIR/wee/twelve.bin"
same() {	# what, two files: equal, or the test fails
	if [ "$(sha256sum < "$2")" != "$(sha256sum < "$3")" ]; then
		echo "$1: $2 and $3 differ"; ls -la "$(dirname "$3")"; exit 1
	fi
	echo "ok: $1"
}
wait_file() {	# a file of that size, within 20 s
	i=0
	until [ -f "$1" ] && [ "$(stat -c %s "$1")" -eq "$2" ]; do
		i=$((i + 1))
		[ $i -gt 200 ] && { echo "no $1 of $2 bytes"; ls -la "$(dirname "$1")"; tmux_ capture-pane -p -t alice; exit 1; }
		sleep 0.1
	done
}
alice() { tmux_ send-keys -t alice -l "$1"; tmux_ send-keys -t alice Enter; }
irssi() { tmux_ send-keys -t irssi -l "$1"; tmux_ send-keys -t irssi Enter; }
wee() { tmux_ send-keys -t wee -l "$1"; tmux_ send-keys -t wee Enter; }

tmux_ new-session -d -x 120 -y 40 -n alice "HOME=$A TERM=screen-256color LC_ALL=C.UTF-8 $CHATUI -n alice 127.0.0.1:$CHATD_PORT; sleep 60"
tmux_ new-window -d -n irssi "HOME=$TEST_DIR/irssi/home TERM=screen irssi --home=$TEST_DIR/irssi -n irssiuser -c 127.0.0.1 -p $CHATD_PORT; sleep 60"
tmux_ new-window -d -n wee "HOME=$TEST_DIR/wee TERM=screen-256color LC_ALL=C.UTF-8 weechat -d $TEST_DIR/wee/.weechat -r '/server add chat 127.0.0.1/$CHATD_PORT;/set irc.server.chat.nicks weeuser;/set irc.server.chat.autojoin #lobby;/set xfer.file.auto_accept_files on;/set xfer.file.download_path $TEST_DIR/wee/dl;/connect chat'; sleep 60"
screen_has alice "irssiuser" || exit 1
screen_has alice "weeuser" || exit 1

# chatui to irssi and to WeeChat.
alice "/dcc send irssiuser $TEST_DIR/ten.bin"
screen_has irssi "DCC SEND from alice .*ten.bin" || exit 1
irssi "/dcc get alice"
wait_file "$TEST_DIR/irssi/home/ten.bin" 10000000
same "chatui to irssi" "$TEST_DIR/ten.bin" "$TEST_DIR/irssi/home/ten.bin"
screen_has alice "DCC: sent ten.bin to irssiuser." || exit 1
alice "/dcc send weeuser $TEST_DIR/ten.bin"
wait_file "$TEST_DIR/wee/dl/alice.ten.bin" 10000000
same "chatui to WeeChat" "$TEST_DIR/ten.bin" "$TEST_DIR/wee/dl/alice.ten.bin"

# irssi and WeeChat to chatui: an offer is a line, and nothing more.
irssi "/dcc send alice $TEST_DIR/irssi/eleven.bin"
screen_has alice "irssiuser offers eleven.bin (9.5 MB): /dcc get irssiuser" || exit 1
sleep 0.5
ls "$A/Downloads" 2>/dev/null | grep -q eleven && { echo "written before /dcc get"; exit 1; }
alice "/dcc list"
screen_has alice "[0-9]*: get eleven.bin with irssiuser (9.5 MB), offered, 0%" || exit 1
alice "/dcc get irssiuser"
wait_file "$A/Downloads/eleven.bin" 10000001
same "irssi to chatui" "$TEST_DIR/irssi/eleven.bin" "$A/Downloads/eleven.bin"
wee "/dcc send alice $TEST_DIR/wee/twelve.bin"
screen_has alice "weeuser offers twelve.bin" || exit 1
alice "/dcc get weeuser twelve.bin"
wait_file "$A/Downloads/twelve.bin" 10000002
same "WeeChat to chatui" "$TEST_DIR/wee/twelve.bin" "$A/Downloads/twelve.bin"

# Resume, chatui receiving: the first 3 MB are here already.
head -c 3000000 "$TEST_DIR/irssi/eleven.bin" > "$A/Downloads/again.bin.part"
cp "$TEST_DIR/irssi/eleven.bin" "$TEST_DIR/irssi/again.bin"
irssi "/dcc send alice $TEST_DIR/irssi/again.bin"
screen_has alice "irssiuser offers again.bin" || exit 1
alice "/dcc get irssiuser again.bin"
screen_has alice "asking irssiuser to resume again.bin from 3000000 bytes" || exit 1
wait_file "$A/Downloads/again.bin" 10000001
same "a resumed get" "$TEST_DIR/irssi/again.bin" "$A/Downloads/again.bin"

# Resume, chatui sending: irssi has 4 MB of it and asks for the rest.
cp "$TEST_DIR/ten.bin" "$TEST_DIR/more.bin"
head -c 4000000 "$TEST_DIR/ten.bin" > "$TEST_DIR/irssi/home/more.bin"
alice "/dcc send irssiuser $TEST_DIR/more.bin"
screen_has irssi "DCC SEND from alice .*more.bin" || exit 1
irssi "/dcc resume alice"
wait_file "$TEST_DIR/irssi/home/more.bin" 10000000
same "a resumed send" "$TEST_DIR/more.bin" "$TEST_DIR/irssi/home/more.bin"

# A passive offer with a climbing name, from a client that cannot be
# reached: chatui listens and says where; the sender connects.
$PY - "$CHATD_PORT" "$TEST_DIR/passive.out" <<'PYEOF' &
import os, socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.settimeout(30)
s.sendall(b"NICK natted\r\nUSER n 0 * :n\r\n")
f = s.makefile("rb")
data = bytes(range(256)) * 4096
while b" 001 " not in f.readline():
    pass
time.sleep(0.5)
s.sendall(b"PRIVMSG alice :\x01DCC SEND ../../up/evil.bin 0 0 %d 77\x01\r\n" % len(data))
for line in f:
    if b"DCC SEND" in line and b" 77\x01" in line:
        w = line.split(b"DCC SEND ")[1].split()
        d = socket.create_connection(("127.0.0.1", int(w[2])))
        d.sendall(data)
        got = b""
        d.settimeout(20)
        while len(got) < 4 or len(got) % 4 or \
                int.from_bytes(got[-4:], "big") != len(data):
            more = d.recv(64)
            if not more:
                break
            got += more
        d.close()
        open(sys.argv[2], "wb").write(data)
        break
time.sleep(1)
PYEOF
py=$!
screen_has alice "natted offers evil.bin (1.0 MB): /dcc get natted" || exit 1
alice "/dcc get natted"
wait "$py" || { echo "the passive sender failed"; tmux_ capture-pane -p -t alice | tail; exit 1; }
wait_file "$A/Downloads/evil.bin" 1048576
same "a passive offer" "$TEST_DIR/passive.out" "$A/Downloads/evil.bin"
[ -e "$TEST_DIR/up" ] && { echo "a path from the offer was used"; exit 1; }

# /dcc close ends an offer; a bad command says how it goes.
alice "/dcc send irssiuser $TEST_DIR/ten.bin"
screen_has alice "DCC: offered ten.bin (9.5 MB) to irssiuser." || exit 1
alice "/dcc close irssiuser"
screen_has alice "DCC ten.bin to irssiuser closed." || exit 1
alice "/dcc sideways"
screen_has alice "Usage: /dcc send NICK FILE" || exit 1
chatui_stop
chatd_stop
