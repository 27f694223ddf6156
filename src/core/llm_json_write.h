/*
 * Writing compact JSON text token by token, into arena memory: what
 * llm_json_dump writes for a document, without the document.  The codecs'
 * write_request (llm_codec.h) writes an upstream body straight from the
 * IR with these; llm_json_write.c writes documents with the same
 * functions, so both give the same bytes for the same values (strings
 * escaped as jansson escapes them, reals in llm_json.h's form).
 *
 * Every function returns 0, or -1 on out of memory (a string that is not
 * UTF-8 is -1 too, as json_dumps fails); after a -1 the writer is only
 * good for being dropped.
 */

#ifndef LLM_JSON_WRITE_H
#define LLM_JSON_WRITE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <jansson.h>

#include "llm_arena.h"
#include "llm_json.h"


typedef struct {
    char         *data;
    size_t        len;
    size_t        cap;
    llm_arena_t  *arena;        /* NULL: data is the heap buffer of buf */
    llm_buf_t    *buf;
} llm_jw_t;


/* An empty writer into a's memory. */
static inline void
llm_jw_init(llm_jw_t *w, llm_arena_t *a)
{
    w->data = NULL;
    w->len = 0;
    w->cap = 0;
    w->arena = a;
    w->buf = NULL;
}

/* What was written, NUL-terminated, its length in *len; NULL when
 * nothing was (out of memory). */
char *llm_jw_finish(llm_jw_t *w, size_t *len);

int llm_jw_grow(llm_jw_t *w, size_t n);
/* any string (llm_jw_string's general case: kept out of line, as it
 * would otherwise be inlined into every caller of llm_jw_string) */
int llm_jw_string_any(llm_jw_t *w, const char *s, size_t n)
#if defined(__GNUC__)
    __attribute__((noinline))
#endif
    ;
int llm_jw_integer(llm_jw_t *w, json_int_t v);
int llm_jw_real(llm_jw_t *w, double v);

/* v as llm_jw_real writes it where that is its shortest form (at most 20
 * bytes into buf, 24 or more long): the length, or 0 where the writer
 * falls back to "%.17g" */
size_t llm_jw_real_short(char *buf, double v);
/* a whole jansson value (NULL: -1) */
int llm_jw_value(llm_jw_t *w, const json_t *j);


/* An empty writer into a's memory, with room for about the body of
 * body_len bytes it translates (0: unknown) when that is large: one
 * allocation for it instead of a doubling from 512 bytes, whose steps add
 * up to twice the body (and each large, llm_arena.c) */
static inline int
llm_jw_init_for(llm_jw_t *w, llm_arena_t *a, size_t body_len)
{
    size_t  cap;

    llm_jw_init(w, a);

    if (body_len < 16384) {
        return 0;
    }

    cap = body_len + body_len / 8;

    w->data = llm_arena_alloc(a, cap);
    if (w->data == NULL) {
        return -1;
    }

    w->cap = cap;
    return 0;
}

/* Room for n more bytes and the terminating NUL.  The test is inline:
 * it comes before every token written, and almost always passes. */
static inline int
llm_jw_reserve(llm_jw_t *w, size_t n)
{
    return w->cap - w->len > n ? 0 : llm_jw_grow(w, n);
}


/* n bytes as they are: punctuation, literals, "key": runs of our own */
static inline int
llm_jw_raw(llm_jw_t *w, const char *p, size_t n)
{
    if (llm_jw_reserve(w, n) != 0) {
        return -1;
    }

    memcpy(w->data + w->len, p, n);
    w->len += n;
    return 0;
}

/* a string literal of ours, e.g. llm_jw_lit(w, "{\"role\":") */
#define llm_jw_lit(w, s)  llm_jw_raw(w, "" s "", sizeof(s) - 1)


/*
 * A string value or key, quoted and escaped.  Most are short and plain:
 * from 4 to 15 bytes, two words (overlapping when they must, both within
 * the string) test and copy them all at once, inline, without the
 * general function's frame.
 */
static inline int
llm_jw_string(llm_jw_t *w, const char *s, size_t n)
{
    char      *o;
    uint32_t   h, t;
    uint64_t   x, y;

    if (n < 4 || n >= 16 || w->cap - w->len <= n + 2) {
        return llm_jw_string_any(w, s, n);
    }

    o = w->data + w->len;

    if (n >= 8) {
        memcpy(&x, s, 8);
        memcpy(&y, s + n - 8, 8);

        if ((llm_json_plain_mask(x) | llm_json_plain_mask(y)) != 0) {
            return llm_jw_string_any(w, s, n);
        }

        memcpy(o + 1, &x, 8);
        memcpy(o + 1 + n - 8, &y, 8);

    } else {
        memcpy(&h, s, 4);
        memcpy(&t, s + n - 4, 4);

        if (llm_json_plain_mask(h | (uint64_t) t << 32) != 0) {
            return llm_jw_string_any(w, s, n);
        }

        memcpy(o + 1, &h, 4);
        memcpy(o + 1 + n - 4, &t, 4);
    }

    o[0] = '"';
    o[n + 1] = '"';
    w->len += n + 2;

    return 0;
}

#endif /* LLM_JSON_WRITE_H */
