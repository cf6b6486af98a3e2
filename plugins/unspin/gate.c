/* gate.c - fingerprint weights of map entries (see gate.h). */
#include "gate.h"

#include <stdio.h>
#include <string.h>

#include <unspin/filter.h>

#define GENERATED_FP_FROM 1.0   /* log10 rarity of a generated form that starts to count */
#define GENERATED_FP_MAX 2.0    /* the most one generated form counts */

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
        int k = 0, unknown_form = 0;
        for (char *save, *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save), k++) {
            size_t l = strlen(w);
            if (l > 1 && w[l - 1] == '.') {   /* an abbreviation: a fingerprint by itself */
                e->nonword = 1;
                w[l - 1] = 0;
            }
            e->wids[k] = unspinf_lm_wid(u->lm, w);
            /* a non-word: neither the model nor Hunspell (as is or capitalised:
             * "japanese" is fine) knows it; British spellings the model knows */
            if (e->wids[k] == UNSPINF_LM_UNKNOWN && e->needs_calibration)
                unknown_form = 1;
            else if (e->wids[k] == UNSPINF_LM_UNKNOWN && !unspinf_speller_knows(u->speller, w)) {
                char cap[64];
                snprintf(cap, sizeof cap, "%s", w);
                if (cap[0] >= 'a' && cap[0] <= 'z')
                    cap[0] = (char)(cap[0] - 32);
                if (!unspinf_speller_knows(u->speller, cap))
                    e->nonword = 1;
            }
        }
        /* a generated form the model does not know: its verdict would be blind */
        while (unknown_form && e->n_cands)
            unspinf_maps_drop_cand(e, e->n_cands - 1);
        double best = -1e9;
        for (int j = 0; j < e->n_cands; j++) {
            unspinf_cand *c = &e->cands[j];
            const char *unknown = NULL;
            for (int m = 0; m < c->n_words; m++) {
                c->wids[m] = unspinf_lm_wid(u->lm, c->words[m]);
                if (!unknown && (e->needs_calibration ? c->wids[m] == UNSPINF_LM_UNKNOWN
                                                      : !known_word(u, c->words[m], c->wids[m])))
                    unknown = c->words[m];
            }
            /* a generated candidate the model cannot judge is not worth refusing the map for */
            if (unknown && e->needs_calibration) {
                unspinf_maps_drop_cand(e, j--);
                continue;
            }
            if (unknown)
                return unspin_error(err, "map entry \"%s\": the original \"%s\" holds \"%s\", which neither "
                                    "Hunspell nor the language model knows", e->spun, c->text, unknown);
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
        /* a generated form says "spun" only when news (the calibration's
         * counts) and the model's general text both write it far less often
         * than its original: "physician" for "doctor", not "region" for "area" */
        if (e->needs_calibration) {
            double ratio = -1e9;
            for (int j = 0; j < e->n_cands; j++)
                if (e->cands[j].log_ratio > ratio)
                    ratio = e->cands[j].log_ratio;
            double rare = (ratio < gain ? ratio : gain) - GENERATED_FP_FROM;
            e->fingerprint = rare < 0 ? 0 : rare > GENERATED_FP_MAX ? GENERATED_FP_MAX : rare;
        }
    }
    return 0;
}
