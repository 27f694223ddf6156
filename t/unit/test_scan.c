/*
 * The scans of relayed (not parsed) bodies.  Requests: llm_scan_request
 * (syntax, "model", "stream") and llm_rewrite_model on a scanned body,
 * edge cases, then every request of the fixtures, where the scan must
 * read what the full parse reads.  Answers: llm_usage_relayed (syntax and
 * the usage object's counts).  First the JSON check under them alone.
 * Prints TAP.
 *
 *   test_scan [dir]     default: t/cases
 */

#define _DEFAULT_SOURCE

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "llm_translate.h"
#include "llm_map.h"
#include "llm_json.h"
#include "llm_json_check.h"
#include "read_file.h"
#include "tap.h"


/* model NULL: the scan must fail, with param as the error's param */
typedef struct {
    const char  *name;
    const char  *body;
    const char  *path_model;
    const char  *model;
    int          stream;
    const char  *param;
    const char  *message;       /* part of the error message, or NULL */
} scan_case_t;


static const scan_case_t  cases[] = {
    { "model and stream", "{\"model\":\"gpt-4o\",\"stream\":true}",
      NULL, "gpt-4o", 1, NULL, NULL },
    { "no stream is not streaming", "{\"model\":\"m\",\"messages\":[]}",
      NULL, "m", 0, NULL, NULL },
    { "stream false", "{\"stream\":false,\"model\":\"m\"}",
      NULL, "m", 0, NULL, NULL },
    { "stream null", "{\"stream\":null,\"model\":\"m\"}",
      NULL, "m", 0, NULL, NULL },
    { "stream of another type", "{\"model\":\"m\",\"stream\":\"yes\"}",
      NULL, NULL, 0, "stream", "expected a boolean" },
    { "white space everywhere", " \n{ \"model\" :\t\"m\" , \"stream\" : true"
      " }\r\n", NULL, "m", 1, NULL, NULL },
    { "fields the gateway does not know are the provider's",
      "{\"model\":\"m\",\"top_k\":5,\"new_field\":{\"a\":[1,2]}}",
      NULL, "m", 0, NULL, NULL },
    { "a nested model is not the model",
      "{\"messages\":[{\"model\":\"x\",\"stream\":true}],\"model\":\"y\"}",
      NULL, "y", 0, NULL, NULL },
    { "a model inside a string is not the model",
      "{\"messages\":\"\\\"model\\\":\\\"x\\\"\",\"model\":\"y\"}",
      NULL, "y", 0, NULL, NULL },
    { "escaped key is the same key", "{\"mod\\u0065l\":\"m1\"}",
      NULL, "m1", 0, NULL, NULL },
    { "escaped key, every escape", "{\"\\u006d\\u006Fdel\":\"m1\","
      "\"s\\/tream\":true}", NULL, "m1", 0, NULL, NULL },
    { "an escaped stream key", "{\"model\":\"m\",\"strea\\u006d\":true}",
      NULL, "m", 1, NULL, NULL },
    { "a longer key is another key", "{\"models\":\"x\",\"model\":\"m\"}",
      NULL, "m", 0, NULL, NULL },
    { "a shorter key is another key", "{\"mode\":\"x\",\"model\":\"m\"}",
      NULL, "m", 0, NULL, NULL },
    { "escaped model value", "{\"model\":\"gpt\\u002d4o\\/mini\"}",
      NULL, "gpt-4o/mini", 0, NULL, NULL },
    { "UTF-8 model value", "{\"model\":\"mod\xc3\xa8le\"}",
      NULL, "mod\xc3\xa8le", 0, NULL, NULL },
    { "model null is no model", "{\"model\":null}", NULL, "", 0, NULL,
      NULL },
    { "no model", "{\"messages\":[]}", NULL, "", 0, NULL, NULL },
    { "model of another type", "{\"model\":5}", NULL, NULL, 0, "model",
      "expected a string" },
    { "model as an object", "{\"model\":{\"name\":\"m\"}}", NULL, NULL, 0,
      "model", "expected a string" },
    { "model with a NUL", "{\"model\":\"a\\u0000b\"}", NULL, NULL, 0,
      "model", NULL },
    { "duplicate model", "{\"model\":\"a\",\"model\":\"b\"}", NULL, NULL, 0,
      "model", "duplicate" },
    { "duplicate model, one escaped", "{\"model\":\"a\",\"mod\\u0065l\":"
      "\"b\"}", NULL, NULL, 0, "model", "duplicate" },
    { "duplicate stream", "{\"model\":\"a\",\"stream\":false,"
      "\"stream\":true}", NULL, NULL, 0, "stream", "duplicate" },
    { "path model wins", "{\"contents\":[]}", "gemini-2.5-flash",
      "gemini-2.5-flash", 0, NULL, NULL },
    { "empty object", "{}", NULL, "", 0, NULL, NULL },
    { "not JSON", "{\"model\":", NULL, NULL, 0, "", "not valid JSON" },
    { "not an object", "[{\"model\":\"m\"}]", NULL, NULL, 0, "",
      "must be a JSON object" },
    { "a string", "\"m\"", NULL, NULL, 0, "", "not valid JSON" },
    { "text after the object", "{\"model\":\"m\"} x", NULL, NULL, 0, "",
      "not valid JSON" },
    { "two objects", "{\"model\":\"m\"}{}", NULL, NULL, 0, "",
      "not valid JSON" },
    { "trailing comma", "{\"model\":\"m\",}", NULL, NULL, 0, "",
      "not valid JSON" },
    { "bad literal", "{\"model\":\"m\",\"stream\":tru}", NULL, NULL, 0, "",
      "not valid JSON" },
    { "bad number", "{\"model\":\"m\",\"n\":01}", NULL, NULL, 0, "",
      "not valid JSON" },
    { "invalid UTF-8", "{\"model\":\"m\",\"x\":\"\xc3(\"}", NULL, NULL, 0,
      "", "not valid JSON" },
    { "a control byte in a string", "{\"model\":\"m\",\"x\":\"a\nb\"}",
      NULL, NULL, 0, "", "not valid JSON" },
    { "a bad escape", "{\"model\":\"m\",\"x\":\"\\q\"}", NULL, NULL, 0, "",
      "not valid JSON" },
    { "an unpaired surrogate is well-formed JSON",
      "{\"model\":\"m\",\"x\":\"\\ud800\"}", NULL, "m", 0, NULL, NULL },
    { "empty body", "", NULL, NULL, 0, "", "not valid JSON" },
};


