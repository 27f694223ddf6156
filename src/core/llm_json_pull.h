/*
 * A pull reader: JSON values read one at a time from the bytes, with no
 * document.  For checking a body whose shape the caller knows (the
 * codecs' check_request) at a fraction of what reading it into jansson
 * and walking that costs.
 *
 * It accepts what llm_json_loadb accepts with JSON_REJECT_DUPLICATES, or
 * less: every function returns -1 for what the reader would reject, and
 * also for what this reader does not take on (an escaped key, a number
 * the fast conversion cannot read exactly).  To its callers -1 means
 * "not sure": the full parse decides, and says what is wrong.
 * Duplicate keys: llm_jpull_skip refuses them in what it skips (with a
 * key set of its own, of no limit); in an object a caller walks itself,
 * the caller notices them (a bit per member it reads, or a
 * llm_jpull_keys_t when it skips some).
 */

#ifndef LLM_JSON_PULL_H
#define LLM_JSON_PULL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "llm_ir.h"
#include "llm_json.h"


typedef struct {
    const unsigned char  *p;
    const unsigned char  *end;
} llm_jpull_t;

/* The kinds llm_jpull_peek tells apart, by the value's first byte. */
#define LLM_JPULL_OBJECT  '{'
#define LLM_JPULL_ARRAY   '['
#define LLM_JPULL_STRING  '"'
#define LLM_JPULL_NUMBER  '0'
#define LLM_JPULL_TRUE    't'
#define LLM_JPULL_FALSE   'f'
#define LLM_JPULL_NULL    'n'


void llm_jpull_init(llm_jpull_t *j, const char *p, size_t len);


/*
 * The steps every value and member takes are inline below (most of a
 * check's calls; the module is a shared object, where a call to another
 * file's function also goes through the PLT).  Each first tests for
 * what compact JSON has there, and skips white space only when that
 * fails.
 */

/* The kind of each byte a value may start with (0 for the others), and
 * LLM_JPULL_WS for white space: one load tells the kind. */
#define LLM_JPULL_WS  1

extern const unsigned char  llm_jpull_kind[256];

/* The kind of the next value (white space skipped), 0 when none can
 * start there. */
static inline int
llm_jpull_peek(llm_jpull_t *j)
{
    int  k;

    if (j->p >= j->end) {
        return 0;
    }

    k = llm_jpull_kind[*j->p];

    if (k == LLM_JPULL_WS) {
        j->p = llm_json_ws(j->p, j->end);
        k = (j->p < j->end) ? llm_jpull_kind[*j->p] : 0;
    }

    return k;
}


/* '{' or '[': past it, 0; else -1. */
static inline int
llm_jpull_open(llm_jpull_t *j, int ch)
{
    if (llm_jpull_peek(j) != ch) {
        return -1;
    }

    j->p++;
    return 0;
}


/* A string from p (past its opening quote, or past a plain run of it)
 * with escapes, UTF-8 or longer than llm_jpull_short takes: p past its
 * closing quote, or NULL; escaped set when it has any.  (Returned, not
 * written through a pointer: a local's address passed out of line
 * would cost each function that reads a string a stack guard.) */
typedef struct {
    const unsigned char  *p;
    int                   escaped;
} llm_jpull_rest_t;

llm_jpull_rest_t llm_jpull_string_rest(const unsigned char *p,
    const unsigned char *end);


/*
 * The closing quote of a plain string from s (past its opening quote)
 * that ends within the next 16 bytes (8 without SSE2), or NULL: most
 * strings, and nearly every key, are such, and one load and a mask tell
 * them (llm_json_plain_run's).
 */
