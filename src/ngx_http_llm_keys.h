/*
 * Key pools: the internal interface shared by the files of
 * ngx_http_llm_upstream_module (conf, shared-memory zone, balancer,
 * status).  The translator uses only ngx_http_llm_upstream.h.
 */

#ifndef NGX_HTTP_LLM_KEYS_H
#define NGX_HTTP_LLM_KEYS_H


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_llm_upstream.h"


#define NGX_HTTP_LLM_KEYS_MAGIC        0x6c6c6d6b      /* "llmk" */
#define NGX_HTTP_LLM_KEYS_NODE_MAGIC   0x6b6e6f64      /* "knod" */
#define NGX_HTTP_LLM_KEYS_VERSION      2

/*
 * In-flight counts are kept per process slot (see ngx_http_llm_keys_shm.c):
 * up to NGX_HTTP_LLM_KEYS_SLOTS processes have a slot of their own, any
 * further one shares the overflow slot, which is never reclaimed.
 */
#define NGX_HTTP_LLM_KEYS_SLOTS        64
#define NGX_HTTP_LLM_KEYS_OVERFLOW     NGX_HTTP_LLM_KEYS_SLOTS

#define NGX_HTTP_LLM_KEYS_ROUND_ROBIN     0
#define NGX_HTTP_LLM_KEYS_LEAST_INFLIGHT  1

/* what "disable_on_auth" asks for */
#define NGX_HTTP_LLM_KEYS_AUTH_OFF       0
#define NGX_HTTP_LLM_KEYS_AUTH_DISABLE   ((ngx_msec_t) -1)

#define NGX_HTTP_LLM_KEYS_MAX_WEIGHT     1000

/*
 * A round robin pool whose weights differ picks from its smooth weighted
 * round robin order worked out at configuration time: at most this many
 * entries (the sum of the weights over their greatest common divisor),
 * and at most NGX_HTTP_LLM_KEYS_ORDER_WORK steps to work it out (entries
 * times keys).  A bigger pool scans its keys on every pick instead.
 */
#define NGX_HTTP_LLM_KEYS_ORDER_MAX      65536
#define NGX_HTTP_LLM_KEYS_ORDER_WORK     (1 << 24)

/* how an attempt ended, as far as the key is concerned */
#define NGX_HTTP_LLM_KEY_OK              0
#define NGX_HTTP_LLM_KEY_RATE_LIMITED    1
#define NGX_HTTP_LLM_KEY_AUTH            2
#define NGX_HTTP_LLM_KEY_HOST_ERROR      3
#define NGX_HTTP_LLM_KEY_NEUTRAL         4

/* key states, as the status output names them */
#define NGX_HTTP_LLM_KEY_STATE_READY     0
#define NGX_HTTP_LLM_KEY_STATE_COOLING   1
#define NGX_HTTP_LLM_KEY_STATE_DISABLED  2
#define NGX_HTTP_LLM_KEY_STATE_BUSY      3


/* One key's state in shared memory, or a pool's place in its rotation.
 * Never holds the secret. */
typedef struct {
    ngx_queue_t                     queue;
    uint32_t                        magic;
    uint32_t                        disabled;     /* until reload */
    uint64_t                        fp;           /* fingerprint */
    ngx_uint_t                      generation;   /* config that used it */

    uint64_t                        cooldown_until;   /* epoch msec */
    uint64_t                        last_used;        /* epoch msec */
    ngx_int_t                       current_weight;   /* smooth wrr (in
                                                         a rotation node:
                                                         the place) */
    ngx_uint_t                      inflight;     /* sum of the slots */
    ngx_uint_t                      fails;        /* failure streak */
    ngx_uint_t                      throttles;    /* 429 streak */
    ngx_uint_t                      last_status;

    uint64_t                        requests;
    uint64_t                        successes;
    uint64_t                        rate_limited;
    uint64_t                        auth_failures;
    uint64_t                        errors;
    uint64_t                        tokens_in;
    uint64_t                        tokens_out;

    /* in flight per process slot: a dead process's share can be dropped */
    uint32_t                        slot_inflight[NGX_HTTP_LLM_KEYS_SLOTS + 1];
} ngx_http_llm_keys_node_t;


