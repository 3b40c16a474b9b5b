/*
** combine.c: a framing verb and its complement make one code.
**
** English wraps one act inside another: "urged Russia to free the hostages",
** "threatened to attack", "will not release", "refused to meet".  CAMEO codes
** these as one event whose code comes from both verbs: an appeal (02) for a
** release (084) is 0253, an intention (03) to meet (04) is 036, a threat (13)
** of force (19) is 138, a refusal (12) to de-escalate (087) is 1246.  The
** tables below follow the parallel structure of CAMEO's roots 02, 03, 10, 12
** and 13 (codebook names in the comments); an inner code with no counterpart
** leaves the framing verb's own code.
*/
#include <string.h>

#include "coder/coder_private.h"

frame_kind frame_of_code(const char *code)
{
    if (!code || strlen(code) < 2)
        return FRAME_NONE;
    if (!strncmp(code, "02", 2))
        return FRAME_APPEAL;
    if (!strncmp(code, "03", 2))
        return FRAME_INTENT;
    if (!strncmp(code, "10", 2))
        return FRAME_DEMAND;
    if (!strncmp(code, "12", 2))
        return FRAME_REJECT;
    if (!strncmp(code, "13", 2))
        return FRAME_THREATEN;
    return FRAME_NONE;
}

/* One row: an inner code prefix and the code per frame (appeal, intent,
   demand, reject, threaten); NULL where CAMEO has no such code. */
typedef struct combo {
    const char *inner;
    const char *appeal, *intent, *demand, *reject, *threaten;
} combo;

/* Longest inner prefix first within each root. */
static const combo table[] = {
    /* 04 consult: meet, negotiate, mediate */
    {"045", "028", "039", "105", "126", "135"},
    {"046", "026", "036", "108", "125", "134"},
    {"04", "026", "036", "108", "125", "130"},
    /* 05 diplomatic cooperation: agreements, recognition, apology */
    {"057", "027", "030", "102", "127", NULL},
    {"056", "027", "037", "102", "127", NULL},
    {"05", "022", "032", "102", "120", NULL},
    /* 06 material cooperation */
    {"061", "0211", "0311", "1011", "1211", NULL},
    {"062", "0212", "0312", "1012", "1212", NULL},
    {"063", "0213", "0313", "1013", "121", NULL},
    {"064", "0214", "0314", "1014", "121", NULL},
    {"06", "021", "031", "1011", "121", NULL},
    /* 07 aid */
    {"071", "0231", "0331", "1031", "1221", "1311"},
    {"072", "0232", "0332", "1032", "1222", "1311"},
    {"073", "0233", "0333", "1033", "1223", "1311"},
    {"074", "0234", "0334", "1034", "1224", "1311"},
    {"07", "023", "033", "103", "122", "1311"},
    /* 08 yield */
    {"081", "0251", "0351", "1051", "1241", NULL},
    {"082", "0252", "0352", "1052", "1242", NULL},
    {"083", "024", "034", "104", "123", NULL},
    {"084", "0253", "0353", "1053", "1243", NULL},
    {"085", "0254", "0354", "1054", "1244", NULL},
    {"086", "0255", "0355", "1055", "1245", NULL},
    {"0871", "0256", "0356", "107", "1246", NULL},
    {"0874", "0256", "0356", "106", "1246", NULL},
    {"087", "0256", "0356", "1056", "1246", NULL},
    {"08", "025", "035", "105", "124", NULL},
    /* 09 investigate */
    {"09", "020", "030", "101", "120", NULL},
    /* 16 reduce relations */
    {"161", NULL, NULL, NULL, NULL, "1313"},
    {"162", NULL, NULL, NULL, NULL, "1311"},
    {"163", NULL, NULL, NULL, NULL, "1312"},
    {"164", NULL, NULL, NULL, NULL, "134"},
    {"165", NULL, NULL, NULL, NULL, "135"},
    {"166", NULL, NULL, NULL, NULL, "136"},
    {"16", NULL, NULL, NULL, NULL, "131"},
    /* 17 coerce: an announced coercive act is the act itself (see below) */
    {"172", NULL, NULL, NULL, NULL, "132"},
    {"17", NULL, NULL, NULL, NULL, "137"},
    /* 18-20 force */
    {"18", NULL, "138", NULL, NULL, "1383"},
    {"191", NULL, "1381", NULL, NULL, "1381"},
    {"192", NULL, "1382", NULL, NULL, "1382"},
    {"19", NULL, "138", NULL, NULL, "1384"},
    {"204", NULL, "1385", NULL, NULL, "1385"},
    {"20", NULL, "138", NULL, NULL, "138"},
    /* 14 protest */
    {"14", NULL, NULL, NULL, NULL, "133"},
};

const char *combine_codes(frame_kind frame, const char *inner)
{
    if (!inner || frame == FRAME_NONE)
        return NULL;
    for (size_t k = 0; k < sizeof table / sizeof table[0]; k++) {
        size_t n = strlen(table[k].inner);
        if (strncmp(inner, table[k].inner, n) != 0)
            continue;
        switch (frame) {
        case FRAME_APPEAL: return table[k].appeal;
        case FRAME_INTENT: return table[k].intent;
        case FRAME_DEMAND: return table[k].demand;
        case FRAME_REJECT: return table[k].reject;
        case FRAME_THREATEN: return table[k].threaten;
        default: return NULL;
        }
    }
    return NULL;
}
