/*
 * The codecs' fast paths (read_request, write_request: llm_codec.h) held
 * to the document paths, on every request body the fixtures hold:
 * t/cases (each case's input or client request, in its client's
 * dialect) and bench/fixtures, each also pretty-printed, with every
 * non-ASCII character escaped, with its keys sorted, and with each of
 * its top-level members left out.  For each: the fast read must give the
 * IR and warnings the parse gives (or decline), and every IR the parse
 * gives, written by every dialect's fast writer with several options,
 * the bytes the emitted document dumps to (or decline).
 *
 * And the fast paths must take what they are for: the benchmark's
 * conversation with tools, and most of the fixtures.
 *
 *   test_fast_paths [t/cases-dir] [bench-fixtures-dir]
 */

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fast_bodies_anthropic.h"
#include "fast_bodies_openai.h"
#include "fast_paths.h"
#include "fast_write_irs.h"
#include "read_file.h"
#include "tap.h"


typedef struct {
    size_t  bodies;        /* read both ways */
    size_t  parsed;        /* of which the parse took */
    size_t  read;          /* of which read_request took */
    size_t  writes;        /* IRs written both ways */
    size_t  written;       /* of which write_request took */
    size_t  answers;       /* upstream answers read both ways */
    size_t  answers_parsed;
    size_t  answers_read;
    size_t  answer_writes; /* answer IRs written both ways */
    size_t  answers_written;
} fast_counts_t;

static fast_counts_t  counts[LLM_DIALECT_MAX];   /* by client / upstream */
static size_t         mismatches;


static llm_dialect_e
dialect_named(const char *s)
{
    return s ? llm_dialect_from_name(s, strlen(s)) : LLM_DIALECT_NONE;
}


/* doc's IR written for up both ways with each of the options a route
 * may set; c counts them */
static void
write_up(const char *name, llm_translation_t *doc, llm_translation_t *fast,
    llm_dialect_e up, fast_counts_t *c)
{
    int            taken;
    size_t         i;
    llm_options_t  opt[3];

    memset(opt, 0, sizeof(opt));
    opt[0].default_max_tokens = LLM_DEFAULT_MAX_TOKENS;
    opt[0].now = 1767225600;
    opt[1] = opt[0];
    opt[1].default_max_tokens = 1000;
    llm_str_set(&opt[1].upstream_model, "up-model-1", 10);
    opt[2] = opt[0];
    (void) llm_profile_set(&opt[2].profile, "vllm", 4, NULL);

    for (i = 0; i < 3; i++) {
        if (fast_write_compare(up, &doc->req, &doc->req, &opt[i], &taken)
            != 0)
        {
            char  what[300];

            snprintf(what, sizeof(what), "%.200s: written for %s, "
                     "options %zu", name, llm_dialect_name(up), i);
            ok(0, what, fast_why);
            mismatches++;
        }

        /* the fast read's IR, its deferred values unbuilt, as the fast
         * writer gets it in a translation */
        if (fast != NULL
            && fast_write_compare(up, &fast->req, &doc->req, &opt[i],
                                  &taken) != 0)
        {
            char  what[300];

            snprintf(what, sizeof(what), "%.200s: read fast and written "
                     "for %s, options %zu", name, llm_dialect_name(up), i);
            ok(0, what, fast_why);
            mismatches++;
        }

        c->writes++;
        c->written += taken;
    }
}


/* every upstream's writer */
static void
write_all(const char *name, llm_translation_t *doc, llm_translation_t *fast)
{
    llm_dialect_e  up;

    for (up = LLM_DIALECT_OPENAI; up < LLM_DIALECT_MAX; up++) {
        write_up(name, doc, fast, up, &counts[up]);
    }
}


/* the hand-made IRs (fast_write_irs.h) are the Anthropic writer's: they
 * are counted apart from the fixtures' */
static fast_counts_t  hand_counts;

static void
write_hand(const char *name, llm_translation_t *doc)
{
    write_up(name, doc, NULL, LLM_DIALECT_ANTHROPIC, &hand_counts);
}


/* one request body both ways, then its IR written every way */
static int
one_body(const char *name, llm_dialect_e client, const char *body,
    size_t len, const llm_str_t *path_model)
{
    int                rc;
    llm_translation_t  doc, fast;

    rc = fast_read_compare(client, body, len, path_model, &doc, &fast);

    counts[client].bodies++;
    counts[client].parsed += doc.parsed;

    if (rc < 0) {
        char  what[300];

        snprintf(what, sizeof(what), "%.200s: read as parse_request reads it",
                 name);
        ok(0, what, fast_why);
        mismatches++;

    } else {
        counts[client].read += rc;
    }

    if (doc.parsed) {
        write_all(name, &doc, rc == 1 ? &fast : NULL);
    }

    if (rc == 1) {
        llm_translation_free(&fast);
    }

    llm_translation_free(&doc);
    return rc;
}


typedef struct {
    llm_dialect_e       dialect;      /* the body's */
    const llm_str_t    *path_model;   /* requests */
    llm_translation_t  *client;       /* answers: the client's request */
} fast_input_t;

typedef void (*fast_one_pt)(const char *name, const fast_input_t *in,
    const char *body, size_t len);


static void
one_request(const char *name, const fast_input_t *in, const char *body,
    size_t len)
{
    one_body(name, in->dialect, body, len, in->path_model);
}


/* an upstream's answer both ways, then its IR written for every client
 * with the case's request */
static void
one_answer(const char *name, const fast_input_t *in, const char *body,
    size_t len)
{
    int             rc, parsed, taken;
    char            what[300];
    size_t          i;
    llm_arena_t     a;
    llm_dialect_e   cl;
    llm_options_t   opt[2];
    llm_response_t  resp;

    llm_arena_init(&a, 16384);
    rc = fast_read_response_compare(in->dialect, body, len, &a, &resp,
                                    &parsed);

    counts[in->dialect].answers++;
    counts[in->dialect].answers_parsed += parsed;

    if (rc < 0) {
        snprintf(what, sizeof(what), "%.200s: answer read as "
                 "parse_response reads it", name);
        ok(0, what, fast_why);
        mismatches++;

    } else {
        counts[in->dialect].answers_read += rc;
    }

    opt[0] = in->client->opt;
    opt[1] = opt[0];
    opt[1].now = 1700000000;
    llm_str_set(&opt[1].upstream_model, "up-model-1", 10);

    for (cl = LLM_DIALECT_OPENAI; parsed && cl < LLM_DIALECT_MAX; cl++) {
        for (i = 0; i < 2; i++) {
            if (fast_write_response_compare(cl, &resp, &in->client->req,
                                            &opt[i], &taken)
                != 0)
            {
                snprintf(what, sizeof(what), "%.200s: answer written for "
                         "%s, options %zu", name, llm_dialect_name(cl), i);
                ok(0, what, fast_why);
                mismatches++;
            }

            counts[cl].answer_writes++;
            counts[cl].answers_written += taken;
        }
    }

    llm_arena_free(&a);
}


/* the input as it is, then rewritten the ways a client (or provider) may
 * write it */
