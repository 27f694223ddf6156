/*
 * Client authentication for the gateway itself: "llm_client_key" and
 * "llm_client_keys" list the keys clients may present, in the header
 * their dialect uses.  Keys are kept as SHA-256 digests only, so a key
 * file may hold hashes instead of secrets; the client's key is hashed
 * and compared with every digest in constant time.
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_llm_translate.h"


#define NGX_HTTP_LLM_SHA256_LEN  32


typedef struct {
    uint32_t                    state[8];
    uint64_t                    bytes;
    u_char                      buf[64];
} ngx_http_llm_sha256_t;


typedef enum {
    NGX_HTTP_LLM_CRED_END = 0,
    NGX_HTTP_LLM_CRED_BEARER,          /* Authorization: Bearer <key> */
    NGX_HTTP_LLM_CRED_X_API_KEY,       /* x-api-key */
    NGX_HTTP_LLM_CRED_GOOG_API_KEY,    /* x-goog-api-key */
    NGX_HTTP_LLM_CRED_API_KEY,         /* api-key (Azure style) */
    NGX_HTTP_LLM_CRED_ARG_KEY          /* ?key= */
} ngx_http_llm_cred_e;


static void ngx_http_llm_sha256_init(ngx_http_llm_sha256_t *ctx);
static void ngx_http_llm_sha256_update(ngx_http_llm_sha256_t *ctx,
    const u_char *data, size_t len);
static void ngx_http_llm_sha256_final(ngx_http_llm_sha256_t *ctx,
    u_char *digest);
static void ngx_http_llm_sha256(const u_char *data, size_t len,
    u_char *digest);

static char *ngx_http_llm_auth_add(ngx_conf_t *cf,
    ngx_http_llm_loc_conf_t *lcf, ngx_str_t *args, ngx_uint_t n);
static char *ngx_http_llm_auth_read_file(ngx_conf_t *cf,
    ngx_http_llm_loc_conf_t *lcf, ngx_str_t *name);
static ngx_int_t ngx_http_llm_auth_credential(ngx_http_request_t *r,
    llm_dialect_e dialect, ngx_str_t *key);


/* where each dialect's clients put their key, in order of preference */

static ngx_http_llm_cred_e  ngx_http_llm_cred_openai[] = {
    NGX_HTTP_LLM_CRED_BEARER,
    NGX_HTTP_LLM_CRED_API_KEY,
    NGX_HTTP_LLM_CRED_END
};

static ngx_http_llm_cred_e  ngx_http_llm_cred_anthropic[] = {
    NGX_HTTP_LLM_CRED_X_API_KEY,
    NGX_HTTP_LLM_CRED_BEARER,
    NGX_HTTP_LLM_CRED_END
};

static ngx_http_llm_cred_e  ngx_http_llm_cred_gemini[] = {
    NGX_HTTP_LLM_CRED_GOOG_API_KEY,
    NGX_HTTP_LLM_CRED_ARG_KEY,
    NGX_HTTP_LLM_CRED_BEARER,
    NGX_HTTP_LLM_CRED_END
};

static ngx_http_llm_cred_e  ngx_http_llm_cred_any[] = {
    NGX_HTTP_LLM_CRED_BEARER,
    NGX_HTTP_LLM_CRED_X_API_KEY,
    NGX_HTTP_LLM_CRED_GOOG_API_KEY,
    NGX_HTTP_LLM_CRED_ARG_KEY,
    NGX_HTTP_LLM_CRED_END
};


static const uint32_t  ngx_http_llm_sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};


/*
 * llm_client_key key [id=name];
 * llm_client_key sha256:<64 hex digits> [id=name];
 */
char *
ngx_http_llm_client_key(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_llm_loc_conf_t  *lcf = conf;

    ngx_str_t  *value;

    value = cf->args->elts;

    return ngx_http_llm_auth_add(cf, lcf, &value[1], cf->args->nelts - 1);
}


/*
 * llm_client_keys file | off;
 */
