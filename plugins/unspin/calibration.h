/* calibration.h - what the language model's verdict is worth, per map entry,
 * measured once on clean news.
 *
 * The model is a general (American) trigram model.  Read on clean British news
 * it prefers "movie" to "film", "company" to "firm", "said" to "stated" in
 * most places where the author wrote the latter: its score advantage of an
 * original over the form is biased, differently for every entry, and a fixed
 * threshold on it changes right words in every article the gate lets through.
 * So the advantage is read as evidence only against what it looks like on
 * clean text, in both cases:
 *
 *   - where the author wrote the form (the form matched in clean text), and
 *   - where the author wrote the original (the original found in clean text,
 *     the form put in its place: a spin simulated with the map's own entry).
 *
 * With the option "calibrate_out" the filter writes both (gate off, nothing
 * changed); plugins/unspin/make-calibration fits one normal distribution to
 * each (common spread, shrunk towards all entries' when seen rarely) and
 * writes dicts/unspin/calibration.tsv:
 *
 *   spun form <TAB> original <TAB> log_ratio <TAB> slope <TAB> mid <TAB> n_form <TAB> n_original
 *
 * The decision for one place is then Bayes' rule in log10 odds:
 *
 *   log_ratio + channel weight + spin_odds + rate odds  +  slope * (advantage - mid)
 *
 * log_ratio = log10 (n_original + 1) / (n_form + 1) says how often each is
 * written in news (a form written as often as its original is seldom spun);
 * the rate odds are those of the article's spin rate, estimated from the
 * decisions themselves (repair.c); spin_odds (an option) is how likely a
 * spinner is to make this substitution when it changes the original (generated_odds for
 * @calibrated entries, maps.h: a thesaurus lists many pairs that one spinner
 * never makes); the last term is the likelihood
 * ratio of the two normals.  Entries without a line keep the uncalibrated
 * decision (the raw advantage). */
#ifndef UNSPINF_CALIBRATION_H
#define UNSPINF_CALIBRATION_H

#include "render.h"
#include "unspinf.h"

/* Reads path into the candidates; lines naming forms or originals that are
 * not loaded are skipped (a user may load fewer maps), after a check of their
 * seven fields: their numbers are read only when their entry is loaded.  -1
 * and *err (file and line) on a malformed line or an unreadable file. */
int unspinf_calibration_load(unspinf_maps *maps, const char *path, char **err);

/* Drops the candidates of @calibrated entries (maps.h) that the loaded
 * calibration does not measure, or that news writes less than
 * 10^min_log_ratio times as often as the form (a thesaurus pair either way
 * round: the spinner writes the rarer word). */
void unspinf_calibration_prune(unspinf_maps *maps, double min_log_ratio);

/* Works out every candidate's prior_odds once the options are set: what
 * the decision adds for it at every site. */
void unspinf_calibration_prepare(const unspinf *u, unspinf_maps *maps);

/* The part of the decision for a site that the spin rate does not change,
 * per candidate: the decision is made again for every new estimate of the
 * rate (repair.c). */
typedef struct unspinf_decision_terms {
    int use[UNSPINF_MAX_CANDS];        /* 0: the form itself, or no evidence */
    double fixed[UNSPINF_MAX_CANDS];   /* log10: the model's evidence, plus the candidate's
                                        * prior_odds when calibrated; all but the rate's */
    double power[UNSPINF_MAX_CANDS];   /* 10^fixed, capped: the decision is made again for
                                        * every estimate of the rate, and pow() was 8% of a
                                        * spun run */
} unspinf_decision_terms;

/* Fills t from the window scores s->best[] and s->bonus[]. */
void unspinf_calibration_terms(const unspinf *u, const unspinf_site *s, unspinf_decision_terms *t);

/* Sets s->choice and s->conf from t (made for s); rate_odds: log10 odds of
 * the article's spin rate (spinner changes per place it could change) times
 * the option rate_weight, and rate_power 10^rate_odds (worked out once for
 * all the sites). */
void unspinf_calibration_decide(unspinf_site *s, const unspinf_decision_terms *t, double rate_odds,
                                double rate_power);

/* The model's evidence (log10 likelihood ratio) at s for its candidate j. */
double unspinf_calibration_evidence(const unspinf_site *s, int j);

/* Lists every original of the maps in u->originals (for calibrate_out). */
int unspinf_calibration_index(unspinf *u, char **err);

/* The originals whose text is key, as [*first, *first + count). */
size_t unspinf_calibration_find(const unspinf *u, const char *key, const unspinf_original **first);

/* Appends the lines in buf (n bytes) to the calibrate_out file. */
void unspinf_calibration_write(const unspinf *u, const char *buf, size_t n);

#endif
