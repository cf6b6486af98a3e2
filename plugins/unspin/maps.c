/* maps.c - reading the reverse synonym maps (format in maps.h). */
#include "maps.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unspin/filter.h>

#include "mapindex.h"

/* Lowercases s in place, turns ’ into ', squeezes blanks; returns word count
 * or -1 when a word is too long a phrase or the text is empty. */
static int normalise(char *s)
{
    char *w = s, *r = s;
    int words = 0, in_word = 0;
    while (*r) {
        if (!strncmp(r, "\xe2\x80\x99", 3)) {
            *w++ = '\'';
            r += 3;
            in_word = in_word ? in_word : (words++, 1);
        } else if (isspace((unsigned char)*r)) {
            if (in_word)
                *w++ = ' ';
            in_word = 0;
            r++;
        } else {
            if (!in_word)
                words++;
            in_word = 1;
            *w++ = (char)tolower((unsigned char)*r++);
        }
    }
    if (w > s && w[-1] == ' ')
        w--;
    *w = 0;
    return words == 0 || words > UNSPINF_MAX_PHRASE ? -1 : words;
}

/* The spun form s as the tokenizer (tokens.h) splits text: an abbreviation's
 * inner full stop ends a word ("p.c." is "p." then "c."), so a space is put
 * after it.  Returns a malloc()ed copy, or NULL when out of memory; *bad is
 * set to a character no word of the text ever holds ("%", "/"), else 0. */
static char *form_as_words(const char *s, char *bad)
{
    char *out = malloc(2 * strlen(s) + 1), *w = out;
    *bad = 0;
    if (!out)
        return NULL;
    for (const unsigned char *r = (const unsigned char *)s; *r; r++) {
        if (!isalnum(*r) && !isspace(*r) && *r < 0x80 && !strchr("'-.", *r) && !*bad)
            *bad = (char)*r;
        *w++ = (char)*r;
        if (*r == '.' && (isalnum(r[1]) || r[1] >= 0x80))
            *w++ = ' ';
    }
    *w = 0;
    return out;
}

static int split_words(char *copy, char **words)
{
    int n = 0;
    char *save;
    for (char *t = strtok_r(copy, " ", &save); t && n < UNSPINF_MAX_PHRASE; t = strtok_r(NULL, " ", &save))
        words[n++] = t;
    return n;
}

static unspinf_entry *entry_for(unspinf_maps *m, char *spun, int n_words)
{
    const unspinf_entry *found = unspinf_maps_find(m, spun, strlen(spun));
    if (found) {
        free(spun);
        return (unspinf_entry *)found;
    }
    if (unspinf_grow((void **)&m->entries, &m->cap, m->n, sizeof *m->entries))
        return NULL;
    unspinf_entry *e = &m->entries[m->n++];
    memset(e, 0, sizeof *e);
    e->spun = spun;
    e->n_words = n_words;
    if (n_words > m->max_words)
        m->max_words = n_words;
    return unspinf_index_add_form(m, m->n - 1) ? NULL : e;
}

/* Whether word is a form of "be" that needs a singular or a plural subject. */
static int verb_number(const char *word)
{
    if (!word)
        return 0;
    return !strcmp(word, "is") || !strcmp(word, "was") ? UNSPINF_SINGULAR
         : !strcmp(word, "are") || !strcmp(word, "were") ? UNSPINF_PLURAL : 0;
}

static int add_cand(unspinf_maps *m, unspinf_entry *e, const char *text, double weight, unsigned capitals)
{
    for (int i = 0; i < e->n_cands; i++)
        if (!strcmp(e->cands[i].text, text))
            return 0;          /* given twice: the first weight stands */
    if (e->n_cands == UNSPINF_MAX_CANDS)
        return -2;
    unspinf_cand *c = realloc(e->cands, (size_t)(e->n_cands + 1) * sizeof *c);
    if (!c)
        return -1;
    e->cands = c;
    c = &e->cands[e->n_cands];
    memset(c, 0, sizeof *c);
    c->text = strdup(text);
    char *copy = strdup(text);
    if (!c->text || !copy) {
        free(c->text);
        free(copy);
        return -1;
    }
    c->n_words = split_words(copy, c->words);
    c->capitals = capitals;
    c->is_form = !strcmp(text, e->spun);
    c->verb_number = verb_number(c->words[0]);
    c->log_weight = weight > 0 ? __builtin_log10(weight) : -9;
    e->n_cands++;
    /* a generated original is common everywhere: it does not count as one the spinner left */
    return strcmp(text, e->spun) && !e->unrated && unspinf_index_add_original(m, text) ? -1 : 0;
}

