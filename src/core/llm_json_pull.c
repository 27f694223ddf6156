/*
 * The pull reader (llm_json_pull.h): the reader's grammar and checks
 * (llm_json_read.c), one value at a time, nothing built.
 */

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "llm_json.h"
#include "llm_json_pull.h"
#include "llm_json_memo.h"


const unsigned char  llm_jpull_kind[256] = {
    [' '] = LLM_JPULL_WS, ['\t'] = LLM_JPULL_WS,
    ['\n'] = LLM_JPULL_WS, ['\r'] = LLM_JPULL_WS,
    ['{'] = LLM_JPULL_OBJECT, ['['] = LLM_JPULL_ARRAY,
    ['"'] = LLM_JPULL_STRING,
    ['-'] = LLM_JPULL_NUMBER,
    ['0'] = LLM_JPULL_NUMBER, ['1'] = LLM_JPULL_NUMBER,
    ['2'] = LLM_JPULL_NUMBER, ['3'] = LLM_JPULL_NUMBER,
    ['4'] = LLM_JPULL_NUMBER, ['5'] = LLM_JPULL_NUMBER,
    ['6'] = LLM_JPULL_NUMBER, ['7'] = LLM_JPULL_NUMBER,
    ['8'] = LLM_JPULL_NUMBER, ['9'] = LLM_JPULL_NUMBER,
    ['t'] = LLM_JPULL_TRUE, ['f'] = LLM_JPULL_FALSE,
    ['n'] = LLM_JPULL_NULL
};


void
llm_jpull_init(llm_jpull_t *j, const char *p, size_t len)
{
    j->p = (const unsigned char *) p;
    j->end = j->p + len;
}


static int
llm_jpull_hex4(const unsigned char *p, unsigned *out)
{
    int       i;
    unsigned  v, d;

    v = 0;

    for (i = 0; i < 4; i++) {
        if (p[i] >= '0' && p[i] <= '9') {
            d = p[i] - '0';
        } else if ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'f') {
            d = (p[i] | 0x20) - 'a' + 10;
        } else {
            return -1;
        }
        v = v << 4 | d;
    }

    *out = v;
    return 0;
}


/* The escape after a backslash at p: past it, or NULL where the reader
 * fails (unknown escape, bad hex, a lone surrogate, \u0000). */
static const unsigned char *
llm_jpull_escape(const unsigned char *p, const unsigned char *end)
{
    unsigned  cp, lo;

    if (p >= end) {
        return NULL;
    }

    switch (*p++) {
    case '"': case '\\': case '/':
    case 'b': case 'f': case 'n': case 'r': case 't':
        return p;
    case 'u':
        break;
    default:
        return NULL;
    }

    if (end - p < 4 || llm_jpull_hex4(p, &cp) != 0) {
        return NULL;
    }
    p += 4;

    if (cp >= 0xd800 && cp <= 0xdbff) {
        if (end - p < 6 || p[0] != '\\' || p[1] != 'u'
            || llm_jpull_hex4(p + 2, &lo) != 0
            || lo < 0xdc00 || lo > 0xdfff)
        {
            return NULL;
        }
        return p + 6;
    }

    if ((cp >= 0xdc00 && cp <= 0xdfff) || cp == 0) {
        return NULL;
    }

    return p;
}


/* (llm_json_pull.h) */
char *
llm_jpull_copy(llm_arena_t *a, const llm_str_t *raw, int escaped,
    size_t *len)
{
    char  *out;

    out = llm_arena_alloc(a, raw->len + 1);
    if (out == NULL) {
        return NULL;
    }

    if (escaped) {
        *len = llm_jpull_unescape(raw, out);

    } else {
        memcpy(out, raw->data, raw->len);
        *len = raw->len;
    }

    out[*len] = '\0';
    return out;
}


int
llm_jpull_load_object(llm_arena_t *a, llm_jpull_t *j, int depth,
    json_t **out)
{
    size_t   used;
    json_t  *v;

    if (llm_jpull_peek(j) != LLM_JPULL_OBJECT) {
        return -1;
    }

    v = llm_json_load_value((const char *) j->p, (size_t) (j->end - j->p),
                            JSON_REJECT_DUPLICATES, depth, &used);
    if (v == NULL) {
        return -1;
    }

    j->p += used;

    *out = llm_arena_keep(a, v);
    return *out ? 0 : -1;
}


/* The escapes of one byte after the backslash */
static const unsigned char  llm_jpull_escape1[256] = {
    ['"'] = 1, ['\\'] = 1, ['/'] = 1, ['b'] = 1, ['f'] = 1, ['n'] = 1,
    ['r'] = 1, ['t'] = 1
};


/* Past the byte at q that needs a look in a string, other than its
 * closing quote (an escape, a UTF-8 sequence), or NULL where the reader
 * fails (a control character, a bad escape or sequence). */
static inline const unsigned char *
llm_jpull_stop(const unsigned char *q, const unsigned char *end,
    int *escaped)
{
    size_t  n;

    if (*q == '\\') {
        *escaped = 1;

        if (end - q >= 2 && llm_jpull_escape1[q[1]]) {
            return q + 2;                       /* \" \\ \/ \b \f \n \r \t */
        }

        return llm_jpull_escape(q + 1, end);
    }

    if (*q >= 0x80) {
        n = llm_json_utf8_len(q, end);
        return n ? q + n : NULL;
    }

    return NULL;                                /* a control character */
}


