/* unicode.c - the unicode filter: makes scraped text clean, consistent UTF-8
 * without changing what it says.
 *
 * The text is handled one line at a time (very long lines in pieces of
 * max_decode_length bytes), as python-ftfy does, so that a line mangled one
 * way does not stop the next one from being repaired another way.  A line
 * of printable ASCII with nothing that looks like an entity goes straight
 * through: that fast path is most of any English text.  Other lines are
 * decoded (invalid UTF-8 bytes read as Windows-1252), then repaired in
 * passes until nothing changes: HTML entities, mojibake, C1 controls,
 * terminal escapes, character-level fixes, normalization.  See
 * uc-filter.h for the switches and their defaults.
 *
 * Every repair goes to the edit log against the original bytes; repairs
 * that touch the same bytes are logged as one edit with all their reasons.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <unicode/unorm2.h>
#include <unspin/filter.h>

#include "uc-filter.h"

typedef struct unicode_state {
    unicode_opts o;
    unicode_tables t;
} unicode_state;

/* --- options ------------------------------------------------------------ */

static const struct {
    const char *key;
    size_t off;
} bool_opts[] = {
#define B(name) { #name, offsetof(unicode_opts, name) }
    B(fix_invalid_bytes), B(fix_encoding), B(restore_byte_a0), B(replace_lossy_sequences),
    B(decode_inconsistent_utf8), B(fix_c1_controls), B(fix_macroman_c1), B(remove_terminal_escapes),
    B(remove_control_chars), B(remove_format_chars), B(fix_line_breaks), B(fix_spaces),
    B(fix_latin_ligatures), B(fix_character_width), B(uncurl_quotes), B(fold_dashes),
    B(fold_ellipsis), B(tidy_whitespace),
#undef B
};

static void default_opts(unicode_opts *o)
{
    memset(o, 0, sizeof *o);
    o->fix_invalid_bytes = o->fix_encoding = o->restore_byte_a0 = o->replace_lossy_sequences = 1;
    o->decode_inconsistent_utf8 = o->fix_c1_controls = o->fix_macroman_c1 = o->remove_terminal_escapes = 1;
    o->remove_control_chars = o->remove_format_chars = o->fix_line_breaks = 1;
    o->fix_latin_ligatures = o->fix_character_width = o->uncurl_quotes = 1;
    o->unescape_html = UH_AUTO;
    o->normalization = UN_NFC;
    o->max_decode_length = 1000000;
}

static int read_opts(const cJSON *config, unicode_opts *o, char **err)
{
    default_opts(o);
    for (const cJSON *k = config->child; k; k = k->next) {
        size_t i;
        for (i = 0; i < sizeof bool_opts / sizeof *bool_opts; i++)
            if (!strcmp(k->string, bool_opts[i].key))
                break;
        if (i < sizeof bool_opts / sizeof *bool_opts) {
            if (!cJSON_IsBool(k))
                return unspin_error(err, "option \"%s\" must be true or false", k->string);
            *(int *)((char *)o + bool_opts[i].off) = cJSON_IsTrue(k);
        } else if (!strcmp(k->string, "unescape_html")) {
            if (cJSON_IsBool(k))
                o->unescape_html = cJSON_IsTrue(k) ? UH_ON : UH_OFF;
            else if (cJSON_IsString(k) && !strcmp(k->valuestring, "auto"))
                o->unescape_html = UH_AUTO;
            else
                return unspin_error(err, "option \"unescape_html\" must be true, false or \"auto\"");
        } else if (!strcmp(k->string, "normalization")) {
            const char *v = cJSON_IsString(k) ? k->valuestring : cJSON_IsNull(k) || cJSON_IsFalse(k) ? "none" : "";
            if (!strcmp(v, "NFC"))
                o->normalization = UN_NFC;
            else if (!strcmp(v, "NFKC"))
                o->normalization = UN_NFKC;
            else if (!strcmp(v, "none"))
                o->normalization = UN_NONE;
            else
                return unspin_error(err, "option \"normalization\" must be \"NFC\", \"NFKC\" or \"none\"");
        } else if (!strcmp(k->string, "max_decode_length")) {
            if (!cJSON_IsNumber(k) || k->valuedouble < 64 || k->valuedouble > 1e9)
                return unspin_error(err, "option \"max_decode_length\" must be a number of bytes from 64 to 1e9");
            o->max_decode_length = (size_t)k->valuedouble;
        } else {
            char known[1024] = "unescape_html, normalization, max_decode_length";
            for (size_t j = 0; j < sizeof bool_opts / sizeof *bool_opts; j++) {
                strcat(known, ", ");
                strcat(known, bool_opts[j].key);
            }
            return unspin_error(err, "unknown option \"%s\" (known: %s)", k->string, known);
        }
    }
    return 0;
}

