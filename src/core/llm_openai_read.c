/*
 * The OpenAI Chat request read straight from the bytes, without a
 * document (llm_codec_t.read_request): the IR llm_openai_parse_request
 * builds, for the shapes most requests have: conversations of system,
 * developer, user, assistant and tool messages with string content or
 * text, refusal and image parts where the role takes them, tool calls,
 * reasoning text, tools, a mode or a named tool_choice,
 * response_format, stop, the sampling fields, stream and
 * stream_options, and the fields nothing translates (checked as
 * llm_openai_check_request checks them).
 *
 * Declined (1: the parse decides, and says what is wrong): anything the
 * parse refuses, thinking_blocks, allowed_tools and custom tool
 * choices, the legacy function_call, escaped keys and escaped enum
 * values (roles, types, modes), a repeated key, more members in an
 * object than the pull reader keeps, JSON nested deeper than it goes
 * where the read skips it, and members some role's parser reads, on a
 * message of another role, in a shape that parser refuses.
 *
 * Strings are decoded into the arena, NUL-terminated; JSON values the IR
 * keeps (schemas, arguments) are built by the document's reader from
 * their bytes, as the document would hold them.  The rules that shape
 * the IR (hoisting, merging tool results, arguments, image URLs) are
 * the parse's own functions (llm_openai_int.h).
 *
 * The answer an OpenAI upstream sends (read_response) is read below with
 * the same helpers: what llm_openai_parse_response makes of it.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llm_json.h"
#include "llm_json_pull.h"
#include "llm_json_check.h"
#include "llm_codec.h"
#include "llm_map.h"
#include "llm_openai.h"
#include "llm_openai_int.h"


/* parts that only some roles' content may have */
#define LLM_OPENAI_READ_REFUSAL  1      /* an assistant's */
#define LLM_OPENAI_READ_IMAGE    2      /* a user's */


typedef struct {
    llm_arena_t       *a;
    llm_request_t     *req;
    llm_warnings_t    *w;
    size_t             nsystem_cap;
    size_t             nmessages_cap;
    size_t             ntools_cap;
    int                open;        /* tool results merged (parse_tool) */
    int                seen_turn;   /* a user or assistant turn read */
} llm_openai_read_t;


/* A message's members as read, before its role (which may come last)
 * tells which of them the parse keeps. */
typedef struct {
    llm_str_t            role;
    int                  content;       /* 0 absent or null, 1 a string,
                                           2 parts */
    llm_str_t            text;          /* content as a string */
    llm_openai_blocks_t  parts;         /* content as parts */
    unsigned             kinds;         /* LLM_OPENAI_READ_REFUSAL, _IMAGE:
                                           parts other than text */
    llm_str_t            refusal;       /* data NULL: absent or null */
    llm_openai_blocks_t  calls;         /* tool_calls */
    llm_str_t            call_id;       /* tool_call_id */
    llm_str_t            reasoning[2];  /* reasoning_content, reasoning,
                                           data NULL unless a string */
} llm_openai_read_msg_t;


static int llm_openai_read_field(llm_openai_read_t *r, llm_jpull_t *j,
    const llm_str_t *k, uint64_t *seen, int64_t *max_tokens,
    int64_t *max_completion, llm_str_t *safety, int *usage);


/* A string, or null (out left as it is): 0 or -1. */
static int
llm_openai_read_opt_string(llm_arena_t *a, llm_jpull_t *j, llm_str_t *out)
{
    if (llm_jpull_null(j)) {
        return 0;
    }

    return llm_jpull_read_string(a, j, out);
}


/* A member's value: a string read into *out (*is set), or any other
 * value checked as JSON only, for members read or ignored by a type
 * known only later. */
static int
llm_openai_read_any(llm_arena_t *a, llm_jpull_t *j, llm_str_t *out, int *is)
{
    if (llm_jpull_peek(j) == LLM_JPULL_STRING) {
        *is = 1;
        return llm_jpull_read_string(a, j, out);
    }

    *is = 0;
    return llm_jpull_skip(j);
}


/* null, or an object read as llm_openai_read_object: 0 or -1 */
static int
llm_openai_read_opt_object(llm_arena_t *a, llm_jpull_t *j, int depth,
    json_t **out)
{
    if (llm_jpull_null(j)) {
        return 0;
    }

    return llm_jpull_load_object(a, j, depth, out);
}


/* An image part's image_url: the URL itself (a few older clients), or
 * {"url":...} with other members ignored; 0 with the URL, or -1. */
static int
llm_openai_read_image_url(llm_arena_t *a, llm_jpull_t *j, llm_str_t *url)
{
    int               rc, is;
    size_t            i;
    unsigned          seen, bit;
    llm_str_t         k;
    llm_jpull_keys_t  ks;

    if (llm_jpull_peek(j) == LLM_JPULL_STRING) {
        return llm_jpull_read_string(a, j, url);
    }

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    llm_jpull_keys_init(&ks);
    seen = 0;
    is = 0;

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "url")) {
            bit = 1;
            rc = llm_openai_read_any(a, j, url, &is);

        } else {
            bit = 0;
            rc = llm_openai_check_other(j, i, &k, &ks);
        }

        if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
            return -1;
        }
    }

    return (rc == 0 && is) ? 0 : -1;            /* a string URL */
}


/* An IMAGE block of url (llm_openai_image_url, the parse's rule), its
 * media type a string of its own: NUL-terminated. */
static int
llm_openai_read_image(llm_arena_t *a, llm_block_t *b, const llm_str_t *url)
{
    char  *t;

    if (llm_openai_image_url(b, url) != LLM_OPENAI_IMAGE_OK) {
        return -1;
    }

    if (b->media_type.data != NULL) {
        t = llm_arena_strndup(a, b->media_type.data, b->media_type.len);
        if (t == NULL) {
            return -1;
        }
        b->media_type.data = t;
    }

    return 0;
}


/*
 * Content parts (llm_openai_parse_text_parts, llm_openai_parse_user):
 * not empty, each {"type":"text","text":...}, {"type":"refusal",
 * "refusal":...} or {"type":"image_url","image_url":...}, other members
 * ignored; *kinds tells which but text there were (each role's content
 * takes only some).
 */
static int
llm_openai_read_parts(llm_arena_t *a, llm_jpull_t *j,
    llm_openai_blocks_t *bl, unsigned *kinds)
{
    int               rc, is_text, is_refusal, is_image;
    size_t            i, n;
    unsigned          seen, bit;
    llm_str_t         k, type, text, refusal, url;
    llm_block_t      *b;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    for (n = 0; (rc = llm_jpull_element(j, n)) == 1; n++) {
        if (llm_jpull_open(j, '{') != 0) {
            return -1;
        }

        llm_jpull_keys_init(&ks);
        seen = 0;
        is_text = 0;
        is_refusal = 0;
        is_image = 0;
        llm_str_set(&type, NULL, 0);
        llm_str_set(&text, NULL, 0);
        llm_str_set(&refusal, NULL, 0);
        llm_str_set(&url, NULL, 0);

        for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
            if (llm_jpull_key_is(&k, "type")) {
                bit = 1;
                rc = llm_jpull_plain(j, &type);

            } else if (llm_jpull_key_is(&k, "text")) {
                bit = 2;
                rc = llm_openai_read_any(a, j, &text, &is_text);

            } else if (llm_jpull_key_is(&k, "refusal")) {
                bit = 4;
                rc = llm_openai_read_any(a, j, &refusal, &is_refusal);

            } else if (llm_jpull_key_is(&k, "image_url")) {
                bit = 8;
                is_image = 1;
                rc = llm_openai_read_image_url(a, j, &url);

            } else {
                bit = 0;
                rc = llm_openai_check_other(j, i, &k, &ks);
            }

            if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
                return -1;
            }
        }

        if (rc != 0) {
            return -1;
        }

        b = llm_openai_block_add(a, bl);
        if (b == NULL) {
            return -1;
        }
        b->kind = LLM_BLOCK_TEXT;

        if (llm_jpull_key_is(&type, "text") && is_text) {
            b->text = text;

        } else if (llm_jpull_key_is(&type, "refusal") && is_refusal) {
            b->text = refusal;
            *kinds |= LLM_OPENAI_READ_REFUSAL;

        } else if (llm_jpull_key_is(&type, "image_url") && is_image) {
            if (llm_openai_read_image(a, b, &url) != 0) {
                return -1;
            }
            *kinds |= LLM_OPENAI_READ_IMAGE;

        } else {
            return -1;
        }
    }

    return (rc == 0 && n > 0) ? 0 : -1;
}


