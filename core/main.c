#include <config.h>
/* main.c - the unspin program: options, configuration, chain, inputs. */
#include "settings.h"
#include "options.h"
#include "default-chain.h"
#include "output.h"
#include "runner.h"
#include "unspin/unspin.h"
#include <errno.h>
#include <ltdl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_filter(const unspin_filter *f, const char *path, void *ud)
{
    (void)ud;
    printf("%-12s %-8s %s\n             (%s)\n", f->name, f->version, f->description, path);
}

/* --set must name a filter of the chain: otherwise it would do nothing. */
static int check_sets(const struct options *o, const unspin_chain *chain, const char *names)
{
    for (size_t i = 0; i < o->n_sets; i++) {
        const char *dot = strchr(o->sets[i], '.');
        size_t n = dot ? (size_t)(dot - o->sets[i]) : 0;
        int found = 0;
        for (size_t k = 0; k < unspin_chain_length(chain) && !found; k++) {
            const char *name = unspin_chain_filter_name(chain, k);
            found = strlen(name) == n && strncmp(name, o->sets[i], n) == 0;
        }
        if (!found) {
            fprintf(stderr, "unspin: --set %s: filter \"%.*s\" is not in the chain (%s)\n",
                    o->sets[i], (int)n, o->sets[i], names);
            return -1;
        }
    }
    return 0;
}

static int run_in_place(runner *r, const struct options *o)
{
    for (size_t i = 0; i < o->n_files; i++) {
        const char *name = o->files[i];
        FILE *in = fopen(name, "rb");
        if (!in) {
            fprintf(stderr, "unspin: %s: %s\n", name, strerror(errno));
            r->failed = 1;
            continue;
        }
        output out;
        char *err = NULL;
        if (output_open(&out, name, &err)) {
            fprintf(stderr, "unspin: %s\n", err);
            free(err);
            fclose(in);
            r->failed = 1;
            continue;
        }
        int rc = runner_input(r, in, name, &out);
        fclose(in);
        if (rc != 0) {
            output_abort(&out);
            fprintf(stderr, "unspin: %s: left as it was\n", name);
            if (r->stopped)
                return -1;
            continue;
        }
        if (output_commit(&out, &err)) {
            fprintf(stderr, "unspin: %s; %s left as it was\n", err, name);
            free(err);
            r->failed = 1;
        }
    }
    return 0;
}

static int run_to_output(runner *r, const struct options *o)
{
    output out;
    char *err = NULL;
    if (output_open(&out, o->output, &err)) {
        fprintf(stderr, "unspin: %s\n", err);
        free(err);
        r->failed = 1;
        return -1;
    }
    static char *stdin_only[] = { "-", NULL };
    char **files = o->n_files ? o->files : stdin_only;
    size_t n = o->n_files ? o->n_files : 1;
    for (size_t i = 0; i < n; i++) {
        int is_stdin = strcmp(files[i], "-") == 0;
        FILE *in = is_stdin ? stdin : fopen(files[i], "rb");
        if (!in) {
            /* Say so and go on: the other inputs still get cleaned. */
            fprintf(stderr, "unspin: %s: %s\n", files[i], strerror(errno));
            r->failed = 1;
            continue;
        }
        int rc = runner_input(r, in, is_stdin ? "-" : files[i], &out);
        if (!is_stdin)
            fclose(in);
        if (rc != 0 && (r->stopped || out.failed))
            break;
    }
    if (out.failed) {
        output_abort(&out);
        return -1;
    }
    if (output_commit(&out, &err)) {
        fprintf(stderr, "unspin: %s\n", err);
        free(err);
        r->failed = 1;
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct options o;
    char *err = NULL;
    if (options_parse(argc, argv, &o, &err)) {
        fprintf(stderr, "unspin: %s\nTry 'unspin --help'.\n", err);
        free(err);
        options_free(&o);
        return EXIT_USAGE;
    }
    if (o.help) {
        options_print_help();
        options_free(&o);
        return EXIT_OK;
    }
    if (o.version) {
        printf("unspin %s (plugin ABI %d.%d)\n", PACKAGE_VERSION, UNSPIN_ABI_MAJOR, UNSPIN_ABI_MINOR);
        options_free(&o);
        return EXIT_OK;
    }

    int status = EXIT_CANNOT_RUN;
    config cfg;
    unspin_paths *paths = NULL;
    unspin_chain *chain = NULL;
    FILE *report = NULL;
    const char **dirs = NULL;
    runner r;
    int have_runner = 0;

#ifdef UNSPIN_STATIC_PLUGINS
    LTDL_SET_PRELOADED_SYMBOLS();
#endif
    if (config_init(&cfg) || unspin_init(&err))
        goto fail;
    if (o.config_file && config_load_file(&cfg, o.config_file, &err))
        goto fail;
    for (size_t i = 0; i < o.n_sets; i++)
        if (config_set(&cfg, o.sets[i], &err)) {
            status = EXIT_USAGE;
            goto fail;
        }

    /* --plugin-path first, then the configuration's plugin_path. */
    size_t n_cfg = 0;
    while (cfg.plugin_path[n_cfg])
        n_cfg++;
    dirs = calloc(o.n_plugin_dirs + n_cfg + 1, sizeof *dirs);
    if (!dirs)
        goto fail;
    for (size_t i = 0; i < o.n_plugin_dirs; i++)
        dirs[i] = o.plugin_dirs[i];
    for (size_t i = 0; i < n_cfg; i++)
        dirs[o.n_plugin_dirs + i] = cfg.plugin_path[i];
    if (!(paths = unspin_paths_default(dirs)))
        goto fail;

    if (o.list_filters) {
        unspin_module_list(paths, print_filter, NULL, &err);
        status = fflush(stdout) == 0 ? EXIT_OK : EXIT_CANNOT_RUN;
        goto done;
    }

    const char *names = o.filters ? o.filters : cfg.chain ? cfg.chain : UNSPIN_DEFAULT_CHAIN;
    if (!names[strspn(names, ", ")]) {
        fprintf(stderr, "unspin: the filter chain is empty%s\n",
                o.filters || cfg.chain ? "" : " (no filter was built)");
        status = o.filters ? EXIT_USAGE : EXIT_CANNOT_RUN;
        goto done;
    }
    if (!(chain = unspin_chain_new(names, cfg.filters, paths, &err)))
        goto fail;
    if (check_sets(&o, chain, names))
        goto done;

    if (o.report) {
        report = strcmp(o.report, "-") == 0 ? stdout : fopen(o.report, "w");
        if (!report) {
            fprintf(stderr, "unspin: %s: %s\n", o.report, strerror(errno));
            goto done;
        }
    }
    if (runner_init(&r, &o, chain, report, o.report))
        goto fail;
    have_runner = 1;
    if (o.in_place)
        run_in_place(&r, &o);
    else
        run_to_output(&r, &o);
    if (report && report != stdout && fclose(report) != 0) {
        fprintf(stderr, "unspin: %s: write error: %s\n", o.report, strerror(errno));
        r.failed = 1;
    }
    report = NULL;
    status = r.failed || r.stopped ? EXIT_CANNOT_RUN
           : r.counts.passed || r.counts.skipped ? EXIT_PARTIAL : EXIT_OK;
    goto done;

fail:
    fprintf(stderr, "unspin: %s\n", err ? err : "out of memory");
done:
    free(err);
    if (have_runner)
        runner_free(&r);
    if (report && report != stdout)
        fclose(report);
    unspin_chain_free(chain);
    unspin_paths_free(paths);
    free(dirs);
    config_free(&cfg);
    unspin_shutdown();
    options_free(&o);
    return status;
}