static void
scan_cases(void)
{
    size_t              i;
    char                detail[1024];
    llm_str_t           pm;
    llm_translation_t   t;
    const scan_case_t  *c;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        c = &cases[i];

        llm_translation_init(&t, LLM_DIALECT_OPENAI, LLM_DIALECT_OPENAI);
        pm.data = c->path_model;
        pm.len = c->path_model ? strlen(c->path_model) : 0;

        if (llm_scan_request(&t, c->body, strlen(c->body), &pm) != 0) {
            snprintf(detail, sizeof(detail), "refused: %.400s (param \"%s\")",
                     t.err.message, t.err.param);
            ok(c->model == NULL
               && strcmp(t.err.param, c->param) == 0
               && t.err.status == 400
               && (c->message == NULL
                   || strstr(t.err.message, c->message) != NULL),
               c->name, detail);

        } else {
            snprintf(detail, sizeof(detail), "model \"%.*s\", stream %d",
                     (int) t.req.model.len,
                     t.req.model.data ? t.req.model.data : "",
                     t.req.stream);
            ok(c->model != NULL
               && t.req.model.len == strlen(c->model)
               && (t.req.model.len == 0
                   || memcmp(t.req.model.data, c->model,
                             t.req.model.len) == 0)
               && t.req.stream == c->stream,
               c->name, detail);
        }

        llm_translation_free(&t);
    }

    /* a Gemini body's own "model" and "stream" are not Gemini's: the
     * path says both (a stream flag here would make a JSON answer be
     * read as a stream) */
    llm_translation_init(&t, LLM_DIALECT_GEMINI, LLM_DIALECT_GEMINI);
    pm.data = "gemini-2.5-flash";
    pm.len = 16;
    ok(llm_scan_request(&t, "{\"model\":\"x\",\"stream\":true,"
                        "\"model\":5}", 37, &pm) == 0
       && t.req.stream == 0 && t.req.model.len == 16,
       "Gemini: model and stream from the path only", t.err.message);
    llm_translation_free(&t);

    /* the depth the reader allows and the check does not */
    {
        char    *deep;
        size_t   n = 600, k;

        deep = malloc(2 * n + 32);
        k = (size_t) sprintf(deep, "{\"model\":\"m\",\"x\":");
        memset(deep + k, '[', n);
        memset(deep + k + n, ']', n);
        strcpy(deep + k + 2 * n, "}");

        llm_translation_init(&t, LLM_DIALECT_OPENAI, LLM_DIALECT_OPENAI);
        ok(llm_scan_request(&t, deep, strlen(deep), NULL) != 0
           && strstr(t.err.message, "deeply") != NULL,
           "600 levels of nesting are refused", t.err.message);
        llm_translation_free(&t);
        free(deep);
    }
}


/* The check itself (llm_json_check.c): what it accepts, the members it
 * finds, where llm_json_skip stops.  skip: bytes llm_json_skip takes from
 * the start, -1 for NULL; member: the raw value of "k" at the top level,
 * NULL for none. */
typedef struct {
    const char  *body;
    int          object;
    int          skip;
    const char  *member;
    unsigned     count;
} check_case_t;


