/*
 * Anthropic Messages codec (dialects.md §3; mappings §5).
 *
 * Choices made here, where the API leaves room:
 *   - max_tokens upstream: the client's, else opt->default_max_tokens
 *     (LLM_DEFAULT_MAX_TOKENS when unset); with thinking enabled and no
 *     client max, budget + default, so the answer keeps its full room.
 *   - A reasoning effort without an explicit thinking mode becomes
 *     thinking "enabled" with a budget (LiteLLM's table, §5.10), the form
 *     most Claude models accept: minimal/low 1024, medium 2048, high 4096,
 *     xhigh 8192; none -> thinking disabled.  output_config.effort is only
 *     sent with an explicit thinking mode (an Anthropic or Gemini client).
 *   - Thinking together with a forced tool choice (any/tool), or when the
 *     last assistant turn calls tools without a leading thinking block
 *     (history from another provider), is a 400 at Anthropic: thinking is
 *     turned off instead, warning "thinking:disabled".
 *   - Tool ids are made ^[a-zA-Z0-9_-]+$ by one deterministic function
 *     (invalid characters -> '_', plus "_" and 8 hex digits of a hash of
 *     the original), applied to tool_use.id and tool_result.tool_use_id
 *     alike; a repeated tool_use id gets a "_<n>" suffix and later results
 *     answering it follow the renamed call.
 *   - A history that does not start with a user turn (or is empty once
 *     empty blocks are dropped) gets a leading user turn "(continued)":
 *     the API rejects an assistant first turn (warning
 *     "messages:user_turn_added").
 *   - A tool_use left unanswered in the next user turn (trimmed history)
 *     gets a tool_result "(no result)" with is_error, the API's other
 *     option being a 400 (warning "tool_result:added").
 *   - Thinking blocks go upstream only when Anthropic signed them; the
 *     rest are dropped ("thinking:dropped").  In responses, reasoning
 *     from elsewhere becomes a thinking block whose signature is "" or
 *     wrapped "llm:<origin>:..." (llm_ir.h), so it can come back.
 *   - A response tool call whose arguments do not parse (often cut by
 *     max_tokens) is sent with input {} and "tool_arguments:invalid":
 *     the client gets a well-formed message and the stop reason.
 */

#include <float.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "llm_json.h"
#include "llm_json_memo.h"
#include "llm_json_pull.h"
#include "llm_codec.h"
#include "llm_map.h"
#include "llm_anthropic.h"
#include "llm_anthropic_int.h"


#define LLM_ANTHROPIC_DEFAULT_BUDGET  2048
#define LLM_ANTHROPIC_PATH_MAX        128


/* tool id renaming table: sanitized id -> id sent upstream */
typedef struct llm_anthropic_id_s  llm_anthropic_id_t;

struct llm_anthropic_id_s {
    llm_anthropic_id_t  *next;
    llm_str_t            key;
    llm_str_t            val;
    unsigned             used:1;    /* key itself was sent as a tool_use id */
    unsigned             mapped:1;  /* val holds the key's current call */
};

typedef struct {
    llm_arena_t         *arena;
    llm_anthropic_id_t **buckets;
    size_t               nbuckets;
} llm_anthropic_ids_t;


static int llm_anthropic_bad(llm_error_t *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;


static int
llm_anthropic_bad(llm_error_t *err, const char *fmt, ...)
{
    char     buf[LLM_ERR_MSG_MAX];
    va_list  ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);

    llm_error_set(err, LLM_ERR_INVALID_REQUEST, "%s", buf);
    return -1;
}


static int
llm_anthropic_oom(llm_error_t *err)
{
    llm_error_set(err, LLM_ERR_SERVER, "out of memory");
    return -1;
}


static uint64_t
llm_anthropic_hash(const char *p, size_t len, uint64_t h)
{
    size_t  i;

    /* FNV-1a: stable across builds, so ids stay the same turn to turn */
    for (i = 0; i < len; i++) {
        h ^= (unsigned char) p[i];
        h *= 0x100000001b3ULL;
    }

    return h;
}

#define LLM_ANTHROPIC_FNV_BASIS  0xcbf29ce484222325ULL


static int
llm_anthropic_streq(const llm_str_t *s, const char *lit)
{
    size_t  n = strlen(lit);

    return s->data != NULL && s->len == n && memcmp(s->data, lit, n) == 0;
}


/* A value of key, NULL when absent or JSON null (optional fields). */
static json_t *
llm_anthropic_get(json_t *obj, const char *key)
{
    json_t  *v = json_object_get(obj, key);

    return json_is_null(v) ? NULL : v;
}


static int
llm_anthropic_int(json_t *v, int64_t *out)
{
    double  d;

    if (json_is_integer(v)) {
        *out = json_integer_value(v);
        return 0;
    }

    /* 1024.0 is an integer to the API's validator too */
    if (json_is_real(v)) {
        d = json_real_value(v);
        if (d >= -9.0e15 && d <= 9.0e15 && d == (double) (int64_t) d) {
            *out = (int64_t) d;
            return 0;
        }
    }

    return -1;
}


/* A required string member, with the API's wording when it is not. */
static int
llm_anthropic_req_str(json_t *obj, const char *key, const char *path,
    llm_str_t *out, llm_error_t *err)
{
    json_t  *v = json_object_get(obj, key);

    if (v == NULL) {
        return llm_anthropic_bad(err, "%s.%s: Field required", path, key);
    }

    if (llm_json_str(v, out) != 0) {
        return llm_anthropic_bad(err, "%s.%s: Input should be a valid string",
                                 path, key);
    }

    return 0;
}


/* An optional string member: 0 absent or string, -1 wrong type. */
static int
llm_anthropic_opt_str(json_t *obj, const char *key, const char *path,
    llm_str_t *out, llm_error_t *err)
{
    json_t  *v = llm_anthropic_get(obj, key);

    if (v == NULL) {
        return 0;
    }

    if (llm_json_str(v, out) != 0) {
        return llm_anthropic_bad(err, "%s%s%s: Input should be a valid string",
                                 path, path[0] ? "." : "", key);
    }

    return 0;
}


static int
llm_anthropic_opt_bool(json_t *obj, const char *key, const char *path,
    int *out, llm_error_t *err)
{
    json_t  *v = llm_anthropic_get(obj, key);

    if (v == NULL) {
        return 0;
    }

    if (!json_is_boolean(v)) {
        return llm_anthropic_bad(err,
                                 "%s%s%s: Input should be a valid boolean",
                                 path, path[0] ? "." : "", key);
    }

    *out = json_is_true(v);
    return 0;
}


/* shared pieces (llm_anthropic.h) */


int
llm_anthropic_image_type_ok(const llm_str_t *t)
{
    return llm_anthropic_streq(t, "image/jpeg")
           || llm_anthropic_streq(t, "image/png")
           || llm_anthropic_streq(t, "image/gif")
           || llm_anthropic_streq(t, "image/webp");
}


void
llm_anthropic_unwrap_signature(llm_str_t *sig, llm_dialect_e *origin)
{
    const char     *p, *end;
    llm_dialect_e   d;

    if (sig->data == NULL || sig->len == 0) {
        *origin = LLM_DIALECT_NONE;
        return;
    }

    *origin = LLM_DIALECT_ANTHROPIC;

    if (sig->len < 5 || memcmp(sig->data, "llm:", 4) != 0) {
        return;
    }

    p = sig->data + 4;
    end = memchr(p, ':', sig->len - 4);
    if (end == NULL) {
        return;
    }

    d = llm_dialect_from_name(p, end - p);
    if (d == LLM_DIALECT_NONE) {
        return;
    }

    *origin = d;
    sig->len -= end + 1 - sig->data;
    sig->data = end + 1;
}


llm_str_t
llm_anthropic_signature(llm_arena_t *a, const llm_block_t *b)
{
    char        *p;
    size_t       len;
    llm_str_t    s;
    const char  *name;

    s.data = "";
    s.len = 0;

    if (b->signature.data == NULL || b->signature.len == 0) {
        return s;
    }

    if (b->signature_origin == LLM_DIALECT_ANTHROPIC
        || b->signature_origin == LLM_DIALECT_NONE)
    {
        return b->signature;
    }

    name = llm_dialect_name(b->signature_origin);
    len = 4 + strlen(name) + 1 + b->signature.len;

    p = llm_arena_alloc(a, len + 1);
    if (p == NULL) {
        return s;
    }

    snprintf(p, len + 1, "llm:%s:", name);
    memcpy(p + len - b->signature.len, b->signature.data, b->signature.len);
    p[len] = '\0';

    s.data = p;
    s.len = len;
    return s;
}


static const struct {
    const char      *type;
    llm_err_kind_e   kind;
} llm_anthropic_errors[] = {
    { "invalid_request_error", LLM_ERR_INVALID_REQUEST },
    { "authentication_error", LLM_ERR_AUTHENTICATION },
    { "permission_error", LLM_ERR_PERMISSION },
    { "not_found_error", LLM_ERR_NOT_FOUND },
    { "request_too_large", LLM_ERR_TOO_LARGE },
    { "rate_limit_error", LLM_ERR_RATE_LIMIT },
    { "billing_error", LLM_ERR_QUOTA },
    { "api_error", LLM_ERR_SERVER },
    { "overloaded_error", LLM_ERR_OVERLOADED },
    { "timeout_error", LLM_ERR_TIMEOUT },
    { NULL, LLM_ERR_NONE }
};


const char *
llm_anthropic_error_type(llm_err_kind_e kind)
{
    size_t  i;

    for (i = 0; llm_anthropic_errors[i].type; i++) {
        if (llm_anthropic_errors[i].kind == kind) {
            return llm_anthropic_errors[i].type;
        }
    }

    /* BAD_GATEWAY and anything unknown: a server-side failure */
    return "api_error";
}


llm_err_kind_e
llm_anthropic_error_kind(const char *type, int status)
{
    size_t  i;

    for (i = 0; type && llm_anthropic_errors[i].type; i++) {
        if (strcmp(llm_anthropic_errors[i].type, type) == 0) {
            /* invalid_request_error also covers other 4xx statuses */
            if (llm_anthropic_errors[i].kind == LLM_ERR_INVALID_REQUEST
                && status > 400 && status < 500)
            {
                return llm_err_kind_from_status(status);
            }
            return llm_anthropic_errors[i].kind;
        }
    }

    return llm_err_kind_from_status(status);
}


llm_str_t
llm_anthropic_message_id(llm_arena_t *a, const llm_str_t *id,
    const llm_str_t *seed, int64_t now)
{
    char       *p;
    uint64_t    h;
    llm_str_t   s;

    if (id->data && id->len >= 4 && memcmp(id->data, "msg_", 4) == 0) {
        return *id;
    }

    s.data = "msg_";
    s.len = 4;

    if (id->data && id->len) {
        p = llm_arena_alloc(a, id->len + 5);
        if (p == NULL) {
            return s;
        }
        memcpy(p, "msg_", 4);
        memcpy(p + 4, id->data, id->len);
        p[id->len + 4] = '\0';
        s.data = p;
        s.len = id->len + 4;
        return s;
    }

    p = llm_arena_alloc(a, 4 + 24 + 1);
    if (p == NULL) {
        return s;
    }

    h = llm_anthropic_hash((const char *) &now, sizeof(now),
                           LLM_ANTHROPIC_FNV_BASIS);
    if (seed && seed->data) {
        h = llm_anthropic_hash(seed->data, seed->len, h);
    }

    snprintf(p, 4 + 24 + 1, "msg_%08llx%016llx",
             (unsigned long long) (h >> 32), (unsigned long long) h);
    s.data = p;
    s.len = 4 + 24;
    return s;
}


int
llm_anthropic_block_from_json(json_t *j, llm_block_t *b)
{
    json_t      *input;
    const char  *type;

    if (!json_is_object(j)) {
        return -1;
    }

    type = json_string_value(json_object_get(j, "type"));
    if (type == NULL) {
        return -1;
    }

    memset(b, 0, sizeof(llm_block_t));

    if (strcmp(type, "text") == 0) {
        b->kind = LLM_BLOCK_TEXT;
        return llm_json_str(json_object_get(j, "text"), &b->text);
    }

    if (strcmp(type, "tool_use") == 0) {
        b->kind = LLM_BLOCK_TOOL_CALL;
        if (llm_json_str(json_object_get(j, "id"), &b->id) != 0
            || llm_json_str(json_object_get(j, "name"), &b->name) != 0)
        {
            return -1;
        }

        input = json_object_get(j, "input");
        if (input != NULL && !json_is_object(input)) {
            return -1;
        }
        /* borrowed: the response document outlives the IR */
        b->args = input;
        return 0;
    }

    if (strcmp(type, "thinking") == 0) {
        b->kind = LLM_BLOCK_REASONING;
        if (llm_json_str(json_object_get(j, "thinking"), &b->text) != 0) {
            return -1;
        }
        (void) llm_json_str(json_object_get(j, "signature"), &b->signature);
        b->signature_origin = b->signature.len ? LLM_DIALECT_ANTHROPIC
                                               : LLM_DIALECT_NONE;
        return 0;
    }

    if (strcmp(type, "redacted_thinking") == 0) {
        b->kind = LLM_BLOCK_REDACTED_REASONING;
        b->signature_origin = LLM_DIALECT_ANTHROPIC;
        return llm_json_str(json_object_get(j, "data"), &b->data);
    }

    /* server tool blocks and future types: no IR form */
    return 1;
}


json_t *
llm_anthropic_parse_args(const llm_str_t *s)
{
    size_t   i;
    json_t  *j;

    for (i = 0; i < s->len; i++) {
        if (s->data[i] != ' ' && s->data[i] != '\t' && s->data[i] != '\n'
            && s->data[i] != '\r')
        {
            break;
        }
    }

    /* OpenAI servers send "" for a call without arguments */
    if (s->data == NULL || i == s->len) {
        return json_object();
    }

    j = llm_json_loadb(s->data, s->len, JSON_REJECT_DUPLICATES, NULL);
    if (j != NULL && !json_is_object(j)) {
        json_decref(j);
        return NULL;
    }

    return j;
}


