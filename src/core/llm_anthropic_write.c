/*
 * The Anthropic request body written as text straight from the plan
 * (llm_anthropic_int.h): emit_request's document, dumped, byte for
 * byte, without building it (llm_codec.h, write_request).  The plan
 * makes every decision and reports every warning and refusal; this only
 * writes, in the document's key order.
 *
 * The answer an Anthropic client gets (write_response) is written below:
 * what llm_anthropic_emit_response's document dumps to.
 */

#include <string.h>

#include "llm_json.h"
#include "llm_json_write.h"
#include "llm_codec.h"
#include "llm_map.h"
#include "llm_anthropic.h"
#include "llm_anthropic_int.h"


/* A string of the IR: the document has no value for a NULL one (and
 * drops its key or fails), so the writer declines it. */
static int
llm_anthropic_write_str(llm_jw_t *w, const llm_str_t *s)
{
    if (s->data == NULL) {
        return -1;
    }

    return llm_jw_string(w, s->data, s->len);
}


static int
llm_anthropic_write_text(llm_jw_t *w, const llm_str_t *text)
{
    return llm_jw_lit(w, "{\"type\":\"text\",\"text\":") != 0
           || llm_anthropic_write_str(w, text) != 0
           || llm_jw_lit(w, "}") != 0 ? -1 : 0;
}


static int
llm_anthropic_write_image(llm_jw_t *w, const llm_block_t *b)
{
    llm_str_t  mt, data;

    switch (llm_anthropic_image_form(b, &mt, &data)) {

    case LLM_ANTHROPIC_IMAGE_PDF:
        return llm_jw_lit(w, "{\"type\":\"document\",\"source\":"
                          "{\"type\":\"base64\",\"media_type\":"
                          "\"application/pdf\",\"data\":") != 0
               || llm_anthropic_write_str(w, &data) != 0
               || llm_jw_lit(w, "}}") != 0 ? -1 : 0;

    case LLM_ANTHROPIC_IMAGE_BASE64:
        return llm_jw_lit(w, "{\"type\":\"image\",\"source\":"
                          "{\"type\":\"base64\",\"media_type\":") != 0
               || llm_anthropic_write_str(w, &mt) != 0
               || llm_jw_lit(w, ",\"data\":") != 0
               || llm_anthropic_write_str(w, &data) != 0
               || llm_jw_lit(w, "}}") != 0 ? -1 : 0;

    case LLM_ANTHROPIC_IMAGE_URL:
        return llm_jw_lit(w, "{\"type\":\"image\",\"source\":"
                          "{\"type\":\"url\",\"url\":") != 0
               || llm_anthropic_write_str(w, &b->url) != 0
               || llm_jw_lit(w, "}}") != 0 ? -1 : 0;

    default:
        /* the plan dropped or refused it */
        return -1;
    }
}


static int
llm_anthropic_write_result(llm_jw_t *w, const llm_anthropic_item_t *it)
{
    int                 first;
    size_t              i;
    const llm_block_t  *b, *c;

    b = it->b;

    if (llm_jw_lit(w, "{\"type\":\"tool_result\",\"tool_use_id\":") != 0
        || llm_anthropic_write_str(w, &it->id) != 0)
    {
        return -1;
    }

    if (b->ncontent == 0) {
        if (it->response_error && llm_jw_lit(w, ",\"is_error\":true") != 0) {
            return -1;
        }
        if (it->response.len
            && (llm_jw_lit(w, ",\"content\":") != 0
                || llm_anthropic_write_str(w, &it->response) != 0))
        {
            return -1;
        }

    } else if (b->ncontent == 1 && b->content[0].kind == LLM_BLOCK_TEXT) {
        if (b->content[0].text.len
            && (llm_jw_lit(w, ",\"content\":") != 0
                || llm_anthropic_write_str(w, &b->content[0].text) != 0))
        {
            return -1;
        }

    } else if (it->nsent) {
        if (llm_jw_lit(w, ",\"content\":[") != 0) {
            return -1;
        }

        first = 1;

        for (i = 0; i < b->ncontent; i++) {
            c = &b->content[i];
            if (!llm_anthropic_result_sent(c)) {
                continue;
            }

            if ((!first && llm_jw_lit(w, ",") != 0)
                || (c->kind == LLM_BLOCK_TEXT
                    ? llm_anthropic_write_text(w, &c->text)
                    : llm_anthropic_write_image(w, c)) != 0)
            {
                return -1;
            }

            first = 0;
        }

        if (llm_jw_lit(w, "]") != 0) {
            return -1;
        }
    }

    /* after a functionResponse's error the key is there already */
    if (b->is_error && !(b->ncontent == 0 && it->response_error)
        && llm_jw_lit(w, ",\"is_error\":true") != 0)
    {
        return -1;
    }

    return llm_jw_lit(w, "}");
}


