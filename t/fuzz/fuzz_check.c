/*
 * The JSON check (llm_json_check.c) against the checker it replaced, kept
 * here as it was (recursive, one call per value) as the oracle: for any
 * bytes, llm_json_is_object and llm_json_object_members accept the same
 * and find the same members (same bytes, same counts), and llm_json_skip
 * stops at the same place; llm_json_object_members_in finds in one walk
 * what the old check found in two (the members, then those of m[0]), and
 * llm_usage_relayed, which uses it, reads the same counts as it did.
 *
 * t/fuzz/fuzz_json.c compares the check with jansson, which is looser
 * where the check is meant to differ (\u escapes, NUL, depth); this one
 * is exact everywhere.
 */

#include "fuzz_common.h"
#include "llm_json.h"
#include "llm_json_check.h"
#include "llm_map.h"


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


/* -------------------- the reference: llm_usage_relayed on the old check */

/* The integer value of a member found by llm_json_object_members. */
static int
ref_usage_int(const llm_json_member_t *m, int64_t *out)
{
    size_t   i;
    int64_t  v;

    if (m->count == 0 || m->value_len == 0) {
        return 0;
    }

    v = 0;
    for (i = 0; i < m->value_len; i++) {
        if (m->value[i] < '0' || m->value[i] > '9'
            || v > (INT64_MAX - 9) / 10)
        {
            return 0;                       /* null, a fraction, too big */
        }
        v = v * 10 + (m->value[i] - '0');
    }

    *out = v;
    return 1;
}


/* The members named of the object value of m, when it is one. */
static int
ref_usage_members(const llm_json_member_t *m, llm_json_member_t *k,
    size_t n)
{
    return m->count && m->value[0] == '{'
           && ref_object_members(m->value, m->value_len, k, n);
}


#define ref_usage_key(k, s)  ((k)->name = s, (k)->name_len = sizeof(s) - 1)


/*
 * (llm_map.c) A body or event relayed without parsing: checked (one JSON
 * object) and its usage read from the dialect's own usage object, found
 * among the top-level members (for Anthropic's message_start, inside
 * "message"), so that look-alike keys elsewhere (a tool's input is any
 * JSON the model wrote) are not taken for it.
 */
