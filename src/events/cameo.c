/*
** cameo.c: CAMEO code knowledge (cameo.h): actor codes cut into GDELT's
** fields, readable sector names (display names, ICEWS), and the CAMEO ->
** PLOVER event mapping (PLOVER JSON).
**
** The PLOVER table follows the CAMEO-to-PLOVER conversion published with the
** PLOVER manual (draft 0.8, 2021): by root, with the codes that move to
** another category listed first, and the "mode" PLOVER records for a code.
** Lookup is longest prefix first, so "0871" finds "0871" before "087" and "08".
*/
#include <stdio.h>
#include <string.h>

#include "events/cameo.h"

/* ---- actor codes -------------------------------------------------------- */

static const char *const TYPE_CODES[] = {
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS",
    "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF",
    "MOD", "RAD", "SET", "PTY", "IGO", "NGO", "NGM", "MNC", "UIS", NULL};

static const char *const RELIGION_CODES[] = {
    "ADR", "ATH", "BAH", "BUD", "CHR", "CTH", "ORT", "PRO", "CON", "DRZ", "HIN", "JAI", "JEW",
    "MOS", "SHI", "SUN", "ALE", "SFI", "SIK", "SHN", "TAO", "ZRO", NULL};

static const char *const NONSTATE_ROOTS[] = {"IGO", "NGO", "NGM", "MNC", "UIS", NULL};

static int in_list(const char *const *list, const char *seg)
{
    for (size_t i = 0; list[i]; i++)
        if (!strcmp(list[i], seg))
            return 1;
    return 0;
}

static void put3(char dst[4], const char *seg)
{
    memcpy(dst, seg, 3);
    dst[3] = '\0';
}

void cameo_actor_split(const char *code, cameo_actor_parts *out)
{
    memset(out, 0, sizeof *out);
    size_t len = strlen(code);
    char segs[ACTOR_CODE_MAX / 3 + 1][4];
    size_t n = 0;
    for (size_t i = 0; i + 3 <= len && n < sizeof segs / sizeof segs[0]; i += 3)
        put3(segs[n++], code + i);
    int types = 0, religions = 0, nonstate = n > 0 && in_list(NONSTATE_ROOTS, segs[0]);

    /* the segments that are neither types nor religions: places and groups */
    size_t others[sizeof segs / sizeof segs[0]], n_others = 0;
    for (size_t i = 0; i < n; i++) {
        if (in_list(TYPE_CODES, segs[i])) {
            char *slot = types == 0 ? out->type1 : types == 1 ? out->type2 : out->type3;
            if (types++ < 3)
                put3(slot, segs[i]);
        } else if (in_list(RELIGION_CODES, segs[i])) {
            if (religions < 2)
                put3(religions == 0 ? out->religion1 : out->religion2, segs[i]);
            religions++;
        } else {
            others[n_others++] = i;
        }
    }
    if (n_others == 0)
        return;
    if (nonstate) {
        /* IGOUNO: a group; IGOWSTNAT: a region, then a group */
        if (n_others >= 2)
            put3(out->country, segs[others[0]]);
        put3(out->known_group, segs[others[n_others - 1]]);
    } else if (others[0] == 0) {
        put3(out->country, segs[0]);                /* KORGOV, AFGREBTAL */
        if (n_others >= 2)
            put3(out->known_group, segs[others[n_others - 1]]);
    } else {
        put3(out->known_group, segs[others[n_others - 1]]);
    }
}

static const struct {
    const char *code, *name;
} SECTORS[] = {
    {"COP", "Police"}, {"GOV", "Government"}, {"INS", "Insurgents"}, {"JUD", "Judiciary"},
    {"MIL", "Military"}, {"OPP", "Opposition"}, {"REB", "Rebels"}, {"SEP", "Separatists"},
    {"SPY", "Intelligence"}, {"UAF", "Armed groups"}, {"AGR", "Agriculture"},
    {"BUS", "Business"}, {"CRM", "Criminals"}, {"CVL", "Civilians"}, {"DEV", "Development"},
    {"EDU", "Education"}, {"ELI", "Elites"}, {"ENV", "Environment"}, {"HLH", "Health"},
    {"HRI", "Human rights"}, {"LAB", "Labor"}, {"LEG", "Legislature"}, {"MED", "Media"},
    {"REF", "Refugees"}, {"MOD", "Moderates"}, {"RAD", "Radicals"}, {"SET", "Settlers"},
    {"PTY", "Political parties"}, {"IGO", "International organizations"},
    {"NGO", "Non-governmental organizations"}, {"NGM", "Non-governmental movements"},
    {"MNC", "Multinational corporations"}, {"UIS", "Unidentified state actors"},
};

const char *cameo_sector_name(const char *type)
{
    for (size_t i = 0; i < sizeof SECTORS / sizeof SECTORS[0]; i++)
        if (!strcmp(SECTORS[i].code, type))
            return SECTORS[i].name;
    return NULL;
}

int cameo_country_roles(const char *code, char country[4], char *roles, size_t cap)
{
    cameo_actor_parts p;
    cameo_actor_split(code, &p);
    if (!p.country[0] || p.known_group[0] || p.religion1[0] || !p.type1[0] ||
        in_list(NONSTATE_ROOTS, p.type1) || strncmp(code, p.country, 3) != 0)
        return 0;
    const char *types[] = {p.type1, p.type2, p.type3};
    size_t n = 0;
    roles[0] = '\0';
    for (size_t i = 0; i < 3 && types[i][0]; i++) {
        const char *word = cameo_sector_name(types[i]);
        if (!word)
            return 0;
        int w = snprintf(roles + n, cap - n, "%s%s", n ? " " : "", word);
        if (w < 0 || (size_t)w >= cap - n)
            return 0;
        n += (size_t)w;
    }
    if (strlen(code) != 3 * (1 + (size_t)(p.type3[0] ? 3 : p.type2[0] ? 2 : 1)))
        return 0;   /* some segment was neither a country nor a type */
    memcpy(country, p.country, 4);
    return 1;
}