json_t *
llm_anthropic_block_to_json(llm_arena_t *a, const llm_block_t *b,
    llm_warnings_t *w)
{
    json_t     *input;
    llm_str_t   sig, data;

    switch (b->kind) {

    case LLM_BLOCK_TEXT:
        if (b->text.len == 0) {
            return NULL;
        }
        return llm_json_obj("type", llm_json_lit("text"),
                            "text", llm_json_strn(&b->text), NULL);

    case LLM_BLOCK_TOOL_CALL:
        if (b->args != NULL && json_is_object(b->args)) {
            input = json_incref(b->args);

        } else {
            input = llm_anthropic_parse_args(&b->args_json);
            if (input == NULL) {
                /* the model wrote broken JSON (often cut by max_tokens):
                 * the client still gets a well-formed tool_use */
                llm_warn(w, "tool_arguments:invalid");
                input = json_object();
            }
        }

        return llm_json_obj("type", llm_json_lit("tool_use"),
                            "id", llm_json_strn(&b->id),
                            "name", llm_json_strn(&b->name),
                            "input", input, NULL);

    case LLM_BLOCK_REASONING:
        sig = llm_anthropic_signature(a, b);
        return llm_json_obj("type", llm_json_lit("thinking"),
                            "thinking", llm_json_strn(&b->text),
                            "signature", llm_json_strn(&sig), NULL);

    case LLM_BLOCK_REDACTED_REASONING:
        data = b->data;
        if (b->signature_origin != LLM_DIALECT_ANTHROPIC
            && b->signature_origin != LLM_DIALECT_NONE)
        {
            /* same wrapping as signatures: opaque data is provider-bound */
            llm_block_t  t = *b;

            t.signature = b->data;
            data = llm_anthropic_signature(a, &t);
        }
        return llm_json_obj("type", llm_json_lit("redacted_thinking"),
                            "data", llm_json_strn(&data), NULL);

    default:
        return NULL;
    }
}


/* parse_request */


static int llm_anthropic_parse_content(llm_arena_t *a, json_t *content,
    const char *path, int nested, llm_block_t **blocks, size_t *nblocks,
    llm_error_t *err, llm_warnings_t *w);


static int
llm_anthropic_parse_image(json_t *j, const char *path, llm_block_t *b,
    llm_error_t *err, llm_warnings_t *w)
{
    json_t      *src;
    const char  *type;
    char         sub[LLM_ANTHROPIC_PATH_MAX];

    llm_path_format(sub, sizeof(sub), "%.100s.source", path);

    src = json_object_get(j, "source");
    if (src == NULL) {
        return llm_anthropic_bad(err, "%s: Field required", sub);
    }
    if (!json_is_object(src)) {
        return llm_anthropic_bad(err, "%s: Input should be a valid "
                                 "dictionary or object", sub);
    }

    b->kind = LLM_BLOCK_IMAGE;
    type = json_string_value(json_object_get(src, "type"));

    if (type && strcmp(type, "base64") == 0) {
        if (llm_anthropic_req_str(src, "media_type", sub, &b->media_type,
                                  err) != 0
            || llm_anthropic_req_str(src, "data", sub, &b->data, err) != 0)
        {
            return -1;
        }
        if (!llm_anthropic_image_type_ok(&b->media_type)) {
            return llm_anthropic_bad(err, "%s.media_type: Input should be "
                                     "'image/jpeg', 'image/png', "
                                     "'image/gif' or 'image/webp'", sub);
        }
        return 0;
    }

    if (type && strcmp(type, "url") == 0) {
        return llm_anthropic_req_str(src, "url", sub, &b->url, err);
    }

    if (type && strcmp(type, "file") == 0) {
        /* a Files API id means nothing to another provider */
        llm_warn(w, "image:dropped");
        return 1;
    }

    return llm_anthropic_bad(err, "%s.type: Input should be 'base64', "
                             "'url' or 'file'", sub);
}


static int
llm_anthropic_parse_tool_result(llm_arena_t *a, json_t *j, const char *path,
    llm_block_t *b, llm_error_t *err, llm_warnings_t *w)
{
    int      is_error;
    json_t  *content;
    char     sub[LLM_ANTHROPIC_PATH_MAX];

    b->kind = LLM_BLOCK_TOOL_RESULT;

    if (llm_anthropic_req_str(j, "tool_use_id", path, &b->call_id, err)
        != 0)
    {
        return -1;
    }

    is_error = 0;
    if (llm_anthropic_opt_bool(j, "is_error", path, &is_error, err) != 0) {
        return -1;
    }
    b->is_error = is_error ? 1 : 0;

    content = llm_anthropic_get(j, "content");
    if (content == NULL) {
        return 0;
    }

    llm_path_format(sub, sizeof(sub), "%.100s.content", path);

    return llm_anthropic_parse_content(a, content, sub, 1, &b->content,
                                       &b->ncontent, err, w);
}


/* One request content block: 0 parsed, 1 skip it, -1 error. */
static int
llm_anthropic_parse_block(llm_arena_t *a, json_t *j, const char *path,
    int nested, llm_block_t *b, llm_error_t *err, llm_warnings_t *w)
{
    json_t      *input;
    const char  *type;

    if (!json_is_object(j)) {
        return llm_anthropic_bad(err, "%s: Input should be a valid "
                                 "dictionary or object", path);
    }

    type = json_string_value(json_object_get(j, "type"));
    if (type == NULL) {
        return llm_anthropic_bad(err, "%s.type: Field required", path);
    }

    if (strcmp(type, "text") == 0) {
        b->kind = LLM_BLOCK_TEXT;
        return llm_anthropic_req_str(j, "text", path, &b->text, err);
    }

    if (strcmp(type, "image") == 0) {
        return llm_anthropic_parse_image(j, path, b, err, w);
    }

    if (nested) {
        /* documents, search results inside a tool result */
        llm_warn(w, "content:dropped");
        return 1;
    }

    if (strcmp(type, "tool_use") == 0) {
        b->kind = LLM_BLOCK_TOOL_CALL;
        if (llm_anthropic_req_str(j, "id", path, &b->id, err) != 0
            || llm_anthropic_req_str(j, "name", path, &b->name, err) != 0)
        {
            return -1;
        }

        input = json_object_get(j, "input");
        if (input == NULL) {
            return llm_anthropic_bad(err, "%s.input: Field required", path);
        }
        if (!json_is_object(input)) {
            return llm_anthropic_bad(err, "%s.input: Input should be a valid "
                                     "dictionary", path);
        }
        b->args = input;
        return 0;
    }

    if (strcmp(type, "tool_result") == 0) {
        return llm_anthropic_parse_tool_result(a, j, path, b, err, w);
    }

    if (strcmp(type, "thinking") == 0) {
        b->kind = LLM_BLOCK_REASONING;
        if (llm_anthropic_req_str(j, "thinking", path, &b->text, err) != 0
            || llm_anthropic_req_str(j, "signature", path, &b->signature,
                                     err) != 0)
        {
            return -1;
        }
        llm_anthropic_unwrap_signature(&b->signature, &b->signature_origin);
        return 0;
    }

    if (strcmp(type, "redacted_thinking") == 0) {
        b->kind = LLM_BLOCK_REDACTED_REASONING;
        if (llm_anthropic_req_str(j, "data", path, &b->data, err) != 0) {
            return -1;
        }
        llm_anthropic_unwrap_signature(&b->data, &b->signature_origin);
        return 0;
    }

    /* documents, server tool blocks, new types: valid for the API, but
     * the IR has no form for them */
    llm_warn(w, llm_anthropic_dropped(type, strlen(type)));
    return 1;
}


static int
llm_anthropic_parse_content(llm_arena_t *a, json_t *content,
    const char *path, int nested, llm_block_t **blocks, size_t *nblocks,
    llm_error_t *err, llm_warnings_t *w)
{
    int           rc;
    char          sub[LLM_ANTHROPIC_PATH_MAX];
    size_t        i, n;
    json_t       *j;
    llm_block_t  *out;

    *blocks = NULL;
    *nblocks = 0;

    if (json_is_string(content)) {
        out = llm_arena_calloc(a, 1, sizeof(llm_block_t));
        if (out == NULL) {
            return llm_anthropic_oom(err);
        }
        out->kind = LLM_BLOCK_TEXT;
        (void) llm_json_str(content, &out->text);
        *blocks = out;
        *nblocks = 1;
        return 0;
    }

    if (!json_is_array(content)) {
        return llm_anthropic_bad(err, "%s: Input should be a valid string "
                                 "or list", path);
    }

    n = json_array_size(content);
    if (n == 0) {
        return 0;
    }

    out = llm_arena_calloc(a, n, sizeof(llm_block_t));
    if (out == NULL) {
        return llm_anthropic_oom(err);
    }

    json_array_foreach(content, i, j) {
        llm_path_format(sub, sizeof(sub), "%.100s.%zu", path, i);

        rc = llm_anthropic_parse_block(a, j, sub, nested, &out[*nblocks],
                                       err, w);
        if (rc < 0) {
            return -1;
        }
        if (rc > 0) {
            memset(&out[*nblocks], 0, sizeof(llm_block_t));
            continue;
        }
        (*nblocks)++;
    }

    *blocks = out;
    return 0;
}


static int
llm_anthropic_parse_system(llm_arena_t *a, json_t *v, llm_request_t *req,
    llm_error_t *err)
{
    size_t          i, n;
    json_t         *j;
    llm_str_t       text;
    const char     *type;
    llm_block_t    *b;
    llm_message_t  *m;

    if (json_is_string(v)) {
        if (json_string_length(v) == 0) {
            return 0;
        }
        n = 1;

    } else if (json_is_array(v)) {
        n = json_array_size(v);
        if (n == 0) {
            return 0;
        }

    } else {
        return llm_anthropic_bad(err, "system: Input should be a valid "
                                 "string or list");
    }

    req->system = llm_arena_calloc(a, n, sizeof(llm_message_t));
    b = llm_arena_calloc(a, n, sizeof(llm_block_t));
    if (req->system == NULL || b == NULL) {
        return llm_anthropic_oom(err);
    }

    if (json_is_string(v)) {
        b->kind = LLM_BLOCK_TEXT;
        (void) llm_json_str(v, &b->text);
        req->system[0].role = LLM_ROLE_SYSTEM;
        req->system[0].blocks = b;
        req->system[0].nblocks = 1;
        req->nsystem = 1;
        return 0;
    }

    /* one IR system message per block keeps the split (and an emitter's
     * chance to keep per-block caching) */
    json_array_foreach(v, i, j) {
        if (!json_is_object(j)) {
            return llm_anthropic_bad(err, "system.%zu: Input should be a "
                                     "valid dictionary or object", i);
        }
        type = json_string_value(json_object_get(j, "type"));
        if (type == NULL || strcmp(type, "text") != 0) {
            return llm_anthropic_bad(err, "system.%zu.type: Input should be "
                                     "'text'", i);
        }
        if (llm_json_str(json_object_get(j, "text"), &text) != 0) {
            return llm_anthropic_bad(err, "system.%zu.text: Input should be "
                                     "a valid string", i);
        }

        b[i].kind = LLM_BLOCK_TEXT;
        b[i].text = text;
        m = &req->system[req->nsystem++];
        m->role = LLM_ROLE_SYSTEM;
        m->blocks = &b[i];
        m->nblocks = 1;
    }

    return 0;
}


static int
llm_anthropic_parse_messages(llm_arena_t *a, json_t *v, llm_request_t *req,
    llm_error_t *err, llm_warnings_t *w)
{
    char            path[LLM_ANTHROPIC_PATH_MAX];
    size_t          i, n;
    json_t         *j, *content;
    const char     *role;
    llm_message_t  *m;

    if (v == NULL) {
        return llm_anthropic_bad(err, "messages: Field required");
    }
    if (!json_is_array(v)) {
        return llm_anthropic_bad(err, "messages: Input should be a valid "
                                 "list");
    }

    n = json_array_size(v);
    if (n == 0) {
        return llm_anthropic_bad(err, "messages: at least one message is "
                                 "required");
    }

    req->messages = llm_arena_calloc(a, n, sizeof(llm_message_t));
    if (req->messages == NULL) {
        return llm_anthropic_oom(err);
    }

    json_array_foreach(v, i, j) {
        if (!json_is_object(j)) {
            return llm_anthropic_bad(err, "messages.%zu: Input should be a "
                                     "valid dictionary or object", i);
        }

        m = &req->messages[i];

        role = json_string_value(json_object_get(j, "role"));
        if (role == NULL) {
            return llm_anthropic_bad(err, json_object_get(j, "role")
                                     ? "messages.%zu.role: Input should be "
                                       "a valid string"
                                     : "messages.%zu.role: Field required",
                                     i);
        }

        if (strcmp(role, "user") == 0) {
            m->role = LLM_ROLE_USER;

        } else if (strcmp(role, "assistant") == 0) {
            m->role = LLM_ROLE_ASSISTANT;

        } else if (strcmp(role, "system") == 0) {
            return llm_anthropic_bad(err, "messages.%zu.role: Unexpected "
                                     "role \"system\". The Messages API "
                                     "accepts a top-level `system` "
                                     "parameter, not \"system\" as an input "
                                     "message role.", i);

        } else {
            return llm_anthropic_bad(err, "messages.%zu.role: Input should "
                                     "be 'user' or 'assistant'", i);
        }

        content = json_object_get(j, "content");
        if (content == NULL) {
            return llm_anthropic_bad(err, "messages.%zu.content: Field "
                                     "required", i);
        }

        /* "" is refused by the API too, but long passed through here */
        if (json_is_array(content) && json_array_size(content) == 0
            && !(m->role == LLM_ROLE_ASSISTANT && i == n - 1))
        {
            return llm_anthropic_bad(err, "messages.%zu: all messages must "
                                     "have non-empty content except for "
                                     "the optional final assistant "
                                     "message", i);
        }

        llm_path_format(path, sizeof(path), "messages.%zu.content", i);

        if (llm_anthropic_parse_content(a, content, path, 0, &m->blocks,
                                        &m->nblocks, err, w)
            != 0)
        {
            return -1;
        }
    }

    req->nmessages = n;
    return 0;
}


static int
llm_anthropic_parse_tools(llm_arena_t *a, json_t *v, llm_request_t *req,
    llm_error_t *err, llm_warnings_t *w)
{
    int          strict;
    char         path[LLM_ANTHROPIC_PATH_MAX];
    size_t       i, n;
    json_t      *j, *schema;
    const char  *type;
    llm_tool_t  *t;

    if (!json_is_array(v)) {
        return llm_anthropic_bad(err, "tools: Input should be a valid list");
    }

    n = json_array_size(v);
    if (n == 0) {
        return 0;
    }

    req->tools = llm_arena_calloc(a, n, sizeof(llm_tool_t));
    if (req->tools == NULL) {
        return llm_anthropic_oom(err);
    }

    json_array_foreach(v, i, j) {
        llm_path_format(path, sizeof(path), "tools.%zu", i);

        if (!json_is_object(j)) {
            return llm_anthropic_bad(err, "%s: Input should be a valid "
                                     "dictionary or object", path);
        }

        /* server tools (web_search_20250305, bash_..., ...) carry a
         * versioned type and have no counterpart elsewhere */
        type = json_string_value(llm_anthropic_get(j, "type"));
        if (!llm_anthropic_tool_kept(type, type ? strlen(type) : 0)) {
            llm_warn(w, "tools:dropped");
            continue;
        }

        t = &req->tools[req->ntools];

        if (llm_anthropic_req_str(j, "name", path, &t->name, err) != 0
            || llm_anthropic_opt_str(j, "description", path, &t->description,
                                     err) != 0)
        {
            return -1;
        }

        schema = json_object_get(j, "input_schema");
        if (schema == NULL) {
            return llm_anthropic_bad(err, "%s.input_schema: Field required",
                                     path);
        }
        if (!json_is_object(schema)) {
            return llm_anthropic_bad(err, "%s.input_schema: Input should be "
                                     "a valid dictionary", path);
        }
        t->schema = schema;

        strict = 0;
        if (llm_anthropic_opt_bool(j, "strict", path, &strict, err) != 0) {
            return -1;
        }
        t->strict = strict ? 1 : 0;

        req->ntools++;
    }

    return 0;
}


