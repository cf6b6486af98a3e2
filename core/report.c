/* report.c - one line of --report. */
#include "report.h"
#include <math.h>
#include <string.h>

/* Reports are always valid UTF-8 JSON, whatever bytes the article held. */
static void add_str(strbuf *sb, const char *s, size_t n) { sb_add_json_string_utf8(sb, s, n); }
static void add_cstr(strbuf *sb, const char *s) { add_str(sb, s, strlen(s)); }

static void add_number(strbuf *sb, double v)
{
    if (!isfinite(v))
        sb_adds(sb, "null");
    else
        sb_printf(sb, "%.6g", v);
}

int report_entry(strbuf *sb, const char *source, size_t line, size_t part, size_t offset, const char *id,
                 const unspin_chain *chain, const unspin_doc *doc,
                 const char *status, const char *error)
{
    sb_adds(sb, "{\"source\":");
    add_cstr(sb, source);
    if (line)
        sb_printf(sb, ",\"line\":%zu", line);
    if (part)
        sb_printf(sb, ",\"part\":%zu,\"offset\":%zu", part, offset);
    if (id) {
        sb_adds(sb, ",\"id\":");
        add_cstr(sb, id);
    }
    sb_adds(sb, ",\"status\":");
    add_cstr(sb, status);
    if (error) {
        sb_adds(sb, ",\"error\":");
        add_cstr(sb, error);
    }
    sb_adds(sb, ",\"filters\":[");
    for (size_t i = 0; i < unspin_chain_length(chain); i++) {
        if (i)
            sb_addc(sb, ',');
        add_cstr(sb, unspin_chain_filter_name(chain, i));
    }
    sb_adds(sb, "],\"edits\":[");
    size_t n = doc ? unspin_doc_edit_count(doc) : 0;
    for (size_t i = 0; i < n; i++) {
        const unspin_edit *e = unspin_doc_edit(doc, i);
        sb_adds(sb, i ? ",{\"filter\":" : "{\"filter\":");
        add_cstr(sb, e->filter);
        sb_printf(sb, ",\"start\":%zu,\"end\":%zu,\"before\":", e->start, e->end);
        add_str(sb, e->before, e->before_len);
        sb_adds(sb, ",\"after\":");
        add_str(sb, e->after, e->after_len);
        sb_adds(sb, ",\"reason\":");
        add_cstr(sb, e->reason);
        sb_adds(sb, ",\"confidence\":");
        add_number(sb, e->confidence);
        sb_addc(sb, '}');
    }
    sb_adds(sb, "],\"stats\":{");
    n = doc ? unspin_doc_stat_count(doc) : 0;
    /* Group by filter, in chain order. */
    int first_filter = 1;
    for (size_t f = 0; f < unspin_chain_length(chain); f++) {
        const char *name = unspin_chain_filter_name(chain, f);
        int first = 1;
        for (size_t i = 0; i < n; i++) {
            const unspin_stat *s = unspin_doc_stat(doc, i);
            if (strcmp(s->filter, name) != 0)
                continue;
            if (first) {
                if (!first_filter)
                    sb_addc(sb, ',');
                add_cstr(sb, name);
                sb_adds(sb, ":{");
                first_filter = 0;
            } else {
                sb_addc(sb, ',');
            }
            first = 0;
            add_cstr(sb, s->key);
            sb_addc(sb, ':');
            add_number(sb, s->value);
        }
        if (!first)
            sb_addc(sb, '}');
    }
    return sb_adds(sb, "}}");
}
