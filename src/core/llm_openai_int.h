/*
 * What the OpenAI Chat request parse (llm_openai.c) shares with its fast
 * read from the bytes (llm_openai_read.c): the fields, and the rules
 * that build the IR, stated once so the two cannot drift apart; and
 * what the request's emitter shares with its text writer
 * (llm_openai_write.c): the decisions that shape the body.
 */

#ifndef LLM_OPENAI_INT_H
#define LLM_OPENAI_INT_H

#include "llm_codec.h"
#include "llm_json_pull.h"


typedef struct {
    llm_block_t       *elts;
    size_t             n;
    size_t             cap;
} llm_openai_blocks_t;


/*
 * Every top-level field of the Chat Completions API (openai-node's
 * ChatCompletionCreateParams): the API refuses any other, and so do we,
 * also for a passthrough.  Known fields nothing translates stay accepted
 * (and dropped or forwarded as before).
 *
 * llm_openai_check_fields() reads every field of the body in one pass
 * (llm_json_pick), and the parser reads the values by index: a jansson
 * lookup hashes the key each time, and the parser asks for some forty
 * fields.
 */
#define LLM_OPENAI_FIELDS(X)                                                 \
    X(model) X(messages) X(audio) X(frequency_penalty) X(function_call)     \
    X(functions) X(logit_bias) X(logprobs) X(max_completion_tokens)         \
    X(max_tokens) X(metadata) X(modalities) X(moderation) X(n)              \
    X(parallel_tool_calls) X(prediction) X(presence_penalty)                \
    X(prompt_cache_key) X(prompt_cache_options) X(prompt_cache_retention)   \
    X(reasoning_effort) X(response_format) X(safety_identifier) X(seed)     \
    X(service_tier) X(stop) X(store) X(stream) X(stream_options)            \
    X(temperature) X(tool_choice) X(tools) X(top_logprobs) X(top_p) X(user) \
    X(verbosity) X(web_search_options)

#define LLM_OPENAI_FIELD_ENUM(name)  LLM_OPENAI_F_##name,
#define LLM_OPENAI_FIELD_NAME(name)  #name,
#define LLM_OPENAI_JSON_NAME(name)   llm_json_name(#name),

typedef enum {
    LLM_OPENAI_FIELDS(LLM_OPENAI_FIELD_ENUM)
    LLM_OPENAI_NFIELDS
} llm_openai_field_e;


/*
 * The members of a message the parsers read (a request's messages, a
 * response's message), fetched in one pass with llm_json_pick(): most
 * are absent, and a lookup of an absent key costs as much as a hit.
 */
#define LLM_OPENAI_MESSAGE_FIELDS(X)                                         \
    X(role) X(content) X(refusal) X(tool_calls) X(tool_call_id)             \
    X(function_call) X(thinking_blocks) X(reasoning_content) X(reasoning)

#define LLM_OPENAI_MFIELD_ENUM(name)  LLM_OPENAI_M_##name,

typedef enum {
    LLM_OPENAI_MESSAGE_FIELDS(LLM_OPENAI_MFIELD_ENUM)
    LLM_OPENAI_NMFIELDS
} llm_openai_mfield_e;


/* The bounds the API sets on the sampling fields (the parse, the check
 * and the read refuse what is out of them) */
#define LLM_OPENAI_TEMPERATURE_MIN   0
#define LLM_OPENAI_TEMPERATURE_MAX   2
#define LLM_OPENAI_TOP_P_MIN         0
#define LLM_OPENAI_TOP_P_MAX         1
#define LLM_OPENAI_PENALTY_MIN       -2
#define LLM_OPENAI_PENALTY_MAX       2
#define LLM_OPENAI_TOKENS_MIN        1      /* max_(completion_)tokens */
#define LLM_OPENAI_N_MIN             1
#define LLM_OPENAI_TOP_LOGPROBS_MAX  20


/* A block appended to b (grown in the arena), zeroed; NULL on out of
 * memory. */
llm_block_t *llm_openai_block_add(llm_arena_t *a, llm_openai_blocks_t *b);

/* An assistant's reasoning text (reasoning_content or reasoning) as a
 * REASONING block of ours; none when empty.  -1 on out of memory. */
int llm_openai_reasoning_text(llm_arena_t *a, llm_openai_blocks_t *bl,
    const llm_str_t *s);

/* An image part's URL (llm_openai_parse_image) as an IMAGE block: an
 * http(s) URL, or a base64 data URL (media_type and data point into
 * s). */
typedef enum {
    LLM_OPENAI_IMAGE_OK = 0,
    LLM_OPENAI_IMAGE_NOT_URL,
    LLM_OPENAI_IMAGE_NOT_BASE64,
    LLM_OPENAI_IMAGE_NO_TYPE
} llm_openai_image_e;

llm_openai_image_e llm_openai_image_url(llm_block_t *b, const llm_str_t *s);

/* A TOOL_CALL's args from its args_json (decoded, NUL-terminated): the
 * parsed object, {} for white space or none (data NULL), NULL when not
 * a JSON object.  -1 on out of memory. */
int llm_openai_args_parse(llm_arena_t *a, llm_block_t *b);

/* A system or developer message's blocks, hoisted into req->system
 * (room for one more there), "system:hoisted" when a turn came before;
 * an empty one is dropped. */
void llm_openai_system_add(llm_request_t *req, llm_warnings_t *w,
    int seen_turn, const llm_openai_blocks_t *bl);

