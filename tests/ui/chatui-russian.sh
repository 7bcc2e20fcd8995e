# Issue 14: chatui in Russian, from po/ru.po (CHAT_LOCALEDIR points it at
# the build tree's catalogue): /help's list and a command's usage and
# help, a join line, and the member count with its plural forms (1
# человек, 2 человека, 5 человек). Skipped (77) without tmux or NLS.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v tmux >/dev/null 2>&1 || exit 77
need_russian
chatd_start -o exempt=127.0.0.1
. "${top_srcdir:-.}/tests/ui/tmux-lib.sh"
CHATUI=${CHATUI:-${top_builddir:-.}/src/chatui/chatui}
# Four others in #lobby (five with chatui), one in #two.
IRCSPEAK_TIMEOUT=30000 "$IRCSPEAK" > "$TEST_DIR/peers.log" 2>&1 <<'SCRIPT' &
register a ann
register b ben
register c cat
register d dan
sendraw d JOIN #two\r\n
expect d ^:dan![^ ]+ JOIN #two
write ${TEST_DIR}/ready yes
expect a ^:ru![^ ]+ PRIVMSG #lobby :пока$
SCRIPT
peers=$!
file_has "$TEST_DIR/ready" yes || { cat "$TEST_DIR/peers.log"; exit 1; }
tmux_ new-session -d -x 80 -y 24 "HOME=$TEST_DIR TERM=screen-256color \
CHAT_LOCALEDIR=$TEST_DIR/locale LANGUAGE=ru LC_ALL=C.UTF-8 \
$CHATUI -n ru 127.0.0.1:$CHATD_PORT; sleep 30"
screen_has "ru (ru!ru@127.0.0.1) вошёл в #lobby" || exit 1
screen_has "5 человек здесь" || exit 1
ui_type "/join #two"
screen_has "2 человека здесь" || exit 1
ui_type "/join #solo"
screen_has "1 человек здесь" || exit 1
ui_type "/help join"
screen_has "/join КАНАЛ" || exit 1
screen_has "Войти в каналы" || exit 1
ui_type "/help"
screen_has "/whowas" || exit 1
ui_type "/frob"
screen_has "Неизвестная команда /frob" || exit 1
ui_type "/window 2"
ui_type "пока"
wait "$peers" || { cat "$TEST_DIR/peers.log"; exit 1; }
exit 0
