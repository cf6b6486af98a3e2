/* typo.c - repairing ordinary typos in context (see typo.h). */
#include "typo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "repair.h"
#include "tokens.h"

#define MIN_LEN 3             /* shorter words ("fo", "te") are too often something else */
#define SHORT_LEN 4           /* shorter words only get swaps fixed */
#define MAX_SUGGEST 16        /* Hunspell's suggestions looked at per word */
#define MAX_EDITS 2           /* Damerau edits from the word to a suggestion */
/* A word the model knows needs this much more margin (log10): its
 * vocabulary holds common misspellings ("goverment", "wich"), but more often
 * right words Hunspell lacks ("rouble", "leant", "bourses"). */
#define KNOWN_COST 1.0
#define EDIT_COST 1.0         /* log10 cost of each edit after the first: two slips are rarer than one */

/* Only lowercase ASCII letters (before a possessive 's): the "same case
 * shape" of a plain word.  A capital marks a name or an acronym, a digit a
 * number or a code, and hyphens and apostrophes compounds and contractions
 * that Hunspell checks by other rules. */
static int plain_lowercase(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return 0;
    return n > 0;
}

/* Whether the word sits in prose: the run of non-blank bytes around it holds
 * nothing of a URL, an e-mail address, a hashtag, a handle, a path or code
 * ("bbc.co.uk/news", "@someone", "#tag", "file_name", "x=y"). */
static int in_prose(const char *text, size_t len, const unspinf_word *w)
{
    size_t a = w->start, b = w->end;
    /* an elision ("'orrible", "lovin'") is no typo */
    if ((a > 0 && text[a - 1] == '\'') || (a > 2 && !memcmp(text + a - 3, "\xE2\x80\x99", 3)) ||
        (b < len && text[b] == '\'') || (b + 2 < len && !memcmp(text + b, "\xE2\x80\x99", 3)))
        return 0;
    while (a > 0 && text[a - 1] != ' ' && text[a - 1] != '\n' && text[a - 1] != '\t')
        a--;
    while (b < len && text[b] != ' ' && text[b] != '\n' && text[b] != '\t')
        b++;
    for (size_t i = a; i < b; i++) {
        char c = text[i];
        if (strchr("@#/\\_=<>{}[]|`~^*+&$%", c) && c)
            return 0;
        if (c >= '0' && c <= '9')
            return 0;
        /* a dot inside a run ("www.bbc", "e.g") */
        if (c == '.' && i + 1 < b && ((text[i + 1] | 0x20) >= 'a' && (text[i + 1] | 0x20) <= 'z'))
            return 0;
    }
    return 1;
}

/* Whether the two differ by an ending of English inflection or derivation
 * ("childrens" -> "children", "telecom" -> "telecoms", "punky" -> "punk",
 * "wouldnt" -> "would") or
 * by a prefix ("rebalance" -> "balance", "delisting" -> "listing", "inwhich"
 * -> "which"): the word is a form the model knows less well, or two words
 * run together, not a slip of the keys. */
static int same_stem(const char *a, const char *b)
{
    static const char *const endings[] = { "s", "es", "ly", "y", "ed", "d", "ing", "ings", "e", "er", "ers",
                                           "nt", NULL };   /* "wouldnt" is "wouldn't", not "would" */
    size_t n = strlen(a), m = strlen(b);
    const char *longer = n > m ? a : b, *shorter = n > m ? b : a;
    size_t d = n > m ? n - m : m - n;
    if (!d)
        return 0;
    if (!strncmp(longer, shorter, strlen(shorter)))
        for (int i = 0; endings[i]; i++)
            if (!strcmp(longer + strlen(shorter), endings[i]))
                return 1;
    return d >= 2 && !strcmp(longer + d, shorter);
}

/* Whether b is a with two neighbouring letters swapped ("teh" -> "the"). */
static int swapped(const char *a, const char *b)
{
    size_t n = strlen(a), i = 0;
    if (strlen(b) != n)
        return 0;
    while (i < n && a[i] == b[i])
        i++;
    return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] && !strcmp(a + i + 2, b + i + 2);
}

