/*
 * The Anthropic Messages reads straight from the bytes into the IR: the
 * answer (the codec's read_response), what llm_anthropic_parse_response
 * makes of the document, and the request (read_request, below), what
 * llm_anthropic_parse_request makes of it; without the document.
 * Anything they are not sure of is declined, and the document's parse
 * decides.
 */

#include <stdint.h>
#include <string.h>

#include "llm_anthropic.h"
#include "llm_anthropic_int.h"
#include "llm_json.h"
#include "llm_json_check.h"
#include "llm_json_pull.h"
#include "llm_map.h"


/* the blocks of one answer taken; more are declined */
#define LLM_ANTHROPIC_READ_BLOCKS  16


/* A string value as it stands in the body: its raw bytes and whether
 * they hold escapes; data NULL when the member is absent or not a
 * string. */
typedef struct {
    llm_str_t          raw;
    int                escaped;
    int                seen;       /* a member of the name read */
} llm_anthropic_read_str_t;

/* The members of a content block that count, read before its type is
 * known (it need not come first). */
typedef struct {
    llm_anthropic_read_str_t  type, text, id, name, thinking, signature,
                              data;
    const unsigned char      *input;     /* the object's bytes */
    const unsigned char      *input_end;
    unsigned                  other;     /* a counted member not a string */
    unsigned                  has_input;
} llm_anthropic_read_block_t;


/* A member's value that must be a string to count: 0 read into s, 0
 * with s left absent when it is of another kind (skipped; *other set
 * when other is not NULL), -1 (also for the member's second time). */
static int
llm_anthropic_read_opt_str(llm_jpull_t *j, llm_anthropic_read_str_t *s,
    unsigned *other)
{
    if (s->seen) {
        return -1;
    }

    s->seen = 1;

    if (llm_jpull_peek(j) == LLM_JPULL_STRING) {
        return llm_jpull_string(j, &s->raw, &s->escaped);
    }

    if (other != NULL) {
        *other = 1;
    }

    return llm_jpull_skip(j);
}


/* s decoded into the arena, or left NULL when absent: 0, or -1. */
static int
llm_anthropic_read_copy(llm_arena_t *a, const llm_anthropic_read_str_t *s,
    llm_str_t *out)
{
    char    *p;
    size_t   len;

    if (s->raw.data == NULL) {
        return 0;
    }

    p = llm_jpull_copy(a, &s->raw, s->escaped, &len);
    if (p == NULL) {
        return -1;
    }

    llm_str_set(out, p, len);
    return 0;
}


/* The type compared with a name of ours (decoded when escaped). */
static int
llm_anthropic_read_is(llm_arena_t *a, const llm_anthropic_read_str_t *s,
    const char *name)
{
    llm_str_t  v;

    v = s->raw;

    if (s->escaped && llm_anthropic_read_copy(a, s, &v) != 0) {
        return 0;
    }

    return v.len == strlen(name) && memcmp(v.data, name, v.len) == 0;
}


/*
 * One content block into b: 0 taken, 1 a type with no IR form (dropped
 * by the parse, with its warning), -1 declined.  The rules are
 * llm_anthropic_block_from_json's, for the values as it would find them;
 * a counted member of another kind than it takes is declined.
 */
static int
llm_anthropic_read_block(llm_arena_t *a, llm_jpull_t *j, llm_block_t *b)
{
    int                          rc;
    size_t                       i;
    json_t                      *input;
    llm_str_t                    k;
    llm_jpull_keys_t             ks;
    llm_anthropic_read_block_t   r;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    memset(&r, 0, sizeof(r));
    llm_jpull_keys_init(&ks);

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {

        if (llm_jpull_key_is(&k, "type")) {
            rc = llm_anthropic_read_opt_str(j, &r.type, &r.other);

        } else if (llm_jpull_key_is(&k, "text")) {
            rc = llm_anthropic_read_opt_str(j, &r.text, &r.other);

        } else if (llm_jpull_key_is(&k, "id")) {
            rc = llm_anthropic_read_opt_str(j, &r.id, &r.other);

        } else if (llm_jpull_key_is(&k, "name")) {
            rc = llm_anthropic_read_opt_str(j, &r.name, &r.other);

        } else if (llm_jpull_key_is(&k, "thinking")) {
            rc = llm_anthropic_read_opt_str(j, &r.thinking, &r.other);

        } else if (llm_jpull_key_is(&k, "signature")) {
            rc = llm_anthropic_read_opt_str(j, &r.signature, &r.other);

        } else if (llm_jpull_key_is(&k, "data")) {
            rc = llm_anthropic_read_opt_str(j, &r.data, &r.other);

        } else if (llm_jpull_key_is(&k, "input")) {
            /* an object (anything else: declined), loaded below */
            if (r.has_input || llm_jpull_peek(j) != LLM_JPULL_OBJECT) {
                return -1;
            }
            r.input = j->p;
            rc = llm_jpull_skip(j);
            r.input_end = j->p;
            r.has_input = 1;

        } else {
            rc = llm_jpull_key_new(&ks, &k) == 0 ? llm_jpull_skip(j) : -1;
        }

        if (rc != 0) {
            return -1;
        }
    }

    /* a member of another kind than a string where one counts: left to
     * the parse, which may refuse it or not (it depends on the type) */
    if (rc != 0 || r.type.raw.data == NULL || r.other) {
        return -1;
    }

    memset(b, 0, sizeof(llm_block_t));

    if (llm_anthropic_read_is(a, &r.type, "text")) {
        b->kind = LLM_BLOCK_TEXT;
        return (r.text.raw.data == NULL
                || llm_anthropic_read_copy(a, &r.text, &b->text) != 0)
               ? -1 : 0;
    }

    if (llm_anthropic_read_is(a, &r.type, "tool_use")) {
        b->kind = LLM_BLOCK_TOOL_CALL;

        if (r.id.raw.data == NULL || r.name.raw.data == NULL
            || llm_anthropic_read_copy(a, &r.id, &b->id) != 0
            || llm_anthropic_read_copy(a, &r.name, &b->name) != 0)
        {
            return -1;
        }

        if (r.has_input) {
            /* the same document the parse borrows, from the same bytes */
            input = llm_json_loadb((const char *) r.input,
                                   (size_t) (r.input_end - r.input),
                                   JSON_REJECT_DUPLICATES, NULL);
            b->args = llm_arena_keep(a, input);
            if (b->args == NULL) {
                return -1;
            }
        }

        return 0;
    }

    if (llm_anthropic_read_is(a, &r.type, "thinking")) {
        b->kind = LLM_BLOCK_REASONING;

        if (r.thinking.raw.data == NULL
            || llm_anthropic_read_copy(a, &r.thinking, &b->text) != 0
            || llm_anthropic_read_copy(a, &r.signature, &b->signature) != 0)
        {
            return -1;
        }

        b->signature_origin = b->signature.len ? LLM_DIALECT_ANTHROPIC
                                               : LLM_DIALECT_NONE;
        return 0;
    }

    if (llm_anthropic_read_is(a, &r.type, "redacted_thinking")) {
        b->kind = LLM_BLOCK_REDACTED_REASONING;
        b->signature_origin = LLM_DIALECT_ANTHROPIC;

        return (r.data.raw.data == NULL
                || llm_anthropic_read_copy(a, &r.data, &b->data) != 0)
               ? -1 : 0;
    }

    /* server tool blocks and future types: no IR form */
    return 1;
}