char *
ngx_http_llm_client_keys(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_llm_loc_conf_t  *lcf = conf;

    ngx_str_t  *value, name;

    value = cf->args->elts;

    if (value[1].len == 3 && ngx_strncmp(value[1].data, "off", 3) == 0) {
        if (lcf->client_keys != NGX_CONF_UNSET_PTR) {
            return "is duplicate";
        }

        lcf->client_keys = NULL;
        return NGX_CONF_OK;
    }

    name = value[1];

    if (ngx_conf_full_name(cf->cycle, &name, 1) != NGX_OK) {
        return NGX_CONF_ERROR;
    }

    return ngx_http_llm_auth_read_file(cf, lcf, &name);
}


/* args[0] is the key (or sha256:<hex>), the rest its parameters */
static char *
ngx_http_llm_auth_add(ngx_conf_t *cf, ngx_http_llm_loc_conf_t *lcf,
    ngx_str_t *args, ngx_uint_t n)
{
    u_char                     *p;
    ngx_int_t                   hi, lo;
    ngx_str_t                   key, id;
    ngx_uint_t                  i;
    ngx_http_llm_client_key_t  *k;

    static u_char               hex[] = "0123456789abcdef";

    if (lcf->client_keys == NULL) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "client keys conflict with "
                           "\"llm_client_keys off\"");
        return NGX_CONF_ERROR;
    }

    if (lcf->client_keys == NGX_CONF_UNSET_PTR) {
        lcf->client_keys = ngx_array_create(cf->pool, 4,
                                            sizeof(ngx_http_llm_client_key_t));
        if (lcf->client_keys == NULL) {
            return NGX_CONF_ERROR;
        }
    }

    key = args[0];
    ngx_str_null(&id);

    for (i = 1; i < n; i++) {
        if (args[i].len > 3 && ngx_strncmp(args[i].data, "id=", 3) == 0) {
            id.data = args[i].data + 3;
            id.len = args[i].len - 3;
            continue;
        }

        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid client key parameter \"%V\"", &args[i]);
        return NGX_CONF_ERROR;
    }

    if (key.len == 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0, "empty client key");
        return NGX_CONF_ERROR;
    }

    k = ngx_array_push(lcf->client_keys);
    if (k == NULL) {
        return NGX_CONF_ERROR;
    }

    if (key.len > 7 && ngx_strncasecmp(key.data, (u_char *) "sha256:", 7)
                       == 0)
    {
        if (key.len != 7 + 2 * NGX_HTTP_LLM_SHA256_LEN) {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "invalid client key hash \"%V\": expected "
                               "\"sha256:\" and 64 hex digits", &key);
            return NGX_CONF_ERROR;
        }

        for (i = 0; i < NGX_HTTP_LLM_SHA256_LEN; i++) {
            hi = ngx_hextoi(&key.data[7 + 2 * i], 1);
            lo = ngx_hextoi(&key.data[8 + 2 * i], 1);

            if (hi == NGX_ERROR || lo == NGX_ERROR) {
                ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                                   "invalid client key hash \"%V\"", &key);
                return NGX_CONF_ERROR;
            }

            k->hash[i] = (u_char) (hi << 4 | lo);
        }

    } else {
        ngx_http_llm_sha256(key.data, key.len, k->hash);
    }

    if (id.len == 0) {
        /* the fingerprint: the same for a key and for its hash */
        p = ngx_pnalloc(cf->pool, 8);
        if (p == NULL) {
            return NGX_CONF_ERROR;
        }

        for (i = 0; i < 4; i++) {
            p[2 * i] = hex[k->hash[i] >> 4];
            p[2 * i + 1] = hex[k->hash[i] & 0xf];
        }

        id.data = p;
        id.len = 8;

    } else {
        p = ngx_pnalloc(cf->pool, id.len);
        if (p == NULL) {
            return NGX_CONF_ERROR;
        }

        ngx_memcpy(p, id.data, id.len);
        id.data = p;
    }

    k->id = id;

    return NGX_CONF_OK;
}