typedef struct {
    uint32_t                        magic;
    uint32_t                        version;
    ngx_uint_t                      generation;   /* bumped per reload */
    ngx_uint_t                      created;      /* fresh inits */
    ngx_queue_t                     nodes;
    ngx_pid_t                       slot_pid[NGX_HTTP_LLM_KEYS_SLOTS];
} ngx_http_llm_keys_shctx_t;


typedef struct {
    ngx_str_t                       name;
    ssize_t                         size;
    ngx_shm_zone_t                 *shm_zone;
    ngx_slab_pool_t                *shpool;
    ngx_http_llm_keys_shctx_t      *sh;
    ngx_uint_t                      generation;
    ngx_uint_t                      slot;    /* this process's, in sh */
    ngx_array_t                     pools;   /* ngx_http_llm_keys_pool_t * */
} ngx_http_llm_keys_zone_t;


typedef struct {
    ngx_str_t                       id;
    ngx_str_t                       masked;       /* for status and logs */
    ngx_str_t                       fp_hex;
    ngx_str_t                       value;        /* credential header value */
    uint64_t                        fp;
    ngx_uint_t                      weight;
    ngx_uint_t                      max_inflight; /* 0: no limit */
    ngx_http_llm_keys_node_t       *node;         /* cached, re-checked */
} ngx_http_llm_key_t;


typedef struct {
    ngx_str_t                       name;         /* the upstream{} name */
    ngx_uint_t                      dialect;
    ngx_str_t                       zone_name;
    ngx_http_llm_keys_zone_t       *zone;
    ngx_array_t                     keys;         /* ngx_http_llm_key_t */

    ngx_uint_t                      strategy;

    /*
     * Round robin in constant time: the keys in the order the smooth
     * weighted round robin gives them, all keys usable (NULL when the
     * weights are equal: key i at place i), order_len places (0: no
     * order, the pick scans every key), and the node in the zone that
     * keeps the place reached, shared by the workers.
     */
    uint32_t                       *order;
    ngx_uint_t                      order_len;
    ngx_http_llm_key_t              rotation;

    ngx_msec_t                      cooldown;
    ngx_msec_t                      max_cooldown;
    ngx_msec_t                      auth_cooldown;
    ngx_uint_t                      busy_status;  /* 429 or 503 */
    ngx_flag_t                      retry;        /* add http_429 */

    ngx_str_t                       header;       /* credential header */
    ngx_str_t                       header_lc;
    ngx_uint_t                      header_hash;

    unsigned                        provider:1;   /* llm_provider seen */
    unsigned                        round_robin:1;

    ngx_http_upstream_init_pt       original_init_upstream;
    ngx_http_upstream_init_peer_pt  original_init_peer;
    ngx_http_upstream_srv_conf_t   *uscf;

    u_char                         *file;         /* for error messages */
    ngx_uint_t                      line;

    /* while the configuration is read: the fingerprints and ids seen,
     * so that a file of thousands of keys is not checked pair by pair */
    ngx_hash_keys_arrays_t         *seen_fp;
    ngx_hash_keys_arrays_t         *seen_id;
} ngx_http_llm_keys_pool_t;


typedef struct {
    ngx_array_t                     zones;   /* ngx_http_llm_keys_zone_t * */
    ngx_array_t                     pools;   /* ngx_http_llm_keys_pool_t * */
} ngx_http_llm_upstream_main_conf_t;


/*
 * How a key gets into the proxy's request in a location, learnt by the
 * worker on the first request (ngx_http_llm_upstream_balancer.c), per
 * dialect of the pool (its credential header).
 */
#define NGX_HTTP_LLM_KEYS_BUILD_UNKNOWN   0
#define NGX_HTTP_LLM_KEYS_BUILD_SPLICE    1   /* add the header line */
#define NGX_HTTP_LLM_KEYS_BUILD_RECREATE  2   /* run create_request */
#define NGX_HTTP_LLM_KEYS_DIALECTS        4


typedef struct {
    ngx_uint_t                      status_format;  /* unset: no status */
    ngx_http_complex_value_t       *check;          /* llm_keys_check */
    u_char                          build[NGX_HTTP_LLM_KEYS_DIALECTS];
} ngx_http_llm_upstream_loc_conf_t;


