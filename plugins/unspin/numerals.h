/* numerals.h - whether a digit in the text counts something in words' place.
 *
 * Spinners write a small number as a digit ("the 2 soldiers" for "the two
 * soldiers"; dicts/unspin/numbers.map).  Authors write digits too, where a
 * spelt-out number would be wrong: in numerals and amounts ("2.5", "£2",
 * "4 million"), dates and times ("January 9", "2 pm"), names and labels
 * ("Radio 1", "section 5", "Shrek 2"), lists, ranges and results ("4 or 5
 * April", "Henry 2, 29").  Only a digit outside all of these is a candidate. */
#ifndef UNSPINF_NUMERALS_H
#define UNSPINF_NUMERALS_H

#include <stddef.h>

#include "tokens.h"

/* 1 when word i of w (n words of text, which is end bytes long), whose
 * first character is a digit, stands alone as a count that news would spell
 * out; 0 when it is part of a numeral, an amount, a date, a time, a name or a
 * list. */
int unspinf_digit_is_count(const char *text, size_t end, const unspinf_word *w, long n, long i);

#endif
