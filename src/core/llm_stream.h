/*
 * Streamed responses: upstream SSE events are decoded into IR stream
 * events by the upstream dialect's decoder, and IR events are encoded
 * into the client dialect's SSE events by its encoder.  Each dialect
 * exports one llm_stream_codec_t (llm_<dialect>_stream.c).
 *
 * The translator (llm_stream_t) holds the state every pair needs: the
 * message id, model and creation time fixed once; the usage snapshot
 * (cumulative: the last value of each field wins, never summed); the
 * stop reason, resolved to "tool use" when any tool call was seen (Gemini
 * sends STOP apart from the call); the tool calls by ordinal; whether the
 * client's opening and terminal events were sent.  Memory is bounded:
 * reassembly is capped by max_event, buffers are reused, tool calls are
 * capped in number, and buffered tool arguments in total size.
 *
 * The nginx glue uses only the functions below the struct definitions.
 */

#ifndef LLM_STREAM_H
#define LLM_STREAM_H

#include "llm_ir.h"
#include "llm_codec.h"
#include "llm_sse.h"
#include "llm_think.h"


typedef enum {
    LLM_EV_START = 0,       /* message begins (id, model in the stream) */
    LLM_EV_TEXT,            /* text: answer text */
    LLM_EV_REASONING,       /* text: thinking text */
    LLM_EV_SIGNATURE,       /* text: reasoning signature; origin */
    LLM_EV_REDACTED,        /* text: opaque redacted reasoning data */
    LLM_EV_TOOL_START,      /* tool: new call (id, name); text: args, if
                               the upstream sends them with the start */
    LLM_EV_TOOL_ARGS,       /* tool: a fragment of the call's arguments */
    LLM_EV_TOOL_END,        /* tool: the upstream finished the call */
    LLM_EV_BLOCK_END,       /* the upstream closed a text/thinking block */
    LLM_EV_STOP,            /* stop reason known (stop, text: sequence) */
    LLM_EV_PING,            /* keep-alive */
    LLM_EV_END,             /* the upstream's message ended normally */
    LLM_EV_ERROR            /* err: the stream fails */
} llm_stream_ev_e;


typedef struct {
    llm_stream_ev_e     type;
    llm_str_t           text;
    llm_str_t           id;
    llm_str_t           name;
    size_t              tool;          /* ordinal of the call, 0, 1, ... */
    llm_dialect_e       origin;        /* SIGNATURE */
    llm_stop_e          stop;          /* STOP */
    const llm_error_t  *err;           /* ERROR */
} llm_stream_ev_t;


typedef struct llm_stream_s  llm_stream_t;

typedef struct {
    llm_dialect_e       dialect;

    /* Upstream: one framed event -> IR events, through llm_stream_emit().
     * Returns 0, or -1 after llm_stream_fail() (or a failed emit). */
    int     (*decode)(llm_stream_t *s, const llm_sse_event_t *ev);

    /* Client: one IR event -> bytes appended with the llm_out_*()
     * helpers.  Returns 0 or -1 (err set; the stream fails). */
    int     (*encode)(llm_stream_t *s, const llm_stream_ev_t *ev);
} llm_stream_codec_t;


extern const llm_stream_codec_t  llm_openai_stream_codec;
extern const llm_stream_codec_t  llm_anthropic_stream_codec;
extern const llm_stream_codec_t  llm_gemini_stream_codec;


#define LLM_STREAM_MAX_TOOLS  128


typedef struct {
    char               *id;            /* id '\0' name '\0', one malloc */
    size_t              id_len;
    char               *name;
    size_t              name_len;
    llm_buf_t           args;          /* buffered arguments, if needed */
    size_t              depth;         /* JSON completeness scanner */
    unsigned            in_str:1;
    unsigned            esc:1;
    unsigned            begun:1;       /* a non-blank byte was seen */
    unsigned            complete:1;    /* the arguments are a whole value */
    unsigned            ended:1;       /* TOOL_END seen */
    unsigned            opened:1;      /* encoder: the client saw it */
    unsigned            closed:1;      /* encoder: done with it */
} llm_stream_tool_t;


