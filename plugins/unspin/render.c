/* render.c - putting the chosen originals into the text (see render.h). */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unspinf_buf buf;

int unspinf_buf_put(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
    return 0;
}

int unspinf_render_wants_an(const char *w)
{
    static const char *const a_before_vowel[] = { "uni", "use", "usu", "uti", "ure", "uro", "ubi", "eu", "ewe",
                                                  "one", "once", "u.", NULL };
    static const char *const an_before_h[] = { "hour", "honest", "honor", "honour", "heir", NULL };
    if (strchr("aeiou", w[0]) && w[0]) {
        for (int i = 0; a_before_vowel[i]; i++)
            if (!strncmp(w, a_before_vowel[i], strlen(a_before_vowel[i])))
                return 0;
        return 1;
    }
    for (int i = 0; an_before_h[i]; i++)
        if (!strncmp(w, an_before_h[i], strlen(an_before_h[i])))
            return 1;
    return 0;
}

int unspinf_render_article_before(const char *text, const unspinf_word *w, int first)
{
    if (first < 1 || w[first - 1].sentence != w[first].sentence)
        return 0;
    const unspinf_word *art = &w[first - 1];
    if (!((art->norm_len == 1 && art->norm[0] == 'a') || (art->norm_len == 2 && !memcmp(art->norm, "an", 2))))
        return 0;
    for (size_t i = art->end; i < w[first].start;) {
        const char *c = text + i;
        if (*c == ' ' || *c == '\t' || *c == '"' || *c == '\'' || *c == '(' || *c == '[')
            i++;
        else if (!memcmp(c, "\xe2\x80\x9c", 3) || !memcmp(c, "\xe2\x80\x98", 3))   /* “ ‘ */
            i += 3;
        else
            return 0;
    }
    return 1;
}

static void set_case(char *s, size_t n, int casing)
{
    if (casing == UNSPINF_UPPER) {
        for (size_t i = 0; i < n; i++)
            if (s[i] >= 'a' && s[i] <= 'z')
                s[i] = (char)(s[i] - 32);
    } else if (casing != UNSPINF_LOWER && n && s[0] >= 'a' && s[0] <= 'z') {
        s[0] = (char)(s[0] - 32);
    }
}

/* 1 when a word right before or after site s, in its sentence, is in
 * capitals (longer than an abbreviation). */
static int shouting_beside(const char *text, const unspinf_word *w, const unspinf_site *s)
{
    const unspinf_word *before = s->first > 0 ? &w[s->first - 1] : NULL, *after = &w[s->first + s->n];
    const unspinf_word *near[2] = { before, after };
    for (int k = 0; k < 2; k++)
        if (near[k] && near[k]->sentence == w[s->first].sentence && near[k]->end - near[k]->start > 3 &&
            unspinf_casing(text, near[k]) == UNSPINF_UPPER)
            return 1;
    return 0;
}

/* The candidate written in the case of the spun words it replaces: shouted
 * stays shouted, a capital at the start stays, Title Case stays Title Case;
 * a name the map writes with a capital keeps it. */
static int cased(const char *text, const unspinf_site *s, const unspinf_cand *c, const unspinf_word *w, buf *out)
{
    int all_upper = 1, title = 1, casing_of[UNSPINF_MAX_PHRASE];
    for (int k = 0; k < s->n; k++) {
        casing_of[k] = unspinf_casing(text, &w[s->first + k]);
        all_upper &= casing_of[k] == UNSPINF_UPPER;
        title &= casing_of[k] != UNSPINF_LOWER;
    }
    /* "FB" for "Facebook" is an abbreviation, unless the words around it
     * shout too ("JAP TROOPS") */
    if (all_upper && s->n == 1 && c->capitals && w[s->first].end - w[s->first].start <= 3 &&
        !shouting_beside(text, w, s))
        all_upper = 0;
    for (int k = 0; k < c->n_words; k++) {
        char word[UNSPINF_WORD_MAX * 2];
        size_t l = strlen(c->words[k]);
        if (l >= sizeof word)
            l = sizeof word - 1;
        memcpy(word, c->words[k], l);
        int casing = all_upper ? UNSPINF_UPPER
                   : k == 0 ? (casing_of[0] == UNSPINF_UPPER ? UNSPINF_CAPITAL : casing_of[0])
                   : c->n_words == s->n ? casing_of[k]
                   : title && s->n > 1 ? UNSPINF_CAPITAL : UNSPINF_LOWER;
        if (!all_upper && casing == UNSPINF_UPPER)
            casing = UNSPINF_CAPITAL;   /* an acronym's case is not the replacement's */
        if (casing == UNSPINF_LOWER && (c->capitals >> k & 1))
            casing = UNSPINF_CAPITAL;   /* a name ("Facebook") */
        set_case(word, l, casing);
        if ((k && unspinf_buf_put(out, " ", 1)) || unspinf_buf_put(out, word, l))
            return -1;
    }
    return 0;
}

