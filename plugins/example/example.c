/* example.c - a small, useful filter to copy when writing your own.
 *
 * It applies literal and regular-expression replacements listed in its JSON
 * configuration, in order, to the whole article:
 *
 *   { "filters": { "example": { "replace": [
 *       { "from": "Safety Service", "to": "Security Service" },
 *       { "regex": "[[:space:]]+$", "to": "", "newline": true } ] } } }
 *
 * "regex" is a POSIX extended regular expression; with "newline": true, ^ and
 * $ match at line ends and . never crosses a newline.  Every replacement goes
 * into the edit log.
 *
 * How a filter is put together (see <unspin/filter.h> for the rules):
 *  - create() reads and checks the configuration and builds the state;
 *  - process() reads the document's text and, when it changes something,
 *    logs each edit and hands the new text to the document;
 *  - destroy() frees the state;
 *  - UNSPIN_FILTER_EXPORT(example) names the descriptor so that libltdl finds
 *    it both in example.so and when preloaded into a static unspin.
 * Everything else is static, so two filters never clash in one binary.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <unspin/filter.h>

struct rule {
    char *from;          /* literal, or NULL for a regex rule */
    size_t from_len;
    regex_t re;
    int is_regex;
    char *to;
    size_t to_len;
};

struct example {
    struct rule *rules;
    size_t n;
};

static void example_destroy(void *state)
{
    struct example *ex = state;
    if (!ex)
        return;
    for (size_t i = 0; i < ex->n; i++) {
        if (ex->rules[i].is_regex)
            regfree(&ex->rules[i].re);
        free(ex->rules[i].from);
        free(ex->rules[i].to);
    }
    free(ex->rules);
    free(ex);
}

static int read_rule(const cJSON *item, size_t i, struct rule *r, char **err)
{
    const cJSON *from = cJSON_GetObjectItemCaseSensitive(item, "from");
    const cJSON *regex = cJSON_GetObjectItemCaseSensitive(item, "regex");
    const cJSON *to = cJSON_GetObjectItemCaseSensitive(item, "to");
    const cJSON *nl = cJSON_GetObjectItemCaseSensitive(item, "newline");

    if (!cJSON_IsObject(item))
        return unspin_error(err, "replace[%zu]: expected an object", i);
    if (!!cJSON_IsString(from) == !!cJSON_IsString(regex))
        return unspin_error(err, "replace[%zu]: give exactly one of \"from\" or \"regex\" as a string", i);
    if (!cJSON_IsString(to))
        return unspin_error(err, "replace[%zu]: \"to\" must be a string", i);
    if (cJSON_IsString(from) && !*from->valuestring)
        return unspin_error(err, "replace[%zu]: \"from\" is empty", i);
    for (const cJSON *k = item->child; k; k = k->next)
        if (strcmp(k->string, "from") && strcmp(k->string, "regex") &&
            strcmp(k->string, "to") && strcmp(k->string, "newline"))
            return unspin_error(err, "replace[%zu]: unknown key \"%s\"", i, k->string);

    r->to = strdup(to->valuestring);
    r->to_len = strlen(to->valuestring);
    if (cJSON_IsString(regex)) {
        int flags = REG_EXTENDED | (cJSON_IsTrue(nl) ? REG_NEWLINE : 0);
        int rc = regcomp(&r->re, regex->valuestring, flags);
        if (rc) {
            char msg[256];
            regerror(rc, &r->re, msg, sizeof msg);
            return unspin_error(err, "replace[%zu]: bad regex \"%s\": %s", i, regex->valuestring, msg);
        }
        r->is_regex = 1;
    } else {
        r->from = strdup(from->valuestring);
        r->from_len = strlen(from->valuestring);
    }
    return 0;
}