static const check_case_t  checks[] = {
    { "{}", 1, 2, NULL, 0 },
    { " \t\r\n{ \t\r\n} \t\r\n", 1, 10, NULL, 0 },
    { "{ \"k\" \n:\t[ 1 , { } , [ ] , \"s\" ] , \"x\" : { \"k\" : 2 } }",
      1, 54, "[ 1 , { } , [ ] , \"s\" ]", 1 },
    { "{\"k\":{\"k\":{\"k\":1}},\"z\":0}", 1, 25, "{\"k\":{\"k\":1}}", 1 },
    { "{\"k\":1,\"k\":[true,false,null]}", 1, 29, "[true,false,null]", 2 },
    { "{\"\\u006b\":\"v\"}", 1, 14, "\"v\"", 1 },
    { "{\"\\k\":1}", 0, -1, NULL, 0 },
    { "{\"kk\":1,\"\":2,\"K\":3}", 1, 19, NULL, 0 },
    { "{\"a\":[{\"k\":1}],\"b\":\"k\"}", 1, 23, NULL, 0 },
    { "{\"k\":-0.5e+10}", 1, 14, "-0.5e+10", 1 },
    { "{\"k\":0E-0}", 1, 10, "0E-0", 1 },
    { "{\"k\":123456789012345678901234567890}", 1, 36,
      "123456789012345678901234567890", 1 },
    { "{\"k\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00aF\"}", 1, 30,
      "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00aF\"", 1 },
    { "{\"k\":\"\xf0\x9f\x98\x80 \xc3\xa9\x7f\"}", 1, 16,
      "\"\xf0\x9f\x98\x80 \xc3\xa9\x7f\"", 1 },
    { "{\"k\":\"a string longer than sixteen bytes, \\\"escaped\\\"\"}",
      1, 55, "\"a string longer than sixteen bytes, \\\"escaped\\\"\"",
      1 },
    { "{\"k\":1}x", 0, 7, "1", 1 },
    { "{\"k\":01}", 0, -1, NULL, 0 },
    { "{\"k\":-}", 0, -1, NULL, 0 },
    { "{\"k\":1.}", 0, -1, NULL, 0 },
    { "{\"k\":.5}", 0, -1, NULL, 0 },
    { "{\"k\":1e}", 0, -1, NULL, 0 },
    { "{\"k\":+1}", 0, -1, NULL, 0 },
    { "{\"k\":tru}", 0, -1, NULL, 0 },
    { "{\"k\":nul", 0, -1, NULL, 0 },
    { "{\"k\":falsE}", 0, -1, NULL, 0 },
    { "{\"k\":\"\\x\"}", 0, -1, NULL, 0 },
    { "{\"k\":\"\\u12g4\"}", 0, -1, NULL, 0 },
    { "{\"k\":\"\\u123\"}", 0, -1, NULL, 0 },
    { "{\"k\":\"a\tb\"}", 0, -1, NULL, 0 },
    { "{\"k\":\"\xc0\xaf\"}", 0, -1, NULL, 0 },
    { "{\"k\":\"\xed\xa0\x80\"}", 0, -1, NULL, 0 },
    { "{\"k\":\"0123456789abcdef\x80\"}", 0, -1, NULL, 0 },
    { "{\"k\":\"unterminated", 0, -1, NULL, 0 },
    { "{\"k\" 1}", 0, -1, NULL, 0 },
    { "{\"k\":1 \"z\":2}", 0, -1, NULL, 0 },
    { "{\"k\":[1,]}", 0, -1, NULL, 0 },
    { "{\"k\":[1}", 0, -1, NULL, 0 },
    { "{\"k\":{]}", 0, -1, NULL, 0 },
    { "{,}", 0, -1, NULL, 0 },
    { "{k:1}", 0, -1, NULL, 0 },
    { "{\"k\":1,}", 0, -1, NULL, 0 },
    { "{\"k\":\v1}", 0, -1, NULL, 0 },
    { "[1]", 0, 3, NULL, 0 },
    { " \"k\" ", 0, 4, NULL, 0 },
    { " 12,", 0, 3, NULL, 0 },
    { "true false", 0, 4, NULL, 0 },
    { "", 0, -1, NULL, 0 },
    { " ", 0, -1, NULL, 0 },
};


/* llm_json_object_members_in: m is "u" then "v", sub "a" (NULL: none) */
typedef struct {
    const char  *body;
    int          object;
    const char  *u;
    const char  *a;
    unsigned     count;
} check_in_case_t;


static const check_in_case_t  checks_in[] = {
    { "{\"u\":{\"a\":1,\"b\":{\"a\":2}},\"a\":3}", 1,
      "{\"a\":1,\"b\":{\"a\":2}}", "1", 1 },
    { "{ \"u\" : { \"a\" : 1 } }", 1, "{ \"a\" : 1 }", "1", 1 },
    { "{\"u\":{\"a\":1,\"a\":{\"a\":5}}}", 1, "{\"a\":1,\"a\":{\"a\":5}}",
      "{\"a\":5}", 2 },
    { "{\"u\":{\"a\":1},\"u\":{\"b\":2}}", 1, "{\"b\":2}", NULL, 0 },
    { "{\"u\":{\"a\":1},\"u\":null}", 1, "null", NULL, 0 },
    { "{\"u\":[{\"a\":1}]}", 1, "[{\"a\":1}]", NULL, 0 },
    { "{\"u\":{}}", 1, "{}", NULL, 0 },
    { "{\"x\":{\"u\":{\"a\":1}},\"u\":{\"\\u0061\":2}}", 1,
      "{\"\\u0061\":2}", "2", 1 },
    { "{\"v\":{\"a\":1}}", 1, NULL, NULL, 0 },
    { "{\"u\":{\"a\":1}", 0, NULL, NULL, 0 },
};


/* n levels of arrays in an object: depth n + 1 */
static int
check_depth(size_t n)
{
    int      is;
    char    *deep;
    size_t   k;

    deep = malloc(2 * n + 16);
    if (deep == NULL) {
        return -1;
    }

    k = (size_t) sprintf(deep, "{\"x\":");
    memset(deep + k, '[', n);
    memset(deep + k + n, ']', n);
    strcpy(deep + k + 2 * n, "}");

    is = llm_json_is_object(deep, strlen(deep));
    free(deep);

    return is;
}