static int
llm_anthropic_write_item(llm_jw_t *w, const llm_anthropic_item_t *it)
{
    const llm_block_t  *b;

    b = it->b;

    if (b == NULL) {
        return llm_jw_lit(w, "{\"type\":\"tool_result\",\"tool_use_id\":")
               != 0
               || llm_anthropic_write_str(w, &it->id) != 0
               || llm_jw_lit(w, ",\"content\":\"" LLM_ANTHROPIC_NO_RESULT
                             "\",\"is_error\":true}") != 0 ? -1 : 0;
    }

    switch (b->kind) {

    case LLM_BLOCK_TEXT:
        return llm_anthropic_write_text(w, &b->text);

    case LLM_BLOCK_IMAGE:
        return llm_anthropic_write_image(w, b);

    case LLM_BLOCK_TOOL_CALL:
        return llm_jw_lit(w, "{\"type\":\"tool_use\",\"id\":") != 0
               || llm_anthropic_write_str(w, &it->id) != 0
               || llm_jw_lit(w, ",\"name\":") != 0
               || llm_anthropic_write_str(w, &b->name) != 0
               || llm_jw_lit(w, ",\"input\":") != 0
               || (it->input != NULL
                   ? llm_jw_value(w, it->input)
                   : llm_jw_raw(w, it->input_text.data,
                                it->input_text.len)) != 0
               || llm_jw_lit(w, "}") != 0 ? -1 : 0;

    case LLM_BLOCK_TOOL_RESULT:
        return llm_anthropic_write_result(w, it);

    case LLM_BLOCK_REASONING:
        return llm_jw_lit(w, "{\"type\":\"thinking\",\"thinking\":") != 0
               || llm_anthropic_write_str(w, &b->text) != 0
               || llm_jw_lit(w, ",\"signature\":") != 0
               || llm_anthropic_write_str(w, &b->signature) != 0
               || llm_jw_lit(w, "}") != 0 ? -1 : 0;

    case LLM_BLOCK_REDACTED_REASONING:
        return llm_jw_lit(w, "{\"type\":\"redacted_thinking\",\"data\":")
               != 0
               || llm_anthropic_write_str(w, &b->data) != 0
               || llm_jw_lit(w, "}") != 0 ? -1 : 0;
    }

    return -1;
}


/* n items of a turn's content, each after a comma unless *first */
static int
llm_anthropic_write_items(llm_jw_t *w, const llm_anthropic_item_t *it,
    size_t n, int *first)
{
    size_t  i;

    for (i = 0; i < n; i++) {
        if ((!*first && llm_jw_lit(w, ",") != 0)
            || llm_anthropic_write_item(w, &it[i]) != 0)
        {
            return -1;
        }

        *first = 0;
    }

    return 0;
}


static int
llm_anthropic_write_messages(llm_jw_t *w, const llm_anthropic_plan_t *p)
{
    int                          first;
    size_t                       i;
    const llm_anthropic_turn_t  *t;

    if (llm_jw_lit(w, ",\"messages\":[") != 0) {
        return -1;
    }

    if (p->placeholder
        && llm_jw_lit(w, "{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                      "\"text\":\"" LLM_ANTHROPIC_PLACEHOLDER "\"}]}") != 0)
    {
        return -1;
    }

    for (i = 0; i < p->nturns; i++) {
        t = &p->turns[i];

        if (((i || p->placeholder) && llm_jw_lit(w, ",") != 0)
            || (t->role == LLM_ROLE_USER
                ? llm_jw_lit(w, "{\"role\":\"user\",\"content\":[")
                : llm_jw_lit(w, "{\"role\":\"assistant\",\"content\":["))
               != 0)
        {
            return -1;
        }

        first = 1;

        if (llm_anthropic_write_items(w, t->added, t->nadded, &first) != 0
            || llm_anthropic_write_items(w, t->results, t->nresults, &first)
               != 0
            || llm_anthropic_write_items(w, t->other, t->nother, &first) != 0
            || llm_jw_lit(w, "]}") != 0)
        {
            return -1;
        }
    }

    return llm_jw_lit(w, "]");
}