/*
 * One key per line: "<key or sha256:hex> [id=name]"; "#" starts a
 * comment at the start of a line or after white space.
 */
static char *
ngx_http_llm_auth_read_file(ngx_conf_t *cf, ngx_http_llm_loc_conf_t *lcf,
    ngx_str_t *name)
{
    char             *rv;
    u_char           *buf, *p, *end, *eol;
    off_t             size;
    ssize_t           n;
    ngx_fd_t          fd;
    ngx_str_t         args[8];
    ngx_uint_t        line, nargs, nkeys;
    ngx_file_t        file;
    ngx_file_info_t   fi;

    rv = NGX_CONF_ERROR;
    buf = NULL;
    size = 0;

    fd = ngx_open_file(name->data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    if (fd == NGX_INVALID_FILE) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, ngx_errno,
                           ngx_open_file_n " \"%V\" failed", name);
        return NGX_CONF_ERROR;
    }

    ngx_memzero(&file, sizeof(ngx_file_t));
    file.fd = fd;
    file.name = *name;
    file.log = cf->log;

    if (ngx_fd_info(fd, &fi) == NGX_FILE_ERROR) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, ngx_errno,
                           ngx_fd_info_n " \"%V\" failed", name);
        goto done;
    }

    size = ngx_file_size(&fi);

    if (size > 64 * 1024 * 1024) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "client key file \"%V\" is too large", name);
        goto done;
    }

    buf = ngx_alloc((size_t) size + 1, cf->log);
    if (buf == NULL) {
        goto done;
    }

    n = ngx_read_file(&file, buf, (size_t) size, 0);
    if (n == NGX_ERROR) {
        goto done;
    }

    if (n != size) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           ngx_read_file_n " \"%V\" returned only "
                           "%z bytes instead of %O", name, n, size);
        goto done;
    }

    if (lcf->client_keys == NGX_CONF_UNSET_PTR) {
        lcf->client_keys = ngx_array_create(cf->pool, 16,
                                            sizeof(ngx_http_llm_client_key_t));
        if (lcf->client_keys == NULL) {
            goto done;
        }
    }

    nkeys = 0;
    p = buf;
    end = buf + n;

    for (line = 1; p < end; line++, p = eol + 1) {

        eol = ngx_strlchr(p, end, '\n');
        if (eol == NULL) {
            eol = end;
        }

        nargs = 0;

        while (p < eol) {

            while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r')) {
                p++;
            }

            if (p == eol || *p == '#') {
                break;
            }

            if (nargs == sizeof(args) / sizeof(args[0])) {
                ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                                   "too many parameters in \"%V\" line %ui",
                                   name, line);
                goto done;
            }

            args[nargs].data = p;

            while (p < eol && *p != ' ' && *p != '\t' && *p != '\r') {
                p++;
            }

            args[nargs].len = p - args[nargs].data;
            nargs++;
        }

        if (nargs == 0) {
            continue;
        }

        if (ngx_http_llm_auth_add(cf, lcf, args, nargs) != NGX_CONF_OK) {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "in client key file \"%V\" line %ui",
                               name, line);
            goto done;
        }

        nkeys++;
    }

    if (nkeys == 0) {
        ngx_conf_log_error(NGX_LOG_WARN, cf, 0,
                           "client key file \"%V\" holds no keys: every "
                           "client is refused", name);
    }

    rv = NGX_CONF_OK;

done:

    if (buf) {
        ngx_explicit_memzero(buf, (size_t) size);
        ngx_free(buf);
    }

    if (ngx_close_file(fd) == NGX_FILE_ERROR) {
        ngx_conf_log_error(NGX_LOG_ALERT, cf, ngx_errno,
                           ngx_close_file_n " \"%V\" failed", name);
    }

    return rv;
}


/*
 * The key the client presented: NGX_OK, NGX_DECLINED when there is none,
 * NGX_ERROR.
 */
