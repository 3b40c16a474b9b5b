#!/bin/sh
# dict_commands.sh: `dyad dict lint | stats | convert` on small dictionaries
# written here (a clean native set, a broken one, a TABARI project), their exit
# codes and --help; then, when ../shared is present, the full TABARI CAMEO set
# through stats (its load time and memory are printed, not judged).
#   $1 = dyad binary, $2 = source dir, $3 = ../shared (optional)
set -u
DYAD=$1
SHARED=${3:-}
T=$(mktemp -d "${TMPDIR:-/tmp}/dyad-e2e-dict.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

for sub in "" lint stats convert; do
    $DYAD dict $sub --help > "$T/help" 2>&1 || fail "dyad dict $sub --help exits non-zero"
    grep -q "usage: dyad dict" "$T/help" || fail "dyad dict $sub --help prints no usage"
done
$DYAD dict frobnicate > /dev/null 2>&1; [ $? -eq 2 ] || fail "unknown subcommand is not a usage error"

# a clean native set
mkdir "$T/good"
cat > "$T/good/codebook.tsv" <<'X'
code	root	name	goldstein	quad_class
042	04	Make a visit	1.9	1
043	04	Host a visit	2.8	1
X
cat > "$T/good/a.actors" <<'X'
NORWAY [NOR]
+NORWEGIAN
JENS_STOLTENBERG
    [NORGOV 20051017-20131016]
    [NOR]
X
cat > "$T/good/a.verbs" <<'X'
VISIT [042:043]
- * TO + [042:043]
X
$DYAD dict lint --dict "$T/good" > "$T/out" 2> "$T/err" || fail "lint of a clean set exits $?: $(cat "$T/err")"
grep -q "^0 problems" "$T/out" || fail "lint of a clean set: $(cat "$T/out")"
$DYAD dict stats --dict "$T/good" --time > "$T/out" 2> "$T/err" || fail "stats exits $?"
grep -q "^actors *2 entries" "$T/out" || fail "stats: $(cat "$T/out")"
grep -q "^load time " "$T/out" || fail "stats --time prints no time"

# a broken one: a bad date, an overlap, an unknown code, a shadowed pattern
mkdir "$T/bad"
cp "$T/good/codebook.tsv" "$T/bad/"
cat > "$T/bad/b.actors" <<'X'
JENS_STOLTENBERG
    [NORGOV 20051017-20131316]
    [NORGOV 20051017-20131016]
    [IGOWSTNAT 20121001-20241001]
X
cat > "$T/bad/b.verbs" <<'X'
VISIT [042:043]
- * TO + [042:043]
- * TO + [099]
X
$DYAD dict lint --dict "$T/bad" > "$T/out" 2> "$T/err"
[ $? -eq 1 ] || fail "lint of a broken set does not exit 1"
grep -q "b.actors:2: warning: .*not a date" "$T/err" || fail "lint: bad date not reported at its line"
grep -q "overlap" "$T/err" || fail "lint: overlap not reported"
grep -q "099" "$T/err" || fail "lint: unknown event code not reported"
grep -q "unreachable" "$T/err" || fail "lint: shadowed pattern not reported"

# a TABARI project, converted to native and read back
cat > "$T/demo.actors" <<'X'
GOLLUM  ; pas
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 950601 - 990815]
ARNOR  [ARN]
X
cat > "$T/demo.verbs" <<'X'
DEPART_ [032:033]
- * FROM_ +  [032]
X
printf '<actorsfile> demo.actors\n<verbsfile> demo.verbs\n' > "$T/demo.project"
$DYAD dict stats --tabari-project "$T/demo.project" > "$T/out" 2>&1 || fail "stats of a TABARI project exits $?"
grep -q "tabari" "$T/out" || fail "TABARI project not read as TABARI: $(cat "$T/out")"
$DYAD dict convert > /dev/null 2>&1; [ $? -eq 2 ] || fail "convert without --to/-o is not a usage error"
$DYAD dict convert --to native -o "$T/conv" --tabari-project "$T/demo.project" 2> "$T/err" ||
    fail "convert exits $?: $(cat "$T/err")"
grep -q "^+SMEAGOL" "$T/conv/actors.actors" || fail "convert: synonym missing"
grep -q "HOBGOV 19950601-19990816" "$T/conv/actors.actors" || fail "convert: TABARI range not half-open"
grep -q "DEPARTED" "$T/conv/verbs.verbs" || fail "convert: TABARI endings not listed as forms"
$DYAD dict stats --dict "$T/conv" > "$T/out" 2> "$T/err" || fail "converted set does not load"
[ -s "$T/err" ] && fail "converted set loads with problems: $(cat "$T/err")"

# the full TABARI CAMEO set (verbs + CountryInfo + Internatnl + PSU agents)
D="$SHARED/dictionaries/tabari"
if [ -n "$SHARED" ] && [ -f "$D/CAMEO.091003.master.verbs" ]; then
    $DYAD dict stats -q --time --dialect tabari "$D/CAMEO.091003.master.verbs" \
        "$D/CountryInfo.120116.actors.zip" "$D/Internatnl.120521.actors" \
        "$D/PSU.120522.agents" > "$T/out" 2> /dev/null || fail "full TABARI set: stats exits $?"
    grep -q "^verbs *1216 roots" "$T/out" || fail "full TABARI set: $(cat "$T/out")"
    grep "^load time\|^peak\|^memory" "$T/out" | sed 's/^/# full TABARI CAMEO set: /'
else
    echo "# ../shared not present: the full TABARI set was not loaded"
fi
exit 0
