/*
 * The stream translator: framing, the state shared by all pairs, and the
 * output helpers of the stream encoders.  See llm_stream.h.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "llm_stream.h"
#include "llm_json.h"
#include "llm_json_check.h"
#include "llm_map.h"


#define LLM_STREAM_ID_MAX  256     /* longer ids and models are cut */


static int llm_stream_on_event(void *ctx, const llm_sse_event_t *ev);
static void llm_stream_relay_event(llm_stream_t *s,
    const llm_sse_event_t *ev);
static int llm_stream_encode(llm_stream_t *s, const llm_stream_ev_t *ev);
static int llm_stream_flush(llm_stream_t *s);
static int llm_stream_framer_error(llm_stream_t *s, int rc);
static int llm_stream_fail_err(llm_stream_t *s);
static llm_stream_tool_t *llm_stream_tool_new(llm_stream_t *s,
    const llm_stream_ev_t *ev);
static void llm_stream_scan(llm_stream_tool_t *t, const char *p, size_t n);


const llm_stream_codec_t *
llm_stream_codec(llm_dialect_e d)
{
    switch (d) {
    case LLM_DIALECT_OPENAI: return &llm_openai_stream_codec;
    case LLM_DIALECT_ANTHROPIC: return &llm_anthropic_stream_codec;
    case LLM_DIALECT_GEMINI: return &llm_gemini_stream_codec;
    default: return NULL;
    }
}


llm_stream_t *
llm_stream_create(llm_dialect_e upstream, llm_dialect_e client,
    const llm_request_t *req, const llm_options_t *opt, size_t max_event)
{
    llm_stream_t              *s;
    const llm_stream_codec_t  *dec, *enc;

    dec = llm_stream_codec(upstream);
    enc = llm_stream_codec(client);
    if (dec == NULL || enc == NULL) {
        return NULL;
    }

    s = calloc(1, sizeof(llm_stream_t));
    if (s == NULL) {
        return NULL;
    }

    s->dec = dec;
    s->enc = enc;
    s->upstream = upstream;
    s->client = client;

    llm_sse_init(&s->sse, max_event);
    llm_arena_init(&s->scratch, 8192);
    s->max_event = s->sse.max;

    s->created = (opt && opt->now) ? opt->now : (int64_t) time(NULL);

    if (opt && upstream == LLM_DIALECT_OPENAI) {
        s->profile = opt->profile;

        if (opt->profile.reasoning == LLM_PROFILE_REASONING_THINK) {
            s->think_on = 1;
            llm_think_init(&s->think, opt->profile.think_implicit);
        }
    }

    if (req) {
        s->include_usage = req->stream_include_usage;

        /* the fallback when the upstream names no model */
        if (req->model.len) {
            if (llm_buf_add(&s->model, req->model.data,
                            req->model.len < LLM_STREAM_ID_MAX
                            ? req->model.len : LLM_STREAM_ID_MAX) != 0)
            {
                llm_stream_destroy(s);
                return NULL;
            }
        }
    }

    return s;
}


void
llm_stream_destroy(llm_stream_t *s)
{
    size_t  i;

    if (s == NULL) {
        return;
    }

    for (i = 0; i < s->ntools; i++) {
        free(s->tools[i].id);
        llm_buf_free(&s->tools[i].args);
    }
    free(s->tools);

    llm_sse_free(&s->sse);
    llm_arena_free(&s->scratch);
    llm_buf_free(&s->fast);
    llm_buf_free(&s->out);
    llm_buf_free(&s->head);
    llm_buf_free(&s->sig);
    llm_buf_free(&s->id);
    llm_buf_free(&s->model);
    llm_buf_free(&s->stop_seq);
    free(s);
}


int
llm_stream_terminal(const llm_stream_t *s)
{
    return s->terminal;
}


int
llm_stream_failed(const llm_stream_t *s)
{
    return s->failed;
}


const llm_usage_t *
llm_stream_usage(const llm_stream_t *s)
{
    return &s->usage;
}


llm_stop_e
llm_stream_stop(const llm_stream_t *s)
{
    return s->stop;
}


const llm_error_t *
llm_stream_error(const llm_stream_t *s)
{
    return s->failed ? &s->err : NULL;
}