static int
ref_usage_relayed(llm_dialect_e d, const char *p, size_t len, llm_usage_t *u)
{
    int64_t            in, out, cr, cw, th;
    llm_json_member_t  top[2], msg, k[4];

    ref_usage_key(&top[0], "usage");
    ref_usage_key(&top[1], "message");

    if (d == LLM_DIALECT_GEMINI) {
        ref_usage_key(&top[0], "usageMetadata");
    }

    if (!ref_object_members(p, len, top,
                                 d == LLM_DIALECT_ANTHROPIC ? 2 : 1))
    {
        return 0;
    }

    if (d == LLM_DIALECT_ANTHROPIC && top[0].count == 0) {
        ref_usage_key(&msg, "usage");
        if (!ref_usage_members(&top[1], &msg, 1)) {
            return 1;
        }
        top[0] = msg;
    }

    switch (d) {

    case LLM_DIALECT_OPENAI:
        ref_usage_key(&k[0], "prompt_tokens");
        ref_usage_key(&k[1], "completion_tokens");
        if (!ref_usage_members(&top[0], k, 2)) {
            break;
        }
        if (ref_usage_int(&k[0], &in)) {
            u->input_total = in;
            u->has_input = 1;
        }
        if (ref_usage_int(&k[1], &out)) {
            u->output_total = out;
            u->has_output = 1;
        }
        break;

    case LLM_DIALECT_ANTHROPIC:
        ref_usage_key(&k[0], "input_tokens");
        ref_usage_key(&k[1], "output_tokens");
        ref_usage_key(&k[2], "cache_read_input_tokens");
        ref_usage_key(&k[3], "cache_creation_input_tokens");
        if (!ref_usage_members(&top[0], k, 4)) {
            break;
        }
        /* input_tokens excludes the cache: add what is known of it */
        cr = 0;
        cw = 0;
        (void) ref_usage_int(&k[2], &cr);
        (void) ref_usage_int(&k[3], &cw);
        if (ref_usage_int(&k[0], &in)) {
            u->input_total = in + cr + cw;
            u->has_input = 1;
        }
        if (ref_usage_int(&k[1], &out)) {
            u->output_total = out;
            u->has_output = 1;
        }
        break;

    case LLM_DIALECT_GEMINI:
        ref_usage_key(&k[0], "promptTokenCount");
        ref_usage_key(&k[1], "candidatesTokenCount");
        ref_usage_key(&k[2], "thoughtsTokenCount");
        if (!ref_usage_members(&top[0], k, 3)) {
            break;
        }
        if (ref_usage_int(&k[0], &in)) {
            u->input_total = in;
            u->has_input = 1;
        }
        th = 0;
        (void) ref_usage_int(&k[2], &th);
        if (ref_usage_int(&k[1], &out)) {
            u->output_total = out + th;
            u->has_output = 1;
        }
        break;

    default:
        break;
    }

    return 1;
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


/* llm_json_object_members_in: as the old check called on m[0]'s value */
static void
fuzz_members_in(const char *data, size_t size, const char *top)
{
    int                 a, b;
    size_t              i;
    llm_json_member_t   ma[2], mb[2], sa[FUZZ_NNAMES], sb[FUZZ_NNAMES];

    for (i = 0; i < 2; i++) {
        ma[i].name = mb[i].name = i ? "message" : top;
        ma[i].name_len = mb[i].name_len = strlen(ma[i].name);
    }

    for (i = 0; i < FUZZ_NNAMES; i++) {
        sa[i].name = sb[i].name = fuzz_names[i];
        sa[i].name_len = sb[i].name_len = strlen(fuzz_names[i]);
        sa[i].value = NULL;
        sa[i].value_len = 0;
        sa[i].count = 0;
    }

    a = ref_object_members(data, size, ma, 2);
    if (a && ma[0].count && ma[0].value[0] == '{'
        && !ref_object_members(ma[0].value, ma[0].value_len, sa,
                               FUZZ_NNAMES))
    {
        fuzz_fail("the old check refuses a member it accepted", data, size);
    }

    b = llm_json_object_members_in(data, size, mb, 2, sb, FUZZ_NNAMES);

    if (a != b) {
        fuzz_fail("llm_json_object_members_in accepts otherwise", data,
                  size);
    }

    if (!a) {
        return;                         /* the members are the caller's */
    }

    for (i = 0; i < 2; i++) {
        if (ma[i].count != mb[i].count || ma[i].value != mb[i].value
            || ma[i].value_len != mb[i].value_len)
        {
            fuzz_fail("llm_json_object_members_in finds another member",
                      ma[i].name, strlen(ma[i].name));
        }
    }

    for (i = 0; i < FUZZ_NNAMES; i++) {
        if (sa[i].count != sb[i].count || sa[i].value != sb[i].value
            || sa[i].value_len != sb[i].value_len)
        {
            fuzz_fail("llm_json_object_members_in finds another member of "
                      "m[0]", fuzz_names[i], strlen(fuzz_names[i]));
        }
    }
}


static void
fuzz_usage(const char *data, size_t size)
{
    int            i, a, b;
    llm_usage_t    ua, ub;

    for (i = 0; i < 3; i++) {
        memset(&ua, 0, sizeof(ua));
        memset(&ub, 0, sizeof(ub));

        a = ref_usage_relayed(fuzz_dialects[i], data, size, &ua);
        b = llm_usage_relayed(fuzz_dialects[i], data, size, &ub);

        if (a != b || ua.has_input != ub.has_input
            || ua.has_output != ub.has_output
            || ua.input_total != ub.input_total
            || ua.output_total != ub.output_total)
        {
            fuzz_fail("llm_usage_relayed reads otherwise than it did",
                      data, size);
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
    fuzz_members_in(p, size, "usage");
    fuzz_members_in(p, size, "a");
    fuzz_usage(p, size);

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
