/*
 * What the Anthropic request is made of, decided once from the IR
 * (llm_anthropic_plan in llm_anthropic.c) for the two writers of its
 * body: emit_request's document and write_request's text
 * (llm_anthropic_write.c).  Every choice, every warning and every
 * refusal is made here, so the two only differ in how they write.
 */

#ifndef LLM_ANTHROPIC_INT_H
#define LLM_ANTHROPIC_INT_H

#include <string.h>

#include "llm_codec.h"
#include "llm_json_pull.h"


#define LLM_ANTHROPIC_PLACEHOLDER     "(continued)"
#define LLM_ANTHROPIC_NO_RESULT       "(no result)"
#define LLM_ANTHROPIC_JSON_PROMPT                                          \
    "Respond with a single valid JSON object and nothing else: no prose, " \
    "no markdown code fences."


/* One content block of a turn, as it goes upstream. */
typedef struct {
    /* NULL: a tool_result "(no result)" added for an unanswered call */
    const llm_block_t   *b;
    /* TOOL_CALL, TOOL_RESULT: the id sent (sanitized, made unique) */
    llm_str_t            id;
    /* TOOL_CALL: the input object (borrowed, or kept by the arena);
     * NULL when the call's args are deferred (llm_ir.h): then their
     * text, which only the text writer takes */
    json_t              *input;
    llm_str_t            input_text;
    /* TOOL_RESULT of a Gemini functionResponse: its content text, and
     * whether it reported an error (is_error then comes before it) */
    llm_str_t            response;
    unsigned             response_error:1;
    /* TOOL_RESULT with content blocks: how many are sent */
    size_t               nsent;
} llm_anthropic_item_t;

/* One message upstream: consecutive same-role messages merged, its
 * content the added results, then the results, then the rest. */
typedef struct {
    llm_role_e             role;
    llm_anthropic_item_t  *added;
    size_t                 nadded;
    llm_anthropic_item_t  *results;
    size_t                 nresults;
    llm_anthropic_item_t  *other;
    size_t                 nother;
} llm_anthropic_turn_t;

typedef struct {
    /* messages: a user turn "(continued)" first when placeholder */
    llm_anthropic_turn_t  *turns;
    size_t                 nturns;
    unsigned               placeholder:1;

    llm_thinking_e         thinking;      /* what "thinking" says */
    int64_t                budget;
    int64_t                max_tokens;
    const char            *effort;        /* output_config.effort or NULL */
    double                 temperature;
    unsigned               json_prompt:1; /* system gets the JSON prompt */
    unsigned               send_temperature:1;
    unsigned               send_top_p:1;
    unsigned               send_top_k:1;
} llm_anthropic_plan_t;


/* The request decided: 0, or -1 with err set (400: what Anthropic
 * cannot express; out of memory).  Warnings in the document's order. */
int llm_anthropic_plan(llm_arena_t *a, const llm_request_t *req,
    const llm_options_t *opt, llm_anthropic_plan_t *p, llm_error_t *err,
    llm_warnings_t *w);


/* An image block's form upstream (the media type and data to send in
 * *mt, *data); NONE is dropped, BAD_* refused by the plan. */
typedef enum {
    LLM_ANTHROPIC_IMAGE_NONE = 0,
    LLM_ANTHROPIC_IMAGE_PDF,
    LLM_ANTHROPIC_IMAGE_BASE64,
    LLM_ANTHROPIC_IMAGE_URL,
    LLM_ANTHROPIC_IMAGE_BAD_URL,
    LLM_ANTHROPIC_IMAGE_BAD_TYPE
} llm_anthropic_image_e;

llm_anthropic_image_e llm_anthropic_image_form(const llm_block_t *b,
    llm_str_t *mt, llm_str_t *data);

/* A tool_result's content blocks: 1 when c is sent (text or image) */
int llm_anthropic_result_sent(const llm_block_t *c);

/* A system message as one text (several parts joined by "\n\n"), in
 * arena memory when joined; s->len 0: none.  0, or -1 out of memory. */
int llm_anthropic_system_text(llm_arena_t *a, const llm_message_t *m,
    llm_str_t *s);

/* A tool's input_schema: as it is (AS_IS), the tool's object with
 * "type":"object" added last (ADD_TYPE), or {"type":"object",
 * "properties":{}} (EMPTY).  A deferred schema (llm_ir.h) is an object:
 * AS_IS or ADD_TYPE, told from its text. */
typedef enum {
    LLM_ANTHROPIC_SCHEMA_AS_IS = 0,
    LLM_ANTHROPIC_SCHEMA_ADD_TYPE,
    LLM_ANTHROPIC_SCHEMA_EMPTY
} llm_anthropic_schema_e;

llm_anthropic_schema_e llm_anthropic_schema_form(const llm_tool_t *tool);

/* tool_choice's type (its name in req->tool_choice_name for "tool"), or
 * NULL when none is sent; *disable: disable_parallel_tool_use. */
