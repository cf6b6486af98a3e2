/* boilerplate.c - the boilerplate filter: strips site chrome (menus, share
 * and follow lines, related-article lists, comment forms, promos, credit
 * lines, editorial notes, datelines, category tags) from scraped plain-text
 * articles.  Whole lines are removed; every kept line stays byte for byte and
 * in order.  How lines are judged: classify.c.  The pattern families are data:
 * dicts/boilerplate/patterns/FAMILY.txt.
 *
 * Options (all optional):
 *   "drop":     ["credits", ...]  only these pattern families remove lines
 *   "keep":     ["credits", ...]  every family but these removes lines
 *   "patterns": ["my-site.txt"]   extra pattern files (a family each, always on)
 *   "stopwords": "file.txt"       another stopword list (one word a line)
 *   "context":  "gentle" | "normal" | "aggressive"   how hard the context pass is
 *   "trace":    true              print each line's verdict to stderr
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <unspin/filter.h>

#include "classify.h"
#include "lines.h"
#include "patterns.h"
#include "wordset.h"

struct boilerplate {
    boilerplate_patterns *pat;
    boilerplate_wordset *stop;
    boilerplate_settings set;
    int trace;
};

static void boilerplate_destroy(void *state)
{
    struct boilerplate *bp = state;
    if (!bp)
        return;
    boilerplate_patterns_free(bp->pat);
    boilerplate_wordset_free(bp->stop);
    free(bp);
}

static char *join_path(const char *dir, const char *name)
{
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    if (p)
        sprintf(p, "%s/%s", dir, name);
    return p;
}

/* A string, or an array of strings: calls fn for each. */
static int each_string(const cJSON *v, const char *key, char **err,
                       int (*fn)(struct boilerplate *, const char *, const char *, char **),
                       struct boilerplate *bp)
{
    if (cJSON_IsString(v))
        return fn(bp, key, v->valuestring, err);
    if (!cJSON_IsArray(v))
        return unspin_error(err, "\"%s\" must be a string or an array of strings", key);
    for (const cJSON *it = v->child; it; it = it->next) {
        if (!cJSON_IsString(it))
            return unspin_error(err, "\"%s\" must be a string or an array of strings", key);
        if (fn(bp, key, it->valuestring, err))
            return -1;
    }
    return 0;
}

static int known_families(struct boilerplate *bp, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = 0;
    for (size_t i = 0; i < boilerplate_patterns_family_count(bp->pat); i++) {
        int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
                         boilerplate_patterns_family_name(bp->pat, i));
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
    return 0;
}

/* "drop" and "keep": switch one named family on (drop) or off (keep). */
static int set_family(struct boilerplate *bp, const char *key, const char *name, char **err)
{
    long i = boilerplate_patterns_family_find(bp->pat, name);
    if (i < 0) {
        char known[1024];
        known_families(bp, known, sizeof known);
        return unspin_error(err, "\"%s\": unknown pattern family \"%s\" (known: %s)", key, name, known);
    }
    boilerplate_patterns_family_enable(bp->pat, (size_t)i, !strcmp(key, "drop"));
    return 0;
}

static int add_patterns(struct boilerplate *bp, const char *key, const char *path, char **err)
{
    return boilerplate_patterns_load_file(bp->pat, path, err);
}

static int read_context(struct boilerplate *bp, const cJSON *v, char **err)
{
    static const char *const levels[] = { "gentle", "normal", "aggressive" };
    for (int i = 0; i < 3; i++)
        if (cJSON_IsString(v) && !strcmp(v->valuestring, levels[i])) {
            boilerplate_settings_for(i, &bp->set);
            return 0;
        }
    return unspin_error(err, "\"context\" must be \"gentle\", \"normal\" or \"aggressive\"");
}

