/*
 * Orchestration of one translation: parse with the client's codec, emit
 * with the upstream's, and the reverse for responses and errors.
 */

#include <stddef.h>
#include <string.h>

#include "llm_translate.h"
#include "llm_json.h"
#include "llm_json_check.h"
#include "llm_openai.h"


/* A duplicate key is ambiguous (parsers disagree on which one wins), so
 * it is refused; nesting is bounded as in jansson (llm_json.h). */
#define LLM_JSON_FLAGS  (JSON_REJECT_DUPLICATES)


static int llm_parse_request_in_arena(llm_translation_t *t,
    const char *body, size_t len, const llm_str_t *path_model);
static int llm_scan_request_in_arena(llm_translation_t *t,
    const char *body, size_t len, const llm_str_t *path_model);
static int llm_emit_request_in_arena(llm_translation_t *t, char **out,
    size_t *outlen);
static int llm_rewrite_model_in_arena(llm_translation_t *t,
    const char *body, size_t len, char **out, size_t *outlen);
static int llm_translate_response_in_arena(llm_translation_t *t,
    const char *body, size_t len, char **out, size_t *outlen);
static int llm_translate_error_in_arena(llm_translation_t *t, int status,
    const char *body, size_t len, int64_t retry_after, char **out,
    size_t *outlen, int *out_status);
static char *llm_error_body_in_arena(llm_arena_t *a, llm_dialect_e d,
    const llm_error_t *err, size_t *len);


void
llm_translation_init(llm_translation_t *t, llm_dialect_e client,
    llm_dialect_e upstream)
{
    memset(t, 0, offsetof(llm_translation_t, err));
    llm_error_clear(&t->err);
    llm_arena_init(&t->arena, 16384);
    t->client = client;
    t->upstream = upstream;
    t->opt.default_max_tokens = LLM_DEFAULT_MAX_TOKENS;
    t->req.parallel_tool_calls = -1;
}


void
llm_translation_free(llm_translation_t *t)
{
    llm_arena_free(&t->arena);
}


static json_t *
llm_load(llm_translation_t *t, const char *body, size_t len,
    llm_err_kind_e kind, const char *what)
{
    json_t        *j;
    json_error_t   jerr;

    j = llm_json_loadb(body, len, LLM_JSON_FLAGS, &jerr);
    if (j == NULL) {
        llm_error_set(&t->err, kind, "%s is not valid JSON: %s at line %d "
                      "column %d", what, jerr.text, jerr.line, jerr.column);
        return NULL;
    }

    return llm_arena_keep(&t->arena, j);
}


static int
llm_parse_request_in_arena(llm_translation_t *t, const char *body, size_t len,
    const llm_str_t *path_model)
{
    size_t              nwarn;
    json_t             *j;
    llm_request_t       saved;
    const llm_codec_t  *c;

    c = llm_codec(t->client);
    if (c == NULL) {
        llm_error_set(&t->err, LLM_ERR_NOT_FOUND, "unknown API dialect");
        return -1;
    }

    if (path_model && path_model->len) {
        t->req.model = *path_model;
    }

    t->req.body_len = len;

    if (c->read_request != NULL) {
        saved = t->req;
        nwarn = t->warn.n;

        if (c->read_request(&t->arena, body, len, &t->req, &t->warn) == 0) {
            t->parsed = 1;
            return 0;
        }

        /* declined: the document's parse decides, from where it began */
        t->req = saved;
        t->warn.n = nwarn;
    }

    j = llm_load(t, body, len, LLM_ERR_INVALID_REQUEST, "request body");
    if (j == NULL) {
        return -1;
    }

    if (!json_is_object(j)) {
        llm_error_set(&t->err, LLM_ERR_INVALID_REQUEST,
                      "request body must be a JSON object");
        return -1;
    }

    t->body = j;

    if (c->parse_request(&t->arena, j, &t->req, &t->err, &t->warn) != 0) {
        return -1;
    }

    t->parsed = 1;
    return 0;
}


static int
llm_scan_invalid(llm_translation_t *t, const char *param, const char *msg)
{
    llm_error_set(&t->err, LLM_ERR_INVALID_REQUEST, "%s", msg);
    snprintf(t->err.param, sizeof(t->err.param), "%s", param);
    return -1;
}


