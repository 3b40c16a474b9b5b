/*
** cameo.h: what dyad knows about CAMEO codes beyond the codebook: actor codes
** cut into the fields GDELT reports, readable sector names, and the CAMEO ->
** PLOVER event mapping.  Used by the store (display names) and the exports.
*/
#ifndef DYAD_CAMEO_H
#define DYAD_CAMEO_H

#include <stddef.h>

#include "coder/mention.h"

/* An actor code cut into the fields GDELT reports.  Codes are 3-letter
   segments: a country or region first ("KOR", "WST"), or a non-state root
   (IGO, NGO, NGM, MNC) that is itself a type; role/sector segments (GOV, MIL,
   REB...) are types (first three kept); religion segments (CHR, MOS, JEW...)
   are religions; any other later segment is a known group (NAT in IGOWSTNAT,
   UNO in IGOUNO).  Best effort: CAMEO has many more codes than dyad knows. */
typedef struct cameo_actor_parts {
    char country[4], known_group[4], ethnic[4], religion1[4], religion2[4];
    char type1[4], type2[4], type3[4];
} cameo_actor_parts;

void cameo_actor_split(const char *code, cameo_actor_parts *out);

/* A readable sector name for a type code ("GOV" -> "Government"), or NULL. */
const char *cameo_sector_name(const char *type);

/* For a code that is a country followed only by sector types ("USAGOV",
   "IRQMILREB"): its country part into country[4] and its sectors as words
   ("Government", "Military Rebels") into roles; returns 1.  0 for any other
   code (IGOUNO, MNCUSA, KOR, AFGREBTAL). */
int cameo_country_roles(const char *code, char country[4], char *roles, size_t cap);

/* The PLOVER event category of a CAMEO code ("042" -> "CONSULT") and its mode
   ("visit", "" if none); NULL when PLOVER has no equivalent (01 statements). */
const char *plover_event_of(const char *code, const char **mode);

#endif
