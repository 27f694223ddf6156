/*
 * The entry points the nginx glue calls: one translation per client
 * request, holding the client's IR request for the response side.
 */

#ifndef LLM_TRANSLATE_H
#define LLM_TRANSLATE_H

#include "llm_ir.h"
#include "llm_codec.h"
#include "llm_path.h"


typedef struct {
    llm_arena_t        arena;
    llm_dialect_e      client;
    llm_dialect_e      upstream;
    llm_request_t      req;        /* the client's request, parsed */
    llm_options_t      opt;
    llm_warnings_t     warn;
    json_t            *body;       /* the client's body's document (NULL
                                      when read_request read it) */
    llm_usage_t        usage;      /* of the translated response */
    size_t             model_at;   /* scanned: the body's "model" value */
    size_t             model_raw;  /*   (offset, length), 0 length: none */
    unsigned           parsed:1;   /* req is valid */
    unsigned           scanned:1;  /* req.model and req.stream are */
    /* last: llm_translation_init() zeroes what is above it (per request,
     * the error's 600 bytes are only emptied) */
    llm_error_t        err;
} llm_translation_t;


void llm_translation_init(llm_translation_t *t, llm_dialect_e client,
    llm_dialect_e upstream);
void llm_translation_free(llm_translation_t *t);

/* Parse the client body into t->req (model prefilled from the path when
 * path_model is not empty).  Used alone for passthrough (routing needs
 * the model) and by llm_translate_request.  0 or -1 with t->err. */
int llm_parse_request(llm_translation_t *t, const char *body, size_t len,
    const llm_str_t *path_model);

/*
 * For a body relayed to a provider of the client's own dialect: checks
 * that it is one well-formed JSON object and reads only what routing
 * needs, "model" (or the path's) and "stream", into t->req; every other
 * field is the provider's to judge.  0 or -1 with t->err.
 */
int llm_scan_request(llm_translation_t *t, const char *body, size_t len,
    const llm_str_t *path_model);

/*
 * For a body relayed to a provider of the client's own dialect with the
 * checks of llm_parse_request (llm_passthrough_strict on): when the
 * dialect's check_request can tell from the bytes that the parse would
 * accept the body, only the model and stream are read into t->req
 * (t->scanned, as llm_scan_request); otherwise this is llm_parse_request,
 * error included.  0 or -1 with t->err.
 */
int llm_check_request(llm_translation_t *t, const char *body, size_t len,
    const llm_str_t *path_model);

/* Emit t->req in the upstream dialect.  *out lives in the arena. */
int llm_emit_request(llm_translation_t *t, char **out, size_t *outlen);

/* Same dialect with a renamed model: the client's body (parsed or
 * scanned) with only its "model" replaced by t->opt.upstream_model. */
int llm_rewrite_model(llm_translation_t *t, const char *body, size_t len,
    char **out, size_t *outlen);

/* Upstream 2xx body -> client body. */
int llm_translate_response(llm_translation_t *t, const char *body,
    size_t len, char **out, size_t *outlen);

/* Upstream error (any status, any body) -> client error body and status.
 * retry_after: seconds from the upstream's headers, 0 when none; the
 * result's retry_after (from headers or body hints) is in t->err. */
int llm_translate_error(llm_translation_t *t, int status, const char *body,
    size_t len, int64_t retry_after, char **out, size_t *outlen,
    int *out_status);

/* The status to answer a client of dialect client with, for an upstream
 * error status. */
int llm_client_status(llm_dialect_e client, int status);

/* An error of the gateway's own in dialect d. */
char *llm_error_body(llm_arena_t *a, llm_dialect_e d, const llm_error_t *err,
    size_t *len);

#endif /* LLM_TRANSLATE_H */