static llm_jpull_rest_t llm_jpull_string_stops(const unsigned char *p,
    const unsigned char *end) __attribute__((noinline));


llm_jpull_rest_t
llm_jpull_string_rest(const unsigned char *p, const unsigned char *end)
{
#ifdef __SSE2__
    int                   m;
    llm_jpull_rest_t      rest;
    const unsigned char  *q;

    /* plain blocks up to the closing quote, most strings, in a loop that
     * needs no frame; anything else from the first other stop on */

    while (end - p >= 16) {
        m = llm_json_plain_mask16(_mm_loadu_si128((const __m128i *)
                                                  (const void *) p));
        if (m == 0) {
            p += 16;
            continue;
        }

        q = p + __builtin_ctz((unsigned) m);

        if (*q == '"') {
            rest.p = q + 1;
            rest.escaped = 0;
            return rest;
        }

        p = q;
        break;
    }
#endif

    return llm_jpull_string_stops(p, end);
}


/* (llm_jpull_string_rest from a stop, or from the last bytes) */
static llm_jpull_rest_t
llm_jpull_string_stops(const unsigned char *p, const unsigned char *end)
{
    int                   escaped;
    llm_jpull_rest_t      rest;
    const unsigned char  *q;
#ifdef __SSE2__
    __m128i               v;
    unsigned              m, bs, r, e;
#endif

    escaped = 0;

    for ( ;; ) {
#ifdef __SSE2__
        if (end - p >= 16) {
            m = (unsigned) llm_json_plain_mask16(
                               _mm_loadu_si128((const __m128i *)
                                               (const void *) p));
            if (m == 0) {
                p += 16;
                continue;
            }

            /* a block whose escapes are all of one byte (\" \n ...: JSON
             * within JSON has several to a block) and end within it, no
             * two backslashes together: the escaped bytes are those after
             * the backslashes, each looked up once, and the first other
             * stop ends the string, or is one for the loop below (which
             * takes the block's escapes again, from its first stop) */

            bs = (unsigned) _mm_movemask_epi8(
                     _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)
                                                    (const void *) p),
                                    _mm_set1_epi8('\\')));

            if (bs != 0 && (bs & (bs << 1 | 0x8000)) == 0) {
                r = m & ~(bs | bs << 1);
                e = r ? (bs << 1) & ((r & -r) - 1) : bs << 1;

                if (e != 0) {
                    escaped = 1;

                    /* \" and \n, most escapes, by two compares */
                    v = _mm_loadu_si128((const __m128i *) (const void *) p);
                    e &= ~(unsigned) _mm_movemask_epi8(_mm_or_si128(
                             _mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                             _mm_cmpeq_epi8(v, _mm_set1_epi8('n'))));
                }

                for ( /* void */ ; e != 0; e &= e - 1) {
                    if (!llm_jpull_escape1[p[__builtin_ctz(e)]]) {
                        goto stops;
                    }
                }

                if (r == 0) {
                    p += 16;
                    continue;
                }

                q = p + __builtin_ctz(r);

                if (*q == '"') {
                    goto done;
                }
            }

        stops:

            /* the block's stops in turn, from one load (escapes and
             * UTF-8 are often several to a block), while each ends
             * within it */

            for ( ;; ) {
                q = p + __builtin_ctz(m);

                if (*q == '"') {
                    goto done;
                }

                q = llm_jpull_stop(q, end, &escaped);
                if (q == NULL) {
                    goto fail;
                }

                if (q - p >= 16) {
                    break;
                }

                m &= ~0u << (q - p);            /* the stops from q on */

                if (m == 0) {
                    q = p + 16;
                    break;
                }
            }

            p = q;
            continue;
        }
#endif

        q = llm_json_plain_run(p, end);

        if (q >= end) {
            goto fail;
        }

        if (*q == '"') {
            goto done;
        }

        p = llm_jpull_stop(q, end, &escaped);
        if (p == NULL) {
            goto fail;
        }
    }

done:

    rest.p = q + 1;                             /* q: the closing quote */
    rest.escaped = escaped;
    return rest;

fail:

    rest.p = NULL;
    rest.escaped = escaped;
    return rest;
}


size_t
llm_jpull_unescape(const llm_str_t *raw, char *out)
{
    size_t                n;
    uint64_t              x, m;
    unsigned              cp, lo;
    unsigned char        *o;
    const unsigned char  *p, *end;

    p = (const unsigned char *) raw->data;
    end = p + raw->len;
    o = (unsigned char *) out;

    /* llm_jpull_string checked every escape: only decoding is left */

    for ( ;; ) {
        /* plain bytes copied a word at a time as they are scanned (the
         * reader's way): escaped strings are mostly short runs between
         * escapes; out never runs ahead of p, so the word fits */
        while (end - p >= 8) {
            memcpy(&x, p, 8);
            memcpy(o, &x, 8);
            m = llm_json_plain_mask(x);
            if (m) {
#if LLM_JSON_LITTLE_ENDIAN
                n = llm_json_plain_bytes(m);
                o += n;
                p += n;
#endif
                break;
            }
            o += 8;
            p += 8;
        }

        if (p == end) {
            break;
        }

        if (*p != '\\') {
            *o++ = *p++;                /* UTF-8, or near the end */
            continue;
        }

        p++;

        switch (*p++) {
        case 'b': *o++ = '\b'; continue;
        case 'f': *o++ = '\f'; continue;
        case 'n': *o++ = '\n'; continue;
        case 'r': *o++ = '\r'; continue;
        case 't': *o++ = '\t'; continue;
        case 'u': break;
        default: *o++ = p[-1]; continue;         /* " \\ / */
        }

        cp = 0;
        lo = 0xdc00;
        (void) llm_jpull_hex4(p, &cp);
        p += 4;

        if (cp >= 0xd800 && cp <= 0xdbff) {
            (void) llm_jpull_hex4(p + 2, &lo);
            p += 6;
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        }

        o = llm_json_utf8_put(o, cp);
    }

    return (size_t) (o - (unsigned char *) out);
}


