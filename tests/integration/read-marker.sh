# Issue 15: read markers (draft/read-marker). MARKREAD sets one (it only
# grows) and asks for one ('*' when none); joining a channel tells it
# before the end of the names. An account's markers are told to all its
# connections and kept in the db, so they outlive a restart; a connection
# without an account has its own. Bad input: FAIL MARKREAD ...
. "${top_srcdir:-.}/tests/integration/lib.sh"
DB=$TEST_DIR/chatd.db
need_sqlite
chatd_start -o exempt=127.0.0.1 -o db="$DB"
"$IRCSPEAK" > "$TEST_DIR/first.out" <<'SCRIPT' || { cat "$TEST_DIR/first.out"; tail -n 20 "$CHATD_LOG"; exit 1; }
register a alice draft/read-marker
expect a ^:chatd.local MARKREAD #lobby \*$
next a ^:chatd.local 366 alice #lobby
send a REGISTER * * sesame
expect a REGISTER SUCCESS alice
login b phone alice:sesame draft/read-marker
expect b ^:chatd.local MARKREAD #lobby \*$
send a MARKREAD #lobby timestamp=2026-06-01T12:00:00.000Z
expect a ^:chatd.local MARKREAD #lobby timestamp=2026-06-01T12:00:00.000Z$
expect b ^:chatd.local MARKREAD #lobby timestamp=2026-06-01T12:00:00.000Z$
send b MARKREAD #lobby timestamp=2026-01-01T00:00:00.000Z
expect b ^:chatd.local MARKREAD #lobby timestamp=2026-06-01T12:00:00.000Z$
send b MARKREAD carol timestamp=2026-07-01T00:00:00.000Z
expect a ^:chatd.local MARKREAD carol timestamp=2026-07-01T00:00:00.000Z$
send a MARKREAD #elsewhere
expect a ^:chatd.local MARKREAD #elsewhere \*$
send a MARKREAD
expect a ^:chatd.local FAIL MARKREAD NEED_MORE_PARAMS :
send a MARKREAD #lobby *
expect a ^:chatd.local FAIL MARKREAD INVALID_PARAMS #lobby :
send a MARKREAD #lobby timestamp=yesterday
expect a ^:chatd.local FAIL MARKREAD INVALID_PARAMS #lobby :
# Without an account: its own markers, no one else's.
register c carol draft/read-marker
expect c ^:chatd.local MARKREAD #lobby \*$
send c MARKREAD #lobby timestamp=2026-02-02T00:00:00.000Z
expect c ^:chatd.local MARKREAD #lobby timestamp=2026-02-02T00:00:00.000Z$
refute a 300 MARKREAD #lobby timestamp=2026-02-02
SCRIPT
chatd_stop || exit 1
chatd_start -o exempt=127.0.0.1 -o db="$DB"
"$IRCSPEAK" > "$TEST_DIR/second.out" <<'SCRIPT' || { cat "$TEST_DIR/second.out"; tail -n 20 "$CHATD_LOG"; exit 1; }
login a alice alice:sesame draft/read-marker
expect a ^:chatd.local MARKREAD #lobby timestamp=2026-06-01T12:00:00.000Z$
next a ^:chatd.local 366 alice #lobby
send a MARKREAD carol
expect a ^:chatd.local MARKREAD carol timestamp=2026-07-01T00:00:00.000Z$
SCRIPT
chatd_stop
