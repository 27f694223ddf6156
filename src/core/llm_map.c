/*
 * Stop-reason and usage mappings (docs/mapping.md has the tables).
 */

#include <stdint.h>
#include <string.h>

#include "llm_map.h"
#include "llm_json_check.h"


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


/* the usage objects are read in one pass each (llm_json_pick): they
 * come with every answer and every streamed usage event */
static int
llm_int_value(json_t *v, int64_t *out)
{
    if (!json_is_integer(v)) {
        return 0;
    }
    *out = json_integer_value(v);
    return 1;
}


void
llm_usage_from_openai(json_t *j, llm_usage_t *u)
{
    int64_t   v[LLM_USAGE_OPENAI_N];
    size_t    i;
    json_t   *f[4], *pd[2], *cd[1], *g[LLM_USAGE_OPENAI_N];
    unsigned  known;

    static const llm_json_name_t  names[] = {
        llm_json_name("prompt_tokens"), llm_json_name("completion_tokens"),
        llm_json_name("prompt_tokens_details"),
        llm_json_name("completion_tokens_details")
    };
    static const llm_json_name_t  prompt_details[] = {
        llm_json_name("cached_tokens"), llm_json_name("cache_write_tokens")
    };
    static const llm_json_name_t  completion_details[] = {
        llm_json_name("reasoning_tokens")
    };

    if (!json_is_object(j)) {
        return;
    }

    llm_json_pick(j, names, 4, f);
    llm_json_pick(f[2], prompt_details, 2, pd);
    llm_json_pick(f[3], completion_details, 1, cd);

    g[LLM_USAGE_OPENAI_PROMPT] = f[0];
    g[LLM_USAGE_OPENAI_COMPLETION] = f[1];
    g[LLM_USAGE_OPENAI_CACHED] = pd[0];
    g[LLM_USAGE_OPENAI_CACHE_WRITE] = pd[1];
    g[LLM_USAGE_OPENAI_REASONING] = cd[0];

    known = 0;
    for (i = 0; i < LLM_USAGE_OPENAI_N; i++) {
        if (llm_int_value(g[i], &v[i])) {
            known |= 1u << i;
        }
    }

    llm_usage_openai(u, v, known);
}


void
llm_usage_openai(llm_usage_t *u, const int64_t *v, unsigned known)
{
#define llm_usage_known(i)  (known & (1u << LLM_USAGE_OPENAI_##i))

    if (llm_usage_known(PROMPT)) {
        u->input_total = v[LLM_USAGE_OPENAI_PROMPT];
        u->has_input = 1;
    }
    if (llm_usage_known(COMPLETION)) {
        u->output_total = v[LLM_USAGE_OPENAI_COMPLETION];
        u->has_output = 1;
    }
    if (llm_usage_known(CACHED)) {
        u->cache_read = v[LLM_USAGE_OPENAI_CACHED];
        u->has_cache_read = 1;
    }
    if (llm_usage_known(CACHE_WRITE)) {
        u->cache_write = v[LLM_USAGE_OPENAI_CACHE_WRITE];
        u->has_cache_write = 1;
    }
    if (llm_usage_known(REASONING)) {
        u->reasoning = v[LLM_USAGE_OPENAI_REASONING];
        u->has_reasoning = 1;
    }

#undef llm_usage_known
}


void
llm_usage_from_anthropic(json_t *j, llm_usage_t *u)
{
    int64_t   v[LLM_USAGE_ANTHROPIC_N];
    size_t    i;
    json_t   *f[5], *od[1];
    unsigned  known;

    static const llm_json_name_t  names[] = {
        llm_json_name("cache_read_input_tokens"),
        llm_json_name("cache_creation_input_tokens"),
        llm_json_name("input_tokens"), llm_json_name("output_tokens"),
        llm_json_name("output_tokens_details")
    };
    static const llm_json_name_t  output_details[] = {
        llm_json_name("thinking_tokens")
    };

    if (!json_is_object(j)) {
        return;
    }

    llm_json_pick(j, names, 5, f);
    llm_json_pick(f[4], output_details, 1, od);
    f[LLM_USAGE_ANTHROPIC_THINKING] = od[0];

    known = 0;
    for (i = 0; i < LLM_USAGE_ANTHROPIC_N; i++) {
        if (llm_int_value(f[i], &v[i])) {
            known |= 1u << i;
        }
    }

    llm_usage_anthropic(u, v, known);
}


