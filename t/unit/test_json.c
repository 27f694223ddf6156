/*
 * llm_json_loadb and llm_json_dump against jansson (json_diff.h): edge
 * cases of the grammar, every JSON file of the fixtures, and a fixed
 * number of seeded random mutations of them; the pull reader's skip
 * (llm_jpull_skip) against llm_json_loadb.  Prints TAP.
 *
 *   test_json [dir ...]     default: t/cases t/stream-cases
 */

#define _DEFAULT_SOURCE

#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_diff.h"
#include "llm_json_pull.h"
#include "llm_map.h"
#include "read_file.h"
#include "json_files.h"
#include "tap.h"


#define MUTATIONS_PER_FILE  200

static uint64_t  rng = 0x9e3779b97f4a7c15ULL;

static int check_exact(const char *p, size_t len, llm_json_member_t *m);


static void
same(const char *data, size_t size, const char *name)
{
    const char  *d = json_diff(data, size);

    ok(d == NULL, name, d);
}


static uint64_t
next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}


static void
check_grammar(void)
{
    size_t        i;
    static const char *cases[] = {
        "{}", "[]", " \t\r\n{ } \n", "{\"a\":1}", "[1,2,3]", "[1,]",
        "{\"a\":1,}", "{,}", "[,1]", "{\"a\" 1}", "{\"a\":}", "{1:2}",
        "[01]", "[-0]", "[-]", "[0.]", "[.5]", "[1e]", "[1e+]", "[1E-2]",
        "[1.5e300]", "[1e400]", "[-1e400]", "[1e-400]", "[0e0]",
        "[9223372036854775807]", "[9223372036854775808]",
        "[-9223372036854775808]", "[-9223372036854775809]",
        "[123456789012345678901234567890]", "[1.0]", "[100]",
        "[0.1]", "[1e17]", "[1e-7]", "[123456789.123456789]",
        "[true]", "[false]", "[null]", "[tru]", "[truex]", "[nul]",
        "[True]", "\"str\"", "1", "true", "null", "", " ", "{} x",
        "{}{}", "[\"\\u0000\"]", "{\"\\u0000\":1}", "{\"a\\u0000\":1}",
        "[\"\\ud83d\\ude00\"]", "[\"\\ud83d\"]", "[\"\\ude00\"]",
        "[\"\\ud83dx\"]", "[\"\\ud83d\\u0041\"]", "[\"\\u00e9\\u20AC\"]",
        "[\"\\x\"]", "[\"\\u12\"]", "[\"\\u12g4\"]", "[\"a\\\"b\\\\c\"]",
        "[\"\\/\\b\\f\\n\\r\\t\"]", "[\"tab\there\"]", "[\"nl\nhere\"]",
        "[\"\x7f\"]", "[\"\xc3\xa9\"]", "[\"\xc3\"]", "[\"\xc0\xaf\"]",
        "[\"\xe0\x80\xaf\"]", "[\"\xed\xa0\x80\"]", "[\"\xf4\x90\x80\x80\"]",
        "[\"\xf0\x9f\x98\x80\"]", "[\"\xff\"]", "[\"\x80\"]",
        "[\"unterminated", "[\"esc at end\\", "{\"a\":1,\"a\":2}",
        "{\"a\":1,\"\\u0061\":2}", "{\"k\\n\":{\"k\\t\":[\"v\\n\"]}}",
        "[\xef\xbb\xbf]", "\xef\xbb\xbf{}", "[1 2]", "{\"a\":1 \"b\":2}",
        "[[[[[]]]]]", "[{\"a\":[{\"b\":null}]}]", "{\"\":\"\"}",
        "[1.7976931348623157e308]", "[4.9e-324]", "[-0.0]", "[2.5e-5]",
        "[\"\\u001f\\u0001\"]", "[\"\\uDBFF\\uDFFF\"]",
    };

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char    name[160];
        size_t  k;

        snprintf(name, sizeof(name), "grammar: %.120s", cases[i]);
        for (k = 0; name[k]; k++) {
            if ((unsigned char) name[k] < 0x20) {
                name[k] = '?';                  /* one TAP line each */
            }
        }
        same(cases[i], strlen(cases[i]), name);
    }

    /* a NUL byte in the input, inside and outside strings */
    same("[\"a\0b\"]", 7, "grammar: raw NUL in a string");
    same("{}\0", 3, "grammar: NUL after the value");
    same("[1\0]", 4, "grammar: NUL after a number (jansson's leniency)");
    ok(llm_json_loadb("[1\0]", 4, 0, NULL) == NULL
       && llm_json_loadb("[true\0]", 7, 0, NULL) == NULL,
       "a NUL after a number or a literal is refused", NULL);
}


static void
check_depth(void)
{
    int      d, extra;
    char    *buf, name[64];
    size_t   n;

    /* around jansson's limit, with and without a scalar inside */
    for (d = JSON_PARSER_MAX_DEPTH - 2; d <= JSON_PARSER_MAX_DEPTH + 1; d++) {
        for (extra = 0; extra < 2; extra++) {
            buf = malloc(2 * d + 2);
            n = 0;
            memset(buf, '[', d);
            n = d;
            if (extra) {
                buf[n++] = '1';
            }
            memset(buf + n, ']', d);
            n += d;

            snprintf(name, sizeof(name), "depth %d%s", d,
                     extra ? " and a scalar" : "");
            same(buf, n, name);
            free(buf);
        }
    }
}


static void
check_writer(void)
{
    char         *s, buf[256];
    json_t       *j;
    size_t        len;
    llm_buf_t     b;
    llm_arena_t   a;

    llm_arena_init(&a, 4096);

    /* a string jansson would not build from text: invalid UTF-8 */
    j = json_stringn_nocheck("bad \xff", 5);
    ok(llm_json_dump(&a, j, &len) == NULL
       && json_dumps(j, JSON_ENCODE_ANY) == NULL,
       "writer: invalid UTF-8 fails, as with jansson", NULL);
    json_decref(j);

    j = json_pack("{s:f,s:f,s:f,s:f,s:I,s:I}", "a", 0.7, "b", 1e22,
                  "c", -1.5e-7, "d", 3.0, "e", (json_int_t) INT64_MIN,
                  "f", (json_int_t) INT64_MAX);
    snprintf(buf, sizeof(buf), "%s", llm_json_dump(&a, j, &len));
    ok(strcmp(buf, "{\"a\":0.7,\"b\":1e22,\"c\":-1.4999999999999999e-7,"
                   "\"d\":3.0,\"e\":-9223372036854775808,"
                   "\"f\":9223372036854775807}") == 0,
       "writer: numbers (reals short where they can be)", buf);

    /* appending to a heap buffer keeps what is there */
    memset(&b, 0, sizeof(b));
    llm_buf_add(&b, "data: ", 6);
    ok(llm_json_write(j, &b) == 0 && strncmp(b.data, "data: {\"a\":", 11)
       == 0 && b.data[b.len] == '\0', "writer: appends to a buffer",
       b.data);
    llm_buf_free(&b);
    json_decref(j);

    /* a long string with escapes, through several buffer growths */
    memset(&b, 0, sizeof(b));
    s = malloc(100001);
    for (len = 0; len < 100000; len++) {
        s[len] = "a\"\n\x01\\b"[len % 6];
    }
    j = json_stringn(s, 100000);
    free(s);
    s = json_dumps(j, JSON_ENCODE_ANY);
    ok(llm_json_write(j, &b) == 0 && s && strlen(s) == b.len
       && memcmp(s, b.data, b.len) == 0, "writer: long escaped string",
       NULL);
    llm_json_free_str(s);
    llm_buf_free(&b);
    json_decref(j);

    llm_arena_free(&a);
}


/*
 * The writer's short strings (from 4 to 15 bytes, two words, inline) and
 * the lengths around them: every length from 0 to 24, all plain, then
 * with one byte that needs a look (escapes, a control byte, UTF-8 of 2
 * and 4 bytes, invalid UTF-8) at each position, as a key and as a value,
 * with the buffer's room ending at each byte of the output and with
 * room to spare: what json_dumps writes, or a failure where it fails.
 */
static void
check_short_strings(void)
{
    int          bad, rc;
    char         s[32], what[96], *want;
    json_t      *j;
    size_t       n, at, k, room, base, wlen;
    llm_buf_t    b;
    static const char  *odd[] = {
        "\"", "\\", "\n", "\x01", "\x7f", "\xc3\xa9",
        "\xf0\x9f\x98\x80", "\xff"
    };

    bad = 0;
    memset(&b, 0, sizeof(b));
    (void) llm_buf_reserve(&b, 256);

    for (n = 0; n <= 24 && !bad; n++) {
        for (k = 0; k <= sizeof(odd) / sizeof(odd[0]) && !bad; k++) {
            for (at = 0; at < (k ? n : 1) && !bad; at++) {
                memset(s, 'a' + (int) (n % 26), n);
                if (k && at + strlen(odd[k - 1]) <= n) {
                    memcpy(s + at, odd[k - 1], strlen(odd[k - 1]));
                }

                j = json_object();
                json_object_setn_new_nocheck(j, s, n,
                                             json_stringn_nocheck(s, n));
                want = json_dumps(j, JSON_COMPACT);
                wlen = want ? strlen(want) : 2 * n + 5;

                /* room from none to all the output and more: the buffer
                 * is refilled to where the room is that much */
                for (room = 0; room <= wlen + 2 && !bad; room++) {
                    base = b.cap - 1 - room;
                    b.len = base;
                    rc = llm_json_write(j, &b);

                    if (want == NULL
                        ? rc == 0
                        : rc != 0 || b.len - base != wlen
                          || memcmp(b.data + base, want, wlen) != 0)
                    {
                        snprintf(what, sizeof(what),
                                 "length %zu, odd byte %zu at %zu, room %zu",
                                 n, k, at, room);
                        bad = 1;
                    }

                    /* back to the same capacity for the next room */
                    llm_buf_free(&b);
                    (void) llm_buf_reserve(&b, 256);
                }

                llm_json_free_str(want);
                json_decref(j);
            }
        }
    }

    llm_buf_free(&b);

    ok(!bad, "writer: short strings of every length, an odd byte at each "
       "position, as jansson writes them, whatever the room left",
       bad ? what : NULL);
}


