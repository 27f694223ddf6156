/*
 * SSE responses: every upstream buffer goes through the streaming core at
 * once, and every translated event is flushed to the client.  Memory per
 * stream is bounded: output buffers are recycled, and when the client
 * reads slower than the provider writes, upstream buffers are held (not
 * consumed) so that nginx stops reading from the provider.
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_llm_translate.h"
#include "llm_stream.h"


#define NGX_HTTP_LLM_STREAM_BUF   4096
/* translated bytes waiting for the client before we stop reading */
#define NGX_HTTP_LLM_STREAM_BUSY  (64 * 1024)


static int ngx_http_llm_stream_write(void *data, const char *p, size_t len);
static int ngx_http_llm_stream_array(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, const char *p, size_t len);
static int ngx_http_llm_stream_append(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, const char *p, size_t len);
static void ngx_http_llm_stream_cleanup(void *data);
static void ngx_http_llm_stream_done(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx);
static ngx_int_t ngx_http_llm_stream_pending(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, ngx_uint_t *last);
static ngx_int_t ngx_http_llm_stream_last(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx);



ngx_int_t
ngx_http_llm_stream_start(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_http_llm_loc_conf_t *lcf)
{
    ngx_table_elt_t     *h;
    llm_stream_t        *s;
    ngx_pool_cleanup_t  *cln;

    cln = ngx_pool_cleanup_add(r->pool, 0);
    if (cln == NULL) {
        return NGX_ERROR;
    }

    ctx->t->opt.now = ngx_time();

    if (ctx->translate) {
        s = llm_stream_create(ctx->upstream, ctx->client, &ctx->t->req,
                              &ctx->t->opt, lcf->stream_event_size);

    } else {
        /* same dialect: relayed, but checked event by event */
        s = llm_stream_create_relay(ctx->client, lcf->stream_event_size);
    }
    if (s == NULL) {
        return NGX_ERROR;
    }

    cln->handler = ngx_http_llm_stream_cleanup;
    cln->data = s;
    ctx->stream = s;

    /* unbuffered: one upstream buffer, nothing spooled to disk, and each
     * read handed to the filters at once */
    r->upstream->buffering = 0;

    ngx_http_clear_content_length(r);
    ngx_http_clear_accept_ranges(r);
    ngx_http_clear_etag(r);

    if (ctx->gemini_array) {
        ngx_str_set(&r->headers_out.content_type, "application/json");

    } else {
        ngx_str_set(&r->headers_out.content_type, "text/event-stream");
    }

    r->headers_out.content_type_len = r->headers_out.content_type.len;
    r->headers_out.content_type_lowcase = NULL;
    r->headers_out.charset.len = 0;

    if (ngx_http_llm_find_header(&r->headers_out.headers, "cache-control")
        == NULL)
    {
        h = ngx_list_push(&r->headers_out.headers);
        if (h == NULL) {
            return NGX_ERROR;
        }
        h->hash = 1;
        ngx_str_set(&h->key, "Cache-Control");
        ngx_str_set(&h->value, "no-cache");
    }

    if (ctx->warnings.len) {
        h = ngx_list_push(&r->headers_out.headers);
        if (h == NULL) {
            return NGX_ERROR;
        }
        h->hash = 1;
        ngx_str_set(&h->key, "X-LLM-Warning");
        h->value = ctx->warnings;
    }

    return NGX_OK;
}


static void
ngx_http_llm_stream_cleanup(void *data)
{
    llm_stream_destroy(data);
}


static size_t
ngx_http_llm_busy_size(ngx_chain_t *cl)
{
    size_t  size;

    for (size = 0; cl; cl = cl->next) {
        size += ngx_buf_size(cl->buf);
    }

    return size;
}


