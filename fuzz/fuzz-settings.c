/* fuzz-settings.c - libFuzzer harness for the configuration reader: any
 * bytes as the -c FILE (read through a memfd, so the real file-reading path
 * runs), and as one --set assignment. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    config cfg;
    char *err = NULL;
    if (config_init(&cfg))
        abort();
    int fd = memfd_create("unspin-fuzz-config", 0);
    if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
        abort();
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    if (config_load_file(&cfg, path, &err) != 0 && !err)
        abort();        /* a failure always says why */
    free(err);
    err = NULL;
    close(fd);

    char *assignment = malloc(size + 1);
    if (!assignment)
        abort();
    memcpy(assignment, data, size);
    assignment[size] = '\0';
    if (config_set(&cfg, assignment, &err) != 0 && !err)
        abort();
    free(err);
    free(assignment);
    config_free(&cfg);
    return 0;
}