size_t
llm_stream_memory(const llm_stream_t *s)
{
    size_t  n, i;

    n = sizeof(llm_stream_t) + llm_sse_memory(&s->sse) + s->out.cap
        + s->head.cap + s->sig.cap + s->id.cap + s->model.cap
        + s->stop_seq.cap;

    for (i = 0; i < s->ntools; i++) {
        n += sizeof(llm_stream_tool_t) + s->tools[i].args.cap
             + s->tools[i].id_len + s->tools[i].name_len + 2;
    }

    return n;
}


int
llm_stream_feed(llm_stream_t *s, const char *data, size_t len,
    llm_stream_write_pt write, void *wdata)
{
    int  rc;

    if (s->terminal) {
        return s->failed ? -1 : 0;
    }

    s->write = write;
    s->wdata = wdata;

    rc = llm_sse_feed(&s->sse, data, len, llm_stream_on_event, s);
    if (rc < 0 && !s->terminal) {
        llm_stream_framer_error(s, rc);
    }

    llm_stream_flush(s);

    return s->failed ? -1 : 0;
}


int
llm_stream_finish(llm_stream_t *s, llm_stream_write_pt write, void *wdata)
{
    int              rc;
    llm_stream_ev_t  ev;

    if (s->terminal) {
        return s->failed ? -1 : 0;
    }

    s->write = write;
    s->wdata = wdata;

    rc = llm_sse_finish(&s->sse, llm_stream_on_event, s);
    if (rc < 0 && !s->terminal) {
        llm_stream_framer_error(s, rc);
    }

    if (!s->terminal) {
        if (s->eof_ok && s->relay) {
            /* relayed: the provider's own last event closed it */
            s->terminal = 1;

        } else if (s->eof_ok) {
            memset(&ev, 0, sizeof(ev));
            ev.type = LLM_EV_END;
            llm_stream_emit(s, &ev);

        } else {
            llm_stream_fail(s, LLM_ERR_BAD_GATEWAY,
                            "upstream stream ended unexpectedly");
        }
    }

    llm_stream_flush(s);

    return s->failed ? -1 : 0;
}


static int
llm_stream_framer_error(llm_stream_t *s, int rc)
{
    char  msg[80];

    switch (rc) {
    case LLM_SSE_TOO_BIG:
        snprintf(msg, sizeof(msg), "upstream stream event exceeds %zu bytes",
                 s->max_event);
        return llm_stream_fail(s, LLM_ERR_BAD_GATEWAY, msg);

    case LLM_SSE_NOMEM:
        return llm_stream_fail(s, LLM_ERR_SERVER, "out of memory");

    default:
        return llm_stream_fail(s, LLM_ERR_BAD_GATEWAY,
                               "upstream sent an invalid stream");
    }
}


static int
llm_stream_on_event(void *ctx, const llm_sse_event_t *ev)
{
    llm_stream_t     *s = ctx;
    llm_arena_t      *prev;
    llm_stream_ev_t   iev;

    /* an event's JSON lives only while it is translated: from a scratch
     * arena emptied after each event, not malloc'ed value by value */
    prev = llm_arena_json_use(&s->scratch);
    s->scratch_failures = s->scratch.failures;

    if (s->relay) {
        llm_stream_relay_event(s, ev);

    } else if (ev->comment) {
        /* upstream keep-alive: the client gets its own kind */
        memset(&iev, 0, sizeof(iev));
        iev.type = LLM_EV_PING;
        llm_stream_emit(s, &iev);

    } else {
        s->dec->decode(s, ev);
    }

    if (s->scratch.failures != s->scratch_failures) {
        /* refused while decoding, nothing emitted since: the event's
         * content would be lost without a word */
        llm_stream_fail(s, LLM_ERR_SERVER, "out of memory");
    }

    llm_arena_json_use(prev);
    llm_arena_reset(&s->scratch);

    if (llm_stream_flush(s) != 0) {
        return 1;
    }

    /* after the terminal event the rest of the input is ignored */
    return s->terminal ? 1 : 0;
}


static int
llm_stream_has(const char *p, size_t n, const char *needle)
{
    size_t  i, k;

    k = strlen(needle);

    for (i = 0; i + k <= n; i++) {
        if (p[i] == needle[0] && memcmp(p + i, needle, k) == 0) {
            return 1;
        }
    }

    return 0;
}


/*
 * 1 when a relayed Gemini event (one JSON object, checked) finishes: a
 * candidate has a finishReason.  Found where Gemini puts it, not by the
 * name alone: a function call's args may use any key.
 */