/* A TEXT block of s appended to bl: 0 or -1. */
static int
llm_openai_read_text(llm_arena_t *a, const llm_str_t *s,
    llm_openai_blocks_t *bl)
{
    llm_block_t  *b;

    b = llm_openai_block_add(a, bl);
    if (b == NULL) {
        return -1;
    }

    b->kind = LLM_BLOCK_TEXT;
    b->text = *s;
    return 0;
}


/* The blocks of src appended to bl (src itself when bl has none): 0 or
 * -1. */
static int
llm_openai_read_append(llm_arena_t *a, llm_openai_blocks_t *bl,
    const llm_openai_blocks_t *src)
{
    size_t        i;
    llm_block_t  *b;

    if (bl->n == 0) {
        *bl = *src;
        return 0;
    }

    for (i = 0; i < src->n; i++) {
        b = llm_openai_block_add(a, bl);
        if (b == NULL) {
            return -1;
        }
        *b = src->elts[i];
    }

    return 0;
}


/* A message's content as its role keeps it: a string (a TEXT block;
 * none for "" when skip_empty) or parts (text, and those of kinds);
 * absent or null only when optional. */
static int
llm_openai_read_content(llm_arena_t *a, const llm_openai_read_msg_t *m,
    int optional, int skip_empty, unsigned kinds, llm_openai_blocks_t *bl)
{
    switch (m->content) {

    case 1:
        if (skip_empty && m->text.len == 0) {
            return 0;
        }
        return llm_openai_read_text(a, &m->text, bl);

    case 2:
        if (m->kinds & ~kinds) {
            return -1;
        }
        return llm_openai_read_append(a, bl, &m->parts);

    default:
        return optional ? 0 : -1;
    }
}


/* A tool call's function: a name (a string), arguments a string when
 * given. */
static int
llm_openai_read_call_function(llm_arena_t *a, llm_jpull_t *j, llm_block_t *b)
{
    int               rc;
    size_t            i;
    unsigned          seen, bit;
    llm_str_t         k;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    llm_jpull_keys_init(&ks);
    seen = 0;

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "name")) {
            bit = 1;
            rc = llm_jpull_read_string(a, j, &b->name);

        } else if (llm_jpull_key_is(&k, "arguments")) {
            bit = 2;
            rc = llm_jpull_read_string(a, j, &b->args_json);

        } else {
            bit = 0;
            rc = llm_openai_check_other(j, i, &k, &ks);
        }

        if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
            return -1;
        }
    }

    return (rc == 0 && (seen & 1)) ? 0 : -1;    /* named */
}


/* A call's arguments as the parse reads them (llm_openai_args_parse),
 * but left unbuilt when they are an object written as the writer would
 * write it: the text stands for it (llm_ir.h, deferred values). */
static int
llm_openai_read_args(llm_arena_t *a, llm_block_t *b)
{
    llm_json_canonical_t  info;

    if (b->args_json.len
        && llm_json_canonical_object(b->args_json.data, b->args_json.len,
                                     &info)
           == b->args_json.len)
    {
        b->args = NULL;
        b->args_deferred = 1;
        return 0;
    }

    return llm_openai_args_parse(a, b);
}


/* An assistant's tool_calls (llm_openai_parse_tool_calls, strict): an
 * id (a string, not empty), type "function" when a string, a function
 * with a name. */
static int
llm_openai_read_calls(llm_arena_t *a, llm_jpull_t *j, llm_openai_blocks_t *bl)
{
    int               rc;
    size_t            n, i;
    unsigned          seen, bit;
    llm_str_t         k, t;
    llm_block_t      *b;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    for (n = 0; (rc = llm_jpull_element(j, n)) == 1; n++) {
        if (llm_jpull_open(j, '{') != 0) {
            return -1;
        }

        b = llm_openai_block_add(a, bl);
        if (b == NULL) {
            return -1;
        }
        b->kind = LLM_BLOCK_TOOL_CALL;

        llm_jpull_keys_init(&ks);
        seen = 0;

        for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
            if (llm_jpull_key_is(&k, "id")) {
                bit = 1;
                rc = llm_jpull_read_string(a, j, &b->id);

            } else if (llm_jpull_key_is(&k, "type")) {
                bit = 2;                /* the parse ignores a non-string */
                if (llm_jpull_peek(j) == LLM_JPULL_STRING) {
                    rc = (llm_jpull_plain(j, &t) == 0
                          && llm_jpull_key_is(&t, "function"))
                         ? 0 : -1;
                } else {
                    rc = llm_jpull_skip(j);
                }

            } else if (llm_jpull_key_is(&k, "function")) {
                bit = 4;
                rc = llm_openai_read_call_function(a, j, b);

            } else {
                bit = 0;
                rc = llm_openai_check_other(j, i, &k, &ks);
            }

            if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
                return -1;
            }
        }

        if (rc != 0 || (seen & 5) != 5 || b->id.len == 0) {
            return -1;
        }

        if (llm_openai_read_args(a, b) != 0) {
            return -1;
        }
    }

    return rc;
}


/* An assistant message (llm_openai_parse_assistant): reasoning text
 * (reasoning_content when a string, else reasoning; none when empty),
 * content, refusal, tool calls, in that order. */
static int
llm_openai_read_assistant(llm_arena_t *a, llm_openai_read_msg_t *m,
    llm_openai_blocks_t *bl)
{
    if (llm_openai_reasoning_text(a, bl, m->reasoning[0].data
                                         ? &m->reasoning[0]
                                         : &m->reasoning[1])
        != 0)
    {
        return -1;
    }

    if (llm_openai_read_content(a, m, 1, 1, LLM_OPENAI_READ_REFUSAL, bl)
        != 0)
    {
        return -1;
    }

    if (m->refusal.len && llm_openai_read_text(a, &m->refusal, bl) != 0) {
        return -1;
    }

    return llm_openai_read_append(a, bl, &m->calls);
}


/*
 * The members of a message, each read as the role that reads it takes
 * it (the role may come last); what only some role's parser reads and
 * the others ignore, in a shape that role's parser refuses, is declined
 * (function_call, thinking_blocks, a tool_call_id not a string ...).
 */
