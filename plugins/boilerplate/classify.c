/* classify.c - which lines are boilerplate.
 *
 * jusText's idea, on lines of plain text instead of HTML paragraphs:
 *  1. context-free: a line that matches a pattern family, or repeats an earlier
 *     line, is boilerplate for good; otherwise long lines rich in stopwords are
 *     good, short ones are "short", the rest near-good or bad;
 *  2. menus: a run of short link-like lines (no sentence, few words) is
 *     boilerplate whatever surrounds it; so is a run of teasers, lines that
 *     each begin with another article's headline (teasers.c);
 *  3. headings: the first line (the headline) and short lines that lead into
 *     good text are kept;
 *  4. context: short and near-good lines take the side of their neighbours;
 *  5. position: good text cut off from the article's main block by a long
 *     stretch of boilerplate (comments, teasers) goes too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "topic.h"

#define MAX_PATTERN_LINE BOILERPLATE_PATTERN_MAX

void boilerplate_settings_for(int level, boilerplate_settings *s)
{
    s->length_low = 70;
    s->length_high = 150;
    s->stop_low = 0.30;
    s->stop_high = 0.32;
    s->stop_sentence = 0.20;
    s->language_share = 0.12;
    s->menu_run = 3;
    s->menu_words = 9;
    s->heading_reach = 2;
    s->teaser_run = 3;
    s->paragraph_run = 3;
    s->mixed = 1;
    s->far_lines = 3;
    s->far_share = 0.3;
    s->between = 1;
    s->tail = 1;
    s->topic = 1;
    if (level == 0) {
        s->menu_run = 4;
        s->heading_reach = 3;
        s->teaser_run = 4;
        s->mixed = 2;
        s->far_lines = 0;
        s->tail = 0;
        s->topic = 1;
    } else if (level >= 2) {
        s->heading_reach = 1;
        s->teaser_run = 2;
        s->mixed = 0;
        s->between = 0;
        s->far_lines = 3;
        s->far_share = 0.5;
    }
}

static void drop(boilerplate_line *l, const char *reason)
{
    l->cls = BP_BAD;
    l->final = 1;
    l->reason = reason;
}

/* Whether the text is in the stopword list's language: the share of stopwords
 * over its longer lines.  Other languages are judged without stopwords. */
static int in_stopword_language(const boilerplate_line *lines, size_t n, const boilerplate_settings *s)
{
    unsigned long words = 0, stops = 0;
    for (size_t i = 0; i < n; i++)
        if (lines[i].chars >= s->length_low) {
            words += lines[i].words;
            stops += lines[i].stops;
        }
    return words == 0 || stops >= s->language_share * words;
}

/* The class of a line by its own length, stopwords and punctuation. */
static int class_of(boilerplate_line *l, const boilerplate_settings *s, int stopwords)
{
    double d = boilerplate_line_density(l);
    if (l->chars < s->length_low)
        return BP_SHORT;
    if (l->unpunctuated) {          /* no prose runs that long without a comma */
        l->reason = "a long line without punctuation: links or tags";
        return BP_BAD;
    }
    if (!stopwords) {               /* another language: length and sentences */
        if (l->chars >= s->length_high && (l->sentence || l->chars >= 2 * s->length_high))
            return BP_GOOD;
        if (l->sentence)
            return BP_NEARGOOD;
    } else {
        if (d >= s->stop_high && l->chars >= s->length_high)
            return BP_GOOD;
        if (d >= s->stop_low || (l->sentence && d >= s->stop_sentence))
            return BP_NEARGOOD;
    }
    l->reason = "few stopwords: not running prose";
    return BP_BAD;
}

/* Step 1. */
static void context_free(boilerplate_line *lines, size_t n, const char *text,
                         const boilerplate_settings *s, boilerplate_matcher *match)
{
    int stopwords = in_stopword_language(lines, n, s);
    const boilerplate_line *headline = NULL;
    for (size_t i = 0; i < n; i++) {
        boilerplate_line *l = &lines[i];
        if (l->cls == BP_BLANK)
            continue;
        size_t len = l->te - l->ts;
        if (match && len <= MAX_PATTERN_LINE &&
            (l->rule = boilerplate_matcher_match(match, text + l->ts, len))) {
            drop(l, "pattern");
            continue;
        }
        if (!headline)
            headline = l;
        else if (headline->te - headline->ts == len && !memcmp(text + headline->ts, text + l->ts, len)) {
            drop(l, "repeat of the headline");
            continue;
        }
        l->cls = class_of(l, s, stopwords);
    }
}