/*
 * Escaped strings whose decoding crosses the reader's buffer sizes (512
 * bytes on the stack, then the heap, doubling) at every alignment: runs
 * of 0 to 7 plain bytes, each followed by an escape or UTF-8.
 */
static void
check_long_strings(void)
{
    int          bad;
    char        *buf;
    size_t       pre, n, i, e, len, run;
    const char  *d, *esc;
    static const char  *escapes[] = {
        "\\\"", "\\n", "\\u00e9", "\\u20ac", "\\ud83d\\ude00",
        "\xc3\xa9", "\xf0\x9f\x98\x80", "\\u0001"
    };

    buf = malloc(16384);            /* 24 + 700 runs of 7 and 12 at most */
    bad = 0;

    for (pre = 0; pre < 24 && !bad; pre++) {
        for (e = 0; e < sizeof(escapes) / sizeof(escapes[0]) && !bad; e++) {
            for (n = 100; n <= 700 && !bad; n += 300) {
                len = 0;
                buf[len++] = '[';
                buf[len++] = '"';
                memset(buf + len, 'p', pre);
                len += pre;

                for (i = 0; i < n; i++) {
                    run = (i * (e + 3)) % 8;
                    memset(buf + len, 'q', run);
                    len += run;
                    esc = escapes[(e + i / 8) % 8];
                    memcpy(buf + len, esc, strlen(esc));
                    len += strlen(esc);
                }

                buf[len++] = '"';
                buf[len++] = ']';

                /* and cut short inside the string */
                d = json_diff(buf, len);
                if (d == NULL) {
                    d = json_diff(buf, len - 3);
                }

                if (d != NULL) {
                    printf("# %zu plain bytes, %zu runs, escape %zu: %s\n",
                           pre, n, e, d);
                    bad = 1;
                }
            }
        }
    }

    ok(!bad, "escaped strings across the reader's buffer sizes", NULL);
    free(buf);
}


/*
 * The check's long strings (llm_jc_string_rest takes a block's one-letter
 * escapes from its mask): plain runs of every length before a few of an
 * escape, UTF-8 or a bad byte, at every alignment in the block, close to
 * the end and not; where the value ends and whether it is taken.
 */
static void
check_check_strings(void)
{
    int          bad, want, is, v;
    char         buf[512], what[160];
    size_t       pre, k, r, rep, gap, post, len, start, slen;
    const char  *frame;
    llm_json_member_t  m;
    static const struct {
        const char  *s;
        int          valid;
    }  pieces[] = {
        { "\\\"", 1 }, { "\\\\", 1 }, { "\\/", 1 }, { "\\n", 1 },
        { "\\\\\\\"", 1 }, { "\\u00e9", 1 }, { "\\u20AC", 1 },
        { "\xc3\xa9", 1 }, { "\xf0\x9f\x98\x80", 1 }, { "\\x", 0 },
        { "\\u12g4", 0 }, { "\\U0041", 0 }, { "\x01", 0 }, { "\x7f", 1 },
        { "\xff", 0 }, { "\xc3", 0 }, { "\\ ", 0 }, { "\\\"\\q", 0 }
    };
    static const char  *frames[][2] = {
        { "{\"a\":\"", "\",\"pad\":\"0123456789abcdef0123456789abcdef\","
                       "\"n\":1}" },
        { "{\"a\":\"", "\"}" },
        { "{ \"a\" : \"", "\" , \"b\" : [ 1 ] }" },
        { "[\"", "\"]" },
        { "{\"k\":[{\"a\":\"", "\"}],\"pad\":\"0123456789abcdef"
                              "0123456789abcdef\",\"n\":1}" },
        { "{\"k\":{\"b\":{\"a\":\"", "\"}},\"pad\":\"0123456789abcdef"
                                     "0123456789abcdef\",\"n\":1}" },
        { "{\"k\":{\"a\":\"", "\",\"pad\":\"0123456789abcdef"
                            "0123456789abcdef\"},\"n\":1}" },
        { "{\"k\":{\"a\":\"", "\"" }                 /* not framed */
    };

    bad = 0;

    for (v = 0; v < 8 && !bad; v++) {
    for (pre = 0; pre <= 40 && !bad; pre++) {
    for (k = 0; k < sizeof(pieces) / sizeof(pieces[0]) && !bad; k++) {
    for (rep = 1; rep <= 3 && !bad; rep++) {
    for (gap = 0; gap <= 2 && !bad; gap++) {
    for (post = 0; post <= 3 && !bad; post++) {
        frame = frames[v][0];
        len = strlen(frame);
        memcpy(buf, frame, len);
        start = len - 1;                            /* the quote */

        memset(buf + len, 'p', pre);
        len += pre;

        for (r = 0; r < rep; r++) {
            memcpy(buf + len, pieces[k].s, strlen(pieces[k].s));
            len += strlen(pieces[k].s);
            memset(buf + len, 'g', gap);
            len += gap;
        }

        memset(buf + len, 'q', post);
        len += post;
        slen = len + 1 - start;
        memcpy(buf + len, frames[v][1], strlen(frames[v][1]));
        len += strlen(frames[v][1]);

        want = pieces[k].valid && v < 7;

        if (v >= 3) {
            /* the string nested: where the walk ends is what is seen */
            is = llm_json_skip(buf, buf + len) == (want ? buf + len : NULL);

        } else {
            m.name = "a";
            m.name_len = 1;
            is = llm_json_object_members(buf, len, &m, 1);
            is = is == want
                 && (!want || (m.count == 1 && m.value == buf + start
                               && m.value_len == slen));
        }

        if (!is || (v == 0 && json_diff(buf, len) != NULL)
            || (v > 3 && check_exact(buf, len, &m) != want))
        {
            snprintf(what, sizeof(what), "frame %d, %zu plain, piece %zu "
                     "x%zu, gap %zu, %zu after", v, pre, k, rep, gap, post);
            bad = 1;
        }
    }
    }
    }
    }
    }
    }

    ok(!bad, "check: long strings, escapes and bad bytes at each place "
       "in a block, where the value ends", bad ? what : NULL);
}


/* A JSON number, as RFC 8259 writes it: the test's own reading. */
static int
number_ok(const char *p, size_t n)
{
    size_t  i, d;

    i = 0;
    if (i < n && p[i] == '-') {
        i++;
    }
    if (i < n && p[i] == '0') {
        i++;
    } else {
        for (d = i; i < n && p[i] >= '0' && p[i] <= '9'; i++) { }
        if (i == d) {
            return 0;
        }
    }
    if (i < n && p[i] == '.') {
        for (d = ++i; i < n && p[i] >= '0' && p[i] <= '9'; i++) { }
        if (i == d) {
            return 0;
        }
    }
    if (i < n && (p[i] == 'e' || p[i] == 'E')) {
        i++;
        if (i < n && (p[i] == '+' || p[i] == '-')) {
            i++;
        }
        for (d = i; i < n && p[i] >= '0' && p[i] <= '9'; i++) { }
        if (i == d) {
            return 0;
        }
    }

    return i == n;
}


/*
 * The check's numbers (a member's digits in one SSE2 test where there
 * is room): integer parts of 1 to 40 digits, a leading 0 or '-', and what
 * may and may not follow them; where the value ends and whether it is
 * taken.
 */
static void
check_check_numbers(void)
{
    int                 bad, want, is;
    char                buf[256], num[64], what[160];
    size_t              n, f, s, len, start, nlen, i;
    llm_json_member_t   m;
    static const char  *firsts[] = { "1", "9", "0", "-0", "-1", "-", "00",
                                     "01", "-01" };
    static const char  *suffixes[] = {
        "", ".5", "e5", "E+05", "e-1", ".25e3", ".", "e", "e+", ".e1", "x",
        "0", "-", "1.", ":", "\"", "]"
    };
    static const char  *frames[][2] = {
        { "{\"p\":\"x\",\"num\":", ",\"z\":\"0123456789abcdef0123456789\"}" },
        { "{\"num\":", "}" },
        { "{\"num\":", " ,\"z\":[{\"0123456789abcdef\":0}]}" },
        { "{\"num\":", "" },                       /* not framed */
        { "{\"num\":", "," }
    };

    bad = 0;

    for (f = 0; f < sizeof(frames) / sizeof(frames[0]) && !bad; f++) {
    for (n = 0; n <= 40 && !bad; n++) {
    for (i = 0; i < sizeof(firsts) / sizeof(firsts[0]) && !bad; i++) {
    for (s = 0; s < sizeof(suffixes) / sizeof(suffixes[0]) && !bad; s++) {
        nlen = strlen(firsts[i]);
        memcpy(num, firsts[i], nlen);
        memset(num + nlen, '0' + (int) (n % 10), n);     /* more digits */
        nlen += n;
        memcpy(num + nlen, suffixes[s], strlen(suffixes[s]));
        nlen += strlen(suffixes[s]);

        len = strlen(frames[f][0]);
        memcpy(buf, frames[f][0], len);
        start = len;
        memcpy(buf + len, num, nlen);
        len += nlen;
        memcpy(buf + len, frames[f][1], strlen(frames[f][1]));
        len += strlen(frames[f][1]);

        want = f < 3 && number_ok(num, nlen);

        /* on an exact copy, the sanitizers' to find a read past it */
        if (f >= 3) {
            if (check_exact(buf, len, &m) != 0) {
                snprintf(what, sizeof(what), "frame %zu: %.*s", f,
                         (int) nlen, num);
                bad = 1;
            }
            continue;
        }

        /* asked for, the member goes the general way: its value */
        m.name = "num";
        m.name_len = 3;
        is = llm_json_object_members(buf, len, &m, 1);
        is = is == want
             && (!want || (m.count == 1 && m.value == buf + start
                           && m.value_len == nlen));

        /* else the compact member's own way: it ends where it should */
        is = is && llm_json_is_object(buf, len) == want;

        if (!is || (nlen < 16 && json_diff(buf, len) != NULL)) {
            snprintf(what, sizeof(what), "frame %zu: %.*s", f, (int) nlen,
                     num);
            bad = 1;
        }
    }
    }
    }
    }

    ok(!bad, "check: numbers of 1 to 40 digits and what follows them, "
       "where the value ends", bad ? what : NULL);
}


