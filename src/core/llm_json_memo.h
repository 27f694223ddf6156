/*
 * What the checks found about large JSON values, remembered by the
 * values' exact bytes, per process.
 *
 * A coding agent sends the same tools with every request of a
 * conversation: some 15 KB of schemas, which the pull reader's skip
 * (llm_jpull_skip) and the canonical check (llm_json_canonical_object)
 * read at several instructions a byte.  Comparing them with the bytes
 * of a value found good before costs a small part of that.
 *
 * Only verdicts that are a function of the value's bytes alone are kept,
 * and only "good" ones: a value is found again when the bytes at p start
 * with a kept value's bytes, all of them.  A JSON object or array ends
 * where its bytes say, so the same bytes at p are the same value, ending
 * at the same place, whatever follows.
 *
 * Values under LLM_JSON_MEMO_MIN bytes are not kept: checking them again
 * costs about what looking for them would.  The memo is off (size 0)
 * until llm_json_memo_set_size; it is not thread-safe (one per process,
 * as nginx's workers are).
 */

#ifndef LLM_JSON_MEMO_H
#define LLM_JSON_MEMO_H

#include <stddef.h>
#include <stdint.h>


/* The verdicts, a bit each */
#define LLM_JSON_MEMO_SKIP       1u     /* llm_jpull_skip takes it */
#define LLM_JSON_MEMO_CANONICAL  2u     /* llm_json_canonical_object does */
#define LLM_JSON_MEMO_OPENAI_TOOLS     4u  /* the relay checks of "tools" */
#define LLM_JSON_MEMO_ANTHROPIC_TOOLS  8u  /* (llm_jpull_checked) */
/* a "tools" value the dialect's fast read (read_request) read without a
 * warning: its result is what a writer wrote for it (llm_ir.h, deferred
 * tools) */
#define LLM_JSON_MEMO_OPENAI_TOOLS_READ     16u
#define LLM_JSON_MEMO_ANTHROPIC_TOOLS_READ  32u

#define LLM_JSON_MEMO_MIN        256

/* At most bytes of values kept (their copies: the tables themselves are
 * some 56 KB more while on); 0 turns the memo off and frees what it
 * held. */
void llm_json_memo_set_size(size_t bytes);

/* The length of a kept value with the verdict that the bytes at p
 * (avail of them) start with, its info in *info when info is not NULL;
 * 0 when there is none. */
size_t llm_json_memo_find(unsigned verdict, const char *p, size_t avail,
    uint32_t *info);

/* The len bytes at p, with info, found to have the verdict: kept when
 * they are found so a second time (a value sent once is not copied). */
void llm_json_memo_keep(unsigned verdict, const char *p, size_t len,
    uint32_t info);

/*
 * Results: what was made of a kept value's bytes (a writer's text for
 * them, for one dialect, rdialect), beside a verdict as above.  A value
 * holds one result, the last kept.  find_result is find's, and gives the
 * result (valid until the memo's next keep) and its rdialect.
 */
size_t llm_json_memo_find_result(unsigned verdict, const char *p,
    size_t avail, uint32_t *info, const char **result, size_t *rlen,
    unsigned *rdialect);

/* The len bytes at p, with info, read to the verdict and written as the
 * rlen bytes at result for rdialect: kept as keep keeps. */
void llm_json_memo_keep_result(unsigned verdict, const char *p, size_t len,
    uint32_t info, unsigned rdialect, const char *result, size_t rlen);

/* For the tests and the fuzzers: 1 makes find find nothing and keep keep
 * nothing, what is held staying (a reference run beside the memo's). */
void llm_json_memo_pause(int paused);

typedef struct {
    size_t    values;                   /* kept now */
    size_t    bytes;                    /* their copies, results too */
    size_t    results;                  /* values with a result */
    uint64_t  found;                    /* finds that found */
    uint64_t  missed;
    uint64_t  dropped;                  /* values let go for room */
} llm_json_memo_stats_t;

void llm_json_memo_stats(llm_json_memo_stats_t *st);

/* The finds that found, so far: a caller's difference tells its own */
uint64_t llm_json_memo_found(void);

#endif /* LLM_JSON_MEMO_H */
