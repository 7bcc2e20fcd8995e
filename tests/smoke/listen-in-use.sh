# An address already in use: one message naming it, exit status 1.
. "${top_srcdir:-.}/tests/integration/lib.sh"
chatd_start
"$CHATD" --listen "127.0.0.1:$CHATD_PORT" 2> "$TEST_DIR/err"
status=$?
cat "$TEST_DIR/err"
[ $status -eq 1 ] || { echo "exit $status, want 1"; exit 1; }
grep -q "cannot listen on 127.0.0.1:$CHATD_PORT: Address already in use" \
    "$TEST_DIR/err" || exit 1
chatd_stop || exit 1
