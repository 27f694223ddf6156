/*
 * Pieces of the Anthropic Messages codec that the stream codec reuses:
 * content blocks, reasoning signatures, error types and message ids;
 * and the request body's text writer (llm_anthropic_write.c).
 */

#ifndef LLM_ANTHROPIC_H
#define LLM_ANTHROPIC_H

#include "llm_codec.h"


/* Image media types the Messages API accepts in a base64 source. */
int llm_anthropic_image_type_ok(const llm_str_t *media_type);

/* Response content block (text, tool_use, thinking, redacted_thinking)
 * -> IR block.  Strings are borrowed from j.  Returns 0, 1 for a block
 * type without an IR form (skip it), -1 when malformed. */
int llm_anthropic_block_from_json(json_t *j, llm_block_t *b);

/* IR output block -> response content block, a new reference; NULL when
 * the block has no Anthropic form or is empty (skip it).  A TOOL_CALL
 * whose args_json does not parse gets input {} and the warning
 * "tool_arguments:invalid". */
json_t *llm_anthropic_block_to_json(llm_arena_t *a, const llm_block_t *b,
    llm_warnings_t *w);

/* The signature an Anthropic client sees for a REASONING block: raw when
 * Anthropic minted it, "" when there is none, otherwise wrapped as
 * "llm:<origin>:<signature>" (llm_ir.h conventions). */
llm_str_t llm_anthropic_signature(llm_arena_t *a, const llm_block_t *b);

/* Undo the wrapping above: sets *origin and strips the prefix; a bare
 * non-empty signature is Anthropic's, an empty one nobody's (NONE). */
void llm_anthropic_unwrap_signature(llm_str_t *sig, llm_dialect_e *origin);

/* error.type <-> error kind (dialects.md §3.6, §5.14) */
const char *llm_anthropic_error_type(llm_err_kind_e kind);
llm_err_kind_e llm_anthropic_error_kind(const char *type, int status);

/* The client-facing message id: id with "msg_" prepended when it lacks
 * it, or a stable synthetic one from seed when id is empty. */
llm_str_t llm_anthropic_message_id(llm_arena_t *a, const llm_str_t *id,
    const llm_str_t *seed, int64_t now);

/* The request body as text, without a document (llm_codec.h,
 * write_request): 0, or 1 declined (emit_request decides). */
int llm_anthropic_write_request(llm_arena_t *a, const llm_request_t *req,
    const llm_options_t *opt, llm_warnings_t *w, char **out, size_t *len);

/* The codec's write_response: the Messages answer written straight
 * from the IR, as emit_response's document dumps: 0, 1 declined (the
 * emitter decides). */
int llm_anthropic_write_response(llm_arena_t *a, const llm_response_t *resp,
    const llm_request_t *req, const llm_options_t *opt, llm_warnings_t *w,
    char **out, size_t *len);

/* The codec's read_request (llm_anthropic_read.c): the Messages request
 * straight from the bytes into the IR, as parse_request reads its
 * document, or 1: declined. */
int llm_anthropic_read_request(llm_arena_t *a, const char *body,
    size_t len, llm_request_t *req, llm_warnings_t *w);

/* The codec's read_tools (llm_anthropic_read.c, llm_ir.h): the tools
 * read_request left deferred, read: 0, or -1. */
int llm_anthropic_read_tools(llm_arena_t *a, llm_request_t *req);

/* The codec's read_response (llm_anthropic_read.c): the Messages answer
 * straight from the bytes into the IR, as parse_response reads its
 * document. */
int llm_anthropic_read_response(llm_arena_t *a, const char *body,
    size_t len, llm_response_t *resp, llm_warnings_t *w);

#endif /* LLM_ANTHROPIC_H */
