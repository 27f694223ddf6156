/*
 * Out of memory: every allocation from the translation's arena (jansson's
 * through it included) made in turn to fail (llm_arena_fault), a step of
 * llm_translate.h must fail, or give exactly what it gives with memory to
 * spare: never a body with a part silently left out.  The codecs build
 * their documents without testing every value they add; what holds them
 * to that is the arena's count of failures (llm_arena.h), which the
 * steps read.  For every pair of dialects: the client's request parsed,
 * the upstream's request emitted, the upstream's answer translated (fast
 * paths and documents alike); and a stream with text, reasoning and tool
 * calls (t/stream-cases), whose output must be the whole, or the whole's
 * first events and one error event.  Then the OpenAI and Anthropic
 * requests again with tools of the memo's size and the memo on, so that
 * their tools are found written (llm_ir.h, deferred tools): parsed and
 * emitted for every upstream, whole or nothing.  Prints TAP.
 */

#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llm_json_memo.h"
#include "llm_translate.h"
#include "llm_stream.h"
#include "read_file.h"
#include "tap.h"


static long  alloc_calls;
static long  fail_at;        /* 0: none fails */


static int
fault(void)
{
    return fail_at && ++alloc_calls == fail_at;
}


/* requests and answers with text, reasoning, images and tool calls */

static const char  *requests[LLM_DIALECT_MAX] = {
    [LLM_DIALECT_OPENAI] =
    "{\"model\":\"m\",\"max_tokens\":100,\"temperature\":0.5,"
    "\"stop\":[\"END\"],\"messages\":["
    "{\"role\":\"system\",\"content\":\"Be brief.\"},"
    "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"},"
    "{\"type\":\"image_url\",\"image_url\":{\"url\":"
    "\"data:image/png;base64,iVBORw0KGgo=\"}}]},"
    "{\"role\":\"assistant\",\"content\":\"Let me look.\",\"tool_calls\":["
    "{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\","
    "\"arguments\":\"{\\\"a\\\":1}\"}},"
    "{\"id\":\"c2\",\"type\":\"function\",\"function\":{\"name\":\"g\","
    "\"arguments\":\"{}\"}}]},"
    "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"one\"},"
    "{\"role\":\"tool\",\"tool_call_id\":\"c2\",\"content\":\"two\"},"
    "{\"role\":\"user\",\"content\":\"And then?\"}],"
    "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\","
    "\"description\":\"F.\",\"parameters\":{\"type\":\"object\","
    "\"properties\":{\"a\":{\"type\":\"integer\"}}}}},"
    "{\"type\":\"function\",\"function\":{\"name\":\"g\","
    "\"parameters\":{\"type\":\"object\"}}}],"
    "\"tool_choice\":\"auto\"}",

    [LLM_DIALECT_ANTHROPIC] =
    "{\"model\":\"m\",\"max_tokens\":100,\"system\":\"Be brief.\","
    "\"stop_sequences\":[\"END\"],\"messages\":["
    "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"},"
    "{\"type\":\"image\",\"source\":{\"type\":\"base64\","
    "\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}]},"
    "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
    "\"text\":\"Let me look.\"},{\"type\":\"tool_use\",\"id\":\"c1\","
    "\"name\":\"f\",\"input\":{\"a\":1}},{\"type\":\"tool_use\","
    "\"id\":\"c2\",\"name\":\"g\",\"input\":{}}]},"
    "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
    "\"tool_use_id\":\"c1\",\"content\":\"one\"},{\"type\":\"tool_result\","
    "\"tool_use_id\":\"c2\",\"content\":[{\"type\":\"text\","
    "\"text\":\"two\"}]},{\"type\":\"text\",\"text\":\"And then?\"}]}],"
    "\"tools\":[{\"name\":\"f\",\"description\":\"F.\",\"input_schema\":"
    "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}},"
    "{\"name\":\"g\",\"input_schema\":{\"type\":\"object\"}}],"
    "\"tool_choice\":{\"type\":\"auto\"}}",

    [LLM_DIALECT_GEMINI] =
    "{\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]},"
    "\"contents\":["
    "{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"},{\"inlineData\":"
    "{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}]},"
    "{\"role\":\"model\",\"parts\":[{\"text\":\"Let me look.\"},"
    "{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":1}}},"
    "{\"functionCall\":{\"name\":\"g\",\"args\":{}}}]},"
    "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"f\","
    "\"response\":{\"output\":\"one\"}}},{\"functionResponse\":"
    "{\"name\":\"g\",\"response\":{\"output\":\"two\"}}},"
    "{\"text\":\"And then?\"}]}],"
    "\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\","
    "\"description\":\"F.\",\"parameters\":{\"type\":\"object\","
    "\"properties\":{\"a\":{\"type\":\"integer\"}}}},{\"name\":\"g\","
    "\"parameters\":{\"type\":\"object\"}}]}],"
    "\"generationConfig\":{\"maxOutputTokens\":100,"
    "\"stopSequences\":[\"END\"]}}"
};

