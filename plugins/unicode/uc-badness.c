/* uc-badness.c - the mojibake heuristic (after python-ftfy's badness.py). */
#include <unicode/uchar.h>

#include "uc-badness.h"

/* The classes, as lists of code points; a pair {a, b} with b != 0 in the
 * range lists stands for a..b. */
static const uint32_t bad_chars[] = {
    0xA6, 0xA4, 0xA8, 0xAC, 0xAF, 0xB8, 0x192, 0x2C6, 0x2C7, 0x2D8, 0x2DB, 0x2DC,
    0x2020, 0x2021, 0x2030, 0x2310, 0x25CA, 0xAA, 0xBA, 0 };
static const uint32_t law_chars[] = { 0xB6, 0xA7, 0 };
static const uint32_t currency_chars[] = { 0xA2, 0xA3, 0xA5, 0x20A7, 0x20AC, 0 };
static const uint32_t start_punct_chars[] = {
    0xA1, 0xAB, 0xBF, 0xA9, 0x384, 0x385, 0x2018, 0x201A, 0x201C, 0x201E, 0x2022, 0x2039, 0 };
static const uint32_t end_punct_chars[] = { 0xAE, 0xBB, 0x2DD, 0x201D, 0x203A, 0x2122, 0 };
static const uint32_t numeric_chars[] = {
    0xB2, 0xB3, 0xB9, 0xB1, 0xBC, 0xBD, 0xBE, 0xD7, 0xB5, 0xF7, 0x2044, 0x2202, 0x2206,
    0x220F, 0x2211, 0x221A, 0x221E, 0x2229, 0x222B, 0x2248, 0x2260, 0x2261, 0x2264, 0x2265,
    0x2116, 0 };
static const uint32_t kaomoji_chars[] = { 0x150, 0x14C, 0x16A, 0x172, 0xB0, 0 };
static const uint32_t kaomoji_ranges[][2] = { { 0xD2, 0xD6 }, { 0xD9, 0xDC }, { 0xF2, 0xF6 }, { 0xF8, 0xFC }, { 0, 0 } };
static const uint32_t upper_acc_chars[] = {
    0xD8, 0xDC, 0xDD, 0x102, 0x100, 0x104, 0x106, 0x10C, 0x10E, 0x110, 0x118, 0x11A, 0x112,
    0x116, 0x11E, 0x122, 0x130, 0x12A, 0x136, 0x139, 0x13D, 0x141, 0x13B, 0x143, 0x147,
    0x145, 0x152, 0x158, 0x15A, 0x15E, 0x160, 0x162, 0x164, 0x16E, 0x170, 0x178, 0x179,
    0x17B, 0x17D, 0x490, 0 };
static const uint32_t lower_acc_chars[] = {
    0xDF, 0x103, 0x105, 0x101, 0x107, 0x10D, 0x10F, 0x111, 0x119, 0x11B, 0x113, 0x117,
    0x11F, 0x123, 0x12F, 0x12B, 0x137, 0x13A, 0x13E, 0x142, 0x13C, 0x153, 0x155, 0x15B,
    0x15F, 0x161, 0x165, 0xFC, 0x17A, 0x17C, 0x17E, 0x491, 0 };
static const uint32_t upper_common_chars[] = {
    0xDE, 0x386, 0x388, 0x389, 0x38A, 0x38C, 0x38E, 0x38F, 0x3AA, 0x3AB, 0 };
static const uint32_t lower_common_chars[] = { 0x3AC, 0x3AD, 0x3AE, 0x3AF, 0x3B0, 0 };
static const uint32_t box_chars[] = {
    0x2502, 0x250C, 0x2510, 0x2518, 0x251C, 0x2524, 0x252C, 0x253C,
    0x2580, 0x2584, 0x2588, 0x258C, 0x2590, 0x2591, 0x2592, 0x2593, 0 };
static const uint32_t common_chars[] = { 0xA0, 0xAD, 0xB7, 0xB4, 0x2013, 0x2014, 0x2015, 0x2026, 0x2019, 0 };
/* Characters some rule names literally. */
static const uint32_t literal_chars[] = {
    0x152, 0x153, 0xB0, 0xC2, 0xC3, 0xCE, 0xD0, 0xD7, 0xD8, 0xD9, 0xE0, 0x221A, 0x2248,
    0x201A, 0x432, 0x402, 0x412, 0x413, 0x420, 0x421, 0x3B2, 0x20AC, 0x101, 0x392, 0x393,
    0x39E, 0x39F, 0 };
/* Punctuation that may follow mojibake without being part of it. */
static const uint32_t loose_cont_chars[] = {
    ' ', 0x2013, 0x2014, 0x2015, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E, 0x2022, 0x2026, 0 };

