/*
 * Tests of the stream translator (src/core/llm_stream.c and the
 * llm_*_stream.c codecs).  Prints TAP.
 *
 * Fixtures: t/stream-cases/from-<upstream>/<case>/
 *   input.sse          the upstream's bytes, as recorded
 *   to-<client>.sse    the expected client output, for each client
 *                      dialect that has a file
 *   case.json          optional: {"include_usage": true,
 *                      "model": "<client's requested model>",
 *                      "now": 1767225600, "max_event": 1048576,
 *                      "fails": true (the stream must end in error)}
 *
 * Each input is translated whole, split in two at every byte boundary,
 * and one byte at a time: the output must be byte-identical every time
 * (the encoders are deterministic), and equal to the expected file event
 * by event, comparing data as JSON (key order is irrelevant).
 *
 * LLM_STREAM_REGEN=1 writes the outputs into the expected files (review
 * them before committing).  LLM_STREAM_QUICK=1 splits at every 17th byte
 * only (valgrind).  LLM_STREAM_BENCH=0 skips the timing.
 */

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "llm_stream.h"
#include "read_file.h"


#define CASES_DIR  "t/stream-cases"


static int  tests, failures;
static int  regen, quick;
static json_t  *keep;      /* the current case.json */

static const char  *client_names[] = { "openai", "anthropic", "gemini" };
static const llm_dialect_e  client_dialects[] = {
    LLM_DIALECT_OPENAI, LLM_DIALECT_ANTHROPIC, LLM_DIALECT_GEMINI
};


static void
ok(int cond, const char *fmt, const char *a, const char *b)
{
    tests++;
    if (!cond) {
        failures++;
    }
    printf("%sok %d - ", cond ? "" : "not ", tests);
    printf(fmt, a, b);
    printf("\n");
}


/* output sink */

typedef struct {
    llm_buf_t  buf;
    int        fail_after;     /* write fails from the Nth call on */
    int        calls;
} sink_t;


static int
sink_write(void *data, const char *buf, size_t len)
{
    sink_t  *k = data;

    k->calls++;
    if (k->fail_after && k->calls >= k->fail_after) {
        return -1;
    }
    return llm_buf_add(&k->buf, buf, len);
}


typedef struct {
    llm_dialect_e   upstream;
    llm_request_t   req;
    llm_options_t   opt;
    size_t          max_event;
    int             fails;
} params_t;


/* Translates in pieces: the first of first bytes, then of step bytes.
 * Returns 0 or -1 (the stream ended in error); the output in k. */

static int
translate(const params_t *pm, llm_dialect_e client, const char *in,
    size_t len, size_t first, size_t step, sink_t *k)
{
    int            rc, frc;
    size_t         pos, n;
    llm_stream_t  *s;

    s = llm_stream_create(pm->upstream, client, &pm->req, &pm->opt,
                          pm->max_event);
    if (s == NULL) {
        return -2;
    }

    rc = 0;
    pos = 0;
    n = first;

    while (pos < len) {
        if (n > len - pos) {
            n = len - pos;
        }
        if (llm_stream_feed(s, in + pos, n, sink_write, k) != 0) {
            rc = -1;
        }
        pos += n;
        n = step;
    }

    frc = llm_stream_finish(s, sink_write, k);
    if (frc != 0) {
        rc = -1;
    }

    if (!llm_stream_terminal(s)) {
        rc = -3;
    }

    llm_stream_destroy(s);
    return rc;
}


/* event-by-event comparison */

typedef struct {
    char    *name[512];
    char    *data[512];
    int      comment[512];
    size_t   n;
} events_t;


static int
collect(void *ctx, const llm_sse_event_t *ev)
{
    events_t  *e = ctx;

    if (e->n == 512) {
        return 0;
    }
    e->name[e->n] = strndup(ev->event, ev->event_len);
    e->data[e->n] = strndup(ev->data, ev->data_len);
    e->comment[e->n] = ev->comment;
    e->n++;
    return 0;
}


static void
events_parse(events_t *e, const char *buf, size_t len)
{
    llm_sse_t  p;

    memset(e, 0, sizeof(*e));
    llm_sse_init(&p, 0);
    llm_sse_feed(&p, buf, len, collect, e);
    llm_sse_finish(&p, collect, e);
    llm_sse_free(&p);
}


