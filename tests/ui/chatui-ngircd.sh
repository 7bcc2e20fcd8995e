# chatui against ngircd from Debian (see peer-lib.sh).
PEER=ngircd
. "${top_srcdir:-.}/tests/ui/peer-lib.sh"
