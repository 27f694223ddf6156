/*
 * llm_json_canonical_object (llm_json_canon.c): a text it takes must be
 * exactly what llm_json_dump writes for the document llm_json_loadb
 * (JSON_REJECT_DUPLICATES) reads from it, or the fast paths would send
 * something else than the document path.  Checked on hand-picked edges,
 * on every object in the fixtures written compact (taken unless it holds
 * a real or an integer of more than 18 digits; a real in the writer's
 * shortest form may be taken too), and on every mutation of
 * those texts at every byte (taken only when the property holds).  Prints
 * TAP.
 *
 *   test_canon [dir ...]     default: t/cases bench/fixtures
 */

#define _DEFAULT_SOURCE

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llm_json.h"
#include "llm_json_check.h"
#include "json_files.h"
#include "tap.h"


static llm_arena_t  arena;
static size_t       objects, taken, mutants, mutants_taken, wrong;
static char         why[300];


/* The property: taken (the whole text) => read back, an object, written
 * as it is.  1 when it holds. */
static int
holds(const char *p, size_t len, int *is_taken)
{
    char                  *out;
    size_t                 n;
    json_t                *j;
    llm_arena_t           *prev;
    llm_json_canonical_t   info;

    *is_taken = llm_json_canonical_object(p, len, &info) == len;
    if (!*is_taken) {
        return 1;
    }

    prev = llm_arena_json_use(&arena);
    j = llm_arena_keep(&arena, llm_json_loadb(p, len, JSON_REJECT_DUPLICATES,
                                              NULL));
    out = json_is_object(j) ? llm_json_dump(&arena, j, &n) : NULL;
    llm_arena_json_use(prev);

    if (out == NULL || n != len || memcmp(out, p, len) != 0
        || info.members != json_object_size(j)
        || info.has_type != (json_object_get(j, "type") != NULL))
    {
        snprintf(why, sizeof(why), "taken, not its document's text: %.*s",
                 (int) (len < 200 ? len : 200), p);
        return 0;
    }

    return 1;
}


/* 1 when j holds a value the check may decline: a real (taken only in
 * the writer's shortest form, which jansson's "%.17g" may not be), or an
 * integer of more than 18 digits (llm_json_canon.c reads at most 18) */
static int
has_declined(json_t *j)
{
    size_t       i;
    const char  *k;
    json_t      *v;

    if (json_is_real(j)
        || (json_is_integer(j)
            && (json_integer_value(j) >= 1000000000000000000LL
                || json_integer_value(j) <= -1000000000000000000LL)))
    {
        return 1;
    }

    if (json_is_object(j)) {
        json_object_foreach(j, k, v) {
            if (has_declined(v)) {
                return 1;
            }
        }
    }

    if (json_is_array(j)) {
        json_array_foreach(j, i, v) {
            if (has_declined(v)) {
                return 1;
            }
        }
    }

    return 0;
}


/* One object of the fixtures, written compact: taken unless it has a
 * value the check declines; then every mutation of its text. */