static int
llm_scan_request_in_arena(llm_translation_t *t, const char *body, size_t len,
    const llm_str_t *path_model)
{
    json_t             *j;
    llm_json_member_t   m[2];

    m[0].name = "model";
    m[0].name_len = 5;
    m[1].name = "stream";
    m[1].name_len = 6;

    /* a Gemini body names neither: model and stream are in the path */
    if (!llm_json_object_members(body, len, m,
                                 t->client == LLM_DIALECT_GEMINI ? 0 : 2))
    {
        /* the reader says what is wrong, and where */
        j = llm_load(t, body, len, LLM_ERR_INVALID_REQUEST, "request body");
        if (j == NULL) {
            return -1;
        }

        if (!json_is_object(j)) {
            return llm_scan_invalid(t, "",
                                    "request body must be a JSON object");
        }

        /* what the reader accepts and the check does not: depth */
        return llm_scan_invalid(t, "", "request body nests too deeply");
    }

    if (t->client == LLM_DIALECT_GEMINI) {
        m[0].count = 0;
        m[1].count = 0;
    }

    /* a duplicate would let the gateway route on one model while the
     * provider serves another */
    if (m[0].count > 1 || m[1].count > 1) {
        return llm_scan_invalid(t, m[0].count > 1 ? "model" : "stream",
                                "request body has a duplicate key");
    }

    if (path_model && path_model->len) {
        t->req.model = *path_model;

    } else if (m[0].count && !(m[0].value_len == 4
                                && memcmp(m[0].value, "null", 4) == 0))
    {
        if (m[0].value[0] != '"') {
            return llm_scan_invalid(t, "model", "Invalid type for 'model': "
                                    "expected a string.");
        }

        t->model_at = (size_t) (m[0].value - body);
        t->model_raw = m[0].value_len;

        if (memchr(m[0].value, '\\', m[0].value_len) == NULL) {
            /* no escape: the bytes between the quotes, UTF-8 checked */
            t->req.model.data = m[0].value + 1;
            t->req.model.len = m[0].value_len - 2;

        } else {
            j = llm_arena_keep(&t->arena,
                               llm_json_loadb(m[0].value, m[0].value_len,
                                              JSON_DECODE_ANY, NULL));
            if (j == NULL || llm_json_str(j, &t->req.model) != 0) {
                return llm_scan_invalid(t, "model", "invalid 'model'");
            }
        }
    }

    if (m[1].count) {
        if (m[1].value_len == 4 && memcmp(m[1].value, "true", 4) == 0) {
            t->req.stream = 1;

        } else if (!((m[1].value_len == 5
                      && memcmp(m[1].value, "false", 5) == 0)
                     || (m[1].value_len == 4
                         && memcmp(m[1].value, "null", 4) == 0)))
        {
            return llm_scan_invalid(t, "stream", "Invalid type for "
                                    "'stream': expected a boolean.");
        }
    }

    t->scanned = 1;
    return 0;
}


static int
llm_emit_request_in_arena(llm_translation_t *t, char **out, size_t *outlen)
{
    int                 rc;
    size_t              nwarn;
    json_t             *j;
    const llm_codec_t  *c;

    c = llm_codec(t->upstream);
    if (c == NULL || !t->parsed) {
        llm_error_set(&t->err, LLM_ERR_SERVER, "no upstream dialect");
        return -1;
    }

    /* tools deferred for another dialect's writer are read first
     * (llm_ir.h) */
    if (t->req.tools_text.data != NULL
        && (c->write_request == NULL
            || llm_request_tools_written(&t->req, t->upstream) == NULL)
        && llm_request_read_deferred_tools(&t->arena, &t->req) != 0)
    {
        llm_error_set(&t->err, LLM_ERR_SERVER, "out of memory");
        return -1;
    }

    if (c->write_request != NULL) {
        nwarn = t->warn.n;

        rc = c->write_request(&t->arena, &t->req, &t->opt, &t->warn, out,
                              outlen);

        if (rc == 1 && t->req.tools_text.data != NULL) {
            /* a writer that cannot copy them as written (the OpenAI
             * writer offering only the named tool): read, and again */
            t->warn.n = nwarn;

            if (llm_request_read_deferred_tools(&t->arena, &t->req) != 0) {
                llm_error_set(&t->err, LLM_ERR_SERVER, "out of memory");
                return -1;
            }

            rc = c->write_request(&t->arena, &t->req, &t->opt, &t->warn, out,
                                  outlen);
        }

        if (rc == 0) {
            return 0;
        }

        if (rc < 0) {
            llm_error_set(&t->err, LLM_ERR_SERVER, "out of memory");
            return -1;
        }

        /* declined: the document decides, and says what cannot be
         * expressed */
        t->warn.n = nwarn;
    }

    /* the document path takes no deferred value (llm_ir.h) */
    if (llm_request_build_deferred(&t->arena, &t->req) != 0) {
        llm_error_set(&t->err, LLM_ERR_SERVER, "out of memory");
        return -1;
    }

    j = llm_arena_keep(&t->arena,
                       c->emit_request(&t->arena, &t->req, &t->opt, &t->err,
                                       &t->warn));
    if (j == NULL) {
        if (t->err.kind == LLM_ERR_NONE) {
            llm_error_set(&t->err, LLM_ERR_SERVER, "out of memory");
        }
        return -1;
    }

    *out = llm_json_dump(&t->arena, j, outlen);
    if (*out == NULL) {
        llm_error_set(&t->err, LLM_ERR_SERVER, "out of memory");
        return -1;
    }

    return 0;
}


