/*
 * Small shared pieces of the IR: errors, warnings, names.
 */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "llm_codec.h"
#include "llm_json.h"


static const struct {
    llm_err_kind_e  kind;
    int             status;
} llm_err_status[] = {
    { LLM_ERR_INVALID_REQUEST, 400 },
    { LLM_ERR_AUTHENTICATION, 401 },
    { LLM_ERR_PERMISSION, 403 },
    { LLM_ERR_NOT_FOUND, 404 },
    { LLM_ERR_TOO_LARGE, 413 },
    { LLM_ERR_RATE_LIMIT, 429 },
    { LLM_ERR_QUOTA, 429 },
    { LLM_ERR_SERVER, 500 },
    { LLM_ERR_BAD_GATEWAY, 502 },
    { LLM_ERR_OVERLOADED, 503 },
    { LLM_ERR_TIMEOUT, 504 },
};


int
llm_err_kind_status(llm_err_kind_e kind)
{
    size_t  i;

    for (i = 0; i < sizeof(llm_err_status) / sizeof(llm_err_status[0]); i++) {
        if (llm_err_status[i].kind == kind) {
            return llm_err_status[i].status;
        }
    }

    return 500;
}


llm_err_kind_e
llm_err_kind_from_status(int status)
{
    switch (status) {
    case 400: case 405: case 409: case 415: case 422:
        return LLM_ERR_INVALID_REQUEST;
    case 401: return LLM_ERR_AUTHENTICATION;
    case 402: return LLM_ERR_QUOTA;
    case 403: return LLM_ERR_PERMISSION;
    case 404: return LLM_ERR_NOT_FOUND;
    case 408: case 504: return LLM_ERR_TIMEOUT;
    case 413: return LLM_ERR_TOO_LARGE;
    case 429: return LLM_ERR_RATE_LIMIT;
    case 502: return LLM_ERR_BAD_GATEWAY;
    case 503: case 529: return LLM_ERR_OVERLOADED;
    default:
        return status >= 500 ? LLM_ERR_SERVER : LLM_ERR_INVALID_REQUEST;
    }
}


void
llm_error_clear(llm_error_t *err)
{
    err->kind = LLM_ERR_NONE;
    err->status = 0;
    err->retry_after = 0;
    err->message[0] = '\0';
    err->param[0] = '\0';
}


void
llm_error_set(llm_error_t *err, llm_err_kind_e kind, const char *fmt, ...)
{
    va_list  ap;

    err->kind = kind;
    err->status = llm_err_kind_status(kind);

    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);

    /* a message may quote client or upstream bytes, or be cut short: it
     * must stay valid UTF-8, or jansson refuses to put it in a body */
    llm_utf8_sanitize(err->message);
}


/*
 * Makes s valid UTF-8 in place: an invalid byte becomes '?', and a
 * sequence cut off at the end (a truncated message) is dropped.
 */
void
llm_utf8_sanitize(char *s)
{
    size_t          i, k, n, len;
    unsigned char  *p = (unsigned char *) s;
    unsigned int    cp;

    len = strlen(s);

    for (i = 0; i < len; /* void */) {

        if (p[i] < 0x80) {
            i++;
            continue;
        }

        if (p[i] >= 0xc2 && p[i] <= 0xdf) {
            n = 1;
            cp = p[i] & 0x1f;

        } else if (p[i] >= 0xe0 && p[i] <= 0xef) {
            n = 2;
            cp = p[i] & 0x0f;

        } else if (p[i] >= 0xf0 && p[i] <= 0xf4) {
            n = 3;
            cp = p[i] & 0x07;

        } else {
            p[i++] = '?';
            continue;
        }

        if (i + n >= len) {
            /* cut off at the end */
            p[i] = '\0';
            return;
        }

        for (k = 1; k <= n; k++) {
            if ((p[i + k] & 0xc0) != 0x80) {
                break;
            }
            cp = (cp << 6) | (p[i + k] & 0x3f);
        }

        if (k <= n
            || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)
            || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
        {
            p[i++] = '?';
            continue;
        }

        i += n + 1;
    }
}


void
llm_warn(llm_warnings_t *w, const char *what)
{
    size_t  i;

    if (w == NULL) {
        return;
    }

    for (i = 0; i < w->n; i++) {
        if (strcmp(w->items[i], what) == 0) {
            return;
        }
    }

    if (w->n < LLM_WARN_MAX) {
        w->items[w->n++] = what;
    }
}