/* A random compact JSON value into b (room for it: depth at most 6):
 * objects and lists of them, strings short and long, counts. */
static size_t
random_value(char *b, int depth)
{
    int          k, i, n;
    size_t       len;
    static const char  *keys[] = { "a", "u", "b", "id", "usage", "c" };
    static const char  *strs[] = { "", "x", "call_01",
                                   "0123456789abcde", "0123456789abcdef",
                                   "Hello, benchmark! Nice to meet you.",
                                   "{\\\"city\\\":\\\"Lisbon\\\"}" };

    k = depth >= 6 ? (int) (next_random() % 3) : (int) (next_random() % 6);
    len = 0;

    switch (k) {

    case 0:
    case 1:
        len = (size_t) sprintf(b, "\"%s\"", strs[next_random() % 7]);
        break;

    case 2:
        len = (size_t) sprintf(b, "%llu", (unsigned long long)
                               (next_random() % 3 == 0 ? next_random() % 10
                                : next_random() % 10000000000ULL));
        break;

    case 3:
    case 4:
        b[len++] = '{';
        n = (int) (next_random() % 4);
        k = (int) (next_random() % 6);
        for (i = 0; i < n; i++) {
            if (i) {
                b[len++] = ',';
            }
            /* no key twice: jansson keeps the first one's place */
            len += (size_t) sprintf(b + len, "\"%s\":", keys[(k + i) % 6]);
            len += random_value(b + len, depth + 1);
        }
        b[len++] = '}';
        break;

    default:
        b[len++] = '[';
        n = (int) (next_random() % 4);
        for (i = 0; i < n; i++) {
            if (i) {
                b[len++] = ',';
            }
            len += random_value(b + len, depth + 1);
        }
        b[len++] = ']';
        break;
    }

    return len;
}


/* 1 when the member found is json's value key written compactly (or
 * absent from both) */
static int
found_same(json_t *json, const char *key, const llm_json_member_t *m)
{
    int      same;
    char    *d;
    json_t  *v;

    v = json_is_object(json) ? json_object_get(json, key) : NULL;

    if (v == NULL || m->count == 0) {
        return v == NULL && m->count == 0;
    }

    d = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
    same = d && strlen(d) == m->value_len
           && memcmp(d, m->value, m->value_len) == 0;
    llm_json_free_str(d);

    return same;
}


/*
 * The check's compact walk (objects and lists of objects opened, their
 * ends popped in the member's own way): seeded random compact documents,
 * their members and those of "u" in them as jansson reads them, and each
 * with a byte changed, as jansson takes it.
 */
static void
check_check_nesting(void)
{
    int                 bad, i, j, is;
    char               *buf, what[96];
    size_t              len, at;
    json_t             *json;
    json_error_t        err;
    llm_json_member_t   m[2], sub[2];
    static const char   bytes[] = "{}[],:\"0 a\\";

    buf = malloc(1 << 20);
    bad = 0;

    for (i = 0; i < 4000 && !bad; i++) {
        len = 0;
        buf[len++] = '{';
        for (j = 0; j < (int) (next_random() % 6); j++) {
            if (j) {
                buf[len++] = ',';
            }
            len += (size_t) sprintf(buf + len, "\"%s\":",
                                    j % 3 ? "c" : j % 2 ? "a" : "u");
            len += random_value(buf + len, 1);
        }
        buf[len++] = '}';

        m[0].name = "u";
        m[0].name_len = 1;
        m[1].name = "a";
        m[1].name_len = 1;
        sub[0].name = "a";
        sub[0].name_len = 1;
        sub[1].name = "usage";
        sub[1].name_len = 5;

        is = llm_json_object_members_in(buf, len, m, 2, sub, 2);
        json = json_loadb(buf, len, 0, &err);

        if (!is || json == NULL
            || !found_same(json, "u", &m[0]) || !found_same(json, "a", &m[1])
            || !found_same(json_object_get(json, "u"), "a", &sub[0])
            || !found_same(json_object_get(json, "u"), "usage", &sub[1])
            || json_diff(buf, len) != NULL)
        {
            snprintf(what, sizeof(what), "document %d: %.60s", i, buf);
            bad = 1;
        }

        json_decref(json);

        /* a byte changed, added or taken out */
        for (j = 0; j < 4 && !bad && len > 2; j++) {
            at = (size_t) (next_random() % len);

            switch (next_random() % 3) {
            case 0:
                buf[at] = bytes[next_random() % (sizeof(bytes) - 1)];
                break;
            case 1:
                memmove(buf + at + 1, buf + at, len - at);
                buf[at] = bytes[next_random() % (sizeof(bytes) - 1)];
                len++;
                break;
            default:
                memmove(buf + at, buf + at + 1, len - at - 1);
                len--;
            }

            if (json_diff(buf, len) != NULL) {
                snprintf(what, sizeof(what), "document %d changed: %.60s",
                         i, buf);
                bad = 1;
            }
        }
    }

    free(buf);

    ok(!bad, "check: random compact documents, their members and a "
       "member's members, and with a byte changed, as jansson reads them",
       bad ? what : NULL);
}


/* llm_json_is_object on a copy of exactly len bytes (a read past them is
 * the sanitizers' to find), and with "k" asked for */
static int
check_exact(const char *p, size_t len, llm_json_member_t *m)
{
    int    is, with;
    char  *copy;

    copy = malloc(len ? len : 1);
    memcpy(copy, p, len);

    is = llm_json_is_object(copy, len);
    m->name = "k";
    m->name_len = 1;
    with = llm_json_object_members(copy, len, m, 1);

    free(copy);

    return is == with ? is : -1;
}


/*
 * The compact member path's long keys and texts (16 bytes and more,
 * scanned on in it) and a block's escapes taken at once: a key and a
 * text of each length to 40, a piece (an escape, UTF-8, what is not
 * JSON) at each place of either, each as a member nothing is asked for
 * (nested, where the compact path walks it) and as one asked for, at each
 * distance from the end within the path's room and past it.  Checked
 * against the pieces' own verdict, and on an exact copy (a read past the
 * buffer is the sanitizers' to find).
 */
static void
check_check_long(void)
{
    int                 bad, want, is, in_key;
    char                buf[512], key[128], what[160];
    size_t              klen, tlen, k, at, tail, len, plen, vstart, vlen;
    llm_json_member_t   m[2];
    llm_json_member_t   scratch;
    static const struct {
        const char  *s;
        int          valid;
    }  pieces[] = {
        { "", 1 }, { "\\n", 1 }, { "\\\"", 1 }, { "\\\\", 1 }, { "\\/", 1 },
        { "\\\\\\\"", 1 }, { "\\u0041", 1 }, { "\\u00e9", 1 },
        { "\xc3\xa9", 1 }, { "\xe2\x82\xac", 1 }, { "\xf0\x9f\x98\x80", 1 },
        { "\x7f", 1 }, { "\\x", 0 }, { "\\u12g4", 0 }, { "\\", 0 },
        { "\x01", 0 }, { "\x1f", 0 }, { "\xff", 0 }, { "\x80", 0 },
        { "\xc3" "a", 0 }, { "\xc0\x80", 0 }, { "\xed\xa0\x80", 0 },
        { "\xf4\x90\x80\x80", 0 }, { "\xe2\x82", 0 }, { "\"", 0 }
    };
    static const size_t  lens[] = { 0, 1, 14, 15, 16, 17, 18, 31, 32, 33,
                                    40 };

    bad = 0;

    for (klen = 0; klen < sizeof(lens) / sizeof(lens[0]) && !bad; klen++) {
    for (tlen = 0; tlen < sizeof(lens) / sizeof(lens[0]) && !bad; tlen++) {
    for (k = 0; k < sizeof(pieces) / sizeof(pieces[0]) && !bad; k++) {
    for (in_key = 0; in_key < 2 && !bad; in_key++) {
    for (at = 0; at <= lens[in_key ? klen : tlen] && !bad; at++) {
    for (tail = 0; tail <= 44 && !bad; tail += (k ? 11 : 1)) {
        if (k == 0 && at > 0) {
            break;                                  /* no piece: once */
        }

        plen = strlen(pieces[k].s);

        /* the key: lens[klen] bytes, the piece at at when in_key */
        memset(key, 'k', lens[klen]);
        if (in_key) {
            memmove(key + at + plen, key + at, lens[klen] - at);
            memcpy(key + at, pieces[k].s, plen);
        }
        key[lens[klen] + (in_key ? plen : 0)] = '\0';

        len = (size_t) sprintf(buf, "{\"w\":{\"%s\":\"", key);
        vstart = len - 1;
        memset(buf + len, 'x', lens[tlen]);
        if (!in_key) {
            memmove(buf + len + at + plen, buf + len + at, lens[tlen] - at);
            memcpy(buf + len + at, pieces[k].s, plen);
            len += plen;
        }
        len += lens[tlen];
        buf[len++] = '"';
        vlen = len - vstart;

        /* then members to the end: tail bytes after the text's quote */
        len += (size_t) sprintf(buf + len, ",\"n\":null,\"z\":\"");
        memset(buf + len, 'z', tail);
        len += tail;
        len += (size_t) sprintf(buf + len, "\"}}");

        want = pieces[k].valid;

        /* nothing asked for in "w": the compact path, and exactly */
        m[0].name = "w";
        m[0].name_len = 1;
        is = llm_json_object_members(buf, len, m, 1) == want
             && (!want || (m[0].count == 1 && m[0].value == buf + 5
                           && m[0].value_len == len - 6))
             && check_exact(buf, len, &scratch) == want;

        /* the key asked for, when a plain name: its value found */
        if (is && (!in_key || k == 0 || pieces[k].s[0] != '\\')
            && strchr(key, '"') == NULL)
        {
            m[1].name = key;
            m[1].name_len = strlen(key);
            is = llm_json_object_members_in(buf, len, m, 1, &m[1], 1)
                 == want
                 && (!want || (m[1].count == 1
                               && m[1].value == buf + vstart
                               && m[1].value_len == vlen));
        }

        if (!is || (strstr(buf, "\\u") == NULL && json_diff(buf, len)))
        {
            snprintf(what, sizeof(what), "key %zu, text %zu, piece %zu "
                     "in the %s at %zu, %zu to the end", lens[klen],
                     lens[tlen], k, in_key ? "key" : "text", at, tail);
            bad = 1;
        }
    }
    }
    }
    }
    }
    }

    ok(!bad, "check: long keys and texts in the compact path, a piece at "
       "each place of them, at each distance from the end", bad ? what
                                                                : NULL);
}