static int
llm_rewrite_model_in_arena(llm_translation_t *t, const char *body, size_t len,
    char **out, size_t *outlen)
{
    char               *value, *o;
    size_t              n;
    llm_json_member_t   m;

    if (t->opt.upstream_model.len == 0
        || (!t->parsed && (!t->scanned || t->model_raw == 0)))
    {
        llm_error_set(&t->err, LLM_ERR_SERVER, "nothing to rewrite");
        return -1;
    }

    if (!t->scanned) {
        /* parsed: where the value is, from the one-pass check */
        m.name = "model";
        m.name_len = 5;

        if (llm_json_object_members(body, len, &m, 1) && m.count == 1
            && m.value[0] == '"')
        {
            t->model_at = (size_t) (m.value - body);
            t->model_raw = m.value_len;
        }
    }

    if (t->model_raw) {
        /* the new value goes where the old one was, the rest of the
         * client's bytes stay as they are: not re-serialized */
        value = llm_json_dump(&t->arena,
                              llm_json_strn(&t->opt.upstream_model), &n);
        if (value == NULL) {
            llm_error_set(&t->err, LLM_ERR_SERVER, "out of memory");
            return -1;
        }

        *outlen = len - t->model_raw + n;
        *out = llm_arena_alloc(&t->arena, *outlen + 1);
        if (*out == NULL) {
            llm_error_set(&t->err, LLM_ERR_SERVER, "out of memory");
            return -1;
        }

        o = *out;
        memcpy(o, body, t->model_at);
        o += t->model_at;
        memcpy(o, value, n);
        o += n;
        memcpy(o, body + t->model_at + t->model_raw,
               len - t->model_at - t->model_raw);
        (*out)[*outlen] = '\0';

        return 0;
    }

    /* deeper than the check goes (llm_json_check.h): re-serialized,
     * from a document read now when the parse built none */
    if (t->body == NULL) {
        t->body = llm_load(t, body, len, LLM_ERR_INVALID_REQUEST,
                           "request body");
        if (t->body == NULL) {
            return -1;
        }
    }

    if (json_object_set_new(t->body, "model",
                            llm_json_strn(&t->opt.upstream_model))
        != 0)
    {
        llm_error_set(&t->err, LLM_ERR_SERVER, "out of memory");
        return -1;
    }

    *out = llm_json_dump(&t->arena, t->body, outlen);
    if (*out == NULL) {
        llm_error_set(&t->err, LLM_ERR_SERVER, "out of memory");
        return -1;
    }

    return 0;
}


