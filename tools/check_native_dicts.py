#!/usr/bin/env python3
"""check_native_dicts.py: a syntax and consistency checker for dyad's native
dictionary files (docs/dictionaries.md), written for the people who edit data/.

The real reader is the C loader in src/dict/; this script is an independent,
deliberately strict second opinion that the data files can run through before
they are committed (and a cheap way to catch a typo in a 5,000-line file):

  actors (*.actors)   every line is a primary phrase (optionally with [code]
                      blocks), a +synonym, or an indented line of [code] blocks;
                      codes are CAMEO-shaped (3-letter root + 3-letter segments)
                      with a known root; dates are real calendar days; dated
                      periods of one entry do not overlap; no phrase is given
                      two different code sets anywhere in data/.
  agents (*.agents)   substitution sets, entries PHRASE [{PLURAL}] [~ROLE] or
                      [ROLE~]; sets are defined before use; no phrase (singular
                      or generated plural) gets two different codes.
  codebook.tsv        header, 2-4 digit codes with their root, weights, quad class.

Usage: python3 tools/check_native_dicts.py [DIR_OR_FILES...]   (default: data/)
Prints one line per problem ("file:line: error|warning: ...") and a summary;
exits 1 when there are errors.  --quiet hides warnings, --stats prints counts.
"""
import datetime
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"

# Roots that are not ISO 3166-1 alpha-3 countries: dyad's choices (see
# data/actors/countries.actors) and CAMEO's regional and organisational roots.
EXTRA_ROOTS = {
    "XKX",                                   # Kosovo (user-assigned ISO-style code)
    "WST", "EUR", "AFR", "ASA", "MEA", "LAM", "SAM", "NMR", "CRB", "CAU", "CAS",
    "SAS", "SEA", "NAF", "WAF", "EAF", "SAF", "CFR", "EEU", "BLK", "SCN", "MDT",
    "PGS",                                   # CAMEO regions
    "IGO", "NGO", "IMG", "MNC", "NGM",       # organisations
}

# CAMEO role / sector segments dyad uses after a country root.
ROLES = {
    "GOV", "MIL", "COP", "JUD", "LEG", "REB", "UAF", "OPP", "REL", "LAB", "MED",
    "BUS", "EDU", "CVL", "REF", "HLH", "CRM", "SPY", "ELI", "AGR", "HRI", "ENV",
    "DEV", "INS", "SEP", "RAD", "MOD", "PTY", "IGO", "NGO", "IMG", "MNC",
}

DATE_RE = r"(\d{8}|\d{4}-\d{2}-\d{2})"
CODE_RE = re.compile(r"^(---|[A-Z]{3}(?:[A-Z]{3})*)$")
PERIOD_RE = re.compile(
    r"^\s*(?P<code>\S+)\s*(?:(?P<from>%s)\s*-\s*(?P<to>%s)|>\s*(?P<after>%s)|<\s*(?P<before>%s))?\s*$"
    % (DATE_RE, DATE_RE, DATE_RE, DATE_RE))
# A word of a phrase: letters (any script), digits, and the inner punctuation
# the tokenizer keeps inside a word (. ' - &) ; a lone "'S" possessive is fine.
WORD_RE = re.compile(r"^[^\W_]([\w.'\-&]*[\w.'])?$|^'S?$", re.UNICODE)

DATE_MIN, DATE_MAX = -10**9, 10**9


class Report:
    def __init__(self, quiet=False):
        self.errors = 0
        self.warnings = 0
        self.quiet = quiet

    def error(self, where, msg):
        self.errors += 1
        print("%s: error: %s" % (where, msg))

    def warn(self, where, msg):
        self.warnings += 1
        if not self.quiet:
            print("%s: warning: %s" % (where, msg))


def load_roots():
    roots = set(EXTRA_ROOTS)
    try:
        with open(ISO_JSON, encoding="utf-8") as f:
            for c in json.load(f)["3166-1"]:
                roots.add(c["alpha_3"])
    except OSError:
        print("check_native_dicts: %s not found, country roots not checked" % ISO_JSON,
              file=sys.stderr)
        return None
    return roots