/*
 * One-letter escapes taken a block at a time (llm_jc_string_rest, from
 * the text's first escape): a '\\' at each place after it (so at each
 * place of its blocks, the last one escaping the next block's first
 * byte), doubled, and what follows it each byte: the text is a string
 * exactly when that is an escape letter.
 */
static void
check_check_escapes(void)
{
    int                 bad, want, is, c, two;
    char                buf[256], what[96];
    size_t              pre, post, len;
    llm_json_member_t   m;
    llm_json_member_t   scratch;

    bad = 0;

    for (pre = 0; pre <= 40 && !bad; pre++) {
    for (two = 0; two < 3 && !bad; two++) {
    for (c = 1; c < 256 && !bad; c++) {
    for (post = 0; post <= 20 && !bad; post += 4) {
        /* an escape first: the block mask is from there */
        len = (size_t) sprintf(buf, "{\"a\":[{\"b\":\"\\n");
        memset(buf + len, 'p', pre);
        if (two == 2) {
            memset(buf + len, '\\', pre - pre % 2);   /* escaped '\\' */
        }
        len += pre;
        buf[len++] = '\\';
        if (two == 1) {
            buf[len++] = '\\';
            buf[len++] = '\\';
        }
        buf[len++] = (char) c;
        memset(buf + len, 'q', post);
        len += post;
        len += (size_t) sprintf(buf + len, "\",\"c\":\"0123456789abcdef"
                                "0123456789abcdef0123456789\"}]}");

        want = c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f'
               || c == 'n' || c == 'r' || c == 't';

        m.name = "a";
        m.name_len = 1;
        is = llm_json_object_members(buf, len, &m, 1) == want
             && llm_json_is_object(buf, len) == want
             && check_exact(buf, len, &scratch) == want
             && (!want || (m.count == 1 && m.value == buf + 5
                           && m.value_len == len - 6));

        if (!is || json_diff(buf, len) != NULL) {
            snprintf(what, sizeof(what), "%zu before, %s, byte %d, %zu "
                     "after", pre, two == 1 ? "doubled" : two ? "pairs"
                                                            : "alone",
                     c, post);
            bad = 1;
        }
    }
    }
    }
    }

    ok(!bad, "check: a block's escapes, each byte escaped, at each place",
       bad ? what : NULL);
}


/*
 * Literals after a key in the compact path: true, false, null and what
 * is not one of them, then the next member, an end, white space or what
 * cannot follow, at each distance from the end.
 */
static void
check_check_literals(void)
{
    int                 bad, want, is;
    char                buf[256], what[96];
    size_t              l, f, tail, len;
    llm_json_member_t   m;
    llm_json_member_t   scratch;
    static const struct {
        const char  *s;
        int          valid;
    }  lits[] = {
        { "null", 1 }, { "true", 1 }, { "false", 1 }, { "nul", 0 },
        { "nulL", 0 }, { "tru", 0 }, { "fals", 0 }, { "falsE", 0 },
        { "nullnull", 0 }, { "truex", 0 }, { "xalse", 0 }, { "n", 0 },
        { "f", 0 }, { "t", 0 }, { "nulll", 0 }, { "Null", 0 }
    };
    static const struct {
        const char  *s;
        int          valid;
    }  follows[] = {
        { ",\"x\":1}", 1 }, { "}", 1 }, { " ,\"x\":1}", 1 }, { " }", 1 },
        { "]", 0 }, { ",}", 0 }, { ",\"x\"}", 0 }, { "\"x\":1}", 0 },
        { ",", 0 }, { "", 0 }
    };

    bad = 0;

    for (l = 0; l < sizeof(lits) / sizeof(lits[0]) && !bad; l++) {
    for (f = 0; f < sizeof(follows) / sizeof(follows[0]) && !bad; f++) {
    for (tail = 0; tail <= 44 && !bad; tail++) {
        len = (size_t) sprintf(buf, "{\"w\":{\"kk\":%s%s,\"e\":\"", lits[l].s,
                               follows[f].s);
        memset(buf + len, 'e', tail);
        len += tail;
        len += (size_t) sprintf(buf + len, "\"}");

        want = lits[l].valid && follows[f].valid;

        m.name = "w";
        m.name_len = 1;
        is = llm_json_is_object(buf, len) == want
             && check_exact(buf, len, &scratch) == want
             && llm_json_object_members(buf, len, &m, 1) == want
             && (!want || (m.count == 1 && m.value == buf + 5));

        if (!is || json_diff(buf, len) != NULL) {
            snprintf(what, sizeof(what), "%s then %s, %zu to the end",
                     lits[l].s, follows[f].s, tail);
            bad = 1;
        }
    }
    }
    }

    ok(!bad, "check: literals in the compact path, and what may follow "
       "them", bad ? what : NULL);
}


/* the benchmark's answers (bench/fixtures), and as providers send them */
static const char  *relayed_answers[] = {
    "{\"id\":\"chatcmpl-bench01\",\"object\":\"chat.completion\",\"created\""
    ":1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"mes"
    "sage\":{\"role\":\"assistant\",\"content\":\"Hello, benchmark! Nice to"
    " meet you.\",\"tool_calls\":[{\"id\":\"call_01\",\"type\":\"function\""
    ",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":"
    "\\\"Lisbon\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}],\"usage\":{\""
    "prompt_tokens\":42,\"completion_tokens\":17,\"total_tokens\":59}}",

    "{\"id\":\"msg_bench01\",\"type\":\"message\",\"role\":\"assistant\",\""
    "model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\""
    ":\"Hello, benchmark! Nice to meet you.\"},{\"type\":\"tool_use\",\"id"
    "\":\"toolu_01\",\"name\":\"get_weather\",\"input\":{\"city\":\"Lisbon\""
    "}}],\"stop_reason\":\"tool_use\",\"stop_sequence\":null,\"usage\":{\"i"
    "nput_tokens\":42,\"output_tokens\":17}}",

    "{\"id\":\"chatcmpl-bench01\",\"object\":\"chat.completion\",\"created\""
    ":1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"mes"
    "sage\":{\"role\":\"assistant\",\"content\":\"Hello, benchmark! Nice to"
    " meet you.\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\""
    "finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":42,\"completi"
    "on_tokens\":17,\"total_tokens\":59,\"prompt_tokens_details\":{\"cache"
    "d_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"rea"
    "soning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0"
    ",\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\",\"sy"
    "stem_fingerprint\":\"fp_0123456789\"}",

    "{\"id\":\"msg_bench01\",\"type\":\"message\",\"role\":\"assistant\",\""
    "model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\""
    ":\"Hello, benchmark! Nice to meet you.\"}],\"stop_reason\":\"end_turn"
    "\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":42,\"cache_crea"
    "tion_input_tokens\":3,\"cache_read_input_tokens\":5,\"cache_creation"
    "\":{\"ephemeral_5m_input_tokens\":3,\"ephemeral_1h_input_tokens\":0},"
    "\"output_tokens\":17,\"service_tier\":\"standard\"}}"
};


/*
 * The relayed answers: read as jansson reads them (the usage counts too),
 * and each of their truncations, and each with a byte changed at each
 * place to one the compact path stops at, as jansson takes it.
 */
