/*
 * JSON text to a jansson document in one pass over contiguous memory;
 * see llm_json.h.  Acceptance mirrors jansson 2.14's json_loadb: RFC 8259
 * syntax, UTF-8 checked inside strings, no "\u0000" or NUL in keys
 * without JSON_ALLOW_NUL, integers within json_int_t, reals that do not
 * overflow, at most JSON_PARSER_MAX_DEPTH nested values (scalars count).
 */

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llm_json.h"


#if !JSON_INTEGER_IS_LONG_LONG
#error "json_int_t is expected to be long long"
#endif


#define LLM_JR_MAX_DEPTH  JSON_PARSER_MAX_DEPTH
#define LLM_JR_STACK_BUF  512


typedef struct {
    const unsigned char  *p;
    const unsigned char  *end;
    const unsigned char  *start;
    size_t                flags;
    int                   depth;

    /* escaped strings are decoded here before jansson copies them */
    char                 *tmp;
    size_t                tmp_cap;
    char                 *tmp_heap;

    const char           *msg;
    const unsigned char  *msg_at;
    char                  msg_buf[80];
} llm_jr_t;


/* printable ASCII but the quote and the backslash */
const unsigned char  llm_json_plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
    /* 0x80 and above: 0, checked as UTF-8 */
};


static json_t *llm_jr_value(llm_jr_t *r);



static json_t *
llm_jr_fail(llm_jr_t *r, const unsigned char *at, const char *msg)
{
    /* the first error is the one reported */
    if (r->msg == NULL) {
        r->msg = msg;
        r->msg_at = at;
    }

    return NULL;
}


size_t
llm_json_utf8_len(const unsigned char *p, const unsigned char *end)
{
    size_t        n, i;
    unsigned int  cp;

    if (p[0] >= 0xc2 && p[0] <= 0xdf) {
        n = 2;
        cp = p[0] & 0x1f;

    } else if (p[0] >= 0xe0 && p[0] <= 0xef) {
        n = 3;
        cp = p[0] & 0x0f;

    } else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
        n = 4;
        cp = p[0] & 0x07;

    } else {
        return 0;
    }

    if ((size_t) (end - p) < n) {
        return 0;
    }

    for (i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (p[i] & 0x3f);
    }

    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)
        || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
    {
        return 0;
    }

    return n;
}


static int
llm_jr_hex4(const unsigned char *p, unsigned int *out)
{
    int           i;
    unsigned int  v, d;

    v = 0;

    for (i = 0; i < 4; i++) {
        if (p[i] >= '0' && p[i] <= '9') {
            d = p[i] - '0';
        } else if (p[i] >= 'a' && p[i] <= 'f') {
            d = p[i] - 'a' + 10;
        } else if (p[i] >= 'A' && p[i] <= 'F') {
            d = p[i] - 'A' + 10;
        } else {
            return -1;
        }
        v = (v << 4) | d;
    }

    *out = v;
    return 0;
}


/* Room for need bytes in r->tmp, keeping its first keep bytes. */
static int
llm_jr_tmp_reserve(llm_jr_t *r, size_t need, size_t keep)
{
    char    *p;
    size_t   cap;

    if (need <= r->tmp_cap) {
        return 0;
    }

    cap = r->tmp_cap * 2;
    if (cap < need) {
        cap = need;
    }

    p = realloc(r->tmp_heap, cap);
    if (p == NULL) {
        return -1;
    }

    /* realloc keeps a heap buffer's bytes, not the stack buffer's */
    if (r->tmp_heap == NULL) {
        memcpy(p, r->tmp, keep);
    }

    r->tmp = r->tmp_heap = p;
    r->tmp_cap = cap;
    return 0;
}


/* The most one step of the decoding below writes: a word of plain bytes
 * (all eight are stored, whatever counts), and after up to seven of them
 * what one escape or UTF-8 sequence decodes to (4 bytes at most). */
#define LLM_JR_STEP  (8 + 4)