static int
llm_openai_read_members(llm_arena_t *a, llm_jpull_t *j,
    llm_openai_read_msg_t *m)
{
    int               rc, is;
    size_t            i;
    unsigned          seen, bit;
    llm_str_t         k;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    llm_jpull_keys_init(&ks);
    memset(m, 0, sizeof(llm_openai_read_msg_t));
    seen = 0;

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "role")) {
            bit = 1u << LLM_OPENAI_M_role;
            rc = llm_jpull_plain(j, &m->role);

        } else if (llm_jpull_key_is(&k, "content")) {
            bit = 1u << LLM_OPENAI_M_content;

            switch (llm_jpull_peek(j)) {
            case LLM_JPULL_STRING:
                m->content = 1;
                rc = llm_jpull_read_string(a, j, &m->text);
                break;
            case LLM_JPULL_ARRAY:
                m->content = 2;
                rc = llm_openai_read_parts(a, j, &m->parts, &m->kinds);
                break;
            default:
                rc = llm_jpull_null(j) ? 0 : -1;
            }

        } else if (llm_jpull_key_is(&k, "tool_calls")) {
            bit = 1u << LLM_OPENAI_M_tool_calls;
            rc = llm_jpull_null(j) ? 0 : llm_openai_read_calls(a, j, &m->calls);

        } else if (llm_jpull_key_is(&k, "tool_call_id")) {
            bit = 1u << LLM_OPENAI_M_tool_call_id;
            rc = llm_jpull_read_string(a, j, &m->call_id);

        } else if (llm_jpull_key_is(&k, "refusal")) {
            bit = 1u << LLM_OPENAI_M_refusal;
            rc = llm_openai_read_opt_string(a, j, &m->refusal);

        } else if (llm_jpull_key_is(&k, "reasoning_content")) {
            bit = 1u << LLM_OPENAI_M_reasoning_content;
            rc = llm_openai_read_any(a, j, &m->reasoning[0], &is);

        } else if (llm_jpull_key_is(&k, "reasoning")) {
            bit = 1u << LLM_OPENAI_M_reasoning;
            rc = llm_openai_read_any(a, j, &m->reasoning[1], &is);

        } else if (llm_jpull_key_is(&k, "thinking_blocks")) {
            bit = 1u << LLM_OPENAI_M_thinking_blocks;
            rc = (llm_jpull_peek(j) == LLM_JPULL_ARRAY)
                 ? -1 : llm_jpull_skip(j);     /* signed blocks: the parse */

        } else if (llm_jpull_key_is(&k, "function_call")) {
            return -1;                  /* legacy: the parse */

        } else {
            bit = 0;
            rc = llm_openai_check_other(j, i, &k, &ks);
        }

        if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
            return -1;
        }
    }

    return (rc == 0 && m->role.data != NULL) ? 0 : -1;
}


/* One message (llm_openai_parse_messages' loop). */
static int
llm_openai_read_message(llm_openai_read_t *r, llm_jpull_t *j)
{
    llm_request_t          *req;
    llm_message_t          *msg;
    llm_openai_blocks_t     bl;
    llm_openai_read_msg_t   m;

    req = r->req;

    if (llm_openai_read_members(r->a, j, &m) != 0) {
        return -1;
    }

    if (!llm_jpull_key_is(&m.role, "tool")) {
        r->open = 0;
    }

    memset(&bl, 0, sizeof(bl));

    if (llm_jpull_key_is(&m.role, "system")
        || llm_jpull_key_is(&m.role, "developer"))
    {
        if (llm_openai_read_content(r->a, &m, 0, 1, 0, &bl) != 0
            || llm_arena_room(r->a, (void **) &req->system,
                              req->nsystem, &r->nsystem_cap, 8,
                              sizeof(llm_message_t))
               != 0)
        {
            return -1;
        }

        llm_openai_system_add(req, r->w, r->seen_turn, &bl);
        return 0;
    }

    r->seen_turn = 1;

    if (llm_arena_room(r->a, (void **) &req->messages,
                       req->nmessages, &r->nmessages_cap, 8,
                       sizeof(llm_message_t))
        != 0)
    {
        return -1;
    }

    if (llm_jpull_key_is(&m.role, "user")) {
        if (llm_openai_read_content(r->a, &m, 0, 0, LLM_OPENAI_READ_IMAGE,
                                    &bl)
            != 0)
        {
            return -1;
        }

        msg = &req->messages[req->nmessages++];
        msg->role = LLM_ROLE_USER;

    } else if (llm_jpull_key_is(&m.role, "assistant")) {
        if (llm_openai_read_assistant(r->a, &m, &bl) != 0) {
            return -1;
        }

        msg = &req->messages[req->nmessages++];
        msg->role = LLM_ROLE_ASSISTANT;

    } else if (llm_jpull_key_is(&m.role, "tool")) {
        if (m.call_id.data == NULL
            || llm_openai_read_content(r->a, &m, 0, 0, 0, &bl) != 0)
        {
            return -1;
        }

        return llm_openai_tool_result_add(r->a, req, &r->open, &m.call_id,
                                          &bl);

    } else {
        return -1;                      /* function (legacy), unknown */
    }

    msg->blocks = bl.elts;
    msg->nblocks = bl.n;
    return 0;
}


static int
llm_openai_read_messages(llm_openai_read_t *r, llm_jpull_t *j)
{
    int     rc;
    size_t  i;

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    for (i = 0; (rc = llm_jpull_element(j, i)) == 1; i++) {
        if (llm_openai_read_message(r, j) != 0) {
            return -1;
        }
    }

    return (rc == 0 && i > 0) ? 0 : -1;         /* not empty */
}


/* A tool's parameters (llm_openai_read_opt_object, as the parse keeps
 * them), left unbuilt when the client wrote them as the writer would:
 * their text stands for them (llm_ir.h, deferred values). */
static int
llm_openai_read_schema(llm_arena_t *a, llm_jpull_t *j, llm_tool_t *tool)
{
    char                  *text;
    size_t                 n;
    llm_json_canonical_t   info;

    if (llm_jpull_peek(j) == LLM_JPULL_OBJECT) {
        n = llm_json_canonical_object((const char *) j->p,
                                      (size_t) (j->end - j->p), &info);
        if (n) {
            text = llm_arena_alloc(a, n + 1);
            if (text == NULL) {
                return -1;
            }

            memcpy(text, j->p, n);
            text[n] = '\0';
            llm_str_set(&tool->schema_json, text, n);
            tool->schema_typed = info.has_type;
            j->p += n;
            return 0;
        }
    }

    /* body, tools, a tool, its function around it */
    return llm_openai_read_opt_object(a, j, 4, &tool->schema);
}


/* A tool's function (llm_openai_parse_tools): a name, a description
 * and parameters when not null, strict. */
static int
llm_openai_read_tool_function(llm_arena_t *a, llm_jpull_t *j,
    llm_tool_t *tool)
{
    int               rc, b;
    size_t            i;
    unsigned          seen, bit;
    llm_str_t         k;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    llm_jpull_keys_init(&ks);
    seen = 0;

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "name")) {
            bit = 1;
            rc = llm_jpull_read_string(a, j, &tool->name);

        } else if (llm_jpull_key_is(&k, "description")) {
            bit = 2;
            rc = llm_openai_read_opt_string(a, j, &tool->description);

        } else if (llm_jpull_key_is(&k, "parameters")) {
            bit = 4;
            /* body, tools, a tool, its function around it */
            rc = llm_openai_read_schema(a, j, tool);

        } else if (llm_jpull_key_is(&k, "strict")) {
            bit = 8;
            b = 0;
            rc = llm_jpull_opt_bool(j, &b);
            tool->strict = b;

        } else {
            bit = 0;
            rc = llm_openai_check_other(j, i, &k, &ks);
        }

        if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
            return -1;
        }
    }

    return (rc == 0 && (seen & 1)) ? 0 : -1;    /* named */
}


