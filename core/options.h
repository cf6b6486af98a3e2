/* options.h - the command line of unspin. */
#ifndef UNSPIN_OPTIONS_H
#define UNSPIN_OPTIONS_H
#include <stddef.h>

/* Exit codes, documented in --help and README. */
enum {
    EXIT_OK = 0,         /* every record cleaned */
    EXIT_USAGE = 1,      /* the command line is wrong */
    EXIT_CANNOT_RUN = 2, /* a plugin, the configuration or I/O failed */
    EXIT_PARTIAL = 3,    /* finished, but some records were passed through or skipped */
};

enum on_error { ON_ERROR_PASS, ON_ERROR_SKIP, ON_ERROR_STOP };

#define DEFAULT_MAX_RECORD ((size_t)1 << 30)   /* 1 GiB */

struct options {
    const char *filters;        /* -f; NULL: from the configuration or the default */
    const char *config_file;    /* -c */
    const char **sets;          /* --set, in order */
    size_t n_sets;
    const char **plugin_dirs;   /* --plugin-path, NULL-terminated */
    size_t n_plugin_dirs;
    int jsonl;
    const char *field;          /* --field, default "text" */
    const char *id_field;       /* --id-field, default "id" */
    const char *report;         /* --report FILE */
    enum on_error on_error;
    int jobs;                   /* -j */
    const char *output;         /* -o */
    int in_place;
    size_t max_record;          /* --max-record-size, bytes */
    size_t chunk_size;          /* --chunk-size, bytes; 0: plain articles are never split */
    int list_filters, version, help;
    char **files;               /* the operands */
    size_t n_files;
};

/* Returns 0, or -1 with *err set (a usage error: exit 1). */
int options_parse(int argc, char **argv, struct options *o, char **err);
void options_free(struct options *o);
void options_print_help(void);
#endif