/*
 * A string's contents starting after its opening quote, whose first
 * escape is at r->p: decodes the whole string into r->tmp.  On return
 * r->p is past the closing quote.
 */
static int __attribute__((noinline))
llm_jr_unescape(llm_jr_t *r, const unsigned char *s, size_t *len)
{
    size_t                n;
    uint64_t              x, m;
    unsigned int          cp, lo;
    const unsigned char  *p, *at;
    unsigned char        *o, *oend;

    /* what the caller scanned: plain bytes and valid UTF-8 */
    n = (size_t) (r->p - s);

    if (llm_jr_tmp_reserve(r, n + LLM_JR_STEP, 0) != 0) {
        llm_jr_fail(r, r->p, "out of memory");
        return -1;
    }

    memcpy(r->tmp, s, n);
    o = (unsigned char *) r->tmp + n;
    oend = (unsigned char *) r->tmp + r->tmp_cap;
    p = r->p;

    for ( ;; ) {
        /* the buffer grows as the string is decoded: no pass ahead to
         * size it */
        if ((size_t) (oend - o) < LLM_JR_STEP) {
            n = (size_t) (o - (unsigned char *) r->tmp);
            if (llm_jr_tmp_reserve(r, n + LLM_JR_STEP, n) != 0) {
                llm_jr_fail(r, p, "out of memory");
                return -1;
            }
            o = (unsigned char *) r->tmp + n;
            oend = (unsigned char *) r->tmp + r->tmp_cap;
        }

        /* plain bytes are copied as they are scanned, a word at a time:
         * escaped strings are mostly short runs between escapes, a
         * memcpy call per run would cost more than the copy */
        if (r->end - p >= 8) {
            memcpy(&x, p, 8);
            memcpy(o, &x, 8);
            m = llm_json_plain_mask(x);
            if (m == 0) {
                o += 8;
                p += 8;
                continue;
            }
#if LLM_JSON_LITTLE_ENDIAN
            n = llm_json_plain_bytes(m);
            o += n;
            p += n;
#endif
        }

        if (p >= r->end) {
            llm_jr_fail(r, p, "premature end of input in a string");
            return -1;
        }

        /* in escape-heavy strings the byte here is mostly a backslash */
        if (*p != '\\') {
            if (*p == '"') {
                break;
            }

            /* near the end of the input (or big-endian): one at a time */
            if (llm_json_plain[*p]) {
                *o++ = *p++;
                continue;
            }

            if (*p >= 0x80) {
                n = llm_json_utf8_len(p, r->end);
                if (n == 0) {
                    llm_jr_fail(r, p, "invalid UTF-8 in a string");
                    return -1;
                }
                while (n--) {
                    *o++ = *p++;
                }
                continue;
            }

            llm_jr_fail(r, p, "control character in a string");
            return -1;
        }

        /* a backslash */
        at = p++;

        if (p >= r->end) {
            llm_jr_fail(r, p, "premature end of input in a string");
            return -1;
        }

        switch (*p++) {
        case '"': *o++ = '"'; continue;
        case '\\': *o++ = '\\'; continue;
        case '/': *o++ = '/'; continue;
        case 'b': *o++ = '\b'; continue;
        case 'f': *o++ = '\f'; continue;
        case 'n': *o++ = '\n'; continue;
        case 'r': *o++ = '\r'; continue;
        case 't': *o++ = '\t'; continue;
        case 'u': break;
        default:
            llm_jr_fail(r, at, "invalid escape in a string");
            return -1;
        }

        if (r->end - p < 4 || llm_jr_hex4(p, &cp) != 0) {
            llm_jr_fail(r, at, "invalid \\u escape in a string");
            return -1;
        }
        p += 4;

        if (cp >= 0xd800 && cp <= 0xdbff) {
            /* a high surrogate needs its low half */
            if (r->end - p < 6 || p[0] != '\\' || p[1] != 'u'
                || llm_jr_hex4(p + 2, &lo) != 0
                || lo < 0xdc00 || lo > 0xdfff)
            {
                llm_jr_fail(r, at, "invalid Unicode surrogate in a string");
                return -1;
            }
            p += 6;
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);

        } else if (cp >= 0xdc00 && cp <= 0xdfff) {
            llm_jr_fail(r, at, "invalid Unicode surrogate in a string");
            return -1;

        } else if (cp == 0 && !(r->flags & JSON_ALLOW_NUL)) {
            llm_jr_fail(r, at, "\\u0000 is not allowed in a string");
            return -1;
        }

        o = llm_json_utf8_put(o, cp);
    }

    r->p = p + 1;
    *len = (size_t) (o - (unsigned char *) r->tmp);
    return 0;
}


