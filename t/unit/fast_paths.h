/*
 * The codecs' fast paths held to the document paths they stand in for
 * (llm_codec.h): read_request against loading the body and
 * parse_request, write_request against emit_request and dumping its
 * document.  Shared by t/unit/test_fast_paths.c and the request fuzzers.
 *
 * The same for answers: read_response against parse_response,
 * write_response against emit_response.
 *
 * The read comparisons return 1 when the fast path took the input and
 * gave what the document path gives, 0 when it declined, -1 when it took
 * it and gave something else (or took what the document path refuses),
 * with fast_why set; the write comparisons 0 or -1, and whether the fast
 * path took it in *taken.
 */

#ifndef FAST_PATHS_H
#define FAST_PATHS_H

#include <stdio.h>
#include <string.h>

#include "llm_translate.h"
#include "llm_json.h"


static const char  *fast_why;
static char         fast_why_buf[512];


/* what json_dumps returns goes back through jansson's allocator (the
 * core's hook, llm_arena_json_use) */
static void
fast_json_free(void *p)
{
    json_malloc_t  m;
    json_free_t    f;

    json_get_alloc_funcs(&m, &f);
    f(p);
}


static int
fast_fail(const char *fmt, const char *what)
{
    snprintf(fast_why_buf, sizeof(fast_why_buf), fmt, what);
    fast_why = fast_why_buf;
    return 0;
}


static int
fast_str_eq(const llm_str_t *a, const llm_str_t *b, const char *what)
{
    if ((a->data == NULL) != (b->data == NULL) || a->len != b->len
        || (a->len && memcmp(a->data, b->data, a->len) != 0))
    {
        return fast_fail("%s differs", what);
    }

    /* the document's strings are NUL-terminated; code may rely on it */
    if (a->data != NULL && a->data[a->len] != '\0') {
        return fast_fail("%s is not NUL-terminated", what);
    }

    return 1;
}


static int
fast_json_eq(json_t *a, json_t *b, const char *what)
{
    if ((a == NULL) != (b == NULL) || (a != NULL && !json_equal(a, b))) {
        return fast_fail("%s differs", what);
    }

    /* equal documents that would be written differently (key order) */
    if (a != NULL) {
        char  *ta, *tb;
        int    same;

        ta = json_dumps(a, JSON_COMPACT | JSON_ENCODE_ANY);
        tb = json_dumps(b, JSON_COMPACT | JSON_ENCODE_ANY);
        same = ta && tb && strcmp(ta, tb) == 0;
        fast_json_free(ta);
        fast_json_free(tb);

        if (!same) {
            return fast_fail("%s is written differently", what);
        }
    }

    return 1;
}


static int fast_blocks_eq(const llm_block_t *a, size_t na,
    const llm_block_t *b, size_t nb, const char *what);


static int
fast_block_eq(const llm_block_t *a, const llm_block_t *b)
{
    return (a->kind == b->kind || fast_fail("%s", "block kind differs"))
           && fast_str_eq(&a->text, &b->text, "block text")
           && fast_str_eq(&a->media_type, &b->media_type, "media_type")
           && fast_str_eq(&a->data, &b->data, "block data")
           && fast_str_eq(&a->url, &b->url, "block url")
           && fast_str_eq(&a->id, &b->id, "block id")
           && fast_str_eq(&a->name, &b->name, "block name")
           && fast_json_eq(a->args, b->args, "tool call args")
           && fast_str_eq(&a->args_json, &b->args_json, "args_json")
           && fast_str_eq(&a->call_id, &b->call_id, "call_id")
           && fast_blocks_eq(a->content, a->ncontent, b->content,
                             b->ncontent, "tool result content")
           && fast_json_eq(a->response, b->response, "response")
           && (a->is_error == b->is_error
               || fast_fail("%s", "is_error differs"))
           && fast_str_eq(&a->signature, &b->signature, "signature")
           && (a->signature_origin == b->signature_origin
               || fast_fail("%s", "signature_origin differs"));
}


static int
fast_blocks_eq(const llm_block_t *a, size_t na, const llm_block_t *b,
    size_t nb, const char *what)
{
    size_t  i;

    if (na != nb) {
        return fast_fail("number of %s differs", what);
    }

    for (i = 0; i < na; i++) {
        if (!fast_block_eq(&a[i], &b[i])) {
            return 0;
        }
    }

    return 1;
}