static int
llm_stream_gemini_finished(const char *p, size_t len)
{
    const unsigned char  *q, *end, *e;
    llm_json_member_t     cand, fr;

    if (!llm_stream_has(p, len, "\"finishReason\"")) {
        return 0;                               /* most events */
    }

    cand.name = "candidates";
    cand.name_len = 10;

    if (!llm_json_object_members(p, len, &cand, 1) || cand.count == 0
        || cand.value[0] != '[')
    {
        return 0;
    }

    q = (const unsigned char *) cand.value + 1;
    end = (const unsigned char *) cand.value + cand.value_len - 1;

    for ( ;; ) {
        q = llm_json_ws(q, end);
        if (q >= end) {
            return 0;
        }

        e = (const unsigned char *) llm_json_skip((const char *) q,
                                                  (const char *) end);
        if (e == NULL) {
            return 0;
        }

        fr.name = "finishReason";
        fr.name_len = 12;

        if (*q == '{'
            && llm_json_object_members((const char *) q, (size_t) (e - q),
                                       &fr, 1)
            && fr.count && fr.value[0] == '"')
        {
            return 1;
        }

        q = llm_json_ws(e, end);
        if (q >= end || *q != ',') {
            return 0;
        }
        q++;
    }
}


llm_stream_t *
llm_stream_create_relay(llm_dialect_e d, size_t max_event)
{
    llm_stream_t   *s;
    llm_options_t   opt;

    memset(&opt, 0, sizeof(llm_options_t));

    s = llm_stream_create(d, d, NULL, &opt, max_event);
    if (s) {
        s->relay = 1;
    }

    return s;
}


/*
 * Relays one event of a same-dialect stream.  The JSON payload goes out
 * byte for byte; only the framing is written anew (one LF per line).
 */
static void
llm_stream_relay_event(llm_stream_t *s, const llm_sse_event_t *ev)
{
    const char  *p, *end, *nl;

    if (ev->comment) {
        llm_out_lit(s, ":");
        llm_out_raw(s, ev->data, ev->data_len);
        llm_out_lit(s, "\n\n");
        return;
    }

    if (ev->error_field) {
        /* llama.cpp's non-standard "error:" line: the decoder makes it a
         * proper error event */
        s->dec->decode(s, ev);
        return;
    }

    if (s->client == LLM_DIALECT_OPENAI && ev->data_len == 6
        && memcmp(ev->data, "[DONE]", 6) == 0)
    {
        llm_out_lit(s, "data: [DONE]\n\n");
        s->terminal = 1;
        return;
    }

    /* relayed, not parsed: checked, and usage read for logs and key
     * accounting */
    if (!llm_usage_relayed(s->client, ev->data, ev->data_len, &s->usage)) {
        llm_stream_fail(s, LLM_ERR_BAD_GATEWAY,
                        "upstream sent an invalid stream event");
        return;
    }

    if (ev->event_len) {
        llm_out_lit(s, "event: ");
        llm_out_raw(s, ev->event, ev->event_len);
        llm_out_lit(s, "\n");
    }

    p = ev->data;
    end = p + ev->data_len;

    do {
        nl = memchr(p, '\n', end - p);
        llm_out_lit(s, "data: ");
        llm_out_raw(s, p, (nl ? nl : end) - p);
        llm_out_lit(s, "\n");
        p = nl ? nl + 1 : end;
    } while (p < end);

    llm_out_lit(s, "\n");

    switch (s->client) {

    case LLM_DIALECT_ANTHROPIC:
        if (ev->event_len == 12 && memcmp(ev->event, "message_stop", 12) == 0)
        {
            s->terminal = 1;

        } else if (ev->event_len == 5 && memcmp(ev->event, "error", 5) == 0) {
            /* the provider's own error event, already in these terms */
            s->terminal = 1;
            s->failed = 1;
        }
        break;

    case LLM_DIALECT_GEMINI:
        /* no end marker: a finish reason makes a clean end possible */
        if (llm_stream_gemini_finished(ev->data, ev->data_len)) {
            s->eof_ok = 1;
        }
        break;

    default:
        break;
    }
}


static int
llm_stream_flush(llm_stream_t *s)
{
    int  rc;

    if (s->out.len == 0) {
        return 0;
    }

    rc = s->write ? s->write(s->wdata, s->out.data, s->out.len) : 0;
    s->out.len = 0;

    if (rc != 0) {
        /* the client is gone: nothing more can be said to it */
        llm_error_set(&s->err, LLM_ERR_SERVER, "client write failed");
        s->terminal = 1;
        s->failed = 1;
        return -1;
    }

    return 0;
}


