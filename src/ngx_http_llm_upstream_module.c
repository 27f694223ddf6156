/*
 * ngx_http_llm_upstream_module: the provider side of the gateway.
 * "llm_provider" and the key directives in upstream{} blocks, the shared
 * key-state zone, the status location, the $llm_key_* variables, and the
 * functions the translator calls (ngx_http_llm_upstream.h).
 *
 * Files: _keys_conf.c (directives), _keys_shm.c (zone and key state),
 * _upstream_balancer.c (peer wrapper, key injection, outcomes),
 * _upstream_status.c (JSON and Prometheus status).
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_llm_keys.h"
#include "llm_ir.h"


static ngx_int_t ngx_http_llm_upstream_add_variables(ngx_conf_t *cf);
static ngx_int_t ngx_http_llm_upstream_init(ngx_conf_t *cf);
static ngx_int_t ngx_http_llm_upstream_init_process(ngx_cycle_t *cycle);
static void ngx_http_llm_upstream_exit_process(ngx_cycle_t *cycle);
static void *ngx_http_llm_upstream_create_main_conf(ngx_conf_t *cf);
static char *ngx_http_llm_upstream_init_main_conf(ngx_conf_t *cf,
    void *conf);
static void *ngx_http_llm_upstream_create_srv_conf(ngx_conf_t *cf);
static void *ngx_http_llm_upstream_create_loc_conf(ngx_conf_t *cf);
static char *ngx_http_llm_upstream_merge_loc_conf(ngx_conf_t *cf,
    void *parent, void *child);

static char *ngx_http_llm_profile(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static char *ngx_http_llm_status(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static char *ngx_http_llm_keys_check(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);

static ngx_int_t ngx_http_llm_keys_check_handler(ngx_http_request_t *r);
static ngx_int_t ngx_http_llm_keys_send_busy(ngx_http_request_t *r,
    ngx_http_llm_keys_pool_t *pool, ngx_uint_t status, time_t retry_after);
static ngx_int_t ngx_http_llm_upstream_header_filter(ngx_http_request_t *r);
static ngx_int_t ngx_http_llm_upstream_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data);


static ngx_command_t  ngx_http_llm_upstream_commands[] = {

    { ngx_string("llm_keys_zone"),
      NGX_HTTP_MAIN_CONF|NGX_CONF_TAKE12,
      ngx_http_llm_keys_zone,
      NGX_HTTP_MAIN_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("llm_provider"),
      NGX_HTTP_UPS_CONF|NGX_CONF_1MORE,
      ngx_http_llm_provider,
      NGX_HTTP_SRV_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("llm_profile"),
      NGX_HTTP_UPS_CONF|NGX_CONF_1MORE,
      ngx_http_llm_profile,
      NGX_HTTP_SRV_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("llm_key"),
      NGX_HTTP_UPS_CONF|NGX_CONF_1MORE,
      ngx_http_llm_key,
      NGX_HTTP_SRV_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("llm_key_file"),
      NGX_HTTP_UPS_CONF|NGX_CONF_TAKE1,
      ngx_http_llm_key_file,
      NGX_HTTP_SRV_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("llm_key_env"),
      NGX_HTTP_UPS_CONF|NGX_CONF_1MORE,
      ngx_http_llm_key_env,
      NGX_HTTP_SRV_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("llm_status"),
      NGX_HTTP_LOC_CONF|NGX_CONF_NOARGS|NGX_CONF_TAKE1,
      ngx_http_llm_status,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("llm_keys_check"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_http_llm_keys_check,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

      ngx_null_command
};


static ngx_http_module_t  ngx_http_llm_upstream_module_ctx = {
    ngx_http_llm_upstream_add_variables,   /* preconfiguration */
    ngx_http_llm_upstream_init,            /* postconfiguration */

    ngx_http_llm_upstream_create_main_conf, /* create main configuration */
    ngx_http_llm_upstream_init_main_conf,  /* init main configuration */

    ngx_http_llm_upstream_create_srv_conf, /* create server configuration */
    NULL,                                  /* merge server configuration */

    ngx_http_llm_upstream_create_loc_conf, /* create location configuration */
    ngx_http_llm_upstream_merge_loc_conf   /* merge location configuration */
};


