/*
** swar.h: eight bytes at a time in a 64-bit word ("SIMD within a register").
**
** Every byte of every document passes through several scanning loops (JSON
** strings, Unicode normalisation, cleaning, tokenizing) whose common case is
** a long run of plain ASCII.  These helpers find the end of such a run, or
** change the case of ASCII letters, eight bytes per step instead of one, with
** no branch per byte.  A caller keeps its byte-by-byte loop for what the
** helpers stop at, so the results are exactly the byte loop's.
**
** The tests are the classic ones: a byte's flag is its high bit (0x80).  The
** "below" and "equal" tests can also flag bytes after (above) the first true
** one, because of borrows, but never before it: the position of the first
** flagged byte (swar_first) is always exact, and that is all callers use.
*/
#ifndef DYAD_SWAR_H
#define DYAD_SWAR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SWAR_ONES 0x0101010101010101ULL
#define SWAR_HIGH 0x8080808080808080ULL

static inline uint64_t swar_load(const void *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

/* Flags bytes of x below n (n <= 0x80). */
static inline uint64_t swar_below(uint64_t x, unsigned n)
{
    return (x - SWAR_ONES * n) & ~x & SWAR_HIGH;
}

/* Flags bytes of x equal to b. */
static inline uint64_t swar_equal(uint64_t x, unsigned char b)
{
    return swar_below(x ^ (SWAR_ONES * b), 1);
}

/* Flags, exactly (no borrows), the bytes of x equal to b. */
static inline uint64_t swar_equal_exact(uint64_t x, unsigned char b)
{
    const uint64_t low7 = ~SWAR_HIGH;
    uint64_t t = x ^ (SWAR_ONES * b);
    return ~(((t & low7) + low7) | t) & SWAR_HIGH;
}

/* How many bytes are flagged in flags (flags only in the high bits). */
static inline unsigned swar_count(uint64_t flags)
{
    return (unsigned)(((flags >> 7) * SWAR_ONES) >> 56);
}

/* Flags, exactly, the bytes of x in [lo, hi] (both ASCII). */
static inline uint64_t swar_in_range(uint64_t x, unsigned lo, unsigned hi)
{
    uint64_t low7 = x & ~SWAR_HIGH;
    uint64_t ge_lo = low7 + SWAR_ONES * (0x80 - lo);
    uint64_t gt_hi = low7 + SWAR_ONES * (0x80 - hi - 1);
    return ge_lo & ~gt_hi & ~x & SWAR_HIGH;
}

/* Index (0-7) of the first flagged byte; flags != 0. */
static inline size_t swar_first(uint64_t flags)
{
    return (size_t)__builtin_ctzll(flags) >> 3; /* little-endian: first byte lowest */
}

/* Bytes from p[0] (up to n) that lie in [0x20, top): printable ASCII, with
   top 0x7F (DEL excluded) or 0x80. */
static inline size_t swar_printable_run(const unsigned char *p, size_t n, unsigned top)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x = swar_load(p + i);
        uint64_t stop = swar_below(x, 0x20) | (x & SWAR_HIGH);
        if (top == 0x7F)
            stop |= swar_equal(x, 0x7F);
        if (stop)
            return i + swar_first(stop);
    }
    while (i < n && p[i] >= 0x20 && p[i] < top)
        i++;
    return i;
}

/* dst[0..n) = src[0..n) with ASCII A-Z lowered (to_upper 0) or a-z raised
   (to_upper 1); other bytes unchanged.  dst may equal src. */
static inline void swar_ascii_case(char *dst, const char *src, size_t n, int to_upper)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x = swar_load(src + i);
        if (to_upper)
            x -= swar_in_range(x, 'a', 'z') >> 2; /* 0x80 >> 2 = 'a' - 'A' */
        else
            x += swar_in_range(x, 'A', 'Z') >> 2;
        memcpy(dst + i, &x, 8);
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)src[i];
        if (to_upper && c >= 'a' && c <= 'z')
            c = (unsigned char)(c - 32);
        else if (!to_upper && c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        dst[i] = (char)c;
    }
}

#endif
