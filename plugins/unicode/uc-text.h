/* uc-text.h - the working representation of the unicode filter.
 *
 * A segment of the article (a line, or a piece of a very long line) is
 * decoded into code points.  Every code point remembers the byte span of the
 * original segment it came from, so that each repair, however many passes it
 * takes, can be logged against the bytes the user gave us.  A repair replaces
 * code points [a, b) with new ones that all carry the span of [a, b), and
 * records an edit with that span and a reason.
 *
 * Allocation failures set ctx->oom and make later calls no-ops; the caller
 * checks the flag once per segment instead of after every push.
 */
#ifndef UNICODE_UC_TEXT_H
#define UNICODE_UC_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Why a repair was made; one bit each in an edit's `why` mask. */
enum unicode_reason {
    UR_INVALID_BYTE,       /* byte that is not UTF-8, read as Windows-1252 */
    UR_MOJIBAKE_FIRST,     /* + index of the single-byte encoding (uc-charmaps.h) */
    UR_MOJIBAKE_LAST = UR_MOJIBAKE_FIRST + 15,
    UR_RESTORE_A0,         /* a space that stood for byte 0xA0 inside mojibake */
    UR_LOSSY,              /* mojibake that had lost bytes: decoded as U+FFFD */
    UR_LATIN1_AS_1252,     /* C1 controls of Latin-1 that meant Windows-1252 */
    UR_C1,                 /* a lone C1 control read as Windows-1252 */
    UR_MACROMAN_C1,        /* C1 controls inside words read as MacRoman */
    UR_ENTITY,
    UR_TERMINAL,
    UR_CONTROL,
    UR_FORMAT,
    UR_LINE_BREAK,
    UR_SPACE,
    UR_LIGATURE,
    UR_WIDTH,
    UR_NORMALIZE,
    UR_QUOTE,
    UR_DASH,
    UR_ELLIPSIS,
    UR_WHITESPACE,
    UR_COUNT
};

#define UR(reason) ((uint64_t)1 << (reason))

typedef struct unicode_buf {
    uint32_t *cp;          /* code points */
    uint32_t *s, *e;       /* source byte span [s, e) in the segment */
    size_t n, cap;
} unicode_buf;

typedef struct unicode_edit {
    uint32_t s, e;         /* source byte span */
    uint64_t why;          /* 1 << enum unicode_reason */
} unicode_edit;

typedef struct unicode_ctx {
    const struct unicode_opts *o;
    const struct unicode_tables *t;
    unicode_edit *ed;      /* edits of the current segment */
    size_t ned, caped;
    int oom;
} unicode_ctx;

void unicode_buf_free(unicode_buf *b);
int unicode_buf_reserve(unicode_ctx *c, unicode_buf *b, size_t n);
void unicode_buf_push(unicode_ctx *c, unicode_buf *b, uint32_t cp, uint32_t s, uint32_t e);
/* Copies in[i] unchanged. */
void unicode_buf_keep(unicode_ctx *c, unicode_buf *out, const unicode_buf *in, size_t i);
/* Copies in[a, b) unchanged. */
void unicode_buf_keep_range(unicode_ctx *c, unicode_buf *out, const unicode_buf *in, size_t a, size_t b);
/* Replaces in[a, b) (a < b) by cps[0, k) and logs the edit; `why` is a
 * mask of UR() bits. */
void unicode_buf_replace(unicode_ctx *c, unicode_buf *out, const unicode_buf *in, size_t a, size_t b,
                         const uint32_t *cps, size_t k, uint64_t why);
void unicode_edit_add(unicode_ctx *c, uint32_t s, uint32_t e, uint64_t why);
/* Swaps the contents of two buffers (after a stage wrote `b` from `a`). */
void unicode_buf_swap(unicode_buf *a, unicode_buf *b);
int unicode_buf_equal(const unicode_buf *a, const unicode_buf *b);

/* UTF-8 of one code point into out (4 bytes room); returns its length. */
size_t unicode_utf8_put(uint32_t cp, char *out);
/* Length of the valid UTF-8 sequence at p (strict: no overlongs, surrogates
 * or values past U+10FFFF), or 0 when the bytes at p are not valid UTF-8.
 * Stores the code point in *cp. */
size_t unicode_utf8_get(const unsigned char *p, size_t avail, uint32_t *cp);

#endif
