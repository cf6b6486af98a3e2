/* lmtable.c - the trigram model as a mapped table of hashed n-grams (see lmtable.h). */
#include "lmtable.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unspin/filter.h>

#include "hash.h"

/* --- the table file ----------------------------------------------------------
 *
 * A header, then sections each starting on a 64-byte boundary: the model's
 * three tables of quantised values (65,536 floats each: bigram
 * probabilities, bigram backoffs, trigram probabilities), the unigrams
 * (probability and backoff, as floats, by id), the bigram and trigram
 * buckets, and the vocabulary (a hash of words, then the words).
 *
 * An n-gram's ids, WORD_BITS each (h1 w, or h2 h1 w), are mixed one-to-one
 * into a number m; its home bucket is m % buckets and the rest, m / buckets,
 * is kept in its slot, so that home and rest name one n-gram.  A bucket is 8
 * slots of 64 bits: used (1 bit), how many buckets past its home the n-gram
 * is (8 bits), the rest, and the value (bigrams: probability index << 16 |
 * backoff index; trigrams: probability index).  An n-gram goes into the first
 * bucket from its home with a free slot, and slots fill in order, so a
 * lookup stops at the first empty slot it meets. */

#define LMT_MAGIC "unspinLM"
#define LMT_VERSION 3
#define LMT_BYTE_ORDER 0x01020304u
#define QUANT_SIZE 65536
#define SLOTS 8                   /* a bucket: one 64-byte cache line */
#define USED (1ull << 63)
#define DIST_SHIFT 55
#define MAX_DIST 255
#define BIGRAM_VALUE_BITS 32
#define TRIGRAM_VALUE_BITS 16
/* Of the slots, at first.  Most n-grams looked up are not there, and such a
 * lookup reads on to the first empty slot: at 0.8 a trigram's took 2.2
 * buckets on average (one cache miss each, up to 50 in a row), at 0.5 it
 * takes far fewer, for 63 MB of table instead of 41. */
#define LOAD 0.5
/* A slot of the vocabulary: 16 bits of the word's hash (most words looked
 * up are not the first met, so the words are seldom compared), the word's
 * offset among the words and its id + 1, 24 bits each. */
#define VOCAB_FIELD ((1u << 24) - 1)
#define VOCAB_SLOT(hash, offset, id) ((hash) >> 48 << 48 | (uint64_t)(offset) << 24 | ((id) + 1u))
#define VOCAB_ID(slot) ((int32_t)((slot) & VOCAB_FIELD) - 1)
#define VOCAB_OFFSET(slot) ((uint32_t)((slot) >> 24) & VOCAB_FIELD)

typedef struct lmt_header {
    char magic[8];
    uint32_t version, byte_order;
    uint64_t model_size;          /* the model file it was made from, as it was */
    int64_t model_mtime_sec, model_mtime_nsec;
    uint64_t model_sample;        /* model_sample() of it */
    uint64_t file_size;
    uint32_t n_words, word_bits;
    uint32_t n_bigrams, n_trigrams;
    uint32_t bigram_buckets, trigram_buckets;
    uint32_t vocab_slots, words_bytes;
    uint64_t off_quant, off_unigrams, off_bigrams, off_trigrams, off_vocab, off_words;
} lmt_header;

/* The bigrams or the trigrams. */
typedef struct ngram_table {
    uint64_t *slots;
    uint32_t n_buckets;
    int value_bits;
    uint64_t magic;               /* 2^64 / n_buckets rounded up: dividing by a multiply */
} ngram_table;

struct unspinf_lmtable {
    void *map;
    size_t size;
    const float *mid_prob, *mid_bo, *long_prob;
    const float *unigrams;        /* prob, backoff by id */
    ngram_table bigrams, trigrams;
    const uint64_t *vocab;        /* VOCAB_SLOT()s, 0 for none */
    const char *words;
    uint32_t n_words, word_bits, vocab_mask;
};