static void
events_free(events_t *e)
{
    size_t  i;

    for (i = 0; i < e->n; i++) {
        free(e->name[i]);
        free(e->data[i]);
    }
}


static int
data_equal(const char *a, const char *b)
{
    int      eq;
    json_t  *ja, *jb;

    ja = json_loads(a, JSON_ALLOW_NUL, NULL);
    jb = json_loads(b, JSON_ALLOW_NUL, NULL);

    if (ja && jb) {
        eq = json_equal(ja, jb);

    } else {
        eq = (ja == NULL && jb == NULL && strcmp(a, b) == 0);
    }

    json_decref(ja);
    json_decref(jb);
    return eq;
}


static int
compare(const char *got, size_t glen, const char *exp, size_t elen)
{
    int       eq;
    size_t    i;
    events_t  g, e;

    events_parse(&g, got, glen);
    events_parse(&e, exp, elen);

    eq = (g.n == e.n);

    for (i = 0; eq && i < g.n; i++) {
        if (strcmp(g.name[i], e.name[i]) != 0
            || g.comment[i] != e.comment[i]
            || !data_equal(g.data[i], e.data[i]))
        {
            printf("# event %zu differs:\n#  got      %s %s\n"
                   "#  expected %s %s\n",
                   i, g.name[i], g.data[i], e.name[i], e.data[i]);
            eq = 0;
        }
    }

    if (g.n != e.n) {
        printf("# got %zu events, expected %zu\n", g.n, e.n);
        for (i = 0; i < g.n; i++) {
            printf("#  got %s %s\n", g.name[i], g.data[i]);
        }
    }

    events_free(&g);
    events_free(&e);
    return eq;
}


static void
load_params(params_t *pm, const char *dir, llm_dialect_e upstream)
{
    char     path[512];
    json_t  *j, *v;

    memset(pm, 0, sizeof(*pm));
    pm->upstream = upstream;
    pm->opt.now = 1767225600;
    pm->opt.default_max_tokens = LLM_DEFAULT_MAX_TOKENS;

    snprintf(path, sizeof(path), "%s/case.json", dir);
    j = json_load_file(path, 0, NULL);
    if (j == NULL) {
        return;
    }

    pm->req.stream = 1;
    pm->req.stream_include_usage =
        json_is_true(json_object_get(j, "include_usage"));

    v = json_object_get(j, "model");
    if (json_is_string(v)) {
        pm->req.model.data = json_string_value(v);
        pm->req.model.len = json_string_length(v);
    }

    v = json_object_get(j, "now");
    if (json_is_integer(v)) {
        pm->opt.now = json_integer_value(v);
    }

    v = json_object_get(j, "max_event");
    if (json_is_integer(v)) {
        pm->max_event = json_integer_value(v);
    }

    pm->fails = json_is_true(json_object_get(j, "fails"));

    /* the model string must outlive the runs */
    json_decref(keep);
    keep = j;
}


