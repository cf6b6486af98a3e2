/* calibration.c - the model's verdict weighed per map entry (see calibration.h). */
#include "calibration.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unspin/filter.h>

/* A decimal like "-1.498" read into *v as strtod() would (the division of
 * two exact doubles is correctly rounded, as strtod is); 0 when it is not
 * that simple.  strtod() on 170,000 numbers was most of the start-up. */
static int simple_decimal(const char *s, double *v)
{
    static const double tens[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
                                   1e13, 1e14, 1e15 };
    int negative = *s == '-', digits = 0, decimals = -1;
    uint64_t m = 0;
    s += negative;
    for (; *s; s++) {
        if (*s == '.' && decimals < 0 && digits) {
            decimals = 0;
            continue;
        }
        if (*s < '0' || *s > '9' || ++digits > 15)
            return 0;
        m = m * 10 + (uint64_t)(*s - '0');
        decimals += decimals >= 0;
    }
    if (!digits || !decimals)      /* "", "-", "1." */
        return 0;
    double x = (double)m / tens[decimals < 0 ? 0 : decimals];
    *v = negative ? -x : x;
    return 1;
}

int unspinf_calibration_load(unspinf_maps *maps, const char *path, char **err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return unspin_error(err, "cannot open calibration \"%s\": %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, rc = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *field[7] = { line };
        int n = 1;
        for (char *p = line; n < 7 && (p = strchr(p, '\t')); n++)
            *p++ = 0, field[n] = p;
        double v[3];
        char *end_form, *end_original;
        long n_form = n == 7 ? strtol(field[5], &end_form, 10) : -1;
        long n_original = n == 7 ? strtol(field[6], &end_original, 10) : -1;
        if (n == 7 && (n_form < 0 || n_original < 0 || end_form == field[5] || end_original == field[6] ||
                       (*end_form && *end_form != '\n') || (*end_original && *end_original != '\n')))
            rc = -1;
        for (int k = 0; k < 3 && n == 7 && !rc; k++) {
            char *end;
            if (simple_decimal(field[2 + k], &v[k]))
                continue;
            errno = 0;
            v[k] = strtod(field[2 + k], &end);
            if (errno || end == field[2 + k] || *end != 0 || !isfinite(v[k]))
                rc = -1;
        }
        if (n != 7 || rc) {
            rc = unspin_error(err, "%s:%d: expected \"spun form<TAB>original<TAB>log_ratio<TAB>slope<TAB>mid"
                                   "<TAB>n_form<TAB>n_original\" with numbers", path, lineno);
            break;
        }
        unspinf_entry *e = (unspinf_entry *)unspinf_maps_find(maps, field[0], strlen(field[0]));
        for (int j = 0; e && j < e->n_cands; j++) {
            unspinf_cand *c = &e->cands[j];
            if (!strcmp(c->text, field[1])) {
                c->calibrated = 1;
                c->log_ratio = v[0];
                c->slope = v[1];
                c->mid = v[2];
                c->n_form = (double)n_form;
                c->n_original = (double)n_original;
            }
        }
    }
    free(line);
    fclose(f);
    return rc;
}

void unspinf_calibration_prune(unspinf_maps *maps, double min_log_ratio)
{
    for (size_t i = 0; i < maps->n; i++) {
        unspinf_entry *e = &maps->entries[i];
        for (int j = e->n_cands - 1; j >= 0 && e->needs_calibration; j--)
            if (!e->cands[j].calibrated || e->cands[j].log_ratio < min_log_ratio)
                unspinf_maps_drop_cand(e, j);
    }
}

double unspinf_calibration_evidence(const unspinf_site *s, int j)
{
    const unspinf_cand *c = &s->e->cands[j];
    if (c->is_form || !isfinite(s->best[j + 1]))
        return 0;
    /* the window scores hold the bonus; it is odds of its own, not a model score */
    double adv = (s->best[j + 1] - s->bonus[j + 1]) - (s->best[0] - s->bonus[0]);
    return c->calibrated ? c->slope * (adv - c->mid) : adv;
}

/* log10 of how much more often news writes c than the form, with
 * news_smoothing more of each: the counts come from some 1,800 articles, and
 * a form seen there once or never is not one authors never write (on the spun
 * tuning samples, authors' words with a clean count under 10 were changed
 * twice as often as the confidence said).  A pair seen often keeps its ratio. */