static void
check_check_answers(void)
{
    int                 bad, is;
    char               *buf, what[128];
    size_t              a, len, cut, at, b;
    json_t             *json;
    llm_usage_t         u;
    llm_json_member_t   m[2], sub[4];
    llm_json_member_t   scratch;
    static const char   bytes[] = "\"\\{}[],: \x01\xc3n5";
    static const char  *names[] = { "input_tokens", "output_tokens",
                                    "cache_read_input_tokens",
                                    "cache_creation_input_tokens" };

    bad = 0;

    for (a = 0; a < sizeof(relayed_answers) / sizeof(char *) && !bad; a++) {
        len = strlen(relayed_answers[a]);
        buf = malloc(len);
        memcpy(buf, relayed_answers[a], len);

        /* whole: the members and those of usage as jansson reads them */
        m[0].name = "usage";
        m[0].name_len = 5;
        m[1].name = "model";
        m[1].name_len = 5;
        for (b = 0; b < 4; b++) {
            sub[b].name = a % 2 ? names[b] : b ? "completion_tokens"
                                                : "prompt_tokens";
            sub[b].name_len = strlen(sub[b].name);
        }

        json = json_loadb(buf, len, 0, NULL);
        is = llm_json_object_members_in(buf, len, m, 2, sub, a % 2 ? 4 : 2)
             && found_same(json, "usage", &m[0])
             && found_same(json, "model", &m[1]);
        for (b = 0; b < (a % 2 ? 4u : 2u); b++) {
            is = is && found_same(json_object_get(json, "usage"),
                                  sub[b].name, &sub[b]);
        }
        json_decref(json);

        memset(&u, 0, sizeof(u));
        is = is && llm_usage_relayed(a % 2 ? LLM_DIALECT_ANTHROPIC
                                           : LLM_DIALECT_OPENAI,
                                     buf, len, &u)
             && u.has_input && u.has_output && u.output_total == 17
             && u.input_total == (a == 3 ? 50 : 42);

        if (!is) {
            snprintf(what, sizeof(what), "answer %zu", a);
            bad = 1;
        }

        /* every truncation refused, on an exact copy */
        for (cut = 0; cut < len && !bad; cut++) {
            memset(&u, 0, sizeof(u));
            if (check_exact(buf, cut, &scratch) != 0
                || llm_usage_relayed(LLM_DIALECT_OPENAI, buf, cut, &u))
            {
                snprintf(what, sizeof(what), "answer %zu cut at %zu", a,
                         cut);
                bad = 1;
            }
        }

        /* a byte changed at each place */
        for (at = 0; at < len && !bad; at++) {
            for (b = 0; b < sizeof(bytes) - 1 && !bad; b++) {
                buf[at] = bytes[b];
                if (json_diff(buf, len) != NULL
                    || check_exact(buf, len, &scratch) < 0)
                {
                    snprintf(what, sizeof(what), "answer %zu, byte %zu "
                             "at %zu", a, b, at);
                    bad = 1;
                }
                buf[at] = relayed_answers[a][at];
            }
        }

        free(buf);
    }

    ok(!bad, "check: the relayed answers, each truncation refused, a byte "
       "changed at each place", bad ? what : NULL);
}


/*
 * Nesting at the depth limit through the compact path's own opens
 * ({"a": and [{"a":), a member asked for inside, and escaped keys that
 * spell the members asked for, found in their duplicates' order.
 */
static void
check_check_limits(void)
{
    int                 bad, d, kind, want;
    char               *buf, what[96];
    size_t              len, i;
    llm_json_member_t   m[2], sub[2];
    llm_json_member_t   scratch;
    static const char   dup[] =
        "{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2},\"pad\":"
        "\"0123456789abcdef0123456789abcdef\",\"us\\u0061ge\":{\"prompt\\u"
        "005ftokens\":3,\"prompt_tokens\":4},\"x\":\"0123456789abcdef01234"
        "56789abcdef0123456789\"}";

    bad = 0;
    buf = malloc(16 * 600);

    for (kind = 0; kind < 2 && !bad; kind++) {
        for (d = 510; d <= 514 && !bad; d++) {
            len = 0;
            for (i = 0; i < (size_t) d; i++) {
                if (kind && i % 2) {
                    buf[len++] = '[';
                } else {
                    len += (size_t) sprintf(buf + len, "{\"a\":");
                }
            }
            len += (size_t) sprintf(buf + len, "\"0123456789abcdef01\"");
            for (i = d; i-- > 0; ) {
                buf[len++] = kind && i % 2 ? ']' : '}';
            }

            want = d <= LLM_JSON_CHECK_DEPTH;
            m[0].name = "a";
            m[0].name_len = 1;
            sub[0].name = "a";
            sub[0].name_len = 1;

            if (llm_json_is_object(buf, len) != want
                || llm_json_object_members_in(buf, len, m, 1, sub, 1)
                   != want
                || check_exact(buf, len, &scratch) != want
                || (want && (m[0].count != 1 || m[0].value != buf + 5
                             || m[0].value_len != len - 6
                             || (kind == 0 && (sub[0].count != 1
                                               || sub[0].value
                                                  != buf + 10)))))
            {
                snprintf(what, sizeof(what), "depth %d, %s", d,
                         kind ? "lists" : "objects");
                bad = 1;
            }
        }
    }

    free(buf);

    /* the escaped duplicate is the last: its value, its members */
    m[0].name = "usage";
    m[0].name_len = 5;
    m[1].name = "x";
    m[1].name_len = 1;
    sub[0].name = "prompt_tokens";
    sub[0].name_len = 13;
    sub[1].name = "completion_tokens";
    sub[1].name_len = 17;

    if (!bad
        && (!llm_json_object_members_in(dup, sizeof(dup) - 1, m, 2, sub, 2)
            || m[0].count != 2 || m[0].value != strstr(dup, "{\"prompt\\u")
            || m[1].count != 1
            || sub[0].count != 2 || sub[0].value_len != 1
            || sub[0].value[0] != '4' || sub[1].count != 0))
    {
        snprintf(what, sizeof(what), "escaped duplicates");
        bad = 1;
    }

    ok(!bad, "check: depth 510 to 514 through the compact opens, escaped "
       "keys and duplicates of the members asked for", bad ? what : NULL);
}


/*
 * The compact walk's own opens and ends: what looks like them and is not,
 * the depth limit through them, and ends next to the buffer's end.
 */
static void
check_check_containers(void)
{
    int                 bad, is, d, kind, depth;
    char               *buf, what[128];
    size_t              i, k, v, c, len;
    llm_json_member_t   m;
    static const char   pad[] = "\"pad\":\"0123456789abcdef0123456789abcdef\"";
    static const char  *opens[] = { "{\"k\":{", "{\"k\":[{",
                                    "{\"k\":{\"a\":{" };
    static const char  *ends[] = { "}}", "}]}", "}}}" };
    static const struct {
        const char  *s;
        int          valid;
    }  docs[] = {
        { "{\"a\":{{\"b\":\"c\"}},%s}", 0 },
        { "{\"a\":[{\"b\":\"c\"}],%s}", 1 },
        { "{\"a\":{{\"b\":\"c\"}],%s}", 0 },
        { "{\"a\":[[\"b\",\"c\"]],%s}", 1 },
        { "{\"a\":[{\"b\":\"c\"}}],%s}", 0 },
        { "{\"a\":[{\"b\":\"c\"]},%s}", 0 },
        { "{\"a\":[[{\"b\":\"c\"}]],%s}", 1 },
        { "{\"a\":{[\"b\"]},%s}", 0 },
        { "{\"a\":[{\"b\":1},{\"c\":2}],%s}", 1 },
        { "{\"a\":[{\"b\":1}{\"c\":2}],%s}", 0 },
        { "{\"a\":[{\"b\":1},\"c\":2}],%s}", 0 },
        { "{\"a\":{\"b\":{\"c\":\"d\"}},\"b\":\"e\",%s}", 1 },
        { "{\"a\":{\"b\":{\"c\":\"d\"}}},\"b\":\"e\",%s}", 0 },
        { "{\"a\":\"b\"},\"c\":\"d\",%s}", 0 },
        { "{\"a\":1},\"c\":\"d\",%s}", 0 },
        { "{\"a\":\"b\"},{%s}", 0 },
        { "{\"a\":\"b\"}]}],{%s}", 0 },
        { "{\"a\":{\"b\":\"c\"},\"k\":[1]},%s}", 0 },
        { "{\"a\":{\"b\":\"c\"}],%s}", 0 },
        { "{\"a\":[\"b\",\"c\"}],%s}", 0 },
        { "{\"a\":[{\"b\":\"c\"},\"d\"],%s}", 1 },
        { "{\"a\":[{\"b\":\"c\"},\"d\":1],%s}", 0 },
        { "{\"a\":{},\"b\":[],\"c\":[{}],%s}", 1 },
        { "{\"a\":{\"b\":\"c\"} ,\"d\":[{\"e\":7} ] ,%s}", 1 }
    };

    buf = malloc(8192);
    bad = 0;

    for (i = 0; i < sizeof(docs) / sizeof(docs[0]) && !bad; i++) {
        len = (size_t) snprintf(buf, 8192, docs[i].s, pad);
        is = check_exact(buf, len, &m);

        if (is != docs[i].valid || json_diff(buf, len) != NULL) {
            snprintf(what, sizeof(what), "%s", docs[i].s);
            bad = 1;
        }
    }

    /* the top object's end, then a NUL: no container open there */
    len = (size_t) snprintf(buf, 8192, "{\"a\":\"b\"}#,%s}", pad);
    buf[9] = '\0';
    if (!bad && check_exact(buf, len, &m) != 0) {
        snprintf(what, sizeof(what), "the top object's end and a NUL");
        bad = 1;
    }

    /* the depth limit, through objects and lists of objects */
    for (kind = 0; kind < 2 && !bad; kind++) {
        for (d = LLM_JSON_CHECK_DEPTH - 3; d <= LLM_JSON_CHECK_DEPTH + 2;
             d++)
        {
            len = 0;
            buf[len++] = '{';
            depth = 1;
            while (depth < d) {
                if (kind && depth + 2 <= d) {
                    memcpy(buf + len, "\"k\":[{", 6);
                    len += 6;
                    depth += 2;
                } else {
                    memcpy(buf + len, "\"k\":{", 5);
                    len += 5;
                    depth++;
                }
            }
            memcpy(buf + len, "\"v\":\"w\"", 7);
            len += 7;
            for (k = len; k-- > 0; ) {
                if (buf[k] == '{' || buf[k] == '[') {
                    buf[len++] = buf[k] + 2;
                }
            }

            is = check_exact(buf, len, &m);

            if (is != (depth <= LLM_JSON_CHECK_DEPTH)
                || (is && m.count != 1))
            {
                snprintf(what, sizeof(what), "depth %d, lists %d", depth,
                         kind);
                bad = 1;
                break;
            }
        }
    }

    /*
     * The ends of a compact member's objects and lists right at the end
     * of the buffer (a key 39 bytes from it is walked the compact way):
     * keys and values of every length up to 17, one to three ends, one
     * missing, one too many.
     */
    for (k = 0; k <= 17 && !bad; k++) {
    for (v = 0; v <= 17 && !bad; v++) {
    for (c = 0; c <= 4 && !bad; c++) {
    for (kind = 0; kind < 3 && !bad; kind++) {
        len = (size_t) sprintf(buf, "%s", opens[kind]);
        buf[len++] = '"';
        memset(buf + len, 'k', k);
        len += k;
        memcpy(buf + len, "\":\"", 3);
        len += 3;
        memset(buf + len, 'v', v);
        len += v;
        buf[len++] = '"';

        /* c: 0 one end short, 1 all, 2 one more; 3 and 4 a ',' and a
         * member after an end */
        switch (c) {
        case 0:
            len += (size_t) sprintf(buf + len, "%s", ends[kind] + 1);
            break;
        case 1:
            len += (size_t) sprintf(buf + len, "%s", ends[kind]);
            break;
        case 2:
            len += (size_t) sprintf(buf + len, "%s}", ends[kind]);
            break;
        case 3:
            len += (size_t) sprintf(buf + len, "%.*s,\"z\":1%s",
                                    1, ends[kind], ends[kind] + 1);
            break;
        default:
            len += (size_t) sprintf(buf + len, "%.*s,\"z\"}%s",
                                    1, ends[kind], ends[kind] + 1);
        }

        is = check_exact(buf, len, &m);

        if (is != (c == 1 || (c == 3 && kind != 1))
            || json_diff(buf, len) != NULL)
        {
            snprintf(what, sizeof(what), "%.*s", (int) len, buf);
            bad = 1;
        }
    }
    }
    }
    }

    free(buf);

    ok(!bad, "check: compact opens and ends, the depth limit through them, "
       "ends next to the buffer's end", bad ? what : NULL);
}


