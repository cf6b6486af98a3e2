/* test-patterns.c - the boilerplate filter's pattern matching: the literals
 * read from a pattern, the quick tests that skip most patterns (they must
 * never turn away a line the pattern matches), PCRE2 syntax and errors, and
 * matching from several threads at once. */
#include <check.h>
#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "literals.h"
#include "patterns.h"

/* The literal set of a pattern as "a|b|c" ("" for none). */
static const char *literals_of(const char *pattern)
{
    static char buf[512];
    boilerplate_literals l;
    ck_assert_int_eq(boilerplate_literals_of(pattern, &l), 0);
    buf[0] = 0;
    for (size_t i = 0; i < l.count; i++) {
        ck_assert_uint_eq(strlen(l.text[i]), l.len[i]);
        strcat(buf, i ? "|" : "");
        strcat(buf, l.text[i]);
    }
    boilerplate_literals_free(&l);
    return buf;
}

START_TEST(literals_read_from_patterns)
{
    ck_assert_str_eq(literals_of(".*all rights reserved\\.?.*"), "all rights reserved");
    ck_assert_str_eq(literals_of(".*[0-9].* (said|says|wrote|commented):"), "said|says|wrote|commented");
    ck_assert_str_eq(literals_of("Share( this)?"), "share");
    ck_assert_str_eq(literals_of("foo?"), "fo");                 /* o may be absent */
    ck_assert_str_eq(literals_of("x{2}yz"), "yz");
    ck_assert_str_eq(literals_of("x{2,}yz{0,3}"), "y");
    ck_assert_str_eq(literals_of("[a-z]+ news"), " news");
    ck_assert_str_eq(literals_of("(?:ab|cd)e?"), "ab|cd");
    ck_assert_str_eq(literals_of("a\\.b"), "a.b");              /* an escaped dot is a dot */
    ck_assert_str_eq(literals_of("[[:space:]]*tags:"), "tags:");
    ck_assert_str_eq(literals_of("[]x)]+ closing"), " closing");  /* ']' and ')' inside a class */
    ck_assert_str_eq(literals_of("by (?!.*[a-z]+ [a-z]+)(?-i:[A-Z]).*"), "by ");  /* lookahead, options */
    ck_assert_str_eq(literals_of("(x\\dy|zz)abc"), "abc");    /* an escape spoils only its sequence */
}
END_TEST

START_TEST(literals_none_when_unsure)
{
    ck_assert_str_eq(literals_of("a|b.*"), "a|b");
    ck_assert_str_eq(literals_of("a|.*b?"), "");           /* a branch without any */
    ck_assert_str_eq(literals_of("(ab|)x"), "x");          /* an empty branch: only x */
    ck_assert_str_eq(literals_of("(ab)?"), "");
    ck_assert_str_eq(literals_of("\\d+ comments"), "");    /* \d: a Perl class */
    ck_assert_str_eq(literals_of("a\\x41bc"), "");          /* hex digits are not literals */
    ck_assert_str_eq(literals_of("ab(?i)cd"), "");
    ck_assert_str_eq(literals_of("(?x) a b c"), "");       /* options change the meaning */
    ck_assert_str_eq(literals_of("(*UTF)über"), "");
    ck_assert_str_eq(literals_of("\\Qa.b\\E"), "");
    ck_assert_str_eq(literals_of(".*"), "");
}
END_TEST

START_TEST(literal_search_in_a_line)
{
    boilerplate_literals l;
    boilerplate_grams g;
    const char *line = "we use cookies on this site";
    boilerplate_literals_grams(line, strlen(line), &g);
    ck_assert_int_eq(boilerplate_literals_of(".*(cookies|tracking).*", &l), 0);
    ck_assert(boilerplate_literals_found(&l, &g, line, strlen(line)));
    boilerplate_literals_free(&l);
    ck_assert_int_eq(boilerplate_literals_of(".*all rights reserved.*", &l), 0);
    ck_assert(!boilerplate_literals_found(&l, &g, line, strlen(line)));
    boilerplate_literals_free(&l);
    /* at the very start and the very end */
    ck_assert_int_eq(boilerplate_literals_of(".*(we use|this site)", &l), 0);
    ck_assert(boilerplate_literals_found(&l, &g, line, strlen(line)));
    ck_assert(!boilerplate_literals_found(&l, &g, line, 5));          /* "we us" */
    boilerplate_literals_free(&l);
}
END_TEST

