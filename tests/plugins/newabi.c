/* newabi.c - a test-only filter built for a newer plugin ABI major than the
 * core has: the loader must refuse it, naming the filter and both versions. */
#include <unspin/filter.h>

static int newabi_create(const struct cJSON *c, const unspin_host *h, void **s, char **e) { *s = NULL; return 0; }
static int newabi_process(void *s, unspin_doc *d, char **e) { return 0; }
static void newabi_destroy(void *s) { (void)s; }

const unspin_filter UNSPIN_FILTER_EXPORT(newabi) = {
    .abi_major = UNSPIN_ABI_MAJOR + 1,
    .abi_minor = 0,
    .name = "newabi",
    .version = "0.1",
    .description = "test only: built for the next plugin ABI",
    .create = newabi_create,
    .process = newabi_process,
    .destroy = newabi_destroy,
};
