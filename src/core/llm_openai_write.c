/*
 * The OpenAI chat.completion body written straight from the IR (the
 * codec's write_response): what llm_openai_emit_response's document
 * dumps to, byte for byte, its members in the order the emitter sets
 * them, without the document.
 */

#include <stdint.h>
#include <string.h>

#include "llm_json_write.h"
#include "llm_map.h"
#include "llm_openai.h"


/* The text of the blocks of kind, joined with nothing between them, as
 * one string value (llm_openai_join's for TEXT, the emitter's loop for
 * REASONING: every block of the kind). */
static int
llm_openai_write_joined(llm_jw_t *w, llm_arena_t *a,
    const llm_response_t *resp, llm_block_kind_e kind)
{
    char               *p;
    size_t              i, k, len;
    const llm_block_t  *b, *last;

    len = 0;
    k = 0;
    last = NULL;

    for (i = 0; i < resp->nblocks; i++) {
        b = &resp->blocks[i];
        if (b->kind == kind) {
            len += b->text.len;
            k++;
            last = b;
        }
    }

    if (k == 1) {
        return llm_jw_string(w, last->text.data ? last->text.data : "",
                             last->text.len);
    }

    p = llm_arena_alloc(a, len + 1);
    if (p == NULL) {
        return -1;
    }

    len = 0;
    for (i = 0; i < resp->nblocks; i++) {
        b = &resp->blocks[i];
        if (b->kind == kind && b->text.len) {
            memcpy(p + len, b->text.data, b->text.len);
            len += b->text.len;
        }
    }

    return llm_jw_string(w, p, len);
}


/* A string of the IR: "" when it has none (llm_json_strn's rule). */
static int
llm_openai_write_str(llm_jw_t *w, const llm_str_t *s)
{
    return llm_jw_string(w, s->data ? s->data : "", s->data ? s->len : 0);
}


/* message.tool_calls: llm_openai_tool_call's object for each call. */
static int
llm_openai_write_calls(llm_jw_t *w, llm_arena_t *a,
    const llm_response_t *resp)
{
    size_t              i, n, len;
    const char         *args;
    const llm_block_t  *b;

    if (llm_jw_lit(w, ",\"tool_calls\":[") != 0) {
        return -1;
    }

    n = 0;

    for (i = 0; i < resp->nblocks; i++) {
        b = &resp->blocks[i];
        if (b->kind != LLM_BLOCK_TOOL_CALL) {
            continue;
        }

        args = llm_openai_args_string(a, b, &len);

        if (args == NULL
            || (n++ && llm_jw_lit(w, ",") != 0)
            || llm_jw_lit(w, "{\"id\":") != 0
            || llm_openai_write_str(w, &b->id) != 0
            || llm_jw_lit(w, ",\"type\":\"function\",\"function\":{"
                             "\"name\":") != 0
            || llm_openai_write_str(w, &b->name) != 0
            || llm_jw_lit(w, ",\"arguments\":") != 0
            || llm_jw_string(w, args, len) != 0
            || llm_jw_lit(w, "}}") != 0)
        {
            return -1;
        }
    }

    return llm_jw_lit(w, "]");
}


/* message.thinking_blocks: the signed blocks and the unsigned thinking
 * among them, each signature wrapped by its origin (llm_openai_sig_wrap,
 * as the emitter). */
