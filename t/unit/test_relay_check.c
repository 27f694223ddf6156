/*
 * The codecs' check_request (a relayed body checked from its bytes, for
 * llm_passthrough_strict on) against the parse it stands in for.  For
 * each dialect's cases (relay_check_*.h): the bodies the check must
 * decide, passing them with the parse's model and stream, and those it
 * must leave to the parse (valid or not), where llm_check_request must
 * answer exactly as llm_parse_request does.  Then every request body
 * under the case directories given (t/cases): whatever the check passes,
 * the parse accepts alike.  Prints TAP.
 */

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llm_translate.h"
#include "read_file.h"
#include "tap.h"


typedef struct {
    const char  *name;
    const char  *body;
    int          decided;   /* 1: the check passes it; 0: left to parse */
    const char  *model;     /* decided: the model read */
    int          stream;
} relay_case_t;

#include "relay_check_openai.h"
#include "relay_check_anthropic.h"
#include "relay_check_gemini.h"


static const char *
path_model(llm_dialect_e d)
{
    return d == LLM_DIALECT_GEMINI ? "gemini-2.5-flash" : "";
}


/* The check on body: -1, or 0 with r; and the parse's verdict in full. */
static int
check(llm_dialect_e d, const char *body, size_t len, llm_relay_t *r,
    llm_translation_t *full)
{
    const char         *pm;
    llm_str_t           m;
    const llm_codec_t  *c;

    pm = path_model(d);
    llm_str_set(&m, pm, strlen(pm));

    llm_translation_init(full, d, d);
    (void) llm_parse_request(full, body, len, &m);

    c = llm_codec(d);
    memset(r, 0, sizeof(*r));
    r->model = m;

    return c->check_request ? c->check_request(body, len, r) : -1;
}


static int
same_read(const llm_relay_t *r, const llm_translation_t *full)
{
    return full->parsed
           && r->stream == full->req.stream
           && r->model.len == full->req.model.len
           && memcmp(r->model.data, full->req.model.data, r->model.len)
              == 0;
}


static void
run_case(llm_dialect_e d, const relay_case_t *c)
{
    int                 rc, agreed;
    char                name[256], detail[2 * LLM_ERR_MSG_MAX + 64];
    size_t              len;
    llm_str_t           m;
    llm_relay_t         r;
    llm_translation_t   full, t;

    len = strlen(c->body);
    rc = check(d, c->body, len, &r, &full);
    detail[0] = '\0';

    snprintf(name, sizeof(name), "%s %s: %s", llm_dialect_name(d),
             c->decided ? "decided" : "left to the parse", c->name);

    if (c->decided) {
        if (rc != 0) {
            snprintf(detail, sizeof(detail), "the check left it (parse: "
                     "%s)", full.parsed ? "accepts" : full.err.message);
        } else if (!same_read(&r, &full)) {
            snprintf(detail, sizeof(detail), "the parse %s",
                     full.parsed ? "reads another model or stream"
                                 : full.err.message);
        } else if (strlen(c->model) != r.model.len
                   || memcmp(c->model, r.model.data, r.model.len) != 0
                   || c->stream != (int) r.stream)
        {
            snprintf(detail, sizeof(detail), "read model \"%.*s\", "
                     "stream %d", (int) r.model.len, r.model.data,
                     (int) r.stream);
        }
        ok(detail[0] == '\0', name, detail);
        llm_translation_free(&full);
        return;
    }

    llm_str_set(&m, path_model(d), strlen(path_model(d)));
    llm_translation_init(&t, d, d);
    agreed = (llm_check_request(&t, c->body, len, &m) == 0) == full.parsed
             && (full.parsed
                 || strcmp(t.err.message, full.err.message) == 0);

    if (rc == 0) {
        snprintf(detail, sizeof(detail), "the check decided it");
    } else if (!agreed) {
        snprintf(detail, sizeof(detail), "llm_check_request: %s; parse: "
                 "%s", t.err.message, full.err.message);
    }
    ok(detail[0] == '\0', name, detail);

    llm_translation_free(&t);
    llm_translation_free(&full);
}


static llm_dialect_e
dialect_named(const char *s)
{
    if (strstr(s, "\"client\": \"anthropic\"")) {
        return LLM_DIALECT_ANTHROPIC;
    }
    if (strstr(s, "\"client\": \"gemini\"")) {
        return LLM_DIALECT_GEMINI;
    }
    return LLM_DIALECT_OPENAI;
}


/* every request case under dir/<dialect>/req_*: what the check passes,
 * the parse accepts alike */
static void
run_dir(const char *top)
{
    int                 decided[3], total[3];
    char                path[1024], name[1200], *cs, *body;
    size_t              len, cslen, i;
    DIR                *dir;
    llm_relay_t         r;
    llm_dialect_e       d;
    struct dirent      *e;
    llm_translation_t   full;
    static const char  *sub[] = { "openai", "anthropic", "gemini" };

    memset(decided, 0, sizeof(decided));
    memset(total, 0, sizeof(total));

    for (i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "%s/%s", top, sub[i]);
        dir = opendir(path);
        if (dir == NULL) {
            continue;
        }

        while ((e = readdir(dir)) != NULL) {
            if (strncmp(e->d_name, "req", 3) != 0) {
                continue;
            }

            snprintf(path, sizeof(path), "%s/%s/%s/case.json", top, sub[i],
                     e->d_name);
            cs = read_file(path, &cslen);
            snprintf(path, sizeof(path), "%s/%s/%s/input.json", top, sub[i],
                     e->d_name);
            body = read_file(path, &len);
            if (cs == NULL || body == NULL) {
                free(cs);
                free(body);
                continue;
            }

            d = dialect_named(cs);
            total[d - 1]++;

            if (check(d, body, len, &r, &full) == 0) {
                decided[d - 1]++;
                snprintf(name, sizeof(name), "case %s/%s: the parse reads "
                         "the same", sub[i], e->d_name);
                ok(same_read(&r, &full), name, full.err.message);
            }

            llm_translation_free(&full);
            free(cs);
            free(body);
        }

        closedir(dir);
    }

    for (i = 0; i < 3; i++) {
        printf("# %s request cases: %d of %d decided by the check\n",
               sub[i], decided[i], total[i]);
    }
}


int
main(int argc, char **argv)
{
    size_t  i;

    for (i = 0; i < sizeof(relay_cases_openai) / sizeof(relay_case_t); i++)
    {
        run_case(LLM_DIALECT_OPENAI, &relay_cases_openai[i]);
    }
    for (i = 0; i < sizeof(relay_cases_anthropic) / sizeof(relay_case_t);
         i++)
    {
        run_case(LLM_DIALECT_ANTHROPIC, &relay_cases_anthropic[i]);
    }
    for (i = 0; i < sizeof(relay_cases_gemini) / sizeof(relay_case_t); i++)
    {
        run_case(LLM_DIALECT_GEMINI, &relay_cases_gemini[i]);
    }

    if (argc > 1) {
        run_dir(argv[1]);
    }

    return tap_done();
}
