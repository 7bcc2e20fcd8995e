# Issue 13: --log-file is opened again on SIGHUP, so logrotate (data/
# chatd.logrotate) can move it away: lines before the signal stay in the
# old file, lines after it go to a new one at the same path.
. "${top_srcdir:-.}/tests/integration/lib.sh"
chatd_start
"$IRCSPEAK" <<'SCRIPT' || exit 1
register a alice
log event=register id=1 nick=alice
SCRIPT
mv "$CHATD_LOG" "$CHATD_LOG.1" || exit 1
kill -HUP "$CHATD_PID"
i=0
until [ -s "$CHATD_LOG" ]; do
	i=$((i + 1)); [ $i -gt 50 ] && { echo "no new log after SIGHUP"; exit 1; }
	sleep 0.1
done
"$IRCSPEAK" <<'SCRIPT' || exit 1
register b bob
log event=register id=2 nick=bob
SCRIPT
grep -q "event=register id=1 nick=alice" "$CHATD_LOG.1" || exit 1
grep -q "event=reload result=ok" "$CHATD_LOG" || exit 1
if grep -q "nick=alice" "$CHATD_LOG"; then
	echo "the old lines went to the new file"; exit 1
fi
if grep -q "nick=bob" "$CHATD_LOG.1"; then
	echo "the new lines went to the moved file"; exit 1
fi
chatd_stop
