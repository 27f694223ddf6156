/*
 * The memo of checked values (llm_json_memo.c): with it on, the pull
 * reader's skip and the canonical check must answer exactly as they do
 * with it paused, for every text, however close to one kept.  Checked on
 * hand-picked edges and, differentially, on every object and array of
 * the fixtures of LLM_JSON_MEMO_MIN bytes or more (compact and indented),
 * and on mutations of them (a byte replaced, inserted or removed:
 * at a stride, and at every byte of the last 32; the text cut short;
 * bytes after it), each asked three times so that the memo keeps it
 * and is asked.  Then the relay checks (check_request, whose "tools" go
 * through the memo) on every OpenAI and Anthropic request of the cases
 * and the bench's, as they are and compact, and on mutations of their
 * tools.  And the translations of those requests (whose tools a fast
 * read may find in the memo, as written before for one dialect:
 * llm_ir.h, deferred tools): for every upstream, with profiles that
 * offer one tool only or none, in turn, the same bodies, warnings and
 * errors as with the memo paused.  Prints TAP.
 *
 *   test_memo [dir ...]     default: t/cases bench/fixtures
 *   LLM_MEMO_QUICK=n        every n-th value only (for valgrind)
 */

#define _DEFAULT_SOURCE

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llm_codec.h"
#include "llm_json.h"
#include "llm_json_check.h"
#include "llm_json_memo.h"
#include "llm_json_pull.h"
#include "llm_translate.h"
#include "read_file.h"
#include "json_files.h"
#include "tap.h"


static size_t  texts, asked, wrong;
static size_t  quick, seen;         /* LLM_MEMO_QUICK=n: every n-th text */
static char    why[400];


typedef struct {
    int     rc;
    size_t  end;
    size_t  canon;
    size_t  members;
    int     has_type;
} answer_t;


static void
answer(const char *p, size_t len, answer_t *a)
{
    llm_jpull_t           j;
    llm_json_canonical_t  info;

    llm_jpull_init(&j, p, len);
    a->rc = llm_jpull_skip(&j);
    a->end = a->rc == 0 ? (size_t) ((const char *) j.p - p) : 0;

    a->canon = llm_json_canonical_object(p, len, &info);
    a->members = info.members;
    a->has_type = info.has_type != 0;
}


static int
same(const answer_t *a, const answer_t *b)
{
    return a->rc == b->rc && a->end == b->end && a->canon == b->canon
           && a->members == b->members && a->has_type == b->has_type;
}


/* The text asked paused, then three times with the memo (kept the
 * second, found the third): the same answers */
static void
check(const char *p, size_t len, const char *what)
{
    int       i;
    answer_t  ref, a;

    llm_json_memo_pause(1);
    answer(p, len, &ref);
    llm_json_memo_pause(0);

    for (i = 0; i < 3; i++) {
        answer(p, len, &a);
        asked++;

        if (!same(&ref, &a)) {
            wrong++;
            snprintf(why, sizeof(why),
                     "%s, ask %d: skip %d/%zu canonical %zu/%zu/%d, paused"
                     " %d/%zu %zu/%zu/%d: %.200s", what, i + 1, a.rc, a.end,
                     a.canon, a.members, a.has_type, ref.rc, ref.end,
                     ref.canon, ref.members, ref.has_type, p);
            ok(0, "the memo answers as the checks", why);
        }
    }
}


