/*
 * Request translation for one client dialect (FUZZ_CLIENT: 1 OpenAI,
 * 2 Anthropic, 3 Gemini): the input is a client body; it is parsed and
 * emitted for every upstream dialect, and renamed in place when client
 * and upstream agree.  Properties: a rejected body is a 4xx with an
 * error body in the client's dialect; anything emitted is valid JSON.
 * The scan of llm_passthrough_strict off also runs: a body the parse
 * accepts, it accepts with the same model and stream, and its in-place
 * rename is valid JSON.  So does the dialect's check_request (the
 * default passthrough's): a body it passes, the parse accepts, with the
 * same model and stream, and its model's JSON is where it says;
 * llm_check_request as a whole answers as the parse does (the check with
 * the memo of checked values on, asked three times, against the parse
 * with it paused); translations with it on as with it paused.  And the
 * codecs' fast paths (t/unit/fast_paths.h): the client's read_request
 * gives what the parse gives, and every upstream's write_request the
 * bytes its emitted document dumps to, or they decline.
 */

#include "fuzz_common.h"
#include "llm_json_check.h"
#include "llm_json_memo.h"
#include "../unit/fast_paths.h"


static void
fuzz_scan(const uint8_t *data, size_t size, const llm_str_t *pm)
{
    int                 parsed;
    char               *out, *eb;
    size_t              outlen;
    llm_json_member_t   m;
    llm_translation_t   t, full;

    llm_translation_init(&full, FUZZ_CLIENT, FUZZ_CLIENT);
    parsed = llm_parse_request(&full, (const char *) data, size, pm) == 0;

    llm_translation_init(&t, FUZZ_CLIENT, FUZZ_CLIENT);

    if (llm_scan_request(&t, (const char *) data, size, pm) != 0) {
        /* the check allows 512 levels, the reader 2048 */
        if (parsed && strstr(t.err.message, "deeply") == NULL) {
            fuzz_fail("scan refuses what parse accepts", t.err.message,
                      strlen(t.err.message));
        }
        if (t.err.status != 400) {
            fuzz_fail("scan failure is not a 400", t.err.message,
                      strlen(t.err.message));
        }
        eb = llm_error_body(&t.arena, FUZZ_CLIENT, &t.err, &outlen);
        if (eb == NULL && !fuzz_lax_message(t.err.message)) {
            fuzz_fail("no error body for a scan failure", NULL, 0);
        }

    } else {
        if (parsed
            && (t.req.stream != full.req.stream
                || t.req.model.len != full.req.model.len
                || (t.req.model.len
                    && memcmp(t.req.model.data, full.req.model.data,
                              t.req.model.len) != 0)))
        {
            fuzz_fail("scan and parse read another model or stream",
                      NULL, 0);
        }

        /* the rename is as well-formed as the body was (the check's
         * JSON: lone surrogates and \u0000 are the provider's business)
         * and holds the new name, once */
        llm_str_set(&t.opt.upstream_model, "renamed-\"model", 14);
        if (llm_rewrite_model(&t, (const char *) data, size, &out, &outlen)
            == 0)
        {
            m.name = "model";
            m.name_len = 5;
            if (!llm_json_object_members(out, outlen, &m, 1)) {
                fuzz_fail("scanned rename is not JSON", out, outlen);
            }
            if (FUZZ_CLIENT != LLM_DIALECT_GEMINI
                && (m.count != 1 || m.value_len != 17
                    || memcmp(m.value, "\"renamed-\\\"model\"", 17) != 0))
            {
                fuzz_fail("scanned rename lost the name", out, outlen);
            }
        }
    }

    llm_translation_free(&t);
    llm_translation_free(&full);
}


/* the codec's check_request: what it passes, the parse (full) accepts
 * alike */
static void
fuzz_relay_check_once(const uint8_t *data, size_t size, const llm_str_t *pm,
    const llm_codec_t *c, int parsed, llm_translation_t *full)
{
    llm_relay_t  r;

    memset(&r, 0, sizeof(r));
    r.model = *pm;

    if (c->check_request != NULL
        && c->check_request((const char *) data, size, &r) == 0)
    {
        if (!parsed) {
            fuzz_fail("check passes what parse refuses", full->err.message,
                      strlen(full->err.message));
        }
        if (r.stream != full->req.stream
            || r.model.len != full->req.model.len
            || memcmp(r.model.data, full->req.model.data, r.model.len) != 0)
        {
            fuzz_fail("check and parse read another model or stream",
                      NULL, 0);
        }
        if (r.model_json.data != NULL
            && (r.model_json.data < (const char *) data
                || r.model_json.data + r.model_json.len
                   > (const char *) data + size
                || r.model_json.len != r.model.len + 2
                || r.model_json.data[0] != '"'
                || r.model_json.data + 1 != r.model.data))
        {
            fuzz_fail("check's model JSON is not the model", NULL, 0);
        }
    }
}


