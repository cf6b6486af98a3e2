/* classify.h - deciding which lines of an article are boilerplate. */
#ifndef BOILERPLATE_CLASSIFY_H
#define BOILERPLATE_CLASSIFY_H
#include "lines.h"
#include "patterns.h"
#include "wordset.h"

/* The knobs; boilerplate_settings_for() gives them for a context level. */
typedef struct boilerplate_settings {
    unsigned length_low;    /* shorter lines (characters) are "short" */
    unsigned length_high;   /* longer lines with enough stopwords are "good" */
    double stop_low;        /* stopword density of near-good lines */
    double stop_high;       /* ... and of good ones */
    double stop_sentence;   /* a whole sentence with this many is near-good */
    double language_share;  /* text with fewer stopwords is in another language */
    unsigned menu_run;      /* this many link-like lines in a row are a menu */
    unsigned menu_words;    /* a link-like line has at most this many words */
    unsigned heading_reach; /* a heading is kept when good text follows within this many lines */
    unsigned paragraph_run; /* this many near-good sentences in a row are good (0: never) */
    unsigned teaser_run;    /* this many teaser lines (headline and summary) close together
                               are other articles' teasers (0: never) */
    int mixed;              /* a short line between good and bad text: 0 drops it,
                               1 keeps it when it reads like a sentence, 2 keeps it */
    int between;            /* keep what lies between good lines, with no
                               pattern or menu line in between */
    int tail;               /* a comment-section header ends the article */
    unsigned far_lines;     /* kept text cut off from the article by at least this many
                               removed lines (0: never) ... */
    double far_share;       /* ... and smaller than this share of it is dropped; so is
                               such text that has none of the title's words when
                               the article has them (with topic set) */
    int topic;
} boilerplate_settings;

/* Context levels: 0 gentle, 1 normal, 2 aggressive. */
void boilerplate_settings_for(int level, boilerplate_settings *s);

/* Sets keep, cls, reason and rule of every line; match (NULL: no patterns)
 * is the caller's own.  Returns -1 when out of memory. */
int boilerplate_classify(boilerplate_line *lines, size_t n, const char *text,
                         const boilerplate_settings *s, boilerplate_matcher *match,
                         const boilerplate_wordset *stop);
#endif
