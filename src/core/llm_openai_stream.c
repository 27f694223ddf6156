/*
 * OpenAI Chat Completions streams (dialects.md 1.5): chunk decoder and
 * encoder.  Also takes what OpenAI-compatible servers add: reasoning in
 * delta.reasoning_content or delta.reasoning, LiteLLM's thinking_blocks,
 * Google's extra_content.google.thought_signature, vLLM's stop_reason
 * and flat error form, llama.cpp's "error:" line.
 */

#include <string.h>

#include "llm_stream.h"
#include "llm_map.h"
#include "llm_openai.h"
#include "llm_json_check.h"


static int llm_openai_stream_decode(llm_stream_t *s,
    const llm_sse_event_t *sev);
static int llm_openai_decode_delta(llm_stream_t *s, json_t *delta);
static int llm_openai_fast_text(llm_stream_t *s, const char *p, size_t n);
static int llm_openai_decode_tool(llm_stream_t *s, json_t *tc, size_t i);
static int llm_openai_stream_encode(llm_stream_t *s,
    const llm_stream_ev_t *ev);


const llm_stream_codec_t  llm_openai_stream_codec = {
    LLM_DIALECT_OPENAI,
    llm_openai_stream_decode,
    llm_openai_stream_encode
};


static int
llm_openai_emit_str(llm_stream_t *s, llm_stream_ev_e type, json_t *v)
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
llm_openai_stream_decode(llm_stream_t *s, const llm_sse_event_t *sev)
{
    int               rc;
    json_t           *j, *choices, *choice, *v, *fr;
    size_t            i;
    llm_stream_ev_t   ev;

    memset(&ev, 0, sizeof(ev));

    if (sev->data_len == 6 && memcmp(sev->data, "[DONE]", 6) == 0
        && !sev->error_field)
    {
        ev.type = LLM_EV_END;
        return llm_stream_emit(s, &ev);
    }

    /* most events are a text delta of choice 0: read those without
     * building a document */
    if (s->started && !sev->error_field && sev->event_len == 0) {
        rc = llm_openai_fast_text(s, sev->data, sev->data_len);
        if (rc != 0) {
            return rc > 0 ? 0 : -1;
        }
    }

    j = llm_stream_json(sev);
    if (!json_is_object(j)) {
        json_decref(j);
        if (sev->error_field) {
            return llm_stream_fail(s, LLM_ERR_SERVER,
                                   "upstream sent an error in stream");
        }
        return llm_stream_fail(s, LLM_ERR_BAD_GATEWAY,
                               "upstream sent invalid JSON in stream");
    }

    /* "event: error", llama.cpp's "error:" line, an "error" member, and
     * vLLM's {"object":"error", ...} all report an error */
    v = json_object_get(j, "object");
    if (sev->error_field
        || (sev->event_len == 5 && memcmp(sev->event, "error", 5) == 0)
        || (json_object_get(j, "error") != NULL
            && !json_is_null(json_object_get(j, "error")))
        || (json_is_string(v) && strcmp(json_string_value(v), "error") == 0))
    {
        rc = llm_stream_upstream_error(s, j);
        json_decref(j);
        return rc;
    }

    rc = 0;

    /* cumulative: a later snapshot overwrites the fields it carries;
     * llama.cpp's counts when there is no usage (not asked, old build) */
    llm_usage_from_openai(json_object_get(j, "usage"), &s->usage);
    llm_openai_usage_timings(json_object_get(j, "timings"), &s->usage);

    if (!s->started) {
        v = json_object_get(j, "id");
        if (json_is_string(v)) {
            llm_stream_set_id(s, json_string_value(v), json_string_length(v));
        }
        v = json_object_get(j, "model");
        if (json_is_string(v)) {
            llm_stream_set_model(s, json_string_value(v),
                                 json_string_length(v));
        }

        ev.type = LLM_EV_START;
        if (llm_stream_emit(s, &ev) != 0) {
            goto failed;
        }
    }

    /* n > 1 is not translated: choice 0 only */
    choices = json_object_get(j, "choices");
    choice = NULL;
    for (i = 0; i < json_array_size(choices); i++) {
        v = json_array_get(choices, i);
        if (json_integer_value(json_object_get(v, "index")) == 0) {
            choice = v;
            break;
        }
    }

    if (choice == NULL) {
        goto done;
    }

    v = json_object_get(choice, "delta");
    if (json_is_object(v) && llm_openai_decode_delta(s, v) != 0) {
        goto failed;
    }

    fr = json_object_get(choice, "finish_reason");
    if (json_is_string(fr)) {
        if (llm_stream_think_flush(s) != 0) {
            goto failed;
        }

        memset(&ev, 0, sizeof(ev));
        ev.type = LLM_EV_STOP;
        ev.stop = llm_stop_from_openai(json_string_value(fr));

        /* vLLM names the stop string that matched */
        v = json_object_get(choice, "stop_reason");
        if (ev.stop == LLM_STOP_END && json_is_string(v)
            && json_string_length(v))
        {
            ev.stop = LLM_STOP_STOP_SEQUENCE;
            llm_json_str(v, &ev.text);
        }

        if (llm_stream_emit(s, &ev) != 0) {
            goto failed;
        }

        /* a server that closes without [DONE] after this is complete */
        s->eof_ok = 1;
    }

    goto done;

failed:

    rc = -1;

done:

    json_decref(j);
    return rc;
}


