/*
 * OpenAI Chat Completions codec: client bodies and upstream bodies in
 * the /v1/chat/completions dialect, including the OpenAI-compatible
 * self-hosted servers (vLLM, llama.cpp, Ollama) on the upstream side.
 *
 * Choices (see dialects.md, sections 1, 5 and 7):
 *   - legacy "functions"/"function_call" requests are rejected: the
 *     answer would have to come back in the legacy shape too, which the
 *     IR cannot say;
 *   - reasoning: "reasoning_content" (or vLLM's "reasoning") carries the
 *     text, "thinking_blocks" the signed blocks (LiteLLM convention);
 *     foreign signatures travel wrapped as "llm:<origin>:<signature>";
 *   - an upstream "refusal" becomes assistant text with a content_filter
 *     stop, so clients of other dialects see why there is no answer;
 *   - an Anthropic thinking budget maps to reasoning_effort by buckets:
 *     <= 1024 low, <= 8192 medium, more high; unknown budget medium.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llm_json.h"
#include "llm_json_memo.h"
#include "llm_json_pull.h"
#include "llm_codec.h"
#include "llm_map.h"
#include "llm_openai.h"
#include "llm_openai_int.h"
#include "llm_think.h"


#define LLM_OPENAI_MAX_STOP   4
#define LLM_OPENAI_PARAM_LEN  64

/* a field path for "param", formatted only for an error or for the
 * parser of a message (llm_path_format) */
#define llm_openai_param(p, ...)                                             \
    llm_path_format(p, LLM_OPENAI_PARAM_LEN, __VA_ARGS__)


static const char  *llm_openai_fields[] = {
    LLM_OPENAI_FIELDS(LLM_OPENAI_FIELD_NAME)
    NULL
};

static const llm_json_name_t  llm_openai_field_names[] = {
    LLM_OPENAI_FIELDS(LLM_OPENAI_JSON_NAME)
};

static const llm_json_name_t  llm_openai_mfields[] = {
    LLM_OPENAI_MESSAGE_FIELDS(LLM_OPENAI_JSON_NAME)
};

/* a tool call, and its function */
enum { LLM_OPENAI_CALL_TYPE, LLM_OPENAI_CALL_FUNCTION, LLM_OPENAI_CALL_ID };
static const llm_json_name_t  llm_openai_call_fields[] = {
    llm_json_name("type"), llm_json_name("function"), llm_json_name("id")
};

enum { LLM_OPENAI_FN_NAME, LLM_OPENAI_FN_ARGUMENTS };
static const llm_json_name_t  llm_openai_fn_fields[] = {
    llm_json_name("name"), llm_json_name("arguments")
};


static int llm_openai_invalid(llm_error_t *err, const char *param,
    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int llm_openai_type_error(llm_error_t *err, const char *param,
    const char *expected, json_t *got);
static int llm_openai_empty_array(llm_error_t *err, const char *param);
static int llm_openai_nomem(llm_error_t *err);
static const char *llm_openai_json_type(json_t *j);
static int llm_openai_parse_image(llm_block_t *b, json_t *part,
    const char *param, llm_error_t *err);
static int llm_openai_parse_text_parts(llm_arena_t *a, json_t *content,
    const char *param, int allow_refusal, llm_openai_blocks_t *out,
    llm_error_t *err);
static int llm_openai_parse_user(llm_arena_t *a, json_t **mf,
    const char *param, llm_message_t *msg, llm_error_t *err);
static int llm_openai_parse_assistant(llm_arena_t *a, json_t **mf,
    const char *param, llm_message_t *msg, llm_error_t *err);
static int llm_openai_parse_reasoning(llm_arena_t *a, json_t **mf,
    const char *param, llm_openai_blocks_t *out, llm_error_t *err);
static int llm_openai_parse_tool_calls(llm_arena_t *a, json_t *calls,
    const char *param, int strict, llm_openai_blocks_t *out,
    llm_error_t *err);
static int llm_openai_parse_tool(llm_arena_t *a, json_t **mf,
    const char *param, llm_request_t *req, int *open, llm_error_t *err);
static int llm_openai_parse_messages(llm_arena_t *a, json_t *msgs,
    llm_request_t *req, llm_error_t *err, llm_warnings_t *w);
static int llm_openai_parse_tools(llm_arena_t *a, json_t *tools,
    llm_request_t *req, llm_error_t *err);
static int llm_openai_parse_tool_choice(llm_arena_t *a, json_t *tc,
    llm_request_t *req, llm_error_t *err, llm_warnings_t *w);
static int llm_openai_parse_format(json_t *rf, llm_request_t *req,
    llm_error_t *err);
static int llm_openai_parse_stop(llm_arena_t *a, json_t *stop,
    llm_request_t *req, llm_error_t *err);
static int llm_openai_get_number(json_t **f, llm_openai_field_e k,
    double min, double max, double *out, llm_error_t *err);
static int llm_openai_get_int(json_t **f, llm_openai_field_e k, int64_t min,
    int64_t *out, llm_error_t *err);
static int llm_openai_get_bool(json_t **f, llm_openai_field_e k, int *out,
    llm_error_t *err);
static int llm_openai_get_string(json_t **f, llm_openai_field_e k,
    llm_str_t *out, llm_error_t *err);

static json_t *llm_openai_join(const llm_block_t *blocks, size_t n,
    llm_block_kind_e kind, const char *sep);
static json_t *llm_openai_tool_call(llm_arena_t *a, const llm_block_t *b);
static json_t *llm_openai_image_part(llm_arena_t *a, const llm_block_t *b);
static json_t *llm_openai_tool_result(llm_arena_t *a, const llm_block_t *b);
static int llm_openai_emit_user(llm_arena_t *a, json_t *msgs,
    const llm_message_t *m, const llm_profile_t *pf, llm_warnings_t *w);
static int llm_openai_emit_assistant(llm_arena_t *a, json_t *msgs,
    const llm_message_t *m, const llm_profile_t *pf, llm_warnings_t *w);
static int llm_openai_emit_system(llm_arena_t *a, json_t *msgs,
    const llm_request_t *req, const llm_profile_t *pf);
static int llm_openai_emit_tool_choice(json_t *body,
    const llm_request_t *req, const llm_profile_t *pf, llm_error_t *err,
    llm_warnings_t *w);
static int llm_openai_think_on(const llm_request_t *req);
static json_t *llm_openai_emit_tools(const llm_request_t *req);
static json_t *llm_openai_emit_format(llm_arena_t *a,
    const llm_request_t *req);
static const char *llm_openai_effort(const llm_request_t *req);

static llm_err_kind_e llm_openai_kind_from_type(const char *type);
static void llm_openai_parse_error(json_t *body, int status,
    llm_error_t *err);


/* signatures: "llm:<origin>:<signature>" */

const char *
llm_openai_sig_wrap(llm_arena_t *a, const llm_str_t *sig,
    llm_dialect_e origin, size_t *len)
{
    char        *p;
    size_t       n;
    const char  *name;

    /* an empty signature means none: nothing to protect */
    if (origin == LLM_DIALECT_OPENAI || origin == LLM_DIALECT_NONE
        || sig->len == 0)
    {
        *len = sig->len;
        return sig->data ? sig->data : "";
    }

    name = llm_dialect_name(origin);
    n = 4 + strlen(name) + 1 + sig->len;

    p = llm_arena_alloc(a, n + 1);
    if (p == NULL) {
        return NULL;
    }

    snprintf(p, n + 1, "llm:%s:", name);
    if (sig->len) {
        memcpy(p + n - sig->len, sig->data, sig->len);
    }
    p[n] = '\0';

    *len = n;
    return p;
}


llm_dialect_e
llm_openai_sig_unwrap(llm_str_t *sig)
{
    const char     *p, *end, *colon;
    llm_dialect_e   d;

    if (sig->data == NULL || sig->len < 5
        || memcmp(sig->data, "llm:", 4) != 0)
    {
        return LLM_DIALECT_OPENAI;
    }

    p = sig->data + 4;
    end = sig->data + sig->len;
    colon = memchr(p, ':', end - p);
    if (colon == NULL) {
        return LLM_DIALECT_OPENAI;
    }

    d = llm_dialect_from_name(p, colon - p);
    if (d == LLM_DIALECT_NONE) {
        return LLM_DIALECT_OPENAI;
    }

    sig->len = end - (colon + 1);
    sig->data = colon + 1;
    return d;
}


int
llm_openai_parse_args(llm_arena_t *a, llm_block_t *b, json_t *args)
{
    if (llm_json_str(args, &b->args_json) != 0) {
        return -1;
    }

    return llm_openai_args_parse(a, b);
}


int
llm_openai_args_parse(llm_arena_t *a, llm_block_t *b)
{
    size_t        i;
    json_t       *j;
    const char   *s;
    json_error_t  jerr;

    s = b->args_json.data;
    for (i = 0; i < b->args_json.len; i++) {
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') {
            break;
        }
    }

    /* some servers send "" for a call without arguments */
    if (i == b->args_json.len) {
        b->args = llm_arena_keep(a, json_object());
        return b->args ? 0 : -1;
    }

    j = llm_json_loadb(s, b->args_json.len, 0, &jerr);
    if (j == NULL) {
        b->args = NULL;
        return 0;
    }

    if (!json_is_object(j)) {
        json_decref(j);
        b->args = NULL;
        return 0;
    }

    b->args = llm_arena_keep(a, j);
    return b->args ? 0 : -1;
}


const char *
llm_openai_args_string(llm_arena_t *a, const llm_block_t *b, size_t *len)
{
    if (b->args_json.data) {
        *len = b->args_json.len;
        return b->args_json.data;
    }

    if (b->args) {
        return llm_json_dump(a, b->args, len);
    }

    *len = 2;
    return "{}";
}


/* request parsing */

static int
llm_openai_invalid(llm_error_t *err, const char *param, const char *fmt,
    ...)
{
    va_list  ap;

    err->kind = LLM_ERR_INVALID_REQUEST;
    err->status = 400;

    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);

    snprintf(err->param, sizeof(err->param), "%s", param ? param : "");

    /* both may quote client bytes (a field name), or be cut short */
    llm_utf8_sanitize(err->message);
    llm_utf8_sanitize(err->param);
    return -1;
}