static int
llm_anthropic_write_system(llm_jw_t *w, llm_arena_t *a,
    const llm_request_t *req, const llm_anthropic_plan_t *p)
{
    int        first;
    size_t     i;
    llm_str_t  s;

    first = 1;

    for (i = 0; i < req->nsystem; i++) {
        if (llm_anthropic_system_text(a, &req->system[i], &s) != 0) {
            return -1;
        }

        if (s.len == 0) {
            continue;
        }

        if ((first ? llm_jw_lit(w, ",\"system\":[") : llm_jw_lit(w, ","))
            != 0
            || llm_anthropic_write_text(w, &s) != 0)
        {
            return -1;
        }

        first = 0;
    }

    if (p->json_prompt
        && ((first ? llm_jw_lit(w, ",\"system\":[") : llm_jw_lit(w, ","))
            != 0
            || llm_jw_lit(w, "{\"type\":\"text\",\"text\":\""
                          LLM_ANTHROPIC_JSON_PROMPT "\"}") != 0))
    {
        return -1;
    }

    if (!first || p->json_prompt) {
        return llm_jw_lit(w, "]");
    }

    return 0;
}


static int
llm_anthropic_write_stop(llm_jw_t *w, const llm_request_t *req)
{
    int     first;
    size_t  i;

    first = 1;

    for (i = 0; i < req->nstop; i++) {
        if (req->stop[i].len == 0) {
            continue;
        }

        if ((first ? llm_jw_lit(w, ",\"stop_sequences\":[")
                   : llm_jw_lit(w, ","))
            != 0
            || llm_anthropic_write_str(w, &req->stop[i]) != 0)
        {
            return -1;
        }

        first = 0;
    }

    return first ? 0 : llm_jw_lit(w, "]");
}


static int
llm_anthropic_write_schema(llm_jw_t *w, const llm_tool_t *tool)
{
    const llm_str_t  *text;

    /* deferred (llm_ir.h): the schema's text is what writing it gives */
    text = tool->schema_json.data != NULL ? &tool->schema_json : NULL;

    switch (llm_anthropic_schema_form(tool)) {

    case LLM_ANTHROPIC_SCHEMA_AS_IS:
        return text ? llm_jw_raw(w, text->data, text->len)
                    : llm_jw_value(w, tool->schema);

    case LLM_ANTHROPIC_SCHEMA_ADD_TYPE:
        /* the object with "type" added last: its text without the
         * closing brace, then the member */
        if ((text ? llm_jw_raw(w, text->data, text->len)
                  : llm_jw_value(w, tool->schema))
            != 0)
        {
            return -1;
        }

        w->len--;

        return (text ? text->len > 2 : json_object_size(tool->schema) != 0)
               ? llm_jw_lit(w, ",\"type\":\"object\"}")
               : llm_jw_lit(w, "\"type\":\"object\"}");

    default:
        return llm_jw_lit(w, "{\"type\":\"object\",\"properties\":{}}");
    }
}


