/* lm.c - sphinxbase n-gram scoring for the unspin filter (see lm.h). */
#include "lm.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sphinxbase/err.h>
#include <sphinxbase/logmath.h>
#include <sphinxbase/ngram_model.h>
#include <unspin/filter.h>

#include "hash.h"
#include "lmtable.h"

/* Deciding a cluster of spun forms scores the same few trigrams over and
 * over (every combination of candidates, then again with the neighbours
 * decided), news repeats its trigrams from article to article, and
 * sphinxbase's trie lookup is slow (cache misses over 27 MB: about half the
 * time of a spun run went into it).  So the scores looked up are kept in one
 * table that all threads share without a lock: a slot is one 64-bit word,
 * read and written whole, holding the model's integer score (29 bits) and
 * enough of the trigram to tell it from any other (the three ids + 1,
 * MEMO_WID_BITS each, are mixed one-to-one by unspinf_mix_bits() and split
 * into the index of a set of slots and a 33-bit tag).  A set is the 8 slots
 * of one cache line, so that a lookup is one cache miss: a new score goes into its first slot and
 * the others move down, the last one out.  256K sets: 16 MB.  (A 16 MB spun
 * run looks up 3.3M trigrams here, 0.82M different ones: 512K pairs of slots
 * missed 1.56M, 128K sets of 8 1.26M; 256K sets cut its CPU time by a tenth
 * more.) */
#define MEMO_SET_BITS 18
#define MEMO_WAYS 8
#define MEMO_BYTES (((size_t)MEMO_WAYS << MEMO_SET_BITS) * sizeof(uint64_t))
#define MEMO_WID_BITS 17          /* larger ids are not memoised (en-us has 72,547 words) */
#define MEMO_KEY_BITS (3 * MEMO_WID_BITS)
#define MEMO_TAG_BITS (MEMO_KEY_BITS - MEMO_SET_BITS)   /* 33 */
#define MEMO_SCORE_BITS 29        /* scores out of range are not memoised (log10 P < -11,000) */
#define MEMO_USED (1ull << 63)
#define MEMO_SCORE_MASK ((1ull << MEMO_SCORE_BITS) - 1)

/* Every word of a spun article is looked up in the model's vocabulary, the
 * same common words again and again: the thread keeps their ids too, in 16K
 * slots of 32 bytes, two to a cache line (512 KB: 8K slots kept 85% of the
 * 1.7M lookups of a 16 MB spun run, a word missed costing two cache misses in
 * the table; 32K of 40 bytes kept 94%, but waited on memory for each). */
#define WORD_BITS 14
#define WORD_TEXT 24              /* words of WORD_TEXT bytes or more are not memoised */

typedef struct word_slot {
    uint32_t hash;
    int32_t wid;
    char text[WORD_TEXT];     /* the word and a NUL; "" when empty */
} word_slot;

/* In front of the shared table, each thread keeps the scores it used last
 * in a small table of its own (64 KB, in the core's cache): a cluster's
 * windows look up the same trigrams again and again, and a look into the
 * shared 16 MB is a cache miss. */
#define NEAR_BITS 12

typedef struct near_slot {
    uint64_t key;             /* the mixed key | MEMO_USED; 0: empty */
    double logp;
} near_slot;

typedef struct thread_memo {
    near_slot near[1u << NEAR_BITS];
    word_slot words[1u << WORD_BITS];
    int home;                 /* the model copy this thread tries first */
} thread_memo;

/* sphinxbase's trie scorer caches its last history inside the model, so one
 * model serves one thread at a time.  Rather than every thread queueing for
 * one model, threads take whichever copy is free; another copy (27 MB for
 * en-us) is read only when lookups keep finding every copy busy, so a run on
 * one thread, or one that seldom needs the model (clean text), reads one,
 * and no more copies are read than there are cores (nor than MAX_COPIES, to
 * bound the memory). */
#define MAX_COPIES 4
#define WAITS_BEFORE_COPY 32

typedef struct model_copy {
    pthread_mutex_t lock;     /* held while this copy scores */
    logmath_t *lmath;
    ngram_model_t *model;
} model_copy;