static void
check_cases(void)
{
    int                  is;
    size_t               i, len;
    char                 name[200], detail[300];
    const char          *skip;
    llm_json_member_t    m[3];
    const check_case_t  *c;
    static const char    arr[] = "[1,2]3", num[] = "123";

    for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
        c = &checks[i];
        len = strlen(c->body);

        m[0].name = "k";
        m[0].name_len = 1;
        m[1].name = "k";                        /* the first one asked */
        m[1].name_len = 1;
        m[2].name = "absent";
        m[2].name_len = 6;

        is = llm_json_object_members(c->body, len, m, 3);
        skip = llm_json_skip(c->body, c->body + len);

        snprintf(name, sizeof(name), "check: %.150s", c->body);
        snprintf(detail, sizeof(detail), "object %d, skip %d, member "
                 "\"%.*s\" (%u), second %u, absent %u", is,
                 skip ? (int) (skip - c->body) : -1,
                 (int) m[0].value_len, m[0].value ? m[0].value : "",
                 m[0].count, m[1].count, m[2].count);

        ok(is == c->object
           && llm_json_is_object(c->body, len) == c->object
           && (c->skip < 0 ? skip == NULL : skip == c->body + c->skip)
           && (!c->object
               || (m[0].count == c->count
                   && m[1].count == 0 && m[1].value == NULL
                   && m[2].count == 0 && m[2].value == NULL
                   && (c->member == NULL
                       ? m[0].value == NULL
                       : m[0].value_len == strlen(c->member)
                         && memcmp(m[0].value, c->member,
                                   m[0].value_len) == 0))),
           name, detail);
    }

    for (i = 0; i < sizeof(checks_in) / sizeof(checks_in[0]); i++) {
        const check_in_case_t  *ci = &checks_in[i];
        llm_json_member_t       a;

        m[0].name = "u";
        m[0].name_len = 1;
        m[1].name = "v";
        m[1].name_len = 1;
        a.name = "a";
        a.name_len = 1;

        is = llm_json_object_members_in(ci->body, strlen(ci->body), m, 2,
                                        &a, 1);

        snprintf(name, sizeof(name), "check, a member's members: %.150s",
                 ci->body);
        snprintf(detail, sizeof(detail), "object %d, u \"%.*s\", "
                 "a \"%.*s\" (%u)", is, (int) m[0].value_len,
                 m[0].value ? m[0].value : "", (int) a.value_len,
                 a.value ? a.value : "", a.count);

        ok(is == ci->object
           && (!is
               || ((ci->u == NULL
                    ? m[0].count == 0
                    : m[0].value_len == strlen(ci->u)
                      && memcmp(m[0].value, ci->u, m[0].value_len) == 0)
                   && a.count == ci->count
                   && (ci->a == NULL
                       ? a.value == NULL
                       : a.value_len == strlen(ci->a)
                         && memcmp(a.value, ci->a, a.value_len) == 0))),
           name, detail);
    }

    ok(check_depth(LLM_JSON_CHECK_DEPTH - 1) == 1,
       "check: the depth limit, reached", NULL);
    ok(check_depth(LLM_JSON_CHECK_DEPTH) == 0,
       "check: the depth limit, passed", NULL);

    /* the check does not read past the length it is given */
    ok(llm_json_is_object("{\"k\":1}}", 7)
       && !llm_json_is_object("{\"k\":\"abcdefghijklmnopqrstuvwxyz\"}", 10)
       && llm_json_skip(arr, arr + 3) == NULL
       && llm_json_skip(num, num + 2) == num + 2,
       "check: the length is the end", NULL);
}


typedef struct {
    const char  *name;
    const char  *body;
    const char  *model;         /* the upstream's */
    const char  *expect;
} rewrite_case_t;


static const rewrite_case_t  rewrites[] = {
    { "rewrite keeps every other byte",
      "{ \"model\" : \"a\" ,\"x\":[1, 2.50],\"y\":\"\\u00e9\"}", "bb",
      "{ \"model\" : \"bb\" ,\"x\":[1, 2.50],\"y\":\"\\u00e9\"}" },
    { "rewrite escapes the new name", "{\"model\":\"a\",\"n\":1}",
      "b\"c\\d", "{\"model\":\"b\\\"c\\\\d\",\"n\":1}" },
    { "rewrite of an escaped value and key",
      "{\"messages\":[],\"mod\\u0065l\":\"g\\u0070t\"}", "gpt-4.1",
      "{\"messages\":[],\"mod\\u0065l\":\"gpt-4.1\"}" },
    { "rewrite at the very end", "{\"model\":\"a\"}", "z",
      "{\"model\":\"z\"}" },
};


static void
rewrite_cases(void)
{
    size_t              i, outlen;
    char               *out;
    char                detail[1024];
    llm_translation_t   t;

    for (i = 0; i < sizeof(rewrites) / sizeof(rewrites[0]); i++) {
        llm_translation_init(&t, LLM_DIALECT_OPENAI, LLM_DIALECT_OPENAI);
        llm_str_set(&t.opt.upstream_model, rewrites[i].model,
                    strlen(rewrites[i].model));

        out = NULL;
        if (llm_scan_request(&t, rewrites[i].body, strlen(rewrites[i].body),
                             NULL) == 0
            && llm_rewrite_model(&t, rewrites[i].body,
                                 strlen(rewrites[i].body), &out, &outlen)
               == 0)
        {
            snprintf(detail, sizeof(detail), "got %.*s", (int) outlen, out);
            ok(outlen == strlen(rewrites[i].expect)
               && memcmp(out, rewrites[i].expect, outlen) == 0
               && out[outlen] == '\0', rewrites[i].name, detail);

        } else {
            ok(0, rewrites[i].name, t.err.message);
        }

        llm_translation_free(&t);
    }

    /* no "model" in the body: nothing to put the new name in */
    llm_translation_init(&t, LLM_DIALECT_OPENAI, LLM_DIALECT_OPENAI);
    llm_str_set(&t.opt.upstream_model, "b", 1);
    ok(llm_scan_request(&t, "{}", 2, NULL) == 0
       && llm_rewrite_model(&t, "{}", 2, &out, &outlen) != 0,
       "no model, no rewrite", t.err.message);
    llm_translation_free(&t);
}


