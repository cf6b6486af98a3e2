/* tokens.c - word splitting for the unspin filter (see tokens.h). */
#include "tokens.h"

#include <stdlib.h>
#include <string.h>

/* Length of the UTF-8 letter or digit at s, or 0.  Letters outside ASCII are
 * taken broadly: any multi-byte character except the Latin-1 symbols (C2),
 * general punctuation and symbols (E2) and specials/fullwidth forms (EF). */
static size_t letter_len(const unsigned char *s, const unsigned char *end)
{
    if (s >= end)
        return 0;
    if (*s < 0x80)
        return ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') || (*s >= '0' && *s <= '9');
    if (*s == 0xC2 || *s == 0xE2 || *s == 0xEF || *s < 0xC3 || *s > 0xF4)
        return 0;
    size_t n = *s >= 0xF0 ? 4 : *s >= 0xE0 ? 3 : 2;
    if (s + n > end)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* Length of an apostrophe at s (' or ’), or 0. */
static size_t apostrophe_len(const unsigned char *s, const unsigned char *end)
{
    if (s < end && *s == '\'')
        return 1;
    if (s + 3 <= end && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x99)
        return 3;
    return 0;
}

static unsigned char casing_of(const char *t, size_t n)
{
    int lower = 0, upper = 0, first_upper = 0, letters = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c >= 'A' && c <= 'Z') {
            if (!letters)
                first_upper = 1;
            upper++;
            letters++;
        } else if (c >= 'a' && c <= 'z') {
            lower++;
            letters++;
        }
    }
    if (!upper)
        return UNSPINF_LOWER;
    if (!lower)
        return letters > 1 ? UNSPINF_UPPER : UNSPINF_CAPITAL;
    return first_upper && upper == 1 ? UNSPINF_CAPITAL : UNSPINF_MIXED;
}

static void fill_norm(unspinf_word *w, const char *text)
{
    size_t o = 0;
    const unsigned char *s = (const unsigned char *)text + w->start, *e = (const unsigned char *)text + w->end;
    while (s < e) {
        size_t a = apostrophe_len(s, e);
        char c = a ? '\'' : (char)(*s >= 'A' && *s <= 'Z' ? *s | 0x20 : *s);
        if (o + 1 >= UNSPINF_WORD_MAX) {
            o = 0;
            break;
        }
        w->norm[o++] = c;
        s += a ? a : 1;
    }
    w->norm[o] = 0;
    w->norm_len = (unsigned char)o;
    w->base_len = w->norm_len;
    if (o > 2 && w->norm[o - 2] == '\'' && w->norm[o - 1] == 's')
        w->base_len = (unsigned char)(o - 2);
}

long unspinf_tokenize(const char *text, size_t len, unspinf_word **out)
{
    const unsigned char *s = (const unsigned char *)text, *end = s + len, *p = s;
    size_t n = 0, cap = 256;
    unspinf_word *words = malloc(cap * sizeof *words);
    if (!words)
        return -1;
    int sentence = 0, joined = 0;
    while (p < end) {
        size_t l = letter_len(p, end);
        if (!l) {
            unsigned char c = *p;
            if (c == '.' && n && words[n - 1].end == (size_t)(p - s)) {
                words[n - 1].dot = 1;
                /* a full stop before a lowercase word is an abbreviation's */
                const unsigned char *q = p + 1;
                while (q < end && (*q == ' ' || *q == '\t'))
                    q++;
                if (!(q < end && *q >= 'a' && *q <= 'z'))
                    sentence++;
            } else if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n') {
                sentence++;
            }
            if (c != ' ' && c != '\t')
                joined = 0;
            p++;
            continue;
        }
        if (n == cap) {
            unspinf_word *w = realloc(words, (cap *= 2) * sizeof *words);
            if (!w) {
                free(words);
                return -1;
            }
            words = w;
        }
        unspinf_word *w = &words[n];
        memset(w, 0, sizeof *w);
        w->start = (size_t)(p - s);
        w->joined = (unsigned char)(n && joined && words[n - 1].sentence == sentence);
        w->sentence = sentence;
        for (;;) {
            while ((l = letter_len(p, end)))
                p += l;
            size_t a = apostrophe_len(p, end);
            if ((a || (p < end && *p == '-')) && letter_len(p + (a ? a : 1), end))
                p += a ? a : 1;
            else
                break;
        }
        w->end = w->base_end = (size_t)(p - s);
        fill_norm(w, text);
        if (w->base_len < w->norm_len) {
            /* the possessive 's: two bytes, or four with ’ */
            w->base_end = w->end - 1;
            while (w->base_end > w->start && !apostrophe_len(s + w->base_end, s + w->end))
                w->base_end--;
        }
        w->casing = casing_of(text + w->start, w->base_end - w->start);
        n++;
        joined = 1;
    }
    *out = words;
    return (long)n;
}
