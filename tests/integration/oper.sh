# Operators: OPER against a hash from chatd --hash-password, then KILL,
# WALLOPS and REHASH, and MODE +o in a room nobody operates (#lobby); a
# wrong password or an unknown name is refused.
. "${top_srcdir:-.}/tests/integration/lib.sh"
hash=$(echo "opensesame" | "$CHATD" --hash-password) || exit 1
cat > "$TEST_DIR/chatd.conf" <<CONF
oper = root $hash
exempt = 127.0.0.1
CONF
chatd_start -c "$TEST_DIR/chatd.conf"
"$IRCSPEAK" <<'SCRIPT' || { tail -n 30 "$CHATD_LOG"; exit 1; }
register a alice
register b bob
register w wendy
send w MODE wendy +w
expect w MODE wendy :\+w
send b KILL alice :nope
expect b ^:chatd.local 481 bob :Permission Denied- You're not an IRC operator$
send a OPER root wrong
expect a ^:chatd.local 464 alice :Password incorrect$
send a OPER nobody opensesame
expect a ^:chatd.local 464 alice :Password incorrect$
log event=oper-failed id=1 nick=alice name=root
send a OPER root opensesame
expect a ^:chatd.local 381 alice :You are now an IRC operator$
expect a ^:chatd.local MODE alice :\+o$
send b WHOIS alice
expect b ^:chatd.local 313 bob alice :is an IRC operator$
send a LUSERS
expect a ^:chatd.local 252 alice 1 :operator\(s\) online$
send b MODE #lobby +o bob
expect b ^:chatd.local 482 bob #lobby :You're not channel operator$
send a MODE #lobby +o bob
expect b ^:alice!alice@127.0.0.1 MODE #lobby \+o bob$
send b TOPIC #lobby :Welcome, all
expect a ^:bob!bob@127.0.0.1 TOPIC #lobby :Welcome, all$
send a WALLOPS :maintenance at noon
expect w ^:alice!alice@127.0.0.1 WALLOPS :maintenance at noon$
refute b 300 WALLOPS
send a KILL bob :spamming
expect b ^ERROR :Closing Link: 127.0.0.1 \(Killed \(alice \(spamming\)\)\)$
expect a ^:bob!bob@127.0.0.1 QUIT :Killed \(alice \(spamming\)\)$
log event=kill id=1 nick=alice target=bob reason="Killed \(alice \(spamming\)\)"
send a REHASH
expect a ^:chatd.local 382 alice .*chatd.conf :Rehashing$
log event=reload result=ok
send a MODE alice -o
expect a MODE alice :-o$
send a KILL wendy
expect a 481 alice
SCRIPT
chatd_stop