static inline const unsigned char *
llm_jpull_short(const unsigned char *s, const unsigned char *end)
{
    const unsigned char  *p;
#ifdef __SSE2__
    int                   m;

    if (end - s < 16) {
        return NULL;
    }

    m = llm_json_plain_mask16(_mm_loadu_si128((const __m128i *)
                                              (const void *) s));
    if (m == 0) {
        return NULL;
    }

    p = s + __builtin_ctz((unsigned) m);

#elif LLM_JSON_LITTLE_ENDIAN
    uint64_t              x, m;

    if (end - s < 8) {
        return NULL;
    }

    memcpy(&x, s, 8);
    m = llm_json_plain_mask(x);
    if (m == 0) {
        return NULL;
    }

    p = s + llm_json_plain_bytes(m);

#else
    return NULL;
#endif

    return (*p == '"') ? p : NULL;
}


/* A string: 0 with its bytes between the quotes in raw and *escaped set
 * when any escape is among them (then raw is not its value), or -1.
 * (Forced inline: the short string's path is a few instructions, a call
 * would double them.) */
static inline int llm_jpull_string(llm_jpull_t *j, llm_str_t *raw,
    int *escaped) __attribute__((always_inline));

static inline int
llm_jpull_string(llm_jpull_t *j, llm_str_t *raw, int *escaped)
{
    llm_jpull_rest_t      rest;
    const unsigned char  *p, *s, *r;
#ifdef __SSE2__
    int                   m;
#endif

    if ((j->p >= j->end || *j->p != '"') && llm_jpull_peek(j) != '"') {
        return -1;
    }

    s = j->p + 1;
    *escaped = 0;

#ifdef __SSE2__
    /* llm_jpull_short's load, and the rest of a longer string from its
     * first stop, or past the block when it has none */
    p = NULL;
    r = s;

    if (j->end - s >= 16) {
        m = llm_json_plain_mask16(_mm_loadu_si128((const __m128i *)
                                                  (const void *) s));
        r = s + (m ? __builtin_ctz((unsigned) m) : 16);

        if (m != 0 && *r == '"') {
            p = r;
        }
    }
#else
    p = llm_jpull_short(s, j->end);
    r = s;
#endif

    if (p == NULL) {
        rest = llm_jpull_string_rest(r, j->end);
        if (rest.p == NULL) {
            return -1;
        }
        p = rest.p - 1;
        *escaped = rest.escaped;
    }

    llm_str_set(raw, (const char *) s, (size_t) (p - s));
    j->p = p + 1;
    return 0;
}


/* The value of a string llm_jpull_string read with escapes (raw, as it
 * gave it): decoded as the reader decodes it into out (room for raw->len
 * bytes: decoding never lengthens), not NUL-terminated; its length. */
size_t llm_jpull_unescape(const llm_str_t *raw, char *out);


/* A string whose value is its bytes (no escape): 0 or -1.  (Forced
 * inline: every key is one.) */
static inline int llm_jpull_plain(llm_jpull_t *j, llm_str_t *s)
    __attribute__((always_inline));

static inline int
llm_jpull_plain(llm_jpull_t *j, llm_str_t *s)
{
    int  escaped;

    if (llm_jpull_string(j, s, &escaped) != 0 || escaped) {
        return -1;
    }

    return 0;
}


/* llm_jpull_member for any JSON (white space, long or escaped keys) */
int llm_jpull_member_any(llm_jpull_t *j, size_t i, llm_str_t *key);

/* The i-th member of the object open (i from 0): 1 with the key's bytes
 * (between its quotes, no escape in them) and past the ':', 0 past the
 * closing '}', -1.  Inline, the case of compact JSON with a short key:
 * every member takes it. */
static inline int
llm_jpull_member(llm_jpull_t *j, size_t i, llm_str_t *key)
{
    const unsigned char  *p, *q;

    p = j->p;

    if (p >= j->end) {
        return -1;
    }

    if (*p == '}') {
        j->p++;
        return 0;
    }

    if (i) {
        if (*p != ',') {
            return llm_jpull_member_any(j, i, key);
        }
        p++;
    }

    if (p < j->end && *p == '"') {
        q = llm_jpull_short(p + 1, j->end);

        if (q != NULL && q + 1 < j->end && q[1] == ':') {
            llm_str_set(key, (const char *) p + 1, (size_t) (q - p - 1));
            j->p = q + 2;
            return 1;
        }
    }

    return llm_jpull_member_any(j, i, key);
}