/* in, out: -1 for none; valid 0: not one JSON object */
typedef struct {
    const char     *name;
    llm_dialect_e   d;
    const char     *body;
    int             valid;
    int64_t         in, out;
} usage_case_t;


static const usage_case_t  usages[] = {
    { "OpenAI answer", LLM_DIALECT_OPENAI,
      "{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":10,"
      "\"completion_tokens\":3,\"total_tokens\":13,"
      "\"prompt_tokens_details\":{\"cached_tokens\":4}}}", 1, 10, 3 },
    { "OpenAI: tool arguments quoting usage keys are a string",
      LLM_DIALECT_OPENAI,
      "{\"choices\":[{\"message\":{\"tool_calls\":[{\"function\":"
      "{\"arguments\":\"{\\\"prompt_tokens\\\":99}\"}}]}}],"
      "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}",
      1, 1, 2 },
    { "OpenAI: usage null", LLM_DIALECT_OPENAI,
      "{\"choices\":[],\"usage\":null}", 1, -1, -1 },
    { "OpenAI: no usage", LLM_DIALECT_OPENAI, "{\"choices\":[]}", 1, -1,
      -1 },
    { "OpenAI: a usage key outside usage is not usage", LLM_DIALECT_OPENAI,
      "{\"prompt_tokens\":5,\"x\":{\"usage\":{\"prompt_tokens\":6}}}",
      1, -1, -1 },
    { "Anthropic: a tool input with usage keys before the usage",
      LLM_DIALECT_ANTHROPIC,
      "{\"content\":[{\"type\":\"tool_use\",\"input\":{\"usage\":"
      "{\"input_tokens\":999},\"input_tokens\":998,\"output_tokens\":997}}],"
      "\"usage\":{\"input_tokens\":5,\"cache_creation_input_tokens\":1,"
      "\"cache_read_input_tokens\":2,\"output_tokens\":7,"
      "\"cache_creation\":{\"ephemeral_5m_input_tokens\":1}}}", 1, 8, 7 },
    { "Anthropic message_start: usage inside message",
      LLM_DIALECT_ANTHROPIC,
      "{\"type\":\"message_start\",\"message\":{\"id\":\"m\","
      "\"content\":[],\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}",
      1, 5, 1 },
    { "Anthropic message_delta: output only", LLM_DIALECT_ANTHROPIC,
      "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
      "\"end_turn\"},\"usage\":{\"output_tokens\":9}}", 1, -1, 9 },
    { "Anthropic: null cache counts", LLM_DIALECT_ANTHROPIC,
      "{\"usage\":{\"input_tokens\":5,\"cache_read_input_tokens\":null,"
      "\"output_tokens\":2}}", 1, 5, 2 },
    { "Gemini: function args with usage keys before usageMetadata",
      LLM_DIALECT_GEMINI,
      "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":"
      "{\"name\":\"f\",\"args\":{\"promptTokenCount\":77,"
      "\"usageMetadata\":{\"candidatesTokenCount\":66}}}}]}}],"
      "\"usageMetadata\":{\"promptTokenCount\":6,\"candidatesTokenCount\":3,"
      "\"thoughtsTokenCount\":2,\"totalTokenCount\":11}}", 1, 6, 5 },
    { "the last usage is the usage", LLM_DIALECT_OPENAI,
      "{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2},"
      "\"usage\":{\"completion_tokens\":3}}", 1, -1, 3 },
    { "a last usage null is no usage", LLM_DIALECT_OPENAI,
      "{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2},"
      "\"usage\":null}", 1, -1, -1 },
    { "Anthropic message_start: a message without usage",
      LLM_DIALECT_ANTHROPIC,
      "{\"type\":\"message_start\",\"message\":{\"id\":\"m\","
      "\"x\":{\"usage\":{\"input_tokens\":5}}}}", 1, -1, -1 },
    { "Anthropic: the top usage wins over the message's",
      LLM_DIALECT_ANTHROPIC,
      "{\"message\":{\"usage\":{\"input_tokens\":5,\"output_tokens\":1}},"
      "\"usage\":{\"output_tokens\":4}}", 1, -1, 4 },
    { "Gemini: usageMetadata escaped and spaced", LLM_DIALECT_GEMINI,
      "{ \"usage\\u004detadata\" : { \"promptTokenCount\" : 6 ,"
      " \"candidatesTokenCount\":3 } }", 1, 6, 3 },
    { "a fraction, a negative and a huge count are no count",
      LLM_DIALECT_OPENAI,
      "{\"usage\":{\"prompt_tokens\":1.5,\"completion_tokens\":-2}}", 1,
      -1, -1 },
    { "a count beyond 64 bits is no count", LLM_DIALECT_OPENAI,
      "{\"usage\":{\"prompt_tokens\":99999999999999999999}}", 1, -1, -1 },
    { "not JSON", LLM_DIALECT_OPENAI, "{\"usage\":{\"prompt_tokens\":1}",
      0, -1, -1 },
    { "not an object", LLM_DIALECT_ANTHROPIC, "[{\"usage\":{}}]", 0, -1,
      -1 },
};


static void
usage_cases(void)
{
    int          valid;
    size_t       i;
    char         detail[256];
    llm_usage_t  u;

    for (i = 0; i < sizeof(usages) / sizeof(usages[0]); i++) {
        memset(&u, 0, sizeof(u));
        valid = llm_usage_relayed(usages[i].d, usages[i].body,
                                  strlen(usages[i].body), &u);
        snprintf(detail, sizeof(detail), "valid %d, in %s%lld, out %s%lld",
                 valid, u.has_input ? "" : "none ",
                 (long long) u.input_total, u.has_output ? "" : "none ",
                 (long long) u.output_total);
        ok(valid == usages[i].valid
           && (usages[i].in < 0 ? !u.has_input
                                : u.has_input
                                  && u.input_total == usages[i].in)
           && (usages[i].out < 0 ? !u.has_output
                                 : u.has_output
                                   && u.output_total == usages[i].out),
           usages[i].name, detail);
    }
}