/* One text and its mutations */
static void
one_text(const char *text, size_t len)
{
    char               *m;
    size_t              i, k, step;
    static const char   bytes[] = {
        ' ', '\\', '"', '0', '}', ']', ',', ':', '{', '\x01',
        (char) 0xc3, 'A'
    };

    texts++;
    check(text, len, "a fixture value");

    m = malloc(len + 16);
    if (m == NULL) {
        return;
    }

    /* after it: the value still ends where it did */
    memcpy(m, text, len);
    memcpy(m + len, ",\"x\":1}", 7);
    check(m, len + 7, "bytes after");
    m[len] = ' ';
    check(m, len + 1, "a space after");

    /* cut short, at the end and anywhere */
    for (i = 1; i < 8 && i < len; i++) {
        check(text, len - i, "cut short");
    }
    check(text, len / 2, "cut in half");

    /* in the hashed head every eighth byte, then some 100 places, and
     * every byte of the last 32 */
    step = len > 164 ? (len - 64) / 100 : 1;

    for (i = 0; i < len;
         i += (i < 64 ? 8 : (i + 32 >= len || i + step + 32 > len)
                             ? 1 : step))
    {
        for (k = 0; k < sizeof(bytes); k++) {
            if (text[i] == bytes[k]) {
                continue;
            }

            memcpy(m, text, len);
            m[i] = bytes[k];
            check(m, len, "a byte replaced");

            memcpy(m, text, i);
            m[i] = bytes[k];
            memcpy(m + i + 1, text + i, len - i);
            check(m, len + 1, "a byte inserted");
        }

        memcpy(m, text, i);
        memcpy(m + i, text + i + 1, len - i - 1);
        check(m, len - 1, "a byte removed");

        if (wrong > 20) {
            break;
        }
    }

    free(m);
}


/* The objects and arrays in j of MIN bytes or more, compact and not */
static void
walk(json_t *j)
{
    char        *t;
    size_t       i, n;
    json_t      *v;
    const char  *k;
    int          flags[] = { JSON_COMPACT, JSON_INDENT(1) };

    if (!json_is_object(j) && !json_is_array(j)) {
        return;
    }

    for (i = 0; i < 2; i++) {
        t = json_dumps(j, flags[i] | JSON_PRESERVE_ORDER);
        if (t == NULL) {
            continue;
        }

        n = strlen(t);
        if (n >= LLM_JSON_MEMO_MIN && n <= 2048
            && (quick == 0 || seen++ % quick == 0))
        {
            one_text(t, n);
        }

        json_text_free(t);
    }

    if (json_is_object(j)) {
        json_object_foreach(j, k, v) {
            walk(v);
        }

    } else {
        json_array_foreach(j, i, v) {
            walk(v);
        }
    }
}


static void
one_file(const char *path, void *data)
{
    char    *buf;
    size_t   len;
    json_t  *j;

    (void) data;

    buf = read_file(path, &len);
    if (buf == NULL) {
        return;
    }

    j = json_loadb(buf, len, JSON_DECODE_ANY, NULL);
    free(buf);

    if (j != NULL) {
        walk(j);
        json_decref(j);
    }
}


/* A text of n bytes: an object with a few members, its last string
 * member long enough */
static char *
object_of(size_t n, const char *last_key)
{
    char    *t;
    size_t   head;

    t = malloc(n + 1);
    head = (size_t) snprintf(t, n + 1,
                             "{\"type\":\"object\",\"properties\":{},"
                             "\"%s\":\"", last_key);
    memset(t + head, 'a', n - head - 2);
    t[n - 2] = '"';
    t[n - 1] = '}';
    t[n] = '\0';

    return t;
}


