#!/bin/sh
# Build an optimised chatd (-O2 -g) from this tree's sources into DIR and
# print its path: what the benchmarks measure when the tree itself was
# built for debugging (-O0). Needs the tree configured (config.h) and the
# packages of tools/deps.sh.
#
#	CHATD=$(sh tools/chatd-o2.sh DIR) || exit 1
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:?usage: chatd-o2.sh DIR}
[ -f "$top/config.h" ] || { echo "chatd-o2.sh: configure first" >&2; exit 2; }
echo "building an optimised chatd (-O2) in $dir ..." >&2
# The library's sources but those that are programs of their own.
lib=$(grep -L '^main(' "$top"/src/lib/*.c)
# shellcheck disable=SC2046,SC2086
cc -O2 -g -DHAVE_CONFIG_H -I"$top" -I"$top/src/lib" \
    -DSYSCONFDIR=\"/etc\" -DLOCALEDIR=\"/usr/share/locale\" \
    -DPKGDATADIR=\"/usr/local/share/chat\" \
    -o "$dir/chatd-O2" $lib "$top"/src/chatd/*.c \
    $(pkg-config --cflags --libs libevent_core) \
    $(pkg-config --libs liburing 2>/dev/null) -lcrypt \
    $(pkg-config --cflags --libs sqlite3) \
    $(pkg-config --cflags --libs libsodium) \
    $(pkg-config --cflags --libs openssl) -lwslay -lhttp_parser \
    -pthread >&2 || exit 1
echo "$dir/chatd-O2"
