/*
 * The dialect codec interface.  Every dialect (llm_openai.c,
 * llm_anthropic.c, llm_gemini.c) exports one llm_codec_t with the same
 * set of functions; streaming has its own symmetric table in
 * llm_stream.h.
 */

#ifndef LLM_CODEC_H
#define LLM_CODEC_H

#include "llm_ir.h"


/*
 * The quirks of an OpenAI-compatible upstream (a self-hosted server and
 * the model behind it), set per upstream{} by "llm_profile" and used only
 * by the OpenAI codecs (docs/self-hosted.md documents every switch).  All
 * zero is a commercial OpenAI-compatible API: what the codecs did before
 * profiles existed.
 */

typedef enum {
    LLM_PROFILE_REASONING_FIELD = 0,  /* reasoning_content or reasoning */
    LLM_PROFILE_REASONING_THINK,      /* <think> tags inline in content */
    LLM_PROFILE_REASONING_NONE        /* the model does not reason */
} llm_profile_reasoning_e;

typedef enum {
    LLM_PROFILE_SWITCH_EFFORT = 0,    /* reasoning_effort */
    LLM_PROFILE_SWITCH_SYSTEM_FLAG,   /* /think, /no_think (SmolLM3) */
    LLM_PROFILE_SWITCH_KWARGS,        /* chat_template_kwargs */
    LLM_PROFILE_SWITCH_NONE           /* nothing can be switched */
} llm_profile_switch_e;

typedef enum {
    LLM_PROFILE_TOOLS_ALL = 0,        /* named, required, auto, none */
    LLM_PROFILE_TOOLS_REQUIRED,       /* no named choice */
    LLM_PROFILE_TOOLS_AUTO,           /* auto and none only */
    LLM_PROFILE_TOOLS_OMIT            /* tool_choice is ignored: omit it */
} llm_profile_tools_e;

typedef enum {
    LLM_PROFILE_REPLAY_CONTENT = 0,   /* history reasoning as
                                         reasoning_content */
    LLM_PROFILE_REPLAY_FIELD,         /* ... as reasoning */
    LLM_PROFILE_REPLAY_NONE           /* the template does not read it */
} llm_profile_replay_e;

typedef struct {
    unsigned           enabled:1;          /* any llm_profile given */
    unsigned           reasoning:2;        /* llm_profile_reasoning_e */
    unsigned           think_implicit:1;   /* output starts inside */
    unsigned           thinking:2;         /* llm_profile_switch_e */
    unsigned           stream_usage:1;     /* 1: never sent in streams */
    unsigned           tool_choice:2;      /* llm_profile_tools_e */
    unsigned           tool_choice_reject:1;  /* else degrade */
    unsigned           max_tokens:1;       /* 1: "max_tokens" */
    unsigned           replay:2;           /* llm_profile_replay_e */
    unsigned           merge_system:1;     /* one system message */
    unsigned           flatten:1;          /* string content only */
} llm_profile_t;

/* Applies one "llm_profile" argument: a preset name (vllm, llamacpp,
 * ollama, smollm3, openai) or name=value.  0, or -1 with *why set. */
int llm_profile_set(llm_profile_t *p, const char *arg, size_t len,
    const char **why);


/* Per-route knobs that shape translation. */
typedef struct {
    /* max_tokens sent to a dialect that requires it (Anthropic) when the
     * client gave none. */
    int64_t            default_max_tokens;
    /* the model name to put upstream; empty = the client's model */
    llm_str_t          upstream_model;
    /* created timestamp to use in responses (unix seconds) */
    int64_t            now;
    /* an OpenAI-compatible upstream's quirks */
    llm_profile_t      profile;
} llm_options_t;

#define LLM_DEFAULT_MAX_TOKENS  4096


/* What relaying a client's body as it is needs read from it
 * (check_request below). */
typedef struct {
    llm_str_t          model;      /* unchanged when the body has none */
    llm_str_t          model_json; /* its value's JSON, quotes included */
    unsigned           stream:1;
} llm_relay_t;