static int
fast_messages_eq(const llm_message_t *a, size_t na, const llm_message_t *b,
    size_t nb, const char *what)
{
    size_t  i;

    if (na != nb) {
        return fast_fail("number of %s differs", what);
    }

    for (i = 0; i < na; i++) {
        if (a[i].role != b[i].role) {
            return fast_fail("a role in %s differs", what);
        }

        if (!fast_blocks_eq(a[i].blocks, a[i].nblocks, b[i].blocks,
                            b[i].nblocks, "blocks"))
        {
            return 0;
        }
    }

    return 1;
}


#define fast_field_eq(a, b, f)                                               \
    ((a)->f == (b)->f || fast_fail("%s differs", #f))

static int
fast_request_eq(const llm_request_t *a, const llm_request_t *b)
{
    size_t  i;

    if (!(fast_str_eq(&a->model, &b->model, "model")
          && fast_field_eq(a, b, stream)
          && fast_field_eq(a, b, stream_include_usage)
          && fast_messages_eq(a->system, a->nsystem, b->system, b->nsystem,
                              "system messages")
          && fast_messages_eq(a->messages, a->nmessages, b->messages,
                              b->nmessages, "messages")
          && fast_field_eq(a, b, has_max_tokens)
          && fast_field_eq(a, b, has_temperature)
          && fast_field_eq(a, b, has_top_p)
          && fast_field_eq(a, b, has_top_k)
          && fast_field_eq(a, b, has_n)
          && fast_field_eq(a, b, has_seed)
          && fast_field_eq(a, b, has_logprobs)
          && fast_field_eq(a, b, has_penalties)
          && fast_field_eq(a, b, max_tokens)
          && (memcmp(&a->temperature, &b->temperature, sizeof(double)) == 0
              || fast_fail("%s differs", "temperature"))
          && (memcmp(&a->top_p, &b->top_p, sizeof(double)) == 0
              || fast_fail("%s differs", "top_p"))
          && fast_field_eq(a, b, top_k)
          && fast_field_eq(a, b, n)
          && fast_field_eq(a, b, seed)
          && fast_field_eq(a, b, nstop)
          && fast_field_eq(a, b, ntools)
          && fast_field_eq(a, b, tool_choice)
          && fast_str_eq(&a->tool_choice_name, &b->tool_choice_name,
                         "tool_choice_name")
          && fast_field_eq(a, b, parallel_tool_calls)
          && fast_field_eq(a, b, format)
          && fast_str_eq(&a->format_name, &b->format_name, "format_name")
          && fast_json_eq(a->format_schema, b->format_schema,
                          "format_schema")
          && fast_field_eq(a, b, thinking)
          && fast_field_eq(a, b, thinking_budget)
          && fast_field_eq(a, b, effort)
          && fast_str_eq(&a->user, &b->user, "user")))
    {
        return 0;
    }

    for (i = 0; i < a->nstop; i++) {
        if (!fast_str_eq(&a->stop[i], &b->stop[i], "a stop sequence")) {
            return 0;
        }
    }

    for (i = 0; i < a->ntools; i++) {
        if (!(fast_str_eq(&a->tools[i].name, &b->tools[i].name, "tool name")
              && fast_str_eq(&a->tools[i].description,
                             &b->tools[i].description, "tool description")
              && fast_json_eq(a->tools[i].schema, b->tools[i].schema,
                              "tool schema")
              && (a->tools[i].strict == b->tools[i].strict
                  || fast_fail("%s differs", "tool strict"))))
        {
            return 0;
        }
    }

    return 1;
}


static int
fast_warnings_eq(const llm_warnings_t *a, const llm_warnings_t *b)
{
    size_t  i;

    if (a->n != b->n) {
        return fast_fail("%s", "number of warnings differs");
    }

    for (i = 0; i < a->n; i++) {
        if (strcmp(a->items[i], b->items[i]) != 0) {
            return fast_fail("warning %s differs", a->items[i]);
        }
    }

    return 1;
}


/* How many values the fast reads left deferred (llm_ir.h), by kind. */
static size_t  fast_deferred_schemas, fast_deferred_args;
static size_t  fast_deferred_tools;


/* One deferred value built: its text must be what writing it gives. */
static int
fast_built_as_text(llm_arena_t *a, json_t *built, const char *text,
    size_t len, const char *what)
{
    char    *dump;
    size_t   n;

    dump = built ? llm_json_dump(a, built, &n) : NULL;
    if (dump == NULL || n != len || memcmp(dump, text, len) != 0) {
        return fast_fail("a deferred %s is not its document's text", what);
    }

    return 1;
}


/* req's deferred values built (llm_request_build_deferred), each held to
 * its text; 1, or 0 with fast_why. */
static int
fast_build_checked(llm_arena_t *a, llm_request_t *req)
{
    size_t        i, k, nt, nb, ndeferred;
    llm_block_t  *b;
    struct {
        const char         *text;
        size_t              len;
        const llm_block_t  *b;
    } tools[64], blocks[256];

    nt = 0;
    nb = 0;

    /* tools left unread (found written in the memo) read first: their
     * schemas may then be deferred */
    if (req->tools_text.data != NULL) {
        fast_deferred_tools++;
        if (llm_request_read_deferred_tools(a, req) != 0) {
            return fast_fail("%s", "deferred tools not read");
        }
    }

    for (i = 0; i < req->ntools && i < 64; i++) {
        tools[i].text = req->tools[i].schema_json.data;
        tools[i].len = req->tools[i].schema_json.len;
        nt++;
    }

    for (i = 0; i < req->nmessages; i++) {
        for (k = 0; k < req->messages[i].nblocks; k++) {
            b = &req->messages[i].blocks[k];
            if (b->args_deferred && nb < 256) {
                blocks[nb].text = b->args_json.data;
                blocks[nb].len = b->args_json.len;
                blocks[nb].b = b;
                nb++;
            }
        }
    }

    ndeferred = nb;

    if (llm_request_build_deferred(a, req) != 0) {
        return fast_fail("%s", "deferred values not built");
    }

    for (i = 0; i < nt; i++) {
        if (tools[i].text != NULL) {
            fast_deferred_schemas++;
            if (req->tools[i].schema_json.data != NULL
                || !fast_built_as_text(a, req->tools[i].schema,
                                       tools[i].text, tools[i].len,
                                       "schema"))
            {
                return 0;
            }
        }
    }

    nb = 0;
    for (i = 0; i < req->nmessages; i++) {
        for (k = 0; k < req->messages[i].nblocks; k++) {
            b = &req->messages[i].blocks[k];
            if (b->args_deferred) {
                return fast_fail("%s", "deferred args left unbuilt");
            }
            /* args_json stays, or goes when it was that text only */
            if (nb < ndeferred && blocks[nb].b == b) {
                fast_deferred_args++;
                if (!fast_built_as_text(a, b->args, blocks[nb].text,
                                        blocks[nb].len, "args"))
                {
                    return 0;
                }
                nb++;
            }
        }
    }

    return 1;
}


/*
 * The body read both ways.  *doc is always the document path's
 * translation (doc->parsed when parse_request took the body), for the
 * caller's write comparisons; the caller frees it.  path_model may be
 * NULL.  When fast is not NULL and the fast read took the body (1), it
 * is that read's translation as the fast writers get it (its deferred
 * values unbuilt), which the caller frees too.
 */
static int
fast_read_compare(llm_dialect_e client, const char *body, size_t len,
    const llm_str_t *path_model, llm_translation_t *doc,
    llm_translation_t *fast)
{
    int                 rc;
    json_t             *j;
    llm_arena_t        *prev;
    llm_request_t       req;
    llm_warnings_t      w;
    llm_translation_t   t;
    const llm_codec_t  *c;

    fast_why = NULL;
    c = llm_codec(client);

    /* the document path, as llm_parse_request took it before fast paths */
    llm_translation_init(doc, client, client);
    if (path_model && path_model->len) {
        doc->req.model = *path_model;
    }
    req = doc->req;

    prev = llm_arena_json_use(&doc->arena);
    j = llm_arena_keep(&doc->arena,
                       llm_json_loadb(body, len, JSON_REJECT_DUPLICATES,
                                      NULL));
    doc->parsed = j != NULL && json_is_object(j)
                  && c->parse_request(&doc->arena, j, &doc->req, &doc->err,
                                      &doc->warn) == 0;
    llm_arena_json_use(prev);

    if (c->read_request == NULL) {
        return 0;
    }

    /* the fast path alone, in an arena of its own */
    llm_translation_init(&t, client, client);
    memset(&w, 0, sizeof(w));

    prev = llm_arena_json_use(&t.arena);
    rc = c->read_request(&t.arena, body, len, &req, &w);
    if (rc == 0 && !fast_build_checked(&t.arena, &req)) {
        rc = 2;
    }
    llm_arena_json_use(prev);

    if (rc == 1) {
        rc = 0;

    } else if (rc == 2) {
        rc = -1;                        /* fast_why says why */

    } else if (rc != 0) {
        fast_why = "read_request returned neither 0 nor 1";
        rc = -1;

    } else if (!doc->parsed) {
        snprintf(fast_why_buf, sizeof(fast_why_buf),
                 "read_request takes what parse_request refuses: %.400s",
                 doc->err.message);
        fast_why = fast_why_buf;
        rc = -1;

    } else if (!fast_request_eq(&req, &doc->req)
               || !fast_warnings_eq(&w, &doc->warn))
    {
        rc = -1;

    } else {
        rc = 1;
    }

    llm_translation_free(&t);

    if (rc == 1 && fast != NULL) {
        llm_translation_init(fast, client, client);
        if (path_model && path_model->len) {
            fast->req.model = *path_model;
        }

        prev = llm_arena_json_use(&fast->arena);
        fast->parsed = c->read_request(&fast->arena, body, len, &fast->req,
                                       &fast->warn) == 0;
        llm_arena_json_use(prev);

        if (!fast->parsed) {
            fast_why = "read_request takes a body once, not twice";
            llm_translation_free(fast);
            return -1;
        }
    }

    return rc;
}


/* The first difference of two texts, into fast_why. */
static void
fast_text_diff(const char *fast, size_t fastlen, const char *slow,
    size_t slowlen)
{
    size_t  at;

    for (at = 0; at < fastlen && at < slowlen && fast[at] == slow[at]; at++)
    {
        /* the first byte that differs */
    }
    at = at > 30 ? at - 30 : 0;

    snprintf(fast_why_buf, sizeof(fast_why_buf),
             "written differently from byte %zu:\n# fast %.*s\n"
             "# slow %.*s", at,
             (int) (fastlen - at < 90 ? fastlen - at : 90), fast + at,
             (int) (slowlen - at < 90 ? slowlen - at : 90), slow + at);
    fast_why = fast_why_buf;
}


/* A fast writer's text (rc its return) against the dumped document's
 * (NULL: the document path could not write it), with their warnings: 1
 * when they are the same, else 0 with fast_why. */
static int
fast_written_same(int rc, const char *what, const char *fast,
    size_t fastlen, const char *slow, size_t slowlen,
    const llm_warnings_t *wf, const llm_warnings_t *ws)
{
    if (rc != 0) {
        return fast_fail("%s failed (not a decline)", what);
    }

    if (slow == NULL) {
        return fast_fail("%s writes what the document path cannot", what);
    }

    if (fastlen != slowlen || memcmp(fast, slow, slowlen) != 0
        || fast[fastlen] != '\0')
    {
        fast_text_diff(fast, fastlen, slow, slowlen);
        return 0;
    }

    return fast_warnings_eq(wf, ws);
}


/*
 * A request written for upstream both ways with opt: req by the fast
 * writer, doc (the same request, the document path's IR; may be req) by
 * emit_request.  *taken is set to 1 when the fast path took it.  0 when
 * they agree (or the fast path declined), -1 with fast_why when not.
 */
static int
fast_write_compare(llm_dialect_e upstream, const llm_request_t *req,
    const llm_request_t *doc, const llm_options_t *opt, int *taken)
{
    int                 rc, same;
    char               *fast, *slow;
    size_t              fastlen, slowlen;
    json_t             *j;
    llm_arena_t         a, *prev;
    llm_error_t         err;
    llm_warnings_t      wf, ws;
    const llm_codec_t  *c;

    fast_why = NULL;
    *taken = 0;
    c = llm_codec(upstream);
    if (c == NULL || c->write_request == NULL) {
        return 0;
    }

    llm_arena_init(&a, 16384);
    prev = llm_arena_json_use(&a);

    memset(&wf, 0, sizeof(wf));
    memset(&ws, 0, sizeof(ws));
    llm_error_clear(&err);

    fast = NULL;
    fastlen = 0;
    rc = c->write_request(&a, req, opt, &wf, &fast, &fastlen);

    j = llm_arena_keep(&a, c->emit_request(&a, doc, opt, &err, &ws));
    slow = j ? llm_json_dump(&a, j, &slowlen) : NULL;

    llm_arena_json_use(prev);

    if (rc == 1) {
        llm_arena_free(&a);
        return 0;
    }

    *taken = 1;

    if (rc == 0 && slow == NULL) {
        snprintf(fast_why_buf, sizeof(fast_why_buf),
                 "write_request writes what emit_request refuses: %.400s",
                 err.message);
        fast_why = fast_why_buf;
        same = 0;

    } else {
        same = fast_written_same(rc, "write_request", fast, fastlen, slow,
                                 slowlen, &wf, &ws);
    }

    llm_arena_free(&a);
    return same ? 0 : -1;
}

static int
fast_usage_eq(const llm_usage_t *a, const llm_usage_t *b)
{
    return (fast_field_eq(a, b, input_total)
            && fast_field_eq(a, b, cache_read)
            && fast_field_eq(a, b, cache_write)
            && fast_field_eq(a, b, output_total)
            && fast_field_eq(a, b, reasoning)
            && fast_field_eq(a, b, has_input)
            && fast_field_eq(a, b, has_output)
            && fast_field_eq(a, b, has_cache_read)
            && fast_field_eq(a, b, has_cache_write)
            && fast_field_eq(a, b, has_reasoning));
}


static int
fast_response_eq(const llm_response_t *a, const llm_response_t *b)
{
    return fast_str_eq(&a->id, &b->id, "id")
           && fast_str_eq(&a->model, &b->model, "model")
           && fast_field_eq(a, b, created)
           && fast_blocks_eq(a->blocks, a->nblocks, b->blocks, b->nblocks,
                             "output blocks")
           && fast_field_eq(a, b, stop)
           && fast_str_eq(&a->stop_sequence, &b->stop_sequence,
                          "stop_sequence")
           && fast_usage_eq(&a->usage, &b->usage);
}


/*
 * An upstream answer read both ways into arena a (it must outlive *resp).
 * *resp is the document path's IR, *parsed whether parse_response took
 * the answer.  1, 0, -1 as fast_read_compare.
 */
static int
fast_read_response_compare(llm_dialect_e upstream, const char *body,
    size_t len, llm_arena_t *a, llm_response_t *resp, int *parsed)
{
    int                 rc;
    json_t             *j;
    llm_arena_t        *prev;
    llm_error_t         err;
    llm_response_t      fast;
    llm_warnings_t      ws, wf;
    const llm_codec_t  *c;

    fast_why = NULL;
    c = llm_codec(upstream);

    memset(resp, 0, sizeof(*resp));
    memset(&fast, 0, sizeof(fast));
    memset(&ws, 0, sizeof(ws));
    memset(&wf, 0, sizeof(wf));
    llm_error_clear(&err);

    prev = llm_arena_json_use(a);

    j = llm_arena_keep(a, llm_json_loadb(body, len, JSON_REJECT_DUPLICATES,
                                         NULL));
    *parsed = j != NULL && json_is_object(j)
              && c->parse_response(a, j, resp, &err, &ws) == 0;

    rc = c->read_response == NULL
         ? 1 : c->read_response(a, body, len, &fast, &wf);

    llm_arena_json_use(prev);

    if (rc == 1) {
        return 0;
    }

    if (rc != 0) {
        fast_why = "read_response returned neither 0 nor 1";
        return -1;
    }

    if (!*parsed) {
        snprintf(fast_why_buf, sizeof(fast_why_buf),
                 "read_response takes what parse_response refuses: %.400s",
                 err.message);
        fast_why = fast_why_buf;
        return -1;
    }

    if (!fast_response_eq(&fast, resp) || !fast_warnings_eq(&wf, &ws)) {
        return -1;
    }

    return 1;
}


/*
 * resp written for a client of dialect client (its request req) both
 * ways.  *taken, and 0 or -1, as fast_write_compare.
 */
static int
fast_write_response_compare(llm_dialect_e client, const llm_response_t *resp,
    const llm_request_t *req, const llm_options_t *opt, int *taken)
{
    int                 rc, same;
    char               *fast, *slow;
    size_t              fastlen, slowlen;
    json_t             *j;
    llm_arena_t         a, *prev;
    llm_warnings_t      wf, ws;
    const llm_codec_t  *c;

    fast_why = NULL;
    *taken = 0;
    c = llm_codec(client);
    if (c == NULL || c->write_response == NULL) {
        return 0;
    }

    llm_arena_init(&a, 16384);
    prev = llm_arena_json_use(&a);

    memset(&wf, 0, sizeof(wf));
    memset(&ws, 0, sizeof(ws));

    fast = NULL;
    fastlen = 0;
    rc = c->write_response(&a, resp, req, opt, &wf, &fast, &fastlen);

    j = llm_arena_keep(&a, c->emit_response(&a, resp, req, opt, &ws));
    slow = j ? llm_json_dump(&a, j, &slowlen) : NULL;

    llm_arena_json_use(prev);

    if (rc == 1) {
        llm_arena_free(&a);
        return 0;
    }

    *taken = 1;
    same = fast_written_same(rc, "write_response", fast, fastlen, slow,
                             slowlen, &wf, &ws);

    llm_arena_free(&a);
    return same ? 0 : -1;
}

#endif /* FAST_PATHS_H */
