/* pool.h - worker threads that run one function over a batch of items;
 * the calling thread works too, and the call returns when all are done. */
#ifndef UNSPIN_POOL_H
#define UNSPIN_POOL_H
#include <stddef.h>

typedef struct pool pool;
typedef void (*pool_fn)(void *ctx, void *item);

/* threads: the total number working, the caller included (1: no threads). */
pool *pool_new(int threads, pool_fn fn);
/* Calls fn(ctx, item) for each of the n items. */
void pool_run(pool *p, void *ctx, void *items, size_t item_size, size_t n);
void pool_free(pool *p);
#endif
