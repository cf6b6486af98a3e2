/* teasers.h - does a line begin with another article's headline? */
#ifndef BOILERPLATE_TEASERS_H
#define BOILERPLATE_TEASERS_H
#include <stddef.h>
#include "wordset.h"

/* Whether text[0..len) (a trimmed line) reads like a teaser: a headline in
 * title case run into a summary, or a summary's dateline ("NEW YORK:") in
 * the middle of the line.  stop: the stopword set (its small words are the
 * ones title case capitalises). */
int boilerplate_headline_start(const char *text, size_t len, const boilerplate_wordset *stop);
#endif
