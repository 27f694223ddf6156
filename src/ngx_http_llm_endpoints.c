/*
 * The endpoints clients call besides chat, answered by the gateway from
 * its configuration: model lists and single models (OpenAI, Anthropic,
 * Gemini shapes), and token counting (Anthropic count_tokens, Gemini
 * countTokens), forwarded to a provider of the client's own dialect or
 * estimated locally.
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include <jansson.h>

#include "ngx_http_llm_translate.h"
#include "llm_json.h"


typedef struct {
    ngx_str_t                   id;
    ngx_str_t                   display_name;
    llm_dialect_e               provider;
} ngx_http_llm_model_entry_t;


static ngx_int_t ngx_http_llm_models_collect(ngx_http_request_t *r,
    ngx_http_llm_loc_conf_t *lcf, ngx_array_t **models);
static ngx_int_t ngx_http_llm_models_add(ngx_http_request_t *r,
    ngx_http_llm_loc_conf_t *lcf, ngx_array_t *models, ngx_str_t *id,
    ngx_str_t *display_name);
static json_t *ngx_http_llm_model_json(ngx_http_request_t *r,
    ngx_http_llm_loc_conf_t *lcf, llm_dialect_e client,
    ngx_http_llm_model_entry_t *m);
static ngx_int_t ngx_http_llm_models_list(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, ngx_http_llm_loc_conf_t *lcf);
static ngx_int_t ngx_http_llm_model_get(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, ngx_http_llm_loc_conf_t *lcf);
static ngx_int_t ngx_http_llm_count_tokens(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, ngx_http_llm_loc_conf_t *lcf);
static ngx_int_t ngx_http_llm_count_process(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, ngx_http_llm_loc_conf_t *lcf);
static ngx_int_t ngx_http_llm_count_forward(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, ngx_http_llm_loc_conf_t *lcf, json_t *body);
static size_t ngx_http_llm_count_chars(json_t *j);
static ngx_int_t ngx_http_llm_send_json(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, json_t *j);
static ngx_int_t ngx_http_llm_not_found(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, ngx_str_t *model);


/* values under these keys are not text a tokenizer would see */
static const char  *ngx_http_llm_count_skip[] = {
    "model", "type", "role", "id", "tool_use_id", "tool_call_id",
    "source", "data", "inlineData", "inline_data", "fileData", "file_data",
    "image_url", "input_audio", "signature", "thoughtSignature",
    "thought_signature", "cache_control", "mimeType", "mime_type",
    "media_type", "redacted_thinking",
    NULL
};


/*
 * llm_model name [display_name=text];
 */
char *
ngx_http_llm_model(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_llm_loc_conf_t  *lcf = conf;

    ngx_str_t             *value;
    ngx_uint_t             i;
    ngx_http_llm_model_t  *m;

    value = cf->args->elts;

    if (!llm_model_name_valid((const char *) value[1].data, value[1].len)) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid model name \"%V\"", &value[1]);
        return NGX_CONF_ERROR;
    }

    if (lcf->models == NGX_CONF_UNSET_PTR || lcf->models == NULL) {
        lcf->models = ngx_array_create(cf->pool, 4,
                                       sizeof(ngx_http_llm_model_t));
        if (lcf->models == NULL) {
            return NGX_CONF_ERROR;
        }
    }

    m = ngx_array_push(lcf->models);
    if (m == NULL) {
        return NGX_CONF_ERROR;
    }

    m->name = value[1];
    m->display_name = value[1];

    for (i = 2; i < cf->args->nelts; i++) {

        if (value[i].len > 13
            && ngx_strncmp(value[i].data, "display_name=", 13) == 0)
        {
            m->display_name.data = value[i].data + 13;
            m->display_name.len = value[i].len - 13;
            continue;
        }

        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid parameter \"%V\", expected "
                           "\"display_name=<text>\"", &value[i]);
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;
}


/*
 * The client's dialect for a recognised path.  OpenAI and Anthropic
 * share /v1/models; Anthropic's SDKs always send anthropic-version.
 */