int
llm_stream_emit(llm_stream_t *s, llm_stream_ev_t *ev)
{
    llm_stream_ev_t     start;
    llm_stream_tool_t  *t;

    if (s->terminal) {
        return s->failed ? -1 : 0;
    }

    switch (ev->type) {

    case LLM_EV_START:
        if (s->started) {
            return 0;
        }
        s->started = 1;
        return llm_stream_encode(s, ev);

    case LLM_EV_PING:
    case LLM_EV_ERROR:
        break;

    case LLM_EV_STOP:
        s->stop = ev->stop;
        s->stop_seq.len = 0;
        if (ev->text.len
            && llm_buf_add(&s->stop_seq, ev->text.data,
                           ev->text.len < LLM_STREAM_ID_MAX
                           ? ev->text.len : LLM_STREAM_ID_MAX) != 0)
        {
            return llm_stream_fail(s, LLM_ERR_SERVER, "out of memory");
        }
        return 0;

    case LLM_EV_END:
        /* what the <think> splitter still holds comes before the end */
        if (s->think_on && llm_stream_think_flush(s) != 0) {
            return -1;
        }
        if (s->stop == LLM_STOP_UNSET) {
            s->stop = LLM_STOP_END;
        }
        /* Gemini says STOP, often in a later chunk than the call */
        if (s->stop == LLM_STOP_END && s->saw_tool) {
            s->stop = LLM_STOP_TOOL_USE;
        }
        /* fall through */

    default:
        if (!s->started) {
            memset(&start, 0, sizeof(start));
            start.type = LLM_EV_START;
            s->started = 1;
            if (llm_stream_encode(s, &start) != 0) {
                return -1;
            }
        }
        break;
    }

    switch (ev->type) {

    case LLM_EV_TOOL_START:
        t = llm_stream_tool_new(s, ev);
        if (t == NULL) {
            return -1;
        }
        ev->tool = s->ntools - 1;
        s->saw_tool = 1;
        llm_stream_scan(t, ev->text.data, ev->text.len);
        break;

    case LLM_EV_TOOL_ARGS:
    case LLM_EV_TOOL_END:
        if (ev->tool >= s->ntools) {
            return 0;
        }
        t = &s->tools[ev->tool];
        if (ev->type == LLM_EV_TOOL_END) {
            t->ended = 1;
        } else {
            llm_stream_scan(t, ev->text.data, ev->text.len);
        }
        break;

    default:
        break;
    }

    if (llm_stream_encode(s, ev) != 0) {
        return -1;
    }

    if (ev->type == LLM_EV_END) {
        s->terminal = 1;
    }

    return 0;
}


static int
llm_stream_think_out(void *data, int reasoning, const char *p, size_t n)
{
    llm_stream_t     *s = data;
    llm_stream_ev_t   ev;

    if (reasoning && s->think_field) {
        /* the server split it out already (deepseek-legacy style) */
        return 0;
    }

    memset(&ev, 0, sizeof(ev));
    ev.type = reasoning ? LLM_EV_REASONING : LLM_EV_TEXT;
    llm_str_set(&ev.text, p, n);

    return llm_stream_emit(s, &ev);
}


int
llm_stream_text(llm_stream_t *s, const char *p, size_t n)
{
    llm_stream_ev_t  ev;

    if (n == 0) {
        return 0;
    }

    if (s->think_on) {
        return llm_think_feed(&s->think, p, n, llm_stream_think_out, s);
    }

    memset(&ev, 0, sizeof(ev));
    ev.type = LLM_EV_TEXT;
    llm_str_set(&ev.text, p, n);

    return llm_stream_emit(s, &ev);
}


int
llm_stream_think_flush(llm_stream_t *s)
{
    if (!s->think_on) {
        return 0;
    }

    s->think_on = 0;

    return llm_think_finish(&s->think, llm_stream_think_out, s);
}


static int
llm_stream_encode(llm_stream_t *s, const llm_stream_ev_t *ev)
{
    int              rc;
    size_t           mark;
    llm_stream_ev_t  eev;

    mark = s->out.len;

    rc = s->enc->encode(s, ev);

    /* the decoder and the encoder build values without testing each:
     * an allocation refused since the event began may have left a part
     * out of this one (llm_arena.h) */
    if (s->nomem || s->scratch.failures != s->scratch_failures) {
        s->scratch_failures = s->scratch.failures;
        s->nomem = 0;
        llm_error_set(&s->err, LLM_ERR_SERVER, "out of memory");
        rc = -1;
    }

    if (ev->type == LLM_EV_ERROR) {
        s->terminal = 1;
        s->failed = 1;
        return -1;
    }

    if (rc == 0) {
        return 0;
    }

    /* a half-written event is worse than none */
    s->out.len = mark;

    memset(&eev, 0, sizeof(eev));
    eev.type = LLM_EV_ERROR;
    eev.err = &s->err;
    s->enc->encode(s, &eev);
    s->nomem = 0;
    s->terminal = 1;
    s->failed = 1;
    return -1;
}