static void describe(const unspinf *u, const unspinf_site *s, double conf, char *reason, size_t cap)
{
    int o = snprintf(reason, cap, "spin repair, confidence %.2f; window log10 scores: %s %.2f", conf,
                     s->e->spun, s->best[0]);
    for (int k = 0; k < s->e->n_cands && o > 0 && (size_t)o < cap; k++)
        o += snprintf(reason + o, cap - (size_t)o, ", %s %.2f%s", s->e->cands[k].text, s->best[k + 1],
                      k == s->choice ? " (chosen)" : "");
    (void)u;
}

int unspinf_render(const unspinf *u, unspin_doc *doc, const char *text, size_t len,
                   const unspinf_word *w, long nw, const unspinf_site *sites, int ns,
                   int *replaced, char **err)
{
    buf out = {0}, rep = {0};
    size_t pos = 0;
    int last_word = -1, logging = unspin_doc_logging(doc);
    (void)nw;
    *replaced = 0;
    for (int k = 0; k < ns; k++) {
        const unspinf_site *s = &sites[k];
        if (s->choice < 0)
            continue;
        const unspinf_cand *c = &s->e->cands[s->choice];
        double conf = s->conf;
        if (conf < u->threshold || !strcmp(c->text, s->e->spun))
            continue;
        rep.n = 0;
        if (cased(text, s, c, w, &rep))   /* a possessive 's lies after s->end and stays */
            goto oom;
        /* "a straightforward activity" -> "an easy task" */
        const unspinf_word *art = s->first > 0 ? &w[s->first - 1] : NULL;
        if (s->article && s->first - 1 > last_word) {
            int want_an = unspinf_render_wants_an(c->words[0]);
            if (want_an != (art->norm_len == 2)) {
                int casing = unspinf_casing(text, art);
                const char *fixed = want_an ? (casing == UNSPINF_UPPER ? "AN" : casing ? "An" : "an")
                                            : (casing ? "A" : "a");
                if (unspinf_buf_put(&out, text + pos, art->start - pos) || unspinf_buf_put(&out, fixed, strlen(fixed)))
                    goto oom;
                if (logging)
                    unspin_doc_log_edit(doc, art->start, art->end, text + art->start, art->end - art->start,
                                        fixed, strlen(fixed), "a/an before a spin repair", conf);
                pos = art->end;
            }
        }
        if (unspinf_buf_put(&out, text + pos, s->start - pos) || unspinf_buf_put(&out, rep.p, rep.n))
            goto oom;
        if (logging) {
            char reason[1024];
            describe(u, s, conf, reason, sizeof reason);
            unspin_doc_log_edit(doc, s->start, s->end, text + s->start, s->end - s->start, rep.p, rep.n,
                                reason, conf);
        }
        pos = s->end;
        last_word = s->first + s->n - 1;
        (*replaced)++;
    }
    free(rep.p);
    if (!*replaced) {
        free(out.p);
        return 0;
    }
    if (unspinf_buf_put(&out, text + pos, len - pos))
        goto oom;
    if (unspin_doc_take_text(doc, out.p, out.n))
        return unspin_error(err, "out of memory");
    return 0;
oom:
    free(out.p);
    free(rep.p);
    return unspin_error(err, "out of memory");
}
