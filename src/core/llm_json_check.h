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

/* As llm_json_object_members, and in the same pass fills the ns members
 * asked for in sub among those of m[0]'s value, when that is an object:
 * what llm_json_object_members(m[0].value, m[0].value_len, sub, ns)
 * would find after it; sub (apart from m) is empty when m[0] is not an
 * object.  One walk instead of two where a member's members are wanted
 * (the usage counts of a relayed answer). */
int llm_json_object_members_in(const char *p, size_t len,
    llm_json_member_t *m, size_t n, llm_json_member_t *sub, size_t ns);

/* Past one well-formed JSON value starting at p (white space before it
 * allowed), or NULL. */
const char *llm_json_skip(const char *p, const char *end);

/*
 * The length of the JSON object at p (within len bytes) when it is
 * written exactly as llm_json_dump writes the document llm_json_loadb
 * (JSON_REJECT_DUPLICATES) reads from it, so that its text can stand for
 * the document (llm_json_canon.c); then info tells its number of members
 * and whether one is "type".  0 otherwise, also for what the check does
 * not take on (a real not in the writer's shortest form or beyond the
 * exact fast conversion, nesting deeper than 64, more than 64 members in
 * an object).  What follows the object is not looked at.
 */
typedef struct {
    size_t       members;
    int          has_type;
} llm_json_canonical_t;

size_t llm_json_canonical_object(const char *p, size_t len,
    llm_json_canonical_t *info);

#endif /* LLM_JSON_CHECK_H */
