/* speller.h - Hunspell for the unspin filter: is a word English?
 *
 * The dictionary is loaded on the first question, not when opened (loading
 * en_US takes longer than the rest of the filter's start-up, and with the
 * fingerprint cache (gate.h) no question is asked).  Hunspell keeps per-call
 * state in its affix manager, so every call takes the speller's mutex. */
#ifndef UNSPINF_SPELLER_H
#define UNSPINF_SPELLER_H

#include <stddef.h>

typedef struct unspinf_speller unspinf_speller;

/* prefix: dictionary path without .aff/.dic; NULL and *err when its files are
 * missing. */
unspinf_speller *unspinf_speller_open(const char *prefix, char **err);
void unspinf_speller_close(unspinf_speller *sp);

/* 1 when Hunspell accepts the word (UTF-8), 0 when not; -1 when the
 * dictionary cannot be loaded. */
int unspinf_speller_knows(unspinf_speller *sp, const char *word);

/* Hunspell's suggestions for a word, best first: up to max of them, each
 * shorter than cap bytes (longer ones are left out), copied into out (max
 * rows of cap bytes).  Returns how many; -1 when the dictionary cannot be
 * loaded. */
int unspinf_speller_suggest(unspinf_speller *sp, const char *word, char *out, int max, size_t cap);

#endif
