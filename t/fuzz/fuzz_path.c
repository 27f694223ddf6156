/*
 * Client paths and upstream paths: llm_path_parse on any bytes, and
 * llm_upstream_path for any model name llm_model_name_valid accepts.
 * Properties: a model taken from a path is a valid name; an upstream
 * path keeps the model inside its one segment (no '/', '?', '#', '%',
 * no dot-segment, no control bytes), with only "?alt=sse" as a query.
 */

#include "fuzz_common.h"


static void
fuzz_check_upstream(const char *buf, size_t n, const char *model,
    size_t mlen, int stream)
{
    size_t       i, qlen;
    const char  *q;

    if (n == 0 || buf[0] != '/') {
        fuzz_fail("upstream path does not start with /", buf, n);
    }

    q = memchr(buf, '?', n);
    qlen = q ? (size_t) (buf + n - q) : 0;
    if (q && !(qlen == 8 && memcmp(q, "?alt=sse", 8) == 0)) {
        fuzz_fail("upstream path has an unexpected query", buf, n);
    }

    for (i = 0; i < n - qlen; i++) {
        unsigned char  c = (unsigned char) buf[i];

        if (c <= 0x20 || c >= 0x7f || c == '#' || c == '%' || c == '\\') {
            fuzz_fail("upstream path has a bad byte", buf, n);
        }
        if (c == '/' && i + 1 < n - qlen && buf[i + 1] == '.') {
            fuzz_fail("upstream path has a dot segment", buf, n);
        }
    }

    (void) model;
    (void) mlen;
    (void) stream;
}


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int          i, stream;
    char         buf[512];
    size_t       n;
    llm_str_t    m;
    llm_path_t   p;

    memset(&p, 0, sizeof(p));
    if (llm_path_parse((const char *) data, size, &p) == 0 && p.model.len) {
        if (!llm_model_name_valid(p.model.data, p.model.len)) {
            fuzz_fail("path gave an invalid model name", p.model.data,
                      p.model.len);
        }
    }

    if (!llm_model_name_valid((const char *) data, size)) {
        return 0;
    }

    llm_str_set(&m, (const char *) data, size);

    for (i = 0; i < 3; i++) {
        for (stream = 0; stream < 2; stream++) {
            n = llm_upstream_path(fuzz_dialects[i], &m, stream, buf,
                                  sizeof(buf));
            if (n == 0 || n >= sizeof(buf)) {
                fuzz_fail("no upstream path for a valid model",
                          (const char *) data, size);
            }
            fuzz_check_upstream(buf, n, (const char *) data, size, stream);
        }
    }

    return 0;
}
