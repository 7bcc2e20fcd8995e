#!/bin/sh
# Install what is missing (Debian 12), build, start chatd on 127.0.0.1:6667
# (and TLS on 127.0.0.1:6697, with a self-signed certificate made once in
# var/; the web client on http://127.0.0.1:8080/ and https://127.0.0.1:8443/)
# in the background and open chatui connected to it: chatting in one
# step. Another terminal's `./src/chatui/chatui` joins the same room.
#
#	sh tools/run.sh [CHATUI-OPTIONS]	chatd in the background + chatui
#	sh tools/run.sh --server [CHATD-OPTIONS]	chatd in the foreground
set -eu
cd "$(dirname "$0")/.."
sh tools/deps.sh
[ -x configure ] || ./autogen.sh
[ -f Makefile ] || ./configure
make -j"$(nproc)"
# The history is kept in a db of its own, so it outlives a restart.
mkdir -p var
# A self-signed certificate for TLS, made the first time only.
./src/chatd/chatd --make-cert var > /dev/null
chatd() {
	./src/chatd/chatd --listen 127.0.0.1:6667 \
	    -o listen-tls=127.0.0.1:6697 -o tls-cert=var/chatd.crt \
	    -o tls-key=var/chatd.key -o motd-file=data/chatd.motd \
	    -o http-listen=127.0.0.1:8080 -o http-listen-tls=127.0.0.1:8443 \
	    -o web-root="$PWD/web" \
	    -o db=var/chatd.db "$@"
}
if [ "${1:-}" = "--server" ]; then
	shift
	chatd "$@"
	exit
fi
chatd --log-file chatd.log 2> chatd.err &
pid=$!
sleep 0.3
if kill -0 "$pid" 2>/dev/null; then
	echo "chatd is running (pid $pid), logging to chatd.log;"
	echo "IRC on 127.0.0.1:6667, IRC over TLS on 127.0.0.1:6697 (self-signed: var/chatd.crt)"
	echo "the web client: http://127.0.0.1:8080/ (https://127.0.0.1:8443/)"
else
	# Most likely a chatd is already there: use it.
	cat chatd.err
	pid=
fi
./src/chatui/chatui "$@" 127.0.0.1:6667
if [ -n "$pid" ]; then
	echo "chatd is still running for the others (pid $pid); stop it with: kill $pid"
fi
