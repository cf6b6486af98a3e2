/* patterns.h - the boilerplate pattern families (share lines, credits, ...):
 * named lists of regular expressions read from data files. */
#ifndef BOILERPLATE_PATTERNS_H
#define BOILERPLATE_PATTERNS_H
#include <stddef.h>

typedef struct boilerplate_patterns boilerplate_patterns;

/* Lines longer than this (bytes) are tried only by patterns written "<=N ..."
 * and never by any when longer than BOILERPLATE_PATTERN_MAX: they are prose. */
#define BOILERPLATE_PATTERN_DEFAULT_MAX 200
#define BOILERPLATE_PATTERN_MAX 400

/* Patterns that start a comment section after the article: */
#define BOILERPLATE_TAIL_HEADER 1   /* "@tail": its header, one line is enough */
#define BOILERPLATE_TAIL_THREAD 2   /* "@thread": a line each comment has (the
                                       commenter's byline, the votes): from the
                                       first of two of them */

/* One pattern, as the edit log names it. */
typedef struct boilerplate_rule {
    const char *family;   /* file name without .txt */
    const char *source;   /* the pattern as written */
    const char *file;
    unsigned line;
    int tail;             /* BOILERPLATE_TAIL_* */
} boilerplate_rule;

boilerplate_patterns *boilerplate_patterns_new(void);
void boilerplate_patterns_free(boilerplate_patterns *p);

/* Loads every NAME.txt of dir as family NAME (sorted by name). */
int boilerplate_patterns_load_dir(boilerplate_patterns *p, const char *dir, char **err);
/* Loads one file as a family named after the file (its name without
 * directory and .txt); a family loaded twice gets the patterns of both. */
int boilerplate_patterns_load_file(boilerplate_patterns *p, const char *path, char **err);

size_t boilerplate_patterns_family_count(const boilerplate_patterns *p);
const char *boilerplate_patterns_family_name(const boilerplate_patterns *p, size_t i);
/* Index of a family by name, or -1. */
long boilerplate_patterns_family_find(const boilerplate_patterns *p, const char *name);
void boilerplate_patterns_family_enable(boilerplate_patterns *p, size_t i, int on);

/* Builds the quick tests over the enabled families; call after the last
 * load or enable, before matching.  Returns -1 (and sets *err) on failure. */
int boilerplate_patterns_prepare(boilerplate_patterns *p, char **err);

/* What one thread needs to match lines: the compiled patterns are shared and
 * read-only, the match data is not.  One per process() call. */
typedef struct boilerplate_matcher boilerplate_matcher;
boilerplate_matcher *boilerplate_matcher_new(const boilerplate_patterns *p);
void boilerplate_matcher_free(boilerplate_matcher *m);

/* The first enabled rule (in family order, then file order) whose pattern
 * matches all of line[0..len), or NULL. */
const boilerplate_rule *boilerplate_matcher_match(boilerplate_matcher *m, const char *line, size_t len);
/* The same answer the slow way: every enabled pattern in order, without the
 * quick tests (for checking that those never turn a match away). */
const boilerplate_rule *boilerplate_matcher_match_slowly(boilerplate_matcher *m, const char *line,
                                                         size_t len);
#endif
