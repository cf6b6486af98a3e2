/* gate.h - the document-level spin score.
 *
 * Each map entry carries a fingerprint weight (set when the maps are loaded):
 * how much one occurrence of its spun form says "a spinner was here".  Forms
 * holding a non-word ("remoted", "yr") weigh most; ordinary words weigh by how
 * much less likely the model finds them than their originals, out of context
 * ("primary time" against "first time"); forms as common as their originals
 * ("home", "again") weigh nothing.  The score of an article is the sum over
 * its matched forms per 100 words.  It needs no language model call.
 *
 * Computing the weights needs the model and Hunspell, and loading those is
 * most of the filter's start-up; so they are cached in a file (by default
 * dicts/unspin/fingerprints.tsv, written at build time with the option
 * fingerprints_out).  The cache names the model and Hunspell files it was
 * made with (path, size, modification time) and holds per entry a hash of
 * its spun form, originals and weights, the fingerprint weight, the non-word
 * flag and the model's ids of its words.  An entry the cache does not hold,
 * or a cache made with other files, is computed as without it: the cache
 * changes nothing but the time. */
#ifndef UNSPINF_GATE_H
#define UNSPINF_GATE_H

#include "unspinf.h"

typedef struct unspinf_gate_files {
    const char *model, *hunspell;   /* as given to unspinf_lm_open / unspinf_speller_open */
    const char *cache;              /* fingerprint cache to read, or NULL */
    const char *cache_out;          /* write a cache for every entry here, or NULL */
} unspinf_gate_files;

/* Sets every entry's fingerprint weight, non-word flag and model ids, and
 * u->wid_a, u->wid_an; -1 and *err when a map's original is not a word that
 * Hunspell or the model knows, or the cache cannot be written. */
int unspinf_gate_prepare(unspinf *u, const unspinf_gate_files *files, char **err);

#endif
