/*
 * JSON well-formedness check, one pass, no allocation (RFC 8259).
 *
 * One loop with an explicit stack rather than a call per value: on the
 * small answers it mostly runs on (short keys, short strings, small
 * numbers) calls and their bookkeeping were most of the cost.  What is
 * left is per byte and per token: strings are one SSE2 block where they
 * fit in it, the common compact member has a path of its own, and a
 * buffer that ends in its object's '}' is walked without most of the
 * end tests (llm_jc_walk_in).
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


#ifdef __SSE2__
/*
 * The bytes of the 16 at p that a string holds as they are, one bit each
 * (llm_json_plain_mask16 the other way round, one instruction shorter):
 * v ^ 2 is above 0x20, signed, for exactly the bytes from 0x20 to 0x7f
 * but '"' (0x22 ^ 2 is 0x20); then '\\' is the one left to take out.
 */
static inline unsigned
llm_jc_plain16(const unsigned char *p)
{
    __m128i  v, plain;

    v = _mm_loadu_si128((const __m128i *) (const void *) p);
    plain = _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
                             _mm_cmpgt_epi8(_mm_xor_si128(v,
                                                          _mm_set1_epi8(2)),
                                            _mm_set1_epi8(0x20)));

    return (unsigned) _mm_movemask_epi8(plain);
}


/*
 * Past the plain bytes of the 16 at p: at the first that is not, or 16
 * further.  The count is at most 16: "& 31" tells the compiler, which
 * then adds it as it is, without a sign extension.
 */
static inline __attribute__((always_inline)) const unsigned char *
llm_jc_plain_end(const unsigned char *p)
{
    return p + (size_t) (__builtin_ctzll(~(unsigned long long)
                                             llm_jc_plain16(p)) & 31);
}
#endif


/* What may follow a '\\' in a string: 1 for the one-letter escapes, 2 for
 * 'u' (four hex digits after it), 0 for nothing. */
static const unsigned char  llm_jc_escape[256] = {
    ['"'] = 1, ['\\'] = 1, ['/'] = 1, ['b'] = 1, ['f'] = 1, ['n'] = 1,
    ['r'] = 1, ['t'] = 1, ['u'] = 2
};


/* The rest of a string from p, past its opening quote, with escapes or
 * UTF-8 in it: past the closing quote, or NULL. */
static const unsigned char *llm_jc_string_esc(const unsigned char *p,
    const unsigned char *end) __attribute__((noinline));

static const unsigned char *
llm_jc_string_esc(const unsigned char *p, const unsigned char *end)
{
    int            i;
    size_t         n;
    unsigned char  ch;

#ifdef __SSE2__
    /*
     * One block of 16 at a time, where llm_json_plain_run would set up its
     * loop again after each escape: the runs between escapes are mostly
     * short.  Past 16 plain bytes the one after them is looked at as any
     * stop is, and is plain.  With more than 21 bytes to the end, that
     * byte and the 6 of an escape there at most are read without a test.
     */
    while (end - p > 21) {
        p = llm_jc_plain_end(p);
        ch = *p;

        /* an escape first: where this is called, they are the most of
         * what stops the runs */

        if (ch == '\\') {
            switch (llm_jc_escape[p[1]]) {

            case 1:
                p += 2;
                continue;

            case 2:                             /* \uXXXX */
                for (i = 2; i <= 5; i++) {
                    if (!llm_jc_hex(p[i])) {
                        return NULL;
                    }
                }
                p += 6;
                continue;

            default:
                return NULL;
            }
        }

        if (ch == '"') {
            return p + 1;
        }

        if (llm_json_plain[ch]) {
            continue;                           /* past 16 plain ones */
        }

        if (ch >= 0x80) {
            n = llm_json_utf8_len(p, end);
            if (n == 0) {
                return NULL;
            }
            p += n;
            continue;
        }

        return NULL;                            /* a control character */
    }
#endif

    /* the last bytes: each read tested */

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

        if (ch != '\\' || end - p < 2) {
            return NULL;                        /* a control character */
        }

        switch (llm_jc_escape[p[1]]) {

        case 1:
            p += 2;
            continue;

        case 2:
            if (end - p < 6) {
                return NULL;
            }
            for (i = 2; i <= 5; i++) {
                if (!llm_jc_hex(p[i])) {
                    return NULL;
                }
            }
            p += 6;
            continue;

        default:
            return NULL;
        }
    }
}