/* The content array into resp's blocks: 0, or -1 declined. */
static int
llm_anthropic_read_content(llm_arena_t *a, llm_jpull_t *j,
    llm_response_t *resp, llm_warnings_t *w)
{
    int           rc;
    size_t        i, n;
    llm_block_t   blocks[LLM_ANTHROPIC_READ_BLOCKS];

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    n = 0;

    for (i = 0; (rc = llm_jpull_element(j, i)) == 1; i++) {
        if (n == LLM_ANTHROPIC_READ_BLOCKS) {
            return -1;
        }

        rc = llm_anthropic_read_block(a, j, &blocks[n]);
        if (rc < 0) {
            return -1;
        }

        if (rc > 0) {
            llm_warn(w, "content:dropped");
            continue;
        }

        n++;
    }

    if (rc != 0) {
        return -1;
    }

    if (n) {
        resp->blocks = llm_arena_alloc(a, n * sizeof(llm_block_t));
        if (resp->blocks == NULL) {
            return -1;
        }
        memcpy(resp->blocks, blocks, n * sizeof(llm_block_t));
        resp->nblocks = n;
    }

    return 0;
}


/* One usage figure: 0 with the bit of index i set in *known for an
 * integer, 0 for a value of another kind (not a figure, as for the
 * parse), -1 declined (a real, a number beyond int64, the member's
 * second time: its bit in *seen). */
static int
llm_anthropic_read_figure(llm_jpull_t *j, int64_t *v, size_t i,
    unsigned *known, unsigned *seen)
{
    if (*seen & (1u << i)) {
        return -1;
    }

    *seen |= 1u << i;

    if (llm_jpull_peek(j) != LLM_JPULL_NUMBER) {
        return llm_jpull_skip(j);
    }

    if (llm_jpull_int(j, &v[i]) != 0) {
        return -1;
    }

    *known |= 1u << i;
    return 0;
}


/* output_tokens_details: thinking_tokens. */
static int
llm_anthropic_read_details(llm_jpull_t *j, int64_t *v, unsigned *known,
    unsigned *seen)
{
    int               rc;
    size_t            i;
    llm_str_t         k;
    llm_jpull_keys_t  ks;

    if (llm_jpull_peek(j) != LLM_JPULL_OBJECT) {
        return llm_jpull_skip(j);
    }

    j->p++;
    llm_jpull_keys_init(&ks);

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "thinking_tokens")) {
            rc = llm_anthropic_read_figure(j, v,
                                           LLM_USAGE_ANTHROPIC_THINKING,
                                           known, seen);

        } else {
            rc = llm_jpull_key_new(&ks, &k) == 0 ? llm_jpull_skip(j) : -1;
        }

        if (rc != 0) {
            return -1;
        }
    }

    return rc;
}


/* The usage object (anything else: no usage, as for the parse). */
static int
llm_anthropic_read_usage(llm_jpull_t *j, llm_usage_t *u)
{
    int               rc;
    size_t            i;
    int64_t           v[LLM_USAGE_ANTHROPIC_N];
    unsigned          known, seen;
    llm_str_t         k;
    llm_jpull_keys_t  ks;

    if (llm_jpull_peek(j) != LLM_JPULL_OBJECT) {
        return llm_jpull_skip(j);
    }

    j->p++;
    known = 0;
    seen = 0;
    llm_jpull_keys_init(&ks);

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {

        if (llm_jpull_key_is(&k, "input_tokens")) {
            rc = llm_anthropic_read_figure(j, v, LLM_USAGE_ANTHROPIC_INPUT,
                                           &known, &seen);

        } else if (llm_jpull_key_is(&k, "output_tokens")) {
            rc = llm_anthropic_read_figure(j, v, LLM_USAGE_ANTHROPIC_OUTPUT,
                                           &known, &seen);

        } else if (llm_jpull_key_is(&k, "cache_read_input_tokens")) {
            rc = llm_anthropic_read_figure(j, v,
                                           LLM_USAGE_ANTHROPIC_CACHE_READ,
                                           &known, &seen);

        } else if (llm_jpull_key_is(&k, "cache_creation_input_tokens")) {
            rc = llm_anthropic_read_figure(j, v,
                                           LLM_USAGE_ANTHROPIC_CACHE_WRITE,
                                           &known, &seen);

        } else if (llm_jpull_key_is(&k, "output_tokens_details")) {
            /* its bit: the one past the figures' */
            if (seen & (1u << LLM_USAGE_ANTHROPIC_N)) {
                return -1;
            }
            seen |= 1u << LLM_USAGE_ANTHROPIC_N;
            rc = llm_anthropic_read_details(j, v, &known, &seen);

        } else {
            rc = llm_jpull_key_new(&ks, &k) == 0 ? llm_jpull_skip(j) : -1;
        }

        if (rc != 0) {
            return -1;
        }
    }

    if (rc != 0) {
        return -1;
    }

    llm_usage_anthropic(u, v, known);
    return 0;
}


int
llm_anthropic_read_response(llm_arena_t *a, const char *body, size_t len,
    llm_response_t *resp, llm_warnings_t *w)
{
    int                        rc, content, usage;
    char                      *stop;
    size_t                     i, n;
    llm_str_t                  k;
    llm_jpull_t                j;
    llm_jpull_keys_t           ks;
    llm_anthropic_read_str_t   type, id, model, reason, seq;

    llm_jpull_init(&j, body, len);

    if (llm_jpull_open(&j, '{') != 0) {
        return 1;
    }

    memset(&type, 0, sizeof(type));
    memset(&id, 0, sizeof(id));
    memset(&model, 0, sizeof(model));
    memset(&reason, 0, sizeof(reason));
    memset(&seq, 0, sizeof(seq));
    content = 0;
    usage = 0;
    llm_jpull_keys_init(&ks);

    for (i = 0; (rc = llm_jpull_member(&j, i, &k)) == 1; i++) {

        if (llm_jpull_key_is(&k, "content")) {
            rc = content ? -1 : llm_anthropic_read_content(a, &j, resp, w);
            content = 1;

        } else if (llm_jpull_key_is(&k, "type")) {
            rc = llm_anthropic_read_opt_str(&j, &type, NULL);

        } else if (llm_jpull_key_is(&k, "id")) {
            rc = llm_anthropic_read_opt_str(&j, &id, NULL);

        } else if (llm_jpull_key_is(&k, "model")) {
            rc = llm_anthropic_read_opt_str(&j, &model, NULL);

        } else if (llm_jpull_key_is(&k, "stop_reason")) {
            rc = llm_anthropic_read_opt_str(&j, &reason, NULL);

        } else if (llm_jpull_key_is(&k, "stop_sequence")) {
            rc = llm_anthropic_read_opt_str(&j, &seq, NULL);

        } else if (llm_jpull_key_is(&k, "usage")) {
            rc = usage ? -1 : llm_anthropic_read_usage(&j, &resp->usage);
            usage = 1;

        } else {
            rc = llm_jpull_key_new(&ks, &k) == 0 ? llm_jpull_skip(&j) : -1;
        }

        if (rc != 0) {
            return 1;
        }
    }

    if (rc != 0 || llm_jpull_end(&j) != 0 || !content
        || (type.raw.data != NULL
            && !llm_anthropic_read_is(a, &type, "message")))
    {
        return 1;
    }

    if (llm_anthropic_read_copy(a, &id, &resp->id) != 0
        || llm_anthropic_read_copy(a, &model, &resp->model) != 0
        || llm_anthropic_read_copy(a, &seq, &resp->stop_sequence) != 0)
    {
        return 1;
    }

    stop = NULL;
    if (reason.raw.data != NULL) {
        stop = llm_jpull_copy(a, &reason.raw, reason.escaped, &n);
        if (stop == NULL) {
            return 1;
        }
    }

    resp->stop = llm_stop_from_anthropic(stop);

    return 0;
}


