/*
 * The JSON reader and writer against jansson (t/unit/json_diff.h): for
 * any bytes, llm_json_loadb accepts what json_loadb accepts and builds an
 * equal document, and llm_json_dump writes what json_dumps writes but for
 * reals, compared by value: its text reads back (through both readers)
 * as the same document, reals to the bit, and with the reals set aside
 * the bytes are json_dumps'.  And llm_json_canonical_object: an object
 * it takes is read back and written as the very same bytes.
 */

#include "fuzz_common.h"
#include "llm_json_check.h"
#include "../unit/json_diff.h"


static void
fuzz_canonical(const char *p, size_t size)
{
    char                  *out;
    size_t                 n;
    json_t                *j;
    llm_arena_t            a, *prev;
    llm_json_canonical_t   info;

    if (size == 0 || llm_json_canonical_object(p, size, &info) != size) {
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
