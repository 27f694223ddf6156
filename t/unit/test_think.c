/*
 * The "<think>" splitter (src/core/llm_think.c): every case is fed whole,
 * split at every single point, split at every pair of points, and byte
 * by byte; the reasoning and the answer must come out the same each time,
 * reasoning strictly before answer.  Prints TAP.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llm_think.h"


static int  tests, failures;


typedef struct {
    char    r[512];
    size_t  nr;
    char    a[512];
    size_t  na;
    int     order_bad;     /* reasoning after answer */
    int     empty_piece;
    int     stop_after;    /* > 0: return 1 on that call */
    int     calls;
} sink_t;


static int
sink(void *data, int reasoning, const char *p, size_t n)
{
    sink_t  *s = data;

    s->calls++;

    if (n == 0) {
        s->empty_piece = 1;
    }

    if (reasoning) {
        if (s->na) {
            s->order_bad = 1;
        }
        if (s->nr + n < sizeof(s->r)) {
            memcpy(s->r + s->nr, p, n);
            s->nr += n;
        }

    } else if (s->na + n < sizeof(s->a)) {
        memcpy(s->a + s->na, p, n);
        s->na += n;
    }

    return (s->stop_after && s->calls == s->stop_after) ? 1 : 0;
}


typedef struct {
    const char  *name;
    int          implicit;
    const char  *in;
    const char  *reasoning;
    const char  *answer;
} think_case_t;


static const think_case_t  cases[] = {
    { "tags with newlines", 0,
      "<think>\nLet me see.\n</think>\n\nThe answer.",
      "Let me see.", "The answer." },
    { "leading whitespace", 0, "  \n<think>r</think>a", "r", "a" },
    { "no tags", 0, "plain answer", "", "plain answer" },
    { "a longer tag is not the tag", 0, "<thinking>x</thinking>",
      "", "<thinking>x</thinking>" },
    { "tag not at the start", 0, "See <think>x</think> in code",
      "", "See <think>x</think> in code" },
    { "tag in a JSON string", 0, "{\"a\":\"<think>\"}",
      "", "{\"a\":\"<think>\"}" },
    { "unclosed", 0, "<think>cut short by max_tokens",
      "cut short by max_tokens", "" },
    { "unclosed in a partial close tag", 0, "<think>a < b and c </thin",
      "a < b and c </thin", "" },
    { "unclosed, trailing whitespace", 0, "<think>abc \n ", "abc", "" },
    { "only reasoning", 0, "<think>x</think>", "x", "" },
    { "empty reasoning", 0, "<think></think>\nA", "", "A" },
    { "empty reasoning, /no_think prefill", 0, "<think>\n\n</think>\nA",
      "", "A" },
    { "look-alike close tags", 0, "<think>1 </ think>2</thin k></think>3",
      "1 </ think>2</thin k>", "3" },
    { "nested open tag is text", 0, "<think>a<think>b</think>c",
      "a<think>b", "c" },
    { "double lt", 0, "<think>x <</think>y", "x <", "y" },
    { "empty", 0, "", "", "" },
    { "only whitespace", 0, " \n ", "", "" },
    { "lone lt", 0, "<", "", "<" },
    { "partial open tag", 0, "<thi", "", "<thi" },
    { "whitespace around", 0, "<think>  r \n\n   </think>  a b  ",
      "r", "a b  " },
    { "inner whitespace kept", 0, "<think>a  \n  b</think>c  \n d",
      "a  \n  b", "c  \n d" },
    { "utf-8", 0, "<think>\xc3\xa9 \xc3\xbc</think>\xc3\xb1",
      "\xc3\xa9 \xc3\xbc", "\xc3\xb1" },
    { "long whitespace before the close tag", 0,
      "<think>r                                        </think>a",
      "r        ", "a" },
    { "answer after close tag has a tag", 0,
      "<think>r</think>x</think><think>", "r", "x</think><think>" },
    { "implicit open", 1, "reasoning\n</think>\nanswer",
      "reasoning", "answer" },
    { "implicit open, no close", 1, "all reasoning", "all reasoning", "" },
    { "implicit open, explicit tag is text", 1, "<think>x</think>y",
      "<think>x", "y" },
};


