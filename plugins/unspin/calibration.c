/* calibration.c - the model's verdict weighed per map entry (see calibration.h). */
#include "calibration.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unspin/filter.h>

/* A number of the calibration: make-calibration writes plain decimals
 * ("-1.325"), read here without strtod, which costs most of the start-up on
 * the generated map's ~54k lines; anything else goes to strtod.  0 when s is
 * a whole finite number. */
static int calibration_number(const char *s, double *out)
{
    const char *p = s + (*s == '-');
    double v = 0, scale = 1;
    int digits = 0;
    for (; *p >= '0' && *p <= '9' && digits < 15; p++, digits++)
        v = v * 10 + (*p - '0');
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9' && digits < 15; p++, digits++)
            v = v * 10 + (*p - '0'), scale *= 10;
    if (digits && !*p) {
        *out = (*s == '-' ? -v : v) / scale;
        return 0;
    }
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return errno || end == s || *end != 0 || !isfinite(*out) ? -1 : 0;
}

int unspinf_calibration_load(unspinf_maps *maps, const char *path, char **err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return unspin_error(err, "cannot open calibration \"%s\": %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, rc = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (line[len - 1] == '\n')
            line[len - 1] = 0;
        char *field[7] = { line };
        int n = 1;
        for (char *p = line; n < 7 && (p = strchr(p, '\t')); n++)
            *p++ = 0, field[n] = p;
        /* the numbers are read only for loaded pairs (the generated map's
         * lines are most of the file and it is opt-in) */
        unspinf_entry *e = n == 7 ? (unspinf_entry *)unspinf_maps_find(maps, field[0], strlen(field[0])) : NULL;
        double v[3];
        for (int j = 0; e && j < e->n_cands && !rc; j++) {
            unspinf_cand *c = &e->cands[j];
            if (strcmp(c->text, field[1]))
                continue;
            for (int k = 0; k < 3 && !rc; k++)
                rc = calibration_number(field[2 + k], &v[k]);
            if (!rc) {
                c->calibrated = 1;
                c->log_ratio = v[0];
                c->slope = v[1];
                c->mid = v[2];
            }
        }
        if (n != 7 || rc || strchr(field[6], '\t')) {
            rc = unspin_error(err, "%s:%d: expected \"spun form<TAB>original<TAB>log_ratio<TAB>slope<TAB>mid"
                                   "<TAB>n_form<TAB>n_original\" with numbers", path, lineno);
            break;
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
    if (!strcmp(c->text, s->e->spun) || !isfinite(s->best[j + 1]))
        return 0;
    /* the window scores hold the bonus; it is odds of its own, not a model score */
    double adv = (s->best[j + 1] - s->bonus[j + 1]) - (s->best[0] - s->bonus[0]);
    return c->calibrated ? c->slope * (adv - c->mid) : adv;
}

void unspinf_calibration_decide(const unspinf *u, unspinf_site *s, double rate_odds)
{
    const unspinf_entry *e = s->e;
    double top = -INFINITY, sum = 0;
    s->choice = -1;
    for (int j = 0; j < e->n_cands; j++) {
        const unspinf_cand *c = &e->cands[j];
        if (!strcmp(c->text, e->spun) || !isfinite(s->best[j + 1]))
            continue;
        /* log10 odds that c was written here rather than the form */
        double evidence = unspinf_calibration_evidence(s, j) + s->bonus[j + 1] - s->bonus[0];
        /* the prior alone (a rare form in a spun article) does not replace:
         * the model must lean to the original */
        if (evidence < u->min_evidence)
            continue;
        double odds = evidence;
        if (c->calibrated)
            odds += c->log_ratio + c->log_weight + (e->needs_calibration ? u->generated_odds : u->spin_odds) +
                    u->rate_weight * rate_odds;
        if (odds > 30)
            odds = 30;
        sum += pow(10.0, odds);
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
