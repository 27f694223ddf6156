/*
 * Key pools: the balancer.  "llm_provider" wraps the upstream's balancer
 * (round robin unless another method came first), as keepalive does.
 * Per attempt, get_peer picks a key from the pool and rebuilds the
 * proxy's upstream request with the provider's credential header holding
 * it (the first request buffer is built before any balancer code runs),
 * or, once a location is known to allow it, adds the header line to a
 * copy of the first build; free_peer records the outcome in shared
 * memory.
 *
 * The key exists only in the upstream request buffer: the header is in
 * r->headers_in only while the proxy builds that buffer, so that
 * $http_authorization, $http_x_api_key and the like (access log, any
 * later variable) never see it.
 *
 * A 429, 401 or 403 is the key's problem, not the host's: round robin is
 * told NGX_PEER_NEXT instead of NGX_PEER_FAILED, the try is given back
 * even on a single-server upstream, and the host's "tried" bit is cleared
 * so that the next key can use the same host.
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_llm_keys.h"


/* exported by the nginx binary; its ctx is not */
extern ngx_module_t  ngx_http_proxy_module;


typedef struct {
    ngx_http_llm_keys_pool_t          *pool;
    ngx_http_request_t                *request;
    ngx_http_llm_keys_ctx_t           *ctx;

    void                              *data;
    ngx_event_get_peer_pt              original_get_peer;
    ngx_event_free_peer_pt             original_free_peer;
#if (NGX_HTTP_SSL)
    ngx_event_set_peer_session_pt      original_set_session;
    ngx_event_save_peer_session_pt     original_save_session;
#endif

    ngx_http_llm_key_t                *current;   /* key of this attempt */
    ngx_http_llm_key_t                *built;     /* key in request_bufs */
    ngx_buf_t                         *orig;      /* header, without key */
    ngx_uint_t                         saved_tries;
    uintptr_t                         *tried;     /* keys out for good */
    uintptr_t                          data_tried;

    unsigned                           forced:1;  /* tries set to 1 */
} ngx_http_llm_keys_peer_data_t;


static ngx_int_t ngx_http_llm_upstream_init_peer(ngx_http_request_t *r,
    ngx_http_upstream_srv_conf_t *us);
static ngx_int_t ngx_http_llm_upstream_get_peer(ngx_peer_connection_t *pc,
    void *data);
static void ngx_http_llm_upstream_free_peer(ngx_peer_connection_t *pc,
    void *data, ngx_uint_t state);
static ngx_uint_t ngx_http_llm_keys_record(ngx_http_llm_keys_peer_data_t *pd,
    ngx_uint_t state, ngx_log_t *log);
#if (NGX_HTTP_SSL)
static ngx_int_t ngx_http_llm_upstream_set_session(ngx_peer_connection_t *pc,
    void *data);
static void ngx_http_llm_upstream_save_session(ngx_peer_connection_t *pc,
    void *data);
#endif
static ngx_int_t ngx_http_llm_upstream_build_request(ngx_http_request_t *r,
    ngx_http_upstream_t *u, ngx_http_llm_keys_peer_data_t *pd,
    ngx_http_llm_key_t *key);
static ngx_buf_t *ngx_http_llm_upstream_splice(ngx_http_request_t *r,
    ngx_http_llm_keys_peer_data_t *pd, ngx_http_llm_key_t *key);
static ngx_int_t ngx_http_llm_upstream_recreate_request(
    ngx_http_request_t *r, ngx_http_upstream_t *u,
    ngx_http_llm_keys_pool_t *pool, ngx_http_llm_key_t *key);
static void ngx_http_llm_upstream_untry_host(ngx_http_llm_keys_peer_data_t *pd);
static ngx_table_elt_t *ngx_http_llm_keys_header(ngx_list_t *headers,
    char *name);
static ngx_msec_t ngx_http_llm_keys_parse_duration(ngx_str_t *s);
static ngx_msec_t ngx_http_llm_keys_parse_rfc3339(ngx_str_t *s,
    uint64_t now);
static ngx_msec_t ngx_http_llm_keys_reset_hint(ngx_list_t *headers,
    char **names, ngx_uint_t rfc3339, uint64_t now);




