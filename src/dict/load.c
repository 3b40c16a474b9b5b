/*
** load.c: getting dictionary bytes to the readers: files, directories, TABARI
** projects, .zip archives (libzip) and .gz files (zlib).
**
** A file is read in one block and parsed in place.  Before parsing, bytes that
** are not UTF-8 (and NULs) are reported and dropped, so that no reader ever
** sees them.  The kind of a file (actors, verbs, ...) and its dialect are
** taken from the caller, or guessed from the name and the first lines.
*/
#include "dict/dict_internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zip.h>
#include <zlib.h>

#include "util/hash.h"

/* ---- guessing kind and dialect -------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static int has_part(const char *s, const char *part)
{
    size_t n = strlen(s), m = strlen(part);
    for (size_t i = 0; i + m <= n; i++)
        if (strncasecmp(s + i, part, m) == 0)
            return 1;
    return 0;
}

#define KIND_PROJECT 100

static int guess_kind(const char *name, const char *data, size_t len)
{
    const char *b = base_name(name);
    if (has_suffix(b, ".project"))
        return KIND_PROJECT;
    if (has_part(b, "actor"))
        return DICT_FILE_ACTORS;
    if (has_part(b, "agent"))
        return DICT_FILE_AGENTS;
    if (has_part(b, "verb"))
        return DICT_FILE_VERBS;
    if (has_part(b, "discard"))
        return DICT_FILE_DISCARDS;
    if (has_suffix(b, ".options"))
        return DICT_FILE_OPTIONS;
    if (has_part(b, "codebook") || has_suffix(b, ".tsv"))
        return DICT_FILE_CODEBOOK;
    if (has_part(b, "issue"))
        return DICT_FILE_ISSUES;
    /* by content: verb files have pattern lines "- ..." or block headers "--- " */
    linereader lr = {data, data + (len < 65536 ? len : 65536), 0};
    const char *line;
    size_t ll;
    while (next_line(&lr, &line, &ll))
        if (ll >= 2 && line[0] == '-' && (line[1] == ' ' || line[1] == '-'))
            return DICT_FILE_VERBS;
    return DICT_FILE_AUTO;
}

static dict_dialect guess_dialect(const char *name, int kind, const char *data, size_t len)
{
    const char *b = base_name(name);
    if (kind == DICT_FILE_OPTIONS)
        return DIALECT_TABARI;
    if (kind == DICT_FILE_CODEBOOK)
        return DIALECT_NATIVE;
    if (kind == DICT_FILE_ISSUES || has_suffix(b, ".txt"))
        return DIALECT_PETRARCH;
    long semicolon = 0, hash = 0, tabari_marks = 0, petrarch_marks = 0;
    linereader lr = {data, data + (len < 262144 ? len : 262144), 0};
    const char *line;
    size_t ll;
    while (next_line(&lr, &line, &ll)) {
        if (ll >= 3 && memcmp(line, "---", 3) == 0 && memchr(line, '[', ll))
            petrarch_marks++;
        if (ll && line[0] == '<' && (ll >= 2 && line[1] != '!'))
            tabari_marks++;
        /* TABARI writes phrases with a trailing _ ("FARMER_  [~AGR]"); so do PETRARCH's
           .txt files, but native phrases do not */
        const char *br = memchr(line, '[', ll);
        if (br && br > line && line[0] != ' ' && line[0] != '\t' && line[0] != '-') {
            const char *e = br;
            while (e > line && (e[-1] == ' ' || e[-1] == '\t'))
                e--;
            if (e > line && e[-1] == '_')
                tabari_marks++;
        }
        const char *sc = memchr(line, ';', ll);
        const char *h = memchr(line, '#', ll);
        if (sc && (!h || sc < h))
            semicolon++;
        else if (h)
            hash++;
    }
    if (petrarch_marks)
        return DIALECT_PETRARCH;
    if (tabari_marks || semicolon > hash)
        return DIALECT_TABARI;
    return DIALECT_NATIVE;
}

/* ---- byte hygiene ------------------------------------------------------------ */

