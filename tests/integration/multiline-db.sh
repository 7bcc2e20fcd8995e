# Issue 18: a multiline message outlives a restart whole. After a new
# start on the same db, CHATHISTORY tells it again as the batch it was
# (its lines, the blank one and the joined one), SEARCH finds it by words
# of two of its lines, and a client without the cap gets its lines.
. "${top_srcdir:-.}/tests/integration/lib.sh"
DB=$TEST_DIR/chatd.db
need_sqlite
rm -f "$DB"
chatd_start -o exempt=127.0.0.1 -o db="$DB"
"$IRCSPEAK" <<'SCRIPT' || { tail -n 30 "$CHATD_LOG"; exit 1; }
register a alice message-tags batch echo-message draft/multiline
send a BATCH +b1 draft/multiline #lobby
send a @batch=b1 PRIVMSG #lobby :kept over
send a @batch=b1 PRIVMSG #lobby :
send a @batch=b1 PRIVMSG #lobby :a restart, whole
send a @batch=b1;draft/multiline-concat PRIVMSG #lobby :ly
send a BATCH -b1
expect a BATCH -m
SCRIPT
log_has "event=quit id=[0-9]* nick=alice" || exit 1
chatd_stop
chatd_start -o exempt=127.0.0.1 -o db="$DB"
log_has "event=store-load lines=[1-9]"
"$IRCSPEAK" <<'SCRIPT' || { tail -n 30 "$CHATD_LOG"; exit 1; }
register b bob message-tags batch draft/multiline draft/chathistory soju.im/search
send b CHATHISTORY LATEST #lobby * 10
expect b BATCH \+(h[0-9a-f]+) chathistory #lobby$
expect b ^@msgid=[^;]+;batch=${MATCH} :alice!alice@127.0.0.1 BATCH \+m[0-9a-f]+ draft/multiline #lobby$
next b ^@batch=m[0-9a-f]+ :alice!alice@127.0.0.1 PRIVMSG #lobby :kept over$
next b ^@batch=m[0-9a-f]+ :alice!alice@127.0.0.1 PRIVMSG #lobby :$
next b ^@batch=m[0-9a-f]+ :alice!alice@127.0.0.1 PRIVMSG #lobby :a restart, whole$
next b ^@batch=m[0-9a-f]+;draft/multiline-concat :alice!alice@127.0.0.1 PRIVMSG #lobby :ly$
next b BATCH -m[0-9a-f]+$
next b BATCH -h[0-9a-f]+$
send b SEARCH in=#lobby;text=over restart
expect b BATCH \+([^ ]+) soju.im/search$
next b BATCH \+m[0-9a-f]+ draft/multiline #lobby$
next b PRIVMSG #lobby :kept over$
register c carol message-tags batch draft/chathistory
send c CHATHISTORY LATEST #lobby * 10
expect c BATCH \+(h[0-9a-f]+) chathistory #lobby$
expect c ^@msgid=[^;]+;batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG #lobby :kept over$
next c ^@batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG #lobby :a restart, whole$
next c ^@batch=${MATCH} :alice!alice@127.0.0.1 PRIVMSG #lobby :ly$
next c BATCH -h
SCRIPT
chatd_stop
