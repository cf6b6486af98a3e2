/* uc-mojibake.c - undo UTF-8 that was decoded with the wrong code page.
 *
 * The method is python-ftfy's (fix_encoding, ftfy 6), re-implemented:
 *  1. text that is ASCII or does not look bad (uc-badness.c) is left alone;
 *  2. for each code page in turn, if every character of the text exists in
 *     it, encode the text back to bytes, repair two common kinds of damage
 *     (a byte 0xA0 that became a space; bytes lost to U+FFFD or '?'), and
 *     decode the bytes as UTF-8 (or CESU-8 / Java's modified UTF-8).  The
 *     first code page that gives valid UTF-8 wins, if the result costs less
 *     than the input (cost = length + 2 * badness);
 *  3. otherwise fix runs that look like UTF-8 mojibake one by one, where the
 *     run itself looks bad ("inconsistent" mojibake in good text);
 *  4. otherwise read C1 controls as the Windows-1252 characters they were
 *     (or, inside words, as MacRoman letters: beyond ftfy, see below).
 * The steps repeat until the text stops changing (mojibake of mojibake).
 *
 * Bytes remember which code points they came from, so each decoded
 * character is logged against the characters it replaced.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "uc-filter.h"

/* Bytes of the re-encoded text, each with the span [f, l] of code points of
 * the input it stands for and a mask of the reasons it was altered. */
typedef struct bytes {
    unsigned char *b;
    uint32_t *f, *l;
    uint64_t *why;
    size_t n, cap;
} bytes;

static void bytes_free(bytes *x)
{
    free(x->b);
    free(x->f);
    free(x->l);
    free(x->why);
}

static int bytes_reserve(unicode_ctx *c, bytes *x, size_t n)
{
    if (n <= x->cap)
        return 0;
    size_t cap = x->cap ? x->cap : 64;
    while (cap < n)
        cap *= 2;
    unsigned char *b = realloc(x->b, cap);
    if (b)
        x->b = b;
    uint32_t *f = realloc(x->f, cap * sizeof *f);
    if (f)
        x->f = f;
    uint32_t *l = realloc(x->l, cap * sizeof *l);
    if (l)
        x->l = l;
    uint64_t *w = realloc(x->why, cap * sizeof *w);
    if (w)
        x->why = w;
    if (!b || !f || !l || !w) {
        c->oom = 1;
        return -1;
    }
    x->cap = cap;
    return 0;
}

static void bytes_push(unicode_ctx *c, bytes *x, unsigned char b, uint32_t f, uint32_t l, uint64_t why)
{
    if (x->n == x->cap && bytes_reserve(c, x, x->n + 1))
        return;
    x->b[x->n] = b;
    x->f[x->n] = f;
    x->l[x->n] = l;
    x->why[x->n] = why;
    x->n++;
}

/* Encodes in with code page m; 0 when some character is not in it. */
static int encode(unicode_ctx *c, const unicode_buf *in, const unicode_charmap *m, bytes *out)
{
    out->n = 0;
    if (bytes_reserve(c, out, in->n))
        return 0;
    for (size_t i = 0; i < in->n; i++) {
        int b = unicode_charmap_encode(m, in->cp[i]);
        if (b < 0)
            return 0;
        out->b[i] = (unsigned char)b;
        out->f[i] = out->l[i] = (uint32_t)i;
        out->why[i] = 0;
    }
    out->n = in->n;
    return 1;
}

/* --- restore_byte_a0 -------------------------------------------------- */

static int cont_not_85_a0(unsigned char b)
{
    return b >= 0x80 && b <= 0xBF && b != 0x85 && b != 0xA0;
}

/* Length of a UTF-8 sequence at p that would be valid if its spaces were
 * bytes 0xA0 (the cases where a space is a convincing stand-in), or 0. */
static size_t altered_at(const bytes *x, size_t p)
{
    const unsigned char *b = x->b + p;
    size_t left = x->n - p;
    if (left >= 2 && (b[0] == 0xC2 || b[0] == 0xC3 || b[0] == 0xC5 || b[0] == 0xCE || b[0] == 0xD0 || b[0] == 0xD9) &&
        b[1] == ' ')
        return 2;
    if (left >= 3 && (b[0] == 0xE2 || b[0] == 0xE3) && b[1] == ' ' && cont_not_85_a0(b[2]))
        return 3;
    if (left >= 3 && b[0] >= 0xE0 && b[0] <= 0xE3 && cont_not_85_a0(b[1]) && b[2] == ' ')
        return 3;
    if (left >= 4 && b[0] == 0xF0) {
        int spaces = 0, conts = 0;
        for (int i = 1; i < 4; i++) {
            spaces += b[i] == ' ';
            conts += b[i] >= 0x80 && b[i] <= 0xBF;
        }
        if (spaces == 1 && conts == 2)
            return 4;
    }
    return 0;
}