static const char *
llm_openai_json_type(json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a decimal";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}


static int
llm_openai_type_error(llm_error_t *err, const char *param,
    const char *expected, json_t *got)
{
    if (got == NULL) {
        return llm_openai_invalid(err, param, "Missing required parameter: "
                                  "'%s'.", param);
    }

    return llm_openai_invalid(err, param,
                              "Invalid type for '%s': expected %s, but got "
                              "%s instead.", param, expected,
                              llm_openai_json_type(got));
}


static int
llm_openai_empty_array(llm_error_t *err, const char *param)
{
    return llm_openai_invalid(err, param, "Invalid '%s': empty array. "
                              "Expected an array with minimum length 1, "
                              "but got an empty array instead.", param);
}


static int
llm_openai_nomem(llm_error_t *err)
{
    llm_error_set(err, LLM_ERR_SERVER, "out of memory");
    return -1;
}


llm_block_t *
llm_openai_block_add(llm_arena_t *a, llm_openai_blocks_t *b)
{
    size_t        cap;
    llm_block_t  *p;

    if (b->n == b->cap) {
        cap = b->cap ? b->cap * 2 : 4;
        p = llm_arena_calloc(a, cap, sizeof(llm_block_t));
        if (p == NULL) {
            return NULL;
        }
        if (b->n) {
            memcpy(p, b->elts, b->n * sizeof(llm_block_t));
        }
        b->elts = p;
        b->cap = cap;
    }

    p = &b->elts[b->n++];
    memset(p, 0, sizeof(llm_block_t));
    return p;
}


static int
llm_openai_parse_image(llm_block_t *b, json_t *part, const char *param,
    llm_error_t *err)
{
    char         p[LLM_OPENAI_PARAM_LEN];
    json_t      *iu, *url;
    llm_str_t    s;

    iu = json_object_get(part, "image_url");

    llm_openai_param(p, "%s.image_url", param);
    if (iu == NULL) {
        return llm_openai_invalid(err, p, "Missing required parameter: "
                                  "'%s'.", p);
    }

    /* a few older clients send the URL itself */
    url = json_is_string(iu) ? iu : json_object_get(iu, "url");

    llm_openai_param(p, "%s.image_url.url", param);
    if (!json_is_object(iu) && !json_is_string(iu)) {
        return llm_openai_type_error(err, p, "an object", iu);
    }
    if (url == NULL) {
        return llm_openai_invalid(err, p, "Missing required parameter: "
                                  "'%s'.", p);
    }
    if (llm_json_str(url, &s) != 0) {
        return llm_openai_type_error(err, p, "a string", url);
    }

    switch (llm_openai_image_url(b, &s)) {

    case LLM_OPENAI_IMAGE_OK:
        return 0;

    case LLM_OPENAI_IMAGE_NOT_URL:
        return llm_openai_invalid(err, p, "Invalid '%s': expected a URL "
                                  "(http, https or a base64 data URL).", p);

    case LLM_OPENAI_IMAGE_NOT_BASE64:
        return llm_openai_invalid(err, p, "Invalid '%s': only base64 data "
                                  "URLs are supported.", p);

    default:
        return llm_openai_invalid(err, p, "Invalid '%s': the data URL has "
                                  "no media type.", p);
    }
}


llm_openai_image_e
llm_openai_image_url(llm_block_t *b, const llm_str_t *s)
{
    const char  *comma, *semi, *end;

    b->kind = LLM_BLOCK_IMAGE;

    if (s->len < 5 || strncmp(s->data, "data:", 5) != 0) {
        if ((s->len > 7 && strncmp(s->data, "http://", 7) == 0)
            || (s->len > 8 && strncmp(s->data, "https://", 8) == 0))
        {
            b->url = *s;
            return LLM_OPENAI_IMAGE_OK;
        }

        return LLM_OPENAI_IMAGE_NOT_URL;
    }

    /* data:<media type>[;param]*;base64,<payload> */
    end = s->data + s->len;
    comma = memchr(s->data, ',', s->len);
    if (comma == NULL || comma - s->data < 12
        || strncmp(comma - 7, ";base64", 7) != 0)
    {
        return LLM_OPENAI_IMAGE_NOT_BASE64;
    }

    semi = memchr(s->data + 5, ';', comma - (s->data + 5));
    if (semi == s->data + 5) {
        return LLM_OPENAI_IMAGE_NO_TYPE;
    }

    llm_str_set(&b->media_type, s->data + 5, semi - (s->data + 5));
    llm_str_set(&b->data, comma + 1, end - (comma + 1));
    return LLM_OPENAI_IMAGE_OK;
}


/*
 * Text (and, for assistant messages, refusal) content parts.
 */
static int
llm_openai_parse_text_parts(llm_arena_t *a, json_t *content,
    const char *param, int allow_refusal, llm_openai_blocks_t *out,
    llm_error_t *err)
{
    char          p[LLM_OPENAI_PARAM_LEN];
    size_t        i;
    json_t       *part, *type, *text;
    llm_block_t  *b;
    const char   *t, *key;

    if (json_array_size(content) == 0) {
        return llm_openai_empty_array(err, param);
    }

    /* the paths are formatted only for an error, here and below: this
     * runs for every part of every message */

    json_array_foreach(content, i, part) {
        if (!json_is_object(part)) {
            llm_openai_param(p, "%s[%zu]", param, i);
            return llm_openai_type_error(err, p, "an object", part);
        }

        type = json_object_get(part, "type");
        t = json_string_value(type);
        if (t == NULL) {
            llm_openai_param(p, "%s[%zu].type", param, i);
            return llm_openai_invalid(err, p, "Missing required parameter: "
                                      "'%s'.", p);
        }

        if (strcmp(t, "text") == 0) {
            key = "text";

        } else if (allow_refusal && strcmp(t, "refusal") == 0) {
            key = "refusal";

        } else {
            llm_openai_param(p, "%s[%zu].type", param, i);
            return llm_openai_invalid(err, p, "Invalid value: '%s'. "
                                      "Supported values are: 'text'%s.", t,
                                      allow_refusal ? " and 'refusal'" : "");
        }

        text = json_object_get(part, key);
        if (!json_is_string(text)) {
            llm_openai_param(p, "%s[%zu].%s", param, i, key);
            return text ? llm_openai_type_error(err, p, "a string", text)
                        : llm_openai_invalid(err, p, "Missing required "
                                             "parameter: '%s'.", p);
        }

        b = llm_openai_block_add(a, out);
        if (b == NULL) {
            return llm_openai_nomem(err);
        }
        b->kind = LLM_BLOCK_TEXT;
        llm_json_str(text, &b->text);
    }

    return 0;
}


static int
llm_openai_parse_user(llm_arena_t *a, json_t **mf, const char *param,
    llm_message_t *msg, llm_error_t *err)
{
    char                  p[LLM_OPENAI_PARAM_LEN];
    size_t                i;
    json_t               *content, *part, *text;
    const char           *t;
    llm_block_t          *b;
    llm_openai_blocks_t   bl;

    memset(&bl, 0, sizeof(bl));

    msg->role = LLM_ROLE_USER;

    content = mf[LLM_OPENAI_M_content];

    if (json_is_string(content)) {
        b = llm_openai_block_add(a, &bl);
        if (b == NULL) {
            return llm_openai_nomem(err);
        }
        b->kind = LLM_BLOCK_TEXT;
        llm_json_str(content, &b->text);
        goto done;
    }

    llm_openai_param(p, "%s.content", param);

    if (content == NULL) {
        return llm_openai_invalid(err, p, "Missing required parameter: "
                                  "'%s'.", p);
    }

    if (!json_is_array(content)) {
        return llm_openai_type_error(err, p, "one of a string or an array "
                                     "of objects", content);
    }

    if (json_array_size(content) == 0) {
        return llm_openai_empty_array(err, p);
    }

    json_array_foreach(content, i, part) {
        if (!json_is_object(part)) {
            llm_openai_param(p, "%s.content[%zu]", param, i);
            return llm_openai_type_error(err, p, "an object", part);
        }

        t = json_string_value(json_object_get(part, "type"));
        if (t == NULL) {
            llm_openai_param(p, "%s.content[%zu].type", param, i);
            return llm_openai_invalid(err, p, "Missing required parameter: "
                                      "'%s'.", p);
        }

        if (strcmp(t, "text") == 0) {
            text = json_object_get(part, "text");
            if (!json_is_string(text)) {
                llm_openai_param(p, "%s.content[%zu].text", param, i);
                return llm_openai_type_error(err, p, "a string", text);
            }
            b = llm_openai_block_add(a, &bl);
            if (b == NULL) {
                return llm_openai_nomem(err);
            }
            b->kind = LLM_BLOCK_TEXT;
            llm_json_str(text, &b->text);

        } else if (strcmp(t, "image_url") == 0) {
            b = llm_openai_block_add(a, &bl);
            if (b == NULL) {
                return llm_openai_nomem(err);
            }
            llm_openai_param(p, "%s.content[%zu]", param, i);
            if (llm_openai_parse_image(b, part, p, err) != 0) {
                return -1;
            }

        } else if (strcmp(t, "input_audio") == 0 || strcmp(t, "file") == 0)
        {
            /* the IR has no audio or document blocks yet */
            llm_openai_param(p, "%s.content[%zu]", param, i);
            return llm_openai_invalid(err, p, "Content parts of type '%s' "
                                      "are not supported by this "
                                      "gateway.", t);

        } else {
            llm_openai_param(p, "%s.content[%zu].type", param, i);
            return llm_openai_invalid(err, p, "Invalid value: '%s'. "
                                      "Supported values are: 'text', "
                                      "'image_url', 'input_audio', and "
                                      "'file'.", t);
        }
    }

done:

    msg->blocks = bl.elts;
    msg->nblocks = bl.n;
    return 0;
}


/*
 * Reasoning history: thinking_blocks (signed, LiteLLM convention) win
 * over reasoning_content / reasoning (plain text, DeepSeek / vLLM).
 * Also used for responses (strict = 0: ignore malformed entries).
 */
static int
llm_openai_parse_reasoning(llm_arena_t *a, json_t **mf, const char *param,
    llm_openai_blocks_t *out, llm_error_t *err)
{
    char          p[LLM_OPENAI_PARAM_LEN];
    size_t        i;
    json_t       *tb, *e, *v, *sig;
    llm_str_t     s;
    const char   *t;
    llm_block_t  *b;

    tb = mf[LLM_OPENAI_M_thinking_blocks];

    if (json_is_array(tb) && json_array_size(tb)) {
        json_array_foreach(tb, i, e) {
            llm_openai_param(p, "%s.thinking_blocks[%zu]", param, i);
            t = json_string_value(json_object_get(e, "type"));

            if (t && strcmp(t, "thinking") == 0) {
                v = json_object_get(e, "thinking");
                sig = json_object_get(e, "signature");
                if (!json_is_string(v)
                    || (sig && !json_is_null(sig) && !json_is_string(sig)))
                {
                    return llm_openai_invalid(err, p, "Invalid '%s': a "
                                              "thinking block needs "
                                              "string 'thinking' and "
                                              "'signature'.", p);
                }

                b = llm_openai_block_add(a, out);
                if (b == NULL) {
                    return llm_openai_nomem(err);
                }
                b->kind = LLM_BLOCK_REASONING;
                llm_json_str(v, &b->text);
                llm_json_str(sig, &b->signature);
                b->signature_origin = llm_openai_sig_unwrap(&b->signature);

            } else if (t && strcmp(t, "redacted_thinking") == 0) {
                v = json_object_get(e, "data");
                if (!json_is_string(v)) {
                    return llm_openai_invalid(err, p, "Invalid '%s': a "
                                              "redacted_thinking block "
                                              "needs a string 'data'.", p);
                }

                b = llm_openai_block_add(a, out);
                if (b == NULL) {
                    return llm_openai_nomem(err);
                }
                b->kind = LLM_BLOCK_REDACTED_REASONING;
                llm_json_str(v, &b->data);
                b->signature_origin = llm_openai_sig_unwrap(&b->data);

            } else {
                return llm_openai_invalid(err, p, "Invalid '%s': type must "
                                          "be 'thinking' or "
                                          "'redacted_thinking'.", p);
            }
        }

        return 0;
    }

    v = mf[LLM_OPENAI_M_reasoning_content];
    if (!json_is_string(v)) {
        v = mf[LLM_OPENAI_M_reasoning];
    }

    if (llm_json_str(v, &s) == 0
        && llm_openai_reasoning_text(a, out, &s) != 0)
    {
        return llm_openai_nomem(err);
    }

    return 0;
}


int
llm_openai_reasoning_text(llm_arena_t *a, llm_openai_blocks_t *bl,
    const llm_str_t *s)
{
    llm_block_t  *b;

    if (s->len == 0) {
        return 0;
    }

    b = llm_openai_block_add(a, bl);
    if (b == NULL) {
        return -1;
    }

    b->kind = LLM_BLOCK_REASONING;
    b->text = *s;
    b->signature_origin = LLM_DIALECT_OPENAI;
    return 0;
}


/*
 * tool_calls of an assistant message (request) or of a response
 * (strict = 0: synthesise missing ids, skip non-function entries).
 */
static int
llm_openai_parse_tool_calls(llm_arena_t *a, json_t *calls,
    const char *param, int strict, llm_openai_blocks_t *out,
    llm_error_t *err)
{
    char          p[LLM_OPENAI_PARAM_LEN], *id;
    size_t        i;
    json_t       *c, *cf[3], *fn, *ff[2], *name, *args, *v;
    const char   *t;
    llm_block_t  *b;

    /* the paths are formatted only for an error */

    json_array_foreach(calls, i, c) {
        if (!json_is_object(c)) {
            llm_openai_param(p, "%s[%zu]", param, i);
            return llm_openai_type_error(err, p, "an object", c);
        }

        llm_json_pick(c, llm_openai_call_fields, 3, cf);

        t = json_string_value(cf[LLM_OPENAI_CALL_TYPE]);
        if (strict && t && strcmp(t, "function") != 0) {
            llm_openai_param(p, "%s[%zu].type", param, i);
            return llm_openai_invalid(err, p, "Invalid value: '%s'. "
                                      "Supported values are: 'function'.",
                                      t);
        }

        fn = cf[LLM_OPENAI_CALL_FUNCTION];
        llm_json_pick(fn, llm_openai_fn_fields, 2, ff);
        name = ff[LLM_OPENAI_FN_NAME];
        args = ff[LLM_OPENAI_FN_ARGUMENTS];

        if (!json_is_object(fn)) {
            llm_openai_param(p, "%s[%zu].function", param, i);
            return llm_openai_type_error(err, p, "an object", fn);
        }
        if (!json_is_string(name)) {
            llm_openai_param(p, "%s[%zu].function.name", param, i);
            return llm_openai_type_error(err, p, "a string", name);
        }
        if (args != NULL && !json_is_string(args)) {
            llm_openai_param(p, "%s[%zu].function.arguments", param, i);
            return llm_openai_type_error(err, p, "a string", args);
        }

        b = llm_openai_block_add(a, out);
        if (b == NULL) {
            return llm_openai_nomem(err);
        }
        b->kind = LLM_BLOCK_TOOL_CALL;
        llm_json_str(name, &b->name);

        v = cf[LLM_OPENAI_CALL_ID];
        if (json_is_string(v) && json_string_length(v)) {
            llm_json_str(v, &b->id);

        } else if (strict) {
            llm_openai_param(p, "%s[%zu].id", param, i);
            return llm_openai_invalid(err, p, "Missing required parameter: "
                                      "'%s'.", p);

        } else {
            id = llm_arena_alloc(a, 32);
            if (id == NULL) {
                return llm_openai_nomem(err);
            }
            llm_str_set(&b->id, id,
                        (size_t) snprintf(id, 32, "call_%zu", i));
        }

        /* no arguments: {} */
        if ((args == NULL ? llm_openai_args_parse(a, b)
                          : llm_openai_parse_args(a, b, args))
            != 0)
        {
            return llm_openai_nomem(err);
        }
    }

    return 0;
}


static int
llm_openai_parse_assistant(llm_arena_t *a, json_t **mf, const char *param,
    llm_message_t *msg, llm_error_t *err)
{
    char                  p[LLM_OPENAI_PARAM_LEN];
    json_t               *content, *refusal, *calls;
    llm_block_t          *b;
    llm_openai_blocks_t   bl;

    memset(&bl, 0, sizeof(bl));

    msg->role = LLM_ROLE_ASSISTANT;

    if (mf[LLM_OPENAI_M_function_call]) {
        llm_openai_param(p, "%s.function_call", param);
        return llm_openai_invalid(err, p, "The legacy 'function_call' is "
                                  "not supported by this gateway; use "
                                  "'tool_calls'.");
    }

    if (llm_openai_parse_reasoning(a, mf, param, &bl, err) != 0) {
        return -1;
    }

    /* the paths are formatted only when needed: this runs for every
     * assistant message */

    content = mf[LLM_OPENAI_M_content];

    if (json_is_string(content)) {
        if (json_string_length(content)) {
            b = llm_openai_block_add(a, &bl);
            if (b == NULL) {
                return llm_openai_nomem(err);
            }
            b->kind = LLM_BLOCK_TEXT;
            llm_json_str(content, &b->text);
        }

    } else if (json_is_array(content)) {
        llm_openai_param(p, "%s.content", param);
        if (llm_openai_parse_text_parts(a, content, p, 1, &bl, err) != 0) {
            return -1;
        }

    } else if (content != NULL && !json_is_null(content)) {
        llm_openai_param(p, "%s.content", param);
        return llm_openai_type_error(err, p, "one of a string or an array "
                                     "of objects", content);
    }

    refusal = mf[LLM_OPENAI_M_refusal];
    if (json_is_string(refusal) && json_string_length(refusal)) {
        b = llm_openai_block_add(a, &bl);
        if (b == NULL) {
            return llm_openai_nomem(err);
        }
        b->kind = LLM_BLOCK_TEXT;
        llm_json_str(refusal, &b->text);

    } else if (refusal && !json_is_null(refusal) && !json_is_string(refusal))
    {
        llm_openai_param(p, "%s.refusal", param);
        return llm_openai_type_error(err, p, "a string", refusal);
    }

    calls = mf[LLM_OPENAI_M_tool_calls];

    if (json_is_array(calls)) {
        llm_openai_param(p, "%s.tool_calls", param);
        if (llm_openai_parse_tool_calls(a, calls, p, 1, &bl, err) != 0) {
            return -1;
        }

    } else if (calls != NULL && !json_is_null(calls)) {
        llm_openai_param(p, "%s.tool_calls", param);
        return llm_openai_type_error(err, p, "an array", calls);
    }

    msg->blocks = bl.elts;
    msg->nblocks = bl.n;
    return 0;
}


void
llm_openai_system_add(llm_request_t *req, llm_warnings_t *w, int seen_turn,
    const llm_openai_blocks_t *bl)
{
    llm_message_t  *msg;

    if (seen_turn) {
        llm_warn(w, "system:hoisted");
    }

    if (bl->n == 0) {
        return;
    }

    msg = &req->system[req->nsystem++];
    msg->role = LLM_ROLE_SYSTEM;
    msg->blocks = bl->elts;
    msg->nblocks = bl->n;
}


/*
 * A "tool" message: a TOOL_RESULT block, appended to the USER message
 * opened by the previous tool message (*open), or a new one.
 */
static int
llm_openai_parse_tool(llm_arena_t *a, json_t **mf, const char *param,
    llm_request_t *req, int *open, llm_error_t *err)
{
    char                  p[LLM_OPENAI_PARAM_LEN];
    json_t               *id, *content;
    llm_str_t             id_s;
    llm_block_t          *c;
    llm_openai_blocks_t   bl;

    memset(&bl, 0, sizeof(bl));

    id = mf[LLM_OPENAI_M_tool_call_id];
    if (!json_is_string(id)) {
        llm_openai_param(p, "%s.tool_call_id", param);
        if (id == NULL || json_is_null(id)) {
            return llm_openai_invalid(err, p, "Missing parameter "
                                      "'tool_call_id': messages with role "
                                      "'tool' must have a 'tool_call_id'.");
        }
        return llm_openai_type_error(err, p, "a string", id);
    }

    content = mf[LLM_OPENAI_M_content];

    if (json_is_string(content)) {
        c = llm_openai_block_add(a, &bl);
        if (c == NULL) {
            return llm_openai_nomem(err);
        }
        c->kind = LLM_BLOCK_TEXT;
        llm_json_str(content, &c->text);

    } else if (json_is_array(content)) {
        llm_openai_param(p, "%s.content", param);
        if (llm_openai_parse_text_parts(a, content, p, 0, &bl, err) != 0) {
            return -1;
        }

    } else if (content == NULL) {
        llm_openai_param(p, "%s.content", param);
        return llm_openai_invalid(err, p, "Missing required parameter: "
                                  "'%s'.", p);

    } else {
        llm_openai_param(p, "%s.content", param);
        return llm_openai_type_error(err, p, "one of a string or an array "
                                     "of objects", content);
    }

    llm_json_str(id, &id_s);

    if (llm_openai_tool_result_add(a, req, open, &id_s, &bl) != 0) {
        return llm_openai_nomem(err);
    }

    return 0;
}


int
llm_openai_tool_result_add(llm_arena_t *a, llm_request_t *req, int *open,
    const llm_str_t *call_id, const llm_openai_blocks_t *bl)
{
    size_t          i, j;
    llm_block_t    *b, *c;
    llm_message_t  *msg;

    if (*open) {
        msg = &req->messages[req->nmessages - 1];
        b = llm_arena_grow(a, msg->blocks, msg->nblocks, sizeof(llm_block_t));

    } else {
        msg = &req->messages[req->nmessages++];
        msg->role = LLM_ROLE_USER;
        msg->nblocks = 0;
        b = llm_arena_calloc(a, 1, sizeof(llm_block_t));
        *open = 1;
    }

    if (b == NULL) {
        return -1;
    }

    msg->blocks = b;
    b = &msg->blocks[msg->nblocks++];

    b->kind = LLM_BLOCK_TOOL_RESULT;
    b->call_id = *call_id;
    b->content = bl->elts;
    b->ncontent = bl->n;

    /* the name, for dialects that answer calls by name (Gemini) */
    for (i = req->nmessages; i-- > 0; ) {
        msg = &req->messages[i];
        if (msg->role != LLM_ROLE_ASSISTANT) {
            continue;
        }
        for (j = 0; j < msg->nblocks; j++) {
            c = &msg->blocks[j];
            if (c->kind == LLM_BLOCK_TOOL_CALL && c->id.len == b->call_id.len
                && memcmp(c->id.data, b->call_id.data, c->id.len) == 0)
            {
                b->name = c->name;
                return 0;
            }
        }
    }

    return 0;
}


static int
llm_openai_parse_messages(llm_arena_t *a, json_t *msgs, llm_request_t *req,
    llm_error_t *err, llm_warnings_t *w)
{
    int                   open, seen_turn;
    char                  p[LLM_OPENAI_PARAM_LEN];
    size_t                i, n;
    json_t               *m, *role, *content, *mf[LLM_OPENAI_NMFIELDS];
    const char           *r;
    llm_message_t        *msg;
    llm_openai_blocks_t   bl;

    n = json_array_size(msgs);

    req->system = llm_arena_calloc(a, n, sizeof(llm_message_t));
    req->messages = llm_arena_calloc(a, n, sizeof(llm_message_t));
    if (req->system == NULL || req->messages == NULL) {
        return llm_openai_nomem(err);
    }

    open = 0;
    seen_turn = 0;

    json_array_foreach(msgs, i, m) {
        if (!json_is_object(m)) {
            llm_openai_param(p, "messages[%zu]", i);
            return llm_openai_type_error(err, p, "an object", m);
        }

        llm_json_pick(m, llm_openai_mfields, LLM_OPENAI_NMFIELDS, mf);

        role = mf[LLM_OPENAI_M_role];
        r = json_string_value(role);
        if (r == NULL) {
            llm_openai_param(p, "messages[%zu].role", i);
            return role ? llm_openai_type_error(err, p, "a string", role)
                        : llm_openai_invalid(err, p, "Missing required "
                                             "parameter: '%s'.", p);
        }

        if (strcmp(r, "tool") != 0) {
            open = 0;
        }

        if (strcmp(r, "system") == 0 || strcmp(r, "developer") == 0) {
            memset(&bl, 0, sizeof(bl));
            content = mf[LLM_OPENAI_M_content];

            if (json_is_string(content)) {
                if (json_string_length(content)) {
                    if (llm_openai_block_add(a, &bl) == NULL) {
                        return llm_openai_nomem(err);
                    }
                    bl.elts[0].kind = LLM_BLOCK_TEXT;
                    llm_json_str(content, &bl.elts[0].text);
                }

            } else if (json_is_array(content)) {
                llm_openai_param(p, "messages[%zu].content", i);
                if (llm_openai_parse_text_parts(a, content, p, 0, &bl, err)
                    != 0)
                {
                    return -1;
                }

            } else {
                llm_openai_param(p, "messages[%zu].content", i);
                return content
                       ? llm_openai_type_error(err, p, "one of a string or "
                                               "an array of objects", content)
                       : llm_openai_invalid(err, p, "Missing required "
                                            "parameter: '%s'.", p);
            }

            llm_openai_system_add(req, w, seen_turn, &bl);
            continue;
        }

        seen_turn = 1;

        /* the parent of the paths the parsers below may report */
        llm_openai_param(p, "messages[%zu]", i);

        if (strcmp(r, "user") == 0) {
            msg = &req->messages[req->nmessages];
            if (llm_openai_parse_user(a, mf, p, msg, err) != 0) {
                return -1;
            }
            req->nmessages++;

        } else if (strcmp(r, "assistant") == 0) {
            msg = &req->messages[req->nmessages];
            if (llm_openai_parse_assistant(a, mf, p, msg, err) != 0) {
                return -1;
            }
            req->nmessages++;

        } else if (strcmp(r, "tool") == 0) {
            if (llm_openai_parse_tool(a, mf, p, req, &open, err) != 0) {
                return -1;
            }

        } else if (strcmp(r, "function") == 0) {
            llm_openai_param(p, "messages[%zu].role", i);
            return llm_openai_invalid(err, p, "The legacy 'function' role "
                                      "is not supported by this gateway; "
                                      "use 'tool' messages.");

        } else {
            llm_openai_param(p, "messages[%zu].role", i);
            return llm_openai_invalid(err, p, "Invalid value: '%s'. "
                                      "Supported values are: 'system', "
                                      "'assistant', 'user', 'function', "
                                      "'tool', and 'developer'.", r);
        }
    }

    return 0;
}


static int
llm_openai_parse_tools(llm_arena_t *a, json_t *tools, llm_request_t *req,
    llm_error_t *err)
{
    char         p[LLM_OPENAI_PARAM_LEN];
    size_t       i;
    json_t      *t, *fn, *v;
    const char  *type;
    llm_tool_t  *tool;

    if (!json_is_array(tools)) {
        return llm_openai_type_error(err, "tools", "an array", tools);
    }

    if (json_array_size(tools) == 0) {
        return llm_openai_empty_array(err, "tools");
    }

    req->tools = llm_arena_calloc(a, json_array_size(tools) + 1,
                                  sizeof(llm_tool_t));
    if (req->tools == NULL) {
        return llm_openai_nomem(err);
    }

    /* the paths are formatted only for an error */

    json_array_foreach(tools, i, t) {
        if (!json_is_object(t)) {
            llm_openai_param(p, "tools[%zu]", i);
            return llm_openai_type_error(err, p, "an object", t);
        }

        type = json_string_value(json_object_get(t, "type"));
        if (type == NULL || strcmp(type, "function") != 0) {
            llm_openai_param(p, "tools[%zu].type", i);

            if (type == NULL) {
                return llm_openai_invalid(err, p, "Missing required "
                                          "parameter: '%s'.", p);
            }
            if (strcmp(type, "custom") == 0) {
                return llm_openai_invalid(err, p, "Custom tools are not "
                                          "supported by this gateway; use "
                                          "function tools.");
            }
            return llm_openai_invalid(err, p, "Invalid value: '%s'. "
                                      "Supported values are: 'function' "
                                      "and 'custom'.", type);
        }

        fn = json_object_get(t, "function");
        if (!json_is_object(fn)) {
            llm_openai_param(p, "tools[%zu].function", i);
            return fn ? llm_openai_type_error(err, p, "an object", fn)
                      : llm_openai_invalid(err, p, "Missing required "
                                           "parameter: '%s'.", p);
        }

        tool = &req->tools[req->ntools];

        v = json_object_get(fn, "name");
        if (!json_is_string(v)) {
            llm_openai_param(p, "tools[%zu].function.name", i);
            return v ? llm_openai_type_error(err, p, "a string", v)
                     : llm_openai_invalid(err, p, "Missing required "
                                          "parameter: '%s'.", p);
        }
        llm_json_str(v, &tool->name);

        v = json_object_get(fn, "description");
        if (v && !json_is_null(v) && llm_json_str(v, &tool->description)) {
            llm_openai_param(p, "tools[%zu].function.description", i);
            return llm_openai_type_error(err, p, "a string", v);
        }

        v = json_object_get(fn, "parameters");
        if (v && !json_is_null(v)) {
            if (!json_is_object(v)) {
                llm_openai_param(p, "tools[%zu].function.parameters", i);
                return llm_openai_type_error(err, p, "an object", v);
            }
            tool->schema = v;
        }

        v = json_object_get(fn, "strict");
        if (v && !json_is_null(v)) {
            if (!json_is_boolean(v)) {
                llm_openai_param(p, "tools[%zu].function.strict", i);
                return llm_openai_type_error(err, p, "a boolean", v);
            }
            tool->strict = json_is_true(v);
        }

        req->ntools++;
    }

    return 0;
}


static int
llm_openai_parse_tool_choice(llm_arena_t *a, json_t *tc, llm_request_t *req,
    llm_error_t *err, llm_warnings_t *w)
{
    size_t       i, j, n;
    json_t      *v, *allowed, *list, *e;
    llm_str_t    name;
    const char  *s, *mode;

    if (json_is_string(tc)) {
        s = json_string_value(tc);

        if (strcmp(s, "auto") == 0) {
            req->tool_choice = LLM_TOOL_CHOICE_AUTO;

        } else if (strcmp(s, "none") == 0) {
            req->tool_choice = LLM_TOOL_CHOICE_NONE;

        } else if (strcmp(s, "required") == 0) {
            req->tool_choice = LLM_TOOL_CHOICE_REQUIRED;

        } else {
            return llm_openai_invalid(err, "tool_choice", "Invalid value: "
                                      "'%s'. Supported values are: 'none', "
                                      "'auto', and 'required'.", s);
        }

        return 0;
    }

    if (!json_is_object(tc)) {
        return llm_openai_type_error(err, "tool_choice", "one of a string "
                                     "or an object", tc);
    }

    s = json_string_value(json_object_get(tc, "type"));
    if (s == NULL) {
        return llm_openai_invalid(err, "tool_choice.type", "Missing "
                                  "required parameter: "
                                  "'tool_choice.type'.");
    }

    if (strcmp(s, "function") == 0) {
        v = json_object_get(json_object_get(tc, "function"), "name");
        if (llm_json_str(v, &req->tool_choice_name) != 0) {
            return llm_openai_invalid(err, "tool_choice.function.name",
                                      "Missing required parameter: "
                                      "'tool_choice.function.name'.");
        }
        req->tool_choice = LLM_TOOL_CHOICE_NAMED;
        return 0;
    }

    if (strcmp(s, "custom") == 0) {
        return llm_openai_invalid(err, "tool_choice.type", "Custom tools "
                                  "are not supported by this gateway.");
    }

    if (strcmp(s, "allowed_tools") != 0) {
        return llm_openai_invalid(err, "tool_choice.type", "Invalid value: "
                                  "'%s'. Supported values are: 'function', "
                                  "'custom', and 'allowed_tools'.", s);
    }

    /* allowed_tools: no other dialect has it; keep only the allowed tools
     * (the model sees fewer definitions, but can call the same ones) */

    allowed = json_object_get(tc, "allowed_tools");
    mode = json_string_value(json_object_get(allowed, "mode"));
    list = json_object_get(allowed, "tools");

    if (mode == NULL
        || (strcmp(mode, "auto") != 0 && strcmp(mode, "required") != 0))
    {
        return llm_openai_invalid(err, "tool_choice.allowed_tools.mode",
                                  "Invalid 'tool_choice.allowed_tools.mode':"
                                  " expected 'auto' or 'required'.");
    }
    if (!json_is_array(list)) {
        return llm_openai_type_error(err, "tool_choice.allowed_tools.tools",
                                     "an array", list);
    }

    n = 0;
    for (i = 0; i < req->ntools; i++) {
        json_array_foreach(list, j, e) {
            v = json_object_get(json_object_get(e, "function"), "name");
            if (llm_json_str(v, &name) == 0
                && name.len == req->tools[i].name.len
                && memcmp(name.data, req->tools[i].name.data, name.len) == 0)
            {
                req->tools[n++] = req->tools[i];
                break;
            }
        }
    }
    req->ntools = n;

    if (mode[0] == 'a') {
        req->tool_choice = LLM_TOOL_CHOICE_AUTO;

    } else if (n == 1) {
        req->tool_choice = LLM_TOOL_CHOICE_NAMED;
        req->tool_choice_name = req->tools[0].name;

    } else {
        req->tool_choice = LLM_TOOL_CHOICE_REQUIRED;
    }

    llm_warn(w, "tool_choice:approximated");
    return 0;
}


static int
llm_openai_parse_format(json_t *rf, llm_request_t *req, llm_error_t *err)
{
    json_t      *js, *v;
    const char  *type;

    if (!json_is_object(rf)) {
        return llm_openai_type_error(err, "response_format", "an object",
                                     rf);
    }

    type = json_string_value(json_object_get(rf, "type"));
    if (type == NULL) {
        return llm_openai_invalid(err, "response_format.type", "Missing "
                                  "required parameter: "
                                  "'response_format.type'.");
    }

    if (strcmp(type, "text") == 0) {
        req->format = LLM_FORMAT_TEXT;
        return 0;
    }

    if (strcmp(type, "json_object") == 0) {
        req->format = LLM_FORMAT_JSON_OBJECT;
        return 0;
    }

    if (strcmp(type, "json_schema") != 0) {
        return llm_openai_invalid(err, "response_format.type", "Invalid "
                                  "value: '%s'. Supported values are: "
                                  "'text', 'json_object', and "
                                  "'json_schema'.", type);
    }

    js = json_object_get(rf, "json_schema");
    if (!json_is_object(js)) {
        return js ? llm_openai_type_error(err, "response_format.json_schema",
                                          "an object", js)
                  : llm_openai_invalid(err, "response_format.json_schema",
                                       "Missing required parameter: "
                                       "'response_format.json_schema'.");
    }

    v = json_object_get(js, "name");
    if (llm_json_str(v, &req->format_name) != 0) {
        return v ? llm_openai_type_error(err,
                                         "response_format.json_schema.name",
                                         "a string", v)
                 : llm_openai_invalid(err, "response_format.json_schema.name",
                                      "Missing required parameter: "
                                      "'response_format.json_schema.name'.");
    }

    v = json_object_get(js, "schema");
    if (v && !json_is_null(v)) {
        if (!json_is_object(v)) {
            return llm_openai_type_error(err,
                                         "response_format.json_schema.schema",
                                         "an object", v);
        }
        req->format_schema = v;
    }

    req->format = LLM_FORMAT_JSON_SCHEMA;
    return 0;
}


static int
llm_openai_parse_stop(llm_arena_t *a, json_t *stop, llm_request_t *req,
    llm_error_t *err)
{
    char     p[LLM_OPENAI_PARAM_LEN];
    size_t   i;
    json_t  *s;

    if (json_is_string(stop)) {
        if (json_string_length(stop) == 0) {
            return 0;
        }
        req->stop = llm_arena_calloc(a, 1, sizeof(llm_str_t));
        if (req->stop == NULL) {
            return llm_openai_nomem(err);
        }
        llm_json_str(stop, &req->stop[0]);
        req->nstop = 1;
        return 0;
    }

    if (!json_is_array(stop)) {
        return llm_openai_type_error(err, "stop", "one of a string or an "
                                     "array of strings", stop);
    }

    req->stop = llm_arena_calloc(a, json_array_size(stop) + 1,
                                 sizeof(llm_str_t));
    if (req->stop == NULL) {
        return llm_openai_nomem(err);
    }

    json_array_foreach(stop, i, s) {
        if (!json_is_string(s)) {
            llm_openai_param(p, "stop[%zu]", i);
            return llm_openai_type_error(err, p, "a string", s);
        }
        if (json_string_length(s)) {
            llm_json_str(s, &req->stop[req->nstop++]);
        }
    }

    return 0;
}


/* optional scalar fields: 0 absent or null, 1 set, -1 error */

static int
llm_openai_get_number(json_t **f, llm_openai_field_e k, double min, double max,
    double *out, llm_error_t *err)
{
    double       d;
    json_t      *v;
    const char  *key;

    v = f[k];
    key = llm_openai_fields[k];
    if (v == NULL || json_is_null(v)) {
        return 0;
    }

    if (!json_is_number(v)) {
        return llm_openai_type_error(err, key, "a decimal", v);
    }

    d = json_number_value(v);
    if (d < min) {
        return llm_openai_invalid(err, key, "Invalid '%s': decimal below "
                                  "minimum value. Expected a value >= %g, "
                                  "but got %g instead.", key, min, d);
    }
    if (d > max) {
        return llm_openai_invalid(err, key, "Invalid '%s': decimal above "
                                  "maximum value. Expected a value <= %g, "
                                  "but got %g instead.", key, max, d);
    }

    *out = d;
    return 1;
}


static int
llm_openai_get_int(json_t **f, llm_openai_field_e k, int64_t min, int64_t *out,
    llm_error_t *err)
{
    json_t      *v;
    int64_t      i;
    const char  *key;

    v = f[k];
    key = llm_openai_fields[k];
    if (v == NULL || json_is_null(v)) {
        return 0;
    }

    if (!json_is_integer(v)) {
        return llm_openai_type_error(err, key, "an integer", v);
    }

    i = json_integer_value(v);
    if (i < min) {
        return llm_openai_invalid(err, key, "Invalid '%s': integer below "
                                  "minimum value. Expected a value >= %lld,"
                                  " but got %lld instead.", key,
                                  (long long) min, (long long) i);
    }

    *out = i;
    return 1;
}


static int
llm_openai_get_bool(json_t **f, llm_openai_field_e k, int *out,
    llm_error_t *err)
{
    json_t  *v;

    v = f[k];
    if (v == NULL || json_is_null(v)) {
        return 0;
    }

    if (!json_is_boolean(v)) {
        return llm_openai_type_error(err, llm_openai_fields[k], "a boolean",
                                     v);
    }

    *out = json_is_true(v);
    return 1;
}


static int
llm_openai_get_string(json_t **f, llm_openai_field_e k, llm_str_t *out,
    llm_error_t *err)
{
    json_t  *v;

    v = f[k];
    if (v == NULL || json_is_null(v)) {
        return 0;
    }

    if (!json_is_string(v)) {
        return llm_openai_type_error(err, llm_openai_fields[k], "a string",
                                     v);
    }

    llm_json_str(v, out);
    return 1;
}


/* f[]: the value of every known field, NULL when absent */
static int
llm_openai_check_fields(json_t *body, json_t **f, llm_error_t *err)
{
    const char  *other;

    other = llm_json_pick(body, llm_openai_field_names, LLM_OPENAI_NFIELDS,
                          f);
    if (other != NULL) {
        return llm_openai_invalid(err, other, "Unrecognized request "
                                  "argument supplied: %s", other);
    }

    return 0;
}


/* an optional field of a JSON type (null is absent): 0 ok, -1 error */
static int
llm_openai_check_type(json_t **f, llm_openai_field_e k, json_type type,
    const char *expected, llm_error_t *err)
{
    json_t  *v;

    v = f[k];
    if (v == NULL || json_is_null(v) || json_typeof(v) == type) {
        return 0;
    }

    return llm_openai_type_error(err, llm_openai_fields[k], expected, v);
}


/*
 * Fields read by no emitter, checked the way the API does: an object
 * (logit_bias of numbers, metadata of strings), modalities an array of
 * strings, and the plain strings, booleans and objects.
 */
static int
llm_openai_check_extras(json_t **f, llm_error_t *err)
{
    char         p[LLM_OPENAI_PARAM_LEN];
    size_t       i;
    json_t      *v, *e;
    const char  *key;

    static const llm_openai_field_e  strings[] = {
        LLM_OPENAI_F_prompt_cache_key, LLM_OPENAI_F_prompt_cache_retention,
        LLM_OPENAI_F_service_tier, LLM_OPENAI_F_verbosity
    };
    static const llm_openai_field_e  objects[] = {
        LLM_OPENAI_F_audio, LLM_OPENAI_F_moderation, LLM_OPENAI_F_prediction,
        LLM_OPENAI_F_prompt_cache_options, LLM_OPENAI_F_web_search_options
    };

    for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
        if (llm_openai_check_type(f, strings[i], JSON_STRING, "a string",
                                  err)
            != 0)
        {
            return -1;
        }
    }

    for (i = 0; i < sizeof(objects) / sizeof(objects[0]); i++) {
        if (llm_openai_check_type(f, objects[i], JSON_OBJECT, "an object",
                                  err)
            != 0)
        {
            return -1;
        }
    }

    v = f[LLM_OPENAI_F_store];
    if (v && !json_is_null(v) && !json_is_boolean(v)) {
        return llm_openai_type_error(err, "store", "a boolean", v);
    }

    v = f[LLM_OPENAI_F_logit_bias];
    if (v && !json_is_null(v)) {
        if (!json_is_object(v)) {
            return llm_openai_type_error(err, "logit_bias", "an object", v);
        }
        json_object_foreach(v, key, e) {
            if (!json_is_number(e)) {
                llm_openai_param(p, "logit_bias.%s", key);
                return llm_openai_type_error(err, p, "a decimal", e);
            }
        }
    }

    v = f[LLM_OPENAI_F_metadata];
    if (v && !json_is_null(v)) {
        if (!json_is_object(v)) {
            return llm_openai_type_error(err, "metadata", "an object", v);
        }
        json_object_foreach(v, key, e) {
            if (!json_is_string(e)) {
                llm_openai_param(p, "metadata.%s", key);
                return llm_openai_type_error(err, p, "a string", e);
            }
        }
    }

    v = f[LLM_OPENAI_F_modalities];
    if (v && !json_is_null(v)) {
        if (!json_is_array(v)) {
            return llm_openai_type_error(err, "modalities", "an array", v);
        }
        json_array_foreach(v, i, e) {
            if (!json_is_string(e)) {
                llm_openai_param(p, "modalities[%zu]", i);
                return llm_openai_type_error(err, p, "a string", e);
            }
        }
    }

    return 0;
}


