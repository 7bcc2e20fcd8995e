# Shared by the shell tests: start a chatd of our own on a free loopback
# port, find its port in its log, stop it by its PID.
#
# chatd_start [ARGS...]   sets CHATD_PID, CHATD_PORT, CHATD_LOG, TEST_DIR
#                         (and CHATD_TLS_PORT with listen-tls)
#                         (CHATD_LISTEN: the address, 127.0.0.1:0 if unset)
# chatd_start_conf TEXT [ARGS...]   the same with a configuration file
# chatd_stop              SIGTERM, then check it exited 0 within 5 seconds
# file_has FILE TEXT      wait up to 15 s for TEXT (a grep pattern) in FILE
# log_has TEXT            the same for chatd's log
# need_russian, need_sqlite   skip (77) without the Russian catalogue, SQLite
# KEEP_TEST_DIR=1         TEST_DIR copied to /tmp/kept-test at exit (debugging)

: "${CHATD:=${top_builddir:-.}/src/chatd/chatd}"
: "${IRCSPEAK:=${top_builddir:-.}/tests/integration/ircspeak}"
# ASan keeps freed memory in quarantine: memory bounds are not checked.
if nm "$CHATD" 2>/dev/null | grep -q __asan_init; then
	CHATD_SANITIZED=1
	export CHATD_SANITIZED
fi

TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/chatd-test.XXXXXX")
export TEST_DIR
trap 'chatd_cleanup' EXIT

chatd_cleanup() {
	[ -n "${KEEP_TEST_DIR:-}" ] && cp -r "$TEST_DIR" /tmp/kept-test;
	if [ -n "${CHATD_PID:-}" ] && kill -0 "$CHATD_PID" 2>/dev/null; then
		kill -KILL "$CHATD_PID" 2>/dev/null
	fi
	rm -rf "$TEST_DIR"
}

# CHATD_VALGRIND=1 (make check-valgrind): chatd runs under valgrind
# memcheck, and chatd_stop fails on any error or leak it reports.
if [ -n "${CHATD_VALGRIND:-}" ]; then
	VALGRIND="valgrind --quiet --leak-check=full --show-leak-kinds=all \
--errors-for-leak-kinds=all --error-exitcode=3 --log-file=$TEST_DIR/vg.log"
	# Memcheck sees the bytes of a writev, not those io_uring reads from
	# the ring: under valgrind, chatd writes with writev (the normal run
	# of the suite covers io_uring).
	CHATD_EXTRA="-o io-uring=no"
	: "${IRCSPEAK_TIMEOUT:=30000}"
	export IRCSPEAK_TIMEOUT
fi

# chatd_start_conf TEXT [ARGS...]: chatd_start with -c CONF, a file holding
# TEXT (printf escapes); CONF is exported for the scripts' write command.
chatd_start_conf() {
	CONF=$TEST_DIR/chatd.conf
	export CONF
	# shellcheck disable=SC2059
	printf "$1" > "$CONF"
	shift
	chatd_start -c "$CONF" "$@"
}

chatd_start() {
	CHATD_LOG=$TEST_DIR/chatd.log
	export CHATD_LOG
	: > "$CHATD_LOG"
	$CHATD_WRAPPER ${VALGRIND:-} "$CHATD" --listen "${CHATD_LISTEN:-127.0.0.1:0}" --log-file "$CHATD_LOG" \
	    --log-level debug -o motd-file="$TEST_DIR/motd" ${CHATD_EXTRA:-} "$@" \
	    2> "$TEST_DIR/chatd.stderr" &
	CHATD_PID=$!
	export CHATD_PID
	i=0
	while :; do
		CHATD_PORT=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' \
		    "$CHATD_LOG" | head -n 1)
		[ -n "$CHATD_PORT" ] && break
		if ! kill -0 "$CHATD_PID" 2>/dev/null; then
			echo "chatd did not start:"; cat "$TEST_DIR/chatd.stderr"
			exit 1
		fi
		i=$((i + 1))
		if [ $i -gt 200 ]; then
			echo "chatd did not log its port"; exit 1
		fi
		sleep 0.05
	done
	export CHATD_PORT
	# The TLS port, if listen-tls is given: logged before event=start.
	i=0
	until grep -q 'event=start' "$CHATD_LOG" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 200 ] && break
		sleep 0.05
	done
	CHATD_TLS_PORT=$(sed -n \
	    's/.*listening for TLS on 127\.0\.0\.1:\([0-9]*\).*/\1/p' \
	    "$CHATD_LOG" | head -n 1)
	export CHATD_TLS_PORT
}

# Wait for chatd to exit by itself within $1 tenths of a second; 1 if not.
chatd_wait_exit() {
	i=0
	while kill -0 "$CHATD_PID" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt "$1" ] && return 1
		sleep 0.1
	done
	return 0
}

chatd_stop() {
	if kill -0 "$CHATD_PID" 2>/dev/null; then
		kill -TERM "$CHATD_PID"
	fi
	if ! chatd_wait_exit 50; then
		echo "chatd did not exit within 5 seconds of SIGTERM"
		return 1
	fi
	wait "$CHATD_PID"
	status=$?
	CHATD_PID=
	if [ "$status" -ne 0 ]; then
		echo "chatd exited with status $status"
		cat "$TEST_DIR/chatd.stderr"
		[ -s "$TEST_DIR/vg.log" ] && cat "$TEST_DIR/vg.log"
		return 1
	fi
	if [ -s "$TEST_DIR/vg.log" ]; then
		cat "$TEST_DIR/vg.log"
		return 1
	fi
	[ -n "${VALGRIND:-}" ] && echo "valgrind: no leaks, no errors"
	return 0
}

file_has() {
	i=0
	until grep -q -- "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 150 ]; then
			echo "$1 never had: $2"
			return 1
		fi
		sleep 0.1
	done
}

log_has() {
	file_has "$CHATD_LOG" "$1"
}

# need_russian: po/ru.gmo as $TEST_DIR/locale (for CHAT_LOCALEDIR), or
# skip (77) in a build without NLS. gettext builds the catalogue in the
# source tree (so in a VPATH build too).
need_russian() {
	gmo=${top_builddir:-.}/po/ru.gmo
	[ -f "$gmo" ] || gmo=${top_srcdir:-.}/po/ru.gmo
	[ -f "$gmo" ] || exit 77
	grep -q '^#define ENABLE_NLS 1' "${top_builddir:-.}/config.h" || exit 77
	mkdir -p "$TEST_DIR/locale/ru/LC_MESSAGES"
	cp "$gmo" "$TEST_DIR/locale/ru/LC_MESSAGES/chat.mo"
}

# need_sqlite: skip (77) a test of the db in a chatd built without SQLite.
need_sqlite() {
	if "$CHATD" --check-db -o db="$TEST_DIR/probe.db" 2>&1 |
	    grep -q "without SQLite"; then
		exit 77
	fi
}
