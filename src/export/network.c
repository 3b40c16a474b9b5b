/*
** network.c: the actor network as GraphML and DOT (export.h).  Nodes are
** actor codes, edges are dyads (source -> target) weighted by their number of
** events, with mentions, mean Goldstein and events per quad class as edge
** data.  The dyads are read once into memory (one row per dyad, not per
** event), so that every node can be declared before the edges.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_internal.h"

typedef struct edge {
    char *source, *target;
    int64_t events, mentions, quad[5];
    double goldstein;
} edge;

typedef struct node {
    char *code, *name;
} node;

typedef struct network {
    edge *edges;
    size_t n_edges;
    node *nodes;
    size_t n_nodes;
    int oom;
} network;

static int add_node(network *g, const char *code, const char *name)
{
    for (size_t i = 0; i < g->n_nodes; i++)     /* nodes are few; kept in first-seen order */
        if (!strcmp(g->nodes[i].code, code))
            return 0;
    node *grown = realloc(g->nodes, (g->n_nodes + 1) * sizeof *grown);
    if (!grown)
        return -1;
    g->nodes = grown;
    grown[g->n_nodes].code = strdup(code);
    grown[g->n_nodes].name = strdup(name);
    g->n_nodes++;
    return grown[g->n_nodes - 1].code && grown[g->n_nodes - 1].name ? 0 : -1;
}

static int keep_dyad(void *ctx, const dyad_row *r)
{
    network *g = ctx;
    edge *grown = realloc(g->edges, (g->n_edges + 1) * sizeof *grown);
    if (!grown) {
        g->oom = 1;
        return -1;
    }
    g->edges = grown;
    edge *e = &grown[g->n_edges++];
    e->source = strdup(r->source);
    e->target = strdup(r->target);
    e->events = r->num_events;
    e->mentions = r->num_mentions;
    e->goldstein = r->mean_goldstein;
    memcpy(e->quad, r->quad, sizeof e->quad);
    if (!e->source || !e->target || add_node(g, r->source, r->source_name) != 0 ||
        add_node(g, r->target, r->target_name) != 0) {
        g->oom = 1;
        return -1;
    }
    return 0;
}

static void network_free(network *g)
{
    for (size_t i = 0; i < g->n_edges; i++) {
        free(g->edges[i].source);
        free(g->edges[i].target);
    }
    for (size_t i = 0; i < g->n_nodes; i++) {
        free(g->nodes[i].code);
        free(g->nodes[i].name);
    }
    free(g->edges);
    free(g->nodes);
}

static int load(exporter *x, network *g)
{
    memset(g, 0, sizeof *g);
    if (store_dyads(x->s, x->f, keep_dyad, g) != 0) {
        if (g->oom)
            diag_report(x->diags, DIAG_ERROR, NULL, 0, -1, "export: out of memory");
        return -1;
    }
    return 0;
}

/* ---- GraphML ------------------------------------------------------------ */

static void xml_text(strbuf *sb, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': strbuf_puts(sb, "&lt;"); break;
        case '>': strbuf_puts(sb, "&gt;"); break;
        case '&': strbuf_puts(sb, "&amp;"); break;
        case '"': strbuf_puts(sb, "&quot;"); break;
        case '\'': strbuf_puts(sb, "&apos;"); break;
        default:
            /* XML 1.0 forbids most C0 controls even as references */
            if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n' || *s == '\r')
                strbuf_putc(sb, *s);
        }
    }
}

