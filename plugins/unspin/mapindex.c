/* mapindex.c - the maps' lookup tables (see mapindex.h). */
#include "mapindex.h"

#include <stdlib.h>
#include <string.h>

#include "tokens.h"

static uint64_t hash_text(const char *s, size_t len)
{
    return unspinf_fnv(UNSPINF_FNV_SEED, s, len);
}

/* The slot a hash starts probing at: FNV's low bits alone are weak. */
static inline size_t slot_of(uint64_t h, size_t n_slots)
{
    return (size_t)(h ^ (h >> 29)) & (n_slots - 1);
}

int unspinf_grow(void **array, size_t *cap, size_t n, size_t size)
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

/* ---- words ---------------------------------------------------------------- */

/* A slot of the word table.  Most text words are looked up, most of them
 * found: a short word's text lies in its slot, so a lookup reads one place. */
#define INLINE_TEXT 24
struct unspinf_word_slot {
    uint64_t hash;
    uint32_t id;              /* word id + 1; 0: empty */
    uint16_t len;             /* UINT16_MAX: that long or longer */
    uint16_t in_form;         /* a word of some spun form */
    char text[INLINE_TEXT];   /* the word when shorter than INLINE_TEXT */
};

static inline int same_text(const char *a, const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* The same for a slot's text and a text word's norm, both readable for
 * INLINE_TEXT bytes, len < INLINE_TEXT: most words fit one 8-byte compare. */
static inline int same_inline_text(const char *slot, const char *norm, size_t len)
{
    uint64_t a, b;
    memcpy(&a, slot, 8);
    memcpy(&b, norm, 8);
    if (len < 8)   /* little-endian: the first bytes are the low ones */
        return !((a ^ b) & ((1ull << (8 * len)) - 1));
    return a == b && same_text(slot + 8, norm + 8, len - 8);
}

/* The slot of word s[0..len) (then "." when dot) of hash h, or NULL;
 * padded: s is readable for INLINE_TEXT bytes (a norm of tokens.h). */
static struct unspinf_word_slot *find_slot(const unspinf_maps *m, const char *s, size_t len, int dot, uint64_t h,
                                           int padded)
{
    if (!m->n_word_slots)
        return NULL;
    size_t mask = m->n_word_slots - 1, full = len + (dot != 0);
    for (size_t i = slot_of(h, m->n_word_slots); m->word_slots[i].id; i = (i + 1) & mask) {
        struct unspinf_word_slot *x = &m->word_slots[i];
        if (x->hash != h || x->len != (full < UINT16_MAX ? full : UINT16_MAX))
            continue;
        if (full < INLINE_TEXT) {
            if ((padded ? same_inline_text(x->text, s, len) : same_text(x->text, s, len)) &&
                (!dot || x->text[len] == '.'))
                return x;
            continue;
        }
        const unspinf_map_word *w = &m->words[x->id - 1];
        if (w->len == full && same_text(w->text, s, len) && (!dot || w->text[len] == '.'))
            return x;
    }
    return NULL;
}

int unspinf_maps_word_id_hashed(const unspinf_maps *m, const char *s, size_t len, int dot, uint64_t h,
                                int *form_id)
{
    const struct unspinf_word_slot *x = find_slot(m, s, len, dot, h, form_id != NULL);
    if (form_id)
        *form_id = x && x->in_form ? (int)x->id - 1 : -1;
    return x ? (int)x->id - 1 : -1;
}

int unspinf_maps_word_id(const unspinf_maps *m, const char *s, size_t len, int dot)
{
    uint64_t h = hash_text(s, len);
    return unspinf_maps_word_id_hashed(m, s, len, dot, dot ? unspinf_fnv_byte(h, '.') : h, NULL);
}

static void word_put(struct unspinf_word_slot *slots, size_t n_slots, const unspinf_map_word *w, size_t id)
{
    size_t i = slot_of(w->hash, n_slots);
    while (slots[i].id)
        i = (i + 1) & (n_slots - 1);
    slots[i].hash = w->hash;
    slots[i].id = (uint32_t)id + 1;
    slots[i].len = (uint16_t)(w->len < UINT16_MAX ? w->len : UINT16_MAX);
    slots[i].in_form = (uint16_t)w->in_form;
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
    if (unspinf_grow((void **)&m->words, &m->cap_words, m->n_words, sizeof *m->words))
        return -1;
    unspinf_map_word *w = &m->words[m->n_words];
    if (!(w->text = strndup(s, len)))
        return -1;
    w->len = len;
    w->hash = hash_text(s, len);
    w->longest = w->single = w->in_form = w->longest_original = 0;
    m->n_words++;
    if (m->n_words * 2 > m->n_word_slots)
        return word_rehash(m, m->n_word_slots ? m->n_word_slots * 2 : 4096) ? -1 : (int)m->n_words - 1;
    word_put(m->word_slots, m->n_word_slots, w, m->n_words - 1);
    return (int)m->n_words - 1;
}

/* The ids of the words of text (one space apart) into ids; their count, or
 * -1 when out of memory or too many. */
static int text_ids(unspinf_maps *m, const char *text, int *ids)
{
    int n = 0;
    for (const char *p = text;;) {
        const char *sp = strchr(p, ' ');
        size_t l = sp ? (size_t)(sp - p) : strlen(p);
        if (n == UNSPINF_MAX_PHRASE || (ids[n++] = word_add(m, p, l)) < 0)
            return -1;
        if (!sp)
            return n;
        p = sp + 1;
    }
}

/* ---- phrases: sequences of word ids -------------------------------------- */

struct unspinf_phrase {
    int n, value;
    int ids[UNSPINF_MAX_PHRASE];
};

static uint64_t hash_ids(const int *ids, int n)
{
    uint64_t h = UNSPINF_FNV_SEED;
    for (int k = 0; k < n; k++)
        h = (h ^ (unsigned)ids[k]) * UNSPINF_FNV_PRIME;   /* FNV-1a over whole ids */
    return h;
}

static const struct unspinf_phrase *phrase_find(const unspinf_phrases *t, const int *ids, int n)
{
    if (!t->n_slots)
        return NULL;
    size_t mask = t->n_slots - 1;
    for (size_t i = slot_of(hash_ids(ids, n), t->n_slots); t->slots[i]; i = (i + 1) & mask) {
        const struct unspinf_phrase *p = &t->items[t->slots[i] - 1];
        if (p->n == n && !memcmp(p->ids, ids, (size_t)n * sizeof *ids))
            return p;
    }
    return NULL;
}

static void phrase_put(uint32_t *slots, size_t n_slots, const struct unspinf_phrase *p, size_t index)
{
    size_t i = slot_of(hash_ids(p->ids, p->n), n_slots);
    while (slots[i])
        i = (i + 1) & (n_slots - 1);
    slots[i] = (uint32_t)index + 1;
}

/* Files ids[0..n) with value, unless filed already; -1 when out of memory. */
static int phrase_add(unspinf_phrases *t, const int *ids, int n, int value)
{
    if (phrase_find(t, ids, n))
        return 0;
    if (unspinf_grow((void **)&t->items, &t->cap, t->n, sizeof *t->items))
        return -1;
    struct unspinf_phrase *p = &t->items[t->n++];
    p->n = n;
    p->value = value;
    memcpy(p->ids, ids, (size_t)n * sizeof *ids);
    if (t->n * 2 <= t->n_slots) {
        phrase_put(t->slots, t->n_slots, p, t->n - 1);
        return 0;
    }
    size_t n_slots = t->n_slots ? t->n_slots * 2 : 4096;
    uint32_t *slots = calloc(n_slots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < t->n; i++)
        phrase_put(slots, n_slots, &t->items[i], i);
    free(t->slots);
    t->slots = slots;
    t->n_slots = n_slots;
    return 0;
}

static void phrases_free(unspinf_phrases *t)
{
    free(t->items);
    free(t->slots);
}

/* ---- the maps' side ------------------------------------------------------- */

/* The bit of form_pairs for words a then b. */
static inline unsigned pair_bit(int a, int b)
{
    return (unsigned)(((uint64_t)(unsigned)a << 32 | (unsigned)b) * 0x9E3779B97F4A7C15ull >> 48);
}

static inline int has_pair(const unspinf_maps *m, int a, int b)
{
    unsigned bit = pair_bit(a, b);
    return b >= 0 && (m->form_pairs[bit >> 6] >> (bit & 63) & 1);
}

int unspinf_index_add_form(unspinf_maps *m, size_t i)
{
    unspinf_entry *e = &m->entries[i];
    if (text_ids(m, e->spun, e->key_ids) != e->n_words)
        return -1;
    for (int k = 0; k < e->n_words; k++) {
        unspinf_map_word *w = &m->words[e->key_ids[k]];
        w->in_form = 1;
        find_slot(m, w->text, w->len, 0, w->hash, 0)->in_form = 1;
    }
    unspinf_map_word *first = &m->words[e->key_ids[0]];
    if (first->longest < e->n_words)
        first->longest = e->n_words;
    if (e->n_words == 1)
        first->single = (int)i + 1;
    else {
        unsigned bit = pair_bit(e->key_ids[0], e->key_ids[1]);
        m->form_pairs[bit >> 6] |= 1ull << (bit & 63);
    }
    return phrase_add(&m->forms, e->key_ids, e->n_words, (int)i);
}

int unspinf_index_add_original(unspinf_maps *m, const char *text)
{
    int ids[UNSPINF_MAX_PHRASE], n = text_ids(m, text, ids);
    if (n < 0)
        return -1;
    if (m->words[ids[0]].longest_original < n)
        m->words[ids[0]].longest_original = n;
    return phrase_add(&m->originals, ids, n, 1);
}

void unspinf_index_free(unspinf_maps *m)
{
    for (size_t i = 0; i < m->n_words; i++)
        free(m->words[i].text);
    free(m->words);
    free(m->word_slots);
    phrases_free(&m->forms);
    phrases_free(&m->originals);
}

/* ---- lookups in text ------------------------------------------------------ */

/* The longest form that starts with map word first (-1: none) and could go
 * on with the text word next. */
static int longest_from(const unspinf_maps *m, int first, const unspinf_word *next)
{
    int l = first >= 0 ? m->words[first].longest : 0;
    /* a longer form needs its first two words here */
    if (l > 1 && !has_pair(m, first, next->key) && !has_pair(m, first, next->key_dot) &&
        !has_pair(m, first, next->key_base))
        l = m->words[first].single != 0;
    return l;
}

int unspinf_maps_longest_at(const unspinf_maps *m, const unspinf_word *w)
{
    /* w[1] is at worst the sentinel (tokens.h); a word before its full stop
     * may start a form with the stop ("sq. miles", "p. c.") */
    int l = longest_from(m, w->key, &w[1]);
    if (w->dot && w[1].after_dot) {
        int with_dot = longest_from(m, w->key_dot, &w[1]);
        l = with_dot > l ? with_dot : l;
    }
    /* one word alone may also match without its 's or with its full stop */
    if (!l && ((w->key_base >= 0 && m->words[w->key_base].single) || (w->key_dot >= 0 && m->words[w->key_dot].single)))
        l = 1;
    return l;
}

const unspinf_entry *unspinf_maps_find_words(const unspinf_maps *m, const unspinf_word *w, int n, int form)
{
    int ids[UNSPINF_MAX_PHRASE];
    if (n < 1 || n > UNSPINF_MAX_PHRASE)
        return NULL;
    /* a word inside the form that an abbreviation's full stop follows is
     * the form's word with the stop ("sq." of "sq. miles") */
    for (int k = 0; k < n - 1; k++)
        if ((ids[k] = w[k + 1].after_dot ? w[k].key_dot : w[k].key) < 0)
            return NULL;
    const unspinf_word *last = &w[n - 1];
    if ((ids[n - 1] = form == 0 ? last->key_dot : form == 2 ? last->key_base : last->key) < 0)
        return NULL;
    if (n == 1)
        return m->words[ids[0]].single ? &m->entries[m->words[ids[0]].single - 1] : NULL;
    const struct unspinf_phrase *p = phrase_find(&m->forms, ids, n);
    return p ? &m->entries[p->value] : NULL;
}

int unspinf_maps_is_original(const unspinf_maps *m, const unspinf_word *w, int n)
{
    int ids[UNSPINF_MAX_PHRASE];
    if (n < 1 || n > UNSPINF_MAX_PHRASE)
        return 0;
    for (int k = 0; k < n; k++)
        if ((ids[k] = w[k].word) < 0)
            return 0;
    return phrase_find(&m->originals, ids, n) != NULL;
}

const unspinf_entry *unspinf_maps_find(const unspinf_maps *m, const char *key, size_t len)
{
    int ids[UNSPINF_MAX_PHRASE], n = 0;
    for (const char *p = key, *end = key + len;; n++) {
        const char *sp = memchr(p, ' ', (size_t)(end - p));
        size_t l = sp ? (size_t)(sp - p) : (size_t)(end - p);
        if (n == UNSPINF_MAX_PHRASE || (ids[n] = unspinf_maps_word_id(m, p, l, 0)) < 0)
            return NULL;
        if (!sp) {
            const struct unspinf_phrase *f = phrase_find(&m->forms, ids, n + 1);
            return f ? &m->entries[f->value] : NULL;
        }
        p = sp + 1;
    }
}