static double news_odds(const unspinf *u, const unspinf_cand *c)
{
    return log10((c->n_original + u->news_smoothing + 1) / (c->n_form + u->news_smoothing + 1));
}

void unspinf_calibration_prepare(const unspinf *u, unspinf_maps *maps)
{
    for (size_t i = 0; i < maps->n; i++) {
        unspinf_entry *e = &maps->entries[i];
        for (int j = 0; j < e->n_cands; j++)
            e->cands[j].prior_odds = news_odds(u, &e->cands[j]) + e->cands[j].log_weight +
                                     (e->needs_calibration ? u->generated_odds : u->spin_odds);
    }
}

/* odds above this count as this (log10): a certain replacement; its power
 * of ten is written from it (30 -> 1e30), so that the two cannot part */
#define ODDS_CAP 30
#define POWER_OF_TEN(x) POWER_OF_TEN_(x)
#define POWER_OF_TEN_(x) 1e##x
#define ODDS_CAP_POWER POWER_OF_TEN(ODDS_CAP)

void unspinf_calibration_terms(const unspinf *u, const unspinf_site *s, unspinf_decision_terms *t)
{
    const unspinf_entry *e = s->e;
    for (int j = 0; j < e->n_cands; j++) {
        const unspinf_cand *c = &e->cands[j];
        t->use[j] = 0;
        if (c->is_form || !isfinite(s->best[j + 1]))
            continue;
        /* log10 odds that c was written here rather than the form */
        double evidence = unspinf_calibration_evidence(s, j) + s->bonus[j + 1] - s->bonus[0];
        /* the prior alone (a rare form in a spun article) does not replace:
         * the model must lean to the original */
        if (evidence < u->min_evidence)
            continue;
        t->use[j] = 1;
        t->fixed[j] = evidence + (c->calibrated ? c->prior_odds : 0);
        t->power[j] = pow(10.0, t->fixed[j] > ODDS_CAP ? ODDS_CAP : t->fixed[j]);
    }
}

void unspinf_calibration_decide(unspinf_site *s, const unspinf_decision_terms *t, double rate_odds,
                                double rate_power)
{
    const unspinf_entry *e = s->e;
    double top = -INFINITY, sum = 0;
    s->choice = -1;
    for (int j = 0; j < e->n_cands; j++) {
        if (!t->use[j])
            continue;
        double odds = t->fixed[j], power = t->power[j];
        if (e->cands[j].calibrated) {
            odds += rate_odds;
            power *= rate_power;
        }
        if (odds > ODDS_CAP) {
            odds = ODDS_CAP;
            power = ODDS_CAP_POWER;
        }
        sum += power;
        if (odds > top) {
            top = odds;
            s->choice = j;
        }
    }
    s->conf = sum / (1.0 + sum);
}

static int by_text(const void *a, const void *b)
{
    return strcmp(((const unspinf_original *)a)->text, ((const unspinf_original *)b)->text);
}

int unspinf_calibration_index(unspinf *u, char **err)
{
    size_t n = 0;
    for (size_t i = 0; i < u->maps.n; i++)
        n += (size_t)u->maps.entries[i].n_cands;
    if (!(u->originals = calloc(n ? n : 1, sizeof *u->originals)))
        return unspin_error(err, "out of memory");
    for (size_t i = 0; i < u->maps.n; i++)
        for (int j = 0; j < u->maps.entries[i].n_cands; j++)
            if (strcmp(u->maps.entries[i].cands[j].text, u->maps.entries[i].spun))
                u->originals[u->n_originals++] = (unspinf_original){ u->maps.entries[i].cands[j].text, i, j };
    qsort(u->originals, u->n_originals, sizeof *u->originals, by_text);
    return 0;
}

size_t unspinf_calibration_find(const unspinf *u, const char *key, const unspinf_original **first)
{
    size_t lo = 0, hi = u->n_originals;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(u->originals[mid].text, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < u->n_originals && !strcmp(u->originals[end].text, key))
        end++;
    *first = u->originals + lo;
    return end - lo;
}

void unspinf_calibration_write(const unspinf *u, const char *buf, size_t n)
{
    pthread_mutex_lock((pthread_mutex_t *)&u->calibrate_lock);
    fwrite(buf, 1, n, u->calibrate_out);
    pthread_mutex_unlock((pthread_mutex_t *)&u->calibrate_lock);
}
