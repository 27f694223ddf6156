/*
 * Key pools: the configuration side.  "llm_keys_zone", "llm_provider",
 * "llm_key", "llm_key_file", "llm_key_env", and the checks that run once
 * the http{} block is parsed.  Secrets live only in the configuration
 * pool; everything that leaves it (shm, logs, status) uses the key's id,
 * fingerprint or masked form.
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>
#include <ngx_md5.h>

#include "ngx_http_llm_keys.h"
#include "llm_ir.h"


static ngx_http_llm_keys_pool_t *ngx_http_llm_keys_get_pool(ngx_conf_t *cf);
static ngx_http_llm_keys_zone_t *ngx_http_llm_keys_get_zone(ngx_conf_t *cf,
    ngx_http_llm_upstream_main_conf_t *umcf, ngx_str_t *name);
static char *ngx_http_llm_keys_add(ngx_conf_t *cf,
    ngx_http_llm_keys_pool_t *pool, ngx_str_t *secret, ngx_str_t *params,
    ngx_uint_t n, ngx_str_t *origin);
static ngx_int_t ngx_http_llm_keys_order(ngx_conf_t *cf,
    ngx_http_llm_keys_pool_t *pool);
static ngx_int_t ngx_http_llm_keys_param(ngx_str_t *param, char *name,
    ngx_str_t *value);


char *
ngx_http_llm_keys_zone(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_llm_upstream_main_conf_t *umcf = conf;

    u_char                    *p;
    ssize_t                    size;
    ngx_str_t                 *value, name, s;
    ngx_shm_zone_t            *shm_zone;
    ngx_http_llm_keys_zone_t  *zone;

    value = cf->args->elts;

    name = value[1];

    if (cf->args->nelts == 3) {
        s = value[2];

    } else {
        /* "name:size" */

        p = (u_char *) ngx_strchr(name.data, ':');
        if (p == NULL) {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "invalid zone \"%V\", expected "
                               "\"llm_keys_zone name size\"", &value[1]);
            return NGX_CONF_ERROR;
        }

        name.len = p - name.data;
        s.data = p + 1;
        s.len = value[1].data + value[1].len - s.data;
    }

    if (name.len == 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid zone name \"%V\"", &value[1]);
        return NGX_CONF_ERROR;
    }

    size = ngx_parse_size(&s);

    if (size == NGX_ERROR) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid zone size \"%V\"", &s);
        return NGX_CONF_ERROR;
    }

    if (size < (ssize_t) (8 * ngx_pagesize)) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "zone \"%V\" is too small", &name);
        return NGX_CONF_ERROR;
    }

    zone = ngx_http_llm_keys_get_zone(cf, umcf, &name);
    if (zone == NULL) {
        return NGX_CONF_ERROR;
    }

    if (zone->size) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "llm_keys_zone \"%V\" is duplicate", &name);
        return NGX_CONF_ERROR;
    }

    shm_zone = ngx_shared_memory_add(cf, &zone->name, size,
                                     &ngx_http_llm_upstream_module);
    if (shm_zone == NULL) {
        return NGX_CONF_ERROR;
    }

    if (shm_zone->data) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "llm_keys_zone \"%V\" is already defined", &name);
        return NGX_CONF_ERROR;
    }

    zone->size = size;
    zone->shm_zone = shm_zone;

    shm_zone->init = ngx_http_llm_keys_init_zone;
    shm_zone->data = zone;

    return NGX_CONF_OK;
}


