#!/bin/sh
# Write the browser client's catalogue.js: the slash table and the shared
# texts (src/lib) in English and in every language of po/LINGUAS, from
# chat-export run once per language against po/'s catalogues. Run by make.
#
#	sh tools/web-catalogue.sh CHAT-EXPORT SRCDIR OUT
set -eu
export=$1 srcdir=$2 out=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
	echo "// Made at build time by tools/web-catalogue.sh from src/lib's tables"
	echo "// and po/'s catalogues: do not edit."
	printf 'export const catalogues = {\n"en": '
	LC_ALL=C LANGUAGE= "$export"
	for l in $(sed 's/#.*//' "$srcdir/po/LINGUAS"); do
		mkdir -p "$tmp/$l/LC_MESSAGES"
		cp "$srcdir/po/$l.gmo" "$tmp/$l/LC_MESSAGES/chat.mo"
		printf ',\n"%s": ' "$l"
		CHAT_LOCALEDIR=$tmp LANGUAGE=$l LC_ALL=C.UTF-8 "$export"
	done
	echo "};"
} > "$out.tmp"
mv "$out.tmp" "$out"
