/* wordset.c - the stopword set, built once in create() and only read
 * afterwards, so process() can share it between threads (see wordset.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unspin/filter.h>
#include "wordset.h"

/* Inserts a key (no duplicate check) into a table of capacity mask + 1. */
static void put(uint64_t (*key)[2], size_t mask, const uint64_t k[2])
{
    size_t h = boilerplate_wordset_hash(k[0], k[1]) & mask;
    while (key[h][0])
        h = (h + 1) & mask;
    key[h][0] = k[0];
    key[h][1] = k[1];
}

static int grow(boilerplate_wordset *ws)
{
    size_t cap = ws->mask ? (ws->mask + 1) * 2 : 512;
    uint64_t (*key)[2] = calloc(cap, sizeof *key);
    if (!key)
        return -1;
    for (size_t i = 0; ws->key && i <= ws->mask; i++)
        if (ws->key[i][0])
            put(key, cap - 1, ws->key[i]);
    free(ws->key);
    ws->key = key;
    ws->mask = cap - 1;
    return 0;
}

static int add(boilerplate_wordset *ws, const char *w, size_t len)
{
    if (boilerplate_wordset_has(ws, w, len))
        return 0;
    if (len > 16) {
        char **l = realloc(ws->long_words, (ws->nlong + 1) * sizeof *l);
        if (!l)
            return -1;
        ws->long_words = l;
        if (!(l[ws->nlong] = strndup(w, len)))
            return -1;
        ws->nlong++;
    } else {
        /* at most a quarter full: a lookup nearly always ends at its first slot */
        if ((ws->count + 1) * 4 > ws->mask + 1 && grow(ws))
            return -1;
        uint64_t k[2] = { 0, 0 };
        memcpy(k, w, len);
        put(ws->key, ws->mask, k);
    }
    ws->count++;
    if (len > ws->longest)
        ws->longest = len;
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
        if (!len || buf[0] == '#' || memchr(buf, 0, len))
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

int boilerplate_wordset_has_long(const boilerplate_wordset *ws, const char *word, size_t len)
{
    for (size_t i = 0; i < ws->nlong; i++)
        if (!strncmp(ws->long_words[i], word, len) && !ws->long_words[i][len])
            return 1;
    return 0;
}

int boilerplate_wordset_has(const boilerplate_wordset *ws, const char *word, size_t len)
{
    char padded[16] = { 0 };
    if (len > 16)
        return len <= ws->longest && boilerplate_wordset_has_long(ws, word, len);
    memcpy(padded, word, len);
    return boilerplate_wordset_has_padded(ws, padded, len);
}

size_t boilerplate_wordset_size(const boilerplate_wordset *ws)
{
    return ws->count;
}

void boilerplate_wordset_free(boilerplate_wordset *ws)
{
    if (!ws)
        return;
    for (size_t i = 0; i < ws->nlong; i++)
        free(ws->long_words[i]);
    free(ws->long_words);
    free(ws->key);
    free(ws);
}