/* --- tables ------------------------------------------------------------- */

static int build_width_map(unicode_tables *t, char **err)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
    if (U_FAILURE(st))
        return unspin_error(err, "ICU has no NFKC data: %s", u_errorName(st));
    for (uint32_t cp = 0xFF01; cp < 0xFFF0; cp++) {
        UChar src[1] = { (UChar)cp }, dst[8];
        st = U_ZERO_ERROR;
        int32_t n = unorm2_normalize(nfkc, src, 1, dst, 8, &st);
        if (U_FAILURE(st) || (n == 1 && dst[0] == src[0]) || n > 3)
            continue;
        for (int32_t i = 0; i < n; i++)
            t->width[cp - 0xFF00][i] = dst[i];
    }
    return 0;
}

static int build_tables(unicode_tables *t, const char *dict_dir, char **err)
{
    if (unicode_charmaps_init(t->maps, err))
        return -1;
    unicode_classes_init(&t->classes, t->maps);
    if (build_width_map(t, err))
        return -1;
    UErrorCode st = U_ZERO_ERROR;
    t->nfc = unorm2_getNFCInstance(&st);
    t->nfkc = unorm2_getNFKCInstance(&st);
    if (U_FAILURE(st))
        return unspin_error(err, "ICU normalization data missing: %s", u_errorName(st));
    /* A bitmap of inert characters lets normalization skip most text
     * without calling ICU for each character. */
    for (int k = 0; k < 2; k++)
        for (UChar32 cp = 0; cp < 0x10000; cp++)
            if (unorm2_isInert(k ? t->nfkc : t->nfc, cp))
                t->inert[k][cp >> 3] |= (uint8_t)(1u << (cp & 7));
    size_t len = strlen(dict_dir) + 64;
    char *path = malloc(len);
    if (!path)
        return unspin_error(err, "out of memory");
    snprintf(path, len, "%s/unicode/html-entities.txt", dict_dir);
    int rc = unicode_entities_load(&t->entities, path, err);
    free(path);
    return rc;
}

static void unicode_destroy(void *state)
{
    unicode_state *s = state;
    if (!s)
        return;
    unicode_entities_free(&s->t.entities);
    free(s);
}

static int unicode_create(const cJSON *config, const unspin_host *host, void **state, char **err)
{
    unicode_state *s = calloc(1, sizeof *s);
    if (!s)
        return unspin_error(err, "out of memory");
    *state = s;
    if (read_opts(config, &s->o, err))
        return -1;
    return build_tables(&s->t, host->dict_dir, err);
}

/* --- output and the edit log ---------------------------------------------- */

typedef struct outbuf {
    char *p;
    size_t n, cap;
    int oom;
} outbuf;

static void out_add(outbuf *o, const char *s, size_t n)
{
    if (o->oom)
        return;
    if (o->n + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (cap < o->n + n + 1)
            cap *= 2;
        char *p = realloc(o->p, cap);
        if (!p) {
            o->oom = 1;
            return;
        }
        o->p = p;
        o->cap = cap;
    }
    memcpy(o->p + o->n, s, n);
    o->n += n;
}

/* Raw bytes kept as they were (fix_invalid_bytes off) travel as
 * U+DC80..U+DCFF, like Python's surrogateescape. */
#define RAW_BYTE(b) (0xDC00u + (b))
#define IS_RAW(cp) ((cp) >= 0xDC80u && (cp) <= 0xDCFFu)

static void out_cps(outbuf *o, const uint32_t *cp, size_t n)
{
    char tmp[256];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k > sizeof tmp - 4) {
            out_add(o, tmp, k);
            k = 0;
        }
        if (IS_RAW(cp[i]))
            tmp[k++] = (char)(cp[i] - 0xDC00u);
        else
            k += unicode_utf8_put(cp[i], tmp + k);
    }
    out_add(o, tmp, k);
}