static int
llm_openai_parse_request(llm_arena_t *a, json_t *body, llm_request_t *req,
    llm_error_t *err, llm_warnings_t *w)
{
    int          rc, b;
    double       d;
    json_t      *v, *so, *f[LLM_OPENAI_NFIELDS];
    int64_t      i;
    llm_str_t    s;
    const char  *e;

    req->parallel_tool_calls = -1;

    if (llm_openai_check_fields(body, f, err) != 0) {
        return -1;
    }

    /* model: the path may have given one (routes with a fixed model) */
    v = f[LLM_OPENAI_F_model];
    if (v && !json_is_null(v)) {
        if (llm_json_str(v, &req->model) != 0) {
            return llm_openai_type_error(err, "model", "a string", v);
        }
    }
    if (req->model.len == 0) {
        return llm_openai_invalid(err, "model", "you must provide a model "
                                  "parameter");
    }

    if (f[LLM_OPENAI_F_functions] || f[LLM_OPENAI_F_function_call]) {
        return llm_openai_invalid(err, f[LLM_OPENAI_F_functions]
                                       ? "functions" : "function_call",
                                  "The legacy 'functions' and "
                                  "'function_call' parameters are not "
                                  "supported by this gateway; use 'tools' "
                                  "and 'tool_choice'.");
    }

    v = f[LLM_OPENAI_F_messages];
    if (v == NULL) {
        return llm_openai_invalid(err, "messages", "Missing required "
                                  "parameter: 'messages'.");
    }
    if (!json_is_array(v)) {
        return llm_openai_type_error(err, "messages", "an array of objects",
                                     v);
    }
    if (json_array_size(v) == 0) {
        return llm_openai_invalid(err, "messages", "Invalid 'messages': "
                                  "empty array. Expected an array with "
                                  "minimum length 1, but got an empty array "
                                  "instead.");
    }
    if (llm_openai_parse_messages(a, v, req, err, w) != 0) {
        return -1;
    }

    /* max_completion_tokens wins over the deprecated max_tokens; both
     * are checked */
    rc = llm_openai_get_int(f, LLM_OPENAI_F_max_tokens,
                            LLM_OPENAI_TOKENS_MIN, &i, err);
    if (rc < 0) {
        return -1;
    }
    if (rc) {
        req->max_tokens = i;
        req->has_max_tokens = 1;
    }
    rc = llm_openai_get_int(f, LLM_OPENAI_F_max_completion_tokens,
                            LLM_OPENAI_TOKENS_MIN, &i, err);
    if (rc < 0) {
        return -1;
    }
    if (rc) {
        req->max_tokens = i;
        req->has_max_tokens = 1;
    }

    rc = llm_openai_get_number(f, LLM_OPENAI_F_temperature,
                               LLM_OPENAI_TEMPERATURE_MIN,
                               LLM_OPENAI_TEMPERATURE_MAX, &d, err);
    if (rc < 0) {
        return -1;
    }
    if (rc) {
        req->temperature = d;
        req->has_temperature = 1;
    }

    rc = llm_openai_get_number(f, LLM_OPENAI_F_top_p, LLM_OPENAI_TOP_P_MIN,
                               LLM_OPENAI_TOP_P_MAX, &d, err);
    if (rc < 0) {
        return -1;
    }
    if (rc) {
        req->top_p = d;
        req->has_top_p = 1;
    }

    rc = llm_openai_get_int(f, LLM_OPENAI_F_n, LLM_OPENAI_N_MIN, &i, err);
    if (rc < 0) {
        return -1;
    }
    if (rc) {
        req->n = i;
        req->has_n = 1;
    }

    rc = llm_openai_get_int(f, LLM_OPENAI_F_seed, INT64_MIN, &i, err);
    if (rc < 0) {
        return -1;
    }
    if (rc) {
        req->seed = i;
        req->has_seed = 1;
    }

    rc = llm_openai_get_number(f, LLM_OPENAI_F_presence_penalty,
                               LLM_OPENAI_PENALTY_MIN,
                               LLM_OPENAI_PENALTY_MAX, &d, err);
    if (rc < 0) {
        return -1;
    }
    req->has_penalties = rc;

    rc = llm_openai_get_number(f, LLM_OPENAI_F_frequency_penalty,
                               LLM_OPENAI_PENALTY_MIN,
                               LLM_OPENAI_PENALTY_MAX, &d, err);
    if (rc < 0) {
        return -1;
    }
    req->has_penalties |= rc;

    rc = llm_openai_get_bool(f, LLM_OPENAI_F_logprobs, &b, err);
    if (rc < 0) {
        return -1;
    }
    req->has_logprobs = rc && b;

    rc = llm_openai_get_int(f, LLM_OPENAI_F_top_logprobs, 0, &i, err);
    if (rc < 0) {
        return -1;
    }
    if (rc && i > LLM_OPENAI_TOP_LOGPROBS_MAX) {
        return llm_openai_invalid(err, "top_logprobs", "Invalid "
                                  "'top_logprobs': integer above maximum "
                                  "value. Expected a value <= 20, but got "
                                  "%lld instead.", (long long) i);
    }

    v = f[LLM_OPENAI_F_stop];
    if (v && !json_is_null(v) && llm_openai_parse_stop(a, v, req, err) != 0)
    {
        return -1;
    }

    v = f[LLM_OPENAI_F_response_format];
    if (v && !json_is_null(v) && llm_openai_parse_format(v, req, err) != 0) {
        return -1;
    }

    v = f[LLM_OPENAI_F_tools];
    if (v && !json_is_null(v) && llm_openai_parse_tools(a, v, req, err) != 0)
    {
        return -1;
    }

    v = f[LLM_OPENAI_F_tool_choice];
    if (v && !json_is_null(v)
        && llm_openai_parse_tool_choice(a, v, req, err, w) != 0)
    {
        return -1;
    }

    rc = llm_openai_get_bool(f, LLM_OPENAI_F_parallel_tool_calls, &b, err);
    if (rc < 0) {
        return -1;
    }
    if (rc) {
        req->parallel_tool_calls = b;
    }

    rc = llm_openai_get_string(f, LLM_OPENAI_F_reasoning_effort, &s, err);
    if (rc < 0) {
        return -1;
    }
    if (rc) {
        e = json_string_value(f[LLM_OPENAI_F_reasoning_effort]);
        req->effort = llm_effort_from_name(e);
        if (req->effort == LLM_EFFORT_UNSET) {
            return llm_openai_invalid(err, "reasoning_effort", "Invalid "
                                      "value: '%s'. Supported values are: "
                                      "'none', 'minimal', 'low', 'medium', "
                                      "'high', 'xhigh', and 'max'.", e);
        }
    }

    rc = llm_openai_get_bool(f, LLM_OPENAI_F_stream, &b, err);
    if (rc < 0) {
        return -1;
    }
    req->stream = rc && b;

    so = f[LLM_OPENAI_F_stream_options];
    if (so && !json_is_null(so)) {
        if (!json_is_object(so)) {
            return llm_openai_type_error(err, "stream_options", "an object",
                                         so);
        }
        if (!req->stream) {
            return llm_openai_invalid(err, "stream_options", "The "
                                      "'stream_options' parameter is only "
                                      "allowed when 'stream' is enabled.");
        }
        v = json_object_get(so, "include_obfuscation");
        if (v && !json_is_null(v) && !json_is_boolean(v)) {
            return llm_openai_type_error(err, "stream_options."
                                         "include_obfuscation", "a boolean",
                                         v);
        }
        v = json_object_get(so, "include_usage");
        if (v && !json_is_null(v) && !json_is_boolean(v)) {
            return llm_openai_type_error(err, "stream_options.include_usage",
                                         "a boolean", v);
        }
        req->stream_include_usage = json_is_true(v);
    }

    /* safety_identifier replaces the deprecated user */
    if (llm_openai_get_string(f, LLM_OPENAI_F_user, &req->user, err) < 0) {
        return -1;
    }
    rc = llm_openai_get_string(f, LLM_OPENAI_F_safety_identifier, &s, err);
    if (rc < 0) {
        return -1;
    }
    if (rc) {
        req->user = s;
    }

    return llm_openai_check_extras(f, err);
}


