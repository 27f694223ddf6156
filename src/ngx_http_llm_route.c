/*
 * Model routing: "llm_route pattern upstream [model=name];" picks the
 * upstream{} block (and the model name to send) from the client's model.
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_llm_translate.h"


extern ngx_module_t  ngx_http_proxy_module;

static ngx_http_upstream_srv_conf_t *ngx_http_llm_route_proxy_target(
    ngx_conf_t *cf);


/*
 * llm_route default            upstream [model=name];
 * llm_route gpt-4o             upstream [model=name];   exact
 * llm_route claude-*           upstream [model=name];   prefix
 * llm_route ~^smollm(.*)$      upstream [model=HuggingFaceTB/SmolLM3$1];
 * llm_route ~*^GPT             upstream;                caseless regex
 */
char *
ngx_http_llm_route(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_llm_loc_conf_t  *lcf = conf;

    ngx_str_t                         *value, model;
    ngx_http_llm_route_t              *route;
    ngx_http_compile_complex_value_t   ccv;
#if (NGX_PCRE)
    u_char                             errstr[NGX_MAX_CONF_ERRSTR];
    ngx_regex_compile_t                rc;
#endif

    value = cf->args->elts;

    if (lcf->routes == NGX_CONF_UNSET_PTR || lcf->routes == NULL) {
        lcf->routes = ngx_array_create(cf->pool, 4,
                                       sizeof(ngx_http_llm_route_t));
        if (lcf->routes == NULL) {
            return NGX_CONF_ERROR;
        }
    }

    route = ngx_array_push(lcf->routes);
    if (route == NULL) {
        return NGX_CONF_ERROR;
    }

    ngx_memzero(route, sizeof(ngx_http_llm_route_t));

    route->upstream = value[2];

    if (value[1].len == 7
        && ngx_strncmp(value[1].data, "default", 7) == 0)
    {
        route->type = NGX_HTTP_LLM_ROUTE_DEFAULT;

    } else if (value[1].data[0] == '~') {
#if (NGX_PCRE)
        ngx_memzero(&rc, sizeof(ngx_regex_compile_t));

        rc.pattern.data = value[1].data + 1;
        rc.pattern.len = value[1].len - 1;

        if (rc.pattern.len && rc.pattern.data[0] == '*') {
            rc.pattern.data++;
            rc.pattern.len--;
            rc.options = NGX_REGEX_CASELESS;
        }

        rc.pool = cf->pool;
        rc.err.len = NGX_MAX_CONF_ERRSTR;
        rc.err.data = errstr;

        route->regex = ngx_http_regex_compile(cf, &rc);
        if (route->regex == NULL) {
            return NGX_CONF_ERROR;
        }

        route->type = NGX_HTTP_LLM_ROUTE_REGEX;
#else
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "using regex \"%V\" requires PCRE library",
                           &value[1]);
        return NGX_CONF_ERROR;
#endif

    } else if (value[1].data[value[1].len - 1] == '*') {
        route->type = NGX_HTTP_LLM_ROUTE_PREFIX;
        route->pattern.data = value[1].data;
        route->pattern.len = value[1].len - 1;

    } else {
        route->type = NGX_HTTP_LLM_ROUTE_EXACT;
        route->pattern = value[1];
    }

    if (cf->args->nelts == 4) {
        if (value[3].len <= 6
            || ngx_strncmp(value[3].data, "model=", 6) != 0)
        {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "invalid parameter \"%V\", expected "
                               "\"model=<name>\"", &value[3]);
            return NGX_CONF_ERROR;
        }

        model.data = value[3].data + 6;
        model.len = value[3].len - 6;

        route->model = ngx_palloc(cf->pool, sizeof(ngx_http_complex_value_t));
        if (route->model == NULL) {
            return NGX_CONF_ERROR;
        }

        ngx_memzero(&ccv, sizeof(ngx_http_compile_complex_value_t));

        ccv.cf = cf;
        ccv.value = &model;
        ccv.complex_value = route->model;

        if (ngx_http_compile_complex_value(&ccv) != NGX_OK) {
            return NGX_CONF_ERROR;
        }
    }

    return NGX_CONF_OK;
}


/*
 * Each route's upstream{} block, looked up once when locations are merged
 * (every upstream{} is known by then) rather than by name per request.
 * A location that proxies to one upstream{} by name, without variables,
 * must route every model there: the proxy sends each request to that
 * block whatever the route says.
 */