ngx_module_t  ngx_http_llm_upstream_module = {
    NGX_MODULE_V1,
    &ngx_http_llm_upstream_module_ctx,     /* module context */
    ngx_http_llm_upstream_commands,        /* module directives */
    NGX_HTTP_MODULE,                       /* module type */
    NULL,                                  /* init master */
    NULL,                                  /* init module */
    ngx_http_llm_upstream_init_process,    /* init process */
    NULL,                                  /* init thread */
    NULL,                                  /* exit thread */
    ngx_http_llm_upstream_exit_process,    /* exit process */
    NULL,                                  /* exit master */
    NGX_MODULE_V1_PADDING
};


#define NGX_HTTP_LLM_VAR_KEY_ID        0
#define NGX_HTTP_LLM_VAR_KEY_FP        1
#define NGX_HTTP_LLM_VAR_KEY_MASKED    2
#define NGX_HTTP_LLM_VAR_KEY_POOL      3
#define NGX_HTTP_LLM_VAR_ATTEMPTS      4
#define NGX_HTTP_LLM_VAR_RATE_LIMITED  5
#define NGX_HTTP_LLM_VAR_KEY_STATUS    6


static ngx_http_variable_t  ngx_http_llm_upstream_vars[] = {

    { ngx_string("llm_key_id"), NULL, ngx_http_llm_upstream_variable,
      NGX_HTTP_LLM_VAR_KEY_ID, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("llm_key_fingerprint"), NULL,
      ngx_http_llm_upstream_variable,
      NGX_HTTP_LLM_VAR_KEY_FP, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("llm_key_masked"), NULL, ngx_http_llm_upstream_variable,
      NGX_HTTP_LLM_VAR_KEY_MASKED, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("llm_key_pool"), NULL, ngx_http_llm_upstream_variable,
      NGX_HTTP_LLM_VAR_KEY_POOL, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("llm_attempts"), NULL, ngx_http_llm_upstream_variable,
      NGX_HTTP_LLM_VAR_ATTEMPTS, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("llm_key_rate_limited"), NULL,
      ngx_http_llm_upstream_variable,
      NGX_HTTP_LLM_VAR_RATE_LIMITED, NGX_HTTP_VAR_NOCACHEABLE, 0 },

    { ngx_string("llm_key_status"), NULL, ngx_http_llm_upstream_variable,
      NGX_HTTP_LLM_VAR_KEY_STATUS, NGX_HTTP_VAR_NOCACHEABLE, 0 },

      ngx_http_null_variable
};


static ngx_http_output_header_filter_pt  ngx_http_next_header_filter;


static ngx_int_t
ngx_http_llm_upstream_add_variables(ngx_conf_t *cf)
{
    ngx_http_variable_t  *var, *v;

    for (v = ngx_http_llm_upstream_vars; v->name.len; v++) {
        var = ngx_http_add_variable(cf, &v->name, v->flags);
        if (var == NULL) {
            return NGX_ERROR;
        }

        var->get_handler = v->get_handler;
        var->data = v->data;
    }

    return NGX_OK;
}


static ngx_int_t
ngx_http_llm_upstream_init(ngx_conf_t *cf)
{
    ngx_http_handler_pt        *h;
    ngx_http_core_main_conf_t  *cmcf;

    cmcf = ngx_http_conf_get_module_main_conf(cf, ngx_http_core_module);

    h = ngx_array_push(&cmcf->phases[NGX_HTTP_PRECONTENT_PHASE].handlers);
    if (h == NULL) {
        return NGX_ERROR;
    }

    *h = ngx_http_llm_keys_check_handler;

    ngx_http_next_header_filter = ngx_http_top_header_filter;
    ngx_http_top_header_filter = ngx_http_llm_upstream_header_filter;

    return NGX_OK;
}


/*
 * A worker starting, the first one or one the master started in place of
 * a dead one: a slot of its own in every keys zone for its in-flight
 * counts, and the counts of processes that are gone dropped.  Helper
 * processes (cache manager, loader) serve no requests.
 */

