/*
 * Differential check of llm_json_loadb / llm_json_dump against jansson,
 * shared by t/unit/test_json.c and the fuzz target t/fuzz/fuzz_json.c:
 * both parsers must accept the same inputs and build equal documents,
 * and both writers must write the same bytes but for reals, which ours
 * writes shorter (llm_json.h): there the text must read back as the same
 * document, and with the reals set aside the bytes must still be equal.
 */

#ifndef JSON_DIFF_H
#define JSON_DIFF_H

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "llm_json.h"
#include "llm_json_check.h"


static const size_t  json_diff_flags[] = {
    0,
    JSON_REJECT_DUPLICATES,
    JSON_ALLOW_NUL | JSON_DECODE_ANY,
};


/*
 * jansson's one known leniency: a NUL byte right after a number or a
 * literal is skipped (its lexer "ungets" the byte after the token, and a
 * NUL in its look-ahead buffer reads as "empty"), so it accepts "[1\0]".
 * llm_json_loadb refuses it.  Where only that differs, the input without
 * those bytes must give what jansson gave.
 */
static int
json_diff_nul_quirk(const char *data, size_t size, size_t flags,
    json_t *theirs)
{
    int      same;
    char    *copy;
    json_t  *ours;
    size_t   i, n;

    copy = malloc(size + 1);
    if (copy == NULL || memchr(data, '\0', size) == NULL) {
        free(copy);
        return 0;
    }

    n = 0;
    for (i = 0; i < size; i++) {
        if (data[i] == '\0' && i > 0
            && ((data[i - 1] >= '0' && data[i - 1] <= '9')
                || (data[i - 1] >= 'a' && data[i - 1] <= 'z')))
        {
            continue;
        }
        copy[n++] = data[i];
    }

    ours = llm_json_loadb(copy, n, flags, NULL);
    same = ours && json_equal(ours, theirs);
    json_decref(ours);
    free(copy);
    return same;
}


/*
 * llm_json_is_object (relayed answers) against jansson: they must agree
 * on whether the text is one JSON object, but where the check is meant to
 * differ: it does not look at what a \\u escape encodes, numbers beyond
 * jansson's range are well-formed JSON, jansson skips some NUL bytes
 * (above), and the check's depth limit is lower.
 */
static const char *
json_diff_check(const char *data, size_t size)
{
    int            is, excused;
    json_t        *j;
    size_t         i, depth, max;
    json_error_t   jerr;

    depth = max = 0;
    excused = 0;

    for (i = 0; i < size; i++) {
        if (data[i] == '{' || data[i] == '[') {
            max = ++depth > max ? depth : max;
        } else if ((data[i] == '}' || data[i] == ']') && depth) {
            depth--;
        }
        excused |= data[i] == '\0'
                   || (data[i] == '\\' && i + 1 < size && data[i + 1] == 'u');
    }

    excused |= max >= LLM_JSON_CHECK_DEPTH;   /* counted loosely */

    j = json_loadb(data, size, JSON_ALLOW_NUL, &jerr);
    is = llm_json_is_object(data, size);

    if (j == NULL && (strstr(jerr.text, "overflow") != NULL
                      || strstr(jerr.text, "too big") != NULL))
    {
        excused = 1;
    }

    if (!excused && is != (j != NULL && json_is_object(j))) {
        json_decref(j);
        return is ? "llm_json_is_object passes what jansson refuses"
                  : "llm_json_is_object refuses an object jansson reads";
    }

    json_decref(j);
    return NULL;
}


/* a and b equal, reals to the bit (json_equal finds 0.0 == -0.0) */
static int
json_diff_same(json_t *a, json_t *b)
{
    size_t       i;
    json_t      *v;
    const char  *key;

    if (json_typeof(a) != json_typeof(b)) {
        return 0;
    }

    switch (json_typeof(a)) {

    case JSON_REAL:
        return json_real_value(a) == json_real_value(b)
               && !signbit(json_real_value(a)) == !signbit(json_real_value(b));

    case JSON_ARRAY:
        if (json_array_size(a) != json_array_size(b)) {
            return 0;
        }
        for (i = 0; i < json_array_size(a); i++) {
            if (!json_diff_same(json_array_get(a, i), json_array_get(b, i))) {
                return 0;
            }
        }
        return 1;

    case JSON_OBJECT:
        if (json_object_size(a) != json_object_size(b)) {
            return 0;
        }
        json_object_foreach(a, key, v) {
            if (json_object_get(b, key) == NULL
                || !json_diff_same(v, json_object_get(b, key)))
            {
                return 0;
            }
        }
        return 1;

    default:
        return json_equal(a, b);
    }
}


