# Issue 13: every text a person reads is in every catalogue. po/POTFILES.in
# lists every source file with a text marked _() or N_() (and nothing
# else); every marked text is translated, and not fuzzy, in each
# po/LINGUAS catalogue (msgcmp); the translations keep their formats
# (msgfmt -c). Skipped (77) without gettext's tools.
top=${top_srcdir:-.}
command -v xgettext >/dev/null 2>&1 || exit 77
command -v msgcmp >/dev/null 2>&1 || exit 77
tmp=$(mktemp -d "${TMPDIR:-/tmp}/po-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
status=0
listed=$(grep -v '^#' "$top/po/POTFILES.in" | grep -v '^$' | sort)
marked=$(cd "$top" && grep -l -E '(^|[^A-Za-z0-9_])(N?_|ngettext)\("' \
    src/*/*.c src/*/*.h | grep -v 'src/lib/i18n.h' | sort)
for f in $marked; do
	echo "$listed" | grep -qx "$f" ||
	    { echo "po/POTFILES.in lacks $f, which has marked text"; status=1; }
done
for f in $listed; do
	[ -f "$top/$f" ] ||
	    { echo "po/POTFILES.in lists $f, which does not exist"; status=1; }
	echo "$marked" | grep -qx "$f" ||
	    { echo "po/POTFILES.in lists $f, which has no marked text"; status=1; }
done
# shellcheck disable=SC2086
(cd "$top" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ \
    -o "$tmp/chat.pot" $listed) || exit 1
n=$(grep -c '^msgid ' "$tmp/chat.pot")
for lang in $(grep -v '^#' "$top/po/LINGUAS"); do
	if ! msgcmp "$top/po/$lang.po" "$tmp/chat.pot"; then
		echo "po/$lang.po lacks a translation of the texts above"
		status=1
	fi
	msgfmt -c -o /dev/null "$top/po/$lang.po" || status=1
	echo "po/$lang.po: all $((n - 1)) marked texts translated"
done
exit $status