static const char  *answers[LLM_DIALECT_MAX] = {
    [LLM_DIALECT_OPENAI] =
    "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\","
    "\"created\":1700000000,\"model\":\"m\",\"choices\":[{\"index\":0,"
    "\"message\":{\"role\":\"assistant\",\"content\":\"Checking both.\","
    "\"reasoning_content\":\"Two cities.\",\"tool_calls\":["
    "{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":"
    "\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}},"
    "{\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":"
    "\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Lisbon\\\"}\"}}]},"
    "\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],"
    "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":30,"
    "\"total_tokens\":50,\"prompt_tokens_details\":{\"cached_tokens\":4},"
    "\"completion_tokens_details\":{\"reasoning_tokens\":5}}}",

    [LLM_DIALECT_ANTHROPIC] =
    "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
    "\"model\":\"claude-x\",\"content\":["
    "{\"type\":\"thinking\",\"thinking\":\"Two cities.\","
    "\"signature\":\"sig1\"},"
    "{\"type\":\"text\",\"text\":\"Checking both.\"},"
    "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
    "\"input\":{\"city\":\"Paris\"}},"
    "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"get_weather\","
    "\"input\":{\"city\":\"Lisbon\",\"days\":[1,2]}}],"
    "\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
    "\"usage\":{\"input_tokens\":20,\"output_tokens\":30,"
    "\"cache_read_input_tokens\":4}}",

    [LLM_DIALECT_GEMINI] =
    "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["
    "{\"text\":\"Two cities.\",\"thought\":true},"
    "{\"text\":\"Checking both.\"},{\"text\":\" Now.\"},"
    "{\"functionCall\":{\"name\":\"get_weather\",\"args\":"
    "{\"city\":\"Paris\"}}},"
    "{\"functionCall\":{\"name\":\"get_weather\",\"args\":"
    "{\"city\":\"Lisbon\"}}}]},\"finishReason\":\"STOP\",\"index\":0}],"
    "\"usageMetadata\":{\"promptTokenCount\":20,"
    "\"candidatesTokenCount\":25,\"thoughtsTokenCount\":5,"
    "\"totalTokenCount\":50},\"modelVersion\":\"gemini-x\"}"
};


/* the requests start() parses: requests, or long_requests */
static const char  **bodies = requests;
static char         *long_requests[LLM_DIALECT_MAX];
static size_t        deferred;          /* parses with tools found written */


/* requests[d] with its tool f's description "F." of some 300 bytes: its
 * tools of the memo's size (NULL out of memory) */
static char *
long_request(llm_dialect_e d)
{
    char        *out;
    size_t       n;
    const char  *at;

    static const char  from[] = "\"description\":\"F.\"";
    static const char  to[] = "\"description\":\"F takes a and gives "
        "back what it finds for it. F takes a and gives back what it "
        "finds for it. F takes a and gives back what it finds for it. "
        "F takes a and gives back what it finds for it. F takes a and "
        "gives back what it finds for it. F takes a and gives back what "
        "it finds for it.\"";

    at = strstr(requests[d], from);
    if (at == NULL) {
        return NULL;
    }

    n = strlen(requests[d]);
    out = malloc(n + sizeof(to));
    if (out == NULL) {
        return NULL;
    }

    memcpy(out, requests[d], (size_t) (at - requests[d]));
    strcpy(out + (at - requests[d]), to);
    strcat(out, at + sizeof(from) - 1);

    return out;
}


/* A fresh translation from client to upstream with the request parsed
 * (with memory to spare unless fail_at is set); 0 when parsed. */
static int
start(llm_translation_t *t, llm_dialect_e client, llm_dialect_e up)
{
    const char  *body;

    llm_translation_init(t, client, up);
    t->opt.now = 1700000000;
    t->opt.default_max_tokens = LLM_DEFAULT_MAX_TOKENS;
    llm_str_set(&t->opt.upstream_model, "up-model", 8);

    body = bodies[client];

    if (llm_parse_request(t, body, strlen(body), NULL) != 0) {
        return -1;
    }

    deferred += t->req.tools_text.data != NULL;
    return 0;
}