static int altered_search(const bytes *x)
{
    for (size_t p = 0; p < x->n; p++)
        if (x->b[p] >= 0xC2 && altered_at(x, p))
            return 1;
    return 0;
}

static int match_word(const bytes *x, size_t p, const char *w)
{
    size_t k = strlen(w);
    return p + k <= x->n && !memcmp(x->b + p, w, k);
}

/* "Ã " as a word of its own is "à" whose 0xA0 became a space; put the byte
 * back before the space, except before Portuguese "às", "àquele"... */
static void restore_a_grave(unicode_ctx *c, const bytes *in, bytes *out)
{
    out->n = 0;
    for (size_t p = 0; p < in->n; p++) {
        bytes_push(c, out, in->b[p], in->f[p], in->l[p], in->why[p]);
        if (in->b[p] == 0xC3 && p + 1 < in->n && in->b[p + 1] == ' ' &&
            !(match_word(in, p + 2, " ") || match_word(in, p + 2, "quele") || match_word(in, p + 2, "quela") ||
              match_word(in, p + 2, "quilo") || match_word(in, p + 2, "s ")))
            bytes_push(c, out, 0xA0, in->f[p], in->l[p], UR(UR_RESTORE_A0));
    }
}

static void restore_byte_a0(unicode_ctx *c, bytes *x, bytes *tmp)
{
    restore_a_grave(c, x, tmp);
    if (c->oom)
        return;
    for (size_t p = 0; p < tmp->n;) {
        size_t len = tmp->b[p] >= 0xC2 ? altered_at(tmp, p) : 0;
        if (!len) {
            p++;
            continue;
        }
        for (size_t i = p; i < p + len; i++)
            if (tmp->b[i] == ' ') {
                tmp->b[i] = 0xA0;
                tmp->why[i] |= UR(UR_RESTORE_A0);
            }
        p += len;
    }
    bytes t = *x;
    *x = *tmp;
    *tmp = t;
}

/* --- replace_lossy_sequences ------------------------------------------ */

#define LOST(b) ((b) == 0x1A)
#define LOST_Q(b) ((b) == 0x1A || (b) == '?')
#define CONT_OR_LOST(b) ((b) == 0x1A || ((b) >= 0x80 && (b) <= 0xBF))
#define ANY_OF_THREE(b) ((b) == 0x1A || (b) == '?' || ((b) >= 0x80 && (b) <= 0xBF))

/* Length of a UTF-8 (or CESU-8) sequence at p that lost some bytes to
 * U+FFFD (byte 0x1A here) or, once, to '?'; 0 if none. */
static size_t lossy_at(const bytes *x, size_t p)
{
    const unsigned char *b = x->b + p;
    size_t left = x->n - p;
    unsigned char b0 = b[0];
    if (left >= 2 && b0 >= 0xC2 && b0 <= 0xDF && LOST(b[1]))
        return 2;
    if (left >= 2 && (b0 == 0xC2 || b0 == 0xC3) && b[1] == '?')
        return 2;
    if (left >= 6 && b0 == 0xED && b[1] >= 0xA0 && b[1] <= 0xAF && b[3] == 0xED && b[4] >= 0xB0 && b[4] <= 0xBF) {
        if (LOST_Q(b[2]) && ANY_OF_THREE(b[5]))
            return 6;
        if (ANY_OF_THREE(b[2]) && LOST_Q(b[5]))
            return 6;
    }
    if (left >= 3 && b0 >= 0xE0 && b0 <= 0xEF) {
        if (LOST_Q(b[1]) && CONT_OR_LOST(b[2]))
            return 3;
        if (CONT_OR_LOST(b[1]) && LOST_Q(b[2]))
            return 3;
    }
    if (left >= 4 && b0 >= 0xF0 && b0 <= 0xF4) {
        if (LOST_Q(b[1]) && CONT_OR_LOST(b[2]) && CONT_OR_LOST(b[3]))
            return 4;
        if (CONT_OR_LOST(b[1]) && LOST_Q(b[2]) && CONT_OR_LOST(b[3]))
            return 4;
        if (CONT_OR_LOST(b[1]) && CONT_OR_LOST(b[2]) && LOST_Q(b[3]))
            return 4;
    }
    if (LOST(b0))
        return 1;
    return 0;
}