/* The i-th element of the array open: 1 when one follows, 0 past the
 * closing ']', -1. */
static inline int
llm_jpull_element(llm_jpull_t *j, size_t i)
{
    if (i && j->p < j->end && *j->p == ',') {
        j->p++;                         /* compact JSON: the usual case */
        return 1;
    }

    if (llm_jpull_peek(j) == 0 && j->p < j->end && *j->p == ']') {
        j->p++;
        return 0;
    }

    if (i) {
        if (j->p >= j->end || *j->p != ',') {
            return -1;
        }
        j->p++;
    }

    return 1;
}


/* null: 1 past it, 0 when the next value is not null (nothing read). */
static inline int
llm_jpull_null(llm_jpull_t *j)
{
    if (llm_jpull_peek(j) == 'n' && j->end - j->p >= 4
        && memcmp(j->p, "null", 4) == 0)
    {
        j->p += 4;
        return 1;
    }

    return 0;
}


/* The value of a string read by llm_jpull_string (raw, escaped),
 * decoded as the reader decodes it, NUL-terminated, in a's memory: its
 * length in *len; NULL on out of memory. */
char *llm_jpull_copy(llm_arena_t *a, const llm_str_t *raw, int escaped,
    size_t *len);

/* An object as the document holds it: built from its bytes by the
 * reader that loads a body (JSON_REJECT_DUPLICATES), as deep in it as
 * depth values enclosing it (the reader's limit counts them), kept by
 * a.  0 or -1 (also for a value not an object). */
int llm_jpull_load_object(llm_arena_t *a, llm_jpull_t *j, int depth,
    json_t **out);


/* 1 when the value at j is an object whose text starts with the n bytes
 * of lit (its brace, a key and a colon, compact, and perhaps a value's
 * start), j then past the first past of them; 0, j unmoved, otherwise.
 * For the shapes most bodies have: the caller goes on as its member loop
 * would from there. */
static inline int
llm_jpull_starts(llm_jpull_t *j, const char *lit, size_t n, size_t past)
{
    if (llm_jpull_peek(j) != LLM_JPULL_OBJECT
        || (size_t) (j->end - j->p) < n || memcmp(j->p, lit, n) != 0)
    {
        return 0;
    }

    j->p += past;
    return 1;
}


/* A string (not null) decoded into a's memory, NUL-terminated as
 * jansson's are: 0 with *out, or -1 (not a string, out of memory).
 * Inline: the fast reads call it for most strings they keep. */
static inline int
llm_jpull_read_string(llm_arena_t *a, llm_jpull_t *j, llm_str_t *out)
{
    int         escaped;
    char       *s;
    size_t      n;
    llm_str_t   raw;

    if (llm_jpull_string(j, &raw, &escaped) != 0) {
        return -1;
    }

    s = llm_jpull_copy(a, &raw, escaped, &n);
    if (s == NULL) {
        return -1;
    }

    llm_str_set(out, s, n);
    return 0;
}

/* A reader of the value at at, a position a member loop noted, to the
 * end of j's text (the value is known to be well formed). */
static inline void
llm_jpull_at(llm_jpull_t *v, const llm_jpull_t *j, const unsigned char *at)
{
    v->p = at;
    v->end = j->end;
}


/* An integer (no fraction, no exponent) within int64: 0 or -1. */
int llm_jpull_int(llm_jpull_t *j, int64_t *v);

/* Any number, as the reader's double: 0 or -1 (also for a real the
 * fast conversion cannot read exactly). */
int llm_jpull_number(llm_jpull_t *j, double *d);

/* llm_jpull_number, and a real the fast conversion cannot read read as
 * the reader reads it (strtod, locale and all): 0 or -1. */
int llm_jpull_number_exact(llm_jpull_t *j, double *d);

/* true or false: 0 with *b, or -1. */
int llm_jpull_bool(llm_jpull_t *j, int *b);