/* The step (0: parse, 1: emit, 2: the answer) with memory to spare, in
 * ref (malloc'd), then with the nth allocation failing for every n: the
 * step fails, or gives ref. */
static void
sweep(llm_dialect_e client, llm_dialect_e up, int step)
{
    int                rc;
    long               n, made, partial;
    char              *out, *ref, name[160], detail[400];
    size_t             outlen, reflen;
    llm_translation_t  t;

    static const char  *steps[] = { "request parsed", "request emitted",
                                    "answer translated" };

    ref = NULL;
    reflen = 0;
    partial = 0;
    detail[0] = '\0';

    for (n = 0; /* void */; n++) {
        alloc_calls = 0;
        fail_at = (step == 0) ? n : 0;

        rc = start(&t, client, up);

        fail_at = 0;
        if (rc == 0 && step > 0) {
            alloc_calls = 0;
            fail_at = (step == 1) ? n : 0;
            rc = llm_emit_request(&t, &out, &outlen);
            fail_at = 0;

            if (rc == 0 && step == 2) {
                alloc_calls = 0;
                fail_at = n;
                rc = llm_translate_response(&t, answers[up],
                                            strlen(answers[up]), &out,
                                            &outlen);
                fail_at = 0;
            }

        } else if (rc == 0) {
            rc = llm_emit_request(&t, &out, &outlen);   /* what it read */
        }

        made = alloc_calls;

        if (n == 0) {
            if (rc != 0) {
                snprintf(detail, sizeof(detail), "with memory: %.300s",
                         t.err.message);
                llm_translation_free(&t);
                break;
            }

            ref = malloc(outlen);
            if (ref == NULL) {
                llm_translation_free(&t);
                break;
            }
            memcpy(ref, out, outlen);
            reflen = outlen;

        } else if (rc == 0
                   && (outlen != reflen || memcmp(out, ref, reflen) != 0))
        {
            if (partial++ == 0) {
                snprintf(detail, sizeof(detail),
                         "allocation %ld failing gave %.*s", n,
                         (int) (outlen < 300 ? outlen : 300), out);
            }
        }

        llm_translation_free(&t);

        if (n > 0 && made < n) {
            break;                      /* nothing failed: all swept */
        }
    }

    snprintf(name, sizeof(name), "%s to %s, %s: whole or nothing "
             "(%ld allocations)", llm_dialect_name(client),
             llm_dialect_name(up), steps[step], n);
    ok(ref != NULL && partial == 0, name, detail);

    free(ref);
}


/* client's request translated twice for every upstream: its tools kept
 * in the memo as written for the last */
static void
warm(llm_dialect_e client)
{
    int                i;
    char              *out;
    size_t             outlen;
    llm_dialect_e      up;
    llm_translation_t  t;

    for (i = 0; i < 2; i++) {
        for (up = LLM_DIALECT_OPENAI; up < LLM_DIALECT_MAX; up++) {
            if (start(&t, client, up) == 0) {
                (void) llm_emit_request(&t, &out, &outlen);
            }
            llm_translation_free(&t);
        }
    }
}


/* streams */

static const char  *stream_inputs[LLM_DIALECT_MAX] = {
    [LLM_DIALECT_OPENAI] =
        "t/stream-cases/from-openai/tools-parallel/input.sse",
    [LLM_DIALECT_ANTHROPIC] =
        "t/stream-cases/from-anthropic/thinking-tool/input.sse",
    [LLM_DIALECT_GEMINI] =
        "t/stream-cases/from-gemini/tools-split-stop/input.sse"
};


static int
collect(void *data, const char *buf, size_t len)
{
    return llm_buf_add(data, buf, len);
}


/* The client's bytes for the upstream's input, fed whole; the nth
 * allocation fails when fail_at is n. */