static int
llm_openai_decode_delta(llm_stream_t *s, json_t *delta)
{
    json_t           *v, *tb;
    size_t            i;
    llm_stream_ev_t   ev;

    v = json_object_get(delta, "reasoning_content");
    if (!json_is_string(v) || json_string_length(v) == 0) {
        v = json_object_get(delta, "reasoning");
    }
    if (json_is_string(v) && json_string_length(v)
        && s->profile.reasoning != LLM_PROFILE_REASONING_NONE)
    {
        /* tags in the text, if any, are now only to be stripped */
        s->think_field = 1;
        if (llm_openai_emit_str(s, LLM_EV_REASONING, v) != 0) {
            return -1;
        }
    }

    /* LiteLLM's signed blocks; their text came as reasoning deltas */
    v = json_object_get(delta, "thinking_blocks");
    for (i = 0; i < json_array_size(v); i++) {
        tb = json_array_get(v, i);
        memset(&ev, 0, sizeof(ev));

        if (llm_json_str(json_object_get(tb, "signature"), &ev.text) == 0
            && ev.text.len)
        {
            ev.type = LLM_EV_SIGNATURE;
            ev.origin = llm_stream_sig_origin(&ev.text, LLM_DIALECT_OPENAI);

        } else if (llm_json_str(json_object_get(tb, "data"), &ev.text) == 0
                   && ev.text.len)
        {
            ev.type = LLM_EV_REDACTED;

        } else {
            continue;
        }

        if (llm_stream_emit(s, &ev) != 0) {
            return -1;
        }
    }

    v = json_object_get(delta, "content");
    if (json_is_string(v)
        && llm_stream_text(s, json_string_value(v), json_string_length(v))
           != 0)
    {
        return -1;
    }

    v = json_object_get(delta, "refusal");
    if (json_is_string(v) && json_string_length(v)
        && (llm_stream_think_flush(s) != 0
            || llm_openai_emit_str(s, LLM_EV_TEXT, v) != 0))
    {
        return -1;
    }

    v = json_object_get(delta, "tool_calls");
    if (json_array_size(v) && llm_stream_think_flush(s) != 0) {
        return -1;
    }

    for (i = 0; i < json_array_size(v); i++) {
        if (llm_openai_decode_tool(s, json_array_get(v, i), i) != 0) {
            return -1;
        }
    }

    return 0;
}