static void mark(unicode_classes *c, const uint32_t *list, uint32_t bit)
{
    for (; *list; list++)
        if (*list < UNICODE_CLASS_TABLE)
            c->cls[*list] |= bit;
}

static void mark_range(unicode_classes *c, uint32_t a, uint32_t b, uint32_t bit)
{
    for (uint32_t x = a; x <= b; x++)
        c->cls[x] |= bit;
}

void unicode_classes_init(unicode_classes *c, const unicode_charmap *maps)
{
    for (size_t i = 0; i < UNICODE_CLASS_TABLE; i++)
        c->cls[i] = 0;
    mark_range(c, 0x80, 0x9F, UB_C1);
    mark(c, bad_chars, UB_BAD);
    mark(c, law_chars, UB_LAW);
    mark(c, currency_chars, UB_CUR);
    mark(c, start_punct_chars, UB_SP);
    mark(c, end_punct_chars, UB_EP);
    mark(c, numeric_chars, UB_NUM);
    mark(c, kaomoji_chars, UB_KAO);
    for (int i = 0; kaomoji_ranges[i][0]; i++)
        mark_range(c, kaomoji_ranges[i][0], kaomoji_ranges[i][1], UB_KAO);
    mark_range(c, 0xC0, 0xD1, UB_UA);
    mark(c, upper_acc_chars, UB_UA);
    mark_range(c, 0xE0, 0xF1, UB_LA);
    mark(c, lower_acc_chars, UB_LA);
    mark_range(c, 0x391, 0x3A9, UB_UC);
    mark_range(c, 0x401, 0x42F, UB_UC);
    mark(c, upper_common_chars, UB_UC);
    mark_range(c, 0x3B1, 0x3C9, UB_LC);
    mark_range(c, 0x430, 0x45F, UB_LC);
    mark(c, lower_common_chars, UB_LC);
    mark(c, box_chars, UB_BOX);
    mark_range(c, 0x2550, 0x256C, UB_BOX);
    mark(c, common_chars, UB_COMMON);

    /* UTF-8 clues from the Latin-like code pages (not MacRoman or CP437,
     * whose high halves are mostly symbols that real text uses). */
    static const int latin_like[] = { UE_LATIN1, UE_1252, UE_1251, UE_1250, UE_1253, UE_1254, UE_1257 };
    for (size_t k = 0; k < sizeof latin_like / sizeof *latin_like; k++) {
        const unicode_charmap *m = &maps[latin_like[k]];
        for (int b = 0x80; b < 0x100; b++) {
            uint32_t cp = m->dec[b];
            if (cp >= UNICODE_CLASS_TABLE)
                continue;
            if (b <= 0xBF)
                c->cls[cp] |= UB_CONT | UB_CONT_STRICT;
            else if (b >= 0xC2 && b <= 0xDF)
                c->cls[cp] |= UB_FIRST2;
            else if (b >= 0xE0 && b <= 0xEF)
                c->cls[cp] |= UB_FIRST3;
            else if (b == 0xF0 || b == 0xF3)
                c->cls[cp] |= UB_FIRST4;
        }
    }
    for (int b = 0xA0; b <= 0xBF; b++)
        if (maps[UE_1251].dec[b] < UNICODE_CLASS_TABLE)
            c->cls[maps[UE_1251].dec[b]] |= UB_CONT1251;
    c->cls[' '] |= UB_CONT;   /* a space may stand for byte 0xA0 */
    for (const uint32_t *p = loose_cont_chars; *p; p++)
        c->cls[*p] &= ~(uint32_t)UB_CONT_STRICT;

    for (size_t i = 0x80; i < UNICODE_CLASS_TABLE; i++)
        if (c->cls[i] & 0xFFFF)
            c->cls[i] |= UB_MOJI;
    mark(c, literal_chars, UB_MOJI);
}

