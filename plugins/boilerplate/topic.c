/* topic.c - the words of a page's title, and which of them a text uses. */
#include <string.h>

#include "topic.h"

static int word_byte(unsigned char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26u || (unsigned)(c - '0') < 10u || c >= 0x80;
}

/* Typographic punctuation (U+2000..U+203F: dashes, quotes, the apostrophe
 * of "Browns’") ends a word like ASCII punctuation does. */
static int punctuation_at(const unsigned char *p, const unsigned char *e)
{
    return e - p >= 3 && p[0] == 0xE2 && p[1] == 0x80;
}

/* Calls fn for each word of text (letters, digits, non-ASCII bytes), in
 * lowercase; stops when fn returns nonzero. */
static void each_word(const char *text, size_t len, int (*fn)(void *, const char *, size_t), void *ud)
{
    const unsigned char *p = (const unsigned char *)text, *e = p + len;
    while (p < e) {
        while (p < e && (!word_byte(*p) || punctuation_at(p, e)))
            p += punctuation_at(p, e) ? 3 : 1;
        const unsigned char *w = p;
        while (p < e && word_byte(*p) && !punctuation_at(p, e))
            p++;
        size_t n = (size_t)(p - w);
        char low[24];
        if (n == 0 || n >= sizeof low)
            continue;
        for (size_t i = 0; i < n; i++)
            low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
        memset(low + n, 0, sizeof low - n);
        if (fn(ud, low, n))
            return;
    }
}

struct init { boilerplate_topic *t; const boilerplate_wordset *stop; };

static int add_word(void *ud, const char *w, size_t n)
{
    struct init *in = ud;
    boilerplate_topic *t = in->t;
    if (n < 3 || boilerplate_wordset_has_padded(in->stop, w, n))
        return 0;
    for (unsigned i = 0; i < t->count; i++)
        if (t->len[i] == n && !memcmp(t->word[i], w, n))
            return 0;
    memcpy(t->word[t->count], w, sizeof t->word[0]);
    t->len[t->count++] = (unsigned char)n;
    return t->count == BOILERPLATE_TOPIC_WORDS;
}

/* The title without the site's name: "Headline | WIRED", "Headline - BBC
 * News" (the last part after a separator, when it is the shorter part); the
 * site's name is in its chrome too, so its words would tell nothing. */
static size_t without_site(const char *title, size_t len)
{
    static const char *const seps[] = { " | ", " - ", " – ", " — ", " :: ", " · " };
    size_t cut = len;
    for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
        size_t n = strlen(seps[i]);
        for (size_t at = len; at-- > 0;)
            if (at + n <= len && !memcmp(title + at, seps[i], n)) {
                if (len - (at + n) < at && (cut == len || at > cut))
                    cut = at;
                break;
            }
    }
    return cut;
}

void boilerplate_topic_init(boilerplate_topic *t, const char *title, size_t len,
                            const boilerplate_wordset *stop)
{
    struct init in = { t, stop };
    t->count = 0;
    each_word(title, without_site(title, len), add_word, &in);
}

struct hits { const boilerplate_topic *t; uint32_t bits; };

static int find_word(void *ud, const char *w, size_t n)
{
    struct hits *h = ud;
    for (unsigned i = 0; i < h->t->count; i++)
        if (h->t->len[i] == n && !memcmp(h->t->word[i], w, n))
            h->bits |= (uint32_t)1 << i;
    return 0;
}

uint32_t boilerplate_topic_hits(const boilerplate_topic *t, const char *text, size_t len)
{
    struct hits h = { t, 0 };
    if (t->count)
        each_word(text, len, find_word, &h);
    return h.bits;
}