static void
edges(void)
{
    int                    i;
    char                  *a, *b;
    size_t                 n, len;
    llm_jpull_t            j;
    llm_json_memo_stats_t  st;
    llm_json_canonical_t   info;

    len = 300;
    a = object_of(len, "description");

    /* off: nothing kept, nothing found */
    llm_json_memo_set_size(0);
    llm_jpull_init(&j, a, len);
    ok(llm_jpull_skip(&j) == 0 && (const char *) j.p == a + len,
       "off: skipped", NULL);
    llm_json_memo_stats(&st);
    ok(st.values == 0 && llm_json_memo_find(LLM_JSON_MEMO_SKIP, a, len, NULL)
       == 0, "off: nothing kept", NULL);

    /* on: kept by the skip the second time, found with the verdict asked
     * only */
    llm_json_memo_set_size(1 << 20);
    llm_jpull_init(&j, a, len);
    ok(llm_jpull_skip(&j) == 0 && (const char *) j.p == a + len,
       "on: skipped", NULL);
    llm_json_memo_stats(&st);
    ok(st.values == 0 && llm_json_memo_find(LLM_JSON_MEMO_SKIP, a, len, NULL)
       == 0, "on: found good once, not kept", NULL);
    llm_jpull_init(&j, a, len);
    ok(llm_jpull_skip(&j) == 0 && (const char *) j.p == a + len,
       "on: skipped again", NULL);
    ok(llm_json_memo_find(LLM_JSON_MEMO_SKIP, a, len, NULL) == len,
       "on: the skip's verdict kept", NULL);
    ok(llm_json_memo_find(LLM_JSON_MEMO_CANONICAL, a, len, NULL) == 0,
       "on: no other verdict with it", NULL);
    ok(llm_json_memo_find(LLM_JSON_MEMO_SKIP, a, len - 1, NULL) == 0,
       "on: not found in fewer bytes", NULL);

    /* the canonical verdict with its members and "type" */
    n = llm_json_canonical_object(a, len, &info);
    ok(n == len && info.members == 3 && info.has_type, "canonical: taken",
       NULL);
    info.members = 0;
    info.has_type = 0;
    n = llm_json_canonical_object(a, len, &info);
    llm_json_memo_stats(&st);
    ok(n == len && info.members == 3 && info.has_type && st.values == 1
       && st.found >= 2, "canonical: found, with its members and type",
       NULL);

    /* the same head and length, a repeated key at the end: refused */
    b = object_of(len, "description");
    memcpy(b + len - 13, "\",\"type\":\"x\"}", 13);
    llm_jpull_init(&j, b, len);
    ok(llm_jpull_skip(&j) == -1, "a repeat past the head: refused", NULL);
    ok(llm_json_canonical_object(b, len, &info) == 0,
       "a repeat past the head: not canonical", NULL);
    free(b);

    /* alike but at the end: a value of its own, not found as a */
    b = object_of(len, "description");
    memcpy(b + len - 5, "bcd\"}", 5);
    llm_json_memo_stats(&st);
    n = (size_t) st.found;
    llm_jpull_init(&j, b, len);
    ok(llm_jpull_skip(&j) == 0 && (const char *) j.p == b + len,
       "alike at the end: skipped", NULL);
    llm_json_memo_stats(&st);
    ok(st.found == n, "alike at the end: not found", NULL);
    free(b);

    /* small values are not kept */
    llm_jpull_init(&j, "{\"a\":[1,2,3]}", 13);
    ok(llm_jpull_skip(&j) == 0, "a small value skipped", NULL);
    llm_json_memo_stats(&st);
    ok(st.values == 1, "a small value not kept", NULL);

    /* the pause: nothing found, nothing kept, what is held stays */
    llm_json_memo_pause(1);
    ok(llm_json_memo_find(LLM_JSON_MEMO_SKIP, a, len, NULL) == 0,
       "paused: not found", NULL);
    b = object_of(400, "description");
    llm_jpull_init(&j, b, 400);
    ok(llm_jpull_skip(&j) == 0, "paused: skipped", NULL);
    llm_json_memo_pause(0);
    llm_json_memo_stats(&st);
    ok(st.values == 1 && llm_json_memo_find(LLM_JSON_MEMO_SKIP, a, len, NULL)
       == len, "paused: nothing kept, what was held found after", NULL);
    free(b);

    /* the size holds: a value over a quarter is not kept, and many are
     * let go for room */
    llm_json_memo_set_size(4096);
    llm_json_memo_stats(&st);
    ok(st.values == 1 && st.bytes == len, "a smaller size keeps what fits",
       NULL);
    b = object_of(1100, "description");
    for (n = 0; n < 3; n++) {
        llm_jpull_init(&j, b, 1100);
        ok(llm_jpull_skip(&j) == 0, "a value over a quarter skipped", NULL);
    }
    llm_json_memo_stats(&st);
    ok(st.values == 1, "a value over a quarter of the size not kept", NULL);
    free(b);

    for (n = 0; n < 64; n++) {
        b = object_of(300 + n * 7, n & 1 ? "description" : "title");
        for (i = 0; i < 2; i++) {
            llm_jpull_init(&j, b, 300 + n * 7);
            if (llm_jpull_skip(&j) != 0) {
                ok(0, "many values skipped", NULL);
            }
        }
        llm_json_memo_stats(&st);
        if (st.bytes > 4096) {
            ok(0, "within the size", NULL);
            break;
        }
        free(b);
    }
    ok(st.dropped > 0 && st.bytes <= 4096 && st.values > 0,
       "many values: let go for room, within the size", NULL);

    llm_json_memo_set_size(0);
    llm_json_memo_stats(&st);
    ok(st.values == 0 && st.bytes == 0, "off again: all let go", NULL);

    free(a);
}


