/* unspinf.h - the state the unspin filter builds once and then only reads. */
#ifndef UNSPINF_H
#define UNSPINF_H

#include "lm.h"
#include "maps.h"
#include "speller.h"

typedef struct unspinf {
    unspinf_maps maps;
    unspinf_lm *lm;
    unspinf_speller *speller;
    double threshold;       /* least confidence (0..1) for a replacement */
    double spin_threshold;  /* least spin score for an article to count as spun */
    double prior;           /* log10 odds that a matched form in a spun article was spun */
    int gate;               /* 0: repair every article as if spun */
    int wid_a, wid_an;      /* the model's "a" and "an" */
} unspinf;

#endif