/* The number at j->p, as the reader's grammar has it: past it, *real
 * when it has a fraction or an exponent; NULL when malformed. */
static const unsigned char *
llm_jpull_scan_number(llm_jpull_t *j, int *real)
{
    const unsigned char  *p, *end;

    p = j->p;
    end = j->end;
    *real = 0;

    if (p < end && *p == '-') {
        p++;
    }

    if (p < end && *p == '0') {
        p++;

    } else if (p < end && *p >= '1' && *p <= '9') {
        while (p < end && *p >= '0' && *p <= '9') {
            p++;
        }

    } else {
        return NULL;
    }

    if (p < end && *p == '.') {
        p++;
        if (p >= end || *p < '0' || *p > '9') {
            return NULL;
        }
        while (p < end && *p >= '0' && *p <= '9') {
            p++;
        }
        *real = 1;
    }

    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-')) {
            p++;
        }
        if (p >= end || *p < '0' || *p > '9') {
            return NULL;
        }
        while (p < end && *p >= '0' && *p <= '9') {
            p++;
        }
        *real = 1;
    }

    return p;
}


/* The integer s..e (grammar checked, no fraction or exponent) within
 * int64: 0 or -1, as the reader's "too big integer". */
static int
llm_jpull_int64(const unsigned char *s, const unsigned char *e, int64_t *v)
{
    int                 neg;
    unsigned long long  u, limit;

    neg = (*s == '-');
    s += neg;
    limit = neg ? (unsigned long long) LLONG_MAX + 1
                : (unsigned long long) LLONG_MAX;

    for (u = 0; s < e; s++) {
        if (u > (limit - (unsigned) (*s - '0')) / 10) {
            return -1;
        }
        u = u * 10 + (unsigned) (*s - '0');
    }

    *v = neg ? (u ? -(int64_t) (u - 1) - 1 : 0) : (int64_t) u;
    return 0;
}


int
llm_jpull_int(llm_jpull_t *j, int64_t *v)
{
    int                   real;
    int64_t               n;
    const unsigned char  *e, *p;

    if (llm_jpull_peek(j) != LLM_JPULL_NUMBER) {
        return -1;
    }

    /* most are short and positive: up to 18 digits fit, read in one
     * pass; a longer one, or a fraction or an exponent after, is read
     * below */

    p = j->p;

    if (*p >= '1' && *p <= '9') {
        n = 0;

        for (e = p; e < j->end && e - p < 18
                    && *e >= '0' && *e <= '9'; e++)
        {
            n = n * 10 + (*e - '0');
        }

        if (e == j->end
            || ((*e < '0' || *e > '9') && *e != '.' && *e != 'e'
                && *e != 'E'))
        {
            *v = n;
            j->p = e;
            return 0;
        }
    }

    e = llm_jpull_scan_number(j, &real);
    if (e == NULL || real || llm_jpull_int64(j->p, e, v) != 0) {
        return -1;
    }

    j->p = e;
    return 0;
}


static int llm_jpull_real_slow(const unsigned char *s,
    const unsigned char *e, double *out);


/* A number as the reader's double; slow: strtod for a real the fast
 * conversion cannot read, else -1 for it. */
static int
llm_jpull_number_as(llm_jpull_t *j, double *d, int slow)
{
    int                   real;
    int64_t               v;
    const unsigned char  *e;

    if (llm_jpull_peek(j) != LLM_JPULL_NUMBER) {
        return -1;
    }

    e = llm_jpull_scan_number(j, &real);
    if (e == NULL) {
        return -1;
    }

    if (real) {
        if (llm_json_real_fast(j->p, e, d) != 0
            && (!slow || llm_jpull_real_slow(j->p, e, d) != 0))
        {
            return -1;
        }

    } else {
        if (llm_jpull_int64(j->p, e, &v) != 0) {
            return -1;
        }
        *d = (double) v;               /* json_number_value's conversion */
    }

    j->p = e;
    return 0;
}


int
llm_jpull_number(llm_jpull_t *j, double *d)
{
    return llm_jpull_number_as(j, d, 0);
}


int
llm_jpull_number_exact(llm_jpull_t *j, double *d)
{
    return llm_jpull_number_as(j, d, 1);
}


static int
llm_jpull_literal(llm_jpull_t *j, const char *lit, size_t n)
{
    if ((size_t) (j->end - j->p) < n || memcmp(j->p, lit, n) != 0) {
        return -1;
    }

    j->p += n;
    return 0;
}