#ifdef __SSE2__
/*
 * The stops of the block at p (stops, a '"' not the first) that are not
 * one-letter escapes: all of the block's escapes are taken at once when
 * none is an escaped '\\' or escapes the next block's first byte, as the
 * bytes escaped are then those after each '\\'.  An escaped '"' is a
 * one-letter escape; another byte escaped is looked up.  Else (also for a
 * \uXXXX) stops as they were, for the loop's escape at a time.  Out of
 * line: inline its constants and registers were set up for each string.
 */
static unsigned llm_jc_escapes16(const unsigned char *p, unsigned stops)
    __attribute__((noinline));

static unsigned
llm_jc_escapes16(const unsigned char *p, unsigned stops)
{
    unsigned  bs, esc, odd;
    __m128i   v;

    v = _mm_loadu_si128((const __m128i *) (const void *) p);
    bs = (unsigned) _mm_movemask_epi8(_mm_cmpeq_epi8(v,
                                                   _mm_set1_epi8('\\')));
    esc = bs << 1;

    if (bs & (esc | 0x8000)) {
        return stops;
    }

    odd = esc & ~(unsigned) _mm_movemask_epi8(_mm_cmpeq_epi8(v,
                                                       _mm_set1_epi8('"')));

    while (odd) {
        if (llm_jc_escape[p[__builtin_ctz(odd)]] != 1) {
            return stops;
        }

        odd &= odd - 1;
    }

    return stops & ~(bs | esc);
}
#endif


/*
 * The rest of a string from p, past its opening quote: past the closing
 * quote, or NULL.  Kept out of line so that the plain start, which most
 * strings are all of, inlines small (llm_jc_string); without a call, so
 * without registers to save, for plain runs and one-letter escapes, the
 * rest in llm_jc_string_esc.
 */
static const unsigned char *llm_jc_string_rest(const unsigned char *p,
    const unsigned char *end) __attribute__((noinline));

static const unsigned char *
llm_jc_string_rest(const unsigned char *p, const unsigned char *end)
{
#ifdef __SSE2__
    unsigned       at, stops;
    unsigned char  ch;

    /*
     * A block's one-letter escapes are taken from its mask: the runs
     * between escapes are mostly short (a tool call's arguments are JSON
     * in a string), and a scan again past each cost as much as the rest.
     * Bit 16 is the byte after the block, past the escapes of all of it.
     * With more than 21 bytes to the end, as llm_jc_string_esc's loop.
     */
    while (end - p > 21) {
        stops = ~llm_jc_plain16(p) & 0xffff;

        if (stops == 0) {
            p += 16;
            continue;
        }

        at = (unsigned) __builtin_ctz(stops);

        if (p[at] == '"') {
            return p + at + 1;                  /* most: a long text */
        }

        stops = llm_jc_escapes16(p, stops);

        if (stops == 0) {
            p += 16;                            /* escapes and plain */
            continue;
        }

        at = (unsigned) __builtin_ctz(stops);

        if (p[at] == '"') {
            return p + at + 1;
        }

        stops |= 0x10000;

        while (p[at] == '\\' && at < 15 && llm_jc_escape[p[at + 1]] == 1) {
            /* the '\\' and what it escapes, a stop too when '"' or '\\' */
            stops &= ~(3u << at);
            at = (unsigned) __builtin_ctz(stops);
        }

        p += at;
        ch = *p;

        if (ch == '"') {
            return p + 1;
        }

        if (ch == '\\' && llm_jc_escape[p[1]] == 1) {
            p += 2;                             /* one across the block */
            continue;
        }

        if (at < 16) {
            break;                              /* \uXXXX, UTF-8, or none */
        }

        /* past 16 bytes */
    }
#endif

    return llm_jc_string_esc(p, end);
}


