/*
 * Client paths -> dialect and endpoint; upstream paths per dialect.
 */

#include <stdio.h>
#include <string.h>

#include "llm_path.h"


#define llm_path_is(p, len, lit)                                           \
    ((len) == sizeof(lit) - 1 && memcmp(p, lit, sizeof(lit) - 1) == 0)

#define llm_path_prefix(p, len, lit)                                       \
    ((len) >= sizeof(lit) - 1 && memcmp(p, lit, sizeof(lit) - 1) == 0)


int
llm_model_name_valid(const char *s, size_t len)
{
    size_t  i;

    /* Model ids of every provider fit this set; '/', '?', '#', '%', ':'
     * and dot-segments are excluded so a name can never leave its path
     * segment or add a query. */
    if (len == 0 || len > 128) {
        return 0;
    }

    if (s[0] == '.') {
        return 0;
    }

    for (i = 0; i < len; i++) {
        unsigned char  c = (unsigned char) s[i];

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
            || c == '@')
        {
            continue;
        }
        return 0;
    }

    return 1;
}


static int
llm_path_gemini(const char *p, size_t len, llm_path_t *out)
{
    const char  *colon, *method;
    size_t       mlen;

    /* p is after "models/": {model} or {model}:{method} */
    colon = memchr(p, ':', len);

    if (colon == NULL) {
        if (len == 0) {
            out->endpoint = LLM_EP_MODELS;
            return 0;
        }
        if (!llm_model_name_valid(p, len)) {
            return -1;
        }
        llm_str_set(&out->model, p, len);
        out->endpoint = LLM_EP_MODEL;
        return 0;
    }

    if (!llm_model_name_valid(p, colon - p)) {
        return -1;
    }
    llm_str_set(&out->model, p, colon - p);

    method = colon + 1;
    mlen = len - (method - p);

    if (llm_path_is(method, mlen, "generateContent")) {
        out->endpoint = LLM_EP_CHAT;

    } else if (llm_path_is(method, mlen, "streamGenerateContent")) {
        out->endpoint = LLM_EP_CHAT;
        out->stream = 1;

    } else if (llm_path_is(method, mlen, "countTokens")) {
        out->endpoint = LLM_EP_COUNT_TOKENS;

    } else {
        return -1;
    }

    return 0;
}


int
llm_path_parse(const char *p, size_t len, llm_path_t *out)
{
    memset(out, 0, sizeof(*out));

    /* tolerate one trailing slash, as the SDKs never send one */
    if (llm_path_is(p, len, "/v1/chat/completions")) {
        out->dialect = LLM_DIALECT_OPENAI;
        out->endpoint = LLM_EP_CHAT;
        return 0;
    }

    if (llm_path_is(p, len, "/v1/messages")) {
        out->dialect = LLM_DIALECT_ANTHROPIC;
        out->endpoint = LLM_EP_CHAT;
        return 0;
    }

    if (llm_path_is(p, len, "/v1/messages/count_tokens")) {
        out->dialect = LLM_DIALECT_ANTHROPIC;
        out->endpoint = LLM_EP_COUNT_TOKENS;
        return 0;
    }

    if (llm_path_prefix(p, len, "/v1beta/models/")) {
        out->dialect = LLM_DIALECT_GEMINI;
        return llm_path_gemini(p + sizeof("/v1beta/models/") - 1,
                               len - (sizeof("/v1beta/models/") - 1), out);
    }

    if (llm_path_is(p, len, "/v1beta/models")) {
        out->dialect = LLM_DIALECT_GEMINI;
        out->endpoint = LLM_EP_MODELS;
        return 0;
    }

    if (llm_path_prefix(p, len, "/v1/models/")) {
        /* Gemini's v1 form carries a method; OpenAI/Anthropic's
         * /v1/models/{id} does not */
        if (memchr(p, ':', len)) {
            out->dialect = LLM_DIALECT_GEMINI;
            return llm_path_gemini(p + sizeof("/v1/models/") - 1,
                                   len - (sizeof("/v1/models/") - 1), out);
        }
        out->dialect = LLM_DIALECT_OPENAI;
        out->endpoint = LLM_EP_MODEL;
        p += sizeof("/v1/models/") - 1;
        len -= sizeof("/v1/models/") - 1;
        if (!llm_model_name_valid(p, len)) {
            return -1;
        }
        llm_str_set(&out->model, p, len);
        return 0;
    }

    if (llm_path_is(p, len, "/v1/models")) {
        /* OpenAI and Anthropic share this path; the glue tells them apart
         * by the anthropic-version header */
        out->dialect = LLM_DIALECT_OPENAI;
        out->endpoint = LLM_EP_MODELS;
        return 0;
    }

    return -1;
}


/* Appends n bytes of s at *at, when they fit before end. */
static int
llm_path_add(char **at, const char *end, const char *s, size_t n)
{
    if ((size_t) (end - *at) <= n) {
        return -1;                              /* and the NUL */
    }

    memcpy(*at, s, n);
    *at += n;
    return 0;
}


size_t
llm_upstream_path(llm_dialect_e d, const llm_str_t *model, int stream,
    char *buf, size_t size)
{
    int          rc;
    char        *at;
    const char  *end, *method;

    at = buf;
    end = buf + size;

    /* memcpy, not snprintf: this runs for every request */
    switch (d) {
    case LLM_DIALECT_OPENAI:
        rc = llm_path_add(&at, end, "/v1/chat/completions", 20);
        break;

    case LLM_DIALECT_ANTHROPIC:
        rc = llm_path_add(&at, end, "/v1/messages", 12);
        break;

    case LLM_DIALECT_GEMINI:
        if (model == NULL || !llm_model_name_valid(model->data, model->len)) {
            return 0;
        }
        method = stream ? ":streamGenerateContent?alt=sse"
                        : ":generateContent";
        rc = (llm_path_add(&at, end, "/v1beta/models/", 15) != 0
              || llm_path_add(&at, end, model->data, model->len) != 0
              || llm_path_add(&at, end, method, strlen(method)) != 0);
        break;

    default:
        return 0;
    }

    if (rc != 0) {
        return 0;
    }

    *at = '\0';
    return (size_t) (at - buf);
}