int
llm_jpull_bool(llm_jpull_t *j, int *b)
{
    switch (llm_jpull_peek(j)) {
    case 't':
        *b = 1;
        return llm_jpull_literal(j, "true", 4);
    case 'f':
        *b = 0;
        return llm_jpull_literal(j, "false", 5);
    default:
        return -1;
    }
}


int
llm_jpull_end(llm_jpull_t *j)
{
    j->p = llm_json_ws(j->p, j->end);
    return j->p == j->end ? 0 : -1;
}


/*
 * The number most fields hold, read in one pass: a few digits, a
 * fraction perhaps, 15 digits in all at most, no sign, no exponent, and
 * something else after it within the bytes looked at.  Past it, with m
 * its digits as one integer and *frac how many are the fraction's (the
 * reader's fast conversion's m and -e10: the double is m / 10^frac, as
 * it computes it); NULL for any other, nothing read: the full scan
 * decides.
 */
static inline const unsigned char *llm_jpull_short_number(
    const unsigned char *p, const unsigned char *end, uint64_t *m,
    size_t *frac) __attribute__((always_inline));

static inline const unsigned char *
llm_jpull_short_number(const unsigned char *p, const unsigned char *end,
    uint64_t *m, size_t *frac)
{
    unsigned              c;
    uint64_t              v;
    const unsigned char  *q, *dot, *lim;

    lim = (end - p > 16) ? p + 16 : end;        /* 15 digits, a point */
    v = 0;
    dot = NULL;

    for (q = p; q < lim; q++) {
        c = (unsigned) *q - '0';

        if (c < 10) {
            v = v * 10 + c;
            continue;
        }

        if (*q != '.' || dot != NULL) {
            break;
        }

        dot = q;
    }

    /* (p is a digit; a second point is left to fail where it is) */
    if (q == lim || *q == 'e' || *q == 'E'
        || (dot != NULL && dot + 1 == q)          /* a digit after it */
        || (*p == '0' && q - p > 1 && p[1] != '.'))     /* leading 0 */
    {
        return NULL;
    }

    *m = v;
    *frac = dot ? (size_t) (q - dot - 1) : 0;
    return q;
}


/* null, or any other number than llm_jpull_short_number's (out of line:
 * its locals' addresses would cost the fast path a stack guard) */
static int __attribute__((noinline))
llm_jpull_opt_number_any(llm_jpull_t *j, double min, double max)
{
    double  d;

    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_jpull_number(j, &d) != 0 || d < min || d > max) {
        return -1;
    }

    return 0;
}


int
llm_jpull_opt_number(llm_jpull_t *j, double min, double max)
{
    double                d;
    size_t                frac;
    uint64_t              m;
    const unsigned char  *e;
    static const double   pow10[] = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15
    };

    if (j->p < j->end && (unsigned) *j->p - '0' < 10) {
        e = llm_jpull_short_number(j->p, j->end, &m, &frac);

        /* an integer as (double) int64, a real as the fast conversion
         * has it (which takes none where FLT_EVAL_METHOD is not 0) */
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
        if (e != NULL) {
#else
        if (e != NULL && frac == 0) {
#endif
            d = (double) m / pow10[frac];
            if (d < min || d > max) {
                return -1;
            }

            j->p = e;
            return 0;
        }
    }

    return llm_jpull_opt_number_any(j, min, max);
}


/* (as llm_jpull_opt_number_any) */
static int __attribute__((noinline))
llm_jpull_opt_int_any(llm_jpull_t *j, int64_t min, int64_t max)
{
    int64_t  v;

    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_jpull_int(j, &v) != 0 || v < min || v > max) {
        return -1;
    }

    return 0;
}


int
llm_jpull_opt_int(llm_jpull_t *j, int64_t min, int64_t max)
{
    size_t                frac;
    int64_t               v;
    uint64_t              m;
    const unsigned char  *e;

    if (j->p < j->end && (unsigned) *j->p - '0' < 10) {
        e = llm_jpull_short_number(j->p, j->end, &m, &frac);

        if (e != NULL && frac == 0) {
            v = (int64_t) m;
            if (v < min || v > max) {
                return -1;
            }

            j->p = e;
            return 0;
        }
    }

    return llm_jpull_opt_int_any(j, min, max);
}


int
llm_jpull_opt_bool(llm_jpull_t *j, int *b)
{
    if (llm_jpull_null(j)) {
        return 0;
    }

    return llm_jpull_bool(j, b);
}


int
llm_jpull_any_string(llm_jpull_t *j)
{
    int        escaped;
    llm_str_t  s;

    return llm_jpull_string(j, &s, &escaped);
}


int
llm_jpull_opt_object(llm_jpull_t *j)
{
    if (llm_jpull_null(j)) {
        return 0;
    }

    return llm_jpull_peek(j) == LLM_JPULL_OBJECT ? llm_jpull_skip(j) : -1;
}


int
llm_jpull_opt_array(llm_jpull_t *j, int (*each)(llm_jpull_t *j))
{
    int     rc;
    size_t  i;

    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    for (i = 0; (rc = llm_jpull_element(j, i)) == 1; i++) {
        if (each(j) != 0) {
            return -1;
        }
    }

    return rc;
}


