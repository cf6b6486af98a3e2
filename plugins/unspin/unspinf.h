/* unspinf.h - the state the unspin filter builds once and then only reads. */
#ifndef UNSPINF_H
#define UNSPINF_H

#include <pthread.h>
#include <stdio.h>

#include "lm.h"
#include "maps.h"
#include "speller.h"

/* An original of a map entry, for finding it in clean text (calibration). */
typedef struct unspinf_original {
    const char *text;
    size_t entry;
    int cand;
} unspinf_original;

typedef struct unspinf {
    unspinf_maps maps;
    unspinf_lm *lm;
    unspinf_speller *speller;
    double threshold;       /* least confidence (0..1) for a replacement */
    double spin_threshold;  /* least spin score for an article to count as spun */
    double prior;           /* log10 odds that a matched form in a spun article was spun */
    int gate;               /* 0: repair every article as if spun */
    int wid_a, wid_an;      /* the model's "a" and "an" */
    double rate_weight;     /* how much the article's spin rate counts */
    double spin_odds;       /* log10 odds a spinner turns an original into a given form */
    double review_from;     /* least spin score for a second look (passes_review) */
    double review_rate;     /* confident replacements per 100 words that pass it */
    double news_smoothing;  /* added to both clean counts of a calibrated pair (calibration.c) */
    double min_evidence;    /* least log10 evidence of the model for a replacement */
    double generated_odds;  /* the same for @calibrated (generated) entries */
    double generated_ratio; /* least log10 news ratio original/form of a generated pair */
    double generated_threshold; /* least confidence to replace a generated pair's form */
    int typos;              /* 1: repair ordinary typos too (typo.h) */
    double typo_threshold;  /* least log10 margin of a typo's fix over the word */
    FILE *calibrate_out;    /* when set: every site's scores go here (calibration.h) */
    pthread_mutex_t calibrate_lock;
    struct unspinf_original *originals;  /* for calibrate_out: every original, sorted */
    size_t n_originals;
    pthread_key_t scratch;  /* each thread's arrays for one article (repair.c) */
    int has_scratch;
} unspinf;

#endif
