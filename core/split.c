/* split.c - where to cut a long plain article into parts. */
#include "split.h"

static int blank_char(char c) { return c == ' ' || c == '\t' || c == '\r'; }
static int space_char(char c) { return blank_char(c) || c == '\n'; }

/* s[p] starts a non-blank line that follows a blank line (white space only):
 * cutting there leaves the run of blank lines whole in the earlier part. */
static int paragraph_start(const char *s, size_t p)
{
    if (s[p - 1] != '\n' || space_char(s[p]))
        return 0;
    size_t q = p - 1;
    while (q > 0 && blank_char(s[q - 1]))
        q--;
    return q > 0 && s[q - 1] == '\n';
}

static int line_start(const char *s, size_t p) { return s[p - 1] == '\n'; }

static int sentence_start(const char *s, size_t p)
{
    return p >= 2 && s[p - 1] == ' ' && (s[p - 2] == '.' || s[p - 2] == '!' || s[p - 2] == '?') &&
           !space_char(s[p]);
}

static int word_start(const char *s, size_t p) { return space_char(s[p - 1]) && !space_char(s[p]); }

/* The last p in [lo, n) where at(s, p) holds, or 0 (lo > 0). */
static size_t last(const char *s, size_t lo, size_t n, int (*at)(const char *, size_t))
{
    for (size_t p = n; p-- > lo;)
        if (at(s, p))
            return p;
    return 0;
}

size_t split_point(const char *s, size_t n)
{
    static int (*const cuts[])(const char *, size_t) = {
        paragraph_start, line_start, sentence_start, word_start,
    };
    /* A cut in the second half first, so parts are not needlessly small;
     * then anywhere. */
    for (size_t lo = n / 2 > 0 ? n / 2 : 1;; lo = 1) {
        for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
            size_t p = last(s, lo, n, cuts[i]);
            if (p)
                return p;
        }
        if (lo == 1)
            break;
    }
    /* No white space at all: never cut a UTF-8 sequence in two. */
    for (size_t p = n; p-- > 0 && p + 4 >= n;)
        if (((unsigned char)s[p] & 0xC0) != 0x80)
            return p ? p : n;
    return n;
}