int
llm_jpull_member_any(llm_jpull_t *j, size_t i, llm_str_t *key)
{
    if (j->p < j->end && *j->p == ',' && i) {
        j->p++;                         /* compact JSON: the usual case */
        goto key;
    }

    if (llm_jpull_peek(j) == 0 && j->p < j->end && *j->p == '}') {
        j->p++;
        return 0;
    }

    if (i) {
        if (j->p >= j->end || *j->p != ',') {
            return -1;
        }
        j->p++;
    }

key:

    if (llm_jpull_plain(j, key) != 0) {
        return -1;
    }

    if (j->p < j->end && *j->p == ':') {
        j->p++;
        return 1;
    }

    j->p = llm_json_ws(j->p, j->end);

    if (j->p >= j->end || *j->p != ':') {
        return -1;
    }

    j->p++;
    return 1;
}


int
llm_jpull_key_same(const llm_str_t *a, const llm_str_t *b)
{
    return memcmp(a->data, b->data, a->len) == 0;
}


/* A real the fast path cannot read, as the reader reads it (strtod,
 * which fails only on overflow): 0 with *d, or -1. */
static int
llm_jpull_real_slow(const unsigned char *s, const unsigned char *e,
    double *out)
{
    char    small[64], *buf;
    double  d;
    size_t  n;

    n = (size_t) (e - s);
    buf = (n < sizeof(small)) ? small : malloc(n + 1);
    if (buf == NULL) {
        return -1;
    }

    memcpy(buf, s, n);
    buf[n] = '\0';

    errno = 0;
    d = strtod(buf, NULL);

    if (buf != small) {
        free(buf);
    }

    if ((d == HUGE_VAL || d == -HUGE_VAL) && errno == ERANGE) {
        return -1;
    }

    *out = d;
    return 0;
}


/* A number or a literal, as the reader takes them (out of line: its
 * locals' addresses would cost every value skipped a stack guard) */
static int __attribute__((noinline))
llm_jpull_skip_scalar(llm_jpull_t *j)
{
    int                   b, real;
    double                d;
    int64_t               v;
    const unsigned char  *e;

    if (llm_jpull_peek(j) != LLM_JPULL_NUMBER) {
        return llm_jpull_bool(j, &b);
    }

    e = llm_jpull_scan_number(j, &real);
    if (e == NULL
        || (real ? llm_json_real_fast(j->p, e, &d) != 0
                   && llm_jpull_real_slow(j->p, e, &d) != 0
                 : llm_jpull_int64(j->p, e, &v) != 0))
    {
        return -1;
    }

    j->p = e;
    return 0;
}


/* A string from s (past its opening quote), as llm_jpull_string reads
 * it: past its closing quote (NULL when bad), escaped set when it has
 * any.  Inline: most of the skip's strings are such. */
static inline llm_jpull_rest_t
llm_jpull_skip_string(const unsigned char *s, const unsigned char *end)
{
    llm_jpull_rest_t      rest;
    const unsigned char  *q;
#ifdef __SSE2__
    unsigned              m;

    if (end - s >= 16) {
        m = (unsigned) llm_json_plain_mask16(
                           _mm_loadu_si128((const __m128i *)
                                           (const void *) s));
        q = s + (m ? __builtin_ctz(m) : 16);

        if (m != 0 && *q == '"') {
            rest.p = q + 1;
            rest.escaped = 0;
            return rest;
        }

        return llm_jpull_string_rest(q, end);
    }
#else
    q = llm_jpull_short(s, end);

    if (q != NULL) {
        rest.p = q + 1;
        rest.escaped = 0;
        return rest;
    }
#endif

    return llm_jpull_string_rest(s, end);
}


/*
 * The skip keeps the keys of the objects open, each object's in a run
 * from its first, to refuse a repeat as the reader does: a key is kept
 * as a pointer to its first byte (it has no quote, escaped keys being
 * refused: it ends at the first).  The first LLM_JPULL_SKIP_FEW keys of
 * an object are looked for among those before as they come, a bit of a
 * 64-bit mask per key's length and first and last bytes ruling out most
 * compares; any more are looked for when the object closes, sorted (n
 * log n, not n^2).  The runs are on the stack, on the heap past
 * LLM_JPULL_SKIP_LOCAL keys: no object has too many keys.
 */
#define LLM_JPULL_SKIP_FEW    64
#define LLM_JPULL_SKIP_LOCAL  256

typedef const unsigned char  *llm_jpull_key_t;

typedef struct {
    llm_jpull_key_t  *next;             /* the next key's place */
    llm_jpull_key_t  *first;            /* the innermost object's first */
    llm_jpull_key_t  *last;             /* past the room for keys */
    llm_jpull_key_t  *keys;
    uint64_t          hashes;           /* its first keys' bits */
    llm_jpull_key_t  *local;            /* the stack's room */
} llm_jpull_seen_t;

typedef struct {
    llm_jpull_key_t  *first;            /* the enclosing object's */
    uint64_t          hashes;
} llm_jpull_frame_t;


/* (a key's bit, from its length, its first byte and its last: s[0] and
 * s[len - 1] are an empty key's closing and opening quotes) */
#define llm_jpull_key_bit(s, len)                                            \
    ((uint64_t) 1 << (((len) ^ (s)[0] ^ (unsigned) (s)[(ptrdiff_t) (len) - 1] \
                       << 2) & 63))


/* 1 when the key of len bytes at s is one of the n at k: bytes alike,
 * and there a quote, which no key has in it.  0 in an object of more
 * than LLM_JPULL_SKIP_FEW keys, all looked at when it closes. */
