# SIGHUP reloads the configuration: a good file takes effect for the next
# registration (its 005 and MOTD too, which chatd formats once per
# configuration); a bad one is reported and the old one kept; nobody is
# dropped either way.
. "${top_srcdir:-.}/tests/integration/lib.sh"
chatd_start_conf 'autojoin = #first\n'
"$IRCSPEAK" <<'SCRIPT' || { tail -n 30 "$CHATD_LOG"; exit 1; }
register a alice
expect a ^:alice!alice@127.0.0.1 JOIN #first$
write ${CONF} autojoin = #second\nnetwork = NewNet
write ${TEST_DIR}/motd Fresh news
signal HUP
log event=reload result=ok
connect b
send b NICK bob
send b USER bob 0 * :Bob
expect b ^:chatd.local 001 bob :Welcome to the NewNet IRC Network bob!bob@127.0.0.1$
expect b ^:chatd.local 005 bob .* NETWORK=NewNet :are supported by this server$
expect b ^:chatd.local 372 bob :- Fresh news$
expect b ^:bob!bob@127.0.0.1 JOIN #second$
write ${CONF} autojoin = #third\nno-such-option = 1
signal HUP
log event=reload result=failed error=".*chatd.conf:2: unknown option: no-such-option"
register c carol
expect c ^:carol!carol@127.0.0.1 JOIN #second$
send a PRIVMSG bob :still connected
expect b ^:alice!alice@127.0.0.1 PRIVMSG bob :still connected$
SCRIPT
chatd_stop