static void
variants(const char *name, const fast_input_t *in, const char *body,
    size_t len, fast_one_pt one)
{
    char        *text, vname[300];
    size_t       i;
    json_t      *j, *copy;
    const char  *key;
    void        *it;
    static const struct {
        const char  *what;
        size_t       flags;
    } forms[] = {
        { "pretty", JSON_INDENT(2) },
        { "escaped", JSON_COMPACT | JSON_ENSURE_ASCII },
        { "sorted", JSON_COMPACT | JSON_SORT_KEYS },
    };

    one(name, in, body, len);

    j = json_loadb(body, len, 0, NULL);
    if (j == NULL || !json_is_object(j)) {
        json_decref(j);
        return;
    }

    for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        text = json_dumps(j, forms[i].flags);
        if (text != NULL) {
            snprintf(vname, sizeof(vname), "%.200s (%s)", name,
                     forms[i].what);
            one(vname, in, text, strlen(text));
            fast_json_free(text);
        }
    }

    for (it = json_object_iter(j); it; it = json_object_iter_next(j, it)) {
        key = json_object_iter_key(it);
        copy = json_copy(j);
        json_object_del(copy, key);
        text = json_dumps(copy, JSON_COMPACT);
        if (text != NULL) {
            snprintf(vname, sizeof(vname), "%.200s (without %.60s)", name,
                     key);
            one(vname, in, text, strlen(text));
            fast_json_free(text);
        }
        json_decref(copy);
    }

    json_decref(j);
}


static void
one_case(const char *dir)
{
    char                 path[1024], *body;
    size_t               len;
    json_t              *c;
    llm_str_t            pm;
    const char          *op, *s, *file;
    fast_input_t         in;
    llm_dialect_e        client;
    llm_translation_t    client_t;

    snprintf(path, sizeof(path), "%.900s/case.json", dir);
    c = json_load_file(path, 0, NULL);
    if (c == NULL) {
        return;
    }

    op = json_string_value(json_object_get(c, "op"));
    client = dialect_named(json_string_value(json_object_get(c, "client")));
    file = (op && strcmp(op, "request") == 0) ? "input.json" : "request.json";

    pm.data = NULL;
    pm.len = 0;
    if ((s = json_string_value(json_object_get(c, "path_model")))) {
        llm_str_set(&pm, s, strlen(s));
    }

    in.dialect = client;
    in.path_model = &pm;
    in.client = NULL;

    snprintf(path, sizeof(path), "%.900s/%s", dir, file);
    body = client != LLM_DIALECT_NONE ? read_file(path, &len) : NULL;
    if (body == NULL) {
        json_decref(c);
        return;
    }

    variants(path, &in, body, len, one_request);

    if (op && strcmp(op, "response") == 0) {
        /* the client's request as the document path reads it, then the
         * upstream's answer */
        in.dialect = dialect_named(json_string_value(json_object_get(c,
                                                                "upstream")));
        llm_translation_init(&client_t, client, in.dialect);
        client_t.opt.now = 1767225600;

        if (in.dialect != LLM_DIALECT_NONE
            && llm_parse_request(&client_t, body, len, &pm) == 0)
        {
            free(body);
            snprintf(path, sizeof(path), "%.900s/input.json", dir);
            body = read_file(path, &len);
            if (body != NULL) {
                in.client = &client_t;
                variants(path, &in, body, len, one_answer);
            }
        }

        llm_translation_free(&client_t);
    }

    free(body);
    json_decref(c);
}


static int
by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}


/* every case directory under dir (two levels: dialect, case), in order */
static void
walk_cases(const char *dir)
{
    char            path[1024], **names;
    size_t          n, i, cap;
    DIR            *d;
    struct dirent  *e;

    d = opendir(dir);
    if (d == NULL) {
        return;
    }

    names = NULL;
    n = cap = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof(char *));
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);

    qsort(names, n, sizeof(char *), by_name);

    for (i = 0; i < n; i++) {
        snprintf(path, sizeof(path), "%.700s/%.200s/case.json", dir, names[i]);
        if (access(path, R_OK) == 0) {
            snprintf(path, sizeof(path), "%.700s/%.200s", dir, names[i]);
            one_case(path);

        } else {
            snprintf(path, sizeof(path), "%.700s/%.200s", dir, names[i]);
            walk_cases(path);
        }
        free(names[i]);
    }

    free(names);
}


/* The hand-written OpenAI bodies, and bodies nested as deep as the
 * reader goes (2048 values, scalars too) and one deeper, through a
 * tool's parameters and a response format's schema, which the fast read
 * builds from where they sit. */
static void
openai_bodies(void)
{
    int            d;
    char          *body, name[64];
    size_t         i, k, n;
    const char    *head, *tail;
    fast_input_t   in;

    in.dialect = LLM_DIALECT_OPENAI;
    in.path_model = NULL;
    in.client = NULL;

    for (i = 0; i < sizeof(fast_bodies_openai) / sizeof(char *); i++) {
        snprintf(name, sizeof(name), "hand-written OpenAI body %zu", i);
        variants(name, &in, fast_bodies_openai[i],
                 strlen(fast_bodies_openai[i]), one_request);
    }

    for (i = 0; i < 4; i++) {
        if (i < 2) {
            d = 2043 + (int) i;         /* 4 values around, 1 inside */
            head = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                   "\"content\":\"hi\"}],\"tools\":[{\"type\":\"function\","
                   "\"function\":{\"name\":\"f\",\"parameters\":";
            tail = "}}]}";

        } else {
            d = 2042 + (int) i;         /* 3 values around, 1 inside */
            head = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                   "\"content\":\"hi\"}],\"response_format\":{\"type\":"
                   "\"json_schema\",\"json_schema\":{\"name\":\"n\","
                   "\"schema\":";
            tail = "}}}";
        }

        body = malloc(strlen(head) + (size_t) d * 6 + 1 + strlen(tail));
        if (body == NULL) {
            return;
        }

        n = strlen(head);
        memcpy(body, head, n);
        for (k = 0; k < (size_t) d; k++) {
            memcpy(body + n, "{\"a\":", 5);
            n += 5;
        }
        body[n++] = '1';
        memset(body + n, '}', (size_t) d);
        n += (size_t) d;
        memcpy(body + n, tail, strlen(tail));
        n += strlen(tail);

        snprintf(name, sizeof(name), "OpenAI body nested %d deep", d);
        one_body(name, LLM_DIALECT_OPENAI, body, n, NULL);
        free(body);
    }
}


/*
 * Hand-written Anthropic answers for what the fixtures miss: escapes and
 * UTF-8 in every string read, numbers at the edges, every block kind,
 * odd orders and kinds, duplicates at every level.  take: 1 the fast
 * read must take it (and give what the parse gives), 0 it must decline.
 * Each IR the parse gives is written for every client, as for the
 * fixtures.
 */
#define HAND_BLOCKS8                                                        \
    "{\"type\":\"text\",\"text\":\"x\"},{\"type\":\"text\",\"text\":\"x\"},"  \
    "{\"type\":\"text\",\"text\":\"x\"},{\"type\":\"text\",\"text\":\"x\"},"  \
    "{\"type\":\"text\",\"text\":\"x\"},{\"type\":\"text\",\"text\":\"x\"},"  \
    "{\"type\":\"text\",\"text\":\"x\"},{\"type\":\"text\",\"text\":\"x\"}"

