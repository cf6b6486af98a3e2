/* fuzz-filter.c - libFuzzer harness for a filter's process(): any bytes as
 * an article's text.  The filter is loaded the way any program would, with
 * the library API.  Environment:
 *   UNSPIN_FUZZ_FILTER      the filter (default: example)
 *   UNSPIN_FUZZ_OPTIONS     its options as JSON (default: none; for example,
 *                           rules that exercise literal, regex and empty
 *                           matches)
 *   UNSPIN_FUZZ_PLUGIN_DIR  searched first (make fuzz puts the filters built
 *                           with coverage there)
 * Checks what the core relies on: the text stays NUL-terminated, the edit
 * log's ranges lie inside the text the filter saw, confidences in 0..1. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unspin/unspin.h>

static unspin_chain *chain;
static const char *filter_name;

static void die(const char *what, char *err)
{
    fprintf(stderr, "fuzz-filter: %s: %s\n", what, err ? err : "failed");
    exit(1);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char *err = NULL;
    filter_name = getenv("UNSPIN_FUZZ_FILTER");
    if (!filter_name || !*filter_name)
        filter_name = "example";
    const char *opts = getenv("UNSPIN_FUZZ_OPTIONS");
    if (!opts && strcmp(filter_name, "example") == 0)
        opts = "{\"replace\":[{\"from\":\"a\",\"to\":\"bb\"},{\"regex\":\"x*\",\"to\":\"-\"},"
               "{\"regex\":\"^ +| +$\",\"to\":\"\",\"newline\":true},{\"from\":\"bbb\",\"to\":\"\"}]}";
    cJSON *options = cJSON_CreateObject();
    if (opts) {
        cJSON *o = cJSON_Parse(opts);
        if (!o)
            die("UNSPIN_FUZZ_OPTIONS is not JSON", NULL);
        cJSON_AddItemToObject(options, filter_name, o);
    }
    const char *dir = getenv("UNSPIN_FUZZ_PLUGIN_DIR");
    const char *dirs[] = { dir, NULL };
    if (unspin_init(&err))
        die("unspin_init", err);
    unspin_paths *paths = unspin_paths_default(dir && *dir ? dirs : NULL);
    if (!paths)
        die("unspin_paths_default", NULL);
    chain = unspin_chain_new(filter_name, options, paths, &err);
    if (!chain)
        die(filter_name, err);
    /* The chain keeps what it needs; these can go (LeakSanitizer watches). */
    unspin_paths_free(paths);
    cJSON_Delete(options);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unspin_doc *doc = unspin_doc_new("fuzz", (const char *)data, size, 1);
    if (!doc)
        abort();
    char *err = NULL;
    int rc = unspin_chain_run(chain, doc, &err);
    free(err);
    size_t len;
    const char *text = unspin_doc_text(doc, &len);
    if (text[len] != '\0')
        abort();
    if (rc == 0) {
        /* Edits are in order of application, each over the text as its
         * filter saw it: with one filter in the chain, the first edit's
         * range is inside the input. */
        size_t n = unspin_doc_edit_count(doc);
        for (size_t i = 0; i < n; i++) {
            const unspin_edit *e = unspin_doc_edit(doc, i);
            if (e->start > e->end || e->confidence < 0 || e->confidence > 1 || !e->reason)
                abort();
            if (i == 0 && e->end > size)
                abort();
        }
    }
    unspin_doc_free(doc);
    return 0;
}
