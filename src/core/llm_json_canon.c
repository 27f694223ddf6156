/*
 * Is a JSON text already what the writer would write for it?  A tool's
 * schema or a call's arguments that a client sent compact (most do) can
 * then go upstream as the bytes they are, and the jansson document the
 * IR would otherwise hold for them need not be built (llm_ir.h: deferred
 * values).  See llm_json_check.h.
 *
 * "What the writer would write": llm_json_dump of the document that
 * llm_json_loadb with JSON_REJECT_DUPLICATES reads from the text.  So:
 * no white space; keys unique; strings with raw printable ASCII and
 * valid UTF-8, and only the escapes the writer makes ("\"", "\\", the
 * five short control escapes, "\u00XX" upper case for the other control
 * bytes but NUL, which the reader refuses); integers without a sign on
 * zero and within what the reader takes; reals written in the shortest
 * form the writer gives them (0.5, 1.0; never an exponent), where the
 * exact fast conversion reads them; true, false, null.  Other reals and
 * nesting deeper than LLM_JSON_CANON_DEPTH are not taken on: such texts
 * are "no", and their documents are built as before.
 */

#include <string.h>

#include "llm_json.h"
#include "llm_json_check.h"
#include "llm_json_memo.h"
#include "llm_json_write.h"


#define LLM_JSON_CANON_DEPTH  64
#define LLM_JSON_CANON_KEYS   64


typedef struct {
    const unsigned char  *p;
    const unsigned char  *end;
} llm_json_canon_t;


static int llm_json_canon_value(llm_json_canon_t *c, int depth);
static int llm_json_canon_string(llm_json_canon_t *c);


/*
 * A string from its opening quote, as llm_json_canon_string, inline for
 * the most common: plain bytes closed within 16 (keys, "type" values),
 * one SSE2 test instead of a call.
 */
static inline int
llm_json_canon_short(llm_json_canon_t *c)
{
#ifdef __SSE2__
    int  m;

    if (c->end - c->p > 16) {
        m = llm_json_plain_mask16(_mm_loadu_si128((const __m128i *)
                                                  (const void *) (c->p + 1)));

        if (m != 0 && c->p[1 + __builtin_ctz((unsigned) m)] == '"') {
            c->p += 2 + __builtin_ctz((unsigned) m);
            return 0;
        }
    }
#endif

    return llm_json_canon_string(c);
}


/* A member's or an element's value: a string without a call (as deep
 * as llm_json_canon_value takes any value) */
static inline int
llm_json_canon_in(llm_json_canon_t *c, int depth)
{
    if (c->p < c->end && *c->p == '"' && depth <= LLM_JSON_CANON_DEPTH) {
        return llm_json_canon_short(c);
    }

    return llm_json_canon_value(c, depth);
}


/* A string from its opening quote: 0 past its closing one, or -1. */
static int
llm_json_canon_string(llm_json_canon_t *c)
{
    size_t                n;
    unsigned              v;
    const unsigned char  *p, *end;

    p = c->p + 1;
    end = c->end;

    for ( ;; ) {
        p = llm_json_plain_run(p, end);

        if (p >= end) {
            return -1;
        }

        if (*p == '"') {
            c->p = p + 1;
            return 0;
        }

        if (*p >= 0x80) {
            n = llm_json_utf8_len(p, end);
            if (n == 0) {
                return -1;
            }
            p += n;
            continue;
        }

        if (*p != '\\' || end - p < 2) {
            return -1;                  /* a raw control byte */
        }

        switch (p[1]) {
        case '"': case '\\': case 'b': case 'f': case 'n': case 'r': case 't':
            p += 2;
            continue;

        case 'u':
            /* only "\u00XX" for a control byte without a short escape,
             * upper case, as the writer makes it */
            if (end - p < 6 || p[2] != '0' || p[3] != '0'
                || (p[4] != '0' && p[4] != '1'))
            {
                return -1;
            }

            if (p[5] >= '0' && p[5] <= '9') {
                v = (unsigned) (p[5] - '0');

            } else if (p[5] >= 'A' && p[5] <= 'F') {
                v = (unsigned) (p[5] - 'A' + 10);

            } else {
                return -1;
            }

            v += (p[4] == '1') ? 16 : 0;

            if (v == 0 || v == '\b' || v == '\t' || v == '\n' || v == '\f'
                || v == '\r')
            {
                return -1;
            }

            p += 6;
            continue;

        default:
            return -1;
        }
    }
}


/* A number, as the writer writes what the reader reads from it: an
 * integer without "-0", of at most 18 digits (within int64 whatever they
 * are); a real with a fraction and no exponent, when the exact fast
 * conversion reads it and the writer's shortest form of that double is
 * the same text. */
