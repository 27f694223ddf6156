/*
 * Errors the gateway answers itself, always in the client's dialect:
 * right status, right JSON shape, Retry-After when there is one.
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_llm_translate.h"


/*
 * For a path that names no dialect, pick the shape the client most likely
 * parses, from the headers its SDK sends.
 */
llm_dialect_e
ngx_http_llm_guess_dialect(ngx_http_request_t *r)
{
    llm_path_t  path;

    if (llm_path_parse((const char *) r->uri.data, r->uri.len, &path) == 0) {
        return path.dialect;
    }

    if (ngx_http_llm_find_header(&r->headers_in.headers, "anthropic-version")
        || ngx_http_llm_find_header(&r->headers_in.headers, "x-api-key"))
    {
        return LLM_DIALECT_ANTHROPIC;
    }

    if (ngx_http_llm_find_header(&r->headers_in.headers, "x-goog-api-key")
        || (r->uri.len >= 7 && ngx_strncmp(r->uri.data, "/v1beta", 7) == 0))
    {
        return LLM_DIALECT_GEMINI;
    }

    return LLM_DIALECT_OPENAI;
}


int
ngx_http_llm_client_status(llm_dialect_e client, int status)
{
    return llm_client_status(client, status);
}


ngx_int_t
ngx_http_llm_error_body(ngx_http_request_t *r, llm_dialect_e dialect,
    llm_error_t *err, ngx_str_t *body)
{
    char         *p;
    size_t        len;
    llm_arena_t   arena;

    llm_arena_init(&arena, 2048);

    p = llm_error_body(&arena, dialect, err, &len);
    if (p == NULL) {
        llm_arena_free(&arena);
        return NGX_ERROR;
    }

    body->data = ngx_pnalloc(r->pool, len);
    if (body->data == NULL) {
        llm_arena_free(&arena);
        return NGX_ERROR;
    }

    ngx_memcpy(body->data, p, len);
    body->len = len;

    llm_arena_free(&arena);

    return NGX_OK;
}


typedef struct {
    llm_error_t    err;
    llm_dialect_e  dialect;
} ngx_http_llm_early_err_t;


static void
ngx_http_llm_early_error_handler(ngx_http_request_t *r)
{
    ngx_http_llm_ctx_t        *ctx;
    ngx_http_llm_early_err_t  *e;

    ctx = ngx_http_get_module_ctx(r, ngx_http_llm_translate_module);
    e = ctx->early_err;

    (void) ngx_http_llm_send_error(r, e->dialect, &e->err);
}


/*
 * Sends the error and finalizes the request; returns NGX_DONE, which a
 * phase handler returns as is.
 */
ngx_int_t
ngx_http_llm_send_error(ngx_http_request_t *r, llm_dialect_e dialect,
    llm_error_t *err)
{
    ngx_int_t            rc;
    ngx_buf_t           *b;
    ngx_str_t            body;
    ngx_chain_t          out;
    ngx_table_elt_t     *h;
    ngx_http_llm_ctx_t  *ctx;

    if (err->status == 0) {
        err->status = llm_err_kind_status(err->kind);
    }

    ctx = ngx_http_get_module_ctx(r, ngx_http_llm_translate_module);
    if (ctx) {
        ctx->own_response = 1;
    }

#if (NGX_HTTP_V2)
    /*
     * An HTTP/2 answer sent while the client still sends its body ends
     * with RST_STREAM, which some clients (curl) report as a failure
     * instead of the answer: read the body (within client_max_body_size)
     * first, then answer.
     */
    if (r->stream && r->request_body == NULL && ctx && ctx->early_err == NULL
        && (r->headers_in.content_length_n > 0 || r->headers_in.chunked))
    {
        ngx_int_t                  rc;
        ngx_http_llm_early_err_t  *e;

        e = ngx_palloc(r->pool, sizeof(ngx_http_llm_early_err_t));
        if (e == NULL) {
            ngx_http_finalize_request(r, NGX_HTTP_INTERNAL_SERVER_ERROR);
            return NGX_DONE;
        }

        e->err = *err;
        e->dialect = dialect;
        ctx->early_err = e;

        rc = ngx_http_read_client_request_body(r,
                                             ngx_http_llm_early_error_handler);
        if (rc >= NGX_HTTP_SPECIAL_RESPONSE) {
            ngx_http_finalize_request(r, rc);
            return NGX_DONE;
        }

        ngx_http_finalize_request(r, NGX_DONE);
        return NGX_DONE;
    }
#endif

    if (r->request_body == NULL
        && ngx_http_discard_request_body(r) != NGX_OK)
    {
        r->keepalive = 0;
    }

    if (ngx_http_llm_error_body(r, dialect, err, &body) != NGX_OK) {
        ngx_http_finalize_request(r, NGX_HTTP_INTERNAL_SERVER_ERROR);
        return NGX_DONE;
    }

    r->headers_out.status = ngx_http_llm_client_status(dialect, err->status);
    r->headers_out.content_length_n = body.len;
    ngx_str_set(&r->headers_out.content_type, "application/json");
    r->headers_out.content_type_len = r->headers_out.content_type.len;
    r->headers_out.content_type_lowcase = NULL;

    if (err->retry_after > 0) {
        h = ngx_list_push(&r->headers_out.headers);
        if (h == NULL) {
            ngx_http_finalize_request(r, NGX_HTTP_INTERNAL_SERVER_ERROR);
            return NGX_DONE;
        }

        h->hash = 1;
        ngx_str_set(&h->key, "Retry-After");
        h->value.data = ngx_pnalloc(r->pool, NGX_TIME_T_LEN);
        if (h->value.data == NULL) {
            ngx_http_finalize_request(r, NGX_HTTP_INTERNAL_SERVER_ERROR);
            return NGX_DONE;
        }
        h->value.len = ngx_sprintf(h->value.data, "%T",
                                   (time_t) err->retry_after)
                       - h->value.data;
    }

    rc = ngx_http_send_header(r);

    if (rc == NGX_ERROR || rc > NGX_OK || r->header_only) {
        ngx_http_finalize_request(r, rc);
        return NGX_DONE;
    }

    b = ngx_calloc_buf(r->pool);
    if (b == NULL) {
        ngx_http_finalize_request(r, NGX_HTTP_INTERNAL_SERVER_ERROR);
        return NGX_DONE;
    }

    b->pos = body.data;
    b->last = body.data + body.len;
    b->memory = 1;
    b->last_buf = (r == r->main) ? 1 : 0;
    b->last_in_chain = 1;

    out.buf = b;
    out.next = NULL;

    ngx_http_finalize_request(r, ngx_http_output_filter(r, &out));
    return NGX_DONE;
}
