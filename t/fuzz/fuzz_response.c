/*
 * Response translation from one upstream dialect (FUZZ_UPSTREAM) to
 * every client dialect: the input is the upstream's 2xx body.
 * Properties: success gives valid JSON; failure is a 5xx (the upstream
 * answered nonsense) with a valid error body in the client's dialect.
 */

#include "fuzz_common.h"


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int                 i;
    char               *out;
    size_t              outlen;
    llm_translation_t   t;

    for (i = 0; i < 3; i++) {
        llm_translation_init(&t, fuzz_dialects[i], FUZZ_UPSTREAM);
        t.opt.now = FUZZ_NOW;
        fuzz_client_request(&t, fuzz_dialects[i]);

        if (llm_translate_response(&t, (const char *) data, size, &out,
                                   &outlen) == 0)
        {
            fuzz_check_json("translated response is not JSON", out, outlen);

        } else {
            if (t.err.status < 500 || t.err.status > 599) {
                fuzz_fail("response failure is not a 5xx", t.err.message,
                          strlen(t.err.message));
            }
            out = llm_error_body(&t.arena, fuzz_dialects[i], &t.err,
                                 &outlen);
            if (out == NULL && !fuzz_lax_message(t.err.message)) {
                fuzz_fail("no error body", NULL, 0);
            }
            if (out) {
                fuzz_check_json("error body is not JSON", out, outlen);
            }
        }

        llm_translation_free(&t);
    }

    return 0;
}
