/* literals.c - the literal text a pattern requires, read from its source.
 *
 * "(?:.* )?all rights reserved\.?.*" cannot match a line without "all rights
 * reserved"; ".*[0-9].* (said|says|wrote):" not without one of "said", "says",
 * "wrote".  Lookarounds and groups with options require nothing here.  A sequence's best requirement is its longest run of plain
 * characters or an unquantified group whose every branch has one; a line
 * missing all of them is skipped without running the regular expression.
 * The set is only ever a necessary condition, so any doubt gives no set.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "literals.h"

void boilerplate_literals_free(boilerplate_literals *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->text[i]);
    l->count = 0;
}

/* The shortest member: how selective a set is (0 for the empty set). */
static size_t score(const boilerplate_literals *l)
{
    size_t m = 0;
    for (size_t i = 0; i < l->count; i++)
        if (i == 0 || l->len[i] < m)
            m = l->len[i];
    return m;
}

/* Keeps the better of *best and *cand (cand is consumed). */
static void keep_better(boilerplate_literals *best, boilerplate_literals *cand)
{
    size_t a = score(best), b = score(cand);
    if (b > a || (b == a && b && cand->count < best->count)) {
        boilerplate_literals_free(best);
        *best = *cand;
    } else {
        boilerplate_literals_free(cand);
    }
    cand->count = 0;
}

/* Past a character class starting at s ('['), or NULL. */
static const char *skip_class(const char *s, const char *e)
{
    s++;
    if (s < e && *s == '^')
        s++;
    if (s < e && *s == ']')
        s++;                                   /* a leading ']' is literal */
    while (s < e && *s != ']') {
        if (*s == '\\')
            s++;
        else if (*s == '[' && s + 1 < e && s[1] == ':') {
            const char *c = strstr(s + 2, ":]");   /* [:space:] */
            if (!c || c >= e)
                return NULL;
            s = c + 1;
        }
        s++;
    }
    return s < e ? s + 1 : NULL;
}

/* Past the group starting at s ('('), or NULL. */
static const char *skip_group(const char *s, const char *e)
{
    int depth = 0;
    while (s < e) {
        if (*s == '\\')
            s += 2;
        else if (*s == '[') {
            if (!(s = skip_class(s, e)))
                return NULL;
        } else {
            depth += *s == '(';
            depth -= *s == ')';
            s++;
            if (depth == 0)
                return s;
        }
    }
    return NULL;
}

/* Past a quantifier at s (*, +, ?, {n}, {n,}, {n,m}, {,m} and a lazy or
 * possessive mark), or s itself when there is none. */
static const char *skip_quantifier(const char *s, const char *e)
{
    const char *q = s;
    if (q < e && (*q == '*' || *q == '+' || *q == '?'))
        q++;
    else if (q < e && *q == '{') {
        const char *p = q + 1;
        while (p < e && isdigit((unsigned char)*p))
            p++;
        if (p < e && *p == ',')
            for (p++; p < e && isdigit((unsigned char)*p); p++)
                ;
        if (p == q + 1 || p >= e || *p != '}')
            return s;                          /* not a quantifier */
        q = p + 1;
    } else
        return s;
    if (q < e && (*q == '?' || *q == '+'))
        q++;
    return q;
}

static int alternatives(const char *s, const char *e, boilerplate_literals *out);

/* How common a byte is in English text, for picking the byte of a literal
 * that memchr() finds least often: space first, then letters by frequency;
 * punctuation, digits and non-ASCII bytes are rare. */
static int commonness(unsigned char c)
{
    static const char order[] = "zqxjkvbpygfwmucldrhsnioate ";
    const char *at = c ? strchr(order, c) : NULL;
    return at ? (int)(at - order) + 1 : 0;
}

static size_t rarest(const char *text, size_t len)
{
    size_t best = 0;
    for (size_t i = 1; i < len; i++)
        if (commonness((unsigned char)text[i]) < commonness((unsigned char)text[best]))
            best = i;
    return best;
}

/* The run of characters in run[0..len) as a one-member set. */
static int run_set(const char *run, size_t len, boilerplate_literals *out)
{
    out->count = 0;
    if (!len)
        return 0;
    if (!(out->text[0] = malloc(len + 1)))
        return -1;
    memcpy(out->text[0], run, len);
    out->text[0][len] = 0;
    out->len[0] = len;
    out->anchor[0] = rarest(run, len);
    out->ngram[0] = 0;
    for (size_t i = 0; i + 1 < len && i < BOILERPLATE_LITERALS_GRAMS; i++)
        out->gram[0][out->ngram[0]++] = (uint16_t)boilerplate_gram((unsigned char)run[i],
                                                                   (unsigned char)run[i + 1]);
    out->count = 1;
    return 0;
}