/*
 * The Messages request read straight from the bytes (the codec's
 * read_request): the IR llm_anthropic_parse_request builds, for the
 * shapes most requests have: a system prompt (a string or text blocks),
 * user and assistant turns of a string or blocks (text, image,
 * tool_use, tool_result with a string or blocks, thinking,
 * redacted_thinking; the types the parse drops, dropped with its
 * warning), tools (server tools dropped as the parse drops them),
 * tool_choice, thinking, output_config (effort, format), output_format,
 * metadata.user_id, stop_sequences, the sampling fields, stream, and
 * the fields nothing translates (checked as llm_anthropic_check_field
 * checks them).
 *
 * Declined (1: the parse decides, and says what is wrong): anything the
 * parse refuses, escaped keys and types, a repeated key, integral reals
 * where an integer goes (max_tokens, top_k, a thinking budget), a
 * member the parse reads as a string (text, id, name ...) or a boolean
 * (is_error) of another kind on any block, a tool's type not a string,
 * a tool_choice's name not a string, more members in an object than
 * the pull reader keeps, JSON nested deeper than it goes where the read
 * skips it.
 *
 * Strings are decoded into the arena, NUL-terminated.  A tool's
 * input_schema and a tool_use's input written as the writer would write
 * them are kept as their text (llm_ir.h, deferred values); other ones
 * are built by the document's reader from their bytes.  The rules that
 * turn values into the IR are the parse's (llm_anthropic_int.h).
 */


/* a block's kinds, as its type names them (nested: inside a
 * tool_result, where only text and images count) */
typedef enum {
    LLM_ANTHROPIC_RQ_NONE = 0,          /* no type read yet */
    LLM_ANTHROPIC_RQ_TEXT,
    LLM_ANTHROPIC_RQ_IMAGE,
    LLM_ANTHROPIC_RQ_TOOL_USE,
    LLM_ANTHROPIC_RQ_TOOL_RESULT,
    LLM_ANTHROPIC_RQ_THINKING,
    LLM_ANTHROPIC_RQ_REDACTED,
    LLM_ANTHROPIC_RQ_DROPPED            /* no IR form: the parse drops it */
} llm_anthropic_rq_kind_e;


/* The members of a request block that count, read before its type is
 * known (it need not come first): strings as they stand; the values of
 * input, source and content where they begin, when met before the
 * type. */
typedef struct {
    llm_anthropic_read_str_t   type, text, id, name, tool_use_id,
                               thinking, signature, data;
    unsigned                   other;       /* a counted string not one */
    int                        is_error;    /* -1 absent or null */
    unsigned                   input:1;     /* read (now or later) */
    unsigned                   source:1;
    unsigned                   image_file;  /* a Files API image */
    const unsigned char       *at_input, *at_source, *at_content;
} llm_anthropic_rq_block_t;


static int llm_anthropic_rq_content(llm_arena_t *a, llm_jpull_t *j,
    int nested, llm_block_t **blocks, size_t *nblocks, size_t *nelts,
    llm_warnings_t *w);


/* A member the caller does not read, checked as JSON only (a repeat of
 * its key refused, as JSON_REJECT_DUPLICATES does): 0 or -1. */
static int
llm_anthropic_rq_other(llm_jpull_t *j, size_t i, const llm_str_t *k,
    llm_jpull_keys_t *ks)
{
    if (i >= LLM_JPULL_KEYS || llm_jpull_key_new(ks, k) != 0) {
        return -1;
    }

    return llm_jpull_skip(j);
}


/*
 * An object the IR keeps (a tool's input_schema, a tool_use's input):
 * its text, when it is what the writer would write for it (llm_ir.h,
 * deferred values: *text set), else its document, built by the reader
 * that loads the body from its bytes as deep in it as depth values
 * enclosing it.  0 or -1 (also for a value not an object).
 */
static int
llm_anthropic_rq_object(llm_arena_t *a, llm_jpull_t *j, int depth,
    llm_str_t *text, int *typed, json_t **out)
{
    char                  *p;
    size_t                 n;
    llm_json_canonical_t   info;

    if (llm_jpull_peek(j) != LLM_JPULL_OBJECT) {
        return -1;
    }

    n = llm_json_canonical_object((const char *) j->p,
                                  (size_t) (j->end - j->p), &info);
    if (n) {
        p = llm_arena_alloc(a, n + 1);
        if (p == NULL) {
            return -1;
        }

        memcpy(p, j->p, n);
        p[n] = '\0';
        llm_str_set(text, p, n);
        *typed = info.has_type;
        j->p += n;
        return 0;
    }

    return llm_jpull_load_object(a, j, depth, out);
}


/* A tool_use's input (an object: body, messages, a message, its
 * content and the block around it). */
static int
llm_anthropic_rq_input(llm_arena_t *a, llm_jpull_t *j, llm_block_t *b)
{
    int  typed;

    if (llm_anthropic_rq_object(a, j, 5, &b->args_json, &typed, &b->args)
        != 0)
    {
        return -1;
    }

    if (b->args == NULL) {
        b->args_deferred = 1;
        b->args_text_only = 1;
    }

    return 0;
}


/*
 * An image's source (llm_anthropic_parse_image): base64 with a media
 * type the API takes and data, or a URL; a Files API image is dropped
 * (*file).  Other members ignored; one of the counted ones not a
 * string is declined.
 */
static int
llm_anthropic_rq_source(llm_arena_t *a, llm_jpull_t *j, llm_block_t *b,
    unsigned *file)
{
    int                        rc;
    size_t                     i;
    unsigned                   other;
    llm_str_t                  k;
    llm_jpull_keys_t           ks;
    llm_anthropic_read_str_t   type, media_type, data, url;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    memset(&type, 0, sizeof(type));
    memset(&media_type, 0, sizeof(media_type));
    memset(&data, 0, sizeof(data));
    memset(&url, 0, sizeof(url));
    other = 0;
    llm_jpull_keys_init(&ks);

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "type")) {
            rc = llm_anthropic_read_opt_str(j, &type, &other);

        } else if (llm_jpull_key_is(&k, "media_type")) {
            rc = llm_anthropic_read_opt_str(j, &media_type, &other);

        } else if (llm_jpull_key_is(&k, "data")) {
            rc = llm_anthropic_read_opt_str(j, &data, &other);

        } else if (llm_jpull_key_is(&k, "url")) {
            rc = llm_anthropic_read_opt_str(j, &url, &other);

        } else {
            rc = llm_anthropic_rq_other(j, i, &k, &ks);
        }

        if (rc != 0) {
            return -1;
        }
    }

    if (rc != 0 || other || type.raw.data == NULL || type.escaped) {
        return -1;
    }

    b->kind = LLM_BLOCK_IMAGE;

    if (llm_jpull_key_is(&type.raw, "base64")) {
        return (media_type.raw.data == NULL || data.raw.data == NULL
                || llm_anthropic_read_copy(a, &media_type, &b->media_type)
                   != 0
                || llm_anthropic_read_copy(a, &data, &b->data) != 0
                || !llm_anthropic_image_type_ok(&b->media_type))
               ? -1 : 0;
    }

    if (llm_jpull_key_is(&type.raw, "url")) {
        return (url.raw.data == NULL
                || llm_anthropic_read_copy(a, &url, &b->url) != 0)
               ? -1 : 0;
    }

    if (llm_jpull_key_is(&type.raw, "file")) {
        *file = 1;
        return 0;
    }

    return -1;
}