ngx_int_t
ngx_http_llm_stream_body(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_chain_t *in, ngx_http_output_body_filter_pt next)
{
    ngx_int_t     rc;
    ngx_uint_t    last;
    ngx_chain_t  *cl, *ln, **ll;

    /* queue the new input behind what is held back */
    for (ll = &ctx->pending; *ll; ll = &(*ll)->next) { /* void */ }

    for (cl = in; cl; cl = cl->next) {
        ln = ngx_alloc_chain_link(r->pool);
        if (ln == NULL) {
            return NGX_ERROR;
        }
        ln->buf = cl->buf;
        ln->next = NULL;
        *ll = ln;
        ll = &ln->next;
    }

    last = 0;

    for ( ;; ) {

        if (ctx->pending
            && ngx_http_llm_busy_size(ctx->busy) < NGX_HTTP_LLM_STREAM_BUSY)
        {
            if (ngx_http_llm_stream_pending(r, ctx, &last) != NGX_OK) {
                return NGX_ERROR;
            }
        }

        if (ctx->pending) {
            r->connection->buffered |= NGX_HTTP_LLM_BUFFERED;

        } else {
            r->connection->buffered &= ~NGX_HTTP_LLM_BUFFERED;
        }

        if (last) {
            if (ngx_http_llm_stream_last(r, ctx) != NGX_OK) {
                return NGX_ERROR;
            }
            last = 0;
        }

        if (ctx->out == NULL && ctx->busy == NULL && in != NULL) {
            /* a partial event only: nothing to send yet */
            return NGX_OK;
        }

        rc = next(r, ctx->out);

        ngx_chain_update_chains(r->pool, &ctx->free, &ctx->busy, &ctx->out,
                             (ngx_buf_tag_t) &ngx_http_llm_translate_module);
        ctx->last_out = &ctx->out;
        ctx->cur = NULL;

        /*
         * Input is held while the client lags.  If the write went through
         * and freed room, go on at once: no write event will come for a
         * socket that never blocked, and the upstream buffer is full of
         * held input, so no read event either.
         */
        if (rc == NGX_ERROR || ctx->pending == NULL
            || ngx_http_llm_busy_size(ctx->busy) >= NGX_HTTP_LLM_STREAM_BUSY)
        {
            return rc;
        }

        in = NULL;
    }
}


static ngx_int_t
ngx_http_llm_stream_pending(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_uint_t *last)
{
    size_t        size;
    ngx_buf_t    *b;
    ngx_chain_t  *cl;

    while (ctx->pending) {
        cl = ctx->pending;
        b = cl->buf;

        size = b->last - b->pos;

        if (size && ngx_buf_in_memory(b) && !ctx->done) {
            (void) llm_stream_feed(ctx->stream, (const char *) b->pos, size,
                                   ngx_http_llm_stream_write, r);
        }

        b->pos = b->last;

        /* the upstream failed after the header went out: the client
         * still gets an error event, never a clean end, and a properly
         * ended response */
        if (!ctx->done && ngx_http_llm_upstream_failed(r, b)) {
            (void) llm_stream_finish(ctx->stream, ngx_http_llm_stream_write,
                                     r);
            ngx_http_llm_stream_done(r, ctx);
            *last = 1;
        }

        if ((b->last_buf || b->last_in_chain) && !ctx->done) {
            (void) llm_stream_finish(ctx->stream, ngx_http_llm_stream_write,
                                     r);
            ngx_http_llm_stream_done(r, ctx);
        }

        if (b->last_buf) {
            *last = 1;
        }

        ctx->pending = cl->next;
        ngx_free_chain(r->pool, cl);

        if (ngx_http_llm_busy_size(ctx->busy) >= NGX_HTTP_LLM_STREAM_BUSY) {
            break;
        }
    }

    return NGX_OK;
}


/* The last buf of the response, with or without data before it. */
static ngx_int_t
ngx_http_llm_stream_last(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx)
{
    ngx_buf_t    *b;
    ngx_chain_t  *ln;

    if (ctx->cur) {
        ctx->cur->last_buf = 1;
        ctx->cur->last_in_chain = 1;
        return NGX_OK;
    }

    ln = ngx_alloc_chain_link(r->pool);
    if (ln == NULL) {
        return NGX_ERROR;
    }

    b = ngx_calloc_buf(r->pool);
    if (b == NULL) {
        return NGX_ERROR;
    }

    b->last_buf = 1;
    b->last_in_chain = 1;
    b->flush = 1;
    ln->buf = b;
    ln->next = NULL;
    *ctx->last_out = ln;
    ctx->last_out = &ln->next;

    return NGX_OK;
}