/* The best requirement of a sequence without top-level '|'. */
static int sequence(const char *s, const char *e, boilerplate_literals *best)
{
    char *run = malloc((size_t)(e - s) + 1);
    size_t len = 0;
    boilerplate_literals cand = { .count = 0 };
    best->count = 0;
    if (!run)
        return -1;
    while (s < e) {
        int literal = -1;                      /* the character, or -1 */
        const char *inner = NULL, *inner_end = NULL, *next;
        if (*s == '\\' && s + 1 < e) {
            if (isalnum((unsigned char)s[1]))
                goto unknown;                  /* \d, \x41, \1: not plain text */
            literal = (unsigned char)s[1];
            next = s + 2;
        } else if (*s == '[') {
            if (!(next = skip_class(s, e)))
                goto unknown;
        } else if (*s == '(') {
            if (!(next = skip_group(s, e)))
                goto unknown;
            if (s[1] != '?' && s[1] != '*') {          /* a group */
                inner = s + 1;
                inner_end = next - 1;
            } else if (s[1] == '?' && s[2] == ':') {   /* a group that does not capture */
                inner = s + 3;
                inner_end = next - 1;
            }                     /* else lookaround, options, ...: requires nothing */
        } else {
            if (*s != '.' && *s != '^' && *s != '$' && *s != '{')
                literal = (unsigned char)*s;
            next = s + 1;
        }
        const char *after = skip_quantifier(next, e);
        if (literal >= 0 && after == next) {
            run[len++] = (char)tolower(literal);
        } else {
            if (run_set(run, len, &cand))
                goto oom;
            keep_better(best, &cand);
            len = 0;
            if (inner && after == next) {
                if (alternatives(inner, inner_end, &cand))
                    goto oom;
                keep_better(best, &cand);
            }
        }
        s = after;
    }
    if (run_set(run, len, &cand))
        goto oom;
    keep_better(best, &cand);
    free(run);
    return 0;
unknown:
    free(run);
    boilerplate_literals_free(best);
    return 0;
oom:
    free(run);
    boilerplate_literals_free(best);
    return -1;
}

/* The union of the branches' requirements; nothing if one branch has none. */
static int alternatives(const char *s, const char *e, boilerplate_literals *out)
{
    out->count = 0;
    const char *b = s;
    for (const char *p = s;; ) {
        if (p < e && *p == '\\') {
            p += 2;
            continue;
        }
        if (p < e && (*p == '[' || *p == '(')) {
            const char *q = *p == '[' ? skip_class(p, e) : skip_group(p, e);
            if (!q)
                goto none;
            p = q;
            continue;
        }
        if (p < e && *p != '|') {
            p++;
            continue;
        }
        boilerplate_literals branch;
        if (sequence(b, p < e ? p : e, &branch))
            goto oom;
        if (branch.count == 0 || out->count + branch.count > BOILERPLATE_LITERALS_MAX) {
            boilerplate_literals_free(&branch);
            goto none;
        }
        for (size_t i = 0; i < branch.count; i++) {
            out->text[out->count] = branch.text[i];
            out->anchor[out->count] = branch.anchor[i];
            out->ngram[out->count] = branch.ngram[i];
            memcpy(out->gram[out->count], branch.gram[i], sizeof branch.gram[i]);
            out->len[out->count++] = branch.len[i];
        }
        if (p >= e)
            return 0;
        b = ++p;
    }
none:
    boilerplate_literals_free(out);
    return 0;
oom:
    boilerplate_literals_free(out);
    return -1;
}

int boilerplate_literals_of(const char *pattern, boilerplate_literals *out)
{
    out->count = 0;
    /* Inline options such as (?x) or (?i) change the meaning of what follows
     * them, \Q...\E quotes brackets and verbs such as (*UTF) set the mode:
     * no guess.  (Options with a group, (?-i:...), only make that group
     * opaque; escapes such as \d are handled where they stand.) */
    for (const char *p = pattern; *p; p++) {
        if (*p == '\\' && p[1] == 'Q')
            return 0;
        if (*p == '\\' && p[1])
            p++;
        else if (*p == '(' && (p[1] == '*' || (p[1] == '?' && p[2] == '#')))
            return 0;
        else if (*p == '(' && p[1] == '?') {
            size_t n = 2 + strspn(p + 2, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-^");
            if (n > 2 && p[n] == ')')
                return 0;
        }
    }
    return alternatives(pattern, pattern + strlen(pattern), out);
}

void boilerplate_literals_grams(const char *lower, size_t len, boilerplate_grams *g)
{
    memset(g, 0, sizeof *g);
    for (size_t i = 0; i + 1 < len; i++) {
        unsigned b = boilerplate_gram((unsigned char)lower[i], (unsigned char)lower[i + 1]);
        g->bit[b >> 6] |= (uint64_t)1 << (b & 63);
    }
}

int boilerplate_literals_found(const boilerplate_literals *l, const boilerplate_grams *g,
                               const char *lower, size_t len)
{
    if (!l->count)
        return 1;
    /* A literal whose byte pairs are not all in the line is not in it; the
     * rest: memchr() for the literal's rarest byte, then a compare (much
     * cheaper than memmem() on lines this short). */
    for (size_t i = 0; i < l->count; i++) {
        size_t n = l->len[i], a = l->anchor[i], k = 0;
        if (n > len)
            continue;
        while (k < l->ngram[i] && g->bit[l->gram[i][k] >> 6] >> (l->gram[i][k] & 63) & 1)
            k++;
        if (k < l->ngram[i])
            continue;
        const char *p = lower + a, *end = lower + (len - n) + a + 1;
        while (p < end && (p = memchr(p, l->text[i][a], (size_t)(end - p)))) {
            if (!memcmp(p - a, l->text[i], n))
                return 1;
            p++;
        }
    }
    return 0;
}
