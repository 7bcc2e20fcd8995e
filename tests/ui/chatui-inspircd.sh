# chatui against inspircd from Debian (see peer-lib.sh).
PEER=inspircd
. "${top_srcdir:-.}/tests/ui/peer-lib.sh"
