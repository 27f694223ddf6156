/*
 * Hand-made IRs for the OpenAI request writer (t/unit/test_fast_paths.c):
 * the shapes of llm_openai_emit_request the fixtures' bodies do not
 * reach, each written by the caller's write() with every profile.
 * System prompts with the /think flags in them, user turns of every form
 * (one text, joined, parts, images moved out of tool results), results
 * of every kind, assistant turns with reasoning of every origin, calls
 * with raw, deferred, missing and odd arguments, tools with and without
 * schemas (deferred too), every tool choice and format, more stop
 * sequences than OpenAI takes, strings that are not UTF-8 where the
 * emitter leaves a member out, reals that are not finite.
 */

#ifndef FAST_WRITE_IRS_OPENAI_H
#define FAST_WRITE_IRS_OPENAI_H

#include <math.h>
#include <string.h>

#include "llm_translate.h"
#include "fast_write_irs.h"


/* doc's IR (the document path's), and the same with deferred values
 * unbuilt (fast; NULL: none) */
typedef void (*oir_write_pt)(const char *name, llm_translation_t *doc,
    llm_translation_t *fast);

/* bytes that are not UTF-8 */
#define OIR_BAD  "ab\xc3(cd"


static llm_block_t *
oir_blocks(llm_translation_t *doc, size_t n)
{
    return llm_arena_calloc(&doc->arena, n, sizeof(llm_block_t));
}


static void
oir_call(llm_translation_t *doc, llm_block_t *b, const char *id,
    const char *name, int how, int deferred)
{
    b->kind = LLM_BLOCK_TOOL_CALL;
    llm_str_set(&b->id, id, strlen(id));
    llm_str_set(&b->name, name, strlen(name));

    switch (how) {

    case 0:
        /* an object, or its compact text deferred (llm_ir.h) */
        if (deferred) {
            IR_SET(&b->args_json, "{\"q\":\"a\\\"b\\\\c\\n\",\"n\":[1,2.5]}");
            b->args_deferred = 1;

        } else {
            b->args = ir_json(doc, "{\"q\":\"a\\\"b\\\\c\\n\","
                              "\"n\":[1,2.5]}");
        }
        break;

    case 1:
        /* the client's raw text, not JSON */
        IR_SET(&b->args_json, "{not json \"\\ \xc3\xa9");
        break;

    case 2:
        /* nothing at all: "{}" */
        break;

    case 3:
        IR_SET(&b->args_json, "");
        b->args = ir_json(doc, "{}");
        break;

    default:
        /* not an object */
        b->args = ir_json(doc, "[1,\"\\u2028\",{\"a\":null}]");
        break;
    }
}


