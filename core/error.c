/* error.c - the one way errors travel: a malloc()ed message in *err. */
#include "unspin/filter.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int unspin_error(char **err, const char *fmt, ...)
{
    if (!err)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    free(*err);     /* the latest message wins: it says most */
    *err = msg;
    return -1;
}
