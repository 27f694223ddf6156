/*
 * A bump allocator: translation allocates freely and frees everything at
 * once.  It also holds references to jansson values whose lifetime must
 * match the arena's (parsed documents the IR borrows strings from).
 */

#ifndef LLM_ARENA_H
#define LLM_ARENA_H

#include <stddef.h>
#include <string.h>
#include <jansson.h>


typedef struct llm_arena_chunk_s  llm_arena_chunk_t;
typedef struct llm_arena_json_s   llm_arena_json_t;

typedef struct {
    llm_arena_chunk_t  *chunks;
    llm_arena_json_t   *json;
    size_t              chunk_size;
    size_t              allocated;     /* bytes obtained from malloc */
    /* allocations refused, jansson's through the arena included: the
     * codecs build documents without testing every value they add, so a
     * step during which this grew is not trusted whole (llm_translate.c) */
    size_t              failures;
} llm_arena_t;


/* For tests: when set, every allocation from an arena (jansson's through
 * it included) first asks it, and fails as malloc failing would when it
 * returns 1 (t/unit/test_oom.c). */
extern int  (*llm_arena_fault)(void);


void llm_arena_init(llm_arena_t *a, size_t chunk_size);
void llm_arena_free(llm_arena_t *a);

/* Forgets every allocation but keeps one chunk for reuse; nothing may be
 * held through llm_arena_keep. */
void llm_arena_reset(llm_arena_t *a);

/* What this thread keeps of freed arenas' chunks for later ones: chunks
 * of a translation's size (up to 1 MB) and larger ones (up to 4 MB) */
void llm_arena_kept(size_t *chunks, size_t *bytes);

/* All of it freed (tests) */
void llm_arena_drop_kept(void);

/* NULL on out of memory */
void *llm_arena_alloc(llm_arena_t *a, size_t size);
void *llm_arena_calloc(llm_arena_t *a, size_t n, size_t size);
char *llm_arena_strndup(llm_arena_t *a, const char *s, size_t len);

/* Grow an array of n elements to n + 1, copying; returns the new array. */
void *llm_arena_grow(llm_arena_t *a, void *arr, size_t n, size_t size);

/* Room for one more element in *arr (n of them, *cap allocated): the
 * array moved to one of twice the capacity (first at the start) when
 * full.  0, or -1 on out of memory. */
static inline int
llm_arena_room(llm_arena_t *a, void **arr, size_t n, size_t *cap,
    size_t first, size_t size)
{
    void    *p;
    size_t   c;

    if (n < *cap) {
        return 0;
    }

    c = *cap ? *cap * 2 : first;

    p = llm_arena_calloc(a, c, size);
    if (p == NULL) {
        return -1;
    }

    if (n) {
        memcpy(p, *arr, n * size);
    }

    *arr = p;
    *cap = c;
    return 0;
}

/* The arena takes the caller's reference: json_decref at llm_arena_free.
 * Returns j for chaining; NULL stays NULL. */
json_t *llm_arena_keep(llm_arena_t *a, json_t *j);

/* Makes jansson allocate from a (NULL: the heap) until called again;
 * returns the previous setting.  Values built so must not outlive a. */
llm_arena_t *llm_arena_json_use(llm_arena_t *a);

/* Frees what json_dumps returned (jansson allocates through the arena's
 * hooks: plain free() would be wrong). */
void llm_json_free_str(char *s);

#endif /* LLM_ARENA_H */