static void
fuzz_relay_check(const uint8_t *data, size_t size, const llm_str_t *pm)
{
    int                 i, parsed, checked;
    llm_translation_t   t, full;
    const llm_codec_t  *c;

    llm_json_memo_pause(1);
    llm_translation_init(&full, FUZZ_CLIENT, FUZZ_CLIENT);
    parsed = llm_parse_request(&full, (const char *) data, size, pm) == 0;
    llm_json_memo_pause(0);

    c = llm_codec(FUZZ_CLIENT);

    /* three times: the memo keeps what it passes the second, and is
     * asked the third */
    for (i = 0; i < 3; i++) {
        fuzz_relay_check_once(data, size, pm, c, parsed, &full);
    }

    llm_translation_init(&t, FUZZ_CLIENT, FUZZ_CLIENT);
    checked = llm_check_request(&t, (const char *) data, size, pm) == 0;

    if (checked != parsed
        || (!checked && strcmp(t.err.message, full.err.message) != 0))
    {
        fuzz_fail("llm_check_request and parse disagree", t.err.message,
                  strlen(t.err.message));
    }

    llm_translation_free(&t);
    llm_translation_free(&full);
}


static void
fuzz_fast(const uint8_t *data, size_t size, const llm_str_t *pm)
{
    int                 i, rc, taken;
    llm_translation_t   doc, fast;

    rc = fast_read_compare(FUZZ_CLIENT, (const char *) data, size, pm, &doc,
                           &fast);
    if (rc < 0) {
        fuzz_fail("read_request differs from the parse", fast_why,
                  strlen(fast_why));
    }

    for (i = 0; doc.parsed && i < 3; i++) {
        doc.opt.now = FUZZ_NOW;
        if (fast_write_compare(fuzz_dialects[i], &doc.req, &doc.req,
                               &doc.opt, &taken)
            < 0)
        {
            fuzz_fail("write_request differs from the emitted document",
                      fast_why, strlen(fast_why));
        }

        /* as read fast, deferred values unbuilt */
        if (rc == 1
            && fast_write_compare(fuzz_dialects[i], &fast.req, &doc.req,
                                  &doc.opt, &taken)
               < 0)
        {
            fuzz_fail("write_request of the fast read differs from the "
                      "emitted document", fast_why, strlen(fast_why));
        }
    }

    /* and for an OpenAI upstream with a profile, one per input: the
     * self-hosted servers' quirks are most of that writer's decisions */
    if (doc.parsed) {
        const char     *why;
        llm_options_t   opt;

        static const char  *profiles[] = {
            "vllm", "llamacpp", "ollama", "smollm3", "forced_tool=reject",
            "thinking=kwargs", "thinking=none"
        };

        opt = doc.opt;
        i = (int) (size % (sizeof(profiles) / sizeof(profiles[0])));
        (void) llm_profile_set(&opt.profile, profiles[i],
                               strlen(profiles[i]), &why);

        if (fast_write_compare(LLM_DIALECT_OPENAI, &doc.req, &doc.req, &opt,
                               &taken) < 0
            || (rc == 1
                && fast_write_compare(LLM_DIALECT_OPENAI, &fast.req,
                                      &doc.req, &opt, &taken) < 0))
        {
            fuzz_fail("write_request with a profile differs from the "
                      "emitted document", fast_why, strlen(fast_why));
        }
    }

    if (rc == 1) {
        llm_translation_free(&fast);
    }

    llm_translation_free(&doc);
}


/* A translation's outcome as one text: parsed, emitted, warnings, the
 * body or the error (malloc'd; NULL out of memory) */
