/*
 * The JSON check (llm_json_check.c) against the checker it replaced, kept
 * here as it was (recursive, one call per value) as the oracle: for any
 * bytes, llm_json_is_object and llm_json_object_members accept the same
 * and find the same members (same bytes, same counts), and llm_json_skip
 * stops at the same place.  t/fuzz/fuzz_json.c compares the check with
 * jansson, which is looser where the check is meant to differ (\u
 * escapes, NUL, depth); this one is exact everywhere.
 */

#include "fuzz_common.h"
#include "llm_json.h"
#include "llm_json_check.h"


static int ref_object_members(const char *p, size_t len, llm_json_member_t *m,
    size_t n);


/* ------------------------------------------- the reference: the old check */

typedef struct {
    const unsigned char  *p;
    const unsigned char  *end;
    int                   depth;
} llm_jc_t;


static int llm_jc_value(llm_jc_t *c);
static int llm_jc_key_is(const unsigned char *k, const unsigned char *end,
    const char *name, size_t len);


static int
llm_jc_hex(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')
           || (ch >= 'A' && ch <= 'F');
}


/* The rest of a string from c->p, past its plain start: escapes and
 * UTF-8.  Apart from the fast path so that short plain strings, most of
 * them, cost no more than a scan. */
static int
llm_jc_string_rest(llm_jc_t *c)
{
    int            i;
    size_t         n;
    unsigned char  ch;

    for ( ;; ) {
        c->p = llm_json_plain_run(c->p, c->end);

        if (c->p >= c->end) {
            return -1;
        }

        ch = *c->p;

        if (ch == '"') {
            c->p++;
            return 0;
        }

        if (ch >= 0x80) {
            n = llm_json_utf8_len(c->p, c->end);
            if (n == 0) {
                return -1;
            }
            c->p += n;
            continue;
        }

        if (ch != '\\') {
            return -1;                          /* a control character */
        }

        if (++c->p >= c->end) {
            return -1;
        }

        ch = *c->p;

        if (ch == 'u') {
            if (c->end - c->p < 5) {
                return -1;
            }
            for (i = 1; i <= 4; i++) {
                if (!llm_jc_hex(c->p[i])) {
                    return -1;
                }
            }
            c->p += 5;
            continue;
        }

        if (strchr("\"\\/bfnrt", ch) == NULL || ch == '\0') {
            return -1;
        }
        c->p++;
    }
}


static inline int
llm_jc_string(llm_jc_t *c)
{
    const unsigned char  *p;

    p = llm_json_plain_run(c->p + 1, c->end);   /* past the opening quote */

    if (p < c->end && *p == '"') {
        c->p = p + 1;
        return 0;
    }

    c->p = p;
    return llm_jc_string_rest(c);
}


static int
llm_jc_number(llm_jc_t *c)
{
    const unsigned char  *start;

    if (c->p < c->end && *c->p == '-') {
        c->p++;
    }

    if (c->p >= c->end) {
        return -1;
    }

    if (*c->p == '0') {
        c->p++;

    } else if (*c->p >= '1' && *c->p <= '9') {
        while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
            c->p++;
        }

    } else {
        return -1;
    }

    if (c->p < c->end && *c->p == '.') {
        start = ++c->p;
        while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
            c->p++;
        }
        if (c->p == start) {
            return -1;
        }
    }

    if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
        c->p++;
        if (c->p < c->end && (*c->p == '+' || *c->p == '-')) {
            c->p++;
        }
        start = c->p;
        while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
            c->p++;
        }
        if (c->p == start) {
            return -1;
        }
    }

    return 0;
}


static int
llm_jc_literal(llm_jc_t *c, const char *lit)
{
    size_t  n = strlen(lit);

    if ((size_t) (c->end - c->p) < n || memcmp(c->p, lit, n) != 0) {
        return -1;
    }

    c->p += n;
    return 0;
}


/*
 * An array or an object from c->p; for an object, the n members asked for
 * among its own (matched by llm_jc_key_is) are filled in m.
 */
static int
llm_jc_container(llm_jc_t *c, unsigned char close, llm_json_member_t *m,
    size_t n)
{
    int                   first;
    size_t                i;
    llm_json_member_t    *found;
    const unsigned char  *key, *value;

    if (++c->depth > LLM_JSON_CHECK_DEPTH) {
        return -1;
    }

    c->p++;                                     /* '{' or '[' */
    first = 1;
    found = NULL;

    for ( ;; ) {
        c->p = llm_json_ws(c->p, c->end);

        if (c->p >= c->end) {
            return -1;
        }

        if (*c->p == close && first) {
            c->p++;
            c->depth--;
            return 0;
        }

        if (close == '}') {
            key = c->p;
            if (*c->p != '"' || llm_jc_string(c) != 0) {
                return -1;
            }
            found = NULL;
            for (i = 0; i < n; i++) {
                if (llm_jc_key_is(key + 1, c->p - 1, m[i].name,
                                  m[i].name_len))
                {
                    found = &m[i];
                    break;
                }
            }

            c->p = llm_json_ws(c->p, c->end);
            if (c->p >= c->end || *c->p != ':') {
                return -1;
            }
            c->p = llm_json_ws(c->p + 1, c->end);
        }

        value = c->p;

        if (llm_jc_value(c) != 0) {
            return -1;
        }

        if (found) {
            /* a member asked for: the last one found wins */
            found->value = (const char *) value;
            found->value_len = (size_t) (c->p - value);
            found->count++;
        }

        c->p = llm_json_ws(c->p, c->end);

        if (c->p >= c->end) {
            return -1;
        }

        if (*c->p == ',') {
            c->p++;
            first = 0;
            continue;
        }

        if (*c->p == close) {
            c->p++;
            c->depth--;
            return 0;
        }

        return -1;
    }
}