static const char *reason_name(int r, const unicode_tables *t, char *buf, size_t len)
{
    if (r >= UR_MOJIBAKE_FIRST && r <= UR_MOJIBAKE_LAST) {
        snprintf(buf, len, "mojibake: UTF-8 read as %s", t->maps[r - UR_MOJIBAKE_FIRST].name);
        return buf;
    }
    switch (r) {
    case UR_INVALID_BYTE: return "invalid UTF-8 byte read as Windows-1252";
    case UR_RESTORE_A0: return "mojibake: space that was byte A0";
    case UR_LOSSY: return "mojibake with lost bytes";
    case UR_LATIN1_AS_1252: return "Latin-1 C1 controls meant as Windows-1252";
    case UR_C1: return "C1 control read as Windows-1252";
    case UR_MACROMAN_C1: return "mojibake: Latin-1 read for MacRoman";
    case UR_ENTITY: return "HTML entity";
    case UR_TERMINAL: return "terminal escape";
    case UR_CONTROL: return "control character";
    case UR_FORMAT: return "invisible format character";
    case UR_LINE_BREAK: return "line break";
    case UR_SPACE: return "odd space";
    case UR_LIGATURE: return "Latin ligature";
    case UR_WIDTH: return "fullwidth or halfwidth form";
    case UR_NORMALIZE: return "Unicode normalization";
    case UR_QUOTE: return "curly quote";
    case UR_DASH: return "dash folded to ASCII";
    case UR_ELLIPSIS: return "ellipsis folded to ASCII";
    case UR_WHITESPACE: return "whitespace tidied";
    }
    return "repair";
}

static int cmp_edit(const void *a, const void *b)
{
    const unicode_edit *x = a, *y = b;
    return x->s < y->s ? -1 : x->s > y->s ? 1 : x->e < y->e ? -1 : x->e > y->e;
}

typedef struct counts {
    size_t repairs, mojibake, invalid;
} counts;

/* Merges the segment's overlapping edits and logs each with the original
 * bytes and what replaced them. */
static int log_edits(unspin_doc *doc, unicode_ctx *c, const unicode_buf *fin, const char *seg,
                     size_t seg_off, counts *cnt)
{
    if (!c->ned)
        return 0;
    qsort(c->ed, c->ned, sizeof *c->ed, cmp_edit);
    size_t m = 0;
    for (size_t i = 1; i < c->ned; i++) {
        if (c->ed[i].s < c->ed[m].e || (c->ed[i].s == c->ed[m].s)) {
            if (c->ed[i].e > c->ed[m].e)
                c->ed[m].e = c->ed[i].e;
            c->ed[m].why |= c->ed[i].why;
        } else {
            c->ed[++m] = c->ed[i];
        }
    }
    m++;
    const uint64_t mojibake_bits = (((uint64_t)1 << (UR_MOJIBAKE_LAST + 1)) - 1) & ~UR(UR_INVALID_BYTE);
    int logging = unspin_doc_logging(doc);
    outbuf after = { 0 };
    size_t k = 0;
    for (size_t i = 0; i < m; i++) {
        const unicode_edit *e = &c->ed[i];
        cnt->repairs++;
        cnt->mojibake += !!(e->why & (mojibake_bits | UR(UR_RESTORE_A0) | UR(UR_LOSSY) | UR(UR_LATIN1_AS_1252) | UR(UR_MACROMAN_C1)));
        cnt->invalid += !!(e->why & UR(UR_INVALID_BYTE));
        if (!logging)
            continue;
        while (k < fin->n && fin->s[k] < e->s)
            k++;
        size_t k0 = k;
        while (k < fin->n && fin->e[k] <= e->e)
            k++;
        after.n = 0;
        out_cps(&after, fin->cp + k0, k - k0);
        char reason[512] = "", buf[96];
        for (int r = 0; r < UR_COUNT; r++)
            if (e->why & UR(r)) {
                if (*reason)
                    strncat(reason, "; ", sizeof reason - strlen(reason) - 1);
                strncat(reason, reason_name(r, c->t, buf, sizeof buf), sizeof reason - strlen(reason) - 1);
            }
        double conf = e->why & UR(UR_MACROMAN_C1) ? 0.7 : e->why & (mojibake_bits | UR(UR_RESTORE_A0) | UR(UR_LOSSY)) ? 0.9 : 1.0;
        if (after.oom || unspin_doc_log_edit(doc, seg_off + e->s, seg_off + e->e, seg + e->s, e->e - e->s,
                                             after.p ? after.p : "", after.n, reason, conf)) {
            free(after.p);
            return -1;
        }
    }
    free(after.p);
    return 0;
}

/* --- one segment ---------------------------------------------------------- */

/* Decodes UTF-8; each byte that is not part of a valid sequence becomes
 * its Windows-1252 character (or stays a raw byte when that is off). */
