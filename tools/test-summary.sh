#!/bin/sh
# Print automake's test-suite.log totals as one "N passed, N failed" line.
log=$1
what=${2:-tests}
[ -f "$log" ] || { echo "no $log"; exit 1; }
pass=$(sed -n 's/^# PASS: *//p' "$log" | head -n 1)
fail=$(sed -n 's/^# FAIL: *//p' "$log" | head -n 1)
skip=$(sed -n 's/^# SKIP: *//p' "$log" | head -n 1)
err=$(sed -n 's/^# ERROR: *//p' "$log" | head -n 1)
echo "$what: ${pass:-0} passed, $(( ${fail:-0} + ${err:-0} )) failed, ${skip:-0} skipped"
[ "$(( ${fail:-0} + ${err:-0} ))" -eq 0 ]