static int linklike(const boilerplate_line *l, const boilerplate_settings *s)
{
    return l->cls != BP_BLANK && l->words <= s->menu_words && !l->sentence &&
           l->chars < s->length_low;
}

/* Whether the run of lines ending before i (dir -1) or starting after i (+1)
 * borders on prose: a good or near-good line, maybe behind one short line
 * that introduces a list ("The seeds:"); after a run, the end of the text
 * counts too.  Lists inside an article are like that; menus are not. */
static int borders_prose(const boilerplate_line *lines, size_t n, size_t i, int dir)
{
    int shorts = 0;
    for (size_t j = i + dir; j < n; j += dir) {    /* j wraps past 0 to SIZE_MAX */
        const boilerplate_line *l = &lines[j];
        if (l->cls == BP_BLANK)
            continue;
        if (l->cls == BP_GOOD || l->cls == BP_NEARGOOD)
            return 1;
        if (l->cls != BP_SHORT || l->final || ++shorts > 1)
            return 0;
    }
    return dir > 0;
}

/* Step 2: runs of link-like lines (blank lines between them allowed). */
static void menus(boilerplate_line *lines, size_t n, const boilerplate_settings *s)
{
    size_t i = 0;
    while (i < n && lines[i].cls == BP_BLANK)
        i++;
    if (i < n && !lines[i].final && lines[i].words >= 3)
        i++;                         /* a headline on top is never a menu item */
    while (i < n) {
        if (!linklike(&lines[i], s)) {
            i++;
            continue;
        }
        size_t j = i, count = 0;
        for (; j < n; j++) {
            if (lines[j].cls == BP_BLANK)
                continue;
            if (!linklike(&lines[j], s))
                break;
            count++;
        }
        if (count >= s->menu_run &&
            !(borders_prose(lines, n, i, -1) && borders_prose(lines, n, j - 1, +1)))
            for (size_t k = i; k < j; k++)
                if (lines[k].cls != BP_BLANK && !lines[k].final)
                    drop(&lines[k], "menu: a run of short link-like lines");
        i = j;
    }
}

/* Step 1b: an article written in short paragraphs has few lines long
 * enough to be good on their own; paragraph_run near-good lines in a row
 * that end like sentences (blank lines between them allowed) are good. */
static void paragraphs(boilerplate_line *lines, size_t n, const boilerplate_settings *s)
{
    size_t i = 0;
    while (s->paragraph_run && i < n) {
        size_t j = i, count = 0;
        for (; j < n; j++) {
            if (lines[j].cls == BP_BLANK)
                continue;
            if (lines[j].cls != BP_NEARGOOD || !lines[j].sentence)
                break;
            count++;
        }
        if (count >= s->paragraph_run)
            for (size_t k = i; k < j; k++)
                if (lines[k].cls == BP_NEARGOOD)
                    lines[k].cls = BP_GOOD;
        i = j > i ? j : i + 1;
    }
}

/* Step 2b: runs of teasers: at least teaser_run teaser lines with nothing
 * between them but blank, short or already removed lines (at most two in a
 * row).  An article's paragraph in between ends the run. */
static void teasers(boilerplate_line *lines, size_t n, const boilerplate_settings *s)
{
    size_t i = 0;
    while (s->teaser_run && i < n) {
        if (!lines[i].teaser || lines[i].final) {
            i++;
            continue;
        }
        size_t count = 0, last = i, gap = 0;
        for (size_t j = i; j < n; j++) {
            const boilerplate_line *l = &lines[j];
            if (l->cls == BP_BLANK)
                continue;
            if (l->teaser && !l->final) {
                count++;
                last = j;
                gap = 0;
            } else if ((l->final || l->chars < s->length_low) && ++gap <= 2) {
                continue;
            } else {
                break;
            }
        }
        if (count >= s->teaser_run)
            for (size_t k = i; k <= last; k++)
                if (lines[k].teaser && !lines[k].final)
                    drop(&lines[k], "teasers: other articles' headlines with their summaries");
        i = last + 1;
    }
}

