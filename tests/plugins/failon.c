/* failon.c - a test-only filter that fails on every document containing a
 * marker (option "marker", default "FAIL-HERE") and leaves the others alone.
 * Before failing it replaces the text, so a test can check that the core
 * passes the original through, not what a failed filter left behind.
 * Option "silent": true fails without a message. */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include <unspin/filter.h>

struct failon {
    char *marker;
    int silent;
};

static void failon_destroy(void *state)
{
    struct failon *f = state;
    if (f)
        free(f->marker);
    free(f);
}

static int failon_create(const cJSON *config, const unspin_host *host, void **state, char **err)
{
    struct failon *f = calloc(1, sizeof *f);
    if (!f)
        return unspin_error(err, "out of memory");
    *state = f;
    for (const cJSON *k = config->child; k; k = k->next)
        if (strcmp(k->string, "marker") && strcmp(k->string, "silent"))
            return unspin_error(err, "unknown option \"%s\" (known: marker, silent)", k->string);
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(config, "marker");
    if (m && (!cJSON_IsString(m) || !*m->valuestring))
        return unspin_error(err, "\"marker\" must be a non-empty string");
    f->marker = strdup(m ? m->valuestring : "FAIL-HERE");
    f->silent = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(config, "silent"));
    return f->marker ? 0 : unspin_error(err, "out of memory");
}

static int failon_process(void *state, unspin_doc *doc, char **err)
{
    struct failon *f = state;
    size_t len;
    const char *text = unspin_doc_text(doc, &len);
    if (!memmem(text, len, f->marker, strlen(f->marker)))
        return 0;
    if (unspin_doc_set_text(doc, "half-done", 9))
        return unspin_error(err, "out of memory");
    if (f->silent)
        return -1;
    return unspin_error(err, "deliberate failure: the text contains \"%s\"", f->marker);
}

const unspin_filter UNSPIN_FILTER_EXPORT(failon) = {
    .abi_major = UNSPIN_ABI_MAJOR,
    .abi_minor = UNSPIN_ABI_MINOR,
    .name = "failon",
    .version = "0.1",
    .description = "test only: fails on documents containing a marker",
    .flags = UNSPIN_FILTER_THREADSAFE,
    .create = failon_create,
    .process = failon_process,
    .destroy = failon_destroy,
};
