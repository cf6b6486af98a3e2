/* report.h - one line of --report: what happened to one article. */
#ifndef UNSPIN_REPORT_H
#define UNSPIN_REPORT_H
#include <stddef.h>
#include "strbuf.h"
#include "unspin/unspin.h"

/* {"source":..., "line":N, "id":..., "status":"cleaned|passed|skipped",
 *  "error":..., "filters":[...], "edits":[...], "stats":{filter:{key:value}}}
 * doc may be NULL (a record that never reached the chain). */
int report_entry(strbuf *sb, const char *source, size_t line, const char *id,
                 const unspin_chain *chain, const unspin_doc *doc,
                 const char *status, const char *error);
#endif
