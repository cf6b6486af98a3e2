/* wordset.h - a read-only set of short lowercase words (the stopword list). */
#ifndef BOILERPLATE_WORDSET_H
#define BOILERPLATE_WORDSET_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Asked about every word of every article, so the common case is inline: a
 * word of up to 16 bytes, zero-padded, is two integers (words hold no NUL
 * byte, so the padding cannot make two words equal); they give the hash and
 * are compared directly in an open-addressing table.  Longer words (rare in
 * a stopword list) are kept in a plain list. */
typedef struct boilerplate_wordset {
    uint64_t (*key)[2];   /* key[i][0] == 0: empty slot */
    size_t mask;          /* capacity - 1, capacity a power of two */
    size_t count, longest;
    char **long_words;    /* words of more than 16 bytes */
    size_t nlong;
} boilerplate_wordset;

/* Reads one word a line from path ('#' comments, blank lines skipped).
 * Returns NULL and sets *err on failure. */
boilerplate_wordset *boilerplate_wordset_load(const char *path, char **err);
/* Whether word[0..len) (already lowercased) is in the set. */
int boilerplate_wordset_has(const boilerplate_wordset *ws, const char *word, size_t len);
size_t boilerplate_wordset_size(const boilerplate_wordset *ws);
void boilerplate_wordset_free(boilerplate_wordset *ws);

static inline size_t boilerplate_wordset_hash(uint64_t k0, uint64_t k1)
{
    uint64_t h = (k0 ^ (k1 * 0xC2B2AE3D27D4EB4Fu)) * 0x9E3779B97F4A7C15u;
    return (size_t)(h >> 32 ^ h >> 48);   /* the high bits: every byte counts there */
}

int boilerplate_wordset_has_long(const boilerplate_wordset *ws, const char *word, size_t len);

/* The same as boilerplate_wordset_has() for a word whose buffer is
 * zero-padded to at least 16 bytes: the quick form. */
static inline int boilerplate_wordset_has_padded(const boilerplate_wordset *ws, const char *word,
                                                 size_t len)
{
    if (!len || len > ws->longest)
        return 0;
    if (len > 16)
        return boilerplate_wordset_has_long(ws, word, len);
    uint64_t k0, k1;
    memcpy(&k0, word, 8);
    memcpy(&k1, word + 8, 8);
    /* written so that the branch is on "done", nearly always true at the
     * first slot, and not on "found", which is a coin toss in prose */
    for (size_t h = boilerplate_wordset_hash(k0, k1) & ws->mask;; h = (h + 1) & ws->mask) {
        uint64_t a = ws->key[h][0], b = ws->key[h][1];
        int found = (a == k0) & (b == k1);
        if (found | (a == 0))
            return found;
    }
}
#endif
