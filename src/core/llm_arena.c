/*
 * Bump allocator for one translation; see llm_arena.h.
 */

#include <stdlib.h>
#include <string.h>

#include "llm_arena.h"


/*
 * jansson allocates through these: inside a translation (a current arena
 * is set) from the translation's arena, so that building and releasing
 * the documents costs no malloc/free per value; elsewhere (streams, which
 * release each event at once) from the heap.  A tag before each block
 * says which, so that jansson's free knows.
 */

#define LLM_JSON_HDR    16
#define LLM_JSON_HEAP   0x6865617070ul     /* tags, unlikely by accident */
#define LLM_JSON_ARENA  0x6172656e61ul

static llm_arena_t  *llm_json_arena;

int  (*llm_arena_fault)(void);


struct llm_arena_chunk_s {
    llm_arena_chunk_t  *next;
    size_t              size;
    size_t              used;
    /* data follows, aligned */
};

struct llm_arena_json_s {
    llm_arena_json_t   *next;
    json_t             *json;
};


#define LLM_ARENA_ALIGN       16
#define LLM_ARENA_HDR                                                      \
    ((sizeof(llm_arena_chunk_t) + LLM_ARENA_ALIGN - 1)                     \
     & ~(size_t) (LLM_ARENA_ALIGN - 1))


static void *
llm_json_malloc(size_t n)
{
    size_t              *p, size;
    llm_arena_chunk_t   *c;

    if (llm_json_arena) {
        if (llm_arena_fault != NULL && llm_arena_fault()) {
            llm_json_arena->failures++;
            return NULL;
        }

        /* the bump of llm_arena_alloc, inline: jansson allocates per
         * value, and this is the commonest call of a translation */
        c = llm_json_arena->chunks;
        size = (n + LLM_JSON_HDR + LLM_ARENA_ALIGN - 1)
               & ~(size_t) (LLM_ARENA_ALIGN - 1);

        if (c && c->size - c->used >= size) {
            p = (size_t *) ((unsigned char *) c + LLM_ARENA_HDR + c->used);
            c->used += size;

        } else {
            p = llm_arena_alloc(llm_json_arena, n + LLM_JSON_HDR);
            if (p == NULL) {
                return NULL;
            }
        }

        p[0] = LLM_JSON_ARENA;

    } else {
        p = malloc(n + LLM_JSON_HDR);
        if (p == NULL) {
            return NULL;
        }
        p[0] = LLM_JSON_HEAP;
    }

    return (char *) p + LLM_JSON_HDR;
}


static void
llm_json_free(void *ptr)
{
    size_t  *p;

    if (ptr == NULL) {
        return;
    }

    p = (size_t *) ((char *) ptr - LLM_JSON_HDR);

    if (p[0] == LLM_JSON_HEAP) {
        p[0] = 0;
        free(p);
    }

    /* arena blocks go with their arena */
}


/* Before any jansson allocation in the process, so that every block jansson
 * frees has a tag. */
__attribute__((constructor))
static void
llm_json_alloc_init(void)
{
    json_set_alloc_funcs(llm_json_malloc, llm_json_free);
}


void
llm_json_free_str(char *s)
{
    llm_json_free(s);
}


llm_arena_t *
llm_arena_json_use(llm_arena_t *a)
{
    llm_arena_t  *prev;

    prev = llm_json_arena;
    llm_json_arena = a;
    return prev;
}


/* A value whose memory is in an arena needs no release; true, false and
 * null are static and not allocated at all. */
static int
llm_arena_json_owned(json_t *j)
{
    if (json_is_true(j) || json_is_false(j) || json_is_null(j)) {
        return 1;
    }

    return ((size_t *) ((char *) j - LLM_JSON_HDR))[0] == LLM_JSON_ARENA;
}


/*
 * Chunks of a translation's size are kept for the next translation (per
 * thread, at most LLM_ARENA_CACHE_MAX of them): a gateway at concurrency
 * 32 otherwise mallocs and frees 16 KB per request, enough to make glibc
 * trim and regrow the heap's top all the time (brk() and page faults).
 *
 * Larger chunks (a large body's output, its plan's arrays) are kept too,
 * up to LLM_ARENA_BIG_BYTES in all, and given to a later need they fit:
 * glibc maps such blocks and unmaps them when freed (or trims the heap's
 * top past them), so a 1 MB translation took ~800 page faults, half its
 * time.  The largest are kept first: a smaller one makes room for a
 * larger, never the reverse.
 */

