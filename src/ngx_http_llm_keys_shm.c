/*
 * Key pools: state in a shared-memory zone ("llm_keys_zone"), shared by
 * all workers and kept across "nginx -s reload" while the zone's name and
 * size are unchanged.
 *
 * One node per key, identified by the key's fingerprint (64 bits of the
 * MD5 of the secret), so a key listed in two upstreams is one account
 * with one rate limit.  Nodes are created in the master when a
 * configuration is loaded; workers reach them through pointers cached in
 * the configuration and re-checked (magic, fingerprint) under the lock,
 * because a reload frees the nodes of keys that left the configuration
 * while old workers may still hold their pointers.
 *
 * In-flight counts are kept per process slot as well as in total, so that
 * the share of a process that died with requests in flight (SIGKILL, a
 * crash) can be dropped: otherwise it would count against max_inflight
 * and least_inflight forever.
 */

#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_llm_keys.h"


static ngx_http_llm_keys_node_t *ngx_http_llm_keys_lookup_locked(
    ngx_http_llm_keys_zone_t *zone, ngx_http_llm_key_t *key);
static ngx_http_llm_keys_node_t *ngx_http_llm_keys_find_locked(
    ngx_http_llm_keys_zone_t *zone, uint64_t fp);
static ngx_http_llm_keys_node_t *ngx_http_llm_keys_alloc_locked(
    ngx_http_llm_keys_zone_t *zone, uint64_t fp);
static ngx_int_t ngx_http_llm_keys_sync_locked(
    ngx_http_llm_keys_zone_t *zone, ngx_log_t *log);
static ngx_uint_t ngx_http_llm_keys_clear_slots_locked(
    ngx_http_llm_keys_zone_t *zone, uint64_t slots);
static ngx_http_llm_key_t *ngx_http_llm_keys_pick_scan(
    ngx_http_llm_keys_pool_t *pool, uintptr_t *tried, ngx_uint_t *others);
static void ngx_http_llm_keys_dec_locked(ngx_http_llm_keys_zone_t *zone,
    ngx_http_llm_keys_node_t *node);


uint64_t
ngx_http_llm_keys_now(void)
{
    ngx_time_t  *tp;

    tp = ngx_timeofday();

    return (uint64_t) tp->sec * 1000 + tp->msec;
}


ngx_int_t
ngx_http_llm_keys_init_zone(ngx_shm_zone_t *shm_zone, void *data)
{
    ngx_http_llm_keys_zone_t  *ozone = data;

    size_t                     len;
    ngx_int_t                  rc;
    ngx_http_llm_keys_zone_t  *zone;

    zone = shm_zone->data;

    if (ozone) {

        /*
         * Reload with the same name and size: the old workers still use
         * this memory, so nothing is reformatted; only the nodes are
         * synced with the new list of keys.
         */

        if (ozone->sh == NULL
            || ozone->sh->magic != NGX_HTTP_LLM_KEYS_MAGIC
            || ozone->sh->version != NGX_HTTP_LLM_KEYS_VERSION)
        {
            ngx_log_error(NGX_LOG_EMERG, shm_zone->shm.log, 0,
                          "llm_keys_zone \"%V\" has an incompatible layout, "
                          "change its size or restart nginx", &zone->name);
            return NGX_ERROR;
        }

        zone->sh = ozone->sh;
        zone->shpool = ozone->shpool;

        goto sync;
    }

    zone->shpool = (ngx_slab_pool_t *) shm_zone->shm.addr;

    if (shm_zone->shm.exists) {
        zone->sh = zone->shpool->data;
        goto sync;
    }

    zone->sh = ngx_slab_alloc(zone->shpool,
                              sizeof(ngx_http_llm_keys_shctx_t));
    if (zone->sh == NULL) {
        return NGX_ERROR;
    }

    zone->shpool->data = zone->sh;

    ngx_memzero(zone->sh, sizeof(ngx_http_llm_keys_shctx_t));

    zone->sh->magic = NGX_HTTP_LLM_KEYS_MAGIC;
    zone->sh->version = NGX_HTTP_LLM_KEYS_VERSION;
    zone->sh->generation = 0;
    zone->sh->created = 1;
    ngx_queue_init(&zone->sh->nodes);

    len = sizeof(" in llm_keys_zone \"\"") + shm_zone->shm.name.len;

    zone->shpool->log_ctx = ngx_slab_alloc(zone->shpool, len);
    if (zone->shpool->log_ctx == NULL) {
        return NGX_ERROR;
    }

    ngx_sprintf(zone->shpool->log_ctx, " in llm_keys_zone \"%V\"%Z",
                &shm_zone->shm.name);

    zone->shpool->log_nomem = 0;

sync:

    ngx_shmtx_lock(&zone->shpool->mutex);
    rc = ngx_http_llm_keys_sync_locked(zone, shm_zone->shm.log);
    ngx_shmtx_unlock(&zone->shpool->mutex);

    return rc;
}


