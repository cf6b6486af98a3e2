/* maps.h - reverse synonym maps: spun word or phrase -> candidate originals.
 *
 * File format (dicts/unspin/NAME.map), one entry a line:
 *
 *     # comment
 *     spun form = original | original (0.3) | ...
 *
 * Forms are words separated by single spaces, matched without case (curly
 * apostrophes count as straight ones).  The number in parentheses is the
 * channel weight: how likely the spinner is to have made this substitution
 * from that original, relative to 1 (the default).  The spun form itself is
 * always a candidate (the text may be right as it stands).  A form may end in
 * "." ("sq.") to match a word followed by a full stop.  An entry given twice
 * (in one file or several) gets the candidates of both.
 *
 * A line may end in a condition on the context:
 *     had been = were  @before-participle
 * matches only before a participle ("had been transported", not "had been
 * static"), after at most one -ly adverb.  With
 *     region = area (0.4)  @calibrated
 * a candidate counts only where the calibration (calibration.h) measured it
 * on clean news, and one the model does not know is dropped instead of
 * refused: generated maps (make-thesaurus-map) list many candidates and let
 * the calibration choose.  Conditions may be combined. */
#ifndef UNSPINF_MAPS_H
#define UNSPINF_MAPS_H

#include <stddef.h>

#define UNSPINF_MAX_PHRASE 6          /* words in a spun form or an original */
#define UNSPINF_MAX_CANDS 8           /* originals of one spun form */

typedef struct unspinf_cand {
    char *text;                       /* lowercase, words separated by one space */
    char *words[UNSPINF_MAX_PHRASE];  /* pointers into a copy of text */
    int n_words;
    double log_weight;                /* log10 channel weight */
    int wids[UNSPINF_MAX_PHRASE];     /* language model ids, filled in by the filter */
    /* calibration on clean news (calibration.h); calibrated == 0: none */
    int calibrated;
    double log_ratio;                 /* log10 (its clean count + 1) / (the form's + 1) */
    double slope, mid;                /* evidence = slope * (score advantage - mid) */
} unspinf_cand;

typedef struct unspinf_entry {
    char *spun;                       /* the key: lowercase words, one space apart */
    int n_words;
    int wids[UNSPINF_MAX_PHRASE];     /* of the spun words, filled in by the filter */
    unspinf_cand *cands;
    int n_cands;
    double fingerprint;               /* how much one occurrence says "spun", >= 0 */
    int nonword;                      /* the spun form holds a word Hunspell rejects */
    int before_participle;            /* @before-participle: only before a participle */
    int needs_calibration;            /* @calibrated: uncalibrated candidates are dropped */
} unspinf_entry;

typedef struct unspinf_maps {
    unspinf_entry *entries;
    size_t n, cap;
    size_t *slots;                    /* open hash: entry index + 1, 0 for empty */
    size_t n_slots;
    int max_words;                    /* longest spun form */
} unspinf_maps;

/* Reads one map file into maps; -1 and *err (naming file and line) on error. */
int unspinf_maps_load(unspinf_maps *maps, const char *path, char **err);

/* The entry whose spun form is key (lowercase, single spaces), or NULL. */
const unspinf_entry *unspinf_maps_find(const unspinf_maps *maps, const char *key, size_t len);

/* Removes candidate j of e (an entry left without candidates is never matched). */
void unspinf_maps_drop_cand(unspinf_entry *e, int j);

void unspinf_maps_free(unspinf_maps *maps);

#endif
