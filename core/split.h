/* split.h - where to cut a long plain article into parts that are cleaned
 * one after the other, so memory stays bounded whatever the input size. */
#ifndef UNSPIN_SPLIT_H
#define UNSPIN_SPLIT_H
#include <stddef.h>

/* Default --chunk-size: big enough that no real article is split (news
 * articles are a few kB), small enough that the default chain's working
 * memory on one part stays small: the unspin filter takes ~20 bytes a byte,
 * the unicode filter ~30 on a line with non-ASCII text, and with -j 2 each
 * thread's malloc arena keeps its own.  On 16 MB one-line inputs with -j 2
 * the peak is 265 MB with 1 MiB parts, 139 MB with 512 KiB, 76 MB with
 * 256 KiB. */
#define DEFAULT_CHUNK_SIZE ((size_t)256 << 10)   /* 256 KiB */

/* Where to end a part taken from s[0..n) when more text follows: the offset
 * in (0, n] of the first byte of the next part.  In order of preference the
 * start of the last paragraph (a line after a blank line), of the last line,
 * of the last sentence (after ". ", "! " or "? "), of the last word, or the
 * last UTF-8 character boundary; n when there is none of these. */
size_t split_point(const char *s, size_t n);
#endif
