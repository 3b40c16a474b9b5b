#!/usr/bin/env python3
"""make_countries.py: generate data/actors/countries.actors.

Country names come from two places:

  * the ISO 3166-1 table that Debian's iso-codes package installs
    (/usr/share/iso-codes/json/iso_3166-1.json): the short name, the common name
    and the official name of every country and territory, used when they read
    like news ("Islamic Republic of Iran"), skipped when they are catalogue forms
    with commas or parentheses ("Iran, Islamic Republic of");
  * tools/countries.tsv, written by us: the forms news actually uses ("U.S.",
    "N. Korea", "Britain"), demonyms, capitals used as metonyms, sub-national
    regions that stand for their country, national institutions with their roles
    ("the Kremlin" RUSGOV), historical names valid only for a period, regions and
    blocs (CAMEO region roots), and blocking phrases.  Its header documents the
    layout.

For every phrase with diacritics the plain-ASCII spelling is added too ("Côte
d'Ivoire" -> "Cote d'Ivoire"), since matching folds case but not accents.  The
output is deterministic (countries in the order of countries.tsv, then any ISO
code the table does not mention, which is reported).

Usage:  python3 tools/make_countries.py [--iso FILE] [--out FILE]
Exit status 1 when the table has a problem (unknown code, bad line).
"""
import argparse
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "tools", "countries.tsv")
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
OUT = os.path.join(ROOT, "data", "actors", "countries.actors")

PLAIN_KINDS = ("name", "demonym", "capital", "place")
REGIONS = {
    "WST": "the West", "EUR": "Europe", "AFR": "Africa", "ASA": "Asia",
    "MEA": "Middle East", "LAM": "Latin America", "SAM": "South America",
    "NMR": "North America", "CRB": "Caribbean", "CAU": "Caucasus",
    "CAS": "Central Asia", "SAS": "South Asia", "SEA": "Southeast Asia",
    "NAF": "North Africa", "WAF": "West Africa", "EAF": "East Africa",
    "SAF": "Southern Africa", "CFR": "Central Africa", "EEU": "Eastern Europe",
    "BLK": "Balkans", "SCN": "Scandinavia", "MDT": "Mediterranean",
    "PGS": "Persian Gulf",
}
EXTRA_CODES = {"XKX": "Kosovo"}


def die(msg):
    print("make_countries: " + msg, file=sys.stderr)
    sys.exit(1)


def expand(phrase):
    """'Iraqi(s)' -> ['Iraqi', 'Iraqis']."""
    m = re.match(r"^(.*)\((\w+)\)$", phrase)
    if m:
        return [m.group(1), m.group(1) + m.group(2)]
    return [phrase]


def ascii_fold(phrase):
    nfkd = unicodedata.normalize("NFKD", phrase)
    return "".join(c for c in nfkd if not unicodedata.combining(c))


def native(phrase):
    """The phrase as written in a native file: upper case, words joined by _."""
    return "_".join(phrase.upper().split())


def iso_names(rec):
    names = []
    for key in ("common_name", "name", "official_name"):
        v = rec.get(key)
        if not v or "," in v or "(" in v:
            continue
        if v.lower().startswith("the "):
            v = v[4:]
        names.append(v)
    return names


class Country:
    def __init__(self, code, label):
        self.code = code
        self.label = label
        self.names = []             # (phrase, kind) for the bare-code entry
        self.roles = {}             # role -> [phrases]
        self.dated = []             # (spec, [phrases])
        self.blocks = []
        self.noiso = set()
        self.codes = None           # override of the bare entry's code blocks


def read_table(path, known):
    countries = {}
    order = []
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, start=1):
            line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
            if not line.strip():
                continue
            cols = line.split("\t")
            if len(cols) != 3:
                die("%s:%d: want 3 tab-separated columns, got %d" % (path, lineno, len(cols)))
            code, kind, values = cols
            if code not in known:
                die("%s:%d: unknown code %s" % (path, lineno, code))
            phrases = [v.strip() for v in values.split("|") if v.strip()]
            c = countries.get(code)
            if c is None:
                c = countries[code] = Country(code, known[code])
                order.append(code)
            if kind in PLAIN_KINDS:
                for p in phrases:
                    c.names.extend((x, kind) for x in expand(p))
            elif kind == "block":
                for p in phrases:
                    c.blocks.extend(expand(p))
            elif kind == "noiso":
                c.noiso.update(phrases)
            elif kind == "codes":
                c.codes = phrases
            elif kind.startswith("dated "):
                c.dated.append((kind[6:].strip(), [x for p in phrases for x in expand(p)]))
            elif re.match(r"^[A-Z]{3}$", kind):
                c.roles.setdefault(kind, []).extend(x for p in phrases for x in expand(p))
            else:
                die("%s:%d: unknown kind %r" % (path, lineno, kind))
    return countries, order