static ngx_http_llm_keys_zone_t *
ngx_http_llm_keys_get_zone(ngx_conf_t *cf,
    ngx_http_llm_upstream_main_conf_t *umcf, ngx_str_t *name)
{
    ngx_uint_t                  i;
    ngx_http_llm_keys_zone_t   *zone, **zonep;

    zonep = umcf->zones.elts;

    for (i = 0; i < umcf->zones.nelts; i++) {
        if (zonep[i]->name.len == name->len
            && ngx_strncmp(zonep[i]->name.data, name->data, name->len) == 0)
        {
            return zonep[i];
        }
    }

    zone = ngx_pcalloc(cf->pool, sizeof(ngx_http_llm_keys_zone_t));
    if (zone == NULL) {
        return NULL;
    }

    zone->name.data = ngx_pstrdup(cf->pool, name);
    if (zone->name.data == NULL) {
        return NULL;
    }

    zone->name.len = name->len;

    /* until a worker claims a slot of its own (init_process) */
    zone->slot = NGX_HTTP_LLM_KEYS_OVERFLOW;

    if (ngx_array_init(&zone->pools, cf->pool, 4,
                       sizeof(ngx_http_llm_keys_pool_t *))
        != NGX_OK)
    {
        return NULL;
    }

    zonep = ngx_array_push(&umcf->zones);
    if (zonep == NULL) {
        return NULL;
    }

    *zonep = zone;

    return zone;
}


static ngx_http_llm_keys_pool_t *
ngx_http_llm_keys_get_pool(ngx_conf_t *cf)
{
    ngx_http_llm_keys_pool_t            *pool, **poolp;
    ngx_http_upstream_srv_conf_t        *uscf;
    ngx_http_llm_upstream_srv_conf_t    *ucf;
    ngx_http_llm_upstream_main_conf_t   *umcf;

    ucf = ngx_http_conf_get_module_srv_conf(cf, ngx_http_llm_upstream_module);

    if (ucf->pool) {
        return ucf->pool;
    }

    uscf = ngx_http_conf_get_module_srv_conf(cf, ngx_http_upstream_module);
    umcf = ngx_http_conf_get_module_main_conf(cf,
                                              ngx_http_llm_upstream_module);

    pool = ngx_pcalloc(cf->pool, sizeof(ngx_http_llm_keys_pool_t));
    if (pool == NULL) {
        return NULL;
    }

    /*
     * set by ngx_pcalloc():
     *
     *     pool->zone_name = { 0, NULL };
     *     pool->zone = NULL;
     *     pool->strategy = NGX_HTTP_LLM_KEYS_ROUND_ROBIN;
     *     pool->provider = 0;
     *     pool->original_init_upstream = NULL;
     */

    if (ngx_array_init(&pool->keys, cf->pool, 4, sizeof(ngx_http_llm_key_t))
        != NGX_OK)
    {
        return NULL;
    }

    pool->name = uscf->host;
    pool->uscf = uscf;
    pool->cooldown = 5000;
    pool->max_cooldown = 3600000;
    pool->auth_cooldown = NGX_HTTP_LLM_KEYS_AUTH_DISABLE;
    pool->busy_status = NGX_HTTP_TOO_MANY_REQUESTS;
    pool->retry = 1;
    pool->file = cf->conf_file->file.name.data;
    pool->line = cf->conf_file->line;

    poolp = ngx_array_push(&umcf->pools);
    if (poolp == NULL) {
        return NULL;
    }

    *poolp = pool;
    ucf->pool = pool;
    ucf->name = uscf->host;
    ucf->uscf = uscf;

    return pool;
}


