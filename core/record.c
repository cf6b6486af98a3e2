/* record.c - one article through the chain. */
#include "record.h"
#include "jsonl.h"
#include "report.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void record_where(const struct record_ctx *ctx, const struct record *r, strbuf *sb)
{
    if (r->lineno)
        sb_printf(sb, "%s:%zu", ctx->source, r->lineno);
    else if (r->part)
        sb_printf(sb, "%s, part %zu at byte %zu", ctx->source, r->part, r->offset);
    else
        sb_adds(sb, ctx->source);
}

static void bad(const struct record_ctx *ctx, struct record *r, const char *id,
                const unspin_doc *doc, const char *fmt, const char *detail)
{
    r->status = RECORD_BAD;
    free(r->why);
    if (asprintf(&r->why, fmt, detail) < 0)
        r->why = NULL;
    if (ctx->report)
        report_entry(&r->report, ctx->source, r->lineno, r->part, r->offset, id, ctx->chain, doc,
                     ctx->bad_status, r->why ? r->why : "out of memory");
}

/* The id for messages and the report: the id field when it is a string or a
 * number, else nothing (the source and line say where the record is). */
static char *record_id(const char *line, const jsonl_member *m)
{
    if (!m->found)
        return NULL;
    const char *v = line + m->start;
    size_t n = m->end - m->start;
    if (jsonl_is_number(v, n))
        return strndup(v, n);
    if (!jsonl_is_string(v, n))
        return NULL;
    strbuf sb = {0};
    if (jsonl_decode_string(v, n, &sb)) {
        sb_free(&sb);
        return NULL;
    }
    return sb_detach(&sb, NULL);
}

static void run_chain(const struct record_ctx *ctx, struct record *r, const char *id,
                      const char *text, size_t len,
                      const char *prefix, size_t prefix_len, const char *suffix, size_t suffix_len)
{
    unspin_doc *doc = unspin_doc_new(id ? id : ctx->source, text, len, ctx->report);
    if (!doc) {
        bad(ctx, r, id, NULL, "%s", "out of memory");
        return;
    }
    char *err = NULL;
    if (unspin_chain_run(ctx->chain, doc, &err) != 0) {
        bad(ctx, r, id, doc, "%s", err ? err : "a filter failed");
        free(err);
        unspin_doc_free(doc);
        return;
    }
    size_t out_len;
    const char *out = unspin_doc_text(doc, &out_len);
    r->changed = out_len != len || memcmp(out, text, len) != 0;
    if (r->changed) {
        sb_reset(&r->out);
        sb_add(&r->out, prefix, prefix_len);
        if (ctx->jsonl)
            sb_add_json_string(&r->out, out, out_len);
        else
            sb_add(&r->out, out, out_len);
        sb_add(&r->out, suffix, suffix_len);
    }
    r->status = RECORD_OK;
    if (ctx->report)
        report_entry(&r->report, ctx->source, r->lineno, r->part, r->offset, id, ctx->chain, doc, "cleaned", NULL);
    unspin_doc_free(doc);
}

static void process_jsonl(const struct record_ctx *ctx, struct record *r)
{
    jsonl_member text, idm;
    char why[160];
    const char *line = r->in.data ? r->in.data : "";
    if (jsonl_scan(line, r->in.len, ctx->field, &text, ctx->id_field, &idm, why, sizeof why)) {
        bad(ctx, r, NULL, NULL, "%s", why);
        return;
    }
    char *id = record_id(line, &idm);
    const char *v = line + text.start;
    size_t vlen = text.end - text.start;
    if (!text.found)
        bad(ctx, r, id, NULL, "no \"%s\" field", ctx->field);
    else if (text.duplicate)
        bad(ctx, r, id, NULL, "the \"%s\" field is given more than once", ctx->field);
    else if (!jsonl_is_string(v, vlen))
        bad(ctx, r, id, NULL, "the \"%s\" field is not a string", ctx->field);
    else {
        strbuf decoded = {0};
        if (jsonl_decode_string(v, vlen, &decoded))
            bad(ctx, r, id, NULL, "%s", "the text is not a valid JSON string");
        else
            run_chain(ctx, r, id, decoded.data ? decoded.data : "", decoded.len,
                      line, text.start, line + text.end, r->in.len - text.end);
        sb_free(&decoded);
    }
    free(id);
}

void record_process(const struct record_ctx *ctx, struct record *r)
{
    if (r->oversize) {
        char limit[32];
        snprintf(limit, sizeof limit, "%zu", ctx->max_record);
        bad(ctx, r, NULL, NULL, "longer than --max-record-size (%s bytes)", limit);
        return;
    }
    if (r->blank) {
        r->status = RECORD_OK;
        return;
    }
    if (ctx->jsonl)
        process_jsonl(ctx, r);
    else
        run_chain(ctx, r, NULL, r->in.data ? r->in.data : "", r->in.len, "", 0, "", 0);
}

/* Slots are reused batch after batch; one huge record must not keep its
 * memory for the rest of the run. */
static void shrink(strbuf *sb, size_t keep)
{
    if (sb->cap > keep)
        sb_free(sb);
    else
        sb_reset(sb);
}

void record_clear(struct record *r, size_t keep)
{
    shrink(&r->in, keep);
    shrink(&r->out, keep);
    shrink(&r->report, keep);
    free(r->why);
    r->why = NULL;
    r->lineno = r->part = r->offset = 0;
    r->oversize = r->blank = r->changed = 0;
    r->status = RECORD_OK;
}

void record_free(struct record *r)
{
    sb_free(&r->in);
    sb_free(&r->out);
    sb_free(&r->report);
    free(r->why);
    r->why = NULL;
}