ngx_int_t
ngx_http_llm_upstream_init_upstream(ngx_conf_t *cf,
    ngx_http_upstream_srv_conf_t *us)
{
    ngx_http_llm_keys_pool_t          *pool;
    ngx_http_llm_upstream_srv_conf_t  *ucf;

    ucf = ngx_http_conf_upstream_srv_conf(us, ngx_http_llm_upstream_module);
    pool = ucf->pool;

    if (pool->original_init_upstream(cf, us) != NGX_OK) {
        return NGX_ERROR;
    }

    if (pool->keys.nelts == 0) {
        return NGX_OK;
    }

    pool->original_init_peer = us->peer.init;
    us->peer.init = ngx_http_llm_upstream_init_peer;

    return NGX_OK;
}


static ngx_int_t
ngx_http_llm_upstream_init_peer(ngx_http_request_t *r,
    ngx_http_upstream_srv_conf_t *us)
{
    ngx_int_t                           stripped;
    ngx_uint_t                          n;
    ngx_http_upstream_t                *u;
    ngx_http_upstream_conf_t           *conf;
    ngx_http_llm_keys_ctx_t            *ctx;
    ngx_http_llm_keys_pool_t           *pool;
    ngx_http_llm_keys_peer_data_t      *pd;
    ngx_http_llm_upstream_srv_conf_t   *ucf;

    ucf = ngx_http_conf_upstream_srv_conf(us, ngx_http_llm_upstream_module);
    pool = ucf->pool;

    if (pool->original_init_peer(r, us) != NGX_OK) {
        return NGX_ERROR;
    }

    u = r->upstream;

    /*
     * The key travels in a request header that only the proxy module's
     * create_request can be asked to rebuild; its ctx tells it is the
     * proxy that handles this request.
     */

    if (ngx_http_get_module_ctx(r, ngx_http_proxy_module) == NULL) {
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      "llm: keys of upstream \"%V\" can only be used "
                      "with proxy_pass", &pool->name);
        return NGX_ERROR;
    }

    pd = ngx_pcalloc(r->pool, sizeof(ngx_http_llm_keys_peer_data_t));
    if (pd == NULL) {
        return NGX_ERROR;
    }

    n = pool->keys.nelts;

    if (n <= 8 * sizeof(uintptr_t)) {
        pd->tried = &pd->data_tried;

    } else {
        n = (n + (8 * sizeof(uintptr_t) - 1)) / (8 * sizeof(uintptr_t));

        pd->tried = ngx_pcalloc(r->pool, n * sizeof(uintptr_t));
        if (pd->tried == NULL) {
            return NGX_ERROR;
        }
    }

    ctx = ngx_http_llm_keys_get_ctx(r, pool);
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    /* passthrough without llm_keys_check: not done in PRECONTENT */

    stripped = ngx_http_llm_keys_strip_credentials(r, ctx);
    if (stripped == NGX_ERROR) {
        return NGX_ERROR;
    }

    pd->pool = pool;
    pd->request = r;
    pd->ctx = ctx;
    ctx->peer = pd;

    /*
     * The request as the proxy has just built it, without a key, and
     * without client credentials unless they were only stripped now (it
     * must then be built again).  With the body in links of their own
     * (buffered, no proxy_set_body), the first buffer is the header
     * alone, ending with the empty line.
     */

    if (stripped == 0 && u->request_bufs && u->request_bufs->next) {
        pd->orig = u->request_bufs->buf;
    }

    pd->data = u->peer.data;
    pd->original_get_peer = u->peer.get;
    pd->original_free_peer = u->peer.free;

    u->peer.data = pd;
    u->peer.get = ngx_http_llm_upstream_get_peer;
    u->peer.free = ngx_http_llm_upstream_free_peer;

#if (NGX_HTTP_SSL)
    pd->original_set_session = u->peer.set_session;
    pd->original_save_session = u->peer.save_session;

    u->peer.set_session = ngx_http_llm_upstream_set_session;
    u->peer.save_session = ngx_http_llm_upstream_save_session;
