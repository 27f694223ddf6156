/*
 * Core microbenchmarks: the translation library alone, no nginx.
 *
 *   micro [-t ms] [-f fixture] [name-prefix ...]
 *       one line per benchmark: name, ns/op, ns/unit, unit, held bytes
 *   micro --once name iterations
 *       runs one benchmark for callgrind: every iteration happens inside
 *       bench_loop(), so "--toggle-collect=bench_loop" counts exactly
 *       iterations x the instructions of one operation
 *   micro --list
 *
 * Each operation is what the nginx glue does per request or per stream:
 * llm_translation_init, llm_parse_request, llm_emit_request (or
 * llm_translate_response), llm_translation_free; llm_stream_create,
 * llm_stream_feed in 4 KB reads, llm_stream_finish, llm_stream_destroy.
 *
 * Names: "o2a" is an OpenAI client with an Anthropic upstream (the
 * request goes o -> a, the answer and the stream come back a -> o).
 * resp.*: the small request is parsed too (as the response side needs
 * it); subtract req.parse.*.small for the response alone.
 * resp.relay.*: a same-dialect answer relayed unparsed, llm_usage_relayed
 * (the JSON check and the usage counts) alone.
 * "agent": an agent's request (bench/fixtures/chat-tools-agent.json, 16
 * tools, 15 KB, most of it their parameters' JSON schemas).
 * *.memo: with the memo of checked values on (llm_json_memo.h, the
 * gateway's default size), warmed by the two runs before the timed ones
 * (a value is kept the second time): the same body again, as an agent
 * sends its tools with each request.
 * skip.schema.*: llm_jpull_skip alone over the tools' parameters (an
 * array of them, compact), what the passthrough check spends on them.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "llm_translate.h"
#include "llm_stream.h"
#include "llm_map.h"
#include "llm_json_memo.h"
#include "llm_json_pull.h"


typedef struct bench_s  bench_t;

struct bench_s {
    const char     *name;
    int           (*op)(bench_t *b);
    llm_dialect_e   client;
    llm_dialect_e   upstream;
    size_t          size;          /* body size or stream length */
    const char     *unit;          /* "KB", "event" or NULL */

    char           *body;          /* request body (or the SSE stream) */
    size_t          len;
    char           *resp;          /* upstream response body */
    size_t          resp_len;
    size_t          units;         /* events in the stream, KB of body */
    size_t          held;          /* stream memory after the last event */
    size_t          out;           /* client bytes of the last op */
    int             memo;          /* the memo of checked values on */

    llm_translation_t  t;          /* streams: the parsed request */
};


#define LLM_BENCH_MEMO  (1024 * 1024)  /* llm_check_cache_size's default */

static char    *fixture_path = "bench/fixtures/chat-tools-2k.json";
static char    *fixture;
static size_t   fixture_len;
static char    *anthropic_2k;      /* the fixture, translated once */
static size_t   anthropic_2k_len;
static char    *agent_path = "bench/fixtures/chat-tools-agent.json";
static char    *agent;
static size_t   agent_len;


/* ---------------------------------------------------------------- bodies */

static const char  small_openai[] =
    "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"system\","
    "\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Say hello"
    " to the benchmark in one short sentence, please.\"}],"
    "\"max_tokens\":64,\"temperature\":0.5}";

static const char  small_anthropic[] =
    "{\"model\":\"gpt-4o-mini\",\"max_tokens\":64,\"system\":\"Be brief.\","
    "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to the "
    "benchmark in one short sentence, please.\"}],\"temperature\":0.5}";

/* Gemini's model is the path's (gemini_path_model) */
static const char  small_gemini[] =
    "{\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]},"
    "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Say "
    "hello to the benchmark in one short sentence, please.\"}]}],"
    "\"generationConfig\":{\"maxOutputTokens\":64,\"temperature\":0.5}}";

static const llm_str_t  gemini_path_model = { "gpt-4o-mini", 11 };