static void
run_case(const char *dir, const char *upname, llm_dialect_e upstream,
    const char *cname)
{
    int        rc, rc2, same, c;
    char       path[512], label[256];
    char      *in, *exp;
    size_t     len, elen, i, step;
    sink_t     whole, part;
    params_t   pm;

    snprintf(path, sizeof(path), "%s/input.sse", dir);
    in = read_file(path, &len);
    if (in == NULL) {
        return;
    }

    load_params(&pm, dir, upstream);

    for (c = 0; c < 3; c++) {
        snprintf(path, sizeof(path), "%s/to-%s.sse", dir, client_names[c]);
        exp = read_file(path, &elen);
        if (exp == NULL && !regen) {
            continue;
        }

        snprintf(label, sizeof(label), "%s/%s -> %s", upname, cname,
                 client_names[c]);

        memset(&whole, 0, sizeof(whole));
        rc = translate(&pm, client_dialects[c], in, len, len, len, &whole);

        if (regen) {
            FILE  *f = fopen(path, "wb");
            if (f) {
                fwrite(whole.buf.data ? whole.buf.data : "", 1,
                       whole.buf.len, f);
                fclose(f);
            }
            free(exp);
            exp = read_file(path, &elen);
        }

        ok(rc == (pm.fails ? -1 : 0)
           && compare(whole.buf.data ? whole.buf.data : "", whole.buf.len,
                      exp, elen),
           "%s%s", label, pm.fails ? " (fails)" : "");

        /* split in two at every boundary: the same bytes */
        same = 1;
        step = quick ? 17 : 1;
        for (i = 1; i < len && same; i += step) {
            memset(&part, 0, sizeof(part));
            rc2 = translate(&pm, client_dialects[c], in, len, i, len, &part);
            if (rc2 != rc || part.buf.len != whole.buf.len
                || (part.buf.len
                    && memcmp(part.buf.data, whole.buf.data, part.buf.len)))
            {
                printf("# split at %zu differs (rc %d):\n%s\n", i, rc2,
                       part.buf.data);
                same = 0;
            }
            llm_buf_free(&part.buf);
        }
        ok(same, "%s: split at every byte%s", label,
           quick ? " (every 17th)" : "");

        memset(&part, 0, sizeof(part));
        rc2 = translate(&pm, client_dialects[c], in, len, 1, 1, &part);
        ok(rc2 == rc && part.buf.len == whole.buf.len
           && (part.buf.len == 0
               || memcmp(part.buf.data, whole.buf.data, part.buf.len) == 0),
           "%s: one byte at a time%s", label, "");
        llm_buf_free(&part.buf);

        llm_buf_free(&whole.buf);
        free(exp);
    }

    free(in);
}


static int
name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}


static void
run_cases(void)
{
    int             u;
    DIR            *d;
    char            path[320], *names[256];
    size_t          n, i;
    struct dirent  *de;
    struct stat     st;
    static const char  *ups[] = { "openai", "anthropic", "gemini" };

    for (u = 0; u < 3; u++) {
        snprintf(path, sizeof(path), CASES_DIR "/from-%s", ups[u]);
        d = opendir(path);
        if (d == NULL) {
            continue;
        }

        n = 0;
        while ((de = readdir(d)) != NULL && n < 256) {
            if (de->d_name[0] != '.') {
                names[n++] = strdup(de->d_name);
            }
        }
        closedir(d);
        qsort(names, n, sizeof(char *), name_cmp);

        for (i = 0; i < n; i++) {
            snprintf(path, sizeof(path), CASES_DIR "/from-%s/%s", ups[u],
                     names[i]);
            if (strlen(names[i]) < 200 && stat(path, &st) == 0
                && S_ISDIR(st.st_mode))
            {
                run_case(path, ups[u], client_dialects[u], names[i]);
            }
            free(names[i]);
        }
    }
}


/* jansson allocations, to show that none outlive an event */

static long                live_blocks;
static json_malloc_t       core_malloc;    /* the core's own hooks */
static json_free_t         core_free;

static void *
count_malloc(size_t n)
{
    live_blocks++;
    return core_malloc(n);
}

static void
count_free(void *p)
{
    if (p) {
        live_blocks--;
    }
    core_free(p);
}


/* A long upstream stream, built in memory: n events of the dialect's
 * usual text delta between its opening and closing events. */

