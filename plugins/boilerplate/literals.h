/* literals.h - the literal text a pattern cannot match without: a cheap test
 * that lets most lines skip the regular expression altogether. */
#ifndef BOILERPLATE_LITERALS_H
#define BOILERPLATE_LITERALS_H
#include <stddef.h>
#include <stdint.h>

#define BOILERPLATE_LITERALS_MAX 8       /* at most this many alternatives */
#define BOILERPLATE_LITERALS_GRAMS 16    /* byte pairs of a literal checked first */

/* The byte pairs of a line, as a set of 4096 bits: 6 bits of each byte of
 * the pair (lowercase letters, digits and space keep their identity; other
 * bytes may share a bit, which only lets more lines through). */
typedef struct boilerplate_grams {
    uint64_t bit[64];
} boilerplate_grams;

static inline unsigned boilerplate_gram(unsigned char a, unsigned char b)
{
    return (unsigned)(a & 0x3f) << 6 | (b & 0x3f);
}

/* A set of lowercase strings: a line the pattern matches contains at least
 * one of them (ASCII case aside).  count 0: nothing is known. */
typedef struct boilerplate_literals {
    char *text[BOILERPLATE_LITERALS_MAX];
    size_t len[BOILERPLATE_LITERALS_MAX];
    size_t anchor[BOILERPLATE_LITERALS_MAX];   /* its rarest byte, searched for */
    uint16_t gram[BOILERPLATE_LITERALS_MAX][BOILERPLATE_LITERALS_GRAMS];
    size_t ngram[BOILERPLATE_LITERALS_MAX];    /* byte pairs a line must have */
    size_t count;
} boilerplate_literals;

/* Fills *out from a PCRE2 pattern's source.  Conservative: whatever it does
 * not understand (escapes like \d, inline options, verbs) gives no literals
 * rather than wrong ones.  Returns -1 when out of memory. */
int boilerplate_literals_of(const char *pattern, boilerplate_literals *out);
void boilerplate_literals_free(boilerplate_literals *l);

/* Fills *g with the byte pairs of lower[0..len). */
void boilerplate_literals_grams(const char *lower, size_t len, boilerplate_grams *g);

/* Whether lower[0..len) (already lowercased, its pairs in *g) holds one of
 * the literals; always true for an empty set. */
int boilerplate_literals_found(const boilerplate_literals *l, const boilerplate_grams *g,
                               const char *lower, size_t len);
#endif