static void replace_lossy(unicode_ctx *c, bytes *x, bytes *tmp)
{
    tmp->n = 0;
    int changed = 0;
    for (size_t p = 0; p < x->n;) {
        size_t len = lossy_at(x, p);
        if (!len) {
            bytes_push(c, tmp, x->b[p], x->f[p], x->l[p], x->why[p]);
            p++;
            continue;
        }
        static const unsigned char fffd[3] = { 0xEF, 0xBF, 0xBD };
        uint32_t f = x->f[p], l = x->l[p + len - 1];
        for (int i = 0; i < 3; i++)
            bytes_push(c, tmp, fffd[i], f, l, UR(UR_LOSSY));
        p += len;
        changed = 1;
    }
    if (changed) {
        bytes t = *x;
        *x = *tmp;
        *tmp = t;
    }
}

/* --- decoding --------------------------------------------------------- */

/* Decodes x as UTF-8, also accepting CESU-8 surrogate pairs and C0 80 for
 * U+0000 when `variants`; each character gets the byte range it came from.
 * Returns 0 if the bytes are not valid. */
static int decode_utf8(unicode_ctx *c, const bytes *x, int variants, unicode_buf *out)
{
    out->n = 0;
    for (size_t p = 0; p < x->n;) {
        const unsigned char *b = x->b + p;
        size_t left = x->n - p, len;
        uint32_t cp;
        if (variants && b[0] == 0xC0 && left >= 2 && b[1] == 0x80) {
            cp = 0;
            len = 2;
        } else if (variants && b[0] == 0xED && left >= 6 && b[1] >= 0xA0 && b[1] <= 0xAF &&
                   (b[2] & 0xC0) == 0x80 && b[3] == 0xED && b[4] >= 0xB0 && b[4] <= 0xBF &&
                   (b[5] & 0xC0) == 0x80) {
            cp = 0x10000 + (((uint32_t)(b[1] & 0x0F) << 16) | ((uint32_t)(b[2] & 0x3F) << 10) |
                            ((uint32_t)(b[4] & 0x0F) << 6) | (b[5] & 0x3F));
            len = 6;
        } else if (!(len = unicode_utf8_get(b, left, &cp))) {
            return 0;
        }
        /* s/e hold the byte range here; the caller maps them to code points */
        unicode_buf_push(c, out, cp, (uint32_t)p, (uint32_t)(p + len));
        p += len;
    }
    return !c->oom;
}

/* Writes the decoded text into out, replacing the input characters each
 * decoded character came from; unchanged ASCII stays as it was. */
static void emit_decoded(unicode_ctx *c, const unicode_buf *in, const bytes *x, const unicode_buf *dec,
                         unicode_buf *out, uint64_t why)
{
    out->n = 0;
    uint32_t group[64];
    size_t ng = 0;
    size_t ga = 0, gb = 0;   /* input span [ga, gb] of the current group */
    uint64_t gwhy = 0;
    for (size_t k = 0; k <= dec->n; k++) {
        uint32_t a = 0, b = 0;
        uint64_t w = 0;
        if (k < dec->n) {
            a = x->f[dec->s[k]];
            b = x->l[dec->e[k] - 1];
            for (uint32_t p = dec->s[k]; p < dec->e[k]; p++)
                w |= x->why[p];
            if (ng && a <= gb && ng < 64) {      /* shares input with the group */
                group[ng++] = dec->cp[k];
                if (b > gb)
                    gb = b;
                gwhy |= w;
                continue;
            }
        }
        if (ng) {
            if (ng == 1 && ga == gb && !gwhy && group[0] == in->cp[ga])
                unicode_buf_keep(c, out, in, ga);
            else
                unicode_buf_replace(c, out, in, ga, gb + 1, group, ng, why | gwhy);
        }
        if (k < dec->n) {
            group[0] = dec->cp[k];
            ng = 1;
            ga = a;
            gb = b;
            gwhy = w;
        }
    }
}

static int all_ascii(const unicode_buf *in)
{
    for (size_t i = 0; i < in->n; i++)
        if (in->cp[i] >= 0x80)
            return 0;
    return 1;
}

static size_t cost(const unicode_ctx *c, const uint32_t *t, size_t n)
{
    return n + 2 * unicode_badness(&c->t->classes, t, n);
}

/* --- the UTF-8 detector (for mojibake inside good text) ---------------- */

