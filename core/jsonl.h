/* jsonl.h - what the core needs of one JSON Lines record, without
 * re-serialising it: the record is checked to be one valid JSON object, and
 * the byte span of a top-level member's value is found, so the output line
 * is the input line with only that value replaced (numbers, key order,
 * escapes and spacing of every other field stay exactly as they were).
 */
#ifndef UNSPIN_JSONL_H
#define UNSPIN_JSONL_H
#include <stddef.h>
#include "strbuf.h"

#define JSONL_MAX_DEPTH 512

typedef struct jsonl_member {
    size_t start, end;   /* byte span of the value, or 0,0 when absent */
    int found;
    int duplicate;       /* the key appears more than once */
} jsonl_member;

/* Checks that line[0..len) is exactly one JSON object (surrounding white
 * space allowed) and finds the top-level members named key1 and key2 (key2
 * may be NULL).  Returns 0, or -1 with *why set to a static reason such as
 * "not valid JSON at byte 17" (written into why_buf). */
int jsonl_scan(const char *line, size_t len, const char *key1, jsonl_member *m1,
               const char *key2, jsonl_member *m2, char *why_buf, size_t why_size);

/* Decodes the JSON string literal at s[0..len) (quotes included) into out,
 * as UTF-8.  \u0000 gives a NUL byte; an unpaired surrogate escape becomes
 * U+FFFD.  Returns 0, or -1 if it is not a valid string literal. */
int jsonl_decode_string(const char *s, size_t len, strbuf *out);

/* Whether the value at s[0..len) is a JSON string / number. */
int jsonl_is_string(const char *s, size_t len);
int jsonl_is_number(const char *s, size_t len);
#endif
