# Issue 15, the db: what is said and done in #lobby (a room of the
# server's, autojoin) outlives a restart. After SIGTERM and a new start on
# the same db, who joins is shown the last lines with the times and
# message ids they had, CHATHISTORY has them, new ids come after the old,
# and chatd --check-db says the file is sound. A room of one's own is not
# kept: it went with the room.
. "${top_srcdir:-.}/tests/integration/lib.sh"
DB=$TEST_DIR/chatd.db
need_sqlite
rm -f "$DB"
chatd_start -o exempt=127.0.0.1 -o db="$DB"
log_has "event=history store=db file=$DB memory=20000"
"$IRCSPEAK" > "$TEST_DIR/first.out" <<'SCRIPT' || { cat "$TEST_DIR/first.out"; tail -n 30 "$CHATD_LOG"; exit 1; }
register a alice server-time message-tags echo-message
send a PRIVMSG #lobby :one
expect a PRIVMSG #lobby :one$
send a @+draft/react=x TAGMSG #lobby
expect a TAGMSG #lobby$
send a PRIVMSG #lobby :two
expect a PRIVMSG #lobby :two$
send a JOIN #side
expect a JOIN #side$
send a PRIVMSG #side :not kept
expect a PRIVMSG #side :not kept$
SCRIPT
# alice's QUIT is in #lobby's history: stop chatd only once it has it.
log_has "event=quit id=[0-9]* nick=alice" || exit 1
chatd_stop
# The lines as alice saw them: their time and msgid.
one=$(sed -n 's/^a< @time=\([^;]*\);msgid=\([^ ]*\) :alice!alice@127.0.0.1 PRIVMSG #lobby :one$/\1 \2/p' "$TEST_DIR/first.out")
two=$(sed -n 's/^a< @time=\([^;]*\);msgid=\([^ ]*\) :alice!alice@127.0.0.1 PRIVMSG #lobby :two$/\1 \2/p' "$TEST_DIR/first.out")
[ -n "$one" ] && [ -n "$two" ] || { echo "no times and ids seen"; cat "$TEST_DIR/first.out"; exit 1; }
T1=${one% *} ID1=${one#* } T2=${two% *} ID2=${two#* }
export T1 ID1 T2 ID2
out=$("$CHATD" --check-db -o db="$DB") || { echo "check-db failed: $out"; exit 1; }
echo "$out" | grep -q "^$DB: ok, schema 11, [0-9]* lines of history, 0 accounts, 0 files, search index [0-9]* lines behind$" ||
    { echo "check-db said: $out"; exit 1; }

chatd_start -o exempt=127.0.0.1 -o db="$DB"
log_has "event=store-load lines=[1-9]"
"$IRCSPEAK" > "$TEST_DIR/second.out" <<'SCRIPT' || { cat "$TEST_DIR/second.out"; tail -n 30 "$CHATD_LOG"; exit 1; }
register b bob server-time message-tags batch echo-message
expect b ^@time=[^ ]* :chatd.local BATCH \+([^ ]+) chathistory #lobby$
next b ^@time=${T1};msgid=${ID1};batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG #lobby :one$
next b ^@time=${T2};msgid=${ID2};batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG #lobby :two$
next b BATCH -
register h hana server-time message-tags batch draft/chathistory draft/event-playback
send h CHATHISTORY LATEST #lobby * 100
expect h BATCH \+([^ ]+) chathistory #lobby$
next h JOIN #lobby$
next h ^@time=${T1};msgid=${ID1};batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG #lobby :one$
next h ^@time=[^;]*;msgid=[^;]*;\+draft/react=x;batch=${MATCH} :alice!alice@127.0.0.1 TAGMSG #lobby$
next h ^@time=${T2};msgid=${ID2};batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG #lobby :two$
next h QUIT :
next h JOIN #lobby$
next h JOIN #lobby$
next h BATCH -
send h CHATHISTORY BEFORE #lobby msgid=${ID2} 2
expect h BATCH \+
next h msgid=${ID1};
next h TAGMSG #lobby$
next h BATCH -
send h JOIN #side
expect h 366 hana #side
send h CHATHISTORY LATEST #side * 100
expect h BATCH \+
next h JOIN #side$
next h BATCH -
send b PRIVMSG #lobby :three
expect b ^@time=[^;]*;msgid=([^ ]*) :bob!bob@127.0.0.1 PRIVMSG #lobby :three$
SCRIPT
id3=$(sed -n 's/^b< @time=[^;]*;msgid=\([^ ]*\) :bob!bob@127.0.0.1 PRIVMSG #lobby :three$/\1/p' "$TEST_DIR/second.out")
# Sixteen hex digits each: as strings, they sort as numbers.
[ "$(printf '%s\n%s\n' "$ID2" "$id3" | sort | tail -n 1)" = "$id3" ] &&
    [ "$id3" != "$ID2" ] || { echo "new id $id3 not after $ID2"; exit 1; }
chatd_stop
