/* pool.h - worker threads that run one function over a batch of items;
 * the calling thread works too, and the call returns when all are done. */
#ifndef UNSPIN_POOL_H
#define UNSPIN_POOL_H
#include <stddef.h>

typedef struct pool pool;
typedef void (*pool_fn)(void *ctx, void *item);

/* threads: how many worker threads to start; the caller also works in
 * pool_wait and pool_run. */
pool *pool_new(int threads, pool_fn fn);
/* Calls fn(ctx, item) for each of the n items and returns when all are done. */
void pool_run(pool *p, void *ctx, void *items, size_t item_size, size_t n);
/* The same in two halves: pool_start hands the batch to the worker threads
 * and returns at once, so the caller can read and write meanwhile;
 * pool_wait helps with what is left and returns when the batch is done. */
void pool_start(pool *p, void *ctx, void *items, size_t item_size, size_t n);
void pool_wait(pool *p);
void pool_free(pool *p);
#endif
