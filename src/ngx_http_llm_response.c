/*
 * The response side: header and body filters.  A JSON answer (success or
 * error) is buffered whole, translated, and sent with its header, which
 * is held back until then so a failed translation can still change the
 * status.  SSE is handed to ngx_http_llm_stream.c event by event.  Error
 * pages nginx makes itself (413, 502, 504...) are replaced by an error in
 * the client's dialect.
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_llm_translate.h"
#include "llm_map.h"


static ngx_int_t ngx_http_llm_header_filter(ngx_http_request_t *r);
static ngx_int_t ngx_http_llm_body_filter(ngx_http_request_t *r,
    ngx_chain_t *in);
static ngx_int_t ngx_http_llm_local_error(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx);
static void ngx_http_llm_json_headers(ngx_http_request_t *r, size_t len);
static ngx_int_t ngx_http_llm_buffer(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, ngx_chain_t *in, size_t max, ngx_uint_t *last);
static ngx_int_t ngx_http_llm_send_translated(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx);
static time_t ngx_http_llm_retry_after(ngx_http_request_t *r);
static ngx_int_t ngx_http_llm_send_relayed(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, u_char *p, size_t len);
static ngx_int_t ngx_http_llm_add_out_header(ngx_http_request_t *r,
    const char *name, ngx_str_t *value);


static ngx_http_output_header_filter_pt  ngx_http_next_header_filter;
static ngx_http_output_body_filter_pt    ngx_http_next_body_filter;


ngx_int_t
ngx_http_llm_filter_init(ngx_conf_t *cf)
{
    ngx_http_next_header_filter = ngx_http_top_header_filter;
    ngx_http_top_header_filter = ngx_http_llm_header_filter;

    ngx_http_next_body_filter = ngx_http_top_body_filter;
    ngx_http_top_body_filter = ngx_http_llm_body_filter;

    return NGX_OK;
}


static ngx_int_t
ngx_http_llm_header_filter(ngx_http_request_t *r)
{
    ngx_uint_t                status;
    ngx_http_llm_ctx_t       *ctx;
    ngx_http_llm_loc_conf_t  *lcf;

    if (r != r->main) {
        return ngx_http_next_header_filter(r);
    }

    lcf = ngx_http_get_module_loc_conf(r, ngx_http_llm_translate_module);
    ctx = ngx_http_get_module_ctx(r, ngx_http_llm_translate_module);

    if (!lcf->enable || (ctx && (ctx->own_response || ctx->mode))) {
        return ngx_http_next_header_filter(r);
    }

    status = r->headers_out.status;

    /* an error page of nginx's own: no upstream answer behind it */
    if (status >= NGX_HTTP_BAD_REQUEST
        && (r->err_status || ctx == NULL || ctx->t == NULL
            || r->upstream == NULL))
    {
        return ngx_http_llm_local_error(r, ctx);
    }

    if (ctx == NULL || ctx->t == NULL || r->upstream == NULL
        || r->header_only)
    {
        return ngx_http_next_header_filter(r);
    }

    if (status >= NGX_HTTP_OK && status < NGX_HTTP_SPECIAL_RESPONSE
        && ctx->stream_req)
    {
        ctx->mode = NGX_HTTP_LLM_RESP_STREAM;

        if (ngx_http_llm_stream_start(r, ctx, lcf) != NGX_OK) {
            return NGX_ERROR;
        }

        return ngx_http_next_header_filter(r);
    }

    ctx->mode = (status >= NGX_HTTP_OK && status < NGX_HTTP_SPECIAL_RESPONSE)
                ? NGX_HTTP_LLM_RESP_JSON : NGX_HTTP_LLM_RESP_ERROR;

    /* the header goes out with the translated body */
    r->filter_need_in_memory = 1;

    return NGX_OK;
}


