/* lm.c - sphinxbase n-gram scoring for the unspin filter (see lm.h). */
#include "lm.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sphinxbase/err.h>
#include <sphinxbase/logmath.h>
#include <sphinxbase/ngram_model.h>
#include <unspin/filter.h>

struct unspinf_lm {
    logmath_t *lmath;
    ngram_model_t *model;
    pthread_mutex_t lock;     /* the trie scorer caches its last history */
    int bos, eos;
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
    if (!lm) {
        unspin_error(err, "out of memory");
        return NULL;
    }
    err_set_logfp(NULL);      /* sphinxbase logs every load step to stderr otherwise */
    lm->lmath = logmath_init(1.0001, 0, 0);
    lm->model = lm->lmath ? ngram_model_read(NULL, path, NGRAM_AUTO, lm->lmath) : NULL;
    if (!lm->model) {
        unspin_error(err, "cannot read language model \"%s\" (not an ARPA, DMP or binary n-gram file?)", path);
        unspinf_lm_close(lm);
        return NULL;
    }
    pthread_mutex_init(&lm->lock, NULL);
    lm->bos = ngram_wid(lm->model, "<s>");
    lm->eos = ngram_wid(lm->model, "</s>");
    return lm;
}

void unspinf_lm_close(unspinf_lm *lm)
{
    if (!lm)
        return;
    if (lm->model) {
        ngram_model_free(lm->model);
        pthread_mutex_destroy(&lm->lock);
    }
    if (lm->lmath)
        logmath_free(lm->lmath);
    free(lm);
}

int unspinf_lm_wid(const unspinf_lm *lm, const char *word)
{
    int32 wid = ngram_wid(lm->model, word);
    /* the model has no unknown word of its own: ngram_wid gives -1 for it */
    return wid < 0 || wid == ngram_unknown_wid(lm->model) ? UNSPINF_LM_UNKNOWN : wid;
}

int unspinf_lm_bos(const unspinf_lm *lm) { return lm->bos; }
int unspinf_lm_eos(const unspinf_lm *lm) { return lm->eos; }

double unspinf_lm_score(unspinf_lm *lm, const int *wids, size_t from, size_t to)
{
    double total = 0;
    pthread_mutex_lock(&lm->lock);
    for (size_t i = from; i < to; i++) {
        if (wids[i] == UNSPINF_LM_UNKNOWN) {
            total += UNSPINF_LM_UNKNOWN_LOGP;
            continue;
        }
        int32 hist[2], n_hist = 0, n_used;
        /* history: up to two known words right before i (sphinxbase wants the
         * nearest first); an unknown word ends it, as a backoff would */
        for (size_t k = i; k > 0 && n_hist < 2 && wids[k - 1] != UNSPINF_LM_UNKNOWN; k--)
            hist[n_hist++] = wids[k - 1];
        int32 s = ngram_ng_score(lm->model, wids[i], hist, n_hist, &n_used);
        total += logmath_log_to_log10(lm->lmath, s);
    }
    pthread_mutex_unlock(&lm->lock);
    return total;
}