static const char  resp_anthropic[] =
    "{\"id\":\"msg_bench01\",\"type\":\"message\",\"role\":\"assistant\","
    "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\","
    "\"text\":\"Hello, benchmark! Nice to meet you.\"},{\"type\":"
    "\"tool_use\",\"id\":\"toolu_01\",\"name\":\"get_weather\",\"input\":"
    "{\"city\":\"Lisbon\"}}],\"stop_reason\":\"tool_use\","
    "\"stop_sequence\":null,\"usage\":{\"input_tokens\":42,"
    "\"output_tokens\":17}}";

static const char  resp_openai[] =
    "{\"id\":\"chatcmpl-bench01\",\"object\":\"chat.completion\","
    "\"created\":1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[{"
    "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
    "\"Hello, benchmark! Nice to meet you.\",\"tool_calls\":[{\"id\":"
    "\"call_01\",\"type\":\"function\",\"function\":{\"name\":"
    "\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Lisbon\\\"}\"}}]},"
    "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":42,"
    "\"completion_tokens\":17,\"total_tokens\":59}}";


typedef struct {
    char    *p;
    size_t   len;
    size_t   cap;
} sbuf_t;


static void
sb_add(sbuf_t *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (b->p == NULL) {
            perror("realloc");
            exit(2);
        }
    }

    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}


#define sb_lit(b, s)  sb_add(b, s, sizeof(s) - 1)
#define sb_str(b, s)  sb_add(b, s, strlen(s))


/* An OpenAI conversation of about size bytes: turns of ~200 bytes. */
static char *
make_conversation(size_t size, size_t *len)
{
    sbuf_t  b = { NULL, 0, 0 };

    sb_lit(&b, "{\"model\":\"claude-sonnet-4-5\",\"messages\":["
           "{\"role\":\"system\",\"content\":\"You are a helpful assistant."
           "\"}");

    while (b.len + 300 < size) {
        sb_lit(&b, ",{\"role\":\"user\",\"content\":\"Tell me one more "
               "thing about the history of Lisbon, its bridges, its trams "
               "and the earthquake of 1755, in two sentences.\"}");
        if (b.len + 300 >= size) {
            break;
        }
        sb_lit(&b, ",{\"role\":\"assistant\",\"content\":\"Lisbon was "
               "rebuilt after 1755 on a grid plan by the Marquis of Pombal;"
               " its yellow trams still climb the Alfama hills.\"}");
    }

    sb_lit(&b, ",{\"role\":\"user\",\"content\":\"Thanks.\"}],"
           "\"max_tokens\":512}");

    *len = b.len;
    return b.p;
}


