/* loader.c - finds filter modules with libltdl and checks their descriptor.
 *
 * A name is looked up as DIR/NAME and DIR/NAME/NAME (the build tree keeps
 * each filter in its own folder) in every search directory, with libltdl
 * adding .la/.so.  In a static build the filters are preloaded: libltdl's
 * preopen loader answers before the file system is tried.
 */
#include <config.h>
#include "loader.h"
#include <dlfcn.h>
#include "strbuf.h"
#include "unspin/unspin.h"
#include <dirent.h>
#include <ltdl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct unspin_module {
    lt_dlhandle handle;
    const unspin_filter *filter;
    char *path;
};

static int ltdl_ready;

int unspin_init(char **err)
{
    if (ltdl_ready++)
        return 0;
    if (lt_dlinit() != 0) {
        ltdl_ready = 0;
        return unspin_error(err, "cannot initialise libltdl: %s", lt_dlerror());
    }
    return 0;
}

void unspin_shutdown(void)
{
    if (ltdl_ready && --ltdl_ready == 0)
        lt_dlexit();
}

int loader_check_descriptor(const unspin_filter *f, const char *path, char **err)
{
    if (f->abi_major > UNSPIN_ABI_MAJOR)
        return unspin_error(err, "%s: filter \"%s\" needs plugin ABI %u.%u, this unspin has ABI %u.%u: rebuild the filter or upgrade unspin",
                            path, f->name ? f->name : "?", f->abi_major, f->abi_minor,
                            UNSPIN_ABI_MAJOR, UNSPIN_ABI_MINOR);
    if (f->abi_major < UNSPIN_ABI_MAJOR)
        return unspin_error(err, "%s: filter \"%s\" was built for plugin ABI %u.%u, this unspin has ABI %u.%u: rebuild the filter",
                            path, f->name ? f->name : "?", f->abi_major, f->abi_minor,
                            UNSPIN_ABI_MAJOR, UNSPIN_ABI_MINOR);
    const char *missing = !f->name || !*f->name ? "name"
                        : !f->version ? "version"
                        : !f->description ? "description"
                        : !f->create ? "create"
                        : !f->process ? "process"
                        : !f->destroy ? "destroy" : NULL;
    if (missing)
        return unspin_error(err, "%s: incomplete filter descriptor: no %s", path, missing);
    return 0;
}