char *
ngx_http_llm_provider(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_llm_upstream_srv_conf_t  *ucf = conf;

    ngx_int_t                      n;
    ngx_str_t                     *value, s;
    ngx_uint_t                     i;
    llm_dialect_e                  d;
    ngx_http_llm_keys_pool_t      *pool;
    ngx_http_upstream_srv_conf_t  *uscf;

    if (ucf->dialect != LLM_DIALECT_NONE) {
        return "is duplicate";
    }

    value = cf->args->elts;

    d = llm_dialect_from_name((const char *) value[1].data, value[1].len);
    if (d == LLM_DIALECT_NONE) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "unknown provider dialect \"%V\", expected "
                           "openai, anthropic or gemini", &value[1]);
        return NGX_CONF_ERROR;
    }

    pool = ngx_http_llm_keys_get_pool(cf);
    if (pool == NULL) {
        return NGX_CONF_ERROR;
    }

    ucf->dialect = d;
    pool->dialect = d;
    pool->provider = 1;
    pool->file = cf->conf_file->file.name.data;
    pool->line = cf->conf_file->line;

    for (i = 2; i < cf->args->nelts; i++) {

        if (ngx_http_llm_keys_param(&value[i], "zone", &s) == NGX_OK) {
            if (s.len == 0) {
                goto invalid;
            }

            pool->zone_name = s;
            continue;
        }

        if (ngx_http_llm_keys_param(&value[i], "strategy", &s) == NGX_OK) {

            if (s.len == 11
                && ngx_strncmp(s.data, "round_robin", 11) == 0)
            {
                pool->strategy = NGX_HTTP_LLM_KEYS_ROUND_ROBIN;

            } else if (s.len == 14
                       && ngx_strncmp(s.data, "least_inflight", 14) == 0)
            {
                pool->strategy = NGX_HTTP_LLM_KEYS_LEAST_INFLIGHT;

            } else {
                goto invalid;
            }

            continue;
        }

        if (ngx_http_llm_keys_param(&value[i], "cooldown", &s) == NGX_OK) {
            n = ngx_parse_time(&s, 0);
            if (n == NGX_ERROR || n == 0) {
                goto invalid;
            }

            pool->cooldown = (ngx_msec_t) n;
            continue;
        }

        if (ngx_http_llm_keys_param(&value[i], "max_cooldown", &s)
            == NGX_OK)
        {
            n = ngx_parse_time(&s, 0);
            if (n == NGX_ERROR || n == 0) {
                goto invalid;
            }

            pool->max_cooldown = (ngx_msec_t) n;
            continue;
        }

        if (ngx_http_llm_keys_param(&value[i], "disable_on_auth", &s)
            == NGX_OK)
        {
            if (s.len == 2 && ngx_strncmp(s.data, "on", 2) == 0) {
                pool->auth_cooldown = NGX_HTTP_LLM_KEYS_AUTH_DISABLE;

            } else if (s.len == 3 && ngx_strncmp(s.data, "off", 3) == 0) {
                pool->auth_cooldown = NGX_HTTP_LLM_KEYS_AUTH_OFF;

            } else {
                n = ngx_parse_time(&s, 0);
                if (n == NGX_ERROR || n == 0) {
                    goto invalid;
                }

                pool->auth_cooldown = (ngx_msec_t) n;
            }

            continue;
        }

        if (ngx_http_llm_keys_param(&value[i], "all_cooling_status", &s)
            == NGX_OK)
        {
            n = ngx_atoi(s.data, s.len);
            if (n != NGX_HTTP_TOO_MANY_REQUESTS
                && n != NGX_HTTP_SERVICE_UNAVAILABLE)
            {
                goto invalid;
            }

            pool->busy_status = (ngx_uint_t) n;
            continue;
        }

        if (ngx_http_llm_keys_param(&value[i], "retry_429", &s) == NGX_OK) {

            if (s.len == 2 && ngx_strncmp(s.data, "on", 2) == 0) {
                pool->retry = 1;

            } else if (s.len == 3 && ngx_strncmp(s.data, "off", 3) == 0) {
                pool->retry = 0;

            } else {
                goto invalid;
            }

            continue;
        }

        goto invalid;
    }

    if (pool->max_cooldown < pool->cooldown) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "\"max_cooldown\" is less than \"cooldown\"");
        return NGX_CONF_ERROR;
    }

    /*
     * Wrap whatever balancer is configured so far (round robin by
     * default); "keepalive" must come after this directive, as it must
     * after any balancing method.
     */

    uscf = ngx_http_conf_get_module_srv_conf(cf, ngx_http_upstream_module);

    pool->original_init_upstream = uscf->peer.init_upstream
                                   ? uscf->peer.init_upstream
                                   : ngx_http_upstream_init_round_robin;

    pool->round_robin = (pool->original_init_upstream
                         == ngx_http_upstream_init_round_robin);

    uscf->peer.init_upstream = ngx_http_llm_upstream_init_upstream;

    return NGX_CONF_OK;

invalid:

    ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                       "invalid parameter \"%V\"", &value[i]);

    return NGX_CONF_ERROR;
}


char *
ngx_http_llm_key(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_str_t                 *value, origin;
    ngx_http_llm_keys_pool_t  *pool;

    pool = ngx_http_llm_keys_get_pool(cf);
    if (pool == NULL) {
        return NGX_CONF_ERROR;
    }

    value = cf->args->elts;

    ngx_str_set(&origin, "llm_key");

    return ngx_http_llm_keys_add(cf, pool, &value[1], &value[2],
                                 cf->args->nelts - 2, &origin);
}


