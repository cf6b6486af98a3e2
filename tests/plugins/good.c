/* good.c - a test-only filter that works: it upper-cases ASCII letters, so a
 * test can see that it ran, and logs one edit per changed run of letters. */
#include <stdlib.h>
#include <string.h>
#include <unspin/filter.h>

static int good_create(const struct cJSON *config, const unspin_host *host, void **state, char **err)
{
    *state = NULL;
    return 0;
}

static int good_process(void *state, unspin_doc *doc, char **err)
{
    size_t len;
    const char *text = unspin_doc_text(doc, &len);
    char *out = malloc(len + 1);
    if (!out)
        return unspin_error(err, "out of memory");
    for (size_t i = 0; i < len; i++)
        out[i] = text[i] >= 'a' && text[i] <= 'z' ? (char)(text[i] - 'a' + 'A') : text[i];
    if (len && memcmp(out, text, len) != 0)
        unspin_doc_log_edit(doc, 0, len, text, len, out, len, "upper case", 1.0);
    return unspin_doc_take_text(doc, out, len) ? unspin_error(err, "out of memory") : 0;
}

static void good_destroy(void *state) { (void)state; }

const unspin_filter UNSPIN_FILTER_EXPORT(good) = {
    .abi_major = UNSPIN_ABI_MAJOR,
    .abi_minor = UNSPIN_ABI_MINOR,
    .name = "good",
    .version = "0.1",
    .description = "test only: upper-cases ASCII letters",
    .flags = UNSPIN_FILTER_THREADSAFE,
    .create = good_create,
    .process = good_process,
    .destroy = good_destroy,
};