static int
llm_jc_value(llm_jc_t *c)
{
    c->p = llm_json_ws(c->p, c->end);

    if (c->p >= c->end) {
        return -1;
    }

    switch (*c->p) {
    case '{':
        return llm_jc_container(c, '}', NULL, 0);
    case '[':
        return llm_jc_container(c, ']', NULL, 0);
    case '"':
        return llm_jc_string(c);
    case 't':
        return llm_jc_literal(c, "true");
    case 'f':
        return llm_jc_literal(c, "false");
    case 'n':
        return llm_jc_literal(c, "null");
    default:
        return llm_jc_number(c);
    }
}


static int
ref_is_object(const char *p, size_t len)
{
    return ref_object_members(p, len, NULL, 0);
}


static unsigned
llm_jc_hex_value(const unsigned char *h)
{
    int       i;
    unsigned  v, d;

    v = 0;
    for (i = 0; i < 4; i++) {
        d = h[i] <= '9' ? h[i] - '0' : (h[i] | 0x20) - 'a' + 10;
        v = v << 4 | d;
    }

    return v;
}


/*
 * 1 when the key k..end (well-formed, without its quotes) decodes to the
 * ASCII name: "mod\u0065l" is "model" to any JSON reader, so to us.
 */
static int
llm_jc_key_is(const unsigned char *k, const unsigned char *end,
    const char *name, size_t len)
{
    size_t         i;
    unsigned char  ch;

    /* without an escape, only the same bytes; an escape only lengthens */
    if ((size_t) (end - k) == len) {
        return memcmp(k, name, len) == 0;
    }

    if ((size_t) (end - k) < len
        || (*k != '\\' && *k != (unsigned char) name[0])
        || memchr(k, '\\', end - k) == NULL)
    {
        return 0;
    }

    for (i = 0; i < len; i++) {
        if (k >= end) {
            return 0;
        }

        ch = *k++;

        if (ch == '\\') {
            ch = *k++;

            switch (ch) {
            case 'b': ch = '\b'; break;
            case 'f': ch = '\f'; break;
            case 'n': ch = '\n'; break;
            case 'r': ch = '\r'; break;
            case 't': ch = '\t'; break;
            case 'u':
                if (llm_jc_hex_value(k) != (unsigned char) name[i]) {
                    return 0;
                }
                k += 4;
                continue;
            default:
                break;                          /* '"', '\\', '/' */
            }
        }

        if (ch != (unsigned char) name[i]) {
            return 0;
        }
    }

    return k == end;
}


static int
ref_object_members(const char *p, size_t len, llm_json_member_t *m,
    size_t n)
{
    size_t    i;
    llm_jc_t  c;

    c.p = (const unsigned char *) p;
    c.end = c.p + len;
    c.depth = 0;

    for (i = 0; i < n; i++) {
        m[i].value = NULL;
        m[i].value_len = 0;
        m[i].count = 0;
    }

    c.p = llm_json_ws(c.p, c.end);

    if (c.p >= c.end || *c.p != '{'
        || llm_jc_container(&c, '}', m, n) != 0)
    {
        return 0;
    }

    c.p = llm_json_ws(c.p, c.end);

    return c.p == c.end;
}


static const char *
ref_skip(const char *p, const char *end)
{
    llm_jc_t  c;

    c.p = (const unsigned char *) p;
    c.end = (const unsigned char *) end;
    c.depth = 0;

    if (llm_jc_value(&c) != 0) {
        return NULL;
    }

    return (const char *) c.p;
}


/* ---------------------------------------------------------------- target */

/* ASCII names, as the callers' are: a repeated one (the first asked for
 * is filled), an empty one, one a key can only spell with an escape */
static const char  *fuzz_names[] = {
    "model", "stream", "usage", "message", "a", "a", "", "q\"", "\\"
};

#define FUZZ_NNAMES  (sizeof(fuzz_names) / sizeof(fuzz_names[0]))


static void
fuzz_members(const char *data, size_t size, size_t n)
{
    int                 a, b;
    size_t              i;
    llm_json_member_t   ma[FUZZ_NNAMES], mb[FUZZ_NNAMES];

    for (i = 0; i < n; i++) {
        ma[i].name = mb[i].name = fuzz_names[i];
        ma[i].name_len = mb[i].name_len = strlen(fuzz_names[i]);
    }

    a = ref_object_members(data, size, ma, n);
    b = llm_json_object_members(data, size, mb, n);

    if (a != b) {
        fuzz_fail(a ? "the check refuses what the old one accepted"
                    : "the check accepts what the old one refused",
                  data, size);
    }

    /* even on a refusal: callers see what was filled */
    for (i = 0; i < n; i++) {
        if (ma[i].count != mb[i].count || ma[i].value != mb[i].value
            || ma[i].value_len != mb[i].value_len)
        {
            fuzz_fail("the check finds another member", fuzz_names[i],
                      strlen(fuzz_names[i]));
        }
    }
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t       off;
    const char  *p, *end;

    p = (const char *) data;
    end = p + size;

    if (ref_is_object(p, size) != llm_json_is_object(p, size)) {
        fuzz_fail("llm_json_is_object differs from the old check", p, size);
    }

    fuzz_members(p, size, FUZZ_NNAMES);
    fuzz_members(p, size, 1);

    /* llm_json_skip from the start and from a place the input picks */
    if (ref_skip(p, end) != llm_json_skip(p, end)) {
        fuzz_fail("llm_json_skip differs from the old check", p, size);
    }

    off = size ? data[0] % size : 0;

    if (ref_skip(p + off, end) != llm_json_skip(p + off, end)) {
        fuzz_fail("llm_json_skip differs from the old check (offset)",
                  p + off, size - off);
    }

    return 0;
}