static int
llm_anthropic_parse_tool_choice(json_t *v, llm_request_t *req,
    llm_error_t *err)
{
    int          dp;
    const char  *type;

    if (!json_is_object(v)) {
        return llm_anthropic_bad(err, "tool_choice: Input should be a valid "
                                 "dictionary or object");
    }

    type = json_string_value(json_object_get(v, "type"));
    if (type == NULL) {
        return llm_anthropic_bad(err, "tool_choice.type: Field required");
    }

    req->tool_choice = llm_anthropic_choice_type(type, strlen(type));

    if (req->tool_choice == LLM_TOOL_CHOICE_UNSET) {
        return llm_anthropic_bad(err, "tool_choice.type: Input should be "
                                 "'auto', 'any', 'tool' or 'none'");
    }

    if (req->tool_choice == LLM_TOOL_CHOICE_NAMED
        && llm_anthropic_req_str(v, "name", "tool_choice",
                                 &req->tool_choice_name, err) != 0)
    {
        return -1;
    }

    dp = -1;
    if (llm_anthropic_opt_bool(v, "disable_parallel_tool_use", "tool_choice",
                               &dp, err) != 0)
    {
        return -1;
    }
    if (dp != -1) {
        req->parallel_tool_calls = dp ? 0 : 1;
    }

    return 0;
}


static int
llm_anthropic_parse_thinking(json_t *v, llm_request_t *req, llm_error_t *err)
{
    json_t          *budget;
    int64_t          n;
    const char      *type;
    llm_thinking_e   mode;

    if (!json_is_object(v)) {
        return llm_anthropic_bad(err, "thinking: Input should be a valid "
                                 "dictionary or object");
    }

    type = json_string_value(json_object_get(v, "type"));
    if (type == NULL) {
        return llm_anthropic_bad(err, "thinking.type: Field required");
    }

    mode = llm_anthropic_thinking_type(type, strlen(type));

    if (mode == LLM_THINKING_DISABLED || mode == LLM_THINKING_ADAPTIVE) {
        req->thinking = mode;
        return 0;
    }

    if (mode != LLM_THINKING_ENABLED) {
        return llm_anthropic_bad(err, "thinking.type: Input should be "
                                 "'enabled', 'disabled' or 'adaptive'");
    }

    budget = json_object_get(v, "budget_tokens");
    if (budget == NULL) {
        return llm_anthropic_bad(err, "thinking.enabled.budget_tokens: "
                                 "Field required");
    }
    if (llm_anthropic_int(budget, &n) != 0) {
        return llm_anthropic_bad(err, "thinking.enabled.budget_tokens: "
                                 "Input should be a valid integer");
    }
    if (n < LLM_ANTHROPIC_MIN_BUDGET) {
        return llm_anthropic_bad(err, "thinking.enabled.budget_tokens: "
                                 "Input should be greater than or equal "
                                 "to %d", LLM_ANTHROPIC_MIN_BUDGET);
    }

    req->thinking = LLM_THINKING_ENABLED;
    req->thinking_budget = n;
    return 0;
}


static int
llm_anthropic_parse_format(json_t *v, const char *path, llm_request_t *req,
    llm_error_t *err)
{
    json_t      *schema;
    const char  *type;

    if (!json_is_object(v)) {
        return llm_anthropic_bad(err, "%s: Input should be a valid "
                                 "dictionary or object", path);
    }

    type = json_string_value(json_object_get(v, "type"));
    if (type == NULL || strcmp(type, "json_schema") != 0) {
        return llm_anthropic_bad(err, "%s.type: Input should be "
                                 "'json_schema'", path);
    }

    schema = json_object_get(v, "schema");
    if (!json_is_object(schema)) {
        return llm_anthropic_bad(err, "%s.schema: Input should be a valid "
                                 "dictionary", path);
    }

    req->format = LLM_FORMAT_JSON_SCHEMA;
    req->format_schema = schema;
    return 0;
}


static int
llm_anthropic_parse_output_config(json_t *v, llm_request_t *req,
    llm_error_t *err)
{
    json_t      *effort, *format;
    const char  *s;

    if (!json_is_object(v)) {
        return llm_anthropic_bad(err, "output_config: Input should be a "
                                 "valid dictionary or object");
    }

    effort = llm_anthropic_get(v, "effort");
    if (effort != NULL) {
        s = json_string_value(effort);
        req->effort = llm_effort_from_name(s);
        if (!llm_anthropic_effort_ok(req->effort)) {
            req->effort = LLM_EFFORT_UNSET;
            return llm_anthropic_bad(err, "output_config.effort: Input "
                                     "should be 'low', 'medium', 'high', "
                                     "'xhigh' or 'max'");
        }
    }

    format = llm_anthropic_get(v, "format");
    if (format != NULL) {
        return llm_anthropic_parse_format(format, "output_config.format",
                                          req, err);
    }

    return 0;
}


/*
 * The fields of the Messages API (LLM_ANTHROPIC_FIELDS, in
 * llm_anthropic_int.h) by name: llm_anthropic_check_fields() looks every
 * field of the body up here once, and the parser reads the values by
 * index instead of hashing each key again.
 */
static const char  *llm_anthropic_fields[] = {
    LLM_ANTHROPIC_FIELDS(LLM_ANTHROPIC_FIELD_NAME)
    NULL
};


/* A top-level field, NULL when absent or JSON null (llm_anthropic_get) */
#define llm_anthropic_field(f, k)                                            \
    (json_is_null((f)[LLM_ANTHROPIC_F_##k]) ? NULL : (f)[LLM_ANTHROPIC_F_##k])


static int
llm_anthropic_parse_sampling(json_t *body, json_t **f, llm_request_t *req,
    llm_error_t *err)
{
    int      stream;
    char     path[LLM_ANTHROPIC_PATH_MAX];
    size_t   i;
    json_t  *v, *s;

    if ((v = llm_anthropic_field(f, temperature))) {
        if (!json_is_number(v)) {
            return llm_anthropic_bad(err, "temperature: Input should be a "
                                     "valid number");
        }
        req->temperature = json_number_value(v);
        req->has_temperature = 1;
    }

    if ((v = llm_anthropic_field(f, top_p))) {
        if (!json_is_number(v)) {
            return llm_anthropic_bad(err, "top_p: Input should be a valid "
                                     "number");
        }
        req->top_p = json_number_value(v);
        req->has_top_p = 1;
    }

    if ((v = llm_anthropic_field(f, top_k))) {
        if (llm_anthropic_int(v, &req->top_k) != 0) {
            return llm_anthropic_bad(err, "top_k: Input should be a valid "
                                     "integer");
        }
        if (req->top_k < 0) {
            return llm_anthropic_bad(err, "top_k: Input should be greater "
                                     "than or equal to 0");
        }
        req->has_top_k = 1;
    }

    if ((v = llm_anthropic_field(f, stop_sequences))) {
        if (!json_is_array(v)) {
            return llm_anthropic_bad(err, "stop_sequences: Input should be a "
                                     "valid list");
        }
        json_array_foreach(v, i, s) {
            if (!json_is_string(s)) {
                llm_path_format(path, sizeof(path), "stop_sequences.%zu", i);
                return llm_anthropic_bad(err, "%s: Input should be a valid "
                                         "string", path);
            }
        }
        /* caller allocates req->stop */
    }

    stream = 0;
    if (llm_anthropic_opt_bool(body, "stream", "", &stream, err) != 0) {
        return -1;
    }
    req->stream = stream ? 1 : 0;

    return 0;
}


/* f[]: the value of every known field, NULL when absent */
static int
llm_anthropic_check_fields(json_t *body, json_t **f, llm_error_t *err)
{
    size_t       i;
    json_t      *v;
    const char  *key;

    memset(f, 0, LLM_ANTHROPIC_NFIELDS * sizeof(json_t *));

    json_object_foreach(body, key, v) {
        for (i = 0; llm_anthropic_fields[i]; i++) {
            /* the first byte rules out most names without a call */
            if (key[0] == llm_anthropic_fields[i][0]
                && strcmp(key, llm_anthropic_fields[i]) == 0)
            {
                break;
            }
        }

        if (llm_anthropic_fields[i] == NULL) {
            return llm_anthropic_bad(err, "%.200s: Extra inputs are not "
                                     "permitted", key);
        }

        f[i] = v;
    }

    return 0;
}


/* the types of the fields no emitter reads */
static int
llm_anthropic_check_extras(json_t **f, llm_error_t *err)
{
    size_t   i;
    json_t  *v, *e;

    static const llm_anthropic_field_e  strings[] = {
        LLM_ANTHROPIC_F_service_tier, LLM_ANTHROPIC_F_speed,
        LLM_ANTHROPIC_F_inference_geo
    };
    static const llm_anthropic_field_e  objects[] = {
        LLM_ANTHROPIC_F_cache_control, LLM_ANTHROPIC_F_context_management
    };

    for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
        v = json_is_null(f[strings[i]]) ? NULL : f[strings[i]];
        if (v && !json_is_string(v)) {
            return llm_anthropic_bad(err, "%s: Input should be a valid "
                                     "string",
                                     llm_anthropic_fields[strings[i]]);
        }
    }

    for (i = 0; i < sizeof(objects) / sizeof(objects[0]); i++) {
        v = json_is_null(f[objects[i]]) ? NULL : f[objects[i]];
        if (v && !json_is_object(v)) {
            return llm_anthropic_bad(err, "%s: Input should be a valid "
                                     "dictionary or object",
                                     llm_anthropic_fields[objects[i]]);
        }
    }

    v = llm_anthropic_field(f, container);
    if (v && !json_is_string(v) && !json_is_object(v)) {
        return llm_anthropic_bad(err, "container: Input should be a valid "
                                 "string");
    }

    v = llm_anthropic_field(f, mcp_servers);
    if (v) {
        if (!json_is_array(v)) {
            return llm_anthropic_bad(err, "mcp_servers: Input should be a "
                                     "valid list");
        }
        json_array_foreach(v, i, e) {
            if (!json_is_object(e)) {
                return llm_anthropic_bad(err, "mcp_servers.%zu: Input "
                                         "should be a valid dictionary or "
                                         "object", i);
            }
        }
    }

    return 0;
}


static int
llm_anthropic_parse_request(llm_arena_t *a, json_t *body, llm_request_t *req,
    llm_error_t *err, llm_warnings_t *w)
{
    size_t   i;
    json_t  *v, *f[LLM_ANTHROPIC_NFIELDS];

    req->parallel_tool_calls = -1;

    if (llm_anthropic_check_fields(body, f, err) != 0) {
        return -1;
    }

    v = llm_anthropic_field(f, model);
    if (v != NULL) {
        if (llm_json_str(v, &req->model) != 0) {
            return llm_anthropic_bad(err, "model: Input should be a valid "
                                     "string");
        }

    } else if (req->model.len == 0) {
        return llm_anthropic_bad(err, "model: Field required");
    }

    /* the API requires it; 0 is legal (cache pre-warming) */
    v = f[LLM_ANTHROPIC_F_max_tokens];
    if (v == NULL) {
        return llm_anthropic_bad(err, "max_tokens: Field required");
    }
    if (llm_anthropic_int(v, &req->max_tokens) != 0) {
        return llm_anthropic_bad(err, "max_tokens: Input should be a valid "
                                 "integer");
    }
    if (req->max_tokens < 0) {
        return llm_anthropic_bad(err, "max_tokens: Input should be greater "
                                 "than or equal to 0");
    }
    req->has_max_tokens = 1;

    if ((v = llm_anthropic_field(f, system))
        && llm_anthropic_parse_system(a, v, req, err) != 0)
    {
        return -1;
    }

    if (llm_anthropic_parse_messages(a, f[LLM_ANTHROPIC_F_messages],
                                     req, err, w)
        != 0)
    {
        return -1;
    }

    if (llm_anthropic_parse_sampling(body, f, req, err) != 0) {
        return -1;
    }

    v = llm_anthropic_field(f, stop_sequences);
    if (v != NULL && json_array_size(v)) {
        req->stop = llm_arena_calloc(a, json_array_size(v),
                                     sizeof(llm_str_t));
        if (req->stop == NULL) {
            return llm_anthropic_oom(err);
        }
        for (i = 0; i < json_array_size(v); i++) {
            (void) llm_json_str(json_array_get(v, i), &req->stop[i]);
        }
        req->nstop = json_array_size(v);
    }

    if ((v = llm_anthropic_field(f, tools))
        && llm_anthropic_parse_tools(a, v, req, err, w) != 0)
    {
        return -1;
    }

    if ((v = llm_anthropic_field(f, tool_choice))
        && llm_anthropic_parse_tool_choice(v, req, err) != 0)
    {
        return -1;
    }

    if ((v = llm_anthropic_field(f, thinking))
        && llm_anthropic_parse_thinking(v, req, err) != 0)
    {
        return -1;
    }

    if ((v = llm_anthropic_field(f, output_config))
        && llm_anthropic_parse_output_config(v, req, err) != 0)
    {
        return -1;
    }

    /* the structured-outputs beta's name for output_config.format */
    if (req->format == LLM_FORMAT_UNSET
        && (v = llm_anthropic_field(f, output_format))
        && llm_anthropic_parse_format(v, "output_format", req, err) != 0)
    {
        return -1;
    }

    if ((v = llm_anthropic_field(f, metadata))) {
        if (!json_is_object(v)) {
            return llm_anthropic_bad(err, "metadata: Input should be a valid "
                                     "dictionary or object");
        }
        if (llm_anthropic_opt_str(v, "user_id", "metadata", &req->user, err)
            != 0)
        {
            return -1;
        }
    }

    return llm_anthropic_check_extras(f, err);
}


/*
 * The request check for a relayed body (llm_codec_t.check_request): the
 * rules of llm_anthropic_parse_request above, read from the bytes: user
 * and assistant turns of a string or blocks (text, image, tool_use,
 * tool_result, thinking, redacted_thinking; the types the parse drops
 * unread), a system prompt, tools, tool_choice, thinking, the sampling
 * fields and the extras the parse only types.  Members the parse does
 * not read (cache_control, citations, ...) are only checked as JSON,
 * every key once.  Integral reals, escaped types and keys, objects it
 * walks of more than LLM_JPULL_KEYS keys are left to the parse (-1).
 */

/* a bit per field (LLM_ANTHROPIC_F_*) notices a repeat; two more tell
 * whether output_format counts (only without output_config.format) */
typedef char  llm_anthropic_fields_fit[LLM_ANTHROPIC_NFIELDS <= 30 ? 1 : -1];

#define llm_anthropic_bit(name)  ((uint32_t) 1 << LLM_ANTHROPIC_F_##name)
#define LLM_ANTHROPIC_HAS_FORMAT  ((uint32_t) 1 << 30)
#define LLM_ANTHROPIC_BAD_FORMAT  ((uint32_t) 1 << 31)


/* What an object's type makes of its members (llm_anthropic_check_member
 * reads them); the order is that of llm_anthropic_need[]. */
typedef enum {
    LLM_ANTHROPIC_K_NONE = 0,   /* none read: a block or tool dropped */
    LLM_ANTHROPIC_K_TEXT,       /* a text block, in system too */
    LLM_ANTHROPIC_K_IMAGE,
    LLM_ANTHROPIC_K_TOOL_USE,
    LLM_ANTHROPIC_K_TOOL_RESULT,
    LLM_ANTHROPIC_K_THINKING,
    LLM_ANTHROPIC_K_REDACTED,
    LLM_ANTHROPIC_K_BASE64,     /* an image source */
    LLM_ANTHROPIC_K_URL,
    LLM_ANTHROPIC_K_TOOL,       /* a custom tool */
    LLM_ANTHROPIC_K_CHOICE,     /* tool_choice auto, any, none */
    LLM_ANTHROPIC_K_CHOICE_TOOL,
    LLM_ANTHROPIC_K_BUDGET,     /* thinking enabled */
    LLM_ANTHROPIC_K_METADATA,
    LLM_ANTHROPIC_K_OUTPUT,     /* output_config */
    LLM_ANTHROPIC_K_FORMAT      /* json_schema */
} llm_anthropic_kind_e;

/* the bits of the members each kind requires */
static const unsigned  llm_anthropic_need[] = {
    0, 1, 1, 7, 1, 3, 1, 3, 1, 5, 0, 1, 1, 0, 0, 1
};

#define LLM_ANTHROPIC_TYPE_BIT  0x80


static int llm_anthropic_check_members(llm_jpull_t *j, int kind);
static int llm_anthropic_check_object(llm_jpull_t *j, int kind);
static int llm_anthropic_check_blocks(llm_jpull_t *j, int nested,
    size_t *n);


/*
 * The type of the object at j, read ahead (the members that count
 * depend on it, and it need not come first), the reader left where it
 * was: 1 with its value, a string without escapes; 0 when it has none or
 * null; -1 for anything else.
 */
static int
llm_anthropic_check_type(llm_jpull_t *j, llm_str_t *type)
{
    int                   rc;
    size_t                i;
    llm_str_t             k;
    const unsigned char  *p;

    p = j->p;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "type")) {
            rc = llm_jpull_null(j) ? 0
                                   : (llm_jpull_plain(j, type) == 0 ? 1 : -1);
            break;
        }

        if (llm_jpull_skip(j) != 0) {
            rc = -1;
            break;
        }
    }

    j->p = p;
    return rc;
}