/*
 * The string at r->p (its opening quote).  *out points into the input
 * when the string has no escapes, into r->tmp otherwise (valid until the
 * next string).
 */
static int
llm_jr_string(llm_jr_t *r, const char **out, size_t *len)
{
    size_t                n;
    const unsigned char  *s, *p;

    s = ++r->p;
    p = s;

    for ( ;; ) {
        p = llm_json_plain_run(p, r->end);

        if (p >= r->end) {
            llm_jr_fail(r, p, "premature end of input in a string");
            return -1;
        }

        if (*p == '"') {
            *out = (const char *) s;
            *len = (size_t) (p - s);
            r->p = p + 1;
            return 0;
        }

        if (*p >= 0x80) {
            n = llm_json_utf8_len(p, r->end);
            if (n == 0) {
                llm_jr_fail(r, p, "invalid UTF-8 in a string");
                return -1;
            }
            p += n;
            continue;
        }

        if (*p == '\\') {
            r->p = p;
            if (llm_jr_unescape(r, s, len) != 0) {
                return -1;
            }
            *out = r->tmp;
            return 0;
        }

        llm_jr_fail(r, p, "control character in a string");
        return -1;
    }
}


/*
 * Clinger's fast path for a real the caller has checked (llm_json.h):
 * with at most 15 significant digits the mantissa is an exact double, and
 * with a decimal exponent within +-22 so is the power of ten; one IEEE
 * multiplication or
 * division then rounds the exact value once, to the double strtod would
 * give.  0 with *out set, or -1: strtod must decide.  (Only where doubles
 * are evaluated as doubles, not in x87 registers.)
 */
int
llm_json_real_fast(const unsigned char *p, const unsigned char *end,
    double *out)
{
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
    int            neg, eneg, sig;
    long           e10, ex;
    double         d;
    uint64_t       m;
    static const double  pow10[] = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };

    neg = (*p == '-');
    p += neg;

    m = 0;
    sig = 0;
    e10 = 0;

    for ( /* void */ ; p < end && *p >= '0' && *p <= '9'; p++) {
        if (m || *p != '0') {
            if (++sig > 15) {
                return -1;
            }
            m = m * 10 + (uint64_t) (*p - '0');
        }
    }

    if (p < end && *p == '.') {
        for (p++; p < end && *p >= '0' && *p <= '9'; p++) {
            if (m || *p != '0') {
                if (++sig > 15) {
                    return -1;
                }
                m = m * 10 + (uint64_t) (*p - '0');
            }
            e10--;
        }
    }

    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        eneg = (*p == '-');
        p += (*p == '-' || *p == '+');

        for (ex = 0; p < end && *p >= '0' && *p <= '9'; p++) {
            if (ex > 100000) {
                return -1;
            }
            ex = ex * 10 + (*p - '0');
        }

        e10 += eneg ? -ex : ex;
    }

    if (m == 0) {
        *out = neg ? -0.0 : 0.0;
        return 0;
    }

    if (e10 < -22 || e10 > 22) {
        return -1;
    }

    d = (double) m;
    d = e10 < 0 ? d / pow10[-e10] : d * pow10[e10];
    *out = neg ? -d : d;
    return 0;
#else
    (void) p;
    (void) end;
    (void) out;
    return -1;
#endif
}