static ngx_int_t
ngx_http_llm_auth_credential(ngx_http_request_t *r, llm_dialect_e dialect,
    ngx_str_t *key)
{
    u_char               *p, *last, *dst, *src;
    ngx_str_t             v;
    ngx_uint_t            i;
    ngx_table_elt_t      *h;
    ngx_http_llm_cred_e  *cred;

    switch (dialect) {
    case LLM_DIALECT_OPENAI:
        cred = ngx_http_llm_cred_openai;
        break;
    case LLM_DIALECT_ANTHROPIC:
        cred = ngx_http_llm_cred_anthropic;
        break;
    case LLM_DIALECT_GEMINI:
        cred = ngx_http_llm_cred_gemini;
        break;
    default:
        cred = ngx_http_llm_cred_any;
        break;
    }

    for (i = 0; cred[i] != NGX_HTTP_LLM_CRED_END; i++) {

        ngx_str_null(&v);
        h = NULL;

        switch (cred[i]) {

        case NGX_HTTP_LLM_CRED_BEARER:
            h = ngx_http_llm_find_header(&r->headers_in.headers,
                                         "authorization");
            if (h == NULL
                || h->value.len < 7
                || ngx_strncasecmp(h->value.data, (u_char *) "Bearer ", 7)
                   != 0)
            {
                continue;
            }

            v.data = h->value.data + 7;
            v.len = h->value.len - 7;
            h = NULL;
            break;

        case NGX_HTTP_LLM_CRED_X_API_KEY:
            h = ngx_http_llm_find_header(&r->headers_in.headers,
                                         "x-api-key");
            break;

        case NGX_HTTP_LLM_CRED_GOOG_API_KEY:
            h = ngx_http_llm_find_header(&r->headers_in.headers,
                                         "x-goog-api-key");
            break;

        case NGX_HTTP_LLM_CRED_API_KEY:
            h = ngx_http_llm_find_header(&r->headers_in.headers, "api-key");
            break;

        case NGX_HTTP_LLM_CRED_ARG_KEY:
            if (ngx_http_arg(r, (u_char *) "key", 3, &v) != NGX_OK) {
                continue;
            }

            dst = ngx_pnalloc(r->pool, v.len);
            if (dst == NULL) {
                return NGX_ERROR;
            }

            src = v.data;
            v.data = dst;
            ngx_unescape_uri(&dst, &src, v.len, 0);
            v.len = dst - v.data;
            break;

        default:
            continue;
        }

        if (h) {
            v = h->value;
        }

        /* trim white space */

        p = v.data;
        last = v.data + v.len;

        while (p < last && (*p == ' ' || *p == '\t')) {
            p++;
        }

        while (last > p && (last[-1] == ' ' || last[-1] == '\t')) {
            last--;
        }

        if (p == last) {
            continue;
        }

        key->data = p;
        key->len = last - p;

        return NGX_OK;
    }

    return NGX_DECLINED;
}


/*
 * Looks the client's key up among the location's keys.  NGX_OK with
 * *id set, NGX_DECLINED when the client sent no key, NGX_ABORT when its
 * key is not known, NGX_ERROR.
 */
ngx_int_t
ngx_http_llm_auth_lookup(ngx_http_request_t *r, ngx_http_llm_loc_conf_t *lcf,
    llm_dialect_e dialect, ngx_str_t *id)
{
    u_char                      diff;
    ngx_int_t                   rc;
    ngx_str_t                   key;
    ngx_uint_t                  i, j;
    ngx_http_llm_client_key_t  *k, *found;
    u_char                      digest[NGX_HTTP_LLM_SHA256_LEN];

    rc = ngx_http_llm_auth_credential(r, dialect, &key);
    if (rc != NGX_OK) {
        return rc;
    }

    if (lcf->client_keys == NULL) {
        return NGX_ABORT;
    }

    ngx_http_llm_sha256(key.data, key.len, digest);

    /* every digest is compared in full: the time taken does not depend
     * on which key matched, nor on how much of a digest did */

    k = lcf->client_keys->elts;
    found = NULL;

    for (i = 0; i < lcf->client_keys->nelts; i++) {
        diff = 0;

        for (j = 0; j < NGX_HTTP_LLM_SHA256_LEN; j++) {
            diff |= k[i].hash[j] ^ digest[j];
        }

        if (diff == 0 && found == NULL) {
            found = &k[i];
        }
    }

    ngx_explicit_memzero(digest, sizeof(digest));

    if (found == NULL) {
        return NGX_ABORT;
    }

    *id = found->id;

    return NGX_OK;
}


