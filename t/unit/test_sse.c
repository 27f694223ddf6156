/*
 * Tests of the incremental SSE framer (src/core/llm_sse.c).  Every input
 * is also fed split at every byte boundary and one byte at a time; the
 * events must not change.  Prints TAP.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llm_sse.h"


static int  tests, failures;


typedef struct {
    char    log[65536];
    size_t  len;
    size_t  events;
    int     stop_after;     /* handler result: stop after N events */
} collect_t;


static int
collect(void *ctx, const llm_sse_event_t *ev)
{
    collect_t  *c = ctx;
    int         n;

    n = snprintf(c->log + c->len, sizeof(c->log) - c->len,
                 "%s%s[%.*s]{%.*s}\n",
                 ev->comment ? "C" : (ev->json ? "J" : "E"),
                 ev->error_field ? "!" : "",
                 (int) ev->event_len, ev->event,
                 (int) ev->data_len, ev->data);
    if (n > 0 && (size_t) n < sizeof(c->log) - c->len) {
        c->len += n;
    }

    c->events++;
    if (c->stop_after && c->events == (size_t) c->stop_after) {
        return 7;
    }
    return 0;
}


static void
ok(int cond, const char *name)
{
    tests++;
    if (!cond) {
        failures++;
    }
    printf("%sok %d - %s\n", cond ? "" : "not ", tests, name);
}


/* Feeds in pieces of at most step bytes starting with a first piece of
 * first bytes; returns the last framer result and the log. */

static int
run(const char *in, size_t len, size_t first, size_t step, size_t max,
    collect_t *c)
{
    int        rc;
    size_t     pos, n;
    llm_sse_t  p;

    memset(c, 0, sizeof(*c));
    llm_sse_init(&p, max);

    rc = 0;
    pos = 0;
    n = first;

    while (pos < len) {
        if (n > len - pos) {
            n = len - pos;
        }
        rc = llm_sse_feed(&p, in + pos, n, collect, c);
        if (rc != 0) {
            break;
        }
        pos += n;
        n = step;
    }

    if (rc == 0) {
        rc = llm_sse_finish(&p, collect, c);
    }

    llm_sse_free(&p);
    return rc;
}


static void
check(const char *name, const char *in, const char *expect)
{
    int        rc, same;
    char       msg[160];
    size_t     len, i;
    collect_t  whole, split;

    len = strlen(in);

    rc = run(in, len, len, len, 0, &whole);
    if (rc != 0 || strcmp(whole.log, expect) != 0) {
        printf("# rc %d, got:\n# %s\n# expected:\n# %s\n", rc, whole.log,
               expect);
    }
    ok(rc == 0 && strcmp(whole.log, expect) == 0, name);

    same = 1;
    for (i = 1; i < len; i++) {
        rc = run(in, len, i, len, 0, &split);
        if (rc != 0 || strcmp(split.log, expect) != 0) {
            printf("# split at %zu: rc %d, got:\n# %s\n", i, rc, split.log);
            same = 0;
            break;
        }
    }
    snprintf(msg, sizeof(msg), "%s: split at every byte", name);
    ok(same, msg);

    rc = run(in, len, 1, 1, 0, &split);
    snprintf(msg, sizeof(msg), "%s: one byte at a time", name);
    ok(rc == 0 && strcmp(split.log, expect) == 0, msg);
}