static int
llm_anthropic_write_tools(llm_jw_t *w, const llm_request_t *req)
{
    int                disable;
    size_t             i, at;
    const char        *type;
    const llm_str_t   *text;
    const llm_tool_t  *tool;

    if (llm_jw_lit(w, ",\"tools\":") != 0) {
        return -1;
    }

    at = w->len;

    /* deferred (llm_ir.h): as written for them before, or read first */
    if (req->tools_text.data != NULL) {
        text = llm_request_tools_written(req, LLM_DIALECT_ANTHROPIC);
        if (text == NULL || llm_jw_raw(w, text->data, text->len) != 0) {
            return -1;
        }

        goto choice;
    }

    for (i = 0; i < req->ntools; i++) {
        tool = &req->tools[i];

        if ((i ? llm_jw_lit(w, ",{\"name\":")
               : llm_jw_lit(w, "[{\"name\":")) != 0
            || llm_anthropic_write_str(w, &tool->name) != 0
            || llm_jw_lit(w, ",\"input_schema\":") != 0
            || llm_anthropic_write_schema(w, tool) != 0)
        {
            return -1;
        }

        if (tool->description.len
            && (llm_jw_lit(w, ",\"description\":") != 0
                || llm_anthropic_write_str(w, &tool->description) != 0))
        {
            return -1;
        }

        if ((tool->strict && llm_jw_lit(w, ",\"strict\":true") != 0)
            || llm_jw_lit(w, "}") != 0)
        {
            return -1;
        }
    }

    if (llm_jw_lit(w, "]") != 0) {
        return -1;
    }

    llm_request_tools_wrote(req, LLM_DIALECT_ANTHROPIC, w->data + at,
                            w->len - at);

choice:

    type = llm_anthropic_tool_choice(req, &disable);
    if (type == NULL) {
        return 0;
    }

    if (llm_jw_lit(w, ",\"tool_choice\":{\"type\":") != 0
        || llm_jw_string(w, type, strlen(type)) != 0)
    {
        return -1;
    }

    if (req->tool_choice == LLM_TOOL_CHOICE_NAMED
        && (llm_jw_lit(w, ",\"name\":") != 0
            || llm_anthropic_write_str(w, &req->tool_choice_name) != 0))
    {
        return -1;
    }

    if (disable && llm_jw_lit(w, ",\"disable_parallel_tool_use\":true") != 0)
    {
        return -1;
    }

    return llm_jw_lit(w, "}");
}


static int
llm_anthropic_write_thinking(llm_jw_t *w, const llm_anthropic_plan_t *p)
{
    switch (p->thinking) {

    case LLM_THINKING_ENABLED:
        return llm_jw_lit(w, ",\"thinking\":{\"type\":\"enabled\","
                          "\"budget_tokens\":") != 0
               || llm_jw_integer(w, (json_int_t) p->budget) != 0
               || llm_jw_lit(w, "}") != 0 ? -1 : 0;

    case LLM_THINKING_ADAPTIVE:
        return llm_jw_lit(w, ",\"thinking\":{\"type\":\"adaptive\"}");

    case LLM_THINKING_DISABLED:
        return llm_jw_lit(w, ",\"thinking\":{\"type\":\"disabled\"}");

    default:
        return 0;
    }
}


static int
llm_anthropic_write_output(llm_jw_t *w, const llm_request_t *req,
    const llm_anthropic_plan_t *p)
{
    int  format;

    format = req->format == LLM_FORMAT_JSON_SCHEMA
             && req->format_schema != NULL;

    if (p->effort == NULL && !format) {
        return 0;
    }

    if (llm_jw_lit(w, ",\"output_config\":{") != 0) {
        return -1;
    }

    if (p->effort
        && (llm_jw_lit(w, "\"effort\":") != 0
            || llm_jw_string(w, p->effort, strlen(p->effort)) != 0
            || (format && llm_jw_lit(w, ",") != 0)))
    {
        return -1;
    }

    if (format
        && (llm_jw_lit(w, "\"format\":{\"type\":\"json_schema\","
                       "\"schema\":") != 0
            || llm_jw_value(w, req->format_schema) != 0
            || llm_jw_lit(w, "}") != 0))
    {
        return -1;
    }

    return llm_jw_lit(w, "}");
}


static int
llm_anthropic_write_body(llm_jw_t *w, llm_arena_t *a,
    const llm_request_t *req, const llm_options_t *opt,
    const llm_anthropic_plan_t *p)
{
    if (llm_jw_lit(w, "{\"model\":") != 0
        || llm_anthropic_write_str(w, opt->upstream_model.len
                                      ? &opt->upstream_model : &req->model)
           != 0
        || llm_jw_lit(w, ",\"max_tokens\":") != 0
        || llm_jw_integer(w, (json_int_t) p->max_tokens) != 0
        || llm_anthropic_write_messages(w, p) != 0
        || llm_anthropic_write_system(w, a, req, p) != 0
        || (req->stream && llm_jw_lit(w, ",\"stream\":true") != 0))
    {
        return -1;
    }

    if (p->send_temperature
        && (llm_jw_lit(w, ",\"temperature\":") != 0
            || llm_jw_real(w, p->temperature) != 0))
    {
        return -1;
    }

    if (p->send_top_p
        && (llm_jw_lit(w, ",\"top_p\":") != 0
            || llm_jw_real(w, req->top_p) != 0))
    {
        return -1;
    }

    if (p->send_top_k
        && (llm_jw_lit(w, ",\"top_k\":") != 0
            || llm_jw_integer(w, (json_int_t) req->top_k) != 0))
    {
        return -1;
    }

    if (llm_anthropic_write_stop(w, req) != 0
        || (req->ntools && llm_anthropic_write_tools(w, req) != 0)
        || llm_anthropic_write_thinking(w, p) != 0
        || llm_anthropic_write_output(w, req, p) != 0)
    {
        return -1;
    }

    if (req->user.len
        && (llm_jw_lit(w, ",\"metadata\":{\"user_id\":") != 0
            || llm_anthropic_write_str(w, &req->user) != 0
            || llm_jw_lit(w, "}") != 0))
    {
        return -1;
    }

    return llm_jw_lit(w, "}");
}


