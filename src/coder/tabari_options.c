/*
** tabari_options.c: TABARI's .options commands.
**
** A TABARI project configures the coder with one command per line:
**
**   COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR   reject sentences as too complex
**   SET: CODE BY CLAUSE | BY SENTENCE | ALL, SET: CONVERT AGENT = TRUE,
**   SET: MINIMUM WORDS = 8, SET: TIME SHIFT = TRUE, SET: YYYY = TRUE, ...
**   DEFAULT: SOURCE [XXX] PRIOR TARGET [YYY] AFTER   (DEFAULT: OFF first to reset)
**   FORWARD: ^^*****NNN*SSS [OFF]          pronouns may refer to the previous record
**   COMMA: MIN = 2 MAX = 10 EMIN ... BMAX   lengths of comma-delimited clauses
**   OUTPUT:, LABEL:, NONEVENTS:            output only: accepted and ignored
**   SET: PETRARCH = TRUE                   dyad's own: read noun phrases more as
**                                          PETRARCH's parser would (tabari_parse.c,
**                                          tabari_code.c)
**
** The validation suite also changes them between records ({ OPTION: ... }).
** Commands are read the way TABARI reads them: keywords are found by substring
** and numbers are the first digits after them, so the quirks carry over (a
** DEFAULT: command leaves PRIOR/AFTER set by an earlier one; a COMPLEX:
** command resets every limit it does not name).
*/
#include "coder/tabari.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void tb_options_init(tb_options *o, const tb_model *m)
{
    memset(o, 0, sizeof *o);
    o->time_shift = m ? m->has_time : 0;
    o->min_lex = 8 - 1;
    o->min_sub = 2;
    o->max_sub = 10;
    o->min_beg = TB_MAX_LEX;
    o->max_beg = 0;
    o->min_end = 2;
    o->max_end = 10;
    o->id_loc = -1;
}

/* The first number after the keyword, or `dflt` when the keyword is absent
   or no digit follows it. */
static int number_after(const char *line, const char *key, int dflt)
{
    const char *p = strstr(line, key);
    if (!p)
        return dflt;
    p += strlen(key);
    while (*p && !isdigit((unsigned char)*p))
        p++;
    return *p ? atoi(p) : dflt;
}

/* T or F after the '=' (TRUE when absent). */
static int boolean_after_eq(const char *line)
{
    const char *p = strchr(line, '=');
    if (!p)
        return 1;
    for (; *p; p++) {
        if (*p == 'T')
            return 1;
        if (*p == 'F')
            return 0;
    }
    return 1;
}

static void complex_cmd(tb_options *o, char *args)
{
    if (args[0] == 'V') { /* an initial VERBS: the key is " VERBS" elsewhere */
        args[0] = 'X';
        o->cx_verbs = number_after(args, "XERBS", 0);
    } else {
        o->cx_verbs = number_after(args, " VERBS", 0);
    }
    o->cx_actors = number_after(args, "ACTORS", 0);
    o->cx_pronouns = number_after(args, "PRONOUNS", 0);
    o->cx_conj = number_after(args, "CONJ", 0);
    o->cx_nonres = number_after(args, "COMMA", 0);
    o->cx_lateverb = number_after(args, "LATEVERB", 0);
    o->cx_preact = strstr(args, "ACTPRIOR") != NULL;
    o->cx_postact = strstr(args, "ACTAFTER") != NULL;
    o->cx_nosrc = strstr(args, "NOSOURCE") != NULL;
    o->cx_noverb = strstr(args, "NOVERB") != NULL;
    o->cx_notar = strstr(args, "NOTARGET") != NULL;
    o->cx_noevt = strstr(args, "NOEVENT") != NULL;
}

/* The code in [ ] after the keyword: 1 read, 0 keyword absent, -1 malformed. */
static int bracket_code(const char *args, const char *key, char *out, size_t cap)
{
    const char *k = strstr(args, key);
    if (!k)
        return 0;
    const char *open = strchr(k, '[');
    if (!open || open - k > 15)
        return -1;
    const char *close = strchr(open, ']');
    if (!close)
        return -1;
    const char *s = open + 1;
    size_t len = (size_t)(close - s);
    while (len && *s == ' ')
        s++, len--;
    while (len && s[len - 1] == ' ')
        len--;
    if (len == 0 || len >= cap)
        return -1;
    memcpy(out, s, len);
    out[len] = '\0';
    return 1;
}

static int default_cmd(tb_options *o, const char *args)
{
    if (strstr(args, "OFF")) {
        o->has_def_src = o->has_def_tar = 0;
        o->def_prior = o->def_after = 0;
        o->def_src[0] = o->def_tar[0] = '\0';
    }
    char code[32];
    int r = bracket_code(args, "SOURCE", code, sizeof code);
    if (r < 0)
        return -1;
    if (r > 0) {
        o->has_def_src = 1;
        if (strstr(args, "PRIOR"))
            o->def_prior = 1;
        strcpy(o->def_src, code);
    }
    r = bracket_code(args, "TARGET", code, sizeof code);
    if (r < 0)
        return -1;
    if (r > 0) {
        o->has_def_tar = 1;
        if (strstr(args, "AFTER"))
            o->def_after = 1;
        strcpy(o->def_tar, code);
    }
    return 0;
}