/* Python's str.isspace(), which is what \s matches. */
static int py_space(uint32_t cp)
{
    return (cp >= 9 && cp <= 13) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* \w: letters, numbers and the underscore. */
static int py_word(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
    int8_t t = u_charType((UChar32)cp);
    return (t >= U_UPPERCASE_LETTER && t <= U_OTHER_LETTER) ||
           t == U_DECIMAL_DIGIT_NUMBER || t == U_LETTER_NUMBER || t == U_OTHER_NUMBER;
}

static int in_list(uint32_t cp, const uint32_t *list)
{
    for (; *list; list++)
        if (*list == cp)
            return 1;
    return 0;
}
#define IN(cp, ...) in_list((cp), (const uint32_t[]){ __VA_ARGS__, 0 })

#define LOWER_ASCII(x) ((x) >= 'a' && (x) <= 'z')
#define ALPHA_ASCII(x) (LOWER_ASCII(x) || ((x) >= 'A' && (x) <= 'Z'))

/* Length of the first rule that matches at i, or 0.  The rules are tried in
 * ftfy's order, so counting matches left to right gives its count. */
static size_t match_at(const unicode_classes *c, const uint32_t *t, size_t n, size_t i)
{
#define CH(j) ((i + (j)) < n ? t[i + (j)] : 0xFFFFFFFFu)
#define K(j) ((i + (j)) < n ? unicode_class(c, t[i + (j)]) : 0u)
    const uint32_t k0 = K(0), k1 = K(1);
    const uint32_t S1 = UB_BAD | UB_LA | UB_UA | UB_BOX | UB_SP | UB_EP | UB_CUR | UB_NUM | UB_LAW;
    const uint32_t x0 = CH(0), x1 = CH(1);

    /* Every rule but one needs a mojibake character in its first two
     * places; the exception is "a Ã " with a space before the Ã. */
    if (!((k0 | k1) & UB_MOJI)) {
        if (LOWER_ASCII(x0) && i + 1 < n && py_space(x1) && (CH(2) == 0xC3 || CH(2) == 0xC2) && CH(3) == ' ')
            return 4;
        return 0;
    }

    if (k0 & UB_C1)
        return 1;
    if ((k0 & S1) && (k1 & UB_BAD))
        return 2;
    if (ALPHA_ASCII(x0) && (k1 & (UB_LC | UB_UC)) && (K(2) & UB_BAD))
        return 3;
    if ((k0 & UB_BAD) && (k1 & (S1 & ~(uint32_t)UB_BAD)))
        return 2;
    if ((k0 & (UB_LA | UB_LC | UB_BOX | UB_EP | UB_CUR | UB_NUM)) && (k1 & UB_UA))
        return 2;
    if ((k0 & (UB_BOX | UB_EP | UB_CUR | UB_NUM)) && (k1 & UB_LA))
        return 2;
    if ((k0 & (UB_LA | UB_BOX | UB_EP)) && (k1 & UB_CUR))
        return 2;
    if (i < n && py_space(x0) && (k1 & UB_UA) && (K(2) & UB_CUR))
        return 3;
    if ((k0 & (UB_UA | UB_BOX)) && (k1 & (UB_NUM | UB_LAW)))
        return 2;
    if ((k0 & (UB_LA | UB_UA | UB_BOX | UB_CUR | UB_EP)) && (k1 & UB_SP) && (K(2) & UB_NUM))
        return 3;
    if ((k0 & (UB_LA | UB_UA | UB_CUR | UB_NUM | UB_BOX | UB_LAW)) && (k1 & UB_EP) && (K(2) & UB_SP))
        return 3;
    if ((k0 & (UB_CUR | UB_NUM | UB_BOX)) && (k1 & UB_SP))
        return 2;
    if (LOWER_ASCII(x0) && (k1 & UB_UA) && (K(2) & (UB_SP | UB_CUR)))
        return 3;
    if ((k0 & UB_BOX) && (k1 & UB_KAO))
        return 2;
    if ((k0 & (UB_LA | UB_UA | UB_CUR | UB_NUM | UB_SP | UB_EP | UB_LAW)) && (k1 & UB_BOX))
        return 2;
    if ((k0 & UB_BOX) && (k1 & UB_EP))
        return 2;
    if ((k0 & (UB_LA | UB_UA)) && (k1 & (UB_SP | UB_EP)) && i + 2 < n && py_word(CH(2)))
        return 3;
    if ((x0 == 0x152 || x0 == 0x153) && i + 1 < n && !ALPHA_ASCII(x1))
        return 2;
    if ((k0 & UB_UA) && x1 == 0xB0)
        return 2;
    /* (not after a capital: "MISUTÂ AJIKKO" is a name, not mojibake) */
    if (IN(x0, 0xC2, 0xC3, 0xCE, 0xD0) && !(x0 == 0xC2 && x1 == 0xA0 && i > 0 && u_isupper((UChar32)t[i - 1])) &&
        ((k1 & (UB_SP | UB_EP)) ||
         IN(x1, 0x20AC, 0x153, 0x160, 0x161, 0xA2, 0xA3, 0x178, 0x17E, 0xA0, 0xAD, 0xAE, 0xA9, 0xB0,
            0xB7, 0xBB, 0x2013, 0x2014, 0xB4)))
        return 2;
    if (x0 == 0xD7 && (x1 == 0xB2 || x1 == 0xB3))
        return 2;
    if (x0 == 0xD8 || x0 == 0xD9) {
        const uint32_t set = UB_COMMON | UB_CUR | UB_BAD | UB_NUM | UB_SP;
        if (((k1 & set) || IN(x1, 0x178, 0x160, 0xAE, 0xB0, 0xB5, 0xBB)) &&
            (CH(2) == 0xD8 || CH(2) == 0xD9) &&
            ((K(3) & set) || IN(CH(3), 0x178, 0x160, 0xAE, 0xB0, 0xB5, 0xBB)))
            return 4;
    }
    if (x0 == 0xE0 && IN(x1, 0xB2, 0xB5, 0xB9, 0xBC, 0xBD, 0xBE))
        return 2;
    if (x0 == 0x221A && IN(x1, 0xB1, 0x2202, 0x2020, 0x2260, 0xAE, 0x2122, 0xB4, 0x2264, 0x2265, 0xA5, 0xB5, 0xF8))
        return 2;
    if (x0 == 0x2248 && (x1 == 0xB0 || x1 == 0xA2))
        return 2;
    if (x0 == 0x201A && x1 == 0xC4 && IN(CH(2), 0xEC, 0xEE, 0xEF, 0xF2, 0xF4, 0xFA, 0xF9, 0xFB, 0x2020, 0xB0, 0xA2, 0x3C0))
        return 3;
    if (x0 == 0x201A && (x1 == 0xE2 || x1 == 0xF3) && IN(CH(2), 0xE0, 0xE4, 0xB0, 0xEA))
        return 3;
    if (x0 == 0x432 && x1 == 0x402)
        return 2;
    if (IN(x0, 0x412, 0x413, 0x420, 0x421) &&
        ((k1 & (UB_C1 | UB_BAD | UB_SP | UB_EP | UB_CUR)) || x1 == 0xB0 || x1 == 0xB5) &&
        IN(CH(2), 0x412, 0x413, 0x420, 0x421))
        return 3;
    if (x0 == 0x413 && x1 == 0x45E && CH(2) == 0x412 && CH(3) == 0x402 && CH(4) == 0x412 &&
        i + 5 < n && CH(5) != '\n' && (ALPHA_ASCII(CH(6)) || CH(6) == ' '))
        return 7;
    if (x0 == 0xC3 && (x1 == 0xA0 || x1 == 0xA1))
        return 2;
    if (LOWER_ASCII(x0)) {
        if (i + 1 < n && py_space(x1) && (CH(2) == 0xC3 || CH(2) == 0xC2) && CH(3) == ' ')
            return 4;
        if ((x1 == 0xC3 || x1 == 0xC2) && CH(2) == ' ')
            return 3;
    }
    if (i == 0 && (x0 == 0xC3 || x0 == 0xC2) && x1 == ' ')
        return 2;
    if ((LOWER_ASCII(x0) || IN(x0, '.', ',', '?', '!') || (k0 & UB_EP)) && x1 == 0xC2 &&
        (CH(2) == ' ' || (K(2) & (UB_SP | UB_EP))))
        return 3;
    if (x0 == 0x3B2 && x1 == 0x20AC && IN(CH(2), 0x2122, 0xA0, 0x386, 0xAD, 0xAE, 0xB0))
        return 3;
    if (IN(x0, 0x392, 0x393, 0x39E, 0x39F) &&
        ((k1 & (UB_C1 | UB_BAD | UB_SP | UB_EP | UB_CUR)) || x1 == 0xB0) &&
        IN(CH(2), 0x392, 0x393, 0x39E, 0x39F))
        return 3;
    if (x0 == 0x101 && x1 == 0x20AC)
        return 2;

    /* Beyond ftfy's rules, for some of the cases its tests list as known
     * failures; each is narrow enough not to fire on real text. */
    /* Windows-1251 mojibake of é, è, ç... inside a Latin word: "mГ©dicament" */
    if (ALPHA_ASCII(x0) && x1 == 0x413 && (K(2) & UB_CONT1251) && CH(2) != ' ' && ALPHA_ASCII(CH(3)))
        return 4;
    /* MacRoman mojibake of ù inside a word: "pi√π" (√π after a space is math) */
    if (LOWER_ASCII(x0) && x1 == 0x221A && CH(2) == 0x3C0)
        return 3;
    /* Windows-1252 mojibake of Arabic digits whose byte 0xA0 became a space */
    if (x0 == 0xD9 && x1 == ' ' && CH(2) == 0xD9)
        return 3;
    return 0;
#undef CH
#undef K
}

/* Every rule involves at least one character marked UB_MOJI, so text
 * without any is clean; that check is what keeps ordinary text fast. */
static int has_moji(const unicode_classes *c, const uint32_t *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (t[i] >= 0x80 && (unicode_class(c, t[i]) & UB_MOJI))
            return 1;
    return 0;
}

int unicode_is_bad(const unicode_classes *c, const uint32_t *t, size_t n)
{
    if (!has_moji(c, t, n))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (match_at(c, t, n, i))
            return 1;
    return 0;
}

size_t unicode_badness(const unicode_classes *c, const uint32_t *t, size_t n)
{
    if (!has_moji(c, t, n))
        return 0;
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        size_t len = match_at(c, t, n, i);
        if (len) {
            count++;
            i += len;
        } else {
            i++;
        }
    }
    return count;
}