typedef int (*llm_stream_write_pt)(void *data, const char *buf, size_t len);


struct llm_stream_s {
    const llm_stream_codec_t  *dec;
    const llm_stream_codec_t  *enc;
    llm_dialect_e              upstream;
    llm_dialect_e              client;

    llm_sse_t                  sse;
    llm_arena_t                scratch;    /* jansson values of one event */
    size_t                     scratch_failures; /* its count before the
                                                    event (llm_arena.h) */
    llm_buf_t                  fast;       /* decoder fast path: text */
    llm_buf_t                  out;        /* client bytes of one event */
    llm_buf_t                  head;       /* encoder: constant prefix */
    llm_buf_t                  sig;        /* encoder: held signature */
    llm_buf_t                  id;         /* upstream message id */
    llm_buf_t                  model;      /* upstream or client model */
    llm_buf_t                  stop_seq;
    size_t                     max_event;

    int64_t                    created;
    llm_usage_t                usage;
    llm_stop_e                 stop;
    llm_error_t                err;

    llm_stream_tool_t         *tools;
    size_t                     ntools;
    size_t                     tools_cap;
    size_t                     tool_bytes;  /* buffered argument bytes */

    /* decoder state */
    int                        dblock;     /* Anthropic: open block kind */
    size_t                     dtool;      /* Anthropic: its tool ordinal */
    unsigned char              dmap[LLM_STREAM_MAX_TOOLS];  /* OpenAI
                                              index -> ordinal + 1 */
    /* encoder state */
    int                        eblock;     /* Anthropic: open block kind */
    size_t                     eindex;     /* Anthropic: its index */
    size_t                     etool;      /* open tool ordinal */
    size_t                     epending;   /* first tool not yet shown */

    /* OpenAI-compatible upstream: its profile, and the inline <think>
     * splitter when reasoning comes in the text */
    llm_profile_t              profile;
    llm_think_t                think;

    llm_stream_write_pt        write;
    void                      *wdata;

    unsigned                   include_usage:1;
    unsigned                   started:1;      /* opening event sent */
    unsigned                   terminal:1;     /* terminal event sent */
    unsigned                   failed:1;       /* ... and it was an error */
    unsigned                   eof_ok:1;       /* upstream may end now */
    unsigned                   saw_tool:1;
    unsigned                   sig_origin:3;
    unsigned                   model_set:1;    /* from the upstream */
    unsigned                   nomem:1;
    unsigned                   think_on:1;     /* splitter in use */
    unsigned                   think_field:1;  /* reasoning came in a
                                                  field: tags only go */
    unsigned                   relay:1;        /* same dialect, relayed */
};


/* The API the nginx glue calls. */

llm_stream_t *llm_stream_create(llm_dialect_e upstream, llm_dialect_e client,
    const llm_request_t *req, const llm_options_t *opt, size_t max_event);

/* Bytes from upstream in arbitrary chunks; client bytes are written for
 * every complete event at once.  Returns 0, or -1 when the stream failed:
 * an error event in the client's dialect has been written (unless write
 * itself failed) and the stream is terminal; further input is ignored. */
int llm_stream_feed(llm_stream_t *s, const char *data, size_t len,
    llm_stream_write_pt write, void *wdata);

/* The upstream ended.  Without its terminal event (truncation) the
 * client gets an error event, never a normal stop; otherwise the closing
 * events still due.  Returns 0, or -1 when the stream ended in error. */
int llm_stream_finish(llm_stream_t *s, llm_stream_write_pt write,
    void *wdata);

/* A same-dialect stream: events are relayed with their JSON untouched,
 * checked to be well-formed, within max_event; a stream that is cut or
 * goes bad ends with an error event of the dialect. */