/*
 * The request check for a relayed body (llm_codec_t.check_request): the
 * rules of llm_openai_parse_request above, read from the bytes, for the
 * shapes most requests have: conversations with string or text-part
 * content, tools, tool calls and their results, the sampling fields.
 * Image and refusal parts, reasoning history, allowed_tools, the legacy
 * functions and any field it does not know are left to the parse (-1),
 * as is any repeated key; members the parse ignores are checked as JSON
 * only (llm_jpull_skip).
 */

/* a bit per field (LLM_OPENAI_F_*) notices a repeat */
typedef char  llm_openai_fields_fit[LLM_OPENAI_NFIELDS <= 64 ? 1 : -1];


/* content as the parsers read it: what each role accepts is decided once
 * the role is known (it may come after the content) */
typedef enum {
    LLM_OPENAI_CONTENT_ABSENT = 0,
    LLM_OPENAI_CONTENT_NULL,
    LLM_OPENAI_CONTENT_STRING,
    LLM_OPENAI_CONTENT_TEXT_PARTS     /* not empty, text parts only */
} llm_openai_content_e;


/* A string (not null), escapes or not: 0 or -1.  (Forced inline: most
 * values are strings, and a call would cost them more than reading.) */
static inline int llm_openai_check_string(llm_jpull_t *j)
    __attribute__((always_inline));

static inline int
llm_openai_check_string(llm_jpull_t *j)
{
    int        escaped;
    llm_str_t  s;

    return llm_jpull_string(j, &s, &escaped);
}


/* null, true or false: 0 or -1.  (Out of line: its flag's address would
 * cost every field's check a stack guard.) */
static int __attribute__((noinline))
llm_openai_check_bool(llm_jpull_t *j)
{
    int  b;

    return llm_jpull_opt_bool(j, &b);
}


/*
 * The members of an object a check reads have a bit each in a mask, to
 * refuse a repeat as the parse's reader does (JSON_REJECT_DUPLICATES);
 * only the others' keys, which the parse ignores, go to a key set, as
 * they are checked as JSON only.  An object still takes as many members
 * as the key set keeps (LLM_JPULL_KEYS), as when every key went there.
 */
int
llm_openai_check_other(llm_jpull_t *j, size_t i, const llm_str_t *k,
    llm_jpull_keys_t *ks)
{
    if (i >= LLM_JPULL_KEYS || llm_jpull_key_new(ks, k) != 0) {
        return -1;
    }

    return llm_jpull_skip(j);
}


/* Text content parts ({"type":"text","text":...}, other members ignored
 * as the parse ignores them): 0 when the array is not empty and all its
 * parts are such. */
static int
llm_openai_check_text_parts(llm_jpull_t *j)
{
    int               rc;
    size_t            i, n;
    unsigned          seen, bit;
    llm_str_t         k, t;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    for (n = 0; (rc = llm_jpull_element(j, n)) == 1; n++) {
        if (llm_jpull_open(j, '{') != 0) {
            return -1;
        }

        llm_jpull_keys_init(&ks);
        seen = 0;

        for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
            if (llm_jpull_key_is(&k, "type")) {
                bit = 1;
                rc = (llm_jpull_plain(j, &t) == 0
                      && llm_jpull_key_is(&t, "text"))
                     ? 0 : -1;

            } else if (llm_jpull_key_is(&k, "text")) {
                bit = 2;
                rc = llm_openai_check_string(j);

            } else {
                bit = 0;
                rc = llm_openai_check_other(j, i, &k, &ks);
            }

            if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
                return -1;
            }
        }

        if (rc != 0 || seen != 3) {             /* typed, with text */
            return -1;
        }
    }

    return (rc == 0 && n > 0) ? 0 : -1;
}


/* A tool call's function: {name, arguments}, strings, a name given. */
static int
llm_openai_check_call_function(llm_jpull_t *j)
{
    int               rc;
    size_t            i;
    unsigned          seen, bit;
    llm_str_t         k;
    llm_jpull_keys_t  ks;

    llm_jpull_keys_init(&ks);
    seen = 0;
    i = 0;

    /* (as llm_openai_check_function's start) */

    if (llm_jpull_starts(j, "{\"name\":\"", 9, 8)) {
        if (llm_openai_check_string(j) != 0) {
            return -1;
        }

        seen = 1;
        i = 1;

    } else if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    for ( /* void */ ; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "name")) {
            bit = 1;
        } else if (llm_jpull_key_is(&k, "arguments")) {
            bit = 2;
        } else {
            bit = 0;
        }

        if (bit) {
            rc = llm_openai_check_string(j);
        } else {
            rc = llm_openai_check_other(j, i, &k, &ks);
        }

        if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
            return -1;
        }
    }

    return (rc == 0 && (seen & 1)) ? 0 : -1;    /* named */
}


/* An assistant's tool_calls (parse_tool_calls, strict): id a non-empty
 * string, type "function" when given, function {name, arguments}. */
static int
llm_openai_check_tool_calls(llm_jpull_t *j)
{
    int               rc, escaped;
    size_t            n, i;
    unsigned          seen, bit;
    llm_str_t         k, v;
    llm_jpull_keys_t  ks;

    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    for (n = 0; (rc = llm_jpull_element(j, n)) == 1; n++) {
        llm_jpull_keys_init(&ks);
        seen = 0;
        i = 0;

        /* (as llm_openai_check_function's start) */

        if (llm_jpull_starts(j, "{\"id\":\"", 7, 6)) {
            if (llm_jpull_string(j, &v, &escaped) != 0 || v.len == 0) {
                return -1;
            }

            seen = 1;
            i = 1;

        } else if (llm_jpull_open(j, '{') != 0) {
            return -1;
        }

        for ( /* void */ ; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
            if (llm_jpull_key_is(&k, "id")) {
                bit = 1;
                rc = (llm_jpull_string(j, &v, &escaped) == 0 && v.len)
                     ? 0 : -1;

            } else if (llm_jpull_key_is(&k, "type")) {
                bit = 2;
                rc = (llm_jpull_plain(j, &v) == 0
                      && llm_jpull_key_is(&v, "function"))
                     ? 0 : -1;

            } else if (llm_jpull_key_is(&k, "function")) {
                bit = 4;                /* with a name */
                rc = llm_openai_check_call_function(j);

            } else {
                bit = 0;
                rc = llm_openai_check_other(j, i, &k, &ks);
            }

            if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
                return -1;
            }
        }

        if (rc != 0 || (seen & 5) != 5) {       /* an id, a name */
            return -1;
        }
    }

    return rc;
}


/* One member of a message: its content's kind, or whether it has tool
 * calls or a tool_call_id; members the parsers do not read are only
 * checked as JSON, as the parse ignores them. */
static inline int llm_openai_check_content(llm_jpull_t *j,
    llm_openai_content_e *content) __attribute__((always_inline));

static inline int
llm_openai_check_content(llm_jpull_t *j, llm_openai_content_e *content)
{
    switch (llm_jpull_peek(j)) {

    case LLM_JPULL_NULL:
        *content = LLM_OPENAI_CONTENT_NULL;
        return llm_jpull_null(j) ? 0 : -1;

    case LLM_JPULL_STRING:
        *content = LLM_OPENAI_CONTENT_STRING;
        return llm_openai_check_string(j);

    case LLM_JPULL_ARRAY:
        *content = LLM_OPENAI_CONTENT_TEXT_PARTS;
        return llm_openai_check_text_parts(j);

    default:
        return -1;
    }
}


/* (forced inline in the messages' loop: a frame per message cost more
 * than most messages' members) */
static inline int llm_openai_check_message(llm_jpull_t *j)
    __attribute__((always_inline));

static inline int
llm_openai_check_message(llm_jpull_t *j)
{
    int                    rc, escaped;
    size_t                 i;
    unsigned               seen, bit;
    llm_str_t              k, role, v;
    llm_jpull_keys_t       ks;
    llm_openai_content_e   content;

    llm_jpull_keys_init(&ks);
    content = LLM_OPENAI_CONTENT_ABSENT;
    seen = 0;
    llm_str_set(&role, NULL, 0);
    i = 0;

    /* how most messages start, {"role":"...","content": in compact JSON:
     * those keys matched as bytes, as the loop would read them; the
     * members after them, or any other start, by the loop */

    if (llm_jpull_starts(j, "{\"role\":\"", 9, 8)) {
        if (llm_jpull_plain(j, &role) != 0) {
            return -1;
        }

        seen = 1;
        i = 1;

        if (j->end - j->p >= 11 && memcmp(j->p, ",\"content\":", 11) == 0) {
            j->p += 11;

            if (llm_openai_check_content(j, &content) != 0) {
                return -1;
            }

            seen = 3;
            i = 2;
        }

    } else if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    for ( /* void */ ; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "role")) {
            bit = 1;
            rc = llm_jpull_plain(j, &role);

        } else if (llm_jpull_key_is(&k, "content")) {
            bit = 2;
            rc = llm_openai_check_content(j, &content);

        } else if (llm_jpull_key_is(&k, "tool_calls")) {
            bit = 4;
            rc = llm_openai_check_tool_calls(j);

        } else if (llm_jpull_key_is(&k, "tool_call_id")) {
            bit = 8;
            rc = llm_jpull_string(j, &v, &escaped);

        } else if (llm_jpull_key_is(&k, "refusal")
                   || llm_jpull_key_is(&k, "function_call")
                   || llm_jpull_key_is(&k, "thinking_blocks")
                   || llm_jpull_key_is(&k, "reasoning_content")
                   || llm_jpull_key_is(&k, "reasoning"))
        {
            return -1;                  /* rules of their own: the parse */

        } else {
            bit = 0;                    /* name, and what no parser reads */
            rc = llm_openai_check_other(j, i, &k, &ks);
        }

        if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
            return -1;
        }
    }

    if (rc != 0) {
        return -1;
    }

    /* what each role's parser accepts */

    if (llm_jpull_key_is(&role, "assistant")) {
        return 0;                       /* content may be absent or null */
    }

    if (seen & 4) {
        return -1;                      /* tool_calls: read by no other
                                         * role's parser */
    }

    if (llm_jpull_key_is(&role, "tool")) {
        return ((seen & 8) && content >= LLM_OPENAI_CONTENT_STRING)
               ? 0 : -1;                /* with a tool_call_id */
    }

    if (content >= LLM_OPENAI_CONTENT_STRING
        && (llm_jpull_key_is(&role, "user")
            || llm_jpull_key_is(&role, "system")
            || llm_jpull_key_is(&role, "developer")))
    {
        return 0;
    }

    return -1;
}


static int
llm_openai_check_messages(llm_jpull_t *j)
{
    int     rc;
    size_t  i;

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    for (i = 0; (rc = llm_jpull_element(j, i)) == 1; i++) {
        if (llm_openai_check_message(j) != 0) {
            return -1;
        }
    }

    return (rc == 0 && i > 0) ? 0 : -1;         /* not empty */
}


int
llm_openai_check_stream_options(llm_jpull_t *j, int *usage)
{
    int        rc, b;
    size_t     i;
    unsigned   seen, bit;
    llm_str_t  k;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    seen = 0;

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "include_usage")) {
            bit = 1;
        } else if (llm_jpull_key_is(&k, "include_obfuscation")) {
            bit = 2;
        } else {
            return -1;
        }

        b = 0;
        if (llm_jpull_opt_bool(j, &b) != 0 || (seen & bit)) {
            return -1;
        }
        seen |= bit;

        if (bit == 1) {
            *usage = b;
        }
    }

    return rc;
}


static int
llm_openai_check_effort(llm_jpull_t *j)
{
    char       name[16];
    llm_str_t  s;

    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_jpull_plain(j, &s) != 0 || s.len >= sizeof(name)) {
        return -1;
    }

    memcpy(name, s.data, s.len);
    name[s.len] = '\0';

    return llm_effort_from_name(name) == LLM_EFFORT_UNSET ? -1 : 0;
}


/* An object whose members are all of one JSON kind (metadata of strings,
 * logit_bias of numbers), or null. */
static int
llm_openai_check_map(llm_jpull_t *j, int kind)
{
    int               rc;
    size_t            i;
    llm_str_t         k;
    llm_jpull_keys_t  ks;

    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    llm_jpull_keys_init(&ks);

    for (i = 0; (rc = llm_jpull_member_new(j, i, &k, &ks)) == 1; i++) {
        if (llm_jpull_peek(j) != kind || llm_jpull_skip(j) != 0) {
            return -1;
        }
    }

    return rc;
}


/* The function object of a tool (with description, parameters and
 * strict) or of a named tool_choice (name alone): a name given. */
static int
llm_openai_check_function_object(llm_jpull_t *j, int tool)
{
    int               rc, b;
    size_t            i;
    unsigned          seen, bit;
    llm_str_t         k;
    llm_jpull_keys_t  ks;

    llm_jpull_keys_init(&ks);
    seen = 0;
    i = 0;

    /* (as llm_openai_check_function's start) */

    if (llm_jpull_starts(j, "{\"name\":\"", 9, 8)) {
        if (llm_openai_check_string(j) != 0) {
            return -1;
        }

        seen = 1;
        i = 1;

    } else if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    for ( /* void */ ; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "name")) {
            bit = 1;
            rc = llm_openai_check_string(j);

        } else if (tool && llm_jpull_key_is(&k, "description")) {
            bit = 2;
            rc = llm_jpull_opt_string(j);

        } else if (tool && llm_jpull_key_is(&k, "parameters")) {
            bit = 4;
            rc = llm_jpull_opt_object(j);

        } else if (tool && llm_jpull_key_is(&k, "strict")) {
            bit = 8;
            rc = llm_jpull_opt_bool(j, &b);

        } else {
            bit = 0;
            rc = llm_openai_check_other(j, i, &k, &ks);
        }

        if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
            return -1;
        }
    }

    return (rc == 0 && (seen & 1)) ? 0 : -1;    /* named */
}


/*
 * {"type":"function","function":{"name":...}}: a tool (parse_tools; tool
 * set: its description, parameters and strict are read too) or a named
 * tool_choice (parse_tool_choice).  Members the parse does not read are
 * only checked as JSON.
 */
static int
llm_openai_check_function(llm_jpull_t *j, int tool)
{
    int               rc;
    size_t            i;
    unsigned          seen, bit;
    llm_str_t         k, t;
    llm_jpull_keys_t  ks;

    llm_jpull_keys_init(&ks);
    seen = 0;
    i = 0;

    /* how most start, in compact JSON: matched as bytes, as the loop
     * would read them; the members after, or any other start, by it */

    if (llm_jpull_starts(j, "{\"type\":\"function\",\"function\":", 30,
                         30))
    {
        if (llm_openai_check_function_object(j, tool) != 0) {
            return -1;
        }

        seen = 3;
        i = 2;

    } else if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    for ( /* void */ ; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "type")) {
            bit = 1;
            rc = (llm_jpull_plain(j, &t) == 0
                  && llm_jpull_key_is(&t, "function"))
                 ? 0 : -1;

        } else if (llm_jpull_key_is(&k, "function")) {
            bit = 2;
            rc = llm_openai_check_function_object(j, tool);

        } else {
            bit = 0;
            rc = llm_openai_check_other(j, i, &k, &ks);
        }

        if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
            return -1;
        }
    }

    return (rc == 0 && seen == 3) ? 0 : -1;     /* typed, named */
}


