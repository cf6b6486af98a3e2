/* lines.h - an article cut into lines, with what the classifier measures. */
#ifndef BOILERPLATE_LINES_H
#define BOILERPLATE_LINES_H
#include <stddef.h>
#include "patterns.h"
#include "wordset.h"

/* Classes, from worst to best (the order matters: comparisons use it). */
enum { BP_BLANK, BP_BAD, BP_SHORT, BP_NEARGOOD, BP_GOOD };

typedef struct boilerplate_line {
    size_t start, end;           /* the line's bytes, without its '\n' */
    size_t ts, te;               /* without surrounding space and list bullets */
    unsigned chars;              /* characters (not bytes) of ts..te */
    unsigned words, stops, caps; /* words, stopwords, capitalised words */
    unsigned char sentence;      /* ends like a sentence: . ! ? (maybe quoted) */
    unsigned char teaser;        /* long, and begins with a headline (teasers.c) */
    unsigned char unpunctuated;  /* long, without any . , ; : ! ? ( (a list of links or tags) */
    unsigned char cls;           /* BP_* */
    unsigned char final;         /* decided by a rule the context pass keeps */
    unsigned char keep;          /* the verdict */
    const char *reason;          /* why it goes (for the edit log) */
    const boilerplate_rule *rule;/* the pattern that matched, if any */
} boilerplate_line;

/* Cuts text into lines (a last line without '\n' counts) and measures each.
 * Returns the number of lines; *out is malloc()ed (NULL when empty). */
long boilerplate_lines_split(const char *text, size_t len, const boilerplate_wordset *stop,
                             boilerplate_line **out);

/* Stopword density of a line. */
static inline double boilerplate_line_density(const boilerplate_line *l)
{
    return l->words ? (double)l->stops / l->words : 0.0;
}
#endif
