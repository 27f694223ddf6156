/*
 * Token counts a provider sends near the ends of int64 (llm_map.c): the
 * totals and the parts derived from them saturate, in every dialect's
 * mapping and in the relayed answer's reading, instead of overflowing
 * (undefined behaviour: the SAN build stops on it; the plain build would
 * print a negative total).  Prints TAP.
 */

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "llm_map.h"
#include "tap.h"


#define MAX  INT64_MAX
#define MIN  INT64_MIN


static int64_t
member_int(json_t *j, const char *name)
{
    return json_integer_value(json_object_get(j, name));
}


static void
test_helpers(void)
{
    ok(llm_usage_add(MAX, 1) == MAX, "add saturates up", NULL);
    ok(llm_usage_add(MIN, -1) == MIN, "add saturates down", NULL);
    ok(llm_usage_add(40, 2) == 42, "add adds", NULL);
    ok(llm_usage_sub(MIN, 1) == MIN, "sub saturates down", NULL);
    ok(llm_usage_sub(MAX, -1) == MAX, "sub saturates up", NULL);
    ok(llm_usage_sub(0, MIN) == MAX, "sub of INT64_MIN saturates", NULL);
    ok(llm_usage_sub(44, 2) == 42, "sub subtracts", NULL);
}


static void
test_emitters(void)
{
    char         detail[600];
    json_t      *j;
    llm_jw_t     w;
    const char  *want;
    llm_arena_t  a;
    llm_usage_t  u;

    memset(&u, 0, sizeof(llm_usage_t));
    u.input_total = MAX;
    u.output_total = 7;
    u.has_input = 1;
    u.has_output = 1;

    j = llm_usage_to_openai(&u);
    ok(j && member_int(j, "total_tokens") == MAX,
       "OpenAI total_tokens saturates", NULL);
    json_decref(j);

    llm_arena_init(&a, 0);
    llm_jw_init(&w, &a);
    want = "{\"prompt_tokens\":9223372036854775807,\"completion_tokens\":7,"
           "\"total_tokens\":9223372036854775807}";
    ok(llm_usage_write_openai(&w, &u) == 0
       && w.len == strlen(want) && memcmp(w.data, want, w.len) == 0,
       "OpenAI usage written with total_tokens saturated",
       (snprintf(detail, sizeof(detail), "wrote %.*s", (int) w.len,
                 w.data ? w.data : ""), detail));
    llm_arena_free(&a);

    j = llm_usage_to_gemini(&u);
    ok(j && member_int(j, "totalTokenCount") == MAX,
       "Gemini totalTokenCount saturates", NULL);
    json_decref(j);

    /* the parts: a difference that would overflow is clamped at 0 */
    memset(&u, 0, sizeof(llm_usage_t));
    u.input_total = MIN;
    u.cache_read = MAX;
    u.cache_write = MAX;
    u.output_total = MIN;
    u.reasoning = MAX;
    u.has_reasoning = 1;

    j = llm_usage_to_anthropic(&u);
    ok(j && member_int(j, "input_tokens") == 0,
       "Anthropic uncached input saturates, then is clamped", NULL);
    json_decref(j);

    j = llm_usage_to_gemini(&u);
    ok(j && member_int(j, "candidatesTokenCount") == 0
       && member_int(j, "totalTokenCount") == MIN,
       "Gemini candidates saturate, then are clamped", NULL);
    json_decref(j);
}


static void
test_readers(void)
{
    json_t       *j;
    int64_t       v[LLM_USAGE_ANTHROPIC_N];
    llm_usage_t   u;
    const char   *body;

    /* Anthropic: input_tokens plus the cache reads and writes */
    memset(&u, 0, sizeof(llm_usage_t));
    memset(v, 0, sizeof(v));
    v[LLM_USAGE_ANTHROPIC_INPUT] = MAX;
    v[LLM_USAGE_ANTHROPIC_CACHE_READ] = 5;
    v[LLM_USAGE_ANTHROPIC_CACHE_WRITE] = 5;
    llm_usage_anthropic(&u, v, (1u << LLM_USAGE_ANTHROPIC_INPUT)
                               | (1u << LLM_USAGE_ANTHROPIC_CACHE_READ)
                               | (1u << LLM_USAGE_ANTHROPIC_CACHE_WRITE));
    ok(u.has_input && u.input_total == MAX,
       "Anthropic input with the cache saturates", NULL);

    /* Gemini: candidates plus thoughts */
    memset(&u, 0, sizeof(llm_usage_t));
    j = json_loads("{\"candidatesTokenCount\":9223372036854775807,"
                   "\"thoughtsTokenCount\":3}", 0, NULL);
    llm_usage_from_gemini(j, &u);
    json_decref(j);
    ok(u.has_output && u.output_total == MAX,
       "Gemini output with thoughts saturates", NULL);

    /* a relayed Anthropic answer, read from its bytes */
    memset(&u, 0, sizeof(llm_usage_t));
    body = "{\"type\":\"message\",\"usage\":{\"input_tokens\":"
           "9223372036854775000,\"cache_read_input_tokens\":1000,"
           "\"cache_creation_input_tokens\":100,\"output_tokens\":1}}";
    ok(llm_usage_relayed(LLM_DIALECT_ANTHROPIC, body, strlen(body), &u)
       && u.has_input && u.input_total == MAX,
       "relayed Anthropic input with the cache saturates", NULL);
}


int
main(void)
{
    test_helpers();
    test_emitters();
    test_readers();

    return tap_done();
}