static llm_dialect_e
dialect(const char *s)
{
    if (s && strcmp(s, "openai") == 0) {
        return LLM_DIALECT_OPENAI;
    }
    if (s && strcmp(s, "anthropic") == 0) {
        return LLM_DIALECT_ANTHROPIC;
    }
    if (s && strcmp(s, "gemini") == 0) {
        return LLM_DIALECT_GEMINI;
    }
    return LLM_DIALECT_NONE;
}


/* Where the full parse accepts a body, the scan reads the same model and
 * stream from it. */
static void
same_as_parse(const char *dir, const char *file, const char *name)
{
    int                 rc;
    char                path[4096], detail[1400], *body;
    size_t              len;
    json_t             *c;
    llm_str_t           pm;
    const char         *s;
    llm_dialect_e       d;
    llm_translation_t   full, scan;

    snprintf(path, sizeof(path), "%s/case.json", dir);
    c = json_load_file(path, 0, NULL);
    if (c == NULL) {
        return;
    }

    d = dialect(json_string_value(json_object_get(c, "client")));
    s = json_string_value(json_object_get(c, "path_model"));
    pm.data = s;
    pm.len = s ? strlen(s) : 0;

    snprintf(path, sizeof(path), "%s/%s", dir, file);
    body = read_file(path, &len);

    if (body == NULL || d == LLM_DIALECT_NONE) {
        free(body);
        json_decref(c);
        return;
    }

    llm_translation_init(&full, d, d);
    llm_translation_init(&scan, d, d);

    if (llm_parse_request(&full, body, len, &pm) == 0) {
        rc = llm_scan_request(&scan, body, len, &pm);
        snprintf(detail, sizeof(detail), "scan %d (%.400s): model \"%.*s\" "
                 "stream %d, parse: model \"%.*s\" stream %d", rc,
                 scan.err.message, (int) scan.req.model.len,
                 scan.req.model.data ? scan.req.model.data : "",
                 scan.req.stream, (int) full.req.model.len,
                 full.req.model.data ? full.req.model.data : "",
                 full.req.stream);
        ok(rc == 0
           && scan.req.model.len == full.req.model.len
           && (full.req.model.len == 0
               || memcmp(scan.req.model.data, full.req.model.data,
                         full.req.model.len) == 0)
           && scan.req.stream == full.req.stream,
           name, detail);
    }

    llm_translation_free(&full);
    llm_translation_free(&scan);
    free(body);
    json_decref(c);
}


static void
fixtures(const char *top)
{
    DIR            *d1, *d2;
    char            dir[4096], name[4200];
    struct dirent  *e1, *e2;

    d1 = opendir(top);
    if (d1 == NULL) {
        ok(0, "fixtures directory", top);
        return;
    }

    while ((e1 = readdir(d1)) != NULL) {
        if (e1->d_name[0] == '.') {
            continue;
        }

        snprintf(dir, sizeof(dir), "%s/%s", top, e1->d_name);
        d2 = opendir(dir);
        if (d2 == NULL) {
            continue;
        }

        while ((e2 = readdir(d2)) != NULL) {
            if (e2->d_name[0] == '.') {
                continue;
            }

            snprintf(dir, sizeof(dir), "%s/%s/%s", top, e1->d_name,
                     e2->d_name);

            snprintf(name, sizeof(name), "scan reads what parse reads: "
                     "%s/%s input", e1->d_name, e2->d_name);
            if (strncmp(e2->d_name, "req_", 4) == 0) {
                same_as_parse(dir, "input.json", name);
            }

            snprintf(name, sizeof(name), "scan reads what parse reads: "
                     "%s/%s request", e1->d_name, e2->d_name);
            same_as_parse(dir, "request.json", name);
        }

        closedir(d2);
    }

    closedir(d1);
}


/*
 * The check against the reader (llm_json_loadb) on the edges of its fast
 * paths, where the two must agree (no lone surrogate, no \u0000, no
 * depth near the limits: there the check is meant to differ).  A body is
 * built in edge_buf by edge_add; edge_try compares.
 */

typedef struct {
    char      buf[1024];
    size_t    len;
    unsigned  tried;
    unsigned  failed;
    char      first[300];       /* the first that failed, and why */
} edge_t;


static void
edge_add(edge_t *e, const char *s, size_t n)
{
    if (e->len + n <= sizeof(e->buf)) {
        memcpy(e->buf + e->len, s, n);
    }

    e->len += n;
}


static void
edge_str(edge_t *e, const char *s)
{
    edge_add(e, s, strlen(s));
}


static void
edge_fail(edge_t *e, const char *why)
{
    size_t  i, k;

    if (e->failed++) {
        return;
    }

    k = (size_t) snprintf(e->first, sizeof(e->first), "%s: ", why);

    for (i = 0; i < e->len && k + 5 < sizeof(e->first); i++) {
        k += (size_t) snprintf(e->first + k, sizeof(e->first) - k,
                               (unsigned char) e->buf[i] < 0x20
                               || (unsigned char) e->buf[i] > 0x7e
                               ? "\\x%02x" : "%c",
                               (unsigned char) e->buf[i]);
    }
}


