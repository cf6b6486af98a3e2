/* lm.c - sphinxbase n-gram scoring for the unspin filter (see lm.h). */
#include "lm.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sphinxbase/err.h>
#include <sphinxbase/logmath.h>
#include <sphinxbase/ngram_model.h>
#include <unspin/filter.h>

/* Deciding a cluster of spun forms scores the same few trigrams over and
 * over (every combination of candidates, then again with the neighbours
 * decided), and sphinxbase's trie lookup is slow: each thread keeps the
 * log10 probabilities it has looked up in a table of its own (no lock), one
 * trigram per slot, the newest kept. */
#define MEMO_BITS 16
#define MEMO_SLOTS (1u << MEMO_BITS)
#define MEMO_WID_BITS 21          /* larger ids are not memoised */

typedef struct memo_slot {
    uint64_t key;             /* 0: empty */
    double logp;
} memo_slot;

/* Every word of a spun article is looked up in the model's vocabulary, the
 * same common words again and again: the thread keeps their ids too. */
#define WORD_BITS 13
#define WORD_TEXT 20              /* longer words are not memoised */

typedef struct word_slot {
    uint64_t hash;
    int32_t wid;
    uint32_t len;             /* 0: empty */
    char text[WORD_TEXT];
} word_slot;

typedef struct thread_memo {
    memo_slot scores[MEMO_SLOTS];
    word_slot words[1u << WORD_BITS];
} thread_memo;

struct unspinf_lm {
    char *path;
    logmath_t *lmath;
    ngram_model_t *model;
    pthread_mutex_t lock;     /* the trie scorer caches its last history */
    pthread_mutex_t load_lock;
    int state;                /* 0 not read yet, 1 read, -1 unreadable (atomic) */
    int bos, eos;
    pthread_key_t memo;       /* this thread's thread_memo */
};

unspinf_lm *unspinf_lm_open(const char *path, char **err)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        unspin_error(err, "language model \"%s\" not found (set the option \"model\" to an n-gram file, "
                          "e.g. from the Debian package pocketsphinx-en-us)", path);
        return NULL;
    }
    unspinf_lm *lm = calloc(1, sizeof *lm);
    if (!lm || !(lm->path = strdup(path))) {
        free(lm);
        unspin_error(err, "out of memory");
        return NULL;
    }
    if (pthread_key_create(&lm->memo, free)) {
        free(lm->path);
        free(lm);
        unspin_error(err, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&lm->lock, NULL);
    pthread_mutex_init(&lm->load_lock, NULL);
    return lm;
}

static void load(unspinf_lm *lm)
{
    err_set_logfp(NULL);      /* sphinxbase logs every load step to stderr otherwise */
    lm->lmath = logmath_init(1.0001, 0, 0);
    lm->model = lm->lmath ? ngram_model_read(NULL, lm->path, NGRAM_AUTO, lm->lmath) : NULL;
    if (lm->model) {
        lm->bos = ngram_wid(lm->model, "<s>");
        lm->eos = ngram_wid(lm->model, "</s>");
    }
    __atomic_store_n(&lm->state, lm->model ? 1 : -1, __ATOMIC_RELEASE);
}

/* 1 when the model is read (reading it now if need be), -1 when it cannot be. */
static int ensure(unspinf_lm *lm)
{
    int state = __atomic_load_n(&lm->state, __ATOMIC_ACQUIRE);
    if (state)
        return state;
    pthread_mutex_lock(&lm->load_lock);
    if (!__atomic_load_n(&lm->state, __ATOMIC_ACQUIRE))
        load(lm);
    pthread_mutex_unlock(&lm->load_lock);
    return lm->state;
}

int unspinf_lm_ready(unspinf_lm *lm, char **err)
{
    if (ensure(lm) > 0)
        return 0;
    return unspin_error(err, "cannot read language model \"%s\" (not an ARPA, DMP or binary n-gram file?)",
                        lm->path);
}

void unspinf_lm_close(unspinf_lm *lm)
{
    if (!lm)
        return;
    if (lm->model)
        ngram_model_free(lm->model);
    if (lm->lmath)
        logmath_free(lm->lmath);
    pthread_mutex_destroy(&lm->lock);
    pthread_mutex_destroy(&lm->load_lock);
    free(pthread_getspecific(lm->memo));   /* other threads' went with them */
    pthread_key_delete(lm->memo);
    free(lm->path);
    free(lm);
}