static const char  *llm_dialect_names[LLM_DIALECT_MAX] = {
    "none", "openai", "anthropic", "gemini"
};


const char *
llm_dialect_name(llm_dialect_e d)
{
    return (d > LLM_DIALECT_NONE && d < LLM_DIALECT_MAX)
           ? llm_dialect_names[d] : "none";
}


llm_dialect_e
llm_dialect_from_name(const char *name, size_t len)
{
    int  d;

    for (d = LLM_DIALECT_OPENAI; d < LLM_DIALECT_MAX; d++) {
        if (strlen(llm_dialect_names[d]) == len
            && strncmp(llm_dialect_names[d], name, len) == 0)
        {
            return (llm_dialect_e) d;
        }
    }

    return LLM_DIALECT_NONE;
}


const llm_codec_t *
llm_codec(llm_dialect_e d)
{
    switch (d) {
    case LLM_DIALECT_OPENAI: return &llm_openai_codec;
    case LLM_DIALECT_ANTHROPIC: return &llm_anthropic_codec;
    case LLM_DIALECT_GEMINI: return &llm_gemini_codec;
    default: return NULL;
    }
}


int
llm_json_str(json_t *j, llm_str_t *out)
{
    if (!json_is_string(j)) {
        return -1;
    }

    out->data = json_string_value(j);
    out->len = json_string_length(j);
    return 0;
}


json_t *
llm_json_strn(const llm_str_t *s)
{
    return llm_json_stringn(s->data ? s->data : "", s->data ? s->len : 0);
}


/*
 * json_stringn() checks UTF-8 a byte at a time; most of what the codecs
 * copy is ASCII, checked here 8 bytes at a time.  Anything else goes
 * through jansson's check, so the same strings are refused.
 */
json_t *
llm_json_stringn(const char *p, size_t len)
{
    size_t    i;
    uint64_t  w, bits;

    if (p == NULL) {
        return NULL;
    }

    bits = 0;

    for (i = 0; i + 8 <= len; i += 8) {
        memcpy(&w, p + i, 8);
        bits |= w;
    }

    for (/* void */; i < len; i++) {
        bits |= (unsigned char) p[i];
    }

    if (bits & 0x8080808080808080ULL) {
        return json_stringn(p, len);
    }

    return json_stringn_nocheck(p, len);
}


/* [value], the value stolen; NULL when it is NULL, as json_pack("[o]") */
json_t *
llm_json_arr1(json_t *value)
{
    json_t  *arr;

    if (value == NULL) {
        return NULL;
    }

    arr = json_array();
    if (arr == NULL) {
        json_decref(value);
        return NULL;
    }

    if (json_array_append_new(arr, value) != 0) {
        json_decref(arr);
        return NULL;
    }

    return arr;
}


/*
 * An object from key/value pairs, in order, ended by a NULL key: what
 * json_pack("{s:o,...}") builds, without parsing a format string on
 * every call.  The keys are literals of ours (not checked); the values
 * are stolen.  A NULL value (a failed allocation upstream) fails the
 * whole object and releases every value, as json_pack does.
 */
json_t *
llm_json_obj(const char *key, json_t *value, ...)
{
    int      failed;
    json_t  *obj;
    va_list  ap;

    obj = json_object();
    failed = (obj == NULL);

    va_start(ap, value);

    while (key != NULL) {
        if (value == NULL) {
            failed = 1;

        } else if (failed) {
            json_decref(value);

        } else if (json_object_set_new_nocheck(obj, key, value) != 0) {
            failed = 1;
        }

        key = va_arg(ap, const char *);
        if (key != NULL) {
            value = va_arg(ap, json_t *);
        }
    }

    va_end(ap);

    if (failed) {
        json_decref(obj);
        return NULL;
    }

    return obj;
}