static char *
fuzz_translation(llm_dialect_e upstream, const uint8_t *data, size_t size,
    const llm_str_t *pm)
{
    int                 parsed, emitted;
    char               *out, *text;
    size_t              i, n, outlen;
    llm_translation_t   t;

    llm_translation_init(&t, FUZZ_CLIENT, upstream);
    t.opt.now = FUZZ_NOW;

    out = NULL;
    outlen = 0;
    emitted = 0;
    parsed = llm_parse_request(&t, (const char *) data, size, pm) == 0;
    if (parsed) {
        emitted = llm_emit_request(&t, &out, &outlen) == 0;
    }
    if (!emitted) {
        out = t.err.message;
        outlen = strlen(out);
    }

    n = outlen + 16;
    for (i = 0; i < t.warn.n; i++) {
        n += strlen(t.warn.items[i]) + 1;
    }

    text = malloc(n);
    if (text != NULL) {
        n = (size_t) sprintf(text, "%d%d|", parsed, emitted);
        for (i = 0; i < t.warn.n; i++) {
            n += (size_t) sprintf(text + n, "%s,", t.warn.items[i]);
        }
        memcpy(text + n, out, outlen);
        text[n + outlen] = '\0';
    }

    llm_translation_free(&t);
    return text;
}


/* Translated with the memo on as with it paused, twice for each
 * upstream in turn: its tools may be found written for the same dialect
 * or another (llm_ir.h, deferred tools) */
static void
fuzz_translation_memo(const uint8_t *data, size_t size, const llm_str_t *pm)
{
    int    i, k;
    char  *ref, *on;

    for (i = 0; i < 3; i++) {
        llm_json_memo_pause(1);
        ref = fuzz_translation(fuzz_dialects[i], data, size, pm);
        llm_json_memo_pause(0);

        for (k = 0; ref != NULL && k < 2; k++) {
            on = fuzz_translation(fuzz_dialects[i], data, size, pm);
            if (on != NULL && strcmp(on, ref) != 0) {
                fuzz_fail("the translation differs with the memo on", on,
                          strlen(on));
            }
            free(on);
        }

        free(ref);
    }
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int                 i;
    static int          memo_on;
    char               *out, *eb;
    size_t              outlen;
    llm_str_t           pm;
    llm_translation_t   t;

    if (!memo_on) {
        llm_json_memo_set_size(256 * 1024);
        memo_on = 1;
    }

    llm_str_set(&pm, NULL, 0);
    if (FUZZ_CLIENT == LLM_DIALECT_GEMINI) {
        llm_str_set(&pm, "gemini-2.5-flash", 16);
    }

    fuzz_scan(data, size, &pm);
    fuzz_relay_check(data, size, &pm);
    fuzz_fast(data, size, &pm);
    fuzz_translation_memo(data, size, &pm);

    for (i = 0; i < 3; i++) {
        llm_translation_init(&t, FUZZ_CLIENT, fuzz_dialects[i]);
        t.opt.now = FUZZ_NOW;

        if (llm_parse_request(&t, (const char *) data, size, &pm) != 0) {
            if (t.err.status < 400 || t.err.status > 499) {
                fuzz_fail("parse failure is not a 4xx", t.err.message,
                          strlen(t.err.message));
            }
            eb = llm_error_body(&t.arena, FUZZ_CLIENT, &t.err, &outlen);
            if (eb == NULL && !fuzz_lax_message(t.err.message)) {
                fuzz_fail("no error body", NULL, 0);
            }
            if (eb) {
                fuzz_check_json("error body is not JSON", eb, outlen);
            }
            llm_translation_free(&t);
            /* parsing does not depend on the upstream */
            return 0;
        }

        if (llm_emit_request(&t, &out, &outlen) == 0) {
            fuzz_check_json("emitted request is not JSON", out, outlen);

        } else {
            if (t.err.status < 400 || t.err.status > 499) {
                fuzz_fail("emit failure is not a 4xx", t.err.message,
                          strlen(t.err.message));
            }
            eb = llm_error_body(&t.arena, FUZZ_CLIENT, &t.err, &outlen);
            if (eb == NULL && !fuzz_lax_message(t.err.message)) {
                fuzz_fail("no error body", NULL, 0);
            }
            if (eb) {
                fuzz_check_json("error body is not JSON", eb, outlen);
            }
        }

        if (fuzz_dialects[i] == FUZZ_CLIENT) {
            /* passthrough with a renamed model, as the glue does it
             * (ngx_http_llm_request.c): the IR's model first, since the
             * rewrite frees the string it borrowed */
            llm_str_set(&t.opt.upstream_model, "renamed-model", 13);
            t.req.model = t.opt.upstream_model;
            if (llm_rewrite_model(&t, (const char *) data, size, &out,
                                  &outlen) == 0)
            {
                fuzz_check_json("rewritten body is not JSON", out, outlen);
            }
        }

        llm_translation_free(&t);
    }

    return 0;
}