struct unspinf_lm {
    char *path;
    char *table_path;         /* the model's table (lmtable.h), or NULL */
    unspinf_lmtable *table;   /* when it is there and up to date: no copies */
    logmath_t *lmath;         /* turns the integer scores to log10 */
    model_copy copies[MAX_COPIES];
    int n_copies;             /* copies read (atomic; only grows) */
    int max_copies;           /* (atomic) */
    int waits;                /* lookups that found every copy busy since the last was read (atomic) */
    pthread_mutex_t load_lock;
    int state;                /* 0 not read yet, 1 read, -1 unreadable (atomic) */
    int bos, eos, unknown;    /* unknown: the model's id for words it lacks */
    uint64_t *scores;         /* the shared memo of scores (NULL when out of memory) */
    pthread_key_t memo;       /* this thread's thread_memo */
};

unspinf_lm *unspinf_lm_open(const char *path, const char *table, char **err)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        unspin_error(err, "language model \"%s\" not found (set the option \"model\" to an n-gram file, "
                          "e.g. from the Debian package pocketsphinx-en-us)", path);
        return NULL;
    }
    unspinf_lm *lm = calloc(1, sizeof *lm);
    if (!lm || !(lm->path = strdup(path)) || (table && !(lm->table_path = strdup(table)))) {
        if (lm)
            free(lm->path);
        free(lm);
        unspin_error(err, "out of memory");
        return NULL;
    }
    if (pthread_key_create(&lm->memo, free)) {
        free(lm->path);
        free(lm->table_path);
        free(lm);
        unspin_error(err, "out of memory");
        return NULL;
    }
    for (int i = 0; i < MAX_COPIES; i++)
        pthread_mutex_init(&lm->copies[i].lock, NULL);
    pthread_mutex_init(&lm->load_lock, NULL);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    lm->max_copies = cores < 1 ? 1 : cores > MAX_COPIES ? MAX_COPIES : (int)cores;
    return lm;
}

/* The shared memo, zeroed and aligned to cache lines; NULL when out of
 * memory.  On huge pages where the system gives them: its lines are read at
 * random, and most reads would otherwise miss the TLB too (3% of the CPU time
 * of a spun run). */
#define HUGE_PAGE ((size_t)2 << 20)

