/* numerals.c - whether a digit in the text counts something (numerals.h). */
#include "config.h"

#include "numerals.h"

#include <ctype.h>
#include <string.h>

static int in_list(const char *word, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(word, *list))
            return 1;
    return 0;
}

static int in_set(const char *set, char c)
{
    return c && strchr(set, c);
}

static int is_digits(const unspinf_word *x)
{
    return isdigit((unsigned char)x->norm[0]);
}

/* Characters that join digits into one numeral: "2.5", "2,000", "2-1",
 * "2:30", "1/2", "2+2=5". */
static const char joins[] = ".,:/-+=";

/* Part of a numeral or an amount, by the characters around it. */
static int in_numeral(const char *text, size_t end, const unspinf_word *x)
{
    size_t a = x->start, b = x->end;
    if (a >= 2 && in_set(joins, text[a - 1]) && isdigit((unsigned char)text[a - 2]))
        return 1;
    if (a >= 1 && in_set("#$(", text[a - 1]))   /* "#1", "$2", "England (2)" */
        return 1;
    if ((a >= 2 && (!memcmp(text + a - 2, "\xc2\xa3", 2) || !memcmp(text + a - 2, "\xc2\xa5", 2))) ||
        (a >= 3 && !memcmp(text + a - 3, "\xe2\x82\xac", 3)))   /* £ ¥ € */
        return 1;
    if (b < end && in_set("%)", text[b]))
        return 1;
    return b + 1 < end && in_set(joins, text[b]) && isdigit((unsigned char)text[b + 1]);
}

/* Words after which a digit is a label: "section 5", "series 3", "plus 8". */
static const char *const labels[] = {
    "section", "sections", "series", "stage", "stages", "number", "no", "nos", "page", "pages", "chapter",
    "category", "level", "grade", "round", "article", "clause", "phase", "plus", "minus", "tier", "type",
    "class", "channel", "radio", "room", "platform", "gate", "line", "version", "season", "episode", "part",
    "volume", "division", "league", "figure", "table", "step", "term", "box", "route", "flight", "key",
    "top", "size", "band", "zone", "junction", "terminal", "court", "studio", "act", "scene", "psalm",
    NULL
};

/* Words before which a digit is an amount, a date or a time. */
static const char *const units[] = {
    "million", "millions", "billion", "billions", "trillion", "bn", "m", "k", "pence", "p", "euros", "euro",
    "yen", "dollars", "pounds", "cents", "percent", "per", "percentage", "o'clock", "am", "pm", "x",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", NULL
};

/* Words between two numbers of a range or a list. */
static const char *const connectors[] = { "or", "and", "to", "by", "x", "of", "from", "than", "out", NULL };

/* Capitalised words that open a sentence before a count ("In 2 weeks");
 * another capitalised word before a digit names something ("Radio 1"). */
static const char *const openers[] = {
    "in", "for", "about", "only", "just", "all", "the", "some", "nearly", "almost", "around", "over",
    "under", "after", "within", "with", "at", "on", "by", "of", "and", "but", "last", "another", "those",
    "these", "its", "his", "her", "their", "our", "my", "your", "to", "from", "since", "until", "roughly",
    "every", "each", "once", "like", "than", "more", "less", "fewer", "as", "so", "then", "when", "while",
    "if", "first", "both", NULL
};

int unspinf_digit_is_count(const char *text, size_t end, const unspinf_word *w, long n, long i)
{
    const unspinf_word *x = &w[i];
    if (in_numeral(text, end, x))
        return 0;
    /* a number beside it, or one word away across "or", "to"...: a range,
     * a list, a result or a phone number ("4 or 5 April", "1, 3 and 4") */
    for (long j = i - 2; j <= i + 2; j++) {
        if (j == i || j < 0 || j >= n || w[j].sentence != x->sentence || !is_digits(&w[j]))
            continue;
        long between = (i + j) / 2;
        if (j == i - 1 || j == i + 1 || in_list(w[between].norm, connectors))
            return 0;
    }
    if (i >= 1 && w[i - 1].sentence == x->sentence) {
        const unspinf_word *prev = &w[i - 1];
        int first = i < 2 || w[i - 2].sentence != x->sentence;
        if (in_list(prev->norm, labels))
            return 0;
        if (unspinf_casing(text, prev) != UNSPINF_LOWER && (!first || !in_list(prev->norm, openers)))
            return 0;
    }
    if (i + 1 < n && w[i + 1].sentence == x->sentence) {
        const unspinf_word *next = &w[i + 1];
        if (in_list(next->norm, units) || ((!strcmp(next->norm, "a") || !strcmp(next->norm, "p")) && next->dot))
            return 0;
        /* a sentence that opens with a digit before a name is a list's item
         * ("1 Roger Federer") */
        if ((i == 0 || w[i - 1].sentence != x->sentence) && unspinf_casing(text, next) != UNSPINF_LOWER)
            return 0;
    }
    return 1;
}
