/*
 * Canonical intermediate representation (IR) of a chat request, a chat
 * response and a stream event.  Every dialect codec parses into and emits
 * from these structures, so N dialects need 2N converters, not N^2.
 *
 * Strings are borrowed: they point into the jansson document the codec
 * parsed (or into the arena), which outlives the IR.  Everything the IR
 * allocates comes from an llm_arena_t and is released with it at once.
 *
 * Conventions every codec follows (parsers normalise to them, emitters
 * rely on them):
 *   - All system instructions are in request.system, in order, whatever
 *     their position in the client's history (OpenAI system/developer
 *     messages are hoisted; Gemini systemInstruction; Anthropic system).
 *     messages[] only holds USER and ASSISTANT turns.
 *   - Tool results are TOOL_RESULT blocks inside USER messages, results
 *     first (Anthropic's model).  An OpenAI parser turns consecutive
 *     "tool" messages into one USER message; an OpenAI emitter splits
 *     them back into one "tool" message per result.
 *   - Consecutive messages may share a role; emitters that need strict
 *     alternation merge them.
 *   - TOOL_CALL.args is always a JSON object when the arguments parse;
 *     args_json keeps the raw text when the client sent a string.  A
 *     TOOL_CALL with args == NULL carries unparseable args_json; emitters
 *     that need an object reject it (400).
 *   - Tool call ids are never empty after parsing: dialects without ids
 *     (Gemini) synthesise stable ones (see llm_gemini.c).
 *   - Usage: input_total includes cached tokens, output_total includes
 *     reasoning tokens, whatever the dialect counts.
 *   - Reasoning signatures are valid only at the dialect that minted them
 *     (signature_origin).  An emitter writing a signature into a
 *     *different* dialect than its origin wraps it as
 *     "llm:<origin>:<signature>" (e.g. an Anthropic signature in an OpenAI
 *     thinking_blocks entry); parsers unwrap that prefix and restore the
 *     origin, and otherwise set the origin to their own dialect.  Request
 *     emitters send REASONING blocks upstream only when the upstream's
 *     dialect is their origin, and drop them otherwise (warning
 *     "thinking:dropped").
 *   - Deferred values: a fast read (llm_codec.h, read_request) may leave
 *     a tool's schema or a call's args unbuilt when the client sent them
 *     as the very text the writer would write for them (compact, see
 *     llm_json_canonical_object): the text stands for the document, and a
 *     fast writer copies it.  Only the fast writers take such an IR;
 *     llm_request_build_deferred makes it the document path's IR before
 *     anything else reads it (llm_translate.c).  A fast read may also
 *     leave a client's whole "tools" value unread when the memo
 *     (llm_json_memo.h) holds what a fast writer wrote for the same
 *     bytes: a writer of that dialect copies the text; any other reader
 *     of the tools has them read first (llm_request_read_deferred_tools).
 *     The client's body must stay, unchanged, until the request is
 *     written.
 *   - Warnings (llm_warn) are short "<field>:<action>" strings, e.g.
 *     "seed:dropped", "temperature:clamped", "stop:truncated",
 *     "system:hoisted"; the glue reports them in a response header.
 *
 * No nginx header may be included from src/core.
 */

#ifndef LLM_IR_H
#define LLM_IR_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#include "llm_arena.h"


typedef struct {
    const char  *data;
    size_t       len;
} llm_str_t;

#define llm_str_set(s, d, l)  do { (s)->data = (d); (s)->len = (l); } while (0)
#define llm_str_null(s)       ((s)->data == NULL)


typedef enum {
    LLM_DIALECT_NONE = 0,
    LLM_DIALECT_OPENAI,
    LLM_DIALECT_ANTHROPIC,
    LLM_DIALECT_GEMINI,
    LLM_DIALECT_MAX
} llm_dialect_e;


typedef enum {
    LLM_ROLE_SYSTEM = 0,
    LLM_ROLE_USER,
    LLM_ROLE_ASSISTANT
} llm_role_e;