static const struct {
    int          take;
    const char  *body;
} hand_answers[] = {
    /* strings: every escape, \u forms, raw UTF-8, long and short */
    { 1, "{\"type\":\"message\",\"id\":\"msg_\\u0041\\\"q\\\\\","
         "\"model\":\"m\\/1\",\"content\":[{\"type\":\"text\",\"text\":"
         "\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti \\u00e9\\u20ac"
         "\\ud83d\\ude00 \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 "
         "and then a long tail past sixteen bytes \\n\"}],"
         "\"stop_reason\":\"end\\u005fturn\",\"stop_sequence\":\"\\n\\n\","
         "\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}" },
    { 1, "{\"content\":[{\"text\":\"\",\"type\":\"te\\u0078t\"}],"
         "\"type\":\"m\\u0065ssage\",\"id\":\"\",\"model\":\"\"}" },
    { 1, "{\"content\":[{\"type\":\"text\",\"text\":\"0123456789abcdef\"},"
         "{\"type\":\"text\",\"text\":\"0123456789abcde\\\"\"},"
         "{\"type\":\"text\",\"text\":\"\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
         "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\\u00e9\"}]}" },
    /* every block kind; keys in any order; unknown members */
    { 1, "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
         "\"content\":[{\"signature\":\"sig\\u00e9\",\"thinking\":\"hm\","
         "\"type\":\"thinking\"},{\"type\":\"thinking\",\"thinking\":\"\"},"
         "{\"type\":\"thinking\",\"thinking\":\"t\",\"signature\":\"\"},"
         "{\"type\":\"thinking\",\"thinking\":\"t\",\"signature\":"
         "\"llm:openai:abc\"},"
         "{\"type\":\"redacted_thinking\",\"data\":\"opaque==\"},"
         "{\"type\":\"text\",\"text\":\"a\",\"citations\":[{\"x\":1}]},"
         "{\"type\":\"server_tool_use\",\"id\":\"srv\",\"name\":\"web\","
         "\"input\":{\"q\":\"x\"}},"
         "{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srv\","
         "\"content\":[{\"type\":\"r\",\"url\":\"u\"}]},"
         "{\"input\":{\"b\":{\"c\":[1,2.5,-0,1e300,\"\\u00e9\",null,true,"
         "false,{}]},\"a\":\"\"},\"name\":\"f\\u00e9\","
         "\"id\":\"toolu_\\u0031\","
         "\"type\":\"tool_use\"},"
         "{\"type\":\"tool_use\",\"id\":\"t2\",\"name\":\"g\"},"
         "{\"type\":\"tool_use\",\"id\":\"t3\",\"name\":\"h\",\"input\":{}},"
         "{\"type\":\"text\",\"text\":\"b\"}],"
         "\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
         "\"container\":{\"id\":\"c\",\"expires_at\":\"x\"},"
         "\"usage\":{\"input_tokens\":10,\"cache_read_input_tokens\":3,"
         "\"cache_creation_input_tokens\":4,\"output_tokens\":7,"
         "\"output_tokens_details\":{\"thinking_tokens\":5,\"x\":[1]},"
         "\"service_tier\":\"standard\",\"server_tool_use\":"
         "{\"web_search_requests\":1}}}" },
    /* white space everywhere */
    { 1, " \n{ \"type\" : \"message\" ,\r\n \"content\" :\t[ { \"type\" : "
         "\"text\" , \"text\" : \"hi\" } , { \"type\" : \"tool_use\" , "
         "\"id\" : \"t\" , \"name\" : \"n\" , \"input\" : { \"a\" : [ 1 , "
         "{ } ] } } ] , \"usage\" : { \"input_tokens\" : 0 , "
         "\"output_tokens_details\" : { \"thinking_tokens\" : 1 } } } \n" },
    /* nothing the client can be given; only dropped blocks */
    { 1, "{\"content\":[]}" },
    { 1, "{\"content\":[{\"type\":\"server_tool_use\"},{\"type\":\"x\"}],"
         "\"stop_reason\":\"pause_turn\"}" },
    /* stop reasons and figures of every kind the parse takes */
    { 1, "{\"content\":[],\"stop_reason\":\"stop_sequence\","
         "\"stop_sequence\":\"END\",\"usage\":{\"input_tokens\":"
         "9223372036854775807,\"output_tokens\":-5}}" },
    { 1, "{\"content\":[],\"stop_reason\":\"max_tokens\",\"usage\":"
         "{\"input_tokens\":null,\"output_tokens\":\"7\","
         "\"cache_read_input_tokens\":0,\"output_tokens_details\":null}}" },
    { 1, "{\"content\":[],\"stop_reason\":\"refusal\",\"usage\":null}" },
    { 1, "{\"content\":[],\"stop_reason\":"
         "\"model_context_window_exceeded\",\"usage\":[1]}" },
    { 1, "{\"content\":[],\"stop_reason\":\"whatever\"}" },
    { 1, "{\"content\":[],\"stop_reason\":null,\"stop_sequence\":5}" },
    { 1, "{\"content\":[],\"stop_reason\":5,\"id\":7,\"model\":[\"m\"],"
         "\"type\":5}" },
    { 1, "{\"content\":[],\"stop_reason\":\"\"}" },
    { 1, "{\"content\":[" HAND_BLOCKS8 "," HAND_BLOCKS8 "]}" },

    /* duplicates, at every level */
    { 0, "{\"content\":[],\"id\":\"a\",\"id\":\"b\"}" },
    { 0, "{\"content\":[],\"x\":1,\"x\":2}" },
    { 0, "{\"content\":[],\"content\":[]}" },
    { 0, "{\"content\":[{\"type\":\"text\",\"text\":\"a\",\"text\":\"b\"}]}" },
    { 0, "{\"content\":[{\"type\":\"text\",\"type\":\"text\",\"text\":\"a\"}"
         "]}" },
    { 0, "{\"content\":[{\"type\":\"text\",\"text\":\"a\",\"c\":1,"
         "\"c\":1}]}" },
    { 0, "{\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\","
         "\"input\":{\"a\":1,\"a\":2}}]}" },
    { 0, "{\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\","
         "\"input\":{\"a\":{\"b\":1,\"b\":2}}}]}" },
    { 0, "{\"content\":[],\"usage\":{\"input_tokens\":1,"
         "\"input_tokens\":2}}" },
    { 0, "{\"content\":[],\"usage\":{\"x\":1,\"x\":2}}" },
    { 0, "{\"content\":[],\"usage\":{\"output_tokens_details\":"
         "{\"thinking_tokens\":1,\"thinking_tokens\":1}}}" },
    { 0, "{\"content\":[],\"container\":{\"a\":[{\"b\":1,\"b\":1}]}}" },
    { 0, "{\"content\":[],\"usage\":null,\"usage\":{}}" },
    { 0, "{\"content\":[],\"stop_reason\":5,\"stop_reason\":\"x\"}" },
    { 0, "{\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\","
         "\"input\":{},\"input\":{}}]}" },
    { 0, "{\"content\":[],\"usage\":{\"output_tokens_details\":null,"
         "\"output_tokens_details\":{}}}" },
    { 0, "{\"content\":[],\"usage\":{\"output_tokens\":\"a\","
         "\"output_tokens\":1}}" },
    /* what the parse refuses */
    { 0, "{\"type\":\"error\",\"content\":[]}" },
    { 0, "{\"type\":\"\",\"content\":[]}" },
    { 0, "{\"id\":\"x\"}" },
    { 0, "{\"content\":{}}" },
    { 0, "{\"content\":null}" },
    { 0, "{\"content\":[1]}" },
    { 0, "{\"content\":[{\"text\":\"a\"}]}" },
    { 0, "{\"content\":[{\"type\":null,\"text\":\"a\"}]}" },
    { 0, "{\"content\":[{\"type\":\"text\"}]}" },
    { 0, "{\"content\":[{\"type\":\"text\",\"text\":5}]}" },
    { 0, "{\"content\":[{\"type\":\"tool_use\",\"id\":\"t\"}]}" },
    { 0, "{\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\","
         "\"input\":null}]}" },
    { 0, "{\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\","
         "\"input\":[]}]}" },
    { 0, "{\"content\":[{\"type\":\"thinking\",\"signature\":\"s\"}]}" },
    { 0, "{\"content\":[{\"type\":\"redacted_thinking\"}]}" },
    { 0, "{\"content\":[]} x" },
    { 0, "{\"content\":[]" },
    { 0, "[{\"content\":[]}]" },
    { 0, "{\"content\":[{\"type\":\"text\",\"text\":\"a\\u0000b\"}]}" },
    { 0, "{\"content\":[{\"type\":\"text\",\"text\":\"\\ud800\"}]}" },
    { 0, "{\"content\":[{\"type\":\"text\",\"text\":\"\xc3\x28\"}]}" },
    { 0, "{\"content\":[],\"usage\":{\"input_tokens\":"
         "99999999999999999999999}}" },
    /* what the fast read leaves to the parse, which takes it */
    { 0, "{\"\\u0069d\":\"x\",\"content\":[]}" },
    { 0, "{\"content\":[],\"usage\":{\"input_tokens\":1.5}}" },
    { 0, "{\"content\":[],\"usage\":{\"input_tokens\":1e2}}" },
    { 0, "{\"content\":[],\"usage\":{\"input_tokens\":"
         "9223372036854775808}}" },
    { 0, "{\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\","
         "\"text\":null}]}" },
    { 0, "{\"content\":[{\"type\":\"text\",\"text\":\"a\",\"data\":1}]}" },
    { 0, "{\"content\":[" HAND_BLOCKS8 "," HAND_BLOCKS8 ","
         "{\"type\":\"text\",\"text\":\"x\"}]}" }
};


