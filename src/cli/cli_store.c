/*
** cli_store.c: shared helpers of the read-side commands; see cli_store.h.
*/
#include "cli/cli_store.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/civil_date.h"
#include "util/strbuf.h"

void cli_diag_init(diag_sink *sink)
{
    memset(sink, 0, sizeof *sink);
    sink->fn = diag_print_fn;
    sink->ctx = stderr;
}

store *cli_open_read(const char *cmd, const char *path, diag_sink *diags)
{
    if (!path) {
        fprintf(stderr, "dyad %s: --db FILE is required (a database written by dyad code --db)\n",
                cmd);
        return NULL;
    }
    store_options opt = {0};
    opt.readonly = 1;
    return store_open(path, &opt, diags);
}

/* A day from "YYYY-MM-DD", "YYYY-MM" or "YYYY": its first day, or with
   end = 1 its last. */
static int parse_day(const char *s, int end, int32_t *out)
{
    int y, m, n = 0;
    size_t len = strlen(s);
    if (len == 4 && sscanf(s, "%4d%n", &y, &n) == 1 && n == 4) {
        *out = end ? civil_to_days(y, 12, 31) : civil_to_days(y, 1, 1);
        return 0;
    }
    if (len == 7 && sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 && n == 7 && m >= 1 && m <= 12) {
        *out = end ? civil_to_days(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1
                   : civil_to_days(y, m, 1);
        return 0;
    }
    return civil_parse(s, len, out);
}

static int parse_quad(const char *s)
{
    static const char *const names[] = {"", "verbal-coop", "material-coop", "verbal-conflict",
                                        "material-conflict"};
    if (s[0] >= '1' && s[0] <= '4' && !s[1])
        return s[0] - '0';
    for (int q = 1; q <= 4; q++)
        if (!strcmp(s, names[q]))
            return q;
    return 0;
}

int cli_filter_option(const char *cmd, int opt, const char *arg, event_filter *f)
{
    const char *what = NULL;
    switch (opt) {
    case OPT_ACTOR: f->actor = arg; what = "actor"; break;
    case OPT_SOURCE: f->source = arg; what = "source"; break;
    case OPT_TARGET: f->target = arg; what = "target"; break;
    case OPT_CODE: f->code = arg; what = "event"; break;
    case OPT_ROOT: f->root = arg; what = "root"; break;
    case OPT_EXACT: f->exact = 1; return 1;
    case OPT_QUAD:
        f->quad = parse_quad(arg);
        if (!f->quad) {
            fprintf(stderr, "dyad %s: --quad: expected 1-4 or verbal-coop, material-coop, "
                            "verbal-conflict, material-conflict, not '%s'\n", cmd, arg);
            return -1;
        }
        return 1;
    case OPT_FROM:
    case OPT_TO:
        if (parse_day(arg, opt == OPT_TO, opt == OPT_FROM ? &f->from : &f->to) != 0) {
            fprintf(stderr, "dyad %s: --%s: not a date: '%s' (use YYYY-MM-DD, YYYY-MM or YYYY)\n",
                    cmd, opt == OPT_FROM ? "from" : "to", arg);
            return -1;
        }
        return 1;
    default:
        return 0;
    }
    if (!store_code_ok(arg)) {
        fprintf(stderr, "dyad %s: bad %s code '%s' (letters and digits only)\n", cmd, what, arg);
        return -1;
    }
    return 1;
}

int cli_parse_format(const char *s, cli_format *out)
{
    if (!strcmp(s, "table"))
        *out = FMT_TABLE;
    else if (!strcmp(s, "csv"))
        *out = FMT_CSV;
    else if (!strcmp(s, "json") || !strcmp(s, "jsonl"))
        *out = FMT_JSON;
    else
        return -1;
    return 0;
}

long cli_parse_count(const char *s)
{
    char *end;
    long n = strtol(s, &end, 10);
    return (*s && !*end && n > 0) ? n : -1;
}

void cli_pad(FILE *out, const char *s, int width)
{
    int cols = 0;
    const char *p = s;
    size_t total = 0;
    for (const char *q = s; *q; q++)
        total += ((unsigned char)*q & 0xC0) != 0x80;
    while (*p) {
        size_t n = 1;
        while (((unsigned char)p[n] & 0xC0) == 0x80)
            n++;
        if (total > (size_t)width && cols == width - 1) {
            fputc('~', out);
            cols++;
            break;
        }
        if (cols == width)
            break;
        fwrite(p, 1, n, out);
        p += n;
        cols++;
    }
    for (; cols < width; cols++)
        fputc(' ', out);
}

void cli_print_marked(FILE *out, const mention_row *m)
{
    struct mark {
        int64_t start, end;
        char open, close;
    } marks[3] = {{m->src.start, m->src.end, '{', '}'},
                  {m->verb.start, m->verb.end, '<', '>'},
                  {m->tgt.start, m->tgt.end, '[', ']'}};
    int64_t base = m->sentence_start, len = (int64_t)strlen(m->sentence);
    /* keep spans inside the sentence, sorted, without overlaps */
    struct mark keep[3];
    int n = 0;
    for (int i = 0; i < 3; i++) {
        struct mark k = marks[i];
        if (base < 0 || k.start < base || k.end > base + len || k.end <= k.start)
            continue;
        k.start -= base;
        k.end -= base;
        int j = n;
        while (j > 0 && keep[j - 1].start > k.start) {
            keep[j] = keep[j - 1];
            j--;
        }
        keep[j] = k;
        n++;
    }
    int64_t at = 0;
    for (int i = 0; i < n; i++) {
        if (keep[i].start < at)
            continue;           /* overlaps the previous mark */
        fwrite(m->sentence + at, 1, (size_t)(keep[i].start - at), out);
        fputc(keep[i].open, out);
        fwrite(m->sentence + keep[i].start, 1, (size_t)(keep[i].end - keep[i].start), out);
        fputc(keep[i].close, out);
        at = keep[i].end;
    }
    fputs(m->sentence + at, out);
}

void cli_csv(FILE *out, const char *s, char sep)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
    fputc(sep, out);
}

void cli_json_string(FILE *out, const char *s)
{
    strbuf sb = {0};
    strbuf_json_escape(&sb, s, strlen(s));
    fputc('"', out);
    if (sb.data)
        fwrite(sb.data, 1, sb.len, out);
    fputc('"', out);
    strbuf_free(&sb);
}
