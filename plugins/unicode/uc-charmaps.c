/* uc-charmaps.c - single-byte code page tables built from ICU converters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unspin/filter.h>

#include "uc-charmaps.h"

static const struct {
    const char *icu, *name;
    int sloppy;
} encodings[UE_COUNT] = {
    [UE_LATIN1] = { "ISO-8859-1", "latin-1", 0 },
    [UE_1252] = { "windows-1252", "sloppy-windows-1252", 1 },
    [UE_1251] = { "windows-1251", "sloppy-windows-1251", 1 },
    [UE_1250] = { "windows-1250", "sloppy-windows-1250", 1 },
    [UE_1253] = { "windows-1253", "sloppy-windows-1253", 1 },
    [UE_1254] = { "windows-1254", "sloppy-windows-1254", 1 },
    [UE_1257] = { "windows-1257", "sloppy-windows-1257", 1 },
    [UE_ISO8859_2] = { "ISO-8859-2", "iso-8859-2", 0 },
    [UE_MACROMAN] = { "macintosh", "macroman", 0 },
    [UE_CP437] = { "IBM437", "cp437", 0 },
};

static unsigned slot_of(uint32_t cp)
{
    return (cp * 2654435761u) >> 22;   /* top 10 bits: 1024 slots */
}

static void put(unicode_charmap *m, uint32_t cp, unsigned char byte)
{
    unsigned i = slot_of(cp);
    while (m->key[i] && m->key[i] != cp)
        i = (i + 1) % UNICODE_CHARMAP_SLOTS;
    m->key[i] = cp;
    m->val[i] = byte;
}

int unicode_charmap_encode(const unicode_charmap *m, uint32_t cp)
{
    if (cp < 0x80)
        return cp == 0x1A && m->sloppy ? -1 : (int)cp;
    unsigned i = slot_of(cp);
    while (m->key[i]) {
        if (m->key[i] == cp)
            return m->val[i];
        i = (i + 1) % UNICODE_CHARMAP_SLOTS;
    }
    return -1;
}

/* One byte through an ICU converter: the code point, or 0 when the code page
 * leaves it undefined (ICU then reports an error or a substitute). */
static uint32_t icu_byte(UConverter *cnv, unsigned char byte)
{
    UChar u[4];
    UErrorCode st = U_ZERO_ERROR;
    ucnv_reset(cnv);
    int32_t n = ucnv_toUChars(cnv, u, 4, (const char *)&byte, 1, &st);
    if (U_FAILURE(st) || n != 1 || u[0] == 0xFFFD || u[0] == 0x1A)
        return 0;
    return u[0];
}

int unicode_charmaps_init(unicode_charmap *maps, char **err)
{
    for (int k = 0; k < UE_COUNT; k++) {
        unicode_charmap *m = &maps[k];
        memset(m, 0, sizeof *m);
        m->name = encodings[k].name;
        m->sloppy = encodings[k].sloppy;
        UErrorCode st = U_ZERO_ERROR;
        UConverter *cnv = ucnv_open(encodings[k].icu, &st);
        if (U_FAILURE(st))
            return unspin_error(err, "ICU has no converter for %s: %s", encodings[k].icu, u_errorName(st));
        /* Stop at undefined bytes instead of substituting, so we see them. */
        ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
        for (int b = 0; b < 256; b++) {
            uint32_t cp = b < 0x80 ? (uint32_t)b : icu_byte(cnv, (unsigned char)b);
            /* ICU maps the holes of some Windows code pages to the C1
             * control of the same number; Python (and so ftfy) calls them
             * undefined.  Either way the sloppy decoding is the same. */
            if (cp == 0 && b >= 0x80)
                m->undefined[b] = 1;
            if (b >= 0x80 && b < 0xA0 && cp == (uint32_t)b && k != UE_LATIN1)
                m->undefined[b] = 1;
            if (cp == 0 && b >= 0x80)
                cp = (uint32_t)b;
            m->dec[b] = cp;
        }
        ucnv_close(cnv);
        /* Python's cp437, which produced the mojibake ftfy collects, reads
         * 0xE6 as MICRO SIGN where ICU says GREEK SMALL LETTER MU: decode as
         * Python does, encode both. */
        if (k == UE_CP437 && m->dec[0xE6] == 0x03BC) {
            m->dec[0xE6] = 0x00B5;
            put(m, 0x03BC, 0xE6);
        }
        if (m->sloppy)
            m->dec[0x1A] = 0xFFFD;
        for (int b = 0x80; b < 256; b++)
            put(m, m->dec[b], (unsigned char)b);
        if (m->sloppy)
            put(m, 0xFFFD, 0x1A);
    }
    return 0;
}
