/* uc-entities.h - HTML character references in text that is not HTML. */
#ifndef UNICODE_UC_ENTITIES_H
#define UNICODE_UC_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

#define UNICODE_ENTITY_MAX_NAME 24   /* longer names are never decoded */

typedef struct unicode_entity {
    char name[UNICODE_ENTITY_MAX_NAME + 1];
    uint32_t cp[3];                   /* 0-terminated unless 3 long */
} unicode_entity;

typedef struct unicode_entities {
    unicode_entity *slot;             /* open addressing, name[0] == 0: empty */
    size_t nslot;
} unicode_entities;

/* Loads NAME<TAB>HEX... lines; returns -1 with *err set on failure. */
int unicode_entities_load(unicode_entities *t, const char *path, char **err);
void unicode_entities_free(unicode_entities *t);
const unicode_entity *unicode_entity_find(const unicode_entities *t, const char *name, size_t len);

#endif
