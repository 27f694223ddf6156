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

/* A member llm_json_object_members looks for among an object's own
 * members: name is compared with the decoded key; value (value_len
 * bytes) is the raw JSON of the last one found, count how many there are.
 */
typedef struct {
    const char  *name;
    size_t       name_len;
    const char  *value;
    size_t       value_len;
    unsigned     count;
} llm_json_member_t;

/* As llm_json_is_object, and fills the n members asked for (names must
 * be ASCII). */
int llm_json_object_members(const char *p, size_t len, llm_json_member_t *m,
    size_t n);

/* Past one well-formed JSON value starting at p (white space before it
 * allowed), or NULL. */
const char *llm_json_skip(const char *p, const char *end);

#endif /* LLM_JSON_CHECK_H */
