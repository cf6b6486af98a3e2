/* lines.c - cutting the text into lines and measuring them: characters,
 * words, stopwords, capitalised words, and whether a line ends a sentence.
 * Works on UTF-8 bytes without a locale; bytes that are not valid UTF-8
 * simply count as letters. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "teasers.h"

/* Lines this long (characters) or longer are checked for a teaser's headline,
 * and for punctuation. */
#define TEASER_CHARS 100
#define UNPUNCTUATED_CHARS 200

/* Whether s..e has sentence punctuation or brackets (ASCII, or CJK 。，、
 * whose UTF-8 forms end in these bytes after 0xE3 0x80 / 0xEF 0xBC): a list
 * of names with their countries in brackets is not a list of links. */
static int has_punctuation(const unsigned char *s, const unsigned char *e)
{
    for (const unsigned char *p = s; p < e; p++) {
        if (*p == '.' || *p == ',' || *p == ';' || *p == ':' || *p == '!' || *p == '?' || *p == '(')
            return 1;
        if (e - p >= 3 && ((p[0] == 0xE3 && p[1] == 0x80 && (p[2] == 0x81 || p[2] == 0x82)) ||
                           (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C)))
            return 1;
    }
    return 0;
}

/* Length of the space or bullet character at s (0 if none). */
static size_t space_at(const unsigned char *s, const unsigned char *e)
{
    if (s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f' || *s == '\v'))
        return 1;
    if (e - s >= 2 && s[0] == 0xC2 && s[1] == 0xA0)            /* no-break space */
        return 2;
    if (e - s >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8B || s[2] == 0xAF))
        return 3;                                              /* U+2000..200B, 202F */
    if (e - s >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;                                              /* ideographic space */
    return 0;
}

/* Length of a list bullet at s followed by a space (0 if none): "- ", "* ",
 * "• ", "· ", "– ", "— ", "» ", "› ", "| ", "> ". */
static size_t bullet_at(const unsigned char *s, const unsigned char *e)
{
    size_t n = 0;
    if (s < e && strchr("-*|>+", *s) && *s)
        n = 1;
    else if (e - s >= 2 && s[0] == 0xC2 && (s[1] == 0xB7 || s[1] == 0xBB))
        n = 2;
    else if (e - s >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
             (s[2] == 0xA2 || s[2] == 0x93 || s[2] == 0x94 || s[2] == 0xBA))
        n = 3;
    return n && space_at(s + n, e) ? n : 0;
}

/* What kind of character starts at s: 'w' word, 'a' apostrophe, 's' other;
 * *n gets its length in bytes. */
/* ASCII letters and digits, lowercased; 0 for every other byte. */
#define BOTH(c) [(c) - 32] = (c), [c] = (c)
static const unsigned char word_byte[256] = {
    BOTH('a'), BOTH('b'), BOTH('c'), BOTH('d'), BOTH('e'), BOTH('f'), BOTH('g'), BOTH('h'),
    BOTH('i'), BOTH('j'), BOTH('k'), BOTH('l'), BOTH('m'), BOTH('n'), BOTH('o'), BOTH('p'),
    BOTH('q'), BOTH('r'), BOTH('s'), BOTH('t'), BOTH('u'), BOTH('v'), BOTH('w'), BOTH('x'),
    BOTH('y'), BOTH('z'), ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
    ['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
};
#undef BOTH

static inline int ascii_kind(unsigned c)
{
    if ((c | 0x20) - 'a' < 26u || c - '0' < 10u)
        return 'w';
    return c == '\'' ? 'a' : 's';
}

static int multibyte_kind(const unsigned char *s, const unsigned char *e, size_t *n)
{
    unsigned c = *s;
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if ((size_t)(e - s) < len)
        len = (size_t)(e - s);
    *n = len;
    if (c == 0xC2)                                   /* U+0080..00BF: symbols */
        return 's';
    if (c == 0xC3 && len == 2 && (s[1] == 0x97 || s[1] == 0xB7))   /* × ÷ */
        return 's';
    if (c == 0xE2 && len == 3 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99))
        return 'a';                                  /* ‘ ’ */
    if (c == 0xE2 && len == 3 && s[1] >= 0x80 && s[1] <= 0xBF)
        return 's';                                  /* punctuation, arrows, symbols */
    if (c == 0xE3 && len == 3 && s[1] == 0x80)       /* CJK punctuation */
        return 's';
    if (c == 0xEF && len == 3 && s[1] == 0xBC && s[2] <= 0x8F)
        return 's';                                  /* fullwidth punctuation */
    return 'w';
}

static inline int char_kind(const unsigned char *s, const unsigned char *e, size_t *n)
{
    if (*s < 0x80) {
        *n = 1;
        return ascii_kind(*s);
    }
    return multibyte_kind(s, e, n);
}

static void measure(boilerplate_line *l, const unsigned char *t, const boilerplate_wordset *stop)
{
    const unsigned char *s = t + l->start, *e = t + l->end;
    size_t n;
    while (s < e && (n = space_at(s, e)))
        s += n;
    while (e > s) {                      /* trailing spaces: step back over them */
        const unsigned char *p = e - 1;
        while (p > s && (*p & 0xC0) == 0x80)
            p--;
        if (!space_at(p, e))
            break;
        e = p;
    }
    while ((n = bullet_at(s, e))) {
        s += n;
        while (s < e && (n = space_at(s, e)))
            s += n;
    }
    l->ts = (size_t)(s - t);
    l->te = (size_t)(e - t);

    /* Words: letters and digits, with apostrophes inside them.  Each is
     * lowercased into word (zero-padded to 16 bytes, as the stopword set
     * wants it); only words short enough to be stopwords are looked up. */
    union {
        char c[40];
        uint64_t k[5];
    } word;
    size_t wlen = 0, longest = stop->longest;
    if (longest >= sizeof word)
        longest = sizeof word - 1;
    int in_word = 0, cap = 0;
    unsigned chars = 0, words = 0, stops = 0, caps = 0;
    for (const unsigned char *p = s; p < e; p += n) {
        int k;
        if (*p < 0x80) {
            if (word_byte[*p]) {             /* a run of ASCII letters and digits */
                if (!in_word) {
                    in_word = 1;
                    wlen = 0;
                    word.k[0] = word.k[1] = 0;
                    cap = *p >= 'A' && *p <= 'Z';
                }
                const unsigned char *q = p;
                unsigned char c;
                for (; q < e && wlen < sizeof word && (c = word_byte[*q]); q++)
                    word.c[wlen++] = (char)c;
                for (; q < e && word_byte[*q]; q++)       /* too long to be a stopword */
                    wlen++;
                n = (size_t)(q - p);
                chars += (unsigned)n;
                continue;
            }
            k = ascii_kind(*p);
            n = 1;
            chars++;
        } else {
            k = multibyte_kind(p, e, &n);
            chars += (*p & 0xC0) != 0x80;
        }
        if (k == 'w') {
            if (!in_word) {
                in_word = 1;
                wlen = 0;
                word.k[0] = word.k[1] = 0;
                cap = 0;
            }
            for (size_t i = 0; i < n; i++, wlen++)
                if (wlen < sizeof word)
                    word.c[wlen] = (char)p[i];
            continue;
        }
        /* an apostrophe inside a word belongs to it: don't, it's, O'Neill */
        if (k == 'a' && in_word && p + n < e) {
            size_t m;
            if (char_kind(p + n, e, &m) == 'w') {
                if (wlen < sizeof word)
                    word.c[wlen] = '\'';
                wlen++;
                continue;
            }
        }
        if (in_word) {
            words++;
            caps += cap;
            stops += wlen <= longest && boilerplate_wordset_has_padded(stop, word.c, wlen);
            in_word = 0;
        }
    }
    if (in_word) {
        words++;
        caps += cap;
        stops += wlen <= longest && boilerplate_wordset_has_padded(stop, word.c, wlen);
    }
    l->chars = chars;
    l->words = words;
    l->stops = stops;
    l->caps = caps;
    l->teaser = chars >= TEASER_CHARS && boilerplate_headline_start((const char *)s, (size_t)(e - s), stop);
    l->unpunctuated = chars >= UNPUNCTUATED_CHARS && !has_punctuation(s, e);

    /* Ends like a sentence: . ! ? or an ellipsis, maybe inside quotes or brackets. */
    const unsigned char *p = e;
    while (p > s) {
        const unsigned char *q = p - 1;
        while (q > s && (*q & 0xC0) == 0x80)
            q--;
        size_t len = (size_t)(p - q);
        if ((len == 1 && strchr("\"')]", *q) && *q) ||
            (len == 3 && q[0] == 0xE2 && q[1] == 0x80 && (q[2] == 0x9D || q[2] == 0x99))) {
            p = q;                        /* closing quote or bracket */
            continue;
        }
        l->sentence = (len == 1 && (*q == '.' || *q == '!' || *q == '?')) ||
                      (len == 3 && q[0] == 0xE2 && q[1] == 0x80 && q[2] == 0xA6) ||  /* … */
                      (len == 3 && q[0] == 0xE3 && q[1] == 0x80 && q[2] == 0x82) ||  /* 。 */
                      (len == 3 && q[0] == 0xEF && q[1] == 0xBC && (q[2] == 0x81 || q[2] == 0x9F));
        break;
    }
}

long boilerplate_lines_split(const char *text, size_t len, const boilerplate_wordset *stop,
                             boilerplate_line **out)
{
    size_t n = 0;
    for (const char *p = text, *e = text + len; p < e; n++) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        p = nl ? nl + 1 : e;
    }
    *out = NULL;
    if (!n)
        return 0;
    boilerplate_line *lines = calloc(n, sizeof *lines);
    if (!lines)
        return -1;
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        lines[i].start = pos;
        lines[i].end = end;
        measure(&lines[i], (const unsigned char *)text, stop);
        lines[i].cls = lines[i].ts == lines[i].te ? BP_BLANK : BP_BAD;
        pos = end + 1;
    }
    *out = lines;
    return (long)n;
}
