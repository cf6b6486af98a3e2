#!/bin/sh
# The test spinner (bench/spinner) behaves as the repair measurements assume: it replaces what
# its vocabulary names, keeps case, punctuation and line structure, writes the original as gold,
# and gives the same output for the same seed.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
SPINNER="$top_srcdir/bench/spinner"
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
same() {   # same NAME EXPECTED ACTUAL
    [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"
}

cat > "$tmp/vocab.txt" <<'EOF'
# a small vocabulary, so every expected output is known
said = stated
in the = within the
last year = final yr
easy = simple
important = crucial
soldier, soldiers = trooper, troopers
white house = white home
EOF
spin() { printf '%s' "$1" | python3 "$SPINNER" --vocab "$tmp/vocab.txt" --rate 1; }

# replacements, longest phrase first, whole words only
same "phrases" "He stated within the hall final yr that it was simple." \
    "$(spin 'He said in the hall last year that it was easy.')"
same "whole words only" "Unsaid, said-so, well-said." "$(spin 'Unsaid, said-so, well-said.')"
# case: Title, SHOUTED, Every Word Title, possessive kept
same "case" "Stated the TROOPERS at the White Home; the trooper's gun." \
    "$(spin "Said the SOLDIERS at the White House; the soldier's gun.")"
# a/an follows the new word, keeping the article's case
same "a/an" "It is a crucial and a simple task; A crucial one." \
    "$(spin 'It is an important and an easy task; An important one.')"
# phrases do not cross a line break; line ends (CRLF, no final newline) are kept
printf 'in\nthe said\r\nlast\nyear' > "$tmp/lines.txt"
python3 "$SPINNER" --vocab "$tmp/vocab.txt" --rate 1 < "$tmp/lines.txt" > "$tmp/lines.out"
printf 'in\nthe stated\r\nlast\nyear' > "$tmp/lines.want"
cmp -s "$tmp/lines.want" "$tmp/lines.out" || fail "line structure: $(od -c "$tmp/lines.out" | head -3)"
# rate 0 changes nothing
same "rate 0" "He said in the hall." "$(printf 'He said in the hall.' | python3 "$SPINNER" --vocab "$tmp/vocab.txt" --rate 0)"

# bytes that are not UTF-8 pass through untouched
printf 'caf\351 said \377\n' > "$tmp/latin1.txt"
python3 "$SPINNER" --vocab "$tmp/vocab.txt" --rate 1 < "$tmp/latin1.txt" > "$tmp/latin1.out"
printf 'caf\351 stated \377\n' > "$tmp/latin1.want"
cmp -s "$tmp/latin1.want" "$tmp/latin1.out" || fail "non-UTF-8 bytes were not kept"

# with the real vocabulary: determinism, gold = original, same lines, same punctuation
article="$tmp/in/business/001.txt"
mkdir -p "$tmp/in/business"
cat > "$article" <<'EOF'
Firm says profits will rise next year

The company said on Monday that its profits were expected to increase by more than 10% in the
next year, according to a statement. "It is an important step," the chief executive said.

Shares in the firm, which employs several thousand people, rose 3% in early trading. However,
analysts warned that the economy remained weak and that the company faced a difficult year.
EOF
python3 "$SPINNER" --seed 7 -o "$tmp/a" "$article" || fail "spinner -o failed"
python3 "$SPINNER" --seed 7 -o "$tmp/b" "$article"
python3 "$SPINNER" --seed 8 -o "$tmp/c" "$article"
[ -f "$tmp/a/business-001.txt" ] && [ -f "$tmp/a/business-001.gold.txt" ] || fail "-o did not write business-001.txt and business-001.gold.txt"
cmp -s "$tmp/a/business-001.txt" "$tmp/b/business-001.txt" || fail "same seed gave different output"
cmp -s "$tmp/a/business-001.txt" "$tmp/c/business-001.txt" && fail "seeds 7 and 8 gave the same output"
cmp -s "$tmp/a/business-001.txt" "$article" && fail "the default rate changed nothing"
cmp -s "$tmp/a/business-001.gold.txt" "$article" || fail "gold is not the original"
[ "$(wc -l < "$tmp/a/business-001.txt")" = "$(wc -l < "$article")" ] || fail "line count changed"
# only words change: the punctuation outside words is the same sequence (the real vocabulary
# writes "%" and "sq." for "per cent" and "square"; this text has neither)
punct() { tr -d '[:alnum:] \n' < "$1"; }
same "punctuation" "$(punct "$article")" "$(punct "$tmp/a/business-001.txt")"

# JSON Lines: the text field is spun, other fields and bad lines are kept
printf '%s\n' '{"id":"x1","text":"They said so.","n":[1,2]}' 'not json' \
    | python3 "$SPINNER" --vocab "$tmp/vocab.txt" --rate 1 --jsonl > "$tmp/out.jsonl" 2> "$tmp/err"
same "jsonl record" '{"id": "x1", "text": "They stated so.", "n": [1, 2]}' "$(sed -n 1p "$tmp/out.jsonl")"
same "jsonl bad line kept" "not json" "$(sed -n 2p "$tmp/out.jsonl")"
grep -q "line 2" "$tmp/err" || fail "the bad JSON line was not named on stderr"

# bad input gets a clear error
printf 'said = stated, declared\n' > "$tmp/bad.txt"
printf 'x' | python3 "$SPINNER" --vocab "$tmp/bad.txt" > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] && grep -q "bad.txt:1: 1 forms on the left but 2" "$tmp/err" || fail "bad vocabulary: $(cat "$tmp/err")"
printf 'x' | python3 "$SPINNER" --rate 2 > /dev/null 2> "$tmp/err"
[ $? -eq 1 ] && grep -q "rate must be between 0 and 1" "$tmp/err" || fail "bad --rate: $(cat "$tmp/err")"
python3 "$SPINNER" --vocab /nonexistent < /dev/null > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] && grep -q "cannot read vocabulary /nonexistent" "$tmp/err" || fail "missing vocabulary: $(cat "$tmp/err")"

# the shipped vocabulary loads and is broad
n=$(grep -cv '^\(#.*\)\{0,1\}$' "$top_srcdir/bench/spinner-vocab.txt")
[ "$n" -ge 500 ] || fail "bench/spinner-vocab.txt has only $n entries"

[ $fails -eq 0 ] && echo "spinner: all checks passed"
[ $fails -eq 0 ]
