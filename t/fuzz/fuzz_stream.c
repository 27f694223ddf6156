/*
 * The stream translator from one upstream dialect (FUZZ_UPSTREAM) to
 * every client dialect, fed arbitrary chunkings: the input is the
 * upstream's streamed body.  It is fed whole, in chunks of sizes drawn
 * from a hash of the input, and (when short) byte by byte.
 * Properties: the client's bytes are the same for every chunking; every
 * "data:" payload sent to the client is valid JSON (or OpenAI's [DONE]);
 * after finish the stream is terminal (a normal end or an error event).
 */

#include "fuzz_common.h"


static int
fuzz_write(void *data, const char *buf, size_t len)
{
    return llm_buf_add(data, buf, len);
}


static void
fuzz_check_events(const llm_buf_t *b)
{
    const char  *p, *end, *eol;

    if (b->len == 0) {
        return;
    }

    p = b->data;
    end = b->data + b->len;

    while (p < end) {
        eol = memchr(p, '\n', end - p);
        if (eol == NULL) {
            eol = end;
        }
        if (eol - p >= 6 && memcmp(p, "data: ", 6) == 0
            && !(eol - p == 12 && memcmp(p + 6, "[DONE]", 6) == 0))
        {
            fuzz_check_json("client event data is not JSON", p + 6,
                            eol - p - 6);
        }
        p = eol + 1;
    }
}


static int
fuzz_same(const llm_buf_t *a, const llm_buf_t *b)
{
    if (a->len == b->len
        && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0))
    {
        return 1;
    }
    return fuzz_lax_cap()
           && ((a->data && strstr(a->data, "exceeds"))
               || (b->data && strstr(b->data, "exceeds")));
}


static void
fuzz_run(const llm_translation_t *t, llm_dialect_e client,
    const uint8_t *data, size_t size, size_t max, int mode, uint64_t seed,
    llm_buf_t *out)
{
    size_t         off, n;
    llm_stream_t  *s;

    s = llm_stream_create(FUZZ_UPSTREAM, client, &t->req, &t->opt, max);
    if (s == NULL) {
        fuzz_fail("llm_stream_create failed", NULL, 0);
    }

    off = 0;
    while (off < size) {
        switch (mode) {
        case 0:
            n = size;
            break;
        case 1:
            n = 1;
            break;
        default:
            n = 1 + fuzz_rand(&seed) % (fuzz_rand(&seed) % 4 == 0 ? 64 : 8);
            break;
        }
        if (n > size - off) {
            n = size - off;
        }
        if (llm_stream_feed(s, (const char *) data + off, n, fuzz_write, out)
            != 0)
        {
            break;
        }
        off += n;
    }

    (void) llm_stream_finish(s, fuzz_write, out);

    if (!llm_stream_terminal(s)) {
        fuzz_fail("stream not terminal after finish", out->data, out->len);
    }

    if (llm_stream_memory(s) > 4 * max + 65536) {
        fuzz_fail("stream memory above its bound", NULL, 0);
    }

    llm_stream_destroy(s);
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int                 i;
    size_t              max;
    uint64_t            seed;
    llm_buf_t           whole, chunks, bytes;
    llm_translation_t   t;

    seed = fuzz_hash(data, size) | 1;
    /* mostly the default cap; sometimes a small one so that the cap is
     * hit often */
    max = (seed >> 8) % 4 == 0 ? 256 : 1024 * 1024;

    for (i = 0; i < 3; i++) {
        llm_translation_init(&t, fuzz_dialects[i], FUZZ_UPSTREAM);
        t.opt.now = FUZZ_NOW;
        fuzz_client_request(&t, fuzz_dialects[i]);

        memset(&whole, 0, sizeof(whole));
        memset(&chunks, 0, sizeof(chunks));
        memset(&bytes, 0, sizeof(bytes));

        fuzz_run(&t, fuzz_dialects[i], data, size, max, 0, seed, &whole);
        fuzz_check_events(&whole);

        fuzz_run(&t, fuzz_dialects[i], data, size, max, 2, seed, &chunks);
        if (!fuzz_same(&whole, &chunks)) {
            fprintf(stderr, "--- whole:\n%.*s\n--- chunked:\n", (int) whole.len,
                    whole.data ? whole.data : "");
            fuzz_fail("chunked feed differs from whole feed", chunks.data,
                      chunks.len);
        }

        if (size <= 4096) {
            fuzz_run(&t, fuzz_dialects[i], data, size, max, 1, seed, &bytes);
            if (!fuzz_same(&whole, &bytes)) {
                fprintf(stderr, "--- whole:\n%.*s\n--- bytes:\n",
                        (int) whole.len, whole.data ? whole.data : "");
                fuzz_fail("byte-wise feed differs from whole feed",
                          bytes.data, bytes.len);
            }
        }

        llm_buf_free(&whole);
        llm_buf_free(&chunks);
        llm_buf_free(&bytes);
        llm_translation_free(&t);
    }

    return 0;
}
