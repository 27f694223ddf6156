/*
 * A jansson document to compact JSON text in contiguous memory; see
 * llm_json.h.  The output is byte for byte what jansson 2.14 writes with
 * JSON_COMPACT: keys in insertion order, "\uXXXX" (upper case) for
 * control characters without a short escape, UTF-8 left as it is; but
 * reals, where llm_jw_real_short finds it, in their shortest form that
 * reads back as the same double (0.2), elsewhere as "%.17g" with
 * jansson's touches (".0" when it would read back as an integer, no '+'
 * or leading zeros in the exponent).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llm_json.h"
#include "llm_json_write.h"


/* Room for n more bytes and the terminating NUL, when there is not. */
int
llm_jw_grow(llm_jw_t *w, size_t n)
{
    char    *p;
    size_t   cap;

    if (w->arena == NULL) {
        w->buf->len = w->len;
        if (llm_buf_reserve(w->buf, n) != 0) {
            return -1;
        }
        w->data = w->buf->data;
        w->cap = w->buf->cap;
        return 0;
    }

    cap = w->cap ? w->cap * 2 : 512;
    while (cap - w->len <= n) {
        cap *= 2;
    }

    p = llm_arena_alloc(w->arena, cap);
    if (p == NULL) {
        return -1;
    }

    if (w->len) {
        memcpy(p, w->data, w->len);
    }

    w->data = p;
    w->cap = cap;
    return 0;
}


/* The letter after the backslash for the bytes a string escapes, 'u'
 * for "\\u00XX" (plain bytes and UTF-8 are not looked up). */
static const char  llm_jw_escape[256] = {
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
    'b', 't', 'n', 'u', 'f', 'r', 'u', 'u',
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
    0, 0, '"', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '\\', 0, 0, 0
};


int
llm_jw_string_any(llm_jw_t *w, const char *s, size_t n)
{
    int                   cut;
    char                 *o, c;
    size_t                k;
    uint64_t              x, m;
    const unsigned char  *p, *end;
    static const char     hex[] = "0123456789ABCDEF";
#ifdef __SSE2__
    int                   mask;
    __m128i               v;
#endif

    p = (const unsigned char *) s;
    end = p + n;

    /* the plain case in one go; escapes reserve more as they come */
    if (llm_jw_reserve(w, n + 2) != 0) {
        return -1;
    }

    o = w->data + w->len;
    *o++ = '"';

    while (p < end) {
        /* plain bytes are copied as they are scanned, eight at a time
         * while they can: most strings are short, a memcpy call per run
         * would cost more than the copy */
        cut = 0;

#ifdef __SSE2__
        while (end - p >= 16) {
            v = _mm_loadu_si128((const __m128i *) (const void *) p);
            /* all sixteen go out: the room reserved covers what is left
             * of s, at least sixteen bytes here */
            _mm_storeu_si128((__m128i *) (void *) o, v);
            mask = llm_json_plain_mask16(v);
            if (mask) {
                k = (size_t) __builtin_ctz((unsigned) mask);
                o += k;
                p += k;
                cut = 1;
                break;
            }
            o += 16;
            p += 16;
        }
#endif

        while (!cut && end - p >= 8) {
            memcpy(&x, p, 8);
            m = llm_json_plain_mask(x);
            /* all eight go out, as above */
            memcpy(o, &x, 8);
            if (m) {
#if LLM_JSON_LITTLE_ENDIAN
                k = llm_json_plain_bytes(m);
                o += k;
                p += k;
                cut = 1;
#endif
                break;
            }
            o += 8;
            p += 8;
        }

        /* the last bytes (or big-endian): one at a time; when a word
         * was cut short, the byte at p needs a look */
        if (!cut) {
            while (p < end && llm_json_plain[*p]) {
                *o++ = (char) *p++;
            }

            if (p == end) {
                break;
            }
        }

        if (*p >= 0x80) {
            k = llm_json_utf8_len(p, end);
            if (k == 0) {
                return -1;              /* json_dumps fails too */
            }
            memcpy(o, p, k);
            o += k;
            p += k;
            continue;
        }

        /* an escape: up to 6 bytes for 1, and the rest must still fit
         * (the buffer doubles when it grows: this is rarely taken) */
        if (w->cap - 1 - (size_t) (o - w->data) < (size_t) (end - p) + 8) {
            w->len = (size_t) (o - w->data);
            if (llm_jw_grow(w, (size_t) (end - p) + 8) != 0) {
                return -1;
            }
            o = w->data + w->len;
        }

        c = llm_jw_escape[*p++];
        o[0] = '\\';
        o[1] = c;

        if (c != 'u') {
            o += 2;
            continue;
        }

        o[2] = '0';
        o[3] = '0';
        o[4] = hex[p[-1] >> 4];
        o[5] = hex[p[-1] & 0xf];
        o += 6;
    }

    *o++ = '"';
    w->len = (size_t) (o - w->data);
    return 0;
}


