/*
** dict_tools.h: looking at a dictionary set from outside the coder.
**
** `dyad dict` needs more than the coder does: what each file contributed, a
** set of consistency checks (lint), and a way to write any loaded set back out
** in dyad's native format (to migrate TABARI or PETRARCH dictionaries).  These
** functions read a frozen set; none is on a hot path.
*/
#ifndef DYAD_DICT_TOOLS_H
#define DYAD_DICT_TOOLS_H

#include <stddef.h>

#include "dict/dict.h"
#include "util/diag.h"

/* 1 when a codebook has been loaded into b (so a default one is not needed). */
int dict_builder_has_codebook(const dict_builder *b);

/* What loading one file did. */
typedef struct dict_file_info {
    const char *name;
    const char *kind;       /* "actors", "agents", "verbs", "discards", "options", ... */
    const char *dialect;    /* "native", "tabari", "petrarch" */
    long lines;             /* lines seen */
    long records;           /* entries, synonyms, code lines, patterns, members read */
    long problems;          /* lines reported as unreadable (skipped, or partly read) */
    long unsupported;       /* lines read but outside the model (noted, skipped) */
} dict_file_info;

/* 0, or -1 when i is out of range. */
int dict_file_info_at(const dict_set *d, size_t i, dict_file_info *out);

typedef struct dict_counts {
    size_t actors, actor_phrases, periods, dated_periods;
    size_t agents, agent_phrases, plural_phrases;
    size_t verbs, verb_phrases, patterns, pattern_elems;
    size_t sets, set_members, discards, times, nouns, adjectives;
    size_t codes, option_lines;
    size_t words, stems, trie_nodes, trie_edges, gap_edges, payloads;
} dict_counts;

void dict_count(const dict_set *d, dict_counts *out);

/* Run every check and report each problem to diags as a warning (repeats that
   agree as notes).  Checks: overlapping dated periods of one actor; gaps between
   two periods with the same root and role and no default; country roots that
   are neither ISO 3166 codes nor CAMEO's regional and organisation roots (native
   files); event codes missing from the codebook; a phrase given conflicting
   codes by two entries; patterns shadowed by an earlier identical pattern of the
   same verb, or that can never match (an empty phrase set).  Returns the number
   of problems found. */
long dict_lint(const dict_set *d, diag_sink *diags);

/* Write d in dyad's native format into directory dir (created when missing):
   dir/actors.actors, agents.agents, verbs.verbs, discards.discards and
   codebook.tsv, each only when the set has such entries.  What the native
   format cannot say (TABARI stems and gaps, PETRARCH phrase structure, time
   phrases, noun and adjective lists, .options) is written as a comment or
   dropped, and counted in *lossy.  Returns 0, or -1 when a file cannot be
   written (reported). */
int dict_write_native(const dict_set *d, const char *dir, long *lossy, diag_sink *diags);

/* The phrase that leads to trie node `node`, lexemes joined with blanks (a stem
   keeps its '*', a gap is written " ... "); returns the length. */
size_t dict_node_text(const dict_set *d, uint32_t node, char *buf, size_t cap);

#endif