#define LLM_ARENA_CACHE_SIZE  16384
#define LLM_ARENA_CACHE_MAX   64
#define LLM_ARENA_BIG_BYTES   (4 * 1024 * 1024)
#define LLM_ARENA_BIG_MAX     16

static __thread llm_arena_chunk_t  *llm_arena_cache;
static __thread unsigned            llm_arena_cached;
static __thread llm_arena_chunk_t  *llm_arena_big;      /* by size, up */
static __thread size_t              llm_arena_big_bytes;
static __thread unsigned            llm_arena_big_n;


/* A chunk for csize bytes: *csize becomes what it holds (a kept large
 * chunk may hold more) */
static llm_arena_chunk_t *
llm_arena_chunk_get(size_t *csize)
{
    llm_arena_chunk_t  *c, **pc;

    if (*csize == LLM_ARENA_CACHE_SIZE && llm_arena_cache) {
        c = llm_arena_cache;
        llm_arena_cache = c->next;
        llm_arena_cached--;
        return c;
    }

    if (*csize > LLM_ARENA_CACHE_SIZE) {
        /* the smallest that fits: the list goes up by size */
        for (pc = &llm_arena_big; *pc; pc = &(*pc)->next) {
            c = *pc;

            if (c->size >= *csize) {
                *pc = c->next;
                llm_arena_big_bytes -= c->size;
                llm_arena_big_n--;
                *csize = c->size;
                return c;
            }
        }
    }

    return malloc(LLM_ARENA_HDR + *csize);
}


/* c kept for a later need, when the large chunks kept leave it room or
 * smaller ones can make it: 1, or 0 (not kept) */
static int
llm_arena_big_keep(llm_arena_chunk_t *c)
{
    size_t              bytes;
    unsigned            n;
    llm_arena_chunk_t  *s, **pc;

    /* whether the smaller ones, let go from the smallest, make room:
     * none is let go for nothing */
    bytes = llm_arena_big_bytes;
    n = llm_arena_big_n;

    for (s = llm_arena_big;
         s && s->size < c->size
         && (bytes + c->size > LLM_ARENA_BIG_BYTES || n == LLM_ARENA_BIG_MAX);
         s = s->next)
    {
        bytes -= s->size;
        n--;
    }

    if (bytes + c->size > LLM_ARENA_BIG_BYTES || n == LLM_ARENA_BIG_MAX) {
        return 0;
    }

    while (llm_arena_big_bytes + c->size > LLM_ARENA_BIG_BYTES
           || llm_arena_big_n == LLM_ARENA_BIG_MAX)
    {
        s = llm_arena_big;
        llm_arena_big = s->next;
        llm_arena_big_bytes -= s->size;
        llm_arena_big_n--;
        free(s);
    }

    for (pc = &llm_arena_big; *pc && (*pc)->size < c->size;
         pc = &(*pc)->next)
    {
        /* void */
    }

    c->next = *pc;
    *pc = c;
    llm_arena_big_bytes += c->size;
    llm_arena_big_n++;

    return 1;
}


static void
llm_arena_chunk_put(llm_arena_chunk_t *c)
{
    if (c->size == LLM_ARENA_CACHE_SIZE
        && llm_arena_cached < LLM_ARENA_CACHE_MAX)
    {
        c->next = llm_arena_cache;
        llm_arena_cache = c;
        llm_arena_cached++;
        return;
    }

    if (c->size > LLM_ARENA_CACHE_SIZE && llm_arena_big_keep(c)) {
        return;
    }

    free(c);
}


void
llm_arena_drop_kept(void)
{
    llm_arena_chunk_t  *c;

    while (llm_arena_cache) {
        c = llm_arena_cache;
        llm_arena_cache = c->next;
        free(c);
    }

    while (llm_arena_big) {
        c = llm_arena_big;
        llm_arena_big = c->next;
        free(c);
    }

    llm_arena_cached = 0;
    llm_arena_big_n = 0;
    llm_arena_big_bytes = 0;
}