static int
llm_stream_fail_err(llm_stream_t *s)
{
    llm_stream_ev_t  ev;

    memset(&ev, 0, sizeof(ev));
    ev.type = LLM_EV_ERROR;
    ev.err = &s->err;
    return llm_stream_emit(s, &ev);
}


int
llm_stream_fail(llm_stream_t *s, llm_err_kind_e kind, const char *msg)
{
    if (s->terminal) {
        return -1;
    }

    llm_error_set(&s->err, kind, "%s", msg);
    return llm_stream_fail_err(s);
}


void
llm_stream_set_id(llm_stream_t *s, const char *p, size_t n)
{
    if (s->id.len || n == 0) {
        return;
    }

    if (llm_buf_add(&s->id, p, n < LLM_STREAM_ID_MAX ? n : LLM_STREAM_ID_MAX)
        != 0)
    {
        s->nomem = 1;
    }
}


void
llm_stream_set_model(llm_stream_t *s, const char *p, size_t n)
{
    /* the upstream's model replaces the client's, once, before start */
    if (s->model_set || s->started || n == 0) {
        return;
    }

    s->model_set = 1;
    s->model.len = 0;
    if (llm_buf_add(&s->model, p, n < LLM_STREAM_ID_MAX ? n : LLM_STREAM_ID_MAX)
        != 0)
    {
        s->nomem = 1;
    }
}


json_t *
llm_stream_json(const llm_sse_event_t *ev)
{
    return llm_json_loadb(ev->data, ev->data_len, JSON_ALLOW_NUL, NULL);
}


static llm_stream_tool_t *
llm_stream_tool_new(llm_stream_t *s, const llm_stream_ev_t *ev)
{
    size_t              cap;
    llm_stream_tool_t  *t, *tools;

    if (s->ntools == LLM_STREAM_MAX_TOOLS) {
        llm_stream_fail(s, LLM_ERR_BAD_GATEWAY,
                        "too many tool calls in upstream stream");
        return NULL;
    }

    if (s->ntools == s->tools_cap) {
        cap = s->tools_cap ? s->tools_cap * 2 : 4;
        tools = realloc(s->tools, cap * sizeof(llm_stream_tool_t));
        if (tools == NULL) {
            llm_stream_fail(s, LLM_ERR_SERVER, "out of memory");
            return NULL;
        }
        s->tools = tools;
        s->tools_cap = cap;
    }

    t = &s->tools[s->ntools];
    memset(t, 0, sizeof(llm_stream_tool_t));

    t->id = malloc(ev->id.len + ev->name.len + 2);
    if (t->id == NULL) {
        llm_stream_fail(s, LLM_ERR_SERVER, "out of memory");
        return NULL;
    }

    if (ev->id.len) {
        memcpy(t->id, ev->id.data, ev->id.len);
    }
    t->id[ev->id.len] = '\0';
    t->id_len = ev->id.len;

    t->name = t->id + ev->id.len + 1;
    if (ev->name.len) {
        memcpy(t->name, ev->name.data, ev->name.len);
    }
    t->name[ev->name.len] = '\0';
    t->name_len = ev->name.len;

    s->ntools++;

    return t;
}


/* Tracks whether a call's arguments so far form a whole JSON value: an
 * encoder that must keep blocks sequential may then close the call. */

static void
llm_stream_scan(llm_stream_tool_t *t, const char *p, size_t n)
{
    char    c;
    size_t  i;

    for (i = 0; i < n; i++) {
        c = p[i];

        if (t->in_str) {
            if (t->esc) {
                t->esc = 0;

            } else if (c == '\\') {
                t->esc = 1;

            } else if (c == '"') {
                t->in_str = 0;
            }

            continue;
        }

        switch (c) {
        case ' ': case '\t': case '\r': case '\n':
            break;

        case '"':
            t->in_str = 1;
            t->begun = 1;
            break;

        case '{': case '[':
            t->depth++;
            t->begun = 1;
            t->complete = 0;
            break;

        case '}': case ']':
            if (t->depth && --t->depth == 0) {
                t->complete = 1;
            }
            break;

        default:
            t->begun = 1;
            break;
        }
    }
}