static ngx_int_t
ngx_http_llm_upstream_init_process(ngx_cycle_t *cycle)
{
    ngx_uint_t                           i;
    ngx_http_llm_keys_zone_t           **zonep;
    ngx_http_llm_upstream_main_conf_t   *umcf;

    if (ngx_process == NGX_PROCESS_HELPER) {
        return NGX_OK;
    }

    umcf = ngx_http_cycle_get_module_main_conf(cycle,
                                               ngx_http_llm_upstream_module);
    if (umcf == NULL) {
        return NGX_OK;
    }

    zonep = umcf->zones.elts;

    for (i = 0; i < umcf->zones.nelts; i++) {
        ngx_http_llm_keys_claim_slot(zonep[i], cycle->log);
    }

    return NGX_OK;
}


static void
ngx_http_llm_upstream_exit_process(ngx_cycle_t *cycle)
{
    ngx_uint_t                           i;
    ngx_http_llm_keys_zone_t           **zonep;
    ngx_http_llm_upstream_main_conf_t   *umcf;

    umcf = ngx_http_cycle_get_module_main_conf(cycle,
                                               ngx_http_llm_upstream_module);
    if (umcf == NULL) {
        return;
    }

    zonep = umcf->zones.elts;

    for (i = 0; i < umcf->zones.nelts; i++) {
        ngx_http_llm_keys_release_slot(zonep[i]);
    }
}


static void *
ngx_http_llm_upstream_create_main_conf(ngx_conf_t *cf)
{
    ngx_http_llm_upstream_main_conf_t  *umcf;

    umcf = ngx_pcalloc(cf->pool, sizeof(ngx_http_llm_upstream_main_conf_t));
    if (umcf == NULL) {
        return NULL;
    }

    if (ngx_array_init(&umcf->zones, cf->pool, 2,
                       sizeof(ngx_http_llm_keys_zone_t *))
        != NGX_OK)
    {
        return NULL;
    }

    if (ngx_array_init(&umcf->pools, cf->pool, 4,
                       sizeof(ngx_http_llm_keys_pool_t *))
        != NGX_OK)
    {
        return NULL;
    }

    return umcf;
}


static char *
ngx_http_llm_upstream_init_main_conf(ngx_conf_t *cf, void *conf)
{
    ngx_http_llm_upstream_main_conf_t  *umcf = conf;

    return ngx_http_llm_keys_init_pools(cf, umcf);
}


static void *
ngx_http_llm_upstream_create_srv_conf(ngx_conf_t *cf)
{
    ngx_http_llm_upstream_srv_conf_t  *conf;

    conf = ngx_pcalloc(cf->pool, sizeof(ngx_http_llm_upstream_srv_conf_t));
    if (conf == NULL) {
        return NULL;
    }

    /*
     * set by ngx_pcalloc():
     *
     *     conf->dialect = LLM_DIALECT_NONE;
     *     conf->name = { 0, NULL };
     *     conf->uscf = NULL;
     *     conf->pool = NULL;
     */

    return conf;
}


static void *
ngx_http_llm_upstream_create_loc_conf(ngx_conf_t *cf)
{
    ngx_http_llm_upstream_loc_conf_t  *conf;

    conf = ngx_pcalloc(cf->pool, sizeof(ngx_http_llm_upstream_loc_conf_t));
    if (conf == NULL) {
        return NULL;
    }

    /*
     * set by ngx_pcalloc():
     *
     *     conf->status_format = 0;
     */

    conf->check = NGX_CONF_UNSET_PTR;

    return conf;
}


static char *
ngx_http_llm_upstream_merge_loc_conf(ngx_conf_t *cf, void *parent,
    void *child)
{
    ngx_http_llm_upstream_loc_conf_t *prev = parent;
    ngx_http_llm_upstream_loc_conf_t *conf = child;

    ngx_conf_merge_ptr_value(conf->check, prev->check, NULL);

    return NGX_CONF_OK;
}


/*
 * llm_profile preset | name=value ...: the quirks of an OpenAI-compatible
 * self-hosted server and its model (docs/self-hosted.md).  Arguments
 * apply left to right, so a model preset after a server preset wins.
 */