static uint32_t required_bits(uint64_t max)
{
    uint32_t bits = 0;
    while (max) {
        bits++;
        max >>= 1;
    }
    return bits;
}

/* The rest of every key of `bits` bits fits in a slot beside the value. */
static int rests_fit(uint32_t n_buckets, uint32_t key_bits, int value_bits)
{
    return required_bits(((1ull << key_bits) - 1) / n_buckets) <= DIST_SHIFT - (uint32_t)value_bits;
}

/* The inverse of unspinf_mix_bits(). */
static uint64_t unmix_bits(uint64_t x, uint32_t bits)
{
    const uint64_t mask = (1ull << bits) - 1;
    const uint64_t c[2] = { UNSPINF_MIX_C1, UNSPINF_MIX_C2 };
    for (int step = 1; step >= 0; step--) {
        uint64_t y = x;
        for (uint32_t i = 0; i < bits; i++)
            x = y ^ x >> (bits / 2);
        uint64_t inv = c[step];
        for (int i = 0; i < 6; i++)
            inv *= 2 - c[step] * inv;
        x = (x * inv) & mask;
    }
    uint64_t y = x;
    for (uint32_t i = 0; i < bits; i++)
        x = y ^ x >> (bits / 2);
    return x;
}

static uint64_t word_hash(const char *word)
{
    uint64_t h = unspinf_fnv(UNSPINF_FNV_SEED, word, strlen(word));
    return h ^ h >> 29;
}

static ngram_table table_of(uint64_t *slots, uint32_t n_buckets, int value_bits)
{
    ngram_table t = { slots, n_buckets, value_bits, UINT64_MAX / n_buckets + 1 };
    return t;
}

/* m / n_buckets, and m % n_buckets in *home (the multiply's quotient is
 * at most one off, for m of up to 60 bits). */
static uint64_t split(const ngram_table *t, uint64_t m, uint64_t *home)
{
    uint64_t q = (uint64_t)(((unsigned __int128)m * t->magic) >> 64);
    int64_t r = (int64_t)(m - q * t->n_buckets);
    if (r < 0) {
        q--;
        r += t->n_buckets;
    } else if (r >= (int64_t)t->n_buckets) {
        q++;
        r -= t->n_buckets;
    }
    *home = (uint64_t)r;
    return q;
}

/* The slot holding the n-gram mixed into m, or NULL. */
static const uint64_t *find(const ngram_table *t, uint64_t m)
{
    uint64_t home, want = USED | split(t, m, &home) << t->value_bits;
    uint64_t key_mask = ~((1ull << t->value_bits) - 1);
    for (uint64_t dist = 0, b = home; dist <= MAX_DIST; dist++, b = b + 1 == t->n_buckets ? 0 : b + 1) {
        const uint64_t *slot = t->slots + b * SLOTS;
        for (int i = 0; i < SLOTS; i++) {
            if (!slot[i])
                return NULL;
            if ((slot[i] & key_mask) == (want | dist << DIST_SHIFT))
                return &slot[i];
        }
    }
    return NULL;
}

static void prefetch(const ngram_table *t, uint64_t m)
{
    uint64_t home;
    split(t, m, &home);
    __builtin_prefetch(t->slots + home * SLOTS);
}

static uint64_t bigram_key(uint32_t word_bits, uint32_t h1, uint32_t w)
{
    return unspinf_mix_bits((uint64_t)h1 << word_bits | w, 2 * word_bits);
}

static uint64_t trigram_key(uint32_t word_bits, uint32_t h2, uint32_t h1, uint32_t w)
{
    return unspinf_mix_bits(((uint64_t)h2 << word_bits | h1) << word_bits | w, 3 * word_bits);
}

/* --- scoring ---------------------------------------------------------------- */

/* sphinxbase's float score to its integer one: truncated, then weighted by
 * the language weight 1 and the log of the word insertion penalty 1 (0), as
 * ngram_model_trie_score does. */
