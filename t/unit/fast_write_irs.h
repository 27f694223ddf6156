/*
 * Hand-made IRs for the fast writers (t/unit/test_fast_paths.c): the
 * shapes the fixtures' bodies do not reach, each written every way by
 * the caller's write().  Escapes in every string, reals at their edges,
 * every block kind (a Gemini functionResponse, nested tool result
 * content, thinking of every origin), merged and empty messages,
 * unanswered and repeated tool calls, schemas without a type, every tool
 * choice, thinking against max_tokens.
 */

#ifndef FAST_WRITE_IRS_H
#define FAST_WRITE_IRS_H

#include <math.h>
#include <string.h>

#include "llm_translate.h"


#define IR_S(s)  { s, sizeof(s) - 1 }

/* a string with every kind of escape, a NUL and non-ASCII in it */
#define IR_ESC   "q\"b\\s/\b\f\n\r\t\x01\x1f\x7f n\0z \xc3\xa9 " \
                 "\xe2\x80\xa8 \xf0\x9f\x98\x80 <\\u0041>"

/* a literal into an llm_str_t */
#define IR_SET(s, lit)  llm_str_set(s, lit, sizeof(lit) - 1)


typedef void (*ir_write_pt)(const char *name, llm_translation_t *doc);


/* a value of the IR, in doc's arena as the parsers make them (documents
 * built in an arena do not release what they hold) */
static json_t *
ir_json(llm_translation_t *doc, const char *text)
{
    json_t       *j;
    llm_arena_t  *prev;

    prev = llm_arena_json_use(&doc->arena);
    j = json_loads(text, JSON_ALLOW_NUL, NULL);
    llm_arena_json_use(prev);

    return llm_arena_keep(&doc->arena, j);
}


static void
ir_block_text(llm_block_t *b, const char *s, size_t n)
{
    memset(b, 0, sizeof(llm_block_t));
    b->kind = LLM_BLOCK_TEXT;
    b->text.data = s;
    b->text.len = n;
}