static int
llm_openai_decode_tool(llm_stream_t *s, json_t *tc, size_t i)
{
    char              synth[40];
    json_t           *fn, *v;
    json_int_t        idx;
    llm_stream_ev_t   ev;

    v = json_object_get(tc, "index");
    idx = json_is_integer(v) ? json_integer_value(v) : (json_int_t) i;
    if (idx < 0 || idx >= LLM_STREAM_MAX_TOOLS) {
        return llm_stream_fail(s, LLM_ERR_BAD_GATEWAY,
                               "upstream sent a bad tool call index");
    }

    fn = json_object_get(tc, "function");

    /* Google's OpenAI endpoint carries Gemini's signature here */
    memset(&ev, 0, sizeof(ev));
    v = json_object_get(json_object_get(json_object_get(tc, "extra_content"),
                                        "google"),
                        "thought_signature");
    if (llm_json_str(v, &ev.text) == 0 && ev.text.len) {
        ev.type = LLM_EV_SIGNATURE;
        ev.origin = llm_stream_sig_origin(&ev.text, LLM_DIALECT_GEMINI);
        if (llm_stream_emit(s, &ev) != 0) {
            return -1;
        }
    }

    memset(&ev, 0, sizeof(ev));
    llm_json_str(json_object_get(fn, "arguments"), &ev.text);

    if (s->dmap[idx]) {
        if (ev.text.len == 0) {
            return 0;
        }
        ev.type = LLM_EV_TOOL_ARGS;
        ev.tool = s->dmap[idx] - 1;
        return llm_stream_emit(s, &ev);
    }

    ev.type = LLM_EV_TOOL_START;
    llm_json_str(json_object_get(fn, "name"), &ev.name);

    if (llm_json_str(json_object_get(tc, "id"), &ev.id) != 0
        || ev.id.len == 0)
    {
        llm_stream_synth_id(s, s->ntools, synth);
        ev.id.data = synth;
        ev.id.len = strlen(synth);
    }

    if (llm_stream_emit(s, &ev) != 0) {
        return -1;
    }

    s->dmap[idx] = (unsigned char) (ev.tool + 1);
    return 0;
}


/* encoder */

static void
llm_openai_chunk_start(llm_stream_t *s)
{
    llm_out_raw(s, s->head.data, s->head.len);
    llm_out_lit(s, "\"choices\":[{\"index\":0,\"delta\":");
}


static void
llm_openai_chunk_end(llm_stream_t *s, const char *finish)
{
    if (finish) {
        llm_out_lit(s, ",\"finish_reason\":\"");
        llm_out_raw(s, finish, strlen(finish));
        llm_out_lit(s, "\"}]");

    } else {
        llm_out_lit(s, ",\"finish_reason\":null}]");
    }

    if (s->include_usage) {
        llm_out_lit(s, ",\"usage\":null");
    }

    llm_out_lit(s, "}\n\n");
}


static void
llm_openai_head(llm_stream_t *s)
{
    char    synth[40];
    size_t  mark;

    /* every chunk starts the same: build it once, from the out buffer */
    mark = s->out.len;

    llm_out_lit(s, "data: {\"id\":\"");
    if (s->id.len == 0) {
        llm_stream_synth_id(s, 0, synth);
        llm_out_lit(s, "chatcmpl-");
        llm_out_raw(s, synth + 5, strlen(synth + 5));

    } else {
        if (s->id.len < 9 || memcmp(s->id.data, "chatcmpl-", 9) != 0) {
            llm_out_lit(s, "chatcmpl-");
        }
        llm_out_esc(s, s->id.data, s->id.len);
    }
    llm_out_lit(s, "\",\"object\":\"chat.completion.chunk\",\"created\":");
    llm_out_int(s, s->created);
    llm_out_lit(s, ",\"model\":");
    llm_out_str(s, s->model.data ? s->model.data : "", s->model.len);
    llm_out_lit(s, ",");

    s->head.len = 0;
    if (!s->nomem
        && llm_buf_add(&s->head, s->out.data + mark, s->out.len - mark) != 0)
    {
        s->nomem = 1;
    }

    s->out.len = mark;
}


static void
llm_openai_encode_error(llm_stream_t *s, const llm_error_t *err)
{
    const char  *code;

    llm_out_lit(s, "data: {\"error\":{\"message\":");
    llm_out_str(s, err->message, strlen(err->message));
    llm_out_lit(s, ",\"type\":\"");
    llm_out_raw(s, llm_stream_err_openai_type(err->kind),
                strlen(llm_stream_err_openai_type(err->kind)));
    llm_out_lit(s, "\",\"param\":null,\"code\":");

    code = llm_stream_err_openai_code(err->kind);
    if (code) {
        llm_out_str(s, code, strlen(code));

    } else {
        llm_out_lit(s, "null");
    }

    llm_out_lit(s, "}}\n\n");
}