/* An upstream SSE stream with n text deltas in dialect d. */
static char *
make_stream(llm_dialect_e d, size_t n, size_t *len)
{
    size_t  i;
    sbuf_t  b = { NULL, 0, 0 };

    if (d == LLM_DIALECT_ANTHROPIC) {
        sb_lit(&b, "event: message_start\ndata: {\"type\":\"message_start\","
               "\"message\":{\"id\":\"msg_bench01\",\"type\":\"message\","
               "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
               "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
               "\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}\n\n"
               "event: content_block_start\ndata: {\"type\":"
               "\"content_block_start\",\"index\":0,\"content_block\":{"
               "\"type\":\"text\",\"text\":\"\"}}\n\n");
        for (i = 0; i < n; i++) {
            sb_lit(&b, "event: content_block_delta\ndata: {\"type\":"
                   "\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                   "\"text_delta\",\"text\":\" token\"}}\n\n");
        }
        sb_lit(&b, "event: content_block_stop\ndata: {\"type\":"
               "\"content_block_stop\",\"index\":0}\n\n"
               "event: message_delta\ndata: {\"type\":\"message_delta\","
               "\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":"
               "null},\"usage\":{\"output_tokens\":20}}\n\n"
               "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

    } else {
        sb_lit(&b, "data: {\"id\":\"chatcmpl-bench01\",\"object\":"
               "\"chat.completion.chunk\",\"created\":1700000000,\"model\":"
               "\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{"
               "\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":"
               "null}]}\n\n");
        for (i = 0; i < n; i++) {
            sb_lit(&b, "data: {\"id\":\"chatcmpl-bench01\",\"object\":"
                   "\"chat.completion.chunk\",\"created\":1700000000,"
                   "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                   "\"delta\":{\"content\":\" token\"},\"finish_reason\":"
                   "null}]}\n\n");
        }
        sb_lit(&b, "data: {\"id\":\"chatcmpl-bench01\",\"object\":"
               "\"chat.completion.chunk\",\"created\":1700000000,\"model\":"
               "\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},"
               "\"finish_reason\":\"stop\"}]}\n\n"
               "data: {\"id\":\"chatcmpl-bench01\",\"object\":"
               "\"chat.completion.chunk\",\"created\":1700000000,\"model\":"
               "\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":"
               "12,\"completion_tokens\":20,\"total_tokens\":32}}\n\n"
               "data: [DONE]\n\n");
    }

    *len = b.len;
    return b.p;
}


static char *
read_file(const char *path, size_t *len)
{
    long   n;
    char  *p;
    FILE  *f;

    f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        exit(2);
    }

    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);

    p = malloc(n + 1);
    if (p == NULL || fread(p, 1, n, f) != (size_t) n) {
        perror(path);
        exit(2);
    }

    p[n] = '\0';
    fclose(f);
    *len = n;
    return p;
}


/* ---------------------------------------------------------------- ops */

static int
op_scan(bench_t *b)
{
    int                 rc;
    llm_translation_t   t;

    llm_translation_init(&t, b->client, b->upstream);

    /* llm_passthrough_strict off: syntax, model and stream only */
    rc = llm_scan_request(&t, b->body, b->len, NULL);
    b->out = b->len;

    if (rc != 0) {
        fprintf(stderr, "%s: %s\n", b->name, t.err.message);
    }

    llm_translation_free(&t);
    return rc;
}


/* llm_passthrough_strict on (the default) for a relayed body: the
 * dialect's check from the bytes, or the parse when it cannot tell */
static int
op_check(bench_t *b)
{
    int                 rc;
    llm_translation_t   t;

    llm_translation_init(&t, b->client, b->upstream);

    rc = llm_check_request(&t, b->body, b->len,
                           b->client == LLM_DIALECT_GEMINI
                           ? &gemini_path_model : NULL);
    b->out = b->len;

    if (rc != 0) {
        fprintf(stderr, "%s: %s\n", b->name, t.err.message);
    }

    llm_translation_free(&t);
    return rc;
}


/* llm_jpull_skip over the body, which must take it whole */
static int
op_skip(bench_t *b)
{
    llm_jpull_t  j;

    llm_jpull_init(&j, b->body, b->len);
    b->out = b->len;

    if (llm_jpull_skip(&j) != 0 || llm_jpull_end(&j) != 0) {
        fprintf(stderr, "%s: not taken\n", b->name);
        return -1;
    }

    return 0;
}


static int
op_request(bench_t *b)
{
    int                 rc;
    char               *out;
    size_t              outlen;
    const llm_str_t    *pm;
    llm_translation_t   t;

    llm_translation_init(&t, b->client, b->upstream);
    t.opt.now = 1700000000;

    /* a Gemini client names its model in the path */
    pm = (b->client == LLM_DIALECT_GEMINI) ? &gemini_path_model : NULL;

    rc = llm_parse_request(&t, b->body, b->len, pm);

    if (rc == 0 && b->upstream != b->client) {
        rc = llm_emit_request(&t, &out, &outlen);
        b->out = outlen;

    } else {
        b->out = b->len;       /* passthrough: the body goes as it is */
    }

    if (rc != 0) {
        fprintf(stderr, "%s: %s\n", b->name, t.err.message);
    }

    llm_translation_free(&t);
    return rc;
}