static int32_t weighted(float score)
{
    int32_t raw = (int32_t)score;
    return (int32_t)(raw * 1.0f + 0);
}

int32_t unspinf_lmtable_score(const unspinf_lmtable *t, int32_t w, const int32_t *hist, int n_hist)
{
    if (n_hist > 2)
        n_hist = 2;
    for (int i = 0; i < n_hist; i++)
        if (hist[i] < 0)
            n_hist = i;
    float prob = t->unigrams[2 * w];
    if (n_hist == 0)
        return weighted(prob);
    if (n_hist == 1) {
        const uint64_t *big = find(&t->bigrams, bigram_key(t->word_bits, hist[0], w));
        return weighted(big ? t->mid_prob[*big >> 16 & 0xffff] : prob + t->unigrams[2 * hist[0] + 1]);
    }
    /* the three buckets are fetched at once: waiting for each in turn would
     * be most of the time of a trigram that is not there */
    uint64_t big_key = bigram_key(t->word_bits, hist[0], w), hh_key = bigram_key(t->word_bits, hist[1], hist[0]);
    prefetch(&t->bigrams, big_key);
    prefetch(&t->bigrams, hh_key);
    /* a trigram here has its bigram h1 w here too (fill()) */
    const uint64_t *tri = find(&t->trigrams, trigram_key(t->word_bits, hist[1], hist[0], w));
    if (tri)
        return weighted(t->long_prob[*tri & 0xffff]);
    const uint64_t *big = find(&t->bigrams, big_key);
    /* the backoff of the history h2 h1, 0 when that bigram is not there */
    const uint64_t *hh = find(&t->bigrams, hh_key);
    float history_backoff = hh ? t->mid_bo[*hh & 0xffff] : 0.0f;
    if (!big) {
        prob += t->unigrams[2 * hist[0] + 1];
        prob += history_backoff;
        return weighted(prob);
    }
    return weighted(t->mid_prob[*big >> 16 & 0xffff] + history_backoff);
}

int32_t unspinf_lmtable_wid(const unspinf_lmtable *t, const char *word)
{
    uint64_t h = word_hash(word);
    for (uint64_t i = h;; i++) {
        uint64_t slot = t->vocab[i & t->vocab_mask];
        if (!slot)
            return -1;
        if ((slot ^ h) >> 48 == 0 && !strcmp(t->words + VOCAB_OFFSET(slot), word))
            return VOCAB_ID(slot);
    }
}

int unspinf_lmtable_ngram(const unspinf_lmtable *t, int order, uint64_t i, int32_t ids[3])
{
    const ngram_table *table = order == 2 ? &t->bigrams : &t->trigrams;
    const uint64_t *slots = table->slots;
    uint64_t n_buckets = table->n_buckets;
    int value_bits = table->value_bits;
    if ((order != 2 && order != 3) || i >= n_buckets * SLOTS)
        return -1;
    if (!slots[i])
        return 0;
    uint64_t dist = slots[i] >> DIST_SHIFT & MAX_DIST, bucket = i / SLOTS;
    uint64_t home = (bucket + n_buckets - dist % n_buckets) % n_buckets;
    uint64_t rest = (slots[i] & (USED - 1) & ~(255ull << DIST_SHIFT)) >> value_bits;
    uint64_t key = unmix_bits(rest * n_buckets + home, (uint32_t)order * t->word_bits);
    uint64_t mask = (1ull << t->word_bits) - 1;
    for (int k = order - 1; k >= 0; k--, key >>= t->word_bits)
        ids[k] = (int32_t)(key & mask);
    return 1;
}

/* --- mapping a table ------------------------------------------------------------ */

/* A hash of the model's first and last SAMPLE bytes: a file swapped for
 * another of the same size and time is seldom alike there too (sphinxbase's
 * trie file begins with its tables of values and ends with its words), and
 * reading them costs next to nothing beside reading it all.  0 when it cannot
 * be read. */
#define SAMPLE 65536

