/*
 * Mapping tables shared by the body and stream codecs of every dialect:
 * stop reasons and usage, both directions.  Keeping them in one place
 * keeps streamed and non-streamed answers consistent.
 */

#ifndef LLM_MAP_H
#define LLM_MAP_H

#include "llm_ir.h"
#include "llm_json_write.h"


/* stop reason <-> each dialect's string (NULL in: LLM_STOP_UNSET) */
llm_stop_e llm_stop_from_openai(const char *s);
llm_stop_e llm_stop_from_anthropic(const char *s);
llm_stop_e llm_stop_from_gemini(const char *s);
const char *llm_stop_to_openai(llm_stop_e stop);
const char *llm_stop_to_anthropic(llm_stop_e stop);
const char *llm_stop_to_gemini(llm_stop_e stop);

/* usage <-> each dialect's usage object; from_* read what is present and
 * set has_* (a snapshot: fields absent stay as they were in u); to_*
 * return a new object. */
/*
 * Token counts come from the provider: their sums and differences
 * saturate rather than overflow (a count near INT64_MAX is the
 * provider's garbage, and must not become undefined behaviour or a
 * negative total).
 */
static inline int64_t
llm_usage_add(int64_t a, int64_t b)
{
    int64_t  s;

    if (__builtin_add_overflow(a, b, &s)) {
        return b > 0 ? INT64_MAX : INT64_MIN;
    }

    return s;
}


static inline int64_t
llm_usage_sub(int64_t a, int64_t b)
{
    int64_t  s;

    if (__builtin_sub_overflow(a, b, &s)) {
        return b < 0 ? INT64_MAX : INT64_MIN;
    }

    return s;
}


void llm_usage_from_openai(json_t *j, llm_usage_t *u);
void llm_usage_from_anthropic(json_t *j, llm_usage_t *u);
void llm_usage_from_gemini(json_t *j, llm_usage_t *u);

/* What llm_usage_from_anthropic makes of the figures it finds, for a
 * reader without the document: v[i] for each i set in known. */
enum {
    LLM_USAGE_ANTHROPIC_CACHE_READ = 0,
    LLM_USAGE_ANTHROPIC_CACHE_WRITE,
    LLM_USAGE_ANTHROPIC_INPUT,
    LLM_USAGE_ANTHROPIC_OUTPUT,
    LLM_USAGE_ANTHROPIC_THINKING,
    LLM_USAGE_ANTHROPIC_N
};

void llm_usage_anthropic(llm_usage_t *u, const int64_t *v, unsigned known);

/* What llm_usage_from_openai makes of the figures it finds (prompt and
 * completion tokens, prompt_tokens_details' cached and cache write
 * tokens, completion_tokens_details' reasoning tokens), for a reader
 * without the document: v[i] for each i set in known. */
enum {
    LLM_USAGE_OPENAI_PROMPT = 0,
    LLM_USAGE_OPENAI_COMPLETION,
    LLM_USAGE_OPENAI_CACHED,
    LLM_USAGE_OPENAI_CACHE_WRITE,
    LLM_USAGE_OPENAI_REASONING,
    LLM_USAGE_OPENAI_N
};

void llm_usage_openai(llm_usage_t *u, const int64_t *v, unsigned known);
json_t *llm_usage_to_openai(const llm_usage_t *u);
/* llm_usage_to_openai's object, written as its document dumps */
int llm_usage_write_openai(llm_jw_t *w, const llm_usage_t *u);
json_t *llm_usage_to_anthropic(const llm_usage_t *u);
/* llm_usage_to_anthropic's object, written as its document dumps */
int llm_usage_write_anthropic(llm_jw_t *w, const llm_usage_t *u);
json_t *llm_usage_to_gemini(const llm_usage_t *u);

/* 1 when a body or event relayed without parsing is one JSON object;
 * the usage fields found in the dialect's usage object overwrite u's. */
int llm_usage_relayed(llm_dialect_e d, const char *p, size_t len,
    llm_usage_t *u);

#endif /* LLM_MAP_H */