/* Class of the nearest line before (before[i]) and after (after[i]) i that
 * is neither blank, short nor near-good; the edges of the text count as
 * bad.  Two passes, so long runs of short lines cost linear time. */
static void neighbours(const boilerplate_line *lines, size_t n, unsigned char *before,
                       unsigned char *after)
{
    unsigned char c = BP_BAD;
    for (size_t i = 0; i < n; i++) {
        before[i] = c;
        if (lines[i].cls == BP_GOOD || lines[i].cls == BP_BAD)
            c = lines[i].cls;
    }
    c = BP_BAD;
    for (size_t i = n; i-- > 0;) {
        after[i] = c;
        if (lines[i].cls == BP_GOOD || lines[i].cls == BP_BAD)
            c = lines[i].cls;
    }
}

/* Step 3: does good text follow line i within reach lines, with no line the
 * patterns removed in between?  next[j]: the first line after j that is not
 * blank (n if none). */
static int leads_to_good(const boilerplate_line *lines, size_t n, size_t i, unsigned reach,
                         const size_t *next)
{
    for (size_t j = next[i]; j < n && reach; j = next[j]) {
        if (lines[j].cls == BP_GOOD)
            return 1;
        if (lines[j].final)
            return 0;
        reach--;
    }
    return 0;
}
/* Step 4b: lines between good lines with no boilerplate line the patterns or
 * the menu rule removed between them are the article's own (lists, captions,
 * tables); so are lines after the last good line when no such boilerplate
 * line follows up to the end of the text, up to a long line without
 * punctuation (a list of links or tags). */
static void keep_between(const boilerplate_line *lines, size_t n, unsigned char *verdict)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;                  /* [i, j): a stretch without final lines */
        while (j < n && !lines[j].final)
            j++;
        size_t first = j, last = j;
        for (size_t k = i; k < j; k++)
            if (lines[k].cls == BP_GOOD) {
                if (first == j)
                    first = k;
                last = k;
            }
        if (first < j) {
            size_t end = last + 1;
            while (j == n && end < n && !lines[end].unpunctuated)
                end++;                 /* to the end, unless a list of links comes first */
            for (size_t k = first; k < end; k++)
                if (verdict[k] != BP_GOOD && lines[k].cls != BP_BLANK)
                    verdict[k] = BP_GOOD;
        }
        i = j + 1;
    }
}

#define REPEAT_PREFIX 40          /* bytes an earlier line needs to count */
#define REPEAT_CANDIDATES 8       /* earlier lines with the same start tried */

/* A hash of p[0..n) from its length and at most 48 of its bytes (the
 * first 24 and the last 24): constant time per line, and lines that differ
 * elsewhere only share a chain, where memcmp() tells them apart. */
static uint64_t hash_bytes(const char *p, size_t n)
{
    uint64_t h = n * 0x9E3779B97F4A7C15u;
    for (size_t i = 0; i < 48 && i < n; i++) {
        size_t at = i < 24 ? i : n - 48 + i;   /* first 24, then last 24 */
        if (n < 48)
            at = i;
        h = (h ^ (unsigned char)p[at]) * 1099511628211u;
    }
    return h;
}

/* Chained hash index of lines: head[h & mask] -> line -> next[line] -> ... */
struct index {
    size_t *head, *next, mask;
    uint64_t *key;
};

static int index_init(struct index *x, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    x->mask = cap - 1;
    x->head = malloc(cap * sizeof *x->head);
    x->next = malloc((n ? n : 1) * sizeof *x->next);
    x->key = malloc((n ? n : 1) * sizeof *x->key);
    if (!x->head || !x->next || !x->key)
        return -1;
    memset(x->head, 0xff, cap * sizeof *x->head);   /* SIZE_MAX: empty */
    return 0;
}

static void index_add(struct index *x, size_t line, uint64_t key)
{
    x->key[line] = key;
    x->next[line] = x->head[key & x->mask];
    x->head[key & x->mask] = line;
}

