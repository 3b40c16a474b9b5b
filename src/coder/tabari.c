/*
** tabari.c: the TABARI rules as a coder mode.
**
** Three ways in:
**
**   tabari_code_sentence    the hook of coder_code_document: with
**                           CODER_RULES_TABARI every sentence dyad splits off
**                           a document is coded as one TABARI record, dated
**                           with the document;
**   coder_code_tabari_record a TABARI text record as TABARI reads it: a header
**                           line (date, record ID) and its text, coded as one
**                           unit; the record IDs drive FORWARD:;
**   coder_apply_tabari_option a .options command, as the validation suite's
**                           { OPTION: ... } records give them between records.
**
** A coder builds its TABARI model and state on first use: the model from the
** dictionary set's phrases as written, the options from the set's .options
** lines.  Events become event mentions with TABARI's codes (agents attached
** to their actors), the words that named the actors and the verb, and the
** dictionary lines that produced them.
*/
#include "coder/tabari.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/civil_date.h"
#include "util/strcopy.h"

tb_state *tb_state_new(const tb_model *m)
{
    tb_state *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->m = m;
    s->lit_seen = calloc(m->lit.len / 64 + 1, sizeof *s->lit_seen);
    if (!s->lit_seen) {
        free(s);
        return NULL;
    }
    tb_options_init(&s->opt, m);
    s->last_seq = -1;
    return s;
}

void tb_state_free(tb_state *s)
{
    if (!s)
        return;
    vec_free(&s->lits);
    free(s->lit_seen);
    vec_free(&s->tags);
    free(s);
}

struct tabari_coder {
    tb_model *model;
    tb_state *state;
};

void tabari_free(struct tabari_coder *t)
{
    if (!t)
        return;
    tb_state_free(t->state);
    tb_model_free(t->model);
    free(t);
}

static tb_state *state_of(coder *c)
{
    if (c->tabari)
        return c->tabari->state;
    struct tabari_coder *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->model = tb_model_new(c->dict);
    t->state = t->model ? tb_state_new(t->model) : NULL;
    if (!t->state) {
        tabari_free(t);
        return NULL;
    }
    for (size_t i = 0; i < dict_n_option_lines(c->dict); i++)
        tb_apply_option(&t->state->opt, dict_option_line(c->dict, i));
    c->tabari = t;
    return t->state;
}

int coder_apply_tabari_option(coder *c, const char *line)
{
    tb_state *s = state_of(c);
    if (!s)
        return -1;
    return tb_apply_option(&s->opt, line);
}

const char *coder_tabari_outcome(const coder *c)
{
    if (!c->tabari)
        return "none";
    switch (c->tabari->state->outcome) {
    case TB_EVENTS: return "events";
    case TB_DISCARD: return "discard";
    case TB_COMPLEX: return "complex";
    case TB_INPUT_ERROR: return "input error";
    default: return "none";
    }
}

int coder_tabari_yyyy(const coder *c)
{
    return c->tabari ? c->tabari->state->opt.yyyy : 0;
}

/* ---- records ------------------------------------------------------------------ */

/* YYMMDD (TABARI: 20YY up to 29, else 19YY) or YYYYMMDD; -1 when not a date. */
static int record_date(const char *s, size_t width, int32_t *day)
{
    int v[8];
    for (size_t i = 0; i < width; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v[i] = s[i] - '0';
    }
    int y, m, d;
    if (width == 8) {
        y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
        m = v[4] * 10 + v[5];
        d = v[6] * 10 + v[7];
    } else {
        y = v[0] * 10 + v[1];
        y += y <= 29 ? 2000 : 1900;
        m = v[2] * 10 + v[3];
        d = v[4] * 10 + v[5];
    }
    if (!civil_valid(y, m, d))
        return -1;
    *day = civil_to_days(y, m, d);
    return 0;
}

/* TABARI's record header: the date, then the record ID at fixed positions when
   FORWARD: has set them; decides whether pronouns may look back. */
static void read_header(tb_state *s, const char *header, int32_t dflt)
{
    s->record_date = dflt;
    s->can_forward = 0;
    if (!header)
        return;
    size_t hl = strlen(header);
    int width = s->opt.yyyy ? 8 : 6;
    int32_t day;
    if (hl >= (size_t)width && record_date(header, (size_t)width, &day) == 0)
        s->record_date = day;
    const tb_options *o = &s->opt;
    if (o->id_loc < 0)
        return;
    size_t at = (size_t)width + (size_t)o->id_loc;
    if (hl <= at)
        return;
    char id[80];
    size_t il = (size_t)o->id_len < sizeof id - 1 ? (size_t)o->id_len : sizeof id - 1;
    strncpy(id, header + at, il);
    id[il] = '\0';
    size_t sl = (size_t)o->story_loc;
    const char *a = sl < strlen(s->last_rec_id) ? s->last_rec_id + sl : "";
    const char *b = sl < strlen(id) ? id + sl : "";
    if (strncmp(a, b, (size_t)o->story_len))
        s->last_seq = -1; /* a new story */
    strcpy(s->last_rec_id, id);
    char seq[16] = "";
    size_t sat = (size_t)width + (size_t)o->sent_loc;
    if (sat < hl) {
        size_t n = (size_t)o->sent_len < sizeof seq - 1 ? (size_t)o->sent_len : sizeof seq - 1;
        strncpy(seq, header + sat, n);
        seq[n] = '\0';
    }
    int nseq = atoi(seq);
    if (o->use_forward && s->last_seq >= 0 && nseq == s->last_seq + 1)
        s->can_forward = 1;
    s->last_seq = nseq;
}

