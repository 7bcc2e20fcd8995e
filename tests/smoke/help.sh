# chatd --help lists every option of the command line and exits 0.
. "${top_srcdir:-.}/tests/integration/lib.sh"
out=$("$CHATD" --help) || { echo "exit status $?"; exit 1; }
for opt in -c -o --listen --name --log-file --log-level --check-config \
    --check-db --account --make-cert \
    --hash-password --version --help; do
	echo "$out" | grep -q -- " $opt " || { echo "--help lacks $opt"; exit 1; }
done
exit 0