char *
ngx_http_llm_key_env(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    char                      *env;
    u_char                    *name;
    ngx_str_t                 *value, secret, origin;
    ngx_http_llm_keys_pool_t  *pool;

    pool = ngx_http_llm_keys_get_pool(cf);
    if (pool == NULL) {
        return NGX_CONF_ERROR;
    }

    value = cf->args->elts;

    /*
     * The environment is read here, in the master (or "nginx -t"), at
     * configuration time; workers lose it unless "env" keeps it.
     */

    name = ngx_pnalloc(cf->temp_pool, value[1].len + 1);
    if (name == NULL) {
        return NGX_CONF_ERROR;
    }

    (void) ngx_cpystrn(name, value[1].data, value[1].len + 1);

    env = getenv((char *) name);

    if (env == NULL || *env == '\0') {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "environment variable \"%V\" is not set or "
                           "empty", &value[1]);
        return NGX_CONF_ERROR;
    }

    secret.len = ngx_strlen(env);
    secret.data = ngx_pnalloc(cf->pool, secret.len);
    if (secret.data == NULL) {
        return NGX_CONF_ERROR;
    }

    ngx_memcpy(secret.data, env, secret.len);

    origin.len = sizeof("environment variable \"\"") - 1 + value[1].len;
    origin.data = ngx_pnalloc(cf->pool, origin.len);
    if (origin.data == NULL) {
        return NGX_CONF_ERROR;
    }

    ngx_sprintf(origin.data, "environment variable \"%V\"", &value[1]);

    return ngx_http_llm_keys_add(cf, pool, &secret, &value[2],
                                 cf->args->nelts - 2, &origin);
}


char *
ngx_http_llm_key_file(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    char                      *rv;
    u_char                    *buf, *p, *last, *eol, *start;
    size_t                     size;
    ssize_t                    n;
    ngx_fd_t                   fd;
    ngx_str_t                 *value, name, origin, args[5];
    ngx_uint_t                 line, nargs, keys;
    ngx_file_t                 file;
    ngx_file_info_t            fi;
    ngx_http_llm_keys_pool_t  *pool;

    pool = ngx_http_llm_keys_get_pool(cf);
    if (pool == NULL) {
        return NGX_CONF_ERROR;
    }

    value = cf->args->elts;
    name = value[1];

    if (ngx_conf_full_name(cf->cycle, &name, 1) != NGX_OK) {
        return NGX_CONF_ERROR;
    }

    fd = ngx_open_file(name.data, NGX_FILE_RDONLY, NGX_FILE_OPEN, 0);
    if (fd == NGX_INVALID_FILE) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, ngx_errno,
                           ngx_open_file_n " \"%s\" failed", name.data);
        return NGX_CONF_ERROR;
    }

    rv = NGX_CONF_ERROR;
    buf = NULL;
    size = 0;

    if (ngx_fd_info(fd, &fi) == NGX_FILE_ERROR) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, ngx_errno,
                           ngx_fd_info_n " \"%s\" failed", name.data);
        goto done;
    }

    size = (size_t) ngx_file_size(&fi);

    if (size > 16 * 1024 * 1024) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "key file \"%s\" is too large", name.data);
        goto done;
    }

    buf = ngx_alloc(size + 1, cf->log);
    if (buf == NULL) {
        goto done;
    }

    ngx_memzero(&file, sizeof(ngx_file_t));
    file.fd = fd;
    file.name = name;
    file.log = cf->log;

    n = ngx_read_file(&file, buf, size, 0);

    if (n == NGX_ERROR) {
        goto done;
    }

    if ((size_t) n != size) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           ngx_read_file_n " \"%s\" returned only "
                           "%z bytes instead of %uz", name.data, n, size);
        goto done;
    }

    last = buf + size;
    line = 0;
    keys = 0;

    for (p = buf; p < last; p = eol + 1) {

        eol = ngx_strlchr(p, last, '\n');
        if (eol == NULL) {
            eol = last;
        }

        line++;

        /* split the line into at most 5 words; "#" starts a comment */

        nargs = 0;

        while (p < eol) {

            while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r')) {
                p++;
            }

            if (p == eol || *p == '#') {
                break;
            }

            start = p;

            while (p < eol && *p != ' ' && *p != '\t' && *p != '\r') {
                p++;
            }

            if (nargs == 5) {
                ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                                   "too many words in line %ui of key "
                                   "file \"%s\"", line, name.data);
                goto done;
            }

            args[nargs].data = start;
            args[nargs].len = p - start;
            nargs++;
        }

        if (nargs == 0) {
            continue;
        }

        /* the secret is copied: buf is freed below */

        origin.len = name.len + NGX_INT_T_LEN + sizeof("key file \"\" line ");
        origin.data = ngx_pnalloc(cf->pool, origin.len);
        if (origin.data == NULL) {
            goto done;
        }

        origin.len = ngx_sprintf(origin.data, "key file \"%V\" line %ui",
                                 &name, line)
                     - origin.data;

        args[0].data = ngx_pstrdup(cf->pool, &args[0]);
        if (args[0].data == NULL) {
            goto done;
        }

        if (ngx_http_llm_keys_add(cf, pool, &args[0], &args[1], nargs - 1,
                                  &origin)
            != NGX_CONF_OK)
        {
            goto done;
        }

        keys++;

        if (eol == last) {
            break;
        }
    }

    if (keys == 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "no keys in key file \"%s\"", name.data);
        goto done;
    }

    rv = NGX_CONF_OK;

