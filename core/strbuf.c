/* strbuf.c - a growable byte buffer, always NUL-terminated. */
#include "strbuf.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sb_reserve(strbuf *sb, size_t extra)
{
    if (extra > SIZE_MAX - sb->len - 1)
        return -1;
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return 0;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(sb->data, cap);
    if (!p)
        return -1;
    sb->data = p;
    sb->cap = cap;
    return 0;
}

int sb_add(strbuf *sb, const char *s, size_t n)
{
    if (sb_reserve(sb, n))
        return -1;
    if (n)
        memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
    return 0;
}

int sb_adds(strbuf *sb, const char *s) { return sb_add(sb, s, strlen(s)); }
int sb_addc(strbuf *sb, char c) { return sb_add(sb, &c, 1); }

int sb_printf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || sb_reserve(sb, (size_t)n))
        return -1;
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
    return 0;
}

/* Writes \u00XX for byte c at o and returns the end. */
static char *escape_byte(char *o, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    memcpy(o, "\\u00", 4);
    o[4] = hex[c >> 4];
    o[5] = hex[c & 15];
    return o + 6;
}

/* Writes the JSON escape of s[0..n) at o (room for 6 bytes per input byte
 * must be there) and returns the end. */
static char *escape_json(char *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': *o++ = '\\'; *o++ = '"'; break;
        case '\\': *o++ = '\\'; *o++ = '\\'; break;
        case '\n': *o++ = '\\'; *o++ = 'n'; break;
        case '\r': *o++ = '\\'; *o++ = 'r'; break;
        case '\t': *o++ = '\\'; *o++ = 't'; break;
        default:
            if (c < 0x20 || c == 0x7f)
                o = escape_byte(o, c);
            else
                *o++ = (char)c;
        }
    }
    return o;
}

/* Worst case every byte becomes \u00XX; plus the two quotes. */
static char *open_json_string(strbuf *sb, size_t n)
{
    if (n > (SIZE_MAX - 2) / 6 || sb_reserve(sb, n * 6 + 2))
        return NULL;
    char *o = sb->data + sb->len;
    *o++ = '"';
    return o;
}

static int close_json_string(strbuf *sb, char *o)
{
    *o++ = '"';
    sb->len = (size_t)(o - sb->data);
    sb->data[sb->len] = '\0';
    return 0;
}

int sb_add_json_string(strbuf *sb, const char *s, size_t n)
{
    char *o = open_json_string(sb, n);
    return o ? close_json_string(sb, escape_json(o, s, n)) : -1;
}

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t need;
    unsigned cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf) { need = 2; cp = c & 0x1f; }
    else if (c >= 0xe0 && c <= 0xef) { need = 3; cp = c & 0x0f; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 4; cp = c & 0x07; }
    else return 0;
    if (n < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if ((need == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (need == 4 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0;
    return need;
}

int sb_add_json_string_utf8(strbuf *sb, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    char *o = open_json_string(sb, n);
    if (!o)
        return -1;
    size_t run = 0, i = 0;       /* s[run..i) is valid UTF-8 not yet written */
    while (i < n) {
        size_t l = utf8_seq_len(u + i, n - i);
        if (l) {
            i += l;
            continue;
        }
        o = escape_byte(escape_json(o, s + run, i - run), u[i]);
        run = ++i;
    }
    return close_json_string(sb, escape_json(o, s + run, n - run));
}

void sb_reset(strbuf *sb)
{
    sb->len = 0;
    if (sb->data)
        sb->data[0] = '\0';
}

void sb_free(strbuf *sb)
{
    free(sb->data);
    sb->data = NULL;
    sb->len = sb->cap = 0;
}

char *sb_detach(strbuf *sb, size_t *len)
{
    if (!sb->data && sb_reserve(sb, 0))
        return NULL;
    char *p = sb->data;
    p[sb->len] = '\0';
    if (len)
        *len = sb->len;
    sb->data = NULL;
    sb->len = sb->cap = 0;
    return p;
}
