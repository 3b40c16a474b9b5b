#!/bin/sh
# store_commands.sh: `dyad code --db` then every read command on the result:
# summary, query (table/csv/json, --mentions), dyads, timeline, export (all
# formats), exit codes and --help.  Uses a tiny dictionary and three articles
# written here (a story, a syndicated copy of it, another story), so it needs
# nothing from ../shared.
#   $1 = dyad binary, $2 = source dir, $3 = ../shared (unused)
set -u
DYAD=$1
SRC=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/dyad-e2e-store.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

[ -f "$SRC/data/codebook.tsv" ] || { echo "skip: no data/codebook.tsv in $SRC" >&2; exit 77; }

mkdir "$T/dict"
cp "$SRC/data/codebook.tsv" "$T/dict/"
cat > "$T/dict/test.actors" <<'X'
NORWAY [NOR]
+NORWEGIAN
SOUTH_KOREA [KOR]
+SEOUL
JAPAN [JPN]
+TOKYO
X
cat > "$T/dict/test.agents" <<'X'
FOREIGN_MINISTER [~GOV]
X
cat > "$T/dict/test.verbs" <<'X'
VISIT [042:043]
- * +  [042:043]
CRITICIZE [111]
- * +  [111]
X
cat > "$T/docs.jsonl" <<'X'
{"id":"wire-1","date":"2023-01-31","outlet":"Nordic Wire","url":"https://wire.example/1","title":"Minister visits Seoul","text":"Norway's foreign minister visited South Korea on Tuesday for talks on shipbuilding and energy. Officials said the two governments would sign an agreement on green shipping later this year. The minister will also meet business leaders in Busan before returning to Oslo on Thursday."}
{"id":"copy-1","date":"2023-02-01","outlet":"Daily Reprint","title":"Nordic visit","text":"Norway's foreign minister visited South Korea on Tuesday for talks on shipbuilding and energy. Officials said the two governments would sign an agreement on green shipping later this year. The minister will also meet business leaders in Busan before returning to Oslo on Thursday.\n\nSubscribe to our newsletter for more stories from the region."}
{"id":"other-1","date":"2023-02-03","outlet":"Tokyo Times","title":"Japan criticizes Seoul","text":"Japan criticized South Korea on Friday over a fishing dispute near the islands. Tokyo said the boats had entered its waters without permission."}
X
DB="$T/t.db"

"$DYAD" code --db "$DB" --dict "$T/dict" -q "$T/docs.jsonl" || fail "code exited $?"
"$DYAD" code --db "$DB" --dict "$T/dict" -q "$T/docs.jsonl" || fail "second code exited $?"

"$DYAD" summary --db "$DB" > "$T/summary" || fail "summary exited $?"
grep -q "3 documents (2 distinct stories" "$T/summary" || fail "summary counts: $(head -1 "$T/summary")"
grep -q "NORGOV -> KOR" "$T/summary" || fail "summary lacks the top dyad"
grep -q "{Norway's foreign minister} <visited> \[South Korea\]" "$T/summary" ||
    fail "summary lacks the marked evidence"

# one event for the story and its copy: 2 mentions, 2 articles, 1 source
"$DYAD" query --db "$DB" --format csv --code 042 > "$T/q.csv" || fail "query csv exited $?"
[ "$(wc -l < "$T/q.csv")" -eq 2 ] || fail "query csv: $(cat "$T/q.csv")"
tail -1 "$T/q.csv" | grep -q ',NORGOV,.*,KOR,.*,042,.*,2,2,1,' || fail "042 counts: $(tail -1 "$T/q.csv")"

"$DYAD" query --db "$DB" --actor KOR --exact --format json --mentions > "$T/q.json" ||
    fail "query json exited $?"
[ "$(wc -l < "$T/q.json")" -eq 3 ] || fail "query json lines: $(wc -l < "$T/q.json")"
grep -q '"verb_text":"visited"' "$T/q.json" || fail "query json lacks evidence"

"$DYAD" query --db "$DB" --source JPN --mentions > "$T/q.txt" 2> /dev/null || fail "query table exited $?"
grep -q "{Japan}" "$T/q.txt" || fail "query --mentions lacks the marked sentence"

"$DYAD" dyads --db "$DB" --format csv > "$T/d.csv" || fail "dyads exited $?"
[ "$(wc -l < "$T/d.csv")" -eq 4 ] || fail "dyads: $(cat "$T/d.csv")"

"$DYAD" timeline --db "$DB" --source NORGOV --target KOR --by day --format csv > "$T/tl.csv" ||
    fail "timeline exited $?"
grep -q '^2023-01-31,1,2,' "$T/tl.csv" || fail "timeline: $(cat "$T/tl.csv")"

"$DYAD" export --db "$DB" --format gdelt -o "$T/g.tsv" || fail "export gdelt exited $?"
[ "$(wc -l < "$T/g.tsv")" -eq 3 ] || fail "gdelt rows"
[ "$(awk -F'\t' '{print NF}' "$T/g.tsv" | sort -u)" = 61 ] || fail "gdelt columns"
"$DYAD" export --db "$DB" --format gdelt-mentions > "$T/m.tsv" || fail "export mentions exited $?"
[ "$(awk -F'\t' '{print NF}' "$T/m.tsv" | sort -u)" = 16 ] || fail "gdelt mentions columns"
"$DYAD" export --db "$DB" --format icews > "$T/i.tsv" || fail "export icews exited $?"
[ "$(awk -F'\t' '{print NF}' "$T/i.tsv" | sort -u)" = 20 ] || fail "icews columns"
"$DYAD" export --db "$DB" --format plover > "$T/p.jsonl" || fail "export plover exited $?"
[ "$(wc -l < "$T/p.jsonl")" -eq 3 ] || fail "plover rows"
"$DYAD" export --db "$DB" --format csv > "$T/e.csv" || fail "export csv exited $?"
"$DYAD" export --db "$DB" --format graphml > "$T/n.graphml" || fail "export graphml exited $?"
grep -q '<edge id="e1" source=' "$T/n.graphml" || fail "graphml edges"
"$DYAD" export --db "$DB" --format dot > "$T/n.dot" || fail "export dot exited $?"
grep -q '"NORGOV" -> "KOR"' "$T/n.dot" || fail "dot edges"

for c in summary query dyads timeline export; do
    "$DYAD" $c --help > /dev/null || fail "$c --help exited $?"
    "$DYAD" $c --db "$DB" --no-such-option 2> /dev/null
    [ $? -eq 2 ] || fail "$c with a bad option should exit 2"
    fmt=""
    [ $c = export ] && fmt="--format csv"
    "$DYAD" $c --db "$T/missing.db" $fmt 2> /dev/null > /dev/null
    [ $? -eq 3 ] || fail "$c on a missing database should exit 3"
done
"$DYAD" query 2> /dev/null
[ $? -eq 2 ] || fail "query without --db should exit 2"
"$DYAD" export --db "$DB" --format xml 2> /dev/null
[ $? -eq 2 ] || fail "export --format xml should exit 2"
[ ! -e "$T/missing.db" ] || fail "a read command created a database"
echo "ok"