/*
 * In the master, for the configuration being loaded: a node for every
 * key (found or created), "disabled" cleared (a disabled key stays so
 * until reload), and the nodes of keys no longer configured freed once
 * no request uses them.
 */

/*
 * The nodes by fingerprint, for the sync: a table in the master's own
 * memory for the time of the sync, so that a reload with thousands of
 * keys does not walk the list of nodes once per key.  Open addressing;
 * the fingerprints are MD5 bits, good hash values as they are.
 */
typedef struct {
    ngx_http_llm_keys_node_t   **slot;
    ngx_uint_t                   mask;
} ngx_http_llm_keys_index_t;


static ngx_http_llm_keys_node_t **
ngx_http_llm_keys_index_slot(ngx_http_llm_keys_index_t *ix, uint64_t fp)
{
    ngx_uint_t  i;

    for (i = (ngx_uint_t) fp & ix->mask;
         ix->slot[i] && ix->slot[i]->fp != fp;
         i = (i + 1) & ix->mask)
    {
        /* void */
    }

    return &ix->slot[i];
}


static ngx_int_t
ngx_http_llm_keys_index_init(ngx_http_llm_keys_index_t *ix,
    ngx_http_llm_keys_zone_t *zone, ngx_log_t *log)
{
    ngx_uint_t                  i, n, size;
    ngx_queue_t                *q;
    ngx_http_llm_keys_node_t   *node;
    ngx_http_llm_keys_pool_t  **poolp;

    n = 0;

    for (q = ngx_queue_head(&zone->sh->nodes);
         q != ngx_queue_sentinel(&zone->sh->nodes);
         q = ngx_queue_next(q))
    {
        n++;
    }

    poolp = zone->pools.elts;

    for (i = 0; i < zone->pools.nelts; i++) {
        n += poolp[i]->keys.nelts + 1;         /* and its rotation */
    }

    /* at most half full, whatever is added during the sync */
    for (size = 16; size < 2 * n; size *= 2) { /* void */ }

    ix->slot = ngx_calloc(size * sizeof(ngx_http_llm_keys_node_t *), log);
    if (ix->slot == NULL) {
        return NGX_ERROR;
    }

    ix->mask = size - 1;

    for (q = ngx_queue_head(&zone->sh->nodes);
         q != ngx_queue_sentinel(&zone->sh->nodes);
         q = ngx_queue_next(q))
    {
        node = ngx_queue_data(q, ngx_http_llm_keys_node_t, queue);
        *ngx_http_llm_keys_index_slot(ix, node->fp) = node;
    }

    return NGX_OK;
}


