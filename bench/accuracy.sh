#!/bin/sh
# accuracy.sh DYAD SHARED: real-news accuracy on the development gold set.
#
# Codes every AG News test story (title + text) with the built-in dictionaries
# and scores the result with the gold set's own scorer (root, dyad and exact
# precision/recall/F1, then recall per root code).  AG News stories carry no
# date; the corpus is from 2004 (../shared/corpus/README.md), so they are coded
# as of 2004-09-01, which is what dated roles (presidents, ministers) need.
set -u
DYAD=${1:?usage: accuracy.sh DYAD SHARED}
SHARED=${2:?usage: accuracy.sh DYAD SHARED}
CORPUS=$SHARED/corpus/agnews-test.jsonl
SCORER=$SHARED/corpus/dev/score.py
if [ ! -f "$CORPUS" ] || [ ! -f "$SCORER" ]; then
    echo "accuracy: skipped: $SHARED/corpus (the development gold set) is not here"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "accuracy: skipped: python3 (needed by the gold set's scorer) is not installed"
    exit 0
fi
PRED=${TMPDIR:-/tmp}/dyad-accuracy.$$.jsonl
trap 'rm -f "$PRED"' EXIT
"$DYAD" code --quiet --format docs --date 2004-09-01 "$CORPUS" > "$PRED" || exit 1
python3 "$SCORER" --by-root "$PRED"