/* The streaming core calls this once per upstream event. */
static int
ngx_http_llm_stream_write(void *data, const char *p, size_t len)
{
    ngx_http_request_t *r = data;

    ngx_http_llm_ctx_t  *ctx;

    ctx = ngx_http_get_module_ctx(r, ngx_http_llm_translate_module);

    if (ctx->gemini_array) {
        return ngx_http_llm_stream_array(r, ctx, p, len);
    }

    return ngx_http_llm_stream_append(r, ctx, p, len);
}


/*
 * Gemini's streamGenerateContent without alt=sse answers one JSON array
 * whose elements arrive as they are produced.  The Gemini stream encoder
 * writes "data: <json>\n\n" events; each becomes an element.
 */
static int
ngx_http_llm_stream_array(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    const char *p, size_t len)
{
    const char  *end, *ev, *next;

    end = p + len;

    while (p < end) {
        next = (const char *) ngx_strnstr((u_char *) p, "\n\n", end - p);
        ev = next ? next : end;

        if (ev - p > 6 && ngx_strncmp(p, "data: ", 6) == 0) {
            if (ngx_http_llm_stream_append(r, ctx,
                                           ctx->array_open ? ",\r\n" : "[",
                                           ctx->array_open ? 3 : 1)
                != 0
                || ngx_http_llm_stream_append(r, ctx, p + 6, ev - p - 6)
                   != 0)
            {
                return -1;
            }
            ctx->array_open = 1;
        }

        p = next ? next + 2 : end;
    }

    return 0;
}


static int
ngx_http_llm_stream_append(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    const char *p, size_t len)
{

    size_t        n;
    ngx_buf_t    *b;
    ngx_chain_t  *cl;

    while (len) {
        b = ctx->cur;

        if (b == NULL || b->last == b->end) {
            cl = ngx_chain_get_free_buf(r->pool, &ctx->free);
            if (cl == NULL) {
                return -1;
            }

            b = cl->buf;

            if (b->start == NULL) {
                b->start = ngx_palloc(r->pool, NGX_HTTP_LLM_STREAM_BUF);
                if (b->start == NULL) {
                    return -1;
                }
                b->end = b->start + NGX_HTTP_LLM_STREAM_BUF;
            }

            b->pos = b->start;
            b->last = b->start;
            b->temporary = 1;
            b->flush = 0;
            b->last_buf = 0;
            b->last_in_chain = 0;
            b->tag = (ngx_buf_tag_t) &ngx_http_llm_translate_module;

            *ctx->last_out = cl;
            ctx->last_out = &cl->next;
            ctx->cur = b;
        }

        n = ngx_min(len, (size_t) (b->end - b->last));
        b->last = ngx_cpymem(b->last, p, n);
        p += n;
        len -= n;
    }

    /* every event reaches the client at once (postpone_output would
     * otherwise hold small events back) */
    if (ctx->cur) {
        ctx->cur->flush = 1;
    }

    return 0;
}


static void
ngx_http_llm_stream_done(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx)
{
    const llm_usage_t  *u;
    const llm_error_t  *err;

    ctx->done = 1;

    if (ctx->gemini_array) {
        (void) ngx_http_llm_stream_append(r, ctx,
                                          ctx->array_open ? "]" : "[]",
                                          ctx->array_open ? 1 : 2);
    }

    u = llm_stream_usage(ctx->stream);
    ctx->prompt_tokens = u->has_input ? u->input_total : -1;
    ctx->completion_tokens = u->has_output ? u->output_total : -1;

    ngx_http_llm_upstream_account(r, ctx->prompt_tokens,
                                  ctx->completion_tokens);

    err = llm_stream_error(ctx->stream);
    if (err) {
        ngx_log_error(NGX_LOG_INFO, r->connection->log, 0,
                      "llm: %s stream to a %s client ended in error: %s",
                      llm_dialect_name(ctx->upstream),
                      llm_dialect_name(ctx->client), err->message);
    }
}


/*
 * nginx's sign that the upstream failed after the response header went
 * out: it closes the provider's connection, then sends an empty flush
 * buffer before closing the client's.
 */
ngx_uint_t
ngx_http_llm_upstream_failed(ngx_http_request_t *r, ngx_buf_t *b)
{
    return b->flush && !b->last_buf && ngx_buf_size(b) == 0
           && r->upstream && r->upstream->peer.connection == NULL;
}