static int
llm_translate_response_in_arena(llm_translation_t *t, const char *body,
    size_t len, char **out, size_t *outlen)
{
    int                 rc;
    size_t              nwarn;
    json_t             *j;
    llm_response_t      resp;
    const llm_codec_t  *up, *cl;

    up = llm_codec(t->upstream);
    cl = llm_codec(t->client);
    if (up == NULL || cl == NULL) {
        llm_error_set(&t->err, LLM_ERR_SERVER, "no dialect");
        return -1;
    }

    memset(&resp, 0, sizeof(resp));
    nwarn = t->warn.n;

    if (up->read_response == NULL
        || up->read_response(&t->arena, body, len, &resp, &t->warn) != 0)
    {
        /* none, or declined: the document's parse decides */
        memset(&resp, 0, sizeof(resp));
        t->warn.n = nwarn;

        j = llm_load(t, body, len, LLM_ERR_BAD_GATEWAY,
                     "upstream response");
        if (j == NULL) {
            return -1;
        }

        if (!json_is_object(j)) {
            llm_error_set(&t->err, LLM_ERR_BAD_GATEWAY,
                          "upstream response is not a JSON object");
            return -1;
        }

        if (up->parse_response(&t->arena, j, &resp, &t->err, &t->warn)
            != 0)
        {
            return -1;
        }
    }

    /* a self-hosted server's quirks (llm_profile) */
    if (t->upstream == LLM_DIALECT_OPENAI && t->opt.profile.enabled
        && llm_openai_response_profile(&t->arena, &resp, &t->opt, &t->err)
           != 0)
    {
        return -1;
    }

    t->usage = resp.usage;

    if (cl->write_response != NULL) {
        nwarn = t->warn.n;

        rc = cl->write_response(&t->arena, &resp, &t->req, &t->opt,
                                &t->warn, out, outlen);
        if (rc == 0) {
            return 0;
        }

        if (rc < 0) {
            llm_error_set(&t->err, LLM_ERR_SERVER, "out of memory");
            return -1;
        }

        t->warn.n = nwarn;
    }

    j = llm_arena_keep(&t->arena,
                       cl->emit_response(&t->arena, &resp, &t->req, &t->opt,
                                         &t->warn));
    if (j == NULL) {
        llm_error_set(&t->err, LLM_ERR_SERVER, "out of memory");
        return -1;
    }

    *out = llm_json_dump(&t->arena, j, outlen);
    if (*out == NULL) {
        llm_error_set(&t->err, LLM_ERR_SERVER, "out of memory");
        return -1;
    }

    return 0;
}


static int
llm_translate_error_in_arena(llm_translation_t *t, int status, const char *body,
    size_t len, int64_t retry_after, char **out, size_t *outlen,
    int *out_status)
{
    json_t             *j;
    json_error_t        jerr;
    const llm_codec_t  *up, *cl;

    up = llm_codec(t->upstream);
    cl = llm_codec(t->client);
    if (up == NULL || cl == NULL) {
        llm_error_set(&t->err, LLM_ERR_SERVER, "no dialect");
        return -1;
    }

    j = NULL;
    if (len) {
        j = llm_arena_keep(&t->arena,
                           llm_json_loadb(body, len, LLM_JSON_FLAGS, &jerr));
    }

    memset(&t->err, 0, sizeof(t->err));
    up->parse_error(j, status, &t->err);

    if (t->err.kind == LLM_ERR_NONE) {
        t->err.kind = llm_err_kind_from_status(status);
    }
    if (t->err.status == 0) {
        t->err.status = status;
    }
    if (t->err.message[0] == '\0') {
        /* a body we could not read: say what we know, never echo it */
        llm_error_set(&t->err, t->err.kind,
                      "upstream answered with HTTP status %d", status);
        t->err.status = status;
    }
    /* the longer of the header's and the body's (Gemini) delays */
    if (retry_after > t->err.retry_after) {
        t->err.retry_after = retry_after;
    }

    /* the body's own status field (Gemini's "code") must agree */
    t->err.status = llm_client_status(t->client, t->err.status);

    *out = llm_error_body(&t->arena, t->client, &t->err, outlen);
    if (*out == NULL) {
        return -1;
    }

    *out_status = t->err.status;
    return 0;
}


int
llm_client_status(llm_dialect_e client, int status)
{
    /* Anthropic's 529 means "overloaded"; other clients know it as 503,
     * and many HTTP stacks mishandle 529 */
    if (status == 529 && client != LLM_DIALECT_ANTHROPIC) {
        return 503;
    }

    if (status < 400 || status > 599) {
        return 502;
    }

    return status;
}


static char *
llm_error_body_in_arena(llm_arena_t *a, llm_dialect_e d, const llm_error_t *err,
    size_t *len)
{
    json_t             *j;
    llm_error_t         copy;
    const llm_codec_t  *c;

    c = llm_codec(d);
    if (c == NULL) {
        c = &llm_openai_codec;
    }

    /* codecs copy upstream text into messages: make sure it is UTF-8 */
    copy = *err;
    llm_utf8_sanitize(copy.message);
    llm_utf8_sanitize(copy.param);

    j = llm_arena_keep(a, c->emit_error(&copy));
    if (j == NULL) {
        return NULL;
    }

    return llm_json_dump(a, j, len);
}