llm_stream_t *llm_stream_create_relay(llm_dialect_e d, size_t max_event);

int llm_stream_terminal(const llm_stream_t *s);
int llm_stream_failed(const llm_stream_t *s);
void llm_stream_destroy(llm_stream_t *s);

const llm_usage_t *llm_stream_usage(const llm_stream_t *s);
llm_stop_e llm_stream_stop(const llm_stream_t *s);
const llm_error_t *llm_stream_error(const llm_stream_t *s);  /* or NULL */

/* Bytes held by the stream's buffers (tests: memory stays flat). */
size_t llm_stream_memory(const llm_stream_t *s);


/* For the stream codecs. */

const llm_stream_codec_t *llm_stream_codec(llm_dialect_e d);

/* Delivers an IR event to the client's encoder (opening the message
 * first when needed); 0, or -1 when the stream failed. */
int llm_stream_emit(llm_stream_t *s, llm_stream_ev_t *ev);
int llm_stream_fail(llm_stream_t *s, llm_err_kind_e kind, const char *msg);

/* The first id/model seen wins. */
void llm_stream_set_id(llm_stream_t *s, const char *p, size_t n);
void llm_stream_set_model(llm_stream_t *s, const char *p, size_t n);

/* "call_" + 24 hex digits, stable for (message id, ordinal); buf holds
 * at least 30 bytes. */
void llm_stream_synth_id(llm_stream_t *s, size_t n, char *buf);

/* Parses a data payload (NULL: not JSON; the caller fails the stream). */
json_t *llm_stream_json(const llm_sse_event_t *ev);

/* An upstream error object of any dialect -> s->err, then fail. */
int llm_stream_upstream_error(llm_stream_t *s, json_t *body);

/* Answer text from an upstream whose profile may put reasoning in it:
 * through the <think> splitter when on, as TEXT (and REASONING) events.
 * _think_flush ends the splitting (the text is over: a tool call, the
 * stop, the end); later text is all answer. */
int llm_stream_text(llm_stream_t *s, const char *p, size_t n);
int llm_stream_think_flush(llm_stream_t *s);

/* Appends to a tool's buffered arguments, within the stream's cap. */
int llm_stream_tool_buffer(llm_stream_t *s, llm_stream_tool_t *t,
    const char *p, size_t n);
void llm_stream_tool_release(llm_stream_t *s, llm_stream_tool_t *t);

/* A signature as the client must see it: "llm:<origin>:" prefixed when
 * the client's dialect is not its origin (llm_ir.h conventions). */
void llm_out_signature(llm_stream_t *s, const llm_str_t *sig,
    llm_dialect_e origin);
/* Unwraps "llm:<origin>:" from a signature read from upstream. */
llm_dialect_e llm_stream_sig_origin(llm_str_t *sig, llm_dialect_e dflt);

/* Error kind -> each dialect's names. */
const char *llm_stream_err_openai_type(llm_err_kind_e kind);
const char *llm_stream_err_openai_code(llm_err_kind_e kind);
const char *llm_stream_err_anthropic_type(llm_err_kind_e kind);
const char *llm_stream_err_gemini_status(llm_err_kind_e kind);

/* Output helpers: failures set s->nomem, checked once per event. */
void llm_out_raw(llm_stream_t *s, const char *p, size_t n);
void llm_out_esc(llm_stream_t *s, const char *p, size_t n);  /* escaped */
void llm_out_str(llm_stream_t *s, const char *p, size_t n);  /* quoted */
void llm_out_int(llm_stream_t *s, int64_t v);
void llm_out_json(llm_stream_t *s, json_t *j);   /* compact; steals j */

#define llm_out_lit(s, lit)  llm_out_raw(s, lit, sizeof(lit) - 1)
#define llm_out_llm_str(s, str)  llm_out_str(s, (str)->data, (str)->len)

#endif /* LLM_STREAM_H */
