/* repair.c - spotting spun forms, the spin gate, and the decisions in context. */
#include "repair.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "tokens.h"

#define COMBO_LIMIT 512       /* choices tried jointly per cluster of nearby forms */
#define SEQ_MAX 64            /* words in one scoring window */
#define CONSISTENCY 1.0       /* log10 bonus for doing what the other occurrences of a form did */
#define FORM_REPEATS 3        /* occurrences of one spun form that count for the spin score */

typedef unspinf_site site;

/* The key of words [i, i+n) into buf; with_dot / base choose the last word's form. */
static size_t make_key(const unspinf_word *w, int i, int n, int base, int with_dot, char *buf, size_t cap)
{
    size_t o = 0;
    for (int k = 0; k < n; k++) {
        const unspinf_word *x = &w[i + k];
        size_t l = (k == n - 1 && base) ? x->base_len : x->norm_len;
        if (o + l + 3 > cap)
            return 0;
        if (k)
            buf[o++] = ' ';
        memcpy(buf + o, x->norm, l);
        o += l;
    }
    if (with_dot)
        buf[o++] = '.';
    buf[o] = 0;
    return o;
}

static int is_participle(const unspinf_word *x)
{
    static const char *const irregular[] = {
        "born", "built", "brought", "bought", "caught", "done", "found", "given", "gone", "held", "hit",
        "hurt", "kept", "known", "laid", "led", "left", "lost", "made", "met", "paid", "put", "run", "said",
        "seen", "sent", "set", "shot", "shown", "sold", "spent", "struck", "taken", "taught", "told",
        "thought", "won", "worn", "cut", "fought", "sought", "dealt", "felt", "heard", "meant", "hung",
        "stuck", "begun", "become", "come", "let", "shut", "split", "spread", "quit", "read", NULL };
    size_t l = x->norm_len;
    if (l > 3 && ((x->norm[l - 2] == 'e' && (x->norm[l - 1] == 'd' || x->norm[l - 1] == 'n')) ||
                  !strcmp(x->norm + l - 3, "ing")))
        return 1;
    for (int i = 0; irregular[i]; i++)
        if (!strcmp(x->norm, irregular[i]))
            return 1;
    return 0;
}

/* Whether word i (after one "-ly" adverb at most) is a participle:
 * "had been transported" is spun "were transported", "had been static" is not. */
static int participle_follows(const unspinf_word *w, long n, long i)
{
    if (i < n && w[i].norm_len > 4 && !strcmp(w[i].norm + w[i].norm_len - 2, "ly") && w[i].joined)
        i++;
    return i < n && w[i].joined && is_participle(&w[i]);
}

/* Longest spun form starting at word i, or 0. */
static int match_at(const unspinf *u, const unspinf_word *w, long n, int i, site *s)
{
    char key[UNSPINF_MAX_PHRASE * UNSPINF_WORD_MAX + 4];
    int longest = u->maps.max_words < n - i ? u->maps.max_words : (int)(n - i);
    for (int len = longest; len >= 1; len--) {
        int ok = 1;
        for (int k = 0; k < len && ok; k++)
            ok = w[i + k].norm_len && (k == 0 || w[i + k].joined);
        if (!ok)
            continue;
        const unspinf_word *last = &w[i + len - 1];
        for (int form = 0; form < 3; form++) {   /* with the dot, whole word, without 's */
            if ((form == 0 && !last->dot) || (form == 2 && last->base_len == last->norm_len))
                continue;
            size_t kl = make_key(w, i, len, form == 2, form == 0, key, sizeof key);
            const unspinf_entry *e = kl ? unspinf_maps_find(&u->maps, key, kl) : NULL;
            if (!e || (e->before_participle && !participle_follows(w, n, i + len)))
                continue;
            s->first = i;
            s->n = len;
            s->e = e;
            s->base_only = form == 2;
            s->start = w[i].start;
            s->end = form == 2 ? last->base_end : last->end + (form == 0);
            s->choice = -1;
            return len;
        }
    }
    return 0;
}

static int is_article(const unspinf_word *x)
{
    return (x->norm_len == 1 && x->norm[0] == 'a') || (x->norm_len == 2 && !memcmp(x->norm, "an", 2));
}

/* Appends option opt of site s (-1 keeps the spun form) to seq. */
static int push_option(const unspinf *u, const site *s, int opt, int *seq, int n, int article_before)
{
    const int *wids = opt < 0 ? s->e->wids : s->e->cands[opt].wids;
    int m = opt < 0 ? s->e->n_words : s->e->cands[opt].n_words;
    if (opt >= 0 && article_before && n > 0)
        seq[n - 1] = unspinf_render_wants_an(s->e->cands[opt].words[0]) ? u->wid_an : u->wid_a;
    for (int k = 0; k < m && n < SEQ_MAX; k++)
        seq[n++] = wids[k];
    return n;
}

