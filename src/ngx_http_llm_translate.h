/*
 * Declarations shared by the translator's nginx glue: the location
 * configuration, the per-request context, and the functions each glue
 * file offers the others.
 */

#ifndef NGX_HTTP_LLM_TRANSLATE_H
#define NGX_HTTP_LLM_TRANSLATE_H

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "llm_translate.h"
#include "ngx_http_llm_upstream.h"


#define NGX_HTTP_LLM_BUFFERED  0x40


extern ngx_module_t  ngx_http_llm_translate_module;


typedef enum {
    NGX_HTTP_LLM_ROUTE_EXACT = 0,
    NGX_HTTP_LLM_ROUTE_PREFIX,
    NGX_HTTP_LLM_ROUTE_REGEX,
    NGX_HTTP_LLM_ROUTE_DEFAULT
} ngx_http_llm_route_type_e;


typedef struct {
    ngx_http_llm_route_type_e   type;
    ngx_str_t                   pattern;     /* exact name or prefix */
#if (NGX_PCRE)
    ngx_http_regex_t           *regex;
#endif
    ngx_str_t                   upstream;    /* upstream{} name */
    ngx_http_llm_upstream_srv_conf_t  *ucf;  /* its llm_provider, or NULL
                                                (found when merged) */
    ngx_http_complex_value_t   *model;       /* upstream model rewrite */
} ngx_http_llm_route_t;


typedef struct {
    u_char                      hash[32];    /* SHA-256 of the key */
    ngx_str_t                   id;          /* $llm_client_key_id */
} ngx_http_llm_client_key_t;


typedef struct {
    ngx_str_t                   name;
    ngx_str_t                   display_name;
} ngx_http_llm_model_t;


typedef struct {
    size_t                      check_cache_size;  /* llm_json_memo.h */
} ngx_http_llm_main_conf_t;


typedef struct {
    ngx_flag_t                  enable;
    ngx_array_t                *routes;      /* ngx_http_llm_route_t */
    ngx_array_t                *client_keys; /* ngx_http_llm_client_key_t */
    ngx_array_t                *models;      /* ngx_http_llm_model_t */
    time_t                      created;     /* configuration load time */
    size_t                      response_buffer_size;
    size_t                      stream_event_size;
    ngx_int_t                   default_max_tokens;
    ngx_str_t                   anthropic_version;
    ngx_flag_t                  passthrough_strict;
    llm_dialect_e               relay_only;  /* every route leads to an
                                                unprofiled upstream of
                                                this dialect, or NONE */
} ngx_http_llm_loc_conf_t;


typedef enum {
    NGX_HTTP_LLM_RESP_NONE = 0,   /* pass through untouched */
    NGX_HTTP_LLM_RESP_JSON,       /* buffer, translate a 2xx body */
    NGX_HTTP_LLM_RESP_ERROR,      /* buffer, translate an error body */
    NGX_HTTP_LLM_RESP_STREAM,     /* translate SSE event by event */
    NGX_HTTP_LLM_RESP_LOCAL       /* replace nginx's own error page */
} ngx_http_llm_resp_mode_e;


typedef struct ngx_http_llm_ctx_s  ngx_http_llm_ctx_t;

typedef ngx_int_t (*ngx_http_llm_process_pt)(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, ngx_http_llm_loc_conf_t *lcf);


struct ngx_http_llm_ctx_s {
    ngx_int_t                   rc;          /* PRECONTENT result */
    ngx_http_llm_process_pt     process;     /* runs once the body is in */

    llm_translation_t          *t;
    llm_path_t                  path;
    llm_dialect_e               client;
    llm_dialect_e               upstream;

    ngx_str_t                   model;       /* the client's model */
    ngx_str_t                   upstream_model;
    ngx_str_t                   upstream_name;
    ngx_http_llm_upstream_srv_conf_t  *ucf;
    ngx_str_t                   client_key_id;

    /* response side */
    ngx_http_llm_resp_mode_e    mode;
    ngx_buf_t                  *body;        /* buffered response body */
    void                       *stream;      /* llm_stream_t */
    ngx_chain_t                *pending;     /* upstream bufs held back */
    ngx_buf_t                  *cur;         /* output buf being filled */
    ngx_chain_t                *out;
    ngx_chain_t               **last_out;
    ngx_chain_t                *free;
    ngx_chain_t                *busy;
    ngx_str_t                   local_body;  /* LOCAL mode answer */
    void                       *early_err;   /* sent once the body is in */

    ngx_str_t                   warnings;    /* for the header and log */
    int64_t                     prompt_tokens;     /* -1 unknown */
    int64_t                     completion_tokens; /* -1 unknown */
    ngx_uint_t                  check_cache_hits;  /* values the memo
                                                      knew */

