/* tokens.h - splitting an article into the words the unspin filter looks at.
 *
 * A word is a run of letters and digits, with apostrophes (' or ’) and hyphens
 * inside it ("they’re", "cross-border").  Everything else (spaces,
 * punctuation) lies between words and is never changed.  Sentences end at
 * . ! ? ; : and at line breaks; a full stop followed by a lowercase word
 * ("sq. kilometres") or right by a letter or digit ("3.7%", "U.S") does not
 * end one, nor does a colon between digits ("2:30", "3:1"). */
#ifndef UNSPINF_TOKENS_H
#define UNSPINF_TOKENS_H

#include <stddef.h>

#include "maps.h"

#define UNSPINF_WORD_MAX 40            /* longer words are never matched */

enum unspinf_case { UNSPINF_LOWER, UNSPINF_CAPITAL, UNSPINF_UPPER, UNSPINF_MIXED };

typedef struct unspinf_word {
    size_t start, end;                 /* bytes of the word in the text */
    size_t base_end;                   /* end without a possessive 's */
    char norm[UNSPINF_WORD_MAX];       /* lowercase, ' for ’; "" when too long */
    unsigned char norm_len, base_len;  /* base: norm without the possessive 's */
    unsigned char joined;              /* only blanks between it and the word before */
    unsigned char after_dot;           /* only an abbreviation's full stop ("sq. miles",
                                        * "p.c.") and blanks between it and the word before */
    unsigned char dot;                 /* a "." follows right after it */
    int sentence;
    int wid;                           /* language model id, filled in when needed */
    /* as words of the maps' spun forms (unspinf_maps_word_id), -1 for none:
     * norm, norm without the possessive 's, norm followed by "." */
    int key, key_base, key_dot;
    int word;                          /* norm as a word of the maps' forms or originals, or -1 */
} unspinf_word;

/* The case of word w of text (enum unspinf_case), from its ASCII letters
 * before any possessive 's. */
unsigned char unspinf_casing(const char *text, const unspinf_word *w);

/* Splits text; returns the number of words n and sets *words (malloc()ed), or
 * -1 when out of memory.  With maps, sets each word's key ids (else -1).
 * (*words)[n] is a sentinel: an empty word at the end of the text, in no
 * sentence, with no ids. */
long unspinf_tokenize(const char *text, size_t len, const unspinf_maps *maps, unspinf_word **words);

/* The same into *words, an array of *cap words (NULL and 0 at first) that is
 * reused, or reallocated when too small; the caller frees it. */
long unspinf_tokenize_into(const char *text, size_t len, const unspinf_maps *maps, unspinf_word **words,
                           size_t *cap);

#endif
