#!/usr/bin/env python3
"""make_codebook.py: build data/codebook.tsv, dyad's CAMEO event codebook table.

dyad ships its own codebook table (docs/dictionaries.md, "Codebook"): one CAMEO
event code a line, `code<TAB>root<TAB>name<TAB>goldstein<TAB>quad_class`, header
first.  The facts (codes, short names, Goldstein weights) come from the
reference table ../shared/dictionaries/cameo/codebook.tsv, which merges GDELT's
CAMEO.eventcodes.txt and CAMEO.goldsteinscale.txt; this script checks them and
writes the project's table in the project's layout:

  * every code is a string of 2 (root), 3 or 4 digits whose first two digits
    are its root, and every 3/4-digit code has its root (and a 4-digit code its
    3-digit parent) in the table;
  * Goldstein weights lie in [-10, 10] and are written with one decimal;
  * the quad class is computed here from the root (GDELT's grouping: 01-05
    verbal cooperation 1, 06-09 material cooperation 2, 10-14 verbal conflict 3,
    15-20 material conflict 4) and cross-checked with the reference column;
  * rows are sorted as CAMEO lists them: by code string, so each root comes
    before its children (01, 010, 011, ..., 02, 020, 021, 0211, ...).

Usage:  python3 tools/make_codebook.py [REFERENCE_TSV] [OUTPUT_TSV]
        (defaults: ../shared/dictionaries/cameo/codebook.tsv, data/codebook.tsv,
        both relative to the repository root).  Exit status 1 on any problem.
"""
import csv
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_REF = os.path.join(ROOT, "..", "shared", "dictionaries", "cameo", "codebook.tsv")
DEFAULT_OUT = os.path.join(ROOT, "data", "codebook.tsv")


def quad_class(root):
    r = int(root)
    if 1 <= r <= 5:
        return 1
    if 6 <= r <= 9:
        return 2
    if 10 <= r <= 14:
        return 3
    if 15 <= r <= 20:
        return 4
    raise ValueError("root out of range: %s" % root)


def read_reference(path):
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        if header[:4] != ["code", "root", "name", "goldstein"]:
            raise ValueError("%s: unexpected header %r" % (path, header))
        for lineno, row in enumerate(reader, start=2):
            if not row or not row[0].strip():
                continue
            if len(row) < 5:
                raise ValueError("%s:%d: %d columns, want 5" % (path, lineno, len(row)))
            rows.append((lineno, [c.strip() for c in row[:5]]))
    return rows


def build(ref_path):
    problems = []
    table = {}
    for lineno, (code, root, name, goldstein, quad) in read_reference(ref_path):
        where = "%s:%d" % (ref_path, lineno)
        if not code.isdigit() or len(code) not in (2, 3, 4):
            problems.append("%s: bad code %r" % (where, code))
            continue
        if code[:2] != root:
            problems.append("%s: code %s has root %s" % (where, code, root))
        if not 1 <= int(root) <= 20:
            problems.append("%s: root %s out of 01-20" % (where, root))
            continue
        try:
            g = float(goldstein)
        except ValueError:
            problems.append("%s: bad Goldstein weight %r" % (where, goldstein))
            continue
        if not -10.0 <= g <= 10.0:
            problems.append("%s: Goldstein weight %s out of range" % (where, goldstein))
        q = quad_class(root)
        if quad and int(quad) != q:
            problems.append("%s: quad class %s, root %s gives %d" % (where, quad, root, q))
        name = " ".join(name.split())
        if not name or "\t" in name:
            problems.append("%s: bad name %r" % (where, name))
        if code in table:
            problems.append("%s: duplicate code %s" % (where, code))
        table[code] = (code, root, name, g, q)
    for code in table:
        if len(code) >= 3 and code[:2] not in table:
            problems.append("code %s: root %s missing" % (code, code[:2]))
        if len(code) == 4 and code[:3] not in table:
            problems.append("code %s: parent %s missing" % (code, code[:3]))
    roots = sorted(c for c in table if len(c) == 2)
    if roots != ["%02d" % r for r in range(1, 21)]:
        problems.append("roots are not exactly 01-20: %s" % roots)
    return [table[c] for c in sorted(table)], problems


def main(argv):
    ref = argv[1] if len(argv) > 1 else DEFAULT_REF
    out = argv[2] if len(argv) > 2 else DEFAULT_OUT
    rows, problems = build(ref)
    for p in problems:
        print("make_codebook: " + p, file=sys.stderr)
    if problems:
        return 1
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("code\troot\tname\tgoldstein\tquad_class\n")
        for code, root, name, g, q in rows:
            f.write("%s\t%s\t%s\t%.1f\t%d\n" % (code, root, name, g, q))
    print("make_codebook: wrote %d codes (%d roots) to %s"
          % (len(rows), sum(1 for r in rows if len(r[0]) == 2), out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
