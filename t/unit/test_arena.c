/*
 * What the arenas keep of their memory for later ones (llm_arena.c): the
 * large chunks a large body's translation takes (above the 16 KB ones),
 * given to a later need they fit, the smallest that does; up to 4 MB and
 * 16 of them, the larger kept first.  And the request writers' buffer,
 * sized from the client's body once it is large (llm_jw_init_for), not
 * doubled up to it: a 400 KB conversation written for each dialect both
 * ways (the fast writer and the document's) to the same bytes, in about
 * its own size of memory.  Prints TAP.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* (the helpers for answers are not used here) */
#pragma GCC diagnostic ignored "-Wunused-function"
#include "fast_paths.h"
#pragma GCC diagnostic warning "-Wunused-function"
#include "llm_arena.h"
#include "llm_codec.h"
#include "llm_translate.h"
#include "tap.h"


#define MB  (1024 * 1024)


/* One arena with one allocation of n bytes, filled with byte v */
static void *
alloc_one(llm_arena_t *a, size_t n, int v)
{
    void  *p;

    llm_arena_init(a, 16384);
    p = llm_arena_alloc(a, n);
    if (p != NULL) {
        memset(p, v, n);
    }

    return p;
}


/* Arenas of one allocation each, of the n sizes in turn, then freed in
 * the same order */
static void
alloc_free(const size_t *sizes, size_t n)
{
    size_t       i;
    llm_arena_t  a[8];

    for (i = 0; i < n && i < 8; i++) {
        alloc_one(&a[i], sizes[i], (int) i);
    }

    for (i = 0; i < n && i < 8; i++) {
        llm_arena_free(&a[i]);
    }
}


static size_t
kept_bytes(void)
{
    size_t  chunks, bytes;

    llm_arena_kept(&chunks, &bytes);
    return bytes;
}


static size_t
kept_chunks(void)
{
    size_t  chunks, bytes;

    llm_arena_kept(&chunks, &bytes);
    return chunks;
}


static void
test_reuse(void)
{
    int           fits;
    char         *p, *q, *r, *s, *x, *xs[40];
    size_t        i;
    llm_arena_t   a, b, c, d;

    llm_arena_drop_kept();

    p = alloc_one(&a, 100000, 'a');
    llm_arena_free(&a);
    ok(kept_chunks() == 1 && kept_bytes() == 100000,
       "a large chunk freed is kept", NULL);

    q = alloc_one(&a, 60000, 'b');
    ok(q == p && kept_chunks() == 0,
       "and given to the next need it fits", NULL);
    llm_arena_free(&a);

    /* three of 100, 300 and 200 KB kept; 150 KB takes the 200 KB one */
    llm_arena_drop_kept();
    p = alloc_one(&a, 100000, 1);
    q = alloc_one(&b, 300000, 2);
    r = alloc_one(&c, 200000, 3);
    llm_arena_free(&a);
    llm_arena_free(&b);
    llm_arena_free(&c);
    ok(kept_chunks() == 3 && kept_bytes() == 600000, "three kept", NULL);

    s = alloc_one(&d, 150000, 4);
    ok(s == r, "the smallest that fits is taken", NULL);

    /* its room past the 150 KB serves the arena's next allocations, which
     * must not overlap it or one another */
    fits = 1;
    for (i = 0; i < 40; i++) {
        xs[i] = llm_arena_alloc(&d, 1000);
        if (xs[i] == NULL) {
            fits = 0;
            break;
        }
        memset(xs[i], (int) (i + 10), 1000);
        fits &= (xs[i] >= s + 150000 && xs[i] + 1000 <= s + 200000);
    }
    ok(fits, "its room beyond the need is used, within it", NULL);

    for (i = 0; fits && i < 150000; i++) {
        fits &= (s[i] == 4);
    }
    for (i = 0; fits && i < 40 * 1000; i++) {
        fits &= (xs[i / 1000][i % 1000] == (char) (i / 1000 + 10));
    }
    ok(fits, "each allocation keeps what was written to it", NULL);

    x = alloc_one(&a, 250000, 5);
    ok(x == q, "then 250 KB takes the 300 KB one", NULL);
    x = alloc_one(&b, 150000, 6);
    ok(x != p && kept_chunks() == 1,
       "and a need none fits is a new chunk, the small one kept", NULL);

    llm_arena_free(&a);
    llm_arena_free(&b);
    llm_arena_free(&d);
    llm_arena_drop_kept();
    ok(kept_chunks() == 0 && kept_bytes() == 0, "all dropped", NULL);
}


