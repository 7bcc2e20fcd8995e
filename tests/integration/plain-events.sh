# Issue 13: the plain-text user reads topic changes, kicks and parts in
# words, and learns the topic when it arrives. alice, an operator, runs
# #lobby (which has no operator of its own).
. "${top_srcdir:-.}/tests/integration/lib.sh"
hash=$(echo "opensesame" | "$CHATD" --hash-password) || exit 1
cat > "$TEST_DIR/chatd.conf" <<CONF
oper = root $hash
CONF
chatd_start -c "$TEST_DIR/chatd.conf"
"$IRCSPEAK" <<'SCRIPT' || { tail -n 30 "$CHATD_LOG"; exit 1; }
register a alice
send a OPER root opensesame
expect a 381 alice
send a MODE #lobby +o alice
expect a MODE #lobby \+o alice$
send a TOPIC #lobby :Welcome, all
expect a TOPIC #lobby :Welcome, all$
connect p
expect p ^What name would you like to use\?$
sendraw p bob\n
expect p ^The topic is: Welcome, all$
register c carol
expect p ^\[[0-9]{2}:[0-9]{2}\] carol has joined #lobby.$
send a TOPIC #lobby :Lunch at noon
expect p ^\[[0-9]{2}:[0-9]{2}\] alice has set the topic of #lobby: Lunch at noon$
send a KICK #lobby carol :enough
expect p ^\[[0-9]{2}:[0-9]{2}\] alice has put carol out of #lobby \(enough\).$
send a PART #lobby :back soon
expect p ^\[[0-9]{2}:[0-9]{2}\] alice has left #lobby \(back soon\).$
refute p 300 ^:|^[A-Z]+ |^@
SCRIPT
chatd_stop
