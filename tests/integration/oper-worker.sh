# Issue 15, the worker: OPER's password hash (yescrypt, about 10 ms of a
# core) runs on a worker thread, so the loop never waits for it. While a
# client makes 30 attempts in one write, a bystander's PING is answered
# within 20 ms; the client's own lines wait their turn, so its replies
# keep their order; a label goes with the reply; one killed while its
# hash is running is simply gone; an unknown name is refused as a
# wrong password is.
. "${top_srcdir:-.}/tests/integration/lib.sh"
hash=$(echo "opensesame" | "$CHATD" --hash-password) || exit 1
cat > "$TEST_DIR/chatd.conf" <<CONF
oper = root $hash
exempt = 127.0.0.1
autojoin =
CONF
chatd_start -c "$TEST_DIR/chatd.conf"
"$IRCSPEAK" <<'SCRIPT' || { tail -n 30 "$CHATD_LOG"; exit 1; }
register m mallory
register c carol
repeat m 30 OPER root wrong%d
served c 20
served c 20
series m 30 :chatd.local 464 mallory :Password incorrect
logcount 30 event=oper-failed id=1 nick=mallory name=root
sendraw m OPER root wrong\r\nPING :after\r\n
next m ^:chatd.local 464 mallory
next m ^:chatd.local PONG chatd.local :after$
register a alice labeled-response batch
send a @label=o1 OPER root opensesame
expect a ^@label=o1 :chatd.local BATCH \+([^ ]+) labeled-response$
next a ^@batch=${MATCH} :chatd.local 381 alice :You are now an IRC operator$
next a ^@batch=${MATCH} :chatd.local MODE alice :\+o$
next a ^:chatd.local BATCH -${MATCH}$
send a @label=o2 OPER nobody opensesame
expect a ^@label=o2 :chatd.local 464 alice :Password incorrect$
register q quentin
send q OPER root opensesame
send a KILL quentin :not now
expect q ^ERROR :Closing Link: 127.0.0.1 \(Killed \(alice \(not now\)\)\)$
log event=quit id=4 nick=quentin
send c PING :still
expect c ^:chatd.local PONG chatd.local :still$
SCRIPT
chatd_stop
