#!/bin/sh
# A long plain article is cleaned in parts (--chunk-size, issue 6): the
# parts are cut at paragraph breaks (else lines, sentences, words, UTF-8
# characters), each goes through the chain as an article of its own, and the
# outputs are written one after the other.  Checks that the output is
# exactly that, with -j 1 and -j 2, and, where GNU time is at hand, that the
# peak memory of the default chain on a 40 MB article stays under 150 MB.
. "$top_srcdir/tests/lib.sh"

# block SEED BYTES: a paragraph-free block (lines, no blank line) of about
# BYTES bytes of news-like text with the odd repair for each filter
# (mojibake, an entity, curly quotes, a share line), ending in a blank line.
block() {
    awk -v seed="$1" -v bytes="$2" 'BEGIN {
        srand(seed)
        nw = split("the minister said council plans would affect many people in the area " \
              "and critics warned that costs were rising while officials defended the " \
              "decision saying services had improved over recent years despite cuts", w, " ")
        n = 0
        while (n < bytes) {
            line = ""
            k = 8 + int(rand() * 30)
            for (i = 0; i < k; i++)
                line = line (i ? " " : "") w[1 + int(rand() * nw)]
            r = rand()
            if (r < 0.05) line = line " itâ€™s caf\303\251 &amp; more"
            else if (r < 0.10) line = "\342\200\234" line "\342\200\235"
            else if (r < 0.12) line = "Share this article"
            line = toupper(substr(line, 1, 1)) substr(line, 2) "."
            print line
            n += length(line) + 1
        }
        print ""
    }'
}

# --- exact concatenation at paragraph breaks -----------------------------------
# Blocks of 33-60 kB cleaned with --chunk-size 64K: every part is one block,
# so the output must be the outputs of the blocks cleaned one by one.
i=0
for size in 40000 60000 34000 50000 45000 59000 36000; do
    i=$((i + 1))
    block $i $size >"$T/b$i.txt"
done
cat "$T"/b[1-7].txt >"$T/article.txt"
"$UNSPIN" "$T"/b[1-7].txt >"$T/want.txt" 2>"$T/err" || fail "the blocks one by one: $(head -c 300 "$T/err")"
for j in 1 2; do
    run "$UNSPIN" --chunk-size 64K -j $j <"$T/article.txt"
    expect_rc 0 "-j $j: a 350 kB article in 64 kB parts"
    expect_same "$T/out" "$T/want.txt" "-j $j: output = the blocks' outputs, in order"
done
run "$UNSPIN" --chunk-size 1M --report "$T/report.jsonl" <"$T/article.txt"
expect_rc 0 "the same article under --chunk-size 1M"
if [ "$(wc -l <"$T/report.jsonl")" = 1 ] && ! grep -q '"part"' "$T/report.jsonl"; then ok "not split: one report line, no part"
else fail "not split: report $(cut -c 1-80 "$T/report.jsonl")"; fi

# --- the report names each part ----------------------------------------------------
run "$UNSPIN" --chunk-size 64K --report "$T/report.jsonl" <"$T/article.txt"
expect_rc 0 "--report with parts"
if [ "$(grep -c '"part":' "$T/report.jsonl")" = 7 ] && grep -q '^{"source":"-","part":3,"offset":'"$(cat "$T"/b[12].txt | wc -c)"',' "$T/report.jsonl"; then
    ok "one report line per part, with its number and offset"
else fail "report: $(cut -c 1-80 "$T/report.jsonl")"; fi

# --- no blank line: lines, then words ----------------------------------------------
# A 300 kB line through a filter that changes 'a' to 'A': wherever the cuts
# fall, nothing may be lost, doubled or moved.
awk 'BEGIN { for (i = 0; i < 30000; i++) printf "a%d bb ", i }' >"$T/line.txt"
tr a A <"$T/line.txt" >"$T/line-want.txt"
for j in 1 2; do
    run "$UNSPIN" -f example --set 'example.replace=[{"from":"a","to":"A"}]' --chunk-size 16K -j $j <"$T/line.txt"
    expect_rc 0 "-j $j: a 300 kB line in 16 kB parts"
    expect_same "$T/out" "$T/line-want.txt" "-j $j: the line cleaned whole"
done
# No white space at all: the cuts fall between UTF-8 characters, so the
# unicode filter sees no broken sequence (it would read one as
# Windows-1252).
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "\303\251\342\202\254\360\237\230\200" }' >"$T/utf8.txt"
run "$UNSPIN" -f unicode --chunk-size 1000 <"$T/utf8.txt"
expect_rc 0 "180 kB of multi-byte characters in 1000-byte parts"
expect_same "$T/out" "$T/utf8.txt" "no character cut in two"

# --- options --------------------------------------------------------------------
run "$UNSPIN" --chunk-size 0 -f example <"$T/line.txt"
expect_rc 0 "--chunk-size 0: never split"
expect_same "$T/out" "$T/line.txt" "--chunk-size 0: the article whole"
run "$UNSPIN" --chunk-size 1X
expect_rc 1 "--chunk-size 1X"
expect_err 'chunk-size 1X: expected a size' "--chunk-size 1X: named"

# --- peak memory on a 40 MB article -------------------------------------------------
# The article is 200 different blocks of 200 kB: under the default 256 KiB
# parts each part is one block, so the output is the blocks' outputs.
# (Whole, it would take ~800 MB: nothing repeats, boilerplate keeps it all.)
# GNU time gives the peak; not measured under valgrind or sanitizers.
if command -v /usr/bin/time >/dev/null 2>&1 && /usr/bin/time -f %M true >/dev/null 2>&1 &&
   [ -z "${UNSPIN_WRAPPED:-}" ] && ! grep -q '^SAN_FLAGS = -fsanitize' "$top_builddir/Makefile"; then
    mkdir "$T/big"
    for k in $(seq 100 299); do block $k 200000 >"$T/big/b$k.txt"; done
    cat "$T"/big/b*.txt >"$T/big.txt"
    "$UNSPIN" "$T"/big/b*.txt >"$T/big-want.txt"
    rm -rf "$T/big"
    for j in 1 2; do
        /usr/bin/time -f %M -o "$T/kb" "$UNSPIN" -j $j <"$T/big.txt" >"$T/big.out"
        kb=$(tail -n 1 "$T/kb")
        echo "# 40 MB article, -j $j: peak $kb kB"
        expect_same "$T/big.out" "$T/big-want.txt" "40 MB, -j $j: output = the blocks' outputs"
        if [ "$kb" -lt 153600 ]; then ok "40 MB, -j $j: peak $kb kB < 150 MB"; else fail "40 MB, -j $j: peak $kb kB >= 150 MB"; fi
    done
else
    echo "# no GNU time (or under valgrind/sanitizers): peak memory not measured"
fi
finish