/* Three of one letter in a row ("pleeease"): written so on purpose. */
static int drawn_out(const char *s)
{
    for (; s[0] && s[1] && s[2]; s++)
        if (s[0] == s[1] && s[1] == s[2])
            return 1;
    return 0;
}

/* Optimal string alignment distance (Damerau: a swap of neighbours is one
 * edit), or MAX_EDITS + 1 when above MAX_EDITS. */
static int damerau(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > UNSPINF_WORD_MAX || m > UNSPINF_WORD_MAX || (n > m ? n - m : m - n) > MAX_EDITS)
        return MAX_EDITS + 1;
    int d[UNSPINF_WORD_MAX + 1][UNSPINF_WORD_MAX + 1];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m] > MAX_EDITS ? MAX_EDITS + 1 : d[n][m];
}

/* The word with British spellings made American ("colour" -> "color",
 * "organisation" -> "organization", "centre" -> "center", "travelled" ->
 * "traveled", "paediatric" -> "pediatric", "programme" -> "program",
 * "judgement" -> "judgment", "amongst" -> "among", "protestor" -> "protester"), into
 * out.  Two words with the same result are spellings of one word: Hunspell's
 * en_US rejects the British one, but it is no typo. */
static void americanise(const char *s, char *out, size_t cap)
{
    /* from_pos: where it may start (not "your" -> "yor"); at_end: only there */
    static const struct { const char *from, *to; int from_pos, at_end; } rules[] = {
        { "isation", "ization", 1, 0 }, { "ise", "ize", 1, 0 }, { "isi", "izi", 1, 0 }, { "yse", "yze", 1, 0 },
        { "ysi", "yzi", 1, 0 }, { "our", "or", 2, 0 }, { "tres", "ters", 1, 1 }, { "tred", "tered", 1, 1 },
        { "tre", "ter", 1, 1 }, { "bre", "ber", 1, 1 }, { "bres", "bers", 1, 1 }, { "ence", "ense", 1, 0 },
        { "ll", "l", 1, 0 }, { "ogue", "og", 1, 0 }, { "mme", "m", 1, 1 }, { "mmes", "ms", 1, 1 },
        { "oeuvre", "euver", 1, 0 }, { "ae", "e", 1, 0 }, { "oe", "e", 1, 0 }, { "eable", "able", 1, 0 },
        { "geing", "ging", 1, 0 }, { "yre", "ire", 1, 0 }, { "ium", "um", 1, 1 }, { "scep", "skep", 0, 0 },
        { "gement", "gment", 1, 0 }, { "ongst", "ong", 1, 1 }, { "ilst", "ile", 1, 1 }, { "idst", "id", 1, 1 },
        { "practis", "practic", 0, 0 }, { "aths", "ath", 1, 1 }, { "ussed", "used", 1, 0 },
        { "ussing", "using", 1, 0 }, { "iassed", "iased", 1, 0 }, { "desp", "disp", 0, 0 },
        { "ey", "y", 3, 1 }, { "tor", "ter", 1, 1 }, { "tors", "ters", 1, 1 }, { "xe", "x", 1, 1 },
        { "ery", "ry", 3, 1 },
    };
    size_t o = 0;
    for (const char *p = s; *p && o + 8 < cap;) {
        int done = 0;
        for (size_t r = 0; r < sizeof rules / sizeof *rules && !done; r++) {
            size_t l = strlen(rules[r].from);
            if (p - s >= rules[r].from_pos && !strncmp(p, rules[r].from, l) && (!rules[r].at_end || !p[l])) {
                size_t t = strlen(rules[r].to);
                memcpy(out + o, rules[r].to, t);
                o += t;
                p += l;
                done = 1;
            }
        }
        if (!done)
            out[o++] = *p++;
    }
    out[o] = 0;
}

/* The words whose probability the choice at word i changes (i and the two
 * after it, or the sentence end), with their history: two words before, or
 * the sentence start.  seq[at] is word i; returns the length. */
