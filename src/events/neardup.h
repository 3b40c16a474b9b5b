/*
** neardup.h: near-duplicate documents, so that syndication does not count twice.
**
** A wire story republished by twenty sites, with a different headline, an
** added "This article first appeared on ..." paragraph or a corrected typo, is
** one source of evidence, not twenty.  dyad gives every document a *cluster*:
** the first document seen whose body is near-identical to it.
**
** Method: MinHash over word shingles with LSH banding.
**   - The body (the text after the title: headlines are rewritten by
**     republishers) is split into words (letters and digits, ASCII-folded to
**     lower case; punctuation, including typographic quotes and dashes, only
**     separates), and every run of NEARDUP_SHINGLE = 3 consecutive words is a
**     shingle, hashed to 64 bits.  A text shorter than 3 words is one shingle.
**   - The signature keeps, for each of MINHASH_K = 60 hash functions h_i(x) =
**     (a_i * x + b_i) >> 32 (a_i odd), the minimum over the shingles.  The chance
**     that two signatures agree at one position is the Jaccard similarity of
**     the two shingle sets, so the fraction of agreeing positions estimates it
**     (standard error <= 0.065 at K = 60).
**   - Two documents are near-duplicates when the estimate is >= 0.5.  An exact
**     copy scores 1; a copy with a boilerplate paragraph added to a 200-word
**     story scores about 0.8; a copy with a few words edited about 0.85; a
**     different story on the same topic, sharing names and stock phrases,
**     about 0.05-0.15.
**   - To find candidates without comparing against every stored document, the
**     signature is cut into MINHASH_BANDS = 20 bands of MINHASH_ROWS = 3 values,
**     and each band is hashed to a 64-bit key.  Documents sharing any band key
**     are candidates (then checked with the full estimate).  A pair with
**     similarity 0.5 shares a band with probability 1 - (1 - 0.5^3)^20 = 0.93,
**     at 0.7 with 0.9994; at 0.2 only 0.15 (and is then rejected by the check).
**     Band keys go into an in-memory index (band_index), so clustering costs
**     20 hash probes per document whatever the corpus size.
** SimHash was the alternative: one 64-bit word per document, but an added
** paragraph moves it by 8-10 bits while different stories are ~30 bits away,
** and a Hamming radius that wide cannot be indexed with exact-match blocks.
**
** A document joins the cluster of its most similar candidate (ties: the
** earliest; at most the NEARDUP_CANDIDATES newest candidates are checked, which
** bounds the work when thousands of copies share a band); clusters are never
** merged afterwards, so a document's cluster id never changes once stored.
*/
#ifndef DYAD_NEARDUP_H
#define DYAD_NEARDUP_H

#include <stddef.h>
#include <stdint.h>

#include "ingest/document.h"

#define NEARDUP_SHINGLE 3
#define MINHASH_K 60
#define MINHASH_BANDS 20
#define MINHASH_ROWS 3
#define NEARDUP_THRESHOLD 0.5
#define MINHASH_BYTES (4 + 4 * MINHASH_K)   /* encoded size */
#define NEARDUP_CANDIDATES 64               /* candidates checked per document, newest */

typedef struct minhash {
    uint32_t v[MINHASH_K];
    uint32_t shingles;          /* distinct-or-not shingle count; 0 = empty text */
} minhash;

/* Signature of text[0..len). */
void minhash_of_text(const char *text, size_t len, minhash *out);

/* Signature of a document's body (its whole text when the body is empty). */
void minhash_of_document(const document *doc, minhash *out);

/* Estimated Jaccard similarity 0..1 (0 when either text was empty). */
double minhash_similarity(const minhash *a, const minhash *b);

/* 1 when a and b are near-duplicates (similarity >= NEARDUP_THRESHOLD). */
int minhash_near(const minhash *a, const minhash *b);

/* The band keys of a signature (band number folded in, so keys of different
   bands never collide by construction).  Empty texts have no bands: returns
   the number written (0 or MINHASH_BANDS). */
size_t minhash_bands(const minhash *m, int64_t keys[MINHASH_BANDS]);

/* Portable little-endian encoding (for the store), and back; decode returns
   0, or -1 when the bytes are not a signature. */
void minhash_encode(const minhash *m, uint8_t out[MINHASH_BYTES]);
int minhash_decode(const void *data, size_t len, minhash *out);

/* ---- the band index ----------------------------------------------------- */

/* Band keys -> document ids (int64, increasing as documents are added), in
   memory: a log of (key, document) pairs in add order, chained newest first
   per key from an open-addressing table of heads, so that a lookup walks a
   bounded number of pairs even when thousands of documents share a popular
   key.  Only 32 bits of each key are kept: that can only add candidates, which
   the signature check then rejects.  About 500 bytes a document.  Stores keep
   the signatures themselves and index a window of recent documents
   (syndication happens within days, not years), pruned with band_index_prune. */
typedef struct band_index band_index;

band_index *band_index_new(void);
void band_index_free(band_index *bi);

/* Index doc under its band keys.  Returns 0, or -1 on out of memory. */
int band_index_add(band_index *bi, const int64_t keys[MINHASH_BANDS], size_t n_keys, int64_t doc);

/* Documents sharing at least one band key, each once, newest first, at most
   cap.  Returns the number written to out. */
size_t band_index_candidates(const band_index *bi, const int64_t keys[MINHASH_BANDS],
                             size_t n_keys, int64_t *out, size_t cap);

/* Forget every document older than min_doc.  Returns 0, or -1 on out of
   memory (the index is then empty and must be freed). */
int band_index_prune(band_index *bi, int64_t min_doc);

/* Documents indexed, and bytes of memory held. */
size_t band_index_docs(const band_index *bi);
size_t band_index_memory(const band_index *bi);

/* ---- an in-memory clusterer --------------------------------------------- */

typedef struct neardup_index neardup_index;

neardup_index *neardup_index_new(void);
void neardup_index_free(neardup_index *idx);

/* Add the next document (numbered 0, 1, ... in add order) and set *cluster to
   the number of the first document of its cluster (its own number when it has
   no near-duplicate before it).  Returns 0, or -1 on out of memory. */
int neardup_index_add(neardup_index *idx, const minhash *m, uint32_t *cluster);

#endif
