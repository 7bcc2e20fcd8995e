# chatd --version prints its name and version and exits 0.
. "${top_srcdir:-.}/tests/integration/lib.sh"
out=$("$CHATD" --version) || { echo "exit status $?"; exit 1; }
echo "$out"
echo "$out" | grep -Eq '^chatd [0-9]+\.[0-9]+\.[0-9]+$' || exit 1