static ngx_int_t
ngx_http_llm_local_error(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx)
{
    ngx_uint_t     status;
    llm_error_t    err;
    llm_dialect_e  dialect;

    status = r->headers_out.status;

    if (ctx == NULL) {
        ctx = ngx_pcalloc(r->pool, sizeof(ngx_http_llm_ctx_t));
        if (ctx == NULL) {
            return NGX_ERROR;
        }
        ctx->prompt_tokens = -1;
        ctx->completion_tokens = -1;
        ctx->last_out = &ctx->out;
        ngx_http_set_ctx(r, ctx, ngx_http_llm_translate_module);
        ctx->client = ngx_http_llm_guess_dialect(r);
    }

    dialect = ctx->client ? ctx->client : ngx_http_llm_guess_dialect(r);

    ngx_memzero(&err, sizeof(llm_error_t));

    switch (status) {

    case NGX_HTTP_REQUEST_ENTITY_TOO_LARGE:
        llm_error_set(&err, LLM_ERR_TOO_LARGE,
                      "Request body too large for this gateway");
        break;

    case NGX_HTTP_BAD_GATEWAY:
        llm_error_set(&err, LLM_ERR_BAD_GATEWAY,
                      "The upstream provider could not be reached or "
                      "answered invalidly");
        break;

    case NGX_HTTP_GATEWAY_TIME_OUT:
        llm_error_set(&err, LLM_ERR_TIMEOUT,
                      "The upstream provider timed out");
        break;

    case NGX_HTTP_SERVICE_UNAVAILABLE:
        llm_error_set(&err, LLM_ERR_OVERLOADED,
                      "The service is temporarily unavailable");
        break;

    case NGX_HTTP_NOT_FOUND:
        llm_error_set(&err, LLM_ERR_NOT_FOUND, "Not found");
        break;

    case NGX_HTTP_NOT_ALLOWED:
        llm_error_set(&err, LLM_ERR_INVALID_REQUEST,
                      "Method not allowed");
        break;

    case NGX_HTTP_UNAUTHORIZED:
        llm_error_set(&err, LLM_ERR_AUTHENTICATION,
                      "Invalid or missing API key");
        break;

    case NGX_HTTP_FORBIDDEN:
        llm_error_set(&err, LLM_ERR_PERMISSION, "Forbidden");
        break;

    case NGX_HTTP_TOO_MANY_REQUESTS:
        llm_error_set(&err, LLM_ERR_RATE_LIMIT, "Too many requests");
        break;

    default:
        llm_error_set(&err, llm_err_kind_from_status(status),
                      status >= NGX_HTTP_INTERNAL_SERVER_ERROR
                      ? "The gateway failed to process the request"
                      : "Bad request");
        break;
    }

    err.status = status;

    if (ngx_http_llm_error_body(r, dialect, &err, &ctx->local_body)
        != NGX_OK)
    {
        return NGX_ERROR;
    }

    ctx->mode = NGX_HTTP_LLM_RESP_LOCAL;

    r->headers_out.status = ngx_http_llm_client_status(dialect, status);
    r->err_status = 0;
    ngx_http_llm_json_headers(r, ctx->local_body.len);
    ngx_http_clear_last_modified(r);

    return ngx_http_next_header_filter(r);
}


/* A JSON body of len bytes replaces whatever was announced. */
static void
ngx_http_llm_json_headers(ngx_http_request_t *r, size_t len)
{
    r->headers_out.status_line.len = 0;
    r->headers_out.content_length_n = len;

    if (r->headers_out.content_length) {
        r->headers_out.content_length->hash = 0;
        r->headers_out.content_length = NULL;
    }

    ngx_str_set(&r->headers_out.content_type, "application/json");
    r->headers_out.content_type_len = r->headers_out.content_type.len;
    r->headers_out.content_type_lowcase = NULL;
    r->headers_out.charset.len = 0;

    ngx_http_clear_accept_ranges(r);
    ngx_http_clear_etag(r);
}