size_t
llm_path_format(char *p, size_t size, const char *fmt, ...)
{
    char        *start, *last, digits[20];
    size_t       i, n, max;
    va_list      ap;
    const char  *s;

    if (size == 0) {
        return 0;
    }

    start = p;
    last = p + size - 1;

    va_start(ap, fmt);

    for (/* void */; *fmt && p < last; fmt++) {

        if (*fmt != '%') {
            *p++ = *fmt;
            continue;
        }

        fmt++;

        if (*fmt == 's' || *fmt == '.') {
            /* "%s" or "%.Ns" */
            max = (size_t) -1;
            if (*fmt == '.') {
                for (max = 0, fmt++; *fmt >= '0' && *fmt <= '9'; fmt++) {
                    max = max * 10 + (size_t) (*fmt - '0');
                }
            }

            s = va_arg(ap, const char *);
            n = strnlen(s, max);
            if (n > (size_t) (last - p)) {
                n = (size_t) (last - p);
            }
            memcpy(p, s, n);
            p += n;
            continue;
        }

        /* "%zu" */
        fmt++;
        i = va_arg(ap, size_t);
        n = 0;
        do {
            digits[n++] = (char) ('0' + i % 10);
            i /= 10;
        } while (i);

        while (n && p < last) {
            *p++ = digits[--n];
        }
    }

    va_end(ap);

    *p = '\0';
    return (size_t) (p - start);
}


/*
 * A jansson lookup hashes the key every time (~130 instructions), and a
 * parser asks each message or part for up to ten members, most of them
 * absent; one walk over the two or three members present is a fraction
 * of that.
 */
const char *
llm_json_pick(json_t *o, const llm_json_name_t *names, size_t n,
    json_t **out)
{
    void        *it;
    size_t       i, len;
    const char  *key, *other;

    for (i = 0; i < n; i++) {
        out[i] = NULL;
    }

    other = NULL;

    for (it = json_object_iter(o); it; it = json_object_iter_next(o, it)) {
        key = json_object_iter_key(it);
        len = json_object_iter_key_len(it);

        for (i = 0; i < n; i++) {
            if (names[i].len == len && names[i].name[0] == key[0]
                && memcmp(names[i].name, key, len) == 0)
            {
                out[i] = json_object_iter_value(it);
                break;
            }
        }

        if (i == n && other == NULL) {
            other = key;
        }
    }

    return other;
}


static const char  *llm_effort_names[] = {
    NULL, "none", "minimal", "low", "medium", "high", "xhigh"
};


const char *
llm_effort_name(llm_effort_e e)
{
    return (e > LLM_EFFORT_UNSET && e <= LLM_EFFORT_XHIGH)
           ? llm_effort_names[e] : NULL;
}


llm_effort_e
llm_effort_from_name(const char *s)
{
    int  e;

    if (s == NULL) {
        return LLM_EFFORT_UNSET;
    }

    for (e = LLM_EFFORT_NONE; e <= LLM_EFFORT_XHIGH; e++) {
        if (strcmp(llm_effort_names[e], s) == 0) {
            return (llm_effort_e) e;
        }
    }

    /* newer top levels */
    if (strcmp(s, "max") == 0) {
        return LLM_EFFORT_XHIGH;
    }

    return LLM_EFFORT_UNSET;
}


/* A deferred value's text read back: it was checked to be what the
 * writer writes for the document the reader reads from it. */
static json_t *
llm_request_build_one(llm_arena_t *a, const llm_str_t *text)
{
    return llm_arena_keep(a, llm_json_loadb(text->data, text->len,
                                            JSON_REJECT_DUPLICATES, NULL));
}


int
llm_request_build_deferred(llm_arena_t *a, llm_request_t *req)
{
    size_t        i, k;
    llm_block_t  *b;

    if (llm_request_read_deferred_tools(a, req) != 0) {
        return -1;
    }

    for (i = 0; i < req->ntools; i++) {
        if (req->tools[i].schema_json.data != NULL) {
            req->tools[i].schema = llm_request_build_one(a,
                                                 &req->tools[i].schema_json);
            if (req->tools[i].schema == NULL) {
                return -1;
            }
            llm_str_set(&req->tools[i].schema_json, NULL, 0);
        }
    }

    for (i = 0; i < req->nmessages; i++) {
        for (k = 0; k < req->messages[i].nblocks; k++) {
            b = &req->messages[i].blocks[k];

            if (b->args_deferred) {
                b->args = llm_request_build_one(a, &b->args_json);
                if (b->args == NULL) {
                    return -1;
                }
                b->args_deferred = 0;

                if (b->args_text_only) {
                    llm_str_set(&b->args_json, NULL, 0);
                    b->args_text_only = 0;
                }
            }
        }
    }

    return 0;
}
