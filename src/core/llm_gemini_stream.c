/*
 * Gemini streamGenerateContent (dialects.md 4.6): chunk decoder and
 * encoder.  The framer hands over chunks from SSE (alt=sse) and from the
 * JSON array form alike.  Gemini sends whole function calls, so the
 * decoder gives each call's arguments with its start; the encoder holds
 * other dialects' argument fragments until a call's JSON is whole.
 */

#include <stdlib.h>
#include <string.h>

#include "llm_json.h"
#include "llm_stream.h"
#include "llm_map.h"


static int llm_gemini_stream_decode(llm_stream_t *s,
    const llm_sse_event_t *sev);
static int llm_gemini_decode_part(llm_stream_t *s, json_t *part);
static int llm_gemini_stream_encode(llm_stream_t *s,
    const llm_stream_ev_t *ev);


const llm_stream_codec_t  llm_gemini_stream_codec = {
    LLM_DIALECT_GEMINI,
    llm_gemini_stream_decode,
    llm_gemini_stream_encode
};


static int
llm_gemini_stream_decode(llm_stream_t *s, const llm_sse_event_t *sev)
{
    int               rc;
    json_t           *j, *v, *cands, *cand, *parts;
    size_t            i;
    llm_stream_ev_t   ev;

    j = llm_stream_json(sev);
    if (!json_is_object(j)) {
        json_decref(j);
        return llm_stream_fail(s, LLM_ERR_BAD_GATEWAY,
                               "upstream sent invalid JSON in stream");
    }

    v = json_object_get(j, "error");
    if (v && !json_is_null(v)) {
        rc = llm_stream_upstream_error(s, j);
        json_decref(j);
        return rc;
    }

    memset(&ev, 0, sizeof(ev));
    rc = -1;

    /* cumulative; early chunks carry only some fields.  Read before
     * the start: an Anthropic client's message_start shows the input */
    llm_usage_from_gemini(json_object_get(j, "usageMetadata"), &s->usage);

    if (!s->started) {
        v = json_object_get(j, "responseId");
        if (json_is_string(v)) {
            llm_stream_set_id(s, json_string_value(v), json_string_length(v));
        }
        v = json_object_get(j, "modelVersion");
        if (json_is_string(v)) {
            llm_stream_set_model(s, json_string_value(v),
                                 json_string_length(v));
        }

        ev.type = LLM_EV_START;
        if (llm_stream_emit(s, &ev) != 0) {
            goto done;
        }
    }

    /* candidateCount > 1 is not translated: candidate 0 only */
    cands = json_object_get(j, "candidates");
    cand = NULL;
    for (i = 0; i < json_array_size(cands); i++) {
        v = json_array_get(cands, i);
        if (json_integer_value(json_object_get(v, "index")) == 0) {
            cand = v;
            break;
        }
    }

    if (cand == NULL) {
        v = json_object_get(json_object_get(j, "promptFeedback"),
                            "blockReason");
        if (json_is_string(v)) {
            /* the prompt was blocked: no candidate will come */
            ev.type = LLM_EV_STOP;
            ev.stop = LLM_STOP_CONTENT_FILTER;
            if (llm_stream_emit(s, &ev) != 0) {
                goto done;
            }
            s->eof_ok = 1;
        }

        rc = 0;
        goto done;
    }

    parts = json_object_get(json_object_get(cand, "content"), "parts");
    for (i = 0; i < json_array_size(parts); i++) {
        if (llm_gemini_decode_part(s, json_array_get(parts, i)) != 0) {
            goto done;
        }
    }

    v = json_object_get(cand, "finishReason");
    if (json_is_string(v) && json_string_length(v)) {
        memset(&ev, 0, sizeof(ev));
        ev.type = LLM_EV_STOP;
        ev.stop = llm_stop_from_gemini(json_string_value(v));
        if (llm_stream_emit(s, &ev) != 0) {
            goto done;
        }

        /* the end of the body ends the stream; usage may still come */
        s->eof_ok = 1;
    }

    rc = 0;

done:

    json_decref(j);
    return rc;
}