static ngx_int_t
ngx_http_llm_keys_sync_locked(ngx_http_llm_keys_zone_t *zone, ngx_log_t *log)
{
    ngx_int_t                    rc;
    ngx_uint_t                   i, j, gen;
    ngx_queue_t                 *q, *next;
    ngx_http_llm_key_t          *keys, *key;
    ngx_http_llm_keys_node_t    *node, **slot;
    ngx_http_llm_keys_pool_t   **poolp;
    ngx_http_llm_keys_index_t    ix;

    gen = ++zone->sh->generation;
    zone->generation = gen;

    if (ngx_http_llm_keys_index_init(&ix, zone, log) != NGX_OK) {
        return NGX_ERROR;
    }

    rc = NGX_OK;
    poolp = zone->pools.elts;

    for (i = 0; i < zone->pools.nelts && rc == NGX_OK; i++) {
        keys = poolp[i]->keys.elts;

        /* the keys, then the node of the pool's place in its rotation */

        for (j = 0; j <= poolp[i]->keys.nelts; j++) {
            key = (j < poolp[i]->keys.nelts) ? &keys[j]
                                             : &poolp[i]->rotation;

            slot = ngx_http_llm_keys_index_slot(&ix, key->fp);
            node = *slot;

            if (node == NULL) {
                node = ngx_http_llm_keys_alloc_locked(zone, key->fp);
                *slot = node;

                if (node == NULL) {
                    ngx_log_error(NGX_LOG_EMERG, log, 0,
                                  "llm_keys_zone \"%V\" is too small for "
                                  "the keys of upstream \"%V\"",
                                  &zone->name, &poolp[i]->name);
                    rc = NGX_ERROR;
                    break;
                }
            }

            node->generation = gen;
            node->disabled = 0;
            key->node = node;
        }
    }

    ngx_free(ix.slot);

    if (rc != NGX_OK) {
        return rc;
    }

    for (q = ngx_queue_head(&zone->sh->nodes);
         q != ngx_queue_sentinel(&zone->sh->nodes);
         q = next)
    {
        next = ngx_queue_next(q);
        node = ngx_queue_data(q, ngx_http_llm_keys_node_t, queue);

        if (node->generation == gen || node->inflight) {
            continue;
        }

        ngx_queue_remove(q);
        node->magic = 0;
        node->fp = 0;
        ngx_slab_free_locked(zone->shpool, node);
    }

    return NGX_OK;
}


/*
 * In init_process: give this process a slot of its own for its in-flight
 * counts, and drop the counts of every process that is gone.
 *
 * Slots are owned by pid, not by ngx_worker.  On reload the new workers
 * are numbered 0..N-1 again while the old ones, numbered the same, may
 * still be finishing their requests (streams last minutes): a new worker
 * must not clear what an old one still has in flight.  So a slot is
 * reclaimed only when its owner no longer exists (kill(pid, 0) fails
 * with ESRCH; the master reaps a dead worker before it starts the new
 * one, so there is no zombie to fool the check), and a new worker takes
 * any free slot, preferring the one numbered ngx_worker.  A pid reused
 * by an unrelated process only delays the reclaim, it never clears the
 * counts of a live worker.  More live processes than slots (over 64
 * during a reload of a big configuration) share the overflow slot, which
 * is never reclaimed: no worse than a single counter.
 *
 * A single-process nginx (master_process off) reloads within the same
 * process: its slot is kept for the new cycle.
 */

void
ngx_http_llm_keys_claim_slot(ngx_http_llm_keys_zone_t *zone, ngx_log_t *log)
{
    uint64_t    dead;
    ngx_pid_t   pid;
    ngx_uint_t  i, slot, gone, freed;

    if (zone->sh == NULL) {
        return;
    }

    slot = NGX_HTTP_LLM_KEYS_OVERFLOW;
    dead = 0;
    gone = 0;
    freed = 0;

    ngx_shmtx_lock(&zone->shpool->mutex);

    for (i = 0; i < NGX_HTTP_LLM_KEYS_SLOTS; i++) {
        pid = zone->sh->slot_pid[i];

        if (pid == ngx_pid) {
            slot = i;
            break;
        }

        if (pid != 0) {
            if (kill(pid, 0) == 0 || ngx_errno != NGX_ESRCH) {
                continue;           /* alive, or not ours to signal */
            }

            dead |= (uint64_t) 1 << i;
            zone->sh->slot_pid[i] = 0;
            gone++;
        }

        if (slot == NGX_HTTP_LLM_KEYS_OVERFLOW
            || i == ngx_worker)
        {
            slot = i;
        }
    }

    if (dead) {
        freed = ngx_http_llm_keys_clear_slots_locked(zone, dead);
    }

    if (slot != NGX_HTTP_LLM_KEYS_OVERFLOW) {
        zone->sh->slot_pid[slot] = ngx_pid;
    }

    zone->slot = slot;

    ngx_shmtx_unlock(&zone->shpool->mutex);

    if (freed) {
        ngx_log_error(NGX_LOG_NOTICE, log, 0,
                      "llm_keys_zone \"%V\": dropped %ui in-flight "
                      "request(s) of %ui process(es) that exited",
                      &zone->name, freed, gone);
    }

    if (slot == NGX_HTTP_LLM_KEYS_OVERFLOW) {
        ngx_log_error(NGX_LOG_NOTICE, log, 0,
                      "llm_keys_zone \"%V\": more than %d processes, "
                      "in-flight counts of this one are shared",
                      &zone->name, NGX_HTTP_LLM_KEYS_SLOTS);
    }
}


