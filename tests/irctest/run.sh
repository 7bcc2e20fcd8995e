#!/usr/bin/env bash
# Run irctest, the IRC servers' conformance suite (a snapshot, b00c039, of
# github.com/progval/irctest, MIT licence, kept unedited in this folder),
# against a chatd binary, with the project's own controller
# (chatd_controller.py) and the tests it deselects (deselect, one reason
# each). make check-irctest runs it on the built chatd; .ci/run too.
#
#   tests/irctest/run.sh CHATD_BINARY [pytest args...]
#   tests/irctest/run.sh src/chatd/chatd -k chathistory -x -v
#
# Env: JOBS (pytest-xdist workers, default 2; 0 = none), CHATD_CAPS (the
# capabilities chatd claims; default: read from its own CAP LS), OUT (junit
# xml and log folder), MARKERS (default below).
# Needs Debian's python3-pytest python3-pytest-xdist python3-ecdsa
# python3-filelock python3-websockets faketime (tools/deps.sh lists them).
# The last line: "chatd: P passed, F failed, S skipped, E errors in Ts";
# the exit status is 0 only with no failure and no error.
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=$(readlink -f "${1:?usage: run.sh CHATD_BINARY [pytest args]}"); shift
[ -x "$bin" ] || { echo "run.sh: $bin is not executable" >&2; exit 2; }
for m in pytest xdist ecdsa filelock websockets; do
	/usr/bin/python3 -c "import $m" 2>/dev/null || {
		echo "run.sh: python3 module $m is missing (sh tools/deps.sh)" >&2
		exit 2
	}
done

# Every deselected test has its reason on its line: "ID  # REASON".
deselect=()
while IFS= read -r line; do
	case "$line" in ''|'#'*) continue ;; esac
	id=${line%%#*}
	id=${id%"${id##*[![:space:]]}"}
	reason=${line#*#}
	if [ "$reason" = "$line" ] || [ -z "${reason// /}" ]; then
		echo "run.sh: deselected without a reason: $line" >&2
		exit 2
	fi
	deselect+=(--deselect "$id")
done < "$here/deselect"

out=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/irctest-out.XXXXXX")}
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/irctest-run.XXXXXX")
# Every server this run starts inherits this variable: the cleanup finds
# the ones irctest leaks (a failed setUp skips tearDown) by it, and ends
# them by PID.
export CHATD_IRCTEST_RUN=$work
cleanup() {
	for p in /proc/[0-9]*; do
		[ "${p#/proc/}" = $$ ] && continue
		{ tr '\0' '\n' < "$p/environ" | grep -qxF "CHATD_IRCTEST_RUN=$work" &&
			tr '\0' ' ' < "$p/cmdline" | grep -qv pytest &&
			kill "${p#/proc/}"; } 2>/dev/null
	done
	rm -rf "$work"
}
trap cleanup EXIT
tar -xzf "$here/irctest-b00c039.tar.gz" -C "$work"
if [ -z "${CHATD_CAPS+x}" ]; then
	# Claim exactly what chatd offers in CAP LS and irctest knows of.
	# With a db, as the controller starts it: the caps of accounts too.
	CHATD_CAPS=$(/usr/bin/python3 - "$bin" "$work/probe.db" <<'PY'
import socket, subprocess, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
p = subprocess.Popen([sys.argv[1], "--listen", f"127.0.0.1:{port}", "-o", "autojoin=",
                      "-o", f"db={sys.argv[2]}"],
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
data = ""
try:
    for _ in range(50):
        try:
            c = socket.create_connection(("127.0.0.1", port), 1); break
        except OSError:
            time.sleep(0.1)
    c.sendall(b"CAP LS 302\r\n"); time.sleep(0.5)
    data = c.recv(65536).decode("utf-8", "replace"); c.close()
finally:
    p.terminate(); p.wait(5)
known = {"account-notify", "account-tag", "away-notify", "batch", "echo-message",
         "extended-join", "extended-monitor", "labeled-response", "draft/message-redaction",
         "message-tags", "draft/multiline", "draft/read-marker", "multi-prefix",
         "server-time", "setname", "sts", "draft/chathistory", "chathistory",
         "draft/account-registration", "sasl", "invite-notify", "userhost-in-names",
         "cap-notify", "chghost", "standard-replies", "monitor", "draft/event-playback",
         "draft/metadata-3"}
got = set()
for line in data.split("\r\n"):
    if " CAP " in line and " LS " in line:
        for c in line.split(" :", 1)[-1].split():
            got.add(c.split("=", 1)[0])
print(",".join(sorted(got & known)))
PY
)
fi
# Accounts (REGISTER, SASL) and the db, when chatd offers them.
case ",$CHATD_CAPS," in
*,sasl,*) : "${CHATD_ACCOUNTS:=1}" "${CHATD_DB:=1}" ;;
esac
export CHATD_BIN=$bin CHATD_CAPS CHATD_ACCOUNTS CHATD_DB
export TMPDIR=$work PYTHONDONTWRITEBYTECODE=1
export PYTHONPATH="$here"
markers=${MARKERS:-"not implementation-specific and not deprecated and not strict"}
jobs=${JOBS:-2}
xdist=(); [ "$jobs" != 0 ] && xdist=(-n "$jobs")
start=$(date +%s)
( cd "$work/irctest" && /usr/bin/python3 -m pytest -p irctest_compat \
	--controller chatd_controller -m "$markers" "${xdist[@]}" \
	-q -rfE --junitxml="$out/chatd.xml" -o junit_logging=no \
	-p no:cacheprovider "${deselect[@]}" "$@" ) > "$out/chatd.log" 2>&1
rc=$?
grep -E '^(FAILED|ERROR) ' "$out/chatd.log" | sed 's/ - .*//'
if [ ! -s "$out/chatd.xml" ]; then
	tail -n 40 "$out/chatd.log"
	exit 1
fi
/usr/bin/python3 - "$out/chatd.xml" "$(( $(date +%s) - start ))" <<'PY'
import os, sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
s = r if r.tag == "testsuite" else r.find("testsuite")
t, f, e, k = (int(s.get(x, 0)) for x in ("tests", "failures", "errors", "skipped"))
print(f"caps claimed: {os.environ.get('CHATD_CAPS', '')}")
print(f"chatd: {t - f - e - k} passed, {f} failed, {k} skipped, {e} errors in {sys.argv[2]}s")
PY
echo "log and junit xml: $out"
exit $rc
