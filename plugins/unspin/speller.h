/* speller.h - Hunspell for the unspin filter: is a word English?
 * Hunspell keeps per-call state in its affix manager, so every call takes the
 * speller's mutex. */
#ifndef UNSPINF_SPELLER_H
#define UNSPINF_SPELLER_H

typedef struct unspinf_speller unspinf_speller;

/* prefix: dictionary path without .aff/.dic; NULL and *err on failure. */
unspinf_speller *unspinf_speller_open(const char *prefix, char **err);
void unspinf_speller_close(unspinf_speller *sp);

/* 1 when Hunspell accepts the word (UTF-8), 0 when not. */
int unspinf_speller_knows(unspinf_speller *sp, const char *word);

#endif
