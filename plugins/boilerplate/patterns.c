/* patterns.c - pattern families read from data files.
 *
 * File format (see dicts/boilerplate/patterns/README): one POSIX extended
 * regular expression a line, matched case-insensitively against a whole line
 * of the article (trimmed, list bullets removed); '#' starts a comment line.
 * Patterns are byte-wise (the C locale), so write non-ASCII characters
 * literally.  Each file is a family the user can switch off by name.
 */
#include <dirent.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unspin/filter.h>
#include "patterns.h"

struct pattern {
    regex_t re;
    size_t max_len;        /* longer lines are not tried */
    boilerplate_rule rule;
};

struct family {
    char *name;
    int enabled;
    regex_t any;           /* all patterns in one: a quick "no" for most lines */
    int has_any;
    size_t max_len;        /* the longest line any pattern is tried on */
    struct pattern *pat;
    size_t n, cap;
};

struct boilerplate_patterns {
    struct family *fam;
    size_t n, cap;
    char **files;          /* file names the rules point to */
    size_t nfiles;
};

boilerplate_patterns *boilerplate_patterns_new(void)
{
    return calloc(1, sizeof(boilerplate_patterns));
}

void boilerplate_patterns_free(boilerplate_patterns *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        for (size_t j = 0; j < p->fam[i].n; j++) {
            regfree(&p->fam[i].pat[j].re);
            free((char *)p->fam[i].pat[j].rule.source);
        }
        if (p->fam[i].has_any)
            regfree(&p->fam[i].any);
        free(p->fam[i].pat);
        free(p->fam[i].name);
    }
    for (size_t i = 0; i < p->nfiles; i++)
        free(p->files[i]);
    free(p->files);
    free(p->fam);
    free(p);
}

static struct family *family_get(boilerplate_patterns *p, const char *name)
{
    long i = boilerplate_patterns_family_find(p, name);
    if (i >= 0)
        return &p->fam[i];
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        struct family *f = realloc(p->fam, cap * sizeof *f);
        if (!f)
            return NULL;
        p->fam = f;
        p->cap = cap;
    }
    struct family *f = &p->fam[p->n];
    memset(f, 0, sizeof *f);
    if (!(f->name = strdup(name)))
        return NULL;
    f->enabled = 1;
    p->n++;
    return f;
}

static int add_pattern(struct family *f, const char *src, const char *file, unsigned line, char **err)
{
    size_t max_len = BOILERPLATE_PATTERN_DEFAULT_MAX;
    int tail = 0;
    if (!strncmp(src, "@tail ", 6)) {                   /* "@tail pattern" */
        tail = 1;
        src += 6 + strspn(src + 6, " ");
    }
    if (src[0] == '<' && src[1] == '=') {               /* "<=N pattern" */
        char *end;
        unsigned long m = strtoul(src + 2, &end, 10);
        if (end == src + 2 || *end != ' ' || m == 0 || m > BOILERPLATE_PATTERN_MAX)
            return unspin_error(err, "%s:%u: \"<=N \" needs a length from 1 to %d and a space",
                                file, line, BOILERPLATE_PATTERN_MAX);
        max_len = m;
        src = end + strspn(end, " ");
        if (!*src)
            return unspin_error(err, "%s:%u: no pattern after \"<=%lu\"", file, line, m);
    }
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 32;
        struct pattern *pt = realloc(f->pat, cap * sizeof *pt);
        if (!pt)
            return unspin_error(err, "out of memory");
        f->pat = pt;
        f->cap = cap;
    }
    /* Anchored: a pattern describes a whole line, never a piece of prose. */
    size_t len = strlen(src);
    char *anchored = malloc(len + 5);
    if (!anchored)
        return unspin_error(err, "out of memory");
    sprintf(anchored, "^(%s)$", src);
    struct pattern *pt = &f->pat[f->n];
    int rc = regcomp(&pt->re, anchored, REG_EXTENDED | REG_ICASE | REG_NOSUB);
    free(anchored);
    if (rc) {
        char msg[200];
        regerror(rc, &pt->re, msg, sizeof msg);
        return unspin_error(err, "%s:%u: bad pattern \"%s\": %s", file, line, src, msg);
    }
    pt->max_len = max_len;
    if (max_len > f->max_len)
        f->max_len = max_len;
    pt->rule.tail = tail;
    pt->rule.family = f->name;
    pt->rule.file = file;
    pt->rule.line = line;
    if (!(pt->rule.source = strdup(src))) {
        regfree(&pt->re);
        return unspin_error(err, "out of memory");
    }
    f->n++;
    return 0;
}

/* The family name of a path: its base name without ".txt". */
static char *family_of(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t len = strlen(base);
    if (len > 4 && !strcmp(base + len - 4, ".txt"))
        len -= 4;
    return strndup(base, len);
}