static void decode_segment(unicode_ctx *c, const unsigned char *p, size_t n, unicode_buf *b)
{
    const unicode_charmap *cp1252 = &c->t->maps[UE_1252];
    b->n = 0;
    if (unicode_buf_reserve(c, b, n))
        return;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = unicode_utf8_get(p + i, n - i, &cp);
        if (len) {
            b->cp[b->n] = cp;
            b->s[b->n] = (uint32_t)i;
            b->e[b->n] = (uint32_t)(i + len);
            b->n++;
            i += len;
            continue;
        }
        if (c->o->fix_invalid_bytes) {
            b->cp[b->n] = cp1252->dec[p[i]];
            unicode_edit_add(c, (uint32_t)i, (uint32_t)i + 1, UR(UR_INVALID_BYTE));
        } else {
            b->cp[b->n] = RAW_BYTE(p[i]);
        }
        b->s[b->n] = (uint32_t)i;
        b->e[b->n] = (uint32_t)i + 1;
        b->n++;
        i++;
    }
}

/* Trailing spaces and tabs before the line break (or at the very end). */
static int tidy_line(unicode_ctx *c, const unicode_buf *in, unicode_buf *out, int at_end)
{
    size_t end = in->n;
    int nl = end > 0 && in->cp[end - 1] == '\n';
    if (!nl && !at_end)
        return 0;
    size_t stop = nl ? end - 1 : end, a = stop;
    while (a > 0 && (in->cp[a - 1] == ' ' || in->cp[a - 1] == '\t'))
        a--;
    if (a == stop)
        return 0;
    out->n = 0;
    unicode_buf_keep_range(c, out, in, 0, a);
    unicode_buf_replace(c, out, in, a, stop, NULL, 0, UR(UR_WHITESPACE));
    unicode_buf_keep_range(c, out, in, stop, end);
    return 1;
}

typedef int (*stage_fn)(unicode_ctx *, const unicode_buf *, unicode_buf *);

static int fix_encoding_stage(unicode_ctx *c, const unicode_buf *in, unicode_buf *out)
{
    /* works in place on a copy, since it loops internally */
    out->n = 0;
    unicode_buf_keep_range(c, out, in, 0, in->n);
    unicode_buf tmp = { 0 };
    int changed = unicode_fix_encoding(c, out, &tmp);
    unicode_buf_free(&tmp);
    return changed;
}

static int repair_segment(unicode_ctx *c, unicode_buf *b, unicode_buf *tmp, int html, int at_end)
{
    stage_fn stages[] = { html ? unicode_unescape_html : NULL, fix_encoding_stage, unicode_fix_c1,
                          unicode_remove_terminal_escapes, unicode_fix_chars, unicode_normalize };
    /* ftfy repeats until nothing changes; "&amp;amp;" needs two passes. */
    for (int round = 0; round < 8; round++) {
        int changed = 0;
        for (size_t i = 0; i < sizeof stages / sizeof *stages && !c->oom; i++)
            if (stages[i] && stages[i](c, b, tmp)) {
                unicode_buf_swap(b, tmp);
                changed = 1;
            }
        if (!changed)
            break;
    }
    if (c->o->tidy_whitespace && tidy_line(c, b, tmp, at_end))
        unicode_buf_swap(b, tmp);
    return c->oom ? -1 : 0;
}

/* --- the document --------------------------------------------------------- */

/* Bytes that send a line to the slow path: anything but printable ASCII,
 * tab and newline; '&' only when it could start an entity. */
static int clean_ascii(const unsigned char *p, size_t n, int html)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t i = 0;
    /* Eight bytes at a time while all are printable ASCII and none is '&'
     * ("has a byte below/above/equal to" tests, exact about whether there
     * is one); the bytes of a block that fails go through the loop below. */
    for (uint64_t w, a; i + 8 <= n; i += 8) {
        memcpy(&w, p + i, 8);
        a = w ^ (ones * '&');
        if ((((w - ones * 0x20) & ~w) | ((w + ones) | w) | ((a - ones) & ~a)) & highs)
            break;
    }
    for (; i < n; i++) {
        unsigned char b = p[i];
        if (b >= 0x20 && b < 0x7F && b != '&')
            continue;
        if (b == '\n' || b == '\t')
            continue;
        if (b == '&' && !(html && i + 1 < n && (p[i + 1] == '#' || (unsigned)((p[i + 1] | 0x20) - 'a') < 26u)))
            continue;
        return 0;
    }
    return 1;
}

/* End of the segment starting at pos: after the next newline, or a cut
 * (after a space if there is one near) when the line is too long. */