#endif

    /*
     * One more try per key; proxy_next_upstream_tries, applied by the
     * upstream module right after this, still caps it.
     */

    u->peer.tries += pool->keys.nelts - 1;

    /*
     * "retry_429": retry a 429 on another key even when the location's
     * proxy_next_upstream does not say so (unless it says "off"); the
     * change is made on a copy of the upstream conf for this request.
     */

    if (pool->retry
        && !(u->conf->next_upstream & NGX_HTTP_UPSTREAM_FT_OFF)
        && (u->conf->next_upstream
            & (NGX_HTTP_UPSTREAM_FT_HTTP_429
               |NGX_HTTP_UPSTREAM_FT_NON_IDEMPOTENT))
           != (NGX_HTTP_UPSTREAM_FT_HTTP_429
               |NGX_HTTP_UPSTREAM_FT_NON_IDEMPOTENT))
    {
        conf = ngx_palloc(r->pool, sizeof(ngx_http_upstream_conf_t));
        if (conf == NULL) {
            return NGX_ERROR;
        }

        *conf = *u->conf;
        conf->next_upstream |= NGX_HTTP_UPSTREAM_FT_HTTP_429
                               |NGX_HTTP_UPSTREAM_FT_NON_IDEMPOTENT;
        u->conf = conf;
    }

    return NGX_OK;
}


static ngx_int_t
ngx_http_llm_upstream_get_peer(ngx_peer_connection_t *pc, void *data)
{
    ngx_http_llm_keys_peer_data_t  *pd = data;

    ngx_int_t                  rc;
    ngx_uint_t                 others;
    ngx_http_request_t        *r;
    ngx_http_upstream_t       *u;
    ngx_http_llm_key_t        *key;
    ngx_http_llm_keys_pool_t  *pool;

    r = pd->request;
    u = r->upstream;
    pool = pd->pool;

    /* the key first, so that "no key" does not cost a peer connection */

    key = ngx_http_llm_keys_pick(pool, pd->tried, &others, pc->log);

    if (key == NULL) {
        ngx_log_error(NGX_LOG_WARN, pc->log, 0,
                      "llm: no usable key in upstream \"%V\"", &pool->name);
        pd->ctx->busy = 1;
        return NGX_BUSY;
    }

    /*
     * The last usable key: its 429 must reach the client (with the
     * provider's own body), so nginx must not try again on it.
     */

    if (others == 0 && pc->tries > 1) {
        pd->forced = 1;
        pd->saved_tries = pc->tries;
        pc->tries = 1;
    }

    rc = pd->original_get_peer(pc, pd->data);

    if (rc != NGX_OK && rc != NGX_DONE) {
        ngx_http_llm_keys_unpick(pool, key);

        if (pd->forced) {
            pc->tries = pd->saved_tries;
            pd->forced = 0;
        }

        return rc;
    }

    pd->current = key;
    pd->ctx->key = key;
    pd->ctx->attempts++;

    ngx_log_debug4(NGX_LOG_DEBUG_HTTP, pc->log, 0,
                   "llm: attempt %ui to upstream \"%V\" uses key \"%V\" "
                   "(%V)", pd->ctx->attempts, &pool->name, &key->id,
                   &key->masked);

    if (pd->built != key) {
        if (ngx_http_llm_upstream_build_request(r, u, pd, key) != NGX_OK) {
            return NGX_ERROR;
        }

        pd->built = key;
    }

    return rc;
}


static void
ngx_http_llm_upstream_free_peer(ngx_peer_connection_t *pc, void *data,
    ngx_uint_t state)
{
    ngx_http_llm_keys_peer_data_t  *pd = data;

    ngx_uint_t                 outcome, saved, i, key_level;
    ngx_http_llm_key_t        *key;
    ngx_http_llm_keys_pool_t  *pool;

    key = pd->current;
    pool = pd->pool;

    if (key == NULL) {
        /* no key, or settled already by the header filter */
        pd->original_free_peer(pc, pd->data, state);
        return;
    }

    outcome = ngx_http_llm_keys_record(pd, state, pc->log);

    if (pd->forced) {
        pc->tries = pd->saved_tries;
        pd->forced = 0;
    }

    saved = pc->tries;

    key_level = (outcome == NGX_HTTP_LLM_KEY_RATE_LIMITED
                 || outcome == NGX_HTTP_LLM_KEY_AUTH);

    if (key_level) {
        i = key - (ngx_http_llm_key_t *) pool->keys.elts;
        pd->tried[i / (8 * sizeof(uintptr_t))]
                              |= (uintptr_t) 1 << i % (8 * sizeof(uintptr_t));

        if (state & NGX_PEER_FAILED) {
            state = (state & ~NGX_PEER_FAILED) | NGX_PEER_NEXT;
        }
    }

    pd->original_free_peer(pc, pd->data, state);

    if (key_level) {
        pc->tries = saved ? saved - 1 : 0;
        ngx_http_llm_upstream_untry_host(pd);
    }
}


