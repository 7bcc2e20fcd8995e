# Output through io_uring and through writev: a burst of 12,000 lines (5 MB)
# to a channel reaches a fast member and a slow reader (whose socket fills,
# so the rest waits in chatd's backlog) whole and in order, with io-uring
# on, then after a SIGHUP turned it off, then after one turned it on again.
# Four more members make each turn's writes more than the lone request
# that chatd makes with a plain call even with io-uring on (uring.c).
# Where the kernel has no io_uring, chatd says so and all three rounds use
# writev.
. "${top_srcdir:-.}/tests/integration/lib.sh"
chatd_start_conf 'exempt = 127.0.0.1\nsendq = 32m\nio-uring = yes\n'
if grep -q 'event=io-uring result=ok' "$CHATD_LOG"; then
	echo "io_uring: in use"
elif grep -q 'event=io-uring result=unavailable' "$CHATD_LOG"; then
	echo "io_uring: unavailable here; every round uses writev"
elif [ -n "${CHATD_VALGRIND:-}" ]; then
	echo "io_uring: off under valgrind (lib.sh); every round uses writev"
else
	echo "chatd did not log whether it uses io_uring"
	exit 1
fi

PAD=$(printf '%0400d' 0)
export PAD
# round TAG: alice sends 12,000 lines in one write; bob and the slow
# reader must each get every one, in order.
round() {
	printf '%s\n' "repeat a 12000 PRIVMSG #lobby :$1 %d \${PAD}" \
	    "series b 12000 :alice!alice@127.0.0.1 PRIVMSG #lobby :$1 %d \${PAD}" \
	    "series s 12000 :alice!alice@127.0.0.1 PRIVMSG #lobby :$1 %d \${PAD}" \
	    "served s 100"
}

{
	cat <<'SCRIPT'
register a alice
register b bob
register w1 watcher1
register w2 watcher2
register w3 watcher3
register w4 watcher4
connect s rcvbuf
register s slow
expect s ^:chatd.local 366 slow #lobby 
expect a ^:slow!slow@127.0.0.1 JOIN #lobby$
expect b ^:slow!slow@127.0.0.1 JOIN #lobby$
SCRIPT
	round on
	printf '%s\n' 'write ${CONF} exempt = 127.0.0.1\nsendq = 32m\nio-uring = no' \
	    'signal HUP' 'log event=reload result=ok'
	round off
	printf '%s\n' 'write ${CONF} exempt = 127.0.0.1\nsendq = 32m\nio-uring = yes' \
	    'signal HUP' 'logcount 2 event=reload result=ok'
	round again
} > "$TEST_DIR/script"
"$IRCSPEAK" < "$TEST_DIR/script" || { tail -n 30 "$CHATD_LOG"; exit 1; }
chatd_stop
