/*
 * Stop-reason and usage mappings (docs/mapping.md has the tables).
 */

#define _GNU_SOURCE                         /* memmem */

#include <stdint.h>
#include <string.h>

#include "llm_map.h"


typedef struct {
    const char  *name;
    llm_stop_e   stop;
} llm_stop_name_t;


static const llm_stop_name_t  llm_openai_stops[] = {
    { "stop", LLM_STOP_END },
    { "length", LLM_STOP_MAX_TOKENS },
    { "tool_calls", LLM_STOP_TOOL_USE },
    { "function_call", LLM_STOP_TOOL_USE },
    { "content_filter", LLM_STOP_CONTENT_FILTER },
    { NULL, LLM_STOP_UNSET }
};

static const llm_stop_name_t  llm_anthropic_stops[] = {
    { "end_turn", LLM_STOP_END },
    { "stop_sequence", LLM_STOP_STOP_SEQUENCE },
    { "max_tokens", LLM_STOP_MAX_TOKENS },
    { "tool_use", LLM_STOP_TOOL_USE },
    { "refusal", LLM_STOP_CONTENT_FILTER },
    { "pause_turn", LLM_STOP_PAUSE },
    { "model_context_window_exceeded", LLM_STOP_CONTEXT_WINDOW },
    { NULL, LLM_STOP_UNSET }
};

static const llm_stop_name_t  llm_gemini_stops[] = {
    { "STOP", LLM_STOP_END },
    { "MAX_TOKENS", LLM_STOP_MAX_TOKENS },
    { "SAFETY", LLM_STOP_CONTENT_FILTER },
    { "BLOCKLIST", LLM_STOP_CONTENT_FILTER },
    { "PROHIBITED_CONTENT", LLM_STOP_CONTENT_FILTER },
    { "SPII", LLM_STOP_CONTENT_FILTER },
    { "IMAGE_SAFETY", LLM_STOP_CONTENT_FILTER },
    { "IMAGE_PROHIBITED_CONTENT", LLM_STOP_CONTENT_FILTER },
    { "RECITATION", LLM_STOP_CONTENT_FILTER },
    { "IMAGE_RECITATION", LLM_STOP_CONTENT_FILTER },
    { "LANGUAGE", LLM_STOP_CONTENT_FILTER },
    { NULL, LLM_STOP_UNSET }
};


static llm_stop_e
llm_stop_lookup(const llm_stop_name_t *t, const char *s, llm_stop_e other)
{
    if (s == NULL) {
        return LLM_STOP_UNSET;
    }

    for ( /* void */ ; t->name; t++) {
        if (strcmp(t->name, s) == 0) {
            return t->stop;
        }
    }

    return other;
}


llm_stop_e
llm_stop_from_openai(const char *s)
{
    return llm_stop_lookup(llm_openai_stops, s, LLM_STOP_END);
}


llm_stop_e
llm_stop_from_anthropic(const char *s)
{
    return llm_stop_lookup(llm_anthropic_stops, s, LLM_STOP_END);
}


llm_stop_e
llm_stop_from_gemini(const char *s)
{
    /* MALFORMED_FUNCTION_CALL, OTHER, ...: a plain end (see mapping.md) */
    return llm_stop_lookup(llm_gemini_stops, s, LLM_STOP_END);
}


const char *
llm_stop_to_openai(llm_stop_e stop)
{
    switch (stop) {
    case LLM_STOP_MAX_TOKENS:
    case LLM_STOP_CONTEXT_WINDOW:
        return "length";
    case LLM_STOP_TOOL_USE:
        return "tool_calls";
    case LLM_STOP_CONTENT_FILTER:
        return "content_filter";
    default:
        return "stop";
    }
}


const char *
llm_stop_to_anthropic(llm_stop_e stop)
{
    switch (stop) {
    case LLM_STOP_STOP_SEQUENCE:
        return "stop_sequence";
    case LLM_STOP_MAX_TOKENS:
        return "max_tokens";
    case LLM_STOP_TOOL_USE:
        return "tool_use";
    case LLM_STOP_CONTENT_FILTER:
        return "refusal";
    case LLM_STOP_PAUSE:
        return "pause_turn";
    case LLM_STOP_CONTEXT_WINDOW:
        return "model_context_window_exceeded";
    default:
        return "end_turn";
    }
}


const char *
llm_stop_to_gemini(llm_stop_e stop)
{
    switch (stop) {
    case LLM_STOP_MAX_TOKENS:
    case LLM_STOP_CONTEXT_WINDOW:
        return "MAX_TOKENS";
    case LLM_STOP_CONTENT_FILTER:
        return "SAFETY";
    default:
        return "STOP";
    }
}


