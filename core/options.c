/* options.c - the command line of unspin. */
#include "options.h"
#include "default-chain.h"
#include "split.h"
#include "unspin/filter.h"
#include <errno.h>
#include <stdint.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void options_print_help(void)
{
    printf(
"Usage: unspin [OPTIONS] [FILE...]\n"
"Clean scraped news articles: repair broken Unicode, strip boilerplate, undo\n"
"thesaurus spinning.  With no FILE, standard input is one article; each FILE is\n"
"one article, written to standard output in order.\n"
"\n"
"  -f, --filters LIST       comma-separated filter chain, in order\n"
"                           (default: %s)\n"
"  -c, --config FILE        JSON configuration: {\"chain\": ..., \"plugin_path\": ...,\n"
"                           \"filters\": {NAME: {options}}}\n"
"      --set FILTER.KEY=VALUE  set one filter option (VALUE is JSON, or a string)\n"
"      --plugin-path DIR    look for filters in DIR first (repeatable; then\n"
"                           $UNSPIN_PLUGIN_PATH, then the install directory)\n"
"      --jsonl              input is JSON Lines, one article per line\n"
"      --field NAME         the field holding the text (default: text)\n"
"      --id-field NAME      the field naming the record in messages and the\n"
"                           report (default: id; else the line number)\n"
"  -j, --jobs N             worker threads for --jsonl and for the parts of long\n"
"                           plain articles (order is kept)\n"
"  -o, --output FILE        write to FILE (replaced only when all went well)\n"
"  -i, --in-place           rewrite each FILE (a failure leaves it as it was)\n"
"      --report FILE        JSON Lines: per article the filters run, every edit\n"
"                           and each filter's figures\n"
"      --on-error MODE      a bad record (malformed JSON, missing text, a filter\n"
"                           failing on it): pass (default: write it unchanged and\n"
"                           name it on stderr), skip (leave it out and name it),\n"
"                           stop (stop there)\n"
"      --max-record-size N  records longer than N bytes (K, M, G suffixes) are\n"
"                           passed through unchanged and named (default: 1G)\n"
"      --chunk-size N       a plain article longer than N bytes is cleaned in\n"
"                           parts of at most N bytes cut at paragraph breaks\n"
"                           (else lines, sentences, words), written one after\n"
"                           the other, so memory stays bounded (default: 256K;\n"
"                           0: never split)\n"
"      --list-filters       list the filters found: name, version, description\n"
"      --version            print the version\n"
"  -h, --help               print this help\n"
"\n"
"Exit status: 0 all records cleaned; 1 usage error; 2 could not run (plugin,\n"
"configuration, input or output error, or --on-error stop hit a bad record);\n"
"3 finished, but some records were passed through unchanged or skipped.\n",
        *UNSPIN_DEFAULT_CHAIN ? UNSPIN_DEFAULT_CHAIN : "(no filter built)");
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *s == '-')
        return -1;
    unsigned long long mul = 1;
    switch (*end) {
    case 'k': case 'K': mul = 1ULL << 10; end++; break;
    case 'm': case 'M': mul = 1ULL << 20; end++; break;
    case 'g': case 'G': mul = 1ULL << 30; end++; break;
    }
    if (*end || v == 0 || v > ((unsigned long long)SIZE_MAX) / mul)
        return -1;
    *out = (size_t)(v * mul);
    return 0;
}

static int push(const char ***list, size_t *n, const char *s)
{
    const char **p = realloc(*list, (*n + 2) * sizeof *p);
    if (!p)
        return -1;
    p[(*n)++] = s;
    p[*n] = NULL;
    *list = p;
    return 0;
}

enum { OPT_SET = 256, OPT_PLUGIN_PATH, OPT_JSONL, OPT_FIELD, OPT_ID_FIELD, OPT_REPORT,
       OPT_ON_ERROR, OPT_MAX_RECORD, OPT_CHUNK_SIZE, OPT_LIST, OPT_VERSION };

