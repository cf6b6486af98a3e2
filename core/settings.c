/* settings.c - the JSON configuration file and --set overrides. */
#include "settings.h"
#include "strbuf.h"
#include "unspin/filter.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int config_init(config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->plugin_path = calloc(1, sizeof *cfg->plugin_path);
    cfg->filters = cJSON_CreateObject();
    return cfg->plugin_path && cfg->filters ? 0 : -1;
}

void config_free(config *cfg)
{
    free(cfg->chain);
    for (size_t i = 0; cfg->plugin_path && cfg->plugin_path[i]; i++)
        free(cfg->plugin_path[i]);
    free(cfg->plugin_path);
    cJSON_Delete(cfg->filters);
    memset(cfg, 0, sizeof *cfg);
}

static int read_file(const char *path, strbuf *sb, char **err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return unspin_error(err, "%s: %s", path, strerror(errno));
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (sb_add(sb, buf, n)) {
            fclose(f);
            return unspin_error(err, "%s: out of memory", path);
        }
    int bad = ferror(f);
    fclose(f);
    if (bad)
        return unspin_error(err, "%s: read error", path);
    return 0;
}

static int position_of(const char *text, const char *at, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (const char *p = text; p < at && *p; p++) {
        if (*p == '\n') {
            ++*line;
            *col = 1;
        } else {
            ++*col;
        }
    }
    return 0;
}

static int chain_from_json(config *cfg, const cJSON *v, const char *path, char **err)
{
    strbuf sb = {0};
    if (cJSON_IsString(v)) {
        sb_adds(&sb, v->valuestring);
    } else if (cJSON_IsArray(v)) {
        for (const cJSON *e = v->child; e; e = e->next) {
            if (!cJSON_IsString(e)) {
                sb_free(&sb);
                return unspin_error(err, "%s: \"chain\" must list filter names as strings", path);
            }
            sb_printf(&sb, "%s%s", sb.len ? "," : "", e->valuestring);
        }
    } else {
        return unspin_error(err, "%s: \"chain\" must be a string or an array of strings", path);
    }
    free(cfg->chain);
    cfg->chain = sb_detach(&sb, NULL);
    return 0;
}

static int plugin_path_from_json(config *cfg, const cJSON *v, const char *path, char **err)
{
    size_t n = 0;
    while (cfg->plugin_path[n])
        n++;
    int count = cJSON_IsArray(v) ? cJSON_GetArraySize(v) : 1;
    char **p = realloc(cfg->plugin_path, (n + (size_t)count + 1) * sizeof *p);
    if (!p)
        return unspin_error(err, "out of memory");
    cfg->plugin_path = p;
    const cJSON *e = cJSON_IsArray(v) ? v->child : v;
    for (; e; e = cJSON_IsArray(v) ? e->next : NULL) {
        if (!cJSON_IsString(e))
            return unspin_error(err, "%s: \"plugin_path\" must be a string or an array of strings", path);
        p[n++] = strdup(e->valuestring);
        p[n] = NULL;
    }
    return 0;
}

int config_load_file(config *cfg, const char *path, char **err)
{
    strbuf sb = {0};
    if (read_file(path, &sb, err)) {
        sb_free(&sb);
        return -1;
    }
    const char *end = NULL;
    /* length counts the NUL: cJSON checks that it follows the value */
    cJSON *root = cJSON_ParseWithLengthOpts(sb.data ? sb.data : "", sb.len + 1, &end, 1);
    if (!root) {
        int line, col;
        position_of(sb.data ? sb.data : "", end ? end : cJSON_GetErrorPtr(), &line, &col);
        sb_free(&sb);
        return unspin_error(err, "%s:%d:%d: not valid JSON", path, line, col);
    }
    sb_free(&sb);
    int rc = 0;
    if (!cJSON_IsObject(root)) {
        rc = unspin_error(err, "%s: the configuration must be a JSON object", path);
        goto out;
    }
    for (const cJSON *k = root->child; k && rc == 0; k = k->next) {
        if (strcmp(k->string, "chain") == 0) {
            rc = chain_from_json(cfg, k, path, err);
        } else if (strcmp(k->string, "plugin_path") == 0) {
            rc = plugin_path_from_json(cfg, k, path, err);
        } else if (strcmp(k->string, "filters") == 0) {
            if (!cJSON_IsObject(k)) {
                rc = unspin_error(err, "%s: \"filters\" must be an object of filter name -> options", path);
                break;
            }
            for (const cJSON *f = k->child; f; f = f->next) {
                if (!cJSON_IsObject(f)) {
                    rc = unspin_error(err, "%s: options of filter \"%s\" must be an object", path, f->string);
                    break;
                }
                cJSON_DeleteItemFromObjectCaseSensitive(cfg->filters, f->string);
                cJSON_AddItemToObject(cfg->filters, f->string, cJSON_Duplicate(f, 1));
            }
        } else {
            rc = unspin_error(err, "%s: unknown key \"%s\" (known: chain, plugin_path, filters)", path, k->string);
        }
    }
out:
    cJSON_Delete(root);
    return rc;
}

int config_set(config *cfg, const char *assignment, char **err)
{
    const char *dot = strchr(assignment, '.');
    const char *eq = strchr(assignment, '=');
    if (!dot || !eq || dot > eq || dot == assignment || eq == dot + 1)
        return unspin_error(err, "--set %s: expected FILTER.KEY=VALUE", assignment);
    char *filter = strndup(assignment, (size_t)(dot - assignment));
    char *key = strndup(dot + 1, (size_t)(eq - dot - 1));
    const char *value = eq + 1;
    cJSON *v = cJSON_Parse(value);
    if (!v)
        v = cJSON_CreateString(value);
    cJSON *opts = cJSON_GetObjectItemCaseSensitive(cfg->filters, filter);
    if (!opts) {
        opts = cJSON_CreateObject();
        cJSON_AddItemToObject(cfg->filters, filter, opts);
    }
    cJSON_DeleteItemFromObjectCaseSensitive(opts, key);
    cJSON_AddItemToObject(opts, key, v);
    free(filter);
    free(key);
    return 0;
}
