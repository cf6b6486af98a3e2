#!/bin/sh
# unicode.sh - the unicode filter through the unspin command: JSON Lines,
# the report, bad options, and the real invalid byte in the BBC corpus.
. "$top_srcdir/tests/lib.sh"

# JSON Lines: each record repaired on its own; ids kept.
printf '%s\n' '{"id":"a","text":"Caf\u00c3\u00a9"}' '{"id":"b","text":"fine"}' '{"id":"c","text":""}' > "$T/in.jsonl"
run "$UNSPIN" -f unicode --jsonl "$T/in.jsonl"
expect_rc 0 "jsonl run"
expect_out '{"id":"a","text":"Café"}
{"id":"b","text":"fine"}
{"id":"c","text":""}' "jsonl records repaired, the others unchanged"

# The report names each repair.
printf 'x \342\200\234y\342\200\235 \243\n' > "$T/a.txt"
run "$UNSPIN" -f unicode --report "$T/report.jsonl" "$T/a.txt"
expect_rc 0 "report run"
if grep -q '"reason":"curly quote"' "$T/report.jsonl" && grep -q 'invalid UTF-8 byte' "$T/report.jsonl"; then
    ok "report lists the repairs with reasons"
else
    fail "report lacks the repairs: $(head -c 400 "$T/report.jsonl")"
fi

# A bad option is a clear error.
run "$UNSPIN" -f unicode --set unicode.no_such=true "$T/a.txt"
if [ "$RC" != 0 ] && grep -q 'no_such' "$T/err"; then ok "unknown option rejected"; else fail "unknown option: exit $RC, $(cat "$T/err")"; fi

# Binary junk and NULs: no crash, valid UTF-8 out, printable text kept.
printf 'start\000\377\376\300\200\355\240\200 end\n' > "$T/junk.txt"
run "$UNSPIN" -f unicode "$T/junk.txt"
expect_rc 0 "junk input"
if grep -q '^start.* end$' "$T/out" && iconv -f UTF-8 -t UTF-8 "$T/out" >/dev/null 2>&1; then
    ok "junk became valid UTF-8 with the text kept"
else
    fail "junk output: $(od -c "$T/out" | head -3)"
fi

# The corpus has one Latin-1 pound sign (sport/199.txt).
if [ -d "$SHARED/corpora/bbc-news" ]; then
    run "$UNSPIN" -f unicode "$SHARED/corpora/bbc-news/sport/199.txt"
    expect_rc 0 "sport/199.txt"
    if grep -q "$(printf '\302\243')" "$T/out" && iconv -f UTF-8 -t UTF-8 "$T/out" >/dev/null 2>&1; then
        ok "the Latin-1 pound sign became UTF-8"
    else
        fail "sport/199.txt not repaired"
    fi
else
    echo "skip - $SHARED/corpora/bbc-news not found (the shared data is beside the project)"
fi
finish
