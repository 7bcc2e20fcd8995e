# ii (suckless), from Debian's packages: the simplest IRC client, which
# sends NICK and USER and nothing else first. It must be taken for an IRC
# client, never for a person (the plain-text mode): it registers, lands in
# #lobby, reads bob, and what it writes reaches bob. Skipped (77) without
# ii.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v ii >/dev/null 2>&1 || exit 77
chatd_start
IRCSPEAK_TIMEOUT=20000 "$IRCSPEAK" > "$TEST_DIR/bob.log" 2>&1 <<'SCRIPT' &
register b bob
expect b ^:iiuser!iiuser@127.0.0.1 JOIN #lobby$
send b PRIVMSG #lobby :hello ii, bob here
expect b ^:iiuser!iiuser@127.0.0.1 PRIVMSG #lobby :hello from ii$
expect b ^:iiuser!iiuser@127.0.0.1 QUIT :ii says bye$
SCRIPT
bob=$!
log_has "event=register id=1 nick=bob" || exit 1
ii -s 127.0.0.1 -p "$CHATD_PORT" -n iiuser -i "$TEST_DIR/ii" \
    > "$TEST_DIR/ii.stdout" 2>&1 &
ii=$!
log_has "event=join id=2 nick=iiuser channel=#lobby" || { kill $ii; exit 1; }
dir=$TEST_DIR/ii/127.0.0.1
# The server's welcome reached ii as IRC (ii writes numerics' text).
file_has "$dir/out" "Welcome to the ChatNet IRC Network iiuser" ||
    { kill $ii; exit 1; }
if grep -q "What name would you like" "$dir/out"; then
	echo "ii was greeted as a person"; kill $ii; exit 1
fi
file_has "$dir/#lobby/out" "<bob> hello ii, bob here" || { kill $ii; exit 1; }
echo "hello from ii" > "$dir/#lobby/in"
file_has "$TEST_DIR/bob.log" "PRIVMSG #lobby :hello from ii" ||
    { kill $ii; exit 1; }
echo "/q ii says bye" > "$dir/in"
wait "$bob" || { cat "$TEST_DIR/bob.log"; kill $ii; exit 1; }
kill $ii 2>/dev/null
wait $ii 2>/dev/null
chatd_stop
