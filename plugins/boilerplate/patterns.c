/* patterns.c - pattern families read from data files, and matching lines
 * against them.
 *
 * File format (see dicts/boilerplate/patterns/README): one PCRE2 regular
 * expression a line (POSIX extended syntax, as in grep -E, works too),
 * matched case-insensitively against a whole line of the article (trimmed,
 * list bullets removed); '#' starts a comment line.  Patterns are byte-wise
 * (no UTF mode), so write non-ASCII characters literally.  Each file is a
 * family the user can switch off by name.
 *
 * Speed: a line is tried only against the patterns that can match it, which
 * for article prose is usually none.  Three tests, all read-only tables built
 * once by boilerplate_patterns_prepare(), pick them: the line's length (each
 * pattern has a limit), its first byte (PCRE2's own start-of-match analysis)
 * and, for patterns that can start anywhere (".*all rights reserved.*"), the
 * literal text they require (literals.c).  The survivors run as JIT-compiled
 * code, which threads share; each thread brings its own match data.  A
 * pattern is JIT-compiled when a line first gets past those tests, not at
 * start-up: that was half the boilerplate filter's start-up, and a short
 * article runs a few of the ~160 patterns, 16 MB of news about 100.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <unspin/filter.h>
#include "literals.h"
#include "patterns.h"

enum { JIT_UNTRIED, JIT_COMPILED, JIT_FAILED };

struct pattern {
    pcre2_code *re;        /* anchored at both ends, caseless */
    atomic_int jit;        /* JIT_UNTRIED until first run, then JIT_COMPILED or
                              JIT_FAILED (the interpreter runs it) */
    size_t max_len;        /* longer lines are not tried */
    uint8_t first[32];     /* bytes a matching line can start with */
    boilerplate_literals lits;   /* text a matching line must contain */
    boilerplate_rule rule;
};

struct family {
    char *name;
    int enabled;
    struct pattern *pat;
    size_t n, cap;
};

struct boilerplate_patterns {
    struct family *fam;
    size_t n, cap;
    char **files;          /* file names the rules point to */
    size_t nfiles;
    /* built by boilerplate_patterns_prepare(): the enabled patterns in
     * order, and bit sets over them (bit k: flat[k]) */
    struct pattern **flat;
    size_t nflat, words;   /* words: uint64_t per bit set */
    uint64_t *by_first;    /* 256 sets: may match a line starting with byte b */
    uint64_t *by_len;      /* a set per length tier: may match a line that long */
    uint16_t tier[BOILERPLATE_PATTERN_MAX + 1];  /* line length -> tier */
};

struct boilerplate_matcher {
    const boilerplate_patterns *p;
    pcre2_match_data *md;
    char lower[BOILERPLATE_PATTERN_MAX];   /* the line in lowercase */
    boilerplate_grams grams;               /* ... and its byte pairs */
};

static void prepared_free(boilerplate_patterns *p)
{
    free(p->flat);
    free(p->by_first);
    free(p->by_len);
    p->flat = NULL;
    p->by_first = p->by_len = NULL;
    p->nflat = p->words = 0;
}

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
            pcre2_code_free(p->fam[i].pat[j].re);
            boilerplate_literals_free(&p->fam[i].pat[j].lits);
            free((char *)p->fam[i].pat[j].rule.source);
        }
        free(p->fam[i].pat);
        free(p->fam[i].name);
    }
    for (size_t i = 0; i < p->nfiles; i++)
        free(p->files[i]);
    free(p->files);
    free(p->fam);
    prepared_free(p);
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

static void set_byte(uint8_t *set, unsigned b)
{
    set[b >> 3] |= (uint8_t)(1u << (b & 7));
    if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z')     /* caseless: both cases */
        set[(b ^ 0x20) >> 3] |= (uint8_t)(1u << ((b ^ 0x20) & 7));
}

/* The bytes a match of src can start with, from PCRE2's analysis of the
 * pattern compiled unanchored (the anchored form skips that analysis); every
 * byte when it cannot tell.  Returns -1 when out of memory. */
static int first_bytes(const char *src, uint8_t set[32])
{
    int code;
    PCRE2_SIZE at;
    uint32_t type = 0, unit = 0;
    const uint8_t *map = NULL;
    memset(set, 0xff, 32);
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, PCRE2_CASELESS,
                                   &code, &at, NULL);
    if (!re)
        return code == PCRE2_ERROR_NOMEMORY ? -1 : 0;
    pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &type);
    if (type == 1) {                                /* one byte */
        pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODEUNIT, &unit);
        memset(set, 0, 32);
        set_byte(set, unit & 0xff);
    } else if (type == 0 && pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &map) == 0 && map) {
        memcpy(set, map, 32);
        for (unsigned b = 'A'; b <= 'Z'; b++)
            if (set[b >> 3] & (1u << (b & 7)) || set[(b | 0x20) >> 3] & (1u << ((b | 0x20) & 7)))
                set_byte(set, b);
    }
    pcre2_code_free(re);
    return 0;
}