int
llm_jw_integer(llm_jw_t *w, json_int_t v)
{
    char                 buf[24], *p;
    unsigned long long   u;

    p = buf + sizeof(buf);
    u = v < 0 ? 0ULL - (unsigned long long) v : (unsigned long long) v;

    do {
        *--p = (char) ('0' + u % 10);
        u /= 10;
    } while (u);

    if (v < 0) {
        *--p = '-';
    }

    return llm_jw_raw(w, p, (size_t) (buf + sizeof(buf) - p));
}


/*
 * A real in the fewest decimals that read back as the same double, where
 * that is quick to find: for 1e-4 <= |v| < 1e15, the smallest k in 0..17
 * for which m = round(|v| * 10^k) is below 2^53 and m / 10^k == |v|.
 * Why the text "m" with k decimals reads back as v: m and 10^k (k <= 22)
 * are exact doubles, so the IEEE division rounds the rational m / 10^k to
 * the nearest double, and a correctly rounded strtod (glibc's, jansson's
 * reader, ours) rounds the same rational the same way.  The product is
 * rounded, so its m may miss the shortest form by one in the last place:
 * the test then fails and a longer form (or "%.17g") is written, never a
 * wrong one.  The length written to buf (24 bytes at least: 20 at most
 * are written), or 0 for "not found".
 */
size_t
llm_jw_real_short(char *buf, double v)
{
    int                  k, neg;
    char                 text[24], *p;
    double               a, x, q;
    size_t               n;
    unsigned long long   m;
    static const double  tens[] = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17
    };

    neg = v < 0;
    a = neg ? -v : v;

    /* also false for NaN */
    if (!(a >= 1e-4 && a < 1e15)) {
        return 0;
    }

    m = 0;

    for (k = 0; k < 18; k++) {
        x = a * tens[k];
        if (x >= 9007199254740992.0) {          /* 2^53 */
            return 0;
        }

        /* llround's rounding without libm (the module links none):
         * x - m is exact below 2^53 */
        m = (unsigned long long) x;
        if (x - (double) m >= 0.5) {
            m++;
        }

        /* q: rounded to a double even where doubles are computed wider */
        q = (double) m / tens[k];
        if (q == a) {
            break;
        }
    }

    if (k == 18) {
        return 0;
    }

    /* a trailing zero is the same rational one place shorter */
    while (k > 0 && m % 10 == 0) {
        m /= 10;
        k--;
    }

    /* digits from the right, the point k of them in, ".0" for k = 0 */
    p = text + sizeof(text);
    n = 0;

    if (k == 0) {
        *--p = '0';
        *--p = '.';
    }

    do {
        *--p = (char) ('0' + m % 10);
        m /= 10;
        if (++n == (size_t) k) {
            *--p = '.';
        }
    } while (m || n < (size_t) k);

    if (n == (size_t) k) {
        *--p = '0';                             /* 0.0001 */
    }

    if (neg) {
        *--p = '-';
    }

    n = (size_t) (text + sizeof(text) - p);
    memcpy(buf, p, n);
    return n;
}