int
llm_anthropic_write_request(llm_arena_t *a, const llm_request_t *req,
    const llm_options_t *opt, llm_warnings_t *w, char **out, size_t *len)
{
    llm_jw_t              jw;
    llm_error_t           err;
    llm_anthropic_plan_t  p;

    /* what the plan refuses, emit_request refuses and reports */
    llm_error_clear(&err);

    if (llm_anthropic_plan(a, req, opt, &p, &err, w) != 0) {
        return err.kind == LLM_ERR_SERVER ? -1 : 1;
    }

    /* a writer failure is a string the document has no value for (NULL,
     * not UTF-8) or a real it cannot write as often as out of memory:
     * the document path tells which */
    if (llm_jw_init_for(&jw, a, req->body_len) != 0
        || llm_anthropic_write_body(&jw, a, req, opt, &p) != 0)
    {
        return 1;
    }

    *out = llm_jw_finish(&jw, len);
    return *out ? 0 : 1;
}


/*
 * The answer (write_response): the Messages body
 * llm_anthropic_emit_response's document dumps to, its blocks as
 * llm_anthropic_block_to_json makes them, without the document.  A
 * failure of the writer (a string that is not UTF-8, which the document
 * drops in its own way; out of memory) is a decline: the emitter
 * decides.
 */

/* A string of the IR as llm_json_strn makes it: "" for none. */
static int
llm_anthropic_write_strn(llm_jw_t *w, const llm_str_t *s)
{
    return llm_jw_string(w, s->data ? s->data : "", s->data ? s->len : 0);
}


/* A tool_use block's input: the call's object, else its arguments' text
 * parsed, else {} with the warning "tool_arguments:invalid". */
static int
llm_anthropic_write_input(llm_jw_t *w, const llm_block_t *b,
    llm_warnings_t *wn)
{
    int      rc;
    json_t  *input;

    if (b->args != NULL && json_is_object(b->args)) {
        return llm_jw_value(w, b->args);
    }

    input = llm_anthropic_parse_args(&b->args_json);
    if (input == NULL) {
        /* the model wrote broken JSON (often cut by max_tokens) */
        llm_warn(wn, "tool_arguments:invalid");
        return llm_jw_lit(w, "{}");
    }

    rc = llm_jw_value(w, input);
    json_decref(input);
    return rc;
}


/* One block of the answer's content: 0 written (*n counts them), or
 * nothing written for a block without a form (empty text, other
 * kinds); -1. */