static int
llm_openai_stream_encode(llm_stream_t *s, const llm_stream_ev_t *ev)
{
    const char          *finish;
    llm_stream_tool_t   *t;

    switch (ev->type) {

    case LLM_EV_START:
        llm_openai_head(s);
        llm_openai_chunk_start(s);
        llm_out_lit(s, "{\"role\":\"assistant\",\"content\":\"\"}");
        llm_openai_chunk_end(s, NULL);
        return 0;

    case LLM_EV_TEXT:
    case LLM_EV_REASONING:
        if (ev->text.len == 0) {
            return 0;
        }
        llm_openai_chunk_start(s);
        if (ev->type == LLM_EV_TEXT) {
            llm_out_lit(s, "{\"content\":");

        } else {
            llm_out_lit(s, "{\"reasoning_content\":");
        }
        llm_out_llm_str(s, &ev->text);
        llm_out_lit(s, "}");
        llm_openai_chunk_end(s, NULL);
        return 0;

    case LLM_EV_SIGNATURE:
        llm_openai_chunk_start(s);
        llm_out_lit(s, "{\"thinking_blocks\":[{\"type\":\"thinking\","
                    "\"thinking\":\"\",\"signature\":");
        llm_out_signature(s, &ev->text, ev->origin);
        llm_out_lit(s, "}]}");
        llm_openai_chunk_end(s, NULL);
        return 0;

    case LLM_EV_REDACTED:
        llm_openai_chunk_start(s);
        llm_out_lit(s, "{\"thinking_blocks\":[{\"type\":"
                    "\"redacted_thinking\",\"data\":");
        llm_out_llm_str(s, &ev->text);
        llm_out_lit(s, "}]}");
        llm_openai_chunk_end(s, NULL);
        return 0;

    case LLM_EV_TOOL_START:
        t = &s->tools[ev->tool];
        llm_openai_chunk_start(s);
        llm_out_lit(s, "{\"tool_calls\":[{\"index\":");
        llm_out_int(s, (int64_t) ev->tool);
        llm_out_lit(s, ",\"id\":");
        llm_out_str(s, t->id, t->id_len);
        llm_out_lit(s, ",\"type\":\"function\",\"function\":{\"name\":");
        llm_out_str(s, t->name, t->name_len);
        llm_out_lit(s, ",\"arguments\":");
        llm_out_llm_str(s, &ev->text);
        llm_out_lit(s, "}}]}");
        llm_openai_chunk_end(s, NULL);
        return 0;

    case LLM_EV_TOOL_ARGS:
        if (ev->text.len == 0) {
            return 0;
        }
        llm_openai_chunk_start(s);
        llm_out_lit(s, "{\"tool_calls\":[{\"index\":");
        llm_out_int(s, (int64_t) ev->tool);
        llm_out_lit(s, ",\"function\":{\"arguments\":");
        llm_out_llm_str(s, &ev->text);
        llm_out_lit(s, "}}]}");
        llm_openai_chunk_end(s, NULL);
        return 0;

    case LLM_EV_TOOL_END:
        /* a call without arguments: "" would not parse at the client */
        t = &s->tools[ev->tool];
        if (t->begun) {
            return 0;
        }
        llm_openai_chunk_start(s);
        llm_out_lit(s, "{\"tool_calls\":[{\"index\":");
        llm_out_int(s, (int64_t) ev->tool);
        llm_out_lit(s, ",\"function\":{\"arguments\":\"{}\"}}]}");
        llm_openai_chunk_end(s, NULL);
        return 0;

    case LLM_EV_PING:
        llm_out_lit(s, ": ping\n\n");
        return 0;

    case LLM_EV_END:
        finish = llm_stop_to_openai(s->stop);
        llm_openai_chunk_start(s);
        llm_out_lit(s, "{}");
        llm_openai_chunk_end(s, finish);

        /* a server that sent no usage: no made-up zeros either */
        if (s->include_usage && (s->usage.has_input || s->usage.has_output))
        {
            llm_out_raw(s, s->head.data, s->head.len);
            llm_out_lit(s, "\"choices\":[],\"usage\":");
            llm_out_json(s, llm_usage_to_openai(&s->usage));
            llm_out_lit(s, "}\n\n");
        }

        llm_out_lit(s, "data: [DONE]\n\n");
        return 0;

    case LLM_EV_ERROR:
        llm_openai_encode_error(s, ev->err);
        return 0;

    default:
        return 0;
    }
}

/*
 * The fast path.  Accepts only the exact shape of a plain text delta:
 * top-level id/object/created/model/system_fingerprint/service_tier/
 * obfuscation (skipped), "usage": null, and "choices" holding one object
 * with "index": 0, "delta": {"content": "..."}, "logprobs": null and
 * "finish_reason": null.  Anything else, or anything jansson would refuse
 * (bad UTF-8, a lone surrogate, \u0000), returns 0 and the event goes the
 * general way.  Returns 1 when handled, -1 when the stream failed.
 */