int
llm_jw_real(llm_jw_t *w, double v)
{
    int     n;
    char    buf[40], *e, *digits, *z;

    n = (int) llm_jw_real_short(buf, v);
    if (n) {
        return llm_jw_raw(w, buf, (size_t) n);
    }

    n = snprintf(buf, sizeof(buf) - 3, "%.17g", v);
    if (n < 0 || (size_t) n >= sizeof(buf) - 3) {
        return -1;
    }

    /* a real must read back as a real */
    if (strchr(buf, '.') == NULL && strchr(buf, 'e') == NULL) {
        memcpy(buf + n, ".0", 3);
        n += 2;
    }

    e = strchr(buf, 'e');
    if (e) {
        digits = e + 1;
        if (*digits == '-') {
            digits++;
        }

        /* past a '+' and the exponent's leading zeros */
        z = e + 2;
        while (*z == '0') {
            z++;
        }

        if (z != digits) {
            memmove(digits, z, (size_t) (buf + n - z) + 1);
            n -= (int) (z - digits);
        }
    }

    return llm_jw_raw(w, buf, (size_t) n);
}


static int
llm_jw_object(llm_jw_t *w, const json_t *j)
{
    void  *it;
    int    first;

    if (llm_jw_raw(w, "{", 1) != 0) {
        return -1;
    }

    first = 1;

    for (it = json_object_iter((json_t *) j); it;
         it = json_object_iter_next((json_t *) j, it))
    {
        if (!first && llm_jw_raw(w, ",", 1) != 0) {
            return -1;
        }
        first = 0;

        if (llm_jw_string(w, json_object_iter_key(it),
                          json_object_iter_key_len(it))
            != 0
            || llm_jw_raw(w, ":", 1) != 0
            || llm_jw_value(w, json_object_iter_value(it)) != 0)
        {
            return -1;
        }
    }

    return llm_jw_raw(w, "}", 1);
}


static int
llm_jw_array(llm_jw_t *w, const json_t *j)
{
    size_t  i, n;

    if (llm_jw_raw(w, "[", 1) != 0) {
        return -1;
    }

    n = json_array_size(j);

    for (i = 0; i < n; i++) {
        if ((i && llm_jw_raw(w, ",", 1) != 0)
            || llm_jw_value(w, json_array_get(j, i)) != 0)
        {
            return -1;
        }
    }

    return llm_jw_raw(w, "]", 1);
}


int
llm_jw_value(llm_jw_t *w, const json_t *j)
{
    if (j == NULL) {
        return -1;
    }

    switch (json_typeof(j)) {

    case JSON_OBJECT:
        return llm_jw_object(w, j);

    case JSON_ARRAY:
        return llm_jw_array(w, j);

    case JSON_STRING:
        return llm_jw_string(w, json_string_value(j), json_string_length(j));

    case JSON_INTEGER:
        return llm_jw_integer(w, json_integer_value(j));

    case JSON_REAL:
        return llm_jw_real(w, json_real_value(j));

    case JSON_TRUE:
        return llm_jw_raw(w, "true", 4);

    case JSON_FALSE:
        return llm_jw_raw(w, "false", 5);

    default:
        return llm_jw_raw(w, "null", 4);
    }
}


int
llm_json_write(const json_t *j, llm_buf_t *b)
{
    int       rc;
    llm_jw_t  w;

    w.data = b->data;
    w.len = b->len;
    w.cap = b->cap;
    w.arena = NULL;
    w.buf = b;

    rc = llm_jw_value(&w, j);

    /* what was written stays, as with a callback that already ran */
    b->data = w.data;
    b->len = w.len;
    b->cap = w.cap;
    if (b->data) {
        b->data[b->len] = '\0';
    }

    return rc;
}


char *
llm_jw_finish(llm_jw_t *w, size_t *len)
{
    if (w->data == NULL) {
        return NULL;
    }

    w->data[w->len] = '\0';
    *len = w->len;
    return w->data;
}


char *
llm_json_dump(llm_arena_t *a, const json_t *j, size_t *len)
{
    llm_jw_t  w;

    llm_jw_init(&w, a);

    if (llm_jw_value(&w, j) != 0) {
        return NULL;
    }

    return llm_jw_finish(&w, len);
}