/*
 * Past the string whose opening quote is at p, or NULL; *plain set when
 * it ended in the fast path, plain bytes only (then its bytes are its
 * value).
 *
 * Most keys and values end plain in their first 16 bytes: one SSE2 test
 * of those, without llm_json_plain_run's loop around it, is the whole
 * scan for them; the others go on out of line.  With a 17th byte to
 * read, one that ends in it is taken too (all 16 plain: past them).
 * Inline, *plain costs nothing where it is not read.
 */
static inline __attribute__((always_inline)) const unsigned char *
llm_jc_string(const unsigned char *p, const unsigned char *end, int *plain)
{
#ifdef __SSE2__
    const unsigned char  *q;

    if (end - p > 17) {
        q = llm_jc_plain_end(p + 1);

        if (*q == '"') {
            *plain = 1;
            return q + 1;
        }

        *plain = 0;
        return llm_jc_string_rest(q, end);
    }
#endif

    *plain = 0;
    return llm_jc_string_rest(p + 1, end);
}


/*
 * The walk comes in two builds (llm_jc_walk_in): bounded, which tests
 * for end before each byte it reads, and framed, for a buffer whose last
 * byte is the '}' that closes the object it starts with.  Then no value,
 * key, ',' or ':' can be that last byte, so that past any of them there
 * is a byte to read: the framed walk tests for end only where a string
 * ends (the scan is bounded), past a container's end and before a
 * literal's bytes.  LLM_JC_END is the test both builds write.
 */
#define LLM_JC_END(p)  (!framed && (p) >= end)

/* the bytes from a key's quote within which the walk's member fast path
 * reads: the quote, 16 and 1 of the key, ':', '"', 16 and 1 of the
 * value, the ',' and '"' after it; the last at 38 (a count's 16 from 19
 * and the 3 of '[', '{', '"' from 19 are within them).  A longer key or
 * text is scanned on only below room: past it, as past a short one. */
#define LLM_JC_ROOM    39


static inline int
llm_jc_digit(unsigned char ch)
{
    return (unsigned char) (ch - '0') < 10;
}


/* Past the fraction and exponent of a number, if any, from p past its
 * integer part, or NULL. */
static inline __attribute__((always_inline)) const unsigned char *
llm_jc_number_tail(const unsigned char *p, const unsigned char *end,
    int framed)
{
    const unsigned char  *start;

    if (!LLM_JC_END(p) && (*p == '.' || (*p | 0x20) == 'e')) {
        /* a fraction or an exponent: rare in the answers */
        if (*p == '.') {
            start = ++p;
            while (!LLM_JC_END(p) && llm_jc_digit(*p)) {
                p++;
            }
            if (p == start) {
                return NULL;
            }
        }

        if (!LLM_JC_END(p) && (*p | 0x20) == 'e') {
            p++;
            if (!LLM_JC_END(p) && (*p == '+' || *p == '-')) {
                p++;
            }
            start = p;
            while (!LLM_JC_END(p) && llm_jc_digit(*p)) {
                p++;
            }
            if (p == start) {
                return NULL;
            }
        }
    }

    return p;
}


/* Past the number at p, or NULL (a '-' or a digit there). */
static inline __attribute__((always_inline)) const unsigned char *
llm_jc_number(const unsigned char *p, const unsigned char *end, int framed)
{
    if (*p == '-') {
        p++;

        if (LLM_JC_END(p)) {
            return NULL;
        }
    }

    if (*p == '0') {
        p++;

    } else if (llm_jc_digit(*p)) {
        do {
            p++;
        } while (!LLM_JC_END(p) && llm_jc_digit(*p));

    } else {
        return NULL;
    }

    return llm_jc_number_tail(p, end, framed);
}