static size_t window(const unspinf *u, const unspinf_word *w, long nw, long i, int *seq, size_t *at)
{
    int s = w[i].sentence;
    size_t n = 0;
    long a = i;
    while (a > 0 && a > i - 2 && w[a - 1].sentence == s)
        a--;
    if (a > i - 2 && (a == 0 || w[a - 1].sentence != s))
        seq[n++] = unspinf_lm_bos(u->lm);
    for (long j = a; j < i; j++)
        seq[n++] = unspinf_word_wid(u, &w[j]);
    *at = n;
    seq[n++] = UNSPINF_LM_UNKNOWN;   /* the word or a candidate goes here */
    long j = i + 1;
    for (; j < nw && j <= i + 2 && w[j].sentence == s; j++)
        seq[n++] = unspinf_word_wid(u, &w[j]);
    if (j <= i + 2)
        seq[n++] = unspinf_lm_eos(u->lm);
    return n;
}

/* The decision for one word (word: its base, lowercase letters): the index
 * in sugg of the best suggestion when it beats the word by the threshold,
 * else -1.  score[k] gets each suggestion's window score (-HUGE_VAL for one
 * not taken), *keep the word's own. */
static int decide(const unspinf *u, const unspinf_word *w, long nw, long i, const char *word,
                  char (*sugg)[UNSPINF_WORD_MAX], int ns, double *score, double *keep)
{
    int seq[8];
    size_t at, n = window(u, w, nw, i, seq, &at);
    seq[at] = unspinf_lm_wid(u->lm, word);
    *keep = unspinf_lm_score(u->lm, seq, at, n);
    double needed = u->typo_threshold + (seq[at] != UNSPINF_LM_UNKNOWN ? KNOWN_COST : 0);
    char mine[UNSPINF_WORD_MAX * 2], theirs[UNSPINF_WORD_MAX * 2];
    americanise(word, mine, sizeof mine);
    int best = -1;
    for (int k = 0; k < ns; k++) {
        score[k] = -HUGE_VAL;
        int wid = unspinf_lm_wid(u->lm, sugg[k]), edits = damerau(word, sugg[k]);
        /* a word of three letters has too many neighbours ("bpd" is barrels per
         * day, not "bad"): only a swap is fixed ("teh") */
        if (!plain_lowercase(sugg[k], strlen(sugg[k])) || wid == UNSPINF_LM_UNKNOWN ||
            edits > MAX_EDITS || same_stem(word, sugg[k]) ||
            (strlen(word) < SHORT_LEN && !swapped(word, sugg[k])))
            continue;
        americanise(sugg[k], theirs, sizeof theirs);
        if (!strcmp(mine, theirs))
            return -1;   /* a spelling of another country, not a typo */
        seq[at] = wid;
        score[k] = unspinf_lm_score(u->lm, seq, at, n) - EDIT_COST * (edits - 1);
        if (best < 0 || score[k] > score[best])
            best = k;
    }
    return best >= 0 && score[best] - *keep >= needed ? best : -1;
}

/* The British spelling of a suggestion when the word was closer to it
 * ("tantilising": Hunspell's en_US offers "tantalizing", the writer meant
 * "tantalising").  Changes sugg in place. */
static void keep_british(const char *word, char *sugg)
{
    static const char *const us_uk[][2] = { { "iz", "is" }, { "yz", "ys" }, { "or", "our" }, { "er", "re" },
                                            { "ense", "ence" } };
    for (size_t r = 0; r < sizeof us_uk / sizeof *us_uk; r++) {
        char alt[UNSPINF_WORD_MAX * 2];
        size_t o = 0, fl = strlen(us_uk[r][0]), tl = strlen(us_uk[r][1]);
        for (const char *p = sugg; *p && o + tl + 1 < sizeof alt;) {
            if (!strncmp(p, us_uk[r][0], fl)) {
                memcpy(alt + o, us_uk[r][1], tl);
                o += tl;
                p += fl;
            } else {
                alt[o++] = *p++;
            }
        }
        alt[o] = 0;
        if (o < UNSPINF_WORD_MAX && damerau(word, alt) < damerau(word, sugg))
            memcpy(sugg, alt, o + 1);
    }
}