/* A copy of j with every real replaced by the integer 0. */
static json_t *
json_diff_unreal(json_t *j)
{
    size_t       i;
    json_t      *c, *v;
    const char  *key;

    switch (json_typeof(j)) {

    case JSON_REAL:
        return json_integer(0);

    case JSON_ARRAY:
        c = json_array();
        for (i = 0; i < json_array_size(j); i++) {
            json_array_append_new(c, json_diff_unreal(json_array_get(j, i)));
        }
        return c;

    case JSON_OBJECT:
        c = json_object();
        json_object_foreach(j, key, v) {
            json_object_set_new_nocheck(c, key, json_diff_unreal(v));
        }
        return c;

    default:
        return json_incref(j);
    }
}


/*
 * Where our writer's text for j (ours) differs from json_dumps': both
 * readers must read it back as j, reals to the bit, and without its reals
 * j must be written byte for byte as json_dumps writes it.
 */
static const char *
json_diff_reals(json_t *j, const char *ours, size_t len)
{
    char         *t, *o;
    json_t       *back, *u;
    size_t        n;
    const char   *diff;
    llm_arena_t   arena;

    diff = NULL;

    back = json_loadb(ours, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    if (back == NULL || !json_diff_same(j, back)) {
        diff = "written text does not read back the same (jansson)";
    }
    json_decref(back);

    back = llm_json_loadb(ours, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    if (diff == NULL && (back == NULL || !json_diff_same(j, back))) {
        diff = "written text does not read back the same";
    }
    json_decref(back);

    if (diff) {
        return diff;
    }

    u = json_diff_unreal(j);
    t = json_dumps(u, JSON_COMPACT | JSON_ENCODE_ANY);

    llm_arena_init(&arena, 4096);
    o = llm_json_dump(&arena, u, &n);

    if (t == NULL || o == NULL || strlen(t) != n || memcmp(t, o, n) != 0) {
        diff = "written bytes differ (reals set aside)";
    }

    llm_arena_free(&arena);
    llm_json_free_str(t);
    json_decref(u);
    return diff;
}


/* NULL when both agree, else what differs */
static const char *
json_diff(const char *data, size_t size)
{
    char         *theirs, *ours;
    json_t       *a, *b;
    size_t        i, len;
    const char   *diff;
    llm_arena_t   arena;

    diff = NULL;

    for (i = 0; diff == NULL && i < sizeof(json_diff_flags)
                                    / sizeof(json_diff_flags[0]); i++)
    {
        a = json_loadb(data, size, json_diff_flags[i], NULL);
        b = llm_json_loadb(data, size, json_diff_flags[i], NULL);

        if (a && b == NULL
            && json_diff_nul_quirk(data, size, json_diff_flags[i], a))
        {
            /* jansson's NUL leniency, see above */

        } else if ((a == NULL) != (b == NULL)) {
            diff = a ? "jansson accepts, llm_json_loadb rejects"
                     : "llm_json_loadb accepts, jansson rejects";

        } else if (a && !json_equal(a, b)) {
            diff = "documents differ";

        } else if (a) {
            theirs = json_dumps(a, JSON_COMPACT | JSON_ENCODE_ANY);

            llm_arena_init(&arena, 4096);
            ours = llm_json_dump(&arena, b, &len);

            if ((theirs == NULL) != (ours == NULL)) {
                diff = "one writer fails";

            } else if (theirs
                       && (strlen(theirs) != len
                           || memcmp(theirs, ours, len) != 0))
            {
                diff = json_diff_reals(b, ours, len);
            }

            llm_arena_free(&arena);
            llm_json_free_str(theirs);
        }

        json_decref(a);
        json_decref(b);
    }

    if (diff == NULL) {
        diff = json_diff_check(data, size);
    }

    return diff;
}

#endif /* JSON_DIFF_H */