/*
 * Called by the PRECONTENT handler before the body is read: NGX_OK when
 * the location needs no key or the client's key is known (its id is in
 * ctx->client_key_id), else the 401 is sent and NGX_DONE returned.
 */
ngx_int_t
ngx_http_llm_auth(ngx_http_request_t *r, ngx_http_llm_ctx_t *ctx,
    ngx_http_llm_loc_conf_t *lcf)
{
    ngx_int_t    rc;
    llm_error_t  err;

    if (lcf->client_keys == NULL) {
        return NGX_OK;
    }

    rc = ngx_http_llm_auth_lookup(r, lcf, ctx->client, &ctx->client_key_id);

    if (rc == NGX_OK) {
        return NGX_OK;
    }

    if (rc == NGX_ERROR) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    ngx_memzero(&err, sizeof(llm_error_t));

    if (rc == NGX_DECLINED) {
        ngx_log_error(NGX_LOG_INFO, r->connection->log, 0,
                      "llm: client sent no API key");

        switch (ctx->client) {
        case LLM_DIALECT_ANTHROPIC:
            llm_error_set(&err, LLM_ERR_AUTHENTICATION,
                          "x-api-key header is required");
            break;
        case LLM_DIALECT_GEMINI:
            llm_error_set(&err, LLM_ERR_AUTHENTICATION,
                          "Missing API key: send it in the x-goog-api-key "
                          "header or the key query parameter");
            break;
        default:
            llm_error_set(&err, LLM_ERR_AUTHENTICATION,
                          "You didn't provide an API key. Send it in an "
                          "Authorization header using Bearer auth "
                          "(Authorization: Bearer YOUR_KEY)");
            break;
        }

    } else {
        ngx_log_error(NGX_LOG_INFO, r->connection->log, 0,
                      "llm: client sent an unknown API key");

        llm_error_set(&err, LLM_ERR_AUTHENTICATION, "Invalid API key");
    }

    err.status = NGX_HTTP_UNAUTHORIZED;

    ctx->rc = NGX_DONE;

    /* a wrong key is still somebody's secret: not in the logs either */
    ngx_http_llm_mask_query_key(r);

    return ngx_http_llm_send_error(r, ctx->client, &err);
}


/* SHA-256 (FIPS 180-4) */

#define ngx_http_llm_ror(x, n)  (((x) >> (n)) | ((x) << (32 - (n))))


static void
ngx_http_llm_sha256_init(ngx_http_llm_sha256_t *ctx)
{
    ctx->state[0] = 0x6a09e667;
    ctx->state[1] = 0xbb67ae85;
    ctx->state[2] = 0x3c6ef372;
    ctx->state[3] = 0xa54ff53a;
    ctx->state[4] = 0x510e527f;
    ctx->state[5] = 0x9b05688c;
    ctx->state[6] = 0x1f83d9ab;
    ctx->state[7] = 0x5be0cd19;
    ctx->bytes = 0;
}


