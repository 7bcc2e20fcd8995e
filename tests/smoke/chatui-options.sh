# chatui's command line: -h prints the usage (with -s) and exits 0; an
# unknown option prints it and exits 2; a scrollback out of bounds, a port
# out of range (issue 14) or a bad paste setting is one message naming the
# problem and exit 2, before the screen is touched.
. "${top_srcdir:-.}/tests/integration/lib.sh"
: "${CHATUI:=${top_builddir:-.}/src/chatui/chatui}"
LC_ALL=C
export LC_ALL
out=$("$CHATUI" -h) || { echo "-h: exit $?"; exit 1; }
echo "$out" | grep -q -- '-s LINES' || { echo "-h: no -s"; exit 1; }
"$CHATUI" -Z > "$TEST_DIR/out" 2>&1 </dev/null
[ $? -eq 2 ] || { echo "-Z: not exit 2"; exit 1; }
grep -q '^Usage: chatui' "$TEST_DIR/out" || { cat "$TEST_DIR/out"; exit 1; }
# refused MESSAGE ARGS...: chatui ARGS exits 2 with one line, MESSAGE.
refused() {
	want=$1
	shift
	"$CHATUI" "$@" > "$TEST_DIR/out" 2>&1 </dev/null
	status=$?
	[ $status -eq 2 ] || { echo "$*: exit $status"; exit 1; }
	[ "$(wc -l < "$TEST_DIR/out")" -eq 1 ] || { cat "$TEST_DIR/out"; exit 1; }
	grep -q -- "$want" "$TEST_DIR/out" || { cat "$TEST_DIR/out"; exit 1; }
}
for bad in 50 lots 2000000 ""; do
	refused "scrollback must be a number of lines from 100 to 1000000" \
	    -s "$bad"
done
echo "scrollback = 7" > "$TEST_DIR/config"
mkdir -p "$TEST_DIR/home/.config/chatui"
cp "$TEST_DIR/config" "$TEST_DIR/home/.config/chatui/config"
HOME=$TEST_DIR/home XDG_CONFIG_HOME= "$CHATUI" > "$TEST_DIR/out" 2>&1 </dev/null
[ $? -eq 2 ] && grep -q "scrollback must be" "$TEST_DIR/out" ||
    { echo "config scrollback = 7 accepted"; cat "$TEST_DIR/out"; exit 1; }
for bad in 127.0.0.1:99999 127.0.0.1:0 127.0.0.1:66x localhost:-1; do
	refused "the port must be a number from 1 to 65535, not ${bad##*:}" \
	    "$bad"
done
echo "paste = many" > "$TEST_DIR/home/.config/chatui/config"
HOME=$TEST_DIR/home XDG_CONFIG_HOME= "$CHATUI" > "$TEST_DIR/out" 2>&1 </dev/null
[ $? -eq 2 ] && grep -q "paste must be a number of lines" "$TEST_DIR/out" ||
    { echo "config paste = many accepted"; cat "$TEST_DIR/out"; exit 1; }
echo "chatui options: ok"
