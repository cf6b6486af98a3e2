/* uc-entities.c - the table of named character references and the repair
 * that decodes them (and numeric ones) like a browser would, but only in
 * their unambiguous form: "&" name ";" - never "this&not that". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unspin/filter.h>

#include "uc-filter.h"

static size_t hash_name(const char *s, size_t len)
{
    size_t h = 5381;
    for (size_t i = 0; i < len; i++)
        h = h * 33 + (unsigned char)s[i];
    return h;
}

static unicode_entity *slot_for(const unicode_entities *t, const char *name, size_t len)
{
    size_t i = hash_name(name, len) % t->nslot;
    while (t->slot[i].name[0] && !(strlen(t->slot[i].name) == len && !memcmp(t->slot[i].name, name, len)))
        i = (i + 1) % t->nslot;
    return &t->slot[i];
}

const unicode_entity *unicode_entity_find(const unicode_entities *t, const char *name, size_t len)
{
    if (!t->nslot || len == 0 || len > UNICODE_ENTITY_MAX_NAME)
        return NULL;
    const unicode_entity *e = slot_for(t, name, len);
    return e->name[0] ? e : NULL;
}

void unicode_entities_free(unicode_entities *t)
{
    free(t->slot);
    t->slot = NULL;
    t->nslot = 0;
}

int unicode_entities_load(unicode_entities *t, const char *path, char **err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return unspin_error(err, "cannot read %s: %s", path, strerror(errno));
    t->nslot = 8192;   /* the table has about 3,500 names */
    t->slot = calloc(t->nslot, sizeof *t->slot);
    if (!t->slot) {
        fclose(f);
        return unspin_error(err, "out of memory");
    }
    char line[512];
    size_t lineno = 0, count = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *tab = strchr(line, '\t');
        size_t len = tab ? (size_t)(tab - line) : 0;
        if (!tab || len == 0)
            goto bad;
        if (len > UNICODE_ENTITY_MAX_NAME)
            continue;                 /* can never match; skip */
        if (++count > t->nslot / 2) {
            fclose(f);
            return unspin_error(err, "%s: too many entries", path);
        }
        unicode_entity *e = slot_for(t, line, len);
        memset(e, 0, sizeof *e);
        memcpy(e->name, line, len);
        char *p = tab + 1;
        for (int k = 0; k < 3; k++) {
            char *end;
            while (*p == ' ')
                p++;
            if (*p == '\n' || *p == 0)
                break;
            unsigned long v = strtoul(p, &end, 16);
            if (end == p || v == 0 || v > 0x10FFFF)
                goto bad;
            e->cp[k] = (uint32_t)v;
            p = end;
        }
        if (!e->cp[0])
            goto bad;
        continue;
    bad:
        fclose(f);
        return unspin_error(err, "%s:%zu: expected NAME<TAB>hex code points", path, lineno);
    }
    fclose(f);
    if (!count)
        return unspin_error(err, "%s: no entities", path);
    return 0;
}

static int is_alnum(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Decodes a numeric reference body ("x2019" or "8217") as Python's
 * html.unescape does; returns the number of code points put in out (0 or 1),
 * or -1 when it is not a valid reference and must stay as it is.  Numbers
 * 0x80-0x9F mean Windows-1252 characters, as browsers read them (cp1252). */
static int numeric_ref(const uint32_t *s, size_t len, const uint32_t *cp1252, uint32_t *out)
{
    int hex = len > 0 && (s[0] == 'x' || s[0] == 'X');
    size_t i = hex ? 1 : 0;
    if (i == len)
        return -1;
    uint64_t v = 0;
    for (; i < len; i++) {
        uint32_t c = s[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (hex && c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return -1;
        v = v * (hex ? 16 : 10) + d;
        if (v > 0x10FFFF)
            v = 0x110000;             /* saturate: too big is too big */
    }
    if (v == 0) {
        *out = 0xFFFD;
        return 1;
    }
    if (v >= 0x80 && v <= 0x9F) {
        *out = cp1252[v];
        return 1;
    }
    if ((v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) {
        *out = 0xFFFD;
        return 1;
    }
    /* Code points a browser drops: controls, noncharacters. */
    if ((v >= 0x1 && v <= 0x8) || v == 0xB || (v >= 0xE && v <= 0x1F) || v == 0x7F ||
        (v >= 0xFDD0 && v <= 0xFDEF) || (v & 0xFFFE) == 0xFFFE)
        return 0;
    *out = (uint32_t)v;
    return 1;
}

int unicode_unescape_html(unicode_ctx *c, const unicode_buf *in, unicode_buf *out)
{
    size_t i = 0;
    while (i < in->n && in->cp[i] != '&')
        i++;
    if (i == in->n)
        return 0;
    int changed = 0;
    out->n = 0;
    unicode_buf_keep_range(c, out, in, 0, i);
    while (i < in->n) {
        if (in->cp[i] != '&') {
            unicode_buf_keep(c, out, in, i++);
            continue;
        }
        size_t j = i + 1;
        int numeric = j < in->n && in->cp[j] == '#';
        if (numeric)
            j++;
        size_t k = j;
        while (k < in->n && k - j <= UNICODE_ENTITY_MAX_NAME && is_alnum(in->cp[k]))
            k++;
        if (k == j || k - j > UNICODE_ENTITY_MAX_NAME || k >= in->n || in->cp[k] != ';') {
            unicode_buf_keep(c, out, in, i++);
            continue;
        }
        uint32_t rep[3];
        int nrep = -1;
        if (numeric) {
            nrep = numeric_ref(in->cp + j, k - j, c->t->maps[UE_1252].dec, rep);
        } else {
            char name[UNICODE_ENTITY_MAX_NAME];
            for (size_t q = j; q < k; q++)
                name[q - j] = (char)in->cp[q];
            const unicode_entity *e = unicode_entity_find(&c->t->entities, name, k - j);
            if (e)
                for (nrep = 0; nrep < 3 && e->cp[nrep]; nrep++)
                    rep[nrep] = e->cp[nrep];
        }
        if (nrep < 0) {
            unicode_buf_keep(c, out, in, i++);
            continue;
        }
        unicode_buf_replace(c, out, in, i, k + 1, rep, (size_t)nrep, UR(UR_ENTITY));
        changed = 1;
        i = k + 1;
    }
    return changed;
}