static int
llm_openai_check_tools(llm_jpull_t *j)
{
    int     rc;
    size_t  n;

    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    for (n = 0; (rc = llm_jpull_element(j, n)) == 1; n++) {
        if (llm_openai_check_function(j, 1) != 0) {
            return -1;
        }
    }

    return (rc == 0 && n > 0) ? 0 : -1;         /* not empty */
}


/* tool_choice: a mode, or a named function (parse_tool_choice);
 * allowed_tools is left to the parse. */
static int
llm_openai_check_tool_choice(llm_jpull_t *j)
{
    llm_str_t  t;

    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_jpull_peek(j) == LLM_JPULL_STRING) {
        return (llm_jpull_plain(j, &t) == 0
                && (llm_jpull_key_is(&t, "auto")
                    || llm_jpull_key_is(&t, "none")
                    || llm_jpull_key_is(&t, "required")))
               ? 0 : -1;
    }

    return llm_openai_check_function(j, 0);
}


/* response_format's json_schema: an object with a name (a string) and
 * an object schema; 0 with *named set when it has a name. */
static int
llm_openai_check_schema(llm_jpull_t *j, int *named)
{
    int               rc;
    size_t            i;
    unsigned          seen, bit;
    llm_str_t         k;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    llm_jpull_keys_init(&ks);
    seen = 0;

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "name")) {
            bit = 1;
            rc = llm_openai_check_string(j);

        } else if (llm_jpull_key_is(&k, "schema")) {
            bit = 2;
            rc = llm_jpull_opt_object(j);

        } else {
            bit = 0;
            rc = llm_openai_check_other(j, i, &k, &ks);
        }

        if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
            return -1;
        }
    }

    *named = seen & 1;
    return rc;
}


/* response_format (parse_format): text, json_object, or json_schema with
 * a name and an object schema. */
static int
llm_openai_check_format(llm_jpull_t *j)
{
    int               rc, named;
    size_t            i;
    unsigned          seen, bit;
    llm_str_t         k, type;
    llm_jpull_keys_t  ks;

    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    llm_jpull_keys_init(&ks);
    llm_str_set(&type, NULL, 0);
    seen = 0;
    named = 0;

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "type")) {
            bit = 1;
            rc = llm_jpull_plain(j, &type);

        } else if (llm_jpull_key_is(&k, "json_schema")) {
            bit = 2;
            rc = llm_openai_check_schema(j, &named);

        } else {
            bit = 0;
            rc = llm_openai_check_other(j, i, &k, &ks);
        }

        if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
            return -1;
        }
    }

    if (rc != 0) {
        return -1;
    }

    return (llm_jpull_key_is(&type, "text")
            || llm_jpull_key_is(&type, "json_object")
            || (llm_jpull_key_is(&type, "json_schema") && named))
           ? 0 : -1;
}


/*
 * One top-level field other than model, messages, stream and
 * stream_options: its bit in *seen (the caller's are below it), and 0
 * when its value is one the parse accepts.
 */
static inline int llm_openai_check_field_in(llm_jpull_t *j,
    const llm_str_t *k, uint64_t *seen) __attribute__((always_inline));

int
llm_openai_check_field(llm_jpull_t *j, const llm_str_t *k, uint64_t *seen)
{
    return llm_openai_check_field_in(j, k, seen);
}


/* (inline in the request check: a call per field cost more than most
 * fields' checks) */
static inline int
llm_openai_check_field_in(llm_jpull_t *j, const llm_str_t *k,
    uint64_t *seen)
{
    unsigned  f;

#define LLM_OPENAI_CHECK(name, test)                                         \
    if (llm_jpull_key_is(k, #name)) {                                        \
        f = LLM_OPENAI_F_##name;                                             \
        if (test) {                                                          \
            return -1;                                                       \
        }                                                                    \
        break;                                                               \
    }

    switch (k->len) {
    case 1:
        LLM_OPENAI_CHECK(n, llm_jpull_opt_int(j, LLM_OPENAI_N_MIN,
                                              INT64_MAX));
        return -1;
    case 4:
        LLM_OPENAI_CHECK(seed, llm_jpull_opt_int(j, INT64_MIN, INT64_MAX));
        LLM_OPENAI_CHECK(stop, llm_jpull_peek(j) == LLM_JPULL_ARRAY
                                ? llm_jpull_opt_array(j, llm_jpull_any_string)
                                : llm_jpull_opt_string(j));
        LLM_OPENAI_CHECK(user, llm_jpull_opt_string(j));
        return -1;
    case 5:
        LLM_OPENAI_CHECK(audio, llm_jpull_opt_object(j));
        LLM_OPENAI_CHECK(store, llm_openai_check_bool(j));
        LLM_OPENAI_CHECK(tools,
                         llm_jpull_checked(j, LLM_JSON_MEMO_OPENAI_TOOLS,
                                           llm_openai_check_tools));
        LLM_OPENAI_CHECK(top_p, llm_jpull_opt_number(j, LLM_OPENAI_TOP_P_MIN,
                                                     LLM_OPENAI_TOP_P_MAX));
        return -1;
    case 8:
        LLM_OPENAI_CHECK(logprobs, llm_openai_check_bool(j));
        LLM_OPENAI_CHECK(metadata, llm_openai_check_map(j, LLM_JPULL_STRING));
        return -1;
    case 9:
        LLM_OPENAI_CHECK(verbosity, llm_jpull_opt_string(j));
        return -1;
    case 10:
        LLM_OPENAI_CHECK(logit_bias, llm_openai_check_map(j, LLM_JPULL_NUMBER));
        LLM_OPENAI_CHECK(max_tokens,
                         llm_jpull_opt_int(j, LLM_OPENAI_TOKENS_MIN,
                                           INT64_MAX));
        LLM_OPENAI_CHECK(moderation, llm_jpull_opt_object(j));
        LLM_OPENAI_CHECK(modalities,
                         llm_jpull_opt_array(j, llm_jpull_any_string));
        LLM_OPENAI_CHECK(prediction, llm_jpull_opt_object(j));
        return -1;
    case 11:
        LLM_OPENAI_CHECK(temperature,
                         llm_jpull_opt_number(j, LLM_OPENAI_TEMPERATURE_MIN,
                                              LLM_OPENAI_TEMPERATURE_MAX));
        LLM_OPENAI_CHECK(tool_choice, llm_openai_check_tool_choice(j));
        return -1;
    case 12:
        LLM_OPENAI_CHECK(service_tier, llm_jpull_opt_string(j));
        LLM_OPENAI_CHECK(top_logprobs,
                         llm_jpull_opt_int(j, 0,
                                           LLM_OPENAI_TOP_LOGPROBS_MAX));
        return -1;
    case 16:
        LLM_OPENAI_CHECK(presence_penalty,
                         llm_jpull_opt_number(j, LLM_OPENAI_PENALTY_MIN,
                                              LLM_OPENAI_PENALTY_MAX));
        LLM_OPENAI_CHECK(prompt_cache_key, llm_jpull_opt_string(j));
        LLM_OPENAI_CHECK(reasoning_effort, llm_openai_check_effort(j));
        return -1;
    case 15:
        LLM_OPENAI_CHECK(response_format, llm_openai_check_format(j));
        return -1;
    case 17:
        LLM_OPENAI_CHECK(frequency_penalty,
                         llm_jpull_opt_number(j, LLM_OPENAI_PENALTY_MIN,
                                              LLM_OPENAI_PENALTY_MAX));
        LLM_OPENAI_CHECK(safety_identifier, llm_jpull_opt_string(j));
        return -1;
    case 19:
        LLM_OPENAI_CHECK(parallel_tool_calls, llm_openai_check_bool(j));
        return -1;
    case 21:
        LLM_OPENAI_CHECK(max_completion_tokens,
                         llm_jpull_opt_int(j, LLM_OPENAI_TOKENS_MIN,
                                           INT64_MAX));
        return -1;
    case 18:
        LLM_OPENAI_CHECK(web_search_options, llm_jpull_opt_object(j));
        return -1;
    case 20:
        LLM_OPENAI_CHECK(prompt_cache_options, llm_jpull_opt_object(j));
        return -1;
    case 22:
        LLM_OPENAI_CHECK(prompt_cache_retention, llm_jpull_opt_string(j));
        return -1;
    default:
        return -1;
    }

#undef LLM_OPENAI_CHECK

    if (*seen & ((uint64_t) 1 << f)) {
        return -1;
    }

    *seen |= (uint64_t) 1 << f;
    return 0;
}


static int
llm_openai_check_request(const char *body, size_t len, llm_relay_t *r)
{
    int           rc, stream, options, usage;
    size_t        i;
    uint64_t      seen;
    llm_str_t     k, model;
    llm_jpull_t   j;

    llm_jpull_init(&j, body, len);

    seen = 0;
    stream = 0;
    options = 0;
    i = 0;

    /* how most bodies start, {"model":"...","messages": in compact
     * JSON: those keys matched as bytes, as the loop would read them */

    if (llm_jpull_starts(&j, "{\"model\":\"", 10, 9)) {
        if (llm_jpull_plain(&j, &model) != 0) {
            return -1;
        }

        r->model = model;
        llm_str_set(&r->model_json, model.data - 1, model.len + 2);
        seen = (uint64_t) 1 << LLM_OPENAI_F_model;
        i = 1;

        if (j.end - j.p >= 12 && memcmp(j.p, ",\"messages\":", 12) == 0) {
            j.p += 12;

            if (llm_openai_check_messages(&j) != 0) {
                return -1;
            }

            seen |= (uint64_t) 1 << LLM_OPENAI_F_messages;
            i = 2;
        }

    } else if (llm_jpull_open(&j, '{') != 0) {
        return -1;
    }

    for ( /* void */ ; (rc = llm_jpull_member(&j, i, &k)) == 1; i++) {

        if (llm_jpull_key_is(&k, "model")) {
            if (seen & ((uint64_t) 1 << LLM_OPENAI_F_model)) {
                return -1;
            }
            seen |= (uint64_t) 1 << LLM_OPENAI_F_model;

            if (llm_jpull_null(&j)) {
                continue;
            }
            if (llm_jpull_plain(&j, &model) != 0) {
                return -1;
            }
            r->model = model;
            llm_str_set(&r->model_json, model.data - 1, model.len + 2);

        } else if (llm_jpull_key_is(&k, "messages")) {
            if ((seen & ((uint64_t) 1 << LLM_OPENAI_F_messages))
                || llm_openai_check_messages(&j) != 0)
            {
                return -1;
            }
            seen |= (uint64_t) 1 << LLM_OPENAI_F_messages;

        } else if (llm_jpull_key_is(&k, "stream")) {
            if ((seen & ((uint64_t) 1 << LLM_OPENAI_F_stream))
                || llm_jpull_opt_bool(&j, &stream) != 0)
            {
                return -1;
            }
            seen |= (uint64_t) 1 << LLM_OPENAI_F_stream;

        } else if (llm_jpull_key_is(&k, "stream_options")) {
            if (seen & ((uint64_t) 1 << LLM_OPENAI_F_stream_options)) {
                return -1;
            }
            seen |= (uint64_t) 1 << LLM_OPENAI_F_stream_options;

            if (llm_jpull_null(&j)) {
                continue;
            }
            if (llm_openai_check_stream_options(&j, &usage) != 0) {
                return -1;
            }
            options = 1;

        } else if (llm_openai_check_field_in(&j, &k, &seen) != 0) {
            return -1;
        }
    }

    if (rc != 0 || (j.p != j.end && llm_jpull_end(&j) != 0)) {
        return -1;
    }

    /* what the parse requires of the fields together */
    if (r->model.len == 0
        || !(seen & ((uint64_t) 1 << LLM_OPENAI_F_messages))
        || (options && !stream))
    {
        return -1;
    }

    r->stream = stream;
    return 0;
}


/* request emission */

/*
 * The decisions of the request body (llm_openai_int.h): the emitter's
 * document below and the writer's text (llm_openai_write.c) both make
 * them here, and differ only in how they write.
 */

/* The text of the TEXT blocks, joined with sep (llm_json_strn's rule for
 * one block: its text as it is, NULL data is "") */
int
llm_openai_text_join(llm_arena_t *a, const llm_block_t *blocks, size_t n,
    const char *sep, llm_str_t *s)
{
    char               *p;
    size_t              i, len, slen, k;
    const llm_block_t  *b, *last;

    slen = strlen(sep);
    len = 0;
    k = 0;
    last = NULL;

    for (i = 0; i < n; i++) {
        b = &blocks[i];
        if (b->kind == LLM_BLOCK_TEXT) {
            len += b->text.len + (k++ ? slen : 0);
            last = b;
        }
    }

    if (k == 0) {
        llm_str_set(s, "", 0);
        return 0;
    }

    if (k == 1) {
        *s = last->text;
        return 0;
    }

    p = llm_arena_alloc(a, len + 1);
    if (p == NULL) {
        return -1;
    }

    len = 0;
    k = 0;
    for (i = 0; i < n; i++) {
        b = &blocks[i];
        if (b->kind != LLM_BLOCK_TEXT) {
            continue;
        }
        if (k++ && slen) {
            memcpy(p + len, sep, slen);
            len += slen;
        }
        if (b->text.len) {
            memcpy(p + len, b->text.data, b->text.len);
            len += b->text.len;
        }
    }

    llm_str_set(s, p, len);
    return 0;
}


/* An image's URL: its own, or a data URL of its base64 data */
int
llm_openai_image_text(llm_arena_t *a, const llm_block_t *b, llm_str_t *url)
{
    char    *p;
    size_t   len;

    if (b->url.len) {
        *url = b->url;
        return 0;
    }

    len = 5 + b->media_type.len + 8 + b->data.len;
    p = llm_arena_alloc(a, len + 1);
    if (p == NULL) {
        return -1;
    }

    memcpy(p, "data:", 5);
    if (b->media_type.len) {
        memcpy(p + 5, b->media_type.data, b->media_type.len);
    }
    memcpy(p + 5 + b->media_type.len, ";base64,", 8);
    if (b->data.len) {
        memcpy(p + len - b->data.len, b->data.data, b->data.len);
    }
    p[len] = '\0';

    llm_str_set(url, p, len);
    return 0;
}


/* The text part before an image moved out of a tool result */
int
llm_openai_image_label(llm_arena_t *a, const llm_block_t *result,
    llm_str_t *s)
{
    char  *p;

    p = llm_arena_alloc(a, result->call_id.len + 32);
    if (p == NULL) {
        return -1;
    }

    snprintf(p, result->call_id.len + 32, "[image from tool call %.*s]",
             (int) result->call_id.len, result->call_id.data);

    llm_str_set(s, p, strlen(p));
    return 0;
}


/*
 * A "tool" message's content.  Tool messages carry text only: images
 * are moved to the following user message.
 */
int
llm_openai_result_text(llm_arena_t *a, const llm_block_t *b, llm_str_t *s)
{
    char        *p;
    size_t       len;
    json_t      *out;
    const char  *d;

    if (b->ncontent) {
        if (llm_openai_text_join(a, b->content, b->ncontent, "\n\n", s)
            != 0)
        {
            return -1;
        }

    } else if (b->response) {
        /* a Gemini functionResponse: {"output": "x"} reads best as x */
        out = json_object_get(b->response, "output");
        if (json_is_string(out) && json_object_size(b->response) == 1) {
            llm_str_set(s, json_string_value(out), json_string_length(out));

        } else {
            d = llm_json_dump(a, b->response, &len);
            if (d == NULL) {
                return -1;
            }
            llm_str_set(s, d, len);
        }

    } else {
        llm_str_set(s, "", 0);
    }

    if (b->is_error) {
        /* no error flag in OpenAI: say it in the text */
        len = 7 + s->len;
        p = llm_arena_alloc(a, len + 1);
        if (p == NULL) {
            return -1;
        }
        memcpy(p, "Error: ", 7);
        if (s->len) {
            memcpy(p + 7, s->data, s->len);
        }
        p[len] = '\0';
        llm_str_set(s, p, len);
    }

    return 0;
}


llm_openai_user_e
llm_openai_user_form(const llm_message_t *m, const llm_profile_t *pf,
    size_t *nimg, const llm_block_t **only)
{
    size_t              i, j, nrest;
    const llm_block_t  *b;

    nrest = 0;
    *nimg = 0;
    *only = NULL;

    for (i = 0; i < m->nblocks; i++) {
        b = &m->blocks[i];

        switch (b->kind) {
        case LLM_BLOCK_TOOL_RESULT:
            for (j = 0; j < b->ncontent; j++) {
                *nimg += b->content[j].kind == LLM_BLOCK_IMAGE;
            }
            break;

        case LLM_BLOCK_TEXT:
        case LLM_BLOCK_IMAGE:
            nrest++;
            *only = b;
            break;

        default:
            break;
        }
    }

    if (nrest == 0 && *nimg == 0) {
        return LLM_OPENAI_USER_NONE;
    }

    if (nrest == 1 && *nimg == 0 && (*only)->kind == LLM_BLOCK_TEXT) {
        return LLM_OPENAI_USER_TEXT;
    }

    if (pf->flatten && *nimg == 0) {
        /* templates that render only string content (SmolLM3) would
         * see nothing of the parts: text joined, images cannot be said */
        for (i = 0; i < m->nblocks; i++) {
            if (m->blocks[i].kind == LLM_BLOCK_IMAGE) {
                return LLM_OPENAI_USER_PARTS;
            }
        }

        return LLM_OPENAI_USER_JOINED;
    }

    return LLM_OPENAI_USER_PARTS;
}


/* An assistant's reasoning block sent back: 1 yes, 0 left out (nothing
 * is lost), -1 dropped */
static int
llm_openai_replayed(const llm_profile_t *pf, const llm_block_t *b)
{
    if (pf->enabled && pf->replay == LLM_PROFILE_REPLAY_NONE) {
        /* the template does not expect it: nothing is lost */
        return 0;
    }

    /* an unsigned block is plain text, whoever relayed it: a
     * self-hosted model's own reasoning, back from a client */
    if (b->signature_origin == LLM_DIALECT_OPENAI
        || (pf->enabled && b->signature.len == 0))
    {
        return 1;
    }

    return -1;
}


void
llm_openai_assistant_form(const llm_message_t *m, const llm_profile_t *pf,
    llm_warnings_t *w, llm_openai_assistant_t *f)
{
    size_t              i;
    const llm_block_t  *b;

    f->ntext = 0;
    f->ncalls = 0;
    f->nreason = 0;

    for (i = 0; i < m->nblocks; i++) {
        b = &m->blocks[i];

        switch (b->kind) {
        case LLM_BLOCK_TEXT:
            f->ntext++;
            break;

        case LLM_BLOCK_TOOL_CALL:
            f->ncalls++;
            break;

        case LLM_BLOCK_REASONING:
            switch (llm_openai_replayed(pf, b)) {
            case 1:
                f->nreason += b->text.len != 0;
                break;
            case 0:
                break;
            default:
                llm_warn(w, "thinking:dropped");
                break;
            }
            break;

        default:
            llm_warn(w, "thinking:dropped");
            break;
        }
    }
}


/*
 * The reasoning sent back, minted by our own upstream (a self-hosted
 * reasoning model): chat templates read it back from reasoning_content,
 * or from the field the profile names (*field).
 */
int
llm_openai_reasoning_join(llm_arena_t *a, const llm_message_t *m,
    const llm_profile_t *pf, llm_str_t *s, const char **field)
{
    char               *p;
    size_t              i, len;
    const llm_block_t  *b;

    len = 0;
    for (i = 0; i < m->nblocks; i++) {
        b = &m->blocks[i];
        if (b->kind == LLM_BLOCK_REASONING && llm_openai_replayed(pf, b) == 1)
        {
            len += b->text.len;
        }
    }

    p = llm_arena_alloc(a, len + 1);
    if (p == NULL) {
        return -1;
    }

    len = 0;
    for (i = 0; i < m->nblocks; i++) {
        b = &m->blocks[i];
        if (b->kind == LLM_BLOCK_REASONING && b->text.len
            && llm_openai_replayed(pf, b) == 1)
        {
            memcpy(p + len, b->text.data, b->text.len);
            len += b->text.len;
        }
    }
    p[len] = '\0';

    llm_str_set(s, p, len);
    *field = pf->replay == LLM_PROFILE_REPLAY_FIELD ? "reasoning"
                                                    : "reasoning_content";
    return 0;
}


/*
 * System messages.  Without a profile, one string per system entry
 * (self-hosted chat templates render content-part arrays as nothing,
 * dialects.md 7.4).  For templates that read only messages[0] (merge, or
 * the system-flag switch), one message of llm_openai_system_text.
 */
int
llm_openai_system_merged(const llm_profile_t *pf)
{
    return pf->merge_system || pf->thinking == LLM_PROFILE_SWITCH_SYSTEM_FLAG;
}


/*
 * The one system message's text (s->len 0: none).  With the switch, the
 * flag the client asked for is appended and any flag in the client's
 * text is removed: the template looks for both as plain substrings, so a
 * stray "/think" would flip the mode (SmolLM3: "/no_think" wins when both
 * are there).  The message is created when the client sent none.
 */
int
llm_openai_system_text(llm_arena_t *a, const llm_request_t *req,
    const llm_profile_t *pf, llm_str_t *s)
{
    int                   on;
    char                 *p, *q;
    size_t                i, j, len, n;
    const char           *flag;
    const llm_block_t    *b;
    const llm_message_t  *m;

    on = (pf->thinking == LLM_PROFILE_SWITCH_SYSTEM_FLAG)
         ? llm_openai_think_on(req) : -1;
    flag = (on < 0) ? "" : on ? "/think" : "/no_think";

    len = strlen(flag) + 2;
    for (i = 0; i < req->nsystem; i++) {
        m = &req->system[i];
        for (j = 0; j < m->nblocks; j++) {
            len += m->blocks[j].text.len + 2;
        }
    }

    p = llm_arena_alloc(a, len + 1);
    if (p == NULL) {
        return -1;
    }

    n = 0;
    for (i = 0; i < req->nsystem; i++) {
        m = &req->system[i];
        for (j = 0; j < m->nblocks; j++) {
            b = &m->blocks[j];
            if (b->kind != LLM_BLOCK_TEXT || b->text.len == 0) {
                continue;
            }
            if (n) {
                memcpy(p + n, "\n\n", 2);
                n += 2;
            }
            memcpy(p + n, b->text.data, b->text.len);
            n += b->text.len;
        }
    }
    p[n] = '\0';

    if (on >= 0) {
        /* "/no_think" first: "/think" is no part of it */
        while ((q = strstr(p, "/no_think")) != NULL) {
            memmove(q, q + 9, n - (q - p) - 9 + 1);
            n -= 9;
        }
        while ((q = strstr(p, "/think")) != NULL) {
            memmove(q, q + 6, n - (q - p) - 6 + 1);
            n -= 6;
        }

        while (n && (p[n - 1] == ' ' || p[n - 1] == '\n')) {
            n--;
        }

        if (n) {
            p[n++] = '\n';
        }
        memcpy(p + n, flag, strlen(flag));
        n += strlen(flag);
    }

    llm_str_set(s, p, n);
    return 0;
}


/* How many stop sequences go: OpenAI takes up to four */
size_t
llm_openai_stop_count(const llm_request_t *req, llm_warnings_t *w)
{
    if (req->nstop > LLM_OPENAI_MAX_STOP) {
        llm_warn(w, "stop:truncated");
        return LLM_OPENAI_MAX_STOP;
    }

    return req->nstop;
}


/* json_schema's name: OpenAI requires [a-zA-Z0-9_-]{1,64} */
int
llm_openai_format_name(llm_arena_t *a, const llm_request_t *req,
    llm_str_t *s)
{
    char    *name;
    size_t   i, len;

    len = req->format_name.len > 64 ? 64 : req->format_name.len;
    if (len == 0) {
        llm_str_set(s, "response", 8);
        return 0;
    }

    name = llm_arena_strndup(a, req->format_name.data, len);
    if (name == NULL) {
        return -1;
    }

    for (i = 0; i < len; i++) {
        if (!((name[i] >= 'a' && name[i] <= 'z')
              || (name[i] >= 'A' && name[i] <= 'Z')
              || (name[i] >= '0' && name[i] <= '9')
              || name[i] == '_' || name[i] == '-'))
        {
            name[i] = '_';
        }
    }

    llm_str_set(s, name, len);
    return 0;
}


/*
 * The model's own reasoning switch, and nothing else (the system flag
 * is set with the system prompt): chat_template_kwargs.enable_thinking
 * (*kwargs 0 or 1; -1 none), or reasoning_effort (*effort; NULL none).
 */
void
llm_openai_thinking_form(const llm_request_t *req, const llm_profile_t *pf,
    llm_warnings_t *w, int *kwargs, const char **effort)
{
    int  on;

    on = llm_openai_think_on(req);
    *kwargs = -1;
    *effort = NULL;

    switch (pf->thinking) {

    case LLM_PROFILE_SWITCH_KWARGS:
        *kwargs = on;
        break;

    case LLM_PROFILE_SWITCH_NONE:
        if (on >= 0) {
            llm_warn(w, "thinking:dropped");
        }
        break;

    case LLM_PROFILE_SWITCH_EFFORT:
        *effort = llm_openai_effort(req);
        if (*effort == NULL && pf->enabled && on == 0) {
            /* self-hosted servers take "none" as "do not think" */
            *effort = "none";
        }
        break;

    default:
        break;
    }
}


/*
 * tools and tool_choice.  OpenAI rejects tool_choice without tools; vLLM
 * defaults tool_choice to "none": always say "auto".  A choice the
 * upstream cannot take is rejected (400) or degraded as the profile says:
 * a named tool becomes the only tool offered, with the strongest choice
 * the server knows ("required", else "auto"); "required" becomes "auto".
 */
int
llm_openai_tool_choice_form(const llm_request_t *req,
    const llm_profile_t *pf, llm_error_t *err, llm_warnings_t *w,
    llm_tool_choice_e *choice, int *only)
{
    llm_tool_choice_e  tc;

    tc = req->tool_choice;
    *only = 0;

    if (tc == LLM_TOOL_CHOICE_NAMED && pf->tool_choice != LLM_PROFILE_TOOLS_ALL)
    {
        if (pf->tool_choice_reject) {
            llm_openai_invalid(err, "tool_choice", "This model's server "
                               "cannot be made to call a named tool; use "
                               "'auto'.");
            return -1;
        }

        llm_warn(w, "tool_choice:degraded");
        tc = (pf->tool_choice == LLM_PROFILE_TOOLS_REQUIRED)
             ? LLM_TOOL_CHOICE_REQUIRED : LLM_TOOL_CHOICE_AUTO;
        *only = 1;

    } else if (tc == LLM_TOOL_CHOICE_REQUIRED
               && (pf->tool_choice == LLM_PROFILE_TOOLS_AUTO
                   || pf->tool_choice == LLM_PROFILE_TOOLS_OMIT))
    {
        if (pf->tool_choice_reject) {
            llm_openai_invalid(err, "tool_choice", "This model's server "
                               "cannot be made to call a tool; use "
                               "'auto'.");
            return -1;
        }

        llm_warn(w, "tool_choice:degraded");
        tc = LLM_TOOL_CHOICE_AUTO;
    }

    *choice = tc;

    if (tc == LLM_TOOL_CHOICE_NONE && pf->tool_choice == LLM_PROFILE_TOOLS_OMIT)
    {
        /* the server would not listen to "none": offer no tools */
        return 1;
    }

    return 0;
}


/* Whether tool t is offered: all are, or only the named one */
int
llm_openai_tool_offered(const llm_request_t *req, int only,
    const llm_tool_t *t)
{
    size_t  len;

    if (!only) {
        return 1;
    }

    /* llm_json_strn's rule: NULL data is "" */
    len = t->name.data ? t->name.len : 0;

    return len == req->tool_choice_name.len
           && (len == 0
               || memcmp(t->name.data, req->tool_choice_name.data, len)
                  == 0);
}


/* request emission: the document */

/*
 * The text of the blocks of one kind, joined with sep; REASONING blocks
 * only when our own dialect minted them (emit_response's).
 */
static json_t *
llm_openai_join(const llm_block_t *blocks, size_t n, llm_block_kind_e kind,
    const char *sep)
{
    char               *p, *q;
    size_t              i, len, slen, k;
    json_t             *j;
    json_free_t         jfree;
    json_malloc_t       jmalloc;
    const llm_block_t  *b, *last;

    slen = strlen(sep);
    len = 0;
    k = 0;
    last = NULL;

    for (i = 0; i < n; i++) {
        b = &blocks[i];
        if (b->kind == kind
            && (kind != LLM_BLOCK_REASONING
                || b->signature_origin == LLM_DIALECT_OPENAI))
        {
            len += b->text.len + (k++ ? slen : 0);
            last = b;
        }
    }

    if (k == 0) {
        return json_string("");
    }

    if (k == 1) {
        return llm_json_strn(&last->text);
    }

    /* through jansson's allocator: in a translation, the arena's, which
     * counts a refusal (llm_arena.h) as it counts the values' */
    json_get_alloc_funcs(&jmalloc, &jfree);

    p = jmalloc(len + 1);
    if (p == NULL) {
        return NULL;
    }

    q = p;
    k = 0;
    for (i = 0; i < n; i++) {
        b = &blocks[i];
        if (b->kind != kind
            || (kind == LLM_BLOCK_REASONING
                && b->signature_origin != LLM_DIALECT_OPENAI))
        {
            continue;
        }
        if (k++) {
            memcpy(q, sep, slen);
            q += slen;
        }
        if (b->text.len) {
            memcpy(q, b->text.data, b->text.len);
            q += b->text.len;
        }
    }

    j = json_stringn(p, len);
    jfree(p);
    return j;
}


static json_t *
llm_openai_tool_call(llm_arena_t *a, const llm_block_t *b)
{
    size_t       len;
    const char  *args;

    args = llm_openai_args_string(a, b, &len);
    if (args == NULL) {
        return NULL;
    }

    return llm_json_obj("id", llm_json_strn(&b->id),
                        "type", llm_json_lit("function"),
                        "function",
                        llm_json_obj("name", llm_json_strn(&b->name),
                                     "arguments", llm_json_stringn(args, len),
                                     NULL),
                        NULL);
}


static json_t *
llm_openai_image_part(llm_arena_t *a, const llm_block_t *b)
{
    llm_str_t  url;

    if (llm_openai_image_text(a, b, &url) != 0) {
        return NULL;
    }

    return llm_json_obj("type", llm_json_lit("image_url"),
                        "image_url",
                        llm_json_obj("url", llm_json_strn(&url), NULL),
                        NULL);
}


/* One "tool" message (images are moved by the caller) */
static json_t *
llm_openai_tool_result(llm_arena_t *a, const llm_block_t *b)
{
    llm_str_t  content;

    if (llm_openai_result_text(a, b, &content) != 0) {
        return NULL;
    }

    return llm_json_obj("role", llm_json_lit("tool"),
                        "tool_call_id", llm_json_strn(&b->call_id),
                        "content", llm_json_strn(&content), NULL);
}


static int
llm_openai_emit_user(llm_arena_t *a, json_t *msgs, const llm_message_t *m,
    const llm_profile_t *pf, llm_warnings_t *w)
{
    size_t              i, j, nimg;
    json_t             *parts, *part;
    llm_str_t           s;
    const llm_block_t  *b, *c, *only;
    llm_openai_user_e   form;

    /* results first: OpenAI wants them right after the tool calls */
    for (i = 0; i < m->nblocks; i++) {
        b = &m->blocks[i];

        if (b->kind == LLM_BLOCK_TOOL_RESULT
            && json_array_append_new(msgs, llm_openai_tool_result(a, b)) != 0)
        {
            return -1;
        }
    }

    form = llm_openai_user_form(m, pf, &nimg, &only);

    switch (form) {

    case LLM_OPENAI_USER_NONE:
        return 0;

    case LLM_OPENAI_USER_TEXT:
        return json_array_append_new(msgs,
                   llm_json_obj("role", llm_json_lit("user"),
                                "content", llm_json_strn(&only->text), NULL));

    case LLM_OPENAI_USER_JOINED:
        if (llm_openai_text_join(a, m->blocks, m->nblocks, "\n\n", &s) != 0) {
            return -1;
        }

        return json_array_append_new(msgs,
                   llm_json_obj("role", llm_json_lit("user"),
                                "content", llm_json_strn(&s), NULL));

    default:
        break;
    }

    parts = json_array();
    if (parts == NULL) {
        return -1;
    }

    if (nimg) {
        llm_warn(w, "tool_result:image_moved");
    }

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
                || json_array_append_new(parts,
                        llm_json_obj("type", llm_json_lit("text"),
                                     "text", llm_json_strn(&s), NULL))
                   != 0
                || json_array_append_new(parts, llm_openai_image_part(a, c))
                   != 0)
            {
                json_decref(parts);
                return -1;
            }
        }
    }

    for (i = 0; i < m->nblocks; i++) {
        b = &m->blocks[i];

        if (b->kind == LLM_BLOCK_TEXT) {
            part = llm_json_obj("type", llm_json_lit("text"),
                                "text", llm_json_strn(&b->text), NULL);

        } else if (b->kind == LLM_BLOCK_IMAGE) {
            part = llm_openai_image_part(a, b);

        } else {
            continue;
        }

        if (json_array_append_new(parts, part) != 0) {
            json_decref(parts);
            return -1;
        }
    }

    return json_array_append_new(msgs,
               llm_json_obj("role", llm_json_lit("user"),
                            "content", parts, NULL));
}


