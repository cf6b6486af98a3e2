/* wordset.h - a read-only set of short lowercase words (the stopword list). */
#ifndef BOILERPLATE_WORDSET_H
#define BOILERPLATE_WORDSET_H
#include <stddef.h>

typedef struct boilerplate_wordset boilerplate_wordset;

/* Reads one word a line from path ('#' comments, blank lines skipped).
 * Returns NULL and sets *err on failure. */
boilerplate_wordset *boilerplate_wordset_load(const char *path, char **err);
/* Whether word[0..len) (already lowercased) is in the set. */
int boilerplate_wordset_has(const boilerplate_wordset *ws, const char *word, size_t len);
size_t boilerplate_wordset_size(const boilerplate_wordset *ws);
void boilerplate_wordset_free(boilerplate_wordset *ws);
#endif