/*
 * In exit_process: the slot is free again.  Whatever it still holds
 * (requests cut by worker_shutdown_timeout) is over.
 */

void
ngx_http_llm_keys_release_slot(ngx_http_llm_keys_zone_t *zone)
{
    if (zone->sh == NULL || zone->slot == NGX_HTTP_LLM_KEYS_OVERFLOW) {
        return;
    }

    ngx_shmtx_lock(&zone->shpool->mutex);

    if (zone->sh->slot_pid[zone->slot] == ngx_pid) {
        (void) ngx_http_llm_keys_clear_slots_locked(zone,
                                              (uint64_t) 1 << zone->slot);
        zone->sh->slot_pid[zone->slot] = 0;
    }

    ngx_shmtx_unlock(&zone->shpool->mutex);

    zone->slot = NGX_HTTP_LLM_KEYS_OVERFLOW;
}


/* Drop the in-flight counts of the given slots; returns how many. */

static ngx_uint_t
ngx_http_llm_keys_clear_slots_locked(ngx_http_llm_keys_zone_t *zone,
    uint64_t slots)
{
    ngx_uint_t                 i, n;
    ngx_queue_t               *q;
    ngx_http_llm_keys_node_t  *node;

    n = 0;

    for (q = ngx_queue_head(&zone->sh->nodes);
         q != ngx_queue_sentinel(&zone->sh->nodes);
         q = ngx_queue_next(q))
    {
        node = ngx_queue_data(q, ngx_http_llm_keys_node_t, queue);

        for (i = 0; i < NGX_HTTP_LLM_KEYS_SLOTS; i++) {

            if (!(slots & ((uint64_t) 1 << i))
                || node->slot_inflight[i] == 0)
            {
                continue;
            }

            n += node->slot_inflight[i];

            node->inflight = (node->inflight > node->slot_inflight[i])
                             ? node->inflight - node->slot_inflight[i] : 0;
            node->slot_inflight[i] = 0;
        }
    }

    return n;
}


static ngx_http_llm_keys_node_t *
ngx_http_llm_keys_find_locked(ngx_http_llm_keys_zone_t *zone, uint64_t fp)
{
    ngx_queue_t               *q;
    ngx_http_llm_keys_node_t  *node;

    for (q = ngx_queue_head(&zone->sh->nodes);
         q != ngx_queue_sentinel(&zone->sh->nodes);
         q = ngx_queue_next(q))
    {
        node = ngx_queue_data(q, ngx_http_llm_keys_node_t, queue);

        if (node->fp == fp) {
            return node;
        }
    }

    return NULL;
}


static ngx_http_llm_keys_node_t *
ngx_http_llm_keys_alloc_locked(ngx_http_llm_keys_zone_t *zone, uint64_t fp)
{
    ngx_http_llm_keys_node_t  *node;

    node = ngx_slab_alloc_locked(zone->shpool,
                                 sizeof(ngx_http_llm_keys_node_t));
    if (node == NULL) {
        return NULL;
    }

    ngx_memzero(node, sizeof(ngx_http_llm_keys_node_t));

    node->magic = NGX_HTTP_LLM_KEYS_NODE_MAGIC;
    node->fp = fp;
    node->generation = zone->generation;

    ngx_queue_insert_tail(&zone->sh->nodes, &node->queue);

    return node;
}


