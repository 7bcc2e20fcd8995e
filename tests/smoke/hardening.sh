# The hardened build, as readelf sees it: chatd and chatui are position
# independent (PIE), with full RELRO (GNU_RELRO and BIND_NOW) and the
# stack protector; an optimised build (not --enable-debug) also calls
# _FORTIFY_SOURCE's checked functions.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v readelf >/dev/null 2>&1 || exit 77
: "${CHATUI:=${top_builddir:-.}/src/chatui/chatui}"
fail=0
check() {
	if "$@" > /dev/null; then
		return 0
	fi
	echo "$bin: no $what"
	fail=1
}
for bin in "$CHATD" "$CHATUI"; do
	readelf -h "$bin" > "$TEST_DIR/h"
	readelf -lW "$bin" > "$TEST_DIR/l"
	readelf -dW "$bin" > "$TEST_DIR/d"
	readelf --dyn-syms -W "$bin" > "$TEST_DIR/s"
	what="PIE (ELF type DYN)"; check grep -q 'Type: *DYN' "$TEST_DIR/h"
	what="RELRO segment"; check grep -q GNU_RELRO "$TEST_DIR/l"
	what="BIND_NOW (full RELRO)"
	check grep -Eq 'BIND_NOW|FLAGS_1.* NOW' "$TEST_DIR/d"
	what="stack protector"; check grep -q __stack_chk_fail "$TEST_DIR/s"
	if ! grep -q -- '-O0' "${top_builddir:-.}/Makefile"; then
		what="_FORTIFY_SOURCE checks"
		check grep -Eq '__[a-z]+_chk' "$TEST_DIR/s"
	fi
	[ $fail -eq 0 ] && echo "$bin: PIE, full RELRO, stack protector"
done
exit $fail