static char *
ngx_http_llm_profile(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_llm_upstream_srv_conf_t  *ucf = conf;

    ngx_str_t   *value;
    ngx_uint_t   i;
    const char  *why;

    if (ucf->profile.enabled) {
        return "is duplicate";
    }

    if (ucf->dialect != LLM_DIALECT_OPENAI) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "\"llm_profile\" needs \"llm_provider openai\" "
                           "before it: profiles describe OpenAI-compatible "
                           "servers");
        return NGX_CONF_ERROR;
    }

    value = cf->args->elts;

    for (i = 1; i < cf->args->nelts; i++) {
        if (llm_profile_set(&ucf->profile, (const char *) value[i].data,
                            value[i].len, &why)
            != 0)
        {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "invalid \"llm_profile\" argument \"%V\": %s",
                               &value[i], why);
            return NGX_CONF_ERROR;
        }
    }

    return NGX_CONF_OK;
}


static char *
ngx_http_llm_status(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_llm_upstream_loc_conf_t  *ulcf = conf;

    ngx_str_t                 *value;
    ngx_http_core_loc_conf_t  *clcf;

    if (ulcf->status_format) {
        return "is duplicate";
    }

    value = cf->args->elts;

    ulcf->status_format = NGX_HTTP_LLM_STATUS_JSON;

    if (cf->args->nelts == 2) {

        if (ngx_strcmp(value[1].data, "json") == 0) {
            ulcf->status_format = NGX_HTTP_LLM_STATUS_JSON;

        } else if (ngx_strcmp(value[1].data, "prometheus") == 0) {
            ulcf->status_format = NGX_HTTP_LLM_STATUS_PROMETHEUS;

        } else {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "invalid parameter \"%V\", expected "
                               "\"json\" or \"prometheus\"", &value[1]);
            return NGX_CONF_ERROR;
        }
    }

    clcf = ngx_http_conf_get_module_loc_conf(cf, ngx_http_core_module);
    clcf->handler = ngx_http_llm_status_handler;

    return NGX_CONF_OK;
}