/* An image's source (parse_image): base64 of the four image types, a
 * url, or a Files API id (dropped by the parse). */
static int
llm_anthropic_check_source(llm_jpull_t *j)
{
    int        kind;
    llm_str_t  t;

    if (llm_anthropic_check_type(j, &t) != 1) {
        return -1;
    }

    if (llm_jpull_key_is(&t, "base64")) {
        kind = LLM_ANTHROPIC_K_BASE64;

    } else if (llm_jpull_key_is(&t, "url")) {
        kind = LLM_ANTHROPIC_K_URL;

    } else if (llm_jpull_key_is(&t, "file")) {
        kind = LLM_ANTHROPIC_K_NONE;

    } else {
        return -1;
    }

    return llm_anthropic_check_object(j, kind);
}


/* A format (parse_format): json_schema with a schema object. */
static int
llm_anthropic_check_format(llm_jpull_t *j)
{
    llm_str_t  t;

    if (llm_anthropic_check_type(j, &t) != 1
        || !llm_jpull_key_is(&t, "json_schema"))
    {
        return -1;
    }

    return llm_anthropic_check_object(j, LLM_ANTHROPIC_K_FORMAT);
}


/* A tool_result's content: null, a string or blocks (empty too). */
static int
llm_anthropic_check_result(llm_jpull_t *j)
{
    size_t  n;

    switch (llm_jpull_peek(j)) {
    case LLM_JPULL_NULL:
        return llm_jpull_null(j) ? 0 : -1;
    case LLM_JPULL_STRING:
        return llm_jpull_any_string(j);
    case LLM_JPULL_ARRAY:
        return llm_anthropic_check_blocks(j, 1, &n);
    default:
        return -1;
    }
}


/*
 * The member k of an object of kind, as the parse reads it: its bit
 * when it is one the kind reads and its value one the parse takes, -1
 * when not; 0, nothing read, when the kind does not read it.
 */
static int
llm_anthropic_check_member(llm_jpull_t *j, int kind, const llm_str_t *k)
{
    int        b;
    int64_t    v;
    llm_str_t  s;

#define LLM_ANTHROPIC_MEMBER(name, bit, test)                                \
    if (llm_jpull_key_is(k, name)) {                                         \
        return (test) ? -1 : (bit);                                          \
    }

    switch (kind) {

    case LLM_ANTHROPIC_K_TEXT:
        LLM_ANTHROPIC_MEMBER("text", 1, llm_jpull_any_string(j));
        break;

    case LLM_ANTHROPIC_K_IMAGE:
        LLM_ANTHROPIC_MEMBER("source", 1, llm_anthropic_check_source(j));
        break;

    case LLM_ANTHROPIC_K_TOOL_USE:
        LLM_ANTHROPIC_MEMBER("id", 1, llm_jpull_any_string(j));
        LLM_ANTHROPIC_MEMBER("name", 2, llm_jpull_any_string(j));
        LLM_ANTHROPIC_MEMBER("input", 4,
                             llm_jpull_peek(j) != LLM_JPULL_OBJECT
                             || llm_jpull_skip(j) != 0);
        break;

    case LLM_ANTHROPIC_K_TOOL_RESULT:
        LLM_ANTHROPIC_MEMBER("tool_use_id", 1, llm_jpull_any_string(j));
        LLM_ANTHROPIC_MEMBER("is_error", 2, llm_jpull_opt_bool(j, &b));
        LLM_ANTHROPIC_MEMBER("content", 4, llm_anthropic_check_result(j));
        break;

    case LLM_ANTHROPIC_K_THINKING:
        LLM_ANTHROPIC_MEMBER("thinking", 1, llm_jpull_any_string(j));
        LLM_ANTHROPIC_MEMBER("signature", 2, llm_jpull_any_string(j));
        break;

    case LLM_ANTHROPIC_K_REDACTED:
        LLM_ANTHROPIC_MEMBER("data", 1, llm_jpull_any_string(j));
        break;

    case LLM_ANTHROPIC_K_BASE64:
        LLM_ANTHROPIC_MEMBER("media_type", 1,
                             llm_jpull_plain(j, &s) != 0
                             || !(llm_jpull_key_is(&s, "image/jpeg")
                                  || llm_jpull_key_is(&s, "image/png")
                                  || llm_jpull_key_is(&s, "image/gif")
                                  || llm_jpull_key_is(&s, "image/webp")));
        LLM_ANTHROPIC_MEMBER("data", 2, llm_jpull_any_string(j));
        break;

    case LLM_ANTHROPIC_K_URL:
        LLM_ANTHROPIC_MEMBER("url", 1, llm_jpull_any_string(j));
        break;

    case LLM_ANTHROPIC_K_TOOL:
        LLM_ANTHROPIC_MEMBER("name", 1, llm_jpull_any_string(j));
        LLM_ANTHROPIC_MEMBER("description", 2, llm_jpull_opt_string(j));
        LLM_ANTHROPIC_MEMBER("input_schema", 4,
                             llm_jpull_peek(j) != LLM_JPULL_OBJECT
                             || llm_jpull_skip(j) != 0);
        LLM_ANTHROPIC_MEMBER("strict", 8, llm_jpull_opt_bool(j, &b));
        break;

    case LLM_ANTHROPIC_K_CHOICE_TOOL:
        LLM_ANTHROPIC_MEMBER("name", 1, llm_jpull_any_string(j));
        /* fall through */

    case LLM_ANTHROPIC_K_CHOICE:
        LLM_ANTHROPIC_MEMBER("disable_parallel_tool_use", 2,
                             llm_jpull_opt_bool(j, &b));
        break;

    case LLM_ANTHROPIC_K_BUDGET:
        /* an integral real (1024.0) the parse takes is left to it */
        LLM_ANTHROPIC_MEMBER("budget_tokens", 1,
                             llm_jpull_int(j, &v) != 0
                             || v < LLM_ANTHROPIC_MIN_BUDGET);
        break;

    case LLM_ANTHROPIC_K_METADATA:
        LLM_ANTHROPIC_MEMBER("user_id", 1, llm_jpull_opt_string(j));
        break;

    case LLM_ANTHROPIC_K_OUTPUT:
        LLM_ANTHROPIC_MEMBER("effort", 1,
                             !llm_jpull_null(j)
                             && (llm_jpull_plain(j, &s) != 0
                                 || !(llm_jpull_key_is(&s, "low")
                                      || llm_jpull_key_is(&s, "medium")
                                      || llm_jpull_key_is(&s, "high")
                                      || llm_jpull_key_is(&s, "xhigh")
                                      || llm_jpull_key_is(&s, "max"))));

        /* 4 too for a format, which makes output_format unread */
        if (llm_jpull_key_is(k, "format")) {
            if (llm_jpull_null(j)) {
                return 2;
            }
            return llm_anthropic_check_format(j) == 0 ? 2 | 4 : -1;
        }
        break;

    case LLM_ANTHROPIC_K_FORMAT:
        LLM_ANTHROPIC_MEMBER("schema", 1,
                             llm_jpull_peek(j) != LLM_JPULL_OBJECT
                             || llm_jpull_skip(j) != 0);
        break;
    }

#undef LLM_ANTHROPIC_MEMBER

    return 0;
}


/*
 * An object of kind: the members the kind reads by the parse's rules,
 * those it requires there, the others (and type, read ahead) only
 * checked as JSON, every key once: the bits of the members read, or -1.
 */
static int
llm_anthropic_check_members(llm_jpull_t *j, int kind)
{
    int               rc, b;
    size_t            i;
    unsigned          seen;
    llm_str_t         k;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    /* the bits tell the known members apart, the key set the rest */
    llm_jpull_keys_init(&ks);
    seen = 0;

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {

        if (llm_jpull_key_is(&k, "type")) {
            b = (llm_jpull_skip(j) == 0) ? LLM_ANTHROPIC_TYPE_BIT : -1;

        } else {
            b = llm_anthropic_check_member(j, kind, &k);

            if (b == 0
                && (llm_jpull_key_new(&ks, &k) != 0 || llm_jpull_skip(j) != 0))
            {
                return -1;
            }
        }

        if (b < 0 || (seen & (unsigned) b)) {
            return -1;
        }
        seen |= (unsigned) b;
    }

    if (rc != 0
        || (seen & llm_anthropic_need[kind]) != llm_anthropic_need[kind])
    {
        return -1;
    }

    return (int) seen;
}


static int
llm_anthropic_check_object(llm_jpull_t *j, int kind)
{
    return llm_anthropic_check_members(j, kind) < 0 ? -1 : 0;
}


/* One content block (parse_block); in a tool_result (nested) all but
 * text and image are dropped unread. */
static int
llm_anthropic_check_block(llm_jpull_t *j, int nested)
{
    int        kind;
    llm_str_t  t;

    /* the parse requires a type, a string */
    if (llm_anthropic_check_type(j, &t) != 1) {
        return -1;
    }

    if (llm_jpull_key_is(&t, "text")) {
        kind = LLM_ANTHROPIC_K_TEXT;

    } else if (llm_jpull_key_is(&t, "image")) {
        kind = LLM_ANTHROPIC_K_IMAGE;

    } else if (nested) {
        kind = LLM_ANTHROPIC_K_NONE;

    } else if (llm_jpull_key_is(&t, "tool_use")) {
        kind = LLM_ANTHROPIC_K_TOOL_USE;

    } else if (llm_jpull_key_is(&t, "tool_result")) {
        kind = LLM_ANTHROPIC_K_TOOL_RESULT;

    } else if (llm_jpull_key_is(&t, "thinking")) {
        kind = LLM_ANTHROPIC_K_THINKING;

    } else if (llm_jpull_key_is(&t, "redacted_thinking")) {
        kind = LLM_ANTHROPIC_K_REDACTED;

    } else {
        kind = LLM_ANTHROPIC_K_NONE;    /* document, server tool blocks */
    }

    return llm_anthropic_check_object(j, kind);
}


/* A list of content blocks: 0 with their number in *n, or -1. */
static int
llm_anthropic_check_blocks(llm_jpull_t *j, int nested, size_t *n)
{
    int     rc;
    size_t  i;

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    for (i = 0; (rc = llm_jpull_element(j, i)) == 1; i++) {
        if (llm_anthropic_check_block(j, nested) != 0) {
            return -1;
        }
    }

    *n = i;
    return rc;
}


/* One message: 0, with *open_end set when it is an assistant turn with
 * an empty list, which only the last message may be; or -1.  Members
 * other than role and content are not read by the parse. */
