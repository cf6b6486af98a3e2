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
 * from that original, relative to 1 (the default).  An original's word
 * written with a capital ("fb = Facebook") is a name: it keeps the capital.  The spun form itself is
 * always a candidate (the text may be right as it stands).  A form may end in
 * "." ("sq.") to match a word followed by a full stop, and hold an
 * abbreviation's full stops inside ("sq. miles", "p.c."), which match where
 * the text goes on after them in the same sentence.  A form holding a
 * character no word of a text holds ("%", "/") is refused.  An entry given
 * twice (in one file or several) gets the candidates of both.
 *
 * A line may end in a condition on the context:
 *     had been = were  @before-participle
 * matches only before a participle ("had been transported", not "had been
 * static"), after at most one -ly adverb.  With
 *     region = area (0.4)  @calibrated
 * a candidate counts only where the calibration (calibration.h) measured it
 * on clean news, and one the model does not know is dropped instead of
 * refused: generated maps (make-thesaurus-map) list many candidates and let
 * the calibration choose.  With
 *     2 = two  @unrated
 * the entry counts neither in the article's spin score (gate.h) nor in its
 * estimated spin rate (repair.c, settle()): clean news writes its forms too,
 * and its originals standing ("one", "two") say little about how much a
 * spinner changed.
 * Conditions may be combined. */
#ifndef UNSPINF_MAPS_H
#define UNSPINF_MAPS_H

#include <stddef.h>
#include <stdint.h>

#include "hash.h"

#define UNSPINF_MAX_PHRASE 6          /* words in a spun form or an original */
#define UNSPINF_MAX_CANDS 8           /* originals of one spun form */

typedef struct unspinf_cand {
    char *text;                       /* lowercase, words separated by one space */
    char *words[UNSPINF_MAX_PHRASE];  /* pointers into a copy of text */
    int n_words;
    unsigned capitals;                /* bit k: word k is a name, written with a capital in
                                       * the map ("fb = Facebook"), and keeps it */
    double log_weight;                /* log10 channel weight */
    int wids[UNSPINF_MAX_PHRASE];     /* language model ids, filled in by the filter */
    /* calibration on clean news (calibration.h); calibrated == 0: none */
    int calibrated;
    double log_ratio;                 /* log10 (its clean count + 1) / (the form's + 1) */
    double n_form, n_original;        /* the two clean counts (news_odds() in calibration.c) */
    double slope, mid;                /* evidence = slope * (score advantage - mid) */
    double prior_odds;                /* news odds, channel weight and spin odds, log10
                                       * (unspinf_calibration_prepare) */
    int is_form;                      /* the text is the entry's spun form itself */
    int verb_number;                  /* first word "is"/"was": UNSPINF_SINGULAR, "are"/"were":
                                       * UNSPINF_PLURAL, else 0 (a pronoun before must agree) */
} unspinf_cand;

#define UNSPINF_SINGULAR 1
#define UNSPINF_PLURAL 2

typedef struct unspinf_entry {
    char *spun;                       /* the key: lowercase words, one space apart */
    int n_words;
    int key_ids[UNSPINF_MAX_PHRASE];  /* its words' ids (unspinf_maps_word_id) */
    int wids[UNSPINF_MAX_PHRASE];     /* of the spun words, filled in by the filter */
    unspinf_cand *cands;
    int n_cands;
    double fingerprint;               /* how much one occurrence says "spun", >= 0 */
    int nonword;                      /* the spun form holds a word Hunspell rejects */
    int before_participle;            /* @before-participle: only before a participle */
    int needs_calibration;            /* @calibrated: uncalibrated candidates are dropped */
    int unrated;                      /* @unrated, or @calibrated: not in the spin rate */
} unspinf_entry;

/* A word of the spun forms: text is looked up word by word, by number. */
typedef struct unspinf_map_word {
    char *text;
    size_t len, hash;
    int longest;                      /* longest spun form that starts with it */
    int single;                       /* the entry of this word alone, + 1; 0 for none */
    int in_form;                      /* a word of some spun form (else of originals only) */
    int longest_original;             /* words of the longest original that starts with it */
} unspinf_map_word;

/* Word-number sequences, each with a value (mapindex.c). */
typedef struct unspinf_phrases {
    struct unspinf_phrase *items;
    size_t n, cap;
    uint32_t *slots;                  /* open hash: item index + 1, 0 for empty */
    size_t n_slots;
} unspinf_phrases;

typedef struct unspinf_maps {
    unspinf_entry *entries;
    size_t n, cap;
    int max_words;                    /* longest spun form */
    unspinf_map_word *words;          /* every word of every spun form */
    size_t n_words, cap_words;
    struct unspinf_word_slot *word_slots;  /* open hash on text (mapindex.c) */
    size_t n_word_slots;
    unspinf_phrases forms;            /* the entries' spun forms; value: entry index */
    uint64_t form_pairs[1024];        /* bit set: hashes of the first two words of longer forms */
    unspinf_phrases originals;        /* the originals that differ from their form */
} unspinf_maps;

/* Reads one map file into maps; -1 and *err (naming file and line) on error. */
int unspinf_maps_load(unspinf_maps *maps, const char *path, char **err);

/* The entry whose spun form is key (lowercase, single spaces), or NULL. */
const unspinf_entry *unspinf_maps_find(const unspinf_maps *maps, const char *key, size_t len);

/* Removes candidate j of e (an entry left without candidates is never matched). */
void unspinf_maps_drop_cand(unspinf_entry *e, int j);

/* The id of the word s[0..len) (followed by "." when dot) among the words of
 * the spun forms and the originals, or -1 when none holds it. */
int unspinf_maps_word_id(const unspinf_maps *maps, const char *s, size_t len, int dot);

/* The same with the word's hash already made: UNSPINF_FNV_SEED, then
 * unspinf_fnv_byte() (hash.h) on each byte (and on the "." when dot).  With form_id,
 * sets *form_id to the id when a spun form holds the word, else to -1; then s
 * must be readable for 24 bytes (a norm of tokens.h). */
int unspinf_maps_word_id_hashed(const unspinf_maps *maps, const char *s, size_t len, int dot, uint64_t hash,
                                int *form_id);

struct unspinf_word;

/* At least the number of words of the longest spun form that may start at
 * text word w (tokens.h; it looks at w[1] too); 0 when none can. */
int unspinf_maps_longest_at(const unspinf_maps *maps, const struct unspinf_word *w);

/* The entry whose spun form is the text words w[0..n), the last one taken
 * followed by its full stop (form 0), whole (1) or without its possessive
 * 's (2); NULL when none. */
const unspinf_entry *unspinf_maps_find_words(const unspinf_maps *maps, const struct unspinf_word *w, int n,
                                             int form);

/* 1 when the text words w[0..n) are an original of some entry (one that is
 * not the entry's spun form itself), else 0. */
int unspinf_maps_is_original(const unspinf_maps *maps, const struct unspinf_word *w, int n);

void unspinf_maps_free(unspinf_maps *maps);

#endif
