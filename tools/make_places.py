#!/usr/bin/env python3
"""make_places.py: generate data/actors/places.actors, dyad's gazetteer of places
that stand for their country, from tools/places.tsv.

Why a gazetteer: news names places far more often than it names countries.
"Militants in Najaf" are Iraqi militants, "police in Bujumbura" Burundi's police,
and "US artillery shelled Fallujah" is aimed at Iraq.  The coder uses a place
phrase (a) as the country of an event's place and (b) as the target of an act
when no opponent is named.  Every place therefore carries the bare ISO 3166-1
alpha-3 code of the country it belongs to (XKX for Kosovo, PSE for Palestinian
places), never a role.

tools/places.tsv is written by hand, region by region (its header documents the
layout and the choices for disputed and ambiguous names).  This script:

  * writes one entry per table line (its code column may hold dated periods,
    "SSD >20110709; SDN" -> [SSD >20110709] [SDN], as countries.actors does): the first phrase is the primary phrase,
    the others are +synonyms; for every phrase with diacritics the plain-ASCII
    spelling is added too ("Diyarbakır" -> "Diyarbakir"), since matching folds
    case but not accents;
  * copies the table's full-line comments, so that the generated file documents
    its own choices, and its section headers;
  * refuses (exit 1) unknown codes, a phrase given twice in the table, and a
    phrase that another file of data/ already defines (a place must not repeat a
    capital of countries.actors, nor fight an organisation of igos.actors);
  * with --screen, lists single-word phrases that are also lower-case English
    words in /usr/share/dict/words (the wamerican package), the candidates for a
    false match since matching folds case ("Mobile", "Split", "Nice").  Each
    one listed must be either removed or kept on purpose with a "# word ok"
    note on its table line.

Usage:  python3 tools/make_places.py [--table FILE] [--out FILE] [--screen]
"""
import argparse
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "tools", "places.tsv")
OUT = os.path.join(ROOT, "data", "actors", "places.actors")
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
WORDS = "/usr/share/dict/words"
EXTRA_CODES = {"XKX"}
BLOCK = "---"


def die(msg):
    print("make_places: " + msg, file=sys.stderr)
    sys.exit(1)


def ascii_fold(phrase):
    nfkd = unicodedata.normalize("NFKD", phrase)
    folded = "".join(c for c in nfkd if not unicodedata.combining(c))
    # letters that NFKD does not decompose
    return folded.translate(str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o",
                                           "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                                           "’": "'", "‘": "'"}))


def native(phrase):
    """The phrase as written in a native file: upper case, words joined by _."""
    return "_".join(phrase.upper().split())


def norm(phrase):
    """The phrase as the matcher compares it (see tools/check_native_dicts.py)."""
    return " ".join(phrase.replace("_", " ").upper().split())


def existing_phrases(data_dir, skip):
    """Every actor phrase of the other *.actors files of data/, with its code."""
    seen = {}
    for base, _, files in os.walk(data_dir):
        for name in sorted(files):
            path = os.path.join(base, name)
            if not name.endswith(".actors") or os.path.abspath(path) == os.path.abspath(skip):
                continue
            rel = os.path.relpath(path, ROOT)
            entry = None                # [phrases, [code blocks]]

            def flush():
                if entry:
                    for p in entry[0]:
                        seen.setdefault(norm(p), (" ".join(entry[1]), rel))

            with open(path, encoding="utf-8") as f:
                for raw in f:
                    line = raw.split("#", 1)[0].rstrip()
                    if not line.strip():
                        continue
                    if line.startswith((" ", "\t")):
                        if entry:
                            entry[1].extend(re.findall(r"\[([^\]]*)\]", line))
                        continue
                    m = re.match(r"^(\S+)\s*(.*)$", line.lstrip("+"))
                    if line.startswith("+"):
                        if entry:
                            entry[0].append(m.group(1))
                        continue
                    flush()
                    entry = [[m.group(1)], re.findall(r"\[([^\]]*)\]", m.group(2))]
                flush()
    return seen


def read_table(path, known):
    """Yields ("comment", text) and ("entry", code, [phrases], note, lineno)."""
    items = []
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, start=1):
            raw = raw.rstrip("\n")
            if not raw.strip():
                items.append(("blank",))
                continue
            if raw.lstrip().startswith("#"):
                items.append(("comment", raw.strip()))
                continue
            body, _, note = raw.partition("#")
            cols = body.rstrip().split("\t")
            if len(cols) != 2:
                die("%s:%d: want CODE<TAB>phrase | phrase ..., got %d columns"
                    % (path, lineno, len(cols)))
            code, values = cols
            for block in code.split(";"):
                root = block.split()[0] if block.split() else ""
                if code != BLOCK and root not in known:
                    die("%s:%d: unknown code %s" % (path, lineno, block))
            phrases = [v.strip() for v in values.split("|") if v.strip()]
            if not phrases:
                die("%s:%d: no phrase" % (path, lineno))
            items.append(("entry", code, phrases, note.strip(), lineno))
    return items


