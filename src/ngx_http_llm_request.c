/*
 * The request side: a PRECONTENT handler reads the client's body (the
 * mirror module's way), detects the dialect from the path, routes by
 * model, rewrites body, URI and headers for the provider, and lets the
 * proxy module send it.
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_llm_translate.h"
#include "llm_json_memo.h"


static void ngx_http_llm_body_handler(ngx_http_request_t *r);
static ngx_int_t ngx_http_llm_process_body(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, ngx_http_llm_loc_conf_t *lcf);
static ngx_int_t ngx_http_llm_process(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, ngx_http_llm_loc_conf_t *lcf);
static ngx_int_t ngx_http_llm_set_uri(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx);
static ngx_int_t ngx_http_llm_set_headers(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, ngx_http_llm_loc_conf_t *lcf);
static void ngx_http_llm_cleanup(void *data);
static ngx_int_t ngx_http_llm_reject(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, llm_translation_t *t);
static ngx_uint_t ngx_http_llm_model_printable(ngx_str_t *model);


#define NGX_HTTP_LLM_MODEL_MAX  256


/*
 * Translation objects (1 KB each) are kept per worker for the next
 * request rather than taken from the request's pool: there, with nginx's
 * own request and upstream objects, they made the 4 KB pool take one more
 * block per request (and each allocation after it walk further).  The
 * core is not thread-safe; nor is this: nginx's workers are one thread.
 */
#define NGX_HTTP_LLM_T_CACHE  64

static llm_translation_t  *ngx_http_llm_t_cache[NGX_HTTP_LLM_T_CACHE];
static ngx_uint_t          ngx_http_llm_t_cached;


/*
 * Removed before proxying, in one pass over the headers: what a client
 * may use to authenticate to the gateway or a provider (never forwarded),
 * Accept-Encoding (the response body must reach our filter as plain
 * text), and the headers that only make sense for the client's own
 * provider.
 */
static ngx_str_t  ngx_http_llm_strip_headers[] = {
    ngx_string("authorization"),
    ngx_string("x-api-key"),
    ngx_string("x-goog-api-key"),
    ngx_string("api-key"),
    ngx_string("accept-encoding"),
    ngx_string("anthropic-version"),
    ngx_string("anthropic-beta"),
    ngx_null_string
};

/* the same, for an Anthropic client of an Anthropic provider */
static ngx_str_t  ngx_http_llm_strip_headers_anthropic[] = {
    ngx_string("authorization"),
    ngx_string("x-api-key"),
    ngx_string("x-goog-api-key"),
    ngx_string("api-key"),
    ngx_string("accept-encoding"),
    ngx_null_string
};


