/* test-unicode.c - unit tests of the unicode filter, one or more per repair.
 *
 * The filter is linked in and driven through its descriptor, as the core
 * drives it: create() with a JSON configuration, process() on a document,
 * then the text and the edit log are checked. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <unspin/unspin.h>

extern const unspin_filter unicode_LTX_unspin_filter;

static const unspin_host host = { UNSPIN_ABI_MAJOR, UNSPIN_ABI_MINOR, UNSPIN_SRCDIR "/dicts", "unicode" };

/* Creates the filter with the options in `json` (NULL: defaults). */
static void *make(const char *json)
{
    cJSON *cfg = cJSON_Parse(json ? json : "{}");
    ck_assert_ptr_nonnull(cfg);
    void *state = NULL;
    char *err = NULL;
    int rc = unicode_LTX_unspin_filter.create(cfg, &host, &state, &err);
    cJSON_Delete(cfg);
    ck_assert_msg(rc == 0, "create failed: %s", err ? err : "?");
    return state;
}

/* Runs the filter over len bytes; returns the document (caller frees). */
static unspin_doc *run_len(const char *json, const char *in, size_t len)
{
    void *state = make(json);
    unspin_doc *doc = unspin_doc_new("t", in, len, 1);
    char *err = NULL;
    int rc = unicode_LTX_unspin_filter.process(state, doc, &err);
    ck_assert_msg(rc == 0, "process failed: %s", err ? err : "?");
    unicode_LTX_unspin_filter.destroy(state);
    return doc;
}

static unspin_doc *run(const char *json, const char *in)
{
    return run_len(json, in, strlen(in));
}

/* Asserts that `in` becomes `want` with the options in `json`. */
static void check_fix(const char *json, const char *in, const char *want)
{
    unspin_doc *doc = run(json, in);
    size_t len;
    const char *got = unspin_doc_text(doc, &len);
    ck_assert_msg(len == strlen(want) && !memcmp(got, want, len), "[%s] -> [%.*s], expected [%s]", in, (int)len,
                  got, want);
    unspin_doc_free(doc);
}

/* Whether some edit's reason contains `what`. */
static int has_reason(const unspin_doc *doc, const char *what)
{
    for (size_t i = 0; i < unspin_doc_edit_count(doc); i++)
        if (strstr(unspin_doc_edit(doc, i)->reason, what))
            return 1;
    return 0;
}

static int valid_utf8(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char b = p[i];
        size_t k = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
        if (!k || i + k > n)
            return 0;
        for (size_t j = 1; j < k; j++)
            if ((p[i + j] & 0xC0) != 0x80)
                return 0;
        if ((b == 0xE0 && p[i + 1] < 0xA0) || (b == 0xED && p[i + 1] > 0x9F) || (b == 0xF0 && p[i + 1] < 0x90) ||
            (b == 0xF4 && p[i + 1] > 0x8F))
            return 0;
        i += k;
    }
    return 1;
}

/* --- invalid bytes ---------------------------------------------------- */

START_TEST(latin1_pound_is_windows_1252)
{
    unspin_doc *doc = run(NULL, "costs \xa3" "5m");
    size_t len;
    const char *t = unspin_doc_text(doc, &len);
    ck_assert_str_eq(t, "costs \xc2\xa3" "5m");
    ck_assert(has_reason(doc, "invalid UTF-8 byte"));
    const unspin_edit *e = unspin_doc_edit(doc, 0);
    ck_assert_int_eq(e->start, 6);
    ck_assert_int_eq(e->end, 7);
    unspin_doc_free(doc);
}
END_TEST

/* Every kind of invalid UTF-8: the output is valid UTF-8, the good text
 * around the bad bytes is all there, and each bad byte became one
 * character (nothing dropped). */