static char *
long_stream(llm_dialect_e d, size_t n, size_t *len)
{
    size_t      i;
    llm_buf_t   b;
    char        ev[512];

    memset(&b, 0, sizeof(b));

    switch (d) {
    case LLM_DIALECT_OPENAI:
        snprintf(ev, sizeof(ev), "data: {\"id\":\"chatcmpl-1\",\"object\":"
                 "\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                 "\"choices\":[{\"index\":0,\"delta\":{\"role\":"
                 "\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}"
                 "\n\n");
        llm_buf_add(&b, ev, strlen(ev));
        for (i = 0; i < n; i++) {
            snprintf(ev, sizeof(ev), "data: {\"id\":\"chatcmpl-1\","
                     "\"object\":\"chat.completion.chunk\",\"created\":1,"
                     "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
                     "{\"content\":\"word %zu \"},\"finish_reason\":null}]}"
                     "\n\n", i);
            llm_buf_add(&b, ev, strlen(ev));
        }
        snprintf(ev, sizeof(ev), "data: {\"id\":\"chatcmpl-1\",\"object\":"
                 "\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                 "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":"
                 "\"stop\"}]}\n\ndata: [DONE]\n\n");
        llm_buf_add(&b, ev, strlen(ev));
        break;

    case LLM_DIALECT_ANTHROPIC:
        snprintf(ev, sizeof(ev), "event: message_start\ndata: {\"type\":"
                 "\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":"
                 "\"message\",\"role\":\"assistant\",\"model\":\"m\","
                 "\"content\":[],\"usage\":{\"input_tokens\":5,"
                 "\"output_tokens\":1}}}\n\n"
                 "event: content_block_start\ndata: {\"type\":"
                 "\"content_block_start\",\"index\":0,\"content_block\":"
                 "{\"type\":\"text\",\"text\":\"\"}}\n\n");
        llm_buf_add(&b, ev, strlen(ev));
        for (i = 0; i < n; i++) {
            snprintf(ev, sizeof(ev), "event: content_block_delta\ndata: "
                     "{\"type\":\"content_block_delta\",\"index\":0,"
                     "\"delta\":{\"type\":\"text_delta\",\"text\":"
                     "\"word %zu \"}}\n\n", i);
            llm_buf_add(&b, ev, strlen(ev));
        }
        snprintf(ev, sizeof(ev), "event: content_block_stop\ndata: "
                 "{\"type\":\"content_block_stop\",\"index\":0}\n\n"
                 "event: message_delta\ndata: {\"type\":\"message_delta\","
                 "\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":"
                 "{\"output_tokens\":9}}\n\n"
                 "event: message_stop\ndata: {\"type\":\"message_stop\"}"
                 "\n\n");
        llm_buf_add(&b, ev, strlen(ev));
        break;

    default:
        for (i = 0; i < n; i++) {
            snprintf(ev, sizeof(ev), "data: {\"candidates\":[{\"content\":"
                     "{\"parts\":[{\"text\":\"word %zu \"}],\"role\":"
                     "\"model\"},\"index\":0}],\"usageMetadata\":"
                     "{\"promptTokenCount\":6,\"totalTokenCount\":6},"
                     "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":"
                     "\"r1\"}\n\n", i);
            llm_buf_add(&b, ev, strlen(ev));
        }
        snprintf(ev, sizeof(ev), "data: {\"candidates\":[{\"content\":"
                 "{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"},"
                 "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":"
                 "{\"promptTokenCount\":6,\"candidatesTokenCount\":3,"
                 "\"totalTokenCount\":9},\"modelVersion\":"
                 "\"gemini-2.5-flash\",\"responseId\":\"r1\"}\n\n");
        llm_buf_add(&b, ev, strlen(ev));
        break;
    }

    *len = b.len;
    return b.data;
}


static int
null_write(void *data, const char *buf, size_t len)
{
    *(size_t *) data += len;
    return 0;
}


static void
test_long_streams(void)
{
    int            u, c, flat;
    char          *in, label[128];
    size_t         len, pos, n, out, mem1, mem2, events;
    long           live0, live1, live2;
    llm_stream_t  *s;

    for (u = 0; u < 3; u++) {
        c = (u + 1) % 3;
        events = 100000;
        in = long_stream(client_dialects[u], events, &len);

        s = llm_stream_create(client_dialects[u], client_dialects[c], NULL,
                              NULL, 0);
        out = 0;
        mem1 = 0;
        live0 = live_blocks;
        live1 = 0;
        flat = 1;

        /* feed in 4 KB pieces, like an upstream read buffer */
        for (pos = 0; pos < len; pos += n) {
            n = len - pos < 4096 ? len - pos : 4096;
            llm_stream_feed(s, in + pos, n, null_write, &out);

            if (pos >= 1000 * 100 && mem1 == 0) {
                mem1 = llm_stream_memory(s);
                live1 = live_blocks;
            }
            if (live_blocks != live0) {
                flat = 0;
            }
        }
        llm_stream_finish(s, null_write, &out);

        mem2 = llm_stream_memory(s);
        live2 = live_blocks;

        snprintf(label, sizeof(label), "%s -> %s",
                 client_names[u], client_names[c]);
        ok(mem1 == mem2 && flat && live1 == live0 && live2 == live0
           && llm_stream_terminal(s) && !llm_stream_failed(s),
           "100k events %s%s: memory flat, no JSON outlives an event",
           label, "");
        printf("# %s: %zu bytes in, %zu out; stream memory %zu -> %zu;"
               " live jansson blocks %ld\n", label, len, out, mem1, mem2,
               live2 - live0);

        llm_stream_destroy(s);
        free(in);
    }
}


