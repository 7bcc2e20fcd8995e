#!/bin/sh
# Install, with apt-get, every Debian 12 package the build, the tests and
# the tools need; nothing else is downloaded at build or run time.
# With --list, just print them (.ci/run installs them itself).
set -eu
PACKAGES="build-essential autoconf automake autopoint gettext pkg-config
libevent-dev check libcrypt-dev libncurses-dev tmux irssi valgrind
clang libclang-rt-14-dev ngircd inspircd iproute2 weechat-curses
liburing-dev"
if [ "${1:-}" = "--list" ]; then
	echo $PACKAGES
	exit 0
fi
missing=
for p in $PACKAGES; do
	dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y $missing