static int
llm_anthropic_write_answer_block(llm_jw_t *w, llm_arena_t *a,
    const llm_block_t *b, llm_warnings_t *wn, size_t *n)
{
    llm_str_t    s;
    llm_block_t  t;

    switch (b->kind) {

    case LLM_BLOCK_TEXT:
        if (b->text.len == 0) {
            return 0;
        }
        return ((*n)++ && llm_jw_lit(w, ",") != 0)
               || llm_jw_lit(w, "{\"type\":\"text\",\"text\":") != 0
               || llm_anthropic_write_strn(w, &b->text) != 0
               || llm_jw_lit(w, "}") != 0 ? -1 : 0;

    case LLM_BLOCK_TOOL_CALL:
        /* a deferred value is a request's only (llm_ir.h) */
        if (b->args_deferred) {
            return -1;
        }
        return ((*n)++ && llm_jw_lit(w, ",") != 0)
               || llm_jw_lit(w, "{\"type\":\"tool_use\",\"id\":") != 0
               || llm_anthropic_write_strn(w, &b->id) != 0
               || llm_jw_lit(w, ",\"name\":") != 0
               || llm_anthropic_write_strn(w, &b->name) != 0
               || llm_jw_lit(w, ",\"input\":") != 0
               || llm_anthropic_write_input(w, b, wn) != 0
               || llm_jw_lit(w, "}") != 0 ? -1 : 0;

    case LLM_BLOCK_REASONING:
        s = llm_anthropic_signature(a, b);
        return ((*n)++ && llm_jw_lit(w, ",") != 0)
               || llm_jw_lit(w, "{\"type\":\"thinking\",\"thinking\":") != 0
               || llm_anthropic_write_strn(w, &b->text) != 0
               || llm_jw_lit(w, ",\"signature\":") != 0
               || llm_anthropic_write_strn(w, &s) != 0
               || llm_jw_lit(w, "}") != 0 ? -1 : 0;

    case LLM_BLOCK_REDACTED_REASONING:
        s = b->data;
        if (b->signature_origin != LLM_DIALECT_ANTHROPIC
            && b->signature_origin != LLM_DIALECT_NONE)
        {
            /* wrapped as the emitter wraps it: as a signature */
            t = *b;
            t.signature = b->data;
            s = llm_anthropic_signature(a, &t);
        }
        return ((*n)++ && llm_jw_lit(w, ",") != 0)
               || llm_jw_lit(w, "{\"type\":\"redacted_thinking\","
                                "\"data\":") != 0
               || llm_anthropic_write_strn(w, &s) != 0
               || llm_jw_lit(w, "}") != 0 ? -1 : 0;

    default:
        return 0;
    }
}


static int
llm_anthropic_write_answer(llm_jw_t *w, llm_arena_t *a,
    const llm_response_t *resp, const llm_request_t *req,
    const llm_options_t *opt, llm_warnings_t *wn)
{
    int          calls;
    size_t       i, n;
    llm_str_t    id;
    llm_stop_e   stop;
    const char  *reason;

    id = llm_anthropic_message_id(a, &resp->id, &resp->model, opt->now);

    if (llm_jw_lit(w, "{\"id\":") != 0
        || llm_anthropic_write_strn(w, &id) != 0
        || llm_jw_lit(w, ",\"type\":\"message\",\"role\":\"assistant\","
                         "\"model\":") != 0
        || llm_anthropic_write_strn(w, resp->model.len ? &resp->model
                                                       : &req->model) != 0
        || llm_jw_lit(w, ",\"content\":[") != 0)
    {
        return -1;
    }

    calls = 0;
    n = 0;

    for (i = 0; i < resp->nblocks; i++) {
        calls |= resp->blocks[i].kind == LLM_BLOCK_TOOL_CALL;

        if (llm_anthropic_write_answer_block(w, a, &resp->blocks[i], wn, &n)
            != 0)
        {
            return -1;
        }
    }

    /* the emitter's rule: an Anthropic client loops on "tool_use" */
    stop = resp->stop;
    if (calls && (stop == LLM_STOP_END || stop == LLM_STOP_UNSET)) {
        stop = LLM_STOP_TOOL_USE;
    }

    reason = llm_stop_to_anthropic(stop);

    if (llm_jw_lit(w, "],\"stop_reason\":") != 0
        || llm_jw_string_any(w, reason, strlen(reason)) != 0
        || llm_jw_lit(w, ",\"stop_sequence\":") != 0)
    {
        return -1;
    }

    if (((stop == LLM_STOP_STOP_SEQUENCE && resp->stop_sequence.len)
         ? llm_anthropic_write_strn(w, &resp->stop_sequence)
         : llm_jw_lit(w, "null"))
        != 0)
    {
        return -1;
    }

    return llm_jw_lit(w, ",\"usage\":") != 0
           || llm_usage_write_anthropic(w, &resp->usage) != 0
           || llm_jw_lit(w, "}") != 0 ? -1 : 0;
}


int
llm_anthropic_write_response(llm_arena_t *a, const llm_response_t *resp,
    const llm_request_t *req, const llm_options_t *opt, llm_warnings_t *w,
    char **out, size_t *len)
{
    llm_jw_t  jw;

    llm_jw_init(&jw, a);

    if (llm_anthropic_write_answer(&jw, a, resp, req, opt, w) != 0) {
        return 1;
    }

    *out = llm_jw_finish(&jw, len);
    return *out ? 0 : 1;
}
