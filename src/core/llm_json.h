/*
 * Reading and writing jansson documents, fast.
 *
 * jansson's own json_loadb reads one character at a time through a
 * callback and json_dump_callback writes through one; together they were
 * three quarters of a translation's instructions.  These build and read
 * the same jansson values (so the codecs keep jansson's API) from and to
 * contiguous memory in one pass.
 *
 * llm_json_loadb accepts exactly what json_loadb accepts with the same
 * flags, and builds an equal document; llm_json_write writes what
 * json_dumps writes with JSON_COMPACT | JSON_ENCODE_ANY, byte for byte,
 * EXCEPT reals: for 1e-4 <= |v| < 1e15 it writes the shortest decimal
 * with at most 17 places and fewer than 2^53 as digits that reads back as
 * the same double (0.2, not jansson's 0.20000000000000001), elsewhere
 * jansson's "%.17g".  Either way a real reads back as the same double and
 * as a real.  t/fuzz/fuzz_json.c checks all this against jansson.
 */

#ifndef LLM_JSON_H
#define LLM_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <jansson.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "llm_arena.h"
#include "llm_sse.h"


/* Flags understood: JSON_REJECT_DUPLICATES, JSON_ALLOW_NUL,
 * JSON_DECODE_ANY, JSON_DISABLE_EOF_CHECK (as json_loadb; others are
 * ignored).  Values are allocated through jansson, so from the arena set
 * by llm_arena_json_use when there is one.  NULL on error, with err (may
 * be NULL) filled as json_loadb would: text, line, column, position. */
json_t *llm_json_loadb(const char *buf, size_t len, size_t flags,
    json_error_t *err);

/* The one value at buf (white space before it skipped), read as
 * llm_json_loadb reads it within a document where depth values enclose
 * it (its limit on nesting counts them): *used is how far it went (past
 * the value).  NULL on error. */
json_t *llm_json_load_value(const char *buf, size_t len, size_t flags,
    int depth, size_t *used);

/* Appends j, compact, to b (heap); 0, or -1 on out of memory or a string
 * that is not UTF-8 (as json_dumps fails). */
int llm_json_write(const json_t *j, llm_buf_t *b);

/* j, compact, NUL-terminated, in arena memory; NULL as llm_json_write
 * fails. */
char *llm_json_dump(llm_arena_t *a, const json_t *j, size_t *len);

/* Past JSON's white space from p, at most up to end. */
static inline const unsigned char *
llm_json_ws(const unsigned char *p, const unsigned char *end)
{
    /* most calls find none: one test for anything above ' ' */
    while (p < end && *p <= ' '
           && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    {
        p++;
    }

    return p;
}

/* 1 for the bytes a JSON string holds as they are */
extern const unsigned char  llm_json_plain[256];

/*
 * The bytes of x that need a look, one high bit each: below 0x20, '"',
 * '\\' and above 0x7f (the "has a zero byte" bit trick on x, x ^ '"'
 * and x ^ '\\').  Bits above the first flagged byte may be wrong (the
 * trick's borrow), the lowest one is exact: x is read little-endian.
 */
static inline uint64_t
llm_json_plain_mask(uint64_t x)
{
    uint64_t        lo, q, b;
    const uint64_t  ones = 0x0101010101010101ULL;
    const uint64_t  high = 0x8080808080808080ULL;

    lo = (x - ones * 0x20) & ~x;
    q = x ^ (ones * '"');
    q = (q - ones) & ~q;
    b = x ^ (ones * '\\');
    b = (b - ones) & ~b;

    return (lo | q | b | x) & high;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define LLM_JSON_LITTLE_ENDIAN  0
#else
#define LLM_JSON_LITTLE_ENDIAN  1
#endif

/* How many bytes of x, from its first, a JSON string holds as they are;
 * mask is llm_json_plain_mask(x), not 0. */
static inline size_t
llm_json_plain_bytes(uint64_t mask)
{
    return (size_t) __builtin_ctzll(mask) >> 3;
}

#ifdef __SSE2__
/* llm_json_plain_mask for 16 bytes: one bit per byte that needs a look,
 * all exact */
static inline int
llm_json_plain_mask16(__m128i v)
{
    __m128i  stop;

    /* signed: below 0x20 is also 0x80 and above */
    stop = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                     _mm_cmpeq_epi8(v,
                                                    _mm_set1_epi8('\\'))));

    return _mm_movemask_epi8(stop);
}
#endif

/*
 * Past the run of bytes from p that a JSON string holds as they are
 * (printable ASCII but '"' and '\\'), at most up to end.  With SSE2
 * (every x86-64) 16 bytes take a handful of instructions where the word
 * trick takes some forty, and most strings end in their first 16 bytes;
 * elsewhere, and for the last bytes, eight at a time, the word that ends
 * the run not walked byte by byte.  Inline: it is the inner loop of the
 * reader and of the check.
 */
static inline const unsigned char *
llm_json_plain_run(const unsigned char *p, const unsigned char *end)
{
    uint64_t  x, m;
#ifdef __SSE2__
    int       mask;

    while (end - p >= 16) {
        mask = llm_json_plain_mask16(
                   _mm_loadu_si128((const __m128i *) (const void *) p));

        if (mask) {
            return p + __builtin_ctz((unsigned) mask);
        }

        p += 16;
    }
#endif

    while (end - p >= 8) {
        memcpy(&x, p, 8);
        m = llm_json_plain_mask(x);
        if (m) {
#if LLM_JSON_LITTLE_ENDIAN
            return p + llm_json_plain_bytes(m);
#else
            break;
#endif
        }
        p += 8;
    }

    while (p < end && llm_json_plain[*p]) {
        p++;
    }

    return p;
}

/* The double strtod would read from the well-formed number p..end, when
 * an exact fast path can tell (at most 15 significant digits, a power of
 * ten within 1e+-22): 0 with *out, else -1 (strtod must decide). */
int llm_json_real_fast(const unsigned char *p, const unsigned char *end,
    double *out);

/* Length of the UTF-8 sequence at p (2..4), or 0 when it is not valid:
 * no overlong forms, no surrogates, nothing above U+10FFFF. */
size_t llm_json_utf8_len(const unsigned char *p, const unsigned char *end);

/* The code point cp (below 0x110000, not a surrogate) as UTF-8 at o:
 * past it.  What the reader writes for a \u escape; the pull reader's
 * copies decode with it too. */
static inline unsigned char *
llm_json_utf8_put(unsigned char *o, unsigned int cp)
{
    if (cp < 0x80) {
        *o++ = (unsigned char) cp;

    } else if (cp < 0x800) {
        *o++ = (unsigned char) (0xc0 | (cp >> 6));
        *o++ = (unsigned char) (0x80 | (cp & 0x3f));

    } else if (cp < 0x10000) {
        *o++ = (unsigned char) (0xe0 | (cp >> 12));
        *o++ = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
        *o++ = (unsigned char) (0x80 | (cp & 0x3f));

    } else {
        *o++ = (unsigned char) (0xf0 | (cp >> 18));
        *o++ = (unsigned char) (0x80 | ((cp >> 12) & 0x3f));
        *o++ = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
        *o++ = (unsigned char) (0x80 | (cp & 0x3f));
    }

    return o;
}

#endif /* LLM_JSON_H */