static int
llm_openai_emit_assistant(llm_arena_t *a, json_t *msgs,
    const llm_message_t *m, const llm_profile_t *pf, llm_warnings_t *w)
{
    size_t                   i;
    json_t                  *msg, *calls, *v;
    llm_str_t                s;
    const char              *field;
    const llm_block_t       *b;
    llm_openai_assistant_t   f;

    llm_openai_assistant_form(m, pf, w, &f);

    if (f.ntext == 0 && f.ncalls == 0 && f.nreason == 0) {
        /* nothing left to say (only foreign reasoning): skip the turn */
        return 0;
    }

    msg = json_object();
    if (msg == NULL
        || llm_json_set_new(msg, "role", json_string("assistant")) != 0)
    {
        json_decref(msg);
        return -1;
    }

    if (f.ncalls) {
        calls = json_array();
        if (llm_json_set_new(msg, "tool_calls", calls) != 0) {
            json_decref(msg);
            return -1;
        }

        for (i = 0; i < m->nblocks; i++) {
            b = &m->blocks[i];
            if (b->kind == LLM_BLOCK_TOOL_CALL
                && json_array_append_new(calls, llm_openai_tool_call(a, b))
                   != 0)
            {
                json_decref(msg);
                return -1;
            }
        }
    }

    if (f.ntext) {
        if (llm_openai_text_join(a, m->blocks, m->nblocks, "", &s) != 0) {
            json_decref(msg);
            return -1;
        }
        v = llm_json_strn(&s);

    } else {
        v = f.ncalls ? json_null() : json_string("");
    }

    if (v == NULL || llm_json_set_new(msg, "content", v) != 0) {
        json_decref(msg);
        return -1;
    }

    if (f.nreason) {
        if (llm_openai_reasoning_join(a, m, pf, &s, &field) != 0) {
            json_decref(msg);
            return -1;
        }

        v = json_stringn(s.data, s.len);
        if (v == NULL || json_object_set_new(msg, field, v) != 0) {
            json_decref(msg);
            return -1;
        }
    }

    return json_array_append_new(msgs, msg);
}


static json_t *
llm_openai_emit_tools(const llm_request_t *req)
{
    size_t             i;
    json_t            *tools, *fn;
    const llm_tool_t  *t;

    tools = json_array();
    if (tools == NULL) {
        return NULL;
    }

    for (i = 0; i < req->ntools; i++) {
        t = &req->tools[i];

        fn = llm_json_obj("name", llm_json_strn(&t->name), NULL);
        if (fn == NULL) {
            goto failed;
        }
        if (t->description.data) {
            llm_json_set_new(fn, "description",
                             llm_json_strn(&t->description));
        }
        if (t->schema) {
            json_object_set(fn, "parameters", t->schema);
        }
        if (t->strict) {
            llm_json_set_new(fn, "strict", json_true());
        }

        if (json_array_append_new(tools,
                llm_json_obj("type", llm_json_lit("function"),
                             "function", fn, NULL))
            != 0)
        {
            goto failed;
        }
    }

    return tools;

failed:

    json_decref(tools);
    return NULL;
}


static json_t *
llm_openai_emit_format(llm_arena_t *a, const llm_request_t *req)
{
    json_t     *js;
    llm_str_t   name;

    switch (req->format) {
    case LLM_FORMAT_TEXT:
        return llm_json_obj("type", llm_json_lit("text"), NULL);

    case LLM_FORMAT_JSON_OBJECT:
        return llm_json_obj("type", llm_json_lit("json_object"), NULL);

    default:
        break;
    }

    if (req->format_schema == NULL) {
        return llm_json_obj("type", llm_json_lit("json_object"), NULL);
    }

    if (llm_openai_format_name(a, req, &name) != 0) {
        return NULL;
    }

    js = llm_json_obj("name", llm_json_strn(&name),
                      "schema", json_incref(req->format_schema), NULL);

    return llm_json_obj("type", llm_json_lit("json_schema"),
                        "json_schema", js, NULL);
}


/*
 * reasoning_effort from the IR: an explicit effort wins; an Anthropic
 * budget is bucketed (dialects.md 5.10); "disabled" and "adaptive"
 * without an effort leave the model's default.
 */