static json_t *
llm_jr_number(llm_jr_t *r)
{
    int                   neg, real;
    char                  small[64], *buf;
    double                d;
    json_t               *j;
    json_int_t            iv;
    unsigned long long    v, limit;
    const unsigned char  *s, *digits;

    s = r->p;
    neg = (*r->p == '-');
    if (neg) {
        r->p++;
    }

    digits = r->p;

    if (r->p < r->end && *r->p == '0') {
        r->p++;
        if (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
            return llm_jr_fail(r, s, "invalid token");
        }

    } else if (r->p < r->end && *r->p >= '1' && *r->p <= '9') {
        while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
            r->p++;
        }

    } else {
        return llm_jr_fail(r, s, "invalid token");
    }

    real = 0;

    if (r->p < r->end && *r->p == '.') {
        r->p++;
        if (r->p >= r->end || *r->p < '0' || *r->p > '9') {
            return llm_jr_fail(r, s, "invalid token");
        }
        while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
            r->p++;
        }
        real = 1;
    }

    if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
        r->p++;
        if (r->p < r->end && (*r->p == '+' || *r->p == '-')) {
            r->p++;
        }
        if (r->p >= r->end || *r->p < '0' || *r->p > '9') {
            return llm_jr_fail(r, s, "invalid token");
        }
        while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
            r->p++;
        }
        real = 1;
    }

    if (!real) {
        limit = neg ? (unsigned long long) LLONG_MAX + 1
                    : (unsigned long long) LLONG_MAX;
        v = 0;

        for ( /* void */ ; digits < r->p; digits++) {
            if (v > (limit - (unsigned) (*digits - '0')) / 10) {
                return llm_jr_fail(r, s, neg ? "too big negative integer"
                                             : "too big integer");
            }
            v = v * 10 + (unsigned) (*digits - '0');
        }

        if (neg) {
            iv = v ? -(json_int_t) (v - 1) - 1 : 0;
        } else {
            iv = (json_int_t) v;
        }

        j = json_integer(iv);
        return j ? j : llm_jr_fail(r, s, "out of memory");
    }

    if (llm_json_real_fast(s, r->p, &d) == 0) {
        j = json_real(d);
        return j ? j : llm_jr_fail(r, s, "out of memory");
    }

    /* strtod needs a terminated copy */
    buf = small;
    if ((size_t) (r->p - s) >= sizeof(small)) {
        buf = malloc((size_t) (r->p - s) + 1);
        if (buf == NULL) {
            return llm_jr_fail(r, s, "out of memory");
        }
    }

    memcpy(buf, s, (size_t) (r->p - s));
    buf[r->p - s] = '\0';

    errno = 0;
    d = strtod(buf, NULL);

    if (buf != small) {
        free(buf);
    }

    if ((d == HUGE_VAL || d == -HUGE_VAL) && errno == ERANGE) {
        return llm_jr_fail(r, s, "real number overflow");
    }

    j = json_real(d);
    return j ? j : llm_jr_fail(r, s, "out of memory");
}


static json_t *
llm_jr_literal(llm_jr_t *r, const char *lit, size_t n, json_t *v)
{
    if ((size_t) (r->end - r->p) < n || memcmp(r->p, lit, n) != 0) {
        return llm_jr_fail(r, r->p, "invalid token");
    }

    r->p += n;
    return v;
}


/* Past a container's opening bracket and the white space after it: 1
 * when the container is empty (and then past its closing bracket). */
static int
llm_jr_open(llm_jr_t *r, unsigned char close)
{
    r->p = llm_json_ws(r->p + 1, r->end);

    if (r->p < r->end && *r->p == close) {
        r->p++;
        return 1;
    }

    return 0;
}


/* After a member of a container: 1 when a ',' follows (skipped, with the
 * white space after it), 0 when the container closes, -1 on an error. */
