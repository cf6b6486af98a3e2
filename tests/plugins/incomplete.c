/* incomplete.c - a test-only filter whose descriptor has no process
 * callback: the loader must refuse it and name what is missing. */
#include <unspin/filter.h>

static int incomplete_create(const struct cJSON *c, const unspin_host *h, void **s, char **e) { *s = NULL; return 0; }
static void incomplete_destroy(void *s) { (void)s; }

const unspin_filter UNSPIN_FILTER_EXPORT(incomplete) = {
    .abi_major = UNSPIN_ABI_MAJOR,
    .abi_minor = UNSPIN_ABI_MINOR,
    .name = "incomplete",
    .version = "0.1",
    .description = "test only: no process callback",
    .create = incomplete_create,
    .destroy = incomplete_destroy,
};