/* A conversation with every block kind, in messages to merge. */
static void
ir_conversation(llm_translation_t *doc, int variant)
{
    llm_request_t  *r;
    llm_message_t  *m;
    llm_block_t    *b, *c;
    llm_tool_t     *t;
    llm_str_t      *stop;
    llm_arena_t    *a;

    static const llm_str_t  esc = IR_S(IR_ESC);

    a = &doc->arena;
    r = &doc->req;

    IR_SET(&r->model, "m\"odel\\");

    r->system = llm_arena_calloc(a, 3, sizeof(llm_message_t));
    r->nsystem = 3;
    b = llm_arena_calloc(a, 4, sizeof(llm_block_t));
    ir_block_text(&b[0], esc.data, esc.len);
    ir_block_text(&b[1], "", 0);
    ir_block_text(&b[2], "second part", 11);
    b[3].kind = LLM_BLOCK_IMAGE;
    r->system[0].blocks = b;
    r->system[0].nblocks = 4;
    b = llm_arena_calloc(a, 1, sizeof(llm_block_t));
    ir_block_text(&b[0], "", 0);
    r->system[1].blocks = b;
    r->system[1].nblocks = 1;
    b = llm_arena_calloc(a, 1, sizeof(llm_block_t));
    ir_block_text(&b[0], "one part", 8);
    r->system[2].blocks = b;
    r->system[2].nblocks = 1;

    r->messages = llm_arena_calloc(a, 8, sizeof(llm_message_t));
    m = r->messages;

    /* an assistant first (a placeholder goes before it), unless the
     * variant starts with a user turn */
    m->role = variant & 1 ? LLM_ROLE_USER : LLM_ROLE_ASSISTANT;
    b = m->blocks = llm_arena_calloc(a, 6, sizeof(llm_block_t));
    m->nblocks = 6;
    b[0].kind = LLM_BLOCK_REASONING;
    IR_SET(&b[0].text, IR_ESC);
    IR_SET(&b[0].signature, "sig\"");
    b[0].signature_origin = variant & 2 ? LLM_DIALECT_ANTHROPIC
                                        : LLM_DIALECT_OPENAI;
    b[1].kind = LLM_BLOCK_REDACTED_REASONING;
    IR_SET(&b[1].data, "opaque/+=");
    b[1].signature_origin = LLM_DIALECT_ANTHROPIC;
    ir_block_text(&b[2], esc.data, esc.len);
    b[3].kind = LLM_BLOCK_TOOL_CALL;
    IR_SET(&b[3].id, "call 1/\xc3\xa9");
    IR_SET(&b[3].name, "get\"weather");
    b[3].args = ir_json(doc, "{\"city\":\"Par\\u00eds\\n\",\"n\":1.5e300,"
                        "\"k\":[true,null,-0.0,1e-7]}");
    b[4].kind = LLM_BLOCK_TOOL_CALL;
    IR_SET(&b[4].id, "call_0");
    IR_SET(&b[4].name, "f");
    if (variant & 4) {
        IR_SET(&b[4].args_json, " \n\t");

    } else {
        IR_SET(&b[4].args_json, " {\"b\" : [1, 2.50], \"c\":\"\\u00e9\"}");
    }
    b[5].kind = LLM_BLOCK_TOOL_CALL;
    IR_SET(&b[5].id, "call_0");
    IR_SET(&b[5].name, "f");
    b[5].args = ir_json(doc, "{}");
    m++;

    /* results for some of the calls, split over two user messages with
     * one that sends nothing in between (they merge) */
    m->role = LLM_ROLE_USER;
    b = m->blocks = llm_arena_calloc(a, 3, sizeof(llm_block_t));
    m->nblocks = 3;
    ir_block_text(&b[0], "before results", 14);
    b[1].kind = LLM_BLOCK_TOOL_RESULT;
    IR_SET(&b[1].call_id, "call 1/\xc3\xa9");
    b[1].content = c = llm_arena_calloc(a, 1, sizeof(llm_block_t));
    b[1].ncontent = 1;
    ir_block_text(&c[0], esc.data, esc.len);
    b[2].kind = LLM_BLOCK_TOOL_RESULT;
    IR_SET(&b[2].call_id, "call_0");
    b[2].response = ir_json(doc, variant & 8
                            ? "{\"error\":{\"code\":3,\"m\":\"x\\\"\"}}"
                            : "{\"output\":\"fine \\u2028\"}");
    b[2].is_error = (variant & 16) != 0;
    m++;

    m->role = LLM_ROLE_USER;
    b = m->blocks = llm_arena_calloc(a, 2, sizeof(llm_block_t));
    m->nblocks = 2;
    ir_block_text(&b[0], "", 0);
    b[1].kind = LLM_BLOCK_REASONING;
    b[1].signature_origin = LLM_DIALECT_GEMINI;
    m++;

    m->role = LLM_ROLE_USER;
    b = m->blocks = llm_arena_calloc(a, 9, sizeof(llm_block_t));
    m->nblocks = 9;
    b[0].kind = LLM_BLOCK_TOOL_RESULT;
    IR_SET(&b[0].call_id, "other");
    b[0].is_error = 1;
    b[0].content = c = llm_arena_calloc(a, 5, sizeof(llm_block_t));
    b[0].ncontent = variant & 32 ? 5 : 2;
    ir_block_text(&c[0], "", 0);
    c[1].kind = LLM_BLOCK_IMAGE;
    c[2].kind = LLM_BLOCK_TOOL_CALL;
    ir_block_text(&c[3], "nested", 6);
    c[4].kind = LLM_BLOCK_IMAGE;
    IR_SET(&c[4].url, "https://x/\"y\".png");
    b[1].kind = LLM_BLOCK_IMAGE;
    IR_SET(&b[1].media_type, "image/jpg");
    IR_SET(&b[1].data, "AAAA");
    b[2].kind = LLM_BLOCK_IMAGE;
    IR_SET(&b[2].media_type, "application/pdf");
    IR_SET(&b[2].data, "JVBERi0=");
    b[3].kind = LLM_BLOCK_IMAGE;
    IR_SET(&b[3].url, "data:image/webp;base64,UklG");
    b[4].kind = LLM_BLOCK_IMAGE;
    IR_SET(&b[4].url, "https://e.com/a b\xc3\xa9.png");
    b[5].kind = LLM_BLOCK_IMAGE;
    b[6].kind = LLM_BLOCK_TOOL_RESULT;
    IR_SET(&b[6].call_id, "none");
    b[6].response = ir_json(doc, "{\"output\":{\"a\":1},\"more\":[]}");
    b[7].kind = LLM_BLOCK_TOOL_RESULT;
    IR_SET(&b[7].call_id, "empty");
    b[7].content = c = llm_arena_calloc(a, 1, sizeof(llm_block_t));
    b[7].ncontent = 1;
    ir_block_text(&c[0], "", 0);
    b[8].kind = LLM_BLOCK_TOOL_RESULT;
    IR_SET(&b[8].call_id, "bare");
    b[8].response = ir_json(doc, variant & 8 ? "{\"output\":\"\"}"
                                             : "{\"output\":null}");
    m++;

    /* an assistant turn whose calls go unanswered: the results are
     * added in a user turn of their own, or in the next one */
    m->role = LLM_ROLE_ASSISTANT;
    b = m->blocks = llm_arena_calloc(a, 3, sizeof(llm_block_t));
    m->nblocks = variant & 64 ? 3 : 2;
    b[0].kind = LLM_BLOCK_TOOL_CALL;
    IR_SET(&b[0].id, "call_0");
    IR_SET(&b[0].name, "f");
    b[0].args = ir_json(doc, "{\"z\":\"\\u0000\"}");
    b[1].kind = LLM_BLOCK_TOOL_CALL;
    IR_SET(&b[1].id, "late");
    IR_SET(&b[1].name, "f");
    b[1].args = ir_json(doc, "{}");
    ir_block_text(&b[2], "calling", 7);
    m++;

    if (variant & 128) {
        m->role = LLM_ROLE_USER;
        b = m->blocks = llm_arena_calloc(a, 2, sizeof(llm_block_t));
        m->nblocks = 2;
        ir_block_text(&b[0], "answer", 6);
        b[1].kind = LLM_BLOCK_TOOL_RESULT;
        IR_SET(&b[1].call_id, "late");
        m++;
    }

    m->role = LLM_ROLE_SYSTEM;
    m++;

    r->nmessages = m - r->messages;

    r->stop = stop = llm_arena_calloc(a, 3, sizeof(llm_str_t));
    r->nstop = 3;
    IR_SET(&stop[0], "");
    IR_SET(&stop[1], IR_ESC);
    IR_SET(&stop[2], "\n\n");

    r->tools = t = llm_arena_calloc(a, 4, sizeof(llm_tool_t));
    r->ntools = 4;
    IR_SET(&t[0].name, "get\"weather");
    IR_SET(&t[0].description, IR_ESC);
    t[0].schema = ir_json(doc, "{\"properties\":{\"city\":{\"type\":"
                          "\"string\"}},\"required\":[\"city\"]}");
    t[0].strict = 1;
    IR_SET(&t[1].name, "f");
    t[1].schema = ir_json(doc, "{}");
    IR_SET(&t[2].name, "g");
    IR_SET(&t[2].description, "");
    IR_SET(&t[3].name, "h");
    t[3].schema = ir_json(doc, "{\"type\":\"object\",\"x\":0.1}");

    IR_SET(&r->user, IR_ESC);
    r->stream = (variant & 2) != 0;
}


