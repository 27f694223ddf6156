/*
 * The SSE framer (also JSON-array and NDJSON streams) fed arbitrary
 * chunkings: whole, in chunks sized from a hash of the input, and byte
 * by byte.  Properties: the same events and the same final result for
 * every chunking; no event larger than the cap; memory within the cap.
 */

#include "fuzz_common.h"


typedef struct {
    llm_buf_t   rec;
    size_t      max;
} fuzz_sse_ctx_t;


static int
fuzz_event(void *data, const llm_sse_event_t *ev)
{
    char             flags[4];
    fuzz_sse_ctx_t  *ctx = data;

    if ((ev->data_len > ctx->max && !(ev->comment && fuzz_lax_cap()))
        || ev->event_len >= LLM_SSE_EVENT_MAX)
    {
        fuzz_fail("event above the cap", ev->data, ev->data_len);
    }

    flags[0] = ev->comment ? 'c' : '-';
    flags[1] = ev->error_field ? 'e' : '-';
    flags[2] = ev->json ? 'j' : '-';
    flags[3] = '\n';

    if (llm_buf_add(&ctx->rec, "E", 1) != 0
        || llm_buf_add(&ctx->rec, ev->event, ev->event_len) != 0
        || llm_buf_add(&ctx->rec, "\0D", 2) != 0
        || llm_buf_add(&ctx->rec, ev->data, ev->data_len) != 0
        || llm_buf_add(&ctx->rec, "\0", 1) != 0
        || llm_buf_add(&ctx->rec, flags, 4) != 0)
    {
        abort();
    }

    return 0;
}


static int
fuzz_run(const uint8_t *data, size_t size, size_t max, int mode,
    uint64_t seed, fuzz_sse_ctx_t *ctx)
{
    int        rc;
    size_t     off, n;
    llm_sse_t  p;

    llm_sse_init(&p, max);
    ctx->max = max;

    rc = 0;
    off = 0;
    while (off < size) {
        n = mode == 0 ? size
            : mode == 1 ? 1
            : 1 + fuzz_rand(&seed) % (fuzz_rand(&seed) % 4 == 0 ? 64 : 8);
        if (n > size - off) {
            n = size - off;
        }
        rc = llm_sse_feed(&p, (const char *) data + off, n, fuzz_event, ctx);
        if (rc != 0) {
            break;
        }
        if (llm_sse_memory(&p) > 4 * max + 1024) {
            fuzz_fail("framer memory above its bound", NULL, 0);
        }
        off += n;
    }

    if (rc == 0) {
        rc = llm_sse_finish(&p, fuzz_event, ctx);
    }

    llm_sse_free(&p);
    return rc;
}


static int
fuzz_differs(int rca, const fuzz_sse_ctx_t *a, int rcb,
    const fuzz_sse_ctx_t *b)
{
    if (rca == rcb && a->rec.len == b->rec.len
        && (a->rec.len == 0
            || memcmp(a->rec.data, b->rec.data, a->rec.len) == 0))
    {
        return 0;
    }

    return !(fuzz_lax_cap()
             && (rca == LLM_SSE_TOO_BIG || rcb == LLM_SSE_TOO_BIG));
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int              rc0, rc1, rc2;
    size_t           max;
    uint64_t         seed;
    fuzz_sse_ctx_t   whole, chunks, bytes;

    static const size_t  caps[4] = { 16, 100, 4096, 1024 * 1024 };

    seed = fuzz_hash(data, size) | 1;
    max = caps[(seed >> 8) % 4];

    memset(&whole, 0, sizeof(whole));
    memset(&chunks, 0, sizeof(chunks));
    memset(&bytes, 0, sizeof(bytes));

    rc0 = fuzz_run(data, size, max, 0, seed, &whole);
    rc1 = fuzz_run(data, size, max, 2, seed, &chunks);

    if (fuzz_differs(rc0, &whole, rc1, &chunks)) {
        fprintf(stderr, "rc whole %d chunked %d, max %zu\n", rc0, rc1, max);
        fuzz_fail("chunked framing differs from whole", NULL, 0);
    }

    if (size <= 4096) {
        rc2 = fuzz_run(data, size, max, 1, seed, &bytes);
        if (fuzz_differs(rc0, &whole, rc2, &bytes)) {
            fprintf(stderr, "rc whole %d bytes %d, max %zu\n", rc0, rc2, max);
            fuzz_fail("byte-wise framing differs from whole", NULL, 0);
        }
    }

    llm_buf_free(&whole.rec);
    llm_buf_free(&chunks.rec);
    llm_buf_free(&bytes.rec);

    return 0;
}