static int
llm_anthropic_check_message(llm_jpull_t *j, int *open_end)
{
    int               rc, escaped, content;
    size_t            i, n;
    unsigned          seen, bit;
    llm_str_t         k, role, s;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    llm_jpull_keys_init(&ks);
    seen = 0;
    content = 0;            /* 1 a string or blocks, 2 an empty list */
    llm_str_set(&role, NULL, 0);

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {

        if (llm_jpull_key_is(&k, "role")) {
            bit = 1;
            rc = llm_jpull_plain(j, &role);

        } else if (llm_jpull_key_is(&k, "content")) {
            bit = 2;

            /* a string or a list: null, as any other, is refused */
            if (llm_jpull_peek(j) == LLM_JPULL_STRING) {
                content = 1;
                rc = llm_jpull_string(j, &s, &escaped);

            } else {
                n = 0;
                rc = llm_anthropic_check_blocks(j, 0, &n);
                content = n ? 1 : 2;
            }

        } else {
            bit = 0;
            rc = (llm_jpull_key_new(&ks, &k) == 0) ? llm_jpull_skip(j) : -1;
        }

        if (rc != 0 || (seen & bit)) {
            return -1;
        }
        seen |= bit;
    }

    if (rc != 0 || content == 0) {
        return -1;
    }

    if (llm_jpull_key_is(&role, "assistant")) {
        *open_end = (content == 2);
        return 0;
    }

    return (content == 1 && llm_jpull_key_is(&role, "user")) ? 0 : -1;
}


static int
llm_anthropic_check_messages(llm_jpull_t *j)
{
    int     rc, open_end;
    size_t  i;

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    open_end = 0;

    for (i = 0; (rc = llm_jpull_element(j, i)) == 1; i++) {
        if (open_end || llm_anthropic_check_message(j, &open_end) != 0) {
            return -1;
        }
    }

    return (rc == 0 && i > 0) ? 0 : -1;         /* not empty */
}


/* system: null, a string or text blocks */
static int
llm_anthropic_check_system(llm_jpull_t *j)
{
    int        rc;
    size_t     i;
    llm_str_t  t;

    if (llm_jpull_peek(j) != LLM_JPULL_ARRAY) {
        return llm_jpull_opt_string(j);
    }

    j->p++;

    for (i = 0; (rc = llm_jpull_element(j, i)) == 1; i++) {
        if (llm_anthropic_check_type(j, &t) != 1
            || !llm_jpull_key_is(&t, "text")
            || llm_anthropic_check_object(j, LLM_ANTHROPIC_K_TEXT) != 0)
        {
            return -1;
        }
    }

    return rc;
}


/* One tool (parse_tools): a custom one (type "custom", null or none)
 * by its rules; any other type is a server tool the parse drops unread.
 * A type of another kind, which the parse takes as custom, is left to
 * it. */
static int
llm_anthropic_check_tool(llm_jpull_t *j)
{
    int        rc;
    llm_str_t  t;

    rc = llm_anthropic_check_type(j, &t);

    if (rc < 0) {
        return -1;
    }

    return llm_anthropic_check_object(j, (rc == 0
                                          || llm_jpull_key_is(&t, "custom"))
                                         ? LLM_ANTHROPIC_K_TOOL
                                         : LLM_ANTHROPIC_K_NONE);
}


/* tools: each as llm_anthropic_check_tool (through the memo: the same
 * tools again are not read again, llm_jpull_checked) */
static int
llm_anthropic_check_tools(llm_jpull_t *j)
{
    return llm_jpull_opt_array(j, llm_anthropic_check_tool);
}


static int
llm_anthropic_check_tool_choice(llm_jpull_t *j)
{
    int        kind;
    llm_str_t  t;

    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_anthropic_check_type(j, &t) != 1) {
        return -1;
    }

    if (llm_jpull_key_is(&t, "tool")) {
        kind = LLM_ANTHROPIC_K_CHOICE_TOOL;

    } else if (llm_jpull_key_is(&t, "auto") || llm_jpull_key_is(&t, "any")
               || llm_jpull_key_is(&t, "none"))
    {
        kind = LLM_ANTHROPIC_K_CHOICE;

    } else {
        return -1;
    }

    return llm_anthropic_check_object(j, kind);
}


/* thinking: disabled and adaptive read nothing else, enabled a budget */
static int
llm_anthropic_check_thinking(llm_jpull_t *j)
{
    int        kind;
    llm_str_t  t;

    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_anthropic_check_type(j, &t) != 1) {
        return -1;
    }

    if (llm_jpull_key_is(&t, "enabled")) {
        kind = LLM_ANTHROPIC_K_BUDGET;

    } else if (llm_jpull_key_is(&t, "disabled")
               || llm_jpull_key_is(&t, "adaptive"))
    {
        kind = LLM_ANTHROPIC_K_NONE;

    } else {
        return -1;
    }

    return llm_anthropic_check_object(j, kind);
}


static int
llm_anthropic_check_stop(llm_jpull_t *j)
{
    return llm_jpull_opt_array(j, llm_jpull_any_string);
}


static int
llm_anthropic_check_metadata(llm_jpull_t *j)
{
    if (llm_jpull_null(j)) {
        return 0;
    }

    return llm_anthropic_check_object(j, LLM_ANTHROPIC_K_METADATA);
}


/* container: null, a string or an object */
static int
llm_anthropic_check_container(llm_jpull_t *j)
{
    return llm_jpull_peek(j) == LLM_JPULL_STRING
           ? llm_jpull_any_string(j) : llm_jpull_opt_object(j);
}


static int
llm_anthropic_check_object_only(llm_jpull_t *j)
{
    return llm_jpull_peek(j) == LLM_JPULL_OBJECT ? llm_jpull_skip(j) : -1;
}


/*
 * output_config, or output_format (f): the latter is read only where
 * output_config has no format, which is told once all fields are read
 * (the bits LLM_ANTHROPIC_HAS_FORMAT and LLM_ANTHROPIC_BAD_FORMAT).
 */
static int
llm_anthropic_check_output(llm_jpull_t *j, unsigned f, uint32_t *seen)
{
    int                   b;
    const unsigned char  *p;

    if (llm_jpull_null(j)) {
        return 0;
    }

    if (f == LLM_ANTHROPIC_F_output_config) {
        b = llm_anthropic_check_members(j, LLM_ANTHROPIC_K_OUTPUT);
        if (b < 0) {
            return -1;
        }
        if (b & 4) {
            *seen |= LLM_ANTHROPIC_HAS_FORMAT;
        }
        return 0;
    }

    p = j->p;

    if (llm_anthropic_check_format(j) == 0) {
        return 0;
    }

    /* not a format: only its JSON counts, if output_config has one */
    j->p = p;
    *seen |= LLM_ANTHROPIC_BAD_FORMAT;
    return llm_jpull_skip(j);
}


/* max_tokens: required, and null is no value here; 0 is legal. */
static int
llm_anthropic_check_max_tokens(llm_jpull_t *j)
{
    int64_t  v;

    /* an integral real (1024.0) the parse takes is left to it */
    return (llm_jpull_int(j, &v) == 0 && v >= 0) ? 0 : -1;
}


/*
 * One top-level field other than model and stream: its bit in *seen,
 * and 0 when its value is one the parse accepts.
 */
