/* uc-chars.c - the repairs that look at one character at a time: Latin
 * ligatures, fullwidth forms, curly quotes, line breaks, control and format
 * characters, odd spaces, and the optional ASCII folding of dashes and the
 * ellipsis; plus the removal of terminal escape sequences.
 *
 * The character rules run in python-ftfy's order on each character and on
 * what earlier rules made of it, so that "ŉ" becomes "ʼn" and then "'n". */
#include "uc-filter.h"

static const struct { uint32_t from; uint32_t to[3]; } ligatures[] = {
    { 0x0132, { 'I', 'J' } }, { 0x0133, { 'i', 'j' } },          /* Dutch */
    { 0x0149, { 0x02BC, 'n' } },                                 /* Afrikaans 'n */
    { 0x01C4, { 'D', 0x017D } }, { 0x01C5, { 'D', 0x017E } }, { 0x01C6, { 'd', 0x017E } },
    { 0x01C7, { 'L', 'J' } }, { 0x01C8, { 'L', 'j' } }, { 0x01C9, { 'l', 'j' } },
    { 0x01CA, { 'N', 'J' } }, { 0x01CB, { 'N', 'j' } }, { 0x01CC, { 'n', 'j' } },
    { 0x01F1, { 'D', 'Z' } }, { 0x01F2, { 'D', 'z' } }, { 0x01F3, { 'd', 'z' } },
    { 0xFB00, { 'f', 'f' } }, { 0xFB01, { 'f', 'i' } }, { 0xFB02, { 'f', 'l' } },
    { 0xFB03, { 'f', 'f', 'i' } }, { 0xFB04, { 'f', 'f', 'l' } },
    { 0xFB05, { 0x017F, 't' } }, { 0xFB06, { 's', 't' } },
};

static int is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x2028 || cp == 0x2029;
}

static int is_letter(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && cp < 0x2000 && !(cp >= 0x2B0 && cp < 0x370));
}

/* Applies rule `r` and the ones after it to cp, appending to out[*n]. */
static void apply_rules(unicode_ctx *c, int r, uint32_t cp, uint32_t prev, uint32_t next,
                        uint32_t *out, size_t *n, uint64_t *why);

enum { R_LIGATURE, R_WIDTH, R_QUOTE, R_LINE, R_CONTROL, R_FORMAT, R_SPACE, R_DASH, R_ELLIPSIS, R_DONE };

/* One rule: the replacement of cp (k code points, maybe none) or -1 when
 * the rule does not touch it. */
static int rule(unicode_ctx *c, int r, uint32_t cp, uint32_t prev, uint32_t next, uint32_t rep[3], uint64_t *why)
{
    const unicode_opts *o = c->o;
    switch (r) {
    case R_LIGATURE:
        if (!o->fix_latin_ligatures || !(cp == 0x132 || cp == 0x133 || cp == 0x149 ||
                                         (cp >= 0x1C4 && cp <= 0x1CC) || (cp >= 0x1F1 && cp <= 0x1F3) ||
                                         (cp >= 0xFB00 && cp <= 0xFB06)))
            return -1;
        for (size_t i = 0; i < sizeof ligatures / sizeof *ligatures; i++)
            if (ligatures[i].from == cp) {
                int k = 0;
                for (; k < 3 && ligatures[i].to[k]; k++)
                    rep[k] = ligatures[i].to[k];
                *why |= UR(UR_LIGATURE);
                return k;
            }
        return -1;
    case R_WIDTH:
        if (!o->fix_character_width)
            return -1;
        if (cp == 0x3000) {
            rep[0] = ' ';
            *why |= UR(UR_WIDTH);
            return 1;
        }
        if (cp >= 0xFF00 && cp < 0xFFF0 && c->t->width[cp - 0xFF00][0]) {
            int k = 0;
            for (; k < 3 && c->t->width[cp - 0xFF00][k]; k++)
                rep[k] = c->t->width[cp - 0xFF00][k];
            *why |= UR(UR_WIDTH);
            return k;
        }
        return -1;
    case R_QUOTE:
        if (!o->uncurl_quotes)
            return -1;
        if (cp == 0x2BC || (cp >= 0x2018 && cp <= 0x201B))
            rep[0] = '\'';
        else if (cp >= 0x201C && cp <= 0x201F)
            rep[0] = '"';
        else
            return -1;
        *why |= UR(UR_QUOTE);
        return 1;
    case R_LINE:
        if (!o->fix_line_breaks || !(cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029))
            return -1;
        *why |= UR(UR_LINE_BREAK);
        if (cp == '\r' && next == '\n')
            return 0;                 /* CR LF: the LF stays */
        rep[0] = '\n';
        return 1;
    case R_CONTROL:
        if (!o->remove_control_chars)
            return -1;
        if (cp <= 8 || cp == 0xB || (cp >= 0xE && cp <= 0x1F) || cp == 0x7F || (cp >= 0x206A && cp <= 0x206F) ||
            cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFC)) {
            *why |= UR(UR_CONTROL);
            return 0;
        }
        return -1;
    case R_FORMAT:
        /* Zero-width space and word joiner carry nothing in plain text; a
         * soft hyphen inside a word only breaks searches for the word.
         * Joiners (U+200C, U+200D) and direction marks stay. */
        if (!o->remove_format_chars)
            return -1;
        if (cp == 0x200B || cp == 0x2060 || (cp == 0xAD && is_letter(prev) && is_letter(next))) {
            *why |= UR(UR_FORMAT);
            return 0;
        }
        return -1;
    case R_SPACE:
        if (!o->fix_spaces || !(cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F))
            return -1;
        if (!prev || !next || is_space(prev) || is_space(next))
            return -1;                /* only where it separates two words */
        rep[0] = ' ';
        *why |= UR(UR_SPACE);
        return 1;
    case R_DASH:
        if (!o->fold_dashes)
            return -1;
        if ((cp >= 0x2010 && cp <= 0x2013) || cp == 0x2212) {
            rep[0] = '-';
            *why |= UR(UR_DASH);
            return 1;
        }
        if (cp == 0x2014 || cp == 0x2015) {
            rep[0] = rep[1] = '-';
            *why |= UR(UR_DASH);
            return 2;
        }
        return -1;
    case R_ELLIPSIS:
        if (!o->fold_ellipsis || cp != 0x2026)
            return -1;
        rep[0] = rep[1] = rep[2] = '.';
        *why |= UR(UR_ELLIPSIS);
        return 3;
    }
    return -1;
}

