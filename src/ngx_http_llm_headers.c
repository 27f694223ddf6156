/*
 * Request header surgery: credentials of the client must never reach a
 * provider, and provider headers (anthropic-version) must be present.
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_llm_translate.h"


ngx_table_elt_t *
ngx_http_llm_find_header(ngx_list_t *headers, const char *lowcase_name)
{
    size_t            len;
    ngx_uint_t        i;
    ngx_list_part_t  *part;
    ngx_table_elt_t  *h;

    len = ngx_strlen(lowcase_name);
    part = &headers->part;
    h = part->elts;

    for (i = 0; /* void */ ; i++) {

        if (i >= part->nelts) {
            if (part->next == NULL) {
                return NULL;
            }
            part = part->next;
            h = part->elts;
            i = 0;
        }

        if (h[i].hash != 0 && h[i].key.len == len
            && ngx_strncasecmp(h[i].key.data, (u_char *) lowcase_name, len)
               == 0)
        {
            return &h[i];
        }
    }
}


/* Every dialect's credential headers (api-key: Azure style), lowercase:
 * what a client authenticated with is never forwarded. */
ngx_str_t  ngx_http_llm_credential_headers[] = {
    ngx_string("authorization"),
    ngx_string("x-api-key"),
    ngx_string("x-goog-api-key"),
    ngx_string("api-key"),
    ngx_null_string
};


/* One bit per length of the names (all lengths from 64 up share bit 63):
 * a header whose name has none of them is none of the names, ruled out
 * without a compare. */
static uint64_t
ngx_http_llm_name_lengths(ngx_str_t *names)
{
    uint64_t  lens;

    for (lens = 0; names->len; names++) {
        lens |= (uint64_t) 1 << ngx_min(names->len, 63);
    }

    return lens;
}


/* names: lowercase.  nginx keeps the lowercase name of every header it
 * parsed: a plain compare then (its first byte first: most headers that
 * share a length with a name differ there), a caseless one for entries
 * without it. */
static ngx_uint_t
ngx_http_llm_header_named(ngx_table_elt_t *h, ngx_str_t *names,
    uint64_t lens)
{
    if (!(lens & ((uint64_t) 1 << ngx_min(h->key.len, 63)))) {
        return 0;
    }

    for ( /* void */ ; names->len; names++) {

        if (h->key.len != names->len) {
            continue;
        }

        if (h->lowcase_key
            ? h->lowcase_key[0] == names->data[0]
              && ngx_memcmp(h->lowcase_key, names->data, names->len) == 0
            : ngx_strncasecmp(h->key.data, names->data, names->len) == 0)
        {
            return 1;
        }
    }

    return 0;
}


/*
 * Removes every entry whose name is in names (lowercase, ended by an
 * empty string).  The list is rebuilt rather than edited in place: the
 * shortcut pointers of r->headers_in (host, content_type, ...) point into
 * the old list's elements, which stay untouched and valid.  Each name is
 * looked at once: the entries before the first one to go are copied
 * without a second look.  Returns how many went.
 */
ngx_int_t
ngx_http_llm_remove_headers(ngx_http_request_t *r, ngx_str_t *names)
{
    uint64_t          lens;
    ngx_int_t         n;
    ngx_uint_t        i, total, before;
    ngx_list_t        old;
    ngx_list_part_t  *part;
    ngx_table_elt_t  *h, *gone, *nh;

    lens = ngx_http_llm_name_lengths(names);
    gone = NULL;
    total = 0;

    for (part = &r->headers_in.headers.part; part; part = part->next) {
        h = part->elts;

        for (i = 0; gone == NULL && i < part->nelts; i++) {
            if (ngx_http_llm_header_named(&h[i], names, lens)) {
                gone = &h[i];
            }
        }

        total += part->nelts;
    }

    if (gone == NULL) {
        return 0;
    }

    /* iterate a copy; its first part is a copy too, the rest shared */
    old = r->headers_in.headers;

    if (ngx_list_init(&r->headers_in.headers, r->pool, total + 3,
                      sizeof(ngx_table_elt_t))
        != NGX_OK)
    {
        r->headers_in.headers = old;
        return NGX_ERROR;
    }

    n = 0;
    before = 1;

    for (part = &old.part; part; part = part->next) {
        h = part->elts;

        for (i = 0; i < part->nelts; i++) {

            if (&h[i] == gone) {
                before = 0;

            } else if (before
                       || !ngx_http_llm_header_named(&h[i], names, lens))
            {
                nh = ngx_list_push(&r->headers_in.headers);
                if (nh == NULL) {
                    return NGX_ERROR;
                }
                *nh = h[i];
                continue;
            }

            if (r->headers_in.authorization == &h[i]) {
                r->headers_in.authorization = NULL;
            }

            n++;
        }
    }

    return n;
}


/* Anthropic wants its API version in every request; a client's own
 * anthropic-version header (an Anthropic SDK's) is kept. */
ngx_int_t
ngx_http_llm_set_anthropic_version(ngx_http_request_t *r, ngx_str_t *version)
{
    if (ngx_http_llm_find_header(&r->headers_in.headers, "anthropic-version")
        != NULL)
    {
        return NGX_OK;
    }

    return ngx_http_llm_set_header(r, "anthropic-version", version);
}


/* Sets the header to value, replacing any existing entries. */
ngx_int_t
ngx_http_llm_set_header(ngx_http_request_t *r, const char *name,
    ngx_str_t *value)
{
    size_t            len;
    ngx_table_elt_t  *h;

    len = ngx_strlen(name);

    h = ngx_http_llm_find_header(&r->headers_in.headers, name);

    if (h == NULL) {
        h = ngx_list_push(&r->headers_in.headers);
        if (h == NULL) {
            return NGX_ERROR;
        }

        h->key.len = len;
        h->key.data = (u_char *) name;
        h->lowcase_key = ngx_pnalloc(r->pool, len);
        if (h->lowcase_key == NULL) {
            return NGX_ERROR;
        }
        ngx_strlow(h->lowcase_key, (u_char *) name, len);
        h->hash = ngx_hash_key(h->lowcase_key, len);
    }

    h->value = *value;

    return NGX_OK;
}


/* query: s is the query string itself, else a key can only follow '?' */

static void
ngx_http_llm_mask_key_in(ngx_str_t *s, ngx_uint_t query)
{
    u_char  *p, *end;

    if (s->data == NULL) {
        return;
    }

    end = s->data + s->len;
    p = s->data;

    if (!query) {
        /* memchr: this runs for every request, most have no query */
        p = memchr(p, '?', s->len);
        if (p == NULL) {
            return;
        }
    }

    for ( /* void */ ; p + 4 <= end; p++) {

        if (*p != 'k'
            || ngx_strncmp(p, "key=", 4) != 0
            || (p != s->data && p[-1] != '?' && p[-1] != '&'))
        {
            continue;
        }

        for (p += 4; p < end && *p != '&' && *p != ' ' && *p != '#'; p++) {
            *p = '*';
        }
    }
}


/*
 * A Gemini client may send its key as "?key=": once read, it is masked
 * where nginx would log it ($request, $request_uri, $args, and the
 * "request:" part of error log lines).
 */
void
ngx_http_llm_mask_query_key(ngx_http_request_t *r)
{
    ngx_http_llm_mask_key_in(&r->request_line, 0);
    ngx_http_llm_mask_key_in(&r->unparsed_uri, 0);
    ngx_http_llm_mask_key_in(&r->args, 1);
}