/* End of a run of UTF-8-looking characters starting at p, or p. */
static size_t utf8_run(const unicode_classes *cl, const unicode_buf *in, size_t p)
{
    if (p > 0 && (unicode_class(cl, in->cp[p - 1]) & UB_CONT_STRICT))
        return p;
    size_t q = p, n = in->n;
#define CONT(i) ((i) < n && (unicode_class(cl, in->cp[i]) & UB_CONT))
    while (q < n) {
        uint32_t k = unicode_class(cl, in->cp[q]);
        if ((k & UB_FIRST2) && CONT(q + 1))
            q += 2;
        else if ((k & UB_FIRST3) && CONT(q + 1) && CONT(q + 2))
            q += 3;
        else if ((k & UB_FIRST4) && CONT(q + 1) && CONT(q + 2) && CONT(q + 3))
            q += 4;
        else
            break;
    }
#undef CONT
    return q;
}

static int decode_inconsistent(unicode_ctx *c, const unicode_buf *in, unicode_buf *out)
{
    const unicode_classes *cl = &c->t->classes;
    unicode_buf sub = { 0 }, tmp = { 0 };
    int changed = 0;
    out->n = 0;
    for (size_t p = 0; p < in->n && !c->oom;) {
        size_t q = utf8_run(cl, in, p);
        if (q == p) {
            unicode_buf_keep(c, out, in, p++);
            continue;
        }
        if (q - p < in->n && unicode_is_bad(cl, in->cp + p, q - p)) {
            sub.n = 0;
            unicode_buf_keep_range(c, &sub, in, p, q);
            if (unicode_fix_encoding(c, &sub, &tmp))
                changed = 1;
            unicode_buf_keep_range(c, out, &sub, 0, sub.n);
        } else {
            unicode_buf_keep_range(c, out, in, p, q);
        }
        p = q;
    }
    unicode_buf_free(&sub);
    unicode_buf_free(&tmp);
    return changed && !c->oom;
}

/* --- C1 controls ------------------------------------------------------ */

/* Each C1 control as the character its byte is in code page m; `strict`
 * fails (returns -1) on bytes the code page leaves undefined. */
static int c1_through(unicode_ctx *c, const unicode_buf *in, unicode_buf *out, const unicode_charmap *m,
                      int strict, uint64_t why)
{
    int changed = 0;
    out->n = 0;
    for (size_t i = 0; i < in->n; i++) {
        uint32_t cp = in->cp[i];
        if (cp < 0x80 || cp > 0x9F) {
            unicode_buf_keep(c, out, in, i);
            continue;
        }
        if (m->undefined[cp]) {
            if (strict)
                return -1;
            unicode_buf_keep(c, out, in, i);
            continue;
        }
        uint32_t to = m->dec[cp];
        unicode_buf_replace(c, out, in, i, i + 1, &to, 1, why);
        changed = 1;
    }
    return changed;
}

int unicode_fix_c1(unicode_ctx *c, const unicode_buf *in, unicode_buf *out)
{
    if (!c->o->fix_c1_controls)
        return 0;
    size_t i = 0;
    while (i < in->n && !(in->cp[i] >= 0x80 && in->cp[i] <= 0x9F))
        i++;
    if (i == in->n)
        return 0;
    return c1_through(c, in, out, &c->t->maps[UE_1252], 0, UR(UR_C1)) > 0;
}

/* --- C1 controls inside words: MacRoman ---------------------------------- */

/* Text decoded as Latin-1 that was MacRoman has C1 controls where accented
 * letters were: "Coatl\x87n" is Coatlán.  Windows-1252 would make that
 * "Coatl‡n".  A C1 control between two letters is evidence for MacRoman
 * when its Windows-1252 reading is a symbol that never sits inside a word;
 * U+0092 (’) is evidence only where it cannot be an apostrophe ("l’homme",
 * "dell’anno" might be), and evidence against before a contraction
 * ("don’t").  With evidence, and when every C1 control of the text sits
 * inside a word and is a letter in MacRoman, all are decoded so. */

static int letter(const unicode_buf *in, size_t i)
{
    return i < in->n && u_isalpha((UChar32)in->cp[i]);
}

static int lower_ascii_at(const unicode_buf *in, size_t i)
{
    return i < in->n && in->cp[i] >= 'a' && in->cp[i] <= 'z';
}

/* Whether U+0092 at i is followed by an English contraction ("n’t",
 * "’s", "’ll"): then it is an apostrophe, and the text Windows-1252. */
static int contraction_after(const unicode_buf *in, size_t i)
{
    size_t k = i + 1, n = 0;
    while (letter(in, k + n))
        n++;
    uint32_t a = n >= 1 ? in->cp[k] | 0x20 : 0, b = n >= 2 ? in->cp[k + 1] | 0x20 : 0;
    return (n == 1 && (a == 's' || a == 't' || a == 'd' || a == 'm')) ||
           (n == 2 && ((a == 'l' && b == 'l') || (a == 'v' && b == 'e') || (a == 'r' && b == 'e')));
}