/* llm_json_is_object and llm_json_object_members (the member "k") as the
 * reader reads e->buf; with want, the raw value "k" must have when it is
 * an object */
static void
edge_try(edge_t *e, const char *want)
{
    int                 is, reader;
    char               *copy;
    json_t             *j;
    json_error_t        err;
    llm_json_member_t   m;

    if (e->len > sizeof(e->buf)) {
        edge_fail(e, "a test body too long");
        return;
    }

    e->tried++;

    /* a copy of its own size: a read past the end shows under ASan */
    copy = malloc(e->len ? e->len : 1);
    if (copy == NULL) {
        edge_fail(e, "out of memory");
        return;
    }

    memcpy(copy, e->buf, e->len);

    j = llm_json_loadb(copy, e->len, 0, &err);
    reader = j != NULL && json_is_object(j);
    json_decref(j);

    if (j == NULL && strstr(err.text, "overflow") != NULL) {
        /* 1e700000000: a number's range is the reader's alone */
        e->tried--;
        free(copy);
        return;
    }

    m.name = "k";
    m.name_len = 1;

    is = llm_json_object_members(copy, e->len, &m, 1);

    if (is != reader || llm_json_is_object(copy, e->len) != reader) {
        edge_fail(e, reader ? "refused" : "accepted");

    } else if (is && want != NULL
               && (m.count == 0 || m.value_len != strlen(want)
                   || memcmp(m.value, want, m.value_len) != 0))
    {
        edge_fail(e, "another member");
    }

    free(copy);
}


/* llm_json_skip on a value alone as the reader reads it (JSON_DECODE_ANY):
 * it must stop at the end exactly when that is one value */
static void
edge_skip(edge_t *e)
{
    int          reader;
    char        *copy;
    json_t      *j;
    const char  *q;

    e->tried++;

    copy = malloc(e->len ? e->len : 1);
    if (copy == NULL) {
        edge_fail(e, "out of memory");
        return;
    }

    memcpy(copy, e->buf, e->len);

    j = llm_json_loadb(copy, e->len, JSON_DECODE_ANY, NULL);
    reader = j != NULL;
    json_decref(j);

    q = llm_json_skip(copy, copy + e->len);

    if ((q == copy + e->len) != reader) {
        edge_fail(e, reader ? "skip refused" : "skip took");
    }

    free(copy);
}