/* Builds the family's one-regex prefilter, ^(p1|p2|...)$: one regexec per
 * family for the lines no pattern matches, which are nearly all. */
static int combine(struct family *f, char **err)
{
    size_t len = 8;
    for (size_t j = 0; j < f->n; j++)
        len += strlen(f->pat[j].rule.source) + 3;
    char *all = malloc(len);
    if (!all)
        return unspin_error(err, "out of memory");
    char *w = all;
    w += sprintf(w, "^(");
    for (size_t j = 0; j < f->n; j++)
        w += sprintf(w, "%s(%s)", j ? "|" : "", f->pat[j].rule.source);
    sprintf(w, ")$");
    if (f->has_any)
        regfree(&f->any);
    f->has_any = f->n > 0 && regcomp(&f->any, all, REG_EXTENDED | REG_ICASE | REG_NOSUB) == 0;
    free(all);
    return 0;
}

int boilerplate_patterns_load_file(boilerplate_patterns *p, const char *path, char **err)
{
    char **files = realloc(p->files, (p->nfiles + 1) * sizeof *files);
    if (!files)
        return unspin_error(err, "out of memory");
    p->files = files;
    if (!(p->files[p->nfiles] = strdup(path)))
        return unspin_error(err, "out of memory");
    const char *file = p->files[p->nfiles++];

    char *name = family_of(path);
    if (!name || !*name) {
        free(name);
        return unspin_error(err, "%s: cannot name a pattern family after this file", path);
    }
    struct family *f = family_get(p, name);
    free(name);
    if (!f)
        return unspin_error(err, "out of memory");

    FILE *in = fopen(path, "r");
    if (!in)
        return unspin_error(err, "cannot open pattern file %s: %s", path, strerror(errno));
    char *buf = NULL;
    size_t cap = 0;
    ssize_t got;
    unsigned lineno = 0;
    int rc = 0;
    while (rc == 0 && (got = getline(&buf, &cap, in)) >= 0) {
        lineno++;
        while (got > 0 && (buf[got - 1] == '\n' || buf[got - 1] == '\r' ||
                           buf[got - 1] == ' ' || buf[got - 1] == '\t'))
            buf[--got] = 0;
        char *s = buf + strspn(buf, " \t");
        if (!*s || *s == '#')
            continue;
        rc = add_pattern(f, s, file, lineno, err);
    }
    if (rc == 0 && ferror(in))
        rc = unspin_error(err, "error reading %s: %s", path, strerror(errno));
    free(buf);
    fclose(in);
    return rc ? rc : combine(f, err);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int boilerplate_patterns_load_dir(boilerplate_patterns *p, const char *dir, char **err)
{
    DIR *d = opendir(dir);
    if (!d)
        return unspin_error(err, "cannot open pattern directory %s: %s", dir, strerror(errno));
    char **names = NULL;
    size_t n = 0;
    int rc = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len <= 4 || e->d_name[0] == '.' || strcmp(e->d_name + len - 4, ".txt"))
            continue;
        char **nn = realloc(names, (n + 1) * sizeof *nn);
        if (!nn || !(nn[n] = malloc(strlen(dir) + len + 2))) {
            names = nn ? nn : names;
            rc = unspin_error(err, "out of memory");
            break;
        }
        names = nn;
        sprintf(names[n++], "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (rc == 0 && n == 0)
        rc = unspin_error(err, "no pattern files (*.txt) in %s", dir);
    if (rc == 0)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0)
            rc = boilerplate_patterns_load_file(p, names[i], err);
        free(names[i]);
    }
    free(names);
    return rc;
}

size_t boilerplate_patterns_family_count(const boilerplate_patterns *p)
{
    return p->n;
}

const char *boilerplate_patterns_family_name(const boilerplate_patterns *p, size_t i)
{
    return p->fam[i].name;
}

long boilerplate_patterns_family_find(const boilerplate_patterns *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->fam[i].name, name))
            return (long)i;
    return -1;
}

void boilerplate_patterns_family_enable(boilerplate_patterns *p, size_t i, int on)
{
    p->fam[i].enabled = on;
}

const boilerplate_rule *boilerplate_patterns_match(const boilerplate_patterns *p, const char *line)
{
    size_t len = strlen(line);
    for (size_t i = 0; i < p->n; i++) {
        if (!p->fam[i].enabled || len > p->fam[i].max_len)
            continue;
        if (p->fam[i].has_any && regexec(&p->fam[i].any, line, 0, NULL, 0) != 0)
            continue;
        for (size_t j = 0; j < p->fam[i].n; j++)
            if (len <= p->fam[i].pat[j].max_len && regexec(&p->fam[i].pat[j].re, line, 0, NULL, 0) == 0)
                return &p->fam[i].pat[j].rule;
    }
    return NULL;
}
