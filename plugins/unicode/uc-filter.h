/* uc-filter.h - the unicode filter's options and its read-only tables. */
#ifndef UNICODE_UC_FILTER_H
#define UNICODE_UC_FILTER_H

#include <stddef.h>
#include <stdint.h>

#include "uc-badness.h"
#include "uc-charmaps.h"
#include "uc-entities.h"
#include "uc-text.h"

enum unicode_html_mode { UH_OFF, UH_ON, UH_AUTO };
enum unicode_norm { UN_NONE, UN_NFC, UN_NFKC };

/* One switch per repair.  The names and defaults are python-ftfy's where
 * ftfy has the repair; the others are ours. */
typedef struct unicode_opts {
    int fix_invalid_bytes;        /* invalid UTF-8 bytes read as Windows-1252 */
    int fix_encoding;             /* mojibake */
    int restore_byte_a0;
    int replace_lossy_sequences;
    int decode_inconsistent_utf8;
    int fix_c1_controls;
    int fix_macroman_c1;          /* C1 controls inside words as MacRoman letters (ours) */
    enum unicode_html_mode unescape_html;
    int remove_terminal_escapes;
    int remove_control_chars;
    int remove_format_chars;      /* zero-width space, soft hyphen inside words */
    int fix_line_breaks;
    int fix_spaces;               /* odd spaces between words -> ' ' (off: ftfy keeps them) */
    int fix_latin_ligatures;
    int fix_character_width;
    enum unicode_norm normalization;
    int uncurl_quotes;
    int fold_dashes;              /* off by default */
    int fold_ellipsis;            /* off by default */
    int tidy_whitespace;          /* off by default */
    size_t max_decode_length;     /* longest segment fixed at once, in bytes */
} unicode_opts;

typedef struct unicode_tables {
    unicode_charmap maps[UE_COUNT];
    unicode_classes classes;
    unicode_entities entities;
    uint32_t width[0xFFF0 - 0xFF00][3];  /* NFKC of U+FF00..U+FFEF, 0-terminated */
    const void *nfc, *nfkc;              /* UNormalizer2 instances */
    uint8_t inert[2][0x10000 / 8];       /* BMP characters each leaves alone */
} unicode_tables;

/* The repairs, in the order one pass applies them. */
int unicode_fix_encoding(unicode_ctx *c, unicode_buf *io, unicode_buf *tmp);
int unicode_fix_c1(unicode_ctx *c, const unicode_buf *in, unicode_buf *out);
int unicode_unescape_html(unicode_ctx *c, const unicode_buf *in, unicode_buf *out);
int unicode_fix_chars(unicode_ctx *c, const unicode_buf *in, unicode_buf *out);
int unicode_remove_terminal_escapes(unicode_ctx *c, const unicode_buf *in, unicode_buf *out);
int unicode_normalize(unicode_ctx *c, const unicode_buf *in, unicode_buf *out);

#endif