/*
 * Optional fields, where null is as good as absent (the codecs' rule):
 * 0 for null or a value of the kind within the bounds, else -1.
 */
int llm_jpull_opt_number(llm_jpull_t *j, double min, double max);
int llm_jpull_opt_int(llm_jpull_t *j, int64_t min, int64_t max);
int llm_jpull_opt_bool(llm_jpull_t *j, int *b);   /* *b unchanged on null */

/* (inline: most fields are strings; a string is tested for first) */
static inline int
llm_jpull_opt_string(llm_jpull_t *j)
{
    int        escaped;
    llm_str_t  s;

    if (j->p < j->end && *j->p == '"') {
        return llm_jpull_string(j, &s, &escaped);
    }

    if (llm_jpull_null(j)) {
        return 0;
    }

    return llm_jpull_string(j, &s, &escaped);
}

/* A string (not null), escapes or not: 0 or -1. */
int llm_jpull_any_string(llm_jpull_t *j);

/* null, or any object (checked as JSON, as llm_jpull_skip): 0 or -1. */
int llm_jpull_opt_object(llm_jpull_t *j);

/* null, or an array whose every element each() takes: 0 or -1. */
int llm_jpull_opt_array(llm_jpull_t *j, int (*each)(llm_jpull_t *j));

/* The key k is the ASCII name s (a literal). */
#define llm_jpull_key_is(k, s)                                               \
    ((k)->len == sizeof(s) - 1 && memcmp((k)->data, s, sizeof(s) - 1) == 0)

/*
 * The keys of one object, to refuse a repeat as the reader does
 * (JSON_REJECT_DUPLICATES): 0 when key is new (and now kept), -1 when
 * seen, or when the object has more keys than this keeps.
 */
#define LLM_JPULL_KEYS  32

typedef struct {
    llm_str_t  keys[LLM_JPULL_KEYS];
    size_t     n;
} llm_jpull_keys_t;

#define llm_jpull_keys_init(ks)  (ks)->n = 0

/* a and b, of one length and first byte, the same bytes (out of line:
 * a call of memcmp would cost every key a frame) */
int llm_jpull_key_same(const llm_str_t *a, const llm_str_t *b);

static inline int
llm_jpull_key_new(llm_jpull_keys_t *ks, const llm_str_t *key)
{
    size_t  i;

    /* the length and the first byte rule out most before a compare */
    for (i = 0; i < ks->n; i++) {
        if (ks->keys[i].len == key->len
            && (key->len == 0
                || (ks->keys[i].data[0] == key->data[0]
                    && llm_jpull_key_same(&ks->keys[i], key))))
        {
            return -1;
        }
    }

    if (ks->n == LLM_JPULL_KEYS) {
        return -1;
    }

    ks->keys[ks->n++] = *key;
    return 0;
}

/* llm_jpull_member, and -1 when the key is one ks has seen (or one too
 * many for it) */
static inline int
llm_jpull_member_new(llm_jpull_t *j, size_t i, llm_str_t *key,
    llm_jpull_keys_t *ks)
{
    int  rc;

    rc = llm_jpull_member(j, i, key);

    return (rc == 1 && llm_jpull_key_new(ks, key) != 0) ? -1 : rc;
}

/* Any one value, as the reader accepts it (duplicate keys refused, in
 * objects of any number of keys): 0 past it, or -1, also for what it
 * does not take on (keys as for llm_jpull_member, nesting deeper than
 * LLM_JPULL_DEPTH). */
#define LLM_JPULL_DEPTH  64

int llm_jpull_skip(llm_jpull_t *j);

/* check(j), a check of one value that depends on its bytes alone, with
 * the memo of checked values (llm_json_memo.h) under the verdict: an
 * object or array found good before, as the same bytes, is passed
 * without being read again. */
int llm_jpull_checked(llm_jpull_t *j, unsigned verdict,
    int (*check)(llm_jpull_t *j));

/* Nothing but white space left: 0, else -1. */
int llm_jpull_end(llm_jpull_t *j);


#endif /* LLM_JSON_PULL_H */