int
llm_stream_tool_buffer(llm_stream_t *s, llm_stream_tool_t *t, const char *p,
    size_t n)
{
    if (s->tool_bytes + n > s->max_event) {
        llm_error_set(&s->err, LLM_ERR_BAD_GATEWAY,
                      "buffered tool arguments exceed %zu bytes",
                      s->max_event);
        return -1;
    }

    if (llm_buf_add(&t->args, p, n) != 0) {
        s->nomem = 1;
        return -1;
    }

    s->tool_bytes += n;
    return 0;
}


void
llm_stream_tool_release(llm_stream_t *s, llm_stream_tool_t *t)
{
    s->tool_bytes -= t->args.len;
    llm_buf_free(&t->args);
}


/* errors */

typedef struct {
    const char      *name;
    llm_err_kind_e   kind;
} llm_stream_err_name_t;


/* the error names of all dialects, which do not collide */
static const llm_stream_err_name_t  llm_stream_err_names[] = {
    { "invalid_request_error", LLM_ERR_INVALID_REQUEST },
    { "exceed_context_size_error", LLM_ERR_INVALID_REQUEST },
    { "not_supported_error", LLM_ERR_INVALID_REQUEST },
    { "authentication_error", LLM_ERR_AUTHENTICATION },
    { "invalid_api_key", LLM_ERR_AUTHENTICATION },
    { "permission_error", LLM_ERR_PERMISSION },
    { "not_found_error", LLM_ERR_NOT_FOUND },
    { "model_not_found", LLM_ERR_NOT_FOUND },
    { "request_too_large", LLM_ERR_TOO_LARGE },
    { "rate_limit_error", LLM_ERR_RATE_LIMIT },
    { "rate_limit_exceeded", LLM_ERR_RATE_LIMIT },
    { "insufficient_quota", LLM_ERR_QUOTA },
    { "billing_error", LLM_ERR_QUOTA },
    { "api_error", LLM_ERR_SERVER },
    { "server_error", LLM_ERR_SERVER },
    { "timeout_error", LLM_ERR_TIMEOUT },
    { "overloaded_error", LLM_ERR_OVERLOADED },
    { "service_unavailable_error", LLM_ERR_OVERLOADED },
    { "unavailable_error", LLM_ERR_OVERLOADED },
    { "server_is_overloaded", LLM_ERR_OVERLOADED },
    { "INVALID_ARGUMENT", LLM_ERR_INVALID_REQUEST },
    { "FAILED_PRECONDITION", LLM_ERR_INVALID_REQUEST },
    { "OUT_OF_RANGE", LLM_ERR_INVALID_REQUEST },
    { "UNAUTHENTICATED", LLM_ERR_AUTHENTICATION },
    { "PERMISSION_DENIED", LLM_ERR_PERMISSION },
    { "NOT_FOUND", LLM_ERR_NOT_FOUND },
    { "RESOURCE_EXHAUSTED", LLM_ERR_RATE_LIMIT },
    { "INTERNAL", LLM_ERR_SERVER },
    { "UNKNOWN", LLM_ERR_SERVER },
    { "UNAVAILABLE", LLM_ERR_OVERLOADED },
    { "DEADLINE_EXCEEDED", LLM_ERR_TIMEOUT },
    { NULL, LLM_ERR_NONE }
};


static llm_err_kind_e
llm_stream_err_kind(json_t *j)
{
    const char                   *name;
    const llm_stream_err_name_t  *n;

    name = json_string_value(j);
    if (name == NULL) {
        return LLM_ERR_NONE;
    }

    for (n = llm_stream_err_names; n->name; n++) {
        if (strcmp(n->name, name) == 0) {
            return n->kind;
        }
    }

    return LLM_ERR_NONE;
}