static int forward_cmd(tb_options *o, char *args)
{
    if (!*args)
        return 0;
    o->use_forward = strchr(args, 'S') && !strstr(args, "OFF");
    char *p = args;
    while (*p == '^')
        p++;
    if (!*p)
        return -1;
    o->id_loc = (int)(p - args);
    char *e = p;
    while (*e && *e != ' ')
        e++;
    *e = '\0';
    o->id_len = (int)strlen(p);
    if (o->id_len > 63)
        o->id_len = 63;
    char *n = strchr(args, 'N');
    if (n) {
        o->story_loc = (int)(n - args);
        char *t = n + 1;
        while (*t == 'N')
            t++;
        o->story_len = (int)(t - n);
    }
    char *s = strchr(args, 'S');
    if (s) {
        o->sent_loc = (int)(s - args);
        char *t = s + 1;
        while (*t == 'S')
            t++;
        o->sent_len = (int)(t - s);
    }
    return 0;
}

static void comma_cmd(tb_options *o, const char *line)
{
    if (strstr(line, "OFF")) {
        o->min_sub = o->min_beg = o->min_end = TB_MAX_LEX;
        o->max_sub = o->max_beg = o->max_end = 0;
        return;
    }
    o->min_sub = number_after(line, " MIN", o->min_sub);
    o->max_sub = number_after(line, " MAX", o->max_sub);
    o->min_beg = number_after(line, "BMIN", o->min_beg);
    o->max_beg = number_after(line, "BMAX", o->max_beg);
    o->min_end = number_after(line, "EMIN", o->min_end);
    o->max_end = number_after(line, "EMAX", o->max_end);
}

static int set_cmd(tb_options *o, const char *args)
{
    if (strstr(args, "CODE")) {
        o->code_mode = strstr(args, "SEN") ? 1 : strstr(args, "ALL") ? 2 : 0;
    } else if (strstr(args, "HAIKU")) {
        /* nothing to do */
    } else if (strstr(args, "YYYY")) {
        o->yyyy = boolean_after_eq(args);
    } else if (strstr(args, "TIME")) {
        o->time_shift = boolean_after_eq(args);
    } else if (strstr(args, "LABEL") || strstr(args, "DUP ") || strstr(args, "SKIP ") ||
               strstr(args, "USAGE")) {
        /* output and reporting only */
    } else if (strstr(args, "FBIS")) {
        o->fbis = boolean_after_eq(args);
    } else if (strstr(args, "PETRARCH")) {
        o->petrarch = boolean_after_eq(args);
    } else if (strstr(args, "CONV")) {
        o->conv_agent = boolean_after_eq(args);
    } else if (strstr(args, "MINIM")) {
        o->min_lex = number_after(args, "MINIM", 0) - 1;
    } else {
        return -1;
    }
    return 0;
}

int tb_apply_option(tb_options *o, const char *cmd)
{
    char line[512];
    while (*cmd == ' ' || *cmd == '\t')
        cmd++;
    size_t len = strlen(cmd);
    if (len >= sizeof line)
        return -1;
    memcpy(line, cmd, len + 1);
    char *colon = strchr(line, ':');
    if (!colon)
        return -1;
    for (char *p = line; p < colon; p++)
        *p = (char)toupper((unsigned char)*p);
    /* the arguments after "COMMAND:", blanks skipped, upper case */
    char args[512];
    const char *a = colon + 1;
    while (isspace((unsigned char)*a))
        a++;
    size_t k = 0;
    for (; a[k] && k + 1 < sizeof args; k++)
        args[k] = (char)toupper((unsigned char)a[k]);
    args[k] = '\0';
    switch (line[0]) {
    case 'C':
        if (colon - line > 3 && line[3] == 'M') {
            comma_cmd(o, line);
            return 0;
        }
        if (colon - line > 3 && line[3] == 'P') {
            complex_cmd(o, args);
            return 0;
        }
        return -1;
    case 'D':
        return default_cmd(o, args);
    case 'F': {
        /* FORWARD: keeps its case; positions count from the format's start */
        char f[512];
        const char *s = colon + 1;
        while (isspace((unsigned char)*s))
            s++;
        strncpy(f, s, sizeof f - 1);
        f[sizeof f - 1] = '\0';
        return forward_cmd(o, f);
    }
    case 'L': case 'N': case 'O':
        return 0;
    case 'S':
        return set_cmd(o, args);
    default:
        return -1;
    }
}