/* The key's node as this process last found it, if still the key's */

static ngx_inline ngx_http_llm_keys_node_t *
ngx_http_llm_keys_cached(ngx_http_llm_key_t *key)
{
    ngx_http_llm_keys_node_t  *node;

    node = key->node;

    if (node
        && node->magic == NGX_HTTP_LLM_KEYS_NODE_MAGIC
        && node->fp == key->fp)
    {
        return node;
    }

    return NULL;
}


static ngx_http_llm_keys_node_t *
ngx_http_llm_keys_lookup_locked(ngx_http_llm_keys_zone_t *zone,
    ngx_http_llm_key_t *key)
{
    ngx_http_llm_keys_node_t  *node;

    node = ngx_http_llm_keys_cached(key);

    if (node) {
        return node;
    }

    /* freed by a reload while this (old) worker still runs */

    node = ngx_http_llm_keys_find_locked(zone, key->fp);

    if (node == NULL) {
        node = ngx_http_llm_keys_alloc_locked(zone, key->fp);
    }

    key->node = node;

    return node;
}


/* A key a request may use now (node: its state, NULL when none) */

static ngx_inline ngx_uint_t
ngx_http_llm_keys_usable(ngx_http_llm_keys_node_t *node,
    ngx_http_llm_key_t *key, uint64_t now)
{
    return node != NULL
           && !node->disabled
           && node->cooldown_until <= now
           && (key->max_inflight == 0 || node->inflight < key->max_inflight);
}


/* The key's node counts one more request in flight on it, of this
 * process */

static ngx_inline void
ngx_http_llm_keys_take_locked(ngx_http_llm_keys_zone_t *zone,
    ngx_http_llm_keys_node_t *node, uint64_t now)
{
    node->inflight++;
    node->slot_inflight[zone->slot]++;
    node->requests++;
    node->last_used = now;
}


#define ngx_http_llm_keys_tried(tried, i)                                    \
    (tried[(i) / (8 * sizeof(uintptr_t))]                                    \
     & ((uintptr_t) 1 << (i) % (8 * sizeof(uintptr_t))))


/*
 * The key for an attempt, not one of those tried: round robin from the
 * pool's order (constant time while keys are usable), or a scan of every
 * key (least_inflight, or weights whose order would be too long).
 * *others: 0 when no other key is usable.
 */

ngx_http_llm_key_t *
ngx_http_llm_keys_pick(ngx_http_llm_keys_pool_t *pool, uintptr_t *tried,
    ngx_uint_t *others, ngx_log_t *log)
{
    uint64_t                   now;
    ngx_uint_t                 i, len, step, place, next;
    ngx_http_llm_key_t        *keys, *best;
    ngx_http_llm_keys_node_t  *node, *bnode, *rnode;
    ngx_http_llm_keys_zone_t  *zone;

    if (pool->order_len == 0) {
        return ngx_http_llm_keys_pick_scan(pool, tried, others);
    }

    now = ngx_http_llm_keys_now();
    zone = pool->zone;
    keys = pool->keys.elts;
    len = pool->order_len;

    best = NULL;
    bnode = NULL;
    next = 0;
    *others = 0;

    ngx_shmtx_lock(&zone->shpool->mutex);

    /* no node for the place (a zone out of memory): from the start */

    rnode = ngx_http_llm_keys_lookup_locked(zone, &pool->rotation);
    place = rnode ? (ngx_uint_t) rnode->current_weight % len : 0;

    /* the first usable key from the place on, then whether another is */

    for (step = 0; step < len; step++) {
        i = pool->order ? pool->order[place] : place;

        if (++place == len) {
            place = 0;
        }

        if (ngx_http_llm_keys_tried(tried, i)) {
            continue;
        }

        node = ngx_http_llm_keys_lookup_locked(zone, &keys[i]);

        if (!ngx_http_llm_keys_usable(node, &keys[i], now)) {
            continue;
        }

        if (best == NULL) {
            best = &keys[i];
            bnode = node;
            next = place;
            continue;
        }

        if (&keys[i] != best) {
            *others = 1;
            break;
        }
    }

    if (best) {
        if (rnode) {
            rnode->current_weight = (ngx_int_t) next;
        }

        ngx_http_llm_keys_take_locked(zone, bnode, now);
    }

    ngx_shmtx_unlock(&zone->shpool->mutex);

    return best;
}