/* ---- CAMEO -> PLOVER ---------------------------------------------------- */

static const struct {
    const char *prefix, *event, *mode;
} PLOVER[] = {
    /* codes that leave their root's category */
    {"0813", "RETREAT", "ease"}, {"0814", "RETREAT", "ease"}, {"084", "RETREAT", ""},
    {"0841", "RETREAT", "release"}, {"0842", "RETREAT", "return"}, {"085", "RETREAT", "ease"},
    {"086", "RETREAT", "access"}, {"087", "RETREAT", "disarm"}, {"0871", "RETREAT", "ceasefire"},
    {"0872", "RETREAT", "withdraw"}, {"163", "COERCE", "restrict"}, {"1712", "ASSAULT", "destroy"},
    {"175", "ASSAULT", ""}, {"191", "COERCE", "restrict"}, {"192", "COERCE", "confiscate"},
    {"201", "ASSAULT", "cleansing"}, {"202", "ASSAULT", "cleansing"}, {"203", "ASSAULT", "cleansing"},
    /* modes */
    {"041", "CONSULT", "phone"}, {"042", "CONSULT", "visit"}, {"043", "CONSULT", "host"},
    {"044", "CONSULT", "third-party"}, {"101", "DEMAND", "assist"}, {"102", "DEMAND", "assist"},
    {"103", "DEMAND", "assist"}, {"104", "DEMAND", "change"}, {"105", "DEMAND", "yield"},
    {"106", "DEMAND", "meet"}, {"107", "DEMAND", "meet"}, {"108", "DEMAND", "meet"},
    {"11", "ACCUSE", "disapprove"}, {"121", "REJECT", "assist"}, {"122", "REJECT", "assist"},
    {"123", "REJECT", "change"}, {"124", "REJECT", "yield"}, {"125", "REJECT", "meet"},
    {"126", "REJECT", "meet"}, {"127", "REJECT", "meet"}, {"128", "REJECT", "yield"},
    {"129", "REJECT", "yield"}, {"1311", "THREATEN", "relations"},
    {"1312", "THREATEN", "restrict"}, {"1313", "THREATEN", "relations"},
    {"132", "THREATEN", "ban"}, {"133", "THREATEN", "relations"}, {"134", "THREATEN", "relations"},
    {"135", "THREATEN", "relations"}, {"136", "THREATEN", "expel"}, {"137", "THREATEN", "violence"},
    {"138", "THREATEN", "violence"}, {"139", "THREATEN", "relations"}, {"141", "PROTEST", "demo"},
    {"142", "PROTEST", "hunger"}, {"143", "PROTEST", "boycott"}, {"144", "PROTEST", "obstruct"},
    {"145", "PROTEST", "riot"}, {"151", "MOBILIZE", "police"}, {"152", "MOBILIZE", "troops"},
    {"153", "MOBILIZE", "police"}, {"154", "MOBILIZE", "troops"}, {"161", "SANCTION", "withdraw"},
    {"162", "SANCTION", "discontinue"}, {"164", "SANCTION", "withdraw"},
    {"165", "SANCTION", "withdraw"}, {"166", "SANCTION", "expel"}, {"171", "COERCE", "confiscate"},
    {"172", "COERCE", "restrict"}, {"1722", "COERCE", "ban"}, {"1723", "COERCE", "curfew"},
    {"1724", "COERCE", "martial-law"}, {"173", "COERCE", "arrest"}, {"174", "COERCE", "deport"},
    {"181", "ASSAULT", "abduct"}, {"182", "ASSAULT", "beat"}, {"1821", "ASSAULT", "sexual"},
    {"1822", "ASSAULT", "torture"}, {"183", "ASSAULT", "suicide-attack"},
    {"1832", "ASSAULT", "explosives"}, {"1833", "ASSAULT", "explosives"},
    {"184", "ASSAULT", "abduct"}, {"185", "ASSAULT", "assassinate"},
    {"186", "ASSAULT", "assassinate"}, {"193", "ASSAULT", "firearms"},
    {"194", "ASSAULT", "heavy-weapons"}, {"195", "ASSAULT", "heavy-weapons"},
    {"200", "ASSAULT", "unconventional"}, {"204", "ASSAULT", "unconventional"},
    {"09", "ACCUSE", "investigate"},
    /* roots */
    {"02", "REQUEST", ""}, {"03", "AGREE", ""}, {"04", "CONSULT", ""}, {"05", "SUPPORT", ""},
    {"06", "COOPERATE", ""}, {"07", "AID", ""}, {"08", "CONCEDE", ""}, {"10", "DEMAND", ""},
    {"12", "REJECT", ""}, {"13", "THREATEN", ""}, {"14", "PROTEST", ""}, {"15", "MOBILIZE", ""},
    {"16", "SANCTION", ""}, {"17", "COERCE", ""}, {"18", "ASSAULT", ""}, {"19", "ASSAULT", ""},
    {"20", "ASSAULT", ""},
};

const char *plover_event_of(const char *code, const char **mode)
{
    size_t len = strlen(code), best = 0;
    const char *event = NULL, *m = "";
    for (size_t i = 0; i < sizeof PLOVER / sizeof PLOVER[0]; i++) {
        size_t p = strlen(PLOVER[i].prefix);
        if (p <= len && p > best && !strncmp(code, PLOVER[i].prefix, p)) {
            best = p;
            event = PLOVER[i].event;
            m = PLOVER[i].mode;
        }
    }
    if (mode)
        *mode = event ? m : "";
    return event;
}