static ngx_int_t
ngx_http_llm_body_filter(ngx_http_request_t *r, ngx_chain_t *in)
{
    ngx_int_t                 rc;
    ngx_uint_t                last;
    ngx_buf_t                *b;
    ngx_chain_t              *cl, out;
    ngx_http_llm_ctx_t       *ctx;
    ngx_http_llm_loc_conf_t  *lcf;

    ctx = ngx_http_get_module_ctx(r, ngx_http_llm_translate_module);

    if (ctx == NULL || ctx->mode == NGX_HTTP_LLM_RESP_NONE || r != r->main) {
        return ngx_http_next_body_filter(r, in);
    }

    switch (ctx->mode) {

    case NGX_HTTP_LLM_RESP_LOCAL:

        for (cl = in; cl; cl = cl->next) {
            cl->buf->pos = cl->buf->last;
            cl->buf->file_pos = cl->buf->file_last;
        }

        if (ctx->local_sent) {
            return NGX_OK;
        }

        ctx->local_sent = 1;

        b = ngx_calloc_buf(r->pool);
        if (b == NULL) {
            return NGX_ERROR;
        }

        b->pos = ctx->local_body.data;
        b->last = ctx->local_body.data + ctx->local_body.len;
        b->memory = 1;
        b->last_buf = 1;
        b->last_in_chain = 1;

        out.buf = b;
        out.next = NULL;

        return ngx_http_next_body_filter(r, &out);

    case NGX_HTTP_LLM_RESP_STREAM:
        return ngx_http_llm_stream_body(r, ctx, in,
                                        ngx_http_next_body_filter);

    default: /* JSON, ERROR */
        break;
    }

    if (ctx->done) {
        for (cl = in; cl; cl = cl->next) {
            cl->buf->pos = cl->buf->last;
        }
        return NGX_OK;
    }

    lcf = ngx_http_get_module_loc_conf(r, ngx_http_llm_translate_module);

    for (cl = in; cl; cl = cl->next) {
        if (ngx_http_llm_upstream_failed(r, cl->buf)) {
            /* the provider's answer was cut short: the header is still
             * ours to choose, so the client gets a clean 502 */
            ctx->cut = 1;
            r->connection->buffered &= ~NGX_HTTP_LLM_BUFFERED;
            ctx->done = 1;
            return ngx_http_llm_send_translated(r, ctx);
        }
    }

    last = 0;
    rc = ngx_http_llm_buffer(r, ctx, in, lcf->response_buffer_size, &last);

    if (rc == NGX_DECLINED) {
        /* over the cap: whatever it was, the client gets a clean 502 */
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      "llm: upstream response larger than "
                      "llm_response_buffer_size %uz",
                      lcf->response_buffer_size);
        r->connection->buffered &= ~NGX_HTTP_LLM_BUFFERED;
        ctx->done = 1;
        ctx->mode = NGX_HTTP_LLM_RESP_NONE;
        r->headers_out.status = NGX_HTTP_BAD_GATEWAY;
        return ngx_http_filter_finalize_request(r, NULL,
                                                NGX_HTTP_BAD_GATEWAY);
    }

    if (rc != NGX_OK) {
        return NGX_ERROR;
    }

    if (!last) {
        r->connection->buffered |= NGX_HTTP_LLM_BUFFERED;
        return NGX_OK;
    }

    r->connection->buffered &= ~NGX_HTTP_LLM_BUFFERED;
    ctx->done = 1;

    return ngx_http_llm_send_translated(r, ctx);
}


/* NGX_DECLINED: over the cap */
static ngx_int_t
ngx_http_llm_buffer(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_chain_t *in, size_t max, ngx_uint_t *last)
{
    size_t        size, cap;
    ngx_buf_t    *b, *nb;
    ngx_chain_t  *cl;

    for (cl = in; cl; cl = cl->next) {
        b = cl->buf;

        if (b->last_buf || b->last_in_chain) {
            *last = 1;
        }

        size = b->last - b->pos;
        if (size == 0 || !ngx_buf_in_memory(b)) {
            b->pos = b->last;
            continue;
        }

        if (ctx->body == NULL) {
            cap = r->upstream && r->upstream->headers_in.content_length_n > 0
                  ? (size_t) r->upstream->headers_in.content_length_n : 4096;
            if (cap > max) {
                cap = max;
            }
            if (cap < size) {
                cap = size;
            }

            ctx->body = ngx_create_temp_buf(r->pool, cap);
            if (ctx->body == NULL) {
                return NGX_ERROR;
            }
        }

        if ((size_t) (ctx->body->last - ctx->body->pos) + size > max) {
            return NGX_DECLINED;
        }

        if ((size_t) (ctx->body->end - ctx->body->last) < size) {
            cap = 2 * (ctx->body->end - ctx->body->start);
            while (cap < (size_t) (ctx->body->last - ctx->body->pos) + size) {
                cap *= 2;
            }

            nb = ngx_create_temp_buf(r->pool, cap);
            if (nb == NULL) {
                return NGX_ERROR;
            }

            nb->last = ngx_cpymem(nb->pos, ctx->body->pos,
                                  ctx->body->last - ctx->body->pos);
            ngx_pfree(r->pool, ctx->body->start);
            ctx->body = nb;
        }

        ctx->body->last = ngx_cpymem(ctx->body->last, b->pos, size);
        b->pos = b->last;
    }

    return NGX_OK;
}


