/*
 * JSON well-formedness check, one pass, no allocation (RFC 8259).
 *
 * One loop with an explicit stack rather than a call per value: on the
 * small answers it mostly runs on (short keys, short strings, small
 * numbers) calls and their bookkeeping were most of the cost.
 */

#include <stdint.h>
#include <string.h>

#include "llm_json_check.h"
#include "llm_json.h"



static int llm_jc_key_is(const unsigned char *k, const unsigned char *end,
    const char *name, size_t len);


static int
llm_jc_hex(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')
           || (ch >= 'A' && ch <= 'F');
}


/* The rest of a string from p, past its plain start: escapes and UTF-8;
 * past the closing quote, or NULL.  Kept out of line so that the plain
 * start, which most strings are all of, inlines small (llm_jc_string). */
static const unsigned char *llm_jc_string_rest(const unsigned char *p,
    const unsigned char *end) __attribute__((noinline));

static const unsigned char *
llm_jc_string_rest(const unsigned char *p, const unsigned char *end)
{
    int            i;
    size_t         n;
    unsigned char  ch;

    for ( ;; ) {
        p = llm_json_plain_run(p, end);

        if (p >= end) {
            return NULL;
        }

        ch = *p;

        if (ch == '"') {
            return p + 1;
        }

        if (ch >= 0x80) {
            n = llm_json_utf8_len(p, end);
            if (n == 0) {
                return NULL;
            }
            p += n;
            continue;
        }

        if (ch != '\\') {
            return NULL;                        /* a control character */
        }

        if (++p >= end) {
            return NULL;
        }

        ch = *p;

        if (ch == 'u') {
            if (end - p < 5) {
                return NULL;
            }
            for (i = 1; i <= 4; i++) {
                if (!llm_jc_hex(p[i])) {
                    return NULL;
                }
            }
            p += 5;
            continue;
        }

        switch (ch) {
        case '"': case '\\': case '/':
        case 'b': case 'f': case 'n': case 'r': case 't':
            p++;
            continue;
        default:
            return NULL;
        }
    }
}


/* Past the string whose opening quote is at p, or NULL; *plain set when
 * it held only plain bytes (then its bytes are its value). */
static inline const unsigned char *
llm_jc_string(const unsigned char *p, const unsigned char *end, int *plain)
{
    p = llm_json_plain_run(p + 1, end);

    if (p < end && *p == '"') {
        *plain = 1;
        return p + 1;
    }

    *plain = 0;
    return llm_jc_string_rest(p, end);
}


static inline int
llm_jc_digit(unsigned char ch)
{
    return (unsigned char) (ch - '0') < 10;
}


/* Past the number at p, or NULL (a '-' or a digit there). */
static inline const unsigned char *
llm_jc_number(const unsigned char *p, const unsigned char *end)
{
    const unsigned char  *start;

    if (*p == '-' && ++p >= end) {
        return NULL;
    }

    if (*p == '0') {
        p++;

    } else if (llm_jc_digit(*p)) {
        do {
            p++;
        } while (p < end && llm_jc_digit(*p));

    } else {
        return NULL;
    }

    if (p < end && (*p == '.' || *p == 'e' || *p == 'E')) {
        /* a fraction or an exponent: rare in the answers */
        if (*p == '.') {
            start = ++p;
            while (p < end && llm_jc_digit(*p)) {
                p++;
            }
            if (p == start) {
                return NULL;
            }
        }

        if (p < end && (*p == 'e' || *p == 'E')) {
            p++;
            if (p < end && (*p == '+' || *p == '-')) {
                p++;
            }
            start = p;
            while (p < end && llm_jc_digit(*p)) {
                p++;
            }
            if (p == start) {
                return NULL;
            }
        }
    }

    return p;
}


/* 1 when the 4 bytes at p (which has them) are lit */
static inline int
llm_jc_lit4(const unsigned char *p, const char *lit)
{
    uint32_t  a, b;

    memcpy(&a, p, 4);
    memcpy(&b, lit, 4);

    return a == b;
}


/* Past the literal at p (true, false, null), or NULL. */
static inline const unsigned char *
llm_jc_literal(const unsigned char *p, const unsigned char *end)
{
    if (end - p < 4) {
        return NULL;
    }

    switch (*p) {
    case 't':
        return llm_jc_lit4(p, "true") ? p + 4 : NULL;
    case 'n':
        return llm_jc_lit4(p, "null") ? p + 4 : NULL;
    default:
        return end - p >= 5 && llm_jc_lit4(p + 1, "alse") ? p + 5 : NULL;
    }
}


/* JSON's white space, as llm_json_ws skips it */
static inline int
llm_jc_ws(unsigned char ch)
{
    return ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t';
}


static void
llm_jc_clear(llm_json_member_t *m, size_t n)
{
    size_t  i;

    for (i = 0; i < n; i++) {
        m[i].value = NULL;
        m[i].value_len = 0;
        m[i].count = 0;
    }
}


/*
 * Past the one value at p, or NULL.  When that value is an object, the n
 * members asked for among its own members (matched by llm_jc_key_is) are
 * filled in m, and the ns asked for in sub among those of m[0]'s value
 * when that is an object (the last m[0]'s: sub is cleared at each).
 *
 * close[d] is what closes the container open at depth d ('}' or ']'),
 * the stack the recursion kept.  Keys are matched at depth level against
 * the nask of ask: 1 and m, or 2 and sub inside m[0]'s object, or none
 * (level 0) when nothing is asked; found is the member whose value is
 * being walked, filled when the walk is back at level.
 *
 * Each step first tests for what compact JSON has there and skips white
 * space only when that fails: the bodies relayed are mostly compact.
 */
