/*
 * The memo of checked values (llm_json_memo.h): a table of sets of a few
 * entries, the set picked by a hash of a value's first 64 bytes (all a
 * find knows of it before the value is read), each entry a copy of a
 * value's bytes with the verdicts found for it, and a hash of its last
 * 64 bytes.  A find compares the bytes whole, and only where the hashes
 * of both ends agree: values alike but at their end (a schema with a
 * word changed near its end, sent new each time) cost a hash, not a
 * compare.  A value is kept the second time it is found good, not the
 * first: one sent only once costs no copy (a table of fingerprints
 * remembers the first time).  Room is made by letting go the set's least
 * recently used entry, and, past the size, others in turn around the
 * table.  An entry may hold a result too (what a writer made of the
 * value), in a copy of its own, counted in the size.
 */

#include <stdlib.h>
#include <string.h>

#include "llm_json_memo.h"


#define LLM_JSON_MEMO_SETS  256         /* a power of two */
#define LLM_JSON_MEMO_WAYS  4
#define LLM_JSON_MEMO_HEAD  64          /* bytes hashed, each end: <= MIN */
#define LLM_JSON_MEMO_ONCE  1024        /* values found good once: a power
                                           of two */


typedef struct {
    uint64_t   hash;
    uint64_t   tail;                    /* its last bytes' hash */
    uint64_t   used;                    /* the memo's clock then */
    char      *text;                    /* NULL: free */
    char      *result;                  /* NULL: none */
    uint32_t   len;
    uint32_t   info;                    /* the canonical verdict's */
    uint32_t   rlen;
    uint32_t   rinfo;                   /* the result's verdict's */
    unsigned   rdialect;
    unsigned   verdicts;
} llm_json_memo_entry_t;


static struct {
    llm_json_memo_entry_t  *entries;    /* SETS * WAYS, NULL: off */
    uint64_t               *once;       /* ONCE fingerprints */
    size_t                  size;
    size_t                  bytes;
    size_t                  values;
    size_t                  results;
    size_t                  hand;       /* the next to let go for room */
    uint64_t                clock;
    uint64_t                found;
    uint64_t                missed;
    uint64_t                dropped;
    int                     paused;
} llm_json_memo;


static uint64_t
llm_json_memo_hash(const unsigned char *p)
{
    int       i;
    uint64_t  h, w;

    h = 0;

    for (i = 0; i < LLM_JSON_MEMO_HEAD; i += 8) {
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
    }

    return h;
}


static llm_json_memo_entry_t *
llm_json_memo_set(uint64_t h)
{
    return llm_json_memo.entries
           + (size_t) (h >> 56 & (LLM_JSON_MEMO_SETS - 1))
             * LLM_JSON_MEMO_WAYS;
}


/* the result of e let go (its verdict with it) */
static void
llm_json_memo_drop_result(llm_json_memo_entry_t *e)
{
    if (e->result != NULL) {
        free(e->result);
        llm_json_memo.bytes -= e->rlen;
        llm_json_memo.results--;
        e->result = NULL;
        e->rlen = 0;
        e->rinfo = 0;
        e->rdialect = 0;
        e->verdicts &= ~(LLM_JSON_MEMO_OPENAI_TOOLS_READ
                         | LLM_JSON_MEMO_ANTHROPIC_TOOLS_READ);
    }
}


static void
llm_json_memo_drop(llm_json_memo_entry_t *e)
{
    llm_json_memo_drop_result(e);
    free(e->text);
    llm_json_memo.bytes -= e->len;
    llm_json_memo.values--;
    llm_json_memo.dropped++;
    memset(e, 0, sizeof(*e));
}


/* room for len more bytes within the size, letting go others in turn */
static void
llm_json_memo_room(size_t len)
{
    llm_json_memo_entry_t  *e;

    while (llm_json_memo.bytes + len > llm_json_memo.size) {
        e = &llm_json_memo.entries[llm_json_memo.hand];
        llm_json_memo.hand = (llm_json_memo.hand + 1)
                             % (LLM_JSON_MEMO_SETS * LLM_JSON_MEMO_WAYS);

        if (e->text != NULL) {
            llm_json_memo_drop(e);
        }
    }
}


