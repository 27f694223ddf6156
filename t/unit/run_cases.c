/*
 * Fixture-driven tests of src/core: every directory under t/cases that
 * holds a case.json is one test.  Prints TAP.
 *
 * case.json:
 *   {"op": "request" | "response" | "error",
 *    "client": "openai", "upstream": "anthropic",
 *    "path_model": "gemini-2.5-flash",        optional (Gemini clients)
 *    "options": {"default_max_tokens": 4096, "upstream_model": "x",
 *                "now": 1767225600,
 *                "profile": "llamacpp smollm3"},  optional
 *    "status": 429, "retry_after": 7,         error op: upstream status
 *    "expect_status": 429,                    error op, or a failing op
 *    "expect_retry_after": 7,                 optional
 *    "expect_warnings": ["temperature"]}      optional, exact set
 *   input.json or input.txt     the body to translate
 *   request.json                response/error ops: the client request
 *   expected.json               the expected output (JSON equality)
 *
 * A request/response op that should fail has "expect_status" and its
 * expected.json is the client-dialect error body.
 */

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "llm_translate.h"
#include "read_file.h"


static int  tests, failures;


static void
ok(int cond, const char *name, const char *diag, const char *got)
{
    tests++;
    if (cond) {
        printf("ok %d - %s\n", tests, name);
        return;
    }
    failures++;
    printf("not ok %d - %s\n", tests, name);
    if (diag) {
        printf("# %s\n", diag);
    }
    if (got) {
        printf("# got: %s\n", got);
    }
}


static llm_dialect_e
dialect(json_t *c, const char *key)
{
    const char  *s = json_string_value(json_object_get(c, key));

    return s ? llm_dialect_from_name(s, strlen(s)) : LLM_DIALECT_NONE;
}


