# The configuration file: --check-config accepts the sample and a good file,
# and a bad line is named by file and line with exit status 2.
. "${top_srcdir:-.}/tests/integration/lib.sh"
sample="${top_builddir}/data/chatd.conf.sample"
"$CHATD" -c "$sample" --check-config || { echo "sample rejected"; exit 1; }

cat > "$TEST_DIR/good.conf" <<'CONF'
# a team server
name = chat.example.org
listen = 127.0.0.1:0
autojoin = #lobby
autojoin = #dev
sendq = 1m
log-messages = content
exempt = 10.0.0.0/8
CONF
out=$("$CHATD" -c "$TEST_DIR/good.conf" --check-config) || exit 1
echo "$out" | grep -q "valid" || exit 1

printf 'name = x\n\nflood-rate = fast\n' > "$TEST_DIR/bad.conf"
"$CHATD" -c "$TEST_DIR/bad.conf" --check-config 2> "$TEST_DIR/err"
status=$?
cat "$TEST_DIR/err"
[ $status -eq 2 ] || { echo "exit $status, want 2"; exit 1; }
grep -q "bad.conf:3: flood-rate: not a number: fast" "$TEST_DIR/err" || exit 1
[ "$(wc -l < "$TEST_DIR/err")" -eq 1 ] || { echo "more than one line"; exit 1; }

"$CHATD" -c "$TEST_DIR/missing.conf" 2> "$TEST_DIR/err"
[ $? -eq 2 ] || exit 1
grep -q "missing.conf: No such file" "$TEST_DIR/err" || exit 1

# -o applies after the file: the override wins.
"$CHATD" -c "$TEST_DIR/good.conf" -o sendq=oops --check-config 2> "$TEST_DIR/err"
[ $? -eq 2 ] || exit 1
grep -q -- "-o sendq=oops" "$TEST_DIR/err" || exit 1
exit 0