static int
llm_openai_read_tools_array(llm_openai_read_t *r, llm_jpull_t *j)
{
    int               rc;
    size_t            n, i;
    unsigned          seen, bit;
    llm_str_t         k, t;
    llm_tool_t       *tool;
    llm_request_t    *req;
    llm_jpull_keys_t  ks;

    req = r->req;

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    for (n = 0; (rc = llm_jpull_element(j, n)) == 1; n++) {
        if (llm_jpull_open(j, '{') != 0
            || llm_arena_room(r->a, (void **) &req->tools, req->ntools,
                              &r->ntools_cap, 8, sizeof(llm_tool_t))
               != 0)
        {
            return -1;
        }

        tool = &req->tools[req->ntools];
        llm_jpull_keys_init(&ks);
        seen = 0;

        for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
            if (llm_jpull_key_is(&k, "type")) {
                bit = 1;
                rc = (llm_jpull_plain(j, &t) == 0
                      && llm_jpull_key_is(&t, "function"))
                     ? 0 : -1;

            } else if (llm_jpull_key_is(&k, "function")) {
                bit = 2;
                rc = llm_openai_read_tool_function(r->a, j, tool);

            } else {
                bit = 0;
                rc = llm_openai_check_other(j, i, &k, &ks);
            }

            if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
                return -1;
            }
        }

        if (rc != 0 || seen != 3) {             /* typed, with a function */
            return -1;
        }

        req->ntools++;
    }

    return (rc == 0 && n > 0) ? 0 : -1;         /* not empty */
}


/* tools, found in the memo (llm_ir.h, deferred tools) or read; read
 * without a warning, they are the writers' to keep */
static int
llm_openai_read_tools_once(llm_openai_read_t *r, llm_jpull_t *j)
{
    int                   rc;
    size_t                n, nwarn;
    const unsigned char  *start;

    if (llm_jpull_peek(j) != LLM_JPULL_ARRAY) {
        return llm_openai_read_tools_array(r, j);   /* refused there */
    }

    start = j->p;

    rc = llm_request_tools_recall(r->a, r->req, LLM_DIALECT_OPENAI,
                                  (const char *) start,
                                  (size_t) (j->end - start), &n);
    if (rc != 0) {
        j->p += (rc == 1) ? n : 0;
        return rc == 1 ? 0 : -1;
    }

    nwarn = r->w->n;

    if (llm_openai_read_tools_array(r, j) != 0) {
        return -1;
    }

    if (r->w->n == nwarn) {
        llm_request_tools_read(r->req, LLM_DIALECT_OPENAI,
                               (const char *) start,
                               (size_t) (j->p - start));
    }

    return 0;
}


int
llm_openai_read_tools(llm_arena_t *a, llm_request_t *req)
{
    llm_jpull_t        j;
    llm_warnings_t     w;
    llm_openai_read_t  r;

    memset(&r, 0, sizeof(r));
    memset(&w, 0, sizeof(w));
    r.a = a;
    r.req = req;
    r.w = &w;

    llm_jpull_init(&j, req->tools_src.data, req->tools_src.len);

    return (llm_openai_read_tools_array(&r, &j) == 0
            && llm_jpull_peek(&j) == 0 && j.p == j.end)
           ? 0 : -1;
}


/* An object's members the caller names (names[i], no more than 8):
 * where each one's value begins (NULL: absent), the others checked as
 * JSON only. */
static int
llm_openai_read_pick(llm_jpull_t *j, const char *const *names, size_t n,
    const unsigned char **at)
{
    int               rc;
    size_t            i, m;
    unsigned          seen, bit;
    llm_str_t         k;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    llm_jpull_keys_init(&ks);
    seen = 0;

    for (m = 0; m < n; m++) {
        at[m] = NULL;
    }

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        for (m = 0; m < n; m++) {
            if (k.len == strlen(names[m])
                && memcmp(k.data, names[m], k.len) == 0)
            {
                break;
            }
        }

        if (m < n) {
            bit = 1u << m;
            at[m] = (llm_jpull_peek(j) != 0) ? j->p : NULL;
            rc = llm_jpull_skip(j);

        } else {
            bit = 0;
            rc = llm_openai_check_other(j, i, &k, &ks);
        }

        if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
            return -1;
        }
    }

    return rc;
}


/* The plain string at a position: 0 with it in s, or -1. */
static int
llm_openai_read_plain_at(const llm_jpull_t *j, const unsigned char *at,
    llm_str_t *s)
{
    llm_jpull_t  v;

    if (at == NULL) {
        return -1;
    }

    llm_jpull_at(&v, j, at);
    return llm_jpull_plain(&v, s);
}


/* tool_choice (llm_openai_parse_tool_choice): a mode, or a named
 * function; allowed_tools and custom are the parse's. */
static int
llm_openai_read_tool_choice(llm_openai_read_t *r, llm_jpull_t *j)
{
    llm_str_t             t;
    llm_jpull_t           v;
    const unsigned char  *at[2], *fn[1];

    static const char *const  tc[] = { "type", "function" };
    static const char *const  name[] = { "name" };

    if (llm_jpull_peek(j) == LLM_JPULL_STRING) {
        if (llm_jpull_plain(j, &t) != 0) {
            return -1;
        }

        if (llm_jpull_key_is(&t, "auto")) {
            r->req->tool_choice = LLM_TOOL_CHOICE_AUTO;

        } else if (llm_jpull_key_is(&t, "none")) {
            r->req->tool_choice = LLM_TOOL_CHOICE_NONE;

        } else if (llm_jpull_key_is(&t, "required")) {
            r->req->tool_choice = LLM_TOOL_CHOICE_REQUIRED;

        } else {
            return -1;
        }

        return 0;
    }

    if (llm_openai_read_pick(j, tc, 2, at) != 0
        || llm_openai_read_plain_at(j, at[0], &t) != 0
        || !llm_jpull_key_is(&t, "function")
        || at[1] == NULL)
    {
        return -1;
    }

    llm_jpull_at(&v, j, at[1]);

    if (llm_openai_read_pick(&v, name, 1, fn) != 0 || fn[0] == NULL) {
        return -1;
    }

    llm_jpull_at(&v, j, fn[0]);

    if (llm_jpull_read_string(r->a, &v, &r->req->tool_choice_name) != 0) {
        return -1;
    }

    r->req->tool_choice = LLM_TOOL_CHOICE_NAMED;
    return 0;
}


/* response_format (llm_openai_parse_format) */
static int
llm_openai_read_format(llm_openai_read_t *r, llm_jpull_t *j)
{
    llm_str_t             t;
    llm_jpull_t           v;
    const unsigned char  *at[2], *js[2];

    static const char *const  rf[] = { "type", "json_schema" };
    static const char *const  schema[] = { "name", "schema" };

    if (llm_openai_read_pick(j, rf, 2, at) != 0
        || llm_openai_read_plain_at(j, at[0], &t) != 0)
    {
        return -1;
    }

    if (llm_jpull_key_is(&t, "text")) {
        r->req->format = LLM_FORMAT_TEXT;
        return 0;
    }

    if (llm_jpull_key_is(&t, "json_object")) {
        r->req->format = LLM_FORMAT_JSON_OBJECT;
        return 0;
    }

    if (!llm_jpull_key_is(&t, "json_schema") || at[1] == NULL) {
        return -1;
    }

    llm_jpull_at(&v, j, at[1]);

    if (llm_openai_read_pick(&v, schema, 2, js) != 0 || js[0] == NULL) {
        return -1;
    }

    llm_jpull_at(&v, j, js[0]);
    if (llm_jpull_read_string(r->a, &v, &r->req->format_name) != 0) {
        return -1;
    }

    if (js[1] != NULL) {
        llm_jpull_at(&v, j, js[1]);
        /* body, response_format, json_schema around it */
        if (llm_openai_read_opt_object(r->a, &v, 3, &r->req->format_schema)
            != 0)
        {
            return -1;
        }
    }

    r->req->format = LLM_FORMAT_JSON_SCHEMA;
    return 0;
}