static uint64_t *memo_alloc(void)
{
    char *p = mmap(NULL, MEMO_BYTES + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    /* keep the MEMO_BYTES from the first huge page boundary */
    size_t lead = (HUGE_PAGE - (uintptr_t)p % HUGE_PAGE) % HUGE_PAGE;
    if (lead)
        munmap(p, lead);
    munmap(p + lead + MEMO_BYTES, HUGE_PAGE - lead);
#ifdef MADV_HUGEPAGE
    madvise(p + lead, MEMO_BYTES, MADV_HUGEPAGE);
#endif
    return (uint64_t *)(p + lead);
}

/* Reads one more copy of the model; 0 when it cannot be read. */
static int read_copy(unspinf_lm *lm, model_copy *c)
{
    err_set_logfp(NULL);      /* sphinxbase logs every load step to stderr otherwise */
    c->lmath = logmath_init(1.0001, 0, 0);
    c->model = c->lmath ? ngram_model_read(NULL, lm->path, NGRAM_AUTO, c->lmath) : NULL;
    if (!c->model && c->lmath) {
        logmath_free(c->lmath);
        c->lmath = NULL;
    }
    return c->model != NULL;
}

/* Maps the model's table instead of reading the model; 0 when there is no
 * table for it as it is now. */
static int map_table(unspinf_lm *lm)
{
    if (!lm->table_path || !(lm->table = unspinf_lmtable_open(lm->table_path, lm->path)))
        return 0;
    if (!(lm->lmath = logmath_init(1.0001, 0, 0))) {   /* as read_copy's */
        unspinf_lmtable_close(lm->table);
        lm->table = NULL;
        return 0;
    }
    lm->bos = unspinf_lmtable_wid(lm->table, "<s>");
    lm->eos = unspinf_lmtable_wid(lm->table, "</s>");
    lm->unknown = UNSPINF_LM_UNKNOWN;
    /* the table's lookups of an unseen trigram are three cache misses, the
     * memo's one: it stays in front */
    lm->scores = memo_alloc();
    return 1;
}

static void load(unspinf_lm *lm)
{
    if (map_table(lm)) {
        __atomic_store_n(&lm->state, 1, __ATOMIC_RELEASE);
        return;
    }
    int ok = read_copy(lm, &lm->copies[0]);
    if (ok) {
        lm->bos = ngram_wid(lm->copies[0].model, "<s>");
        lm->eos = ngram_wid(lm->copies[0].model, "</s>");
        lm->unknown = ngram_unknown_wid(lm->copies[0].model);
        lm->lmath = lm->copies[0].lmath;   /* every copy's logmath is made alike */
        lm->scores = memo_alloc();
        __atomic_store_n(&lm->n_copies, 1, __ATOMIC_RELEASE);
    }
    __atomic_store_n(&lm->state, ok ? 1 : -1, __ATOMIC_RELEASE);
}

/* 1 when the model is read (reading it now if need be), -1 when it cannot be. */
static int ensure(unspinf_lm *lm)
{
    int state = __atomic_load_n(&lm->state, __ATOMIC_ACQUIRE);
    if (state)
        return state;
    pthread_mutex_lock(&lm->load_lock);
    if (!__atomic_load_n(&lm->state, __ATOMIC_ACQUIRE))
        load(lm);
    pthread_mutex_unlock(&lm->load_lock);
    return lm->state;
}

int unspinf_lm_ready(unspinf_lm *lm, char **err)
{
    if (ensure(lm) > 0)
        return 0;
    return unspin_error(err, "cannot read language model \"%s\" (not an ARPA, DMP or binary n-gram file?)",
                        lm->path);
}

void unspinf_lm_close(unspinf_lm *lm)
{
    if (!lm)
        return;
    for (int i = 0; i < MAX_COPIES; i++) {
        if (lm->copies[i].model)
            ngram_model_free(lm->copies[i].model);
        if (lm->copies[i].lmath)
            logmath_free(lm->copies[i].lmath);
        pthread_mutex_destroy(&lm->copies[i].lock);
    }
    pthread_mutex_destroy(&lm->load_lock);
    if (lm->table) {
        unspinf_lmtable_close(lm->table);
        logmath_free(lm->lmath);
    }
    free(lm->table_path);
    if (lm->scores)
        munmap(lm->scores, MEMO_BYTES);
    free(pthread_getspecific(lm->memo));   /* other threads' went with them */
    pthread_key_delete(lm->memo);
    free(lm->path);
    free(lm);
}

static thread_memo *get_memo(unspinf_lm *lm)
{
    thread_memo *memo = pthread_getspecific(lm->memo);
    if (memo)
        return memo;
    /* (aligned, so that each word slot is in one cache line) */
    if ((memo = aligned_alloc(64, (sizeof *memo + 63) / 64 * 64))) {
        memset(memo, 0, sizeof *memo);
        if (pthread_setspecific(lm->memo, memo)) {
            free(memo);
            memo = NULL;
        }
    }
    return memo;
}

int unspinf_lm_wid(unspinf_lm *lm, const char *word)
{
    if (ensure(lm) < 0)
        return UNSPINF_LM_UNKNOWN;
    size_t len = strlen(word);
    thread_memo *memo = len && len < WORD_TEXT ? get_memo(lm) : NULL;
    word_slot *slot = NULL;
    uint64_t h = 0;
    if (memo) {
        h = unspinf_fnv(UNSPINF_FNV_SEED, word, len);
        slot = &memo->words[(h * UNSPINF_MIX_C1) >> (64 - WORD_BITS)];
        if (slot->hash == (uint32_t)h && !memcmp(slot->text, word, len + 1))
            return slot->wid;
    }
    int32 wid = lm->table ? unspinf_lmtable_wid(lm->table, word) : ngram_wid(lm->copies[0].model, word);
    /* the model has no unknown word of its own: ngram_wid gives -1 for it */
    wid = wid < 0 || wid == lm->unknown ? UNSPINF_LM_UNKNOWN : wid;
    if (slot) {
        slot->hash = (uint32_t)h;
        slot->wid = wid;
        memcpy(slot->text, word, len + 1);
    }
    return wid;
}

int unspinf_lm_bos(unspinf_lm *lm) { return ensure(lm) > 0 ? lm->bos : UNSPINF_LM_UNKNOWN; }
int unspinf_lm_eos(unspinf_lm *lm) { return ensure(lm) > 0 ? lm->eos : UNSPINF_LM_UNKNOWN; }

/* A free copy for this thread, locked: its usual one if free, else any free
 * one, else a new copy when there may be more, else it waits for its own. */
static model_copy *take_copy(unspinf_lm *lm, thread_memo *tm)
{
    int n = __atomic_load_n(&lm->n_copies, __ATOMIC_ACQUIRE), home = tm && tm->home < n ? tm->home : 0;
    for (int i = 0; i < n; i++) {
        int k = (home + i) % n;
        if (!pthread_mutex_trylock(&lm->copies[k].lock)) {
            if (tm)
                tm->home = k;
            return &lm->copies[k];
        }
    }
    /* every copy busy: read another, after a few such waits (a run that
     * seldom needs the model, as on clean text, is not worth a copy) and
     * unless one is being read already */
    if (n < __atomic_load_n(&lm->max_copies, __ATOMIC_RELAXED) &&
        __atomic_add_fetch(&lm->waits, 1, __ATOMIC_RELAXED) >= WAITS_BEFORE_COPY &&
        !pthread_mutex_trylock(&lm->load_lock)) {
        model_copy *c = NULL;
        int m = __atomic_load_n(&lm->n_copies, __ATOMIC_ACQUIRE);
        if (m < __atomic_load_n(&lm->max_copies, __ATOMIC_RELAXED) && read_copy(lm, &lm->copies[m])) {
            c = &lm->copies[m];
            pthread_mutex_lock(&c->lock);
            __atomic_store_n(&lm->waits, 0, __ATOMIC_RELAXED);
            __atomic_store_n(&lm->n_copies, m + 1, __ATOMIC_RELEASE);
            if (tm)
                tm->home = m;
        } else {
            __atomic_store_n(&lm->max_copies, m, __ATOMIC_RELAXED);  /* out of memory: make do with those there are */
        }
        pthread_mutex_unlock(&lm->load_lock);
        if (c)
            return c;
    }
    pthread_mutex_lock(&lm->copies[home].lock);
    return &lm->copies[home];
}

/* The model's score (logmath's integer log) of w after hist. */
static int32 model_score(unspinf_lm *lm, thread_memo *tm, int32 w, int32 *hist, int32 n_hist)
{
    if (lm->table)
        return unspinf_lmtable_score(lm->table, w, hist, n_hist);
    int32 n_used;
    model_copy *c = take_copy(lm, tm);
    int32 score = ngram_ng_score(c->model, w, hist, n_hist, &n_used);
    pthread_mutex_unlock(&c->lock);
    return score;
}

double unspinf_lm_score(unspinf_lm *lm, const int *wids, size_t from, size_t to)
{
    return unspinf_lm_score_more(lm, wids, from, to, 0, NULL);
}

/* The history of word i: up to two known words right before it (sphinxbase
 * wants the nearest first); an unknown word ends it, as a backoff would.
 * Returns how many. */
static int32 history(const int *wids, size_t i, int32 hist[2])
{
    hist[0] = i > 0 ? wids[i - 1] : UNSPINF_LM_UNKNOWN;
    hist[1] = hist[0] != UNSPINF_LM_UNKNOWN && i > 1 ? wids[i - 2] : UNSPINF_LM_UNKNOWN;
    return hist[0] == UNSPINF_LM_UNKNOWN ? 0 : hist[1] == UNSPINF_LM_UNKNOWN ? 1 : 2;
}

#define NO_KEY UINT64_MAX

/* The memo key of word i (mixed), or NO_KEY when its ids are too large. */
static uint64_t memo_key(const int *wids, size_t i)
{
    int32 hist[2];
    history(wids, i, hist);
    /* each id + 1 (0 for none) in MEMO_WID_BITS */
    uint64_t x = (uint32_t)wids[i] + 1u, y = (uint32_t)hist[0] + 1u, z = (uint32_t)hist[1] + 1u;
    if ((x | y | z) >= (1u << MEMO_WID_BITS))
        return NO_KEY;
    return unspinf_mix_bits(x << (2 * MEMO_WID_BITS) | y << MEMO_WID_BITS | z, MEMO_KEY_BITS);
}

/* log10 P(wids[i] | the two words before it), from the memos if there
 * (key: memo_key()), else from the model. */
static double word_score(unspinf_lm *lm, thread_memo *tm, const int *wids, size_t i, uint64_t key)
{
    int32 hist[2];   /* (worked out only when the memos miss) */
    if (key == NO_KEY) {
        int32 n_hist = history(wids, i, hist);
        return logmath_log_to_log10(lm->lmath, model_score(lm, tm, wids[i], hist, n_hist));
    }
    near_slot *near = tm ? &tm->near[key & ((1u << NEAR_BITS) - 1)] : NULL;
    if (near && near->key == (key | MEMO_USED))
        return near->logp;
    int32 score;
    uint64_t *set = lm->scores ? &lm->scores[MEMO_WAYS * (key >> MEMO_TAG_BITS)] : NULL;
    uint64_t tag = MEMO_USED | (key & ((1ull << MEMO_TAG_BITS) - 1)) << MEMO_SCORE_BITS, v = 0;
    for (int k = 0; set && k < MEMO_WAYS; k++) {
        v = __atomic_load_n(&set[k], __ATOMIC_RELAXED);
        if (!v || (v & ~MEMO_SCORE_MASK) == tag)
            break;   /* (slots fill in order: the rest are empty) */
        v = 0;
    }
    if (v) {
        /* (the sign of MEMO_SCORE_BITS bits) */
        score = (int32)((uint32_t)(v << (32 - MEMO_SCORE_BITS))) >> (32 - MEMO_SCORE_BITS);
    } else {
        int32 n_hist = history(wids, i, hist);
        score = model_score(lm, tm, wids[i], hist, n_hist);
        if (set && score >= -(1 << (MEMO_SCORE_BITS - 1)) && score < (1 << (MEMO_SCORE_BITS - 1))) {
            for (int k = MEMO_WAYS - 1; k > 0; k--)
                __atomic_store_n(&set[k], __atomic_load_n(&set[k - 1], __ATOMIC_RELAXED), __ATOMIC_RELAXED);
            __atomic_store_n(&set[0], tag | ((uint64_t)(uint32_t)score & MEMO_SCORE_MASK), __ATOMIC_RELAXED);
        }
    }
    double logp = logmath_log_to_log10(lm->lmath, score);
    if (near) {
        near->key = key | MEMO_USED;
        near->logp = logp;
    }
    return logp;
}

/* Words scored at once: their slots in the shared memo are fetched together,
 * so that the cache misses overlap. */
#define BATCH 16

double unspinf_lm_score_more(unspinf_lm *lm, const int *wids, size_t from, size_t to, double total,
                             double *running)
{
    int ready = ensure(lm) > 0;
    thread_memo *tm = ready ? get_memo(lm) : NULL;
    uint64_t keys[BATCH];
    for (size_t i = from; i < to; i++) {
        size_t b = (i - from) % BATCH;
        if (ready && b == 0) {
            for (size_t j = i; j < to && j < i + BATCH; j++) {
                uint64_t key = keys[j - i] = wids[j] == UNSPINF_LM_UNKNOWN ? NO_KEY : memo_key(wids, j);
                if (key == NO_KEY || (tm && tm->near[key & ((1u << NEAR_BITS) - 1)].key == (key | MEMO_USED)))
                    continue;
                if (lm->scores)
                    __builtin_prefetch(&lm->scores[MEMO_WAYS * (key >> MEMO_TAG_BITS)]);
            }
        }
        if (ready)
            total += wids[i] == UNSPINF_LM_UNKNOWN ? UNSPINF_LM_UNKNOWN_LOGP : word_score(lm, tm, wids, i, keys[b]);
        if (running)
            running[i] = total;
    }
    return total;
}
