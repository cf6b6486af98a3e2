#!/bin/sh
# clean.sh - text without boilerplate comes out byte for byte: a clean
# article, empty input, blank lines only, a text without a final newline.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/boilerplate/article.sh"

awk '{ print; print "" }' "$T/body.txt" > "$T/clean.txt"
run "$UNSPIN" -f boilerplate "$T/clean.txt"
expect_rc 0 "clean article"
expect_same "$T/out" "$T/clean.txt" "a clean article is unchanged"

# A list inside the article (between paragraphs) is the article's, not a menu.
{ sed -n 1,3p "$T/body.txt"; printf 'Ann Lee (Chair)\nBob Stone (Treasurer)\nCara Moss (Harbour Master)\nDan Reed (Engineer)\n'; sed -n '4,$p' "$T/body.txt"; } > "$T/list.txt"
run "$UNSPIN" -f boilerplate "$T/list.txt"
expect_same "$T/out" "$T/list.txt" "a list between paragraphs is kept"

printf '' > "$T/empty.txt"
run "$UNSPIN" -f boilerplate "$T/empty.txt"
expect_rc 0 "empty input"
expect_same "$T/out" "$T/empty.txt" "empty input gives empty output"

printf '\n\n  \n' > "$T/blank.txt"
run "$UNSPIN" -f boilerplate "$T/blank.txt"
expect_same "$T/out" "$T/blank.txt" "blank lines only are left alone"

printf '%s' "$(cat "$T/body.txt")" > "$T/nonl.txt"
run "$UNSPIN" -f boilerplate "$T/nonl.txt"
expect_same "$T/out" "$T/nonl.txt" "no final newline: unchanged"
{ cat "$T/body.txt"; printf 'Source link'; } > "$T/tail.txt"
run "$UNSPIN" -f boilerplate "$T/tail.txt"
expect_same "$T/out" "$T/body.txt" "a last line without newline can be removed"
finish