/* The request's scalars, one setting per step. */
static void
ir_scalars(llm_request_t *r, int step)
{
    static const double  reals[] = {
        0.0, -0.0, 1.0, 0.1, 0.95, 0.9499999999999999, 1e-7, 5e-324,
        2.2250738585072014e-308, 0.30000000000000004, 1.5, -2.0,
        1.7976931348623157e308, 123456789012345678.0, 1e21, 1e-5
    };
    static const llm_tool_choice_e  choices[] = {
        LLM_TOOL_CHOICE_UNSET, LLM_TOOL_CHOICE_AUTO, LLM_TOOL_CHOICE_NONE,
        LLM_TOOL_CHOICE_REQUIRED, LLM_TOOL_CHOICE_NAMED
    };
    static const int64_t  maxes[] = { 1, 1025, 1026, 2048, 5000, 100000 };
    static const int64_t  budgets[] = { 0, 1, 1023, 1024, 3000, 20000 };

    r->has_temperature = step % 3 != 0;
    r->temperature = reals[step % 16];
    r->has_top_p = step % 4 != 1;
    r->top_p = reals[(step / 2 + 5) % 16];
    r->has_top_k = step % 5 != 0;
    r->top_k = step % 7 - 2;
    r->has_max_tokens = step % 4 != 3;
    r->max_tokens = maxes[step % 6];
    r->has_n = step % 9 == 1;
    r->n = step % 18 == 1 ? 2 : 1;
    r->has_seed = step % 6 == 2;
    r->has_logprobs = step % 8 == 3;
    r->has_penalties = step % 10 == 4;

    r->tool_choice = choices[step % 5];
    IR_SET(&r->tool_choice_name, "get\"weather");
    r->parallel_tool_calls = step % 3 - 1;

    r->format = (llm_format_e) (step / 3 % 4);
    r->format_schema = NULL;

    r->thinking = (llm_thinking_e) (step / 2 % 4);
    r->thinking_budget = budgets[step % 6];
    r->effort = (llm_effort_e) (step / 5 % 7);
}


static void
hand_irs(ir_write_pt write)
{
    int                 v, step;
    char                name[100];
    json_t             *schema;
    llm_translation_t   doc;

    for (v = 0; v < 256; v += (v < 16 ? 1 : 16)) {
        for (step = 0; step < 48; step++) {
            llm_translation_init(&doc, LLM_DIALECT_OPENAI, LLM_DIALECT_OPENAI);
            ir_conversation(&doc, v);
            ir_scalars(&doc.req, step + v);

            if (doc.req.format == LLM_FORMAT_JSON_SCHEMA && step % 2) {
                schema = ir_json(&doc, "{\"type\":\"object\",\"a\":\"\\t\"}");
                doc.req.format_schema = schema;
            }

            if (step % 11 == 7) {
                /* nothing but what is dropped: the placeholder alone */
                doc.req.nmessages = 0;
                doc.req.ntools = 0;
            }

            snprintf(name, sizeof(name), "hand-made IR %d, step %d", v,
                     step);
            write(name, &doc);
            llm_translation_free(&doc);
        }
    }
}

#endif /* FAST_WRITE_IRS_H */
