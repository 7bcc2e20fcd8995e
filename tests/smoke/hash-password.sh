# --hash-password prints a crypt(3) hash that OPER then accepts (the oper
# integration test uses it); here: the hash has the yescrypt or SHA-512
# form and differs each time (salted).
. "${top_srcdir:-.}/tests/integration/lib.sh"
h1=$(echo "secret" | "$CHATD" --hash-password) || exit 1
h2=$(echo "secret" | "$CHATD" --hash-password) || exit 1
echo "$h1"
echo "$h1" | grep -Eq '^\$(y|6)\$' || exit 1
[ "$h1" != "$h2" ] || { echo "same hash twice: no salt"; exit 1; }
printf '' | "$CHATD" --hash-password 2> "$TEST_DIR/err"
[ $? -eq 2 ] || exit 1
exit 0
