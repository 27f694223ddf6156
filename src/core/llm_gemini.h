/*
 * Gemini codec internals shared with the Gemini stream codec: tool call
 * id synthesis and the thought signature origin wrapping.
 */

#ifndef LLM_GEMINI_H
#define LLM_GEMINI_H

#include "llm_ir.h"


/* "call_" + 24 hex digits: 29 characters and the NUL */
#define LLM_GEMINI_CALL_ID_SIZE  30

/*
 * A stable tool call id for a functionCall that came without one, from
 * what identifies the call: seed (responseId upstream, empty for a
 * client history), n1 and n2 (candidate and part index upstream, turn
 * and part index in a history) and the function name.  The charset fits
 * every dialect (^[a-zA-Z0-9_-]+$).  buf holds LLM_GEMINI_CALL_ID_SIZE.
 */
void llm_gemini_call_id(char *buf, const llm_str_t *seed, size_t n1,
    size_t n2, const llm_str_t *name);

/*
 * A thoughtSignature as the IR wants it: "llm:<dialect>:<sig>" is a
 * signature another dialect minted, wrapped by us on its way to a Gemini
 * client; anything else is Gemini's own.  Sets *sig to the bare
 * signature and returns its origin.
 */
llm_dialect_e llm_gemini_sig_unwrap(llm_str_t *sig);

/* The thoughtSignature to send a Gemini client for a signature minted by
 * origin: bare for Gemini's own, wrapped otherwise.  NULL: no memory. */
const char *llm_gemini_sig_wrap(llm_arena_t *a, const llm_str_t *sig,
    llm_dialect_e origin, size_t *len);

/* The google.rpc status name for an error kind ("RESOURCE_EXHAUSTED") */
const char *llm_gemini_rpc_status(llm_err_kind_e kind, int status);

#endif /* LLM_GEMINI_H */
