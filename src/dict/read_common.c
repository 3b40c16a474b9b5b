/*
** read_common.c: what the three dialect readers share: lines, dates, codes,
** agent entries.
**
** Every reader walks its buffer line by line without copying it (next_line),
** and reads dates and event codes the same way, so that the same mistake in a
** TABARI and a native file gets the same message.
*/
#include "dict/dict_internal.h"

#include <string.h>

#include "util/civil_date.h"

int next_line(linereader *lr, const char **line, size_t *len)
{
    if (lr->p >= lr->end)
        return 0;
    const char *s = lr->p;
    const char *nl = memchr(s, '\n', (size_t)(lr->end - s));
    const char *e = nl ? nl : lr->end;
    lr->p = nl ? nl + 1 : lr->end;
    if (e > s && e[-1] == '\r')
        e--;
    lr->lineno++;
    *line = s;
    *len = (size_t)(e - s);
    return 1;
}

void rd_trim(const char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t'))
        (*s)++, (*len)--;
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

int rd_starts(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    return len >= n && memcmp(s, p, n) == 0;
}

uint32_t rd_agent_entry(rdctx *r, const char *p, size_t pl, const phrase_word *w, size_t n,
                        const char *code, uint8_t attach, uint32_t *node, lexseq *seq)
{
    dict_core *c = r->c;
    if (n == 0) {
        rd_problem(r, "agent without a phrase");
        return UINT32_MAX;
    }
    uint32_t id = (uint32_t)c->agents.len;
    agent_entry a = {db_strndup(c, p, pl), rd_where(r), code, attach};
    if (vec_push(&c->agents, a) != 0) {
        c->oom = 1;
        return UINT32_MAX;
    }
    *node = rd_register(r, w, n, HIT_AGENT, 0, 0, id, seq);
    return *node == DICT_TRIE_NONE ? UINT32_MAX : id;
}

static int digit(char c)
{
    return c >= '0' && c <= '9';
}

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

size_t rd_date(rdctx *r, const char *s, size_t len, int allow6, int32_t *day)
{
    size_t nd = 0;
    while (nd < len && digit(s[nd]))
        nd++;
    int y, m, d;
    size_t used;
    if (nd == 4 && len >= 10 && s[4] == '-' && digit(s[5]) && digit(s[6]) && s[7] == '-' &&
        digit(s[8]) && digit(s[9])) {
        y = num(s, 4);
        m = num(s + 5, 2);
        d = num(s + 8, 2);
        used = 10;
    } else if (nd == 8) {
        y = num(s, 4);
        m = num(s + 4, 2);
        d = num(s + 6, 2);
        used = 8;
    } else if (nd == 6 && allow6) {
        y = num(s, 2); /* TABARI pivots below 30, PETRARCH at 30 */
        y += y <= (r->dialect == DIALECT_TABARI ? 29 : 30) ? 2000 : 1900;
        m = num(s + 2, 2);
        d = num(s + 4, 2);
        used = 6;
    } else {
        return 0;
    }
    if (m < 1 || m > 12 || d < 1) {
        rd_problem(r, "'%.*s' is not a date", (int)used, s);
        return 0;
    }
    int dim = days_in_month(y, m);
    if (d > dim && d <= 31 && r->dialect == DIALECT_TABARI) {
        /* TABARI counts days from the start of the month: June 31 is July 1 */
        rd_note(r, "'%.*s': %04d-%02d has %d days: read as day %d after the 1st, as TABARI does",
                (int)used, s, y, m, dim, d - 1);
        *day = civil_to_days(y, m, 1) + (d - 1);
        return used;
    }
    if (d > dim) {
        rd_problem(r, "'%.*s' is not a date (%04d-%02d has %d days): read as %04d-%02d-%02d",
                   (int)used, s, y, m, dim, y, m, dim);
        d = dim;
    }
    *day = civil_to_days(y, m, d);
    return used;
}

static int code_char(char c)
{
    return c != ' ' && c != '\t' && c != ']' && c != '[' && c != ':';
}

int rd_event_code(rdctx *r, const char *s, size_t len, const char **code,
                  const char **paired, uint8_t *flags)
{
    /* trim */
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    *code = NULL;
    *paired = NULL;
    *flags = 0;
    if (len == 0) {
        rd_problem(r, "empty code []");
        return -1;
    }
    /* TABARI writes the null code with blanks too: [- - -] */
    int all_dash = 1;
    for (size_t i = 0; i < len; i++)
        if (s[i] != '-' && s[i] != ' ')
            all_dash = 0;
    if (all_dash)
        return 0;
    const char *colon = memchr(s, ':', len);
    size_t n1 = colon ? (size_t)(colon - s) : len;
    const char *a = s;
    while (n1 && (a[n1 - 1] == ' ' || a[n1 - 1] == '\t'))
        n1--;
    if (n1 && (a[n1 - 1] == '!' || a[n1 - 1] == '?')) {
        *flags |= a[n1 - 1] == '!' ? DICT_CODE_DOMINANT : DICT_CODE_SUBORDINATE;
        n1--;
    }
    for (size_t i = 0; i < n1; i++)
        if (!code_char(a[i])) {
            rd_problem(r, "cannot read event code '[%.*s]'", (int)len, s);
            return -1;
        }
    if (n1 == 0 && !colon) {
        rd_problem(r, "cannot read event code '[%.*s]'", (int)len, s);
        return -1;
    }
    /* [:173] (PETRARCH): no code for the first reading */
    if (n1 && !(n1 == 3 && memcmp(a, "---", 3) == 0))
        *code = db_code(r->c, a, n1);
    if (colon) {
        const char *b = colon + 1;
        size_t n2 = len - (size_t)(b - s);
        while (n2 && (*b == ' ' || *b == '\t'))
            b++, n2--;
        if (n2 && (b[n2 - 1] == '!' || b[n2 - 1] == '?'))
            n2--;
        for (size_t i = 0; i < n2; i++)
            if (!code_char(b[i])) {
                rd_problem(r, "cannot read paired code '[%.*s]'", (int)len, s);
                return -1;
            }
        if (n2 == 0) {
            rd_problem(r, "empty paired code in '[%.*s]'", (int)len, s);
            return -1;
        }
        if (!(n2 == 3 && memcmp(b, "---", 3) == 0))
            *paired = db_code(r->c, b, n2);
    }
    return 0;
}

static size_t skip_blanks(const char *s, size_t i, size_t len)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

int rd_actor_block(rdctx *r, uint32_t actor, const char *s, size_t len)
{
    size_t i = skip_blanks(s, 0, len);
    size_t cs = i;
    while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '<' && s[i] != '>')
        i++;
    size_t clen = i - cs;
    if (clen == 0) {
        rd_problem(r, "code block [%.*s] has no code", (int)len, s);
        return -1;
    }
    int all_digits = 1;
    for (size_t k = cs; k < cs + clen; k++)
        if (!digit(s[k]) && s[k] != '-')
            all_digits = 0;
    if (all_digits && clen >= 6) {
        rd_problem(r, "code block [%.*s] has no code", (int)len, s);
        return -1;
    }
    int tabari = r->dialect == DIALECT_TABARI;
    int allow6 = r->dialect != DIALECT_NATIVE;
    int32_t from = DATE_MIN, to = DATE_MAX, d1, d2;
    i = skip_blanks(s, i, len);
    if (i < len && (s[i] == '<' || s[i] == '>')) {
        char op = s[i];
        i = skip_blanks(s, i + 1, len);
        size_t used = rd_date(r, s + i, len - i, allow6, &d1);
        if (!used) {
            rd_problem(r, "cannot read the date in [%.*s]", (int)len, s);
            return -1;
        }
        i += used;
        if (op == '<')
            to = d1;
        else
            from = tabari ? d1 + 1 : d1;
    } else if (i < len) {
        size_t used = rd_date(r, s + i, len - i, allow6, &d1);
        if (!used) {
            rd_problem(r, "cannot read the dates in [%.*s]", (int)len, s);
            return -1;
        }
        i = skip_blanks(s, i + used, len);
        if (i < len && s[i] == '-') {
            i = skip_blanks(s, i + 1, len);
            used = rd_date(r, s + i, len - i, allow6, &d2);
            if (!used) {
                rd_problem(r, "cannot read the end date in [%.*s]", (int)len, s);
                return -1;
            }
            i += used;
            from = d1;
            to = tabari ? d2 + 1 : d2;
            if (from >= to) {
                rd_problem(r, "empty period [%.*s]", (int)len, s);
                return -1;
            }
        } else if (r->dialect == DIALECT_PETRARCH && i >= len) {
            rd_note(r, "[%.*s]: a date without < > or a range always matches in PETRARCH: read as undated",
                    (int)len, s);
        } else {
            rd_problem(r, "cannot read the dates in [%.*s]", (int)len, s);
            return -1;
        }
    }
    i = skip_blanks(s, i, len);
    if (i < len) {
        rd_problem(r, "unexpected '%.*s' in code block [%.*s]", (int)(len - i), s + i, (int)len, s);
        return -1;
    }
    db_actor_period(r, actor, s + cs, clen, from, to);
    return 0;
}

/* Read every [...] block of s[0..len) into periods of actor; returns the offset of
   the first '[' (len when none), or -1 for an unbalanced bracket (reported). */
long rd_actor_blocks(rdctx *r, uint32_t actor, const char *s, size_t len)
{
    const char *open = memchr(s, '[', len);
    if (!open)
        return (long)len;
    size_t first = (size_t)(open - s), i = first;
    while (i < len) {
        i = skip_blanks(s, i, len);
        if (i >= len)
            break;
        if (s[i] != '[') {
            rd_problem(r, "unexpected '%.*s' after code blocks", (int)(len - i), s + i);
            return -1;
        }
        const char *close = memchr(s + i, ']', len - i);
        if (!close) {
            rd_problem(r, "missing ']'");
            return -1;
        }
        size_t e = (size_t)(close - s);
        rd_actor_block(r, actor, s + i + 1, e - i - 1);
        i = e + 1;
    }
    return (long)first;
}
