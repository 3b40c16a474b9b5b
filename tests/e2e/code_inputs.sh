#!/bin/sh
# code_inputs.sh DYAD SRC SHARED: `dyad code` end to end on good and bad input.
#
# Bad input gets a clear message naming the file, line and problem, the run goes
# on, every good document before and after is coded, and the exit code says what
# the README says: 0 done, 1 with --strict when input was lost, 2 bad command
# line, 3 the run cannot go on.  Re-coding into the same database adds nothing.
set -u
DYAD=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# a small dictionary of our own, so the test does not depend on data/
mkdir "$T/dict"
printf 'JAPAN [JPN]\n+JAPANESE\nCHINA [CHN]\nPOLAND [POL]\n' > "$T/dict/test.actors"
printf 'GOVERNMENT [~GOV]\n' > "$T/dict/test.agents"
printf 'CRITICIZE [111]\nVISIT [042:043]\n- * + [042:043]\n' > "$T/dict/test.verbs"
cp "$SRC/data/codebook.tsv" "$T/dict/"

# JSONL with a good record, a malformed one, an unknown date, and a good one after
cat > "$T/in.jsonl" <<'J'
{"id":"a","date":"2024-03-01","title":"First","text":"Japan criticized China on Friday."}
{"id":"b", this is not json
{"id":"c","date":"sometime soon","text":"Poland criticized Japan."}
{"id":"d","date":"2024-03-02","text":"The Japanese government visited Poland."}
J
# invalid UTF-8 and a NUL byte in a text file
printf 'Japan criticized \377\376 China.\000 Poland visited Japan.\n' > "$T/bad.txt"
# a truncated gzip stream holding a good file
printf 'China criticized Poland on Monday.\n' | gzip > "$T/whole.txt.gz"
head -c 20 "$T/whole.txt.gz" > "$T/truncated.txt.gz"

"$DYAD" code --dict "$T/dict" -f docs "$T/in.jsonl" "$T/bad.txt" "$T/truncated.txt.gz" "$T/whole.txt.gz" \
    > "$T/out.jsonl" 2> "$T/err.txt"
rc=$?
[ $rc -eq 0 ] || fail "bad records must not fail the run (exit $rc)"
grep -q 'in.jsonl:2:.*JSON' "$T/err.txt" || fail "malformed JSON line not reported with file:line"
grep -q 'in.jsonl:3:.*date' "$T/err.txt" || fail "unknown date not reported with file:line"
grep -q 'bad.txt.*UTF-8' "$T/err.txt" || fail "invalid UTF-8 not reported"
grep -q 'truncated' "$T/err.txt" || fail "truncated gzip not reported"
grep -q '"doc":"a".*JPN.*CHN.*111' "$T/out.jsonl" || fail "good record before the bad one lost"
grep -q '"doc":"d".*JPNGOV.*POL.*042' "$T/out.jsonl" || fail "good record after the bad one lost"
grep -q '"doc":"c".*POL.*JPN.*111' "$T/out.jsonl" || fail "record with an unknown date lost"
grep -q 'whole.txt.gz.*CHN.*POL.*111' "$T/out.jsonl" || fail "good gzip file after a truncated one lost"
grep -q 'bad.txt.*JPN.*CHN.*111' "$T/out.jsonl" || fail "text around invalid bytes lost"

# --strict: the same run, but lost input is an error
"$DYAD" code --strict --dict "$T/dict" -f none "$T/in.jsonl" 2>/dev/null
[ $? -eq 1 ] || fail "--strict with lost input must exit 1"

# bad command lines and runs that cannot go on
"$DYAD" code --no-such-option >/dev/null 2>&1
[ $? -eq 2 ] || fail "unknown option must exit 2"
"$DYAD" code --dict "$T/missing" -f none "$T/in.jsonl" >/dev/null 2>&1
[ $? -eq 3 ] || fail "missing dictionaries must exit 3"
"$DYAD" code --help | grep -q 'usage: dyad code' || fail "--help"

# stdin to stdout, and the same bytes whatever the number of threads
"$DYAD" code --dict "$T/dict" -f jsonl -j 1 - < "$T/in.jsonl" > "$T/one.jsonl" 2>/dev/null
"$DYAD" code --dict "$T/dict" -f jsonl -j 4 - < "$T/in.jsonl" > "$T/four.jsonl" 2>/dev/null
cmp -s "$T/one.jsonl" "$T/four.jsonl" || fail "output differs between 1 and 4 threads"
[ -s "$T/one.jsonl" ] || fail "nothing coded from stdin"

# bad records among good ones, parsed on the workers: the diagnostics (notes
# too) come out in input order, the same text whatever the number of threads
: > "$T/many.jsonl"
i=0
while [ $i -lt 700 ]; do
    case $((i % 9)) in
    2) echo '{"id":"x", not json' ;;
    4) printf '{"id":"u%d","text":"Japan criticized \377 China."}\n' $i ;;
    6) printf '{"id":"n%d","date":"someday","text":"Poland visited Japan."}\n' $i ;;
    7) printf '{"id":"b%d","text":"China criticized Japan.\\n\\nShare this article on Facebook"}\n' $i ;;
    *) printf '{"id":"g%d","text":"Japan criticized China."}\n' $i ;;
    esac
    i=$((i + 1))
done >> "$T/many.jsonl"
for j in 1 2 3 8; do
    "$DYAD" code --dict "$T/dict" -v -f docs -j $j "$T/many.jsonl" "$T/missing.jsonl" "$T/in.jsonl" \
        > "$T/many-$j.out" 2> "$T/many-$j.err"
done
for j in 2 3 8; do
    cmp -s "$T/many-1.err" "$T/many-$j.err" || fail "diagnostics differ between 1 and $j threads"
    cmp -s "$T/many-1.out" "$T/many-$j.out" || fail "output differs between 1 and $j threads"
done
grep -q 'many.jsonl:3:.*JSON' "$T/many-1.err" || fail "malformed record not reported"
grep -q 'many.jsonl:8: note: removed boilerplate' "$T/many-1.err" || fail "cleaning note not reported"
grep -q 'missing.jsonl: error: cannot open' "$T/many-1.err" || fail "missing input not reported"
# in input order: many.jsonl's lines ascending, then missing.jsonl, then in.jsonl
sed -n 's/^dyad: [^ ]*many\.jsonl:\([0-9]*\):.*/\1/p' "$T/many-1.err" > "$T/lines"
sort -n -c "$T/lines" 2>/dev/null || fail "diagnostics out of input order"
[ "$(wc -l < "$T/lines")" -gt 250 ] || fail "too few diagnostics for many.jsonl"
order=$(sed -n 's/^dyad: [^ ]*\/\(many\|missing\|in\)\.jsonl.*/\1/p' "$T/many-1.err" | uniq | tr '\n' ' ')
[ "$order" = "many missing in " ] || fail "diagnostics of the inputs out of order: $order"

# re-coding into the same database adds nothing (content hash)
"$DYAD" code --dict "$T/dict" --db "$T/e.db" "$T/in.jsonl" 2>/dev/null
n1=$(sqlite3 "$T/e.db" 'select count(*) from documents; select count(*) from mentions;' | tr '\n' ' ')
"$DYAD" code --dict "$T/dict" --db "$T/e.db" "$T/in.jsonl" 2>/dev/null
n2=$(sqlite3 "$T/e.db" 'select count(*) from documents; select count(*) from mentions;' | tr '\n' ' ')
[ "$n1" = "$n2" ] || fail "re-coding added rows: $n1 then $n2"
echo "ok: code_inputs"
