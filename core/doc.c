/* doc.c - the document a filter sees: text, id, edit log, summary figures. */
#include "doc.h"
#include <stdlib.h>
#include <string.h>

struct unspin_doc {
    char *text;
    size_t len;
    char *id;
    int logging;
    const char *filter;        /* current filter, for the log */
    unspin_edit *edits;
    size_t n_edits, cap_edits;
    unspin_stat *stats;
    size_t n_stats, cap_stats;
};

/* A copy of s[0..n) followed by `zeros` zero bytes (1: its NUL). */
static char *dup_zeroed(const char *s, size_t n, size_t zeros)
{
    char *p = malloc(n + zeros);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    memset(p + n, 0, zeros);
    return p;
}

static char *dup_bytes(const char *s, size_t n) { return dup_zeroed(s, n, 1); }

/* The text is followed by its NUL and then zero bytes up to DOC_TEXT_PAD:
 * vector code such as PCRE2's JIT reads whole aligned blocks and may look
 * past the end of the text (harmlessly, within the block), and those bytes
 * must be defined, or valgrind reports a branch on uninitialised memory. */
#define DOC_TEXT_PAD 64

static char *dup_text(const char *s, size_t n) { return dup_zeroed(s, n, DOC_TEXT_PAD); }

unspin_doc *unspin_doc_new(const char *id, const char *text, size_t len, int logging)
{
    unspin_doc *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->id = strdup(id ? id : "");
    d->text = dup_text(text ? text : "", text ? len : 0);
    d->len = text ? len : 0;
    d->logging = logging;
    d->filter = "";
    if (!d->id || !d->text) {
        unspin_doc_free(d);
        return NULL;
    }
    return d;
}

void unspin_doc_free(unspin_doc *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n_edits; i++) {
        free((char *)d->edits[i].before);
        free((char *)d->edits[i].after);
        free((char *)d->edits[i].reason);
    }
    for (size_t i = 0; i < d->n_stats; i++)
        free((char *)d->stats[i].key);
    free(d->edits);
    free(d->stats);
    free(d->text);
    free(d->id);
    free(d);
}

const char *unspin_doc_text(const unspin_doc *d, size_t *len)
{
    if (len)
        *len = d->len;
    return d->text;
}

const char *unspin_doc_id(const unspin_doc *d) { return d->id; }
int unspin_doc_logging(const unspin_doc *d) { return d->logging; }

int unspin_doc_take_text(unspin_doc *d, char *text, size_t len)
{
    if (!text)
        return -1;
    /* The header promises a NUL after the last byte; a filter's buffer may
     * be exactly len bytes long, so make room for it and the padding. */
    char *p = realloc(text, len + DOC_TEXT_PAD);
    if (!p) {
        free(text);
        return -1;
    }
    memset(p + len, 0, DOC_TEXT_PAD);
    free(d->text);
    d->text = p;
    d->len = len;
    return 0;
}

int unspin_doc_set_text(unspin_doc *d, const char *text, size_t len)
{
    char *p = dup_text(text, len);
    if (!p)
        return -1;
    free(d->text);
    d->text = p;
    d->len = len;
    return 0;
}

char *unspin_doc_release_text(unspin_doc *d, size_t *len)
{
    char *p = d->text;
    if (len)
        *len = d->len;
    d->text = dup_text("", 0);
    d->len = 0;
    return p;
}

void doc_set_current_filter(unspin_doc *d, const char *name) { d->filter = name ? name : ""; }

int unspin_doc_log_edit(unspin_doc *d, size_t start, size_t end,
                        const char *before, size_t before_len,
                        const char *after, size_t after_len,
                        const char *reason, double confidence)
{
    if (!d->logging)
        return 0;
    if (d->n_edits == d->cap_edits) {
        size_t cap = d->cap_edits ? d->cap_edits * 2 : 16;
        unspin_edit *e = realloc(d->edits, cap * sizeof *e);
        if (!e)
            return -1;
        d->edits = e;
        d->cap_edits = cap;
    }
    unspin_edit e = {
        .filter = d->filter, .start = start, .end = end,
        .before = dup_bytes(before ? before : "", before ? before_len : 0),
        .before_len = before ? before_len : 0,
        .after = dup_bytes(after ? after : "", after ? after_len : 0),
        .after_len = after ? after_len : 0,
        .reason = strdup(reason ? reason : ""),
        .confidence = confidence < 0 ? 0 : confidence > 1 ? 1 : confidence,
    };
    if (!e.before || !e.after || !e.reason) {
        free((char *)e.before);
        free((char *)e.after);
        free((char *)e.reason);
        return -1;
    }
    d->edits[d->n_edits++] = e;
    return 0;
}

int unspin_doc_set_stat(unspin_doc *d, const char *key, double value)
{
    for (size_t i = 0; i < d->n_stats; i++)
        if (d->stats[i].filter == d->filter && strcmp(d->stats[i].key, key) == 0) {
            d->stats[i].value = value;
            return 0;
        }
    if (d->n_stats == d->cap_stats) {
        size_t cap = d->cap_stats ? d->cap_stats * 2 : 8;
        unspin_stat *s = realloc(d->stats, cap * sizeof *s);
        if (!s)
            return -1;
        d->stats = s;
        d->cap_stats = cap;
    }
    char *k = strdup(key);
    if (!k)
        return -1;
    d->stats[d->n_stats++] = (unspin_stat){ .filter = d->filter, .key = k, .value = value };
    return 0;
}

size_t unspin_doc_edit_count(const unspin_doc *d) { return d->n_edits; }
const unspin_edit *unspin_doc_edit(const unspin_doc *d, size_t i) { return i < d->n_edits ? &d->edits[i] : NULL; }
size_t unspin_doc_stat_count(const unspin_doc *d) { return d->n_stats; }
const unspin_stat *unspin_doc_stat(const unspin_doc *d, size_t i) { return i < d->n_stats ? &d->stats[i] : NULL; }
