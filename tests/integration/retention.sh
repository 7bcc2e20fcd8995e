# Issue 15: retention. With history-max-age (days) and history-max-lines
# (a target's), chatd prunes the db on the pool at start and every ten
# minutes: older lines go, and each channel keeps its newest lines only.
. "${top_srcdir:-.}/tests/integration/lib.sh"
need_sqlite
DB=$TEST_DIR/chatd.db
"$CHATD" --check-db -o db="$DB" > /dev/null || exit 1
python3 - "$DB" <<'PY' || exit 1
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
now = int(time.time() * 1000)
def add(target, ms, i):
    msgid = ((ms - 1577836800000) << 22) | i
    db.execute("INSERT INTO history (msgid, target, time, kind, flags, line) "
               "VALUES (?, ?, ?, 6, 0, ?)",
               (msgid, target, ms, ":old!old@127.0.0.1 PRIVMSG %s :line %d" % (target, i)))
for i in range(5):
    add("#lobby", now - 3 * 86400000, i)		# three days old
for i in range(5, 15):
    add("#lobby", now - 60000 + i, i)		# a minute old
for i in range(6):
    add("#other", now - 60000 + i, i)
db.commit()
PY
chatd_start -o db="$DB" -o history-max-age=1 -o history-max-lines=4
log_has "event=store-prune lines=13" || { tail -n 20 "$CHATD_LOG"; exit 1; }
chatd_stop || exit 1
python3 - "$DB" <<'PY' || exit 1
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
got = db.execute("SELECT target, group_concat(line, '|') FROM "
                 "(SELECT * FROM history WHERE kind = 6 ORDER BY msgid) "
                 "GROUP BY target ORDER BY target").fetchall()
want = [("#lobby", "|".join(":old!old@127.0.0.1 PRIVMSG #lobby :line %d" % i for i in range(11, 15))),
        ("#other", "|".join(":old!old@127.0.0.1 PRIVMSG #other :line %d" % i for i in range(2, 6)))]
if got != want:
    sys.exit("kept: %r" % got)
PY
