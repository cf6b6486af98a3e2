/* nosymbol.c - a test-only module that exports no filter descriptor: the
 * loader must say so instead of crashing or skipping it silently. */
#include <unspin/filter.h>

/* Exported, but under a name the loader does not look for. */
const unspin_filter nosymbol_LTX_not_a_filter = {
    .abi_major = UNSPIN_ABI_MAJOR,
    .name = "nosymbol",
};