static void
stream_run(llm_dialect_e up, llm_dialect_e client, const char *in,
    size_t len, llm_buf_t *out)
{
    llm_stream_t   *s;
    llm_options_t   opt;
    llm_request_t   req;

    memset(&req, 0, sizeof(llm_request_t));
    memset(&opt, 0, sizeof(llm_options_t));
    llm_str_set(&req.model, "m", 1);
    req.stream = 1;
    req.stream_include_usage = 1;
    opt.now = 1700000000;
    opt.default_max_tokens = LLM_DEFAULT_MAX_TOKENS;

    s = llm_stream_create(up, client, &req, &opt, 1 << 20);
    if (s == NULL) {
        return;
    }

    (void) llm_stream_feed(s, in, len, collect, out);
    (void) llm_stream_finish(s, collect, out);
    llm_stream_destroy(s);
}


/* out is ref, or ref's first events (up to a blank line) and then one
 * event that says "error" */
static int
stream_whole_or_cut(const llm_buf_t *out, const llm_buf_t *ref)
{
    size_t       n, rest;
    const char  *p, *end;

    if (out->len == ref->len && memcmp(out->data, ref->data, ref->len) == 0)
    {
        return 1;
    }

    /* the longest common prefix that ends an event */
    for (n = 0; n < out->len && n < ref->len && out->data[n] == ref->data[n];
         n++)
    {
        /* void */
    }

    while (n > 0 && !(n >= 2 && out->data[n - 1] == '\n'
                      && out->data[n - 2] == '\n'))
    {
        n--;
    }

    /* the rest: a single event, an error */
    p = out->data + n;
    end = out->data + out->len;
    rest = (size_t) (end - p);

    return rest > 2 && end[-1] == '\n' && end[-2] == '\n'
           && memmem(p, rest - 2, "\n\n", 2) == NULL
           && memmem(p, rest, "rror", 4) != NULL;
}


static void
stream_sweep(llm_dialect_e up, llm_dialect_e client)
{
    long        n, made, bad;
    char       *in, name[160], detail[400];
    size_t      len;
    llm_buf_t   ref, out;

    memset(&ref, 0, sizeof(llm_buf_t));
    in = read_file(stream_inputs[up], &len);
    bad = 0;
    detail[0] = '\0';
    n = 0;

    if (in != NULL) {
        stream_run(up, client, in, len, &ref);

        for (n = 1; ref.len; n++) {
            memset(&out, 0, sizeof(llm_buf_t));
            alloc_calls = 0;
            fail_at = n;
            stream_run(up, client, in, len, &out);
            made = alloc_calls;
            fail_at = 0;

            if (!stream_whole_or_cut(&out, &ref) && bad++ == 0) {
                snprintf(detail, sizeof(detail),
                         "allocation %ld failing gave %.*s", n,
                         (int) (out.len < 300 ? out.len : 300),
                         out.data ? out.data : "");
            }

            llm_buf_free(&out);

            if (made < n) {
                break;
            }
        }
    }

    snprintf(name, sizeof(name), "stream from %s to %s: whole, or cut at "
             "an event with an error (%ld allocations)",
             llm_dialect_name(up), llm_dialect_name(client), n);
    ok(ref.len > 0 && bad == 0, name, detail);

    llm_buf_free(&ref);
    free(in);
}


int
main(void)
{
    int            step;
    llm_dialect_e  client, up;

    llm_arena_fault = fault;

    for (client = LLM_DIALECT_OPENAI; client < LLM_DIALECT_MAX; client++) {
        for (up = LLM_DIALECT_OPENAI; up < LLM_DIALECT_MAX; up++) {
            for (step = 0; step < 3; step++) {
                sweep(client, up, step);
            }

            stream_sweep(up, client);
        }
    }

    /* tools found written: each sweep after translations for every
     * upstream, so that the memo holds the tools written (kept the
     * second time) for another dialect or the same */
    llm_json_memo_set_size(1 << 20);
    bodies = (const char **) long_requests;

    for (client = LLM_DIALECT_OPENAI; client <= LLM_DIALECT_ANTHROPIC;
         client++)
    {
        long_requests[client] = long_request(client);
        ok(long_requests[client] != NULL
           && strlen(long_requests[client]) > strlen(requests[client]) + 256,
           "a request with tools of the memo's size", NULL);

        if (long_requests[client] == NULL) {
            continue;
        }

        for (up = LLM_DIALECT_OPENAI; up < LLM_DIALECT_MAX; up++) {
            for (step = 0; step < 2; step++) {
                warm(client);
                sweep(client, up, step);
            }
        }

        free(long_requests[client]);
        long_requests[client] = NULL;
    }

    ok(deferred >= 100, "parses whose tools were found written", NULL);
    printf("# %zu parses with tools found written\n", deferred);
    llm_json_memo_set_size(0);

    return tap_done();
}
