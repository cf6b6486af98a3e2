/* unspin/filter.h - the plugin API of unspin.
 *
 * A filter is a libtool module (-module -avoid-version) that exports one
 * descriptor, `struct unspin_filter`, under the name UNSPIN_FILTER_SYMBOL.
 * Write it with UNSPIN_FILTER_EXPORT(modname) so the symbol carries libltdl's
 * `modname_LTX_` prefix: that lets every filter be preloaded into one static
 * binary (./configure --disable-shared) without name clashes.
 *
 * Life cycle, per filter in a chain (collectd's filter chain is the model):
 *   create(config, host, &state, &err)   once, before any document
 *   process(state, doc, &err)            once per document, any number of times
 *   destroy(state)                       once, at the end (also after a failed run)
 *
 * Memory rules
 * - The core owns every unspin_doc and everything it returns.  Text returned by
 *   unspin_doc_text() stays valid until the filter replaces the text or returns.
 *   The text is length-counted (it may hold NUL bytes) and always has a NUL
 *   byte after its last byte, so C string functions work on text without NULs.
 * - unspin_doc_set_text() copies; unspin_doc_take_text() takes a malloc()ed
 *   buffer that the core then frees.
 * - Errors: a callback that fails returns -1 and sets *err to a malloc()ed
 *   message (use unspin_error()); the core prints it, naming the filter and
 *   the document, and frees it.  Returning -1 without a message is allowed;
 *   the core then says "failed without a message".
 * - Filter state is the filter's own.  The core never looks inside it.
 *
 * Threads: with `unspin -j N` the core calls process() from N threads.  A
 * filter whose descriptor has UNSPIN_FILTER_THREADSAFE in `flags` may be
 * called concurrently on the same state (treat the state as read-only in
 * process()); without that flag the core serialises its calls.
 *
 * Versioning: UNSPIN_ABI_MAJOR changes when this header changes in a way that
 * breaks built filters; the loader rejects a filter built for a newer major.
 * UNSPIN_ABI_MINOR grows when something is added at the end of a struct or a
 * function is added; a filter built for an older minor still loads.
 */
#ifndef UNSPIN_FILTER_H
#define UNSPIN_FILTER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define UNSPIN_ABI_MAJOR 1
#define UNSPIN_ABI_MINOR 0

/* The symbol the loader looks up; libltdl first tries "<module>_LTX_unspin_filter". */
#define UNSPIN_FILTER_SYMBOL "unspin_filter"
#define UNSPIN_FILTER_EXPORT(modname) modname##_LTX_unspin_filter

/* Flags of struct unspin_filter. */
#define UNSPIN_FILTER_THREADSAFE 0x1u

struct cJSON;                     /* from <cjson/cJSON.h> */
typedef struct unspin_doc unspin_doc;

/* What the core tells a filter when it creates it. */
typedef struct unspin_host {
    unsigned abi_major, abi_minor; /* of the core that loaded the filter */
    const char *dict_dir;          /* directory of the data files (dicts/) */
    const char *filter_name;       /* the name the filter was loaded under */
} unspin_host;

typedef struct unspin_filter {
    unsigned abi_major;            /* UNSPIN_ABI_MAJOR the filter was built with */
    unsigned abi_minor;            /* UNSPIN_ABI_MINOR the filter was built with */
    const char *name;              /* short name, as used in -f and in config */
    const char *version;           /* the filter's own version string */
    const char *description;       /* one line, for --list-filters */
    unsigned flags;                /* UNSPIN_FILTER_* */

    /* config: this filter's JSON object from the configuration (never NULL:
     * an empty object when the user gave none).  It is valid only during the
     * call: copy what you need.  Unknown keys should be an error. */
    int (*create)(const struct cJSON *config, const unspin_host *host,
                  void **state, char **err);
    int (*process)(void *state, unspin_doc *doc, char **err);
    void (*destroy)(void *state);
} unspin_filter;

/* The document: an article's text and id, and the edit log filters append to. */
const char *unspin_doc_text(const unspin_doc *doc, size_t *len);
const char *unspin_doc_id(const unspin_doc *doc);
int unspin_doc_set_text(unspin_doc *doc, const char *text, size_t len);
int unspin_doc_take_text(unspin_doc *doc, char *text, size_t len);

/* Whether anyone reads the edit log (--report).  Filters may skip building
 * log entries when it is 0; they must still make the same changes. */
int unspin_doc_logging(const unspin_doc *doc);

/* Append one edit.  start/end: byte range in the text as this filter saw it
 * (before its own replacement).  before/after: the text removed and put in
 * its place (lengths in bytes; NULL with length 0 for none).  reason: a short
 * phrase ("mojibake cp1252", "share line").  confidence: 0..1.  The filter
 * name is filled in by the core.  Copies everything. */
int unspin_doc_log_edit(unspin_doc *doc, size_t start, size_t end,
                        const char *before, size_t before_len,
                        const char *after, size_t after_len,
                        const char *reason, double confidence);

/* Summary figures of this filter for this document (for --report), for
 * example "spin_score".  Setting a key twice keeps the last value. */
int unspin_doc_set_stat(unspin_doc *doc, const char *key, double value);

/* Set *err to a malloc()ed printf-style message and return -1. */
int unspin_error(char **err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#ifdef __cplusplus
}
#endif
#endif /* UNSPIN_FILTER_H */