int
main(void)
{
    int        rc;
    char      *big;
    size_t     i, mem, mem1;
    llm_sse_t  p;
    collect_t  c;

    check("LF events, event names, multi-line data",
          "event: a\ndata: 1\n\ndata: x\ndata:y\ndata:  z\n\n"
          "event:b\ndata:{\"k\":1}\n\n",
          "E[a]{1}\nE[]{x\ny\n z}\nE[b]{{\"k\":1}}\n");

    check("CRLF and CR delimiters",
          "data: a\r\n\r\ndata: b\r\rdata: c\r\n\r\n"
          "event: e\r\ndata: d\r\ndata: e\r\n\r\n",
          "E[]{a}\nE[]{b}\nE[]{c}\nE[e]{d\ne}\n");

    check("comments, id, retry, unknown fields",
          ": ping\n\nid: 7\nretry: 100\nfoo: bar\ndata: x\n\n:\n"
          "event: only-a-name\n\n",
          "C[]{ping}\nE[]{x}\nC[]{}\n");

    check("[DONE] with and without space",
          "data: [DONE]\n\ndata:[DONE]\n\n",
          "E[]{[DONE]}\nE[]{[DONE]}\n");

    check("llama.cpp error: line then [DONE]",
          "error: {\"code\":500,\"message\":\"boom\"}\n\ndata: [DONE]\n\n",
          "E![]{{\"code\":500,\"message\":\"boom\"}}\nE[]{[DONE]}\n");

    check("empty data line dispatches an empty event",
          "data:\n\ndata\n\n",
          "E[]{}\nE[]{}\n");

    check("unterminated last event is delivered at the end",
          "data: a\n\ndata: b",
          "E[]{a}\nE[]{b}\n");

    check("leading blank lines and BOM",
          "\xef\xbb\xbf\n\ndata: a\n\n",
          "E[]{a}\n");

    check("JSON array stream (Gemini without alt=sse)",
          "[{\"a\":\"}{\\\"]\",\"b\":[1,{\"c\":2}]}\n,\r\n{\"d\":\"\\\\\"}]",
          "J[]{{\"a\":\"}{\\\"]\",\"b\":[1,{\"c\":2}]}}\n"
          "J[]{{\"d\":\"\\\\\"}}\n");

    check("JSON array error form",
          "[{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\"}}]\n",
          "J[]{{\"error\":{\"code\":429,"
          "\"status\":\"RESOURCE_EXHAUSTED\"}}}\n");

    check("NDJSON objects",
          "{\"a\":1}\n{\"b\":2}\n",
          "J[]{{\"a\":1}}\nJ[]{{\"b\":2}}\n");

    /* a partial JSON object at the end is not an event */
    rc = run("[{\"a\":1},{\"b\":", 14, 14, 14, 0, &c);
    ok(rc == 0 && strcmp(c.log, "J[]{{\"a\":1}}\n") == 0,
       "partial JSON object at the end is dropped");

    rc = run("[{\"a\":1}, 42]", 13, 13, 13, 0, &c);
    ok(rc == LLM_SSE_INVALID, "garbage in a JSON stream is an error");

    /* the cap: a line or an event over max fails, stickily */
    rc = run("data: 0123456789\n\n", 18, 18, 18, 10, &c);
    ok(rc == LLM_SSE_TOO_BIG && c.events == 0, "oversize line fails");

    rc = run("data:0123456\ndata:0123456\n\n", 27, 3, 3, 12, &c);
    ok(rc == LLM_SSE_TOO_BIG && c.events == 0,
       "oversize event (lines within the cap) fails");

    rc = run("[{\"a\":\"0123456789\"}]", 20, 20, 20, 10, &c);
    ok(rc == LLM_SSE_TOO_BIG, "oversize JSON object fails");

    llm_sse_init(&p, 10);
    memset(&c, 0, sizeof(c));
    rc = llm_sse_feed(&p, "data: 0123456789\n\n", 18, collect, &c);
    rc = llm_sse_feed(&p, "data: a\n\n", 9, collect, &c);
    ok(rc == LLM_SSE_TOO_BIG && c.events == 0, "failure is sticky");
    llm_sse_free(&p);

    rc = run("data: 0123\n\n", 12, 12, 12, 12, &c);
    ok(rc == 0 && c.events == 1, "event of exactly max bytes passes");

    /* a handler's non-zero result stops the framer and is returned */
    memset(&c, 0, sizeof(c));
    c.stop_after = 1;
    llm_sse_init(&p, 0);
    rc = llm_sse_feed(&p, "data: a\n\ndata: b\n\n", 18, collect, &c);
    ok(rc == 7 && c.events == 1, "handler result stops the framer");
    llm_sse_free(&p);

    /* buffers are reused: 100k events, memory flat */
    llm_sse_init(&p, 0);
    memset(&c, 0, sizeof(c));
    big = malloc(64);
    mem = 0;
    mem1 = 0;
    for (i = 0; i < 100000; i++) {
        snprintf(big, 64, "data: {\"n\":%zu}\n\n", i);
        /* split each event in two to exercise the line buffer */
        llm_sse_feed(&p, big, 5, collect, &c);
        llm_sse_feed(&p, big + 5, strlen(big) - 5, collect, &c);
        c.len = 0;
        if (i == 99) {
            mem1 = llm_sse_memory(&p);
        }
    }
    mem = llm_sse_memory(&p);
    ok(c.events == 100000 && mem == mem1 && mem <= 1024,
       "100k events: framer memory stays flat");
    printf("# framer memory after 100 events %zu, after 100k %zu\n",
           mem1, mem);
    free(big);
    llm_sse_free(&p);

    printf("1..%d\n", tests);
    return failures ? 1 : 0;
}