#ifdef __SSE2__
/*
 * As llm_jc_number for a number that starts with a digit, at p with 16
 * bytes to read: its digits in one SSE2 test, where the loop takes 5
 * instructions a digit (a time has 10).  c - ('0' + 0x80) is below -118,
 * signed, for exactly the digits.
 */
static inline __attribute__((always_inline)) const unsigned char *
llm_jc_number16(const unsigned char *p, const unsigned char *end,
    int framed)
{
    unsigned  digits;
    __m128i   v;

    if (*p == '0') {
        return llm_jc_number_tail(p + 1, end, framed);
    }

    v = _mm_loadu_si128((const __m128i *) (const void *) p);
    digits = (unsigned) _mm_movemask_epi8(
                 _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(0x50)),
                                _mm_set1_epi8(-118)));

    if (digits == 0xffff) {
        return llm_jc_number(p, end, framed);   /* 16 digits and more */
    }

    p += __builtin_ctz(~digits);

    if (*p == ',') {
        return p;                               /* most: a member next */
    }

    return llm_jc_number_tail(p, end, framed);
}
#endif


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


/* What a value starts with, for the walk's dispatch: one load instead of
 * a chain of range tests.  0 is no value. */
#define LLM_JC_NUMBER   1
#define LLM_JC_LITERAL  2
#define LLM_JC_OPEN     3
#define LLM_JC_SPACE    4

static const unsigned char  llm_jc_class[256] = {
    ['-'] = LLM_JC_NUMBER,
    ['0'] = LLM_JC_NUMBER, ['1'] = LLM_JC_NUMBER, ['2'] = LLM_JC_NUMBER,
    ['3'] = LLM_JC_NUMBER, ['4'] = LLM_JC_NUMBER, ['5'] = LLM_JC_NUMBER,
    ['6'] = LLM_JC_NUMBER, ['7'] = LLM_JC_NUMBER, ['8'] = LLM_JC_NUMBER,
    ['9'] = LLM_JC_NUMBER,
    ['t'] = LLM_JC_LITERAL, ['f'] = LLM_JC_LITERAL, ['n'] = LLM_JC_LITERAL,
    ['{'] = LLM_JC_OPEN, ['['] = LLM_JC_OPEN,
    [' '] = LLM_JC_SPACE, ['\t'] = LLM_JC_SPACE, ['\n'] = LLM_JC_SPACE,
    ['\r'] = LLM_JC_SPACE
};


/* JSON's white space, as llm_json_ws skips it */
static inline int
llm_jc_ws(unsigned char ch)
{
    return ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t';
}


/*
 * 1 when the len bytes at k are those of name: a word or two compared,
 * where memcmp was a call.  Words that overlap when len is not a
 * multiple of theirs: both have len bytes.
 */
static inline int
llm_jc_same(const unsigned char *k, const char *name, size_t len)
{
    size_t    i;
    uint32_t  a4, b4, c4, d4;
    uint64_t  a8, b8;

    if (len >= 8) {
        for (i = 0; i + 8 < len; i += 8) {
            memcpy(&a8, k + i, 8);
            memcpy(&b8, name + i, 8);
            if (a8 != b8) {
                return 0;
            }
        }

        memcpy(&a8, k + len - 8, 8);
        memcpy(&b8, name + len - 8, 8);

        return a8 == b8;
    }

    if (len >= 4) {
        memcpy(&a4, k, 4);
        memcpy(&b4, name, 4);
        memcpy(&c4, k + len - 4, 4);
        memcpy(&d4, name + len - 4, 4);

        return ((a4 ^ b4) | (c4 ^ d4)) == 0;
    }

    for (i = 0; i < len; i++) {
        if (k[i] != (unsigned char) name[i]) {
            return 0;
        }
    }

    return 1;
}


/*
 * The bit of the plain keys of len bytes that start with c (an empty one
 * with its closing quote) in a filter of names (llm_jc_clear): a key of
 * a length and first byte asked for, not of a length alone, is matched.
 */
#define llm_jc_key_bit(len, c)  ((uint64_t) 1 << (((len) ^ (c)) & 63))


