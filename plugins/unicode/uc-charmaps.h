/* uc-charmaps.h - the single-byte encodings that UTF-8 gets mistaken for.
 *
 * The tables are built at start-up from ICU's converters.  Bytes a converter
 * does not define decode as the Latin-1 character of the same number, and in
 * the "sloppy" Windows code pages byte 0x1A stands for U+FFFD, as in ftfy:
 * that lets text that went through a lossy decoder still be re-encoded.
 */
#ifndef UNICODE_UC_CHARMAPS_H
#define UNICODE_UC_CHARMAPS_H

#include <stdint.h>

/* In the order they are tried when fixing mojibake. */
enum unicode_enc {
    UE_LATIN1, UE_1252, UE_1251, UE_1250, UE_1253, UE_1254, UE_1257,
    UE_ISO8859_2, UE_MACROMAN, UE_CP437, UE_COUNT
};

#define UNICODE_CHARMAP_SLOTS 1024

typedef struct unicode_charmap {
    const char *name;                 /* as in the edit log */
    int sloppy;                       /* 0x1A <-> U+FFFD */
    uint32_t dec[256];
    unsigned char undefined[256];     /* not defined by the real code page */
    uint32_t key[UNICODE_CHARMAP_SLOTS]; /* reverse map: open addressing */
    unsigned char val[UNICODE_CHARMAP_SLOTS];
} unicode_charmap;

/* Builds all tables; returns -1 with a message in *err (malloc()ed) on failure. */
int unicode_charmaps_init(unicode_charmap *maps, char **err);
/* The byte that decodes to cp, or -1. */
int unicode_charmap_encode(const unicode_charmap *m, uint32_t cp);

#endif