done:

    if (buf) {
        ngx_explicit_memzero(buf, size);
        ngx_free(buf);
    }

    if (ngx_close_file(fd) == NGX_FILE_ERROR) {
        ngx_log_error(NGX_LOG_ALERT, cf->log, ngx_errno,
                      ngx_close_file_n " \"%s\" failed", name.data);
    }

    return rv;
}


/* NGX_OK when name is new to the set (and now in it), NGX_BUSY when it
 * was there, NGX_ERROR; the set lives in the configuration's temp pool */
static ngx_int_t
ngx_http_llm_keys_seen(ngx_conf_t *cf, ngx_hash_keys_arrays_t **set,
    ngx_str_t *name)
{
    if (*set == NULL) {
        *set = ngx_pcalloc(cf->temp_pool, sizeof(ngx_hash_keys_arrays_t));
        if (*set == NULL) {
            return NGX_ERROR;
        }

        (*set)->pool = cf->temp_pool;
        (*set)->temp_pool = cf->temp_pool;

        if (ngx_hash_keys_array_init(*set, NGX_HASH_SMALL) != NGX_OK) {
            return NGX_ERROR;
        }
    }

    return ngx_hash_add_key(*set, name, NULL, NGX_HASH_READONLY_KEY);
}


static char *
ngx_http_llm_keys_add(ngx_conf_t *cf, ngx_http_llm_keys_pool_t *pool,
    ngx_str_t *secret, ngx_str_t *params, ngx_uint_t n, ngx_str_t *origin)
{
    u_char               *p, digest[16];
    size_t                len;
    uint64_t              fp;
    ngx_int_t             v;
    ngx_str_t             s;
    ngx_uint_t            i;
    ngx_md5_t             md5;
    ngx_http_llm_key_t   *key, *keys;

    if (secret->len == 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "empty key in %V", origin);
        return NGX_CONF_ERROR;
    }

    /* the secret goes into a request header: no controls, no spaces */

    for (i = 0; i < secret->len; i++) {
        if (secret->data[i] <= 0x20 || secret->data[i] == 0x7f) {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "invalid character in key in %V", origin);
            return NGX_CONF_ERROR;
        }
    }

    ngx_md5_init(&md5);
    ngx_md5_update(&md5, secret->data, secret->len);
    ngx_md5_final(digest, &md5);

    fp = 0;
    for (i = 0; i < 8; i++) {
        fp = (fp << 8) | digest[i];
    }

    if (fp == 0) {
        fp = 1;
    }

    s.len = 16;
    s.data = ngx_pnalloc(cf->pool, 16);
    if (s.data == NULL) {
        return NGX_CONF_ERROR;
    }

    ngx_hex_dump(s.data, digest, 8);

    v = ngx_http_llm_keys_seen(cf, &pool->seen_fp, &s);

    if (v == NGX_ERROR) {
        return NGX_CONF_ERROR;
    }

    if (v == NGX_BUSY) {
        keys = pool->keys.elts;

        for (i = 0; i < pool->keys.nelts; i++) {
            if (keys[i].fp == fp) {
                ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                                   "duplicate key in %V (same as key \"%V\")",
                                   origin, &keys[i].id);
                break;
            }
        }

        return NGX_CONF_ERROR;
    }

    key = ngx_array_push(&pool->keys);
    if (key == NULL) {
        return NGX_CONF_ERROR;
    }

    ngx_memzero(key, sizeof(ngx_http_llm_key_t));

    key->fp = fp;
    key->weight = 1;
    key->fp_hex = s;

    for (i = 0; i < n; i++) {

        if (ngx_http_llm_keys_param(&params[i], "id", &s) == NGX_OK) {

            if (s.len == 0 || s.len > 64) {
                goto invalid;
            }

            for (len = 0; len < s.len; len++) {
                if (s.data[len] <= 0x20 || s.data[len] >= 0x7f
                    || s.data[len] == '"' || s.data[len] == '\\')
                {
                    goto invalid;
                }
            }

            key->id.data = ngx_pstrdup(cf->pool, &s);
            if (key->id.data == NULL) {
                return NGX_CONF_ERROR;
            }

            key->id.len = s.len;
            continue;
        }

        if (ngx_http_llm_keys_param(&params[i], "weight", &s) == NGX_OK) {
            v = ngx_atoi(s.data, s.len);
            if (v == NGX_ERROR || v == 0
                || v > NGX_HTTP_LLM_KEYS_MAX_WEIGHT)
            {
                goto invalid;
            }

            key->weight = v;
            continue;
        }

        if (ngx_http_llm_keys_param(&params[i], "max_inflight", &s)
            == NGX_OK)
        {
            v = ngx_atoi(s.data, s.len);
            if (v == NGX_ERROR) {
                goto invalid;
            }

            key->max_inflight = v;
            continue;
        }

        goto invalid;
    }

    if (key->id.len == 0) {
        key->id.len = 8;
        key->id.data = key->fp_hex.data;
    }

    v = ngx_http_llm_keys_seen(cf, &pool->seen_id, &key->id);

    if (v == NGX_ERROR) {
        return NGX_CONF_ERROR;
    }

    if (v == NGX_BUSY) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "duplicate key id \"%V\" in %V",
                           &key->id, origin);
        return NGX_CONF_ERROR;
    }

    /* masked form: enough to recognize a key, never enough to use it */

    p = ngx_pnalloc(cf->pool, sizeof("xxx...xxxx") - 1);
    if (p == NULL) {
        return NGX_CONF_ERROR;
    }

    key->masked.data = p;

    if (secret->len >= 20) {
        p = ngx_cpymem(p, secret->data, 3);
        p = ngx_cpymem(p, "...", 3);
        p = ngx_cpymem(p, secret->data + secret->len - 4, 4);

    } else if (secret->len >= 12) {
        p = ngx_cpymem(p, "...", 3);
        p = ngx_cpymem(p, secret->data + secret->len - 2, 2);

    } else {
        p = ngx_cpymem(p, "***", 3);
    }

    key->masked.len = p - key->masked.data;

    /* the header value is built once the dialect is known */

    key->value = *secret;

    return NGX_CONF_OK;

