/* settings.h - the JSON configuration file and --set overrides.
 *
 *   { "chain": "unicode,boilerplate,unspin"      (or an array of names)
 *     "plugin_path": ["/opt/filters"],           (searched before the defaults)
 *     "filters": { "unspin": { "threshold": 0.6 }, ... } }
 */
#ifndef UNSPIN_SETTINGS_H
#define UNSPIN_SETTINGS_H
#include <cjson/cJSON.h>

typedef struct config {
    char *chain;          /* NULL: not given */
    char **plugin_path;   /* NULL-terminated, never NULL */
    cJSON *filters;       /* object: filter name -> options; never NULL */
} config;

int config_init(config *cfg);
/* Reads FILE into cfg (what the file gives replaces what cfg had). */
int config_load_file(config *cfg, const char *path, char **err);
/* Applies "FILTER.KEY=VALUE": VALUE is taken as JSON when it parses as JSON
 * (true, 0.7, "x", [1,2]), else as a plain string. */
int config_set(config *cfg, const char *assignment, char **err);
void config_free(config *cfg);
#endif
