#!/bin/sh
# Install what is missing (Debian 12), build, and run the whole test suite.
# Run from the top of the source tree: sh tools/test.sh
set -eu
cd "$(dirname "$0")/.."
sh tools/deps.sh --test
[ -x configure ] || ./autogen.sh
[ -f Makefile ] || ./configure --enable-debug
make -j"$(nproc)"
if ! make -j"$(nproc)" check; then
	cat test-suite.log
	exit 1
fi
sh tools/test-summary.sh test-suite.log "tests"
