/* hash.h - the hashes the unspin filter's tables and caches share. */
#ifndef UNSPINF_HASH_H
#define UNSPINF_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a: start from UNSPINF_FNV_SEED, then add bytes one at a time
 * (unspinf_fnv_byte) or n at once (unspinf_fnv). */
#define UNSPINF_FNV_SEED 1469598103934665603ull
#define UNSPINF_FNV_PRIME 1099511628211ull

static inline uint64_t unspinf_fnv_byte(uint64_t h, unsigned char c)
{
    return (h ^ c) * UNSPINF_FNV_PRIME;
}

static inline uint64_t unspinf_fnv(uint64_t h, const void *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = unspinf_fnv_byte(h, ((const unsigned char *)p)[i]);
    return h;
}

/* A one-to-one mixing of numbers of `bits` bits (at most 64; each step can
 * be undone, see lmtable.c's unmix_bits()), so that a table's index and the
 * rest of a key still name one key. */
#define UNSPINF_MIX_C1 0x9E3779B97F4A7C15ull
#define UNSPINF_MIX_C2 0xC2B2AE3D27D4EB4Full

static inline uint64_t unspinf_mix_bits(uint64_t x, unsigned bits)
{
    const uint64_t mask = bits < 64 ? (1ull << bits) - 1 : ~0ull;
    x ^= x >> (bits / 2);
    x = (x * UNSPINF_MIX_C1) & mask;
    x ^= x >> (bits / 2);
    x = (x * UNSPINF_MIX_C2) & mask;
    x ^= x >> (bits / 2);
    return x;
}

#endif
