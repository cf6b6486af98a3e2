/* speller.c - a thread-safe wrapper around Hunspell's C API. */
#include "speller.h"

#include <hunspell.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <unspin/filter.h>

struct unspinf_speller {
    Hunhandle *h;
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
    if (!sp || !(sp->h = Hunspell_create(aff, dic))) {
        free(sp);
        unspin_error(err, "cannot load Hunspell dictionary \"%s\"", prefix);
        return NULL;
    }
    pthread_mutex_init(&sp->lock, NULL);
    return sp;
}

void unspinf_speller_close(unspinf_speller *sp)
{
    if (!sp)
        return;
    Hunspell_destroy(sp->h);
    pthread_mutex_destroy(&sp->lock);
    free(sp);
}

int unspinf_speller_knows(unspinf_speller *sp, const char *word)
{
    pthread_mutex_lock(&sp->lock);
    int ok = Hunspell_spell(sp->h, word) != 0;
    pthread_mutex_unlock(&sp->lock);
    return ok;
}