int
llm_stream_upstream_error(llm_stream_t *s, json_t *body)
{
    size_t           n;
    json_t          *e, *code;
    const char      *msg;
    json_int_t       status;
    llm_err_kind_e   kind;

    e = json_object_get(body, "error");
    if (json_is_string(e)) {
        msg = json_string_value(e);
        e = body;

    } else {
        if (!json_is_object(e)) {
            /* vLLM's older flat form */
            e = body;
        }
        msg = json_string_value(json_object_get(e, "message"));
    }

    kind = llm_stream_err_kind(json_object_get(e, "type"));

    if (kind == LLM_ERR_NONE) {
        kind = llm_stream_err_kind(json_object_get(e, "status"));
    }

    code = json_object_get(e, "code");
    if (kind == LLM_ERR_NONE) {
        kind = llm_stream_err_kind(code);
    }

    if (kind == LLM_ERR_NONE && json_is_integer(code)) {
        status = json_integer_value(code);
        if (status >= 400 && status <= 599) {
            kind = llm_err_kind_from_status((int) status);
        }
    }

    if (kind == LLM_ERR_NONE) {
        kind = LLM_ERR_SERVER;
    }

    llm_error_set(&s->err, kind, "%s", msg ? msg : "upstream error");

    /* a cut message must not end inside a UTF-8 sequence */
    n = strlen(s->err.message);
    if (n == sizeof(s->err.message) - 1) {
        while (n && ((unsigned char) s->err.message[n - 1] & 0xc0) == 0x80) {
            n--;
        }
        if (n && ((unsigned char) s->err.message[n - 1] & 0x80)) {
            n--;
        }
        s->err.message[n] = '\0';
    }

    return s->terminal ? -1 : llm_stream_fail_err(s);
}


const char *
llm_stream_err_openai_type(llm_err_kind_e kind)
{
    switch (kind) {
    case LLM_ERR_INVALID_REQUEST:
    case LLM_ERR_NOT_FOUND:
    case LLM_ERR_TOO_LARGE:
        return "invalid_request_error";
    case LLM_ERR_AUTHENTICATION:
        return "authentication_error";
    case LLM_ERR_PERMISSION:
        return "permission_error";
    case LLM_ERR_RATE_LIMIT:
        return "rate_limit_error";
    case LLM_ERR_QUOTA:
        return "insufficient_quota";
    case LLM_ERR_OVERLOADED:
        return "service_unavailable_error";
    default:
        return "server_error";
    }
}


const char *
llm_stream_err_openai_code(llm_err_kind_e kind)
{
    switch (kind) {
    case LLM_ERR_AUTHENTICATION:
        return "invalid_api_key";
    case LLM_ERR_NOT_FOUND:
        return "model_not_found";
    case LLM_ERR_TOO_LARGE:
        return "request_too_large";
    case LLM_ERR_RATE_LIMIT:
        return "rate_limit_exceeded";
    case LLM_ERR_QUOTA:
        return "insufficient_quota";
    case LLM_ERR_OVERLOADED:
        return "server_is_overloaded";
    case LLM_ERR_TIMEOUT:
        return "timeout";
    case LLM_ERR_SERVER:
    case LLM_ERR_BAD_GATEWAY:
        return "server_error";
    default:
        return NULL;
    }
}


const char *
llm_stream_err_anthropic_type(llm_err_kind_e kind)
{
    switch (kind) {
    case LLM_ERR_INVALID_REQUEST:
        return "invalid_request_error";
    case LLM_ERR_AUTHENTICATION:
        return "authentication_error";
    case LLM_ERR_PERMISSION:
        return "permission_error";
    case LLM_ERR_NOT_FOUND:
        return "not_found_error";
    case LLM_ERR_TOO_LARGE:
        return "request_too_large";
    case LLM_ERR_RATE_LIMIT:
        return "rate_limit_error";
    case LLM_ERR_QUOTA:
        return "billing_error";
    case LLM_ERR_OVERLOADED:
        return "overloaded_error";
    case LLM_ERR_TIMEOUT:
        return "timeout_error";
    default:
        return "api_error";
    }
}


const char *
llm_stream_err_gemini_status(llm_err_kind_e kind)
{
    switch (kind) {
    case LLM_ERR_INVALID_REQUEST:
    case LLM_ERR_TOO_LARGE:
        return "INVALID_ARGUMENT";
    case LLM_ERR_AUTHENTICATION:
        return "UNAUTHENTICATED";
    case LLM_ERR_PERMISSION:
        return "PERMISSION_DENIED";
    case LLM_ERR_NOT_FOUND:
        return "NOT_FOUND";
    case LLM_ERR_RATE_LIMIT:
    case LLM_ERR_QUOTA:
        return "RESOURCE_EXHAUSTED";
    case LLM_ERR_OVERLOADED:
        return "UNAVAILABLE";
    case LLM_ERR_TIMEOUT:
        return "DEADLINE_EXCEEDED";
    default:
        return "INTERNAL";
    }
}


/* signatures */

