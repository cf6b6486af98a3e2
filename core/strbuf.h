/* strbuf.h - a growable byte buffer, always NUL-terminated. */
#ifndef UNSPIN_STRBUF_H
#define UNSPIN_STRBUF_H
#include <stddef.h>

typedef struct strbuf {
    char *data;   /* NULL until something is added */
    size_t len;
    size_t cap;
} strbuf;

/* All return 0, or -1 when memory runs out (the buffer is then unchanged). */
int sb_reserve(strbuf *sb, size_t extra);
int sb_add(strbuf *sb, const char *s, size_t n);
int sb_adds(strbuf *sb, const char *s);
int sb_addc(strbuf *sb, char c);
int sb_printf(strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included; NUL bytes become \u0000. */
int sb_add_json_string(strbuf *sb, const char *s, size_t n);
/* The same, but bytes that are not part of valid UTF-8 are written as the
 * \u00XX escape of the same value, so the result is always valid UTF-8
 * JSON (used for reports, whose readers must be able to parse them). */
int sb_add_json_string_utf8(strbuf *sb, const char *s, size_t n);
/* Length of the valid UTF-8 sequence at s[0..n), or 0 when it is not one. */
size_t utf8_seq_len(const unsigned char *s, size_t n);
void sb_reset(strbuf *sb);
void sb_free(strbuf *sb);
/* Gives the buffer away (malloc()ed, NUL-terminated, never NULL on success). */
char *sb_detach(strbuf *sb, size_t *len);
#endif
