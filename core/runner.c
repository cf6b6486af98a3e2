/* runner.c - streams inputs through the chain in batches, in order. */
#include "runner.h"
#include "linereader.h"
#include "split.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A batch holds at most this many records, and stops taking more once it
 * holds this many bytes: memory stays bounded whatever the input size.  Two
 * batches are in flight, each record with its copies and output, so this is
 * most of what each extra thread costs (256 gave +30 MB a thread on spun
 * news); 64 keeps the threads as busy (one record of imbalance in 64). */
#define BATCH_RECORDS_PER_JOB 64
#define BATCH_BYTES (16u << 20)
/* Parts of a plain article in a batch, per thread: one is cleaned while the
 * next waits, and a slot's buffers outgrow a part a little (the output). */
#define BATCH_PARTS_PER_JOB 2
#define KEEP_MIN ((size_t)1 << 20)

static void work(void *ctx, void *item) { record_process(ctx, item); }

int runner_init(runner *r, const struct options *opt, unspin_chain *chain, FILE *report, const char *report_name)
{
    memset(r, 0, sizeof *r);
    r->opt = opt;
    r->chain = chain;
    r->report = report;
    r->report_name = report_name;
    /* A --max-record-size below the part size keeps plain articles whole,
     * so an article over it is still passed through whole. */
    r->chunk = !opt->jsonl && opt->chunk_size <= opt->max_record ? opt->chunk_size : 0;
    r->keep = r->chunk && 4 * r->chunk > KEEP_MIN ? 4 * r->chunk : KEEP_MIN;
    r->cap = opt->jsonl ? (size_t)BATCH_RECORDS_PER_JOB * (size_t)opt->jobs
           : r->chunk && opt->jobs > 1 ? (size_t)BATCH_PARTS_PER_JOB * (size_t)opt->jobs : 1;
    r->batch[0] = calloc(r->cap, sizeof *r->batch[0]);
    r->batch[1] = opt->jobs > 1 ? calloc(r->cap, sizeof *r->batch[1]) : NULL;
    return r->batch[0] && (opt->jobs == 1 || r->batch[1]) ? 0 : -1;
}

void runner_free(runner *r)
{
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; r->batch[k] && i < r->cap; i++)
            record_free(&r->batch[k][i]);
        free(r->batch[k]);
    }
    sb_free(&r->carry);
    pool_free(r->pool);
}

struct sink { output *out; char **err; };
static int to_output(void *ud, const char *p, size_t n)
{
    struct sink *s = ud;
    return output_write(s->out, p, n, s->err);
}
static int to_nowhere(void *ud, const char *p, size_t n) { (void)ud; (void)p; (void)n; return 0; }

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
            fprintf(stderr, "unspin: %s\n", err);
        else if (lr->error)
            fprintf(stderr, "unspin: %s: read error\n", ctx->source);
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

/* Reads the next part of a plain article into rec (empty): what was left
 * over from the last part, then input up to the part size, cut back to a
 * paragraph break (split.h) when more input follows. */
static int read_part(runner *r, linereader *lr, struct record *rec, int *eof, const char *source)
{
    int more = sb_add(&rec->in, r->carry.data, r->carry.len) ? -2 : lr_fill(lr, &rec->in, r->chunk);
    sb_reset(&r->carry);
    if (more == 1) {
        size_t p = split_point(rec->in.data, rec->in.len);
        if (sb_add(&r->carry, rec->in.data + p, rec->in.len - p))
            more = -2;
        rec->in.len = p;
        rec->in.data[p] = '\0';
    }
    if (more < 0) {
        fprintf(stderr, "unspin: %s: %s%s\n", source, more == -2 ? "out of memory" : "read error: ",
                more == -2 ? "" : strerror(errno));
        r->failed = 1;
        *eof = 1;
        return -1;
    }
    /* An article read in one part is not numbered: it was not split. */
    rec->part = more || r->part ? ++r->part : 0;
    rec->offset = r->offset;
    r->offset += rec->in.len;
    *eof = !more;
    return 0;
}

/* Reads the next batch into b; sets *n, and *eof at the end of the input.
 * A batch ends after an oversize record: its tail is still in the reader. */
