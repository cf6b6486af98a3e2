/* unspin/unspin.h - the library behind the unspin program: load a chain of
 * filters and run it over documents.  Filters themselves only need
 * <unspin/filter.h>.
 *
 * Errors are reported the one way the filter API uses: functions return -1
 * (or NULL) and set *err to a malloc()ed message the caller frees.
 */
#ifndef UNSPIN_UNSPIN_H
#define UNSPIN_UNSPIN_H

#include <unspin/filter.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One edit of the log, as a filter wrote it. */
typedef struct unspin_edit {
    const char *filter;
    size_t start, end;
    const char *before, *after;
    size_t before_len, after_len;
    const char *reason;
    double confidence;
} unspin_edit;

typedef struct unspin_stat {
    const char *filter;
    const char *key;
    double value;
} unspin_stat;

/* Documents.  unspin_doc_new copies text and id. */
unspin_doc *unspin_doc_new(const char *id, const char *text, size_t len, int logging);
void unspin_doc_free(unspin_doc *doc);
size_t unspin_doc_edit_count(const unspin_doc *doc);
const unspin_edit *unspin_doc_edit(const unspin_doc *doc, size_t i);
size_t unspin_doc_stat_count(const unspin_doc *doc);
const unspin_stat *unspin_doc_stat(const unspin_doc *doc, size_t i);
/* Moves the text out of the document (malloc()ed; the document is left empty). */
char *unspin_doc_release_text(unspin_doc *doc, size_t *len);

/* Where filters and data are looked for. */
typedef struct unspin_paths {
    const char *const *plugin_dirs; /* NULL-terminated, searched in order */
    const char *dict_dir;
} unspin_paths;

/* The default search: --plugin-path dirs first (may be NULL), then
 * UNSPIN_PLUGIN_PATH, then the build tree when the program runs uninstalled,
 * else the install directory.  Free with unspin_paths_free. */
unspin_paths *unspin_paths_default(const char *const *extra_plugin_dirs);
void unspin_paths_free(unspin_paths *paths);

/* A loaded filter module, without state. */
typedef struct unspin_module unspin_module;
unspin_module *unspin_module_load(const char *name, const unspin_paths *paths, char **err);
const unspin_filter *unspin_module_filter(const unspin_module *m);
const char *unspin_module_path(const unspin_module *m);
void unspin_module_unload(unspin_module *m);
/* Calls fn for every filter found on the search path (each name once, the
 * first found wins). */
int unspin_module_list(const unspin_paths *paths,
                       void (*fn)(const unspin_filter *f, const char *path, void *ud),
                       void *ud, char **err);

/* A chain of created filters.  names: comma- or space-separated.
 * options: a JSON object name -> that filter's options (may be NULL). */
typedef struct unspin_chain unspin_chain;
unspin_chain *unspin_chain_new(const char *names, const struct cJSON *options,
                               const unspin_paths *paths, char **err);
size_t unspin_chain_length(const unspin_chain *chain);
const char *unspin_chain_filter_name(const unspin_chain *chain, size_t i);
/* Runs every filter over doc, in order.  On failure returns -1 with *err
 * naming the filter; the document then holds the text of the last filter that
 * succeeded (the caller decides whether to pass the original through). */
int unspin_chain_run(unspin_chain *chain, unspin_doc *doc, char **err);
void unspin_chain_free(unspin_chain *chain);

/* Initialises libltdl (and the preloaded filters of a static build); call
 * once before loading, unspin_shutdown once at the end. */
int unspin_init(char **err);
void unspin_shutdown(void);

#ifdef __cplusplus
}
#endif
#endif /* UNSPIN_UNSPIN_H */
