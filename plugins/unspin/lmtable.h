/* lmtable.h - the trigram model as a table of hashed n-grams, mapped from a
 * file shared by every thread (and every process, through the page cache).
 *
 * sphinxbase's trie finds an n-gram by binary searches that wait on memory
 * one step after another, and caches its last history inside the model, so
 * that each thread needs a copy of its own (27 MB each).  The table holds the
 * very same n-grams and values, read from the model's trie file: its
 * unigrams, and its bigrams and trigrams in open-addressing tables of
 * 64-byte buckets (one cache line a probe), each n-gram keeping its 16-bit
 * quantised values as indexes into the model's own tables of floats.  The
 * scores are computed as sphinxbase does, float by float (trigram if there,
 * else backoff(h2 h1) + bigram, else backoff(h2 h1) + backoff(h1) +
 * unigram), so they are exactly ngram_ng_score's.
 *
 * It is built once (make, with the option "lm_table_out") and refused when
 * the model file it came from has changed or is another (its size, time and
 * a hash of its first and last 64 KB). */
#ifndef UNSPINF_LMTABLE_H
#define UNSPINF_LMTABLE_H

#include <stdint.h>

typedef struct unspinf_lmtable unspinf_lmtable;

/* Reads the model (a sphinxbase trie binary, such as pocketsphinx's
 * en-us.lm.bin, of order 3) and writes its table to out; -1 and *err when the
 * model cannot be read or is of another kind. */
int unspinf_lmtable_write(const char *model, const char *out, char **err);

/* Maps the table at path when it is whole and was made from the file model
 * is now; NULL when not (the caller scores with sphinxbase instead). */
unspinf_lmtable *unspinf_lmtable_open(const char *path, const char *model);
void unspinf_lmtable_close(unspinf_lmtable *t);

/* The model's id of word (as sphinxbase's ngram_wid, case and all), or -1. */
int32_t unspinf_lmtable_wid(const unspinf_lmtable *t, const char *word);

/* What ngram_ng_score(model, w, hist, n_hist) gives (logmath's integer log,
 * base 1.0001, language weight 1): hist[0] is the word right before w.  A
 * negative id in hist ends the history; w must be a valid id. */
int32_t unspinf_lmtable_score(const unspinf_lmtable *t, int32_t w, const int32_t *hist, int n_hist);

/* For checking the table against the model: the n-gram (order 2 or 3) in
 * slot i of its table, its ids in text order into ids: 1; 0 when the slot
 * is empty, -1 past the last. */
int unspinf_lmtable_ngram(const unspinf_lmtable *t, int order, uint64_t i, int32_t ids[3]);

#endif
