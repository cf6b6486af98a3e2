#!/bin/sh
# structure.sh - boilerplate told by how the page is laid out rather than
# by a pattern: runs of teasers (other articles' headlines run into their
# summaries), comment threads without a header (commenters' bylines), and
# text far from the article that has none of its title's words.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/boilerplate/article.sh"
has() { grep -qF -- "$1" "$T/out"; }

# Teasers above the article: three lines that each begin with a headline in
# title case or carry a dateline mid-line go; the article stays.
cat > "$T/teasers.txt" <<'TXT'
Harbour town votes to rebuild its flooded sea wall before winter
Police Say Two In Custody After Break-In At Harbour Chandlery A 24-year-old man and a 28-year-old woman were arrested on Tuesday after the chandlery on the quay was broken into overnight.
Customers Leave Without Paying The Bill At Quayside Restaurant A party of six left the restaurant on the front without paying for a meal that cost more than four hundred pounds on Saturday.
Fishermen protest over new quotas in the capital LONDON: Hundreds of fishermen from the coast took their boats up the river on Monday to protest against the new quotas for the coming year.
TXT
sed -n '2,$p' "$T/body.txt" >> "$T/teasers.txt"
run "$UNSPIN" -f boilerplate --report "$T/t.jsonl" "$T/teasers.txt"
if has "Police Say Two" || has "Customers Leave" || has "LONDON: Hundreds"; then fail "teasers kept: $(cat "$T/out")"
else ok "a run of teasers is removed"; fi
expect_same "$T/out" "$T/body.txt" "the article stays whole"
grep -q 'teasers: ' "$T/t.jsonl" && ok "teasers named in the report" || fail "teaser reason missing"
# one such line alone is not a run: it stays
{ sed -n 1,2p "$T/teasers.txt"; sed -n '2,$p' "$T/body.txt"; } > "$T/one.txt"
run "$UNSPIN" -f boilerplate "$T/one.txt"
has "Police Say Two" && ok "a single title-case line stays" || fail "a single teaser-like line was removed"

# A comment thread with no header: two commenters' bylines after the
# article start it; their prose goes, however long.
{ cat "$T/body.txt"; echo "Milan Griffes on September 12, 2018 at 4:47 pm said:";
  echo "I have lived on the front for thirty years and I have never seen the water come up so high, so I am very glad that the council has finally decided to do something about the wall before the winter.";
  echo "Catherine on September 13, 2018 at 5:23 pm said:";
  echo "Thank you for writing, we have passed your comment on to the engineers and they will answer the questions that residents have asked about the work at the next public meeting in the hall."; } > "$T/thread.txt"
run "$UNSPIN" -f boilerplate --report "$T/th.jsonl" "$T/thread.txt"
expect_same "$T/out" "$T/body.txt" "a comment thread after the article is removed"
grep -q 'after the start of the comments' "$T/th.jsonl" && ok "comment prose logged as such" || fail "no comment reason"
# one "said:" line in the article is a quote's lead-in, not a thread
{ sed -n 1,3p "$T/body.txt"; echo "The engineer, who has worked on the wall since 1998, said:"; sed -n '4,$p' "$T/body.txt"; } > "$T/quote.txt"
run "$UNSPIN" -f boilerplate "$T/quote.txt"
has "Some shop owners said" && ok "one said-line does not end the article" || fail "article cut at a quote: $(cat "$T/out")"

# Far from the article, with none of its title's words: a cookie notice
# after the footer goes even though it is long prose; the article stays.
{ cat "$T/body.txt"; printf '%s\n' "Back to top" "About Us" "Contact Us" "Advertise" "Careers" "Site Map" \
    "Accessibility" "Help" "RSS" "Privacy Policy" "Terms of Use" "© 2025 Harbour Times. All rights reserved.";
  echo "This notice explains how cookies work on the pages you are reading, which of them are needed for the pages to function properly, and which ones are only there to measure how many people read each page.";
  echo "Necessary cookies are absolutely essential for the pages to function properly; they only store settings and the choices you make, and they are not used to follow you around to other places."; } > "$T/far.txt"
run "$UNSPIN" -f boilerplate --report "$T/f.jsonl" "$T/far.txt"
expect_same "$T/out" "$T/body.txt" "text far from the article without its title's words is removed"
grep -q "none of the title's words" "$T/f.jsonl" && ok "named in the report" || fail "far reason missing"
# the same text close to the article (a paragraph that does not repeat the
# title) stays
{ cat "$T/body.txt"; sed -n '$p' "$T/far.txt"; } > "$T/near.txt"
run "$UNSPIN" -f boilerplate "$T/near.txt"
expect_same "$T/out" "$T/near.txt" "a paragraph next to the article stays"
# An article in short paragraphs, cut up by image credits: three short
# sentences in a row are the article's, not lines among boilerplate.
{ sed -n 1p "$T/body.txt"; echo "Image copyright Getty Images";
  echo "The council voted on Tuesday to rebuild the wall that failed in the storms.";
  echo "Residents had spent weeks clearing mud from the houses along the front.";
  echo "Engineers said the old wall could no longer hold back the water.";
  echo "Image copyright Harbour Times"; echo "Share this article"; } > "$T/short.txt"
run "$UNSPIN" -f boilerplate "$T/short.txt"
has "The council voted on Tuesday" && has "Residents had spent weeks" && has "Engineers said the old wall" \
    && ok "short paragraphs between credits stay" || fail "short paragraphs removed: $(cat "$T/out")"
has "Image copyright" && fail "credit kept" || ok "the credits go"

# A long line without any punctuation is a list of links or tags, not prose:
# it goes after the article, and stays between two paragraphs (a list in
# the article, as news writes a line of names).
TAGS="harbour wall flood defence council meeting engineers winter storms tide shop owners road closure quay chandlery restaurant fishermen quotas boats river protest coast weather events news local town residents mud debris houses front century water wind spring"
{ cat "$T/body.txt"; echo "$TAGS"; } > "$T/tags.txt"
run "$UNSPIN" -f boilerplate --report "$T/tags.jsonl" "$T/tags.txt"
expect_same "$T/out" "$T/body.txt" "a tag list after the article goes"
grep -q 'without punctuation' "$T/tags.jsonl" && ok "named in the report" || fail "no punctuation reason"
{ sed -n 1,3p "$T/body.txt"; echo "$TAGS"; sed -n '4,$p' "$T/body.txt"; } > "$T/tags2.txt"
run "$UNSPIN" -f boilerplate "$T/tags2.txt"
expect_same "$T/out" "$T/tags2.txt" "the same line between paragraphs stays"

# The title's words leave out the site's name after "|": a block about the
# site (which names it) far from the article goes.
{ echo "Harbour town votes to rebuild its flooded sea wall before winter | Coastal Gazette"; sed -n '2,$p' "$T/body.txt";
  printf '%s\n' "Back to top" "About Us" "Contact Us" "Advertise" "Careers" "Site Map" \
    "Accessibility" "Help" "RSS" "Privacy Policy" "Terms of Use" "© 2025 Harbour Times. All rights reserved.";
  echo "The Coastal Gazette is the leading source of news, events and weather for the coast, read every week by more than a hundred thousand people along the shore, and the Coastal Gazette has won prizes for its reporting.";
  echo "Founded in 1887, the Gazette is owned by its readers through a trust, so the Coastal Gazette answers to nobody but the people who read it, and it will stay free to read for everyone who lives nearby."; } > "$T/site.txt"
run "$UNSPIN" -f boilerplate "$T/site.txt"
has "is the leading source" && fail "the site's blurb was kept" || ok "the site's own blurb goes"
finish