#define llm_fast_ws(p, end)                                                \
    while ((p) < (end) && ((p)[0] == ' ' || (p)[0] == '\t'                \
                           || (p)[0] == '\n' || (p)[0] == '\r'))         \
    {                                                                     \
        (p)++;                                                            \
    }


/* p at a '"': the key's text (no escapes allowed in keys we know) */
static const char *
llm_fast_key(const char *p, const char *end, const char **k, size_t *klen)
{
    const char  *q;

    if (p >= end || *p != '"') {
        return NULL;
    }

    for (q = p + 1; q < end && *q != '"' && *q != '\\'; q++) {
        /* void */
    }

    if (q >= end || *q != '"') {
        return NULL;
    }

    *k = p + 1;
    *klen = q - p - 1;

    q++;
    llm_fast_ws(q, end);

    if (q >= end || *q != ':') {
        return NULL;
    }

    q++;
    llm_fast_ws(q, end);

    return q;
}


/* the punctuation c (then white space), or NULL */
static const char *
llm_fast_expect(const char *p, const char *end, char c)
{
    if (p >= end || *p != c) {
        return NULL;
    }

    p++;
    llm_fast_ws(p, end);

    return p;
}


#define llm_fast_is(k, klen, lit)                                          \
    ((klen) == sizeof(lit) - 1 && memcmp(k, lit, sizeof(lit) - 1) == 0)


static const char *
llm_fast_null(const char *p, const char *end)
{
    if (end - p >= 4 && memcmp(p, "null", 4) == 0) {
        return p + 4;
    }

    return NULL;
}


/* after a member: ',' (1, q past it) or the closing c (0) */
static int
llm_fast_next(const char **pp, const char *end, char c)
{
    const char  *p = *pp;

    llm_fast_ws(p, end);

    if (p < end && *p == ',') {
        p++;
        llm_fast_ws(p, end);
        *pp = p;
        return 1;
    }

    if (p < end && *p == c) {
        *pp = p + 1;
        return 0;
    }

    return -1;
}


static int
llm_fast_hex4(const char *p, unsigned int *v)
{
    int            i;
    unsigned char  c;

    *v = 0;

    for (i = 0; i < 4; i++) {
        c = (unsigned char) p[i];
        *v <<= 4;

        if (c >= '0' && c <= '9') {
            *v |= c - '0';
        } else if (c >= 'a' && c <= 'f') {
            *v |= c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            *v |= c - 'A' + 10;
        } else {
            return -1;
        }
    }

    return 0;
}


/* a validated JSON string's text (between its quotes) into out */
static int
llm_fast_unescape(const char *p, const char *end, llm_buf_t *out)
{
    char          u[4];
    size_t        n;
    unsigned int  cp, lo;

    out->len = 0;

    while (p < end) {
        if (*p != '\\') {
            n = 1;
            while (p + n < end && p[n] != '\\') {
                n++;
            }
            if (llm_buf_add(out, p, n) != 0) {
                return -1;
            }
            p += n;
            continue;
        }

        p++;

        switch (*p) {
        case '"': case '\\': case '/':
            u[0] = *p;
            break;
        case 'b': u[0] = '\b'; break;
        case 'f': u[0] = '\f'; break;
        case 'n': u[0] = '\n'; break;
        case 'r': u[0] = '\r'; break;
        case 't': u[0] = '\t'; break;

        case 'u':
            if (llm_fast_hex4(p + 1, &cp) != 0 || cp == 0) {
                return -1;
            }
            p += 4;

            if (cp >= 0xd800 && cp <= 0xdbff) {
                if (end - p < 7 || p[1] != '\\' || p[2] != 'u'
                    || llm_fast_hex4(p + 3, &lo) != 0
                    || lo < 0xdc00 || lo > 0xdfff)
                {
                    return -1;          /* a lone surrogate */
                }
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                p += 6;

            } else if (cp >= 0xdc00 && cp <= 0xdfff) {
                return -1;
            }

            if (cp < 0x80) {
                u[0] = (char) cp;
                n = 1;
            } else if (cp < 0x800) {
                u[0] = (char) (0xc0 | (cp >> 6));
                u[1] = (char) (0x80 | (cp & 0x3f));
                n = 2;
            } else if (cp < 0x10000) {
                u[0] = (char) (0xe0 | (cp >> 12));
                u[1] = (char) (0x80 | ((cp >> 6) & 0x3f));
                u[2] = (char) (0x80 | (cp & 0x3f));
                n = 3;
            } else {
                u[0] = (char) (0xf0 | (cp >> 18));
                u[1] = (char) (0x80 | ((cp >> 12) & 0x3f));
                u[2] = (char) (0x80 | ((cp >> 6) & 0x3f));
                u[3] = (char) (0x80 | (cp & 0x3f));
                n = 4;
            }

            if (llm_buf_add(out, u, n) != 0) {
                return -1;
            }
            p++;
            continue;

        default:
            return -1;
        }

        if (llm_buf_add(out, u, 1) != 0) {
            return -1;
        }
        p++;
    }

    return 0;
}


