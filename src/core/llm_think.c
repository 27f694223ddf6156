/*
 * Inline "<think>" extraction (see llm_think.h for the rules).
 *
 * The state machine looks at each byte once.  Output is passed on in
 * runs: a run is a stretch of the caller's buffer, cut only where a
 * byte might belong to a tag or to whitespace that may still turn out to
 * precede the close tag.  Held tag bytes need no storage: they are
 * always a prefix of the tag being matched (neither tag repeats its first
 * byte, so a mismatch never hides the start of another match except at
 * the mismatching byte itself, which is looked at again).
 */

#include <string.h>

#include "llm_think.h"


static const char  llm_think_open[] = "<think>";
static const char  llm_think_close[] = "</think>";

#define LLM_THINK_OPEN_LEN   (sizeof(llm_think_open) - 1)
#define LLM_THINK_CLOSE_LEN  (sizeof(llm_think_close) - 1)

#define llm_think_ws(c)  ((c) == ' ' || (c) == '\n' || (c) == '\r'          \
                          || (c) == '\t')


static int llm_think_in(llm_think_t *t, const char *p, size_t n, size_t *i,
    llm_think_pt out, void *data);
static int llm_think_hold(llm_think_t *t, const char *p, size_t n,
    llm_think_pt out, void *data);
static int llm_think_release(llm_think_t *t, llm_think_pt out, void *data);


void
llm_think_init(llm_think_t *t, int implicit_open)
{
    memset(t, 0, sizeof(*t));

    if (implicit_open) {
        t->state = LLM_THINK_IN;
        t->skip = 1;
        t->saw_open = 1;
    }
}


int
llm_think_feed(llm_think_t *t, const char *p, size_t n, llm_think_pt out,
    void *data)
{
    int     rc;
    size_t  i;

    i = 0;

    if (t->state == LLM_THINK_START) {

        for ( /* void */ ; i < n; i++) {

            if (t->match == 0 && llm_think_ws(p[i])) {
                continue;
            }

            if (p[i] == llm_think_open[t->match]) {
                if (++t->match == LLM_THINK_OPEN_LEN) {
                    t->match = 0;
                    t->state = LLM_THINK_IN;
                    t->skip = 1;
                    t->saw_open = 1;
                    i++;
                    break;
                }
                continue;
            }

            /* the text does not start with the tag: it is all answer,
             * including what looked like the tag's beginning */
            t->state = LLM_THINK_ANSWER;

            if (t->match) {
                rc = out(data, 0, llm_think_open, t->match);
                t->match = 0;
                if (rc != 0) {
                    return rc;
                }
            }

            break;
        }

        if (t->state == LLM_THINK_START) {
            return 0;
        }
    }

    if (t->state == LLM_THINK_IN) {
        rc = llm_think_in(t, p, n, &i, out, data);
        if (rc != 0 || t->state == LLM_THINK_IN) {
            return rc;
        }
    }

    /* LLM_THINK_ANSWER */

    if (t->skip) {
        while (i < n && llm_think_ws(p[i])) {
            i++;
        }

        if (i == n) {
            return 0;
        }

        t->skip = 0;
    }

    return (i < n) ? out(data, 0, p + i, n - i) : 0;
}


/*
 * Inside the reasoning: pass it on up to the close tag, holding back a
 * partial tag and the whitespace before it.  *i is left after the tag
 * when it was found (state ANSWER), else at n.
 */
