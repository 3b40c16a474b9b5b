#!/usr/bin/env python3
"""check_verbs.py: lint dyad's native verb and discard dictionaries (data/*.verbs, *.discards).

Why this exists: the verb dictionary is hand-written and large; the C reader reports what it
cannot parse, but only when someone runs it.  This script checks the same syntax
(docs/dictionaries.md) plus things the reader cannot know are mistakes:

  * every line is a synset, a verb line, a pattern under a verb, or a comment;
  * every event code exists in the CAMEO codebook (or is --- / ###), paired codes too;
  * synsets are defined once, before use, and referenced ones exist;
  * patterns have exactly one '*', at most one '+', '$' and '%', balanced {A | B};
  * no two roots generate the same word form (the trie would give one word two verbs);
  * a root is not written twice.

It also prints counts: roots, patterns, and patterns per CAMEO root.

Usage: tools/check_verbs.py [--codebook PATH] [--quiet] FILE...
       (defaults: data/verbs.verbs data/discards.discards and the codebook at
        data/codebook.tsv or ../shared/dictionaries/cameo/codebook.tsv)
Exit status 1 when any error is found.
"""
import argparse
import collections
import os
import re
import sys

WORD = r"[A-Z0-9][A-Z0-9'.\-]*|'[A-Z0-9]+"
WORD_RE = re.compile(r"^(?:%s)$" % WORD)
CODE_RE = re.compile(r"^(?:---|###|\d{2,4}(?::\d{2,4})?)$")
VOWELS = set("AEIOU")


