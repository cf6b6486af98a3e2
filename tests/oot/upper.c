/* upper.c - a filter written outside the source tree, built against an
 * installed unspin with pkg-config: upper-cases ASCII letters. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include <unspin/filter.h>

static int upper_create(const struct cJSON *config, const unspin_host *host, void **state, char **err)
{
    *state = NULL;
    if (config->child)
        return unspin_error(err, "takes no options");
    return 0;
}

static int upper_process(void *state, unspin_doc *doc, char **err)
{
    size_t len;
    const char *text = unspin_doc_text(doc, &len);
    char *out = malloc(len + 1);
    if (!out)
        return unspin_error(err, "out of memory");
    for (size_t i = 0; i < len; i++)
        out[i] = (char)toupper((unsigned char)text[i]);
    return unspin_doc_take_text(doc, out, len);
}

static void upper_destroy(void *state) { (void)state; }

const unspin_filter UNSPIN_FILTER_EXPORT(upper) = {
    UNSPIN_ABI_MAJOR, UNSPIN_ABI_MINOR, "upper", "1.0", "upper-cases ASCII",
    UNSPIN_FILTER_THREADSAFE, upper_create, upper_process, upper_destroy,
};
