/* pool.c - a fixed set of worker threads for batches of records. */
#include "pool.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct pool {
    pool_fn fn;
    void *ctx;
    int n_threads;              /* worker threads; callers help in pool_wait */
    pthread_t *threads;
    pthread_mutex_t lock;
    pthread_cond_t work, done;
    unsigned long generation;   /* bumped for every batch */
    int quit;
    char *items;
    size_t item_size, n;
    atomic_size_t next;
    int busy;                   /* threads still on the current batch */
};

static void drain(pool *p)
{
    for (;;) {
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->n)
            return;
        p->fn(p->ctx, p->items + i * p->item_size);
    }
}

static void *worker(void *arg)
{
    pool *p = arg;
    unsigned long seen = 0;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->quit && p->generation == seen)
            pthread_cond_wait(&p->work, &p->lock);
        if (p->quit)
            break;
        seen = p->generation;
        pthread_mutex_unlock(&p->lock);
        drain(p);
        pthread_mutex_lock(&p->lock);
        if (--p->busy == 0)
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

pool *pool_new(int threads, pool_fn fn)
{
    pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->fn = fn;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    if (threads > 0) {
        p->threads = calloc((size_t)threads, sizeof *p->threads);
        if (!p->threads) {
            pool_free(p);
            return NULL;
        }
        for (int i = 0; i < threads; i++) {
            if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
                break;
            p->n_threads++;
        }
    }
    return p;
}

void pool_start(pool *p, void *ctx, void *items, size_t item_size, size_t n)
{
    pthread_mutex_lock(&p->lock);
    p->ctx = ctx;
    p->items = items;
    p->item_size = item_size;
    p->n = n;
    atomic_store(&p->next, 0);
    p->busy = p->n_threads;
    p->generation++;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
}

void pool_wait(pool *p)
{
    drain(p);
    pthread_mutex_lock(&p->lock);
    while (p->busy > 0)
        pthread_cond_wait(&p->done, &p->lock);
    pthread_mutex_unlock(&p->lock);
}

void pool_run(pool *p, void *ctx, void *items, size_t item_size, size_t n)
{
    pool_start(p, ctx, items, item_size, n);
    pool_wait(p);
}

void pool_free(pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->quit = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->n_threads; i++)
        pthread_join(p->threads[i], NULL);
    free(p->threads);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    free(p);
}
