/*
 * Incremental SSE framer; see llm_sse.h.
 */

#include <stdlib.h>
#include <string.h>

#include "llm_sse.h"


enum {
    LLM_SSE_DETECT = 0,
    LLM_SSE_SSE,
    LLM_SSE_JSON
};


static int llm_sse_feed_sse(llm_sse_t *p, const char *pos, const char *end,
    llm_sse_handler_pt h, void *ctx);
static int llm_sse_feed_json(llm_sse_t *p, const char *pos, const char *end,
    llm_sse_handler_pt h, void *ctx);
static int llm_sse_line(llm_sse_t *p, const char *l, size_t n,
    llm_sse_handler_pt h, void *ctx);
static int llm_sse_dispatch(llm_sse_t *p, llm_sse_handler_pt h, void *ctx);


int
llm_buf_reserve(llm_buf_t *b, size_t more)
{
    char    *p;
    size_t   cap;

    if (b->len + more + 1 <= b->cap) {
        return 0;
    }

    cap = b->cap ? b->cap * 2 : 256;
    while (cap < b->len + more + 1) {
        cap *= 2;
    }

    p = realloc(b->data, cap);
    if (p == NULL) {
        return -1;
    }

    b->data = p;
    b->cap = cap;
    return 0;
}


int
llm_buf_add(llm_buf_t *b, const char *p, size_t n)
{
    if (llm_buf_reserve(b, n) != 0) {
        return -1;
    }

    if (n) {
        memcpy(b->data + b->len, p, n);
    }
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}


void
llm_buf_free(llm_buf_t *b)
{
    free(b->data);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}


void
llm_sse_init(llm_sse_t *p, size_t max)
{
    memset(p, 0, sizeof(*p));
    p->max = max ? max : 1024 * 1024;
}


void
llm_sse_free(llm_sse_t *p)
{
    llm_buf_free(&p->line);
    llm_buf_free(&p->data);
}


size_t
llm_sse_memory(const llm_sse_t *p)
{
    return p->line.cap + p->data.cap;
}


static int
llm_sse_fail(llm_sse_t *p, int rc)
{
    p->failed = rc;
    return rc;
}


int
llm_sse_feed(llm_sse_t *p, const char *buf, size_t len,
    llm_sse_handler_pt h, void *ctx)
{
    unsigned char  c;
    const char    *pos, *end;

    if (p->failed) {
        return p->failed;
    }

    pos = buf;
    end = buf + len;

    /* the first significant byte tells SSE from a JSON stream; blank
     * lines and a BOM before it mean nothing in either */
    while (p->mode == LLM_SSE_DETECT && pos < end) {
        c = (unsigned char) *pos;

        if (c == ' ' || c == '\t' || c == '\r' || c == '\n'
            || c == 0xef || c == 0xbb || c == 0xbf)
        {
            pos++;
            continue;
        }

        p->mode = (c == '[' || c == '{') ? LLM_SSE_JSON : LLM_SSE_SSE;
    }

    if (pos == end) {
        return LLM_SSE_OK;
    }

    if (p->mode == LLM_SSE_JSON) {
        return llm_sse_feed_json(p, pos, end, h, ctx);
    }

    return llm_sse_feed_sse(p, pos, end, h, ctx);
}


static int
llm_sse_feed_sse(llm_sse_t *p, const char *pos, const char *end,
    llm_sse_handler_pt h, void *ctx)
{
    int          rc, is_cr;
    size_t       n;
    const char  *nl, *cr, *eol;

    while (pos < end) {

        if (p->cr) {
            /* CRLF split across buffers: the LF belongs to the CR */
            p->cr = 0;
            if (*pos == '\n') {
                pos++;
                continue;
            }
        }

        nl = memchr(pos, '\n', end - pos);
        cr = memchr(pos, '\r', (nl ? nl : end) - pos);

        if (cr) {
            eol = cr;
            is_cr = 1;

        } else if (nl) {
            eol = nl;
            is_cr = 0;

        } else {
            if (p->line.len + (end - pos) > p->max) {
                return llm_sse_fail(p, LLM_SSE_TOO_BIG);
            }
            if (llm_buf_add(&p->line, pos, end - pos) != 0) {
                return llm_sse_fail(p, LLM_SSE_NOMEM);
            }
            return LLM_SSE_OK;
        }

        if (p->line.len) {
            if (p->line.len + (eol - pos) > p->max) {
                return llm_sse_fail(p, LLM_SSE_TOO_BIG);
            }
            if (llm_buf_add(&p->line, pos, eol - pos) != 0) {
                return llm_sse_fail(p, LLM_SSE_NOMEM);
            }
            n = p->line.len;
            p->line.len = 0;
            rc = llm_sse_line(p, p->line.data, n, h, ctx);

        } else {
            /* the same cap whether the line came in pieces or whole */
            if ((size_t) (eol - pos) > p->max) {
                return llm_sse_fail(p, LLM_SSE_TOO_BIG);
            }
            rc = llm_sse_line(p, pos, eol - pos, h, ctx);
        }

        pos = eol + 1;
        if (is_cr) {
            p->cr = 1;
        }

        if (rc != 0) {
            return rc;
        }
    }

    return LLM_SSE_OK;
}


