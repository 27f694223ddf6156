/*
 * The upstream side of the gateway: which dialect an upstream{} block's
 * provider speaks, and its pool of API keys.  Implemented by
 * ngx_http_llm_upstream_module (src/ngx_http_llm_upstream_*.c); the
 * translator calls only what is declared here.
 */

#ifndef NGX_HTTP_LLM_UPSTREAM_H
#define NGX_HTTP_LLM_UPSTREAM_H

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "llm_codec.h"


extern ngx_module_t  ngx_http_llm_upstream_module;


/* Per upstream{} block, set by "llm_provider". */
typedef struct {
    ngx_uint_t                      dialect;    /* llm_dialect_e */
    ngx_str_t                       name;       /* the upstream{} name */
    ngx_http_upstream_srv_conf_t   *uscf;
    void                           *pool;       /* key pool (private) */
    llm_profile_t                   profile;    /* "llm_profile" */
} ngx_http_llm_upstream_srv_conf_t;


/* ngx_http_llm_headers.c: the client's headers named in names (lowercase,
 * ended by an empty name) removed; how many went, or NGX_ERROR */
extern ngx_str_t  ngx_http_llm_credential_headers[];
ngx_int_t ngx_http_llm_remove_headers(ngx_http_request_t *r,
    ngx_str_t *names);

/* The llm_provider configuration of the upstream{} block called name, or
 * NULL when there is no such block or it has no llm_provider. */
ngx_http_llm_upstream_srv_conf_t *ngx_http_llm_upstream_find(
    ngx_http_request_t *r, ngx_str_t *name);
ngx_http_llm_upstream_srv_conf_t *ngx_http_llm_upstream_conf_find(
    ngx_conf_t *cf, ngx_str_t *name);

/*
 * Called by the translator in the PRECONTENT phase, once the request is
 * known to go to this upstream, before proxy_pass runs:
 *   - NGX_OK: go ahead; when the upstream has keys, the client's
 *     credential headers are gone from r->headers_in (the balancer puts
 *     the key into the upstream request only, per attempt): removed here
 *     unless the caller says it has removed them (stripped);
 *   - NGX_BUSY: every key is cooling down or disabled: the translator
 *     answers 429 (or the configured status) in the client's dialect with
 *     Retry-After = *retry_after seconds; *status is the status to use;
 *   - NGX_ERROR: internal error (500).
 */
ngx_int_t ngx_http_llm_upstream_prepare(ngx_http_request_t *r,
    ngx_http_llm_upstream_srv_conf_t *ucf, ngx_uint_t stripped,
    time_t *retry_after, ngx_uint_t *status);

/* Token usage of the finished request, for per-key accounting; called
 * by the translator when it has seen the usage (either side may be
 * -1 when unknown).  Charged to the key of the last attempt; a no-op
 * when the request used no key. */
void ngx_http_llm_upstream_account(ngx_http_request_t *r, int64_t input,
    int64_t output);

/* A retry delay found in a 429's body (Gemini's RetryInfo) for the key
 * of the last attempt: lengthens its cooldown. */
void ngx_http_llm_upstream_retry_hint(ngx_http_request_t *r, time_t seconds);

/* The id of the key the last attempt used (as in $llm_key_id, never the
 * secret), or NULL with *len = 0 when no key was used. */
const char *ngx_http_llm_upstream_key_id(ngx_http_request_t *r, size_t *len);

#endif /* NGX_HTTP_LLM_UPSTREAM_H */
