/* gate.c - fingerprint weights of map entries (see gate.h). */
#include "gate.h"

#include <stdio.h>
#include <string.h>

#include <unspin/filter.h>

/* log10 probability of a phrase on its own (first word as a unigram). */
static double phrase_logp(unspinf *u, const int *wids, int n)
{
    return unspinf_lm_score(u->lm, wids, 0, (size_t)n);
}

static int known_word(unspinf *u, const char *w, int wid)
{
    return wid != UNSPINF_LM_UNKNOWN || unspinf_speller_knows(u->speller, w);
}

int unspinf_gate_prepare(unspinf *u, char **err)
{
    for (size_t i = 0; i < u->maps.n; i++) {
        unspinf_entry *e = &u->maps.entries[i];
        char copy[256];
        snprintf(copy, sizeof copy, "%s", e->spun);
        e->nonword = 0;
        int k = 0;
        for (char *save, *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save), k++) {
            size_t l = strlen(w);
            if (l > 1 && w[l - 1] == '.') {   /* an abbreviation: a fingerprint by itself */
                e->nonword = 1;
                w[l - 1] = 0;
            }
            e->wids[k] = unspinf_lm_wid(u->lm, w);
            /* a non-word: neither the model nor Hunspell (as is or capitalised:
             * "japanese" is fine) knows it; British spellings the model knows */
            if (e->wids[k] == UNSPINF_LM_UNKNOWN && !unspinf_speller_knows(u->speller, w)) {
                char cap[64];
                snprintf(cap, sizeof cap, "%s", w);
                if (cap[0] >= 'a' && cap[0] <= 'z')
                    cap[0] = (char)(cap[0] - 32);
                if (!unspinf_speller_knows(u->speller, cap))
                    e->nonword = 1;
            }
        }
        double best = -1e9;
        for (int j = 0; j < e->n_cands; j++) {
            unspinf_cand *c = &e->cands[j];
            for (int m = 0; m < c->n_words; m++) {
                c->wids[m] = unspinf_lm_wid(u->lm, c->words[m]);
                if (!known_word(u, c->words[m], c->wids[m]))
                    return unspin_error(err, "map entry \"%s\": the original \"%s\" holds \"%s\", which neither "
                                        "Hunspell nor the language model knows", e->spun, c->text, c->words[m]);
            }
            if (strcmp(c->text, e->spun)) {
                /* a rare substitution says less */
                double s = phrase_logp(u, c->wids, c->n_words) + c->log_weight;
                if (s > best)
                    best = s;
            }
        }
        double gain = best - phrase_logp(u, e->wids, e->n_words);
        double fp = gain - 1.0;
        e->fingerprint = e->nonword ? 3.0 : fp < 0 ? 0 : fp > 2 ? 2 : fp;
    }
    return 0;
}
