/*
 * Streaming-safe extraction of inline reasoning: "<think>...</think>"
 * at the start of an assistant's text (dialects.md 7.5), for servers that
 * leave the model's raw output in "content" (vLLM without a reasoning
 * parser, llama.cpp with --reasoning-format none, SmolLM3 and other
 * hybrid models).
 *
 * The text may arrive in any number of pieces, split anywhere (inside a
 * tag, inside a UTF-8 sequence: the splitter works on bytes and only
 * ever cuts at a tag, so sequences stay whole across the pieces it
 * emits).  Rules:
 *   - the open tag counts only at the very start of the text (leading
 *     whitespace is skipped), so an answer that mentions "<think>" (in
 *     code, in a JSON string) is never mangled; with implicit_open the
 *     text starts inside the reasoning (templates that prefill the open
 *     tag, DeepSeek-R1 style), and a missing close tag means it is all
 *     reasoning;
 *   - after the close tag, everything is answer; the tag is looked for
 *     only once;
 *   - whitespace right after either tag and right before the close tag
 *     is dropped (the templates put newlines there);
 *   - an unclosed tag at the end: what was held back (a partial close
 *     tag) is reasoning; a partial open tag is answer.
 *
 * At most sizeof("</think>") - 1 tag bytes and LLM_THINK_WS_MAX
 * whitespace bytes are held between calls; nothing is allocated.
 */

#ifndef LLM_THINK_H
#define LLM_THINK_H

#include <stddef.h>


#define LLM_THINK_WS_MAX  32


typedef enum {
    LLM_THINK_START = 0,        /* nothing but whitespace seen yet */
    LLM_THINK_IN,               /* inside the reasoning */
    LLM_THINK_ANSWER            /* after it, or there was none */
} llm_think_state_e;


typedef struct {
    llm_think_state_e   state;
    size_t              match;       /* bytes of the tag matched so far */
    size_t              nws;         /* held whitespace (IN) */
    char                ws[LLM_THINK_WS_MAX];
    unsigned            skip:1;      /* dropping whitespace after a tag */
    unsigned            saw_open:1;  /* a reasoning part was found */
} llm_think_t;


/* Receives one piece of output, in order: reasoning != 0 for reasoning
 * text.  Returns 0, or non-zero to stop (returned by feed/finish). */
typedef int (*llm_think_pt)(void *data, int reasoning, const char *p,
    size_t n);


void llm_think_init(llm_think_t *t, int implicit_open);

/* One piece of the text.  Pieces of the output are passed to out as
 * soon as they are known not to be part of a tag. */
int llm_think_feed(llm_think_t *t, const char *p, size_t n, llm_think_pt out,
    void *data);

/* End of the text: releases what was held back. */
int llm_think_finish(llm_think_t *t, llm_think_pt out, void *data);

#endif /* LLM_THINK_H */
