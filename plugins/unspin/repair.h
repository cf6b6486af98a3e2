/* repair.h - finding spun forms in an article and choosing, in context, what
 * the original most likely said (a noisy-channel decision: the language model
 * score of the sentence window with each candidate, plus the channel weight
 * of the substitution and the prior that a form in a spun article was spun). */
#ifndef UNSPINF_REPAIR_H
#define UNSPINF_REPAIR_H

#include <unspin/filter.h>

#include "tokens.h"
#include "unspinf.h"

/* Repairs doc in place when the gate lets it through; -1 and *err on error. */
int unspinf_repair(const unspinf *u, unspin_doc *doc, char **err);

/* The model's id of text word x (tokens.h), of its base without 's when the
 * whole word is unknown to it. */
int unspinf_word_wid(const unspinf *u, const unspinf_word *x);

/* The destructor of the per-thread arrays under key u->scratch. */
void unspinf_repair_scratch_free(void *scratch);

#endif
