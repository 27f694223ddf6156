/*
 * Response translation from one upstream dialect (FUZZ_UPSTREAM) to
 * every client dialect: the input is the upstream's 2xx body.
 * Properties: success gives valid JSON; failure is a 5xx (the upstream
 * answered nonsense) with a valid error body in the client's dialect,
 * or, for an OpenAI-compatible server's error in a 2xx body, the 4xx or
 * 5xx that error is (as parse_response maps it: a rate limit stays a
 * 429).
 * And the codecs' fast paths (t/unit/fast_paths.h): the upstream's
 * read_response gives what parse_response gives, and every client's
 * write_response the bytes its emitted document dumps to, or they
 * decline.
 */

#include "fuzz_common.h"
#include "../unit/fast_paths.h"


static void
fuzz_fast(const uint8_t *data, size_t size)
{
    int                 i, parsed, taken;
    llm_arena_t         a;
    llm_response_t      resp;
    llm_translation_t   t;

    llm_arena_init(&a, 16384);

    if (fast_read_response_compare(FUZZ_UPSTREAM, (const char *) data, size,
                                   &a, &resp, &parsed)
        < 0)
    {
        fuzz_fail("read_response differs from the parse", fast_why,
                  strlen(fast_why));
    }

    for (i = 0; parsed && i < 3; i++) {
        llm_translation_init(&t, fuzz_dialects[i], FUZZ_UPSTREAM);
        t.opt.now = FUZZ_NOW;
        fuzz_client_request(&t, fuzz_dialects[i]);

        if (fast_write_response_compare(fuzz_dialects[i], &resp, &t.req,
                                        &t.opt, &taken)
            < 0)
        {
            fuzz_fail("write_response differs from the emitted document",
                      fast_why, strlen(fast_why));
        }

        llm_translation_free(&t);
    }

    llm_arena_free(&a);
}


/* An error object in an OpenAI-compatible 2xx body, as
 * llm_openai_parse_response tells one ("error" not null, or "object":
 * "error"): the parse passes on that error's own kind and status. */
static int
fuzz_error_in_2xx(const uint8_t *data, size_t size)
{
    int          rc;
    json_t      *j, *e;
    const char  *o;

    if (FUZZ_UPSTREAM != LLM_DIALECT_OPENAI) {
        return 0;
    }

    j = json_loadb((const char *) data, size, JSON_REJECT_DUPLICATES, NULL);
    if (!json_is_object(j)) {
        json_decref(j);
        return 0;
    }

    e = json_object_get(j, "error");
    o = json_string_value(json_object_get(j, "object"));
    rc = (e != NULL && !json_is_null(e)) || (o && strcmp(o, "error") == 0);

    json_decref(j);
    return rc;
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int                 i;
    char               *out;
    size_t              outlen;
    llm_translation_t   t;

    fuzz_fast(data, size);

    for (i = 0; i < 3; i++) {
        llm_translation_init(&t, fuzz_dialects[i], FUZZ_UPSTREAM);
        t.opt.now = FUZZ_NOW;
        fuzz_client_request(&t, fuzz_dialects[i]);

        if (llm_translate_response(&t, (const char *) data, size, &out,
                                   &outlen) == 0)
        {
            fuzz_check_json("translated response is not JSON", out, outlen);

        } else {
            if ((t.err.status < 500 || t.err.status > 599)
                && !(t.err.status >= 400 && t.err.status <= 599
                     && fuzz_error_in_2xx(data, size)))
            {
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