void
llm_json_memo_set_size(size_t bytes)
{
    size_t  i;

    if (bytes == 0) {
        if (llm_json_memo.entries != NULL) {
            for (i = 0; i < LLM_JSON_MEMO_SETS * LLM_JSON_MEMO_WAYS; i++) {
                free(llm_json_memo.entries[i].text);
                free(llm_json_memo.entries[i].result);
            }

            free(llm_json_memo.entries);
            free(llm_json_memo.once);
        }

        memset(&llm_json_memo, 0, sizeof(llm_json_memo));
        return;
    }

    if (llm_json_memo.entries == NULL) {
        llm_json_memo.entries = calloc(LLM_JSON_MEMO_SETS
                                       * LLM_JSON_MEMO_WAYS,
                                       sizeof(llm_json_memo_entry_t));
        llm_json_memo.once = calloc(LLM_JSON_MEMO_ONCE, sizeof(uint64_t));

        if (llm_json_memo.entries == NULL || llm_json_memo.once == NULL) {
            free(llm_json_memo.entries);
            free(llm_json_memo.once);
            llm_json_memo.entries = NULL;
            llm_json_memo.once = NULL;
            return;                     /* off: checked as before */
        }
    }

    llm_json_memo.size = bytes;
    llm_json_memo_room(0);
}


/* The entry of a kept value with the verdict that the bytes at p (avail
 * of them) start with, NULL when there is none */
static llm_json_memo_entry_t *
llm_json_memo_lookup(unsigned verdict, const char *p, size_t avail)
{
    int                     i;
    uint64_t                h;
    llm_json_memo_entry_t  *e;

    if (llm_json_memo.entries == NULL || llm_json_memo.paused
        || avail < LLM_JSON_MEMO_MIN)
    {
        return NULL;
    }

    h = llm_json_memo_hash((const unsigned char *) p);
    e = llm_json_memo_set(h);

    for (i = 0; i < LLM_JSON_MEMO_WAYS; i++, e++) {
        if (e->hash == h && (e->verdicts & verdict) && e->len <= avail
            && llm_json_memo_hash((const unsigned char *) p + e->len
                                  - LLM_JSON_MEMO_HEAD) == e->tail
            && memcmp(e->text, p, e->len) == 0)
        {
            e->used = ++llm_json_memo.clock;
            llm_json_memo.found++;
            return e;
        }
    }

    llm_json_memo.missed++;
    return NULL;
}


size_t
llm_json_memo_find(unsigned verdict, const char *p, size_t avail,
    uint32_t *info)
{
    llm_json_memo_entry_t  *e;

    e = llm_json_memo_lookup(verdict, p, avail);
    if (e == NULL) {
        return 0;
    }

    if (info != NULL) {
        *info = e->info;
    }

    return e->len;
}


size_t
llm_json_memo_find_result(unsigned verdict, const char *p, size_t avail,
    uint32_t *info, const char **result, size_t *rlen, unsigned *rdialect)
{
    llm_json_memo_entry_t  *e;

    /* a result verdict is set only with its result */
    e = llm_json_memo_lookup(verdict, p, avail);
    if (e == NULL || e->result == NULL) {
        return 0;
    }

    *info = e->rinfo;
    *result = e->result;
    *rlen = e->rlen;
    *rdialect = e->rdialect;

    return e->len;
}


/*
 * The entry of the len bytes at p (extra bytes more to be kept with
 * them), the verdict added to it: one kept before, or a new one the
 * second time they are asked for; NULL otherwise.
 */