/* The pick by a scan of every key: smooth weighted round robin over the
 * usable keys, or the fewest in flight per unit of weight */

static ngx_http_llm_key_t *
ngx_http_llm_keys_pick_scan(ngx_http_llm_keys_pool_t *pool,
    uintptr_t *tried, ngx_uint_t *others)
{
    uint64_t                   now;
    ngx_int_t                  total;
    ngx_uint_t                 i, usable;
    ngx_http_llm_key_t        *keys, *best;
    ngx_http_llm_keys_node_t  *node, *bnode;
    ngx_http_llm_keys_zone_t  *zone;

    now = ngx_http_llm_keys_now();
    zone = pool->zone;
    keys = pool->keys.elts;

    best = NULL;
    bnode = NULL;
    total = 0;
    usable = 0;

    ngx_shmtx_lock(&zone->shpool->mutex);

    for (i = 0; i < pool->keys.nelts; i++) {

        if (ngx_http_llm_keys_tried(tried, i)) {
            continue;
        }

        node = ngx_http_llm_keys_lookup_locked(zone, &keys[i]);

        if (!ngx_http_llm_keys_usable(node, &keys[i], now)) {
            continue;
        }

        usable++;

        node->current_weight += keys[i].weight;
        total += keys[i].weight;

        if (best == NULL) {
            best = &keys[i];
            bnode = node;
            continue;
        }

        if (pool->strategy == NGX_HTTP_LLM_KEYS_LEAST_INFLIGHT) {

            /* fewest in-flight requests per unit of weight */

            if (node->inflight * best->weight
                < bnode->inflight * keys[i].weight)
            {
                best = &keys[i];
                bnode = node;
                continue;
            }

            if (node->inflight * best->weight
                > bnode->inflight * keys[i].weight)
            {
                continue;
            }
        }

        if (node->current_weight > bnode->current_weight) {
            best = &keys[i];
            bnode = node;
        }
    }

    if (best) {
        bnode->current_weight -= total;
        ngx_http_llm_keys_take_locked(zone, bnode, now);
    }

    ngx_shmtx_unlock(&zone->shpool->mutex);

    *others = usable ? usable - 1 : 0;

    return best;
}


/*
 * One request of this process less in flight on the key.  Only what this
 * process's slot holds is taken back: the slot of a live process is
 * never cleared, so it cannot be short, and the total stays the sum of
 * the slots.
 */

static void
ngx_http_llm_keys_dec_locked(ngx_http_llm_keys_zone_t *zone,
    ngx_http_llm_keys_node_t *node)
{
    if (node->slot_inflight[zone->slot] == 0) {
        return;
    }

    node->slot_inflight[zone->slot]--;

    if (node->inflight) {
        node->inflight--;
    }
}


void
ngx_http_llm_keys_unpick(ngx_http_llm_keys_pool_t *pool,
    ngx_http_llm_key_t *key)
{
    ngx_http_llm_keys_node_t  *node;

    ngx_shmtx_lock(&pool->zone->shpool->mutex);

    node = ngx_http_llm_keys_lookup_locked(pool->zone, key);

    if (node) {
        ngx_http_llm_keys_dec_locked(pool->zone, node);

        if (node->requests) {
            node->requests--;
        }
    }

    ngx_shmtx_unlock(&pool->zone->shpool->mutex);
}