static char *
ngx_http_llm_keys_check(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_llm_upstream_loc_conf_t  *ulcf = conf;

    ngx_str_t                         *value;
    ngx_http_compile_complex_value_t   ccv;

    if (ulcf->check != NGX_CONF_UNSET_PTR) {
        return "is duplicate";
    }

    value = cf->args->elts;

    if (ngx_strcmp(value[1].data, "off") == 0) {
        ulcf->check = NULL;
        return NGX_CONF_OK;
    }

    ulcf->check = ngx_palloc(cf->pool, sizeof(ngx_http_complex_value_t));
    if (ulcf->check == NULL) {
        return NGX_CONF_ERROR;
    }

    ngx_memzero(&ccv, sizeof(ngx_http_compile_complex_value_t));

    ccv.cf = cf;
    ccv.value = &value[1];
    ccv.complex_value = ulcf->check;

    if (ngx_http_compile_complex_value(&ccv) != NGX_OK) {
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;
}


ngx_http_llm_keys_ctx_t *
ngx_http_llm_keys_get_ctx(ngx_http_request_t *r,
    ngx_http_llm_keys_pool_t *pool)
{
    ngx_http_llm_keys_ctx_t  *ctx;

    ctx = ngx_http_get_module_ctx(r, ngx_http_llm_upstream_module);

    if (ctx == NULL) {
        ctx = ngx_pcalloc(r->pool, sizeof(ngx_http_llm_keys_ctx_t));
        if (ctx == NULL) {
            return NULL;
        }

        ngx_http_set_ctx(r, ctx, ngx_http_llm_upstream_module);
    }

    ctx->pool = pool;

    return ctx;
}


/* The translator's entry points (ngx_http_llm_upstream.h). */

static ngx_http_llm_upstream_srv_conf_t *
ngx_http_llm_upstream_lookup(ngx_http_upstream_main_conf_t *umcf,
    ngx_str_t *name)
{
    ngx_uint_t                          i;
    ngx_http_upstream_srv_conf_t      **uscfp;
    ngx_http_llm_upstream_srv_conf_t   *ucf;

    uscfp = umcf->upstreams.elts;

    for (i = 0; i < umcf->upstreams.nelts; i++) {

        if (uscfp[i]->host.len != name->len
            || ngx_strncasecmp(uscfp[i]->host.data, name->data, name->len)
               != 0
            || uscfp[i]->srv_conf == NULL)
        {
            continue;
        }

        ucf = ngx_http_conf_upstream_srv_conf(uscfp[i],
                                              ngx_http_llm_upstream_module);
        if (ucf == NULL || ucf->dialect == LLM_DIALECT_NONE) {
            return NULL;
        }

        return ucf;
    }

    return NULL;
}


ngx_http_llm_upstream_srv_conf_t *
ngx_http_llm_upstream_find(ngx_http_request_t *r, ngx_str_t *name)
{
    return ngx_http_llm_upstream_lookup(
               ngx_http_get_module_main_conf(r, ngx_http_upstream_module),
               name);
}


/* The same while the configuration is read: every upstream{} block is
 * known once the http{} block is, when locations are merged. */
ngx_http_llm_upstream_srv_conf_t *
ngx_http_llm_upstream_conf_find(ngx_conf_t *cf, ngx_str_t *name)
{
    return ngx_http_llm_upstream_lookup(
               ngx_http_conf_get_module_main_conf(cf,
                                                  ngx_http_upstream_module),
               name);
}


ngx_int_t
ngx_http_llm_upstream_prepare(ngx_http_request_t *r,
    ngx_http_llm_upstream_srv_conf_t *ucf, ngx_uint_t stripped,
    time_t *retry_after, ngx_uint_t *status)
{
    ngx_http_llm_keys_ctx_t    *ctx;
    ngx_http_llm_keys_pool_t   *pool;
    ngx_http_llm_keys_avail_t   av;

    pool = ucf ? ucf->pool : NULL;

    if (pool == NULL || pool->zone == NULL) {
        /* no keys */
        return NGX_OK;
    }

    ctx = ngx_http_llm_keys_get_ctx(r, pool);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    ngx_http_llm_keys_availability(pool, &av);

    if (av.ready == 0) {
        ctx->busy = 1;
        *retry_after = av.retry_after;
        *status = pool->busy_status;

        ngx_log_error(NGX_LOG_WARN, r->connection->log, 0,
                      "llm: all keys of upstream \"%V\" are %s, "
                      "answering %ui with Retry-After %T",
                      &pool->name,
                      av.state == NGX_HTTP_LLM_KEY_STATE_COOLING
                      ? "cooling down or disabled"
                      : av.state == NGX_HTTP_LLM_KEY_STATE_BUSY
                        ? "at max_inflight" : "disabled",
                      *status, *retry_after);

        return NGX_BUSY;
    }

    if (stripped) {
        ctx->stripped = 1;
    }

    if (ngx_http_llm_keys_strip_credentials(r, ctx) == NGX_ERROR) {
        return NGX_ERROR;
    }

    return NGX_OK;
}


void
ngx_http_llm_upstream_account(ngx_http_request_t *r, int64_t input,
    int64_t output)
{
    ngx_http_llm_keys_ctx_t  *ctx;

    ctx = ngx_http_get_module_ctx(r, ngx_http_llm_upstream_module);

    if (ctx == NULL && r != r->main) {
        ctx = ngx_http_get_module_ctx(r->main, ngx_http_llm_upstream_module);
    }

    if (ctx == NULL || ctx->pool == NULL || ctx->key == NULL) {
        return;
    }

    ngx_http_llm_keys_add_tokens(ctx->pool, ctx->key, input, output);
}


void
ngx_http_llm_upstream_retry_hint(ngx_http_request_t *r, time_t seconds)
{
    ngx_http_llm_keys_ctx_t  *ctx;

    ctx = ngx_http_get_module_ctx(r, ngx_http_llm_upstream_module);

    if (ctx == NULL || ctx->pool == NULL || ctx->key == NULL
        || seconds <= 0)
    {
        return;
    }

    ngx_http_llm_keys_extend_cooldown(ctx->pool, ctx->key,
                                      (ngx_msec_t) seconds * 1000);
}


const char *
ngx_http_llm_upstream_key_id(ngx_http_request_t *r, size_t *len)
{
    ngx_http_llm_keys_ctx_t  *ctx;

    ctx = ngx_http_get_module_ctx(r, ngx_http_llm_upstream_module);

    if (ctx == NULL || ctx->key == NULL) {
        *len = 0;
        return NULL;
    }

    *len = ctx->key->id.len;

    return (const char *) ctx->key->id.data;
}


/*
 * "llm_keys_check upstream": for locations that proxy to a key pool
 * without llm_translate, answer the all-keys-cooling case before
 * proxy_pass (a balancer can only turn it into a 502).
 */

static ngx_int_t
ngx_http_llm_keys_check_handler(ngx_http_request_t *r)
{
    time_t                              retry_after;
    ngx_int_t                           rc;
    ngx_str_t                           name;
    ngx_uint_t                          status;
    ngx_http_llm_upstream_loc_conf_t   *ulcf;
    ngx_http_llm_upstream_srv_conf_t   *ucf;

    ulcf = ngx_http_get_module_loc_conf(r, ngx_http_llm_upstream_module);

    if (ulcf->check == NULL || r != r->main) {
        return NGX_DECLINED;
    }

    if (ngx_http_complex_value(r, ulcf->check, &name) != NGX_OK) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    ucf = ngx_http_llm_upstream_find(r, &name);

    if (ucf == NULL) {
        return NGX_DECLINED;
    }

    rc = ngx_http_llm_upstream_prepare(r, ucf, 0, &retry_after, &status);

    if (rc == NGX_OK) {
        return NGX_DECLINED;
    }

    if (rc != NGX_BUSY) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    rc = ngx_http_llm_keys_send_busy(r, ucf->pool, status, retry_after);

    ngx_http_finalize_request(r, rc);

    return NGX_DONE;
}


static ngx_int_t
ngx_http_llm_keys_send_busy(ngx_http_request_t *r,
    ngx_http_llm_keys_pool_t *pool, ngx_uint_t status, time_t retry_after)
{
    u_char           *p;
    size_t            len;
    ngx_int_t         rc;
    ngx_buf_t        *b;
    ngx_chain_t       out;
    ngx_table_elt_t  *h;

    static u_char  msg[] = "all API keys of this upstream are rate limited "
                           "or disabled";

    rc = ngx_http_discard_request_body(r);

    if (rc != NGX_OK) {
        return rc;
    }

    len = sizeof(msg) + 256;

    b = ngx_create_temp_buf(r->pool, len);
    if (b == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    p = b->last;

    switch (pool->dialect) {

    case LLM_DIALECT_ANTHROPIC:
        p = ngx_sprintf(p, "{\"type\":\"error\",\"error\":{\"type\":\"%s\","
                        "\"message\":\"%s\"}}",
                        status == NGX_HTTP_TOO_MANY_REQUESTS
                        ? "rate_limit_error" : "overloaded_error", msg);
        break;

    case LLM_DIALECT_GEMINI:
        p = ngx_sprintf(p, "{\"error\":{\"code\":%ui,\"message\":\"%s\","
                        "\"status\":\"%s\"}}", status, msg,
                        status == NGX_HTTP_TOO_MANY_REQUESTS
                        ? "RESOURCE_EXHAUSTED" : "UNAVAILABLE");
        break;

    default: /* LLM_DIALECT_OPENAI */
        p = ngx_sprintf(p, "{\"error\":{\"message\":\"%s\",\"type\":\"%s\","
                        "\"param\":null,\"code\":\"%s\"}}", msg,
                        status == NGX_HTTP_TOO_MANY_REQUESTS
                        ? "requests" : "server_error",
                        status == NGX_HTTP_TOO_MANY_REQUESTS
                        ? "rate_limit_exceeded" : "service_unavailable");
        break;
    }

    *p++ = LF;
    b->last = p;
    b->last_buf = (r == r->main) ? 1 : 0;
    b->last_in_chain = 1;

    h = ngx_list_push(&r->headers_out.headers);
    if (h == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    h->hash = 1;
    ngx_str_set(&h->key, "Retry-After");

    h->value.data = ngx_pnalloc(r->pool, NGX_TIME_T_LEN);
    if (h->value.data == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    h->value.len = ngx_sprintf(h->value.data, "%T", retry_after)
                   - h->value.data;

    r->headers_out.status = status;
    r->headers_out.content_length_n = b->last - b->pos;
    ngx_str_set(&r->headers_out.content_type, "application/json");
    r->headers_out.content_type_len = r->headers_out.content_type.len;

    rc = ngx_http_send_header(r);

    if (rc == NGX_ERROR || rc > NGX_OK || r->header_only) {
        return rc;
    }

    out.buf = b;
    out.next = NULL;

    return ngx_http_output_filter(r, &out);
}


/*
 * The last usable key's 429 reaches the client as the provider sent it;
 * when the provider gave no Retry-After (Gemini never does), add one:
 * the time until a key of the pool is usable again.
 */

static ngx_int_t
ngx_http_llm_upstream_header_filter(ngx_http_request_t *r)
{
    ngx_uint_t                  i;
    ngx_list_part_t            *part;
    ngx_table_elt_t            *h;
    ngx_http_llm_keys_ctx_t    *ctx;
    ngx_http_llm_keys_avail_t   av;

    if (r->headers_out.status != NGX_HTTP_TOO_MANY_REQUESTS
        || r->upstream == NULL)
    {
        return ngx_http_next_header_filter(r);
    }

    ctx = ngx_http_get_module_ctx(r, ngx_http_llm_upstream_module);

    if (ctx == NULL || ctx->pool == NULL || ctx->key == NULL) {
        return ngx_http_next_header_filter(r);
    }

    part = &r->headers_out.headers.part;
    h = part->elts;

    for (i = 0; /* void */; i++) {

        if (i >= part->nelts) {
            if (part->next == NULL) {
                break;
            }

            part = part->next;
            h = part->elts;
            i = 0;

            if (part->nelts == 0) {
                continue;
            }
        }

        if (h[i].hash
            && h[i].key.len == sizeof("Retry-After") - 1
            && ngx_strncasecmp(h[i].key.data, (u_char *) "Retry-After",
                               sizeof("Retry-After") - 1)
               == 0)
        {
            return ngx_http_next_header_filter(r);
        }
    }

    /* record the 429 now: free_peer runs only after the response */

    ngx_http_llm_keys_settle(r, ctx);

    ngx_http_llm_keys_availability(ctx->pool, &av);

    h = ngx_list_push(&r->headers_out.headers);
    if (h == NULL) {
        return NGX_ERROR;
    }

    h->hash = 1;
    ngx_str_set(&h->key, "Retry-After");

    h->value.data = ngx_pnalloc(r->pool, NGX_TIME_T_LEN);
    if (h->value.data == NULL) {
        return NGX_ERROR;
    }

    h->value.len = ngx_sprintf(h->value.data, "%T",
                               av.ready ? (time_t) 1 : av.retry_after)
                   - h->value.data;

    return ngx_http_next_header_filter(r);
}


static ngx_int_t
ngx_http_llm_upstream_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    u_char                   *p;
    ngx_str_t                 s;
    ngx_uint_t                n;
    ngx_http_llm_keys_ctx_t  *ctx;

    ctx = ngx_http_get_module_ctx(r, ngx_http_llm_upstream_module);

    if (ctx == NULL || ctx->pool == NULL) {
        v->not_found = 1;
        return NGX_OK;
    }

    n = (ngx_uint_t) -1;
    ngx_str_null(&s);

    switch (data) {

    case NGX_HTTP_LLM_VAR_KEY_POOL:
        s = ctx->pool->name;
        break;

    case NGX_HTTP_LLM_VAR_ATTEMPTS:
        n = ctx->attempts;
        break;

    case NGX_HTTP_LLM_VAR_RATE_LIMITED:
        n = ctx->rate_limited;
        break;

    case NGX_HTTP_LLM_VAR_KEY_STATUS:
        if (ctx->key == NULL) {
            v->not_found = 1;
            return NGX_OK;
        }

        n = ctx->last_status;
        break;

    default:
        if (ctx->key == NULL) {
            v->not_found = 1;
            return NGX_OK;
        }

        s = (data == NGX_HTTP_LLM_VAR_KEY_ID) ? ctx->key->id
            : (data == NGX_HTTP_LLM_VAR_KEY_FP) ? ctx->key->fp_hex
            : ctx->key->masked;
        break;
    }

    if (n != (ngx_uint_t) -1) {
        p = ngx_pnalloc(r->pool, NGX_INT_T_LEN);
        if (p == NULL) {
            return NGX_ERROR;
        }

        s.data = p;
        s.len = ngx_sprintf(p, "%ui", n) - p;
    }

    v->len = s.len;
    v->valid = 1;
    v->no_cacheable = 0;
    v->not_found = 0;
    v->data = s.data;

    return NGX_OK;
}
