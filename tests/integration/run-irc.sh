# Run one IRC script (tests/integration/*.irc) against a fresh chatd.
#
# Script header lines the runner reads:
#   # chatd: ARGS     more chatd arguments (words; ${TEST_DIR} is expanded)
#   # motd: TEXT      a line of the MOTD file (default: one line, "Hello")
#   # nofile: N       chatd may have at most N open files
#   # tls: yes        a TLS listener too (CHATD_TLS_PORT), with a certificate
#                     of chatd --make-cert in ${TEST_DIR}/certs, and a client
#                     certificate and key in ${TEST_DIR}/client.pem
# After the script, chatd must stop cleanly on SIGTERM (exit 0), unless the
# script made it exit already, in which case its status must be 0 too.

script=$1
. "${top_srcdir:-.}/tests/integration/lib.sh"

args=$(sed -n 's/^# chatd: //p' "$script" | tr '\n' ' ')
args=$(eval "echo \"$args\"")
if grep -q '^# motd: ' "$script"; then
	sed -n 's/^# motd: //p' "$script" > "$TEST_DIR/motd"
else
	echo "Hello" > "$TEST_DIR/motd"
fi

# "# nofile: N" caps chatd's open files (the fd exhaustion test).
nofile=$(sed -n 's/^# nofile: //p' "$script")
if [ -n "$nofile" ]; then
	CHATD_WRAPPER="prlimit --nofile=$nofile:$nofile"
	export CHATD_WRAPPER
fi
if grep -q '^# tls: yes' "$script"; then
	"$CHATD" --make-cert "$TEST_DIR/certs" > /dev/null || exit 1
	"$CHATD" --make-cert "$TEST_DIR/client" -o name=client > /dev/null ||
	    exit 1
	cat "$TEST_DIR/client/chatd.crt" "$TEST_DIR/client/chatd.key" \
	    > "$TEST_DIR/client.pem"
	args="$args -o listen-tls=127.0.0.1:0 \
-o tls-cert=$TEST_DIR/certs/chatd.crt -o tls-key=$TEST_DIR/certs/chatd.key"
fi
# shellcheck disable=SC2086
chatd_start $args
echo "chatd pid $CHATD_PID port $CHATD_PORT args: $args"

"$IRCSPEAK" < "$script"
rc=$?
if [ $rc -ne 0 ]; then
	echo "--- chatd log (last 40 lines) ---"
	tail -n 40 "$CHATD_LOG"
	chatd_stop
	exit 1
fi
if ! chatd_stop; then
	echo "--- chatd log (last 40 lines) ---"
	tail -n 40 "$CHATD_LOG"
	exit 1
fi
if grep -E ' (fatal|ERROR: (Address|Leak)Sanitizer|runtime error)' "$CHATD_LOG" \
    "$TEST_DIR/chatd.stderr"; then
	echo "chatd logged a fatal error"
	exit 1
fi
exit 0