/* --- the relay checks (check_request), whose "tools" go through the
 * memo (llm_jpull_checked): the same answers paused and on */

typedef struct {
    int     rc;
    int     stream;
    size_t  model_len;
    char    model[64];
} relay_answer_t;


static void
relay_answer(const llm_codec_t *c, const char *p, size_t len,
    relay_answer_t *a)
{
    llm_relay_t  r;

    memset(&r, 0, sizeof(r));
    memset(a, 0, sizeof(*a));
    a->rc = c->check_request(p, len, &r);

    if (a->rc == 0) {
        a->stream = r.stream;
        a->model_len = r.model.len;
        memcpy(a->model, r.model.data,
               r.model.len < sizeof(a->model) ? r.model.len
                                              : sizeof(a->model));
    }
}


static size_t  bodies, relay_asked;


/* --- the translations, whose "tools" a fast read may find written in
 * the memo: the same answers paused and on */

typedef struct {
    int     parsed;
    int     emitted;
    char   *out;                    /* emitted, else the error message */
    size_t  outlen;
    char    warnings[512];
} xl_answer_t;


/* the upstreams and profiles asked in turn: OpenAI's llamacpp offers
 * only a named tool, ollama none for "none" */
static const struct {
    llm_dialect_e   upstream;
    const char     *profile;
} xl_to[] = {
    { LLM_DIALECT_ANTHROPIC, NULL },
    { LLM_DIALECT_OPENAI, NULL },
    { LLM_DIALECT_GEMINI, NULL },
    { LLM_DIALECT_OPENAI, "llamacpp" },
    { LLM_DIALECT_ANTHROPIC, NULL },
    { LLM_DIALECT_OPENAI, "ollama" },
};

#define XL_TO  (sizeof(xl_to) / sizeof(xl_to[0]))

static size_t  xl_asked, xl_deferred;


static void
xl_answer(llm_dialect_e client, size_t to, const char *p, size_t len,
    xl_answer_t *a)
{
    char               *out;
    size_t              i, n, outlen;
    const char         *why;
    llm_translation_t   t;

    memset(a, 0, sizeof(*a));
    llm_translation_init(&t, client, xl_to[to].upstream);
    t.opt.now = 1700000000;

    if (xl_to[to].profile != NULL
        && llm_profile_set(&t.opt.profile, xl_to[to].profile,
                           strlen(xl_to[to].profile), &why) != 0)
    {
        a->out = strdup(why);
        llm_translation_free(&t);
        return;
    }

    a->parsed = llm_parse_request(&t, p, len, NULL) == 0;

    if (a->parsed) {
        xl_deferred += t.req.tools_text.data != NULL;
        a->emitted = llm_emit_request(&t, &out, &outlen) == 0;
    }

    if (a->emitted) {
        a->out = malloc(outlen + 1);
        if (a->out != NULL) {
            memcpy(a->out, out, outlen);
            a->outlen = outlen;
        }

    } else {
        a->out = strdup(t.err.message);
        a->outlen = a->out ? strlen(a->out) : 0;
    }

    for (i = 0, n = 0; i < t.warn.n; i++) {
        n += (size_t) snprintf(a->warnings + n, sizeof(a->warnings) - n,
                               "%s,", t.warn.items[i]);
        if (n >= sizeof(a->warnings)) {
            break;
        }
    }

    llm_translation_free(&t);
}