static char *dict_dir(void)
{
    const char *top = getenv("top_srcdir");
    char *dir = malloc(strlen(top ? top : ".") + 40);
    sprintf(dir, "%s/dicts/boilerplate/patterns", top ? top : ".");
    return dir;
}

static boilerplate_patterns *load(const char *dir, const char *extra)
{
    char *err = NULL;
    boilerplate_patterns *p = boilerplate_patterns_new();
    ck_assert_ptr_nonnull(p);
    if (dir && boilerplate_patterns_load_dir(p, dir, &err))
        ck_abort_msg("%s", err);
    if (extra && boilerplate_patterns_load_file(p, extra, &err))
        ck_abort_msg("%s", err);
    ck_assert_int_eq(boilerplate_patterns_prepare(p, &err), 0);
    return p;
}

/* Lines to try: chrome of every family, prose, edge cases, and (when the
 * shared data is there) every line of the benchmark's 181 news pages. */
static const char *const sample[] = {
    "World News", "January 11, 2025", "No Comment", "Share this article", "Follow us on Twitter",
    "Related Articles", "Leave a Reply", "Your email address will not be published. Required fields are marked *",
    "Back to top button", "Sign up for our newsletter", "Contributing: Reuters", "This story has been updated.",
    "© 2025 Harbour Times. All rights reserved.", "12 responses to the harbour wall story", "harbourfan says:",
    "By using this website you agree to our use of cookies.", "We use cookies to improve your experience",
    "Photo credit: Jane Doe", "Reporting by Jane Smith in London; editing by Tom Brown.",
    "The council voted on Tuesday to rebuild the sea wall that failed during the storms.",
    "Updated 19 November 2019, 09:01 AM", "5 min read", "2 hours ago", "Editor's note: this was changed.",
    "Getty Images", "Facebook Twitter Email", "Print this article", "Tags: harbour, council",
    "x", "»", "1 of 12", "THE VIEWS EXPRESSED HERE ARE THE AUTHOR'S OWN", "all rights reserved",
    "Already a subscriber? Log in", "More from BBC News", "you've reached your free article limit",
};

typedef struct { char **line; size_t n, cap; } lines;

static void add_line(lines *ls, const char *s, size_t len)
{
    if (!len)
        return;
    if (ls->n == ls->cap) {
        ls->cap = ls->cap ? ls->cap * 2 : 256;
        ls->line = realloc(ls->line, ls->cap * sizeof *ls->line);
    }
    ls->line[ls->n++] = strndup(s, len);
}

static lines sample_lines(void)
{
    lines ls = { 0 };
    for (size_t i = 0; i < sizeof sample / sizeof *sample; i++) {
        add_line(&ls, sample[i], strlen(sample[i]));
        char *up = strdup(sample[i]);           /* case does not matter */
        for (char *c = up; *c; c++)
            *c = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
        add_line(&ls, up, strlen(up));
        free(up);
    }
    const char *shared = getenv("SHARED");
    char path[4096];
    snprintf(path, sizeof path, "%s/eval/boilerplate/pages.jsonl", shared ? shared : "../shared");
    FILE *f = fopen(path, "r");
    if (!f)
        return ls;
    char *buf = NULL;
    size_t cap = 0;
    while (getline(&buf, &cap, f) > 0) {
        cJSON *rec = cJSON_Parse(buf);
        const cJSON *text = cJSON_GetObjectItemCaseSensitive(rec, "text");
        for (const char *s = cJSON_IsString(text) ? text->valuestring : ""; *s;) {
            const char *nl = strchr(s, '\n');
            size_t len = nl ? (size_t)(nl - s) : strlen(s);
            add_line(&ls, s, len);
            s += len + (nl != NULL);
        }
        cJSON_Delete(rec);
    }
    free(buf);
    fclose(f);
    return ls;
}