static int boilerplate_create(const cJSON *config, const unspin_host *host, void **state, char **err)
{
    static const char *const keys[] = { "drop", "keep", "patterns", "stopwords", "context", "trace" };
    struct boilerplate *bp = calloc(1, sizeof *bp);
    if (!bp)
        return unspin_error(err, "out of memory");
    *state = bp;
    for (const cJSON *k = config->child; k; k = k->next) {
        size_t i = 0;
        while (i < sizeof keys / sizeof *keys && strcmp(k->string, keys[i]))
            i++;
        if (i == sizeof keys / sizeof *keys)
            return unspin_error(err, "unknown option \"%s\" (known: drop, keep, patterns, "
                                "stopwords, context, trace)", k->string);
    }
    const cJSON *drop = cJSON_GetObjectItemCaseSensitive(config, "drop");
    const cJSON *keep = cJSON_GetObjectItemCaseSensitive(config, "keep");
    const cJSON *patterns = cJSON_GetObjectItemCaseSensitive(config, "patterns");
    const cJSON *stopwords = cJSON_GetObjectItemCaseSensitive(config, "stopwords");
    const cJSON *context = cJSON_GetObjectItemCaseSensitive(config, "context");
    const cJSON *trace = cJSON_GetObjectItemCaseSensitive(config, "trace");
    if (drop && keep)
        return unspin_error(err, "give \"drop\" or \"keep\", not both");
    if (trace && !cJSON_IsBool(trace))
        return unspin_error(err, "\"trace\" must be true or false");
    bp->trace = cJSON_IsTrue(trace);

    boilerplate_settings_for(1, &bp->set);
    if (context && read_context(bp, context, err))
        return -1;

    char *dir = join_path(host->dict_dir, "boilerplate/patterns");
    char *stop = cJSON_IsString(stopwords) ? strdup(stopwords->valuestring)
                                           : join_path(host->dict_dir, "boilerplate/stopwords-en.txt");
    if (!dir || !stop || !(bp->pat = boilerplate_patterns_new())) {
        free(dir);
        free(stop);
        return unspin_error(err, "out of memory");
    }
    int rc = 0;
    if (stopwords && !cJSON_IsString(stopwords))
        rc = unspin_error(err, "\"stopwords\" must be the path of a word list");
    if (rc == 0)
        rc = boilerplate_patterns_load_dir(bp->pat, dir, err);
    if (rc == 0 && !(bp->stop = boilerplate_wordset_load(stop, err)))
        rc = -1;
    if (rc == 0 && bp->stop && boilerplate_wordset_size(bp->stop) == 0)
        rc = unspin_error(err, "stopword list %s has no words", stop);
    free(dir);
    free(stop);
    if (rc)
        return -1;

    if (drop) {              /* only the named families: switch all off first */
        for (size_t i = 0; i < boilerplate_patterns_family_count(bp->pat); i++)
            boilerplate_patterns_family_enable(bp->pat, i, 0);
        if (each_string(drop, "drop", err, set_family, bp))
            return -1;
    }
    if (keep && each_string(keep, "keep", err, set_family, bp))
        return -1;
    if (patterns && each_string(patterns, "patterns", err, add_patterns, bp))
        return -1;
    return boilerplate_patterns_prepare(bp->pat, err);
}

static const char *const class_names[] = { "blank", "bad", "short", "near-good", "good" };

static void trace_lines(const boilerplate_line *lines, size_t n, const char *text, const char *id)
{
    for (size_t i = 0; i < n; i++) {
        const boilerplate_line *l = &lines[i];
        if (l->cls == BP_BLANK)
            continue;
        int len = (int)(l->te - l->ts > 70 ? 70 : l->te - l->ts);
        fprintf(stderr, "boilerplate: %s:%zu %s %-9s c=%u w=%u sd=%.2f %s%s| %.*s\n", id, i + 1,
                l->keep ? "KEEP" : "drop", class_names[l->cls], l->chars, l->words,
                boilerplate_line_density(l), l->keep ? "" : l->rule ? l->rule->family : l->reason,
                l->keep ? "" : " ", len, text + l->ts);
    }
}

/* Logs the removal of text[start..end) for line l (NULL: blank lines). */
static int log_removal(unspin_doc *doc, const char *text, size_t start, size_t end,
                       const boilerplate_line *l)
{
    char reason[600];
    double confidence = 0.7;
    if (!l)
        snprintf(reason, sizeof reason, "blank line left by removed boilerplate");
    else if (l->rule) {
        snprintf(reason, sizeof reason, "%s: %s", l->rule->family, l->rule->source);
        confidence = 0.95;
    } else {
        snprintf(reason, sizeof reason, "%s", l->reason ? l->reason : "boilerplate");
        if (l->final)
            confidence = 0.9;
    }
    return unspin_doc_log_edit(doc, start, end, text + start, end - start, NULL, 0, reason, confidence);
}

