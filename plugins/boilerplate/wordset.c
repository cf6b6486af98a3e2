/* wordset.c - open-addressing hash set of words, built once in create() and
 * only read afterwards, so process() can share it between threads. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unspin/filter.h>
#include "wordset.h"

struct boilerplate_wordset {
    char **slot;      /* NULL = empty */
    size_t mask;      /* capacity - 1, capacity a power of two */
    size_t count;
};

static size_t hash_word(const char *s, size_t len)
{
    size_t h = 1469598103934665603u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static int grow(boilerplate_wordset *ws)
{
    size_t cap = ws->mask ? (ws->mask + 1) * 2 : 256;
    char **slot = calloc(cap, sizeof *slot);
    if (!slot)
        return -1;
    for (size_t i = 0; ws->slot && i <= ws->mask; i++)
        if (ws->slot[i]) {
            size_t h = hash_word(ws->slot[i], strlen(ws->slot[i])) & (cap - 1);
            while (slot[h])
                h = (h + 1) & (cap - 1);
            slot[h] = ws->slot[i];
        }
    free(ws->slot);
    ws->slot = slot;
    ws->mask = cap - 1;
    return 0;
}

static int add(boilerplate_wordset *ws, const char *w, size_t len)
{
    if (boilerplate_wordset_has(ws, w, len))
        return 0;
    if ((ws->count + 1) * 2 > ws->mask + 1 && grow(ws))
        return -1;
    size_t h = hash_word(w, len) & ws->mask;
    while (ws->slot[h])
        h = (h + 1) & ws->mask;
    if (!(ws->slot[h] = strndup(w, len)))
        return -1;
    ws->count++;
    return 0;
}

boilerplate_wordset *boilerplate_wordset_load(const char *path, char **err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        unspin_error(err, "cannot open stopword list %s: %s", path, strerror(errno));
        return NULL;
    }
    boilerplate_wordset *ws = calloc(1, sizeof *ws);
    char buf[256];
    if (!ws || grow(ws))
        goto oom;
    while (fgets(buf, sizeof buf, f)) {
        size_t len = strcspn(buf, " \t\r\n");
        if (!len || buf[0] == '#')
            continue;
        for (size_t i = 0; i < len; i++)
            if (buf[i] >= 'A' && buf[i] <= 'Z')
                buf[i] += 'a' - 'A';
        if (add(ws, buf, len))
            goto oom;
    }
    fclose(f);
    return ws;
oom:
    fclose(f);
    boilerplate_wordset_free(ws);
    unspin_error(err, "out of memory reading %s", path);
    return NULL;
}

int boilerplate_wordset_has(const boilerplate_wordset *ws, const char *word, size_t len)
{
    if (!ws->mask)
        return 0;
    size_t h = hash_word(word, len) & ws->mask;
    for (; ws->slot[h]; h = (h + 1) & ws->mask)
        if (!strncmp(ws->slot[h], word, len) && !ws->slot[h][len])
            return 1;
    return 0;
}

size_t boilerplate_wordset_size(const boilerplate_wordset *ws)
{
    return ws->count;
}

void boilerplate_wordset_free(boilerplate_wordset *ws)
{
    if (!ws)
        return;
    for (size_t i = 0; ws->slot && i <= ws->mask; i++)
        free(ws->slot[i]);
    free(ws->slot);
    free(ws);
}