/* A conversation of OpenAI's shapes; variant bits choose among them. */
static void
oir_conversation(llm_translation_t *doc, int variant, int deferred)
{
    llm_request_t  *r;
    llm_message_t  *m;
    llm_block_t    *b, *c;
    llm_tool_t     *t;
    llm_str_t      *stop;

    static const llm_str_t  esc = IR_S(IR_ESC);

    r = &doc->req;

    if (variant & 1) {
        IR_SET(&r->model, IR_ESC);
    } else {
        IR_SET(&r->model, "gpt-4o");
    }

    /* system: flags to strip, an empty entry, an image */
    r->system = llm_arena_calloc(&doc->arena, 3, sizeof(llm_message_t));
    r->nsystem = variant & 2 ? 0 : 3;
    b = oir_blocks(doc, 3);
    ir_block_text(&b[0], "Be brief. /think ", 17);
    b[1].kind = LLM_BLOCK_IMAGE;
    ir_block_text(&b[2], "/no_think and /thinking\n ", 25);
    r->system[0].blocks = b;
    r->system[0].nblocks = 3;
    r->system[1].nblocks = 0;
    b = oir_blocks(doc, 2);
    ir_block_text(&b[0], esc.data, esc.len);
    ir_block_text(&b[1], "", 0);
    r->system[2].blocks = b;
    r->system[2].nblocks = variant & 4 ? 2 : 1;

    r->messages = llm_arena_calloc(&doc->arena, 12, sizeof(llm_message_t));
    m = r->messages;

    /* user: one text (NULL data when the variant says) */
    m->role = LLM_ROLE_USER;
    m->blocks = b = oir_blocks(doc, 2);
    m->nblocks = 1;
    if (variant & 8) {
        b[0].kind = LLM_BLOCK_TEXT;
    } else {
        ir_block_text(&b[0], esc.data, esc.len);
    }
    m++;

    /* assistant: texts joined, reasoning of every origin, calls */
    m->role = LLM_ROLE_ASSISTANT;
    m->blocks = b = oir_blocks(doc, 10);
    m->nblocks = 10;
    b[0].kind = LLM_BLOCK_REASONING;
    IR_SET(&b[0].text, "mine \xe2\x80\xa8");
    IR_SET(&b[0].signature, "osig");
    b[0].signature_origin = LLM_DIALECT_OPENAI;
    ir_block_text(&b[1], "one ", 4);
    oir_call(doc, &b[2], "call_1", "get_weather", variant / 16 % 5,
             deferred);
    b[3].kind = LLM_BLOCK_REASONING;
    IR_SET(&b[3].text, "unsigned");
    b[3].signature_origin = LLM_DIALECT_ANTHROPIC;
    ir_block_text(&b[4], esc.data, esc.len);
    b[5].kind = LLM_BLOCK_REASONING;
    IR_SET(&b[5].text, "foreign");
    IR_SET(&b[5].signature, "asig");
    b[5].signature_origin = LLM_DIALECT_ANTHROPIC;
    oir_call(doc, &b[6], "call \"2\"", "f\\n", (variant / 16 + 2) % 5,
             deferred);
    b[7].kind = LLM_BLOCK_REDACTED_REASONING;
    IR_SET(&b[7].data, "opaque");
    b[8].kind = LLM_BLOCK_REASONING;
    b[8].signature_origin = LLM_DIALECT_OPENAI;
    b[9].kind = LLM_BLOCK_IMAGE;
    IR_SET(&b[9].url, "https://x/y.png");
    if (variant & 64) {
        /* text only, then nothing but a call */
        m->nblocks = 2;
    }
    m++;

    /* the results: text joined, an image moved, Gemini's responses */
    m->role = LLM_ROLE_USER;
    m->blocks = b = oir_blocks(doc, 6);
    m->nblocks = 6;
    b[0].kind = LLM_BLOCK_TOOL_RESULT;
    IR_SET(&b[0].call_id, "call_1");
    b[0].content = c = oir_blocks(doc, 4);
    b[0].ncontent = 4;
    ir_block_text(&c[0], "first", 5);
    c[1].kind = LLM_BLOCK_IMAGE;
    IR_SET(&c[1].media_type, "image/png");
    IR_SET(&c[1].data, "iVBORw0=");
    ir_block_text(&c[2], esc.data, esc.len);
    c[3].kind = LLM_BLOCK_IMAGE;
    IR_SET(&c[3].url, "https://e.com/\xc3\xa9.png");
    if (variant & 128) {
        /* no image: the parts or a joined text */
        c[1].kind = LLM_BLOCK_TEXT;
        c[3].kind = LLM_BLOCK_TOOL_CALL;
    }
    b[1].kind = LLM_BLOCK_TOOL_RESULT;
    IR_SET(&b[1].call_id, "call \"2\"\0x");
    b[1].response = ir_json(doc, variant & 1
                            ? "{\"output\":\"plain \\\"x\\\"\"}"
                            : "{\"output\":7,\"e\":\"\\u0001\"}");
    b[1].is_error = (variant & 2) != 0;
    b[2].kind = LLM_BLOCK_TOOL_RESULT;
    IR_SET(&b[2].call_id, "x");
    b[2].content = c = oir_blocks(doc, 2);
    b[2].ncontent = 2;
    c[0].kind = LLM_BLOCK_IMAGE;
    IR_SET(&c[0].url, "https://only/image");
    c[1].kind = LLM_BLOCK_REASONING;
    b[2].is_error = 1;
    ir_block_text(&b[3], "after", 5);
    b[4].kind = LLM_BLOCK_IMAGE;
    IR_SET(&b[4].media_type, "image/jpeg");
    IR_SET(&b[4].data, "/9j/");
    ir_block_text(&b[5], "\n", 1);
    if (variant & 4) {
        /* results and one text */
        m->nblocks = 4;
    }
    m++;

    /* user: texts only (joined for a profile that flattens), a call */
    m->role = LLM_ROLE_USER;
    m->blocks = b = oir_blocks(doc, 3);
    m->nblocks = 3;
    ir_block_text(&b[0], "a", 1);
    oir_call(doc, &b[1], "stray", "s", 2, deferred);
    ir_block_text(&b[2], esc.data, esc.len);
    m++;

    /* user: an image without a media type or data */
    m->role = LLM_ROLE_USER;
    m->blocks = b = oir_blocks(doc, 1);
    m->nblocks = 1;
    b[0].kind = LLM_BLOCK_IMAGE;
    m++;

    /* nothing to send: an assistant of foreign reasoning only, an empty
     * user turn, a user turn of reasoning */
    m->role = LLM_ROLE_ASSISTANT;
    m->blocks = b = oir_blocks(doc, 1);
    m->nblocks = 1;
    b[0].kind = LLM_BLOCK_REASONING;
    IR_SET(&b[0].text, "g");
    IR_SET(&b[0].signature, "gs");
    b[0].signature_origin = LLM_DIALECT_GEMINI;
    m++;
    m->role = LLM_ROLE_USER;
    m++;
    m->role = LLM_ROLE_SYSTEM;
    m->blocks = b = oir_blocks(doc, 1);
    m->nblocks = 1;
    b[0].kind = LLM_BLOCK_REASONING;
    m++;

    /* an assistant with an empty reasoning of ours only */
    m->role = LLM_ROLE_ASSISTANT;
    m->blocks = b = oir_blocks(doc, 1);
    m->nblocks = 1;
    b[0].kind = LLM_BLOCK_REASONING;
    b[0].signature_origin = LLM_DIALECT_OPENAI;
    m++;

    r->nmessages = m - r->messages;

    /* five stop sequences, one more than OpenAI takes */
    r->stop = stop = llm_arena_calloc(&doc->arena, 5, sizeof(llm_str_t));
    r->nstop = variant & 8 ? 5 : 2;
    IR_SET(&stop[0], IR_ESC);
    stop[1].data = NULL;
    IR_SET(&stop[2], "\n");
    IR_SET(&stop[3], "END");
    IR_SET(&stop[4], "five");

    r->tools = t = llm_arena_calloc(&doc->arena, 4, sizeof(llm_tool_t));
    r->ntools = 4;
    IR_SET(&t[0].name, "get_weather");
    IR_SET(&t[0].description, IR_ESC);
    if (deferred) {
        IR_SET(&t[0].schema_json, "{\"type\":\"object\",\"properties\":"
               "{\"city\":{\"type\":\"string\"}}}");
        t[0].schema_typed = 1;

    } else {
        t[0].schema = ir_json(doc, "{\"type\":\"object\",\"properties\":"
                              "{\"city\":{\"type\":\"string\"}}}");
    }
    t[0].strict = 1;
    IR_SET(&t[1].name, "f\\n");
    IR_SET(&t[1].description, "");
    IR_SET(&t[2].name, "get_weather");
    t[2].schema = ir_json(doc, "{\"x\":[1e300,-0.0,\"\\u00e9\"]}");
    IR_SET(&t[3].name, "h");
    t[3].schema = ir_json(doc, "true");

    r->user = esc;
    r->stream = (variant & 32) != 0;
    r->stream_include_usage = (variant & 2) != 0;
}