static int __attribute__((noinline))
llm_jpull_key_seen(const llm_jpull_key_t *k, size_t n,
    const unsigned char *s, size_t len)
{
    size_t  i;

    if (n > LLM_JPULL_SKIP_FEW) {
        return 0;
    }

    /* (the keys before s: len bytes from each are below s + len) */

    for (i = 0; i < n; i++) {
        if (k[i][0] == s[0] && memcmp(k[i], s, len) == 0
            && k[i][len] == '"')
        {
            return 1;
        }
    }

    return 0;
}


static int
llm_jpull_key_cmp(const void *a, const void *b)
{
    const llm_str_t  *x = a, *y = b;

    if (x->len != y->len) {
        return x->len < y->len ? -1 : 1;
    }

    return memcmp(x->data, y->data, x->len);
}


/* 1 when two of the n keys at k are the same, or out of memory */
static int __attribute__((noinline))
llm_jpull_keys_repeat(const llm_jpull_key_t *k, size_t n)
{
    int                   rc;
    size_t                i;
    llm_str_t            *s;
    const unsigned char  *q;

    s = malloc(n * sizeof(llm_str_t));
    if (s == NULL) {
        return 1;
    }

    for (i = 0; i < n; i++) {
        for (q = k[i]; *q != '"'; q++) {
            /* void */
        }

        s[i].data = (const char *) k[i];
        s[i].len = (size_t) (q - k[i]);
    }

    qsort(s, n, sizeof(llm_str_t), llm_jpull_key_cmp);

    rc = 0;

    for (i = 1; i < n; i++) {
        if (llm_jpull_key_cmp(&s[i - 1], &s[i]) == 0) {
            rc = 1;
            break;
        }
    }

    free(s);
    return rc;
}


/* ks's room doubled, its keys kept, and the runs of the depth objects
 * and arrays open (kinds) in frames: 0, or -1 out of memory */
static int __attribute__((noinline))
llm_jpull_keys_grow(llm_jpull_seen_t *ks, llm_jpull_frame_t *frames,
    unsigned depth, uint64_t kinds)
{
    size_t            n, cap;
    unsigned          d;
    llm_jpull_key_t  *more;

    n = (size_t) (ks->next - ks->keys);
    cap = (size_t) (ks->last - ks->keys);

    more = malloc(2 * cap * sizeof(llm_jpull_key_t));
    if (more == NULL) {
        return -1;
    }

    memcpy(more, ks->keys, n * sizeof(llm_jpull_key_t));

    for (d = 0; d < depth; d++) {
        if ((kinds >> d) & 1) {
            frames[d].first = more + (frames[d].first - ks->keys);
        }
    }

    if (ks->keys != ks->local) {
        free(ks->keys);
    }

    ks->first = more + (ks->first - ks->keys);
    ks->next = more + n;
    ks->last = more + 2 * cap;
    ks->keys = more;

    return 0;
}


/* The key of len bytes at s, of the innermost object: 0 kept, or -1 (a
 * repeat, out of memory). */
static inline __attribute__((always_inline)) int
llm_jpull_key_add(llm_jpull_seen_t *ks, const unsigned char *s, size_t len,
    llm_jpull_frame_t *frames, unsigned depth, uint64_t kinds)
{
    uint64_t  bit;

    bit = llm_jpull_key_bit(s, len);

    if ((ks->hashes & bit)
        && llm_jpull_key_seen(ks->first, (size_t) (ks->next - ks->first),
                              s, len))
    {
        return -1;
    }

    ks->hashes |= bit;

    if (ks->next == ks->last
        && llm_jpull_keys_grow(ks, frames, depth, kinds) != 0)
    {
        return -1;
    }

    *ks->next++ = s;

    return 0;
}


/* The innermost container open is an object (a kind bit each, 1 for
 * an object, in kinds) */
#define llm_jpull_in_object(kinds, depth)  (((kinds) >> ((depth) - 1)) & 1)


#ifdef __SSE2__

/* The two bytes at p are a and b: one load and compare */
static inline __attribute__((always_inline)) int
llm_jpull_two(const unsigned char *p, unsigned a, unsigned b)
{
    uint16_t  x;

    memcpy(&x, p, 2);

#if LLM_JSON_LITTLE_ENDIAN
    return x == (uint16_t) (a | b << 8);
#else
    return x == (uint16_t) (a << 8 | b);
#endif
}


/* The bytes a compact member needs from its key's quote on, read with
 * no test of the end (llm_jpull_skip_nested) */
#define LLM_JPULL_SKIP_ROOM  40

#endif


/*
 * An object or an array at j, all it holds, in one loop: no call a
 * value, no frame an object.  What compact JSON has at each place is
 * tested for first, white space after.  The kind of each container
 * open is a bit of kinds (1: an object).
 */