static int
llm_get_int(json_t *j, const char *key, int64_t *out)
{
    json_t  *v = json_object_get(j, key);

    if (!json_is_integer(v)) {
        return 0;
    }
    *out = json_integer_value(v);
    return 1;
}


void
llm_usage_from_openai(json_t *j, llm_usage_t *u)
{
    int64_t  v;

    if (!json_is_object(j)) {
        return;
    }
    if (llm_get_int(j, "prompt_tokens", &v)) {
        u->input_total = v;
        u->has_input = 1;
    }
    if (llm_get_int(j, "completion_tokens", &v)) {
        u->output_total = v;
        u->has_output = 1;
    }
    if (llm_get_int(json_object_get(j, "prompt_tokens_details"),
                    "cached_tokens", &v))
    {
        u->cache_read = v;
        u->has_cache_read = 1;
    }
    if (llm_get_int(json_object_get(j, "prompt_tokens_details"),
                    "cache_write_tokens", &v))
    {
        u->cache_write = v;
        u->has_cache_write = 1;
    }
    if (llm_get_int(json_object_get(j, "completion_tokens_details"),
                    "reasoning_tokens", &v))
    {
        u->reasoning = v;
        u->has_reasoning = 1;
    }
}


void
llm_usage_from_anthropic(json_t *j, llm_usage_t *u)
{
    int64_t  in, v;
    int      has_in;

    if (!json_is_object(j)) {
        return;
    }

    /* Anthropic's input_tokens excludes cache reads and writes; the IR's
     * input_total includes them.  A later snapshot may carry only some of
     * the three: keep the known parts and recompute. */
    has_in = 0;
    if (llm_get_int(j, "cache_read_input_tokens", &v)) {
        u->cache_read = v;
        u->has_cache_read = 1;
        has_in = 1;
    }
    if (llm_get_int(j, "cache_creation_input_tokens", &v)) {
        u->cache_write = v;
        u->has_cache_write = 1;
        has_in = 1;
    }
    if (llm_get_int(j, "input_tokens", &in)) {
        u->input_total = in + (u->has_cache_read ? u->cache_read : 0)
                         + (u->has_cache_write ? u->cache_write : 0);
        u->has_input = 1;

    } else if (has_in && u->has_input) {
        /* cache figures changed without a new input_tokens: unusual; the
         * uncached part is unknown, keep the total as it was */
    }

    if (llm_get_int(j, "output_tokens", &v)) {
        u->output_total = v;
        u->has_output = 1;
    }
    if (llm_get_int(json_object_get(j, "output_tokens_details"),
                    "thinking_tokens", &v))
    {
        u->reasoning = v;
        u->has_reasoning = 1;
    }
}


void
llm_usage_from_gemini(json_t *j, llm_usage_t *u)
{
    int64_t  cand, thoughts, v;
    int      has_cand, has_thoughts;

    if (!json_is_object(j)) {
        return;
    }
    if (llm_get_int(j, "promptTokenCount", &v)) {
        u->input_total = v;
        u->has_input = 1;
    }
    if (llm_get_int(j, "cachedContentTokenCount", &v)) {
        u->cache_read = v;
        u->has_cache_read = 1;
    }

    /* candidatesTokenCount excludes thoughts; the IR's output includes */
    has_cand = llm_get_int(j, "candidatesTokenCount", &cand);
    has_thoughts = llm_get_int(j, "thoughtsTokenCount", &thoughts);

    if (has_thoughts) {
        u->reasoning = thoughts;
        u->has_reasoning = 1;
    }
    if (has_cand || has_thoughts) {
        u->output_total = (has_cand ? cand : 0)
                          + (has_thoughts ? thoughts : 0);
        u->has_output = 1;
    }
}


json_t *
llm_usage_to_openai(const llm_usage_t *u)
{
    json_t  *j, *d;

    j = llm_json_obj("prompt_tokens", llm_json_int(u->input_total),
                     "completion_tokens", llm_json_int(u->output_total),
                     "total_tokens",
                     llm_json_int(u->input_total + u->output_total),
                     NULL);
    if (j == NULL) {
        return NULL;
    }

    if (u->has_cache_read || u->has_cache_write) {
        d = json_object();
        llm_json_set_new(d, "cached_tokens",
                         json_integer(u->cache_read));
        if (u->has_cache_write) {
            llm_json_set_new(d, "cache_write_tokens",
                             json_integer(u->cache_write));
        }
        llm_json_set_new(j, "prompt_tokens_details", d);
    }

    if (u->has_reasoning) {
        llm_json_set_new(j, "completion_tokens_details",
                         llm_json_obj("reasoning_tokens",
                                      llm_json_int(u->reasoning), NULL));
    }

    return j;
}


