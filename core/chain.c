/* chain.c - a chain of created filters, run in order over each document. */
#include "doc.h"
#include "unspin/unspin.h"
#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct link {
    char *name;
    unspin_module *module;
    const unspin_filter *filter;
    void *state;
    int created;
    int serialise;            /* not UNSPIN_FILTER_THREADSAFE: one call at a time */
    pthread_mutex_t lock;
};

struct unspin_chain {
    struct link *links;
    size_t n;
};

void unspin_chain_free(unspin_chain *c)
{
    if (!c)
        return;
    for (size_t i = c->n; i-- > 0;) {   /* destroy in reverse order of creation */
        struct link *l = &c->links[i];
        if (l->created)
            l->filter->destroy(l->state);
        if (l->serialise)
            pthread_mutex_destroy(&l->lock);
        unspin_module_unload(l->module);
        free(l->name);
    }
    free(c->links);
    free(c);
}

static int add_link(unspin_chain *c, const char *name, const cJSON *options,
                    const unspin_paths *paths, char **err)
{
    struct link *l = &c->links[c->n];
    memset(l, 0, sizeof *l);
    if (!(l->name = strdup(name)))
        return unspin_error(err, "out of memory");
    c->n++;
    for (size_t i = 0; i + 1 < c->n; i++)
        if (strcmp(c->links[i].name, name) == 0)
            return unspin_error(err, "filter \"%s\" is twice in the chain", name);
    if (!(l->module = unspin_module_load(name, paths, err)))
        return -1;
    l->filter = unspin_module_filter(l->module);

    const cJSON *opts = options ? cJSON_GetObjectItemCaseSensitive(options, name) : NULL;
    cJSON *empty = NULL;
    if (opts && !cJSON_IsObject(opts))
        return unspin_error(err, "options of filter \"%s\" must be a JSON object", name);
    if (!opts && !(opts = empty = cJSON_CreateObject()))
        return unspin_error(err, "out of memory");

    unspin_host host = {
        .abi_major = UNSPIN_ABI_MAJOR, .abi_minor = UNSPIN_ABI_MINOR,
        .dict_dir = paths->dict_dir, .filter_name = l->name,
    };
    char *ferr = NULL;
    int rc = l->filter->create(opts, &host, &l->state, &ferr);
    cJSON_Delete(empty);
    /* A failed create may leave half-built state: destroy() frees it. */
    l->created = 1;
    if (rc != 0) {
        unspin_error(err, "filter \"%s\" (%s): %s", name, unspin_module_path(l->module),
                     ferr ? ferr : "failed to start without a message");
        free(ferr);
        return -1;
    }
    free(ferr);
    if (!(l->filter->flags & UNSPIN_FILTER_THREADSAFE)) {
        pthread_mutex_init(&l->lock, NULL);
        l->serialise = 1;
    }
    return 0;
}

unspin_chain *unspin_chain_new(const char *names, const cJSON *options,
                               const unspin_paths *paths, char **err)
{
    unspin_chain *c = calloc(1, sizeof *c);
    char *copy = strdup(names ? names : "");
    size_t max = 1;
    for (const char *p = copy ? copy : ""; *p; p++)
        max += *p == ',' || *p == ' ';
    if (!c || !copy || !(c->links = calloc(max, sizeof *c->links))) {
        free(copy);
        unspin_chain_free(c);
        unspin_error(err, "out of memory");
        return NULL;
    }
    for (char *save = NULL, *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
        if (add_link(c, tok, options, paths, err)) {
            free(copy);
            unspin_chain_free(c);
            return NULL;
        }
    }
    free(copy);
    return c;
}

size_t unspin_chain_length(const unspin_chain *c) { return c->n; }
const char *unspin_chain_filter_name(const unspin_chain *c, size_t i) { return i < c->n ? c->links[i].name : NULL; }

int unspin_chain_run(unspin_chain *c, unspin_doc *doc, char **err)
{
    for (size_t i = 0; i < c->n; i++) {
        struct link *l = &c->links[i];
        char *ferr = NULL;
        doc_set_current_filter(doc, l->name);
        if (l->serialise)
            pthread_mutex_lock(&l->lock);
        int rc = l->filter->process(l->state, doc, &ferr);
        if (l->serialise)
            pthread_mutex_unlock(&l->lock);
        doc_set_current_filter(doc, NULL);
        if (rc != 0) {
            unspin_error(err, "filter \"%s\": %s", l->name, ferr ? ferr : "failed without a message");
            free(ferr);
            return -1;
        }
        free(ferr);
    }
    return 0;
}
