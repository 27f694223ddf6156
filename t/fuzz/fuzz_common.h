/*
 * Shared helpers of the libFuzzer targets (t/fuzz/fuzz_*.c).  Every
 * target is built with -fsanitize=fuzzer,address,undefined; besides the
 * sanitizers, each checks properties that must hold for any input:
 * whatever the core emits is valid JSON, and a stream gives the same
 * output whatever the chunking of its input.
 */

#ifndef LLM_FUZZ_COMMON_H
#define LLM_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llm_translate.h"
#include "llm_stream.h"
#include "llm_sse.h"
#include "llm_path.h"


#define FUZZ_NOW  1767225600

static const llm_dialect_e  fuzz_dialects[3] = {
    LLM_DIALECT_OPENAI, LLM_DIALECT_ANTHROPIC, LLM_DIALECT_GEMINI
};


static void
fuzz_fail(const char *what, const char *detail, size_t len)
{
    fprintf(stderr, "FUZZ INVARIANT: %s\n", what);
    if (detail) {
        fprintf(stderr, "%.*s\n", (int) (len > 4000 ? 4000 : len), detail);
    }
    abort();
}


/* LLM_FUZZ_LAX_CAP=1: tolerate the known difference of llm_sse_feed at
 * the event cap (a complete line longer than the cap is accepted when it
 * arrives in one piece and refused when split; see reliability.md), so
 * that a long campaign can look past it.  Smoke and regression runs are
 * strict. */
static int
fuzz_lax_cap(void)
{
    static int  lax = -1;

    if (lax == -1) {
        lax = getenv("LLM_FUZZ_LAX_CAP") != NULL;
    }
    return lax;
}


/* The second known finding: an error message that is not valid UTF-8
 * (jansson's parse error quoting a partial character, or an upstream
 * message cut at LLM_ERR_MSG_MAX inside a character) gives no error
 * body.  In lax mode such a failure is tolerated. */
static int
fuzz_lax_message(const char *m)
{
    json_t  *j;

    if (!fuzz_lax_cap()) {
        return 0;
    }
    j = json_string(m);
    if (j == NULL) {
        return 1;
    }
    json_decref(j);
    return 0;
}


/* FNV-1a: chunk boundaries derived from the input itself, so a seed file
 * is just the body and the fuzzer still explores chunkings */
static uint64_t
fuzz_hash(const uint8_t *p, size_t n)
{
    uint64_t  h = 1469598103934665603ULL;

    while (n--) {
        h ^= *p++;
        h *= 1099511628211ULL;
    }
    return h;
}


static uint64_t
fuzz_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}


/* Output must be one JSON document (jansson's default depth limit is the
 * one the core parses with, so deeper output would be a bug too).  "\u0000"
 * is valid JSON: streams relay it from upstreams that send it. */
static void
fuzz_check_json(const char *what, const char *out, size_t len)
{
    json_t        *j;
    json_error_t   e;

    j = json_loadb(out, len, JSON_ALLOW_NUL, &e);
    if (j == NULL) {
        fuzz_fail(what, out, len);
    }
    json_decref(j);
}


/* A client request of each dialect, parsed into t (the response and
 * stream translators read the client's model, tools, options). */
static void
fuzz_client_request(llm_translation_t *t, llm_dialect_e client)
{
    const char  *body;
    llm_str_t    pm;

    static const char  openai[] =
        "{\"model\":\"gpt-x\",\"messages\":[{\"role\":\"user\","
        "\"content\":\"hi\"}],\"tools\":[{\"type\":\"function\","
        "\"function\":{\"name\":\"get_weather\",\"parameters\":"
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":"
        "\"string\"}}}}}],\"stream_options\":{\"include_usage\":true},"
        "\"stream\":true}";
    static const char  anthropic[] =
        "{\"model\":\"claude-x\",\"max_tokens\":100,\"messages\":[{"
        "\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[{\"name\":"
        "\"get_weather\",\"input_schema\":{\"type\":\"object\"}}]}";
    static const char  gemini[] =
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
        "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\","
        "\"parameters\":{\"type\":\"object\"}}]}]}";

    llm_str_set(&pm, NULL, 0);

    switch (client) {
    case LLM_DIALECT_OPENAI:
        body = openai;
        break;
    case LLM_DIALECT_ANTHROPIC:
        body = anthropic;
        break;
    default:
        body = gemini;
        llm_str_set(&pm, "gemini-2.5-flash", 16);
        break;
    }

    if (llm_parse_request(t, body, strlen(body), &pm) != 0) {
        fuzz_fail("fixed client request rejected", t->err.message,
                  strlen(t->err.message));
    }
}

#endif /* LLM_FUZZ_COMMON_H */