json_t *
llm_usage_to_anthropic(const llm_usage_t *u)
{
    int64_t   uncached;
    json_t   *j;

    uncached = u->input_total - u->cache_read - u->cache_write;
    if (uncached < 0) {
        uncached = 0;
    }

    j = llm_json_obj("input_tokens", llm_json_int(uncached),
                     "cache_creation_input_tokens",
                     llm_json_int(u->cache_write),
                     "cache_read_input_tokens", llm_json_int(u->cache_read),
                     "output_tokens", llm_json_int(u->output_total),
                     NULL);

    if (j && u->has_reasoning) {
        llm_json_set_new(j, "output_tokens_details",
                         llm_json_obj("thinking_tokens",
                                      llm_json_int(u->reasoning), NULL));
    }

    return j;
}


json_t *
llm_usage_to_gemini(const llm_usage_t *u)
{
    int64_t   cand;
    json_t   *j;

    cand = u->output_total - (u->has_reasoning ? u->reasoning : 0);
    if (cand < 0) {
        cand = 0;
    }

    j = llm_json_obj("promptTokenCount", llm_json_int(u->input_total),
                     "candidatesTokenCount", llm_json_int(cand),
                     "totalTokenCount",
                     llm_json_int(u->input_total + u->output_total),
                     NULL);

    if (j && u->has_cache_read) {
        llm_json_set_new(j, "cachedContentTokenCount",
                         json_integer(u->cache_read));
    }
    if (j && u->has_reasoning) {
        llm_json_set_new(j, "thoughtsTokenCount",
                         json_integer(u->reasoning));
    }

    return j;
}


/*
 * Usage from a relayed (not parsed) body or event: the dialect's usage
 * keys are found by a byte scan.  Safe without parsing because inside a
 * JSON string a quote is always escaped, so "key": can only be a key.
 */
static int
llm_usage_find(const char *p, size_t len, const char *key, int64_t *out)
{
    char         pat[40];
    size_t       k, i;
    int64_t      v;
    const char  *q, *end;

    k = strlen(key);
    if (k + 2 > sizeof(pat)) {
        return 0;
    }

    /* the key with its quotes, found with memmem (much faster than
     * comparing at every quote) */
    pat[0] = '"';
    memcpy(pat + 1, key, k);
    pat[k + 1] = '"';
    k += 2;

    end = p + len;

    for (q = p; q < end; q++) {
        q = memmem(q, (size_t) (end - q), pat, k);
        if (q == NULL) {
            break;
        }

        for (i = k; q + i < end && (q[i] == ' ' || q[i] == ':'
                                    || q[i] == '\n' || q[i] == '\r'
                                    || q[i] == '\t');
             i++)
        {
            /* void */
        }

        if (q + i >= end || q[i] < '0' || q[i] > '9') {
            continue;
        }

        for (v = 0; q + i < end && q[i] >= '0' && q[i] <= '9'; i++) {
            if (v > (INT64_MAX - 9) / 10) {
                return 0;
            }
            v = v * 10 + (q[i] - '0');
        }

        *out = v;
        return 1;
    }

    return 0;
}


void
llm_usage_scan(llm_dialect_e d, const char *p, size_t len, llm_usage_t *u)
{
    int64_t  in, cr, cw, out, th;

    switch (d) {

    case LLM_DIALECT_OPENAI:
        if (llm_usage_find(p, len, "prompt_tokens", &in)) {
            u->input_total = in;
            u->has_input = 1;
        }
        if (llm_usage_find(p, len, "completion_tokens", &out)) {
            u->output_total = out;
            u->has_output = 1;
        }
        break;

    case LLM_DIALECT_ANTHROPIC:
        /* input_tokens excludes the cache: add what is known of it */
        cr = 0;
        cw = 0;
        (void) llm_usage_find(p, len, "cache_read_input_tokens", &cr);
        (void) llm_usage_find(p, len, "cache_creation_input_tokens", &cw);
        if (llm_usage_find(p, len, "input_tokens", &in)) {
            u->input_total = in + cr + cw;
            u->has_input = 1;
        }
        if (llm_usage_find(p, len, "output_tokens", &out)) {
            u->output_total = out;
            u->has_output = 1;
        }
        break;

    case LLM_DIALECT_GEMINI:
        if (llm_usage_find(p, len, "promptTokenCount", &in)) {
            u->input_total = in;
            u->has_input = 1;
        }
        th = 0;
        (void) llm_usage_find(p, len, "thoughtsTokenCount", &th);
        if (llm_usage_find(p, len, "candidatesTokenCount", &out)) {
            u->output_total = out + th;
            u->has_output = 1;
        }
        break;

    default:
        break;
    }
}
