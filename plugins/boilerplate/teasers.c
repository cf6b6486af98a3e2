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

int boilerplate_headline_start(const char *text, size_t len, const boilerplate_wordset *stop)
{
    const unsigned char *s = (const unsigned char *)text, *e = s + (len < LOOK_BYTES ? len : LOOK_BYTES);
    unsigned words = 0, run = 0, small_caps = 0, in_run = 1;
    unsigned caps_letters = 0, caps_words = 0;      /* the current run of ALL-CAPS words */
    const unsigned char *p = s;
    while (p < e) {
        while (p < e && *p == ' ')
            p++;
        const unsigned char *w = p;                 /* the word, with its punctuation */
        while (p < e && *p != ' ')
            p++;
        if (p == w)
            break;
        const unsigned char *a = w;                 /* its first letter or digit */
        while (a < p && !is_alnum(*a) && *a < 0x80)
            a++;
        const unsigned char *z = a;                 /* the end of its letters */
        unsigned letters = 0, lower = 0;
        while (z < p && (is_alnum(*z) || *z == '-' || *z == '.' || *z >= 0x80)) {
            letters += is_upper(*z) || is_lower(*z);
            lower += is_lower(*z);
            z++;
        }
        words++;
        /* title case: capitalised (or a number, "$690") words from the start */
        if (in_run && a < p && (is_upper(*a) || !(is_lower(*a) || *a >= 0x80))) {
            run++;
            char low[24];
            size_t n = (size_t)(z - a);
            if (words > 1 && is_upper(*a) && n < sizeof low) {
                for (size_t i = 0; i < n; i++)
                    low[i] = (char)(is_upper(a[i]) ? a[i] + 32 : a[i]);
                memset(low + n, 0, sizeof low - n);
                small_caps += n > 0 && boilerplate_wordset_has_padded(stop, low, n);
            }
        } else {
            in_run = 0;
        }
        /* a dateline: ALL-CAPS words ending in ':' after a few words, and
         * a capitalised sentence after it */
        if (letters && !lower) {
            caps_letters += letters;
            caps_words++;
            if (z < p && *z == ':' && z + 1 == p && caps_letters >= 5 && words - caps_words >= 3) {
                const unsigned char *q = p;
                while (q < s + len && *q == ' ')
                    q++;
                if (q < s + len && (is_upper(*q) || *q == '"' || *q >= 0x80))
                    return 1;
            }
        } else {
            caps_letters = caps_words = 0;
        }
        if (!in_run && words > 30)
            break;
    }
    /* a title-case run of four words or more, with a small word in it, and
     * a summary after it */
    return run >= 4 && small_caps > 0 && words >= run + 5;
}