/* A block's kind from its type (plain), as llm_anthropic_parse_block
 * tells them. */
static llm_anthropic_rq_kind_e
llm_anthropic_rq_kind(const llm_str_t *t, int nested)
{
    if (llm_jpull_key_is(t, "text")) {
        return LLM_ANTHROPIC_RQ_TEXT;
    }

    if (llm_jpull_key_is(t, "image")) {
        return LLM_ANTHROPIC_RQ_IMAGE;
    }

    if (nested) {
        return LLM_ANTHROPIC_RQ_DROPPED;
    }

    return llm_jpull_key_is(t, "tool_use") ? LLM_ANTHROPIC_RQ_TOOL_USE
           : llm_jpull_key_is(t, "tool_result") ? LLM_ANTHROPIC_RQ_TOOL_RESULT
           : llm_jpull_key_is(t, "thinking") ? LLM_ANTHROPIC_RQ_THINKING
           : llm_jpull_key_is(t, "redacted_thinking")
             ? LLM_ANTHROPIC_RQ_REDACTED
           : LLM_ANTHROPIC_RQ_DROPPED;
}


/* One of a block's structured members (input, source, content: which
 * names it) read for a block of kind k, or skipped when that kind does
 * not read it. */
static int
llm_anthropic_rq_value(llm_arena_t *a, llm_jpull_t *j, int which,
    llm_anthropic_rq_kind_e k, llm_anthropic_rq_block_t *r, llm_block_t *b,
    llm_warnings_t *w)
{
    size_t  n;

    switch (which) {

    case 'i':
        if (k != LLM_ANTHROPIC_RQ_TOOL_USE) {
            break;
        }
        r->input = 1;
        return llm_anthropic_rq_input(a, j, b);

    case 's':
        if (k != LLM_ANTHROPIC_RQ_IMAGE) {
            break;
        }
        r->source = 1;
        return llm_anthropic_rq_source(a, j, b, &r->image_file);

    default:                            /* 'c' */
        if (k != LLM_ANTHROPIC_RQ_TOOL_RESULT) {
            break;
        }
        /* null is no content */
        if (llm_jpull_null(j)) {
            return 0;
        }
        return llm_anthropic_rq_content(a, j, 1, &b->content, &b->ncontent,
                                        &n, w);
    }

    return llm_jpull_skip(j);
}


/*
 * One request content block into b (zeroed): 0 taken, 1 dropped (the
 * parse's warning given), -1 declined.  The rules are
 * llm_anthropic_parse_block's.
 */
static int
llm_anthropic_rq_block(llm_arena_t *a, llm_jpull_t *j, int nested,
    llm_block_t *b, llm_warnings_t *w)
{
    int                        rc, which;
    size_t                     i;
    llm_str_t                  k;
    llm_jpull_t                v;
    llm_jpull_keys_t           ks;
    const unsigned char      **at;
    llm_anthropic_rq_kind_e    kind;
    llm_anthropic_rq_block_t   r;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    memset(&r, 0, sizeof(r));
    r.is_error = -1;
    kind = LLM_ANTHROPIC_RQ_NONE;
    llm_jpull_keys_init(&ks);

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        which = 0;
        at = NULL;

        switch (k.len) {
        case 2:
            if (llm_jpull_key_is(&k, "id")) {
                rc = llm_anthropic_read_opt_str(j, &r.id, &r.other);
                goto next;
            }
            break;
        case 4:
            if (llm_jpull_key_is(&k, "type")) {
                if (r.type.seen || llm_jpull_plain(j, &r.type.raw) != 0) {
                    return -1;
                }
                r.type.seen = 1;
                kind = llm_anthropic_rq_kind(&r.type.raw, nested);
                rc = 0;
                goto next;
            }
            if (llm_jpull_key_is(&k, "text")) {
                rc = llm_anthropic_read_opt_str(j, &r.text, &r.other);
                goto next;
            }
            if (llm_jpull_key_is(&k, "name")) {
                rc = llm_anthropic_read_opt_str(j, &r.name, &r.other);
                goto next;
            }
            if (llm_jpull_key_is(&k, "data")) {
                rc = llm_anthropic_read_opt_str(j, &r.data, &r.other);
                goto next;
            }
            break;
        case 5:
            if (llm_jpull_key_is(&k, "input")) {
                which = 'i';
                at = &r.at_input;
            }
            break;
        case 6:
            if (llm_jpull_key_is(&k, "source")) {
                which = 's';
                at = &r.at_source;
            }
            break;
        case 7:
            if (llm_jpull_key_is(&k, "content")) {
                which = 'c';
                at = &r.at_content;
            }
            break;
        case 8:
            if (llm_jpull_key_is(&k, "thinking")) {
                rc = llm_anthropic_read_opt_str(j, &r.thinking, &r.other);
                goto next;
            }
            if (llm_jpull_key_is(&k, "is_error")) {
                /* null is as good as absent */
                if (r.is_error != -1 || i >= LLM_JPULL_KEYS
                    || llm_jpull_key_new(&ks, &k) != 0)
                {
                    return -1;
                }
                rc = llm_jpull_null(j) ? 0 : llm_jpull_bool(j, &r.is_error);
                goto next;
            }
            break;
        case 9:
            if (llm_jpull_key_is(&k, "signature")) {
                rc = llm_anthropic_read_opt_str(j, &r.signature, &r.other);
                goto next;
            }
            break;
        case 11:
            if (llm_jpull_key_is(&k, "tool_use_id")) {
                rc = llm_anthropic_read_opt_str(j, &r.tool_use_id, &r.other);
                goto next;
            }
            break;
        }

        if (which == 0) {
            rc = llm_anthropic_rq_other(j, i, &k, &ks);
            goto next;
        }

        /* input, source, content: read now when the type is known, else
         * where they begin noted, and read once it is */
        if (i >= LLM_JPULL_KEYS || llm_jpull_key_new(&ks, &k) != 0) {
            return -1;
        }

        if (kind != LLM_ANTHROPIC_RQ_NONE) {
            rc = llm_anthropic_rq_value(a, j, which, kind, &r, b, w);

        } else if (at != NULL) {
            *at = (llm_jpull_peek(j) != 0) ? j->p : NULL;
            rc = llm_jpull_skip(j);
        }

    next:

        if (rc != 0) {
            return -1;
        }
    }

    if (rc != 0 || kind == LLM_ANTHROPIC_RQ_NONE || r.other) {
        return -1;
    }

    if (r.at_input != NULL) {
        llm_jpull_at(&v, j, r.at_input);
        if (llm_anthropic_rq_value(a, &v, 'i', kind, &r, b, w) != 0) {
            return -1;
        }
    }

    if (r.at_source != NULL) {
        llm_jpull_at(&v, j, r.at_source);
        if (llm_anthropic_rq_value(a, &v, 's', kind, &r, b, w) != 0) {
            return -1;
        }
    }

    if (r.at_content != NULL) {
        llm_jpull_at(&v, j, r.at_content);
        if (llm_anthropic_rq_value(a, &v, 'c', kind, &r, b, w) != 0) {
            return -1;
        }
    }

    switch (kind) {

    case LLM_ANTHROPIC_RQ_TEXT:
        b->kind = LLM_BLOCK_TEXT;
        return (r.text.raw.data == NULL
                || llm_anthropic_read_copy(a, &r.text, &b->text) != 0)
               ? -1 : 0;

    case LLM_ANTHROPIC_RQ_IMAGE:
        if (!r.source) {
            return -1;
        }
        if (r.image_file) {
            /* a Files API id means nothing to another provider */
            llm_warn(w, "image:dropped");
            return 1;
        }
        return 0;

    case LLM_ANTHROPIC_RQ_TOOL_USE:
        b->kind = LLM_BLOCK_TOOL_CALL;
        return (!r.input || r.id.raw.data == NULL || r.name.raw.data == NULL
                || llm_anthropic_read_copy(a, &r.id, &b->id) != 0
                || llm_anthropic_read_copy(a, &r.name, &b->name) != 0)
               ? -1 : 0;

    case LLM_ANTHROPIC_RQ_TOOL_RESULT:
        b->kind = LLM_BLOCK_TOOL_RESULT;
        b->is_error = (r.is_error == 1);
        return (r.tool_use_id.raw.data == NULL
                || llm_anthropic_read_copy(a, &r.tool_use_id, &b->call_id)
                   != 0)
               ? -1 : 0;

    case LLM_ANTHROPIC_RQ_THINKING:
        b->kind = LLM_BLOCK_REASONING;
        if (r.thinking.raw.data == NULL || r.signature.raw.data == NULL
            || llm_anthropic_read_copy(a, &r.thinking, &b->text) != 0
            || llm_anthropic_read_copy(a, &r.signature, &b->signature) != 0)
        {
            return -1;
        }
        llm_anthropic_unwrap_signature(&b->signature, &b->signature_origin);
        return 0;

    case LLM_ANTHROPIC_RQ_REDACTED:
        b->kind = LLM_BLOCK_REDACTED_REASONING;
        if (r.data.raw.data == NULL
            || llm_anthropic_read_copy(a, &r.data, &b->data) != 0)
        {
            return -1;
        }
        llm_anthropic_unwrap_signature(&b->data, &b->signature_origin);
        return 0;

    default:
        /* inside a tool result, whatever its type */
        llm_warn(w, nested ? "content:dropped"
                           : llm_anthropic_dropped(r.type.raw.data,
                                                   r.type.raw.len));
        return 1;
    }
}