/* Clears the n members of m, and returns the filter of their names: a
 * plain key whose bit is not in it is none of them. */
static inline __attribute__((always_inline)) uint64_t
llm_jc_clear(llm_json_member_t *m, size_t n)
{
    size_t    i;
    uint64_t  keys;

    keys = 0;

    for (i = 0; i < n; i++) {
        m[i].value = NULL;
        m[i].value_len = 0;
        m[i].count = 0;

        keys |= llm_jc_key_bit(m[i].name_len,
                               m[i].name_len ? (unsigned char) m[i].name[0]
                                             : '"');
    }

    return keys;
}


/* A member asked for is found, its value value..p: the last one found
 * wins. */
static inline void
llm_jc_found(llm_json_member_t *found, const unsigned char *value,
    const unsigned char *p)
{
    found->value = (const char *) value;
    found->value_len = (size_t) (p - value);
    found->count++;
}


/*
 * The members asked for: the top object's (m, n) and m[0]'s object's
 * (sub, ns); outer and outer_value keep m[0] while its object is walked.
 * Apart from the walk's own variables: seldom used, they were spilled
 * and reloaded around the string scans in registers.
 */
typedef struct {
    llm_json_member_t    *m;
    size_t                n;
    llm_json_member_t    *sub;
    size_t                ns;
    llm_json_member_t    *outer;
    const unsigned char  *outer_value;
    uint64_t              keys_m;     /* llm_jc_clear's of m, of sub */
    uint64_t              keys_sub;
} llm_jc_ask_t;


/*
 * The member of ask (nask) named by the key k..end, or NULL.  What
 * llm_jc_key_is decides at its start is tested here first: most keys are
 * no name asked for, and of another length.  A plain key (no escape) is
 * its bytes: only a name of its length can be it.
 */
static inline __attribute__((always_inline)) llm_json_member_t *
llm_jc_match(llm_json_member_t *ask, size_t nask, const unsigned char *k,
    const unsigned char *end, int plain)
{
    size_t              len;
    llm_json_member_t  *m, *last;

    len = (size_t) (end - k);
    last = ask + nask;

    if (plain) {
        for (m = ask; m < last; m++) {
            if (len == m->name_len
                && (len == 0 || *k == (unsigned char) m->name[0])
                && llm_jc_same(k, m->name, len))
            {
                return m;
            }
        }

        return NULL;
    }

    for (m = ask; m < last; m++) {
        if (len == m->name_len) {
            if (llm_jc_same(k, m->name, len)) {
                return m;
            }

        } else if (len > m->name_len
                   && (*k == '\\' || *k == (unsigned char) m->name[0])
                   && llm_jc_key_is(k, end, m->name, m->name_len))
        {
            return m;
        }
    }

    return NULL;
}


/*
 * Past the one value at p, or NULL.  When that value is an object, the n
 * members asked for among its own members (a->m, a->n, matched by
 * llm_jc_match) are filled, and the ns asked for (a->sub, a->ns) among
 * those of m[0]'s value when that is an object (the last m[0]'s: sub is
 * cleared at each).  framed: see LLM_JC_END.
 *
 * cl is what closes the container open at depth ('}' or ']'), close[d]
 * what closes the one open at d below it: the stack the recursion kept.
 * Keys are matched at depth level against the nask of ask: 1 and m, or
 * 2 and sub inside m[0]'s object, or none (level 0) when nothing is
 * asked; found is the member whose value is being walked, filled when
 * the walk is back at level.
 *
 * Each step first tests for what compact JSON has there and skips white
 * space only when that fails: the bodies relayed are mostly compact.
 */
