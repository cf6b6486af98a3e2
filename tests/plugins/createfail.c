/* createfail.c - a test-only filter whose create() fails after allocating
 * its state: the run must stop with the filter's message, and destroy() must
 * still free the half-built state (valgrind and ASan check that). */
#include <stdlib.h>
#include <unspin/filter.h>

static int createfail_create(const struct cJSON *config, const unspin_host *host, void **state, char **err)
{
    *state = malloc(64);
    return unspin_error(err, "deliberate failure in create (test plugin)");
}

static int createfail_process(void *state, unspin_doc *doc, char **err) { return 0; }
static void createfail_destroy(void *state) { free(state); }

const unspin_filter UNSPIN_FILTER_EXPORT(createfail) = {
    .abi_major = UNSPIN_ABI_MAJOR,
    .abi_minor = UNSPIN_ABI_MINOR,
    .name = "createfail",
    .version = "0.1",
    .description = "test only: create() always fails",
    .create = createfail_create,
    .process = createfail_process,
    .destroy = createfail_destroy,
};