typedef enum {
    LLM_BLOCK_TEXT = 0,
    LLM_BLOCK_IMAGE,
    LLM_BLOCK_TOOL_CALL,
    LLM_BLOCK_TOOL_RESULT,
    LLM_BLOCK_REASONING,           /* thinking text (+ signature) */
    LLM_BLOCK_REDACTED_REASONING   /* opaque data, passed back unchanged */
} llm_block_kind_e;


typedef struct llm_block_s  llm_block_t;

struct llm_block_s {
    llm_block_kind_e   kind;

    /* TEXT, REASONING: the text */
    llm_str_t          text;

    /* IMAGE: either base64 data with its media type, or a URL */
    llm_str_t          media_type;
    llm_str_t          data;         /* base64; REDACTED_REASONING: opaque */
    llm_str_t          url;

    /* TOOL_CALL: id, name, arguments.  args is a JSON object (borrowed or
     * owned by the arena's json list); args_json is the raw string when
     * the source dialect carried one (OpenAI), else NULL.  Emitters use
     * whichever form their dialect needs. */
    llm_str_t          id;
    llm_str_t          name;
    json_t            *args;
    llm_str_t          args_json;
    /* args not built yet (a fast read's deferred value, see below):
     * args_json is its text exactly as llm_json_dump would write it */
    unsigned           args_deferred:1;
    /* with args_deferred: args_json is that text only (the client sent
     * an object, Anthropic's input, not a string), dropped once args is
     * built, as the parse keeps no text */
    unsigned           args_text_only:1;

    /* TOOL_RESULT: the call answered (id and, when known, name), its
     * content as blocks (text/image), and whether it reports an error.
     * For a Gemini functionResponse, response holds the raw object. */
    llm_str_t          call_id;
    /* name reused from above */
    llm_block_t       *content;
    size_t             ncontent;
    json_t            *response;
    unsigned           is_error:1;

    /* REASONING: signature and the dialect that minted it */
    llm_str_t          signature;
    llm_dialect_e      signature_origin;
};


typedef struct {
    llm_role_e         role;
    llm_block_t       *blocks;
    size_t             nblocks;
} llm_message_t;


typedef struct {
    llm_str_t          name;
    llm_str_t          description;
    json_t            *schema;       /* JSON Schema object, or NULL */
    /* data != NULL: schema not built yet (deferred, see below), this
     * is its text exactly as llm_json_dump would write it, and
     * schema_typed whether it has a "type" member (writers ask) */
    llm_str_t          schema_json;
    unsigned           schema_typed:1;
    unsigned           strict:1;
} llm_tool_t;


typedef enum {
    LLM_TOOL_CHOICE_UNSET = 0,
    LLM_TOOL_CHOICE_AUTO,
    LLM_TOOL_CHOICE_NONE,
    LLM_TOOL_CHOICE_REQUIRED,       /* any tool */
    LLM_TOOL_CHOICE_NAMED           /* tool_choice_name */
} llm_tool_choice_e;


typedef enum {
    LLM_FORMAT_UNSET = 0,
    LLM_FORMAT_TEXT,
    LLM_FORMAT_JSON_OBJECT,
    LLM_FORMAT_JSON_SCHEMA
} llm_format_e;


typedef enum {
    LLM_THINKING_UNSET = 0,
    LLM_THINKING_DISABLED,
    LLM_THINKING_ENABLED,           /* with budget_tokens when known */
    LLM_THINKING_ADAPTIVE
} llm_thinking_e;


/* Reasoning effort on one scale for all dialects. */
typedef enum {
    LLM_EFFORT_UNSET = 0,
    LLM_EFFORT_NONE,
    LLM_EFFORT_MINIMAL,
    LLM_EFFORT_LOW,
    LLM_EFFORT_MEDIUM,
    LLM_EFFORT_HIGH,
    LLM_EFFORT_XHIGH
} llm_effort_e;


