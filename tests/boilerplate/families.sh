#!/bin/sh
# families.sh - every pattern family removes its lines; the article's lines
# (headline, subheading, body) stay verbatim and in order; each removal is in
# the report with the rule that made it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/boilerplate/article.sh"

run "$UNSPIN" -f boilerplate --report "$T/report.jsonl" "$T/article.txt"
expect_rc 0 "boilerplate runs on an article with chrome"
grep -v '^$' "$T/out" > "$T/kept.txt"
expect_same "$T/kept.txt" "$T/body.txt" "exactly the article's lines are kept, in order"
while IFS= read -r line; do
    if grep -qxF -- "$line" "$T/out"; then fail "chrome line kept: $line"; else ok "removed: $line"; fi
done < "$T/chrome.txt"

# The report names the family and pattern of each removal.
for fam in bylines categories datelines comments share related promos credits notes legal navigation; do
    if grep -q "\"reason\":\"$fam: " "$T/report.jsonl"; then ok "report names family $fam"
    else fail "no removal by family $fam in the report: $(head -c 600 "$T/report.jsonl")"; fi
done
grep -q '"before":"Contributing: Reuters\\n"' "$T/report.jsonl" \
    && ok "report holds the removed text" || fail "removed text missing from the report"

# Bylines go; prose that starts with "By" stays.
{ sed -n 1p "$T/body.txt"; echo "By LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKER"; echo "by Regan September 15, 2014";
  echo "By Tuesday, the council had voted to rebuild the wall."; echo "By most accounts, the old wall worked."; sed -n '2,$p' "$T/body.txt"; } > "$T/by.txt"
run "$UNSPIN" -f boilerplate "$T/by.txt"
if grep -q "MASCARO\|by Regan" "$T/out"; then fail "a byline was kept"; else ok "bylines removed"; fi
grep -q "^By Tuesday, the council" "$T/out" && grep -q "^By most accounts" "$T/out" \
    && ok "prose starting with By stays" || fail "prose starting with By removed: $(cat "$T/out")"

# A repeat of the headline goes, the headline stays.
{ sed -n 1p "$T/body.txt"; echo "- World News"; sed -n 1p "$T/body.txt"; sed -n '2,$p' "$T/body.txt"; } > "$T/dup.txt"
run "$UNSPIN" -f boilerplate "$T/dup.txt"
expect_same "$T/out" "$T/body.txt" "the repeated headline is removed, the first copy kept"

# A menu: a run of short link-like lines above the article.
{ printf 'Home\nWorld\nPolitics and Power\nBusiness Desk\nClimate Lab\nArts\n'; cat "$T/body.txt"; } > "$T/menu.txt"
run "$UNSPIN" -f boilerplate --report "$T/menu.jsonl" "$T/menu.txt"
expect_same "$T/out" "$T/body.txt" "a menu above the article is removed"
grep -q 'menu: a run of short link-like lines' "$T/menu.jsonl" \
    && ok "the menu rule is named in the report" || fail "menu rule not in the report"
# A comment section: its header ("@tail" pattern) ends the article, so the
# readers' comments below it go even though they are prose.
{ cat "$T/body.txt"; echo "12 responses to the harbour wall story"; echo "harbourfan says:";
  echo "I have lived on the front for thirty years and I have never seen the water come up so high, so I am very glad that the council has finally decided to do something about the wall."; } > "$T/comments.txt"
run "$UNSPIN" -f boilerplate --report "$T/c.jsonl" "$T/comments.txt"
expect_same "$T/out" "$T/body.txt" "the comment section after the article is removed"
grep -q 'after the start of the comments' "$T/c.jsonl" && ok "comment prose logged as such" \
    || fail "comment removal reason missing"
finish