static size_t segment_end(const char *text, size_t len, size_t pos, size_t max)
{
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - text) + 1 : len;
    if (end - pos <= max)
        return end;
    size_t cut = pos + max;
    for (size_t i = cut; i > cut - 256; i--)
        if (text[i - 1] == ' ')
            return i;
    while (cut > pos + 1 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--;
    return cut;
}

static int is_blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
            return 0;
    return n > 0 && p[n - 1] == '\n';
}

static int unicode_process(void *state, unspin_doc *doc, char **err)
{
    unicode_state *st = state;
    size_t len;
    const char *text = unspin_doc_text(doc, &len);
    unicode_ctx c = { .o = &st->o, .t = &st->t };
    unicode_buf b = { 0 }, tmp = { 0 };
    outbuf out = { 0 };
    counts cnt = { 0 };
    int html = st->o.unescape_html != UH_OFF, prev_blank = 0, rc = 0;

    for (size_t pos = 0; pos < len;) {
        size_t end = segment_end(text, len, pos, st->o.max_decode_length);
        const char *seg = text + pos;
        size_t n = end - pos;
        /* "auto": text with a '<' may be HTML, where entities are meant */
        if (st->o.unescape_html == UH_AUTO && html && memchr(seg, '<', n))
            html = 0;
        if (st->o.tidy_whitespace && is_blank(seg, n)) {
            if (prev_blank || n > 1) {
                c.ned = 0;
                unicode_edit_add(&c, 0, (uint32_t)(n - (prev_blank ? 0 : 1)), UR(UR_WHITESPACE));
                if (!prev_blank)
                    out_add(&out, "\n", 1);
                unicode_buf fin = { 0 };
                if (!prev_blank) {
                    unicode_buf_push(&c, &fin, '\n', (uint32_t)n - 1, (uint32_t)n);
                }
                rc = log_edits(doc, &c, &fin, seg, pos, &cnt);
                unicode_buf_free(&fin);
            } else {
                out_add(&out, seg, n);
            }
            prev_blank = 1;
            pos = end;
            if (rc)
                break;
            continue;
        }
        prev_blank = 0;
        int tidy_end = st->o.tidy_whitespace && end == len && n > 0 && (seg[n - 1] == ' ' || seg[n - 1] == '\t');
        int tidy_nl = st->o.tidy_whitespace && n > 1 && seg[n - 1] == '\n' && (seg[n - 2] == ' ' || seg[n - 2] == '\t');
        if (!tidy_end && !tidy_nl && clean_ascii((const unsigned char *)seg, n, html)) {
            out_add(&out, seg, n);
            pos = end;
            continue;
        }
        c.ned = 0;
        decode_segment(&c, (const unsigned char *)seg, n, &b);
        if (c.oom || repair_segment(&c, &b, &tmp, html, end == len)) {
            rc = unspin_error(err, "out of memory");
            break;
        }
        out_cps(&out, b.cp, b.n);
        if (log_edits(doc, &c, &b, seg, pos, &cnt)) {
            rc = unspin_error(err, "out of memory while logging");
            break;
        }
        pos = end;
    }
    free(c.ed);
    unicode_buf_free(&b);
    unicode_buf_free(&tmp);
    if (!rc && out.oom)
        rc = unspin_error(err, "out of memory");
    if (rc || cnt.repairs == 0) {
        free(out.p);
        return rc;
    }
    if (unspin_doc_logging(doc)) {
        unspin_doc_set_stat(doc, "repairs", (double)cnt.repairs);
        unspin_doc_set_stat(doc, "mojibake_repairs", (double)cnt.mojibake);
        unspin_doc_set_stat(doc, "invalid_bytes", (double)cnt.invalid);
    }
    if (!out.p)
        out_add(&out, "", 0);
    if (out.oom) {
        free(out.p);
        return unspin_error(err, "out of memory");
    }
    out.p[out.n] = 0;
    if (unspin_doc_take_text(doc, out.p, out.n))
        return unspin_error(err, "out of memory");
    return 0;
}

const unspin_filter UNSPIN_FILTER_EXPORT(unicode) = {
    .abi_major = UNSPIN_ABI_MAJOR,
    .abi_minor = UNSPIN_ABI_MINOR,
    .name = "unicode",
    .version = "1.0",
    .description = "repairs mojibake, invalid UTF-8, entities, control characters and odd Unicode (ftfy's repairs, with ICU)",
    .flags = UNSPIN_FILTER_THREADSAFE,
    .create = unicode_create,
    .process = unicode_process,
    .destroy = unicode_destroy,
};