ngx_int_t
ngx_http_llm_precontent_handler(ngx_http_request_t *r)
{
    ngx_int_t                 rc;
    llm_error_t               err;
    ngx_http_llm_ctx_t       *ctx;
    ngx_http_llm_loc_conf_t  *lcf;

    lcf = ngx_http_get_module_loc_conf(r, ngx_http_llm_translate_module);

    if (!lcf->enable || r != r->main) {
        return NGX_DECLINED;
    }

    ctx = ngx_http_get_module_ctx(r, ngx_http_llm_translate_module);

    if (ctx) {
        /* second pass, after the body was read and translated */
        return ctx->rc;
    }

    ctx = ngx_pcalloc(r->pool, sizeof(ngx_http_llm_ctx_t));
    if (ctx == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    ctx->prompt_tokens = -1;
    ctx->completion_tokens = -1;
    ctx->last_out = &ctx->out;

    ngx_http_set_ctx(r, ctx, ngx_http_llm_translate_module);

    llm_error_clear(&err);

    if (llm_path_parse((const char *) r->uri.data, r->uri.len, &ctx->path)
        == 0)
    {
        ctx->client = ngx_http_llm_endpoint_dialect(r, &ctx->path);

    } else {
        ngx_memzero(&ctx->path, sizeof(llm_path_t));
        ctx->client = ngx_http_llm_guess_dialect(r);
    }

    /* llm_client_key(s): before the body is read or parsed */
    rc = ngx_http_llm_auth(r, ctx, lcf);
    if (rc != NGX_OK) {
        /* NGX_DONE: answered, and r may be gone (auth masked the key
         * itself); anything else nginx answers after we return */
        if (rc != NGX_DONE) {
            ngx_http_llm_mask_query_key(r);
        }
        return rc;
    }

    ngx_http_llm_mask_query_key(r);

    if (ctx->path.endpoint == LLM_EP_NONE) {
        llm_error_set(&err, LLM_ERR_NOT_FOUND,
                      "Unknown API path: this gateway serves "
                      "/v1/chat/completions, /v1/messages and "
                      "/v1beta/models/{model}:generateContent");
        return ngx_http_llm_send_error(r, ctx->client, &err);
    }

    if (ctx->path.endpoint != LLM_EP_CHAT) {
        /* model lists and token counting: ngx_http_llm_endpoints.c */
        return ngx_http_llm_endpoint(r, ctx, lcf);
    }

    if (r->method != NGX_HTTP_POST) {
        llm_error_set(&err, LLM_ERR_INVALID_REQUEST,
                      "Method not allowed: use POST");
        err.status = NGX_HTTP_NOT_ALLOWED;
        return ngx_http_llm_send_error(r, ctx->client, &err);
    }

    return ngx_http_llm_read_then(r, ctx, lcf, ngx_http_llm_process);
}


/*
 * Reads the client's body the mirror module's way and calls process with
 * it; NGX_DECLINED from process resumes the phases (on to proxy_pass),
 * NGX_DONE means it answered.  A body that was all in is processed within
 * the read, and the phases go on from this handler's return.  The
 * translation object lives until the request's pool goes.
 */
ngx_int_t
ngx_http_llm_read_then(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_http_llm_loc_conf_t *lcf, ngx_http_llm_process_pt process)
{
    ngx_int_t            rc;
    ngx_pool_cleanup_t  *cln;

    cln = ngx_pool_cleanup_add(r->pool, 0);
    if (cln == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    /* llm_translation_init() zeroes it; the cleanup gives it back */
    ctx->t = ngx_http_llm_t_cached
             ? ngx_http_llm_t_cache[--ngx_http_llm_t_cached]
             : ngx_alloc(sizeof(llm_translation_t), r->connection->log);
    if (ctx->t == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    llm_translation_init(ctx->t, ctx->client, LLM_DIALECT_NONE);
    ctx->t->opt.default_max_tokens = lcf->default_max_tokens;

    cln->handler = ngx_http_llm_cleanup;
    cln->data = ctx;

    ctx->rc = NGX_DONE;
    ctx->process = process;

    ctx->reading = 1;
    rc = ngx_http_read_client_request_body(r, ngx_http_llm_body_handler);
    ctx->reading = 0;

    if (rc >= NGX_HTTP_SPECIAL_RESPONSE) {
        return rc;
    }

    if (ctx->read_now) {
        /*
         * The body was all there and processed within the call, not
         * answered: the phases go on from here, without a second pass.
         * The read's reference goes as ngx_http_finalize_request(r,
         * NGX_DONE) would drop it (more than one are held).
         */
        r->main->count--;
        return ctx->rc;
    }

    ngx_http_finalize_request(r, NGX_DONE);
    return NGX_DONE;
}


static void
ngx_http_llm_cleanup(void *data)
{
    ngx_http_llm_ctx_t  *ctx = data;

    if (ctx->t) {
        llm_translation_free(ctx->t);

        if (ngx_http_llm_t_cached < NGX_HTTP_LLM_T_CACHE) {
            ngx_http_llm_t_cache[ngx_http_llm_t_cached++] = ctx->t;

        } else {
            ngx_free(ctx->t);
        }

        ctx->t = NULL;
    }
}


static void
ngx_http_llm_body_handler(ngx_http_request_t *r)
{
    ngx_int_t                 rc;
    ngx_http_llm_ctx_t       *ctx;
    ngx_http_llm_loc_conf_t  *lcf;

    ctx = ngx_http_get_module_ctx(r, ngx_http_llm_translate_module);
    lcf = ngx_http_get_module_loc_conf(r, ngx_http_llm_translate_module);

    rc = ctx->process(r, ctx, lcf);

    if (rc == NGX_DONE) {
        /* answered already (an error in the client's dialect) */
        ctx->rc = NGX_DONE;
        return;
    }

    ctx->rc = rc;

    r->preserve_body = 1;

    if (ctx->reading) {
        ctx->read_now = 1;                  /* read_then goes on */
        return;
    }

    r->write_event_handler = ngx_http_core_run_phases;
    ngx_http_core_run_phases(r);
}


/* The body checked and translated ($llm_check_cache_hits: what of it the
 * worker's memo of checked values knew, llm_json_memo.h) */
static ngx_int_t
ngx_http_llm_process(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_http_llm_loc_conf_t *lcf)
{
    uint64_t   found;
    ngx_int_t  rc;

    found = llm_json_memo_found();
    rc = ngx_http_llm_process_body(r, ctx, lcf);
    ctx->check_cache_hits = (ngx_uint_t) (llm_json_memo_found() - found);

    return rc;
}


/*
 * Returns NGX_DECLINED to continue to proxy_pass, NGX_DONE when an answer
 * was sent, or an HTTP status for nginx to answer.
 */
static ngx_int_t
ngx_http_llm_process_body(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_http_llm_loc_conf_t *lcf)
{
    char                *out;
    size_t               outlen, i, n;
    ngx_int_t            rc;
    ngx_str_t            body, model;
    llm_error_t          err;
    llm_translation_t   *t;

    t = ctx->t;
    llm_error_clear(&err);

    rc = ngx_http_llm_read_body(r, &body);
    if (rc != NGX_OK) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    /* llm_passthrough_strict off: only what routing needs is read now;
     * on, where no route translates for this client, the body is checked
     * from its bytes; either way it is parsed below if it is to be
     * translated after all */
    if (!lcf->passthrough_strict) {
        rc = llm_scan_request(t, (const char *) body.data, body.len,
                              &ctx->path.model);

    } else if (lcf->relay_only == ctx->client) {
        rc = llm_check_request(t, (const char *) body.data, body.len,
                               &ctx->path.model);

    } else {
        rc = llm_parse_request(t, (const char *) body.data, body.len,
                               &ctx->path.model);
    }

    if (rc != 0) {
        return ngx_http_llm_reject(r, ctx, t);
    }

    /* a copy: the parsed body may change below (model rewrite) */
    model.len = t->req.model.len;
    model.data = ngx_pnalloc(r->pool, model.len + 1);
    if (model.data == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }
    ngx_memcpy(model.data, t->req.model.data, model.len);

    if (!ngx_http_llm_model_printable(&model)) {
        /* $llm_model and $llm_upstream_model may go into headers and
         * logs: no control bytes, no unbounded length */
        llm_error_set(&err, LLM_ERR_INVALID_REQUEST,
                      "invalid model name: at most %d printable characters",
                      NGX_HTTP_LLM_MODEL_MAX);
        ngx_cpystrn((u_char *) err.param, (u_char *) "model",
                    sizeof(err.param));
        ngx_http_llm_send_error(r, ctx->client, &err);
        return NGX_DONE;
    }

    if (model.len == 0) {
        llm_error_set(&err, LLM_ERR_INVALID_REQUEST,
                      "you must provide a model parameter");
        ngx_cpystrn((u_char *) err.param, (u_char *) "model",
                    sizeof(err.param));
        ngx_http_llm_send_error(r, ctx->client, &err);
        return NGX_DONE;
    }

    ctx->model = model;
    ctx->stream_req = t->req.stream || ctx->path.stream;

    if (ctx->path.stream) {
        ngx_str_t  alt;

        /* without alt=sse, Gemini streams one JSON array */
        ctx->gemini_array = (ngx_http_arg(r, (u_char *) "alt", 3, &alt)
                             != NGX_OK
                             || alt.len != 3
                             || ngx_strncmp(alt.data, "sse", 3) != 0);
    }
    t->req.stream = ctx->stream_req;

    rc = ngx_http_llm_route_find(r, lcf, &model, &ctx->upstream_name,
                                 &ctx->upstream_model, &ctx->ucf);
    if (rc == NGX_ERROR) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    if (rc == NGX_DECLINED) {
        llm_error_set(&err, LLM_ERR_NOT_FOUND,
                      "The model '%.*s' does not exist or you do not "
                      "have access to it.",
                      (int) ngx_min(model.len, 128), model.data);
        ngx_cpystrn((u_char *) err.param, (u_char *) "model",
                    sizeof(err.param));
        ngx_http_llm_send_error(r, ctx->client, &err);
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
    t->upstream = ctx->upstream;
    t->opt.profile = ctx->ucf->profile;

    /* the name goes into Gemini's URL path; elsewhere only an empty one
     * is refused (the scan of the name last: it is the costly test) */
    if ((ctx->upstream == LLM_DIALECT_GEMINI
         || ctx->upstream_model.len == 0)
        && !llm_model_name_valid((const char *) ctx->upstream_model.data,
                                 ctx->upstream_model.len))
    {
        llm_error_set(&err, LLM_ERR_INVALID_REQUEST,
                      "invalid model name");
        ngx_cpystrn((u_char *) err.param, (u_char *) "model",
                    sizeof(err.param));
        ngx_http_llm_send_error(r, ctx->client, &err);
        return NGX_DONE;
    }

    if (ctx->upstream_model.len != model.len
        || ngx_strncmp(ctx->upstream_model.data, model.data, model.len) != 0)
    {
        llm_str_set(&t->opt.upstream_model,
                    (const char *) ctx->upstream_model.data,
                    ctx->upstream_model.len);
    }

    /* a profiled (self-hosted) upstream needs the codecs even for
     * clients of its own dialect */
    ctx->translate = (ctx->client != ctx->upstream)
                     || t->opt.profile.enabled;

    if (ctx->translate && !t->parsed) {
        /* scanned only (llm_passthrough_strict off): translated after all */
        if (llm_parse_request(t, (const char *) body.data, body.len,
                              &ctx->path.model)
            != 0)
        {
            return ngx_http_llm_reject(r, ctx, t);
        }

        t->req.stream = ctx->stream_req;        /* the path's too, above */
    }

    if (ctx->translate) {
        t->opt.now = ngx_time();

        if (llm_emit_request(t, &out, &outlen) != 0) {
            ngx_log_error(NGX_LOG_INFO, r->connection->log, 0,
                          "llm: cannot express %s request for %s: %s",
                          llm_dialect_name(ctx->client),
                          llm_dialect_name(ctx->upstream), t->err.message);
            ngx_http_llm_send_error(r, ctx->client, &t->err);
            return NGX_DONE;
        }

        if (ngx_http_llm_set_body(r, (u_char *) out, outlen) != NGX_OK) {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }

        if (t->warn.n) {
            n = 0;
            for (i = 0; i < t->warn.n; i++) {
                n += ngx_strlen(t->warn.items[i]) + 2;
            }

            ctx->warnings.data = ngx_pnalloc(r->pool, n);
            if (ctx->warnings.data == NULL) {
                return NGX_HTTP_INTERNAL_SERVER_ERROR;
            }

            out = (char *) ctx->warnings.data;
            for (i = 0; i < t->warn.n; i++) {
                out = (char *) ngx_sprintf((u_char *) out, "%s%s",
                                           i ? ", " : "", t->warn.items[i]);
            }
            ctx->warnings.len = (u_char *) out - ctx->warnings.data;

            ngx_log_error(NGX_LOG_INFO, r->connection->log, 0,
                          "llm: %s to %s translation was lossy: %V",
                          llm_dialect_name(ctx->client),
                          llm_dialect_name(ctx->upstream), &ctx->warnings);
        }

    } else if (t->opt.upstream_model.len) {
        /* same dialect, renamed model: only the model field changes */
        t->req.model = t->opt.upstream_model;

        if (ctx->upstream != LLM_DIALECT_GEMINI) {
            if (llm_rewrite_model(t, (const char *) body.data, body.len,
                                  &out, &outlen)
                != 0)
            {
                return NGX_HTTP_INTERNAL_SERVER_ERROR;
            }

            if (ngx_http_llm_set_body(r, (u_char *) out, outlen) != NGX_OK) {
                return NGX_HTTP_INTERNAL_SERVER_ERROR;
            }
        }
    }

    if (ngx_http_llm_set_uri(r, ctx) != NGX_OK) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    if (ngx_http_llm_set_headers(r, ctx, lcf) != NGX_OK) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    return ngx_http_llm_prepare_upstream(r, ctx);
}


/* The whole client body as one string, from memory or the temp file. */
ngx_int_t
ngx_http_llm_read_body(ngx_http_request_t *r, ngx_str_t *body)
{
    off_t         len;
    u_char       *p;
    ssize_t       n;
    ngx_buf_t    *b;
    ngx_chain_t  *cl;

    body->len = 0;
    body->data = (u_char *) "";

    if (r->request_body == NULL || r->request_body->bufs == NULL) {
        return NGX_OK;
    }

    cl = r->request_body->bufs;

    if (cl->next == NULL && !cl->buf->in_file) {
        body->data = cl->buf->pos;
        body->len = cl->buf->last - cl->buf->pos;
        return NGX_OK;
    }

    len = 0;
    for (cl = r->request_body->bufs; cl; cl = cl->next) {
        len += ngx_buf_size(cl->buf);
    }

    p = ngx_pnalloc(r->pool, len + 1);
    if (p == NULL) {
        return NGX_ERROR;
    }

    body->data = p;

    for (cl = r->request_body->bufs; cl; cl = cl->next) {
        b = cl->buf;

        if (b->in_file) {
            n = ngx_read_file(b->file, p, b->file_last - b->file_pos,
                              b->file_pos);
            if (n != b->file_last - b->file_pos) {
                ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                              "llm: could not read the request body from "
                              "its temporary file");
                return NGX_ERROR;
            }
            p += n;

        } else {
            p = ngx_cpymem(p, b->pos, b->last - b->pos);
        }
    }

    body->len = p - body->data;

    return NGX_OK;
}


ngx_int_t
ngx_http_llm_set_body(ngx_http_request_t *r, u_char *data, size_t len)
{
    u_char       *p;
    ngx_buf_t    *b;
    ngx_chain_t  *cl;

    /*
     * Not copied: data is in the translation's arena, which the request
     * pool's cleanup frees (ngx_http_llm_cleanup), after every use of the
     * body: upstream retries, subrequests, the log ($request_body).
     */
    p = data;

    b = ngx_calloc_buf(r->pool);
    if (b == NULL) {
        return NGX_ERROR;
    }

    b->pos = p;
    b->last = p + len;
    b->start = p;
    b->end = p + len;
    b->temporary = 1;
    b->last_buf = 1;
    b->last_in_chain = 1;

    cl = ngx_alloc_chain_link(r->pool);
    if (cl == NULL) {
        return NGX_ERROR;
    }

    cl->buf = b;
    cl->next = NULL;

    r->request_body->bufs = cl;
    r->request_body->buf = b;
    r->request_body->temp_file = NULL;

    r->headers_in.content_length_n = len;

    if (r->headers_in.content_length) {
        p = ngx_pnalloc(r->pool, NGX_OFF_T_LEN);
        if (p == NULL) {
            return NGX_ERROR;
        }
        r->headers_in.content_length->value.data = p;
        r->headers_in.content_length->value.len =
                                         ngx_sprintf(p, "%uz", len) - p;
    }

    return NGX_OK;
}


/*
 * The proxy module, with "proxy_pass http://upstream;" (no URI part),
 * sends r->uri and r->args when the unparsed URI is marked invalid.
 * The client's query string is dropped: it may carry a key (?key=).
 */
/* A client request the core refused: the error in the client's shape. */
static ngx_int_t
ngx_http_llm_reject(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    llm_translation_t *t)
{
    ngx_log_error(NGX_LOG_INFO, r->connection->log, 0,
                  "llm: rejected %s request: %s",
                  llm_dialect_name(ctx->client), t->err.message);
    ngx_http_llm_send_error(r, ctx->client, &t->err);
    return NGX_DONE;
}


static ngx_int_t
ngx_http_llm_set_uri(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx)
{
    u_char     *p, *q;
    size_t      len;
    llm_str_t   model;
    u_char      buf[512];

    model.data = (const char *) ctx->upstream_model.data;
    model.len = ctx->upstream_model.len;

    len = llm_upstream_path(ctx->upstream, &model, ctx->stream_req,
                            (char *) buf, sizeof(buf));
    if (len == 0) {
        return NGX_ERROR;
    }

    p = ngx_pnalloc(r->pool, len);
    if (p == NULL) {
        return NGX_ERROR;
    }
    ngx_memcpy(p, buf, len);

    q = ngx_strlchr(p, p + len, '?');

    if (q && ctx->gemini_array && ctx->upstream == LLM_DIALECT_GEMINI
        && !ctx->translate)
    {
        /* passed through untouched: ask for the form the client wants */
        len = q - p;
        q = NULL;
    }

    r->uri.data = p;
    r->uri.len = q ? (size_t) (q - p) : len;

    if (q) {
        r->args.data = q + 1;
        r->args.len = p + len - q - 1;

    } else {
        ngx_str_null(&r->args);
    }

    r->valid_unparsed_uri = 0;

    return NGX_OK;
}


static ngx_int_t
ngx_http_llm_set_headers(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_http_llm_loc_conf_t *lcf)
{
    ngx_str_t         *names;
    static ngx_str_t   json = ngx_string("application/json");

    names = (ctx->upstream == LLM_DIALECT_ANTHROPIC
             && ctx->client == LLM_DIALECT_ANTHROPIC)
            ? ngx_http_llm_strip_headers_anthropic
            : ngx_http_llm_strip_headers;

    if (ngx_http_llm_remove_headers(r, names) == NGX_ERROR) {
        return NGX_ERROR;
    }

#if (NGX_HTTP_GZIP || NGX_HTTP_HEADERS)
    r->headers_in.accept_encoding = NULL;
#endif

    if (ctx->upstream == LLM_DIALECT_ANTHROPIC
        && ngx_http_llm_set_anthropic_version(r, &lcf->anthropic_version)
           != NGX_OK)
    {
        return NGX_ERROR;
    }

    if (ctx->translate
        && ngx_http_llm_set_header(r, "Content-Type", &json) != NGX_OK)
    {
        return NGX_ERROR;
    }

    return NGX_OK;
}


static ngx_uint_t
ngx_http_llm_model_printable(ngx_str_t *model)
{
    size_t  i;

    if (model->len > NGX_HTTP_LLM_MODEL_MAX) {
        return 0;
    }

    for (i = 0; i < model->len; i++) {
        if (model->data[i] < 0x20 || model->data[i] == 0x7f) {
            return 0;
        }
    }

    return 1;
}


/*
 * The key pool of the chosen upstream: NGX_DECLINED to go on to
 * proxy_pass; when every key cools, the answer (429 or the configured
 * 503, with Retry-After) in the client's dialect, as a balancer could only
 * say 502.
 */
ngx_int_t
ngx_http_llm_prepare_upstream(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx)
{
    time_t       retry_after;
    ngx_int_t    rc;
    ngx_uint_t   status;
    llm_error_t  err;

    retry_after = 0;
    status = NGX_HTTP_TOO_MANY_REQUESTS;

    /* both callers have removed the client's credentials already */
    rc = ngx_http_llm_upstream_prepare(r, ctx->ucf, 1, &retry_after,
                                       &status);

    if (rc == NGX_BUSY) {
        ngx_memzero(&err, sizeof(llm_error_t));
        llm_error_set(&err, status == NGX_HTTP_SERVICE_UNAVAILABLE
                            ? LLM_ERR_OVERLOADED : LLM_ERR_RATE_LIMIT,
                      "All API keys of this provider are rate limited or "
                      "disabled; retry after %d seconds", (int) retry_after);
        err.status = status;
        err.retry_after = retry_after;
        ngx_http_llm_send_error(r, ctx->client, &err);
        return NGX_DONE;
    }

    if (rc != NGX_OK) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    return NGX_DECLINED;
}