/*
 * Content (llm_anthropic_parse_content): a string (one TEXT block), or
 * an array of blocks, those the parse drops left out; *nelts the
 * array's elements.
 */
static int
llm_anthropic_rq_content(llm_arena_t *a, llm_jpull_t *j, int nested,
    llm_block_t **blocks, size_t *nblocks, size_t *nelts,
    llm_warnings_t *w)
{
    int           rc;
    size_t        i, n, cap;
    llm_block_t  *out;

    *nelts = 0;

    if (llm_jpull_peek(j) == LLM_JPULL_STRING) {
        out = llm_arena_calloc(a, 1, sizeof(llm_block_t));
        if (out == NULL || llm_jpull_read_string(a, j, &out->text) != 0) {
            return -1;
        }
        out->kind = LLM_BLOCK_TEXT;
        *blocks = out;
        *nblocks = 1;
        *nelts = 1;
        return 0;
    }

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    out = NULL;
    n = 0;
    cap = 0;

    for (i = 0; (rc = llm_jpull_element(j, i)) == 1; i++) {
        if (llm_arena_room(a, (void **) &out, n, &cap, 2,
                           sizeof(llm_block_t))
            != 0)
        {
            return -1;
        }

        rc = llm_anthropic_rq_block(a, j, nested, &out[n], w);
        if (rc < 0) {
            return -1;
        }

        if (rc > 0) {
            memset(&out[n], 0, sizeof(llm_block_t));
            continue;
        }

        n++;
    }

    if (rc != 0) {
        return -1;
    }

    *blocks = out;
    *nblocks = n;
    *nelts = i;
    return 0;
}


/* One message (llm_anthropic_parse_messages' loop): a role, user or
 * assistant, and content; other members ignored.  *empty: its content
 * is an empty array. */
static int
llm_anthropic_rq_message(llm_arena_t *a, llm_jpull_t *j, llm_message_t *m,
    int *empty, llm_warnings_t *w)
{
    int               rc, content;
    size_t            i, nelts;
    llm_str_t         k, role;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    llm_jpull_keys_init(&ks);
    llm_str_set(&role, NULL, 0);
    content = 0;
    nelts = 0;

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "role")) {
            rc = (role.data == NULL) ? llm_jpull_plain(j, &role) : -1;

        } else if (llm_jpull_key_is(&k, "content")) {
            rc = content ? -1
                         : llm_anthropic_rq_content(a, j, 0, &m->blocks,
                                                    &m->nblocks, &nelts, w);
            content = 1;

        } else {
            rc = llm_anthropic_rq_other(j, i, &k, &ks);
        }

        if (rc != 0) {
            return -1;
        }
    }

    if (rc != 0 || !content || role.data == NULL) {
        return -1;
    }

    if (llm_jpull_key_is(&role, "user")) {
        m->role = LLM_ROLE_USER;

    } else if (llm_jpull_key_is(&role, "assistant")) {
        m->role = LLM_ROLE_ASSISTANT;

    } else {
        return -1;
    }

    *empty = (nelts == 0);             /* an empty array */
    return 0;
}


/* messages (llm_anthropic_parse_messages): not empty; an empty content
 * array only on a last assistant turn. */
static int
llm_anthropic_rq_messages(llm_arena_t *a, llm_jpull_t *j,
    llm_request_t *req, llm_warnings_t *w)
{
    int             rc, empty;
    size_t          n, cap, last_empty;
    llm_message_t  *m;

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    cap = 0;
    last_empty = 0;                     /* 1 + the index of one */

    for (n = 0; (rc = llm_jpull_element(j, n)) == 1; n++) {
        if (last_empty
            || llm_arena_room(a, (void **) &req->messages, n, &cap, 8,
                              sizeof(llm_message_t))
               != 0)
        {
            return -1;
        }

        m = &req->messages[n];

        if (llm_anthropic_rq_message(a, j, m, &empty, w) != 0) {
            return -1;
        }

        if (empty) {
            if (m->role != LLM_ROLE_ASSISTANT) {
                return -1;
            }
            last_empty = n + 1;
        }
    }

    if (rc != 0 || n == 0) {
        return -1;
    }

    req->nmessages = n;
    return 0;
}


/* system (llm_anthropic_parse_system): a string (none when empty), or
 * text blocks, one system message each; other members ignored. */