void
llm_usage_anthropic(llm_usage_t *u, const int64_t *v, unsigned known)
{
#define llm_usage_known(i)  (known & (1u << LLM_USAGE_ANTHROPIC_##i))

    /* Anthropic's input_tokens excludes cache reads and writes; the IR's
     * input_total includes them.  A later snapshot may carry only some of
     * the three: keep the known parts and recompute.  (Cache figures that
     * change without a new input_tokens are unusual: the uncached part is
     * unknown then, and the total stays as it was.) */
    if (llm_usage_known(CACHE_READ)) {
        u->cache_read = v[LLM_USAGE_ANTHROPIC_CACHE_READ];
        u->has_cache_read = 1;
    }
    if (llm_usage_known(CACHE_WRITE)) {
        u->cache_write = v[LLM_USAGE_ANTHROPIC_CACHE_WRITE];
        u->has_cache_write = 1;
    }
    if (llm_usage_known(INPUT)) {
        u->input_total = llm_usage_add(
                             llm_usage_add(v[LLM_USAGE_ANTHROPIC_INPUT],
                                           u->has_cache_read
                                           ? u->cache_read : 0),
                             u->has_cache_write ? u->cache_write : 0);
        u->has_input = 1;
    }

    if (llm_usage_known(OUTPUT)) {
        u->output_total = v[LLM_USAGE_ANTHROPIC_OUTPUT];
        u->has_output = 1;
    }
    if (llm_usage_known(THINKING)) {
        u->reasoning = v[LLM_USAGE_ANTHROPIC_THINKING];
        u->has_reasoning = 1;
    }

#undef llm_usage_known
}


