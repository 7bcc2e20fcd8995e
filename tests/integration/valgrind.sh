# Under valgrind memcheck a session touching every kind of object ends, on
# SIGTERM, with no leak and no memory error (make check-valgrind runs the
# whole integration suite so). Skipped (77) without valgrind or in a
# sanitizer build.
command -v valgrind >/dev/null 2>&1 || exit 77
CHATD_VALGRIND=1
. "${top_srcdir:-.}/tests/integration/lib.sh"
[ -z "${CHATD_SANITIZED:-}" ] || exit 77
chatd_start -o exempt=127.0.0.1 -o whowas=2
"$IRCSPEAK" <<'SCRIPT' || { cat "$TEST_DIR/vg.log"; exit 1; }
register a alice server-time message-tags echo-message labeled-response batch
register b bob
send a JOIN #two,#three
send a MODE #two +kbl key ban!*@* 5
send a TOPIC #two :a topic
send a INVITE bob #two
send b AWAY :gone
send a @label=x;+tag=1 PRIVMSG #lobby,bob :hello
expect b PRIVMSG bob :hello
send a WHOIS bob
send a WHO #lobby %tnuf,1
send b NICK robert
send b QUIT :bye
expect a QUIT :bye
send a WHOWAS robert
expect a 369 alice robert
register c carol

sendraw c PRIVMSG #lobby :\xc3\x28\r\n
expect c INVALID_UTF8
SCRIPT
chatd_stop
