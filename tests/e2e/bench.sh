#!/bin/sh
# bench.sh: `dyad bench` end to end, on its own synthetic corpus (no ../shared
# needed): the corpus it writes is JSONL that dyad code reads and codes, the
# same seed gives the same bytes, a run prints figures for 1 thread and for
# the parallel run with identical outputs, and --tsv lines carry them.  Speed
# is printed, never judged.
#   $1 = dyad binary, $2 = source dir, $3 = ../shared (unused)
set -u
DYAD=$1
T=$(mktemp -d "${TMPDIR:-/tmp}/dyad-e2e-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

$DYAD bench --help > "$T/help" 2>&1 || fail "dyad bench --help exits non-zero"
grep -q "usage: dyad bench" "$T/help" || fail "dyad bench --help prints no usage"
$DYAD bench --size -3 > /dev/null 2>&1; [ $? -eq 2 ] || fail "a negative --size is not a usage error"

# the synthetic corpus: at least the size asked, reproducible, codable
$DYAD bench --size 0.3 --write "$T/a.jsonl" || fail "--write failed"
$DYAD bench --size 0.3 --write "$T/b.jsonl" || fail "--write failed (second time)"
size=$(wc -c < "$T/a.jsonl")
[ "$size" -ge 300000 ] || fail "synthetic corpus is $size bytes, asked for 300000"
cmp -s "$T/a.jsonl" "$T/b.jsonl" || fail "the synthetic corpus differs between two runs"
lines=$(wc -l < "$T/a.jsonl")
docs=$($DYAD code -q -f docs "$T/a.jsonl" | wc -l)
[ "$docs" -eq "$lines" ] || fail "dyad code read $docs documents from $lines lines"
$DYAD code -q -f docs "$T/a.jsonl" | grep -q '"code":"' || fail "the synthetic corpus has no events"

# replication: whole copies up to the size
head -n 40 "$T/a.jsonl" > "$T/small.jsonl"
$DYAD bench --size 0.1 --write "$T/rep.jsonl" "$T/small.jsonl" || fail "replication failed"
n=$(wc -l < "$T/rep.jsonl")
[ $((n % 40)) -eq 0 ] && [ "$(wc -c < "$T/rep.jsonl")" -ge 100000 ] ||
    fail "replicated corpus is not whole copies up to the size ($n lines)"

# a measured run: both thread counts, identical output, TSV lines
$DYAD bench -j 2 --tsv "$T/fig.tsv" --label syn "$T/a.jsonl" > "$T/out" 2>&1 ||
    { cat "$T/out" >&2; fail "dyad bench failed"; }
grep -q "^load " "$T/out" || fail "no load time printed"
grep -Eq "^ +1 +[0-9.]+ " "$T/out" || fail "no 1-thread figures"
grep -Eq "^ +2 +[0-9.]+ " "$T/out" || fail "no 2-thread figures"
grep -q "output identical" "$T/out" || fail "the 1- and 2-thread outputs differ"
grep -q "^wc -w " "$T/out" || fail "no wc -w floor"
[ "$(wc -l < "$T/fig.tsv")" -eq 2 ] || fail "expected 2 TSV lines"
awk -F'\t' '$1 != "syn" || NF != 19 || $18 != "yes" { bad = 1 } END { exit bad }' "$T/fig.tsv" ||
    fail "TSV lines are not label, 19 fields, same=yes"
exit 0