void
ngx_http_llm_keys_release(ngx_http_llm_keys_pool_t *pool,
    ngx_http_llm_key_t *key, ngx_uint_t outcome, ngx_uint_t status,
    ngx_msec_t hint, ngx_log_t *log)
{
    uint64_t                   now, until;
    ngx_msec_t                 cd;
    ngx_uint_t                 shift, disabled;
    ngx_http_llm_keys_node_t  *node;

    now = ngx_http_llm_keys_now();
    cd = 0;
    until = 0;
    disabled = 0;

    ngx_shmtx_lock(&pool->zone->shpool->mutex);

    node = ngx_http_llm_keys_lookup_locked(pool->zone, key);

    if (node == NULL) {
        ngx_shmtx_unlock(&pool->zone->shpool->mutex);
        return;
    }

    ngx_http_llm_keys_dec_locked(pool->zone, node);

    if (status) {
        node->last_status = status;
    }

    switch (outcome) {

    case NGX_HTTP_LLM_KEY_OK:
        node->successes++;
        node->fails = 0;
        node->throttles = 0;
        break;

    case NGX_HTTP_LLM_KEY_RATE_LIMITED:
        node->rate_limited++;
        node->fails++;
        node->throttles++;

        if (hint) {
            cd = hint;

        } else {
            /* no hint: the default, doubled for every 429 in a row */

            cd = pool->cooldown;

            for (shift = 1;
                 shift < node->throttles && cd < pool->max_cooldown;
                 shift++)
            {
                cd *= 2;
            }
        }

        if (cd > pool->max_cooldown) {
            cd = pool->max_cooldown;
        }

        if (now + cd > node->cooldown_until) {
            node->cooldown_until = now + cd;
        }

        until = node->cooldown_until;
        break;

    case NGX_HTTP_LLM_KEY_AUTH:
        node->auth_failures++;
        node->fails++;

        if (pool->auth_cooldown == NGX_HTTP_LLM_KEYS_AUTH_DISABLE) {
            node->disabled = 1;
            disabled = 1;

        } else if (pool->auth_cooldown != NGX_HTTP_LLM_KEYS_AUTH_OFF) {
            cd = pool->auth_cooldown;

            if (now + cd > node->cooldown_until) {
                node->cooldown_until = now + cd;
            }

            until = node->cooldown_until;
        }

        break;

    case NGX_HTTP_LLM_KEY_HOST_ERROR:
        node->errors++;
        break;

    default: /* NGX_HTTP_LLM_KEY_NEUTRAL */
        break;
    }

    ngx_shmtx_unlock(&pool->zone->shpool->mutex);

    if (disabled) {
        ngx_log_error(NGX_LOG_WARN, log, 0,
                      "llm: key \"%V\" (%V) of upstream \"%V\" disabled "
                      "until reload after status %ui",
                      &key->id, &key->masked, &pool->name, status);

    } else if (until) {
        ngx_log_error(NGX_LOG_NOTICE, log, 0,
                      "llm: key \"%V\" of upstream \"%V\" got status %ui, "
                      "cooling down for %M ms (hint %M ms)",
                      &key->id, &pool->name, status,
                      (ngx_msec_t) (until - now), hint);
    }
}