static inline __attribute__((always_inline)) const unsigned char *
llm_jc_walk_in(const unsigned char *p, const unsigned char *end,
    llm_jc_ask_t *a, int framed)
{
    int                   plain;
    size_t                depth, level, nask;
    uint64_t              keys;
    unsigned char         cl, close[LLM_JSON_CHECK_DEPTH];
    llm_json_member_t    *found, *ask;
    const unsigned char  *q, *key, *key_end, *value, *room;

    if (LLM_JC_END(p)) {
        return NULL;
    }

    if (*p == '"') {
        return llm_jc_string(p, end, &plain);   /* a value alone */
    }

    switch (llm_jc_class[*p]) {
    case LLM_JC_NUMBER:
        return llm_jc_number(p, end, framed);
    case LLM_JC_LITERAL:
        return llm_jc_literal(p, end);
    case LLM_JC_OPEN:
        break;
    default:
        return NULL;
    }

    /* below room, LLM_JC_ROOM bytes and more to the end: a pointer
     * compare in the member fast path (nothing is below p when the
     * buffer is shorter) */
    room = end - p > LLM_JC_ROOM ? end - LLM_JC_ROOM + 1 : p;

    depth = 0;
    cl = '\0';
    level = a->n ? 1 : 0;
    ask = a->m;
    nask = a->n;
    keys = a->keys_m;
    found = NULL;
    value = NULL;

    goto open;

member:

    /* p at a member's key, or at white space before it */

    if (LLM_JC_END(p)) {
        return NULL;
    }

    if (*p != '"') {
        if (llm_jc_ws(*p)) {
            p = llm_json_ws(p + 1, end);
            goto member;
        }

        return NULL;
    }

#ifdef __SSE2__
    while (p < room) {
        /*
         * The common member, "key":"value" or "key": and another value,
         * compact and far enough from the end that no read below needs
         * its test (all are within LLM_JC_ROOM bytes of p, below room),
         * and the next such member right after it.  A plain key at the
         * depth asked for is matched if its length is one asked for
         * (keys); anything else is left to the general path, from where
         * it went on.
         */
        q = llm_jc_plain_end(p + 1);

        if (q[0] != '"') {
            /*
             * 16 plain bytes and more: a long key (usage's details,
             * "cache_read_input_tokens"), scanned on below room, so that
             * what is read past it is within LLM_JC_ROOM of q - 17, as
             * for a key that ends within 16 bytes of p + 1.
             */
            key = p + 1;

            while (q == key + 16 && q < room) {
                key = q;
                q = llm_jc_plain_end(key);
            }

            if (q[0] != '"') {
                break;
            }
        }

        if (q[1] != ':') {
            break;
        }

        if (depth == level && (keys & llm_jc_key_bit(q - p - 1, p[1]))) {
            /* a plain key of a length and first byte asked for */
            key = p + 1;
            key_end = q;
            plain = 1;
            p = q + 2;
            goto match;
        }

        p = q + 2;

        if (*p != '"') {
            if (*p == '{' || *p == '[') {
                /*
                 * An object, or a list of objects, of compact members:
                 * opened here, where open would do no more than push.
                 * It goes down to m[0]'s members only when it opens
                 * m[0]'s value, and an asked key's value is not walked
                 * here.
                 */
                if (depth < LLM_JSON_CHECK_DEPTH - 1) {
                    if (p[0] == '{' && p[1] == '"') {
                        close[depth++] = cl;
                        cl = '}';
                        p++;
                        continue;
                    }

                    if (p[0] == '[' && p[1] == '{' && p[2] == '"') {
                        close[depth++] = cl;
                        close[depth++] = ']';
                        cl = '}';
                        p += 2;
                        continue;
                    }
                }

                goto open;
            }

            if (llm_jc_digit(*p)) {
                /* a count, an index, a time: "key":7 */

                p = llm_jc_number16(p, end, framed);

                if (p == NULL) {
                    return NULL;
                }

            } else if (*p == 'n' && llm_jc_lit4(p, "null")) {
                p += 4;         /* "refusal":null: within LLM_JC_ROOM */

            } else if (*p == 't' && llm_jc_lit4(p, "true")) {
                p += 4;

            } else if (*p == 'f' && llm_jc_lit4(p + 1, "alse")) {
                p += 5;

            } else {
                goto value;
            }

            if ((framed || end - p > 1) && p[0] == ',' && p[1] == '"') {
                p++;                            /* the next member */
                continue;
            }

            goto shut;          /* nothing to fill: no key found here */
        }

        q = llm_jc_plain_end(p + 1);

        if (*q != '"') {
            /* a long text, as a long key (key free till the next) */
            key = p + 1;

            while (q == key + 16 && q < room) {
                key = q;
                q = llm_jc_plain_end(key);
            }
        }

        if (*q == '"') {
            p = q + 1;

            if (p[0] == ',' && p[1] == '"') {
                p++;                            /* the next member */
                continue;
            }

            goto shut;          /* nothing to fill: no key found here */
        }

        p = llm_jc_string_rest(q, end);

        if (p == NULL) {
            return NULL;
        }

        /* a long text: as a short one after it, when it ends below room */

        if (p >= room) {
            goto next;
        }

        if (p[0] == ',' && p[1] == '"') {
            p++;
            goto member;
        }

        goto shut;
    }

    goto key;

shut:

    /*
     * p past a compact member's value: the ends of the objects and lists
     * it ends, each popped here while closed would do no more (nothing
     * found, above the depth asked for and the top), then the next
     * member.  Below room, a '}' or ']' at p is not the buffer's last.
     */
    while (p < room && *p == cl && found == NULL && depth > level
           && depth > 1)
    {
        cl = close[--depth];
        p++;

        if (p[0] == ',' && p[1] == '"' && cl == '}') {
            p++;
            goto member;
        }
    }

    goto next;          /* a number may end at the end: its test there */

key:
#endif

    if (depth == level) {
        goto asked;
    }

    /* most keys: nothing is asked for at their depth */

    p = llm_jc_string(p, end, &plain);

    if (p == NULL) {
        return NULL;
    }

    if (LLM_JC_END(p) || *p != ':') {
        p = llm_json_ws(p, end);

        if (p >= end || *p != ':') {
            return NULL;
        }
    }

    p++;

value:

    if (LLM_JC_END(p)) {
        return NULL;
    }

    /* the most frequent value, ahead of the dispatch */
    if (*p == '"') {
        p = llm_jc_string(p, end, &plain);

        if (p == NULL) {
            return NULL;
        }

        goto next;
    }

    switch (llm_jc_class[*p]) {

    case LLM_JC_NUMBER:
        p = llm_jc_number(p, end, framed);
        break;

    case LLM_JC_LITERAL:
        p = llm_jc_literal(p, end);
        break;

    case LLM_JC_OPEN:
        goto open;

    case LLM_JC_SPACE:
        p = llm_json_ws(p + 1, end);
        goto value;

    default:
        return NULL;
    }

    if (p == NULL) {
        return NULL;
    }

next:

    /* past a value in the container open at depth */

    if (found && depth == level) {
        llm_jc_found(found, value, p);
        found = NULL;
    }

    if (LLM_JC_END(p)) {
        return NULL;
    }

after:

    /* p (before end) past a value */

    if (*p == ',') {
        p++;

        if (cl == '}') {
            goto member;
        }

        if (!LLM_JC_END(p) && *p == '{') {
            goto open;                          /* a list of objects */
        }

        goto value;
    }

    if (*p == cl) {
        p++;
        goto closed;
    }

    /* the table's test: llm_jc_ws's constant was set up past each value */
    if (llm_jc_class[*p] == LLM_JC_SPACE) {
        p = llm_json_ws(p + 1, end);

        if (p >= end) {
            return NULL;
        }

        goto after;
    }

    return NULL;

open:

    /* p at a '{' or a '[' */

    if (depth == LLM_JSON_CHECK_DEPTH) {
        return NULL;
    }

    close[depth++] = cl;
    cl = *p + 2;                                /* '}' or ']' */

    if (found != NULL && found == a->m && a->ns && depth == 2 && cl == '}') {
        /* m[0]'s value is an object: now its members are asked for */
        a->outer = found;
        a->outer_value = value;
        found = NULL;
        level = 2;
        ask = a->sub;
        nask = a->ns;
        keys = a->keys_sub;
    }

    p++;

    if (!LLM_JC_END(p) && *p <= ' ') {
        p = llm_json_ws(p, end);
    }

    if (!LLM_JC_END(p) && *p == cl) {           /* empty */
        p++;
        goto closed;
    }

    if (cl == '}') {
        goto member;
    }

    if (!LLM_JC_END(p) && *p == '{') {
        goto open;                              /* a list of objects */
    }

    goto value;

closed:

    /* past a container's end */

    if (--depth == 0) {
        return p;
    }

    cl = close[depth];

    if (depth < level) {
        /* out of m[0]'s object: back to the top object's members */
        level = 1;
        ask = a->m;
        nask = a->n;
        keys = a->keys_m;
        found = a->outer;
        value = a->outer_value;
    }

    /* as at next, and the end tested in both builds: the framed walk
     * is past its last '}' when that closed a member's object */

    if (found && depth == level) {
        llm_jc_found(found, value, p);
        found = NULL;
    }

    if (p >= end) {
        return NULL;
    }

    goto after;

asked:

    /* a key at the depth of the members asked for */

    key = p + 1;
    p = llm_jc_string(p, end, &plain);

    if (p == NULL) {
        return NULL;
    }

    key_end = p - 1;

    if (LLM_JC_END(p) || *p != ':') {
        p = llm_json_ws(p, end);

        if (p >= end || *p != ':') {
            return NULL;
        }
    }

    p++;

    /* a plain key of no length and first byte asked for */
    if (plain && !(keys & llm_jc_key_bit(key_end - key, *key))) {
        goto value;
    }

match:

    /* p past the ':' after the key key..key_end */

    found = llm_jc_match(ask, nask, key, key_end, plain);

    if (found) {
        if (!LLM_JC_END(p) && *p <= ' ') {
            p = llm_json_ws(p, end);
        }

        value = p;

        if (found == a->m && a->ns && found->count) {
            /* the last m[0] wins: sub was filled from another before */
            (void) llm_jc_clear(a->sub, a->ns);
        }
    }

    goto value;
}


