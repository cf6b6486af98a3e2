/* teasers.c - lines that begin with another article's headline.
 *
 * Lists of teasers above or below an article print each one as its headline
 * run into its summary, one line each:
 *   "Customers Leave Without Paying $690 Bill At Troy Steakhouse A party of six..."
 *   "Indian-origin man pleads guilty to fraud scheme in US NEW YORK: An Indian..."
 * Two signs give the headline away: a run of capitalised words in title case,
 * with capitalised small words ("To", "Of", "At") that prose writes in
 * lowercase; or the summary's capitalised dateline ("NEW YORK:") in the
 * middle of the line, where an article's own paragraph never has it.  One
 * such line proves nothing; classify.c acts on runs of them.
 */
#include <string.h>

#include "teasers.h"

#define LOOK_BYTES 200      /* headlines and datelines come early in the line */

static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_alnum(unsigned char c) { return is_upper(c) || is_lower(c) || (c >= '0' && c <= '9'); }

/* A run of title-case words from the start (capitalised words and numbers,
 * "$690"), with a capitalised small word after the first, and at least five
 * more words after it. */
static int title_case_start(const unsigned char *s, const unsigned char *e, const boilerplate_wordset *stop)
{
    unsigned run = 0, small_caps = 0;
    const unsigned char *p = s;
    while (p < e) {
        while (p < e && *p == ' ')
            p++;
        const unsigned char *w = p, *a;
        while (p < e && *p != ' ')
            p++;
        if (p == w)
            break;
        for (a = w; a < p && !is_alnum(*a) && *a < 0x80; a++)
            ;                                       /* opening quotes, "$" */
        if (a == p || is_lower(*a) || *a >= 0x80) {
            p = w;                                  /* the summary starts here */
            break;
        }
        if (++run > 1 && is_upper(*a)) {
            char low[24];
            size_t n = 0;
            while (a + n < p && n < sizeof low && (is_upper(a[n]) || is_lower(a[n])))
                n++;
            if (n && n < sizeof low && (a + n == p || !is_alnum(a[n]))) {
                for (size_t i = 0; i < n; i++)
                    low[i] = (char)(a[i] | 0x20);
                memset(low + n, 0, sizeof low - n);
                small_caps += boilerplate_wordset_has_padded(stop, low, n);
            }
        }
    }
    if (run < 4 || !small_caps)
        return 0;
    unsigned more = 0;                              /* words after the run */
    for (; p < e && more < 5; p++)
        more += *p != ' ' && (p + 1 == e || p[1] == ' ');
    return more >= 5;
}

/* A dateline in the middle: ALL-CAPS words, five letters or more, ending in
 * ':' after at least three other words, and a capitalised sentence after. */
static int dateline_inside(const unsigned char *s, const unsigned char *e, const unsigned char *end)
{
    for (const unsigned char *c = s; (c = memchr(c, ':', (size_t)(e - c))); c++) {
        if (c == s || !is_upper(c[-1]))
            continue;
        const unsigned char *q = c + 1;
        while (q < end && *q == ' ')
            q++;
        if (q == end || q == c + 1 || !(is_upper(*q) || *q == '"' || *q >= 0x80))
            continue;
        unsigned letters = 0, words_before = 0;
        const unsigned char *b = c;
        while (b > s && (is_upper(b[-1]) || b[-1] == ' ' || b[-1] == '.' || b[-1] == '-')) {
            letters += is_upper(b[-1]);
            b--;
        }
        while (b < c && *b == ' ')
            b++;                                    /* the caps run starts at b */
        for (const unsigned char *w = s; w < b; w++)
            words_before += *w == ' ' && w + 1 < b && w[1] != ' ';
        if (letters >= 5 && words_before + 1 >= 3 && b > s)
            return 1;
    }
    return 0;
}

int boilerplate_headline_start(const char *text, size_t len, const boilerplate_wordset *stop)
{
    const unsigned char *s = (const unsigned char *)text, *end = s + len;
    const unsigned char *e = s + (len < LOOK_BYTES ? len : LOOK_BYTES);
    return title_case_start(s, end, stop) || dateline_inside(s, e, end);
}
