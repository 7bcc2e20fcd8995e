# Issue 13: chatd speaks Russian to a person when the locale asks for it:
# --help, a configuration error, and the plain-text mode's greeting and
# lines, from po/ru.po (built into po/ru.gmo; CHAT_LOCALEDIR points chatd
# at it in the build tree). Protocol text and the log stay as they are.
# Skipped (77) in a build without NLS.
. "${top_srcdir:-.}/tests/integration/lib.sh"
need_russian
CHAT_LOCALEDIR=$TEST_DIR/locale LANGUAGE=ru LC_ALL=C.UTF-8
export CHAT_LOCALEDIR LANGUAGE LC_ALL
"$CHATD" --help | grep -q "^Использование: chatd" ||
    { echo "--help is not in Russian"; exit 1; }
"$CHATD" -o max-clients=zero 2> "$TEST_DIR/err"
[ $? -eq 2 ] || exit 1
grep -q "max-clients: не число: zero" "$TEST_DIR/err" ||
    { cat "$TEST_DIR/err"; exit 1; }
chatd_start
"$IRCSPEAK" <<'SCRIPT' || exit 1
register a alice
connect p
expect p ^Здравствуйте! Это chatd.local, сервер для общения.$
next p ^Как вас назвать\?$
sendraw p alice\n
expect p ^Имя alice занято. Попробуйте другое:$
sendraw p boris\n
expect p ^Добро пожаловать, boris!
expect p ^\[[0-9]{2}:[0-9]{2}\] Вы в #lobby.$
send a PRIVMSG #lobby :привет
expect p ^\[[0-9]{2}:[0-9]{2}\] <alice> привет$
send a QUIT :пока
expect p ^\[[0-9]{2}:[0-9]{2}\] alice ушёл \(пока\).$
SCRIPT
# The log is for programs: it stays in English and key=value.
grep -q "event=register id=2 nick=boris" "$CHATD_LOG" || exit 1
chatd_stop