static int
op_response(bench_t *b)
{
    int                 rc;
    char               *out;
    size_t              outlen;
    llm_translation_t   t;

    llm_translation_init(&t, b->client, b->upstream);
    t.opt.now = 1700000000;

    rc = llm_parse_request(&t, b->body, b->len, NULL);

    if (rc == 0 && b->resp) {
        rc = llm_translate_response(&t, b->resp, b->resp_len, &out,
                                    &outlen);
        b->out = outlen;
    }

    if (rc != 0) {
        fprintf(stderr, "%s: %s\n", b->name, t.err.message);
    }

    llm_translation_free(&t);
    return rc;
}


/* A same-dialect answer relayed as it is: checked and its usage read
 * (llm_usage_relayed), what the glue does per passthrough answer. */
static int
op_relay(bench_t *b)
{
    llm_usage_t  u;

    memset(&u, 0, sizeof(u));
    b->out = b->resp_len;

    if (!llm_usage_relayed(b->upstream, b->resp, b->resp_len, &u)
        || !u.has_input || !u.has_output)
    {
        fprintf(stderr, "%s: not relayed\n", b->name);
        return -1;
    }

    return 0;
}


static int
sink(void *data, const char *buf, size_t len)
{
    *(size_t *) data += len;
    return 0;
}


static int
op_stream(bench_t *b)
{
    int            rc;
    size_t         off, n, out;
    llm_stream_t  *s;

    s = llm_stream_create(b->upstream, b->client, &b->t.req, &b->t.opt,
                          1024 * 1024);
    if (s == NULL) {
        return -1;
    }

    out = 0;
    rc = 0;

    /* in 4 KB reads, as nginx's proxy buffers would deliver them */

    for (off = 0; off < b->len && rc == 0; off += n) {
        n = b->len - off < 4096 ? b->len - off : 4096;
        rc = llm_stream_feed(s, b->body + off, n, sink, &out);
    }

    b->held = llm_stream_memory(s);

    if (rc == 0) {
        rc = llm_stream_finish(s, sink, &out);
    }

    if (rc != 0 || llm_stream_failed(s) || !llm_stream_terminal(s)) {
        fprintf(stderr, "%s: stream failed\n", b->name);
        rc = -1;
    }

    b->out = out;
    llm_stream_destroy(s);
    return rc;
}


/* ---------------------------------------------------------------- table */

#define O  LLM_DIALECT_OPENAI
#define A  LLM_DIALECT_ANTHROPIC
#define G  LLM_DIALECT_GEMINI

#define REQ(nm, c, u, sz) \
    { .name = nm, .op = op_request, .client = c, .upstream = u, \
      .size = sz, .unit = "KB" }
#define SCAN(nm, c, sz) \
    { .name = nm, .op = op_scan, .client = c, .upstream = c, \
      .size = sz, .unit = "KB" }
#define CHECK(nm, c, sz) \
    { .name = nm, .op = op_check, .client = c, .upstream = c, \
      .size = sz, .unit = "KB" }
#define REQ_MEMO(nm, c, u, sz) \
    { .name = nm, .op = op_request, .client = c, .upstream = u, \
      .size = sz, .unit = "KB", .memo = 1 }
#define CHECK_MEMO(nm, c, sz) \
    { .name = nm, .op = op_check, .client = c, .upstream = c, \
      .size = sz, .unit = "KB", .memo = 1 }
#define SKIP(nm, sz) \
    { .name = nm, .op = op_skip, .client = O, .upstream = O, \
      .size = sz, .unit = "KB" }
#define RESP(nm, c, u) \
    { .name = nm, .op = op_response, .client = c, .upstream = u }
#define RELAY(nm, d) \
    { .name = nm, .op = op_relay, .client = d, .upstream = d }
#define STREAM(nm, c, u, n) \
    { .name = nm, .op = op_stream, .client = c, .upstream = u, \
      .size = n, .unit = "event" }

