#!/bin/sh
# Install, with apt-get, the Debian 12 packages the project needs; nothing
# else is downloaded at build or run time.
#
#	sh tools/deps.sh		what building and running need (tools/run.sh)
#	sh tools/deps.sh --test		that and what the tests and benchmarks need
#	sh tools/deps.sh --list		print them all (.ci/run installs them itself)
set -eu
BUILD="build-essential autoconf automake autopoint gettext pkg-config
libevent-dev libcrypt-dev libncurses-dev liburing-dev libsqlite3-dev libssl-dev
libsodium-dev libwslay-dev libhttp-parser-dev"
TEST="check tmux irssi valgrind clang libclang-rt-14-dev ngircd inspircd
iproute2 weechat-curses ii strace
python3-pytest python3-pytest-xdist python3-ecdsa python3-filelock
python3-websockets faketime python3 openssl chromium nginx-light curl"
# The browser test's puppeteer-core comes from the npm registry, with the
# machine's Node.js and npm, or Debian's where there are none.
command -v npm > /dev/null 2>&1 || TEST="$TEST nodejs npm"
case "${1:-}" in
--list)
	echo $BUILD $TEST
	exit 0
	;;
--test)
	PACKAGES="$BUILD $TEST"
	;;
*)
	PACKAGES=$BUILD
	;;
esac
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