int export_graphml(exporter *x)
{
    network g;
    if (load(x, &g) != 0)
        return -1;
    strbuf *sb = &x->line;
    strbuf_puts(sb,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
                "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
                "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
                "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
                "  <key id=\"events\" for=\"edge\" attr.name=\"events\" attr.type=\"long\"/>\n"
                "  <key id=\"mentions\" for=\"edge\" attr.name=\"mentions\" attr.type=\"long\"/>\n"
                "  <key id=\"goldstein\" for=\"edge\" attr.name=\"mean_goldstein\" "
                "attr.type=\"double\"/>\n");
    for (int q = 1; q <= 4; q++)
        strbuf_printf(sb,
                      "  <key id=\"quad%d\" for=\"edge\" attr.name=\"quad%d_events\" "
                      "attr.type=\"long\"/>\n",
                      q, q);
    strbuf_puts(sb, "  <graph id=\"dyad\" edgedefault=\"directed\">\n");
    ex_flush(x);
    for (size_t i = 0; i < g.n_nodes && !x->failed; i++) {
        strbuf_puts(sb, "    <node id=\"");
        xml_text(sb, g.nodes[i].code);
        strbuf_puts(sb, "\"><data key=\"name\">");
        xml_text(sb, g.nodes[i].name);
        strbuf_puts(sb, "</data></node>\n");
        ex_flush(x);
    }
    for (size_t i = 0; i < g.n_edges && !x->failed; i++) {
        const edge *e = &g.edges[i];
        strbuf_printf(sb, "    <edge id=\"e%zu\" source=\"", i + 1);
        xml_text(sb, e->source);
        strbuf_puts(sb, "\" target=\"");
        xml_text(sb, e->target);
        strbuf_printf(sb,
                      "\"><data key=\"weight\">%lld</data><data key=\"events\">%lld</data>"
                      "<data key=\"mentions\">%lld</data><data key=\"goldstein\">%.3f</data>",
                      (long long)e->events, (long long)e->events, (long long)e->mentions,
                      e->goldstein);
        for (int q = 1; q <= 4; q++)
            strbuf_printf(sb, "<data key=\"quad%d\">%lld</data>", q, (long long)e->quad[q]);
        strbuf_puts(sb, "</edge>\n");
        ex_flush(x);
    }
    strbuf_puts(sb, "  </graph>\n</graphml>\n");
    ex_flush(x);
    network_free(&g);
    return 0;
}

/* ---- DOT ---------------------------------------------------------------- */

static void dot_string(strbuf *sb, const char *s)
{
    strbuf_putc(sb, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            strbuf_putc(sb, '\\');
        if (*s == '\n')
            strbuf_puts(sb, "\\n");
        else
            strbuf_putc(sb, *s);
    }
    strbuf_putc(sb, '"');
}

int export_dot(exporter *x)
{
    network g;
    if (load(x, &g) != 0)
        return -1;
    strbuf *sb = &x->line;
    strbuf_puts(sb, "digraph dyad {\n"
                    "  // nodes: actor codes; edges: dyads, weight = events, label = events\n"
                    "  // and mean Goldstein; green cooperative, red conflictual\n"
                    "  node [shape=box, fontname=\"Helvetica\"];\n"
                    "  edge [fontname=\"Helvetica\", fontsize=10];\n");
    ex_flush(x);
    for (size_t i = 0; i < g.n_nodes && !x->failed; i++) {
        char label[256];
        snprintf(label, sizeof label, "%s%s%s", g.nodes[i].code, g.nodes[i].name[0] ? "\n" : "",
                 g.nodes[i].name);
        strbuf_puts(sb, "  ");
        dot_string(sb, g.nodes[i].code);
        strbuf_puts(sb, " [label=");
        dot_string(sb, label);
        strbuf_puts(sb, "];\n");
        ex_flush(x);
    }
    for (size_t i = 0; i < g.n_edges && !x->failed; i++) {
        const edge *e = &g.edges[i];
        const char *color = e->goldstein > 0.0 ? "darkgreen" : e->goldstein < 0.0 ? "red3" : "gray40";
        strbuf_puts(sb, "  ");
        dot_string(sb, e->source);
        strbuf_puts(sb, " -> ");
        dot_string(sb, e->target);
        strbuf_printf(sb,
                      " [weight=%lld, penwidth=%.1f, color=%s, label=\"%lld (%+.1f)\", "
                      "events=%lld, mentions=%lld, goldstein=%.3f];\n",
                      (long long)e->events, 1.0 + (e->events > 9 ? 9.0 : (double)e->events) / 2,
                      color, (long long)e->events, e->goldstein, (long long)e->events,
                      (long long)e->mentions, e->goldstein);
        ex_flush(x);
    }
    strbuf_puts(sb, "}\n");
    ex_flush(x);
    network_free(&g);
    return 0;
}
