/*
** html.c: an article page -> title, body paragraphs and metadata
** (ingest_html_extract), with libxml2's forgiving HTML parser.
**
** The parser runs with recovery on, errors silenced and the network off (no
** DTD or entity fetches).  A page in UTF-8, or declaring no charset, is read
** as UTF-8 (repaired by text_normalize first when it is not valid, which is
** reported); a page declaring another charset is converted by libxml2.  Metadata comes from the head: og:title, <title>;
** article:published_time, datePublished, date, pubdate (any that parses);
** author / article:author (unless it is a URL); og:site_name; the canonical
** URL; <html lang>.  The title is og:title, else the article's <h1>, else
** <title> with a " | Site" / " - Site" tail naming the site removed.
**
** The body is the text of the paragraph-like elements (p, h2-h6, blockquote,
** li, pre) inside the article: the first <article>, else <main> or
** role="main", else an element whose id or class says it holds the story
** (article-body, story-body, entry-content, post-content, article-content),
** else <body>.  Inside it, whole subtrees of page furniture are skipped:
** script, style, nav, header, footer, aside, form, figure, button, iframe,
** and elements whose class or id names share/social/related/newsletter/
** comment/advert/promo/subscribe/sidebar/breadcrumb/cookie blocks.  List items
** count only inside an <article> or <main>, where they are story text rather
** than menus.  Each block becomes one paragraph; the result goes through the
** same cleaning as plain text.
*/
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

#include "ingest/ingestint.h"
#include "text/text.h"
#include "util/civil_date.h"

static int name_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && strcasecmp((const char *)n->name, name) == 0;
}

static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && strcasecmp((const char *)a->name, name) == 0 && a->children &&
            a->children->type == XML_TEXT_NODE && a->children->content)
            return (const char *)a->children->content;
    return NULL;
}

static int contains_ci(const char *hay, const char *needle)
{
    if (!hay)
        return 0;
    size_t k = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, k) == 0)
            return 1;
    return 0;
}

static int furniture(const xmlNode *n)
{
    static const char *const tags[] = {"script", "style", "noscript", "nav", "header", "footer",
                                       "aside", "form", "figure", "figcaption", "button",
                                       "iframe", "svg", "select", "template", "object", NULL};
    for (const char *const *t = tags; *t; t++)
        if (name_is(n, *t))
            return 1;
    static const char *const marks[] = {"share", "social", "related", "newsletter", "comment",
                                        "advert", "promo", "subscribe", "sidebar", "breadcrumb",
                                        "cookie", "byline-share", "toolbar", "menu", NULL};
    const char *cls = attr(n, "class"), *id = attr(n, "id");
    for (const char *const *m = marks; *m; m++)
        if (contains_ci(cls, *m) || contains_ci(id, *m))
            return 1;
    return 0;
}

static int block_element(const xmlNode *n, int lists_ok)
{
    static const char *const tags[] = {"p", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                                       NULL};
    for (const char *const *t = tags; *t; t++)
        if (name_is(n, *t))
            return 1;
    return lists_ok && name_is(n, "li");
}

/* Append the text under n (inline content), <br> as a newline. */
static void inline_text(const xmlNode *n, strbuf *out)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                strbuf_puts(out, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE) {
            if (name_is(c, "br"))
                strbuf_putc(out, '\n');
            else if (!name_is(c, "script") && !name_is(c, "style"))
                inline_text(c, out);
        }
    }
}

/* Append text with runs of white space squeezed to one blank (lines kept). */
static void append_squeezed(strbuf *out, const char *s, size_t n)
{
    int space = 1;
    size_t start = out->len;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\n') {
            while (out->len > start && out->data[out->len - 1] == ' ')
                out->len--;
            strbuf_putc(out, '\n');
            space = 1;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r') {
            if (!space)
                strbuf_putc(out, ' ');
            space = 1;
            continue;
        }
        strbuf_putc(out, c);
        space = 0;
    }
    while (out->len > start && (out->data[out->len - 1] == ' ' || out->data[out->len - 1] == '\n'))
        out->len--;
    if (out->data)
        out->data[out->len] = '\0';
}

static void collect_blocks(const xmlNode *n, int lists_ok, strbuf *body, strbuf *tmp)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || furniture(c))
            continue;
        if (block_element(c, lists_ok)) {
            strbuf_clear(tmp);
            inline_text(c, tmp);
            size_t before = body->len;
            if (body->len)
                strbuf_append(body, "\n\n", 2);
            size_t at = body->len;
            append_squeezed(body, tmp->data ? tmp->data : "", tmp->len);
            if (body->len == at) { /* empty block */
                body->len = before;
                if (body->data)
                    body->data[before] = '\0';
            }
            continue;
        }
        collect_blocks(c, lists_ok || name_is(c, "article") || name_is(c, "main"), body, tmp);
    }
}

