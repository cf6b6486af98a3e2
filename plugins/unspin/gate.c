/* gate.c - fingerprint weights of map entries, and their cache (see gate.h). */
#include "gate.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <unspin/filter.h>

#include "hash.h"

#define ENTRY_WIDS (UNSPINF_MAX_PHRASE * (UNSPINF_MAX_CANDS + 1))
#define GENERATED_FP_FROM 1.0   /* log10 rarity of a generated form that starts to count */
#define GENERATED_FP_MAX 2.0    /* the most one generated form counts */

/* log10 probability of a phrase on its own (first word as a unigram). */
static double phrase_logp(unspinf *u, const int *wids, int n)
{
    return unspinf_lm_score(u->lm, wids, 0, (size_t)n);
}

/* 1 when Hunspell knows w, 0 when not, -1 (and *err) when it cannot load. */
static int speller_knows(unspinf *u, const char *w, char **err)
{
    int k = unspinf_speller_knows(u->speller, w);
    if (k < 0)
        unspin_error(err, "cannot load the Hunspell dictionary");
    return k;
}

/* The weight, non-word flag and model ids of one entry, from the model and
 * Hunspell. */
static int compute_entry(unspinf *u, unspinf_entry *e, char **err)
{
    char copy[256];
    snprintf(copy, sizeof copy, "%s", e->spun);
    e->nonword = 0;
    int k = 0;
    for (char *save, *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save), k++) {
        size_t l = strlen(w);
        if (l > 1 && w[l - 1] == '.') {   /* an abbreviation: a fingerprint by itself */
            e->nonword = 1;
            w[l - 1] = 0;
        }
        e->wids[k] = unspinf_lm_wid(u->lm, w);
        /* a non-word: neither the model nor Hunspell (as is or capitalised:
         * "japanese" is fine) knows it; British spellings the model knows */
        /* (a generated form is a dictionary word: not a spinner's non-word) */
        if (e->wids[k] == UNSPINF_LM_UNKNOWN && !e->needs_calibration) {
            int known = speller_knows(u, w, err);
            if (known < 0)
                return -1;
            if (!known) {
                char cap[64];
                snprintf(cap, sizeof cap, "%s", w);
                if (cap[0] >= 'a' && cap[0] <= 'z')
                    cap[0] = (char)(cap[0] - 32);
                if ((known = speller_knows(u, cap, err)) < 0)
                    return -1;
                if (!known)
                    e->nonword = 1;
            }
        }
    }
    double best = -1e9;
    for (int j = 0; j < e->n_cands; j++) {
        unspinf_cand *c = &e->cands[j];
        for (int m = 0; m < c->n_words; m++) {
            c->wids[m] = unspinf_lm_wid(u->lm, c->words[m]);
            int known = c->wids[m] != UNSPINF_LM_UNKNOWN ? 1 : speller_knows(u, c->words[m], err);
            if (known < 0)
                return -1;
            /* a generated candidate nobody knows is not worth refusing the map
             * for: the model scores it as its unknown word */
            if (!known && e->needs_calibration)
                continue;
            if (!known)
                return unspin_error(err, "map entry \"%s\": the original \"%s\" holds \"%s\", which neither "
                                    "Hunspell nor the language model knows", e->spun, c->text, c->words[m]);
        }
        if (strcmp(c->text, e->spun)) {
            /* a rare substitution says less */
            double s = phrase_logp(u, c->wids, c->n_words) + c->log_weight;
            if (s > best)
                best = s;
        }
    }
    double gain = best - phrase_logp(u, e->wids, e->n_words);
    double fp = gain - 1.0;
    e->fingerprint = e->nonword ? 3.0 : fp < 0 ? 0 : fp > 2 ? 2 : fp;
    /* a generated form says "spun" only when news (the calibration's
     * counts) and the model's general text both write it far less often
     * than its original: "physician" for "doctor", not "region" for "area" */
    if (e->needs_calibration) {
        double ratio = -1e9;
        for (int j = 0; j < e->n_cands; j++)
            if (e->cands[j].log_ratio > ratio)
                ratio = e->cands[j].log_ratio;
        double rare = (ratio < gain ? ratio : gain) - GENERATED_FP_FROM;
        e->fingerprint = rare < 0 ? 0 : rare > GENERATED_FP_MAX ? GENERATED_FP_MAX : rare;
    } else if (e->unrated) {
        e->fingerprint = 0;   /* clean news writes it too ("won 2 of 3 games") */
    }
    return 0;
}