static int __attribute__((noinline))
llm_jpull_skip_nested(llm_jpull_t *j)
{
    int                   rc;
    uint64_t              kinds;
    unsigned              depth;
    llm_jpull_t           v;
    llm_jpull_seen_t      ks;
    llm_jpull_rest_t      rest;
    const unsigned char  *p, *end, *s, *q;
#ifdef __SSE2__
    unsigned              m;
    const unsigned char  *room;
#endif
    llm_jpull_frame_t     frames[LLM_JPULL_DEPTH];
    llm_jpull_key_t       local[LLM_JPULL_SKIP_LOCAL];

    p = j->p;
    end = j->end;

#ifdef __SSE2__
    /* below room, LLM_JPULL_SKIP_ROOM bytes and more to the end (none
     * is below p when the text is shorter) */
    room = (end - p > LLM_JPULL_SKIP_ROOM)
           ? end - LLM_JPULL_SKIP_ROOM + 1 : p;
#endif

    depth = 0;
    kinds = 0;
    ks.keys = local;
    ks.local = local;
    ks.next = local;
    ks.first = local;
    ks.last = local + LLM_JPULL_SKIP_LOCAL;
    ks.hashes = 0;
    rc = -1;

value:

    if (p >= end) {
        goto done;
    }

    if (*p == '"') {
        rest = llm_jpull_skip_string(p + 1, end);
        if (rest.p == NULL) {
            goto done;
        }
        p = rest.p;
        goto next;
    }

    if (*p == '{') {
        goto object;
    }

    switch (*p) {

    case '[':
        if (depth == LLM_JPULL_DEPTH) {
            goto done;
        }

        kinds &= ~((uint64_t) 1 << depth);
        depth++;
        p = llm_json_ws(p + 1, end);

        if (p < end && *p == ']') {
            p++;
            goto pop;
        }

        goto value;

    case '1': case '2': case '3': case '4': case '5':
    case '6': case '7': case '8': case '9':
        /* an integer of up to 18 digits fits int64: most numbers */
        q = (end - p > 18) ? p + 18 : end;

        for (s = p + 1; s < q && (unsigned) *s - '0' < 10; s++) {
            /* void */
        }

        if (s == end
            || ((unsigned) *s - '0' >= 10 && *s != '.' && (*s | 0x20) != 'e'))
        {
            p = s;
            goto next;
        }

        goto number;

    case '0':
        if (end - p < 2 || (p[1] != '.' && (p[1] | 0x20) != 'e')) {
            p++;                        /* a digit after: refused next */
            goto next;
        }

        goto number;

    case '-':
        goto number;

    case 't':
        if (end - p < 4 || memcmp(p, "true", 4) != 0) {
            goto done;
        }
        p += 4;
        goto next;

    case 'f':
        if (end - p < 5 || memcmp(p, "false", 5) != 0) {
            goto done;
        }
        p += 5;
        goto next;

    case 'n':
        if (end - p < 4 || memcmp(p, "null", 4) != 0) {
            goto done;
        }
        p += 4;
        goto next;

    case ' ': case '\t': case '\n': case '\r':
        p = llm_json_ws(p, end);
        goto value;

    default:
        goto done;
    }

number:

    /* any other number, as llm_jpull_skip reads one alone */
    v.p = p;
    v.end = end;

    if (llm_jpull_skip_scalar(&v) != 0) {
        goto done;
    }

    p = v.p;

next:

    /* past a value: the next member or element, or the container's end */

    if (p < end && *p == ',') {
        p++;
        goto more;
    }

    p = llm_json_ws(p, end);

    if (p >= end) {
        goto done;
    }

    if (*p == ',') {
        p++;
        goto more;
    }

    if (*p != (llm_jpull_in_object(kinds, depth) ? '}' : ']')) {
        goto done;
    }

    p++;

    if (p[-1] == '}') {
        goto close;
    }

    goto pop;

more:

    /* past a ',' */

    if (!llm_jpull_in_object(kinds, depth)) {
        goto value;
    }

    if (p < end && *p == '"') {
        goto member;
    }

    goto key;

object:

    /* p at a '{' */

    if (depth == LLM_JPULL_DEPTH) {
        goto done;
    }

    frames[depth].first = ks.first;
    frames[depth].hashes = ks.hashes;
    kinds |= (uint64_t) 1 << depth;
    depth++;
    ks.first = ks.next;
    ks.hashes = 0;
    p++;

    if (p < end && *p == '"') {
        goto member;
    }

    p = llm_json_ws(p, end);

    if (p < end && *p == '}') {
        p++;
        goto close;
    }

    goto key;

member:

    /* p at a key's opening quote */

#ifdef __SSE2__
    /*
     * The common member, "key":"value" or "key": and another value,
     * compact and far enough from the end that no read below needs its
     * test (all are within LLM_JPULL_SKIP_ROOM bytes of p): a short
     * plain key from one load, a short plain string from another, then
     * the next such member, or the ends of the objects it ends, each
     * popped here while closed would do no more.  An object opened by
     * such a key is pushed here too.  Anything else is left to the
     * general path, from where it went on.
     */

    if (p >= room) {
        goto key;
    }

    s = p + 1;
    m = (unsigned) llm_json_plain_mask16(
                       _mm_loadu_si128((const __m128i *) (const void *) s));
    q = s + __builtin_ctz(m | 0x10000);

    if (!llm_jpull_two(q, '"', ':')) {
        goto key;
    }

    if (llm_jpull_key_add(&ks, s, (size_t) (q - s), frames, depth,
                          kinds)
        != 0) {
        goto done;
    }

    p = q + 2;

    if (*p != '"') {
        if (llm_jpull_two(p, '{', '"') && depth < LLM_JPULL_DEPTH) {
            frames[depth].first = ks.first;
            frames[depth].hashes = ks.hashes;
            kinds |= (uint64_t) 1 << depth;
            depth++;
            ks.first = ks.next;
            ks.hashes = 0;
            p++;
            goto member;
        }

        if (llm_jpull_two(p, '[', '"') && depth < LLM_JPULL_DEPTH) {
            /* a list of short plain strings (a schema's "required",
             * "enum"): pushed, and walked here while below room */
            kinds &= ~((uint64_t) 1 << depth);
            depth++;
            p++;

            while (p < room && *p == '"') {
                m = (unsigned) llm_json_plain_mask16(
                                   _mm_loadu_si128((const __m128i *)
                                                   (const void *) (p + 1)));
                q = p + 1 + __builtin_ctz(m | 0x10000);

                if (*q != '"') {
                    break;
                }

                p = q + 1;

                if (*p == ',') {
                    p++;
                    continue;
                }

                if (*p != ']') {
                    goto next;
                }

                p++;
                depth--;

                if (p < room) {
                    goto shut;
                }

                goto next;
            }
        }

        goto value;
    }

    m = (unsigned) llm_json_plain_mask16(
                       _mm_loadu_si128((const __m128i *)
                                       (const void *) (p + 1)));
    q = p + 1 + __builtin_ctz(m | 0x10000);

    if (*q == '"') {
        p = q + 1;

    } else {
        /* q: its first stop, or past 16 plain bytes */
        rest = llm_jpull_string_rest(q, end);
        if (rest.p == NULL) {
            goto done;
        }

        p = rest.p;

        if (p >= room) {
            goto next;
        }
    }

shut:

    /* p below room, past a member's value */

    if (llm_jpull_two(p, ',', '"')) {
        p++;
        goto member;
    }

    if (p[0] != '}' || ks.next - ks.first > LLM_JPULL_SKIP_FEW) {
        goto next;
    }

    p++;
    ks.next = ks.first;
    ks.first = frames[depth - 1].first;
    ks.hashes = frames[depth - 1].hashes;
    depth--;

    if (depth == 0) {
        goto taken;
    }

    if (llm_jpull_in_object(kinds, depth) && p < room) {
        goto shut;
    }

    goto next;
#endif

key:

    /* any key: escaped keys are the parse's */

    if (p >= end || *p != '"') {
        p = llm_json_ws(p, end);

        if (p >= end || *p != '"') {
            goto done;
        }
    }

    s = p + 1;
    rest = llm_jpull_skip_string(s, end);

    if (rest.p == NULL || rest.escaped) {
        goto done;
    }

    p = rest.p;

    if (llm_jpull_key_add(&ks, s, (size_t) (p - 1 - s), frames, depth, kinds)
        != 0) {
        goto done;
    }

    if (p >= end || *p != ':') {
        p = llm_json_ws(p, end);

        if (p >= end || *p != ':') {
            goto done;
        }
    }

    p++;
    goto value;

close:

    /* past an object's '}': its keys past the first FEW looked at, all
     * dropped; the enclosing object's again */

    if (ks.next - ks.first > LLM_JPULL_SKIP_FEW
        && llm_jpull_keys_repeat(ks.first, (size_t) (ks.next - ks.first)))
    {
        goto done;
    }

    ks.next = ks.first;
    ks.first = frames[depth - 1].first;
    ks.hashes = frames[depth - 1].hashes;

pop:

    /* past a container's end: the enclosing one's */

    depth--;

    if (depth == 0) {
        goto taken;
    }

    goto next;

taken:

    j->p = p;
    rc = 0;

done:

    if (ks.keys != local) {
        free(ks.keys);
    }

    return rc;
}