static const struct { const char *in; const char *want; } invalid_cases[] = {
    { "ok \xe2\x82 end", "ok \xc3\xa2' end" },        /* truncated 3-byte: "â‚", the quote uncurled */
    { "ok \xf0\x9f\x98", "ok \xc3\xb0\xc5\xb8\xcb\x9c" },          /* truncated 4-byte at the end */
    { "a\xc0\xaf" "b", "a\xc3\x80\xc2\xaf" "b" },                /* overlong '/' */
    { "a\xe0\x80\xaf" "b", "a\xc3\xa0\xe2\x82\xac\xc2\xaf" "b" }, /* overlong 3-byte */
    { "x\xed\xa0\x80y", "x\xc3\xad\xc2\xa0\xe2\x82\xacy" },       /* lone surrogate */
    { "lone \xff here", "lone \xc3\xbf here" },
    { "\xfe\xff", "\xc3\xbe\xc3\xbf" },
    { "big \xf4\x90\x80\x80!", "big \xc3\xb4\xc2\x90\xe2\x82\xac\xe2\x82\xac!" }, /* past U+10FFFF; 0x90 stays C1 */
    { "cont \x80 only", "cont \xe2\x82\xac only" },
    { "five \xf8\x88\x80\x80\x80.", "five \xc3\xb8\xcb\x86\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac." },
};

START_TEST(invalid_utf8_of_every_kind)
{
    const char *in = invalid_cases[_i].in, *want = invalid_cases[_i].want;
    unspin_doc *doc = run(NULL, in);
    size_t len;
    const char *got = unspin_doc_text(doc, &len);
    ck_assert_msg(valid_utf8((const unsigned char *)got, len), "invalid output for case %d", _i);
    ck_assert_msg(len == strlen(want) && !memcmp(got, want, len), "case %d: got [%.*s] want [%s]", _i, (int)len, got,
                  want);
    ck_assert(has_reason(doc, "invalid UTF-8 byte"));
    unspin_doc_free(doc);
}
END_TEST

START_TEST(invalid_bytes_kept_raw_when_switched_off)
{
    const char in[] = "raw \xa3 and \xff\xfe bytes";
    unspin_doc *doc = run("{\"fix_invalid_bytes\": false}", in);
    size_t len;
    const char *got = unspin_doc_text(doc, &len);
    ck_assert_int_eq(len, sizeof in - 1);
    ck_assert(!memcmp(got, in, len));
    ck_assert_int_eq(unspin_doc_edit_count(doc), 0);
    unspin_doc_free(doc);
}
END_TEST

START_TEST(empty_input)
{
    unspin_doc *doc = run(NULL, "");
    size_t len;
    unspin_doc_text(doc, &len);
    ck_assert_int_eq(len, 0);
    ck_assert_int_eq(unspin_doc_edit_count(doc), 0);
    unspin_doc_free(doc);
}
END_TEST

START_TEST(nul_bytes_go_and_the_rest_stays)
{
    const char in[] = "before\0middle\0\0after\n";
    unspin_doc *doc = run_len(NULL, in, sizeof in - 1);
    size_t len;
    const char *got = unspin_doc_text(doc, &len);
    ck_assert_int_eq(len, strlen("beforemiddleafter\n"));
    ck_assert(!memcmp(got, "beforemiddleafter\n", len));
    ck_assert(has_reason(doc, "control character"));
    unspin_doc_free(doc);
}
END_TEST

START_TEST(clean_text_is_untouched)
{
    const char *in = "Plain news text, 100% ASCII; AT&T and R&D stay.\n\tIndented line.\n\xc2\xa3" "5m is fine, caf\xc3\xa9 too.\n";
    unspin_doc *doc = run(NULL, in);
    size_t len;
    const char *got = unspin_doc_text(doc, &len);
    ck_assert_int_eq(len, strlen(in));
    ck_assert(!memcmp(got, in, len));
    ck_assert_int_eq(unspin_doc_edit_count(doc), 0);
    unspin_doc_free(doc);
}
END_TEST

/* --- mojibake ----------------------------------------------------------- */

START_TEST(mojibake_windows_1252)
{
    unspin_doc *doc = run(NULL, "Caf\xc3\x83\xc2\xa9 au lait");
    size_t len;
    ck_assert_str_eq(unspin_doc_text(doc, &len), "Caf\xc3\xa9 au lait");
    ck_assert(has_reason(doc, "mojibake"));
    const unspin_edit *e = unspin_doc_edit(doc, 0);
    ck_assert_int_eq(e->start, 3);
    ck_assert_int_eq(e->end, 7);
    ck_assert_int_eq(e->after_len, 2);
    unspin_doc_free(doc);
}
END_TEST

