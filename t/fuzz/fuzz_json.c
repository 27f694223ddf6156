/*
 * The JSON reader and writer against jansson (t/unit/json_diff.h): for
 * any bytes, llm_json_loadb accepts what json_loadb accepts and builds an
 * equal document, and llm_json_dump writes what json_dumps writes but for
 * reals, compared by value: its text reads back (through both readers)
 * as the same document, reals to the bit, and with the reals set aside
 * the bytes are json_dumps'.  And llm_json_canonical_object: an object
 * it takes is read back and written as the very same bytes, and with the
 * memo of checked values on (llm_json_memo.h) it answers as it does with
 * the memo paused, asked twice.
 */

#include "fuzz_common.h"
#include "llm_json_check.h"
#include "llm_json_memo.h"
#include "../unit/json_diff.h"


static void
fuzz_canonical(const char *p, size_t size)
{
    int                    i;
    char                  *out;
    size_t                 n, taken;
    json_t                *j;
    llm_arena_t            a, *prev;
    static int             memo_on;
    llm_json_canonical_t   info, again;

    if (!memo_on) {
        llm_json_memo_set_size(256 * 1024);
        memo_on = 1;
    }

    llm_json_memo_pause(1);
    taken = llm_json_canonical_object(p, size, &info);
    llm_json_memo_pause(0);

    for (i = 0; i < 2; i++) {
        if (llm_json_canonical_object(p, size, &again) != taken
            || (taken && (again.members != info.members
                          || !again.has_type != !info.has_type)))
        {
            fuzz_fail("the canonical check answers otherwise with the memo",
                      p, size);
        }
    }

    if (size == 0 || taken != size) {
        return;
    }

    llm_arena_init(&a, 16384);
    prev = llm_arena_json_use(&a);

    j = llm_arena_keep(&a, llm_json_loadb(p, size, JSON_REJECT_DUPLICATES,
                                          NULL));
    out = json_is_object(j) ? llm_json_dump(&a, j, &n) : NULL;

    if (out == NULL || n != size || memcmp(out, p, size) != 0
        || info.members != json_object_size(j)
        || info.has_type != (json_object_get(j, "type") != NULL))
    {
        fuzz_fail("a canonical object is not its document's text", p, size);
    }

    llm_arena_json_use(prev);
    llm_arena_free(&a);
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char  *d;

    d = json_diff((const char *) data, size);
    if (d != NULL) {
        fuzz_fail(d, (const char *) data, size);
    }

    fuzz_canonical((const char *) data, size);

    return 0;
}
