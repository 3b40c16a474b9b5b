#!/bin/sh
# conformance.sh DYAD SHARED: TABARI's and PETRARCH's validation suites (`make conformance`).
#
# Runs both suites in-process with `dyad conformance` (which prints its own figures and
# the failures left by family), writes the predictions in each suite's scorer format,
# and then runs the suites' official scorers on them, so that the figures reported are
# the scorers' own: "strict ..." for TABARI (TABARI's checkEvents rule), "exact_f1=..."
# for PETRARCH.  Skips cleanly (exit 0) when the reference folder is absent.
set -u

DYAD=${1:-build/dyad}
SHARED=${2:-../shared}

if [ ! -d "$SHARED/conformance" ]; then
    echo "conformance: skipped: $SHARED/conformance is absent (reference data, not in the tree)"
    exit 0
fi
if [ ! -x "$DYAD" ]; then
    echo "conformance: $DYAD is not built" >&2
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-conformance.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

have_python=1
command -v python3 >/dev/null 2>&1 || have_python=0

status=0

echo "== TABARI validation suite: dyad conformance tabari =="
if "$DYAD" conformance tabari --shared "$SHARED" -o "$tmp/tabari.jsonl"; then
    if [ "$have_python" = 1 ] && [ -s "$tmp/tabari.jsonl" ]; then
        echo "-- scored by $SHARED/conformance/tabari/score.py --"
        python3 "$SHARED/conformance/tabari/score.py" \
            "$SHARED/conformance/tabari/validate.jsonl" "$tmp/tabari.jsonl" || status=1
    fi
else
    status=1
fi

echo
echo "== PETRARCH unit tests: dyad conformance petrarch =="
if "$DYAD" conformance petrarch --shared "$SHARED" -o "$tmp/petrarch.jsonl"; then
    if [ "$have_python" = 1 ] && [ -s "$tmp/petrarch.jsonl" ]; then
        echo "-- scored by $SHARED/conformance/petrarch/score.py --"
        python3 "$SHARED/conformance/petrarch/score.py" "$tmp/petrarch.jsonl" | \
            grep -E '^(metric|exact |code |dyad |sentence accuracy|exact_f1)' || status=1
    fi
else
    status=1
fi

if [ "$have_python" = 0 ]; then
    echo "conformance: python3 is missing: the official scorers were not run"
fi
exit $status