static void
one_object(json_t *o)
{
    int                 t;
    char               *text, *m;
    size_t              len, i, k;
    static const char   bytes[] = {
        ' ', '\\', '"', '0', '-', '.', 'e', 'u', '}', ']', ',', ':', '{',
        '\x01', '\x7f', (char) 0xc3, (char) 0xa9, 'A', 'n'
    };

    text = json_dumps(o, JSON_COMPACT | JSON_ENCODE_ANY);
    if (text == NULL) {
        return;
    }
    len = strlen(text);

    objects++;
    if (!holds(text, len, &t)) {
        wrong++;
        ok(0, "a fixture object", why);
    }
    taken += t;

    if (!t && !has_declined(o) && len < 60000) {
        /* compact and without declined values: nothing to refuse but depth and
         * width, which the fixtures do not reach */
        snprintf(why, sizeof(why), "a compact object not taken: %.200s",
                 text);
        ok(0, "a fixture object written compact is taken", why);
        wrong++;
    }

    m = malloc(len + 2);
    if (m == NULL) {
        json_text_free(text);
        return;
    }

    for (i = 0; i < len && i < 160; i++) {
        for (k = 0; k < sizeof(bytes); k++) {
            /* replaced */
            memcpy(m, text, len);
            m[i] = bytes[k];
            mutants++;
            if (!holds(m, len, &t)) {
                wrong++;
                ok(0, "a mutation", why);
            }
            mutants_taken += t;

            /* inserted */
            memcpy(m, text, i);
            m[i] = bytes[k];
            memcpy(m + i + 1, text + i, len - i);
            mutants++;
            if (!holds(m, len + 1, &t)) {
                wrong++;
                ok(0, "a mutation", why);
            }
            mutants_taken += t;
        }

        /* what the checks read back, dropped per position */
        llm_arena_free(&arena);
        llm_arena_init(&arena, 16384);

        /* removed */
        memcpy(m, text, i);
        memcpy(m + i, text + i + 1, len - i - 1);
        mutants++;
        if (!holds(m, len - 1, &t)) {
            wrong++;
            ok(0, "a mutation", why);
        }
        mutants_taken += t;
    }

    free(m);
    json_text_free(text);
}


static void
all_objects(json_t *j)
{
    size_t       i;
    const char  *k;
    json_t      *v;

    if (json_is_object(j)) {
        one_object(j);
        json_object_foreach(j, k, v) {
            all_objects(v);
        }

    } else if (json_is_array(j)) {
        json_array_foreach(j, i, v) {
            all_objects(v);
        }
    }
}


static void
one_file(const char *path, void *data)
{
    json_t  *j;

    (void) data;

    j = json_load_file(path, JSON_REJECT_DUPLICATES, NULL);
    all_objects(j);
    json_decref(j);
}


static void
edge(const char *text, int expect)
{
    int                    t;
    char                   name[200];
    llm_json_canonical_t   info;

    t = llm_json_canonical_object(text, strlen(text), &info)
        == strlen(text);
    snprintf(name, sizeof(name), "%s %.150s", expect ? "takes" : "refuses",
             text);
    ok(t == expect, name, NULL);

    if (t && !holds(text, strlen(text), &t)) {
        ok(0, name, why);
    }
}