static int
xl_same(const xl_answer_t *a, const xl_answer_t *b)
{
    return a->parsed == b->parsed && a->emitted == b->emitted
           && a->outlen == b->outlen && a->out != NULL && b->out != NULL
           && memcmp(a->out, b->out, a->outlen) == 0
           && strcmp(a->warnings, b->warnings) == 0;
}


/* The body translated for each upstream with the memo paused, then three
 * rounds of all of them with it on: a round's keeps are the next one's
 * finds, each for another dialect than the last */
static void
translate_check(const llm_codec_t *c, const char *p, size_t len,
    const char *what)
{
    int          round;
    size_t       to;
    xl_answer_t  ref[XL_TO], a;

    if (c->read_request == NULL) {
        return;
    }

    llm_json_memo_pause(1);
    for (to = 0; to < XL_TO; to++) {
        xl_answer(c->dialect, to, p, len, &ref[to]);
    }
    llm_json_memo_pause(0);

    for (round = 0; round < 3; round++) {
        for (to = 0; to < XL_TO; to++) {
            xl_answer(c->dialect, to, p, len, &a);
            xl_asked++;

            if (!xl_same(&a, &ref[to])) {
                wrong++;
                snprintf(why, sizeof(why), "%s (%s to %s%s%s), round %d: "
                         "%d/%d %.80s [%.40s], paused %d/%d %.80s [%.40s]",
                         what, c->name, llm_codec(xl_to[to].upstream)->name,
                         xl_to[to].profile ? " " : "",
                         xl_to[to].profile ? xl_to[to].profile : "",
                         round + 1, a.parsed, a.emitted,
                         a.out ? a.out : "", a.warnings, ref[to].parsed,
                         ref[to].emitted,
                         ref[to].out ? ref[to].out : "", ref[to].warnings);
                ok(0, "the translation is as with the memo paused", why);
            }

            free(a.out);
        }
    }

    for (to = 0; to < XL_TO; to++) {
        free(ref[to].out);
    }
}


static void
relay_check(const llm_codec_t *c, const char *p, size_t len,
    const char *what)
{
    int             i;
    relay_answer_t  ref, a;

    translate_check(c, p, len, what);

    llm_json_memo_pause(1);
    relay_answer(c, p, len, &ref);
    llm_json_memo_pause(0);

    for (i = 0; i < 3; i++) {
        relay_answer(c, p, len, &a);
        relay_asked++;

        if (memcmp(&a, &ref, sizeof(a)) != 0) {
            wrong++;
            snprintf(why, sizeof(why), "%s (%s), ask %d: %d, paused %d: "
                     "%.200s", what, c->name, i + 1, a.rc, ref.rc, p);
            ok(0, "the relay check answers as with the memo paused", why);
        }
    }
}