static int example_create(const cJSON *config, const unspin_host *host, void **state, char **err)
{
    struct example *ex = calloc(1, sizeof *ex);
    if (!ex)
        return unspin_error(err, "out of memory");
    *state = ex;
    for (const cJSON *k = config->child; k; k = k->next)
        if (strcmp(k->string, "replace"))
            return unspin_error(err, "unknown option \"%s\" (known: replace)", k->string);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(config, "replace");
    if (!list)
        return 0;
    if (!cJSON_IsArray(list))
        return unspin_error(err, "\"replace\" must be an array of {from|regex, to}");
    ex->rules = calloc((size_t)cJSON_GetArraySize(list) + 1, sizeof *ex->rules);
    if (!ex->rules)
        return unspin_error(err, "out of memory");
    for (const cJSON *item = list->child; item; item = item->next)
        /* counted even when it fails: destroy() frees what it got */
        if (read_rule(item, ex->n, &ex->rules[ex->n], err) || (ex->n++, 0))
            return ++ex->n, -1;
    return 0;
}

/* Finds the next match of r in text[pos..len); returns 0 and sets [*s,*e) if found. */
static int next_match(struct rule *r, const char *text, size_t len, size_t pos, size_t *s, size_t *e)
{
    if (!r->is_regex) {
        const char *hit = memmem(text + pos, len - pos, r->from, r->from_len);
        if (!hit)
            return -1;
        *s = (size_t)(hit - text);
        *e = *s + r->from_len;
        return 0;
    }
    /* REG_STARTEND lets the regex run over text with NUL bytes and from pos. */
    regmatch_t m = { .rm_so = (regoff_t)pos, .rm_eo = (regoff_t)len };
    int flags = REG_STARTEND | (pos > 0 && text[pos - 1] != '\n' ? REG_NOTBOL : 0);
    if (regexec(&r->re, text, 1, &m, flags))
        return -1;
    *s = (size_t)m.rm_so;
    *e = (size_t)m.rm_eo;
    return 0;
}

static int apply_rule(struct rule *r, unspin_doc *doc, char **err)
{
    size_t len, pos = 0, s, e;
    const char *text = unspin_doc_text(doc, &len);
    char *out = NULL;
    size_t out_len = 0, out_cap = 0;
    int changed = 0;

    while (pos <= len && next_match(r, text, len, pos, &s, &e) == 0) {
        size_t need = out_len + (s - pos) + r->to_len + 1;
        if (need > out_cap) {
            out_cap = need * 2;
            char *p = realloc(out, out_cap);
            if (!p) {
                free(out);
                return unspin_error(err, "out of memory");
            }
            out = p;
        }
        memcpy(out + out_len, text + pos, s - pos);
        out_len += s - pos;
        memcpy(out + out_len, r->to, r->to_len);
        out_len += r->to_len;
        unspin_doc_log_edit(doc, s, e, text + s, e - s, r->to, r->to_len,
                            r->is_regex ? "regex replacement" : "literal replacement", 1.0);
        changed = 1;
        if (e == s) {            /* an empty match: copy one byte and go on */
            if (s < len)
                out[out_len++] = text[s];
            pos = s + 1;
        } else {
            pos = e;
        }
    }
    if (!changed)
        return 0;
    size_t rest = pos < len ? len - pos : 0;
    char *p = realloc(out, out_len + rest + 1);
    if (!p) {
        free(out);
        return unspin_error(err, "out of memory");
    }
    memcpy(p + out_len, text + pos, rest);
    return unspin_doc_take_text(doc, p, out_len + rest) ? unspin_error(err, "out of memory") : 0;
}

static int example_process(void *state, unspin_doc *doc, char **err)
{
    struct example *ex = state;
    for (size_t i = 0; i < ex->n; i++)
        if (apply_rule(&ex->rules[i], doc, err))
            return -1;
    return 0;
}

const unspin_filter UNSPIN_FILTER_EXPORT(example) = {
    .abi_major = UNSPIN_ABI_MAJOR,
    .abi_minor = UNSPIN_ABI_MINOR,
    .name = "example",
    .version = "1.0",
    .description = "literal and regex replacements from the configuration (a template for your own filters)",
    .flags = UNSPIN_FILTER_THREADSAFE,
    .create = example_create,
    .process = example_process,
    .destroy = example_destroy,
};