/* What the entry's cached values depend on besides the model and Hunspell. */
static uint64_t entry_hash(const unspinf_entry *e)
{
    uint64_t h = UNSPINF_FNV_SEED;
#define MIX(p, n) (h = unspinf_fnv(h, (p), (n)))
    MIX(e->spun, strlen(e->spun) + 1);
    for (int j = 0; j < e->n_cands; j++) {
        MIX(e->cands[j].text, strlen(e->cands[j].text) + 1);
        MIX(&e->cands[j].log_weight, sizeof e->cands[j].log_weight);
        if (e->needs_calibration)   /* its weight reads the calibration */
            MIX(&e->cands[j].log_ratio, sizeof e->cands[j].log_ratio);
    }
    MIX(&e->needs_calibration, sizeof e->needs_calibration);
    MIX(&e->unrated, sizeof e->unrated);
#undef MIX
    return h;
}

static int n_entry_wids(const unspinf_entry *e)
{
    int n = e->n_words;
    for (int j = 0; j < e->n_cands; j++)
        n += e->cands[j].n_words;
    return n;
}

/* "path<TAB>size<TAB>mtime" of a file, or "" when it cannot be read. */
static void file_identity(const char *path, char *buf, size_t cap)
{
    struct stat st;
    if (stat(path, &st))
        *buf = 0;
    else
        snprintf(buf, cap, "%s\t%lld\t%lld.%09ld", path, (long long)st.st_size, (long long)st.st_mtim.tv_sec,
                 (long)st.st_mtim.tv_nsec);
}

/* The header lines a cache must start with to fit these files. */
static void cache_header(const unspinf_gate_files *f, char *buf, size_t cap)
{
    char model[4200], aff[4200], dic[4200], path[4100];
    file_identity(f->model, model, sizeof model);
    snprintf(path, sizeof path, "%s.aff", f->hunspell);
    file_identity(path, aff, sizeof aff);
    snprintf(path, sizeof path, "%s.dic", f->hunspell);
    file_identity(path, dic, sizeof dic);
    snprintf(buf, cap, "# unspin fingerprint cache (plugins/unspin/gate.h)\nmodel\t%s\naff\t%s\ndic\t%s\n", model, aff,
             dic);
}

typedef struct cached {
    uint64_t hash;
    int nonword, n_wids;
    double fingerprint;
    int wids[ENTRY_WIDS];
} cached;

typedef struct cache {
    cached *items;
    size_t n;
    int wid_a, wid_an;
} cache;

static int by_hash(const void *a, const void *b)
{
    uint64_t x = ((const cached *)a)->hash, y = ((const cached *)b)->hash;
    return x < y ? -1 : x > y;
}

/* One "entry" line: hash, non-word flag, weight (hex float), ids. */
static int parse_entry(char *line, cached *c)
{
    char *p = line, *end;
    errno = 0;
    c->hash = strtoull(p, &end, 16);
    if (end == p || *end != '\t')
        return -1;
    c->nonword = (int)strtol(end + 1, &p, 10);
    if (*p != '\t')
        return -1;
    c->fingerprint = strtod(p + 1, &end);
    if (end == p + 1 || *end != '\t')
        return -1;
    for (c->n_wids = 0, p = end + 1; *p && *p != '\n'; c->n_wids++) {
        long v = strtol(p, &end, 10);
        if (end == p || c->n_wids == ENTRY_WIDS)
            return -1;
        c->wids[c->n_wids] = (int)v;
        p = end + (*end == ' ');
    }
    return errno ? -1 : 0;
}

static int grow_items(cache *c, size_t *alloc)
{
    cached *items = realloc(c->items, (*alloc ? *alloc * 2 : 2048) * sizeof *items);
    if (!items)
        return -1;
    c->items = items;
    *alloc = *alloc ? *alloc * 2 : 2048;
    return 0;
}

/* Reads the cache at path when it was made with these files; a missing,
 * stale or damaged cache is left empty (it is only a cache). */