static int
llm_anthropic_rq_system(llm_arena_t *a, llm_jpull_t *j, llm_request_t *req)
{
    int                        rc;
    size_t                     n, i, cap;
    unsigned                   other;
    llm_str_t                  k, text;
    llm_block_t               *b;
    llm_message_t             *m;
    llm_jpull_keys_t           ks;
    llm_anthropic_read_str_t   type, t;

    if (llm_jpull_peek(j) == LLM_JPULL_STRING) {
        if (llm_jpull_read_string(a, j, &text) != 0) {
            return -1;
        }

        if (text.len == 0) {
            return 0;
        }

        req->system = llm_arena_calloc(a, 1, sizeof(llm_message_t));
        b = llm_arena_calloc(a, 1, sizeof(llm_block_t));
        if (req->system == NULL || b == NULL) {
            return -1;
        }

        b->kind = LLM_BLOCK_TEXT;
        b->text = text;
        req->system[0].role = LLM_ROLE_SYSTEM;
        req->system[0].blocks = b;
        req->system[0].nblocks = 1;
        req->nsystem = 1;
        return 0;
    }

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    cap = 0;

    for (n = 0; (rc = llm_jpull_element(j, n)) == 1; n++) {
        if (llm_jpull_open(j, '{') != 0
            || llm_arena_room(a, (void **) &req->system, n, &cap, 8,
                              sizeof(llm_message_t))
               != 0)
        {
            return -1;
        }

        memset(&type, 0, sizeof(type));
        memset(&t, 0, sizeof(t));
        other = 0;
        llm_jpull_keys_init(&ks);

        for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
            if (llm_jpull_key_is(&k, "type")) {
                rc = llm_anthropic_read_opt_str(j, &type, &other);

            } else if (llm_jpull_key_is(&k, "text")) {
                rc = llm_anthropic_read_opt_str(j, &t, &other);

            } else {
                rc = llm_anthropic_rq_other(j, i, &k, &ks);
            }

            if (rc != 0) {
                return -1;
            }
        }

        if (rc != 0 || other || type.raw.data == NULL || type.escaped
            || !llm_jpull_key_is(&type.raw, "text") || t.raw.data == NULL)
        {
            return -1;
        }

        b = llm_arena_calloc(a, 1, sizeof(llm_block_t));
        if (b == NULL || llm_anthropic_read_copy(a, &t, &b->text) != 0) {
            return -1;
        }

        b->kind = LLM_BLOCK_TEXT;
        m = &req->system[n];
        m->role = LLM_ROLE_SYSTEM;
        m->blocks = b;
        m->nblocks = 1;
    }

    if (rc != 0) {
        return -1;
    }

    req->nsystem = n;
    return 0;
}


/*
 * tools (llm_anthropic_parse_tools): client tools, named, with an
 * input_schema object, a description and strict when not null; server
 * tools (a type other than "custom", which may come last) dropped
 * unread, counted in *dropped.  A type not a string is declined.
 */
static int
llm_anthropic_rq_tools(llm_arena_t *a, llm_jpull_t *j, llm_request_t *req,
    size_t *dropped)
{
    int                        rc, typed, strict, bad;
    size_t                     n, i, cap;
    unsigned                   other;
    llm_str_t                  k;
    llm_tool_t                *t;
    llm_jpull_keys_t           ks;
    llm_anthropic_read_str_t   type, name, desc;

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    cap = 0;

    for (n = 0; (rc = llm_jpull_element(j, n)) == 1; n++) {
        if (llm_jpull_open(j, '{') != 0
            || llm_arena_room(a, (void **) &req->tools, req->ntools,
                              &cap, 8, sizeof(llm_tool_t))
               != 0)
        {
            return -1;
        }

        t = &req->tools[req->ntools];
        memset(t, 0, sizeof(llm_tool_t));
        memset(&type, 0, sizeof(type));
        memset(&name, 0, sizeof(name));
        memset(&desc, 0, sizeof(desc));
        other = 0;
        strict = 0;
        typed = 0;
        bad = 0;                        /* 1 input_schema: read, 2 bad */
        llm_jpull_keys_init(&ks);

        for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
            if (llm_jpull_key_is(&k, "type")) {
                if (type.seen) {
                    return -1;
                }
                type.seen = 1;
                /* null is as good as absent; other kinds: the parse */
                rc = llm_jpull_null(j) ? 0 : llm_jpull_plain(j, &type.raw);

            } else if (llm_jpull_key_is(&k, "name")) {
                rc = llm_anthropic_read_opt_str(j, &name, &other);

            } else if (llm_jpull_key_is(&k, "description")) {
                rc = llm_jpull_null(j)
                     ? (desc.seen++ ? -1 : 0)
                     : llm_anthropic_read_opt_str(j, &desc, &other);

            } else if (llm_jpull_key_is(&k, "input_schema")) {
                if (bad || i >= LLM_JPULL_KEYS) {
                    return -1;
                }
                /* body, tools and the tool around it */
                bad = llm_jpull_peek(j) == LLM_JPULL_OBJECT ? 1 : 2;
                rc = (bad == 1)
                     ? llm_anthropic_rq_object(a, j, 3, &t->schema_json,
                                               &typed, &t->schema)
                     : llm_jpull_skip(j);
                if (rc == 0 && bad == 1 && t->schema == NULL) {
                    t->schema_typed = typed ? 1 : 0;
                }

            } else if (llm_jpull_key_is(&k, "strict")) {
                rc = (i < LLM_JPULL_KEYS && llm_jpull_key_new(&ks, &k) == 0)
                     ? llm_jpull_opt_bool(j, &strict) : -1;

            } else {
                rc = llm_anthropic_rq_other(j, i, &k, &ks);
            }

            if (rc != 0) {
                return -1;
            }
        }

        if (rc != 0) {
            return -1;
        }

        if (!llm_anthropic_tool_kept(type.raw.data, type.raw.len)) {
            (*dropped)++;
            continue;
        }

        /* what the parse requires of a client tool */
        if (other || bad != 1 || name.raw.data == NULL
            || llm_anthropic_read_copy(a, &name, &t->name) != 0
            || llm_anthropic_read_copy(a, &desc, &t->description) != 0)
        {
            return -1;
        }

        t->strict = strict ? 1 : 0;
        req->ntools++;
    }

    return rc;
}


/* tools, found in the memo (llm_ir.h, deferred tools) or read; read
 * with no server tool dropped (no warning), they are the writers' to
 * keep */
static int
llm_anthropic_rq_tools_once(llm_arena_t *a, llm_jpull_t *j,
    llm_request_t *req, size_t *dropped)
{
    int                   rc;
    size_t                n, before;
    const unsigned char  *start;

    if (llm_jpull_peek(j) != LLM_JPULL_ARRAY) {
        return llm_anthropic_rq_tools(a, j, req, dropped);   /* refused */
    }

    start = j->p;

    rc = llm_request_tools_recall(a, req, LLM_DIALECT_ANTHROPIC,
                                  (const char *) start,
                                  (size_t) (j->end - start), &n);
    if (rc != 0) {
        j->p += (rc == 1) ? n : 0;
        return rc == 1 ? 0 : -1;
    }

    before = *dropped;

    rc = llm_anthropic_rq_tools(a, j, req, dropped);

    if (rc == 0 && *dropped == before) {
        llm_request_tools_read(req, LLM_DIALECT_ANTHROPIC,
                               (const char *) start,
                               (size_t) (j->p - start));
    }

    return rc;
}


int
llm_anthropic_read_tools(llm_arena_t *a, llm_request_t *req)
{
    size_t       dropped;
    llm_jpull_t  j;

    dropped = 0;
    llm_jpull_init(&j, req->tools_src.data, req->tools_src.len);

    return (llm_anthropic_rq_tools(a, &j, req, &dropped) == 0
            && dropped == 0 && llm_jpull_peek(&j) == 0 && j.p == j.end)
           ? 0 : -1;
}