static double
cpu_now(void)
{
    struct timespec  ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}


static void
bench(void)
{
    int            u, c;
    char          *in;
    size_t         len, pos, n, out, events;
    double         t0, t1;
    llm_stream_t  *s;

    events = 200000;

    for (u = 0; u < 3; u++) {
        in = long_stream(client_dialects[u], events, &len);

        for (c = 0; c < 3; c++) {
            s = llm_stream_create(client_dialects[u], client_dialects[c],
                                  NULL, NULL, 0);
            out = 0;
            t0 = cpu_now();
            for (pos = 0; pos < len; pos += n) {
                n = len - pos < 16384 ? len - pos : 16384;
                llm_stream_feed(s, in + pos, n, null_write, &out);
            }
            llm_stream_finish(s, null_write, &out);
            t1 = cpu_now();
            llm_stream_destroy(s);

            printf("# cost %-9s -> %-9s %.3f us/event (%zu B in, %zu B out"
                   " per event)\n", client_names[u], client_names[c],
                   (t1 - t0) * 1e6 / events, len / events, out / events);
        }

        free(in);
    }
}


static int
run_string(llm_dialect_e up, llm_dialect_e cl, size_t max, const char *in,
    sink_t *k)
{
    params_t  pm;

    memset(&pm, 0, sizeof(pm));
    pm.upstream = up;
    pm.opt.now = 1767225600;
    pm.max_event = max;
    memset(k, 0, sizeof(*k));
    return translate(&pm, cl, in, strlen(in), strlen(in), strlen(in), k);
}


/*
 * A relayed Gemini stream has no end marker: it may end cleanly after a
 * candidate's finishReason, and a cut before it ends with an error.  A
 * function call's args using that name do not count.
 */
static void
test_relay_gemini_finish(void)
{
    int            rc;
    size_t         i;
    sink_t         k;
    llm_stream_t  *s;
    static const char  *chunks[] = {
        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":"
        "{\"name\":\"f\",\"args\":{\"finishReason\":\"STOP\"}}}],"
        "\"role\":\"model\"},\"index\":0}]}\n\n",
        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}],"
        "\"role\":\"model\"},\"index\":0}],\"finishReason\":\"STOP\"}\n\n",
        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}],"
        "\"role\":\"model\"},\"index\":0}, {\"index\":1,"
        "\"finishReason\":\"STOP\"}]}\n\n",
    };
    static const char  *names[] = {
        "relayed Gemini cut after args named finishReason: error%s%s",
        "relayed Gemini cut after a top-level finishReason: error%s%s",
        "relayed Gemini ends cleanly after a candidate's finishReason%s%s",
    };

    for (i = 0; i < 3; i++) {
        s = llm_stream_create_relay(LLM_DIALECT_GEMINI, 0);
        memset(&k, 0, sizeof(k));
        rc = llm_stream_feed(s, chunks[i], strlen(chunks[i]), sink_write, &k);
        rc |= llm_stream_finish(s, sink_write, &k);
        ok(i < 2 ? llm_stream_failed(s) && k.buf.data
                   && strstr(k.buf.data, "ended unexpectedly") != NULL
                 : rc == 0 && !llm_stream_failed(s)
                   && k.buf.len == strlen(chunks[i]),
           names[i], "", "");
        llm_stream_destroy(s);
        llm_buf_free(&k.buf);
    }
}


