/* render.h - writing the chosen originals into the text: case kept, the
 * possessive 's kept, "a"/"an" fixed before a replacement, every edit logged. */
#ifndef UNSPINF_RENDER_H
#define UNSPINF_RENDER_H

#include <stddef.h>

#include <unspin/filter.h>

#include "tokens.h"
#include "unspinf.h"

/* A growing output text (malloc()ed p, NUL-terminated). */
typedef struct unspinf_buf {
    char *p;
    size_t n, cap;
} unspinf_buf;

/* Appends n bytes of s; -1 when out of memory. */
int unspinf_buf_put(unspinf_buf *b, const char *s, size_t n);

/* A spun form found in the text and what was decided for it. */
typedef struct unspinf_site {
    int first, n;             /* its words */
    const unspinf_entry *e;
    int base_only;            /* matched without the last word's possessive 's */
    size_t start, end;        /* bytes it covers */
    unsigned disagree;        /* bit j: candidate j's verb disagrees with the pronoun before */
    int article;              /* the word before is an "a"/"an" that a replacement makes agree
                               * (unspinf_render_article_before) */
    long combos_at;           /* first site of a cluster whose every combination was scored:
                               * where the model's scores of them are kept (repair.c), else -1 */
    int choice;               /* -1: keep; else index of the candidate */
    double *best;             /* per option (keep first): best window score */
    double *bonus;            /* per option: log10 bonus from the form's other occurrences */
    double *weight;           /* per option: its prior and channel weight (log10), kept for the windows */
    double conf;              /* confidence (0..1) that it was spun (that choice beats keeping it) */
} unspinf_site;

/* 1 when a word takes "an" ("an hour", "an easy"), 0 for "a". */
int unspinf_render_wants_an(const char *word);

/* 1 when text word first - 1 is "a"/"an" and only blanks and opening
 * quotes or brackets stand between it and word first ("a \"straightforward"):
 * the article unspinf_render() makes agree with a replacement at first, and
 * the one the windows (repair.c) change with each option, so that the two
 * judge the same text. */
int unspinf_render_article_before(const char *text, const unspinf_word *w, int first);

/* Applies the sites whose choice is a candidate with enough confidence;
 * counts them in *replaced. */
int unspinf_render(const unspinf *u, unspin_doc *doc, const char *text, size_t len,
                   const unspinf_word *w, long nw, const unspinf_site *sites, int ns,
                   int *replaced, char **err);

#endif
