/* mapindex.h - how the maps are looked up fast, for maps.c.
 *
 * Every word of a spun form or of an original gets a number; the text's words
 * are hashed once each, while tokenising (tokens.h), and numbered by one
 * lookup; spun forms and originals are then found by their words' numbers
 * (unspinf_maps_find_words, unspinf_maps_is_original in maps.h) instead of
 * by joined strings. */
#ifndef UNSPINF_MAPINDEX_H
#define UNSPINF_MAPINDEX_H

#include "maps.h"

/* Numbers the words of entry i (its spun form) and files it under them;
 * -1 when out of memory. */
int unspinf_index_add_form(unspinf_maps *maps, size_t i);

/* Files text (lowercase words, one space apart) as an original; -1 when out
 * of memory. */
int unspinf_index_add_original(unspinf_maps *maps, const char *text);

void unspinf_index_free(unspinf_maps *maps);

/* Makes room in *array (*cap items of size bytes, n used) for one more; -1
 * when out of memory. */
int unspinf_grow(void **array, size_t *cap, size_t n, size_t size);

#endif