static const char *
llm_openai_effort(const llm_request_t *req)
{
    if (req->effort != LLM_EFFORT_UNSET) {
        return llm_effort_name(req->effort);
    }

    if (req->thinking == LLM_THINKING_ENABLED) {
        if (req->thinking_budget == 0) {
            return "medium";
        }
        if (req->thinking_budget <= 1024) {
            return "low";
        }
        if (req->thinking_budget <= 8192) {
            return "medium";
        }
        return "high";
    }

    return NULL;
}


static json_t *
llm_openai_emit_request(llm_arena_t *a, const llm_request_t *req,
    const llm_options_t *opt, llm_error_t *err, llm_warnings_t *w)
{
    int                   kwargs;
    size_t                i, nstop;
    json_t               *body, *msgs, *v;
    const char           *s;
    const llm_str_t      *model;
    const llm_profile_t  *pf;
    const llm_message_t  *m;

    pf = &opt->profile;

    body = json_object();
    msgs = json_array();
    if (body == NULL || msgs == NULL) {
        json_decref(body);
        json_decref(msgs);
        goto nomem;
    }

    model = opt->upstream_model.len ? &opt->upstream_model : &req->model;
    if (llm_json_set_new(body, "model", llm_json_strn(model)) != 0
        || llm_json_set_new(body, "messages", msgs) != 0)
    {
        json_decref(body);
        goto nomem;
    }

    if (llm_openai_emit_system(a, msgs, req, pf) != 0) {
        goto failed;
    }

    for (i = 0; i < req->nmessages; i++) {
        m = &req->messages[i];

        if (m->role == LLM_ROLE_ASSISTANT) {
            if (llm_openai_emit_assistant(a, msgs, m, pf, w) != 0) {
                goto failed;
            }

        } else if (llm_openai_emit_user(a, msgs, m, pf, w) != 0) {
            goto failed;
        }
    }

    /* Ollama and older llama.cpp ignore max_completion_tokens */
    if (req->has_max_tokens
        && json_object_set_new(body, pf->max_tokens ? "max_tokens"
                                                    : "max_completion_tokens",
                               json_integer(req->max_tokens)) != 0)
    {
        goto failed;
    }

    if (req->has_temperature) {
        llm_json_set_new(body, "temperature",
                         json_real(req->temperature));
    }
    if (req->has_top_p) {
        llm_json_set_new(body, "top_p", json_real(req->top_p));
    }
    if (req->has_top_k) {
        llm_warn(w, "top_k:dropped");
    }
    if (req->has_n) {
        llm_json_set_new(body, "n", json_integer(req->n));
    }
    if (req->has_seed) {
        llm_json_set_new(body, "seed", json_integer(req->seed));
    }
    if (req->has_penalties) {
        /* the IR keeps that penalties were asked for, not their values */
        llm_warn(w, "penalties:dropped");
    }
    if (req->has_logprobs) {
        llm_json_set_new(body, "logprobs", json_true());
    }

    if (req->nstop) {
        nstop = llm_openai_stop_count(req, w);
        v = json_array();
        for (i = 0; v && i < nstop; i++) {
            json_array_append_new(v, llm_json_strn(&req->stop[i]));
        }
        if (llm_json_set_new(body, "stop", v) != 0) {
            goto failed;
        }
    }

    if (req->ntools
        && llm_openai_emit_tool_choice(body, req, pf, err, w) != 0)
    {
        goto error;
    }

    if (req->format != LLM_FORMAT_UNSET
        && llm_json_set_new(body, "response_format",
                            llm_openai_emit_format(a, req)) != 0)
    {
        goto failed;
    }

    llm_openai_thinking_form(req, pf, w, &kwargs, &s);

    if (kwargs >= 0
        && llm_json_set_new(body, "chat_template_kwargs",
                            llm_json_obj("enable_thinking",
                                         json_boolean(kwargs), NULL))
           != 0)
    {
        goto failed;
    }

    if (s) {
        llm_json_set_new(body, "reasoning_effort", json_string(s));
    }

    if (req->stream) {
        llm_json_set_new(body, "stream", json_true());

        /* usage is what non-OpenAI clients need at the end of a stream;
         * a server that never sends it may also reject the option */
        if (!pf->stream_usage
            && llm_json_set_new(body, "stream_options",
                                llm_json_obj("include_usage",
                                             json_boolean(1),
                                             NULL))
               != 0)
        {
            goto failed;
        }
    }

    if (req->user.len) {
        llm_json_set_new(body, "user", llm_json_strn(&req->user));
    }

    return body;

error:

    json_decref(body);
    return NULL;

failed:

    json_decref(body);

nomem:

    llm_error_set(err, LLM_ERR_SERVER, "out of memory");
    return NULL;
}


/*
 * Whether the client asked for reasoning: 1 on, 0 off, -1 it did not
 * say.  A model with an on/off switch thinks at any effort above none
 * (minimal included: it is still "some reasoning").
 */
static int
llm_openai_think_on(const llm_request_t *req)
{
    if (req->effort == LLM_EFFORT_NONE) {
        return 0;
    }

    if (req->effort != LLM_EFFORT_UNSET) {
        return 1;
    }

    switch (req->thinking) {
    case LLM_THINKING_DISABLED:
        return 0;
    case LLM_THINKING_ENABLED:
    case LLM_THINKING_ADAPTIVE:
        return 1;
    default:
        return -1;
    }
}


/*
 * System messages.  Without a profile, one string per system entry
 * (self-hosted chat templates render content-part arrays as nothing,
 * dialects.md 7.4).  For templates that read only messages[0] (merge, or
 * the system-flag switch), one message; with the switch, the flag the
 * client asked for is appended and any flag in the client's text is
 * removed: the template looks for both as plain substrings, so a stray
 * "/think" would flip the mode (SmolLM3: "/no_think" wins when both are
 * there).  The message is created when the client sent none.
 */