/* The scalars, one setting per step: every choice, format, effort,
 * thinking and the limits. */
static void
oir_scalars(llm_translation_t *doc, int step)
{
    llm_request_t  *r;

    static const llm_tool_choice_e  choices[] = {
        LLM_TOOL_CHOICE_UNSET, LLM_TOOL_CHOICE_AUTO, LLM_TOOL_CHOICE_NONE,
        LLM_TOOL_CHOICE_REQUIRED, LLM_TOOL_CHOICE_NAMED
    };
    static const char  *names[] = {
        "", "schema_1", "bad name/\xc3\xa9.x",
        "a_very_long_name_of_more_than_sixty_four_characters_0123456789_abc"
    };

    r = &doc->req;

    r->has_max_tokens = step % 3 != 0;
    r->max_tokens = 1000 + step;
    r->has_temperature = step % 4 != 0;
    r->temperature = step % 4 == 1 ? 0.7 : step % 4 == 2 ? 1e-7 : 2.0;
    r->has_top_p = step % 5 == 1;
    r->top_p = 0.95;
    r->has_top_k = step % 6 == 2;
    r->top_k = 40;
    r->has_n = step % 7 == 3;
    r->n = 3;
    r->has_seed = step % 4 == 3;
    r->seed = -12345;
    r->has_logprobs = step % 5 == 4;
    r->has_penalties = step % 3 == 2;

    r->tool_choice = choices[step % 5];
    if (step % 10 < 5) {
        IR_SET(&r->tool_choice_name, "get_weather");
    } else {
        IR_SET(&r->tool_choice_name, "f\\n");
    }
    r->parallel_tool_calls = step % 3 - 1;

    r->format = (llm_format_e) (step % 4);
    r->format_schema = step % 8 >= 4 ? ir_json(doc, "{\"type\":\"object\"}")
                                     : NULL;
    llm_str_set(&r->format_name, names[step / 2 % 4],
                strlen(names[step / 2 % 4]));

    r->thinking = (llm_thinking_e) (step / 3 % 4);
    r->thinking_budget = step % 2 ? 2048 : 0;
    r->effort = (llm_effort_e) (step / 4 % 7);
}