class Checker:
    def __init__(self, codes):
        self.codes = codes
        self.errors = 0
        self.warnings = 0
        self.synsets = {}
        self.roots = {}            # root phrase -> where
        self.forms = {}            # word form -> (root, where)
        self.n_patterns = 0
        self.per_root_code = collections.Counter()   # CAMEO root of pattern/verb codes
        self.verb_codes = collections.Counter()
        self.n_discards = 0
        self.n_story_discards = 0

    def err(self, where, msg):
        self.errors += 1
        print("%s: error: %s" % (where, msg))

    def warn(self, where, msg):
        self.warnings += 1
        print("%s: warning: %s" % (where, msg))

    # ---- codes ----------------------------------------------------------
    def check_code(self, where, code):
        if not CODE_RE.match(code):
            self.err(where, "bad code [%s]" % code)
            return None
        if code in ("---", "###"):
            return code
        for part in code.split(":"):
            if part not in self.codes:
                self.err(where, "code %s is not in the codebook" % part)
                return None
        return code

    def count_code(self, code, counter):
        if code in (None, "---", "###"):
            counter[code or "---"] += 1
        else:
            counter[code.split(":")[0][:2]] += 1

    # ---- phrases --------------------------------------------------------
    def check_phrase(self, where, phrase, what):
        words = [w for w in re.split(r"[_ ]+", phrase) if w]
        if not words:
            self.err(where, "empty %s" % what)
        for w in words:
            if not WORD_RE.match(w):
                self.err(where, "bad word %r in %s %r" % (w, what, phrase))
        return words

    # ---- verb forms (docs/dictionaries.md) --------------------------------
    @staticmethod
    def inflect(word, double):
        """-S, -ED, -ING as src/dict/forms.c (forms_native_verb) generates them."""
        w = word
        last = w[-1]
        before = w[-2] if len(w) > 1 else ""
        cons = lambda c: c.isalpha() and c not in VOWELS
        if re.search(r"(S|X|Z|CH|SH)$", w):
            s = w + "ES"
        elif last == "Y" and cons(before):
            s = w[:-1] + "IES"
        else:
            s = w + "S"
        if double and cons(last):
            ed, ing = w + last + "ED", w + last + "ING"
        else:
            if last == "E":
                ed = w + "D"
            elif last == "Y" and cons(before):
                ed = w[:-1] + "IED"
            else:
                ed = w + "ED"
            if w.endswith("IE") and len(w) > 2:
                ing = w[:-2] + "YING"
            elif last == "E" and cons(before) and len(w) > 2:
                ing = w[:-1] + "ING"
            else:
                ing = w + "ING"
        return [s, ed, ing]

    @staticmethod
    def classify(base, form):
        """The form class the reader gives a listed form (forms_classify), or None
        when it cannot tell (then: one such form = past; two = preterite, participle)."""
        if form.endswith("ING"):
            return "ING"
        if form in (base + "S", base + "ES") or (form.endswith("IES") and form[:-3] == base[:-1]):
            return "S"
        if form.endswith("ED"):
            return "PAST"
        return None

    def root_forms(self, where, root, forms):
        """All phrases a verb line registers, as tuples of words."""
        double = root.endswith("_")
        base = root.rstrip("_")
        words = self.check_phrase(where, base.replace("+", ""), "verb root")
        out = [tuple(words)]
        if forms is not None:
            uncl = []
            for f in forms:
                out.append(tuple(self.check_phrase(where, f.replace("+", ""), "verb form")))
                if self.classify(base.split("_")[0], f.split("_")[0]) is None:
                    uncl.append(f)
            if len(uncl) > 2:
                self.warn(where, "%d irregular forms %s: the reader takes the first as "
                          "preterite, the second as participle, the rest as unknown"
                          % (len(uncl), " ".join(uncl)))
            return out
        marked = [i for i, w in enumerate(base.split("_")) if w.startswith("+")]
        i = marked[0] if marked else 0
        if len(marked) > 1:
            self.err(where, "more than one + in a verb root")
        for f in self.inflect(words[i], double):
            out.append(tuple(words[:i] + [f] + words[i + 1:]))
        return out

    # ---- lines ----------------------------------------------------------
    def check_synset(self, where, line):
        m = re.match(r"^&([A-Z0-9]+)\s*=\s*(.+)$", line)
        if not m:
            self.err(where, "bad synset line (write &NAME = A, B_C, ...; names without _)")
            return
        name, members = m.group(1), m.group(2)
        if name in self.synsets:
            self.err(where, "synset &%s defined twice (first at %s)" % (name, self.synsets[name]))
        self.synsets[name] = where
        seen = set()
        for mem in members.split(","):
            mem = mem.strip()
            if not mem:
                self.err(where, "empty member in &%s" % name)
                continue
            if mem in seen:
                self.warn(where, "member %s repeated in &%s" % (mem, name))
            seen.add(mem)
            self.check_phrase(where, mem, "synset member")

    def check_verb(self, where, line):
        m = re.match(r"^([A-Z0-9+][A-Z0-9_'.\-+]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?\s*$", line)
        if not m:
            self.err(where, "bad verb line: %r" % line)
            return None
        root, forms, code = m.group(1), m.group(2), m.group(3)
        form_list = None
        if forms is not None:
            form_list = forms[1:-1].split()
            if not form_list:
                self.warn(where, "empty {} on a verb line")
        if code is None:
            self.warn(where, "verb %s has no [code] (taken as [---])" % root)
            c = "---"
        else:
            c = self.check_code(where, code[1:-1].strip())
        key = root.rstrip("_")
        if key in self.roots:
            self.err(where, "root %s written twice (first at %s)" % (key, self.roots[key]))
        self.roots[key] = where
        for f in self.root_forms(where, root, form_list):
            prev = self.forms.get(f)
            if prev and prev[0] != key:
                self.err(where, "form %s of %s is also a form of %s (%s)"
                         % ("_".join(f), key, prev[0], prev[1]))
            self.forms.setdefault(f, (key, where))
        self.count_code(c, self.verb_codes)
        return key

    def tokenize_pattern(self, where, body):
        toks, i = [], 0
        while i < len(body):
            ch = body[i]
            if ch.isspace():
                i += 1
                continue
            if ch == "{":
                j = body.find("}", i)
                if j < 0:
                    self.err(where, "unbalanced {")
                    return None
                toks.append(body[i:j + 1])
                i = j + 1
                continue
            j = i
            while j < len(body) and not body[j].isspace() and body[j] != "{":
                j += 1
            toks.append(body[i:j])
            i = j
        return toks

    def check_pattern(self, where, line, verb):
        self.n_patterns += 1
        if verb is None:
            self.err(where, "pattern before any verb line")
        m = re.match(r"^-\s+(.*?)\s*\[([^\]]*)\]\s*$", line)
        if not m:
            self.err(where, "bad pattern line (needs '- elements [code]'): %r" % line)
            return
        body, code = m.group(1), m.group(2).strip()
        c = self.check_code(where, code)
        self.count_code(c, self.per_root_code)
        toks = self.tokenize_pattern(where, body)
        if toks is None:
            return
        counts = collections.Counter()
        literals = 0
        for tok in toks:
            if tok.startswith("{"):
                alts = [a.strip() for a in tok[1:-1].split("|")]
                if len(alts) < 2 or any(not a for a in alts):
                    self.err(where, "bad alternatives %s" % tok)
                for a in alts:
                    if a.startswith("&"):
                        self.err(where, "synset inside alternatives: %s" % tok)
                    else:
                        self.check_phrase(where, a, "alternative")
                literals += 1
                continue
            if tok.startswith("_") or tok.endswith("_") or "__" in tok:
                self.err(where, "dangling _ in %r" % tok)
            for el in tok.split("_"):
                if not el:
                    continue
                if el in ("*", "+", "$", "%", "^"):
                    counts[el] += 1
                elif el.startswith("&"):
                    if el[1:] not in self.synsets:
                        self.err(where, "unknown synset %s" % el)
                    if "_" in tok:
                        self.err(where, "synset joined with _: %r" % tok)
                    literals += 1
                elif WORD_RE.match(el):
                    literals += 1
                else:
                    self.err(where, "bad pattern element %r" % el)
        if counts["*"] != 1:
            self.err(where, "pattern needs exactly one * (has %d)" % counts["*"])
        for sym in "+$%":
            if counts[sym] > 1:
                self.err(where, "more than one %s" % sym)
        if counts["%"] and counts["+"]:
            self.warn(where, "both % and + in one pattern")

    def check_verbs_file(self, path):
        verb = None
        with open(path, encoding="utf-8") as fh:
            for n, raw in enumerate(fh, 1):
                where = "%s:%d" % (path, n)
                line = raw.split("#", 1)[0].rstrip()
                if not line.strip():
                    continue
                if raw[0].isspace() and not line.lstrip().startswith("-"):
                    self.err(where, "unexpected indentation")
                line = line.strip()
                if line.startswith("&"):
                    self.check_synset(where, line)
                elif line.startswith("-"):
                    self.check_pattern(where, line, verb)
                else:
                    verb = self.check_verb(where, line)

    def check_discards_file(self, path):
        seen = {}
        with open(path, encoding="utf-8") as fh:
            for n, raw in enumerate(fh, 1):
                where = "%s:%d" % (path, n)
                line = raw.split("#", 1)[0].strip()
                if not line:
                    continue
                story = line.startswith("+")
                phrase = line[1:] if story else line
                self.check_phrase(where, phrase, "discard")
                if phrase in seen:
                    self.err(where, "discard %s repeated (first at %s)" % (phrase, seen[phrase]))
                seen[phrase] = where
                self.n_discards += 1
                self.n_story_discards += story


