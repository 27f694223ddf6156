/*
 * Incremental server-sent events framer: upstream bytes in arbitrary
 * chunks in, complete events out.  Also accepts the JSON forms some
 * servers stream instead of SSE: a JSON array of objects (Gemini without
 * alt=sse) or objects one after another (NDJSON); each object is then
 * one event.  Memory is bounded by max: no line and no event may exceed
 * it, and buffers are reused from event to event.
 */

#ifndef LLM_SSE_H
#define LLM_SSE_H

#include <stddef.h>


/* A growable byte buffer; data is NUL-terminated when not NULL. */
typedef struct {
    char               *data;
    size_t              len;
    size_t              cap;
} llm_buf_t;

int llm_buf_reserve(llm_buf_t *b, size_t more);       /* 0 or -1 */
int llm_buf_add(llm_buf_t *b, const char *p, size_t n);
void llm_buf_free(llm_buf_t *b);


#define LLM_SSE_EVENT_MAX  64    /* longest event name kept */

typedef struct {
    const char         *event;        /* "event:" field, "" when none */
    size_t              event_len;
    const char         *data;         /* data lines joined with '\n' */
    size_t              data_len;
    unsigned            comment:1;    /* a ":" line; data is its text */
    unsigned            error_field:1;  /* llama.cpp "error:" line(s) */
    unsigned            json:1;       /* an object of a JSON stream */
} llm_sse_event_t;

/* 0 to go on, anything else stops the framer and is returned by feed */
typedef int (*llm_sse_handler_pt)(void *ctx, const llm_sse_event_t *ev);


#define LLM_SSE_OK        0
#define LLM_SSE_TOO_BIG  -100   /* a line or an event exceeded max */
#define LLM_SSE_NOMEM    -101
#define LLM_SSE_INVALID  -102   /* garbage in a JSON stream */

typedef struct {
    llm_buf_t           line;         /* a partial line */
    llm_buf_t           data;         /* the event being assembled */
    size_t              max;
    size_t              depth;        /* JSON mode: nesting depth */
    size_t              event_len;
    char                event[LLM_SSE_EVENT_MAX];
    unsigned            mode:2;
    unsigned            cr:1;         /* a line ended in CR: skip one LF */
    unsigned            has_data:1;
    unsigned            error_field:1;
    unsigned            in_str:1;
    unsigned            esc:1;
    int                 failed;       /* sticky error code, 0 if none */
} llm_sse_t;


void llm_sse_init(llm_sse_t *p, size_t max);
void llm_sse_free(llm_sse_t *p);

/* Feeds bytes; calls h for every complete event.  Returns LLM_SSE_OK, a
 * negative LLM_SSE_* code (sticky), or the handler's non-zero result. */
int llm_sse_feed(llm_sse_t *p, const char *buf, size_t len,
    llm_sse_handler_pt h, void *ctx);

/* End of input: an unterminated last line and an event not followed by
 * a blank line are still delivered (servers that close without the
 * final newline); a partial JSON object is dropped. */
int llm_sse_finish(llm_sse_t *p, llm_sse_handler_pt h, void *ctx);

/* Bytes held in buffers (for tests of bounded memory). */
size_t llm_sse_memory(const llm_sse_t *p);

#endif /* LLM_SSE_H */
