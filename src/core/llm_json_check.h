/*
 * A JSON well-formedness check without building a document: syntax,
 * UTF-8, nesting depth.  Used where a body is relayed unchanged but must
 * not reach a client as garbage.
 */

#ifndef LLM_JSON_CHECK_H
#define LLM_JSON_CHECK_H

#include <stddef.h>

#define LLM_JSON_CHECK_DEPTH  512

/* 1 when p..p+len is one JSON object (surrounding white space allowed) */
int llm_json_is_object(const char *p, size_t len);

/* Past one well-formed JSON value starting at p (white space before it
 * allowed), or NULL. */
const char *llm_json_skip(const char *p, const char *end);

#endif /* LLM_JSON_CHECK_H */