int
main(int argc, char **argv)
{
    int          i;
    char         deep[1024];
    static const char  *dirs[] = { "t/cases", "bench/fixtures" };

    llm_arena_init(&arena, 16384);

    edge("{}", 1);
    edge("{\"type\":\"object\"}", 1);
    edge("{\"a\":[1,-2,0,true,false,null,\"x\",{},[]]}", 1);
    edge("{\"a\":\"\\u001F\\\"\\\\\\b\\f\\n\\r\\t\"}", 1);
    edge("{\"a\":\"caf\xc3\xa9 \xf0\x9f\x98\x80\"}", 1);
    edge("{\"a\":123456789012345678}", 1);
    edge("{\"a\":1234567890123456789}", 0);     /* maybe beyond int64 */
    edge("{\"a\":\"\\u001f\"}", 0);             /* lower case */
    edge("{\"a\":\"\\u0000\"}", 0);             /* the reader refuses */
    edge("{\"a\":\"\\u000A\"}", 0);             /* "\n" is written */
    edge("{\"a\":\"\\u00e9\"}", 0);             /* written raw */
    edge("{\"a\":\"\\/\"}", 0);                 /* "/" is written */
    edge("{\"a\":\"\x01\"}", 0);                /* the reader refuses */
    edge("{\"a\":\"\xc3\"}", 0);                /* not UTF-8 */
    edge("{\"a\":\"\xed\xa0\x80\"}", 0);        /* a surrogate */
    edge("{\"a\":-0}", 0);                      /* written 0 */
    edge("{\"a\":01}", 0);
    edge("{\"a\":1.5}", 1);                     /* shortest reals */
    edge("{\"a\":[0.5,-0.25,1.0,100.0,0.0001,0.1,0.2]}", 1);
    edge("{\"a\":1e2}", 0);                     /* written 100.0 */
    edge("{\"a\":1.5e0}", 0);
    edge("{\"a\":1.50}", 0);                    /* written 1.5 */
    edge("{\"a\":1.}", 0);
    edge("{\"a\":.5}", 0);
    edge("{\"a\":00.5}", 0);
    edge("{\"a\":-0.0}", 0);                    /* written -0.0? not taken */
    edge("{\"a\":0.0}", 0);
    edge("{\"a\":0.30000000000000004}", 0);     /* beyond the fast path */
    edge("{\"a\":123456789012345.5}", 0);
    edge("{\"a\":1234567890123456.0}", 0);      /* %.17g's range */
    edge("{\"a\":0.00001}", 0);
    edge("{\"a\":1,\"a\":2}", 0);               /* the reader refuses */
    edge("{\"a\":1,\"b\":{\"a\":1}}", 1);
    edge("{\"a\": 1}", 0);
    edge(" {}", 0);
    edge("{}x", 0);
    edge("{\"a\":tru}", 0);
    edge("{\"a\":[1,]}", 0);
    edge("[]", 0);

    /* nesting: 64 objects deep is taken, 65 not */
    for (i = 0; i < 2; i++) {
        int  d, k;

        d = 64 + i;
        deep[0] = '\0';
        for (k = 1; k < d; k++) {
            strcat(deep, "{\"a\":");
        }
        strcat(deep, "{}");
        for (k = 1; k < d; k++) {
            strcat(deep, "}");
        }
        edge(deep, i == 0);
    }

    /* a string as deep as a value may be, and one level deeper: as
     * every other value (the inline string path keeps the depth) */
    for (i = 0; i < 2; i++) {
        int  d, k;

        d = 63 + i;
        deep[0] = '\0';
        for (k = 1; k <= d; k++) {
            strcat(deep, "{\"a\":");
        }
        strcat(deep, "\"x\"");
        for (k = 1; k <= d; k++) {
            strcat(deep, "}");
        }
        edge(deep, i == 0);

        deep[0] = '\0';
        for (k = 1; k < d; k++) {
            strcat(deep, "{\"a\":");
        }
        strcat(deep, "[\"x\"]");
        for (k = 1; k < d; k++) {
            strcat(deep, "}");
        }
        edge(deep, i == 0);
    }

    /* repeated keys among many: names of one length and first byte
     * (compared in turn), and names that differ (found all the same) */
    {
        int  k;

        strcpy(deep, "{");
        for (k = 0; k < 40; k++) {
            sprintf(deep + strlen(deep), "%s\"k%02d\":%d", k ? "," : "", k,
                    k);
        }
        strcat(deep, "}");
        edge(deep, 1);

        deep[strlen(deep) - 1] = '\0';
        strcat(deep, ",\"k05\":1}");
        edge(deep, 0);
    }

    edge("{\"type\":1,\"b\":2,\"items\":3,\"cd\":4,\"type\":5}", 0);
    edge("{\"type\":1,\"b\":2,\"items\":3,\"cd\":4,\"typf\":5}", 1);
    edge("{\"\":1,\"a\":2,\"\":3}", 0);

    if (argc > 1) {
        for (i = 1; i < argc; i++) {
            json_files(argv[i], one_file, NULL);
        }

    } else {
        for (i = 0; i < 2; i++) {
            json_files(dirs[i], one_file, NULL);
        }
    }

    printf("# %zu objects, %zu taken; %zu mutations, %zu taken\n", objects,
           taken, mutants, mutants_taken);

    ok(objects > 1000 && taken * 2 > objects,
       "the fixtures' objects are there, and most are taken", NULL);
    ok(mutants_taken > 1000, "many mutations are taken (and held to the "
       "property)", NULL);
    ok(wrong == 0, "every taken text is its document's text", NULL);

    llm_arena_free(&arena);
    return tap_done();
}
