/*
 * The OpenAI bodies written straight from the IR, without documents:
 * the chat.completion answer (the codec's write_response), what
 * llm_openai_emit_response's document dumps to, and the Chat Completions
 * request (write_request), what llm_openai_emit_request's does; byte for
 * byte, members in the order the emitters set them.
 */

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "llm_json_write.h"
#include "llm_map.h"
#include "llm_openai.h"
#include "llm_openai_int.h"


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


/* message.tool_calls: llm_openai_tool_call's object for each call among
 * the blocks (an answer's message, or an assistant's in a request).
 * Inlined into both, as into the answer's alone before: called apart, it
 * cost the answer 24 instructions more. */
static inline int
llm_openai_write_calls(llm_jw_t *w, llm_arena_t *a,
    const llm_block_t *blocks, size_t nblocks)
#if defined(__GNUC__)
    __attribute__((always_inline))
#endif
    ;

static inline int
llm_openai_write_calls(llm_jw_t *w, llm_arena_t *a,
    const llm_block_t *blocks, size_t nblocks)
{
    size_t              i, n, len;
    const char         *args;
    const llm_block_t  *b;

    if (llm_jw_lit(w, ",\"tool_calls\":[") != 0) {
        return -1;
    }

    n = 0;

    for (i = 0; i < nblocks; i++) {
        b = &blocks[i];
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
        || (ncalls
            && llm_openai_write_calls(w, a, resp->blocks, resp->nblocks)
               != 0))
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


/*
 * The request (write_request).  The decisions are llm_openai_int.h's,
 * made by the emitter's own functions; what is written here mirrors
 * llm_openai_emit_request and its helpers in llm_openai.c in the order
 * they set members (a member set first stays first: an assistant's
 * tool_calls come before its content).
 */

/* ",", unless first in its array */
static int
llm_openai_write_next(llm_jw_t *w, int *first)
{
    if (*first) {
        *first = 0;
        return 0;
    }

    return llm_jw_lit(w, ",");
}


/* llm_openai_image_part's object */
static int
llm_openai_write_image(llm_jw_t *w, llm_arena_t *a, const llm_block_t *b)
{
    llm_str_t  url;

    return llm_openai_image_text(a, b, &url) != 0
           || llm_jw_lit(w, "{\"type\":\"image_url\",\"image_url\":"
                         "{\"url\":") != 0
           || llm_openai_write_str(w, &url) != 0
           || llm_jw_lit(w, "}}") != 0 ? -1 : 0;
}


static int
llm_openai_write_part(llm_jw_t *w, const llm_str_t *text)
{
    return llm_jw_lit(w, "{\"type\":\"text\",\"text\":") != 0
           || llm_openai_write_str(w, text) != 0
           || llm_jw_lit(w, "}") != 0 ? -1 : 0;
}


/* llm_openai_emit_user: the "tool" messages, then the user's */
static int
llm_openai_write_user(llm_jw_t *w, llm_arena_t *a, const llm_message_t *m,
    const llm_profile_t *pf, llm_warnings_t *lw, int *first)
{
    int                 part;
    size_t              i, j, nimg;
    llm_str_t           s;
    llm_openai_user_e   form;
    const llm_block_t  *b, *c, *only;

    for (i = 0; i < m->nblocks; i++) {
        b = &m->blocks[i];

        if (b->kind == LLM_BLOCK_TOOL_RESULT
            && (llm_openai_result_text(a, b, &s) != 0
                || llm_openai_write_next(w, first) != 0
                || llm_jw_lit(w, "{\"role\":\"tool\",\"tool_call_id\":") != 0
                || llm_openai_write_str(w, &b->call_id) != 0
                || llm_jw_lit(w, ",\"content\":") != 0
                || llm_openai_write_str(w, &s) != 0
                || llm_jw_lit(w, "}") != 0))
        {
            return -1;
        }
    }

    form = llm_openai_user_form(m, pf, &nimg, &only);

    switch (form) {

    case LLM_OPENAI_USER_NONE:
        return 0;

    case LLM_OPENAI_USER_TEXT:
        s = only->text;
        break;

    case LLM_OPENAI_USER_JOINED:
        if (llm_openai_text_join(a, m->blocks, m->nblocks, "\n\n", &s) != 0) {
            return -1;
        }
        break;

    default:
        s.data = NULL;
        s.len = 0;
        break;
    }

    if (llm_openai_write_next(w, first) != 0
        || llm_jw_lit(w, "{\"role\":\"user\",\"content\":") != 0)
    {
        return -1;
    }

    if (form != LLM_OPENAI_USER_PARTS) {
        return llm_openai_write_str(w, &s) != 0
               || llm_jw_lit(w, "}") != 0 ? -1 : 0;
    }

    if (nimg) {
        llm_warn(lw, "tool_result:image_moved");
    }

    if (llm_jw_lit(w, "[") != 0) {
        return -1;
    }

    part = 1;

    for (i = 0; nimg && i < m->nblocks; i++) {
        b = &m->blocks[i];
        if (b->kind != LLM_BLOCK_TOOL_RESULT) {
            continue;
        }

        for (j = 0; j < b->ncontent; j++) {
            c = &b->content[j];
            if (c->kind != LLM_BLOCK_IMAGE) {
                continue;
            }

            if (llm_openai_image_label(a, b, &s) != 0
                || llm_openai_write_next(w, &part) != 0
                || llm_openai_write_part(w, &s) != 0
                || llm_jw_lit(w, ",") != 0
                || llm_openai_write_image(w, a, c) != 0)
            {
                return -1;
            }
        }
    }

    for (i = 0; i < m->nblocks; i++) {
        b = &m->blocks[i];

        if (b->kind != LLM_BLOCK_TEXT && b->kind != LLM_BLOCK_IMAGE) {
            continue;
        }

        if (llm_openai_write_next(w, &part) != 0
            || (b->kind == LLM_BLOCK_TEXT
                ? llm_openai_write_part(w, &b->text)
                : llm_openai_write_image(w, a, b)) != 0)
        {
            return -1;
        }
    }

    return llm_jw_lit(w, "]}");
}


/* llm_openai_emit_assistant's message */
static int
llm_openai_write_assistant(llm_jw_t *w, llm_arena_t *a,
    const llm_message_t *m, const llm_profile_t *pf, llm_warnings_t *lw,
    int *first)
{
    llm_str_t                s;
    const char              *field;
    llm_openai_assistant_t   f;

    llm_openai_assistant_form(m, pf, lw, &f);

    if (f.ntext == 0 && f.ncalls == 0 && f.nreason == 0) {
        return 0;
    }

    if (llm_openai_write_next(w, first) != 0
        || llm_jw_lit(w, "{\"role\":\"assistant\"") != 0
        || (f.ncalls
            && llm_openai_write_calls(w, a, m->blocks, m->nblocks) != 0)
        || llm_jw_lit(w, ",\"content\":") != 0)
    {
        return -1;
    }

    if (f.ntext) {
        if (llm_openai_text_join(a, m->blocks, m->nblocks, "", &s) != 0
            || llm_openai_write_str(w, &s) != 0)
        {
            return -1;
        }

    } else if ((f.ncalls ? llm_jw_lit(w, "null") : llm_jw_lit(w, "\"\""))
               != 0)
    {
        return -1;
    }

    if (f.nreason
        && (llm_openai_reasoning_join(a, m, pf, &s, &field) != 0
            || llm_jw_lit(w, ",") != 0
            || llm_jw_string(w, field, strlen(field)) != 0
            || llm_jw_lit(w, ":") != 0
            || llm_openai_write_str(w, &s) != 0))
    {
        return -1;
    }

    return llm_jw_lit(w, "}");
}


/* llm_openai_emit_system's messages */
static int
llm_openai_write_system(llm_jw_t *w, llm_arena_t *a,
    const llm_request_t *req, const llm_profile_t *pf, int *first)
{
    size_t                i;
    llm_str_t             s;
    const llm_message_t  *m;

    if (!llm_openai_system_merged(pf)) {
        for (i = 0; i < req->nsystem; i++) {
            m = &req->system[i];

            if (llm_openai_text_join(a, m->blocks, m->nblocks, "\n\n", &s)
                != 0
                || llm_openai_write_next(w, first) != 0
                || llm_jw_lit(w, "{\"role\":\"system\",\"content\":") != 0
                || llm_openai_write_str(w, &s) != 0
                || llm_jw_lit(w, "}") != 0)
            {
                return -1;
            }
        }

        return 0;
    }

    if (llm_openai_system_text(a, req, pf, &s) != 0) {
        return -1;
    }

    if (s.len == 0) {
        return 0;
    }

    return llm_openai_write_next(w, first) != 0
           || llm_jw_lit(w, "{\"role\":\"system\",\"content\":") != 0
           || llm_openai_write_str(w, &s) != 0
           || llm_jw_lit(w, "}") != 0 ? -1 : 0;
}


/* 0 when s is UTF-8 (NULL is ""): a string the emitter can build */
static int
llm_openai_utf8(const llm_str_t *s)
{
    size_t                n;
    const unsigned char  *p, *end;

    p = (const unsigned char *) s->data;
    end = p + (s->data ? s->len : 0);

    while (p < end) {
        if (*p < 0x80) {
            p++;
            continue;
        }

        n = llm_json_utf8_len(p, end);
        if (n == 0) {
            return -1;
        }

        p += n;
    }

    return 0;
}


/* llm_openai_emit_tools' function objects, those offered */
static int
llm_openai_write_tools(llm_jw_t *w, const llm_request_t *req, int only)
{
    int                first;
    size_t             i, at;
    const llm_str_t   *text;
    const llm_tool_t  *t;

    if (llm_jw_lit(w, ",\"tools\":") != 0) {
        return -1;
    }

    at = w->len;

    /* deferred (llm_ir.h): as written for them before, every one
     * offered; else read first */
    if (req->tools_text.data != NULL) {
        text = llm_request_tools_written(req, LLM_DIALECT_OPENAI);
        return (text == NULL || only
                || llm_jw_raw(w, text->data, text->len) != 0)
               ? -1 : 0;
    }

    if (llm_jw_lit(w, "[") != 0) {
        return -1;
    }

    first = 1;

    for (i = 0; i < req->ntools; i++) {
        t = &req->tools[i];

        /* the emitter builds every tool, then removes those not offered:
         * a name it cannot build fails it all (a description is left
         * out) */
        if (!llm_openai_tool_offered(req, only, t)) {
            if (llm_openai_utf8(&t->name) != 0) {
                return -1;
            }
            continue;
        }

        if (llm_openai_write_next(w, &first) != 0
            || llm_jw_lit(w, "{\"type\":\"function\",\"function\":"
                          "{\"name\":") != 0
            || llm_openai_write_str(w, &t->name) != 0)
        {
            return -1;
        }

        if (t->description.data != NULL
            && (llm_jw_lit(w, ",\"description\":") != 0
                || llm_openai_write_str(w, &t->description) != 0))
        {
            return -1;
        }

        /* a deferred schema (llm_ir.h): its text is what writing it
         * gives */
        if (t->schema_json.data != NULL) {
            if (llm_jw_lit(w, ",\"parameters\":") != 0
                || llm_jw_raw(w, t->schema_json.data, t->schema_json.len)
                   != 0)
            {
                return -1;
            }

        } else if (t->schema != NULL
                   && (llm_jw_lit(w, ",\"parameters\":") != 0
                       || llm_jw_value(w, t->schema) != 0))
        {
            return -1;
        }

        if ((t->strict && llm_jw_lit(w, ",\"strict\":true") != 0)
            || llm_jw_lit(w, "}}") != 0)
        {
            return -1;
        }
    }

    if (llm_jw_lit(w, "]") != 0) {
        return -1;
    }

    /* all of them offered, the text is theirs alone */
    if (!only) {
        llm_request_tools_wrote(req, LLM_DIALECT_OPENAI, w->data + at,
                                w->len - at);
    }

    return 0;
}


/* llm_openai_emit_tool_choice's members: -1 refused (the emitter says
 * why) or failed */
static int
llm_openai_write_choice(llm_jw_t *w, const llm_request_t *req,
    const llm_profile_t *pf, llm_warnings_t *lw)
{
    int                only, rc;
    llm_error_t        err;
    llm_tool_choice_e  tc;

    rc = llm_openai_tool_choice_form(req, pf, &err, lw, &tc, &only);
    if (rc != 0) {
        return rc < 0 ? -1 : 0;
    }

    if (llm_openai_write_tools(w, req, only) != 0) {
        return -1;
    }

    if (pf->tool_choice != LLM_PROFILE_TOOLS_OMIT) {
        switch (tc) {
        case LLM_TOOL_CHOICE_NONE:
            rc = llm_jw_lit(w, ",\"tool_choice\":\"none\"");
            break;
        case LLM_TOOL_CHOICE_REQUIRED:
            rc = llm_jw_lit(w, ",\"tool_choice\":\"required\"");
            break;
        case LLM_TOOL_CHOICE_NAMED:
            rc = llm_jw_lit(w, ",\"tool_choice\":{\"type\":\"function\","
                            "\"function\":{\"name\":") != 0
                 || llm_openai_write_str(w, &req->tool_choice_name) != 0
                 || llm_jw_lit(w, "}}") != 0 ? -1 : 0;
            break;
        default:
            rc = llm_jw_lit(w, ",\"tool_choice\":\"auto\"");
            break;
        }

        if (rc != 0) {
            return -1;
        }
    }

    if (req->parallel_tool_calls >= 0) {
        return req->parallel_tool_calls
               ? llm_jw_lit(w, ",\"parallel_tool_calls\":true")
               : llm_jw_lit(w, ",\"parallel_tool_calls\":false");
    }

    return 0;
}


/* llm_openai_emit_format's object */
static int
llm_openai_write_format(llm_jw_t *w, llm_arena_t *a,
    const llm_request_t *req)
{
    llm_str_t  name;

    if (req->format == LLM_FORMAT_TEXT) {
        return llm_jw_lit(w, ",\"response_format\":{\"type\":\"text\"}");
    }

    if (req->format == LLM_FORMAT_JSON_OBJECT || req->format_schema == NULL)
    {
        return llm_jw_lit(w, ",\"response_format\":"
                          "{\"type\":\"json_object\"}");
    }

    return llm_openai_format_name(a, req, &name) != 0
           || llm_jw_lit(w, ",\"response_format\":{\"type\":\"json_schema\","
                         "\"json_schema\":{\"name\":") != 0
           || llm_openai_write_str(w, &name) != 0
           || llm_jw_lit(w, ",\"schema\":") != 0
           || llm_jw_value(w, req->format_schema) != 0
           || llm_jw_lit(w, "}}") != 0 ? -1 : 0;
}


/* llm_openai_emit_request's body, its members in the order it sets
 * them */
static int
llm_openai_write_request_body(llm_jw_t *w, llm_arena_t *a,
    const llm_request_t *req, const llm_options_t *opt, llm_warnings_t *lw)
{
    int                   first, kwargs;
    size_t                i, nstop;
    const char           *effort;
    const llm_profile_t  *pf;
    const llm_message_t  *m;

    pf = &opt->profile;
    first = 1;

    if (llm_jw_lit(w, "{\"model\":") != 0
        || llm_openai_write_str(w, opt->upstream_model.len
                                   ? &opt->upstream_model : &req->model)
           != 0
        || llm_jw_lit(w, ",\"messages\":[") != 0
        || llm_openai_write_system(w, a, req, pf, &first) != 0)
    {
        return -1;
    }

    for (i = 0; i < req->nmessages; i++) {
        m = &req->messages[i];

        if ((m->role == LLM_ROLE_ASSISTANT
             ? llm_openai_write_assistant(w, a, m, pf, lw, &first)
             : llm_openai_write_user(w, a, m, pf, lw, &first))
            != 0)
        {
            return -1;
        }
    }

    if (llm_jw_lit(w, "]") != 0) {
        return -1;
    }

    /* Ollama and older llama.cpp ignore max_completion_tokens */
    if (req->has_max_tokens
        && ((pf->max_tokens ? llm_jw_lit(w, ",\"max_tokens\":")
                            : llm_jw_lit(w, ",\"max_completion_tokens\":"))
            != 0
            || llm_jw_integer(w, (json_int_t) req->max_tokens) != 0))
    {
        return -1;
    }

    /* json_real() has no value for what is not finite: the emitter
     * leaves the member out */
    if (req->has_temperature
        && (!isfinite(req->temperature)
            || llm_jw_lit(w, ",\"temperature\":") != 0
            || llm_jw_real(w, req->temperature) != 0))
    {
        return -1;
    }

    if (req->has_top_p
        && (!isfinite(req->top_p)
            || llm_jw_lit(w, ",\"top_p\":") != 0
            || llm_jw_real(w, req->top_p) != 0))
    {
        return -1;
    }

    if (req->has_top_k) {
        llm_warn(lw, "top_k:dropped");
    }

    if (req->has_n
        && (llm_jw_lit(w, ",\"n\":") != 0
            || llm_jw_integer(w, (json_int_t) req->n) != 0))
    {
        return -1;
    }

    if (req->has_seed
        && (llm_jw_lit(w, ",\"seed\":") != 0
            || llm_jw_integer(w, (json_int_t) req->seed) != 0))
    {
        return -1;
    }

    if (req->has_penalties) {
        llm_warn(lw, "penalties:dropped");
    }

    if (req->has_logprobs && llm_jw_lit(w, ",\"logprobs\":true") != 0) {
        return -1;
    }

    if (req->nstop) {
        nstop = llm_openai_stop_count(req, lw);

        if (llm_jw_lit(w, ",\"stop\":[") != 0) {
            return -1;
        }

        for (i = 0; i < nstop; i++) {
            if ((i && llm_jw_lit(w, ",") != 0)
                || llm_openai_write_str(w, &req->stop[i]) != 0)
            {
                return -1;
            }
        }

        if (llm_jw_lit(w, "]") != 0) {
            return -1;
        }
    }

    if ((req->ntools && llm_openai_write_choice(w, req, pf, lw) != 0)
        || (req->format != LLM_FORMAT_UNSET
            && llm_openai_write_format(w, a, req) != 0))
    {
        return -1;
    }

    llm_openai_thinking_form(req, pf, lw, &kwargs, &effort);

    if (kwargs >= 0
        && (kwargs ? llm_jw_lit(w, ",\"chat_template_kwargs\":"
                                "{\"enable_thinking\":true}")
                   : llm_jw_lit(w, ",\"chat_template_kwargs\":"
                                "{\"enable_thinking\":false}"))
           != 0)
    {
        return -1;
    }

    if (effort != NULL
        && (llm_jw_lit(w, ",\"reasoning_effort\":") != 0
            || llm_jw_string(w, effort, strlen(effort)) != 0))
    {
        return -1;
    }

    if (req->stream
        && (llm_jw_lit(w, ",\"stream\":true") != 0
            || (!pf->stream_usage
                && llm_jw_lit(w, ",\"stream_options\":"
                              "{\"include_usage\":true}") != 0)))
    {
        return -1;
    }

    if (req->user.len
        && (llm_jw_lit(w, ",\"user\":") != 0
            || llm_openai_write_str(w, &req->user) != 0))
    {
        return -1;
    }

    return llm_jw_lit(w, "}");
}


int
llm_openai_write_request(llm_arena_t *a, const llm_request_t *req,
    const llm_options_t *opt, llm_warnings_t *w, char **out, size_t *len)
{
    llm_jw_t  jw;

    /* a failure is a refusal (tool_choice), out of memory, a string that
     * is not UTF-8 or a real that is not finite, which the emitter
     * handles in its own way (a member left out, or an error): declined,
     * and the emitter decides */
    if (llm_jw_init_for(&jw, a, req->body_len) != 0
        || llm_openai_write_request_body(&jw, a, req, opt, w) != 0)
    {
        return 1;
    }

    *out = llm_jw_finish(&jw, len);

    return *out == NULL ? 1 : 0;
}