/* Per request (the main request's ctx of ngx_http_llm_upstream_module). */
typedef struct {
    ngx_http_llm_keys_pool_t       *pool;
    ngx_http_llm_key_t             *key;          /* last key chosen */
    void                           *peer;         /* balancer's data */
    ngx_uint_t                      attempts;
    ngx_uint_t                      rate_limited; /* 429s seen */
    ngx_uint_t                      last_status;
    unsigned                        busy:1;       /* answered all-cooling */
    unsigned                        stripped:1;   /* no client credential
                                                     left in headers_in */
} ngx_http_llm_keys_ctx_t;


typedef struct {
    ngx_uint_t                      state;
    ngx_uint_t                      ready;        /* 1: a key is usable */
    time_t                          retry_after;  /* seconds */
} ngx_http_llm_keys_avail_t;


#define NGX_HTTP_LLM_STATUS_JSON        1
#define NGX_HTTP_LLM_STATUS_PROMETHEUS  2


/* conf (ngx_http_llm_keys_conf.c) */
char *ngx_http_llm_keys_zone(ngx_conf_t *cf, ngx_command_t *cmd, void *conf);
char *ngx_http_llm_provider(ngx_conf_t *cf, ngx_command_t *cmd, void *conf);
char *ngx_http_llm_key(ngx_conf_t *cf, ngx_command_t *cmd, void *conf);
char *ngx_http_llm_key_file(ngx_conf_t *cf, ngx_command_t *cmd, void *conf);
char *ngx_http_llm_key_env(ngx_conf_t *cf, ngx_command_t *cmd, void *conf);
char *ngx_http_llm_keys_init_pools(ngx_conf_t *cf,
    ngx_http_llm_upstream_main_conf_t *umcf);

/* shared memory (ngx_http_llm_keys_shm.c) */
ngx_int_t ngx_http_llm_keys_init_zone(ngx_shm_zone_t *shm_zone, void *data);
void ngx_http_llm_keys_claim_slot(ngx_http_llm_keys_zone_t *zone,
    ngx_log_t *log);
void ngx_http_llm_keys_release_slot(ngx_http_llm_keys_zone_t *zone);
ngx_http_llm_key_t *ngx_http_llm_keys_pick(ngx_http_llm_keys_pool_t *pool,
    uintptr_t *tried, ngx_uint_t *others, ngx_log_t *log);
void ngx_http_llm_keys_release(ngx_http_llm_keys_pool_t *pool,
    ngx_http_llm_key_t *key, ngx_uint_t outcome, ngx_uint_t status,
    ngx_msec_t hint, ngx_log_t *log);
void ngx_http_llm_keys_unpick(ngx_http_llm_keys_pool_t *pool,
    ngx_http_llm_key_t *key);
void ngx_http_llm_keys_availability(ngx_http_llm_keys_pool_t *pool,
    ngx_http_llm_keys_avail_t *av);
void ngx_http_llm_keys_add_tokens(ngx_http_llm_keys_pool_t *pool,
    ngx_http_llm_key_t *key, int64_t input, int64_t output);
void ngx_http_llm_keys_snapshot(ngx_http_llm_keys_pool_t *pool,
    ngx_http_llm_keys_node_t *out);
uint64_t ngx_http_llm_keys_now(void);

/* balancer (ngx_http_llm_upstream_balancer.c) */
ngx_int_t ngx_http_llm_upstream_init_upstream(ngx_conf_t *cf,
    ngx_http_upstream_srv_conf_t *us);
ngx_int_t ngx_http_llm_keys_strip_credentials(ngx_http_request_t *r,
    ngx_http_llm_keys_ctx_t *ctx);
void ngx_http_llm_keys_settle(ngx_http_request_t *r,
    ngx_http_llm_keys_ctx_t *ctx);
void ngx_http_llm_keys_extend_cooldown(ngx_http_llm_keys_pool_t *pool,
    ngx_http_llm_key_t *key, ngx_msec_t cd);
ngx_msec_t ngx_http_llm_keys_cooldown_hint(ngx_http_request_t *r,
    ngx_http_upstream_t *u);

/* status (ngx_http_llm_upstream_status.c) */
ngx_int_t ngx_http_llm_status_handler(ngx_http_request_t *r);

/* module (ngx_http_llm_upstream_module.c) */
ngx_http_llm_keys_ctx_t *ngx_http_llm_keys_get_ctx(ngx_http_request_t *r,
    ngx_http_llm_keys_pool_t *pool);


#endif /* NGX_HTTP_LLM_KEYS_H */
