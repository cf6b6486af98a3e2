/* linereader.c - reads lines of any length, with a bound on memory. */
#include "linereader.h"
#include <stdlib.h>
#include <string.h>

#define LR_BUF (1 << 16)

int lr_init(linereader *lr, FILE *f)
{
    memset(lr, 0, sizeof *lr);
    lr->f = f;
    lr->buf = malloc(LR_BUF);
    return lr->buf ? 0 : -1;
}

void lr_free(linereader *lr)
{
    free(lr->buf);
    lr->buf = NULL;
}

static int fill(linereader *lr)
{
    if (lr->eof)
        return 0;
    size_t n = fread(lr->buf, 1, LR_BUF, lr->f);
    lr->start = 0;
    lr->end = n;
    if (n == 0) {
        lr->eof = 1;
        if (ferror(lr->f))
            lr->error = 1;
    }
    return (int)(n > 0);
}

int lr_next(linereader *lr, strbuf *line, size_t max, int delim, int *oversize)
{
    sb_reset(line);
    *oversize = 0;
    int any = 0;
    for (;;) {
        if (lr->start == lr->end && !fill(lr))
            return lr->error ? -1 : any;
        any = 1;
        const char *p = lr->buf + lr->start;
        size_t avail = lr->end - lr->start;
        const char *nl = delim >= 0 ? memchr(p, delim, avail) : NULL;
        size_t take = nl ? (size_t)(nl - p) : avail;
        size_t room = max - line->len;
        if (take > room) {
            if (sb_add(line, p, room))
                return -1;
            lr->start += room;
            *oversize = 1;
            return 1;
        }
        if (sb_add(line, p, take))
            return -1;
        lr->start += take;
        if (nl) {
            lr->start++;    /* the delimiter */
            return 1;
        }
    }
}

int lr_rest(linereader *lr, int delim, int (*fn)(void *ud, const char *p, size_t n), void *ud)
{
    for (;;) {
        if (lr->start == lr->end && !fill(lr))
            return lr->error ? -1 : 0;
        const char *p = lr->buf + lr->start;
        size_t avail = lr->end - lr->start;
        const char *nl = delim >= 0 ? memchr(p, delim, avail) : NULL;
        size_t take = nl ? (size_t)(nl - p) : avail;
        if (fn(ud, p, take))
            return -1;
        lr->start += take;
        if (nl) {
            lr->start++;
            return 0;
        }
    }
}

int lr_fill(linereader *lr, strbuf *sb, size_t max)
{
    while (sb->len < max) {
        if (lr->start == lr->end && !fill(lr))
            return lr->error ? -1 : 0;
        size_t take = lr->end - lr->start;
        if (take > max - sb->len)
            take = max - sb->len;
        if (sb_add(sb, lr->buf + lr->start, take))
            return -1;
        lr->start += take;
    }
    if (lr->start == lr->end && !fill(lr))
        return lr->error ? -1 : 0;
    return 1;
}