invalid:

    ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                       "invalid parameter \"%V\" in %V", &params[i], origin);

    return NGX_CONF_ERROR;
}


static ngx_int_t
ngx_http_llm_keys_param(ngx_str_t *param, char *name, ngx_str_t *value)
{
    size_t  len;

    len = ngx_strlen(name);

    if (param->len <= len
        || param->data[len] != '='
        || ngx_strncmp(param->data, name, len) != 0)
    {
        return NGX_DECLINED;
    }

    value->data = param->data + len + 1;
    value->len = param->len - len - 1;

    return NGX_OK;
}


/*
 * A round robin pool's order of keys: the smooth weighted round robin's
 * picks from the start, all keys usable, one full turn (after which it
 * repeats), so that a pick takes the next usable key from a place kept
 * in the zone instead of scanning every key.  Equal weights need no
 * table.  The place is kept in a node of its own, found as a key is, by
 * a fingerprint of the upstream's name.
 */

static ngx_int_t
ngx_http_llm_keys_order(ngx_conf_t *cf, ngx_http_llm_keys_pool_t *pool)
{
    u_char               digest[16];
    uint64_t             fp;
    ngx_int_t            total, *current;
    ngx_uint_t           i, n, g, a, b, t, len, best, place;
    ngx_md5_t            md5;
    ngx_http_llm_key_t  *keys;

    ngx_md5_init(&md5);
    ngx_md5_update(&md5, "llm rotation of upstream ", 25);
    ngx_md5_update(&md5, pool->name.data, pool->name.len);
    ngx_md5_final(digest, &md5);

    fp = 0;
    for (i = 0; i < 8; i++) {
        fp = (fp << 8) | digest[i];
    }

    pool->rotation.fp = fp ? fp : 1;
    ngx_str_set(&pool->rotation.id, "(rotation)");

    pool->order = NULL;
    pool->order_len = 0;

    if (pool->strategy != NGX_HTTP_LLM_KEYS_ROUND_ROBIN) {
        return NGX_OK;
    }

    keys = pool->keys.elts;
    n = pool->keys.nelts;

    /* the weights over their greatest common divisor: the same order */

    g = keys[0].weight;

    for (i = 1; i < n && g > 1; i++) {
        a = g;
        b = keys[i].weight;

        while (b) {
            t = a % b;
            a = b;
            b = t;
        }

        g = a;
    }

    len = 0;

    for (i = 0; i < n; i++) {
        len += keys[i].weight / g;
    }

    if (len == n) {
        pool->order_len = n;                    /* equal weights */
        return NGX_OK;
    }

    if (len > NGX_HTTP_LLM_KEYS_ORDER_MAX
        || n > NGX_HTTP_LLM_KEYS_ORDER_WORK / len)
    {
        ngx_conf_log_error(NGX_LOG_INFO, cf, 0,
                           "upstream \"%V\": %ui keys whose weights make a "
                           "turn of %ui picks: each pick scans the keys",
                           &pool->name, n, len);
        return NGX_OK;
    }

    pool->order = ngx_palloc(cf->pool, len * sizeof(uint32_t));
    current = ngx_pcalloc(cf->temp_pool, n * sizeof(ngx_int_t));

    if (pool->order == NULL || current == NULL) {
        return NGX_ERROR;
    }

    total = (ngx_int_t) len;

    for (place = 0; place < len; place++) {
        best = 0;

        for (i = 0; i < n; i++) {
            current[i] += (ngx_int_t) (keys[i].weight / g);

            if (current[i] > current[best]) {
                best = i;
            }
        }

        current[best] -= total;
        pool->order[place] = (uint32_t) best;
    }

    pool->order_len = len;

    return NGX_OK;
}


