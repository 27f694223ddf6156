/*
 * The codecs' shared readers (llm_ir.c): llm_json_pick() must return
 * what json_object_get() returns for every name, and llm_path_format()
 * what snprintf() writes for the formats it knows, cut the same way at
 * every buffer size.  Prints TAP.
 */

#include <stdio.h>
#include <string.h>

#include "llm_codec.h"
#include "tap.h"


static const llm_json_name_t  names[] = {
    llm_json_name("role"), llm_json_name("content"),
    llm_json_name("refusal"), llm_json_name("reasoning"),
    llm_json_name("reasoning_content"), llm_json_name("r"),
    llm_json_name("tool_calls"), llm_json_name("tool_call_id")
};

#define NNAMES  (sizeof(names) / sizeof(names[0]))


static void
pick_case(const char *name, const char *text, const char *other)
{
    int           same;
    char          detail[256];
    size_t        i;
    const char   *got;
    json_t       *o, *out[NNAMES];
    json_error_t  e;

    o = json_loads(text, 0, &e);
    if (o == NULL) {
        ok(0, name, e.text);
        return;
    }

    got = llm_json_pick(o, names, NNAMES, out);

    same = 1;
    detail[0] = '\0';
    for (i = 0; i < NNAMES; i++) {
        if (out[i] != json_object_get(o, names[i].name)) {
            same = 0;
            snprintf(detail, sizeof(detail), "member %s differs",
                     names[i].name);
            break;
        }
    }

    if (same && (got == NULL || other == NULL ? got != other
                                              : strcmp(got, other) != 0))
    {
        same = 0;
        snprintf(detail, sizeof(detail), "first other member %s, "
                 "expected %s", got ? got : "(none)",
                 other ? other : "(none)");
    }

    ok(same, name, detail);
    json_decref(o);
}


static void
format_sizes(const char *name, const char *want, size_t wantlen,
    size_t (*call)(char *p, size_t size))
{
    int     same;
    char    buf[128], detail[256];
    size_t  size, n;

    same = 1;
    detail[0] = '\0';

    for (size = 1; size <= sizeof(buf) && same; size++) {
        memset(buf, 'X', sizeof(buf));
        n = call(buf, size);

        /* snprintf's cut: size - 1 bytes at most, always terminated */
        if (strlen(buf) != (wantlen < size ? wantlen : size - 1)
            || memcmp(buf, want, strlen(buf)) != 0
            || n != strlen(buf))
        {
            same = 0;
            snprintf(detail, sizeof(detail), "size %zu: \"%s\" (%zu)",
                     size, buf, n);
        }
    }

    ok(same, name, detail);
}


static size_t
call_messages(char *p, size_t size)
{
    return llm_path_format(p, size, "messages[%zu].content[%zu].type",
                           (size_t) 12, (size_t) 0);
}


static size_t
call_precision(char *p, size_t size)
{
    return llm_path_format(p, size, "%.10s.%zu", "messages.3.content",
                           (size_t) 40721);
}


static size_t
call_string(char *p, size_t size)
{
    return llm_path_format(p, size, "%s.tool_calls[%zu]", "messages[7]",
                           (size_t) 18446744073709551615ULL);
}


int
main(void)
{
    char  want[128];

    pick_case("pick: a message with three members",
              "{\"role\":\"user\",\"content\":\"hi\",\"name\":\"x\"}",
              "name");
    pick_case("pick: names that share a first letter and a prefix",
              "{\"reasoning\":1,\"reasoning_content\":2,\"refusal\":null,"
              "\"r\":[],\"role\":\"assistant\"}", NULL);
    pick_case("pick: a prefix of a name is not the name",
              "{\"reason\":1,\"tool_call\":2,\"tool_calls_x\":3}",
              "reason");
    pick_case("pick: the empty object", "{}", NULL);
    pick_case("pick: an empty key", "{\"content\":[1],\"\":1}", "");
    pick_case("pick: not an object", "[1,2]", NULL);

    snprintf(want, sizeof(want), "messages[%zu].content[%zu].type",
             (size_t) 12, (size_t) 0);
    format_sizes("format: %zu twice, every buffer size", want, strlen(want),
                 call_messages);

    snprintf(want, sizeof(want), "%.10s.%zu", "messages.3.content",
             (size_t) 40721);
    format_sizes("format: %.Ns cuts the string", want, strlen(want),
                 call_precision);

    snprintf(want, sizeof(want), "%s.tool_calls[%zu]", "messages[7]",
             (size_t) 18446744073709551615ULL);
    format_sizes("format: %s and the largest size_t", want, strlen(want),
                 call_string);

    return tap_done();
}