static int code_text(tb_state *s, const char *text, size_t len)
{
    if (len > TB_MAX_TEXT - 1)
        len = TB_MAX_TEXT - 1; /* TABARI truncates long records */
    s->src = text;
    s->src_len = len;
    s->date = s->record_date;
    s->date_shifted = 0;
    s->n_out = 0;
    s->outcome = TB_NO_EVENTS;
    if (tb_parse(s) != 0) {
        s->outcome = TB_INPUT_ERROR;
        if (s->parse_error)
            return 0;
        return -1;
    }
    tb_code(s);
    tb_remember_forward(s);
    return 0;
}

/* ---- mentions ----------------------------------------------------------------- */

static span word_span(const tb_state *s, int from, int to, uint32_t base)
{
    if (from < 0 || from > s->ilex)
        return (span){base, base};
    if (to < from || to > s->ilex)
        to = from;
    return (span){base + (uint32_t)s->lex[from].src_start, base + (uint32_t)s->lex[to].src_end};
}

static int tail_of(const tb_state *s, int head, int type)
{
    for (int k = head; k <= s->ilex; k++)
        if (tb_has_tail(s, k, type))
            return k;
    return head;
}

static void fill_actor(const tb_state *s, actor_slot *slot, const char *code, int loc, int root,
                       int agt, uint32_t base)
{
    str_copy(slot->code, sizeof slot->code, code);
    slot->text = loc >= 0 && loc <= s->ilex ? word_span(s, loc, tail_of(s, loc, TW_ACTOR), base)
                                            : (span){base, base};
    slot->entry = NULL;
    slot->agent_entry = NULL;
    const dict_set *d = s->m->dict;
    if (root >= 0) {
        const tb_root *r = &s->m->roots.items[root];
        if (r->wtype == TW_ACTOR) {
            const actor_entry *a = dict_actor(d, r->entry);
            slot->entry = a ? a->where : NULL;
        } else if (r->wtype == TW_AGENT) {
            const agent_entry *a = dict_agent(d, r->entry);
            slot->entry = a ? a->where : NULL;
        }
    }
    if (agt >= 0) {
        const agent_entry *a = dict_agent(d, s->m->roots.items[agt].entry);
        slot->agent_entry = a ? a->where : NULL;
    }
}

static int emit(coder *c, tb_state *s, uint32_t base, uint32_t sent_no, mention_vec *out)
{
    for (int k = 0; k < s->n_out; k++) {
        const tb_out *o = &s->out[k];
        event_mention m;
        memset(&m, 0, sizeof m);
        m.sentence = sent_no;
        m.sentence_text = (span){base, base + (uint32_t)s->src_len};
        fill_actor(s, &m.source, o->source, o->src_loc, o->src_root, o->src_agt, base);
        fill_actor(s, &m.target, o->target, o->tar_loc, o->tar_root, o->tar_agt, base);
        str_copy(m.code, sizeof m.code, o->code ? o->code : "");
        int vroot = o->verb >= 0 && o->verb <= s->ilex ? s->root[o->verb] : -1;
        m.verb_text = word_span(s, o->verb, tail_of(s, o->verb, TW_VERB), base);
        if (vroot >= 0) {
            const tb_verb *v = &s->m->verbs.items[s->m->roots.items[vroot].entry];
            const verb_entry *ve = dict_verb(s->m->dict, v->dict_verb);
            m.verb_entry = ve ? ve->where : NULL;
            m.pattern = o->pat && o->pat != &v->main ? o->pat->where : NULL;
        }
        m.date = s->date;
        m.date_basis = s->date == DATE_UNKNOWN ? DATE_NONE
                       : s->date_shifted       ? DATE_FROM_TEXT
                                               : DATE_FROM_ARTICLE;
        m.modality = MOD_ASSERTED;
        if (o->src_loc == TB_DEFAULT_LOC || o->tar_loc == TB_DEFAULT_LOC)
            m.flags |= MENTF_DEFAULT_ACTOR;
        if ((o->src_loc >= 0 && (s->sflags[o->src_loc] & TSF_COMPOUND)) ||
            (o->tar_loc >= 0 && (s->sflags[o->tar_loc] & TSF_COMPOUND)))
            m.flags |= MENTF_COMPOUND;
        if (c->in_title)
            m.flags |= MENTF_TITLE;
        m.confidence = m.pattern ? 0.9f : 0.7f;
        if (vec_push(out, m) != 0)
            return -1;
    }
    return 0;
}

long coder_code_tabari_record(coder *c, const char *header, const char *text, size_t len,
                              mention_vec *out)
{
    tb_state *s = state_of(c);
    if (!s)
        return -1;
    size_t before = out->len;
    read_header(s, header, c->opt.default_date);
    c->doc = NULL;
    c->in_title = 0;
    c->n_sentences++;
    if (code_text(s, text, len) != 0 || emit(c, s, 0, 0, out) != 0)
        return -1;
    c->n_tokens += (uint64_t)(s->ilex + 1);
    return (long)(out->len - before);
}

/* The hook: one sentence of a document, coded as one record. */
int tabari_code_sentence(coder *c)
{
    if (c->tok != c->sentence_tok)
        return 0; /* a later window of a long sentence: the record was coded whole */
    tb_state *s = state_of(c);
    if (!s)
        return -1;
    s->record_date = c->doc_date;
    s->can_forward = 0;
    const char *text = c->doc->text + c->sentence_span.start;
    size_t len = c->sentence_span.end - c->sentence_span.start;
    if (code_text(s, text, len) != 0)
        return -1;
    if (tracing(c))
        trace_printf(c, "  TABARI: %d event(s), %s\n", s->n_out, coder_tabari_outcome(c));
    if (s->outcome == TB_DISCARD && s->discard_story)
        return 1; /* a +PHRASE discard: the whole document */
    return emit(c, s, c->sentence_span.start, c->sentence_no, c->out);
}