static void
hand_written_answers(llm_translation_t *client)
{
    int             rc, parsed, taken;
    char            what[300];
    size_t          i, k;
    llm_arena_t     a;
    llm_dialect_e   cl;
    llm_options_t   opt[2];
    llm_response_t  resp;

    opt[0] = client->opt;
    opt[1] = opt[0];
    opt[1].now = 1700000000;
    llm_str_set(&opt[1].upstream_model, "up-model-1", 10);

    for (i = 0; i < sizeof(hand_answers) / sizeof(hand_answers[0]); i++) {
        llm_arena_init(&a, 16384);
        rc = fast_read_response_compare(LLM_DIALECT_ANTHROPIC,
                                        hand_answers[i].body,
                                        strlen(hand_answers[i].body), &a,
                                        &resp, &parsed);

        snprintf(what, sizeof(what), "hand-written answer %zu %s: %.120s",
                 i, hand_answers[i].take ? "read fast" : "declined",
                 hand_answers[i].body);
        for (k = 0; what[k]; k++) {
            if ((unsigned char) what[k] < ' ') {
                what[k] = ' ';          /* one line of TAP */
            }
        }
        ok(rc == hand_answers[i].take, what, fast_why);

        for (cl = LLM_DIALECT_OPENAI; parsed && cl < LLM_DIALECT_MAX; cl++) {
            for (k = 0; k < 2; k++) {
                rc = fast_write_response_compare(cl, &resp, &client->req,
                                                 &opt[k], &taken);
                snprintf(what, sizeof(what), "hand-written answer %zu "
                         "written for %s, options %zu", i,
                         llm_dialect_name(cl), k);
                ok(rc == 0 && (taken || cl != LLM_DIALECT_OPENAI), what,
                   fast_why);
            }
        }

        llm_arena_free(&a);
    }
}


/*
 * Hand-made answer IRs for the OpenAI writer's paths no parse gives:
 * signatures of every origin, tool calls with raw or no arguments, ids
 * with and without OpenAI's prefix, blocks it leaves out, usage figures
 * known in part.
 */
static void
hand_made_irs(llm_translation_t *client)
{
    int              taken;
    char             what[200];
    size_t           i, k;
    json_t          *args;
    llm_block_t      b[12];
    llm_options_t    opt;
    llm_response_t   r[6];

    memset(b, 0, sizeof(b));
    memset(r, 0, sizeof(r));

    args = json_pack("{s:s, s:[i, f, n]}", "z", "\xc3\xa9\"", "a", 1, 0.1);

    b[0].kind = LLM_BLOCK_TEXT;
    llm_str_set(&b[0].text, "one \"1\"\n", 8);
    b[1].kind = LLM_BLOCK_REASONING;
    llm_str_set(&b[1].text, "think", 5);
    llm_str_set(&b[1].signature, "gsig", 4);
    b[1].signature_origin = LLM_DIALECT_GEMINI;
    b[2].kind = LLM_BLOCK_REASONING;
    llm_str_set(&b[2].text, "mine", 4);
    llm_str_set(&b[2].signature, "osig", 4);
    b[2].signature_origin = LLM_DIALECT_OPENAI;
    b[3].kind = LLM_BLOCK_REASONING;
    b[3].signature_origin = LLM_DIALECT_NONE;
    b[4].kind = LLM_BLOCK_REDACTED_REASONING;
    llm_str_set(&b[4].data, "opaque", 6);
    b[5].kind = LLM_BLOCK_TOOL_CALL;
    llm_str_set(&b[5].id, "call_1", 6);
    llm_str_set(&b[5].name, "f", 1);
    llm_str_set(&b[5].args_json, " {\"a\": 1} ", 10);
    b[6].kind = LLM_BLOCK_TOOL_CALL;
    llm_str_set(&b[6].name, "g", 1);
    b[7].kind = LLM_BLOCK_IMAGE;
    llm_str_set(&b[7].url, "https://x/y.png", 15);
    b[8].kind = LLM_BLOCK_TEXT;
    llm_str_set(&b[8].text, "two \xe2\x82\xac", 7);
    b[9].kind = LLM_BLOCK_TOOL_CALL;
    llm_str_set(&b[9].id, "call_3", 6);
    llm_str_set(&b[9].name, "h", 1);
    b[9].args = args;
    b[10].kind = LLM_BLOCK_TOOL_RESULT;
    llm_str_set(&b[10].call_id, "call_1", 6);
    b[11].kind = LLM_BLOCK_REDACTED_REASONING;
    llm_str_set(&b[11].data, "gem", 3);
    b[11].signature_origin = LLM_DIALECT_GEMINI;

    /* all of them */
    r[0].blocks = b;
    r[0].nblocks = 12;
    llm_str_set(&r[0].id, "chatcmpl-abc", 12);
    r[0].created = 1600000000;
    r[0].stop = LLM_STOP_CONTEXT_WINDOW;
    r[0].usage.has_cache_write = 1;
    r[0].usage.cache_write = 5;
    r[0].usage.has_reasoning = 1;
    r[0].usage.reasoning = 3;

    /* calls only: content null; no id */
    r[1].blocks = &b[5];
    r[1].nblocks = 2;
    r[1].stop = LLM_STOP_TOOL_USE;
    llm_str_set(&r[1].model, "m", 1);

    /* nothing: content "" */
    llm_str_set(&r[2].id, "chatcmpl", 8);
    r[2].stop = LLM_STOP_UNSET;
    r[2].usage.has_cache_read = 1;
    r[2].usage.cache_read = 2;

    /* reasoning only, unsigned */
    r[3].blocks = &b[3];
    r[3].nblocks = 1;
    r[3].stop = LLM_STOP_CONTENT_FILTER;

    /* one redacted block of unknown origin, an image */
    r[4].blocks = &b[4];
    r[4].nblocks = 1;
    r[4].stop = LLM_STOP_PAUSE;
    r[5].blocks = &b[7];
    r[5].nblocks = 1;
    r[5].stop = LLM_STOP_MAX_TOKENS;

    for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
        for (k = 0; k < 2; k++) {
            opt = client->opt;
            opt.now = k ? 1700000000 : 0;

            snprintf(what, sizeof(what), "hand-made answer IR %zu written "
                     "for OpenAI, options %zu", i, k);
            ok(fast_write_response_compare(LLM_DIALECT_OPENAI, &r[i],
                                           &client->req, &opt, &taken)
               == 0 && taken, what, fast_why);
        }
    }

    json_decref(args);
}


/*
 * The reverse direction's answer: an OpenAI upstream's answer read fast
 * (llm_openai_read_response) and written for an Anthropic client
 * (llm_anthropic_write_response).  The hand-written answers
 * (fast_answers_openai.h) read both ways, each IR the parse gives
 * written for every client; hand-made answer IRs for the Anthropic
 * writer's paths no parse gives; the share of the corpus both take; and
 * the micro benchmark's answer (resp.a2o) taken by both.
 */