static int boilerplate_process(void *state, unspin_doc *doc, char **err)
{
    struct boilerplate *bp = state;
    size_t len;
    const char *text = unspin_doc_text(doc, &len);
    boilerplate_line *lines;
    long got = boilerplate_lines_split(text, len, bp->stop, &lines);
    if (got < 0)
        return unspin_error(err, "out of memory");
    size_t n = (size_t)got;
    /* the patterns are shared by all threads, the match data is this call's */
    boilerplate_matcher *match = boilerplate_matcher_new(bp->pat);
    int failed = !match || boilerplate_classify(lines, n, text, &bp->set, match, bp->stop);
    boilerplate_matcher_free(match);
    if (failed) {
        free(lines);
        return unspin_error(err, "out of memory");
    }

    /* Blank lines go with the boilerplate they followed, and at the end of
     * the text when the last line went; other blank lines stay. */
    size_t last = n;
    int prev_dropped = 0, removed = 0, kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].cls == BP_BLANK) {
            if (prev_dropped)
                lines[i].keep = 0;
        } else {
            prev_dropped = !lines[i].keep;
            removed += !lines[i].keep;
            kept += lines[i].keep;
            last = i;
        }
    }
    if (last < n && !lines[last].keep)
        for (size_t i = n; i-- > last;)
            lines[i].keep = 0;
    if (bp->trace)
        trace_lines(lines, n, text, unspin_doc_id(doc));
    if (!removed) {
        free(lines);
        unspin_doc_set_stat(doc, "lines_removed", 0);
        return 0;
    }

    char *out = malloc(len + 1);
    if (!out) {
        free(lines);
        return unspin_error(err, "out of memory");
    }
    size_t olen = 0, removed_bytes = 0;
    int logging = unspin_doc_logging(doc);
    for (size_t i = 0; i < n; i++) {
        size_t end = lines[i].end < len ? lines[i].end + 1 : len;   /* with its '\n' */
        if (lines[i].keep) {
            memcpy(out + olen, text + lines[i].start, end - lines[i].start);
            olen += end - lines[i].start;
            continue;
        }
        removed_bytes += end - lines[i].start;
        if (!logging)
            continue;
        /* a run of blank lines after a removed line joins its edit */
        size_t j = i + 1;
        if (lines[i].cls != BP_BLANK)
            while (j < n && lines[j].cls == BP_BLANK && !lines[j].keep)
                j++;
        size_t stop = lines[j - 1].end < len ? lines[j - 1].end + 1 : len;
        if (log_removal(doc, text, lines[i].start, stop, lines[i].cls == BP_BLANK ? NULL : &lines[i])) {
            free(out);
            free(lines);
            return unspin_error(err, "out of memory");
        }
        for (size_t k = i + 1; k < j; k++) {
            removed_bytes += (lines[k].end < len ? lines[k].end + 1 : len) - lines[k].start;
        }
        i = j - 1;
    }
    unspin_doc_set_stat(doc, "lines_removed", removed);
    unspin_doc_set_stat(doc, "lines_kept", kept);
    unspin_doc_set_stat(doc, "share_removed", len ? (double)removed_bytes / len : 0);
    free(lines);
    out[olen] = 0;
    if (unspin_doc_take_text(doc, out, olen))
        return unspin_error(err, "out of memory");
    return 0;
}

const unspin_filter UNSPIN_FILTER_EXPORT(boilerplate) = {
    .abi_major = UNSPIN_ABI_MAJOR,
    .abi_minor = UNSPIN_ABI_MINOR,
    .name = "boilerplate",
    .version = "1.0",
    .description = "removes site chrome (menus, share lines, promos, credits, comment forms) "
                   "from scraped articles, keeping the article's lines verbatim",
    .flags = UNSPIN_FILTER_THREADSAFE,
    .create = boilerplate_create,
    .process = boilerplate_process,
    .destroy = boilerplate_destroy,
};