START_TEST(mojibake_twice_and_three_times)
{
    check_fix(NULL, "Iggy Pop (n\xc3\x83\xc6\x92\xc3\x82\xc2\xa9 Jim Osterberg)", "Iggy Pop (n\xc3\xa9 Jim Osterberg)");
    /* doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t -> doesn't */
    check_fix(NULL,
              "The Mona Lisa doesn\xc3\x83\xc6\x92\xc3\x82\xc2\xa2\xc3\x83\xc2\xa2\xc3\xa2\xe2\x82\xac\xc5\xa1"
              "\xc3\x82\xc2\xac\xc3\x83\xc2\xa2\xc3\xa2\xe2\x82\xac\xc5\xbe\xc3\x82\xc2\xa2t have eyebrows.",
              "The Mona Lisa doesn't have eyebrows.");
}
END_TEST

START_TEST(mojibake_other_code_pages)
{
    /* MacRoman: g√¢teaux */
    check_fix(NULL, "g\xe2\x88\x9a\xc2\xa2teaux et r\xe2\x88\x9a\xc2\xa9gime", "g\xc3\xa2teaux et r\xc3\xa9gime");
    /* Windows-1251: РґРѕСЂРѕРіРµ Р\x98Р·-РїРѕРґ -> дороге Из-под */
    check_fix(NULL, "\xd0\xa0\xd2\x91\xd0\xa0\xd1\x95\xd0\xa1\xd0\x82\xd0\xa0\xd1\x95\xd0\xa0\xd1\x96\xd0\xa0\xc2\xb5 \xd0\xa0\xc2\x98\xd0\xa0\xc2\xb7-\xd0\xa0\xd1\x97\xd0\xa0\xd1\x95\xd0\xa0\xd2\x91",
              "\xd0\xb4\xd0\xbe\xd1\x80\xd0\xbe\xd0\xb3\xd0\xb5 \xd0\x98\xd0\xb7-\xd0\xbf\xd0\xbe\xd0\xb4");
    /* CP437: ─îe┼ítina -> Čeština */
    check_fix(NULL, "\xe2\x94\x80\xc3\xae" "e\xe2\x94\xbc\xc3\xad" "tina", "\xc4\x8c" "e\xc5\xa1tina");
}
END_TEST

START_TEST(restore_byte_a0)
{
    check_fix(NULL, "voil\xc3\x83 le travail", "voil\xc3\xa0 le travail");
    unspin_doc *doc = run(NULL, "voil\xc3\x83 le travail");
    ck_assert(has_reason(doc, "byte A0"));
    unspin_doc_free(doc);
    /* switched off: the space cannot be part of the sequence */
    check_fix("{\"restore_byte_a0\": false}", "voil\xc3\x83 le travail", "voil\xc3\x83 le travail");
}
END_TEST

START_TEST(replace_lossy_sequences)
{
    /* â€œlossy decodingâ€� */
    check_fix(NULL, "\xc3\xa2\xe2\x82\xac\xc5\x93lossy decoding\xc3\xa2\xe2\x82\xac\xef\xbf\xbd",
              "\"lossy decoding\xef\xbf\xbd");
}
END_TEST

START_TEST(decode_inconsistent_utf8)
{
    /* good é next to mojibake Ã© in the same line */
    check_fix(NULL, "Classifica\xc3\xa7\xc3\xa3o - S\xc3\x83\xc2\xa9rie F", "Classifica\xc3\xa7\xc3\xa3o - S\xc3\xa9rie F");
}
END_TEST

START_TEST(c1_controls_as_windows_1252)
{
    check_fix(NULL, "parl\xc3\xa9\xc2\x85 Tu sais", "parl\xc3\xa9\xe2\x80\xa6 Tu sais");
    check_fix("{\"fix_c1_controls\": false, \"fix_encoding\": false}", "parl\xc3\xa9\xc2\x85 Tu",
              "parl\xc3\xa9\n Tu");   /* then NEL is only a line break */
}
END_TEST

START_TEST(negative_cases_left_alone)
{
    check_fix(NULL, "4288\xc3\x97\xe2\x80\xa6", "4288\xc3\x97\xe2\x80\xa6");
    check_fix(NULL, "RETWEET SE VOC\xc3\x8a\xe2\x80\xa6", "RETWEET SE VOC\xc3\x8a\xe2\x80\xa6");
    check_fix(NULL, "Offering 5\xc3\x97\xc2\xa3" "35 pin ups", "Offering 5\xc3\x97\xc2\xa3" "35 pin ups");
    check_fix(NULL, "(-1/2)! = \xe2\x88\x9a\xcf\x80", "(-1/2)! = \xe2\x88\x9a\xcf\x80");
}
END_TEST

