/*
 * The pull reader (llm_json_pull.c) against the reader it must never be
 * looser than (llm_json_loadb with JSON_REJECT_DUPLICATES, as requests
 * are read): for any bytes, a value llm_jpull_skip accepts whole, the
 * reader accepts; and a value the reader accepts, llm_jpull_skip accepts
 * too unless it holds what the pull reader leaves to the parse (a
 * backslash in a key, nesting beyond LLM_JPULL_DEPTH; an object of any
 * number of keys is taken, and a real the fast path cannot read is too,
 * through strtod).  And with the memo of checked values on
 * (llm_json_memo.h), the skip answers as it does with it paused, asked
 * twice: the values of earlier inputs kept are close to later ones.
 */

#include "fuzz_common.h"
#include "llm_json.h"
#include "llm_json_memo.h"
#include "llm_json_pull.h"


/* 1 when j is within what llm_jpull_skip takes on */
static int
within(json_t *j, int depth)
{
    size_t       i;
    json_t      *v;
    const char  *k;

    if (json_is_object(j)) {
        if (depth >= LLM_JPULL_DEPTH) {
            return 0;
        }
        json_object_foreach(j, k, v) {
            if (!within(v, depth + 1)) {
                return 0;
            }
        }
    }

    if (json_is_array(j)) {
        if (depth >= LLM_JPULL_DEPTH) {
            return 0;
        }
        json_array_foreach(j, i, v) {
            if (!within(v, depth + 1)) {
                return 0;
            }
        }
    }

    return 1;
}


/* 1 when a key of the text has a backslash: a rough test (any
 * backslash before a colon outside... ) is enough: any backslash */
static int
has_backslash(const uint8_t *data, size_t size)
{
    return memchr(data, '\\', size) != NULL;
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int                   i, rc, memo_rc, pulled;
    json_t               *j;
    llm_jpull_t           p, m;
    static int            memo_on;
    const unsigned char  *past;

    if (!memo_on) {
        llm_json_memo_set_size(256 * 1024);
        memo_on = 1;
    }

    llm_json_memo_pause(1);
    llm_jpull_init(&p, (const char *) data, size);
    rc = llm_jpull_skip(&p);
    past = p.p;
    pulled = rc == 0 && llm_jpull_end(&p) == 0;
    llm_json_memo_pause(0);

    for (i = 0; i < 2; i++) {
        llm_jpull_init(&m, (const char *) data, size);
        memo_rc = llm_jpull_skip(&m);

        if (memo_rc != rc || (rc == 0 && m.p != past)) {
            fuzz_fail("the skip answers otherwise with the memo",
                      (const char *) data, size);
        }
    }

    j = llm_json_loadb((const char *) data, size,
                       JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, NULL);

    if (pulled && j == NULL) {
        fuzz_fail("the pull reader accepts what the reader refuses",
                  (const char *) data, size);
    }

    if (!pulled && j != NULL && !has_backslash(data, size)
        && within(j, 0))
    {
        fuzz_fail("the pull reader refuses what the reader accepts",
                  (const char *) data, size);
    }

    json_decref(j);
    return 0;
}