static void apply_rules(unicode_ctx *c, int r, uint32_t cp, uint32_t prev, uint32_t next,
                        uint32_t *out, size_t *n, uint64_t *why)
{
    for (; r < R_DONE; r++) {
        uint32_t rep[3];
        int k = rule(c, r, cp, prev, next, rep, why);
        if (k < 0)
            continue;
        for (int i = 0; i < k; i++)
            apply_rules(c, r + 1, rep[i], prev, next, out, n, why);
        return;
    }
    if (*n < 16)
        out[(*n)++] = cp;
}

/* Whether any rule can touch cp: printable ASCII never. */
static int may_change(uint32_t cp)
{
    return !(cp >= 0x20 && cp < 0x7F) && cp != '\n' && cp != '\t';
}

int unicode_fix_chars(unicode_ctx *c, const unicode_buf *in, unicode_buf *out)
{
    size_t i = 0;
    while (i < in->n && !may_change(in->cp[i]))
        i++;
    if (i == in->n)
        return 0;
    int changed = 0;
    out->n = 0;
    unicode_buf_keep_range(c, out, in, 0, i);
    for (; i < in->n; i++) {
        uint32_t cp = in->cp[i];
        if (!may_change(cp)) {
            unicode_buf_keep(c, out, in, i);
            continue;
        }
        uint32_t res[16];
        size_t k = 0;
        uint64_t why = 0;
        apply_rules(c, 0, cp, i ? in->cp[i - 1] : 0, i + 1 < in->n ? in->cp[i + 1] : 0, res, &k, &why);
        if (!why) {
            unicode_buf_keep(c, out, in, i);
            continue;
        }
        unicode_buf_replace(c, out, in, i, i + 1, res, k, why);
        changed = 1;
    }
    return changed;
}

/* ESC [ digits-and-semicolons letter: colour and cursor codes. */
int unicode_remove_terminal_escapes(unicode_ctx *c, const unicode_buf *in, unicode_buf *out)
{
    if (!c->o->remove_terminal_escapes)
        return 0;
    size_t i = 0;
    while (i < in->n && in->cp[i] != 0x1B)
        i++;
    if (i == in->n)
        return 0;
    int changed = 0;
    out->n = 0;
    unicode_buf_keep_range(c, out, in, 0, i);
    while (i < in->n) {
        if (in->cp[i] == 0x1B && i + 1 < in->n && in->cp[i + 1] == '[') {
            size_t j = i + 2;
            while (j < in->n && ((in->cp[j] >= '0' && in->cp[j] <= '9') || in->cp[j] == ';'))
                j++;
            uint32_t l = j < in->n ? in->cp[j] : 0;
            if ((l >= 'a' && l <= 'z') || (l >= 'A' && l <= 'Z')) {
                unicode_buf_replace(c, out, in, i, j + 1, NULL, 0, UR(UR_TERMINAL));
                changed = 1;
                i = j + 1;
                continue;
            }
        }
        unicode_buf_keep(c, out, in, i++);
    }
    return changed;
}
