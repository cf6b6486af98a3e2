/* test-lmtable.c - the model's table (plugins/unspin/lmtable.h) gives what
 * sphinxbase gives: the same id for every word of the model, and the same
 * integer score for every bigram and trigram it holds (with each shorter
 * history too), for the same words after other histories, and for random
 * triples of words (mostly backoffs).  Skipped without the default model. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sphinxbase/err.h>
#include <sphinxbase/logmath.h>
#include <sphinxbase/ngram_model.h>

#include "../../plugins/unspin/lmtable.h"

static char table_path[] = "/tmp/unspin-lmtable.XXXXXX";
static unspinf_lmtable *table;
static logmath_t *lmath;
static ngram_model_t *model;
static int32 n_words;

/* 1 when the table and the model score w after hist (n_hist of them) alike;
 * prints the first few differences. */
static int same_score(int32 w, int32 h1, int32 h2, int n_hist)
{
    static int shown;
    int32 hist[2] = { h1, h2 }, used;
    int32 want = ngram_ng_score(model, w, hist, n_hist, &used);
    int32 got = unspinf_lmtable_score(table, w, hist, n_hist);
    if (want != got && shown++ < 10)
        fprintf(stderr, "\"%s\" after \"%s %s\" (%d words): sphinxbase %d, table %d\n", ngram_word(model, w),
                n_hist > 1 ? ngram_word(model, h2) : "", n_hist > 0 ? ngram_word(model, h1) : "", n_hist, want,
                got);
    return want == got;
}

START_TEST(every_word_has_its_id)
{
    int32 bad = 0;
    for (int32 i = 0; i < n_words; i++) {
        const char *word = ngram_word(model, i);
        bad += unspinf_lmtable_wid(table, word) != ngram_wid(model, word);
    }
    ck_assert_int_eq(bad, 0);
    ck_assert_int_eq(unspinf_lmtable_wid(table, "qzxv-not-a-word"), -1);
    ck_assert_int_eq(unspinf_lmtable_wid(table, ""), -1);
    ck_assert_int_eq(unspinf_lmtable_wid(table, "<s>"), ngram_wid(model, "<s>"));
}
END_TEST

/* Every n-gram of order in the table, each with every shorter history, and
 * its word after a random second word of history; returns how many. */
static long check_ngrams(int order, long *bad)
{
    long found = 0;
    int32_t ids[3];
    int r;
    for (uint64_t i = 0; (r = unspinf_lmtable_ngram(table, order, i, ids)) >= 0; i++) {
        if (!r)
            continue;
        found++;
        int32 w = ids[order - 1], h1 = ids[order - 2], h2 = order == 3 ? ids[0] : -1;
        for (int n = 0; n < order; n++)
            *bad += !same_score(w, h1, h2, n);
        *bad += !same_score(w, h1, (int32)(random() % n_words), 2);
        /* the n-gram as a history: its backoff */
        *bad += !same_score((int32)(random() % n_words), h1, order == 3 ? h2 : ids[0], 2);
        *bad += !same_score((int32)(random() % n_words), w, h1, 2);
    }
    return found;
}

START_TEST(every_bigram_scores_alike)
{
    long bad = 0, found = check_ngrams(2, &bad);
    ck_assert_int_eq(bad, 0);
    /* a few bigrams of the file are not reachable in its trie */
    ck_assert_int_gt(found, ngram_model_get_counts(model)[1] * 99 / 100);
}
END_TEST

START_TEST(every_trigram_scores_alike)
{
    long bad = 0, found = check_ngrams(3, &bad);
    ck_assert_int_eq(bad, 0);
    ck_assert_int_gt(found, ngram_model_get_counts(model)[2] * 99 / 100);
}
END_TEST

