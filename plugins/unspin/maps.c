/* maps.c - reading the reverse synonym maps (format in maps.h). */
#include "maps.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unspin/filter.h>

#include "tokens.h"

static uint64_t hash_key(const char *s, size_t len)
{
    uint64_t h = UNSPINF_MAPS_HASH_SEED;
    for (size_t i = 0; i < len; i++)
        h = unspinf_maps_hash(h, (unsigned char)s[i]);
    return h;
}

/* The slot a hash starts probing at: FNV's low bits alone are weak. */
static inline size_t slot_of(uint64_t h, size_t n_slots)
{
    return (size_t)(h ^ (h >> 29)) & (n_slots - 1);
}

static uint64_t hash_ids(const int *ids, int n)
{
    uint64_t h = UNSPINF_MAPS_HASH_SEED;
    for (int k = 0; k < n; k++)
        h = (h ^ (unsigned)ids[k]) * 1099511628211ull;
    return h;
}

/* Makes room in *array (*cap items of size bytes, n used) for one more. */
static int grow(void **array, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 256;
    void *p = realloc(*array, c * size);
    if (!p)
        return -1;
    *array = p;
    *cap = c;
    return 0;
}

/* A slot of the word table.  Most text words are looked up, most of them
 * found: a short word's text lies in its slot, so a lookup reads one place. */
#define INLINE_TEXT 20
struct unspinf_word_slot {
    uint64_t hash;
    uint32_t id;              /* word id + 1; 0: empty */
    uint32_t len;
    char text[INLINE_TEXT];   /* the word when shorter than INLINE_TEXT */
};