static uint64_t model_sample(const char *model, uint64_t size)
{
    int fd = open(model, O_RDONLY | O_CLOEXEC);
    unsigned char *buf = fd < 0 ? NULL : malloc(SAMPLE);
    uint64_t h = UNSPINF_FNV_SEED;
    for (int part = 0; buf && part < 2; part++) {
        ssize_t got = pread(fd, buf, SAMPLE, part == 0 || size < SAMPLE ? 0 : (off_t)(size - SAMPLE));
        h = got < 0 ? 0 : unspinf_fnv(h, buf, (size_t)got);
    }
    if (fd >= 0)
        close(fd);
    if (!buf)
        return 0;
    free(buf);
    return h;
}

static int section_ok(const lmt_header *h, uint64_t off, uint64_t bytes)
{
    return off % 64 == 0 && off >= sizeof *h && off <= h->file_size && bytes <= h->file_size - off;
}

unspinf_lmtable *unspinf_lmtable_open(const char *path, const char *model)
{
    struct stat ms, ts;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    unspinf_lmtable *t = NULL;
    void *map = MAP_FAILED;
    if (stat(model, &ms) || fstat(fd, &ts) || (size_t)ts.st_size < sizeof(lmt_header))
        goto fail;
    map = mmap(NULL, (size_t)ts.st_size, PROT_READ, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED)
        goto fail;
    const lmt_header *h = map;
    uint64_t n = h->n_words;
    if (memcmp(h->magic, LMT_MAGIC, 8) || h->version != LMT_VERSION || h->byte_order != LMT_BYTE_ORDER ||
        h->file_size != (uint64_t)ts.st_size || h->model_size != (uint64_t)ms.st_size ||
        h->model_mtime_sec != (int64_t)ms.st_mtim.tv_sec || h->model_mtime_nsec != (int64_t)ms.st_mtim.tv_nsec ||
        !h->model_sample || h->model_sample != model_sample(model, (uint64_t)ms.st_size) ||
        !n || h->word_bits != required_bits(n) || 3 * h->word_bits > 60 || !h->bigram_buckets ||
        !h->trigram_buckets || !h->vocab_slots || (h->vocab_slots & (h->vocab_slots - 1)) ||
        h->vocab_slots < n || !h->words_bytes ||
        !rests_fit(h->bigram_buckets, 2 * h->word_bits, BIGRAM_VALUE_BITS) ||
        !rests_fit(h->trigram_buckets, 3 * h->word_bits, TRIGRAM_VALUE_BITS) ||
        !section_ok(h, h->off_quant, 3ull * QUANT_SIZE * sizeof(float)) ||
        !section_ok(h, h->off_unigrams, n * 2 * sizeof(float)) ||
        !section_ok(h, h->off_bigrams, (uint64_t)h->bigram_buckets * SLOTS * 8) ||
        !section_ok(h, h->off_trigrams, (uint64_t)h->trigram_buckets * SLOTS * 8) ||
        !section_ok(h, h->off_vocab, (uint64_t)h->vocab_slots * 8) || !section_ok(h, h->off_words, h->words_bytes))
        goto fail;
    const char *base = map;
    if (base[h->off_words + h->words_bytes - 1])
        goto fail;
    /* the words and ids of the vocabulary are in range (a lookup trusts
     * them), and it has an empty slot (where a lookup stops) */
    const uint64_t *vocab = (const uint64_t *)(base + h->off_vocab);
    int empty = 0;
    for (uint32_t i = 0; i < h->vocab_slots; i++) {
        empty |= !vocab[i];
        if (vocab[i] && (VOCAB_OFFSET(vocab[i]) >= h->words_bytes || VOCAB_ID(vocab[i]) < 0 ||
                         VOCAB_ID(vocab[i]) >= (int32_t)n))
            goto fail;
    }
    if (!empty)
        goto fail;
    if (!(t = calloc(1, sizeof *t)))
        goto fail;
    t->map = map;
    t->size = (size_t)ts.st_size;
    t->mid_prob = (const float *)(base + h->off_quant);
    t->mid_bo = t->mid_prob + QUANT_SIZE;
    t->long_prob = t->mid_bo + QUANT_SIZE;
    t->unigrams = (const float *)(base + h->off_unigrams);
    /* (read only: the mapping is) */
    t->bigrams = table_of((uint64_t *)(base + h->off_bigrams), h->bigram_buckets, BIGRAM_VALUE_BITS);
    t->trigrams = table_of((uint64_t *)(base + h->off_trigrams), h->trigram_buckets, TRIGRAM_VALUE_BITS);
    t->vocab = vocab;
    t->words = base + h->off_words;
    t->n_words = h->n_words;
    t->word_bits = h->word_bits;
    t->vocab_mask = h->vocab_slots - 1;
    close(fd);
    return t;
fail:
    if (map != MAP_FAILED)
        munmap(map, (size_t)ts.st_size);
    close(fd);
    return NULL;
}