static llm_json_memo_entry_t *
llm_json_memo_place(unsigned verdict, const char *p, size_t len,
    size_t extra)
{
    int                     i;
    char                   *text;
    uint64_t                h, tail, fp, *once;
    llm_json_memo_entry_t  *e, *set, *victim;

    /* (a value of more than a quarter of the size would push out most
     * others: it is checked each time instead) */

    if (llm_json_memo.entries == NULL || llm_json_memo.paused
        || len < LLM_JSON_MEMO_MIN || len + extra > llm_json_memo.size / 4
        || len > UINT32_MAX || extra > UINT32_MAX)
    {
        return NULL;
    }

    h = llm_json_memo_hash((const unsigned char *) p);
    tail = llm_json_memo_hash((const unsigned char *) p + len
                              - LLM_JSON_MEMO_HEAD);
    set = llm_json_memo_set(h);
    victim = set;

    for (i = 0, e = set; i < LLM_JSON_MEMO_WAYS; i++, e++) {
        if (e->text != NULL && e->hash == h && e->tail == tail
            && e->len == len && memcmp(e->text, p, len) == 0)
        {
            e->verdicts |= verdict;
            e->used = ++llm_json_memo.clock;
            return e;
        }

        if (victim->text != NULL
            && (e->text == NULL || e->used < victim->used))
        {
            victim = e;
        }
    }

    /* the first time only remembered (a fingerprint may be another
     * value's: then a value is kept the first time, no harm) */

    fp = (h ^ tail * 0xc2b2ae3d27d4eb4fULL ^ len) | 1;   /* never 0 */
    once = &llm_json_memo.once[(fp >> 32) & (LLM_JSON_MEMO_ONCE - 1)];

    if (*once != fp) {
        *once = fp;
        return NULL;
    }

    *once = 0;

    if (victim->text != NULL) {
        llm_json_memo_drop(victim);
    }

    llm_json_memo_room(len + extra);

    text = malloc(len);
    if (text == NULL) {
        return NULL;
    }

    memcpy(text, p, len);

    victim->hash = h;
    victim->tail = tail;
    victim->used = ++llm_json_memo.clock;
    victim->text = text;
    victim->len = (uint32_t) len;
    victim->info = 0;
    victim->verdicts = verdict;

    llm_json_memo.bytes += len;
    llm_json_memo.values++;

    return victim;
}


void
llm_json_memo_keep(unsigned verdict, const char *p, size_t len,
    uint32_t info)
{
    llm_json_memo_entry_t  *e;

    e = llm_json_memo_place(verdict, p, len, 0);

    if (e != NULL && (verdict & LLM_JSON_MEMO_CANONICAL)) {
        e->info = info;
    }
}


void
llm_json_memo_keep_result(unsigned verdict, const char *p, size_t len,
    uint32_t info, unsigned rdialect, const char *result, size_t rlen)
{
    char                   *copy, *text;
    llm_json_memo_entry_t  *e;

    e = llm_json_memo_place(verdict, p, len, rlen);
    if (e == NULL) {
        return;
    }

    if (e->result != NULL && e->rdialect == rdialect && e->rlen == rlen
        && e->rinfo == info && memcmp(e->result, result, rlen) == 0)
    {
        return;                         /* kept as it is */
    }

    /* the result before (another dialect's) gives way; making room may
     * let the entry itself go, which is then left so */
    llm_json_memo_drop_result(e);
    e->verdicts |= verdict;
    text = e->text;
    llm_json_memo_room(rlen);

    if (e->text != text) {
        return;
    }

    copy = malloc(rlen ? rlen : 1);
    if (copy == NULL) {
        e->verdicts &= ~verdict;
        return;
    }

    memcpy(copy, result, rlen);
    e->result = copy;
    e->rlen = (uint32_t) rlen;
    e->rinfo = info;
    e->rdialect = rdialect;

    llm_json_memo.bytes += rlen;
    llm_json_memo.results++;
}


void
llm_json_memo_pause(int paused)
{
    llm_json_memo.paused = paused;
}


void
llm_json_memo_stats(llm_json_memo_stats_t *st)
{
    st->values = llm_json_memo.values;
    st->bytes = llm_json_memo.bytes;
    st->results = llm_json_memo.results;
    st->found = llm_json_memo.found;
    st->missed = llm_json_memo.missed;
    st->dropped = llm_json_memo.dropped;
}


uint64_t
llm_json_memo_found(void)
{
    return llm_json_memo.found;
}
