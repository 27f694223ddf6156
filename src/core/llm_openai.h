/*
 * Pieces of the OpenAI Chat codec that the OpenAI stream codec reuses.
 */

#ifndef LLM_OPENAI_H
#define LLM_OPENAI_H

#include "llm_codec.h"


/* The request read from the bytes without a document (read_request of
 * llm_openai_codec; llm_openai_read.c): 0 with req filled as the parse
 * fills it, or 1: declined, the parse decides. */
int llm_openai_read_request(llm_arena_t *a, const char *body, size_t len,
    llm_request_t *req, llm_warnings_t *w);

/* The tools read_request left deferred (read_tools of llm_openai_codec;
 * llm_openai_read.c, llm_ir.h): 0, or -1. */
int llm_openai_read_tools(llm_arena_t *a, llm_request_t *req);

/* The answer read from the bytes without a document (read_response of
 * llm_openai_codec; llm_openai_read.c): 0 with resp filled as
 * parse_response fills it, or 1: declined, the parse decides. */
int llm_openai_read_response(llm_arena_t *a, const char *body, size_t len,
    llm_response_t *resp, llm_warnings_t *w);

/* A signature as written into an OpenAI body: "llm:<origin>:<sig>" when
 * another dialect minted it, else as is.  NULL on out of memory. */
const char *llm_openai_sig_wrap(llm_arena_t *a, const llm_str_t *sig,
    llm_dialect_e origin, size_t *len);

/* Strip an "llm:<origin>:" prefix from sig in place; returns the origin
 * (LLM_DIALECT_OPENAI when there is no prefix). */
llm_dialect_e llm_openai_sig_unwrap(llm_str_t *sig);

/* A TOOL_CALL's arguments from an OpenAI "arguments" string: args_json
 * raw, args the parsed object (NULL when it is not a JSON object; {} for
 * an empty string).  -1 when args is not a string or out of memory. */
int llm_openai_parse_args(llm_arena_t *a, llm_block_t *b, json_t *args);

/* The "arguments" string of a TOOL_CALL: args_json, else args
 * serialized, else "{}".  NULL on out of memory. */
const char *llm_openai_args_string(llm_arena_t *a, const llm_block_t *b,
    size_t *len);

/* A parsed OpenAI-compatible response, reshaped by the upstream's
 * profile: inline <think> reasoning split out of the text (or dropped
 * when a reasoning field already carried it), reasoning dropped for a
 * model that has none.  0, or -1 with err set (out of memory). */
int llm_openai_response_profile(llm_arena_t *a, llm_response_t *resp,
    const llm_options_t *opt, llm_error_t *err);

/* llama.cpp's "timings" (prompt_n, cache_n, predicted_n) as usage, when
 * u has none: what the server counted is better than nothing. */
void llm_openai_usage_timings(json_t *timings, llm_usage_t *u);

/* An answer's id for an OpenAI client: the upstream's with OpenAI's
 * "chatcmpl-" prefix, or one made from opt->now.  0, or -1 on out of
 * memory. */
int llm_openai_response_id(llm_arena_t *a, const llm_response_t *resp,
    const llm_options_t *opt, llm_str_t *id);

/* How many of an answer's blocks go into each part of the message the
 * OpenAI client gets: text, reasoning text, signed reasoning (with a
 * signature, or redacted: thinking_blocks), tool calls. */
typedef struct {
    size_t             text;
    size_t             reasoning;
    size_t             signed_reasoning;
    size_t             calls;
} llm_openai_kinds_t;

void llm_openai_response_kinds(const llm_response_t *resp,
    llm_openai_kinds_t *k);

/* The codec's write_request (llm_openai_write.c): the Chat Completions
 * body straight from the IR, as emit_request's document dumps; 1 when
 * declined. */
int llm_openai_write_request(llm_arena_t *a, const llm_request_t *req,
    const llm_options_t *opt, llm_warnings_t *w, char **out, size_t *len);

/* The codec's write_response (llm_openai_write.c): the chat.completion
 * body straight from the IR, as emit_response's document dumps. */
int llm_openai_write_response(llm_arena_t *a, const llm_response_t *resp,
    const llm_request_t *req, const llm_options_t *opt, llm_warnings_t *w,
    char **out, size_t *len);

#endif /* LLM_OPENAI_H */