/*
 * Called once the http{} block is parsed (init main conf): every pool is
 * checked, bound to its zone, and its keys get their header values.
 * Errors name the place of the upstream's llm_provider (or first key).
 */

char *
ngx_http_llm_keys_init_pools(ngx_conf_t *cf,
    ngx_http_llm_upstream_main_conf_t *umcf)
{
    u_char                             *p;
    ngx_uint_t                          i, j, defined;
    ngx_http_llm_key_t                 *keys;
    ngx_http_llm_keys_zone_t          **zonep, *zone;
    ngx_http_llm_keys_pool_t          **poolp, *pool;

    zonep = umcf->zones.elts;
    defined = 0;
    zone = NULL;

    for (i = 0; i < umcf->zones.nelts; i++) {
        if (zonep[i]->size) {
            defined++;
            zone = zonep[i];
        }
    }

    poolp = umcf->pools.elts;

    for (i = 0; i < umcf->pools.nelts; i++) {
        pool = poolp[i];

        /* in the temp pool, gone with it: the http{} block is read */
        pool->seen_fp = NULL;
        pool->seen_id = NULL;

        if (!pool->provider) {
            ngx_log_error(NGX_LOG_EMERG, cf->log, 0,
                          "keys in upstream \"%V\" need \"llm_provider\" "
                          "in the same upstream, in %s:%ui",
                          &pool->name, pool->file, pool->line);
            return NGX_CONF_ERROR;
        }

        if (pool->keys.nelts == 0) {

            if (pool->zone_name.len) {
                ngx_log_error(NGX_LOG_EMERG, cf->log, 0,
                              "upstream \"%V\" has no keys: add llm_key, "
                              "llm_key_file or llm_key_env, in %s:%ui",
                              &pool->name, pool->file, pool->line);
                return NGX_CONF_ERROR;
            }

            /* a provider without keys: no zone, no balancer */

            continue;
        }

        if (pool->zone_name.len) {
            zone = NULL;

            for (j = 0; j < umcf->zones.nelts; j++) {
                if (zonep[j]->name.len == pool->zone_name.len
                    && ngx_strncmp(zonep[j]->name.data, pool->zone_name.data,
                                   pool->zone_name.len) == 0
                    && zonep[j]->size)
                {
                    zone = zonep[j];
                    break;
                }
            }

            if (zone == NULL) {
                ngx_log_error(NGX_LOG_EMERG, cf->log, 0,
                              "unknown llm_keys_zone \"%V\" in upstream "
                              "\"%V\", in %s:%ui", &pool->zone_name,
                              &pool->name, pool->file, pool->line);
                return NGX_CONF_ERROR;
            }

        } else if (defined != 1) {
            ngx_log_error(NGX_LOG_EMERG, cf->log, 0,
                          "upstream \"%V\" has keys but no \"zone=\" and "
                          "%ui llm_keys_zone zones are defined, in %s:%ui",
                          &pool->name, defined, pool->file, pool->line);
            return NGX_CONF_ERROR;

        } else {
            for (j = 0; j < umcf->zones.nelts; j++) {
                if (zonep[j]->size) {
                    zone = zonep[j];
                }
            }
        }

        pool->zone = zone;
        pool->zone_name = zone->name;

        if (ngx_array_push(&zone->pools) == NULL) {
            return NGX_CONF_ERROR;
        }

        ((ngx_http_llm_keys_pool_t **) zone->pools.elts)
                                            [zone->pools.nelts - 1] = pool;

        if (ngx_http_llm_keys_order(cf, pool) != NGX_OK) {
            return NGX_CONF_ERROR;
        }

        switch (pool->dialect) {

        case LLM_DIALECT_ANTHROPIC:
            ngx_str_set(&pool->header, "x-api-key");
            break;

        case LLM_DIALECT_GEMINI:
            ngx_str_set(&pool->header, "x-goog-api-key");
            break;

        default: /* LLM_DIALECT_OPENAI */
            ngx_str_set(&pool->header, "Authorization");
            break;
        }

        pool->header_lc.len = pool->header.len;
        pool->header_lc.data = ngx_pnalloc(cf->pool, pool->header.len);
        if (pool->header_lc.data == NULL) {
            return NGX_CONF_ERROR;
        }

        pool->header_hash = ngx_hash_strlow(pool->header_lc.data,
                                            pool->header.data,
                                            pool->header.len);

        if (pool->dialect != LLM_DIALECT_OPENAI
            && pool->dialect != LLM_DIALECT_NONE)
        {
            continue;
        }

        keys = pool->keys.elts;

        for (j = 0; j < pool->keys.nelts; j++) {
            p = ngx_pnalloc(cf->pool, sizeof("Bearer ") - 1
                                      + keys[j].value.len);
            if (p == NULL) {
                return NGX_CONF_ERROR;
            }

            keys[j].value.len = ngx_cpymem(ngx_cpymem(p, "Bearer ", 7),
                                           keys[j].value.data,
                                           keys[j].value.len)
                                - p;
            keys[j].value.data = p;
        }
    }

    return NGX_CONF_OK;
}