static int
llm_jr_next(llm_jr_t *r, unsigned char close)
{
    r->p = llm_json_ws(r->p, r->end);

    if (r->p < r->end && *r->p == ',') {
        r->p = llm_json_ws(r->p + 1, r->end);
        return 1;
    }

    if (r->p < r->end && *r->p == close) {
        r->p++;
        return 0;
    }

    llm_jr_fail(r, r->p, r->p >= r->end ? "premature end of input"
                         : close == ']' ? "',' or ']' expected"
                         : "',' or '}' expected");
    return -1;
}


static json_t *
llm_jr_array(llm_jr_t *r)
{
    json_t  *a, *v;

    a = json_array();
    if (a == NULL) {
        return llm_jr_fail(r, r->p, "out of memory");
    }

    if (llm_jr_open(r, ']')) {
        return a;
    }

    for ( ;; ) {
        v = llm_jr_value(r);
        if (v == NULL || json_array_append_new(a, v) != 0) {
            json_decref(a);
            return llm_jr_fail(r, r->p, "out of memory");
        }

        switch (llm_jr_next(r, ']')) {
        case 1:
            continue;
        case 0:
            return a;
        default:
            json_decref(a);
            return NULL;
        }
    }
}


static json_t *
llm_jr_object(llm_jr_t *r)
{
    char                 *kcopy;
    json_t               *o, *v;
    size_t                klen, members;
    const char           *key;
    const unsigned char  *kat;

    members = 0;

    o = json_object();
    if (o == NULL) {
        return llm_jr_fail(r, r->p, "out of memory");
    }

    if (llm_jr_open(r, '}')) {
        return o;
    }

    for ( ;; ) {
        if (r->p >= r->end || *r->p != '"') {
            json_decref(o);
            return llm_jr_fail(r, r->p, r->p < r->end ? "string expected"
                                        : "premature end of input");
        }

        kat = r->p;
        if (llm_jr_string(r, &key, &klen) != 0) {
            json_decref(o);
            return NULL;
        }

        /* a decoded key lives in r->tmp, which the value may reuse; only
         * a decoded key can hold a NUL (a raw one is a control byte) */
        kcopy = NULL;
        if (key == r->tmp) {
            if (memchr(key, '\0', klen) != NULL) {
                json_decref(o);
                return llm_jr_fail(r, kat, "NUL byte in object key not "
                                           "supported");
            }

            kcopy = malloc(klen + 1);
            if (kcopy == NULL) {
                json_decref(o);
                return llm_jr_fail(r, kat, "out of memory");
            }
            memcpy(kcopy, key, klen);
            key = kcopy;
        }

        r->p = llm_json_ws(r->p, r->end);

        if (r->p >= r->end || *r->p != ':') {
            free(kcopy);
            json_decref(o);
            return llm_jr_fail(r, r->p, r->p < r->end ? "':' expected"
                                        : "premature end of input");
        }
        r->p++;

        v = llm_jr_value(r);
        if (v == NULL) {
            free(kcopy);
            json_decref(o);
            return NULL;
        }

        if (json_object_setn_new_nocheck(o, key, klen, v) != 0) {
            free(kcopy);
            json_decref(o);
            return llm_jr_fail(r, kat, "out of memory");
        }

        if (kcopy != NULL) {
            free(kcopy);
        }
        members++;

        /* a repeated key replaces a member: the object did not grow */
        if ((r->flags & JSON_REJECT_DUPLICATES)
            && json_object_size(o) != members)
        {
            json_decref(o);
            return llm_jr_fail(r, kat, "duplicate object key");
        }

        switch (llm_jr_next(r, '}')) {
        case 1:
            continue;
        case 0:
            return o;
        default:
            json_decref(o);
            return NULL;
        }
    }
}


