#!/bin/sh
# Install what is missing (Debian 12), build, start chatd on 127.0.0.1:6667
# in the background and open chatui connected to it: chatting in one step.
# Another terminal's `./src/chatui/chatui` joins the same room.
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
if [ "${1:-}" = "--server" ]; then
	shift
	exec ./src/chatd/chatd --listen 127.0.0.1:6667 \
	    -o motd-file=data/chatd.motd -o db=var/chatd.db "$@"
fi
./src/chatd/chatd --listen 127.0.0.1:6667 -o motd-file=data/chatd.motd \
    -o db=var/chatd.db --log-file chatd.log 2> chatd.err &
pid=$!
sleep 0.3
if kill -0 "$pid" 2>/dev/null; then
	echo "chatd is running (pid $pid), logging to chatd.log"
else
	# Most likely a chatd is already there: use it.
	cat chatd.err
	pid=
fi
./src/chatui/chatui "$@" 127.0.0.1:6667
if [ -n "$pid" ]; then
	echo "chatd is still running for the others (pid $pid); stop it with: kill $pid"
fi