/* stop (llm_openai_parse_stop): a string, or an array of strings; the
 * empty ones dropped. */
static int
llm_openai_read_stop(llm_openai_read_t *r, llm_jpull_t *j)
{
    int             rc;
    size_t          i, cap;
    llm_str_t       s;
    llm_request_t  *req;

    req = r->req;
    cap = 0;

    if (llm_jpull_peek(j) == LLM_JPULL_STRING) {
        if (llm_jpull_read_string(r->a, j, &s) != 0) {
            return -1;
        }

        if (s.len == 0) {
            return 0;
        }

        if (llm_arena_room(r->a, (void **) &req->stop, 0, &cap, 8,
                           sizeof(llm_str_t))
            != 0)
        {
            return -1;
        }

        req->stop[req->nstop++] = s;
        return 0;
    }

    if (llm_jpull_open(j, '[') != 0
        || llm_arena_room(r->a, (void **) &req->stop, 0, &cap, 8,
                          sizeof(llm_str_t))
           != 0)
    {
        return -1;
    }

    for (i = 0; (rc = llm_jpull_element(j, i)) == 1; i++) {
        if (llm_jpull_read_string(r->a, j, &s) != 0
            || llm_arena_room(r->a, (void **) &req->stop, req->nstop,
                              &cap, 8, sizeof(llm_str_t))
               != 0)
        {
            return -1;
        }

        if (s.len) {
            req->stop[req->nstop++] = s;
        }
    }

    return rc;
}


/* null, or a number within min and max: 1 with *d, 0 for null, -1 */
static int
llm_openai_read_number(llm_jpull_t *j, double min, double max, double *d)
{
    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_jpull_number_exact(j, d) != 0 || *d < min || *d > max) {
        return -1;
    }

    return 1;
}


/* null, or an integer of at least min: 1 with *v, 0 for null, -1 */
static int
llm_openai_read_int(llm_jpull_t *j, int64_t min, int64_t *v)
{
    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_jpull_int(j, v) != 0 || *v < min) {
        return -1;
    }

    return 1;
}


/* null, or a boolean: 1 with *b, 0 for null, -1 */
static int
llm_openai_read_bool(llm_jpull_t *j, int *b)
{
    if (llm_jpull_null(j)) {
        return 0;
    }

    return llm_jpull_bool(j, b) == 0 ? 1 : -1;
}


/* reasoning_effort: one of the names llm_effort_from_name knows */
static int
llm_openai_read_effort(llm_openai_read_t *r, llm_jpull_t *j)
{
    llm_str_t  s;

    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_jpull_read_string(r->a, j, &s) != 0) {
        return -1;
    }

    r->req->effort = llm_effort_from_name(s.data);
    return r->req->effort == LLM_EFFORT_UNSET ? -1 : 0;
}


/*
 * One top-level field: its value read into the IR, or checked as the
 * parse checks it (llm_openai_check_field, for those nothing keeps);
 * its bit set in *seen (a repeat is -1).  The fields whose values meet
 * (max_tokens and max_completion_tokens, user and safety_identifier,
 * stream and stream_options) are left for the caller to settle.
 */