/* tool_choice (llm_anthropic_parse_tool_choice): a type, a name for
 * "tool", disable_parallel_tool_use a boolean when not null; other
 * members ignored. */
static int
llm_anthropic_rq_tool_choice(llm_arena_t *a, llm_jpull_t *j,
    llm_request_t *req)
{
    int                        rc, dp;
    size_t                     i;
    unsigned                   other;
    llm_str_t                  k;
    llm_jpull_keys_t           ks;
    llm_anthropic_read_str_t   type, name;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    memset(&type, 0, sizeof(type));
    memset(&name, 0, sizeof(name));
    other = 0;
    dp = -1;
    llm_jpull_keys_init(&ks);

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "type")) {
            rc = (type.seen++ == 0) ? llm_jpull_plain(j, &type.raw) : -1;

        } else if (llm_jpull_key_is(&k, "name")) {
            /* counts only for "tool": another kind is left to the parse */
            rc = llm_anthropic_read_opt_str(j, &name, &other);

        } else if (llm_jpull_key_is(&k, "disable_parallel_tool_use")) {
            rc = (i < LLM_JPULL_KEYS && llm_jpull_key_new(&ks, &k) == 0)
                 ? llm_jpull_opt_bool(j, &dp) : -1;

        } else {
            rc = llm_anthropic_rq_other(j, i, &k, &ks);
        }

        if (rc != 0) {
            return -1;
        }
    }

    if (rc != 0 || other || type.raw.data == NULL) {
        return -1;
    }

    req->tool_choice = llm_anthropic_choice_type(type.raw.data,
                                                 type.raw.len);

    if (req->tool_choice == LLM_TOOL_CHOICE_UNSET
        || (req->tool_choice == LLM_TOOL_CHOICE_NAMED
            && (name.raw.data == NULL
                || llm_anthropic_read_copy(a, &name, &req->tool_choice_name)
                   != 0)))
    {
        return -1;
    }

    if (dp != -1) {
        req->parallel_tool_calls = dp ? 0 : 1;
    }

    return 0;
}


/* thinking (llm_anthropic_parse_thinking): a type; for "enabled" an
 * integer budget_tokens of at least the least budget.  Other members
 * ignored; a budget not an integer is declined. */
static int
llm_anthropic_rq_thinking(llm_jpull_t *j, llm_request_t *req)
{
    int                        rc, has_budget;
    size_t                     i;
    int64_t                    budget;
    llm_str_t                  k;
    llm_thinking_e             mode;
    llm_jpull_keys_t           ks;
    llm_anthropic_read_str_t   type;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    memset(&type, 0, sizeof(type));
    has_budget = 0;
    budget = 0;
    llm_jpull_keys_init(&ks);

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "type")) {
            rc = (type.seen++ == 0) ? llm_jpull_plain(j, &type.raw) : -1;

        } else if (llm_jpull_key_is(&k, "budget_tokens")) {
            rc = (has_budget++ == 0) ? llm_jpull_int(j, &budget) : -1;

        } else {
            rc = llm_anthropic_rq_other(j, i, &k, &ks);
        }

        if (rc != 0) {
            return -1;
        }
    }

    if (rc != 0 || type.raw.data == NULL) {
        return -1;
    }

    mode = llm_anthropic_thinking_type(type.raw.data, type.raw.len);

    if (mode == LLM_THINKING_UNSET
        || (mode == LLM_THINKING_ENABLED
            && (!has_budget || budget < LLM_ANTHROPIC_MIN_BUDGET)))
    {
        return -1;
    }

    req->thinking = mode;

    if (mode == LLM_THINKING_ENABLED) {
        req->thinking_budget = budget;
    }

    return 0;
}


/* A format (llm_anthropic_parse_format): type "json_schema" and a
 * schema object, built from its bytes as deep in the body as depth
 * values enclose it; other members ignored. */
static int
llm_anthropic_rq_format(llm_arena_t *a, llm_jpull_t *j, int depth,
    llm_request_t *req)
{
    int                        rc;
    size_t                     i, used;
    json_t                    *v;
    llm_str_t                  k;
    llm_jpull_keys_t           ks;
    llm_anthropic_read_str_t   type;
    const unsigned char       *schema;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    memset(&type, 0, sizeof(type));
    schema = NULL;
    llm_jpull_keys_init(&ks);

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "type")) {
            rc = (type.seen++ == 0) ? llm_jpull_plain(j, &type.raw) : -1;

        } else if (llm_jpull_key_is(&k, "schema")) {
            if (schema != NULL || llm_jpull_peek(j) != LLM_JPULL_OBJECT) {
                return -1;
            }
            schema = j->p;
            rc = llm_jpull_skip(j);

        } else {
            rc = llm_anthropic_rq_other(j, i, &k, &ks);
        }

        if (rc != 0) {
            return -1;
        }
    }

    if (rc != 0 || schema == NULL || type.raw.data == NULL
        || !llm_jpull_key_is(&type.raw, "json_schema"))
    {
        return -1;
    }

    /* the schema, and the format around it */
    v = llm_json_load_value((const char *) schema,
                            (size_t) (j->end - schema),
                            JSON_REJECT_DUPLICATES, depth + 1, &used);
    if (v == NULL) {
        return -1;
    }

    req->format = LLM_FORMAT_JSON_SCHEMA;
    req->format_schema = llm_arena_keep(a, v);
    return req->format_schema ? 0 : -1;
}


/* output_config (llm_anthropic_parse_output_config): effort, and a
 * format (body and output_config around it). */
static int
llm_anthropic_rq_output(llm_arena_t *a, llm_jpull_t *j, llm_request_t *req)
{
    int               rc, effort;
    size_t            i;
    llm_str_t         k, s;
    llm_effort_e      e;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    effort = 0;
    llm_jpull_keys_init(&ks);

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "effort")) {
            if (effort++) {
                return -1;
            }
            if (llm_jpull_null(j)) {
                continue;
            }
            if (llm_jpull_read_string(a, j, &s) != 0) {
                return -1;
            }
            e = llm_effort_from_name(s.data);
            if (!llm_anthropic_effort_ok(e)) {
                return -1;
            }
            req->effort = e;

        } else if (llm_jpull_key_is(&k, "format")) {
            if (i >= LLM_JPULL_KEYS || llm_jpull_key_new(&ks, &k) != 0) {
                return -1;
            }
            if (llm_jpull_null(j)) {
                continue;
            }
            if (llm_anthropic_rq_format(a, j, 2, req) != 0) {
                return -1;
            }

        } else if (llm_anthropic_rq_other(j, i, &k, &ks) != 0) {
            return -1;
        }
    }

    return rc;
}


/* metadata: user_id a string when not null; other members ignored. */
static int
llm_anthropic_rq_metadata(llm_arena_t *a, llm_jpull_t *j,
    llm_request_t *req)
{
    int               rc, user;
    size_t            i;
    llm_str_t         k;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    user = 0;
    llm_jpull_keys_init(&ks);

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "user_id")) {
            rc = user++ ? -1
                 : llm_jpull_null(j) ? 0
                 : llm_jpull_read_string(a, j, &req->user);

        } else {
            rc = llm_anthropic_rq_other(j, i, &k, &ks);
        }

        if (rc != 0) {
            return -1;
        }
    }

    return rc;
}