void unspinf_lmtable_close(unspinf_lmtable *t)
{
    if (!t)
        return;
    munmap(t->map, t->size);
    free(t);
}

/* --- building a table from sphinxbase's trie file ------------------------------
 *
 * The file (sphinxbase's lm_trie.c, ngram_model_trie.c): "Trie Language
 * Model", the order (one byte), the counts (uint32 each), an int, the
 * quantisation tables, the unigrams (float prob, float backoff, uint32 index
 * of the first bigram; one more at the end), the bigrams and the trigrams as
 * bit-packed records, and the words (int32 length, then each word and a NUL).
 * The trie is reversed: a unigram w's bigrams are its histories h1, each
 * with its trigrams' h2.  A bigram record: h1 (word bits), the backoff index
 * (16 bits), the probability index (16), the index of its first trigram; a
 * trigram: h2, the probability index.  Fields are read as sphinxbase reads
 * them (32 bits from the byte the field starts in, shifted and masked), so
 * the values are the ones its scorer sees. */

#define TRIE_MAGIC "Trie Language Model"

typedef struct trie_file {
    const uint8_t *data;
    size_t size;
    uint32_t counts[3];
    const uint8_t *quant;        /* 3 * QUANT_SIZE floats */
    const uint8_t *unigrams;     /* 12 bytes each */
    const uint8_t *middle, *longest;
    uint32_t word_bits, next_bits, middle_bits, longest_bits;
    const char *words;
    uint32_t words_bytes;
} trie_file;

static uint32_t read_field(const uint8_t *base, uint64_t bit, uint32_t len)
{
    uint32_t v;
    memcpy(&v, base + (bit >> 3), sizeof v);
    return (v >> (bit & 7)) & (uint32_t)((1ull << len) - 1);
}

static uint32_t unigram_next(const trie_file *f, uint32_t w)
{
    uint32_t v;
    memcpy(&v, f->unigrams + 12ull * w + 8, sizeof v);
    return v;
}

static float unigram_value(const trie_file *f, uint32_t w, int which)
{
    float v;
    memcpy(&v, f->unigrams + 12ull * w + 4 * which, sizeof v);
    return v;
}

/* sphinxbase's bit-packed array size: one record more, rounded up to bytes,
 * and 8 bytes for reads past the end. */
static uint64_t packed_size(uint64_t records, uint32_t bits)
{
    return ((1 + records) * bits + 7) / 8 + 8;
}