static bench_t  benches[] = {
    /* size 0: the 2 KB fixture; 1: the small request; 2: 24 KB of
     * prose in four messages (long text, what most prompts are); 3: the
     * agent's request; else: a conversation of that many bytes */
    REQ("req.o2a.2k", O, A, 0),
    REQ("req.a2o.2k", A, O, 0),
    REQ("req.parse.o.2k", O, O, 0),
    REQ("req.o2a.small", O, A, 1),
    REQ("req.a2o.small", A, O, 1),
    REQ("req.parse.o.small", O, O, 1),
    REQ("req.parse.a.small", A, A, 1),
    REQ("req.parse.g.small", G, G, 1),
    REQ("req.g2o.small", G, O, 1),
    SCAN("req.scan.o.small", O, 1),
    SCAN("req.scan.o.2k", O, 0),
    CHECK("req.check.o.small", O, 1),
    CHECK("req.check.a.small", A, 1),
    CHECK("req.check.g.small", G, 1),
    CHECK("req.check.o.2k", O, 0),
    CHECK("req.check.o.agent", O, 3),
    REQ("req.parse.o.agent", O, O, 3),
    REQ("req.o2a.agent", O, A, 3),
    CHECK_MEMO("req.check.o.agent.memo", O, 3),
    REQ_MEMO("req.o2a.agent.memo", O, A, 3),
    CHECK_MEMO("req.check.o.2k.memo", O, 0),
    REQ_MEMO("req.o2a.2k.memo", O, A, 0),
    REQ_MEMO("req.a2o.2k.memo", A, O, 0),
    SKIP("skip.schema.2k", 0),
    SKIP("skip.schema.agent", 3),
    REQ("req.o2a.text24k", O, A, 2),
    RESP("resp.o2a", O, A),
    RESP("resp.a2o", A, O),
    RELAY("resp.relay.o", O),
    RELAY("resp.relay.a", A),
    STREAM("stream.o2a.20", O, A, 20),
    STREAM("stream.o2a.1000", O, A, 1000),
    STREAM("stream.o2a.100000", O, A, 100000),
    STREAM("stream.a2o.20", A, O, 20),
    STREAM("stream.a2o.1000", A, O, 1000),
    STREAM("stream.a2o.100000", A, O, 100000),
    REQ("size.o2a.1k", O, A, 1024),
    REQ("size.o2a.4k", O, A, 4096),
    REQ("size.o2a.16k", O, A, 16384),
    REQ("size.o2a.64k", O, A, 65536),
    REQ("size.o2a.256k", O, A, 262144),
    REQ("size.o2a.1m", O, A, 1048576),
};

#define NBENCH  (sizeof(benches) / sizeof(benches[0]))


/* An OpenAI request whose bytes are mostly plain text: a system prompt,
 * 16 KB of user text, 8 KB of assistant text, a short question. */
static char *
make_prose(size_t *len)
{
    int          i;
    char        *p;
    size_t       n;
    const char  *sentence = "The quick brown fox jumps over the lazy dog. ";

    p = malloc(32768);
    if (p == NULL) {
        exit(2);
    }

    n = (size_t) sprintf(p, "{\"model\":\"gpt-4o\",\"max_tokens\":100,"
                         "\"messages\":[{\"role\":\"system\",\"content\":"
                         "\"You are helpful.\"},{\"role\":\"user\","
                         "\"content\":\"");
    for (i = 0; i < 360; i++) {
        n += (size_t) sprintf(p + n, "%s", sentence);
    }
    n += (size_t) sprintf(p + n, "\"},{\"role\":\"assistant\",\"content\":"
                          "\"");
    for (i = 0; i < 180; i++) {
        n += (size_t) sprintf(p + n, "%s", sentence);
    }
    n += (size_t) sprintf(p + n, "\"},{\"role\":\"user\",\"content\":"
                          "\"Summarise, with \\\"quotes\\\"\\nand lines.\"}]}");

    *len = n;
    return p;
}