static void
edge_cases(void)
{
    size_t         i, n, at, sp, w;
    char           s[64], want[80];
    edge_t         e;
    static const char  *tails[] = { "}", "} \n", "}x", "", "}}" };
    static const char  *pads[] = { "", "\"p\":\"0123456789abcdef0123\",",
                                   "\"p\":1," };
    static const char  *specials[] = {
        "\\\"", "\\\\", "\\/", "\\n", "\\u0041", "\\ud83d\\ude00",
        "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\x7f",
        "\\x", "\\u12g4", "\\'", "\\", "\x01", "\x1f", "\x80",
        "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82"
    };
    static const char   bytes[] = "\":,}]{[\\ a0-.e\x01\x80";
    static const char  *answers[] = {
        "{\"id\":\"chatcmpl-bench01\",\"object\":\"chat.completion\","
        "\"created\":1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[{"
        "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
        "\"Hello, benchmark! Nice to meet you.\",\"tool_calls\":[{\"id\":"
        "\"call_01\",\"type\":\"function\",\"function\":{\"name\":"
        "\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Lisbon\\\"}\"}}]},"
        "\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],\"usage\":{"
        "\"prompt_tokens\":42,\"completion_tokens\":17,\"total_tokens\":59},"
        "\"system_fingerprint\":\"fp_bench\"}",
        "{\"id\":\"msg_bench01\",\"type\":\"message\",\"role\":\"assistant\","
        "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\","
        "\"text\":\"Hello, benchmark! Nice to meet you.\"},{\"type\":"
        "\"tool_use\",\"id\":\"toolu_01\",\"name\":\"get_weather\",\"input\":"
        "{\"city\":\"Lisbon\"}}],\"stop_reason\":\"tool_use\","
        "\"stop_sequence\":null,\"usage\":{\"input_tokens\":42,"
        "\"output_tokens\":17}}"
    };
    static const char  *values[] = {
        "0", "7", "42", "-1", "1700000000", "-0.5e+10", "1.5", "1e5",
        "1E-2", "01", "1.", "-", "true", "false", "null", "nul", "[]",
        "{}", "[1,{\"k\":2}]"
    };

    memset(&e, 0, sizeof(edge_t));

    /* a plain string of each length around the 16-byte blocks, as the
     * value and as the key, ending at the buffer's end or not */

    for (n = 0; n <= 48; n++) {
        memset(s, 'a', n);
        s[n] = '\0';
        snprintf(want, sizeof(want), "\"%s\"", s);

        for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
            for (at = 0; at < sizeof(pads) / sizeof(pads[0]); at++) {
                e.len = 0;
                edge_str(&e, "{");
                edge_str(&e, pads[at]);
                edge_str(&e, "\"k\":");
                edge_str(&e, want);
                edge_str(&e, tails[i]);
                edge_try(&e, want);

                e.len = 0;
                edge_str(&e, "{");
                edge_str(&e, pads[at]);
                edge_str(&e, want);
                edge_str(&e, ":1,\"k\":2");
                edge_str(&e, tails[i]);
                edge_try(&e, "2");
            }

            /* unterminated: the string runs to the end */
            e.len = 0;
            edge_str(&e, "{\"k\":\"");
            edge_str(&e, s);
            edge_str(&e, tails[i]);
            edge_try(&e, NULL);
        }
    }

    /* an escape, a UTF-8 sequence (good or bad) or a control byte at each
     * place of a short string, in the key and in the value, far from the
     * end (members after it) and at it */

    for (w = 0; w < sizeof(specials) / sizeof(specials[0]); w++) {
        for (n = 1; n <= 20; n++) {
            for (at = 0; at < n; at++) {
                for (sp = 0; sp < 4; sp++) {
                    memset(s, 'b', at);
                    s[at] = '\0';

                    e.len = 0;
                    edge_str(&e, "{\"x\":");

                    if (sp & 1) {
                        edge_str(&e, "\"");             /* the key */
                        edge_str(&e, s);
                        edge_str(&e, specials[w]);
                        edge_add(&e, "bbbbbbbbbbbbbbbbbbbb", n - at - 1);
                        edge_str(&e, "\":1,\"k\":2");

                    } else {
                        edge_str(&e, "1,\"k\":\"");     /* the value */
                        edge_str(&e, s);
                        edge_str(&e, specials[w]);
                        edge_add(&e, "bbbbbbbbbbbbbbbbbbbb", n - at - 1);
                        edge_str(&e, "\"");
                    }

                    if (sp & 2) {
                        edge_str(&e, ",\"y\":\"0123456789abcdef01234567\","
                                 "\"z\":[1,2,3]");
                    }

                    edge_str(&e, "}");
                    edge_try(&e, NULL);
                }
            }
        }
    }

    /* numbers and literals, whole and cut anywhere, at the end and not,
     * and alone (llm_json_skip) */

    for (w = 0; w < sizeof(values) / sizeof(values[0]); w++) {
        for (n = 0; n <= strlen(values[w]); n++) {
            for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
                e.len = 0;
                edge_str(&e, "{\"k\":");
                edge_add(&e, values[w], n);
                edge_str(&e, tails[i]);
                edge_try(&e, NULL);

                e.len = 0;
                edge_str(&e, "{\"p\":\"0123456789abcdef\",\"k\":");
                edge_add(&e, values[w], n);
                edge_str(&e, ",\"q\":\"0123456789abcdef0123456789\"");
                edge_str(&e, tails[i]);
                edge_try(&e, NULL);
            }

            e.len = 0;
            edge_add(&e, values[w], n);
            edge_skip(&e);
        }
    }

    /* the member fast path and the end: members of each kind, the last
     * ones at every distance from the end around the room it needs */

    for (n = 0; n <= 48; n++) {
        memset(s, 'z', n);
        s[n] = '\0';

        for (i = 0; i < 3; i++) {
            e.len = 0;
            edge_str(&e, "{\"a\":\"x\",\"p\":\"");
            edge_str(&e, s);
            edge_str(&e, "\",\"b\":1,\"k\":\"yy\",\"d\":null,\"e\":[1],"
                     "\"f\":{},\"g\":-2,\"h\":\"\\u00e9\",\"i\":0");
            edge_str(&e, i == 0 ? "}" : i == 1 ? "" : "} ");
            edge_try(&e, "\"yy\"");
        }
    }

    /* a long key and a long value last: the fast path's reads reach
     * furthest from its start there */

    for (n = 10; n <= 18; n++) {
        for (at = 10; at <= 18; at++) {
            for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
                e.len = 0;
                edge_str(&e, "{\"a\":1,\"");
                edge_add(&e, "kkkkkkkkkkkkkkkkkk", n);
                edge_str(&e, "\":\"");
                edge_add(&e, "vvvvvvvvvvvvvvvvvv", at);
                edge_str(&e, "\"");
                edge_str(&e, tails[i]);
                edge_try(&e, NULL);

                e.len = 0;
                edge_str(&e, "{\"a\":1,\"");
                edge_add(&e, "kkkkkkkkkkkkkkkkkk", n);
                edge_str(&e, "\":\"");
                edge_add(&e, "vvvvvvvvvvvvvvvvvv", at);
                edge_str(&e, "\",\"k\":3");
                edge_str(&e, tails[i]);
                edge_try(&e, "3");
            }
        }
    }

    /* answers as the providers write them, each byte in turn deleted,
     * or replaced by or preceded with one that matters somewhere */

    for (w = 0; w < sizeof(answers) / sizeof(answers[0]); w++) {
        n = strlen(answers[w]);

        for (at = 0; at <= n; at++) {
            for (i = 0; i <= sizeof(bytes) - 1; i++) {
                for (sp = 0; sp < 2; sp++) {
                    if (i == sizeof(bytes) - 1 && sp) {
                        continue;
                    }

                    e.len = 0;
                    edge_add(&e, answers[w], at);

                    if (i < sizeof(bytes) - 1) {
                        edge_add(&e, &bytes[i], 1);     /* in its place */
                    }

                    if (at < n) {
                        edge_str(&e, answers[w] + at + (sp ? 0 : 1));
                    }

                    edge_try(&e, NULL);
                }
            }
        }
    }

    snprintf(want, sizeof(want), "%u bodies", e.tried);
    ok(e.failed == 0 && e.tried > 10000,
       "check: as the reader on the edges of its fast paths",
       e.failed ? e.first : want);
}


int
main(int argc, char **argv)
{
    int  before;

    check_cases();
    edge_cases();
    scan_cases();
    rewrite_cases();
    usage_cases();

    before = tap_tests;
    fixtures(argc > 1 ? argv[1] : "t/cases");
    ok(tap_tests - before >= 100, "the fixtures gave at least 100 requests",
       NULL);

    return tap_done();
}