static int parse_trie(const uint8_t *data, size_t size, trie_file *f)
{
    size_t at = strlen(TRIE_MAGIC);
    memset(f, 0, sizeof *f);
    if (size < at + 1 + 12 || memcmp(data, TRIE_MAGIC, at) || data[at] != 3)
        return -1;
    f->data = data;
    f->size = size;
    memcpy(f->counts, data + at + 1, 12);
    at += 1 + 12 + 4;
    uint64_t need = at + 3ull * QUANT_SIZE * 4 + 12ull * (f->counts[0] + 1);
    f->word_bits = required_bits(f->counts[0]);
    f->next_bits = required_bits(f->counts[2]);
    f->middle_bits = f->word_bits + 32 + f->next_bits;
    f->longest_bits = f->word_bits + 16;
    if (!f->counts[0] || f->word_bits > 20 || (f->counts[1] + 1ull) * f->middle_bits >= 1ull << 32 ||
        (f->counts[2] + 1ull) * f->longest_bits >= 1ull << 32)
        return -1;
    uint64_t middle_size = packed_size(f->counts[1], f->middle_bits),
             longest_size = packed_size(f->counts[2], f->longest_bits);
    if (need + middle_size + longest_size + 4 > size)
        return -1;
    f->quant = data + at;
    f->unigrams = f->quant + 3ull * QUANT_SIZE * 4;
    f->middle = data + need;
    f->longest = f->middle + middle_size;
    int32_t k;
    memcpy(&k, f->longest + longest_size, 4);
    f->words = (const char *)f->longest + longest_size + 4;
    if (k <= 0 || (uint64_t)((const uint8_t *)f->words - data) + (uint64_t)k != size || f->words[k - 1])
        return -1;
    f->words_bytes = (uint32_t)k;
    return 0;
}

/* Puts the n-gram mixed into m with value in; 1 when it is there already,
 * -1 when its rest or distance does not fit (the table must grow). */
static int put(ngram_table *t, uint64_t m, uint64_t value)
{
    uint64_t b, rest = split(t, m, &b);
    if (find(t, m))
        return 1;
    for (uint64_t dist = 0; dist <= MAX_DIST; dist++, b = b + 1 == t->n_buckets ? 0 : b + 1)
        for (int i = 0; i < SLOTS; i++)
            if (!t->slots[b * SLOTS + i]) {
                t->slots[b * SLOTS + i] = USED | dist << DIST_SHIFT | rest << t->value_bits | value;
                return 0;
            }
    return -1;
}

/* sphinxbase's search of a range of records for a word (lm_trie.c,
 * uniform_find), done as it does it, in 32-bit arithmetic: the index of the
 * record it finds, or -1.  Some ranges of en-us.lm.bin are out of order, so
 * that the search misses n-grams that are there: the table leaves out every
 * n-gram the model's own lookup cannot find. */
static int64_t trie_search(const trie_file *f, const uint8_t *records, uint32_t record_bits, uint32_t begin,
                           uint32_t end, uint32_t key)
{
    uint32_t before_it = begin - 1, before_v = 0, after_it = end, after_v = f->counts[0];
    while (after_it - before_it > 1) {
        uint32_t off = key - before_v, range = after_v - before_v, width = after_it - before_it - 1;
        uint32_t pivot = before_it + (1 + (off * width) / (range + 1));
        uint32_t mid = read_field(records, (uint32_t)(pivot * record_bits), f->word_bits);
        if (mid < key) {
            before_it = pivot;
            before_v = mid;
        } else if (mid > key) {
            after_it = pivot;
            after_v = mid;
        } else {
            return pivot;
        }
    }
    return -1;
}

/* Fills the bigram (trigrams 0) or trigram table (1) with the trie's n-grams
 * that its lookup finds; -1 and *err on a fault, -2 when the table is full. */