int options_parse(int argc, char **argv, struct options *o, char **err)
{
    static const struct option longs[] = {
        { "filters", required_argument, NULL, 'f' },
        { "config", required_argument, NULL, 'c' },
        { "set", required_argument, NULL, OPT_SET },
        { "plugin-path", required_argument, NULL, OPT_PLUGIN_PATH },
        { "jsonl", no_argument, NULL, OPT_JSONL },
        { "field", required_argument, NULL, OPT_FIELD },
        { "id-field", required_argument, NULL, OPT_ID_FIELD },
        { "jobs", required_argument, NULL, 'j' },
        { "output", required_argument, NULL, 'o' },
        { "in-place", no_argument, NULL, 'i' },
        { "report", required_argument, NULL, OPT_REPORT },
        { "on-error", required_argument, NULL, OPT_ON_ERROR },
        { "max-record-size", required_argument, NULL, OPT_MAX_RECORD },
        { "chunk-size", required_argument, NULL, OPT_CHUNK_SIZE },
        { "list-filters", no_argument, NULL, OPT_LIST },
        { "version", no_argument, NULL, OPT_VERSION },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    memset(o, 0, sizeof *o);
    o->field = "text";
    o->id_field = "id";
    o->jobs = 1;
    o->max_record = DEFAULT_MAX_RECORD;
    o->chunk_size = DEFAULT_CHUNK_SIZE;
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":f:c:j:o:ih", longs, NULL)) != -1) {
        switch (c) {
        case 'f': o->filters = optarg; break;
        case 'c': o->config_file = optarg; break;
        case OPT_SET: if (push(&o->sets, &o->n_sets, optarg)) return unspin_error(err, "out of memory"); break;
        case OPT_PLUGIN_PATH: if (push(&o->plugin_dirs, &o->n_plugin_dirs, optarg)) return unspin_error(err, "out of memory"); break;
        case OPT_JSONL: o->jsonl = 1; break;
        case OPT_FIELD: o->field = optarg; break;
        case OPT_ID_FIELD: o->id_field = optarg; break;
        case 'j': {
            char *end;
            long j = strtol(optarg, &end, 10);
            if (*end || j < 1 || j > 256)
                return unspin_error(err, "-j %s: expected a number of threads from 1 to 256", optarg);
            o->jobs = (int)j;
            break;
        }
        case 'o': o->output = optarg; break;
        case 'i': o->in_place = 1; break;
        case OPT_REPORT: o->report = optarg; break;
        case OPT_ON_ERROR:
            if (strcmp(optarg, "pass") == 0) o->on_error = ON_ERROR_PASS;
            else if (strcmp(optarg, "skip") == 0) o->on_error = ON_ERROR_SKIP;
            else if (strcmp(optarg, "stop") == 0) o->on_error = ON_ERROR_STOP;
            else return unspin_error(err, "--on-error %s: expected pass, skip or stop", optarg);
            break;
        case OPT_MAX_RECORD:
            if (parse_size(optarg, &o->max_record))
                return unspin_error(err, "--max-record-size %s: expected a size such as 500M", optarg);
            break;
        case OPT_CHUNK_SIZE:
            if (strcmp(optarg, "0") == 0)
                o->chunk_size = 0;
            else if (parse_size(optarg, &o->chunk_size))
                return unspin_error(err, "--chunk-size %s: expected a size such as 4M, or 0", optarg);
            break;
        case OPT_LIST: o->list_filters = 1; break;
        case OPT_VERSION: o->version = 1; break;
        case 'h': o->help = 1; break;
        case ':': return unspin_error(err, "%s needs a value", argv[optind - 1]);
        default:
            if (optopt)
                return unspin_error(err, "unknown option -%c (see --help)", optopt);
            return unspin_error(err, "unknown option %s (see --help)", argv[optind - 1]);
        }
    }
    o->files = argv + optind;
    o->n_files = (size_t)(argc - optind);
    if (o->in_place && o->n_files == 0)
        return unspin_error(err, "--in-place needs FILE operands");
    if (o->in_place && o->output)
        return unspin_error(err, "--in-place and --output do not go together");
    if (o->in_place && o->report && strcmp(o->report, "-") == 0)
        return unspin_error(err, "--report - (standard output) does not go with --in-place");
    if (!*o->field)
        return unspin_error(err, "--field needs a name");
    return 0;
}

void options_free(struct options *o)
{
    free(o->sets);
    free(o->plugin_dirs);
}