/* A body and its mutations from its "tools" on */
static void
one_body(const llm_codec_t *c, const char *body, size_t len)
{
    char               *m;
    const char         *tools;
    size_t              i, k, from, step;
    static const char   bytes[] = { ' ', '"', '1', '}', ']', ',', 'x' };

    bodies++;
    relay_check(c, body, len, "a body");

    tools = strstr(body, "\"tools\"");
    if (tools == NULL || wrong > 20) {
        return;
    }

    m = malloc(len + 1);
    if (m == NULL) {
        return;
    }

    from = (size_t) (tools - body);
    step = (len - from) / 150 + 1;

    for (i = from; i < len; i += (i + 48 >= len) ? 1 : step) {
        for (k = 0; k < sizeof(bytes); k++) {
            if (body[i] == bytes[k]) {
                continue;
            }

            memcpy(m, body, len);
            m[i] = bytes[k];
            relay_check(c, m, len, "a byte of the tools replaced");
        }

        memcpy(m, body, i);
        memcpy(m + i, body + i + 1, len - i - 1);
        relay_check(c, m, len - 1, "a byte of the tools removed");

        if (wrong > 20) {
            break;
        }
    }

    free(m);
}


/* A request file: as it is, and compact */
static void
one_request(const char *path, llm_dialect_e d)
{
    char               *buf, *t;
    size_t              len;
    json_t             *j;
    const llm_codec_t  *c;

    c = llm_codec(d);
    buf = read_file(path, &len);
    if (c == NULL || c->check_request == NULL || buf == NULL) {
        free(buf);
        return;
    }

    one_body(c, buf, len);

    j = json_loadb(buf, len, 0, NULL);
    free(buf);

    if (j != NULL) {
        t = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (t != NULL) {
            one_body(c, t, strlen(t));
            json_text_free(t);
        }
        json_decref(j);
    }
}


/* the requests of the cases under a dialect's directory */
static void
case_request(const char *path, void *data)
{
    size_t  n;

    n = strlen(path);

    if (n > 11 && strcmp(path + n - 11, "/input.json") == 0
        && (quick == 0 || seen++ % quick == 0))
    {
        one_request(path, *(llm_dialect_e *) data);
    }
}


static void
requests_in(const char *dir, llm_dialect_e d)
{
    json_files(dir, case_request, &d);
}


int
main(int argc, char **argv)
{
    int  i;

    edges();

    if (getenv("LLM_MEMO_QUICK") != NULL) {
        quick = (size_t) atoi(getenv("LLM_MEMO_QUICK"));
    }

    /* small enough that the fixtures' values push each other out */
    llm_json_memo_set_size(64 * 1024);

    if (argc > 1) {
        for (i = 1; i < argc; i++) {
            json_files(argv[i], one_file, NULL);
        }

    } else {
        json_files("t/cases", one_file, NULL);
        json_files("bench/fixtures", one_file, NULL);
    }

    /* the relay checks, over the cases' requests and the bench's */
    requests_in("t/cases/openai", LLM_DIALECT_OPENAI);
    requests_in("t/cases/anthropic", LLM_DIALECT_ANTHROPIC);
    one_request("bench/fixtures/chat-tools-2k.json", LLM_DIALECT_OPENAI);
    one_request("bench/fixtures/chat-tools-agent.json", LLM_DIALECT_OPENAI);
    one_request("bench/fixtures/chat-tools-2k-anthropic.json",
                LLM_DIALECT_ANTHROPIC);

    snprintf(why, sizeof(why), "%zu bodies, %zu asked", bodies, relay_asked);
    ok(bodies >= (quick ? 10 : 100), "request bodies for the relay checks",
       why);

    snprintf(why, sizeof(why), "%zu translations asked, %zu with the "
             "tools found written", xl_asked, xl_deferred);
    ok(xl_deferred >= (quick ? 1 : 100),
       "translations whose tools the memo held as written", why);

    snprintf(why, sizeof(why), "%zu texts", texts);
    ok(texts >= (quick ? 5 : 20),
       "fixture values of the memo's size", why);
    snprintf(why, sizeof(why), "%zu asked, %zu wrong", asked, wrong);
    ok(wrong == 0, "the memo answers as the checks, every mutation", why);
    printf("# %zu texts, %zu asked; %zu bodies, %zu asked; %zu "
           "translations, %zu deferred\n", texts, asked, bodies, relay_asked,
           xl_asked, xl_deferred);

    llm_json_memo_set_size(0);
    return tap_done();
}