def strip_comment(line):
    i = line.find("#")
    return line if i < 0 else line[:i]


def parse_date(s):
    s = s.replace("-", "")
    d = datetime.date(int(s[:4]), int(s[4:6]), int(s[6:8]))
    return d.toordinal()


def norm_phrase(p):
    """The phrase as the matcher sees it: words in upper case, single blanks."""
    return " ".join(p.replace("_", " ").upper().split())


def check_phrase(rep, where, phrase):
    words = norm_phrase(phrase).split()
    if not words:
        rep.error(where, "empty phrase")
        return False
    ok = True
    for w in words:
        core = w
        if core.endswith("'S") and len(core) > 2:
            core = core[:-2]           # KIM'S -> KIM + 'S, as the tokenizer splits it
        if not WORD_RE.match(core):
            rep.error(where, "word %r of %r is not one token" % (w, phrase))
            ok = False
    if phrase != phrase.upper():
        rep.warn(where, "phrase %r is not written in upper case" % phrase)
    return ok


def check_code(rep, where, code, roots, kind="actor"):
    if not CODE_RE.match(code):
        rep.error(where, "malformed %s code %r" % (kind, code))
        return
    if code == "---":
        return
    if roots is not None and code[:3] not in roots:
        rep.error(where, "unknown root %r in %r" % (code[:3], code))
    if code[:3] in ("IGO", "NGO", "IMG", "MNC", "NGM"):
        return                          # organisation segments are free-form
    for i in range(3, len(code), 3):
        seg = code[i:i + 3]
        if seg not in ROLES:
            rep.warn(where, "unusual role segment %r in %r" % (seg, code))


# ---- actors -----------------------------------------------------------------

class ActorEntry:
    def __init__(self, phrase, where):
        self.phrase = phrase
        self.where = where
        self.synonyms = []
        self.periods = []               # (code, from, to, where)
        self.indented_codes = False     # synonyms may follow codes on the primary line only


def parse_blocks(rep, where, text, entry, roots):
    """Parse the [..] blocks of text into entry.periods; return leftover text."""
    rest = []
    pos = 0
    for m in re.finditer(r"\[([^\]]*)\]", text):
        rest.append(text[pos:m.start()])
        pos = m.end()
        pm = PERIOD_RE.match(m.group(1))
        if not pm:
            rep.error(where, "cannot read code block [%s]" % m.group(1))
            continue
        code = pm.group("code")
        check_code(rep, where, code, roots)
        try:
            if pm.group("from"):
                lo, hi = parse_date(pm.group("from")), parse_date(pm.group("to"))
                if lo >= hi:
                    rep.error(where, "empty period [%s]" % m.group(1))
            elif pm.group("after"):
                lo, hi = parse_date(pm.group("after")), DATE_MAX
            elif pm.group("before"):
                lo, hi = DATE_MIN, parse_date(pm.group("before"))
            else:
                lo = hi = None          # undated default
        except ValueError as e:
            rep.error(where, "bad date in [%s]: %s" % (m.group(1), e))
            continue
        entry.periods.append((code, lo, hi, where))
    rest.append(text[pos:])
    left = "".join(rest)
    if "[" in left or "]" in left:
        rep.error(where, "unbalanced bracket")
    return left.strip()