static void
run_case(const char *dir, const char *name)
{
    int                 rc, status, expect_status;
    char                path[4096], *input, *out, *reqbody, diag[1024];
    size_t              len, outlen, reqlen;
    json_t             *c, *expected, *got, *opts, *warn, *v;
    json_error_t        jerr;
    llm_str_t           path_model;
    const char         *op, *s;
    llm_translation_t   t;

    snprintf(path, sizeof(path), "%s/case.json", dir);
    c = json_load_file(path, 0, &jerr);
    if (c == NULL) {
        ok(0, name, "case.json does not parse", jerr.text);
        return;
    }

    snprintf(path, sizeof(path), "%s/input.json", dir);
    input = read_file(path, &len);
    if (input == NULL) {
        snprintf(path, sizeof(path), "%s/input.txt", dir);
        input = read_file(path, &len);
    }
    snprintf(path, sizeof(path), "%s/expected.json", dir);
    expected = json_load_file(path, 0, &jerr);

    if (input == NULL || expected == NULL) {
        ok(0, name, "input.{json,txt} or expected.json missing or invalid",
           NULL);
        json_decref(c);
        json_decref(expected);
        free(input);
        return;
    }

    op = json_string_value(json_object_get(c, "op"));
    expect_status = (int) json_integer_value(json_object_get(c,
                                                             "expect_status"));

    llm_translation_init(&t, dialect(c, "client"), dialect(c, "upstream"));

    opts = json_object_get(c, "options");
    if ((v = json_object_get(opts, "default_max_tokens"))) {
        t.opt.default_max_tokens = json_integer_value(v);
    }
    if ((s = json_string_value(json_object_get(opts, "upstream_model")))) {
        llm_str_set(&t.opt.upstream_model, s, strlen(s));
    }
    if ((s = json_string_value(json_object_get(opts, "profile")))) {
        /* "llamacpp smollm3 ...": llm_profile's arguments */
        while (*s) {
            const char  *e, *why;

            for (e = s; *e && *e != ' '; e++) { /* void */ }
            if (e > s
                && llm_profile_set(&t.opt.profile, s, e - s, &why) != 0)
            {
                ok(0, name, why, s);
                goto done;
            }
            s = *e ? e + 1 : e;
        }
    }
    t.opt.now = 1767225600;
    if ((v = json_object_get(opts, "now"))) {
        t.opt.now = json_integer_value(v);
    }

    path_model.data = NULL;
    path_model.len = 0;
    if ((s = json_string_value(json_object_get(c, "path_model")))) {
        llm_str_set(&path_model, s, strlen(s));
    }

    out = NULL;
    outlen = 0;
    status = 200;
    rc = -1;

    if (op && strcmp(op, "request") == 0) {
        rc = llm_parse_request(&t, input, len, &path_model);
        if (rc == 0) {
            rc = llm_emit_request(&t, &out, &outlen);
        }

    } else if (op && (strcmp(op, "response") == 0
                      || strcmp(op, "error") == 0))
    {
        snprintf(path, sizeof(path), "%s/request.json", dir);
        reqbody = read_file(path, &reqlen);
        if (reqbody) {
            rc = llm_parse_request(&t, reqbody, reqlen, &path_model);
            free(reqbody);
            if (rc != 0) {
                ok(0, name, "request.json rejected", t.err.message);
                goto done;
            }
        }

        if (op[0] == 'r') {
            rc = llm_translate_response(&t, input, len, &out, &outlen);

        } else {
            rc = llm_translate_error(&t,
                     (int) json_integer_value(json_object_get(c, "status")),
                     input, len,
                     json_integer_value(json_object_get(c, "retry_after")),
                     &out, &outlen, &status);
            if (rc == 0 && expect_status
                && status != expect_status)
            {
                snprintf(diag, sizeof(diag), "status %d, expected %d",
                         status, expect_status);
                ok(0, name, diag, out);
                goto done;
            }
            if (rc == 0 && json_object_get(c, "expect_retry_after")
                && t.err.retry_after
                   != json_integer_value(json_object_get(c,
                                                  "expect_retry_after")))
            {
                snprintf(diag, sizeof(diag), "retry_after %lld",
                         (long long) t.err.retry_after);
                ok(0, name, diag, out);
                goto done;
            }
        }

    } else {
        ok(0, name, "unknown op", op);
        goto done;
    }

    if (rc != 0 && op[0] != 'e') {
        if (!expect_status) {
            ok(0, name, "translation failed", t.err.message);
            goto done;
        }
        if (t.err.status != expect_status) {
            snprintf(diag, sizeof(diag), "error status %d, expected %d: %s",
                     t.err.status, expect_status, t.err.message);
            ok(0, name, diag, NULL);
            goto done;
        }
        out = llm_error_body(&t.arena, t.client, &t.err, &outlen);

    } else if (rc == 0 && expect_status && op[0] != 'e') {
        ok(0, name, "translation succeeded, expected an error", out);
        goto done;

    } else if (rc != 0) {
        ok(0, name, "error translation failed", t.err.message);
        goto done;
    }

    got = out ? json_loadb(out, outlen, 0, &jerr) : NULL;
    if (got == NULL) {
        ok(0, name, "output is not JSON", out);
        goto done;
    }

    if (!json_equal(got, expected)) {
        char  *e = json_dumps(expected, JSON_COMPACT | JSON_SORT_KEYS);
        char  *g = json_dumps(got, JSON_COMPACT | JSON_SORT_KEYS);

        snprintf(diag, sizeof(diag), "output differs; expected (sorted):");
        ok(0, name, diag, NULL);
        printf("# expected: %s\n# got:      %s\n", e, g);
        llm_json_free_str(e);
        llm_json_free_str(g);
        json_decref(got);
        goto done;
    }
    json_decref(got);

    warn = json_object_get(c, "expect_warnings");
    if (warn) {
        size_t  i, j, found;

        found = json_array_size(warn) == t.warn.n;
        for (i = 0; found && i < json_array_size(warn); i++) {
            s = json_string_value(json_array_get(warn, i));
            found = 0;
            for (j = 0; s && j < t.warn.n; j++) {
                if (strcmp(t.warn.items[j], s) == 0) {
                    found = 1;
                }
            }
        }
        if (!found) {
            char  wl[256] = "";

            for (j = 0; j < t.warn.n; j++) {
                strncat(wl, t.warn.items[j], sizeof(wl) - strlen(wl) - 2);
                strncat(wl, ",", sizeof(wl) - strlen(wl) - 1);
            }
            ok(0, name, "warnings differ", wl);
            goto done;
        }
    }

    ok(1, name, NULL, NULL);

done:

    llm_translation_free(&t);
    json_decref(c);
    json_decref(expected);
    free(input);
}


static int
cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}


static void
walk(const char *dir, const char *rel)
{
    DIR            *d;
    struct dirent  *e;
    struct stat     st;
    char            path[4096], relp[4096], **names;
    size_t          n, cap, i;

    snprintf(path, sizeof(path), "%s/case.json", dir);
    if (stat(path, &st) == 0) {
        run_case(dir, rel);
        return;
    }

    d = opendir(dir);
    if (d == NULL) {
        return;
    }

    names = NULL;
    n = cap = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') {
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof(char *));
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);

    qsort(names, n, sizeof(char *), cmp);

    for (i = 0; i < n; i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        snprintf(relp, sizeof(relp), "%s%s%s", rel, rel[0] ? "/" : "",
                 names[i]);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk(path, relp);
        }
        free(names[i]);
    }
    free(names);
}


int
main(int argc, char **argv)
{
    const char  *root = argc > 1 ? argv[1] : "t/cases";

    walk(root, "");

    printf("1..%d\n", tests);
    return failures ? 1 : 0;
}