/* The tools' parameters of an OpenAI request, as a compact array */
static char *
tool_schemas(const char *body, size_t len, size_t *out)
{
    char    *s;
    size_t   i;
    json_t  *req, *tools, *a, *p;

    req = json_loadb(body, len, 0, NULL);
    tools = json_object_get(req, "tools");
    a = json_array();

    for (i = 0; i < json_array_size(tools); i++) {
        p = json_object_get(json_object_get(json_array_get(tools, i),
                                            "function"), "parameters");
        if (p != NULL) {
            json_array_append(a, p);
        }
    }

    s = json_dumps(a, JSON_COMPACT);
    if (s == NULL || json_array_size(a) == 0) {
        fprintf(stderr, "micro: no tools' parameters\n");
        exit(2);
    }

    json_decref(a);
    json_decref(req);
    *out = strlen(s);
    return s;
}


static void
setup(bench_t *b)
{
    if (b->op == op_skip) {
        b->body = (b->size == 3) ? tool_schemas(agent, agent_len, &b->len)
                                 : tool_schemas(fixture, fixture_len,
                                                &b->len);
        b->units = (b->len + 1023) / 1024;
        return;
    }

    if (b->op == op_request || b->op == op_scan || b->op == op_check) {
        if (b->size == 0) {
            if (b->client == A) {
                b->body = anthropic_2k;
                b->len = anthropic_2k_len;
            } else {
                b->body = fixture;
                b->len = fixture_len;
            }

        } else if (b->size == 1) {
            b->body = (char *) (b->client == A ? small_anthropic
                                : b->client == G ? small_gemini
                                : small_openai);
            b->len = strlen(b->body);

        } else if (b->size == 2) {
            b->body = make_prose(&b->len);

        } else if (b->size == 3) {
            b->body = agent;
            b->len = agent_len;

        } else {
            b->body = make_conversation(b->size, &b->len);
        }

        b->units = (b->len + 1023) / 1024;
        return;
    }

    if (b->op == op_relay) {
        b->resp = (char *) (b->upstream == A ? resp_anthropic : resp_openai);
        b->resp_len = strlen(b->resp);
        b->body = b->resp;                 /* in_bytes: the answer's */
        b->len = b->resp_len;
        return;
    }

    if (b->op == op_response) {
        b->body = (char *) (b->client == A ? small_anthropic : small_openai);
        b->len = strlen(b->body);
        b->resp = (char *) (b->upstream == A ? resp_anthropic : resp_openai);
        b->resp_len = strlen(b->resp);
        return;
    }

    /* a stream: the client's streaming request, parsed once */

    llm_translation_init(&b->t, b->client, b->upstream);
    b->t.opt.now = 1700000000;

    b->body = (char *) (b->client == A ? small_anthropic : small_openai);
    if (llm_parse_request(&b->t, b->body, strlen(b->body), NULL) != 0) {
        fprintf(stderr, "%s: %s\n", b->name, b->t.err.message);
        exit(2);
    }

    b->t.req.stream = 1;
    b->body = make_stream(b->upstream, b->size, &b->len);
    b->units = b->size;
}


static void
global_setup(void)
{
    char               *out;
    size_t              outlen;
    llm_translation_t   t;

    fixture = read_file(fixture_path, &fixture_len);
    agent = read_file(agent_path, &agent_len);

    llm_translation_init(&t, O, A);
    if (llm_parse_request(&t, fixture, fixture_len, NULL) != 0
        || llm_emit_request(&t, &out, &outlen) != 0)
    {
        fprintf(stderr, "fixture: %s\n", t.err.message);
        exit(2);
    }

    anthropic_2k = malloc(outlen + 1);
    if (anthropic_2k == NULL) {
        exit(2);
    }

    memcpy(anthropic_2k, out, outlen);
    anthropic_2k[outlen] = '\0';
    anthropic_2k_len = outlen;

    llm_translation_free(&t);
}


/* not inlined: callgrind's --toggle-collect=bench_loop */
__attribute__((noinline)) int bench_loop(bench_t *b, long n);

