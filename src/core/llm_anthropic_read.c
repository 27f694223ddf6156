/*
 * The Anthropic Messages answer read straight from the bytes into the
 * IR (the codec's read_response): what llm_anthropic_parse_response
 * makes of the document, without the document.  Anything it is not sure
 * of is declined, and the document's parse decides.
 */

#include <stdint.h>
#include <string.h>

#include "llm_anthropic.h"
#include "llm_json.h"
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
