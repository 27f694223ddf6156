/*
 * Error translation: byte 0 picks the upstream dialect, bytes 1-2 the
 * upstream status (300-599), byte 3 the Retry-After seconds; the rest is
 * the upstream's error body (any bytes).  Every client dialect.
 * Properties: always an error body that is valid JSON and a 4xx/5xx.
 */

#include "fuzz_common.h"


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int                 i, status, out_status, rc;
    char               *out;
    size_t              outlen;
    llm_dialect_e       up;
    llm_translation_t   t;

    if (size < 4) {
        return 0;
    }

    up = fuzz_dialects[data[0] % 3];
    status = 300 + ((data[1] << 8 | data[2]) % 300);

    for (i = 0; i < 3; i++) {
        llm_translation_init(&t, fuzz_dialects[i], up);
        t.opt.now = FUZZ_NOW;
        fuzz_client_request(&t, fuzz_dialects[i]);

        out = NULL;
        outlen = 0;
        out_status = 0;
        rc = llm_translate_error(&t, status, (const char *) data + 4,
                                 size - 4, data[3], &out, &outlen,
                                 &out_status);
        if ((rc != 0 || out == NULL) && fuzz_lax_message(t.err.message)) {
            llm_translation_free(&t);
            continue;
        }
        if (rc != 0 || out == NULL) {
            fuzz_fail("error translation failed", t.err.message,
                      strlen(t.err.message));
        }
        if (out_status < 400 || out_status > 599) {
            fuzz_fail("client error status out of range", out, outlen);
        }
        fuzz_check_json("translated error is not JSON", out, outlen);
        if (t.err.retry_after < 0) {
            fuzz_fail("negative retry_after", out, outlen);
        }

        llm_translation_free(&t);
    }

    return 0;
}