typedef struct {
    llm_str_t          model;
    unsigned           stream:1;
    unsigned           stream_include_usage:1;  /* OpenAI client asked */

    /* system prompt(s), in order, each as text blocks */
    llm_message_t     *system;
    size_t             nsystem;

    llm_message_t     *messages;
    size_t             nmessages;

    /* sampling and limits; has_* tells whether the client sent it */
    int64_t            max_tokens;
    double             temperature;
    double             top_p;
    int64_t            top_k;
    int64_t            n;
    int64_t            seed;
    unsigned           has_max_tokens:1;
    unsigned           has_temperature:1;
    unsigned           has_top_p:1;
    unsigned           has_top_k:1;
    unsigned           has_n:1;
    unsigned           has_seed:1;
    unsigned           has_logprobs:1;          /* logprobs requested */
    unsigned           has_penalties:1;         /* presence/frequency */

    llm_str_t         *stop;
    size_t             nstop;

    llm_tool_t        *tools;
    size_t             ntools;
    llm_tool_choice_e  tool_choice;
    llm_str_t          tool_choice_name;
    int                parallel_tool_calls;     /* -1 unset, 0, 1 */

    /* Deferred tools (above).  tools_src is the client's "tools" value,
     * its bytes in the client's body, and tools_src_dialect the body's
     * dialect (NONE: unset): set when a fast read read them without a
     * warning, so that a writer may keep what it writes for them
     * (llm_request_tools_wrote).  tools_text.data != NULL when instead
     * the fast read found what a writer for tools_text_dialect wrote
     * for them before: tools[] is then not read (NULL, ntools their
     * number) and tools_text is that text. */
    llm_str_t          tools_src;
    llm_dialect_e      tools_src_dialect;
    llm_str_t          tools_text;
    llm_dialect_e      tools_text_dialect;

    llm_format_e       format;
    llm_str_t          format_name;
    json_t            *format_schema;

    llm_thinking_e     thinking;
    int64_t            thinking_budget;         /* 0 when unknown */
    llm_effort_e       effort;

    llm_str_t          user;                    /* end-user id */

    size_t             body_len;    /* the client's body's, 0 unknown: the
                                       writers size the upstream's by it */
} llm_request_t;


typedef enum {
    LLM_STOP_UNSET = 0,
    LLM_STOP_END,                /* natural end */
    LLM_STOP_STOP_SEQUENCE,
    LLM_STOP_MAX_TOKENS,
    LLM_STOP_TOOL_USE,
    LLM_STOP_CONTENT_FILTER,
    LLM_STOP_PAUSE,
    LLM_STOP_CONTEXT_WINDOW
} llm_stop_e;


/* Usage in canonical terms: input_total includes cached tokens and
 * output_total includes reasoning tokens.  has_* marks known figures. */
typedef struct {
    int64_t            input_total;
    int64_t            cache_read;
    int64_t            cache_write;
    int64_t            output_total;
    int64_t            reasoning;
    unsigned           has_input:1;
    unsigned           has_output:1;
    unsigned           has_cache_read:1;
    unsigned           has_cache_write:1;
    unsigned           has_reasoning:1;
} llm_usage_t;


typedef struct {
    llm_str_t          id;
    llm_str_t          model;
    int64_t            created;      /* unix seconds; 0 = unknown */
    llm_block_t       *blocks;       /* assistant output, in order */
    size_t             nblocks;
    llm_stop_e         stop;
    llm_str_t          stop_sequence;
    llm_usage_t        usage;
} llm_response_t;


/* Error kinds: what happened, independent of any dialect's wording. */
typedef enum {
    LLM_ERR_NONE = 0,
    LLM_ERR_INVALID_REQUEST,     /* 400 */
    LLM_ERR_AUTHENTICATION,      /* 401 */
    LLM_ERR_PERMISSION,          /* 403 */
    LLM_ERR_NOT_FOUND,           /* 404 */
    LLM_ERR_TOO_LARGE,           /* 413 */
    LLM_ERR_RATE_LIMIT,          /* 429 */
    LLM_ERR_QUOTA,               /* 429/402, do not retry */
    LLM_ERR_SERVER,              /* 500 */
    LLM_ERR_BAD_GATEWAY,         /* 502: upstream answered nonsense */
    LLM_ERR_OVERLOADED,          /* 503 / Anthropic 529 */
    LLM_ERR_TIMEOUT              /* 504 */
} llm_err_kind_e;


#define LLM_ERR_MSG_MAX  512

typedef struct {
    llm_err_kind_e     kind;
    int                status;        /* HTTP status to answer with */
    int64_t            retry_after;   /* seconds, 0 = none */
    char               message[LLM_ERR_MSG_MAX];
    char               param[64];     /* OpenAI "param", may be empty */
} llm_error_t;


