#!/bin/sh
# dict_load.sh: how fast the reference dictionary sets load, and in how much memory.
# Targets (the Speed issue): the full TABARI CAMEO set (verbs + CountryInfo +
# Internatnl + PSU agents) in under 0.3 s and 200 MB.  Best of 5 runs of
# `dyad dict stats --time`, which reads, parses and freezes the set.
#   usage: sh bench/dict_load.sh DYAD_BINARY [SHARED_DIR]
set -u
DYAD=${1:?usage: dict_load.sh DYAD_BINARY [SHARED_DIR]}
SHARED=${2:-../shared}
T="$SHARED/dictionaries/tabari"
P="$SHARED/dictionaries/petrarch"
[ -f "$T/CAMEO.091003.master.verbs" ] || { echo "dict_load: no reference dictionaries in $SHARED" >&2; exit 77; }

run() { # name, files...
    name=$1; shift
    best=""; mem=""
    for i in 1 2 3 4 5; do
        out=$("$DYAD" dict stats -q --time "$@" 2>/dev/null) || { echo "$name: dyad failed" >&2; return 1; }
        t=$(echo "$out" | awk '/^load time/ {print $(NF-3)}')
        m=$(echo "$out" | awk '/^peak memory/ {print $3}')
        if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; mem=$m; fi
    done
    printf "%-28s %7.3f s   %7.1f MB peak\n" "$name" "$best" "$mem"
}

echo "dictionary set               load+freeze   memory   (targets: TABARI CAMEO < 0.3 s, < 200 MB)"
run "TABARI CAMEO (full)" --dialect tabari "$T/CAMEO.091003.master.verbs" \
    "$T/CountryInfo.120116.actors.zip" "$T/Internatnl.120521.actors" "$T/PSU.120522.agents"
run "PETRARCH Phoenix (full)" "$P/CAMEO.2.0.txt" "$P/Phoenix.Countries.actors.txt" \
    "$P/Phoenix.International.actors.txt" "$P/Phoenix.MilNonState.actors.txt" \
    "$P/Phoenix.agents.txt" "$P/Phoenix.discards.txt"
run "TABARI validation" --tabari-project "$SHARED/conformance/tabari/Validate.project"