static int
llm_sse_line(llm_sse_t *p, const char *l, size_t n, llm_sse_handler_pt h,
    void *ctx)
{
    size_t            name_len, vlen;
    const char       *colon, *v;
    llm_sse_event_t   ev;

    if (n == 0) {
        return llm_sse_dispatch(p, h, ctx);
    }

    if (l[0] == ':') {
        memset(&ev, 0, sizeof(ev));
        ev.event = "";
        ev.data = l + 1;
        ev.data_len = n - 1;
        if (ev.data_len && ev.data[0] == ' ') {
            ev.data++;
            ev.data_len--;
        }
        ev.comment = 1;
        return h(ctx, &ev);
    }

    colon = memchr(l, ':', n);
    if (colon) {
        name_len = colon - l;
        v = colon + 1;
        vlen = n - name_len - 1;
        if (vlen && v[0] == ' ') {
            v++;
            vlen--;
        }

    } else {
        name_len = n;
        v = l + n;
        vlen = 0;
    }

    if ((name_len == 4 && memcmp(l, "data", 4) == 0)
        || (name_len == 5 && memcmp(l, "error", 5) == 0))
    {
        if (p->data.len + 1 + vlen > p->max) {
            return llm_sse_fail(p, LLM_SSE_TOO_BIG);
        }

        if (p->has_data || p->error_field) {
            if (llm_buf_add(&p->data, "\n", 1) != 0) {
                return llm_sse_fail(p, LLM_SSE_NOMEM);
            }
        }

        if (llm_buf_add(&p->data, v, vlen) != 0) {
            return llm_sse_fail(p, LLM_SSE_NOMEM);
        }

        if (l[0] == 'd') {
            p->has_data = 1;

        } else {
            p->error_field = 1;
        }

        return 0;
    }

    if (name_len == 5 && memcmp(l, "event", 5) == 0) {
        if (vlen > LLM_SSE_EVENT_MAX - 1) {
            vlen = LLM_SSE_EVENT_MAX - 1;
        }
        memcpy(p->event, v, vlen);
        p->event[vlen] = '\0';
        p->event_len = vlen;
    }

    /* id:, retry: and unknown fields are ignored */

    return 0;
}


static int
llm_sse_dispatch(llm_sse_t *p, llm_sse_handler_pt h, void *ctx)
{
    int              rc;
    llm_sse_event_t  ev;

    if (!p->has_data && !p->error_field) {
        p->event_len = 0;
        return 0;
    }

    memset(&ev, 0, sizeof(ev));
    p->event[p->event_len] = '\0';
    ev.event = p->event;
    ev.event_len = p->event_len;
    ev.data = p->data.data;
    ev.data_len = p->data.len;
    ev.error_field = p->error_field;

    rc = h(ctx, &ev);

    p->data.len = 0;
    p->event_len = 0;
    p->has_data = 0;
    p->error_field = 0;

    return rc;
}


static int
llm_sse_feed_json(llm_sse_t *p, const char *pos, const char *end,
    llm_sse_handler_pt h, void *ctx)
{
    int               rc;
    char              c;
    const char       *start;
    llm_sse_event_t   ev;

    while (pos < end) {

        if (p->depth == 0) {
            c = *pos;

            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ','
                || c == '[' || c == ']')
            {
                pos++;
                continue;
            }

            if (c != '{') {
                return llm_sse_fail(p, LLM_SSE_INVALID);
            }

            p->data.len = 0;
        }

        start = pos;

        for ( /* void */ ; pos < end; pos++) {
            c = *pos;

            if (p->in_str) {
                if (p->esc) {
                    p->esc = 0;

                } else if (c == '\\') {
                    p->esc = 1;

                } else if (c == '"') {
                    p->in_str = 0;
                }

                continue;
            }

            if (c == '"') {
                p->in_str = 1;

            } else if (c == '{' || c == '[') {
                p->depth++;

            } else if ((c == '}' || c == ']') && --p->depth == 0) {
                pos++;
                break;
            }
        }

        if (p->data.len + (pos - start) > p->max) {
            return llm_sse_fail(p, LLM_SSE_TOO_BIG);
        }

        if (llm_buf_add(&p->data, start, pos - start) != 0) {
            return llm_sse_fail(p, LLM_SSE_NOMEM);
        }

        if (p->depth == 0) {
            memset(&ev, 0, sizeof(ev));
            ev.event = "";
            ev.data = p->data.data;
            ev.data_len = p->data.len;
            ev.json = 1;

            rc = h(ctx, &ev);
            p->data.len = 0;

            if (rc != 0) {
                return rc;
            }
        }
    }

    return LLM_SSE_OK;
}


int
llm_sse_finish(llm_sse_t *p, llm_sse_handler_pt h, void *ctx)
{
    int     rc;
    size_t  n;

    if (p->failed) {
        return p->failed;
    }

    if (p->mode != LLM_SSE_SSE) {
        /* a JSON object cut short is not an event */
        p->data.len = 0;
        p->depth = 0;
        return LLM_SSE_OK;
    }

    if (p->line.len) {
        n = p->line.len;
        p->line.len = 0;
        rc = llm_sse_line(p, p->line.data, n, h, ctx);
        if (rc != 0) {
            return rc;
        }
    }

    return llm_sse_dispatch(p, h, ctx);
}
