/* uc-normalize.c - Unicode normalization (NFC, or NFKC) with ICU, done in
 * small pieces between normalization boundaries so that each change is
 * logged against the characters it came from. */
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/utf16.h>

#include "uc-filter.h"

#define PIECE 64   /* longer combining sequences are left as they are */

/* Normalizes in[a, b) into res; returns its length, or -1 if unchanged or
 * too long to handle. */
static int normalize_piece(const UNormalizer2 *norm, const unicode_buf *in, size_t a, size_t b, uint32_t *res)
{
    UChar src[PIECE * 2], dst[PIECE * 4];
    int32_t ns = 0;
    for (size_t i = a; i < b; i++) {
        if (ns + 2 > PIECE * 2)
            return -1;
        U16_APPEND_UNSAFE(src, ns, (UChar32)in->cp[i]);
    }
    UErrorCode st = U_ZERO_ERROR;
    int32_t nd = unorm2_normalize(norm, src, ns, dst, PIECE * 4, &st);
    if (U_FAILURE(st))
        return -1;
    if (nd == ns && !memcmp(src, dst, (size_t)ns * sizeof *src))
        return -1;
    int k = 0;
    for (int32_t i = 0; i < nd && k < PIECE * 2;) {
        UChar32 cp;
        U16_NEXT_UNSAFE(dst, i, cp);
        res[k++] = (uint32_t)cp;
    }
    return k;
}

int unicode_normalize(unicode_ctx *c, const unicode_buf *in, unicode_buf *out)
{
    const unicode_opts *o = c->o;
    if (o->normalization == UN_NONE)
        return 0;
    int nfkc = o->normalization == UN_NFKC;
    const UNormalizer2 *norm = nfkc ? c->t->nfkc : c->t->nfc;
    const uint8_t *inert = c->t->inert[nfkc];
#define INERT(cp) ((cp) < 0x10000 && (inert[(cp) >> 3] >> ((cp) & 7) & 1))
    int changed = 0;
    size_t done = 0;   /* in[0, done) is in out */
    for (size_t i = 0; i < in->n; i++) {
        if (in->cp[i] < 0x80 || INERT(in->cp[i]))
            continue;
        if (!changed && done == 0)
            out->n = 0;
        /* the piece around i that normalizes on its own */
        size_t a = i, b = i + 1;
        while (a > done && !unorm2_hasBoundaryBefore(norm, (UChar32)in->cp[a]))
            a--;
        while (b < in->n && !unorm2_hasBoundaryBefore(norm, (UChar32)in->cp[b]))
            b++;
        uint32_t res[PIECE * 2];
        int k = normalize_piece(norm, in, a, b, res);
        if (k >= 0) {
            unicode_buf_keep_range(c, out, in, done, a);
            unicode_buf_replace(c, out, in, a, b, res, (size_t)k, UR(UR_NORMALIZE));
            done = b;
            changed = 1;
        }
        i = b - 1;
    }
#undef INERT
    if (changed)
        unicode_buf_keep_range(c, out, in, done, in->n);
    return changed;
}