typedef struct {
    llm_dialect_e      dialect;
    const char        *name;

    /* Client body -> IR.  req is zeroed by the caller, except req->model
     * which the caller may prefill from the URL path (Gemini).  Returns 0,
     * or -1 with err set (a 4xx in the client's terms). */
    int     (*parse_request)(llm_arena_t *a, json_t *body, llm_request_t *req,
                llm_error_t *err, llm_warnings_t *w);

    /* Client body -> r, for a body relayed as it is to a provider of
     * this dialect: checked as parse_request checks it, but from the
     * bytes, without a document.  0 when parse_request would accept the
     * body; -1 when this check cannot tell (a shape it does not take on,
     * or a fault): then parse_request decides, and says what is wrong. */
    int     (*check_request)(const char *body, size_t len, llm_relay_t *r);

    /* Client body -> IR straight from the bytes, without a document: the
     * fast path of parse_request for the shapes it takes on (NULL: the
     * dialect has none).  0: req filled exactly as parse_request fills
     * it from the same body, warnings included (t/unit/test_fast_paths.c
     * holds it to that); 1: declined (a shape it leaves to parse_request,
     * a fault, anything it is not sure of), nothing reported: the caller
     * undoes what it set in req and w, and parse_request decides. */
    int     (*read_request)(llm_arena_t *a, const char *body, size_t len,
                llm_request_t *req, llm_warnings_t *w);

    /* Deferred tools (llm_ir.h): the client's "tools" value read_request
     * left unread, req->tools_src, read into req->tools as read_request
     * reads it (NULL: the dialect defers none).  0, or -1 out of memory
     * (or bytes read_request would not take: never). */
    int     (*read_tools)(llm_arena_t *a, llm_request_t *req);

    /* IR -> upstream body; a new reference, or NULL with err set when the
     * request cannot be expressed in this dialect (400). */
    json_t *(*emit_request)(llm_arena_t *a, const llm_request_t *req,
                const llm_options_t *opt, llm_error_t *err,
                llm_warnings_t *w);

    /* IR -> upstream body text without a document: what emit_request's
     * document dumps to, byte for byte, warnings included, for the
     * requests it takes on (NULL: the dialect has none).  0 with *out
     * (arena memory, NUL-terminated) and *len; 1: declined (emit_request
     * decides, and reports what cannot be expressed), nothing reported;
     * -1: out of memory. */
    int     (*write_request)(llm_arena_t *a, const llm_request_t *req,
                const llm_options_t *opt, llm_warnings_t *w, char **out,
                size_t *len);

    /* Upstream 2xx body -> IR; -1 with err (502) when malformed. */
    int     (*parse_response)(llm_arena_t *a, json_t *body,
                llm_response_t *resp, llm_error_t *err, llm_warnings_t *w);

    /* Upstream 2xx body -> IR straight from the bytes: parse_response's
     * fast path, as read_request is parse_request's (NULL: none).  0:
     * resp (zeroed by the caller) filled exactly as parse_response fills
     * it, warnings included; 1: declined, nothing reported. */
    int     (*read_response)(llm_arena_t *a, const char *body, size_t len,
                llm_response_t *resp, llm_warnings_t *w);

    /* IR -> client body; a new reference.  req is the client's request,
     * for what the response must echo. */
    json_t *(*emit_response)(llm_arena_t *a, const llm_response_t *resp,
                const llm_request_t *req, const llm_options_t *opt,
                llm_warnings_t *w);

    /* IR -> client body text: what emit_response's document dumps to,
     * byte for byte, warnings included (NULL: none).  0 with *out and
     * *len; 1: declined, nothing reported; -1: out of memory. */
    int     (*write_response)(llm_arena_t *a, const llm_response_t *resp,
                const llm_request_t *req, const llm_options_t *opt,
                llm_warnings_t *w, char **out, size_t *len);

    /* Upstream error body (NULL when not JSON) and status -> err: kind,
     * status, message, retry hints found in the body. */
    void    (*parse_error)(json_t *body, int status, llm_error_t *err);

    /* err -> the dialect's error body; a new reference. */
    json_t *(*emit_error)(const llm_error_t *err);
} llm_codec_t;


extern const llm_codec_t  llm_openai_codec;
extern const llm_codec_t  llm_anthropic_codec;
extern const llm_codec_t  llm_gemini_codec;

const llm_codec_t *llm_codec(llm_dialect_e d);


/* helpers shared by codecs (llm_ir.c) */
int llm_json_str(json_t *j, llm_str_t *out);      /* 0 if j is a string */
json_t *llm_json_strn(const llm_str_t *s);         /* new string value */
const char *llm_effort_name(llm_effort_e e);
llm_effort_e llm_effort_from_name(const char *s);

#endif /* LLM_CODEC_H */