static int
llm_think_in(llm_think_t *t, const char *p, size_t n, size_t *pi,
    llm_think_pt out, void *data)
{
    int     rc;
    char    c;
    size_t  i, run, ws;

    run = *pi;
    ws = n;               /* start of the run's whitespace tail, n: none */

    for (i = *pi; i < n; i++) {
        c = p[i];

        if (t->skip) {
            if (llm_think_ws(c)) {
                run = i + 1;
                continue;
            }
            t->skip = 0;
        }

        if (t->match) {
            if (c == llm_think_close[t->match]) {
                run = i + 1;

                if (++t->match == LLM_THINK_CLOSE_LEN) {
                    /* whitespace before the tag is no part of it */
                    t->match = 0;
                    t->nws = 0;
                    t->state = LLM_THINK_ANSWER;
                    t->skip = 1;
                    *pi = i + 1;
                    return 0;
                }

                continue;
            }

            /* not the tag: what was held is reasoning after all, and
             * this byte is looked at afresh */
            rc = llm_think_release(t, out, data);
            if (rc != 0) {
                return rc;
            }
            run = i;
        }

        if (c == '<') {
            if (t->nws == 0 && ws < i) {
                if (ws > run && (rc = out(data, 1, p + run, ws - run)) != 0) {
                    return rc;
                }
                rc = llm_think_hold(t, p + ws, i - ws, out, data);

            } else {
                rc = (i > run) ? out(data, 1, p + run, i - run) : 0;
            }

            if (rc != 0) {
                return rc;
            }

            t->match = 1;
            run = i + 1;
            ws = n;
            continue;
        }

        if (llm_think_ws(c)) {
            if (t->nws) {
                /* still collecting whitespace held from before */
                rc = llm_think_hold(t, &c, 1, out, data);
                if (rc != 0) {
                    return rc;
                }
                run = i + 1;

            } else if (ws == n) {
                ws = i;
            }

            continue;
        }

        /* an ordinary byte: held whitespace was inside the reasoning */
        if (t->nws) {
            rc = out(data, 1, t->ws, t->nws);
            t->nws = 0;
            if (rc != 0) {
                return rc;
            }
        }

        ws = n;
    }

    *pi = n;

    if (t->match || t->nws) {
        /* the run is empty: everything since was held */
        return 0;
    }

    if (ws < n) {
        if (ws > run && (rc = out(data, 1, p + run, ws - run)) != 0) {
            return rc;
        }
        return llm_think_hold(t, p + ws, n - ws, out, data);
    }

    return (n > run) ? out(data, 1, p + run, n - run) : 0;
}


/* Whitespace that may precede the close tag.  Only the last
 * LLM_THINK_WS_MAX bytes are kept, whatever the pieces: older ones are
 * reasoning for sure (nobody puts that much space before a tag). */
static int
llm_think_hold(llm_think_t *t, const char *p, size_t n, llm_think_pt out,
    void *data)
{
    int     rc;
    size_t  excess;

    if (t->nws + n > LLM_THINK_WS_MAX) {
        excess = t->nws + n - LLM_THINK_WS_MAX;

        if (excess <= t->nws) {
            rc = out(data, 1, t->ws, excess);
            t->nws -= excess;
            memmove(t->ws, t->ws + excess, t->nws);

        } else {
            rc = t->nws ? out(data, 1, t->ws, t->nws) : 0;
            excess -= t->nws;
            t->nws = 0;
            if (rc == 0) {
                rc = out(data, 1, p, excess);
            }
            p += excess;
            n -= excess;
        }

        if (rc != 0) {
            return rc;
        }
    }

    memcpy(t->ws + t->nws, p, n);
    t->nws += n;

    return 0;
}


/* Held whitespace and a partial close tag, as reasoning. */
static int
llm_think_release(llm_think_t *t, llm_think_pt out, void *data)
{
    int     rc;
    size_t  m;

    m = t->match;
    t->match = 0;

    if (t->nws) {
        rc = out(data, 1, t->ws, t->nws);
        t->nws = 0;
        if (rc != 0) {
            return rc;
        }
    }

    return m ? out(data, 1, llm_think_close, m) : 0;
}


int
llm_think_finish(llm_think_t *t, llm_think_pt out, void *data)
{
    int     rc;
    size_t  m;

    rc = 0;

    switch (t->state) {

    case LLM_THINK_START:
        m = t->match;
        t->match = 0;
        if (m) {
            rc = out(data, 0, llm_think_open, m);
        }
        break;

    case LLM_THINK_IN:
        /* cut short (max tokens): a partial tag is reasoning text, the
         * whitespace alone is trailing and goes */
        if (t->match) {
            rc = llm_think_release(t, out, data);
        }
        t->nws = 0;
        break;

    default:
        break;
    }

    t->state = LLM_THINK_ANSWER;
    t->skip = 0;

    return rc;
}
