/*
 * Key pools: the "llm_status" content handler.  JSON (default) or
 * Prometheus text, chosen by the directive's parameter or by
 * "?format=json|prometheus".  Keys appear by id, fingerprint and masked
 * form; only keys of the running configuration are listed.
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_llm_keys.h"
#include "llm_ir.h"


typedef struct {
    ngx_http_llm_keys_pool_t   *pool;
    ngx_http_llm_keys_node_t   *nodes;
} ngx_http_llm_status_pool_t;


typedef struct {
    char                       *name;
    char                       *type;
    char                       *help;
    ngx_uint_t                  field;
} ngx_http_llm_status_metric_t;


#define NGX_HTTP_LLM_M_READY          0
#define NGX_HTTP_LLM_M_DISABLED       1
#define NGX_HTTP_LLM_M_COOLDOWN       2
#define NGX_HTTP_LLM_M_INFLIGHT       3
#define NGX_HTTP_LLM_M_REQUESTS       4
#define NGX_HTTP_LLM_M_SUCCESSES      5
#define NGX_HTTP_LLM_M_RATE_LIMITED   6
#define NGX_HTTP_LLM_M_AUTH           7
#define NGX_HTTP_LLM_M_ERRORS         8
#define NGX_HTTP_LLM_M_TOKENS_IN      9
#define NGX_HTTP_LLM_M_TOKENS_OUT     10
#define NGX_HTTP_LLM_M_WEIGHT         11


static ngx_http_llm_status_metric_t  ngx_http_llm_status_metrics[] = {
    { "llm_key_ready", "gauge",
      "1 if the key can take a request now", NGX_HTTP_LLM_M_READY },
    { "llm_key_disabled", "gauge",
      "1 if the key is disabled until reload", NGX_HTTP_LLM_M_DISABLED },
    { "llm_key_cooldown_seconds", "gauge",
      "seconds until the key's cooldown ends", NGX_HTTP_LLM_M_COOLDOWN },
    { "llm_key_inflight", "gauge",
      "requests in flight on the key", NGX_HTTP_LLM_M_INFLIGHT },
    { "llm_key_requests_total", "counter",
      "attempts sent with the key", NGX_HTTP_LLM_M_REQUESTS },
    { "llm_key_successes_total", "counter",
      "attempts answered 1xx-3xx", NGX_HTTP_LLM_M_SUCCESSES },
    { "llm_key_rate_limited_total", "counter",
      "attempts answered 429", NGX_HTTP_LLM_M_RATE_LIMITED },
    { "llm_key_auth_failures_total", "counter",
      "attempts answered 401 or 403", NGX_HTTP_LLM_M_AUTH },
    { "llm_key_errors_total", "counter",
      "attempts that failed on the host (5xx, connection)",
      NGX_HTTP_LLM_M_ERRORS },
    { "llm_key_input_tokens_total", "counter",
      "input tokens reported by the translator", NGX_HTTP_LLM_M_TOKENS_IN },
    { "llm_key_output_tokens_total", "counter",
      "output tokens reported by the translator",
      NGX_HTTP_LLM_M_TOKENS_OUT },
    { "llm_key_weight", "gauge",
      "configured weight of the key", NGX_HTTP_LLM_M_WEIGHT },
    { NULL, NULL, NULL, 0 }
};


static ngx_uint_t ngx_http_llm_status_state(ngx_http_llm_key_t *key,
    ngx_http_llm_keys_node_t *node, uint64_t now, uint64_t *left);
static u_char *ngx_http_llm_status_json(u_char *p,
    ngx_http_llm_status_pool_t *sp, ngx_uint_t n, uint64_t now);
static u_char *ngx_http_llm_status_prometheus(u_char *p,
    ngx_http_llm_status_pool_t *sp, ngx_uint_t n, uint64_t now);
static u_char *ngx_http_llm_status_label(u_char *p, ngx_str_t *s);


static char  *ngx_http_llm_status_states[] = {
    "ready", "cooling", "disabled", "busy"
};


ngx_int_t
ngx_http_llm_status_handler(ngx_http_request_t *r)
{
    size_t                               len;
    u_char                              *p;
    uint64_t                             now;
    ngx_int_t                            rc;
    ngx_buf_t                           *b;
    ngx_str_t                            arg;
    ngx_uint_t                           i, j, n, format;
    ngx_chain_t                          out;
    ngx_http_llm_key_t                  *keys;
    ngx_http_llm_keys_pool_t           **poolp;
    ngx_http_llm_status_pool_t          *sp;
    ngx_http_llm_upstream_loc_conf_t    *ulcf;
    ngx_http_llm_upstream_main_conf_t   *umcf;

    if (!(r->method & (NGX_HTTP_GET|NGX_HTTP_HEAD))) {
        return NGX_HTTP_NOT_ALLOWED;
    }

    rc = ngx_http_discard_request_body(r);

    if (rc != NGX_OK) {
        return rc;
    }

    ulcf = ngx_http_get_module_loc_conf(r, ngx_http_llm_upstream_module);
    umcf = ngx_http_get_module_main_conf(r, ngx_http_llm_upstream_module);

    format = ulcf->status_format;

    if (ngx_http_arg(r, (u_char *) "format", 6, &arg) == NGX_OK) {

        if (arg.len == 4 && ngx_strncmp(arg.data, "json", 4) == 0) {
            format = NGX_HTTP_LLM_STATUS_JSON;

        } else if (arg.len == 10
                   && ngx_strncmp(arg.data, "prometheus", 10) == 0)
        {
            format = NGX_HTTP_LLM_STATUS_PROMETHEUS;

        } else {
            return NGX_HTTP_BAD_REQUEST;
        }
    }

    /* copy the state out of shared memory first, then format it */

    poolp = umcf->pools.elts;

    sp = ngx_palloc(r->pool, (umcf->pools.nelts + 1)
                             * sizeof(ngx_http_llm_status_pool_t));
    if (sp == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    n = 0;
    len = 1024;

    for (i = 0; i < umcf->pools.nelts; i++) {

        if (poolp[i]->zone == NULL || poolp[i]->keys.nelts == 0) {
            continue;
        }

        sp[n].pool = poolp[i];
        sp[n].nodes = ngx_palloc(r->pool, poolp[i]->keys.nelts
                                         * sizeof(ngx_http_llm_keys_node_t));
        if (sp[n].nodes == NULL) {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }

        ngx_http_llm_keys_snapshot(poolp[i], sp[n].nodes);

        len += 512 + 6 * (poolp[i]->name.len + poolp[i]->zone_name.len);

        keys = poolp[i]->keys.elts;

        for (j = 0; j < poolp[i]->keys.nelts; j++) {
            /* Prometheus repeats the labels in every metric */
            len += 13 * (128 + 2 * poolp[i]->name.len + 2 * keys[j].id.len
                         + NGX_OFF_T_LEN)
                   + 640 + 6 * keys[j].masked.len + keys[j].id.len;
        }

        n++;
    }

    len += 16 * 256;   /* Prometheus HELP and TYPE lines */

    b = ngx_create_temp_buf(r->pool, len);
    if (b == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    now = ngx_http_llm_keys_now();

    if (format == NGX_HTTP_LLM_STATUS_PROMETHEUS) {
        p = ngx_http_llm_status_prometheus(b->last, sp, n, now);
        ngx_str_set(&r->headers_out.content_type,
                    "text/plain; version=0.0.4; charset=utf-8");

    } else {
        p = ngx_http_llm_status_json(b->last, sp, n, now);
        ngx_str_set(&r->headers_out.content_type, "application/json");
    }

    b->last = p;
    b->last_buf = (r == r->main) ? 1 : 0;
    b->last_in_chain = 1;

    r->headers_out.content_type_len = r->headers_out.content_type.len;
    r->headers_out.status = NGX_HTTP_OK;
    r->headers_out.content_length_n = b->last - b->pos;

    rc = ngx_http_send_header(r);

    if (rc == NGX_ERROR || rc > NGX_OK || r->header_only) {
        return rc;
    }

    out.buf = b;
    out.next = NULL;

    return ngx_http_output_filter(r, &out);
}


static ngx_uint_t
ngx_http_llm_status_state(ngx_http_llm_key_t *key,
    ngx_http_llm_keys_node_t *node, uint64_t now, uint64_t *left)
{
    *left = (node->cooldown_until > now) ? node->cooldown_until - now : 0;

    if (node->disabled) {
        return NGX_HTTP_LLM_KEY_STATE_DISABLED;
    }

    if (*left) {
        return NGX_HTTP_LLM_KEY_STATE_COOLING;
    }

    if (key->max_inflight && node->inflight >= key->max_inflight) {
        return NGX_HTTP_LLM_KEY_STATE_BUSY;
    }

    return NGX_HTTP_LLM_KEY_STATE_READY;
}


static u_char *
ngx_http_llm_status_json(u_char *p, ngx_http_llm_status_pool_t *sp,
    ngx_uint_t n, uint64_t now)
{
    uint64_t                   left;
    ngx_uint_t                 i, j, state, ready;
    ngx_http_llm_key_t        *keys;
    ngx_http_llm_keys_node_t  *node;
    ngx_http_llm_keys_pool_t  *pool;

    p = ngx_sprintf(p, "{\"pools\":[");

    for (i = 0; i < n; i++) {
        pool = sp[i].pool;
        keys = pool->keys.elts;

        ready = 0;

        for (j = 0; j < pool->keys.nelts; j++) {
            if (ngx_http_llm_status_state(&keys[j], &sp[i].nodes[j], now,
                                          &left)
                == NGX_HTTP_LLM_KEY_STATE_READY)
            {
                ready++;
            }
        }

        if (i) {
            *p++ = ',';
        }

        p = ngx_sprintf(p, "{\"upstream\":\"");
        p = (u_char *) ngx_escape_json(p, pool->name.data, pool->name.len);
        p = ngx_sprintf(p, "\",\"provider\":\"%s\",\"zone\":\"",
                        llm_dialect_name((llm_dialect_e) pool->dialect));
        p = (u_char *) ngx_escape_json(p, pool->zone_name.data,
                                       pool->zone_name.len);
        p = ngx_sprintf(p, "\",\"strategy\":\"%s\",\"keys_total\":%ui,"
                        "\"keys_ready\":%ui,\"keys\":[",
                        pool->strategy == NGX_HTTP_LLM_KEYS_LEAST_INFLIGHT
                        ? "least_inflight" : "round_robin",
                        pool->keys.nelts, ready);

        for (j = 0; j < pool->keys.nelts; j++) {
            node = &sp[i].nodes[j];
            state = ngx_http_llm_status_state(&keys[j], node, now, &left);

            if (j) {
                *p++ = ',';
            }

            p = ngx_sprintf(p, "{\"id\":\"%V\",\"key\":\"", &keys[j].id);
            p = (u_char *) ngx_escape_json(p, keys[j].masked.data,
                                           keys[j].masked.len);
            p = ngx_sprintf(p, "\",\"fingerprint\":\"%V\",\"weight\":%ui,"
                            "\"max_inflight\":%ui,\"state\":\"%s\","
                            "\"cooldown_remaining\":%uL,"
                            "\"cooldown_remaining_ms\":%uL,"
                            "\"inflight\":%ui,\"requests\":%uL,"
                            "\"successes\":%uL,\"rate_limited\":%uL,"
                            "\"auth_failures\":%uL,\"errors\":%uL,"
                            "\"fail_streak\":%ui,\"last_status\":%ui,"
                            "\"tokens_in\":%uL,\"tokens_out\":%uL}",
                            &keys[j].fp_hex, keys[j].weight,
                            keys[j].max_inflight,
                            ngx_http_llm_status_states[state],
                            (left + 999) / 1000, left,
                            node->inflight, node->requests,
                            node->successes, node->rate_limited,
                            node->auth_failures, node->errors,
                            node->fails, node->last_status,
                            node->tokens_in, node->tokens_out);
        }

        p = ngx_sprintf(p, "]}");
    }

    p = ngx_sprintf(p, "]}\n");

    return p;
}


static u_char *
ngx_http_llm_status_prometheus(u_char *p, ngx_http_llm_status_pool_t *sp,
    ngx_uint_t n, uint64_t now)
{
    uint64_t                        left, v;
    ngx_uint_t                      i, j, state;
    ngx_http_llm_key_t             *keys;
    ngx_http_llm_keys_node_t       *node;
    ngx_http_llm_keys_pool_t       *pool;
    ngx_http_llm_status_metric_t   *m;

    for (m = ngx_http_llm_status_metrics; m->name; m++) {

        p = ngx_sprintf(p, "# HELP %s %s\n# TYPE %s %s\n",
                        m->name, m->help, m->name, m->type);

        for (i = 0; i < n; i++) {
            pool = sp[i].pool;
            keys = pool->keys.elts;

            for (j = 0; j < pool->keys.nelts; j++) {
                node = &sp[i].nodes[j];
                state = ngx_http_llm_status_state(&keys[j], node, now,
                                                  &left);

                switch (m->field) {

                case NGX_HTTP_LLM_M_READY:
                    v = (state == NGX_HTTP_LLM_KEY_STATE_READY);
                    break;

                case NGX_HTTP_LLM_M_DISABLED:
                    v = (state == NGX_HTTP_LLM_KEY_STATE_DISABLED);
                    break;

                case NGX_HTTP_LLM_M_COOLDOWN:
                    v = (left + 999) / 1000;
                    break;

                case NGX_HTTP_LLM_M_INFLIGHT:
                    v = node->inflight;
                    break;

                case NGX_HTTP_LLM_M_REQUESTS:
                    v = node->requests;
                    break;

                case NGX_HTTP_LLM_M_SUCCESSES:
                    v = node->successes;
                    break;

                case NGX_HTTP_LLM_M_RATE_LIMITED:
                    v = node->rate_limited;
                    break;

                case NGX_HTTP_LLM_M_AUTH:
                    v = node->auth_failures;
                    break;

                case NGX_HTTP_LLM_M_ERRORS:
                    v = node->errors;
                    break;

                case NGX_HTTP_LLM_M_TOKENS_IN:
                    v = node->tokens_in;
                    break;

                case NGX_HTTP_LLM_M_TOKENS_OUT:
                    v = node->tokens_out;
                    break;

                default: /* NGX_HTTP_LLM_M_WEIGHT */
                    v = keys[j].weight;
                    break;
                }

                p = ngx_sprintf(p, "%s{upstream=\"", m->name);
                p = ngx_http_llm_status_label(p, &pool->name);
                p = ngx_sprintf(p, "\",provider=\"%s\",key=\"",
                                llm_dialect_name((llm_dialect_e)
                                                 pool->dialect));
                p = ngx_http_llm_status_label(p, &keys[j].id);
                p = ngx_sprintf(p, "\",fingerprint=\"%V\"} %uL\n",
                                &keys[j].fp_hex, v);
            }
        }
    }

    return p;
}


static u_char *
ngx_http_llm_status_label(u_char *p, ngx_str_t *s)
{
    size_t  i;

    for (i = 0; i < s->len; i++) {

        switch (s->data[i]) {

        case '\\':
        case '"':
            *p++ = '\\';
            *p++ = s->data[i];
            break;

        case LF:
            *p++ = '\\';
            *p++ = 'n';
            break;

        default:
            *p++ = s->data[i];
        }
    }

    return p;
}