/* Matching is byte-wise, so "’?" would make only the last byte of ’
 * optional: an error that says how to write it, "(’)?". */
static int quantified_multibyte(const char *src)
{
    int in_class = 0;
    for (const unsigned char *p = (const unsigned char *)src; *p; p++) {
        if (*p == '\\' && p[1])
            p++;
        else if (*p == '[' && !in_class)
            in_class = 1;
        else if (*p == ']' && in_class)
            in_class = 0;
        else if (!in_class && (*p & 0xC0) == 0x80 && p[1] && strchr("?*+{", p[1]))
            return 1;
    }
    return 0;
}

static int add_pattern(struct family *f, const char *src, const char *file, unsigned line, char **err)
{
    size_t max_len = BOILERPLATE_PATTERN_DEFAULT_MAX;
    int tail = 0;
    if (!strncmp(src, "@tail ", 6)) {                   /* "@tail pattern" */
        tail = BOILERPLATE_TAIL_HEADER;
        src += 6 + strspn(src + 6, " ");
    } else if (!strncmp(src, "@thread ", 8)) {          /* "@thread pattern" */
        tail = BOILERPLATE_TAIL_THREAD;
        src += 8 + strspn(src + 8, " ");
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
    if (quantified_multibyte(src))
        return unspin_error(err, "%s:%u: bad pattern \"%s\": a quantifier after a non-ASCII character "
                            "applies to its last byte only; put the character in a group: (’)?",
                            file, line, src);
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 32;
        struct pattern *pt = realloc(f->pat, cap * sizeof *pt);
        if (!pt)
            return unspin_error(err, "out of memory");
        f->pat = pt;
        f->cap = cap;
    }
    struct pattern *pt = &f->pat[f->n];
    memset(pt, 0, sizeof *pt);
    atomic_init(&pt->jit, JIT_UNTRIED);
    /* Anchored at both ends by option, not by wrapping the text in ^( )$, so
     * a pattern describes a whole line and an unbalanced ")" stays an error. */
    int code;
    PCRE2_SIZE at;
    pt->re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
                           PCRE2_CASELESS | PCRE2_ANCHORED | PCRE2_ENDANCHORED, &code, &at, NULL);
    if (!pt->re) {
        char msg[200];
        pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, sizeof msg);
        return unspin_error(err, "%s:%u: bad pattern \"%s\": %s (at byte %zu)",
                            file, line, src, msg, (size_t)at);
    }
    if (first_bytes(src, pt->first) || boilerplate_literals_of(src, &pt->lits)) {
        pcre2_code_free(pt->re);
        return unspin_error(err, "out of memory");
    }
    pt->max_len = max_len;
    pt->rule.tail = tail;
    pt->rule.family = f->name;
    pt->rule.file = file;
    pt->rule.line = line;
    if (!(pt->rule.source = strdup(src))) {
        pcre2_code_free(pt->re);
        boilerplate_literals_free(&pt->lits);
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
    return rc;
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

static void set_bit(uint64_t *set, size_t k)
{
    set[k / 64] |= (uint64_t)1 << (k % 64);
}

int boilerplate_patterns_prepare(boilerplate_patterns *p, char **err)
{
    prepared_free(p);
    size_t n = 0;
    for (size_t i = 0; i < p->n; i++)
        n += p->fam[i].enabled ? p->fam[i].n : 0;
    /* the distinct length limits, ascending: one tier each */
    size_t limits[BOILERPLATE_PATTERN_MAX + 1] = { 0 }, tiers = 0;
    for (size_t i = 0; i < p->n; i++)
        for (size_t j = 0; p->fam[i].enabled && j < p->fam[i].n; j++)
            limits[p->fam[i].pat[j].max_len] = 1;
    for (size_t len = 0; len <= BOILERPLATE_PATTERN_MAX; len++)
        tiers += limits[len];
    p->words = (n + 63) / 64;
    p->flat = malloc((n ? n : 1) * sizeof *p->flat);
    p->by_first = calloc(256 * p->words + 1, sizeof *p->by_first);
    p->by_len = calloc((tiers + 1) * p->words + 1, sizeof *p->by_len);
    if (!p->flat || !p->by_first || !p->by_len) {
        prepared_free(p);
        return unspin_error(err, "out of memory");
    }
    /* tier t holds the patterns whose limit is at least the t-th limit; a
     * line of length len uses the first tier whose limit is >= len, and the
     * empty tier (number "tiers") when it is longer than every limit */
    size_t t = 0;
    for (size_t len = BOILERPLATE_PATTERN_MAX + 1; len-- > 0;)
        if (limits[len])
            limits[len] = ++t;                        /* 1-based, from the top */
    size_t cur = tiers;
    for (size_t len = BOILERPLATE_PATTERN_MAX + 1; len-- > 0;) {
        if (limits[len])
            cur = tiers - limits[len];
        p->tier[len] = (uint16_t)cur;
    }
    for (size_t i = 0; i < p->n; i++)
        for (size_t j = 0; p->fam[i].enabled && j < p->fam[i].n; j++) {
            struct pattern *pt = &p->fam[i].pat[j];
            size_t k = p->nflat++;
            p->flat[k] = pt;
            for (unsigned b = 0; b < 256; b++)
                if (pt->first[b >> 3] & (1u << (b & 7)))
                    set_bit(p->by_first + b * p->words, k);
            for (size_t len = 0; len <= pt->max_len; len++)
                if (limits[len])
                    set_bit(p->by_len + (tiers - limits[len]) * p->words, k);
        }
    return 0;
}

boilerplate_matcher *boilerplate_matcher_new(const boilerplate_patterns *p)
{
    boilerplate_matcher *m = malloc(sizeof *m);
    if (!m)
        return NULL;
    m->p = p;
    if (!(m->md = pcre2_match_data_create(1, NULL))) {
        free(m);
        return NULL;
    }
    return m;
}

void boilerplate_matcher_free(boilerplate_matcher *m)
{
    if (!m)
        return;
    pcre2_match_data_free(m->md);
    free(m);
}

/* Whether pt has JIT code, compiling it on its first run.  The lock keeps
 * every thread from matching with pt while one compiles it (compiling
 * changes the pcre2_code); after that pt is only read. */
static int jit_ready(struct pattern *pt)
{
    static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;
    int state = atomic_load_explicit(&pt->jit, memory_order_acquire);
    if (state == JIT_UNTRIED) {
        pthread_mutex_lock(&jit_lock);
        if ((state = atomic_load_explicit(&pt->jit, memory_order_relaxed)) == JIT_UNTRIED) {
            state = pcre2_jit_compile(pt->re, PCRE2_JIT_COMPLETE) == 0 ? JIT_COMPILED : JIT_FAILED;
            atomic_store_explicit(&pt->jit, state, memory_order_release);
        }
        pthread_mutex_unlock(&jit_lock);
    }
    return state == JIT_COMPILED;
}

static int run(struct pattern *pt, const char *line, size_t len, pcre2_match_data *md)
{
    int rc = PCRE2_ERROR_NOMATCH, jit = jit_ready(pt);
    if (jit)
        rc = pcre2_jit_match(pt->re, (PCRE2_SPTR)line, len, 0, 0, md, NULL);
    if (!jit || (rc < 0 && rc != PCRE2_ERROR_NOMATCH))   /* e.g. JIT stack too small */
        rc = pcre2_match(pt->re, (PCRE2_SPTR)line, len, 0, 0, md, NULL);
    return rc >= 0;
}

const boilerplate_rule *boilerplate_matcher_match(boilerplate_matcher *m, const char *line, size_t len)
{
    const boilerplate_patterns *p = m->p;
    if (!len || len > BOILERPLATE_PATTERN_MAX || !p->nflat)
        return NULL;
    const uint64_t *first = p->by_first + (size_t)(unsigned char)line[0] * p->words;
    const uint64_t *fits = p->by_len + (size_t)p->tier[len] * p->words;
    int lowered = 0;
    for (size_t w = 0; w < p->words; w++)
        for (uint64_t bits = first[w] & fits[w]; bits; bits &= bits - 1) {
            struct pattern *pt = p->flat[w * 64 + (size_t)__builtin_ctzll(bits)];
            if (pt->lits.count) {
                if (!lowered++) {
                    for (size_t i = 0; i < len; i++)
                        m->lower[i] = (char)(line[i] >= 'A' && line[i] <= 'Z' ? line[i] + 32 : line[i]);
                    boilerplate_literals_grams(m->lower, len, &m->grams);
                }
                if (!boilerplate_literals_found(&pt->lits, &m->grams, m->lower, len))
                    continue;
            }
            if (run(pt, line, len, m->md))
                return &pt->rule;
        }
    return NULL;
}

const boilerplate_rule *boilerplate_matcher_match_slowly(boilerplate_matcher *m, const char *line,
                                                         size_t len)
{
    for (size_t k = 0; k < m->p->nflat; k++)
        if (len <= m->p->flat[k]->max_len && run(m->p->flat[k], line, len, m->md))
            return &m->p->flat[k]->rule;
    return NULL;
}