llm_dialect_e
ngx_http_llm_endpoint_dialect(ngx_http_request_t *r, llm_path_t *path)
{
    if (path->dialect == LLM_DIALECT_OPENAI
        && (path->endpoint == LLM_EP_MODELS
            || path->endpoint == LLM_EP_MODEL)
        && ngx_http_llm_find_header(&r->headers_in.headers,
                                    "anthropic-version"))
    {
        return LLM_DIALECT_ANTHROPIC;
    }

    return path->dialect;
}


/*
 * Called by the PRECONTENT handler for every endpoint but chat, after
 * authentication.  Returns what the handler returns.
 */
ngx_int_t
ngx_http_llm_endpoint(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_http_llm_loc_conf_t *lcf)
{
    llm_error_t  err;

    switch (ctx->path.endpoint) {

    case LLM_EP_MODELS:
    case LLM_EP_MODEL:

        if (!(r->method & (NGX_HTTP_GET|NGX_HTTP_HEAD))) {
            break;
        }

        ctx->rc = NGX_DONE;

        if (ctx->path.endpoint == LLM_EP_MODELS) {
            return ngx_http_llm_models_list(r, ctx, lcf);
        }

        return ngx_http_llm_model_get(r, ctx, lcf);

    case LLM_EP_COUNT_TOKENS:

        if (r->method != NGX_HTTP_POST) {
            break;
        }

        return ngx_http_llm_count_tokens(r, ctx, lcf);

    default:
        ctx->rc = NGX_DECLINED;
        return NGX_DECLINED;
    }

    ngx_memzero(&err, sizeof(llm_error_t));
    llm_error_set(&err, LLM_ERR_INVALID_REQUEST, "Method not allowed: use %s",
                  ctx->path.endpoint == LLM_EP_COUNT_TOKENS ? "POST" : "GET");
    err.status = NGX_HTTP_NOT_ALLOWED;

    ctx->rc = NGX_DONE;

    return ngx_http_llm_send_error(r, ctx->client, &err);
}


/*
 * What can be listed: the names of "llm_model", then the exact names of
 * "llm_route", each only when a route serves it (prefix, regex and
 * default routes match names that cannot be enumerated).
 */
static ngx_int_t
ngx_http_llm_models_collect(ngx_http_request_t *r,
    ngx_http_llm_loc_conf_t *lcf, ngx_array_t **models)
{
    ngx_uint_t             i;
    ngx_array_t           *a;
    ngx_http_llm_route_t  *route;
    ngx_http_llm_model_t  *m;

    a = ngx_array_create(r->pool, 8, sizeof(ngx_http_llm_model_entry_t));
    if (a == NULL) {
        return NGX_ERROR;
    }

    if (lcf->models) {
        m = lcf->models->elts;

        for (i = 0; i < lcf->models->nelts; i++) {
            if (ngx_http_llm_models_add(r, lcf, a, &m[i].name,
                                        &m[i].display_name)
                != NGX_OK)
            {
                return NGX_ERROR;
            }
        }
    }

    if (lcf->routes) {
        route = lcf->routes->elts;

        for (i = 0; i < lcf->routes->nelts; i++) {
            if (route[i].type != NGX_HTTP_LLM_ROUTE_EXACT) {
                continue;
            }

            if (ngx_http_llm_models_add(r, lcf, a, &route[i].pattern,
                                        &route[i].pattern)
                != NGX_OK)
            {
                return NGX_ERROR;
            }
        }
    }

    *models = a;

    return NGX_OK;
}