/* llm_jc_walk_in bounded: any value, any buffer */
static const unsigned char *
llm_jc_walk(const unsigned char *p, const unsigned char *end,
    llm_jc_ask_t *a)
{
    return llm_jc_walk_in(p, end, a, 0);
}


/* llm_jc_walk_in framed: an object at p, end just past its last '}' */
static const unsigned char *
llm_jc_walk_framed(const unsigned char *p, const unsigned char *end,
    llm_jc_ask_t *a)
{
    return llm_jc_walk_in(p, end, a, 1);
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
        return llm_jc_same(k, name, len);
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
    llm_jc_ask_t          a;
    const unsigned char  *q, *end, *last;

    q = (const unsigned char *) p;
    end = q + len;

    a.keys_m = llm_jc_clear(m, n);
    a.keys_sub = llm_jc_clear(sub, ns);

    q = llm_json_ws(q, end);

    if (q >= end || *q != '{') {
        return 0;
    }

    a.m = m;
    a.n = n;
    a.sub = sub;
    a.ns = n ? ns : 0;                          /* no m[0] to look in */
    a.outer = NULL;
    a.outer_value = NULL;

    /* the object and white space to the end: its last byte a '}' */

    last = end;
    while (llm_jc_ws(last[-1])) {
        last--;                                 /* not past the '{' */
    }

    if (last[-1] == '}') {
        return llm_jc_walk_framed(q, last, &a) == last;
    }

    q = llm_jc_walk(q, end, &a);                /* to find what it finds */

    if (q == NULL) {
        return 0;
    }

    q = llm_json_ws(q, end);

    return q == end;
}


const char *
llm_json_skip(const char *p, const char *end)
{
    llm_jc_ask_t  a;

    memset(&a, 0, sizeof(llm_jc_ask_t));

    return (const char *) llm_jc_walk(
        llm_json_ws((const unsigned char *) p, (const unsigned char *) end),
        (const unsigned char *) end, &a);
}