/*
 * The outcome of the current attempt, recorded against its key.  Called
 * from free_peer, or earlier from the header filter for a final 429 so
 * that its Retry-After can reflect the key's new cooldown.
 */

static ngx_uint_t
ngx_http_llm_keys_record(ngx_http_llm_keys_peer_data_t *pd, ngx_uint_t state,
    ngx_log_t *log)
{
    ngx_uint_t            status, outcome;
    ngx_msec_t            hint;
    ngx_http_request_t   *r;
    ngx_http_upstream_t  *u;
    ngx_http_llm_key_t   *key;

    key = pd->current;
    pd->current = NULL;

    r = pd->request;
    u = r->upstream;

    /* per-attempt status: u->state is fresh for every attempt */

    status = (u->state) ? u->state->status : 0;
    hint = 0;

    if (status == NGX_HTTP_TOO_MANY_REQUESTS) {
        outcome = NGX_HTTP_LLM_KEY_RATE_LIMITED;
        hint = ngx_http_llm_keys_cooldown_hint(r, u);

    } else if (status == NGX_HTTP_UNAUTHORIZED
               || status == NGX_HTTP_FORBIDDEN)
    {
        outcome = NGX_HTTP_LLM_KEY_AUTH;

    } else if (status >= NGX_HTTP_INTERNAL_SERVER_ERROR) {
        outcome = NGX_HTTP_LLM_KEY_HOST_ERROR;     /* 5xx, 529 */

    } else if (status == 0) {
        outcome = (state & NGX_PEER_FAILED) ? NGX_HTTP_LLM_KEY_HOST_ERROR
                                            : NGX_HTTP_LLM_KEY_NEUTRAL;

    } else if (status < NGX_HTTP_BAD_REQUEST) {
        outcome = NGX_HTTP_LLM_KEY_OK;

    } else {
        outcome = NGX_HTTP_LLM_KEY_NEUTRAL;
    }

    ngx_log_debug4(NGX_LOG_DEBUG_HTTP, log, 0,
                   "llm: key \"%V\" finished with status %ui, state %ui, "
                   "outcome %ui", &key->id, status, state, outcome);

    ngx_http_llm_keys_release(pd->pool, key, outcome, status, hint, log);

    pd->ctx->last_status = status;

    if (outcome == NGX_HTTP_LLM_KEY_RATE_LIMITED) {
        pd->ctx->rate_limited++;
    }

    return outcome;
}


void
ngx_http_llm_keys_settle(ngx_http_request_t *r, ngx_http_llm_keys_ctx_t *ctx)
{
    ngx_http_llm_keys_peer_data_t  *pd;

    pd = ctx->peer;

    if (pd == NULL || pd->current == NULL || pd->request != r) {
        return;
    }

    (void) ngx_http_llm_keys_record(pd, 0, r->connection->log);
}


#if (NGX_HTTP_SSL)

static ngx_int_t
ngx_http_llm_upstream_set_session(ngx_peer_connection_t *pc, void *data)
{
    ngx_http_llm_keys_peer_data_t  *pd = data;

    return pd->original_set_session(pc, pd->data);
}


static void
ngx_http_llm_upstream_save_session(ngx_peer_connection_t *pc, void *data)
{
    ngx_http_llm_keys_peer_data_t  *pd = data;

    pd->original_save_session(pc, pd->data);
}

#endif


/*
 * The proxy's request with the key of this attempt in it.
 *
 * Running the proxy's create_request again (below) costs as much as the
 * first build.  What it adds to the first build is known: the credential
 * header, as the last line of the header, unless the location's
 * proxy_set_header names that header (then the location's value goes,
 * or none) or proxy_pass_request_headers is off.  That depends on the
 * location's configuration only, so the first request of a location in
 * this worker runs create_request again and compares its result with the
 * first build plus the line; when they are equal, later requests of the
 * location just add the line to a copy of the first build.  A location
 * whose header values vary between two builds (a $msec) never matches and
 * keeps the full rebuild.
 */

