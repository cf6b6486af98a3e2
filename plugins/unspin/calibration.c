/* calibration.c - the model's verdict weighed per map entry (see calibration.h). */
#include "calibration.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* The whole of f, NUL-terminated, its length in *len; NULL (errno set)
 * when it cannot be read.  One read instead of a getline() a line. */
static char *read_all(FILE *f, size_t *len)
{
    struct stat st;
    size_t cap = fstat(fileno(f), &st) == 0 && st.st_size > 0 ? (size_t)st.st_size + 2 : 1 << 16, n = 0;
    char *b = malloc(cap);
    for (size_t got; b && (got = fread(b + n, 1, cap - n - 1, f)) > 0;)
        if ((n += got) + 1 == cap) {
            char *bigger = realloc(b, cap *= 2);
            if (!bigger)
                free(b);
            b = bigger;
        }
    if (b && ferror(f)) {
        free(b);
        b = NULL;
    }
    if (b) {
        b[n] = 0;
        *len = n;
    }
    return b;
}

/* Cuts line [p, end) at its TABs into NUL-terminated fields; the number of
 * fields, at most max + 1 (more than max). */
static int split_fields(char *p, char *end, char **field, int max)
{
    int n = 0;
    for (field[n++] = p; n <= max && (p = memchr(p, '\t', (size_t)(end - p))); n++)
        *p++ = 0, field[n] = p;
    *end = 0;
    return n;
}

/* The numbers of a line: log_ratio, slope and mid in v, the two counts; 0
 * when all are numbers (counts whole and not negative). */
static int read_numbers(char *const *field, double v[3], long *n_form, long *n_original)
{
    char *end_form, *end_original;
    *n_form = strtol(field[5], &end_form, 10);
    *n_original = strtol(field[6], &end_original, 10);
    if (*n_form < 0 || *n_original < 0 || end_form == field[5] || end_original == field[6] || *end_form ||
        *end_original)
        return -1;
    for (int k = 0; k < 3; k++) {
        char *end;
        if (simple_decimal(field[2 + k], &v[k]))
            continue;
        errno = 0;
        v[k] = strtod(field[2 + k], &end);
        if (errno || end == field[2 + k] || *end != 0 || !isfinite(v[k]))
            return -1;
    }
    return 0;
}

/* Whether e has a candidate original. */
static int has_cand(const unspinf_entry *e, const char *original)
{
    for (int j = 0; e && j < e->n_cands; j++)
        if (!strcmp(e->cands[j].text, original))
            return 1;
    return 0;
}

/* The TABs in [p, end), eight bytes at a time: the line check of 60,000
 * unread lines (a byte loop or memchr() per TAB cost as much as the rest). */
static int count_tabs(const char *p, const char *end)
{
    const uint64_t low7 = 0x7f7f7f7f7f7f7f7full, tabs = 0x0909090909090909ull;
    int n = 0;
    for (; end - p >= 8; p += 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        w ^= tabs;                                     /* a TAB byte is now 0 */
        uint64_t zero = ~(((w & low7) + low7) | w | low7);   /* 0x80 where a byte is 0 */
        n += (int)(((zero >> 7) * 0x0101010101010101ull) >> 56);
    }
    for (; p < end; p++)
        n += *p == '\t';
    return n;
}

/* Most lines are for entries that are not loaded (90% for the opt-in
 * thesaurus.map): such a line is checked for its seven fields only, and its
 * numbers are read when its entry is loaded.  Reading them all was most of
 * the start-up.  Lines of one form come together (the file is sorted), so
 * the form is looked up once for them. */
int unspinf_calibration_load(unspinf_maps *maps, const char *path, char **err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return unspin_error(err, "cannot open calibration \"%s\": %s", path, strerror(errno));
    size_t len;
    char *buf = read_all(f, &len);
    int read_errno = errno;
    fclose(f);
    if (!buf)
        return unspin_error(err, "cannot read calibration \"%s\": %s", path, strerror(read_errno));
    unspinf_entry *e = NULL;
    const char *last_form = "";
    size_t last_len = 0;
    int lineno = 0, rc = 0;
    for (char *line = buf, *end = buf + len, *next; line < end; line = next) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        char *line_end = nl ? nl : end;
        next = line_end + (nl != NULL);
        lineno++;
        if (line == line_end || line[0] == '#')
            continue;
        char *tab = memchr(line, '\t', (size_t)(line_end - line));
        size_t form_len = tab ? (size_t)(tab - line) : 0;
        if (tab && (form_len != last_len || memcmp(line, last_form, form_len))) {
            e = (unspinf_entry *)unspinf_maps_find(maps, line, form_len);
            last_form = line;
            last_len = form_len;
        }
        char *field[8];
        int n = !tab ? 1 : e ? split_fields(line, line_end, field, 7) : 2 + count_tabs(tab + 1, line_end);
        int loaded = n == 7 && e && has_cand(e, field[1]);
        double v[3];
        long n_form, n_original;
        if (n != 7 || (loaded && read_numbers(field, v, &n_form, &n_original))) {
            rc = unspin_error(err, "%s:%d: expected \"spun form<TAB>original<TAB>log_ratio<TAB>slope<TAB>mid"
                                   "<TAB>n_form<TAB>n_original\" with numbers", path, lineno);
            break;
        }
        for (int j = 0; loaded && j < e->n_cands; j++) {
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
    free(buf);
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