    unsigned                    translate:1; /* dialects differ */
    unsigned                    stream_req:1;
    unsigned                    gemini_array:1; /* stream as a JSON array */
    unsigned                    array_open:1;
    unsigned                    own_response:1; /* we answered ourselves */
    unsigned                    local_sent:1;
    unsigned                    done:1;
    unsigned                    cut:1;       /* the upstream failed */
    unsigned                    reading:1;   /* in read_client_request_body */
    unsigned                    read_now:1;  /* the body was in: processed
                                                within that call */
};


/* ngx_http_llm_request.c */
ngx_int_t ngx_http_llm_precontent_handler(ngx_http_request_t *r);
ngx_int_t ngx_http_llm_prepare_upstream(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx);
ngx_int_t ngx_http_llm_read_then(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, ngx_http_llm_loc_conf_t *lcf,
    ngx_http_llm_process_pt process);
ngx_int_t ngx_http_llm_read_body(ngx_http_request_t *r, ngx_str_t *body);
/* the body sent upstream: data, not copied, must live as long as the
 * request (the translation's arena does) */
ngx_int_t ngx_http_llm_set_body(ngx_http_request_t *r, u_char *data,
    size_t len);

/* ngx_http_llm_auth.c */
char *ngx_http_llm_client_key(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
char *ngx_http_llm_client_keys(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
ngx_int_t ngx_http_llm_auth(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_http_llm_loc_conf_t *lcf);
ngx_int_t ngx_http_llm_auth_lookup(ngx_http_request_t *r,
    ngx_http_llm_loc_conf_t *lcf, llm_dialect_e dialect, ngx_str_t *id);

/* ngx_http_llm_endpoints.c */
char *ngx_http_llm_model(ngx_conf_t *cf, ngx_command_t *cmd, void *conf);
llm_dialect_e ngx_http_llm_endpoint_dialect(ngx_http_request_t *r,
    llm_path_t *path);
ngx_int_t ngx_http_llm_endpoint(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, ngx_http_llm_loc_conf_t *lcf);

/* ngx_http_llm_route.c */
char *ngx_http_llm_route(ngx_conf_t *cf, ngx_command_t *cmd, void *conf);
char *ngx_http_llm_route_resolve(ngx_conf_t *cf,
    ngx_http_llm_loc_conf_t *lcf);
ngx_int_t ngx_http_llm_route_find(ngx_http_request_t *r,
    ngx_http_llm_loc_conf_t *lcf, ngx_str_t *model, ngx_str_t *upstream,
    ngx_str_t *upstream_model, ngx_http_llm_upstream_srv_conf_t **ucf);

/* ngx_http_llm_error.c */
llm_dialect_e ngx_http_llm_guess_dialect(ngx_http_request_t *r);
ngx_int_t ngx_http_llm_send_error(ngx_http_request_t *r,
    llm_dialect_e dialect, llm_error_t *err);
ngx_int_t ngx_http_llm_error_body(ngx_http_request_t *r,
    llm_dialect_e dialect, llm_error_t *err, ngx_str_t *body);
int ngx_http_llm_client_status(llm_dialect_e client, int status);

/* ngx_http_llm_response.c */
ngx_int_t ngx_http_llm_filter_init(ngx_conf_t *cf);

/* ngx_http_llm_stream.c */
ngx_int_t ngx_http_llm_stream_start(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, ngx_http_llm_loc_conf_t *lcf);
ngx_int_t ngx_http_llm_stream_body(ngx_http_request_t *r,
    ngx_http_llm_ctx_t *ctx, ngx_chain_t *in,
    ngx_http_output_body_filter_pt next);
ngx_uint_t ngx_http_llm_upstream_failed(ngx_http_request_t *r, ngx_buf_t *b);

/* ngx_http_llm_variables.c */
ngx_int_t ngx_http_llm_add_variables(ngx_conf_t *cf);

/* ngx_http_llm_headers.c (ngx_http_llm_remove_headers is declared in
 * ngx_http_llm_upstream.h: the key pools use it too) */
ngx_int_t ngx_http_llm_set_header(ngx_http_request_t *r, const char *name,
    ngx_str_t *value);
ngx_table_elt_t *ngx_http_llm_find_header(ngx_list_t *headers,
    const char *lowcase_name);
ngx_int_t ngx_http_llm_set_anthropic_version(ngx_http_request_t *r,
    ngx_str_t *version);
void ngx_http_llm_mask_query_key(ngx_http_request_t *r);

#endif /* NGX_HTTP_LLM_TRANSLATE_H */