static int read_batch(runner *r, linereader *lr, struct record *b, size_t *n,
                      size_t *lineno, int *eof, const char *source)
{
    const struct options *o = r->opt;
    int delim = o->jsonl ? '\n' : -1;
    size_t bytes = 0;
    *n = 0;
    while (*n < r->cap && bytes < BATCH_BYTES) {
        struct record *rec = &b[*n];
        record_clear(rec, r->keep);
        if (r->chunk) {
            if (read_part(r, lr, rec, eof, source))
                return -1;
            ++*n;
            if (*eof)
                return 0;
            continue;
        }
        int got = lr_next(lr, &rec->in, o->max_record, delim, &rec->oversize);
        if (got < 0) {
            fprintf(stderr, "unspin: %s: read error: %s\n", source, strerror(errno));
            r->failed = 1;
            *eof = 1;
            return -1;
        }
        if (got == 0 && (o->jsonl || *lineno > 0)) {
            *eof = 1;
            return 0;
        }
        /* A plain input is one article, even an empty one. */
        rec->lineno = o->jsonl ? ++*lineno : (++*lineno, 0);
        rec->blank = o->jsonl && blank_line(&rec->in);
        bytes += rec->in.len;
        ++*n;
        if (!o->jsonl) {
            *eof = 1;
            return 0;
        }
        if (rec->oversize)
            return 0;
    }
    return 0;
}

static int emit_batch(runner *r, const struct record_ctx *ctx, struct record *b, size_t n,
                      linereader *lr, output *out)
{
    for (size_t i = 0; i < n; i++)
        if (emit(r, ctx, &b[i], lr, out))
            return -1;
    return 0;
}

/* One thread: read a batch, clean it, write it. */
static int run_serial(runner *r, const struct record_ctx *ctx, linereader *lr, output *out)
{
    size_t lineno = 0, n;
    int eof = 0, rc = 0;
    while (!eof && rc == 0) {
        rc = read_batch(r, lr, r->batch[0], &n, &lineno, &eof, ctx->source);
        for (size_t i = 0; i < n; i++)
            record_process(ctx, &r->batch[0][i]);
        if (emit_batch(r, ctx, r->batch[0], n, lr, out))
            rc = -1;
    }
    return rc;
}

/* Worker threads: while they clean batch k, this thread writes batch k-1
 * and reads batch k+1, so reading and writing cost no cleaning time. */
static int run_pipelined(runner *r, const struct record_ctx *ctx, linereader *lr, output *out)
{
    size_t lineno = 0, n_cur = 0, n_prev = 0;
    int eof = 0, rc = 0, cur = 0, in_flight = 0;
    while (rc == 0 && (!eof || in_flight)) {
        struct record *b = r->batch[cur], *prev = r->batch[!cur];
        n_cur = 0;
        if (!eof && read_batch(r, lr, b, &n_cur, &lineno, &eof, ctx->source))
            rc = -1;
        if (in_flight) {
            pool_wait(r->pool);
            in_flight = 0;
        }
        int tail_in_reader = n_cur > 0 && b[n_cur - 1].oversize;
        if (n_cur > 0 && !tail_in_reader) {
            pool_start(r->pool, (void *)ctx, b, sizeof *b, n_cur);
            in_flight = 1;
        }
        if (emit_batch(r, ctx, prev, n_prev, lr, out)) {
            rc = -1;
            break;
        }
        n_prev = 0;
        if (tail_in_reader) {
            /* The oversize record's tail must be written before anything
             * more is read: finish this batch here and now. */
            pool_run(r->pool, (void *)ctx, b, sizeof *b, n_cur);
            if (emit_batch(r, ctx, b, n_cur, lr, out))
                rc = -1;
            continue;
        }
        n_prev = n_cur;
        cur = !cur;
    }
    if (in_flight)
        pool_wait(r->pool);
    return rc;
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
    if (o->jobs > 1 && (o->jsonl || r->chunk) && !r->pool && !(r->pool = pool_new(o->jobs, work))) {
        fprintf(stderr, "unspin: cannot start worker threads\n");
        r->failed = 1;
        return -1;
    }
    sb_reset(&r->carry);
    r->part = r->offset = 0;
    linereader lr;
    if (lr_init(&lr, in)) {
        fprintf(stderr, "unspin: out of memory\n");
        r->failed = 1;
        return -1;
    }
    int rc = r->pool ? run_pipelined(r, &ctx, &lr, out) : run_serial(r, &ctx, &lr, out);
    lr_free(&lr);
    return rc;
}
