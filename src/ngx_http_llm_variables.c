/*
 * $llm_* variables: what the gateway decided for this request, for map,
 * proxy_pass, log_format and limit_req.  They exist once the PRECONTENT
 * handler has read the body; the usage ones once the answer was seen.
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_llm_translate.h"


static ngx_int_t ngx_http_llm_variable_str(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_llm_variable_dialect(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_llm_variable_tokens(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_llm_variable_client_key_id(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data);
static ngx_int_t ngx_http_llm_variable_uint(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data);


static ngx_http_variable_t  ngx_http_llm_vars[] = {

    { ngx_string("llm_model"), NULL, ngx_http_llm_variable_str,
      offsetof(ngx_http_llm_ctx_t, model), NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("llm_upstream"), NULL, ngx_http_llm_variable_str,
      offsetof(ngx_http_llm_ctx_t, upstream_name),
      NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("llm_upstream_model"), NULL, ngx_http_llm_variable_str,
      offsetof(ngx_http_llm_ctx_t, upstream_model),
      NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("llm_warnings"), NULL, ngx_http_llm_variable_str,
      offsetof(ngx_http_llm_ctx_t, warnings), NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("llm_client_dialect"), NULL, ngx_http_llm_variable_dialect,
      offsetof(ngx_http_llm_ctx_t, client), NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("llm_upstream_dialect"), NULL,
      ngx_http_llm_variable_dialect,
      offsetof(ngx_http_llm_ctx_t, upstream), NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("llm_prompt_tokens"), NULL, ngx_http_llm_variable_tokens,
      offsetof(ngx_http_llm_ctx_t, prompt_tokens),
      NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("llm_completion_tokens"), NULL,
      ngx_http_llm_variable_tokens,
      offsetof(ngx_http_llm_ctx_t, completion_tokens),
      NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("llm_check_cache_hits"), NULL, ngx_http_llm_variable_uint,
      offsetof(ngx_http_llm_ctx_t, check_cache_hits),
      NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("llm_client_key_id"), NULL,
      ngx_http_llm_variable_client_key_id, 0, NGX_HTTP_VAR_NOCACHEABLE, 0 },

      ngx_http_null_variable
};


ngx_int_t
ngx_http_llm_add_variables(ngx_conf_t *cf)
{
    ngx_http_variable_t  *var, *v;

    for (v = ngx_http_llm_vars; v->name.len; v++) {
        var = ngx_http_add_variable(cf, &v->name, v->flags);
        if (var == NULL) {
            return NGX_ERROR;
        }

        var->get_handler = v->get_handler;
        var->data = v->data;
    }

    return NGX_OK;
}


static ngx_http_llm_ctx_t *
ngx_http_llm_variable_ctx(ngx_http_request_t *r)
{
    return ngx_http_get_module_ctx(r->main, ngx_http_llm_translate_module);
}


static ngx_int_t
ngx_http_llm_variable_str(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_str_t           *s;
    ngx_http_llm_ctx_t  *ctx;

    ctx = ngx_http_llm_variable_ctx(r);
    if (ctx == NULL) {
        v->not_found = 1;
        return NGX_OK;
    }

    s = (ngx_str_t *) ((char *) ctx + data);
    if (s->data == NULL) {
        v->not_found = 1;
        return NGX_OK;
    }

    v->data = s->data;
    v->len = s->len;
    v->valid = 1;
    v->no_cacheable = 0;
    v->not_found = 0;

    return NGX_OK;
}


static ngx_int_t
ngx_http_llm_variable_dialect(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    llm_dialect_e        d;
    const char          *name;
    ngx_http_llm_ctx_t  *ctx;

    ctx = ngx_http_llm_variable_ctx(r);
    if (ctx == NULL) {
        v->not_found = 1;
        return NGX_OK;
    }

    d = *(llm_dialect_e *) ((char *) ctx + data);
    if (d == LLM_DIALECT_NONE) {
        v->not_found = 1;
        return NGX_OK;
    }

    name = llm_dialect_name(d);

    v->data = (u_char *) name;
    v->len = ngx_strlen(name);
    v->valid = 1;
    v->no_cacheable = 0;
    v->not_found = 0;

    return NGX_OK;
}


static ngx_int_t
ngx_http_llm_variable_tokens(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    int64_t              n;
    ngx_http_llm_ctx_t  *ctx;

    ctx = ngx_http_llm_variable_ctx(r);
    if (ctx == NULL) {
        v->not_found = 1;
        return NGX_OK;
    }

    n = *(int64_t *) ((char *) ctx + data);
    if (n < 0) {
        v->not_found = 1;
        return NGX_OK;
    }

    v->data = ngx_pnalloc(r->pool, NGX_INT64_LEN);
    if (v->data == NULL) {
        return NGX_ERROR;
    }

    v->len = ngx_sprintf(v->data, "%L", n) - v->data;
    v->valid = 1;
    v->no_cacheable = 0;
    v->not_found = 0;

    return NGX_OK;
}


static ngx_int_t
ngx_http_llm_variable_uint(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_http_llm_ctx_t  *ctx;

    ctx = ngx_http_llm_variable_ctx(r);
    if (ctx == NULL) {
        v->not_found = 1;
        return NGX_OK;
    }

    v->data = ngx_pnalloc(r->pool, NGX_INT_T_LEN);
    if (v->data == NULL) {
        return NGX_ERROR;
    }

    v->len = ngx_sprintf(v->data, "%ui",
                         *(ngx_uint_t *) ((char *) ctx + data))
             - v->data;
    v->valid = 1;
    v->no_cacheable = 0;
    v->not_found = 0;

    return NGX_OK;
}


/*
 * The id of the client's key.  Also before the PRECONTENT phase (for
 * limit_req): then the key is looked up here, from the request headers.
 */
static ngx_int_t
ngx_http_llm_variable_client_key_id(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_str_t                 id;
    llm_path_t                path;
    llm_dialect_e             dialect;
    ngx_http_llm_ctx_t       *ctx;
    ngx_http_llm_loc_conf_t  *lcf;

    ctx = ngx_http_llm_variable_ctx(r);

    if (ctx && ctx->client_key_id.len) {
        id = ctx->client_key_id;
        goto found;
    }

    r = r->main;

    lcf = ngx_http_get_module_loc_conf(r, ngx_http_llm_translate_module);

    if (ctx || lcf == NULL || !lcf->enable || lcf->client_keys == NULL) {
        v->not_found = 1;
        return NGX_OK;
    }

    if (llm_path_parse((const char *) r->uri.data, r->uri.len, &path) == 0) {
        dialect = ngx_http_llm_endpoint_dialect(r, &path);

    } else {
        dialect = ngx_http_llm_guess_dialect(r);
    }

    switch (ngx_http_llm_auth_lookup(r, lcf, dialect, &id)) {

    case NGX_OK:
        break;

    case NGX_ERROR:
        return NGX_ERROR;

    default:
        v->not_found = 1;
        return NGX_OK;
    }

found:

    v->data = id.data;
    v->len = id.len;
    v->valid = 1;
    v->no_cacheable = 0;
    v->not_found = 0;

    return NGX_OK;
}