static ngx_int_t
ngx_http_llm_upstream_build_request(ngx_http_request_t *r,
    ngx_http_upstream_t *u, ngx_http_llm_keys_peer_data_t *pd,
    ngx_http_llm_key_t *key)
{
    u_char                            *build;
    ngx_buf_t                         *b;
    ngx_http_llm_keys_pool_t          *pool;
    ngx_http_llm_upstream_loc_conf_t  *ulcf;

    pool = pd->pool;
    build = NULL;

    if (pd->orig && pool->dialect < NGX_HTTP_LLM_KEYS_DIALECTS) {
        ulcf = ngx_http_get_module_loc_conf(r, ngx_http_llm_upstream_module);
        build = &ulcf->build[pool->dialect];
    }

    if (build && *build == NGX_HTTP_LLM_KEYS_BUILD_SPLICE) {
        b = ngx_http_llm_upstream_splice(r, pd, key);

        if (b != NULL) {
            /* the body links stay as they are */
            u->request_bufs->buf = b;
            return NGX_OK;
        }
    }

    if (ngx_http_llm_upstream_recreate_request(r, u, pool, key) != NGX_OK) {
        return NGX_ERROR;
    }

    if (build && *build == NGX_HTTP_LLM_KEYS_BUILD_UNKNOWN) {
        b = ngx_http_llm_upstream_splice(r, pd, key);

        *build = (b != NULL
                  && u->request_bufs
                  && u->request_bufs->next
                  && u->request_bufs->buf->last - u->request_bufs->buf->pos
                     == b->last - b->pos
                  && ngx_memcmp(u->request_bufs->buf->pos, b->pos,
                                b->last - b->pos)
                     == 0)
                 ? NGX_HTTP_LLM_KEYS_BUILD_SPLICE
                 : NGX_HTTP_LLM_KEYS_BUILD_RECREATE;

        ngx_log_debug2(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                       "llm: keys of upstream \"%V\" in this location: %s",
                       &pool->name,
                       *build == NGX_HTTP_LLM_KEYS_BUILD_SPLICE
                       ? "header line added" : "request rebuilt");
    }

    return NGX_OK;
}


/* A copy of the first build's header with the credential line at its end;
 * NULL when that header does not end as expected. */

static ngx_buf_t *
ngx_http_llm_upstream_splice(ngx_http_request_t *r,
    ngx_http_llm_keys_peer_data_t *pd, ngx_http_llm_key_t *key)
{
    size_t      len;
    u_char     *p;
    ngx_buf_t  *o, *b;

    o = pd->orig;
    len = o->last - o->start;

    if (len < 4 || ngx_memcmp(o->last - 4, CRLF CRLF, 4) != 0) {
        return NULL;
    }

    b = ngx_create_temp_buf(r->pool, len + pd->pool->header.len
                                     + sizeof(": " CRLF) - 1
                                     + key->value.len);
    if (b == NULL) {
        return NULL;
    }

    p = ngx_cpymem(b->pos, o->start, len - 2);
    p = ngx_cpymem(p, pd->pool->header.data, pd->pool->header.len);
    *p++ = ':'; *p++ = ' ';
    p = ngx_cpymem(p, key->value.data, key->value.len);
    *p++ = CR; *p++ = LF; *p++ = CR; *p++ = LF;

    b->last = p;
    b->flush = o->flush;

    return b;
}


/*
 * Rebuild the proxy's request with the key in the provider's credential
 * header, the way lua-nginx-module's balancer.recreate_request() does.
 *
 * The header goes into a list of its own, a copy of r->headers_in's
 * (client credentials already stripped) plus the key, which stands in
 * for r->headers_in.headers only while the proxy builds the request.
 * The request's own list is never changed, so neither variables read
 * later nor the shortcut pointers of r->headers_in (host, user_agent...,
 * which point into its elements) are touched, and every attempt builds
 * from the same clean list.
 *
 * The proxy dumps the whole request header at debug level, key included:
 * debug logging is switched off on this connection's log for the
 * duration.
 */