static void
ngx_http_llm_sha256_block(ngx_http_llm_sha256_t *ctx, const u_char *p)
{
    uint32_t    a, b, c, d, e, f, g, h, s0, s1, t1, t2;
    uint32_t    w[64];
    ngx_uint_t  i;

    for (i = 0; i < 16; i++) {
        w[i] = (uint32_t) p[4 * i] << 24 | (uint32_t) p[4 * i + 1] << 16
               | (uint32_t) p[4 * i + 2] << 8 | (uint32_t) p[4 * i + 3];
    }

    for (i = 16; i < 64; i++) {
        s0 = ngx_http_llm_ror(w[i - 15], 7) ^ ngx_http_llm_ror(w[i - 15], 18)
             ^ (w[i - 15] >> 3);
        s1 = ngx_http_llm_ror(w[i - 2], 17) ^ ngx_http_llm_ror(w[i - 2], 19)
             ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }

    a = ctx->state[0];
    b = ctx->state[1];
    c = ctx->state[2];
    d = ctx->state[3];
    e = ctx->state[4];
    f = ctx->state[5];
    g = ctx->state[6];
    h = ctx->state[7];

    for (i = 0; i < 64; i++) {
        s1 = ngx_http_llm_ror(e, 6) ^ ngx_http_llm_ror(e, 11)
             ^ ngx_http_llm_ror(e, 25);
        t1 = h + s1 + ((e & f) ^ (~e & g)) + ngx_http_llm_sha256_k[i] + w[i];
        s0 = ngx_http_llm_ror(a, 2) ^ ngx_http_llm_ror(a, 13)
             ^ ngx_http_llm_ror(a, 22);
        t2 = s0 + ((a & b) ^ (a & c) ^ (b & c));

        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }

    ctx->state[0] += a;
    ctx->state[1] += b;
    ctx->state[2] += c;
    ctx->state[3] += d;
    ctx->state[4] += e;
    ctx->state[5] += f;
    ctx->state[6] += g;
    ctx->state[7] += h;
}


static void
ngx_http_llm_sha256_update(ngx_http_llm_sha256_t *ctx, const u_char *data,
    size_t len)
{
    size_t  used, n;

    used = (size_t) (ctx->bytes & 0x3f);
    ctx->bytes += len;

    if (used) {
        n = ngx_min(len, 64 - used);
        ngx_memcpy(ctx->buf + used, data, n);
        data += n;
        len -= n;

        if (used + n < 64) {
            return;
        }

        ngx_http_llm_sha256_block(ctx, ctx->buf);
    }

    while (len >= 64) {
        ngx_http_llm_sha256_block(ctx, data);
        data += 64;
        len -= 64;
    }

    if (len) {
        ngx_memcpy(ctx->buf, data, len);
    }
}


static void
ngx_http_llm_sha256_final(ngx_http_llm_sha256_t *ctx, u_char *digest)
{
    size_t      used;
    uint64_t    bits;
    ngx_uint_t  i;

    bits = ctx->bytes << 3;
    used = (size_t) (ctx->bytes & 0x3f);

    ctx->buf[used++] = 0x80;

    if (used > 56) {
        ngx_memzero(ctx->buf + used, 64 - used);
        ngx_http_llm_sha256_block(ctx, ctx->buf);
        used = 0;
    }

    ngx_memzero(ctx->buf + used, 56 - used);

    for (i = 0; i < 8; i++) {
        ctx->buf[63 - i] = (u_char) (bits >> (8 * i));
    }

    ngx_http_llm_sha256_block(ctx, ctx->buf);

    for (i = 0; i < 8; i++) {
        digest[4 * i] = (u_char) (ctx->state[i] >> 24);
        digest[4 * i + 1] = (u_char) (ctx->state[i] >> 16);
        digest[4 * i + 2] = (u_char) (ctx->state[i] >> 8);
        digest[4 * i + 3] = (u_char) ctx->state[i];
    }

    ngx_explicit_memzero(ctx, sizeof(ngx_http_llm_sha256_t));
}


static void
ngx_http_llm_sha256(const u_char *data, size_t len, u_char *digest)
{
    ngx_http_llm_sha256_t  ctx;

    ngx_http_llm_sha256_init(&ctx);
    ngx_http_llm_sha256_update(&ctx, data, len);
    ngx_http_llm_sha256_final(&ctx, digest);
}