/*
 * The members asked for through the check's filter of names (a bit per
 * length and first byte): an empty name, a long one, keys of a name's
 * length or first byte only, a key whose bit is a name's ("b" and "ab"),
 * an escaped key, in the compact way and not, near the end and not.
 */
static void
check_check_names(void)
{
    int                 bad, v, is;
    char                buf[1024], what[128];
    size_t              i, len, pre;
    const char         *at;
    llm_json_member_t   m[5];
    static const char  *names[] = { "", "ab", "usage", "a_name_longer_than_16",
                                    "x" };
    static const char  *bodies[] = {
        "{%s\"b\":\"v1\",\"ab\":\"v2\",\"ba\":1,\"\":\"e\",\"x\":[1],"
        "\"usagf\":{},\"usage\":{\"a\":1},\"a_name_longer_than_16\":7}",
        "{%s\"a\\u0062\":\"v2\",\"b\":\"v1\",\"\":\"e\",\"x\":[1],"
        "\"a_name_longer_than_17\":{},\"usage\":{\"a\":1},"
        "\"a_name_longer_than_16\":7}",
        "{ %s\"b\" : \"v1\" , \"ab\" : \"v2\", \"\" :\"e\",\"x\": [1] ,"
        "\"usage\":{\"a\":1}, \"a_name_longer_than_16\" :7 }"
    };
    static const char  *want[] = { "\"e\"", "\"v2\"", "{\"a\":1}", "7",
                                   "[1]" };

    bad = 0;

    for (v = 0; v < 3 && !bad; v++) {
        for (pre = 0; pre < 2 && !bad; pre++) {
            /* with a long member first, and without: the compact way
             * reaches the names, or not */
            len = (size_t) snprintf(buf, sizeof(buf), bodies[v],
                                    pre ? "\"pad\":\"0123456789abcdef"
                                          "0123456789abcdef0123456789\","
                                        : "");

            for (i = 0; i < 5; i++) {
                m[i].name = names[i];
                m[i].name_len = strlen(names[i]);
            }

            is = llm_json_object_members(buf, len, m, 5);

            for (i = 0; i < 5 && is; i++) {
                at = m[i].value;
                is = m[i].count == 1 && at != NULL
                     && m[i].value_len == strlen(want[i])
                     && memcmp(at, want[i], m[i].value_len) == 0;
            }

            if (!is) {
                snprintf(what, sizeof(what), "body %d, padded %zu, name "
                         "%zu", v, pre, i);
                bad = 1;
            }
        }
    }

    ok(!bad, "check: the members asked for through the filter of names, "
       "and keys that only pass it", bad ? what : NULL);
}


/*
 * Reals: the shortest text that reads back as the same double where the
 * writer's fast path finds it (1e-4 <= |v| < 1e15), jansson's "%.17g"
 * with its touches elsewhere; always a '.' or an exponent.
 */
static void
check_reals(void)
{
    char         *s, name[96];
    double        back;
    json_t       *j;
    size_t        i, len;
    llm_arena_t   a;
    static const struct {
        double       v;
        const char  *text;
    } cases[] = {
        { 0.1, "0.1" },
        { 0.2, "0.2" },
        { 0.7, "0.7" },
        { 1.0, "1.0" },
        { 2.5, "2.5" },
        { -2.5, "-2.5" },
        { 1e-4, "0.0001" },
        { -1e-4, "-0.0001" },
        { 9.999e-5, "9.9989999999999996e-5" },          /* below: %.17g */
        { 1e15, "1000000000000000.0" },                 /* above: %.17g */
        { 1e15 - 1, "999999999999999.0" },
        { 999999999999999.9, "999999999999999.88" },    /* past 2^53 */
        { 123456789.125, "123456789.125" },
        { 123.456, "123.456" },
        { 0.1 + 0.2, "0.30000000000000004" },           /* 17 digits */
        { 100.0 / 3, "33.333333333333336" },
        { 1.0 / 3, "0.3333333333333333" },
        { 0.1 + 0.7, "0.7999999999999999" },
        { 0.00012345678901234567, "0.00012345678901234567" },
        { -0.0, "-0.0" },
        { 0.0, "0.0" },
        { 1e22, "1e22" },
        { -1.5e-7, "-1.4999999999999999e-7" },
        { 1e300, "1.0000000000000001e300" },
        { 1.7976931348623157e308, "1.7976931348623157e308" },
        { 2.2250738585072014e-308, "2.2250738585072014e-308" },
        { 4.9406564584124654e-324, "4.9406564584124654e-324" },
    };

    llm_arena_init(&a, 4096);

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        j = json_real(cases[i].v);
        s = llm_json_dump(&a, j, &len);
        json_decref(j);

        back = s ? strtod(s, NULL) : 1.0;

        snprintf(name, sizeof(name), "real %s: text, reads back the same",
                 cases[i].text);
        ok(s && strcmp(s, cases[i].text) == 0 && back == cases[i].v
           && !signbit(back) == !signbit(cases[i].v), name, s);
    }

    llm_arena_free(&a);
}


/* The reader's reals against strtod, bit for bit: decimal texts with up
 * to 20 digits and exponents around the fast path's limits (15 digits,
 * 10^+-22), so both the fast path and strtod's are taken. */
static void
check_read_reals(void)
{
    int        bad, k;
    char       text[64], *p, detail[160];
    double     want, got;
    json_t    *j;
    uint64_t   x;
    unsigned   i, ndig, nfrac;

    bad = 0;
    detail[0] = '\0';

    for (i = 0; i < 200000 && bad < 5; i++) {
        x = next_random();
        p = text;
        if (x & 1) {
            *p++ = '-';
        }
        ndig = 1 + (unsigned) ((x >> 1) % 20);
        nfrac = (unsigned) ((x >> 8) % (ndig + 1));

        /* no leading zero in the integer part, as JSON wants */
        for (k = 0; k < (int) ndig; k++) {
            if (k == (int) (ndig - nfrac)) {
                if (k == 0) {
                    *p++ = '0';
                }
                *p++ = '.';
            }
            x = next_random();
            *p++ = (char) ('0' + (k == 0 && nfrac < ndig ? 1 + x % 9
                                                          : x % 10));
        }
        if (nfrac == 0 || (x & 0x100)) {
            p += sprintf(p, "e%d", (int) ((x >> 12) % 61) - 30);
        }
        *p = '\0';

        want = strtod(text, NULL);
        j = llm_json_loadb(text, strlen(text), JSON_DECODE_ANY, NULL);
        got = json_is_real(j) ? json_real_value(j) : 0.0 / 0.0;

        if (memcmp(&got, &want, sizeof(double)) != 0) {
            bad++;
            snprintf(detail, sizeof(detail), "%s: %.17g, strtod %.17g",
                     text, got, want);
        }
        json_decref(j);
    }

    ok(bad == 0, "reals read as strtod reads them, 200000 texts", detail);
}