int
llm_jpull_checked(llm_jpull_t *j, unsigned verdict,
    int (*check)(llm_jpull_t *j))
{
    size_t                n;
    const unsigned char  *start;

    start = j->p;

    if (j->p == j->end || (*j->p != '[' && *j->p != '{')) {
        return check(j);
    }

    n = llm_json_memo_find(verdict, (const char *) j->p,
                           (size_t) (j->end - j->p), NULL);
    if (n) {
        j->p += n;
        return 0;
    }

    if (check(j) != 0) {
        return -1;
    }

    /* kept when the check ended where the value does (its last byte a
     * bracket), the bytes after it unread */

    if (j->p[-1] == ']' || j->p[-1] == '}') {
        llm_json_memo_keep(verdict, (const char *) start,
                           (size_t) (j->p - start), 0);
    }

    return 0;
}


int
llm_jpull_skip(llm_jpull_t *j)
{
    int        escaped;
    llm_str_t  s;

    switch (llm_jpull_peek(j)) {

    case LLM_JPULL_STRING:
        return llm_jpull_string(j, &s, &escaped);

    case LLM_JPULL_NUMBER:
    case LLM_JPULL_TRUE:
    case LLM_JPULL_FALSE:
        return llm_jpull_skip_scalar(j);

    case LLM_JPULL_NULL:
        return llm_jpull_null(j) ? 0 : -1;

    case LLM_JPULL_OBJECT:
    case LLM_JPULL_ARRAY:
        /* a large value skipped before, as the same bytes, is not read
         * again (llm_json_memo.h) */
        return llm_jpull_checked(j, LLM_JSON_MEMO_SKIP,
                                 llm_jpull_skip_nested);

    default:
        return -1;
    }
}