void
llm_arena_kept(size_t *chunks, size_t *bytes)
{
    *chunks = llm_arena_cached + llm_arena_big_n;
    *bytes = (size_t) llm_arena_cached * LLM_ARENA_CACHE_SIZE
             + llm_arena_big_bytes;
}


void
llm_arena_init(llm_arena_t *a, size_t chunk_size)
{
    a->chunks = NULL;
    a->json = NULL;
    a->chunk_size = chunk_size ? chunk_size : 8192;
    a->allocated = 0;
    a->failures = 0;
}


void
llm_arena_free(llm_arena_t *a)
{
    llm_arena_chunk_t  *c, *next;
    llm_arena_json_t   *j;

    /* json values first: their holders live in the chunks; a document
     * built in this arena goes with its chunks, no walk needed */
    for (j = a->json; j; j = j->next) {
        if (!llm_arena_json_owned(j->json)) {
            json_decref(j->json);
        }
    }
    a->json = NULL;

    for (c = a->chunks; c; c = next) {
        next = c->next;
        llm_arena_chunk_put(c);
    }
    a->chunks = NULL;
    a->allocated = 0;
}


void
llm_arena_reset(llm_arena_t *a)
{
    llm_arena_chunk_t  *c, *next, *keep;

    keep = NULL;

    for (c = a->chunks; c; c = next) {
        next = c->next;

        if (keep == NULL && c->size == a->chunk_size) {
            keep = c;
            continue;
        }

        a->allocated -= LLM_ARENA_HDR + c->size;
        llm_arena_chunk_put(c);
    }

    if (keep) {
        keep->used = 0;
        keep->next = NULL;
    }

    a->chunks = keep;
}


void *
llm_arena_alloc(llm_arena_t *a, size_t size)
{
    int                 big;
    size_t              csize;
    unsigned char      *p;
    llm_arena_chunk_t  *c;

    if (llm_arena_fault != NULL && llm_arena_fault()) {
        a->failures++;
        return NULL;
    }

    size = (size + LLM_ARENA_ALIGN - 1) & ~(size_t) (LLM_ARENA_ALIGN - 1);
    if (size == 0) {
        size = LLM_ARENA_ALIGN;
    }

    c = a->chunks;
    if (c && c->size - c->used >= size) {
        p = (unsigned char *) c + LLM_ARENA_HDR + c->used;
        c->used += size;
        return p;
    }

    /* a large allocation gets its own chunk behind the current one, so the
     * current chunk's free space is not wasted */
    big = size > a->chunk_size / 4;
    csize = big ? size : a->chunk_size;

    c = llm_arena_chunk_get(&csize);
    if (c == NULL) {
        a->failures++;
        return NULL;
    }
    a->allocated += LLM_ARENA_HDR + csize;
    c->size = csize;
    c->used = size;

    if (big && a->chunks) {
        c->next = a->chunks->next;
        a->chunks->next = c;

    } else {
        c->next = a->chunks;
        a->chunks = c;
    }

    return (unsigned char *) c + LLM_ARENA_HDR;
}


void *
llm_arena_calloc(llm_arena_t *a, size_t n, size_t size)
{
    void  *p;

    if (size && n > (size_t) -1 / size) {
        return NULL;
    }

    p = llm_arena_alloc(a, n * size);
    if (p) {
        memset(p, 0, n * size);
    }
    return p;
}


char *
llm_arena_strndup(llm_arena_t *a, const char *s, size_t len)
{
    char  *p;

    p = llm_arena_alloc(a, len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}


void *
llm_arena_grow(llm_arena_t *a, void *arr, size_t n, size_t size)
{
    void  *p;

    p = llm_arena_calloc(a, n + 1, size);
    if (p && n) {
        memcpy(p, arr, n * size);
    }
    return p;
}


json_t *
llm_arena_keep(llm_arena_t *a, json_t *j)
{
    llm_arena_json_t  *h;

    if (j == NULL) {
        return NULL;
    }

    h = llm_arena_alloc(a, sizeof(llm_arena_json_t));
    if (h == NULL) {
        json_decref(j);
        return NULL;
    }

    h->json = j;
    h->next = a->json;
    a->json = h;
    return j;
}