def with_ascii(phrases, exclude):
    out = []
    for p in phrases:
        for q in (p, ascii_fold(p)):
            if q not in exclude and native(q) not in (native(x) for x in out):
                out.append(q)
    return out


def entry_lines(phrases, code_blocks, comment=None):
    lines = []
    first = native(phrases[0])
    lines.append(first + ("  # " + comment if comment else ""))
    for p in phrases[1:]:
        lines.append("+" + native(p))
    lines.append("    " + " ".join("[%s]" % b for b in code_blocks))
    return lines


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--iso", default=ISO_JSON)
    ap.add_argument("--table", default=TABLE)
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args(argv[1:])

    with open(args.iso, encoding="utf-8") as f:
        iso = {r["alpha_3"]: r for r in json.load(f)["3166-1"]}
    known = {k: r.get("common_name", r["name"]) for k, r in iso.items()}
    known.update(EXTRA_CODES)
    known.update(REGIONS)
    countries, order = read_table(args.table, known)
    missing = [k for k in sorted(iso) if k not in countries]
    for k in missing:
        print("make_countries: note: %s (%s) has no line in %s; ISO names only"
              % (k, known[k], os.path.relpath(args.table, ROOT)), file=sys.stderr)
        countries[k] = Country(k, known[k])
        order.append(k)

    out = []
    out.append("# countries.actors: countries, territories, regions and national institutions.")
    out.append("# GENERATED by tools/make_countries.py from tools/countries.tsv (our own table")
    out.append("# of news forms, demonyms, capitals, institutions) and the ISO 3166-1 names of")
    out.append("# Debian's iso-codes.  Do not edit: edit tools/countries.tsv and regenerate.")
    out.append("#")
    out.append("# Conventions (docs/dictionaries.md, ../shared/corpus/dev/README.md):")
    out.append("#  * a country, its people, its capital: the bare ISO alpha-3 code;")
    out.append("#  * named institutions: code + role (Kremlin RUSGOV, Knesset ISRLEG, PLA CHNMIL,")
    out.append("#    CIA USASPY, Xinhua CHNMED); the Pentagon is USAGOV like every defence ministry;")
    out.append("#  * Palestinians PSE, Palestinian Authority/PLO PSEGOV; Kosovo XKX (no ISO code);")
    out.append("#    Serbia SRB; Hong Kong HKG; a bare \"Congo\" is the DR Congo (COD);")
    out.append("#  * regions and blocs: CAMEO region roots (WST EUR AFR ASA MEA LAM SAM NMR CRB")
    out.append("#    CAU CAS SAS SEA NAF WAF EAF SAF CFR EEU BLK SCN MDT PGS);")
    out.append("#  * historical names carry a period: outside it they are not actors.")
    out.append("")
    n_entries = 0
    n_phrases = 0
    for code in order:
        c = countries[code]
        names = [p for p, _ in c.names]
        if code in iso:
            names += [n for n in iso_names(iso[code]) if n not in c.noiso]
        names = with_ascii(names, c.noiso | set(c.blocks))
        label = "%s %s" % (code, c.label)
        out.append("# ---- " + label)
        if names:
            blocks = c.codes if c.codes else [code]
            out.extend(entry_lines(names, blocks))
            n_entries += 1
            n_phrases += len(names)
        for role in sorted(c.roles):
            ph = with_ascii(c.roles[role], set())
            out.extend(entry_lines(ph, [code + role]))
            n_entries += 1
            n_phrases += len(ph)
        for spec, ph in c.dated:
            ph = with_ascii(ph, set())
            out.extend(entry_lines(ph, ["%s %s" % (code, spec)], "historical name"))
            n_entries += 1
            n_phrases += len(ph)
        if c.blocks:
            ph = with_ascii(c.blocks, set())
            out.extend(entry_lines(ph, ["---"], "not actors: block shorter matches"))
            n_entries += 1
            n_phrases += len(ph)
        out.append("")
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))
    print("make_countries: %d entries, %d phrases -> %s"
          % (n_entries, n_phrases, os.path.relpath(args.out, ROOT)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