#include "fast_answers_openai.h"


/* An answer IR written both ways for every client; the Anthropic
 * writer must take it when anthropic_takes. */
static void
a2o_write_all(const char *name, const llm_response_t *resp,
    llm_translation_t *client, int anthropic_takes)
{
    int             rc, taken;
    char            what[300];
    size_t          k;
    llm_dialect_e   cl;
    llm_options_t   opt[2];

    opt[0] = client->opt;
    opt[1] = opt[0];
    opt[1].now = 1700000000;
    llm_str_set(&opt[1].upstream_model, "up-model-1", 10);

    for (cl = LLM_DIALECT_OPENAI; cl < LLM_DIALECT_MAX; cl++) {
        for (k = 0; k < 2; k++) {
            rc = fast_write_response_compare(cl, resp, &client->req, &opt[k],
                                             &taken);
            snprintf(what, sizeof(what), "%.200s written for %s, options "
                     "%zu", name, llm_dialect_name(cl), k);
            ok(rc == 0 && (taken || !anthropic_takes
                           || cl != LLM_DIALECT_ANTHROPIC),
               what, fast_why);
        }
    }
}


static void
a2o_hand_written(llm_translation_t *client)
{
    int             rc, parsed;
    char            what[300];
    size_t          i, k;
    llm_arena_t     a;
    llm_response_t  resp;

    for (i = 0; i < sizeof(fast_answers_openai)
                    / sizeof(fast_answers_openai[0]); i++)
    {
        llm_arena_init(&a, 16384);
        rc = fast_read_response_compare(LLM_DIALECT_OPENAI,
                                        fast_answers_openai[i].body,
                                        strlen(fast_answers_openai[i].body),
                                        &a, &resp, &parsed);

        snprintf(what, sizeof(what), "OpenAI answer %zu %s: %.120s", i,
                 fast_answers_openai[i].take ? "read fast" : "declined",
                 fast_answers_openai[i].body);
        for (k = 0; what[k]; k++) {
            if ((unsigned char) what[k] < ' ') {
                what[k] = ' ';          /* one line of TAP */
            }
        }
        ok(rc == fast_answers_openai[i].take, what, fast_why);

        if (parsed) {
            snprintf(what, sizeof(what), "OpenAI answer %zu", i);
            a2o_write_all(what, &resp, client, 1);
        }

        llm_arena_free(&a);
    }
}


/* Hand-made answer IRs for the Anthropic writer: every block kind and
 * signature origin, tool calls with an object, raw, broken or no
 * arguments, blocks it leaves out, ids to make, every stop, usage
 * figures known in part; and what it must decline. */
static void
a2o_hand_made(llm_translation_t *client)
{
    int              taken;
    char             what[200];
    size_t           i;
    json_t          *args, *list;
    llm_arena_t      a, *prev;
    llm_block_t      b[16];
    llm_response_t   r[8];

    memset(b, 0, sizeof(b));
    memset(r, 0, sizeof(r));

    /* in an arena: documents built in the writers' arenas hold them, and
     * an arena does not release what it did not allocate (llm_arena.h) */
    llm_arena_init(&a, 0);
    prev = llm_arena_json_use(&a);
    args = json_pack("{s:s, s:[i, f, n, b]}", "z", "\xc3\xa9\"\n", "a", 1,
                     0.1, 1);
    list = json_pack("[i]", 1);
    llm_arena_json_use(prev);

    b[0].kind = LLM_BLOCK_TEXT;
    llm_str_set(&b[0].text, "one \"1\"\n\xe2\x82\xac", 11);
    b[1].kind = LLM_BLOCK_REASONING;
    llm_str_set(&b[1].text, "think", 5);
    llm_str_set(&b[1].signature, "gsig", 4);
    b[1].signature_origin = LLM_DIALECT_GEMINI;
    b[2].kind = LLM_BLOCK_REASONING;
    llm_str_set(&b[2].text, "mine", 4);
    llm_str_set(&b[2].signature, "asig", 4);
    b[2].signature_origin = LLM_DIALECT_ANTHROPIC;
    b[3].kind = LLM_BLOCK_REASONING;            /* no text, no signature */
    b[4].kind = LLM_BLOCK_REDACTED_REASONING;
    llm_str_set(&b[4].data, "opaque", 6);
    b[4].signature_origin = LLM_DIALECT_OPENAI;
    b[5].kind = LLM_BLOCK_TOOL_CALL;
    llm_str_set(&b[5].id, "call_1", 6);
    llm_str_set(&b[5].name, "f", 1);
    llm_str_set(&b[5].args_json, " {\"a\": 1, \"b\": [true]} ", 24);
    b[6].kind = LLM_BLOCK_TOOL_CALL;            /* no id, no arguments */
    llm_str_set(&b[6].name, "g", 1);
    b[7].kind = LLM_BLOCK_IMAGE;
    llm_str_set(&b[7].url, "https://x/y.png", 15);
    b[8].kind = LLM_BLOCK_TEXT;                 /* empty: left out */
    llm_str_set(&b[8].text, "", 0);
    b[9].kind = LLM_BLOCK_TOOL_CALL;
    llm_str_set(&b[9].id, "call_3", 6);
    llm_str_set(&b[9].name, "h", 1);
    b[9].args = args;
    b[10].kind = LLM_BLOCK_TOOL_RESULT;
    llm_str_set(&b[10].call_id, "call_1", 6);
    b[11].kind = LLM_BLOCK_REDACTED_REASONING;
    llm_str_set(&b[11].data, "anth", 4);
    b[11].signature_origin = LLM_DIALECT_ANTHROPIC;
    b[12].kind = LLM_BLOCK_TOOL_CALL;           /* broken: a warning */
    llm_str_set(&b[12].id, "call_4", 6);
    llm_str_set(&b[12].name, "i", 1);
    llm_str_set(&b[12].args_json, "{\"a\":", 5);
    b[13].kind = LLM_BLOCK_TOOL_CALL;           /* not an object */
    llm_str_set(&b[13].id, "call_5", 6);
    llm_str_set(&b[13].name, "j", 1);
    llm_str_set(&b[13].args_json, "[1]", 3);
    b[13].args = list;
    b[14].kind = LLM_BLOCK_TOOL_CALL;           /* a repeated key */
    llm_str_set(&b[14].id, "call_6", 6);
    llm_str_set(&b[14].name, "k", 1);
    llm_str_set(&b[14].args_json, "{\"a\":1,\"a\":2}", 13);
    b[15].kind = LLM_BLOCK_TEXT;                /* not UTF-8 */
    llm_str_set(&b[15].text, "\xc3\x28", 2);

    /* every kind, the blocks left out among them */
    r[0].blocks = b;
    r[0].nblocks = 15;
    llm_str_set(&r[0].id, "msg_abc", 7);
    llm_str_set(&r[0].model, "m-1", 3);
    r[0].stop = LLM_STOP_CONTEXT_WINDOW;
    r[0].usage.has_cache_write = 1;
    r[0].usage.cache_write = 5;
    r[0].usage.has_reasoning = 1;
    r[0].usage.reasoning = 3;
    r[0].usage.input_total = 20;
    r[0].usage.output_total = 7;

    /* calls with a plain end: tool_use; an id to prefix */
    r[1].blocks = &b[5];
    r[1].nblocks = 2;
    r[1].stop = LLM_STOP_END;
    llm_str_set(&r[1].id, "chatcmpl-1", 10);

    /* nothing: an id made from the time and the model, the request's
     * model; more cached than the total */
    r[2].stop = LLM_STOP_UNSET;
    r[2].usage.has_cache_read = 1;
    r[2].usage.cache_read = 9;
    r[2].usage.input_total = 4;

    /* a stop string; the same stop without one */
    r[3].blocks = &b[0];
    r[3].nblocks = 1;
    r[3].stop = LLM_STOP_STOP_SEQUENCE;
    llm_str_set(&r[3].stop_sequence, "END\n", 4);
    r[4] = r[3];
    llm_str_set(&r[4].stop_sequence, "", 0);
    r[5] = r[3];
    r[5].stop = LLM_STOP_END;                   /* a stop string unused */

    /* each of the other stops, on calls */
    r[6].blocks = &b[12];
    r[6].nblocks = 3;
    llm_str_set(&r[6].model, "", 0);

    /* text that is not UTF-8: the emitter's to drop */
    r[7].blocks = &b[15];
    r[7].nblocks = 1;

    for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
        snprintf(what, sizeof(what), "hand-made answer IR %zu for "
                 "Anthropic", i);
        a2o_write_all(what, &r[i], client, i != 7);
    }

    for (i = LLM_STOP_UNSET; i <= LLM_STOP_CONTEXT_WINDOW; i++) {
        r[6].stop = (llm_stop_e) i;
        snprintf(what, sizeof(what), "hand-made answer IR with stop %zu "
                 "for Anthropic", i);
        a2o_write_all(what, &r[6], client, 1);
    }

    /* a deferred value is a request's: declined */
    b[5].args_deferred = 1;
    llm_str_set(&b[5].args_json, "{\"a\":1}", 7);
    ok(fast_write_response_compare(LLM_DIALECT_ANTHROPIC, &r[1],
                                   &client->req, &client->opt, &taken)
       == 0 && !taken, "deferred arguments: the Anthropic answer writer "
       "declines", fast_why);

    ok(fast_write_response_compare(LLM_DIALECT_ANTHROPIC, &r[7],
                                   &client->req, &client->opt, &taken)
       == 0 && !taken, "text that is not UTF-8: the Anthropic answer "
       "writer declines", fast_why);

    json_decref(args);
    json_decref(list);
    llm_arena_free(&a);
}