static void describe(const char *word, char (*sugg)[UNSPINF_WORD_MAX], int ns, const double *score, double keep,
                     int chosen, char *reason, size_t cap)
{
    int o = snprintf(reason, cap, "typo; window log10 scores: %s %.2f", word, keep);
    for (int k = 0; k < ns && o > 0 && (size_t)o < cap; k++)
        if (score[k] > -HUGE_VAL)
            o += snprintf(reason + o, cap - (size_t)o, ", %s %.2f%s", sugg[k], score[k],
                          k == chosen ? " (chosen)" : "");
}

int unspinf_typo_repair(const unspinf *u, unspin_doc *doc, char **err)
{
    size_t len;
    const char *text = unspin_doc_text(doc, &len);
    unspinf_word *w = NULL;
    size_t cap = 0;
    long nw = unspinf_tokenize_into(text, len, NULL, &w, &cap);
    if (nw < 0)
        return unspin_error(err, "out of memory");
    unspinf_buf out = {0};
    size_t pos = 0;
    int fixed = 0, rc = 0, logging = unspin_doc_logging(doc), ready = 0;
    for (long i = 0; i < nw; i++) {
        const unspinf_word *x = &w[i];
        if (x->base_len < MIN_LEN || !plain_lowercase(text + x->start, x->base_len) || !in_prose(text, len, x) ||
            drawn_out(x->norm))
            continue;
        char word[UNSPINF_WORD_MAX];
        memcpy(word, x->norm, x->base_len);
        word[x->base_len] = 0;
        int known = unspinf_speller_knows(u->speller, word);
        if (known < 0) {
            rc = unspin_error(err, "cannot load the Hunspell dictionary");
            break;
        }
        /* a British spelling ("programme", "centre", "criticised"): no typo,
         * and no need of Hunspell's suggestions, its slowest call */
        char american[UNSPINF_WORD_MAX * 2];
        americanise(word, american, sizeof american);
        if (!known && strcmp(american, word) && strlen(american) < UNSPINF_WORD_MAX &&
            (known = unspinf_speller_knows(u->speller, american)) < 0) {
            rc = unspin_error(err, "cannot load the Hunspell dictionary");
            break;
        }
        if (known)
            continue;
        if (!ready && (rc = unspinf_lm_ready(u->lm, err)))
            break;
        ready = 1;
        char sugg[MAX_SUGGEST][UNSPINF_WORD_MAX];
        int ns = unspinf_speller_suggest(u->speller, word, &sugg[0][0], MAX_SUGGEST, UNSPINF_WORD_MAX);
        double score[MAX_SUGGEST], keep;
        int best = ns > 0 ? decide(u, w, nw, i, word, sugg, ns, score, &keep) : -1;
        if (best < 0)
            continue;
        keep_british(word, sugg[best]);
        size_t l = strlen(sugg[best]);
        if (unspinf_buf_put(&out, text + pos, x->start - pos) || unspinf_buf_put(&out, sugg[best], l)) {
            rc = unspin_error(err, "out of memory");
            break;
        }
        double margin = score[best] - keep;
        if (logging) {
            char reason[1024];
            describe(word, sugg, ns, score, keep, best, reason, sizeof reason);
            unspin_doc_log_edit(doc, x->start, x->base_end, text + x->start, x->base_end - x->start, sugg[best],
                                l, reason, 1 / (1 + pow(10, -margin)));
        }
        pos = x->base_end;   /* a possessive 's stays */
        fixed++;
    }
    free(w);
    if (!rc)
        unspin_doc_set_stat(doc, "typos_fixed", fixed);
    if (rc || !fixed) {
        free(out.p);
        return rc;
    }
    if (unspinf_buf_put(&out, text + pos, len - pos)) {
        free(out.p);
        return unspin_error(err, "out of memory");
    }
    if (unspin_doc_take_text(doc, out.p, out.n))
        return unspin_error(err, "out of memory");
    return 0;
}
