# Issue 17: files between chatuis through chatd's file host. alice (an
# account, -a with CHATUI_PASSWORD) types /upload FILE: the status line
# shows it going, and the link is posted in #lobby with the name and size;
# bob (no account) types /download and finds the same bytes in
# ~/Downloads; a second download of it does not overwrite the first; a
# refused upload (too big, no account) and /cancel are said plainly.
# Skipped (77) without tmux or SQLite.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
need_sqlite
echo wonderland1 | "$CHATD" -o db="$TEST_DIR/chat.db" --account add alice > /dev/null ||
    exit 1
chatd_start -o db="$TEST_DIR/chat.db" -o exempt=127.0.0.1 \
    -o http-listen=127.0.0.1:0 -o file-max-size=8m
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
fail() { echo "$*"; tmux_ capture-pane -p -t "${2:-0}"; exit 1; }
CHATUI=${top_builddir:-.}/src/chatui/chatui
mkdir -p "$TEST_DIR/send"
head -c 3000000 /dev/urandom > "$TEST_DIR/send/report.bin"
head -c 9000000 /dev/urandom > "$TEST_DIR/send/huge.bin"

CHATUI_ENV="CHATUI_PASSWORD=wonderland1" chatui_start -n alice -a alice
screen_has "\[account alice\]" || exit 1
screen_has "\[2:#lobby\]" || exit 1
tmux_ new-window -d -n bob "HOME=$TEST_DIR/bob TERM=screen-256color LC_ALL=C.UTF-8 $CHATUI -n bob 127.0.0.1:$CHATD_PORT; sleep 30"
mkdir -p "$TEST_DIR/bob"
screen_has bob "\[2:#lobby\]" || exit 1

ui_type "/upload $TEST_DIR/send/report.bin"
screen_has "Uploaded report.bin (2.9 MB):" || exit 1
screen_has "<alice> report.bin (2.9 MB)" || exit 1
screen_has bob "<alice> report.bin (2.9 MB)" || exit 1
log_has "event=upload result=ok file=[a-z2-7]* account=alice size=3000000 name=report.bin" ||
    exit 1

# bob: the newest link of the window, into ~/Downloads, twice.
tmux_ send-keys -t bob -l "/download"
tmux_ send-keys -t bob Enter
screen_has bob "Downloaded report.bin (2.9 MB) to" || exit 1
cmp "$TEST_DIR/send/report.bin" "$TEST_DIR/bob/Downloads/report.bin" ||
    fail "the download differs" bob
tmux_ send-keys -t bob -l "/download 1"
tmux_ send-keys -t bob Enter
i=0
until [ -f "$TEST_DIR/bob/Downloads/report (1).bin" ]; do
	i=$((i + 1)); [ $i -gt 150 ] && fail "no second download" bob; sleep 0.1
done
cmp "$TEST_DIR/send/report.bin" "$TEST_DIR/bob/Downloads/report (1).bin" ||
    fail "the second download differs" bob
ls "$TEST_DIR/bob/Downloads" | grep -q part && fail "a part file left" bob

# bob has no account: told what uploads need, nothing sent.
tmux_ send-keys -t bob -l "/upload $TEST_DIR/send/report.bin"
tmux_ send-keys -t bob Enter
screen_has bob "Uploads need an account and its" || exit 1

# Too big: the server's refusal, in words.
ui_type "/upload $TEST_DIR/send/huge.bin"
screen_has "Upload of huge.bin refused: 413 The file is" || exit 1
# Not there: said at once.
ui_type "/upload $TEST_DIR/send/nothing.bin"
screen_has "No such file or directory" || exit 1
ui_type "/cancel"
screen_has "No transfer to cancel." || exit 1
# A link to nothing.
hport=$(sed -n 's/.*listening for HTTP on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$CHATD_LOG")
tmux_ send-keys -t bob -l "/download http://127.0.0.1:$hport/f/aaaaaaaaaaaaaaaaaaaaaaaaaa"
tmux_ send-keys -t bob Enter
screen_has bob "Download refused: 404 No such file." || exit 1
chatui_stop
chatd_stop