/* Beyond ftfy: cases its own tests list as known failures. */
START_TEST(beyond_ftfy)
{
    /* C1 controls inside words: MacRoman letters, with a symbol as evidence */
    check_fix(NULL, "Coatl\xc2\x87n conf\xc2\x92" "an en", "Coatl\xc3\xa1n conf\xc3\xad" "an en");
    check_fix(NULL, "barco tur\xc2\x92stico en", "barco tur\xc3\xadstico en");
    /* ...but an apostrophe before a contraction means Windows-1252 */
    check_fix(NULL, "I don\xc2\x92t know, tur\xc2\x92stico", "I don't know, tur'stico");
    check_fix(NULL, "l\xc2\x92homme", "l'homme");
    check_fix("{\"fix_macroman_c1\": false}", "barco tur\xc2\x92stico", "barco tur'stico");
    /* Windows-1251 mojibake of French accents: mГ©dicament, Г bien */
    check_fix(NULL, "attention \xd0\x93 bien sur le m\xd0\x93\xc2\xa9" "dicament",
              "attention \xc3\xa0 bien sur le m\xc3\xa9" "dicament");
    /* MacRoman ù inside a word, but not √π in a formula */
    check_fix(NULL, "al pi\xe2\x88\x9a\xcf\x80 presto", "al pi\xc3\xb9 presto");
    /* an all-caps name with Â and a no-break space is not mojibake */
    check_fix(NULL, "MISUT\xc3\x82\xc2\xa0" "AJIKKO", "MISUT\xc3\x82\xc2\xa0" "AJIKKO");
}
END_TEST

START_TEST(fix_encoding_switch)
{
    check_fix("{\"fix_encoding\": false}", "Caf\xc3\x83\xc2\xa9", "Caf\xc3\x83\xc2\xa9");
}
END_TEST

/* --- entities and escapes ---------------------------------------------- */

START_TEST(html_entities)
{
    check_fix(NULL, "Fish &amp; chips &eacute;t&eacute; &#x2019;97 &#8220;q&#8221; &#128;5 P&EACUTE;REZ",
              "Fish & chips \xc3\xa9t\xc3\xa9 '97 \"q\" \xe2\x82\xac" "5 P\xc3\x89REZ");
    check_fix(NULL, "AT&T and this&not that and &nosuchname; &#xZZ;", "AT&T and this&not that and &nosuchname; &#xZZ;");
    check_fix(NULL, "&amp;amp;", "&");
}
END_TEST

START_TEST(html_entities_auto_and_switch)
{
    check_fix(NULL, "<b>Fish &amp; chips</b>", "<b>Fish &amp; chips</b>");
    check_fix("{\"unescape_html\": true}", "<b>Fish &amp; chips</b>", "<b>Fish & chips</b>");
    check_fix("{\"unescape_html\": false}", "Fish &amp; chips", "Fish &amp; chips");
}
END_TEST

START_TEST(terminal_escapes)
{
    check_fix(NULL, "\x1b[36;44mI'm blue\x1b[0m, da ba dee", "I'm blue, da ba dee");
    unspin_doc *doc = run(NULL, "\x1b[1mbold\x1b[0m");
    ck_assert(has_reason(doc, "terminal escape"));
    unspin_doc_free(doc);
}
END_TEST

/* --- characters ---------------------------------------------------------- */

START_TEST(control_and_format_characters)
{
    check_fix(NULL, "a\x01" "b\x7f" "c\td\n", "abc\td\n");
    check_fix(NULL, "\xef\xbb\xbfStarts with a BOM", "Starts with a BOM");
    check_fix(NULL, "zero\xe2\x80\x8bwidth hy\xc2\xadphen", "zerowidth hyphen");
    /* a soft hyphen that is not inside a word stays */
    check_fix(NULL, "end\xc2\xad ", "end\xc2\xad ");
    /* joiners in an emoji sequence stay */
    check_fix(NULL, "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9", "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9");
    check_fix("{\"remove_format_chars\": false}", "zero\xe2\x80\x8bwidth", "zero\xe2\x80\x8bwidth");
    check_fix("{\"remove_control_chars\": false}", "a\x01" "b", "a\x01" "b");
}
END_TEST

START_TEST(line_breaks)
{
    check_fix(NULL, "a\r\nb\rc\xe2\x80\xa8" "d\xe2\x80\xa9" "e", "a\nb\nc\nd\ne");
    check_fix("{\"fix_line_breaks\": false}", "a\r\nb", "a\r\nb");
}
END_TEST