static int fill(const trie_file *f, ngram_table *t, int trigrams, char **err)
{
    const uint32_t wb = f->word_bits;
    for (uint32_t w = 0; w < f->counts[0]; w++) {
        uint32_t first = unigram_next(f, w), last = unigram_next(f, w + 1);
        if (first > last || last > f->counts[1])
            return unspin_error(err, "the model's unigram %u points past its bigrams", w);
        for (uint32_t j = first; j < last; j++) {
            uint64_t at = (uint64_t)j * f->middle_bits;
            uint32_t h1 = read_field(f->middle, at, wb);
            uint32_t bo = read_field(f->middle, at + wb, 16), prob = read_field(f->middle, at + wb + 16, 16);
            uint32_t tfirst = read_field(f->middle, at + wb + 32, f->next_bits),
                     tlast = read_field(f->middle, at + f->middle_bits + wb + 32, f->next_bits);
            if (h1 >= f->counts[0] || tfirst > tlast || tlast > f->counts[2])
                return unspin_error(err, "the model's bigram %u is out of range", j);
            /* the record the model finds for h1 w (another, or none, when
             * the range is out of order or has h1 twice) */
            if (trie_search(f, f->middle, f->middle_bits, first, last, h1) != j)
                continue;
            int r = 0;
            if (!trigrams) {
                r = put(t, bigram_key(wb, h1, w), (uint64_t)prob << 16 | bo);
            } else {
                for (uint32_t k = tfirst; k < tlast && !r; k++) {
                    uint64_t lat = (uint64_t)k * f->longest_bits;
                    uint32_t h2 = read_field(f->longest, lat, wb), p = read_field(f->longest, lat + wb, 16);
                    if (h2 >= f->counts[0])
                        return unspin_error(err, "the model's trigram %u is out of range", k);
                    if (trie_search(f, f->longest, f->longest_bits, tfirst, tlast, h2) == k)
                        r = put(t, trigram_key(wb, h2, h1, w), p);
                }
            }
            if (r > 0)
                return unspin_error(err, "the model has an n-gram twice (bigram %u)", j);
            if (r < 0)
                return -2;
        }
    }
    return 0;
}

/* Builds one table, larger until it fits. */
static int build_table(const trie_file *f, int trigrams, ngram_table *t, char **err)
{
    uint64_t count = f->counts[trigrams ? 2 : 1];
    double buckets = count / (SLOTS * LOAD) + 1;
    for (int tries = 0; tries < 8; tries++, buckets *= 1.1) {
        *t = table_of(NULL, (uint32_t)buckets, trigrams ? TRIGRAM_VALUE_BITS : BIGRAM_VALUE_BITS);
        if (!rests_fit(t->n_buckets, (trigrams ? 3 : 2) * f->word_bits, t->value_bits))
            continue;
        if (!(t->slots = calloc((size_t)t->n_buckets * SLOTS, 8)))
            return unspin_error(err, "out of memory");
        int r = fill(f, t, trigrams, err);
        if (r != -2)
            return r;
        free(t->slots);
        t->slots = NULL;
    }
    return unspin_error(err, "cannot fit the model's %s in a table", trigrams ? "trigrams" : "bigrams");
}

static uint64_t align64(uint64_t x) { return (x + 63) & ~63ull; }

static int write_all(FILE *out, const void *p, uint64_t bytes, uint64_t *at)
{
    static const char zeros[64];
    uint64_t pad = align64(*at) - *at;
    if (fwrite(zeros, 1, pad, out) != pad || fwrite(p, 1, bytes, out) != bytes)
        return -1;
    *at += pad + bytes;
    return 0;
}

