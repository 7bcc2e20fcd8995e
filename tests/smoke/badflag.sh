# A bad command line gets one message naming the problem and exit status 2.
. "${top_srcdir:-.}/tests/integration/lib.sh"
check() {
	want=$1; shift
	"$CHATD" "$@" > "$TEST_DIR/out" 2> "$TEST_DIR/err"
	status=$?
	cat "$TEST_DIR/err"
	[ $status -eq 2 ] || { echo "chatd $*: exit $status, want 2"; exit 1; }
	grep -q -- "$want" "$TEST_DIR/err" || { echo "chatd $*: no '$want'"; exit 1; }
	[ "$(head -n 1 "$TEST_DIR/err" | cut -c1-7)" = "chatd: " ] || exit 1
}
check "unknown option: --bogus" --bogus
check "unknown option: -x" -x
check "option needs a value: --listen" --listen
check "unexpected argument: extra" extra
check "bad address nowhere" --listen nowhere
check "log-level: unknown value loud" --log-level loud
check "unknown option: colour" -o colour=red
check "expected KEY=VALUE" -o justakey
check "sendq: 1 is out of range" -o sendq=1