__attribute__((noinline)) int
bench_loop(bench_t *b, long n)
{
    long  i;

    for (i = 0; i < n; i++) {
        if (b->op(b) != 0) {
            return -1;
        }
    }

    return 0;
}


static double
now_ns(void)
{
    struct timespec  ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}


static int
cmp_double(const void *a, const void *b)
{
    double  x = *(const double *) a, y = *(const double *) b;

    return x < y ? -1 : x > y;
}


/* median of 5 timed batches, each at least ms milliseconds */
static double
measure(bench_t *b, double ms)
{
    int     k;
    long    n;
    double  t0, t, v[5];

    n = 1;

    for ( ;; ) {
        t0 = now_ns();
        if (bench_loop(b, n) != 0) {
            exit(1);
        }
        t = now_ns() - t0;

        if (t >= ms * 1e6 / 5) {
            break;
        }

        n = t < 1e5 ? n * 10 : (long) (n * (ms * 1e6 / t) + 1);
    }

    for (k = 0; k < 5; k++) {
        t0 = now_ns();
        if (bench_loop(b, n) != 0) {
            exit(1);
        }
        v[k] = (now_ns() - t0) / n;
    }

    qsort(v, 5, sizeof(double), cmp_double);
    return v[2];
}


static bench_t *
find(const char *name)
{
    size_t  i;

    for (i = 0; i < NBENCH; i++) {
        if (strcmp(benches[i].name, name) == 0) {
            return &benches[i];
        }
    }

    fprintf(stderr, "micro: no benchmark \"%s\"\n", name);
    exit(2);
}


int
main(int argc, char **argv)
{
    int       i, all, j;
    double    ms, ns;
    size_t    k;
    bench_t  *b;

    ms = 300;

    for (i = 1; i < argc && argv[i][0] == '-'; i++) {

        if (strcmp(argv[i], "--list") == 0) {
            for (k = 0; k < NBENCH; k++) {
                printf("%s\n", benches[k].name);
            }
            return 0;
        }

        if (strcmp(argv[i], "--once") == 0 && i + 2 < argc) {
            global_setup();
            b = find(argv[i + 1]);
            setup(b);
            llm_json_memo_set_size(b->memo ? LLM_BENCH_MEMO : 0);
            if (b->op(b) != 0            /* warm up, outside bench_loop */
                || (b->memo && b->op(b) != 0))  /* (kept the second time) */
            {
                return 1;
            }
            return bench_loop(b, atol(argv[i + 2])) == 0 ? 0 : 1;
        }

        if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
            ms = atof(argv[++i]);
            continue;
        }

        if (strcmp(argv[i], "-f") == 0 && i + 1 < argc) {
            fixture_path = argv[++i];
            continue;
        }

        fprintf(stderr, "usage: micro [-t ms] [-f fixture] [name...] | "
                "--once name n | --list\n");
        return 2;
    }

    global_setup();

    all = (i == argc);

    printf("%-20s %10s %12s %-6s %8s %10s %10s\n", "benchmark", "ns/op",
           "ns/unit", "unit", "units", "in_bytes", "held");

    for (k = 0; k < NBENCH; k++) {
        b = &benches[k];

        if (!all) {
            for (j = i; j < argc; j++) {
                if (strncmp(b->name, argv[j], strlen(argv[j])) == 0) {
                    break;
                }
            }
            if (j == argc) {
                continue;
            }
        }

        setup(b);
        llm_json_memo_set_size(b->memo ? LLM_BENCH_MEMO : 0);

        if (b->op(b) != 0 || (b->memo && b->op(b) != 0) || b->out == 0) {
            fprintf(stderr, "micro: %s produced no output\n", b->name);
            return 1;
        }

        ns = measure(b, ms);

        printf("%-20s %10.0f %12.1f %-6s %8zu %10zu %10zu\n", b->name, ns,
               b->units ? ns / b->units : ns, b->unit ? b->unit : "op",
               b->units ? b->units : 1, b->len, b->held);
        fflush(stdout);
    }

    return 0;
}