/* One odd value per step, where the emitter leaves a member out or
 * fails: the writer must decline, or write the same. */
static void
oir_odd(llm_translation_t *doc, int step)
{
    llm_request_t  *r;

    r = &doc->req;

    switch (step % 12) {
    case 0:
        IR_SET(&r->tools[0].description, OIR_BAD);
        break;
    case 1:
        IR_SET(&r->stop[0], OIR_BAD);
        break;
    case 2:
        IR_SET(&r->user, OIR_BAD);
        break;
    case 3:
        r->has_temperature = 1;
        r->temperature = NAN;
        break;
    case 4:
        r->has_top_p = 1;
        r->top_p = INFINITY;
        break;
    case 5:
        /* a tool the degraded choice leaves out, its name not UTF-8 */
        IR_SET(&r->tools[3].name, OIR_BAD);
        break;
    case 6:
        IR_SET(&r->messages[0].blocks[0].text, OIR_BAD);
        break;
    case 7:
        IR_SET(&r->model, OIR_BAD);
        break;
    case 8:
        IR_SET(&r->tool_choice_name, OIR_BAD);
        break;
    case 9:
        IR_SET(&r->system[0].blocks[0].text, OIR_BAD);
        break;
    case 10:
        r->effort = (llm_effort_e) 9;
        break;
    default:
        IR_SET(&r->format_name, OIR_BAD);
        break;
    }
}


static void
oir_one(llm_translation_t *t, int v, int step, int odd, int deferred)
{
    llm_translation_init(t, LLM_DIALECT_ANTHROPIC, LLM_DIALECT_OPENAI);
    oir_conversation(t, v, deferred);
    oir_scalars(t, step + v);
    if (odd) {
        oir_odd(t, step + v);
    }
}


static void
oir_all(oir_write_pt write)
{
    int                 v, step, odd, deferred, rc;
    char                name[100];
    llm_arena_t        *prev;
    llm_translation_t   doc, fast;

    for (v = 0; v < 256; v += (v < 32 ? 1 : 7)) {
        for (step = 0; step < 40; step++) {
            for (odd = 0; odd < 2; odd++) {
                deferred = (v + step) % 3 == 0 && !odd;

                oir_one(&doc, v, step, odd, deferred);
                if (deferred) {
                    /* the document path's: the values built, in its
                     * arena */
                    oir_one(&fast, v, step, odd, deferred);
                    prev = llm_arena_json_use(&doc.arena);
                    rc = llm_request_build_deferred(&doc.arena, &doc.req);
                    llm_arena_json_use(prev);
                    if (rc != 0) {
                        llm_translation_free(&fast);
                        llm_translation_free(&doc);
                        continue;
                    }
                }

                snprintf(name, sizeof(name), "OpenAI hand-made IR %d, "
                         "step %d%s%s", v, step, odd ? ", odd" : "",
                         deferred ? ", deferred" : "");
                write(name, &doc, deferred ? &fast : NULL);
                if (deferred) {
                    llm_translation_free(&fast);
                }
                llm_translation_free(&doc);
            }
        }
    }
}

#endif /* FAST_WRITE_IRS_OPENAI_H */
