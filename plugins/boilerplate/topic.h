/* topic.h - the words of a page's title, and which of them a text uses:
 * the article's text shares its title's words, other stories on the page
 * and the site's chrome seldom do. */
#ifndef BOILERPLATE_TOPIC_H
#define BOILERPLATE_TOPIC_H
#include <stddef.h>
#include <stdint.h>
#include "wordset.h"

#define BOILERPLATE_TOPIC_WORDS 32

typedef struct boilerplate_topic {
    char word[BOILERPLATE_TOPIC_WORDS][24];   /* lowercase, zero-padded */
    unsigned char len[BOILERPLATE_TOPIC_WORDS];
    unsigned count;
} boilerplate_topic;

/* The title's words of three letters or more that are not stopwords (ASCII
 * case folded; at most BOILERPLATE_TOPIC_WORDS, each once). */
void boilerplate_topic_init(boilerplate_topic *t, const char *title, size_t len,
                            const boilerplate_wordset *stop);
/* Bit i set: text[0..len) has the title's word i. */
uint32_t boilerplate_topic_hits(const boilerplate_topic *t, const char *text, size_t len);
#endif