static ngx_int_t
ngx_http_llm_models_add(ngx_http_request_t *r, ngx_http_llm_loc_conf_t *lcf,
    ngx_array_t *models, ngx_str_t *id, ngx_str_t *display_name)
{
    ngx_int_t                          rc;
    ngx_str_t                          upstream, upstream_model;
    ngx_uint_t                         i;
    ngx_http_llm_model_entry_t        *m;
    ngx_http_llm_upstream_srv_conf_t  *ucf;

    m = models->elts;

    for (i = 0; i < models->nelts; i++) {
        if (m[i].id.len == id->len
            && ngx_strncmp(m[i].id.data, id->data, id->len) == 0)
        {
            return NGX_OK;
        }
    }

    rc = ngx_http_llm_route_find(r, lcf, id, &upstream, &upstream_model,
                                 &ucf);

    if (rc == NGX_ERROR) {
        return NGX_ERROR;
    }

    if (rc == NGX_DECLINED) {
        return NGX_OK;
    }

    if (ucf == NULL) {
        return NGX_OK;
    }

    m = ngx_array_push(models);
    if (m == NULL) {
        return NGX_ERROR;
    }

    m->id = *id;
    m->display_name = *display_name;
    m->provider = ucf->dialect;

    return NGX_OK;
}


static json_t *
ngx_http_llm_model_json(ngx_http_request_t *r, ngx_http_llm_loc_conf_t *lcf,
    llm_dialect_e client, ngx_http_llm_model_entry_t *m)
{
    u_char      *p;
    json_t      *j, *display;
    ngx_tm_t     tm;
    const char  *owner;
    u_char       buf[sizeof("models/") + 256];

    owner = llm_dialect_name(m->provider);

    display = json_stringn((const char *) m->display_name.data,
                           m->display_name.len);
    if (display == NULL) {
        /* not UTF-8 */
        display = json_stringn((const char *) m->id.data, m->id.len);
        if (display == NULL) {
            return NULL;
        }
    }

    switch (client) {

    case LLM_DIALECT_ANTHROPIC:
        ngx_gmtime(lcf->created, &tm);
        p = ngx_sprintf(buf, "%4d-%02d-%02dT%02d:%02d:%02dZ",
                        tm.ngx_tm_year, tm.ngx_tm_mon, tm.ngx_tm_mday,
                        tm.ngx_tm_hour, tm.ngx_tm_min, tm.ngx_tm_sec);

        j = json_pack("{s:s, s:s%, s:o, s:s%}",
                      "type", "model",
                      "id", (const char *) m->id.data, m->id.len,
                      "display_name", display,
                      "created_at", (const char *) buf,
                      (size_t) (p - buf));
        break;

    case LLM_DIALECT_GEMINI:
        p = ngx_snprintf(buf, sizeof(buf), "models/%V", &m->id);

        j = json_pack("{s:s%, s:s%, s:o, s:s+, s:[sss]}",
                      "name", (const char *) buf, (size_t) (p - buf),
                      "baseModelId", (const char *) m->id.data, m->id.len,
                      "displayName", display,
                      "description", "Served by this gateway through the ",
                      owner,
                      "supportedGenerationMethods",
                      "generateContent", "streamGenerateContent",
                      "countTokens");
        break;

    default:
        json_decref(display);

        j = json_pack("{s:s%, s:s, s:I, s:s}",
                      "id", (const char *) m->id.data, m->id.len,
                      "object", "model",
                      "created", (json_int_t) lcf->created,
                      "owned_by", owner);
        break;
    }

    return j;
}