static thread_memo *get_memo(unspinf_lm *lm)
{
    thread_memo *memo = pthread_getspecific(lm->memo);
    if (!memo && (memo = calloc(1, sizeof *memo)) && pthread_setspecific(lm->memo, memo)) {
        free(memo);
        memo = NULL;
    }
    return memo;
}

int unspinf_lm_wid(unspinf_lm *lm, const char *word)
{
    if (ensure(lm) < 0)
        return UNSPINF_LM_UNKNOWN;
    size_t len = strlen(word);
    thread_memo *memo = len && len < WORD_TEXT ? get_memo(lm) : NULL;
    word_slot *slot = NULL;
    uint64_t h = 1469598103934665603ull;
    if (memo) {
        for (size_t i = 0; i < len; i++)
            h = (h ^ (unsigned char)word[i]) * 1099511628211ull;
        slot = &memo->words[(h * 0x9E3779B97F4A7C15ull) >> (64 - WORD_BITS)];
        if (slot->hash == h && slot->len == len && !memcmp(slot->text, word, len))
            return slot->wid;
    }
    int32 wid = ngram_wid(lm->model, word);
    /* the model has no unknown word of its own: ngram_wid gives -1 for it */
    wid = wid < 0 || wid == ngram_unknown_wid(lm->model) ? UNSPINF_LM_UNKNOWN : wid;
    if (slot) {
        slot->hash = h;
        slot->wid = wid;
        slot->len = (uint32_t)len;
        memcpy(slot->text, word, len);
    }
    return wid;
}

int unspinf_lm_bos(unspinf_lm *lm) { return ensure(lm) > 0 ? lm->bos : UNSPINF_LM_UNKNOWN; }
int unspinf_lm_eos(unspinf_lm *lm) { return ensure(lm) > 0 ? lm->eos : UNSPINF_LM_UNKNOWN; }

double unspinf_lm_score(unspinf_lm *lm, const int *wids, size_t from, size_t to)
{
    double total = 0;
    if (ensure(lm) < 0)
        return total;
    thread_memo *tm = get_memo(lm);
    memo_slot *memo = tm ? tm->scores : NULL;   /* NULL when out of memory: no memo */
    for (size_t i = from; i < to; i++) {
        int32 w = wids[i];
        if (w == UNSPINF_LM_UNKNOWN) {
            total += UNSPINF_LM_UNKNOWN_LOGP;
            continue;
        }
        /* history: up to two known words right before i (sphinxbase wants the
         * nearest first); an unknown word ends it, as a backoff would */
        int32 h1 = i > 0 ? wids[i - 1] : UNSPINF_LM_UNKNOWN;
        int32 h2 = h1 != UNSPINF_LM_UNKNOWN && i > 1 ? wids[i - 2] : UNSPINF_LM_UNKNOWN;
        int32 hist[2] = { h1, h2 }, n_hist = h1 == UNSPINF_LM_UNKNOWN ? 0 : h2 == UNSPINF_LM_UNKNOWN ? 1 : 2, n_used;
        /* the key: each id + 1 (0 for none) in MEMO_WID_BITS */
        uint64_t x = (uint32_t)w + 1u, y = (uint32_t)h1 + 1u, z = (uint32_t)h2 + 1u;
        memo_slot *slot = NULL;
        uint64_t key = 1ull << 63 | x << (2 * MEMO_WID_BITS) | y << MEMO_WID_BITS | z;
        if (memo && (x | y | z) < (1u << MEMO_WID_BITS)) {
            slot = &memo[(key * 0x9E3779B97F4A7C15ull) >> (64 - MEMO_BITS)];
            if (slot->key == key) {
                total += slot->logp;
                continue;
            }
        }
        /* only the lookup is locked, so that other threads' hits go on */
        pthread_mutex_lock(&lm->lock);
        int32 score = ngram_ng_score(lm->model, w, hist, n_hist, &n_used);
        pthread_mutex_unlock(&lm->lock);
        double logp = logmath_log_to_log10(lm->lmath, score);
        if (slot) {
            slot->key = key;
            slot->logp = logp;
        }
        total += logp;
    }
    return total;
}