/* The section: after the corpus (counts) is walked. */
static void
a2o_answers(const char *fixtures)
{
    int                 rc, parsed, taken;
    char                path[1024], *body, diag[100];
    size_t              len;
    llm_arena_t         a;
    llm_response_t      resp;
    llm_translation_t   client;
    fast_counts_t      *c;

    /* the micro benchmark's client (bench/micro.c small_anthropic) */
    static const char   request[] =
        "{\"model\":\"gpt-4o-mini\",\"max_tokens\":64,\"system\":\"Be "
        "brief.\",\"messages\":[{\"role\":\"user\",\"content\":\"Say "
        "hello to the benchmark in one short sentence, please.\"}],"
        "\"temperature\":0.5}";

    (void) fast_read_compare(LLM_DIALECT_ANTHROPIC, request,
                             sizeof(request) - 1, NULL, &client, NULL);
    ok(client.parsed, "the benchmark's Anthropic request is parsed",
       client.err.message);
    if (!client.parsed) {
        llm_translation_free(&client);
        return;
    }

    /* the micro benchmark's answer (resp.a2o): read fast, written fast */
    snprintf(path, sizeof(path), "%s/answer-openai.json", fixtures);
    body = read_file(path, &len);
    ok(body != NULL, "the benchmark's OpenAI answer is there", path);
    if (body != NULL) {
        llm_arena_init(&a, 16384);
        rc = fast_read_response_compare(LLM_DIALECT_OPENAI, body, len, &a,
                                        &resp, &parsed);

        /* OpenAI fast answer read: takes the benchmark's answer */
        ok(rc == 1 && parsed, "the OpenAI fast answer read takes the "
           "benchmark's answer", fast_why);

        /* Anthropic fast answer write: takes the benchmark's answer */
        ok(parsed
           && fast_write_response_compare(LLM_DIALECT_ANTHROPIC, &resp,
                                          &client.req, &client.opt, &taken)
              == 0
           && taken,
           "the Anthropic fast answer write takes the benchmark's answer",
           fast_why);

        llm_arena_free(&a);
        free(body);
    }

    a2o_hand_written(&client);
    a2o_hand_made(&client);

    /* OpenAI fast answer read: its share of the parsed answers */
    c = &counts[LLM_DIALECT_OPENAI];
    snprintf(diag, sizeof(diag), "%zu of %zu", c->answers_read,
             c->answers_parsed);
    ok(c->answers_parsed > 100
       && c->answers_read * 10 >= c->answers_parsed * 9,
       "the OpenAI fast answer read takes 90% of the parsed OpenAI "
       "answers", diag);

    /* Anthropic fast answer write: its share of the answer IRs */
    c = &counts[LLM_DIALECT_ANTHROPIC];
    snprintf(diag, sizeof(diag), "%zu of %zu", c->answers_written,
             c->answer_writes);
    ok(c->answer_writes > 100
       && c->answers_written * 10 >= c->answer_writes * 9,
       "the Anthropic fast answer write takes 90% of the answer IRs",
       diag);

    llm_translation_free(&client);
}


/*
 * The Anthropic fast read (llm_anthropic_read_request): its share of
 * the parsed Anthropic bodies of the corpus (read by walk_cases before
 * this, with their variants); the hand-written bodies
 * (t/unit/fast_bodies_anthropic.h), each taken or declined as it says,
 * then read with its variants; and the micro benchmark's req.a2o.2k
 * body, which bench/micro.c makes from the fixture as an OpenAI client's
 * request written for Anthropic: taken, its tools' schemas and its
 * calls' inputs deferred.
 */