def with_ascii(phrases):
    out = []
    for p in phrases:
        for q in (p, ascii_fold(p)):
            if native(q) not in (native(x) for x in out):
                out.append(q)
    return out


def screen(items, path):
    try:
        with open(WORDS, encoding="utf-8") as f:
            words = {w.strip() for w in f if w.strip() and w[0].islower()}
    except OSError:
        die("--screen needs %s (apt-get install wamerican)" % WORDS)
    n = 0
    for it in items:
        if it[0] != "entry" or it[1] == BLOCK or "word ok" in it[3]:
            continue
        for p in with_ascii(it[2]):
            if len(p.split()) == 1 and p.lower() in words:
                print("%s:%d: %r is also the English word %r"
                      % (os.path.relpath(path, ROOT), it[4], p, p.lower()))
                n += 1
    return n


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--table", default=TABLE)
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--screen", action="store_true",
                    help="list phrases that are also English words, write nothing")
    args = ap.parse_args(argv[1:])

    with open(ISO_JSON, encoding="utf-8") as f:
        known = {r["alpha_3"] for r in json.load(f)["3166-1"]} | EXTRA_CODES
    items = read_table(args.table, known)
    if args.screen:
        n = screen(items, args.table)
        print("make_places: %d phrases to review" % n)
        return 0

    others = existing_phrases(os.path.join(ROOT, "data"), args.out)
    table_rel = os.path.relpath(args.table, ROOT)
    mine = {}
    problems = 0
    out = [
        "# places.actors: dyad's gazetteer of cities, provinces and regions that stand",
        "# for their country.  GENERATED by tools/make_places.py from tools/places.tsv;",
        "# do not edit: edit the table and regenerate, then run",
        "#     python3 tools/check_native_dicts.py && dyad dict lint",
        "#",
        "# Every place carries the bare code of its country (ISO 3166-1 alpha-3; XKX for",
        "# Kosovo, PSE for Palestinian places): \"militants in Najaf\" are Iraqi, and \"US",
        "# artillery shelled Fallujah\" is aimed at IRQ.  Capitals, and the regions that",
        "# countries.actors already lists (Darfur, Chechnya, Crimea...), are not repeated",
        "# here.  Choices for disputed and ambiguous names are documented where they are",
        "# made; names that are English words or frequent first names are left out.",
        "",
    ]
    n_entries = n_phrases = n_blocks = 0
    for it in items:
        if it[0] == "blank":
            if out and out[-1] != "":
                out.append("")
            continue
        if it[0] == "comment":
            out.append(it[1])
            continue
        _, code, phrases, note, lineno = it
        phrases = with_ascii(phrases)
        for p in phrases:
            key = norm(p)
            where = "%s:%d" % (table_rel, lineno)
            if key in mine:
                print("make_places: %s: %r already at %s" % (where, p, mine[key]),
                      file=sys.stderr)
                problems += 1
            mine[key] = where
            if key in others:
                print("make_places: %s: %r already in %s as [%s]"
                      % (where, p, others[key][1], others[key][0]), file=sys.stderr)
                problems += 1
        first = native(phrases[0])
        note = re.sub(r"^word ok[;:,.]?\s*", "", note)
        out.append(first + ("  # " + note if note else ""))
        out.extend("+" + native(p) for p in phrases[1:])
        out.append("    " + " ".join("[%s]" % b.strip() for b in code.split(";")))
        if code == BLOCK:
            n_blocks += 1
        else:
            n_entries += 1
        n_phrases += len(phrases)
    if problems:
        die("%d problem(s); nothing written" % problems)
    while out and out[-1] == "":
        out.pop()
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    print("make_places: %d places, %d blocking entries, %d phrases -> %s"
          % (n_entries, n_blocks, n_phrases, os.path.relpath(args.out, ROOT)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