static const unsigned char *
llm_jc_walk(const unsigned char *p, const unsigned char *end,
    llm_json_member_t *m, size_t n, llm_json_member_t *sub, size_t ns)
{
    int                   depth, level, plain;
    size_t                i, nask;
    unsigned char         close[LLM_JSON_CHECK_DEPTH + 1];
    llm_json_member_t    *found, *ask, *outer;
    const unsigned char  *key, *key_end, *value, *outer_value;

    depth = 0;
    close[0] = '\0';
    level = n ? 1 : 0;
    ask = m;
    nask = n;
    found = NULL;
    value = NULL;
    outer = NULL;
    outer_value = NULL;

value:

    if (p >= end) {
        return NULL;
    }

    /* the most frequent value, ahead of the switch's range tests */
    if (*p == '"') {
        p = llm_jc_string(p, end, &plain);
        goto scalar;
    }

    switch (*p) {

    case '{':
    case '[':
        if (++depth > LLM_JSON_CHECK_DEPTH) {
            return NULL;
        }

        close[depth] = *p + 2;                  /* '}' or ']' */

        if (ns && found == m && depth == 2 && close[2] == '}') {
            /* m[0]'s value is an object: now its members are asked for */
            outer = found;
            outer_value = value;
            found = NULL;
            level = 2;
            ask = sub;
            nask = ns;
        }

        p = llm_json_ws(p + 1, end);

        if (p < end && *p == close[depth]) {    /* empty */
            p++;
            goto closed;
        }

        if (close[depth] == '}') {
            goto member;
        }

        goto value;

    case 't':
    case 'f':
    case 'n':
        p = llm_jc_literal(p, end);
        break;

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        p = llm_jc_number(p, end);
        break;

    case ' ':
    case '\t':
    case '\n':
    case '\r':
        p = llm_json_ws(p + 1, end);
        goto value;

    default:
        return NULL;
    }

scalar:

    if (p == NULL) {
        return NULL;
    }

    if (depth == 0) {
        return p;                               /* llm_json_skip's */
    }

next:

    /* past a value in the container open at depth */

    if (found && depth == level) {
        /* a member asked for: the last one found wins */
        found->value = (const char *) value;
        found->value_len = (size_t) (p - value);
        found->count++;
        found = NULL;
    }

after:

    if (p >= end) {
        return NULL;
    }

    if (*p == ',') {
        p++;

        if (close[depth] == '}') {
            goto member;
        }

        goto value;
    }

    if (*p == close[depth]) {
        p++;
        goto closed;
    }

    if (llm_jc_ws(*p)) {
        p = llm_json_ws(p + 1, end);
        goto after;
    }

    return NULL;

closed:

    /* past a container's end */

    if (--depth == 0) {
        return p;
    }

    if (depth < level) {
        /* out of m[0]'s object: back to the top object's members */
        level = 1;
        ask = m;
        nask = n;
        found = outer;
        value = outer_value;
    }

    goto next;

member:

    /* p at a member's key, or at white space before it */

    if (p >= end) {
        return NULL;
    }

    if (*p != '"') {
        if (llm_jc_ws(*p)) {
            p = llm_json_ws(p + 1, end);
            goto member;
        }

        return NULL;
    }

    key = p + 1;
    p = llm_jc_string(p, end, &plain);

    if (p == NULL) {
        return NULL;
    }

    key_end = p - 1;

    if (p >= end || *p != ':') {
        p = llm_json_ws(p, end);

        if (p >= end || *p != ':') {
            return NULL;
        }
    }

    p++;

    if (depth == level) {
        for (i = 0; i < nask; i++) {
            /* a plain key is its bytes: no escape to decode */
            if (plain ? (size_t) (key_end - key) == ask[i].name_len
                        && (ask[i].name_len == 0
                            || key[0] == (unsigned char) ask[i].name[0])
                        && memcmp(key, ask[i].name, ask[i].name_len) == 0
                      : llm_jc_key_is(key, key_end, ask[i].name,
                                      ask[i].name_len))
            {
                found = &ask[i];
                p = llm_json_ws(p, end);
                value = p;

                if (found == m && ns) {
                    llm_jc_clear(sub, ns);      /* the last m[0] wins */
                }

                break;
            }
        }
    }

    goto value;
}


int
llm_json_is_object(const char *p, size_t len)
{
    return llm_json_object_members(p, len, NULL, 0);
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


int
llm_json_object_members(const char *p, size_t len, llm_json_member_t *m,
    size_t n)
{
    return llm_json_object_members_in(p, len, m, n, NULL, 0);
}


int
llm_json_object_members_in(const char *p, size_t len, llm_json_member_t *m,
    size_t n, llm_json_member_t *sub, size_t ns)
{
    const unsigned char  *q, *end;

    q = (const unsigned char *) p;
    end = q + len;

    llm_jc_clear(m, n);
    llm_jc_clear(sub, ns);

    if (n == 0) {
        ns = 0;                                 /* no m[0] to look in */
    }

    q = llm_json_ws(q, end);

    if (q >= end || *q != '{') {
        return 0;
    }

    q = llm_jc_walk(q, end, m, n, sub, ns);

    if (q == NULL) {
        return 0;
    }

    q = llm_json_ws(q, end);

    return q == end;
}


const char *
llm_json_skip(const char *p, const char *end)
{
    return (const char *) llm_jc_walk(
        llm_json_ws((const unsigned char *) p, (const unsigned char *) end),
        (const unsigned char *) end, NULL, 0, NULL, 0);
}
