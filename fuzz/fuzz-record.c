/* fuzz-record.c - libFuzzer harness for one JSON Lines record through the
 * core's record path (scan, decode, chain, splice the cleaned text back,
 * report line), with the example filter changing the text.  Checks that a
 * record the core writes anew, and every report line, is itself one valid
 * JSON object: what unspin writes, the next tool must be able to read. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "jsonl.h"
#include "record.h"

static unspin_chain *chain;

static void must_be_object(const strbuf *sb, const char *key)
{
    char why[160];
    jsonl_member m;
    if (jsonl_scan(sb->data ? sb->data : "", sb->len, key, &m, NULL, NULL, why, sizeof why) != 0 || !m.found)
        abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char *err = NULL;
    const char *dir = getenv("UNSPIN_FUZZ_PLUGIN_DIR");
    const char *dirs[] = { dir, NULL };
    cJSON *options = cJSON_Parse("{\"example\":{\"replace\":[{\"from\":\"a\",\"to\":\"\\u0000\\\"\"},"
                                 "{\"regex\":\"x*\",\"to\":\"\\u00e9\"}]}}");
    unspin_paths *paths;
    if (!options || unspin_init(&err) || !(paths = unspin_paths_default(dir && *dir ? dirs : NULL)) ||
        !(chain = unspin_chain_new("example", options, paths, &err)))
        abort();
    unspin_paths_free(paths);
    cJSON_Delete(options);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct record_ctx ctx = {
        .chain = chain, .jsonl = 1, .field = "text", .id_field = "id", .source = "fuzz",
        .report = 1, .max_record = 1 << 20, .bad_status = "passed",
    };
    struct record r = {0};
    if (memchr(data, '\n', size))
        return 0;       /* the line reader never hands over a newline */
    sb_add(&r.in, (const char *)data, size);
    r.lineno = 1;
    record_process(&ctx, &r);
    if (r.status == RECORD_OK && r.changed)
        must_be_object(&r.out, "text");
    if (r.status == RECORD_BAD && !r.why)
        abort();
    if (r.report.len)
        must_be_object(&r.report, "status");
    record_free(&r);
    return 0;
}
