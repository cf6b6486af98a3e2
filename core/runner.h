/* runner.h - streams inputs through the chain in batches and writes the
 * results in input order, counting every record. */
#ifndef UNSPIN_RUNNER_H
#define UNSPIN_RUNNER_H
#include <stdio.h>
#include "options.h"
#include "output.h"
#include "pool.h"
#include "record.h"

struct run_counts {
    size_t in, written, passed, skipped;
};

typedef struct runner {
    const struct options *opt;
    unspin_chain *chain;
    pool *pool;
    struct record *batch[2];   /* two, so one is cleaned while the other is written */
    size_t cap;
    size_t chunk;          /* plain articles are read in parts of this size; 0: whole */
    size_t keep;           /* record buffers bigger than this are freed between records */
    strbuf carry;          /* read, not yet cleaned: the start of the next part */
    size_t part, offset;   /* the last part's number and where the next starts */
    FILE *report;          /* NULL: no report */
    const char *report_name;
    struct run_counts counts;
    int stopped;           /* --on-error stop hit a bad record */
    int failed;            /* an input, output or report error */
} runner;

int runner_init(runner *r, const struct options *opt, unspin_chain *chain, FILE *report, const char *report_name);
/* Runs one input (a FILE opened by the caller) to out.  Returns 0, or -1
 * when the run must end (out or report failed, or --on-error stop). */
int runner_input(runner *r, FILE *in, const char *source, output *out);
void runner_free(runner *r);
#endif