def read_actors(rep, path, roots):
    entries = []
    cur = None
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, start=1):
            where = "%s:%d" % (os.path.relpath(path, ROOT), lineno)
            line = strip_comment(raw.rstrip("\n"))
            if not line.strip():
                continue
            if line[0] in " \t":
                if cur is None:
                    rep.error(where, "code line before any entry")
                    continue
                cur.indented_codes = True
                left = parse_blocks(rep, where, line, cur, roots)
                if left:
                    rep.error(where, "text %r on a code line" % left)
                continue
            if line.startswith("+"):
                if cur is None:
                    rep.error(where, "synonym before any entry")
                    continue
                if cur.indented_codes:
                    rep.error(where, "synonym after the entry's code lines")
                syn = line[1:].strip()
                if "[" in syn:
                    rep.error(where, "codes on a synonym line")
                    syn = syn[:syn.index("[")].strip()
                if check_phrase(rep, where, syn):
                    cur.synonyms.append((syn, where))
                continue
            if line.startswith("["):
                rep.error(where, "code block at the start of a line (indent it)")
                continue
            cur = ActorEntry(None, where)
            phrase = parse_blocks(rep, where, line, cur, roots)
            if check_phrase(rep, where, phrase):
                cur.phrase = phrase
                entries.append(cur)
    return entries


def check_actor_entries(rep, entries):
    seen = {}                           # norm phrase -> (codeset, where)
    n_phrases = 0
    for e in entries:
        if not e.periods:
            rep.error(e.where, "entry %r has no code" % e.phrase)
            continue
        undated = [p for p in e.periods if p[1] is None]
        dated = sorted((p for p in e.periods if p[1] is not None), key=lambda p: p[1])
        if len(undated) > 1:
            rep.error(e.where, "entry %r has %d undated codes" % (e.phrase, len(undated)))
        for a, b in zip(dated, dated[1:]):
            if b[1] < a[2]:
                rep.error(b[3], "period of %s overlaps the period of %s (%s)"
                          % (b[0], a[0], a[3]))
            elif b[1] > a[2] and a[0] == b[0] and not undated:
                rep.warn(b[3], "gap in %r between two %s periods and no default"
                         % (e.phrase, a[0]))
        key = tuple(sorted((c, lo or 0, hi or 0) for c, lo, hi, _ in e.periods))
        for phrase, where in [(e.phrase, e.where)] + e.synonyms:
            n_phrases += 1
            np_ = norm_phrase(phrase)
            if np_ in seen:
                other_key, other_where = seen[np_]
                if other_key != key:
                    rep.error(where, "phrase %r also at %s with other codes" % (np_, other_where))
                else:
                    rep.warn(where, "phrase %r repeated (also %s)" % (np_, other_where))
            else:
                seen[np_] = (key, where)
    return seen, n_phrases


# ---- agents -----------------------------------------------------------------

SET_RE = re.compile(r"^!([A-Z0-9_]+)!\s*=\s*(.+)$")
AGENT_RE = re.compile(r"^(?P<phrase>[^{\[]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]\s*$")


def plural_of(word):
    w = word
    if re.search(r"[^AEIOU]Y$", w):
        return w[:-1] + "IES"
    if re.search(r"(S|X|Z|CH|SH)$", w):
        return w + "ES"
    return w + "S"


def generated_plural(phrase):
    words = norm_phrase(phrase).split()
    words[-1] = plural_of(words[-1])
    return " ".join(words)


