/*
 * anthropic dialect codec (placeholder, filled in by the codec's owner).
 */

#include "llm_codec.h"


static int
llm_anthropic_parse_request(llm_arena_t *a, json_t *body, llm_request_t *req,
    llm_error_t *err, llm_warnings_t *w)
{
    llm_error_set(err, LLM_ERR_INVALID_REQUEST, "not implemented");
    return -1;
}


static json_t *
llm_anthropic_emit_request(llm_arena_t *a, const llm_request_t *req,
    const llm_options_t *opt, llm_error_t *err, llm_warnings_t *w)
{
    llm_error_set(err, LLM_ERR_INVALID_REQUEST, "not implemented");
    return NULL;
}


static int
llm_anthropic_parse_response(llm_arena_t *a, json_t *body, llm_response_t *resp,
    llm_error_t *err, llm_warnings_t *w)
{
    llm_error_set(err, LLM_ERR_BAD_GATEWAY, "not implemented");
    return -1;
}


static json_t *
llm_anthropic_emit_response(llm_arena_t *a, const llm_response_t *resp,
    const llm_request_t *req, const llm_options_t *opt, llm_warnings_t *w)
{
    return NULL;
}


static void
llm_anthropic_parse_error(json_t *body, int status, llm_error_t *err)
{
    llm_error_set(err, llm_err_kind_from_status(status), "upstream error");
    err->status = status;
}


static json_t *
llm_anthropic_emit_error(const llm_error_t *err)
{
    return json_pack("{s:s}", "error", err->message);
}


const llm_codec_t  llm_anthropic_codec = {
    LLM_DIALECT_ANTHROPIC,
    "anthropic",
    llm_anthropic_parse_request,
    llm_anthropic_emit_request,
    llm_anthropic_parse_response,
    llm_anthropic_emit_response,
    llm_anthropic_parse_error,
    llm_anthropic_emit_error
};