const char *llm_anthropic_tool_choice(const llm_request_t *req,
    int *disable);

/* A tool call's arguments text as the answer's tool_use input: a new
 * object ({} for white space or none), NULL when not a JSON object
 * (llm_anthropic_block_to_json and the answer's writer). */
json_t *llm_anthropic_parse_args(const llm_str_t *s);



/*
 * What the Messages request parse (llm_anthropic_parse_request) shares
 * with its fast read from the bytes (llm_anthropic_read_request in
 * llm_anthropic_read.c): the fields, and the rules that turn a value
 * into the IR, stated once so the two cannot drift apart.  Names are
 * given as bytes and a length (the parse passes jansson's strings, which
 * hold no NUL: the reader refuses one).
 */

/*
 * Every top-level field of the Messages API, beta ones included
 * (anthropic-sdk-typescript's MessageCreateParams and its beta twin):
 * the API refuses any other, and so do we, also for a passthrough.
 */
#define LLM_ANTHROPIC_FIELDS(X)                                              \
    X(model) X(max_tokens) X(messages) X(system) X(temperature) X(top_p)     \
    X(top_k) X(stop_sequences) X(stream) X(tools) X(tool_choice)             \
    X(thinking) X(output_config) X(output_format) X(metadata)                \
    X(service_tier) X(cache_control) X(container) X(inference_geo)           \
    X(mcp_servers) X(context_management) X(diagnostics) X(speed)             \
    X(compaction) X(fallbacks) X(fallback_credit_token) X(billing_policy)    \
    X(thread)

#define LLM_ANTHROPIC_FIELD_ENUM(name)  LLM_ANTHROPIC_F_##name,
#define LLM_ANTHROPIC_FIELD_NAME(name)  #name,

typedef enum {
    LLM_ANTHROPIC_FIELDS(LLM_ANTHROPIC_FIELD_ENUM)
    LLM_ANTHROPIC_NFIELDS
} llm_anthropic_field_e;

/* thinking.enabled.budget_tokens' least value */
#define LLM_ANTHROPIC_MIN_BUDGET      1024


#define llm_anthropic_is(s, n, lit)                                          \
    ((n) == sizeof(lit) - 1 && memcmp(s, lit, sizeof(lit) - 1) == 0)


/* tool_choice's type as the IR's choice; UNSET: not a type the API
 * has */
static inline llm_tool_choice_e
llm_anthropic_choice_type(const char *s, size_t n)
{
    return llm_anthropic_is(s, n, "auto") ? LLM_TOOL_CHOICE_AUTO
           : llm_anthropic_is(s, n, "any") ? LLM_TOOL_CHOICE_REQUIRED
           : llm_anthropic_is(s, n, "none") ? LLM_TOOL_CHOICE_NONE
           : llm_anthropic_is(s, n, "tool") ? LLM_TOOL_CHOICE_NAMED
           : LLM_TOOL_CHOICE_UNSET;
}


/* thinking's type as the IR's mode; UNSET: not a type the API has */
static inline llm_thinking_e
llm_anthropic_thinking_type(const char *s, size_t n)
{
    return llm_anthropic_is(s, n, "disabled") ? LLM_THINKING_DISABLED
           : llm_anthropic_is(s, n, "adaptive") ? LLM_THINKING_ADAPTIVE
           : llm_anthropic_is(s, n, "enabled") ? LLM_THINKING_ENABLED
           : LLM_THINKING_UNSET;
}


/* output_config.effort: the names llm_effort_from_name knows, but none
 * and minimal (the API has no such level) */
static inline int
llm_anthropic_effort_ok(llm_effort_e e)
{
    return e != LLM_EFFORT_UNSET && e != LLM_EFFORT_NONE
           && e != LLM_EFFORT_MINIMAL;
}


/* A tool of this type (n 0 and s NULL: none given) is a client tool the
 * IR keeps; the others are server tools (web_search_20250305, bash_...,
 * ...) with a versioned type and no counterpart elsewhere, dropped with
 * "tools:dropped". */
static inline int
llm_anthropic_tool_kept(const char *s, size_t n)
{
    return s == NULL || llm_anthropic_is(s, n, "custom");
}


/* The warning for a content block of a type the IR has no form for
 * (documents, server tool blocks, new types), dropped. */
static inline const char *
llm_anthropic_dropped(const char *s, size_t n)
{
    return llm_anthropic_is(s, n, "document") ? "document:dropped"
                                               : "content:dropped";
}


/* One top-level field other than model and stream, checked as the
 * parse checks it (llm_anthropic_check_request's rules): its bit
 * (LLM_ANTHROPIC_F_*) set in *seen, 0 when the parse accepts its value,
 * -1 when not, or not sure. */
int llm_anthropic_check_field(llm_jpull_t *j, const llm_str_t *k,
    uint32_t *seen);

#endif /* LLM_ANTHROPIC_INT_H */
