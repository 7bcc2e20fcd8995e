#!/bin/sh
# Install what is missing (Debian 12), build, and start chatd on
# 127.0.0.1:6667 in the foreground. Run from the top of the source tree.
set -eu
cd "$(dirname "$0")/.."
sh tools/deps.sh
[ -x configure ] || ./autogen.sh
[ -f Makefile ] || ./configure
make -j"$(nproc)"
exec ./src/chatd/chatd --listen 127.0.0.1:6667 -o motd-file=data/chatd.motd "$@"