/* Whether U+0092 at i may be an elision: after a word of one or two
 * letters ("l’homme", "d’un"), "qu" or Italian "dell", "all". */
static int elision_before(const unicode_buf *in, size_t i)
{
    size_t w = 0;
    while (w < i && letter(in, i - 1 - w))
        w++;
    if (w <= 2)
        return 1;
    uint32_t last = in->cp[i - 1] | 0x20, before = in->cp[i - 2] | 0x20;
    return last == 'l' || (before == 'q' && last == 'u');
}

static int macroman_c1(unicode_ctx *c, const unicode_buf *in, unicode_buf *out)
{
    const unicode_charmap *mac = &c->t->maps[UE_MACROMAN], *win = &c->t->maps[UE_1252];
    int evidence = 0, any = 0;
    for (size_t i = 0; i < in->n; i++) {
        uint32_t cp = in->cp[i];
        if (cp < 0x80 || cp > 0x9F)
            continue;
        any = 1;
        if (!(i > 0 && letter(in, i - 1) && letter(in, i + 1)) || !u_isalpha((UChar32)mac->dec[cp]))
            return 0;
        uint32_t w = win->dec[cp];
        if (win->undefined[cp] || w == 0x2021 || w == 0x2020 || w == 0x2022 || w == 0x2030 || w == 0x2C6 || w == 0x2DC)
            evidence = 1;
        else if ((w == 0x201C || w == 0x201D) && lower_ascii_at(in, i - 1) && lower_ascii_at(in, i + 1))
            evidence = 1;
        else if (w == 0x2019 && contraction_after(in, i))
            return 0;
        else if (w == 0x2019 && !elision_before(in, i))
            evidence = 1;
    }
    return any && evidence && c1_through(c, in, out, mac, 0, UR(UR_MACROMAN_C1)) > 0;
}

/* --- one step, and the loop ------------------------------------------- */

typedef struct scratch {
    bytes x, tmp;
    unicode_buf dec;
} scratch;

static int one_step(unicode_ctx *c, const unicode_buf *in, unicode_buf *out, scratch *s)
{
    const unicode_opts *o = c->o;
    if (in->n == 0 || all_ascii(in) || !unicode_is_bad(&c->t->classes, in->cp, in->n))
        return 0;
    int latin1_possible = 0;
    for (int k = 0; k < UE_COUNT; k++) {
        const unicode_charmap *m = &c->t->maps[k];
        if (!encode(c, in, m, &s->x))
            continue;
        if (k == UE_LATIN1)
            latin1_possible = 1;
        /* In MacRoman a space after 0xD0 (an en dash) is ordinary text. */
        if (o->restore_byte_a0 && k != UE_MACROMAN && altered_search(&s->x))
            restore_byte_a0(c, &s->x, &s->tmp);
        if (o->replace_lossy_sequences && m->sloppy)
            replace_lossy(c, &s->x, &s->tmp);
        int variants = memchr(s->x.b, 0xED, s->x.n) || memchr(s->x.b, 0xC0, s->x.n);
        if (c->oom || !decode_utf8(c, &s->x, variants, &s->dec))
            continue;
        /* The other half of the test: the repair must make the text
         * cheaper, not just different. */
        if (cost(c, s->dec.cp, s->dec.n) >= cost(c, in->cp, in->n))
            continue;
        emit_decoded(c, in, &s->x, &s->dec, out, UR(UR_MOJIBAKE_FIRST + k));
        return !unicode_buf_equal(in, out);
    }
    if (o->decode_inconsistent_utf8 && decode_inconsistent(c, in, out))
        return !unicode_buf_equal(in, out);
    if (o->fix_macroman_c1 && macroman_c1(c, in, out))
        return 1;
    if (latin1_possible && c1_through(c, in, out, &c->t->maps[UE_1252], 1, UR(UR_LATIN1_AS_1252)) > 0)
        return 1;
    return unicode_fix_c1(c, in, out);
}

int unicode_fix_encoding(unicode_ctx *c, unicode_buf *io, unicode_buf *tmp)
{
    if (!c->o->fix_encoding)
        return 0;
    scratch s = { 0 };
    int changed = 0;
    /* Each step decodes one layer; real text has at most a few. */
    for (int round = 0; round < 16 && !c->oom; round++) {
        if (!one_step(c, io, tmp, &s))
            break;
        unicode_buf_swap(io, tmp);
        changed = 1;
    }
    bytes_free(&s.x);
    bytes_free(&s.tmp);
    unicode_buf_free(&s.dec);
    return changed;
}