static const xmlNode *find_first(const xmlNode *n, int (*pred)(const xmlNode *))
{
    for (const xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (pred(c))
            return c;
        if (!name_is(c, "script") && !name_is(c, "style")) {
            const xmlNode *r = find_first(c->children, pred);
            if (r)
                return r;
        }
    }
    return NULL;
}

static int is_article(const xmlNode *n)
{
    return name_is(n, "article");
}

static int is_main(const xmlNode *n)
{
    const char *role = attr(n, "role");
    return name_is(n, "main") || (role && strcasecmp(role, "main") == 0);
}

static int is_story_container(const xmlNode *n)
{
    static const char *const marks[] = {"article-body", "story-body", "entry-content",
                                        "post-content", "article-content", "articlebody",
                                        "story-content", NULL};
    const char *cls = attr(n, "class"), *id = attr(n, "id");
    const char *prop = attr(n, "itemprop");
    if (prop && strcasecmp(prop, "articleBody") == 0)
        return 1;
    for (const char *const *m = marks; *m; m++)
        if (contains_ci(cls, *m) || contains_ci(id, *m))
            return 1;
    return 0;
}

static int is_body(const xmlNode *n)
{
    return name_is(n, "body");
}

static int is_h1(const xmlNode *n)
{
    return name_is(n, "h1");
}

static int is_title(const xmlNode *n)
{
    return name_is(n, "title");
}

typedef struct page_meta {
    strbuf og_title, site, author, url, published;
} page_meta;

static void set_once(strbuf *b, const char *v)
{
    if (!b->len && v && *v)
        strbuf_puts(b, v);
}

static void read_meta(const xmlNode *n, page_meta *m)
{
    for (const xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (name_is(c, "meta")) {
            const char *key = attr(c, "property");
            if (!key)
                key = attr(c, "name");
            if (!key)
                key = attr(c, "itemprop");
            const char *val = attr(c, "content");
            if (key && val) {
                if (!strcasecmp(key, "og:title") || !strcasecmp(key, "twitter:title"))
                    set_once(&m->og_title, val);
                else if (!strcasecmp(key, "og:site_name"))
                    set_once(&m->site, val);
                else if (!strcasecmp(key, "author") || !strcasecmp(key, "article:author") ||
                         !strcasecmp(key, "byl") || !strcasecmp(key, "dc.creator")) {
                    if (!contains_ci(val, "://"))
                        set_once(&m->author, val);
                } else if (!strcasecmp(key, "og:url")) {
                    set_once(&m->url, val);
                } else if (!strcasecmp(key, "article:published_time") ||
                           !strcasecmp(key, "datePublished") || !strcasecmp(key, "date") ||
                           !strcasecmp(key, "pubdate") || !strcasecmp(key, "publish-date") ||
                           !strcasecmp(key, "dc.date") || !strcasecmp(key, "dcterms.created")) {
                    int32_t d;
                    if (!m->published.len && ingest_parse_date(val, strlen(val), &d) == 0)
                        strbuf_puts(&m->published, val);
                }
            }
        } else if (name_is(c, "link")) {
            const char *rel = attr(c, "rel"), *href = attr(c, "href");
            if (rel && href && !strcasecmp(rel, "canonical"))
                set_once(&m->url, href);
        } else if (name_is(c, "time") && !m->published.len) {
            const char *dt = attr(c, "datetime");
            int32_t d;
            if (dt && ingest_parse_date(dt, strlen(dt), &d) == 0)
                strbuf_puts(&m->published, dt);
        }
        if (!name_is(c, "script") && !name_is(c, "style"))
            read_meta(c->children, m);
    }
}

/* "Story | Site" -> "Story" when the tail names the site. */
static void trim_site_suffix(strbuf *title, const char *site)
{
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", NULL};
    for (const char *const *s = seps; *s; s++) {
        char *hit = NULL;
        for (char *p = strstr(title->data, *s); p; p = strstr(p + 1, *s))
            hit = p;
        if (!hit)
            continue;
        const char *tail = hit + strlen(*s);
        if ((site && *site && strcasecmp(tail, site) == 0) || strlen(tail) <= 30) {
            title->len = (size_t)(hit - title->data);
            title->data[title->len] = '\0';
            return;
        }
    }
}

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* The charset a page declares in its first bytes ("" when none), lower case. */
static void declared_charset(const char *html, size_t len, char out[32])
{
    out[0] = '\0';
    size_t n = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 8 < n; i++) {
        if (strncasecmp(html + i, "charset=", 8) != 0)
            continue;
        size_t k = i + 8, w = 0;
        while (k < n && (html[k] == '"' || html[k] == '\'' || html[k] == ' '))
            k++;
        while (k < n && w < 31 && (isalnum((unsigned char)html[k]) || html[k] == '-' || html[k] == '_'))
            out[w++] = (char)tolower((unsigned char)html[k++]);
        out[w] = '\0';
        return;
    }
}

