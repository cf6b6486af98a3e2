/* report.h - one line of --report: what happened to one article. */
#ifndef UNSPIN_REPORT_H
#define UNSPIN_REPORT_H
#include <stddef.h>
#include "strbuf.h"
#include "unspin/unspin.h"

/* {"source":..., "line":N, "part":N, "offset":B, "id":..., "status":"cleaned|passed|skipped",
 *  "error":..., "filters":[...], "edits":[...], "stats":{filter:{key:value}}}
 * line: 0 for none; part: 0 for an article that was not split, else the
 * part's number, with offset where it starts in the article (edits' start
 * and end are within the part).  doc may be NULL (a record that never
 * reached the chain). */
int report_entry(strbuf *sb, const char *source, size_t line, size_t part, size_t offset, const char *id,
                 const unspin_chain *chain, const unspin_doc *doc,
                 const char *status, const char *error);
#endif