static void cache_read(cache *c, const char *path, const unspinf_gate_files *f)
{
    memset(c, 0, sizeof *c);
    FILE *in = fopen(path, "r");
    if (!in)
        return;
    char header[13000], *line = NULL;
    cache_header(f, header, sizeof header);
    size_t cap = 0, hl = strlen(header), pos = 0, alloc = 0;
    int bad = 0, articles = 0;
    while (!bad && getline(&line, &cap, in) > 0) {
        size_t l = strlen(line);
        if (pos < hl) {            /* the header, line by line */
            bad = l > hl - pos || memcmp(header + pos, line, l);
            pos += l;
        } else if (!strncmp(line, "articles\t", 9)) {
            articles = sscanf(line + 9, "%d\t%d", &c->wid_a, &c->wid_an) == 2;
            bad = !articles;
        } else if (strncmp(line, "entry\t", 6) || (c->n == alloc && grow_items(c, &alloc))) {
            bad = 1;
        } else {
            bad = parse_entry(line + 6, &c->items[c->n++]);
        }
    }
    free(line);
    fclose(in);
    if (bad || pos != hl || !articles) {
        free(c->items);
        memset(c, 0, sizeof *c);
        return;
    }
    qsort(c->items, c->n, sizeof *c->items, by_hash);
}

/* Takes e's values from the cache; 0 when it holds them, -1 when not. */
static int cache_apply(const cache *c, unspinf_entry *e)
{
    cached key = { .hash = entry_hash(e) };
    const cached *hit = c->n ? bsearch(&key, c->items, c->n, sizeof *c->items, by_hash) : NULL;
    if (!hit || hit->n_wids != n_entry_wids(e))
        return -1;
    e->nonword = hit->nonword;
    e->fingerprint = hit->fingerprint;
    const int *w = hit->wids;
    memcpy(e->wids, w, (size_t)e->n_words * sizeof *w);
    w += e->n_words;
    for (int j = 0; j < e->n_cands; j++) {
        memcpy(e->cands[j].wids, w, (size_t)e->cands[j].n_words * sizeof *w);
        w += e->cands[j].n_words;
    }
    return 0;
}

static int cache_write(const unspinf *u, const unspinf_gate_files *f, char **err)
{
    FILE *out = fopen(f->cache_out, "w");
    if (!out)
        return unspin_error(err, "cannot write \"%s\": %s", f->cache_out, strerror(errno));
    char header[13000];
    cache_header(f, header, sizeof header);
    fputs(header, out);
    fprintf(out, "articles\t%d\t%d\n", u->wid_a, u->wid_an);
    for (size_t i = 0; i < u->maps.n; i++) {
        const unspinf_entry *e = &u->maps.entries[i];
        fprintf(out, "entry\t%016" PRIx64 "\t%d\t%a\t", entry_hash(e), e->nonword, e->fingerprint);
        for (int k = 0; k < e->n_words; k++)
            fprintf(out, k ? " %d" : "%d", e->wids[k]);
        for (int j = 0; j < e->n_cands; j++)
            for (int k = 0; k < e->cands[j].n_words; k++)
                fprintf(out, " %d", e->cands[j].wids[k]);
        fputc('\n', out);
    }
    if (ferror(out) | fclose(out))
        return unspin_error(err, "cannot write \"%s\"", f->cache_out);
    return 0;
}

int unspinf_gate_prepare(unspinf *u, const unspinf_gate_files *files, char **err)
{
    cache c;
    if (files->cache && !files->cache_out)
        cache_read(&c, files->cache, files);
    else
        memset(&c, 0, sizeof c);
    int rc = 0;
    if (c.n) {
        u->wid_a = c.wid_a;
        u->wid_an = c.wid_an;
    } else if (!(rc = unspinf_lm_ready(u->lm, err))) {
        u->wid_a = unspinf_lm_wid(u->lm, "a");
        u->wid_an = unspinf_lm_wid(u->lm, "an");
    }
    for (size_t i = 0; i < u->maps.n && !rc; i++) {
        unspinf_entry *e = &u->maps.entries[i];
        if (cache_apply(&c, e))
            rc = unspinf_lm_ready(u->lm, err) || compute_entry(u, e, err) ? -1 : 0;
    }
    free(c.items);
    if (!rc && files->cache_out)
        rc = cache_write(u, files, err);
    return rc;
}
