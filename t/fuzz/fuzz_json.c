/*
 * The JSON reader and writer against jansson (t/unit/json_diff.h): for
 * any bytes, llm_json_loadb accepts what json_loadb accepts and builds an
 * equal document, and llm_json_dump writes what json_dumps writes but for
 * reals, compared by value: its text reads back (through both readers)
 * as the same document, reals to the bit, and with the reals set aside
 * the bytes are json_dumps'.
 */

#include "fuzz_common.h"
#include "../unit/json_diff.h"


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char  *d;

    d = json_diff((const char *) data, size);
    if (d != NULL) {
        fuzz_fail(d, (const char *) data, size);
    }

    return 0;
}