static unspin_module *open_candidate(const char *candidate, strbuf *tried, int *found, char **err)
{
    lt_dlhandle h = lt_dlopenext(candidate);
    if (!h) {
        const char *why = lt_dlerror();
        /* "file not found" is the normal miss of a search; anything else
         * (a broken .so, a missing library) is worth telling. */
        if (why && strcmp(why, "file not found") != 0) {
            *found = 1;
            unspin_error(err, "cannot load %s: %s", candidate, why);
        }
        sb_printf(tried, "%s%s", tried->len ? ", " : "", candidate);
        return NULL;
    }
    *found = 1;
    /* Keep the module mapped after lt_dlclose: libraries such as ICU and
     * Hunspell keep caches that would otherwise be orphaned (and reported
     * as leaks) when their code is unmapped at exit. */
    const lt_dlinfo *li = lt_dlgetinfo(h);
    if (li && li->filename)
        dlopen(li->filename, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
    const unspin_filter *f = lt_dlsym(h, UNSPIN_FILTER_SYMBOL);
    if (!f) {
        unspin_error(err, "%s: no filter descriptor (symbol %s or MODULE_LTX_%s): %s",
                     candidate, UNSPIN_FILTER_SYMBOL, UNSPIN_FILTER_SYMBOL, lt_dlerror());
        lt_dlclose(h);
        return NULL;
    }
    if (loader_check_descriptor(f, candidate, err)) {
        lt_dlclose(h);
        return NULL;
    }
    unspin_module *m = calloc(1, sizeof *m);
    const lt_dlinfo *info = lt_dlgetinfo(h);
    if (!m || !(m->path = strdup(info && info->filename ? info->filename : candidate))) {
        free(m);
        lt_dlclose(h);
        unspin_error(err, "out of memory");
        return NULL;
    }
    m->handle = h;
    m->filter = f;
    return m;
}

static int valid_name(const char *name)
{
    if (!*name)
        return 0;
    for (const char *c = name; *c; c++)
        if (!(*c == '_' || *c == '-' || (*c >= 'a' && *c <= 'z') ||
              (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')))
            return 0;
    return 1;
}

unspin_module *unspin_module_load(const char *name, const unspin_paths *paths, char **err)
{
    if (!valid_name(name)) {
        unspin_error(err, "\"%s\" is not a filter name (letters, digits, - and _ only)", name);
        return NULL;
    }
    strbuf tried = {0}, cand = {0};
    unspin_module *m = NULL;
    int found = 0;
#ifdef UNSPIN_STATIC_PLUGINS
    /* Preloaded filters are known by their bare name. */
    m = open_candidate(name, &tried, &found, err);
#endif
    for (size_t i = 0; !m && !found && paths->plugin_dirs[i]; i++) {
        for (int nested = 0; nested < 2 && !m && !found; nested++) {
            sb_reset(&cand);
            sb_printf(&cand, nested ? "%s/%s/%s" : "%s/%s", paths->plugin_dirs[i], name, name);
            m = open_candidate(cand.data, &tried, &found, err);
        }
    }
    if (!m && !found)
        unspin_error(err, "filter \"%s\" not found (tried %s, with .la and .so): see --list-filters and --plugin-path",
                     name, tried.len ? tried.data : "nothing");
    sb_free(&tried);
    sb_free(&cand);
    return m;
}

const unspin_filter *unspin_module_filter(const unspin_module *m) { return m->filter; }
const char *unspin_module_path(const unspin_module *m) { return m->path; }

void unspin_module_unload(unspin_module *m)
{
    if (!m)
        return;
    lt_dlclose(m->handle);
    free(m->path);
    free(m);
}

/* --- listing -------------------------------------------------------------- */

struct seen { char **names; size_t n, cap; };

static int seen_add(struct seen *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->names[i], name) == 0)
            return 0;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        char **p = realloc(s->names, s->cap * sizeof *p);
        if (!p)
            return -1;
        s->names = p;
    }
    s->names[s->n++] = strdup(name);
    return 1;
}

static void list_one(const char *name, const unspin_paths *paths, struct seen *seen,
                     void (*fn)(const unspin_filter *, const char *, void *), void *ud)
{
    if (!valid_name(name) || seen_add(seen, name) != 1)
        return;
    char *err = NULL;
    unspin_module *m = unspin_module_load(name, paths, &err);
    if (m) {
        fn(m->filter, m->path, ud);
        unspin_module_unload(m);
    }
    free(err);
}


int unspin_module_list(const unspin_paths *paths,
                       void (*fn)(const unspin_filter *f, const char *path, void *ud),
                       void *ud, char **err)
{
    struct seen seen = {0};
#ifdef UNSPIN_STATIC_PLUGINS
    static const char *builtin[] = { "unicode", "boilerplate", "unspin", "example", NULL };
    for (size_t i = 0; builtin[i]; i++)
        list_one(builtin[i], paths, &seen, fn, ud);
#endif
    for (size_t i = 0; paths->plugin_dirs[i]; i++) {
        DIR *d = opendir(paths->plugin_dirs[i]);
        if (!d)
            continue;
        struct dirent *e;
        while ((e = readdir(d))) {
            char name[256];
            size_t l = strlen(e->d_name);
            const char *end = l > 3 ? e->d_name + l - 3 : "";
            if (l < sizeof name && (strcmp(end, ".la") == 0 || strcmp(end, ".so") == 0)) {
                memcpy(name, e->d_name, l - 3);
                name[l - 3] = '\0';
            } else if (e->d_name[0] != '.' && l < sizeof name) {
                /* a folder NAME holding NAME.la (the build tree) */
                strcpy(name, e->d_name);
                strbuf p = {0};
                sb_printf(&p, "%s/%s/%s.la", paths->plugin_dirs[i], name, name);
                struct stat st;
                int ok = p.data && stat(p.data, &st) == 0;
                sb_free(&p);
                if (!ok)
                    continue;
            } else {
                continue;
            }
            list_one(name, paths, &seen, fn, ud);
        }
        closedir(d);
    }
    for (size_t i = 0; i < seen.n; i++)
        free(seen.names[i]);
    free(seen.names);
    (void)err;
    return 0;
}