/* One "original (weight)" item; text is modified. */
/* Which words of an original (item as written) start with a capital. */
static unsigned capital_words(const char *item)
{
    unsigned mask = 0;
    int k = -1, in_word = 0;
    for (const char *p = item; *p && *p != '('; p++) {
        if (isspace((unsigned char)*p)) {
            in_word = 0;
        } else if (!in_word) {
            in_word = 1;
            if (++k < UNSPINF_MAX_PHRASE && isupper((unsigned char)*p))
                mask |= 1u << k;
        }
    }
    return mask;
}

static int parse_cand(char *item, char **text, double *weight, unsigned *capitals)
{
    *capitals = capital_words(item);
    *weight = 1.0;
    char *open = strchr(item, '(');
    if (open) {
        char *end;
        errno = 0;
        *weight = strtod(open + 1, &end);
        while (isspace((unsigned char)*end))
            end++;
        if (errno || end == open + 1 || *end != ')' || !(*weight > 0 && *weight <= 1))
            return -1;
        for (end++; *end; end++)
            if (!isspace((unsigned char)*end))
                return -1;
        *open = 0;
    }
    *text = item;
    return normalise(item) < 0 ? -1 : 0;
}

int unspinf_maps_load(unspinf_maps *m, const char *path, char **err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return unspin_error(err, "cannot open map \"%s\": %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, rc = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        char *p = line;
        while (isspace((unsigned char)*p))
            p++;
        if (!*p)
            continue;
        int before_participle = 0, calibrated = 0, unrated = 0;
        char *at = strchr(p, '@');
        if (at) {
            *at = 0;
            char *save;
            for (char *cond = strtok_r(at + 1, " \t\r\n@", &save); cond; cond = strtok_r(NULL, " \t\r\n@", &save)) {
                if (!strcmp(cond, "before-participle"))
                    before_participle = 1;
                else if (!strcmp(cond, "calibrated"))
                    calibrated = 1;
                else if (!strcmp(cond, "unrated"))
                    unrated = 1;
                else {
                    rc = unspin_error(err, "%s:%d: unknown condition \"@%s\" (known: @before-participle, "
                                           "@calibrated, @unrated)", path, lineno, cond);
                    break;
                }
            }
            if (rc)
                break;
        }
        char *eq = strchr(p, '=');
        if (!eq) {
            rc = unspin_error(err, "%s:%d: expected \"spun form = original | ...\"", path, lineno);
            break;
        }
        *eq = 0;
        char bad, *spun = form_as_words(p, &bad);
        int n = spun ? normalise(spun) : 0;
        if (spun && (bad || n < 0)) {
            if (bad)
                rc = unspin_error(err, "%s:%d: the spun form holds \"%c\", which no word of a text holds (a form "
                                       "is words: letters, digits, ' and -, and abbreviations' full stops)",
                                  path, lineno, bad);
            else
                rc = unspin_error(err, "%s:%d: the spun form is empty or longer than %d words", path, lineno,
                                  UNSPINF_MAX_PHRASE);
            free(spun);
            break;
        }
        unspinf_entry *e = spun ? entry_for(m, spun, n) : NULL;
        if (!e) {
            rc = unspin_error(err, "out of memory");
            break;
        }
        e->before_participle |= before_participle;
        e->needs_calibration |= calibrated;
        e->unrated |= unrated || calibrated;
        int n_items = 0;
        for (char *item = eq + 1, *bar; item; item = bar) {
            bar = strchr(item, '|');
            if (bar)
                *bar++ = 0;
            char *text;
            double w;
            unsigned capitals;
            if (parse_cand(item, &text, &w, &capitals)) {
                rc = unspin_error(err, "%s:%d: bad original (give words, then an optional weight in (0,1] "
                                       "in parentheses)", path, lineno);
                break;
            }
            int r = add_cand(m, e, text, w, capitals);
            if (r) {
                rc = r == -2 ? unspin_error(err, "%s:%d: \"%s\" has more than %d originals", path, lineno,
                                            e->spun, UNSPINF_MAX_CANDS)
                             : unspin_error(err, "out of memory");
                break;
            }
            n_items++;
        }
        if (rc)
            break;
        if (!n_items) {
            rc = unspin_error(err, "%s:%d: no original given after \"=\"", path, lineno);
            break;
        }
    }
    free(line);
    fclose(f);
    return rc;
}

void unspinf_maps_drop_cand(unspinf_entry *e, int j)
{
    free(e->cands[j].text);
    free(e->cands[j].words[0]);
    memmove(&e->cands[j], &e->cands[j + 1], (size_t)(e->n_cands - j - 1) * sizeof *e->cands);
    e->n_cands--;
}

void unspinf_maps_free(unspinf_maps *m)
{
    for (size_t i = 0; i < m->n; i++) {
        unspinf_entry *e = &m->entries[i];
        for (int j = 0; j < e->n_cands; j++) {
            free(e->cands[j].text);
            free(e->cands[j].words[0]);
        }
        free(e->cands);
        free(e->spun);
    }
    free(m->entries);
    unspinf_index_free(m);
    memset(m, 0, sizeof *m);
}