def read_agents(rep, path, roots, actor_phrases):
    sets = {}
    seen = {}
    n = 0
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, start=1):
            where = "%s:%d" % (os.path.relpath(path, ROOT), lineno)
            line = strip_comment(raw.rstrip("\n")).strip()
            if not line:
                continue
            m = SET_RE.match(line)
            if m:
                members = [x.strip() for x in m.group(2).split(",") if x.strip()]
                if m.group(1) in sets:
                    rep.error(where, "substitution set !%s! defined twice" % m.group(1))
                sets[m.group(1)] = members
                continue
            m = AGENT_RE.match(line)
            if not m:
                rep.error(where, "cannot read agent line %r" % line)
                continue
            code = m.group("code").strip()
            if code.startswith("~"):
                role = code[1:]
            elif code.endswith("~"):
                role = code[:-1]
            else:
                rep.error(where, "agent code %r has no ~" % code)
                continue
            if not re.match(r"^([A-Z]{3})+$", role):
                rep.error(where, "malformed agent code %r" % code)
            elif code.startswith("~"):
                for i in range(0, len(role), 3):
                    if role[i:i + 3] not in ROLES:
                        rep.warn(where, "unusual role segment %r in %r" % (role[i:i + 3], code))
            phrase = m.group("phrase").strip()
            variants = [phrase]
            for name in re.findall(r"!([A-Z0-9_]+)!", phrase):
                if name not in sets:
                    rep.error(where, "substitution set !%s! not defined above" % name)
                    variants = []
                    break
                variants = [v.replace("!%s!" % name, mem) for v in variants for mem in sets[name]]
            plural = m.group("plural")
            for v in variants:
                if not check_phrase(rep, where, v):
                    continue
                forms = [(norm_phrase(v), "singular")]
                if plural is None:
                    forms.append((generated_plural(v), "plural"))
                elif plural.strip():
                    if len(variants) > 1:
                        rep.error(where, "explicit plural with a substitution set")
                    for p in plural.split():
                        if check_phrase(rep, where, p):
                            forms.append((norm_phrase(p), "plural"))
                for form, kind in forms:
                    n += 1
                    if form in seen and seen[form][0] != code:
                        rep.error(where, "%s %r also at %s with code %s"
                                  % (kind, form, seen[form][1], seen[form][0]))
                    elif form in seen and kind == "singular":
                        rep.warn(where, "agent %r repeated (also %s)" % (form, seen[form][1]))
                    seen.setdefault(form, (code, where))
                    if form in actor_phrases:
                        rep.warn(where, "agent %r is also an actor phrase (%s)"
                                 % (form, actor_phrases[form][1]))
    return n


# ---- codebook ---------------------------------------------------------------

def read_codebook(rep, path):
    n = 0
    codes = set()
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    where0 = os.path.relpath(path, ROOT)
    if lines[0] != "code\troot\tname\tgoldstein\tquad_class":
        rep.error(where0 + ":1", "bad header %r" % lines[0])
    for i, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        where = "%s:%d" % (where0, i)
        cols = line.split("\t")
        if len(cols) != 5:
            rep.error(where, "%d columns" % len(cols))
            continue
        code, root, name, g, q = cols
        if not re.match(r"^\d{2,4}$", code) or code[:2] != root:
            rep.error(where, "bad code/root %r/%r" % (code, root))
        if code in codes:
            rep.error(where, "duplicate code %s" % code)
        codes.add(code)
        try:
            if not -10 <= float(g) <= 10:
                rep.error(where, "weight out of range")
        except ValueError:
            rep.error(where, "bad weight %r" % g)
        r = int(root)
        want = 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4
        if q != str(want):
            rep.error(where, "quad class %s, want %d" % (q, want))
        n += 1
    return n


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    rep = Report(quiet="--quiet" in argv)
    paths = []
    for a in args or [os.path.join(ROOT, "data")]:
        if os.path.isdir(a):
            for d, _, files in sorted(os.walk(a)):
                paths += [os.path.join(d, x) for x in sorted(files)]
        else:
            paths.append(a)
    roots = load_roots()
    entries = []
    counts = {}
    for p in paths:
        if p.endswith(".actors"):
            es = read_actors(rep, p, roots)
            counts[os.path.relpath(p, ROOT)] = "%d entries" % len(es)
            entries += es
    actor_phrases, n_phrases = check_actor_entries(rep, entries)
    for p in paths:
        if p.endswith(".agents"):
            counts[os.path.relpath(p, ROOT)] = "%d phrases with plurals" % read_agents(
                rep, p, roots, actor_phrases)
        elif os.path.basename(p) == "codebook.tsv":
            counts[os.path.relpath(p, ROOT)] = "%d codes" % read_codebook(rep, p)
    if "--stats" in argv:
        for k in sorted(counts):
            print("%-40s %s" % (k, counts[k]))
        print("%-40s %d" % ("actor phrases (incl. synonyms)", n_phrases))
    print("check_native_dicts: %d error(s), %d warning(s)" % (rep.errors, rep.warnings))
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