/* Scores the cluster sites[a..b) with the options in opts; window from two
 * words before the first to two after the last, inside the sentence. */
static double score_combo(const unspinf *u, const unspinf_word *w, long nw, site *sites, int a, int b,
                          const int *opts)
{
    int seq[SEQ_MAX], n = 0;
    int first = sites[a].first, sent = w[first].sentence;
    int from = first;
    while (from > 0 && first - from < 2 && w[from - 1].sentence == sent)
        from--;
    if (first - from < 2 && (from == 0 || w[from - 1].sentence != sent))
        seq[n++] = unspinf_lm_bos(u->lm);
    for (int k = from; k < first; k++)
        seq[n++] = w[k].wid;
    int scored_from = n;
    int pos = first;
    for (int k = a; k < b; k++) {
        for (; pos < sites[k].first && n < SEQ_MAX - UNSPINF_MAX_PHRASE; pos++)
            seq[n++] = w[pos].wid;
        int article = sites[k].first > 0 && is_article(&w[sites[k].first - 1]) &&
                      (k == a || sites[k - 1].first + sites[k - 1].n < sites[k].first);
        n = push_option(u, &sites[k], opts[k - a], seq, n, article);
        pos = sites[k].first + sites[k].n;
    }
    int after = 0;
    for (; pos < nw && w[pos].sentence == sent && after < 2 && n < SEQ_MAX; pos++, after++)
        seq[n++] = w[pos].wid;
    if (after < 2 && n < SEQ_MAX)
        seq[n++] = unspinf_lm_eos(u->lm);
    double total = unspinf_lm_score(u->lm, seq, (size_t)scored_from, (size_t)n);
    for (int k = a; k < b; k++) {
        if (opts[k - a] >= 0)
            total += u->prior + sites[k].e->cands[opts[k - a]].log_weight;
        total += sites[k].bonus[opts[k - a] + 1];
    }
    return total;
}

/* Tries every combination of the options of sites[a..b) (or, past
 * COMBO_LIMIT, one site at a time) and records per site and option the best
 * score reached. */
static void decide_cluster(const unspinf *u, const unspinf_word *w, long nw, site *sites, int a, int b)
{
    int m = b - a, opts[64];
    double combos = 1;
    for (int k = a; k < b; k++) {
        combos *= sites[k].e->n_cands + 1;
        for (int o = 0; o <= sites[k].e->n_cands; o++)
            sites[k].best[o] = -INFINITY;
    }
    if (m > 64 || combos > COMBO_LIMIT) {
        for (int k = a; k < b; k++)
            opts[k - a] = -1;
        for (int k = a; k < b; k++) {
            double top = -INFINITY;
            for (int o = -1; o < sites[k].e->n_cands; o++) {
                opts[k - a] = o;
                double s = score_combo(u, w, nw, sites, a, b, opts);
                sites[k].best[o + 1] = s;
                if (s > top) {
                    top = s;
                    sites[k].choice = o;
                }
            }
            opts[k - a] = sites[k].choice;
        }
        return;
    }
    for (int k = 0; k < m; k++)
        opts[k] = -1;
    double top = -INFINITY;
    for (;;) {
        double s = score_combo(u, w, nw, sites, a, b, opts);
        for (int k = 0; k < m; k++)
            if (s > sites[a + k].best[opts[k] + 1])
                sites[a + k].best[opts[k] + 1] = s;
        if (s > top) {
            top = s;
            for (int k = 0; k < m; k++)
                sites[a + k].choice = opts[k];
        }
        int k = 0;                                  /* next combination */
        while (k < m && ++opts[k] >= sites[a + k].e->n_cands)
            opts[k++] = -1;
        if (k == m)
            break;
    }
}

/* Confidence that the site was spun: one minus the keep option's share of
 * the options' probabilities (the best window score of each, as log10). */
double unspinf_confidence(const unspinf_site *s)
{
    double top = s->best[0], sum = 0;
    for (int o = 1; o <= s->e->n_cands; o++)
        if (s->best[o] > top)
            top = s->best[o];
    for (int o = 0; o <= s->e->n_cands; o++)
        sum += pow(10.0, s->best[o] - top);
    return 1.0 - pow(10.0, s->best[0] - top) / sum;
}