char *
ngx_http_llm_route_resolve(ngx_conf_t *cf, ngx_http_llm_loc_conf_t *lcf)
{
    ngx_uint_t                         i, relay;
    ngx_http_llm_route_t              *route;
    ngx_http_upstream_srv_conf_t      *target;
    ngx_http_llm_upstream_srv_conf_t  *ucf;

    lcf->relay_only = LLM_DIALECT_NONE;

    if (lcf->routes == NULL) {
        return NGX_CONF_OK;
    }

    route = lcf->routes->elts;
    ucf = NULL;
    relay = 1;
    target = lcf->enable ? ngx_http_llm_route_proxy_target(cf) : NULL;

    for (i = 0; i < lcf->routes->nelts; i++) {

        if (target
            && (target->host.len != route[i].upstream.len
                || ngx_strncasecmp(target->host.data, route[i].upstream.data,
                                   target->host.len)
                   != 0))
        {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "\"llm_route\" names upstream \"%V\", but "
                               "\"proxy_pass\" sends every request of this "
                               "location to \"%V\": name that block in "
                               "every route, or use "
                               "\"proxy_pass http://$llm_upstream\"",
                               &route[i].upstream, &target->host);
            return NGX_CONF_ERROR;
        }

        route[i].ucf = ngx_http_llm_upstream_conf_find(cf,
                                                       &route[i].upstream);
        relay = relay && route[i].ucf != NULL
                && !route[i].ucf->profile.enabled
                && (ucf == NULL || route[i].ucf->dialect == ucf->dialect);
        ucf = route[i].ucf;
    }

    /* a client of this dialect is never translated here: its body need
     * only be checked (llm_check_request), not read into the IR */
    lcf->relay_only = (relay && ucf != NULL) ? ucf->dialect
                                              : LLM_DIALECT_NONE;

    return NGX_CONF_OK;
}


/*
 * The upstream{} block of the location's "proxy_pass http://name;", NULL
 * when its URL has variables or there is none.  The proxy module's
 * location configuration is private, but it begins with its
 * ngx_http_upstream_conf_t (as in every nginx release), whose upstream
 * is that block; the proxy's locations are merged before ours, so an
 * inherited proxy_pass is seen too.
 */
static ngx_http_upstream_srv_conf_t *
ngx_http_llm_route_proxy_target(ngx_conf_t *cf)
{
    ngx_http_upstream_conf_t  *ucf;

    ucf = ngx_http_conf_get_module_loc_conf(cf, ngx_http_proxy_module);

    return ucf ? ucf->upstream : NULL;
}


/*
 * The first matching route wins, in configuration order; "default"
 * matches when nothing else did, wherever it stands.  NGX_DECLINED: no
 * route for this model.  ucf: the route's llm_provider configuration,
 * NULL when its upstream{} has none.
 */
ngx_int_t
ngx_http_llm_route_find(ngx_http_request_t *r, ngx_http_llm_loc_conf_t *lcf,
    ngx_str_t *model, ngx_str_t *upstream, ngx_str_t *upstream_model,
    ngx_http_llm_upstream_srv_conf_t **ucf)
{
    ngx_int_t              rc;
    ngx_uint_t             i;
    ngx_http_llm_route_t  *route, *found, *dflt;

    if (lcf->routes == NULL) {
        return NGX_DECLINED;
    }

    route = lcf->routes->elts;
    found = NULL;
    dflt = NULL;

    for (i = 0; i < lcf->routes->nelts && found == NULL; i++) {

        switch (route[i].type) {

        case NGX_HTTP_LLM_ROUTE_DEFAULT:
            if (dflt == NULL) {
                dflt = &route[i];
            }
            break;

        case NGX_HTTP_LLM_ROUTE_EXACT:
            if (model->len == route[i].pattern.len
                && ngx_strncmp(model->data, route[i].pattern.data,
                               model->len) == 0)
            {
                found = &route[i];
            }
            break;

        case NGX_HTTP_LLM_ROUTE_PREFIX:
            if (model->len >= route[i].pattern.len
                && ngx_strncmp(model->data, route[i].pattern.data,
                               route[i].pattern.len) == 0)
            {
                found = &route[i];
            }
            break;

        case NGX_HTTP_LLM_ROUTE_REGEX:
#if (NGX_PCRE)
            /* sets $1.. and named captures for the model= value */
            rc = ngx_http_regex_exec(r, route[i].regex, model);
            if (rc == NGX_OK) {
                found = &route[i];

            } else if (rc == NGX_ERROR) {
                return NGX_ERROR;
            }
#else
            (void) rc;
#endif
            break;
        }
    }

    if (found == NULL) {
        found = dflt;
    }

    if (found == NULL) {
        return NGX_DECLINED;
    }

    *upstream = found->upstream;
    *ucf = found->ucf;

    if (found->model) {
        if (ngx_http_complex_value(r, found->model, upstream_model)
            != NGX_OK)
        {
            return NGX_ERROR;
        }

    } else {
        *upstream_model = *model;
    }

    return NGX_OK;
}
