/* typo.h - the unspin filter's optional repair of ordinary typos ("typos":
 * true; off by default), run after the spin repair.
 *
 * A lowercase word of plain letters that Hunspell rejects, standing in prose
 * (not part of a URL, e-mail address, hashtag, number or code), gets Hunspell's
 * suggestions.  Those one or two edits away (Damerau: "teh" -> "the" is one),
 * lowercase like it and known to the model are scored by the trigram model
 * over the window the word affects (its two words before and two after, in
 * its sentence), a second edit costing one log10 more; the best replaces the
 * word when it beats the word itself by
 * typo_threshold (log10).  A British spelling ("colour", "organisation":
 * Hunspell's en_US knows its American form, or suggests it) is not a typo and
 * stays; nor is a word one inflection or prefix away from a suggestion
 * ("childrens", "rebalance"), nor an elision ("lovin'").  A word of three
 * letters only gets a swap fixed ("teh").
 *
 * The word's own score is the model's when the model knows it: the
 * pocketsphinx vocabulary holds common misspellings ("goverment", "wich"),
 * with the low probability they deserve, so they are not passed over; but as
 * it holds more right words that Hunspell lacks ("rouble", "leant"), such a
 * word needs a margin one log10 larger. */
#ifndef UNSPINF_TYPO_H
#define UNSPINF_TYPO_H

#include <unspin/filter.h>

#include "unspinf.h"

/* Fixes the typos of doc in place, logging each edit (reason "typo") and
 * setting the stat "typos_fixed"; -1 and *err on error. */
int unspinf_typo_repair(const unspinf *u, unspin_doc *doc, char **err);

#endif