static ngx_int_t
ngx_http_llm_send_translated(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx)
{
    int                 rc, status;
    char               *out;
    size_t              outlen, len;
    u_char             *p;
    time_t              retry_after;
    ngx_int_t           nrc;
    ngx_buf_t          *b;
    ngx_str_t           value;
    ngx_chain_t         cl;
    ngx_table_elt_t    *h;
    llm_usage_t         u;
    llm_translation_t  *t;

    t = ctx->t;
    p = ctx->body ? ctx->body->pos : (u_char *) "";
    len = ctx->body ? (size_t) (ctx->body->last - ctx->body->pos) : 0;

    status = r->headers_out.status;
    retry_after = 0;

    /* relayed, not parsed: checked, and usage read for logs and key
     * accounting */
    ngx_memzero(&u, sizeof(llm_usage_t));

    if (!ctx->translate && !ctx->cut
        && llm_usage_relayed(ctx->upstream, (const char *) p, len, &u))
    {
        if (status == NGX_HTTP_TOO_MANY_REQUESTS
            && ctx->upstream == LLM_DIALECT_GEMINI
            && llm_translate_error(t, status, (const char *) p, len, 0,
                                   &out, &outlen, &rc) == 0)
        {
            /* only the body tells how long Gemini wants the key rested */
            ngx_http_llm_upstream_retry_hint(r, t->err.retry_after);
        }

        if (ctx->mode == NGX_HTTP_LLM_RESP_JSON) {
            ctx->prompt_tokens = u.has_input ? u.input_total : -1;
            ctx->completion_tokens = u.has_output ? u.output_total : -1;
            ngx_http_llm_upstream_account(r, ctx->prompt_tokens,
                                          ctx->completion_tokens);
        }

        /* same dialect, a well-formed answer: relayed byte for byte */
        return ngx_http_llm_send_relayed(r, ctx, p, len);
    }

    if (!ctx->translate && !ctx->cut
        && ctx->mode == NGX_HTTP_LLM_RESP_JSON)
    {
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      "llm: %s answer of %uz bytes is not a JSON object",
                      llm_dialect_name(ctx->upstream), len);

        llm_error_set(&t->err, LLM_ERR_BAD_GATEWAY,
                      "The upstream provider's answer is not valid JSON");
        out = llm_error_body(&t->arena, ctx->client, &t->err, &outlen);
        if (out == NULL) {
            return NGX_ERROR;
        }
        status = NGX_HTTP_BAD_GATEWAY;

    } else if (ctx->cut) {
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      "llm: %s answer cut short after %uz bytes",
                      llm_dialect_name(ctx->upstream), len);

        llm_error_set(&t->err, LLM_ERR_BAD_GATEWAY,
                      "The upstream provider's answer was cut short");
        out = llm_error_body(&t->arena, ctx->client, &t->err, &outlen);
        if (out == NULL) {
            return NGX_ERROR;
        }
        status = NGX_HTTP_BAD_GATEWAY;

    } else if (ctx->mode == NGX_HTTP_LLM_RESP_JSON) {
        t->opt.now = ngx_time();
        rc = llm_translate_response(t, (const char *) p, len, &out, &outlen);

        if (rc != 0) {
            ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                          "llm: %s response could not be translated: %s",
                          llm_dialect_name(ctx->upstream), t->err.message);

            if (t->err.kind == LLM_ERR_NONE) {
                llm_error_set(&t->err, LLM_ERR_BAD_GATEWAY,
                              "invalid upstream response");
            }

            /* the provider's own error inside a 200 keeps its kind */
            status = t->err.status ? t->err.status : NGX_HTTP_BAD_GATEWAY;
            out = llm_error_body(&t->arena, ctx->client, &t->err, &outlen);
            if (out == NULL) {
                return NGX_ERROR;
            }
            status = ngx_http_llm_client_status(ctx->client, status);

        } else {
            ctx->prompt_tokens = t->usage.has_input
                                 ? t->usage.input_total : -1;
            ctx->completion_tokens = t->usage.has_output
                                     ? t->usage.output_total : -1;
            ngx_http_llm_upstream_account(r, ctx->prompt_tokens,
                                          ctx->completion_tokens);
        }

    } else {
        retry_after = ngx_http_llm_retry_after(r);

        rc = llm_translate_error(t, status, (const char *) p, len,
                                 retry_after, &out, &outlen, &status);
        if (rc != 0) {
            return NGX_ERROR;
        }

        status = ngx_http_llm_client_status(ctx->client, status);

        if (t->err.kind == LLM_ERR_RATE_LIMIT && t->err.retry_after > 0) {
            ngx_http_llm_upstream_retry_hint(r, t->err.retry_after);
        }

        if (t->err.retry_after > retry_after) {
            /* a longer hint from the body (Gemini's retryDelay) */
            value.data = ngx_pnalloc(r->pool, NGX_TIME_T_LEN);
            if (value.data == NULL) {
                return NGX_ERROR;
            }
            value.len = ngx_sprintf(value.data, "%T",
                                    (time_t) t->err.retry_after)
                        - value.data;

            h = ngx_http_llm_find_header(&r->headers_out.headers,
                                         "retry-after");
            if (h) {
                h->value = value;

            } else if (ngx_http_llm_add_out_header(r, "Retry-After", &value)
                       != NGX_OK)
            {
                return NGX_ERROR;
            }
        }

        ngx_log_error(NGX_LOG_INFO, r->connection->log, 0,
                      "llm: %s upstream answered %ui, sent to the %s "
                      "client as %d", llm_dialect_name(ctx->upstream),
                      r->headers_out.status, llm_dialect_name(ctx->client),
                      status);
    }

    r->headers_out.status = status;
    ngx_http_llm_json_headers(r, outlen);

    if (ctx->warnings.len) {
        h = ngx_http_llm_find_header(&r->headers_out.headers,
                                     "x-llm-warning");
        if (h == NULL
            && ngx_http_llm_add_out_header(r, "X-LLM-Warning", &ctx->warnings)
               != NGX_OK)
        {
            return NGX_ERROR;
        }
    }

    nrc = ngx_http_next_header_filter(r);

    if (nrc == NGX_ERROR || nrc > NGX_OK || r->header_only) {
        return nrc;
    }

    b = ngx_calloc_buf(r->pool);
    if (b == NULL) {
        return NGX_ERROR;
    }

    /* the arena lives until the request's pool goes */
    b->pos = (u_char *) out;
    b->last = (u_char *) out + outlen;
    b->memory = 1;
    b->last_buf = 1;
    b->last_in_chain = 1;

    cl.buf = b;
    cl.next = NULL;

    return ngx_http_next_body_filter(r, &cl);
}


