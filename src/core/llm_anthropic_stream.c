/*
 * Anthropic Messages streams (dialects.md 3.5): event decoder and
 * encoder.  The encoder keeps Anthropic's strictly sequential content
 * blocks whatever the upstream does: a block is closed when another
 * starts, and tool calls an upstream interleaves (OpenAI tool_calls
 * fragments of calls 0 and 1 alternating) are held back until the open
 * call's arguments form a whole JSON value, then shown one after the
 * other (dialects.md 6.4).
 */

#include <string.h>

#include "llm_stream.h"
#include "llm_map.h"


enum {
    LLM_ABLOCK_NONE = 0,
    LLM_ABLOCK_TEXT,
    LLM_ABLOCK_THINKING,
    LLM_ABLOCK_TOOL,
    LLM_ABLOCK_OTHER          /* upstream blocks not translated */
};


static int llm_anthropic_stream_decode(llm_stream_t *s,
    const llm_sse_event_t *sev);
static int llm_anthropic_decode_start(llm_stream_t *s, json_t *cb);
static int llm_anthropic_decode_delta(llm_stream_t *s, json_t *d);
static int llm_anthropic_stream_encode(llm_stream_t *s,
    const llm_stream_ev_t *ev);


const llm_stream_codec_t  llm_anthropic_stream_codec = {
    LLM_DIALECT_ANTHROPIC,
    llm_anthropic_stream_decode,
    llm_anthropic_stream_encode
};


static int
llm_anthropic_emit_str(llm_stream_t *s, llm_stream_ev_e type, json_t *v)
{
    llm_stream_ev_t  ev;

    if (!json_is_string(v) || json_string_length(v) == 0) {
        return 0;
    }

    memset(&ev, 0, sizeof(ev));
    ev.type = type;
    llm_json_str(v, &ev.text);
    return llm_stream_emit(s, &ev);
}


static int
llm_anthropic_stream_decode(llm_stream_t *s, const llm_sse_event_t *sev)
{
    int               rc;
    json_t           *j, *m, *v;
    const char       *type;
    llm_stream_ev_t   ev;

    j = llm_stream_json(sev);
    if (!json_is_object(j)) {
        json_decref(j);
        return llm_stream_fail(s, LLM_ERR_BAD_GATEWAY,
                               "upstream sent invalid JSON in stream");
    }

    /* "type" repeats the event name; it wins */
    type = json_string_value(json_object_get(j, "type"));
    if (type == NULL) {
        type = sev->event;
    }

    memset(&ev, 0, sizeof(ev));
    rc = 0;

    if (strcmp(type, "content_block_delta") == 0) {
        rc = llm_anthropic_decode_delta(s, json_object_get(j, "delta"));

    } else if (strcmp(type, "content_block_start") == 0) {
        rc = llm_anthropic_decode_start(s,
                                        json_object_get(j, "content_block"));

    } else if (strcmp(type, "content_block_stop") == 0) {
        if (s->dblock == LLM_ABLOCK_TOOL) {
            ev.type = LLM_EV_TOOL_END;
            ev.tool = s->dtool;
            rc = llm_stream_emit(s, &ev);

        } else if (s->dblock != LLM_ABLOCK_OTHER) {
            ev.type = LLM_EV_BLOCK_END;
            rc = llm_stream_emit(s, &ev);
        }
        s->dblock = LLM_ABLOCK_NONE;

    } else if (strcmp(type, "message_start") == 0) {
        m = json_object_get(j, "message");
        v = json_object_get(m, "id");
        if (json_is_string(v)) {
            llm_stream_set_id(s, json_string_value(v), json_string_length(v));
        }
        v = json_object_get(m, "model");
        if (json_is_string(v)) {
            llm_stream_set_model(s, json_string_value(v),
                                 json_string_length(v));
        }
        llm_usage_from_anthropic(json_object_get(m, "usage"), &s->usage);
        ev.type = LLM_EV_START;
        rc = llm_stream_emit(s, &ev);

    } else if (strcmp(type, "message_delta") == 0) {
        llm_usage_from_anthropic(json_object_get(j, "usage"), &s->usage);

        m = json_object_get(j, "delta");
        v = json_object_get(m, "stop_reason");
        if (json_is_string(v)) {
            ev.type = LLM_EV_STOP;
            ev.stop = llm_stop_from_anthropic(json_string_value(v));
            llm_json_str(json_object_get(m, "stop_sequence"), &ev.text);
            rc = llm_stream_emit(s, &ev);
        }

    } else if (strcmp(type, "message_stop") == 0) {
        ev.type = LLM_EV_END;
        rc = llm_stream_emit(s, &ev);

    } else if (strcmp(type, "ping") == 0) {
        ev.type = LLM_EV_PING;
        rc = llm_stream_emit(s, &ev);

    } else if (strcmp(type, "error") == 0
               || strcmp(sev->event, "error") == 0)
    {
        rc = llm_stream_upstream_error(s, j);
    }

    /* unknown event types are ignored: the API adds new ones */

    json_decref(j);
    return rc;
}