/* stop_sequences: strings, each kept (empty ones too). */
static int
llm_anthropic_rq_stop(llm_arena_t *a, llm_jpull_t *j, llm_request_t *req)
{
    int        rc;
    size_t     n, cap;
    llm_str_t  s;

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    cap = 0;

    for (n = 0; (rc = llm_jpull_element(j, n)) == 1; n++) {
        if (llm_jpull_read_string(a, j, &s) != 0
            || llm_arena_room(a, (void **) &req->stop, n, &cap, 8,
                              sizeof(llm_str_t))
               != 0)
        {
            return -1;
        }
        req->stop[n] = s;
    }

    req->nstop = n;
    return rc;
}


/* null, or a number: 1 with *d, 0 for null, -1 */
static int
llm_anthropic_rq_number(llm_jpull_t *j, double *d)
{
    if (llm_jpull_null(j)) {
        return 0;
    }

    return llm_jpull_number_exact(j, d) == 0 ? 1 : -1;
}


#define llm_anthropic_rq_bit(name)  ((uint32_t) 1 << LLM_ANTHROPIC_F_##name)

/* a model string read (the bit llm_anthropic_check_field keeps for the
 * formats, which never go to it here) */
#define LLM_ANTHROPIC_RQ_MODEL  ((uint32_t) 1 << 31)


/*
 * One top-level field: its value read into the IR, or checked as the
 * parse checks it (llm_anthropic_check_field, for those nothing keeps);
 * its bit set in *seen (a repeat is -1).  Server tools dropped are
 * counted in *dropped: their warning comes after those of the messages,
 * as the parse reads the tools after them.  output_format is where
 * *format points, for the caller.
 */
static int
llm_anthropic_rq_field(llm_arena_t *a, llm_jpull_t *j, const llm_str_t *k,
    llm_request_t *req, uint32_t *seen, size_t *dropped,
    const unsigned char **format, llm_warnings_t *w)
{
    int        rc, b;
    double     d;
    int64_t    v;
    uint32_t   bit;

#define LLM_ANTHROPIC_RQ(name)                                               \
    if (llm_jpull_key_is(k, #name)) {                                        \
        bit = llm_anthropic_rq_bit(name);                                    \
        if (*seen & bit) {                                                   \
            return -1;                                                       \
        }                                                                    \
        *seen |= bit;                                                        \
        goto name;                                                           \
    }

    switch (k->len) {
    case 5:
        LLM_ANTHROPIC_RQ(model);
        LLM_ANTHROPIC_RQ(tools);
        LLM_ANTHROPIC_RQ(top_p);
        LLM_ANTHROPIC_RQ(top_k);
        break;
    case 6:
        LLM_ANTHROPIC_RQ(stream);
        LLM_ANTHROPIC_RQ(system);
        break;
    case 8:
        LLM_ANTHROPIC_RQ(messages);
        LLM_ANTHROPIC_RQ(thinking);
        LLM_ANTHROPIC_RQ(metadata);
        break;
    case 10:
        LLM_ANTHROPIC_RQ(max_tokens);
        break;
    case 11:
        LLM_ANTHROPIC_RQ(temperature);
        LLM_ANTHROPIC_RQ(tool_choice);
        break;
    case 13:
        LLM_ANTHROPIC_RQ(output_config);
        LLM_ANTHROPIC_RQ(output_format);
        break;
    case 14:
        LLM_ANTHROPIC_RQ(stop_sequences);
        break;
    }

#undef LLM_ANTHROPIC_RQ

    /* the fields nothing keeps, and those the parse refuses */
    return llm_anthropic_check_field(j, k, seen);

model:
    if (llm_jpull_null(j)) {
        return 0;
    }
    *seen |= LLM_ANTHROPIC_RQ_MODEL;
    return llm_jpull_read_string(a, j, &req->model);

stream:
    b = 0;
    rc = llm_jpull_opt_bool(j, &b);
    req->stream = b ? 1 : 0;
    return rc;

max_tokens:
    /* required, null no value; 0 is legal; an integral real: the parse */
    if (llm_jpull_int(j, &v) != 0 || v < 0) {
        return -1;
    }
    req->max_tokens = v;
    req->has_max_tokens = 1;
    return 0;

system:
    return llm_jpull_null(j) ? 0 : llm_anthropic_rq_system(a, j, req);

messages:
    return llm_anthropic_rq_messages(a, j, req, w);

temperature:
    rc = llm_anthropic_rq_number(j, &d);
    if (rc == 1) {
        req->temperature = d;
        req->has_temperature = 1;
    }
    return rc < 0 ? -1 : 0;

top_p:
    rc = llm_anthropic_rq_number(j, &d);
    if (rc == 1) {
        req->top_p = d;
        req->has_top_p = 1;
    }
    return rc < 0 ? -1 : 0;

top_k:
    if (llm_jpull_null(j)) {
        return 0;
    }
    if (llm_jpull_int(j, &v) != 0 || v < 0) {
        return -1;
    }
    req->top_k = v;
    req->has_top_k = 1;
    return 0;

stop_sequences:
    return llm_jpull_null(j) ? 0 : llm_anthropic_rq_stop(a, j, req);

tools:
    return llm_jpull_null(j) ? 0
                             : llm_anthropic_rq_tools_once(a, j, req,
                                                           dropped);

tool_choice:
    return llm_jpull_null(j) ? 0 : llm_anthropic_rq_tool_choice(a, j, req);

thinking:
    return llm_jpull_null(j) ? 0 : llm_anthropic_rq_thinking(j, req);

output_config:
    return llm_jpull_null(j) ? 0 : llm_anthropic_rq_output(a, j, req);

metadata:
    return llm_jpull_null(j) ? 0 : llm_anthropic_rq_metadata(a, j, req);

output_format:
    /* read once output_config is: only when it has no format */
    *format = (llm_jpull_peek(j) != 0) ? j->p : NULL;
    return llm_jpull_skip(j);
}


int
llm_anthropic_read_request(llm_arena_t *a, const char *body, size_t len,
    llm_request_t *req, llm_warnings_t *w)
{
    int                   rc;
    size_t                i, dropped;
    uint32_t              seen;
    llm_str_t             k;
    llm_jpull_t           j, v;
    const unsigned char  *format;

    llm_jpull_init(&j, body, len);

    if (llm_jpull_open(&j, '{') != 0) {
        return 1;
    }

    req->parallel_tool_calls = -1;
    seen = 0;
    dropped = 0;
    format = NULL;

    for (i = 0; (rc = llm_jpull_member(&j, i, &k)) == 1; i++) {
        if (llm_anthropic_rq_field(a, &j, &k, req, &seen, &dropped, &format,
                                   w)
            != 0)
        {
            return 1;
        }
    }

    if (rc != 0 || llm_jpull_end(&j) != 0) {
        return 1;
    }

    /* what the parse requires of the fields together; the model may
     * come from the URL (prefilled) */
    if (!(seen & LLM_ANTHROPIC_RQ_MODEL) && req->model.len == 0) {
        return 1;
    }

    if (!(seen & llm_anthropic_rq_bit(max_tokens))
        || !(seen & llm_anthropic_rq_bit(messages)))
    {
        return 1;
    }

    /* the structured-outputs beta's name for output_config.format (body
     * around it) */
    if (format != NULL && req->format == LLM_FORMAT_UNSET) {
        llm_jpull_at(&v, &j, format);
        if (!llm_jpull_null(&v) && llm_anthropic_rq_format(a, &v, 1, req) != 0)
        {
            return 1;
        }
    }

    if (dropped) {
        llm_warn(w, "tools:dropped");
    }

    return 0;
}