static ngx_int_t
ngx_http_llm_send_relayed(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    u_char *p, size_t len)
{
    ngx_int_t     rc;
    ngx_buf_t    *b;
    ngx_chain_t   cl;

    r->headers_out.content_length_n = len;
    if (r->headers_out.content_length) {
        r->headers_out.content_length->hash = 0;
        r->headers_out.content_length = NULL;
    }

    rc = ngx_http_next_header_filter(r);

    if (rc == NGX_ERROR || rc > NGX_OK || r->header_only) {
        return rc;
    }

    b = ngx_calloc_buf(r->pool);
    if (b == NULL) {
        return NGX_ERROR;
    }

    b->pos = p;
    b->last = p + len;
    b->memory = len ? 1 : 0;
    b->last_buf = 1;
    b->last_in_chain = 1;

    cl.buf = b;
    cl.next = NULL;

    return ngx_http_next_body_filter(r, &cl);
}


/* Retry-After of the provider's answer: seconds or an HTTP date. */
static time_t
ngx_http_llm_retry_after(ngx_http_request_t *r)
{
    time_t            t;
    ngx_table_elt_t  *h;

    h = ngx_http_llm_find_header(&r->headers_out.headers, "retry-after");
    if (h == NULL || h->value.len == 0) {
        return 0;
    }

    t = ngx_atotm(h->value.data, h->value.len);
    if (t != NGX_ERROR) {
        return t;
    }

    t = ngx_parse_http_time(h->value.data, h->value.len);
    if (t == NGX_ERROR) {
        return 0;
    }

    t -= ngx_time();
    return t > 0 ? t : 1;
}


static ngx_int_t
ngx_http_llm_add_out_header(ngx_http_request_t *r, const char *name,
    ngx_str_t *value)
{
    ngx_table_elt_t  *h;

    h = ngx_list_push(&r->headers_out.headers);
    if (h == NULL) {
        return NGX_ERROR;
    }

    h->hash = 1;
    h->key.data = (u_char *) name;
    h->key.len = ngx_strlen(name);
    h->value = *value;

    return NGX_OK;
}