static int
llm_gemini_decode_part(llm_stream_t *s, json_t *part)
{
    int               rc;
    char              synth[40], *args;
    json_t           *fc, *v;
    llm_stream_ev_t   ev;

    memset(&ev, 0, sizeof(ev));

    /* the signature first: it belongs with what the part carries */
    if (llm_json_str(json_object_get(part, "thoughtSignature"), &ev.text) == 0
        && ev.text.len)
    {
        ev.type = LLM_EV_SIGNATURE;
        ev.origin = llm_stream_sig_origin(&ev.text, LLM_DIALECT_GEMINI);
        if (llm_stream_emit(s, &ev) != 0) {
            return -1;
        }
        memset(&ev, 0, sizeof(ev));
    }

    fc = json_object_get(part, "functionCall");
    if (json_is_object(fc)) {
        ev.type = LLM_EV_TOOL_START;
        llm_json_str(json_object_get(fc, "name"), &ev.name);

        if (llm_json_str(json_object_get(fc, "id"), &ev.id) != 0
            || ev.id.len == 0)
        {
            llm_stream_synth_id(s, s->ntools, synth);
            ev.id.data = synth;
            ev.id.len = strlen(synth);
        }

        v = json_object_get(fc, "args");
        args = json_is_object(v)
               ? json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
        if (args == NULL && json_is_object(v)) {
            return llm_stream_fail(s, LLM_ERR_SERVER, "out of memory");
        }
        ev.text.data = args ? args : "{}";
        ev.text.len = args ? strlen(args) : 2;

        rc = llm_stream_emit(s, &ev);
        if (args) {
            llm_json_free_str(args);
        }
        if (rc != 0) {
            return -1;
        }

        memset(&ev, 0, sizeof(ev));
        ev.type = LLM_EV_TOOL_END;
        ev.tool = s->ntools - 1;
        return llm_stream_emit(s, &ev);
    }

    if (llm_json_str(json_object_get(part, "text"), &ev.text) != 0
        || ev.text.len == 0)
    {
        /* executableCode, inlineData, ...: not translated */
        return 0;
    }

    ev.type = json_is_true(json_object_get(part, "thought"))
              ? LLM_EV_REASONING : LLM_EV_TEXT;

    return llm_stream_emit(s, &ev);
}


/* encoder */

static void
llm_gemini_signature(llm_stream_t *s)
{
    llm_str_t  sig;

    if (s->sig.len == 0) {
        return;
    }

    sig.data = s->sig.data;
    sig.len = s->sig.len;

    llm_out_lit(s, ",\"thoughtSignature\":");
    llm_out_signature(s, &sig, (llm_dialect_e) s->sig_origin);
    s->sig.len = 0;
}


static void
llm_gemini_chunk_start(llm_stream_t *s)
{
    llm_out_lit(s, "data: {\"candidates\":[{\"content\":{\"parts\":[");
}


static void
llm_gemini_chunk_end(llm_stream_t *s)
{
    llm_out_raw(s, s->head.data, s->head.len);
}


static void
llm_gemini_tail(llm_stream_t *s, int final)
{
    char  synth[40];

    if (!final) {
        llm_out_lit(s, "],\"role\":\"model\"},\"index\":0}]");
    }

    llm_out_lit(s, ",\"modelVersion\":");
    llm_out_str(s, s->model.data ? s->model.data : "", s->model.len);
    llm_out_lit(s, ",\"responseId\":");

    if (s->id.len) {
        llm_out_str(s, s->id.data, s->id.len);

    } else {
        llm_stream_synth_id(s, 0, synth);
        llm_out_str(s, synth + 5, strlen(synth + 5));
    }

    llm_out_lit(s, "}\n\n");
}


static void
llm_gemini_head(llm_stream_t *s)
{
    size_t  mark;

    /* the constant end of every chunk, built once */
    mark = s->out.len;
    llm_gemini_tail(s, 0);

    s->head.len = 0;
    if (!s->nomem
        && llm_buf_add(&s->head, s->out.data + mark, s->out.len - mark) != 0)
    {
        s->nomem = 1;
    }

    s->out.len = mark;
}


static void
llm_gemini_call(llm_stream_t *s, llm_stream_tool_t *t)
{
    json_t  *args;

    args = NULL;
    if (t->args.len) {
        args = llm_json_loadb(t->args.data, t->args.len, 0, NULL);
    }

    /* arguments that are not an object cannot be a Gemini call's */
    if (!json_is_object(args)) {
        json_decref(args);
        args = json_object();
    }

    llm_gemini_chunk_start(s);
    llm_out_lit(s, "{\"functionCall\":{\"name\":");
    llm_out_str(s, t->name, t->name_len);
    llm_out_lit(s, ",\"args\":");
    llm_out_json(s, args);
    llm_out_lit(s, ",\"id\":");
    llm_out_str(s, t->id, t->id_len);
    llm_out_lit(s, "}");
    llm_gemini_signature(s);
    llm_out_lit(s, "}");
    llm_gemini_chunk_end(s);

    t->opened = 1;
    t->closed = 1;
    llm_stream_tool_release(s, t);
}