int unspinf_lmtable_write(const char *model, const char *out_path, char **err)
{
    struct stat ms;
    FILE *in = fopen(model, "rb");
    if (!in || fstat(fileno(in), &ms)) {
        if (in)
            fclose(in);
        return unspin_error(err, "cannot read language model \"%s\": %s", model, strerror(errno));
    }
    uint8_t *data = malloc((size_t)ms.st_size + 1);
    size_t got = data ? fread(data, 1, (size_t)ms.st_size, in) : 0;
    fclose(in);
    trie_file f;
    ngram_table big = { 0 }, tri = { 0 };
    uint64_t *vocab = NULL;
    float *unigrams = NULL;
    FILE *out = NULL;
    int rc = -1;
    if (!data || got != (size_t)ms.st_size) {
        unspin_error(err, "cannot read language model \"%s\"", model);
        goto done;
    }
    if (parse_trie(data, got, &f)) {
        unspin_error(err, "\"%s\" is not a sphinxbase trie model of order 3 (an .lm.bin file): no table made", model);
        goto done;
    }
    if (build_table(&f, 0, &big, err) || build_table(&f, 1, &tri, err))
        goto done;
    uint32_t n = f.counts[0], slots = 1;
    while (slots < 2 * n)
        slots <<= 1;
    vocab = calloc(slots, 8);
    unigrams = malloc(8ull * n);
    if (!vocab || !unigrams) {
        unspin_error(err, "out of memory");
        goto done;
    }
    if (n >= VOCAB_FIELD || f.words_bytes > VOCAB_FIELD) {
        unspin_error(err, "the model has too many words for a table");
        goto done;
    }
    uint32_t off = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (off >= f.words_bytes) {
            unspin_error(err, "the model has fewer words than unigrams");
            goto done;
        }
        const char *word = f.words + off;
        unigrams[2 * i] = unigram_value(&f, i, 0);
        unigrams[2 * i + 1] = unigram_value(&f, i, 1);
        /* as sphinxbase's hash: a word there twice keeps its first id */
        uint64_t h = word_hash(word), s = h;
        while (vocab[s & (slots - 1)] && strcmp(f.words + VOCAB_OFFSET(vocab[s & (slots - 1)]), word))
            s++;
        if (!vocab[s & (slots - 1)])
            vocab[s & (slots - 1)] = VOCAB_SLOT(h, off, i);
        off += (uint32_t)strlen(word) + 1;
    }
    lmt_header h = { .version = LMT_VERSION, .byte_order = LMT_BYTE_ORDER, .model_size = (uint64_t)ms.st_size,
                     .model_mtime_sec = ms.st_mtim.tv_sec, .model_mtime_nsec = ms.st_mtim.tv_nsec,
                     .model_sample = model_sample(model, (uint64_t)ms.st_size),
                     .n_words = n, .word_bits = f.word_bits, .n_bigrams = f.counts[1], .n_trigrams = f.counts[2],
                     .bigram_buckets = big.n_buckets, .trigram_buckets = tri.n_buckets, .vocab_slots = slots,
                     .words_bytes = f.words_bytes };
    memcpy(h.magic, LMT_MAGIC, 8);
    uint64_t at = sizeof h;
    h.off_quant = align64(at);
    h.off_unigrams = align64(h.off_quant + 3ull * QUANT_SIZE * 4);
    h.off_bigrams = align64(h.off_unigrams + 8ull * n);
    h.off_trigrams = align64(h.off_bigrams + 64ull * big.n_buckets);
    h.off_vocab = align64(h.off_trigrams + 64ull * tri.n_buckets);
    h.off_words = align64(h.off_vocab + 8ull * slots);
    h.file_size = h.off_words + f.words_bytes;
    if (!(out = fopen(out_path, "wb"))) {
        unspin_error(err, "cannot write \"%s\": %s", out_path, strerror(errno));
        goto done;
    }
    at = 0;
    if (write_all(out, &h, sizeof h, &at) || write_all(out, f.quant, 3ull * QUANT_SIZE * 4, &at) ||
        write_all(out, unigrams, 8ull * n, &at) || write_all(out, big.slots, 64ull * big.n_buckets, &at) ||
        write_all(out, tri.slots, 64ull * tri.n_buckets, &at) || write_all(out, vocab, 8ull * slots, &at) ||
        write_all(out, f.words, f.words_bytes, &at) || at != h.file_size) {
        unspin_error(err, "cannot write \"%s\": %s", out_path, strerror(errno));
        goto done;
    }
    rc = 0;
done:
    if (out && fclose(out) && !rc)
        rc = unspin_error(err, "cannot write \"%s\": %s", out_path, strerror(errno));
    free(data);
    free(big.slots);
    free(tri.slots);
    free(vocab);
    free(unigrams);
    return rc;
}
