/* gate.h - the document-level spin score.
 *
 * Each map entry carries a fingerprint weight (set when the maps are loaded):
 * how much one occurrence of its spun form says "a spinner was here".  Forms
 * holding a non-word ("remoted", "yr") weigh most; ordinary words weigh by how
 * much less likely the model finds them than their originals, out of context
 * ("primary time" against "first time"); forms as common as their originals
 * ("home", "again") weigh nothing.  The score of an article is the sum over
 * its matched forms per 100 words.  It needs no language model call. */
#ifndef UNSPINF_GATE_H
#define UNSPINF_GATE_H

#include "unspinf.h"

/* Sets every entry's fingerprint weight; -1 and *err when a map's original
 * is not a word that Hunspell or the model knows. */
int unspinf_gate_prepare(unspinf *u, char **err);

#endif