int
llm_anthropic_check_field(llm_jpull_t *j, const llm_str_t *k, uint32_t *seen)
{
    unsigned  f;

#define LLM_ANTHROPIC_CHECK(name, test)                                      \
    if (llm_jpull_key_is(k, #name)) {                                        \
        f = LLM_ANTHROPIC_F_##name;                                          \
        if (test) {                                                          \
            return -1;                                                       \
        }                                                                    \
        break;                                                               \
    }

    /* no range for temperature and top_p: the parse has none; the
     * fields it does not read at all take any value */
    switch (k->len) {
    case 5:
        LLM_ANTHROPIC_CHECK(top_p, llm_jpull_opt_number(j, -DBL_MAX,
                                                        DBL_MAX));
        LLM_ANTHROPIC_CHECK(top_k, llm_jpull_opt_int(j, 0, INT64_MAX));
        LLM_ANTHROPIC_CHECK(tools,
                            llm_jpull_checked(j,
                                              LLM_JSON_MEMO_ANTHROPIC_TOOLS,
                                              llm_anthropic_check_tools));
        LLM_ANTHROPIC_CHECK(speed, llm_jpull_opt_string(j));
        return -1;
    case 6:
        LLM_ANTHROPIC_CHECK(system, llm_anthropic_check_system(j));
        LLM_ANTHROPIC_CHECK(thread, llm_jpull_skip(j));
        return -1;
    case 8:
        LLM_ANTHROPIC_CHECK(messages, llm_anthropic_check_messages(j));
        LLM_ANTHROPIC_CHECK(metadata, llm_anthropic_check_metadata(j));
        LLM_ANTHROPIC_CHECK(thinking, llm_anthropic_check_thinking(j));
        return -1;
    case 9:
        LLM_ANTHROPIC_CHECK(container, llm_anthropic_check_container(j));
        LLM_ANTHROPIC_CHECK(fallbacks, llm_jpull_skip(j));
        return -1;
    case 10:
        LLM_ANTHROPIC_CHECK(max_tokens, llm_anthropic_check_max_tokens(j));
        LLM_ANTHROPIC_CHECK(compaction, llm_jpull_skip(j));
        return -1;
    case 11:
        LLM_ANTHROPIC_CHECK(temperature, llm_jpull_opt_number(j, -DBL_MAX,
                                                              DBL_MAX));
        LLM_ANTHROPIC_CHECK(tool_choice, llm_anthropic_check_tool_choice(j));
        LLM_ANTHROPIC_CHECK(mcp_servers, llm_jpull_opt_array(j,
                                           llm_anthropic_check_object_only));
        LLM_ANTHROPIC_CHECK(diagnostics, llm_jpull_skip(j));
        return -1;
    case 12:
        LLM_ANTHROPIC_CHECK(service_tier, llm_jpull_opt_string(j));
        return -1;
    case 13:
        LLM_ANTHROPIC_CHECK(inference_geo, llm_jpull_opt_string(j));
        LLM_ANTHROPIC_CHECK(cache_control,
                            llm_jpull_opt_object(j));

        if (llm_jpull_key_is(k, "output_config")
            || llm_jpull_key_is(k, "output_format"))
        {
            f = llm_jpull_key_is(k, "output_config")
                ? LLM_ANTHROPIC_F_output_config
                : LLM_ANTHROPIC_F_output_format;
            if (llm_anthropic_check_output(j, f, seen) != 0) {
                return -1;
            }
            break;
        }
        return -1;
    case 14:
        LLM_ANTHROPIC_CHECK(stop_sequences, llm_anthropic_check_stop(j));
        LLM_ANTHROPIC_CHECK(billing_policy, llm_jpull_skip(j));
        return -1;
    case 18:
        LLM_ANTHROPIC_CHECK(context_management,
                            llm_jpull_opt_object(j));
        return -1;
    case 21:
        LLM_ANTHROPIC_CHECK(fallback_credit_token, llm_jpull_skip(j));
        return -1;
    default:
        return -1;
    }

#undef LLM_ANTHROPIC_CHECK

    if (*seen & ((uint32_t) 1 << f)) {
        return -1;
    }

    *seen |= (uint32_t) 1 << f;
    return 0;
}


static int
llm_anthropic_check_request(const char *body, size_t len, llm_relay_t *r)
{
    int           rc, stream;
    size_t        i;
    uint32_t      seen;
    llm_str_t     k, model;
    llm_jpull_t   j;

    llm_jpull_init(&j, body, len);

    if (llm_jpull_open(&j, '{') != 0) {
        return -1;
    }

    seen = 0;
    stream = 0;

    for (i = 0; (rc = llm_jpull_member(&j, i, &k)) == 1; i++) {

        if (llm_jpull_key_is(&k, "model")) {
            if (seen & llm_anthropic_bit(model)) {
                return -1;
            }
            seen |= llm_anthropic_bit(model);

            if (llm_jpull_null(&j)) {
                continue;
            }
            if (llm_jpull_plain(&j, &model) != 0) {
                return -1;
            }
            r->model = model;
            llm_str_set(&r->model_json, model.data - 1, model.len + 2);

        } else if (llm_jpull_key_is(&k, "stream")) {
            if ((seen & llm_anthropic_bit(stream))
                || llm_jpull_opt_bool(&j, &stream) != 0)
            {
                return -1;
            }
            seen |= llm_anthropic_bit(stream);

        } else if (llm_anthropic_check_field(&j, &k, &seen) != 0) {
            return -1;
        }
    }

    if (rc != 0 || llm_jpull_end(&j) != 0) {
        return -1;
    }

    /* what the parse requires; an empty model, which it takes and the
     * glue refuses after it, is left to it as well */
    if (r->model.len == 0
        || !(seen & llm_anthropic_bit(max_tokens))
        || !(seen & llm_anthropic_bit(messages))
        || (seen & (LLM_ANTHROPIC_HAS_FORMAT | LLM_ANTHROPIC_BAD_FORMAT))
           == LLM_ANTHROPIC_BAD_FORMAT)
    {
        return -1;
    }

    r->stream = stream;
    return 0;
}


/* emit_request: tool ids */


static int
llm_anthropic_id_ok(const llm_str_t *id)
{
    size_t         i;
    unsigned char  c;

    if (id->data == NULL || id->len == 0) {
        return 0;
    }

    for (i = 0; i < id->len; i++) {
        c = (unsigned char) id->data[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9') || c == '_' || c == '-'))
        {
            return 0;
        }
    }

    return 1;
}


/* The one id function for both ends of a call/result pair. */
static int
llm_anthropic_sanitize_id(llm_arena_t *a, const llm_str_t *id,
    llm_str_t *out)
{
    char           *p;
    size_t          i, len;
    uint32_t        h;
    unsigned char   c;

    if (llm_anthropic_id_ok(id)) {
        *out = *id;
        return 0;
    }

    len = id->data ? id->len : 0;
    h = (uint32_t) llm_anthropic_hash(id->data, len, LLM_ANTHROPIC_FNV_BASIS);

    p = llm_arena_alloc(a, len + 1 + 8 + 1);
    if (p == NULL) {
        return -1;
    }

    for (i = 0; i < len; i++) {
        c = (unsigned char) id->data[i];
        p[i] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || c == '-') ? (char) c : '_';
    }

    snprintf(p + len, 1 + 8 + 1, "_%08x", (unsigned) h);

    out->data = p;
    out->len = len + 9;
    return 0;
}


static llm_anthropic_id_t *
llm_anthropic_id_find(llm_anthropic_ids_t *ids, const llm_str_t *key,
    int create)
{
    size_t               slot;
    llm_anthropic_id_t  *e;

    slot = llm_anthropic_hash(key->data, key->len, LLM_ANTHROPIC_FNV_BASIS)
           & (ids->nbuckets - 1);

    for (e = ids->buckets[slot]; e; e = e->next) {
        if (e->key.len == key->len
            && memcmp(e->key.data, key->data, key->len) == 0)
        {
            return e;
        }
    }

    if (!create) {
        return NULL;
    }

    e = llm_arena_calloc(ids->arena, 1, sizeof(llm_anthropic_id_t));
    if (e == NULL) {
        return NULL;
    }

    e->key = *key;
    e->next = ids->buckets[slot];
    ids->buckets[slot] = e;
    return e;
}


static int
llm_anthropic_ids_init(llm_arena_t *a, const llm_request_t *req,
    llm_anthropic_ids_t *ids)
{
    size_t  i, j, n;

    n = 0;
    for (i = 0; i < req->nmessages; i++) {
        for (j = 0; j < req->messages[i].nblocks; j++) {
            n += req->messages[i].blocks[j].kind == LLM_BLOCK_TOOL_CALL;
        }
    }

    ids->arena = a;
    ids->nbuckets = 16;
    while (ids->nbuckets < n * 2) {
        ids->nbuckets *= 2;
    }

    ids->buckets = llm_arena_calloc(a, ids->nbuckets,
                                    sizeof(llm_anthropic_id_t *));
    return ids->buckets ? 0 : -1;
}


/* The id a tool_use is sent with: sanitized, and unique in the request
 * (some servers number calls per turn, "call_0" again and again). */
static int
llm_anthropic_call_id(llm_anthropic_ids_t *ids, const llm_str_t *id,
    llm_str_t *out)
{
    char                *p;
    size_t               k;
    llm_str_t            s, cand;
    llm_anthropic_id_t  *e, *c;

    if (llm_anthropic_sanitize_id(ids->arena, id, &s) != 0) {
        return -1;
    }

    e = llm_anthropic_id_find(ids, &s, 1);
    if (e == NULL) {
        return -1;
    }

    cand = s;

    if (e->used) {
        p = llm_arena_alloc(ids->arena, s.len + 24);
        if (p == NULL) {
            return -1;
        }

        for (k = 2; /* void */; k++) {
            cand.len = snprintf(p, s.len + 24, "%.*s_%zu", (int) s.len,
                                s.data, k);
            cand.data = p;
            c = llm_anthropic_id_find(ids, &cand, 0);
            if (c == NULL || !c->used) {
                break;
            }
        }

        c = llm_anthropic_id_find(ids, &cand, 1);
        if (c == NULL) {
            return -1;
        }
        c->used = 1;

    } else {
        e->used = 1;
    }

    /* results from here on answer this call */
    e->val = cand;
    e->mapped = 1;

    *out = cand;
    return 0;
}


static int
llm_anthropic_result_id(llm_anthropic_ids_t *ids, const llm_str_t *id,
    llm_str_t *out)
{
    llm_str_t            s;
    llm_anthropic_id_t  *e;

    if (llm_anthropic_sanitize_id(ids->arena, id, &s) != 0) {
        return -1;
    }

    e = llm_anthropic_id_find(ids, &s, 0);
    *out = (e && e->mapped) ? e->val : s;
    return 0;
}


/* emit_request: the plan (llm_anthropic_int.h) */


llm_anthropic_image_e
llm_anthropic_image_form(const llm_block_t *b, llm_str_t *mt,
    llm_str_t *data)
{
    const char  *p, *comma;

    *mt = b->media_type;
    *data = b->data;

    if (data->len == 0 && b->url.len > 5
        && memcmp(b->url.data, "data:", 5) == 0)
    {
        /* a data URL the client parser left whole */
        p = b->url.data + 5;
        comma = memchr(p, ',', b->url.len - 5);
        if (comma == NULL || comma - p < 7
            || memcmp(comma - 7, ";base64", 7) != 0)
        {
            return LLM_ANTHROPIC_IMAGE_BAD_URL;
        }
        mt->data = p;
        mt->len = comma - 7 - p;
        data->data = comma + 1;
        data->len = b->url.data + b->url.len - (comma + 1);
    }

    if (data->len) {
        if (llm_anthropic_streq(mt, "image/jpg")) {
            mt->data = "image/jpeg";
            mt->len = 10;
        }

        if (llm_anthropic_streq(mt, "application/pdf")) {
            return LLM_ANTHROPIC_IMAGE_PDF;
        }

        return llm_anthropic_image_type_ok(mt) ? LLM_ANTHROPIC_IMAGE_BASE64
                                               : LLM_ANTHROPIC_IMAGE_BAD_TYPE;
    }

    return b->url.len ? LLM_ANTHROPIC_IMAGE_URL : LLM_ANTHROPIC_IMAGE_NONE;
}


/* An image (or PDF) block: 0 sent, 1 dropped, -1 refused. */
static int
llm_anthropic_plan_image(const llm_block_t *b, llm_error_t *err,
    llm_warnings_t *w)
{
    llm_str_t  mt, data;

    switch (llm_anthropic_image_form(b, &mt, &data)) {

    case LLM_ANTHROPIC_IMAGE_NONE:
        llm_warn(w, "image:dropped");
        return 1;

    case LLM_ANTHROPIC_IMAGE_BAD_URL:
        return llm_anthropic_bad(err, "image data URLs must be "
                                 "base64-encoded");

    case LLM_ANTHROPIC_IMAGE_BAD_TYPE:
        return llm_anthropic_bad(err, "image media type \"%.*s\" is not "
                                 "supported by this provider (use "
                                 "image/jpeg, image/png, image/gif or "
                                 "image/webp)",
                                 (int) (mt.len > 64 ? 64 : mt.len),
                                 mt.data ? mt.data : "");

    default:
        return 0;
    }
}


int
llm_anthropic_result_sent(const llm_block_t *c)
{
    llm_str_t  mt, data;

    if (c->kind == LLM_BLOCK_TEXT) {
        return c->text.len != 0;
    }

    return c->kind == LLM_BLOCK_IMAGE
           && llm_anthropic_image_form(c, &mt, &data)
              != LLM_ANTHROPIC_IMAGE_NONE;
}


/* tool_result content from a Gemini functionResponse object (§5.5) */
static int
llm_anthropic_plan_response(llm_arena_t *a, json_t *resp,
    llm_anthropic_item_t *it, llm_error_t *err)
{
    char        *s;
    size_t       len;
    json_t      *v, *e;

    v = json_object_get(resp, "output");
    e = json_object_get(resp, "error");

    if (e != NULL) {
        it->response_error = 1;
        v = e;

    } else if (v == NULL || json_object_size(resp) != 1) {
        v = resp;
    }

    if (json_is_string(v)) {
        (void) llm_json_str(v, &it->response);
        return 0;
    }

    s = llm_json_dump(a, v, &len);
    if (s == NULL) {
        return llm_anthropic_oom(err);
    }

    it->response.data = s;
    it->response.len = len;
    return 0;
}


static int
llm_anthropic_plan_result(llm_arena_t *a, const llm_block_t *b,
    llm_anthropic_ids_t *ids, llm_anthropic_item_t *it, llm_error_t *err,
    llm_warnings_t *w)
{
    size_t              i;
    const llm_block_t  *c;

    if (llm_anthropic_result_id(ids, &b->call_id, &it->id) != 0) {
        return llm_anthropic_oom(err);
    }

    if (b->ncontent == 0) {
        return b->response != NULL
               ? llm_anthropic_plan_response(a, b->response, it, err) : 0;
    }

    if (b->ncontent == 1 && b->content[0].kind == LLM_BLOCK_TEXT) {
        /* the plain form, as most clients send it */
        return 0;
    }

    for (i = 0; i < b->ncontent; i++) {
        c = &b->content[i];

        if (c->kind == LLM_BLOCK_TEXT) {
            it->nsent += c->text.len != 0;

        } else if (c->kind == LLM_BLOCK_IMAGE) {
            switch (llm_anthropic_plan_image(c, err, w)) {
            case 0:
                it->nsent++;
                break;
            case 1:
                break;
            default:
                return -1;
            }

        } else {
            llm_warn(w, "content:dropped");
        }
    }

    return 0;
}


static int
llm_anthropic_plan_call(llm_arena_t *a, const llm_block_t *b,
    llm_anthropic_ids_t *ids, llm_anthropic_item_t *it, llm_error_t *err)
{
    if (b->args_deferred) {
        /* an object, as its text (llm_ir.h) */
        it->input = NULL;
        it->input_text = b->args_json;

    } else if (b->args != NULL) {
        if (!json_is_object(b->args)) {
            return llm_anthropic_bad(err, "tool call \"%.*s\": arguments "
                                     "must be a JSON object",
                                     (int) (b->name.len > 64 ? 64
                                                             : b->name.len),
                                     b->name.data ? b->name.data : "");
        }
        it->input = b->args;

    } else {
        it->input = llm_arena_keep(a, llm_anthropic_parse_args(&b->args_json));
        if (it->input == NULL) {
            return llm_anthropic_bad(err, "tool call \"%.*s\": arguments are "
                                     "not a valid JSON object",
                                     (int) (b->name.len > 64 ? 64
                                                             : b->name.len),
                                     b->name.data ? b->name.data : "");
        }
    }

    if (llm_anthropic_call_id(ids, &b->id, &it->id) != 0) {
        return llm_anthropic_oom(err);
    }

    return 0;
}


/* One block of a message: 0 sent (it filled), 1 dropped, -1 refused. */
static int
llm_anthropic_plan_block(llm_arena_t *a, const llm_block_t *b,
    llm_anthropic_ids_t *ids, llm_anthropic_item_t *it, llm_error_t *err,
    llm_warnings_t *w)
{
    memset(it, 0, sizeof(llm_anthropic_item_t));
    it->b = b;

    switch (b->kind) {

    case LLM_BLOCK_TEXT:
        /* the API rejects empty text blocks */
        return b->text.len ? 0 : 1;

    case LLM_BLOCK_IMAGE:
        return llm_anthropic_plan_image(b, err, w);

    case LLM_BLOCK_TOOL_CALL:
        return llm_anthropic_plan_call(a, b, ids, it, err);

    case LLM_BLOCK_TOOL_RESULT:
        return llm_anthropic_plan_result(a, b, ids, it, err, w);

    case LLM_BLOCK_REASONING:
        /* a signature only Anthropic can verify; others are refused */
        if (b->signature_origin != LLM_DIALECT_ANTHROPIC
            || b->signature.len == 0)
        {
            llm_warn(w, "thinking:dropped");
            return 1;
        }
        return 0;

    case LLM_BLOCK_REDACTED_REASONING:
        if (b->signature_origin != LLM_DIALECT_ANTHROPIC) {
            llm_warn(w, "thinking:dropped");
            return 1;
        }
        return 0;
    }

    return 1;
}


/* The turns: consecutive same-role messages merged, tool results first
 * in a turn (the API pairs them with the previous assistant turn's
 * calls); a message with nothing to send would split the neighbours'
 * merge, so it is left out. */
static int
llm_anthropic_plan_turns(llm_arena_t *a, const llm_request_t *req,
    llm_anthropic_plan_t *p, llm_error_t *err, llm_warnings_t *w)
{
    int                    rc;
    size_t                 i, j, n, nr, no, r0, o0;
    llm_anthropic_ids_t    ids;
    llm_anthropic_item_t  *results, *other, *it;
    llm_anthropic_turn_t  *t;
    const llm_message_t   *m;

    n = 0;
    for (i = 0; i < req->nmessages; i++) {
        n += req->messages[i].nblocks;
    }

    if (llm_anthropic_ids_init(a, req, &ids) != 0) {
        return llm_anthropic_oom(err);
    }

    results = llm_arena_alloc(a, (n + 1) * sizeof(llm_anthropic_item_t));
    other = llm_arena_alloc(a, (n + 1) * sizeof(llm_anthropic_item_t));
    p->turns = llm_arena_alloc(a, (req->nmessages + 1)
                                  * sizeof(llm_anthropic_turn_t));
    if (results == NULL || other == NULL || p->turns == NULL) {
        return llm_anthropic_oom(err);
    }

    p->nturns = 0;
    t = NULL;
    nr = 0;
    no = 0;

    for (i = 0; i < req->nmessages; i++) {
        m = &req->messages[i];
        if (m->role == LLM_ROLE_SYSTEM) {
            continue;
        }

        r0 = nr;
        o0 = no;

        for (j = 0; j < m->nblocks; j++) {
            it = m->blocks[j].kind == LLM_BLOCK_TOOL_RESULT ? &results[nr]
                                                            : &other[no];

            rc = llm_anthropic_plan_block(a, &m->blocks[j], &ids, it, err, w);
            if (rc < 0) {
                return -1;
            }

            if (rc == 0) {
                if (it == &results[nr]) {
                    nr++;

                } else {
                    no++;
                }
            }
        }

        if (nr == r0 && no == o0) {
            continue;
        }

        if (t == NULL || t->role != m->role) {
            t = &p->turns[p->nturns++];
            t->role = m->role;
            t->added = NULL;
            t->nadded = 0;
            t->results = &results[r0];
            t->nresults = 0;
            t->other = &other[o0];
            t->nother = 0;
        }

        t->nresults += nr - r0;
        t->nother += no - o0;
    }

    return 0;
}


static int
llm_anthropic_has_result(const llm_anthropic_turn_t *t, const llm_str_t *id)
{
    size_t  k;

    for (k = 0; k < t->nresults; k++) {
        if (t->results[k].id.len == id->len
            && memcmp(t->results[k].id.data, id->data, id->len) == 0)
        {
            return 1;
        }
    }

    return 0;
}


/* Every tool_use must be answered in the next user turn or the API
 * refuses the request; clients that trim history lose results.  Answer
 * the missing ones with an error result first in that turn (§5.5). */
static int
llm_anthropic_pair_results(llm_arena_t *a, llm_anthropic_plan_t *p,
    llm_error_t *err, llm_warnings_t *w)
{
    size_t                 i, k;
    llm_anthropic_turn_t  *t, *next;
    llm_anthropic_item_t  *call, *r;

    for (i = 0; i < p->nturns; i++) {
        t = &p->turns[i];
        if (t->role == LLM_ROLE_USER) {
            continue;
        }

        next = i + 1 < p->nturns ? &p->turns[i + 1] : NULL;

        for (k = 0; k < t->nother; k++) {
            call = &t->other[k];
            if (call->b->kind != LLM_BLOCK_TOOL_CALL
                || (next && llm_anthropic_has_result(next, &call->id)))
            {
                continue;
            }

            if (next == NULL) {
                next = &p->turns[p->nturns++];
                memset(next, 0, sizeof(llm_anthropic_turn_t));
                next->role = LLM_ROLE_USER;
            }

            if (next->added == NULL) {
                next->added = llm_arena_alloc(a, t->nother
                                              * sizeof(llm_anthropic_item_t));
                if (next->added == NULL) {
                    return llm_anthropic_oom(err);
                }
            }

            r = &next->added[next->nadded++];
            memset(r, 0, sizeof(llm_anthropic_item_t));
            r->id = call->id;

            llm_warn(w, "tool_result:added");
        }
    }

    return 0;
}


/* The last assistant turn calls tools but does not start with thinking:
 * with thinking on the API refuses it (history from another provider,
 * whose reasoning could not be replayed). */
static int
llm_anthropic_unthought_tools(const llm_anthropic_plan_t *p)
{
    size_t                       i, k;
    llm_block_kind_e             kind;
    const llm_anthropic_turn_t  *t;

    for (i = p->nturns; i-- > 0; /* void */) {
        t = &p->turns[i];
        if (t->role == LLM_ROLE_USER) {
            continue;
        }

        if (t->nresults == 0) {
            kind = t->other[0].b->kind;
            if (kind == LLM_BLOCK_REASONING
                || kind == LLM_BLOCK_REDACTED_REASONING)
            {
                return 0;
            }
        }

        for (k = 0; k < t->nother; k++) {
            if (t->other[k].b->kind == LLM_BLOCK_TOOL_CALL) {
                return 1;
            }
        }

        return 0;
    }

    return 0;
}


static int64_t
llm_anthropic_effort_budget(llm_effort_e e)
{
    switch (e) {
    case LLM_EFFORT_MINIMAL:
    case LLM_EFFORT_LOW:
        return 1024;
    case LLM_EFFORT_HIGH:
        return 4096;
    case LLM_EFFORT_XHIGH:
        return 8192;
    default:
        return LLM_ANTHROPIC_DEFAULT_BUDGET;
    }
}


static const char *
llm_anthropic_effort_name(llm_effort_e e)
{
    switch (e) {
    case LLM_EFFORT_MINIMAL:
    case LLM_EFFORT_LOW:
        return "low";
    case LLM_EFFORT_MEDIUM:
        return "medium";
    case LLM_EFFORT_HIGH:
        return "high";
    case LLM_EFFORT_XHIGH:
        return "xhigh";
    default:
        return NULL;
    }
}


/* thinking: the client's mode, or one derived from its effort */
static void
llm_anthropic_plan_thinking(const llm_request_t *req,
    llm_anthropic_plan_t *p, llm_warnings_t *w)
{
    int  forced;

    p->thinking = req->thinking;
    p->budget = req->thinking_budget;
    p->effort = NULL;

    if (p->thinking == LLM_THINKING_UNSET
        && req->effort != LLM_EFFORT_UNSET)
    {
        if (req->effort == LLM_EFFORT_NONE) {
            p->thinking = LLM_THINKING_DISABLED;

        } else {
            p->thinking = LLM_THINKING_ENABLED;
            p->budget = llm_anthropic_effort_budget(req->effort);
        }

    } else if (p->thinking == LLM_THINKING_ADAPTIVE
               && req->effort == LLM_EFFORT_NONE)
    {
        p->thinking = LLM_THINKING_DISABLED;

    } else if (p->thinking != LLM_THINKING_UNSET
               && p->thinking != LLM_THINKING_DISABLED)
    {
        p->effort = llm_anthropic_effort_name(req->effort);
    }

    if (p->thinking == LLM_THINKING_ENABLED) {
        if (p->budget <= 0) {
            p->budget = llm_anthropic_effort_budget(req->effort);
        }
        if (p->budget < LLM_ANTHROPIC_MIN_BUDGET) {
            p->budget = LLM_ANTHROPIC_MIN_BUDGET;
            llm_warn(w, "thinking_budget:clamped");
        }
    }

    forced = req->ntools
             && (req->tool_choice == LLM_TOOL_CHOICE_REQUIRED
                 || req->tool_choice == LLM_TOOL_CHOICE_NAMED);

    if (forced && (p->thinking == LLM_THINKING_ENABLED
                   || p->thinking == LLM_THINKING_ADAPTIVE))
    {
        /* "Thinking may not be enabled when tool_choice forces tool use":
         * the forced call is what the client relies on */
        p->thinking = LLM_THINKING_UNSET;
        p->effort = NULL;
        llm_warn(w, "thinking:disabled");
    }
}


/* the sampling fields thinking leaves alone, clamped to the API's range */
static void
llm_anthropic_plan_sampling(const llm_request_t *req, int on,
    llm_anthropic_plan_t *p, llm_warnings_t *w)
{
    p->temperature = req->temperature;

    if (req->has_temperature) {
        if (on && p->temperature != 1.0) {
            /* thinking fixes temperature at 1 */
            llm_warn(w, "temperature:dropped");

        } else {
            if (p->temperature < 0.0 || p->temperature > 1.0) {
                p->temperature = p->temperature < 0.0 ? 0.0 : 1.0;
                llm_warn(w, "temperature:clamped");
            }
            p->send_temperature = 1;
        }
    }

    if (req->has_top_p) {
        if (on && req->top_p < 0.95) {
            llm_warn(w, "top_p:dropped");

        } else {
            p->send_top_p = 1;
        }
    }

    if (req->has_top_k) {
        if (on) {
            llm_warn(w, "top_k:dropped");

        } else {
            p->send_top_k = req->top_k > 0;
        }
    }

    if (req->has_seed) {
        llm_warn(w, "seed:dropped");
    }
    if (req->has_logprobs) {
        llm_warn(w, "logprobs:dropped");
    }
    if (req->has_penalties) {
        llm_warn(w, "penalties:dropped");
    }
}


int
llm_anthropic_plan(llm_arena_t *a, const llm_request_t *req,
    const llm_options_t *opt, llm_anthropic_plan_t *p, llm_error_t *err,
    llm_warnings_t *w)
{
    int      on;
    int64_t  def;

    memset(p, 0, sizeof(llm_anthropic_plan_t));

    if (req->has_n && req->n > 1) {
        return llm_anthropic_bad(err, "n > 1 is not supported by this "
                                 "provider");
    }

    llm_anthropic_plan_thinking(req, p, w);

    if (llm_anthropic_plan_turns(a, req, p, err, w) != 0
        || llm_anthropic_pair_results(a, p, err, w) != 0)
    {
        return -1;
    }

    if (p->nturns == 0 || p->turns[0].role != LLM_ROLE_USER) {
        /* the API rejects an assistant first turn */
        p->placeholder = 1;
        llm_warn(w, "messages:user_turn_added");
    }

    on = p->thinking == LLM_THINKING_ENABLED
         || p->thinking == LLM_THINKING_ADAPTIVE;

    if (on && llm_anthropic_unthought_tools(p)) {
        p->thinking = LLM_THINKING_UNSET;
        p->effort = NULL;
        on = 0;
        llm_warn(w, "thinking:disabled");
    }

    def = opt->default_max_tokens > 0 ? opt->default_max_tokens
                                      : LLM_DEFAULT_MAX_TOKENS;

    if (req->has_max_tokens) {
        p->max_tokens = req->max_tokens;

        if (p->thinking == LLM_THINKING_ENABLED
            && p->max_tokens <= p->budget)
        {
            if (p->max_tokens - 1 < LLM_ANTHROPIC_MIN_BUDGET) {
                return llm_anthropic_bad(err, "max_tokens must be greater "
                                         "than %d when thinking is enabled",
                                         LLM_ANTHROPIC_MIN_BUDGET);
            }
            p->budget = p->max_tokens - 1;
            llm_warn(w, "thinking_budget:clamped");
        }

    } else {
        p->max_tokens = def + (p->thinking == LLM_THINKING_ENABLED
                               ? p->budget : 0);
    }

    if (req->format == LLM_FORMAT_JSON_OBJECT
        || (req->format == LLM_FORMAT_JSON_SCHEMA
            && req->format_schema == NULL))
    {
        /* no schema-less JSON mode at Anthropic: ask for it */
        p->json_prompt = 1;
        llm_warn(w, "response_format:approximated");
    }

    llm_anthropic_plan_sampling(req, on, p, w);

    return 0;
}


int
llm_anthropic_system_text(llm_arena_t *a, const llm_message_t *m,
    llm_str_t *s)
{
    char               *p;
    size_t              k, len;
    const llm_block_t  *b;

    /* one text block per system message; a message in several text
     * parts is joined as §5.2 suggests */
    len = 0;
    s->data = NULL;
    s->len = 0;
    for (k = 0; k < m->nblocks; k++) {
        b = &m->blocks[k];
        if (b->kind == LLM_BLOCK_TEXT && b->text.len) {
            len += (len ? 2 : 0) + b->text.len;
            if (s->data == NULL) {
                *s = b->text;
            }
        }
    }

    if (len == s->len) {
        return 0;
    }

    p = llm_arena_alloc(a, len);
    if (p == NULL) {
        return -1;
    }

    len = 0;
    for (k = 0; k < m->nblocks; k++) {
        b = &m->blocks[k];
        if (b->kind == LLM_BLOCK_TEXT && b->text.len) {
            if (len) {
                memcpy(p + len, "\n\n", 2);
                len += 2;
            }
            memcpy(p + len, b->text.data, b->text.len);
            len += b->text.len;
        }
    }

    s->data = p;
    s->len = len;
    return 0;
}


llm_anthropic_schema_e
llm_anthropic_schema_form(const llm_tool_t *tool)
{
    if (tool->schema_json.data != NULL) {
        return tool->schema_typed ? LLM_ANTHROPIC_SCHEMA_AS_IS
                                  : LLM_ANTHROPIC_SCHEMA_ADD_TYPE;
    }

    if (!json_is_object(tool->schema)) {
        return LLM_ANTHROPIC_SCHEMA_EMPTY;
    }

    /* the API wants an object schema; {} means "no args" */
    return json_object_get(tool->schema, "type") != NULL
           ? LLM_ANTHROPIC_SCHEMA_AS_IS : LLM_ANTHROPIC_SCHEMA_ADD_TYPE;
}


const char *
llm_anthropic_tool_choice(const llm_request_t *req, int *disable)
{
    /* disable_parallel_tool_use is not allowed with "none" */
    *disable = req->parallel_tool_calls == 0
               && req->tool_choice != LLM_TOOL_CHOICE_NONE;

    switch (req->tool_choice) {
    case LLM_TOOL_CHOICE_NONE:
        return "none";
    case LLM_TOOL_CHOICE_REQUIRED:
        return "any";
    case LLM_TOOL_CHOICE_NAMED:
        return "tool";
    case LLM_TOOL_CHOICE_AUTO:
        return "auto";
    default:
        return req->parallel_tool_calls != 0 ? NULL : "auto";
    }
}


/* emit_request: the document */


static json_t *
llm_anthropic_text_block(const llm_str_t *text)
{
    return llm_json_obj("type", llm_json_lit("text"),
                        "text", llm_json_strn(text), NULL);
}


static json_t *
llm_anthropic_emit_image(const llm_block_t *b)
{
    llm_str_t  mt, data;

    switch (llm_anthropic_image_form(b, &mt, &data)) {

    case LLM_ANTHROPIC_IMAGE_PDF:
        return llm_json_obj("type", llm_json_lit("document"),
                            "source",
                            llm_json_obj("type", llm_json_lit("base64"),
                                         "media_type",
                                         llm_json_lit("application/pdf"),
                                         "data", llm_json_strn(&data),
                                         NULL),
                            NULL);

    case LLM_ANTHROPIC_IMAGE_BASE64:
        return llm_json_obj("type", llm_json_lit("image"),
                            "source",
                            llm_json_obj("type", llm_json_lit("base64"),
                                         "media_type", llm_json_strn(&mt),
                                         "data", llm_json_strn(&data), NULL),
                            NULL);

    case LLM_ANTHROPIC_IMAGE_URL:
        return llm_json_obj("type", llm_json_lit("image"),
                            "source",
                            llm_json_obj("type", llm_json_lit("url"),
                                         "url", llm_json_strn(&b->url), NULL),
                            NULL);

    default:
        /* the plan dropped or refused it */
        return NULL;
    }
}


static json_t *
llm_anthropic_emit_result(const llm_anthropic_item_t *it)
{
    size_t              i;
    json_t             *res, *content, *j;
    const llm_block_t  *b, *c;

    b = it->b;

    res = llm_json_obj("type", llm_json_lit("tool_result"),
                       "tool_use_id", llm_json_strn(&it->id), NULL);
    if (res == NULL) {
        return NULL;
    }

    if (b->ncontent == 0) {
        if (it->response_error) {
            llm_json_set_new(res, "is_error", json_true());
        }
        if (it->response.len) {
            llm_json_set_new(res, "content", llm_json_strn(&it->response));
        }

    } else if (b->ncontent == 1 && b->content[0].kind == LLM_BLOCK_TEXT) {
        if (b->content[0].text.len) {
            llm_json_set_new(res, "content",
                             llm_json_strn(&b->content[0].text));
        }

    } else if (it->nsent) {
        content = json_array();

        for (i = 0; i < b->ncontent; i++) {
            c = &b->content[i];
            if (!llm_anthropic_result_sent(c)) {
                continue;
            }

            j = c->kind == LLM_BLOCK_TEXT ? llm_anthropic_text_block(&c->text)
                                          : llm_anthropic_emit_image(c);
            json_array_append_new(content, j);
        }

        if (json_array_size(content)) {
            llm_json_set_new(res, "content", content);

        } else {
            json_decref(content);
        }
    }

    if (b->is_error) {
        /* after a functionResponse's error, where it stays */
        llm_json_set_new(res, "is_error", json_true());
    }

    return res;
}


static json_t *
llm_anthropic_emit_item(const llm_anthropic_item_t *it)
{
    const llm_block_t  *b;

    b = it->b;

    if (b == NULL) {
        return llm_json_obj("type", llm_json_lit("tool_result"),
                            "tool_use_id", llm_json_strn(&it->id),
                            "content",
                            llm_json_lit(LLM_ANTHROPIC_NO_RESULT),
                            "is_error", json_boolean(1), NULL);
    }

    switch (b->kind) {

    case LLM_BLOCK_TEXT:
        return llm_anthropic_text_block(&b->text);

    case LLM_BLOCK_IMAGE:
        return llm_anthropic_emit_image(b);

    case LLM_BLOCK_TOOL_CALL:
        return llm_json_obj("type", llm_json_lit("tool_use"),
                            "id", llm_json_strn(&it->id),
                            "name", llm_json_strn(&b->name),
                            "input", json_incref(it->input), NULL);

    case LLM_BLOCK_TOOL_RESULT:
        return llm_anthropic_emit_result(it);

    case LLM_BLOCK_REASONING:
        return llm_json_obj("type", llm_json_lit("thinking"),
                            "thinking", llm_json_strn(&b->text),
                            "signature", llm_json_strn(&b->signature), NULL);

    case LLM_BLOCK_REDACTED_REASONING:
        return llm_json_obj("type", llm_json_lit("redacted_thinking"),
                            "data", llm_json_strn(&b->data), NULL);
    }

    return NULL;
}


static int
llm_anthropic_emit_items(json_t *content, const llm_anthropic_item_t *it,
    size_t n)
{
    size_t  i;

    for (i = 0; i < n; i++) {
        if (json_array_append_new(content, llm_anthropic_emit_item(&it[i]))
            != 0)
        {
            return -1;
        }
    }

    return 0;
}


static json_t *
llm_anthropic_emit_messages(const llm_anthropic_plan_t *p)
{
    size_t                       i;
    json_t                      *turns, *content, *m;
    llm_str_t                    s;
    const llm_anthropic_turn_t  *t;

    turns = json_array();
    if (turns == NULL) {
        return NULL;
    }

    if (p->placeholder) {
        llm_str_set(&s, LLM_ANTHROPIC_PLACEHOLDER,
                    sizeof(LLM_ANTHROPIC_PLACEHOLDER) - 1);
        m = llm_json_obj("role", llm_json_lit("user"),
                         "content",
                         llm_json_arr1(llm_anthropic_text_block(&s)), NULL);
        if (json_array_append_new(turns, m) != 0) {
            goto failed;
        }
    }

    for (i = 0; i < p->nturns; i++) {
        t = &p->turns[i];

        content = json_array();
        if (content == NULL
            || llm_anthropic_emit_items(content, t->added, t->nadded) != 0
            || llm_anthropic_emit_items(content, t->results, t->nresults)
               != 0
            || llm_anthropic_emit_items(content, t->other, t->nother) != 0)
        {
            json_decref(content);
            goto failed;
        }

        m = llm_json_obj("role", llm_json_lit(t->role == LLM_ROLE_USER
                                              ? "user" : "assistant"),
                         "content", content, NULL);
        if (json_array_append_new(turns, m) != 0) {
            goto failed;
        }
    }

    return turns;

failed:

    json_decref(turns);
    return NULL;
}


static json_t *
llm_anthropic_emit_system(llm_arena_t *a, const llm_request_t *req,
    const llm_anthropic_plan_t *p)
{
    size_t     i;
    json_t    *sys;
    llm_str_t  s;

    sys = json_array();
    if (sys == NULL) {
        return NULL;
    }

    for (i = 0; i < req->nsystem; i++) {
        if (llm_anthropic_system_text(a, &req->system[i], &s) != 0) {
            json_decref(sys);
            return NULL;
        }

        if (s.len) {
            json_array_append_new(sys, llm_anthropic_text_block(&s));
        }
    }

    if (p->json_prompt) {
        llm_str_set(&s, LLM_ANTHROPIC_JSON_PROMPT,
                    sizeof(LLM_ANTHROPIC_JSON_PROMPT) - 1);
        json_array_append_new(sys, llm_anthropic_text_block(&s));
    }

    return sys;
}


static json_t *
llm_anthropic_emit_tools(const llm_request_t *req)
{
    size_t             i;
    json_t            *tools, *t, *schema;
    const llm_tool_t  *tool;

    tools = json_array();
    if (tools == NULL) {
        return NULL;
    }

    for (i = 0; i < req->ntools; i++) {
        tool = &req->tools[i];

        switch (llm_anthropic_schema_form(tool)) {

        case LLM_ANTHROPIC_SCHEMA_AS_IS:
            schema = json_incref(tool->schema);
            break;

        case LLM_ANTHROPIC_SCHEMA_ADD_TYPE:
            schema = json_copy(tool->schema);
            if (schema) {
                llm_json_set_new(schema, "type", json_string("object"));
            }
            break;

        default:
            schema = llm_json_obj("type", llm_json_lit("object"),
                                  "properties", json_object(), NULL);
            break;
        }

        t = llm_json_obj("name", llm_json_strn(&tool->name),
                         "input_schema", schema, NULL);
        if (t == NULL) {
            json_decref(tools);
            return NULL;
        }

        if (tool->description.len) {
            llm_json_set_new(t, "description",
                             llm_json_strn(&tool->description));
        }
        if (tool->strict) {
            llm_json_set_new(t, "strict", json_true());
        }

        json_array_append_new(tools, t);
    }

    return tools;
}


static json_t *
llm_anthropic_emit_tool_choice(const llm_request_t *req)
{
    int          disable;
    json_t      *tc;
    const char  *type;

    type = llm_anthropic_tool_choice(req, &disable);
    if (type == NULL) {
        return NULL;
    }

    tc = req->tool_choice == LLM_TOOL_CHOICE_NAMED
         ? llm_json_obj("type", llm_json_lit("tool"),
                        "name", llm_json_strn(&req->tool_choice_name), NULL)
         : llm_json_obj("type", json_string(type), NULL);

    if (tc && disable) {
        llm_json_set_new(tc, "disable_parallel_tool_use", json_true());
    }

    return tc;
}


static json_t *
llm_anthropic_emit_request(llm_arena_t *a, const llm_request_t *req,
    const llm_options_t *opt, llm_error_t *err, llm_warnings_t *w)
{
    json_t                *body, *messages, *sys, *v, *oc;
    size_t                 i;
    llm_anthropic_plan_t   p;

    if (llm_anthropic_plan(a, req, opt, &p, err, w) != 0) {
        return NULL;
    }

    messages = llm_anthropic_emit_messages(&p);
    if (messages == NULL) {
        (void) llm_anthropic_oom(err);
        return NULL;
    }

    body = json_object();
    if (body == NULL) {
        json_decref(messages);
        (void) llm_anthropic_oom(err);
        return NULL;
    }

    llm_json_set_new(body, "model",
                     llm_json_strn(opt->upstream_model.len
                                   ? &opt->upstream_model : &req->model));
    llm_json_set_new(body, "max_tokens", json_integer(p.max_tokens));
    llm_json_set_new(body, "messages", messages);

    sys = llm_anthropic_emit_system(a, req, &p);
    if (sys == NULL) {
        goto oom;
    }
    if (json_array_size(sys)) {
        llm_json_set_new(body, "system", sys);

    } else {
        json_decref(sys);
    }

    if (req->stream) {
        llm_json_set_new(body, "stream", json_true());
    }

    if (p.send_temperature) {
        llm_json_set_new(body, "temperature", json_real(p.temperature));
    }

    if (p.send_top_p) {
        llm_json_set_new(body, "top_p", json_real(req->top_p));
    }

    if (p.send_top_k) {
        llm_json_set_new(body, "top_k", json_integer(req->top_k));
    }

    if (req->nstop) {
        v = json_array();
        for (i = 0; v && i < req->nstop; i++) {
            if (req->stop[i].len) {
                json_array_append_new(v, llm_json_strn(&req->stop[i]));
            }
        }
        if (json_array_size(v)) {
            llm_json_set_new(body, "stop_sequences", v);

        } else {
            json_decref(v);
        }
    }

    if (req->ntools) {
        v = llm_anthropic_emit_tools(req);
        if (v == NULL) {
            goto oom;
        }
        llm_json_set_new(body, "tools", v);

        v = llm_anthropic_emit_tool_choice(req);
        if (v) {
            llm_json_set_new(body, "tool_choice", v);
        }
    }

    switch (p.thinking) {
    case LLM_THINKING_ENABLED:
        llm_json_set_new(body, "thinking",
                         llm_json_obj("type", llm_json_lit("enabled"),
                                      "budget_tokens",
                                      llm_json_int(p.budget),
                                      NULL));
        break;
    case LLM_THINKING_ADAPTIVE:
        llm_json_set_new(body, "thinking",
                         llm_json_obj("type", llm_json_lit("adaptive"),
                                      NULL));
        break;
    case LLM_THINKING_DISABLED:
        llm_json_set_new(body, "thinking",
                         llm_json_obj("type", llm_json_lit("disabled"),
                                      NULL));
        break;
    default:
        break;
    }

    oc = json_object();
    if (oc == NULL) {
        goto oom;
    }

    if (p.effort) {
        llm_json_set_new(oc, "effort", json_string(p.effort));
    }

    if (req->format == LLM_FORMAT_JSON_SCHEMA && req->format_schema) {
        llm_json_set_new(oc, "format",
                         llm_json_obj("type", llm_json_lit("json_schema"),
                                      "schema",
                                      json_incref(req->format_schema),
                                      NULL));
    }

    if (json_object_size(oc)) {
        llm_json_set_new(body, "output_config", oc);

    } else {
        json_decref(oc);
    }

    if (req->user.len) {
        llm_json_set_new(body, "metadata",
                         llm_json_obj("user_id", llm_json_strn(&req->user),
                                      NULL));
    }

    return body;

oom:

    json_decref(body);
    (void) llm_anthropic_oom(err);
    return NULL;
}


/* responses */


static int
llm_anthropic_parse_response(llm_arena_t *a, json_t *body,
    llm_response_t *resp, llm_error_t *err, llm_warnings_t *w)
{
    int          rc;
    size_t       i, n;
    json_t      *content, *j;
    const char  *type;

    type = json_string_value(json_object_get(body, "type"));
    content = json_object_get(body, "content");

    if (!json_is_object(body) || (type && strcmp(type, "message") != 0)
        || !json_is_array(content))
    {
        llm_error_set(err, LLM_ERR_BAD_GATEWAY,
                      "upstream response is not an Anthropic message");
        return -1;
    }

    (void) llm_json_str(json_object_get(body, "id"), &resp->id);
    (void) llm_json_str(json_object_get(body, "model"), &resp->model);

    n = json_array_size(content);
    if (n) {
        resp->blocks = llm_arena_calloc(a, n, sizeof(llm_block_t));
        if (resp->blocks == NULL) {
            return llm_anthropic_oom(err);
        }
    }

    json_array_foreach(content, i, j) {
        rc = llm_anthropic_block_from_json(j, &resp->blocks[resp->nblocks]);
        if (rc < 0) {
            llm_error_set(err, LLM_ERR_BAD_GATEWAY,
                          "upstream response has a malformed content block "
                          "at index %zu", i);
            return -1;
        }
        if (rc > 0) {
            /* server tool blocks and the like: no client form */
            llm_warn(w, "content:dropped");
            continue;
        }
        resp->nblocks++;
    }

    resp->stop = llm_stop_from_anthropic(
                     json_string_value(json_object_get(body, "stop_reason")));
    (void) llm_json_str(json_object_get(body, "stop_sequence"),
                        &resp->stop_sequence);

    llm_usage_from_anthropic(json_object_get(body, "usage"), &resp->usage);

    return 0;
}


static json_t *
llm_anthropic_emit_response(llm_arena_t *a, const llm_response_t *resp,
    const llm_request_t *req, const llm_options_t *opt, llm_warnings_t *w)
{
    int          calls;
    size_t       i;
    json_t      *body, *content, *j;
    llm_str_t    id;
    llm_stop_e   stop;

    content = json_array();
    if (content == NULL) {
        return NULL;
    }

    calls = 0;
    for (i = 0; i < resp->nblocks; i++) {
        calls |= resp->blocks[i].kind == LLM_BLOCK_TOOL_CALL;
        j = llm_anthropic_block_to_json(a, &resp->blocks[i], w);
        if (j) {
            json_array_append_new(content, j);
        }
    }

    /* an Anthropic client loops on "tool_use"; some OpenAI servers say
     * "stop" with tool calls */
    stop = resp->stop;
    if (calls && (stop == LLM_STOP_END || stop == LLM_STOP_UNSET)) {
        stop = LLM_STOP_TOOL_USE;
    }

    id = llm_anthropic_message_id(a, &resp->id, &resp->model, opt->now);

    body = llm_json_obj("id", llm_json_strn(&id),
                        "type", llm_json_lit("message"),
                        "role", llm_json_lit("assistant"),
                        "model", llm_json_strn(resp->model.len ? &resp->model
                                                               : &req->model),
                        "content", content,
                        "stop_reason",
                        json_string(llm_stop_to_anthropic(stop)),
                        "stop_sequence", json_null(),
                        "usage", llm_usage_to_anthropic(&resp->usage), NULL);
    if (body == NULL) {
        return NULL;
    }

    if (stop == LLM_STOP_STOP_SEQUENCE && resp->stop_sequence.len) {
        llm_json_set_new(body, "stop_sequence",
                         llm_json_strn(&resp->stop_sequence));
    }

    return body;
}


/* errors */


static void
llm_anthropic_parse_error(json_t *body, int status, llm_error_t *err)
{
    json_t      *e;
    const char  *type, *msg, *code;

    e = json_object_get(body, "error");
    if (!json_is_object(e)) {
        /* a bare {type, message} (stream error payloads, proxies) */
        e = body;
    }

    type = json_string_value(json_object_get(e, "type"));
    msg = json_string_value(json_object_get(e, "message"));

    err->kind = llm_anthropic_error_kind(type, status);
    err->status = status;

    /* a monthly spend cap arrives as a 429 rate_limit_error: retrying
     * cannot help (§3.6) */
    code = json_string_value(json_object_get(json_object_get(e, "details"),
                                             "error_code"));
    if (code && strcmp(code, "enforced_spend_limit_reached") == 0) {
        err->kind = LLM_ERR_QUOTA;
    }

    if (msg) {
        snprintf(err->message, sizeof(err->message), "%s", msg);
    }
}


static json_t *
llm_anthropic_emit_error(const llm_error_t *err)
{
    size_t   len;
    json_t  *msg;

    /* err->message is cut at LLM_ERR_MSG_MAX bytes, possibly inside a
     * UTF-8 sequence, which jansson refuses: drop the torn tail */
    len = strnlen(err->message, sizeof(err->message));
    msg = json_stringn(err->message, len);
    while (msg == NULL && len > 0
           && len + 4 > strnlen(err->message, sizeof(err->message)))
    {
        msg = json_stringn(err->message, --len);
    }
    if (msg == NULL) {
        msg = json_string("");
    }

    return llm_json_obj("type", llm_json_lit("error"),
                        "error",
                        llm_json_obj("type", json_string(
                                         llm_anthropic_error_type(err->kind)),
                                     "message", msg, NULL),
                        NULL);
}


const llm_codec_t  llm_anthropic_codec = {
    LLM_DIALECT_ANTHROPIC,
    "anthropic",
    llm_anthropic_parse_request,
    llm_anthropic_check_request,
    llm_anthropic_read_request,
    llm_anthropic_read_tools,
    llm_anthropic_emit_request,
    llm_anthropic_write_request,
    llm_anthropic_parse_response,
    llm_anthropic_read_response,
    llm_anthropic_emit_response,
    llm_anthropic_write_response,
    llm_anthropic_parse_error,
    llm_anthropic_emit_error
};