static void index_free(struct index *x)
{
    free(x->head);
    free(x->next);
    free(x->key);
}

/* Step 5a: a kept line that repeats an earlier kept line (teaser blocks
 * printed twice), or that starts with one and is much longer (the whole
 * article again in one line, as meta data leaves it), goes.  Earlier lines
 * are found by hash (of the whole line, and of its first REPEAT_PREFIX
 * bytes), so long texts cost linear time. */
static int drop_repeats(boilerplate_line *lines, size_t n, const char *text,
                        const boilerplate_settings *s, unsigned char *verdict)
{
    struct index whole = { 0 }, start = { 0 };
    if (index_init(&whole, n) || index_init(&start, n)) {
        index_free(&whole);
        index_free(&start);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        boilerplate_line *l = &lines[i];
        if (verdict[i] != BP_GOOD || l->cls == BP_BLANK || l->chars < 40)
            continue;
        const char *t = text + l->ts;
        size_t len = l->te - l->ts;
        uint64_t h = hash_bytes(t, len);
        if (l->chars >= s->length_low) {
            for (size_t j = whole.head[h & whole.mask]; j != SIZE_MAX; j = whole.next[j])
                if (whole.key[j] == h && lines[j].te - lines[j].ts == len && !memcmp(text + lines[j].ts, t, len)) {
                    verdict[i] = BP_BAD, l->reason = "repeat of an earlier line";
                    break;
                }
        }
        uint64_t p = len >= REPEAT_PREFIX ? hash_bytes(t, REPEAT_PREFIX) : 0;
        if (verdict[i] == BP_GOOD && l->chars >= 5 * s->length_high && len >= REPEAT_PREFIX) {
            unsigned tried = 0;
            for (size_t j = start.head[p & start.mask]; j != SIZE_MAX && tried < REPEAT_CANDIDATES;
                 j = start.next[j], tried++) {
                size_t olen = lines[j].te - lines[j].ts;
                if (start.key[j] == p && 3 * olen <= len && !memcmp(text + lines[j].ts, t, olen)) {
                    verdict[i] = BP_BAD, l->reason = "the article again in one line";
                    break;
                }
            }
        }
        if (verdict[i] != BP_GOOD)
            continue;
        index_add(&whole, i, h);
        if (len >= REPEAT_PREFIX)
            index_add(&start, i, p);
    }
    index_free(&whole);
    index_free(&start);
    return 0;
}

/* Step 5b: after good text, a comment section's header (a pattern written
 * "@tail") or the second line of a kind each comment has ("@thread": the
 * commenter's byline, the votes) starts boilerplate that runs to the end:
 * from the header, or from the first such comment line. */
static void drop_tail(boilerplate_line *lines, size_t n, unsigned char *verdict)
{
    size_t i = 0, start = n, thread = n;
    while (i < n && lines[i].cls != BP_GOOD)
        i++;
    for (; i < n && start == n; i++) {
        int tail = lines[i].rule ? lines[i].rule->tail : 0;
        if (tail == BOILERPLATE_TAIL_HEADER)
            start = i;
        else if (tail == BOILERPLATE_TAIL_THREAD && thread < n)
            start = thread;
        else if (tail == BOILERPLATE_TAIL_THREAD)
            thread = i;
    }
    for (size_t j = start + 1; j < n; j++)
        if (verdict[j] == BP_GOOD && lines[j].cls != BP_BLANK)
            verdict[j] = BP_BAD, lines[j].reason = "after the start of the comments";
}

/* Step 5c: kept text cut off from the article's main block by at least
 * far_lines removed lines (comments, teasers, a cookie notice) goes when it
 * is much smaller than the main block; or, when it is further off still
 * (TOPIC_GAP removed lines), when it has none of the title's words and the
 * main block has them.  The main block is the biggest one, or the biggest
 * that uses the title's words when that one is not much smaller; the
 * headline stays.  With the title's words the main block must be a real
 * article's text (TOPIC_CHARS), not a headline and a subtitle. */
#define TOPIC_GAP 10

/* Removed lines between the block first..last and the nearest kept line of a
 * block that stays, on its nearer side (TOPIC_GAP at most; the edges of the
 * text count as far). */
