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


static int llm_jpull_skip_value(llm_jpull_t *j, int depth);
static int llm_jpull_skip_object(llm_jpull_t *j, int depth)
    __attribute__((noinline));


/* A member's or an element's value: a string, the most common, read
 * without a call, and an object with one. */
static inline int
llm_jpull_skip_in(llm_jpull_t *j, int depth)
{
    int        escaped;
    llm_str_t  s;

    if (j->p < j->end) {
        if (*j->p == '"') {
            return llm_jpull_string(j, &s, &escaped);
        }

        if (*j->p == '{' && depth < LLM_JPULL_DEPTH) {
            j->p++;
            return llm_jpull_skip_object(j, depth);
        }
    }

    return llm_jpull_skip_value(j, depth);
}


/* The object open at depth (its key set in a frame of its own, not in
 * every value's). */
static int
llm_jpull_skip_object(llm_jpull_t *j, int depth)
{
    int               rc;
    size_t            i;
    llm_str_t         s;
    llm_jpull_keys_t  ks;

    llm_jpull_keys_init(&ks);

    for (i = 0; (rc = llm_jpull_member_new(j, i, &s, &ks)) == 1; i++) {
        if (llm_jpull_skip_in(j, depth + 1) != 0) {
            return -1;
        }
    }

    return rc;
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


static int
llm_jpull_skip_value(llm_jpull_t *j, int depth)
{
    int        rc, escaped;
    size_t     i;
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
        if (depth >= LLM_JPULL_DEPTH) {
            return -1;
        }
        j->p++;
        return llm_jpull_skip_object(j, depth);

    case LLM_JPULL_ARRAY:
        if (depth >= LLM_JPULL_DEPTH) {
            return -1;
        }
        j->p++;
        for (i = 0; (rc = llm_jpull_element(j, i)) == 1; i++) {
            if (llm_jpull_skip_in(j, depth + 1) != 0) {
                return -1;
            }
        }
        return rc;

    default:
        return -1;
    }
}


int
llm_jpull_skip(llm_jpull_t *j)
{
    return llm_jpull_skip_value(j, 0);
}