void
llm_usage_from_gemini(json_t *j, llm_usage_t *u)
{
    int64_t  cand, thoughts, v;
    int      has_cand, has_thoughts;
    json_t  *f[4];

    static const llm_json_name_t  names[] = {
        llm_json_name("promptTokenCount"),
        llm_json_name("cachedContentTokenCount"),
        llm_json_name("candidatesTokenCount"),
        llm_json_name("thoughtsTokenCount")
    };

    if (!json_is_object(j)) {
        return;
    }

    llm_json_pick(j, names, 4, f);

    if (llm_int_value(f[0], &v)) {
        u->input_total = v;
        u->has_input = 1;
    }
    if (llm_int_value(f[1], &v)) {
        u->cache_read = v;
        u->has_cache_read = 1;
    }

    /* candidatesTokenCount excludes thoughts; the IR's output includes */
    has_cand = llm_int_value(f[2], &cand);
    has_thoughts = llm_int_value(f[3], &thoughts);

    if (has_thoughts) {
        u->reasoning = thoughts;
        u->has_reasoning = 1;
    }
    if (has_cand || has_thoughts) {
        u->output_total = llm_usage_add(has_cand ? cand : 0,
                                        has_thoughts ? thoughts : 0);
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
                     llm_json_int(llm_usage_add(u->input_total,
                                                u->output_total)),
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


/* The same object as llm_usage_to_openai's, its members in the same
 * order and under the same conditions (kept beside it to stay so). */
int
llm_usage_write_openai(llm_jw_t *w, const llm_usage_t *u)
{
    if (llm_jw_lit(w, "{\"prompt_tokens\":") != 0
        || llm_jw_integer(w, u->input_total) != 0
        || llm_jw_lit(w, ",\"completion_tokens\":") != 0
        || llm_jw_integer(w, u->output_total) != 0
        || llm_jw_lit(w, ",\"total_tokens\":") != 0
        || llm_jw_integer(w, llm_usage_add(u->input_total,
                                           u->output_total)) != 0)
    {
        return -1;
    }

    if (u->has_cache_read || u->has_cache_write) {
        if (llm_jw_lit(w, ",\"prompt_tokens_details\":{\"cached_tokens\":")
            != 0
            || llm_jw_integer(w, u->cache_read) != 0)
        {
            return -1;
        }

        if (u->has_cache_write
            && (llm_jw_lit(w, ",\"cache_write_tokens\":") != 0
                || llm_jw_integer(w, u->cache_write) != 0))
        {
            return -1;
        }

        if (llm_jw_lit(w, "}") != 0) {
            return -1;
        }
    }

    if (u->has_reasoning
        && (llm_jw_lit(w, ",\"completion_tokens_details\":"
                          "{\"reasoning_tokens\":") != 0
            || llm_jw_integer(w, u->reasoning) != 0
            || llm_jw_lit(w, "}") != 0))
    {
        return -1;
    }

    return llm_jw_lit(w, "}");
}


json_t *
llm_usage_to_anthropic(const llm_usage_t *u)
{
    int64_t   uncached;
    json_t   *j;

    uncached = llm_usage_sub(llm_usage_sub(u->input_total, u->cache_read),
                             u->cache_write);
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


/* The same object as llm_usage_to_anthropic's, its members in the same
 * order and under the same conditions (kept beside it to stay so). */
int
llm_usage_write_anthropic(llm_jw_t *w, const llm_usage_t *u)
{
    int64_t  uncached;

    uncached = u->input_total - u->cache_read - u->cache_write;
    if (uncached < 0) {
        uncached = 0;
    }

    if (llm_jw_lit(w, "{\"input_tokens\":") != 0
        || llm_jw_integer(w, uncached) != 0
        || llm_jw_lit(w, ",\"cache_creation_input_tokens\":") != 0
        || llm_jw_integer(w, u->cache_write) != 0
        || llm_jw_lit(w, ",\"cache_read_input_tokens\":") != 0
        || llm_jw_integer(w, u->cache_read) != 0
        || llm_jw_lit(w, ",\"output_tokens\":") != 0
        || llm_jw_integer(w, u->output_total) != 0)
    {
        return -1;
    }

    if (u->has_reasoning
        && (llm_jw_lit(w, ",\"output_tokens_details\":"
                          "{\"thinking_tokens\":") != 0
            || llm_jw_integer(w, u->reasoning) != 0
            || llm_jw_lit(w, "}") != 0))
    {
        return -1;
    }

    return llm_jw_lit(w, "}");
}


json_t *
llm_usage_to_gemini(const llm_usage_t *u)
{
    int64_t   cand;
    json_t   *j;

    cand = llm_usage_sub(u->output_total,
                         u->has_reasoning ? u->reasoning : 0);
    if (cand < 0) {
        cand = 0;
    }

    j = llm_json_obj("promptTokenCount", llm_json_int(u->input_total),
                     "candidatesTokenCount", llm_json_int(cand),
                     "totalTokenCount",
                     llm_json_int(llm_usage_add(u->input_total,
                                                u->output_total)),
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


/* The integer value of a member found by llm_json_object_members;
 * inline: each answer relayed reads two to four. */
static inline __attribute__((always_inline)) int
llm_usage_int(const llm_json_member_t *m, int64_t *out)
{
    size_t    i;
    int64_t   v;
    unsigned  d;

    if (m->count == 0 || m->value_len == 0) {
        return 0;
    }

    v = 0;

    if (m->value_len <= 18) {
        /* 18 digits cannot overflow: no test in the loop */
        for (i = 0; i < m->value_len; i++) {
            d = (unsigned char) m->value[i] - '0';

            if (d > 9) {
                return 0;                   /* null, a fraction */
            }

            v = v * 10 + d;
        }

        *out = v;
        return 1;
    }

    for (i = 0; i < m->value_len; i++) {
        d = (unsigned char) m->value[i] - '0';

        if (d > 9) {
            return 0;                       /* null, a fraction */
        }

        /* 18 digits cannot overflow: the test only past them */
        if (i >= 18 && v > (INT64_MAX - 9) / 10) {
            return 0;                       /* too big */
        }

        v = v * 10 + d;
    }

    *out = v;
    return 1;
}


#define llm_usage_key(k, s)  ((k)->name = s, (k)->name_len = sizeof(s) - 1)


/*
 * A body or event relayed without parsing: checked (one JSON object) and
 * its usage read from the dialect's own usage object, found among the
 * top-level members (for Anthropic's message_start, inside "message"),
 * so that look-alike keys elsewhere (a tool's input is any JSON the model
 * wrote) are not taken for it.
 */
int
llm_usage_relayed(llm_dialect_e d, const char *p, size_t len, llm_usage_t *u)
{
    size_t             nk;
    int64_t            in, out, cr, cw, th;
    llm_json_member_t  top[2], msg, k[4];

    llm_usage_key(&top[0], "usage");
    llm_usage_key(&top[1], "message");
    nk = 0;

    switch (d) {

    case LLM_DIALECT_OPENAI:
        llm_usage_key(&k[0], "prompt_tokens");
        llm_usage_key(&k[1], "completion_tokens");
        nk = 2;
        break;

    case LLM_DIALECT_ANTHROPIC:
        llm_usage_key(&k[0], "input_tokens");
        llm_usage_key(&k[1], "output_tokens");
        llm_usage_key(&k[2], "cache_read_input_tokens");
        llm_usage_key(&k[3], "cache_creation_input_tokens");
        nk = 4;
        break;

    case LLM_DIALECT_GEMINI:
        llm_usage_key(&top[0], "usageMetadata");
        llm_usage_key(&k[0], "promptTokenCount");
        llm_usage_key(&k[1], "candidatesTokenCount");
        llm_usage_key(&k[2], "thoughtsTokenCount");
        nk = 3;
        break;

    default:
        break;
    }

    /* the check and the usage object's counts in one walk */
    if (!llm_json_object_members_in(p, len, top,
                                    d == LLM_DIALECT_ANTHROPIC ? 2 : 1,
                                    k, nk))
    {
        return 0;
    }

    if (d == LLM_DIALECT_ANTHROPIC && top[0].count == 0) {
        llm_usage_key(&msg, "usage");
        if (!(top[1].count && top[1].value[0] == '{'
              && llm_json_object_members_in(top[1].value, top[1].value_len,
                                            &msg, 1, k, nk)))
        {
            return 1;
        }
        top[0] = msg;
    }

    if (top[0].count == 0 || top[0].value[0] != '{') {
        return 1;                           /* no usage object: no counts */
    }

    switch (d) {

    case LLM_DIALECT_OPENAI:
        if (llm_usage_int(&k[0], &in)) {
            u->input_total = in;
            u->has_input = 1;
        }
        if (llm_usage_int(&k[1], &out)) {
            u->output_total = out;
            u->has_output = 1;
        }
        break;

    case LLM_DIALECT_ANTHROPIC:
        /* input_tokens excludes the cache: add what is known of it */
        cr = 0;
        cw = 0;
        (void) llm_usage_int(&k[2], &cr);
        (void) llm_usage_int(&k[3], &cw);
        if (llm_usage_int(&k[0], &in)) {
            u->input_total = llm_usage_add(llm_usage_add(in, cr), cw);
            u->has_input = 1;
        }
        if (llm_usage_int(&k[1], &out)) {
            u->output_total = out;
            u->has_output = 1;
        }
        break;

    case LLM_DIALECT_GEMINI:
        if (llm_usage_int(&k[0], &in)) {
            u->input_total = in;
            u->has_input = 1;
        }
        th = 0;
        (void) llm_usage_int(&k[2], &th);
        if (llm_usage_int(&k[1], &out)) {
            u->output_total = out + th;
            u->has_output = 1;
        }
        break;

    default:
        break;
    }

    return 1;
}
