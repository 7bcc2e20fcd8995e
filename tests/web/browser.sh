# The browser client, in Debian's headless Chromium driven by puppeteer-core
# (from the npm registry, installed into a folder of this test's own, once
# per build tree): two browser users and a chatui user in #lobby see each
# other's joins, messages with the time, /me, /nick and departures; HTML and
# script in a message stay text; the page is in Russian when the browser
# prefers it; an account logs in with its password, a wrong one is told;
# it survives the server restarting (history kept in the db). Screenshots are kept in
# tests/web/artefacts. Skipped without chromium or node, unless
# CHAT_BROWSER_TESTS=required (.ci/run), which makes that a failure.
. "${top_srcdir:-.}/tests/integration/lib.sh"
builddir=$(cd "${top_builddir:-.}" && pwd)
CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
missing=
[ -x "${CHROMIUM:-}" ] || missing="chromium"
command -v node > /dev/null 2>&1 || missing="$missing node"
command -v npm > /dev/null 2>&1 || missing="$missing npm"
command -v tmux > /dev/null 2>&1 || missing="$missing tmux"
if [ -n "$missing" ]; then
	echo "not installed:$missing"
	[ "${CHAT_BROWSER_TESTS:-}" = required ] && exit 1
	exit 77
fi
[ -f "$builddir/web/catalogue.js" ] || { echo "web/ is not built"; exit 1; }

# puppeteer-core, in a folder of the test's own (a lock: parallel runs).
NODE_DIR=$builddir/tests/web/node
mkdir -p "$NODE_DIR"
(
	flock 9
	if [ ! -d "$NODE_DIR/node_modules/puppeteer-core" ]; then
		cd "$NODE_DIR" &&
		    { [ -f package.json ] || echo '{"private":true}' > package.json; } &&
		    npm install --no-audit --no-fund --loglevel=error \
		    puppeteer-core@24 > npm.log 2>&1 ||
		    { cat npm.log; exit 1; }
	fi
) 9> "$NODE_DIR/.lock" || { echo "npm install puppeteer-core failed"; exit 1; }

# alice has an account (the page logs her in with SASL PLAIN).
need_sqlite
DB="-o db=$TEST_DIR/chat.db"
echo wonderland | "$CHATD" $DB --account add alice > /dev/null || exit 1
chatd_start $DB -o exempt=127.0.0.1 -o flood-burst=100 \
    -o http-listen=127.0.0.1:0 -o web-root="$builddir/web"
hport=$(sed -n 's/.*listening for HTTP on 127\.0\.0\.1:\([0-9]*\).*/\1/p' \
    "$CHATD_LOG" | head -n 1)
[ -n "$hport" ] || { echo "no HTTP port in the log"; cat "$CHATD_LOG"; exit 1; }
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
chatui_start -n carol
screen_has "#lobby" || exit 1

# The script beside its node_modules, where its import finds them.
cp "${top_srcdir:-.}/tests/web/browser.mjs" "$NODE_DIR/"
ARTEFACTS=$builddir/tests/web/artefacts
mkdir -p "$ARTEFACTS"
rm -f "$ARTEFACTS"/*.png
HTTP_URL=http://127.0.0.1:$hport/ CHROMIUM=$CHROMIUM TMUX_SOCK=$TMUX_SOCK \
    ARTEFACTS=$ARTEFACTS WEB_DIR=$builddir/web \
    node "$NODE_DIR/browser.mjs" > "$TEST_DIR/browser.out" 2>&1 &
node_pid=$!

# When the script asks: chatd stops and comes back on the same ports.
i=0
until [ -f "$TEST_DIR/restart-now" ] || ! kill -0 "$node_pid" 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 1800 ] && break
	sleep 0.1
done
if [ -f "$TEST_DIR/restart-now" ]; then
	chatd_stop || exit 1
	port=$CHATD_PORT
	mv "$CHATD_LOG" "$TEST_DIR/chatd-1.log"
	CHATD_LISTEN=127.0.0.1:$port chatd_start $DB -o exempt=127.0.0.1 -o flood-burst=100 \
	    -o http-listen=127.0.0.1:$hport -o web-root="$builddir/web"
	touch "$TEST_DIR/restarted"
fi
wait "$node_pid"
status=$?
cat "$TEST_DIR/browser.out"
[ "$status" -eq 0 ] || exit 1
chatd_stop || exit 1
if grep "event=http-refuse" "$TEST_DIR/chatd-1.log" "$CHATD_LOG"; then
	echo "chatd refused a request of the page"
	exit 1
fi
exit 0