static void
check_errors(void)
{
    json_t        *j;
    json_error_t   e;

    j = llm_json_loadb("{\"a\": 1,\n  \"b\": tru}", 21, 0, &e);
    ok(j == NULL && e.line == 2 && e.column == 8
       && strcmp(e.text, "invalid token") == 0,
       "error: line, column and text", e.text);

    j = llm_json_loadb("{\"a\":1,\"a\":2}", 13, JSON_REJECT_DUPLICATES, &e);
    ok(j == NULL && strstr(e.text, "duplicate") != NULL,
       "error: duplicate key named", e.text);
}


static void
mutate_and_check(const char *data, size_t size, int *bad)
{
    int      m;
    char    *buf;
    size_t   n, i, pos;
    static const char  tokens[] = "{}[],:\"\\0123456789.eE+-tfnul \n\x80\xc3";

    buf = malloc(size + 16);

    for (m = 0; m < MUTATIONS_PER_FILE && *bad == 0; m++) {
        memcpy(buf, data, size);
        n = size;

        for (i = 0; i < 1 + next_random() % 3; i++) {
            pos = n ? next_random() % n : 0;

            switch (next_random() % 4) {
            case 0:                             /* replace a byte */
                if (n) {
                    buf[pos] = tokens[next_random() % (sizeof(tokens) - 1)];
                }
                break;
            case 1:                             /* delete one */
                if (n) {
                    memmove(buf + pos, buf + pos + 1, n - pos - 1);
                    n--;
                }
                break;
            case 2:                             /* truncate */
                n = pos;
                break;
            default:                            /* random byte */
                if (n) {
                    buf[pos] = (char) next_random();
                }
            }
        }

        if (json_diff(buf, n) != NULL) {
            *bad = 1;
            printf("# mutation differs (%s): %.*s\n", json_diff(buf, n),
                   (int) (n > 200 ? 200 : n), buf);
        }
    }

    free(buf);
}


typedef struct {
    int  files;
    int  bad_files;
    int  mut_bad;
} walk_t;


static void
one_file(const char *path, void *data)
{
    char    *text;
    size_t   n;
    walk_t  *w = data;

    text = read_file(path, &n);
    if (text == NULL) {
        return;
    }
    w->files++;

    if (json_diff(text, n) != NULL) {
        w->bad_files++;
        printf("# %s: %s\n", path, json_diff(text, n));
    }

    if (w->mut_bad == 0) {
        mutate_and_check(text, n, &w->mut_bad);
    }

    free(text);
}


/* ------------------------------------------------ llm_jpull_skip */

/*
 * llm_jpull_skip on the n bytes at p, alone in a buffer of their own (a
 * read past them is ASan's to see), and pad bytes of white space and a
 * member after (the skip's paths far from the end): 1 when it takes the
 * value whole, and stops right past it (white space to the n bytes'
 * end).  *reader: llm_json_loadb's
 * verdict (JSON_REJECT_DUPLICATES), which the skip must never be looser
 * than.
 */
static int
pull(const char *p, size_t n, size_t pad, int *reader)
{
    int           taken;
    char         *b;
    json_t       *j;
    llm_jpull_t   pj;

    b = malloc(n + pad + 1);
    if (b == NULL) {
        abort();
    }

    memcpy(b, p, n);
    memset(b + n, ' ', pad);
    if (pad > 4) {
        memcpy(b + n + pad - 4, ",1]}", 4);
    }

    llm_jpull_init(&pj, b, n + pad);
    taken = llm_jpull_skip(&pj) == 0
            && llm_json_ws(pj.p, (unsigned char *) b + n)
               == (unsigned char *) b + n;

    j = llm_json_loadb(p, n, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, NULL);
    *reader = (j != NULL);
    json_decref(j);

    free(b);
    return taken;
}


/* A text built for a test */
typedef struct {
    char    *p;
    size_t   len;
    size_t   cap;
} tbuf_t;


static void
tb_add(tbuf_t *b, const char *s)
{
    size_t  n;

    n = strlen(s);

    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (b->p == NULL) {
            abort();
        }
    }

    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}


/* {"k0":0,"k1":1,...} of n keys, the one at dup (if below n) named as
 * key dup_of; sep between members */
static void
tb_object(tbuf_t *b, size_t n, size_t dup, size_t dup_of, const char *sep)
{
    char    m[64];
    size_t  i;

    tb_add(b, "{");

    for (i = 0; i < n; i++) {
        snprintf(m, sizeof(m), "%s\"k%zu\":%zu", i ? sep : "",
                 i == dup ? dup_of : i, i);
        tb_add(b, m);
    }

    tb_add(b, "}");
}


/* taken (want 1) or refused (want 0) with pad 0 and 64, the reader
 * agreeing; name and detail for the first that is not */
static int
pull_is(const char *p, size_t n, int want, char *what, size_t size,
    const char *name)
{
    int     taken, reader;
    size_t  pad;

    for (pad = 0; pad <= 64; pad += 64) {
        taken = pull(p, n, pad, &reader);

        if (taken != want || reader != want) {
            snprintf(what, size, "%s, pad %zu: skip %s, reader %s", name,
                     pad, taken ? "takes" : "refuses",
                     reader ? "accepts" : "refuses");
            return 0;
        }
    }

    return 1;
}


static void
check_pull_keys(void)
{
    int          bad;
    char         what[256], name[64];
    size_t       n, d, i;
    tbuf_t       b = { NULL, 0, 0 };
    static const char  *seps[] = { ",", " , ", ",\n\t" };

    /* any number of keys taken: 33 and more were the parse's */

    bad = 0;

    for (i = 0; i < 3 && !bad; i++) {
        for (n = 0; n <= 300 && !bad; n++) {
            b.len = 0;
            tb_object(&b, n, n, 0, seps[i]);
            snprintf(name, sizeof(name), "%zu keys, sep %zu", n, i);
            bad = !pull_is(b.p, b.len, 1, what, sizeof(what), name);
        }
    }

    ok(!bad, "pull skip: objects of 0 to 300 keys taken", bad ? what : NULL);

    /* a repeat refused wherever it is: among the first 64 (as they
     * come) and past them (when the object closes) */

    bad = 0;

    for (n = 2; n <= 200 && !bad; n += (n < 80) ? 1 : 7) {
        for (d = 1; d < n && !bad; d += (n < 40) ? 1 : 5) {
            b.len = 0;
            tb_object(&b, n, d, d / 2, ",");
            snprintf(name, sizeof(name), "%zu keys, key %zu again at %zu",
                     n, d / 2, d);
            bad = !pull_is(b.p, b.len, 0, what, sizeof(what), name);
        }
    }

    ok(!bad, "pull skip: a repeated key refused at any place of objects "
       "of 2 to 200 keys", bad ? what : NULL);

    b.len = 0;
    tb_object(&b, 41, 40, 3, ",");
    ok(pull_is(b.p, b.len, 0, what, sizeof(what), "key 3 at 40"),
       "pull skip: a repeat at key 40 refused", what);

    b.len = 0;
    tb_object(&b, 300, 299, 0, ",");
    ok(pull_is(b.p, b.len, 0, what, sizeof(what), "key 0 at 299"),
       "pull skip: a repeat at key 299 of the first refused", what);

    /* an object of 300 keys inside one whose own keys are compared
     * after it (the key room moved to the heap meanwhile), and 300 more
     * of the outer one's after it */

    for (i = 0; i < 2; i++) {
        b.len = 0;
        tb_add(&b, "{\"a\":{\"b\":{\"c\":");
        tb_object(&b, 300, 300, 0, ",");
        tb_add(&b, "}}");
        for (n = 0; n < 300; n++) {
            snprintf(name, sizeof(name), ",\"o%zu\":\"v\"", n);
            tb_add(&b, name);
        }
        tb_add(&b, i ? ",\"o7\":1}" : ",\"o\":1}");
        ok(pull_is(b.p, b.len, !i, what, sizeof(what), "around"),
           i ? "pull skip: a repeat among 300 keys around an object of "
               "300 refused"
             : "pull skip: 300 keys around an object of 300 taken", what);
    }


    for (i = 0; i < 2; i++) {
        b.len = 0;
        tb_add(&b, "{\"a\":1,\"b\":2,\"c\":[{\"d\":");
        tb_object(&b, 300, 300, 0, ",");
        tb_add(&b, "}],\"e\":{\"f\":");
        tb_object(&b, 70, 70, 0, ",");
        tb_add(&b, i ? "},\"b\":3}" : "},\"g\":3}");
        ok(pull_is(b.p, b.len, !i, what, sizeof(what), "nested"),
           i ? "pull skip: a repeat after objects of 300 and 70 keys "
               "refused"
             : "pull skip: objects of 300 and 70 keys inside one taken",
           what);
    }

    free(b.p);
}