static int
llm_anthropic_decode_start(llm_stream_t *s, json_t *cb)
{
    int               rc;
    char             *args;
    json_t           *input;
    const char       *type;
    llm_stream_ev_t   ev;

    type = json_string_value(json_object_get(cb, "type"));
    if (type == NULL) {
        s->dblock = LLM_ABLOCK_OTHER;
        return 0;
    }

    if (strcmp(type, "text") == 0) {
        s->dblock = LLM_ABLOCK_TEXT;
        return llm_anthropic_emit_str(s, LLM_EV_TEXT,
                                      json_object_get(cb, "text"));
    }

    if (strcmp(type, "thinking") == 0) {
        s->dblock = LLM_ABLOCK_THINKING;
        return llm_anthropic_emit_str(s, LLM_EV_REASONING,
                                      json_object_get(cb, "thinking"));
    }

    s->dblock = LLM_ABLOCK_OTHER;

    if (strcmp(type, "redacted_thinking") == 0) {
        return llm_anthropic_emit_str(s, LLM_EV_REDACTED,
                                      json_object_get(cb, "data"));
    }

    /* server_tool_use and *_tool_result ran upstream: not client calls */
    if (strcmp(type, "tool_use") != 0) {
        return 0;
    }

    memset(&ev, 0, sizeof(ev));
    ev.type = LLM_EV_TOOL_START;
    llm_json_str(json_object_get(cb, "id"), &ev.id);
    llm_json_str(json_object_get(cb, "name"), &ev.name);

    args = NULL;
    input = json_object_get(cb, "input");
    if (json_is_object(input) && json_object_size(input)) {
        args = json_dumps(input, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (args == NULL) {
            return llm_stream_fail(s, LLM_ERR_SERVER, "out of memory");
        }
        ev.text.data = args;
        ev.text.len = strlen(args);
    }

    rc = llm_stream_emit(s, &ev);
    if (args) {
        llm_json_free_str(args);
    }

    s->dblock = LLM_ABLOCK_TOOL;
    s->dtool = ev.tool;

    return rc;
}


static int
llm_anthropic_decode_delta(llm_stream_t *s, json_t *d)
{
    const char       *type;
    llm_stream_ev_t   ev;

    type = json_string_value(json_object_get(d, "type"));
    if (type == NULL) {
        return 0;
    }

    if (strcmp(type, "text_delta") == 0) {
        return llm_anthropic_emit_str(s, LLM_EV_TEXT,
                                      json_object_get(d, "text"));
    }

    if (strcmp(type, "thinking_delta") == 0) {
        return llm_anthropic_emit_str(s, LLM_EV_REASONING,
                                      json_object_get(d, "thinking"));
    }

    memset(&ev, 0, sizeof(ev));

    if (strcmp(type, "input_json_delta") == 0) {
        if (s->dblock != LLM_ABLOCK_TOOL
            || llm_json_str(json_object_get(d, "partial_json"), &ev.text) != 0
            || ev.text.len == 0)
        {
            return 0;
        }
        ev.type = LLM_EV_TOOL_ARGS;
        ev.tool = s->dtool;
        return llm_stream_emit(s, &ev);
    }

    if (strcmp(type, "signature_delta") == 0) {
        if (llm_json_str(json_object_get(d, "signature"), &ev.text) != 0
            || ev.text.len == 0)
        {
            return 0;
        }
        ev.type = LLM_EV_SIGNATURE;
        ev.origin = llm_stream_sig_origin(&ev.text, LLM_DIALECT_ANTHROPIC);
        return llm_stream_emit(s, &ev);
    }

    /* citations_delta and newer kinds: not translated */
    return 0;
}


/* encoder */

static void
llm_anthropic_event(llm_stream_t *s, const char *name, size_t len)
{
    llm_out_lit(s, "event: ");
    llm_out_raw(s, name, len);
    llm_out_lit(s, "\ndata: ");
}

#define llm_anthropic_ev(s, lit)  llm_anthropic_event(s, lit, sizeof(lit) - 1)


static void
llm_anthropic_block_start(llm_stream_t *s, int kind)
{
    llm_anthropic_ev(s, "content_block_start");
    llm_out_lit(s, "{\"type\":\"content_block_start\",\"index\":");
    llm_out_int(s, (int64_t) s->eindex);
    llm_out_lit(s, ",\"content_block\":");
    s->eblock = kind;
    s->eindex++;
}


static void
llm_anthropic_delta(llm_stream_t *s, const char *type, size_t len)
{
    llm_anthropic_ev(s, "content_block_delta");
    llm_out_lit(s, "{\"type\":\"content_block_delta\",\"index\":");
    llm_out_int(s, (int64_t) s->eindex - 1);
    llm_out_lit(s, ",\"delta\":{\"type\":\"");
    llm_out_raw(s, type, len);
    llm_out_lit(s, "\",");
}


static void
llm_anthropic_close(llm_stream_t *s)
{
    if (s->eblock == LLM_ABLOCK_NONE) {
        return;
    }

    if (s->eblock == LLM_ABLOCK_TOOL) {
        s->tools[s->etool].closed = 1;
    }

    llm_anthropic_ev(s, "content_block_stop");
    llm_out_lit(s, "{\"type\":\"content_block_stop\",\"index\":");
    llm_out_int(s, (int64_t) s->eindex - 1);
    llm_out_lit(s, "}\n\n");

    s->eblock = LLM_ABLOCK_NONE;
}


static void
llm_anthropic_open_tool(llm_stream_t *s, size_t k)
{
    llm_stream_tool_t  *t;

    t = &s->tools[k];

    llm_anthropic_block_start(s, LLM_ABLOCK_TOOL);
    llm_out_lit(s, "{\"type\":\"tool_use\",\"id\":");
    llm_out_str(s, t->id, t->id_len);
    llm_out_lit(s, ",\"name\":");
    llm_out_str(s, t->name, t->name_len);
    llm_out_lit(s, ",\"input\":{}}}\n\n");

    s->etool = k;
    t->opened = 1;

    if (t->args.len) {
        llm_anthropic_delta(s, "input_json_delta", 16);
        llm_out_lit(s, "\"partial_json\":");
        llm_out_str(s, t->args.data, t->args.len);
        llm_out_lit(s, "}}\n\n");
        llm_stream_tool_release(s, t);
    }
}


/* Shows the calls held back, in order.  Each is closed when its
 * arguments are whole (or when everything must close); the first that
 * is not stays open and streams on. */

static void
llm_anthropic_drain(llm_stream_t *s, int all)
{
    llm_stream_tool_t  *t;

    while (s->eblock != LLM_ABLOCK_TOOL && s->epending < s->ntools) {
        t = &s->tools[s->epending++];

        llm_anthropic_open_tool(s, t - s->tools);

        if (all || t->complete || t->ended) {
            llm_anthropic_close(s);
        }
    }
}


static void
llm_anthropic_leave(llm_stream_t *s)
{
    llm_anthropic_close(s);
    llm_anthropic_drain(s, 1);
}


static void
llm_anthropic_encode_error(llm_stream_t *s, const llm_error_t *err)
{
    const char  *type;

    type = llm_stream_err_anthropic_type(err->kind);

    llm_anthropic_ev(s, "error");
    llm_out_lit(s, "{\"type\":\"error\",\"error\":{\"type\":\"");
    llm_out_raw(s, type, strlen(type));
    llm_out_lit(s, "\",\"message\":");
    llm_out_str(s, err->message, strlen(err->message));
    llm_out_lit(s, "}}\n\n");
}


static void
llm_anthropic_encode_start(llm_stream_t *s)
{
    char  synth[40];

    llm_anthropic_ev(s, "message_start");
    llm_out_lit(s, "{\"type\":\"message_start\",\"message\":{\"id\":\"");

    if (s->id.len == 0) {
        llm_stream_synth_id(s, 0, synth);
        llm_out_lit(s, "msg_");
        llm_out_raw(s, synth + 5, strlen(synth + 5));

    } else {
        if (s->id.len < 4 || memcmp(s->id.data, "msg_", 4) != 0) {
            llm_out_lit(s, "msg_");
        }
        llm_out_esc(s, s->id.data, s->id.len);
    }

    llm_out_lit(s, "\",\"type\":\"message\",\"role\":\"assistant\","
                "\"model\":");
    llm_out_str(s, s->model.data ? s->model.data : "", s->model.len);
    llm_out_lit(s, ",\"content\":[],\"stop_reason\":null,"
                "\"stop_sequence\":null,\"usage\":");
    llm_out_json(s, llm_usage_to_anthropic(&s->usage));
    llm_out_lit(s, "}}\n\n");
}


static void
llm_anthropic_encode_end(llm_stream_t *s)
{
    const char  *stop;

    llm_anthropic_leave(s);

    stop = llm_stop_to_anthropic(s->stop);

    llm_anthropic_ev(s, "message_delta");
    llm_out_lit(s, "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"");
    llm_out_raw(s, stop, strlen(stop));
    llm_out_lit(s, "\",\"stop_sequence\":");

    if (s->stop == LLM_STOP_STOP_SEQUENCE && s->stop_seq.len) {
        llm_out_str(s, s->stop_seq.data, s->stop_seq.len);

    } else {
        llm_out_lit(s, "null");
    }

    llm_out_lit(s, "},\"usage\":");
    llm_out_json(s, llm_usage_to_anthropic(&s->usage));
    llm_out_lit(s, "}\n\n");

    llm_anthropic_ev(s, "message_stop");
    llm_out_lit(s, "{\"type\":\"message_stop\"}\n\n");
}


static int
llm_anthropic_encode_tool(llm_stream_t *s, const llm_stream_ev_t *ev)
{
    llm_stream_tool_t  *t;

    t = &s->tools[ev->tool];

    switch (ev->type) {

    case LLM_EV_TOOL_START:
        /* arguments sent with the start go through the buffer */
        if (ev->text.len
            && llm_stream_tool_buffer(s, t, ev->text.data, ev->text.len) != 0)
        {
            return -1;
        }

        if (s->eblock == LLM_ABLOCK_TOOL) {
            t = &s->tools[s->etool];
            if (!t->complete && !t->ended) {
                /* the open call is not done: this one waits */
                return 0;
            }
        }

        llm_anthropic_close(s);
        llm_anthropic_drain(s, 0);
        return 0;

    case LLM_EV_TOOL_ARGS:
        if (s->eblock == LLM_ABLOCK_TOOL && s->etool == ev->tool) {
            llm_anthropic_delta(s, "input_json_delta", 16);
            llm_out_lit(s, "\"partial_json\":");
            llm_out_llm_str(s, &ev->text);
            llm_out_lit(s, "}}\n\n");

            if (t->complete && s->epending < s->ntools) {
                llm_anthropic_close(s);
                llm_anthropic_drain(s, 0);
            }
            return 0;
        }

        if (ev->tool >= s->epending) {
            return llm_stream_tool_buffer(s, t, ev->text.data, ev->text.len);
        }

        /* a call already closed cannot be reopened: drop */
        return 0;

    default: /* LLM_EV_TOOL_END */
        if (s->eblock == LLM_ABLOCK_TOOL && s->etool == ev->tool) {
            llm_anthropic_close(s);
            llm_anthropic_drain(s, 0);
        }
        return 0;
    }
}


static int
llm_anthropic_stream_encode(llm_stream_t *s, const llm_stream_ev_t *ev)
{
    switch (ev->type) {

    case LLM_EV_START:
        llm_anthropic_encode_start(s);
        return 0;

    case LLM_EV_TEXT:
        if (s->eblock != LLM_ABLOCK_TEXT) {
            llm_anthropic_leave(s);
            llm_anthropic_block_start(s, LLM_ABLOCK_TEXT);
            llm_out_lit(s, "{\"type\":\"text\",\"text\":\"\"}}\n\n");
        }
        llm_anthropic_delta(s, "text_delta", 10);
        llm_out_lit(s, "\"text\":");
        llm_out_llm_str(s, &ev->text);
        llm_out_lit(s, "}}\n\n");
        return 0;

    case LLM_EV_REASONING:
    case LLM_EV_SIGNATURE:
        if (s->eblock != LLM_ABLOCK_THINKING) {
            llm_anthropic_leave(s);
            llm_anthropic_block_start(s, LLM_ABLOCK_THINKING);
            llm_out_lit(s, "{\"type\":\"thinking\",\"thinking\":\"\"}}\n\n");
        }

        if (ev->type == LLM_EV_REASONING) {
            llm_anthropic_delta(s, "thinking_delta", 14);
            llm_out_lit(s, "\"thinking\":");
            llm_out_llm_str(s, &ev->text);

        } else {
            llm_anthropic_delta(s, "signature_delta", 15);
            llm_out_lit(s, "\"signature\":");
            llm_out_signature(s, &ev->text, ev->origin);
        }

        llm_out_lit(s, "}}\n\n");
        return 0;

    case LLM_EV_REDACTED:
        llm_anthropic_leave(s);
        llm_anthropic_block_start(s, LLM_ABLOCK_OTHER);
        llm_out_lit(s, "{\"type\":\"redacted_thinking\",\"data\":");
        llm_out_llm_str(s, &ev->text);
        llm_out_lit(s, "}}\n\n");
        llm_anthropic_close(s);
        return 0;

    case LLM_EV_TOOL_START:
    case LLM_EV_TOOL_ARGS:
    case LLM_EV_TOOL_END:
        return llm_anthropic_encode_tool(s, ev);

    case LLM_EV_BLOCK_END:
        if (s->eblock == LLM_ABLOCK_TEXT || s->eblock == LLM_ABLOCK_THINKING) {
            llm_anthropic_close(s);
        }
        return 0;

    case LLM_EV_PING:
        llm_anthropic_ev(s, "ping");
        llm_out_lit(s, "{\"type\":\"ping\"}\n\n");
        return 0;

    case LLM_EV_END:
        llm_anthropic_encode_end(s);
        return 0;

    case LLM_EV_ERROR:
        llm_anthropic_encode_error(s, ev->err);
        return 0;

    default:
        return 0;
    }
}
