/*
 * llm_upstream_path: the exact path per dialect and mode, NUL-terminated;
 * 0 for an invalid model or a buffer one byte too small.  Prints TAP.
 */

#include <stdio.h>
#include <string.h>

#include "llm_path.h"
#include "tap.h"


typedef struct {
    const char     *name;
    llm_dialect_e   d;
    const char     *model;
    int             stream;
    const char     *expect;      /* NULL: refused */
} path_case_t;


static const path_case_t  cases[] = {
    { "OpenAI", LLM_DIALECT_OPENAI, "gpt-4o", 0, "/v1/chat/completions" },
    { "OpenAI, streaming: the same path", LLM_DIALECT_OPENAI, "gpt-4o", 1,
      "/v1/chat/completions" },
    { "Anthropic", LLM_DIALECT_ANTHROPIC, "claude-x", 1, "/v1/messages" },
    { "Gemini", LLM_DIALECT_GEMINI, "gemini-2.5-flash", 0,
      "/v1beta/models/gemini-2.5-flash:generateContent" },
    { "Gemini, streaming", LLM_DIALECT_GEMINI, "gemini-2.5-flash", 1,
      "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse" },
    { "Gemini, a model with a slash is refused", LLM_DIALECT_GEMINI, "a/b",
      0, NULL },
    { "Gemini, an empty model is refused", LLM_DIALECT_GEMINI, "", 0, NULL },
    { "no dialect", LLM_DIALECT_NONE, "m", 0, NULL },
};


int
main(void)
{
    char        buf[256], detail[512];
    size_t      i, n, want;
    llm_str_t   m;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        llm_str_set(&m, cases[i].model, strlen(cases[i].model));
        memset(buf, 'x', sizeof(buf));
        n = llm_upstream_path(cases[i].d, &m, cases[i].stream, buf,
                              sizeof(buf));
        snprintf(detail, sizeof(detail), "%zu: %.*s", n, (int) n, buf);

        if (cases[i].expect == NULL) {
            ok(n == 0, cases[i].name, detail);
            continue;
        }

        want = strlen(cases[i].expect);
        ok(n == want && memcmp(buf, cases[i].expect, n) == 0
           && buf[n] == '\0', cases[i].name, detail);

        /* the exact room fits, one byte less does not */
        n = llm_upstream_path(cases[i].d, &m, cases[i].stream, buf,
                              want + 1);
        ok(n == want && buf[n] == '\0', "room for the path and its NUL",
           cases[i].name);
        n = llm_upstream_path(cases[i].d, &m, cases[i].stream, buf, want);
        ok(n == 0, "one byte too small: refused", cases[i].name);
    }

    return tap_done();
}
