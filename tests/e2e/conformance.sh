#!/bin/sh
# conformance.sh: `dyad conformance` against the issue's thresholds: TABARI's own
# validation suite at least 95% strict, PETRARCH's unit tests at least 0.60 exact F1.
# Exact figures, not timings; skips (77) without ../shared, where the suites live.
#   $1 = dyad binary, $2 = source dir, $3 = ../shared (optional)
set -u
DYAD=$1
SHARED=${3:-}
fail() { echo "FAIL: $*" >&2; exit 1; }

$DYAD conformance --help > /dev/null 2>&1 || fail "dyad conformance --help exits non-zero"
$DYAD conformance frobnicate > /dev/null 2>&1; [ $? -eq 2 ] || fail "unknown suite is not a usage error"
out=$($DYAD conformance tabari --shared /nonexistent-dyad-shared) || fail "a missing folder is not a clean skip"
echo "$out" | grep -q '^skipped:' || fail "a missing folder does not say skipped"

if [ -z "$SHARED" ] || [ ! -d "$SHARED/conformance" ]; then
    echo "skipped: no ../shared/conformance (the suites are reference data)"
    exit 77
fi

t=$($DYAD conformance tabari --shared "$SHARED") || fail "dyad conformance tabari failed"
echo "$t"
line=$(echo "$t" | grep '^strict') || fail "no strict line"
passed=$(echo "$line" | sed 's/.*: \([0-9]*\)\/\([0-9]*\) passed.*/\1/')
checked=$(echo "$line" | sed 's/.*: \([0-9]*\)\/\([0-9]*\) passed.*/\2/')
[ "$checked" -gt 400 ] || fail "only $checked TABARI records checked"
[ $((passed * 100)) -ge $((checked * 95)) ] || fail "TABARI strict $passed/$checked is below 95%"

p=$($DYAD conformance petrarch --shared "$SHARED") || fail "dyad conformance petrarch failed"
echo "$p"
f1=$(echo "$p" | sed -n 's/^exact_f1=//p')
[ -n "$f1" ] || fail "no exact_f1 line"
awk -v f="$f1" 'BEGIN { exit !(f >= 0.60) }' || fail "PETRARCH exact F1 $f1 is below 0.60"
exit 0