/* Length of a valid UTF-8 sequence at s, or 0. */
static size_t valid_utf8(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return c ? 1 : 0;
    size_t k;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0)
        k = 2, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0)
        k = 3, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0)
        k = 4, cp = c & 0x07;
    else
        return 0;
    if (k > n)
        return 0;
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((k == 2 && cp < 0x80) || (k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return k;
}

/* When data has NULs or bytes that are not UTF-8, a cleaned copy (caller frees)
   with one warning per line; else NULL. */
static char *clean_bytes(rdctx *r, const char *data, size_t len, size_t *out_len)
{
    const unsigned char *u = (const unsigned char *)data;
    size_t i = 0;
    while (i < len) {
        size_t k = valid_utf8(u + i, len - i);
        if (!k)
            break;
        i += k;
    }
    if (i == len)
        return NULL;
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    long line = 1, reported = 0;
    for (i = 0; i < len;) {
        size_t k = valid_utf8(u + i, len - i);
        if (k) {
            if (u[i] == '\n')
                line++;
            memcpy(out + n, data + i, k);
            n += k;
            i += k;
            continue;
        }
        if (reported != line) {
            r->line = line;
            if (u[i])
                rd_problem(r, "byte 0x%02X is not UTF-8: dropped", u[i]);
            else
                rd_problem(r, "NUL byte: dropped");
            reported = line;
        }
        i++;
    }
    r->line = 0;
    *out_len = n;
    return out;
}

/* ---- loading ------------------------------------------------------------------- */

static int load_project_bytes(dict_builder *b, const char *name, const char *data, size_t len,
                              diag_sink *diags);

static int load_plain(dict_builder *b, const char *name, const char *data, size_t len,
                      dict_file_kind kind, dict_dialect dialect, diag_sink *diags)
{
    dict_core *c = &b->c;
    if (c->frozen)
        return -1;
    int k = kind == DICT_FILE_AUTO ? guess_kind(name, data, len) : (int)kind;
    if (k == KIND_PROJECT)
        return load_project_bytes(b, name, data, len, diags);
    if (k == DICT_FILE_AUTO) {
        diag_report(diags, DIAG_ERROR, name, 0, -1,
                    "cannot tell what kind of dictionary this is (name it *.actors, *.agents, "
                    "*.verbs, *.discards, codebook.tsv)");
        return -1;
    }
    dict_dialect d = dialect == DIALECT_AUTO ? guess_dialect(name, k, data, len) : dialect;
    dict_file_stat st = {db_strndup(c, name, strlen(name)), (uint8_t)k, (uint8_t)d, 0, 0, 0, 0,
                         hash64(data, len)};
    if (!st.name || vec_push(&c->files, st) != 0) {
        c->oom = 1;
        return -1;
    }
    /* readers count into r.st; nothing adds a file while a file is being read */
    rdctx r = {b, c, c->files.items[c->files.len - 1].name, diags,
               &c->files.items[c->files.len - 1], (uint16_t)(c->files.len - 1), d, 0};
    size_t clen = len;
    char *clean = clean_bytes(&r, data, len, &clen);
    const char *buf = clean ? clean : data;
    size_t blen = clean ? clen : len;
    switch (d) {
    case DIALECT_TABARI: read_tabari(&r, buf, blen, (dict_file_kind)k); break;
    case DIALECT_PETRARCH: read_petrarch(&r, buf, blen, (dict_file_kind)k); break;
    default:
        if (k == DICT_FILE_CODEBOOK)
            read_codebook(&r, buf, blen);
        else
            read_native(&r, buf, blen, (dict_file_kind)k);
        break;
    }
    free(clean);
    if (c->oom) {
        diag_report(diags, DIAG_FATAL, name, 0, -1, "out of memory while loading");
        return -1;
    }
    return 0;
}

static int load_zip(dict_builder *b, const char *name, const char *data, size_t len,
                    dict_file_kind kind, dict_dialect dialect, diag_sink *diags)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &err);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : NULL;
    if (!z) {
        diag_report(diags, DIAG_ERROR, name, 0, -1, "cannot open zip archive: %s",
                    zip_error_strerror(&err));
        if (src)
            zip_source_free(src);
        zip_error_fini(&err);
        return -1;
    }
    int rc = 0;
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t zs;
        if (zip_stat_index(z, (zip_uint64_t)i, 0, &zs) != 0 || !(zs.valid & ZIP_STAT_SIZE) ||
            !zs.name || zs.name[0] == '\0' || zs.name[strlen(zs.name) - 1] == '/')
            continue;
        if (has_part(zs.name, "__MACOSX") || base_name(zs.name)[0] == '.')
            continue;
        char *buf = malloc(zs.size + 1);
        zip_file_t *f = buf ? zip_fopen_index(z, (zip_uint64_t)i, 0) : NULL;
        zip_int64_t got = f ? zip_fread(f, buf, zs.size) : -1;
        if (f)
            zip_fclose(f);
        char member[1024];
        snprintf(member, sizeof member, "%s/%s", name, zs.name);
        if (got < 0 || (zip_uint64_t)got != zs.size) {
            diag_report(diags, DIAG_ERROR, member, 0, -1, "cannot read archive member");
            rc = -1;
        } else if (load_plain(b, member, buf, (size_t)got, kind, dialect, diags) != 0) {
            rc = -1;
        }
        free(buf);
    }
    zip_close(z);
    zip_error_fini(&err);
    return rc;
}

