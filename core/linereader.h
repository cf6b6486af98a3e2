/* linereader.h - reads lines of any length, holding at most a set number
 * of bytes of one line in memory. */
#ifndef UNSPIN_LINEREADER_H
#define UNSPIN_LINEREADER_H
#include <stdio.h>
#include "strbuf.h"

typedef struct linereader {
    FILE *f;
    char *buf;
    size_t start, end;
    int eof, error;
} linereader;

int lr_init(linereader *lr, FILE *f);
void lr_free(linereader *lr);
/* Reads the next line (without its '\n') into line, replacing its content.
 * delim: '\n', or -1 to read everything to the end of the input.
 * Returns 1 for a line, 0 at the end, -1 on a read error.  When the line is
 * longer than max bytes, line holds its first max bytes and *oversize is set:
 * call lr_rest() to hand the remainder on. */
int lr_next(linereader *lr, strbuf *line, size_t max, int delim, int *oversize);
/* Passes the rest of an oversize line (up to, not including, delim) to fn. */
int lr_rest(linereader *lr, int delim, int (*fn)(void *ud, const char *p, size_t n), void *ud);
/* Appends input to sb until it holds max bytes or the input ends.  Returns
 * 1 when more input follows, 0 at the end, -1 on a read error. */
int lr_fill(linereader *lr, strbuf *sb, size_t max);
#endif