static void
test_bounds(void)
{
    int           bounded;
    size_t        i;
    llm_arena_t   a[20];

    /* 1 MB chunks: four fit in 4 MB; 2 MB next: one of them goes */
    llm_arena_drop_kept();
    alloc_free((size_t[]) { 1000000, 1000000, 1000000, 1000000, 1000000 },
               5);
    ok(kept_chunks() == 4 && kept_bytes() == 4000000,
       "up to 4 MB of large chunks kept", NULL);

    alloc_free((size_t[]) { 2000000 }, 1);
    ok(kept_chunks() == 3 && kept_bytes() == 4000000,
       "a larger one kept in place of smaller ones", NULL);

    /* all three taken, and a new chunk of 600 KB; the 600 KB one freed
     * first is kept, then gives way to the 2 MB one */
    alloc_one(&a[0], 1000000, 'm');
    alloc_one(&a[1], 1000000, 'm');
    alloc_one(&a[2], 2000000, 'm');
    alloc_one(&a[3], 600000, 'm');
    ok(kept_chunks() == 0, "(all taken)", NULL);
    llm_arena_free(&a[3]);
    llm_arena_free(&a[0]);
    llm_arena_free(&a[1]);
    ok(kept_chunks() == 3 && kept_bytes() == 2600000, "(three kept)", NULL);
    llm_arena_free(&a[2]);
    ok(kept_chunks() == 3 && kept_bytes() == 4000000,
       "a smaller one gives way to a larger", NULL);

    /* the same, the 600 KB one freed last: all 4 MB are larger */
    alloc_free((size_t[]) { 1000000, 1000000, 2000000, 600000 }, 4);
    ok(kept_chunks() == 3 && kept_bytes() == 4000000,
       "a smaller one is not kept in place of larger ones", NULL);

    /* 0.5 and 3.5 MB kept: a new 1 MB one does not fit even without
     * the 0.5 MB one, which stays */
    llm_arena_drop_kept();
    alloc_free((size_t[]) { 500000, 3500000, 1000000 }, 3);
    ok(kept_chunks() == 2 && kept_bytes() == 4000000,
       "none let go for a chunk that would not fit anyway", NULL);

    llm_arena_drop_kept();
    alloc_free((size_t[]) { 5 * MB }, 1);
    ok(kept_chunks() == 0, "one over 4 MB is never kept", NULL);

    bounded = 1;
    for (i = 0; i < 20; i++) {
        bounded &= (alloc_one(&a[i], 20000 + i, 'q') != NULL);
    }
    for (i = 0; i < 20; i++) {
        llm_arena_free(&a[i]);
    }
    ok(bounded && kept_chunks() == 16, "at most 16 large chunks kept", NULL);

    /* the translation-sized ones, as before: up to 64 */
    llm_arena_drop_kept();
    for (i = 0; i < 20; i++) {
        llm_arena_init(&a[i], 16384);
        llm_arena_alloc(&a[i], 3000);
    }
    for (i = 0; i < 20; i++) {
        llm_arena_free(&a[i]);
    }
    ok(kept_chunks() == 20 && kept_bytes() == 20 * 16384,
       "16 KB chunks kept as before", NULL);
    llm_arena_drop_kept();
}


/* A conversation of about len bytes from an OpenAI client */
static char *
large_body(size_t len, size_t *n)
{
    char    *b, *o;
    size_t   i, k;

    b = malloc(len + 4096);
    if (b == NULL) {
        return NULL;
    }

    o = b + sprintf(b, "{\"model\":\"gpt-4o\",\"max_tokens\":100,"
                    "\"messages\":[{\"role\":\"system\",\"content\":\"Be "
                    "brief.\"}");
    for (i = 0; (size_t) (o - b) < len; i++) {
        o += sprintf(o, ",{\"role\":\"%s\",\"content\":\"turn %zu: ",
                     i % 2 ? "assistant" : "user", i);
        for (k = 0; k < 900; k++) {
            *o++ = "abcdefgh \\\"\xc3\xa9"[k % 8 == 7 ? 8 : k % 8];
        }
        o += sprintf(o, "\"}");
    }
    o += sprintf(o, "]}");

    *n = (size_t) (o - b);
    return b;
}


static void
test_writers(void)
{
    int                 rc, taken;
    char               *body, *out, what[128];
    size_t              len, outlen;
    unsigned            i;
    llm_arena_t         a;
    llm_options_t       opt;
    llm_warnings_t      w;
    llm_translation_t   t, doc, fast;
    const llm_codec_t  *c;
    llm_dialect_e       ups[] = { LLM_DIALECT_ANTHROPIC, LLM_DIALECT_OPENAI };

    body = large_body(400000, &len);
    if (body == NULL) {
        ok(0, "a 400 KB body", "out of memory");
        return;
    }

    llm_translation_init(&t, LLM_DIALECT_OPENAI, LLM_DIALECT_ANTHROPIC);
    rc = llm_parse_request(&t, body, len, NULL);
    ok(rc == 0 && t.req.nmessages > 400 && t.req.body_len == len,
       "a 400 KB conversation is read, its length kept", t.err.message);

    rc = fast_read_compare(LLM_DIALECT_OPENAI, body, len, NULL, &doc, &fast);
    ok(rc == 1 && doc.parsed, "read both ways: the same", fast_why);
    if (rc == 1) {
        llm_translation_free(&fast);
    }

    memset(&opt, 0, sizeof(opt));
    opt.default_max_tokens = LLM_DEFAULT_MAX_TOKENS;

    for (i = 0; i < 2; i++) {
        snprintf(what, sizeof(what), "written for %s both ways: the same",
                 llm_dialect_name(ups[i]));
        rc = fast_write_compare(ups[i], &t.req, &doc.req, &opt, &taken);
        ok(rc == 0 && taken, what, fast_why);

        /* the writer's buffer: one of about the body's size, not the
         * doubling's steps (512 bytes up to 512 KB: twice as much) */
        c = llm_codec(ups[i]);
        llm_arena_drop_kept();
        llm_arena_init(&a, 16384);
        memset(&w, 0, sizeof(w));
        out = NULL;
        rc = c->write_request(&a, &t.req, &opt, &w, &out, &outlen);
        snprintf(what, sizeof(what), "written for %s in %zu KB for %zu KB",
                 llm_dialect_name(ups[i]), a.allocated / 1024, outlen / 1024);
        ok(rc == 0 && outlen > len / 2
           && a.allocated < len + len / 2, what, NULL);
        llm_arena_free(&a);
    }

    llm_translation_free(&doc);
    llm_translation_free(&t);
    free(body);
    llm_arena_drop_kept();
}


int
main(void)
{
    test_reuse();
    test_bounds();
    test_writers();

    return tap_done();
}