static int
llm_openai_emit_system(llm_arena_t *a, json_t *msgs,
    const llm_request_t *req, const llm_profile_t *pf)
{
    size_t                i;
    llm_str_t             s;
    const llm_message_t  *m;

    if (!llm_openai_system_merged(pf)) {
        for (i = 0; i < req->nsystem; i++) {
            m = &req->system[i];
            if (llm_openai_text_join(a, m->blocks, m->nblocks, "\n\n", &s)
                != 0
                || json_array_append_new(msgs,
                       llm_json_obj("role", llm_json_lit("system"),
                                    "content", llm_json_strn(&s), NULL))
                   != 0)
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

    return json_array_append_new(msgs,
               llm_json_obj("role", llm_json_lit("system"),
                            "content", llm_json_stringn(s.data, s.len),
                            NULL));
}


/* tools and tool_choice (llm_openai_tool_choice_form decides) */
static int
llm_openai_emit_tool_choice(json_t *body, const llm_request_t *req,
    const llm_profile_t *pf, llm_error_t *err, llm_warnings_t *w)
{
    int                only, rc;
    size_t             i;
    json_t            *tools, *v;
    llm_tool_choice_e  tc;

    rc = llm_openai_tool_choice_form(req, pf, err, w, &tc, &only);
    if (rc != 0) {
        return rc < 0 ? -1 : 0;
    }

    tools = llm_openai_emit_tools(req);
    if (tools == NULL) {
        goto nomem;
    }

    /* only the named tool, when degraded: the model cannot pick
     * another (the array holds every tool, in order) */
    for (i = json_array_size(tools); only && i-- > 0; /* void */ ) {
        if (!llm_openai_tool_offered(req, only, &req->tools[i])) {
            json_array_remove(tools, i);
        }
    }

    if (llm_json_set_new(body, "tools", tools) != 0) {
        goto nomem;
    }

    if (pf->tool_choice != LLM_PROFILE_TOOLS_OMIT) {
        switch (tc) {
        case LLM_TOOL_CHOICE_NONE:
            v = json_string("none");
            break;
        case LLM_TOOL_CHOICE_REQUIRED:
            v = json_string("required");
            break;
        case LLM_TOOL_CHOICE_NAMED:
            v = llm_json_obj("type", llm_json_lit("function"),
                             "function",
                             llm_json_obj("name", llm_json_strn(
                                                      &req->tool_choice_name),
                                          NULL),
                             NULL);
            break;
        default:
            v = json_string("auto");
            break;
        }

        if (llm_json_set_new(body, "tool_choice", v) != 0) {
            goto nomem;
        }
    }

    if (req->parallel_tool_calls >= 0) {
        llm_json_set_new(body, "parallel_tool_calls",
                         json_boolean(req->parallel_tool_calls));
    }

    return 0;

nomem:

    llm_error_set(err, LLM_ERR_SERVER, "out of memory");
    return -1;
}


/* responses */

/* (llm_openai_int.h) */
void
llm_openai_response_stop(llm_response_t *resp, const char *finish,
    const llm_str_t *stop_reason, int refused)
{
    size_t  i;

    resp->stop = finish ? llm_stop_from_openai(finish) : LLM_STOP_END;

    /* vLLM names the stop string that matched */
    if (resp->stop == LLM_STOP_END && stop_reason->len) {
        resp->stop = LLM_STOP_STOP_SEQUENCE;
        resp->stop_sequence = *stop_reason;
    }

    if (refused && resp->stop == LLM_STOP_END) {
        resp->stop = LLM_STOP_CONTENT_FILTER;
    }

    if (resp->stop != LLM_STOP_TOOL_USE && resp->stop != LLM_STOP_MAX_TOKENS
        && resp->stop != LLM_STOP_CONTENT_FILTER)
    {
        /* some servers say "stop" after tool calls */
        for (i = 0; i < resp->nblocks; i++) {
            if (resp->blocks[i].kind == LLM_BLOCK_TOOL_CALL) {
                resp->stop = LLM_STOP_TOOL_USE;
                break;
            }
        }
    }
}


static int
llm_openai_parse_response(llm_arena_t *a, json_t *body, llm_response_t *resp,
    llm_error_t *err, llm_warnings_t *w)
{
    int                   refused;
    json_t               *choices, *choice, *msg, *v, *fc;
    json_t               *bf[8], *cf[3], *mf[LLM_OPENAI_NMFIELDS];
    llm_str_t             sr;
    llm_block_t          *b;
    const char           *s;
    llm_openai_blocks_t   bl;

    enum { B_ERROR, B_OBJECT, B_CHOICES, B_ID, B_MODEL, B_CREATED, B_USAGE,
           B_TIMINGS };
    enum { C_MESSAGE, C_FINISH_REASON, C_STOP_REASON };
    static const llm_json_name_t  body_fields[] = {
        llm_json_name("error"), llm_json_name("object"),
        llm_json_name("choices"), llm_json_name("id"), llm_json_name("model"),
        llm_json_name("created"), llm_json_name("usage"),
        llm_json_name("timings")
    };
    static const llm_json_name_t  choice_fields[] = {
        llm_json_name("message"), llm_json_name("finish_reason"),
        llm_json_name("stop_reason")
    };

    memset(&bl, 0, sizeof(bl));

    llm_json_pick(body, body_fields, 8, bf);

    /* some servers answer errors with 200 */
    v = bf[B_ERROR];
    s = json_string_value(bf[B_OBJECT]);
    if ((v && !json_is_null(v)) || (s && strcmp(s, "error") == 0)) {
        llm_openai_parse_error(body, 0, err);
        if (err->kind == LLM_ERR_NONE) {
            err->kind = LLM_ERR_BAD_GATEWAY;
        }
        if (err->status == 0) {
            err->status = llm_err_kind_status(err->kind);
        }
        if (err->message[0] == '\0') {
            snprintf(err->message, sizeof(err->message),
                     "upstream answered with an error");
        }
        return -1;
    }

    choices = bf[B_CHOICES];
    choice = json_array_get(choices, 0);
    llm_json_pick(choice, choice_fields, 3, cf);
    msg = cf[C_MESSAGE];

    if (!json_is_object(msg)) {
        llm_error_set(err, LLM_ERR_BAD_GATEWAY, "upstream response has no "
                      "choices[0].message");
        return -1;
    }

    llm_json_str(bf[B_ID], &resp->id);
    llm_json_str(bf[B_MODEL], &resp->model);
    v = bf[B_CREATED];
    resp->created = json_is_integer(v) ? json_integer_value(v) : 0;

    llm_json_pick(msg, llm_openai_mfields, LLM_OPENAI_NMFIELDS, mf);

    if (llm_openai_parse_reasoning(a, mf, "message", &bl, err) != 0) {
        goto malformed;
    }

    v = mf[LLM_OPENAI_M_content];
    if (json_is_string(v)) {
        if (json_string_length(v)) {
            b = llm_openai_block_add(a, &bl);
            if (b == NULL) {
                goto nomem;
            }
            b->kind = LLM_BLOCK_TEXT;
            llm_json_str(v, &b->text);
        }

    } else if (json_is_array(v)) {
        if (llm_openai_parse_text_parts(a, v, "message.content", 1, &bl, err)
            != 0)
        {
            goto malformed;
        }

    } else if (v && !json_is_null(v)) {
        llm_error_set(err, LLM_ERR_BAD_GATEWAY, "upstream response has a "
                      "message.content of the wrong type");
        return -1;
    }

    /* a refusal is the answer: give it to clients of every dialect */
    refused = 0;
    v = mf[LLM_OPENAI_M_refusal];
    if (json_is_string(v) && json_string_length(v)) {
        b = llm_openai_block_add(a, &bl);
        if (b == NULL) {
            goto nomem;
        }
        b->kind = LLM_BLOCK_TEXT;
        llm_json_str(v, &b->text);
        refused = 1;
    }

    v = mf[LLM_OPENAI_M_tool_calls];
    if (json_is_array(v)) {
        if (llm_openai_parse_tool_calls(a, v, "message.tool_calls", 0, &bl,
                                        err)
            != 0)
        {
            goto malformed;
        }
    }

    /* legacy servers */
    fc = mf[LLM_OPENAI_M_function_call];
    if (json_is_object(fc) && !json_is_array(v)) {
        v = llm_json_arr1(llm_json_obj("type", llm_json_lit("function"),
                                       "function", json_incref(fc), NULL));
        if (llm_arena_keep(a, v) == NULL) {
            goto nomem;
        }
        if (llm_openai_parse_tool_calls(a, v, "message.function_call", 0,
                                        &bl, err)
            != 0)
        {
            goto malformed;
        }
    }

    resp->blocks = bl.elts;
    resp->nblocks = bl.n;

    llm_str_set(&sr, NULL, 0);
    (void) llm_json_str(cf[C_STOP_REASON], &sr);
    llm_openai_response_stop(resp, json_string_value(cf[C_FINISH_REASON]),
                             &sr, refused);

    llm_usage_from_openai(bf[B_USAGE], &resp->usage);
    llm_openai_usage_timings(bf[B_TIMINGS], &resp->usage);
    return 0;

malformed:

    if (err->kind != LLM_ERR_SERVER) {
        /* the message names the field, in the upstream's body */
        err->kind = LLM_ERR_BAD_GATEWAY;
        err->status = llm_err_kind_status(LLM_ERR_BAD_GATEWAY);
        err->param[0] = '\0';
    }
    return -1;

nomem:

    return llm_openai_nomem(err);
}


/* (llm_openai.h) the id of an answer: the upstream's, with OpenAI's
 * prefix */
int
llm_openai_response_id(llm_arena_t *a, const llm_response_t *resp,
    const llm_options_t *opt, llm_str_t *idstr)
{
    char    *id;
    size_t   len;

    if (resp->id.len >= 9 && strncmp(resp->id.data, "chatcmpl-", 9) == 0) {
        *idstr = resp->id;
        return 0;
    }

    len = 9 + (resp->id.len ? resp->id.len : 20);
    id = llm_arena_alloc(a, len + 1);
    if (id == NULL) {
        return -1;
    }

    if (resp->id.len) {
        memcpy(id, "chatcmpl-", 9);
        memcpy(id + 9, resp->id.data, resp->id.len);

    } else {
        len = snprintf(id, len + 1, "chatcmpl-%lld", (long long) opt->now);
    }

    llm_str_set(idstr, id, len);
    return 0;
}


void
llm_openai_response_kinds(const llm_response_t *resp, llm_openai_kinds_t *k)
{
    size_t              i;
    const llm_block_t  *b;

    memset(k, 0, sizeof(*k));

    for (i = 0; i < resp->nblocks; i++) {
        b = &resp->blocks[i];

        switch (b->kind) {
        case LLM_BLOCK_TEXT:
            k->text++;
            break;

        case LLM_BLOCK_REASONING:
            k->reasoning++;
            k->signed_reasoning += b->signature.len != 0;
            break;

        case LLM_BLOCK_REDACTED_REASONING:
            k->signed_reasoning++;
            break;

        case LLM_BLOCK_TOOL_CALL:
            k->calls++;
            break;

        default:
            break;
        }
    }
}


static json_t *
llm_openai_emit_response(llm_arena_t *a, const llm_response_t *resp,
    const llm_request_t *req, const llm_options_t *opt, llm_warnings_t *w)
{
    char                *id;
    size_t               i, len, ntext, nreason, nsigned;
    json_t              *msg, *calls, *tb, *v, *out, *choice;
    const char          *sig;
    llm_str_t            idstr;
    const llm_block_t   *b;
    llm_openai_kinds_t   k;

    if (llm_openai_response_id(a, resp, opt, &idstr) != 0) {
        return NULL;
    }

    msg = llm_json_obj("role", llm_json_lit("assistant"), NULL);
    if (msg == NULL) {
        return NULL;
    }

    llm_openai_response_kinds(resp, &k);
    ntext = k.text;
    nreason = k.reasoning;
    nsigned = k.signed_reasoning;
    calls = NULL;
    tb = NULL;

    if (k.calls) {
        calls = json_array();

        for (i = 0; i < resp->nblocks; i++) {
            b = &resp->blocks[i];
            if (b->kind == LLM_BLOCK_TOOL_CALL) {
                json_array_append_new(calls, llm_openai_tool_call(a, b));
            }
        }
    }

    v = ntext ? llm_openai_join(resp->blocks, resp->nblocks, LLM_BLOCK_TEXT,
                                "")
              : calls ? json_null() : json_string("");
    llm_json_set_new(msg, "content", v);
    llm_json_set_new(msg, "refusal", json_null());

    if (calls) {
        llm_json_set_new(msg, "tool_calls", calls);
    }

    if (nreason) {
        /* all reasoning text, whoever minted it: it is for reading */
        len = 0;
        for (i = 0; i < resp->nblocks; i++) {
            if (resp->blocks[i].kind == LLM_BLOCK_REASONING) {
                len += resp->blocks[i].text.len;
            }
        }
        id = llm_arena_alloc(a, len + 1);
        if (id == NULL) {
            json_decref(msg);
            return NULL;
        }
        len = 0;
        for (i = 0; i < resp->nblocks; i++) {
            b = &resp->blocks[i];
            if (b->kind == LLM_BLOCK_REASONING && b->text.len) {
                memcpy(id + len, b->text.data, b->text.len);
                len += b->text.len;
            }
        }
        llm_json_set_new(msg, "reasoning_content", json_stringn(id, len));
    }

    if (nsigned) {
        /* signed blocks, to be sent back in the next request */
        tb = json_array();

        for (i = 0; tb && i < resp->nblocks; i++) {
            b = &resp->blocks[i];

            if (b->kind == LLM_BLOCK_REASONING) {
                sig = llm_openai_sig_wrap(a, &b->signature,
                                          b->signature_origin, &len);
                v = sig ? llm_json_obj("type", llm_json_lit("thinking"),
                                       "thinking", llm_json_strn(&b->text),
                                       "signature", llm_json_stringn(sig, len),
                                       NULL)
                        : NULL;

            } else if (b->kind == LLM_BLOCK_REDACTED_REASONING) {
                /* only Anthropic makes them, whatever its parser said */
                sig = llm_openai_sig_wrap(a, &b->data,
                                          b->signature_origin
                                          ? b->signature_origin
                                          : LLM_DIALECT_ANTHROPIC, &len);
                v = sig ? llm_json_obj("type",
                                       llm_json_lit("redacted_thinking"),
                                       "data", llm_json_stringn(sig, len),
                                       NULL)
                        : NULL;

            } else {
                continue;
            }

            if (json_array_append_new(tb, v) != 0) {
                json_decref(tb);
                tb = NULL;
            }
        }

        if (tb == NULL) {
            json_decref(msg);
            return NULL;
        }
        llm_json_set_new(msg, "thinking_blocks", tb);
    }

    choice = llm_json_obj("index", json_integer(0),
                          "message", msg,
                          "logprobs", json_null(),
                          "finish_reason",
                          json_string(llm_stop_to_openai(resp->stop)),
                          NULL);

    out = llm_json_obj("id", llm_json_strn(&idstr),
                       "object", llm_json_lit("chat.completion"),
                       "created",
                       llm_json_int(resp->created
                                                  ? resp->created
                                                  : opt->now),
                       "model", llm_json_strn(resp->model.len ? &resp->model
                                                              : &req->model),
                       "choices", llm_json_arr1(choice),
                       "usage", llm_usage_to_openai(&resp->usage), NULL);

    return out;
}


void
llm_openai_usage_timings(json_t *timings, llm_usage_t *u)
{
    json_t  *pn, *cn, *on;

    if (u->has_input || u->has_output || !json_is_object(timings)) {
        return;
    }

    pn = json_object_get(timings, "prompt_n");
    cn = json_object_get(timings, "cache_n");
    on = json_object_get(timings, "predicted_n");

    if (json_is_integer(pn)) {
        /* prompt_n counts the tokens evaluated, cache_n those reused */
        u->input_total = json_integer_value(pn);
        u->has_input = 1;

        if (json_is_integer(cn)) {
            u->cache_read = json_integer_value(cn);
            u->input_total = llm_usage_add(u->input_total, u->cache_read);
            u->has_cache_read = 1;
        }
    }

    if (json_is_integer(on)) {
        u->output_total = json_integer_value(on);
        u->has_output = 1;
    }
}


/* profiles */

typedef struct {
    char              *r;
    size_t             nr;
    char              *t;
    size_t             nt;
} llm_openai_split_t;


static int
llm_openai_split_out(void *data, int reasoning, const char *p, size_t n)
{
    llm_openai_split_t  *sp = data;

    if (reasoning) {
        memcpy(sp->r + sp->nr, p, n);
        sp->nr += n;

    } else {
        memcpy(sp->t + sp->nt, p, n);
        sp->nt += n;
    }

    return 0;
}


int
llm_openai_response_profile(llm_arena_t *a, llm_response_t *resp,
    const llm_options_t *opt, llm_error_t *err)
{
    int                   field;
    size_t                i, n, k;
    llm_block_t          *bl, *b;
    llm_think_t           think;
    const llm_profile_t  *pf;
    llm_openai_split_t    sp;

    pf = &opt->profile;

    if (pf->reasoning == LLM_PROFILE_REASONING_NONE) {
        for (i = 0, n = 0; i < resp->nblocks; i++) {
            if (resp->blocks[i].kind != LLM_BLOCK_REASONING) {
                resp->blocks[n++] = resp->blocks[i];
            }
        }
        resp->nblocks = n;
        return 0;
    }

    if (pf->reasoning != LLM_PROFILE_REASONING_THINK) {
        return 0;
    }

    /* the content: the first text block (a refusal would come later) */
    field = 0;
    b = NULL;
    k = 0;
    for (i = 0; i < resp->nblocks; i++) {
        if (resp->blocks[i].kind == LLM_BLOCK_REASONING) {
            field = 1;

        } else if (resp->blocks[i].kind == LLM_BLOCK_TEXT && b == NULL) {
            b = &resp->blocks[i];
            k = i;
        }
    }

    if (b == NULL) {
        return 0;
    }

    sp.r = llm_arena_alloc(a, b->text.len + 1);
    sp.t = llm_arena_alloc(a, b->text.len + 1);
    bl = llm_arena_alloc(a, (resp->nblocks + 1) * sizeof(llm_block_t));
    if (sp.r == NULL || sp.t == NULL || bl == NULL) {
        llm_error_set(err, LLM_ERR_SERVER, "out of memory");
        return -1;
    }
    sp.nr = 0;
    sp.nt = 0;

    llm_think_init(&think, pf->think_implicit);
    llm_think_feed(&think, b->text.data, b->text.len, llm_openai_split_out,
                   &sp);
    llm_think_finish(&think, llm_openai_split_out, &sp);

    /* reasoning first; a server that also filled a reasoning field
     * (llama.cpp's deepseek-legacy) said it already: only strip */
    n = 0;
    if (sp.nr && !field) {
        memset(&bl[n], 0, sizeof(llm_block_t));
        bl[n].kind = LLM_BLOCK_REASONING;
        llm_str_set(&bl[n].text, sp.r, sp.nr);
        bl[n].signature_origin = LLM_DIALECT_OPENAI;
        n++;
    }

    for (i = 0; i < resp->nblocks; i++) {
        if (i != k) {
            bl[n++] = resp->blocks[i];

        } else if (sp.nt) {
            bl[n] = *b;
            llm_str_set(&bl[n].text, sp.t, sp.nt);
            n++;
        }
    }

    resp->blocks = bl;
    resp->nblocks = n;

    return 0;
}


/*
 * "llm_profile" arguments.  Presets set what their server (or model)
 * needs and leave the rest; later arguments override earlier ones, so
 * "llamacpp smollm3" is llama.cpp serving SmolLM3.
 */

typedef struct {
    const char        *name;
    const char        *value;
    unsigned           field;
    unsigned           v;
} llm_openai_profile_arg_t;

enum {
    LLM_PF_REASONING = 0,
    LLM_PF_IMPLICIT,
    LLM_PF_THINKING,
    LLM_PF_STREAM_USAGE,
    LLM_PF_TOOL_CHOICE,
    LLM_PF_TOOL_REJECT,
    LLM_PF_MAX_TOKENS,
    LLM_PF_REPLAY,
    LLM_PF_SYSTEM,
    LLM_PF_CONTENT
};

static const llm_openai_profile_arg_t  llm_openai_profile_args[] = {
    { "reasoning", "field", LLM_PF_REASONING, LLM_PROFILE_REASONING_FIELD },
    { "reasoning", "think", LLM_PF_REASONING, LLM_PROFILE_REASONING_THINK },
    { "reasoning", "think_implicit", LLM_PF_REASONING,
      LLM_PROFILE_REASONING_THINK + 8 },
    { "reasoning", "none", LLM_PF_REASONING, LLM_PROFILE_REASONING_NONE },
    { "thinking", "effort", LLM_PF_THINKING, LLM_PROFILE_SWITCH_EFFORT },
    { "thinking", "system_flag", LLM_PF_THINKING,
      LLM_PROFILE_SWITCH_SYSTEM_FLAG },
    { "thinking", "kwargs", LLM_PF_THINKING, LLM_PROFILE_SWITCH_KWARGS },
    { "thinking", "none", LLM_PF_THINKING, LLM_PROFILE_SWITCH_NONE },
    { "stream_usage", "request", LLM_PF_STREAM_USAGE, 0 },
    { "stream_usage", "absent", LLM_PF_STREAM_USAGE, 1 },
    { "tool_choice", "all", LLM_PF_TOOL_CHOICE, LLM_PROFILE_TOOLS_ALL },
    { "tool_choice", "required", LLM_PF_TOOL_CHOICE,
      LLM_PROFILE_TOOLS_REQUIRED },
    { "tool_choice", "auto", LLM_PF_TOOL_CHOICE, LLM_PROFILE_TOOLS_AUTO },
    { "tool_choice", "omit", LLM_PF_TOOL_CHOICE, LLM_PROFILE_TOOLS_OMIT },
    { "forced_tool", "degrade", LLM_PF_TOOL_REJECT, 0 },
    { "forced_tool", "reject", LLM_PF_TOOL_REJECT, 1 },
    { "max_tokens", "max_completion_tokens", LLM_PF_MAX_TOKENS, 0 },
    { "max_tokens", "max_tokens", LLM_PF_MAX_TOKENS, 1 },
    { "replay", "reasoning_content", LLM_PF_REPLAY,
      LLM_PROFILE_REPLAY_CONTENT },
    { "replay", "reasoning", LLM_PF_REPLAY, LLM_PROFILE_REPLAY_FIELD },
    { "replay", "none", LLM_PF_REPLAY, LLM_PROFILE_REPLAY_NONE },
    { "system", "keep", LLM_PF_SYSTEM, 0 },
    { "system", "merge", LLM_PF_SYSTEM, 1 },
    { "content", "parts", LLM_PF_CONTENT, 0 },
    { "content", "string", LLM_PF_CONTENT, 1 },
    { NULL, NULL, 0, 0 }
};

static const struct {
    const char        *name;
    const char        *args;
} llm_openai_profile_presets[] = {
    { "openai", "" },
    { "vllm", "reasoning=field replay=reasoning" },
    { "llamacpp", "reasoning=field replay=reasoning_content "
                  "max_tokens=max_tokens tool_choice=required" },
    { "ollama", "reasoning=field replay=reasoning max_tokens=max_tokens "
                "tool_choice=omit" },
    { "smollm3", "reasoning=think thinking=system_flag replay=none "
                 "system=merge content=string" },
    { NULL, NULL }
};


static int
llm_openai_profile_arg(llm_profile_t *p, const char *arg, size_t len)
{
    size_t                           i, nl;
    const char                      *eq;
    const llm_openai_profile_arg_t  *a;

    eq = memchr(arg, '=', len);
    if (eq == NULL) {
        return -1;
    }
    nl = eq - arg;

    for (i = 0; llm_openai_profile_args[i].name; i++) {
        a = &llm_openai_profile_args[i];

        if (strlen(a->name) != nl || memcmp(a->name, arg, nl) != 0
            || strlen(a->value) != len - nl - 1
            || memcmp(a->value, eq + 1, len - nl - 1) != 0)
        {
            continue;
        }

        switch (a->field) {
        case LLM_PF_REASONING:
            p->reasoning = a->v & 7;
            p->think_implicit = (a->v & 8) != 0;
            break;
        case LLM_PF_THINKING:
            p->thinking = a->v;
            break;
        case LLM_PF_STREAM_USAGE:
            p->stream_usage = a->v;
            break;
        case LLM_PF_TOOL_CHOICE:
            p->tool_choice = a->v;
            break;
        case LLM_PF_TOOL_REJECT:
            p->tool_choice_reject = a->v;
            break;
        case LLM_PF_MAX_TOKENS:
            p->max_tokens = a->v;
            break;
        case LLM_PF_REPLAY:
            p->replay = a->v;
            break;
        case LLM_PF_SYSTEM:
            p->merge_system = a->v;
            break;
        default:
            p->flatten = a->v;
            break;
        }

        return 0;
    }

    return -1;
}


int
llm_profile_set(llm_profile_t *p, const char *arg, size_t len,
    const char **why)
{
    size_t       i;
    const char  *s, *e;

    p->enabled = 1;

    if (memchr(arg, '=', len)) {
        if (llm_openai_profile_arg(p, arg, len) != 0) {
            *why = "unknown profile parameter or value";
            return -1;
        }
        return 0;
    }

    for (i = 0; llm_openai_profile_presets[i].name; i++) {
        if (strlen(llm_openai_profile_presets[i].name) != len
            || memcmp(llm_openai_profile_presets[i].name, arg, len) != 0)
        {
            continue;
        }

        for (s = llm_openai_profile_presets[i].args; *s; s = e) {
            while (*s == ' ') {
                s++;
            }
            for (e = s; *e && *e != ' '; e++) { /* void */ }
            if (e > s && llm_openai_profile_arg(p, s, e - s) != 0) {
                *why = "bad preset";
                return -1;
            }
        }

        return 0;
    }

    *why = "unknown profile preset (vllm, llamacpp, ollama, smollm3, "
           "openai)";
    return -1;
}


/* errors */

static const struct {
    const char      *type;
    llm_err_kind_e   kind;
} llm_openai_error_types[] = {
    { "invalid_request_error", LLM_ERR_INVALID_REQUEST },
    { "BadRequestError", LLM_ERR_INVALID_REQUEST },
    { "exceed_context_size_error", LLM_ERR_INVALID_REQUEST },
    { "not_supported_error", LLM_ERR_INVALID_REQUEST },
    { "authentication_error", LLM_ERR_AUTHENTICATION },
    { "invalid_api_key", LLM_ERR_AUTHENTICATION },
    { "permission_error", LLM_ERR_PERMISSION },
    { "not_found_error", LLM_ERR_NOT_FOUND },
    { "NotFoundError", LLM_ERR_NOT_FOUND },
    { "model_not_found", LLM_ERR_NOT_FOUND },
    { "rate_limit_exceeded", LLM_ERR_RATE_LIMIT },
    { "rate_limit_error", LLM_ERR_RATE_LIMIT },
    { "requests", LLM_ERR_RATE_LIMIT },
    { "tokens", LLM_ERR_RATE_LIMIT },
    { "insufficient_quota", LLM_ERR_QUOTA },
    { "server_error", LLM_ERR_SERVER },
    { "api_error", LLM_ERR_SERVER },
    { "InternalServerError", LLM_ERR_SERVER },
    { "service_unavailable_error", LLM_ERR_OVERLOADED },
    { "unavailable_error", LLM_ERR_OVERLOADED },
    { "overloaded_error", LLM_ERR_OVERLOADED },
    { "server_is_overloaded", LLM_ERR_OVERLOADED },
    { "timeout_error", LLM_ERR_TIMEOUT },
    { NULL, LLM_ERR_NONE }
};


static llm_err_kind_e
llm_openai_kind_from_type(const char *type)
{
    size_t  i;

    if (type == NULL) {
        return LLM_ERR_NONE;
    }

    for (i = 0; llm_openai_error_types[i].type; i++) {
        if (strcmp(llm_openai_error_types[i].type, type) == 0) {
            return llm_openai_error_types[i].kind;
        }
    }

    return LLM_ERR_NONE;
}


/*
 * {"error":{"message","type","param","code"}} (OpenAI, Ollama, newer
 * vLLM, llama.cpp with an integer code), the flat older vLLM form
 * {"object":"error","message",...,"code":400}, and {"error":"text"}.
 */
static void
llm_openai_parse_error(json_t *body, int status, llm_error_t *err)
{
    int              code;
    json_t          *e, *v;
    llm_err_kind_e   kind;
    const char      *type, *scode, *msg;

    kind = status ? llm_err_kind_from_status(status) : LLM_ERR_NONE;
    code = 0;
    type = NULL;
    scode = NULL;
    msg = NULL;

    e = json_object_get(body, "error");
    if (json_is_string(e)) {
        msg = json_string_value(e);
        e = NULL;

    } else if (!json_is_object(e) && json_is_object(body)
               && json_is_string(json_object_get(body, "message")))
    {
        e = body;
    }

    if (json_is_object(e)) {
        msg = json_string_value(json_object_get(e, "message"));
        type = json_string_value(json_object_get(e, "type"));

        v = json_object_get(e, "code");
        if (json_is_integer(v)) {
            code = (int) json_integer_value(v);
        }
        scode = json_string_value(v);

        v = json_object_get(e, "param");
        if (json_is_string(v)) {
            snprintf(err->param, sizeof(err->param), "%s",
                     json_string_value(v));
        }
    }

    if (llm_openai_kind_from_type(scode) == LLM_ERR_QUOTA
        || llm_openai_kind_from_type(type) == LLM_ERR_QUOTA)
    {
        /* out of credits: the same 429, but retrying will not help */
        kind = LLM_ERR_QUOTA;

    } else if (status == 0 || status == 200) {
        kind = llm_openai_kind_from_type(scode);
        if (kind == LLM_ERR_NONE) {
            kind = llm_openai_kind_from_type(type);
        }
        if (kind == LLM_ERR_NONE && code >= 400 && code <= 599) {
            kind = llm_err_kind_from_status(code);
        }
        if (kind == LLM_ERR_NONE) {
            kind = LLM_ERR_BAD_GATEWAY;
        }
        status = (code >= 400 && code <= 599) ? code
                                              : llm_err_kind_status(kind);
    }

    err->kind = kind;
    err->status = status;

    if (msg) {
        snprintf(err->message, sizeof(err->message), "%s", msg);
    }
}


static json_t *
llm_openai_emit_error(const llm_error_t *err)
{
    const char  *type, *code;

    code = NULL;

    switch (err->kind) {
    case LLM_ERR_INVALID_REQUEST:
    case LLM_ERR_TOO_LARGE:
        type = "invalid_request_error";
        break;
    case LLM_ERR_AUTHENTICATION:
        type = "invalid_request_error";
        code = "invalid_api_key";
        break;
    case LLM_ERR_PERMISSION:
        type = "permission_error";
        break;
    case LLM_ERR_NOT_FOUND:
        type = "invalid_request_error";
        code = "model_not_found";
        break;
    case LLM_ERR_RATE_LIMIT:
        type = "requests";
        code = "rate_limit_exceeded";
        break;
    case LLM_ERR_QUOTA:
        type = "insufficient_quota";
        code = "insufficient_quota";
        break;
    case LLM_ERR_OVERLOADED:
        type = "service_unavailable_error";
        code = "server_is_overloaded";
        break;
    case LLM_ERR_TIMEOUT:
        type = "timeout_error";
        break;
    default:
        type = "server_error";
        break;
    }

    return llm_json_obj("error",
                        llm_json_obj("message", json_string(err->message),
                                     "type", json_string(type),
                                     "param", err->param[0]
                                              ? json_string(err->param)
                                              : json_null(),
                                     "code", code ? json_string(code)
                                                  : json_null(),
                                     NULL),
                        NULL);
}


const llm_codec_t  llm_openai_codec = {
    LLM_DIALECT_OPENAI,
    "openai",
    llm_openai_parse_request,
    llm_openai_check_request,
    llm_openai_read_request,
    llm_openai_read_tools,
    llm_openai_emit_request,
    llm_openai_write_request,
    llm_openai_parse_response,
    llm_openai_read_response,
    llm_openai_emit_response,
    llm_openai_write_response,
    llm_openai_parse_error,
    llm_openai_emit_error
};
