# Issue 15: history-memory changed by a reload. Set to 0, what was kept is
# forgotten, clients with cap-notify are told CAP DEL of the history caps
# (and lose them), and CHATHISTORY is unknown; set again, CAP NEW, and
# history is kept from then on.
. "${top_srcdir:-.}/tests/integration/lib.sh"
chatd_start_conf 'exempt = 127.0.0.1\n'
"$IRCSPEAK" <<'SCRIPT' || { tail -n 30 "$CHATD_LOG"; exit 1; }
register a alice echo-message batch cap-notify draft/chathistory
register b bob
send b PRIVMSG alice :before
expect a PRIVMSG alice :before$
send a PRIVMSG #lobby :said before
expect a PRIVMSG #lobby :said before$
write ${CONF} exempt = 127.0.0.1\nhistory-memory = 0
signal HUP
log event=reload result=ok
expect a ^:chatd.local CAP alice DEL :draft/chathistory draft/event-playback draft/message-redaction$
send a CAP LIST
expect a ^:chatd.local CAP alice LIST :echo-message cap-notify batch$
send a CHATHISTORY LATEST bob * 10
expect a ^:chatd.local 421 alice CHATHISTORY :
register c carol
expect c ^:chatd.local 366 carol #lobby
refute c 300 said before
write ${CONF} exempt = 127.0.0.1\nhistory-memory = 100
signal HUP
log event=reload result=ok
expect a ^:chatd.local CAP alice NEW :draft/chathistory draft/event-playback draft/message-redaction$
send a CAP REQ draft/chathistory
expect a ^:chatd.local CAP alice ACK :draft/chathistory$
send b PRIVMSG alice :after
expect a PRIVMSG alice :after$
send a CHATHISTORY LATEST bob * 10
expect a BATCH \+
next a PRIVMSG alice :after$
next a BATCH -
SCRIPT
chatd_stop