START_TEST(random_words_score_alike)
{
    long bad = 0;
    for (int i = 0; i < 300000; i++) {
        int32 w = (int32)(random() % n_words), h1 = (int32)(random() % n_words), h2 = (int32)(random() % n_words);
        for (int n = 0; n <= 2; n++)
            bad += !same_score(w, h1, h2, n);
        bad += !same_score(w, -1, h2, 2);   /* an unknown word ends the history */
    }
    ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(a_table_of_another_file_is_refused)
{
    /* the same bytes under another name and time are another model */
    char copy[] = "/tmp/unspin-lmcopy.XXXXXX";
    int fd = mkstemp(copy);
    ck_assert_int_ge(fd, 0);
    close(fd);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", UNSPIN_DEFAULT_LM, copy);
    ck_assert_int_eq(system(cmd), 0);
    unspinf_lmtable *other = unspinf_lmtable_open(table_path, copy);
    unlink(copy);
    ck_assert_ptr_null(other);
    ck_assert_ptr_null(unspinf_lmtable_open("/nonexistent/lm-table.bin", UNSPIN_DEFAULT_LM));
    /* a table cut short */
    char cut[] = "/tmp/unspin-lmcut.XXXXXX";
    fd = mkstemp(cut);
    ck_assert_int_ge(fd, 0);
    close(fd);
    snprintf(cmd, sizeof cmd, "head -c 1000000 '%s' > '%s'", table_path, cut);
    ck_assert_int_eq(system(cmd), 0);
    other = unspinf_lmtable_open(cut, UNSPIN_DEFAULT_LM);
    unlink(cut);
    ck_assert_ptr_null(other);
}
END_TEST

START_TEST(a_model_of_another_kind_makes_no_table)
{
    char *err = NULL;
    char out[] = "/tmp/unspin-lmbad.XXXXXX";
    int fd = mkstemp(out);
    ck_assert_int_ge(fd, 0);
    close(fd);
    ck_assert_int_eq(unspinf_lmtable_write(UNSPIN_SRCDIR "/README.md", out, &err), -1);
    unlink(out);
    ck_assert_ptr_nonnull(err);
    ck_assert_ptr_nonnull(strstr(err, "not a sphinxbase trie model"));
    free(err);
}
END_TEST

int main(void)
{
    if (access(UNSPIN_DEFAULT_LM, R_OK)) {
        printf("skip: the default model %s is not installed\n", UNSPIN_DEFAULT_LM);
        return 77;
    }
    char *err = NULL;
    int fd = mkstemp(table_path);
    if (fd < 0)
        return EXIT_FAILURE;
    close(fd);
    if (unspinf_lmtable_write(UNSPIN_DEFAULT_LM, table_path, &err)) {
        fprintf(stderr, "cannot make the table: %s\n", err);
        unlink(table_path);
        return EXIT_FAILURE;
    }
    table = unspinf_lmtable_open(table_path, UNSPIN_DEFAULT_LM);
    err_set_logfp(NULL);
    lmath = logmath_init(1.0001, 0, 0);   /* as plugins/unspin/lm.c reads it */
    model = ngram_model_read(NULL, UNSPIN_DEFAULT_LM, NGRAM_AUTO, lmath);
    if (!table || !model) {
        fprintf(stderr, "cannot open the table or the model\n");
        unlink(table_path);
        return EXIT_FAILURE;
    }
    n_words = ngram_model_get_counts(model)[0];
    srandom(1);
    Suite *s = suite_create("lmtable");
    TCase *t = tcase_create("lmtable");
    tcase_set_timeout(t, 600);   /* a limit against hangs, not a speed test */
    tcase_add_test(t, every_word_has_its_id);
    tcase_add_test(t, every_bigram_scores_alike);
    tcase_add_test(t, every_trigram_scores_alike);
    tcase_add_test(t, random_words_score_alike);
    tcase_add_test(t, a_table_of_another_file_is_refused);
    tcase_add_test(t, a_model_of_another_kind_makes_no_table);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_set_fork_status(r, CK_NOFORK);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    unspinf_lmtable_close(table);
    ngram_model_free(model);
    logmath_free(lmath);
    unlink(table_path);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