static ngx_int_t
ngx_http_llm_upstream_recreate_request(ngx_http_request_t *r,
    ngx_http_upstream_t *u, ngx_http_llm_keys_pool_t *pool,
    ngx_http_llm_key_t *key)
{
    ngx_int_t         rc;
    ngx_uint_t        i, n, level;
    ngx_list_t        headers;
    ngx_list_part_t  *part;
    ngx_table_elt_t  *h, *nh, *cred;

    n = 1;

    for (part = &r->headers_in.headers.part; part; part = part->next) {
        n += part->nelts;
    }

    headers = r->headers_in.headers;

    if (ngx_list_init(&r->headers_in.headers, r->pool, n,
                      sizeof(ngx_table_elt_t))
        != NGX_OK)
    {
        r->headers_in.headers = headers;
        return NGX_ERROR;
    }

    for (part = &headers.part; part; part = part->next) {
        h = part->elts;

        for (i = 0; i < part->nelts; i++) {
            nh = ngx_list_push(&r->headers_in.headers);
            if (nh == NULL) {
                r->headers_in.headers = headers;
                return NGX_ERROR;
            }

            *nh = h[i];
        }
    }

    cred = ngx_list_push(&r->headers_in.headers);
    if (cred == NULL) {
        r->headers_in.headers = headers;
        return NGX_ERROR;
    }

    ngx_memzero(cred, sizeof(ngx_table_elt_t));
    cred->hash = pool->header_hash;
    cred->key = pool->header;
    cred->lowcase_key = pool->header_lc.data;
    cred->value = key->value;

    if (r->request_body && r->request_body->bufs) {
        u->request_bufs = r->request_body->bufs;

    } else {
        u->request_bufs = NULL;
    }

    level = r->connection->log->log_level;
    r->connection->log->log_level &= ~NGX_LOG_DEBUG_ALL;

    rc = u->create_request(r);

    r->connection->log->log_level = level;

    /* the copy stays in r->pool: leave no pointer to the key in it */

    ngx_str_null(&cred->value);
    cred->hash = 0;

    r->headers_in.headers = headers;

    if (rc != NGX_OK) {
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      "llm: could not rebuild the upstream request");
        return NGX_ERROR;
    }

    return NGX_OK;
}


/*
 * After a key-level failure on a multi-server round robin upstream, let
 * the next key use the same server: clear its bit in round robin's
 * per-request "tried" bitmap.
 */

static void
ngx_http_llm_upstream_untry_host(ngx_http_llm_keys_peer_data_t *pd)
{
    ngx_uint_t                         i, n;
    ngx_http_upstream_rr_peer_t       *peer;
    ngx_http_upstream_rr_peers_t      *peers;
    ngx_http_upstream_rr_peer_data_t  *rrp;

    if (!pd->pool->round_robin) {
        return;
    }

    rrp = pd->data;
    peers = rrp->peers;

    if (peers == NULL || peers->single || rrp->current == NULL) {
        return;
    }

    ngx_http_upstream_rr_peers_rlock(peers);

    for (peer = peers->peer, i = 0; peer; peer = peer->next, i++) {

        if (peer == rrp->current) {
            n = i / (8 * sizeof(uintptr_t));
            rrp->tried[n] &= ~((uintptr_t) 1 << i % (8 * sizeof(uintptr_t)));
            break;
        }
    }

    ngx_http_upstream_rr_peers_unlock(peers);
}


/*
 * No credential header of the client may reach the provider: every
 * Authorization, x-api-key, x-goog-api-key and api-key goes from
 * r->headers_in (ngx_http_llm_remove_headers() rebuilds the list, so the
 * shortcut pointers of r->headers_in stay valid).  Once per request:
 * ctx->stripped says they are gone (the translator removes them with the
 * other headers it strips), so PRECONTENT and init_peer do not scan the
 * headers again.  Returns how many went now, or NGX_ERROR.
 */

ngx_int_t
ngx_http_llm_keys_strip_credentials(ngx_http_request_t *r,
    ngx_http_llm_keys_ctx_t *ctx)
{
    ngx_int_t  n;

    if (ctx->stripped) {
        return 0;
    }

    n = ngx_http_llm_remove_headers(r, ngx_http_llm_credential_headers);

    if (n != NGX_ERROR) {
        ctx->stripped = 1;
    }

    return n;
}