static int
llm_openai_fast_text(llm_stream_t *s, const char *p, size_t n)
{
    int          more, c2, seen_choices;
    size_t       klen;
    const char  *end, *k, *text, *text_end, *q;

    end = p + n;
    text = NULL;
    text_end = NULL;
    seen_choices = 0;

    llm_fast_ws(p, end);
    p = llm_fast_expect(p, end, '{');
    if (p == NULL) {
        return 0;
    }

    do {
        p = llm_fast_key(p, end, &k, &klen);
        if (p == NULL) {
            return 0;
        }

        if (llm_fast_is(k, klen, "choices")) {
            if (seen_choices) {
                return 0;
            }
            seen_choices = 1;

            p = llm_fast_expect(p, end, '[');
            p = p ? llm_fast_expect(p, end, '{') : NULL;
            if (p == NULL) {
                return 0;
            }

            do {
                p = llm_fast_key(p, end, &k, &klen);
                if (p == NULL) {
                    return 0;
                }

                if (llm_fast_is(k, klen, "index")) {
                    if (p >= end || *p != '0') {
                        return 0;
                    }
                    p++;

                } else if (llm_fast_is(k, klen, "logprobs")
                           || llm_fast_is(k, klen, "finish_reason"))
                {
                    p = llm_fast_null(p, end);

                } else if (llm_fast_is(k, klen, "delta")) {
                    p = llm_fast_expect(p, end, '{');
                    p = p ? llm_fast_key(p, end, &k, &klen) : NULL;
                    if (p == NULL || p >= end || *p != '"'
                        || !llm_fast_is(k, klen, "content") || text != NULL)
                    {
                        return 0;
                    }
                    /* validated the way jansson would: UTF-8, controls */
                    q = llm_json_skip(p, end);
                    if (q == NULL) {
                        return 0;
                    }
                    text = p + 1;
                    text_end = q - 1;
                    p = q;
                    if (llm_fast_next(&p, end, '}') != 0) {
                        return 0;       /* more than the content */
                    }

                } else {
                    return 0;
                }

                if (p == NULL) {
                    return 0;
                }

                c2 = llm_fast_next(&p, end, '}');
                if (c2 < 0) {
                    return 0;
                }
            } while (c2);

            llm_fast_ws(p, end);
            p = llm_fast_expect(p, end, ']');
            if (p == NULL) {
                return 0;
            }

        } else if (llm_fast_is(k, klen, "usage")) {
            p = llm_fast_null(p, end);

        } else if (llm_fast_is(k, klen, "id")
                   || llm_fast_is(k, klen, "object")
                   || llm_fast_is(k, klen, "created")
                   || llm_fast_is(k, klen, "model")
                   || llm_fast_is(k, klen, "system_fingerprint")
                   || llm_fast_is(k, klen, "service_tier")
                   || llm_fast_is(k, klen, "obfuscation"))
        {
            if (p < end && (*p == '{' || *p == '[')) {
                return 0;
            }
            p = llm_json_skip(p, end);

        } else {
            return 0;
        }

        if (p == NULL) {
            return 0;
        }

        more = llm_fast_next(&p, end, '}');
        if (more < 0) {
            return 0;
        }
    } while (more);

    llm_fast_ws(p, end);

    if (p != end || text == NULL) {
        return 0;
    }

    if (llm_fast_unescape(text, text_end, &s->fast) != 0) {
        return 0;
    }

    return llm_stream_text(s, s->fast.len ? s->fast.data : "", s->fast.len)
           == 0 ? 1 : -1;
}

