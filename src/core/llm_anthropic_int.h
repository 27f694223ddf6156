/*
 * What the Anthropic request is made of, decided once from the IR
 * (llm_anthropic_plan in llm_anthropic.c) for the two writers of its
 * body: emit_request's document and write_request's text
 * (llm_anthropic_write.c).  Every choice, every warning and every
 * refusal is made here, so the two only differ in how they write.
 */

#ifndef LLM_ANTHROPIC_INT_H
#define LLM_ANTHROPIC_INT_H

#include "llm_codec.h"


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

#endif /* LLM_ANTHROPIC_INT_H */