static size_t removed_around(const boilerplate_line *lines, size_t n, size_t first, size_t last,
                             const size_t *cluster, const unsigned char *drop_c,
                             const unsigned char *verdict, size_t headline)
{
    size_t before = 0, after = 0, j;
    for (j = first; j-- > 0 && before < TOPIC_GAP;) {
        if (lines[j].cls != BP_BLANK && verdict[j] == BP_GOOD && j != headline && !drop_c[cluster[j]])
            break;
        before += lines[j].cls != BP_BLANK;
    }
    if (j == (size_t)-1)
        before = TOPIC_GAP;                    /* the start of the text */
    for (j = last + 1; j < n && after < TOPIC_GAP; j++) {
        if (lines[j].cls != BP_BLANK && verdict[j] == BP_GOOD && !drop_c[cluster[j]])
            break;
        after += lines[j].cls != BP_BLANK;
    }
    if (j == n)
        after = TOPIC_GAP;                     /* the end of the text */
    return before < after ? before : after;
}
#define TOPIC_CHARS 500
#define TOPIC_SHARE 0.2
static int drop_far(boilerplate_line *lines, size_t n, const char *text,
                    const boilerplate_settings *s, const boilerplate_wordset *stop,
                    unsigned char *verdict)
{
    if (!s->far_lines)
        return 0;
    size_t *cluster = malloc(n * sizeof *cluster), clusters = 0, gap = 0, headline = n;
    unsigned long *chars = calloc(n, sizeof *chars);
    uint32_t *hits = calloc(n, sizeof *hits);
    size_t *first = calloc(n, sizeof *first), *last = calloc(n, sizeof *last);
    unsigned char *good = calloc(n ? n : 1, 1);   /* the block has a good line */
    if (!cluster || !chars || !hits || !first || !last || !good) {
        free(good);
        free(cluster);
        free(chars);
        free(hits);
        free(first);
        free(last);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (lines[i].cls == BP_BLANK)
            continue;
        if (verdict[i] != BP_GOOD) {
            gap++;
            continue;
        }
        if (headline == n)
            headline = i;
        if (clusters == 0 || gap >= s->far_lines)
            first[clusters++] = i;
        gap = 0;
        cluster[i] = clusters - 1;
        last[clusters - 1] = i;
        chars[clusters - 1] += lines[i].chars;
        good[clusters - 1] |= lines[i].cls == BP_GOOD;
    }
    size_t biggest = 0;
    for (size_t c = 1; c < clusters; c++)
        if (chars[c] > chars[biggest])
            biggest = c;
    size_t main = biggest;
    int topic = 0;
    if (s->topic && clusters > 1) {
        boilerplate_topic t;
        boilerplate_topic_init(&t, text + lines[headline].ts, lines[headline].te - lines[headline].ts, stop);
        topic = t.count >= 3;
        for (size_t i = 0; topic && i < n; i++)
            if (lines[i].cls != BP_BLANK && verdict[i] == BP_GOOD && i != headline)
                hits[cluster[i]] |= boilerplate_topic_hits(&t, text + lines[i].ts, lines[i].te - lines[i].ts);
        if (topic && __builtin_popcount(hits[main]) < 2)
            for (size_t c = 0; c < clusters; c++)
                if (__builtin_popcount(hits[c]) >= 2 && chars[c] >= TOPIC_CHARS &&
                    chars[c] >= TOPIC_SHARE * chars[biggest] &&
                    (__builtin_popcount(hits[main]) < 2 || chars[c] > chars[main]))
                    main = c;
        topic = topic && __builtin_popcount(hits[main]) >= 2 && chars[main] >= TOPIC_CHARS;
    }
    /* First the small blocks, but not one close to the main block (fewer
     * than TOPIC_GAP lines between them) that has a good line and the title's
     * words (the article's opening, cut off by a
     * box of related links); then, of the rest, those far from every block
     * that stays and without the title's words. */
    unsigned char *drop_c = calloc(clusters ? clusters : 1, 1);
    if (!drop_c) {
        free(cluster), free(chars), free(hits), free(first), free(last), free(good);
        return -1;
    }
    for (size_t c = 0; c < clusters; c++)
        drop_c[c] = c != main && chars[c] < s->far_share * chars[main];
    for (size_t c = 0; topic && c < clusters; c++) {
        if (!drop_c[c] || !good[c] || __builtin_popcount(hits[c]) < 2)
            continue;
        size_t from = c < main ? last[c] : last[main], to = c < main ? first[main] : first[c], between = 0;
        for (size_t j = from + 1; j < to && between < TOPIC_GAP; j++)
            between += lines[j].cls != BP_BLANK;
        if (between < TOPIC_GAP)
            drop_c[c] = 0;
    }
    for (size_t c = 0; topic && c < clusters; c++)
        if (c != main && !drop_c[c] && !hits[c] &&
            removed_around(lines, n, first[c], last[c], cluster, drop_c, verdict, headline) >= TOPIC_GAP)
            drop_c[c] = 2;
    for (size_t i = 0; i < n; i++)
        if (lines[i].cls != BP_BLANK && verdict[i] == BP_GOOD && i != headline && drop_c[cluster[i]])
            verdict[i] = BP_BAD, lines[i].reason = drop_c[cluster[i]] == 1 ? "far from the article text"
                                                 : "far from the article text, none of the title's words";
    free(drop_c);
    free(cluster);
    free(chars);
    free(hits);
    free(first);
    free(last);
    free(good);
    return 0;
}