static int load_gz(dict_builder *b, const char *name, const char *data, size_t len,
                   dict_file_kind kind, dict_dialect dialect, diag_sink *diags)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        return -1;
    size_t cap = len * 4 + 4096, n = 0;
    char *out = malloc(cap);
    int zr = Z_OK;
    zs.next_in = (Bytef *)data;
    zs.avail_in = (uInt)len;
    while (out && zr != Z_STREAM_END) {
        if (n == cap) {
            char *grown = realloc(out, cap * 2);
            if (!grown) {
                free(out);
                out = NULL;
                break;
            }
            out = grown;
            cap *= 2;
        }
        zs.next_out = (Bytef *)out + n;
        zs.avail_out = (uInt)(cap - n);
        zr = inflate(&zs, Z_NO_FLUSH);
        n = cap - zs.avail_out;
        if (zr != Z_OK && zr != Z_STREAM_END)
            break;
        if (zr == Z_OK && zs.avail_in == 0 && zs.avail_out != 0)
            break; /* truncated input */
    }
    inflateEnd(&zs);
    if (!out || zr != Z_STREAM_END) {
        diag_report(diags, DIAG_ERROR, name, 0, -1, "cannot decompress gzip data");
        free(out);
        return -1;
    }
    char inner[1024];
    size_t nl = strlen(name);
    snprintf(inner, sizeof inner, "%.*s", (int)(nl - 3), name);
    int rc = load_plain(b, inner, out, n, kind, dialect, diags);
    free(out);
    return rc;
}

int dict_load_bytes(dict_builder *b, const char *name, const char *data, size_t len,
                    dict_file_kind kind, dict_dialect dialect, diag_sink *diags)
{
    if (!b || !name || (!data && len))
        return -1;
    if (has_suffix(name, ".zip"))
        return load_zip(b, name, data, len, kind, dialect, diags);
    if (has_suffix(name, ".gz"))
        return load_gz(b, name, data, len, kind, dialect, diags);
    return load_plain(b, name, data ? data : "", len, kind, dialect, diags);
}

/* The whole file in one malloc'd block (NUL-terminated), or NULL. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct stat sb;
    char *buf = NULL;
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode)) {
        buf = malloc((size_t)sb.st_size + 1);
        if (buf && fread(buf, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
            free(buf);
            buf = NULL;
        }
        if (buf) {
            buf[sb.st_size] = '\0';
            *len = (size_t)sb.st_size;
        }
    }
    fclose(f);
    return buf;
}

int dict_load_file(dict_builder *b, const char *path, dict_file_kind kind,
                   dict_dialect dialect, diag_sink *diags)
{
    if (!b || !path)
        return -1;
    size_t len = 0;
    char *data = read_file(path, &len);
    if (!data) {
        diag_report(diags, DIAG_ERROR, path, 0, -1, "cannot read the file");
        return -1;
    }
    int rc = dict_load_bytes(b, path, data, len, kind, dialect, diags);
    free(data);
    return rc;
}

/* ---- directories ----------------------------------------------------------------- */

typedef VEC(char *) path_vec;