static ngx_table_elt_t *
ngx_http_llm_keys_header(ngx_list_t *headers, char *name)
{
    size_t            len;
    ngx_uint_t        i;
    ngx_list_part_t  *part;
    ngx_table_elt_t  *h;

    len = ngx_strlen(name);
    part = &headers->part;
    h = part->elts;

    for (i = 0; /* void */; i++) {

        if (i >= part->nelts) {
            if (part->next == NULL) {
                break;
            }

            part = part->next;
            h = part->elts;
            i = 0;

            if (part->nelts == 0) {
                continue;
            }
        }

        if (h[i].key.len == len
            && ngx_strncasecmp(h[i].key.data, (u_char *) name, len) == 0)
        {
            return &h[i];
        }
    }

    return NULL;
}


/*
 * How long the key should rest after a 429, from the response headers,
 * in msec; 0 when the provider gave no hint.  In order: retry-after-ms
 * (OpenAI SDKs), Retry-After (seconds or HTTP date), OpenAI's
 * x-ratelimit-reset-* durations, Anthropic's anthropic-ratelimit-*-reset
 * timestamps (the reset of an exhausted limit, else the earliest one).
 * Gemini puts retryDelay in the body, which is not seen here.
 */

ngx_msec_t
ngx_http_llm_keys_cooldown_hint(ngx_http_request_t *r, ngx_http_upstream_t *u)
{
    u_char           *p, *last;
    time_t            t;
    uint64_t          now, ms;
    ngx_msec_t        hint;
    ngx_table_elt_t  *h;

    static char  *openai[] = {
        "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests",
        "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens",
        NULL
    };

    static char  *anthropic[] = {
        "anthropic-ratelimit-requests-remaining",
        "anthropic-ratelimit-requests-reset",
        "anthropic-ratelimit-tokens-remaining",
        "anthropic-ratelimit-tokens-reset",
        "anthropic-ratelimit-input-tokens-remaining",
        "anthropic-ratelimit-input-tokens-reset",
        "anthropic-ratelimit-output-tokens-remaining",
        "anthropic-ratelimit-output-tokens-reset",
        NULL
    };

    now = ngx_http_llm_keys_now();

    h = ngx_http_llm_keys_header(&u->headers_in.headers, "retry-after-ms");

    if (h && h->value.len) {
        ms = 0;
        p = h->value.data;
        last = p + h->value.len;

        while (p < last && *p >= '0' && *p <= '9' && ms < 1000000000) {
            ms = ms * 10 + (*p++ - '0');
        }

        if (p > h->value.data) {
            if (p < last && *p == '.') {
                ms++;       /* round a fraction up */
            }

            return ms ? (ngx_msec_t) ms : 1;
        }
    }

    h = ngx_http_llm_keys_header(&u->headers_in.headers, "retry-after");

    if (h && h->value.len) {
        t = ngx_atotm(h->value.data, h->value.len);

        if (t == NGX_ERROR) {
            t = ngx_parse_http_time(h->value.data, h->value.len);

            if (t != NGX_ERROR) {
                t -= (time_t) (now / 1000);
            }
        }

        if (t != NGX_ERROR) {
            return (t > 0) ? (ngx_msec_t) t * 1000 : 1;
        }
    }

    hint = ngx_http_llm_keys_reset_hint(&u->headers_in.headers, openai, 0,
                                        now);
    if (hint) {
        return hint;
    }

    return ngx_http_llm_keys_reset_hint(&u->headers_in.headers, anthropic, 1,
                                        now);
}


static ngx_msec_t
ngx_http_llm_keys_reset_hint(ngx_list_t *headers, char **names,
    ngx_uint_t rfc3339, uint64_t now)
{
    ngx_msec_t        ms, exhausted, earliest;
    ngx_table_elt_t  *remaining, *reset;

    exhausted = 0;
    earliest = 0;

    for ( /* void */ ; names[0]; names += 2) {

        reset = ngx_http_llm_keys_header(headers, names[1]);
        if (reset == NULL) {
            continue;
        }

        ms = rfc3339 ? ngx_http_llm_keys_parse_rfc3339(&reset->value, now)
                     : ngx_http_llm_keys_parse_duration(&reset->value);
        if (ms == 0) {
            continue;
        }

        remaining = ngx_http_llm_keys_header(headers, names[0]);

        if (remaining
            && remaining->value.len == 1
            && remaining->value.data[0] == '0')
        {
            if (ms > exhausted) {
                exhausted = ms;
            }
        }

        if (earliest == 0 || ms < earliest) {
            earliest = ms;
        }
    }

    return exhausted ? exhausted : earliest;
}