void
llm_out_signature(llm_stream_t *s, const llm_str_t *sig,
    llm_dialect_e origin)
{
    const char  *name;

    if (origin == LLM_DIALECT_NONE || origin == s->client) {
        llm_out_str(s, sig->data, sig->len);
        return;
    }

    name = llm_dialect_name(origin);

    llm_out_lit(s, "\"llm:");
    llm_out_raw(s, name, strlen(name));
    llm_out_lit(s, ":");
    llm_out_esc(s, sig->data, sig->len);
    llm_out_lit(s, "\"");
}


llm_dialect_e
llm_stream_sig_origin(llm_str_t *sig, llm_dialect_e dflt)
{
    size_t         i;
    llm_dialect_e  d;

    if (sig->len < 5 || memcmp(sig->data, "llm:", 4) != 0) {
        return dflt;
    }

    for (i = 4; i < sig->len && sig->data[i] != ':'; i++) {
        /* void */
    }

    if (i == sig->len) {
        return dflt;
    }

    d = llm_dialect_from_name(sig->data + 4, i - 4);
    if (d == LLM_DIALECT_NONE) {
        return dflt;
    }

    sig->data += i + 1;
    sig->len -= i + 1;
    return d;
}


/* output */

void
llm_out_raw(llm_stream_t *s, const char *p, size_t n)
{
    if (llm_buf_add(&s->out, p, n) != 0) {
        s->nomem = 1;
    }
}


void
llm_out_esc(llm_stream_t *s, const char *p, size_t n)
{
    char                  esc[6];
    size_t                i, run;
    unsigned char         c;
    static const char     hex[] = "0123456789abcdef";

    if (n == 0) {
        /* p may be NULL */
        return;
    }

    run = 0;

    for (i = 0; i < n; i++) {
        c = (unsigned char) p[i];

        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }

        llm_out_raw(s, p + run, i - run);
        run = i + 1;

        esc[0] = '\\';

        switch (c) {
        case '"': case '\\':
            esc[1] = c;
            llm_out_raw(s, esc, 2);
            break;
        case '\n':
            llm_out_lit(s, "\\n");
            break;
        case '\r':
            llm_out_lit(s, "\\r");
            break;
        case '\t':
            llm_out_lit(s, "\\t");
            break;
        case '\b':
            llm_out_lit(s, "\\b");
            break;
        case '\f':
            llm_out_lit(s, "\\f");
            break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 0xf];
            llm_out_raw(s, esc, 6);
            break;
        }
    }

    llm_out_raw(s, p + run, n - run);
}


void
llm_out_str(llm_stream_t *s, const char *p, size_t n)
{
    llm_out_lit(s, "\"");
    llm_out_esc(s, p, n);
    llm_out_lit(s, "\"");
}


void
llm_out_int(llm_stream_t *s, int64_t v)
{
    int   n;
    char  buf[24];

    n = snprintf(buf, sizeof(buf), "%lld", (long long) v);
    llm_out_raw(s, buf, n);
}


void
llm_out_json(llm_stream_t *s, json_t *j)
{
    if (j == NULL) {
        s->nomem = 1;
        return;
    }

    if (llm_json_write(j, &s->out) != 0) {
        s->nomem = 1;
    }

    json_decref(j);
}


/* Call ids for upstreams that send none (Gemini): "call_" and 24 hex
 * digits of a hash of the message id and the call's ordinal, stable
 * for the same upstream answer (dialects.md 5.4). */

void
llm_stream_synth_id(llm_stream_t *s, size_t n, char *buf)
{
    size_t              i, k;
    uint64_t            h[2];
    unsigned char       c;
    static const char   hex[] = "0123456789abcdef";

    h[0] = 0xcbf29ce484222325ULL;
    h[1] = 0x84222325cbf29ce4ULL;

    for (k = 0; k < 2; k++) {
        for (i = 0; i < s->id.len; i++) {
            h[k] = (h[k] ^ (unsigned char) s->id.data[i]) * 0x100000001b3ULL;
        }
        for (i = 0; i < 8; i++) {
            c = (unsigned char) (((uint64_t) s->created
                                  ^ ((uint64_t) n << 32)) >> (i * 8));
            h[k] = (h[k] ^ c) * 0x100000001b3ULL;
        }
    }

    memcpy(buf, "call_", 5);
    for (i = 0; i < 24; i++) {
        c = (unsigned char) (h[i / 16] >> ((i % 16) * 4));
        buf[5 + i] = hex[c & 0xf];
    }
    buf[29] = '\0';
}