START_TEST(odd_spaces)
{
    /* kept by default, as ftfy keeps them */
    check_fix(NULL, "SELK\xc3\x84\xc2\xa0" "EDELL\xc3\x84", "SELK\xc3\x84\xc2\xa0" "EDELL\xc3\x84");
    check_fix("{\"fix_spaces\": true}", "10\xc2\xa0km and a\xe2\x80\x89thin one", "10 km and a thin one");
    /* not between words: left as it is */
    check_fix("{\"fix_spaces\": true}", "\xc2\xa0\xc2\xa0indent", "\xc2\xa0\xc2\xa0indent");
}
END_TEST

START_TEST(ligatures_and_width)
{
    check_fix(NULL, "\xef\xac\x82u\xef\xac\x83" "e\xef\xac\x86", "fluffiest");
    check_fix(NULL, "\xef\xbc\xac\xef\xbc\xaf\xef\xbc\xb5\xef\xbc\xa4\xe3\x80\x80\xef\xbc\xae\xef\xbc\xaf", "LOUD NO");
    check_fix(NULL, "Uturn \xef\xbe\x80\xef\xbd\xb0\xef\xbe\x9d", "Uturn \xe3\x82\xbf\xe3\x83\xbc\xe3\x83\xb3");
    check_fix("{\"fix_latin_ligatures\": false, \"fix_character_width\": false}", "\xef\xac\x81\xef\xbc\xa1",
              "\xef\xac\x81\xef\xbc\xa1");
}
END_TEST

START_TEST(normalization)
{
    check_fix(NULL, "cafe\xcc\x81", "caf\xc3\xa9");
    check_fix("{\"normalization\": \"none\"}", "cafe\xcc\x81", "cafe\xcc\x81");
    check_fix("{\"normalization\": \"NFKC\"}", "x\xc2\xb2 \xe2\x84\x8c", "x2 H");
    check_fix(NULL, "x\xc2\xb2", "x\xc2\xb2");
}
END_TEST

START_TEST(quotes)
{
    check_fix(NULL, "\xe2\x80\x9cIt\xe2\x80\x99s\xe2\x80\x9d", "\"It's\"");
    check_fix("{\"uncurl_quotes\": false}", "\xe2\x80\x9cIt\xe2\x80\x99s\xe2\x80\x9d", "\xe2\x80\x9cIt\xe2\x80\x99s\xe2\x80\x9d");
    /* Afrikaans 'n: ligature, then quote */
    check_fix(NULL, "\xc5\x89 organel", "'n organel");
}
END_TEST

START_TEST(dashes_and_ellipsis)
{
    const char *in = "2004\xe2\x80\x93" "05 \xe2\x80\x94 wait\xe2\x80\xa6";
    check_fix(NULL, in, in);
    check_fix("{\"fold_dashes\": true}", in, "2004-05 -- wait\xe2\x80\xa6");
    check_fix("{\"fold_ellipsis\": true}", in, "2004\xe2\x80\x93" "05 \xe2\x80\x94 wait...");
}
END_TEST

START_TEST(whitespace_tidy)
{
    const char *in = "one  \nTwo\t\n\n\n\nthree \n\n";
    check_fix(NULL, in, in);
    check_fix("{\"tidy_whitespace\": true}", in, "one\nTwo\n\nthree\n\n");
}
END_TEST

/* --- the log and the configuration --------------------------------------- */

START_TEST(edits_point_at_the_original_bytes)
{
    const char in[] = "x \xe2\x80\x9c" "A\xe2\x80\x9d \xa3 &eacute;\r\n";
    unspin_doc *doc = run(NULL, in);
    size_t n = unspin_doc_edit_count(doc);
    ck_assert_int_eq(n, 5);
    for (size_t i = 0; i < n; i++) {
        const unspin_edit *e = unspin_doc_edit(doc, i);
        ck_assert_int_eq(e->end - e->start, e->before_len);
        ck_assert(!memcmp(in + e->start, e->before, e->before_len));
        ck_assert(e->reason && *e->reason);
    }
    ck_assert(has_reason(doc, "curly quote"));
    ck_assert(has_reason(doc, "HTML entity"));
    ck_assert(has_reason(doc, "line break"));
    unspin_doc_free(doc);
}
END_TEST