void
ngx_http_llm_keys_availability(ngx_http_llm_keys_pool_t *pool,
    ngx_http_llm_keys_avail_t *av)
{
    uint64_t                   now, earliest;
    ngx_uint_t                 i, k, n, start, cooling, busy;
    ngx_http_llm_key_t        *keys;
    ngx_http_llm_keys_node_t  *node;

    now = ngx_http_llm_keys_now();
    keys = pool->keys.elts;
    n = pool->keys.nelts;

    earliest = 0;
    cooling = 0;
    busy = 0;
    start = 0;

    av->ready = 0;

    /*
     * Most requests: the key the next pick tries first is usable, seen
     * without the mutex.  A view that races with another worker's pick
     * is harmless: the pick decides, under the mutex.  (Nodes stay
     * mapped when freed; a node freed or given to another key fails the
     * magic and fingerprint test of the cached pointer.)
     */

    if (pool->order_len) {
        node = ngx_http_llm_keys_cached(&pool->rotation);

        if (node) {
            k = (ngx_uint_t) node->current_weight % pool->order_len;
            i = pool->order ? pool->order[k] : k;
            start = i;
            node = ngx_http_llm_keys_cached(&keys[i]);

            if (ngx_http_llm_keys_usable(node, &keys[i], now)) {
                av->ready = 1;
                av->state = NGX_HTTP_LLM_KEY_STATE_READY;
                av->retry_after = 0;
                return;
            }
        }
    }

    ngx_shmtx_lock(&pool->zone->shpool->mutex);

    /* from that key on (any order gives the same answer) */

    for (k = 0; k < n; k++) {
        i = (start + k < n) ? start + k : start + k - n;

        node = ngx_http_llm_keys_lookup_locked(pool->zone, &keys[i]);

        if (node == NULL || node->disabled) {
            continue;
        }

        if (node->cooldown_until > now) {
            if (cooling++ == 0 || node->cooldown_until < earliest) {
                earliest = node->cooldown_until;
            }

            continue;
        }

        if (keys[i].max_inflight && node->inflight >= keys[i].max_inflight) {
            busy++;
            continue;
        }

        /* one is enough: the balancer picks which (a pool of 5000
         * keys is not scanned twice per request) */
        av->ready = 1;
        break;
    }

    ngx_shmtx_unlock(&pool->zone->shpool->mutex);

    if (av->ready) {
        av->state = NGX_HTTP_LLM_KEY_STATE_READY;
        av->retry_after = 0;

    } else if (busy) {
        av->state = NGX_HTTP_LLM_KEY_STATE_BUSY;
        av->retry_after = 1;

    } else if (cooling) {
        av->state = NGX_HTTP_LLM_KEY_STATE_COOLING;
        av->retry_after = (time_t) ((earliest - now + 999) / 1000);

    } else {
        av->state = NGX_HTTP_LLM_KEY_STATE_DISABLED;
        av->retry_after = (time_t) ((pool->cooldown + 999) / 1000);
    }

    if (av->state != NGX_HTTP_LLM_KEY_STATE_READY && av->retry_after < 1) {
        av->retry_after = 1;
    }
}


void
ngx_http_llm_keys_add_tokens(ngx_http_llm_keys_pool_t *pool,
    ngx_http_llm_key_t *key, int64_t input, int64_t output)
{
    ngx_http_llm_keys_node_t  *node;

    ngx_shmtx_lock(&pool->zone->shpool->mutex);

    node = ngx_http_llm_keys_lookup_locked(pool->zone, key);

    if (node) {
        if (input > 0) {
            node->tokens_in += (uint64_t) input;
        }

        if (output > 0) {
            node->tokens_out += (uint64_t) output;
        }
    }

    ngx_shmtx_unlock(&pool->zone->shpool->mutex);
}


/* A copy of the nodes of a pool's keys, in key order, for the status. */

void
ngx_http_llm_keys_snapshot(ngx_http_llm_keys_pool_t *pool,
    ngx_http_llm_keys_node_t *out)
{
    ngx_uint_t                 i;
    ngx_http_llm_key_t        *keys;
    ngx_http_llm_keys_node_t  *node;

    keys = pool->keys.elts;

    ngx_shmtx_lock(&pool->zone->shpool->mutex);

    for (i = 0; i < pool->keys.nelts; i++) {
        node = ngx_http_llm_keys_lookup_locked(pool->zone, &keys[i]);

        if (node) {
            out[i] = *node;

        } else {
            ngx_memzero(&out[i], sizeof(ngx_http_llm_keys_node_t));
        }
    }

    ngx_shmtx_unlock(&pool->zone->shpool->mutex);
}


/*
 * A cooldown hint found after the attempt was accounted for: Gemini
 * carries its retry delay in the 429's body (RetryInfo), which only the
 * response filter reads.  Only ever lengthens the cooldown.
 */
void
ngx_http_llm_keys_extend_cooldown(ngx_http_llm_keys_pool_t *pool,
    ngx_http_llm_key_t *key, ngx_msec_t cd)
{
    uint64_t                   now;
    ngx_http_llm_keys_node_t  *node;

    if (cd > pool->max_cooldown) {
        cd = pool->max_cooldown;
    }

    now = ngx_http_llm_keys_now();

    ngx_shmtx_lock(&pool->zone->shpool->mutex);

    node = ngx_http_llm_keys_lookup_locked(pool->zone, key);

    if (node && now + cd > node->cooldown_until) {
        node->cooldown_until = now + cd;
    }

    ngx_shmtx_unlock(&pool->zone->shpool->mutex);
}