static void
anthropic_reads(const char *fixtures)
{
    int                 rc, made, d;
    char                path[1024], *body, *out, name[64], diag[200];
    size_t              i, k, n, len, outlen, schemas, args;
    const char         *text, *head, *tail;
    fast_input_t        in;
    fast_counts_t      *c;
    llm_translation_t   t, doc;

    /* measured: 283 of 283 */
    c = &counts[LLM_DIALECT_ANTHROPIC];
    snprintf(diag, sizeof(diag), "%zu of %zu", c->read, c->parsed);
    ok(c->parsed > 0 && c->read * 100 >= c->parsed * 95,
       "the Anthropic fast read takes at least 95% of the parsed "
       "Anthropic bodies", diag);

    in.dialect = LLM_DIALECT_ANTHROPIC;
    in.path_model = NULL;
    in.client = NULL;

    for (i = 0; i < sizeof(fast_bodies_anthropic)
                    / sizeof(fast_bodies_anthropic[0]); i++)
    {
        text = fast_bodies_anthropic[i].body;
        snprintf(name, sizeof(name), "hand-written Anthropic body %zu", i);

        rc = one_body(name, LLM_DIALECT_ANTHROPIC, text, strlen(text), NULL);
        ok(rc == fast_bodies_anthropic[i].take, name,
           rc < 0 ? fast_why : rc ? "taken, not declined"
                                  : "declined, not taken");

        variants(name, &in, text, strlen(text), one_request);
    }

    /* values as deep as the reader goes (2048 values, scalars too) and
     * one deeper, where the read builds them from where they sit: a
     * tool's input_schema (3 values around it), a tool_use's input (5),
     * a format's schema (2) */
    for (i = 0; i < 6; i++) {
        if (i < 2) {
            d = 2044 + (int) i;
            head = "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\""
                   ":\"user\",\"content\":\"hi\"}],\"tools\":[{\"name\":"
                   "\"f\",\"input_schema\":";
            tail = "}]}";

        } else if (i < 4) {
            d = 2040 + (int) i;
            head = "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\""
                   ":\"assistant\",\"content\":[{\"type\":\"tool_use\","
                   "\"id\":\"a\",\"name\":\"f\",\"input\":";
            tail = "}]}]}";

        } else {
            d = 2041 + (int) i;
            head = "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\""
                   ":\"user\",\"content\":\"hi\"}],\"output_format\":{"
                   "\"type\":\"json_schema\",\"schema\":";
            tail = "}}";
        }

        body = malloc(strlen(head) + (size_t) d * 6 + 1 + strlen(tail));
        if (body == NULL) {
            return;
        }

        n = strlen(head);
        memcpy(body, head, n);
        for (k = 0; k < (size_t) d; k++) {
            memcpy(body + n, "{\"a\":", 5);
            n += 5;
        }
        body[n++] = '1';
        memset(body + n, '}', (size_t) d);
        n += (size_t) d;
        memcpy(body + n, tail, strlen(tail));
        n += strlen(tail);

        snprintf(name, sizeof(name), "Anthropic body nested %d deep (%zu)",
                 d, i);
        rc = one_body(name, LLM_DIALECT_ANTHROPIC, body, n, NULL);
        /* taken at the limit, the document refusing one deeper; the
         * format's schema is skipped first (deeper than the pull
         * reader's skip goes): declined */
        ok(rc == (i == 0 || i == 2), name,
           rc < 0 ? fast_why : "taken or declined, not as expected");
        free(body);
    }

    snprintf(path, sizeof(path), "%s/chat-tools-2k.json", fixtures);
    body = read_file(path, &len);

    llm_translation_init(&t, LLM_DIALECT_OPENAI, LLM_DIALECT_ANTHROPIC);
    made = body != NULL && llm_parse_request(&t, body, len, NULL) == 0
           && llm_emit_request(&t, &out, &outlen) == 0;
    ok(made, "the micro benchmark's req.a2o.2k body, made as bench/micro.c "
       "makes it", t.err.message);

    if (made) {
        schemas = fast_deferred_schemas;
        args = fast_deferred_args;

        rc = fast_read_compare(LLM_DIALECT_ANTHROPIC, out, outlen, NULL,
                               &doc, NULL);
        llm_translation_free(&doc);

        /* Anthropic fast read: takes the benchmark's req.a2o.2k body */
        ok(rc == 1, "the Anthropic fast read takes the benchmark's "
           "req.a2o.2k body", fast_why);

        ok(fast_deferred_schemas - schemas == 2
           && fast_deferred_args - args == 2,
           "the Anthropic fast read defers its two tools' schemas and its "
           "two calls' inputs", NULL);
    }

    llm_translation_free(&t);
    free(body);
}


/*
 * The OpenAI request writer: the hand-made IRs of fast_write_irs_openai.h
 * and fast_write_irs.h written with every profile a route may set, the
 * corpus's share it takes, and the micro benchmark's req.a2o.2k IR.
 */

#include "fast_write_irs_openai.h"

#define OPENAI_PROFILES  14

static llm_options_t  openai_opts[OPENAI_PROFILES];
static fast_counts_t  openai_hand;


/* the presets, and switches the presets do not combine */
static void
openai_profiles(void)
{
    size_t  i;

    for (i = 0; i < OPENAI_PROFILES; i++) {
        memset(&openai_opts[i], 0, sizeof(llm_options_t));
        openai_opts[i].default_max_tokens = LLM_DEFAULT_MAX_TOKENS;
        openai_opts[i].now = 1767225600;
        if (i % 3 == 1) {
            llm_str_set(&openai_opts[i].upstream_model, "up/model \"1\"",
                        12);
        }
    }
}


/* one profile's arguments, each a preset or name=value */
static int
openai_profile_set(llm_profile_t *p, const char *args)
{
    size_t       n;
    const char  *s, *e, *why;

    for (s = args; s && *s; s = *e ? e + 1 : e) {
        e = strchr(s, ' ');
        if (e == NULL) {
            e = s + strlen(s);
        }
        n = (size_t) (e - s);
        if (llm_profile_set(p, s, n, &why) != 0) {
            return -1;
        }
    }

    return 0;
}


static void
openai_write(const char *name, llm_translation_t *doc,
    llm_translation_t *fast)
{
    int     taken;
    char    what[300];
    size_t  i;

    for (i = 0; i < OPENAI_PROFILES; i++) {
        if (fast_write_compare(LLM_DIALECT_OPENAI,
                               fast ? &fast->req : &doc->req, &doc->req,
                               &openai_opts[i], &taken) != 0)
        {
            snprintf(what, sizeof(what), "%.200s: written for OpenAI, "
                     "profile %zu", name, i);
            ok(0, what, fast_why);
            mismatches++;
        }

        openai_hand.writes++;
        openai_hand.written += taken;
    }
}


static void
openai_write_hand(const char *name, llm_translation_t *doc)
{
    openai_write(name, doc, NULL);
}


static void
openai_writes(const char *fixtures)
{
    int                 rc, taken, set;
    char                path[1024], diag[200], *body, *out;
    size_t              i, len, outlen, before;
    llm_translation_t   t, doc, fast;

    static const char  *args[OPENAI_PROFILES] = {
        NULL, "vllm", "llamacpp", "ollama", "smollm3",
        "tool_choice=auto", "tool_choice=auto forced_tool=reject",
        "tool_choice=required forced_tool=reject", "tool_choice=omit",
        "thinking=kwargs max_tokens=max_tokens",
        "thinking=none replay=reasoning",
        "system=merge replay=none stream_usage=absent",
        "content=string reasoning=none", "thinking=system_flag"
    };

    openai_profiles();

    set = 0;
    for (i = 0; i < OPENAI_PROFILES; i++) {
        set += openai_profile_set(&openai_opts[i].profile, args[i]) == 0;
    }
    ok(set == OPENAI_PROFILES, "the OpenAI writer's profiles are set",
       NULL);

    before = mismatches;
    oir_all(openai_write);
    hand_irs(openai_write_hand);

    snprintf(diag, sizeof(diag), "%zu of %zu", openai_hand.written,
             openai_hand.writes);
    printf("# openai, hand-made IRs: %s written fast\n", diag);
    ok(mismatches == before, "the OpenAI fast write gives what the "
       "document gives for every hand-made IR and profile", "see above");

    /* most of them: the rest are what emit_request refuses, or a member
     * it leaves out (a string not UTF-8, a real not finite) */
    ok(openai_hand.written * 10 >= openai_hand.writes * 7,
       "the OpenAI fast write takes 70% of the hand-made IRs", diag);

    /* the corpus: every IR its clients' bodies give, written for an
     * OpenAI upstream with the routes' options */
    snprintf(diag, sizeof(diag), "%zu of %zu",
             counts[LLM_DIALECT_OPENAI].written,
             counts[LLM_DIALECT_OPENAI].writes);
    ok(counts[LLM_DIALECT_OPENAI].written * 100
       >= counts[LLM_DIALECT_OPENAI].writes * 99,
       "the OpenAI fast write takes 99% of the corpus's IRs written for "
       "OpenAI", diag);

    /* the micro benchmark's req.a2o.2k: its 2.2 KB OpenAI conversation
     * translated for Anthropic once, that body read as an Anthropic
     * client's, then written for OpenAI */
    snprintf(path, sizeof(path), "%s/chat-tools-2k.json", fixtures);
    body = read_file(path, &len);
    ok(body != NULL, "the benchmark's conversation is there", path);
    if (body == NULL) {
        return;
    }

    llm_translation_init(&t, LLM_DIALECT_OPENAI, LLM_DIALECT_ANTHROPIC);
    rc = llm_parse_request(&t, body, len, NULL) == 0
         && llm_emit_request(&t, &out, &outlen) == 0;
    ok(rc, "the benchmark's conversation, translated for Anthropic",
       t.err.message);

    if (rc) {
        rc = fast_read_compare(LLM_DIALECT_ANTHROPIC, out, outlen, NULL,
                               &doc, &fast);
        ok(rc >= 0 && doc.parsed, "req.a2o.2k's body, read both ways",
           fast_why);

        taken = 0;
        ok(doc.parsed
           && fast_write_compare(LLM_DIALECT_OPENAI, &doc.req, &doc.req,
                                 &doc.opt, &taken) == 0
           && taken,
           "the OpenAI fast write takes req.a2o.2k's IR, and writes what "
           "the document gives", fast_why);

        if (rc == 1) {
            taken = 0;
            ok(fast_write_compare(LLM_DIALECT_OPENAI, &fast.req, &doc.req,
                                  &doc.opt, &taken) == 0
               && taken,
               "the OpenAI fast write takes req.a2o.2k's IR as read fast",
               fast_why);
            llm_translation_free(&fast);
        }

        llm_translation_free(&doc);
    }

    llm_translation_free(&t);
    free(body);
}