/* Informational notes about lossy decisions (dropped or approximated
 * fields), reported to the client in a response header and logged. */
#define LLM_WARN_MAX  8

typedef struct {
    const char        *items[LLM_WARN_MAX];
    size_t             n;
} llm_warnings_t;


/* No error: what zeroing the whole of err gives, for the fields anyone
 * reads (the message buffer is not cleared, only emptied). */
void llm_error_clear(llm_error_t *err);
void llm_error_set(llm_error_t *err, llm_err_kind_e kind, const char *fmt,
    ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void llm_warn(llm_warnings_t *w, const char *what);

/* Builds req's deferred values (see above), its deferred tools read:
 * 0, or -1 out of memory. */
int llm_request_build_deferred(llm_arena_t *a, llm_request_t *req);

/* Deferred tools (see above).  A fast read of dialect d at a client's
 * "tools" value (avail bytes at p): 1 when the memo holds what a writer
 * wrote for it, req's tools then deferred and *len the value's length;
 * 0 when not; -1 out of memory. */
int llm_request_tools_recall(llm_arena_t *a, llm_request_t *req,
    llm_dialect_e d, const char *p, size_t avail, size_t *len);

/* The fast read of dialect d read the tools value of len bytes at p into
 * req->tools without a warning. */
void llm_request_tools_read(llm_request_t *req, llm_dialect_e d,
    const char *p, size_t len);

/* For a writer of dialect d: the text of req's deferred tools when they
 * were written for d, else NULL (then, when req->tools_text.data is not
 * NULL, the tools must be read first). */
const llm_str_t *llm_request_tools_written(const llm_request_t *req,
    llm_dialect_e d);

/* A writer of dialect d wrote req->tools as the len bytes at text: kept
 * in the memo for the client's bytes when a fast read read them. */
void llm_request_tools_wrote(const llm_request_t *req, llm_dialect_e d,
    const char *text, size_t len);

/* req's deferred tools read into req->tools: 0, or -1 out of memory. */
int llm_request_read_deferred_tools(llm_arena_t *a, llm_request_t *req);
void llm_utf8_sanitize(char *s);

int llm_err_kind_status(llm_err_kind_e kind);
llm_err_kind_e llm_err_kind_from_status(int status);

const char *llm_dialect_name(llm_dialect_e d);

/* A field path for an error message, into p (size bytes, NUL-terminated,
 * cut as vsnprintf cuts): fmt knows only "%s", "%.Ns" and "%zu".  The
 * parsers build a path for every message and block they read, and
 * vsnprintf's setup costs more than the copy.  Returns the length. */
size_t llm_path_format(char *p, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Building values without json_pack (see llm_ir.c); a literal is an
 * ASCII string constant of ours, not checked. */
json_t *llm_json_stringn(const char *p, size_t len);
json_t *llm_json_arr1(json_t *value);
json_t *llm_json_obj(const char *key, json_t *value, ...)
#if defined(__GNUC__)
    __attribute__((sentinel))
#endif
    ;
#define llm_json_lit(s)  json_string_nocheck(s)
#define llm_json_int(v)  json_integer((json_int_t) (v))
/* json_object_set_new() with a literal key: no UTF-8 check of the key,
 * and its length known ("" key "" refuses anything but a literal) */
#define llm_json_set_new(obj, key, v)                                        \
    json_object_setn_new_nocheck(obj, "" key "", sizeof(key) - 1, v)

/* Reading: out[i] = the member of o named names[i] (n of them), or NULL,
 * in one pass over o; what n json_object_get() calls return.  Returns
 * the key of o's first member that has none of the names, or NULL (also
 * when o is not an object: out is all NULL then). */
typedef struct {
    const char        *name;
    size_t             len;
} llm_json_name_t;

#define llm_json_name(s)  { s, sizeof(s) - 1 }

const char *llm_json_pick(json_t *o, const llm_json_name_t *names,
    size_t n, json_t **out);

llm_dialect_e llm_dialect_from_name(const char *name, size_t len);

#endif /* LLM_IR_H */
