/* runner.c - streams inputs through the chain in batches, in order. */
#include "runner.h"
#include "linereader.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A batch holds at most this many records, and stops taking more once it
 * holds this many bytes: memory stays bounded whatever the input size. */
#define BATCH_RECORDS_PER_JOB 256
#define BATCH_BYTES (16u << 20)

static void work(void *ctx, void *item) { record_process(ctx, item); }

int runner_init(runner *r, const struct options *opt, unspin_chain *chain, FILE *report, const char *report_name)
{
    memset(r, 0, sizeof *r);
    r->opt = opt;
    r->chain = chain;
    r->report = report;
    r->report_name = report_name;
    r->cap = opt->jsonl ? (size_t)BATCH_RECORDS_PER_JOB * (size_t)opt->jobs : 1;
    r->batch = calloc(r->cap, sizeof *r->batch);
    return r->batch ? 0 : -1;
}

void runner_free(runner *r)
{
    for (size_t i = 0; i < r->cap; i++)
        record_free(&r->batch[i]);
    free(r->batch);
    pool_free(r->pool);
}

struct sink { output *out; char **err; };
static int to_output(void *ud, const char *p, size_t n)
{
    struct sink *s = ud;
    return output_write(s->out, p, n, s->err);
}
static int to_nowhere(void *ud, const char *p, size_t n) { (void)ud; (void)p; (void)n; return 0; }

static void say(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, fmt, a, b);
}

/* Writes one processed record; returns -1 when the run must end. */
static int emit(runner *r, const struct record_ctx *ctx, struct record *rec,
                linereader *lr, output *out)
{
    char *err = NULL;
    int delim = r->opt->jsonl ? '\n' : -1;
    int rc = 0;
    r->counts.in++;
    if (rec->status == RECORD_BAD) {
        strbuf where = {0};
        record_where(ctx, rec, &where);
        const char *why = rec->why ? rec->why : "out of memory";
        if (r->opt->on_error == ON_ERROR_STOP) {
            fprintf(stderr, "unspin: %s: %s; stopping (--on-error stop)\n", where.data, why);
            sb_free(&where);
            r->stopped = 1;
            return -1;
        }
        if (r->opt->on_error == ON_ERROR_SKIP) {
            fprintf(stderr, "unspin: %s: %s; skipped\n", where.data, why);
            r->counts.skipped++;
            if (rec->oversize && lr_rest(lr, delim, to_nowhere, NULL))
                rc = -1;
        } else {
            fprintf(stderr, "unspin: %s: %s; passed through unchanged\n", where.data, why);
            r->counts.passed++;
            struct sink s = { out, &err };
            if (output_write(out, rec->in.data, rec->in.len, &err) ||
                (rec->oversize && lr_rest(lr, delim, to_output, &s)) ||
                (r->opt->jsonl && output_write(out, "\n", 1, &err)))
                rc = -1;
            else
                r->counts.written++;
        }
        sb_free(&where);
    } else {
        const strbuf *b = rec->changed ? &rec->out : &rec->in;
        if (output_write(out, b->data, b->len, &err) ||
            (r->opt->jsonl && output_write(out, "\n", 1, &err)))
            rc = -1;
        else
            r->counts.written++;
    }
    if (rc == 0 && r->report && rec->report.len) {
        if (fwrite(rec->report.data, 1, rec->report.len, r->report) != rec->report.len ||
            fputc('\n', r->report) == EOF) {
            fprintf(stderr, "unspin: %s: write error: %s\n", r->report_name, strerror(errno));
            rc = -1;
        }
    }
    if (rc != 0) {
        if (err)
            say("unspin: %s%s\n", err, "");
        else if (lr->error)
            say("unspin: %s: read error%s\n", ctx->source, "");
        r->failed = 1;
    }
    free(err);
    return rc;
}

static int blank_line(const strbuf *sb)
{
    for (size_t i = 0; i < sb->len; i++)
        if (!strchr(" \t\r", sb->data[i]))
            return 0;
    return 1;
}

int runner_input(runner *r, FILE *in, const char *source, output *out)
{
    const struct options *o = r->opt;
    struct record_ctx ctx = {
        .chain = r->chain, .jsonl = o->jsonl, .field = o->field, .id_field = o->id_field,
        .source = source, .report = r->report != NULL, .max_record = o->max_record,
        .bad_status = o->on_error == ON_ERROR_PASS ? "passed"
                    : o->on_error == ON_ERROR_SKIP ? "skipped" : "stopped",
    };
    if (o->jobs > 1 && o->jsonl && !r->pool && !(r->pool = pool_new(o->jobs, work))) {
        fprintf(stderr, "unspin: cannot start worker threads\n");
        r->failed = 1;
        return -1;
    }
    linereader lr;
    if (lr_init(&lr, in)) {
        fprintf(stderr, "unspin: out of memory\n");
        r->failed = 1;
        return -1;
    }
    int delim = o->jsonl ? '\n' : -1;
    size_t lineno = 0;
    int rc = 0, done = 0;
    while (!done && rc == 0) {
        size_t n = 0, bytes = 0;
        while (n < r->cap && bytes < BATCH_BYTES) {
            struct record *rec = &r->batch[n];
            record_clear(rec);
            int got = lr_next(&lr, &rec->in, o->max_record, delim, &rec->oversize);
            if (got < 0) {
                fprintf(stderr, "unspin: %s: read error: %s\n", source, strerror(errno));
                r->failed = 1;
                rc = -1;
                done = 1;
                break;
            }
            if (got == 0 && (o->jsonl || lineno > 0)) {
                done = 1;
                break;
            }
            /* A plain input is one article, even an empty one. */
            rec->lineno = o->jsonl ? ++lineno : (lineno++, 0);
            rec->blank = o->jsonl && blank_line(&rec->in);
            bytes += rec->in.len;
            n++;
            if (!o->jsonl || rec->oversize)
                break;   /* an oversize record's tail is still in the reader */
        }
        if (r->pool && n > 1) {
            pool_run(r->pool, &ctx, r->batch, sizeof *r->batch, n);
        } else {
            for (size_t i = 0; i < n; i++)
                record_process(&ctx, &r->batch[i]);
        }
        for (size_t i = 0; i < n && rc == 0; i++)
            if (emit(r, &ctx, &r->batch[i], &lr, out))
                rc = -1;
        if (!o->jsonl)
            done = 1;
    }
    lr_free(&lr);
    return rc;
}