static int
llm_openai_read_field(llm_openai_read_t *r, llm_jpull_t *j,
    const llm_str_t *k, uint64_t *seen, int64_t *max_tokens,
    int64_t *max_completion, llm_str_t *safety, int *usage)
{
    int             rc, b;
    double          d;
    int64_t         v;
    unsigned        f;
    llm_request_t  *req;

    req = r->req;
    f = 0;

#define LLM_OPENAI_READ(name)                                                \
    if (llm_jpull_key_is(k, #name)) {                                        \
        f = LLM_OPENAI_F_##name;                                             \
        goto name;                                                           \
    }

    switch (k->len) {
    case 1:
        LLM_OPENAI_READ(n);
        break;
    case 4:
        LLM_OPENAI_READ(seed);
        LLM_OPENAI_READ(stop);
        LLM_OPENAI_READ(user);
        break;
    case 5:
        LLM_OPENAI_READ(model);
        LLM_OPENAI_READ(tools);
        LLM_OPENAI_READ(top_p);
        break;
    case 6:
        LLM_OPENAI_READ(stream);
        break;
    case 8:
        LLM_OPENAI_READ(messages);
        LLM_OPENAI_READ(logprobs);
        break;
    case 10:
        LLM_OPENAI_READ(max_tokens);
        break;
    case 11:
        LLM_OPENAI_READ(temperature);
        LLM_OPENAI_READ(tool_choice);
        break;
    case 14:
        LLM_OPENAI_READ(stream_options);
        break;
    case 15:
        LLM_OPENAI_READ(response_format);
        break;
    case 16:
        LLM_OPENAI_READ(presence_penalty);
        LLM_OPENAI_READ(reasoning_effort);
        break;
    case 17:
        LLM_OPENAI_READ(frequency_penalty);
        LLM_OPENAI_READ(safety_identifier);
        break;
    case 19:
        LLM_OPENAI_READ(parallel_tool_calls);
        break;
    case 21:
        LLM_OPENAI_READ(max_completion_tokens);
        break;
    }

#undef LLM_OPENAI_READ

    /* the fields nothing keeps, and those the parse refuses */
    return llm_openai_check_field(j, k, seen);

model:
    rc = llm_openai_read_opt_string(r->a, j, &req->model);
    goto done;

messages:
    rc = llm_openai_read_messages(r, j);
    goto done;

max_tokens:
    rc = llm_openai_read_int(j, LLM_OPENAI_TOKENS_MIN, max_tokens);
    goto done;

max_completion_tokens:
    rc = llm_openai_read_int(j, LLM_OPENAI_TOKENS_MIN, max_completion);
    goto done;

temperature:
    rc = llm_openai_read_number(j, LLM_OPENAI_TEMPERATURE_MIN,
                                LLM_OPENAI_TEMPERATURE_MAX, &d);
    if (rc == 1) {
        req->temperature = d;
        req->has_temperature = 1;
    }
    goto done;

top_p:
    rc = llm_openai_read_number(j, LLM_OPENAI_TOP_P_MIN,
                                LLM_OPENAI_TOP_P_MAX, &d);
    if (rc == 1) {
        req->top_p = d;
        req->has_top_p = 1;
    }
    goto done;

n:
    rc = llm_openai_read_int(j, LLM_OPENAI_N_MIN, &v);
    if (rc == 1) {
        req->n = v;
        req->has_n = 1;
    }
    goto done;

seed:
    rc = llm_openai_read_int(j, INT64_MIN, &v);
    if (rc == 1) {
        req->seed = v;
        req->has_seed = 1;
    }
    goto done;

presence_penalty:
frequency_penalty:
    rc = llm_openai_read_number(j, LLM_OPENAI_PENALTY_MIN,
                                LLM_OPENAI_PENALTY_MAX, &d);
    if (rc == 1) {
        req->has_penalties = 1;
    }
    goto done;

logprobs:
    rc = llm_openai_read_bool(j, &b);
    if (rc == 1) {
        req->has_logprobs = b;
    }
    goto done;

stop:
    rc = llm_jpull_null(j) ? 0 : llm_openai_read_stop(r, j);
    goto done;

response_format:
    rc = llm_jpull_null(j) ? 0 : llm_openai_read_format(r, j);
    goto done;

tools:
    rc = llm_jpull_null(j) ? 0 : llm_openai_read_tools_once(r, j);
    goto done;

tool_choice:
    rc = llm_jpull_null(j) ? 0 : llm_openai_read_tool_choice(r, j);
    goto done;

parallel_tool_calls:
    rc = llm_openai_read_bool(j, &b);
    if (rc == 1) {
        req->parallel_tool_calls = b;
    }
    goto done;

reasoning_effort:
    rc = llm_openai_read_effort(r, j);
    goto done;

stream:
    rc = llm_openai_read_bool(j, &b);
    if (rc == 1) {
        req->stream = b;
    }
    goto done;

stream_options:
    if (llm_jpull_null(j)) {
        rc = 0;
        goto done;
    }
    *usage = 0;
    rc = llm_openai_check_stream_options(j, usage);
    if (rc == 0) {
        *usage |= 2;                    /* given */
    }
    goto done;

user:
    rc = llm_openai_read_opt_string(r->a, j, &req->user);
    goto done;

safety_identifier:
    rc = llm_openai_read_opt_string(r->a, j, safety);
    goto done;

done:

    if (rc < 0 || (*seen & ((uint64_t) 1 << f))) {
        return -1;
    }

    *seen |= (uint64_t) 1 << f;
    return 0;
}


int
llm_openai_read_request(llm_arena_t *a, const char *body, size_t len,
    llm_request_t *req, llm_warnings_t *w)
{
    int                 rc, usage;
    size_t              i;
    int64_t             max_tokens, max_completion;
    uint64_t            seen;
    llm_str_t           k, safety;
    llm_jpull_t         j;
    llm_openai_read_t   r;

    llm_jpull_init(&j, body, len);

    if (llm_jpull_open(&j, '{') != 0) {
        return 1;
    }

    r.a = a;
    r.req = req;
    r.w = w;
    r.nsystem_cap = 0;
    r.nmessages_cap = 0;
    r.ntools_cap = 0;
    r.open = 0;
    r.seen_turn = 0;

    req->parallel_tool_calls = -1;

    /* as the parse's: never NULL once messages are read */
    if (llm_arena_room(a, (void **) &req->system, 0, &r.nsystem_cap, 8,
                       sizeof(llm_message_t))
        != 0
        || llm_arena_room(a, (void **) &req->messages, 0,
                          &r.nmessages_cap, 8, sizeof(llm_message_t))
           != 0)
    {
        return 1;
    }

    seen = 0;
    usage = 0;
    max_tokens = 0;
    max_completion = 0;
    llm_str_set(&safety, NULL, 0);

    for (i = 0; (rc = llm_jpull_member(&j, i, &k)) == 1; i++) {
        if (llm_openai_read_field(&r, &j, &k, &seen, &max_tokens,
                                  &max_completion, &safety, &usage)
            != 0)
        {
            return 1;
        }
    }

    if (rc != 0 || llm_jpull_end(&j) != 0) {
        return 1;
    }

    /* what the parse requires of the fields together */
    if (req->model.len == 0
        || !(seen & ((uint64_t) 1 << LLM_OPENAI_F_messages))
        || ((usage & 2) && !req->stream))
    {
        return 1;
    }

    /* max_completion_tokens wins over the deprecated max_tokens,
     * safety_identifier over the deprecated user */
    if (max_completion) {
        req->max_tokens = max_completion;
        req->has_max_tokens = 1;

    } else if (max_tokens) {
        req->max_tokens = max_tokens;
        req->has_max_tokens = 1;
    }

    if (safety.data != NULL) {
        req->user = safety;
    }

    req->stream_include_usage = usage & 1;
    return 0;
}


/*
 * The answer (read_response): what llm_openai_parse_response makes of
 * a chat.completion, from the bytes.  choices[0]'s message: reasoning
 * (thinking_blocks, else reasoning_content or reasoning), content as a
 * string or text and refusal parts, refusal, tool calls; its stop; id,
 * model, created, usage.  Declined: an error in the body (the parse
 * makes it an error of its own), no choices[0].message object, the
 * legacy function_call, llama.cpp's timings where they count (no token
 * counts in usage), a number that is not an int64 integer where one
 * counts, and what the request read declines (escaped keys or types, a
 * repeated key, too many members).
 */

/* choices[0].message's members as read: those an assistant message of
 * a request has, and thinking_blocks. */
typedef struct {
    llm_openai_read_msg_t  msg;
    llm_openai_blocks_t    thinking;
} llm_openai_read_answer_t;


/* thinking_blocks (llm_openai_parse_reasoning, for an answer): each a
 * thinking block (a string thinking, a signature a string or null) or a
 * redacted_thinking one (a string data), signatures unwrapped. */
static int
llm_openai_read_thinking(llm_arena_t *a, llm_jpull_t *j,
    llm_openai_blocks_t *bl)
{
    int               rc, is_text, is_sig, is_data, sig_bad;
    size_t            i, n;
    unsigned          seen, bit;
    llm_str_t         k, type, text, sig, data;
    llm_block_t      *b;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    for (n = 0; (rc = llm_jpull_element(j, n)) == 1; n++) {
        if (llm_jpull_open(j, '{') != 0) {
            return -1;
        }

        llm_jpull_keys_init(&ks);
        seen = 0;
        is_text = 0;
        is_sig = 0;
        is_data = 0;
        sig_bad = 0;
        llm_str_set(&type, NULL, 0);
        llm_str_set(&text, NULL, 0);
        llm_str_set(&sig, NULL, 0);
        llm_str_set(&data, NULL, 0);

        for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
            if (llm_jpull_key_is(&k, "type")) {
                bit = 1;
                rc = llm_jpull_plain(j, &type);

            } else if (llm_jpull_key_is(&k, "thinking")) {
                bit = 2;
                rc = llm_openai_read_any(a, j, &text, &is_text);

            } else if (llm_jpull_key_is(&k, "signature")) {
                bit = 4;
                sig_bad = llm_jpull_peek(j) != LLM_JPULL_STRING
                          && llm_jpull_peek(j) != LLM_JPULL_NULL;
                rc = llm_openai_read_any(a, j, &sig, &is_sig);

            } else if (llm_jpull_key_is(&k, "data")) {
                bit = 8;
                rc = llm_openai_read_any(a, j, &data, &is_data);

            } else {
                bit = 0;
                rc = llm_openai_check_other(j, i, &k, &ks);
            }

            if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
                return -1;
            }
        }

        if (rc != 0) {
            return -1;
        }

        b = llm_openai_block_add(a, bl);
        if (b == NULL) {
            return -1;
        }

        if (llm_jpull_key_is(&type, "thinking") && is_text && !sig_bad) {
            b->kind = LLM_BLOCK_REASONING;
            b->text = text;
            if (is_sig) {
                b->signature = sig;
            }
            b->signature_origin = llm_openai_sig_unwrap(&b->signature);

        } else if (llm_jpull_key_is(&type, "redacted_thinking") && is_data) {
            b->kind = LLM_BLOCK_REDACTED_REASONING;
            b->data = data;
            b->signature_origin = llm_openai_sig_unwrap(&b->data);

        } else {
            return -1;
        }
    }

    return rc;
}