static int
run(const think_case_t *c, const size_t *cuts, size_t ncuts, sink_t *s)
{
    size_t       i, from, to, len;
    llm_think_t  t;

    memset(s, 0, sizeof(*s));
    llm_think_init(&t, c->implicit);

    len = strlen(c->in);
    from = 0;

    for (i = 0; i <= ncuts; i++) {
        to = (i < ncuts) ? cuts[i] : len;
        if (llm_think_feed(&t, c->in + from, to - from, sink, s) != 0) {
            return -1;
        }
        from = to;
    }

    return llm_think_finish(&t, sink, s);
}


static int
check(const think_case_t *c, const sink_t *s)
{
    return s->nr == strlen(c->reasoning)
           && memcmp(s->r, c->reasoning, s->nr) == 0
           && s->na == strlen(c->answer)
           && memcmp(s->a, c->answer, s->na) == 0
           && !s->order_bad && !s->empty_piece;
}


static void
ok(int cond, const char *name, const char *how, const think_case_t *c,
    const sink_t *s)
{
    tests++;

    if (cond) {
        printf("ok %d - %s (%s)\n", tests, name, how);
        return;
    }

    failures++;
    printf("not ok %d - %s (%s)\n", tests, name, how);
    printf("#   reasoning: got \"%.*s\" want \"%s\"\n", (int) s->nr, s->r,
           c->reasoning);
    printf("#   answer:    got \"%.*s\" want \"%s\"\n", (int) s->na, s->a,
           c->answer);
    if (s->order_bad) {
        printf("#   reasoning came after answer\n");
    }
    if (s->empty_piece) {
        printf("#   an empty piece was passed on\n");
    }
}


int
main(void)
{
    int                  good;
    char                 how[64];
    size_t               k, i, j, len, cuts[512];
    sink_t               s;
    llm_think_t          t;
    const think_case_t  *c;

    for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        c = &cases[k];
        len = strlen(c->in);

        run(c, NULL, 0, &s);
        ok(check(c, &s), c->name, "whole", c, &s);

        /* one cut at every point */
        good = 1;
        for (i = 0; i <= len && good; i++) {
            cuts[0] = i;
            run(c, cuts, 1, &s);
            good = check(c, &s);
            snprintf(how, sizeof(how), "cut at %zu", i);
        }
        ok(good, c->name, good ? "every cut" : how, c, &s);

        /* two cuts at every pair of points */
        good = 1;
        for (i = 0; i <= len && good; i++) {
            for (j = i; j <= len && good; j++) {
                cuts[0] = i;
                cuts[1] = j;
                run(c, cuts, 2, &s);
                good = check(c, &s);
                snprintf(how, sizeof(how), "cuts at %zu, %zu", i, j);
            }
        }
        ok(good, c->name, good ? "every pair of cuts" : how, c, &s);

        /* byte by byte, with empty pieces in between */
        for (i = 0; i < len && 2 * i + 1 < 512; i++) {
            cuts[2 * i] = i;
            cuts[2 * i + 1] = i;
        }
        run(c, cuts, 2 * i, &s);
        ok(check(c, &s), c->name, "byte by byte", c, &s);
    }

    /* the callback's result stops the splitter and is returned */
    memset(&s, 0, sizeof(s));
    s.stop_after = 1;
    llm_think_init(&t, 0);
    tests++;
    if (llm_think_feed(&t, "<think>ab</think>cd", 19, sink, &s) == 1
        && s.calls == 1)
    {
        printf("ok %d - a stop from the callback is returned\n", tests);

    } else {
        failures++;
        printf("not ok %d - a stop from the callback is returned\n", tests);
    }

    printf("1..%d\n", tests);
    return failures ? 1 : 0;
}