/* Calls go out whole and in order, once their arguments are complete
 * (or at the end, as they are). */

static void
llm_gemini_calls(llm_stream_t *s, int all)
{
    llm_stream_tool_t  *t;

    while (s->epending < s->ntools) {
        t = &s->tools[s->epending];
        if (!all && !t->complete && !t->ended) {
            return;
        }
        llm_gemini_call(s, t);
        s->epending++;
    }
}


static void
llm_gemini_encode_error(llm_stream_t *s, const llm_error_t *err)
{
    const char  *status;

    status = llm_stream_err_gemini_status(err->kind);

    llm_out_lit(s, "data: {\"error\":{\"code\":");
    llm_out_int(s, err->kind == LLM_ERR_TOO_LARGE ? 400 : err->status);
    llm_out_lit(s, ",\"message\":");
    llm_out_str(s, err->message, strlen(err->message));
    llm_out_lit(s, ",\"status\":\"");
    llm_out_raw(s, status, strlen(status));
    llm_out_lit(s, "\"}}\n\n");
}


static void
llm_gemini_encode_end(llm_stream_t *s)
{
    const char  *finish;

    llm_gemini_calls(s, 1);

    finish = llm_stop_to_gemini(s->stop);

    llm_gemini_chunk_start(s);
    llm_out_lit(s, "{\"text\":\"\"");
    llm_gemini_signature(s);
    llm_out_lit(s, "}],\"role\":\"model\"},\"finishReason\":\"");
    llm_out_raw(s, finish, strlen(finish));
    llm_out_lit(s, "\",\"index\":0}]");

    /* a server that reports no usage: say nothing rather than zeros
     * that look real */
    if (s->usage.has_input || s->usage.has_output) {
        llm_out_lit(s, ",\"usageMetadata\":");
        llm_out_json(s, llm_usage_to_gemini(&s->usage));
    }

    llm_gemini_tail(s, 1);
}


static int
llm_gemini_stream_encode(llm_stream_t *s, const llm_stream_ev_t *ev)
{
    llm_stream_tool_t  *t;

    switch (ev->type) {

    case LLM_EV_START:
        llm_gemini_head(s);
        return 0;

    case LLM_EV_TEXT:
    case LLM_EV_REASONING:
        llm_gemini_chunk_start(s);
        llm_out_lit(s, "{\"text\":");
        llm_out_llm_str(s, &ev->text);
        if (ev->type == LLM_EV_REASONING) {
            llm_out_lit(s, ",\"thought\":true");
        }
        llm_gemini_signature(s);
        llm_out_lit(s, "}");
        llm_gemini_chunk_end(s);
        return 0;

    case LLM_EV_SIGNATURE:
        if (s->sig.len) {
            /* two in a row: the first goes out on an empty part */
            llm_gemini_chunk_start(s);
            llm_out_lit(s, "{\"text\":\"\"");
            llm_gemini_signature(s);
            llm_out_lit(s, "}");
            llm_gemini_chunk_end(s);
        }

        /* held for the next part, where Gemini puts signatures */
        if (llm_buf_add(&s->sig, ev->text.data, ev->text.len) != 0) {
            s->nomem = 1;
        }
        s->sig_origin = ev->origin;
        return 0;

    case LLM_EV_TOOL_START:
    case LLM_EV_TOOL_ARGS:
        t = &s->tools[ev->tool];
        if (ev->text.len && !t->closed
            && llm_stream_tool_buffer(s, t, ev->text.data, ev->text.len)
               != 0)
        {
            return -1;
        }
        llm_gemini_calls(s, 0);
        return 0;

    case LLM_EV_TOOL_END:
        llm_gemini_calls(s, 0);
        return 0;

    case LLM_EV_END:
        llm_gemini_encode_end(s);
        return 0;

    case LLM_EV_ERROR:
        llm_gemini_encode_error(s, ev->err);
        return 0;

    default:
        /* pings: a comment line stalls js-genai's chunk matcher, and
         * redacted reasoning has no Gemini form */
        return 0;
    }
}