/*
 * rc of a step during which an allocation of the arena failed: -1.  The
 * codecs build documents without testing every value they add, and the
 * fast paths decline when out of memory, so a result made then may lack
 * a part (llm_arena.h: failures); none goes out.
 */
static int
llm_whole(llm_translation_t *t, size_t failures, int rc)
{
    if (rc == 0 && t->arena.failures != failures) {
        llm_error_set(&t->err, LLM_ERR_SERVER, "out of memory");
        return -1;
    }

    return rc;
}


int
llm_parse_request(llm_translation_t *t, const char *body, size_t len,
    const llm_str_t *path_model)
{
    int           rc;
    size_t        failures;
    llm_arena_t  *prev;

    failures = t->arena.failures;
    prev = llm_arena_json_use(&t->arena);
    rc = llm_parse_request_in_arena(t, body, len, path_model);
    llm_arena_json_use(prev);

    return llm_whole(t, failures, rc);
}


int
llm_scan_request(llm_translation_t *t, const char *body, size_t len,
    const llm_str_t *path_model)
{
    int           rc;
    size_t        failures;
    llm_arena_t  *prev;

    failures = t->arena.failures;
    prev = llm_arena_json_use(&t->arena);
    rc = llm_scan_request_in_arena(t, body, len, path_model);
    llm_arena_json_use(prev);

    return llm_whole(t, failures, rc);
}


int
llm_check_request(llm_translation_t *t, const char *body, size_t len,
    const llm_str_t *path_model)
{
    llm_relay_t         r;
    const llm_codec_t  *c;

    c = llm_codec(t->client);

    if (c != NULL && c->check_request != NULL) {
        memset(&r, 0, sizeof(r));

        if (path_model && path_model->len) {
            r.model = *path_model;
        }

        if (c->check_request(body, len, &r) == 0) {
            t->req.model = r.model;
            t->req.stream = r.stream;

            if (r.model_json.data != NULL) {
                t->model_at = (size_t) (r.model_json.data - body);
                t->model_raw = r.model_json.len;
            }

            t->scanned = 1;
            return 0;
        }
    }

    /* a shape the check does not take on, or a fault: the parse
     * decides, and says what is wrong */
    return llm_parse_request(t, body, len, path_model);
}


int
llm_emit_request(llm_translation_t *t, char **out, size_t *outlen)
{
    int           rc;
    size_t        failures;
    llm_arena_t  *prev;

    failures = t->arena.failures;
    prev = llm_arena_json_use(&t->arena);
    rc = llm_emit_request_in_arena(t, out, outlen);
    llm_arena_json_use(prev);

    return llm_whole(t, failures, rc);
}


int
llm_rewrite_model(llm_translation_t *t, const char *body, size_t len,
    char **out, size_t *outlen)
{
    int           rc;
    size_t        failures;
    llm_arena_t  *prev;

    failures = t->arena.failures;
    prev = llm_arena_json_use(&t->arena);
    rc = llm_rewrite_model_in_arena(t, body, len, out, outlen);
    llm_arena_json_use(prev);

    return llm_whole(t, failures, rc);
}


int
llm_translate_response(llm_translation_t *t, const char *body, size_t len,
    char **out, size_t *outlen)
{
    int           rc;
    size_t        failures;
    llm_arena_t  *prev;

    failures = t->arena.failures;
    prev = llm_arena_json_use(&t->arena);
    rc = llm_translate_response_in_arena(t, body, len, out, outlen);
    llm_arena_json_use(prev);

    return llm_whole(t, failures, rc);
}


int
llm_translate_error(llm_translation_t *t, int status, const char *body,
    size_t len, int64_t retry_after, char **out, size_t *outlen,
    int *out_status)
{
    int           rc;
    size_t        failures;
    llm_arena_t  *prev;

    failures = t->arena.failures;
    prev = llm_arena_json_use(&t->arena);
    rc = llm_translate_error_in_arena(t, status, body, len, retry_after,
                                      out, outlen, out_status);
    llm_arena_json_use(prev);

    return llm_whole(t, failures, rc);
}


char *
llm_error_body(llm_arena_t *a, llm_dialect_e d, const llm_error_t *err,
    size_t *len)
{
    char         *p;
    size_t        failures;
    llm_arena_t  *prev;

    failures = a->failures;
    prev = llm_arena_json_use(a);
    p = llm_error_body_in_arena(a, d, err, len);
    llm_arena_json_use(prev);

    /* llm_whole's rule: an error body with a part missing is no answer */
    return a->failures == failures ? p : NULL;
}