static int
llm_openai_write_thinking(llm_jw_t *w, llm_arena_t *a,
    const llm_response_t *resp)
{
    size_t              i, n, len;
    const char         *sig;
    const llm_block_t  *b;

    if (llm_jw_lit(w, ",\"thinking_blocks\":[") != 0) {
        return -1;
    }

    n = 0;

    for (i = 0; i < resp->nblocks; i++) {
        b = &resp->blocks[i];

        if (b->kind == LLM_BLOCK_REASONING) {
            sig = llm_openai_sig_wrap(a, &b->signature, b->signature_origin,
                                      &len);
            if (sig == NULL
                || (n++ && llm_jw_lit(w, ",") != 0)
                || llm_jw_lit(w, "{\"type\":\"thinking\",\"thinking\":") != 0
                || llm_openai_write_str(w, &b->text) != 0
                || llm_jw_lit(w, ",\"signature\":") != 0
                || llm_jw_string(w, sig, len) != 0
                || llm_jw_lit(w, "}") != 0)
            {
                return -1;
            }

        } else if (b->kind == LLM_BLOCK_REDACTED_REASONING) {
            /* only Anthropic makes them, whatever its parser said */
            sig = llm_openai_sig_wrap(a, &b->data,
                                      b->signature_origin
                                      ? b->signature_origin
                                      : LLM_DIALECT_ANTHROPIC, &len);
            if (sig == NULL
                || (n++ && llm_jw_lit(w, ",") != 0)
                || llm_jw_lit(w, "{\"type\":\"redacted_thinking\","
                                 "\"data\":") != 0
                || llm_jw_string(w, sig, len) != 0
                || llm_jw_lit(w, "}") != 0)
            {
                return -1;
            }
        }
    }

    return llm_jw_lit(w, "]");
}


static int
llm_openai_write_body(llm_jw_t *w, llm_arena_t *a,
    const llm_response_t *resp, const llm_request_t *req,
    const llm_options_t *opt)
{
    size_t               ntext, nreason, nsigned, ncalls;
    llm_str_t            id;
    llm_openai_kinds_t   k;

    llm_openai_response_kinds(resp, &k);
    ntext = k.text;
    nreason = k.reasoning;
    nsigned = k.signed_reasoning;
    ncalls = k.calls;

    if (llm_openai_response_id(a, resp, opt, &id) != 0
        || llm_jw_lit(w, "{\"id\":") != 0
        || llm_openai_write_str(w, &id) != 0
        || llm_jw_lit(w, ",\"object\":\"chat.completion\",\"created\":") != 0
        || llm_jw_integer(w, resp->created ? resp->created : opt->now) != 0
        || llm_jw_lit(w, ",\"model\":") != 0
        || llm_openai_write_str(w, resp->model.len ? &resp->model
                                                   : &req->model) != 0
        || llm_jw_lit(w, ",\"choices\":[{\"index\":0,\"message\":"
                         "{\"role\":\"assistant\",\"content\":") != 0)
    {
        return -1;
    }

    if (ntext) {
        if (llm_openai_write_joined(w, a, resp, LLM_BLOCK_TEXT) != 0) {
            return -1;
        }

    } else if ((ncalls ? llm_jw_lit(w, "null") : llm_jw_lit(w, "\"\""))
               != 0)
    {
        return -1;
    }

    if (llm_jw_lit(w, ",\"refusal\":null") != 0
        || (ncalls && llm_openai_write_calls(w, a, resp) != 0))
    {
        return -1;
    }

    if (nreason
        && (llm_jw_lit(w, ",\"reasoning_content\":") != 0
            || llm_openai_write_joined(w, a, resp, LLM_BLOCK_REASONING) != 0))
    {
        return -1;
    }

    if (nsigned && llm_openai_write_thinking(w, a, resp) != 0) {
        return -1;
    }

    if (llm_jw_lit(w, "},\"logprobs\":null,\"finish_reason\":") != 0
        || llm_jw_string_any(w, llm_stop_to_openai(resp->stop),
                             strlen(llm_stop_to_openai(resp->stop))) != 0
        || llm_jw_lit(w, "}],\"usage\":") != 0
        || llm_usage_write_openai(w, &resp->usage) != 0
        || llm_jw_lit(w, "}") != 0)
    {
        return -1;
    }

    return 0;
}


int
llm_openai_write_response(llm_arena_t *a, const llm_response_t *resp,
    const llm_request_t *req, const llm_options_t *opt, llm_warnings_t *w,
    char **out, size_t *len)
{
    llm_jw_t  jw;

    llm_jw_init(&jw, a);

    /* a failure is out of memory or a string that is not UTF-8, which the
     * emitter handles in its own way (a member left out): declined, and
     * the emitter decides */
    if (llm_openai_write_body(&jw, a, resp, req, opt) != 0) {
        return 1;
    }

    *out = llm_jw_finish(&jw, len);

    return *out == NULL ? 1 : 0;
}
