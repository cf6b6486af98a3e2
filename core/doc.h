/* doc.h - core-side access to a document: which filter is writing to it. */
#ifndef UNSPIN_DOC_H
#define UNSPIN_DOC_H
#include "unspin/unspin.h"

/* The name filled into edits and stats until the next call (not copied:
 * the chain keeps the name alive while the filter runs). */
void doc_set_current_filter(unspin_doc *doc, const char *name);
#endif