int
main(int argc, char **argv)
{
    int                 rc, taken, parsed;
    char                path[1024], *body, *answer, diag[200];
    size_t              len, alen;
    llm_arena_t         a;
    llm_response_t      resp;
    llm_dialect_e       d;
    llm_translation_t   doc, fast;
    const char         *cases, *fixtures;

    cases = argc > 1 ? argv[1] : "t/cases";
    fixtures = argc > 2 ? argv[2] : "bench/fixtures";
    taken = 0;

    /* what the fast paths are for: the benchmark's 2.2 KB OpenAI
     * conversation with tools, read and then written for Anthropic */
    snprintf(path, sizeof(path), "%s/chat-tools-2k.json", fixtures);
    body = read_file(path, &len);
    ok(body != NULL, "the benchmark's conversation is there", path);
    if (body != NULL) {
        rc = fast_read_compare(LLM_DIALECT_OPENAI, body, len, NULL, &doc,
                               &fast);
        ok(rc >= 0, "the benchmark's conversation, read both ways",
           fast_why);

        /* OpenAI fast read: takes the benchmark's conversation */
        ok(rc == 1, "the OpenAI fast read takes the benchmark's "
           "conversation", fast_why);

        /* its two tools' schemas and two calls' arguments are compact:
         * their texts stand for them (llm_ir.h, deferred values) */
        ok(fast_deferred_schemas == 2 && fast_deferred_args == 2,
           "the fast read defers the conversation's schemas and arguments",
           NULL);

        ok(doc.parsed
           && fast_write_compare(LLM_DIALECT_ANTHROPIC, &doc.req, &doc.req,
                                 &doc.opt, &taken) == 0,
           "the benchmark's conversation, written both ways for Anthropic",
           fast_why);
        ok(rc == 1
           && fast_write_compare(LLM_DIALECT_ANTHROPIC, &fast.req, &doc.req,
                                 &doc.opt, &taken) == 0
           && taken,
           "the Anthropic fast write takes it as read fast, deferred "
           "values as text", fast_why);
        if (rc == 1) {
            llm_translation_free(&fast);
        }

        /* Anthropic fast write: takes the benchmark's conversation */
        ok(taken, "the Anthropic fast write takes the benchmark's "
           "conversation", NULL);

        /* the micro benchmark's answer to it (bench/micro.c
         * resp_anthropic): read, then written for the OpenAI client */
        snprintf(path, sizeof(path), "%s/answer-anthropic.json", fixtures);
        answer = read_file(path, &alen);
        ok(answer != NULL, "the benchmark's answer is there", path);
        if (answer != NULL && doc.parsed) {
            llm_arena_init(&a, 16384);
            rc = fast_read_response_compare(LLM_DIALECT_ANTHROPIC, answer,
                                            alen, &a, &resp, &parsed);
            ok(rc >= 0 && parsed, "the benchmark's answer, read both ways",
               fast_why);

            /* Anthropic fast answer read: takes the benchmark's answer */
            ok(rc == 1, "the Anthropic fast answer read takes the "
               "benchmark's answer", fast_why);

            ok(parsed
               && fast_write_response_compare(LLM_DIALECT_OPENAI, &resp,
                                              &doc.req, &doc.opt, &taken)
                  == 0,
               "the benchmark's answer, written both ways for OpenAI",
               fast_why);

            /* OpenAI fast answer write: takes the benchmark's answer */
            ok(taken, "the OpenAI fast answer write takes the benchmark's "
               "answer", fast_why);

            llm_arena_free(&a);
        }
        free(answer);

        if (doc.parsed) {
            hand_written_answers(&doc);
            hand_made_irs(&doc);
        }

        llm_translation_free(&doc);
        free(body);
    }

    walk_cases(cases);
    anthropic_reads(fixtures);
    openai_bodies();
    hand_irs(write_hand);
    openai_writes(fixtures);

    ok(mismatches == 0, "every fixture's fast read and write give what the "
       "document paths give", "see above");

    for (d = LLM_DIALECT_OPENAI; d < LLM_DIALECT_MAX; d++) {
        snprintf(diag, sizeof(diag), "%s: %zu bodies, %zu parsed, %zu read "
                 "fast; %zu IRs written, %zu fast", llm_dialect_name(d),
                 counts[d].bodies, counts[d].parsed, counts[d].read,
                 counts[d].writes, counts[d].written);
        printf("# %s\n", diag);
        snprintf(diag, sizeof(diag), "%s: %zu answers, %zu parsed, %zu read "
                 "fast; %zu answer IRs written, %zu fast",
                 llm_dialect_name(d), counts[d].answers,
                 counts[d].answers_parsed, counts[d].answers_read,
                 counts[d].answer_writes, counts[d].answers_written);
        printf("# %s\n", diag);
    }

    printf("# anthropic, hand-made IRs: %zu written, %zu fast\n",
           hand_counts.writes, hand_counts.written);

    printf("# deferred by the fast reads: %zu schemas, %zu arguments\n",
           fast_deferred_schemas, fast_deferred_args);

    /* the fast paths must carry most of what the fixtures send, or they
     * are not the fast path */

    /* OpenAI fast read: its share of the parsed bodies */
    snprintf(diag, sizeof(diag), "%zu of %zu",
             counts[LLM_DIALECT_OPENAI].read,
             counts[LLM_DIALECT_OPENAI].parsed);
    ok(counts[LLM_DIALECT_OPENAI].read * 100
       >= counts[LLM_DIALECT_OPENAI].parsed * 90,
       "the OpenAI fast read takes at least 90% of the parsed OpenAI "
       "bodies", diag);

    /* Anthropic fast write: its share of the IRs.  It takes every IR
     * emit_request writes; the rest (some 9%: n > 1, max_tokens under
     * the thinking budget, images of other types, arguments that are not
     * an object) emit_request refuses, and they count in the total. */
    ok(counts[LLM_DIALECT_ANTHROPIC].written * 10
       >= counts[LLM_DIALECT_ANTHROPIC].writes * 9,
       "the Anthropic fast write takes at least 90% of the IRs written "
       "for Anthropic (those emit_request refuses included)", NULL);

    /* Anthropic fast answer read: its share of the parsed answers */
    d = LLM_DIALECT_ANTHROPIC;
    ok(counts[d].answers_read * 10 >= counts[d].answers_parsed * 9,
       "the Anthropic fast answer read takes 90% of the parsed answers",
       "see the counts above");

    /* OpenAI fast answer write: its share of the answer IRs */
    d = LLM_DIALECT_OPENAI;
    ok(counts[d].answers_written * 10 >= counts[d].answer_writes * 9,
       "the OpenAI fast answer write takes 90% of the answer IRs",
       "see the counts above");

    a2o_answers(fixtures);

    return tap_done();
}