/* An answer's tool_calls (llm_openai_parse_tool_calls, not strict): a
 * function with a name, any type, an id made of the call's index when
 * it has none, arguments built as the parse builds them. */
static int
llm_openai_read_answer_calls(llm_arena_t *a, llm_jpull_t *j,
    llm_openai_blocks_t *bl)
{
    int               rc, is;
    char             *id;
    size_t            n, i;
    unsigned          seen, bit;
    llm_str_t         k;
    llm_block_t      *b;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    for (n = 0; (rc = llm_jpull_element(j, n)) == 1; n++) {
        if (llm_jpull_open(j, '{') != 0) {
            return -1;
        }

        b = llm_openai_block_add(a, bl);
        if (b == NULL) {
            return -1;
        }
        b->kind = LLM_BLOCK_TOOL_CALL;

        llm_jpull_keys_init(&ks);
        seen = 0;
        is = 0;

        for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
            if (llm_jpull_key_is(&k, "id")) {
                bit = 1;
                rc = llm_openai_read_any(a, j, &b->id, &is);

            } else if (llm_jpull_key_is(&k, "type")) {
                bit = 2;                /* not read when not strict */
                rc = llm_jpull_skip(j);

            } else if (llm_jpull_key_is(&k, "function")) {
                bit = 4;
                rc = llm_openai_read_call_function(a, j, b);

            } else {
                bit = 0;
                rc = llm_openai_check_other(j, i, &k, &ks);
            }

            if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
                return -1;
            }
        }

        if (rc != 0 || !(seen & 4)) {
            return -1;
        }

        if (b->id.len == 0) {
            id = llm_arena_alloc(a, 32);
            if (id == NULL) {
                return -1;
            }
            llm_str_set(&b->id, id,
                        (size_t) snprintf(id, 32, "call_%zu", n));
        }

        if (llm_openai_args_parse(a, b) != 0) {
            return -1;
        }
    }

    return rc;
}


/* choices[0].message's members (llm_openai_parse_response reads them
 * from the document with llm_json_pick); role and the rest ignored. */
static int
llm_openai_read_answer_message(llm_arena_t *a, llm_jpull_t *j,
    llm_openai_read_answer_t *m)
{
    int               rc, is;
    size_t            i;
    unsigned          seen, bit;
    llm_str_t         k;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    llm_jpull_keys_init(&ks);
    seen = 0;

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "content")) {
            bit = 1u << LLM_OPENAI_M_content;

            switch (llm_jpull_peek(j)) {
            case LLM_JPULL_STRING:
                m->msg.content = 1;
                rc = llm_jpull_read_string(a, j, &m->msg.text);
                break;
            case LLM_JPULL_ARRAY:
                m->msg.content = 2;
                rc = llm_openai_read_parts(a, j, &m->msg.parts, &m->msg.kinds);
                break;
            default:
                rc = llm_jpull_null(j) ? 0 : -1;
            }

        } else if (llm_jpull_key_is(&k, "refusal")) {
            bit = 1u << LLM_OPENAI_M_refusal;
            rc = llm_openai_read_any(a, j, &m->msg.refusal, &is);

        } else if (llm_jpull_key_is(&k, "tool_calls")) {
            bit = 1u << LLM_OPENAI_M_tool_calls;
            rc = (llm_jpull_peek(j) == LLM_JPULL_ARRAY)
                 ? llm_openai_read_answer_calls(a, j, &m->msg.calls)
                 : llm_jpull_skip(j);

        } else if (llm_jpull_key_is(&k, "reasoning_content")) {
            bit = 1u << LLM_OPENAI_M_reasoning_content;
            rc = llm_openai_read_any(a, j, &m->msg.reasoning[0], &is);

        } else if (llm_jpull_key_is(&k, "reasoning")) {
            bit = 1u << LLM_OPENAI_M_reasoning;
            rc = llm_openai_read_any(a, j, &m->msg.reasoning[1], &is);

        } else if (llm_jpull_key_is(&k, "thinking_blocks")) {
            bit = 1u << LLM_OPENAI_M_thinking_blocks;
            rc = (llm_jpull_peek(j) == LLM_JPULL_ARRAY)
                 ? llm_openai_read_thinking(a, j, &m->thinking)
                 : llm_jpull_skip(j);

        } else if (llm_jpull_key_is(&k, "function_call")) {
            /* legacy: an object is the parse's (unless tool_calls is an
             * array, which this does not wait to know) */
            bit = 1u << LLM_OPENAI_M_function_call;
            rc = (llm_jpull_peek(j) == LLM_JPULL_OBJECT)
                 ? -1 : llm_jpull_skip(j);

        } else {
            bit = 0;
            rc = llm_openai_check_other(j, i, &k, &ks);
        }

        if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
            return -1;
        }
    }

    /* parts: text and refusal only */
    return (rc == 0 && !(m->msg.kinds & ~LLM_OPENAI_READ_REFUSAL)) ? 0 : -1;
}


/* A number where the parse reads an integer (json_is_integer): 1 with
 * *v, 0 for a value of another kind (skipped), -1 declined (a real, or
 * beyond int64). */
static int
llm_openai_read_figure(llm_jpull_t *j, int64_t *v)
{
    if (llm_jpull_peek(j) != LLM_JPULL_NUMBER) {
        return llm_jpull_skip(j) == 0 ? 0 : -1;
    }

    return llm_jpull_int(j, v) == 0 ? 1 : -1;
}


/* A figure of usage at v[i], its bit set in *known when found: 0 or
 * -1. */
static int
llm_openai_read_usage_figure(llm_jpull_t *j, int64_t *v, size_t i,
    unsigned *known)
{
    int  rc;

    rc = llm_openai_read_figure(j, &v[i]);
    if (rc > 0) {
        *known |= 1u << i;
    }

    return rc < 0 ? -1 : 0;
}


/*
 * A usage object (details 0), or its prompt_tokens_details (1) or
 * completion_tokens_details (2): the figures llm_usage_from_openai
 * reads, at their index (LLM_USAGE_OPENAI_*) in v, the bit of each found
 * in *known; a value that is not an object holds none (llm_json_pick
 * finds nothing in it).  0 or -1.
 */
static int
llm_openai_read_usage(llm_jpull_t *j, int details, int64_t *v,
    unsigned *known)
{
    int               rc;
    size_t            i;
    unsigned          seen, bit;
    llm_str_t         k;
    llm_jpull_keys_t  ks;

    if (llm_jpull_peek(j) != LLM_JPULL_OBJECT) {
        return llm_jpull_skip(j);
    }

    j->p++;
    llm_jpull_keys_init(&ks);
    seen = 0;

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        bit = 0;

        switch (details) {

        case 0:
            if (llm_jpull_key_is(&k, "prompt_tokens")) {
                bit = 1;
                rc = llm_openai_read_usage_figure(j, v,
                                                  LLM_USAGE_OPENAI_PROMPT,
                                                  known);

            } else if (llm_jpull_key_is(&k, "completion_tokens")) {
                bit = 2;
                rc = llm_openai_read_usage_figure(j, v,
                                                  LLM_USAGE_OPENAI_COMPLETION,
                                                  known);

            } else if (llm_jpull_key_is(&k, "prompt_tokens_details")) {
                bit = 4;
                rc = llm_openai_read_usage(j, 1, v, known);

            } else if (llm_jpull_key_is(&k, "completion_tokens_details")) {
                bit = 8;
                rc = llm_openai_read_usage(j, 2, v, known);
            }
            break;

        case 1:
            if (llm_jpull_key_is(&k, "cached_tokens")) {
                bit = 1;
                rc = llm_openai_read_usage_figure(j, v,
                                                  LLM_USAGE_OPENAI_CACHED,
                                                  known);

            } else if (llm_jpull_key_is(&k, "cache_write_tokens")) {
                bit = 2;
                rc = llm_openai_read_usage_figure(j, v,
                                                  LLM_USAGE_OPENAI_CACHE_WRITE,
                                                  known);
            }
            break;

        default:
            if (llm_jpull_key_is(&k, "reasoning_tokens")) {
                bit = 1;
                rc = llm_openai_read_usage_figure(j, v,
                                                  LLM_USAGE_OPENAI_REASONING,
                                                  known);
            }
        }

        if (bit == 0) {
            rc = llm_openai_check_other(j, i, &k, &ks);
        }

        if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
            return -1;
        }
    }

    return rc;
}