static void free_lines(lines *ls)
{
    for (size_t i = 0; i < ls->n; i++)
        free(ls->line[i]);
    free(ls->line);
}

START_TEST(quick_tests_never_turn_a_match_away)
{
    char *dir = dict_dir();
    boilerplate_patterns *p = load(dir, NULL);
    boilerplate_matcher *m = boilerplate_matcher_new(p);
    lines ls = sample_lines();
    size_t matched = 0;
    for (size_t i = 0; i < ls.n; i++) {
        size_t len = strlen(ls.line[i]);
        const boilerplate_rule *quick = boilerplate_matcher_match(m, ls.line[i], len);
        const boilerplate_rule *slow = boilerplate_matcher_match_slowly(m, ls.line[i], len);
        if (quick != slow)
            ck_abort_msg("line \"%s\": quick %s, slow %s", ls.line[i], quick ? quick->source : "none",
                         slow ? slow->source : "none");
        matched += quick != NULL;
    }
    /* the sample is chrome of every family: most of it matches */
    ck_assert_uint_ge(matched, 40);
    free_lines(&ls);
    boilerplate_matcher_free(m);
    boilerplate_patterns_free(p);
    free(dir);
}
END_TEST

START_TEST(families_switch_and_order)
{
    char *dir = dict_dir(), *err = NULL;
    boilerplate_patterns *p = load(dir, NULL);
    boilerplate_matcher *m = boilerplate_matcher_new(p);
    const boilerplate_rule *r = boilerplate_matcher_match(m, "Share this article", 18);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r->family, "share");
    boilerplate_matcher_free(m);
    /* switched off, then prepared again: the share family no longer matches */
    long share = boilerplate_patterns_family_find(p, "share");
    ck_assert_int_ge(share, 0);
    boilerplate_patterns_family_enable(p, (size_t)share, 0);
    ck_assert_int_eq(boilerplate_patterns_prepare(p, &err), 0);
    m = boilerplate_matcher_new(p);
    r = boilerplate_matcher_match(m, "Share this article", 18);
    ck_assert(r == NULL || strcmp(r->family, "share") != 0);
    /* a line longer than any limit is never matched, even by ".*" */
    char long_line[BOILERPLATE_PATTERN_MAX + 2];
    memset(long_line, 'a', sizeof long_line - 1);
    long_line[sizeof long_line - 1] = 0;
    ck_assert_ptr_null(boilerplate_matcher_match(m, long_line, strlen(long_line)));
    boilerplate_matcher_free(m);
    boilerplate_patterns_free(p);
    free(dir);
}
END_TEST