static inline int same_text(const char *a, const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

int unspinf_maps_word_id_hashed(const unspinf_maps *m, const char *s, size_t len, int dot, uint64_t h)
{
    if (!m->n_word_slots)
        return -1;
    size_t mask = m->n_word_slots - 1, full = len + (dot != 0);
    for (size_t i = slot_of(h, m->n_word_slots); m->word_slots[i].id; i = (i + 1) & mask) {
        const struct unspinf_word_slot *x = &m->word_slots[i];
        if (x->hash != h || x->len != full)
            continue;
        const char *text = full < INLINE_TEXT ? x->text : m->words[x->id - 1].text;
        if (same_text(text, s, len) && (!dot || text[len] == '.'))
            return (int)x->id - 1;
    }
    return -1;
}

int unspinf_maps_word_id(const unspinf_maps *m, const char *s, size_t len, int dot)
{
    uint64_t h = hash_key(s, len);
    return unspinf_maps_word_id_hashed(m, s, len, dot, dot ? unspinf_maps_hash(h, '.') : h);
}

static void word_put(struct unspinf_word_slot *slots, size_t n_slots, const unspinf_map_word *w, size_t id)
{
    size_t i = slot_of(w->hash, n_slots);
    while (slots[i].id)
        i = (i + 1) & (n_slots - 1);
    slots[i].hash = w->hash;
    slots[i].id = (uint32_t)id + 1;
    slots[i].len = (uint32_t)w->len;
    if (w->len < INLINE_TEXT)
        memcpy(slots[i].text, w->text, w->len);
}

/* Few words are in the maps and most text words are looked up: a sparse
 * table keeps probes short. */
static int word_rehash(unspinf_maps *m, size_t n_slots)
{
    struct unspinf_word_slot *slots = calloc(n_slots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t id = 0; id < m->n_words; id++)
        word_put(slots, n_slots, &m->words[id], id);
    free(m->word_slots);
    m->word_slots = slots;
    m->n_word_slots = n_slots;
    return 0;
}

/* The id of word s[0..len), added when new; -1 when out of memory. */
static int word_add(unspinf_maps *m, const char *s, size_t len)
{
    int id = unspinf_maps_word_id(m, s, len, 0);
    if (id >= 0)
        return id;
    if (grow((void **)&m->words, &m->cap_words, m->n_words, sizeof *m->words))
        return -1;
    unspinf_map_word *w = &m->words[m->n_words];
    if (!(w->text = strndup(s, len)))
        return -1;
    w->len = len;
    w->hash = hash_key(s, len);
    w->longest = w->single = 0;
    m->n_words++;
    if (m->n_words * 2 > m->n_word_slots)
        return word_rehash(m, m->n_word_slots ? m->n_word_slots * 2 : 4096) ? -1 : (int)m->n_words - 1;
    word_put(m->word_slots, m->n_word_slots, w, m->n_words - 1);
    return (int)m->n_words - 1;
}

static int phrase_rehash(unspinf_maps *m, size_t n_slots)
{
    size_t *slots = calloc(n_slots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t e = 0; e < m->n; e++) {
        size_t i = slot_of(hash_ids(m->entries[e].key_ids, m->entries[e].n_words), n_slots);
        while (slots[i])
            i = (i + 1) & (n_slots - 1);
        slots[i] = e + 1;
    }
    free(m->phrase_slots);
    m->phrase_slots = slots;
    m->n_phrase_slots = n_slots;
    return 0;
}

/* Numbers the words of the new last entry and files it under them. */
static int phrase_add(unspinf_maps *m)
{
    unspinf_entry *e = &m->entries[m->n - 1];
    const char *p = e->spun;
    for (int k = 0; k < e->n_words; k++) {
        const char *sp = strchr(p, ' ');
        size_t l = sp ? (size_t)(sp - p) : strlen(p);
        if ((e->key_ids[k] = word_add(m, p, l)) < 0)
            return -1;
        p += l + (sp != NULL);
    }
    if (m->words[e->key_ids[0]].longest < e->n_words)
        m->words[e->key_ids[0]].longest = e->n_words;
    if (e->n_words == 1)
        m->words[e->key_ids[0]].single = (int)m->n;
    if (m->n * 2 > m->n_phrase_slots)
        return phrase_rehash(m, m->n_phrase_slots ? m->n_phrase_slots * 2 : 4096);
    size_t i = slot_of(hash_ids(e->key_ids, e->n_words), m->n_phrase_slots);
    while (m->phrase_slots[i])
        i = (i + 1) & (m->n_phrase_slots - 1);
    m->phrase_slots[i] = m->n;
    return 0;
}

/* The entry whose key_ids are ids[0..n), or NULL. */
static const unspinf_entry *find_ids(const unspinf_maps *m, const int *ids, int n)
{
    if (!m->n_phrase_slots)
        return NULL;
    size_t mask = m->n_phrase_slots - 1;
    for (size_t i = slot_of(hash_ids(ids, n), m->n_phrase_slots); m->phrase_slots[i]; i = (i + 1) & mask) {
        const unspinf_entry *e = &m->entries[m->phrase_slots[i] - 1];
        if (e->n_words == n && !memcmp(e->key_ids, ids, (size_t)n * sizeof *ids))
            return e;
    }
    return NULL;
}

int unspinf_maps_longest_at(const unspinf_maps *m, const unspinf_word *w)
{
    int l = w->key >= 0 ? m->words[w->key].longest : 0;
    /* one word alone may also match without its 's or with its full stop */
    if (!l && ((w->key_base >= 0 && m->words[w->key_base].longest) || (w->key_dot >= 0 && m->words[w->key_dot].longest)))
        l = 1;
    return l;
}

const unspinf_entry *unspinf_maps_find_words(const unspinf_maps *m, const unspinf_word *w, int n, int form)
{
    int ids[UNSPINF_MAX_PHRASE];
    if (n < 1 || n > UNSPINF_MAX_PHRASE)
        return NULL;
    for (int k = 0; k < n - 1; k++)
        if ((ids[k] = w[k].key) < 0)
            return NULL;
    const unspinf_word *last = &w[n - 1];
    if ((ids[n - 1] = form == 0 ? last->key_dot : form == 2 ? last->key_base : last->key) < 0)
        return NULL;
    if (n == 1)
        return m->words[ids[0]].single ? &m->entries[m->words[ids[0]].single - 1] : NULL;
    return find_ids(m, ids, n);
}

const unspinf_entry *unspinf_maps_find(const unspinf_maps *m, const char *key, size_t len)
{
    int ids[UNSPINF_MAX_PHRASE], n = 0;
    for (const char *p = key, *end = key + len;; n++) {
        const char *sp = memchr(p, ' ', (size_t)(end - p));
        size_t l = sp ? (size_t)(sp - p) : (size_t)(end - p);
        if (n == UNSPINF_MAX_PHRASE || (ids[n] = unspinf_maps_word_id(m, p, l, 0)) < 0)
            return NULL;
        if (!sp)
            return find_ids(m, ids, n + 1);
        p = sp + 1;
    }
}

/* Lowercases s in place, turns ’ into ', squeezes blanks; returns word count
 * or -1 when a word is too long a phrase or the text is empty. */
static int normalise(char *s)
{
    char *w = s, *r = s;
    int words = 0, in_word = 0;
    while (*r) {
        if (!strncmp(r, "\xe2\x80\x99", 3)) {
            *w++ = '\'';
            r += 3;
            in_word = in_word ? in_word : (words++, 1);
        } else if (isspace((unsigned char)*r)) {
            if (in_word)
                *w++ = ' ';
            in_word = 0;
            r++;
        } else {
            if (!in_word)
                words++;
            in_word = 1;
            *w++ = (char)tolower((unsigned char)*r++);
        }
    }
    if (w > s && w[-1] == ' ')
        w--;
    *w = 0;
    return words == 0 || words > UNSPINF_MAX_PHRASE ? -1 : words;
}

static int split_words(char *copy, char **words)
{
    int n = 0;
    char *save;
    for (char *t = strtok_r(copy, " ", &save); t && n < UNSPINF_MAX_PHRASE; t = strtok_r(NULL, " ", &save))
        words[n++] = t;
    return n;
}

static unspinf_entry *entry_for(unspinf_maps *m, char *spun, int n_words)
{
    const unspinf_entry *found = unspinf_maps_find(m, spun, strlen(spun));
    if (found) {
        free(spun);
        return (unspinf_entry *)found;
    }
    if (grow((void **)&m->entries, &m->cap, m->n, sizeof *m->entries))
        return NULL;
    unspinf_entry *e = &m->entries[m->n++];
    memset(e, 0, sizeof *e);
    e->spun = spun;
    e->n_words = n_words;
    if (n_words > m->max_words)
        m->max_words = n_words;
    return phrase_add(m) ? NULL : e;
}

static int add_cand(unspinf_entry *e, const char *text, double weight)
{
    for (int i = 0; i < e->n_cands; i++)
        if (!strcmp(e->cands[i].text, text))
            return 0;          /* given twice: the first weight stands */
    if (e->n_cands == UNSPINF_MAX_CANDS)
        return -2;
    unspinf_cand *c = realloc(e->cands, (size_t)(e->n_cands + 1) * sizeof *c);
    if (!c)
        return -1;
    e->cands = c;
    c = &e->cands[e->n_cands];
    memset(c, 0, sizeof *c);
    c->text = strdup(text);
    char *copy = strdup(text);
    if (!c->text || !copy) {
        free(c->text);
        free(copy);
        return -1;
    }
    c->n_words = split_words(copy, c->words);
    c->log_weight = weight > 0 ? __builtin_log10(weight) : -9;
    e->n_cands++;
    return 0;
}

/* One "original (weight)" item; text is modified. */
static int parse_cand(char *item, char **text, double *weight)
{
    *weight = 1.0;
    char *open = strchr(item, '(');
    if (open) {
        char *end;
        errno = 0;
        *weight = strtod(open + 1, &end);
        while (isspace((unsigned char)*end))
            end++;
        if (errno || end == open + 1 || *end != ')' || !(*weight > 0 && *weight <= 1))
            return -1;
        for (end++; *end; end++)
            if (!isspace((unsigned char)*end))
                return -1;
        *open = 0;
    }
    *text = item;
    return normalise(item) < 0 ? -1 : 0;
}

int unspinf_maps_load(unspinf_maps *m, const char *path, char **err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return unspin_error(err, "cannot open map \"%s\": %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, rc = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        char *p = line;
        while (isspace((unsigned char)*p))
            p++;
        if (!*p)
            continue;
        int before_participle = 0;
        char *at = strchr(p, '@');
        if (at) {
            char *cond = at + 1, *end = cond + strlen(cond);
            while (end > cond && isspace((unsigned char)end[-1]))
                *--end = 0;
            if (strcmp(cond, "before-participle")) {
                rc = unspin_error(err, "%s:%d: unknown condition \"@%s\" (known: @before-participle)", path,
                                  lineno, cond);
                break;
            }
            before_participle = 1;
            *at = 0;
        }
        char *eq = strchr(p, '=');
        if (!eq) {
            rc = unspin_error(err, "%s:%d: expected \"spun form = original | ...\"", path, lineno);
            break;
        }
        *eq = 0;
        int n = normalise(p);
        if (n < 0) {
            rc = unspin_error(err, "%s:%d: the spun form is empty or longer than %d words", path, lineno,
                              UNSPINF_MAX_PHRASE);
            break;
        }
        char *spun = strdup(p);
        unspinf_entry *e = spun ? entry_for(m, spun, n) : NULL;
        if (!e) {
            rc = unspin_error(err, "out of memory");
            break;
        }
        e->before_participle |= before_participle;
        int n_items = 0;
        for (char *item = eq + 1, *bar; item; item = bar) {
            bar = strchr(item, '|');
            if (bar)
                *bar++ = 0;
            char *text;
            double w;
            if (parse_cand(item, &text, &w)) {
                rc = unspin_error(err, "%s:%d: bad original (give words, then an optional weight in (0,1] "
                                       "in parentheses)", path, lineno);
                break;
            }
            int r = add_cand(e, text, w);
            if (r) {
                rc = r == -2 ? unspin_error(err, "%s:%d: \"%s\" has more than %d originals", path, lineno,
                                            e->spun, UNSPINF_MAX_CANDS)
                             : unspin_error(err, "out of memory");
                break;
            }
            n_items++;
        }
        if (rc)
            break;
        if (!n_items) {
            rc = unspin_error(err, "%s:%d: no original given after \"=\"", path, lineno);
            break;
        }
    }
    free(line);
    fclose(f);
    return rc;
}

void unspinf_maps_free(unspinf_maps *m)
{
    for (size_t i = 0; i < m->n; i++) {
        unspinf_entry *e = &m->entries[i];
        for (int j = 0; j < e->n_cands; j++) {
            free(e->cands[j].text);
            free(e->cands[j].words[0]);
        }
        free(e->cands);
        free(e->spun);
    }
    free(m->entries);
    for (size_t i = 0; i < m->n_words; i++)
        free(m->words[i].text);
    free(m->words);
    free(m->word_slots);
    free(m->phrase_slots);
    memset(m, 0, sizeof *m);
}
