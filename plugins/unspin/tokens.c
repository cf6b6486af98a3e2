/* tokens.c - word splitting for the unspin filter (see tokens.h).
 *
 * This runs over every byte of every article, spun or not, so it is one pass
 * with a byte-class table: a word's bytes are classified, lowercased into
 * norm and counted for its case as they are read. */
#include "tokens.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { OTHER = 0, UPPER_ASCII, LOWER_ASCII, DIGIT_ASCII, LEAD2, LEAD3, LEAD4 };

/* Letters outside ASCII are taken broadly: any multi-byte character except
 * the Latin-1 symbols (C2), general punctuation and symbols (E2) and
 * specials/fullwidth forms (EF). */
static const unsigned char byte_class[256] = {
    ['0' ... '9'] = DIGIT_ASCII,
    ['A' ... 'Z'] = UPPER_ASCII,
    ['a' ... 'z'] = LOWER_ASCII,
    [0xC3 ... 0xDF] = LEAD2,
    [0xE0 ... 0xE1] = LEAD3,
    [0xE3 ... 0xEE] = LEAD3,
    [0xF0 ... 0xF4] = LEAD4,
};

/* Length of the UTF-8 letter or digit at s, or 0. */
static inline size_t letter_len(const unsigned char *s, const unsigned char *end)
{
    if (s >= end)
        return 0;
    unsigned char k = byte_class[*s];
    if (k <= DIGIT_ASCII)
        return k != OTHER;
    size_t n = (size_t)(k - LEAD2) + 2;
    if ((size_t)(end - s) < n)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* Length of an apostrophe at s (' or ’), or 0. */
static inline size_t apostrophe_len(const unsigned char *s, const unsigned char *end)
{
    if (s < end && *s == '\'')
        return 1;
    if (end - s >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x99)
        return 3;
    return 0;
}

unsigned char unspinf_casing(const char *text, const unspinf_word *w)
{
    int lower = 0, upper = 0, first_upper = 0, letters = 0;
    for (size_t i = w->start; i < w->base_end; i++) {
        unsigned char c = (unsigned char)text[i];
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

/* An ASCII letter or digit as norm holds it (lowercase); 0 for other bytes. */
#define FOLD(c) ((c) >= 'A' && (c) <= 'Z' ? (c) | 0x20 : ((c) >= 'a' && (c) <= 'z') || ((c) >= '0' && (c) <= '9') ? (c) : 0)
#define FOLD4(c) FOLD(c), FOLD(c + 1), FOLD(c + 2), FOLD(c + 3)
#define FOLD16(c) FOLD4(c), FOLD4(c + 4), FOLD4(c + 8), FOLD4(c + 12)
#define FOLD64(c) FOLD16(c), FOLD16(c + 16), FOLD16(c + 32), FOLD16(c + 48)
static const unsigned char fold[256] = { FOLD64(0), FOLD64(64), FOLD64(128), FOLD64(192) };

/* Reads the word that starts at p into w (start and sentence already set),
 * with the hash of norm for unspinf_maps_word_id_hashed; returns its end.
 * Relies on the NUL byte after the text (filter.h) to end ASCII runs.
 * Bytes go to buf at o modulo its size, with no bound check: a word that
 * long is too long to keep anyway. */
static const unsigned char *read_word(const unsigned char *s, const unsigned char *p, const unsigned char *end,
                                      unspinf_word *w, uint64_t *hash)
{
    char buf[64];
    size_t o = 0;           /* bytes of norm; over UNSPINF_WORD_MAX - 1: too long */
    uint64_t h = UNSPINF_FNV_SEED;
    for (;;) {
        for (unsigned f = fold[*p]; f; f = fold[*++p]) {
            buf[o++ & 63] = (char)f;
            h = unspinf_fnv_byte(h, (unsigned char)f);
        }
        size_t l = p < end && byte_class[*p] >= LEAD2 ? letter_len(p, end) : 0;
        if (l) {            /* a letter outside ASCII, kept as it is */
            for (size_t i = 0; i < l; i++, o++) {
                buf[o & 63] = (char)p[i];
                h = unspinf_fnv_byte(h, p[i]);
            }
            p += l;
            continue;
        }
        size_t a = apostrophe_len(p, end);
        if ((a || (p < end && *p == '-')) && letter_len(p + (a ? a : 1), end)) {
            char c = a ? '\'' : '-';
            buf[o & 63] = c;
            h = unspinf_fnv_byte(h, (unsigned char)c);
            o++;
            p += a ? a : 1;
        } else {
            break;
        }
    }
    w->end = w->base_end = (size_t)(p - s);
    if (o >= UNSPINF_WORD_MAX)
        o = 0;              /* too long: never matched */
    buf[o] = 0;
    memcpy(w->norm, buf, UNSPINF_WORD_MAX);
    w->norm_len = w->base_len = (unsigned char)o;
    if (o > 2 && w->norm[o - 2] == '\'' && w->norm[o - 1] == 's') {
        /* the possessive 's (two bytes, or four with ’) */
        w->base_len = (unsigned char)(o - 2);
        w->base_end = w->end - (p[-2] == '\'' ? 2 : 4);
    }
    *hash = h;
    return p;
}

/* The hash of w's norm without its possessive 's. */
static uint64_t base_hash(const unspinf_word *w)
{
    return unspinf_fnv(UNSPINF_FNV_SEED, w->norm, w->base_len);
}

long unspinf_tokenize_into(const char *text, size_t len, const unspinf_maps *maps, unspinf_word **out,
                           size_t *out_cap)
{
    const unsigned char *s = (const unsigned char *)text, *end = s + len, *p = s;
    size_t n = 0, cap = *out_cap;
    unspinf_word *words = *out;
    if (cap < len / 6 + 16) {
        cap = len / 6 + 16;
        free(words);
        *out = NULL;
        *out_cap = 0;
        if (!(words = malloc(cap * sizeof *words)))
            return -1;
    }
    int sentence = 0, joined = 0, after_dot = 0;
    uint64_t hash = 0;      /* of the last word's norm */
    while (p < end) {
        unsigned char c = *p;
        if (c == ' ') {
            p++;
            continue;
        }
        if (byte_class[c] == OTHER || (byte_class[c] >= LEAD2 && !letter_len(p, end))) {
            int abbreviation = 0;
            if (c == '.' && n && words[n - 1].end == (size_t)(p - s)) {
                unspinf_word *x = &words[n - 1];
                x->dot = 1;
                if (maps && x->norm_len)
                    unspinf_maps_word_id_hashed(maps, x->norm, x->norm_len, 1, unspinf_fnv_byte(hash, '.'),
                                                &x->key_dot);
                /* a full stop before a lowercase word is an abbreviation's,
                 * as is one right before a letter ("U.S", "p.c"); one right
                 * before a digit is a decimal point ("3.7%") */
                const unsigned char *q = p + 1;
                if (q < end && byte_class[*q] == DIGIT_ASCII) {
                    /* inside a number: the sentence goes on */
                } else if (letter_len(q, end)) {
                    abbreviation = 1;
                } else {
                    while (q < end && (*q == ' ' || *q == '\t'))
                        q++;
                    if (!(q < end && *q >= 'a' && *q <= 'z'))
                        sentence++;
                    else
                        abbreviation = 1;
                }
            } else if (c == ':' && p > s && byte_class[p[-1]] == DIGIT_ASCII && p + 1 < end &&
                       byte_class[p[1]] == DIGIT_ASCII) {
                /* a time or a score ("2:30", "3:1") */
            } else if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n') {
                sentence++;
            }
            if (c != '\t') {
                joined = 0;
                after_dot = abbreviation;
            }
            p++;
            continue;
        }
        if (n + 1 == cap) {   /* room for the word and the sentinel */
            unspinf_word *w = realloc(words, (cap *= 2) * sizeof *words);
            if (!w) {
                free(words);
                *out = NULL;
                *out_cap = 0;
                return -1;
            }
            words = w;
        }
        unspinf_word *w = &words[n];
        w->start = (size_t)(p - s);
        w->joined = (unsigned char)(n && joined && words[n - 1].sentence == sentence);
        w->after_dot = (unsigned char)(n && after_dot && words[n - 1].sentence == sentence);
        after_dot = 0;
        w->sentence = sentence;
        w->dot = 0;
        w->wid = 0;
        p = read_word(s, p, end, w, &hash);
        w->key = w->key_base = w->key_dot = w->word = -1;
        if (maps && w->norm_len) {
            w->word = unspinf_maps_word_id_hashed(maps, w->norm, w->norm_len, 0, hash, &w->key);
            if (w->base_len < w->norm_len)
                unspinf_maps_word_id_hashed(maps, w->norm, w->base_len, 0, base_hash(w), &w->key_base);
        }
        n++;
        joined = 1;
    }
    /* the sentinel: lets a lookup look one word ahead without a bound */
    memset(&words[n], 0, sizeof words[n]);
    words[n].start = words[n].end = words[n].base_end = len;
    words[n].key = words[n].key_base = words[n].key_dot = words[n].word = -1;
    words[n].sentence = -1;
    *out = words;
    *out_cap = cap;
    return (long)n;
}

long unspinf_tokenize(const char *text, size_t len, const unspinf_maps *maps, unspinf_word **words)
{
    size_t cap = 0;
    *words = NULL;
    return unspinf_tokenize_into(text, len, maps, words, &cap);
}