static void decide_all(const unspinf *u, const unspinf_word *w, long nw, site *sites, int ns)
{
    for (int a = 0; a < ns;) {
        int b = a + 1;
        while (b < ns && w[sites[b].first].sentence == w[sites[b - 1].first].sentence &&
               sites[b].first - (sites[b - 1].first + sites[b - 1].n) <= 2)
            b++;
        decide_cluster(u, w, nw, sites, a, b);
        a = b;
    }
}

/* Gives each site a bonus for every original that another occurrence of the
 * same spun form was confidently replaced with (keeping earns nothing: a
 * spinner's habit shows in what it changed); returns whether any site got one. */
static int consistency_bonus(const unspinf *u, site *sites, int ns)
{
    int any = 0;
    int *chosen = calloc((size_t)ns, sizeof *chosen);
    if (!chosen)
        return 0;
    for (int k = 0; k < ns; k++)
        chosen[k] = unspinf_confidence(&sites[k]) >= u->threshold ? sites[k].choice : -1;
    for (int k = 0; k < ns; k++) {
        for (int j = 0; j < ns; j++)
            if (j != k && sites[j].e == sites[k].e && chosen[j] >= 0 && !sites[k].bonus[chosen[j] + 1]) {
                sites[k].bonus[chosen[j] + 1] = CONSISTENCY;
                any = 1;
            }
    }
    free(chosen);
    return any;
}

static void lookup_wids(const unspinf *u, unspinf_word *w, long n)
{
    for (long i = 0; i < n; i++) {
        w[i].wid = w[i].norm_len ? unspinf_lm_wid(u->lm, w[i].norm) : UNSPINF_LM_UNKNOWN;
        if (w[i].wid == UNSPINF_LM_UNKNOWN && w[i].base_len < w[i].norm_len) {
            char base[UNSPINF_WORD_MAX];
            memcpy(base, w[i].norm, w[i].base_len);
            base[w[i].base_len] = 0;
            w[i].wid = unspinf_lm_wid(u->lm, base);
        }
    }
}

int unspinf_repair(const unspinf *u, unspin_doc *doc, char **err)
{
    size_t len;
    const char *text = unspin_doc_text(doc, &len);
    unspinf_word *w = NULL;
    long nw = unspinf_tokenize(text, len, &w);
    if (nw < 0)
        return unspin_error(err, "out of memory");
    site *sites = malloc(((size_t)nw + 1) * sizeof *sites);
    if (!sites) {
        free(w);
        return unspin_error(err, "out of memory");
    }
    /* how often each entry was seen: one form repeated (an article about
     * Japan says "Japanese" often) counts at most FORM_REPEATS times, as a
     * spinner leaves many different fingerprints */
    unsigned char *seen = calloc(u->maps.n ? u->maps.n : 1, 1);
    if (!seen) {
        free(sites);
        free(w);
        return unspin_error(err, "out of memory");
    }
    int ns = 0;
    double evidence = 0;
    for (int i = 0; i < nw;) {
        int l = match_at(u, w, nw, i, &sites[ns]);
        if (l) {
            size_t idx = (size_t)(sites[ns].e - u->maps.entries);
            if (seen[idx] < FORM_REPEATS) {
                seen[idx]++;
                evidence += sites[ns].e->fingerprint;
            }
            ns++;
            i += l;
        } else {
            i++;
        }
    }
    free(seen);
    /* per 100 words, but a short text is not judged on one or two forms */
    double spin = 100.0 * evidence / (nw > 200 ? nw : 200);
    unspin_doc_set_stat(doc, "spin_score", spin);
    unspin_doc_set_stat(doc, "spun_forms", ns);
    int rc = 0, replaced = 0;
    if (ns && (!u->gate || spin >= u->spin_threshold)) {
        double *best = calloc((size_t)ns * 2 * (UNSPINF_MAX_CANDS + 1), sizeof *best);
        if (!best) {
            rc = unspin_error(err, "out of memory");
            goto out;
        }
        lookup_wids(u, w, nw);
        for (int k = 0; k < ns; k++) {
            sites[k].best = best + (size_t)k * 2 * (UNSPINF_MAX_CANDS + 1);
            sites[k].bonus = sites[k].best + UNSPINF_MAX_CANDS + 1;
        }
        decide_all(u, w, nw, sites, ns);
        /* a spinner substitutes the same way throughout: decide again with
         * what the other occurrences of each form came to */
        if (consistency_bonus(u, sites, ns))
            decide_all(u, w, nw, sites, ns);
        rc = unspinf_render(u, doc, text, len, w, nw, sites, ns, &replaced, err);
        free(best);
    }
    unspin_doc_set_stat(doc, "replacements", replaced);
out:
    free(sites);
    free(w);
    return rc;
}