/* Go-style durations as OpenAI sends them: "20ms", "1.5s", "6m0s", "1h". */

static ngx_msec_t
ngx_http_llm_keys_parse_duration(ngx_str_t *s)
{
    u_char      *p, *last;
    double       v, frac, total;
    ngx_uint_t   digits;

    p = s->data;
    last = p + s->len;
    total = 0;

    while (p < last) {
        v = 0;
        digits = 0;

        while (p < last && *p >= '0' && *p <= '9') {
            v = v * 10 + (*p++ - '0');
            digits++;
        }

        if (p < last && *p == '.') {
            p++;
            frac = 0.1;

            while (p < last && *p >= '0' && *p <= '9') {
                v += (*p++ - '0') * frac;
                frac /= 10;
                digits++;
            }
        }

        if (digits == 0 || p == last) {
            return 0;
        }

        if (last - p >= 2 && p[0] == 'm' && p[1] == 's') {
            total += v;
            p += 2;

        } else if (last - p >= 2 && (p[0] == 'u' || p[0] == 'n')
                   && p[1] == 's')
        {
            total += v / (p[0] == 'u' ? 1000 : 1000000);
            p += 2;

        } else if (*p == 'h') {
            total += v * 3600000;
            p++;

        } else if (*p == 'm') {
            total += v * 60000;
            p++;

        } else if (*p == 's') {
            total += v * 1000;
            p++;

        } else {
            return 0;
        }
    }

    if (total > 86400000.0 * 365) {
        total = 86400000.0 * 365;
    }

    return (total > 0) ? (ngx_msec_t) total + 1 : 0;
}


/* "2024-05-01T12:00:30Z", "...30.5Z", "...30+02:00": msec from now. */

static ngx_msec_t
ngx_http_llm_keys_parse_rfc3339(ngx_str_t *s, uint64_t now)
{
    u_char     *p;
    int64_t     y, mo, d, hh, mm, ss, era, yoe, doy, days, off, t;
    ngx_uint_t  i;

    if (s->len < 20) {
        return 0;
    }

    p = s->data;

    /* YYYY-MM-DDTHH:MM:SS */

    for (i = 0; i < 19; i++) {
        if (i == 4 || i == 7) {
            if (p[i] != '-') {
                return 0;
            }

        } else if (i == 10) {
            if (p[i] != 'T' && p[i] != 't' && p[i] != ' ') {
                return 0;
            }

        } else if (i == 13 || i == 16) {
            if (p[i] != ':') {
                return 0;
            }

        } else if (p[i] < '0' || p[i] > '9') {
            return 0;
        }
    }

    y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10
        + (p[3] - '0');
    mo = (p[5] - '0') * 10 + (p[6] - '0');
    d = (p[8] - '0') * 10 + (p[9] - '0');
    hh = (p[11] - '0') * 10 + (p[12] - '0');
    mm = (p[14] - '0') * 10 + (p[15] - '0');
    ss = (p[17] - '0') * 10 + (p[18] - '0');

    if (mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mm > 59
        || ss > 60)
    {
        return 0;
    }

    i = 19;

    if (p[i] == '.') {
        for (i++; i < s->len && p[i] >= '0' && p[i] <= '9'; i++) {
            /* void */
        }

        ss++;           /* round a fraction up */
    }

    off = 0;

    if (i < s->len && (p[i] == '+' || p[i] == '-')) {
        if (s->len - i < 6) {
            return 0;
        }

        off = ((p[i + 1] - '0') * 10 + (p[i + 2] - '0')) * 3600
              + ((p[i + 4] - '0') * 10 + (p[i + 5] - '0')) * 60;

        if (p[i] == '-') {
            off = -off;
        }

    } else if (i >= s->len || (p[i] != 'Z' && p[i] != 'z')) {
        return 0;
    }

    /* days since the epoch, after Howard Hinnant's days_from_civil() */

    y -= (mo <= 2);
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
    days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;

    t = (days * 86400 + hh * 3600 + mm * 60 + ss - off) * 1000;

    if (t <= (int64_t) now) {
        return 0;
    }

    t -= (int64_t) now;

    if (t > (int64_t) 86400000 * 365) {
        t = (int64_t) 86400000 * 365;
    }

    return (ngx_msec_t) t;
}