def load_codebook(path):
    codes = set()
    with open(path, encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            if line.strip():
                codes.add(line.split("\t")[0])
    return codes


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    top = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--codebook")
    ap.add_argument("--quiet", action="store_true", help="errors only, no counts")
    args = ap.parse_args()
    cb = args.codebook
    if not cb:
        for cand in (os.path.join(top, "data", "codebook.tsv"),
                     os.path.join(top, "..", "shared", "dictionaries", "cameo", "codebook.tsv")):
            if os.path.exists(cand):
                cb = cand
                break
    if not cb:
        print("no codebook found: pass --codebook", file=sys.stderr)
        return 2
    files = args.files or [os.path.join(top, "data", "verbs.verbs"),
                           os.path.join(top, "data", "discards.discards")]
    ck = Checker(load_codebook(cb))
    for f in files:
        if f.endswith(".discards"):
            ck.check_discards_file(f)
        else:
            ck.check_verbs_file(f)
    if not args.quiet:
        print("synsets %d, roots %d, forms %d, patterns %d, discards %d (%d whole-story)"
              % (len(ck.synsets), len(ck.roots), len(ck.forms), ck.n_patterns,
                 ck.n_discards, ck.n_story_discards))
        keys = sorted(set(ck.per_root_code) | set(ck.verb_codes), key=lambda k: (k is None, str(k)))
        print("CAMEO root: verb lines / patterns")
        for k in keys:
            print("  %-4s %4d %5d" % (k, ck.verb_codes.get(k, 0), ck.per_root_code.get(k, 0)))
    print("%d error(s), %d warning(s)" % (ck.errors, ck.warnings))
    return 1 if ck.errors else 0


if __name__ == "__main__":
    sys.exit(main())
