/* uc-badness.h - how much a piece of text looks like mojibake.
 *
 * The characters that UTF-8 mojibake is made of (a few hundred, from the
 * code pages in uc-charmaps.h) fall into classes: accented capitals, box
 * drawing, currency, "nearly always mojibake" symbols and so on.  Text is
 * "bad" where these classes meet in ways real writing almost never shows,
 * such as a lower-case accented letter followed by a currency sign.  The
 * rules follow python-ftfy's badness heuristic (ftfy 6).
 *
 * The same table carries the classes used to spot UTF-8 sequences inside
 * otherwise good text: characters that bytes 0xC2-0xDF, 0xE0-0xEF,
 * 0xF0/0xF3 and 0x80-0xBF become in a Latin-1-like code page.
 */
#ifndef UNICODE_UC_BADNESS_H
#define UNICODE_UC_BADNESS_H

#include <stddef.h>
#include <stdint.h>

#include "uc-charmaps.h"

enum {
    UB_C1 = 1u << 0, UB_BAD = 1u << 1, UB_LAW = 1u << 2, UB_CUR = 1u << 3,
    UB_SP = 1u << 4, UB_EP = 1u << 5, UB_NUM = 1u << 6, UB_KAO = 1u << 7,
    UB_UA = 1u << 8, UB_LA = 1u << 9, UB_UC = 1u << 10, UB_LC = 1u << 11,
    UB_BOX = 1u << 12, UB_COMMON = 1u << 13,
    /* UTF-8 clues */
    UB_FIRST2 = 1u << 16, UB_FIRST3 = 1u << 17, UB_FIRST4 = 1u << 18,
    UB_CONT = 1u << 19, UB_CONT_STRICT = 1u << 20,
    /* any character that can take part in mojibake at all */
    UB_MOJI = 1u << 21,
    /* what bytes 0xA0-0xBF are in Windows-1251 (for "Г©", "é" misread) */
    UB_CONT1251 = 1u << 22
};

#define UNICODE_CLASS_TABLE 0x2600

typedef struct unicode_classes {
    uint32_t cls[UNICODE_CLASS_TABLE];
} unicode_classes;

void unicode_classes_init(unicode_classes *c, const unicode_charmap *maps);

static inline uint32_t unicode_class(const unicode_classes *c, uint32_t cp)
{
    if (cp < UNICODE_CLASS_TABLE)
        return c->cls[cp];
    if (cp == 0xF8FF)
        return UB_SP | UB_MOJI;
    if (cp == 0xFB01 || cp == 0xFB02)
        return UB_LA | UB_MOJI;
    if (cp == 0xFFFD)
        return UB_BAD | UB_MOJI;
    return 0;
}

/* Whether text has any mojibake-like sequence; how many (non-overlapping). */
int unicode_is_bad(const unicode_classes *c, const uint32_t *t, size_t n);
size_t unicode_badness(const unicode_classes *c, const uint32_t *t, size_t n);

#endif