static void
test_api(void)
{
    int                 rc;
    size_t              before;
    sink_t              k;
    llm_stream_t       *s;
    const llm_usage_t  *u;
    static const char   text[] =
        "data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,"
        "\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}\n\n";
    static const char   done[] =
        "data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,"
        "\"delta\":{},\"finish_reason\":\"length\"}]}\n\n"
        "data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[],\"usage\":"
        "{\"prompt_tokens\":10,\"completion_tokens\":3,\"total_tokens\":13,"
        "\"prompt_tokens_details\":{\"cached_tokens\":4}}}\n\n"
        "data: [DONE]\n\n";

    ok(llm_stream_create(LLM_DIALECT_NONE, LLM_DIALECT_OPENAI, NULL, NULL, 0)
       == NULL, "unknown dialect: no stream%s%s", "", "");
    llm_stream_destroy(NULL);

    s = llm_stream_create(LLM_DIALECT_OPENAI, LLM_DIALECT_ANTHROPIC, NULL,
                          NULL, 0);
    memset(&k, 0, sizeof(k));
    rc = llm_stream_feed(s, text, sizeof(text) - 1, sink_write, &k);
    rc |= llm_stream_feed(s, done, sizeof(done) - 1, sink_write, &k);
    ok(rc == 0 && llm_stream_terminal(s) && !llm_stream_failed(s),
       "[DONE] makes the stream terminal%s%s", "", "");

    u = llm_stream_usage(s);
    ok(u->has_input && u->input_total == 10 && u->output_total == 3
       && u->cache_read == 4 && llm_stream_stop(s) == LLM_STOP_MAX_TOKENS,
       "usage and stop reason are reported%s%s", "", "");

    before = k.buf.len;
    rc = llm_stream_feed(s, text, sizeof(text) - 1, sink_write, &k);
    rc |= llm_stream_finish(s, sink_write, &k);
    ok(rc == 0 && k.buf.len == before,
       "input after the terminal event is ignored%s%s", "", "");
    llm_stream_destroy(s);
    llm_buf_free(&k.buf);

    /* an event over max_event fails the stream with an error event */
    rc = run_string(LLM_DIALECT_OPENAI, LLM_DIALECT_ANTHROPIC, 64, text, &k);
    ok(rc == -1 && k.buf.data && strstr(k.buf.data, "event: error\n")
       && strstr(k.buf.data, "exceeds 64 bytes"),
       "oversize event: error event%s%s", "", "");
    llm_buf_free(&k.buf);

    rc = run_string(LLM_DIALECT_ANTHROPIC, LLM_DIALECT_OPENAI, 0,
                    "event: message_start\ndata: {\"type\":\"message_start\""
                    ",\"message\":{\"id\":\"msg_1\",\"model\":\"m\"}}\n\n"
                    "data: {not json\n\n", &k);
    ok(rc == -1 && k.buf.data
       && strstr(k.buf.data, "data: {\"error\":{\"message\":"
                 "\"upstream sent invalid JSON in stream\""),
       "invalid JSON: error chunk%s%s", "", "");
    llm_buf_free(&k.buf);

    rc = run_string(LLM_DIALECT_GEMINI, LLM_DIALECT_GEMINI, 0, "", &k);
    ok(rc == -1 && k.buf.data
       && strstr(k.buf.data, "\"status\":\"INTERNAL\""),
       "empty upstream body: error, not a normal end%s%s", "", "");
    llm_buf_free(&k.buf);

    /* a failing client write ends the stream */
    s = llm_stream_create(LLM_DIALECT_OPENAI, LLM_DIALECT_OPENAI, NULL,
                          NULL, 0);
    memset(&k, 0, sizeof(k));
    k.fail_after = 2;
    rc = llm_stream_feed(s, text, sizeof(text) - 1, sink_write, &k);
    rc |= llm_stream_feed(s, text, sizeof(text) - 1, sink_write, &k);
    ok(rc == -1 && llm_stream_terminal(s) && llm_stream_failed(s),
       "write failure ends the stream%s%s", "", "");
    llm_stream_destroy(s);
    llm_buf_free(&k.buf);
}


int
main(void)
{
    const char  *e;

    json_get_alloc_funcs(&core_malloc, &core_free);
    json_set_alloc_funcs(count_malloc, count_free);

    e = getenv("LLM_STREAM_REGEN");
    regen = e && *e == '1';
    e = getenv("LLM_STREAM_QUICK");
    quick = e && *e == '1';

    test_api();
    test_relay_gemini_finish();
    run_cases();
    test_long_streams();

    e = getenv("LLM_STREAM_BENCH");
    if (e == NULL || *e != '0') {
        bench();
    }

    json_decref(keep);

    printf("1..%d\n", tests);
    return failures ? 1 : 0;
}
