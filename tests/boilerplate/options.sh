#!/bin/sh
# options.sh - the filter's options do what they say, and bad ones are
# clear errors.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/boilerplate/article.sh"
has() { grep -qxF -- "$1" "$T/out"; }

# Switching families: a credit line and a promo that read like sentences
# stay when their family is off (the context pass keeps sentences after the
# article) and go when it is on.
{ cat "$T/body.txt"; echo "Reporting by Jane Smith in London; editing by Tom Brown."; echo "Sign up for our newsletter today."; } > "$T/fam.txt"
CREDIT="Reporting by Jane Smith in London; editing by Tom Brown."
PROMO="Sign up for our newsletter today."
run "$UNSPIN" -f boilerplate "$T/fam.txt"
has "$CREDIT" && fail "default: credit line kept" || ok "default: credit line removed"
has "$PROMO" && fail "default: promo kept" || ok "default: promo removed"
run "$UNSPIN" -f boilerplate --set 'boilerplate.keep=["credits"]' "$T/fam.txt"
expect_rc 0 "keep credits"
has "$CREDIT" && ok "keep credits: the credit line stays" || fail "keep credits: credit line removed"
has "$PROMO" && fail "keep credits: promo kept" || ok "keep credits: promos still removed"
run "$UNSPIN" -f boilerplate --report "$T/drop.jsonl" --set 'boilerplate.drop=["credits"]' "$T/fam.txt"
has "$CREDIT" && fail "drop credits: credit line kept" || ok "drop credits: credit line removed"
grep -q '"reason":"credits: ' "$T/drop.jsonl" && ok "drop credits: removed by the credits family" \
    || fail "drop credits: no credits removal in the report"
grep -q '"reason":"promos: ' "$T/drop.jsonl" && fail "drop credits: the promos family still at work" \
    || ok "drop credits: promos family off"
run "$UNSPIN" -f boilerplate --report "$T/keep.jsonl" --set 'boilerplate.keep=["share","credits"]' "$T/article.txt"
grep -q '"reason":"share: ' "$T/keep.jsonl" && fail "keep share: a share pattern still removed a line" \
    || ok "keep share: no removal by the share family"
grep -q '"reason":"promos: ' "$T/keep.jsonl" && ok "keep share: promos still at work" || fail "keep share: no promo removal"

# An extra pattern file, named after its family.
printf '# my site\n<=80 harbour times radio: .*\n' > "$T/harbour.txt"
{ cat "$T/body.txt"; echo "Harbour Times Radio: listen live every morning"; } > "$T/extra.txt"
run "$UNSPIN" -f boilerplate --report "$T/r.jsonl" --set "boilerplate.patterns=[\"$T/harbour.txt\"]" "$T/extra.txt"
expect_rc 0 "extra pattern file"
expect_same "$T/out" "$T/body.txt" "extra pattern removes the site's line"
grep -q '"reason":"harbour: harbour times radio' "$T/r.jsonl" && ok "extra family named in the report" \
    || fail "extra family not in report: $(head -c 400 "$T/r.jsonl")"

# Context: a short line between good text and boilerplate that does not read
# like a sentence is kept by "gentle" and dropped by "normal".
{ cat "$T/body.txt"; echo "Harbour notes and more"; echo "Leave a Reply"; } > "$T/ctx.txt"
run "$UNSPIN" -f boilerplate --set boilerplate.context=gentle "$T/ctx.txt"
has "Harbour notes and more" && ok "gentle keeps the short line" || fail "gentle dropped the short line"
run "$UNSPIN" -f boilerplate --set boilerplate.context=normal "$T/ctx.txt"
has "Harbour notes and more" && fail "normal kept the short line" || ok "normal drops the short line"
run "$UNSPIN" -f boilerplate --set boilerplate.context=aggressive "$T/ctx.txt"
has "Harbour notes and more" && fail "aggressive kept the short line" || ok "aggressive drops the short line"

# Another stopword list: with no English stopwords the text is judged
# without them, so the article still stays.
printf 'der\ndie\ndas\n' > "$T/de.txt"
awk '{ print; print "" }' "$T/body.txt" > "$T/clean.txt"
run "$UNSPIN" -f boilerplate --set "boilerplate.stopwords=\"$T/de.txt\"" "$T/clean.txt"
expect_same "$T/out" "$T/clean.txt" "another stopword list: clean text unchanged"

run "$UNSPIN" -f boilerplate --set boilerplate.trace=true "$T/article.txt"
expect_err "KEEP" "trace prints kept lines"
expect_err "drop.*credits" "trace prints the family of removed lines"

# Bad options.
bad() {  # bad OPTION-SET ERROR-PATTERN what
    run "$UNSPIN" -f boilerplate --set "$1" "$T/article.txt"
    if [ "$RC" != 0 ] && grep -q -- "$2" "$T/err"; then ok "$3"; else fail "$3: exit $RC, stderr: $(head -c 300 "$T/err")"; fi
}
bad 'boilerplate.nosuch=1' 'unknown option "nosuch"' "unknown option"
bad 'boilerplate.drop=["nosuch"]' 'unknown pattern family "nosuch"' "unknown family in drop"
bad 'boilerplate.keep=[1]' 'must be a string or an array of strings' "keep of numbers"
bad 'boilerplate.context="wild"' '"context" must be' "bad context"
bad 'boilerplate.trace="yes"' '"trace" must be true or false' "bad trace"
bad "boilerplate.patterns=\"$T/missing.txt\"" 'cannot open pattern file' "missing pattern file"
bad "boilerplate.stopwords=\"$T/missing.txt\"" 'cannot open stopword list' "missing stopword list"
printf 'share (this\n' > "$T/broken.txt"
bad "boilerplate.patterns=\"$T/broken.txt\"" 'broken.txt:1: bad pattern' "bad regular expression, with file and line"
printf '<=abc share\n' > "$T/badmax.txt"
bad "boilerplate.patterns=\"$T/badmax.txt\"" 'badmax.txt:1:.*<=N' "bad length limit"
printf '# nothing\n' > "$T/nostop.txt"
bad "boilerplate.stopwords=\"$T/nostop.txt\"" 'has no words' "empty stopword list"
printf '{"filters":{"boilerplate":{"drop":["share"],"keep":["credits"]}}}' > "$T/both.json"
run "$UNSPIN" -f boilerplate -c "$T/both.json" "$T/article.txt"
if [ "$RC" != 0 ] && grep -q 'not both' "$T/err"; then ok "drop and keep together"; else fail "drop+keep: exit $RC $(cat "$T/err")"; fi
finish
