/* test-jsonl.c - the JSON Lines scanner: validity, member spans, strings. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "jsonl.h"

static int scan(const char *line, const char *key, jsonl_member *m, char *why)
{
    return jsonl_scan(line, strlen(line), key, m, NULL, NULL, why, 160);
}

START_TEST(finds_member_span)
{
    const char *line = "{\"id\": 3, \"text\" : \"hi\\n\", \"x\":[1,{\"text\":2}]}";
    jsonl_member m;
    char why[160];
    ck_assert_int_eq(scan(line, "text", &m, why), 0);
    ck_assert(m.found);
    ck_assert(!m.duplicate);
    ck_assert_int_eq(m.end - m.start, 6);
    ck_assert(strncmp(line + m.start, "\"hi\\n\"", 6) == 0);
}
END_TEST

START_TEST(escaped_key_matches)
{
    jsonl_member m;
    char why[160];
    ck_assert_int_eq(scan("{\"t\\u0065xt\":\"a\"}", "text", &m, why), 0);
    ck_assert(m.found);
}
END_TEST

START_TEST(duplicate_key_is_flagged)
{
    jsonl_member m;
    char why[160];
    ck_assert_int_eq(scan("{\"text\":\"a\",\"text\":\"b\"}", "text", &m, why), 0);
    ck_assert(m.duplicate);
}
END_TEST

START_TEST(rejects_invalid_records)
{
    static const char *bad[] = {
        "", "   ", "[1]", "\"text\"", "{", "{\"text\":\"a\"", "{\"text\":\"a\"}}",
        "{\"text\":\"a\" \"b\":1}", "{\"text\":tru}", "{\"a\":01}", "{\"a\":1.}",
        "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"tab\there\"}", "{text:1}",
        "{\"a\":[1,]}", "{\"a\":1,}", "{} {}",
    };
    jsonl_member m;
    char why[160];
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        why[0] = '\0';
        ck_assert_msg(scan(bad[i], "text", &m, why) == -1, "accepted: %s", bad[i]);
        ck_assert_msg(why[0] != '\0', "no reason for: %s", bad[i]);
    }
}
END_TEST

START_TEST(accepts_valid_records)
{
    static const char *good[] = {
        "{}", " {\"a\":null} \r", "{\"a\":[true,false,null,-0.5e+3,{\"b\":[]}]}",
        "{\"a\":\"\\ud83d\\ude00 \\/ \\\"q\\\"\"}", "{\"bytes\":\"caf\xe9 is not UTF-8\"}",
    };
    jsonl_member m;
    char why[160];
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        ck_assert_msg(scan(good[i], "text", &m, why) == 0, "rejected: %s (%s)", good[i], why);
}
END_TEST

START_TEST(depth_is_limited)
{
    size_t n = JSONL_MAX_DEPTH + 10;
    char *line = malloc(n * 2 + 16);
    strcpy(line, "{\"a\":");
    size_t p = strlen(line);
    for (size_t i = 0; i < n; i++) line[p++] = '[';
    for (size_t i = 0; i < n; i++) line[p++] = ']';
    strcpy(line + p, "}");
    jsonl_member m;
    char why[160];
    ck_assert_int_eq(scan(line, "text", &m, why), -1);
    ck_assert(strstr(why, "nested") != NULL);
    free(line);
}
END_TEST

static char *decode(const char *lit, size_t *len)
{
    strbuf sb = {0};
    if (jsonl_decode_string(lit, strlen(lit), &sb)) {
        sb_free(&sb);
        return NULL;
    }
    return sb_detach(&sb, len);
}

START_TEST(decodes_strings)
{
    size_t len;
    char *s = decode("\"a\\nb\\t\\\"\\\\\\/\\u00e9\\ud83d\\ude00\"", &len);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s, "a\nb\t\"\\/\xc3\xa9\xf0\x9f\x98\x80");
    free(s);
    s = decode("\"x\\u0000y\"", &len);   /* NUL survives, length-counted */
    ck_assert_int_eq(len, 3);
    ck_assert(memcmp(s, "x\0y", 3) == 0);
    free(s);
    s = decode("\"\\ud800z\"", &len);     /* a lone surrogate becomes U+FFFD */
    ck_assert_str_eq(s, "\xef\xbf\xbdz");
    free(s);
    ck_assert_ptr_null(decode("\"\\q\"", &len));
}
END_TEST

START_TEST(encode_decode_round_trip)
{
    char raw[256];
    for (int i = 0; i < 256; i++)
        raw[i] = (char)i;
    strbuf enc = {0};
    ck_assert_int_eq(sb_add_json_string(&enc, raw, sizeof raw), 0);
    jsonl_member m;
    char why[160];
    strbuf line = {0};
    sb_adds(&line, "{\"text\":");
    sb_add(&line, enc.data, enc.len);
    sb_adds(&line, "}");
    ck_assert_int_eq(jsonl_scan(line.data, line.len, "text", &m, NULL, NULL, why, sizeof why), 0);
    strbuf dec = {0};
    ck_assert_int_eq(jsonl_decode_string(line.data + m.start, m.end - m.start, &dec), 0);
    ck_assert_int_eq(dec.len, sizeof raw);
    ck_assert(memcmp(dec.data, raw, sizeof raw) == 0);
    sb_free(&enc);
    sb_free(&line);
    sb_free(&dec);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("jsonl");
    TCase *tc = tcase_create("scanner");
    tcase_add_test(tc, finds_member_span);
    tcase_add_test(tc, escaped_key_matches);
    tcase_add_test(tc, duplicate_key_is_flagged);
    tcase_add_test(tc, rejects_invalid_records);
    tcase_add_test(tc, accepts_valid_records);
    tcase_add_test(tc, depth_is_limited);
    tcase_add_test(tc, decodes_strings);
    tcase_add_test(tc, encode_decode_round_trip);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