static int native_dict_name(const char *n)
{
    static const char *const ext[] = {".actors", ".agents", ".verbs", ".discards"};
    char base[512];
    snprintf(base, sizeof base, "%s", n);
    size_t bl = strlen(base);
    if (bl > 3 && strcmp(base + bl - 3, ".gz") == 0)
        base[bl - 3] = '\0';
    if (strcmp(base, "codebook.tsv") == 0)
        return 1;
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
        if (has_suffix(base, ext[i]))
            return 1;
    return 0;
}

static int collect(const char *dir, path_vec *out, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (!p)
            break;
        snprintf(p, n, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode) && depth < 8) {
            collect(p, out, depth + 1);
            free(p);
        } else if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode) && native_dict_name(e->d_name)) {
            if (vec_push(out, p) != 0)
                free(p);
        } else {
            free(p);
        }
    }
    closedir(d);
    return 0;
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int dict_load_dir(dict_builder *b, const char *dir, diag_sink *diags)
{
    if (!b || !dir)
        return -1;
    path_vec paths = {0};
    if (collect(dir, &paths, 0) != 0) {
        diag_report(diags, DIAG_ERROR, dir, 0, -1, "cannot read the directory");
        return -1;
    }
    qsort(paths.items, paths.len, sizeof *paths.items, cmp_path);
    int rc = 0;
    for (size_t i = 0; i < paths.len; i++) {
        if (dict_load_file(b, paths.items[i], DICT_FILE_AUTO, DIALECT_NATIVE, diags) != 0)
            rc = -1;
        free(paths.items[i]);
    }
    if (paths.len == 0)
        diag_report(diags, DIAG_WARNING, dir, 0, -1, "no dictionary files here");
    vec_free(&paths);
    return rc;
}

/* ---- TABARI projects ---------------------------------------------------------------- */

static int load_project_bytes(dict_builder *b, const char *name, const char *data, size_t len,
                              diag_sink *diags)
{
    static const struct {
        const char *tag;
        dict_file_kind kind;
    } tags[] = {{"<actorsfile>", DICT_FILE_ACTORS},
                {"<verbsfile>", DICT_FILE_VERBS},
                {"<agentsfile>", DICT_FILE_AGENTS},
                {"<optionsfile>", DICT_FILE_OPTIONS}};
    const char *slash = strrchr(name, '/');
    size_t dirlen = slash ? (size_t)(slash - name) : 0;
    linereader lr = {data, data + len, 0};
    const char *line;
    size_t ll;
    int rc = 0, found = 0;
    while (next_line(&lr, &line, &ll)) {
        if (ll == 0 || line[0] != '<')
            continue;
        for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
            size_t tl = strlen(tags[t].tag);
            if (ll < tl || strncasecmp(line, tags[t].tag, tl) != 0)
                continue;
            const char *v = line + tl;
            size_t vl = ll - tl;
            while (vl && (*v == ' ' || *v == '\t'))
                v++, vl--;
            while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
                vl--;
            if (vl == 0) {
                diag_report(diags, DIAG_WARNING, name, lr.lineno, -1, "%s without a file name",
                            tags[t].tag);
                break;
            }
            char path[2048];
            if (v[0] == '/' || dirlen == 0)
                snprintf(path, sizeof path, "%.*s", (int)vl, v);
            else
                snprintf(path, sizeof path, "%.*s/%.*s", (int)dirlen, name, (int)vl, v);
            found++;
            if (dict_load_file(b, path, tags[t].kind, DIALECT_TABARI, diags) != 0)
                rc = -1;
            break;
        }
    }
    if (!found) {
        diag_report(diags, DIAG_ERROR, name, 0, -1, "no <actorsfile>, <verbsfile>, <agentsfile> "
                    "or <optionsfile> lines in this project");
        rc = -1;
    }
    return rc;
}

int dict_load_tabari_project(dict_builder *b, const char *project_path, diag_sink *diags)
{
    if (!b || !project_path)
        return -1;
    size_t len = 0;
    char *data = read_file(project_path, &len);
    if (!data) {
        diag_report(diags, DIAG_ERROR, project_path, 0, -1, "cannot read the project file");
        return -1;
    }
    int rc = load_project_bytes(b, project_path, data, len, diags);
    free(data);
    return rc;
}
