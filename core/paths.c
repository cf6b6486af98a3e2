/* paths.c - where the program finds its filters and data.
 *
 * Filters: --plugin-path dirs, then UNSPIN_PLUGIN_PATH (colon-separated),
 * then either the build tree (when this very program is the one built there,
 * so ./unspin works without installing) or $(pkglibdir).
 * Data: UNSPIN_DICT_DIR, else the source tree's dicts/ or $(pkgdatadir).
 */
#include "paths.h"
#include "unspin/unspin.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int paths_running_uninstalled(void)
{
    static int cached = -1;
    if (cached >= 0)
        return cached;
    char exe[PATH_MAX], build[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    cached = 0;
    if (n > 0 && realpath(UNSPIN_BUILDDIR, build)) {
        exe[n] = '\0';
        size_t bl = strlen(build);
        /* libtool runs the build tree's program from .libs/ (or as lt-unspin) */
        cached = strncmp(exe, build, bl) == 0 && exe[bl] == '/';
    }
    return cached;
}

struct paths_owned {
    unspin_paths pub;
    char **dirs;
    char *dict_dir;
    char *env_copy;
};

unspin_paths *unspin_paths_default(const char *const *extra)
{
    struct paths_owned *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    size_t n_extra = 0;
    while (extra && extra[n_extra])
        n_extra++;
    const char *env = getenv("UNSPIN_PLUGIN_PATH");
    p->env_copy = strdup(env ? env : "");
    size_t n_env = 1;
    for (const char *c = p->env_copy; *c; c++)
        n_env += *c == ':';
    p->dirs = calloc(n_extra + n_env + 2, sizeof *p->dirs);
    if (!p->env_copy || !p->dirs) {
        unspin_paths_free(&p->pub);
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < n_extra; i++)
        p->dirs[k++] = (char *)extra[i];
    for (char *save = NULL, *tok = strtok_r(p->env_copy, ":", &save); tok; tok = strtok_r(NULL, ":", &save))
        p->dirs[k++] = tok;
    int uninstalled = paths_running_uninstalled();
    p->dirs[k++] = uninstalled ? UNSPIN_BUILDDIR "/plugins" : UNSPIN_PKGLIBDIR;
    p->dirs[k] = NULL;

    const char *dict = getenv("UNSPIN_DICT_DIR");
    if (!dict || !*dict)
        dict = uninstalled ? UNSPIN_SRCDIR "/dicts" : UNSPIN_PKGDATADIR;
    p->dict_dir = strdup(dict);
    if (!p->dict_dir) {
        unspin_paths_free(&p->pub);
        return NULL;
    }
    p->pub.plugin_dirs = (const char *const *)p->dirs;
    p->pub.dict_dir = p->dict_dir;
    return &p->pub;
}

void unspin_paths_free(unspin_paths *paths)
{
    struct paths_owned *p = (struct paths_owned *)paths;
    if (!p)
        return;
    free(p->dirs);
    free(p->dict_dir);
    free(p->env_copy);
    free(p);
}