static int
llm_json_canon_number(llm_json_canon_t *c)
{
    char                  buf[24];
    double                d;
    const unsigned char  *p, *digits;

    p = c->p;

    if (*p == '-') {
        p++;
    }

    digits = p;

    if (p < c->end && *p == '0') {
        p++;

    } else {
        while (p < c->end && *p >= '0' && *p <= '9') {
            p++;
        }
    }

    if (p == digits) {
        return -1;
    }

    if (p < c->end && *p == '.') {
        p++;
        digits = p;

        while (p < c->end && *p >= '0' && *p <= '9') {
            p++;
        }

        if (p == digits
            || (p < c->end && (*p == 'e' || *p == 'E'))
            || llm_json_real_fast(c->p, p, &d) != 0
            || llm_jw_real_short(buf, d) != (size_t) (p - c->p)
            || memcmp(buf, c->p, (size_t) (p - c->p)) != 0)
        {
            return -1;
        }

        c->p = p;
        return 0;
    }

    if (p - digits > 18 || (*c->p == '-' && *digits == '0')) {
        return -1;
    }

    if (p < c->end && (*p == 'e' || *p == 'E'
                       || (*p >= '0' && *p <= '9')))
    {
        return -1;
    }

    c->p = p;
    return 0;
}


static int
llm_json_canon_literal(llm_json_canon_t *c, const char *lit, size_t n)
{
    if ((size_t) (c->end - c->p) < n || memcmp(c->p, lit, n) != 0) {
        return -1;
    }

    c->p += n;
    return 0;
}


/* An object from its '{'; keys compared as written (one spelling each
 * here, so equal texts are equal keys).  *members: how many. */
static int
llm_json_canon_object(llm_json_canon_t *c, int depth, size_t *members,
    int *has_type)
{
    size_t                n, i, len[LLM_JSON_CANON_KEYS];
    uint64_t              seen, bit;
    const unsigned char  *key[LLM_JSON_CANON_KEYS];

    c->p++;
    n = 0;
    seen = 0;

    if (c->p < c->end && *c->p == '}') {
        c->p++;
        *members = 0;
        return 0;
    }

    for ( ;; ) {
        if (c->p >= c->end || *c->p != '"' || n == LLM_JSON_CANON_KEYS) {
            return -1;
        }

        key[n] = c->p;
        if (llm_json_canon_short(c) != 0) {
            return -1;
        }
        len[n] = (size_t) (c->p - key[n]);

        /* the keys before it are compared only when one may be the
         * same: a bit per length and first byte (a schema's keys mostly
         * differ in one or the other) */

        bit = (uint64_t) 1 << ((len[n] * 7 + key[n][1]) & 63);

        if (seen & bit) {
            for (i = 0; i < n; i++) {
                if (len[i] == len[n]
                    && memcmp(key[i], key[n], len[n]) == 0)
                {
                    return -1;          /* the reader refuses it */
                }
            }
        }

        seen |= bit;

        if (has_type != NULL && len[n] == 6
            && memcmp(key[n], "\"type\"", 6) == 0)
        {
            *has_type = 1;
        }

        n++;

        if (c->p >= c->end || *c->p != ':') {
            return -1;
        }
        c->p++;

        if (llm_json_canon_in(c, depth + 1) != 0 || c->p >= c->end) {
            return -1;
        }

        if (*c->p == '}') {
            c->p++;
            *members = n;
            return 0;
        }

        if (*c->p != ',') {
            return -1;
        }
        c->p++;
    }
}


static int
llm_json_canon_value(llm_json_canon_t *c, int depth)
{
    size_t  n;

    if (c->p >= c->end || depth > LLM_JSON_CANON_DEPTH) {
        return -1;
    }

    switch (*c->p) {

    case '{':
        return llm_json_canon_object(c, depth, &n, NULL);

    case '[':
        c->p++;

        if (c->p < c->end && *c->p == ']') {
            c->p++;
            return 0;
        }

        for ( ;; ) {
            if (llm_json_canon_in(c, depth + 1) != 0 || c->p >= c->end) {
                return -1;
            }

            if (*c->p == ']') {
                c->p++;
                return 0;
            }

            if (*c->p != ',') {
                return -1;
            }
            c->p++;
        }

    case '"':
        return llm_json_canon_string(c);

    case 't':
        return llm_json_canon_literal(c, "true", 4);

    case 'f':
        return llm_json_canon_literal(c, "false", 5);

    case 'n':
        return llm_json_canon_literal(c, "null", 4);

    default:
        if (*c->p == '-' || (*c->p >= '0' && *c->p <= '9')) {
            return llm_json_canon_number(c);
        }

        return -1;
    }
}


/* (llm_json_check.h) */
size_t
llm_json_canonical_object(const char *p, size_t len,
    llm_json_canonical_t *info)
{
    size_t            n;
    uint32_t          kept;
    llm_json_canon_t  c;

    c.p = (const unsigned char *) p;
    c.end = c.p + len;
    info->members = 0;
    info->has_type = 0;

    if (len == 0 || *c.p != '{') {
        return 0;
    }

    /* a large object found so before, as the same bytes (its members,
     * at most LLM_JSON_CANON_KEYS, and "type" kept in a number) */

    n = llm_json_memo_find(LLM_JSON_MEMO_CANONICAL, p, len, &kept);
    if (n) {
        info->members = kept >> 1;
        info->has_type = kept & 1;
        return n;
    }

    if (llm_json_canon_object(&c, 1, &info->members, &info->has_type) != 0)
    {
        return 0;
    }

    n = (size_t) (c.p - (const unsigned char *) p);

    llm_json_memo_keep(LLM_JSON_MEMO_CANONICAL, p, n,
                       (uint32_t) info->members << 1 | (info->has_type != 0));
    return n;
}