static json_t *
llm_jr_value(llm_jr_t *r)
{
    json_t      *v;
    size_t       len;
    const char  *s;

    r->p = llm_json_ws(r->p, r->end);

    if (r->p >= r->end) {
        return llm_jr_fail(r, r->p, "premature end of input");
    }

    /* as jansson, every value counts, scalars too */
    if (++r->depth > LLM_JR_MAX_DEPTH) {
        return llm_jr_fail(r, r->p, "maximum parsing depth reached");
    }

    switch (*r->p) {

    case '{':
        v = llm_jr_object(r);
        break;

    case '[':
        v = llm_jr_array(r);
        break;

    case '"':
        if (llm_jr_string(r, &s, &len) != 0) {
            return NULL;
        }
        v = json_stringn_nocheck(s, len);
        if (v == NULL) {
            return llm_jr_fail(r, r->p, "out of memory");
        }
        break;

    case 't':
        v = llm_jr_literal(r, "true", 4, json_true());
        break;

    case 'f':
        v = llm_jr_literal(r, "false", 5, json_false());
        break;

    case 'n':
        v = llm_jr_literal(r, "null", 4, json_null());
        break;

    default:
        if (*r->p == '-' || (*r->p >= '0' && *r->p <= '9')) {
            v = llm_jr_number(r);
        } else {
            v = llm_jr_fail(r, r->p, "invalid token");
        }
    }

    r->depth--;
    return v;
}


static void
llm_jr_error(llm_jr_t *r, json_error_t *err)
{
    int                   line, column;
    const unsigned char  *p;

    if (err == NULL) {
        return;
    }

    /* where the offending token starts, columns counted in characters
     * from 1 (jansson reports where its reading stopped) */
    line = 1;
    column = 1;

    for (p = r->start; p < r->msg_at; p++) {
        if (*p == '\n') {
            line++;
            column = 1;

        } else if ((*p & 0xc0) != 0x80) {
            column++;
        }
    }

    err->line = line;
    err->column = column;
    err->position = (int) (r->msg_at - r->start);
    snprintf(err->source, sizeof(err->source), "<buffer>");
    snprintf(err->text, sizeof(err->text), "%s", r->msg);
}


/* The reader over buf, depth values deep, read by one value (whole
 * document: with its checks as the flags say) */
static json_t *
llm_jr_load(const char *buf, size_t len, size_t flags, int depth,
    json_error_t *err, size_t *used)
{
    char       stack[LLM_JR_STACK_BUF];
    json_t    *j;
    llm_jr_t   r;

    r.start = (const unsigned char *) buf;
    r.p = r.start;
    r.end = r.start + len;
    r.flags = flags;
    r.depth = depth;
    r.tmp = stack;
    r.tmp_cap = sizeof(stack);
    r.tmp_heap = NULL;
    r.msg = NULL;
    r.msg_at = r.start;

    if (buf == NULL) {
        r.end = r.start;
    }

    r.p = llm_json_ws(r.p, r.end);

    if (!(flags & JSON_DECODE_ANY)
        && (r.p >= r.end || (*r.p != '[' && *r.p != '{')))
    {
        j = llm_jr_fail(&r, r.p, r.p < r.end ? "'[' or '{' expected"
                                 : "premature end of input");

    } else {
        j = llm_jr_value(&r);
    }

    if (j && !(flags & JSON_DISABLE_EOF_CHECK)) {
        r.p = llm_json_ws(r.p, r.end);
        if (r.p != r.end) {
            json_decref(j);
            j = llm_jr_fail(&r, r.p, "end of file expected");
        }
    }

    free(r.tmp_heap);

    if (j == NULL) {
        if (r.msg == NULL) {
            llm_jr_fail(&r, r.p, "out of memory");
        }
        llm_jr_error(&r, err);
    }

    if (used != NULL) {
        *used = (size_t) (r.p - r.start);
    }

    return j;
}


json_t *
llm_json_loadb(const char *buf, size_t len, size_t flags, json_error_t *err)
{
    return llm_jr_load(buf, len, flags, 0, err, NULL);
}


json_t *
llm_json_load_value(const char *buf, size_t len, size_t flags, int depth,
    size_t *used)
{
    return llm_jr_load(buf, len, flags | JSON_DECODE_ANY
                                 | JSON_DISABLE_EOF_CHECK,
                       depth, NULL, used);
}