/* A "tool" message: a TOOL_RESULT block of call_id with bl's content,
 * appended to the USER message the previous tool message opened (*open),
 * or to a new one (room for one more in req->messages); named after the
 * call it answers when an earlier assistant message has it.  -1 on out
 * of memory. */
int llm_openai_tool_result_add(llm_arena_t *a, llm_request_t *req,
    int *open, const llm_str_t *call_id, const llm_openai_blocks_t *bl);


/* An answer's stop from choices[0]'s finish_reason (NULL unless a
 * string) and vLLM's stop_reason (len 0 unless a string), whether a
 * refusal was the answer, and its blocks (tool calls): resp->stop, and
 * resp->stop_sequence for a stop string. */
void llm_openai_response_stop(llm_response_t *resp, const char *finish,
    const llm_str_t *stop_reason, int refused);


/* The checks from the bytes (llm_openai_check_request). */

/* A member the caller does not read, checked as JSON only, its key
 * remembered in ks to refuse a repeat: 0 or -1. */
int llm_openai_check_other(llm_jpull_t *j, size_t i, const llm_str_t *k,
    llm_jpull_keys_t *ks);

/* Past a member read with rc, its bit (0 for one of the others): 0 when
 * it was read, is not a repeat, and is within LLM_JPULL_KEYS members. */
static inline int
llm_openai_check_mark(int rc, unsigned *seen, unsigned bit, size_t i)
{
    if (rc != 0 || (*seen & bit) || i >= LLM_JPULL_KEYS) {
        return -1;
    }

    *seen |= bit;
    return 0;
}

/* A top-level field other than model, messages, stream and
 * stream_options, checked: its bit set in *seen, 0 when the parse
 * accepts its value. */
int llm_openai_check_field(llm_jpull_t *j, const llm_str_t *k,
    uint64_t *seen);

/* stream_options (null not taken): 0 with *usage its include_usage. */
int llm_openai_check_stream_options(llm_jpull_t *j, int *usage);


/*
 * The request body's decisions (llm_openai.c, request emission), made
 * once for its two writers: emit_request's document and write_request's
 * text (llm_openai_write.c).  Text results are arena memory or borrowed
 * from the IR; a NULL data is "" to both (llm_json_strn's rule).  The
 * int functions return 0, or -1 on out of memory.
 */

/* The text of the TEXT blocks, joined with sep */
int llm_openai_text_join(llm_arena_t *a, const llm_block_t *blocks,
    size_t n, const char *sep, llm_str_t *s);

/* An IMAGE's URL: its own, or a data URL of its base64 data */
int llm_openai_image_text(llm_arena_t *a, const llm_block_t *b,
    llm_str_t *url);

/* The text part before an image moved out of a tool result */
int llm_openai_image_label(llm_arena_t *a, const llm_block_t *result,
    llm_str_t *s);

/* A TOOL_RESULT's "tool" message content */
int llm_openai_result_text(llm_arena_t *a, const llm_block_t *b,
    llm_str_t *s);

/* A user message after its "tool" messages: nothing, one text (*only's),
 * the text joined (a profile's flatten), or content parts (with *nimg
 * images moved out of the results, first). */
typedef enum {
    LLM_OPENAI_USER_NONE = 0,
    LLM_OPENAI_USER_TEXT,
    LLM_OPENAI_USER_JOINED,
    LLM_OPENAI_USER_PARTS
} llm_openai_user_e;

llm_openai_user_e llm_openai_user_form(const llm_message_t *m,
    const llm_profile_t *pf, size_t *nimg, const llm_block_t **only);

/* An assistant message: what it sends (none of the three: no message);
 * "thinking:dropped" for what it cannot */
typedef struct {
    size_t             ntext;
    size_t             ncalls;
    size_t             nreason;    /* reasoning sent back, non-empty */
} llm_openai_assistant_t;

void llm_openai_assistant_form(const llm_message_t *m,
    const llm_profile_t *pf, llm_warnings_t *w, llm_openai_assistant_t *f);

/* Its reasoning sent back, as one text, and the member it goes in */
int llm_openai_reasoning_join(llm_arena_t *a, const llm_message_t *m,
    const llm_profile_t *pf, llm_str_t *s, const char **field);

/* The system prompt as one message (llm_openai_system_text; none when
 * empty), not one per system entry */
int llm_openai_system_merged(const llm_profile_t *pf);
int llm_openai_system_text(llm_arena_t *a, const llm_request_t *req,
    const llm_profile_t *pf, llm_str_t *s);

/* How many of the stop sequences go ("stop:truncated" for the rest) */
size_t llm_openai_stop_count(const llm_request_t *req, llm_warnings_t *w);

/* response_format json_schema's name */
int llm_openai_format_name(llm_arena_t *a, const llm_request_t *req,
    llm_str_t *s);

/* chat_template_kwargs.enable_thinking (*kwargs; -1 none) and
 * reasoning_effort (*effort; NULL none) */
void llm_openai_thinking_form(const llm_request_t *req,
    const llm_profile_t *pf, llm_warnings_t *w, int *kwargs,
    const char **effort);

/* tools and tool_choice: -1 refused (err set: 400); 1 no tools sent; 0
 * the tools (only the named one when *only) with *choice, sent unless
 * the profile omits it */
int llm_openai_tool_choice_form(const llm_request_t *req,
    const llm_profile_t *pf, llm_error_t *err, llm_warnings_t *w,
    llm_tool_choice_e *choice, int *only);
int llm_openai_tool_offered(const llm_request_t *req, int only,
    const llm_tool_t *t);

#endif /* LLM_OPENAI_INT_H */