static void expect_create_error(const char *json, const char *what)
{
    cJSON *cfg = cJSON_Parse(json);
    void *state = NULL;
    char *err = NULL;
    int rc = unicode_LTX_unspin_filter.create(cfg, &host, &state, &err);
    cJSON_Delete(cfg);
    ck_assert_int_eq(rc, -1);
    ck_assert_ptr_nonnull(err);
    ck_assert_msg(strstr(err, what), "error [%s] lacks [%s]", err, what);
    free(err);
    unicode_LTX_unspin_filter.destroy(state);
}

START_TEST(bad_configuration_is_an_error)
{
    expect_create_error("{\"no_such_option\": true}", "unknown option \"no_such_option\"");
    expect_create_error("{\"uncurl_quotes\": 1}", "true or false");
    expect_create_error("{\"normalization\": \"NFD\"}", "normalization");
    expect_create_error("{\"unescape_html\": \"maybe\"}", "unescape_html");
}
END_TEST

/* --- size ---------------------------------------------------------------- */

/* A 50 MB line with mojibake, invalid bytes and NULs in it: every repeat
 * comes out repaired, nothing lost. */
START_TEST(fifty_megabyte_line)
{
    const char unit[] = "Caf\xc3\x83\xc2\xa9 \xa3" "5 a\0b \xe2\x80\x9cok\xe2\x80\x9d plain words here. ";
    const char want[] = "Caf\xc3\xa9 \xc2\xa3" "5 ab \"ok\" plain words here. ";
    size_t ulen = sizeof unit - 1, wlen = sizeof want - 1, reps = 50 * 1000 * 1000 / ulen;
    char *in = malloc(ulen * reps);
    ck_assert_ptr_nonnull(in);
    for (size_t i = 0; i < reps; i++)
        memcpy(in + i * ulen, unit, ulen);
    unspin_doc *doc = run_len("{}", in, ulen * reps);
    free(in);
    size_t len;
    const char *got = unspin_doc_text(doc, &len);
    ck_assert_int_eq(len, wlen * reps);
    for (size_t i = 0; i < reps; i++)
        if (memcmp(got + i * wlen, want, wlen))
            ck_abort_msg("repeat %zu differs: [%.*s]", i, (int)wlen, got + i * wlen);
    unspin_doc_free(doc);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("unicode");
    TCase *t = tcase_create("repairs");
    tcase_add_test(t, latin1_pound_is_windows_1252);
    tcase_add_loop_test(t, invalid_utf8_of_every_kind, 0, (int)(sizeof invalid_cases / sizeof *invalid_cases));
    tcase_add_test(t, invalid_bytes_kept_raw_when_switched_off);
    tcase_add_test(t, empty_input);
    tcase_add_test(t, nul_bytes_go_and_the_rest_stays);
    tcase_add_test(t, clean_text_is_untouched);
    tcase_add_test(t, mojibake_windows_1252);
    tcase_add_test(t, mojibake_twice_and_three_times);
    tcase_add_test(t, mojibake_other_code_pages);
    tcase_add_test(t, restore_byte_a0);
    tcase_add_test(t, replace_lossy_sequences);
    tcase_add_test(t, decode_inconsistent_utf8);
    tcase_add_test(t, c1_controls_as_windows_1252);
    tcase_add_test(t, negative_cases_left_alone);
    tcase_add_test(t, beyond_ftfy);
    tcase_add_test(t, fix_encoding_switch);
    tcase_add_test(t, html_entities);
    tcase_add_test(t, html_entities_auto_and_switch);
    tcase_add_test(t, terminal_escapes);
    tcase_add_test(t, control_and_format_characters);
    tcase_add_test(t, line_breaks);
    tcase_add_test(t, odd_spaces);
    tcase_add_test(t, ligatures_and_width);
    tcase_add_test(t, normalization);
    tcase_add_test(t, quotes);
    tcase_add_test(t, dashes_and_ellipsis);
    tcase_add_test(t, whitespace_tidy);
    tcase_add_test(t, edits_point_at_the_original_bytes);
    tcase_add_test(t, bad_configuration_is_an_error);
    suite_add_tcase(s, t);
    TCase *big = tcase_create("size");
    tcase_set_timeout(big, 300);   /* a limit against hangs, not a speed test */
    tcase_add_test(big, fifty_megabyte_line);
    suite_add_tcase(s, big);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
