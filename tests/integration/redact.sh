# Issue 15: REDACT (draft/message-redaction). The sender, a channel
# operator or an IRC operator may redact a message: those with the cap
# are told, others are not; it is gone from CHATHISTORY and from the db
# (its row deleted: the text is not kept). Anyone else gets
# REDACT_FORBIDDEN, an unknown id UNKNOWN_MSGID, a channel one is not in
# INVALID_TARGET; private messages can be redacted too.
. "${top_srcdir:-.}/tests/integration/lib.sh"
DB=$TEST_DIR/chatd.db
need_sqlite
chatd_start -o exempt=127.0.0.1 -o db="$DB"
"$IRCSPEAK" > "$TEST_DIR/out" <<'SCRIPT' || { cat "$TEST_DIR/out"; tail -n 20 "$CHATD_LOG"; exit 1; }
register a alice message-tags echo-message batch draft/chathistory draft/message-redaction
register b bob message-tags draft/message-redaction
register c carol message-tags
expect a JOIN #lobby
send a PRIVMSG #lobby :a secret said by mistake
expect a ^@msgid=([^ ;]+) :alice!alice@127.0.0.1 PRIVMSG #lobby :a secret
expect b PRIVMSG #lobby :a secret
expect c PRIVMSG #lobby :a secret
send b REDACT #lobby ${MATCH}
expect b ^:chatd.local FAIL REDACT REDACT_FORBIDDEN #lobby ${MATCH} :Only its sender or a channel operator may redact a message$
send a REDACT #lobby ${MATCH} :oops
expect a :alice!alice@127.0.0.1 REDACT #lobby ${MATCH} :oops$
expect b :alice!alice@127.0.0.1 REDACT #lobby ${MATCH} :oops$
refute c 300 REDACT
send a REDACT #lobby ${MATCH}
expect a ^:chatd.local FAIL REDACT UNKNOWN_MSGID #lobby ${MATCH} :
send a REDACT #lobby 0000000000000001
expect a ^:chatd.local FAIL REDACT UNKNOWN_MSGID #lobby 0000000000000001 :
send a REDACT #elsewhere 0000000000000001
expect a ^:chatd.local FAIL REDACT INVALID_TARGET #elsewhere :
send a PRIVMSG #lobby :this one stays
expect a PRIVMSG #lobby :this one stays
send a CHATHISTORY LATEST #lobby * 10
expect a BATCH \+
refute a 300 a secret
# In private: bob redacts what he sent alice.
send b PRIVMSG alice :psst
expect a ^@msgid=([^ ;]+) :bob!bob@127.0.0.1 PRIVMSG alice :psst$
send b REDACT alice ${MATCH}
expect b :bob!bob@127.0.0.1 REDACT alice ${MATCH}$
expect a :bob!bob@127.0.0.1 REDACT alice ${MATCH}$
log event=redact id=[0-9]+ nick=bob target=alice msgid=
SCRIPT
chatd_stop || exit 1
python3 - "$DB" <<'PY' || exit 1
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
secret = db.execute("SELECT count(*) FROM history WHERE line LIKE '%a secret%'").fetchone()[0]
stays = db.execute("SELECT count(*) FROM history WHERE line LIKE '%this one stays%'").fetchone()[0]
if secret != 0 or stays != 1:
    sys.exit(f"in the db: {secret} redacted rows, {stays} kept (want 0 and 1)")
PY