static ngx_int_t
ngx_http_llm_models_list(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_http_llm_loc_conf_t *lcf)
{
    json_t                      *list, *item, *j;
    ngx_uint_t                   i;
    ngx_array_t                 *models;
    ngx_http_llm_model_entry_t  *m;

    if (ngx_http_llm_models_collect(r, lcf, &models) != NGX_OK) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    list = json_array();
    if (list == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    m = models->elts;

    for (i = 0; i < models->nelts; i++) {
        item = ngx_http_llm_model_json(r, lcf, ctx->client, &m[i]);

        if (json_array_append_new(list, item) != 0) {
            json_decref(list);
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }
    }

    switch (ctx->client) {

    case LLM_DIALECT_ANTHROPIC:
        j = json_pack("{s:o, s:b, s:n, s:n}", "data", list, "has_more", 0,
                      "first_id", "last_id");

        if (j && models->nelts
            && (json_object_set_new(j, "first_id",
                    json_stringn((const char *) m[0].id.data, m[0].id.len))
                || json_object_set_new(j, "last_id",
                    json_stringn((const char *) m[models->nelts - 1].id.data,
                                 m[models->nelts - 1].id.len))))
        {
            json_decref(j);
            j = NULL;
        }
        break;

    case LLM_DIALECT_GEMINI:
        j = json_pack("{s:o}", "models", list);
        break;

    default:
        j = json_pack("{s:s, s:o}", "object", "list", "data", list);
        break;
    }

    if (j == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    return ngx_http_llm_send_json(r, ctx, j);
}


/* A model the routes serve, listable or not (a prefix route's model). */
static ngx_int_t
ngx_http_llm_model_get(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_http_llm_loc_conf_t *lcf)
{
    json_t                      *j;
    ngx_str_t                    id;
    ngx_uint_t                   i;
    ngx_array_t                 *models;
    ngx_http_llm_model_t        *lm;
    ngx_http_llm_model_entry_t  *m;

    id.data = (u_char *) ctx->path.model.data;
    id.len = ctx->path.model.len;

    models = ngx_array_create(r->pool, 1, sizeof(ngx_http_llm_model_entry_t));
    if (models == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    if (ngx_http_llm_models_add(r, lcf, models, &id, &id) != NGX_OK) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    if (models->nelts == 0) {
        return ngx_http_llm_not_found(r, ctx, &id);
    }

    m = models->elts;

    if (lcf->models) {
        lm = lcf->models->elts;

        for (i = 0; i < lcf->models->nelts; i++) {
            if (lm[i].name.len == id.len
                && ngx_strncmp(lm[i].name.data, id.data, id.len) == 0)
            {
                m->display_name = lm[i].display_name;
                break;
            }
        }
    }

    j = ngx_http_llm_model_json(r, lcf, ctx->client, m);
    if (j == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    return ngx_http_llm_send_json(r, ctx, j);
}


static ngx_int_t
ngx_http_llm_not_found(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_str_t *model)
{
    llm_error_t  err;

    ngx_memzero(&err, sizeof(llm_error_t));

    llm_error_set(&err, LLM_ERR_NOT_FOUND,
                  "The model '%.*s' does not exist or you do not "
                  "have access to it.",
                  (int) ngx_min(model->len, 128), model->data);
    ngx_cpystrn((u_char *) err.param, (u_char *) "model", sizeof(err.param));

    ctx->rc = NGX_DONE;

    return ngx_http_llm_send_error(r, ctx->client, &err);
}


static ngx_int_t
ngx_http_llm_count_tokens(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_http_llm_loc_conf_t *lcf)
{
    return ngx_http_llm_read_then(r, ctx, lcf, ngx_http_llm_count_process);
}


/*
 * NGX_DECLINED: forward to the provider (proxy_pass); NGX_DONE: answered;
 * or an HTTP status.
 */
static ngx_int_t
ngx_http_llm_count_process(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_http_llm_loc_conf_t *lcf)
{
    u_char         *p;
    size_t          chars;
    json_t         *body, *v, *res;
    ngx_int_t       rc;
    ngx_str_t       raw, model;
    llm_error_t     err;
    json_error_t    jerr;

    ngx_memzero(&err, sizeof(llm_error_t));

    if (ngx_http_llm_read_body(r, &raw) != NGX_OK) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    body = json_loadb((const char *) raw.data, raw.len, 0, &jerr);

    if (body == NULL || !json_is_object(body)) {
        json_decref(body);
        llm_error_set(&err, LLM_ERR_INVALID_REQUEST,
                      "request body must be a JSON object");
        ngx_http_llm_send_error(r, ctx->client, &err);
        return NGX_DONE;
    }

    llm_arena_keep(&ctx->t->arena, body);

    if (ctx->client == LLM_DIALECT_GEMINI) {
        model.data = (u_char *) ctx->path.model.data;
        model.len = ctx->path.model.len;

    } else {
        v = json_object_get(body, "model");

        if (!json_is_string(v) || json_string_length(v) == 0) {
            llm_error_set(&err, LLM_ERR_INVALID_REQUEST,
                          "model: Field required");
            ngx_cpystrn((u_char *) err.param, (u_char *) "model",
                        sizeof(err.param));
            ngx_http_llm_send_error(r, ctx->client, &err);
            return NGX_DONE;
        }

        model.len = json_string_length(v);
        model.data = ngx_pnalloc(r->pool, model.len);
        if (model.data == NULL) {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }
        ngx_memcpy(model.data, json_string_value(v), model.len);
    }

    ctx->model = model;

    rc = ngx_http_llm_route_find(r, lcf, &model, &ctx->upstream_name,
                                 &ctx->upstream_model, &ctx->ucf);
    if (rc == NGX_ERROR) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    if (rc == NGX_DECLINED) {
        ngx_http_llm_not_found(r, ctx, &model);
        return NGX_DONE;
    }

    if (ctx->ucf == NULL) {
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      "llm: route for model \"%V\" names upstream \"%V\", "
                      "which has no \"llm_provider\"", &model,
                      &ctx->upstream_name);
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    ctx->upstream = ctx->ucf->dialect;

    if (ctx->upstream == ctx->client) {
        return ngx_http_llm_count_forward(r, ctx, lcf, body);
    }

    /* no counting endpoint in the provider's dialect: estimate */

    chars = ngx_http_llm_count_chars(body);

    if (ctx->client == LLM_DIALECT_GEMINI) {
        res = json_pack("{s:I}", "totalTokens",
                        (json_int_t) ((chars + 3) / 4));

    } else {
        res = json_pack("{s:I}", "input_tokens",
                        (json_int_t) ((chars + 3) / 4));
    }

    if (res == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    p = (u_char *) "count_tokens:estimated";
    ctx->warnings.data = p;
    ctx->warnings.len = ngx_strlen(p);

    ngx_log_debug2(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                   "llm count tokens estimated: %uz chars for \"%V\"",
                   chars, &model);

    return ngx_http_llm_send_json(r, ctx, res);
}


static ngx_int_t
ngx_http_llm_count_forward(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_http_llm_loc_conf_t *lcf, json_t *body)
{
    u_char       *p;
    char         *out;
    size_t        len;
    json_t       *gcr;
    ngx_int_t     rc;
    llm_error_t   err;
    u_char        buf[512];

    ngx_memzero(&err, sizeof(llm_error_t));

    if (!llm_model_name_valid((const char *) ctx->upstream_model.data,
                              ctx->upstream_model.len))
    {
        llm_error_set(&err, LLM_ERR_INVALID_REQUEST, "invalid model name");
        ngx_cpystrn((u_char *) err.param, (u_char *) "model",
                    sizeof(err.param));
        ngx_http_llm_send_error(r, ctx->client, &err);
        return NGX_DONE;
    }

    /* a route's model= renames the model; nothing else changes */

    if (ctx->upstream_model.len != ctx->model.len
        || ngx_strncmp(ctx->upstream_model.data, ctx->model.data,
                       ctx->model.len) != 0)
    {
        if (ctx->client == LLM_DIALECT_ANTHROPIC) {
            rc = json_object_set_new(body, "model",
                     json_stringn((const char *) ctx->upstream_model.data,
                                  ctx->upstream_model.len));

        } else {
            rc = 0;
            gcr = json_object_get(body, "generateContentRequest");

            if (json_is_object(gcr)
                && json_object_get(gcr, "model") != NULL)
            {
                p = ngx_snprintf(buf, sizeof(buf), "models/%V",
                                 &ctx->upstream_model);
                rc = json_object_set_new(gcr, "model",
                         json_stringn((const char *) buf, p - buf));
            }
        }

        if (rc != 0) {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }

        out = llm_json_dump(&ctx->t->arena, body, &len);
        if (out == NULL) {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }

        if (ngx_http_llm_set_body(r, (u_char *) out, len) != NGX_OK) {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }
    }

    /* the path: no query string, which may carry the client's key */

    if (ctx->client == LLM_DIALECT_ANTHROPIC) {
        p = ngx_cpymem(buf, "/v1/messages/count_tokens",
                       sizeof("/v1/messages/count_tokens") - 1);

    } else {
        p = ngx_snprintf(buf, sizeof(buf), "/v1beta/models/%V:countTokens",
                         &ctx->upstream_model);
    }

    len = p - buf;

    r->uri.data = ngx_pnalloc(r->pool, len);
    if (r->uri.data == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    ngx_memcpy(r->uri.data, buf, len);
    r->uri.len = len;
    ngx_str_null(&r->args);
    r->valid_unparsed_uri = 0;

    if (ngx_http_llm_remove_headers(r, ngx_http_llm_credential_headers)
        == NGX_ERROR)
    {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    if (ctx->upstream == LLM_DIALECT_ANTHROPIC
        && ngx_http_llm_set_anthropic_version(r, &lcf->anthropic_version)
           != NGX_OK)
    {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    ctx->t->client = ctx->client;
    ctx->t->upstream = ctx->upstream;
    ctx->translate = 0;

    return ngx_http_llm_prepare_upstream(r, ctx);
}


/*
 * The estimate: Unicode characters of every string value of the body
 * (but the names, ids, base64 data and such of ngx_http_llm_count_skip),
 * the usual four characters per token.
 */
static size_t
ngx_http_llm_count_chars(json_t *j)
{
    size_t       n, i, len;
    json_t      *v;
    ngx_uint_t   k;
    const char  *key, *s;

    n = 0;

    switch (json_typeof(j)) {

    case JSON_STRING:
        s = json_string_value(j);
        len = json_string_length(j);

        for (i = 0; i < len; i++) {
            if (((u_char) s[i] & 0xc0) != 0x80) {
                n++;
            }
        }
        break;

    case JSON_ARRAY:
        json_array_foreach(j, i, v) {
            n += ngx_http_llm_count_chars(v);
        }
        break;

    case JSON_OBJECT:
        json_object_foreach(j, key, v) {
            for (k = 0; ngx_http_llm_count_skip[k]; k++) {
                if (ngx_strcmp(key, ngx_http_llm_count_skip[k]) == 0) {
                    break;
                }
            }

            if (ngx_http_llm_count_skip[k] == NULL) {
                n += ngx_http_llm_count_chars(v);
            }
        }
        break;

    default:
        break;
    }

    return n;
}


/* Sends j (taken over) as a 200 answer and finalizes the request. */
static ngx_int_t
ngx_http_llm_send_json(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    json_t *j)
{
    char             *s;
    size_t            len;
    ngx_int_t         rc;
    ngx_buf_t        *b;
    ngx_chain_t       out;
    ngx_table_elt_t  *h;

    s = json_dumps(j, JSON_COMPACT);
    json_decref(j);

    if (s == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    len = ngx_strlen(s);

    b = ngx_create_temp_buf(r->pool, len);
    if (b == NULL) {
        llm_json_free_str(s);
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    b->last = ngx_cpymem(b->pos, s, len);
    llm_json_free_str(s);

    ctx->own_response = 1;
    ctx->rc = NGX_DONE;

    if (r->request_body == NULL
        && ngx_http_discard_request_body(r) != NGX_OK)
    {
        r->keepalive = 0;
    }

    r->headers_out.status = NGX_HTTP_OK;
    r->headers_out.content_length_n = len;
    ngx_str_set(&r->headers_out.content_type, "application/json");
    r->headers_out.content_type_len = r->headers_out.content_type.len;
    r->headers_out.content_type_lowcase = NULL;

    if (ctx->warnings.len) {
        h = ngx_list_push(&r->headers_out.headers);
        if (h == NULL) {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }

        h->hash = 1;
        ngx_str_set(&h->key, "X-LLM-Warning");
        h->value = ctx->warnings;
    }

    rc = ngx_http_send_header(r);

    if (rc == NGX_ERROR || rc > NGX_OK || r->header_only) {
        ngx_http_finalize_request(r, rc);
        return NGX_DONE;
    }

    b->last_buf = 1;
    b->last_in_chain = 1;

    out.buf = b;
    out.next = NULL;

    ngx_http_finalize_request(r, ngx_http_output_filter(r, &out));

    return NGX_DONE;
}
