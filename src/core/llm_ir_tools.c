/*
 * Deferred tools (llm_ir.h): a client's whole "tools" value, when the
 * memo (llm_json_memo.h) holds what a fast writer wrote for the same
 * bytes, is not read into the IR; the writer of that dialect copies the
 * text.  A coding agent sends its 10-20 KB of tools unchanged with every
 * request; reading their names, descriptions and schemas into the IR and
 * writing them again is most of its translation once the schemas' checks
 * are in the memo.
 *
 * What is kept is a function of the client's bytes alone: the fast read
 * of a "tools" value is (the IR it gives depends on nothing else), and
 * the writers that keep write the tools from the IR's tools alone (the
 * OpenAI writer only when it offers every tool).  A read that warns
 * keeps nothing, so a hit reports no warning the read would have.
 */

#include <string.h>

#include "llm_codec.h"
#include "llm_json_memo.h"


/* The memo's verdict of a "tools" value read by d's fast read */
static unsigned
llm_request_tools_verdict(llm_dialect_e d)
{
    switch (d) {
    case LLM_DIALECT_OPENAI: return LLM_JSON_MEMO_OPENAI_TOOLS_READ;
    case LLM_DIALECT_ANTHROPIC: return LLM_JSON_MEMO_ANTHROPIC_TOOLS_READ;
    default: return 0;
    }
}


int
llm_request_tools_recall(llm_arena_t *a, llm_request_t *req,
    llm_dialect_e d, const char *p, size_t avail, size_t *len)
{
    char        *copy;
    size_t       n, rlen;
    uint32_t     ntools;
    unsigned     verdict, rdialect;
    const char  *result;

    verdict = llm_request_tools_verdict(d);
    if (verdict == 0) {
        return 0;
    }

    n = llm_json_memo_find_result(verdict, p, avail, &ntools, &result, &rlen,
                                  &rdialect);
    if (n == 0) {
        return 0;
    }

    /* a copy: the memo's may go at its next keep */
    copy = llm_arena_alloc(a, rlen + 1);
    if (copy == NULL) {
        return -1;
    }

    memcpy(copy, result, rlen);
    copy[rlen] = '\0';

    req->tools = NULL;
    req->ntools = ntools;
    llm_str_set(&req->tools_src, p, n);
    req->tools_src_dialect = d;
    llm_str_set(&req->tools_text, copy, rlen);
    req->tools_text_dialect = (llm_dialect_e) rdialect;

    *len = n;
    return 1;
}


void
llm_request_tools_read(llm_request_t *req, llm_dialect_e d, const char *p,
    size_t len)
{
    llm_str_set(&req->tools_src, p, len);
    req->tools_src_dialect = d;
}


const llm_str_t *
llm_request_tools_written(const llm_request_t *req, llm_dialect_e d)
{
    return (req->tools_text.data != NULL && req->tools_text_dialect == d)
           ? &req->tools_text : NULL;
}


void
llm_request_tools_wrote(const llm_request_t *req, llm_dialect_e d,
    const char *text, size_t len)
{
    unsigned  verdict;

    verdict = llm_request_tools_verdict(req->tools_src_dialect);

    if (verdict != 0 && req->tools_src.data != NULL
        && req->tools_text.data == NULL && req->ntools <= UINT32_MAX)
    {
        llm_json_memo_keep_result(verdict, req->tools_src.data,
                                  req->tools_src.len,
                                  (uint32_t) req->ntools, (unsigned) d,
                                  text, len);
    }
}


int
llm_request_read_deferred_tools(llm_arena_t *a, llm_request_t *req)
{
    const llm_codec_t  *c;

    if (req->tools_text.data == NULL) {
        return 0;
    }

    c = llm_codec(req->tools_src_dialect);
    if (c == NULL || c->read_tools == NULL) {
        return -1;
    }

    req->tools = NULL;
    req->ntools = 0;

    if (c->read_tools(a, req) != 0) {
        return -1;
    }

    llm_str_set(&req->tools_text, NULL, 0);
    req->tools_text_dialect = LLM_DIALECT_NONE;

    return 0;
}
