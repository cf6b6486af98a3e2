/* lm.h - the unspin filter's view of the n-gram language model (sphinxbase).
 *
 * Words are looked up lowercased.  A word the model does not know maps to
 * UNSPINF_LM_UNKNOWN, which scores a fixed, moderate log-probability and cuts
 * the history (the pocketsphinx model has no <UNK> entry of its own, and
 * sphinxbase would otherwise return its "log zero", a huge penalty).
 *
 * The model (27 MB for pocketsphinx en-us) is read on first use, not when
 * opened: a run over clean articles, which the gate keeps from the model,
 * never reads it.  Opening only checks that the file is there.
 *
 * Scores come from the model's table (lmtable.h) when there is one made from
 * the model file as it is: mapped, shared by every thread, no lock.  Else
 * from sphinxbase, whose trie scorer keeps a history/backoff cache inside
 * the model, so one model scores for one thread at a time: each thread
 * memoises the probabilities and word ids it has looked up (lm.c), and a
 * lookup in the model takes a free copy of it; a further copy is read when
 * every copy is busy, up to one per core (at most four).  Both give the same
 * scores. */
#ifndef UNSPINF_LM_H
#define UNSPINF_LM_H

#include <stddef.h>

#define UNSPINF_LM_UNKNOWN (-1)

typedef struct unspinf_lm unspinf_lm;

/* Checks that a model file is at path; NULL and *err (naming the path) when
 * not.  table: the model's table, used when it was made from this very file
 * (NULL for none). */
unspinf_lm *unspinf_lm_open(const char *path, const char *table, char **err);
void unspinf_lm_close(unspinf_lm *lm);

/* Reads the model unless it is read already (thread-safe); -1 and *err when
 * it cannot be read.  Call before the functions below: they read it too, but
 * cannot report a failure. */
int unspinf_lm_ready(unspinf_lm *lm, char **err);

/* The model's id of a lowercased word, or UNSPINF_LM_UNKNOWN (thread-safe:
 * the vocabulary hash is only read). */
int unspinf_lm_wid(unspinf_lm *lm, const char *word);

/* Sentence-start and sentence-end ids. */
int unspinf_lm_bos(unspinf_lm *lm);
int unspinf_lm_eos(unspinf_lm *lm);

/* log10 P(wids[from..to) | what precedes each, back to index 0 at most two
 * words), summed.  Unknown words score UNSPINF_LM_UNKNOWN_LOGP and break the
 * history. */
double unspinf_lm_score(unspinf_lm *lm, const int *wids, size_t from, size_t to);

/* The same added to total, word by word in order, with the sum after each
 * word i stored in running[i]: a caller scoring many windows that share a
 * beginning sums the shared words once, and gets the very same totals. */
double unspinf_lm_score_more(unspinf_lm *lm, const int *wids, size_t from, size_t to, double total,
                             double *running);

#define UNSPINF_LM_UNKNOWN_LOGP (-5.5)

#endif
