/*
 * Which dialect and endpoint a client path speaks, and the path to use
 * upstream.  Model names from the client are validated here so that
 * nothing from the client can alter an upstream path beyond the model
 * segment.
 */

#ifndef LLM_PATH_H
#define LLM_PATH_H

#include "llm_ir.h"


typedef enum {
    LLM_EP_NONE = 0,
    LLM_EP_CHAT,             /* chat/completions, messages, generateContent */
    LLM_EP_MODELS,           /* model list */
    LLM_EP_MODEL,            /* one model */
    LLM_EP_COUNT_TOKENS
} llm_endpoint_e;


typedef struct {
    llm_dialect_e      dialect;
    llm_endpoint_e     endpoint;
    llm_str_t          model;     /* from the path (Gemini), else empty */
    unsigned           stream:1;  /* :streamGenerateContent */
} llm_path_t;


/* path without query string; returns 0 when recognised, -1 otherwise */
int llm_path_parse(const char *path, size_t len, llm_path_t *out);

/* 1 when the model name is safe to put in a URL path segment */
int llm_model_name_valid(const char *s, size_t len);

/* Upstream path for a chat call in dialect d, with the query string when
 * the dialect needs one (Gemini streaming: ?alt=sse).  Returns the length
 * written, or 0 when buf is too small or the model is invalid. */
size_t llm_upstream_path(llm_dialect_e d, const llm_str_t *model,
    int stream, char *buf, size_t size);

#endif /* LLM_PATH_H */