/* choices[0] (the others are only checked): its message, finish_reason
 * and stop_reason. */
static int
llm_openai_read_choice(llm_arena_t *a, llm_jpull_t *j,
    llm_openai_read_answer_t *m, llm_str_t *finish, llm_str_t *reason)
{
    int               rc, is;
    size_t            i;
    unsigned          seen, bit;
    llm_str_t         k;
    llm_jpull_keys_t  ks;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    llm_jpull_keys_init(&ks);
    seen = 0;

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "message")) {
            bit = 1;
            rc = llm_openai_read_answer_message(a, j, m);

        } else if (llm_jpull_key_is(&k, "finish_reason")) {
            bit = 2;
            rc = llm_openai_read_any(a, j, finish, &is);

        } else if (llm_jpull_key_is(&k, "stop_reason")) {
            bit = 4;
            rc = llm_openai_read_any(a, j, reason, &is);

        } else {
            bit = 0;
            rc = llm_openai_check_other(j, i, &k, &ks);
        }

        if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
            return -1;
        }
    }

    /* no message object: the parse's error */
    return (rc == 0 && (seen & 1)) ? 0 : -1;
}


static int
llm_openai_read_choices(llm_arena_t *a, llm_jpull_t *j,
    llm_openai_read_answer_t *m, llm_str_t *finish, llm_str_t *reason)
{
    int     rc;
    size_t  n;

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    for (n = 0; (rc = llm_jpull_element(j, n)) == 1; n++) {
        rc = (n == 0) ? llm_openai_read_choice(a, j, m, finish, reason)
                      : llm_jpull_skip(j);
        if (rc != 0) {
            return -1;
        }
    }

    return (rc == 0 && n > 0) ? 0 : -1;
}


/* The top level's members: their bits */
#define LLM_OPENAI_ANSWER_CHOICES  1
#define LLM_OPENAI_ANSWER_ID       2
#define LLM_OPENAI_ANSWER_MODEL    4
#define LLM_OPENAI_ANSWER_CREATED  8
#define LLM_OPENAI_ANSWER_USAGE    16
#define LLM_OPENAI_ANSWER_TIMINGS  32
#define LLM_OPENAI_ANSWER_OBJECT   64
#define LLM_OPENAI_ANSWER_ERROR    128


int
llm_openai_read_response(llm_arena_t *a, const char *body, size_t len,
    llm_response_t *resp, llm_warnings_t *w)
{
    int                        rc, is, timings, refused;
    size_t                     i;
    int64_t                    v[LLM_USAGE_OPENAI_N];
    unsigned                   seen, bit, known;
    llm_str_t                  k, object, finish, reason;
    llm_jpull_t                j;
    llm_jpull_keys_t           ks;
    llm_openai_blocks_t        bl;
    llm_openai_read_answer_t   m;

    llm_jpull_init(&j, body, len);

    if (llm_jpull_open(&j, '{') != 0) {
        return 1;
    }

    memset(&m, 0, sizeof(m));
    llm_str_set(&finish, NULL, 0);
    llm_str_set(&reason, NULL, 0);
    llm_jpull_keys_init(&ks);
    seen = 0;
    known = 0;
    timings = 0;

    for (i = 0; (rc = llm_jpull_member(&j, i, &k)) == 1; i++) {
        if (llm_jpull_key_is(&k, "choices")) {
            bit = LLM_OPENAI_ANSWER_CHOICES;
            rc = llm_openai_read_choices(a, &j, &m, &finish, &reason);

        } else if (llm_jpull_key_is(&k, "id")) {
            bit = LLM_OPENAI_ANSWER_ID;
            rc = llm_openai_read_any(a, &j, &resp->id, &is);

        } else if (llm_jpull_key_is(&k, "model")) {
            bit = LLM_OPENAI_ANSWER_MODEL;
            rc = llm_openai_read_any(a, &j, &resp->model, &is);

        } else if (llm_jpull_key_is(&k, "created")) {
            bit = LLM_OPENAI_ANSWER_CREATED;
            rc = llm_openai_read_figure(&j, &resp->created) < 0 ? -1 : 0;

        } else if (llm_jpull_key_is(&k, "usage")) {
            bit = LLM_OPENAI_ANSWER_USAGE;
            rc = llm_openai_read_usage(&j, 0, v, &known);

        } else if (llm_jpull_key_is(&k, "timings")) {
            bit = LLM_OPENAI_ANSWER_TIMINGS;
            timings = llm_jpull_peek(&j) == LLM_JPULL_OBJECT;
            rc = llm_jpull_skip(&j);

        } else if (llm_jpull_key_is(&k, "object")) {
            /* "error" (escaped or not) is the parse's */
            bit = LLM_OPENAI_ANSWER_OBJECT;
            if (llm_jpull_peek(&j) == LLM_JPULL_STRING) {
                rc = (llm_jpull_plain(&j, &object) == 0
                      && !llm_jpull_key_is(&object, "error"))
                     ? 0 : -1;
            } else {
                rc = llm_jpull_skip(&j);
            }

        } else if (llm_jpull_key_is(&k, "error")) {
            /* an error answered with a 200: the parse's */
            bit = LLM_OPENAI_ANSWER_ERROR;
            rc = llm_jpull_null(&j) ? 0 : -1;

        } else {
            bit = 0;
            rc = llm_openai_check_other(&j, i, &k, &ks);
        }

        if (llm_openai_check_mark(rc, &seen, bit, i) != 0) {
            return 1;
        }
    }

    if (rc != 0 || llm_jpull_end(&j) != 0
        || !(seen & LLM_OPENAI_ANSWER_CHOICES))
    {
        return 1;
    }

    /* llama.cpp's timings stand in for counts usage does not have */
    llm_usage_openai(&resp->usage, v, known);

    if (timings && !resp->usage.has_input && !resp->usage.has_output) {
        return 1;
    }

    /* the parse's order (llm_openai_parse_reasoning and after):
     * thinking_blocks when any, in place of the reasoning text */
    memset(&bl, 0, sizeof(bl));

    if (m.thinking.n) {
        bl = m.thinking;
        llm_str_set(&m.msg.reasoning[0], NULL, 0);
        llm_str_set(&m.msg.reasoning[1], NULL, 0);
    }

    if (llm_openai_read_assistant(a, &m.msg, &bl) != 0) {
        return 1;
    }

    resp->blocks = bl.elts;
    resp->nblocks = bl.n;

    refused = m.msg.refusal.len != 0;
    llm_openai_response_stop(resp, finish.data, &reason, refused);

    (void) w;                           /* the parse warns of nothing */
    return 0;
}