int boilerplate_classify(boilerplate_line *lines, size_t n, const char *text,
                         const boilerplate_settings *s, boilerplate_matcher *match,
                         const boilerplate_wordset *stop)
{
    context_free(lines, n, text, s, match);
    int good = 0;
    for (size_t i = 0; i < n && !good; i++)
        good = lines[i].cls == BP_GOOD;
    for (size_t i = 0; i < n && !good; i++)      /* a short article: its best lines */
        if (lines[i].cls == BP_NEARGOOD)
            lines[i].cls = BP_GOOD;
    paragraphs(lines, n, s);
    menus(lines, n, s);
    teasers(lines, n, s);

    unsigned char *verdict = malloc(n ? n : 1), *before = malloc(n ? n : 1), *after = malloc(n ? n : 1);
    size_t *next = malloc((n ? n : 1) * sizeof *next);
    if (!verdict || !before || !after || !next) {
        free(verdict), free(before), free(after), free(next);
        return -1;
    }
    neighbours(lines, n, before, after);
    for (size_t i = n, nb = n; i-- > 0;) {
        next[i] = nb;
        if (lines[i].cls != BP_BLANK)
            nb = i;
    }
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        boilerplate_line *l = &lines[i];
        verdict[i] = l->cls;
        if (l->cls == BP_BLANK || l->final)
            continue;
        if (first || (l->cls != BP_GOOD && l->chars < s->length_high &&
                      leads_to_good(lines, n, i, s->heading_reach, next))) {
            first = 0;
            verdict[i] = BP_GOOD;        /* the headline, or a heading */
            continue;
        }
        if (l->cls == BP_SHORT) {
            if (before[i] == BP_GOOD && after[i] == BP_GOOD)
                verdict[i] = BP_GOOD;
            else if (before[i] == BP_BAD && after[i] == BP_BAD)
                verdict[i] = BP_BAD, l->reason = "short line among boilerplate";
            else if (s->mixed == 2 || (s->mixed == 1 && l->sentence))
                verdict[i] = BP_GOOD;
            else
                verdict[i] = BP_BAD, l->reason = "short line next to boilerplate";
        } else if (l->cls == BP_NEARGOOD) {
            if (before[i] == BP_BAD && after[i] == BP_BAD)
                verdict[i] = BP_BAD, l->reason = "line among boilerplate";
            else
                verdict[i] = BP_GOOD;
        }
    }
    free(before);
    free(after);
    free(next);
    if (s->between)
        keep_between(lines, n, verdict);
    if (drop_repeats(lines, n, text, s, verdict)) {
        free(verdict);
        return -1;
    }
    if (s->tail)
        drop_tail(lines, n, verdict);
    if (drop_far(lines, n, text, s, stop, verdict)) {
        free(verdict);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        lines[i].keep = verdict[i] == BP_GOOD || verdict[i] == BP_BLANK;
    free(verdict);
    return 0;
}