static int valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (!need || i + need > n)
            return 0;
        unsigned b1 = s[i + 1];
        if ((b1 & 0xC0) != 0x80 || (c == 0xE0 && b1 < 0xA0) || (c == 0xED && b1 > 0x9F) ||
            (c == 0xF0 && b1 < 0x90) || (c == 0xF4 && b1 > 0x8F))
            return 0;
        for (size_t j = 2; j < need; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
        i += need;
    }
    return 1;
}

void ingest_html_prepare(void)
{
    xmlInitParser();
}

int ingest_html_extract(document *doc, const char *html, size_t len, strbuf *title,
                        strbuf *body, const char *name, diag_sink *diags)
{
    xmlInitParser();
    if (len > INT32_MAX)
        return -1;
    /* Pages in UTF-8 (or declaring nothing) are parsed as UTF-8, repaired first
       when they are not valid, so that libxml2 never stops at a bad byte; a page
       declaring another charset is left to libxml2's converters. */
    char charset[32];
    declared_charset(html, len, charset);
    int legacy = charset[0] && strcmp(charset, "utf-8") != 0 && strcmp(charset, "utf8") != 0;
    const char *encoding = legacy ? NULL : "UTF-8";
    strbuf fixed = {0};
    if (!legacy && !valid_utf8((const unsigned char *)html, len)) {
        if (text_normalize(html, len, name, &fixed, diags) != 0) {
            strbuf_free(&fixed);
            return -1;
        }
        html = fixed.data;
        len = fixed.len;
    }
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
               HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED;
    /* libxml2 still prints some errors through its (thread-local) generic
       handler: silence it for the parse */
    xmlGenericErrorFunc saved = xmlGenericError;
    void *saved_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, quiet);
    htmlDocPtr d = htmlReadMemory(html, (int)len, NULL, encoding, opts);
    xmlSetGenericErrorFunc(saved_ctx, saved);
    strbuf_free(&fixed);
    if (!d)
        return -1;
    const xmlNode *root = xmlDocGetRootElement(d);
    if (!root) {
        xmlFreeDoc(d);
        return -1;
    }
    page_meta m = {0};
    read_meta(root, &m);
    strbuf tmp = {0};
    if (m.og_title.len) {
        append_squeezed(title, m.og_title.data, m.og_title.len);
    } else {
        const xmlNode *art = find_first(root, is_article);
        const xmlNode *h1 = find_first(art ? art : root, is_h1);
        const xmlNode *t = h1 ? h1 : find_first(root, is_title);
        if (t) {
            inline_text(t, &tmp);
            append_squeezed(title, tmp.data ? tmp.data : "", tmp.len);
            if (!h1 && title->len)
                trim_site_suffix(title, m.site.data);
        }
    }
    for (size_t k = 0; k < title->len; k++)
        if (title->data[k] == '\n')
            title->data[k] = ' ';
    const xmlNode *scope = find_first(root, is_article);
    int lists_ok = scope != NULL;
    if (!scope) {
        scope = find_first(root, is_main);
        lists_ok = scope != NULL;
    }
    if (!scope)
        scope = find_first(root, is_story_container);
    if (!scope)
        scope = find_first(root, is_body);
    if (!scope)
        scope = root;
    collect_blocks(scope, lists_ok, body, &tmp);
    if (body->len == 0 && scope) { /* no paragraphs: take the scope's text */
        strbuf_clear(&tmp);
        inline_text(scope, &tmp);
        append_squeezed(body, tmp.data ? tmp.data : "", tmp.len);
    }
    if (m.site.len && !doc->outlet)
        doc->outlet = document_strndup(doc, m.site.data, m.site.len);
    if (m.author.len && !doc->author)
        doc->author = document_strndup(doc, m.author.data, m.author.len);
    if (m.url.len && !doc->url)
        doc->url = document_strndup(doc, m.url.data, m.url.len);
    int32_t days;
    if (m.published.len && doc->published == DATE_UNKNOWN &&
        ingest_parse_date(m.published.data, m.published.len, &days) == 0)
        doc->published = days;
    const char *lang = attr(root, "lang");
    if (lang && *lang && !doc->lang)
        doc->lang = document_strndup(doc, lang, strlen(lang));
    strbuf_free(&tmp);
    strbuf_free(&m.og_title);
    strbuf_free(&m.site);
    strbuf_free(&m.author);
    strbuf_free(&m.url);
    strbuf_free(&m.published);
    xmlFreeDoc(d);
    if (!body->data)
        strbuf_reserve(body, 1);
    if (!title->data)
        strbuf_reserve(title, 1);
    body->data[body->len] = '\0';
    title->data[title->len] = '\0';
    return 0;
}
