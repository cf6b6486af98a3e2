/* output.h - where cleaned text goes: standard output, or a file that is
 * written under a temporary name beside it and renamed over it only when
 * everything went well (so -o and --in-place never lose the original). */
#ifndef UNSPIN_OUTPUT_H
#define UNSPIN_OUTPUT_H
#include <stddef.h>
#include <stdio.h>

typedef struct output {
    FILE *f;
    char *path;       /* NULL: standard output */
    char *tmp;        /* the temporary file, until commit */
    int failed;
    int direct;       /* a device or pipe, written in place */
} output;

int output_open(output *o, const char *path, char **err);
int output_write(output *o, const char *data, size_t len, char **err);
/* Flushes and, for a file, renames the temporary file into place. */
int output_commit(output *o, char **err);
/* Drops a file's temporary copy (the original stays as it was). */
void output_abort(output *o);
const char *output_name(const output *o);
#endif
