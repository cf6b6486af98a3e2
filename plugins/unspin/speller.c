/* speller.c - a thread-safe wrapper around Hunspell's C API, loaded on first use. */
#include "speller.h"

#include <hunspell.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unspin/filter.h>

struct unspinf_speller {
    char *aff, *dic;
    Hunhandle *h;             /* NULL until the first question */
    pthread_mutex_t lock;
};

unspinf_speller *unspinf_speller_open(const char *prefix, char **err)
{
    char aff[4096], dic[4096];
    snprintf(aff, sizeof aff, "%s.aff", prefix);
    snprintf(dic, sizeof dic, "%s.dic", prefix);
    /* Hunspell_create "succeeds" with missing files and then rejects every word */
    const char *missing = access(aff, R_OK) ? aff : access(dic, R_OK) ? dic : NULL;
    if (missing) {
        unspin_error(err, "Hunspell dictionary \"%s\" not found (set the option \"hunspell\" to a "
                          "dictionary prefix, e.g. from the Debian package hunspell-en-us)", missing);
        return NULL;
    }
    unspinf_speller *sp = calloc(1, sizeof *sp);
    if (!sp || !(sp->aff = strdup(aff)) || !(sp->dic = strdup(dic))) {
        if (sp)
            free(sp->aff);
        free(sp);
        unspin_error(err, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&sp->lock, NULL);
    return sp;
}

void unspinf_speller_close(unspinf_speller *sp)
{
    if (!sp)
        return;
    if (sp->h)
        Hunspell_destroy(sp->h);
    pthread_mutex_destroy(&sp->lock);
    free(sp->aff);
    free(sp->dic);
    free(sp);
}

/* The dictionary, loaded on first use; the caller holds the lock. */
static Hunhandle *handle(unspinf_speller *sp)
{
    if (!sp->h)
        sp->h = Hunspell_create(sp->aff, sp->dic);
    return sp->h;
}

int unspinf_speller_knows(unspinf_speller *sp, const char *word)
{
    pthread_mutex_lock(&sp->lock);
    int ok = handle(sp) ? Hunspell_spell(sp->h, word) != 0 : -1;
    pthread_mutex_unlock(&sp->lock);
    return ok;
}

int unspinf_speller_suggest(unspinf_speller *sp, const char *word, char *out, int max, size_t cap)
{
    pthread_mutex_lock(&sp->lock);
    int kept = -1;
    if (handle(sp)) {
        char **list = NULL;
        int n = Hunspell_suggest(sp->h, &list, word);
        kept = 0;
        for (int i = 0; i < n && kept < max; i++) {
            size_t l = strlen(list[i]);
            if (l < cap)
                memcpy(out + (size_t)kept++ * cap, list[i], l + 1);
        }
        if (list)
            Hunspell_free_list(sp->h, &list, n);
    }
    pthread_mutex_unlock(&sp->lock);
    return kept;
}
