/* record.h - one article through the chain: a JSON Lines record or a whole
 * plain-text input.  Runs on worker threads: touches nothing shared but the
 * chain. */
#ifndef UNSPIN_RECORD_H
#define UNSPIN_RECORD_H
#include <stddef.h>
#include "strbuf.h"
#include "unspin/unspin.h"

enum record_status {
    RECORD_OK,        /* cleaned (possibly unchanged) */
    RECORD_BAD,       /* could not be cleaned: why says so */
};

struct record {
    strbuf in;              /* the line (JSON Lines) or the whole article */
    size_t lineno;          /* 1-based; 0 for a plain article */
    size_t part;            /* a part of a split plain article: 1-based; else 0 */
    size_t offset;          /* where that part starts in the article (bytes) */
    int oversize;           /* longer than --max-record-size: only in's head is here */
    int blank;              /* a JSON Lines line of white space only */
    enum record_status status;
    char *why;              /* RECORD_BAD: malloc()ed reason */
    strbuf out;             /* the output, when it differs from in */
    int changed;
    strbuf report;          /* the --report line, without newline */
};

struct record_ctx {
    unspin_chain *chain;
    int jsonl;
    const char *field;
    const char *id_field;
    const char *source;     /* file name, or "-" */
    int report;             /* build report lines */
    size_t max_record;
    const char *bad_status; /* report status of a bad record: passed, skipped, stopped */
};

void record_process(const struct record_ctx *ctx, struct record *r);
/* Empties r for the next record; buffers bigger than keep bytes are freed
 * so one huge record does not hold its memory for the rest of the run. */
void record_clear(struct record *r, size_t keep);
void record_free(struct record *r);
/* "SOURCE:LINE", "SOURCE, part N at byte B" or "SOURCE", for messages. */
void record_where(const struct record_ctx *ctx, const struct record *r, strbuf *sb);
#endif