static void
check_pull_cases(void)
{
    int          bad;
    char         what[256];
    size_t       i;
    static const struct {
        const char  *json;
        int          taken;
    }  cases[] = {
        /* repeats in nested objects, and the same key elsewhere */
        { "{\"a\":{\"x\":1,\"y\":{\"p\":1},\"x\":2}}", 0 },
        { "{\"a\":{\"b\":1},\"a\":2}", 0 },
        { "{\"a\":{\"b\":\"x\"},\"a\":2}", 0 },
        { "{\"a\":{\"b\":{\"c\":\"x\"}},\"d\":\"y\",\"a\":\"z\"}", 0 },
        { "{\"a\":[\"x\",\"y\"],\"b\":[\"z\"],\"a\":\"z\"}", 0 },
        { "{\"a\":{\"b\":\"x\"},\"c\":{\"b\":\"x\",\"a\":\"y\"}}", 1 },
        { "{\"a\":{\"b\":1,\"c\":[{\"d\":1,\"d\":2}]}}", 0 },
        { "{\"a\":{\"x\":1},\"b\":{\"x\":1},\"x\":{\"x\":{\"x\":1}}}", 1 },
        { "[{\"a\":1},{\"a\":1},{\"b\":{\"a\":1},\"a\":1}]", 1 },
        { "{\"\":1,\"\":2}", 0 },
        { "{\"\":1,\"a\":{\"\":2},\"b\":\"\"}", 1 },
        /* one length, first and last byte: compared, not the same */
        { "{\"a0a\":1,\"a1a\":1,\"a2a\":1,\"a3a\":1,\"a4a\":1,\"a5a\":1}", 1 },
        { "{\"a0a\":1,\"a1a\":1,\"a2a\":1,\"a3a\":1,\"a1a\":1}", 0 },
        { "{\"ab\":1,\"a\":1,\"abc\":1,\"b\":1,\"ba\":1}", 1 },
        /* long keys, UTF-8 keys */
        { "{\"a key longer than sixteen bytes\":1,\"a key longer than "
          "sixteen byteS\":2}", 1 },
        { "{\"a key longer than sixteen bytes\":1,\"a key longer than "
          "sixteen bytes\":2}", 0 },
        { "{\"\xc3\xa9t\xc3\xa9\":1,\"\xc3\xa9t\xc3\xa8\":2}", 1 },
        { "{\"\xc3\xa9t\xc3\xa9\":1,\"\xc3\xa9t\xc3\xa9\":2}", 0 },
        { "{\"\xc3\":1}", 0 },
        /* escaped keys: the parse's; escaped values taken */
        { "{\"a\":\"\\u0041\\n\\\"\",\"b\":[\"\\\\\"]}", 1 },
        /* white space everywhere, and none */
        { " { \"a\" : [ 1 , true , { } , [ ] , \"x\" ] , \"b\" : null } ",
          1 },
        { "{\n\t\"a\"\r:\n{\"b\":\n1\n}\n,\"c\":{}}", 1 },
        { "{\"a\":[],\"b\":{},\"c\":[[]],\"d\":[{}],\"e\":\"\"}", 1 },
        /* the grammar */
        { "{\"a\":1,}", 0 }, { "{,\"a\":1}", 0 }, { "{\"a\"1}", 0 },
        { "{\"a\":}", 0 }, { "{\"a\"::1}", 0 }, { "{\"a\":1 \"b\":2}", 0 },
        { "[1,]", 0 }, { "[,1]", 0 }, { "[1 2]", 0 }, { "{1:2}", 0 },
        { "{\"a\":[1}", 0 }, { "{\"a\":{]}", 0 }, { "[\"a\":1]", 0 },
        { "{\"a\":01}", 0 }, { "{\"a\":1.}", 0 }, { "{\"a\":-}", 0 },
        { "{\"a\":1e5,\"b\":-0.5,\"c\":0,\"d\":123456789012345678}", 1 },
        { "{\"a\":9223372036854775807,\"b\":-9223372036854775808}", 1 },
        { "{\"a\":9223372036854775808}", 0 },
        { "{\"a\":1e400}", 0 },
        { "{\"a\":tru}", 0 }, { "{\"a\":nul}", 0 }, { "{\"a\":fals}", 0 },
        { "{\"a\":truex}", 0 }, { "{\"a\":\"x\"y}", 0 },
        { "{\"a\":\"\x01\"}", 0 }, { "{\"a\":\"\\x\"}", 0 },
        { "{\"a\":\"\\ud800\"}", 0 }, { "{\"a\":\"\xed\xa0\x80\"}", 0 },
        { "{\"a\":\"\\ud83d\\ude00\"}", 1 }
    };

    bad = 0;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]) && !bad; i++) {
        bad = !pull_is(cases[i].json, strlen(cases[i].json), cases[i].taken,
                       what, sizeof(what), cases[i].json);
    }

    ok(!bad, "pull skip: repeats nested, white space, the grammar",
       bad ? what : NULL);
}


static void
check_pull_limits(void)
{
    int          taken, reader;
    char         what[256];
    size_t       d, i, k;
    tbuf_t       b = { NULL, 0, 0 };
    static const char  *escaped[] = {
        "{\"\\u0061\":1}", "{\"a\":{\"b\\n\":1}}", "[{\"\\\"\":1}]"
    };

    /* nesting: 64 containers taken, 65 the parse's (-1) */

    for (d = 63; d <= 66; d++) {
        for (i = 0; i < 3; i++) {
            b.len = 0;
            for (k = 0; k < d; k++) {
                tb_add(&b, i == 0 ? "[" : i == 1 ? "{\"a\":"
                                               : (k & 1) ? "[" : "{\"a\":");
            }
            tb_add(&b, "1");
            for (k = d; k-- > 0; /* void */) {
                tb_add(&b, i == 0 ? "]" : i == 1 ? "}"
                                             : (k & 1) ? "]" : "}");
            }

            taken = pull(b.p, b.len, 64, &reader);
            snprintf(what, sizeof(what), "depth %zu, kind %zu: skip %s",
                     d, i, taken ? "takes" : "refuses");
            ok(reader && taken == (d <= LLM_JPULL_DEPTH),
               d <= LLM_JPULL_DEPTH ? "pull skip: nesting to the depth "
                                      "taken"
                                    : "pull skip: nesting deeper left to "
                                      "the parse", what);
        }
    }

    /* escaped keys: left to the parse, though the reader takes them */

    for (i = 0; i < sizeof(escaped) / sizeof(escaped[0]); i++) {
        taken = pull(escaped[i], strlen(escaped[i]), 64, &reader);
        ok(!taken && reader, "pull skip: an escaped key left to the parse",
           escaped[i]);
    }

    free(b.p);
}


/* The tools' parameters of the agent's request (bench/fixtures), each
 * alone: taken, every one of their prefixes refused, and every text of
 * one byte changed judged as the reader judges it (but an escaped key,
 * the parse's). */
static void
check_pull_schemas(void)
{
    int           bad, taken, reader;
    char         *text, *s, what[256];
    size_t        len, i, k, n, schemas, tried;
    json_t       *req, *tools, *p;
    uint64_t      r;
    static const char  bytes[] = "\"{}[],: \\0a-e.\x80\xc3\x01tfn";

    text = read_file("bench/fixtures/chat-tools-agent.json", &len);
    req = text ? json_loadb(text, len, 0, NULL) : NULL;
    tools = json_object_get(req, "tools");
    free(text);

    ok(json_array_size(tools) >= 16, "pull skip: the agent's tools read",
       NULL);

    bad = 0;
    schemas = 0;
    tried = 0;

    for (i = 0; i < json_array_size(tools) && !bad; i++) {
        p = json_object_get(json_object_get(json_array_get(tools, i),
                                            "function"), "parameters");
        s = json_dumps(p, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (s == NULL) {
            continue;
        }

        n = strlen(s);
        schemas++;

        if (!pull_is(s, n, 1, what, sizeof(what), "a schema")) {
            bad = 1;
        }

        for (k = 0; k < n && !bad; k++) {
            taken = pull(s, k, 0, &reader);
            if (taken) {
                snprintf(what, sizeof(what), "schema %zu cut at %zu taken",
                         i, k);
                bad = 1;
            }
        }

        for (k = 0; k < n && !bad; k++) {
            r = next_random();
            text = strdup(s);
            if (text == NULL) {
                abort();
            }
            text[k] = bytes[r % (sizeof(bytes) - 1)];
            taken = pull(text, n, (r >> 8) & 1 ? 64 : 0, &reader);

            if ((taken && !reader)
                || (!taken && reader && memchr(text, '\\', n) == NULL))
            {
                snprintf(what, sizeof(what), "schema %zu, byte %zu as "
                         "0x%02x: skip %s, reader %s", i, k,
                         (unsigned char) text[k], taken ? "takes" : "refuses",
                         reader ? "accepts" : "refuses");
                bad = 1;
            }

            tried++;
            free(text);
        }

        llm_json_free_str(s);           /* json_dumps's */
    }

    json_decref(req);

    ok(!bad && schemas >= 16 && tried > 1000, "pull skip: the agent's "
       "schemas taken, their prefixes refused, one byte changed judged as "
       "the reader does", bad ? what : NULL);
}


int
main(int argc, char **argv)
{
    int          i;
    walk_t       w;
    static const char  *dirs[] = { "t/cases", "t/stream-cases" };

    check_grammar();
    check_depth();
    check_writer();
    check_short_strings();
    check_long_strings();
    check_check_strings();
    check_check_numbers();
    check_check_nesting();
    check_check_containers();
    check_check_names();
    check_check_long();
    check_check_escapes();
    check_check_literals();
    check_check_answers();
    check_check_limits();
    check_reals();
    check_read_reals();
    check_errors();
    check_pull_keys();
    check_pull_cases();
    check_pull_limits();
    check_pull_schemas();

    memset(&w, 0, sizeof(w));

    if (argc > 1) {
        for (i = 1; i < argc; i++) {
            json_files(argv[i], one_file, &w);
        }

    } else {
        for (i = 0; i < 2; i++) {
            json_files(dirs[i], one_file, &w);
        }
    }

    ok(w.files > 100, "fixture JSON files found", NULL);
    ok(w.bad_files == 0, "every fixture file: same as jansson", NULL);
    ok(w.mut_bad == 0, "seeded mutations of the fixtures: same as jansson",
       NULL);

    return tap_done();
}
