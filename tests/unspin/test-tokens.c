/* test-tokens.c - sentences of the unspin filter's words (plugins/unspin/tokens.h):
 * a full stop or a colon inside a number or an abbreviation ("3.7%", "2:30",
 * "U.S") does not end a sentence, one before a capital or at the end does, and
 * one before a lowercase word ("sq. kilometres") does not.  The windows the
 * filter scores stop at a sentence's end (repair.c). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../plugins/unspin/tokens.h"

/* The sentence number of each word of text into s (at most max). */
static long sentences(const char *text, int *s, long max)
{
    unspinf_word *w;
    long n = unspinf_tokenize(text, strlen(text), NULL, &w);
    ck_assert_int_ge(n, 0);
    for (long i = 0; i < n && i < max; i++)
        s[i] = w[i].sentence;
    free(w);
    return n;
}

/* 1 when text has n words, all in one sentence. */
static int one_sentence(const char *text, long n)
{
    int s[16];
    if (sentences(text, s, 16) != n)
        return 0;
    for (long i = 1; i < n; i++)
        if (s[i] != s[0])
            return 0;
    return 1;
}

START_TEST(decimal_point)
{
    ck_assert(one_sentence("The economy grew 3.7% within the third quarter.", 9));
}
END_TEST

START_TEST(time_and_score)
{
    ck_assert(one_sentence("They won 3:1 at 2:30 today", 8));
}
END_TEST

START_TEST(abbreviation)
{
    int s[16];
    ck_assert_int_eq(sentences("The U.S. troops left. Others stayed", s, 16), 7);
    ck_assert_int_eq(s[1], s[0]);   /* U */
    ck_assert_int_eq(s[2], s[0]);   /* S, before a lowercase word */
    ck_assert_int_eq(s[4], s[0]);   /* left */
    ck_assert_int_gt(s[5], s[4]);   /* Others: after a full stop and a capital */
}
END_TEST

START_TEST(sentence_ends)
{
    int s[16];
    ck_assert_int_eq(sentences("It fell 3. Then 4: more. Area: 5 sq. kilometres", s, 16), 10);
    ck_assert_int_gt(s[3], s[2]);   /* "3." before a capital */
    ck_assert_int_gt(s[5], s[4]);   /* "4:" before a space */
    ck_assert_int_eq(s[9], s[8]);   /* "sq. kilometres" */
}
END_TEST

int main(void)
{
    Suite *suite = suite_create("unspin tokens");
    TCase *c = tcase_create("sentences");
    tcase_add_test(c, decimal_point);
    tcase_add_test(c, time_and_score);
    tcase_add_test(c, abbreviation);
    tcase_add_test(c, sentence_ends);
    suite_add_tcase(suite, c);
    SRunner *r = srunner_create(suite);
    srunner_set_fork_status(r, CK_NOFORK);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
