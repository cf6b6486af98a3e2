/* uc-text.c - code point buffers with source spans, the edit list, UTF-8. */
#include <stdlib.h>
#include <string.h>

#include "uc-text.h"

void unicode_buf_free(unicode_buf *b)
{
    free(b->cp);
    free(b->s);
    free(b->e);
    memset(b, 0, sizeof *b);
}

int unicode_buf_reserve(unicode_ctx *c, unicode_buf *b, size_t n)
{
    if (c->oom)
        return -1;
    if (n <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < n)
        cap *= 2;
    uint32_t *cp = realloc(b->cp, cap * sizeof *cp);
    if (cp)
        b->cp = cp;
    uint32_t *s = realloc(b->s, cap * sizeof *s);
    if (s)
        b->s = s;
    uint32_t *e = realloc(b->e, cap * sizeof *e);
    if (e)
        b->e = e;
    if (!cp || !s || !e) {
        c->oom = 1;
        return -1;
    }
    b->cap = cap;
    return 0;
}

void unicode_buf_push(unicode_ctx *c, unicode_buf *b, uint32_t cp, uint32_t s, uint32_t e)
{
    if (b->n == b->cap && unicode_buf_reserve(c, b, b->n + 1))
        return;
    b->cp[b->n] = cp;
    b->s[b->n] = s;
    b->e[b->n] = e;
    b->n++;
}

void unicode_buf_keep(unicode_ctx *c, unicode_buf *out, const unicode_buf *in, size_t i)
{
    unicode_buf_push(c, out, in->cp[i], in->s[i], in->e[i]);
}

void unicode_buf_keep_range(unicode_ctx *c, unicode_buf *out, const unicode_buf *in, size_t a, size_t b)
{
    if (b <= a || unicode_buf_reserve(c, out, out->n + (b - a)))
        return;
    memcpy(out->cp + out->n, in->cp + a, (b - a) * sizeof *in->cp);
    memcpy(out->s + out->n, in->s + a, (b - a) * sizeof *in->s);
    memcpy(out->e + out->n, in->e + a, (b - a) * sizeof *in->e);
    out->n += b - a;
}

void unicode_edit_add(unicode_ctx *c, uint32_t s, uint32_t e, uint64_t why)
{
    if (c->oom)
        return;
    if (c->ned == c->caped) {
        size_t cap = c->caped ? c->caped * 2 : 16;
        unicode_edit *v = realloc(c->ed, cap * sizeof *v);
        if (!v) {
            c->oom = 1;
            return;
        }
        c->ed = v;
        c->caped = cap;
    }
    c->ed[c->ned++] = (unicode_edit){ s, e, why };
}

void unicode_buf_replace(unicode_ctx *c, unicode_buf *out, const unicode_buf *in, size_t a, size_t b,
                         const uint32_t *cps, size_t k, uint64_t why)
{
    uint32_t s = in->s[a], e = in->e[b - 1];
    for (size_t i = 0; i < k; i++)
        unicode_buf_push(c, out, cps[i], s, e);
    unicode_edit_add(c, s, e, why);
}

void unicode_buf_swap(unicode_buf *a, unicode_buf *b)
{
    unicode_buf t = *a;
    *a = *b;
    *b = t;
}

int unicode_buf_equal(const unicode_buf *a, const unicode_buf *b)
{
    return a->n == b->n && !memcmp(a->cp, b->cp, a->n * sizeof *a->cp);
}

size_t unicode_utf8_put(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t unicode_utf8_get(const unsigned char *p, size_t avail, uint32_t *cp)
{
    unsigned char b = p[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    /* The second byte's allowed range depends on the lead byte: this is
     * what rules out overlongs, surrogates and values past U+10FFFF. */
    unsigned char lo = 0x80, hi = 0xBF;
    size_t len;
    uint32_t v;
    if (b >= 0xC2 && b <= 0xDF) {
        len = 2;
        v = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
        len = 3;
        v = b & 0x0F;
        if (b == 0xE0)
            lo = 0xA0;
        else if (b == 0xED)
            hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        len = 4;
        v = b & 0x07;
        if (b == 0xF0)
            lo = 0x90;
        else if (b == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (avail < len || p[1] < lo || p[1] > hi)
        return 0;
    v = (v << 6) | (p[1] & 0x3F);
    for (size_t i = 2; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3F);
    }
    *cp = v;
    return len;
}
