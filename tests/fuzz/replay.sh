# Replay every fuzz target's corpus (seeds and inputs that once crashed)
# through the target without libFuzzer: a fixed bug stays fixed.
. "${top_srcdir:-.}/tests/integration/lib.sh"
for t in casemap config handle linebuf msg server slash utf8; do
	"${top_builddir}/tests/fuzz/replay_$t" "${top_srcdir}/tests/fuzz/corpus/$t" ||
	    { echo "replay_$t failed"; exit 1; }
done