static char *write_file(const char *name, const char *text)
{
    char *path = malloc(strlen(name) + 32);
    const char *tmp = getenv("TMPDIR");
    path = realloc(path, strlen(tmp ? tmp : "/tmp") + strlen(name) + 48);
    sprintf(path, "%s/test-patterns-%d-%s", tmp ? tmp : "/tmp", (int)getpid(), name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Loading a file of text fails with a message that contains want. */
static void expect_load_error(const char *name, const char *text, const char *want)
{
    char *err = NULL, *path = write_file(name, text);
    boilerplate_patterns *p = boilerplate_patterns_new();
    ck_assert_int_ne(boilerplate_patterns_load_file(p, path, &err), 0);
    ck_assert_ptr_nonnull(err);
    if (!strstr(err, want))
        ck_abort_msg("loading %s: \"%s\" lacks \"%s\"", name, err, want);
    free(err);
    boilerplate_patterns_free(p);
    remove(path);
    free(path);
}

START_TEST(pcre2_syntax_and_errors)
{
    /* POSIX classes, Perl classes, lazy quantifiers; limits; the first
     * pattern in file order wins */
    char *path = write_file("mine.txt", "# a comment\n"
                            "[[:digit:]]+ photos\n"
                            "<=20 \\d+ videos?\n"
                            "(?:read|see) more.*?\n"
                            "read more about it\n");
    boilerplate_patterns *p = load(NULL, path);
    boilerplate_matcher *m = boilerplate_matcher_new(p);
    const boilerplate_rule *r = boilerplate_matcher_match(m, "12 Photos", 9);
    ck_assert_ptr_nonnull(r);
    size_t flen = strlen(r->family);
    ck_assert(flen > 5 && !strcmp(r->family + flen - 5, "-mine"));   /* named after the file */
    ck_assert_uint_eq(r->line, 2);
    ck_assert_ptr_nonnull(boilerplate_matcher_match(m, "3 videos", 8));
    ck_assert_ptr_null(boilerplate_matcher_match(m, "3 videos of the flood on the harbour", 36));
    r = boilerplate_matcher_match(m, "Read more about it", 18);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(r->line, 4);
    /* anchored at both ends: a pattern never matches part of a line */
    ck_assert_ptr_null(boilerplate_matcher_match(m, "He said 12 photos were taken", 28));
    boilerplate_matcher_free(m);
    boilerplate_patterns_free(p);
    remove(path);
    free(path);

    /* an unbalanced bracket is an error that names file and line; the
     * anchoring cannot be escaped by a stray ")"; a quantifier after a
     * non-ASCII character is refused with the way to write it */
    expect_load_error("bad.txt", "fine\nshare (this\n", "bad.txt:2: bad pattern");
    expect_load_error("escape.txt", "a)|(b\n", "escape.txt:1: bad pattern");
    expect_load_error("multibyte.txt", "editor’?s note\n", "multibyte.txt:1: bad pattern");
    expect_load_error("multibyte2.txt", "editor’?s note\n", "(’)?");
}
END_TEST

struct job {
    const boilerplate_patterns *p;
    const lines *ls;
    const boilerplate_rule **got;
};

static void *match_all(void *arg)
{
    struct job *j = arg;
    boilerplate_matcher *m = boilerplate_matcher_new(j->p);
    for (int round = 0; round < 3; round++)
        for (size_t i = 0; i < j->ls->n; i++)
            j->got[i] = boilerplate_matcher_match(m, j->ls->line[i], strlen(j->ls->line[i]));
    boilerplate_matcher_free(m);
    return NULL;
}

START_TEST(threads_share_the_patterns)
{
    char *dir = dict_dir();
    boilerplate_patterns *p = load(dir, NULL);
    lines ls = sample_lines();
    enum { THREADS = 4 };
    struct job jobs[THREADS];
    pthread_t tid[THREADS];
    for (int t = 0; t < THREADS; t++) {
        jobs[t] = (struct job){ p, &ls, calloc(ls.n, sizeof *jobs[t].got) };
        ck_assert_int_eq(pthread_create(&tid[t], NULL, match_all, &jobs[t]), 0);
    }
    for (int t = 0; t < THREADS; t++)
        pthread_join(tid[t], NULL);
    boilerplate_matcher *m = boilerplate_matcher_new(p);
    for (size_t i = 0; i < ls.n; i++) {
        const boilerplate_rule *want = boilerplate_matcher_match(m, ls.line[i], strlen(ls.line[i]));
        for (int t = 0; t < THREADS; t++)
            ck_assert_ptr_eq(jobs[t].got[i], want);
    }
    for (int t = 0; t < THREADS; t++)
        free(jobs[t].got);
    boilerplate_matcher_free(m);
    free_lines(&ls);
    boilerplate_patterns_free(p);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("boilerplate patterns");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, literals_read_from_patterns);
    tcase_add_test(tc, literals_none_when_unsure);
    tcase_add_test(tc, literal_search_in_a_line);
    tcase_add_test(tc, quick_tests_never_turn_a_match_away);
    tcase_add_test(tc, families_switch_and_order);
    tcase_add_test(tc, pcre2_syntax_and_errors);
    tcase_add_test(tc, threads_share_the_patterns);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
